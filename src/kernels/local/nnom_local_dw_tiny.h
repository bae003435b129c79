/*
 * nnom_local_dw_tiny.h - depthwise layers of one row of 3 to 10 taps with
 * one to seven channels (not four), strides 1 and 2 (nnom_local_dw_tiny_dsp.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_TINY_H
#define NNOM_LOCAL_DW_TINY_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw_tiny_s8(const nnom_conv_args_t *a);

/* 0 where nnom_dw_tiny_s8 would surely not take the layer (the cheap part
 * of its checks): four or more than seven channels, a window of more than
 * one row and one column, or five to seven channels with three taps or a
 * stride above 1 (the flat and group paths cost less there). */
NNOM_INLINE int nnom_dw_tiny_asks(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, k = a->k.h * a->k.w;
    if (c >= 8 || c == 4 || (a->k.h != 1 && a->k.w != 1))
        return 0;
    return c < 4 || (k != 3 && (a->k.h == 1 ? a->p.stride_w : a->p.stride_h) == 1);
}
#endif

#endif
