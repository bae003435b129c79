/*
 * nnom_local_dwcolrest_dsp.c - the one to three channels past a multiple
 * of four of a one-row layer at stride 2 with the one-row loop's records
 * (nnom_local_dwcol.h), in C from the overlapping last group's records
 * (-O2 on cores with NNOM_LOCAL_MAC_ASM): per line an int16 copy of the
 * channel (padding: the input zero point), then per output one LDR and
 * SMLAD a pair of taps (a window starts at an even entry: word-aligned).
 * ~150 instructions of set-up and ~8 an output plus ~2.5 a tap against
 * the tiny loops' lane (~250 and ~20) or the overlapping group (~60 an
 * output for four channels): (6,1) s2 18x1x13 valid 2510 -> 2404, (7,1)
 * s2 30x2x22 same 17210 -> 16701.
 */
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"

/* Most entries of a line's int16 copy (2 (out - 1) + k) */
#define DWCOL_REST_SPAN 160

/* The copy's words (written as int16, read as pairs) */
typedef uint32_t __attribute__((may_alias)) dwcol_rest_word_t;

static inline int32_t dwcol_rest_smlad(uint32_t x, uint32_t w, int32_t acc)
{
    int32_t r;
    __asm__("smlad %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(w), "r"(acc));
    return r;
}

/* ssat8(SMMLAR(acc, mult, ra) >> e): the loop's NNOM_DWCOL_RQ */
static inline int8_t dwcol_rest_rq(int32_t acc, int32_t mult, int32_t ra, int32_t e)
{
    int32_t r;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(acc), "r"(mult), "r"(ra));
    r >>= e;
    __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(r));
    return (int8_t)r;
}

/* The line's outputs from its int16 copy b (output u's window at b + 2 u:
 * word-aligned, so each pair of taps one LDR and one SMLAD against the
 * records' (2 w_t, 2 w_t+1) words w0..w3; P pairs and odd constant:
 * unrolled, the weights in registers). */
static inline __attribute__((always_inline)) void dwcol_rest_line(
    const dwcol_rest_word_t *b, int8_t *o, int8_t *end, int32_t ob, const int32_t *wp, int32_t P,
    int32_t odd, int32_t wl, int32_t bias, int32_t mult, int32_t ra, int32_t e)
{
    const uint32_t w0 = (uint32_t)wp[0], w1 = (uint32_t)wp[1], w2 = P > 2 ? (uint32_t)wp[2] : 0;
    const uint32_t w3 = P > 3 ? (uint32_t)wp[3] : 0;
    for (; o != end; b++, o += ob) {
        int32_t acc = dwcol_rest_smlad(b[0], w0, bias);
        acc = dwcol_rest_smlad(b[1], w1, acc);
        if (P > 2)
            acc = dwcol_rest_smlad(b[2], w2, acc);
        if (P > 3)
            acc = dwcol_rest_smlad(b[3], w3, acc);
        if (odd)
            acc += (int16_t)b[P] * wl;
        *o = dwcol_rest_rq(acc, mult, ra, e);
    }
}

int nnom_dwcol_rest(const nnom_conv_args_t *a, int32_t from)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c, down = a->k.w == 1, k = down ? a->k.h : a->k.w;
    const int32_t out = down ? a->out.h : a->out.w, lines = down ? a->out.w : a->out.h;
    /* under 6 outputs a channel its ~150 instructions of set-up cost more
     * than the overlapping group ((1,4) s2 1x8x37 valid: 2288 -> 2413) */
    if (out * lines < 6 || (down ? p->stride_h : p->stride_w) != 2)
        return 0;
    if (a->records == NULL || (a->records[0] & 1) != 0 || oc % 4 == 0 || oc < 4 ||
        from != oc - oc % 4 || k < 4 || k > 9 || 2 * (out - 1) + k > DWCOL_REST_SPAN ||
        (a->k.h != 1 && a->k.w != 1) || (down ? p->dilation_h : p->dilation_w) != 1 ||
        a->ch_mult != 1 || a->in.c != oc || p->output_zp != -128 || p->act_min != -128 ||
        p->act_max != 127 || nnom_dw_odd_flat(a))
        return 0;
    const int32_t in = down ? a->in.h : a->in.w, pad = down ? p->pad_top : p->pad_left;
    const int32_t xb = down ? a->in.w * oc : oc, ob = down ? a->out.w * oc : oc;
    const int32_t lx = down ? p->stride_w * oc : p->stride_h * a->in.w * oc;
    const int32_t lo = down ? oc : a->out.w * oc;
    const int32_t pairs = k / 2, odd = k & 1, words = 4 + 4 * pairs + 2 * odd + 12;
    const int32_t *g = a->records + oc / 4 * words; /* channels oc - 4 to oc - 1 */
    /* the copy's entries: [0, lo_) and [hi_, span) the zero point */
    const int32_t span = 2 * (out - 1) + k, zp = p->input_zp;
    const int32_t lo_ = pad < span ? pad : span, hi_ = in + pad < span ? in + pad : span;
    dwcol_rest_word_t buf[DWCOL_REST_SPAN / 2 + 1];
    int16_t *h = (int16_t *)buf;
    for (int32_t j = 0; j < lo_; j++)
        h[j] = (int16_t)zp;
    for (int32_t j = hi_; j < span; j++)
        h[j] = (int16_t)zp;
    for (int32_t c = from; c < oc; c++) {
        const int32_t l = c - (oc - 4); /* its lane */
        int32_t wp[4];
        for (int32_t t = 0; t < pairs; t++)
            wp[t] = g[4 + 4 * t + l];
        /* the odd tap: words (lane 0, lane 2), (lane 1, lane 3) */
        const int32_t wl = odd ? ((const int16_t *)(g + 4 + 4 * pairs))[(l & 1) * 2 + (l >> 1)] : 0;
        const int32_t *rq = g + 4 + 4 * pairs + 2 * odd + 3 * l;
        const int32_t bias = g[l], mult = rq[0], ra = rq[1], e = rq[2];
        for (int32_t v = 0; v < lines; v++) {
            const int8_t *x = a->input + v * lx + c + (lo_ - pad) * xb;
            int32_t j = lo_;
            for (; j + 1 < hi_; j += 2, x += 2 * xb) { /* two entries a step */
                h[j] = x[0];
                h[j + 1] = x[xb];
            }
            if (j < hi_)
                h[j] = *x;
            int8_t *o = a->output + v * lo + c, *end = o + out * ob;
            switch (2 * pairs + odd) {
            case 4: dwcol_rest_line(buf, o, end, ob, wp, 2, 0, wl, bias, mult, ra, e); break;
            case 5: dwcol_rest_line(buf, o, end, ob, wp, 2, 1, wl, bias, mult, ra, e); break;
            case 6: dwcol_rest_line(buf, o, end, ob, wp, 3, 0, wl, bias, mult, ra, e); break;
            case 7: dwcol_rest_line(buf, o, end, ob, wp, 3, 1, wl, bias, mult, ra, e); break;
            case 8: dwcol_rest_line(buf, o, end, ob, wp, 4, 0, wl, bias, mult, ra, e); break;
            default: dwcol_rest_line(buf, o, end, ob, wp, 4, 1, wl, bias, mult, ra, e); break;
            }
        }
    }
    return 1;
}
#else
typedef int nnom_local_dwcolrest_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
