/* nnom_io.c - Input and Output.
 *
 * With a NULL buffer (the generated headers) both are arena tensors: Input
 * does nothing (the user writes the input into its arena buffer before
 * model_run()) and Output is a view of the tensor it outputs (no copy; the
 * planner keeps that buffer alive to the end of the run). With a user
 * buffer (Layer API programs) Input reads it in place and Output copies to
 * it. User buffers are in Keras' order: in CHW builds Input transposes its
 * buffer into the arena and Output transposes back where the orders differ,
 * which needs a user buffer. */
#include "nnom.h"
#include "../kernels/chw/nnom_chw.h"

static nnom_status_t nothing_to_do(nnom_layer_t *l)
{
    (void)l;
    return NN_SUCCESS;
}

#ifdef NNOM_USING_CHW
static nnom_status_t input_chw_run(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    nnom_chw_from_hwc(cfg->buffer, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}
static nnom_status_t input_build(nnom_layer_t *l);
/* an arena buffer, filled from the user's */
static const nnom_layer_type_t input_chw_type = {NNOM_INPUT, "Input", 0, 0, input_build,
                                                 input_chw_run};
#endif

static nnom_status_t input_build(nnom_layer_t *l);
static const nnom_layer_type_t input_user_type = {NNOM_INPUT, "Input", NNOM_LAYER_EXTERNAL, 0,
                                                  input_build, nothing_to_do};

static nnom_status_t input_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (cfg->super.out_q == NULL || cfg->shape.rank < 1 || cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
#ifdef NNOM_USING_CHW
    if (!nnom_chw_same_order(&cfg->shape)) {
        if (cfg->buffer == NULL)
            return NN_ARGUMENT_ERROR; /* nothing to transpose from */
        l->type = &input_chw_type;
        return NN_SUCCESS;
    }
#endif
    if (cfg->buffer != NULL)
        l->type = &input_user_type;
    return NN_SUCCESS;
}

static nnom_status_t output_copy_run(nnom_layer_t *l)
{
#ifdef NNOM_USING_CHW
    nnom_chw_to_hwc(l->in0->out.data, &l->out.shape, l->out.data);
#else
    nnom_memcpy(l->out.data, l->in0->out.data, nnom_shape_size(&l->out.shape));
#endif
    return NN_SUCCESS;
}

static nnom_status_t output_build(nnom_layer_t *l);
static const nnom_layer_type_t output_copy_type = {NNOM_OUTPUT, "Output", NNOM_LAYER_EXTERNAL, 0,
                                                   output_build, output_copy_run};

static nnom_status_t output_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (nnom_shape_size(&cfg->shape) != nnom_shape_size(&l->in0->out.shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = l->in0->out.shape;
    l->out.q = l->in0->out.q;
#ifdef NNOM_USING_CHW
    if (cfg->buffer == NULL && !nnom_chw_same_order(&l->out.shape))
        return NN_ARGUMENT_ERROR; /* nowhere to transpose to */
#endif
    if (cfg->buffer != NULL)
        l->type = &output_copy_type;
    return NN_SUCCESS;
}

int8_t *nnom_io_data(const nnom_layer_t *l)
{
    if (l == NULL || (l->type->kind != NNOM_INPUT && l->type->kind != NNOM_OUTPUT))
        return NULL;
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    return cfg->buffer != NULL ? cfg->buffer : l->out.data;
}

static const nnom_layer_type_t input_type = {NNOM_INPUT, "Input", 0, 0, input_build,
                                             nothing_to_do};
static const nnom_layer_type_t output_type = {NNOM_OUTPUT, "Output", NNOM_LAYER_VIEW, 0,
                                              output_build, nothing_to_do};

nnom_layer_t *input_s(const nnom_io_config_t *config) { return nnom_layer_new(&input_type, config); }
nnom_layer_t *output_s(const nnom_io_config_t *config) { return nnom_layer_new(&output_type, config); }
