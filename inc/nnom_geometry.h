/* nnom_geometry.h - output size and padding of a sliding window, with
 * TensorFlow's rule (SAME puts the odd pixel at the bottom/right). */
#ifndef NNOM_GEOMETRY_H
#define NNOM_GEOMETRY_H

#include "nnom.h"
#include "nnom_kernels.h"

/* Largest effective kernel (k - 1) * dilation + 1 along an axis, and the
 * most taps (kh * kw * input channels) a window may have: 32-bit config
 * fields, with positions, products of kernel sizes and an average pool's
 * sum of 2^23 int8 values in int32. */
#define NNOM_MAX_WINDOW (1L << 23)

/* kh * kw * c within NNOM_MAX_WINDOW, computed without overflow */
static inline int nnom_window_taps_ok(uint32_t kh, uint32_t kw, uint32_t c)
{
    const uint64_t hw = (uint64_t)kh * kw;
    return hw <= NNOM_MAX_WINDOW && hw * c <= NNOM_MAX_WINDOW;
}

/* Output size along one axis and the padding before it; returns 0 when
 * the window does not fit (src/layers/nnom_geometry.c). */
int32_t nnom_window_out(int32_t size, int32_t k, int32_t stride, int32_t dilation,
                        nnom_padding_t padding, int32_t pad_before, int32_t pad_after,
                        int32_t *pad);
/* The padding before an axis whose output size `out` nnom_window_out()
 * gave: what model runs use instead of recomputing (and re-checking) it.
 * Inline: at -O2 window layers' runs take it (~15 instructions a call
 * less; 'valid' one test). */
static inline int32_t nnom_window_pad(int32_t size, int32_t out, int32_t k, int32_t stride,
                                      int32_t dilation, nnom_padding_t padding,
                                      int32_t pad_before)
{
    if (padding == PADDING_EXPLICIT)
        return pad_before;
    if (padding != PADDING_SAME)
        return 0;
    /* (out - 1) * stride < size: the sum fits int32 (nnom_window_out) */
    const int32_t total = ((out - 1) * stride - size) + (k - 1) * dilation + 1;
    return total > 0 ? total / 2 : 0;
}

/* Pooling (MaxPool, AvgPool, SumPool) with a kh x kw window moved by
 * (sh, sw): a's sizes, padding, strides, clamp, window and buffers from
 * layer l; NN_SIZE_MISMATCH when the window does not fit or the padding is
 * explicit. At a run (run != 0, -O2) the output size build() gave and its
 * padding, unchecked (build checked them; ~40 instructions a run less).
 * Inline: each layer keeps its own copy in the firmware. */
static inline nnom_status_t nnom_pool_window(const nnom_layer_t *l, uint32_t kh, uint32_t kw,
                                             uint32_t sh, uint32_t sw, nnom_padding_t padding,
                                             int run, nnom_pool_args_t *a)
{
    const nnom_shape_t *s = &l->in0->out.shape;
    a->in.h = s->h;
    a->in.w = s->w;
    a->in.c = s->c;
    a->out.c = s->c;
#if defined(__OPTIMIZE_SIZE__)
    (void)run;
#else
    if (run) {
        a->out.h = (int32_t)l->out.shape.h;
        a->out.w = (int32_t)l->out.shape.w;
        a->p.pad_top = nnom_window_pad(a->in.h, a->out.h, (int32_t)kh, (int32_t)sh, 1, padding, 0);
        a->p.pad_left = nnom_window_pad(a->in.w, a->out.w, (int32_t)kw, (int32_t)sw, 1, padding, 0);
    } else
#endif
    {
        a->out.h = nnom_window_out(a->in.h, kh, sh, 1, padding, 0, 0, &a->p.pad_top);
        a->out.w = nnom_window_out(a->in.w, kw, sw, 1, padding, 0, 0, &a->p.pad_left);
        if (a->out.h < 1 || a->out.w < 1 || padding == PADDING_EXPLICIT)
            return NN_SIZE_MISMATCH;
    }
    a->p.stride_h = sh;
    a->p.stride_w = sw;
    a->p.act_min = l->out_min;
    a->p.act_max = l->out_max;
    a->kernel_h = kh;
    a->kernel_w = kw;
    a->input = l->in0->out.data;
    a->output = l->out.data;
    return NN_SUCCESS;
}

/* Transposed convolution: the input index that reaches output `o` through
 * tap `k` (o = i * stride + k * dilation - pad), or -1 when none does. */
static inline int32_t nnom_deconv_source(int32_t o, int32_t k, int32_t pad, int32_t stride,
                                         int32_t dilation, int32_t size)
{
    const int32_t t = o + pad - k * dilation;
    if (t < 0 || t % stride != 0)
        return -1;
    return t / stride < size ? t / stride : -1;
}

#endif
