/* nnom_io.c - Input and Output.
 *
 * With a NULL buffer (the generated headers) both are arena tensors: Input
 * does nothing (the user writes the input into its arena buffer before
 * nnom_model_run()) and Output is a view of the tensor it outputs (no copy;
 * the planner keeps that buffer alive to the end of the run). With a user
 * buffer (Layer API programs) Input reads it in place and Output copies to
 * it. User buffers are in Keras' order: where the arena's differs (CHW
 * builds) Input transposes its buffer into the arena and Output transposes
 * back, which needs a user buffer. Their Layer API constructors too. */
#include "nnom.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Input / Output: `buffer` NULL puts the tensor in the arena (Output is
 * then a view: no copy; nnom_io_data() says where it is); a user buffer is
 * read in place by Input, copied to by Output. CHW builds need a user
 * buffer where the two orders differ (they transpose it). */
typedef struct {
    nnom_layer_config_t super;
    nnom_shape_t shape;
    int8_t *buffer;
} nnom_io_config_t;

nnom_layer_t *nnom_input_s(const nnom_io_config_t *config);
nnom_layer_t *nnom_output_s(const nnom_io_config_t *config);

/* Layer API. buffer NULL: the input / output is an arena tensor
 * (nnom_io_data() of the layer, once compiled); else the user's buffer. */
nnom_layer_t *nnom_Input(nnom_shape_t s, const nnom_qparam_t *q, int8_t *buffer);
nnom_layer_t *nnom_Output(nnom_shape_t s, int8_t *buffer);
#endif /* NNOM_DECLARE_IN_OPS_H */

static nnom_status_t nothing_to_do(nnom_layer_t *l)
{
    (void)l;
    return NN_SUCCESS;
}

static nnom_status_t input_copy_run(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    nnom_layout_from_keras(cfg->buffer, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}
static nnom_status_t input_build(nnom_layer_t *l);
/* the input in an arena buffer, filled from the user's */
static const nnom_layer_type_t input_copy_type = {NNOM_INPUT, 0, 0, "Input", input_build,
                                                  input_copy_run};
/* the user's buffer, read in place */
static const nnom_layer_type_t input_user_type = {NNOM_INPUT, NNOM_LAYER_EXTERNAL, 0, "Input",
                                                  input_build, nothing_to_do};

static nnom_status_t input_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (cfg->super.out_q == NULL || cfg->shape.rank < 1 || cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
    if (!nnom_layout_keras_order(&cfg->shape)) {
        if (cfg->buffer == NULL)
            return NN_ARGUMENT_ERROR; /* nothing to transpose from */
        l->type = &input_copy_type;
    } else if (cfg->buffer != NULL) {
        l->type = &input_user_type;
    }
    return NN_SUCCESS;
}

static nnom_status_t output_copy_run(nnom_layer_t *l)
{
    if (nnom_layout_keras_order(&l->out.shape))
        nnom_memcpy(l->out.data, l->in0->out.data, nnom_shape_size(&l->out.shape));
    else
        nnom_layout_to_keras(l->in0->out.data, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}

static nnom_status_t output_build(nnom_layer_t *l);
/* a copy to the user's buffer */
static const nnom_layer_type_t output_copy_type = {NNOM_OUTPUT, NNOM_LAYER_EXTERNAL, 0, "Output",
                                                   output_build, output_copy_run};

static nnom_status_t output_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (nnom_shape_size(&cfg->shape) != nnom_shape_size(&l->in0->out.shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = l->in0->out.shape;
    l->out.q = l->in0->out.q;
    if (cfg->buffer != NULL)
        l->type = &output_copy_type;
    else if (!nnom_layout_keras_order(&l->out.shape))
        return NN_ARGUMENT_ERROR; /* nowhere to transpose to */
    return NN_SUCCESS;
}

int8_t *nnom_io_data(const nnom_layer_t *l)
{
    if (l == NULL || (l->type->kind != NNOM_INPUT && l->type->kind != NNOM_OUTPUT))
        return NULL;
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    return cfg->buffer != NULL ? cfg->buffer : l->out.data;
}

/* the arena tensors (a NULL buffer); the builds switch to the types above */
static const nnom_layer_type_t input_type = {NNOM_INPUT, 0, 0, "Input", input_build,
                                             nothing_to_do};
static const nnom_layer_type_t output_type = {NNOM_OUTPUT, NNOM_LAYER_VIEW, 0, "Output",
                                              output_build, nothing_to_do};

nnom_layer_t *nnom_input_s(const nnom_io_config_t *config) { return nnom_layer_new(&input_type, config); }
nnom_layer_t *nnom_output_s(const nnom_io_config_t *config) { return nnom_layer_new(&output_type, config); }

static nnom_io_config_t *io_config(const char *name, nnom_shape_t s, int8_t *buffer)
{
    nnom_io_config_t *cfg = (nnom_io_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = name;
    cfg->shape = s;
    cfg->buffer = buffer;
    return cfg;
}

nnom_layer_t *nnom_Input(nnom_shape_t s, const nnom_qparam_t *q, int8_t *buffer)
{
    if (q == NULL)
        return NULL;
    nnom_io_config_t *cfg = io_config("input", s, buffer);
    if (cfg == NULL)
        return NULL;
    cfg->super.out_q = q;
    return nnom_layer_adopt(nnom_input_s(cfg), cfg);
}

nnom_layer_t *nnom_Output(nnom_shape_t s, int8_t *buffer)
{
    nnom_io_config_t *cfg = io_config("output", s, buffer);
    if (cfg == NULL)
        return NULL;
    return nnom_layer_adopt(nnom_output_s(cfg), cfg);
}
