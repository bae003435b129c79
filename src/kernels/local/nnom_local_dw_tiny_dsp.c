/*
 * nnom_local_dw_tiny_dsp.c - depthwise layers of one to seven channels
 * (not four) whose window is one row or one column of 3 to 10 taps (2 on
 * one to three channels), multiplier 1, no dilation along the taps (-O2
 * on cores with NNOM_LOCAL_MAC_ASM). Layers of a few hundred MACs: the paths of four
 * lanes (flat, group) pad such channels to four lanes, build their records
 * per call and spend more on set-up than on the products.
 *
 * Channel by channel, each line of the input (along the taps) is copied as
 * int16 into a buffer with the padding's input zero point around it; an
 * output is then (k + 1) / 2 word loads and SMLADs against the channel's
 * weight pairs held in registers (the odd last tap paired with a zero
 * weight) and the requantisation of the depthwise records (doubled
 * weights and bias less the zero point's share: SMMLAR, shift, SSAT).
 * Not taken: activations that clamp inside int8, output zero points other
 * than -128 (the s term), channels outside that
 * requantisation's range or whose sums could pass 2^31, lines longer than
 * TINY_LINE entries, and (five to seven channels) three taps or more than
 * TINY_S2_MAX_TAPS at stride 2 on more than one line, where the flat and
 * group paths cost less.
 */
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dw3.h"
#include "nnom_local_dw2.h"
#include "../nnom_backend.h"

#include <stddef.h>

#if NNOM_LOCAL_MAC_ASM

#define TINY_MAX_TAPS 10
#define TINY_PAIRS (TINY_MAX_TAPS / 2)
/* one line (a one-pixel-wide input) of up to this many taps: the C loops
 * of tiny_long(), the pairs past TINY_PAIRS in the records' far[] */
#define TINY_LONG_TAPS 16
#define TINY_FAR (TINY_LONG_TAPS / 2 - TINY_PAIRS)
/* int16 entries of one padded line (on the stack) */
#define TINY_LINE 128

/* One channel's records: weight pairs (2 w_2j, 2 w_2j+1), doubled bias
 * less 2 zp sum(w), and out = ssat8(SMMLAR(acc, mult, ra) >> e); pairs
 * TINY_PAIRS on in far (after the assembly's fields). */
typedef struct {
    int32_t w[TINY_PAIRS];
    nnom_tiny_rq_t q; /* bias, mult, ra, e */
    int32_t far[TINY_FAR];
} tiny_ch_t;

/* The line's geometry: n outputs of k taps at stride s; pad entries of
 * the input zero point before the in entries of the line, which lie xs
 * bytes apart in the input; outputs os bytes apart. lines of them, the
 * input's lines xl bytes apart, the output's ol. */
typedef struct {
    int32_t k, s, pad, in, n, xs, os, lines, xl, ol;
} tiny_t;

/* ssat8(SMMLAR(acc, mult, ra) >> e) */
NNOM_INLINE int32_t tiny_rq(int32_t acc, int32_t mult, int32_t ra, int32_t e)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(ra));
    return __ssat(v >> e, 8);
}

NNOM_INLINE int32_t tiny_read2(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The outputs of one line: the pairs from x (int16) up to end, then one
 * more where odd; out os bytes apart (three pairs at stride 1: fours of
 * outputs first, then the pairs from there). Field offsets are the
 * assembly's. */
typedef struct {
    const int16_t *x;
    int8_t *out;
    const int16_t *end;
    int32_t os;
    const tiny_ch_t *r;
    int32_t odd;
} tiny_job_t;
/* nnom_dw_tiny3_s1m's: the job of a line's first channel, and the records'
 * end; each record from j.r one channel, the next channel's line TINY_CS
 * entries on, its outputs one byte on */
typedef struct {
    tiny_job_t j;
    const tiny_ch_t *rend;
} tiny_mjob_t;
/* pair j of r */
NNOM_INLINE int32_t *tiny_pair(tiny_ch_t *r, int32_t j)
{
    return j < TINY_PAIRS ? &r->w[j] : &r->far[j - TINY_PAIRS];
}
NNOM_INLINE int32_t tiny_w(const tiny_ch_t *r, int32_t j)
{
    return j < TINY_PAIRS ? r->w[j] : r->far[j - TINY_PAIRS];
}
typedef char tiny_job_layout_t[offsetof(tiny_job_t, odd) == 20 ? 1 : -1];
typedef char tiny_ch_layout_t[offsetof(tiny_ch_t, q.e) == 32 && sizeof(tiny_ch_t) == 48 ? 1 : -1];
typedef char tiny_nch_layout_t[offsetof(tiny_mjob_t, rend) == 24 ? 1 : -1];

/* Four or five weight pairs (7 to 10 taps), two outputs per pass at
 * stride S: r0 x, r1 out, r2 end, r3 os, r4 and lr the sums, r12 the word;
 * r9-r11, r5, r8 weight pairs 0 to 4, r6 mult, r7 ra. The stack: [0]
 * bias, [4] bias, [8] e, [12] odd (GCC's loop spilled more). */
#define TINY_PAIR_FROM(J, W, S, A)                                                               \
    "ldr    r12, [r0, #" #J "*4]\n"                                                             \
    "smlad  r4, r12, " W ", " A "\n"                                                             \
    "ldr    r12, [r0, #" #J "*4+2*" #S "]\n"                                                    \
    "smlad  lr, r12, " W ", " A "\n"
#define TINY_PAIR(J, W, S)                                                                       \
    "ldr    r12, [r0, #" #J "*4]\n"                                                             \
    "smlad  r4, r12, " W ", r4\n"                                                                \
    "ldr    r12, [r0, #" #J "*4+2*" #S "]\n"                                                    \
    "smlad  lr, r12, " W ", lr\n"
/* one output's pair J (the odd last output) */
#define TINY_ONE(J, W, A)                                                                        \
    "ldr    r12, [r0, #" #J "*4]\n"                                                             \
    "smlad  r4, r12, " W ", " A "\n"
#define TINY_RQ(A, E)                                                                            \
    "smmlar " A ", " A ", r6, r7\n"                                                              \
    "asr    " A ", " A ", " E "\n"                                                               \
    "ssat   " A ", #8, " A "\n"
#define TINY_HEAD(NAME)                                                                          \
    NNOM_ASM_FUNC(NAME)                                                                         \
    "push   {r4-r11, lr}\n"                                                                     \
    "sub    sp, sp, #16\n"                                                                      \
    "ldrd   r4, r12, [r0, #16]\n"                                                               \
    "str    r12, [sp, #12]\n"                                                                   \
    "ldm    r0, {r0-r3}\n"                                                                      \
    "ldrd   r9, r10, [r4]\n"                                                                    \
    "ldr    r11, [r4, #8]\n"                                                                    \
    "ldrd   r6, r7, [r4, #24]\n"                                                                \
    "ldr    r5, [r4, #20]\n"                                                                    \
    "ldr    r8, [r4, #32]\n"
#define TINY_LOOP(S, PAIRS, E)                                                                   \
    "cmp    r0, r2\n"                                                                           \
    "beq    2f\n"                                                                               \
    "1:\n" PAIRS TINY_RQ("r4", E) TINY_RQ("lr", E)                                              \
    "strb   r4, [r1]\n"                                                                         \
    "strb   lr, [r1, r3]\n"                                                                     \
    "add    r1, r1, r3, lsl #1\n"                                                               \
    "add    r0, r0, #4*" #S "\n"                                                                \
    "cmp    r0, r2\n"                                                                           \
    "bne    1b\n"                                                                               \
    "2:\n"                                                                                      \
    "ldr    r12, [sp, #12]\n"                                                                   \
    "cmp    r12, #0\n"                                                                          \
    "beq    3f\n"
#define TINY_END(NAME)                                                                           \
    "strb   r4, [r1]\n"                                                                         \
    "3:\n"                                                                                      \
    "add    sp, sp, #16\n"                                                                      \
    "pop    {r4-r11, pc}\n"                                                                     \
    ".size " NAME ", .-" NAME "\n"                                                              \
    ".text\n"
/* Four or five pairs: the bias (twice) and e on the stack */
#define TINY_ASM5(NAME, S, PAIRS, ONE)                                                           \
    __asm__(TINY_HEAD(NAME) "strd   r5, r5, [sp]\n"                                             \
                            "str    r8, [sp, #8]\n"                                             \
                            "ldrd   r5, r8, [r4, #12]\n" TINY_LOOP(S, "ldrd   r4, lr, [sp]\n" PAIRS \
                                                                   "ldr    r12, [sp, #8]\n",     \
                                                                   "r12")                        \
                "ldr    r4, [sp]\n" ONE "ldr    r12, [sp, #8]\n" TINY_RQ("r4", "r12")           \
                    TINY_END(NAME))
#define TINY_P3(S) TINY_PAIR(0, "r9", S) TINY_PAIR(1, "r10", S) TINY_PAIR(2, "r11", S)
#define TINY_P4(S) TINY_P3(S) TINY_PAIR(3, "r5", S)
#define TINY_P5(S) TINY_P4(S) TINY_PAIR(4, "r8", S)
#define TINY_O3 TINY_ONE(0, "r9", "r4") TINY_ONE(1, "r10", "r4") TINY_ONE(2, "r11", "r4")
#define TINY_O4 TINY_O3 TINY_ONE(3, "r5", "r4")
#define TINY_O5 TINY_O4 TINY_ONE(4, "r8", "r4")
void nnom_dw_tiny3_s1(const tiny_job_t *j);
void nnom_dw_tiny3_s1m(const tiny_mjob_t *j);
void nnom_dw_tiny4_s1(const tiny_job_t *j);
void nnom_dw_tiny4_s1m(const tiny_mjob_t *j);
void nnom_dw_tiny5_s1(const tiny_job_t *j);
void nnom_dw_tiny4_s2(const tiny_job_t *j);
void nnom_dw_tiny5_s2(const tiny_job_t *j);
/* Three pairs at stride 1, four outputs per pass: outputs p and p + 2
 * read the same words (pair j + 1 of p is pair j of p + 2), so 8 loads
 * serve 12 SMLADs. r0 x, r1 out, r3 os, r2 the word, r4-r7 the sums, r8
 * mult, r12 ra, lr the bias, r9-r11 the pairs; the stack [0] end, [4]
 * qend, [8] e, [12] odd. Then the pair loop's registers and its loop.
 * nnom_dw_tiny3_s1m: the same for a line's channels in one call (~15
 * instructions a channel, a call ~30; one channel stays on
 * nnom_dw_tiny3_s1, ~5 fewer); the stack [12] the tail (odd | 2 where a
 * pass of two), [16] x and out, [24] r, [28] the records' end; after the
 * fours one pass of two and the odd one, by flags. */
/* Four outputs' sums (r4-r7) requantised (multiplier r8, rounding r12,
 * shift at [sp, #8]) and stored r3 bytes apart from r1, r1 moved on. */
#define TINY_OUT4                                                                                \
    "smmlar r4, r4, r8, r12\n"                                                                    \
    "smmlar r5, r5, r8, r12\n"                                                                    \
    "smmlar r6, r6, r8, r12\n"                                                                    \
    "smmlar r7, r7, r8, r12\n"                                                                    \
    "ldr    r2, [sp, #8]\n"                                                                       \
    "asr    r4, r4, r2\n"                                                                         \
    "asr    r5, r5, r2\n"                                                                         \
    "asr    r6, r6, r2\n"                                                                         \
    "asr    r7, r7, r2\n"                                                                         \
    "ssat   r4, #8, r4\n"                                                                         \
    "ssat   r5, #8, r5\n"                                                                         \
    "ssat   r6, #8, r6\n"                                                                         \
    "ssat   r7, #8, r7\n"                                                                         \
    "strb   r4, [r1]\n"                                                                           \
    "strb   r5, [r1, r3]\n"                                                                       \
    "add    r1, r1, r3, lsl #1\n"                                                                 \
    "strb   r6, [r1]\n"                                                                           \
    "strb   r7, [r1, r3]\n"                                                                       \
    "add    r1, r1, r3, lsl #1\n"

#define TINY_Q(OFF, A, W, FROM_A, B, W2, FROM_B)                                                 \
    "ldr    r2, [r0, #" #OFF "]\n"                                                              \
    "smlad  " A ", r2, " W ", " FROM_A "\n"                                                      \
    "smlad  " B ", r2, " W2 ", " FROM_B "\n"
#define TINY_Q1(OFF, A, W, FROM_A)                                                               \
    "ldr    r2, [r0, #" #OFF "]\n"                                                              \
    "smlad  " A ", r2, " W ", " FROM_A "\n"
/* The next pass of four while the pairs' bytes last (qend at [sp, #4]) */
#define TINY_PASS_NEXT                                                                           \
    "add    r0, r0, #8\n"                                                                         \
    "ldr    r2, [sp, #4]\n"                                                                       \
    "cmp    r0, r2\n"                                                                             \
    "bne    4b\n"
/* The m loops' tail: r6 the shift; C set: a pass of two, N set: an odd
 * output (the count's low bits, [sp, #12]) */
#define TINY_M_TAIL                                                                              \
    "ldr    r6, [sp, #8]\n"                                                                       \
    "ldr    r2, [sp, #12]\n"                                                                      \
    "lsls   r2, r2, #31\n"                                                                        \
    "bcc    6f\n"
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny3_s1")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #16\n"
        "ldrd   r4, r12, [r0, #16]\n"
        "str    r12, [sp, #12]\n"
        "ldm    r0, {r0-r3}\n"
        "str    r2, [sp, #0]\n"
        "sub    r12, r2, r0\n" /* qend: the pairs' bytes rounded down to fours */
        "bic    r12, r12, #7\n"
        "add    r12, r12, r0\n"
        "str    r12, [sp, #4]\n"
        "ldrd   r9, r10, [r4]\n"
        "ldr    r11, [r4, #8]\n"
        "ldr    lr, [r4, #20]\n"
        "ldrd   r8, r12, [r4, #24]\n"
        "ldr    r5, [r4, #32]\n"
        "str    r5, [sp, #8]\n"
        "ldr    r2, [sp, #4]\n"
        "cmp    r0, r2\n"
        "beq    5f\n"
        "4:\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q(4, "r4", "r10", "r4", "r6", "r9", "lr")
        TINY_Q(6, "r5", "r10", "r5", "r7", "r9", "lr")
        TINY_Q(8, "r4", "r11", "r4", "r6", "r10", "r6")
        TINY_Q(10, "r5", "r11", "r5", "r7", "r10", "r7")
        TINY_Q1(12, "r6", "r11", "r6")
        TINY_Q1(14, "r7", "r11", "r7")
        TINY_OUT4
        TINY_PASS_NEXT
        "5:\n"
        "mov    r5, lr\n"
        "mov    r6, r8\n"
        "mov    r7, r12\n"
        "ldr    r8, [sp, #8]\n"
        "ldr    r2, [sp, #0]\n"
        TINY_LOOP(1, TINY_PAIR_FROM(0, "r9", 1, "r5") TINY_PAIR(1, "r10", 1)
                  TINY_PAIR(2, "r11", 1), "r8")
        TINY_ONE(0, "r9", "r5") TINY_ONE(1, "r10", "r4") TINY_ONE(2, "r11", "r4")
        TINY_RQ("r4", "r8") TINY_END("nnom_dw_tiny3_s1"));
/* (nnom_dw_tiny3_s1m's next channel: the line, TINY_CS int16 entries on;
 * the records, one tiny_ch_t on) */
#define TINY_LINE_BYTES "260"
#define TINY_CH_BYTES "48"
/* a channel's start: r0 x, r1 out, r4 its records, r12 qend; the flags
 * of x against qend (the loads keep them) */
#define TINY_M_CHANNEL                                                                           \
        "strd   r0, r1, [sp, #16]\n"                                                             \
        "cmp    r0, r12\n"                                                                       \
        "ldrd   r9, r10, [r4]\n"                                                                 \
        "ldr    r11, [r4, #8]\n"                                                                 \
        "ldr    lr, [r4, #20]\n"                                                                 \
        "ldrd   r8, r12, [r4, #24]\n"                                                            \
        "ldr    r5, [r4, #32]\n"                                                                 \
        "str    r5, [sp, #8]\n"
/* nnom_dw_tiny3_s1m's and _s2m's start and a channel's head: qend = x +
 * the pairs' bytes rounded down to a pass of four outputs (bic MASK); the
 * tail's flags in [sp, #12]: BIT (a pass of two past qend) shifted right
 * by SH to bit 1, bit 0 the odd one */
#define TINY_M_HEAD(MASK, BIT, SH)                                                               \
        "push   {r4-r11, lr}\n"                                                                  \
        "sub    sp, sp, #32\n"                                                                   \
        "ldrd   r4, r12, [r0, #16]\n"                                                            \
        "ldr    r5, [r0, #24]\n"                                                                 \
        "strd   r4, r5, [sp, #24]\n"                                                             \
        "ldm    r0, {r0-r3}\n"                                                                   \
        "str    r2, [sp, #0]\n"                                                                  \
        "sub    r6, r2, r0\n"                                                                    \
        "bic    r5, r6, #" MASK "\n"                                                             \
        "and    r6, r6, #" BIT "\n"                                                              \
        "orr    r12, r12, r6, lsr #" SH "\n"                                                     \
        "str    r12, [sp, #12]\n"                                                                \
        "add    r12, r5, r0\n"                                                                   \
        "str    r12, [sp, #4]\n"                                                                 \
        TINY_M_CHANNEL                                                                           \
        "beq    5f\n"                                                                            \
        "4:\n"
/* nnom_dw_tiny3_s1m's and _s2m's end of a channel: the next one's records,
 * input line, output and the line's ends on the stack, or the return */
/* The m loops' last pass of two (r4, r5) and odd output (r4): requantised
 * by r8/r12 and the shift in r6, stored a channel stride (r3) apart */
#define TINY_M_OUT2                                                                              \
    "smmlar r4, r4, r8, r12\n"                                                                    \
    "smmlar r5, r5, r8, r12\n"                                                                    \
    "asr    r4, r4, r6\n"                                                                         \
    "asr    r5, r5, r6\n"                                                                         \
    "ssat   r4, #8, r4\n"                                                                         \
    "ssat   r5, #8, r5\n"                                                                         \
    "strb   r4, [r1]\n"                                                                           \
    "strb   r5, [r1, r3]\n"                                                                       \
    "add    r1, r1, r3, lsl #1\n"
#define TINY_M_OUT1                                                                              \
    "smmlar r4, r4, r8, r12\n"                                                                    \
    "asr    r4, r4, r6\n"                                                                         \
    "ssat   r4, #8, r4\n"                                                                         \
    "strb   r4, [r1]\n"
#define TINY_M_NEXT(NAME)                                                                        \
        "7:\n" /* the next channel, if any */                                                    \
        "ldrd   r4, r5, [sp, #24]\n"                                                             \
        "add    r4, r4, #" TINY_CH_BYTES "\n"                                                    \
        "cmp    r4, r5\n"                                                                        \
        "beq    3f\n"                                                                            \
        "str    r4, [sp, #24]\n"                                                                 \
        "ldrd   r0, r1, [sp, #16]\n"                                                             \
        "add    r0, r0, #" TINY_LINE_BYTES "\n"                                                  \
        "add    r1, r1, #1\n"                                                                    \
        "ldrd   r2, r12, [sp]\n"                                                                 \
        "add    r2, r2, #" TINY_LINE_BYTES "\n"                                                  \
        "add    r12, r12, #" TINY_LINE_BYTES "\n"                                                \
        "strd   r2, r12, [sp]\n"                                                                 \
        TINY_M_CHANNEL /* (here, not a branch back to the head's: one less) */                   \
        "bne    4b\n"                                                                            \
        "b      5b\n"                                                                            \
        "3:\n"                                                                                   \
        "add    sp, sp, #32\n"                                                                   \
        "pop    {r4-r11, pc}\n"                                                                  \
        ".size " NAME ", .-" NAME "\n"
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny3_s1m")
        TINY_M_HEAD("7", "4", "1")
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q(4, "r4", "r10", "r4", "r6", "r9", "lr")
        TINY_Q(6, "r5", "r10", "r5", "r7", "r9", "lr")
        TINY_Q(8, "r4", "r11", "r4", "r6", "r10", "r6")
        TINY_Q(10, "r5", "r11", "r5", "r7", "r10", "r7")
        TINY_Q1(12, "r6", "r11", "r6")
        TINY_Q1(14, "r7", "r11", "r7")
        TINY_OUT4
        TINY_PASS_NEXT
        "5:\n" /* one pass of two (the pairs' bytes past qend: 0 or 4), r6 e; C
                 * the pass of two, N the odd one (kept: no flags set before
                 * they are tested) */
        TINY_M_TAIL
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_Q1(6, "r5", "r10", "r5")
        TINY_Q1(8, "r4", "r11", "r4")
        TINY_Q1(10, "r5", "r11", "r5")
        TINY_M_OUT2
        "add    r0, r0, #4\n"
        "6:\n"
        "bpl    7f\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_Q1(8, "r4", "r11", "r4")
        TINY_M_OUT1
        TINY_M_NEXT("nnom_dw_tiny3_s1m")
        ".text\n");
/* Two pairs at stride 1 (four taps) for a line's channels in one call,
 * nnom_dw_tiny3_s1m's passes with pair 2 left out (6 loads for 8 SMLADs;
 * tag 29's lines alone, tiny_tag_mfns: (4,1) s1 6x1x3 same ran
 * tiny_chans' call of nnom's two-pair loop a channel) */
void nnom_dw_tiny2_s1m(const tiny_mjob_t *j);
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny2_s1m")
        TINY_M_HEAD("7", "4", "1")
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q(4, "r4", "r10", "r4", "r6", "r9", "lr")
        TINY_Q(6, "r5", "r10", "r5", "r7", "r9", "lr")
        TINY_Q1(8, "r6", "r10", "r6")
        TINY_Q1(10, "r7", "r10", "r7")
        TINY_OUT4
        TINY_PASS_NEXT
        "5:\n" /* the pass of two (C) and the odd one (N), as nnom_dw_tiny3_s1m's */
        TINY_M_TAIL
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_Q1(6, "r5", "r10", "r5")
        TINY_M_OUT2
        "add    r0, r0, #4\n"
        "6:\n"
        "bpl    7f\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_M_OUT1
        TINY_M_NEXT("nnom_dw_tiny2_s1m")
        ".text\n");
TINY_ASM5("nnom_dw_tiny4_s1", 1, TINY_P4(1), TINY_O4);
TINY_ASM5("nnom_dw_tiny5_s1", 1, TINY_P5(1), TINY_O5);
/* Four pairs at stride 1 (7 or 8 taps) for a line's channels in one call,
 * four outputs a pass as nnom_dw_tiny3_s1m's (10 loads for 16 SMLADs; 50
 * instructions a pass against two passes of nnom_dw_tiny4_s1's 30, a
 * channel ~25 against a call's ~50): r12 the fourth pair, so the rounding
 * word on the stack. The stack: [4] qend, [8] ra, [12] e, [16] x and out,
 * [24] r, [28] the records' end, [32] the tail's flags (odd | 2 where a
 * pass of two). */
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny4_s1m")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #40\n"
        "ldrd   r4, r12, [r0, #16]\n"
        "ldr    r5, [r0, #24]\n"
        "strd   r4, r5, [sp, #24]\n"
        "ldm    r0, {r0-r3}\n"
        "sub    r6, r2, r0\n"
        "bic    r5, r6, #7\n"
        "and    r6, r6, #4\n"
        "orr    r12, r12, r6, lsr #1\n"
        "str    r12, [sp, #32]\n"
        "add    r2, r5, r0\n"
        "str    r2, [sp, #4]\n"
        "9:\n" /* a channel: r0 x, r1 out, r4 its records, r2 qend */
        "strd   r0, r1, [sp, #16]\n"
        "ldrd   r5, r6, [r4, #28]\n"
        "strd   r5, r6, [sp, #8]\n"
        "cmp    r0, r2\n" /* (the loads keep the flags) */
        "ldrd   r9, r10, [r4]\n"
        "ldrd   r11, r12, [r4, #8]\n"
        "ldrd   lr, r8, [r4, #20]\n"
        "beq    5f\n"
        "4:\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q(4, "r4", "r10", "r4", "r6", "r9", "lr")
        TINY_Q(6, "r5", "r10", "r5", "r7", "r9", "lr")
        TINY_Q(8, "r4", "r11", "r4", "r6", "r10", "r6")
        TINY_Q(10, "r5", "r11", "r5", "r7", "r10", "r7")
        TINY_Q(12, "r4", "r12", "r4", "r6", "r11", "r6")
        TINY_Q(14, "r5", "r12", "r5", "r7", "r11", "r7")
        TINY_Q1(16, "r6", "r12", "r6")
        TINY_Q1(18, "r7", "r12", "r7")
        "ldr    r2, [sp, #8]\n"
        "smmlar r4, r4, r8, r2\n"
        "smmlar r5, r5, r8, r2\n"
        "smmlar r6, r6, r8, r2\n"
        "smmlar r7, r7, r8, r2\n"
        "ldr    r2, [sp, #12]\n"
        "asr    r4, r4, r2\n"
        "asr    r5, r5, r2\n"
        "asr    r6, r6, r2\n"
        "asr    r7, r7, r2\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "ssat   r6, #8, r6\n"
        "ssat   r7, #8, r7\n"
        "strb   r4, [r1]\n"
        "strb   r5, [r1, r3]\n"
        "add    r1, r1, r3, lsl #1\n"
        "strb   r6, [r1]\n"
        "strb   r7, [r1, r3]\n"
        "add    r1, r1, r3, lsl #1\n"
        TINY_PASS_NEXT
        "5:\n" /* C a pass of two, N the odd one (kept: no flags set before
                 * they are tested); r6 e, r7 ra */
        "ldrd   r7, r6, [sp, #8]\n"
        "ldr    r2, [sp, #32]\n"
        "lsls   r2, r2, #31\n"
        "bcc    6f\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(2, "r5", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_Q1(6, "r5", "r10", "r5")
        TINY_Q1(8, "r4", "r11", "r4")
        TINY_Q1(10, "r5", "r11", "r5")
        TINY_Q1(12, "r4", "r12", "r4")
        TINY_Q1(14, "r5", "r12", "r5")
        "smmlar r4, r4, r8, r7\n"
        "smmlar r5, r5, r8, r7\n"
        "asr    r4, r4, r6\n"
        "asr    r5, r5, r6\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "strb   r4, [r1]\n"
        "strb   r5, [r1, r3]\n"
        "add    r1, r1, r3, lsl #1\n"
        "add    r0, r0, #4\n"
        "6:\n"
        "bpl    7f\n"
        TINY_Q1(0, "r4", "r9", "lr")
        TINY_Q1(4, "r4", "r10", "r4")
        TINY_Q1(8, "r4", "r11", "r4")
        TINY_Q1(12, "r4", "r12", "r4")
        "smmlar r4, r4, r8, r7\n"
        "asr    r4, r4, r6\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1]\n"
        "7:\n" /* the next channel, if any */
        "ldrd   r4, r5, [sp, #24]\n"
        "add    r4, r4, #" TINY_CH_BYTES "\n"
        "cmp    r4, r5\n"
        "beq    3f\n"
        "str    r4, [sp, #24]\n"
        "ldrd   r0, r1, [sp, #16]\n"
        "add    r0, r0, #" TINY_LINE_BYTES "\n"
        "add    r1, r1, #1\n"
        "ldr    r2, [sp, #4]\n"
        "add    r2, r2, #" TINY_LINE_BYTES "\n"
        "str    r2, [sp, #4]\n"
        "b      9b\n"
        "3:\n"
        "add    sp, sp, #40\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw_tiny4_s1m, .-nnom_dw_tiny4_s1m\n"
        ".text\n");
/* Three pairs at stride 2, four outputs a pass: output i's pair j is
 * word i + j (6 loads for 12 SMLADs); registers as nnom_dw_tiny3_s1's, the
 * stack [0] end, [4] qend, [8] e, [12] odd. Then two outputs a pass (4
 * loads for 6 SMLADs), then the odd one. */
#define TINY_Q1S2(V, A, W, FROM)                                                                 \
    "ldr    r2, [r0, #" #V "*4]\n"                                                              \
    "smlad  " A ", r2, " W ", " FROM "\n"
#define TINY_Q2S2(A, W, FROM_A, B, W2, FROM_B) "smlad  " A ", r2, " W ", " FROM_A "\n"           \
    "smlad  " B ", r2, " W2 ", " FROM_B "\n"
/* nnom_dw_tiny3_s2's and _s2m's pass of four outputs (three pairs at
 * stride 2: the second output's pairs are the first's moved one on), to
 * qend ([sp, #4]) */
#define TINY_S2_PASS4                                                                            \
        TINY_Q1S2(0, "r4", "r9", "lr")                                                           \
        TINY_Q1S2(1, "r4", "r10", "r4")                                                          \
        "smlad  r5, r2, r9, lr\n"                                                                \
        TINY_Q1S2(2, "r4", "r11", "r4")                                                          \
        TINY_Q2S2("r5", "r10", "r5", "r6", "r9", "lr")                                           \
        TINY_Q1S2(3, "r5", "r11", "r5")                                                          \
        TINY_Q2S2("r6", "r10", "r6", "r7", "r9", "lr")                                           \
        TINY_Q1S2(4, "r6", "r11", "r6")                                                          \
        "smlad  r7, r2, r10, r7\n"                                                               \
        TINY_Q1S2(5, "r7", "r11", "r7")                                                          \
        TINY_OUT4                                                                                \
        "add    r0, r0, #16\n"                                                                   \
        "ldr    r2, [sp, #4]\n"                                                                  \
        "cmp    r0, r2\n"                                                                        \
        "bne    4b\n"
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny3_s2")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #16\n"
        "ldrd   r4, r12, [r0, #16]\n"
        "str    r12, [sp, #12]\n"
        "ldm    r0, {r0-r3}\n"
        "str    r2, [sp, #0]\n"
        "sub    r12, r2, r0\n" /* qend: the pairs' bytes rounded down to sixteens */
        "bic    r12, r12, #15\n"
        "add    r12, r12, r0\n"
        "str    r12, [sp, #4]\n"
        "ldrd   r9, r10, [r4]\n"
        "ldr    r11, [r4, #8]\n"
        "ldr    lr, [r4, #20]\n"
        "ldrd   r8, r12, [r4, #24]\n"
        "ldr    r5, [r4, #32]\n"
        "str    r5, [sp, #8]\n"
        "ldr    r2, [sp, #4]\n"
        "cmp    r0, r2\n"
        "beq    5f\n"
        "4:\n"
        TINY_S2_PASS4
        "5:\n"
        "mov    r5, lr\n"
        "mov    r6, r8\n"
        "mov    r7, r12\n"
        "ldr    r8, [sp, #8]\n"
        "ldr    r2, [sp, #0]\n"
        TINY_LOOP(2, TINY_ONE(0, "r9", "r5") "ldr    r12, [r0, #4]\n"
                                             "smlad  r4, r12, r10, r4\n"
                                             "smlad  lr, r12, r9, r5\n"
                                             "ldr    r12, [r0, #8]\n"
                                             "smlad  r4, r12, r11, r4\n"
                                             "smlad  lr, r12, r10, lr\n"
                                             "ldr    r12, [r0, #12]\n"
                                             "smlad  lr, r12, r11, lr\n", "r8")
        TINY_ONE(0, "r9", "r5") TINY_ONE(1, "r10", "r4") TINY_ONE(2, "r11", "r4")
        TINY_RQ("r4", "r8") TINY_END("nnom_dw_tiny3_s2"));
void nnom_dw_tiny3_s2(const tiny_job_t *j);
/* nnom_dw_tiny3_s2's passes for a line's channels in one call, as
 * nnom_dw_tiny3_s1m (its stack and flags): the fours' 16 bytes a pass, the
 * tail's pass of two 8 bytes past qend (bit 1 of [sp, #12]), the odd one. */
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny3_s2m")
        TINY_M_HEAD("15", "8", "2")
        TINY_S2_PASS4
        "5:\n" /* C the pass of two, N the odd one (no flags set before they are tested) */
        TINY_M_TAIL
        TINY_Q1S2(0, "r4", "r9", "lr")
        TINY_Q1S2(1, "r4", "r10", "r4")
        "smlad  r5, r2, r9, lr\n"
        TINY_Q1S2(2, "r4", "r11", "r4")
        "smlad  r5, r2, r10, r5\n"
        TINY_Q1S2(3, "r5", "r11", "r5")
        TINY_M_OUT2
        "add    r0, r0, #8\n"
        "6:\n"
        "bpl    7f\n"
        TINY_Q1S2(0, "r4", "r9", "lr")
        TINY_Q1S2(1, "r4", "r10", "r4")
        TINY_Q1S2(2, "r4", "r11", "r4")
        TINY_M_OUT1
        TINY_M_NEXT("nnom_dw_tiny3_s2m")
        ".text\n");
void nnom_dw_tiny3_s2m(const tiny_mjob_t *j);

/* at stride 2 the second output's pair j is the first's pair j + 1: each
 * word loaded once for both (5 loads for 8 SMLADs, 6 for 10) */
#define TINY_S2W(J, WA, WB)                                                                      \
    "ldr    r12, [r0, #" #J "*4]\n"                                                             \
    "smlad  r4, r12, " WA ", r4\n"                                                               \
    "smlad  lr, r12, " WB ", lr\n"
#define TINY_P5S2                                                                                \
    TINY_ONE(0, "r9", "r4") TINY_S2W(1, "r10", "r9") TINY_S2W(2, "r11", "r10")                  \
        TINY_S2W(3, "r5", "r11") TINY_S2W(4, "r8", "r5") "ldr    r12, [r0, #20]\n"              \
                                                         "smlad  lr, r12, r8, lr\n"
/* Four pairs (7 and 8 taps) at stride 2, four outputs a pass: output i's
 * pair j is word i + j (7 loads for 16 SMLADs; two outputs a pass took
 * 13.5 instructions an output, this 11.75). r0 x, r1 out, r2 the word, r3
 * os, r4-r7 the sums, r8-r11 the pairs, lr the bias; the stack [0] end,
 * [4] qend, [8] e, [12] odd, [16] mult, [20] ra. Lines of under four
 * outputs go straight to the end part: one pass of two (r12 mult, r6 ra,
 * r7 e from the records) and the odd one. */
#define TINY_W4(OFF) "ldr    r2, [r0, #" #OFF "]\n"
/* nnom_dw_tiny4_s2's pass of four outputs, its loop's (and the channels'
 * loop of nnom_dw_tiny4_s2m): r0 the pairs, r1 the output, r3 its step,
 * r8-r11 the weights, lr the bias; the stack [4] the passes' end, [8]
 * e, [16] mult, ra. */
#define TINY4_S2_PASS                                                                              \
        TINY_W4(0) "smlad  r4, r2, r8, lr\n"                                                       \
        TINY_W4(4) "smlad  r4, r2, r9, r4\n"                                                       \
                   "smlad  r5, r2, r8, lr\n"                                                       \
        TINY_W4(8) "smlad  r4, r2, r10, r4\n"                                                      \
                   "smlad  r5, r2, r9, r5\n"                                                       \
                   "smlad  r6, r2, r8, lr\n"                                                       \
        TINY_W4(12) "smlad  r4, r2, r11, r4\n"                                                     \
                    "smlad  r5, r2, r10, r5\n"                                                     \
                    "smlad  r6, r2, r9, r6\n"                                                      \
                    "smlad  r7, r2, r8, lr\n"                                                      \
        TINY_W4(16) "smlad  r5, r2, r11, r5\n"                                                     \
                    "smlad  r6, r2, r10, r6\n"                                                     \
                    "smlad  r7, r2, r9, r7\n"                                                      \
        TINY_W4(20) "smlad  r6, r2, r11, r6\n"                                                     \
                    "smlad  r7, r2, r10, r7\n"                                                     \
        TINY_W4(24) "smlad  r7, r2, r11, r7\n"                                                     \
        "ldrd   r12, r2, [sp, #16]\n"                                                              \
        "smmlar r4, r4, r12, r2\n"                                                                 \
        "smmlar r5, r5, r12, r2\n"                                                                 \
        "smmlar r6, r6, r12, r2\n"                                                                 \
        "smmlar r7, r7, r12, r2\n"                                                                 \
        "ldr    r2, [sp, #8]\n"                                                                    \
        "asr    r4, r4, r2\n"                                                                      \
        "asr    r5, r5, r2\n"                                                                      \
        "asr    r6, r6, r2\n"                                                                      \
        "asr    r7, r7, r2\n"                                                                      \
        "ssat   r4, #8, r4\n"                                                                      \
        "ssat   r5, #8, r5\n"                                                                      \
        "ssat   r6, #8, r6\n"                                                                      \
        "ssat   r7, #8, r7\n"                                                                      \
        "strb   r4, [r1]\n"                                                                        \
        "strb   r5, [r1, r3]\n"                                                                    \
        "add    r1, r1, r3, lsl #1\n"                                                              \
        "strb   r6, [r1]\n"                                                                        \
        "strb   r7, [r1, r3]\n"                                                                    \
        "add    r1, r1, r3, lsl #1\n"                                                              \
        "add    r0, r0, #16\n"                                                                     \
        "ldr    r2, [sp, #4]\n"                                                                    \
        "cmp    r0, r2\n"                                                                          \
        "bne    4b\n"
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny4_s2")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #24\n"
        "ldrd   r4, r12, [r0, #16]\n"
        "str    r12, [sp, #12]\n"
        "ldm    r0, {r0-r3}\n"
        "ldrd   r8, r9, [r4]\n"
        "ldrd   r10, r11, [r4, #8]\n"
        "ldr    lr, [r4, #20]\n"
        "sub    r5, r2, r0\n" /* the pairs' bytes rounded down to sixteens */
        "bics   r5, r5, #15\n"
        "bne    8f\n"
        "ldrd   r12, r6, [r4, #24]\n"
        "ldr    r7, [r4, #32]\n"
        "7:\n"
        "cmp    r0, r2\n"
        "beq    6f\n" /* one pass of two (the pairs' bytes past qend: 0 or 8) */
        TINY_W4(0) "smlad  r4, r2, r8, lr\n"
        TINY_W4(4) "smlad  r4, r2, r9, r4\n"
                   "smlad  r5, r2, r8, lr\n"
        TINY_W4(8) "smlad  r4, r2, r10, r4\n"
                   "smlad  r5, r2, r9, r5\n"
        TINY_W4(12) "smlad  r4, r2, r11, r4\n"
                    "smlad  r5, r2, r10, r5\n"
        TINY_W4(16) "smlad  r5, r2, r11, r5\n"
        "smmlar r4, r4, r12, r6\n"
        "smmlar r5, r5, r12, r6\n"
        "asr    r4, r4, r7\n"
        "asr    r5, r5, r7\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "strb   r4, [r1]\n"
        "strb   r5, [r1, r3]\n"
        "add    r1, r1, r3, lsl #1\n"
        "add    r0, r0, #8\n"
        "6:\n"
        "ldr    r2, [sp, #12]\n"
        "cmp    r2, #0\n"
        "beq    3f\n"
        TINY_W4(0) "smlad  r4, r2, r8, lr\n"
        TINY_W4(4) "smlad  r4, r2, r9, r4\n"
        TINY_W4(8) "smlad  r4, r2, r10, r4\n"
        TINY_W4(12) "smlad  r4, r2, r11, r4\n"
        "smmlar r4, r4, r12, r6\n"
        "asr    r4, r4, r7\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1]\n"
        "3:\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        "8:\n"
        "add    r5, r5, r0\n"
        "strd   r2, r5, [sp]\n"
        "ldrd   r5, r6, [r4, #24]\n"
        "strd   r5, r6, [sp, #16]\n"
        "ldr    r5, [r4, #32]\n"
        "str    r5, [sp, #8]\n"
        "4:\n"
        TINY4_S2_PASS
        "ldrd   r12, r6, [sp, #16]\n"
        "ldr    r7, [sp, #8]\n"
        "ldr    r2, [sp]\n"
        "b      7b\n"
        ".size nnom_dw_tiny4_s2, .-nnom_dw_tiny4_s2\n"
        ".text\n");
TINY_ASM5("nnom_dw_tiny5_s2", 2, TINY_P5S2, TINY_O5);
/* TINY_ASM5's passes for a line's channels in one call (a channel ~20
 * instructions against a call's ~40): the stack [0] bias (twice), [8] e,
 * [12] odd, [16] x and out, [24] r, [28] the records' end; r2 the line's
 * end. */
#define TINY_ASM5M(NAME, S, PAIRS, ONE)                                                          \
    __asm__(NNOM_ASM_FUNC(NAME) "push   {r4-r11, lr}\n"                                          \
                                "sub    sp, sp, #32\n"                                           \
                                "ldrd   r4, r12, [r0, #16]\n"                                    \
                                "str    r12, [sp, #12]\n"                                        \
                                "ldr    r5, [r0, #24]\n"                                         \
                                "strd   r4, r5, [sp, #24]\n"                                     \
                                "ldm    r0, {r0-r3}\n"                                           \
                                "9:\n"                                                           \
                                "strd   r0, r1, [sp, #16]\n"                                     \
                                "ldrd   r9, r10, [r4]\n"                                         \
                                "ldr    r11, [r4, #8]\n"                                         \
                                "ldrd   r6, r7, [r4, #24]\n"                                     \
                                "ldr    r5, [r4, #20]\n"                                         \
                                "ldr    r8, [r4, #32]\n"                                         \
                                "strd   r5, r5, [sp]\n"                                          \
                                "str    r8, [sp, #8]\n"                                          \
                                "ldrd   r5, r8, [r4, #12]\n"                                     \
                                "cmp    r0, r2\n"                                                \
                                "beq    2f\n"                                                    \
                                "1:\n"                                                           \
                                "ldrd   r4, lr, [sp]\n" PAIRS "ldr    r12, [sp, #8]\n"           \
                                TINY_RQ("r4", "r12") TINY_RQ("lr", "r12")                        \
                                "strb   r4, [r1]\n"                                              \
                                "strb   lr, [r1, r3]\n"                                          \
                                "add    r1, r1, r3, lsl #1\n"                                    \
                                "add    r0, r0, #4*" #S "\n"                                     \
                                "cmp    r0, r2\n"                                                \
                                "bne    1b\n"                                                    \
                                "2:\n"                                                           \
                                "ldr    r12, [sp, #12]\n"                                        \
                                "cmp    r12, #0\n"                                               \
                                "beq    7f\n"                                                    \
                                "ldr    r4, [sp]\n" ONE "ldr    r12, [sp, #8]\n"                 \
                                TINY_RQ("r4", "r12") "strb   r4, [r1]\n"                         \
                                "7:\n"                                                           \
                                "ldrd   r4, r12, [sp, #24]\n"                                    \
                                "add    r4, r4, #" TINY_CH_BYTES "\n"                            \
                                "cmp    r4, r12\n"                                               \
                                "beq    3f\n"                                                    \
                                "str    r4, [sp, #24]\n"                                         \
                                "ldrd   r0, r1, [sp, #16]\n"                                     \
                                "add    r0, r0, #" TINY_LINE_BYTES "\n"                          \
                                "add    r1, r1, #1\n"                                            \
                                "add    r2, r2, #" TINY_LINE_BYTES "\n"                          \
                                "b      9b\n"                                                    \
                                "3:\n"                                                           \
                                "add    sp, sp, #32\n"                                           \
                                "pop    {r4-r11, pc}\n"                                          \
                                ".size " NAME ", .-" NAME "\n"                                   \
                                ".text\n")
TINY_ASM5M("nnom_dw_tiny5_s1m", 1, TINY_P5(1), TINY_O5);
TINY_ASM5M("nnom_dw_tiny5_s2m", 2, TINY_P5S2, TINY_O5);
void nnom_dw_tiny5_s1m(const tiny_mjob_t *j);
void nnom_dw_tiny5_s2m(const tiny_mjob_t *j);
/* nnom_dw_tiny4_s2's passes for a line's channels in one call (its pass of
 * four, then by flags one pass of two and the odd one; a channel ~20
 * instructions against a call's ~40). The stack: [4] qend, [8] e, [12]
 * the tail's flags (odd | 2 where a pass of two), [16] mult, [20] ra,
 * [24] r, [28] the records' end, [32] x and out. */
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny4_s2m")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #40\n"
        "ldrd   r4, r12, [r0, #16]\n"
        "ldr    r5, [r0, #24]\n"
        "strd   r4, r5, [sp, #24]\n"
        "ldm    r0, {r0-r3}\n"
        "sub    r6, r2, r0\n"
        "bic    r5, r6, #15\n"
        "and    r6, r6, #8\n"
        "orr    r12, r12, r6, lsr #2\n"
        "str    r12, [sp, #12]\n"
        "add    r2, r5, r0\n"
        "str    r2, [sp, #4]\n"
        "9:\n" /* a channel: r0 x, r1 out, r4 its records, r2 qend */
        "strd   r0, r1, [sp, #32]\n"
        "ldrd   r5, r6, [r4, #24]\n"
        "strd   r5, r6, [sp, #16]\n"
        "ldr    r5, [r4, #32]\n"
        "str    r5, [sp, #8]\n"
        "cmp    r0, r2\n" /* (the loads keep the flags) */
        "ldrd   r8, r9, [r4]\n"
        "ldrd   r10, r11, [r4, #8]\n"
        "ldr    lr, [r4, #20]\n"
        "beq    5f\n"
        "4:\n"
        TINY4_S2_PASS
        "5:\n" /* C a pass of two, N the odd one (kept: no flags set before
                 * they are tested); r12 mult, r6 ra, r7 e */
        "ldrd   r12, r6, [sp, #16]\n"
        "ldr    r7, [sp, #8]\n"
        "ldr    r2, [sp, #12]\n"
        "lsls   r2, r2, #31\n"
        "bcc    6f\n"
        TINY_W4(0) "smlad  r4, r2, r8, lr\n"
        TINY_W4(4) "smlad  r4, r2, r9, r4\n"
                   "smlad  r5, r2, r8, lr\n"
        TINY_W4(8) "smlad  r4, r2, r10, r4\n"
                   "smlad  r5, r2, r9, r5\n"
        TINY_W4(12) "smlad  r4, r2, r11, r4\n"
                    "smlad  r5, r2, r10, r5\n"
        TINY_W4(16) "smlad  r5, r2, r11, r5\n"
        "smmlar r4, r4, r12, r6\n"
        "smmlar r5, r5, r12, r6\n"
        "asr    r4, r4, r7\n"
        "asr    r5, r5, r7\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "strb   r4, [r1]\n"
        "strb   r5, [r1, r3]\n"
        "add    r1, r1, r3, lsl #1\n"
        "add    r0, r0, #8\n"
        "6:\n"
        "bpl    7f\n"
        TINY_W4(0) "smlad  r4, r2, r8, lr\n"
        TINY_W4(4) "smlad  r4, r2, r9, r4\n"
        TINY_W4(8) "smlad  r4, r2, r10, r4\n"
        TINY_W4(12) "smlad  r4, r2, r11, r4\n"
        "smmlar r4, r4, r12, r6\n"
        "asr    r4, r4, r7\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1]\n"
        "7:\n" /* the next channel, if any */
        "ldrd   r4, r5, [sp, #24]\n"
        "add    r4, r4, #" TINY_CH_BYTES "\n"
        "cmp    r4, r5\n"
        "beq    3f\n"
        "str    r4, [sp, #24]\n"
        "ldrd   r0, r1, [sp, #32]\n"
        "add    r0, r0, #" TINY_LINE_BYTES "\n"
        "add    r1, r1, #1\n"
        "ldr    r2, [sp, #4]\n"
        "add    r2, r2, #" TINY_LINE_BYTES "\n"
        "str    r2, [sp, #4]\n"
        "b      9b\n"
        "3:\n"
        "add    sp, sp, #40\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw_tiny4_s2m, .-nnom_dw_tiny4_s2m\n"
        ".text\n");
void nnom_dw_tiny4_s2m(const tiny_mjob_t *j);

typedef void (*tiny_fn)(const tiny_job_t *);
/* nnom_dw_tiny3_s1m, nnom_dw_tiny3_s2m: a line's channels in one call */
typedef void (*tiny_mfn)(const tiny_mjob_t *);

/* Two pairs at strides 1 and 2, three at stride 2: the same loop in C,
 * where GCC keeps every value in registers (one instruction less per pass
 * than the assembly, which cannot spare a register for 2 os) or, at
 * stride 2, loads each word once for both outputs (the second output's
 * pair j is the first's j + 1). */
NNOM_INLINE void tiny_body(const tiny_job_t *jb, const int32_t NP, const int32_t S)
{
    const int16_t *x = jb->x;
    int8_t *out = jb->out;
    const int32_t os = jb->os;
    const tiny_ch_t *r = jb->r;
    const int16_t *const end = jb->end;
    const int32_t odd = jb->odd; /* (the int8 stores may alias *jb) */
    int32_t w[3];
    for (int32_t j = 0; j < NP; j++)
        w[j] = r->w[j];
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, e = r->q.e;
    for (; x != end; x += 2 * S, out += 2 * os) {
        int32_t a0 = bias, a1 = bias;
        for (int32_t j = 0; j < NP; j++) {
            a0 = __smlad(tiny_read2(x + 2 * j), w[j], a0);
            a1 = __smlad(tiny_read2(x + S + 2 * j), w[j], a1);
        }
        out[0] = (int8_t)tiny_rq(a0, mult, ra, e);
        out[os] = (int8_t)tiny_rq(a1, mult, ra, e);
    }
    if (odd) {
        int32_t acc = bias;
        for (int32_t j = 0; j < NP; j++)
            acc = __smlad(tiny_read2(x + 2 * j), w[j], acc);
        *out = (int8_t)tiny_rq(acc, mult, ra, e);
    }
}

#define TINY_FN(NP, S)                                                                           \
    static NNOM_NOINLINE void tiny_##NP##_s##S(const tiny_job_t *j) { tiny_body(j, NP, S); }
TINY_FN(1, 1) /* two taps (one to three channels only: tiny_of()) */
TINY_FN(1, 2)
TINY_FN(2, 1)
TINY_FN(2, 2)


/* n columns of a transposed chunk (tiny_cols): column k's line at x + k
 * stride entries, its outputs at out + k, its records r + ch, ch counting
 * on from ch0 up to c and back to 0. */
typedef struct {
    const int16_t *x;
    int8_t *out;
    int32_t n, lines, s, os, stride, ch0, c;
    const tiny_ch_t *r;
} tiny_cjob_t;
NNOM_INLINE void tiny_cbody(const tiny_cjob_t *cj, const int32_t NP, const int32_t S)
{
    const int16_t *x = cj->x;
    int8_t *out = cj->out;
    const int32_t n = cj->n, stride = cj->stride, c = cj->c, span = (cj->lines & ~1) * S;
    const tiny_ch_t *const r = cj->r;
    const tiny_job_t base = {x, out, x + span, cj->os, r, cj->lines & 1};
    int32_t ch = cj->ch0;
    for (int32_t k = 0; k < n; k++, x += stride, out++) {
        tiny_job_t j = base;
        j.x = x;
        j.out = out;
        j.end = x + span;
        j.r = r + ch;
        tiny_body(&j, NP, S);
        ch = ch + 1 == c ? 0 : ch + 1;
    }
}
typedef void (*tiny_cfn)(const tiny_cjob_t *);
#define TINY_CFN(NP, S)                                                                          \
    static NNOM_NOINLINE void tiny_c##NP##_s##S(const tiny_cjob_t *j) { tiny_cbody(j, NP, S); }
TINY_CFN(1, 1)
TINY_CFN(1, 2)
TINY_CFN(2, 1)
TINY_CFN(2, 2)
TINY_CFN(3, 2)
/* by stride and pairs of taps (1 to 5; NULL: a call of the line's
 * function per column) */
static const tiny_cfn tiny_cfns[2][5] = {{tiny_c1_s1, tiny_c2_s1, NULL, NULL, NULL},
                                         {tiny_c1_s2, tiny_c2_s2, tiny_c3_s2, NULL, NULL}};

/* Six to eight pairs (11 to 16 taps) on one line: the same loop with
 * each weight pair loaded where it is used (too many for registers). */
NNOM_INLINE void tiny_long(const tiny_job_t *jb, const int32_t NP, const int32_t S)
{
    const int16_t *x = jb->x;
    int8_t *out = jb->out;
    const int32_t os = jb->os;
    const tiny_ch_t *r = jb->r;
    const int16_t *const end = jb->end;
    const int32_t odd = jb->odd;
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, e = r->q.e;
    for (; x != end; x += 2 * S, out += 2 * os) {
        int32_t a0 = bias, a1 = bias;
#pragma GCC unroll 8
        for (int32_t j = 0; j < NP; j++) {
            const int32_t w = tiny_w(r, j);
            a0 = __smlad(tiny_read2(x + 2 * j), w, a0);
            a1 = __smlad(tiny_read2(x + S + 2 * j), w, a1);
        }
        out[0] = (int8_t)tiny_rq(a0, mult, ra, e);
        out[os] = (int8_t)tiny_rq(a1, mult, ra, e);
    }
    if (odd) {
        int32_t acc = bias;
#pragma GCC unroll 8
        for (int32_t j = 0; j < NP; j++)
            acc = __smlad(tiny_read2(x + 2 * j), tiny_w(r, j), acc);
        *out = (int8_t)tiny_rq(acc, mult, ra, e);
    }
}

#define TINY_LONG(NP, S)                                                                         \
    static NNOM_NOINLINE void tiny_##NP##_s##S(const tiny_job_t *j) { tiny_long(j, NP, S); }
TINY_LONG(6, 1)
TINY_LONG(7, 1)
TINY_LONG(8, 1)
TINY_LONG(6, 2)
TINY_LONG(7, 2)
TINY_LONG(8, 2)

/* by stride and pairs of taps */
static const tiny_fn tiny_fns[2][TINY_LONG_TAPS / 2] = {
    {tiny_1_s1, tiny_2_s1, nnom_dw_tiny3_s1, nnom_dw_tiny4_s1, nnom_dw_tiny5_s1, tiny_6_s1,
     tiny_7_s1, tiny_8_s1},
    {tiny_1_s2, tiny_2_s2, nnom_dw_tiny3_s2, nnom_dw_tiny4_s2, nnom_dw_tiny5_s2, tiny_6_s2,
     tiny_7_s2, tiny_8_s2}};
/* the same loops for a line's channels in one call (three to five pairs) */
static const tiny_mfn tiny_mfns[2][TINY_LONG_TAPS / 2] = {
    {NULL, NULL, nnom_dw_tiny3_s1m, nnom_dw_tiny4_s1m, nnom_dw_tiny5_s1m, NULL, NULL, NULL},
    {NULL, NULL, nnom_dw_tiny3_s2m, nnom_dw_tiny4_s2m, nnom_dw_tiny5_s2m, NULL, NULL, NULL}};

/* tag 29's m loops: tiny_mfns' and two pairs at stride 1 (one line's
 * channels a call; tiny_s8's multi-line courses keep tiny_mfns) */
static const tiny_mfn tiny_tag_mfns[2][TINY_LONG_TAPS / 2] = {
    {NULL, nnom_dw_tiny2_s1m, nnom_dw_tiny3_s1m, nnom_dw_tiny4_s1m, nnom_dw_tiny5_s1m, NULL, NULL,
     NULL},
    {NULL, NULL, nnom_dw_tiny3_s2m, nnom_dw_tiny4_s2m, nnom_dw_tiny5_s2m, NULL, NULL, NULL}};

/* n outputs of a line (s entries apart; out os bytes apart) */
NNOM_INLINE void tiny_run(tiny_fn fn, const int16_t *x, int8_t *out, int32_t n, int32_t s,
                          int32_t os, const tiny_ch_t *r)
{
    const tiny_job_t j = {x, out, x + (n & ~1) * s, os, r, n & 1};
    fn(&j);
}

/* The layer's geometry; 0 where it does not suit (whole: the layer's
 * every channel here, else only the one to three past a multiple of four,
 * where the rules for five to seven channels do not apply; KEPT: the
 * geometry alone, nnom_dw_tiny_holds() having held on the same
 * arguments). */
NNOM_INLINE int tiny_of(const nnom_conv_args_t *a, tiny_t *t, int whole, const int KEPT)
{
    const int32_t c = a->out.c;
    if (!KEPT && (a->ch_mult != 1 || a->in.c != c))
        return 0;
    if (a->k.h == 1) { /* rows of taps along w; lines down h (one input row each) */
        if (!KEPT && (a->p.dilation_w != 1 || a->p.pad_top != 0 ||
                      (a->out.h - 1) * a->p.stride_h >= a->in.h))
            return 0;
        *t = (tiny_t){a->k.w,  a->p.stride_w, a->p.pad_left, a->in.w,           a->out.w,
                      c,       c,             a->out.h,      a->p.stride_h * a->in.w * c,
                      a->out.w * c};
    } else { /* columns of taps down h; lines along w */
        if (!KEPT && (a->p.dilation_h != 1 || a->p.pad_left != 0 ||
                      (a->out.w - 1) * a->p.stride_w >= a->in.w))
            return 0;
        *t = (tiny_t){a->k.h,           a->p.stride_h,     a->p.pad_top, a->in.h,
                      a->out.h,         a->in.w * c,       a->out.w * c, a->out.w,
                      a->p.stride_w * c, c};
    }
    if (KEPT)
        return 1;
    /* the line's entries: the last output's window and the odd tap's pair */
    const int32_t entries = (t->n - 1) * t->s + t->k + 1;
    /* five to seven channels only with more than three taps, at most
     * TINY_S2_MAX_TAPS at stride 2 on more than one line: three taps run
     * faster on the flat path's four lanes, longer windows at stride 2 on
     * several lines on the group path (on one line, up to TINY_LONG_TAPS,
     * here: (14,1) s2 23x1x6 same 4,488 -> 2,430); but
     * one line of three at stride 1 that nnom_dw3_s8 does not take
     * (dw3_line() of nnom_local_dwgroup.h; nnom/ops/dwtiny_records.py's
     * short3), whose other course is the group loop ((3,1) s1 9x1x6 same
     * 3084 -> 1306) */
    const int short3 = t->k == 3 && t->s == 1 && t->lines == 1 && t->n < 10 &&
                       (t->n < 4 || t->pad != 0 || t->n + 2 > t->in);
    const int long_s2 = t->s != 1 && t->k > TINY_S2_MAX_TAPS && t->lines != 1;
    if (whole && c > 4 && ((t->k == 3 && !short3) || long_s2))
        return 0;
    /* more than TINY_MAX_TAPS taps on one line only (more lines: the flat
     * path's bands cost less) */
    const int32_t most = t->lines == 1 ? TINY_LONG_TAPS : TINY_MAX_TAPS;
    /* two taps on one to three channels: one pair an output (else the
     * flat path's set-up, ~500 to 2,000 a run, or the pixel walk); not on
     * one output pixel (their own records' set-up: (2,1) s1 1x1x3 same
     * 719 -> 760) */
    const int32_t least = whole && c < 4 && t->n * t->lines > 1 ? 2 : 3;
    return t->k >= least && t->k <= most && t->pad >= 0 && (t->s == 1 || t->s == 2) &&
           entries <= TINY_LINE && t->pad < entries;
}

/* The entries a line's copy holds: the last output's window, and for an
 * odd k the odd tap's pair (its zero-weighted second entry). An even k's
 * loops read no entry past the last window (a fill of one entry a line of
 * seven cost ~25 instructions a layer: (1,6) s1 1x15x5 valid). */
NNOM_INLINE int32_t tiny_entries(const tiny_t *t)
{
    return (t->n - 1) * t->s + t->k + (t->k & 1);
}

/* Channel ch's records; 0 where its requantisation or sums do not suit. */
static int tiny_records(const nnom_conv_args_t *a, int32_t ch, int32_t k, tiny_ch_t *r)
{
    const int32_t c = a->out.c;
    const int8_t *w = a->weight + ch;
    int32_t sum = 0, j = 0;
    for (; 2 * j + 1 < k; j++, w += 2 * c) {
        const int32_t w0 = w[0], w1 = w[c];
        *tiny_pair(r, j) = (int32_t)(((uint32_t)w0 << 1 & 0xFFFFu) | (uint32_t)w1 << 17);
        sum += w0 + w1;
    }
    if (k & 1) { /* the odd last tap against a zero weight */
        *tiny_pair(r, j) = (int32_t)((uint32_t)w[0] << 1 & 0xFFFFu);
        sum += w[0];
    }
    return nnom_tiny_rq(a, ch, k, sum, &r->q);
}

NNOM_INLINE void tiny_put2(int16_t *d, uint32_t v)
{
    memcpy(d, &v, 4);
}

/* Two channels' pixels side by side, four a pass by two words (10
 * instructions for 8 entries; the word loop took 14): [a0 b0 a1 b1]
 * [a2 b2 a3 b3] sign-extended by SXTB16 at rotations 0 and 8 into each
 * channel's two words, stored by STRD into d (word-aligned) and the line
 * TINY_LINE + 2 entries on. n passes, n > 0; *xp and *dp advanced past
 * them. */
NNOM_INLINE void tiny_t2_words(const int8_t **xp, int16_t **dp, int32_t n)
{
    const int8_t *x = *xp;
    int16_t *d = *dp;
    uint32_t w0, w1, p, q;
    __asm__ volatile("1:\n"
                     "ldr    %[w0], [%[x]], #4\n"
                     "ldr    %[w1], [%[x]], #4\n"
                     "sxtb16 %[p], %[w0]\n"          /* a0 a1 */
                     "sxtb16 %[q], %[w1]\n"          /* a2 a3 */
                     "sxtb16 %[w0], %[w0], ror #8\n" /* b0 b1 */
                     "sxtb16 %[w1], %[w1], ror #8\n" /* b2 b3 */
                     "strd   %[p], %[q], [%[d]], #8\n"
                     "strd   %[w0], %[w1], [%[d], #252]\n"
                     "subs   %[n], %[n], #1\n"
                     "bne    1b\n"
                     : [x] "+r"(x), [d] "+r"(d), [n] "+r"(n), [w0] "=&r"(w0), [w1] "=&r"(w1),
                       [p] "=&r"(p), [q] "=&r"(q)
                     :
                     : "cc", "memory");
    *xp = x;
    *dp = d;
}
typedef char tiny_t2_layout_t[(TINY_LINE + 2) * 2 == 260 ? 1 : -1]; /* the STRD's #252 */

/* A line of one or two channels whose pixels lie next to each other
 * (xs == c), with the zero point zp around it (pad before, up to end after): four bytes per word load, split by SXTB16 (channel 0's
 * entries into e0, channel 1's into e1). */
NNOM_INLINE void tiny_lines12(const int8_t *x, const tiny_t *t, int32_t zp, int16_t *e0,
                              int16_t *e1, int32_t end)
{
    const int32_t pad = t->pad, m = t->in < end - pad ? t->in : end - pad;
    for (int32_t i = 0; i < pad; i++)
        e0[i] = e1[i] = (int16_t)zp;
    int16_t *d0 = e0 + pad;
    int32_t i = 0;
    if (t->xs == 1) {
        for (; i + 4 <= m; i += 4, x += 4) {
            const uint32_t u = nnom_read4(x);
            const uint32_t ev = (uint32_t)__sxtb16((int8x4_t)u), od = (uint32_t)nnom_sxtb16_odd(u);
            tiny_put2(d0 + i, (ev & 0xFFFFu) | od << 16);
            tiny_put2(d0 + i + 2, (ev >> 16) | (od & 0xFFFF0000u));
        }
        for (; i < m; i++)
            d0[i] = *x++;
    } else {
        /* d0 and e1 + pad word-aligned from entry i0 (STRD): an odd pad's first
         * entry by bytes (m > 0: pad < end). Channel 1's entries at
         * TINY_LINE + 2 from channel 0's (e1 is e0's next line: one
         * pointer, no spill) */
        const int32_t i0 = pad & 1, mm = m - i0;
        int16_t *p = d0 + i0;
        if (i0) {
            d0[0] = x[0];
            d0[TINY_LINE + 2] = x[1];
            x += 2;
        }
        if (mm >= 4)
            tiny_t2_words(&x, &p, mm >> 2);
        if (mm & 2) { /* (tests, not a loop: GCC's remainder loop spilled) */
            const uint32_t u = nnom_read4(x);
            tiny_put2(p, (uint32_t)__sxtb16((int8x4_t)u));
            tiny_put2(p + TINY_LINE + 2, (uint32_t)nnom_sxtb16_odd(u));
            p += 2;
            x += 4;
        }
        if (mm & 1) {
            p[0] = x[0];
            p[TINY_LINE + 2] = x[1];
        }
    }
    for (i = pad + m; i < end; i++)
        e0[i] = e1[i] = (int16_t)zp;
}

/* (word loads; one entry past TINY_LINE for the right padding's last
 * word) */
typedef int16_t tiny_lines_t[2][TINY_LINE + 2];

/* Every line of one or two channels whose pixels lie next to each other;
 * entries of each line copied. (Apart from tiny_chans so that neither
 * pays for the other's set-up, which GCC hoists.) */
static NNOM_NOINLINE void tiny_pairs(const nnom_conv_args_t *a, const tiny_t *t,
                                     const tiny_ch_t *r, tiny_fn fn, int32_t entries)
{
    tiny_lines_t line __attribute__((aligned(4)));
    for (int32_t l = 0; l < t->lines; l++) {
        int8_t *o = a->output + l * t->ol;
        tiny_lines12(a->input + l * t->xl, t, a->p.input_zp, line[0], line[1], entries);
        tiny_run(fn, line[0], o, t->n, t->s, t->os, &r[0]);
        if (a->out.c == 2)
            tiny_run(fn, line[1], o + 1, t->n, t->s, t->os, &r[1]);
    }
}
/* The same with a line's channels in one call of mfn (the lines TINY_CS
 * entries apart; a function of its own: the test a line cost the others
 * two instructions) */
static NNOM_NOINLINE void tiny_pairs_m(const nnom_conv_args_t *a, const tiny_t *t,
                                       const tiny_ch_t *r, tiny_mfn mfn, int32_t entries)
{
    tiny_lines_t line __attribute__((aligned(4)));
    for (int32_t l = 0; l < t->lines; l++) {
        int8_t *o = a->output + l * t->ol;
        tiny_lines12(a->input + l * t->xl, t, a->p.input_zp, line[0], line[1], entries);
        const tiny_mjob_t j = {{line[0], o, line[0] + (t->n & ~1) * t->s, t->os, r, t->n & 1},
                               r + a->out.c};
        mfn(&j);
    }
}

/* The int16 entries a line takes in the transposed copies (tiny_chans,
 * tiny_cols) */
#define TINY_CS (TINY_LINE + 2)
typedef char tiny_cs_layout_t[TINY_CS * 2 == 260 ? 1 : -1]; /* nnom_dw_tiny3_s1m's */

/* m entries (xs bytes apart) of nc channels side by side into nc lines
 * TINY_CS entries apart, pixels not next to each other (the channels past
 * a multiple of four, columns on narrow planes): channel by channel,
 * eight pixels a pass (the offsets p xs in registers once; a function of
 * its own, whose set-up tiny_chans would otherwise pay on every layer) */
static NNOM_NOINLINE void tiny_tcopy_apart(const int8_t *x, int32_t xs, int32_t m, int16_t *d,
                                           int32_t nc)
{
    for (int32_t k = 0; k < nc; k++, x++, d += TINY_CS) {
        const int8_t *xk = x;
        int16_t *dk = d;
        int32_t n = m;
        for (; n >= 8; n -= 8, xk += 8 * xs, dk += 8) {
            dk[0] = xk[0];
            dk[1] = xk[xs];
            dk[2] = xk[2 * xs];
            dk[3] = xk[3 * xs];
            dk[4] = xk[4 * xs];
            dk[5] = xk[5 * xs];
            dk[6] = xk[6 * xs];
            dk[7] = xk[7 * xs];
        }
        for (; n > 0; n--, xk += xs)
            *dk++ = *xk;
    }
}

/* Three channels' pixels side by side, four a pass by words (20
 * instructions for 12 entries where x is word-aligned (LDM), 22 where not;
 * the byte loop took 28): the words [a0 b0 c0 a1] [b1 c1 a2 b2]
 * [c2 a3 b3 c3] sign-extended by SXTB16 at three rotations and paired by
 * PKHBT/PKHTB into each channel's two words, stored by STRD (d
 * word-aligned). n passes, n > 0. (w0-w2 in ascending registers for LDM.) */
#define TINY_T3_BODY                                                                             \
    "sxtb16 %[p], %[w0]\n"                 /* a0 c0 */                                          \
    "sxtb16 %[q], %[w0], ror #8\n"         /* b0 a1 */                                          \
    "pkhbt  %[r], %[p], %[q]\n"            /* a0 a1 */                                          \
    "sxtb16 %[w0], %[w0], ror #16\n"       /* c0 a0 */                                          \
    "sxtb16 %[p], %[w1]\n"                 /* b1 a2 */                                          \
    "pkhbt  %[q], %[q], %[p], lsl #16\n"   /* b0 b1 */                                          \
    "sxtb16 %[s], %[w1], ror #8\n"         /* c1 b2 */                                          \
    "pkhbt  %[w0], %[w0], %[s], lsl #16\n" /* c0 c1 */                                          \
    "sxtb16 %[w1], %[w1], ror #16\n"       /* a2 b1 */                                          \
    "sxtb16 %[p], %[w2], ror #8\n"         /* a3 c3 */                                          \
    "pkhbt  %[w1], %[w1], %[p], lsl #16\n" /* a2 a3 */                                          \
    "sxtb16 %[w2], %[w2]\n"                /* c2 b3 */                                          \
    "pkhtb  %[s], %[w2], %[s], asr #16\n"  /* b2 b3 */                                          \
    "strd   %[q], %[s], [%[d], #260]\n"                                                         \
    "pkhbt  %[w2], %[w2], %[p]\n"          /* c2 c3 */                                          \
    "strd   %[w0], %[w2], [%[d], #520]\n"                                                       \
    "strd   %[r], %[w1], [%[d]], #8\n"                                                          \
    "subs   %[n], %[n], #1\n"                                                                   \
    "bne    1b\n"
#define TINY_T3_OPS                                                                              \
    : [x] "+r"(x), [d] "+r"(d), [n] "+r"(n), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2),   \
      [p] "=&r"(p), [q] "=&r"(q), [r] "=&r"(r), [s] "=&r"(s)                                     \
    :                                                                                            \
    : "cc", "memory"
NNOM_INLINE void tiny_t3_words(const int8_t *x, int16_t *d, int32_t n)
{
    register uint32_t w0 __asm__("r4"), w1 __asm__("r5"), w2 __asm__("r6");
    uint32_t p, q, r, s;
    if (((uintptr_t)x & 3u) == 0)
        __asm__ volatile("1:\n"
                         "ldm    %[x]!, {%[w0], %[w1], %[w2]}\n" TINY_T3_BODY TINY_T3_OPS);
    else
        __asm__ volatile("1:\n"
                         "ldr    %[w0], [%[x]], #4\n"
                         "ldr    %[w1], [%[x]], #4\n"
                         "ldr    %[w2], [%[x]], #4\n" TINY_T3_BODY TINY_T3_OPS);
}

/* Five channels' pixels side by side, four a pass by words (30
 * instructions for 20 entries where x is word-aligned (LDM), 34 where not;
 * the byte loop took 48): the words [a0 b0 c0 d0] [e0 a1 b1 c1]
 * [d1 e1 a2 b2] [c2 d2 e2 a3] [b3 c3 d3 e3] sign-extended by SXTB16 (the
 * first and third also at ror 24: [d0 b0], [b2 e1], each serving two
 * channels) and paired by PKHBT/PKHTB; a channel's two words by STRD
 * where its offset allows (d word-aligned), else by two STRs. n passes,
 * n > 0. (w0-w4 in ascending registers for LDM.) */
#define TINY_T5_BODY                                                                             \
    "sxtb16 %[p], %[w0]\n"                 /* a0 c0 */                                          \
    "sxtb16 %[w0], %[w0], ror #24\n"       /* d0 b0 */                                          \
    "sxtb16 %[q], %[w1], ror #8\n"         /* a1 c1 */                                          \
    "sxtb16 %[w1], %[w1]\n"                /* e0 b1 */                                          \
    "pkhbt  %[r], %[p], %[q], lsl #16\n"   /* a0 a1 */                                          \
    "pkhtb  %[p], %[q], %[p], asr #16\n"   /* c0 c1 */                                          \
    "pkhtb  %[s], %[w1], %[w0], asr #16\n" /* b0 b1 */                                          \
    "sxtb16 %[q], %[w2]\n"                 /* d1 a2 */                                          \
    "pkhbt  %[w0], %[w0], %[q], lsl #16\n" /* d0 d1 */                                          \
    "sxtb16 %[w2], %[w2], ror #24\n"       /* b2 e1 */                                          \
    "pkhbt  %[w1], %[w1], %[w2]\n"         /* e0 e1 */                                          \
    "str    %[p], [%[d], #520]\n"                                                              \
    "sxtb16 %[p], %[w4]\n"                 /* b3 d3 */                                          \
    "pkhbt  %[w2], %[w2], %[p], lsl #16\n" /* b2 b3 */                                          \
    "strd   %[s], %[w2], [%[d], #260]\n"                                                       \
    "sxtb16 %[s], %[w3], ror #8\n"         /* d2 a3 */                                          \
    "pkhbt  %[w2], %[s], %[p]\n"           /* d2 d3 */                                          \
    "strd   %[w0], %[w2], [%[d], #780]\n"                                                      \
    "pkhtb  %[q], %[s], %[q], asr #16\n"   /* a2 a3 */                                          \
    "sxtb16 %[p], %[w3]\n"                 /* c2 e2 */                                          \
    "sxtb16 %[w4], %[w4], ror #8\n"        /* c3 e3 */                                          \
    "pkhbt  %[s], %[p], %[w4], lsl #16\n"  /* c2 c3 */                                          \
    "str    %[s], [%[d], #524]\n"                                                              \
    "pkhtb  %[p], %[w4], %[p], asr #16\n"  /* e2 e3 */                                          \
    "str    %[w1], [%[d], #1040]\n"                                                            \
    "str    %[p], [%[d], #1044]\n"                                                             \
    "strd   %[r], %[q], [%[d]], #8\n"                                                          \
    "subs   %[n], %[n], #1\n"                                                                  \
    "bne    1b\n"
#define TINY_T5_OPS                                                                              \
    : [x] "+r"(x), [d] "+r"(d), [n] "+r"(n), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2),   \
      [w3] "=&r"(w3), [w4] "=&r"(w4), [p] "=&r"(p), [q] "=&r"(q), [r] "=&r"(r), [s] "=&r"(s)     \
    :                                                                                            \
    : "cc", "memory"
NNOM_INLINE void tiny_t5_words(const int8_t *x, int16_t *d, int32_t n)
{
    register uint32_t w0 __asm__("r4"), w1 __asm__("r5"), w2 __asm__("r6"), w3 __asm__("r8"),
        w4 __asm__("r9");
    uint32_t p, q, r, s;
    if (((uintptr_t)x & 3u) == 0)
        __asm__ volatile("1:\n"
                         "ldm    %[x]!, {%[w0], %[w1], %[w2], %[w3], %[w4]}\n" TINY_T5_BODY
                             TINY_T5_OPS);
    else
        __asm__ volatile("1:\n"
                         "ldr    %[w0], [%[x]], #4\n"
                         "ldr    %[w1], [%[x]], #4\n"
                         "ldr    %[w2], [%[x]], #4\n"
                         "ldr    %[w3], [%[x]], #4\n"
                         "ldr    %[w4], [%[x]], #4\n" TINY_T5_BODY TINY_T5_OPS);
}

/* Six channels' pixels side by side, two a pass by words (21
 * instructions for 12 entries where x is word-aligned (LDM), 23 where not;
 * the byte loop took 28): the words [a0 b0 c0 d0] [e0 f0 a1 b1]
 * [c1 d1 e1 f1] sign-extended by SXTB16 (the first at ror 16 and 24:
 * [c0 a0], [d0 b0]) and paired by PKHBT/PKHTB, a word a channel (STR: d
 * need not be word-aligned). n passes, n > 0. (w0-w2 in ascending
 * registers for LDM.) */
#define TINY_T6_BODY                                                                             \
    "sxtb16 %[p], %[w0], ror #16\n"        /* c0 a0 */                                          \
    "sxtb16 %[w0], %[w0], ror #24\n"       /* d0 b0 */                                          \
    "sxtb16 %[q], %[w1]\n"                 /* e0 a1 */                                          \
    "sxtb16 %[w1], %[w1], ror #8\n"        /* f0 b1 */                                          \
    "pkhtb  %[r], %[q], %[p], asr #16\n"   /* a0 a1 */                                          \
    "str    %[r], [%[d]], #4\n"                                                                \
    "pkhtb  %[r], %[w1], %[w0], asr #16\n" /* b0 b1 */                                          \
    "str    %[r], [%[d], #256]\n"                                                              \
    "sxtb16 %[r], %[w2]\n"                 /* c1 e1 */                                          \
    "pkhbt  %[p], %[p], %[r], lsl #16\n"   /* c0 c1 */                                          \
    "str    %[p], [%[d], #516]\n"                                                              \
    "pkhbt  %[q], %[q], %[r]\n"            /* e0 e1 */                                          \
    "str    %[q], [%[d], #1036]\n"                                                             \
    "sxtb16 %[w2], %[w2], ror #8\n"        /* d1 f1 */                                          \
    "pkhbt  %[w0], %[w0], %[w2], lsl #16\n" /* d0 d1 */                                         \
    "str    %[w0], [%[d], #776]\n"                                                             \
    "pkhbt  %[w1], %[w1], %[w2]\n"         /* f0 f1 */                                          \
    "str    %[w1], [%[d], #1296]\n"                                                            \
    "subs   %[n], %[n], #1\n"                                                                  \
    "bne    1b\n"
NNOM_INLINE void tiny_t6_words(const int8_t *x, int16_t *d, int32_t n)
{
    register uint32_t w0 __asm__("r4"), w1 __asm__("r5"), w2 __asm__("r6");
    uint32_t p, q, r;
#define TINY_T6_OPS                                                                              \
    : [x] "+r"(x), [d] "+r"(d), [n] "+r"(n), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2),   \
      [p] "=&r"(p), [q] "=&r"(q), [r] "=&r"(r)                                                   \
    :                                                                                            \
    : "cc", "memory"
    if (((uintptr_t)x & 3u) == 0)
        __asm__ volatile("1:\n"
                         "ldm    %[x]!, {%[w0], %[w1], %[w2]}\n" TINY_T6_BODY TINY_T6_OPS);
    else
        __asm__ volatile("1:\n"
                         "ldr    %[w0], [%[x]], #4\n"
                         "ldr    %[w1], [%[x]], #4\n"
                         "ldr    %[w2], [%[x]], #4\n" TINY_T6_BODY TINY_T6_OPS);
#undef TINY_T6_OPS
}

/* Seven channels' pixels side by side, four a pass by words (45
 * instructions for 28 entries where x is word-aligned (LDM), 51 where not;
 * the byte loop took 64): the words [a0 b0 c0 d0] [e0 f0 g0 a1]
 * [b1 c1 d1 e1] [f1 g1 a2 b2] [c2 d2 e2 f2] [g2 a3 b3 c3] [d3 e3 f3 g3]
 * (r3-r9) sign-extended by SXTB16 (at rotations that put each entry in
 * the half PKHBT/PKHTB can take it from) and paired, a word of two
 * entries stored as soon as made (four registers spare). A function of
 * its own (its registers): nnom_dw_tiny_t7(x, d, n), n passes, n > 0. */
#define TINY_T7_BODY(L)                                                                          \
    "sxtb16 r10, r3\n"                /* a0 c0 */                                               \
    "sxtb16 r3, r3, ror #8\n"         /* b0 d0 */                                               \
    "sxtb16 r11, r4, ror #8\n"        /* f0 a1 */                                               \
    "sxtb16 r4, r4\n"                 /* e0 g0 */                                               \
    "pkhbt  r12, r10, r11\n"          /* a0 a1 */                                               \
    "str    r12, [r1], #8\n"                                                                    \
    "sxtb16 r12, r5\n"                /* b1 d1 */                                               \
    "sxtb16 r5, r5, ror #24\n"        /* e1 c1 */                                               \
    "pkhbt  lr, r3, r12, lsl #16\n"   /* b0 b1 */                                               \
    "str    lr, [r1, #252]\n"                                                                   \
    "pkhtb  lr, r5, r10, asr #16\n"   /* c0 c1 */                                               \
    "str    lr, [r1, #512]\n"                                                                   \
    "pkhtb  r10, r12, r3, asr #16\n"  /* d0 d1 */                                               \
    "str    r10, [r1, #772]\n"                                                                  \
    "pkhbt  r10, r4, r5, lsl #16\n"   /* e0 e1 */                                               \
    "str    r10, [r1, #1032]\n"                                                                 \
    "sxtb16 r3, r6, ror #16\n"        /* a2 f1 */                                               \
    "sxtb16 r6, r6, ror #24\n"        /* b2 g1 */                                               \
    "pkhbt  r10, r11, r3\n"           /* f0 f1 */                                               \
    "str    r10, [r1, #1292]\n"                                                                 \
    "pkhtb  r10, r6, r4, asr #16\n"   /* g0 g1 */                                               \
    "str    r10, [r1, #1552]\n"                                                                 \
    "sxtb16 r10, r8\n"                /* g2 b3 */                                               \
    "sxtb16 r8, r8, ror #8\n"         /* a3 c3 */                                               \
    "pkhbt  r11, r3, r8, lsl #16\n"   /* a2 a3 */                                               \
    "str    r11, [r1, #-4]\n"                                                                   \
    "pkhbt  r11, r6, r10\n"           /* b2 b3 */                                               \
    "str    r11, [r1, #256]\n"                                                                  \
    "sxtb16 r11, r7\n"                /* c2 e2 */                                               \
    "sxtb16 r7, r7, ror #8\n"         /* d2 f2 */                                               \
    "pkhbt  r12, r11, r8\n"           /* c2 c3 */                                               \
    "str    r12, [r1, #516]\n"                                                                  \
    "sxtb16 r12, r9\n"                /* d3 f3 */                                               \
    "sxtb16 r9, r9, ror #24\n"        /* g3 e3 */                                               \
    "pkhbt  lr, r7, r12, lsl #16\n"   /* d2 d3 */                                               \
    "str    lr, [r1, #776]\n"                                                                   \
    "pkhtb  lr, r9, r11, asr #16\n"   /* e2 e3 */                                               \
    "str    lr, [r1, #1036]\n"                                                                  \
    "pkhtb  lr, r12, r7, asr #16\n"   /* f2 f3 */                                               \
    "str    lr, [r1, #1296]\n"                                                                  \
    "pkhbt  lr, r10, r9, lsl #16\n"   /* g2 g3 */                                               \
    "str    lr, [r1, #1556]\n"                                                                  \
    "subs   r2, r2, #1\n"                                                                       \
    "bne    " L "\n"
typedef char tiny_t7_layout_t[TINY_CS * 2 == 260 ? 1 : -1]; /* the offsets above */
__asm__(NNOM_ASM_FUNC("nnom_dw_tiny_t7")
        "push   {r4-r11, lr}\n"
        "tst    r0, #3\n"
        "bne    2f\n"
        "1:\n"
        "ldm    r0!, {r3-r9}\n" TINY_T7_BODY("1b")
        "pop    {r4-r11, pc}\n"
        "2:\n"
        "ldr    r3, [r0], #4\n"
        "ldr    r4, [r0], #4\n"
        "ldr    r5, [r0], #4\n"
        "ldr    r6, [r0], #4\n"
        "ldr    r7, [r0], #4\n"
        "ldr    r8, [r0], #4\n"
        "ldr    r9, [r0], #4\n" TINY_T7_BODY("2b")
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw_tiny_t7, .-nnom_dw_tiny_t7\n"
        ".text\n");
void nnom_dw_tiny_t7(const int8_t *x, int16_t *d, int32_t n);

/* m entries of five or six channels side by side (xs == NC) into NC
 * lines TINY_CS entries apart: by words (five from a word-aligned entry),
 * the pixels left a byte load and a halfword store an entry (tiny_chans56
 * only). */
NNOM_INLINE void tiny_tcopy56(const int8_t *x, int32_t m, int16_t *d, const int32_t NC)
{
    if (NC == 5 && m >= 5) {
        if (((uintptr_t)d & 2u) != 0) {
#pragma GCC unroll 5
            for (int32_t k = 0; k < 5; k++)
                d[k * TINY_CS] = x[k];
            x += 5, d++, m--;
        }
        tiny_t5_words(x, d, m >> 2);
        x += 20 * (m >> 2), d += 4 * (m >> 2), m &= 3;
    }
    if (NC == 6 && m >= 2) {
        tiny_t6_words(x, d, m >> 1);
        x += 12 * (m >> 1), d += 2 * (m >> 1), m &= 1;
    }
    for (; m > 0; m--, x += NC, d++) {
#pragma GCC unroll 6
        for (int32_t k = 0; k < NC; k++)
            d[k * TINY_CS] = x[k];
    }
}

/* The same where the pixels lie next to each other (xs == NC: rows,
 * one-pixel-wide columns): a byte load and a halfword store an entry at
 * constant offsets, U pixels a pass (the strided copy of each channel on
 * its own cost about three times that, and a call a channel); three
 * channels by words from a word-aligned entry. */
NNOM_INLINE void tiny_tcopy(const int8_t *x, int32_t xs, int32_t m, int16_t *d, const int32_t NC)
{
    if (xs != NC) {
        tiny_tcopy_apart(x, xs, m, d, NC);
        return;
    }
    if (NC == 7 && m >= 4) {
        nnom_dw_tiny_t7(x, d, m >> 2);
        x += 28 * (m >> 2), d += 4 * (m >> 2), m &= 3;
    }
    if (NC == 3 && m >= 5) {
        if (((uintptr_t)d & 2u) != 0) {
            d[0] = x[0];
            d[TINY_CS] = x[1];
            d[2 * TINY_CS] = x[2];
            x += 3, d++, m--;
        }
        tiny_t3_words(x, d, m >> 2);
        x += 12 * (m >> 2), d += 4 * (m >> 2), m &= 3;
        if (m >= 2) { /* two pixels left: a word and two bytes, not the byte
                       * loop (~10 instructions less) */
            const uint32_t u = nnom_read4(x);
            const uint32_t ac = (uint32_t)__sxtb16((int8x4_t)u), ba = (uint32_t)nnom_sxtb16_odd(u);
            tiny_put2(d, (ac & 0xFFFFu) | (ba & 0xFFFF0000u));
            tiny_put2(d + TINY_CS, (ba & 0xFFFFu) | (uint32_t)x[4] << 16);
            tiny_put2(d + 2 * TINY_CS, (ac >> 16) | (uint32_t)x[5] << 16);
            x += 6, d += 2, m -= 2;
        }
    }
    const int32_t U = NC <= 3 ? 4 : 2;
    for (; m >= U; m -= U, x += U * NC, d += U) {
#pragma GCC unroll 4
        for (int32_t p = 0; p < U; p++) {
#pragma GCC unroll 7
            for (int32_t k = 0; k < NC; k++)
                d[k * TINY_CS + p] = x[p * NC + k];
        }
    }
    for (; m > 0; m--, x += NC, d++) {
#pragma GCC unroll 7
        for (int32_t k = 0; k < NC; k++)
            d[k * TINY_CS] = x[k];
    }
}

/* Entries [0, pad) and [after, end) of NL lines TINY_CS entries apart set
 * to zp, by words: from an even entry to one past end rounded up (b
 * word-aligned; the entries past pad and before after it writes are the
 * copies', which come later; end <= TINY_LINE < TINY_CS). A store of an
 * entry a pass cost ~9 instructions an entry on three lines. */
NNOM_INLINE void tiny_fill(int16_t *b, int32_t pad, int32_t after, int32_t end, int32_t zp,
                            const int32_t NL)
{
    const uint32_t z = (uint32_t)zp & 0xFFFFu, zz = z | z << 16;
    for (int32_t i = 0; i < pad; i += 2) {
#pragma GCC unroll 7
        for (int32_t k = 0; k < NL; k++)
            memcpy(&b[k * TINY_CS + i], &zz, 4);
    }
    for (int32_t i = after < end ? after & ~1 : end; i < end; i += 2) {
#pragma GCC unroll 7
        for (int32_t k = 0; k < NL; k++)
            memcpy(&b[k * TINY_CS + i], &zz, 4);
    }
}

/* Every line, channels from to c (one to seven, side by side in the
 * input): each line's channels copied at once, then run one by one (r:
 * from's records first), or with M (three pairs at stride 1) all in one
 * call of nnom_dw_tiny3_s1m. (Two functions: the one call in the other's
 * line loop costs it ~13 instructions a line and 2 a channel.) */
NNOM_INLINE void tiny_chans_m(const nnom_conv_args_t *a, const tiny_t *tp, const tiny_ch_t *r,
                              tiny_fn fn, int32_t entries, int32_t from, tiny_mfn mfn)
{
    const tiny_t t = *tp; /* (the calls could write *tp: no reloads) */
    const int8_t *x = a->input + from;
    int8_t *o = a->output + from;
    const int32_t nc = a->out.c - from, zp = a->p.input_zp;
    const int32_t m = t.in < entries - t.pad ? t.in : entries - t.pad;
    int16_t buf[7][TINY_CS] __attribute__((aligned(4)));
    /* the zero point before and after the copied entries, once (the
     * copies write entries pad to pad + m only), in three lines or all
     * seven */
    if (nc <= 3)
        tiny_fill(&buf[0][0], t.pad, t.pad + m, entries, zp, 3);
    else
        tiny_fill(&buf[0][0], t.pad, t.pad + m, entries, zp, 7);
    for (int32_t l = 0; l < t.lines; l++, x += t.xl, o += t.ol) {
        int16_t *d = &buf[0][t.pad];
        switch (nc) {
        case 1: tiny_tcopy(x, t.xs, m, d, 1); break;
        case 2: tiny_tcopy(x, t.xs, m, d, 2); break;
        case 3: tiny_tcopy(x, t.xs, m, d, 3); break;
        case 4: tiny_tcopy(x, t.xs, m, d, 4); break;
        case 5: tiny_tcopy(x, t.xs, m, d, 5); break;
        case 6: tiny_tcopy(x, t.xs, m, d, 6); break;
        default: tiny_tcopy(x, t.xs, m, d, 7); break;
        }
        if (mfn != NULL) {
            const tiny_mjob_t j = {{buf[0], o, buf[0] + (t.n & ~1) * t.s, t.os, r, t.n & 1},
                                   r + nc};
            mfn(&j);
        } else
            for (int32_t k = 0; k < nc; k++)
                tiny_run(fn, buf[k], o + k, t.n, t.s, t.os, &r[k]);
    }
}
static NNOM_NOINLINE void tiny_chans(const nnom_conv_args_t *a, const tiny_t *tp,
                                     const tiny_ch_t *r, tiny_fn fn, int32_t entries,
                                     int32_t from)
{
    tiny_chans_m(a, tp, r, fn, entries, from, NULL);
}
static NNOM_NOINLINE void tiny_chans3(const nnom_conv_args_t *a, const tiny_t *tp,
                                      const tiny_ch_t *r, int32_t entries, tiny_mfn mfn)
{
    tiny_chans_m(a, tp, r, NULL, entries, 0, mfn);
}
/* the same for the four- and five-pair loops: a function of its own, and
 * mfn's test here, so that GCC keeps tiny_chans3 apart (identical, they
 * were folded into one, whose mfn GCC no longer knew was never NULL:
 * ~18 instructions more on tiny_chans3's layers) */
static NNOM_NOINLINE void tiny_chans45(const nnom_conv_args_t *a, const tiny_t *tp,
                                       const tiny_ch_t *r, int32_t entries, tiny_mfn mfn)
{
    if (mfn != NULL)
        tiny_chans_m(a, tp, r, NULL, entries, 0, mfn);
}

/* tiny_chans_m for five or six channels side by side (xs == c), the lines
 * copied by words. A function of its own: inline in tiny_chans_m, the
 * word copies' registers cost the other channel counts' set-up and lines
 * ((5,1) s2 49x1x3 same +6, (8,1) s1 15x1x3 valid +10); as a call a line,
 * the short lines' gain ((1,8) s1 1x9x5 valid +2). */
static NNOM_NOINLINE void tiny_chans56(const nnom_conv_args_t *a, const tiny_t *tp,
                                       const tiny_ch_t *r, tiny_fn fn, int32_t entries,
                                       tiny_mfn mfn)
{
    const tiny_t t = *tp;
    const int8_t *x = a->input;
    int8_t *o = a->output;
    const int32_t nc = a->out.c, zp = a->p.input_zp;
    const int32_t m = t.in < entries - t.pad ? t.in : entries - t.pad;
    int16_t buf[7][TINY_CS] __attribute__((aligned(4)));
    tiny_fill(&buf[0][0], t.pad, t.pad + m, entries, zp, 7);
    for (int32_t l = 0; l < t.lines; l++, x += t.xl, o += t.ol) {
        if (nc == 5)
            tiny_tcopy56(x, m, &buf[0][t.pad], 5);
        else
            tiny_tcopy56(x, m, &buf[0][t.pad], 6);
        if (mfn != NULL) {
            const tiny_mjob_t j = {{buf[0], o, buf[0] + (t.n & ~1) * t.s, t.os, r, t.n & 1},
                                   r + nc};
            mfn(&j);
        } else
            for (int32_t k = 0; k < nc; k++)
                tiny_run(fn, buf[k], o + k, t.n, t.s, t.os, &r[k]);
    }
}

/* Columns of taps on a plane read at every pixel across (stride 1 there):
 * input column j of the flattened row (pixel j / c, channel j % c) is
 * output column j. TINY_COLS columns at a time, copied transposed (one
 * byte load and one halfword store an entry at constant offsets, where
 * a strided read a channel costs three times that), then each column's
 * outputs. Planes of TINY_COLS columns or more. */
#define TINY_COLS 8
static NNOM_NOINLINE void tiny_cols(const nnom_conv_args_t *a, const tiny_t *tp,
                                    const tiny_ch_t *r, tiny_fn fn, int32_t entries)
{
    const tiny_t t = *tp;
    const int32_t c = a->out.c, cols = t.lines * c, row = t.xs;
    const int32_t m = t.in < entries - t.pad ? t.in : entries - t.pad;
    int16_t buf[TINY_COLS][TINY_CS] __attribute__((aligned(4)));
    /* the zero point above and below the copied rows, once: the copies
     * write rows pad to pad + m only */
    for (int32_t k = 0; k < TINY_COLS; k++) {
        for (int32_t i = 0; i < t.pad; i++)
            buf[k][i] = (int16_t)a->p.input_zp;
        for (int32_t i = t.pad + m; i < entries; i++)
            buf[k][i] = (int16_t)a->p.input_zp;
    }
    const tiny_cfn cfn = tiny_cfns[t.s - 1][(t.k + 1) / 2 - 1];
    for (int32_t j0 = 0; j0 < cols; j0 += TINY_COLS) {
        /* the last chunk ends at the last column (cols >= TINY_COLS): its
         * first columns, done already, are copied but not run */
        const int32_t at = j0 + TINY_COLS <= cols ? j0 : cols - TINY_COLS, k0 = j0 - at;
        const int8_t *x = a->input + at;
        int16_t *d = &buf[0][t.pad];
        for (int32_t y = 0; y < m; y++, x += row, d++) {
#pragma GCC unroll 8
            for (int32_t k = 0; k < TINY_COLS; k++)
                d[k * TINY_CS] = x[k];
        }
        const int32_t ch = j0 % c;
        if (cfn != NULL) {
            const tiny_cjob_t cj = {buf[k0], a->output + j0, TINY_COLS - k0, t.n, t.s, t.os,
                                    TINY_CS, ch, c, r};
            cfn(&cj);
        } else
            for (int32_t k = k0, h = ch; k < TINY_COLS; k++, h = h + 1 == c ? 0 : h + 1)
                tiny_run(fn, buf[k], a->output + at + k, t.n, t.s, t.os, &r[h]);
    }
}

/* One channel, columns of K taps read at every pixel across (stride 1
 * there, no padding, ow = iw >= 4), every window inside the input: a
 * row's pixels are adjacent bytes, so one word load is a tap's input for
 * four adjacent outputs (SXTB16 and its odd form, SMLAxB against the
 * tap's doubled weight), with no copy; taps in pairs (one weight word for
 * two rows). ((7,1) s2 9x34x1 valid: 88 instructions a pass of four
 * outputs; tiny_cols' copy and column calls cost twice that.) */
NNOM_INLINE void rows1_pass(const int8_t *x, int32_t iw, const int32_t *wp2, int32_t bias,
                            const nnom_tiny_rq_t *q, int8_t *out, const int K)
{
    int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias;
#pragma GCC unroll 8
    for (int32_t j = 0; j < K / 2; j++, x += 2 * iw) {
        const int32_t wp = wp2[j];
        const uint32_t u = nnom_read4(x), v = nnom_read4(x + iw);
        const int16x2_t ue = __sxtb16((int8x4_t)u), uo = nnom_sxtb16_odd(u);
        const int16x2_t ve = __sxtb16((int8x4_t)v), vo = nnom_sxtb16_odd(v);
        a0 = __smlabb(ue, wp, a0);
        a2 = __smlatb(ue, wp, a2);
        a1 = __smlabb(uo, wp, a1);
        a3 = __smlatb(uo, wp, a3);
        a0 = __smlabt(ve, wp, a0);
        a2 = __smlatt(ve, wp, a2);
        a1 = __smlabt(vo, wp, a1);
        a3 = __smlatt(vo, wp, a3);
    }
    if (K & 1) { /* the last tap, the pair's low half */
        const int32_t wt = wp2[K / 2];
        const uint32_t u = nnom_read4(x);
        const int16x2_t ue = __sxtb16((int8x4_t)u), uo = nnom_sxtb16_odd(u);
        a0 = __smlabb(ue, wt, a0);
        a2 = __smlatb(ue, wt, a2);
        a1 = __smlabb(uo, wt, a1);
        a3 = __smlatb(uo, wt, a3);
    }
    /* (the four results before the byte stores, which could alias q) */
    const int32_t mult = q->mult, ra = q->ra, e = q->e;
    const int32_t o0 = tiny_rq(a0, mult, ra, e), o1 = tiny_rq(a1, mult, ra, e);
    const int32_t o2 = tiny_rq(a2, mult, ra, e), o3 = tiny_rq(a3, mult, ra, e);
    out[0] = (int8_t)o0;
    out[1] = (int8_t)o1;
    out[2] = (int8_t)o2;
    out[3] = (int8_t)o3;
}

/* rows rows of ow outputs, the first row's windows from x, the next xstep
 * bytes on. A row's last pass ends at its end (overlapping the one before
 * where ow is not a multiple of four: a pass of the last two alone cost
 * more, GCC's loop then longer). Without GCC's first scheduling pass
 * (with it the pass's products spill, ~30 instructions more a pass). */
#if defined(__clang__) /* no such attribute: clang would warn */
#define ROWS1_NO_SCHED
#else
#define ROWS1_NO_SCHED __attribute__((optimize("no-schedule-insns")))
#endif
#define ROWS1_ROWS(K)                                                                          \
    static NNOM_NOINLINE ROWS1_NO_SCHED void rows1_rows##K(                                    \
        const int8_t *x, int32_t xstep, int32_t rows, int32_t ow, const tiny_ch_t *r,          \
        int8_t *out)                                                                           \
    {                                                                                          \
        for (; rows > 0; rows--, x += xstep, out += ow)                                        \
            for (int32_t ox = 0;; ox += 4) {                                                   \
                if (ox > ow - 4)                                                               \
                    ox = ow - 4;                                                               \
                rows1_pass(x + ox, ow, r->w, r->q.bias, &r->q, out + ox, K);                   \
                if (ox == ow - 4)                                                              \
                    break;                                                                     \
            }                                                                                  \
    }
ROWS1_ROWS(4)
ROWS1_ROWS(5)
ROWS1_ROWS(6)
ROWS1_ROWS(7)
ROWS1_ROWS(8)
ROWS1_ROWS(9)
ROWS1_ROWS(10)
typedef void (*rows1_fn)(const int8_t *, int32_t, int32_t, int32_t, const tiny_ch_t *, int8_t *);
static const rows1_fn rows1_fns[TINY_MAX_TAPS - 3] = {
    rows1_rows4, rows1_rows5, rows1_rows6, rows1_rows7, rows1_rows8, rows1_rows9,
    rows1_rows10};

/* rows1 on the layer, 1, where it takes it: one channel, columns of 4 to 10 taps,
 * stride 1 across, ow = iw >= 4, every window inside the input (three
 * taps cost less on nnom_dw_tiny3_s1's words shared by four outputs:
 * (3,1) s1 20x9x1 valid 3,152 there, 3,287 here) */
static NNOM_NOINLINE int rows1_try(const nnom_conv_args_t *a, const tiny_t *t,
                                   const tiny_ch_t *r)
{
    if (a->k.w != 1 || a->k.h < 2 || t->xl != 1 || a->out.w < 4 || a->out.w != a->in.w ||
        t->pad != 0 || (t->n - 1) * t->s + t->k > t->in || t->k < 4 || t->k > TINY_MAX_TAPS)
        return 0;
    rows1_fns[t->k - 4](a->input, t->s * t->xs, t->n, t->xs, r, a->output);
    return 1;
}

/* Three taps at stride 1, the windows inside their line but for at most
 * a padded entry at each end ('same'), outputs as far apart as inputs
 * (xs == os): every channel's and line's runs one call of nnom_dw3c1m_s8
 * straight on the input, no copy (8.5 instructions an output against
 * tiny_2_s1's ~10 and the copy's); a 'same' line's two border outputs
 * in nnom_dw3c1e_s8's call, one padded end's here. The test inline (a refusal costs the short lines a few
 * instructions, not a call). */
NNOM_INLINE int tiny_dw3c1_takes(const tiny_t *t)
{
    const int32_t before = t->pad, after = t->n + 2 - t->pad - t->in;
    return t->k == 3 && t->s == 1 && (uint32_t)(before | after) <= 1u && t->xs == t->os &&
           t->n - before - after >= 0;
}

/* The runs of m >= 1 outputs from output `from` of every channel and
 * line, one call of nnom_dw3c1m_s8 (a call a run cost ~17 instructions
 * more: (3,1) s1 12x2x3 valid 908 -> 845); SAME: nnom_dw3c1e_s8, the
 * border outputs too (tiny_dw3c1_ends' C on them cost ~20 instructions
 * an output more: (3,1) s1 20x3x2 same 1595 -> 1339). The job field by
 * field: zp only where read (its store and load cost the runs alone). */
NNOM_INLINE void tiny_dw3c1_call_xo(const nnom_conv_args_t *a, const int8_t *x, int8_t *o,
                                    const int32_t *rec, int32_t from, int32_t m, int32_t xs,
                                    int32_t lines, int32_t xl, int32_t ol, const int SAME)
{
    nnom_dw3c1m_job_t j;
    j.rec = rec;
    j.x = x;
    j.d0 = (int32_t)(o - x) + (from - 4) * xs;
    j.n = m;
    j.xs = xs;
    j.c = a->out.c;
    j.lines = lines;
    j.xstep = xl - (m + 2) * xs;
    j.dd = ol - xl;
    if (SAME) {
        j.zp = a->p.input_zp;
        nnom_dw3c1e_s8(&j);
    } else {
        nnom_dw3c1m_s8(&j);
    }
}
/* (a's buffers; the direct type's run passes the config's block and the
 * layer's buffers apart: the block's input and output are not the run's) */
NNOM_INLINE void tiny_dw3c1_call(const nnom_conv_args_t *a, const int32_t *rec, int32_t from,
                                 int32_t m, int32_t xs, int32_t lines, int32_t xl, int32_t ol,
                                 const int SAME)
{
    tiny_dw3c1_call_xo(a, a->input, a->output, rec, from, m, xs, lines, xl, ol, SAME);
}

NNOM_INLINE void tiny_dw3c1_runs(const nnom_conv_args_t *a, const tiny_t *t, const tiny_ch_t *r,
                                 int32_t from, int32_t m, const int SAME)
{
    tiny_dw3c1_call(a, r[0].w, from, m, t->xs, t->lines, t->xl, t->ol, SAME);
}

/* every window inside: the runs alone */
static NNOM_NOINLINE void tiny_dw3c1_in(const nnom_conv_args_t *a, const tiny_t *t,
                                        const tiny_ch_t *r)
{
    tiny_dw3c1_runs(a, t, r, 0, t->n, 0);
}

/* a 'same' line of three or more outputs: the runs and both borders */
static NNOM_NOINLINE void tiny_dw3c1_same(const nnom_conv_args_t *a, const tiny_t *t,
                                          const tiny_ch_t *r)
{
    tiny_dw3c1_runs(a, t, r, 1, t->n - 2, 1);
}

/* a padded entry at one end or both: the runs inside (RUN: some, m >= 1;
 * else a line of two outputs, the borders alone), then the border outputs
 * (the doubled weights, the padded tap's input the zero point) */
NNOM_INLINE void tiny_dw3c1_ends(const nnom_conv_args_t *a, const tiny_t *t, const tiny_ch_t *r,
                                 const int RUN)
{
    const int32_t before = t->pad, after = t->n + 2 - t->pad - t->in, xs = t->xs;
    const int32_t c = a->out.c, zp = a->p.input_zp, last = (t->n - 1) * xs;
    const int32_t m = t->n - before - after, far = (t->in - 2) * xs;
    const int8_t *x = a->input;
    int8_t *out = a->output;
    if (RUN)
        tiny_dw3c1_runs(a, t, r, before, m, 0);
    for (int32_t l = t->lines; l > 0; l--, x += t->xl, out += t->ol)
        for (int32_t ch = 0; ch < c; ch++) {
            const tiny_ch_t *q = &r[ch];
            const int8_t *xc = x + ch;
            const int32_t w0 = (int16_t)q->w[0], w1 = q->w[0] >> 16, w2 = (int16_t)q->w[1];
            if (before)
                out[ch] = (int8_t)tiny_rq(q->q.bias + zp * w0 + xc[0] * w1 + xc[xs] * w2,
                                          q->q.mult, q->q.ra, q->q.e);
            if (after)
                out[ch + last] =
                    (int8_t)tiny_rq(q->q.bias + xc[far] * w0 + xc[far + xs] * w1 + zp * w2,
                                    q->q.mult, q->q.ra, q->q.e);
        }
}
static NNOM_NOINLINE void tiny_dw3c1_run_ends(const nnom_conv_args_t *a, const tiny_t *t,
                                              const tiny_ch_t *r)
{
    tiny_dw3c1_ends(a, t, r, 1);
}
static NNOM_NOINLINE void tiny_dw3c1_two(const nnom_conv_args_t *a, const tiny_t *t,
                                         const tiny_ch_t *r)
{
    tiny_dw3c1_ends(a, t, r, 0);
}

int nnom_dw_tiny_holds(const nnom_conv_args_t *a)
{
    tiny_t t;
    /* the records' requantisation has no clamp and no s term (the rounding
     * of negative sums, nnom_local_dwgroup.h): ReLU at output zero point
     * -128 (no activation at another zero point needs the s term) */
    if (a->p.output_zp != -128 || a->p.act_min > -128 || a->p.act_max < 127 ||
        !tiny_of(a, &t, 1, 0))
        return 0;
    /* (tag 29's channels are tag 5's, after its head: their words reach
     * only the loops' arithmetic, as tag 5's) */
    if (a->records != NULL && (a->records[0] == NNOM_DWTINY5_TAG || a->records[0] == NNOM_DWTINY_TAG))
        return 1;
    tiny_ch_t own; /* (built again by the run: layers without the records only) */
    for (int32_t ch = 0; ch < a->out.c; ch++)
        if (!tiny_records(a, ch, t.k, &own))
            return 0;
    return 1;
}

/* (x0, x1) as halfwords: PKHBT (GCC wrote UXTH and ORR) */
NNOM_INLINE uint32_t tiny_pk(int32_t x0, int32_t x1)
{
    uint32_t v;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(v) : "r"(x0), "r"(x1));
    return v;
}
/* Two taps on one line (TINY_C_TWO: no padding before it, at most the
 * last output's second tap past it): each output's two input bytes
 * straight from the input, no int16 copy (tiny_pairs' copy and set-up
 * cost (2,1) s1 49x1x1 same ~260 of ~1,000). m outputs inside, then last
 * (0 or 1) against the zero point zp; C channels, stride S. */
/* ssat8(SMMLAR(SMLAD(v, w, bias), mult, ra) >> e) */
#define TINY_TWO_OUT(v) ((int8_t)tiny_rq(__smlad((int32_t)(v), w, bias), mult, ra, e))
NNOM_INLINE void tiny_two_ch(const int8_t *p, int8_t *o, int32_t m, int32_t last,
                             const tiny_ch_t *r, int32_t zp, const int32_t C, const int32_t S)
{
    const int32_t w = r->w[0], bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, e = r->q.e;
    /* (stride 1: the last pass's second tap is the next's first; every
     * byte read is one an output reads) */
    int32_t x0 = S == 1 ? p[0] : 0;
    if (S == 1) /* four a pass (the loop's steps a quarter each) */
        for (; m >= 4; m -= 4, o += 4 * C, p += 4 * C) {
            const int32_t x1 = p[C], x2 = p[2 * C], x3 = p[3 * C], x4 = p[4 * C];
            o[0] = TINY_TWO_OUT(tiny_pk(x0, x1));
            o[C] = TINY_TWO_OUT(tiny_pk(x1, x2));
            o[2 * C] = TINY_TWO_OUT(tiny_pk(x2, x3));
            o[3 * C] = TINY_TWO_OUT(tiny_pk(x3, x4));
            x0 = x4;
        }
    for (; m >= 2; m -= 2, o += 2 * C, p += 2 * S * C) {
        const int32_t a = S == 1 ? x0 : p[0], x1 = p[C];
        const int32_t y0 = S == 1 ? x1 : p[2 * C], y1 = p[(S + 1) * C];
        o[0] = TINY_TWO_OUT(tiny_pk(a, x1));
        o[C] = TINY_TWO_OUT(tiny_pk(y0, y1));
        x0 = y1;
    }
    if (m) {
        const int32_t x1 = p[C];
        o[0] = TINY_TWO_OUT(tiny_pk(S == 1 ? x0 : p[0], x1));
        o += C;
        p += S * C;
        x0 = x1;
    }
    if (last)
        o[0] = TINY_TWO_OUT(tiny_pk(S == 1 ? x0 : p[0], zp));
}
/* One strand of a plane at stride 1 whose input and output pixels lie X
 * bytes apart alike: one pointer o, each output's second tap at o[k] (k:
 * the input's distance past the output, and X; an output: a byte load,
 * PKHBT, SMLAD, the requantisation, a store and the pointer's step; four a
 * pass). m outputs inside, then last. */
static NNOM_NOINLINE void tiny_two_strand(int8_t *o, int32_t k, int32_t m, int32_t last,
                                          const tiny_ch_t *r, int32_t zp, int32_t X)
{
    const int32_t w = r->w[0], bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, e = r->q.e;
    int32_t x0 = o[k - X];
    const int8_t *end = o + (m & ~3) * X;
    if (o != end) {
        /* (in assembly: GCC kept x0 and two offsets on the stack, 37 a pass
         * of four; here 34) */
        int32_t t1;
        __asm__ volatile(
#define TINY_TWO_ASM(P, N)                                                                 \
    "ldrsb %[" N "], [%[o], %[k]]\n\t"                                                     \
    "pkhbt %[" P "], %[" P "], %[" N "], lsl #16\n\t"                                       \
    "smlad %[" P "], %[" P "], %[w], %[b]\n\t"                                              \
    "smmlar %[" P "], %[" P "], %[mu], %[ra]\n\t"                                           \
    "asr %[" P "], %[" P "], %[e]\n\t"                                                      \
    "ssat %[" P "], #8, %[" P "]\n\t"                                                       \
    "strb %[" P "], [%[o]]\n\t"                                                            \
    "add %[o], %[o], %[X]\n\t"
            "1:\n\t" TINY_TWO_ASM("x0", "t1") TINY_TWO_ASM("t1", "x0")
                TINY_TWO_ASM("x0", "t1") TINY_TWO_ASM("t1", "x0")
#undef TINY_TWO_ASM
            "cmp %[o], %[end]\n\t"
            "bne 1b"
            : [o] "+r"(o), [x0] "+r"(x0), [t1] "=&r"(t1)
            : [k] "r"(k), [w] "r"(w), [b] "r"(bias), [mu] "r"(mult), [ra] "r"(ra), [e] "r"(e),
              [X] "r"(X), [end] "r"(end)
            : "memory", "cc");
    }
    for (m &= 3; m > 0; m--, o += X) {
        const int32_t x1 = o[k];
        o[0] = TINY_TWO_OUT(tiny_pk(x0, x1));
        x0 = x1;
    }
    if (last)
        o[0] = TINY_TWO_OUT(tiny_pk(x0, zp));
}
/* 1 where a plane's two-tap lines run tiny_two_lines: long lines at stride
 * 1 whose input and output steps agree (a strand's set-up, ~60, made
 * shorter lines slower than tiny_chans' copy: (1,2) s1 16x16x3 same 9,891
 * -> 10,502, as the steps' loop at stride 2: (2,1) s2 24x24x3 same) */
#define TINY_TWO_LONG 40
NNOM_INLINE int tiny_two_strands(const tiny_t *t)
{
    return t->k == 2 && t->lines > 1 && t->s == 1 && t->xs == t->os && t->pad == 0 &&
           t->n >= TINY_TWO_LONG && t->n <= t->in;
}
/* The lines of a plane (tag 5's two-tap layers of several lines: the
 * columns of (2,1), the rows of (1,2)): every channel of every line on
 * tiny_two_strand (tiny_cols' and tiny_chans' int16 copies cost (2,1) s1
 * 49x3x1 same ~7 instructions a MAC) */
static NNOM_NOINLINE void tiny_two_lines(const nnom_conv_args_t *a, const tiny_t *t,
                                         const tiny_ch_t *r)
{
    const int32_t c = a->out.c, zp = a->p.input_zp, xs = t->xs;
    const int32_t last = t->n == t->in, m = t->n - last;
    const int8_t *x = a->input;
    int8_t *o = a->output;
    for (int32_t line = 0; line < t->lines; line++, x += t->xl, o += t->ol)
        for (int32_t ch = 0; ch < c; ch++)
            tiny_two_strand(o + ch, (int32_t)(x - o) + xs, m, last, &r[ch], zp, xs);
}
#undef TINY_TWO_OUT
/* 1 where t's line takes TINY_C_TWO (k 2, no padding before, every
 * output's first tap inside) */
NNOM_INLINE int tiny_two_takes(const tiny_t *t)
{
    return t->k == 2 && t->pad == 0 && (t->n - 1) * t->s + 1 <= t->in;
}
/* The layer run, 1, or 0 where it does not suit (KEPT: nnom_dw_tiny_holds
 * held on these arguments, no check made; else the checks inline, as
 * nnom_dw_tiny_holds's: a call of it and of the run cost the first run
 * ~45 instructions more) */
NNOM_INLINE int tiny_s8(const nnom_conv_args_t *a, const int KEPT)
{
    tiny_t t;
    const int32_t c = a->out.c;
    if (!KEPT && (a->p.output_zp != -128 || a->p.act_min > -128 || a->p.act_max < 127))
        return 0;
    if (!tiny_of(a, &t, 1, KEPT))
        return 0;
    /* the converter's records (nnom/ops/dwtiny_records.py: written only
     * where this kernel takes the layer), else built here */
    tiny_ch_t own[7];
    const tiny_ch_t *r = own;
    if (a->records != NULL && a->records[0] == NNOM_DWTINY5_TAG)
        r = (const tiny_ch_t *)(const void *)(a->records + 1);
    else
        for (int32_t ch = 0; ch < c; ch++)
            if (!tiny_records(a, ch, t.k, &own[ch]))
                return 0;
    if (c < 4 && tiny_dw3c1_takes(&t)) {
        if ((t.pad | (t.n + 2 - t.in)) == 0)
            tiny_dw3c1_in(a, &t, r);
        else if (t.n > 2 && t.pad == 1 && t.n == t.in)
            tiny_dw3c1_same(a, &t, r);
        else if (t.n > 2)
            tiny_dw3c1_run_ends(a, &t, r);
        else
            tiny_dw3c1_two(a, &t, r);
        return 1;
    }
    /* the loops by one table index: the pointer tests of a chain cost
     * the kept run ~20 instructions */
    const int32_t pairs = (t.k + 1) / 2, s2 = t.s - 1;
    const tiny_fn fn = tiny_fns[s2][pairs - 1];
    const tiny_mfn mfn = tiny_mfns[s2][pairs - 1];
    const int32_t entries = tiny_entries(&t);
    if (tiny_two_strands(&t)) /* (before it: tiny_of()'s rule) */
        tiny_two_lines(a, &t, r);
    else if (c <= 2 && t.xs == c) {
        /* a line's channels in one call (three to five pairs; one
         * channel: only nnom_dw_tiny4_s1m's passes of four pay its head) */
        if (mfn != NULL && (c == 2 || (pairs == 4 && s2 == 0)))
            tiny_pairs_m(a, &t, r, mfn, entries);
        else
            tiny_pairs(a, &t, r, fn, entries);
    } else if (c == 1 && rows1_try(a, &t, r)) /* one channel down columns, every pixel across */
        ;
    else if (a->k.h > 1 && t.xl == c && t.lines * c >= TINY_COLS) /* columns, every pixel across */
        tiny_cols(a, &t, r, fn, entries);
    else if (c >= 5 && c <= 6 && t.xs == c) /* five or six channels side by side */
        tiny_chans56(a, &t, r, fn, entries, mfn);
    else if (mfn != NULL && pairs >= 4) /* four or five pairs: channels a call */
        tiny_chans45(a, &t, r, entries, mfn);
    else if (pairs == 3) /* three pairs: channels a call */
        tiny_chans3(a, &t, r, entries, mfn);
    else
        tiny_chans(a, &t, r, fn, entries, 0);
    return 1;
}

int nnom_dw_tiny3_asks(const nnom_conv_args_t *a)
{
    tiny_t t;
    if (a->records == NULL || a->records[0] != NNOM_DWTINY5_TAG || a->out.c >= 4 ||
        !tiny_of(a, &t, 1, 0) || !tiny_dw3c1_takes(&t))
        return 0;
    return (t.pad | (t.n + 2 - t.in)) == 0 || (t.n > 2 && t.pad == 1 && t.n == t.in);
}

/* Tag 33's records: nnom_dw_tiny3_asks' layers (as tiny_s8 asks them:
 * nnom_dw_tiny_asks, nnom_dw_tiny_holds' requantisation form, tiny_of)
 * and every head word as nnom_dw_tiny3_run computes it. The channels'
 * words reach only SMLAD, SMMLAR, ASR by register and SSAT. */
int nnom_dw_tiny3r_asks(const nnom_conv_args_t *a)
{
    tiny_t t;
    const int32_t c = a->out.c;
    if (a->records == NULL || a->records[0] != NNOM_DW3C1_TAG || c >= 4 ||
        a->out.h * a->out.w == 1 || !nnom_dw_tiny_asks(a) || a->p.output_zp != -128 ||
        a->p.act_min > -128 || a->p.act_max < 127 || !tiny_of(a, &t, 1, 0) ||
        !tiny_dw3c1_takes(&t))
        return 0;
    const int32_t same = t.pad != 0, m = t.n - 2 * t.pad, one = t.lines == 1;
    const int32_t dd = t.ol - t.xl, byd = !same && !one && dd != 0; /* nnom_dw3c1rl_s8 */
    if (m < 1 || !((t.pad | (t.n + 2 - t.in)) == 0 || (t.n > 2 && t.pad == 1 && t.n == t.in)))
        return 0;
    const int32_t head[2 + NNOM_DW3C1_HEAD] = {
        NNOM_DW3C1_TAG,
        same | one << 1 | byd << 2,
        m,
        t.xs,
        c,
        byd ? (t.lines - 1) * dd : t.lines,
        (one ? 1 : t.xl) - (m + 2) * t.xs,
        dd,
        a->p.input_zp,
        (t.pad - 4) * t.xs};
    for (int32_t i = 1; i < 2 + NNOM_DW3C1_HEAD; i++)
        if (a->records[i] != head[i])
            return 0;
    return 1;
}

/* tiny_s8's course on them without tiny_t, the records' test and the
 * course's tests ((3,1) s1 16x2x3 valid: ~60 instructions a run) */
NNOM_INLINE void tiny3_run(const nnom_conv_args_t *a, const int8_t *x, int8_t *o)
{
    const int32_t c = a->out.c, along = a->k.h == 1; /* (tiny_of()'s two axes) */
    const int32_t xs = along ? c : a->in.w * c, n = along ? a->out.w : a->out.h;
    const int32_t pad = along ? a->p.pad_left : a->p.pad_top, m = n - 2 * pad;
    const int32_t xl = along ? a->p.stride_h * a->in.w * c : a->p.stride_w * c;
    const int32_t lines = along ? a->out.h : a->out.w, ol = along ? a->out.w * c : c;
    tiny_dw3c1_call_xo(a, x, o, a->records + 1, pad, m, xs, lines, xl, ol, pad != 0);
}
void nnom_dw_tiny3_run(const nnom_conv_args_t *a)
{
    tiny3_run(a, a->input, a->output);
}
/* (every field but the buffers and the clamp, which it does not read, is
 * the config's block's: build() compared them) */
nnom_status_t nnom_dw_tiny3_direct(const nnom_conv_args_t *block,
                                   const int8_t *input, int8_t *output)
{
    tiny3_run(block, input, output);
    return NN_SUCCESS;
}

int nnom_dw_tiny_s8(const nnom_conv_args_t *a)
{
    return tiny_s8(a, 0);
}

int nnom_dw_tiny_run(const nnom_conv_args_t *a)
{
    return tiny_s8(a, 1);
}

/* Tag 29's records (nnom/ops/dwtiny_records.py): the first word, then
 * TINY_HEAD_WORDS words (the course, the line's tiny_t, its entries), then the
 * channels' as tag 5's. One unpadded-or-padded line of 4+ taps whose
 * pixels lie next to each other, on the courses below. */
#define TINY_HEAD_WORDS 12
/* the head holds a tiny_t word for word between the course and the
 * entries: the asks compare it, the kept run reads it in place */
#define TINY_T_WORDS ((int32_t)(sizeof(tiny_t) / sizeof(int32_t)))
typedef char nnom_tiny_head_holds_tiny_t[TINY_HEAD_WORDS == 2 + TINY_T_WORDS ? 1 : -1];
enum { TINY_C_PAIRS_M, TINY_C_PAIRS, TINY_C_56, TINY_C_L3, TINY_C_L7, TINY_C_CHANS, TINY_C_TWO, TINY_C_ONE };

/* The head's entries, the word after its tiny_t: tiny_line56 reads it
 * through t and its loop function from t's k and s (four arguments, in
 * registers, where six put two on the stack: (1,5) s2 1x21x5 same -7;
 * on tiny_line3 the same cut gave +1, on tiny_line_pairs_m 0) */
NNOM_INLINE int32_t tiny_head_entries(const tiny_t *t)
{
    return ((const int32_t *)(const void *)t)[TINY_T_WORDS];
}

/* tiny_chans_m's course on one line of NC (three or seven) channels, a
 * call of mfn: no line loop, no switch (its set-up cost (5,1) s2 40x1x3
 * same ~45 of tiny_chans3's) */
NNOM_INLINE void tiny_line_m(const nnom_conv_args_t *a, const tiny_t *t, const tiny_ch_t *r,
                             int32_t entries, tiny_mfn mfn, int16_t *buf, const int32_t NC)
{
    const int32_t m = t->in < entries - t->pad ? t->in : entries - t->pad;
    tiny_fill(buf, t->pad, t->pad + m, entries, a->p.input_zp, NC);
    tiny_tcopy(a->input, NC, m, buf + t->pad, NC);
    const tiny_mjob_t j = {{buf, a->output, buf + (t->n & ~1) * t->s, t->os, r, t->n & 1}, r + NC};
    mfn(&j);
}
/* (the buffers of a constant size here: buf[NC][TINY_CS] in tiny_line_m
 * was a variable-length array to GCC, a frame pointer and the stack
 * moved at run time: (5,1) s2 30x1x3 same -12) */
static NNOM_NOINLINE void tiny_line3(const nnom_conv_args_t *a, const tiny_t *t,
                                     const tiny_ch_t *r, int32_t entries, tiny_mfn mfn)
{
    int16_t buf[3][TINY_CS] __attribute__((aligned(4)));
    /* the lines one entry on where pad is odd, so that the copy's first
     * entry is word-aligned: its word passes from the first pixel, none by
     * bytes (the loops' loads are single LDRs, which take any halfword;
     * entries + 1 <= TINY_CS with the fill's last word) */
    tiny_line_m(a, t, r, entries, mfn, (int16_t *)(void *)buf + (t->pad & 1), 3);
}
static NNOM_NOINLINE void tiny_line7(const nnom_conv_args_t *a, const tiny_t *t,
                                     const tiny_ch_t *r, int32_t entries, tiny_mfn mfn)
{
    int16_t buf[7][TINY_CS] __attribute__((aligned(4)));
    tiny_line_m(a, t, r, entries, mfn, buf[0], 7);
}

/* One channel's one short line (tag 29's course TINY_C_ONE: one channel
 * of at most TINY_SHORT1 pixels): the zero point's words over all its
 * entries, then the pixels over them (one word of four, then bytes), and
 * the loop called once (the PAIRS_M loop for four pairs at stride 1).
 * tiny_lines12's tests, fills and loops in tiny_pairs' line loop cost
 * (4,1) s1 6x1x1 same ~130 of 255; on longer lines its loops cost less.
 * (Two channels alike cost more than tiny_pairs: (5,1) s1 6x1x2 same 342
 * -> 358.) Its own direct type: the head read in place, no switch of the
 * courses and no copy of the arguments (the kept walk calls it too). */
#define TINY_SHORT1 8
/* four pixels' bytes as entries into d (any alignment): SXTB16 splits
 * them into (x0, x2), (x1, x3), PKHBT/PKHTB pair them in order */
NNOM_INLINE void tiny_put4(int16_t *d, uint32_t u)
{
    const uint32_t ev = (uint32_t)__sxtb16((int8x4_t)u), od = (uint32_t)nnom_sxtb16_odd(u);
    uint32_t lo, hi;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo) : "r"(ev), "r"(od));
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi) : "r"(od), "r"(ev));
    tiny_put2(d, lo);
    tiny_put2(d + 2, hi);
}
static NNOM_NOINLINE nnom_status_t tiny_line1_buf(const int32_t *h, int32_t zp, const int8_t *x,
                                                  int8_t *output)
{
    const tiny_t *t = (const tiny_t *)(const void *)(h + 1);
    const tiny_ch_t *r = (const tiny_ch_t *)(const void *)(h + TINY_HEAD_WORDS);
    const int32_t entries = h[11], pad = t->pad;
    int16_t line[TINY_CS] __attribute__((aligned(8)));
    const uint32_t z = (uint32_t)zp & 0xFFFFu, zz = z | z << 16;
    const uint64_t zz2 = zz | (uint64_t)zz << 32;
    /* 16 entries unrolled (STRDs: every line of six or seven outputs at
     * stride 1 and up to eight taps), the rest a word a pass */
    for (int32_t i = 0; i < 16; i += 4)
        memcpy(&line[i], &zz2, 8);
    for (int32_t i = 16; i < entries; i += 2)
        memcpy(&line[i], &zz, 4);
    const int32_t m = t->in < entries - pad ? t->in : entries - pad;
    int16_t *d = line + pad;
    if (m >= 4) { /* the first four pixels' word and the last four's (overlapping: m <= 8) */
        tiny_put4(d, nnom_read4(x));
        tiny_put4(d + m - 4, nnom_read4(x + m - 4));
    } else {
        for (int32_t i = 0; i < m; i++)
            d[i] = x[i];
    }
    const int32_t n = t->n, s = t->s, pairs = (t->k + 1) / 2;
    const tiny_mjob_t j = {{line, output, line + (n & ~1) * s, t->os, r, n & 1}, r + 1};
    if (pairs == 4 && s == 1)
        nnom_dw_tiny4_s1m(&j);
    else
        tiny_fns[s - 1][pairs - 1](&j.j);
    return NN_SUCCESS;
}
/* One channel's short line at stride 1 straight from the pixels' bytes
 * (tag 29's course TINY_C_ONE): the bytes with the zero point's bytes
 * around them in a word-aligned block of BYTES (a third of the int16
 * line's fill and a plain copy), then per output window word u at byte j,
 * SXTB16 gives (x_j, x_j+2) and its ror 8 (x_j+1, x_j+3): against the
 * weights regrouped as (w0, w2) and (w1, w3), four taps are one load, two
 * extends and two SMLADs. Outputs in pairs: output j + 1's first word is
 * output j's odd one, so each pair loads one word a four taps. Padded
 * taps read the zero point's bytes: the records' bias holds -2 zp sum(w)
 * over all k taps (tiny_line1's line buffer did the same). NA groups of
 * four taps (one or two), NB of them with their odd taps (k 5: the last
 * has none; the odd k's last pair's high weight is the records' 0), NP
 * pairs read. */
#define TINY_D1_BYTES 16
/* (w0, w2) and (w1, w3) of the pairs (w0, w1), (w2, w3): PKHBT, PKHTB
 * (GCC's masks and shifts cost three more a group) */
NNOM_INLINE uint32_t tiny_d1_a(uint32_t p0, uint32_t p1)
{
    uint32_t v;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(v) : "r"(p0), "r"(p1));
    return v;
}
NNOM_INLINE uint32_t tiny_d1_b(uint32_t p0, uint32_t p1)
{
    uint32_t v;
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(v) : "r"(p1), "r"(p0));
    return v;
}
NNOM_INLINE void tiny_d1_run(const tiny_ch_t *r, const int8_t *b, int8_t *o, int32_t n,
                             const int32_t NA, const int32_t NB, const int32_t NP)
{
    uint32_t wa[2], wb[2];
    int32_t ev[2], od[2];
#pragma GCC unroll 2
    for (int32_t g = 0; g < NA; g++) {
        const uint32_t p0 = (uint32_t)r->w[2 * g];
        /* (pairs past the k taps' NP: not set by tiny_records) */
        const uint32_t p1 = 2 * g + 1 < NP ? (uint32_t)r->w[2 * g + 1] : 0u;
        wa[g] = tiny_d1_a(p0, p1);
        wb[g] = tiny_d1_b(p0, p1);
        const uint32_t u = nnom_read4(b + 4 * g);
        ev[g] = (int32_t)__sxtb16((int8x4_t)u);
        od[g] = (int32_t)nnom_sxtb16_odd(u);
    }
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, e = r->q.e;
    int8_t *const pend = o + (n & ~1);
    for (; o != pend; o += 2, b += 2) {
        int32_t a0 = bias, a1 = bias;
#pragma GCC unroll 2
        for (int32_t g = 0; g < NA; g++) {
            const uint32_t u = nnom_read4(b + 2 + 4 * g);
            const int32_t ev2 = (int32_t)__sxtb16((int8x4_t)u), od2 = (int32_t)nnom_sxtb16_odd(u);
            a0 = __smlad((int16x2_t)ev[g], (int16x2_t)wa[g], a0);
            a1 = __smlad((int16x2_t)od[g], (int16x2_t)wa[g], a1);
            if (g < NB) {
                a0 = __smlad((int16x2_t)od[g], (int16x2_t)wb[g], a0);
                a1 = __smlad((int16x2_t)ev2, (int16x2_t)wb[g], a1);
            }
            ev[g] = ev2;
            od[g] = od2;
        }
        o[0] = (int8_t)tiny_rq(a0, mult, ra, e);
        o[1] = (int8_t)tiny_rq(a1, mult, ra, e);
    }
    if (n & 1) {
        int32_t a0 = bias;
#pragma GCC unroll 2
        for (int32_t g = 0; g < NA; g++) {
            a0 = __smlad((int16x2_t)ev[g], (int16x2_t)wa[g], a0);
            if (g < NB)
                a0 = __smlad((int16x2_t)od[g], (int16x2_t)wb[g], a0);
        }
        o[0] = (int8_t)tiny_rq(a0, mult, ra, e);
    }
}
/* 1 where the head's line suits tiny_direct1: four to eight taps (nine
 * and ten on three groups spilled: (10,1) s1 6x1x1 same 219 -> 250); the
 * block's bounds: reads bytes up to n + 7, writes up to pad + in - 1 */
NNOM_INLINE int tiny_direct1_takes(const tiny_t *t)
{
    return t->s == 1 && (uint32_t)(t->k - 4) <= 4u && (uint32_t)t->n <= TINY_SHORT1 &&
           (uint32_t)t->in <= TINY_SHORT1 && (uint32_t)t->pad <= TINY_SHORT1 && t->os == 1;
}
static NNOM_NOINLINE nnom_status_t tiny_direct1(const int32_t *h, int32_t zp, const int8_t *x,
                                                int8_t *output)
{
    const tiny_t *t = (const tiny_t *)(const void *)(h + 1);
    const tiny_ch_t *r = (const tiny_ch_t *)(const void *)(h + TINY_HEAD_WORDS);
    uint32_t blk[TINY_D1_BYTES / 4];
    const uint32_t zb = ((uint32_t)zp & 0xFFu) * 0x01010101u;
    for (int32_t i = 0; i < TINY_D1_BYTES / 4; i++)
        blk[i] = zb;
    int8_t *b = (int8_t *)(void *)blk;
    /* (in <= entries - pad on the asked heads: no clamp; the guard keeps
     * pad + in inside the block) */
    const int32_t pad = t->pad, m = t->in;
    if (m >= 4) { /* the first four pixels' word and the last four's (m <= TINY_SHORT1) */
        const uint32_t u0 = nnom_read4(x), u1 = nnom_read4(x + m - 4);
        memcpy(b + pad, &u0, 4);
        memcpy(b + pad + m - 4, &u1, 4);
    } else { /* (a loop here was a call of memcpy) */
        if (m > 0)
            b[pad] = x[0];
        if (m > 1)
            b[pad + 1] = x[1];
        if (m > 2)
            b[pad + 2] = x[2];
    }
    const int32_t n = t->n; /* (os 1: one channel's one line) */
    switch (t->k) {
    case 4: tiny_d1_run(r, b, output, n, 1, 1, 2); break;
    case 5: tiny_d1_run(r, b, output, n, 2, 1, 3); break;
    case 6: tiny_d1_run(r, b, output, n, 2, 2, 3); break;
    case 7:
    case 8: tiny_d1_run(r, b, output, n, 2, 2, 4); break;
    }
    return NN_SUCCESS;
}
/* the kept walk's: tiny_direct1 where it takes the line, else the buffer */
NNOM_INLINE nnom_status_t tiny_line1(const int32_t *h, int32_t zp, const int8_t *x, int8_t *output)
{
    if (tiny_direct1_takes((const tiny_t *)(const void *)(h + 1)))
        return tiny_direct1(h, zp, x, output);
    return tiny_line1_buf(h, zp, x, output);
}
/* (the courses' switch passes a and h alone: the buffers and the zero
 * point kept in registers across it cost every other course +2) */
static NNOM_NOINLINE void tiny_line1_of(const nnom_conv_args_t *a, const int32_t *h)
{
    tiny_line1(h, a->p.input_zp, a->input, a->output);
}
nnom_status_t nnom_dw_tiny1_direct(const nnom_conv_args_t *block, const int8_t *input,
                                   int8_t *output)
{
    return tiny_line1_buf(block->records + 1, block->p.input_zp, input, output);
}
/* the same where tiny_direct1 takes the line (nnom_dw_tiny1_course's 2:
 * the head's test at build, none a run) */
nnom_status_t nnom_dw_tiny1s_direct(const nnom_conv_args_t *block, const int8_t *input,
                                    int8_t *output)
{
    return tiny_direct1(block->records + 1, block->p.input_zp, input, output);
}

/* tiny_pairs_m and tiny_chans56 on the one line of a tag-29 layer: no
 * line loop (its set-up and registers cost (8,1) s1 13x1x2 valid and (1,5)
 * s2 1x21x6 same their bound) */
static NNOM_NOINLINE void tiny_line_pairs_m(const nnom_conv_args_t *a, const tiny_t *t,
                                            const tiny_ch_t *r, tiny_mfn mfn, int32_t entries)
{
    tiny_lines_t line __attribute__((aligned(4)));
    tiny_lines12(a->input, t, a->p.input_zp, line[0], line[1], entries);
    const tiny_mjob_t j = {{line[0], a->output, line[0] + (t->n & ~1) * t->s, t->os, r, t->n & 1},
                           r + a->out.c};
    mfn(&j);
}
static NNOM_NOINLINE void tiny_line56(const nnom_conv_args_t *a, const tiny_t *t,
                                      const tiny_ch_t *r, tiny_mfn mfn)
{
    const int32_t nc = a->out.c, entries = tiny_head_entries(t);
    const int32_t m = t->in < entries - t->pad ? t->in : entries - t->pad;
    int16_t buf[6][TINY_CS] __attribute__((aligned(4)));
    /* the fill of nc lines, not seven (two lines' stores a word of
     * padding less on five channels) */
    if (nc == 5) {
        tiny_fill(&buf[0][0], t->pad, t->pad + m, entries, a->p.input_zp, 5);
        tiny_tcopy56(a->input, m, &buf[0][t->pad], 5);
    } else {
        tiny_fill(&buf[0][0], t->pad, t->pad + m, entries, a->p.input_zp, 6);
        tiny_tcopy56(a->input, m, &buf[0][t->pad], 6);
    }
    if (mfn != NULL) {
        const tiny_mjob_t j = {
            {buf[0], a->output, buf[0] + (t->n & ~1) * t->s, t->os, r, t->n & 1}, r + nc};
        mfn(&j);
    } else {
        /* (in registers: read through t, every call reloaded them, +8 on
         * (4,1) s1 27x1x6 same against tiny_chans56) */
        int8_t *o = a->output;
        const int32_t n = t->n, s = t->s, os = t->os;
        const tiny_fn fn = tiny_fns[s - 1][(t->k + 1) / 2 - 1];
        for (int32_t k = 0; k < nc; k++)
            tiny_run(fn, buf[k], o + k, n, s, os, &r[k]);
    }
}

/* one function a (channels, stride): inlined into tiny_line_two, GCC's
 * set-up for all six ran on every channel ((2,1) s1 49x1x1 valid ~90) */
#define TINY_TWO_FN(C, S)                                                                  \
    static NNOM_NOINLINE void tiny_two_c##C##s##S(const int8_t *p, int8_t *o, int32_t m,   \
                                                  int32_t last, const tiny_ch_t *r,         \
                                                  int32_t zp)                               \
    {                                                                                      \
        for (int32_t ch = 0; ch < C; ch++) /* (C channels: a call a layer) */              \
            tiny_two_ch(p + ch, o + ch, m, last, &r[ch], zp, C, S);                        \
    }
TINY_TWO_FN(1, 1)
TINY_TWO_FN(1, 2)
TINY_TWO_FN(2, 1)
TINY_TWO_FN(2, 2)
TINY_TWO_FN(3, 1)
TINY_TWO_FN(3, 2)
#undef TINY_TWO_FN
typedef void (*tiny_two_fn)(const int8_t *, int8_t *, int32_t, int32_t, const tiny_ch_t *,
                            int32_t);
static const tiny_two_fn tiny_two_fns[6] = {tiny_two_c1s1, tiny_two_c1s2, tiny_two_c2s1,
                                            tiny_two_c2s2, tiny_two_c3s1, tiny_two_c3s2};
static NNOM_NOINLINE void tiny_line_two(const nnom_conv_args_t *a, const tiny_t *t,
                                        const tiny_ch_t *r)
{
    const int32_t c = a->out.c, n = t->n, zp = a->p.input_zp;
    const int32_t last = (n - 1) * t->s + 1 == t->in, m = n - last;
    const int8_t *x = a->input;
    int8_t *o = a->output;
    /* (channels, stride) as constants, the channels' loop inside; none
     * where the head's stride and the layer's channels name no function */
    const uint32_t i = (uint32_t)(c * 2 + t->s - 3);
    if (i < 6u)
        tiny_two_fns[i](x, o, m, last, r, zp);
}

int nnom_dw_tiny_tag_asks(const nnom_conv_args_t *a)
{
    tiny_t t;
    const int32_t c = a->out.c;
    /* the rule first (tag 5's layers: at least 13 words, the head's 12 in
     * bounds), then every head word against the layer's */
    if (a->records == NULL || a->records[0] != NNOM_DWTINY_TAG || a->k.h * a->k.w == 3 ||
        a->out.h * a->out.w == 1 || !nnom_dw_tiny_asks(a) || nnom_dw2_asks(a) ||
        !nnom_dw_tiny_holds(a) || !tiny_of(a, &t, 1, 0) || t.lines != 1 || t.xs != c)
        return 0;
    const int32_t pairs = (t.k + 1) / 2, s2 = t.s - 1;
    const int has_m = tiny_tag_mfns[s2][pairs - 1] != NULL;
    int32_t course = TINY_C_CHANS; /* tiny_s8()'s course for these layers */
    if (c <= 2)
        course = has_m && (c == 2 || (pairs == 4 && s2 == 0)) ? TINY_C_PAIRS_M : TINY_C_PAIRS;
    else if (c >= 5 && c <= 6)
        course = TINY_C_56;
    else if (has_m) /* (three or seven channels) */
        course = c == 3 ? TINY_C_L3 : TINY_C_L7;
    if (c == 1 && t.in <= TINY_SHORT1) /* (its own course: no test on the others') */
        course = TINY_C_ONE;
    if (tiny_two_takes(&t)) /* (one to three channels: tiny_of()) */
        course = TINY_C_TWO;
    const int32_t *h = a->records + 1, *g = (const int32_t *)(const void *)&t;
    uint32_t diff = (uint32_t)(h[0] ^ course) | (uint32_t)(h[11] ^ tiny_entries(&t));
    for (int32_t i = 0; i < TINY_T_WORDS; i++)
        diff |= (uint32_t)(h[1 + i] ^ g[i]);
    return diff == 0;
}

int nnom_dw_tiny1_course(const nnom_conv_args_t *a)
{
    if (a->records[1] != TINY_C_ONE)
        return 0;
    return tiny_direct1_takes((const tiny_t *)(const void *)(a->records + 2)) ? 2 : 1;
}

/* The kept run: the head's course, geometry and entries, no check (the
 * asks held at build) */
NNOM_INLINE void tiny_tag_run(const nnom_conv_args_t *a, const int32_t *h)
{
    const tiny_t *t = (const tiny_t *)(const void *)(h + 1);
    const tiny_ch_t *r = (const tiny_ch_t *)(const void *)(h + TINY_HEAD_WORDS);
    const int32_t pairs = (t->k + 1) / 2, s2 = t->s - 1, entries = h[11];
    const tiny_mfn mfn = tiny_tag_mfns[s2][pairs - 1];
    switch (h[0]) {
    case TINY_C_PAIRS_M: tiny_line_pairs_m(a, t, r, mfn, entries); break;
    case TINY_C_PAIRS: tiny_pairs(a, t, r, tiny_fns[s2][pairs - 1], entries); break;
    case TINY_C_ONE: tiny_line1_of(a, h); break;
    case TINY_C_56: tiny_line56(a, t, r, mfn); break;
    case TINY_C_L3: tiny_line3(a, t, r, entries, mfn); break;
    case TINY_C_L7: tiny_line7(a, t, r, entries, mfn); break;
    case TINY_C_TWO: tiny_line_two(a, t, r); break;
    default: tiny_chans(a, t, r, tiny_fns[s2][pairs - 1], entries, 0); break;
    }
}
void nnom_dw_tiny_tag_run(const nnom_conv_args_t *a)
{
    tiny_tag_run(a, a->records + 1);
}
/* The courses read four fields of the arguments (the buffers, input_zp,
 * out.c): those alone set, no copy of the config's block */
nnom_status_t nnom_dw_tiny_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output)
{
    nnom_conv_args_t s;
    s.input = input;
    s.output = output;
    s.p.input_zp = block->p.input_zp;
    s.out.c = block->out.c;
    tiny_tag_run(&s, block->records + 1);
    return NN_SUCCESS;
}

int nnom_dw_tiny_rest(const nnom_conv_args_t *a, int32_t from)
{
    tiny_t t;
    tiny_ch_t own[3];
    const int32_t c = a->out.c;
    if (from < 0 || c - from < 1 || c - from > 3 || a->p.output_zp != -128 ||
        a->p.act_min > -128 || a->p.act_max < 127 || !tiny_of(a, &t, 0, 0))
        return 0;
    for (int32_t ch = from; ch < c; ch++)
        if (!tiny_records(a, ch, t.k, &own[ch - from]))
            return 0;
    tiny_chans(a, &t, own, tiny_fns[t.s - 1][(t.k + 1) / 2 - 1], tiny_entries(&t), from);
    return 1;
}

#else
typedef int nnom_local_dw_tiny_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
