/* nnom_api_more.c - Layer API global and sum pooling, PReLU and Lambda. */
#include "../core/nnom_internal.h"
#include "nnom.h"
#include "nnom_fixedpoint.h"

nnom_layer_t *nnom_GlobalMaxPool(void)
{
    nnom_global_pool_config_t *cfg = (nnom_global_pool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "global_max_pool";
    return nnom_layer_adopt(nnom_global_maxpool_s(cfg), cfg);
}

nnom_layer_t *nnom_GlobalAvgPool(void)
{
    nnom_global_pool_config_t *cfg = (nnom_global_pool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "global_avg_pool";
    return nnom_layer_adopt(nnom_global_avgpool_s(cfg), cfg);
}

/* sum * in_scale / out_scale, as the converter computes it */
static nnom_status_t sumpool_prepare(nnom_layer_t *l)
{
    nnom_sumpool_config_t *cfg = (nnom_sumpool_config_t *)(void *)l->config;
    const nnom_qparam_t *in_q = l->in0->out.q;
    if (in_q == NULL)
        return NN_ARGUMENT_ERROR;
    return nnom_quantize_multiplier((double)in_q->scale / (double)cfg->super.out_q->scale,
                                    &cfg->mult, &cfg->shift);
}

static nnom_layer_t *sumpool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad,
                             const nnom_qparam_t *out_q, int global)
{
    if (out_q == NULL || !(out_q->scale > 0.0f) || pad == PADDING_EXPLICIT)
        return NULL;
    nnom_sumpool_config_t *cfg = (nnom_sumpool_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = global ? "global_sum_pool" : "sum_pool";
    cfg->super.out_q = out_q;
    cfg->super.prepare = sumpool_prepare;
    cfg->kernel_h = k.h;
    cfg->kernel_w = k.w;
    cfg->stride_h = s.h;
    cfg->stride_w = s.w;
    cfg->padding = pad;
    return nnom_layer_adopt(global ? nnom_global_sumpool_s(cfg) : nnom_sumpool_s(cfg), cfg);
}

nnom_layer_t *nnom_SumPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad, const nnom_qparam_t *out_q)
{
    return sumpool(k, s, pad, out_q, 0);
}

nnom_layer_t *nnom_GlobalSumPool(const nnom_qparam_t *out_q)
{
    return sumpool(nnom_hw(1, 1), nnom_hw(1, 1), PADDING_VALID, out_q, 1);
}

typedef struct {
    nnom_prelu_config_t cfg;
    float alpha_scale;
} api_prelu_t;

static nnom_status_t prelu_prepare(nnom_layer_t *l)
{
    api_prelu_t *api = (api_prelu_t *)(void *)l->config;
    const nnom_qparam_t *in_q = l->in0->out.q;
    if (in_q == NULL)
        return NN_ARGUMENT_ERROR;
    double s_in = (double)in_q->scale, s_out = (double)api->cfg.super.out_q->scale;
    nnom_status_t s = nnom_quantize_multiplier(s_in / s_out, &api->cfg.pos_mult,
                                               &api->cfg.pos_shift);
    if (s != NN_SUCCESS)
        return s;
    return nnom_quantize_multiplier(s_in * (double)api->alpha_scale / s_out, &api->cfg.neg_mult,
                                    &api->cfg.neg_shift);
}

nnom_layer_t *nnom_PReLU(const int8_t *alpha, uint32_t alpha_size, float alpha_scale,
                    const nnom_qparam_t *out_q)
{
    if (alpha == NULL || alpha_size == 0 || out_q == NULL || !(out_q->scale > 0.0f))
        return NULL;
    api_prelu_t *api = (api_prelu_t *)nnom_mem_owned(sizeof(api_prelu_t));
    if (api == NULL)
        return NULL;
    api->alpha_scale = alpha_scale;
    api->cfg.super.name = "prelu";
    api->cfg.super.out_q = out_q;
    api->cfg.super.prepare = prelu_prepare;
    api->cfg.alpha = alpha;
    api->cfg.alpha_size = alpha_size;
    return nnom_layer_adopt(nnom_prelu_s(&api->cfg), api);
}

nnom_layer_t *nnom_Lambda(nnom_lambda_fn_t run, nnom_shape_t out_shape, const nnom_qparam_t *out_q)
{
    if (run == NULL || out_q == NULL)
        return NULL;
    nnom_lambda_config_t *cfg = (nnom_lambda_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "lambda";
    cfg->super.out_q = out_q;
    cfg->shape = out_shape;
    cfg->run = run;
    return nnom_layer_adopt(nnom_lambda_s(cfg), cfg);
}
