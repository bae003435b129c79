/* nnom_local_conv_s8.c - direct convolution, HWC, per-channel requant.
 * Padded positions are skipped, which is the same as reading the input's
 * zero point (real 0). */
#include "nnom_kernels.h"

nnom_status_t nnom_local_conv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                 const nnom_dims_t *in_dims, const int8_t *in,
                                 const nnom_dims_t *k_dims, const int8_t *weight,
                                 const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out)
{
    const int32_t ih = in_dims->h, iw = in_dims->w, ic = in_dims->c;
    const int32_t kh = k_dims->h, kw = k_dims->w;
    const int32_t zp = p->input_zp;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        const int32_t y0 = oy * p->stride_h - p->pad_top;
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            const int32_t x0 = ox * p->stride_w - p->pad_left;
            for (int32_t oc = 0; oc < out_dims->c; oc++) {
                const int8_t *w = weight + (size_t)oc * kh * kw * ic;
                int32_t acc = bias[oc];
                for (int32_t ky = 0; ky < kh; ky++) {
                    const int32_t y = y0 + ky * p->dilation_h;
                    if (y < 0 || y >= ih)
                        continue;
                    for (int32_t kx = 0; kx < kw; kx++) {
                        const int32_t x = x0 + kx * p->dilation_w;
                        if (x < 0 || x >= iw)
                            continue;
                        const int8_t *px = in + ((size_t)y * iw + x) * ic;
                        const int8_t *pw = w + ((size_t)ky * kw + kx) * ic;
                        for (int32_t c = 0; c < ic; c++)
                            acc += ((int32_t)px[c] - zp) * pw[c];
                    }
                }
                acc = nnom_requantize(acc, rq->mult[oc], rq->shift[oc]) + p->output_zp;
                *out++ = nnom_clamp_s8(acc, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}
