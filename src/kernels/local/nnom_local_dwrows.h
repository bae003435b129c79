/*
 * nnom_local_dwrows.h - a depthwise layer run as bands of output rows whose
 * windows lie inside the input's rows (nnom_local_dwrows.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWROWS_H
#define NNOM_LOCAL_DWROWS_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Runs layer a through run as layers without rows of padding: output rows
 * [vlo, vhi) (their rows of taps all in the input) as one, every other row
 * as a layer of one output row over the rows of taps it has in the input
 * (the window's other rows, which read padding, dropped). For paths that
 * copy whole lines only where they fit: the band runs on the input. 0
 * (nothing written) where some row has no row of taps in the input, else
 * 1 when every run returned 1. */
int nnom_dw_by_rows(const nnom_conv_args_t *a, int32_t vlo, int32_t vhi,
                    int (*run)(const nnom_conv_args_t *));
#endif

#endif
