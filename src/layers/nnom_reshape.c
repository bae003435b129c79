/* nnom_reshape.c - Flatten and Reshape: views, no data moves (HWC). Keras
 * reshapes in HWC order, so in CHW builds they copy (transposing) unless
 * the CHW bytes are the same (nnom_layout_reshape_is_view). Their Layer API
 * constructors too. */
#include "nnom.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* Flatten / Reshape: a view of the input with another shape. */
typedef struct {
    nnom_layer_config_t super;
    nnom_shape_t shape;
} nnom_reshape_config_t;

nnom_layer_t *nnom_flatten_s(const nnom_reshape_config_t *config);
nnom_layer_t *nnom_reshape_s(const nnom_reshape_config_t *config);

/* Layer API */
nnom_layer_t *nnom_Flatten(void);
nnom_layer_t *nnom_Reshape(nnom_shape_t s);
#endif /* NNOM_DECLARE_IN_OPS_H */

static const nnom_layer_type_t flatten_type; /* below: Flatten, else Reshape */

static nnom_status_t reshape_copy_run(nnom_layer_t *l)
{
    nnom_layout_reshape(l->in0->out.data, &l->in0->out.shape, l->out.data, &l->out.shape);
    return NN_SUCCESS;
}
static nnom_status_t reshape_build(nnom_layer_t *l);
/* the copying forms, where the arena's order is not Keras' */
static const nnom_layer_type_t flatten_copy_type = {NNOM_LAYER, 0, 0, "Flatten",
                                                    reshape_build, reshape_copy_run};
static const nnom_layer_type_t reshape_copy_type = {NNOM_LAYER, 0, 0, "Reshape",
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

static const nnom_layer_type_t flatten_type = {NNOM_LAYER, NNOM_LAYER_VIEW, 0, "Flatten",
                                               reshape_build, reshape_run};
static const nnom_layer_type_t reshape_type = {NNOM_LAYER, NNOM_LAYER_VIEW, 0, "Reshape",
                                               reshape_build, reshape_run};

nnom_layer_t *nnom_flatten_s(const nnom_reshape_config_t *config)
{
    return nnom_layer_new(&flatten_type, config);
}
nnom_layer_t *nnom_reshape_s(const nnom_reshape_config_t *config)
{
    return nnom_layer_new(&reshape_type, config);
}

/* Flatten's shape is its input's size, known at model_compile() */
static nnom_status_t flatten_prepare(nnom_layer_t *l)
{
    nnom_reshape_config_t *cfg = (nnom_reshape_config_t *)(void *)l->config;
    cfg->shape.h = 1;
    cfg->shape.w = 1;
    cfg->shape.c = nnom_shape_size(&l->in0->out.shape);
    cfg->shape.rank = 1;
    return NN_SUCCESS;
}

static nnom_reshape_config_t *reshape_config(const char *name)
{
    nnom_reshape_config_t *cfg = (nnom_reshape_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg != NULL)
        cfg->super.name = name;
    return cfg;
}

nnom_layer_t *nnom_Flatten(void)
{
    nnom_reshape_config_t *cfg = reshape_config("flatten");
    if (cfg == NULL)
        return NULL;
    cfg->super.prepare = flatten_prepare;
    return nnom_layer_adopt(nnom_flatten_s(cfg), cfg);
}

nnom_layer_t *nnom_Reshape(nnom_shape_t s)
{
    nnom_reshape_config_t *cfg = reshape_config("reshape");
    if (cfg == NULL)
        return NULL;
    cfg->shape = s;
    return nnom_layer_adopt(nnom_reshape_s(cfg), cfg);
}
