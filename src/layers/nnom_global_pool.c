/* nnom_global_pool.c - GlobalMaxPool, GlobalAvgPool, GlobalSumPool (output
 * (c), rank 1) and SumPool. Max and average keep the input's quantisation;
 * sums are requantised to the config's. */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"

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
    if (l->type->kind == NNOM_GLOBAL_SUMPOOL) {
        const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
        if (cfg->super.out_q == NULL)
            return NN_ARGUMENT_ERROR;
        l->out.q = cfg->super.out_q;
    }
    return NN_SUCCESS;
}

/* One run per kind, each naming its own kernel: a model links the pooling
 * kernels of the kinds it uses only. */
typedef nnom_status_t (*global_kernel_t)(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                         const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                         const nnom_dims_t *out_dims, int8_t *out);

static nnom_status_t global_run(nnom_layer_t *l, global_kernel_t kernel)
{
    const nnom_shape_t *s = &l->in0->out.shape;
    const nnom_dims_t in = {s->h, s->w, s->c}, out = {1, 1, s->c};
    const nnom_pool_params_t p = {1, 1, 0, 0, l->out_min, l->out_max};
    return kernel(&p, &in, l->in0->out.data, s->h, s->w, &out, l->out.data);
}

static nnom_status_t global_max_run(nnom_layer_t *l)
{
    return global_run(l, nnom_kernel_maxpool_s8);
}

static nnom_status_t global_avg_run(nnom_layer_t *l)
{
    return global_run(l, nnom_kernel_avgpool_s8);
}

static nnom_status_t global_sum_run(nnom_layer_t *l)
{
    const nnom_shape_t *s = &l->in0->out.shape;
    const nnom_dims_t in = {s->h, s->w, s->c}, out = {1, 1, s->c};
    const nnom_pool_params_t p = {1, 1, 0, 0, l->out_min, l->out_max};
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    return nnom_kernel_sumpool_s8(&p, &in, l->in0->out.data, s->h, s->w, &out, l->out.data,
                                  l->in0->out.q->zero_point, cfg->super.out_q->zero_point,
                                  cfg->mult, cfg->shift);
}

static nnom_status_t sumpool_setup(const nnom_layer_t *l, nnom_dims_t *in, nnom_dims_t *out,
                                   nnom_pool_params_t *p)
{
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
    if (cfg->super.out_q == NULL) /* the input's out.q: see global_build() */
        return NN_ARGUMENT_ERROR;
    if (s->rank < 2 || (int32_t)cfg->kernel_h * cfg->kernel_w > MAX_POSITIONS)
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

static nnom_status_t sumpool_build(nnom_layer_t *l)
{
    nnom_dims_t in, out;
    nnom_pool_params_t p;
    nnom_status_t st = sumpool_setup(l, &in, &out, &p);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint16_t)out.h;
    l->out.shape.w = (uint16_t)out.w;
    l->out.shape.c = (uint16_t)out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = ((const nnom_sumpool_config_t *)l->config)->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t sumpool_run(nnom_layer_t *l)
{
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    nnom_dims_t in, out;
    nnom_pool_params_t p;
    nnom_status_t st = sumpool_setup(l, &in, &out, &p);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_sumpool_s8(&p, &in, l->in0->out.data, cfg->kernel_h, cfg->kernel_w, &out,
                                  l->out.data, l->in0->out.q->zero_point,
                                  cfg->super.out_q->zero_point, cfg->mult, cfg->shift);
}

static const nnom_layer_type_t global_maxpool_type = {NNOM_GLOBAL_MAXPOOL, "GlobalMax", 0, 1,
                                                      global_build, global_max_run};
static const nnom_layer_type_t global_avgpool_type = {NNOM_GLOBAL_AVGPOOL, "GlobalAvg", 0, 1,
                                                      global_build, global_avg_run};
static const nnom_layer_type_t global_sumpool_type = {NNOM_GLOBAL_SUMPOOL, "GlobalSum", 0, 1,
                                                      global_build, global_sum_run};
static const nnom_layer_type_t sumpool_type = {NNOM_SUMPOOL, "SumPool", 0, 1, sumpool_build,
                                               sumpool_run};

nnom_layer_t *global_maxpool_s(const nnom_global_pool_config_t *config)
{
    return nnom_layer_new(&global_maxpool_type, config);
}
nnom_layer_t *global_avgpool_s(const nnom_global_pool_config_t *config)
{
    return nnom_layer_new(&global_avgpool_type, config);
}
nnom_layer_t *global_sumpool_s(const nnom_sumpool_config_t *config)
{
    return nnom_layer_new(&global_sumpool_type, config);
}
nnom_layer_t *sumpool_s(const nnom_sumpool_config_t *config)
{
    return nnom_layer_new(&sumpool_type, config);
}
