/*
 * nnom_plan_check.c - is an arena plan safe to follow?
 *
 * A header's plan (or the runtime planner's) is checked against the built
 * layers before any buffer is used: every buffer inside the arena, a layer
 * that takes over a buffer takes its input's and fits in it, an in-place
 * layer overwrites nothing read later, and no two buffers alive at the
 * same time overlap (an interval check over the run order; an input in
 * the arena lives from the start, a model output read in the arena to the
 * end, as the planners plan them). Sizes are
 * compared by subtraction, so no offset or size can wrap, with a 32-bit
 * size_t too. While checking, each layer's `time` field holds the index of
 * the layer whose buffer it uses (low 16 bits) and its buffer's last use
 * (high 16 bits); it is zeroed again before returning.
 */
#include "nnom.h"
#include "nnom_internal.h"

#define ARENA_MAX 0x7FFFFFFFu /* nnom_mem.c: NNOM_MEM_MAX */
#define ROOT(l) ((uint16_t)((l)->time & 0xFFFFu))
#define LAST(l) ((uint16_t)((l)->time >> 16))
/* layers are not const: only the const model reaches them here */
#define SET(l, root, last) \
    (((nnom_layer_t *)(uintptr_t)(l))->time = (uint32_t)(root) | ((uint32_t)(last) << 16))

static const nnom_layer_t *layer_at(const nnom_model_t *m, uint32_t index)
{
    const nnom_layer_t *l = m->head;
    while (l != NULL && l->index != index)
        l = l->next;
    return l;
}

/* [at, at + bytes) not inside [0, arena), compared without wrapping */
static int outside(uint32_t at, uint32_t bytes, uint32_t arena)
{
    return at > arena || bytes > arena - at;
}

static uint32_t out_bytes(const nnom_layer_t *l) { return nnom_shape_size(&l->out.shape); }

/* Which buffer a layer uses, and where: checks of one plan entry. */
static const char *check_entry(const nnom_model_t *m, const nnom_layer_t *l,
                               const nnom_arena_plan_t *g, uint32_t arena)
{
    const uint8_t flags = l->type->flags;
    uint16_t root = l->index;
    if (g->scratch_bytes != l->scratch_bytes)
        return "scratch size";
    if (l->scratch_bytes != 0 && outside(g->scratch, l->scratch_bytes, arena))
        return "scratch outside arena";
    if (flags & NNOM_LAYER_EXTERNAL) {
        /* a user buffer: nothing in the arena */
    } else if (g->out & NNOM_PLAN_SHARED) {
        const uint32_t src_index = g->out & ~NNOM_PLAN_SHARED;
        const nnom_layer_t *src = src_index < l->index ? layer_at(m, src_index) : NULL;
        if (src == NULL)
            return "shares no earlier buffer";
        if (!(flags & (NNOM_LAYER_VIEW | NNOM_LAYER_INPLACE)))
            return "shares but not view/in-place";
        root = ROOT(src);
        const uint8_t n = flags & NNOM_LAYER_VIEW ? 1 : l->n_in;
        int own_input = 0;
        for (uint8_t i = 0; i < n && !own_input; i++) {
            const nnom_layer_t *in = nnom_layer_input(l, i);
            own_input = in != NULL && ROOT(in) == root;
        }
        const nnom_layer_t *r = layer_at(m, root);
        if (!own_input || r == NULL)
            return "shares a non-input buffer";
        if (out_bytes(l) > out_bytes(r))
            return "shared buffer too small";
        if (!(flags & NNOM_LAYER_VIEW) && (r->type->flags & NNOM_LAYER_EXTERNAL))
            return "writes a user buffer";
    } else {
        if (flags & NNOM_LAYER_VIEW)
            return "view not on its input";
        if (outside(g->out, out_bytes(l), arena))
            return "output outside arena";
    }
    SET(l, root, l->index);
    return NULL;
}

/* Last use of every buffer: the last layer reading it or taking it over;
 * the end of the run for a model output read in the arena (an Output view),
 * which the user reads after the run. */
static void set_last_uses(const nnom_model_t *m)
{
    const uint16_t end = (uint16_t)(m->n_layers - 1u);
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        for (uint8_t i = 0; i < l->n_in; i++) {
            nnom_layer_t *in = nnom_layer_input(l, i);
            if (in != NULL && LAST(in) < l->index)
                SET(in, ROOT(in), l->index);
        }
        if (l->type->kind == NNOM_OUTPUT && (l->type->flags & NNOM_LAYER_VIEW))
            SET(l, ROOT(l), end);
    }
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        nnom_layer_t *r = (nnom_layer_t *)(uintptr_t)layer_at(m, ROOT(l));
        if (r != l && r != NULL && LAST(r) < LAST(l))
            SET(r, ROOT(r), LAST(l));
    }
}

/* An in-place layer k over buffer R: no later layer may read what R held
 * before k wrote it. */
static int overwrites_live_data(const nnom_layer_t *k)
{
    for (const nnom_layer_t *j = k->next; j != NULL; j = j->next)
        for (uint8_t i = 0; i < j->n_in; i++) {
            const nnom_layer_t *t = nnom_layer_input(j, i);
            if (t != NULL && t->index < k->index && ROOT(t) == ROOT(k))
                return 1;
        }
    return 0;
}

typedef struct {
    uint32_t at, bytes;
    uint16_t first, last;
} region_t;

/* the arena buffers of layer l: 0 = its output, 1 = its scratch */
static int region_of(const nnom_layer_t *l, const nnom_arena_plan_t *plan, int which,
                     region_t *r)
{
    const nnom_arena_plan_t *g = &plan[l->index];
    /* the user writes an arena input before the run */
    r->first = which == 0 && l->type->kind == NNOM_INPUT ? 0u : l->index;
    if (which == 1) {
        r->at = g->scratch;
        r->bytes = l->scratch_bytes;
        r->last = l->index;
    } else {
        if ((l->type->flags & NNOM_LAYER_EXTERNAL) || ROOT(l) != l->index)
            return 0;
        r->at = g->out;
        r->bytes = out_bytes(l);
        r->last = LAST(l);
    }
    return r->bytes != 0;
}

static int clash(const region_t *a, const region_t *b)
{
    /* both inside the arena (checked), so at + bytes cannot wrap */
    return a->first <= b->last && b->first <= a->last && a->at < b->at + b->bytes &&
           b->at < a->at + a->bytes;
}

/* every pair of buffers, a layer's own output and scratch included */
static const char *check_overlaps(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                                  const nnom_layer_t **bad)
{
    for (const nnom_layer_t *a = m->head; a != NULL; a = a->next)
        for (int wa = 0; wa < 2; wa++) {
            region_t ra, rb;
            if (!region_of(a, plan, wa, &ra))
                continue;
            *bad = a;
            for (const nnom_layer_t *b = a; b != NULL; b = b->next)
                for (int wb = b == a ? wa + 1 : 0; wb < 2; wb++)
                    if (region_of(b, plan, wb, &rb) && clash(&ra, &rb))
                        return "overlaps a live buffer";
        }
    return NULL;
}

static const char *check(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                         const nnom_layer_t **bad)
{
    const uint32_t arena = plan[m->n_layers].out;
    *bad = m->head;
    if (arena > ARENA_MAX)
        return "arena over 2 GB";
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        *bad = l;
        const char *why = check_entry(m, l, &plan[l->index], arena);
        if (why != NULL)
            return why;
    }
    set_last_uses(m);
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        *bad = l;
        if (ROOT(l) != l->index && !(l->type->flags & NNOM_LAYER_VIEW) &&
            overwrites_live_data(l))
            return "in-place over data read later";
    }
    return check_overlaps(m, plan, bad);
}

const char *nnom_plan_check(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                            const nnom_layer_t **bad)
{
    const char *why = check(m, plan, bad);
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        l->time = 0;
    return why;
}
