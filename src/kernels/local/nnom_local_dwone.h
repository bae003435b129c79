/*
 * nnom_local_dwone.h - depthwise layers of one output pixel whose window
 * holds the whole input (nnom_local_dwone_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWONE_H
#define NNOM_LOCAL_DWONE_H

#include "nnom_local_dwcol.h"
#include "nnom_local_simd.h"

/* Tag 43 (nnom_local_dwonein_dsp.c; nnom/ops/dwone_records.py
 * dwone_in_records): one output whose window starts at the input's first
 * pixel, its taps over the input one line of (rows - 1) in.w + cols
 * pixels (the columns past the window weight 0). Records: the tag, the
 * taps, the one-row loop's records of every group (the overlapping last
 * one after the whole ones'). */
#define NNOM_DWONE_IN_TAG 43
/* The taps of that line, 0 where the layer is not of that form (every
 * build: the records' length check, nnom_local_records.c, counts the
 * records' words on it) */
int32_t nnom_dwone_in_taps(const nnom_conv_args_t *a);

#if NNOM_LOCAL_MAC_ASM
/* 1 when done: one output pixel, the whole input inside its window, the
 * converter's records (nnom/ops/dwone_records.py) for the taps over the
 * input; 0 (nothing written) otherwise. */
int nnom_dwone_try(const nnom_conv_args_t *a);
/* Its rule alone (1: the layer and its records are this path's) */
int nnom_dwone_holds(const nnom_conv_args_t *a);
/* The layer on the arguments block (its records, in.c, in.h, in.w: the
 * rule held) and the buffers: DepthwiseConv2D's direct type */
void nnom_dwone_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* nnom_dwone_holds and 5 to 9 taps over the input, channels a multiple of
 * four: nnom_dwone_k_b_s8's (the pairs unrolled a count of taps) */
int nnom_dwone_k_holds(const nnom_conv_args_t *a);
void nnom_dwone_k_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);

/* 1: tag 43's records and their header hold for the layer (asked at build) */
int nnom_dwone_in_holds(const nnom_conv_args_t *a);
void nnom_dwone_in_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* The same for one tap on whole groups (the assembly alone) */
void nnom_dwone_in1_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* The same for 11 (13) taps on whole groups (nnom_local_dwone_dsp.c: the
 * pairs unrolled) */
void nnom_dwone_in11_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_in13_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* The same for NNOM_DW_GROUP_MAX_TAPS + 1 to NNOM_DWCOL_LONG_TAPS taps */
void nnom_dwone_inl_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);

/* One output of c channels over one line of taps (the input's bytes c
 * apart) on the one-row loop's records rec: the whole groups, then the
 * overlapping last one on its records after theirs (DW_ONE, tag 43) */
NNOM_INLINE void nnom_dwone_groups(const int8_t *x, int8_t *out, const int32_t *rec, int32_t c,
                                   int32_t taps)
{
    const nnom_dwcol_job_t j = {x, out, rec, 1, c, 0, c, taps / 2, taps & 1, c / 4};
    nnom_dwcol_run(&j, 0);
    if (c % 4 != 0) {
        const nnom_dwcol_job_t last = {x + c - 4, out + c - 4, rec + c / 4 * nnom_dwcol_words(taps, 0),
                                       1,         c,           0,
                                       c,         taps / 2,    taps & 1,
                                       1};
        nnom_dwcol_s8(&last);
    }
}
#endif

#endif
