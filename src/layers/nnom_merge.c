/* nnom_merge.c - Add, Sub and Mult of 2..NNOM_MERGE_MAX_INPUTS equal-shape
 * inputs (see nnom_add_config_t, nnom_mult_config_t). Each input keeps its
 * own quantisation: the arithmetic rescales every input. */
#include "nnom.h"
#include "nnom_kernels.h"

static const nnom_layer_type_t sub_type; /* below: Add with inputs 2..n subtracted */

static nnom_status_t check_inputs(const nnom_layer_t *l, uint8_t min_inputs)
{
    const nnom_shape_t *s0 = &l->in0->out.shape;
    if (l->n_in < min_inputs || l->n_in > NNOM_MERGE_MAX_INPUTS) {
        NNOM_LOG("nnom: %s takes 2 to %d inputs, got %u\n", l->type->name,
                 NNOM_MERGE_MAX_INPUTS, (unsigned)l->n_in);
        return NN_ARGUMENT_ERROR;
    }
    for (uint8_t i = 0; i < l->n_in; i++) {
        const nnom_tensor_t *t = &nnom_layer_input(l, i)->out;
        if (t->q == NULL)
            return NN_ARGUMENT_ERROR;
        if (t->shape.h != s0->h || t->shape.w != s0->w || t->shape.c != s0->c)
            return NN_SIZE_MISMATCH;
    }
    return NN_SUCCESS;
}

/* Input data pointers and offsets (minus the zero points). */
static void gather(const nnom_layer_t *l, const int8_t **in, int32_t *offset)
{
    for (uint8_t i = 0; i < l->n_in; i++) {
        const nnom_tensor_t *t = &nnom_layer_input(l, i)->out;
        in[i] = t->data;
        offset[i] = -t->q->zero_point;
    }
}

static nnom_status_t add_build(nnom_layer_t *l)
{
    const nnom_add_config_t *cfg = (const nnom_add_config_t *)l->config;
    if (cfg->in_mult == NULL || cfg->in_shift == NULL || cfg->super.out_q == NULL ||
        cfg->left_shift < 0 || cfg->left_shift > 20)
        return NN_ARGUMENT_ERROR;
    nnom_status_t st = check_inputs(l, 2);
    if (st != NN_SUCCESS)
        return st;
    for (uint8_t i = 0; i < l->n_in; i++)
        if (cfg->in_mult[i] < 0)
            return NN_ARGUMENT_ERROR;
    l->out.shape = l->in0->out.shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t add_run(nnom_layer_t *l)
{
    const nnom_add_config_t *cfg = (const nnom_add_config_t *)l->config;
    const int8_t *in[NNOM_MERGE_MAX_INPUTS];
    int32_t offset[NNOM_MERGE_MAX_INPUTS], mult[NNOM_MERGE_MAX_INPUTS];
    gather(l, in, offset);
    for (uint8_t i = 0; i < l->n_in; i++) /* Sub: a negative multiplier subtracts the term */
        mult[i] = (l->type == &sub_type && i > 0) ? -cfg->in_mult[i] : cfg->in_mult[i];
    const nnom_add_args_t a = {l->n_in,          in,          offset,
                               mult,            cfg->in_shift, cfg->left_shift,
                               cfg->super.out_q->zero_point, cfg->out_mult, cfg->out_shift,
                               l->out_min,      l->out_max,  nnom_shape_size(&l->out.shape),
                               l->out.data};
    return nnom_kernel_run(nnom_add_kernels, l, &a);
}

static nnom_status_t mult_build(nnom_layer_t *l)
{
    const nnom_mult_config_t *cfg = (const nnom_mult_config_t *)l->config;
    if (cfg->mult == NULL || cfg->shift == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    nnom_status_t st = check_inputs(l, 2);
    if (st != NN_SUCCESS)
        return st;
    if (l->n_in > 2 && cfg->step_zp == NULL)
        return NN_ARGUMENT_ERROR;
    l->out.shape = l->in0->out.shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t mult_run(nnom_layer_t *l)
{
    const nnom_mult_config_t *cfg = (const nnom_mult_config_t *)l->config;
    const int8_t *in[NNOM_MERGE_MAX_INPUTS];
    int32_t offset[NNOM_MERGE_MAX_INPUTS];
    gather(l, in, offset);
    const nnom_mul_args_t a = {l->n_in,      in,          offset,     cfg->mult,
                               cfg->shift,  cfg->step_zp, cfg->super.out_q->zero_point,
                               l->out_min,  l->out_max,  nnom_shape_size(&l->out.shape),
                               l->out.data};
    return nnom_kernel_run(nnom_mul_kernels, l, &a);
}

/* In place: the kernels read every input's element before writing it. */
static const nnom_layer_type_t add_type = {NNOM_LAYER, "Add", NNOM_LAYER_INPLACE, 1, add_build,
                                           add_run};
static const nnom_layer_type_t sub_type = {NNOM_LAYER, "Sub", NNOM_LAYER_INPLACE, 1, add_build,
                                           add_run};
static const nnom_layer_type_t mult_type = {NNOM_LAYER, "Mult", NNOM_LAYER_INPLACE, 1, mult_build,
                                            mult_run};

nnom_layer_t *nnom_add_s(const nnom_add_config_t *config) { return nnom_layer_new(&add_type, config); }
nnom_layer_t *nnom_sub_s(const nnom_add_config_t *config) { return nnom_layer_new(&sub_type, config); }
nnom_layer_t *nnom_mult_s(const nnom_mult_config_t *config)
{
    return nnom_layer_new(&mult_type, config);
}
