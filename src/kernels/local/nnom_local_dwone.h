/*
 * nnom_local_dwone.h - depthwise layers of one output pixel whose window
 * holds the whole input (nnom_local_dwone_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWONE_H
#define NNOM_LOCAL_DWONE_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 when done: one output pixel, the whole input inside its window, the
 * converter's records (nnom/ops/dwone_records.py) for the taps over the
 * input; 0 (nothing written) otherwise. */
int nnom_dwone_try(const nnom_conv_args_t *a);
#endif

#endif
