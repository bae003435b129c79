/* nnom_dense.c - fully connected layer, per-output-unit int8. */
#include "nnom.h"
#include "nnom_kernels.h"
#include "nnom_layout.h"

static void fill(const nnom_layer_t *l, nnom_fc_args_t *a)
{
    const nnom_dense_config_t *cfg = (const nnom_dense_config_t *)l->config;
    a->input_zp = l->in0->out.q->zero_point;
    a->output_zp = cfg->super.out_q->zero_point;
    a->act_min = l->out_min;
    a->act_max = l->out_max;
    a->in_features = cfg->in_features;
    a->units = cfg->units;
    a->input = l->in0->out.data;
    a->weight = cfg->weight;
    a->bias = cfg->bias;
    a->bias_folded = cfg->bias_folded;
    a->rq.mult = cfg->mult;
    a->rq.shift = cfg->shift;
    a->output = l->out.data;
#if NNOM_DENSE_GROUPED
    a->grouped = cfg->weight == NULL;
    if (a->grouped)
        a->weight = cfg->weight4;
#else
    a->grouped = 0;
#endif
}

static nnom_status_t setup(const nnom_layer_t *l, nnom_fc_args_t *a)
{
    const nnom_dense_config_t *cfg = (const nnom_dense_config_t *)l->config;
    /* an input has out.q: compile() refuses a layer built without one */
    if (cfg->bias == NULL || cfg->mult == NULL || cfg->shift == NULL || cfg->super.out_q == NULL ||
        cfg->units == 0)
        return NN_ARGUMENT_ERROR;
#if NNOM_DENSE_GROUPED
    /* weight4 (nnom_layers.h): whole words, raw inputs */
    if (cfg->weight == NULL &&
        (cfg->weight4 == NULL || cfg->bias_folded == NULL || cfg->in_features % 4 != 0 ||
         cfg->in_features == 0))
        return NN_ARGUMENT_ERROR;
#else
    if (cfg->weight == NULL) /* weight4 only: a build that does not read it */
        return NN_ARGUMENT_ERROR;
#endif
    if (nnom_shape_size(&l->in0->out.shape) != cfg->in_features)
        return NN_SIZE_MISMATCH;
    fill(l, a);
    return NN_SUCCESS;
}

static nnom_status_t dense_build(nnom_layer_t *l)
{
    const nnom_dense_config_t *cfg = (const nnom_dense_config_t *)l->config;
    nnom_fc_args_t a;
    nnom_status_t st = setup(l, &a);
    if (st != NN_SUCCESS)
        return st;
    if (!nnom_layout_keras_order(&l->in0->out.shape)) {
        NNOM_LOG("nnom: in CHW builds Dense needs a vector: put a Flatten before it\n");
        return NN_UNSUPPORTED;
    }
    l->out.shape.h = 1;
    l->out.shape.w = 1;
    l->out.shape.c = cfg->units;
    l->out.shape.rank = 1;
    l->out.q = cfg->super.out_q;
    l->macs = (uint32_t)cfg->units * cfg->in_features;
    nnom_kernel_plan(nnom_fc_kernels, l, &a);
    return NN_SUCCESS;
}

/* build() checked the config and the input size, which stay the same until
 * the next model_compile() */
static nnom_status_t dense_run(nnom_layer_t *l)
{
    nnom_fc_args_t a;
    fill(l, &a);
    return nnom_kernel_run_kept(nnom_fc_kernels, l, &a);
}

static const nnom_layer_type_t dense_type = {NNOM_LAYER, 0, 1, "Dense", dense_build, dense_run};

nnom_layer_t *nnom_dense_s(const nnom_dense_config_t *config) { return nnom_layer_new(&dense_type, config); }
