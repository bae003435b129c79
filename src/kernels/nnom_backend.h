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
/* The local depthwise kernel's group path (DSP cores): multiplier 1,
 * channels a multiple of 4, at most 49 taps. The CMSIS-NN backend runs it
 * instead of CMSIS-NN's depthwise kernel where NNOM_DW_GROUP_OVER_CMSIS_NN. */
#define NNOM_DW_GROUP_MULTIPLIER 1
#define NNOM_DW_GROUP_CHANNELS 4
#define NNOM_DW_GROUP_MAX_TAPS 49
#define NNOM_DW_GROUP_OVER_CMSIS_NN ((NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE))
/* Per dispatch table (the "ops" of nnom/backends.json, whose "about"
 * says why): NNOM_CMSIS_NN_<TABLE> where the build holds CMSIS-NN's
 * kernel, NNOM_<TABLE>_CMSIS_NN_TAKES(...) the arguments it takes,
 * NNOM_<TABLE>_LOCAL_ASM where the local assembly loop goes before it
 * at -O2, on the arguments NNOM_<TABLE>_ASM_TAKES(...); where
 * NNOM_<TABLE>_LOCAL_SCRATCH the plan holds the larger of CMSIS-NN's
 * and the local kernel's scratch there (at every level). */
#define NNOM_CMSIS_NN_CONV (NNOM_CMSIS_NN_KERNELS)
#define NNOM_CONV_WIDE (NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE)
#define NNOM_CONV_CMSIS_NN_TAKES(channels, k_h, k_w)                                           \
    (NNOM_CMSIS_NN_CONV && (channels) >= 4 &&                                                  \
     !(NNOM_CONV_WIDE && ((k_h) != 1 || (k_w) != 1) && (channels) >= 16))
#define NNOM_CONV_LOCAL_ASM ((NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE) && NNOM_LOCAL_MAC_ASM)
#define NNOM_CONV_LOCAL_SCRATCH (NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE)
#define NNOM_CONV_ASM_TAKES(channels) (1)
#define NNOM_CMSIS_NN_DWCONV (NNOM_CMSIS_NN_KERNELS)
#define NNOM_DWCONV_LOCAL_ASM ((NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE) && NNOM_LOCAL_MAC_ASM)
#define NNOM_DWCONV_ASM_TAKES(multiplier) ((multiplier) == 1)
#define NNOM_CMSIS_NN_FC (NNOM_CMSIS_NN_KERNELS)
#define NNOM_FC_NEEDS_BIAS_FOLDED (NNOM_CMSIS_NN_MVE)
#define NNOM_FC_CMSIS_NN_TAKES(bias_folded)                                                    \
    (NNOM_CMSIS_NN_FC && ((bias_folded) || !NNOM_FC_NEEDS_BIAS_FOLDED))
#define NNOM_FC_LOCAL_ASM ((NNOM_CMSIS_NN_KERNELS && !NNOM_CMSIS_NN_MVE) && NNOM_LOCAL_MAC_ASM)
#define NNOM_FC_ASM_TAKES(inputs, bias_folded) ((inputs) >= 4 && (bias_folded))
#define NNOM_CMSIS_NN_MAXPOOL (NNOM_CMSIS_NN_MVE)
#define NNOM_CMSIS_NN_AVGPOOL (NNOM_CMSIS_NN_MVE)
#define NNOM_CMSIS_NN_SOFTMAX (NNOM_CMSIS_NN_MVE)
#define NNOM_SOFTMAX_CMSIS_NN_TAKES(row) (NNOM_CMSIS_NN_SOFTMAX && (row) <= 511)
#define NNOM_CMSIS_NN_ADD (NNOM_CMSIS_NN_MVE)
#define NNOM_ADD_CMSIS_NN_TAKES(inputs, subtract)                                              \
    (NNOM_CMSIS_NN_ADD && (inputs) == 2 && !(subtract))
#define NNOM_CMSIS_NN_MUL (NNOM_CMSIS_NN_MVE)
#define NNOM_MUL_CMSIS_NN_TAKES(inputs) (NNOM_CMSIS_NN_MUL && (inputs) == 2)
/* END generated from nnom/backends.json */

/* -Os with the local kernels: Dense runs as a 1x1 convolution of a
 * one-pixel image (the fully connected table's entry converts the
 * arguments: less code than a fully connected kernel; a little slower). */
#if defined(__OPTIMIZE_SIZE__) && !NNOM_CMSIS_NN_KERNELS && !defined(NNOM_USING_CHW)
#define NNOM_DENSE_AS_CONV 1
#else
#define NNOM_DENSE_AS_CONV 0
#endif

/* The local kernels' assembly inner loops (local/nnom_local_mac_dsp.c):
 * DSP cores, GCC or Clang, -O2 builds, little-endian Thumb-2. */
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP == 1 && !defined(NNOM_LOCAL_NO_DSP) &&      \
    defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__) && !defined(__ARM_BIG_ENDIAN) &&           \
    defined(__thumb2__)
#define NNOM_LOCAL_MAC_ASM 1
#else
#define NNOM_LOCAL_MAC_ASM 0
#endif
/* nnom_layers.h's NNOM_DENSE_GROUPED: the builds where the local Dense
 * kernel's assembly loop takes every Dense (it reads weight4). */
#if NNOM_DENSE_GROUPED != (NNOM_LOCAL_MAC_ASM && !NNOM_CMSIS_NN_MVE)
#error "NNOM_DENSE_GROUPED does not match the builds of the Dense assembly loop"
#endif

#if NNOM_CMSIS_NN_KERNELS
/* src/kernels/cmsis/nnom_cmsis_nn.c: CMSIS-NN's maintained _s8 API, in the
 * kernel contract of nnom_kernels.h. */
uint32_t nnom_cmsis_conv_scratch(const void *args);
nnom_status_t nnom_cmsis_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args);

uint32_t nnom_cmsis_dwconv_scratch(const void *args);
nnom_status_t nnom_cmsis_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);

uint32_t nnom_cmsis_fc_scratch(const void *args); /* Helium only */

nnom_status_t nnom_cmsis_fc_s8(const nnom_kernel_ctx_t *ctx, const void *args);

nnom_status_t nnom_cmsis_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args); /* Helium */
uint32_t nnom_cmsis_avgpool_scratch(const void *args);
nnom_status_t nnom_cmsis_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);

uint32_t nnom_cmsis_softmax_scratch(const void *args); /* Helium only */
nnom_status_t nnom_cmsis_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args);

uint32_t nnom_cmsis_add_scratch(const void *args); /* Helium only (two-input Add, Mult) */
nnom_status_t nnom_cmsis_add_s8(const nnom_kernel_ctx_t *ctx, const void *args);
uint32_t nnom_cmsis_mul_scratch(const void *args);
nnom_status_t nnom_cmsis_mul_s8(const nnom_kernel_ctx_t *ctx, const void *args);
#endif

#if NNOM_LOCAL_MAC_ASM
/* The local fully connected kernel's assembly loop, the CMSIS-NN backend's
 * first entry: scratch 0 where it runs, else NNOM_UNSUITED
 * (local/nnom_local_fc_s8.c). */
uint32_t nnom_local_fc_s8_asm_scratch(const void *args);
nnom_status_t nnom_local_fc_s8_asm(const nnom_kernel_ctx_t *ctx, const void *args);
/* The local convolution where every channel's requantisation has the fast
 * form (the assembly loops' SMLAL form): the local scratch there, else
 * NNOM_UNSUITED (local/nnom_local_conv_s8.c). */
uint32_t nnom_local_conv_s8_fast_scratch(const void *args);
nnom_status_t nnom_local_conv_s8_fast(const nnom_kernel_ctx_t *ctx, const void *args);
/* 1x1 convolutions at stride 1 with one output channel, at least 4 input
 * channels and the Dense loop's requantisation form: that loop with the
 * pixels as its rows; scratch 0 there, else NNOM_UNSUITED
 * (local/nnom_local_conv_pw1_s8.c). */
uint32_t nnom_local_conv_pw1_scratch(const void *args);
nnom_status_t nnom_local_conv_pw1(const nnom_kernel_ctx_t *ctx, const void *args);
/* The same with 4 to 128 input channels, two pixels a pass (two pixels or
 * more, two per word of weights above 16 inputs, no clamp inside int8, the
 * fast requantisation form): scratch 0 there, else NNOM_UNSUITED
 * (local/nnom_local_pw1c_dsp.c). */
uint32_t nnom_local_pw1c_scratch(const void *args);
nnom_status_t nnom_local_pw1c(const nnom_kernel_ctx_t *ctx, const void *args);
/* 1x1 convolutions of one pixel with the converter's records (ReLU, output
 * zero point -128): scratch 0 there, else NNOM_UNSUITED
 * (local/nnom_local_pw1px_dsp.c). */
uint32_t nnom_local_pw1px_scratch(const void *args);
nnom_status_t nnom_local_pw1px(const nnom_kernel_ctx_t *ctx, const void *args);
/* the same for 8 input channels (kept in registers) */
uint32_t nnom_local_pw1px8_scratch(const void *args);
nnom_status_t nnom_local_pw1px8(const nnom_kernel_ctx_t *ctx, const void *args);
/* 2 to 64 pixels of 4 to 16 inputs, 1 to 16 outputs, their own records
 * (local/nnom_local_pw1pxn_dsp.c) */
uint32_t nnom_local_pw1pxn_scratch(const void *args);
nnom_status_t nnom_local_pw1pxn(const nnom_kernel_ctx_t *ctx, const void *args);
/* 1x1 of 2 to 16 pixels, 17 or more inputs, 1 to 3 outputs: records
 * (local/nnom_local_pwfo_dsp.c) */
uint32_t nnom_local_pwfo_scratch(const void *args);
nnom_status_t nnom_local_pwfo(const nnom_kernel_ctx_t *ctx, const void *args);
/* the four above as records runs: nnom_kernels.h */
#endif

#endif
