/*
 * nnom_local_pw1pxn_dsp.c - 1x1 convolutions of 2 to 64 pixels with 4 to
 * 16 inputs and at most 16 outputs from the converter's records
 * (nnom/ops/pw1px_records.py, PW1PXN_TAG), in assembly (-O2 on DSP cores,
 * both backends). On such layers (3x3 8->3, 6x1 10->4: 200-300 MACs; 8x8
 * 9->2) the windows kernel's loops paid ~30 instructions a pixel besides
 * the MACs plus ~100 of set-up: 2.7 to 4.7 instructions per MAC.
 *
 * Per pixel its input is widened into registers, then one pass over the
 * outputs (TBH, entered at out.c mod 16) reads each output's record in
 * order, as the one-pixel loop does (nnom_local_pw1px.h). 4 to 8 inputs:
 * the pixel's first word and the word ending at its last input, in r2-r5
 * (9 instructions an output); 9 to 12: words at 0, 4 and c - 4 in r2-r7
 * (12); 13 to 16: 0, 4, 8, c - 4 in r2-r9 (16). The records' weights are
 * zero where words overlap, so no byte outside the pixel is read and none
 * counts twice. The pixel loop's test is set before the pass (whose
 * instructions leave the flags alone): one branch after it.
 *
 * One output of 8 to 16 inputs: a loop over the pixels with the output's
 * record held in registers (a copy of it for each input count, so the
 * words' offsets are immediates), two pixels a turn: 17 to 28
 * instructions a pixel where the pass took 21 to 34 (8 inputs
 * word-aligned: 13, one LDRD).
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define PW1PXN_TAG 0x4E575031 /* pw1px_records.TAG_N */
#define PW1PXN_MAX_PIX 64     /* pw1px_records.MAX_PIX */

/* The records' header (in.c, out.c, input words) against the layer's:
 * 1x1 at stride 1, 2 to 64 pixels, 4 to 16 inputs, 1 to 16 outputs (one
 * pass a pixel). Once per compile (the kept pick). The scratch is the
 * local kernel's (8 pixels or more: the windows kernel's groups), unused
 * here: the converter's one plan serves the builds without this loop too. */
uint32_t nnom_local_pw1pxn_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const uint32_t c = (uint32_t)a->in.c, oc = (uint32_t)a->out.c;
    const uint32_t npix = (uint32_t)(a->out.h * a->out.w);
    const uint32_t words = c > 8u ? (c + 3u) / 4u : 2u;
    return nnom_pw_few_header_fits(a, PW1PXN_TAG, words) && c - 4u <= 12u && oc - 1u <= 15u &&
                   npix - 1u <= PW1PXN_MAX_PIX - 1u
               ? nnom_conv_col_scratch(a)
               : NNOM_UNSUITED;
}

/* One output of 9 to 12 inputs (r2-r7): its record by two LDMs, six
 * SMLADs, the requantisation, the byte. */
#define PW1PXN_ONE12(P, L)                                                                       \
    ".L" #P "_" #L ":\n"                                                                         \
    "ldm    r0!, {r8-r12, lr}\n"                                                                 \
    "smlad  r8, r2, r9, r8\n"                                                                    \
    "smlad  r8, r3, r10, r8\n"                                                                   \
    "smlad  r8, r4, r11, r8\n"                                                                   \
    "smlad  r8, r5, r12, r8\n"                                                                   \
    "smlad  r8, r6, lr, r8\n"                                                                    \
    "ldm    r0!, {r9-r12}\n"                                                                     \
    "smlad  r8, r7, r9, r8\n"                                                                    \
    "smmlar r8, r8, r10, r11\n"                                                                  \
    "asr    r8, r8, r12\n"                                                                       \
    "ssat   r8, #8, r8\n"                                                                        \
    "strb   r8, [r1], #1\n"

/* One output of 13 to 16 inputs (r2-r9): four LDMs, eight SMLADs. */
#define PW1PXN_ONE16(P, L)                                                                       \
    ".L" #P "_" #L ":\n"                                                                         \
    "ldm    r0!, {r10-r12, lr}\n"                                                                \
    "smlad  r10, r2, r11, r10\n"                                                                 \
    "smlad  r10, r3, r12, r10\n"                                                                 \
    "smlad  r10, r4, lr, r10\n"                                                                  \
    "ldm    r0!, {r11, r12, lr}\n"                                                               \
    "smlad  r10, r5, r11, r10\n"                                                                 \
    "smlad  r10, r6, r12, r10\n"                                                                 \
    "smlad  r10, r7, lr, r10\n"                                                                  \
    "ldm    r0!, {r11, r12, lr}\n"                                                               \
    "smlad  r10, r8, r11, r10\n"                                                                 \
    "smlad  r10, r9, r12, r10\n"                                                                 \
    "ldm    r0!, {r11, r12}\n"                                                                   \
    "smmlar r10, r10, lr, r11\n"                                                                 \
    "asr    r10, r10, r12\n"                                                                     \
    "ssat   r10, #8, r10\n"                                                                      \
    "strb   r10, [r1], #1\n"

/* A pixel's start: r0 the first record, r6 its input, r7 in.c, r8 the
 * next pixel's (stored), r11 out.c mod 16; Z set on the last pixel. */
#define PW1PXN_PIXEL                                                                             \
    "ldm    sp, {r0, r6, r7, r10, r11}\n"                                                        \
    "add    r8, r6, r7\n"                                                                        \
    "str    r8, [sp, #4]\n"                                                                      \
    "cmp    r8, r10\n"

/* 9 to 16 inputs: the pixel's words at 0 and 4, widened into r2-r5 */
#define PW1PXN_WORDS01                                                                           \
    "ldr    r2, [r6, #0]\n"                                                                      \
    "ldr    r4, [r6, #4]\n"                                                                      \
    "sxtb16 r3, r2, ror #8\n"                                                                    \
    "sxtb16 r2, r2\n"                                                                            \
    "sxtb16 r5, r4, ror #8\n"                                                                    \
    "sxtb16 r4, r4\n"

/* The one-output loops of 9 to 16 inputs (r2 input, r1 output, r0 sum,
 * r3 and r12 a word's halves, r4 the start value, r5... the weights). A
 * word at offset O, its pairs' weights E and D: */
#define PW1PXN_W(O, E, D)                                                                        \
    "ldr    r3, [r2, #" #O "]\n"                                                                 \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r0, r12, " E ", r0\n"                                                                \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r0, r3, " D ", r0\n"
/* the last word, read first: the sum starts at r4 */
#define PW1PXN_WLAST(O, E, D)                                                                    \
    "ldr    r3, [r2, #" #O "]\n"                                                                 \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r0, r12, " E ", r4\n"                                                                \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r0, r3, " D ", r0\n"
/* in.c = 4k + 1 and 4k + 2: the last word's inputs not read a word before
 * (its pairs' top halves) by bytes: the byte at B (4k) times D's top
 * half, and at 4k + 1 times the other's (3 and 5 where the word took 5) */
#define PW1PXN_WLAST1(B, D)                                                                      \
    "ldrsb  r3, [r2, #" #B "]\n"                                                                 \
    "smlabt r0, r3, " D ", r4\n"
#define PW1PXN_WLAST2(B, B1, E, D)                                                               \
    "ldrsb  r3, [r2, #" #B "]\n"                                                                 \
    "ldrsb  r12, [r2, #" #B1 "]\n"                                                               \
    "smlabt r0, r3, " E ", r4\n"                                                                 \
    "smlabt r0, r12, " D ", r0\n"
/* the first word, read last: on to the next pixel (in.c C) */
#define PW1PXN_W0(C)                                                                             \
    "ldr    r3, [r2], #" #C "\n"                                                                 \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r0, r12, r5, r0\n"                                                                   \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r0, r3, r6, r0\n"
/* The end of a pixel, by the record's length: 9 to 12 inputs (mult r11,
 * ra lr; [sp] shift, [sp, #4] the outputs' end: 8 bytes of stack); 13 to
 * 16 ([sp] mult, ra, shift, end: 16). Two pixels a turn: the first (A)
 * stored, the second (B) stored and the test; the sum stored, r0 is free:
 * the test leaves it 0 (NN_SUCCESS) on the last pixel, which returns. */
#define PW1PXN_STORE                                                                             \
    "asr    r0, r0, r3\n"                                                                        \
    "ssat   r0, #8, r0\n"                                                                        \
    "strb   r0, [r1], #1\n"
#define PW1PXN_TEST(L, STACK)                                                                    \
    "subs   r0, r1, r12\n"                                                                       \
    "bne    " L "\n"                                                                             \
    "add    sp, sp, #" #STACK "\n"                                                               \
    "pop    {r4-r11, pc}\n"
#define PW1PXN_END3A                                                                             \
    "smmlar r0, r0, r11, lr\n"                                                                   \
    "ldr    r3, [sp, #0]\n" PW1PXN_STORE
#define PW1PXN_END3B(L)                                                                          \
    "smmlar r0, r0, r11, lr\n"                                                                   \
    "ldrd   r3, r12, [sp, #0]\n" PW1PXN_STORE PW1PXN_TEST(L, 8)
#define PW1PXN_END4A                                                                             \
    "ldrd   r3, r12, [sp, #0]\n"                                                                 \
    "smmlar r0, r0, r3, r12\n"                                                                   \
    "ldr    r3, [sp, #8]\n" PW1PXN_STORE
#define PW1PXN_END4B(L)                                                                          \
    "ldrd   r3, r12, [sp, #0]\n"                                                                 \
    "smmlar r0, r0, r3, r12\n"                                                                   \
    "ldrd   r3, r12, [sp, #8]\n" PW1PXN_STORE PW1PXN_TEST(L, 16)
/* The pixel's MACs by in.c (the last word first, the first word last) */
#define PW1PXN_MAC9 PW1PXN_WLAST1(8, "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(9)
#define PW1PXN_MAC10 PW1PXN_WLAST2(8, 9, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(10)
#define PW1PXN_MAC11 PW1PXN_WLAST(7, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(11)
#define PW1PXN_MAC12 PW1PXN_WLAST(8, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(12)
#define PW1PXN_MAC13                                                                             \
    PW1PXN_WLAST1(12, "lr") PW1PXN_W(8, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(13)
#define PW1PXN_MAC14                                                                             \
    PW1PXN_WLAST2(12, 13, "r11", "lr") PW1PXN_W(8, "r9", "r10") PW1PXN_W(4, "r7", "r8")       \
    PW1PXN_W0(14)
#define PW1PXN_MAC15                                                                             \
    PW1PXN_WLAST(11, "r11", "lr") PW1PXN_W(8, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(15)
#define PW1PXN_MAC16                                                                             \
    PW1PXN_WLAST(12, "r11", "lr") PW1PXN_W(8, "r9", "r10") PW1PXN_W(4, "r7", "r8") PW1PXN_W0(16)
/* The unaligned 8-input loop (r0 input, r2 sum): its words */
#define PW1PXN_U(O, E, D, A)                                                                     \
    "ldr    r3, [r0, #" #O "]\n"                                                                 \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r2, r12, " E ", " A "\n"                                                             \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r2, r3, " D ", r2\n"
#define PW1PXN_U0(C)                                                                             \
    "ldr    r3, [r0], #" #C "\n"                                                                 \
    "sxtb16 r12, r3\n"                                                                           \
    "smlad  r2, r12, r5, r2\n"                                                                   \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r2, r3, r6, r2\n"
/* 8 inputs: two pixels a turn (entered at the second for an odd count),
 * no stack. A word-aligned input (every pixel then is: r2) reads its
 * pixel by one LDRD, the sum in r0 (no move from r2 at the start), its
 * first pair widened into r0: 13 a pixel, not 14. */
#define PW1PXN_PIX2D                                                                             \
    "ldrd   r3, r12, [r2], #8\n"                                                                 \
    "sxtb16 r0, r3\n"                                                                            \
    "smlad  r0, r0, r5, r4\n"                                                                    \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  r0, r3, r6, r0\n"                                                                    \
    "sxtb16 r3, r12\n"                                                                           \
    "smlad  r0, r3, r7, r0\n"                                                                    \
    "sxtb16 r12, r12, ror #8\n"                                                                  \
    "smlad  r0, r12, r8, r0\n"                                                                   \
    "smmlar r0, r0, r9, r10\n"                                                                   \
    "asr    r0, r0, r11\n"                                                                       \
    "ssat   r0, #8, r0\n"                                                                        \
    "strb   r0, [r1], #1\n"
#define PW1PXN_PIX2                                                                              \
    PW1PXN_U(4, "r7", "r8", "r4") PW1PXN_U0(8) "smmlar r2, r2, r9, r10\n"                           \
    "asr    r2, r2, r11\n"                                                                       \
    "ssat   r2, #8, r2\n"                                                                        \
    "strb   r2, [r1], #1\n"
/* Their starts (r0 the record, r2 the input, r5 the pixels): the start
 * value r4, weights r5-r8 (two words: the outputs' end in lr, r0 the
 * input), r5-r10 (three), r5-r11 and lr (four); the rest pushed as the
 * ends read them. */
#define PW1PXN_START2                                                                            \
    "tst    r5, #1\n"                                                                            \
    "add    lr, r1, r5\n"                                                                        \
    "ldm    r0, {r4-r11}\n"                                                                      \
    "mov    r0, r2\n"                                                                            \
    "bne    58f\n"
#define PW1PXN_START3                                                                            \
    "ldr    r3, [r0, #36]\n"                                                                     \
    "add    r12, r1, r5\n"                                                                       \
    "push   {r3, r12}\n"                                                                         \
    "ldm    r0, {r4-r11, lr}\n"
#define PW1PXN_START4                                                                            \
    "add    lr, r1, r5\n"                                                                        \
    "add    r3, r0, #36\n"                                                                       \
    "ldm    r3, {r3, r5, r12}\n"                                                                 \
    "push   {r3, r5, r12, lr}\n"                                                                 \
    "ldm    r0, {r4-r11, lr}\n"
/* One output of C inputs (labels K: 8K pw1pxn's own entry, pushed, r5
 * the pixels; 9K the odd count's start, 7K the even's, 6K a turn's first
 * pixel, 2K its second). The layer types' entries (nnom_conv2d.c: build()
 * checked the header against the layer, and picks by in.c and the pixels'
 * parity): the start straight, no table, no parity test; an odd count
 * enters at a turn's second pixel. */
#define PW1PXN_ONE(K, C, START, MAC, ENDA, ENDB)                                                 \
    NNOM_ASM_ENTRY("nnom_local_pw1pxn" #C "o_rec")                                               \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldrh   r5, [r0, #-2]\n"                                                                     \
    "9" #K ":\n" START "b      2" #K "f\n"                                                       \
    "8" #K ":\n"                                                                                 \
    "tst    r5, #1\n"                                                                            \
    "bne    9" #K "b\n"                                                                          \
    "b      7" #K "f\n" NNOM_ASM_ENTRY("nnom_local_pw1pxn" #C "e_rec")                           \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldrh   r5, [r0, #-2]\n"                                                                     \
    "7" #K ":\n" START "6" #K ":\n" MAC ENDA "2" #K ":\n" MAC ENDB("6" #K "b")
/* 9 inputs leave r9 free (the last word's even pair is not read): it
 * holds the shift in its low byte (LDRB: ASR reads Rs[7:0]) and, above
 * it, minus the turns left (times 256), so a turn's end is ADDS and BMI:
 * no stack, no outputs' end, no shift load. The shift's byte alone is
 * loaded: a record's top bits cannot change the count of turns. */
#define PW1PXN_END9A                                                                             \
    "smmlar r0, r0, r11, lr\n"                                                                   \
    "asr    r0, r0, r9\n"                                                                        \
    "ssat   r0, #8, r0\n"                                                                        \
    "strb   r0, [r1], #1\n"
#define PW1PXN_END9B                                                                             \
    PW1PXN_END9A "adds   r9, r9, #256\n"                                                         \
    "bmi    61b\n"                                                                               \
    "movs   r0, #0\n" /* NN_SUCCESS */                                                           \
    "pop    {r4-r11, pc}\n"
/* r12 the pixels: the record, then r9 = shift - 256 x the turns (an odd
 * count enters at a turn's second pixel: (r12 + 1) / 2 turns) */
#define PW1PXN_START9                                                                            \
    "ldm    r0, {r4-r11, lr}\n"                                                                  \
    "ldrb   r9, [r0, #36]\n"                                                                     \
    "sub    r9, r9, r12, lsl #7\n"
#define PW1PXN_ONE9                                                                              \
    NNOM_ASM_ENTRY("nnom_local_pw1pxn9o_rec")                                                    \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldrh   r12, [r0, #-2]\n"                                                                    \
    "91:\n" PW1PXN_START9 "sub    r9, r9, #128\n"                                                \
    "b      21f\n"                                                                               \
    "81:\n"                                                                                      \
    "mov    r12, r5\n"                                                                           \
    "tst    r5, #1\n"                                                                            \
    "bne    91b\n"                                                                               \
    "b      71f\n" NNOM_ASM_ENTRY("nnom_local_pw1pxn9e_rec")                                     \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldrh   r12, [r0, #-2]\n"                                                                    \
    "71:\n" PW1PXN_START9 "61:\n" PW1PXN_MAC9 PW1PXN_END9A "21:\n" PW1PXN_MAC9 PW1PXN_END9B
/* 8 inputs, one output on 2 to 4 pixels straight (a layer type a pixel
 * count): no pixel count, no loop test; the sum in lr so that r0 stays 0
 * (NN_SUCCESS) from the alignment test on. An unaligned input goes to the
 * two-LDR loop (PW1PXN_PIX2) with its end in lr. */
#define PW1PXN_PIXS                                                                              \
    "ldrd   r3, r12, [r2], #8\n"                                                                 \
    "sxtb16 lr, r3\n"                                                                            \
    "smlad  lr, lr, r5, r4\n"                                                                    \
    "sxtb16 r3, r3, ror #8\n"                                                                    \
    "smlad  lr, r3, r6, lr\n"                                                                    \
    "sxtb16 r3, r12\n"                                                                           \
    "smlad  lr, r3, r7, lr\n"                                                                    \
    "sxtb16 r12, r12, ror #8\n"                                                                  \
    "smlad  lr, r12, r8, lr\n"                                                                   \
    "smmlar lr, lr, r9, r10\n"                                                                   \
    "asr    lr, lr, r11\n"                                                                       \
    "ssat   lr, #8, lr\n"                                                                        \
    "strb   lr, [r1], #1\n"
/* N pixels' entry: the record, r0 = 0 if the input is word-aligned, else
 * to FALLBACK */
#define PW1PXN_S8(N, FALLBACK)                                                                   \
    NNOM_ASM_ENTRY("nnom_local_pw1pxn8s" #N "_rec")                                              \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldm    r0, {r4-r11}\n"                                                                      \
    "lsls   r0, r2, #30\n"                                                                       \
    "bne    " FALLBACK "\n"
/* the unaligned input of N pixels: into the two-LDR loop at LOOP */
#define PW1PXN_S8U(L, N, LOOP)                                                                   \
    L ":\n"                                                                                      \
    "add    lr, r1, #" #N "\n"                                                                   \
    "mov    r0, r2\n"                                                                            \
    "b      " LOOP "\n"
#define PW1PXN_ENTRY1(L) ".hword (" L " - 51b) / 2\n"

/* nnom_local_pw1pxn(ctx r0, args r1): the table's run function, the
 * arguments into the records run's registers; nnom_local_pw1pxn_rec
 * (records r0, output r1, input r2): the records run (in.c, out.c and
 * the pixels from the header). Stack of the pass (the one-output loops
 * take their own): [0] the first record, [4] this pixel's input, [8]
 * in.c, [12] the inputs' end, [16] out.c mod 16. */
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn")
        "ldr    r0, [r1, #108]\n"
        "ldr    r2, [r1, #80]\n"
        "ldr    r1, [r1, #104]\n"
        NNOM_ASM_ENTRY("nnom_local_pw1pxn_rec")
        "push   {r4-r11, lr}\n"
        "ldrh   r5, [r0, #-2]\n"
        "ldrd   r3, r4, [r0, #-12]\n"
        "cmp    r4, #1\n"
        "bne    10f\n"
        "subs   r6, r3, #8\n"
        "bhs    50f\n"
        "10:\n"
        "sub    sp, sp, #20\n"
        "mla    r6, r5, r3, r2\n"
        "and    r4, r4, #15\n"
        "strd   r0, r2, [sp, #0]\n"
        "strd   r3, r6, [sp, #8]\n"
        "str    r4, [sp, #16]\n"
        "cmp    r3, #8\n"
        "bgt    30f\n"
        "20:\n" /* 4 to 8 inputs: words [0, 4) and [c - 4, c) */
        PW1PXN_PIXEL
        "ldr    r2, [r6, #0]\n"
        "ldr    r5, [r8, #-4]\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r4, r5\n"
        "sxtb16 r5, r5, ror #8\n"
        PW1PX_PASS(pw1pxn, PW1PX_ONE)
        "bne    20b\n"
        "b      59f\n"
        "30:\n"
        "cmp    r3, #12\n"
        "bgt    40f\n"
        "31:\n" /* 9 to 12 inputs: words at 0, 4 and c - 4 */
        PW1PXN_PIXEL
        PW1PXN_WORDS01
        "ldr    r6, [r8, #-4]\n"
        "sxtb16 r7, r6, ror #8\n"
        "sxtb16 r6, r6\n"
        PW1PX_PASS(pw1pxn12, PW1PXN_ONE12)
        "bne    31b\n"
        "b      59f\n"
        "40:\n" /* 13 to 16 inputs: words at 0, 4, 8 and c - 4 */
        PW1PXN_PIXEL
        PW1PXN_WORDS01
        "ldr    r6, [r6, #8]\n"
        "ldr    r8, [r8, #-4]\n"
        "sxtb16 r7, r6, ror #8\n"
        "sxtb16 r6, r6\n"
        "sxtb16 r9, r8, ror #8\n"
        "sxtb16 r8, r8\n"
        PW1PX_PASS(pw1pxn16, PW1PXN_ONE16)
        "bne    40b\n"
        "b      59f\n"
        "50:\n" /* one output of 8 to 16 inputs (r6 = c - 8) */
        "tbh    [pc, r6, lsl #1]\n"
        "51:\n"
        PW1PXN_ENTRY1("80f") PW1PXN_ENTRY1("81f") PW1PXN_ENTRY1("82f")
        PW1PXN_ENTRY1("83f") PW1PXN_ENTRY1("84f") PW1PXN_ENTRY1("85f")
        PW1PXN_ENTRY1("86f") PW1PXN_ENTRY1("87f") PW1PXN_ENTRY1("88f")
        "80:\n"
        "lsls   r3, r2, #30\n"
        "bne    79f\n" /* not word-aligned: the pixel by two LDRs */
        "tst    r5, #1\n"
        "add    lr, r1, r5\n"
        "ldm    r0, {r4-r11}\n"
        "bne    57f\n"
        "b      56f\n"
        /* The layer types' entries (nnom_conv2d.c: build() checked the
         * header against the layer): one output of 8 inputs on an odd and
         * on an even count of pixels, no header tests, no parity test. */
        NNOM_ASM_ENTRY("nnom_local_pw1pxn8o_rec")
        "push   {r4-r11, lr}\n"
        "ldrh   r5, [r0, #-2]\n"
        "lsls   r3, r2, #30\n"
        "bne    79f\n"
        "add    lr, r1, r5\n"
        "ldm    r0, {r4-r11}\n"
        "b      57f\n"
        NNOM_ASM_ENTRY("nnom_local_pw1pxn8e_rec")
        "push   {r4-r11, lr}\n"
        "ldrh   r5, [r0, #-2]\n"
        "lsls   r3, r2, #30\n"
        "bne    79f\n"
        "add    lr, r1, r5\n"
        "ldm    r0, {r4-r11}\n"
        "56:\n"
        PW1PXN_PIX2D
        "57:\n"
        PW1PXN_PIX2D
        "subs   r0, r1, lr\n" /* 0 (NN_SUCCESS) on the last pixel */
        "bne    56b\n"
        "pop    {r4-r11, pc}\n"
        "79:\n" PW1PXN_START2 "60:\n"
        PW1PXN_PIX2
        "58:\n"
        PW1PXN_PIX2
        "cmp    r1, lr\n"
        "bne    60b\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        PW1PXN_ONE9
        PW1PXN_ONE(2, 10, PW1PXN_START3, PW1PXN_MAC10, PW1PXN_END3A, PW1PXN_END3B)
        PW1PXN_ONE(3, 11, PW1PXN_START3, PW1PXN_MAC11, PW1PXN_END3A, PW1PXN_END3B)
        PW1PXN_ONE(4, 12, PW1PXN_START3, PW1PXN_MAC12, PW1PXN_END3A, PW1PXN_END3B)
        PW1PXN_ONE(5, 13, PW1PXN_START4, PW1PXN_MAC13, PW1PXN_END4A, PW1PXN_END4B)
        PW1PXN_ONE(6, 14, PW1PXN_START4, PW1PXN_MAC14, PW1PXN_END4A, PW1PXN_END4B)
        PW1PXN_ONE(7, 15, PW1PXN_START4, PW1PXN_MAC15, PW1PXN_END4A, PW1PXN_END4B)
        PW1PXN_ONE(8, 16, PW1PXN_START4, PW1PXN_MAC16, PW1PXN_END4A, PW1PXN_END4B)
        /* one output of 8 inputs on 2 to 4 pixels straight (one pixel of
         * 8 inputs is the one-pixel loop's): three pixels fall through,
         * the others branch in */
        PW1PXN_S8(4, "44f") PW1PXN_PIXS
        "b      43f\n"
        PW1PXN_S8(2, "42f")
        "b      41f\n"
        PW1PXN_S8(3, "46f")
        "43:\n" PW1PXN_PIXS "41:\n" PW1PXN_PIXS PW1PXN_PIXS
        "pop    {r4-r11, pc}\n"
        PW1PXN_S8U("44", 4, "60b") PW1PXN_S8U("42", 2, "60b") PW1PXN_S8U("46", 3, "58b")
        "59:\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "add    sp, sp, #20\n"
        "pop    {r4-r11, pc}\n"
        /* The layer type of 4 to 8 inputs (but one output of 8: its own
         * types): the pass's frame, then on to its pixel loop, no header
         * tests (build() checked the header against the layer) */
        NNOM_ASM_ENTRY("nnom_local_pw1pxn48_rec")
        "push   {r4-r11, lr}\n"
        "ldrh   r5, [r0, #-2]\n"
        "ldrd   r3, r4, [r0, #-12]\n"
        "sub    sp, sp, #20\n"
        "mla    r6, r5, r3, r2\n"
        "and    r4, r4, #15\n"
        "strd   r0, r2, [sp, #0]\n"
        "strd   r3, r6, [sp, #8]\n"
        "str    r4, [sp, #16]\n"
        "b      20b\n"
        ".size nnom_local_pw1pxn, .-nnom_local_pw1pxn\n"
        ".size nnom_local_pw1pxn48_rec, .-nnom_local_pw1pxn48_rec\n"
        ".size nnom_local_pw1pxn_rec, .-nnom_local_pw1pxn_rec\n"
        ".size nnom_local_pw1pxn9o_rec, .-nnom_local_pw1pxn9o_rec\n"
        ".size nnom_local_pw1pxn9e_rec, .-nnom_local_pw1pxn9e_rec\n"
        ".size nnom_local_pw1pxn10o_rec, .-nnom_local_pw1pxn10o_rec\n"
        ".size nnom_local_pw1pxn10e_rec, .-nnom_local_pw1pxn10e_rec\n"
        ".size nnom_local_pw1pxn11o_rec, .-nnom_local_pw1pxn11o_rec\n"
        ".size nnom_local_pw1pxn11e_rec, .-nnom_local_pw1pxn11e_rec\n"
        ".size nnom_local_pw1pxn12o_rec, .-nnom_local_pw1pxn12o_rec\n"
        ".size nnom_local_pw1pxn12e_rec, .-nnom_local_pw1pxn12e_rec\n"
        ".size nnom_local_pw1pxn13o_rec, .-nnom_local_pw1pxn13o_rec\n"
        ".size nnom_local_pw1pxn13e_rec, .-nnom_local_pw1pxn13e_rec\n"
        ".size nnom_local_pw1pxn14o_rec, .-nnom_local_pw1pxn14o_rec\n"
        ".size nnom_local_pw1pxn14e_rec, .-nnom_local_pw1pxn14e_rec\n"
        ".size nnom_local_pw1pxn15o_rec, .-nnom_local_pw1pxn15o_rec\n"
        ".size nnom_local_pw1pxn15e_rec, .-nnom_local_pw1pxn15e_rec\n"
        ".size nnom_local_pw1pxn16o_rec, .-nnom_local_pw1pxn16o_rec\n"
        ".size nnom_local_pw1pxn16e_rec, .-nnom_local_pw1pxn16e_rec\n"
        ".size nnom_local_pw1pxn8o_rec, .-nnom_local_pw1pxn8o_rec\n"
        ".size nnom_local_pw1pxn8e_rec, .-nnom_local_pw1pxn8e_rec\n"
        ".size nnom_local_pw1pxn8s2_rec, .-nnom_local_pw1pxn8s2_rec\n"
        ".size nnom_local_pw1pxn8s3_rec, .-nnom_local_pw1pxn8s3_rec\n"
        ".size nnom_local_pw1pxn8s4_rec, .-nnom_local_pw1pxn8s4_rec\n"
        ".text\n");

/* One pixel of 9 to 12 / 13 to 16 inputs and 2 to 16 outputs, entered
 * past the header's tests (build() picks them: the kept pick's check held
 * the header to the layer): no stack, no pixel loop; the words at 0, 4
 * (and 8) and c - 4 widened into r2-r7 (r2-r9), then one pass over the
 * outputs (TBH at out.c mod 16). 13 + 12 (16) an output where the pixel
 * loop's set-up and exit took ~35. */
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn12p_rec")
        "push   {r4-r11, lr}\n"
        "ldrd   r3, r11, [r0, #-12]\n" /* c, out.c */
        "add    r8, r2, r3\n"
        "and    r11, r11, #15\n"
        "ldr    r6, [r8, #-4]\n"
        "ldr    r4, [r2, #4]\n"
        "ldr    r2, [r2, #0]\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r5, r4, ror #8\n"
        "sxtb16 r4, r4\n"
        "sxtb16 r7, r6, ror #8\n"
        "sxtb16 r6, r6\n"
        PW1PX_PASS(pw1pxn12p, PW1PXN_ONE12)
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1pxn12p_rec, .-nnom_local_pw1pxn12p_rec\n"
        ".text\n");
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn16p_rec")
        "push   {r4-r11, lr}\n"
        "ldrd   r3, r11, [r0, #-12]\n" /* c, out.c */
        "add    r8, r2, r3\n"
        "and    r11, r11, #15\n"
        "ldr    r8, [r8, #-4]\n"
        "ldr    r6, [r2, #8]\n"
        "ldr    r4, [r2, #4]\n"
        "ldr    r2, [r2, #0]\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r5, r4, ror #8\n"
        "sxtb16 r4, r4\n"
        "sxtb16 r7, r6, ror #8\n"
        "sxtb16 r6, r6\n"
        "sxtb16 r9, r8, ror #8\n"
        "sxtb16 r8, r8\n"
        PW1PX_PASS(pw1pxn16p, PW1PXN_ONE16)
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1pxn16p_rec, .-nnom_local_pw1pxn16p_rec\n"
        ".text\n");

/* One output of 9 to 16 inputs on ONE pixel straight, a layer type an
 * in.c (build() past the kept pick's header check): the record in r3 (the
 * start value) and r4-r11 by one LDM, the words at 0, 4 (and 8) and c - 4
 * (an immediate: the entry's own, read first), no stack, no pixel loop
 * (1x1 16->1 53: the odd-count loop's frame, its stores and test). A word
 * at K against the pair E, D into r3; r12, lr scratch: */
#define PW1PXN_1W(K, E, D)                                                                       \
    "ldr    r12, [r2, #" #K "]\n"                                                                \
    "sxtb16 lr, r12\n"                                                                           \
    "smlad  r3, lr, " E ", r3\n"                                                                 \
    "sxtb16 r12, r12, ror #8\n"                                                                  \
    "smlad  r3, r12, " D ", r3\n"
/* The requantisation (r0 at the record's mult, ra, shift) and the byte */
#define PW1PXN_1END                                                                              \
    "ldm    r0, {r0, r2, r12}\n"                                                                 \
    "smmlar r3, r3, r0, r2\n"                                                                    \
    "asr    r3, r3, r12\n"                                                                       \
    "ssat   r3, #8, r3\n"                                                                        \
    "strb   r3, [r1]\n"                                                                          \
    "movs   r0, #0\n" /* NN_SUCCESS */                                                           \
    "pop    {r4-r11, pc}\n"
/* in.c C: its last word (at C - 4) first */
#define PW1PXN_1S12(C)                                                                           \
    NNOM_ASM_ENTRY("nnom_local_pw1pxn" #C "s1_rec")                                              \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldm    r0!, {r3-r9}\n" PW1PXN_1W(C - 4, "r8", "r9")
#define PW1PXN_1S16(C)                                                                           \
    NNOM_ASM_ENTRY("nnom_local_pw1pxn" #C "s1_rec")                                              \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldm    r0!, {r3-r11}\n" PW1PXN_1W(C - 4, "r10", "r11")
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn9s1_rec")
        "push   {r4-r11, lr}\n"
        "ldm    r0!, {r3-r9}\n" PW1PXN_1W(5, "r8", "r9")
        "b      1f\n"
        PW1PXN_1S12(10) "b      1f\n"
        PW1PXN_1S12(11) "b      1f\n"
        PW1PXN_1S12(12)
        "1:\n" PW1PXN_1W(0, "r4", "r5") PW1PXN_1W(4, "r6", "r7") PW1PXN_1END
        PW1PXN_1S16(13) "b      2f\n"
        PW1PXN_1S16(14) "b      2f\n"
        PW1PXN_1S16(15) "b      2f\n"
        PW1PXN_1S16(16)
        "2:\n" PW1PXN_1W(0, "r4", "r5") PW1PXN_1W(4, "r6", "r7") PW1PXN_1W(8, "r8", "r9")
        PW1PXN_1END
        ".size nnom_local_pw1pxn9s1_rec, .-nnom_local_pw1pxn9s1_rec\n"
        ".text\n");

/* One output of 9 to 12 inputs on TWO pixels straight, a function an
 * in.c C (build() past the header check): the record in r3-r12 by one LDM
 * (the start value, six weights, mult, ra, shift), the words of both
 * pixels at immediates (0, 4, C - 4 and C more), the sum in r0 with r1
 * and lr scratch: the output pointer is pushed and read back for each
 * byte (2x1 12->1 65: the even-count loop's stack and test). A word at K
 * against E, D into r0 from A: */
#define PW1PXN_2W(K, E, D, A)                                                                    \
    "ldr    lr, [r2, #" #K "]\n"                                                                 \
    "sxtb16 r1, lr\n"                                                                            \
    "smlad  r0, r1, " E ", " A "\n"                                                              \
    "sxtb16 lr, lr, ror #8\n"                                                                    \
    "smlad  r0, lr, " D ", r0\n"
/* the pixel at B (0 or C) and its byte at O */
#define PW1PXN_2PIX(B, C, O)                                                                     \
    PW1PXN_2W(B, "r4", "r5", "r3") PW1PXN_2W(B + 4, "r6", "r7", "r0")                           \
    PW1PXN_2W(B + C - 4, "r8", "r9", "r0")                                                       \
    "smmlar r0, r0, r10, r11\n"                                                                  \
    "asr    r0, r0, r12\n"                                                                       \
    "ssat   r0, #8, r0\n"                                                                        \
    "ldr    r1, [sp]\n"                                                                          \
    "strb   r0, [r1, #" #O "]\n"
#define PW1PXN_2S(C)                                                                             \
    __asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn" #C "s2_rec")                                       \
            "push   {r1, r4-r11, lr}\n"                                                          \
            "ldm    r0, {r3-r12}\n" PW1PXN_2PIX(0, C, 0) PW1PXN_2PIX(C, C, 1)                   \
            "movs   r0, #0\n" /* NN_SUCCESS */                                                   \
            "pop    {r1, r4-r11, pc}\n"                                                          \
            ".size nnom_local_pw1pxn" #C "s2_rec, .-nnom_local_pw1pxn" #C "s2_rec\n"              \
            ".text\n")
PW1PXN_2S(9);
PW1PXN_2S(10);
PW1PXN_2S(11);
PW1PXN_2S(12);

/* 4 to 8 inputs on TWO pixels (build() past the header check): the
 * pass's frame and pixel loop not paid, the pass twice straight. The
 * pixel's words at its start and ending at its end widened into r2-r5;
 * pushed for the second: the records, the second pixel's end, out.c mod
 * 16 (TBH) and its start (2x1 8->2 89). */
#define PW1PXN_48S2_PIXEL(START, END)                                                            \
    "ldr    r5, [" END ", #-4]\n"                                                                \
    "ldr    r2, [" START "]\n"                                                                   \
    "sxtb16 r3, r2, ror #8\n"                                                                    \
    "sxtb16 r2, r2\n"                                                                            \
    "sxtb16 r4, r5\n"                                                                            \
    "sxtb16 r5, r5, ror #8\n"
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn48s2_rec")
        "push   {r4-r11, lr}\n"
        "ldrd   r3, r11, [r0, #-12]\n" /* c, out.c */
        "add    r12, r2, r3\n"
        "add    r3, r12, r3\n"
        "and    r11, r11, #15\n"
        "push   {r0, r3, r11, r12}\n"
        PW1PXN_48S2_PIXEL("r2", "r12")
        PW1PX_PASS(pw1pxn48s2a, PW1PX_ONE)
        "pop    {r0, r3, r11, r12}\n"
        PW1PXN_48S2_PIXEL("r12", "r3")
        PW1PX_PASS(pw1pxn48s2b, PW1PX_ONE)
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1pxn48s2_rec, .-nnom_local_pw1pxn48s2_rec\n"
        ".text\n");

#else
typedef int nnom_pw1pxn_unused_t; /* ISO C: a translation unit is never empty */
#endif
