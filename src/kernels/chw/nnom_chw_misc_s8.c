/*
 * nnom_chw_misc_s8.c - pooling and softmax on CHW feature maps
 * (NNOM_USING_CHW). Pooling (max, average, sum) runs the local kernel on
 * each channel plane; softmax is the local kernel's arithmetic with the
 * channel stride of CHW.
 */
#include "nnom_chw.h"
#include "nnom_fixedpoint.h"

#ifdef NNOM_USING_CHW

static nnom_status_t planes(const nnom_kernel_ctx_t *ctx, const nnom_pool_args_t *a,
                            nnom_kernel_run_fn plane_kernel)
{
    const size_t in_plane = (size_t)a->in.h * a->in.w, out_plane = (size_t)a->out.h * a->out.w;
    nnom_pool_args_t p = *a;
    p.in.c = 1;
    p.out.c = 1;
    for (int32_t ch = 0; ch < a->in.c; ch++) {
        p.input = a->input + ch * in_plane;
        p.output = a->output + ch * out_plane;
        nnom_status_t s = plane_kernel(ctx, &p);
        if (s != NN_SUCCESS)
            return s;
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_chw_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    return planes(ctx, (const nnom_pool_args_t *)args, nnom_local_maxpool_s8);
}

nnom_status_t nnom_chw_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    return planes(ctx, (const nnom_pool_args_t *)args, nnom_local_avgpool_s8);
}

nnom_status_t nnom_chw_sumpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    return planes(ctx, (const nnom_pool_args_t *)args, nnom_local_sumpool_s8);
}

#define ACCUM_BITS 12 /* as nnom_local_softmax_s8.c */

nnom_status_t nnom_chw_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_softmax_args_t *a = (const nnom_softmax_args_t *)args;
    const int32_t n = a->rows, c = a->row_size; /* n positions, channels n apart */
    const int32_t *exp_table = a->cfg->exp_table;
    if (n == 1)
        return nnom_local_softmax_s8(ctx, a);
    if (c < 1 || c > 4095) /* the int32 sum must not overflow */
        return NN_ARGUMENT_ERROR;
    for (int32_t pos = 0; pos < n; pos++) {
        const int8_t *in = a->input + pos;
        int8_t *out = a->output + pos;
        int32_t max = in[0];
        for (int32_t i = 1; i < c; i++)
            if (in[i * n] > max)
                max = in[i * n];
        int32_t sum = 0;
        for (int32_t i = 0; i < c; i++)
            sum += nnom_fp_div_pow2(exp_table[max - in[i * n]], ACCUM_BITS);
        const int32_t headroom = nnom_fp_leading_zeros((uint32_t)sum);
        const int32_t shifted = (int32_t)(((uint32_t)sum << headroom) - 0x80000000u);
        const int32_t scale = nnom_fp_one_over_one_plus_x(shifted);
        const int32_t bits = ACCUM_BITS - headroom + 23;
        for (int32_t i = 0; i < c; i++) {
            int32_t v = nnom_fp_mul_sat(scale, exp_table[max - in[i * n]]);
            v = (bits <= 31 ? nnom_fp_div_pow2(v, bits) : 0) - 128;
            out[i * n] = nnom_clamp_s8(v, -128, 127);
        }
    }
    return NN_SUCCESS;
}

#else
typedef int nnom_chw_misc_unused_t; /* ISO C: a translation unit is never empty */
#endif
