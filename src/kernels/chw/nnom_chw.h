/*
 * nnom_chw.h - channel-first (CHW) builds (NNOM_USING_CHW), internal.
 *
 * Feature maps are stored C,H,W in the arena: element (y, x, ch) of an
 * (h, w, c) tensor is at ch * h * w + y * w + x; a (steps, c) tensor is
 * C,W; a vector is the same in both layouts. The kernel tables
 * (nnom_dispatch.c) hold the kernels below instead of the HWC ones; the
 * arguments are the same structs, read as CHW. Layers whose work depends
 * on the layout (Input, Output, Flatten/Reshape, padding, cropping,
 * upsampling, Concatenate, Lambda, recurrent layers) use the helpers.
 * Everything here is compiled only in CHW builds.
 */
#ifndef NNOM_CHW_H
#define NNOM_CHW_H

#include "nnom_kernels.h"

#ifdef NNOM_USING_CHW

/* 1 when HWC and CHW storage of a tensor coincide (one channel, or one
 * position): Input then reads the user's buffer in place and Flatten /
 * Reshape from and to such shapes stay views. nnom/layout.py: same_order. */
static inline int nnom_chw_same_order(const nnom_shape_t *s)
{
    return s->c == 1 || (uint32_t)s->h * s->w == 1u;
}

/* 1 when a reshape from `in` to `out` moves no byte in CHW: the same
 * channels over the same number of positions, or both in the same order
 * in either layout. nnom/layout.py: reshape_is_view. */
int nnom_chw_reshape_is_view(const nnom_shape_t *in, const nnom_shape_t *out);

/* Transposes between Keras' order (HWC) and CHW; no overlap. */
void nnom_chw_from_hwc(const int8_t *hwc, const nnom_shape_t *s, int8_t *chw);
void nnom_chw_to_hwc(const int8_t *chw, const nnom_shape_t *s, int8_t *hwc);
/* Keras' Reshape (HWC order) between two CHW tensors; no overlap. */
void nnom_chw_reshape(const int8_t *in, const nnom_shape_t *in_shape, int8_t *out,
                      const nnom_shape_t *out_shape);

/* Kernels of the tables, CHW (the contract of nnom_kernels.h). Convolutions
 * need no scratch. */
nnom_status_t nnom_chw_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_deconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
/* pooling: the local kernel once per channel plane */
nnom_status_t nnom_chw_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_sumpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
/* softmax over the channels of each position (stride rows); may work in place */
nnom_status_t nnom_chw_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_prelu_s8(const nnom_kernel_ctx_t *ctx, const void *args);

/* Layout-dependent loops in layers: channel planes of one channel each
 * (CHW) instead of one plane of all channels (HWC). */
#define NNOM_PLANES(c) ((uint32_t)(c))
#define NNOM_PLANE_C(c) 1u
#else
#define NNOM_PLANES(c) 1u
#define NNOM_PLANE_C(c) ((uint32_t)(c))
#endif /* NNOM_USING_CHW */

#endif
