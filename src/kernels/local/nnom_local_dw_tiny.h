/*
 * nnom_local_dw_tiny.h - depthwise layers of one row of 3 to 10 taps with
 * one to seven channels (not four), strides 1 and 2 (nnom_local_dw_tiny_dsp.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_TINY_H
#define NNOM_LOCAL_DW_TINY_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* five to seven channels at stride 2: windows of at most this many taps
 * (the group path costs less on longer ones: (9,1) s2 40x1x7 valid 4.06
 * there, 4.45 here) */
#define TINY_S2_MAX_TAPS 7

/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw_tiny_s8(const nnom_conv_args_t *a);

/* Channels [from, out.c) of a layer, one to three, here (the others run
 * elsewhere: no group of four lanes overlapping the last whole one); 1
 * where it ran them, 0 where they do not suit (nothing written). */
int nnom_dw_tiny_rest(const nnom_conv_args_t *a, int32_t from);

/* 0 where nnom_dw_tiny_s8 would surely not take the layer (the cheap part
 * of its checks): four or more than seven channels, a window of more than
 * one row and one column, or five to seven channels with three taps at
 * stride 2 or with nnom_dw3_s8's records (even first word; at stride 1
 * tiny_of() takes the short lines nnom_dw3_s8 does not) or, at stride 2,
 * more than TINY_S2_MAX_TAPS (the flat and group paths cost less there). */
NNOM_INLINE int nnom_dw_tiny_asks(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, k = a->k.h * a->k.w;
    if (c >= 8 || c == 4 || (a->k.h != 1 && a->k.w != 1))
        return 0;
    const int32_t s = a->k.h == 1 ? a->p.stride_w : a->p.stride_h;
    return c < 4 || (k != 3 ? s == 1 || k <= TINY_S2_MAX_TAPS
                            : s == 1 && (a->records == NULL || (a->records[0] & 1) != 0));
}
#endif

#endif
