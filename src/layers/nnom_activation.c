/* nnom_activation.c - a stand-alone element-wise activation (table). */
#include "nnom.h"
#include "nnom_kernels.h"

static nnom_status_t activation_build(nnom_layer_t *l)
{
    const nnom_activation_config_t *cfg = (const nnom_activation_config_t *)l->config;
    if (cfg->table == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    l->out.shape = l->in0->out.shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t activation_run(nnom_layer_t *l)
{
    const nnom_activation_config_t *cfg = (const nnom_activation_config_t *)l->config;
    nnom_lut_s8(l->in0->out.data, l->out.data, nnom_shape_size(&l->out.shape), cfg->table);
    return NN_SUCCESS;
}

static const nnom_layer_type_t activation_type = {NNOM_ACTIVATION, "Activation",
                                                  NNOM_LAYER_INPLACE, 0, activation_build,
                                                  activation_run};

nnom_layer_t *nnom_activation_s(const nnom_activation_config_t *config)
{
    return nnom_layer_new(&activation_type, config);
}
