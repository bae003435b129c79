/*
 * nnom_local_dwrows.h - a depthwise layer run as bands of output rows whose
 * windows lie inside the input's rows (nnom_local_dwrows.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWROWS_H
#define NNOM_LOCAL_DWROWS_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where the window is (k, 1), k > 1, at stride 1 along both axes on
 * rows of more than one pixel, no padding along the rows: output column x
 * reads input column x (nnom_dw_by_rows runs the band as one row). */
NNOM_INLINE int nnom_dw_column_window(const nnom_conv_args_t *a)
{
    return a->k.w == 1 && a->k.h > 1 && a->p.stride_h == 1 && a->p.stride_w == 1 &&
           a->p.pad_left == 0 && a->in.w > 1 && a->out.w == a->in.w;
}

/* Runs layer a through run as layers without rows of padding: output rows
 * [vlo, vhi) (their rows of taps all in the input) as one, every other row
 * as a layer of one output row over the rows of taps it has in the input
 * (the window's other rows, which read padding, dropped). For paths that
 * copy whole lines only where they fit: the band runs on the input (as
 * one row where nnom_dw_column_window()). padded (and a band not empty):
 * the rows above the band and those below it as two layers that keep
 * their padding instead (where the path copies their lines whole: records
 * for two layers, not one per row). 0 (nothing written) where some row
 * has no row of taps in the input, else 1 when every run returned 1. */
int nnom_dw_by_rows(const nnom_conv_args_t *a, int32_t vlo, int32_t vhi, int padded,
                    int (*run)(const nnom_conv_args_t *));
#endif

#endif
