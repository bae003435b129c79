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

/* With border outputs along the taps, up to this many places per line
 * (M4 -O2: (1, 5) s2 8x48x124 same, 3 a line: 3.74 -> 3.57 instr/MAC;
 * (1, 5) s1 3x24x64 same, 8: 3.89 -> 4.44) */
#define NNOM_DW_ACROSS_RATIO 4
/* and with border places at least this many lines: a border place's
 * records, built per group, are shared by the lines ((7, 1) s2 8x1x112
 * same 5.86 on the other paths, 11.31 here; 8x2x112 5.57 and 6.89;
 * 8x3x112 5.47 and 5.41) */
#define NNOM_DW_ACROSS_LINES 3

/* The cheap part of the rule, inline in the dispatcher (long lines leave
 * before the call and the axes' divisions: the wake-word net's columns of
 * 49 outputs): one row of taps, along u (dw_axes: the height for (k, 1)),
 * at most NNOM_DW_ACROSS_RATIO places per line. */
NNOM_INLINE int dw_across_asks(const dw_ctx_t *t)
{
    const int down = t->kw == 1;
    const int32_t uo = down ? t->oh : t->ow, vo = down ? t->ow : t->oh;
    if ((t->kh != 1 && !down) || uo > NNOM_DW_ACROSS_RATIO * vo)
        return 0;
    /* lines without border places take at most one place per line
     * (dw_across_try's rule, here before the axes: 'valid' layers) */
    const int32_t k = down ? t->kh : t->kw, in = down ? t->ih : t->iw;
    const int32_t s = down ? t->sh : t->sw, pad = down ? t->pt : t->pl;
    return uo <= vo || pad != 0 || (uo - 1) * s + k > in;
}

/* 1 when done; 0 (nothing written) where the layer is not one row of taps
 * without the s term and the clamp, or its lines are not short. */
#define dw_across_try nnom_dw_across_try
int dw_across_try(const dw_ctx_t *t);
#endif

#endif
