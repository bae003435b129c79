/*
 * nnom_local_dwpair.h - the assembly run of depthwise outputs along one row
 * of two taps, four channels, four outputs per pass
 * (nnom_local_dwpair_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWPAIR_H
#define NNOM_LOCAL_DWPAIR_H

#include "nnom_local_dwcol.h"

#if NNOM_LOCAL_MAC_ASM
/* The run of a nnom_dwcol_job_t (n >= 1 outputs, output o the taps at
 * x + o xp and x + o xp + xs into out + o op; pairs and odd unread) for
 * two taps, rec the group's records, per channel four words
 * (NNOM_DWPAIR_REC):
 *   (w0 2^j, w1 2^j) halfwords, (bias - zp (w0 + w1)) 2^j, mult,
 *   ((2 zp_out + 1) 2^e + 1) 2^(j - 2),  e = -shift, j = NNOM_DWPAIR_N + 1 - e
 * so that out = ssat8(SMMLA(acc, mult, that) >> NNOM_DWPAIR_N): the
 * requantisation of the depthwise group path (no s term, no clamp) with
 * its shift moved into the weights (e from NNOM_DWPAIR_N - 7 to
 * NNOM_DWPAIR_N - 1, see nnom_dwpair_records()). */
#define NNOM_DWPAIR_N 12
#define NNOM_DWPAIR_REC 4
void nnom_dwpair_s8(const nnom_dwcol_job_t *j);

/* The records of channels c to c + 3 of a layer of two taps oc bytes
 * apart in the weights into rec (4 NNOM_DWPAIR_REC words): 1, or 0 where a
 * channel's requantisation does not suit the form above (mult <= 0, e
 * outside its range, the scaled sums beyond 31 bits). */
int nnom_dwpair_records(const nnom_conv_args_t *a, int32_t c, int32_t *rec);
#endif

#endif
