/*
 * nnom_local_dw_flat.h - depthwise layers of one row of taps at stride 1
 * along pixels that lie next to each other, channels not a multiple of four
 * (nnom_local_dw_flat_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_FLAT_H
#define NNOM_LOCAL_DW_FLAT_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw_flat_s8(const nnom_conv_args_t *a);
#endif

#endif
