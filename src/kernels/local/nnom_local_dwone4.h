/*
 * nnom_local_dwone4.h - depthwise layers of one output pixel over three or
 * four taps of the whole input (nnom_local_dwone4_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWONE4_H
#define NNOM_LOCAL_DWONE4_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The converter's records (nnom/ops/dwone4_records.py): a word 1 (odd; the
 * one-row loop's records start with an even word), then per channel five
 * words: (w0 2^j, w1 2^j) and (w2 2^j, w3 2^j) halfwords (w3 = 0 for three
 * taps), (bias - zp (w0 + w1 + w2 + w3)) 2^j, mult,
 * ((2 zp_out + 1) 2^e + 1) 2^(j - 2), e = -shift, j = NNOM_DWONE4_N + 1 - e,
 * so that out = ssat8(SMMLA(acc, mult, that) >> NNOM_DWONE4_N) (the form of
 * nnom_local_dw3s2.h, rq_fit.py's words where e is outside 5 to 11). */
#define NNOM_DWONE4_N 12

/* NNOM_DWONE31_TAG: the same records, tag 31 in place of 1, where the
 * converter wrote them for DepthwiseConv2D's direct types (the geometry
 * asked once at build, nnom_local_dwconv_s8_step: no test a run). */
#define NNOM_DWONE31_TAG 31
/* The arguments' in.c and records, for the block kernels' assembly. */
#define NNOM_DWONE4_C 48
#define NNOM_DWONE4_REC 108

/* The taps (3 or 4) where the layer is these records' (first word tag):
 * one output pixel, its window holding the whole input of 3 or 4 pixels,
 * multiplier 1, channels a multiple of four, output zero point -128
 * without clamp; 0 otherwise. */
int nnom_dwone4_holds(const nnom_conv_args_t *a, int32_t tag);
/* 1 when done (tag 1 or NNOM_DWONE31_TAG, nnom_dwone4_holds); 0 (nothing
 * written) otherwise. */
int nnom_dwone4_try(const nnom_conv_args_t *a);
/* The layer of three (four) taps on the arguments block (its records and
 * in.c alone: nnom_dwone4_holds held) and the buffers. */
void nnom_dwone3_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* (three taps, channels a multiple of eight: two groups a pass) */
void nnom_dwone3e_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone4_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
#endif

#endif
