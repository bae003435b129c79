/*
 * nnom_local_dwrect.h - depthwise 2D windows of any (kh, kw), four
 * channels at a time, in assembly (nnom_local_dwrect_dsp.c, -O2 on DSP
 * cores).
 */
#ifndef NNOM_LOCAL_DWRECT_H
#define NNOM_LOCAL_DWRECT_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The first word of the converter's records (dwrect_records.TAG). */
#define NNOM_DWRECT_TAG 7
/* The layer when it suits the window loop (multiplier 1, four channels or
 * more: where not a multiple of four the last group overlaps the one
 * before it, nnom_dw_odd_next(); or three, on copies with a zero lane;
 * kh and kw at least 2 and at most NNOM_DW_GROUP_MAX_TAPS taps, not 3x3,
 * nor 5x5 but of three channels (their own paths) unless with the
 * converter's records (nnom_dwrect_given), no
 * dilation, the border windows' copies fit; windows of more than 25 taps
 * on planes of at least twice as many outputs): 1 when done, 0 when it
 * does not suit or a group's requantisation is outside the loop's form
 * (groups may have been written; the caller's other paths rewrite the
 * layer). */
int nnom_dwrect_try(const nnom_conv_args_t *a);
/* The converter's records of this loop on the layer (their tag 7 and the
 * taps: nnom/ops/dwrect_records.py), which it alone reads: the window
 * loop (3x3, 5x5 of one output column) leaves such layers to it. No other
 * records of 3x3 or 5x5 start so (the window loop's second word holds
 * doubled weights: even). */
NNOM_INLINE int nnom_dwrect_given(const nnom_conv_args_t *a)
{
    return a->records != NULL && a->records[0] == NNOM_DWRECT_TAG &&
           a->records[1] == a->k.h * a->k.w;
}
/* 5x5 windows of channels not a multiple of four, which the window
 * loop's 5x5 path (nnom_dwwin_try) and the flat path leave to the group
 * path: 1 when done ((5,5) s2 24x24x6 same 4.26 there, 3.99 here). */
int nnom_dwrect_odd5_try(const nnom_conv_args_t *a);
/* The converter's records of the whole padded plane with its job
 * (dwrect_records.PLANE_TAG: the plane's and the loop's geometry in the
 * header, each group's records in the loop's own layout with the taps'
 * offsets): asked once at build (every word against the layer's own
 * arguments, nnom_local_dwconv_s8_step), then run without the try, the
 * axes, the job or the records' copy. */
#define NNOM_DWRECT_PLANE_TAG 27
int nnom_dwrect_plane_asks(const nnom_conv_args_t *a);
void nnom_dwrect_plane_run(const nnom_conv_args_t *a);
/* Its one-group (2,2) planes (not the exact form; on a layer whose plane
 * asks held): 1 where nnom_dwrect_plane1_direct (nnom_kernels.h) runs the
 * layer instead (on a copy), 2 where nnom_dwrect_s8_scaled_adj_groups2 does
 * (on the input: the DIRECT bit, the scaled form); 0 for the others */
int nnom_dwrect_plane1_asks(const nnom_conv_args_t *a);
#endif

#endif
