/*
 * nnom_local_dwvp.h - depthwise 2D windows at stride 2 on two or three
 * channels, by vertical pairs (nnom_local_dwvp_dsp.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWVP_H
#define NNOM_LOCAL_DWVP_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The layers the dispatcher offers the path: multiplier 1, two or three
 * channels, kh and kw 2 or 3, stride 2, no dilation, no padding before
 * (padding after the input: those outputs one by one). The group paths
 * run three lanes of four, or every other lane at stride 2, and the
 * plane path (dwch) copies each value widened to serve few MACs ((2,3)
 * s2 9x35x3 valid 7.81, (3,3) s2 19x37x2 valid 4.36 there). */
NNOM_INLINE int nnom_dwvp_asks(const nnom_conv_args_t *a)
{
    const int32_t kh = a->k.h, kw = a->k.w, c = a->out.c;
    return c >= 2 && c <= 3 && a->p.stride_h == 2 && a->p.stride_w == 2 && kw >= 2 && kw <= 3 &&
           kh >= 2 && kh <= 3 && (a->p.pad_top | a->p.pad_left) == 0 &&
           a->p.dilation_h == 1 && a->p.dilation_w == 1;
}

/* 1 when done; 0 (nothing written) when no window lies inside the input
 * or a channel's requantisation is not the fast form. */
int nnom_dwvp_try(const nnom_conv_args_t *a);
#endif

#endif
