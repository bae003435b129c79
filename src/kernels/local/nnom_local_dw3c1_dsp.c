/*
 * nnom_local_dw3c1_dsp.c - one channel of nnom_dw3_s8's run (three taps
 * at stride 1), four outputs a pass read byte by byte (-O2 on DSP cores;
 * see nnom_local_dw3.h). The channel past a multiple of four alone:
 * nnom_dw3p_s8's pass of four channels spends its loads and packing on
 * one (~17 instructions an output; here 8.5). Per two outputs, with
 * p01 = (x0, x1) and p23 = (x2, x3) in halfwords:
 *   o0 = b + SMLAD(p01, (w0, w1)) + p23.lo w2
 *   o1 = b + p01.hi w0 + SMLAD(p23, (w1, w2))
 * and p23 is the next two's p01 (a pass the two, their pairs' registers
 * swapped; 4 k + 2 outputs enter at the second). The outputs are stored
 * at offsets from x (op == xs): one pointer moved. nnom_dw3c1m_s8 and
 * nnom_dw3c1e_s8: the same on the tiny loops' records (one to three
 * channels), a layer's runs in one call.
 */
#include "nnom_local_dw3.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

/* The accumulator lr requantised (r8 mult, r9 ra, r10 e) into byte ADDR. */
#define DW3C1_RQ(ADDR)                                                                           \
    "smmlar lr, lr, r8, r9\n"                                                                    \
    "asr    lr, lr, r10\n"                                                                       \
    "ssat   lr, #8, lr\n"                                                                        \
    "strb   lr, " ADDR "\n"

/* Two outputs: P01 (x0, x1) packed, r0 at x2; P23 gets (x2, x3), r0 x4. */
#define DW3C1_PASS(P01, P23)                                                                     \
    "ldrsb  lr, [r0, r1]\n"                                                                      \
    "ldrsb  " P23 ", [r0]\n"                                                                     \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "pkhbt  " P23 ", " P23 ", lr, lsl #16\n"                                                     \
    "smlad  lr, " P01 ", r4, r7\n"                                                               \
    "smlabt lr, " P23 ", r6, lr\n"                                                               \
    DW3C1_RQ("[r0, r5]")                                                                         \
    "smlatb lr, " P01 ", r4, r7\n"                                                               \
    "smlad  lr, " P23 ", r6, lr\n"                                                               \
    DW3C1_RQ("[r0, r2]")

/* nnom_dw3c1_s8(rec r0, run r1). In the passes r0 x, r1 xs (= op), r5
 * and r2 the outputs o and o + 1 from x4 (out - x - 4 xs, - 3 xs), r3
 * the run's end (of x), r4 (w0, w1), r6 (w1, w2), r7 the bias, r8-r10
 * the requantisation (the records' second word unused), r11 and r12
 * the pairs, lr the accumulator. An odd run's first output alone first. */
__asm__(NNOM_ASM_FUNC("nnom_dw3c1_s8")
        "push   {r4-r11, lr}\n"
        "mov    lr, r0\n"
        "ldm    r1, {r0, r2, r3, r12}\n" /* x, out, n, xs */
        "mov    r1, r12\n"
        "ldm    lr, {r4-r10}\n"
        "sub    r5, r2, r0\n"
        "sub    r5, r5, r1, lsl #2\n"
        "add    r2, r5, r1\n"
        "ldrsb  r11, [r0]\n"
        "ldrsb  lr, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "pkhbt  r11, r11, lr, lsl #16\n"
        "lsls   r12, r3, #31\n" /* N: n odd, C: n & 2 */
        "bpl    .Ldw3c1_even\n"
        "ldrsb  r12, [r0]\n" /* an odd run's first output */
        "add    r0, r0, r1\n"
        "smlad  lr, r11, r4, r7\n"
        "smlabt lr, r12, r6, lr\n"
        DW3C1_RQ("[r0, r2]")
        "lsl    r12, r12, #16\n"
        "pkhtb  r11, r12, r11, asr #16\n"
        "subs   r3, r3, #1\n"
        "beq    .Ldw3c1_done\n"
        "lsls   r12, r3, #31\n"
        ".Ldw3c1_even:\n"
        "mla    r3, r3, r1, r0\n"
        "bcc    .Ldw3c1_a\n" /* 4 k outputs left: from a; 4 k + 2: from b */
        "mov    r12, r11\n"
        "b      .Ldw3c1_b\n"
        ".Ldw3c1_a:\n"
        DW3C1_PASS("r11", "r12")
        ".Ldw3c1_b:\n"
        DW3C1_PASS("r12", "r11")
        "cmp    r0, r3\n"
        "bne    .Ldw3c1_a\n"
        ".Ldw3c1_done:\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3c1_s8, .-nnom_dw3c1_s8\n"
        ".text\n");

/* nnom_dw3c1m_s8(job): nnom_dw3c1_s8's runs for every channel and line
 * of a layer in one call (the tiny loops' records, 48 bytes a channel,
 * r6 (w1, w2) from (w0, w1), (w2, 0)): per run its set-up without the
 * call, the frame and the records' loads again (~37 instructions a run
 * in a C loop of calls of a one-run entry; here ~20, the records once a
 * channel). The frame is the job (nnom_dw3c1m_job_t's words) then the
 * lines left; r1 xs throughout, r5 and r2 the outputs' offsets from x as above (d0 on
 * the first line, dd more each line on). nnom_dw3c1e_s8: a 'same'
 * line's two border outputs too, the padded tap's input the job's zp
 * (B before the run: r11 holds (x0, x1); A after it: r11 holds the last
 * pair (x m, x m+1), every way out of the passes). */
#define DW3C1M_F_REC "[sp, #0]"
#define DW3C1M_F_X "[sp, #4]"
#define DW3C1M_F_N "[sp, #12]"
#define DW3C1M_F_C "[sp, #20]"
#define DW3C1M_F_LINES "[sp, #24]"
#define DW3C1M_F_ZP "[sp, #36]"
#define DW3C1M_F_LEFT "[sp, #40]"
/* the border before: zp w0 + x0 w1 + x1 w2 into out (x + 2 xs + r2) */
#define DW3C1M_BEFORE                                                                            \
    "ldr    r12, " DW3C1M_F_ZP "\n"                                                              \
    "smlabb lr, r12, r4, r7\n"                                                                   \
    "smlad  lr, r11, r6, lr\n"                                                                   \
    DW3C1_RQ("[r0, r2]")
/* the border after: x m w0 + x m+1 w1 + zp w2 into out + (m + 1) xs */
#define DW3C1M_AFTER                                                                             \
    "smlad  lr, r11, r4, r7\n"                                                                   \
    "ldr    r12, " DW3C1M_F_ZP "\n"                                                              \
    "smlabt lr, r12, r6, lr\n"                                                                   \
    "smmlar lr, lr, r8, r9\n"                                                                    \
    "asr    lr, lr, r10\n"                                                                       \
    "ssat   lr, #8, lr\n"                                                                        \
    "add    r12, r0, r1\n"                                                                       \
    "strb   lr, [r12, r2]\n"
/* the job from a nnom_dw3c1m_job_t (r0) */
#define DW3C1M_JOB                                                                               \
    "mov    lr, r0\n"                                                                            \
    "ldm    lr, {r0-r9}\n" /* rec, x, d0, n, xs, c, lines, xstep, dd, zp */                      \
    "stm    sp, {r0-r9}\n"
/* a channel's records, tag 5's tiny_ch_t: (w0, w1), (w2, 0) -> (w1, w2) */
#define DW3C1M_CH5                                                                               \
    "ldr    lr, " DW3C1M_F_REC "\n"                                                              \
    "ldrd   r4, r6, [lr]\n"                                                                      \
    "ldrd   r7, r8, [lr, #20]\n"                                                                 \
    "ldrd   r9, r10, [lr, #28]\n"                                                                \
    "add    lr, lr, #48\n"                                                                       \
    "str    lr, " DW3C1M_F_REC "\n"                                                              \
    "lsl    r6, r6, #16\n"                                                                       \
    "orr    r6, r6, r4, lsr #16\n"
/* the job from tag 33's head (r0; x r1, out r2: nnom_dw3c1_head_t's
 * words, d0 = out - x + its dfrom) */
#define DW3C1M_HEAD                                                                              \
    "ldm    r0!, {r3-r10}\n" /* n, xs, c, lines, xstep, dd, zp, dfrom; r0 the channels' */        \
    "sub    r2, r2, r1\n"                                                                        \
    "add    r2, r2, r10\n"                                                                       \
    "stm    sp, {r0-r9}\n"
/* a channel's records, tag 33's: the loop's registers in order, one LDM */
#define DW3C1M_CH33                                                                              \
    "ldr    lr, " DW3C1M_F_REC "\n"                                                              \
    "ldm    lr!, {r4, r6-r10}\n" /* (w0, w1), (w1, w2), bias, mult, ra, e */                      \
    "str    lr, " DW3C1M_F_REC "\n"
/* A run's start: out's offset, n, the first two rows' pair, then B */
#define DW3C1M_RUN_HEAD(B)                                                                       \
    "add    r2, r5, r1\n"                                                                        \
    "ldr    r3, " DW3C1M_F_N "\n"                                                                \
    "ldrsb  r11, [r0]\n"                                                                         \
    "ldrsb  lr, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "pkhbt  r11, r11, lr, lsl #16\n"                                                             \
    B
/* One output alone (an odd n's first), the pair on by a row */
#define DW3C1M_ONE                                                                               \
    "ldrsb  r12, [r0]\n"                                                                         \
    "add    r0, r0, r1\n"                                                                        \
    "smlad  lr, r11, r4, r7\n"                                                                   \
    "smlabt lr, r12, r6, lr\n"                                                                   \
    DW3C1_RQ("[r0, r2]")                                                                         \
    "lsl    r12, r12, #16\n"                                                                     \
    "pkhtb  r11, r12, r11, asr #16\n"
/* a run of the line at r0 (B its border before), out at every way out
 * with r0 at x + (n + 2) xs, on to NAME's _next */
#define DW3C1M_RUN(NAME, B)                                                                      \
    DW3C1M_RUN_HEAD(B)                                                                           \
    "lsls   r12, r3, #31\n"                                                                      \
    "bpl    .L" NAME "_even\n"                                                                   \
    DW3C1M_ONE                                                                                   \
    "subs   r3, r3, #1\n"                                                                        \
    "beq    .L" NAME "_next\n"                                                                   \
    "lsls   r12, r3, #31\n"                                                                      \
    ".L" NAME "_even:\n"                                                                         \
    "mla    r3, r3, r1, r0\n"                                                                    \
    "bcc    .L" NAME "_a\n"                                                                      \
    "mov    r12, r11\n"                                                                          \
    "b      .L" NAME "_b\n"                                                                      \
    ".L" NAME "_a:\n"                                                                            \
    DW3C1_PASS("r11", "r12")                                                                     \
    ".L" NAME "_b:\n"                                                                            \
    DW3C1_PASS("r12", "r11")                                                                     \
    "cmp    r0, r3\n"                                                                            \
    "bne    .L" NAME "_a\n"
/* The line loop's step to the next line (r0 on by xstep, r5 by dd) */
#define DW3C1M_NEXT_LINE(NAME)                                                                   \
    "ldrd   r12, lr, [sp, #28]\n" /* xstep, dd */                                                \
    "add    r0, r0, r12\n"                                                                       \
    "add    r5, r5, lr\n"                                                                        \
    "b      .L" NAME "_line\n"
/* A channel's end: the count at DW3C1M_F_C, then the return */
#define DW3C1M_CHEND(NAME)                                                                       \
    ".L" NAME "_chend:\n"                                                                        \
    "ldr    r12, " DW3C1M_F_C "\n"                                                               \
    "subs   r12, r12, #1\n"                                                                      \
    "str    r12, " DW3C1M_F_C "\n"                                                               \
    "bne    .L" NAME "_ch\n"                                                                     \
    "add    sp, sp, #44\n"                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size " NAME ", .-" NAME "\n"                                                               \
    ".text\n"
/* DW3C1M_RUN with eight outputs a pass, entered by TBB on n & 7 (an odd n's
 * first output alone first): the end's test a pass of eight and one
 * dispatch a run (~3 instructions a run fewer on runs of 8 to 14) */
#define DW3C1M_RUN8(NAME, B)                                                                     \
    DW3C1M_RUN_HEAD(B)                                                                           \
    "and    r12, r3, #7\n"                                                                       \
    "mla    r3, r3, r1, r0\n" /* the end, odd n too */                                           \
    "tbb    [pc, r12]\n"                                                                         \
    ".L" NAME "_tb:\n"                                                                           \
    ".byte (.L" NAME "_a1 - .L" NAME "_tb) / 2, (.L" NAME "_o0 - .L" NAME "_tb) / 2\n"           \
    ".byte (.L" NAME "_m2 - .L" NAME "_tb) / 2, (.L" NAME "_o2 - .L" NAME "_tb) / 2\n"           \
    ".byte (.L" NAME "_a2 - .L" NAME "_tb) / 2, (.L" NAME "_o4 - .L" NAME "_tb) / 2\n"           \
    ".byte (.L" NAME "_m6 - .L" NAME "_tb) / 2, (.L" NAME "_o6 - .L" NAME "_tb) / 2\n"           \
    ".L" NAME "_o0:\n" /* n = 8 k + 1: the first output alone */                                 \
    DW3C1M_ONE                                                                                   \
    "cmp    r0, r3\n"                                                                            \
    "beq    .L" NAME "_next\n"                                                                   \
    "b      .L" NAME "_a1\n"                                                                     \
    ".L" NAME "_o2:\n"                                                                           \
    DW3C1M_ONE                                                                                   \
    ".L" NAME "_m2:\n" /* 8 k + 2 left: from b2 */                                               \
    "mov    r12, r11\n"                                                                          \
    "b      .L" NAME "_b2\n"                                                                     \
    ".L" NAME "_o6:\n"                                                                           \
    DW3C1M_ONE                                                                                   \
    ".L" NAME "_m6:\n" /* 8 k + 6 left: from b1 */                                               \
    "mov    r12, r11\n"                                                                          \
    "b      .L" NAME "_b1\n"                                                                     \
    ".L" NAME "_o4:\n"                                                                           \
    DW3C1M_ONE                                                                                   \
    "b      .L" NAME "_a2\n"                                                                     \
    ".L" NAME "_a1:\n"                                                                           \
    DW3C1_PASS("r11", "r12")                                                                     \
    ".L" NAME "_b1:\n"                                                                           \
    DW3C1_PASS("r12", "r11")                                                                     \
    ".L" NAME "_a2:\n"                                                                           \
    DW3C1_PASS("r11", "r12")                                                                     \
    ".L" NAME "_b2:\n"                                                                           \
    DW3C1_PASS("r12", "r11")                                                                     \
    "cmp    r0, r3\n"                                                                            \
    "bne    .L" NAME "_a1\n"
#define DW3C1M_FN(NAME, B, A, JOB, CH, RUN)                                                      \
    NNOM_ASM_FUNC(NAME)                                                                          \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #44\n"                                                                       \
    JOB                                                                                          \
    "mov    r1, r4\n"                                                                            \
    ".L" NAME "_ch:\n" /* a channel: its records, x, d0, the lines */                            \
    CH                                                                                           \
    "ldrd   r0, r5, " DW3C1M_F_X "\n"                                                            \
    "add    r12, r0, #1\n"                                                                       \
    "str    r12, " DW3C1M_F_X "\n"                                                               \
    "ldr    r12, " DW3C1M_F_LINES "\n"                                                           \
    "str    r12, " DW3C1M_F_LEFT "\n"                                                            \
    ".L" NAME "_line:\n" /* a run: nnom_dw3c1_s8's from .Ldw3c1_go */                            \
    RUN(NAME, B)                                                                                 \
    ".L" NAME "_next:\n" /* r0 at x + (n + 2) xs: on by xstep to the next line */                \
    A                                                                                            \
    "ldr    r12, " DW3C1M_F_LEFT "\n"                                                            \
    "subs   r12, r12, #1\n"                                                                      \
    "beq    .L" NAME "_chend\n"                                                                  \
    "str    r12, " DW3C1M_F_LEFT "\n"                                                            \
    DW3C1M_NEXT_LINE(NAME)                                                                       \
    DW3C1M_CHEND(NAME)
/* NAME on tag 33's one-line layers: no line loop, x and d0 in registers
 * throughout (the head's xstep = 1 - (n + 2) xs, the next channel's x
 * from the run's end): ~5 instructions fewer a channel */
#define DW3C1M_FN1(NAME, B, A)                                                                   \
    NNOM_ASM_FUNC(NAME)                                                                          \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #44\n"                                                                       \
    "ldm    r0!, {r3-r10}\n" /* n, xs, c, lines, xstep, dd, zp, dfrom */                         \
    "stm    sp, {r0-r9}\n"                                                                       \
    "sub    r5, r2, r1\n"                                                                        \
    "add    r5, r5, r10\n" /* d0 */                                                              \
    "mov    r0, r1\n"                                                                            \
    "mov    r1, r4\n"                                                                            \
    ".L" NAME "_ch:\n"                                                                           \
    DW3C1M_CH33                                                                                  \
    DW3C1M_RUN8(NAME, B)                                                                         \
    ".L" NAME "_next:\n"                                                                         \
    A                                                                                            \
    "ldr    r12, " DW3C1M_F_C "\n"                                                               \
    "subs   r12, r12, #1\n"                                                                      \
    "beq    .L" NAME "_done\n"                                                                   \
    "str    r12, " DW3C1M_F_C "\n"                                                               \
    "ldr    r12, [sp, #28]\n"                                                                    \
    "add    r0, r0, r12\n"                                                                       \
    "b      .L" NAME "_ch\n"                                                                     \
    ".L" NAME "_done:\n"                                                                         \
    "add    sp, sp, #44\n"                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size " NAME ", .-" NAME "\n"                                                               \
    ".text\n"
/* nnom_dw3c1r_s8 on 'valid' layers of several lines whose output offset
 * from x moves (dd != 0): the last line known by r5 (the head's lines
 * word (lines - 1) dd, d0 added once), no count kept a line or set a
 * channel (~3 instructions a line, 2 a channel) */
#define DW3C1M_FNL(NAME)                                                                         \
    NNOM_ASM_FUNC(NAME)                                                                          \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #44\n"                                                                       \
    DW3C1M_HEAD                                                                                  \
    "add    r12, r2, r6\n" /* the last line's r5 */                                              \
    "str    r12, " DW3C1M_F_LEFT "\n"                                                            \
    "mov    r1, r4\n"                                                                            \
    ".L" NAME "_ch:\n"                                                                           \
    DW3C1M_CH33                                                                                  \
    "ldrd   r0, r5, " DW3C1M_F_X "\n"                                                            \
    "add    r12, r0, #1\n"                                                                       \
    "str    r12, " DW3C1M_F_X "\n"                                                               \
    ".L" NAME "_line:\n"                                                                         \
    DW3C1M_RUN8(NAME, "")                                                                        \
    ".L" NAME "_next:\n"                                                                         \
    "ldr    r12, " DW3C1M_F_LEFT "\n"                                                            \
    "cmp    r5, r12\n"                                                                           \
    "beq    .L" NAME "_chend\n"                                                                  \
    DW3C1M_NEXT_LINE(NAME)                                                                       \
    DW3C1M_CHEND(NAME)
__asm__(DW3C1M_FN("nnom_dw3c1m_s8", "", "", DW3C1M_JOB, DW3C1M_CH5, DW3C1M_RUN));
__asm__(DW3C1M_FN("nnom_dw3c1e_s8", DW3C1M_BEFORE, DW3C1M_AFTER, DW3C1M_JOB, DW3C1M_CH5,
                   DW3C1M_RUN));
/* the same on tag 33's records (head and channels in the loop's layout:
 * ~6 instructions fewer a channel, the job's ~30 of C gone) */
__asm__(DW3C1M_FN("nnom_dw3c1r_s8", "", "", DW3C1M_HEAD, DW3C1M_CH33, DW3C1M_RUN8));
__asm__(DW3C1M_FN("nnom_dw3c1re_s8", DW3C1M_BEFORE, DW3C1M_AFTER, DW3C1M_HEAD, DW3C1M_CH33,
                   DW3C1M_RUN8));
__asm__(DW3C1M_FN1("nnom_dw3c1r1_s8", "", ""));
__asm__(DW3C1M_FN1("nnom_dw3c1re1_s8", DW3C1M_BEFORE, DW3C1M_AFTER));
__asm__(DW3C1M_FNL("nnom_dw3c1rl_s8"));

#else
typedef int nnom_local_dw3c1_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
