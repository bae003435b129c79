/*
 * nnom_chw.h - channel-first (CHW) builds (NNOM_USING_CHW), internal.
 *
 * Feature maps are stored C,H,W in the arena: element (y, x, ch) of an
 * (h, w, c) tensor is at ch * h * w + y * w + x; a (steps, c) tensor is
 * C,W; a vector is the same in both layouts. The kernel tables
 * (nnom_dispatch.c) hold the kernels below instead of the HWC ones; the
 * arguments are the same structs, read as CHW. Layers whose work depends
 * on the layout use src/layers/nnom_layout.h. Everything here is compiled
 * only in CHW builds.
 */
#ifndef NNOM_CHW_H
#define NNOM_CHW_H

#include "nnom_kernels.h"

#ifdef NNOM_USING_CHW

/* Kernels of the tables, CHW (the contract of nnom_kernels.h). Convolutions
 * need no scratch. */
nnom_status_t nnom_chw_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
/* pooling: the local kernel once per channel plane */
nnom_status_t nnom_chw_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_chw_sumpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
/* softmax over the channels of each position (stride rows); may work in place */
nnom_status_t nnom_chw_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args);

#endif /* NNOM_USING_CHW */

#endif
