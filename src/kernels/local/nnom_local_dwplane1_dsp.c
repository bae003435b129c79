/*
 * nnom_local_dwplane1_dsp.c - depthwise 2D windows on one channel,
 * 'valid', straight from the input's bytes (-O2 on DSP cores; see
 * nnom_local_dwplane1.h). One channel's rows are runs of bytes: a word
 * loaded at p gives (x[p], x[p+2]) by SXTB16 and (x[p+1], x[p+3]) by
 * SXTB16 ROR 8, and the taps are paired two apart, (w[j], w[j+2]) for j
 * in {0, 1} (k 3, 4), {0, 1, 4} (k 5), {0, 1, 4, 5} (k 6, 7). Output t of
 * a pass needs the pair at S t + j: the outputs of a pass share their
 * words (stride 1: one word serves two outputs, as even and odd half),
 * one SMLAD a pair and output. DW_CH widened every row to int16 first
 * (its copy and set-up were most of a small plane's run).
 */
#include <string.h>

#include "nnom_local_dwch.h"
#include "nnom_local_dwplane1.h"

#if NNOM_LOCAL_MAC_ASM
/* The layer's run: its weights as doubled halfword pairs (NJ a row of
 * taps), the doubled bias less 2 zp sum(w), the requantisation (DW_CH's
 * fast form: nnom_dwch_fit_all() holds). */
typedef struct {
    uint32_t w[NNOM_DWPLANE1_MAX_K * 4];
    int32_t kh, iw, bias, mult, ra, e;
    int32_t ow, xstep; /* outputs a row; input bytes between output rows */
} dwplane1_t;

/* The pair (x[p], x[p + 2]) sign-extended, p a constant: from the word at
 * p, or the odd half of the word at p - 1 (the same load as p - 1's). */
NNOM_INLINE int16x2_t dwplane1_at(const int8_t *x, const int32_t p)
{
    if ((p & 1) == 0)
        return __sxtb16((int8x4_t)nnom_read4(x + p));
    return nnom_sxtb16_odd(nnom_read4(x + p - 1));
}

/* The j of the NJ tap pairs: 0, 1, 4, 5. */
#define DWPLANE1_J(JJ) ((JJ) < 2 ? (JJ) : (JJ) + 2)

/* The doubled sum requantised (nnom_local_dwch_dsp.c's dwch_rq1). */
NNOM_INLINE int8_t dwplane1_rq(int32_t acc, int32_t mult, int32_t ra, int32_t e)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(ra));
    return (int8_t)__ssat((v + (acc >> 31)) >> e, 8);
}

/* One row of taps' NJ pairs (w) into the NO outputs' sums, x the row. */
#define DWPLANE1_TAPS(w, x)                                         \
    do {                                                            \
        _Pragma("GCC unroll 4") for (int32_t jj = 0; jj < NJ; jj++) \
        {                                                           \
            const int16x2_t wv = (int16x2_t)(w)[jj];                \
            const int32_t j = DWPLANE1_J(jj);                       \
            a0 = __smlad(dwplane1_at((x), j), wv, a0);              \
            a1 = __smlad(dwplane1_at((x), S + j), wv, a1);          \
            if (NO == 4) {                                          \
                a2 = __smlad(dwplane1_at((x), 2 * S + j), wv, a2);  \
                a3 = __smlad(dwplane1_at((x), 3 * S + j), wv, a3);  \
            }                                                       \
        }                                                           \
    } while (0)

/* NO outputs (4 or 2) S apart from x, NJ pairs a row of taps, KH rows of
 * taps (3: unrolled; 0: r->kh in a loop), the first `keep` stored. */
NNOM_INLINE void dwplane1_pass(const dwplane1_t *r, const int8_t *x, int8_t *out, int32_t keep,
                               const int32_t NO, const int32_t NJ, const int32_t S,
                               const int32_t KH)
{
    int32_t a0 = r->bias, a1 = r->bias, a2 = r->bias, a3 = r->bias;
    const int32_t iw = r->iw;
    if (KH == 3) {
        /* (the empty asm: each row's reads at immediate offsets from one
         * pointer, as dwch_sums') */
        const int8_t *y = x;
        DWPLANE1_TAPS(r->w, y);
        y += iw;
        __asm__("" : "+r"(y));
        DWPLANE1_TAPS(r->w + NJ, y);
        y += iw;
        __asm__("" : "+r"(y));
        DWPLANE1_TAPS(r->w + 2 * NJ, y);
    } else {
        const uint32_t *w = r->w, *wend = r->w + r->kh * NJ;
        do {
            DWPLANE1_TAPS(w, x);
            w += NJ;
            x += iw;
        } while (w != wend);
    }
    /* (read before the stores: a byte store may alias r) */
    const int32_t mult = r->mult, ra = r->ra, e = r->e;
    out[0] = dwplane1_rq(a0, mult, ra, e);
    if (keep > 1)
        out[1] = dwplane1_rq(a1, mult, ra, e);
    if (NO == 4 && keep > 2)
        out[2] = dwplane1_rq(a2, mult, ra, e);
    if (NO == 4 && keep > 3)
        out[3] = dwplane1_rq(a3, mult, ra, e);
}
#undef DWPLANE1_TAPS

/* n output rows of r->ow outputs (n >= 1), x the first one's window's top
 * row: passes of four, a row's last one or two in a pass of two, a last
 * three in one of four. */
NNOM_INLINE void dwplane1_rows(const dwplane1_t *r, const int8_t *x, int8_t *out, int32_t n,
                               const int32_t NJ, const int32_t S, const int32_t KH)
{
    do {
        const int8_t *xp = x;
        int32_t ow = r->ow;
        for (; ow >= 4; ow -= 4, xp += 4 * S, out += 4)
            dwplane1_pass(r, xp, out, 4, 4, NJ, S, KH);
        if (ow == 3)
            dwplane1_pass(r, xp, out, 3, 4, NJ, S, KH);
        else if (ow > 0)
            dwplane1_pass(r, xp, out, ow, 2, NJ, S, KH);
        out += ow;
        x += r->xstep;
    } while (--n > 0);
}

typedef void (*dwplane1_row_fn)(const dwplane1_t *r, const int8_t *x, int8_t *out, int32_t n);

/* A function a (NJ, S, KH): KH 3 three rows of taps unrolled, 0 any. */
#define DWPLANE1_ROW(NJ, S, KH)                                                                \
    static NNOM_NOINLINE void dwplane1_row_##NJ##_##S##_##KH(                                  \
        const dwplane1_t *r, const int8_t *x, int8_t *out, int32_t n)                          \
    {                                                                                          \
        dwplane1_rows(r, x, out, n, NJ, S, KH);                                                \
    }
DWPLANE1_ROW(2, 1, 0)
DWPLANE1_ROW(3, 1, 0)
DWPLANE1_ROW(4, 1, 0)
DWPLANE1_ROW(2, 2, 0)
DWPLANE1_ROW(3, 2, 0)
DWPLANE1_ROW(4, 2, 0)
DWPLANE1_ROW(2, 1, 3)
DWPLANE1_ROW(2, 2, 3)
#undef DWPLANE1_ROW

/* Bytes a pass reads past its first one, along a row: its highest word
 * (that of the pair at S (NO - 1) + the last j, even) and its four. */
static int32_t dwplane1_reach(int32_t no, int32_t nj, int32_t s)
{
    return ((s * (no - 1) + DWPLANE1_J(nj - 1)) & ~1) + 4;
}

/* kh rows (kh >= 2) of KW taps as NJ doubled pairs a row, (w[j], w[j + 2]),
 * a tap past the row 0, from words (the same SXTB16 halves as the
 * input's): a row but the last from the words at its pairs (a word reads
 * at most three bytes past its row, inside the next); the last from words
 * that end inside it (the one before j, or the word ending at j: the row
 * above holds the bytes before). Each row's words are loaded before its
 * stores (a store to pw may alias the weights: loaded once, not again). */
NNOM_INLINE void dwplane1_pack(uint32_t *pw, const int8_t *wr, int32_t kh, const int32_t KW,
                               const int32_t NJ)
{
    uint32_t v[4];
    for (; kh > 1; kh--, wr += KW, pw += NJ) {
        _Pragma("GCC unroll 4") for (int32_t jj = 0; jj < NJ; jj++)
        {
            const int32_t j = DWPLANE1_J(jj);
            v[jj] = (uint32_t)dwplane1_at(wr, j);
            if (j + 2 >= KW)
                v[jj] &= 0xFFFFu;
        }
        _Pragma("GCC unroll 4") for (int32_t jj = 0; jj < NJ; jj++)
            pw[jj] = (uint32_t)__sadd16((int16x2_t)v[jj], (int16x2_t)v[jj]);
    }
    _Pragma("GCC unroll 4") for (int32_t jj = 0; jj < NJ; jj++)
    {
        const int32_t j = DWPLANE1_J(jj);
        if (j + 2 >= KW) /* (w[j], 0): the top byte of the word ending at j */
            v[jj] = (uint32_t)((int32_t)nnom_read4(wr + j - 3) >> 24) & 0xFFFFu;
        else if ((j & 1) == 0 && j + 3 < KW)
            v[jj] = (uint32_t)__sxtb16((int8x4_t)nnom_read4(wr + j));
        else
            v[jj] = (uint32_t)nnom_sxtb16_odd(nnom_read4(wr + j - 1));
    }
    _Pragma("GCC unroll 4") for (int32_t jj = 0; jj < NJ; jj++)
        pw[jj] = (uint32_t)__sadd16((int16x2_t)v[jj], (int16x2_t)v[jj]);
}

int nnom_dwplane1_try(const nnom_conv_args_t *a)
{
    if (!nnom_rq_all_fast(&a->rq, 1) || !nnom_dwch_fit_all(a))
        return 0;
    nnom_dwplane1_run(a);
    return 1;
}

void nnom_dwplane1_run(const nnom_conv_args_t *a)
{
    static const dwplane1_row_fn rows[2][4] = {
        {dwplane1_row_2_1_0, dwplane1_row_3_1_0, dwplane1_row_4_1_0, dwplane1_row_2_1_3},
        {dwplane1_row_2_2_0, dwplane1_row_3_2_0, dwplane1_row_4_2_0, dwplane1_row_2_2_3}};
    const int32_t kh = a->k.h, kw = a->k.w, iw = a->in.w, ih = a->in.h;
    const int32_t oh = a->out.h, ow = a->out.w, sy = a->p.stride_h, sx = a->p.stride_w;
    const int32_t nj = kw <= 4 ? 2 : kw == 5 ? 3 : 4;
    dwplane1_t r;
    switch (kw) { /* (constant offsets: a load a tap, three a pair) */
    case 3:
        dwplane1_pack(r.w, a->weight, kh, 3, 2);
        break;
    case 4:
        dwplane1_pack(r.w, a->weight, kh, 4, 2);
        break;
    case 5:
        dwplane1_pack(r.w, a->weight, kh, 5, 3);
        break;
    case 6:
        dwplane1_pack(r.w, a->weight, kh, 6, 4);
        break;
    default:
        dwplane1_pack(r.w, a->weight, kh, 7, 4);
        break;
    }
    int32_t bias = a->bias_folded != NULL ? a->bias_folded[0] : a->bias[0];
    if (a->bias_folded == NULL) {
        int32_t sum = 0;
        for (int32_t k = 0; k < kh * kw; k++)
            sum += a->weight[k];
        bias -= a->p.input_zp * sum;
    }
    const int32_t e = -a->rq.shift[0];
    r.kh = kh;
    r.iw = iw;
    r.bias = 2 * bias;
    r.mult = a->rq.mult[0];
    r.ra = (int32_t)((1u << (e - 1)) + (uint32_t)a->p.output_zp * (1u << e));
    r.e = e;
    const dwplane1_row_fn run = rows[sx - 1][kh == 3 && nj == 2 ? 3 : nj - 2];
    /* the last output row's reads: its last pass from its window's last
     * row; past the input, that row runs on a copy of its window's rows */
    const int32_t last = ow & 3, q = last == 0 ? ow - 4 : ow & ~3;
    const int32_t no = last == 1 || last == 2 ? 2 : 4;
    const int32_t reach = ((oh - 1) * sy + kh - 1) * iw + q * sx + dwplane1_reach(no, nj, sx);
    const int32_t inside = reach <= ih * iw ? oh : oh - 1;
    r.ow = ow;
    r.xstep = sy * iw;
    if (inside > 0)
        run(&r, a->input, a->output, inside);
    if (inside < oh) {
        /* kh rows and the reach past them (at most 6 bytes: k and S) */
        int8_t buf[NNOM_DWPLANE1_MAX_K * NNOM_DWPLANE1_MAX_W + 8];
        memcpy(buf, a->input + inside * sy * iw, (size_t)(kh * iw));
        memset(buf + kh * iw, 0, 8);
        run(&r, buf, a->output + inside * ow, 1);
    }
    if (a->p.act_min > -128 || a->p.act_max < 127)
        nnom_dwch_clamp(a->output, oh * ow, a->p.act_min, a->p.act_max);
}
#else
typedef int nnom_local_dwplane1_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
