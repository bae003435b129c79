/* nnom_dwconv2d.c - DepthwiseConv2D and DepthwiseConv1D (h = 1). */
#include "nnom_window_layer.h"

NNOM_WINDOW_SETUP nnom_status_t setup(const nnom_layer_t *l, nnom_conv_args_t *s, int run)
{
    run = NNOM_WINDOW_AT_RUN(run);
    const nnom_dwconv2d_config_t *cfg = (const nnom_dwconv2d_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (!run && (!NNOM_WINDOW_CONFIG_OK(cfg) || cfg->multiplier == 0))
        return NN_ARGUMENT_ERROR;
    if (!run && (in->shape.c != cfg->in_channels ||
                 !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, 1)))
        return NN_SIZE_MISMATCH;
    s->in.h = in->shape.h;
    s->in.w = in->shape.w;
    s->in.c = in->shape.c;
    s->k.h = cfg->kernel_h;
    s->k.w = cfg->kernel_w;
    s->k.c = 1;
    if (run) {
        s->out.c = (int32_t)l->out.shape.c;
        NNOM_WINDOW_RUN_SIZES(s, l, cfg);
    } else {
        const uint64_t out_c = (uint64_t)cfg->in_channels * cfg->multiplier;
        s->out.c = out_c > INT32_MAX ? 0 : (int32_t)out_c;
        NNOM_WINDOW_BUILD_SIZES(s, cfg);
        if (s->out.h < 1 || s->out.w < 1 || s->out.c < 1)
            return NN_SIZE_MISMATCH;
    }
    NNOM_WINDOW_ARGS(s, l, cfg);
    s->ch_mult = cfg->multiplier;
    s->bias_folded = cfg->bias_folded;
    s->records = cfg->records;
    return NN_SUCCESS;
}

static nnom_status_t dwconv2d_build(nnom_layer_t *l)
{
    nnom_conv_args_t s;
    const nnom_status_t st = nnom_window_build(l, setup, nnom_dwconv_kernels, &s,
                                               ((const nnom_dwconv2d_config_t *)l->config)->args);
#if !defined(__OPTIMIZE_SIZE__)
    if (st == NN_SUCCESS)
        nnom_dwconv_prepare(l, &s); /* the records' checks now, not at a run */
#endif
    return st;
}

static nnom_status_t dwconv2d_run(nnom_layer_t *l)
{
    return nnom_window_run(l, setup, nnom_dwconv_kernels,
                           ((const nnom_dwconv2d_config_t *)l->config)->args);
}

static const nnom_layer_type_t dwconv2d_type = {NNOM_LAYER, NNOM_LAYER_1D_NAME,
                                                1, "DW_Conv2D\0DW_Conv1D",
                                                dwconv2d_build, dwconv2d_run};

nnom_layer_t *nnom_dwconv2d_s(const nnom_dwconv2d_config_t *config)
{
    return nnom_layer_new(&dwconv2d_type, config);
}
