/*
 * nnom_local_dwcol_dsp.c - depthwise outputs of one row of k taps, four
 * channels, in assembly (-O2 on DSP cores; see nnom_local_dwcol.h). C
 * compilers spill the loop's registers; here the tap pairs take 15
 * instructions for 8 MACs: the two taps' input words are paired by PKH
 * (bytes a0 a1 b0 b1 and a2 a3 b2 b3), SXTB16 widens each into the
 * halfword pairs of one channel, and SMLAD multiplies them by the record's
 * pair of weights. The requantisation reads its records right after the
 * weights' (LDM).
 */
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* The assembly reads the job's fields at these offsets. */
typedef char nnom_dwcol_job_layout_t[offsetof(nnom_dwcol_job_t, op) == 24 &&
                                             offsetof(nnom_dwcol_job_t, pairs) == 28 &&
                                             offsetof(nnom_dwcol_job_t, odd) == 32 &&
                                             offsetof(nnom_dwcol_job_t, groups) == 36
                                         ? 1
                                         : -1];

/* One pair of taps (r0 at the first, the records at r1): 15 instructions
 * of 4 bytes each (DWCOL_PAIR_BYTES), so that the loop enters the
 * unrolled pairs at the layer's count of them. */
#define DWCOL_PAIR                                                                               \
    "ldr.w  r8, [r0]\n"                                                                          \
    "ldr.w  r9, [r0, r11]\n"                                                                     \
    "add.w  r0, r0, r11, lsl #1\n"                                                               \
    NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3)
#define DWCOL_PAIR_BYTES 60

/* The window's last pair: no step of r0 past it (the step to the next
 * window, [sp], counts one pair fewer). DWCOL_LAST_BYTES of code, which
 * a window of one tap (no pairs) jumps over. */
#define DWCOL_LAST                                                                               \
    "ldr.w  r8, [r0]\n"                                                                          \
    "ldr.w  r9, [r0, r11]\n"                                                                     \
    NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3)
#define DWCOL_LAST_BYTES 56

/* The four lanes requantised, two lanes' records (mult, ra, e) a load
 * into r8-r10 and r11, r12, lr (r11, xs, reloaded after), packed into r4:
 * two loads fewer than NNOM_DWCOL_RQ4's four. */
#define DWCOL_RQ2(A, B) NNOM_DWCOL_RQ2_AT("r1", A, B)
#define DWCOL_RQ4                                                                                \
    DWCOL_RQ2("r4", "r5")                                                                        \
    "bfi    r4, r5, #8, #8\n"                                                                    \
    DWCOL_RQ2("r6", "r7")                                                                        \
    "bfi    r4, r6, #16, #8\n"                                                                   \
    "bfi    r4, r7, #24, #8\n"

/* The output loop (label L) with (ODD 1) or without the last single tap.
 * r0 the tap, r1 the records, r2 the output, r3 op, r4-r7 the sums, r11
 * xs; r8-r10, r12, lr scratch. The pairs are DW_MAX_TAPS / 2 - 1 blocks
 * entered at [sp, #16] (the last pair's start less the layer's pairs but
 * one; past the last pair where there are none), then the last pair. An
 * output ends by one load of the records, the steps and xs and, but for
 * the group's last, its next one's sums and the jump into its pairs. */
#define DWCOL_LOOP(L, ODD, RQ, TAIL, MAXP)                                                       \
    DWCOL_BODY(L, ODD, MAXP, RQ) DWCOL_GROUPS(L) TAIL(L)

/* The loop up to an output's store (DWCOL_LOOP's but for its end: the
 * four bytes in r4, requantised by RQ): the pairs are MAXP - 1 blocks
 * entered at [sp, #16]. */
#define DWCOL_BODY(L, ODD, MAXP, RQ)                                                                 \
    "adr.w  r8, " L "e\n"                                                                        \
    "sub    r8, r8, r12\n"                                                                       \
    "orr    r8, r8, #1\n"                                                                        \
    "str    r8, [sp, #16]\n"                                                                     \
    L ":\n"                                                                                      \
    "ldr    r1, [sp]\n"                                                                          \
    "ldm    r1!, {r4-r7}\n"                                                                      \
    "ldr    pc, [sp, #16]\n"                                                                     \
    L "s:\n"                                                                                     \
    ".rept " NNOM_STR(MAXP) " - 1\n"                                                             \
    DWCOL_PAIR                                                                                   \
    ".endr\n"                                                                                    \
    L "e:\n"                                                                                     \
    ".if " L "e - " L "s != (" NNOM_STR(MAXP) " - 1) * " NNOM_STR(DWCOL_PAIR_BYTES) "\n"         \
    ".error \"nnom_dwcol_s8: a pair of taps is not 60 bytes\"\n"                                 \
    ".endif\n"                                                                                   \
    DWCOL_LAST                                                                                   \
    L "f:\n"                                                                                     \
    ".if " L "f - " L "e != " NNOM_STR(DWCOL_LAST_BYTES) "\n"                                   \
    ".error \"nnom_dwcol_s8: the last pair is not 56 bytes\"\n"                                  \
    ".endif\n"                                                                                   \
    ODD                                                                                          \
    RQ

/* nnom_dwcol_s8's end of an output: one load of the records, the steps
 * and xs and, but for the group's last, its next one's sums and the jump
 * into its pairs; then the next group (x, out and the end 4 bytes on). */
#define DWCOL_GROUPS(L)                                                                          \
    "str    r4, [r2]\n"                                                                          \
    "add    r2, r2, r3\n"                                                                        \
    "ldm    sp, {r1, r9, r11, r12}\n" /* the records, the end, xs, the step */                   \
    "add    r0, r0, r12\n"                                                                       \
    "cmp    r2, r9\n"                                                                            \
    "beq    " L "n\n"                                                                            \
    "ldm    r1!, {r4-r7}\n"                                                                      \
    "ldr    pc, [sp, #16]\n"                                                                     \
    L "n:\n"                                                                                     \
    "ldrd   r8, r10, [sp, #28]\n" /* groups left, bytes of a group's records */                 \
    "subs   r8, r8, #1\n"                                                                        \
    "ble    " L "x\n"                                                                            \
    "str    r8, [sp, #28]\n"                                                                     \
    "add    r1, r1, r10\n" /* the next group's records: past this one's */                       \
    "str    r1, [sp]\n"                                                                          \
    "ldrd   r0, r2, [sp, #20]\n"                                                                 \
    "adds   r0, r0, #4\n"                                                                        \
    "adds   r2, r2, #4\n"                                                                        \
    "strd   r0, r2, [sp, #20]\n"                                                                 \
    "adds   r9, r9, #4\n"                                                                        \
    "str    r9, [sp, #4]\n"                                                                      \
    "b      " L "\n"                                                                             \
    L "x:\n"

/* No overlapping group after the whole ones (nnom_dwcol_s8). */
#define DWCOL_NO_LAST(L)

/* After the whole groups (r1 the last one's records, r10 their bytes,
 * r9 its end), the overlapping last group where [sp, #36] holds rest (1
 * to 3; 0 none, or run): x, out and the end rest bytes on, its records
 * after the last whole group's; then through DWCOL_GROUPS again (groups
 * left stays 0). */
#define DWCOL_LAST_GROUP(L)                                                                      \
    "ldr    r4, [sp, #36]\n"                                                                     \
    "cbz    r4, " L "y\n"                                                                        \
    "movs   r5, #0\n"                                                                            \
    "str    r5, [sp, #36]\n"                                                                     \
    "add    r1, r1, r10\n"                                                                       \
    "str    r1, [sp]\n"                                                                          \
    "ldrd   r0, r2, [sp, #20]\n"                                                                 \
    "add    r0, r0, r4\n"                                                                        \
    "add    r2, r2, r4\n"                                                                        \
    "strd   r0, r2, [sp, #20]\n"                                                                 \
    "add    r9, r9, r4\n"                                                                        \
    "str    r9, [sp, #4]\n"                                                                      \
    "b      " L "\n"                                                                             \
    L "y:\n"

/* nnom_dwcol_cm_s8's end of an output (one group at one place): the
 * records go on to the next group's (not reloaded); after the last group
 * the next place (x by [sp, #32], out and the end by [sp, #36]), the
 * records from the first group's again. */
#define DWCOL_PLACES(L)                                                                          \
    "str    r4, [r2], #4\n"                                                                      \
    "ldm    sp, {r8, r9, r11, r12}\n" /* the first records, the end, xs, the step */             \
    "add    r0, r0, r12\n"                                                                       \
    "cmp    r2, r9\n"                                                                            \
    "beq    " L "n\n"                                                                            \
    "ldm    r1!, {r4-r7}\n"                                                                      \
    "ldr    pc, [sp, #16]\n"                                                                     \
    L "n:\n"                                                                                     \
    "ldrd   r4, r5, [sp, #28]\n" /* places left, x's step */                                    \
    "subs   r4, r4, #1\n"                                                                        \
    "ble    " L "x\n"                                                                            \
    "str    r4, [sp, #28]\n"                                                                     \
    "ldrd   r0, r2, [sp, #20]\n"                                                                 \
    "ldr    r6, [sp, #36]\n"                                                                     \
    "add    r0, r0, r5\n"                                                                        \
    "add    r2, r2, r6\n"                                                                        \
    "strd   r0, r2, [sp, #20]\n"                                                                 \
    "add    r9, r9, r6\n"                                                                        \
    "str    r9, [sp, #4]\n"                                                                      \
    "mov    r1, r8\n"                                                                            \
    "ldm    r1!, {r4-r7}\n"                                                                      \
    "ldr    pc, [sp, #16]\n"                                                                     \
    L "x:\n"

/* the last tap (two xs past r0, which stops at the last pair): (a0, a2)
 * and (a1, a3) against (w0, w2) and (w1, w3), one product each */
#define DWCOL_ODD                                                                                 \
    "ldr.w  r8, [r0, r11, lsl #1]\n"                                                              \
    "sxtb16 r10, r8\n"                                                                            \
    "sxtb16 r9, r8, ror #8\n"                                                                     \
    "ldrd   r8, r12, [r1], #8\n"                                                                  \
    "smlabb r4, r10, r8, r4\n"                                                                    \
    "smlatt r6, r10, r8, r6\n"                                                                    \
    "smlabb r5, r9, r12, r5\n"                                                                    \
    "smlatt r7, r9, r12, r7\n"

/* The four lanes in the scaled form (nnom/ops/dwcol_scaled.py: the
 * shift in the records' weights and bias): per lane mult, the rounding
 * word, then ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWCOL_SC_N), two lanes'
 * records a load (r8-r11; r11, xs, reloaded after): 13 instructions
 * where DWCOL_RQ4 takes 17. */
#define DWCOL_SC2(A, B)                                                                          \
    "ldm    r1!, {r8-r11}\n"                                                                     \
    "smmla  " A ", " A ", r8, r9\n"                                                              \
    "ssat   " A ", #8, " A ", asr #" NNOM_STR(NNOM_DWCOL_SC_N) "\n"                              \
    "smmla  " B ", " B ", r10, r11\n"                                                            \
    "ssat   " B ", #8, " B ", asr #" NNOM_STR(NNOM_DWCOL_SC_N) "\n"
#define DWCOL_SC4                                                                                \
    DWCOL_SC2("r4", "r5")                                                                        \
    "bfi    r4, r5, #8, #8\n"                                                                    \
    DWCOL_SC2("r6", "r7")                                                                        \
    "bfi    r4, r6, #16, #8\n"                                                                   \
    "bfi    r4, r7, #24, #8\n"

/* A loop function's end (its frame FRAME bytes, labels from P), and its
 * start where a window has no pairs: past the last, the one tap two xs
 * past x. */
#define DWCOL_END(NAME, P, FRAME)                                                                \
    P "_done:\n"                                                                                 \
    "add    sp, sp, #" FRAME "\n"                                                                \
    "pop    {r4-r11, pc}\n"                                                                      \
    P "_none:\n"                                                                                 \
    "mvn    r12, #" NNOM_STR(DWCOL_LAST_BYTES) " - 1\n"                                          \
    "movs   r10, #0\n"                                                                           \
    "sub    r0, r0, r4, lsl #1\n"                                                                \
    "b      " P "_some\n"                                                                        \
    ".size " NAME ", .-" NAME "\n"                                                               \
    ".text\n"

/* Both loops' start after the job's load: none when pairs (r7) is 0, else
 * r12 the pairs' run but the last and r10 (pairs - 1) xs (labels from P). */
#define DWCOL_PAIRS(P)                                                                           \
    "subs   r10, r7, #1\n"                                                                       \
    "bmi    " P "_none\n"                                                                        \
    "rsb    r12, r10, r10, lsl #4\n"                                                             \
    "lsl    r12, r12, #2\n" /* the pairs' run but the last: 60 (pairs - 1) bytes */              \
    P "_some:\n"                                                                                 \
    "mul    r10, r10, r4\n"

/* nnom_dwcol_s8(job r0). Stack: [0] the group's records, [4] the end of
 * the outputs (out + n op), [8] xs, [12] from the last pair's start to
 * the next window (xp - 2 (pairs - 1) xs; xp where there are no pairs, x
 * then two xs before the window), [16] the entry into the pairs, [20] x
 * and [24] out of the group, [28] groups left, [32] bytes of a group's
 * records; then r4-r11, lr. DWCOL_FN is its text for a requantisation RQ
 * whose records take RQB bytes a group (labels from P), HEAD its start
 * (the push and frame of FRAME bytes), SAVE registers stored after
 * [32], TAIL what follows the whole groups (DWCOL_NO_LAST,
 * DWCOL_LAST_GROUP), MAXP the most pairs of a window. */
#define DWCOL_FN(NAME, P, RQ, RQB, FRAME, HEAD, SAVE, TAIL, MAXP)                                    \
    __asm__(NNOM_ASM_FUNC(NAME)                                                                  \
            HEAD                                                                                 \
            "ldm    r0, {r0-r9}\n" /* x, out, rec, n, xs, xp, op, pairs, odd, groups */          \
            DWCOL_PAIRS(P)                                                                       \
            "sub    r5, r5, r10, lsl #1\n"                                                       \
            "mla    r3, r3, r6, r1\n" /* the end of the outputs */                               \
            "stm    sp, {r2-r5}\n"                                                               \
            "lsls   r10, r7, #4\n" /* bytes: 16 bias + 16 pairs + 8 odd + RQB */                 \
            "add    r10, r10, r8, lsl #3\n"                                                      \
            "adds   r10, r10, #16 + " NNOM_STR(RQB) "\n"                                         \
            "add    lr, sp, #20\n"                                                               \
            "stm    lr, {r0, r1, r9, r10" SAVE "}\n"                                             \
            "mov    r11, r4\n"                                                                   \
            "mov    r2, r1\n"                                                                    \
            "mov    r3, r6\n"                                                                    \
            "cmp    r8, #0\n"                                                                    \
            "bne    " P "_odd_entry\n"                                                           \
            DWCOL_LOOP(P "_even", "", RQ, TAIL, MAXP)                                               \
            "b      " P "_done\n"                                                                \
            P "_odd_entry:\n"                                                                    \
            DWCOL_LOOP(P "_odd", DWCOL_ODD, RQ, TAIL, MAXP)                                         \
            DWCOL_END(NAME, P, FRAME))
DWCOL_FN("nnom_dwcol_s8", ".Ldwcol", DWCOL_RQ4, 48, "36",
         "push   {r4-r11, lr}\n"
         "sub    sp, sp, #36\n",
         "", DWCOL_NO_LAST, NNOM_DW_GROUP_MAX_TAPS / 2);
DWCOL_FN("nnom_dwcol_sc_s8", ".Ldwcsc", DWCOL_SC4, 32, "36",
         "push   {r4-r11, lr}\n"
         "sub    sp, sp, #36\n",
         "", DWCOL_NO_LAST, NNOM_DW_GROUP_MAX_TAPS / 2);
/* with the overlapping last group: [36] rest (r11 before xs) */
DWCOL_FN("nnom_dwcol_sco_s8", ".Ldwcsco", DWCOL_SC4, 32, "40",
         "push   {r4-r11, lr}\n"
         "sub    sp, sp, #40\n"
         "mov    r11, r1\n",
         ", r11", DWCOL_LAST_GROUP, NNOM_DW_GROUP_MAX_TAPS / 2);
/* nnom_dwcol_s8 on windows of up to NNOM_DWCOL_LONG_TAPS taps (tag 43's
 * lines past NNOM_DW_GROUP_MAX_TAPS: a (7,7) window over 8x8, 55 taps);
 * its own text, so that the others' unrolled pairs stay as they were. */
DWCOL_FN("nnom_dwcol_long_s8", ".Ldwclong", DWCOL_RQ4, 48, "36",
         "push   {r4-r11, lr}\n"
         "sub    sp, sp, #36\n",
         "", DWCOL_NO_LAST, NNOM_DWCOL_LONG_TAPS / 2);

/* nnom_dwcol_cm_s8(job r0): nnom_dwcol_s8's job with the loops swapped:
 * the groups (4 bytes apart, their records one after the other) at each
 * of the n places (x xp and out op apart), so that a group's step is an
 * output's (~8 instructions against ~17). Stack as nnom_dwcol_s8's but
 * [4] the end of a place's groups, [28] places left, [32] xp, [36] op.
 * Windows of up to 2 NNOM_DWCOL_CM_PAIRS + 1 taps. DWCOL_CM_FN is its
 * text for a requantisation RQ (labels from P). */
#define DWCOL_CM_FN(NAME, P, RQ)                                                                 \
    __asm__(NNOM_ASM_FUNC(NAME)                                                                  \
            "push   {r4-r11, lr}\n"                                                              \
            "sub    sp, sp, #40\n"                                                               \
            "ldm    r0, {r0-r9}\n" /* x, out, rec, n, xs, xp, op, pairs, odd, groups */          \
            "strd   r5, r6, [sp, #32]\n"                                                         \
            DWCOL_PAIRS(P)                                                                       \
            "movs   r5, #4\n"                                                                    \
            "sub    r5, r5, r10, lsl #1\n" /* to the next group's window */                      \
            "add    r9, r1, r9, lsl #2\n"  /* the end of a place's groups */                     \
            "add    lr, sp, #20\n"                                                               \
            "stm    lr, {r0, r1, r3}\n" /* x, out, places (n) */                                 \
            "mov    r3, r9\n"                                                                    \
            "stm    sp, {r2-r5}\n"                                                               \
            "mov    r11, r4\n"                                                                   \
            "mov    r2, r1\n"                                                                    \
            "cmp    r8, #0\n"                                                                    \
            "bne    " P "_odd_entry\n"                                                           \
            DWCOL_BODY(P "_even", "", NNOM_DWCOL_CM_PAIRS, RQ)                                   \
            DWCOL_PLACES(P "_even")                                                              \
            "b      " P "_done\n"                                                                \
            P "_odd_entry:\n"                                                                    \
            DWCOL_BODY(P "_odd", DWCOL_ODD, NNOM_DWCOL_CM_PAIRS, RQ)                             \
            DWCOL_PLACES(P "_odd")                                                               \
            DWCOL_END(NAME, P, "40"))
DWCOL_CM_FN("nnom_dwcol_cm_s8", ".Ldwcm", DWCOL_RQ4);
DWCOL_CM_FN("nnom_dwcol_cmsc_s8", ".Ldwcmsc", DWCOL_SC4);

#else
typedef int nnom_local_dwcol_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
