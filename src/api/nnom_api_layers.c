/* nnom_api_layers.c - Layer API constructors for layers without weights:
 * a RAM config filled from the arguments, then the Structured API. */
#include "../core/nnom_internal.h"
#include "nnom.h"

/* A RAM config owned by the layer made from it (freed by model_delete). */
#define API_CONFIG(type, var)                              \
    type *var = (type *)nnom_mem_owned(sizeof(type));      \
    if (var == NULL)                                       \
        return NULL

static nnom_layer_t *pool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad, int is_max)
{
    if (pad == PADDING_EXPLICIT)
        return NULL;
    API_CONFIG(nnom_pool_config_t, cfg);
    cfg->super.name = is_max ? "max_pool" : "avg_pool";
    cfg->kernel_h = k.h;
    cfg->kernel_w = k.w;
    cfg->stride_h = s.h;
    cfg->stride_w = s.w;
    cfg->padding = pad;
    return nnom_layer_adopt(is_max ? nnom_maxpool_s(cfg) : nnom_avgpool_s(cfg), cfg);
}

nnom_layer_t *nnom_MaxPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad) { return pool(k, s, pad, 1); }
nnom_layer_t *nnom_AvgPool(nnom_hw_t k, nnom_hw_t s, nnom_padding_t pad) { return pool(k, s, pad, 0); }

