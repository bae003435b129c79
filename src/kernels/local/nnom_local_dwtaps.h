/*
 * nnom_local_dwtaps.h - depthwise groups of four lanes over k taps at any
 * byte offsets from the window's first, in assembly
 * (nnom_local_dwtaps_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM): the
 * flat path's windows of several rows but 3 x 3 (nnom_local_dw_flat_dsp.c).
 */
#ifndef NNOM_LOCAL_DWTAPS_H
#define NNOM_LOCAL_DWTAPS_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* n (at least 1) groups, group o reading tap t at x + o * xstep + off[t]
 * and writing its four lanes at out + o * ostep; rec: the group's records
 * in nnom_local_dwcol.h's layout for k = 2 pairs + odd taps (pairs at most
 * NNOM_DW_GROUP_MAX_TAPS / 2). The field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    const int32_t *rec;
    const int32_t *off;
    int32_t n, xstep, ostep, pairs, odd;
} nnom_dwtaps_job_t;
void nnom_dwtaps_s8(const nnom_dwtaps_job_t *j);
#endif

#endif
