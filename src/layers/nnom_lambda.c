/* nnom_lambda.c - a user function on one input tensor (Keras' Lambda).
 * The function sees Keras' order (HWC) in every build: where the arena's
 * differs (CHW builds) the layer transposes through its scratch. */
#include "nnom.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names Lambda and lambda_s), through which
 * this file sees them too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Lambda: a user function computes the output tensor (already shaped
 * `shape`, quantised with super.out_q) from the input; it runs during
 * model_run() and must not allocate. Return NN_SUCCESS or an error. */
typedef nnom_status_t (*nnom_lambda_fn_t)(const nnom_tensor_t *in, nnom_tensor_t *out);
typedef struct {
    nnom_layer_config_t super;
    nnom_shape_t shape;
    nnom_lambda_fn_t run;
} nnom_lambda_config_t;

nnom_layer_t *nnom_lambda_s(const nnom_lambda_config_t *config);

/* Layer API: a user function of one input; the output has out_shape and
 * out_q. */
nnom_layer_t *nnom_Lambda(nnom_lambda_fn_t run, nnom_shape_t out_shape, const nnom_qparam_t *out_q);
#endif /* NNOM_DECLARE_IN_OPS_H */

/* scratch for a copy of a tensor in Keras' order (none when the arena's is) */
static uint32_t keras_copy_bytes(const nnom_shape_t *s)
{
    return nnom_layout_keras_order(s) ? 0u : NNOM_ALIGN_UP(nnom_shape_size(s));
}

static nnom_status_t lambda_build(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
    if (cfg->run == NULL || cfg->super.out_q == NULL || cfg->shape.rank < 1 ||
        cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
    l->scratch_bytes = keras_copy_bytes(&l->in0->out.shape) + keras_copy_bytes(&cfg->shape);
    return NN_SUCCESS;
}

static nnom_status_t lambda_run(nnom_layer_t *l)
{
    const nnom_lambda_config_t *cfg = (const nnom_lambda_config_t *)l->config;
    nnom_tensor_t in = l->in0->out, out = l->out;
    if (!nnom_layout_keras_order(&in.shape)) {
        in.data = l->scratch;
        nnom_layout_to_keras(l->in0->out.data, &in.shape, in.data);
    }
    if (!nnom_layout_keras_order(&out.shape))
        out.data = l->scratch + keras_copy_bytes(&in.shape);
    nnom_status_t s = cfg->run(&in, &out);
    if (s == NN_SUCCESS && out.data != l->out.data)
        nnom_layout_from_keras(out.data, &out.shape, l->out.data);
    return s;
}

static const nnom_layer_type_t lambda_type = {NNOM_LAYER, 0, 0, "Lambda", lambda_build,
                                              lambda_run};

nnom_layer_t *nnom_lambda_s(const nnom_lambda_config_t *config)
{
    return nnom_layer_new(&lambda_type, config);
}

/* ---- Layer API ------------------------------------------------------------ */

nnom_layer_t *nnom_Lambda(nnom_lambda_fn_t run, nnom_shape_t out_shape, const nnom_qparam_t *out_q)
{
    if (run == NULL || out_q == NULL)
        return NULL;
    nnom_lambda_config_t *cfg = (nnom_lambda_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "lambda";
    cfg->super.out_q = out_q;
    cfg->shape = out_shape;
    cfg->run = run;
    return nnom_layer_adopt(nnom_lambda_s(cfg), cfg);
}
