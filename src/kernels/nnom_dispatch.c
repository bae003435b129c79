/*
 * nnom_dispatch.c - the one place that picks a kernel implementation.
 * With NNOM_BACKEND_LOCAL every call goes to the portable C kernels.
 */
#include "nnom_kernels.h"

nnom_status_t nnom_kernel_conv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                  const nnom_dims_t *in_dims, const int8_t *in,
                                  const nnom_dims_t *k_dims, const int8_t *weight,
                                  const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out,
                                  int8_t *scratch)
{
    (void)scratch;
    return nnom_local_conv_s8(p, rq, in_dims, in, k_dims, weight, bias, out_dims, out);
}

uint32_t nnom_kernel_conv_s8_scratch(const nnom_conv_params_t *p, const nnom_dims_t *in_dims,
                                     const nnom_dims_t *k_dims, const nnom_dims_t *out_dims)
{
    (void)p;
    (void)in_dims;
    (void)k_dims;
    (void)out_dims;
    return 0;
}

nnom_status_t nnom_kernel_dwconv_s8(const nnom_conv_params_t *p, int32_t ch_mult,
                                    const nnom_requant_t *rq, const nnom_dims_t *in_dims,
                                    const int8_t *in, const nnom_dims_t *k_dims,
                                    const int8_t *weight, const int32_t *bias,
                                    const nnom_dims_t *out_dims, int8_t *out, int8_t *scratch)
{
    (void)scratch;
    return nnom_local_dwconv_s8(p, ch_mult, rq, in_dims, in, k_dims, weight, bias, out_dims, out);
}

uint32_t nnom_kernel_dwconv_s8_scratch(const nnom_conv_params_t *p, int32_t ch_mult,
                                       const nnom_dims_t *in_dims, const nnom_dims_t *k_dims,
                                       const nnom_dims_t *out_dims)
{
    (void)p;
    (void)ch_mult;
    (void)in_dims;
    (void)k_dims;
    (void)out_dims;
    return 0;
}

nnom_status_t nnom_kernel_fc_s8(int32_t input_zp, int32_t output_zp, int32_t act_min,
                                int32_t act_max, const nnom_requant_t *rq, const int8_t *in,
                                int32_t in_features, const int8_t *weight, const int32_t *bias,
                                int8_t *out, int32_t units)
{
    return nnom_local_fc_s8(input_zp, output_zp, act_min, act_max, rq, in, in_features, weight,
                            bias, out, units);
}

nnom_status_t nnom_kernel_maxpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out)
{
    return nnom_local_maxpool_s8(p, in_dims, in, kernel_h, kernel_w, out_dims, out);
}

nnom_status_t nnom_kernel_avgpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out)
{
    return nnom_local_avgpool_s8(p, in_dims, in, kernel_h, kernel_w, out_dims, out);
}

nnom_status_t nnom_kernel_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                     const nnom_softmax_config_t *cfg, int8_t *out)
{
    return nnom_local_softmax_s8(in, rows, row_size, cfg->exp_table, out);
}

/* ---- transposed convolution, sum pooling, merges, PReLU ---- */

nnom_status_t nnom_kernel_deconv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                    const nnom_dims_t *in_dims, const int8_t *in,
                                    const nnom_dims_t *k_dims, const int8_t *weight,
                                    const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out,
                                    int8_t *scratch)
{
    (void)scratch;
    return nnom_local_deconv_s8(p, rq, in_dims, in, k_dims, weight, bias, out_dims, out);
}

uint32_t nnom_kernel_deconv_s8_scratch(const nnom_conv_params_t *p, const nnom_dims_t *in_dims,
                                       const nnom_dims_t *k_dims, const nnom_dims_t *out_dims)
{
    (void)p;
    (void)in_dims;
    (void)k_dims;
    (void)out_dims;
    return 0;
}

nnom_status_t nnom_kernel_sumpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out, int32_t input_zp,
                                     int32_t output_zp, int32_t mult, int32_t shift)
{
    return nnom_local_sumpool_s8(p, in_dims, in, kernel_h, kernel_w, out_dims, out, input_zp,
                                 output_zp, mult, shift);
}

nnom_status_t nnom_kernel_add_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                 const int32_t *in_mult, const int32_t *in_shift,
                                 int32_t left_shift, int8_t *out, int32_t out_offset,
                                 int32_t out_mult, int32_t out_shift, int32_t act_min,
                                 int32_t act_max, uint32_t size)
{
    return nnom_local_add_s8(n_in, in, in_offset, in_mult, in_shift, left_shift, out, out_offset,
                             out_mult, out_shift, act_min, act_max, size);
}

nnom_status_t nnom_kernel_mul_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                 const int32_t *mult, const int32_t *shift,
                                 const int32_t *step_zp, int8_t *out, int32_t out_offset,
                                 int32_t act_min, int32_t act_max, uint32_t size)
{
    return nnom_local_mul_s8(n_in, in, in_offset, mult, shift, step_zp, out, out_offset, act_min,
                             act_max, size);
}

nnom_status_t nnom_kernel_prelu_s8(const int8_t *in, int8_t *out, uint32_t size,
                                   uint32_t channels, const int8_t *alpha, uint32_t alpha_size,
                                   int32_t input_zp, int32_t output_zp, int32_t pos_mult,
                                   int32_t pos_shift, int32_t neg_mult, int32_t neg_shift)
{
    return nnom_local_prelu_s8(in, out, size, channels, alpha, alpha_size, input_zp, output_zp,
                               pos_mult, pos_shift, neg_mult, neg_shift);
}
