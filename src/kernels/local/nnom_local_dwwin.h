/*
 * nnom_local_dwwin.h - depthwise 3x3 and 5x5 windows on small planes, four
 * channels at a time, in assembly (nnom_local_dwwin_dsp.c, -O2 on DSP
 * cores).
 */
#ifndef NNOM_LOCAL_DWWIN_H
#define NNOM_LOCAL_DWWIN_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Words per row of a group's plane copy: the assembly's tap offsets (tap
 * (ky, kx) at (ky NNOM_DWWIN_PITCH + kx) words from the window's first).
 * The copy holds at most NNOM_DWWIN_PITCH rows: taller planes go in strips
 * of output lines. 24 (2.3 KB of stack; 16 until branch dwgrp): on rows of
 * 17 to 24 columns the loop beats the group path (M4 -O2: 3x3 s2 12x15x9
 * same 5.57 -> 3.83, 3x3 s1 20x20x8 same 3.33 -> 2.68). */
#define NNOM_DWWIN_PITCH 24

/* 3x3 at stride 2 on rows of 25 to NNOM_DWWIN_WIDE columns: the same
 * buffer NNOM_DWWIN_WIDE words a row (12 rows: strips of five output
 * lines); the group path ran those at ~134 instructions an output (3x3 s2
 * 4x30x111 valid 4.44/MAC), the loop ~95. */
#define NNOM_DWWIN_WIDE 48

/* The layer when it suits the window loop (multiplier 1, channels a
 * multiple of four or at least NNOM_DW_ODD_GROUPED_MIN (nnom_local_dw_odd.h;
 * the dispatcher tries those before the flat path),
 * 3x3 or 5x5 at stride 1 or 2 along both axes, no
 * dilation, ReLU with output zero point -128: neither the s term nor the
 * clamp; the padded plane's columns the windows reach at most
 * NNOM_DWWIN_PITCH, NNOM_DWWIN_WIDE for 3x3 at stride 2): 1 when done, 0 when it does not suit or a group's
 * requantisation is outside the loop's form (groups may have been written;
 * the caller's other paths rewrite the layer). */
int nnom_dwwin_try(const nnom_conv_args_t *a);

/* The last channel of a layer whose channels are one over a multiple of
 * four: on the plane copy of the last four channels (the top lane of each
 * word) instead of a group of four lanes of which three are done already.
 * x: the copy at the first window; out: the first output's channel
 * oc - 1; w: the channel's weights; bias less zp times them (the copy's
 * border holds zp). */
typedef struct {
    const uint32_t *x;
    int8_t *out;
    int32_t ow, oh, op, ol, k, s, lo, hi, bias;
    nnom_rq_t rq;
    int32_t w[25];
} nnom_dwwin_tail_t;

void nnom_dwwin_tail(const nnom_dwwin_tail_t *t);
#endif

#endif
