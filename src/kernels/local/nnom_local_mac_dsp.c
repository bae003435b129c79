/*
 * nnom_local_mac_dsp.c - the inner loops of the convolution and fully
 * connected kernels on cores with the DSP extension, -O2 builds (-Os keeps
 * the C loops: less code). Written as whole functions in assembly because
 * they need all fourteen registers: C compilers spill some of them inside
 * the loop, which cost a third more instructions per multiply.
 *
 * Each takes raw int8 inputs (the callers use bias_folded, so no zero point
 * is subtracted) and int8 weights in the order of the layer (no reordering
 * at conversion); the few-channel convolution's loop takes the weights its
 * caller widened into the scratch (nnom_local_conv_col_s8.c). SXTB16 of a
 * word and of it rotated by 8 gives the pairs (v0, v2) and (v1, v3), which
 * SMLAD multiplies against the same pairs of the weight word.
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* The assembly reads the jobs' fields at these offsets (a negative array
 * size stops the build if they move). */
typedef char nnom_pair_job_layout_t[offsetof(nnom_pair_job_t, step) == 24 &&
                                            offsetof(nnom_pair_job_t, zp2) == 52 &&
                                            offsetof(nnom_pair_job_t, off) == 68 &&
                                            offsetof(nnom_pair_job_t, ostep) == 80
                                        ? 1
                                        : -1];
typedef char nnom_col_job_layout_t[offsetof(nnom_col_job_t, K4) == 12 &&
                                           offsetof(nnom_col_job_t, oc) == 28 &&
                                           offsetof(nnom_col_job_t, lo4) == 36 &&
                                           offsetof(nnom_col_job_t, xstep) == 44
                                       ? 1
                                       : -1];
typedef char nnom_fc_job_layout_t[offsetof(nnom_fc_job_t, units) == 24 &&
                                          offsetof(nnom_fc_job_t, hi) == 40
                                      ? 1
                                      : -1];

/* 2x2: four values of pixels a (r0) and b (r2) times channels 0 (r1) and
 * 1 (r3) into r4 (a0), r5 (b0), r6 (a1), r7 (b1). */
#define MAC2X2_STEP                                                                              \
    "ldr    r8, [r0], #4\n"                                                                      \
    "ldr    r9, [r1], #4\n"                                                                      \
    "sxtb16 r10, r8\n"                                                                           \
    "sxtb16 r8, r8, ror #8\n"                                                                    \
    "sxtb16 r11, r9\n"                                                                           \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "smlad  r4, r10, r11, r4\n"                                                                  \
    "smlad  r4, r8, r9, r4\n"                                                                    \
    "ldr    r12, [r2], #4\n"                                                                     \
    "sxtb16 lr, r12\n"                                                                           \
    "sxtb16 r12, r12, ror #8\n"                                                                  \
    "smlad  r5, lr, r11, r5\n"                                                                   \
    "smlad  r5, r12, r9, r5\n"                                                                   \
    "ldr    r9, [r3], #4\n"                                                                      \
    "sxtb16 r11, r9\n"                                                                           \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "smlad  r6, r10, r11, r6\n"                                                                  \
    "smlad  r6, r8, r9, r6\n"                                                                    \
    "smlad  r7, lr, r11, r7\n"                                                                   \
    "smlad  r7, r12, r9, r7\n"

/* The same with the zero point subtracted: x + [sp, #36] per halfword. */
#define MAC2X2_STEP_ZP                                                                           \
    "ldr    r8, [r0], #4\n"                                                                      \
    "ldr    r10, [sp, #36]\n"                                                                    \
    "sxtab16 r11, r10, r8\n"                                                                     \
    "sxtab16 r8, r10, r8, ror #8\n"                                                              \
    "ldr    r12, [r2], #4\n"                                                                     \
    "sxtab16 lr, r10, r12\n"                                                                     \
    "sxtab16 r12, r10, r12, ror #8\n"                                                            \
    "ldr    r9, [r1], #4\n"                                                                      \
    "sxtb16 r10, r9\n"                                                                           \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "smlad  r4, r11, r10, r4\n"                                                                  \
    "smlad  r4, r8, r9, r4\n"                                                                    \
    "smlad  r5, lr, r10, r5\n"                                                                   \
    "smlad  r5, r12, r9, r5\n"                                                                   \
    "ldr    r9, [r3], #4\n"                                                                      \
    "sxtb16 r10, r9\n"                                                                           \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "smlad  r6, r11, r10, r6\n"                                                                  \
    "smlad  r6, r8, r9, r6\n"                                                                    \
    "smlad  r7, lr, r10, r7\n"                                                                   \
    "smlad  r7, r12, r9, r7\n"

/* The function's head: a section of its own (unused ones are dropped
 * by the linker), Thumb code. */
/* acc (r4: a0 / r6: a1) and the one of pixel b (r5 / r7) requantised into
 * [r8] and [r8 + r9]: r0 mult, r1 shift (clobbered), r2 2 zp + 1, r10 lo,
 * r11 hi; the fast form of nnom_local_simd.h (the caller checked that it
 * applies), then CLAMP. Uses r3, r12, lr. */
#define RQ_TWO(A, B, CLAMP)                                                                      \
    RQ_BASE                                                                                      \
    RQ_ONE(A, "[r8]", CLAMP)                                                                     \
    RQ_ONE(B, "[r8, r9]", CLAMP)
#define RQ_BASE                                                                                  \
    "mvn    r1, r1\n"          /* sh = e - 1 */                                                  \
    "sub    lr, r1, #1\n"                                                                        \
    "lsl    lr, r2, lr\n"      /* base = (2 zp + 1) 2^(e-2) */
#define RQ_ONE(A, AT, CLAMP)                                                                     \
    "and    r3, " A ", #0x80000000\n"                                                            \
    "orr    r3, r3, #0x40000000\n"                                                               \
    "add    r12, lr, " A ", asr #31\n"                                                           \
    "smlal  r3, r12, " A ", r0\n"                                                                \
    "asr    r12, r12, r1\n"                                                                      \
    CLAMP                                                                                        \
    "strb   r12, " AT "\n"
/* r12 clamped to [r10, r11]; to [-128, 127] when those are the bounds */
#define CLAMP_LOHI                                                                               \
    "cmp    r12, r10\n"                                                                          \
    "it     lt\n"                                                                                \
    "movlt  r12, r10\n"                                                                          \
    "cmp    r12, r11\n"                                                                          \
    "it     gt\n"                                                                                \
    "movgt  r12, r11\n"
#define CLAMP_S8 "ssat   r12, #8, r12\n"

/* Channel c1's output and constants (r8, r0, r1), c1 at [sp, #20]. */
#define CONV_C1                                                                                  \
    "ldr    r3, [sp, #20]\n"                                                                     \
    "ldr    r8, [sp, #64]\n"                                                                     \
    "add    r8, r8, r3\n"                                                                        \
    "ldrd   r0, r1, [sp, #56]\n"                                                                 \
    "ldr    r0, [r0, r3, lsl #2]\n"                                                              \
    "ldr    r1, [r1, r3, lsl #2]\n"

/* nnom_conv_pair_s8(job r0). Stack: [0] the row's end in w0, [4] rows
 * left, [8] job, [12] c, [16] channel c's weights, [20] c1, [24] n,
 * [28] skip, [32] wskip, [36] off, [40] off | wskip, then the job's fields
 * read once: [48] x, [52] x + dx, [56] mult, [60] shift, [64] out, [68] 2 K,
 * [72] 1 when [lo, hi] is the int8 range, [76] lo, [80] hi, [84] bias,
 * [88] oc, [92] K, [96] rows, [100] step, [104] 2 zp + 1, [108] pairs
 * left, [112] xstep, [116] ostep; then r4-r11, lr. */
__asm__(NNOM_ASM_FUNC("nnom_conv_pair_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #124\n"
        "str    r0, [sp, #8]\n"
        "ldr    r1, [r0, #72]\n"
        "str    r1, [sp, #108]\n"
        "ldr    r1, [r0, #76]\n"
        "str    r1, [sp, #112]\n"
        "ldr    r1, [r0, #80]\n"
        "str    r1, [sp, #116]\n"
        "movs   r1, #0\n"
        "str    r1, [sp, #12]\n"
        "ldr    r1, [r0, #4]\n"
        "str    r1, [sp, #16]\n"
        "ldr    r1, [r0, #40]\n"
        "ands   r3, r1, #3\n"
        "str    r3, [sp, #120]\n" /* the bytes after the last word */
        "bic    r1, r1, #3\n"
        "str    r1, [sp, #24]\n"
        "ldr    r1, [r0, #48]\n"
        "str    r1, [sp, #28]\n"
        "ldr    r1, [r0, #64]\n"
        "str    r1, [sp, #32]\n"
        "ldr    r2, [r0, #68]\n"
        "str    r2, [sp, #36]\n"
        /* the row loop (Thumb address): raw and contiguous, the same
           with a tail, or with the zero point and the weight skip */
        "adr    r12, 1f\n"
        "cmp    r3, #0\n"
        "it     ne\n"
        "adrne  r12, 51f\n"
        "orrs   r1, r1, r2\n"
        "it     ne\n"
        "adrne  r12, 5f\n"
        "orr    r12, r12, #1\n"
        "str    r12, [sp, #40]\n"
        "ldm    r0, {r1-r3}\n"   /* x, w, bias */
        "str    r1, [sp, #48]\n"
        "str    r3, [sp, #84]\n"
        "ldr    r2, [r0, #36]\n"
        "add    r1, r1, r2\n"
        "str    r1, [sp, #52]\n"
        "ldr    r1, [r0, #12]\n"
        "str    r1, [sp, #56]\n"
        "ldr    r1, [r0, #16]\n"
        "str    r1, [sp, #60]\n"
        "ldr    r1, [r0, #20]\n"
        "str    r1, [sp, #64]\n"
        "ldr    r1, [r0, #32]\n"
        "str    r1, [sp, #92]\n"
        "lsl    r1, r1, #1\n"
        "str    r1, [sp, #68]\n"
        "ldr    r1, [r0, #56]\n"
        "str    r1, [sp, #76]\n"
        "ldr    r2, [r0, #60]\n"
        "str    r2, [sp, #80]\n"
        "movs   r3, #0\n"
        "cmn    r1, #128\n"
        "it     eq\n"
        "cmpeq  r2, #127\n"
        "it     eq\n"
        "moveq  r3, #1\n"
        "str    r3, [sp, #72]\n"  /* the bounds are the int8 range */
        "ldr    r1, [r0, #28]\n"
        "str    r1, [sp, #88]\n"
        "ldr    r1, [r0, #44]\n"
        "str    r1, [sp, #96]\n"
        "ldr    r1, [r0, #24]\n"
        "str    r1, [sp, #100]\n"
        "ldr    r1, [r0, #52]\n"
        "str    r1, [sp, #104]\n"
        "ldr    r1, [sp, #16]\n"
        "movs   r9, #0\n"
        "ldr    r10, [sp, #88]\n"
        "4:\n" /* channels c (r9) and c1 = c + 1 (c when it is the last), r10
                  oc, r1 c's weights */
        "ldr    r12, [sp, #92]\n" /* K: c1's weights after c's */
        "adds   r11, r9, #1\n"
        "cmp    r11, r10\n"
        "itt    ge\n"
        "movge  r11, r9\n"
        "movge  r12, #0\n"
        "str    r11, [sp, #20]\n"
        "ldr    r8, [sp, #84]\n"
        "ldr    r4, [r8, r9, lsl #2]\n"
        "mov    r5, r4\n"
        "ldr    r6, [r8, r11, lsl #2]\n"
        "mov    r7, r6\n"
        "ldrd   r0, r2, [sp, #48]\n"
        "add    r3, r1, r12\n"
        "ldr    r8, [sp, #96]\n"
        "str    r8, [sp, #4]\n"
        "ldr    pc, [sp, #40]\n"
        ".p2align 2\n"
        "1:\n" /* a row of n bytes (4 and 8 first if they are in n), raw */
        "ldr    lr, [sp, #24]\n"
        "add    r8, r1, lr\n"
        "str    r8, [sp, #0]\n"
        "tst    lr, #12\n"
        "beq    13f\n" /* n a multiple of 16 (so at least 16) */
        "tst    lr, #4\n"
        "beq    11f\n"
        MAC2X2_STEP
        "ldr    lr, [sp, #24]\n"
        "11:\n"
        "tst    lr, #8\n"
        "beq    12f\n"
        MAC2X2_STEP
        MAC2X2_STEP
        "12:\n"
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "beq    3f\n"
        "13:\n" /* sixteen values per iteration */
        MAC2X2_STEP
        MAC2X2_STEP
        MAC2X2_STEP
        MAC2X2_STEP
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "bne    13b\n"
        "3:\n" /* the next row, if any */
        "ldr    lr, [sp, #4]\n"
        "subs   lr, lr, #1\n"
        "beq    30f\n"
        "str    lr, [sp, #4]\n"
        "ldr    lr, [sp, #28]\n"
        "add    r0, r0, lr\n"
        "add    r2, r2, lr\n"
        "b      1b\n"
        ".p2align 2\n"
        "51:\n" /* raw and contiguous rows of whole words and 1-3 bytes */
        "ldr    lr, [sp, #24]\n"
        "add    r8, r1, lr\n"
        "str    r8, [sp, #0]\n"
        "tst    lr, #12\n"
        "beq    54f\n"
        "tst    lr, #4\n"
        "beq    52f\n"
        MAC2X2_STEP
        "ldr    lr, [sp, #24]\n"
        "52:\n"
        "tst    lr, #8\n"
        "beq    53f\n"
        MAC2X2_STEP
        MAC2X2_STEP
        "53:\n"
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "beq    55f\n"
        "54:\n"
        MAC2X2_STEP
        MAC2X2_STEP
        MAC2X2_STEP
        MAC2X2_STEP
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "bne    54b\n"
        "55:\n" /* the last 1-3 bytes, one at a time */
        "ldr    lr, [sp, #120]\n"
        "56:\n"
        "ldrsb  r8, [r0], #1\n"
        "ldrsb  r9, [r1], #1\n"
        "ldrsb  r10, [r2], #1\n"
        "ldrsb  r11, [r3], #1\n"
        "smlabb r4, r8, r9, r4\n"
        "smlabb r5, r10, r9, r5\n"
        "smlabb r6, r8, r11, r6\n"
        "smlabb r7, r10, r11, r7\n"
        "subs   lr, lr, #1\n"
        "bne    56b\n"
        "ldr    lr, [sp, #4]\n" /* the next row, if any */
        "subs   lr, lr, #1\n"
        "beq    30f\n"
        "str    lr, [sp, #4]\n"
        "ldr    lr, [sp, #28]\n"
        "add    r0, r0, lr\n"
        "add    r2, r2, lr\n"
        "b      51b\n"
        ".p2align 2\n"
        "5:\n" /* the same with the zero point and the weight skip */
        "ldr    lr, [sp, #24]\n"
        "add    r8, r1, lr\n"
        "str    r8, [sp, #0]\n"
        "tst    lr, #12\n"
        "beq    16f\n"
        "tst    lr, #4\n"
        "beq    14f\n"
        MAC2X2_STEP_ZP
        "ldr    lr, [sp, #24]\n"
        "14:\n"
        "tst    lr, #8\n"
        "beq    15f\n"
        MAC2X2_STEP_ZP
        MAC2X2_STEP_ZP
        "15:\n"
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "beq    6f\n"
        "16:\n" /* sixteen values per iteration */
        MAC2X2_STEP_ZP
        MAC2X2_STEP_ZP
        MAC2X2_STEP_ZP
        MAC2X2_STEP_ZP
        "ldr    lr, [sp, #0]\n"
        "cmp    r1, lr\n"
        "bne    16b\n"
        "6:\n"
        "ldr    lr, [sp, #4]\n"
        "subs   lr, lr, #1\n"
        "beq    30f\n"
        "str    lr, [sp, #4]\n"
        "ldr    lr, [sp, #28]\n"
        "add    r0, r0, lr\n"
        "add    r2, r2, lr\n"
        "ldr    lr, [sp, #32]\n"
        "add    r1, r1, lr\n"
        "add    r3, r3, lr\n"
        "b      5b\n"
        "30:\n" /* requantise: channel c from r4, r5, then c1 from r6, r7 */
        "ldrd   r9, r2, [sp, #100]\n"
        "ldr    r3, [sp, #12]\n"
        "ldr    r8, [sp, #64]\n"
        "add    r8, r8, r3\n"
        "ldrd   r0, r1, [sp, #56]\n"
        "ldr    r0, [r0, r3, lsl #2]\n"
        "ldr    r1, [r1, r3, lsl #2]\n"
        "ldr    r10, [sp, #72]\n"
        "cmp    r10, #0\n"
        "beq    20f\n"
        RQ_TWO("r4", "r5", CLAMP_S8)
        CONV_C1
        RQ_TWO("r6", "r7", CLAMP_S8)
        "b      21f\n"
        "20:\n"
        "ldrd   r10, r11, [sp, #76]\n"
        RQ_TWO("r4", "r5", CLAMP_LOHI)
        CONV_C1
        RQ_TWO("r6", "r7", CLAMP_LOHI)
        "21:\n" /* the next two channels (r1, r9, r10 as at 4) */
        "ldrd   r9, r1, [sp, #12]\n"
        "ldr    r12, [sp, #68]\n"
        "add    r1, r1, r12\n"
        "adds   r9, r9, #2\n"
        "strd   r9, r1, [sp, #12]\n"
        "ldr    r10, [sp, #88]\n"
        "cmp    r9, r10\n"
        "blt    4b\n"
        "ldr    r8, [sp, #108]\n" /* the next pixel pair, if any */
        "subs   r8, r8, #1\n"
        "beq    40f\n"
        "str    r8, [sp, #108]\n"
        "ldr    r8, [sp, #112]\n"
        "ldr    r9, [sp, #48]\n"
        "add    r9, r9, r8\n"
        "str    r9, [sp, #48]\n"
        "ldr    r9, [sp, #52]\n"
        "add    r9, r9, r8\n"
        "str    r9, [sp, #52]\n"
        "ldr    r8, [sp, #116]\n"
        "ldr    r9, [sp, #64]\n"
        "add    r9, r9, r8\n"
        "str    r9, [sp, #64]\n"
        "ldr    r0, [sp, #8]\n"
        "ldr    r1, [r0, #4]\n"
        "str    r1, [sp, #16]\n"
        "movs   r9, #0\n"
        "str    r9, [sp, #12]\n"
        "b      4b\n"
        "40:\n"
        "add    sp, sp, #124\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_conv_pair_s8, .-nnom_conv_pair_s8\n"
        ".text\n");


/* A (twice the sum: the weights and biases are doubled) requantised in
 * place and saturated to 8 bits, with the next channel's mult, base, sh
 * from [r1]: as nnom_rq_fast() with base = (2 zp + 1) 2^(e-1) and sh = e,
 * whose rounding constant is then 2^31 whatever the sign (the form of
 * nnom_local_conv1ch_s8.c), which SMMLAR adds itself: the high word of
 * (base + sign) 2^32 + A mult + 2^31; uses r3, r8-r10. */
#define COL_RQ(A)                                                                                \
    "ldm    r1!, {r8-r10}\n"                                                                     \
    "add    r3, r9, " A ", asr #31\n"                                                            \
    "smmlar " A ", " A ", r8, r3\n"                                                              \
    "asr    " A ", " A ", r10\n"                                                                 \
    "ssat   " A ", #8, " A "\n"

#define COL_STEPS1 "sub    r4, r4, #1\n"
/* A window's last step when K % 4 == 1 (nnom_conv_col_t1_s8): one value
 * (the padding past K has zero weights), so only the even pairs, with x0
 * sign-extended to a word (its high half meets the zero weight of x2). */
#define COL_STEP1                                                                                \
    "ldrsb  r8, [r0]\n"                                                                          \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r5, r8, r12, r5\n"                                                                   \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r6, r8, r10, r6\n"                                                                   \
    "smlad  r7, r8, r12, r7\n"

/* nnom_conv_col_s8(job r0), and with LAST COL_STEP1 (the loop one step
 * short: BYTES "sub r4, r3, #32", STEPS "sub r4, r4, #1", at least two
 * steps) nnom_conv_col_t1_s8. Stack: [0] the pixel's window, [4] its first
 * output, [8] the end of the packed groups, [12] tail, [16] the MAC loop's
 * entry (Thumb bit set: LDR PC), [20] the end of the windows, [24] the
 * loop's weight bytes of a group, [28] clamp, [32] xstep, [36] oc, [40]
 * pk, [44] lo4, [48] hi4; then r4-r11, lr. r2: the group's output. */
#define COL_WIDE(name, BYTES, STEPS, LAST)                                                       \
    NNOM_ASM_FUNC(#name)                                                                         \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #56\n"                                                                       \
    "ldm    r0, {r1-r3}\n" /* x, pk, out */                                                      \
    "str    r1, [sp, #0]\n"                                                                      \
    "str    r3, [sp, #4]\n"                                                                      \
    "str    r2, [sp, #40]\n"                                                                     \
    "ldr    r1, [r0, #12]\n"                                                                     \
    "lsl    r3, r1, #3\n" /* 32 bytes per step of four values */                                 \
    "mov    r4, r3\n" BYTES                                                                      \
    "str    r4, [sp, #24]\n"                                                                     \
    /* the loop's entry: 8 - steps % 8 steps into its eight */                                   \
    "lsr    r4, r1, #2\n" STEPS                                                                  \
    "rsb    r4, r4, #0\n"                                                                        \
    "and    r4, r4, #7\n"                                                                        \
    "mov    r5, #52\n" /* bytes per step */                                                      \
    "mul    r4, r4, r5\n"                                                                        \
    "adr    r5, 30f\n"                                                                           \
    "add    r4, r4, r5\n"                                                                        \
    "orr    r4, r4, #1\n"                                                                        \
    "str    r4, [sp, #16]\n"                                                                     \
    /* the end of the packed groups: 64 + 8 K4 bytes each */                                    \
    "add    r3, r3, #64\n"                                                                       \
    "ldr    r4, [r0, #16]\n"                                                                     \
    "mul    r3, r3, r4\n"                                                                        \
    "add    r3, r3, r2\n"                                                                        \
    "str    r3, [sp, #8]\n"                                                                      \
    "ldr    r1, [r0, #20]\n"                                                                     \
    "str    r1, [sp, #12]\n"                                                                     \
    "ldr    r1, [r0, #24]\n" /* x + pixels xstep */                                             \
    "ldr    r3, [r0, #44]\n"                                                                     \
    "ldr    r4, [sp, #0]\n"                                                                      \
    "mla    r1, r1, r3, r4\n"                                                                    \
    "str    r1, [sp, #20]\n"                                                                     \
    "str    r3, [sp, #32]\n"                                                                     \
    "ldr    r1, [r0, #28]\n"                                                                     \
    "str    r1, [sp, #36]\n"                                                                     \
    "ldr    r1, [r0, #32]\n"                                                                     \
    "str    r1, [sp, #28]\n"                                                                     \
    "ldr    r1, [r0, #36]\n"                                                                     \
    "str    r1, [sp, #44]\n"                                                                     \
    "ldr    r1, [r0, #40]\n"                                                                     \
    "str    r1, [sp, #48]\n"                                                                     \
    "ldr    r2, [sp, #4]\n"                                                                      \
    "ldr    r0, [sp, #0]\n"                                                                      \
    "ldr    r1, [sp, #40]\n"                                                                     \
    "b      3f\n"                                                                                \
    "2:\n" /* a group of four channels: r1 its block, r2 its output */                          \
    "ldr    r0, [sp, #0]\n"                                                                      \
    "3:\n" /* r0 the pixel's window */                                                           \
    "ldm    r1!, {r4-r7}\n" /* biases */                                                         \
    "ldr    r3, [sp, #24]\n"                                                                     \
    "add    r3, r3, r1\n"                                                                        \
    "ldr    pc, [sp, #16]\n"                                                                     \
    ".p2align 2\n"                                                                               \
    "30:\n" /* eight steps per turn, the first turn entered inside */                           \
    NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4                                   \
    NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4                                   \
    "31:\n"                                                                                      \
    ".if (31b - 30b) != 8 * 52\n"                                                                \
    ".error \"NNOM_COL_STEP4 is not 52 bytes\"\n"                                                \
    ".endif\n"                                                                                   \
    "cmp    r1, r3\n"                                                                            \
    "bne    30b\n" LAST                                                                          \
    /* requantise, clamp, four bytes in one word */                                              \
    COL_RQ("r4")                                                                                 \
    COL_RQ("r5")                                                                                 \
    COL_RQ("r6")                                                                                 \
    COL_RQ("r7")                                                                                 \
    "bfi    r4, r5, #8, #8\n"                                                                    \
    "bfi    r4, r6, #16, #8\n"                                                                   \
    "bfi    r4, r7, #24, #8\n"                                                                   \
    "ldr    r0, [sp, #28]\n"                                                                     \
    "cbz    r0, 5f\n"                                                                            \
    "ldrd   r8, r9, [sp, #44]\n" /* lo, hi per byte: max, then min */                           \
    "ssub8  r10, r4, r8\n"                                                                       \
    "sel    r4, r4, r8\n"                                                                        \
    "ssub8  r10, r9, r4\n"                                                                       \
    "sel    r4, r4, r9\n"                                                                        \
    "5:\n"                                                                                       \
    "ldr    r3, [sp, #8]\n"                                                                      \
    "cmp    r1, r3\n"                                                                            \
    "beq    6f\n"                                                                                \
    "str    r4, [r2], #4\n"                                                                      \
    "b      2b\n"                                                                                \
    "6:\n" /* the last group: its channels only */                                              \
    "ldr    r3, [sp, #12]\n"                                                                     \
    "cmp    r3, #4\n"                                                                            \
    "bne    61f\n"                                                                               \
    "str    r4, [r2]\n"                                                                          \
    "7:\n" /* the next pixel, if any */                                                          \
    "ldrd   r0, r2, [sp, #0]\n"                                                                  \
    "ldrd   r3, r12, [sp, #32]\n"                                                                \
    "add    r0, r0, r3\n"                                                                        \
    "add    r2, r2, r12\n"                                                                       \
    "ldr    r3, [sp, #20]\n"                                                                     \
    "cmp    r0, r3\n"                                                                            \
    "beq    9f\n"                                                                                \
    "strd   r0, r2, [sp, #0]\n"                                                                  \
    "ldr    r1, [sp, #40]\n"                                                                     \
    "b      3b\n"                                                                                \
    "9:\n"                                                                                       \
    "add    sp, sp, #56\n"                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    "61:\n"                                                                                      \
    "strb   r4, [r2], #1\n"                                                                      \
    "lsr    r4, r4, #8\n"                                                                        \
    "subs   r3, r3, #1\n"                                                                        \
    "bne    61b\n"                                                                               \
    "b      7b\n"                                                                                \
    ".size " #name ", .-" #name "\n"                                                             \
    ".text\n"

__asm__(COL_WIDE(nnom_conv_col_s8, "", "", ""));
__asm__(COL_WIDE(nnom_conv_col_t1_s8, "sub    r4, r3, #32\n", COL_STEPS1, COL_STEP1));

/* The chunk's last group when it has one or two channels
 * (nnom_conv_col_narrow_s8, job r0: groups 1, the group at pk): the four-
 * channel step computes two or three channels nobody stores, so these
 * steps read their channels' weight words only (LDRD, 32 bytes a step as
 * NNOM_COL_STEP4's) and multiply into r4 (and r5). */
#define COL1_STEP                                                                                \
    "ldr    r9, [r0], #4\n"                                                                      \
    "sxtb16 r8, r9\n"                                                                            \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "ldrd   r10, r11, [r1], #32\n"                                                               \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r4, r9, r11, r4\n"
#define COL2_STEP                                                                                \
    "ldr    r9, [r0], #4\n"                                                                      \
    "sxtb16 r8, r9\n"                                                                            \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "ldrd   r12, lr, [r1, #8]\n"                                                                 \
    "ldrd   r10, r11, [r1], #32\n"                                                               \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r4, r9, r11, r4\n"                                                                   \
    "smlad  r5, r8, r12, r5\n"                                                                   \
    "smlad  r5, r9, lr, r5\n"
#define COL2_RQ COL_RQ("r4") COL_RQ("r5") "bfi    r4, r5, #8, #8\n"
/* their last steps when K % 4 == 1 (as COL_STEP1) */
#define COL1_STEP1                                                                               \
    "ldrsb  r8, [r0]\n"                                                                          \
    "ldr    r10, [r1], #32\n"                                                                    \
    "smlad  r4, r8, r10, r4\n"
#define COL2_STEP1                                                                               \
    "ldrsb  r8, [r0]\n"                                                                          \
    "ldr    r12, [r1, #8]\n"                                                                     \
    "ldr    r10, [r1], #32\n"                                                                    \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r5, r8, r12, r5\n"

/* One such function: its step of SB bytes, the requantisation RQ of r4
 * (and r5) into r4's low bytes, their store ST to [r7]. Stack: [0] pk,
 * [4] the weights' bytes, [8] the loop's entry, [12] xstep, [16] oc, [20]
 * clamp, [24] lo4, [28] hi4; r6 the pixel's window, r7 its output, r2
 * pixels left. */
#define COL_NARROW(name, STEP, SB, RQ, ST, BYTES, STEPS, LAST)                                  \
    NNOM_ASM_FUNC(#name)                                                                         \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #32\n"                                                               \
    "ldm    r0, {r1, r6, r7}\n" /* x, pk, out */                                                 \
    "str    r6, [sp, #0]\n"                                                                      \
    "mov    r6, r1\n"                                                                            \
    "ldr    r3, [r0, #12]\n"                                                                     \
    "lsl    r4, r3, #3\n" BYTES                                                                  \
    "str    r4, [sp, #4]\n"                                                                      \
    "lsr    r4, r3, #2\n" /* entry: 8 - steps % 8 steps into the eight */                        \
    STEPS                                                                                        \
    "rsb    r4, r4, #0\n"                                                                        \
    "and    r4, r4, #7\n"                                                                        \
    "mov    r5, #" #SB "\n"                                                                      \
    "mul    r4, r4, r5\n"                                                                        \
    "adr    r5, 30f\n"                                                                           \
    "add    r4, r4, r5\n"                                                                        \
    "str    r4, [sp, #8]\n"                                                                      \
    "ldr    r4, [r0, #44]\n"                                                                     \
    "str    r4, [sp, #12]\n"                                                                     \
    "ldr    r4, [r0, #28]\n"                                                                     \
    "str    r4, [sp, #16]\n"                                                                     \
    "ldr    r4, [r0, #32]\n"                                                                     \
    "str    r4, [sp, #20]\n"                                                                     \
    "ldrd   r4, r5, [r0, #36]\n"                                                                 \
    "strd   r4, r5, [sp, #24]\n"                                                                 \
    "ldr    r2, [r0, #24]\n"                                                                     \
    "1:\n"                                                                                       \
    "ldm    sp, {r1, r3, r12}\n"                                                                 \
    "ldrd   r4, r5, [r1], #16\n" /* biases */                                                    \
    "add    r3, r3, r1\n"                                                                        \
    "mov    r0, r6\n"                                                                            \
    "mov    pc, r12\n"                                                                           \
    ".p2align 2\n"                                                                               \
    "30:\n" STEP STEP STEP STEP STEP STEP STEP STEP "31:\n"                                      \
    ".if (31b - 30b) != 8 * " #SB "\n"                                                           \
    ".error \"" #name ": a step is not " #SB " bytes\"\n"                                        \
    ".endif\n"                                                                                   \
    "cmp    r1, r3\n"                                                                            \
    "bne    30b\n" LAST RQ "ldr    r0, [sp, #20]\n"                                              \
    "cbz    r0, 5f\n"                                                                            \
    "ldrd   r8, r9, [sp, #24]\n"                                                                 \
    "ssub8  r10, r4, r8\n"                                                                       \
    "sel    r4, r4, r8\n"                                                                        \
    "ssub8  r10, r9, r4\n"                                                                       \
    "sel    r4, r4, r9\n"                                                                        \
    "5:\n" ST "ldrd   r0, r3, [sp, #12]\n"                                                       \
    "add    r6, r6, r0\n"                                                                        \
    "add    r7, r7, r3\n"                                                                        \
    "subs   r2, r2, #1\n"                                                                        \
    "bne    1b\n"                                                                                \
    "add    sp, sp, #32\n"                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size " #name ", .-" #name "\n"                                                             \
    ".text\n"

__asm__(COL_NARROW(nnom_conv_col1_s8, COL1_STEP, 24, COL_RQ("r4"), "strb   r4, [r7]\n", "", "", ""));
__asm__(COL_NARROW(nnom_conv_col2_s8, COL2_STEP, 36, COL2_RQ, "strh   r4, [r7]\n", "", "", ""));
/* with LAST: the loop one step short */
#define COL_BYTES1 "sub    r4, r4, #32\n"
__asm__(COL_NARROW(nnom_conv_col1_t1_s8, COL1_STEP, 24, COL_RQ("r4"), "strb   r4, [r7]\n", COL_BYTES1,
                   COL_STEPS1, COL1_STEP1));
__asm__(COL_NARROW(nnom_conv_col2_t1_s8, COL2_STEP, 36, COL2_RQ, "strh   r4, [r7]\n", COL_BYTES1,
                   COL_STEPS1, COL2_STEP1));

/* 1x4: four values of x (r0) times rows 0..3 (r1, r2, r3, r12) into r4..r7. */
#define ROW(W, ACC)                                                                              \
    "ldr    r10, [" W "], #4\n"                                                                  \
    "sxtb16 r11, r10\n"                                                                          \
    "sxtb16 r10, r10, ror #8\n"                                                                  \
    "smlad  " ACC ", r9, r11, " ACC "\n"                                                         \
    "smlad  " ACC ", r8, r10, " ACC "\n"
#define MAC1X4_STEP                                                                              \
    "ldr    r8, [r0], #4\n"                                                                      \
    "sxtb16 r9, r8\n"                                                                            \
    "sxtb16 r8, r8, ror #8\n"                                                                    \
    ROW("r1", "r4") ROW("r2", "r5") ROW("r3", "r6") ROW("r12", "r7")

/* Row I of a group requantised into [r8, #I] (r9: &mult[o], r2: 2 zp + 1,
 * r10 lo, r11 hi), its shift loaded by SHIFT (FC_SH_STACK: from &shift[o]
 * at [sp, #8]; FC_SH_R11: from r11 = &shift[o] when hi is not needed), MID
 * run once r0 = mult and lr = e - 2, END after the store. */
#define FC_RQ(I, ACC, SHIFT, MID, CLAMP, END)                                                    \
    "ldr    r0, [r9, #" #I " * 4]\n"                                                             \
    SHIFT(I)                                                                                     \
    "mvn    r1, r1\n"          /* sh = e - 1 */                                                  \
    "sub    lr, r1, #1\n"                                                                        \
    MID                                                                                          \
    "lsl    lr, r2, lr\n"      /* base = (2 zp + 1) 2^(e-2) */                                   \
    RQ_ONE(ACC, "[r8, #" #I "]", CLAMP)                                                          \
    END
#define FC_SH_STACK(I)                                                                           \
    "ldr    r1, [sp, #8]\n"                                                                      \
    "ldr    r1, [r1, #" #I " * 4]\n"
#define FC_SH_R11(I) "ldr    r1, [r11, #" #I " * 4]\n"
/* Each row's requantisation checked, collected in r4 (after row 0's store,
 * FC_CHECK0; the others' MID, FC_CHECK): bits above 3 set unless mult >= 0
 * (mult >> 27 at most 15) and e - 2 is in [0, 15] (the fast form, exact
 * for mult 0 too). */
#define FC_CHECK0                                                                                \
    "sub    r4, r1, #1\n"                                                                        \
    "orr    r4, r4, r0, lsr #27\n"
#define FC_CHECK                                                                                 \
    "orr    r4, r4, lr\n"                                                                        \
    "orr    r4, r4, r0, lsr #27\n"
/* r12 clamped to [r10, 127] */
#define CLAMP_LO                                                                                 \
    "ssat   r12, #8, r12\n"                                                                      \
    "cmp    r12, r10\n"                                                                          \
    "it     lt\n"                                                                                \
    "movlt  r12, r10\n"
/* A group of four rows, SHIFT and CLAMP as FC_RQ */
#define FC_FOUR(SHIFT, CLAMP)                                                                    \
    FC_RQ(0, "r4", SHIFT, "", CLAMP, FC_CHECK0)                                                  \
    FC_RQ(1, "r5", SHIFT, FC_CHECK, CLAMP, "")                                                   \
    FC_RQ(2, "r6", SHIFT, FC_CHECK, CLAMP, "")                                                   \
    FC_RQ(3, "r7", SHIFT, FC_CHECK, CLAMP, "")
/* After row I of the last group: done when it was the last row. */
#define FC_LAST(I)                                                                               \
    "ldr    r3, [sp, #16]\n"                                                                     \
    "cmp    r3, #" #I " + 1\n"                                                                   \
    "beq    21f\n"

/* nnom_fc_rows_s8(job r0), returning 0, or nonzero when some row's
 * requantisation was not the fast form (its output is wrong then). Stack:
 * [0] job, [4] the group's first row o, [8] &shift[o], [12] the rows'
 * checks (FC_CHECK), [16] rows from o, then r4-r11, lr. */
/* The body of nnom_fc_rows_s8 (rows of whole words: ROW_END FC_END_WORDS,
 * TAIL empty) and of nnom_fc_rows_tail_s8 (1-3 values after the last word:
 * FC_END_TAIL, FC_TAIL), so that whole rows pay nothing for the tail. */
#define FC_END_WORDS "add    lr, r1, r11\n" /* the end of row o */
#define FC_END_TAIL                                                                              \
    "bic    lr, r11, #3\n"                                                                       \
    "add    lr, r1, lr\n" /* the end of row o's whole words */
#define FC_TAIL                                                                                  \
    "ldr    lr, [sp, #0]\n"                                                                      \
    "ldr    lr, [lr, #28]\n"                                                                     \
    "and    lr, lr, #3\n"                                                                        \
    "38:\n" /* one value of the four rows at a time */                                          \
    "ldrsb  r8, [r0], #1\n"                                                                      \
    "ldrsb  r9, [r1], #1\n"                                                                      \
    "smlabb r4, r8, r9, r4\n"                                                                    \
    "ldrsb  r9, [r2], #1\n"                                                                      \
    "smlabb r5, r8, r9, r5\n"                                                                    \
    "ldrsb  r9, [r3], #1\n"                                                                      \
    "smlabb r6, r8, r9, r6\n"                                                                    \
    "ldrsb  r9, [r12], #1\n"                                                                     \
    "smlabb r7, r8, r9, r7\n"                                                                    \
    "subs   lr, lr, #1\n"                                                                        \
    "bne    38b\n"
#define FC_ROWS(name, ROW_END, TAIL) \
    NNOM_ASM_FUNC(#name)            \
            "push   {r4-r11, lr}\n" \
            "sub    sp, sp, #24\n" \
            "str    r0, [sp, #0]\n" \
            "movs   r1, #0\n" \
            "str    r1, [sp, #4]\n" \
            "str    r1, [sp, #12]\n" \
            "7:\n" /* rows o .. o + 3 (the last one repeated past the end) */ \
            "ldr    lr, [sp, #0]\n" \
            "ldr    r9, [sp, #4]\n" \
            "ldr    r10, [lr, #24]\n" /* units */ \
            "ldr    r11, [lr, #28]\n" /* n */ \
            "sub    r10, r10, r9\n" \
            "str    r10, [sp, #16]\n" \
            "ldr    r8, [lr, #4]\n" \
            "mla    r1, r9, r11, r8\n" \
            "ldr    r8, [lr, #8]\n" \
            "add    r8, r8, r9, lsl #2\n" \
            "cmp    r10, #4\n" \
            "blt    17f\n" \
            "add    r2, r1, r11\n" \
            "add    r3, r2, r11\n" \
            "add    r12, r3, r11\n" \
            "ldm    r8, {r4-r7}\n" \
            "b      18f\n" \
            "17:\n" /* fewer than four rows left */ \
            "cmp    r10, #2\n" \
            "ite    ge\n" \
            "addge  r2, r1, r11\n" \
            "movlt  r2, r1\n" \
            "cmp    r10, #3\n" \
            "ite    ge\n" \
            "addge  r3, r2, r11\n" \
            "movlt  r3, r2\n" \
            "mov    r12, r3\n" \
            "ldr    r4, [r8]\n" \
            "mov    r5, r4\n" \
            "cmp    r10, #2\n" \
            "it     ge\n" \
            "ldrge  r5, [r8, #4]\n" \
            "mov    r6, r5\n" \
            "cmp    r10, #3\n" \
            "it     ge\n" \
            "ldrge  r6, [r8, #8]\n" \
            "mov    r7, r6\n" \
            "18:\n" \
            "ldr    r0, [lr, #0]\n" \
            ROW_END        "ands   r10, r11, #12\n" \
            "beq    13f\n" /* n a multiple of 16 (so at least 16) */ \
            "tst    r10, #4\n" \
            "beq    11f\n" \
            MAC1X4_STEP \
            "11:\n" \
            "sub    r10, lr, r1\n" \
            "tst    r10, #8\n" \
            "beq    12f\n" \
            MAC1X4_STEP \
            MAC1X4_STEP \
            "12:\n" \
            "cmp    r1, lr\n" \
            "beq    9f\n" \
            "13:\n" /* sixteen values per iteration */ \
            MAC1X4_STEP \
            MAC1X4_STEP \
            MAC1X4_STEP \
            MAC1X4_STEP \
            "cmp    r1, lr\n" \
            "bne    13b\n" \
            "9:\n" \
            TAIL        /* requantise the group's rows */ \
            "ldr    lr, [sp, #0]\n" \
            "ldr    r9, [sp, #4]\n" \
            "ldr    r10, [lr, #36]\n" \
            "ldr    r11, [lr, #40]\n" \
            "ldr    r2, [lr, #32]\n" \
            "ldr    r8, [lr, #20]\n" \
            "add    r8, r8, r9\n" \
            "ldr    r3, [lr, #16]\n" \
            "add    r3, r3, r9, lsl #2\n" /* &shift[o] */ \
            "ldr    r12, [lr, #12]\n" \
            "add    r9, r12, r9, lsl #2\n" \
            "ldr    r12, [sp, #16]\n" \
            "cmp    r12, #4\n" \
            "blt    20f\n" \
            "cmp    r11, #127\n" \
            "bne    19f\n" \
            "mov    r11, r3\n" /* hi 127: r11 free for &shift[o] */ \
            "cmn    r10, #128\n" \
            "bne    22f\n" \
            FC_FOUR(FC_SH_R11, CLAMP_S8) \
            "b      21f\n" \
            "22:\n" \
            FC_FOUR(FC_SH_R11, CLAMP_LO) \
            "b      21f\n" \
            "19:\n" \
            "str    r3, [sp, #8]\n" \
            FC_FOUR(FC_SH_STACK, CLAMP_LOHI) \
            "b      21f\n" \
            "20:\n" /* the last rows */ \
            "str    r3, [sp, #8]\n" \
            FC_RQ(0, "r4", FC_SH_STACK, "", CLAMP_LOHI, FC_CHECK0) \
            FC_LAST(0) \
            FC_RQ(1, "r5", FC_SH_STACK, FC_CHECK, CLAMP_LOHI, "") \
            FC_LAST(1) \
            FC_RQ(2, "r6", FC_SH_STACK, FC_CHECK, CLAMP_LOHI, "") \
            "21:\n" \
            "ldr    r5, [sp, #12]\n" \
            "orr    r5, r5, r4\n" \
            "str    r5, [sp, #12]\n" \
            "ldr    r3, [sp, #16]\n" \
            "cmp    r3, #4\n" \
            "ble    10f\n" \
            "ldr    r9, [sp, #4]\n" \
            "adds   r9, r9, #4\n" \
            "str    r9, [sp, #4]\n" \
            "b      7b\n" \
            "10:\n" \
            "ldr    r0, [sp, #12]\n" \
            "bic    r0, r0, #15\n" \
            "add    sp, sp, #24\n" \
            "pop    {r4-r11, pc}\n" \
             \
    ".size " #name ", .-" #name "\n" \
    ".text\n"
__asm__(FC_ROWS(nnom_fc_rows_s8, FC_END_WORDS, ""));
__asm__(FC_ROWS(nnom_fc_rows_tail_s8, FC_END_TAIL, FC_TAIL));

/* Four values of x (r0) times a group's four rows, word by word from one
 * pointer (r1: the Dense config's weight4 order), into r4..r7: one LDM
 * for the four weight words. */
#define GROUP_ROW(W, ACC)                                                                        \
    "sxtb16 r12, " W "\n"                                                                        \
    "sxtb16 " W ", " W ", ror #8\n"                                                              \
    "smlad  " ACC ", r9, r12, " ACC "\n"                                                         \
    "smlad  " ACC ", r8, " W ", " ACC "\n"
#define MAC4G_STEP                                                                               \
    "ldr    r8, [r0], #4\n"                                                                      \
    "sxtb16 r9, r8\n"                                                                            \
    "sxtb16 r8, r8, ror #8\n"                                                                    \
    "ldm    r1!, {r2, r3, r10, r11}\n"                                                           \
    GROUP_ROW("r2", "r4") GROUP_ROW("r3", "r5") GROUP_ROW("r10", "r6") GROUP_ROW("r11", "r7")

/* nnom_fc_groups_s8(job r0): as nnom_fc_rows_s8 on rows in groups of four
 * (units a multiple of 4, n of 4). Stack as there, [20] the next group's
 * weights. */
__asm__(NNOM_ASM_FUNC("nnom_fc_groups_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #24\n"
        "str    r0, [sp, #0]\n"
        "ldr    r1, [r0, #4]\n"
        "str    r1, [sp, #20]\n"
        "movs   r1, #0\n"
        "str    r1, [sp, #4]\n"
        "str    r1, [sp, #12]\n"
        "7:\n" /* rows o .. o + 3 */
        "ldr    lr, [sp, #0]\n"
        "ldr    r9, [sp, #4]\n"
        "ldr    r10, [lr, #24]\n" /* units */
        "ldr    r11, [lr, #28]\n" /* n */
        "sub    r10, r10, r9\n"
        "str    r10, [sp, #16]\n"
        "ldr    r8, [lr, #8]\n"
        "add    r8, r8, r9, lsl #2\n"
        "ldm    r8, {r4-r7}\n"
        "ldr    r0, [lr, #0]\n"
        "ldr    r1, [sp, #20]\n"
        "add    lr, r0, r11\n" /* the end of x */
        "ands   r10, r11, #12\n"
        "beq    13f\n" /* n a multiple of 16 (so at least 16) */
        "tst    r10, #4\n"
        "beq    11f\n"
        MAC4G_STEP
        "11:\n"
        "sub    r10, lr, r0\n"
        "tst    r10, #8\n"
        "beq    12f\n"
        MAC4G_STEP
        MAC4G_STEP
        "12:\n"
        "cmp    r0, lr\n"
        "beq    9f\n"
        "13:\n" /* sixteen values per iteration */
        MAC4G_STEP
        MAC4G_STEP
        MAC4G_STEP
        MAC4G_STEP
        "cmp    r0, lr\n"
        "bne    13b\n"
        "9:\n"
        "str    r1, [sp, #20]\n" /* requantise the group's rows */
        "ldr    lr, [sp, #0]\n"
        "ldr    r9, [sp, #4]\n"
        "ldr    r10, [lr, #36]\n"
        "ldr    r11, [lr, #40]\n"
        "ldr    r2, [lr, #32]\n"
        "ldr    r8, [lr, #20]\n"
        "add    r8, r8, r9\n"
        "ldr    r3, [lr, #16]\n"
        "add    r3, r3, r9, lsl #2\n" /* &shift[o] */
        "ldr    r12, [lr, #12]\n"
        "add    r9, r12, r9, lsl #2\n"
        "cmp    r11, #127\n"
        "bne    19f\n"
        "mov    r11, r3\n" /* hi 127: r11 free for &shift[o] */
        "cmn    r10, #128\n"
        "bne    22f\n"
        FC_FOUR(FC_SH_R11, CLAMP_S8)
        "b      21f\n"
        "22:\n"
        FC_FOUR(FC_SH_R11, CLAMP_LO)
        "b      21f\n"
        "19:\n"
        "str    r3, [sp, #8]\n"
        FC_FOUR(FC_SH_STACK, CLAMP_LOHI)
        "21:\n"
        "ldr    r5, [sp, #12]\n"
        "orr    r5, r5, r4\n"
        "str    r5, [sp, #12]\n"
        "ldr    r3, [sp, #16]\n"
        "cmp    r3, #4\n"
        "ble    10f\n"
        "ldr    r9, [sp, #4]\n"
        "adds   r9, r9, #4\n"
        "str    r9, [sp, #4]\n"
        "b      7b\n"
        "10:\n"
        "ldr    r0, [sp, #12]\n"
        "bic    r0, r0, #15\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_fc_groups_s8, .-nnom_fc_groups_s8\n"
        ".text\n");

#else
typedef int nnom_local_mac_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
