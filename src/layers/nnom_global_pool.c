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
    return nnom_kernel_run(nnom_maxpool_kernels, l, &a);
}

static nnom_status_t global_avg_run(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    global_args(l, &a);
    return nnom_kernel_run(nnom_avgpool_kernels, l, &a);
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
    return nnom_kernel_run(nnom_sumpool_kernels, l, &a);
}

static nnom_status_t sumpool_setup(const nnom_layer_t *l, nnom_pool_args_t *a)
{
    const nnom_sumpool_config_t *cfg = (const nnom_sumpool_config_t *)l->config;
    const nnom_shape_t *s = &l->in0->out.shape;
    if (cfg->super.out_q == NULL) /* the input's out.q: see global_build() */
        return NN_ARGUMENT_ERROR;
    if (s->rank < 2 || (uint64_t)cfg->kernel_h * cfg->kernel_w > MAX_POSITIONS)
        return NN_SIZE_MISMATCH;
    a->in.h = s->h;
    a->in.w = s->w;
    a->in.c = s->c;
    a->out.c = s->c;
    a->out.h = nnom_window_out(a->in.h, cfg->kernel_h, cfg->stride_h, 1, cfg->padding, 0, 0,
                               &a->p.pad_top);
    a->out.w = nnom_window_out(a->in.w, cfg->kernel_w, cfg->stride_w, 1, cfg->padding, 0, 0,
                               &a->p.pad_left);
    if (a->out.h < 1 || a->out.w < 1 || cfg->padding == PADDING_EXPLICIT)
        return NN_SIZE_MISMATCH;
    a->p.stride_h = cfg->stride_h;
    a->p.stride_w = cfg->stride_w;
    a->p.act_min = l->out_min;
    a->p.act_max = l->out_max;
    a->kernel_h = cfg->kernel_h;
    a->kernel_w = cfg->kernel_w;
    a->input = l->in0->out.data;
    a->output = l->out.data;
    sum_args(l, a);
    return NN_SUCCESS;
}

static nnom_status_t sumpool_build(nnom_layer_t *l)
{
    nnom_pool_args_t a;
    nnom_status_t st = sumpool_setup(l, &a);
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
    nnom_status_t st = sumpool_setup(l, &a);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run(nnom_sumpool_kernels, l, &a);
}

static const nnom_layer_type_t global_maxpool_type = {NNOM_GLOBAL_MAXPOOL, "GlobalMax", 0, 1,
                                                      global_build, global_max_run};
static const nnom_layer_type_t global_avgpool_type = {NNOM_GLOBAL_AVGPOOL, "GlobalAvg", 0, 1,
                                                      global_build, global_avg_run};
static const nnom_layer_type_t global_sumpool_type = {NNOM_GLOBAL_SUMPOOL, "GlobalSum", 0, 1,
                                                      global_build, global_sum_run};
static const nnom_layer_type_t sumpool_type = {NNOM_SUMPOOL, "SumPool", 0, 1, sumpool_build,
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
