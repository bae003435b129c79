/* nnom_run.c - running a compiled model. No allocation happens here. */
#include "nnom.h"
#include "nnom_kernels.h"

static void run_tail(nnom_layer_t *l)
{
    /* most layers: no size to compute (none, or the kernel clamped) */
    if (l->act == NULL || (l->act->kind != NNOM_ACT_LUT && l->type->clamps))
        return;
    uint32_t n = nnom_shape_size(&l->out.shape);
    if (l->act->kind == NNOM_ACT_LUT)
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
    /* one time stamp per layer: its end is the next layer's start */
    const uint32_t start = nnom_us_get();
    uint32_t t0 = start;
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        nnom_status_t s = l->type->run(l);
        if (s != NN_SUCCESS)
            return s;
        run_tail(l);
        const uint32_t t1 = nnom_us_get();
        l->time = t1 - t0;
        t0 = t1;
        if (m->callback != NULL) {
            if (m->callback(m, l) != NN_SUCCESS)
                return NN_CALLBACK_STOP;
            t0 = nnom_us_get(); /* the callback's time is no layer's */
        }
        if (l == end)
            break;
    }
    m->total_time = nnom_us_get() - start;
    m->run_count++;
    return NN_SUCCESS;
}

nnom_status_t nnom_model_run(nnom_model_t *m) { return nnom_model_run_to(m, NULL); }
