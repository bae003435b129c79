/*
 * nnom_local_dw_flat.h - depthwise layers of one row of taps at stride 1
 * along pixels that lie next to each other, channels not a multiple of four
 * (nnom_local_dw_flat_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_FLAT_H
#define NNOM_LOCAL_DW_FLAT_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw_flat_s8(const nnom_conv_args_t *a);

/* 0 where nnom_dw_flat_s8 would surely not take the layer (the cheap part
 * of its checks, so that the other layers pay next to nothing for asking):
 * channels a multiple of four, or more than four with three taps in one
 * row, or with a stride along the rows (down one column: its height)
 * but 3 x 3 windows on rows of at least six outputs. */
NNOM_INLINE int nnom_dw_flat_asks(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c;
    if (c % 4 == 0)
        return 0;
    const int rows = a->k.w > 1 || a->in.w > 1;
    const int32_t s = rows ? a->p.stride_w : a->p.stride_h;
    return c < 4 || (s == 1 ? a->k.h * a->k.w != 3 : a->k.h == 3 && a->k.w == 3 && a->out.w >= 6);
}
#endif

#endif
