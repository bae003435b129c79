/*
 * nnom_local_dw_odd.h - which path takes depthwise layers whose channels
 * are not a multiple of four (-O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_ODD_H
#define NNOM_LOCAL_DW_ODD_H

#include "nnom_local_simd.h"

/* From this many channels on the group paths take them (and from
 * NNOM_DW_ODD_GROUPED_MIN on, but for 3x3 windows), the last group
 * overlapping the one before it (dw_next_group(): (4 - C % 4) / C of the
 * work again, at most 3/17), with the converter's records of that group
 * after the whole ones' (nnom/ops/dwcol_records.py, ODD_GROUPED). Fewer
 * keep their paths (the record paths refuse them; the flat path,
 * nnom_local_dw_flat_dsp.c, where it asks), which wastes no lane but
 * builds records per phase (C / gcd(C, 4) of them) and runs each phase's
 * groups in short calls (its C loop where the taps run across its lines):
 * 5 to 65 instructions per MAC at 17 to 89 channels against 2.5 to 4 at
 * the next multiple of four (docs/kernel-log.md, branch dwoddc). */
#define NNOM_DW_ODD_GROUPED 16
/* Windows other than 3x3 from 5 channels on: the group paths' overlap
 * wastes at most 3 lanes of 8 but beat the flat path's per-phase records
 * (M4 -O2: (5,1) s2 49x1x6 7.19 -> 6.63, 5x5 s2 12x12x5 valid 6.62 ->
 * 4.59); 3x3 keeps the flat path's two- and three-lane loops below 16
 * (3x3 s2 32x32x5: 3.87 there, 5.70 on the groups). */
#define NNOM_DW_ODD_GROUPED_MIN 5

/* 3x3 windows from this many channels on at stride 1 along the rows, or
 * at stride 2 on rows of fewer than NNOM_DW_ODD_FLAT_ROW outputs (from
 * NNOM_DW_ODD_GROUPED_MIN on, rows of fewer than NNOM_DW_ODD_SHORT_ROW):
 * there the group paths' overlap costs less than the flat path's
 * per-phase records, runs and border copies (M4 -O2: 3x3 s1 12x12x9 same
 * 5.37 -> 3.68, 6x6x15 same 7.95 -> 3.28, 8x8x7 same 5.93 -> 3.43; s2
 * 18x6x9 same 6.02 -> 5.20, 12x11x13 same 5.93 -> 4.04, 16x14x7 same
 * 4.53 -> 3.89; but s1 16x16x5 same 4.32 on the flat path, 5.51 on the
 * groups; s2 15x15x5 same 5.94 against 6.67). */
#define NNOM_DW_ODD_GROUPED_S1 7
#define NNOM_DW_ODD_FLAT_ROW 9
#define NNOM_DW_ODD_SHORT_ROW 6

/* 1 where the flat path may take the layer (the group paths' records
 * refuse it): see the thresholds above (odd_flat() in
 * nnom/ops/dwcol_records.py). */
NNOM_INLINE int nnom_dw_odd_flat(const nnom_conv_args_t *a)
{
    const int32_t ow = a->out.w;
    const int32_t grouped = a->k.h != 3 || a->k.w != 3 || ow < NNOM_DW_ODD_SHORT_ROW
                                ? NNOM_DW_ODD_GROUPED_MIN
                            : a->p.stride_w == 1 || ow < NNOM_DW_ODD_FLAT_ROW
                                ? NNOM_DW_ODD_GROUPED_S1
                                : NNOM_DW_ODD_GROUPED;
    return a->out.c < grouped;
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
