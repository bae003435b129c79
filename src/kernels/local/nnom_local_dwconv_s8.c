/*
 * nnom_local_dwconv_s8.c - DepthwiseConv2D (HWC input, [kh][kw][in * mult]
 * weights, output channel ic * mult + m), per-channel requantisation.
 *
 * With a multiplier of 1 the channels go four at a time: one word of input
 * and one of weights per tap, the four products with SMLABB/SMLATT (DSP) or
 * four multiplies. Channels are the outer loop, so the four channels'
 * requantisation constants and biases are set up once per layer, not once
 * per pixel. Padded taps are skipped (padding is real 0); without DSP,
 * windows inside the input use bias_folded and raw inputs.
 */
#include "nnom_local_simd.h"

typedef struct {
    int32_t ih, iw, ic, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow, oc;
} dw_geo_t;

static void taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi)
{
    int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

/* Four channels starting at x (input) and w (weights) over the taps
 * [ky0, ky1) x [kx0, kx1) of one window; x points at tap (ky0, kx0). */
NNOM_FORCE_INLINE void window4(const dw_geo_t *g, const int8_t *x, const int8_t *w, int32_t nky,
                               int32_t nkx, int32_t zp, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int32_t xstep = g->dw * g->ic, xrow = g->dh * g->iw * g->ic;
    const int32_t wstep = g->oc, wrow = g->kw * g->oc;
#if NNOM_LOCAL_DSP
    const int16x2_t off = nnom_offset2(zp);
#endif
    for (int32_t ky = 0; ky < nky; ky++, x += xrow, w += wrow) {
        const int8_t *xp = x, *wp = w;
        for (int32_t kx = 0; kx < nkx; kx++, xp += xstep, wp += wstep) {
#if NNOM_LOCAL_DSP
            const uint32_t v = nnom_read4(xp), u = nnom_read4(wp);
            const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);
            const int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);
            a0 = __smlabb(xe, we, a0);
            a2 = __smlatt(xe, we, a2);
            a1 = __smlabb(xo, wo, a1);
            a3 = __smlatt(xo, wo, a3);
#else
            a0 += (xp[0] - zp) * wp[0];
            a1 += (xp[1] - zp) * wp[1];
            a2 += (xp[2] - zp) * wp[2];
            a3 += (xp[3] - zp) * wp[3];
#endif
        }
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

static void group4(const nnom_conv_args_t *a, const dw_geo_t *g, int32_t c)
{
    const int32_t zp = a->p.input_zp, zp_out = a->p.output_zp;
    const int32_t lo = a->p.act_min, hi = a->p.act_max;
    nnom_rq_t rq[4];
    int32_t b[4], bf[4];
    for (int32_t i = 0; i < 4; i++) {
        rq[i] = nnom_rq_of(a->rq.mult[c + i], a->rq.shift[c + i]);
        b[i] = a->bias[c + i];
        bf[i] = a->bias_folded != NULL ? a->bias_folded[c + i] : b[i];
    }
    (void)bf;
    const int8_t *in = a->input + c;
    int8_t *out = a->output + c;
    for (int32_t oy = 0; oy < g->oh; oy++) {
        const int32_t y0 = oy * g->sh - g->pt;
        int32_t ky0, ky1;
        taps(y0, g->ih, g->kh, g->dh, &ky0, &ky1);
        for (int32_t ox = 0; ox < g->ow; ox++, out += g->oc) {
            const int32_t x0 = ox * g->sw - g->pl;
            int32_t kx0, kx1;
            taps(x0, g->iw, g->kw, g->dw, &kx0, &kx1);
            int32_t acc[4] = {b[0], b[1], b[2], b[3]};
            if (ky1 > ky0 && kx1 > kx0) {
                const int8_t *x = in + ((y0 + ky0 * g->dh) * g->iw + x0 + kx0 * g->dw) * g->ic;
                const int8_t *w = a->weight + c + (ky0 * g->kw + kx0) * g->oc;
#if !NNOM_LOCAL_DSP
                if (a->bias_folded != NULL && ky1 - ky0 == g->kh && kx1 - kx0 == g->kw) {
                    acc[0] = bf[0];
                    acc[1] = bf[1];
                    acc[2] = bf[2];
                    acc[3] = bf[3];
                    window4(g, x, w, g->kh, g->kw, 0, acc);
                } else
#endif
                {
                    window4(g, x, w, ky1 - ky0, kx1 - kx0, zp, acc);
                }
            }
            for (int32_t i = 0; i < 4; i++)
                out[i] = nnom_rq_apply(acc[i], rq[i], zp_out, lo, hi);
        }
    }
}

/* Any multiplier, one output channel at a time. */
static void channel(const nnom_conv_args_t *a, const dw_geo_t *g, int32_t oc, int32_t mult)
{
    const int32_t zp = a->p.input_zp, c = oc / mult;
    const nnom_rq_t rq = nnom_rq_of(a->rq.mult[oc], a->rq.shift[oc]);
    int8_t *out = a->output + oc;
    for (int32_t oy = 0; oy < g->oh; oy++) {
        const int32_t y0 = oy * g->sh - g->pt;
        int32_t ky0, ky1;
        taps(y0, g->ih, g->kh, g->dh, &ky0, &ky1);
        for (int32_t ox = 0; ox < g->ow; ox++, out += g->oc) {
            const int32_t x0 = ox * g->sw - g->pl;
            int32_t kx0, kx1, acc = a->bias[oc];
            taps(x0, g->iw, g->kw, g->dw, &kx0, &kx1);
            for (int32_t ky = ky0; ky < ky1; ky++) {
                const int32_t y = y0 + ky * g->dh;
                for (int32_t kx = kx0; kx < kx1; kx++) {
                    const int32_t x = x0 + kx * g->dw;
                    acc += (a->input[(y * g->iw + x) * g->ic + c] - zp) *
                           a->weight[(ky * g->kw + kx) * g->oc + oc];
                }
            }
            *out = nnom_rq_apply(acc, rq, a->p.output_zp, a->p.act_min, a->p.act_max);
        }
    }
}

nnom_status_t nnom_local_dwconv_s8(const nnom_conv_args_t *a, int8_t *scratch)
{
    (void)scratch;
    const dw_geo_t g = {a->in.h,          a->in.w,           a->in.c,          a->k.h,
                        a->k.w,           a->p.stride_h,     a->p.stride_w,    a->p.dilation_h,
                        a->p.dilation_w,  a->p.pad_top,      a->p.pad_left,    a->out.h,
                        a->out.w,         a->out.c};
    const int32_t mult = a->ch_mult;
    if (mult < 1 || g.oc != g.ic * mult)
        return NN_SIZE_MISMATCH;
    int32_t c = 0;
    if (mult == 1)
        for (; c + 4 <= g.oc; c += 4)
            group4(a, &g, c);
    for (; c < g.oc; c++)
        channel(a, &g, c, mult);
    return NN_SUCCESS;
}
