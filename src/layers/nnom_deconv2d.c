/* nnom_deconv2d.c - Conv2DTranspose and Conv1DTranspose (h = 1), per-channel
 * int8. Output size and placement follow Keras and TensorFlow; see
 * nnom_deconv2d_config_t. */
#include "nnom_window_layer.h"

/* Output size along one axis (0 when invalid) and the padding before it. */
static int32_t deconv_out(int32_t size, int32_t k, int32_t stride, int32_t dilation,
                          nnom_padding_t padding, int32_t out_pad, int32_t *before)
{
    if (k < 1 || stride < 1 || dilation < 1 || size < 1 ||
        (padding != PADDING_VALID && padding != PADDING_SAME) ||
        (int64_t)(k - 1) * dilation >= NNOM_MAX_WINDOW ||
        (int64_t)(size - 1) * stride > INT32_MAX - 2 * NNOM_MAX_WINDOW - 65535)
        return 0; /* the sums below and nnom_deconv_source's fit int32 (16-bit out_pad) */
    const int32_t ek = (k - 1) * dilation + 1;
    const int32_t half = padding == PADDING_SAME ? ek / 2 : 0;
    const int32_t out = (size - 1) * stride + ek - 2 * half + out_pad;
    const int32_t total = (size - 1) * stride + ek - out;
    *before = padding == PADDING_SAME && total > 0 ? total / 2 : 0;
    return out;
}

/* Its geometry is the transposed one: checked and computed at every run
 * alike (run unused). */
static nnom_status_t setup(const nnom_layer_t *l, nnom_conv_args_t *s, int run)
{
    (void)run;
    const nnom_deconv2d_config_t *cfg = (const nnom_deconv2d_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (!NNOM_WINDOW_CONFIG_OK(cfg))
        return NN_ARGUMENT_ERROR;
    if (in->shape.c != cfg->in_channels || in->shape.rank < 2 ||
        !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, cfg->in_channels))
        return NN_SIZE_MISMATCH;
    s->in.h = in->shape.h;
    s->in.w = in->shape.w;
    s->in.c = in->shape.c;
    s->k.h = cfg->kernel_h;
    s->k.w = cfg->kernel_w;
    s->k.c = cfg->in_channels;
    s->out.c = cfg->filters;
    s->out.h = deconv_out(s->in.h, cfg->kernel_h, cfg->stride_h, cfg->dilation_h, cfg->padding,
                          cfg->output_padding_h, &s->p.pad_top);
    s->out.w = deconv_out(s->in.w, cfg->kernel_w, cfg->stride_w, cfg->dilation_w, cfg->padding,
                          cfg->output_padding_w, &s->p.pad_left);
    if (s->out.h < 1 || s->out.w < 1 || s->out.c < 1 || (in->shape.rank == 2 && s->out.h != 1))
        return NN_SIZE_MISMATCH;
    NNOM_WINDOW_ARGS(s, l, cfg);
    s->ch_mult = 0;
    s->records = NULL;
    s->records_len = 0;
    s->bias_folded = NULL; /* its kernel subtracts the input zero point tap by tap */
    return NN_SUCCESS;
}

static nnom_status_t deconv2d_build(nnom_layer_t *l)
{
    nnom_conv_args_t s;
    const nnom_status_t st = nnom_window_build(l, setup, nnom_deconv_kernels, &s, NULL);
    if (st != NN_SUCCESS)
        return st;
    /* every input pixel meets every tap of every filter once */
    l->macs = (uint32_t)s.in.h * (uint32_t)s.in.w * (uint32_t)s.in.c * (uint32_t)s.k.h *
              (uint32_t)s.k.w * (uint32_t)s.out.c; /* statistics: wraps */
    return NN_SUCCESS;
}

static nnom_status_t deconv2d_run(nnom_layer_t *l)
{
    return nnom_window_run(l, setup, nnom_deconv_kernels, NULL);
}

static const nnom_layer_type_t deconv2d_type = {NNOM_LAYER, NNOM_LAYER_1D_NAME,
                                                1, "DeConv2D\0DeConv1D",
                                                deconv2d_build, deconv2d_run};

nnom_layer_t *nnom_deconv2d_s(const nnom_deconv2d_config_t *config)
{
    return nnom_layer_new(&deconv2d_type, config);
}
