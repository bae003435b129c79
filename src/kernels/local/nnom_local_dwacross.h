/*
 * nnom_local_dwacross.h - depthwise layers of one row of taps on lines
 * shorter than their count: every line's output at one place along the
 * taps in one run of the one-row assembly loop (nnom_local_dwacross_dsp.c,
 * -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWACROSS_H
#define NNOM_LOCAL_DWACROSS_H

#include "nnom_local_dwconv.h"

#if NNOM_LOCAL_MAC_ASM
/* Group c's records for nnom_dwcol_s8 of the k taps from tap k0
 * (nnom_local_dwcolrun_dsp.c); 0 where a channel's requantisation does
 * not suit them. */
#define dwcol_records nnom_dwcol_records
int dwcol_records(const dw_ctx_t *t, int32_t c, int32_t k0, int32_t k, int32_t *rec);

/* 1 when done; 0 (nothing written) where the layer is not one row of taps
 * without the s term and the clamp, or its lines are not short. */
#define dw_across_try nnom_dw_across_try
int dw_across_try(const dw_ctx_t *t);
#endif

#endif
