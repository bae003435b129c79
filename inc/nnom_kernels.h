/*
 * nnom_kernels.h - int8 compute kernels behind the layers.
 *
 * Layers describe their operation with these small structs and call the
 * nnom_kernel_* dispatch functions, which pick a backend implementation.
 * Every backend gives bit-identical results to nnom/reference (Python).
 */
#ifndef NNOM_KERNELS_H
#define NNOM_KERNELS_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int32_t h, w, c;
} nnom_dims_t;

typedef struct {
    int32_t input_zp, output_zp;
    int32_t stride_h, stride_w;
    int32_t dilation_h, dilation_w;
    int32_t pad_top, pad_left; /* bottom/right follow from the output size */
    int32_t act_min, act_max;
} nnom_conv_params_t;

typedef struct {
    const int32_t *mult;
    const int32_t *shift;
} nnom_requant_t;

typedef struct {
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    int32_t act_min, act_max;
} nnom_pool_params_t;

/* CMSIS-NN's arm_nn_requantize (default rounding), the spec of
 * nnom/fixedpoint.py:requantize. */
static inline int32_t nnom_requantize(int32_t acc, int32_t mult, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int32_t v = (int32_t)((uint32_t)acc << left);
    /* doubling high multiply, rounding half up (an arithmetic shift) */
    const int64_t prod = (int64_t)v * mult + ((int64_t)1 << 30);
    const int32_t high = (int32_t)(prod >> 31);
    /* rounding divide by 2^right, halves away from zero */
    const int32_t mask = (int32_t)(((uint32_t)1 << right) - 1u);
    const int32_t remainder = high & mask;
    const int32_t result = high >> right;
    const int32_t threshold = (mask >> 1) + (result < 0 ? 1 : 0);
    return result + (remainder > threshold ? 1 : 0);
}

static inline int8_t nnom_clamp_s8(int32_t v, int32_t lo, int32_t hi)
{
    return (int8_t)(v < lo ? lo : (v > hi ? hi : v));
}

/* Dispatch: backend selection lives in src/kernels/nnom_dispatch.c. */
nnom_status_t nnom_kernel_conv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                  const nnom_dims_t *in_dims, const int8_t *in,
                                  const nnom_dims_t *k_dims, const int8_t *weight,
                                  const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out,
                                  int8_t *scratch);
uint32_t nnom_kernel_conv_s8_scratch(const nnom_conv_params_t *p, const nnom_dims_t *in_dims,
                                     const nnom_dims_t *k_dims, const nnom_dims_t *out_dims);

nnom_status_t nnom_kernel_dwconv_s8(const nnom_conv_params_t *p, int32_t ch_mult,
                                    const nnom_requant_t *rq, const nnom_dims_t *in_dims,
                                    const int8_t *in, const nnom_dims_t *k_dims,
                                    const int8_t *weight, const int32_t *bias,
                                    const nnom_dims_t *out_dims, int8_t *out, int8_t *scratch);
uint32_t nnom_kernel_dwconv_s8_scratch(const nnom_conv_params_t *p, int32_t ch_mult,
                                       const nnom_dims_t *in_dims, const nnom_dims_t *k_dims,
                                       const nnom_dims_t *out_dims);

nnom_status_t nnom_kernel_fc_s8(int32_t input_zp, int32_t output_zp, int32_t act_min,
                                int32_t act_max, const nnom_requant_t *rq, const int8_t *in,
                                int32_t in_features, const int8_t *weight, const int32_t *bias,
                                int8_t *out, int32_t units);

nnom_status_t nnom_kernel_maxpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_kernel_avgpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out);

nnom_status_t nnom_kernel_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                     const nnom_softmax_config_t *cfg, int8_t *out);

/* Local (portable C99) implementations. */
nnom_status_t nnom_local_conv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                 const nnom_dims_t *in_dims, const int8_t *in,
                                 const nnom_dims_t *k_dims, const int8_t *weight,
                                 const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_local_dwconv_s8(const nnom_conv_params_t *p, int32_t ch_mult,
                                   const nnom_requant_t *rq, const nnom_dims_t *in_dims,
                                   const int8_t *in, const nnom_dims_t *k_dims,
                                   const int8_t *weight, const int32_t *bias,
                                   const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_local_fc_s8(int32_t input_zp, int32_t output_zp, int32_t act_min,
                               int32_t act_max, const nnom_requant_t *rq, const int8_t *in,
                               int32_t in_features, const int8_t *weight, const int32_t *bias,
                               int8_t *out, int32_t units);
nnom_status_t nnom_local_maxpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                    const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_local_avgpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                    const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_local_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                    const int32_t *exp_table, int8_t *out);

/* Transposed convolution, sum pooling, merges, PReLU. */
#define NNOM_MERGE_MAX_INPUTS 16 /* Add/Sub/Mult inputs (keeps the Add sum in int32) */

nnom_status_t nnom_kernel_deconv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                    const nnom_dims_t *in_dims, const int8_t *in,
                                    const nnom_dims_t *k_dims, const int8_t *weight,
                                    const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out,
                                    int8_t *scratch);
uint32_t nnom_kernel_deconv_s8_scratch(const nnom_conv_params_t *p, const nnom_dims_t *in_dims,
                                       const nnom_dims_t *k_dims, const nnom_dims_t *out_dims);
nnom_status_t nnom_kernel_sumpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out, int32_t input_zp,
                                     int32_t output_zp, int32_t mult, int32_t shift);
/* in_offset[k] = -zero point of input k; out_offset = output zero point. */
nnom_status_t nnom_kernel_add_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                 const int32_t *in_mult, const int32_t *in_shift,
                                 int32_t left_shift, int8_t *out, int32_t out_offset,
                                 int32_t out_mult, int32_t out_shift, int32_t act_min,
                                 int32_t act_max, uint32_t size);
/* step_zp: zero points of the n_in - 2 intermediate products. */
nnom_status_t nnom_kernel_mul_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                 const int32_t *mult, const int32_t *shift,
                                 const int32_t *step_zp, int8_t *out, int32_t out_offset,
                                 int32_t act_min, int32_t act_max, uint32_t size);
nnom_status_t nnom_kernel_prelu_s8(const int8_t *in, int8_t *out, uint32_t size,
                                   uint32_t channels, const int8_t *alpha, uint32_t alpha_size,
                                   int32_t input_zp, int32_t output_zp, int32_t pos_mult,
                                   int32_t pos_shift, int32_t neg_mult, int32_t neg_shift);

nnom_status_t nnom_local_deconv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                   const nnom_dims_t *in_dims, const int8_t *in,
                                   const nnom_dims_t *k_dims, const int8_t *weight,
                                   const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out);
nnom_status_t nnom_local_sumpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                    const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out, int32_t input_zp,
                                    int32_t output_zp, int32_t mult, int32_t shift);
nnom_status_t nnom_local_add_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                const int32_t *in_mult, const int32_t *in_shift,
                                int32_t left_shift, int8_t *out, int32_t out_offset,
                                int32_t out_mult, int32_t out_shift, int32_t act_min,
                                int32_t act_max, uint32_t size);
nnom_status_t nnom_local_mul_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                const int32_t *mult, const int32_t *shift,
                                const int32_t *step_zp, int8_t *out, int32_t out_offset,
                                int32_t act_min, int32_t act_max, uint32_t size);
nnom_status_t nnom_local_prelu_s8(const int8_t *in, int8_t *out, uint32_t size,
                                  uint32_t channels, const int8_t *alpha, uint32_t alpha_size,
                                  int32_t input_zp, int32_t output_zp, int32_t pos_mult,
                                  int32_t pos_shift, int32_t neg_mult, int32_t neg_shift);

/* Element-wise helpers (no backend choice needed). */
void nnom_lut_s8(const int8_t *in, int8_t *out, uint32_t n, const int8_t *table);
void nnom_clamp_buf_s8(int8_t *data, uint32_t n, int32_t lo, int32_t hi);

#ifdef __cplusplus
}
#endif

#endif /* NNOM_KERNELS_H */
