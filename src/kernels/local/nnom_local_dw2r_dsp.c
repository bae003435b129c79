/*
 * nnom_local_dw2r_dsp.c - depthwise layers of two channels on 2D windows
 * of 2 or 3 rows of 5 to 16 taps at stride 2 along the row (any stride
 * down), multiplier 1 (-O2 on cores with NNOM_LOCAL_MAC_ASM).
 *
 * nnom_local_dw2_dsp.c's stride-2 pass over the window's rows: two
 * channels interleave, so SXTB16 of a word is channel 0's tap pair
 * (x_p, x_p+1), of the word one byte on channel 1's, and a pass's second
 * output's pair j is the first's pair j + 1. An output row's window rows
 * are read where they lie (a row apart), or, where padded (along the row,
 * or rows above or below the input) or where the reads would pass the
 * input's end, from copies a buffer row apart with the input zero point
 * around them (rows outside the input all zero point: the bias already
 * takes the zero point's share of every tap). The requantisation is
 * nnom_local_dw2_dsp.c's (SMMLAR, shift, SSAT); the same layers refused
 * (nnom_dw2_asks()).
 */
#include "nnom_local_dw2.h"
#include "nnom_local_dw_tiny.h" /* nnom_tiny_rq */
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define DW2R_MAX_ROWS 3
#define DW2R_MAX_PAIRS 8
/* bytes for the copied rows of one output row */
#define DW2R_BUF 512

/* One channel: the window's weight pairs (2 w_2j, 2 w_2j+1) row by row,
 * the bias less the window's zero point share (doubled), the
 * requantisation. */
typedef struct {
    int32_t w[DW2R_MAX_ROWS * DW2R_MAX_PAIRS];
    nnom_tiny_rq_t q;
} dw2r_ch_t;

/* One output row of one channel: its first window row's start, the
 * distance between rows, the outputs. */
typedef struct {
    const int8_t *x;
    int32_t d, n;
    int8_t *out;
    const dw2r_ch_t *r;
} dw2r_job_t;

/* R rows of NE pairs; passes of two outputs (8 bytes apart at stride 2),
 * then an odd one. */
NNOM_INLINE void dw2r_s2(const dw2r_job_t *jb, const int32_t NE, const int32_t R)
{
    const int8_t *x = jb->x;
    const int32_t d = jb->d;
    const dw2r_ch_t *r = jb->r;
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, sh = r->q.e;
    int8_t *out = jb->out;
    for (int32_t i = jb->n >> 1; i > 0; i--, x += 8, out += 4) {
        int32_t a0 = bias, a1 = bias;
#pragma GCC unroll 3
        for (int32_t y = 0; y < R; y++) {
            const int8_t *xr = x + y * d;
            const int32_t *w = r->w + y * DW2R_MAX_PAIRS;
            a0 = __smlad(nnom_dw2_x(xr), w[0], a0);
#pragma GCC unroll 8
            for (int32_t j = 1; j < NE; j++) {
                const int32_t v = nnom_dw2_x(xr + 4 * j);
                a0 = __smlad(v, w[j], a0);
                a1 = __smlad(v, w[j - 1], a1);
            }
            a1 = __smlad(nnom_dw2_x(xr + 4 * NE), w[NE - 1], a1);
        }
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
        out[2] = (int8_t)nnom_dw2_rq(a1, mult, ra, sh);
    }
    if (jb->n & 1) {
        int32_t a0 = bias;
#pragma GCC unroll 3
        for (int32_t y = 0; y < R; y++) {
            const int8_t *xr = x + y * d;
            const int32_t *w = r->w + y * DW2R_MAX_PAIRS;
#pragma GCC unroll 8
            for (int32_t j = 0; j < NE; j++)
                a0 = __smlad(nnom_dw2_x(xr + 4 * j), w[j], a0);
        }
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
    }
}

typedef void (*dw2r_fn)(const dw2r_job_t *);
#define DW2R_S2(N, R)                                                                            \
    static NNOM_NOINLINE void dw2r_s2_##N##_##R(const dw2r_job_t *j) { dw2r_s2(j, N, R); }
DW2R_S2(3, 2)
DW2R_S2(4, 2)
DW2R_S2(5, 2)
DW2R_S2(6, 2)
DW2R_S2(7, 2)
DW2R_S2(8, 2)
DW2R_S2(3, 3)
DW2R_S2(4, 3)
DW2R_S2(5, 3)
DW2R_S2(6, 3)
DW2R_S2(7, 3)
DW2R_S2(8, 3)
/* by rows less 2, pairs a row less 3 (5 to 16 taps) */
static const dw2r_fn dw2r_fns[2][DW2R_MAX_PAIRS - 2] = {
    {dw2r_s2_3_2, dw2r_s2_4_2, dw2r_s2_5_2, dw2r_s2_6_2, dw2r_s2_7_2, dw2r_s2_8_2},
    {dw2r_s2_3_3, dw2r_s2_4_3, dw2r_s2_5_3, dw2r_s2_6_3, dw2r_s2_7_3, dw2r_s2_8_3}};

/* Channel ch's weights and requantisation; 0 where its requantisation or
 * sums do not suit (nnom_local_dw2_dsp.c's rules, over the whole window). */
static int dw2r_build(const nnom_conv_args_t *a, int32_t ch, dw2r_ch_t *r)
{
    const int32_t kh = a->k.h, kw = a->k.w;
    const int8_t *w = a->weight + ch;
    int32_t *p = r->w, sum = 0;
    for (int32_t y = 0; y < kh; y++, p += DW2R_MAX_PAIRS) {
        int32_t j = 0;
        for (; 2 * j + 1 < kw; j++, w += 4) {
            const int32_t w0 = w[0], w1 = w[2];
            p[j] = (int32_t)(((uint32_t)w0 << 1 & 0xFFFFu) | (uint32_t)w1 << 17);
            sum += w0 + w1;
        }
        if (kw & 1) { /* the row's last tap alone (its pair's other half 0) */
            p[j] = (int32_t)((uint32_t)w[0] << 1 & 0xFFFFu);
            sum += w[0];
            w += 2;
        }
    }
    return nnom_tiny_rq(a, ch, kh * kw, sum, &r->q);
}

NNOM_INLINE void dw2r_put4(int8_t *d, uint32_t v)
{
    memcpy(d, &v, 4);
}

int nnom_dw2r_try(const nnom_conv_args_t *a)
{
    /* (two output channels, zero point -128, no clamp, 2 or 3 rows of 5+
     * taps at stride 2 along the row: nnom_dw2_asks()) */
    const int32_t kh = a->k.h, kw = a->k.w, n = a->out.w;
    if (a->ch_mult != 1 || a->in.c != 2 || a->p.stride_w != 2 || kh < 2 ||
        kh > DW2R_MAX_ROWS || kw < 5 || kw > 2 * DW2R_MAX_PAIRS || a->p.dilation_h != 1 ||
        a->p.dilation_w != 1 || n < 1)
        return 0;
    const int32_t pad = a->p.pad_left, entries = (n - 1) * 2 + kw;
    /* a row's reads: pixels up to entries + 1, channel 1 a byte on */
    const int32_t reach = 2 * entries + 5, rb = (reach + 3) & ~3;
    if (pad < 0 || pad >= entries || kh * rb > DW2R_BUF)
        return 0;
    dw2r_ch_t r[2];
    if (!dw2r_build(a, 0, &r[0]) || !dw2r_build(a, 1, &r[1]))
        return 0;
    const dw2r_fn fn = dw2r_fns[kh - 2][(kw + 1) / 2 - 3];
    const int32_t in_w = a->in.w, in_h = a->in.h, sh = a->p.stride_h;
    const int32_t rowb = 2 * in_w, last = in_h * rowb - reach;
    /* bytes of a row copied: the input's pixels the windows reach */
    const int32_t m = in_w < entries - pad ? in_w : entries - pad, nb = 2 * m;
    const uint32_t z = (uint32_t)(uint8_t)a->p.input_zp * 0x01010101u;
    int8_t buf[DW2R_BUF] __attribute__((aligned(4)));
    int filled = 0;
    int8_t *o = a->output;
    for (int32_t oy = 0, y0 = -a->p.pad_top; oy < a->out.h; oy++, y0 += sh, o += 2 * n) {
        const int8_t *x = a->input + y0 * rowb;
        int32_t d = rowb;
        if (pad != 0 || y0 < 0 || y0 + kh > in_h || (y0 + kh - 1) * rowb > last) {
            /* copies: the zero point around them (once), rows outside
             * the input all zero point */
            if (!filled) {
                for (int32_t i = 0; i < kh * rb; i += 4)
                    dw2r_put4(buf + i, z);
                filled = 1;
            }
            for (int32_t y = 0; y < kh; y++) {
                int8_t *dst = buf + y * rb;
                if (y0 + y < 0 || y0 + y >= in_h) {
                    for (int32_t i = 0; i < rb; i += 4)
                        dw2r_put4(dst + i, z);
                    continue;
                }
                const int8_t *src = a->input + (y0 + y) * rowb;
                dst += 2 * pad;
                int32_t i = 0;
                for (; i + 8 <= nb; i += 8) {
                    const uint32_t v0 = nnom_read4(src + i), v1 = nnom_read4(src + i + 4);
                    dw2r_put4(dst + i, v0);
                    dw2r_put4(dst + i + 4, v1);
                }
                for (; i + 2 <= nb; i += 2) {
                    dst[i] = src[i];
                    dst[i + 1] = src[i + 1];
                }
            }
            x = buf;
            d = rb;
        }
        dw2r_job_t j = {x, d, n, o, &r[0]};
        fn(&j);
        j = (dw2r_job_t){x + 1, d, n, o + 1, &r[1]};
        fn(&j);
    }
    return 1;
}

#else
typedef int nnom_local_dw2r_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
