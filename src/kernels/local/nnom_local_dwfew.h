/*
 * nnom_local_dwfew.h - which path takes 2D depthwise windows of one to
 * three channels at stride 1 (-O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWFEW_H
#define NNOM_LOCAL_DWFEW_H

#include "nnom_local_simd.h"

/* 1 where the flat path (nnom_local_dw_flat_dsp.c: four output bytes per
 * group, no lane wasted) takes the layer before the window loop
 * (nnom_local_dwrect_dsp.c: three channels on copies with a zero lane):
 * one to three channels at stride 1, 8 to 25 taps. M4 -O2, instructions
 * per MAC, window loop -> flat: (9,2) 30x60x3 same 4.75 -> 2.94, (4,4)
 * 20x20x3 valid 4.38 -> 3.98; but (2,3) 39x17x3 valid 6.23 -> 6.62 (the
 * groups' requantisation over six taps) and 7x7 30x30x3 same 3.27 -> 4.40
 * (past 25 taps the flat path's records of three channels' four phases
 * do not stay: built again per line). */
NNOM_INLINE int nnom_dw_few_flat(const nnom_conv_args_t *a)
{
    const int32_t k = a->k.h * a->k.w;
    return a->out.c < 4 && a->p.stride_h == 1 && a->p.stride_w == 1 && k >= 8 && k <= 25;
}

#endif
