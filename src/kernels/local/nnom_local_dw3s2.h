/*
 * nnom_local_dw3s2.h - depthwise layers of one row of three taps at
 * stride 2 ((3, 1) columns, (1, 3) rows), four channels, four outputs per
 * pass, in assembly (nnom_local_dw3s2_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DW3S2_H
#define NNOM_LOCAL_DW3S2_H

#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
/* Lines of at least this many outputs along the taps take it (the
 * converter's DW3S2_MIN_OUT in nnom/ops/dwcol_records.py). */
#define NNOM_DW3S2_MIN_OUT 8

/* The converter's records (nnom/ops/dw3s2_records.py): a word 1 (odd; the
 * one-row loop's start with an even word), then per channel five words
 * (NNOM_DW3S2_REC): (w0 2^j, w1 2^j) halfwords, w2 2^j (low halfword),
 * (bias - zp (w0 + w1 + w2)) 2^j, mult, ((2 zp_out + 1) 2^e + 1) 2^(j - 2),
 * e = -shift, j = NNOM_DW3S2_N + 1 - e, so that
 * out = ssat8(SMMLA(acc, mult, that) >> NNOM_DW3S2_N) (dwpair's form;
 * rq_fit.py's words for a channel whose e is outside 5 to 11). */
#define NNOM_DW3S2_N 12
#define NNOM_DW3S2_REC 5


/* The pass's assembly text, shared by nnom_local_dw3s2_dsp.c and
 * nnom_local_dw3s2l_dsp.c. One output: r0 the current pair widened
 * (channel ROT), P the next pair (or row); XY the halfword of r0 after it
 * that is the third tap; into byte B of the stack's output words. r7
 * (w0, w1), r8 w2 low, r10 bias, r11 mult, r12 rq (the records, scaled). */
#define NNOM_DW3S2_OUT(P, ROT, XY, B)                                                            \
    "smlad  r9, r0, r7, r10\n"                                                                   \
    "sxtb16 r0, " P ROT "\n"                                                                     \
    "smla" XY " r9, r0, r8, r9\n"                                                                \
    "smmla  r9, r9, r11, r12\n"                                                                  \
    "ssat   r9, #8, r9, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"                                 \
    "strb   r9, [sp, #" B "]\n"

/* Channel C of a pass of four: pairs r1, r3, r4, r5, row 8 in r6; records
 * r2. */
#define NNOM_DW3S2_CHANNEL(ROT, XY, C, C4, C8, C12)                                              \
    "ldm    r2!, {r7, r8, r10, r11, r12}\n"                                                      \
    "sxtb16 r0, r1" ROT "\n"                                                                     \
    NNOM_DW3S2_OUT("r3", ROT, "bb", C)                                                           \
    NNOM_DW3S2_OUT("r4", ROT, "bb", C4)                                                          \
    NNOM_DW3S2_OUT("r5", ROT, "bb", C8)                                                          \
    NNOM_DW3S2_OUT("r6", ROT, XY, C12)

/* The layer where the converter gave these records and it suits: multiplier 1,
 * channels a multiple of four or at least NNOM_DW_ODD_GROUPED (the last
 * group overlapping, nnom_local_dw_odd.h), a (3, 1) or (1, 3) kernel at stride 2
 * along the taps, at most one padded row before, lines of
 * NNOM_DW3S2_MIN_OUT outputs or more, no s term and no clamp. 1 where it
 * ran, 0 where it wrote nothing. */
int nnom_dw3s2_try(const nnom_conv_args_t *a);
#endif

#endif
