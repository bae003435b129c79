/* nnom_softmax.c - Softmax over the channels (the last axis). */
#include "nnom.h"
#include "nnom_kernels.h"

static nnom_status_t softmax_build(nnom_layer_t *l)
{
    const nnom_softmax_config_t *cfg = (const nnom_softmax_config_t *)l->config;
    if (cfg->exp_table == NULL || cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (l->in0->out.shape.c > 4095)
        return NN_UNSUPPORTED;
    l->out.shape = l->in0->out.shape;
    l->out.q = cfg->super.out_q;
    return NN_SUCCESS;
}

static nnom_status_t softmax_run(nnom_layer_t *l)
{
    const nnom_shape_t *s = &l->out.shape;
    const nnom_softmax_args_t a = {(int32_t)s->h * s->w, s->c,
                                   (const nnom_softmax_config_t *)l->config, l->in0->out.data,
                                   l->out.data};
    return nnom_kernel_run(nnom_softmax_kernels, l, &a);
}

static const nnom_layer_type_t softmax_type = {NNOM_LAYER, "Softmax", NNOM_LAYER_INPLACE, 0,
                                               softmax_build, softmax_run};

nnom_layer_t *nnom_softmax_s(const nnom_softmax_config_t *config)
{
    return nnom_layer_new(&softmax_type, config);
}
