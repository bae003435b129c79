/*
 * nnom_planner.c - one arena for every activation and scratch buffer.
 *
 * The same algorithm runs in Python (nnom/memory.py) so the converter can
 * export the arena size; keep the two identical.
 *
 * 1. Buffers: each layer's output, unless the layer is a view (its output
 *    is its input's buffer), in-place (it may overwrite an input that
 *    nobody else reads) or external (a user buffer); plus each layer's
 *    scratch, alive during that layer only.
 * 2. A buffer lives from its producer to the last layer reading it.
 * 3. Buffers are placed largest first (ties: earlier first use, then lower
 *    id), each at the lowest offset where it overlaps no placed buffer that
 *    is alive at the same time.
 */
#include "nnom.h"
#include "nnom_internal.h"

#define UNPLACED 0xFFFFFFFFu

static uint32_t align_up(uint32_t n) { return (n + NNOM_ALIGN - 1u) / NNOM_ALIGN * NNOM_ALIGN; }

static int is_external(const nnom_layer_t *l) { return (l->type->flags & NNOM_LAYER_EXTERNAL) != 0; }

/* A buffer is identified by (layer, is_scratch); id = 2 * index + is_scratch. */
typedef struct {
    nnom_layer_t *layer;
    int scratch;
} buffer_ref_t;

static uint32_t buf_size(buffer_ref_t b)
{
    return align_up(b.scratch ? b.layer->scratch_bytes : nnom_shape_size(&b.layer->out.shape));
}
static uint32_t buf_first(buffer_ref_t b) { return b.layer->index; }
static uint32_t buf_last(buffer_ref_t b) { return b.scratch ? b.layer->index : b.layer->last_use; }
static uint32_t buf_id(buffer_ref_t b) { return 2u * b.layer->index + (uint32_t)b.scratch; }
static uint32_t *buf_offset(buffer_ref_t b)
{
    return b.scratch ? &b.layer->scratch_offset : &b.layer->out_offset;
}
static int buf_exists(buffer_ref_t b)
{
    if (b.scratch)
        return b.layer->scratch_bytes > 0;
    return b.layer->root == b.layer && !is_external(b.layer);
}

static int alive_together(buffer_ref_t a, buffer_ref_t b)
{
    return buf_first(a) <= buf_last(b) && buf_first(b) <= buf_last(a);
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

static void assign_roots(nnom_model_t *m)
{
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        uint8_t flags = l->type->flags;
        nnom_layer_t *in = l->in0;
        l->root = l;
        if (flags & NNOM_LAYER_EXTERNAL)
            continue;
        if ((flags & NNOM_LAYER_VIEW) && in != NULL) {
            l->root = in->root;
        } else if ((flags & NNOM_LAYER_INPLACE) && in != NULL && in->n_consumers == 1 &&
                   !(in->type->flags & (NNOM_LAYER_VIEW | NNOM_LAYER_EXTERNAL)) &&
                   !is_external(in->root) &&
                   nnom_shape_size(&l->out.shape) <= nnom_shape_size(&in->root->out.shape)) {
            l->root = in->root;
        }
    }
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        l->last_use = l->index;
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        for (uint8_t i = 0; i < l->n_in; i++) {
            nnom_layer_t *r = nnom_layer_input(l, i)->root;
            if (r->last_use < l->index)
                r->last_use = l->index;
        }
        if (l->root != l && l->root->last_use < l->index)
            l->root->last_use = l->index;
    }
}

/* Lowest offset for b that overlaps no placed, simultaneously alive buffer. */
static uint32_t lowest_offset(nnom_model_t *m, buffer_ref_t b)
{
    uint32_t offset = 0, size = buf_size(b);
    int moved = 1;
    while (moved) {
        moved = 0;
        for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t o = {l, s};
                uint32_t at;
                if (!buf_exists(o) || (at = *buf_offset(o)) == UNPLACED || !alive_together(b, o))
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

uint32_t nnom_plan_arena(nnom_model_t *m)
{
    uint32_t arena = 0;
    assign_roots(m);
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        l->out_offset = l->scratch_offset = UNPLACED;
    for (;;) {
        buffer_ref_t best = {NULL, 0};
        for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t c = {l, s};
                if (buf_exists(c) && *buf_offset(c) == UNPLACED &&
                    (best.layer == NULL || placed_before(c, best)))
                    best = c;
            }
        }
        if (best.layer == NULL)
            break;
        uint32_t at = lowest_offset(m, best);
        *buf_offset(best) = at;
        if (at + buf_size(best) > arena)
            arena = at + buf_size(best);
    }
    return arena;
}

/* Peak of the bytes alive at any one layer: no plan can use less. */
uint32_t nnom_plan_lower_bound(const nnom_model_t *m)
{
    uint32_t peak = 0;
    for (const nnom_layer_t *t = m->head; t != NULL; t = t->next) {
        uint32_t live = 0;
        for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
            for (int s = 0; s < 2; s++) {
                buffer_ref_t b = {l, s};
                if (buf_exists(b) && buf_first(b) <= t->index && t->index <= buf_last(b))
                    live += buf_size(b);
            }
        }
        if (live > peak)
            peak = live;
    }
    return peak;
}
