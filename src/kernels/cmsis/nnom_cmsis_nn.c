/*
 * nnom_cmsis_nn.c - the CMSIS-NN backend: NNoM's kernel arguments mapped
 * onto CMSIS-NN's maintained _s8 API (v7.0.0 and later). Compiled only with
 * NNOM_BACKEND_CMSIS_NN; CMSIS-NN itself is a separate library (see
 * docs/benchmarks.md and docs/platformio.md for the one lib_deps line).
 *
 * Every kernel takes the contract of nnom_kernels.h (a scratch context and
 * the op kind's arguments). Its scratch function is its capability check
 * too: it returns
 * NNOM_UNSUITED where CMSIS-NN does not support the arguments or is not the
 * faster choice, and the dispatch table falls back to the local kernel.
 * CMSIS-NN's kernels are used only on cores with the DSP extension or
 * Helium (MVE): its plain C variants are slower
 * than NNoM's local kernels, so on a Cortex-M0/M3 this file is empty and
 * the backend is local C.
 *
 * Which shapes each kernel takes is the generated *_CMSIS_NN_TAKES rules
 * of nnom_backend.h (nnom/backends.json, which the converter reads too).
 * Scratch sizes are CMSIS-NN's own *_get_buffer_size(); nnom/cmsis_sizes.py
 * mirrors them (memory.scratch_of(node, "cmsis-nn-dsp" / "cmsis-nn-mve"))
 * for the header's NNOM_ARENA_BYTES_CMSIS_NN.
 */
#include "nnom_kernels.h"
#include "../nnom_backend.h"

#if NNOM_CMSIS_NN_KERNELS

#include "arm_nnfunctions.h"


static nnom_status_t status_of(arm_cmsis_nn_status s)
{
    return s == ARM_CMSIS_NN_SUCCESS ? NN_SUCCESS : NN_ARGUMENT_ERROR;
}

/* ------------------------------------------------------------ convolution */

typedef struct {
    cmsis_nn_conv_params conv;
    cmsis_nn_dims in, filter, bias, out;
} conv_map_t;

static void map_conv(const nnom_conv_args_t *a, conv_map_t *m)
{
    m->conv.input_offset = -a->p.input_zp;
    m->conv.output_offset = a->p.output_zp;
    m->conv.stride.w = a->p.stride_w;
    m->conv.stride.h = a->p.stride_h;
    m->conv.padding.w = a->p.pad_left;
    m->conv.padding.h = a->p.pad_top;
    m->conv.dilation.w = a->p.dilation_w;
    m->conv.dilation.h = a->p.dilation_h;
    m->conv.activation.min = a->p.act_min;
    m->conv.activation.max = a->p.act_max;
    m->in.n = 1;
    m->in.h = a->in.h;
    m->in.w = a->in.w;
    m->in.c = a->in.c;
    m->filter.n = a->out.c;
    m->filter.h = a->k.h;
    m->filter.w = a->k.w;
    m->filter.c = a->in.c;
    m->bias.n = m->bias.h = m->bias.w = 1;
    m->bias.c = a->out.c;
    m->out.n = 1;
    m->out.h = a->out.h;
    m->out.w = a->out.w;
    m->out.c = a->out.c;
}

/* Per shape, the faster kernel: NNOM_CONV_CMSIS_NN_TAKES (the "conv" rule
 * of nnom/backends.json says why; CMSIS-NN's is faster for few channels and
 * for 1x1 convolutions). Where it runs, its scratch bytes. (At -O2,
 * nnom_cmsis_conv_s8() hands the shapes the local assembly loop takes to
 * the local kernel: same bytes, fewer instructions. Those shapes get the
 * larger of both kernels' scratch at every level, so the plan is the same
 * at -O2 and -Os and the local kernel's 1x1 path has its buffer.) */
uint32_t nnom_cmsis_conv_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (!NNOM_CONV_CMSIS_NN_TAKES(a->in.c, a->k.h, a->k.w) || a->k.c != a->in.c)
        return NNOM_UNSUITED;
    conv_map_t m;
    map_conv(a, &m);
    int32_t n = arm_convolve_wrapper_s8_get_buffer_size(&m.conv, &m.in, &m.filter, &m.out);
    uint32_t bytes = n > 0 ? (uint32_t)n : 0u;
#if NNOM_CONV_LOCAL_SCRATCH
    if (NNOM_CONV_ASM_TAKES(a->in.c)) {
        const uint32_t local = nnom_local_conv_s8_scratch(args);
        bytes = local > bytes ? local : bytes;
    }
#endif
    return bytes;
}

nnom_status_t nnom_cmsis_conv_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
#if NNOM_CONV_LOCAL_ASM
    /* the local kernel is faster on the shapes the "conv" rule's local_asm
     * names (any channel count on DSP cores); the plan holds its scratch */
    if (NNOM_CONV_ASM_TAKES(a->in.c))
        return nnom_local_conv_s8(kctx, args);
#endif
    conv_map_t m;
    map_conv(a, &m);
    const cmsis_nn_context ctx = {kctx->buf, (int32_t)kctx->size};
    const cmsis_nn_per_channel_quant_params q = {(int32_t *)(uintptr_t)a->rq.mult,
                                                 (int32_t *)(uintptr_t)a->rq.shift};
    return status_of(arm_convolve_wrapper_s8(&ctx, &m.conv, &q, &m.in, a->input, &m.filter,
                                             a->weight, &m.bias, a->bias, &m.out, a->output));
}

/* ------------------------------------------------------------ depthwise */

typedef struct {
    cmsis_nn_dw_conv_params dw;
    cmsis_nn_dims in, filter, bias, out;
} dw_map_t;

static void map_dw(const nnom_conv_args_t *a, dw_map_t *m)
{
    conv_map_t c;
    map_conv(a, &c);
    m->dw.input_offset = c.conv.input_offset;
    m->dw.output_offset = c.conv.output_offset;
    m->dw.ch_mult = a->ch_mult;
    m->dw.stride = c.conv.stride;
    m->dw.padding = c.conv.padding;
    m->dw.dilation = c.conv.dilation;
    m->dw.activation = c.conv.activation;
    m->in = c.in;
    m->filter.n = 1;
    m->filter.h = a->k.h;
    m->filter.w = a->k.w;
    m->filter.c = a->out.c;
    m->bias = c.bias;
    m->out = c.out;
}

uint32_t nnom_cmsis_dwconv_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (a->ch_mult < 1 || a->out.c != a->in.c * a->ch_mult)
        return NNOM_UNSUITED;
    dw_map_t m;
    map_dw(a, &m);
    int32_t n = arm_depthwise_conv_wrapper_s8_get_buffer_size(&m.dw, &m.in, &m.filter, &m.out);
    return n > 0 ? (uint32_t)n : 0u;
}

nnom_status_t nnom_cmsis_dwconv_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
#if NNOM_DWCONV_LOCAL_ASM
    /* the local kernel's assembly paths are faster (the "dwconv" rule's
     * local_asm); it needs no scratch */
    if (NNOM_DWCONV_ASM_TAKES(a->ch_mult))
        return nnom_local_dwconv_s8(kctx, args);
#endif
    dw_map_t m;
    map_dw(a, &m);
    const cmsis_nn_context ctx = {kctx->buf, (int32_t)kctx->size};
    const cmsis_nn_per_channel_quant_params q = {(int32_t *)(uintptr_t)a->rq.mult,
                                                 (int32_t *)(uintptr_t)a->rq.shift};
    return status_of(arm_depthwise_conv_wrapper_s8(&ctx, &m.dw, &q, &m.in, a->input, &m.filter,
                                                   a->weight, &m.bias, a->bias, &m.out,
                                                   a->output));
}

/* ------------------------------------------------------------ dense */

/* With Helium, CMSIS-NN starts each unit from a "kernel sum" (bias -
 * input_zp * sum(w)), which is exactly the converter's bias_folded: no
 * scratch and no arm_vector_sum_s8() at run time. Without bias_folded the
 * local kernel runs (NNOM_FC_NEEDS_BIAS_FOLDED). Without Helium
 * the kernel takes every case, with no scratch (the table holds no check
 * then). */
#if NNOM_FC_NEEDS_BIAS_FOLDED
uint32_t nnom_cmsis_fc_scratch(const void *args)
{
    const nnom_fc_args_t *a = (const nnom_fc_args_t *)args;
    return NNOM_FC_CMSIS_NN_TAKES(a->bias_folded != NULL) ? 0u : NNOM_UNSUITED;
}
#endif

nnom_status_t nnom_cmsis_fc_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_fc_args_t *a = (const nnom_fc_args_t *)args;
    (void)kctx;
    const cmsis_nn_context ctx = {(void *)(uintptr_t)a->bias_folded, 0};
    const cmsis_nn_fc_params fc = {-a->input_zp, 0, a->output_zp, {a->act_min, a->act_max}};
    const cmsis_nn_per_channel_quant_params q = {(int32_t *)(uintptr_t)a->rq.mult,
                                                 (int32_t *)(uintptr_t)a->rq.shift};
    const cmsis_nn_dims in = {1, 1, 1, a->in_features};
    const cmsis_nn_dims filter = {a->in_features, 1, 1, a->units};
    const cmsis_nn_dims out = {1, 1, 1, a->units}; /* the bias's too */
    return status_of(arm_fully_connected_per_channel_s8(&ctx, &fc, &q, &in, a->input, &filter,
                                                        a->weight, &out, a->bias, &out,
                                                        a->output));
}

/* ------------------------------------------------------------ pooling */

typedef struct {
    cmsis_nn_context ctx;
    cmsis_nn_pool_params p;
    cmsis_nn_dims in, filter, out;
} pool_map_t;

static void map_pool(const nnom_kernel_ctx_t *kctx, const nnom_pool_args_t *a, pool_map_t *m)
{
    m->ctx.buf = kctx->buf;
    m->ctx.size = (int32_t)kctx->size;
    m->p.stride.w = a->p.stride_w;
    m->p.stride.h = a->p.stride_h;
    m->p.padding.w = a->p.pad_left;
    m->p.padding.h = a->p.pad_top;
    m->p.activation.min = a->p.act_min;
    m->p.activation.max = a->p.act_max;
    m->in.n = m->filter.n = m->out.n = 1;
    m->in.h = a->in.h;
    m->in.w = a->in.w;
    m->in.c = a->in.c;
    m->filter.h = a->kernel_h;
    m->filter.w = a->kernel_w;
    m->filter.c = 1;
    m->out.h = a->out.h;
    m->out.w = a->out.w;
    m->out.c = a->out.c;
}

/* Max pooling comes here only where NNOM_CMSIS_NN_MAXPOOL (Helium): no
 * scratch. */
#if NNOM_CMSIS_NN_MAXPOOL
nnom_status_t nnom_cmsis_maxpool_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_pool_args_t *a = (const nnom_pool_args_t *)args;
    pool_map_t m;
    map_pool(kctx, a, &m);
    return status_of(arm_max_pool_s8(&m.ctx, &m.p, &m.in, a->input, &m.filter, &m.out, a->output));
}
#endif

/* Average pooling: the dispatch runs it where NNOM_CMSIS_NN_AVGPOOL
 * (Helium: no scratch there; with DSP alone the local kernel is faster). */
uint32_t nnom_cmsis_avgpool_scratch(const void *args)
{
    const nnom_pool_args_t *a = (const nnom_pool_args_t *)args;
    int32_t n = arm_avgpool_s8_get_buffer_size(a->out.w, a->in.c);
    return n <= 0 ? 0u : (uint32_t)n;
}

nnom_status_t nnom_cmsis_avgpool_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_pool_args_t *a = (const nnom_pool_args_t *)args;
    pool_map_t m;
    map_pool(kctx, a, &m);
    return status_of(arm_avgpool_s8(&m.ctx, &m.p, &m.in, a->input, &m.filter, &m.out, a->output));
}

/* ------------------------------------------------------------ softmax */

/* CMSIS-NN's shifts stay within 31 bits for rows up to the "softmax" rule's
 * max_row. Only where NNOM_CMSIS_NN_SOFTMAX (Helium): elsewhere the local
 * kernel (exp terms from the converter's table) is faster. */
#if NNOM_CMSIS_NN_SOFTMAX
uint32_t nnom_cmsis_softmax_scratch(const void *args)
{
    const nnom_softmax_args_t *a = (const nnom_softmax_args_t *)args;
    return NNOM_SOFTMAX_CMSIS_NN_TAKES(a->row_size) ? 0u : NNOM_UNSUITED;
}
#endif

nnom_status_t nnom_cmsis_softmax_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_softmax_args_t *a = (const nnom_softmax_args_t *)args;
    (void)kctx;
    arm_softmax_s8(a->input, a->rows, a->row_size, a->cfg->mult, a->cfg->shift, a->cfg->diff_min,
                   a->output);
    return NN_SUCCESS;
}

/* ------------------------------------------------------------ add, mult */

/* Only where NNOM_CMSIS_NN_ADD / NNOM_CMSIS_NN_MUL (Helium: with the DSP
 * extension alone the local kernels are faster), two inputs; not Sub (a
 * negative multiplier here), whose second term TFLM subtracts after
 * rescaling where CMSIS-NN would rescale the negated input, rounding
 * differently (the "add" and "mul" rules of nnom/backends.json). */
#if NNOM_CMSIS_NN_ADD
uint32_t nnom_cmsis_add_scratch(const void *args)
{
    const nnom_add_args_t *a = (const nnom_add_args_t *)args;
    return NNOM_ADD_CMSIS_NN_TAKES(a->n_in, a->in_mult[0] < 0 || a->in_mult[1] < 0)
               ? 0u
               : NNOM_UNSUITED;
}
#endif

#if NNOM_CMSIS_NN_MUL
uint32_t nnom_cmsis_mul_scratch(const void *args)
{
    return NNOM_MUL_CMSIS_NN_TAKES(((const nnom_mul_args_t *)args)->n_in) ? 0u : NNOM_UNSUITED;
}
#endif

nnom_status_t nnom_cmsis_add_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_add_args_t *a = (const nnom_add_args_t *)args;
    (void)kctx;
    return status_of(arm_elementwise_add_s8(
        a->input[0], a->input[1], a->in_offset[0], a->in_mult[0], a->in_shift[0], a->in_offset[1],
        a->in_mult[1], a->in_shift[1], a->left_shift, a->output, a->out_offset, a->out_mult,
        a->out_shift, a->act_min, a->act_max, (int32_t)a->size));
}

nnom_status_t nnom_cmsis_mul_s8(const nnom_kernel_ctx_t *kctx, const void *args)
{
    const nnom_mul_args_t *a = (const nnom_mul_args_t *)args;
    (void)kctx;
    return status_of(arm_elementwise_mul_s8(a->input[0], a->input[1], a->in_offset[0],
                                            a->in_offset[1], a->output, a->out_offset, a->mult[0],
                                            a->shift[0], a->act_min, a->act_max,
                                            (int32_t)a->size));
}

#else
typedef int nnom_cmsis_nn_unused_t; /* ISO C: a translation unit is never empty */
#endif
