/*
 * nnom_backend.h - the kernels the dispatch tables hold, besides the local
 * ones declared in nnom_kernels.h (internal to src/kernels).
 */
#ifndef NNOM_BACKEND_H
#define NNOM_BACKEND_H

#include "nnom_kernels.h"

/* BEGIN generated from nnom/backends.json by tools/gen_backend_header.py: do not edit */
/* CMSIS-NN's kernels are used on cores with the DSP extension or Helium
 * (MVE) only: its plain C variants are slower than the local kernels, so on
 * a Cortex-M0/M3 the CMSIS-NN backend runs local C (and links no CMSIS-NN).
 * CMSIS-NN is HWC: CHW builds (NNOM_USING_CHW) run the local kernels. */
#if defined(NNOM_BACKEND_CMSIS_NN) && !defined(NNOM_USING_CHW) &&                              \
    ((defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)) ||                                \
     (defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP == 1))
#define NNOM_CMSIS_NN_KERNELS 1
#else
#define NNOM_CMSIS_NN_KERNELS 0
#endif
/* CMSIS-NN's Helium kernels (ARM_MATH_MVEI); these cores have the DSP extension too */
#if NNOM_CMSIS_NN_KERNELS && defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define NNOM_CMSIS_NN_MVE 1
#else
#define NNOM_CMSIS_NN_MVE 0
#endif
/* END generated from nnom/backends.json */

/* -Os with the local kernels: Dense runs as a 1x1 convolution of a
 * one-pixel image, its arguments built by the layer (less code than a
 * fully connected kernel and a second argument set; a little slower). */
#if defined(__OPTIMIZE_SIZE__) && !NNOM_CMSIS_NN_KERNELS && !defined(NNOM_USING_CHW)
#define NNOM_DENSE_AS_CONV 1
#else
#define NNOM_DENSE_AS_CONV 0
#endif

/* A table entry's scratch function is its capability check too: it returns
 * NNOM_UNSUITED where the kernel does not take the arguments (one function,
 * less code than a check and a size). */
#define NNOM_UNSUITED UINT32_MAX

#if NNOM_CMSIS_NN_KERNELS
/* src/kernels/cmsis/nnom_cmsis_nn.c: CMSIS-NN's maintained _s8 API. */
uint32_t nnom_cmsis_conv_scratch(const nnom_conv_args_t *a);
nnom_status_t nnom_cmsis_conv_s8(const nnom_conv_args_t *a, int8_t *scratch);

uint32_t nnom_cmsis_dwconv_scratch(const nnom_conv_args_t *a);
nnom_status_t nnom_cmsis_dwconv_s8(const nnom_conv_args_t *a, int8_t *scratch);

/* has_scratch is 0 for the shorthand calls that cannot give scratch */
uint32_t nnom_cmsis_fc_scratch(const nnom_fc_args_t *a, int has_scratch); /* Helium only */
nnom_status_t nnom_cmsis_fc_s8(const nnom_fc_args_t *a, int8_t *scratch);

uint32_t nnom_cmsis_pool_scratch(const nnom_pool_args_t *a, int has_scratch);
nnom_status_t nnom_cmsis_pool_s8(const nnom_pool_args_t *a, int8_t *scratch);

int nnom_cmsis_softmax_suits(const nnom_softmax_args_t *a);
nnom_status_t nnom_cmsis_softmax_s8(const nnom_softmax_args_t *a);
#endif

#endif
