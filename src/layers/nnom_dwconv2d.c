/* nnom_dwconv2d.c - DepthwiseConv2D and DepthwiseConv1D (h = 1). */
#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"

typedef nnom_conv_args_t dw_setup_t;

static nnom_status_t setup(const nnom_layer_t *l, dw_setup_t *s)
{
    const nnom_dwconv2d_config_t *cfg = (const nnom_dwconv2d_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (cfg->weight == NULL || cfg->bias == NULL || cfg->mult == NULL || cfg->shift == NULL ||
        cfg->super.out_q == NULL || cfg->multiplier == 0)
        return NN_ARGUMENT_ERROR;
    if (in->shape.c != cfg->in_channels || !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, 1))
        return NN_SIZE_MISMATCH;
    s->in.h = in->shape.h;
    s->in.w = in->shape.w;
    s->in.c = in->shape.c;
    s->k.h = cfg->kernel_h;
    s->k.w = cfg->kernel_w;
    s->k.c = 1;
    const uint64_t out_c = (uint64_t)cfg->in_channels * cfg->multiplier;
    s->out.c = out_c > INT32_MAX ? 0 : (int32_t)out_c;
    s->out.h = nnom_window_out(s->in.h, cfg->kernel_h, cfg->stride_h, cfg->dilation_h,
                               cfg->padding, cfg->pad.top, cfg->pad.bottom, &s->p.pad_top);
    s->out.w = nnom_window_out(s->in.w, cfg->kernel_w, cfg->stride_w, cfg->dilation_w,
                               cfg->padding, cfg->pad.left, cfg->pad.right, &s->p.pad_left);
    if (s->out.h < 1 || s->out.w < 1 || s->out.c < 1)
        return NN_SIZE_MISMATCH;
    s->p.input_zp = in->q->zero_point;
    s->p.output_zp = cfg->super.out_q->zero_point;
    s->p.stride_h = cfg->stride_h;
    s->p.stride_w = cfg->stride_w;
    s->p.dilation_h = cfg->dilation_h;
    s->p.dilation_w = cfg->dilation_w;
    s->p.act_min = l->out_min;
    s->p.act_max = l->out_max;
    s->ch_mult = cfg->multiplier;
    s->input = in->data;
    s->weight = cfg->weight;
    s->bias = cfg->bias;
    s->bias_folded = cfg->bias_folded;
    s->rq.mult = cfg->mult;
    s->rq.shift = cfg->shift;
    s->output = l->out.data;
    s->records = cfg->records;
    return NN_SUCCESS;
}

static nnom_status_t dwconv2d_build(nnom_layer_t *l)
{
    const nnom_dwconv2d_config_t *cfg = (const nnom_dwconv2d_config_t *)l->config;
    dw_setup_t s;
    nnom_status_t st = setup(l, &s);
    if (st != NN_SUCCESS)
        return st;
    l->out.shape.h = (uint32_t)s.out.h;
    l->out.shape.w = (uint32_t)s.out.w;
    l->out.shape.c = (uint32_t)s.out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    l->out.q = cfg->super.out_q;
    l->macs = (uint32_t)s.out.h * (uint32_t)s.out.w * (uint32_t)s.out.c * (uint32_t)s.k.h *
              (uint32_t)s.k.w; /* statistics: wraps */
    l->scratch_bytes = nnom_kernel_scratch(nnom_dwconv_kernels, &s);
    return NN_SUCCESS;
}

static nnom_status_t dwconv2d_run(nnom_layer_t *l)
{
    dw_setup_t s;
    nnom_status_t st = setup(l, &s);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run(nnom_dwconv_kernels, l, &s);
}

static const nnom_layer_type_t dwconv2d_type = {NNOM_LAYER, "DW_Conv2D\0DW_Conv1D",
                                                NNOM_LAYER_1D_NAME, 1,
                                                dwconv2d_build, dwconv2d_run};

nnom_layer_t *nnom_dwconv2d_s(const nnom_dwconv2d_config_t *config)
{
    return nnom_layer_new(&dwconv2d_type, config);
}
