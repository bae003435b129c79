/*
 * nnom_local_dw_few.h - depthwise layers of few output pixels and many
 * channels (nnom_local_dw_few_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DW_FEW_H
#define NNOM_LOCAL_DW_FEW_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Layers of at most this many output pixels take the path. */
#define NNOM_DW_FEW_OUT 8
/* and at most this many valid taps over all their windows (the table of
 * taps on the stack: 8 bytes each) */
#define NNOM_DW_FEW_TAPS 96

/* The padded copy of a chunk of groups of one line (the one-row loop's
 * records): its bytes on the stack. */
#define NNOM_DW_FEW_PAD_BYTES 1024

/* Fewer than this many lines of one row of k >= 4 taps ((k, 1), (1, k))
 * with the converter's records, at most NNOM_DW_FEW_OUT outputs a line
 * and 8 channels or more: the padded copy per line (few_padded, where some
 * window reaches the padding). M4 -O2: (7, 1) s2 8x4x64 same 4.72 on the
 * line paths, 3.65 here; at 8 lines 3.60 both, past it the line paths'
 * records per border place are shared by more lines; with 4 channels the
 * flat path wins ((13, 1) s2 15x4x4 same 3.73 there, 4.07 here). */
#define NNOM_DW_FEW_LINES 8
NNOM_INLINE int nnom_dw_few_lines(const nnom_conv_args_t *a)
{
    const int down = a->k.w == 1;
    const int32_t k = a->k.h * a->k.w, along = down ? a->out.h : a->out.w;
    const int32_t lines = down ? a->out.w : a->out.h;
    return (a->k.h == 1 || a->k.w == 1) && k >= 4 && along <= NNOM_DW_FEW_OUT &&
           lines < NNOM_DW_FEW_LINES && a->out.c >= 8 && a->records != NULL &&
           (a->records[0] & 1) == 0;
}

/* The layers the dispatcher offers the path: few output pixels, windows
 * other than 3x3 and 5x5 (the window loop, nnom_local_dwwin_dsp.c, builds its
 * records and is faster than the table: (3,3) s2 on 4x11x60 4.86 there,
 * 7.00 here) but for a column of them with the converter's records. */
NNOM_INLINE int nnom_dw_few_asks(const nnom_conv_args_t *a)
{
    return (a->out.h * a->out.w <= NNOM_DW_FEW_OUT &&
            (!(a->k.h == a->k.w && (a->k.h == 3 || a->k.h == 5)) ||
             (a->records != NULL && (a->records[0] & 1)))) || /* (dwcols_records') */
           nnom_dw_few_lines(a);
}

/* 1 when done. With the converter's records: those of the one-row loop
 * for k >= 4 taps ((k, 1), (1, k)), output zero point -128 without clamp,
 * each line's chunks of groups copied with their padding (at most
 * NNOM_DW_FEW_PAD_BYTES) and run by the loop; other records: 0 (their
 * paths run them faster: (5,1) s2 on 9x1x64 'same' 4.55 instructions per
 * MAC there, 9.07 on the table below). Without records: multiplier 1, at least four channels (not a multiple of
 * four: the last group overlaps), at most NNOM_DW_FEW_OUT output pixels,
 * at most NNOM_DW_GROUP_MAX_TAPS taps and NNOM_DW_FEW_TAPS in all, every channel in the group path's
 * requantisation form; 0 (nothing written) otherwise. */
int nnom_dw_few_try(const nnom_conv_args_t *a);
#endif

#endif
