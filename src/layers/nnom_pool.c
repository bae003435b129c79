/* nnom_pool.c - MaxPool and AvgPool (1D and 2D); output keeps the input's
 * quantisation. Their Layer API constructors too. */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* MaxPool / AvgPool: the output keeps the input's quantisation. */
typedef struct {
    nnom_layer_config_t super;
    uint32_t kernel_h, kernel_w;
    uint32_t stride_h, stride_w;
    nnom_padding_t padding;
} nnom_pool_config_t;

nnom_layer_t *nnom_maxpool_s(const nnom_pool_config_t *config);
nnom_layer_t *nnom_avgpool_s(const nnom_pool_config_t *config);

/* Layer API */
nnom_layer_t *nnom_MaxPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad);
nnom_layer_t *nnom_AvgPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad);
#endif /* NNOM_DECLARE_IN_OPS_H */

/* at build (run = 0) and at runs (1: build checked the config and shape) */
static nnom_status_t setup(const nnom_layer_t *l, nnom_pool_args_t *a, int run)
{
    const nnom_pool_config_t *cfg = (const nnom_pool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
#if defined(__OPTIMIZE_SIZE__)
    run = 0; /* -Os: build's path (one copy) */
#endif
    if (!run && (s->rank < 2 || !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, 1)))
        return NN_SIZE_MISMATCH;
    return nnom_pool_window(l, cfg->kernel_h, cfg->kernel_w, cfg->stride_h, cfg->stride_w,
                            cfg->padding, run, a);
}

/* A layer type per kind with its own kernel table (the type's first member
 * is the generic type the layer points to): a model without AvgPool links
 * no average pooling kernel, CMSIS-NN's included. */
typedef struct {
    nnom_layer_type_t super;
    const nnom_kernel_t *kernels;
} pool_type_t;

static const pool_type_t *pool_type(const nnom_layer_t *l)
{
    return (const pool_type_t *)(const void *)l->type;
}

static nnom_status_t pool_build(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = setup(l, &a, 0);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint32_t)a.out.h;
    l->out.shape.w = (uint32_t)a.out.w;
    l->out.shape.c = (uint32_t)a.out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = l->in0->out.q;
    nnom_kernel_plan(pool_type(l)->kernels, l, &a);
    return NN_SUCCESS;
}

static nnom_status_t pool_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = setup(l, &a, 1);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run_kept(pool_type(l)->kernels, l, &a);
}

static const pool_type_t maxpool_type = {
    {NNOM_LAYER, 0, 1, "MaxPool", pool_build, pool_run},
    nnom_maxpool_kernels,
};
static const pool_type_t avgpool_type = {
    {NNOM_LAYER, 0, 1, "AvgPool", pool_build, pool_run},
    nnom_avgpool_kernels,
};

nnom_layer_t *nnom_maxpool_s(const nnom_pool_config_t *config)
{
    return nnom_layer_new(&maxpool_type.super, config);
}
nnom_layer_t *nnom_avgpool_s(const nnom_pool_config_t *config)
{
    return nnom_layer_new(&avgpool_type.super, config);
}

static nnom_layer_t *pool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad, int is_max)
{
    if (pad == PADDING_EXPLICIT)
        return NULL;
    nnom_pool_config_t *cfg = (nnom_pool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = is_max ? "max_pool" : "avg_pool";
    cfg->kernel_h = k.h;
    cfg->kernel_w = k.w;
    cfg->stride_h = s.h;
    cfg->stride_w = s.w;
    cfg->padding = pad;
    return nnom_layer_adopt(is_max ? nnom_maxpool_s(cfg) : nnom_avgpool_s(cfg), cfg);
}

nnom_layer_t *nnom_MaxPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad) { return pool(k, s, pad, 1); }
nnom_layer_t *nnom_AvgPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad) { return pool(k, s, pad, 0); }
