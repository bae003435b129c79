/*
 * nnom_local_mac_dsp.c - the inner loops of the convolution and fully
 * connected kernels on cores with the DSP extension, -O2 builds (-Os keeps
 * the C loops: less code). Written as whole functions in assembly because
 * they need all fourteen registers: C compilers spill some of them inside
 * the loop, which cost a third more instructions per multiply.
 *
 * Each takes raw int8 inputs (the callers use bias_folded, so no zero point
 * is subtracted) and int8 weights in the order of the layer (no reordering
 * at conversion). SXTB16 of a word and of it rotated by 8 gives the pairs
 * (v0, v2) and (v1, v3), which SMLAD multiplies against the same pairs of
 * the weight word.
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM

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

/* The function's head: a section of its own (unused ones are dropped
 * by the linker), Thumb code. */
#define ASM_FUNCTION(name)                                                                        \
    ".section .text." #name ",\"ax\",%progbits\n"                                                \
    ".global " #name "\n"                                                                         \
    ".type " #name ", %function\n"                                                                \
    ".syntax unified\n"                                                                           \
    ".thumb\n"                                                                                    \
    ".thumb_func\n"                                                                               \
    ".p2align 2\n" #name ":\n"

/* nnom_mac2x2_s8(x r0, w0 r1, acc r2, job r3). Stack after the pushes:
 * [0] n, [4] rows left, [8] skip, [12] the row's end in w0, [16] saved r0,
 * [20] acc, then r4-r11, lr. */
__asm__(ASM_FUNCTION(nnom_mac2x2_s8)
        "push   {r0, r2, r4-r11, lr}\n"
        "sub    sp, sp, #16\n"
        "ldm    r2, {r4-r7}\n"
        "ldr    r8, [r3, #0]\n"  /* dx */
        "ldr    r9, [r3, #4]\n"  /* wk */
        "ldr    r10, [r3, #8]\n" /* n */
        "ldr    r11, [r3, #12]\n" /* rows */
        "ldr    r12, [r3, #16]\n" /* skip */
        "str    r10, [sp, #0]\n"
        "str    r11, [sp, #4]\n"
        "str    r12, [sp, #8]\n"
        "add    r2, r0, r8\n"
        "add    r3, r1, r9\n"
        "1:\n" /* a row: n bytes */
        "ldr    lr, [sp, #0]\n"
        "add    r8, r1, lr\n"
        "str    r8, [sp, #12]\n"
        "tst    lr, #4\n"
        "beq    2f\n"
        MAC2X2_STEP
        "ldr    lr, [sp, #12]\n"
        "cmp    r1, lr\n"
        "beq    3f\n"
        "2:\n"
        MAC2X2_STEP
        MAC2X2_STEP
        "ldr    lr, [sp, #12]\n"
        "cmp    r1, lr\n"
        "bne    2b\n"
        "3:\n" /* next row */
        "ldr    lr, [sp, #8]\n"
        "add    r0, r0, lr\n"
        "add    r2, r2, lr\n"
        "ldr    lr, [sp, #4]\n"
        "subs   lr, lr, #1\n"
        "str    lr, [sp, #4]\n"
        "bne    1b\n"
        "ldr    r2, [sp, #20]\n"
        "stm    r2, {r4-r7}\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_mac2x2_s8, .-nnom_mac2x2_s8\n"
        ".text\n");

#else
typedef int nnom_local_mac_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
