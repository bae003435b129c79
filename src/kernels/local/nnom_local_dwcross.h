/*
 * nnom_local_dwcross.h - depthwise layers of one row of taps on planes,
 * outputs in lines across the taps (nnom_local_dwcross_dsp.c, -O2 on
 * cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWCROSS_H
#define NNOM_LOCAL_DWCROSS_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM && !defined(__OPTIMIZE_SIZE__)
#define NNOM_DWCROSS 1
/* 1 when done: multiplier 1, 5 or more channels not a multiple of four on
 * the group paths (nnom_dw_odd_flat() false), a (k, 1) or (1, k) kernel of
 * 4 to NNOM_DW_GROUP_MAX_TAPS taps without dilation, padding only along
 * the taps, no fewer outputs across the taps than along them, every
 * window at least two taps in the input, ReLU with output zero point
 * -128 (no s term, no clamp), every channel in the one-row loop's
 * requantisation. 0 where it does not suit (nothing written) or a
 * channel's requantisation does not (groups may have been written; the
 * caller's other paths rewrite the layer). */
int nnom_dwcross_try(const nnom_conv_args_t *a);

/* 0 where nnom_dwcross_try surely refuses (the cheap part of its checks,
 * so that the other layers pay next to nothing for asking): channels a
 * multiple of four, a 2D window, fewer outputs across the taps than
 * along them (one-pixel-wide inputs among them). */
NNOM_INLINE int nnom_dwcross_asks(const nnom_conv_args_t *a)
{
    return a->out.c % 4 != 0 &&
           (a->k.w == 1 ? a->out.w >= a->out.h : a->k.h == 1 && a->out.h >= a->out.w);
}
#else
#define NNOM_DWCROSS 0
#endif

#endif
