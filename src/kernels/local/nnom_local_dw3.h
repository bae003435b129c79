/*
 * nnom_local_dw3.h - the assembly run of depthwise outputs along one row of
 * three taps at stride 1, four channels, four outputs per pass
 * (nnom_local_dw3_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DW3_H
#define NNOM_LOCAL_DW3_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Runs of n >= 4 outputs of four channels (nnom_dw3_s8: n >= 1), output o
 * the taps at x + o xs, x + (o + 1) xs, x + (o + 2) xs into out + o op;
 * four outputs per pass, the last one to three by a pass of one, two or
 * three (nnom_dw3p_s8: by a pass stepped back to end at output n - 1,
 * which rewrites outputs already written; the output never overlaps the
 * input). The field
 * offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    int32_t n, xs, op;
} nnom_dw3_run_t;

/* rec holds the group's records, per channel seven words (NNOM_DW3_REC):
 *   (2 w0, 2 w1), (2 w2, 2 w0), (2 w1, 2 w2) halfwords;
 *   bias: 2 (bias - zp (w0 + w1 + w2)) (raw inputs, doubled weights);
 *   mult, ra, e with out = ssat8(SMMLAR(acc, mult, ra) >> e)
 *   (the depthwise group path's form without the s term and the clamp).
 * count >= 1 runs; groups >= 1 groups of four channels: group g runs the
 * runs at x + 4 g, out + 4 g with the records after group g - 1's (the
 * runs' x and out are moved on in place: 4 (groups - 1) bytes on after). */
#define NNOM_DW3_REC 7
void nnom_dw3_s8(const int32_t *rec, nnom_dw3_run_t *runs, int32_t count, int32_t groups);

/* nnom_dw3_s8's runs for channels skip to 3 (1 to 3) of one group only
 * (rec its records from channel 0): whole output words are stored, the
 * bytes of channels 0 to skip - 1 unknown; the caller writes them after
 * (the whole groups before the overlapping last group of channels not a
 * multiple of four, run after it). */
void nnom_dw3p_s8(const int32_t *rec, nnom_dw3_run_t *runs, int32_t count, int32_t skip);

/* One run (n >= 1 outputs, op == xs) of one channel, rec its records
 * (NNOM_DW3_REC words; nnom_local_dw3c1_dsp.c): the channel past a
 * multiple of four alone, only its own bytes written. */
void nnom_dw3c1_s8(const int32_t *rec, const nnom_dw3_run_t *run);

/* nnom_dw3c1_s8's runs over a layer's channels and lines in one call
 * (nnom_local_dw3c1_dsp.c) on the tiny loops' records
 * (nnom_local_dw_tiny_dsp.c's tiny_ch_t: (2 w0, 2 w1), (2 w2, 0), three
 * words, then bias, mult, ra, e: 48 bytes a channel): rec channel 0's
 * (the next channel's one byte on in x and out), x line 0's,
 * d0 = out - x - 4 xs, n >= 1 outputs xs apart in both, c >= 1
 * channels, lines >= 1 (xstep = xl - (n + 2) xs, dd = ol - xl: the
 * lines' steps xl in x, ol in out). nnom_dw3c1e_s8: the n runs' outputs
 * of a 'same' line and its border outputs before (out - xs) and after
 * (out + n xs), the padded tap's input zp (the input zero point); d0
 * of the run's first output. The field offsets are the assembly's. */
typedef struct {
    const int32_t *rec;
    const int8_t *x;
    int32_t d0, n, xs, c, lines, xstep, dd, zp;
} nnom_dw3c1m_job_t;
void nnom_dw3c1m_s8(const nnom_dw3c1m_job_t *job);
void nnom_dw3c1e_s8(const nnom_dw3c1m_job_t *job);
/* The same from tag 33's records (nnom/ops/dwtiny_records.py): head
 * NNOM_DW3C1_HEAD words (n, xs, c, lines, xstep, dd, zp as the job's,
 * dfrom = d0 - (out - x)), then per channel (w0, w1), (w1, w2) as
 * halfwords, bias, mult, ra, e (NNOM_DW3C1_REC words); x, out the
 * layer's input and output. nnom_dw3c1re_s8: nnom_dw3c1e_s8's 'same'
 * line on them. */
#define NNOM_DW3C1_HEAD 8
#define NNOM_DW3C1_REC 6
void nnom_dw3c1r_s8(const int32_t *head, const int8_t *x, int8_t *out);
void nnom_dw3c1re_s8(const int32_t *head, const int8_t *x, int8_t *out);
/* Both on one line (lines 1; the head's xstep 1 - (n + 2) xs) */
void nnom_dw3c1r1_s8(const int32_t *head, const int8_t *x, int8_t *out);
void nnom_dw3c1re1_s8(const int32_t *head, const int8_t *x, int8_t *out);
/* nnom_dw3c1r_s8 on 'valid' lines whose dd != 0, the head's lines word
 * (lines - 1) dd */
void nnom_dw3c1rl_s8(const int32_t *head, const int8_t *x, int8_t *out);

/* The layer's weights ([3][oc] along the taps), bias, requantisation
 * (nnom_conv_args_t's), off: -input zp in each halfword, zp2: 2 output
 * zp + 1. The field offsets are the assembly's. */
typedef struct {
    const int8_t *w;
    const int32_t *bias, *mult, *shift;
    int32_t oc;
    uint32_t off, zp2;
} nnom_dw3_layer_t;

/* The records of channels c to c + 3 into rec (4 NNOM_DW3_REC words): 1,
 * or 0 where a channel's requantisation does not suit the form above or
 * |bias| >= 2^30 - 3 * 255 * 128 (2 acc must fit 32 bits). */
int32_t nnom_dw3_records(const nnom_dw3_layer_t *l, int32_t c, int32_t *rec);
#endif

#endif
