/* nnom_api_activation.c - Layer API activations whose table is computed at
 * model_compile() (a layer's tail or an Activation layer's table). */
#include <math.h>

#include "../core/nnom_internal.h"
#include "nnom.h"
#include "nnom_fixedpoint.h"

static const nnom_activation_t sigmoid_act = {.kind = NNOM_ACT_SIGMOID, .name = "Sigmoid"};
static const nnom_activation_t tanh_act = {.kind = NNOM_ACT_TANH, .name = "TanH"};
static const nnom_qparam_t sigmoid_q = {1.0f / 256.0f, -128};
static const nnom_qparam_t tanh_q = {1.0f / 128.0f, 0};

/* model_compile()'s nnom_act_table_maker: layer l's computed activation
 * becomes its table for l's output quantisation, owned by l. */
static nnom_status_t tail_table(nnom_layer_t *l)
{
    if (l->out.q == NULL || nnom_act_make_table(&l->act, l->out.q) != NN_SUCCESS)
        return NN_NO_MEMORY;
    nnom_layer_own(l, (void *)(uintptr_t)l->act);
    return NN_SUCCESS;
}

const nnom_activation_t *nnom_act_sigmoid(void)
{
    nnom_act_table_maker = tail_table;
    return &sigmoid_act;
}

const nnom_activation_t *nnom_act_tanh(void)
{
    nnom_act_table_maker = tail_table;
    return &tanh_act;
}

const nnom_activation_t *nnom_act_leaky_relu(float alpha)
{
    nnom_act_table_maker = tail_table;
    nnom_activation_t *act = (nnom_activation_t *)nnom_mem_owned(sizeof(nnom_activation_t));
    if (act == NULL)
        return NULL;
    act->owned = 1;
    act->kind = NNOM_ACT_LEAKY_RELU;
    act->name = "LkyReLU";
    act->cap = alpha;
    return act;
}

const nnom_activation_t *nnom_act_lut(const int8_t *table, const nnom_qparam_t *out_q, const char *name)
{
    if (table == NULL || out_q == NULL)
        return NULL;
    nnom_activation_t *act = (nnom_activation_t *)nnom_mem_owned(sizeof(nnom_activation_t));
    if (act == NULL)
        return NULL;
    act->owned = 1;
    act->kind = NNOM_ACT_LUT;
    act->name = name != NULL ? name : "Table";
    act->table = table;
    act->out_q = out_q;
    return act;
}

static float act_eval(const nnom_activation_t *act, float x)
{
    switch (act->kind) {
    case NNOM_ACT_SIGMOID: return 1.0f / (1.0f + expf(-x));
    case NNOM_ACT_TANH: return tanhf(x);
    case NNOM_ACT_LEAKY_RELU: return x >= 0.0f ? x : act->cap * x;
    case NNOM_ACT_RELU: return x > 0.0f ? x : 0.0f;
    case NNOM_ACT_RELU_CAP: return x > 0.0f ? (x < act->cap ? x : act->cap) : 0.0f;
    default: return x;
    }
}

/* A RAM activation: the descriptor, its output quantisation and its table. */
typedef struct {
    nnom_activation_t act;
    nnom_qparam_t q;
    int8_t table[256];
} made_table_t;

nnom_status_t nnom_act_make_table(const nnom_activation_t **act, const nnom_qparam_t *in_q)
{
    const nnom_activation_t *src = *act;
    made_table_t *made = (made_table_t *)nnom_mem_owned(sizeof(made_table_t));
    if (made == NULL)
        return NN_NO_MEMORY;
    made->q = src->kind == NNOM_ACT_SIGMOID ? sigmoid_q
              : src->kind == NNOM_ACT_TANH  ? tanh_q
                                            : *in_q;
    for (int32_t v = -128; v < 128; v++) {
        float y = act_eval(src, in_q->scale * (float)(v - in_q->zero_point));
        float r = floorf(y / made->q.scale + 0.5f);
        int32_t out = r > 1000.0f ? 1000 : (r < -1000.0f ? -1000 : (int32_t)r);
        out += made->q.zero_point;
        made->table[v + 128] = (int8_t)(out < -128 ? -128 : (out > 127 ? 127 : out));
    }
    made->act.kind = NNOM_ACT_LUT;
    made->act.name = src->name;
    made->act.table = made->table;
    made->act.out_q = &made->q;
    made->act.owned = 1;
    *act = &made->act;
    return NN_SUCCESS;
}
