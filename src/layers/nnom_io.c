/* nnom_io.c - Input (reads the user's buffer in place) and Output (copies
 * to the user's buffer). The user's buffers are in Keras' order: where the
 * arena's differs (CHW builds) Input copies its buffer into the arena,
 * transposed, and Output transposes back. */
#include "nnom.h"
#include "nnom_layout.h"

static nnom_status_t input_copy_run(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    nnom_layout_from_keras(cfg->buffer, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}
static nnom_status_t input_build(nnom_layer_t *l);
/* the input in an arena buffer, not the user's */
static const nnom_layer_type_t input_copy_type = {NNOM_INPUT, "Input", 0, 0, input_build,
                                                  input_copy_run};

static nnom_status_t input_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (cfg->buffer == NULL || cfg->super.out_q == NULL || cfg->shape.rank < 1 ||
        cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
    if (!nnom_layout_keras_order(&cfg->shape))
        l->type = &input_copy_type;
    return NN_SUCCESS;
}

static nnom_status_t input_run(nnom_layer_t *l)
{
    (void)l;
    return NN_SUCCESS;
}

static nnom_status_t output_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (cfg->buffer == NULL)
        return NN_ARGUMENT_ERROR;
    if (nnom_shape_size(&cfg->shape) != nnom_shape_size(&l->in0->out.shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = l->in0->out.shape;
    l->out.q = l->in0->out.q;
    return NN_SUCCESS;
}

static nnom_status_t output_run(nnom_layer_t *l)
{
    if (nnom_layout_keras_order(&l->out.shape))
        nnom_memcpy(l->out.data, l->in0->out.data, nnom_shape_size(&l->out.shape));
    else
        nnom_layout_to_keras(l->in0->out.data, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}

static const nnom_layer_type_t input_type = {NNOM_INPUT, "Input", NNOM_LAYER_EXTERNAL, 0,
                                             input_build, input_run};
static const nnom_layer_type_t output_type = {NNOM_OUTPUT, "Output", NNOM_LAYER_EXTERNAL, 0,
                                              output_build, output_run};

nnom_layer_t *nnom_input_s(const nnom_io_config_t *config) { return nnom_layer_new(&input_type, config); }
nnom_layer_t *nnom_output_s(const nnom_io_config_t *config) { return nnom_layer_new(&output_type, config); }
