/* nnom_softmax.c - Softmax over the channels (the last axis), and its
 * Layer API constructor (parameters computed at model_compile()). */
#include "nnom.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"
#include "nnom_fixedpoint.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names Softmax and softmax_s), through which
 * this file sees them too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Softmax over the channels. Output scale 1/256, zero point -128.
 * exp_table[-d] is the exp term for a difference d from the row maximum
 * (the converter computes it; CMSIS-NN uses mult, shift and diff_min). */
typedef struct {
    nnom_layer_config_t super;
    const int32_t *exp_table;
    int32_t mult, shift, diff_min;
} nnom_softmax_config_t;

nnom_layer_t *nnom_softmax_s(const nnom_softmax_config_t *config);

/* Layer API: softmax over the channels; output scale 1/256, zero point -128. */
nnom_layer_t *nnom_Softmax(void);
#endif /* NNOM_DECLARE_IN_OPS_H */

static nnom_status_t softmax_build(nnom_layer_t *l)
{
    const nnom_softmax_config_t *cfg = (const nnom_softmax_config_t *)l->config;
    if (cfg->exp_table == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (l->in0->out.shape.c > 4095)
        return NN_UNSUPPORTED;
    l->out.shape = l->in0->out.shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t softmax_run(nnom_layer_t *l)
{
    const nnom_shape_t *s = &l->out.shape;
    const nnom_softmax_args_t a = {(int32_t)s->h * s->w, s->c,
                                   (const nnom_softmax_config_t *)l->config, l->in0->out.data,
                                   l->out.data};
    return nnom_kernel_run_kept(nnom_softmax_kernels, l, &a);
}

static const nnom_layer_type_t softmax_type = {NNOM_LAYER, NNOM_LAYER_INPLACE, 0, "Softmax",
                                               softmax_build, softmax_run};

nnom_layer_t *nnom_softmax_s(const nnom_softmax_config_t *config)
{
    return nnom_layer_new(&softmax_type, config);
}

static const nnom_qparam_t softmax_q = {1.0f / 256.0f, -128};

typedef struct {
    nnom_softmax_config_t cfg;
    int32_t table[256];
} api_softmax_t;

static nnom_status_t softmax_prepare(nnom_layer_t *l)
{
    api_softmax_t *api = (api_softmax_t *)(void *)l->config;
    const nnom_qparam_t *in_q = l->in0->out.q;
    if (in_q == NULL)
        return NN_ARGUMENT_ERROR;
    nnom_status_t s = nnom_softmax_params(in_q->scale, &api->cfg.mult, &api->cfg.shift,
                                          &api->cfg.diff_min);
    if (s != NN_SUCCESS)
        return s;
    nnom_softmax_exp_table(api->cfg.mult, api->cfg.shift, api->cfg.diff_min, api->table);
    return NN_SUCCESS;
}

nnom_layer_t *nnom_Softmax(void)
{
    api_softmax_t *api = (api_softmax_t *)nnom_mem_owned(sizeof(api_softmax_t));
    if (api == NULL)
        return NULL;
    api->cfg.super.name = "softmax";
    api->cfg.super.out_q = &softmax_q;
    api->cfg.super.prepare = softmax_prepare;
    api->cfg.exp_table = api->table;
    return nnom_layer_adopt(nnom_softmax_s(&api->cfg), api);
}
