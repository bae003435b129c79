/* nnom_pool.c - MaxPool and AvgPool (1D and 2D); output keeps the input's
 * quantisation. */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"

static nnom_status_t setup(const nnom_layer_t *l, nnom_pool_args_t *a)
{
    const nnom_pool_config_t *cfg = (const nnom_pool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
    if (s->rank < 2 || !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, 1))
        return NN_SIZE_MISMATCH;
    return nnom_pool_window(l, cfg->kernel_h, cfg->kernel_w, cfg->stride_h, cfg->stride_w,
                            cfg->padding, a);
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
    nnom_status_t st = setup(l, &a);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint32_t)a.out.h;
    l->out.shape.w = (uint32_t)a.out.w;
    l->out.shape.c = (uint32_t)a.out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = l->in0->out.q;
    l->scratch_bytes = nnom_kernel_scratch(pool_type(l)->kernels, &a);
    return NN_SUCCESS;
}

static nnom_status_t pool_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = setup(l, &a);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run(pool_type(l)->kernels, l, &a);
}

static const pool_type_t maxpool_type = {
    {NNOM_LAYER, "MaxPool", 0, 1, pool_build, pool_run},
    nnom_maxpool_kernels,
};
static const pool_type_t avgpool_type = {
    {NNOM_LAYER, "AvgPool", 0, 1, pool_build, pool_run},
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
