/* nnom_local_dwconv_s8.c - depthwise convolution, HWC, channel multiplier,
 * per-channel requant. Output channel oc = ic * ch_mult + m. */
#include "nnom_kernels.h"

nnom_status_t nnom_local_dwconv_s8(const nnom_conv_params_t *p, int32_t ch_mult,
                                   const nnom_requant_t *rq, const nnom_dims_t *in_dims,
                                   const int8_t *in, const nnom_dims_t *k_dims,
                                   const int8_t *weight, const int32_t *bias,
                                   const nnom_dims_t *out_dims, int8_t *out)
{
    const int32_t ih = in_dims->h, iw = in_dims->w, ic = in_dims->c;
    const int32_t kh = k_dims->h, kw = k_dims->w, oc_n = out_dims->c;
    const int32_t zp = p->input_zp;
    if (oc_n != ic * ch_mult)
        return NN_SIZE_MISMATCH;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        const int32_t y0 = oy * p->stride_h - p->pad_top;
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            const int32_t x0 = ox * p->stride_w - p->pad_left;
            for (int32_t oc = 0; oc < oc_n; oc++) {
                const int32_t c = oc / ch_mult;
                int32_t acc = bias[oc];
                for (int32_t ky = 0; ky < kh; ky++) {
                    const int32_t y = y0 + ky * p->dilation_h;
                    if (y < 0 || y >= ih)
                        continue;
                    for (int32_t kx = 0; kx < kw; kx++) {
                        const int32_t x = x0 + kx * p->dilation_w;
                        if (x < 0 || x >= iw)
                            continue;
                        acc += ((int32_t)in[((size_t)y * iw + x) * ic + c] - zp) *
                               weight[((size_t)ky * kw + kx) * oc_n + oc];
                    }
                }
                acc = nnom_requantize(acc, rq->mult[oc], rq->shift[oc]) + p->output_zp;
                *out++ = nnom_clamp_s8(acc, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}
