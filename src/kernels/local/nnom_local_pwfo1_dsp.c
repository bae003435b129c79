/*
 * nnom_local_pwfo1_dsp.c - pwfo's one output of 17 to 24 inputs (five or
 * six input words) on 2 to 16 pixels, entered past its header's tests:
 * build() gives such a Conv2D a layer type per in.c (nnom_conv2d.c) after
 * the kept pick's check held the header (in.c, out.c, W, the pixels) to
 * the layer. pwfo's own run paid ~36 instructions of set-up and exit for
 * its jump tables and pixel pairs (2x2 17->1: 206 for 68 MACs, 3.03).
 *
 * A pixel a turn, the record by two LDMs (pw1px_records' FO record: the
 * start value, the first word's widened pair, the other words' pairs,
 * mult, ra, e): the first word read first, the input then advanced by
 * in.c, so the other words sit at 4 (1 - W) to -4 for every in.c of W
 * words. 34 (W 5) or 40 (W 6) instructions a pixel, 5 of set-up and exit.
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

/* A word at offset O (after the first word's post-increment: negative)
 * against the pair E, D into r0; r3, r12 scratch */
#define PWFO1_W(LOAD, E, D)                                                                      \
    "ldr    r3, " LOAD "\n"                                                                      \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r0, r12, " E ", r0\n"                                                                \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r0, r3, " D ", r0\n"

/* nnom_local_pwfo<C>_rec (records r0, output r1, input r2): r4 the record
 * (the loads do not move it), lr the outputs' end, r0 the sum; the test
 * leaves r0 0 (NN_SUCCESS) on the last pixel. HEAD: the start value and
 * word 0's to 3's first weights (r5-r11), words 0 to 2 (the other words
 * from O, 4 (1 - W)); then words 3's second weights on from the record's
 * ninth word into r5-r10 (free again). */
#define PWFO1_HEAD(C, O, O4)                                                                     \
    NNOM_ASM_FUNC("nnom_local_pwfo" #C "_rec")                                                   \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldrh   r3, [r0, #-2]\n"                                                                     \
    "mov    r4, r0\n"                                                                            \
    "add    lr, r1, r3\n"                                                                        \
    "1:\n"                                                                                       \
    "ldm    r4, {r0, r5-r11}\n"                                                                  \
    PWFO1_W("[r2], #" #C, "r5", "r6")                                                           \
    PWFO1_W("[r2, #-" #O "]", "r7", "r8")                                                        \
    PWFO1_W("[r2, #-" #O4 "]", "r9", "r10")                                                      \
    "add    r12, r4, #32\n"                                                                      \
    "ldm    r12, {r5-r10}\n"
#define PWFO1_TAIL(C, MULT, RA, E)                                                               \
    "smmlar r0, r0, " MULT ", " RA "\n"                                                          \
    "asr    r0, r0, " E "\n"                                                                     \
    "ssat   r0, #8, r0\n"                                                                        \
    "strb   r0, [r1], #1\n"                                                                      \
    "subs   r0, r1, lr\n"                                                                        \
    "bne    1b\n"                                                                                \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size nnom_local_pwfo" #C "_rec, .-nnom_local_pwfo" #C "_rec\n"
/* 17 to 20 inputs (W 5): the second LDM ends at e (14 words a record) */
#define PWFO1_ONE5(C)                                                                            \
    PWFO1_HEAD(C, 16, 12)                                                                        \
    PWFO1_W("[r2, #-8]", "r11", "r5")                                                            \
    PWFO1_W("[r2, #-4]", "r6", "r7") PWFO1_TAIL(C, "r8", "r9", "r10")
/* 21 to 24 inputs (W 6): the second LDM ends at mult, ra and e by LDRD
 * (16 words a record) */
#define PWFO1_ONE6(C)                                                                            \
    PWFO1_HEAD(C, 20, 16)                                                                        \
    PWFO1_W("[r2, #-12]", "r11", "r5")                                                           \
    PWFO1_W("[r2, #-8]", "r6", "r7")                                                             \
    PWFO1_W("[r2, #-4]", "r8", "r9")                                                             \
    "ldrd   r5, r6, [r4, #56]\n" PWFO1_TAIL(C, "r10", "r5", "r6")

__asm__(PWFO1_ONE5(17) PWFO1_ONE5(18) PWFO1_ONE5(19) PWFO1_ONE5(20) PWFO1_ONE6(21)
            PWFO1_ONE6(22) PWFO1_ONE6(23) PWFO1_ONE6(24) ".text\n");

#else
typedef int nnom_pwfo1_unused_t; /* ISO C: a translation unit is never empty */
#endif
