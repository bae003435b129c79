/* nnom_lambda.c - a user function on one input tensor (Keras' Lambda).
 * The function sees Keras' order (HWC) in every build: in CHW builds the
 * layer transposes through its scratch where the orders differ. */
#include "nnom.h"
#include "../kernels/chw/nnom_chw.h"

#ifdef NNOM_USING_CHW
/* scratch for an HWC copy of a tensor (none when the orders coincide) */
static uint32_t hwc_copy_bytes(const nnom_shape_t *s)
{
    return nnom_chw_same_order(s) ? 0u : NNOM_ALIGN_UP(nnom_shape_size(s));
}
#endif

static nnom_status_t lambda_build(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
    if (cfg->run == NULL || cfg->super.out_q == NULL || cfg->shape.rank < 1 ||
        cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
#ifdef NNOM_USING_CHW
    l->scratch_bytes = hwc_copy_bytes(&l->in0->out.shape) + hwc_copy_bytes(&cfg->shape);
#endif
    return NN_SUCCESS;
}

static nnom_status_t lambda_run(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
#ifdef NNOM_USING_CHW
    nnom_tensor_t in = l->in0->out, out = l->out;
    if (!nnom_chw_same_order(&in.shape)) {
        in.data = l->scratch;
        nnom_chw_to_hwc(l->in0->out.data, &in.shape, in.data);
    }
    if (!nnom_chw_same_order(&out.shape))
        out.data = l->scratch + hwc_copy_bytes(&in.shape);
    nnom_status_t s = cfg->run(&in, &out);
    if (s == NN_SUCCESS && out.data != l->out.data)
        nnom_chw_from_hwc(out.data, &out.shape, l->out.data);
    return s;
#else
    return cfg->run(&l->in0->out, &l->out);
#endif
}

static const nnom_layer_type_t lambda_type = {NNOM_LAMBDA, "Lambda", 0, 0, lambda_build,
                                              lambda_run};

nnom_layer_t *nnom_lambda_s(const nnom_lambda_config_t *config)
{
    return nnom_layer_new(&lambda_type, config);
}
