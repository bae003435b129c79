/*
 * nnom_local_pwblk_dsp.c - the 1x1 windows kernel's pass for 4 k + 1,
 * 4 k + 2 and 4 k + 3 output channels (k >= 1) on the converter's records
 * (nnom/ops/pwcol_records.py), -O2 on DSP cores.
 *
 * nnom_conv_col_s8 runs groups of four channels: the last 1-3 channels
 * cost a second pass over the pixels (col1/col2: the pixel's entry, its
 * loop and stores again) or four computed for three. Here the records
 * hold the last 5, 6 or 7 channels as one block (per step of four inputs
 * each channel's two widened weight words, as a group's), and one pass
 * per pixel runs the full groups of four (COL_STEP, as nnom_conv_col_s8)
 * and then the block, its 5-7 sums in r2-r7 (and r12), stored as a word
 * and a byte, halfword or three bytes.
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM

/* its last step for K % 4 == 1: one value, the even pairs only */
#define BLK_LAST4                                                                                \
    "ldrsb  r8, [r0]\n"                                                                          \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r5, r8, r12, r5\n"                                                                   \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r6, r8, r10, r6\n"                                                                   \
    "smlad  r7, r8, r12, r7\n"

#define BLK_X                                                                                    \
    "ldr    r9, [r0], #4\n"                                                                      \
    "sxtb16 r8, r9\n"                                                                            \
    "sxtb16 r9, r9, ror #8\n"
/* Channel pairs of the block: two channels' four words */
#define BLK_PAIR(A, B)                                                                           \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  " A ", r8, r10, " A "\n"                                                             \
    "smlad  " A ", r9, r11, " A "\n"                                                             \
    "smlad  " B ", r8, r12, " B "\n"                                                             \
    "smlad  " B ", r9, lr, " B "\n"
#define BLK_PAIR1(A, B)                                                                          \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  " A ", r8, r10, " A "\n"                                                             \
    "smlad  " B ", r8, r12, " B "\n"
/* five channels: r2-r6 */
#define BLK_STEP5                                                                                \
    BLK_X BLK_PAIR("r2", "r3") BLK_PAIR("r4", "r5")                                              \
    "ldrd   r10, r11, [r1], #8\n"                                                                \
    "smlad  r6, r8, r10, r6\n"                                                                   \
    "smlad  r6, r9, r11, r6\n"
#define BLK_LAST5                                                                                \
    "ldrsb  r8, [r0]\n" BLK_PAIR1("r2", "r3") BLK_PAIR1("r4", "r5")                              \
    "ldrd   r10, r11, [r1], #8\n"                                                                \
    "smlad  r6, r8, r10, r6\n"
/* six: r2-r7 */
#define BLK_STEP6 BLK_X BLK_PAIR("r2", "r3") BLK_PAIR("r4", "r5") BLK_PAIR("r6", "r7")
#define BLK_LAST6                                                                                \
    "ldrsb  r8, [r0]\n" BLK_PAIR1("r2", "r3") BLK_PAIR1("r4", "r5") BLK_PAIR1("r6", "r7")
/* seven: r2-r7, r12 (words through r10, r11, lr three at a time) */
#define BLK_STEP7                                                                                \
    BLK_X                                                                                        \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r2, r8, r10, r2\n"                                                                   \
    "smlad  r2, r9, r11, r2\n"                                                                   \
    "smlad  r3, r8, lr, r3\n"                                                                    \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r3, r9, r10, r3\n"                                                                   \
    "smlad  r4, r8, r11, r4\n"                                                                   \
    "smlad  r4, r9, lr, r4\n"                                                                    \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r5, r8, r10, r5\n"                                                                   \
    "smlad  r5, r9, r11, r5\n"                                                                   \
    "smlad  r6, r8, lr, r6\n"                                                                    \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r6, r9, r10, r6\n"                                                                   \
    "smlad  r7, r8, r11, r7\n"                                                                   \
    "smlad  r7, r9, lr, r7\n"                                                                    \
    "ldrd   r10, r11, [r1], #8\n"                                                                \
    "smlad  r12, r8, r10, r12\n"                                                                 \
    "smlad  r12, r9, r11, r12\n"
#define BLK_LAST7                                                                                \
    "ldrsb  r8, [r0]\n"                                                                          \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r2, r8, r10, r2\n"                                                                   \
    "smlad  r3, r8, lr, r3\n"                                                                    \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r4, r8, r11, r4\n"                                                                   \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r5, r8, r10, r5\n"                                                                   \
    "smlad  r6, r8, lr, r6\n"                                                                    \
    "ldm    r1!, {r10, r11, lr}\n"                                                               \
    "smlad  r7, r8, r11, r7\n"                                                                   \
    "ldrd   r10, r11, [r1], #8\n"                                                                \
    "smlad  r12, r8, r10, r12\n"

/* A (twice the sum) requantised as nnom_local_mac_dsp.c's COL_RQ, with the
 * channel's mult, base, sh from [r1]; uses r8-r11 (TMP) */
#define BLK_RQ(A, TMP)                                                                           \
    "ldm    r1!, {r8-r10}\n"                                                                     \
    "add    " TMP ", r9, " A ", asr #31\n"                                                       \
    "smmlar " A ", " A ", r8, " TMP "\n"                                                         \
    "asr    " A ", " A ", r10\n"                                                                 \
    "ssat   " A ", #8, " A "\n"
#define BLK_RQ5 BLK_RQ("r2", "r11") BLK_RQ("r3", "r11") BLK_RQ("r4", "r11") BLK_RQ("r5", "r11") \
    BLK_RQ("r6", "r11")
#define BLK_RQ6 BLK_RQ5 BLK_RQ("r7", "r11")
#define BLK_RQ7 BLK_RQ6 BLK_RQ("r12", "r11")
/* the sums' bytes: r2 the first four, r6 the rest */
#define BLK_PACK5                                                                                \
    "bfi    r2, r3, #8, #8\n"                                                                    \
    "bfi    r2, r4, #16, #8\n"                                                                   \
    "bfi    r2, r5, #24, #8\n"
#define BLK_PACK6 BLK_PACK5 "bfi    r6, r7, #8, #8\n"
#define BLK_PACK7 BLK_PACK6 "bfi    r6, r12, #16, #8\n"
/* stores to [r8] */
#define BLK_ST5 "str    r2, [r8]\n" "strb   r6, [r8, #4]\n"
#define BLK_ST6 "str    r2, [r8]\n" "strh   r6, [r8, #4]\n"
#define BLK_ST7 "str    r2, [r8]\n" "strh   r6, [r8, #4]\n" "lsr    r6, r6, #16\n" "strb   r6, [r8, #6]\n"
/* the block's biases */
#define BLK_BIAS5 "ldm    r1!, {r2-r6}\n"
#define BLK_BIAS6 "ldm    r1!, {r2-r7}\n"
#define BLK_BIAS7 "ldm    r1!, {r2-r7, r12}\n"

/* One function: N channels in the block (STEP of SB bytes, LAST its one-
 * value last step, T1 1 with it), the job at r0 (nnom_col_job_t: groups
 * counts the block; tail N - 4; K4 at most 32, as the records' 1x1
 * layers have: at most eight steps, entered at their count, no loop).
 * Stack: [0] the pixel's window, [4] its first output, [8] the block's
 * records, [16] the groups' entry, [20] the end of the windows, [28]
 * clamp, [32] xstep, [36] oc, [40] pk, [44] lo4, [48] hi4, [52] the
 * block's entry, [56] the block's output, [60] a pixel's entry (the
 * block's when there are no full groups). */
#define BLK_FUNC(name, N, SB, T1, STEP, LAST4, LAST, BIAS, RQ, PACK, ST)                        \
    NNOM_ASM_FUNC(#name)                                                                         \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #64\n"                                                                       \
    "ldm    r0, {r1-r3}\n" /* x, pk, out */                                                      \
    "str    r1, [sp, #0]\n"                                                                      \
    "str    r3, [sp, #4]\n"                                                                      \
    "str    r2, [sp, #40]\n"                                                                     \
    "ldr    r1, [r0, #12]\n" /* K4 */                                                            \
    "lsl    r3, r1, #3\n"    /* a group's 8 K4 bytes of weights */                               \
    /* the loops' entries: 8 - steps % 8 steps into their eight */                               \
    "lsr    r4, r1, #2\n"                                                                        \
    "sub    r4, r4, #" #T1 "\n"                                                                  \
    "rsb    r4, r4, #0\n"                                                                        \
    "and    r4, r4, #7\n"                                                                        \
    "mov    r5, #52\n"                                                                           \
    "mul    r5, r4, r5\n"                                                                        \
    "adr    r6, 30f\n"                                                                           \
    "add    r5, r5, r6\n"                                                                        \
    "orr    r5, r5, #1\n"                                                                        \
    "str    r5, [sp, #16]\n"                                                                     \
    "mov    r5, #" #SB "\n"                                                                      \
    "mul    r5, r4, r5\n"                                                                        \
    "adr    r6, 40f\n"                                                                           \
    "add    r5, r5, r6\n"                                                                        \
    "orr    r5, r5, #1\n"                                                                        \
    "str    r5, [sp, #52]\n"                                                                     \
    /* the block: past groups - 1 groups of 64 + 8 K4 bytes */                                  \
    "add    r3, r3, #64\n"                                                                       \
    "ldr    r4, [r0, #16]\n"                                                                     \
    "sub    r4, r4, #1\n"                                                                        \
    "mul    r3, r3, r4\n"                                                                        \
    "add    r3, r3, r2\n"                                                                        \
    "str    r3, [sp, #8]\n"                                                                      \
    "cmp    r4, #0\n"                                                                            \
    "ite    eq\n"                                                                                \
    "adreq  r5, 60f\n"                                                                           \
    "adrne  r5, 3f\n"                                                                            \
    "orr    r5, r5, #1\n"                                                                        \
    "str    r5, [sp, #60]\n"                                                                     \
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
    "ldrd   r1, r3, [r0, #36]\n"                                                                 \
    "strd   r1, r3, [sp, #44]\n"                                                                 \
    "ldrd   r0, r2, [sp, #0]\n"                                                                  \
    "ldr    r1, [sp, #40]\n"                                                                     \
    "ldr    pc, [sp, #60]\n"                                                                     \
    "2:\n"                                                                                       \
    "ldr    r0, [sp, #0]\n"                                                                      \
    "3:\n" /* r0 the window, r1 the next group, r2 its output */                                \
    "ldr    r3, [sp, #8]\n"                                                                      \
    "cmp    r1, r3\n"                                                                            \
    "beq    60f\n"                                                                               \
    "ldm    r1!, {r4-r7}\n" /* biases */                                                         \
    "ldr    pc, [sp, #16]\n"                                                                     \
    ".p2align 2\n"                                                                               \
    "30:\n" NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4 NNOM_COL_STEP4     \
    "31:\n"                                                                                      \
    ".if (31b - 30b) != 8 * 52\n"                                                                \
    ".error \"NNOM_COL_STEP4 is not 52 bytes\"\n"                                                     \
    ".endif\n" LAST4 BLK_RQ("r4", "r11") BLK_RQ("r5", "r11") BLK_RQ("r6", "r11")             \
        BLK_RQ("r7", "r11")                                                                      \
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
    "str    r4, [r2], #4\n"                                                                      \
    "b      2b\n"                                                                                \
    "60:\n" /* the block */                                                                      \
    "str    r2, [sp, #56]\n" BIAS "ldr    pc, [sp, #52]\n"                                      \
    ".p2align 2\n"                                                                               \
    "40:\n" STEP STEP STEP STEP STEP STEP STEP STEP "41:\n"                                      \
    ".if (41b - 40b) != 8 * " #SB "\n"                                                           \
    ".error \"" #name ": a step is not " #SB " bytes\"\n"                                        \
    ".endif\n" LAST RQ PACK "ldr    r0, [sp, #28]\n"                                         \
    "cbz    r0, 7f\n"                                                                            \
    "ldrd   r8, r9, [sp, #44]\n"                                                                 \
    "ssub8  r10, r2, r8\n"                                                                       \
    "sel    r2, r2, r8\n"                                                                        \
    "ssub8  r10, r9, r2\n"                                                                       \
    "sel    r2, r2, r9\n"                                                                        \
    "ssub8  r10, r6, r8\n"                                                                       \
    "sel    r6, r6, r8\n"                                                                        \
    "ssub8  r10, r9, r6\n"                                                                       \
    "sel    r6, r6, r9\n"                                                                        \
    "7:\n"                                                                                       \
    "ldr    r8, [sp, #56]\n" ST /* the next pixel, if any */                                    \
    "ldrd   r0, r2, [sp, #0]\n"                                                                  \
    "ldrd   r3, r12, [sp, #32]\n"                                                                \
    "add    r0, r0, r3\n"                                                                        \
    "add    r2, r2, r12\n"                                                                       \
    "strd   r0, r2, [sp, #0]\n"                                                                  \
    "ldr    r3, [sp, #20]\n"                                                                     \
    "cmp    r0, r3\n"                                                                            \
    "beq    9f\n"                                                                                \
    "ldr    r1, [sp, #40]\n"                                                                     \
    "ldr    pc, [sp, #60]\n"                                                                     \
    "9:\n"                                                                                       \
    "add    sp, sp, #64\n"                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size " #name ", .-" #name "\n"                                                             \
    ".text\n"

__asm__(BLK_FUNC(nnom_conv_col5_s8, 5, 64, 0, BLK_STEP5, "", "", BLK_BIAS5, BLK_RQ5, BLK_PACK5,
                 BLK_ST5));
__asm__(BLK_FUNC(nnom_conv_col6_s8, 6, 72, 0, BLK_STEP6, "", "", BLK_BIAS6, BLK_RQ6, BLK_PACK6,
                 BLK_ST6));
__asm__(BLK_FUNC(nnom_conv_col7_s8, 7, 88, 0, BLK_STEP7, "", "", BLK_BIAS7, BLK_RQ7, BLK_PACK7,
                 BLK_ST7));
__asm__(BLK_FUNC(nnom_conv_col5_t1_s8, 5, 64, 1, BLK_STEP5, BLK_LAST4, BLK_LAST5, BLK_BIAS5,
                 BLK_RQ5, BLK_PACK5, BLK_ST5));
__asm__(BLK_FUNC(nnom_conv_col6_t1_s8, 6, 72, 1, BLK_STEP6, BLK_LAST4, BLK_LAST6, BLK_BIAS6,
                 BLK_RQ6, BLK_PACK6, BLK_ST6));
__asm__(BLK_FUNC(nnom_conv_col7_t1_s8, 7, 88, 1, BLK_STEP7, BLK_LAST4, BLK_LAST7, BLK_BIAS7,
                 BLK_RQ7, BLK_PACK7, BLK_ST7));

#else
typedef int nnom_pwblk_unused_t; /* ISO C: a translation unit is never empty */
#endif /* NNOM_LOCAL_MAC_ASM */
