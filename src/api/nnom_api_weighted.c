/* nnom_api_weighted.c - Layer API Conv2D, DW_Conv2D and Dense. The
 * per-channel multipliers are computed at model_compile() from the float
 * scales, in double precision exactly as the converter computes them. */
#include "../core/nnom_internal.h"
#include "nnom.h"
#include "nnom_fixedpoint.h"

typedef struct {
    const nnom_weight_t *w;
    int32_t *mult, *shift;
    uint32_t channels;
} requant_src_t;

static nnom_status_t make_requant(const requant_src_t *r, const nnom_qparam_t *in_q)
{
    if (in_q == NULL || r->w->out_q == NULL || !(r->w->out_q->scale > 0.0f))
        return NN_ARGUMENT_ERROR;
    for (uint32_t c = 0; c < r->channels; c++) {
        double real = (double)in_q->scale * (double)r->w->scale[c] / (double)r->w->out_q->scale;
        nnom_status_t s = nnom_quantize_multiplier(real, &r->mult[c], &r->shift[c]);
        if (s != NN_SUCCESS)
            return s;
    }
    return NN_SUCCESS;
}

/* channels whose multipliers and shifts (8 bytes each) a 32-bit size holds */
#define MAX_CHANNELS (1u << 28)

static int weights_ok(const nnom_weight_t *w, const nnom_bias_t *b)
{
    return w != NULL && b != NULL && w->data != NULL && w->scale != NULL && w->out_q != NULL &&
           b->data != NULL;
}

/* Conv2D and Conv2DTrans: one owned block holds the config, then
 * mult[filters] and shift[filters]. */
typedef struct {
    union {
        nnom_conv2d_config_t conv;
        nnom_deconv2d_config_t deconv;
    } cfg;
    requant_src_t rq;
} api_window_t;

/* The fields the window configs (and the depthwise one) share. */
#define FILL_WINDOW(c, label, prep, k, s, d, pad, w, b)                                         \
    do {                                                                                        \
        (c).super.name = (label);                                                               \
        (c).super.out_q = (w)->out_q;                                                           \
        (c).super.prepare = (prep);                                                             \
        (c).weight = (w)->data;                                                                 \
        (c).bias = (b)->data;                                                                   \
        (c).kernel_h = (k).h;                                                                   \
        (c).kernel_w = (k).w;                                                                   \
        (c).stride_h = (s).h;                                                                   \
        (c).stride_w = (s).w;                                                                   \
        (c).dilation_h = (d).h;                                                                 \
        (c).dilation_w = (d).w;                                                                 \
        (c).padding = (pad);                                                                    \
    } while (0)

static api_window_t *window_api(uint32_t filters, nnom_padding_t pad, const nnom_weight_t *w,
                                const nnom_bias_t *b)
{
    if (!weights_ok(w, b) || filters == 0 || filters >= MAX_CHANNELS || pad == PADDING_EXPLICIT)
        return NULL;
    api_window_t *api =
        (api_window_t *)nnom_mem_owned(sizeof(api_window_t) + 2u * filters * sizeof(int32_t));
    if (api == NULL)
        return NULL;
    int32_t *rq = (int32_t *)(void *)(api + 1);
    api->rq.w = w;
    api->rq.mult = rq;
    api->rq.shift = rq + filters;
    api->rq.channels = filters;
    return api;
}

static nnom_status_t conv_prepare(nnom_layer_t *l)
{
    api_window_t *api = (api_window_t *)(void *)l->config;
    api->cfg.conv.in_channels = l->in0->out.shape.c;
    return make_requant(&api->rq, l->in0->out.q);
}

nnom_layer_t *nnom_Conv2D(uint32_t filters, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d, nnom_padding_t pad,
                     const nnom_weight_t *w, const nnom_bias_t *b)
{
    api_window_t *api = window_api(filters, pad, w, b);
    if (api == NULL)
        return NULL;
    FILL_WINDOW(api->cfg.conv, "conv2d", conv_prepare, k, s, d, pad, w, b);
    api->cfg.conv.mult = api->rq.mult;
    api->cfg.conv.shift = api->rq.shift;
    api->cfg.conv.filters = filters;
    return nnom_layer_adopt(nnom_conv2d_s(&api->cfg.conv), api);
}

static nnom_status_t deconv_prepare(nnom_layer_t *l)
{
    api_window_t *api = (api_window_t *)(void *)l->config;
    api->cfg.deconv.in_channels = l->in0->out.shape.c;
    return make_requant(&api->rq, l->in0->out.q);
}

nnom_layer_t *nnom_Conv2DTrans(uint32_t filters, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d,
                          nnom_padding_t pad, const nnom_weight_t *w, const nnom_bias_t *b)
{
    api_window_t *api = window_api(filters, pad, w, b);
    if (api == NULL)
        return NULL;
    FILL_WINDOW(api->cfg.deconv, "conv2d_transpose", deconv_prepare, k, s, d, pad, w, b);
    api->cfg.deconv.mult = api->rq.mult;
    api->cfg.deconv.shift = api->rq.shift;
    api->cfg.deconv.filters = filters;
    return nnom_layer_adopt(nnom_deconv2d_s(&api->cfg.deconv), api);
}

/* ---- DW_Conv2D --------------------------------------------------------------- */

typedef struct {
    nnom_dwconv2d_config_t cfg;
    const nnom_weight_t *w;
    int32_t *rq;
} api_dwconv_t;

static nnom_status_t dwconv_prepare(nnom_layer_t *l)
{
    api_dwconv_t *api = (api_dwconv_t *)(void *)l->config;
    if ((uint64_t)l->in0->out.shape.c * api->cfg.multiplier >= MAX_CHANNELS)
        return NN_SIZE_MISMATCH;
    uint32_t channels = l->in0->out.shape.c * api->cfg.multiplier;
    api->cfg.in_channels = l->in0->out.shape.c;
    if (api->rq == NULL) { /* the channel count is known only now */
        api->rq = (int32_t *)nnom_mem_owned(2u * channels * sizeof(int32_t));
        if (api->rq == NULL)
            return NN_NO_MEMORY;
        nnom_layer_own(l, api->rq);
    }
    requant_src_t r = {api->w, api->rq, api->rq + channels, channels};
    api->cfg.mult = r.mult;
    api->cfg.shift = r.shift;
    return make_requant(&r, l->in0->out.q);
}

nnom_layer_t *nnom_DW_Conv2D(uint32_t multiplier, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d,
                        nnom_padding_t pad, const nnom_weight_t *w, const nnom_bias_t *b)
{
    if (!weights_ok(w, b) || multiplier == 0 || pad == PADDING_EXPLICIT)
        return NULL;
    api_dwconv_t *api = (api_dwconv_t *)nnom_mem_owned(sizeof(api_dwconv_t));
    if (api == NULL)
        return NULL;
    api->w = w;
    FILL_WINDOW(api->cfg, "depthwise_conv2d", dwconv_prepare, k, s, d, pad, w, b);
    api->cfg.multiplier = multiplier;
    return nnom_layer_adopt(nnom_dwconv2d_s(&api->cfg), api);
}

/* ---- Dense ------------------------------------------------------------------- */

typedef struct {
    nnom_dense_config_t cfg;
    requant_src_t rq;
} api_dense_t;

static nnom_status_t dense_prepare(nnom_layer_t *l)
{
    api_dense_t *api = (api_dense_t *)(void *)l->config;
    api->cfg.in_features = nnom_shape_size(&l->in0->out.shape);
    return make_requant(&api->rq, l->in0->out.q);
}

nnom_layer_t *nnom_Dense(uint32_t units, const nnom_weight_t *w, const nnom_bias_t *b)
{
    if (!weights_ok(w, b) || units == 0 || units >= MAX_CHANNELS)
        return NULL;
    api_dense_t *api =
        (api_dense_t *)nnom_mem_owned(sizeof(api_dense_t) + 2u * units * sizeof(int32_t));
    if (api == NULL)
        return NULL;
    int32_t *rq = (int32_t *)(void *)(api + 1);
    api->rq.w = w;
    api->rq.mult = rq;
    api->rq.shift = rq + units;
    api->rq.channels = units;
    api->cfg.super.name = "dense";
    api->cfg.super.out_q = w->out_q;
    api->cfg.super.prepare = dense_prepare;
    api->cfg.weight = w->data;
    api->cfg.bias = b->data;
    api->cfg.mult = api->rq.mult;
    api->cfg.shift = api->rq.shift;
    api->cfg.units = units;
    return nnom_layer_adopt(nnom_dense_s(&api->cfg), api);
}
