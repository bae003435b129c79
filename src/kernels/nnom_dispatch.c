/*
 * nnom_dispatch.c - the one place that picks a kernel implementation.
 *
 * Every operator has a table of kernels, tried in order. An entry is used
 * when its scratch function, which is its capability check too, does not
 * return NNOM_UNSUITED: the check says what the implementation supports
 * and where it is the faster choice. The last entry of every table is a
 * local C kernel that takes everything, so there is always a fallback
 * (but for fully connected layers on DSP cores with CMSIS-NN, whose kernel
 * takes every case there). Max and average pooling have a table each.
 * Backends are chosen at build time: NNOM_BACKEND_CMSIS_NN puts CMSIS-NN's
 * _s8 kernels (src/kernels/cmsis/) in front of the local ones on cores with
 * DSP or MVE (nnom_backend.h). The
 * choice depends only on the arguments, so the scratch size asked at
 * model_compile() belongs to the kernel that runs. CHW builds
 * (NNOM_USING_CHW) hold the channel-first kernels of chw/ instead.
 */
#include "nnom_kernels.h"
#include "nnom_backend.h"
#include "chw/nnom_chw.h"

/* ------------------------------------------------------------ profiling */

#ifdef NNOM_KERNEL_PROFILE
static uint32_t profile_total, profile_cost;

void nnom_kernel_profile_reset(void)
{
    uint32_t t0 = nnom_us_get();
    uint32_t t1 = nnom_us_get();
    profile_cost = t1 - t0;
    profile_total = 0;
}

uint32_t nnom_kernel_profile_instructions(void) { return profile_total; }

#define NNOM_PROFILED(status, call)                                                              \
    do {                                                                                         \
        uint32_t t0_ = nnom_us_get();                                                            \
        status = (call);                                                                         \
        profile_total += nnom_us_get() - t0_ - profile_cost;                                     \
    } while (0)
#else
#define NNOM_PROFILED(status, call) status = (call)
#endif

/* ------------------------------------------------------------ tables */

/* scratch: the bytes the kernel needs, or NNOM_UNSUITED where it does not
 * take the arguments; NULL (but for convolutions, which always have one:
 * pick_conv() then has no NULL test): no scratch, takes everything. */
typedef struct {
    const char *name;
    uint32_t (*scratch)(const nnom_conv_args_t *a);
    nnom_status_t (*run)(const nnom_conv_args_t *a, int8_t *scratch);
} conv_kernel_t;

/* has_scratch is 0 for the shorthand calls that cannot give scratch. */
typedef struct {
    uint32_t (*scratch)(const nnom_fc_args_t *a, int has_scratch);
    nnom_status_t (*run)(const nnom_fc_args_t *a, int8_t *scratch);
} fc_kernel_t;

typedef struct {
    uint32_t (*scratch)(const nnom_pool_args_t *a, int has_scratch);
    nnom_status_t (*run)(const nnom_pool_args_t *a, int8_t *scratch);
} pool_kernel_t;

typedef struct {
    int (*suits)(const nnom_softmax_args_t *a);
    nnom_status_t (*run)(const nnom_softmax_args_t *a);
} softmax_kernel_t;

#ifndef NNOM_USING_CHW
static nnom_status_t local_softmax(const nnom_softmax_args_t *a)
{
    return nnom_local_softmax_s8(a->input, a->rows, a->row_size, a->cfg->exp_table, a->output);
}
#endif

static uint32_t no_scratch(const nnom_conv_args_t *a)
{
    (void)a;
    return 0;
}

static const conv_kernel_t conv_table[] = {
#if NNOM_CMSIS_NN_KERNELS
    {"cmsis-nn", nnom_cmsis_conv_scratch, nnom_cmsis_conv_s8},
#endif
#ifdef NNOM_USING_CHW /* CHW builds: the kernels of chw/ (CMSIS-NN is HWC, off) */
    {"local-chw", no_scratch, nnom_chw_conv_s8},
#else
    {"local", nnom_local_conv_s8_scratch, nnom_local_conv_s8}, /* never NNOM_UNSUITED */
#endif
};

static const conv_kernel_t dwconv_table[] = {
#if NNOM_CMSIS_NN_KERNELS
    {"cmsis-nn", nnom_cmsis_dwconv_scratch, nnom_cmsis_dwconv_s8},
#endif
#ifdef NNOM_USING_CHW
    {"local-chw", no_scratch, nnom_chw_dwconv_s8},
#else
    {"local", no_scratch, nnom_local_dwconv_s8},
#endif
};

/* Without Helium CMSIS-NN's fully connected kernel takes every case: the
 * local one would never run, so it is not in the table (nor linked). */
static const fc_kernel_t fc_table[] = {
#if NNOM_CMSIS_NN_MVE
    {nnom_cmsis_fc_scratch, nnom_cmsis_fc_s8},
#elif NNOM_CMSIS_NN_KERNELS
    {NULL, nnom_cmsis_fc_s8},
#endif
#if !NNOM_CMSIS_NN_KERNELS || NNOM_CMSIS_NN_MVE
    {NULL, nnom_local_fc_s8},
#endif
};

#ifdef NNOM_USING_CHW
#define LOCAL_MAXPOOL {NULL, nnom_chw_pool_s8}
#define LOCAL_AVGPOOL {NULL, nnom_chw_pool_s8}
#else
#define LOCAL_MAXPOOL {NULL, nnom_local_maxpool_s8}
#define LOCAL_AVGPOOL {NULL, nnom_local_avgpool_s8}
#endif

/* Max pooling: the local kernel is faster than CMSIS-NN's without Helium. */
static const pool_kernel_t maxpool_table[] = {
#if NNOM_CMSIS_NN_MVE
    {nnom_cmsis_pool_scratch, nnom_cmsis_pool_s8},
#endif
    LOCAL_MAXPOOL,
};

static const pool_kernel_t avgpool_table[] = {
#if NNOM_CMSIS_NN_KERNELS
    {nnom_cmsis_pool_scratch, nnom_cmsis_pool_s8},
#endif
    LOCAL_AVGPOOL,
};

/* CMSIS-NN's softmax only with Helium (the local one is faster elsewhere) */
static const softmax_kernel_t softmax_table[] = {
#if NNOM_CMSIS_NN_MVE
    {nnom_cmsis_softmax_suits, nnom_cmsis_softmax_s8},
#endif
#ifdef NNOM_USING_CHW
    {NULL, nnom_chw_softmax},
#else
    {NULL, local_softmax},
#endif
};

/* ------------------------------------------------------------ dispatch */

/* The first entry that takes the arguments; *bytes: its scratch. */
static const conv_kernel_t *pick_conv(const conv_kernel_t *k, const nnom_conv_args_t *a,
                                      uint32_t *bytes)
{
    while ((*bytes = k->scratch(a)) == NNOM_UNSUITED)
        k++;
    return k;
}

static const fc_kernel_t *pick_fc(const nnom_fc_args_t *a, int has_scratch, uint32_t *bytes)
{
    const fc_kernel_t *k = fc_table;
    while ((*bytes = k->scratch != NULL ? k->scratch(a, has_scratch) : 0u) == NNOM_UNSUITED)
        k++;
    return k;
}

/* One pick per pooling table (not one taking the table): with a constant
 * table, a one-entry table folds into a direct call. */
static const pool_kernel_t *pick_maxpool(const nnom_pool_args_t *a, int has_scratch,
                                         uint32_t *bytes)
{
    const pool_kernel_t *k = maxpool_table;
    while ((*bytes = k->scratch != NULL ? k->scratch(a, has_scratch) : 0u) == NNOM_UNSUITED)
        k++;
    return k;
}

static const pool_kernel_t *pick_avgpool(const nnom_pool_args_t *a, int has_scratch,
                                         uint32_t *bytes)
{
    const pool_kernel_t *k = avgpool_table;
    while ((*bytes = k->scratch != NULL ? k->scratch(a, has_scratch) : 0u) == NNOM_UNSUITED)
        k++;
    return k;
}

nnom_status_t nnom_kernel_conv(const nnom_conv_args_t *a, int8_t *scratch)
{
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_conv(conv_table, a, &bytes)->run(a, scratch));
    return s;
}

uint32_t nnom_kernel_conv_scratch(const nnom_conv_args_t *a)
{
    uint32_t bytes;
    (void)pick_conv(conv_table, a, &bytes);
    return bytes;
}

const char *nnom_kernel_conv_backend(const nnom_conv_args_t *a)
{
    uint32_t bytes;
    return pick_conv(conv_table, a, &bytes)->name;
}

nnom_status_t nnom_kernel_dwconv(const nnom_conv_args_t *a, int8_t *scratch)
{
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_conv(dwconv_table, a, &bytes)->run(a, scratch));
    return s;
}

uint32_t nnom_kernel_dwconv_scratch(const nnom_conv_args_t *a)
{
    uint32_t bytes;
    (void)pick_conv(dwconv_table, a, &bytes);
    return bytes;
}

const char *nnom_kernel_dwconv_backend(const nnom_conv_args_t *a)
{
    uint32_t bytes;
    return pick_conv(dwconv_table, a, &bytes)->name;
}

nnom_status_t nnom_kernel_fc(const nnom_fc_args_t *a, int8_t *scratch)
{
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_fc(a, 1, &bytes)->run(a, scratch));
    return s;
}

uint32_t nnom_kernel_fc_scratch(const nnom_fc_args_t *a)
{
    uint32_t bytes;
    (void)pick_fc(a, 1, &bytes);
    return bytes;
}

nnom_status_t nnom_kernel_maxpool(const nnom_pool_args_t *a, int8_t *scratch)
{
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_maxpool(a, 1, &bytes)->run(a, scratch));
    return s;
}

uint32_t nnom_kernel_maxpool_scratch(const nnom_pool_args_t *a)
{
    uint32_t bytes;
    (void)pick_maxpool(a, 1, &bytes);
    return bytes;
}

nnom_status_t nnom_kernel_avgpool(const nnom_pool_args_t *a, int8_t *scratch)
{
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_avgpool(a, 1, &bytes)->run(a, scratch));
    return s;
}

uint32_t nnom_kernel_avgpool_scratch(const nnom_pool_args_t *a)
{
    uint32_t bytes;
    (void)pick_avgpool(a, 1, &bytes);
    return bytes;
}

nnom_status_t nnom_kernel_softmax(const nnom_softmax_args_t *a)
{
    const softmax_kernel_t *k = softmax_table;
    nnom_status_t s;
    while (k->suits != NULL && !k->suits(a))
        k++;
    NNOM_PROFILED(s, k->run(a));
    return s;
}

/* ------------------------------------------------------------ shorthands */

nnom_status_t nnom_kernel_fc_s8(int32_t input_zp, int32_t output_zp, int32_t act_min,
                                int32_t act_max, const nnom_requant_t *rq, const int8_t *in,
                                int32_t in_features, const int8_t *weight, const int32_t *bias,
                                int8_t *out, int32_t units)
{
    const nnom_fc_args_t a = {input_zp, output_zp, act_min, act_max, in_features, units,
                              in,       weight,    bias,    NULL,    *rq,         out};
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick_fc(&a, 0, &bytes)->run(&a, NULL));
    return s;
}

/* pick: the kind's own, so that each shorthand links its kind's kernels only */
static nnom_status_t pool_noscratch(nnom_pool_kind_t kind,
                                    const pool_kernel_t *(*pick)(const nnom_pool_args_t *a,
                                                                 int has_scratch,
                                                                 uint32_t *bytes),
                                    const nnom_pool_params_t *p,
                                    const nnom_dims_t *in_dims, const int8_t *in,
                                    int32_t kernel_h, int32_t kernel_w,
                                    const nnom_dims_t *out_dims, int8_t *out)
{
    const nnom_pool_args_t a = {kind, *p, *in_dims, *out_dims, kernel_h, kernel_w, in, out};
    uint32_t bytes;
    nnom_status_t s;
    NNOM_PROFILED(s, pick(&a, 0, &bytes)->run(&a, NULL));
    return s;
}

nnom_status_t nnom_kernel_maxpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out)
{
    return pool_noscratch(NNOM_POOL_MAX, pick_maxpool, p, in_dims, in, kernel_h, kernel_w, out_dims,
                          out);
}

nnom_status_t nnom_kernel_avgpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                     const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                     const nnom_dims_t *out_dims, int8_t *out)
{
    return pool_noscratch(NNOM_POOL_AVG, pick_avgpool, p, in_dims, in, kernel_h, kernel_w, out_dims,
                          out);
}

nnom_status_t nnom_kernel_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                     const nnom_softmax_config_t *cfg, int8_t *out)
{
    const nnom_softmax_args_t a = {rows, row_size, cfg, in, out};
    return nnom_kernel_softmax(&a);
}

/* ---- transposed convolution, sum pooling, merges, PReLU ---- */

nnom_status_t nnom_kernel_deconv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                    const nnom_dims_t *in_dims, const int8_t *in,
                                    const nnom_dims_t *k_dims, const int8_t *weight,
                                    const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out,
                                    int8_t *scratch)
{
    (void)scratch;
#ifdef NNOM_USING_CHW
    return nnom_chw_deconv_s8(p, rq, in_dims, in, k_dims, weight, bias, out_dims, out);
#else
    return nnom_local_deconv_s8(p, rq, in_dims, in, k_dims, weight, bias, out_dims, out);
#endif
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
#ifdef NNOM_USING_CHW
    return nnom_chw_sumpool_s8(p, in_dims, in, kernel_h, kernel_w, out_dims, out, input_zp,
                               output_zp, mult, shift);
#else
    return nnom_local_sumpool_s8(p, in_dims, in, kernel_h, kernel_w, out_dims, out, input_zp,
                                 output_zp, mult, shift);
#endif
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
#ifdef NNOM_USING_CHW
    return nnom_chw_prelu_s8(in, out, size, channels, alpha, alpha_size, input_zp, output_zp,
                             pos_mult, pos_shift, neg_mult, neg_shift);
#else
    return nnom_local_prelu_s8(in, out, size, channels, alpha, alpha_size, input_zp, output_zp,
                               pos_mult, pos_shift, neg_mult, neg_shift);
#endif
}
