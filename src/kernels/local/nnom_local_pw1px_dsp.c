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
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#define PW1PX_TAG 0x31575031 /* pw1px_records.TAG */
#define PW1PX_MAX_CIN 128    /* pw1px_records.MAX_CIN */

/* n outputs from the records at rec (start value, 4 chunks words, mult,
 * ra, e each) against the widened input xw (4 words a chunk of 8 inputs)
 * into out. The field offsets are the assembly's. */
typedef struct {
    const int32_t *rec;
    int8_t *out;
    const int32_t *xw;
    int32_t n, chunks;
} nnom_pw1px_job_t;
typedef char nnom_pw1px_layout_t[offsetof(nnom_pw1px_job_t, chunks) == 16 ? 1 : -1];
void nnom_pw1px_s8(const nnom_pw1px_job_t *j);

uint32_t nnom_local_pw1px_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t *r = a->records;
    if (r == NULL || r[0] != PW1PX_TAG || r[1] != a->in.c || r[2] != a->out.c ||
        r[3] != (a->in.c + 7) / 8)
        return NNOM_UNSUITED;
    const int one = a->in.h == 1 && a->in.w == 1 && a->out.h == 1 && a->out.w == 1 &&
                    a->k.h == 1 && a->k.w == 1 && a->k.c == a->in.c;
    const int form = a->p.output_zp == -128 && a->p.act_min == -128 && a->p.act_max == 127;
    return one && form && a->in.c >= 4 && a->in.c <= PW1PX_MAX_CIN ? 0u : NNOM_UNSUITED;
}

nnom_status_t nnom_local_pw1px(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t K = a->in.c, chunks = (K + 7) / 8, whole = K / 4;
    int32_t xw[PW1PX_MAX_CIN / 2];
    (void)ctx;
    int32_t j = 0;
    for (; j < whole; j++) {
        const uint32_t v = nnom_read4(a->input + 4 * j);
        xw[2 * j] = (int32_t)__sxtb16((int8x4_t)v);
        xw[2 * j + 1] = (int32_t)nnom_sxtb16_odd(v);
    }
    if (K % 4 != 0) { /* the last 1-3 inputs, zeros after them */
        uint32_t v = 0;
        memcpy(&v, a->input + 4 * j, (size_t)(K % 4));
        xw[2 * j] = (int32_t)__sxtb16((int8x4_t)v);
        xw[2 * j + 1] = (int32_t)nnom_sxtb16_odd(v);
        j++;
    }
    for (; j < 2 * chunks; j++)
        xw[2 * j] = xw[2 * j + 1] = 0;
    const nnom_pw1px_job_t job = {a->records + 4, a->output, xw, a->out.c, chunks};
    nnom_pw1px_s8(&job);
    return NN_SUCCESS;
}

/* One output of up to 8 inputs (r2-r5): its record by one LDM, four
 * SMLADs, the requantisation, the byte. */
#define PW1PX_ONE                                                                                \
    "ldm    r0!, {r6-r12, lr}\n"                                                                 \
    "smlad  r6, r2, r7, r6\n"                                                                    \
    "smlad  r6, r3, r8, r6\n"                                                                    \
    "smlad  r6, r4, r9, r6\n"                                                                    \
    "smlad  r6, r5, r10, r6\n"                                                                   \
    "smmlar r6, r6, r11, r12\n"                                                                  \
    "asr    r6, r6, lr\n"                                                                        \
    "ssat   r6, #8, r6\n"                                                                        \
    "strb   r6, [r1], #1\n"

/* nnom_pw1px_s8(job r0). Stack: [0] the outputs' end, [4] xw. One chunk:
 * four outputs a pass, entered at n mod 4; more: a loop over the chunks
 * per output. */
__asm__(".section .text.nnom_pw1px_s8,\"ax\",%progbits\n"
        ".global nnom_pw1px_s8\n"
        ".type nnom_pw1px_s8, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_pw1px_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #8\n"
        "ldm    r0, {r0-r4}\n" /* rec, out, xw, n, chunks */
        "add    r3, r1, r3\n"
        "str    r3, [sp, #0]\n"
        "cmp    r4, #1\n"
        "bne    30f\n"
        "sub    r6, r3, r1\n"
        "ldm    r2, {r2-r5}\n"
        "ands   r6, r6, #3\n"
        "beq    20f\n"
        "cmp    r6, #2\n"
        "blt    21f\n"
        "beq    22f\n"
        "b      23f\n"
        "20:\n" PW1PX_ONE "23:\n" PW1PX_ONE "22:\n" PW1PX_ONE "21:\n" PW1PX_ONE
        "ldr    r6, [sp, #0]\n"
        "cmp    r1, r6\n"
        "bne    20b\n"
        "b      39f\n"
        "30:\n" /* r12 the widened input's end, lr the outputs' */
        "str    r2, [sp, #4]\n"
        "add    r12, r2, r4, lsl #4\n"
        "mov    lr, r3\n"
        "31:\n"
        "ldr    r2, [sp, #4]\n"
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
        "39:\n"
        "add    sp, sp, #8\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_pw1px_s8, .-nnom_pw1px_s8\n"
        ".text\n");

#else
typedef int nnom_pw1px_unused_t; /* ISO C: a translation unit is never empty */
#endif
