/* nnom_api_merge.c - Layer API merges: Add, Sub, Average, Mult.
 * Hook them with model.merge(Add(&q), a, b) or model.mergex(Add(&q), n, ...).
 * Their parameters are computed at model_compile() in double precision,
 * in the converter's order of operations (nnom/fixedpoint.py add_params),
 * so both give the same bytes. */
#include "../core/nnom_internal.h"
#include "nnom.h"
#include "nnom_fixedpoint.h"

#define ADD_LEFT_SHIFT 20

/* ---- Add / Sub / Average ---------------------------------------------------- */

typedef struct {
    nnom_add_config_t cfg;
    int32_t average;
} api_add_t;

static nnom_status_t add_prepare(nnom_layer_t *l)
{
    api_add_t *api = (api_add_t *)(void *)l->config;
    const uint8_t n = l->n_in;
    double twice_max = 0.0;
    if (n < 2)
        return NN_ARGUMENT_ERROR;
    for (uint8_t i = 0; i < n; i++) {
        const nnom_qparam_t *q = nnom_layer_input(l, i)->out.q;
        if (q == NULL)
            return NN_ARGUMENT_ERROR;
        if (2.0 * (double)q->scale > twice_max)
            twice_max = 2.0 * (double)q->scale;
    }
    int32_t *rq = (int32_t *)nnom_mem_owned(2u * n * sizeof(int32_t));
    if (rq == NULL)
        return NN_NO_MEMORY;
    nnom_layer_own(l, rq);
    for (uint8_t i = 0; i < n; i++) {
        double real = (double)nnom_layer_input(l, i)->out.q->scale / twice_max;
        nnom_status_t s = nnom_quantize_multiplier(real, &rq[i], &rq[n + i]);
        if (s != NN_SUCCESS)
            return s;
    }
    api->cfg.in_mult = rq;
    api->cfg.in_shift = rq + n;
    double out_real = twice_max / ((double)(1 << ADD_LEFT_SHIFT) *
                                   (double)api->cfg.super.out_q->scale * (double)api->average);
    return nnom_quantize_multiplier(out_real, &api->cfg.out_mult, &api->cfg.out_shift);
}

static nnom_layer_t *add_like(const nnom_qparam_t *out_q, int32_t average, int subtract)
{
    if (out_q == NULL || !(out_q->scale > 0.0f))
        return NULL;
    api_add_t *api = (api_add_t *)nnom_mem_owned(sizeof(api_add_t));
    if (api == NULL)
        return NULL;
    api->average = average;
    api->cfg.super.name = subtract ? "subtract" : (average > 1 ? "average" : "add");
    api->cfg.super.out_q = out_q;
    api->cfg.super.prepare = add_prepare;
    api->cfg.left_shift = ADD_LEFT_SHIFT;
    return nnom_layer_adopt(subtract ? nnom_sub_s(&api->cfg) : nnom_add_s(&api->cfg), api);
}

nnom_layer_t *nnom_Add(const nnom_qparam_t *out_q) { return add_like(out_q, 1, 0); }
nnom_layer_t *nnom_Sub(const nnom_qparam_t *out_q) { return add_like(out_q, 1, 1); }
nnom_layer_t *nnom_Average(uint8_t n, const nnom_qparam_t *out_q)
{
    return n < 2 ? NULL : add_like(out_q, n, 0);
}

/* ---- Mult (two inputs) ------------------------------------------------------ */

typedef struct {
    nnom_mult_config_t cfg;
    int32_t mult, shift;
} api_mult_t;

static nnom_status_t mult_prepare(nnom_layer_t *l)
{
    api_mult_t *api = (api_mult_t *)(void *)l->config;
    if (l->n_in != 2)
        return NN_UNSUPPORTED; /* chains of products need calibrated steps: use the converter */
    const nnom_qparam_t *a = l->in0->out.q, *b = nnom_layer_input(l, 1)->out.q;
    if (a == NULL || b == NULL)
        return NN_ARGUMENT_ERROR;
    double real = (double)a->scale * (double)b->scale / (double)api->cfg.super.out_q->scale;
    return nnom_quantize_multiplier(real, &api->mult, &api->shift);
}

nnom_layer_t *nnom_Mult(const nnom_qparam_t *out_q)
{
    if (out_q == NULL || !(out_q->scale > 0.0f))
        return NULL;
    api_mult_t *api = (api_mult_t *)nnom_mem_owned(sizeof(api_mult_t));
    if (api == NULL)
        return NULL;
    api->cfg.super.name = "multiply";
    api->cfg.super.out_q = out_q;
    api->cfg.super.prepare = mult_prepare;
    api->cfg.mult = &api->mult;
    api->cfg.shift = &api->shift;
    return nnom_layer_adopt(nnom_mult_s(&api->cfg), api);
}
