/* nnom_pool.c - MaxPool and AvgPool (1D and 2D); output keeps the input's
 * quantisation. */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"

static nnom_status_t setup(const nnom_layer_t *l, nnom_dims_t *in, nnom_dims_t *out,
                           nnom_pool_params_t *p)
{
    const nnom_pool_config_t *cfg = (const nnom_pool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
    if (s->rank < 2)
        return NN_SIZE_MISMATCH;
    in->h = s->h;
    in->w = s->w;
    in->c = s->c;
    out->c = s->c;
    out->h = nnom_window_out(in->h, cfg->kernel_h, cfg->stride_h, 1, cfg->padding, 0, 0,
                             &p->pad_top);
    out->w = nnom_window_out(in->w, cfg->kernel_w, cfg->stride_w, 1, cfg->padding, 0, 0,
                             &p->pad_left);
    if (out->h < 1 || out->w < 1 || cfg->padding == PADDING_EXPLICIT)
        return NN_SIZE_MISMATCH;
    p->stride_h = cfg->stride_h;
    p->stride_w = cfg->stride_w;
    p->act_min = l->out_min;
    p->act_max = l->out_max;
    return NN_SUCCESS;
}

static nnom_status_t pool_build(nnom_layer_t *l)
{
    nnom_dims_t in, out;
    nnom_pool_params_t p;
    nnom_status_t st = setup(l, &in, &out, &p);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint16_t)out.h;
    l->out.shape.w = (uint16_t)out.w;
    l->out.shape.c = (uint16_t)out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = l->in0->out.q;
    return NN_SUCCESS;
}

static nnom_status_t pool_run(nnom_layer_t *l)
{
    const nnom_pool_config_t *cfg = (const nnom_pool_config_t *)l->config;
    nnom_dims_t in, out;
    nnom_pool_params_t p;
    nnom_status_t st = setup(l, &in, &out, &p);
    if (st != NN_SUCCESS)
        return st;
    if (l->type->kind == NNOM_MAXPOOL)
        return nnom_kernel_maxpool_s8(&p, &in, l->in0->out.data, cfg->kernel_h, cfg->kernel_w,
                                      &out, l->out.data);
    return nnom_kernel_avgpool_s8(&p, &in, l->in0->out.data, cfg->kernel_h, cfg->kernel_w, &out,
                                  l->out.data);
}

static const nnom_layer_type_t maxpool_type = {NNOM_MAXPOOL, "MaxPool", 0, 1, pool_build,
                                               pool_run};
static const nnom_layer_type_t avgpool_type = {NNOM_AVGPOOL, "AvgPool", 0, 1, pool_build,
                                               pool_run};

nnom_layer_t *maxpool_s(const nnom_pool_config_t *config)
{
    return nnom_layer_new(&maxpool_type, config);
}
nnom_layer_t *avgpool_s(const nnom_pool_config_t *config)
{
    return nnom_layer_new(&avgpool_type, config);
}
