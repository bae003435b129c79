/*
 * nnom_local_dwline.h - one line of k >= 4 taps at stride 1 with padding
 * ('same': (k, 1) on H x 1, (1, k) on 1 x W), 8+ channels, the converter's
 * one-row records: the line copied once with its padding and run by the
 * one-row loop in one call (-O2 with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWLINE_H
#define NNOM_LOCAL_DWLINE_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Bytes of the line's copy (on the stack, as dw3_asm's 1,152) */
#define NNOM_DWLINE_COPY 1152

/* The cheap part of the rule (records not NULL): one row of four taps or
 * more, the records of the one-row loop (even first word), one line of
 * input and output, stride 1 and padding along the taps (unpadded:
 * dw_col_inside), 8+ channels, the padded line within the copy. */
NNOM_INLINE int nnom_dw_line_asks(const nnom_conv_args_t *a)
{
    const int down = a->k.w == 1;
    return (a->p.pad_top | a->p.pad_left) > 0 && (a->records[0] & 1) == 0 &&
           (down || a->k.h == 1) && a->k.h * a->k.w >= 4 &&
           (down ? a->in.w == 1 && a->out.w == 1 && a->p.stride_h == 1 && a->p.pad_top > 0
                 : a->in.h == 1 && a->out.h == 1 && a->p.stride_w == 1 && a->p.pad_left > 0) &&
           a->out.c >= 8 &&
           ((down ? a->out.h : a->out.w) - 1 + a->k.h * a->k.w) * a->in.c <= NNOM_DWLINE_COPY;
}

/* 1 when done; 0 (nothing written): the dispatcher goes on. */
#define nnom_dw_line_try nnom_dw_line_try
int nnom_dw_line_try(const nnom_conv_args_t *a);
#endif

#endif
