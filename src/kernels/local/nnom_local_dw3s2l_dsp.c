/*
 * nnom_local_dw3s2l_dsp.c - (3, 1) / (1, 3) depthwise at stride 2 on lines
 * of any length from four outputs (-O2 on DSP cores; nnom_local_dw3s2l.h).
 * nnom_local_dw3s2_dsp.c's channel-major pass of four outputs (nine rows
 * paired by PKH, each pair's low halfword also the output before's third
 * tap), but each pass read from a descriptor: its row 0, row 1 (rows 1 to
 * 7 xs apart), row 8 and output. A padded row (before the first output,
 * after the last) is then one row of the input's zero point, not a copy of
 * the five rows around it; a line of 4 k + 3 outputs ends with a full
 * pass one output back, 4 k + 1 with a pass of one and 4 k + 2 with a
 * pass of six (its last four and two outputs). Every pass of
 * every line runs for a group before the next group (one call per up to
 * DW3S2L_PASSES passes): on lines of 8 to 25 outputs the copies and the
 * runs' and passes of two's set-up had cost 0.4 to 1.0 instructions per
 * MAC. A pass costs ~150 instructions for 48 MACs.
 */
#include "nnom_local_dw3s2l.h"
#include "nnom_local_dw3s2.h"
#include "nnom_local_dw_odd.h"

#include <string.h>

#if NNOM_LOCAL_MAC_ASM

/* One pass's rows (row 1, rows 1 to 7 xs bytes apart, row 0, row 8) and
 * output; the field order is the assembly's (one LDM). */
typedef struct {
    const int8_t *x1;
    int32_t xs;
    const int8_t *row0, *row8;
    int8_t *out;
} dw3s2l_pass_t;

/* Bytes of one group's records */
#define DW3S2L_GROUP_REC (4 * 4 * NNOM_DW3S2_REC)

/* The pass functions' entry: the frame, op at [28], the passes' course
 * at [20]/[24], the first pass at [FIRST], g = 0 at [16], 4 groups at
 * [GROUPS], the records in r2 (OP: op's offset above the frame). */
#define DW3S2L_ENTRY(FRAME, OP, FIRST, GROUPS)                                                     \
    "push   {r4-r11, lr}\n"                                                                         \
    "sub    sp, sp, #" FRAME "\n"                                                                  \
    "ldr    r4, [sp, #" OP "]\n"                                                                   \
    "str    r4, [sp, #28]\n"                                                                       \
    "add    r2, r2, r2, lsl #2\n"                                                                  \
    "add    r2, r1, r2, lsl #2\n" /* 20 bytes a pass */                                            \
    "strd   r1, r2, [sp, #20]\n"                                                                   \
    "str    r1, [sp, #" FIRST "]\n"                                                                \
    "lsls   r3, r3, #2\n"                                                                          \
    "movs   r4, #0\n"                                                                              \
    "str    r4, [sp, #16]\n"                                                                       \
    "str    r3, [sp, #" GROUPS "]\n"                                                               \
    "mov    r2, r0\n"

/* After a group's passes: the next group (its records after this one's,
 * the passes again from the first) or the return (labels .L<L>_pass/_done). */
#define DW3S2L_NEXT_GROUP(FRAME, FIRST, GROUPS, L)                                                 \
    "ldr    lr, [sp, #16]\n"                                                                       \
    "ldr    r7, [sp, #" GROUPS "]\n"                                                               \
    "adds   lr, lr, #4\n"                                                                          \
    "cmp    lr, r7\n"                                                                              \
    "beq    .L" L "_done\n"                                                                        \
    "str    lr, [sp, #16]\n"                                                                       \
    "ldr    r12, [sp, #" FIRST "]\n"                                                               \
    "str    r12, [sp, #20]\n"                                                                      \
    "add    r2, r2, #" NNOM_STR(DW3S2L_GROUP_REC) "\n"                                            \
    "b      .L" L "_pass\n"                                                                        \
    ".L" L "_done:\n"                                                                              \
    "add    sp, sp, #" FRAME "\n"                                                                  \
    "pop    {r4-r11, pc}\n"

/* nnom_dw3s2l_s8(rec r0, passes r1, count r2, groups r3, op): every
 * pass of every group, group g at its pointers + 4 g with its records
 * after group g - 1's. Stack: [0] the pass's output words, [16] g (4 per
 * group), [20] the next pass, [24] the passes' end, [28] op, [32] out of
 * the pass, [36] 4 groups, [40] the first pass, [48] the pairs of
 * channels 2, 3; then r4-r11, lr, op. */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2l_s8")
        DW3S2L_ENTRY("64", "100", "40", "36")
        ".Ldw3s2l_pass:\n"
        "ldrd   lr, r12, [sp, #16]\n" /* g, the pass */
        "ldm    r12!, {r0, r1, r3, r6, r9}\n" /* row 1, xs, row 0, row 8, out */
        "str    r12, [sp, #20]\n"
        "add    r9, r9, lr\n"
        "str    r9, [sp, #32]\n"
        "ldr    r3, [r3, lr]\n"
        "ldr    r6, [r6, lr]\n"
        "add    r0, r0, lr\n"
        "ldr    r4, [r0]\n"
        "ldr    r5, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r7, [r0]\n"
        "ldr    r8, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r9, [r0]\n"
        "ldr    r10, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r11, [r0]\n"
        "pkhtb  r12, r4, r3, asr #16\n"
        "pkhtb  lr, r7, r5, asr #16\n"
        "strd   r12, lr, [sp, #48]\n"
        "pkhtb  r12, r9, r8, asr #16\n"
        "pkhtb  lr, r11, r10, asr #16\n"
        "strd   r12, lr, [sp, #56]\n"
        "pkhbt  r1, r3, r4, lsl #16\n"
        "pkhbt  r3, r5, r7, lsl #16\n"
        "pkhbt  r4, r8, r9, lsl #16\n"
        "pkhbt  r5, r10, r11, lsl #16\n"
        NNOM_DW3S2_CHANNEL("", "bb", "0", "4", "8", "12")
        NNOM_DW3S2_CHANNEL(", ror #8", "bb", "1", "5", "9", "13")
        "ldrd   r1, r3, [sp, #48]\n"
        "ldrd   r4, r5, [sp, #56]\n"
        NNOM_DW3S2_CHANNEL("", "tb", "2", "6", "10", "14")
        NNOM_DW3S2_CHANNEL(", ror #8", "tb", "3", "7", "11", "15")
        "sub    r2, r2, #" NNOM_STR(DW3S2L_GROUP_REC) "\n"
        "ldm    sp, {r7, r8, r9, lr}\n"
        "ldrd   r1, r3, [sp, #28]\n" /* op, out */
        "str    r7, [r3]\n"
        "str    r8, [r3, r1]\n"
        "add    r3, r3, r1, lsl #1\n"
        "str    r9, [r3]\n"
        "str    lr, [r3, r1]\n"
        "ldrd   r12, r7, [sp, #20]\n"
        "cmp    r12, r7\n"
        "bne    .Ldw3s2l_pass\n"
        DW3S2L_NEXT_GROUP("64", "40", "36", "dw3s2l")
        ".size nnom_dw3s2l_s8, .-nnom_dw3s2l_s8\n"
        ".text\n");

void nnom_dw3s2l_s8(const int32_t *rec, const dw3s2l_pass_t *passes, int32_t count, int32_t groups,
                    int32_t op);

/* Channel of a pass of six: pairs r3, r4, r1, r5, r6, lr (rows 0 to 11),
 * row 12 at [sp, #52]; records r2; outputs 0 to 3 at byte C of words 0 to
 * 3, 4 and 5 at bytes C of [44] and [48]. */
#define DW3S2L_CHANNEL6(ROT, XY, C, C4, C8, C12, C44, C48)                                        \
    "ldm    r2!, {r7, r8, r10, r11, r12}\n"                                                      \
    "sxtb16 r0, r3" ROT "\n"                                                                     \
    NNOM_DW3S2_OUT("r4", ROT, "bb", C)                                                           \
    NNOM_DW3S2_OUT("r1", ROT, "bb", C4)                                                          \
    NNOM_DW3S2_OUT("r5", ROT, "bb", C8)                                                          \
    NNOM_DW3S2_OUT("r6", ROT, "bb", C12)                                                         \
    NNOM_DW3S2_OUT("lr", ROT, "bb", C44)                                                         \
    "smlad  r9, r0, r7, r10\n"                                                                   \
    "ldr    r0, [sp, #52]\n"                                                                     \
    "sxtb16 r0, r0" ROT "\n"                                                                     \
    "smla" XY " r9, r0, r8, r9\n"                                                                \
    "smmla  r9, r9, r11, r12\n"                                                                  \
    "ssat   r9, #8, r9, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"                                 \
    "strb   r9, [sp, #" C48 "]\n"

/* nnom_dw3s2l6_s8(rec r0, passes r1, count r2, groups r3, op): as
 * nnom_dw3s2l_s8 but passes of six outputs (a line's last 4 k + 2: a pass
 * of four and one of two cost ~240 instructions a group, this ~220, and
 * lines of six make no call of the passes of four), each descriptor's
 * row 8 its row 12. Rows 0 to 11 paired in registers for channels 0, 1,
 * their high halves' pairs on the stack for channels 2, 3; row 12 on the
 * stack. Stack: [0] outputs 0 to 3's words, [16] g, [20] the next pass,
 * [24] the passes' end, [28] op, [32] out of the pass, [36] 4 groups, [40]
 * the first pass, [44], [48] outputs 4 and 5, [52] row 12, [56] the pairs
 * of channels 2, 3; then r4-r11, lr, op. */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2l6_s8")
        DW3S2L_ENTRY("80", "116", "40", "36")
        ".Ldw3s2l6_pass:\n"
        "ldrd   lr, r12, [sp, #16]\n" /* g, the pass */
        "ldm    r12!, {r0, r1, r3, r6, r9}\n" /* row 1, xs, row 0, row 12, out */
        "str    r12, [sp, #20]\n"
        "add    r9, r9, lr\n"
        "str    r9, [sp, #32]\n"
        "ldr    r3, [r3, lr]\n"
        "ldr    r6, [r6, lr]\n"
        "str    r6, [sp, #52]\n"
        "add    r0, r0, lr\n"
        "ldr    r4, [r0]\n"
        "ldr    r5, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r7, [r0]\n"
        "ldr    r8, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r9, [r0]\n"
        "ldr    r10, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r11, [r0]\n"
        "ldr    r12, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r6, [r0]\n"
        "ldr    lr, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r0, [r0]\n" /* rows 0 to 11: r3, r4, r5, r7, r8-r12, r6, lr, r0 */
        "pkhtb  r1, r4, r3, asr #16\n"
        "pkhbt  r3, r3, r4, lsl #16\n"
        "pkhtb  r4, r7, r5, asr #16\n"
        "strd   r1, r4, [sp, #56]\n"
        "pkhbt  r4, r5, r7, lsl #16\n"
        "pkhtb  r5, r9, r8, asr #16\n"
        "pkhbt  r1, r8, r9, lsl #16\n"
        "pkhtb  r7, r11, r10, asr #16\n"
        "strd   r5, r7, [sp, #64]\n"
        "pkhbt  r5, r10, r11, lsl #16\n"
        "pkhtb  r7, r6, r12, asr #16\n"
        "pkhbt  r6, r12, r6, lsl #16\n"
        "pkhtb  r8, r0, lr, asr #16\n"
        "strd   r7, r8, [sp, #72]\n"
        "pkhbt  lr, lr, r0, lsl #16\n"
        DW3S2L_CHANNEL6("", "bb", "0", "4", "8", "12", "44", "48")
        DW3S2L_CHANNEL6(", ror #8", "bb", "1", "5", "9", "13", "45", "49")
        "ldrd   r3, r4, [sp, #56]\n"
        "ldrd   r1, r5, [sp, #64]\n"
        "ldrd   r6, lr, [sp, #72]\n"
        DW3S2L_CHANNEL6("", "tb", "2", "6", "10", "14", "46", "50")
        DW3S2L_CHANNEL6(", ror #8", "tb", "3", "7", "11", "15", "47", "51")
        "sub    r2, r2, #" NNOM_STR(DW3S2L_GROUP_REC) "\n"
        "ldm    sp, {r0, r1, r3, r4}\n"
        "ldrd   r5, r6, [sp, #44]\n"
        "ldrd   r7, r8, [sp, #28]\n" /* op, out */
        "str    r0, [r8]\n"
        "str    r1, [r8, r7]\n"
        "add    r8, r8, r7, lsl #1\n"
        "str    r3, [r8]\n"
        "str    r4, [r8, r7]\n"
        "add    r8, r8, r7, lsl #1\n"
        "str    r5, [r8]\n"
        "str    r6, [r8, r7]\n"
        "ldrd   r12, r7, [sp, #20]\n"
        "cmp    r12, r7\n"
        "bne    .Ldw3s2l6_pass\n"
        DW3S2L_NEXT_GROUP("80", "40", "36", "dw3s2l6")
        ".size nnom_dw3s2l6_s8, .-nnom_dw3s2l6_s8\n"
        ".text\n");

void nnom_dw3s2l6_s8(const int32_t *rec, const dw3s2l_pass_t *passes, int32_t count,
                     int32_t groups, int32_t op);

/* Passes per call (the descriptors on the stack: 16 bytes each) */
#define DW3S2L_PASSES 32
/* nnom_dw3s2l1p_s8(rec r0, passes r1, count r2, groups r3, op): as
 * nnom_dw3s2l_s8 but passes of one output (a line's last 4 k + 1: a
 * pass of two one output back cost ~30 instructions more a group), each
 * descriptor's row 8 its row 2. Stack: [0] the pass's output word, [8] the
 * first pass, [12] 4 groups, [16] g, [20] the next pass, [24] the passes'
 * end, [28] op, [32] out of the pass; then r4-r11, lr, op. */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2l1p_s8")
        DW3S2L_ENTRY("40", "76", "8", "12")
        ".Ldw3s2l1p_pass:\n"
        "ldrd   lr, r12, [sp, #16]\n" /* g, the pass */
        "ldm    r12!, {r0, r1, r3, r6, r9}\n" /* row 1, xs, row 0, row 2, out */
        "str    r12, [sp, #20]\n"
        "add    r9, r9, lr\n"
        "str    r9, [sp, #32]\n"
        "ldr    r3, [r3, lr]\n"
        "ldr    r6, [r6, lr]\n"
        "ldr    r4, [r0, lr]\n"
        "pkhtb  lr, r4, r3, asr #16\n"
        "pkhbt  r1, r3, r4, lsl #16\n"
        "ldm    r2!, {r7, r8, r10, r11, r12}\n"
        "sxtb16 r0, r1\n"
        NNOM_DW3S2_OUT("r6", "", "bb", "0")
        "ldm    r2!, {r7, r8, r10, r11, r12}\n"
        "sxtb16 r0, r1, ror #8\n"
        NNOM_DW3S2_OUT("r6", ", ror #8", "bb", "1")
        "ldm    r2!, {r7, r8, r10, r11, r12}\n"
        "sxtb16 r0, lr\n"
        NNOM_DW3S2_OUT("r6", "", "tb", "2")
        "ldm    r2!, {r7, r8, r10, r11, r12}\n"
        "sxtb16 r0, lr, ror #8\n"
        NNOM_DW3S2_OUT("r6", ", ror #8", "tb", "3")
        "sub    r2, r2, #" NNOM_STR(DW3S2L_GROUP_REC) "\n"
        "ldr    r7, [sp]\n"
        "ldr    r3, [sp, #32]\n"
        "str    r7, [r3]\n"
        "ldrd   r12, r7, [sp, #20]\n"
        "cmp    r12, r7\n"
        "bne    .Ldw3s2l1p_pass\n"
        DW3S2L_NEXT_GROUP("40", "8", "12", "dw3s2l1p")
        ".size nnom_dw3s2l1p_s8, .-nnom_dw3s2l1p_s8\n"
        ".text\n");

void nnom_dw3s2l1p_s8(const int32_t *rec, const dw3s2l_pass_t *passes, int32_t count,
                      int32_t groups, int32_t op);

/* Passes of two per call (one a line) */
#define DW3S2L_ENDS 8

/* A run of passes (fn: nnom_dw3s2l_s8, l6 or l1p) on the whole
 * groups, then, channels not a multiple of four, on the overlapping last
 * group, channels ic - 4 on (the converter's records are channel by
 * channel, nnom_dw3s2_try's way): its pointers moved on ic - 4 bytes
 * (unaligned words: LDR/STR only). */
typedef void dw3s2l_fn_t(const int32_t *rec, const dw3s2l_pass_t *passes, int32_t count,
                         int32_t groups, int32_t op);
static inline void dw3s2l_run(dw3s2l_fn_t *fn, const int32_t *rec, dw3s2l_pass_t *passes,
                                     int32_t count, int32_t ic, int32_t ob)
{
    fn(rec, passes, count, ic / 4, ob);
    if (ic % 4 == 0)
        return;
    for (int32_t i = 0; i < count; i++) {
        passes[i].x1 += ic - 4;
        passes[i].row0 += ic - 4;
        passes[i].row8 += ic - 4;
        passes[i].out += ic - 4;
    }
    fn(rec + NNOM_DW3S2_REC * (ic - 4), passes, count, 1, ob);
}

/* The one or two channels past a multiple of four, from channel c0 (x, o
 * and rec at channel 0), in C: the overlapping last group cost four
 * channels' passes for them ((1,3) s2 1x36x17 same: ~690 instructions a
 * run for 18 outputs of one channel). The passes' arithmetic: SMLAD and
 * SMLABB's sum wrapping at 32 bits, SMMLA's high word, SSAT's shift. */
/* One channel's line: x0 its tap 0, xb, ob, its last output, the
 * channel's records, the last output's tap 2 (field order: the
 * assembly's). */
typedef struct {
    int32_t x0, xb, ob;
    int8_t *end;
    const int32_t *rec;
    const int8_t *last;
} dw3s2l_one_t;

/* nnom_dw3s2l1_s8(p r0, out r1, job r2): output u from p + 2 u xb (tap
 * 1) and p + (2 u + 1) xb (tap 2), or for the last one (at end) job->last,
 * tap 0 the output before's tap 2 (job->x0 first); the passes' arithmetic
 * (SMLAD, SMLABB, SMMLA, SSAT: 13 instructions an output). */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2l1_s8")
        "push   {r4-r11, lr}\n"
        "ldm    r2, {r3, r4, r5, r6, r7}\n" /* x0, xb, ob, end, rec */
        "ldm    r7, {r7, r8, r9, r10, r11}\n" /* (w0, w1), w2, bias, mult, rq */
        "cmp    r1, r6\n"
        "beq    .Ldw3s2l1_done\n"
        ".Ldw3s2l1_out:\n"
        "ldrsb  r12, [r0]\n"
        "ldrsb  lr, [r0, r4]\n"
        "add    r0, r0, r4, lsl #1\n"
        "pkhbt  r3, r3, r12, lsl #16\n"
        "smlad  r3, r3, r7, r9\n"
        "smlabb r3, lr, r8, r3\n"
        "smmla  r3, r3, r10, r11\n"
        "ssat   r3, #8, r3, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"
        "strb   r3, [r1]\n"
        "add    r1, r1, r5\n"
        "mov    r3, lr\n"
        "cmp    r1, r6\n"
        "bne    .Ldw3s2l1_out\n"
        ".Ldw3s2l1_done:\n"
        "ldrsb  r12, [r0]\n"
        "ldr    lr, [r2, #20]\n"
        "ldrsb  lr, [lr]\n"
        "pkhbt  r3, r3, r12, lsl #16\n"
        "smlad  r3, r3, r7, r9\n"
        "smlabb r3, lr, r8, r3\n"
        "smmla  r3, r3, r10, r11\n"
        "ssat   r3, #8, r3, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"
        "strb   r3, [r1]\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3s2l1_s8, .-nnom_dw3s2l1_s8\n"
        ".text\n");

void nnom_dw3s2l1_s8(const int8_t *p, int8_t *out, const dw3s2l_one_t *j);

/* Two channels' line: the rows between outputs (xb), the outputs' step
 * (ob), the last output, output 0's row 0, the first channel's records
 * (the second's after them), the last output's row 2 (field order: the
 * assembly's). */
typedef struct {
    int32_t xb, ob;
    int8_t *end;
    const int8_t *row0;
    const int32_t *rec;
    const int8_t *last;
} dw3s2l_two_t;

/* nnom_dw3s2l2c_s8's output of its two channels: a channel's first two
 * taps by SMLAD on its pair (r6, r7), its pair for the next output widened
 * from r8 (SXTB16), whose low half is the third tap (SMLABB); channel 0's
 * records just below r2 (LDMDB), channel 1's at r2 */
#define DW3S2L2C_OUT                                                                             \
        "ldmdb  r2, {r9, r10, r11, r12, lr}\n"                                                   \
        "smlad  r9, r6, r9, r11\n"                                                               \
        "sxtb16 r6, r8\n"                                                                        \
        "smlabb r9, r6, r10, r9\n"                                                               \
        "smmla  r9, r9, r12, lr\n"                                                               \
        "ssat   r9, #8, r9, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"                                   \
        "strb   r9, [r1]\n"                                                                      \
        "ldm    r2, {r9, r10, r11, r12, lr}\n"                                                   \
        "smlad  r9, r7, r9, r11\n"                                                               \
        "sxtb16 r7, r8, ror #8\n"                                                                \
        "smlabb r9, r7, r10, r9\n"                                                               \
        "smmla  r9, r9, r12, lr\n"                                                               \
        "ssat   r9, #8, r9, asr #" NNOM_STR(NNOM_DW3S2_N) "\n"                                   \
        "strb   r9, [r1, #1]\n"

/* nnom_dw3s2l2c_s8(p r0, out r1, job r2): two adjacent channels of a line
 * (the two past a multiple of four), p at output 0's row 1: each output's
 * rows 2 and 3 by one LDRH each (both channels' bytes), ORR'd into one
 * word whose SXTB16 and SXTB16 ROR 8 are the next output's pairs of taps
 * (row 2 their low halfword); the passes' arithmetic as nnom_dw3s2l1_s8's
 * (21 instructions for the two channels' output against 26 in two calls of
 * it). The records come by LDMDB / LDM each output: no register is left. */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2l2c_s8")
        "push   {r4-r11, lr}\n"
        "ldm    r2, {r3, r4, r5, r6, r7, r8}\n" /* xb, ob, end, row 0, rec, last */
        "push   {r8}\n"
        "add    r2, r7, #" NNOM_STR(NNOM_DW3S2_REC) " * 4\n"
        "ldrh   r6, [r6]\n"
        "ldrh   r8, [r0]\n"
        "add    r0, r0, r3\n"
        "orr    r8, r6, r8, lsl #16\n"
        "sxtb16 r6, r8\n"
        "sxtb16 r7, r8, ror #8\n"
        "cmp    r1, r5\n"
        "beq    .Ldw3s2l2c_last\n"
        ".Ldw3s2l2c_out:\n"
        "ldrh   r8, [r0]\n"
        "ldrh   r9, [r0, r3]\n"
        "add    r0, r0, r3, lsl #1\n"
        "orr    r8, r8, r9, lsl #16\n"
        DW3S2L2C_OUT
        "add    r1, r1, r4\n"
        "cmp    r1, r5\n"
        "bne    .Ldw3s2l2c_out\n"
        ".Ldw3s2l2c_last:\n"
        "pop    {r8}\n"
        "ldrh   r8, [r8]\n"
        DW3S2L2C_OUT
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3s2l2c_s8, .-nnom_dw3s2l2c_s8\n"
        ".text\n");

void nnom_dw3s2l2c_s8(const int8_t *p, int8_t *out, const dw3s2l_two_t *j);

/* The one or two channels past a multiple of four, from channel c0 (x, o
 * and rec at channel 0), one channel of a line a call of nnom_dw3s2l1_s8:
 * the overlapping last group cost four channels' passes for them ((1,3)
 * s2 1x36x17 same: ~690 instructions a run for 18 outputs of one channel,
 * ~280 here). */
static inline void dw3s2l_tail(const int32_t *rec, const int8_t *x, int8_t *o,
                                      int32_t c0, int32_t ic, int32_t lines, int32_t out,
                                      int32_t pad, int32_t bot, int32_t xb, int32_t lx,
                                      int32_t ob, int32_t lo, const int8_t *z)
{
    for (int32_t c = c0; c < ic; c++) {
        dw3s2l_one_t j = {0, xb, ob, NULL, rec + NNOM_DW3S2_REC * c, NULL};
        for (int32_t l = 0; l < lines; l++) {
            /* p at output 0's tap 1; z a byte of the zero point */
            const int8_t *p = x + l * lx + c + (1 - pad) * xb;
            int8_t *q = o + l * lo + c;
            j.x0 = pad > 0 ? *z : p[-xb];
            j.end = q + (out - 1) * ob;
            j.last = bot ? z : p + (2 * out - 1) * xb;
            nnom_dw3s2l1_s8(p, q, &j);
        }
    }
}

/* Two channels past a multiple of four, from channel c0: both in one call
 * of nnom_dw3s2l2c_s8 a line (arguments as dw3s2l_tail's). */
static inline void dw3s2l_tail2(const int32_t *rec, const int8_t *x, int8_t *o, int32_t c0,
                                int32_t lines, int32_t out, int32_t pad, int32_t bot,
                                int32_t xb, int32_t lx, int32_t ob, int32_t lo, const int8_t *z)
{
    dw3s2l_two_t j = {xb, ob, NULL, NULL, rec + NNOM_DW3S2_REC * c0, NULL};
    for (int32_t l = 0; l < lines; l++) {
        /* p at output 0's tap 1 */
        const int8_t *p = x + l * lx + c0 + (1 - pad) * xb;
        int8_t *q = o + l * lo + c0;
        j.row0 = pad > 0 ? z : p - xb;
        j.end = q + (out - 1) * ob;
        j.last = bot ? z : p + (2 * out - 1) * xb;
        nnom_dw3s2l2c_s8(p, q, &j);
    }
}

/* The lanes a line's pass covers: ic of them from x (and o), records rec
 * (NNOM_DW3S2_REC words a lane). */
typedef struct {
    const int8_t *x;
    int8_t *o;
    const int32_t *rec;
    int32_t ic;
} dw3s2l_lanes_t;

/* The passes of six or one of every line: a line's last 4 k + 2 outputs
 * from output u (a pass of four and one of two before), or its last
 * 4 k + 1 from output u (the passes of four run before), x and o at line
 * 0, z the zero point's row: row 0 where pad and u is 0, the last row
 * where bot (a function of its own: the lines that end on a whole pass do
 * not pay its set-up). */
static inline void dw3s2l_ends(const int32_t *rec, const int8_t *x, int8_t *o,
                               int32_t lines, int32_t u, int32_t one, int32_t pad, int32_t bot,
                               const int8_t *z, int32_t xb, int32_t lx, int32_t ob,
                               int32_t lo, int32_t gc)
{
    dw3s2l_fn_t *const fn = one ? nnom_dw3s2l1p_s8 : nnom_dw3s2l6_s8;
    /* the descriptor's last row: 2 (one output) or 12 (six), from row 1 */
    const int32_t end_rows = one ? 1 : 11;
    dw3s2l_pass_t ends[DW3S2L_ENDS], *e = ends;
    x += (2 * u - pad + 1) * xb;
    o += u * ob;
    for (int32_t l = 0; l < lines; l++, x += lx, o += lo) {
        e->x1 = x;
        e->xs = xb;
        e->row0 = u == 0 && pad > 0 ? z : x - xb;
        e->row8 = bot ? z : x + end_rows * xb;
        e->out = o;
        if (++e == ends + DW3S2L_ENDS) {
            dw3s2l_run(fn, rec, ends, DW3S2L_ENDS, gc, ob);
            e = ends;
        }
    }
    if (e > ends)
        dw3s2l_run(fn, rec, ends, (int32_t)(e - ends), gc, ob);
}

/* The passes of every line (lines of `out` outputs along the taps, xb
 * bytes between their rows, lx between the lines; ob and lo likewise for
 * the outputs), pad the padded rows before, bot: the last output's row 8
 * past the input. */
static NNOM_NOINLINE void dw3s2l_lines(const nnom_conv_args_t *a, int32_t lines, int32_t out,
                                       int32_t pad, int32_t bot, int32_t xb, int32_t lx,
                                       int32_t ob, int32_t lo, const dw3s2l_lanes_t *ln)
{
    const int32_t ic = ln->ic;
    /* the groups' channels: ic, or without the one or two past them (C);
     * the zero-point row's words they read */
    const int32_t gc = (uint32_t)ic % 4u - 1u < 2u ? ic & ~3 : ic, words = (gc + 3) / 4;
    /* passes of four at 0, 4, ..., the last at `last` (none where it is
     * negative: lines of six): a line's last 4 k + 1 outputs then a pass of
     * one at `last` + 4, its last 4 k + 2 a pass of six there (their last
     * row the zero point's where bot, not the passes of four's), 4 k + 3 a
     * pass of four one output back */
    const int32_t two = (uint32_t)out % 4u - 1u < 2u;
    const int32_t last = two ? (out & ~3) - 8 + 4 * (out & 1) : out - 4, bot4 = bot && !two;
    const int32_t *const rec = ln->rec;
    uint32_t zrow[NNOM_DW3S2L_CHANNELS / 4]; /* the padded rows (word-aligned) */
    if (pad > 0 || bot) { /* (by words: memset's call cost more on 16 to 64 bytes) */
        const uint32_t zp4 = (uint8_t)a->p.input_zp * 0x01010101u;
        for (int32_t i = 0; i < words; i++)
            zrow[i] = zp4;
    }
    const int8_t *z = (const int8_t *)zrow;
    dw3s2l_pass_t passes[DW3S2L_PASSES], *q = passes;
    const int8_t *x = ln->x;
    int8_t *o = ln->o;
    for (int32_t l = last < 0 ? lines : 0; l < lines; l++, x += lx, o += lo) {
        for (int32_t u = 0;; u += 4) {
            if (u > last)
                u = last; /* stepped back: 1 to 3 outputs again */
            const int8_t *x1 = x + (2 * u - pad + 1) * xb;
            q->x1 = x1;
            q->xs = xb;
            q->row0 = u == 0 && pad > 0 ? z : x1 - xb;
            q->row8 = u == last && bot4 ? z : x1 + 7 * xb;
            q->out = o + u * ob;
            if (++q == passes + DW3S2L_PASSES) {
                dw3s2l_run(nnom_dw3s2l_s8, rec, passes, DW3S2L_PASSES, gc, ob);
                q = passes;
            }
            if (u == last)
                break;
        }
    }
    if (q > passes)
        dw3s2l_run(nnom_dw3s2l_s8, rec, passes, (int32_t)(q - passes), gc, ob);
    if (two)
        dw3s2l_ends(rec, ln->x, ln->o, lines, last + 4, out & 1, pad, bot, z, xb, lx, ob,
                    lo, gc);
    if (ic - gc == 2)
        dw3s2l_tail2(rec, ln->x, ln->o, gc, lines, out, pad, bot, xb, lx, ob, lo, z);
    else if (gc != ic)
        dw3s2l_tail(rec, ln->x, ln->o, gc, ic, lines, out, pad, bot, xb, lx, ob, lo, z);
}

/* Columns of taps on five to seven channels read at every pixel across:
 * an input row's bytes are lanes whose channel repeats every ic, so the
 * passes run groups of four lanes along the row, L = lcm(ic, 4) lanes a
 * line (their records the channels' in turn) and the row's L-lane chunks
 * the lines, the last one ending at the row's end (its first lanes again).
 * The groups of four channels ran eight lanes for five to seven ((3,1) s2
 * 37x44x7 same: 4.20 -> 3.33, 37x44x5 same 5.88 -> 3.38). 1 where it ran;
 * 0 (nothing written) where the chunks would run more lanes than the
 * groups (the caller checks the rest). */
#define DW3S2L_LANES 28
static NNOM_NOINLINE int dw3s2l_flat(const nnom_conv_args_t *a, int32_t out, int32_t pad,
                                     int32_t bot)
{
    const int32_t ic = a->in.c, n = a->out.w * ic, xb = a->in.w * ic;
    const int32_t L = ic % 2 ? 4 * ic : 2 * ic;
    if (((n + L - 1) / L) * L >= a->out.w * 8)
        return 0;
    int32_t rec[DW3S2L_LANES * NNOM_DW3S2_REC];
    for (int32_t l = 0; l < L; l++)
        memcpy(&rec[l * NNOM_DW3S2_REC], a->records + 1 + (l % ic) * NNOM_DW3S2_REC,
               NNOM_DW3S2_REC * sizeof(int32_t));
    const dw3s2l_lanes_t ln = {a->input, a->output, rec, L};
    dw3s2l_lines(a, n / L, out, pad, bot, xb, L, n, L, &ln);
    if (n % L != 0) {
        const dw3s2l_lanes_t end = {a->input + n - L, a->output + n - L, rec, L};
        dw3s2l_lines(a, 1, out, pad, bot, xb, L, n, L, &end);
    }
    return 1;
}

int nnom_dw3s2l_try(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t ic = a->in.c, down = a->k.h == 3;
    if (a->records == NULL || a->records[0] != 3 || a->k.h * a->k.w != 3 || a->ch_mult != 1 ||
        a->out.c != ic || ic < 4 || (ic % 4 != 0 && nnom_dw_odd_flat(a)) || ic > NNOM_DW3S2L_CHANNELS ||
        p->output_zp != -128 || p->act_min != -128 || p->act_max != 127)
        return 0;
    /* u: along the taps; v: across (the lines) */
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    const int32_t s = down ? p->stride_h : p->stride_w, d = down ? p->dilation_h : p->dilation_w;
    const int32_t pad = down ? p->pad_top : p->pad_left, across = down ? p->pad_left : p->pad_top;
    const int32_t bot = 2 * (out - 1) - pad + 2 >= in;
    if (s != 2 || d != 1 || pad < 0 || pad > 1 || across != 0 || out < 4 ||
        2 * (out - 1) - pad >= in)
        return 0;
    /* five to seven channels: lanes of a row's every pixel (the chunk of
     * lcm(ic, 4) lanes at most 28 and at most the row) */
    if (down && ic < 8 && ic != 4 && p->stride_w == 1 && a->out.w == a->in.w &&
        a->out.w * ic >= (ic % 2 ? 4 * ic : 2 * ic) && dw3s2l_flat(a, out, pad, bot))
        return 1;
    const dw3s2l_lanes_t ln = {a->input, a->output, a->records + 1, ic};
    if (down)
        dw3s2l_lines(a, a->out.w, out, pad, bot, a->in.w * ic, p->stride_w * ic,
                     a->out.w * ic, ic, &ln);
    else
        dw3s2l_lines(a, a->out.h, out, pad, bot, ic, p->stride_h * a->in.w * ic, ic,
                     a->out.w * ic, &ln);
    return 1;
}

#else
typedef int nnom_local_dw3s2l_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
