/*
 * nnom_local_dw3s2v_dsp.c - three taps at stride 2 on one short 'valid'
 * line of two outputs (nnom_local_dw3s2v.h): o0 on rows 0-2, o1 on rows
 * 2-4 (a sixth row unread), a group of four channels' rows by five loads,
 * the outputs straight to the output; 16 instructions a channel for 6
 * MACs, 14 a group. Lines of four to seven outputs: passes of two on the
 * same records (12 instructions a pass), an odd line's last three on
 * nnom_dw3_s2b_s8.
 */
#include "nnom_local_dw3s2v.h"
#include "nnom_local_dw3line.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

/* Channel C: rows 0, 1 in S01 and rows 2, 3 in S23 (ROT picks the
 * channel's bytes), row 4 widened in half H of P4; records (w0, w1),
 * (w2, 0), b, mult, ra, e; o0 to r10's byte, o1 to r11's (on by one).
 *   o0 = b + SMLAD((x0, x1), (w0, w1)) + x2 w2
 *   o1 = b + SMLAD((x2, x3), (w0, w1)) + x4 w2 */
#define DW3S2V_CH(S01, S23, ROT, P4, H)                                                          \
    "ldm    r0!, {r4, r5, r6}\n"                                                                 \
    "sxtb16 r1, " S01 ROT "\n"                                                                   \
    "smlad  r8, r1, r4, r6\n"                                                                    \
    "sxtb16 r1, " S23 ROT "\n"                                                                   \
    "smlad  r6, r1, r4, r6\n"                                                                    \
    "smlabb r8, r1, r5, r8\n"                                                                    \
    "smla" H "b r6, " P4 ", r5, r6\n"                                                            \
    "ldm    r0!, {r1, r4, r5}\n"                                                                 \
    "smmlar r8, r8, r1, r4\n"                                                                    \
    "asr    r8, r8, r5\n"                                                                        \
    "ssat   r8, #8, r8\n"                                                                        \
    "strb   r8, [r10], #1\n"                                                                     \
    "smmlar r6, r6, r1, r4\n"                                                                    \
    "asr    r6, r6, r5\n"                                                                        \
    "ssat   r6, #8, r6\n"                                                                        \
    "strb   r6, [r11], #1\n"

/* The group loop from r0 to the records' end ([sp]; r10, r11 o0's and
 * o1's bytes; r4, r5, r6 the rows' offsets, as [4], [8], [12]): a group's
 * rows from the output bytes, rows 0, 1 at r4 (x - out), rows 2, 3 at r5
 * (x - out + 2 c), row 4 at r6 (x - out + 4 c), (0, 1) packed into r2
 * (channels 0, 1) and r3 (2, 3), (2, 3) into r12 and lr, row 4 widened
 * into r7 (0, 2) and r9 (1, 3); one LDM of the end and the offsets at a
 * group's end. Labels from L. */
#define DW3S2V_GROUPS(L)                                                                         \
    L ":\n"                                                                                      \
    "ldr    r7, [r10, r6]\n"                                                                     \
    "ldr    r6, [r10, r4]\n"                                                                     \
    "ldr    r4, [r11, r4]\n"                                                                     \
    "ldr    r8, [r10, r5]\n"                                                                     \
    "ldr    r5, [r11, r5]\n"                                                                     \
    "pkhtb  r3, r4, r6, asr #16\n"                                                               \
    "pkhbt  r2, r6, r4, lsl #16\n"                                                               \
    "pkhtb  lr, r5, r8, asr #16\n"                                                               \
    "pkhbt  r12, r8, r5, lsl #16\n"                                                              \
    "sxtb16 r9, r7, ror #8\n"                                                                    \
    "sxtb16 r7, r7\n"                                                                            \
    DW3S2V_CH("r2", "r12", "", "r7", "b")                                                        \
    DW3S2V_CH("r2", "r12", ", ror #8", "r9", "b")                                                \
    DW3S2V_CH("r3", "lr", "", "r7", "t")                                                         \
    DW3S2V_CH("r3", "lr", ", ror #8", "r9", "t")                                                 \
    "ldm    sp, {r1, r4, r5, r6}\n"                                                              \
    "cmp    r0, r1\n"                                                                            \
    "bne    " L "\n"

/* The offsets, the records' end and the output bytes (r0 the records, r1
 * x, r2 out, r3 c), the end and the offsets pushed. */
#define DW3S2V_SETUP                                                                             \
    "subs   r4, r1, r2\n"                                                                        \
    "add    r5, r4, r3, lsl #1\n"                                                                \
    "add    r6, r4, r3, lsl #2\n"                                                                \
    "add    r1, r3, r3, lsl #1\n"                                                                \
    "add    r1, r0, r1, lsl #3\n" /* the records' end: 24 c bytes on */                          \
    "mov    r10, r2\n"                                                                           \
    "add    r11, r2, r3\n"

/* nnom_dw3_s2v_b_s8(block r0, x r1, out r2): the line of two, one pass;
 * the four stack words popped with the return. */
__asm__(NNOM_ASM_FUNC("nnom_dw3_s2v_b_s8")
        "push   {r4-r11, lr}\n"
        "ldr    r3, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) " + 4]\n"
        "adds   r0, r0, #4\n" /* past the tag */
        DW3S2V_SETUP
        "push   {r1, r4, r5, r6}\n"
        DW3S2V_GROUPS(".Ldw3s2v_group")
        "pop    {r0-r11, pc}\n"
        ".size nnom_dw3_s2v_b_s8, .-nnom_dw3_s2v_b_s8\n"
        ".text\n");

/* nnom_dw3_s2vp_s8(rec r0, x r1, out r2, c r3, pairs [sp]): pairs >= 1
 * passes of the line of two on the same records, each pass's outputs 2 c
 * bytes and rows 4 c on (the offsets from the output bytes 2 c on; o0's
 * bytes where o1's ended); the records, c and the passes left at [16],
 * [20], [24]. nnom_dw3_s2vp_b_s8(block r0, x r1, out r2): the same on an
 * even line of four or six outputs (out.h * out.w / 2 passes). */
__asm__(NNOM_ASM_FUNC("nnom_dw3_s2vp_s8")
        "push   {r4-r11, lr}\n"
        "ldr    r7, [sp, #36]\n"
        "b      .Ldw3s2vp_go\n"
        ".global nnom_dw3_s2vp_b_s8\n"
        ".type nnom_dw3_s2vp_b_s8, %function\n"
        ".thumb_func\n"
        "nnom_dw3_s2vp_b_s8:\n"
        "push   {r4-r11, lr}\n"
        "ldr    r3, [r0, #" NNOM_STR(NNOM_DW3A_C) "]\n"
        "ldr    r7, [r0, #" NNOM_STR(NNOM_DW3A_OH) "]\n"
        "ldr    r8, [r0, #" NNOM_STR(NNOM_DW3A_OW) "]\n"
        "mul    r7, r7, r8\n"
        "lsrs   r7, r7, #1\n"
        "ldr    r0, [r0, #" NNOM_STR(NNOM_DW3A_OUT) " + 4]\n"
        "adds   r0, r0, #4\n" /* past the tag */
        ".Ldw3s2vp_go:\n"
        DW3S2V_SETUP
        "push   {r0, r3, r7}\n"
        "push   {r1, r4, r5, r6}\n"
        DW3S2V_GROUPS(".Ldw3s2vp_group")
        "ldrd   r3, r7, [sp, #20]\n"
        "subs   r7, r7, #1\n"
        "beq    1f\n"
        "str    r7, [sp, #24]\n"
        "ldr    r0, [sp, #16]\n"
        "add    r4, r4, r3, lsl #1\n"
        "add    r5, r5, r3, lsl #1\n"
        "add    r6, r6, r3, lsl #1\n"
        "stm    sp, {r1, r4, r5, r6}\n"
        "mov    r10, r11\n"
        "add    r11, r11, r3\n"
        "b      .Ldw3s2vp_group\n"
        "1:\n"
        "add    sp, sp, #12\n"
        "pop    {r0-r11, pc}\n"
        ".size nnom_dw3_s2vp_s8, .-nnom_dw3_s2vp_s8\n"
        ".text\n");

/* An odd line of five or seven outputs: its pairs but the last three by
 * nnom_dw3_s2vp_s8, the last three by nnom_dw3_s2b_s8 on its records
 * after the pairs'. */
void nnom_dw3_s2vn_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out)
{
    const int32_t c = block->in.c, pairs = (block->out.h * block->out.w - 3) >> 1;
    const int32_t *rec = block->records + 1;
    nnom_dw3_s2vp_s8(rec, x, out, c, pairs);
    nnom_dw3_s2b_s8(rec + NNOM_DW3S2V_REC * c, x + 4 * pairs * c, out + 2 * pairs * c, c);
}
#else
typedef int nnom_local_dw3s2v_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
