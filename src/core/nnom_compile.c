/*
 * nnom_compile.c - order the layers, build them, plan memory, print the table.
 *
 * Run order: depth-first from the outputs, each layer after all of its
 * inputs (taken in input order). nnom/memory.py computes the same order.
 */
#include <math.h>

#include "nnom.h"
#include "nnom_internal.h"

nnom_status_t (*nnom_act_table_maker)(nnom_layer_t *l);

typedef struct {
    nnom_layer_t **link; /* where the next layer in run order goes */
    uint16_t count;
} order_state_t;

/* A layer's error: its run-order number (0 while ordering), type and Keras
 * name, the check that failed (NNOM_CHECK_*, NNOM_PLAN_*: nnom_internal.h,
 * docs/architecture.md) and the status. */
static nnom_status_t refuse(const nnom_layer_t *l, unsigned check, nnom_status_t s)
{
    const char *name = ((const nnom_layer_config_t *)l->config)->name;
    NNOM_LOG("nnom: #%u %s (%s): check %u, status %d\n",
             l->visit == 2 ? (unsigned)l->index + 1 : 0u, l->type->name, name != NULL ? name : "?",
             check, (int)s);
    return s;
}

/* Depth first from `in`, each layer after its inputs in input order,
 * without recursion (a chain of thousands of layers needs no stack): while
 * a layer is open (visit 1), `index` counts the inputs done and `next`
 * points back to the layer that opened it (NULL: the output visited). */
static nnom_status_t visit(order_state_t *st, nnom_layer_t *in)
{
    nnom_layer_t *l = NULL;
    for (;;) {
        if (in != NULL && in->visit != 2) {
            if (in->visit == 1 || (in->n_in == 0 && in->type->kind != NNOM_INPUT))
                return refuse(in, NNOM_CHECK_ORDER, NN_ARGUMENT_ERROR); /* cycle, no input */
            in->visit = 1;
            in->index = 0;
            in->next = l;
            l = in;
        }
        if (l == NULL)
            return NN_SUCCESS;
        if (l->index < l->n_in) {
            in = nnom_layer_input(l, (uint8_t)l->index++);
            continue;
        }
        if (st->count == UINT16_MAX)
            return refuse(l, NNOM_CHECK_ORDER, NN_ARGUMENT_ERROR); /* too many layers */
        nnom_layer_t *back = l->next;
        l->visit = 2;
        l->index = st->count++;
        l->next = NULL;
        *st->link = l;
        st->link = &l->next;
        l = back;
        in = NULL;
    }
}

static nnom_status_t apply_tail(nnom_layer_t *l)
{
    const nnom_activation_t *act = l->act;
    if (act == NULL)
        return NN_SUCCESS;
    if (l->type->kind == NNOM_INPUT || l->type->kind == NNOM_OUTPUT ||
        (l->type->flags & NNOM_LAYER_VIEW))
        return NN_ARGUMENT_ERROR; /* no activation on these */
    const nnom_qparam_t *q = l->out.q;
    if (act->kind >= NNOM_ACT_SIGMOID) {
        /* Layer API: the table for this layer's quantisation */
        if (nnom_act_table_maker == NULL || nnom_act_table_maker(l) != NN_SUCCESS)
            return NN_NO_MEMORY;
        act = l->act;
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
        l->kernel = 0; /* picked again: at build or on the first run */
        l->keep = 0;
        nnom_status_t s = cfg->prepare != NULL ? cfg->prepare(l) : NN_SUCCESS;
        if (s == NN_SUCCESS)
            s = l->type->build(l);
        if (s == NN_SUCCESS)
            s = apply_tail(l);
        if (s == NN_SUCCESS && (nnom_shape_size(&l->out.shape) == 0 || l->out.q == NULL))
            s = NN_SIZE_MISMATCH; /* empty output */
        if (s != NN_SUCCESS)
            return refuse(l, NNOM_CHECK_BUILD, s);
        m->total_macs += l->macs;
        m->n_layers++;
    }
    return NN_SUCCESS;
}

/* The runtime planner (nnom_planner.c), linked only by model_compile_multi():
 * plans in a temporary block (*temp) and writes the plan there in the
 * header's form. */
static nnom_status_t runtime_plan(nnom_model_t *m, const nnom_arena_plan_t **out, void **temp)
{
    const size_t n = m->n_layers;
    /* NNOM_PLAN_ENTRY_BYTES (nnom.h) must cover one plan and two buffers */
    typedef char plan_fits[sizeof(nnom_plan_t) + 2u * sizeof(nnom_buf_t) + 4u * sizeof(uint16_t) ==
                                   NNOM_PLAN_ENTRY_BYTES
                               ? 1
                               : -1];
    (void)sizeof(plan_fits);
    nnom_plan_t *plan = (nnom_plan_t *)nnom_mem_temp(NNOM_COMPILE_TEMP_BYTES(n));
    if (plan == NULL)
        return NN_NO_MEMORY;
    *temp = plan;
    nnom_memset(plan, 0, n * sizeof(nnom_plan_t));
    nnom_buf_t *bufs = (nnom_buf_t *)(void *)(plan + n);
    uint32_t lower;
    const uint32_t arena =
        nnom_plan_arena(m, plan, bufs, (uint16_t *)(void *)(bufs + 2u * n), &lower);
    /* the buffer list is done with: the plan goes over it (12 bytes per
     * layer and one more entry fit in the 32 per layer of two buffers) */
    nnom_arena_plan_t *g = (nnom_arena_plan_t *)(void *)bufs;
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_plan_t *p = &plan[l->index];
        g[l->index].out = p->root != l->index ? NNOM_PLAN_SHARED | p->root : p->out_offset;
        g[l->index].scratch = l->scratch_bytes ? p->scratch_offset : 0;
        g[l->index].scratch_bytes = l->scratch_bytes;
    }
    g[n].out = arena;
    g[n].scratch = lower;
    g[n].scratch_bytes = 0;
    *out = g;
    return NN_SUCCESS;
}

/* The plan, from the header or the runtime planner, checked against this
 * build before any buffer is used (plan_check.c): a plan that does not fit
 * is refused, never followed outside the arena. */
static nnom_status_t check_plan(const nnom_model_t *m, const nnom_arena_plan_t *plan)
{
    const nnom_layer_t *bad = NULL;
    const unsigned why = nnom_plan_check(m, plan, &bad);
    return why == 0 ? NN_SUCCESS : refuse(bad, why, NN_SIZE_MISMATCH);
}

static void assign_buffers(nnom_model_t *m, const nnom_arena_plan_t *plan, int8_t *arena)
{
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_arena_plan_t *g = &plan[l->index];
        if (l->type->flags & NNOM_LAYER_EXTERNAL) {
            l->out.data = ((const nnom_io_config_t *)l->config)->buffer;
        } else if (g->out & NNOM_PLAN_SHARED) {
            /* an earlier layer (checked) */
            l->out.data = nnom_layer_at(m, g->out & ~NNOM_PLAN_SHARED)->out.data;
        } else {
            l->out.data = arena + g->out;
        }
        l->scratch = l->scratch_bytes ? arena + g->scratch : NULL;
    }
}

/* Where the plan comes from: NULL for the header's (then nnom_planner.c is
 * not linked), or runtime_plan(). */
typedef nnom_status_t (*planner_t)(nnom_model_t *m, const nnom_arena_plan_t **plan, void **temp);

/* Plan (or take the header's plan), check it, allocate the arena, point
 * every layer at its buffers and print the table. In static mode the arena
 * is known to start at the next block, so it is taken after the runtime
 * planner's temporary block (at the top of the static buffer) is done
 * with: the buffer needs the structures plus the larger of the two, not
 * their sum. */
static nnom_status_t plan_and_allocate(nnom_model_t *m, planner_t planner,
                                       const nnom_arena_plan_t *plan)
{
    void *temp = NULL;
    nnom_status_t s = planner != NULL ? planner(m, &plan, &temp) : NN_SUCCESS;
    if (s == NN_SUCCESS)
        s = check_plan(m, plan);
    const uint32_t bytes = s == NN_SUCCESS ? plan[m->n_layers].out : 0u;
    int8_t *arena = nnom_mem_next(); /* static mode; NULL with the heap */
    const int later = arena != NULL;
    if (!later && bytes > 0)
        arena = (int8_t *)nnom_mem(bytes);
    int ok = s == NN_SUCCESS && (bytes == 0 || arena != NULL);
    if (ok) {
        m->arena_bytes = bytes;
        assign_buffers(m, plan, arena);
        m->mem_bytes = (uint32_t)nnom_mem_used() - m->mem_start +
                       (later ? NNOM_ALIGN_UP(bytes) : 0u);
#ifndef NNOM_NO_MODEL_TABLE
        nnom_print_model_table(m, plan);
#endif
    }
    nnom_mem_temp_free(temp);
    if (ok && later && bytes > 0)
        ok = (int8_t *)nnom_mem(bytes) == arena;
    /* nnom_mem() said how many bytes it lacked, heap or static */
    if (s == NN_SUCCESS && !ok)
        s = NN_NO_MEMORY;
    m->arena = ok && bytes > 0 ? arena : NULL;
    return s;
}

/* What the run does after each layer, decided once (run_tail() in
 * nnom_run.c): the ordering's marks are not needed past this point. */
static void set_tails(nnom_model_t *m)
{
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_activation_t *act = l->act;
        uint8_t tail = NNOM_TAIL_NONE;
        if (act != NULL && act->kind == NNOM_ACT_LUT)
            tail = NNOM_TAIL_LUT;
        else if (act != NULL && !l->type->clamps)
            tail = NNOM_TAIL_CLAMP;
        l->visit = tail;
    }
}

static nnom_status_t compile(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                             planner_t planner, const nnom_arena_plan_t *given)
{
    int bad = m == NULL || outputs == NULL || n == 0 || n > NNOM_MAX_OUTPUTS || m->compiled;
    for (uint8_t i = 0; !bad && i < n; i++)
        bad = outputs[i] == NULL;
    if (bad) {
        NNOM_LOG("nnom: model_compile: bad model or outputs\n");
        return NN_ARGUMENT_ERROR;
    }
    order_state_t st = {&m->head, 0};
    nnom_status_t s = NN_SUCCESS;
    for (uint8_t i = 0; i < n && s == NN_SUCCESS; i++) {
        s = visit(&st, outputs[i]);
        m->outputs[i] = outputs[i];
    }
    m->n_outputs = n;
    if (s == NN_SUCCESS)
        s = build_all(m);
    if (s == NN_SUCCESS)
        s = plan_and_allocate(m, planner, given);
    if (s == NN_SUCCESS)
        set_tails(m);
    m->compiled = s == NN_SUCCESS;
    return s;
}

nnom_status_t nnom_model_compile_multi(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n)
{
    return compile(m, outputs, n, runtime_plan, NULL);
}

nnom_status_t nnom_model_compile_planned(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                                    const nnom_arena_plan_t *plan)
{
    if (plan == NULL)
        return NN_ARGUMENT_ERROR;
    return compile(m, outputs, n, NULL, plan);
}

nnom_status_t nnom_model_compile(nnom_model_t *m, nnom_layer_t *input, nnom_layer_t *output)
{
    (void)input; /* inputs are found from the output */
    return nnom_model_compile_multi(m, &output, 1);
}
