/*
 * nnom_planner.c - one arena for every activation and scratch buffer.
 *
 * The same algorithm runs in Python (nnom/memory.py) so the converter can
 * export the arena size; keep the two identical.
 *
 * 1. Buffers: each layer's output, unless the layer is a view (its output
 *    is its input's buffer), in-place (it may overwrite an input that
 *    nobody else reads: the first such input of the same or a larger size,
 *    not a view, not a user buffer) or external (a user buffer); plus each
 *    layer's scratch, alive during that layer only.
 * 2. A buffer lives from its producer to the last layer reading it.
 * 3. Buffers are placed largest first (ties: earlier first use, then lower
 *    id), each at the lowest offset where it overlaps no placed buffer that
 *    is alive at the same time.
 *
 * The planner's state lives in a temporary array (nnom_plan_t, one per
 * layer, by index), not in the layers: it is not needed once the model is
 * compiled.
 */
#include "nnom.h"
#include "nnom_internal.h"

#define UNPLACED 0xFFFFFFFFu

static uint32_t align_up(uint32_t n) { return (n + NNOM_ALIGN - 1u) / NNOM_ALIGN * NNOM_ALIGN; }

static int is_external(const nnom_layer_t *l) { return (l->type->flags & NNOM_LAYER_EXTERNAL) != 0; }

/* A buffer is identified by (layer, is_scratch); id = 2 * index + is_scratch. */
typedef struct {
    const nnom_layer_t *layer;
    int scratch;
} buffer_ref_t;

static uint32_t buf_size(buffer_ref_t b)
{
    return align_up(b.scratch ? b.layer->scratch_bytes : nnom_shape_size(&b.layer->out.shape));
}
static uint32_t buf_first(buffer_ref_t b) { return b.layer->index; }
static uint32_t buf_last(const nnom_plan_t *plan, buffer_ref_t b)
{
    return b.scratch ? b.layer->index : plan[b.layer->index].last_use;
}
static uint32_t buf_id(buffer_ref_t b) { return 2u * b.layer->index + (uint32_t)b.scratch; }
static uint32_t *buf_offset(nnom_plan_t *plan, buffer_ref_t b)
{
    nnom_plan_t *p = &plan[b.layer->index];
    return b.scratch ? &p->scratch_offset : &p->out_offset;
}
static int buf_exists(const nnom_plan_t *plan, buffer_ref_t b)
{
    if (b.scratch)
        return b.layer->scratch_bytes > 0;
    return plan[b.layer->index].root == b.layer && !is_external(b.layer);
}

static int alive_together(const nnom_plan_t *plan, buffer_ref_t a, buffer_ref_t b)
{
    return buf_first(a) <= buf_last(plan, b) && buf_first(b) <= buf_last(plan, a);
}

/* a goes before b in placement order */
static int placed_before(buffer_ref_t a, buffer_ref_t b)
{
    if (buf_size(a) != buf_size(b))
        return buf_size(a) > buf_size(b);
    if (buf_first(a) != buf_first(b))
        return buf_first(a) < buf_first(b);
    return buf_id(a) < buf_id(b);
}

/* The input whose buffer an in-place layer reuses, or NULL. */
static nnom_layer_t *inplace_source(const nnom_plan_t *plan, const nnom_layer_t *l)
{
    for (uint8_t i = 0; i < l->n_in; i++) {
        nnom_layer_t *in = nnom_layer_input(l, i);
        const nnom_layer_t *root = plan[in->index].root;
        if (plan[in->index].n_consumers == 1 &&
            !(in->type->flags & (NNOM_LAYER_VIEW | NNOM_LAYER_EXTERNAL)) && !is_external(root) &&
            nnom_shape_size(&l->out.shape) <= nnom_shape_size(&root->out.shape))
            return in;
    }
    return NULL;
}

static void assign_roots(nnom_model_t *m, nnom_plan_t *plan)
{
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        plan[l->index].n_consumers = 0;
        plan[l->index].last_use = l->index;
    }
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        for (uint8_t i = 0; i < l->n_in; i++) {
            nnom_plan_t *p = &plan[nnom_layer_input(l, i)->index];
            if (p->n_consumers < 255)
                p->n_consumers++;
        }
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        const uint8_t flags = l->type->flags;
        nnom_layer_t *src = NULL;
        plan[l->index].root = l;
        if (flags & NNOM_LAYER_EXTERNAL)
            continue;
        if ((flags & NNOM_LAYER_VIEW) && l->in0 != NULL)
            src = l->in0;
        else if (flags & NNOM_LAYER_INPLACE)
            src = inplace_source(plan, l);
        if (src != NULL)
            plan[l->index].root = plan[src->index].root;
    }
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        for (uint8_t i = 0; i < l->n_in; i++) {
            nnom_plan_t *r = &plan[plan[nnom_layer_input(l, i)->index].root->index];
            if (r->last_use < l->index)
                r->last_use = l->index;
        }
        nnom_plan_t *r = &plan[plan[l->index].root->index];
        if (r->last_use < l->index)
            r->last_use = l->index;
    }
}

/* Lowest offset for b that overlaps no placed, simultaneously alive buffer. */
static uint32_t lowest_offset(const nnom_model_t *m, nnom_plan_t *plan, buffer_ref_t b)
{
    uint32_t offset = 0, size = buf_size(b);
    int moved = 1;
    while (moved) {
        moved = 0;
        for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t o = {l, s};
                uint32_t at;
                if (!buf_exists(plan, o) || (at = *buf_offset(plan, o)) == UNPLACED ||
                    !alive_together(plan, b, o))
                    continue;
                if (at < offset + size && offset < at + buf_size(o)) {
                    offset = at + buf_size(o);
                    moved = 1;
                }
            }
        }
    }
    return offset;
}

uint32_t nnom_plan_arena(nnom_model_t *m, nnom_plan_t *plan)
{
    uint32_t arena = 0;
    assign_roots(m, plan);
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        plan[l->index].out_offset = plan[l->index].scratch_offset = UNPLACED;
    for (;;) {
        buffer_ref_t best = {NULL, 0};
        for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t c = {l, s};
                if (buf_exists(plan, c) && *buf_offset(plan, c) == UNPLACED &&
                    (best.layer == NULL || placed_before(c, best)))
                    best = c;
            }
        }
        if (best.layer == NULL)
            break;
        uint32_t at = lowest_offset(m, plan, best);
        *buf_offset(plan, best) = at;
        if (at + buf_size(best) > arena)
            arena = at + buf_size(best);
    }
    return arena;
}

/* Peak of the bytes alive at any one layer: no plan can use less. */
uint32_t nnom_plan_lower_bound(const nnom_model_t *m, const nnom_plan_t *plan)
{
    uint32_t peak = 0;
    for (const nnom_layer_t *t = m->head; t != NULL; t = t->next) {
        uint32_t live = 0;
        for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t b = {l, s};
                if (buf_exists(plan, b) && buf_first(b) <= t->index &&
                    t->index <= buf_last(plan, b))
                    live += buf_size(b);
            }
        }
        if (live > peak)
            peak = live;
    }
    return peak;
}
