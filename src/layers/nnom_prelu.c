/* nnom_prelu.c - PReLU with a learned slope per channel or per element. */
#include "nnom.h"
#include "nnom_kernels.h"

static nnom_status_t prelu_build(nnom_layer_t *l)
{
    const nnom_prelu_config_t *cfg = (const nnom_prelu_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (cfg->alpha == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (cfg->alpha_size != in->shape.c && cfg->alpha_size != nnom_shape_size(&in->shape))
        return NN_SIZE_MISMATCH;
    l->out.shape = in->shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t prelu_run(nnom_layer_t *l)
{
    const nnom_prelu_config_t *cfg = (const nnom_prelu_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    const nnom_prelu_args_t a = {in->data,      l->out.data,     nnom_shape_size(&l->out.shape),
                                 in->shape.c,   cfg->alpha,      cfg->alpha_size,
                                 in->q->zero_point, cfg->super.out_q->zero_point,
                                 cfg->pos_mult, cfg->pos_shift,  cfg->neg_mult,
                                 cfg->neg_shift};
    return nnom_kernel_run(nnom_prelu_kernels, l, &a);
}

static const nnom_layer_type_t prelu_type = {NNOM_PRELU, "PReLU", 0, 0, prelu_build, prelu_run};

nnom_layer_t *nnom_prelu_s(const nnom_prelu_config_t *config)
{
    return nnom_layer_new(&prelu_type, config);
}
