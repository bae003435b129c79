/*
 * nnom_local_dw2.h - depthwise layers of two channels on one row of taps
 * (or one column of a one-pixel-wide input), read interleaved
 * (nnom_local_dw2_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW2_H
#define NNOM_LOCAL_DW2_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw2_try(const nnom_conv_args_t *a);

/* 0 where nnom_dw2_try would surely not take the layer (the cheap part of
 * its checks): not two channels, or not 3+ taps on one row (or one column
 * of a one-pixel-wide input). */
NNOM_INLINE int nnom_dw2_asks(const nnom_conv_args_t *a)
{
    return a->out.c == 2 && (a->k.h == 1 ? a->k.w >= 3 : a->k.w == 1 && a->in.w == 1 && a->k.h >= 3);
}
#endif

#endif
