/*
 * nnom_local_dwconv_s8.c - DepthwiseConv2D (HWC input, [kh][kw][in * mult]
 * weights, output channel ic * mult + m), per-channel requantisation.
 *
 * With a multiplier of 1 the channels go four at a time: per tap one word of
 * input and one of weights, the four products with SMLABB/SMLATT (DSP) or
 * four multiplies. Each output pixel is one call that walks its valid taps
 * (padded taps are skipped: padding is real 0) for every group of four
 * channels. With DSP, SXTAB16 subtracts the input zero point while
 * widening; without, windows inside the input use the converter's
 * bias_folded and raw inputs.
 *
 * With DSP, channels a multiple of four and at most DW_MAX_TAPS taps (-Os
 * too: the CMSIS-NN backend picks this path over CMSIS-NN's, see
 * nnom_local_dwconv_s8_scratch()),
 * the loops turn round: per group of four channels, the group's weights
 * are widened once (two halfword pairs per tap, on the stack) and its
 * requantisation constants computed once; then every output pixel runs its
 * valid taps with one LDRD of weights, one LDR of inputs, two SXTAB16 and
 * four multiply-accumulates per tap, and its four results are clamped at
 * once (SSUB8 + SEL) and stored as one word.
 */
#include "nnom_local_simd.h"

#define DW_MAX_TAPS 32 /* group path: the widened weights take 8 bytes per tap of stack */

typedef struct {
    const nnom_conv_args_t *a;
    int32_t ih, iw, ic, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow, oc;
} dw_ctx_t;

static void taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi)
{
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

/* acc[0..3] += (x - zp) * w for four channels over rows x cols taps. */
NNOM_HOT void taps4(const dw_ctx_t *t, const int8_t *x, const int8_t *w, int32_t rows,
                    int32_t cols, int32_t zp, int32_t *acc)
{
    const int32_t oc = t->oc, xstep = t->dw * t->ic;
    const int32_t xskip = t->dh * t->iw * t->ic - cols * xstep, wskip = (t->kw - cols) * oc;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if NNOM_LOCAL_DSP
    const int16x2_t off = nnom_offset2(zp);
#define NNOM_TAP4()                                                                            \
    do {                                                                                       \
        const uint32_t v = nnom_read4(x), u = nnom_read4(w);                                   \
        const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);       \
        const int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);                   \
        a0 = __smlabb(xe, we, a0);                                                             \
        a2 = __smlatt(xe, we, a2);                                                             \
        a1 = __smlabb(xo, wo, a1);                                                             \
        a3 = __smlatt(xo, wo, a3);                                                             \
    } while (0)
#else
#define NNOM_TAP4()                                                                            \
    do {                                                                                       \
        a0 += (x[0] - zp) * w[0];                                                              \
        a1 += (x[1] - zp) * w[1];                                                              \
        a2 += (x[2] - zp) * w[2];                                                              \
        a3 += (x[3] - zp) * w[3];                                                              \
    } while (0)
#endif
#if !defined(__OPTIMIZE_SIZE__)
    if (cols == 3) { /* the usual 3-wide kernel rows, unrolled */
        for (int32_t ky = 0; ky < rows; ky++, x += xskip, w += wskip) {
            NNOM_TAP4();
            x += xstep;
            w += oc;
            NNOM_TAP4();
            x += xstep;
            w += oc;
            NNOM_TAP4();
            x += xstep;
            w += oc;
        }
        rows = 0;
    }
#endif
    for (int32_t ky = 0; ky < rows; ky++, x += xskip, w += wskip)
        for (int32_t kx = 0; kx < cols; kx++, x += xstep, w += oc)
            NNOM_TAP4();
#undef NNOM_TAP4
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

#if NNOM_LOCAL_DSP

/* A group of four channels: widened weights and requantisation. */
typedef struct {
    int16x2_t w[2 * DW_MAX_TAPS]; /* per tap: channels (0, 2), then (1, 3) */
    int32_t bias[4], mult[4], base[4], sh[4];
    uint32_t lo4, hi4; /* act_min, act_max in each byte */
} dw_group_t;

/* acc += (x - zp) * w over rows x cols taps: x at the first (input step
 * xstep along a row, xrow between rows), w at its widened weights (wrow
 * words from one row's first tap to the next's). */
NNOM_INLINE void group_taps(const int8_t *x, const int16x2_t *w, int32_t rows, int32_t cols,
                            int32_t xstep, int32_t xrow, int32_t wrow, int16x2_t off,
                            int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#define DW_TAP(xp, wp)                                                                         \
    do {                                                                                       \
        const uint32_t v = nnom_read4(xp);                                                     \
        const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);       \
        a0 = __smlabb(xe, (wp)[0], a0);                                                        \
        a2 = __smlatt(xe, (wp)[0], a2);                                                        \
        a1 = __smlabb(xo, (wp)[1], a1);                                                        \
        a3 = __smlatt(xo, (wp)[1], a3);                                                        \
    } while (0)
    if (cols == 3) { /* the usual 3-wide rows, unrolled */
        for (int32_t ky = 0; ky < rows; ky++, x += xrow, w += wrow) {
            DW_TAP(x, w);
            DW_TAP(x + xstep, w + 2);
            DW_TAP(x + 2 * xstep, w + 4);
        }
        rows = 0;
    }
    for (int32_t ky = 0; ky < rows; ky++, x += xrow, w += wrow) {
        const int8_t *xp = x;
        const int16x2_t *wp = w, *wend = w + 2 * cols;
        do {
            DW_TAP(xp, wp);
            xp += xstep;
            wp += 2;
        } while (wp != wend);
    }
#undef DW_TAP
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* Four results requantised (every channel of the group in the SMLAL form),
 * clamped and stored as one word. */
NNOM_INLINE void group_store(const int32_t *acc, const dw_group_t *g, int8_t *out)
{
#define DW_RQ(i) ((uint32_t)__ssat(nnom_rq_fast(acc[i], g->mult[i], g->base[i], g->sh[i]), 8))
    uint32_t v = (DW_RQ(0) & 0xFFu) | (DW_RQ(1) & 0xFFu) << 8 | (DW_RQ(2) & 0xFFu) << 16 |
                 DW_RQ(3) << 24;
#undef DW_RQ
    (void)__ssub8((int8x4_t)v, (int8x4_t)g->lo4); /* max(v, lo) */
    v = __sel(v, g->lo4);
    (void)__ssub8((int8x4_t)g->hi4, (int8x4_t)v); /* min(v, hi) */
    v = __sel(v, g->hi4);
    memcpy(out, &v, 4);
}

/* Sets up group c; 0 where a channel's requantisation is not the SMLAL form. */
static int group_of(const dw_ctx_t *t, int32_t c, dw_group_t *g)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t taps = t->kh * t->kw;
    for (int i = 0; i < 4; i++) {
        const nnom_rq_t r = nnom_rq_of(a->rq.mult[c + i], a->rq.shift[c + i], a->p.output_zp);
        if (!r.fast)
            return 0;
        g->bias[i] = a->bias[c + i];
        g->mult[i] = r.mult;
        g->base[i] = r.base;
        g->sh[i] = r.sh;
    }
    for (int32_t k = 0; k < taps; k++) {
        const uint32_t u = nnom_read4(a->weight + k * t->oc + c);
        g->w[2 * k] = __sxtb16((int8x4_t)u);
        g->w[2 * k + 1] = nnom_sxtb16_odd(u);
    }
    g->lo4 = ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u;
    g->hi4 = ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u;
    return 1;
}

/* Multiplier 1, channels a multiple of four, kh * kw <= DW_MAX_TAPS: group
 * by group. 0 (nothing written) where a group's requantisation is not the
 * SMLAL form: the caller then runs the per-pixel path. */
static NNOM_NOINLINE int dw_groups(const dw_ctx_t *t)
{
    const nnom_conv_args_t *a = t->a;
    const int16x2_t off = nnom_offset2(a->p.input_zp);
    const int32_t ic = t->ic, xstep = t->dw * ic, xrow = t->dh * t->iw * ic;
    dw_group_t g;
    for (int32_t c = 0; c < t->oc; c += 4)
        if (!group_of(t, c, &g))
            return 0;
    for (int32_t c = 0; c < t->oc; c += 4) {
        group_of(t, c, &g);
        int8_t *out = a->output + c;
        for (int32_t oy = 0; oy < t->oh; oy++) {
            const int32_t y0 = oy * t->sh - t->pt;
            int32_t ky0 = 0, ky1 = t->kh;
            if (y0 < 0 || y0 + (t->kh - 1) * t->dh >= t->ih) /* window not inside */
                taps(y0, t->ih, t->kh, t->dh, &ky0, &ky1);
            for (int32_t ox = 0; ox < t->ow; ox++, out += t->oc) {
                const int32_t x0 = ox * t->sw - t->pl;
                int32_t kx0 = 0, kx1 = t->kw;
                if (x0 < 0 || x0 + (t->kw - 1) * t->dw >= t->iw) /* window not inside */
                    taps(x0, t->iw, t->kw, t->dw, &kx0, &kx1);
                int32_t acc[4] = {g.bias[0], g.bias[1], g.bias[2], g.bias[3]};
                if (ky1 > ky0 && kx1 > kx0) {
                    const int8_t *x =
                        a->input + c + ((y0 + ky0 * t->dh) * t->iw + x0 + kx0 * t->dw) * ic;
                    const int16x2_t *w = g.w + 2 * (ky0 * t->kw + kx0);
                    if (kx1 - kx0 == 1) /* one column: a single run down it */
                        group_taps(x, w, 1, ky1 - ky0, xrow, 0, 0, off, acc);
                    else
                        group_taps(x, w, ky1 - ky0, kx1 - kx0, xstep, xrow, 2 * t->kw, off,
                                   acc);
                }
                group_store(acc, &g, out);
            }
        }
    }
    return 1;
}
#endif

static int groups_suit(const nnom_conv_args_t *a)
{
    return NNOM_LOCAL_DSP && a->ch_mult == 1 && a->out.c == a->in.c && a->out.c % 4 == 0 &&
           a->k.h * a->k.w <= DW_MAX_TAPS;
}

/* The CMSIS-NN backend's check on DSP cores without Helium: this kernel
 * where its group path runs (faster than CMSIS-NN's depthwise kernels on
 * every shape measured, bench/), CMSIS-NN's elsewhere. No scratch. */
uint32_t nnom_local_dwconv_s8_scratch(const void *args)
{
    return groups_suit((const nnom_conv_args_t *)args) ? 0u : NNOM_UNSUITED;
}

/* One output pixel, multiplier 1: x and w point at the first valid tap of
 * channel 0; rows x cols valid taps. */
static NNOM_NOINLINE void dw_pixel(const dw_ctx_t *t, const int8_t *x, const int8_t *w,
                                   int32_t rows, int32_t cols, int8_t *out)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t oc = t->oc, zp_out = a->p.output_zp, lo = a->p.act_min, hi = a->p.act_max;
    /* raw inputs and bias_folded for whole windows without DSP (with DSP the
     * zero point costs nothing) */
    const int folded = !NNOM_LOCAL_DSP && rows == t->kh && cols == t->kw && a->bias_folded != NULL;
    const int32_t *bias = folded ? a->bias_folded : a->bias;
    const int32_t zp = folded ? 0 : a->p.input_zp;
    int32_t c = 0;
    for (; c + 4 <= oc; c += 4) {
        int32_t acc[4] = {bias[c], bias[c + 1], bias[c + 2], bias[c + 3]};
        taps4(t, x + c, w + c, rows, cols, zp, acc);
        const int32_t *m = a->rq.mult + c, *sh = a->rq.shift + c;
        const nnom_rq_t r0 = nnom_rq_of(m[0], sh[0], zp_out);
        out[c] = nnom_rq_apply(acc[0], r0, lo, hi);
        const nnom_rq_t r1 = nnom_rq_of(m[1], sh[1], zp_out);
        out[c + 1] = nnom_rq_apply(acc[1], r1, lo, hi);
        const nnom_rq_t r2 = nnom_rq_of(m[2], sh[2], zp_out);
        out[c + 2] = nnom_rq_apply(acc[2], r2, lo, hi);
        const nnom_rq_t r3 = nnom_rq_of(m[3], sh[3], zp_out);
        out[c + 3] = nnom_rq_apply(acc[3], r3, lo, hi);
    }
    const int32_t xstep = t->dw * t->ic, xrow = t->dh * t->iw * t->ic;
    for (; c < oc; c++) {
        int32_t acc = a->bias[c];
        const int8_t *xr = x + c, *wr = w + c;
        for (int32_t ky = 0; ky < rows; ky++, xr += xrow, wr += t->kw * oc) {
            const int8_t *xp = xr, *wp = wr;
            for (int32_t kx = 0; kx < cols; kx++, xp += xstep, wp += oc)
                acc += (*xp - a->p.input_zp) * *wp;
        }
        const nnom_rq_t r = nnom_rq_of(a->rq.mult[c], a->rq.shift[c], zp_out);
        out[c] = nnom_rq_apply(acc, r, lo, hi);
    }
}

/* Any multiplier, one output channel at a time. */
static void dw_generic(const dw_ctx_t *t, int32_t mult)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t zp = a->p.input_zp;
    for (int32_t oc = 0; oc < t->oc; oc++) {
        const int32_t c = oc / mult;
        const nnom_rq_t rq = nnom_rq_of(a->rq.mult[oc], a->rq.shift[oc], a->p.output_zp);
        int8_t *out = a->output + oc;
        for (int32_t oy = 0; oy < t->oh; oy++) {
            const int32_t y0 = oy * t->sh - t->pt;
            int32_t ky0, ky1;
            taps(y0, t->ih, t->kh, t->dh, &ky0, &ky1);
            for (int32_t ox = 0; ox < t->ow; ox++, out += t->oc) {
                const int32_t x0 = ox * t->sw - t->pl;
                int32_t kx0, kx1, acc = a->bias[oc];
                taps(x0, t->iw, t->kw, t->dw, &kx0, &kx1);
                for (int32_t ky = ky0; ky < ky1; ky++) {
                    const int32_t y = y0 + ky * t->dh;
                    for (int32_t kx = kx0; kx < kx1; kx++) {
                        const int32_t x = x0 + kx * t->dw;
                        acc += (a->input[(y * t->iw + x) * t->ic + c] - zp) *
                               a->weight[(ky * t->kw + kx) * t->oc + oc];
                    }
                }
                *out = nnom_rq_apply(acc, rq, a->p.act_min, a->p.act_max);
            }
        }
    }
}

nnom_status_t nnom_local_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    (void)ctx;
    const dw_ctx_t t = {a,           a->in.h,         a->in.w,         a->in.c,
                        a->k.h,      a->k.w,          a->p.stride_h,   a->p.stride_w,
                        a->p.dilation_h, a->p.dilation_w, a->p.pad_top, a->p.pad_left,
                        a->out.h,    a->out.w,        a->out.c};
    if (a->ch_mult < 1 || t.oc != t.ic * a->ch_mult)
        return NN_SIZE_MISMATCH;
    if (a->ch_mult != 1) {
        dw_generic(&t, a->ch_mult);
        return NN_SUCCESS;
    }
#if NNOM_LOCAL_DSP
    if (groups_suit(a) && dw_groups(&t))
        return NN_SUCCESS;
#endif
    int8_t *out = a->output;
    for (int32_t oy = 0; oy < t.oh; oy++) {
        const int32_t y0 = oy * t.sh - t.pt;
        int32_t ky0, ky1;
        taps(y0, t.ih, t.kh, t.dh, &ky0, &ky1);
        for (int32_t ox = 0; ox < t.ow; ox++, out += t.oc) {
            const int32_t x0 = ox * t.sw - t.pl;
            int32_t kx0, kx1;
            taps(x0, t.iw, t.kw, t.dw, &kx0, &kx1);
            const int empty = ky1 <= ky0 || kx1 <= kx0;
            const int8_t *x =
                empty ? a->input : a->input + ((y0 + ky0 * t.dh) * t.iw + x0 + kx0 * t.dw) * t.ic;
            const int8_t *w = a->weight + (ky0 * t.kw + kx0) * t.oc;
            dw_pixel(&t, x, w, empty ? 0 : ky1 - ky0, empty ? 0 : kx1 - kx0, out);
        }
    }
    return NN_SUCCESS;
}
