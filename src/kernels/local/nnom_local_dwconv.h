/*
 * nnom_local_dwconv.h - what the depthwise dispatcher (nnom_local_dwconv_s8.c)
 * shares with its paths in other files (internal): the layer's sizes, a
 * window's valid taps, the group path's rule and the paths' entries.
 */
#ifndef NNOM_LOCAL_DWCONV_H
#define NNOM_LOCAL_DWCONV_H

#include "nnom_local_simd.h"
#include "../nnom_backend.h"

/* The group path's shapes come from nnom/backends.json (depthwise_group),
 * which the converter reads too: the widened weights take 8 bytes per tap
 * of stack (-O2: up to three times that, see DW_WTAPS); groups are four
 * channels of multiplier 1. */
#define DW_MAX_TAPS NNOM_DW_GROUP_MAX_TAPS
#if NNOM_DW_GROUP_CHANNELS != 4 || NNOM_DW_GROUP_MULTIPLIER != 1
#error "nnom/backends.json depthwise_group: the group path takes four channels of multiplier 1"
#endif

typedef struct {
    const nnom_conv_args_t *a;
    int32_t ih, iw, ic, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow, oc;
} dw_ctx_t;

/* The valid taps [lo, hi) of a window from s0 along an axis of `size`:
 * inlined at -O2; at -Os one copy (nnom_local_dwconv_s8.c defines
 * NNOM_DW_TAPS_HERE), as when its callers were in one file. */
#if defined(__OPTIMIZE_SIZE__)
#define taps nnom_dw_taps
void taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi);
#define NNOM_DW_TAPS_LINKAGE
#else
#define NNOM_DW_TAPS_LINKAGE NNOM_MAYBE_UNUSED static
#endif
#if !defined(__OPTIMIZE_SIZE__) || defined(NNOM_DW_TAPS_HERE)
NNOM_DW_TAPS_LINKAGE void taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo,
                               int32_t *hi)
{
    if (dil == 1) { /* no division */
        *lo = s0 >= 0 ? 0 : -s0;
        *hi = size - s0 < k ? size - s0 : k;
        return;
    }
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}
#endif

/* The group after the one at channel c: four channels on, or at -O2 the
 * last four where fewer are left (channels not a multiple of four: the
 * last group overlaps the one before it and writes the same bytes again;
 * -Os keeps its code size and runs those layers pixel by pixel). */
NNOM_INLINE int32_t dw_next_group(int32_t c, int32_t oc)
{
    c += 4;
#if defined(__OPTIMIZE_SIZE__)
    (void)oc;
    return c;
#else
    return c < oc && c + 4 > oc ? oc - 4 : c;
#endif
}

#if NNOM_LOCAL_DSP
/* The group path (nnom_local_dwgroup_dsp.c): 1 when done, 0 (nothing
 * written) where a channel does not suit. */
#define dw_groups nnom_dw_groups
int dw_groups(const dw_ctx_t *t);
#endif

#if NNOM_LOCAL_MAC_ASM
/* Layers of one row of taps without the s term and the clamp in the
 * assembly loops (picked in nnom_local_dwgroup_dsp.c, run by
 * nnom_local_dwcolrun_dsp.c): 1 when done, 0 where they do not suit. */
#define dw_col_try nnom_dw_col_try
int dw_col_try(const dw_ctx_t *t);
/* Those whose every window lies inside the input along the taps, with the
 * converter's records (nnom_local_dwcolin_dsp.c): 1 when done, 0 where
 * they do not suit (dw_col_try's longer course then). */
#define dw_col_inside nnom_dw_col_inside
int dw_col_inside(const dw_ctx_t *t);
#endif

#endif
