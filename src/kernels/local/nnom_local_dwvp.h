/*
 * nnom_local_dwvp.h - depthwise 2D windows at stride 2 on two to seven
 * channels (not four), by vertical pairs (nnom_local_dwvp_dsp.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWVP_H
#define NNOM_LOCAL_DWVP_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The layers the dispatcher offers the path: multiplier 1, two to seven
 * channels but four, kh and kw 2 or 3, stride 2, no dilation, no padding
 * before the input (after it: the last row and column of windows run
 * without their taps there). On two or three channels the group paths
 * run three lanes of four or every other lane and the plane path (dwch)
 * copies each value widened to serve few MACs ((2,3) s2 9x35x3 valid
 * 7.81, (3,3) s2 19x37x2 valid 4.36, (3,3) s2 20x20x3 same 4.45 there;
 * 3.62, 3.30, 3.50 here). On five to seven channels the groups lose a
 * lane or three of their last group: kw 3 only (kw 2: (3,2) s2 15x15x6
 * valid 4.68 there, 4.75 here), from 16, 36 and 100 outputs (the set-up
 * per channel and row: (3,3) s2 17x17x7 valid, 64 outputs, 3.55 there,
 * 3.67 here; 31x31x7 valid 3.32 / 3.19, 32x32x5 same 3.87 / 3.11). */
NNOM_INLINE int nnom_dwvp_asks(const nnom_conv_args_t *a)
{
    const int32_t kh = a->k.h, kw = a->k.w, c = a->out.c;
    /* the stride first: the cheapest refusal of the stride-1 windows after it */
    return a->p.stride_h == 2 && a->p.stride_w == 2 && c >= 2 && c <= 7 && c != 4 && kw >= 2 &&
           kw <= 3 && kh >= 2 && kh <= 3 && (a->p.pad_top | a->p.pad_left) == 0 &&
           a->p.dilation_h == 1 && a->p.dilation_w == 1 &&
           (c <= 3 || (kw == 3 && a->out.h * a->out.w >= (c == 5 ? 16 : c == 6 ? 36 : 100)));
}

/* 1 when done; 0 (nothing written) when no window lies inside the input
 * or a channel's requantisation is not the fast form. */
int nnom_dwvp_try(const nnom_conv_args_t *a);
#endif

#endif
