/*
 * nnom_plan_check.c - is an arena plan safe to follow?
 *
 * A header's plan (or the runtime planner's) is checked against the built
 * layers before any buffer is used: every buffer inside the arena, a layer
 * that takes over a buffer names its input's root buffer and fits in it,
 * an in-place layer overwrites nothing read later, and no two buffers alive
 * at the same time overlap (an interval check over the run order; an input
 * in the arena lives from the start, a model output read in the arena to
 * the end, as the planners plan them). Sizes are compared by subtraction,
 * so no offset or size can wrap, with a 32-bit
 * size_t too. While checking, each layer's `time` field holds the index of
 * the layer whose buffer it uses (low 16 bits) and, for a buffer's own
 * layer, the buffer's last use (high 16 bits); it is zeroed again before
 * returning. A refusal is a number (NNOM_PLAN_*, nnom_internal.h) printed
 * with the layer; docs/architecture.md says what each one means.
 */
#include "nnom.h"
#include "nnom_internal.h"

#define ARENA_MAX 0x7FFFFFFFu /* nnom_mem.c: NNOM_MEM_MAX */
#define ROOT(l) ((uint16_t)((l)->time & 0xFFFFu))
#define LAST(l) ((uint16_t)((l)->time >> 16))
/* layers are not const: only the const model reaches them here */
#define SET(l, root, last) \
    (((nnom_layer_t *)(uintptr_t)(l))->time = (uint32_t)(root) | ((uint32_t)(last) << 16))

const nnom_layer_t *nnom_layer_at(const nnom_model_t *m, uint32_t index)
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

/* Which buffer a layer uses, and where: checks of one plan entry. Sets
 * ROOT(l) and makes each input's buffer live until l. */
static unsigned check_entry(const nnom_model_t *m, const nnom_layer_t *l,
                            const nnom_arena_plan_t *g, uint32_t arena)
{
    const uint8_t flags = l->type->flags;
    uint16_t root = l->index;
    if (g->scratch_bytes != l->scratch_bytes)
        return NNOM_PLAN_SCRATCH_SIZE;
    if (l->scratch_bytes != 0 && outside(g->scratch, l->scratch_bytes, arena))
        return NNOM_PLAN_OUTSIDE;
    if (flags & NNOM_LAYER_EXTERNAL) {
        /* a user buffer: nothing in the arena */
    } else if (g->out & NNOM_PLAN_SHARED) {
        /* an earlier layer's own buffer, held by one of its inputs (the
         * first of a view), big enough; an in-place layer writes no user
         * buffer */
        const nnom_layer_t *r = nnom_layer_at(m, g->out & ~NNOM_PLAN_SHARED);
        const uint8_t n = flags & NNOM_LAYER_VIEW ? 1 : l->n_in;
        int own_input = 0;
        /* inputs are earlier and a ROOT is always a root: own_input makes r
         * an earlier layer's own buffer */
        for (uint8_t i = 0; i < n && r != NULL; i++) {
            const nnom_layer_t *in = nnom_layer_input(l, i);
            own_input |= in != NULL && ROOT(in) == r->index;
        }
        if (!own_input || !(flags & (NNOM_LAYER_VIEW | NNOM_LAYER_INPLACE)))
            return NNOM_PLAN_NOT_INPUT;
        if (out_bytes(l) > out_bytes(r) ||
            (!(flags & NNOM_LAYER_VIEW) && (r->type->flags & NNOM_LAYER_EXTERNAL)))
            return NNOM_PLAN_SHARED_BUFFER;
        root = r->index;
    } else if ((flags & NNOM_LAYER_VIEW) || outside(g->out, out_bytes(l), arena)) {
        return NNOM_PLAN_OUTSIDE;
    }
    SET(l, root, l->index);
    for (uint8_t i = 0; i < l->n_in; i++) {
        const nnom_layer_t *in = nnom_layer_input(l, i);
        const nnom_layer_t *r = in != NULL ? nnom_layer_at(m, ROOT(in)) : NULL;
        if (r != NULL && LAST(r) < l->index)
            SET(r, ROOT(r), l->index);
    }
    /* a model output read in the arena (an Output view): the user reads it
     * after the run, so its buffer lives to the end */
    if (l->type->kind == NNOM_OUTPUT && (flags & NNOM_LAYER_VIEW)) {
        const nnom_layer_t *r = nnom_layer_at(m, root);
        if (r != NULL)
            SET(r, root, m->n_layers - 1u);
    }
    return 0;
}

/* An in-place layer k over buffer R: no later layer may read what R held
 * before k wrote it, nor may the user after the run (an Output view of an
 * earlier state of R). */
static int overwrites_live_data(const nnom_model_t *m, const nnom_layer_t *k)
{
    for (const nnom_layer_t *j = m->head; j != NULL; j = j->next) {
        const int reads_after = j->index > k->index ||
                                (j->type->kind == NNOM_OUTPUT && (j->type->flags & NNOM_LAYER_VIEW));
        for (uint8_t i = 0; i < j->n_in && reads_after; i++) {
            const nnom_layer_t *t = nnom_layer_input(j, i);
            if (t != NULL && t->index < k->index && ROOT(t) == ROOT(k))
                return 1;
        }
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
    r->last = l->index;
    r->at = g->scratch;
    r->bytes = l->scratch_bytes;
    if (which == 0) {
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

static unsigned check(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                      const nnom_layer_t **bad)
{
    const uint32_t arena = plan[m->n_layers].out;
    *bad = m->head;
    if (arena > ARENA_MAX)
        return NNOM_PLAN_OUTSIDE;
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        *bad = l;
        const unsigned why = check_entry(m, l, &plan[l->index], arena);
        if (why != 0)
            return why;
    }
    /* every pair of buffers, a layer's own output and scratch included */
    for (const nnom_layer_t *a = m->head; a != NULL; a = a->next) {
        *bad = a;
        if (ROOT(a) != a->index && !(a->type->flags & NNOM_LAYER_VIEW) &&
            overwrites_live_data(m, a))
            return NNOM_PLAN_OVERWRITES;
        for (int wa = 0; wa < 2; wa++) {
            region_t ra, rb;
            if (!region_of(a, plan, wa, &ra))
                continue;
            for (const nnom_layer_t *b = a; b != NULL; b = b->next)
                for (int wb = b == a ? wa + 1 : 0; wb < 2; wb++)
                    if (region_of(b, plan, wb, &rb) && clash(&ra, &rb))
                        return NNOM_PLAN_OVERLAP;
        }
    }
    return 0;
}

unsigned nnom_plan_check(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                         const nnom_layer_t **bad)
{
    const unsigned why = check(m, plan, bad);
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        l->time = 0;
    return why;
}
