/* nnom_model.c - building the layer graph: hook, merge, active. */
#include <stdarg.h>

#include "nnom.h"
#include "nnom_internal.h"

nnom_layer_t *nnom_layer_new(const nnom_layer_type_t *type, const void *config)
{
    if (type == NULL || config == NULL)
        return NULL;
    nnom_layer_t *layer = (nnom_layer_t *)nnom_mem(sizeof(nnom_layer_t));
    if (layer == NULL)
        return NULL;
    layer->type = type;
    layer->config = config;
    layer->out_min = -128;
    layer->out_max = 127;
    return layer;
}

nnom_layer_t *nnom_layer_input(const nnom_layer_t *layer, uint8_t i)
{
    if (layer == NULL || i >= layer->n_in)
        return NULL;
    return nnom_layer_input_at(layer, i);
}

static nnom_layer_t *model_mergex(nnom_layer_t *method, int num, ...)
{
    va_list args;
    nnom_layer_t **more = NULL;
    nnom_layer_t *first;
    if (method == NULL || num < 1 || num > 255 || method->n_in != 0)
        return NULL;
    /* every input checked before anything is allocated: a NULL input leaks nothing */
    int missing = 0;
    va_start(args, num);
    for (int i = 0; i < num; i++)
        missing |= va_arg(args, nnom_layer_t *) == NULL;
    va_end(args);
    if (missing)
        return NULL;
    if (num > 1) {
        more = (nnom_layer_t **)nnom_mem(sizeof(nnom_layer_t *) * (size_t)(num - 1));
        if (more == NULL)
            return NULL;
    }
    va_start(args, num);
    first = va_arg(args, nnom_layer_t *);
    for (int i = 1; i < num; i++)
        more[i - 1] = va_arg(args, nnom_layer_t *);
    va_end(args);
    method->in0 = first;
    method->in_more = more;
    method->n_in = (uint8_t)num;
    return method;
}

static nnom_layer_t *model_hook(nnom_layer_t *curr, nnom_layer_t *prev)
{
    return model_mergex(curr, 1, prev);
}

static nnom_layer_t *model_merge(nnom_layer_t *method, nnom_layer_t *a, nnom_layer_t *b)
{
    return model_mergex(method, 2, a, b);
}

static nnom_layer_t *model_active(const nnom_activation_t *act, nnom_layer_t *target)
{
    if (act == NULL || target == NULL || target->act != NULL)
        return NULL;
    target->act = act;
    if (act->owned)
        nnom_layer_own(target, (void *)(uintptr_t)act);
    return target;
}

nnom_model_t *nnom_new_model(nnom_model_t *m)
{
    if (m == NULL)
        return NULL;
    nnom_memset(m, 0, sizeof(*m));
    m->hook = model_hook;
    m->merge = model_merge;
    m->mergex = model_mergex;
    m->active = model_active;
    m->mem_start = (uint32_t)nnom_mem_used();
    return m;
}

nnom_status_t nnom_model_set_callback(nnom_model_t *m, nnom_layer_callback_t cb)
{
    if (m == NULL)
        return NN_ARGUMENT_ERROR;
    m->callback = cb;
    return NN_SUCCESS;
}

void nnom_model_delete_callback(nnom_model_t *m)
{
    if (m != NULL)
        m->callback = NULL;
}

void nnom_model_delete(nnom_model_t *m)
{
    if (m == NULL)
        return;
    nnom_layer_t *layer = m->head;
    while (layer != NULL) {
        nnom_layer_t *next = layer->next;
        nnom_layer_release_owned(layer);
        nnom_mem_release(layer->in_more);
        nnom_mem_release(layer);
        layer = next;
    }
    nnom_mem_release(m->arena);
    nnom_memset(m, 0, sizeof(*m));
}

static const nnom_activation_t relu_act = {.kind = NNOM_ACT_RELU, .name = "ReLU"};
static const nnom_activation_t relu6_act = {.kind = NNOM_ACT_RELU_CAP, .name = "ReLU6", .cap = 6.0f};

const nnom_activation_t *nnom_act_relu(void) { return &relu_act; }
const nnom_activation_t *nnom_act_relu6(void) { return &relu6_act; }

uint32_t nnom_shape_size(const nnom_shape_t *s)
{
    /* 0 (no tensor) above 2^31 - 1 bytes: kernels index in int32 */
    if (s == NULL)
        return 0u;
    const uint64_t hw = (uint64_t)s->h * s->w;
    return hw > INT32_MAX || hw * s->c > INT32_MAX ? 0u : (uint32_t)(hw * s->c);
}
