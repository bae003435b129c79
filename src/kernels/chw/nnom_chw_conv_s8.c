/*
 * nnom_chw_conv_s8.c - Conv2D and DepthwiseConv2D on CHW feature maps
 * (NNOM_USING_CHW; Conv2DTranspose's is in nnom_local_deconv_s8.c). Weights
 * keep the converter's layout (conv [out][kh][kw][in], depthwise
 * [kh][kw][in * mult]); padded taps are skipped (padding is real 0), every
 * tap subtracts the input zero point: the same sums as the HWC kernels, so
 * the same bytes.
 */
#include "nnom_chw.h"

#ifdef NNOM_USING_CHW

/* Taps [lo, hi) of a window starting at s0 that fall inside [0, size). */
static void tap_range(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi)
{
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

static int8_t finish(const nnom_conv_args_t *a, int32_t acc, int32_t ch)
{
    acc = nnom_requantize(acc, a->rq.mult[ch], a->rq.shift[ch]) + a->p.output_zp;
    return nnom_clamp_s8(acc, a->p.act_min, a->p.act_max);
}

nnom_status_t nnom_chw_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t ih = a->in.h, iw = a->in.w, ic = a->in.c, kh = a->k.h, kw = a->k.w;
    const int32_t dh = a->p.dilation_h, dw = a->p.dilation_w, zp = a->p.input_zp;
    const size_t plane = (size_t)ih * iw;
    int8_t *out = a->output;
    (void)ctx;
    if (a->k.c != ic)
        return NN_ARGUMENT_ERROR;
    for (int32_t oc = 0; oc < a->out.c; oc++) {
        const int8_t *w = a->weight + (size_t)oc * kh * kw * ic;
        for (int32_t oy = 0; oy < a->out.h; oy++) {
            const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
            int32_t ky0, ky1;
            tap_range(y0, ih, kh, dh, &ky0, &ky1);
            for (int32_t ox = 0; ox < a->out.w; ox++) {
                const int32_t x0 = ox * a->p.stride_w - a->p.pad_left;
                int32_t kx0, kx1, acc = a->bias[oc];
                tap_range(x0, iw, kw, dw, &kx0, &kx1);
                for (int32_t ky = ky0; ky < ky1; ky++) {
                    for (int32_t kx = kx0; kx < kx1; kx++) {
                        const int8_t *px = a->input + (y0 + ky * dh) * iw + (x0 + kx * dw);
                        const int8_t *pw = w + (ky * kw + kx) * ic;
                        for (int32_t c = 0; c < ic; c++)
                            acc += ((int32_t)px[c * plane] - zp) * pw[c];
                    }
                }
                *out++ = finish(a, acc, oc);
            }
        }
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_chw_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t ih = a->in.h, iw = a->in.w, kh = a->k.h, kw = a->k.w, oc_all = a->out.c;
    const int32_t dh = a->p.dilation_h, dw = a->p.dilation_w, zp = a->p.input_zp;
    int8_t *out = a->output;
    (void)ctx;
    if (a->ch_mult < 1 || oc_all != a->in.c * a->ch_mult)
        return NN_ARGUMENT_ERROR;
    for (int32_t o = 0; o < oc_all; o++) {
        const int8_t *x = a->input + (size_t)(o / a->ch_mult) * ih * iw;
        for (int32_t oy = 0; oy < a->out.h; oy++) {
            const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
            int32_t ky0, ky1;
            tap_range(y0, ih, kh, dh, &ky0, &ky1);
            for (int32_t ox = 0; ox < a->out.w; ox++) {
                const int32_t x0 = ox * a->p.stride_w - a->p.pad_left;
                int32_t kx0, kx1, acc = a->bias[o];
                tap_range(x0, iw, kw, dw, &kx0, &kx1);
                for (int32_t ky = ky0; ky < ky1; ky++)
                    for (int32_t kx = kx0; kx < kx1; kx++)
                        acc += ((int32_t)x[(y0 + ky * dh) * iw + x0 + kx * dw] - zp) *
                               a->weight[(ky * kw + kx) * oc_all + o];
                *out++ = finish(a, acc, o);
            }
        }
    }
    return NN_SUCCESS;
}

#else
typedef int nnom_chw_conv_unused_t; /* ISO C: a translation unit is never empty */
#endif
