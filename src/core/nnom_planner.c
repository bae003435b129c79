/*
 * nnom_planner.c - one arena for every activation and scratch buffer.
 *
 * The same algorithm runs in Python (nnom/memory.py) so the converter can
 * export the arena size; keep the two identical.
 *
 * 1. Buffers: each layer's output, unless the layer is a view (its output
 *    is its input's buffer), in-place (it may overwrite an input that
 *    nobody else reads: the first such input of the same or a larger size,
 *    not a view, not a user buffer) or external (a user buffer; Output is a
 *    view of the tensor it outputs unless it copies to one); plus each
 *    layer's scratch, alive during that layer only.
 * 2. A buffer lives from its producer to the last layer reading it; an
 *    input's from the start (the user writes it before the run), a model
 *    output's to the end (the user reads it after).
 * 3. Buffers are placed largest first (ties: earlier first use, then lower
 *    id = 2 * layer index + is_scratch), each at the lowest offset where it
 *    overlaps no placed buffer that is alive at the same time.
 *
 * The planner's state lives in a temporary block (nnom_plan_t per layer,
 * by index, and the buffer list), not in the layers: it is not needed once
 * the model is compiled.
 */
#include "nnom.h"
#include "nnom_internal.h"

static int is_external(const nnom_layer_t *l) { return (l->type->flags & NNOM_LAYER_EXTERNAL) != 0; }

/* The input whose buffer an in-place layer reuses, or NULL. */
static nnom_layer_t *inplace_source(const nnom_plan_t *plan, const nnom_layer_t *l)
{
    for (uint8_t i = 0; i < l->n_in; i++) {
        nnom_layer_t *in = nnom_layer_input(l, i);
        const nnom_plan_t *p = &plan[in->index];
        if (p->n_consumers == 1 && !(in->type->flags & (NNOM_LAYER_VIEW | NNOM_LAYER_EXTERNAL)) &&
            !p->root_external && nnom_shape_size(&l->out.shape) <= p->root_size)
            return in;
    }
    return NULL;
}

static void assign_roots(const nnom_model_t *m, nnom_plan_t *plan)
{
    nnom_layer_t *l;
    for (l = m->head; l != NULL; l = l->next)
        for (uint8_t i = 0; i < l->n_in; i++) {
            nnom_plan_t *p = &plan[nnom_layer_input(l, i)->index];
            if (p->n_consumers < 255)
                p->n_consumers++;
        }
    for (l = m->head; l != NULL; l = l->next) {
        nnom_plan_t *p = &plan[l->index];
        const nnom_layer_t *src = NULL;
        p->root = l->index;
        p->root_size = nnom_shape_size(&l->out.shape);
        p->root_external = (uint8_t)is_external(l);
        p->last_use = l->index;
        if (is_external(l))
            continue;
        if (l->type->flags & NNOM_LAYER_VIEW)
            src = l->in0;
        else if (l->type->flags & NNOM_LAYER_INPLACE)
            src = inplace_source(plan, l);
        if (src != NULL) {
            const nnom_plan_t *q = &plan[src->index];
            p->root = q->root;
            p->root_size = q->root_size;
            p->root_external = q->root_external;
        }
    }
    /* a buffer lives until its last reader (or the last layer sharing it);
     * a model output's until the end: the user reads it after the run */
    for (l = m->head; l != NULL; l = l->next) {
        for (uint8_t i = 0; i <= l->n_in; i++) {
            const nnom_layer_t *user = i < l->n_in ? nnom_layer_input(l, i) : l;
            nnom_plan_t *r = &plan[plan[user->index].root];
            if (r->last_use < l->index)
                r->last_use = l->index;
        }
        if (l->type->kind == NNOM_OUTPUT && (l->type->flags & NNOM_LAYER_VIEW))
            plan[plan[l->index].root].last_use = (uint16_t)(m->n_layers - 1u);
    }
}

/* The arena buffers; returns their count. */
static uint32_t list_buffers(const nnom_model_t *m, const nnom_plan_t *plan, nnom_buf_t *b)
{
    uint32_t n = 0;
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const nnom_plan_t *p = &plan[l->index];
        for (int s = 0; s < 2; s++) {
            uint32_t size = s ? l->scratch_bytes : nnom_shape_size(&l->out.shape);
            if (s ? size == 0 : (p->root != l->index || is_external(l)))
                continue;
            b[n].size = NNOM_ALIGN_UP(size);
            /* the user writes an input before the run */
            b[n].first = !s && l->type->kind == NNOM_INPUT ? 0u : l->index;
            b[n].last = s ? l->index : p->last_use;
            b[n].id = (uint16_t)(2u * l->index + (uint32_t)s);
            n++;
        }
    }
    return n;
}

static int placed_before(const nnom_buf_t *a, const nnom_buf_t *b)
{
    if (a->size != b->size)
        return a->size > b->size;
    if (a->first != b->first)
        return a->first < b->first;
    return a->id < b->id;
}

/* Each buffer in `order` at the lowest offset overlapping no placed,
 * simultaneously alive buffer (b[].at); returns the arena size. */
static uint32_t place(nnom_buf_t *b, const uint16_t *order, uint32_t n)
{
    uint32_t arena = 0;
    for (uint32_t i = 0; i < n; i++) {
        nnom_buf_t *x = &b[order[i]];
        uint32_t at = 0;
        int moved = 1;
        while (moved) {
            moved = 0;
            for (uint32_t j = 0; j < i; j++) {
                const nnom_buf_t *y = &b[order[j]];
                if (y->first <= x->last && x->first <= y->last && y->at < at + x->size &&
                    at < y->at + y->size) {
                    at = y->at + y->size;
                    moved = 1;
                }
            }
        }
        x->at = at;
        if (at + x->size > arena)
            arena = at + x->size;
    }
    return arena;
}

uint32_t nnom_plan_arena(nnom_model_t *m, nnom_plan_t *plan, nnom_buf_t *b, uint16_t *order,
                         uint32_t *lower)
{
    uint32_t arena, n, i, j;
    assign_roots(m, plan);
    n = list_buffers(m, plan, b);
    /* the peak of the bytes alive at any one layer: no plan can use less */
    *lower = 0;
    for (const nnom_layer_t *t = m->head; t != NULL; t = t->next) {
        uint32_t live = 0;
        for (i = 0; i < n; i++)
            if (b[i].first <= t->index && t->index <= b[i].last)
                live += b[i].size;
        if (live > *lower)
            *lower = live;
    }
    /* greedy, largest first (insertion sort of the order) */
    for (i = 0; i < n; i++) {
        for (j = i; j > 0 && placed_before(&b[i], &b[order[j - 1]]); j--)
            order[j] = order[j - 1];
        order[j] = (uint16_t)i;
    }
    arena = place(b, order, n);
    /* short of the bound: move one buffer at a time to the front of the
     * order, keep what improves (nnom/memory.py does the same) */
    for (int pass = 0; arena > *lower && n <= NNOM_PLAN_SEARCH_MAX && pass < 4; pass++) {
        int improved = 0;
        for (i = 1; i < n && arena > *lower; i++) {
            const uint16_t moved = order[i];
            nnom_memmove(order + 1, order, i * sizeof(*order));
            order[0] = moved;
            const uint32_t a = place(b, order, n);
            if (a < arena) {
                arena = a;
                improved = 1;
            } else { /* put it back */
                nnom_memmove(order, order + 1, i * sizeof(*order));
                order[i] = moved;
            }
        }
        if (!improved)
            break;
    }
    place(b, order, n); /* the offsets of the chosen order */
    for (i = 0; i < n; i++) {
        nnom_plan_t *p = &plan[b[i].id / 2u];
        if (b[i].id & 1u)
            p->scratch_offset = b[i].at;
        else
            p->out_offset = b[i].at;
    }
    return arena;
}
