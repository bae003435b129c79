/*
 * nnom_local_dwfew.h - which path takes 2D depthwise windows of one to
 * three channels (-O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWFEW_H
#define NNOM_LOCAL_DWFEW_H

#include "nnom_local_simd.h"

/* 1 where the flat path (nnom_local_dw_flat_dsp.c: at stride 1 four
 * output bytes per group, no lane wasted; at stride 2 one group per pixel,
 * records per border pixel) tries the layer before the window loop
 * (nnom_local_dwrect_dsp.c: three channels, every output on copies with a
 * zero lane): one to three channels, 8 to 25 taps at stride 1; at a
 * stride above 1 (one group per pixel: its records stay, up to
 * NNOM_DW_GROUP_MAX_TAPS) from 8 taps where no padding on the left or
 * above, or rows of at least 14 outputs. M4 -O2, instructions per MAC,
 * window loop -> flat: (9,2) s1 30x60x3 same 4.75 -> 2.94, (4,4) s1
 * 20x20x3 valid 4.38 -> 3.98, (5,5) s2 34x32x3 valid 4.59 -> 3.37, (5,5)
 * s2 30x42x3 same 4.36 -> 4.03, (5,2) s2 30x30x3 same 6.98 -> 5.02, (7,7)
 * s2 38x39x3 valid 4.08 -> 3.14; but (5,5) s2 24x24x3 same 4.68 -> 4.76
 * (the border pixels' records), (2,3) s1 39x17x3 valid 6.23 -> 6.62 (the
 * groups' requantisation over six taps) and 7x7 s1 30x30x3 same 3.27 ->
 * 4.40 (past 25 taps the flat path's records of three channels' four
 * phases do not stay: built again per line). Where the flat path refuses
 * (the s term, the clamp, a bias beyond its requantisation) the window
 * loop still runs. */
NNOM_INLINE int nnom_dw_few_flat(const nnom_conv_args_t *a)
{
    const int32_t k = a->k.h * a->k.w;
    const int strided = a->p.stride_h > 1 || a->p.stride_w > 1;
    /* three channels on 2D windows at stride 1: the window loop wins on
     * rows of fewer than 16 outputs ((5,5) s1 38x13x3 same 3.74 there,
     * 4.25 here; 38x16x3 3.73 there, 3.51 here) */
    const int narrow3 = a->out.c == 3 && !strided && a->k.h > 1 && a->k.w > 1 && a->out.w < 16;
    return a->out.c < 4 && k >= 8 && (k <= 25 || strided) && !narrow3 &&
           (!strided || (a->p.pad_left == 0 && a->p.pad_top == 0) || a->out.w >= 14);
}

#endif
