/*
 * nnom_local_dwvp_dsp.c - depthwise 2D windows at stride 2 on two to seven
 * channels (not four), no padding before the input, by vertical pairs
 * (-O2 on DSP cores; see nnom_local_dwvp.h). Each channel's outputs run
 * along the rows straight on the input: a column of a window's rows 2y
 * and 2y + 1 is one halfword pair (two LDRSB with post-increment, one
 * PKHBT) for one SMLAD against the two taps; a third row pairs its first
 * two taps across and takes the last alone (SMLABB). At stride 2 across a
 * window's last column is the next window's first, so kw = 3 loads two
 * columns an output. The sums are doubled and requantised in the plane
 * path's form (SMMLAR; see nnom_local_dwch_dsp.c), the activation's clamp
 * over the outputs after. Windows reaching into the padding after the
 * input (a last row, a last column) run without the taps there, their
 * zero-point products in the bias. No copy: the group paths spend lanes
 * on absent channels or on the other phase, the plane path copies each
 * value to serve 1.5 to 2.25 MACs.
 */
#include "nnom_local_dwvp.h"
#include "nnom_local_dwch.h"

#if NNOM_LOCAL_MAC_ASM
/* One channel's outputs. */
typedef struct {
    const int8_t *x; /* the first window's top left tap of the channel */
    int8_t *out;
    int32_t ow, oh, rs, ys; /* row step (bytes), output row's input step */
    int32_t redge, rbias;   /* 1: each row's next output misses its last column (its bias) */
    int32_t bias, mult, ra, e; /* doubled bias less 2 zp sum(w); SMMLAR's words */
    uint32_t w[5];  /* doubled pairs: (row 0, row 1) per column; row 2's (0, 1), its tap 2 */
} vp_job_t;

NNOM_INLINE int8_t vp_rq(int32_t a, int32_t mult, int32_t ra, int32_t e)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(a), "r"(mult), "r"(ra));
    return (int8_t)__ssat((v + (a >> 31)) >> e, 8);
}

/* *p, then p += C (one LDRSB). */
#define VP_LD(v, p, C) __asm__("ldrsb %0, [%1], %2" : "=r"(v), "+r"(p) : "i"(C))

/* *p = v, then p += C (one STRB). */
#define VP_ST(v, p, C) __asm__("strb %1, [%0], %2" : "+r"(p) : "r"(v), "i"(C) : "memory")

NNOM_INLINE uint32_t vp_pkhbt(int32_t lo, int32_t hi)
{
    uint32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(lo), "r"(hi));
    return r;
}

/* One channel's outputs: KH rows (2 or 3) of KW taps (2 or 3), C
 * channels (the step between columns), stride 2. */
NNOM_INLINE void vp_sums(const vp_job_t *j, const int32_t C, const int32_t KH, const int32_t KW)
{
    const int32_t rs = j->rs, ow = j->ow, bias = j->bias;
    const int32_t mult = j->mult, ra = j->ra, e = j->e;
    const uint32_t w0 = j->w[0], w1 = j->w[1], w2 = j->w[2], w3 = j->w[3], w4 = j->w[4];
    const int8_t *xr = j->x;
    int8_t *out = j->out;
    for (int32_t m = j->oh; m > 0; m--, xr += j->ys) {
        const int8_t *x0 = xr, *x1 = xr + rs, *x2 = KH == 3 ? xr + 2 * rs : xr;
        int32_t a, b, t = 0;
        uint32_t carry = 0;
        if (KW == 3) { /* column 0 of the first window */
            VP_LD(a, x0, C);
            VP_LD(b, x1, C);
            carry = vp_pkhbt(a, b);
            if (KH == 3)
                VP_LD(t, x2, C);
        }
        int8_t *const end = out + ow * C;
        do {
            int32_t acc;
            if (KW == 3) {
                VP_LD(a, x0, C);
                VP_LD(b, x1, C);
                acc = __smlad((int16x2_t)carry, (int16x2_t)w0, bias);
                acc = __smlad((int16x2_t)vp_pkhbt(a, b), (int16x2_t)w1, acc);
                VP_LD(a, x0, C);
                VP_LD(b, x1, C);
                carry = vp_pkhbt(a, b);
                acc = __smlad((int16x2_t)carry, (int16x2_t)w2, acc);
                if (KH == 3) {
                    int32_t u;
                    VP_LD(u, x2, C);
                    acc = __smlad((int16x2_t)vp_pkhbt(t, u), (int16x2_t)w3, acc);
                    VP_LD(t, x2, C);
                    acc = __smlabb((int32_t)w4, t, acc);
                }
            } else {
                VP_LD(a, x0, C);
                VP_LD(b, x1, C);
                acc = __smlad((int16x2_t)vp_pkhbt(a, b), (int16x2_t)w0, bias);
                VP_LD(a, x0, C);
                VP_LD(b, x1, C);
                acc = __smlad((int16x2_t)vp_pkhbt(a, b), (int16x2_t)w1, acc);
                if (KH == 3) {
                    int32_t u;
                    VP_LD(t, x2, C);
                    VP_LD(u, x2, C);
                    acc = __smlad((int16x2_t)vp_pkhbt(t, u), (int16x2_t)w3, acc);
                }
            }
            VP_ST(vp_rq(acc, mult, ra, e), out, C);
        } while (out != end);
        if (j->redge) { /* the window past the input's end: its columns but the last */
            int32_t acc;
            VP_LD(a, x0, C);
            VP_LD(b, x1, C);
            if (KW == 3) {
                acc = __smlad((int16x2_t)carry, (int16x2_t)w0, j->rbias);
                acc = __smlad((int16x2_t)vp_pkhbt(a, b), (int16x2_t)w1, acc);
                if (KH == 3) {
                    int32_t u;
                    VP_LD(u, x2, C);
                    acc = __smlad((int16x2_t)vp_pkhbt(t, u), (int16x2_t)w3, acc);
                }
            } else {
                acc = __smlad((int16x2_t)vp_pkhbt(a, b), (int16x2_t)w0, j->rbias);
                if (KH == 3) {
                    VP_LD(t, x2, C);
                    acc = __smlabb((int32_t)w3, t, acc);
                }
            }
            VP_ST(vp_rq(acc, mult, ra, e), out, C);
        }
    }
}

#define VP_SUMS(C, KH, KW)                                                                     \
    static NNOM_NOINLINE void vp_sums_##C##_##KH##_##KW(const vp_job_t *j)                     \
    {                                                                                          \
        vp_sums(j, C, KH, KW);                                                                 \
    }
VP_SUMS(2, 2, 2)
VP_SUMS(2, 2, 3)
VP_SUMS(2, 3, 2)
VP_SUMS(2, 3, 3)
VP_SUMS(3, 2, 2)
VP_SUMS(3, 2, 3)
VP_SUMS(3, 3, 2)
VP_SUMS(3, 3, 3)
VP_SUMS(5, 2, 2)
VP_SUMS(5, 2, 3)
VP_SUMS(5, 3, 2)
VP_SUMS(5, 3, 3)
VP_SUMS(6, 2, 2)
VP_SUMS(6, 2, 3)
VP_SUMS(6, 3, 2)
VP_SUMS(6, 3, 3)
VP_SUMS(7, 2, 2)
VP_SUMS(7, 2, 3)
VP_SUMS(7, 3, 2)
VP_SUMS(7, 3, 3)
#undef VP_SUMS

typedef void (*vp_sums_fn)(const vp_job_t *j);

/* Channel c's doubled weights, bias and requantisation. */
static void vp_channel(const nnom_conv_args_t *a, int32_t c, vp_job_t *j)
{
    const int32_t kh = a->k.h, kw = a->k.w, C = a->in.c;
    const int8_t *w = a->weight + c;
    int32_t sum = 0;
    for (int32_t i = 0; i < kw; i++) {
        const int32_t u = w[i * C], v = w[(kw + i) * C];
        j->w[i] = ((uint32_t)(2 * u) & 0xFFFFu) | ((uint32_t)(2 * v) << 16);
        sum += u + v;
    }
    if (kh == 3) {
        const int32_t u = w[2 * kw * C], v = w[(2 * kw + 1) * C];
        j->w[3] = ((uint32_t)(2 * u) & 0xFFFFu) | ((uint32_t)(2 * v) << 16);
        j->w[4] = kw == 3 ? (uint32_t)(2 * w[(2 * kw + 2) * C]) & 0xFFFFu : 0;
        sum += u + v + (kw == 3 ? w[(2 * kw + 2) * C] : 0);
    }
    const int32_t e = -a->rq.shift[c];
    j->mult = a->rq.mult[c];
    j->ra = (int32_t)((1u << (e - 1)) + (uint32_t)a->p.output_zp * (1u << e));
    j->e = e;
    j->bias = 2 * (a->bias[c] - a->p.input_zp * sum);
}

/* Channel c's last row of windows, past the input's end by their last
 * row of taps (stride 2, no padding before), j its job on the rows above,
 * run[kw - 2] its loops of two rows of taps: the taps there dropped, their
 * zero-point products in the bias (rsum: theirs; csum: the last column's); kh 3
 * as kh 2, kh 2 with its second row's weights zero and its pointer on the
 * first (rs 0). */
static NNOM_NOINLINE void vp_bottom(const nnom_conv_args_t *a, const vp_job_t *j,
                                    const vp_sums_fn run[2], int32_t rsum, int32_t csum)
{
    const int32_t zp2 = 2 * a->p.input_zp, kw = a->k.w;
    vp_job_t b = *j;
    b.x = j->x + j->oh * j->ys;
    b.out = j->out + j->oh * a->out.w * a->in.c;
    b.oh = 1;
    b.bias = j->bias + zp2 * rsum;
    b.rbias = b.bias + zp2 * csum;
    if (a->k.h == 2) {
        b.rs = 0;
        for (int32_t i = 0; i < kw; i++)
            b.w[i] &= 0xFFFFu;
    }
    run[kw - 2](&b);
}

int nnom_dwvp_try(const nnom_conv_args_t *a)
{
#define VP_FNS(C)                                                                              \
    {{vp_sums_##C##_2_2, vp_sums_##C##_2_3}, {vp_sums_##C##_3_2, vp_sums_##C##_3_3}}
    static const vp_sums_fn sums[8][2][2] = {
        [2] = VP_FNS(2), [3] = VP_FNS(3), [5] = VP_FNS(5), [6] = VP_FNS(6), [7] = VP_FNS(7)};
#undef VP_FNS
    const int32_t C = a->in.c, kh = a->k.h, kw = a->k.w;
    const int32_t oh = a->out.h, ow = a->out.w;
    /* outputs whose windows lie inside the input (rows, columns); the
     * rest reach into the padding after it */
    const int32_t ih_in = a->in.h >= kh ? (a->in.h - kh) / 2 + 1 : 0;
    const int32_t iw_in = a->in.w >= kw ? (a->in.w - kw) / 2 + 1 : 0;
    const int32_t yin = ih_in < oh ? ih_in : oh, xin = iw_in < ow ? iw_in : ow;
    /* (past the end: one row of windows at most, missing their last row
     * of taps; one column, missing their last column) */
    if (!nnom_dwvp_asks(a) || a->ch_mult != 1 || a->out.c != C || yin < 1 || xin < 1 ||
        (yin < oh && (yin + 1 < oh || 2 * yin + kh - 1 != a->in.h)) ||
        (xin < ow && (xin + 1 < ow || 2 * xin + kw - 1 != a->in.w)) ||
        !nnom_rq_all_fast(&a->rq, C) || !nnom_dwch_fit_all(a))
        return 0;
    const vp_sums_fn run = sums[C][kh - 2][kw - 2];
    const int32_t zp2 = 2 * a->p.input_zp;
    vp_job_t j;
    j.ow = xin;
    j.oh = yin;
    j.rs = a->in.w * C;
    j.ys = 2 * j.rs;
    j.redge = xin < ow;
    for (int32_t c = 0; c < C; c++) {
        vp_channel(a, c, &j);
        j.x = a->input + c;
        j.out = a->output + c;
        /* windows past the input's end: a last column (kw 3) in the rows'
         * loop, with column 2's zero-point products in its bias; a last
         * row (vp_bottom) with its last row's, the corner with both */
        const int8_t *w = a->weight + c;
        int32_t csum = 0, rsum = 0;
        if (j.redge)
            for (int32_t ky = 0; ky < kh; ky++)
                csum += w[(ky * kw + kw - 1) * C];
        j.rbias = j.bias + zp2 * csum;
        run(&j);
        if (yin < oh) {
            for (int32_t kx = 0; kx < kw; kx++)
                rsum += w[((kh - 1) * kw + kx) * C];
            vp_bottom(a, &j, sums[C][0], rsum, csum - (j.redge ? w[(kh * kw - 1) * C] : 0));
        }
    }
    if (a->p.act_min > -128 || a->p.act_max < 127)
        nnom_dwch_clamp(a->output, oh * ow * C, a->p.act_min, a->p.act_max);
    return 1;
}
#else
typedef int nnom_local_dwvp_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
