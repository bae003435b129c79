/*
 * nnom_local_dwline.h - one line of k >= 4 taps at stride 1 or 2 with padding
 * ('same': (k, 1) on H x 1, (1, k) on 1 x W), 8+ channels, the converter's
 * one-row records: the line copied once with its padding and run by the
 * one-row loop in one call (-O2 with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWLINE_H
#define NNOM_LOCAL_DWLINE_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dwcol.h"

/* Bytes of the line's copy (on the stack; dw3_asm's line copy is as
 * large: DW3_LINE_BYTES) */
#define NNOM_DWLINE_COPY 2048

/* The cheap part of the rule (records not NULL; the rest in the try):
 * padding, the records of the one-row loop (even first word, or scaled), stride 1,
 * or 2 on an input within the copy (the padded line is longer: the
 * wake-word net's 49x1x48 lines at stride 2 refused here, not after the
 * try's axes), one row of four taps or more. Padding first: the layers
 * that pass by (unpadded) pay ~10 instructions. */
NNOM_INLINE int nnom_dw_line_rule(const nnom_conv_args_t *a)
{
    return (a->p.pad_top | a->p.pad_left) > 0 && (a->k.h == 1 || a->k.w == 1) &&
           a->k.h * a->k.w >= 4 &&
           (((a->p.stride_h & a->p.stride_w) == 1 && (a->p.stride_h | a->p.stride_w) == 1) ||
            (a->p.stride_h <= 2 && a->p.stride_w <= 2 &&
             a->in.h * a->in.w * a->in.c <= NNOM_DWLINE_COPY)) &&
           nnom_dwcol_given(a->records);
}
NNOM_INLINE int nnom_dw_line_asks(const nnom_conv_args_t *a)
{
    /* 8+ channels first (try's rule too): the few-channel layers after it
     * are the small ones, where each refusal's instructions show (four
     * channels: nnom_dw_four_asks, in the tiny loops' place) */
    return a->out.c >= 8 && nnom_dw_line_rule(a);
}

/* 1 when done; 0 (nothing written): the dispatcher goes on. */
#define nnom_dw_line_try nnom_dw_line_try
int nnom_dw_line_try(const nnom_conv_args_t *a);
/* The try's run after its asks: DW_LINE's kept runs (the asks held at the
 * first run on the same arguments; ~35 instructions a run less) */
void nnom_dw_line_run(const nnom_conv_args_t *a);

/* The scaled records tagged NNOM_DWLINE_TAG where the converter found the
 * layer nnom_dw_line_try's with no channel past a multiple of four (four
 * channels or 8+; nnom/ops/dwcol_scaled.py line_head()): the tag, then
 * the copy's words (pad ic, the input's bytes in it, span ic), the job's
 * n to groups and 1 where the groups take the swapped loop
 * (nnom_dwcol_run's rule); the groups' records from word
 * NNOM_DWLINE_HEAD. The first run asks nnom_dw_line_tag_asks() (the
 * try's rule and every head word against the layer's); the runs after it
 * go straight to nnom_dw_line_tag_run(), no test nor geometry a run
 * (~85 instructions a run less on (5,1) s2 30x1x4 same). */
#define NNOM_DWLINE_TAG 35
#define NNOM_DWLINE_HEAD 12
int nnom_dw_line_tag_asks(const nnom_conv_args_t *a);
void nnom_dw_line_tag_run(const nnom_conv_args_t *a);
/* The same on the config's block (it reads the records and input_zp) and
 * the layer's buffers: the direct type's run, no copy of the block */
nnom_status_t nnom_dw_line_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output);

/* Unpadded lines of 4+ taps (nnom_local_dwcolin_dsp.c: dw_col_inside's
 * course before the other tries): no padding, one row of taps within the
 * one-row loop's, more outputs along it than lines or one of each
 * (dw_across_try's layers otherwise), 8+ channels, its records (even or scaled
 * first word, or the scaled ones of nnom_dwcol_one_early's layers), output
 * zero point -128, no clamp. */
NNOM_INLINE int nnom_dw_col_early_rule(const nnom_conv_args_t *a)
{
    return (a->p.pad_top | a->p.pad_left) == 0 &&
           (a->k.w == 1 ? a->k.h >= 4 && (a->out.h > a->out.w || (a->out.h | a->out.w) == 1)
                        : a->k.h == 1 && a->k.w >= 4 &&
                              (a->out.w > a->out.h || (a->out.h | a->out.w) == 1)) &&
           a->k.h * a->k.w <= NNOM_DW_GROUP_MAX_TAPS &&
           (nnom_dwcol_given(a->records) || a->records[0] == NNOM_DWCOL_AL_TAG) &&
           a->p.output_zp == -128 && a->p.act_min == -128 && a->p.act_max == 127;
}
NNOM_INLINE int nnom_dw_col_early_asks(const nnom_conv_args_t *a)
{
    return a->out.c >= 8 && nnom_dw_col_early_rule(a);
}

/* 1 when done; 0 (nothing written): the dispatcher goes on. */
int nnom_dw_col_early(const nnom_conv_args_t *a);

/* Four channels (one group; the tiny loops take one to seven but four)
 * with the records (not NULL): the dispatcher's step where the tiny
 * loops' would be, so that the layers of other few channels pay no test
 * before it; the padded line (nnom_dw_line_try, 1) or the unpadded lines
 * (nnom_dw_col_early, 2) where their rules take the layer, else 0:
 * against dw_col_asm's border runs and set-up, (5,1) s2 40x1x4 same 2190
 * -> 1534. */
NNOM_INLINE int nnom_dw_four_asks(const nnom_conv_args_t *a)
{
    /* one row of 4+ taps first: four-channel 3-tap and 2D layers pass by
     * on these few instructions ((3,1) s1 30x1x4 same: +6 with the rules
     * in full first) */
    if ((a->k.h != 1 && a->k.w != 1) || a->k.h * a->k.w < 4)
        return 0;
    return (a->p.pad_top | a->p.pad_left) > 0 ? nnom_dw_line_rule(a)
                                               : 2 * (nnom_dw_col_early_rule(a) &&
                                                      a->records[0] != NNOM_DWCOL_AL_TAG);
}
#endif

#endif
