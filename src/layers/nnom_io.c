/* nnom_io.c - Input (reads the user's buffer in place) and Output (copies
 * to the user's buffer). The user's buffers are in Keras' order: in CHW
 * builds Input copies its buffer into the arena, transposed, unless both
 * orders coincide, and Output transposes back. */
#include "nnom.h"
#include "../kernels/chw/nnom_chw.h"

#ifdef NNOM_USING_CHW
static nnom_status_t input_chw_run(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    nnom_chw_from_hwc(cfg->buffer, &l->out.shape, l->out.data);
    return NN_SUCCESS;
}
static nnom_status_t input_build(nnom_layer_t *l);
/* an arena buffer, not the user's */
static const nnom_layer_type_t input_chw_type = {NNOM_INPUT, "Input", 0, 0, input_build,
                                                 input_chw_run};
#endif

static nnom_status_t input_build(nnom_layer_t *l)
{
    const nnom_io_config_t *cfg = (const nnom_io_config_t *)l->config;
    if (cfg->buffer == NULL || cfg->super.out_q == NULL || cfg->shape.rank < 1 ||
        cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    l->out.shape = cfg->shape;
    l->out.q = cfg->super.out_q;
#ifdef NNOM_USING_CHW
    if (!nnom_chw_same_order(&cfg->shape))
        l->type = &input_chw_type;
#endif
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
#ifdef NNOM_USING_CHW
    nnom_chw_to_hwc(l->in0->out.data, &l->out.shape, l->out.data);
#else
    nnom_memcpy(l->out.data, l->in0->out.data, nnom_shape_size(&l->out.shape));
#endif
    return NN_SUCCESS;
}

static const nnom_layer_type_t input_type = {NNOM_INPUT, "Input", NNOM_LAYER_EXTERNAL, 0,
                                             input_build, input_run};
static const nnom_layer_type_t output_type = {NNOM_OUTPUT, "Output", NNOM_LAYER_EXTERNAL, 0,
                                              output_build, output_run};

nnom_layer_t *nnom_input_s(const nnom_io_config_t *config) { return nnom_layer_new(&input_type, config); }
nnom_layer_t *nnom_output_s(const nnom_io_config_t *config) { return nnom_layer_new(&output_type, config); }
