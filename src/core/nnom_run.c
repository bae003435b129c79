/* nnom_run.c - running a compiled model. No allocation happens here. */
#include "nnom.h"
#include "nnom_kernels.h"

/* The layers model_compile() gave a tail to do (l->visit, NNOM_TAIL_*):
 * a table's lookup, or a clamp the kernel did not apply. */
static void run_tail(nnom_layer_t *l)
{
    uint32_t n = nnom_shape_size(&l->out.shape);
    if (l->visit == NNOM_TAIL_LUT)
        nnom_lut_s8(l->out.data, l->out.data, n, l->act->table);
    else
        nnom_clamp_buf_s8(l->out.data, n, l->out_min, l->out_max);
}

#if !defined(__OPTIMIZE_SIZE__)
/* A failed run and a tail both rare: GCC then lays the loop without a
 * callback out so that the tail byte's test is one CBNZ (1 instruction a
 * layer less; the tail's alone changed nothing, the status stays CMP and a
 * branch: its exit is the shared epilogue, before the loop). The callback's
 * loop kept as it was: there the same gave CMP and BNE, 13 as before. */
#if defined(__GNUC__)
#define RUN_RARE(x) __builtin_expect(!!(x), 0)
#else
#define RUN_RARE(x) (x)
#endif

/* The layer a run stops at: the one after `end` when `end` is one of the
 * model's, else NULL (the whole model runs: for NULL, and for a layer of
 * another model, whose `next` the loop would never meet). */
static nnom_layer_t *run_stop(const nnom_model_t *m, const nnom_layer_t *end)
{
    for (const nnom_layer_t *l = m->head; end != NULL && l != NULL; l = l->next)
        if (l == end)
            return l->next;
    return NULL;
}
#endif

nnom_status_t nnom_model_run_to(nnom_model_t *m, nnom_layer_t *end)
{
    if (m == NULL)
        return NN_ARGUMENT_ERROR;
    if (!m->compiled)
        return NN_NOT_COMPILED;
    /* one time stamp per layer: its end is the next layer's start */
    const uint32_t start = nnom_us_get();
    uint32_t t0 = start;
    nnom_layer_t *l = m->head;
#if defined(__OPTIMIZE_SIZE__)
    nnom_layer_t *const stop = NULL; /* -Os: the loop asks for `end` (fewer bytes) */
#else
    /* the loops end at the layer after `end`, one test a layer */
    nnom_layer_t *const stop = run_stop(m, end);
    if (m->callback == NULL) {
        /* no callback to ask: nothing but the layers between two stamps */
        for (; l != stop; l = l->next) {
            nnom_status_t s = l->type->run(l);
            if (RUN_RARE(s != NN_SUCCESS))
                return s;
            if (RUN_RARE(l->visit != NNOM_TAIL_NONE))
                run_tail(l);
            const uint32_t t1 = nnom_us_get();
            l->time = t1 - t0;
            t0 = t1;
        }
        l = stop;
    }
#endif
    for (; l != stop; l = l->next) {
        nnom_status_t s = l->type->run(l);
        if (s != NN_SUCCESS)
            return s;
        if (l->visit != NNOM_TAIL_NONE)
            run_tail(l);
        const uint32_t t1 = nnom_us_get();
        l->time = t1 - t0;
        t0 = t1;
        if (m->callback != NULL) {
            if (m->callback(m, l) != NN_SUCCESS)
                return NN_CALLBACK_STOP;
            t0 = nnom_us_get(); /* the callback's time is no layer's */
        }
#if defined(__OPTIMIZE_SIZE__)
        if (l == end)
            break;
#endif
    }
    m->total_time = nnom_us_get() - start;
    m->run_count++;
    return NN_SUCCESS;
}

nnom_status_t nnom_model_run(nnom_model_t *m) { return nnom_model_run_to(m, NULL); }
