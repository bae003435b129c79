/* nnom_reshape.c - Flatten and Reshape: views, no data moves (HWC). Keras
 * reshapes in HWC order, so in CHW builds they copy (transposing) unless
 * the CHW bytes are the same (nnom_layout_reshape_is_view). */
#include "nnom.h"
#include "nnom_layout.h"

static const nnom_layer_type_t flatten_type; /* below: Flatten, else Reshape */

static nnom_status_t reshape_copy_run(nnom_layer_t *l)
{
    nnom_layout_reshape(l->in0->out.data, &l->in0->out.shape, l->out.data, &l->out.shape);
    return NN_SUCCESS;
}
static nnom_status_t reshape_build(nnom_layer_t *l);
/* the copying forms, where the arena's order is not Keras' */
static const nnom_layer_type_t flatten_copy_type = {NNOM_LAYER, "Flatten", 0, 0,
                                                    reshape_build, reshape_copy_run};
static const nnom_layer_type_t reshape_copy_type = {NNOM_LAYER, "Reshape", 0, 0,
                                                    reshape_build, reshape_copy_run};

static nnom_status_t reshape_build(nnom_layer_t *l)
{
    const nnom_reshape_config_t *cfg = (const nnom_reshape_config_t *)l->config;
    if (cfg->shape.rank < 1 || cfg->shape.rank > 3)
        return NN_ARGUMENT_ERROR;
    if (nnom_shape_size(&cfg->shape) != nnom_shape_size(&l->in0->out.shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = cfg->shape;
    l->out.q = l->in0->out.q;
    if (!nnom_layout_reshape_is_view(&l->in0->out.shape, &cfg->shape))
        l->type = l->type == &flatten_type ? &flatten_copy_type : &reshape_copy_type;
    return NN_SUCCESS;
}

static nnom_status_t reshape_run(nnom_layer_t *l)
{
    (void)l;
    return NN_SUCCESS;
}

static const nnom_layer_type_t flatten_type = {NNOM_LAYER, "Flatten", NNOM_LAYER_VIEW, 0,
                                               reshape_build, reshape_run};
static const nnom_layer_type_t reshape_type = {NNOM_LAYER, "Reshape", NNOM_LAYER_VIEW, 0,
                                               reshape_build, reshape_run};

nnom_layer_t *nnom_flatten_s(const nnom_reshape_config_t *config)
{
    return nnom_layer_new(&flatten_type, config);
}
nnom_layer_t *nnom_reshape_s(const nnom_reshape_config_t *config)
{
    return nnom_layer_new(&reshape_type, config);
}
