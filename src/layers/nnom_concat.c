/* nnom_concat.c - Concatenate along any Keras axis. An input whose
 * quantisation differs from the output's goes through its 256-entry table
 * (computed by the converter, or by the Layer API constructor's prepare at
 * model_compile()), so branches keep their own quantisation. */
#include <math.h>

#include "nnom.h"
#include "nnom_kernels.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names Concat and concat_s), through which
 * this file sees them too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Concatenate along a Keras axis (1..rank, or -1 for the last). Input i is
 * copied, or mapped through tables[i] (out = tables[i][in + 128]) when its
 * quantisation differs from the output's; tables may be NULL (all copies). */
typedef struct {
    nnom_layer_config_t super;
    int8_t axis;
    const int8_t *const *tables;
} nnom_concat_config_t;

nnom_layer_t *nnom_concat_s(const nnom_concat_config_t *config);

/* Layer API, hooked with model.merge() or model.mergex(): out_q may be NULL
 * (the first input's); other inputs are requantised to it. */
nnom_layer_t *nnom_Concat(int8_t axis, const nnom_qparam_t *out_q);
#endif /* NNOM_DECLARE_IN_OPS_H */

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

static const nnom_layer_type_t concat_type = {NNOM_LAYER, 0, 0, "Concat", concat_build,
                                              concat_run};

nnom_layer_t *nnom_concat_s(const nnom_concat_config_t *config)
{
    return nnom_layer_new(&concat_type, config);
}

/* Layer API: the tables from the inputs' quantisation, in the converter's
 * order of operations (nnom/ops/common.py requant_table). */
static nnom_status_t concat_prepare(nnom_layer_t *l)
{
    nnom_concat_config_t *cfg = (nnom_concat_config_t *)(void *)l->config;
    const uint8_t n = l->n_in;
    const nnom_qparam_t *dst;
    if (cfg->super.out_q == NULL)
        cfg->super.out_q = l->in0->out.q; /* default: the first input's */
    dst = cfg->super.out_q;
    if (dst == NULL)
        return NN_ARGUMENT_ERROR;
    /* one owned block: n table pointers, then the tables that are needed */
    size_t ptrs = NNOM_ALIGN_UP(n * sizeof(int8_t *));
    uint8_t *block = (uint8_t *)nnom_mem_owned(ptrs + 256u * n);
    if (block == NULL)
        return NN_NO_MEMORY;
    nnom_layer_own(l, block);
    const int8_t **tables = (const int8_t **)(void *)block;
    for (uint8_t i = 0; i < n; i++) {
        const nnom_qparam_t *src = nnom_layer_input(l, i)->out.q;
        if (src == NULL)
            return NN_ARGUMENT_ERROR;
        if (src->scale == dst->scale && src->zero_point == dst->zero_point) {
            tables[i] = NULL;
            continue;
        }
        int8_t *t = (int8_t *)(block + ptrs + 256u * i);
        for (int32_t v = -128; v < 128; v++) {
            double real = (double)src->scale * (double)(v - src->zero_point);
            double r = floor(real / (double)dst->scale + 0.5);
            int32_t q = r > 1000.0 ? 1000 : (r < -1000.0 ? -1000 : (int32_t)r);
            q += dst->zero_point;
            t[v + 128] = (int8_t)(q < -128 ? -128 : (q > 127 ? 127 : q));
        }
        tables[i] = t;
    }
    cfg->tables = tables;
    return NN_SUCCESS;
}

nnom_layer_t *nnom_Concat(int8_t axis, const nnom_qparam_t *out_q)
{
    nnom_concat_config_t *cfg = (nnom_concat_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "concatenate";
    cfg->super.out_q = out_q;
    cfg->super.prepare = concat_prepare;
    cfg->axis = axis;
    return nnom_layer_adopt(nnom_concat_s(cfg), cfg);
}
