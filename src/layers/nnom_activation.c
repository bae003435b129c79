/* nnom_activation.c - a stand-alone element-wise activation (table), and
 * its Layer API constructors. */
#include "nnom.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* A stand-alone element-wise activation: out = table[in + 128]. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *table;
    const char *act_name;
} nnom_activation_config_t;

nnom_layer_t *nnom_activation_s(const nnom_activation_config_t *config);

/* Layer API: a stand-alone activation layer (table computed at
 * model_compile(); nnom_act_* in nnom_layer_api.h). */
nnom_layer_t *nnom_Activation(const nnom_activation_t *act);
nnom_layer_t *nnom_ReLU(void);
#endif /* NNOM_DECLARE_IN_OPS_H */

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

static const nnom_layer_type_t activation_type = {NNOM_ACTIVATION, NNOM_LAYER_INPLACE,
                                                  0, "Activation", activation_build,
                                                  activation_run};

nnom_layer_t *nnom_activation_s(const nnom_activation_config_t *config)
{
    return nnom_layer_new(&activation_type, config);
}

typedef struct {
    nnom_activation_config_t cfg;
    const nnom_activation_t *act;
} api_activation_t;

static nnom_status_t activation_prepare(nnom_layer_t *l)
{
    api_activation_t *api = (api_activation_t *)(void *)l->config;
    const nnom_activation_t *act = api->act;
    const nnom_qparam_t *in_q = l->in0->out.q;
    if (in_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (act->kind != NNOM_ACT_LUT) {
        if (nnom_act_make_table(&act, in_q) != NN_SUCCESS)
            return NN_NO_MEMORY;
        nnom_layer_own(l, (void *)(uintptr_t)act);
    }
    api->cfg.table = act->table;
    api->cfg.super.out_q = act->out_q;
    api->cfg.act_name = act->name;
    return NN_SUCCESS;
}

nnom_layer_t *nnom_Activation(const nnom_activation_t *act)
{
    if (act == NULL)
        return NULL;
    api_activation_t *api = (api_activation_t *)nnom_mem_owned(sizeof(api_activation_t));
    if (api == NULL)
        return NULL;
    api->act = act;
    api->cfg.super.name = act->name;
    api->cfg.super.prepare = activation_prepare;
    nnom_layer_t *layer = nnom_layer_adopt(nnom_activation_s(&api->cfg), api);
    if (layer != NULL && act->owned)
        nnom_layer_own(layer, (void *)(uintptr_t)act);
    return layer;
}

nnom_layer_t *nnom_ReLU(void) { return nnom_Activation(nnom_act_relu()); }
