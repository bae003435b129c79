/*
 * nnom_local_pwfo_dsp.c - 1x1 convolutions of 2 to 16 pixels with 17 to
 * PWFO_MAX_CIN inputs and one to three outputs (to eight of 33 or more
 * inputs, past the windows kernel's 32), or of one pixel
 * (one or three outputs: the one-pixel runs at the end), from the converter's
 * records (nnom/ops/pw1px_records.py, PWFO_TAG), in assembly (-O2 on DSP
 * cores). The Dense loop over the pixels (one output) and the windows
 * kernel (two) paid 2.6-3.6 instructions per MAC there (1x3 70->1,
 * 2x2 50->2); the one-pixel loop widens each pixel's input on the stack,
 * which only four or more outputs repay.
 *
 * A loop over the outputs for two pixels at a time (then the last, if
 * their count is odd): each input word widened as it is read (11
 * instructions per 8 MACs, 6 per 4 for the last pixel), against the
 * records' weights, widened and doubled (SMMLAR's form) at conversion.
 * A pixel's first word is read at 0, the others from t = c - 4 (W - 1) on
 * (W words), so the last ends at its last input: the records weigh zero
 * the inputs read twice, no byte outside the pixel is read, and a pass
 * ends at the next pixel. The words after the first run in a loop of
 * eight entered at their count mod 8. Up to 8 of them (17 to 36 inputs)
 * the short passes read them at immediate offsets from pointers that stay
 * put (no loop test, no moving back): ~8 fewer instructions a pass.
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define PWFO_TAG 0x4F465750 /* pw1px_records.TAG_F */
#define PWFO_MIN_CIN 17     /* pw1px_records.FO_MIN_CIN */
#define PWFO_MAX_CIN 256    /* pw1px_records.FO_MAX_CIN */
#define PWFO_MAX_OC 8       /* pw1px_records.FO_WIDE_COUT */
#define PWFO_MAX_PIX 16     /* pw1px_records.FO_MAX_PIX */

/* The records' header (tag, in.c, out.c, W words) against the layer's:
 * 1x1 at stride 1 (in and out the same size), 1 to 16 pixels. Once per
 * compile (the kept pick). The scratch is the local kernel's, unused
 * here, as the few-pixel loop's (one plan for the builds without it). */
uint32_t nnom_local_pwfo_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const uint32_t c = (uint32_t)a->in.c, oc = (uint32_t)a->out.c;
    const uint32_t npix = (uint32_t)(a->out.h * a->out.w);
    return nnom_pw_few_header_fits(a, PWFO_TAG, (c + 3u) / 4u) &&
                   c - PWFO_MIN_CIN <= PWFO_MAX_CIN - PWFO_MIN_CIN && oc - 1u <= PWFO_MAX_OC - 1u &&
                   npix - 1u <= PWFO_MAX_PIX - 1u
               ? nnom_conv_col_scratch(a)
               : NNOM_UNSUITED;
}

#define PWFO_PAIR NNOM_PW_WORD2 /* one word of both pixels (r0, r1) */
/* One word of one pixel (r0) */
#define PWFO_ONE                                                                                 \
    "ldrd   r8, r9, [r12], #8\n"                                                                 \
    "ldr    r10, [r0], #4\n"                                                                     \
    NNOM_PW_MAC1("r10", "r4")
/* The same words at immediate offsets K from r0 / r1, which stay put
 * (the short passes: at most 8 words after the first) */
#define PWFO_PAIRK(K)                                                                            \
    "ldrd   r8, r9, [r12], #8\n"                                                                 \
    "ldr    r10, [r0, #" #K "]\n"                                                                \
    "ldr    r11, [r1, #" #K "]\n"                                                                \
    NNOM_PW_MACS2
#define PWFO_ONEK(K)                                                                             \
    "ldrd   r8, r9, [r12], #8\n"                                                                 \
    "ldr    r10, [r0, #" #K "]\n"                                                                \
    NNOM_PW_MAC1("r10", "r4")
#define PWFO_PAIRK8                                                                              \
    PWFO_PAIRK(0) PWFO_PAIRK(4) PWFO_PAIRK(8) PWFO_PAIRK(12) PWFO_PAIRK(16) PWFO_PAIRK(20)       \
    PWFO_PAIRK(24) PWFO_PAIRK(28)
#define PWFO_ONEK8                                                                               \
    PWFO_ONEK(0) PWFO_ONEK(4) PWFO_ONEK(8) PWFO_ONEK(12) PWFO_ONEK(16) PWFO_ONEK(20)             \
    PWFO_ONEK(24) PWFO_ONEK(28)
/* Both pixels' sums r4, r5 requantised by the record's mult, ra, e (r12,
 * advanced) and stored: the second pixel's byte out.c (r6) past the first */
#define PWFO_RQ2                                                                                 \
    "ldm    r12!, {r10, r11, lr}\n"                                                              \
    "smmlar r4, r4, r10, r11\n"                                                                  \
    "smmlar r5, r5, r10, r11\n"                                                                  \
    "asr    r4, r4, lr\n"                                                                        \
    "asr    r5, r5, lr\n"                                                                        \
    "ssat   r4, #8, r4\n"                                                                        \
    "ssat   r5, #8, r5\n"                                                                        \
    "strb   r5, [r2, r6]\n"                                                                      \
    "strb   r4, [r2], #1\n"
#define PWFO_PAIR8 PWFO_PAIR PWFO_PAIR PWFO_PAIR PWFO_PAIR PWFO_PAIR PWFO_PAIR PWFO_PAIR PWFO_PAIR
#define PWFO_ONE8 PWFO_ONE PWFO_ONE PWFO_ONE PWFO_ONE PWFO_ONE PWFO_ONE PWFO_ONE PWFO_ONE

/* nnom_local_pwfo(ctx r0, args r1): the table's run function, the
 * arguments into the records run's registers; nnom_local_pwfo_rec
 * (records r0, output r1, input r2): the records run, its job (in.c,
 * out.c, W and the pixels from the header) worked out here, where C took
 * ~48 instructions. Stack: [0] t = c - 4 (W - 1), the first word's step;
 * [4] the two pixels' entry (Thumb bit set), [8] the other words'
 * weights, 8 (W - 1) bytes, [12] the last pixel's entry, [16] c, [20] the
 * records' end, [24] the pairs' outputs' end, [28] the first record, [32]
 * the outputs' end. The loops: r0 / r1 the pixels, r2 the outputs, r6
 * out.c, r12 the records, r3 the end of an output's weights, r4 / r5 the
 * sums. A record: the start value, the first word's pair, the other
 * words' pairs, mult, ra, e. */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo")
        "ldr    r0, [r1, #108]\n"
        "ldr    r2, [r1, #80]\n"
        "ldr    r1, [r1, #104]\n"
        "ldrh   r3, [r0, #-2]\n" /* the pixels: one (the builds without */
        "cmp    r3, #1\n"        /* records types) to the one-pixel loop */
        "beq    nnom_local_pwfo1px_rec\n"
        NNOM_ASM_ENTRY("nnom_local_pwfo_rec")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #36\n"
        "ldrd   r4, r6, [r0, #-12]\n" /* c, out.c */
        "ldrh   r3, [r0, #-4]\n"      /* W */
        "ldrh   r5, [r0, #-2]\n"      /* the pixels */
        "sub    r3, r3, #1\n"
        "cmp    r3, #8\n"
        "bls    50f\n"
        "sub    r8, r4, r3, lsl #2\n"
        "lsl    r10, r3, #3\n"
        "rsb    r11, r3, #0\n"
        "and    r11, r11, #7\n" /* the words not run of the loop's eight */
        "adr    r9, .Lpwfo_run2 + 1\n"
        "mov    lr, #44\n" /* a pair word's code: eleven 32-bit instructions */
        "mla    r9, r11, lr, r9\n"
        "adr    r12, .Lpwfo_run1 + 1\n"
        "add    r11, r11, r11, lsl #1\n" /* 24 bytes a word of one pixel */
        "add    r11, r12, r11, lsl #3\n"
        "stm    sp, {r8-r11}\n"
        "add    lr, r10, #24\n"
        "mla    lr, r6, lr, r0\n"
        "strd   r4, lr, [sp, #16]\n"
        "mla    r12, r5, r6, r1\n"
        "bic    r5, r5, #1\n"
        "mla    r3, r5, r6, r1\n"
        "strd   r3, r0, [sp, #24]\n"
        "str    r12, [sp, #32]\n"
        "mov    r0, r2\n"
        "mov    r2, r1\n"
        "cmp    r2, r3\n"
        "beq    30f\n"
        "10:\n" /* two pixels: every output */
        "ldr    r12, [sp, #28]\n"
        "ldr    r8, [sp, #16]\n"
        "add    r1, r0, r8\n"
        "11:\n"
        "ldr    r4, [r12], #4\n"
        "ldrd   r8, r9, [r12], #8\n"
        "ldr    r10, [r0]\n"
        "ldr    r11, [r1]\n"
        "mov    r5, r4\n"
        NNOM_PW_MACS2
        "ldm    sp, {r8, r9, r10}\n"
        "add    r0, r0, r8\n"
        "add    r1, r1, r8\n"
        "add    r3, r12, r10\n"
        "bx     r9\n"
        ".p2align 2\n"
        ".Lpwfo_run2:\n"
        PWFO_PAIR8
        ".if . - .Lpwfo_run2 != 8 * 44\n"
        ".error \"pwfo: a pair word's code is not 44 bytes\"\n"
        ".endif\n"
        "cmp    r12, r3\n"
        "bne    .Lpwfo_run2\n"
        PWFO_RQ2
        "ldrd   r8, r9, [sp, #16]\n"
        "sub    r0, r0, r8\n"
        "sub    r1, r1, r8\n"
        "cmp    r12, r9\n"
        "bne    11b\n"
        "add    r2, r2, r6\n" /* past the second pixel's outputs */
        "add    r0, r0, r8, lsl #1\n"
        "ldr    r3, [sp, #24]\n"
        "cmp    r2, r3\n"
        "bne    10b\n"
        "30:\n" /* the last pixel, if their count is odd */
        "ldr    r3, [sp, #32]\n"
        "cmp    r2, r3\n"
        "beq    40f\n"
        "ldr    r12, [sp, #28]\n"
        "21:\n"
        "ldr    r4, [r12], #4\n"
        "ldrd   r8, r9, [r12], #8\n"
        "ldr    r10, [r0]\n"
        NNOM_PW_MAC1("r10", "r4")
        "ldm    sp, {r8, r9, r10, r11}\n"
        "add    r0, r0, r8\n"
        "add    r3, r12, r10\n"
        "bx     r11\n"
        ".p2align 2\n"
        ".Lpwfo_run1:\n"
        PWFO_ONE8
        ".if . - .Lpwfo_run1 != 8 * 24\n"
        ".error \"pwfo: a word's code is not 24 bytes\"\n"
        ".endif\n"
        "cmp    r12, r3\n"
        "bne    .Lpwfo_run1\n"
        "ldm    r12!, {r10, r11, lr}\n"
        "smmlar r4, r4, r10, r11\n"
        "asr    r4, r4, lr\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r2], #1\n"
        "ldrd   r8, r9, [sp, #16]\n"
        "sub    r0, r0, r8\n"
        "cmp    r12, r9\n"
        "bne    21b\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "add    sp, sp, #36\n"
        "pop    {r4-r11, pc}\n"
        "50:\n" /* at most 8 words after the first (c <= 36): the short passes */
        "rsb    r11, r3, #0\n"
        "and    r11, r11, #7\n"
        "sub    r8, r4, r3, lsl #2\n"
        "rsb    r7, r8, r11, lsl #2\n" /* 4 s - t: the first word from r0 */
        "adr    r9, .Lpwfo_short2 + 1\n"
        "mov    lr, #44\n"
        "mla    r9, r11, lr, r9\n"
        "adr    r12, .Lpwfo_short1 + 1\n"
        "add    r11, r11, r11, lsl #1\n"
        "add    r11, r12, r11, lsl #3\n"
        "strd   r9, r11, [sp, #0]\n"
        "add    lr, r3, #3\n"
        "lsl    lr, lr, #3\n"
        "mla    r3, r6, lr, r0\n" /* the records' end */
        "mla    r12, r5, r6, r1\n"
        "bic    r5, r5, #1\n"
        "mla    r10, r5, r6, r1\n"
        "lsl    r8, r4, #1\n"
        "strd   r8, r10, [sp, #8]\n"
        "strd   r0, r12, [sp, #16]\n"
        "sub    r0, r2, r7\n"
        "mov    r2, r1\n"
        "add    r1, r0, r4\n"
        "51:\n" /* two pixels (there are two or more): every output */
        "ldr    r12, [sp, #16]\n"
        "52:\n"
        "ldr    r4, [r12], #4\n"
        "ldrd   r8, r9, [r12], #8\n"
        "ldr    r10, [r0, r7]\n"
        "ldr    r11, [r1, r7]\n"
        "mov    r5, r4\n"
        NNOM_PW_MACS2
        "ldr    r9, [sp, #0]\n"
        "bx     r9\n"
        ".p2align 2\n"
        ".Lpwfo_short2:\n"
        PWFO_PAIRK8
        ".if . - .Lpwfo_short2 != 8 * 44\n"
        ".error \"pwfo: a pair word's code is not 44 bytes\"\n"
        ".endif\n"
        PWFO_RQ2
        "cmp    r12, r3\n"
        "bne    52b\n"
        "add    r2, r2, r6\n" /* past the second pixel's outputs */
        "ldrd   r8, r9, [sp, #8]\n"
        "add    r0, r0, r8\n"
        "add    r1, r1, r8\n"
        "cmp    r2, r9\n"
        "bne    51b\n"
        "ldr    r9, [sp, #20]\n" /* the last pixel, if their count is odd */
        "cmp    r2, r9\n"
        "beq    40f\n"
        "ldr    r12, [sp, #16]\n"
        "53:\n"
        "ldr    r4, [r12], #4\n"
        "ldrd   r8, r9, [r12], #8\n"
        "ldr    r10, [r0, r7]\n"
        NNOM_PW_MAC1("r10", "r4")
        "ldr    r11, [sp, #4]\n"
        "bx     r11\n"
        ".p2align 2\n"
        ".Lpwfo_short1:\n"
        PWFO_ONEK8
        ".if . - .Lpwfo_short1 != 8 * 24\n"
        ".error \"pwfo: a word's code is not 24 bytes\"\n"
        ".endif\n"
        "ldm    r12!, {r10, r11, lr}\n"
        "smmlar r4, r4, r10, r11\n"
        "asr    r4, r4, lr\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r2], #1\n"
        "cmp    r12, r3\n"
        "bne    53b\n"
        "40:\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "add    sp, sp, #36\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pwfo, .-nnom_local_pwfo\n"
        ".size nnom_local_pwfo_rec, .-nnom_local_pwfo_rec\n"
        ".text\n");

/* nnom_local_pwfo1px_rec (records r0, output r1, input r2): ONE pixel of
 * 25 to 256 inputs and one output (build() picks it past the kept pick's
 * header check; the table's run below goes here on one pixel too), the
 * one-pixel loop's (pw1px) stack copy of the input and chunks of 8 not
 * paid: the first word, then the other W - 1 from t = c - 4 (W - 1) by
 * the loop of eight entered at their count mod 8 (PWFO_ONE: 6 a word),
 * then the requantisation. Outputs in turn (the records' order), so it is
 * right for two or three too, though there each word is widened again.
 * r12 the records, r0 the input words, r7 the input at t, r5 8 (W - 1),
 * r11 the loop's entry, r6 the outputs' end. */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo1px_rec")
        "push   {r4-r11, lr}\n"
        "ldrd   r4, r6, [r0, #-12]\n" /* c, out.c */
        "ldrh   r3, [r0, #-4]\n"      /* W */
        "mov    r12, r0\n"
        "sub    r3, r3, #1\n"
        "sub    r7, r4, r3, lsl #2\n"
        "add    r7, r2, r7\n"
        "rsb    r11, r3, #0\n"
        "and    r11, r11, #7\n" /* the words not run of the loop's eight */
        "adr    r9, .Lpwfo1px_run + 1\n"
        "add    r11, r11, r11, lsl #1\n" /* 24 bytes a word */
        "add    r11, r9, r11, lsl #3\n"
        "lsl    r5, r3, #3\n"
        "add    r6, r1, r6\n"
        "10:\n"
        "ldr    r4, [r12], #4\n"
        "ldrd   r8, r9, [r12], #8\n"
        "ldr    r10, [r2]\n"
        NNOM_PW_MAC1("r10", "r4")
        "mov    r0, r7\n"
        "add    r3, r12, r5\n"
        "bx     r11\n"
        ".p2align 2\n"
        ".Lpwfo1px_run:\n"
        PWFO_ONE8
        ".if . - .Lpwfo1px_run != 8 * 24\n"
        ".error \"pwfo1px: a word's code is not 24 bytes\"\n"
        ".endif\n"
        "cmp    r12, r3\n"
        "bne    .Lpwfo1px_run\n"
        "ldm    r12!, {r8, r9, r10}\n"
        "smmlar r4, r4, r8, r9\n"
        "asr    r4, r4, r10\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1], #1\n"
        "cmp    r1, r6\n"
        "bne    10b\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pwfo1px_rec, .-nnom_local_pwfo1px_rec\n"
        ".text\n");

/* One input word r2 of the one pixel against the next pairs of the three
 * records (r7, r8, r9, advanced) into r4, r5, r6; r3, r10, r11 scratch */
#define PWFO3PX_WORD                                                                             \
    "sxtb16 r3, r2\n"                                                                            \
    "sxtb16 r2, r2, ror #8\n"                                                                    \
    "ldrd   r10, r11, [r7], #8\n"                                                                \
    "smlad  r4, r3, r10, r4\n"                                                                   \
    "smlad  r4, r2, r11, r4\n"                                                                   \
    "ldrd   r10, r11, [r8], #8\n"                                                                \
    "smlad  r5, r3, r10, r5\n"                                                                   \
    "smlad  r5, r2, r11, r5\n"                                                                   \
    "ldrd   r10, r11, [r9], #8\n"                                                                \
    "smlad  r6, r3, r10, r6\n"                                                                   \
    "smlad  r6, r2, r11, r6\n"
/* The sum ACC requantised by the record's end at P and stored */
#define PWFO3PX_RQ(ACC, P)                                                                       \
    "ldm    " P ", {r2, r3, lr}\n"                                                               \
    "smmlar " ACC ", " ACC ", r2, r3\n"                                                          \
    "asr    " ACC ", " ACC ", lr\n"                                                              \
    "ssat   " ACC ", #8, " ACC "\n"                                                              \
    "strb   " ACC ", [r1], #1\n"

/* nnom_local_pwfo3px_rec (records r0, output r1, input r2): ONE pixel of
 * 17 to 256 inputs and THREE outputs (build() picks it past the kept
 * pick's header check): each input word read and widened once for the
 * three (the records in turn, 8 W + 16 bytes apart: three pointers), 14
 * instructions a word where the outputs in turn take 18 and the one-pixel
 * loop (pw1px) ~16 and its stack copy. Word 0, then W - 1 from t = c -
 * 4 (W - 1) to the input's end (r12). */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo3px_rec")
        "push   {r4-r11, lr}\n"
        "ldr    r4, [r0, #-12]\n" /* c */
        "ldrh   r3, [r0, #-4]\n"  /* W */
        "mov    r7, r0\n"
        "add    r12, r2, r4\n"
        "sub    r3, r3, #1\n"
        "sub    r0, r12, r3, lsl #2\n"
        "add    r8, r7, r3, lsl #3\n"
        "add    r8, r8, #24\n" /* 8 (W - 1) + 24: a record's bytes */
        "rsb    r9, r7, r8, lsl #1\n"
        "ldr    r4, [r7], #4\n"
        "ldr    r5, [r8], #4\n"
        "ldr    r6, [r9], #4\n"
        "ldr    r2, [r2]\n" PWFO3PX_WORD
        "1:\n"
        "ldr    r2, [r0], #4\n" PWFO3PX_WORD
        "cmp    r0, r12\n"
        "bne    1b\n"
        PWFO3PX_RQ("r4", "r7") PWFO3PX_RQ("r5", "r8") PWFO3PX_RQ("r6", "r9")
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pwfo3px_rec, .-nnom_local_pwfo3px_rec\n"
        ".text\n");

/* One input word r2 of the one pixel against the next pairs of the two
 * records (r7, r8, advanced) into r4, r5; r3, r10, r11 scratch */
#define PWFO2PX_WORD                                                                             \
    "sxtb16 r3, r2\n"                                                                            \
    "sxtb16 r2, r2, ror #8\n"                                                                    \
    "ldrd   r10, r11, [r7], #8\n"                                                                \
    "smlad  r4, r3, r10, r4\n"                                                                   \
    "smlad  r4, r2, r11, r4\n"                                                                   \
    "ldrd   r10, r11, [r8], #8\n"                                                                \
    "smlad  r5, r3, r10, r5\n"                                                                   \
    "smlad  r5, r2, r11, r5\n"

/* nnom_local_pwfo2px_rec (records r0, output r1, input r2): ONE pixel of
 * 17 to 256 inputs and TWO outputs (build() picks it past the kept pick's
 * header check), pwfo3px with two record pointers: 11 instructions a word
 * where the one-pixel loop (pw1px) paid its stack copy and chunks of 8
 * (1x1 17->2 139). */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo2px_rec")
        "push   {r4-r11, lr}\n"
        "ldr    r4, [r0, #-12]\n" /* c */
        "ldrh   r3, [r0, #-4]\n"  /* W */
        "mov    r7, r0\n"
        "add    r12, r2, r4\n"
        "sub    r3, r3, #1\n"
        "sub    r0, r12, r3, lsl #2\n"
        "add    r8, r7, r3, lsl #3\n"
        "add    r8, r8, #24\n" /* 8 (W - 1) + 24: a record's bytes */
        "ldr    r4, [r7], #4\n"
        "ldr    r5, [r8], #4\n"
        "ldr    r2, [r2]\n" PWFO2PX_WORD
        "1:\n"
        "ldr    r2, [r0], #4\n" PWFO2PX_WORD
        "cmp    r0, r12\n"
        "bne    1b\n"
        PWFO3PX_RQ("r4", "r7") PWFO3PX_RQ("r5", "r8")
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pwfo2px_rec, .-nnom_local_pwfo2px_rec\n"
        ".text\n");

/* The word r2 against the record's next pair (r0, advanced) into r4 */
#define PWFO1O_MAC                                                                               \
    "sxtb16 r12, r2\n"                                                                           \
    "sxtb16 r2, r2, ror #8\n"                                                                    \
    "smlad  r4, r12, r5, r4\n"                                                                   \
    "smlad  r4, r2, r6, r4\n"
/* The word K bytes before the pixel's end (r3) */
#define PWFO1O_WORD(K)                                                                           \
    "ldrd   r5, r6, [r0], #8\n"                                                                  \
    "ldr    r2, [r3, #-" #K "]\n"                                                                \
    PWFO1O_MAC
/* The frame, the sum's start and the first word; r3 the pixel's end */
#define PWFO1O_START                                                                             \
    "push   {r4-r6, lr}\n"                                                                       \
    "ldr    r3, [r0, #-12]\n"                                                                    \
    "add    r3, r2, r3\n"                                                                        \
    "ldr    r4, [r0], #4\n"                                                                      \
    "ldrd   r5, r6, [r0], #8\n"                                                                  \
    "ldr    r2, [r2]\n"                                                                          \
    PWFO1O_MAC
/* Another W's entry: into the straight run at its first word, K bytes back */
#define PWFO1O_ENTRY(NAME, K)                                                                    \
    NNOM_ASM_ENTRY(NAME)                                                                         \
    PWFO1O_START                                                                                 \
    "b      .Lpwfo1o_" #K "\n"

/* nnom_local_pwfo1o<W>_rec (records r0, output r1, input r2): ONE pixel,
 * ONE output of 25 to 64 inputs (W = 7 to 16 words), a layer type a W
 * (build() past the kept pick's header check, which ties W to in.c):
 * pwfo1px's run without its set-up, the computed entry and the loop
 * tests (1x1 32->1 92): the first word, then the other W - 1 at fixed
 * offsets back from the pixel's end (c - 4 (W - 1) >= 1: inside it),
 * straight, then the requantisation. */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo1o16_rec")
        PWFO1O_START
        ".Lpwfo1o_60:\n" PWFO1O_WORD(60)
        ".Lpwfo1o_56:\n" PWFO1O_WORD(56)
        ".Lpwfo1o_52:\n" PWFO1O_WORD(52)
        ".Lpwfo1o_48:\n" PWFO1O_WORD(48)
        ".Lpwfo1o_44:\n" PWFO1O_WORD(44)
        ".Lpwfo1o_40:\n" PWFO1O_WORD(40)
        ".Lpwfo1o_36:\n" PWFO1O_WORD(36)
        ".Lpwfo1o_32:\n" PWFO1O_WORD(32)
        ".Lpwfo1o_28:\n" PWFO1O_WORD(28)
        ".Lpwfo1o_24:\n" PWFO1O_WORD(24)
        PWFO1O_WORD(20) PWFO1O_WORD(16) PWFO1O_WORD(12) PWFO1O_WORD(8) PWFO1O_WORD(4)
        "ldm    r0, {r2, r5, r6}\n"
        "smmlar r4, r4, r2, r5\n"
        "asr    r4, r4, r6\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1]\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r6, pc}\n"
        PWFO1O_ENTRY("nnom_local_pwfo1o15_rec", 56)
        PWFO1O_ENTRY("nnom_local_pwfo1o14_rec", 52)
        PWFO1O_ENTRY("nnom_local_pwfo1o13_rec", 48)
        PWFO1O_ENTRY("nnom_local_pwfo1o12_rec", 44)
        PWFO1O_ENTRY("nnom_local_pwfo1o11_rec", 40)
        PWFO1O_ENTRY("nnom_local_pwfo1o10_rec", 36)
        PWFO1O_ENTRY("nnom_local_pwfo1o9_rec", 32)
        PWFO1O_ENTRY("nnom_local_pwfo1o8_rec", 28)
        PWFO1O_ENTRY("nnom_local_pwfo1o7_rec", 24)
        ".size nnom_local_pwfo1o16_rec, .-nnom_local_pwfo1o16_rec\n"
        ".text\n");

/* The words r2 (first pixel) and lr (second) against the pair r6, r7 into
 * r4 and r5 (START: the second pixel's start value); r8 scratch */
#define PWFO1O2P_MAC(START)                                                                      \
    "sxtb16 r8, lr\n"                                                                            \
    "sxtb16 lr, lr, ror #8\n"                                                                    \
    "smlad  r5, r8, r6, " START "\n"                                                             \
    "smlad  r5, lr, r7, r5\n"                                                                    \
    "sxtb16 r8, r2\n"                                                                            \
    "sxtb16 r2, r2, ror #8\n"                                                                    \
    "smlad  r4, r8, r6, r4\n"                                                                    \
    "smlad  r4, r2, r7, r4\n"
/* Both pixels' words K bytes before their ends (r3, r12) */
#define PWFO1O2P_WORD(K)                                                                         \
    "ldrd   r6, r7, [r0], #8\n"                                                                  \
    "ldr    r2, [r3, #-" #K "]\n"                                                                \
    "ldr    lr, [r12, #-" #K "]\n"                                                               \
    PWFO1O2P_MAC("r5")
/* The frame, the pixels' ends (r3 the first's, the second's start; r12),
 * the sums' start and the first words */
#define PWFO1O2P_START                                                                           \
    "push   {r4-r8, lr}\n"                                                                       \
    "ldr    r12, [r0, #-12]\n"                                                                   \
    "add    r3, r2, r12\n"                                                                       \
    "add    r12, r3, r12\n"                                                                      \
    "ldr    lr, [r3]\n"                                                                          \
    "ldr    r2, [r2]\n"                                                                          \
    "ldr    r4, [r0], #4\n"                                                                      \
    "ldrd   r6, r7, [r0], #8\n"                                                                  \
    PWFO1O2P_MAC("r4")
#define PWFO1O2P_ENTRY(NAME, K)                                                                  \
    NNOM_ASM_ENTRY(NAME)                                                                         \
    PWFO1O2P_START                                                                               \
    "b      .Lpwfo1o2p_" #K "\n"

/* nnom_local_pwfo1o2p<W>_rec (records r0, output r1, input r2): TWO
 * pixels, ONE output of 25 to 64 inputs (W = 7 to 16 words), a layer type
 * a W (build() past the kept pick's header check, which ties W to in.c
 * and the pixels to 2): pwfo1o's straight run with both pixels' words
 * against each pair (11 a word), where pwfo's short passes paid ~40 of
 * set-up and tests (2x1 32->1 162). */
__asm__(NNOM_ASM_FUNC("nnom_local_pwfo1o2p16_rec")
        PWFO1O2P_START
        ".Lpwfo1o2p_60:\n" PWFO1O2P_WORD(60)
        ".Lpwfo1o2p_56:\n" PWFO1O2P_WORD(56)
        ".Lpwfo1o2p_52:\n" PWFO1O2P_WORD(52)
        ".Lpwfo1o2p_48:\n" PWFO1O2P_WORD(48)
        ".Lpwfo1o2p_44:\n" PWFO1O2P_WORD(44)
        ".Lpwfo1o2p_40:\n" PWFO1O2P_WORD(40)
        ".Lpwfo1o2p_36:\n" PWFO1O2P_WORD(36)
        ".Lpwfo1o2p_32:\n" PWFO1O2P_WORD(32)
        ".Lpwfo1o2p_28:\n" PWFO1O2P_WORD(28)
        ".Lpwfo1o2p_24:\n" PWFO1O2P_WORD(24)
        PWFO1O2P_WORD(20) PWFO1O2P_WORD(16) PWFO1O2P_WORD(12) PWFO1O2P_WORD(8) PWFO1O2P_WORD(4)
        "ldm    r0, {r2, r6, r7}\n"
        "smmlar r4, r4, r2, r6\n"
        "smmlar r5, r5, r2, r6\n"
        "asr    r4, r4, r7\n"
        "asr    r5, r5, r7\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "strb   r4, [r1]\n"
        "strb   r5, [r1, #1]\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r8, pc}\n"
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p15_rec", 56)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p14_rec", 52)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p13_rec", 48)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p12_rec", 44)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p11_rec", 40)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p10_rec", 36)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p9_rec", 32)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p8_rec", 28)
        PWFO1O2P_ENTRY("nnom_local_pwfo1o2p7_rec", 24)
        ".size nnom_local_pwfo1o2p16_rec, .-nnom_local_pwfo1o2p16_rec\n"
        ".text\n");

#else
typedef int nnom_pwfo_unused_t; /* ISO C: a translation unit is never empty */
#endif
