/*
 * nnom_local_dw3s2l.h - depthwise layers of one row of three taps at
 * stride 2 on short lines: every pass of four outputs of every line in one
 * call, the padded rows read from one zero-point row instead of copies
 * (nnom_local_dw3s2l_dsp.c, -O2 on DSP cores; records of nnom_local_dw3s2.h).
 */
#ifndef NNOM_LOCAL_DW3S2L_H
#define NNOM_LOCAL_DW3S2L_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The layer where the converter wrote nnom_local_dw3s2.h's records with a
 * first word 3 (nnom/ops/dw3s2l_records.py: lines with a padded row or
 * 4 k + 2 or 4 k + 3 outputs, at most NNOM_DW3S2L_CHANNELS channels;
 * a (3, 1) or (1, 3) kernel at stride 2, multiplier 1, channels a multiple
 * of four or at least NNOM_DW_ODD_GROUPED, at most one padded row before,
 * no s term, no clamp) and lines
 * of 4 outputs or more. 1 where it ran, 0 where it wrote nothing. */
#define NNOM_DW3S2L_CHANNELS 256
int nnom_dw3s2l_try(const nnom_conv_args_t *a);
#endif

#endif
