/*
 * nnom_local_dwone4_dsp.c - depthwise layers of one output pixel whose
 * window holds the whole input of three or four pixels ((4, 1) valid on
 * 4x1, 3x3 at stride 2 on 2x2, (3, 1) valid on 3x1): per group of four
 * channels the taps' words (one pixel, C bytes, apart) are paired by PKH
 * into the halfword pairs of taps (0, 1) and (2, 3) of each channel
 * (SXTB16), and one LDM reads a channel's five records (nnom_local_dwone4.h)
 * for two SMLAD, an SMMLA and one SSAT: 44 instructions per group of 16
 * MACs, where the one-row loop (nnom_local_dwone_dsp.c) took ~71. Three
 * taps widen tap 2 once a group for an SMLABB / SMLATB a channel: 37 per
 * group of 12. The kernels read the arguments block (in.c, the records),
 * so that DepthwiseConv2D's direct types (tag 31) call them straight.
 */
#include "nnom_local_dwone4.h"
#include <stddef.h>

#if NNOM_LOCAL_MAC_ASM
/* The block kernels read in.c and the records there. */
typedef char nnom_dwone4_args_layout_t[offsetof(nnom_conv_args_t, in.c) == NNOM_DWONE4_C &&
                                               offsetof(nnom_conv_args_t, records) ==
                                                   NNOM_DWONE4_REC
                                           ? 1
                                           : -1];

/* Three taps, channel of the pair PA (taps 0, 1) at rotation ROT and tap
 * 2's halfword T (bottom B or top T): tap 2 first, so that r9 (its weight)
 * is the pair's scratch; records r8 (w0, w1), r9 (w2, 0), r10 bias, r12
 * mult, lr rq. 7 instructions a channel against the four taps' 8. */
#define DWONE3_CHANNEL(PA, ROT, T, H)                                                            \
    "ldm    r0!, {r8, r9, r10, r12, lr}\n"                                                       \
    "smla" H "b r10, " T ", r9, r10\n"                                                          \
    "sxtb16 r9, " PA ROT "\n"                                                                    \
    "smlad  r10, r9, r8, r10\n"                                                                  \
    "smmla  r10, r10, r12, lr\n"                                                                 \
    "ssat   r10, #8, r10, asr #" NNOM_STR(NNOM_DWONE4_N) "\n"                                  \
    "strb   r10, [r2], #1\n"

/* A group of four channels: the three taps' words at x (r1, then on by
 * 4), + c, + 2 c (c r3), outputs at r2, records at r0. */
#define DWONE3_GROUP                                                                               \
    "ldr    r4, [r1, r3]\n"                                                                      \
    "ldr    r5, [r1, r3, lsl #1]\n"                                                              \
    "ldr    r6, [r1], #4\n"                                                                      \
    "pkhbt  r7, r6, r4, lsl #16\n" /* taps 0, 1 of channels 0, 1 */                              \
    "pkhtb  r4, r4, r6, asr #16\n" /* of channels 2, 3 */                                        \
    "sxtb16 r6, r5\n"              /* tap 2 of channels 0, 2 */                                  \
    "sxtb16 r5, r5, ror #8\n"      /* of channels 1, 3 */                                        \
    DWONE3_CHANNEL("r7", "", "r6", "b")                                                            \
    DWONE3_CHANNEL("r7", ", ror #8", "r5", "b")                                                    \
    DWONE3_CHANNEL("r4", "", "r6", "t")                                                            \
    DWONE3_CHANNEL("r4", ", ror #8", "r5", "t")
/* The entry: c, the records after the tag, the outputs' end (r11) */
#define DWONE3_ENTRY                                                                               \
    "push   {r4-r11, lr}\n"                                                                      \
    "ldr    r3, [r0, #" NNOM_STR(NNOM_DWONE4_C) "]\n"                                            \
    "ldr    r0, [r0, #" NNOM_STR(NNOM_DWONE4_REC) "]\n"                                          \
    "add    r11, r2, r3\n"                                                                       \
    "add    r0, r0, #4\n"

/* nnom_dwone3_b_s8(block r0, x r1, out r2): the arguments block's records
 * (after the tag) and in.c (NNOM_DWONE4_REC, NNOM_DWONE4_C), taps at x, + c,
 * + 2 c: tap 2 is not read twice against a zero weight (as four taps'
 * are), its word widened once a group (SXTB16, channels 0 and 2, 1 and 3)
 * for an SMLABB / SMLATB a channel. 37 instructions a group of 12 MACs. */
__asm__(NNOM_ASM_FUNC("nnom_dwone3_b_s8")
        DWONE3_ENTRY
        ".Ldwone3_group:\n"
        DWONE3_GROUP
        "cmp    r2, r11\n"
        "bne    .Ldwone3_group\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwone3_b_s8, .-nnom_dwone3_b_s8\n"
        ".text\n");

/* The same, channels a multiple of eight: two groups a pass (the loop's
 * test once for both: (3,1) s1 3x1x8 valid 98 -> 96). */
__asm__(NNOM_ASM_FUNC("nnom_dwone3e_b_s8")
        DWONE3_ENTRY
        ".Ldwone3e_group:\n"
        DWONE3_GROUP
        DWONE3_GROUP
        "cmp    r2, r11\n"
        "bne    .Ldwone3e_group\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwone3e_b_s8, .-nnom_dwone3e_b_s8\n"
        ".text\n");

/* nnom_dwone4_b_s8(block r0, x r1, out r2): nnom_dwone4_s8 on the block's
 * records and in.c, tap 3 at x + 3 c (four taps over the input are four
 * pixels, row-major). Stack: [0] the end of the outputs. */
#define DWONE4B_CHANNEL(PA, PB, ROT)                                                             \
    "ldm    r0!, {r8, r9, r10, r12, lr}\n"                                                       \
    "sxtb16 r5, " PA ROT "\n"                                                                    \
    "smlad  r10, r5, r8, r10\n"                                                                  \
    "sxtb16 r5, " PB ROT "\n"                                                                    \
    "smlad  r10, r5, r9, r10\n"                                                                  \
    "smmla  r10, r10, r12, lr\n"                                                                 \
    "ssat   r10, #8, r10, asr #" NNOM_STR(NNOM_DWONE4_N) "\n"                                  \
    "strb   r10, [r2], #1\n"
__asm__(NNOM_ASM_FUNC("nnom_dwone4_b_s8")
        "push   {r4-r11, lr}\n"
        "ldr    r11, [r0, #" NNOM_STR(NNOM_DWONE4_C) "]\n"
        "ldr    r0, [r0, #" NNOM_STR(NNOM_DWONE4_REC) "]\n"
        "add    r4, r2, r11\n"
        "push   {r4}\n"
        "add    r0, r0, #4\n"
        ".Ldwone4b_group:\n"
        "add    lr, r11, r11, lsl #1\n"
        "ldr    r4, [r1, r11]\n"
        "ldr    r5, [r1, r11, lsl #1]\n"
        "ldr    r6, [r1, lr]\n"
        "ldr    r3, [r1], #4\n"
        "pkhbt  r7, r3, r4, lsl #16\n"
        "pkhtb  r4, r4, r3, asr #16\n"
        "pkhbt  r3, r5, r6, lsl #16\n"
        "pkhtb  r6, r6, r5, asr #16\n"
        DWONE4B_CHANNEL("r7", "r3", "")
        DWONE4B_CHANNEL("r7", "r3", ", ror #8")
        DWONE4B_CHANNEL("r4", "r6", "")
        DWONE4B_CHANNEL("r4", "r6", ", ror #8")
        "ldr    r8, [sp]\n"
        "cmp    r2, r8\n"
        "bne    .Ldwone4b_group\n"
        "pop    {r4}\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwone4_b_s8, .-nnom_dwone4_b_s8\n"
        ".text\n");

/* The rule but the tag (inline in nnom_dwone4_try, whose refusals stay
 * as cheap as before the direct types) */
NNOM_INLINE int32_t dwone4_rule(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, taps = a->in.h * a->in.w;
    if (a->out.h != 1 || a->out.w != 1 ||
        a->ch_mult != 1 || a->in.c != c || c <= 0 || c % 4 != 0 || taps < 3 || taps > 4 ||
        a->p.pad_top < 0 || a->p.pad_left < 0 || a->p.pad_top + a->in.h > a->k.h ||
        a->p.pad_left + a->in.w > a->k.w || a->p.dilation_h != 1 || a->p.dilation_w != 1 ||
        a->p.output_zp != -128 || a->p.act_min != -128 || a->p.act_max != 127)
        return 0;
    return taps;
}

int nnom_dwone4_holds(const nnom_conv_args_t *a, int32_t tag)
{
    return a->records != NULL && a->records[0] == tag ? dwone4_rule(a) : 0;
}

int nnom_dwone4_try(const nnom_conv_args_t *a)
{
    /* tag 1 or NNOM_DWONE31_TAG: the same records */
    if (a->records == NULL || (a->records[0] != 1 && a->records[0] != NNOM_DWONE31_TAG))
        return 0;
    const int32_t taps = dwone4_rule(a);
    if (taps == 3)
        (a->in.c % 8 == 0 ? nnom_dwone3e_b_s8 : nnom_dwone3_b_s8)(a, a->input, a->output);
    else if (taps == 4)
        nnom_dwone4_b_s8(a, a->input, a->output);
    return taps != 0;
}

#else
typedef int nnom_local_dwone4_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
