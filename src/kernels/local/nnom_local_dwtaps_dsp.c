/*
 * nnom_local_dwtaps_dsp.c - depthwise groups of four lanes over taps at
 * any offsets (see nnom_local_dwtaps.h), in assembly: nnom_dwcol_s8's
 * arithmetic (nnom_local_dwcol_dsp.c) with each pair of taps' offsets read
 * from the list (one LDRD in place of its pointer step), 15 instructions
 * for 8 MACs. The C loop it replaces spilled its sums: 26 per pair.
 */
#include "nnom_local_dwtaps.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

typedef char nnom_dwtaps_job_layout_t[offsetof(nnom_dwtaps_job_t, off) == 12 &&
                                              offsetof(nnom_dwtaps_job_t, ostep) == 24 &&
                                              offsetof(nnom_dwtaps_job_t, odd) == 32
                                          ? 1
                                          : -1];

/* One pair of taps (r0 the window, r11 their offsets, the records at r1):
 * 15 instructions of 4 bytes each (DWTAPS_PAIR_BYTES), so that the loop
 * enters the unrolled pairs at the layer's count of them. */
#define DWTAPS_PAIR                                                                              \
    "ldrd   r8, r9, [r11], #8\n"                                                                 \
    "ldr.w  r8, [r0, r8]\n"                                                                      \
    "ldr.w  r9, [r0, r9]\n"                                                                      \
    NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3)
#define DWTAPS_PAIR_BYTES 60

/* The output loop (label L) with (ODD 1) or without the last single tap.
 * r0 the window, r1 the records, r2 the output, r3 ostep, r4-r7 the sums,
 * r11 the offsets; r8-r10, r12, lr scratch. Stack: [0] off, [8] xstep,
 * [12] the end of the outputs, [16] rec, [20] the entry into the pairs
 * (NNOM_DW_GROUP_MAX_TAPS / 2 blocks, entered at the end less the layer's
 * pairs). */
#define DWTAPS_LOOP(L, ODD)                                                                      \
    "adr.w  r8, " L "e\n"                                                                        \
    "sub    r8, r8, r12\n"                                                                       \
    "orr    r8, r8, #1\n"                                                                        \
    "str    r8, [sp, #20]\n"                                                                     \
    L ":\n"                                                                                      \
    "ldrd   r1, r8, [sp, #16]\n"                                                                 \
    "ldr    r11, [sp, #0]\n"                                                                     \
    "ldm    r1!, {r4-r7}\n"                                                                      \
    "bx     r8\n"                                                                                \
    L "s:\n"                                                                                     \
    ".rept " NNOM_STR(NNOM_DW_GROUP_MAX_TAPS) " / 2\n"                                         \
    DWTAPS_PAIR                                                                                  \
    ".endr\n"                                                                                    \
    L "e:\n"                                                                                     \
    ".if " L "e - " L "s != " NNOM_STR(NNOM_DW_GROUP_MAX_TAPS) " / 2 * "                       \
    NNOM_STR(DWTAPS_PAIR_BYTES) "\n"                                                           \
    ".error \"nnom_dwtaps_s8: a pair of taps is not 60 bytes\"\n"                                \
    ".endif\n"                                                                                   \
    ODD                                                                                          \
    NNOM_DWCOL_RQ4                                                                               \
    "str    r4, [r2]\n"                                                                          \
    "add    r2, r2, r3\n"                                                                        \
    "ldrd   r8, r9, [sp, #8]\n"                                                                  \
    "add    r0, r0, r8\n"                                                                        \
    "cmp    r2, r9\n"                                                                            \
    "bne    " L "\n"

/* the last tap: (a0, a2) and (a1, a3) against (w0, w2) and (w1, w3), one
 * product each */
#define DWTAPS_ODD                                                                               \
    "ldr    r8, [r11]\n"                                                                         \
    "ldr    r8, [r0, r8]\n"                                                                      \
    "sxtb16 r10, r8\n"                                                                           \
    "sxtb16 r9, r8, ror #8\n"                                                                    \
    "ldrd   r8, r12, [r1], #8\n"                                                                 \
    "smlabb r4, r10, r8, r4\n"                                                                   \
    "smlatt r6, r10, r8, r6\n"                                                                   \
    "smlabb r5, r9, r12, r5\n"                                                                   \
    "smlatt r7, r9, r12, r7\n"

/* nnom_dwtaps_s8(job r0); then r4-r11, lr on the stack. */
__asm__(NNOM_ASM_FUNC("nnom_dwtaps_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #28\n"
        "ldm    r0, {r0-r8}\n" /* x, out, rec, off, n, xstep, ostep, pairs, odd */
        "str    r3, [sp, #0]\n"
        "mla    r4, r4, r6, r1\n" /* the end of the outputs */
        "strd   r5, r4, [sp, #8]\n"
        "str    r2, [sp, #16]\n"
        "movs   r10, #" NNOM_STR(DWTAPS_PAIR_BYTES) "\n"
        "mul    r12, r7, r10\n" /* bytes of the pairs' code run */
        "mov    r2, r1\n"
        "mov    r3, r6\n"
        "cmp    r8, #0\n"
        "bne    .Ldwtaps_odd_entry\n"
        DWTAPS_LOOP(".Ldwtaps_even", "")
        "b      .Ldwtaps_done\n"
        ".Ldwtaps_odd_entry:\n"
        DWTAPS_LOOP(".Ldwtaps_odd", DWTAPS_ODD)
        ".Ldwtaps_done:\n"
        "add    sp, sp, #28\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwtaps_s8, .-nnom_dwtaps_s8\n"
        ".text\n");

#else
typedef int nnom_local_dwtaps_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
