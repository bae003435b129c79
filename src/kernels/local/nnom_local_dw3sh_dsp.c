/*
 * nnom_local_dw3sh_dsp.c - three taps at stride 1 on one short 'same' line
 * of two to four outputs, 8+ channels (nnom_local_dw3line.h's
 * nnom_dw3_short_s8): every group of four channels read straight from the
 * input, the border taps' input zero point folded into the bias (one SMLABB
 * an output), no copy and no pass of four into stack words ((3,1) s1
 * 3x1x23 same: the copy, the overlapping group's pass and nnom_dw3_s8's
 * passes of three ~1,100 instructions). Records as nnom_dw3_s8's, but the
 * tagged 'same' line of two's (nnom_dw3_short_a_s8: the zero point in its
 * two biases by the converter, DW3SH_CH2B).
 * nnom_dw3_valid_s8 on the same course: 'valid' lines of two to four
 * outputs, 'same' lines of five and six ((3,1) s1 5x1x40 same: the copy
 * and nnom_dw3_s8 2,758 instructions, 2,133 so). nnom_dw3_s2_s8: the
 * 'same' line of three outputs at stride 2 on five rows, o0, o2, o4 of the
 * line of five ((3,1) s2 5x1x24 same: the generic column loop ~2,100),
 * and nnom_dw3_s2e_s8 the same line on six rows; nnom_dw3_s2f_s8 and
 * _s2g_s8 the line of four outputs on seven and eight rows, and
 * nnom_dw3_s2a_s8 / _s2b_s8 the first three of six on 11 and 12 rows
 * (nnom_dw3_s2e_s8 the last three): (3,1) s2 7x1x24 same on dw3s2l
 * 1,308 instructions, ~330 of them its set-up, 1,016 so.
 */
#include "nnom_local_dw3line.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#include "nnom_local_dw3.h"

/* The assembly reads the arguments by one LDM, in this order. */
typedef char nnom_dw3_short_layout_t[offsetof(nnom_dw3_short_t, x) == 4 &&
                                             offsetof(nnom_dw3_short_t, out) == 8 &&
                                             offsetof(nnom_dw3_short_t, c) == 12 &&
                                             offsetof(nnom_dw3_short_t, zp) == 16
                                         ? 1
                                         : -1];

/* nnom_dw3_short_a_s8 and nnom_dw3_valid_a_s8 read the arguments there. */
typedef char nnom_dw3_args_layout_t[offsetof(nnom_conv_args_t, p.input_zp) == NNOM_DW3A_ZP &&
                                            offsetof(nnom_conv_args_t, in.c) == NNOM_DW3A_C &&
                                            offsetof(nnom_conv_args_t, input) == NNOM_DW3A_X &&
                                            offsetof(nnom_conv_args_t, output) == NNOM_DW3A_OUT &&
                                            offsetof(nnom_conv_args_t, records) ==
                                                NNOM_DW3A_OUT + 4 &&
                                            offsetof(nnom_conv_args_t, out.h) == NNOM_DW3A_OH &&
                                            offsetof(nnom_conv_args_t, out.w) == NNOM_DW3A_OW
                                        ? 1
                                        : -1];

/* Accumulator A requantised (M mult, R ra, E e) into byte B of the stack's
 * output words. */
#define DW3SH_RQ(A, M, R, E, B) DW3SH_RQS(A, M, R, E, "[sp, #" B "]")
/* The same stored at ADDR. */
#define DW3SH_RQS(A, M, R, E, ADDR)                                                              \
    "smmlar " A ", " A ", " M ", " R "\n"                                                        \
    "asr    " A ", " A ", " E "\n"                                                               \
    "ssat   " A ", #8, " A "\n"                                                                  \
    "strb   " A ", " ADDR "\n"

/* Channel C of two outputs: rows 0, 1 in S (ROT picks the channel's
 * bytes); r11 the input zero point. The outputs straight to the output
 * (r12 at o0's byte, r9 c; r12 on to the next channel's).
 *   o0 = b + 2 w0 zp + SMLAD((x0, x1), (w1, w2))
 *   o1 = b + 2 w2 zp + SMLAD((x0, x1), (w0, w1)) */
#define DW3SH_CH2(S, ROT)                                                                        \
    "sxtb16 r1, " S ROT "\n"                                                                     \
    "ldm    r0!, {r4, r5, r6, r7}\n"                                                             \
    "smlabb r8, r4, r11, r7\n"                                                                   \
    "smlad  r8, r1, r6, r8\n"                                                                    \
    "smlabb r7, r5, r11, r7\n"                                                                   \
    "smlad  r7, r1, r4, r7\n"                                                                    \
    "ldm    r0!, {r4, r5, r6}\n"                                                                 \
    DW3SH_RQS("r7", "r4", "r5", "r6", "[r12, r9]")                                               \
    DW3SH_RQS("r8", "r4", "r5", "r6", "[r12], #1")

/* DW3SH_CH2 on the converter's records of a 'same' line of two
 * (nnom_dw3_short_a_s8: (w0, w1), b1, (w1, w2), b0, mult, ra, e, the padded
 * tap's input zero point in b0 and b1), the seven words one LDM (r11, lr
 * free: no zero point, the records' end at [28]): 12 instructions where 15.
 *   o0 = b0 + SMLAD((x0, x1), (w1, w2))
 *   o1 = b1 + SMLAD((x0, x1), (w0, w1)) */
#define DW3SH_CH2B(S, ROT)                                                                       \
    "sxtb16 r1, " S ROT "\n"                                                                     \
    "ldm    r0!, {r4, r5, r6, r7, r8, r11, lr}\n"                                                \
    "smlad  r7, r1, r6, r7\n"                                                                    \
    "smlad  r5, r1, r4, r5\n"                                                                    \
    DW3SH_RQS("r5", "r8", "r11", "lr", "[r12, r9]")                                              \
    DW3SH_RQS("r7", "r8", "r11", "lr", "[r12], #1")

/* Channel C of three outputs: rows 0, 1 in S (ROT picks the channel's
 * bytes), row 2 in half H ("b"/"t") of P2; r11 the input zero point.
 *   o0 = b + 2 w0 zp + SMLAD((x0, x1), (w1, w2))
 *   o1 = b + SMLAD((x0, x1), (w0, w1)) + x2 w2
 *   o2 = b + 2 w2 zp + x1 w0 + x2 w1 */
#define DW3SH_CH3(S, ROT, P2, H, B0, B1, B2)                                                     \
    "sxtb16 r1, " S ROT "\n"                                                                     \
    "ldm    r0!, {r4, r5, r6, r7}\n"                                                             \
    "smlad  r8, r1, r4, r7\n"                                                                    \
    "smla" H "b r8, " P2 ", r5, r8\n"                                                            \
    "smlabb r9, r5, r11, r7\n"                                                                   \
    "smlatb r9, r1, r4, r9\n"                                                                    \
    "smla" H "t r9, " P2 ", r4, r9\n"                                                            \
    "smlabb r7, r4, r11, r7\n"                                                                   \
    "smlad  r7, r1, r6, r7\n"                                                                    \
    "ldm    r0!, {r4, r5, r6}\n"                                                                 \
    DW3SH_RQ("r7", "r4", "r5", "r6", B0)                                                         \
    DW3SH_RQ("r8", "r4", "r5", "r6", B1)                                                         \
    DW3SH_RQ("r9", "r4", "r5", "r6", B2)

/* Channel C of four outputs: rows 0, 1 in S01, rows 2, 3 in S23.
 *   o0 = b + 2 w0 zp + SMLAD((x0, x1), (w1, w2))
 *   o1 = b + SMLAD((x0, x1), (w0, w1)) + x2 w2
 *   o2 = b + x1 w0 + SMLAD((x2, x3), (w1, w2))
 *   o3 = b + 2 w2 zp + SMLAD((x2, x3), (w0, w1)) */
#define DW3SH_CH4(S01, S23, ROT, B0, B1, B2, B3)                                                 \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "sxtb16 r10, " S23 ROT "\n"                                                                  \
    "ldm    r0!, {r4, r5, r6, r7}\n"                                                             \
    "smlad  r8, r1, r4, r7\n"                                                                    \
    "smlabb r8, r10, r5, r8\n"                                                                   \
    "smlad  r9, r10, r6, r7\n"                                                                   \
    "smlatb r9, r1, r4, r9\n"                                                                    \
    "smlabb r5, r5, r11, r7\n"                                                                   \
    "smlad  r5, r10, r4, r5\n"                                                                   \
    "smlabb r7, r4, r11, r7\n"                                                                   \
    "smlad  r7, r1, r6, r7\n"                                                                    \
    "ldm    r0!, {r4, r6, r10}\n"                                                                \
    DW3SH_RQ("r7", "r4", "r6", "r10", B0)                                                        \
    DW3SH_RQ("r8", "r4", "r6", "r10", B1)                                                        \
    DW3SH_RQ("r9", "r4", "r6", "r10", B2)                                                        \
    DW3SH_RQ("r5", "r4", "r6", "r10", B3)

/* A group's rows for two outputs (r10 x, on to the next group; r9 c):
 * rows 0, 1 packed into r2 (channels 0, 1) and r3 (2, 3). */
#define DW3SH_LOAD2                                                                              \
    "ldr    r5, [r10, r9]\n"                                                                     \
    "ldr    r4, [r10], #4\n"                                                                     \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"

/* A group's rows for three outputs (r10 x, r2 c): rows 0, 1 packed into
 * r2 (channels 0, 1) and r3 (2, 3), row 2 widened into r12 (channels 0, 2)
 * and lr (1, 3). */
#define DW3SH_LOAD3                                                                              \
    "ldr    r4, [r10]\n"                                                                         \
    "ldr    r5, [r10, r2]\n"                                                                     \
    "ldr    r6, [r10, r2, lsl #1]\n"                                                             \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"                                                               \
    "sxtb16 r12, r6\n"                                                                           \
    "sxtb16 lr, r6, ror #8\n"

/* A group's rows for four outputs (r1 x, r2 c): rows 0, 1 packed into r2
 * and r3, rows 2, 3 into r12 (channels 0, 1) and lr (2, 3). */
#define DW3SH_LOAD4                                                                              \
    "ldr    r4, [r1]\n"                                                                          \
    "ldr    r5, [r1, r2]\n"                                                                      \
    "ldr    r6, [r1, r2, lsl #1]\n"                                                              \
    "add    r3, r2, r2, lsl #1\n"                                                                \
    "ldr    r7, [r1, r3]\n"                                                                      \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"                                                               \
    "pkhtb  lr, r7, r6, asr #16\n"                                                               \
    "pkhbt  r12, r6, r7, lsl #16\n"

/* After a group: the next (r0 at its records), else, after the overlapping
 * last group (run first), the whole groups from x0 ([32], then 0), else
 * the return (FRAME the stack's bytes: CBNZ and the return here, one
 * instruction less than CMP and a branch to it). SETX puts r4 (x0) where
 * the loop reads x. */
#define DW3SH_NEXT(LOOP, SETX, FRAME)                                                            \
    "ldr    r3, [sp, #28]\n"                                                                     \
    "cmp    r0, r3\n"                                                                            \
    "bne    " LOOP "\n"                                                                          \
    "ldr    r4, [sp, #32]\n"                                                                     \
    "cbnz   r4, 1f\n"                                                                            \
    "add    sp, sp, #" FRAME "\n"                                                                \
    "pop    {r4-r11, pc}\n"                                                                      \
    "1:\n"                                                                                       \
    SETX                                                                                         \
    "movs   r5, #0\n"                                                                            \
    "str    r5, [sp, #32]\n"                                                                     \
    "ldrd   r0, r5, [sp, #36]\n"                                                                 \
    "str    r5, [sp, #28]\n"                                                                     \
    "b      " LOOP "\n"

/* DW3SH_NEXT with the records' end in register END (two outputs: no
 * stack load a group). */
#define DW3SH_NEXTR(LOOP, END, SETX, FRAME)                                                      \
    "cmp    r0, " END "\n"                                                                       \
    "bne    " LOOP "\n"                                                                          \
    "ldr    r4, [sp, #32]\n"                                                                     \
    "cbnz   r4, 1f\n"                                                                            \
    "add    sp, sp, #" FRAME "\n"                                                                \
    "pop    {r4-r11, pc}\n"                                                                      \
    "1:\n"                                                                                       \
    SETX                                                                                         \
    "movs   r5, #0\n"                                                                            \
    "str    r5, [sp, #32]\n"                                                                     \
    "ldrd   r0, " END ", [sp, #36]\n"                                                            \
    "b      " LOOP "\n"

/* The entries' course from the arguments (r0 the records, r1 n, r2 x,
 * r3 out, r4 c, r11 zp), labels from P: the whole groups, else the
 * overlapping last group first; two outputs to P's own loop (labels
 * P_two_go, P_d1 to P_d3), three and four outputs to the shared loops. */
#define DW3SH_GO(P)                                                                              \
    ".Ldw3" P "_go:\n"                                                                           \
    "subs   r3, r3, r2\n"                                                                        \
    "lsrs   r5, r4, #2\n"                                                                        \
    "movs   r6, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"                                           \
    "mla    r5, r5, r6, r0\n"                                                                    \
    "ands   r7, r4, #3\n"                                                                        \
    "bne    .Ldw3" P "_over\n"                                                                   \
    "str    r7, [sp, #32]\n"                                                                     \
    "cmp    r1, #3\n"                                                                            \
    "beq    .Ldw3sh_three_go\n"                                                                  \
    "blo    .Ldw3" P "_two_go\n"                                                                 \
    "strd   r4, r3, [sp, #20]\n"                                                                 \
    "str    r5, [sp, #28]\n"                                                                     \
    "str    r2, [sp, #16]\n"                                                                     \
    "b      .Ldw3sh_four\n"                                                                      \
    ".Ldw3" P "_over:\n"                                                                         \
    "strd   r4, r3, [sp, #20]\n"                                                                 \
    "strd   r2, r0, [sp, #32]\n"                                                                 \
    "str    r5, [sp, #40]\n"                                                                     \
    "movs   r6, #" NNOM_STR(4 * NNOM_DW3_REC) "\n"                                               \
    "mla    r8, r4, r6, r0\n"                                                                    \
    "str    r8, [sp, #28]\n"                                                                     \
    "mls    r0, r7, r6, r8\n"                                                                    \
    "add    r9, r2, r4\n"                                                                        \
    "subs   r9, r9, #4\n"                                                                        \
    "rsb    r8, r7, #4\n"                                                                        \
    "mov    r10, r9\n"                                                                           \
    "mov    r2, r4\n"                                                                            \
    "cmp    r1, #3\n"                                                                            \
    "beq    .Ldw3sh_three_in\n"                                                                  \
    "cmp    r1, #2\n"                                                                            \
    "bne    .Ldw3sh_four_in\n"                                                                   \
    "mov    r9, r4\n"                                                                            \
    "add    r12, r3, r10\n"                                                                      \
    "add    r12, r12, r8\n"                                                                      \
    "ldr    lr, [sp, #28]\n"                                                                     \
    DW3SH_LOAD2                                                                                  \
    "tbh    [pc, r8, lsl #1]\n"                                                                  \
    ".Ldw3" P "_tbl2:\n"                                                                         \
    ".short 0\n"                                                                                 \
    ".short (.Ldw3" P "_d1 - .Ldw3" P "_tbl2) / 2\n"                                             \
    ".short (.Ldw3" P "_d2 - .Ldw3" P "_tbl2) / 2\n"                                             \
    ".short (.Ldw3" P "_d3 - .Ldw3" P "_tbl2) / 2\n"

/* nnom_dw3_short_s8(l r0, n r1). Stack: [0] the group's output words, [16]
 * x of the group (four outputs; three: r10), [20] c, [24] out - x, [28]
 * the records' end of the groups being run, [32] x0 while the overlapping
 * last group runs (else 0), [36] the records, [40] the whole groups'
 * records' end; then r4-r11, lr. In the groups r0 the records, r11 the
 * input zero point. The channels past a multiple of four (rest) run
 * first as the overlapping last group entered at channel 4 - rest (its
 * output words' first bytes unknown, rewritten by the whole groups). Two
 * and three outputs keep x in r10; two outputs c in r9, the output in r12
 * (stored a byte at a time, no stack words) and the records' end in lr
 * (nnom_dw3_short_a_s8's two outputs: at [28], lr and r11 the records'
 * words), the overlapping group storing only its channels. */
__asm__(NNOM_ASM_FUNC("nnom_dw3_short_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #44\n"
        "ldm    r0, {r0, r2, r3, r4, r11}\n" /* rec, x, out, c, zp */
        "b      .Ldw3sh_go\n"
        ".size nnom_dw3_short_s8, .-nnom_dw3_short_s8\n"
        /* nnom_dw3_short_a_s8(a r0, n r1): the same from the layer's
         * arguments (tagged records: the tag word skipped) */
        ".global nnom_dw3_short_a_s8\n"
        ".type nnom_dw3_short_a_s8, %function\n"
        ".thumb_func\n"
        "nnom_dw3_short_a_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #44\n"
        "ldr    r2, [r0, #" NNOM_STR(NNOM_DW3A_X) "]\n"
        "ldr    r4, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r11, [r0, #" NNOM_STR(NNOM_DW3A_ZP) "]\n"
        "ldrd   r3, r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) "]\n" /* out, records */
        "adds   r0, r0, #4\n"
        DW3SH_GO("sa")
        DW3SH_GO("sh")
        ".Ldw3sh_three_in:\n"
        DW3SH_LOAD3
        "tbh    [pc, r8, lsl #1]\n"
        ".Ldw3sh_tbl3:\n"
        ".short 0\n"
        ".short (.Ldw3sh_t1 - .Ldw3sh_tbl3) / 2\n"
        ".short (.Ldw3sh_t2 - .Ldw3sh_tbl3) / 2\n"
        ".short (.Ldw3sh_t3 - .Ldw3sh_tbl3) / 2\n"
        ".Ldw3sh_four_in:\n"
        "str    r9, [sp, #16]\n"
        "mov    r1, r9\n"
        DW3SH_LOAD4
        "tbh    [pc, r8, lsl #1]\n"
        ".Ldw3sh_tbl4:\n"
        ".short 0\n"
        ".short (.Ldw3sh_f1 - .Ldw3sh_tbl4) / 2\n"
        ".short (.Ldw3sh_f2 - .Ldw3sh_tbl4) / 2\n"
        ".short (.Ldw3sh_f3 - .Ldw3sh_tbl4) / 2\n"
        ".Ldw3sh_three_go:\n"
        "strd   r4, r3, [sp, #20]\n"
        "str    r5, [sp, #28]\n"
        "mov    r10, r2\n"
        ".Ldw3sh_three:\n"
        "ldr    r2, [sp, #20]\n"
        DW3SH_LOAD3
        DW3SH_CH3("r2", "", "r12", "b", "0", "4", "8")
        ".Ldw3sh_t1:\n"
        DW3SH_CH3("r2", ", ror #8", "lr", "b", "1", "5", "9")
        ".Ldw3sh_t2:\n"
        DW3SH_CH3("r3", "", "r12", "t", "2", "6", "10")
        ".Ldw3sh_t3:\n"
        DW3SH_CH3("r3", ", ror #8", "lr", "t", "3", "7", "11")
        "ldm    sp, {r4, r5, r6}\n"
        "ldrd   r1, r2, [sp, #20]\n" /* c, out - x */
        "add    r2, r2, r10\n"
        "str    r4, [r2]\n"
        "str    r5, [r2, r1]\n"
        "str    r6, [r2, r1, lsl #1]\n"
        "adds   r10, r10, #4\n"
        DW3SH_NEXT(".Ldw3sh_three", "mov    r10, r4\n", "44")
        ".Ldw3sh_two_go:\n"
        "mov    r9, r4\n"
        "add    r12, r3, r2\n"
        "mov    r10, r2\n"
        "mov    lr, r5\n"
        ".Ldw3sh_two:\n"
        DW3SH_LOAD2
        DW3SH_CH2("r2", "")
        ".Ldw3sh_d1:\n"
        DW3SH_CH2("r2", ", ror #8")
        ".Ldw3sh_d2:\n"
        DW3SH_CH2("r3", "")
        ".Ldw3sh_d3:\n"
        DW3SH_CH2("r3", ", ror #8")
        DW3SH_NEXTR(".Ldw3sh_two", "lr",
                    "mov    r10, r4\n"
                    "ldr    r12, [sp, #24]\n"
                    "add    r12, r12, r4\n",
                    "44")
        ".Ldw3sa_two_go:\n" /* (nnom_dw3_short_a_s8: the tag's records) */
        "mov    r9, r4\n"
        "add    r12, r3, r2\n"
        "mov    r10, r2\n"
        "str    r5, [sp, #28]\n"
        ".Ldw3sa_two:\n"
        DW3SH_LOAD2
        DW3SH_CH2B("r2", "")
        ".Ldw3sa_d1:\n"
        DW3SH_CH2B("r2", ", ror #8")
        ".Ldw3sa_d2:\n"
        DW3SH_CH2B("r3", "")
        ".Ldw3sa_d3:\n"
        DW3SH_CH2B("r3", ", ror #8")
        DW3SH_NEXT(".Ldw3sa_two",
                   "mov    r10, r4\n"
                   "ldr    r12, [sp, #24]\n"
                   "add    r12, r12, r4\n",
                   "44")
        ".Ldw3sh_four:\n"
        "ldrd   r1, r2, [sp, #16]\n"
        DW3SH_LOAD4
        DW3SH_CH4("r2", "r12", "", "0", "4", "8", "12")
        ".Ldw3sh_f1:\n"
        DW3SH_CH4("r2", "r12", ", ror #8", "1", "5", "9", "13")
        ".Ldw3sh_f2:\n"
        DW3SH_CH4("r3", "lr", "", "2", "6", "10", "14")
        ".Ldw3sh_f3:\n"
        DW3SH_CH4("r3", "lr", ", ror #8", "3", "7", "11", "15")
        "ldm    sp, {r4, r5, r6, r7}\n"
        "ldrd   r1, r2, [sp, #20]\n" /* c, out - x */
        "ldr    r3, [sp, #16]\n"
        "add    r2, r2, r3\n"
        "adds   r3, r3, #4\n"
        "str    r3, [sp, #16]\n"
        "add    r3, r1, r1, lsl #1\n"
        "str    r4, [r2]\n"
        "str    r5, [r2, r1]\n"
        "str    r6, [r2, r1, lsl #1]\n"
        "str    r7, [r2, r3]\n"
        DW3SH_NEXT(".Ldw3sh_four", "str    r4, [sp, #16]\n", "44")
        ".size nnom_dw3_short_a_s8, .-nnom_dw3_short_a_s8\n"
        ".text\n");

/* The valid form (no border, no fold): channel C of four outputs on rows
 * 0-5, pairs (0, 1) in S01, (2, 3) in S23, (4, 5) in S45 (ROT picks the
 * channel's bytes); the records' (2 w0, 2 w1), (2 w2, 2 w0), (2 w1, 2 w2)
 * halfwords serve every output, one register (r1) widening a pair at a
 * time.
 *   o0 = b + SMLAD((x0, x1), (w0, w1)) + x2 w2
 *   o1 = b + x1 w0 + SMLAD((x2, x3), (w1, w2))
 *   o2 = b + SMLAD((x2, x3), (w0, w1)) + x4 w2
 *   o3 = b + x3 w0 + SMLAD((x4, x5), (w1, w2)) */
#define DW3V_CH4(S01, S23, S45, ROT, B0, B1, B2, B3)                                             \
    "ldm    r0!, {r4, r5, r6, r7}\n"                                                             \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r8, r1, r4, r7\n"                                                                    \
    "smlatb r9, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlabb r8, r1, r5, r8\n"                                                                    \
    "smlad  r9, r1, r6, r9\n"                                                                    \
    "smlad  r4, r1, r4, r7\n"                                                                    \
    "smlatt r7, r1, r5, r7\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlabb r4, r1, r5, r4\n"                                                                    \
    "smlad  r7, r1, r6, r7\n"                                                                    \
    "ldm    r0!, {r1, r5, r6}\n"                                                                 \
    DW3SH_RQ("r8", "r1", "r5", "r6", B0)                                                         \
    DW3SH_RQ("r9", "r1", "r5", "r6", B1)                                                         \
    DW3SH_RQ("r4", "r1", "r5", "r6", B2)                                                         \
    DW3SH_RQ("r7", "r1", "r5", "r6", B3)

/* The valid form, channel C of three outputs on rows 0-4 (row 4 widened,
 * in half H ("b"/"t") of P4: o2's x4 w2 by SMLAxB), or (P4 empty) of two
 * on rows 0-3; o0-o2 as four outputs'. */
#define DW3V_CH3(S01, S23, ROT, P4, H, B0, B1, B2)                                               \
    DW3V_CH2(S01, S23, ROT,                                                                      \
             "smlad  r7, r1, r4, r7\n"                                                           \
             "smla" H "b r7, " P4 ", r5, r7\n",                                                  \
             DW3SH_RQ("r7", "r4", "r5", "r6", B2), B0, B1)
#define DW3V_CH2(S01, S23, ROT, O2, RQ2, B0, B1)                                                 \
    DW3V_CH2S(S01, S23, ROT, O2, RQ2, "[sp, #" B0 "]", "[sp, #" B1 "]")
/* The same, o0 and o1 stored at A0 and A1. */
#define DW3V_CH2S(S01, S23, ROT, O2, RQ2, A0, A1)                                                \
    "ldm    r0!, {r4, r5, r6, r7}\n"                                                             \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r8, r1, r4, r7\n"                                                                    \
    "smlatb r9, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlabb r8, r1, r5, r8\n"                                                                    \
    "smlad  r9, r1, r6, r9\n"                                                                    \
    O2                                                                                           \
    "ldm    r0!, {r4, r5, r6}\n"                                                                 \
    DW3SH_RQS("r8", "r4", "r5", "r6", A0)                                                        \
    DW3SH_RQS("r9", "r4", "r5", "r6", A1)                                                        \
    RQ2

/* A group's rows 0-3 (r1 x, r2 c): (0, 1) packed into r2 (channels 0, 1)
 * and r3 (2, 3), (2, 3) into r12 and lr; r1 at row 2. MORE (row 4's
 * word into r8, ...) before r2's pair. */
#define DW3V_LOAD(MORE)                                                                          \
    "ldr    r4, [r1]\n"                                                                          \
    "ldr    r5, [r1, r2]\n"                                                                      \
    "add    r1, r1, r2, lsl #1\n"                                                                \
    "ldr    r6, [r1]\n"                                                                          \
    "ldr    r7, [r1, r2]\n"                                                                      \
    MORE                                                                                         \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"                                                               \
    "pkhtb  lr, r7, r6, asr #16\n"                                                               \
    "pkhbt  r12, r6, r7, lsl #16\n"

/* Two outputs: rows 0-3 packed as DW3V_LOAD's from the outputs' bytes (r10
 * o0's, r11 o1's = r10 + c): rows 0, 1 at x - out ([44]) from them, rows
 * 2, 3 at x - out + 2 c ([48]); no x or c in a register. */
#define DW3V_LOAD2                                                                               \
    "ldrd   r8, r9, [sp, #44]\n"                                                                 \
    "ldr    r4, [r10, r8]\n"                                                                     \
    "ldr    r5, [r11, r8]\n"                                                                     \
    "ldr    r6, [r10, r9]\n"                                                                     \
    "ldr    r7, [r11, r9]\n"                                                                     \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"                                                               \
    "pkhtb  lr, r7, r6, asr #16\n"                                                               \
    "pkhbt  r12, r6, r7, lsl #16\n"
/* Its offsets to [44], [48] (r3 out - x, r4 c). */
#define DW3V_OFF2                                                                                \
    "rsb    r8, r3, #0\n"                                                                        \
    "add    r9, r8, r4, lsl #1\n"                                                                \
    "strd   r8, r9, [sp, #44]\n"

/* Four outputs: rows 4, 5 packed into r10 (channels 0, 1) and r11. */
#define DW3V_LOAD4                                                                               \
    DW3V_LOAD("ldr    r8, [r1, r2, lsl #1]\n"                                                    \
              "add    r1, r1, r2, lsl #1\n"                                                      \
              "ldr    r9, [r1, r2]\n"                                                            \
              "pkhtb  r11, r9, r8, asr #16\n"                                                    \
              "pkhbt  r10, r8, r9, lsl #16\n")

/* Three outputs: row 4 widened into r10 (channels 0, 2) and r11 (1, 3). */
#define DW3V_LOAD3                                                                               \
    DW3V_LOAD("ldr    r8, [r1, r2, lsl #1]\n"                                                    \
              "sxtb16 r10, r8\n"                                                                 \
              "sxtb16 r11, r8, ror #8\n")

/* After a group: its output words ([0]-[12], STRS) to out (r3; r2 c), x
 * ([16]) on to the next group in r1, r2 c for the next rows: one LDM of
 * the words, x, c and out - x (r8-r10 free after the channels). */
#define DW3V_STORE(STRS)                                                                         \
    "ldm    sp, {r4, r5, r6, r7, r8, r9, r10}\n"                                                 \
    "add    r3, r10, r8\n"                                                                       \
    "adds   r1, r8, #4\n"                                                                        \
    "str    r1, [sp, #16]\n"                                                                     \
    "mov    r2, r9\n"                                                                            \
    "str    r4, [r3]\n"                                                                          \
    "str    r5, [r3, r2]\n"                                                                      \
    STRS

/* The overlapping last group's entry at channel [sp] (tbh: its table
 * follows, label L). */
#define DW3V_ENTER(L)                                                                            \
    "ldr    r4, [sp]\n"                                                                          \
    "tbh    [pc, r4, lsl #1]\n"                                                                  \
    ".Ldw3v_tbl" L ":\n"                                                                         \
    ".short 0\n"                                                                                 \
    ".short (.Ldw3v_" L "1 - .Ldw3v_tbl" L ") / 2\n"                                             \
    ".short (.Ldw3v_" L "2 - .Ldw3v_tbl" L ") / 2\n"                                             \
    ".short (.Ldw3v_" L "3 - .Ldw3v_tbl" L ") / 2\n"

/* A 'same' line of five (six) outputs, channel C: the border outputs o0
 * and o4 (o5), the input zero point ([52]) folded in as in
 * nnom_dw3_short_s8, into bytes C and 44 + C (48 + C) of the stack's
 * words; then the inner three (four) as the valid form's, into bytes
 * 4 + C, 8 + C, 12 + C (and 44 + C).
 *   o0 = b + 2 w0 zp + SMLAD((x0, x1), (w1, w2))
 *   o4 = b + 2 w2 zp + x3 w0 + x4 w1
 *   o5 = b + 2 w2 zp + SMLAD((x4, x5), (w0, w1)) */
#define DW3S_EDGE(S01, ROT, LAST, B0, BL)                                                        \
    "ldm    r0, {r4, r5, r6, r7}\n"                                                              \
    "ldr    r9, [sp, #52]\n"                                                                     \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlabb r8, r4, r9, r7\n"                                                                    \
    "smlad  r8, r1, r6, r8\n"                                                                    \
    "smlabb r7, r5, r9, r7\n"                                                                    \
    LAST                                                                                         \
    "ldrd   r4, r5, [r0, #16]\n"                                                                 \
    "ldr    r6, [r0, #24]\n"                                                                     \
    DW3SH_RQ("r8", "r4", "r5", "r6", B0)                                                         \
    DW3SH_RQ("r7", "r4", "r5", "r6", BL)
#define DW3S_CH5(S01, S23, ROT, P4, H, B0, B1, B2, B3, B4)                                       \
    DW3S_EDGE(S01, ROT,                                                                          \
              "sxtb16 r1, " S23 ROT "\n"                                                         \
              "smlatb r7, r1, r4, r7\n"                                                          \
              "smla" H "t r7, " P4 ", r4, r7\n",                                                 \
              B0, B4)                                                                            \
    DW3V_CH3(S01, S23, ROT, P4, H, B1, B2, B3)
#define DW3S_CH6(S01, S23, S45, ROT, B0, B1, B2, B3, B4, B5)                                     \
    DW3S_EDGE(S01, ROT,                                                                          \
              "sxtb16 r1, " S45 ROT "\n"                                                         \
              "smlad  r7, r1, r4, r7\n",                                                         \
              B0, B5)                                                                            \
    DW3V_CH4(S01, S23, S45, ROT, B1, B2, B3, B4)

/* A line's rows 3 and 4 of output words ([12], [44]): r3 out, r2 c. */
#define DW3S_STORE5                                                                              \
    "str    r6, [r3, r2, lsl #1]\n"                                                              \
    "add    r12, r2, r2, lsl #1\n"                                                               \
    "str    r7, [r3, r12]\n"                                                                     \
    "ldr    r4, [sp, #44]\n"                                                                     \
    "str    r4, [r3, r2, lsl #2]\n"

/* nnom_dw3_valid_s8(l r0, n r1): one 'valid' line of n = 2 to 4 outputs
 * (n + 2 rows, no border), or (n = 5, 6) one 'same' line of n outputs
 * (n rows), on nnom_dw3_short_s8's course: stack [0] the group's output
 * words (four; five, six: [44], [48] too), [16] x, [20] c, [24] out - x,
 * [28] the records' end of the groups being run, [32] x0 while the
 * overlapping last group runs (else 0), [36] the records, [40] the whole
 * groups' records' end, [52] zp. x and c in r1, r2 at a group's start
 * (two outputs: the outputs straight to the output, o0's byte in r10,
 * o1's in r11, the rows at [44], [48] from them, no stack words); the
 * overlapping last group's entry index at [0] over the row loads. */
__asm__(NNOM_ASM_FUNC("nnom_dw3_valid_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #56\n"
        "ldm    r0, {r0, r2, r3, r4, r5}\n" /* rec, x, out, c, zp */
        "b      .Ldw3v_go\n"
        ".size nnom_dw3_valid_s8, .-nnom_dw3_valid_s8\n"
        /* nnom_dw3_valid_a_s8(a r0, n r1): the same from the layer's
         * arguments (as nnom_dw3_short_a_s8) */
        ".global nnom_dw3_valid_a_s8\n"
        ".type nnom_dw3_valid_a_s8, %function\n"
        ".thumb_func\n"
        "nnom_dw3_valid_a_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #56\n"
        "ldr    r2, [r0, #" NNOM_STR(NNOM_DW3A_X) "]\n"
        "ldr    r4, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r5, [r0, #" NNOM_STR(NNOM_DW3A_ZP) "]\n"
        "ldrd   r3, r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) "]\n" /* out, records */
        "adds   r0, r0, #4\n"
        "b      .Ldw3v_go\n"
        ".size nnom_dw3_valid_a_s8, .-nnom_dw3_valid_a_s8\n"
        /* nnom_dw3_valid_b_s8(block r0, x r1, out r2): the same from the
         * config's arguments block (n its out.h * out.w) and the layer's
         * buffers: DepthwiseConv2D's direct type, no arguments copied */
        ".global nnom_dw3_valid_b_s8\n"
        ".type nnom_dw3_valid_b_s8, %function\n"
        ".thumb_func\n"
        "nnom_dw3_valid_b_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #56\n"
        "mov    r3, r2\n"
        "mov    r2, r1\n"
        "ldr    r1, [r0, #" NNOM_STR(NNOM_DW3A_OH) "]\n"
        "ldr    r4, [r0, #" NNOM_STR(NNOM_DW3A_OW) "]\n"
        "mul    r1, r1, r4\n"
        "ldr    r4, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r5, [r0, #" NNOM_STR(NNOM_DW3A_ZP) "]\n"
        "ldr    r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) " + 4]\n"
        "adds   r0, r0, #4\n"
        ".Ldw3v_go:\n"
        "str    r5, [sp, #52]\n"
        "subs   r3, r3, r2\n"
        "strd   r4, r3, [sp, #20]\n"
        "movs   r6, #" NNOM_STR(4 * NNOM_DW3_REC) "\n"
        "mla    r8, r4, r6, r0\n" /* the records' end */
        "str    r8, [sp, #28]\n"
        "mov    r5, r1\n"
        "ands   r7, r4, #3\n"
        "beq    .Ldw3v_whole\n"
        "strd   r2, r0, [sp, #32]\n"
        "mls    r0, r7, r6, r8\n" /* the last rest channels' records */
        "str    r0, [sp, #40]\n"
        "rsb    r7, r7, #4\n"
        "str    r7, [sp]\n"
        "add    r2, r2, r4\n"
        "subs   r2, r2, #4\n"
        "str    r2, [sp, #16]\n"
        "mov    r1, r2\n"
        "mov    r2, r4\n"
        "cmp    r5, #3\n"
        "beq    .Ldw3v_t_in\n"
        "blo    .Ldw3v_d_in\n"
        "cmp    r5, #5\n"
        "blo    .Ldw3v_f_in\n"
        "beq    .Ldw3v_p_in\n"
        DW3V_LOAD4
        DW3V_ENTER("s")
        ".Ldw3v_p_in:\n"
        DW3V_LOAD3
        DW3V_ENTER("p")
        ".Ldw3v_d_in:\n"
        DW3V_OFF2
        "ldr    r10, [sp, #24]\n"
        "add    r10, r10, r1\n"
        "add    r10, r10, r7\n" /* o0 of the first channel run */
        "add    r11, r10, r2\n"
        DW3V_LOAD("")
        DW3V_ENTER("d")
        ".Ldw3v_t_in:\n"
        DW3V_LOAD3
        DW3V_ENTER("t")
        ".Ldw3v_f_in:\n"
        DW3V_LOAD4
        DW3V_ENTER("f")
        ".Ldw3v_whole:\n"
        "str    r7, [sp, #32]\n"
        "cmp    r5, #3\n" /* two outputs: no x at [16] */
        "beq    .Ldw3v_three_go\n"
        "blo    .Ldw3v_two_go\n"
        "str    r2, [sp, #16]\n"
        "mov    r1, r2\n"
        "mov    r2, r4\n"
        "cmp    r5, #5\n"
        "blo    .Ldw3v_four\n"
        "beq    .Ldw3v_five\n"
        ".Ldw3v_six:\n"
        DW3V_LOAD4
        DW3S_CH6("r2", "r12", "r10", "", "0", "4", "8", "12", "44", "48")
        ".Ldw3v_s1:\n"
        DW3S_CH6("r2", "r12", "r10", ", ror #8", "1", "5", "9", "13", "45", "49")
        ".Ldw3v_s2:\n"
        DW3S_CH6("r3", "lr", "r11", "", "2", "6", "10", "14", "46", "50")
        ".Ldw3v_s3:\n"
        DW3S_CH6("r3", "lr", "r11", ", ror #8", "3", "7", "11", "15", "47", "51")
        DW3V_STORE(DW3S_STORE5
                   "ldr    r5, [sp, #48]\n"
                   "add    r12, r12, r2, lsl #1\n"
                   "str    r5, [r3, r12]\n")
        DW3SH_NEXT(".Ldw3v_six", "mov    r1, r4\nstr    r4, [sp, #16]\n", "56")
        ".Ldw3v_five:\n"
        DW3V_LOAD3
        DW3S_CH5("r2", "r12", "", "r10", "b", "0", "4", "8", "12", "44")
        ".Ldw3v_p1:\n"
        DW3S_CH5("r2", "r12", ", ror #8", "r11", "b", "1", "5", "9", "13", "45")
        ".Ldw3v_p2:\n"
        DW3S_CH5("r3", "lr", "", "r10", "t", "2", "6", "10", "14", "46")
        ".Ldw3v_p3:\n"
        DW3S_CH5("r3", "lr", ", ror #8", "r11", "t", "3", "7", "11", "15", "47")
        DW3V_STORE(DW3S_STORE5)
        DW3SH_NEXT(".Ldw3v_five", "mov    r1, r4\nstr    r4, [sp, #16]\n", "56")
        ".Ldw3v_two_go:\n"
        DW3V_OFF2
        "add    r10, r3, r2\n" /* out */
        "add    r11, r10, r4\n"
        ".Ldw3v_two:\n"
        DW3V_LOAD2
        DW3V_CH2S("r2", "r12", "", "", "", "[r10], #1", "[r11], #1")
        ".Ldw3v_d1:\n"
        DW3V_CH2S("r2", "r12", ", ror #8", "", "", "[r10], #1", "[r11], #1")
        ".Ldw3v_d2:\n"
        DW3V_CH2S("r3", "lr", "", "", "", "[r10], #1", "[r11], #1")
        ".Ldw3v_d3:\n"
        DW3V_CH2S("r3", "lr", ", ror #8", "", "", "[r10], #1", "[r11], #1")
        DW3SH_NEXT(".Ldw3v_two",
                   "ldrd   r5, r6, [sp, #20]\n"
                   "add    r10, r4, r6\n"
                   "add    r11, r10, r5\n",
                   "56")
        ".Ldw3v_three_go:\n"
        "str    r2, [sp, #16]\n"
        "mov    r1, r2\n"
        "mov    r2, r4\n"
        ".Ldw3v_three:\n"
        DW3V_LOAD3
        DW3V_CH3("r2", "r12", "", "r10", "b", "0", "4", "8")
        ".Ldw3v_t1:\n"
        DW3V_CH3("r2", "r12", ", ror #8", "r11", "b", "1", "5", "9")
        ".Ldw3v_t2:\n"
        DW3V_CH3("r3", "lr", "", "r10", "t", "2", "6", "10")
        ".Ldw3v_t3:\n"
        DW3V_CH3("r3", "lr", ", ror #8", "r11", "t", "3", "7", "11")
        DW3V_STORE("str    r6, [r3, r2, lsl #1]\n")
        DW3SH_NEXT(".Ldw3v_three", "mov    r1, r4\nstr    r4, [sp, #16]\n", "56")
        ".Ldw3v_four:\n"
        DW3V_LOAD4
        DW3V_CH4("r2", "r12", "r10", "", "0", "4", "8", "12")
        ".Ldw3v_f1:\n"
        DW3V_CH4("r2", "r12", "r10", ", ror #8", "1", "5", "9", "13")
        ".Ldw3v_f2:\n"
        DW3V_CH4("r3", "lr", "r11", "", "2", "6", "10", "14")
        ".Ldw3v_f3:\n"
        DW3V_CH4("r3", "lr", "r11", ", ror #8", "3", "7", "11", "15")
        DW3V_STORE("str    r6, [r3, r2, lsl #1]\n"
                   "add    r12, r2, r2, lsl #1\n"
                   "str    r7, [r3, r12]\n")
        DW3SH_NEXT(".Ldw3v_four", "mov    r1, r4\nstr    r4, [sp, #16]\n", "56")
        ".size nnom_dw3_valid_a_s8, .-nnom_dw3_valid_a_s8\n"
        ".text\n");

/* The 'valid' line of two's rows 0-3 of a group as DW3V_LOAD's, from its
 * outputs' bytes A0 (o0's) and A1 (o1's): rows 0, 1 at r8 (x - out) from
 * them, rows 2, 3 at r9 (x - out + 2 c). */
#define DW3W_ROWS(A0, A1)                                                                        \
    "ldr    r4, [" A0 ", r8]\n"                                                                  \
    "ldr    r5, [" A1 ", r8]\n"                                                                  \
    "ldr    r6, [" A0 ", r9]\n"                                                                  \
    "ldr    r7, [" A1 ", r9]\n"                                                                  \
    "pkhtb  r3, r5, r4, asr #16\n"                                                               \
    "pkhbt  r2, r4, r5, lsl #16\n"                                                               \
    "pkhtb  lr, r7, r6, asr #16\n"                                                               \
    "pkhbt  r12, r6, r7, lsl #16\n"
/* Its channel C (S01, S23, ROT as DW3V_CH2S's), o0 and o1 straight to the
 * output (r10, r11 on to the next channel's). */
#define DW3W_CH(S01, S23, ROT) DW3V_CH2S(S01, S23, ROT, "", "", "[r10], #1", "[r11], #1")
/* The whole groups from r0 (r10 o0's byte, r11 o1's) to the records' end
 * at [sp] (one LDM at a group's end: the end and the next rows' offsets,
 * [4] and [8]). */
#define DW3W_GROUPS(L)                                                                           \
    L ":\n"                                                                                      \
    DW3W_ROWS("r10", "r11")                                                                      \
    DW3W_CH("r2", "r12", "")                                                                     \
    DW3W_CH("r2", "r12", ", ror #8")                                                             \
    DW3W_CH("r3", "lr", "")                                                                      \
    DW3W_CH("r3", "lr", ", ror #8")                                                              \
    "ldm    sp, {r3, r8, r9}\n"                                                                  \
    "cmp    r0, r3\n"                                                                            \
    "bne    " L "\n"
/* The entries' set-up from the block (r0; r1 x, r2 out): r4 c, r0 the
 * records, r8 and r9 the rows' offsets, r10 and r11 o0's and o1's bytes. */
#define DW3W_ENTRY                                                                               \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldr    r4, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"                                              \
    "ldr    r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) " + 4]\n"                                        \
    "adds   r0, r0, #4\n" /* past the tag */                                                     \
    "subs   r8, r1, r2\n"                                                                        \
    "add    r9, r8, r4, lsl #1\n"                                                                \
    "mov    r10, r2\n"                                                                           \
    "add    r11, r2, r4\n"

/* nnom_dw3_valid2_b_s8(block r0, x r1, out r2): the 'valid' line of two
 * outputs on whole groups of four channels (in.c % 4 == 0, out.h * out.w
 * == 2: DW_THREE_V2), nnom_dw3_valid_s8's two-output loop without its
 * course: the records' end and the rows' offsets in three stack words,
 * popped with the return ((3,1) s1 4x1x8 valid 203 -> 180 instructions).
 * nnom_dw3_valid2o_b_s8 the same on one to three channels past (c % 4 =
 * r: DW_THREE_V2O): the whole groups, then the last r channels as the
 * last four's group entered at channel 4 - r ([12]), straight, their
 * records next to the whole groups', their outputs next. */
__asm__(NNOM_ASM_FUNC("nnom_dw3_valid2_b_s8")
        DW3W_ENTRY
        "movs   r6, #" NNOM_STR(4 * NNOM_DW3_REC) "\n"
        "mla    r3, r4, r6, r0\n" /* the records' end */
        "push   {r3, r8, r9}\n"
        DW3W_GROUPS(".Ldw3w_two")
        "pop    {r1-r11, pc}\n"
        ".size nnom_dw3_valid2_b_s8, .-nnom_dw3_valid2_b_s8\n"
        ".global nnom_dw3_valid2o_b_s8\n"
        ".type nnom_dw3_valid2o_b_s8, %function\n"
        ".thumb_func\n"
        "nnom_dw3_valid2o_b_s8:\n"
        DW3W_ENTRY
        "and    r7, r4, #3\n"
        "subs   r4, r4, r7\n"
        "movs   r6, #" NNOM_STR(4 * NNOM_DW3_REC) "\n"
        "mla    r3, r4, r6, r0\n" /* the whole groups' records' end */
        "rsb    r12, r7, #4\n"
        "push   {r3, r8, r9, r12}\n"
        DW3W_GROUPS(".Ldw3o_two")
        "ldr    r1, [sp, #12]\n"
        "sub    r12, r10, r1\n" /* the last four channels' o0 */
        "sub    lr, r11, r1\n"
        DW3W_ROWS("r12", "lr")
        "tbh    [pc, r1, lsl #1]\n"
        ".Ldw3o_tbl:\n"
        ".short 0\n"
        ".short (.Ldw3o_1 - .Ldw3o_tbl) / 2\n"
        ".short (.Ldw3o_2 - .Ldw3o_tbl) / 2\n"
        ".short (.Ldw3o_3 - .Ldw3o_tbl) / 2\n"
        ".Ldw3o_1:\n"
        DW3W_CH("r2", "r12", ", ror #8")
        ".Ldw3o_2:\n"
        DW3W_CH("r3", "lr", "")
        ".Ldw3o_3:\n"
        DW3W_CH("r3", "lr", ", ror #8")
        "pop    {r0-r11, pc}\n"
        ".size nnom_dw3_valid2o_b_s8, .-nnom_dw3_valid2o_b_s8\n"
        ".text\n");

/* Stride 2, one 'same' line of three outputs on five rows (o0, o2, o4 of
 * the stride-1 line of five), channel C, on nnom_dw3_s2_s8's records
 * (w0, w1), (w1, w2), b0, b1, b2, mult, ra, e: the border outputs' bias
 * with the padded tap's input zero point folded in by the converter;
 * bytes C, 4 + C, 8 + C of the stack's words. 21 instructions for 9 MACs.
 *   o0 = b0 + SMLAD((x0, x1), (w1, w2))
 *   o1 = b1 + x1 w0 + SMLAD((x2, x3), (w1, w2))
 *   o2 = b2 + x3 w0 + x4 w1 */
#define DW3Q_CH3(S01, S23, ROT, P4, H, B0, B1, B2)                                               \
    "ldm    r0!, {r4, r5, r6, r7, r8}\n"                                                         \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r5, r6\n"                                                                    \
    "smlatb r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlad  r7, r1, r5, r7\n"                                                                    \
    "smlatb r8, r1, r4, r8\n"                                                                    \
    "smla" H "t r8, " P4 ", r4, r8\n"                                                            \
    "ldm    r0!, {r4, r5, r9}\n"                                                                 \
    DW3SH_RQ("r6", "r4", "r5", "r9", B0)                                                         \
    DW3SH_RQ("r7", "r4", "r5", "r9", B1)                                                         \
    DW3SH_RQ("r8", "r4", "r5", "r9", B2)

/* Stride 2, one 'same' line of three outputs on six rows (no top pad, the
 * bottom one padded), channel C, on nnom_dw3_s2e_s8's records (w0, w1),
 * (w2, 0), b, b, b2, mult, ra, e (b2 with the padded tap's input zero
 * point); rows (0, 1), (2, 3), (4, 5) in S01, S23, S45. 22 instructions
 * for 9 MACs.
 *   o0 = b + SMLAD((x0, x1), (w0, w1)) + x2 w2
 *   o1 = b + SMLAD((x2, x3), (w0, w1)) + x4 w2
 *   o2 = b2 + SMLAD((x4, x5), (w0, w1)) */
#define DW3E_CH3(S01, S23, S45, ROT, B0, B1, B2)                                                 \
    "ldm    r0!, {r4, r5, r6, r7, r8}\n"                                                         \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r4, r6\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlabb r6, r1, r5, r6\n"                                                                    \
    "smlad  r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlabb r7, r1, r5, r7\n"                                                                    \
    "smlad  r8, r1, r4, r8\n"                                                                    \
    "ldm    r0!, {r4, r5, r9}\n"                                                                 \
    DW3SH_RQ("r6", "r4", "r5", "r9", B0)                                                         \
    DW3SH_RQ("r7", "r4", "r5", "r9", B1)                                                         \
    DW3SH_RQ("r8", "r4", "r5", "r9", B2)

/* NAME(rec r0, x r1, out r2, c r3): one 'same' line of three outputs at
 * stride 2 on rows c apart (LOAD's), 8+ channels, on its records (eight
 * words a channel), nnom_dw3_valid_s8's stack and course (the overlapping
 * last group first, entered at its first channel needed); CH0-CH3 the
 * four channels, labels from L. */
#define DW3Q_FN(NAME, L, LOAD, CH0, CH1, CH2, CH3)                                               \
    DW3Q_FN_AT(NAME, L, LOAD, CH0, CH1, CH2, CH3, "add    r8, r0, r3, lsl #5\n",                   \
               "sub    r0, r8, r7, lsl #5\n", DW3V_STORE("str    r6, [r3, r2, lsl #1]\n"))
/* END: the records' end into r8 (r0 the records, r3 c); REST: the last
 * rest (r7) channels' records into r0; STORE: the group's output rows. */
#define DW3Q_FN_AT(NAME, L, LOAD, CH0, CH1, CH2, CH3, END, REST, STORE)                           \
    NNOM_ASM_FUNC(NAME)                                                                          \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #56\n"                                                                       \
    "subs   r5, r2, r1\n"                                                                        \
    "strd   r3, r5, [sp, #20]\n" /* c, out - x */                                                \
    END /* the records' end */                                                                   \
    "str    r8, [sp, #28]\n"                                                                     \
    "ands   r7, r3, #3\n"                                                                        \
    "beq    .Ldw3" L "_whole\n"                                                                  \
    "strd   r1, r0, [sp, #32]\n"                                                                 \
    REST /* the last rest channels' records */                                                   \
    "str    r0, [sp, #40]\n"                                                                     \
    "rsb    r7, r7, #4\n"                                                                        \
    "str    r7, [sp]\n"                                                                          \
    "add    r1, r1, r3\n"                                                                        \
    "subs   r1, r1, #4\n"                                                                        \
    "str    r1, [sp, #16]\n"                                                                     \
    "mov    r2, r3\n"                                                                            \
    LOAD                                                                                         \
    DW3V_ENTER(L)                                                                                \
    ".Ldw3" L "_whole:\n"                                                                        \
    "str    r7, [sp, #32]\n"                                                                     \
    "str    r1, [sp, #16]\n"                                                                     \
    "mov    r2, r3\n"                                                                            \
    ".Ldw3" L "_loop:\n"                                                                         \
    LOAD                                                                                         \
    CH0                                                                                          \
    ".Ldw3v_" L "1:\n"                                                                           \
    CH1                                                                                          \
    ".Ldw3v_" L "2:\n"                                                                           \
    CH2                                                                                          \
    ".Ldw3v_" L "3:\n"                                                                           \
    CH3                                                                                          \
    STORE                                                                                        \
    DW3SH_NEXT(".Ldw3" L "_loop", "mov    r1, r4\nstr    r4, [sp, #16]\n", "56")                \
    ".size " NAME ", .-" NAME "\n"                                                               \
    ".text\n"

/* Five rows: rows 0-3 packed, row 4 widened (DW3V_LOAD3). */
__asm__(DW3Q_FN("nnom_dw3_s2_s8", "q", DW3V_LOAD3,
                DW3Q_CH3("r2", "r12", "", "r10", "b", "0", "4", "8"),
                DW3Q_CH3("r2", "r12", ", ror #8", "r11", "b", "1", "5", "9"),
                DW3Q_CH3("r3", "lr", "", "r10", "t", "2", "6", "10"),
                DW3Q_CH3("r3", "lr", ", ror #8", "r11", "t", "3", "7", "11")));

/* Six rows: rows 0-5 packed (DW3V_LOAD4). */
__asm__(DW3Q_FN("nnom_dw3_s2e_s8", "e", DW3V_LOAD4,
                DW3E_CH3("r2", "r12", "r10", "", "0", "4", "8"),
                DW3E_CH3("r2", "r12", "r10", ", ror #8", "1", "5", "9"),
                DW3E_CH3("r3", "lr", "r11", "", "2", "6", "10"),
                DW3E_CH3("r3", "lr", "r11", ", ror #8", "3", "7", "11")));

/* Stride 2, one 'same' line of four outputs on seven rows (one pad each
 * end), channel C, on nnom_dw3_s2f_s8's records (w0, w1), (w1, w2), b0,
 * b, b, b3, mult, ra, e (b0, b3 with their padded tap's input zero
 * point); rows 0-5 paired in S01, S23, S45, row 6's word at [44]; bytes
 * C, 4 + C, 8 + C, 12 + C of the stack's words. 30 instructions for 12
 * MACs.
 *   o0 = b0 + SMLAD((x0, x1), (w1, w2))
 *   o1 = b + x1 w0 + SMLAD((x2, x3), (w1, w2))
 *   o2 = b + x3 w0 + SMLAD((x4, x5), (w1, w2))
 *   o3 = b3 + x5 w0 + x6 w1 */
#define DW3F_CH4(S01, S23, S45, ROT, C)                                                          \
    "ldm    r0!, {r4, r5, r6, r7, r8, r9}\n"                                                     \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r5, r6\n"                                                                    \
    "smlatb r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlad  r7, r1, r5, r7\n"                                                                    \
    "smlatb r8, r1, r4, r8\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlad  r8, r1, r5, r8\n"                                                                    \
    "smlatb r9, r1, r4, r9\n"                                                                    \
    "ldrsb  r1, [sp, #44 + " C "]\n"                                                             \
    "smlabt r9, r1, r4, r9\n"                                                                    \
    DW3Q_RQ4(C)

/* The four outputs' requantisation (mult, ra, e the channel's last
 * words) into bytes C, 4 + C, 8 + C, 12 + C. */
#define DW3Q_RQ4(C)                                                                              \
    "ldm    r0!, {r1, r4, r5}\n"                                                                 \
    DW3SH_RQ("r6", "r1", "r4", "r5", C)                                                          \
    DW3SH_RQ("r7", "r1", "r4", "r5", "4 + " C)                                                   \
    DW3SH_RQ("r8", "r1", "r4", "r5", "8 + " C)                                                   \
    DW3SH_RQ("r9", "r1", "r4", "r5", "12 + " C)

/* Stride 2, one 'same' line of four outputs on eight rows (no top pad,
 * the bottom one padded), channel C, on nnom_dw3_s2g_s8's records (w0,
 * w1), (w2, 0), b, b, b, b3, mult, ra, e (b3 with its padded tap's input
 * zero point); rows 0-5 paired in S01, S23, S45, rows (6, 7) paired at
 * [44] (channels 0, 1) and [48] (2, 3): P67. 31 instructions for 12 MACs.
 *   oi = b + SMLAD((x2i, x2i+1), (w0, w1)) + x2i+2 w2 (i < 3)
 *   o3 = b3 + SMLAD((x6, x7), (w0, w1)) */
#define DW3G_CH4(S01, S23, S45, P67, ROT, C)                                                     \
    "ldm    r0!, {r4, r5, r6, r7, r8, r9}\n"                                                     \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r4, r6\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlabb r6, r1, r5, r6\n"                                                                    \
    "smlad  r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlabb r7, r1, r5, r7\n"                                                                    \
    "smlad  r8, r1, r4, r8\n"                                                                    \
    "ldr    r1, [sp, #" P67 "]\n"                                                                \
    "sxtb16 r1, r1" ROT "\n"                                                                     \
    "smlabb r8, r1, r5, r8\n"                                                                    \
    "smlad  r9, r1, r4, r9\n"                                                                    \
    DW3Q_RQ4(C)

/* A group of four outputs' rows (c in r2, out in r3; r12 free). */
#define DW3Q_STORE4                                                                              \
    DW3V_STORE("str    r6, [r3, r2, lsl #1]\n"                                                   \
               "add    r12, r2, r2, lsl #1\n"                                                    \
               "str    r7, [r3, r12]\n")

/* Nine words a channel: the records' end (r8) and the rest's (r0). */
#define DW3Q_END9                                                                                \
    "add    r8, r3, r3, lsl #3\n"                                                                \
    "add    r8, r0, r8, lsl #2\n"
#define DW3Q_REST9                                                                               \
    "add    r0, r7, r7, lsl #3\n"                                                                \
    "sub    r0, r8, r0, lsl #2\n"

/* Seven rows: rows 0-5 packed, row 6's word to [44]. */
#define DW3V_LOAD7                                                                               \
    DW3V_LOAD("ldr    r8, [r1, r2, lsl #1]\n"                                                    \
              "add    r1, r1, r2, lsl #1\n"                                                      \
              "ldr    r9, [r1, r2]\n"                                                            \
              "pkhtb  r11, r9, r8, asr #16\n"                                                    \
              "pkhbt  r10, r8, r9, lsl #16\n"                                                    \
              "ldr    r8, [r1, r2, lsl #1]\n"                                                    \
              "str    r8, [sp, #44]\n")

/* Eight rows: rows 0-5 packed, rows 6, 7 packed to [44], [48]. */
#define DW3V_LOAD8                                                                               \
    DW3V_LOAD("ldr    r8, [r1, r2, lsl #1]\n"                                                    \
              "add    r1, r1, r2, lsl #1\n"                                                      \
              "ldr    r9, [r1, r2]\n"                                                            \
              "pkhtb  r11, r9, r8, asr #16\n"                                                    \
              "pkhbt  r10, r8, r9, lsl #16\n"                                                    \
              "add    r1, r1, r2, lsl #1\n"                                                      \
              "ldr    r8, [r1]\n"                                                                \
              "ldr    r9, [r1, r2]\n"                                                            \
              "pkhbt  r12, r8, r9, lsl #16\n"                                                    \
              "pkhtb  lr, r9, r8, asr #16\n"                                                     \
              "strd   r12, lr, [sp, #44]\n")

/* Stride 2, the first three outputs of a 'same' line on six rows, the
 * top one padded (11 rows: nnom_dw3_s2e_s8 the last three), channel C, on
 * records (w0, w1), (w1, w2), b0, b, b, mult, ra, e (b0 with its padded
 * tap's input zero point); rows 0-5 paired in S01, S23, S45. 22
 * instructions for 9 MACs.
 *   o0 = b0 + SMLAD((x0, x1), (w1, w2))
 *   oi = b + x2i-1 w0 + SMLAD((x2i, x2i+1), (w1, w2)) (i = 1, 2) */
#define DW3A_CH3(S01, S23, S45, ROT, B0, B1, B2)                                                 \
    "ldm    r0!, {r4, r5, r6, r7, r8}\n"                                                         \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r5, r6\n"                                                                    \
    "smlatb r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlad  r7, r1, r5, r7\n"                                                                    \
    "smlatb r8, r1, r4, r8\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlad  r8, r1, r5, r8\n"                                                                    \
    "ldm    r0!, {r4, r5, r9}\n"                                                                 \
    DW3SH_RQ("r6", "r4", "r5", "r9", B0)                                                         \
    DW3SH_RQ("r7", "r4", "r5", "r9", B1)                                                         \
    DW3SH_RQ("r8", "r4", "r5", "r9", B2)

/* Stride 2, the first three outputs of a line on seven rows, none padded
 * (12 rows: nnom_dw3_s2e_s8 the last three), channel C, on records (w0,
 * w1), (w2, 0), b, b, b, mult, ra, e; rows 0-5 paired in S01, S23, S45,
 * row 6's word at [44]. 24 instructions for 9 MACs.
 *   oi = b + SMLAD((x2i, x2i+1), (w0, w1)) + x2i+2 w2 */
#define DW3B_CH3(S01, S23, S45, ROT, C)                                                          \
    "ldm    r0!, {r4, r5, r6, r7, r8}\n"                                                         \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r6, r1, r4, r6\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlabb r6, r1, r5, r6\n"                                                                    \
    "smlad  r7, r1, r4, r7\n"                                                                    \
    "sxtb16 r1, " S45 ROT "\n"                                                                   \
    "smlabb r7, r1, r5, r7\n"                                                                    \
    "smlad  r8, r1, r4, r8\n"                                                                    \
    "ldrsb  r1, [sp, #44 + " C "]\n"                                                             \
    "smlabb r8, r1, r5, r8\n"                                                                    \
    "ldm    r0!, {r4, r5, r9}\n"                                                                 \
    DW3SH_RQ("r6", "r4", "r5", "r9", C)                                                          \
    DW3SH_RQ("r7", "r4", "r5", "r9", "4 + " C)                                                   \
    DW3SH_RQ("r8", "r4", "r5", "r9", "8 + " C)

__asm__(DW3Q_FN("nnom_dw3_s2a_s8", "a", DW3V_LOAD4,
                DW3A_CH3("r2", "r12", "r10", "", "0", "4", "8"),
                DW3A_CH3("r2", "r12", "r10", ", ror #8", "1", "5", "9"),
                DW3A_CH3("r3", "lr", "r11", "", "2", "6", "10"),
                DW3A_CH3("r3", "lr", "r11", ", ror #8", "3", "7", "11")));

__asm__(DW3Q_FN("nnom_dw3_s2b_s8", "b", DW3V_LOAD7,
                DW3B_CH3("r2", "r12", "r10", "", "0"),
                DW3B_CH3("r2", "r12", "r10", ", ror #8", "1"),
                DW3B_CH3("r3", "lr", "r11", "", "2"),
                DW3B_CH3("r3", "lr", "r11", ", ror #8", "3")));

/* nnom_dw3_s2bv_b_s8(block r0, x r1, out r2): nnom_dw3_s2b_s8's loop on
 * whole groups, its c and records (after tag 37) from the layer's
 * arguments block, no overlapping group: a 'valid' line of three outputs
 * at stride 2 on seven or eight rows (nnom_local_dw3s2v.h;
 * DepthwiseConv2D's direct type). */
__asm__(NNOM_ASM_FUNC("nnom_dw3_s2bv_b_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #56\n"
        "ldr    r3, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) " + 4]\n"
        "adds   r0, r0, #4\n" /* past the tag */
        "subs   r5, r2, r1\n"
        "strd   r3, r5, [sp, #20]\n" /* c, out - x */
        "add    r8, r0, r3, lsl #5\n" /* the records' end */
        "movs   r7, #0\n"
        "strd   r8, r7, [sp, #28]\n" /* (no overlapping group after) */
        "str    r1, [sp, #16]\n"
        "mov    r2, r3\n"
        "b.w    .Ldw3b_loop\n"
        ".size nnom_dw3_s2bv_b_s8, .-nnom_dw3_s2bv_b_s8\n"
        ".text\n");

__asm__(DW3Q_FN_AT("nnom_dw3_s2f_s8", "m", DW3V_LOAD7,
                   DW3F_CH4("r2", "r12", "r10", "", "0"),
                   DW3F_CH4("r2", "r12", "r10", ", ror #8", "1"),
                   DW3F_CH4("r3", "lr", "r11", "", "2"),
                   DW3F_CH4("r3", "lr", "r11", ", ror #8", "3"),
                   DW3Q_END9, DW3Q_REST9, DW3Q_STORE4));

__asm__(DW3Q_FN_AT("nnom_dw3_s2g_s8", "n", DW3V_LOAD8,
                   DW3G_CH4("r2", "r12", "r10", "44", "", "0"),
                   DW3G_CH4("r2", "r12", "r10", "44", ", ror #8", "1"),
                   DW3G_CH4("r3", "lr", "r11", "48", "", "2"),
                   DW3G_CH4("r3", "lr", "r11", "48", ", ror #8", "3"),
                   DW3Q_END9, DW3Q_REST9, DW3Q_STORE4));
#else
typedef int nnom_local_dw3sh_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
