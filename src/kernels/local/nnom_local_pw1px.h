/*
 * nnom_local_pw1px.h - what the 1x1 loops on the converter's per-output
 * records share (nnom/ops/pw1px_records.py): the arguments' offsets the
 * assembly reads, and the pass over the outputs of one pixel whose up to 8
 * inputs are widened in r2-r5 (nnom_local_pw1px_dsp.c: one pixel;
 * nnom_local_pw1pxn_dsp.c: a few), and the two-pixel word of the loops
 * over pixel pairs.
 */
#ifndef NNOM_LOCAL_PW1PX_H
#define NNOM_LOCAL_PW1PX_H

#include "nnom_local_simd.h"
#include <stddef.h>

#if NNOM_LOCAL_MAC_ASM

/* The assembly reads the arguments at these offsets. */
typedef char nnom_pw1px_args_layout_t[offsetof(nnom_conv_args_t, in.c) == 48 &&
                                              offsetof(nnom_conv_args_t, out.h) == 64 &&
                                              offsetof(nnom_conv_args_t, out.w) == 68 &&
                                              offsetof(nnom_conv_args_t, out.c) == 72 &&
                                              offsetof(nnom_conv_args_t, input) == 80 &&
                                              offsetof(nnom_conv_args_t, output) == 104 &&
                                              offsetof(nnom_conv_args_t, records) == 108
                                          ? 1
                                          : -1];

/* Whether the layer has records, their header (tag, in.c, out.c, the
 * input words a pixel plus the pixels times 2^16: the records runs read
 * them there) is the layer's and the layer a 1x1 whose input and output
 * are the same size: what the few-pixel loops check once per compile
 * (their channel and pixel limits aside). */
static inline int nnom_pw_few_header_fits(const nnom_conv_args_t *a, uint32_t tag, uint32_t words)
{
    const int32_t *r = a->records;
    if (r == NULL)
        return 0;
    const uint32_t pixels = (uint32_t)(a->out.h * a->out.w);
    const uint32_t differ = ((uint32_t)r[-4] ^ tag) | ((uint32_t)r[-3] ^ (uint32_t)a->in.c) |
                            ((uint32_t)r[-2] ^ (uint32_t)a->out.c) |
                            ((uint32_t)r[-1] ^ (words | pixels << 16)) |
                            ((uint32_t)a->in.h ^ (uint32_t)a->out.h) |
                            ((uint32_t)a->in.w ^ (uint32_t)a->out.w) |
                            ((uint32_t)a->k.h ^ 1u) | ((uint32_t)a->k.w ^ 1u);
    return differ == 0u;
}

/* One input word X (a register name, clobbered) against the widened
 * weight pair r8, r9 into ACC; lr scratch */
#define NNOM_PW_MAC1(X, ACC)                                                                     \
    "sxtb16 lr, " X "\n"                                                                         \
    "sxtb16 " X ", " X ", ror #8\n"                                                              \
    "smlad  " ACC ", lr, r8, " ACC "\n"                                                          \
    "smlad  " ACC ", " X ", r9, " ACC "\n"
/* Two pixels' words r10, r11 into r4 and r5 */
#define NNOM_PW_MACS2 NNOM_PW_MAC1("r10", "r4") NNOM_PW_MAC1("r11", "r5")

/* One input word of two pixels (r0, r1, advanced) against the widened
 * weight pair at r12 (advanced) into r4 and r5; r8-r11, lr scratch
 * (nnom_local_pw1c_dsp.c, nnom_local_pwfo_dsp.c: 44 bytes of code). */
#define NNOM_PW_WORD2                                                                            \
    "ldrd   r8, r9, [r12], #8\n"                                                                 \
    "ldr    r10, [r0], #4\n"                                                                     \
    "ldr    r11, [r1], #4\n" NNOM_PW_MACS2

/* One output of up to 8 inputs (r2-r5): its record by one LDM, four
 * SMLADs, the requantisation, the byte (labels .L<P>_<L>). */
#define PW1PX_ONE(P, L)                                                                          \
    ".L" #P "_" #L ":\n"                                                                         \
    "ldm    r0!, {r6-r12, lr}\n"                                                                 \
    "smlad  r6, r2, r7, r6\n"                                                                    \
    "smlad  r6, r3, r8, r6\n"                                                                    \
    "smlad  r6, r4, r9, r6\n"                                                                    \
    "smlad  r6, r5, r10, r6\n"                                                                   \
    "smmlar r6, r6, r11, r12\n"                                                                  \
    "asr    r6, r6, lr\n"                                                                        \
    "ssat   r6, #8, r6\n"                                                                        \
    "strb   r6, [r1], #1\n"
#define PW1PX_ENTRY(P, L) ".hword (.L" #P "_" #L " - .L" #P "_tbl) / 2\n"

/* Sixteen outputs of ONE (PW1PX_ONE or the like), entered at r11 = n mod
 * 16 (TBH); after them the code that follows (the caller's loop test). */
#define PW1PX_PASS(P, ONE)                                                                       \
    "tbh    [pc, r11, lsl #1]\n"                                                                 \
    ".L" #P "_tbl:\n"                                                                            \
    PW1PX_ENTRY(P, 0) PW1PX_ENTRY(P, 1) PW1PX_ENTRY(P, 2) PW1PX_ENTRY(P, 3)                      \
    PW1PX_ENTRY(P, 4) PW1PX_ENTRY(P, 5) PW1PX_ENTRY(P, 6) PW1PX_ENTRY(P, 7)                      \
    PW1PX_ENTRY(P, 8) PW1PX_ENTRY(P, 9) PW1PX_ENTRY(P, 10) PW1PX_ENTRY(P, 11)                    \
    PW1PX_ENTRY(P, 12) PW1PX_ENTRY(P, 13) PW1PX_ENTRY(P, 14) PW1PX_ENTRY(P, 15)                  \
    ONE(P, 0) ONE(P, 15) ONE(P, 14) ONE(P, 13) ONE(P, 12) ONE(P, 11) ONE(P, 10) ONE(P, 9)        \
    ONE(P, 8) ONE(P, 7) ONE(P, 6) ONE(P, 5) ONE(P, 4) ONE(P, 3) ONE(P, 2) ONE(P, 1)

#endif /* NNOM_LOCAL_MAC_ASM */
#endif
