/*
 * nnom_local_dw_odd.h - which path takes depthwise layers whose channels
 * are not a multiple of four (-O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_ODD_H
#define NNOM_LOCAL_DW_ODD_H

#include "nnom_local_simd.h"

/* From this many channels on the group paths take them, the last group
 * overlapping the one before it (dw_next_group(): (4 - C % 4) / C of the
 * work again, at most 3/17), with the converter's records of that group
 * after the whole ones' (nnom/ops/dwcol_records.py, ODD_GROUPED). Fewer
 * keep their paths (the record paths refuse them; the flat path,
 * nnom_local_dw_flat_dsp.c, where it asks), which wastes no lane but
 * builds records per phase (C / gcd(C, 4) of them) and runs each phase's
 * groups in short calls (its C loop where the taps run across its lines):
 * 5 to 65 instructions per MAC at 17 to 89 channels against 2.5 to 4 at
 * the next multiple of four (docs/benchmarks.md, branch dwoddc). */
#define NNOM_DW_ODD_GROUPED 16

/* 1 where the flat path may take the layer: fewer than
 * NNOM_DW_ODD_GROUPED channels. */
NNOM_INLINE int nnom_dw_odd_flat(const nnom_conv_args_t *a)
{
    return a->out.c < NNOM_DW_ODD_GROUPED;
}

/* The group after the one at channel c of oc: c + 4, or where that would
 * pass the end the overlapping last one, oc - 4 (dw_next_group() at -O2).
 * Records laid out by the converter: group c's at (c + 3) / 4. */
NNOM_INLINE int32_t nnom_dw_odd_next(int32_t c, int32_t oc)
{
    c += 4;
    return c < oc && c + 4 > oc ? oc - 4 : c;
}

#endif
