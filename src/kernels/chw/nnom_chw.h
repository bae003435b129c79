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

/* Kernels of the tables, CHW. Convolutions need no scratch. */
nnom_status_t nnom_chw_conv_s8(const nnom_conv_args_t *a, int8_t *scratch);
nnom_status_t nnom_chw_dwconv_s8(const nnom_conv_args_t *a, int8_t *scratch);
nnom_status_t nnom_chw_deconv_s8(const nnom_conv_params_t *p, const nnom_requant_t *rq,
                                 const nnom_dims_t *in_dims, const int8_t *in,
                                 const nnom_dims_t *k_dims, const int8_t *weight,
                                 const int32_t *bias, const nnom_dims_t *out_dims, int8_t *out);
/* pooling: the local kernel once per channel plane */
nnom_status_t nnom_chw_pool_s8(const nnom_pool_args_t *a, int8_t *scratch);
nnom_status_t nnom_chw_sumpool_s8(const nnom_pool_params_t *p, const nnom_dims_t *in_dims,
                                  const int8_t *in, int32_t kernel_h, int32_t kernel_w,
                                  const nnom_dims_t *out_dims, int8_t *out, int32_t input_zp,
                                  int32_t output_zp, int32_t mult, int32_t shift);
/* softmax over the channels of each position (stride rows); may work in place */
nnom_status_t nnom_chw_softmax(const nnom_softmax_args_t *a);
nnom_status_t nnom_chw_prelu_s8(const int8_t *in, int8_t *out, uint32_t size, uint32_t channels,
                                const int8_t *alpha, uint32_t alpha_size, int32_t input_zp,
                                int32_t output_zp, int32_t pos_mult, int32_t pos_shift,
                                int32_t neg_mult, int32_t neg_shift);

/* Layout-dependent loops in layers: channel planes of one channel each
 * (CHW) instead of one plane of all channels (HWC). */
#define NNOM_PLANES(c) ((uint32_t)(c))
#define NNOM_PLANE_C(c) 1u
#else
#define NNOM_PLANES(c) 1u
#define NNOM_PLANE_C(c) ((uint32_t)(c))
#endif /* NNOM_USING_CHW */

#endif
