/*
 * nnom_local_dwch.h - depthwise 2D windows of one to seven channels (not four), plane
 * by plane (nnom_local_dwch_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWCH_H
#define NNOM_LOCAL_DWCH_H

#include "nnom_local_dwwin.h"
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Largest kh and kw the path takes (the pass is unrolled per pair of taps across). */
#define NNOM_DWCH_MAX_K 7
/* int16 values of the band of padded rows on the stack (2.5 KB), and the
 * most outputs a row the path takes (measured up to there). */
#define NNOM_DWCH_BUF 1280
#define NNOM_DWCH_OUT 128

/* The layers the dispatcher offers the path: multiplier 1, one to seven
 * channels, kh and kw from 2 to NNOM_DWCH_MAX_K, stride across 1 or 2, no
 * dilation; where it is faster than the other paths (M4 -O2, instructions
 * per MAC, other paths -> here): at stride 1 all but 3x3 on three
 * channels ((6,2) s1 46x29x1 same 6.12 -> 3.49, (5,5) s1 38x13x3 same
 * 3.74 -> 2.74; 3x3 s1 48x48x3 same 3.47 -> 3.67); at stride 2 from 18
 * taps or on one channel ((6,4) s2 15x42x2 same 6.22 -> 3.30, (7,7) s2
 * 20x20x3 same 4.09 -> 2.51, (4,2) s2 9x31x1 valid 18.32 -> 10.67; but
 * (4,4) s2 21x21x3 valid 4.29 -> 5.18, 3x3 s2 48x48x3 same 3.44 -> 5.25:
 * a copied value serves few MACs), and on three channels only with
 * padding or more than 25 taps (unpadded 5x5 there is mixed: 34x32x3
 * valid 3.37 -> 3.22, 24x13x3 valid 5.09 -> 5.35). Since branch chan4
 * (requantisation in the sums call, a band's rows in one call) it takes
 * 3x3 at stride 1 on three channels (48x48x3 same 3.47 -> 2.85, 20x20x3
 * same 4.32 -> 3.18) and unpadded windows of 18+ taps at stride 2 on three
 * channels ((5,5) s2 24x13x3 valid 5.10 -> 4.63, (3,6) s2 30x30x3 valid
 * 3.96 -> 2.92); few taps at stride 2 on two or three channels stay on
 * the group paths ((3,3) s2 19x37x2 valid 4.42 here 4.88, (4,4) s2
 * 21x21x3 valid 4.30 here 4.49). Five to seven
 * channels (branch chan4) from 18 taps on 32 output pixels or more, at
 * stride 2 only with kw >= 4 and padding or more than 25 taps ((7,7) s2
 * 28x18x5 same 4.37 -> 2.56, (5,5) s1 14x23x6 same 3.50 -> 2.33; but 3x3
 * s1 11x5x5 same 4.15 -> 7.83, (6,3) s2 30x20x7 same 3.32 -> 4.37, 5x5 s2
 * 15x15x5 valid 3.16 -> 5.01: the group paths keep those). */
NNOM_INLINE int nnom_dwch_asks(const nnom_conv_args_t *a)
{
    const int32_t taps = a->k.h * a->k.w, c = a->out.c;
    const int fits = c <= 7 && c != 4 && a->k.h >= 2 && a->k.w >= 2 &&
                     a->k.h <= NNOM_DWCH_MAX_K && a->k.w <= NNOM_DWCH_MAX_K &&
                     a->p.dilation_h == 1 && a->p.dilation_w == 1;
    if (!fits || a->p.stride_w > 2)
        return 0;
    const int s1 = a->p.stride_h == 1 && a->p.stride_w == 1;
    /* 3x3 at stride 1 on 5 to 7 channels where the window loop cannot take
     * the plane (its rows wider than its copy) and on 6 channels (two
     * groups of four lanes: a quarter idle) from 144 outputs: here, not the
     * groups ((3,3) s1 44x27x6 same 4.20 -> 3.05, 6x30x6 same 4.85 ->
     * 3.38, 20x20x6 same 3.55 -> 3.07; 8x8x6 same 3.93 there, 4.21 here) */
    if (c >= 5 && taps == 9 && s1 && a->out.h >= 2 &&
        (a->out.w + 2 > NNOM_DWWIN_PITCH || (c == 6 && a->out.h * a->out.w >= 144)))
        return 1;
    /* 5 to 7 channels: from 18 taps on 32 outputs or more in two rows or
     * more; stride 2: kw >= 4, padded, or > 25 taps on four output rows or
     * more (on fewer the groups of four win: (7,7) s2 9x47x7 valid 2.50
     * there, 2.85 here; (5,5) s1 5x50x7 valid, one row, 3.21 / 3.41) */
    if (c >= 5)
        return taps >= 18 && a->out.h * a->out.w >= 32 && a->out.h >= 2 &&
               (s1 || (a->k.w >= 4 && (a->p.pad_top > 0 || a->p.pad_left > 0 ||
                                       (taps > 25 && a->out.h >= 4))));
    return s1 || taps >= 18 || c == 1;
}

/* 1 when done; 0 (nothing written) when the rows do not fit the ring or a
 * channel's requantisation is not the fast form (nnom_rq_fast_ok()). */
int nnom_dwch_try(const nnom_conv_args_t *a);

/* 1 where every channel's doubled sums and their SMMLAR stay within int32
 * (the plane paths' requantisation: dwch, dwvp). */
int nnom_dwch_fit_all(const nnom_conv_args_t *a);
/* n int8 outputs clamped to [lo, hi], four a word. */
void nnom_dwch_clamp(int8_t *out, int32_t n, int32_t lo, int32_t hi);
#endif

#endif
