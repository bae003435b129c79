/*
 * nnom_local_pw1px_dsp.c - 1x1 convolutions of one pixel (a Dense in all
 * but name) from the converter's records (nnom/ops/pw1px_records.py), in
 * assembly (-O2 on DSP cores). Such layers are a few hundred to a few
 * thousand MACs: the Dense loop (four rows sharing each input word, int8
 * weights widened as it goes, the requantisation constants derived per
 * output) and the generic dispatch cost 3 to 7.5 instructions per MAC.
 *
 * Here the input is widened once (SXTB16 pairs, on the stack), the weights
 * come widened and doubled, and each output reads its record in order:
 * the start value, 2 words per 4 inputs, then SMMLAR / ASR / SSAT as in the
 * depthwise loops (ReLU with output zero point -128, no clamp inside int8:
 * the only form the converter writes). Up to 8 inputs the widened input
 * stays in four registers and one LDM reads an output's whole record:
 * 9 instructions per output. A table entry of its own (nnom_dispatch.c),
 * first: its check (the records' header) runs once per compile.
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#define PW1PX_TAG 0x31575031 /* pw1px_records.TAG */
/* pw1px_records.MAX_CIN; 160, not 128: the random sweeps' widest one-pixel
 * layers (1x1 160->2: 3.91 -> 2.2 instructions per MAC off the Dense loop) */
#define PW1PX_MAX_CIN 160

/* The records' header (in.c, out.c, chunks of 8 inputs) against the
 * layer's; the converter wrote them for this layer's geometry and
 * requantisation form only. Once per compile (the kept pick). */
uint32_t nnom_local_pw1px_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t *r = a->records;
    if (r == NULL)
        return NNOM_UNSUITED;
    const uint32_t c = (uint32_t)a->in.c;
    const uint32_t differ = ((uint32_t)r[-4] ^ PW1PX_TAG) | ((uint32_t)r[-3] ^ c) |
                            ((uint32_t)r[-2] ^ (uint32_t)a->out.c) |
                            ((uint32_t)r[-1] ^ ((c + 7u) >> 3)) | ((uint32_t)a->in.h ^ 1u) |
                            ((uint32_t)a->in.w ^ 1u);
    return differ == 0u && c - 4u <= PW1PX_MAX_CIN - 4u ? 0u : NNOM_UNSUITED;
}

/* 8 inputs: the entry that keeps them in registers */
uint32_t nnom_local_pw1px8_scratch(const void *args)
{
    return ((const nnom_conv_args_t *)args)->in.c == 8 ? nnom_local_pw1px_scratch(args)
                                                        : NNOM_UNSUITED;
}

/* The table's run function (ctx r0, args r1): the arguments into the
 * records run's registers (r0 the first record, r1 output, r2 input),
 * then on to it (NAME_rec: records r0, output r1, input r2). Its frame
 * (Stack: [0] the outputs' end, [8] the widened input): r4 the outputs'
 * end, r11 out.c mod 16, from the header; LOAD reads it (r4 out.c, r3
 * in.c where asked). */
#define PW1PX_PROLOGUE(NAME, LOAD)                                                               \
    "ldr    r0, [r1, #108]\n"                                                                    \
    "ldr    r2, [r1, #80]\n"                                                                     \
    "ldr    r1, [r1, #104]\n" NNOM_ASM_ENTRY(NAME "_rec")                                        \
    "push   {r4-r11, lr}\n"                                                                      \
    "sub    sp, sp, #(8 + 2 * " NNOM_STR(PW1PX_MAX_CIN) ")\n" LOAD                              \
    "and    r11, r4, #15\n"                                                                      \
    "add    r4, r1, r4\n"                                                                        \
    "str    r4, [sp, #0]\n"

/* nnom_local_pw1px8 / nnom_local_pw1px(ctx r0, args r1): the table's run
 * functions themselves (8 inputs / others), and their records runs. 8
 * inputs: the input widened into r2-r5; up to 8: from the stack; then
 * sixteen outputs a pass, entered at n mod 16 (TBH). More: per output a
 * loop over the chunks. */
__asm__(".section .text.nnom_local_pw1px,\"ax\",%progbits\n"
        ".global nnom_local_pw1px8\n"
        ".type nnom_local_pw1px8, %function\n"
        ".global nnom_local_pw1px\n"
        ".type nnom_local_pw1px, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_local_pw1px8:\n"
        PW1PX_PROLOGUE("nnom_local_pw1px8", "ldr    r4, [r0, #-8]\n")
        "ldr    r5, [r2, #4]\n"
        "ldr    r2, [r2, #0]\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r4, r5\n"
        "sxtb16 r5, r5, ror #8\n"
        "10:\n" /* the outputs, sixteen a pass, entered at n mod 16 (r11) */
        PW1PX_PASS(pw1px, PW1PX_ONE)
        "ldr    r6, [sp, #0]\n"
        "cmp    r1, r6\n"
        "bne    .Lpw1px_0\n"
        "39:\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "add    sp, sp, #(8 + 2 * " NNOM_STR(PW1PX_MAX_CIN) ")\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1px8, .-nnom_local_pw1px8\n"
        ".size nnom_local_pw1px8_rec, .-nnom_local_pw1px8_rec\n"
        ".thumb_func\n"
        "nnom_local_pw1px:\n"
        PW1PX_PROLOGUE("nnom_local_pw1px", "ldrd   r3, r4, [r0, #-12]\n")
        /* widen the input onto the stack: whole words */
        "ldr    r5, [r0, #-4]\n" /* chunks */
        "add    r6, sp, #8\n"
        "lsrs   r7, r3, #2\n"
        "41:\n"
        "ldr    r8, [r2], #4\n"
        "sxtb16 r9, r8, ror #8\n"
        "sxtb16 r8, r8\n"
        "stmia  r6!, {r8, r9}\n"
        "subs   r7, r7, #1\n"
        "bne    41b\n"
        "ands   r7, r3, #3\n" /* the last 1-3 inputs, zeros after them */
        "beq    43f\n"
        "ldrb   r8, [r2, #0]\n"
        "cmp    r7, #2\n"
        "blt    42f\n"
        "ldrb   r9, [r2, #1]\n"
        "orr    r8, r8, r9, lsl #8\n"
        "beq    42f\n"
        "ldrb   r9, [r2, #2]\n"
        "orr    r8, r8, r9, lsl #16\n"
        "42:\n"
        "sxtb16 r9, r8, ror #8\n"
        "sxtb16 r8, r8\n"
        "stmia  r6!, {r8, r9}\n"
        "43:\n" /* zeros up to the last chunk's end (r12) */
        "add    r12, sp, #8\n"
        "add    r12, r12, r5, lsl #4\n"
        "movs   r8, #0\n"
        "movs   r9, #0\n"
        "44:\n"
        "cmp    r6, r12\n"
        "beq    45f\n"
        "stmia  r6!, {r8, r9}\n"
        "b      44b\n"
        "45:\n"
        "cmp    r5, #1\n"
        "bne    30f\n"
        "add    r6, sp, #8\n"
        "ldm    r6, {r2-r5}\n"
        "b      10b\n"
        "30:\n" /* r12 the widened input's end, lr the outputs' */
        "mov    lr, r4\n"
        "31:\n"
        "add    r2, sp, #8\n"
        "ldr    r3, [r0], #4\n"
        "32:\n"
        "ldm    r2!, {r4-r7}\n"
        "ldm    r0!, {r8-r11}\n"
        "smlad  r3, r4, r8, r3\n"
        "smlad  r3, r5, r9, r3\n"
        "smlad  r3, r6, r10, r3\n"
        "smlad  r3, r7, r11, r3\n"
        "cmp    r2, r12\n"
        "bne    32b\n"
        "ldm    r0!, {r8-r10}\n"
        "smmlar r3, r3, r8, r9\n"
        "asr    r3, r3, r10\n"
        "ssat   r3, #8, r3\n"
        "strb   r3, [r1], #1\n"
        "cmp    r1, lr\n"
        "bne    31b\n"
        "b      39b\n"
        ".size nnom_local_pw1px, .-nnom_local_pw1px\n"
        ".size nnom_local_pw1px_rec, .-nnom_local_pw1px_rec\n"
        ".text\n");

/* nnom_local_pw1px8p_rec (records r0, output r1, input r2): 8 inputs and
 * at most 16 outputs, entered past the header's tests (build() picks it:
 * the kept pick's check held the header to the layer): one pass, so no
 * frame, no outputs' end, no loop test (7 fewer than pw1px8's run). */
__asm__(NNOM_ASM_FUNC("nnom_local_pw1px8p_rec")
        "push   {r4-r11, lr}\n"
        "ldr    r11, [r0, #-8]\n" /* out.c */
        "ldr    r5, [r2, #4]\n"
        "ldr    r2, [r2, #0]\n"
        "and    r11, r11, #15\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r4, r5\n"
        "sxtb16 r5, r5, ror #8\n"
        PW1PX_PASS(pw1px8p, PW1PX_ONE)
        "movs   r0, #0\n" /* NN_SUCCESS */
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1px8p_rec, .-nnom_local_pw1px8p_rec\n"
        ".text\n");

#else
typedef int nnom_pw1px_unused_t; /* ISO C: a translation unit is never empty */
#endif
