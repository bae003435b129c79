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

nnom_status_t nnom_model_run_to(nnom_model_t *m, nnom_layer_t *end)
{
    if (m == NULL)
        return NN_ARGUMENT_ERROR;
    if (!m->compiled)
        return NN_NOT_COMPILED;
    /* the loops end at the layer after `end` (NULL: after the last), one
     * test a layer; a layer of this model is in its run order */
    nnom_layer_t *const stop = end != NULL ? end->next : NULL;
    /* one time stamp per layer: its end is the next layer's start */
    const uint32_t start = nnom_us_get();
    uint32_t t0 = start;
    nnom_layer_t *l = m->head;
#if !defined(__OPTIMIZE_SIZE__)
    if (m->callback == NULL) {
        /* no callback to ask: nothing but the layers between two stamps */
        for (; l != stop; l = l->next) {
            nnom_status_t s = l->type->run(l);
            if (s != NN_SUCCESS)
                return s;
            if (l->visit != NNOM_TAIL_NONE)
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
    }
    m->total_time = nnom_us_get() - start;
    m->run_count++;
    return NN_SUCCESS;
}

nnom_status_t nnom_model_run(nnom_model_t *m) { return nnom_model_run_to(m, NULL); }
