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

/* ---- kernel arguments ------------------------------------------------------
 * One struct per operator, filled by the layer and passed to the kernel
 * table (src/kernels/nnom_dispatch.c), which picks an implementation. */

/* Conv2D and DepthwiseConv2D (HWC; CHW in NNOM_USING_CHW builds, the same
 * weights). Conv weights [out][kh][kw][in]; depthwise weights
 * [kh][kw][in * ch_mult], output channel ic * ch_mult + m. */
typedef struct {
    nnom_conv_params_t p;
    nnom_dims_t in, k, out; /* k.c: input channels (conv) or 1 (depthwise) */
    int32_t ch_mult;        /* depthwise only */
    const int8_t *input;
    const int8_t *weight;
    const int32_t *bias;        /* acc = bias + sum((x - input_zp) * w) */
    const int32_t *bias_folded; /* bias - input_zp * sum(w) per channel, or NULL */
    nnom_requant_t rq;
    int8_t *output;
} nnom_conv_args_t;

/* Dense: weights [units][in_features]. */
typedef struct {
    int32_t input_zp, output_zp, act_min, act_max;
    int32_t in_features, units;
    const int8_t *input;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *bias_folded; /* bias - input_zp * sum(w), or NULL */
    nnom_requant_t rq;
    int8_t *output;
} nnom_fc_args_t;

typedef enum { NNOM_POOL_MAX = 0, NNOM_POOL_AVG = 1 } nnom_pool_kind_t;

/* Max / average pooling over the real part of each window. */
typedef struct {
    nnom_pool_kind_t kind;
    nnom_pool_params_t p;
    nnom_dims_t in, out;
    int32_t kernel_h, kernel_w;
    const int8_t *input;
    int8_t *output;
} nnom_pool_args_t;

/* Softmax over rows of row_size values (may work in place). */
typedef struct {
    int32_t rows, row_size;
    const nnom_softmax_config_t *cfg;
    const int8_t *input;
    int8_t *output;
} nnom_softmax_args_t;

/* ---- dispatch --------------------------------------------------------------
 * Each operator has a table of kernels, tried in order: an entry is used
 * when its capability check accepts the arguments; the last entry is always
 * a local C kernel that accepts everything. The choice depends only on the
 * arguments, so *_scratch() (at model_compile) and the run agree. Scratch
 * buffers are planned in the arena; nnom/memory.py:scratch_of() mirrors the
 * local backend's sizes. */
nnom_status_t nnom_kernel_conv(const nnom_conv_args_t *a, int8_t *scratch);
uint32_t nnom_kernel_conv_scratch(const nnom_conv_args_t *a);
nnom_status_t nnom_kernel_dwconv(const nnom_conv_args_t *a, int8_t *scratch);
uint32_t nnom_kernel_dwconv_scratch(const nnom_conv_args_t *a);
nnom_status_t nnom_kernel_fc(const nnom_fc_args_t *a, int8_t *scratch);
uint32_t nnom_kernel_fc_scratch(const nnom_fc_args_t *a);
/* Max and average pooling have a table each (a->kind must match): a model
 * links the kernels of the kinds it uses only. */
nnom_status_t nnom_kernel_maxpool(const nnom_pool_args_t *a, int8_t *scratch);
uint32_t nnom_kernel_maxpool_scratch(const nnom_pool_args_t *a);
nnom_status_t nnom_kernel_avgpool(const nnom_pool_args_t *a, int8_t *scratch);
uint32_t nnom_kernel_avgpool_scratch(const nnom_pool_args_t *a);
nnom_status_t nnom_kernel_softmax(const nnom_softmax_args_t *a);

/* The name of the kernel the table picks ("local", "cmsis-nn", "local-chw"), for tests
 * and reports. */
const char *nnom_kernel_conv_backend(const nnom_conv_args_t *a);
const char *nnom_kernel_dwconv_backend(const nnom_conv_args_t *a);

/* Shorthands without scratch (the table then skips kernels needing it). */
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

/* Local (portable C99) implementations: the fallback of every table. */
nnom_status_t nnom_local_conv_s8(const nnom_conv_args_t *a, int8_t *scratch);
uint32_t nnom_local_conv_s8_scratch(const nnom_conv_args_t *a);
nnom_status_t nnom_local_dwconv_s8(const nnom_conv_args_t *a, int8_t *scratch);
nnom_status_t nnom_local_fc_s8(const nnom_fc_args_t *a, int8_t *scratch);
nnom_status_t nnom_local_pool_s8(const nnom_pool_args_t *a, int8_t *scratch); /* by a->kind */
nnom_status_t nnom_local_maxpool_s8(const nnom_pool_args_t *a, int8_t *scratch);
nnom_status_t nnom_local_avgpool_s8(const nnom_pool_args_t *a, int8_t *scratch);
nnom_status_t nnom_local_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                    const int32_t *exp_table, int8_t *out);

/* Kernel profiling (build with NNOM_KERNEL_PROFILE): instructions (or
 * NNOM_TIME_UNIT ticks) spent inside the table's kernels since the last
 * reset, without the cost of the timer readings. */
#ifdef NNOM_KERNEL_PROFILE
void nnom_kernel_profile_reset(void);
uint32_t nnom_kernel_profile_instructions(void);
#endif

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
