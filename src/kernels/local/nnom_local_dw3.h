/*
 * nnom_local_dw3.h - the assembly run of depthwise outputs along one row of
 * three taps at stride 1, four channels, four outputs per pass
 * (nnom_local_dw3_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DW3_H
#define NNOM_LOCAL_DW3_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Runs of n >= 4 outputs of four channels, output o the taps at x + o xs,
 * x + (o + 1) xs, x + (o + 2) xs into out + o op; four outputs per pass,
 * the last one to three by a pass stepped back to end at output n - 1
 * (it rewrites outputs already written; the output never overlaps the
 * input). The field offsets are the assembly's. */
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
 * count >= 1 runs. */
#define NNOM_DW3_REC 7
void nnom_dw3_s8(const int32_t *rec, const nnom_dw3_run_t *runs, int32_t count);
#endif

#endif
