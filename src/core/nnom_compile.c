/*
 * nnom_compile.c - order the layers, build them, plan memory, print the table.
 *
 * Run order: depth-first from the outputs, each layer after all of its
 * inputs (taken in input order). nnom/memory.py computes the same order.
 */
#include <math.h>

#include "nnom.h"
#include "nnom_internal.h"

#define NNOM_MAX_DEPTH 1000

nnom_status_t (*nnom_act_table_maker)(const nnom_activation_t **act, const nnom_qparam_t *in_q);

typedef struct {
    nnom_model_t *m;
    nnom_layer_t *tail;
    uint16_t count;
} order_state_t;

static nnom_status_t visit(order_state_t *st, nnom_layer_t *l, int depth)
{
    if (l->visit == 2)
        return NN_SUCCESS;
    if (l->visit == 1) {
        NNOM_LOG("nnom: cycle at a %s layer\n", l->type->name);
        return NN_ARGUMENT_ERROR;
    }
    if (depth > NNOM_MAX_DEPTH)
        return NN_ARGUMENT_ERROR;
    l->visit = 1;
    for (uint8_t i = 0; i < l->n_in; i++) {
        nnom_status_t s = visit(st, nnom_layer_input(l, i), depth + 1);
        if (s != NN_SUCCESS)
            return s;
    }
    if (l->n_in == 0 && l->type->kind != NNOM_INPUT) {
        NNOM_LOG("nnom: %s layer without input\n", l->type->name);
        return NN_ARGUMENT_ERROR;
    }
    l->visit = 2;
    l->index = st->count++;
    l->next = NULL;
    if (st->tail == NULL)
        st->m->head = l;
    else
        st->tail->next = l;
    st->tail = l;
    return NN_SUCCESS;
}

static nnom_status_t apply_tail(nnom_layer_t *l)
{
    const nnom_activation_t *act = l->act;
    if (act == NULL)
        return NN_SUCCESS;
    if (l->type->kind == NNOM_INPUT || l->type->kind == NNOM_OUTPUT ||
        (l->type->flags & NNOM_LAYER_VIEW)) {
        NNOM_LOG("nnom: no activation on %s\n", l->type->name);
        return NN_ARGUMENT_ERROR;
    }
    const nnom_qparam_t *q = l->out.q;
    if (act->kind >= NNOM_ACT_SIGMOID) {
        /* Layer API: make the table for this layer's quantisation */
        if (q == NULL || nnom_act_table_maker == NULL ||
            nnom_act_table_maker(&l->act, q) != NN_SUCCESS)
            return NN_NO_MEMORY;
        act = l->act;
        nnom_layer_own(l, (void *)(uintptr_t)act);
    }
    if (act->kind == NNOM_ACT_LUT) {
        if (act->table == NULL || act->out_q == NULL)
            return NN_ARGUMENT_ERROR;
        l->out.q = act->out_q;
        return NN_SUCCESS;
    }
    if (q == NULL || !(q->scale > 0.0f))
        return NN_ARGUMENT_ERROR;
    if (l->out_min < q->zero_point)
        l->out_min = (int8_t)(q->zero_point > 127 ? 127 : q->zero_point);
    if (act->kind == NNOM_ACT_RELU_CAP) {
        /* float32 arithmetic, mirrored by the converter */
        float cap = roundf(act->cap / q->scale);
        int32_t hi = cap > 1000.0f ? 1000 : (int32_t)cap + q->zero_point;
        if (hi < l->out_max)
            l->out_max = (int8_t)(hi < -128 ? -128 : hi);
    }
    return NN_SUCCESS;
}

static nnom_status_t build_all(nnom_model_t *m)
{
    m->total_macs = 0;
    m->n_layers = 0;
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_layer_config_t *cfg = (const nnom_layer_config_t *)l->config;
        nnom_status_t s = cfg->prepare != NULL ? cfg->prepare(l) : NN_SUCCESS;
        if (s == NN_SUCCESS)
            s = l->type->build(l);
        if (s == NN_SUCCESS)
            s = apply_tail(l);
        if (s != NN_SUCCESS) {
            NNOM_LOG("nnom: #%u %s (%s) build: status %d\n", (unsigned)l->index + 1,
                     l->type->name, cfg->name ? cfg->name : "?", (int)s);
            return s;
        }
        if (nnom_shape_size(&l->out.shape) == 0 || l->out.q == NULL) {
            NNOM_LOG("nnom: #%u %s: empty output\n", (unsigned)l->index + 1, l->type->name);
            return NN_SIZE_MISMATCH;
        }
        m->total_macs += l->macs;
        m->n_layers++;
    }
    return NN_SUCCESS;
}

static void assign_buffers(nnom_model_t *m, const nnom_plan_t *plan, int8_t *arena)
{
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_plan_t *p = &plan[l->index];
        if (l->type->flags & NNOM_LAYER_EXTERNAL) {
            const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
            l->out.data = cfg->buffer;
        } else if (p->root != l->index) {
            const nnom_layer_t *root = m->head;
            while (root->index != p->root)
                root = root->next;
            l->out.data = root->out.data;
        } else {
            l->out.data = arena + p->out_offset;
        }
        l->scratch = l->scratch_bytes ? arena + p->scratch_offset : NULL;
    }
}

/* Where the plan comes from: the runtime planner, or a generated header
 * (then nnom_planner.c is not linked). Both fill plan[] and arena_bytes. */
typedef nnom_status_t (*planner_t)(nnom_model_t *m, nnom_plan_t *plan,
                                   const nnom_arena_plan_t *given, uint32_t *lower);

static nnom_status_t runtime_plan(nnom_model_t *m, nnom_plan_t *plan,
                                  const nnom_arena_plan_t *given, uint32_t *lower)
{
    const size_t n = m->n_layers;
    nnom_buf_t *bufs = (nnom_buf_t *)(void *)(plan + n);
    (void)given;
    m->arena_bytes = nnom_plan_arena(m, plan, bufs, (uint16_t *)(void *)(bufs + 2u * n), lower);
    return NN_SUCCESS;
}

/* The header's plan, checked against this build: the scratch sizes the
 * layers' kernels ask, buffers inside the arena, buffers taken over from
 * earlier layers. */
static nnom_status_t header_plan(nnom_model_t *m, nnom_plan_t *plan,
                                 const nnom_arena_plan_t *given, uint32_t *lower)
{
    const uint32_t arena = given[m->n_layers].out;
    m->arena_bytes = arena;
    *lower = given[m->n_layers].scratch;
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_arena_plan_t *g = &given[l->index];
        nnom_plan_t *p = &plan[l->index];
        const int shared = (g->out & NNOM_PLAN_SHARED) != 0;
        const uint32_t own =
            shared || (l->type->flags & NNOM_LAYER_EXTERNAL) ? 0 : nnom_shape_size(&l->out.shape);
        p->root = (uint16_t)(shared ? g->out & ~NNOM_PLAN_SHARED : l->index);
        p->out_offset = shared ? 0 : g->out;
        p->scratch_offset = g->scratch;
        if (g->scratch_bytes != l->scratch_bytes || p->root > l->index ||
            (shared && p->root == l->index) || p->out_offset + own > arena ||
            (l->scratch_bytes && g->scratch + l->scratch_bytes > arena)) {
            NNOM_LOG("nnom: #%u %s: header plan mismatch\n", (unsigned)l->index + 1,
                     l->type->name);
            return NN_SIZE_MISMATCH;
        }
    }
    return NN_SUCCESS;
}

/* Plan the arena in a temporary block, allocate it, point every layer at
 * its buffers and print the table. In static mode the arena is known to
 * start at the next block, so it is taken after the temporary block (at the
 * top of the static buffer) is done with: the buffer needs the structures
 * plus the larger of the two, not their sum. */
static nnom_status_t plan_and_allocate(nnom_model_t *m, planner_t planner,
                                       const nnom_arena_plan_t *given)
{
    const size_t n = m->n_layers;
    /* NNOM_PLAN_ENTRY_BYTES (nnom.h) must cover one plan and two buffers */
    typedef char plan_fits[sizeof(nnom_plan_t) + 2u * sizeof(nnom_buf_t) + 4u * sizeof(uint16_t) ==
                                   NNOM_PLAN_ENTRY_BYTES
                               ? 1
                               : -1];
    (void)sizeof(plan_fits);
    nnom_plan_t *plan = (nnom_plan_t *)nnom_mem_temp(NNOM_COMPILE_TEMP_BYTES(n));
    uint32_t lower;
    if (plan == NULL)
        return NN_NO_MEMORY;
    nnom_memset(plan, 0, n * sizeof(nnom_plan_t));
    nnom_status_t s = planner(m, plan, given, &lower);
    int8_t *arena = nnom_mem_next(); /* static mode; NULL with the heap */
    const int later = arena != NULL;
    if (s == NN_SUCCESS && !later && m->arena_bytes > 0) {
        arena = (int8_t *)nnom_mem(m->arena_bytes);
        if (arena == NULL) {
            NNOM_LOG("nnom: no memory for the %u-byte arena\n", (unsigned)m->arena_bytes);
            s = NN_NO_MEMORY;
        }
    }
    if (s != NN_SUCCESS) {
        nnom_mem_temp_free(plan);
        return s;
    }
    assign_buffers(m, plan, arena);
    m->mem_bytes = (uint32_t)nnom_mem_used() - m->mem_start +
                   (later ? NNOM_ALIGN_UP(m->arena_bytes) : 0u);
    nnom_print_model_table(m, plan, lower);
    nnom_mem_temp_free(plan);
    if (later && m->arena_bytes > 0 && (int8_t *)nnom_mem(m->arena_bytes) != arena) {
        NNOM_LOG("nnom: no memory for the %u-byte arena\n", (unsigned)m->arena_bytes);
        return NN_NO_MEMORY;
    }
    m->arena = m->arena_bytes > 0 ? arena : NULL;
    return NN_SUCCESS;
}

static nnom_status_t compile(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                             planner_t planner, const nnom_arena_plan_t *given)
{
    if (m == NULL || outputs == NULL || n == 0 || n > NNOM_MAX_OUTPUTS) {
        NNOM_LOG("nnom: model_compile: no model or outputs\n");
        return NN_ARGUMENT_ERROR;
    }
    if (m->compiled)
        return NN_ARGUMENT_ERROR;
    order_state_t st = {m, NULL, 0};
    for (uint8_t i = 0; i < n; i++) {
        if (outputs[i] == NULL) {
            NNOM_LOG("nnom: output %u is NULL\n", (unsigned)i);
            return NN_ARGUMENT_ERROR;
        }
        nnom_status_t s = visit(&st, outputs[i], 0);
        if (s != NN_SUCCESS)
            return s;
        m->outputs[i] = outputs[i];
    }
    m->n_outputs = n;
    nnom_status_t s = build_all(m);
    if (s != NN_SUCCESS)
        return s;
    s = plan_and_allocate(m, planner, given);
    if (s != NN_SUCCESS)
        return s;
    m->compiled = 1;
    return NN_SUCCESS;
}

nnom_status_t model_compile_multi(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n)
{
    return compile(m, outputs, n, runtime_plan, NULL);
}

nnom_status_t model_compile_planned(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                                    const nnom_arena_plan_t *plan)
{
    if (plan == NULL)
        return NN_ARGUMENT_ERROR;
    return compile(m, outputs, n, header_plan, plan);
}

nnom_status_t model_compile(nnom_model_t *m, nnom_layer_t *input, nnom_layer_t *output)
{
    (void)input; /* inputs are found from the output */
    return model_compile_multi(m, &output, 1);
}
