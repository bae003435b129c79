/* nnom_global_pool.c - GlobalMaxPool, GlobalAvgPool, GlobalSumPool (output
 * (c), rank 1) and SumPool. Max and average keep the input's quantisation;
 * sums are requantised to the config's. Their Layer API constructors too. */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"
#include "nnom_fixedpoint.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* GlobalMaxPool / GlobalAvgPool over all positions: output (c), rank 1,
 * with the input's quantisation. */
typedef struct {
    nnom_layer_config_t super;
} nnom_global_pool_config_t;

/* SumPool and GlobalSumPool (the kernel and stride fields are unused):
 * out = zp_out + requantize(sum of (x - zp_in) over the window's real
 * positions, mult, shift), saturated; mult/shift stand for in/out scale. */
typedef struct {
    nnom_layer_config_t super;
    uint32_t kernel_h, kernel_w;
    uint32_t stride_h, stride_w;
    nnom_padding_t padding;
    int32_t mult, shift;
} nnom_sumpool_config_t;

nnom_layer_t *nnom_global_maxpool_s(const nnom_global_pool_config_t *config);
nnom_layer_t *nnom_global_avgpool_s(const nnom_global_pool_config_t *config);
nnom_layer_t *nnom_sumpool_s(const nnom_sumpool_config_t *config);
nnom_layer_t *nnom_global_sumpool_s(const nnom_sumpool_config_t *config);

/* Layer API */
nnom_layer_t *nnom_GlobalMaxPool(void);
nnom_layer_t *nnom_GlobalAvgPool(void);
nnom_layer_t *nnom_SumPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad, const nnom_qparam_t *out_q);
nnom_layer_t *nnom_GlobalSumPool(const nnom_qparam_t *out_q);
#endif /* NNOM_DECLARE_IN_OPS_H */

static const nnom_layer_type_t global_sumpool_type; /* below: requantised sums */

#define MAX_POSITIONS (1L << 23) /* keeps 255 * positions in an int32 sum */

static nnom_status_t global_build(nnom_layer_t *l)
{
    const nnom_shape_t *s = &l->in0->out.shape;
    /* an input has out.q: compile() refuses a layer built without one */
    if (s->rank < 2 || (int32_t)s->h * s->w > MAX_POSITIONS)
        return NN_SIZE_MISMATCH;
    l->out.shape.h = 1;
    l->out.shape.w = 1;
    l->out.shape.c = s->c;
    l->out.shape.rank = 1;
    l->out.q = l->in0->out.q;
    if (l->type == &global_sumpool_type) {
        const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
        if (cfg->super.out_q == NULL)
            return NN_ARGUMENT_ERROR;
        l->out.q = cfg->super.out_q;
    }
    return NN_SUCCESS;
}

/* The whole input as one window (global pooling has no scratch: a kernel
 * that needs some is skipped). */
static void global_args(const nnom_layer_t *l, nnom_pool_args_t *a)
{
    const nnom_shape_t *s = &l->in0->out.shape;
    const nnom_pool_params_t p = {1, 1, 0, 0, l->out_min, l->out_max};
    a->p = p;
    a->in.h = a->kernel_h = s->h;
    a->in.w = a->kernel_w = s->w;
    a->in.c = a->out.c = s->c;
    a->out.h = a->out.w = 1;
    a->input = l->in0->out.data;
    a->output = l->out.data;
}

/* One run per kind, each naming its own table: a model links the pooling
 * kernels of the kinds it uses only. */
static nnom_status_t global_max_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    global_args(l, &a);
    return nnom_kernel_run_kept(nnom_maxpool_kernels, l, &a);
}

static nnom_status_t global_avg_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    global_args(l, &a);
    return nnom_kernel_run_kept(nnom_avgpool_kernels, l, &a);
}

/* Sum pooling's requantisation: the input's zero point to the config's
 * output. */
static void sum_args(const nnom_layer_t *l, nnom_pool_args_t *a)
{
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    a->input_zp = l->in0->out.q->zero_point;
    a->output_zp = cfg->super.out_q->zero_point;
    a->mult = cfg->mult;
    a->shift = cfg->shift;
}

static nnom_status_t global_sum_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    global_args(l, &a);
    sum_args(l, &a);
    return nnom_kernel_run_kept(nnom_sumpool_kernels, l, &a);
}

static nnom_status_t sumpool_setup(const nnom_layer_t *l, nnom_pool_args_t *a, int run)
{
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
#if defined(__OPTIMIZE_SIZE__)
    run = 0; /* -Os: build's path (one copy) */
#endif
    if (!run && cfg->super.out_q == NULL) /* the input's out.q: see global_build() */
        return NN_ARGUMENT_ERROR;
    if (!run && (s->rank < 2 || (uint64_t)cfg->kernel_h * cfg->kernel_w > MAX_POSITIONS))
        return NN_SIZE_MISMATCH;
    const nnom_status_t st = nnom_pool_window(l, cfg->kernel_h, cfg->kernel_w, cfg->stride_h,
                                              cfg->stride_w, cfg->padding, run, a);
    if (st == NN_SUCCESS)
        sum_args(l, a);
    return st;
}

static nnom_status_t sumpool_build(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = sumpool_setup(l, &a, 0);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint32_t)a.out.h;
    l->out.shape.w = (uint32_t)a.out.w;
    l->out.shape.c = (uint32_t)a.out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = ((const nnom_sumpool_config_t *)l->config)->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t sumpool_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = sumpool_setup(l, &a, 1);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run_kept(nnom_sumpool_kernels, l, &a);
}

static const nnom_layer_type_t global_maxpool_type = {NNOM_LAYER, 0, 1, "GlobalMax",
                                                      global_build, global_max_run};
static const nnom_layer_type_t global_avgpool_type = {NNOM_LAYER, 0, 1, "GlobalAvg",
                                                      global_build, global_avg_run};
static const nnom_layer_type_t global_sumpool_type = {NNOM_LAYER, 0, 1, "GlobalSum",
                                                      global_build, global_sum_run};
static const nnom_layer_type_t sumpool_type = {NNOM_LAYER, 0, 1, "SumPool", sumpool_build,
                                               sumpool_run};

nnom_layer_t *nnom_global_maxpool_s(const nnom_global_pool_config_t *config)
{
    return nnom_layer_new(&global_maxpool_type, config);
}
nnom_layer_t *nnom_global_avgpool_s(const nnom_global_pool_config_t *config)
{
    return nnom_layer_new(&global_avgpool_type, config);
}
nnom_layer_t *nnom_global_sumpool_s(const nnom_sumpool_config_t *config)
{
    return nnom_layer_new(&global_sumpool_type, config);
}
nnom_layer_t *nnom_sumpool_s(const nnom_sumpool_config_t *config)
{
    return nnom_layer_new(&sumpool_type, config);
}

/* ---- Layer API ------------------------------------------------------------ */

nnom_layer_t *nnom_GlobalMaxPool(void)
{
    nnom_global_pool_config_t *cfg = (nnom_global_pool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "global_max_pool";
    return nnom_layer_adopt(nnom_global_maxpool_s(cfg), cfg);
}

nnom_layer_t *nnom_GlobalAvgPool(void)
{
    nnom_global_pool_config_t *cfg = (nnom_global_pool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "global_avg_pool";
    return nnom_layer_adopt(nnom_global_avgpool_s(cfg), cfg);
}

/* sum * in_scale / out_scale, as the converter computes it */
static nnom_status_t sumpool_prepare(nnom_layer_t *l)
{
    nnom_sumpool_config_t *cfg = (nnom_sumpool_config_t *)(void *)l->config;
    const nnom_qparam_t *in_q = l->in0->out.q;
    if (in_q == NULL)
        return NN_ARGUMENT_ERROR;
    return nnom_quantize_multiplier((double)in_q->scale / (double)cfg->super.out_q->scale,
                                    &cfg->mult, &cfg->shift);
}

static nnom_layer_t *sumpool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad,
                             const nnom_qparam_t *out_q, int global)
{
    if (out_q == NULL || !(out_q->scale > 0.0f) || pad == PADDING_EXPLICIT)
        return NULL;
    nnom_sumpool_config_t *cfg = (nnom_sumpool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = global ? "global_sum_pool" : "sum_pool";
    cfg->super.out_q = out_q;
    cfg->super.prepare = sumpool_prepare;
    cfg->kernel_h = k.h;
    cfg->kernel_w = k.w;
    cfg->stride_h = s.h;
    cfg->stride_w = s.w;
    cfg->padding = pad;
    return nnom_layer_adopt(global ? nnom_global_sumpool_s(cfg) : nnom_sumpool_s(cfg), cfg);
}

nnom_layer_t *nnom_SumPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad, const nnom_qparam_t *out_q)
{
    return sumpool(k, s, pad, out_q, 0);
}

nnom_layer_t *nnom_GlobalSumPool(const nnom_qparam_t *out_q)
{
    return sumpool(nnom_hw(1, 1), nnom_hw(1, 1), PADDING_VALID, out_q, 1);
}
