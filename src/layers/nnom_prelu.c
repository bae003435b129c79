/* nnom_prelu.c - PReLU with a learned slope per channel or per element, and
 * its Layer API constructor. */
#include "nnom.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"
#include "nnom_fixedpoint.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names PReLU and prelu_s), through which
 * this file sees them too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* PReLU (TFLite's int8 Prelu, with nnom_requantize):
 *   x - zp_in >= 0: out = zp_out + requantize(x - zp_in, pos_mult, pos_shift)
 *   otherwise:      out = zp_out + requantize((x - zp_in) * alpha, neg_mult, neg_shift)
 * alpha: c values (shared over h and w) or one per element (HWC). */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *alpha;
    uint32_t alpha_size;
    int32_t pos_mult, pos_shift, neg_mult, neg_shift;
} nnom_prelu_config_t;

nnom_layer_t *nnom_prelu_s(const nnom_prelu_config_t *config);

/* Layer API. alpha: int8 at alpha_scale, one per channel or one per element
 * (HWC). */
nnom_layer_t *nnom_PReLU(const int8_t *alpha, uint32_t alpha_size, float alpha_scale,
                         const nnom_qparam_t *out_q);
#endif /* NNOM_DECLARE_IN_OPS_H */

static nnom_status_t prelu_build(nnom_layer_t *l)
{
    const nnom_prelu_config_t *cfg = (const nnom_prelu_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (cfg->alpha == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (cfg->alpha_size != in->shape.c && cfg->alpha_size != nnom_shape_size(&in->shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = in->shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t prelu_run(nnom_layer_t *l)
{
    const nnom_prelu_config_t *cfg = (const nnom_prelu_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    const nnom_prelu_args_t a = {in->data,      l->out.data,     nnom_shape_size(&l->out.shape),
                                 in->shape.c,   cfg->alpha,      cfg->alpha_size,
                                 in->q->zero_point, cfg->super.out_q->zero_point,
                                 cfg->pos_mult, cfg->pos_shift,  cfg->neg_mult,
                                 cfg->neg_shift};
    return nnom_kernel_run_kept(nnom_prelu_kernels, l, &a);
}

static const nnom_layer_type_t prelu_type = {NNOM_LAYER, 0, 0, "PReLU", prelu_build, prelu_run};

nnom_layer_t *nnom_prelu_s(const nnom_prelu_config_t *config)
{
    return nnom_layer_new(&prelu_type, config);
}

/* ---- Layer API ------------------------------------------------------------ */

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
