/* nnom_local_pool_s8.c - max and average pooling over the real (not padded)
 * part of each window, as TensorFlow and CMSIS-NN do. */
#include "nnom_kernels.h"

static int32_t clip_start(int32_t v) { return v < 0 ? 0 : v; }
static int32_t clip_end(int32_t v, int32_t size) { return v > size ? size : v; }

nnom_status_t nnom_local_maxpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                    const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out)
{
    const int32_t c = in_dims->c;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        const int32_t y0 = oy * p->stride_h - p->pad_top;
        const int32_t ys = clip_start(y0), ye = clip_end(y0 + kernel_h, in_dims->h);
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            const int32_t x0 = ox * p->stride_w - p->pad_left;
            const int32_t xs = clip_start(x0), xe = clip_end(x0 + kernel_w, in_dims->w);
            if (ys >= ye || xs >= xe)
                return NN_ARGUMENT_ERROR;
            for (int32_t ch = 0; ch < c; ch++) {
                int32_t best = -128;
                for (int32_t y = ys; y < ye; y++)
                    for (int32_t x = xs; x < xe; x++) {
                        int32_t v = in[((size_t)y * in_dims->w + x) * c + ch];
                        if (v > best)
                            best = v;
                    }
                *out++ = nnom_clamp_s8(best, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_local_avgpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                    const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out)
{
    const int32_t c = in_dims->c;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        const int32_t y0 = oy * p->stride_h - p->pad_top;
        const int32_t ys = clip_start(y0), ye = clip_end(y0 + kernel_h, in_dims->h);
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            const int32_t x0 = ox * p->stride_w - p->pad_left;
            const int32_t xs = clip_start(x0), xe = clip_end(x0 + kernel_w, in_dims->w);
            const int32_t count = (ye - ys) * (xe - xs);
            if (count <= 0)
                return NN_ARGUMENT_ERROR;
            for (int32_t ch = 0; ch < c; ch++) {
                int32_t sum = 0;
                for (int32_t y = ys; y < ye; y++)
                    for (int32_t x = xs; x < xe; x++)
                        sum += in[((size_t)y * in_dims->w + x) * c + ch];
                /* round half away from zero, C division truncates */
                sum = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                *out++ = nnom_clamp_s8(sum, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}
