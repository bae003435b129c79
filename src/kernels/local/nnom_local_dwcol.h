/*
 * nnom_local_dwcol.h - the assembly run of depthwise outputs along one row
 * of k taps, four channels (nnom_local_dwcol_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWCOL_H
#define NNOM_LOCAL_DWCOL_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* n outputs of four channels, each the window of k taps at x + o * xp (taps
 * xs bytes apart), into out + o * op. rec holds the group's records, words:
 *   bias: 2 (bias - zp * sum(w)) per channel (raw inputs, doubled weights);
 *   per pair of taps (t, t + 1), per channel: (2 w_t, 2 w_t+1) halfwords;
 *   k odd: tap k - 1 as (2 w0, 2 w2), (2 w1, 2 w3) of channels 0 to 3;
 *   per channel: mult, ra, e with out = ssat8(SMMLAR(acc, mult, ra) >> e)
 *   (the depthwise group path's form without the s term and the clamp).
 * pairs = k / 2 (1 to NNOM_DW_GROUP_MAX_TAPS / 2), odd = k & 1. groups
 * groups of four channels (0 or 1: one) in one call: group g at x + 4 g,
 * out + 4 g, its records right after group g - 1's (one call instead of
 * one per group).
 * The field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    const int32_t *rec;
    int32_t n, xs, xp, op, pairs, odd, groups;
} nnom_dwcol_job_t;
void nnom_dwcol_s8(const nnom_dwcol_job_t *j);
#endif

#endif
