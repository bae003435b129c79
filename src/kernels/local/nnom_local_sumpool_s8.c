/* nnom_local_sumpool_s8.c - sum pooling: the sum of (x - zp_in) over the
 * real (not padded) part of each window, requantised to the output. */
#include "nnom_kernels.h"

nnom_status_t nnom_local_sumpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_pool_args_t *a = (const nnom_pool_args_t *)args;
    const nnom_pool_params_t *p = &a->p;
    const nnom_dims_t *in_dims = &a->in, *out_dims = &a->out;
    const int32_t kernel_h = a->kernel_h, kernel_w = a->kernel_w, input_zp = a->input_zp;
    const int8_t *in = a->input;
    int8_t *out = a->output;
    (void)ctx;
    const int32_t c = in_dims->c;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        const int32_t y0 = oy * p->stride_h - p->pad_top;
        const int32_t ys = y0 < 0 ? 0 : y0;
        const int32_t ye = y0 + kernel_h > in_dims->h ? in_dims->h : y0 + kernel_h;
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            const int32_t x0 = ox * p->stride_w - p->pad_left;
            const int32_t xs = x0 < 0 ? 0 : x0;
            const int32_t xe = x0 + kernel_w > in_dims->w ? in_dims->w : x0 + kernel_w;
            if (ys >= ye || xs >= xe)
                return NN_ARGUMENT_ERROR;
            for (int32_t ch = 0; ch < c; ch++) {
                int32_t sum = 0;
                for (int32_t y = ys; y < ye; y++)
                    for (int32_t x = xs; x < xe; x++)
                        sum += (int32_t)in[((size_t)y * in_dims->w + x) * c + ch] - input_zp;
                sum = nnom_requantize(sum, a->mult, a->shift) + a->output_zp;
                *out++ = nnom_clamp_s8(sum, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}
