/* nnom_merge.c - Add, Sub and Mult of 2..NNOM_MERGE_MAX_INPUTS equal-shape
 * inputs (see nnom_add_config_t, nnom_mult_config_t). Each input keeps its
 * own quantisation: the arithmetic rescales every input. Their Layer API
 * constructors too (Add, Sub, Average, Mult). */
#include "nnom.h"
#include "nnom_kernels.h"
#include "../core/nnom_internal.h"
#include "nnom_fixedpoint.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Add / Sub of n = 2..16 equal-shape inputs, TFLite's int8 Add
 * (CMSIS-NN arm_elementwise_add_s8 for n = 2):
 *   t_i = requantize((x_i - zp_i) << left_shift, in_mult[i], in_shift[i])
 *   out = clamp(zp_out + requantize(t_0 + t_1 + ... , out_mult, out_shift))
 * Sub subtracts t_1 .. t_n-1 (out = x_0 - x_1 - ...), as TFLM's Sub does.
 * The converter uses left_shift 20 and in_mult[i] for s_i / (2 max s). */
typedef struct {
    nnom_layer_config_t super;
    const int32_t *in_mult;  /* one per input, positive */
    const int32_t *in_shift; /* one per input */
    int32_t out_mult, out_shift, left_shift;
} nnom_add_config_t;

/* Mult of n = 2..16 equal-shape inputs: n - 1 steps of CMSIS-NN's
 * arm_elementwise_mul_s8, p_0 = x_0 and
 *   p_k = clamp(zp_k + requantize((p_{k-1} - zp_{k-1}) * (x_k - zp_xk), mult[k-1], shift[k-1]))
 * where zp_k is step_zp[k-1] for the n - 2 intermediate products and the
 * output's zero point for the last (which also gets the activation clamp). */
typedef struct {
    nnom_layer_config_t super;
    const int32_t *mult;    /* n - 1 */
    const int32_t *shift;   /* n - 1 */
    const int32_t *step_zp; /* n - 2; NULL when n = 2 */
} nnom_mult_config_t;

nnom_layer_t *nnom_add_s(const nnom_add_config_t *config);
nnom_layer_t *nnom_sub_s(const nnom_add_config_t *config);
nnom_layer_t *nnom_mult_s(const nnom_mult_config_t *config);

/* Layer API, hooked with model.merge(Add(&q), a, b) or model.mergex(Add(&q),
 * n, ...): the output quantisation is given; Mult takes two inputs. */
nnom_layer_t *nnom_Add(const nnom_qparam_t *out_q);
nnom_layer_t *nnom_Sub(const nnom_qparam_t *out_q);
nnom_layer_t *nnom_Average(uint8_t n, const nnom_qparam_t *out_q);
nnom_layer_t *nnom_Mult(const nnom_qparam_t *out_q);
#endif /* NNOM_DECLARE_IN_OPS_H */

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
        const nnom_tensor_t *t = &nnom_layer_input_at(l, i)->out;
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
    return nnom_kernel_run_kept(nnom_add_kernels, l, &a);
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
    return nnom_kernel_run_kept(nnom_mul_kernels, l, &a);
}

/* In place: the kernels read every input's element before writing it. */
static const nnom_layer_type_t add_type = {NNOM_LAYER, NNOM_LAYER_INPLACE, 1, "Add", add_build,
                                           add_run};
static const nnom_layer_type_t sub_type = {NNOM_LAYER, NNOM_LAYER_INPLACE, 1, "Sub", add_build,
                                           add_run};
static const nnom_layer_type_t mult_type = {NNOM_LAYER, NNOM_LAYER_INPLACE, 1, "Mult", mult_build,
                                            mult_run};

nnom_layer_t *nnom_add_s(const nnom_add_config_t *config) { return nnom_layer_new(&add_type, config); }
nnom_layer_t *nnom_sub_s(const nnom_add_config_t *config) { return nnom_layer_new(&sub_type, config); }
nnom_layer_t *nnom_mult_s(const nnom_mult_config_t *config)
{
    return nnom_layer_new(&mult_type, config);
}

/* ---- Layer API: parameters computed at model_compile() in double
 * precision, in the converter's order of operations (nnom/fixedpoint.py
 * add_params), so both give the same bytes. */

#define ADD_LEFT_SHIFT 20

/* ---- Add / Sub / Average ---------------------------------------------------- */

typedef struct {
    nnom_add_config_t cfg;
    int32_t average;
} api_add_t;

static nnom_status_t add_prepare(nnom_layer_t *l)
{
    api_add_t *api = (api_add_t *)(void *)l->config;
    const uint8_t n = l->n_in;
    double twice_max = 0.0;
    if (n < 2)
        return NN_ARGUMENT_ERROR;
    for (uint8_t i = 0; i < n; i++) {
        const nnom_qparam_t *q = nnom_layer_input(l, i)->out.q;
        if (q == NULL)
            return NN_ARGUMENT_ERROR;
        if (2.0 * (double)q->scale > twice_max)
            twice_max = 2.0 * (double)q->scale;
    }
    int32_t *rq = (int32_t *)nnom_mem_owned(2u * n * sizeof(int32_t));
    if (rq == NULL)
        return NN_NO_MEMORY;
    nnom_layer_own(l, rq);
    for (uint8_t i = 0; i < n; i++) {
        double real = (double)nnom_layer_input(l, i)->out.q->scale / twice_max;
        nnom_status_t s = nnom_quantize_multiplier(real, &rq[i], &rq[n + i]);
        if (s != NN_SUCCESS)
            return s;
    }
    api->cfg.in_mult = rq;
    api->cfg.in_shift = rq + n;
    double out_real = twice_max / ((double)(1 << ADD_LEFT_SHIFT) *
                                   (double)api->cfg.super.out_q->scale * (double)api->average);
    return nnom_quantize_multiplier(out_real, &api->cfg.out_mult, &api->cfg.out_shift);
}

static nnom_layer_t *add_like(const nnom_qparam_t *out_q, int32_t average, int subtract)
{
    if (out_q == NULL || !(out_q->scale > 0.0f))
        return NULL;
    api_add_t *api = (api_add_t *)nnom_mem_owned(sizeof(api_add_t));
    if (api == NULL)
        return NULL;
    api->average = average;
    api->cfg.super.name = subtract ? "subtract" : (average > 1 ? "average" : "add");
    api->cfg.super.out_q = out_q;
    api->cfg.super.prepare = add_prepare;
    api->cfg.left_shift = ADD_LEFT_SHIFT;
    return nnom_layer_adopt(subtract ? nnom_sub_s(&api->cfg) : nnom_add_s(&api->cfg), api);
}

nnom_layer_t *nnom_Add(const nnom_qparam_t *out_q) { return add_like(out_q, 1, 0); }
nnom_layer_t *nnom_Sub(const nnom_qparam_t *out_q) { return add_like(out_q, 1, 1); }
nnom_layer_t *nnom_Average(uint8_t n, const nnom_qparam_t *out_q)
{
    return n < 2 ? NULL : add_like(out_q, n, 0);
}

/* ---- Mult (two inputs) ------------------------------------------------------ */

typedef struct {
    nnom_mult_config_t cfg;
    int32_t mult, shift;
} api_mult_t;

static nnom_status_t mult_prepare(nnom_layer_t *l)
{
    api_mult_t *api = (api_mult_t *)(void *)l->config;
    if (l->n_in != 2)
        return NN_UNSUPPORTED; /* chains of products need calibrated steps: use the converter */
    const nnom_qparam_t *a = l->in0->out.q, *b = nnom_layer_input(l, 1)->out.q;
    if (a == NULL || b == NULL)
        return NN_ARGUMENT_ERROR;
    double real = (double)a->scale * (double)b->scale / (double)api->cfg.super.out_q->scale;
    return nnom_quantize_multiplier(real, &api->mult, &api->shift);
}

nnom_layer_t *nnom_Mult(const nnom_qparam_t *out_q)
{
    if (out_q == NULL || !(out_q->scale > 0.0f))
        return NULL;
    api_mult_t *api = (api_mult_t *)nnom_mem_owned(sizeof(api_mult_t));
    if (api == NULL)
        return NULL;
    api->cfg.super.name = "multiply";
    api->cfg.super.out_q = out_q;
    api->cfg.super.prepare = mult_prepare;
    api->cfg.mult = &api->mult;
    api->cfg.shift = &api->shift;
    return nnom_layer_adopt(nnom_mult_s(&api->cfg), api);
}
