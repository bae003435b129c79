/* nnom_lambda.c - a user function on one input tensor (Keras' Lambda). */
#include "nnom.h"

static nnom_status_t lambda_build(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
    if (cfg->run == NULL || cfg->super.out_q == NULL || cfg->shape.rank < 1 ||
        cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t lambda_run(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
    return cfg->run(&l->in0->out, &l->out);
}

static const nnom_layer_type_t lambda_type = {NNOM_LAMBDA, "Lambda", 0, 0, lambda_build,
                                              lambda_run};

nnom_layer_t *lambda_s(const nnom_lambda_config_t *config)
{
    return nnom_layer_new(&lambda_type, config);
}
