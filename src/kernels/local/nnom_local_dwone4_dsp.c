/*
 * nnom_local_dwone4_dsp.c - depthwise layers of one output pixel whose
 * window holds the whole input of three or four pixels ((4, 1) valid on
 * 4x1, 3x3 at stride 2 on 2x2, (3, 1) valid on 3x1): per group of four
 * channels the four taps' words (one pixel, C bytes, apart) are paired by
 * PKH into the halfword pairs of taps (0, 1) and (2, 3) of each channel
 * (SXTB16), and one LDM reads a channel's five records (nnom_local_dwone4.h)
 * for two SMLAD, an SMMLA and one SSAT: 44 instructions per group of 16
 * MACs, where the one-row loop (nnom_local_dwone_dsp.c) took ~71 (its
 * pairs of taps, three-word requantisation and per-group bookkeeping).
 * Three taps read the third pixel twice, against a zero weight.
 */
#include "nnom_local_dwone4.h"

#if NNOM_LOCAL_MAC_ASM


/* Channel of the pairs PA (taps 0, 1) and PB (taps 2, 3) at rotation ROT:
 * records r8 (w0, w1), r9 (w2, w3), r10 bias, r12 mult, lr rq; r5 scratch. */
#define DWONE4_CHANNEL(PA, PB, ROT)                                                              \
    "ldm    r2!, {r8, r9, r10, r12, lr}\n"                                                       \
    "sxtb16 r5, " PA ROT "\n"                                                                    \
    "smlad  r10, r5, r8, r10\n"                                                                  \
    "sxtb16 r5, " PB ROT "\n"                                                                    \
    "smlad  r10, r5, r9, r10\n"                                                                  \
    "smmla  r10, r10, r12, lr\n"                                                                 \
    "ssat   r10, #8, r10, asr #" NNOM_STR(NNOM_DWONE4_N) "\n"                                  \
    "strb   r10, [r1], #1\n"

/* nnom_dwone4_s8(x r0, out r1, rec r2, c r3, t3 [sp]): taps at x, + c,
 * + 2 c, + t3 (3 c, or 2 c for three taps), groups until out + c. Stack:
 * [0] the end of the outputs, [40] t3. */
__asm__(NNOM_ASM_FUNC("nnom_dwone4_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #4\n"
        "add    r4, r1, r3\n"
        "str    r4, [sp]\n"
        "mov    r11, r3\n"
        ".Ldwone4_group:\n"
        "ldr    r7, [sp, #40]\n"
        "ldr    r4, [r0, r11]\n"
        "ldr    r5, [r0, r11, lsl #1]\n"
        "ldr    r6, [r0, r7]\n"
        "ldr    r3, [r0], #4\n"
        "pkhbt  r7, r3, r4, lsl #16\n" /* taps 0, 1 of channels 0, 1 */
        "pkhtb  r4, r4, r3, asr #16\n" /* of channels 2, 3 */
        "pkhbt  r3, r5, r6, lsl #16\n" /* taps 2, 3 of channels 0, 1 */
        "pkhtb  r6, r6, r5, asr #16\n" /* of channels 2, 3 */
        DWONE4_CHANNEL("r7", "r3", "")
        DWONE4_CHANNEL("r7", "r3", ", ror #8")
        DWONE4_CHANNEL("r4", "r6", "")
        DWONE4_CHANNEL("r4", "r6", ", ror #8")
        "ldr    r8, [sp]\n"
        "cmp    r1, r8\n"
        "bne    .Ldwone4_group\n"
        "add    sp, sp, #4\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwone4_s8, .-nnom_dwone4_s8\n"
        ".text\n");

void nnom_dwone4_s8(const int8_t *x, int8_t *out, const int32_t *rec, int32_t c, int32_t t3);

int nnom_dwone4_try(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, taps = a->in.h * a->in.w;
    if (a->records == NULL || a->records[0] != 1 || a->out.h != 1 || a->out.w != 1 ||
        a->ch_mult != 1 || a->in.c != c || c <= 0 || c % 4 != 0 || taps < 3 || taps > 4 ||
        a->p.pad_top < 0 || a->p.pad_left < 0 || a->p.pad_top + a->in.h > a->k.h ||
        a->p.pad_left + a->in.w > a->k.w || a->p.dilation_h != 1 || a->p.dilation_w != 1 ||
        a->p.output_zp != -128 || a->p.act_min != -128 || a->p.act_max != 127)
        return 0;
    nnom_dwone4_s8(a->input, a->output, a->records + 1, c, (taps - 1) * c);
    return 1;
}

#else
typedef int nnom_local_dwone4_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
