/*
 * nnom_local_dw3_dsp.c - depthwise outputs of one row of three taps at
 * stride 1 ((3, 1) columns, (1, 3) rows), four channels, four outputs per
 * pass, in assembly (-O2 on DSP cores; see nnom_local_dw3.h). The six input
 * words of a pass are paired by PKH (rows o, o + 1 of channels 0, 1 and of
 * 2, 3; rows o + 2, o + 3; rows o + 4, o + 5) and SXTB16 widens each pair
 * into one channel's halfwords p01, p23, p45. Per channel the four outputs
 * take eight multiplies for their twelve products:
 *   o0 = b + SMLAD(p01, (w0, w1)) + p23.lo w2
 *   o1 = b + p01.hi w0 + SMLAD(p23, (w1, w2))
 *   o2 = b + SMLAD(p23, (w0, w1)) + p45.lo w2
 *   o3 = b + p23.hi w0 + SMLAD(p45, (w1, w2))
 * and read the channel's weights and requantisation by LDM (the weights
 * twice, so that seven registers do). The results go byte by byte into
 * four words on the stack, stored once per pass. 152 instructions per
 * pass of 48 MACs; a run's last one to three outputs take a pass of their
 * own (~50, ~80, ~115 instructions). nnom_dw3p_s8 runs one to three
 * channels of a group (the channels past a multiple of four) in passes
 * of four outputs entered at their first channel.
 */
#include "nnom_local_dw3.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* The assembly reads a run's fields by one LDM, in this order. */
typedef char nnom_dw3_run_layout_t[offsetof(nnom_dw3_run_t, out) == 4 &&
                                           offsetof(nnom_dw3_run_t, n) == 8 &&
                                           offsetof(nnom_dw3_run_t, xs) == 12 &&
                                           offsetof(nnom_dw3_run_t, op) == 16 &&
                                           sizeof(nnom_dw3_run_t) == 20
                                       ? 1
                                       : -1];


/* The accumulator A requantised (r8 mult, r9 ra, lr e) into byte B of the
 * stack's output words. */
#define DW3_RQ(A, B)                                                                             \
    "smmlar " A ", " A ", r8, r9\n"                                                              \
    "asr    " A ", " A ", lr\n"                                                                  \
    "ssat   " A ", #8, " A "\n"                                                                  \
    "strb   " A ", [sp, #" B "]\n"

/* Outputs o0, o1 of channel C from the packed pairs S01, S23 (ROT picks
 * the channel's bytes), r2 at its records; r1 keeps p23 and r2 the
 * weights' end (for DW3_CHANNEL's o2, o3). */
#define DW3_HALF(S01, S23, ROT, C, C4)                                                           \
    "sxtb16 r0, " S01 ROT "\n"                                                                   \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "ldm    r2!, {r7, r8, r9, lr}\n"                                                             \
    "smlad  r7, r0, r7, lr\n"                                                                    \
    "smlabb r7, r1, r8, r7\n"                                                                    \
    "smlatt r0, r0, r8, lr\n"                                                                    \
    "smlad  r0, r1, r9, r0\n"

/* Channel C of the four outputs from the packed pairs S01, S23, S45; r2
 * at its records, after them at the end. */
#define DW3_CHANNEL(S01, S23, S45, ROT, C, C4, C8, C12)                                          \
    DW3_HALF(S01, S23, ROT, C, C4)                                                               \
    "ldm    r2, {r8, r9, lr}\n"                                                                  \
    DW3_RQ("r7", C)                                                                              \
    DW3_RQ("r0", C4)                                                                             \
    "sxtb16 r0, " S45 ROT "\n"                                                                   \
    "ldmdb  r2, {r7, r8, r9, lr}\n"                                                              \
    "smlad  r7, r1, r7, lr\n"                                                                    \
    "smlabb r7, r0, r8, r7\n"                                                                    \
    "smlatt r1, r1, r8, lr\n"                                                                    \
    "smlad  r1, r0, r9, r1\n"                                                                    \
    "ldm    r2!, {r8, r9, lr}\n"                                                                 \
    DW3_RQ("r7", C8)                                                                             \
    DW3_RQ("r1", C12)

/* Channel C of two outputs (the last pass of runs of 4 k + 1 or 2). */
#define DW3_CHANNEL2(S01, S23, ROT, C, C4)                                                       \
    DW3_HALF(S01, S23, ROT, C, C4)                                                               \
    "ldm    r2!, {r8, r9, lr}\n"                                                                 \
    DW3_RQ("r7", C)                                                                              \
    DW3_RQ("r0", C4)

/* Channel C of one output (the last pass of runs of 4 k + 1): rows o,
 * o + 1 in S01, row o + 2 in S2 (ROT2 picks the channel's byte). */
#define DW3_CHANNEL1(S01, ROT, S2, ROT2, C)                                                      \
    "sxtb16 r0, " S01 ROT "\n"                                                                   \
    "sxtb16 r1, " S2 ROT2 "\n"                                                                   \
    "ldm    r2!, {r7, r8, r9, lr}\n"                                                             \
    "smlad  r7, r0, r7, lr\n"                                                                    \
    "smlabb r7, r1, r8, r7\n"                                                                    \
    "ldm    r2!, {r8, r9, lr}\n"                                                                 \
    DW3_RQ("r7", C)

/* Channel C of three outputs (the last pass of runs of 4 k + 3): row
 * o + 4 in r12 (ROT4 picks the channel's byte). */
#define DW3_CHANNEL3(S01, S23, ROT, ROT4, C, C4, C8)                                             \
    DW3_HALF(S01, S23, ROT, C, C4)                                                               \
    "ldm    r2, {r8, r9, lr}\n"                                                                  \
    DW3_RQ("r7", C)                                                                              \
    DW3_RQ("r0", C4)                                                                             \
    "sxtb16 r0, r12" ROT4 "\n"                                                                   \
    "ldmdb  r2, {r7, r8, r9, lr}\n"                                                              \
    "smlad  r7, r1, r7, lr\n"                                                                    \
    "smlabb r7, r0, r8, r7\n"                                                                    \
    "ldm    r2!, {r8, r9, lr}\n"                                                                 \
    DW3_RQ("r7", C8)

/* A pass of four outputs from the packed pairs: rows (o, o + 1) in L01
 * (channels 0, 1) and H01 (2, 3), (o + 2, o + 3) in L23, H23, (o + 4,
 * o + 5) in L45, H45; then its output words stored, r2 back at the
 * records, r0 x of the next pass, r1 xs; to .Ldw3_rest after the run's
 * last full pass. */
#define DW3_PASS(L01, L23, L45, H01, H23, H45)                                                   \
    DW3_CHANNEL(L01, L23, L45, "", "0", "4", "8", "12")                                          \
    DW3_CHANNEL(L01, L23, L45, ", ror #8", "1", "5", "9", "13")                                  \
    DW3_CHANNEL(H01, H23, H45, "", "2", "6", "10", "14")                                         \
    DW3_CHANNEL(H01, H23, H45, ", ror #8", "3", "7", "11", "15")                                 \
    "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"                                        \
    "ldm    sp, {r7, r8, r9, lr}\n"                                                              \
    "ldr    r1, [sp, #24]\n"                                                                     \
    "str    r7, [r3]\n"                                                                          \
    "str    r8, [r3, r1]\n"                                                                      \
    "add    r3, r3, r1, lsl #1\n"                                                                \
    "str    r9, [r3]\n"                                                                          \
    "str    lr, [r3, r1]\n"                                                                      \
    "add    r3, r3, r1, lsl #1\n"                                                                \
    "ldrd   r0, r1, [sp, #16]\n"                                                                 \
    "ldr    r7, [sp, #28]\n"                                                                     \
    "cmp    r3, r7\n"                                                                            \
    "beq    .Ldw3_rest\n"

/* A pass's first six rows from r0 (step r1): rows o, o + 1 packed into r4
 * (channels 0, 1) and r10 (2, 3), o + 2, o + 3 into r5, r11, o + 4, o + 5
 * into r6, r12; r0 left at row o + 4, saved at [sp, #16]. */
#define DW3_LOAD6                                                                                \
    "ldr    r4, [r0]\n"                                                                          \
    "ldr    r5, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r6, [r0]\n"                                                                          \
    "ldr    r7, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r8, [r0]\n"                                                                          \
    "ldr    r9, [r0, r1]\n"                                                                      \
    "str    r0, [sp, #16]\n"                                                                     \
    "pkhtb  r10, r5, r4, asr #16\n"                                                              \
    "pkhtb  r11, r7, r6, asr #16\n"                                                              \
    "pkhtb  r12, r9, r8, asr #16\n"                                                              \
    "pkhbt  r4, r4, r5, lsl #16\n"                                                               \
    "pkhbt  r5, r6, r7, lsl #16\n"                                                               \
    "pkhbt  r6, r8, r9, lsl #16\n"

/* The next pass's rows: its first two are the last two of the pass before
 * (still packed); the other four packed into L23, H23, L45, H45. */
#define DW3_NEXT(L23, H23, L45, H45)                                                             \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r7, [r0]\n"                                                                          \
    "ldr    r8, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r9, [r0]\n"                                                                          \
    "ldr    lr, [r0, r1]\n"                                                                      \
    "str    r0, [sp, #16]\n"                                                                     \
    "pkhtb  " H23 ", r8, r7, asr #16\n"                                                          \
    "pkhbt  " L23 ", r7, r8, lsl #16\n"                                                          \
    "pkhtb  " H45 ", lr, r9, asr #16\n"                                                          \
    "pkhbt  " L45 ", r9, lr, lsl #16\n"

/* nnom_dw3_s8(rec r0, runs r1, count r2, groups r3). Stack: [0] the pass's
 * output words, [16] x of the next pass, [20] xs, [24] op, [28] the end of
 * the run's full passes' outputs, [32] the next run, [36] runs left, [40]
 * the outputs after the full passes (0 to 3), [44] runs, [48] count,
 * [52] groups left; then r4-r11, lr. In the passes r0 x, r1 xs, r2 the
 * records, r3 the output. */
__asm__(NNOM_ASM_FUNC("nnom_dw3_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #60\n"
        "str    r2, [sp, #36]\n"
        "strd   r1, r2, [sp, #44]\n"
        "str    r3, [sp, #52]\n"
        "mov    r2, r0\n"
        ".Ldw3_run:\n"
        "ldm    r1!, {r0, r3, r4, r5, r6}\n" /* x, out, n, xs, op */
        "str    r1, [sp, #32]\n"
        "mov    r1, r5\n"
        "strd   r5, r6, [sp, #20]\n"
        "and    r7, r4, #3\n"
        "str    r7, [sp, #40]\n"
        "bics   r4, r4, #3\n"
        "mla    r7, r4, r6, r3\n"
        "str    r7, [sp, #28]\n"
        "beq    .Ldw3_rest\n"
        ".Ldw3_pass:\n"
        DW3_LOAD6
        ".Ldw3_a:\n"
        DW3_PASS("r4", "r5", "r6", "r10", "r11", "r12")
        DW3_NEXT("r4", "r10", "r5", "r11")
        DW3_PASS("r6", "r4", "r5", "r12", "r10", "r11")
        DW3_NEXT("r6", "r12", "r4", "r10")
        DW3_PASS("r5", "r6", "r4", "r11", "r12", "r10")
        DW3_NEXT("r5", "r11", "r6", "r12")
        "b      .Ldw3_a\n"
        /* the outputs after the full passes: a pass of three, two or one */
        ".Ldw3_rest:\n"
        "ldr    r4, [sp, #40]\n"
        "tbh    [pc, r4, lsl #1]\n"
        ".Ldw3_tbl:\n"
        ".short (.Ldw3_next - .Ldw3_tbl) / 2\n"
        ".short (.Ldw3_one - .Ldw3_tbl) / 2\n"
        ".short (.Ldw3_two - .Ldw3_tbl) / 2\n"
        ".short (.Ldw3_three - .Ldw3_tbl) / 2\n"
        ".Ldw3_one:\n"
        "ldr    r4, [r0]\n" /* rows o to o + 2 */
        "ldr    r5, [r0, r1]\n"
        "ldr    r6, [r0, r1, lsl #1]\n"
        "pkhtb  r10, r5, r4, asr #16\n"
        "pkhbt  r4, r4, r5, lsl #16\n"
        DW3_CHANNEL1("r4", "", "r6", "", "0")
        DW3_CHANNEL1("r4", ", ror #8", "r6", ", ror #8", "1")
        DW3_CHANNEL1("r10", "", "r6", ", ror #16", "2")
        DW3_CHANNEL1("r10", ", ror #8", "r6", ", ror #24", "3")
        "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"
        "ldr    r4, [sp]\n"
        "str    r4, [r3]\n"
        "b      .Ldw3_next\n"
        ".Ldw3_three:\n" /* rows o to o + 4 */
        "ldr    r4, [r0]\n"
        "ldr    r5, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r6, [r0]\n"
        "ldr    r7, [r0, r1]\n"
        "ldr    r12, [r0, r1, lsl #1]\n"
        "pkhtb  r10, r5, r4, asr #16\n"
        "pkhtb  r11, r7, r6, asr #16\n"
        "pkhbt  r4, r4, r5, lsl #16\n"
        "pkhbt  r5, r6, r7, lsl #16\n"
        DW3_CHANNEL3("r4", "r5", "", "", "0", "4", "8")
        DW3_CHANNEL3("r4", "r5", ", ror #8", ", ror #8", "1", "5", "9")
        DW3_CHANNEL3("r10", "r11", "", ", ror #16", "2", "6", "10")
        DW3_CHANNEL3("r10", "r11", ", ror #8", ", ror #24", "3", "7", "11")
        "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"
        "ldm    sp, {r7, r8, r9}\n"
        "ldr    r1, [sp, #24]\n"
        "str    r7, [r3]\n"
        "str    r8, [r3, r1]\n"
        "str    r9, [r3, r1, lsl #1]\n"
        "b      .Ldw3_next\n"
        ".Ldw3_two:\n"
        "ldr    r4, [r0]\n"
        "ldr    r5, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r6, [r0]\n"
        "ldr    r7, [r0, r1]\n"
        "pkhtb  r10, r5, r4, asr #16\n"
        "pkhtb  r11, r7, r6, asr #16\n"
        "pkhbt  r4, r4, r5, lsl #16\n"
        "pkhbt  r5, r6, r7, lsl #16\n"
        DW3_CHANNEL2("r4", "r5", "", "0", "4")
        DW3_CHANNEL2("r4", "r5", ", ror #8", "1", "5")
        DW3_CHANNEL2("r10", "r11", "", "2", "6")
        DW3_CHANNEL2("r10", "r11", ", ror #8", "3", "7")
        "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"
        "ldrd   r4, r5, [sp]\n"
        "ldr    r1, [sp, #24]\n"
        "str    r4, [r3]\n"
        "str    r5, [r3, r1]\n"
        ".Ldw3_next:\n"
        "ldrd   r1, r4, [sp, #32]\n"
        "subs   r4, r4, #1\n"
        "str    r4, [sp, #36]\n"
        "bne    .Ldw3_run\n"
        /* the next group: its records after this one's, the runs' x and
         * out 4 bytes on (in place) */
        "ldr    r4, [sp, #52]\n"
        "subs   r4, r4, #1\n"
        "ble    .Ldw3_done\n" /* (0 groups: one) */
        "str    r4, [sp, #52]\n"
        "add    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3_REC) "\n"
        "ldrd   r1, r4, [sp, #44]\n"
        "str    r4, [sp, #36]\n"
        ".Ldw3_step:\n"
        "ldrd   r5, r6, [r1]\n"
        "adds   r5, r5, #4\n"
        "adds   r6, r6, #4\n"
        "strd   r5, r6, [r1], #20\n"
        "subs   r4, r4, #1\n"
        "bne    .Ldw3_step\n"
        "ldr    r1, [sp, #44]\n"
        "b      .Ldw3_run\n"
        ".Ldw3_done:\n"
        "add    sp, sp, #60\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3_s8, .-nnom_dw3_s8\n"
        ".text\n");

/* nnom_dw3p_s8(rec r0, runs r1, count r2, skip r3): channels skip to 3
 * of one group, passes of four outputs (the last one stepped back to end
 * at output n - 1), the pass entered at channel skip (its address in
 * [56]) and the words stored whole (the skipped channels' bytes are the
 * caller's to write after). Stack as nnom_dw3_s8's but [28] the out of
 * the run's last pass, [40] its x, [44] the records of channel skip. */
__asm__(NNOM_ASM_FUNC("nnom_dw3p_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #60\n"
        "str    r2, [sp, #36]\n"
        "movs   r4, #" NNOM_STR(4 * NNOM_DW3_REC) "\n"
        "mla    r2, r3, r4, r0\n"
        "str    r2, [sp, #44]\n"
        "adr    r4, .Ldw3p_c1\n"
        "cmp    r3, #2\n"
        "it     eq\n"
        "adreq  r4, .Ldw3p_c2\n"
        "it     hi\n"
        "adrhi  r4, .Ldw3p_c3\n"
        "orr    r4, r4, #1\n"
        "str    r4, [sp, #56]\n"
        ".Ldw3p_run:\n"
        "ldm    r1!, {r0, r3, r4, r5, r6}\n" /* x, out, n, xs, op */
        "str    r1, [sp, #32]\n"
        "strd   r5, r6, [sp, #20]\n"
        "sub    r4, r4, #4\n"
        "mla    r7, r4, r6, r3\n"
        "str    r7, [sp, #28]\n"
        "mla    r7, r4, r5, r0\n"
        "str    r7, [sp, #40]\n"
        ".Ldw3p_pass:\n"
        "ldr    r1, [sp, #20]\n"
        DW3_LOAD6
        "ldr    r2, [sp, #44]\n"
        "ldr    pc, [sp, #56]\n"
        ".Ldw3p_c1:\n"
        DW3_CHANNEL("r4", "r5", "r6", ", ror #8", "1", "5", "9", "13")
        ".Ldw3p_c2:\n"
        DW3_CHANNEL("r10", "r11", "r12", "", "2", "6", "10", "14")
        ".Ldw3p_c3:\n"
        DW3_CHANNEL("r10", "r11", "r12", ", ror #8", "3", "7", "11", "15")
        "ldm    sp, {r7, r8, r9, lr}\n"
        "ldr    r1, [sp, #24]\n"
        "str    r7, [r3]\n"
        "str    r8, [r3, r1]\n"
        "add    r3, r3, r1, lsl #1\n"
        "str    r9, [r3]\n"
        "str    lr, [r3, r1]\n"
        "add    r3, r3, r1, lsl #1\n"
        "ldr    r0, [sp, #16]\n"
        "ldr    r7, [sp, #28]\n"
        "cmp    r3, r7\n"
        "bls    .Ldw3p_pass\n" /* the next pass ends at or before output n - 1 */
        "add    r7, r7, r1, lsl #2\n"
        "cmp    r3, r7\n"
        "beq    .Ldw3p_next\n"
        "sub    r3, r7, r1, lsl #2\n" /* the last pass, stepped back */
        "ldr    r0, [sp, #40]\n"
        "b      .Ldw3p_pass\n"
        ".Ldw3p_next:\n"
        "ldrd   r1, r4, [sp, #32]\n"
        "subs   r4, r4, #1\n"
        "str    r4, [sp, #36]\n"
        "bne    .Ldw3p_run\n"
        "add    sp, sp, #60\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3p_s8, .-nnom_dw3p_s8\n"
        ".text\n");

/* The layer's fields at these offsets. */
typedef char nnom_dw3_layer_layout_t[offsetof(nnom_dw3_layer_t, bias) == 4 &&
                                             offsetof(nnom_dw3_layer_t, mult) == 8 &&
                                             offsetof(nnom_dw3_layer_t, shift) == 12 &&
                                             offsetof(nnom_dw3_layer_t, oc) == 16 &&
                                             offsetof(nnom_dw3_layer_t, off) == 20 &&
                                             offsetof(nnom_dw3_layer_t, zp2) == 24
                                         ? 1
                                         : -1];

/* Channel REC's weights and bias (bytes R into the records) from the
 * taps' bytes paired (r7 (w0, w1), r8 (w2, w0), r9 (w1, w2); ROT picks
 * the channel's): doubled; r3 at its bias, r12 -zp in each halfword. */
#define DW3_REC_W(ROT, R, R8)                                                                    \
    "sxtb16 r0, r7" ROT "\n"                                                                     \
    "sadd16 r0, r0, r0\n"                                                                        \
    "sxtb16 r1, r8" ROT "\n"                                                                     \
    "sadd16 r1, r1, r1\n"                                                                        \
    "sxtb16 r10, r9" ROT "\n"                                                                    \
    "sadd16 r10, r10, r10\n"                                                                     \
    "ldr    r11, [r3], #4\n"                                                                     \
    "lsl    r11, r11, #1\n"                                                                      \
    "smlad  r11, r0, r12, r11\n"                                                                 \
    "smlabb r11, r1, r12, r11\n"                                                                 \
    "strd   r0, r1, [r2, #" R "]\n"                                                              \
    "strd   r10, r11, [r2, #" R8 "]\n"

/* The channel's mult, ra, e (bytes R into the records; r3 mult, r4
 * shift, r5 bias, r6 2 zp + 1, r7 the bias's reach); r8 gathers in its
 * sign whether mult <= 0, e - 2 outside 0 to 21 or |bias| >= reach
 * (nnom_rq_fast_ok() and the group path's accumulator bound). */
#define DW3_REC_Q(R, R4)                                                                         \
    "ldr    r9, [r3], #4\n"                                                                      \
    "ldr    r10, [r4], #4\n"                                                                     \
    "ldr    r11, [r5], #4\n"                                                                     \
    "sub    lr, r9, #1\n"                                                                        \
    "orr    r8, r8, r9\n"                                                                        \
    "orr    r8, r8, lr\n"                                                                        \
    "rsb    r10, r10, #0\n"                                                                      \
    "sub    lr, r10, #2\n"                                                                       \
    "orr    r8, r8, lr\n"                                                                        \
    "rsb    lr, lr, #21\n"                                                                       \
    "orr    r8, r8, lr\n"                                                                        \
    "sub    lr, r7, r11\n"                                                                       \
    "orr    r8, r8, lr\n"                                                                        \
    "add    lr, r7, r11\n"                                                                       \
    "orr    r8, r8, lr\n"                                                                        \
    "sub    lr, r10, #1\n"                                                                       \
    "lsl    r11, r6, lr\n"                                                                       \
    "str    r9, [r2, #" R "]\n"                                                                  \
    "strd   r11, r10, [r2, #" R4 "]\n"

/* nnom_dw3_records(layer r0, c r1, rec r2): 1, or 0 where a channel does
 * not suit (the records then unusable). */
__asm__(NNOM_ASM_FUNC("nnom_dw3_records")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #12\n"
        "strd   r0, r1, [sp]\n"
        "ldr    r3, [r0, #0]\n"
        "add    r3, r3, r1\n"
        "ldr    r12, [r0, #16]\n"
        "ldr    r4, [r3]\n"
        "ldr    r5, [r3, r12]\n"
        "ldr    r6, [r3, r12, lsl #1]\n"
        "ldr    r3, [r0, #4]\n"
        "add    r3, r3, r1, lsl #2\n"
        "ldr    r12, [r0, #20]\n"
        "pkhbt  r7, r4, r5, lsl #16\n"
        "pkhbt  r8, r6, r4, lsl #16\n"
        "pkhbt  r9, r5, r6, lsl #16\n"
        DW3_REC_W("", "0", "8")
        DW3_REC_W(", ror #8", "28", "36")
        "pkhtb  r7, r5, r4, asr #16\n"
        "pkhtb  r8, r4, r6, asr #16\n"
        "pkhtb  r9, r6, r5, asr #16\n"
        DW3_REC_W("", "56", "64")
        DW3_REC_W(", ror #8", "84", "92")
        "ldrd   r0, r1, [sp]\n"
        "ldr    r3, [r0, #8]\n"
        "add    r3, r3, r1, lsl #2\n"
        "ldr    r4, [r0, #12]\n"
        "add    r4, r4, r1, lsl #2\n"
        "ldr    r5, [r0, #4]\n"
        "add    r5, r5, r1, lsl #2\n"
        "ldr    r6, [r0, #24]\n"
        "movw   r7, #0x817F\n" /* 2^30 - 3 * 255 * 128 - 1 */
        "movt   r7, #0x3FFE\n"
        "movs   r8, #0\n"
        DW3_REC_Q("16", "20")
        DW3_REC_Q("44", "48")
        DW3_REC_Q("72", "76")
        DW3_REC_Q("100", "104")
        "mvn    r0, r8\n"
        "lsr    r0, r0, #31\n"
        "add    sp, sp, #12\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3_records, .-nnom_dw3_records\n"
        ".text\n");

#else
typedef int nnom_local_dw3_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
