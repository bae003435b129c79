/* nnom_concat.c - Concatenate along any Keras axis. An input whose
 * quantisation differs from the output's goes through its 256-entry table
 * (computed by the converter), so branches keep their own quantisation. */
#include "nnom.h"
#include "nnom_kernels.h"
#include "nnom_layout.h"

/* HWC index (0 h, 1 w, 2 c) of a Keras axis for a tensor of this rank, or -1. */
static int32_t hwc_axis(int32_t axis, int32_t rank)
{
    if (axis < 0)
        axis += rank + 1;
    if (axis < 1 || axis > rank)
        return -1;
    return axis + (3 - rank) - 1;
}

static uint32_t dim(const nnom_shape_t *s, int32_t i) { return i == 0 ? s->h : (i == 1 ? s->w : s->c); }

static nnom_status_t concat_build(nnom_layer_t *l)
{
    const nnom_concat_config_t *cfg = (const nnom_concat_config_t *)l->config;
    const nnom_shape_t *s0 = &l->in0->out.shape;
    const int32_t a = hwc_axis(cfg->axis, s0->rank);
    uint64_t total = 0; /* up to 255 dimensions below 2^31 */
    if (cfg->super.out_q == NULL || a < 0)
        return NN_ARGUMENT_ERROR;
    for (uint8_t i = 0; i < l->n_in; i++) {
        const nnom_tensor_t *t = &nnom_layer_input(l, i)->out;
        if (t->q == NULL)
            return NN_ARGUMENT_ERROR;
        if (t->shape.rank != s0->rank)
            return NN_SIZE_MISMATCH;
        for (int32_t d = 0; d < 3; d++)
            if (d != a && dim(&t->shape, d) != dim(s0, d))
                return NN_SIZE_MISMATCH;
        const int has_table = cfg->tables != NULL && cfg->tables[i] != NULL;
        if (!has_table && (t->q->scale != cfg->super.out_q->scale ||
                           t->q->zero_point != cfg->super.out_q->zero_point)) {
            NNOM_LOG("nnom: Concat input %u is quantised differently from the output and has "
                     "no table\n", (unsigned)i);
            return NN_ARGUMENT_ERROR;
        }
        total += dim(&t->shape, a);
    }
    if (total > INT32_MAX)
        return NN_SIZE_MISMATCH;
    l->out.shape = *s0;
    if (a == 0)
        l->out.shape.h = (uint32_t)total;
    else if (a == 1)
        l->out.shape.w = (uint32_t)total;
    else
        l->out.shape.c = (uint32_t)total;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t concat_run(nnom_layer_t *l)
{
    const nnom_concat_config_t *cfg = (const nnom_concat_config_t *)l->config;
    const nnom_shape_t *out = &l->out.shape;
    const int32_t a = hwc_axis(cfg->axis, out->rank);
    /* `outer` blocks, each made of one contiguous run per input */
    const uint32_t outer = nnom_layout_concat_blocks(a, out);
    int8_t *dst = l->out.data;
    for (uint32_t o = 0; o < outer; o++) {
        for (uint8_t i = 0; i < l->n_in; i++) {
            const nnom_tensor_t *t = &nnom_layer_input(l, i)->out;
            const uint32_t run = nnom_shape_size(&t->shape) / outer;
            const int8_t *src = t->data + (size_t)o * run;
            const int8_t *table = cfg->tables != NULL ? cfg->tables[i] : NULL;
            if (table != NULL)
                nnom_lut_s8(src, dst, run, table);
            else
                nnom_memcpy(dst, src, run);
            dst += run;
        }
    }
    return NN_SUCCESS;
}

static const nnom_layer_type_t concat_type = {NNOM_LAYER, "Concat", 0, 0, concat_build,
                                              concat_run};

nnom_layer_t *nnom_concat_s(const nnom_concat_config_t *config)
{
    return nnom_layer_new(&concat_type, config);
}
