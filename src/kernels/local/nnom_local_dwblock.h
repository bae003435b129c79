/*
 * nnom_local_dwblock.h - depthwise windows of more than the group path's
 * NNOM_DW_GROUP_MAX_TAPS taps, multiplier 1, at least four channels, in
 * blocks of kernel rows (nnom_local_dwblock_dsp.c, -O2 on DSP cores, NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWBLOCK_H
#define NNOM_LOCAL_DWBLOCK_H

#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#define NNOM_DWBLOCK 1
/* The layers it takes: windows the group path does not. */
int nnom_dwblock_suits(const nnom_conv_args_t *a);
void nnom_dwblock_s8(const nnom_conv_args_t *a);
#else
#define NNOM_DWBLOCK 0
#endif

#endif
