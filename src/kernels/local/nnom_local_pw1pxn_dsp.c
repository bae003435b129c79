/*
 * nnom_local_pw1pxn_dsp.c - 1x1 convolutions of 2 to 16 pixels with 4 to
 * 16 inputs and at most 16 outputs from the converter's records
 * (nnom/ops/pw1px_records.py, PW1PXN_TAG), in assembly (-O2 on DSP cores,
 * both backends). On such layers (3x3 8->3, 6x1 10->4: 200-300 MACs) the
 * windows kernel's loops paid ~30 instructions a pixel besides the MACs
 * plus ~100 of set-up: 3.2 to 4.7 instructions per MAC.
 *
 * Per pixel its input is widened into registers, then one pass over the
 * outputs (TBH, entered at out.c mod 16) reads each output's record in
 * order, as the one-pixel loop does (nnom_local_pw1px.h). 4 to 8 inputs:
 * the pixel's first word and the word ending at its last input, in r2-r5
 * (9 instructions an output); 9 to 16: words at 0, 4, c - 8 and c - 4, in
 * r2-r9 (16 an output). The records' weights are zero where words overlap,
 * so no byte outside the pixel is read and none counts twice.
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define PW1PXN_TAG 0x4E575031 /* pw1px_records.TAG_N */
#define PW1PXN_MAX_PIX 16     /* pw1px_records.MAX_PIX */

/* The records' header (in.c, out.c, chunks of 8 inputs) against the
 * layer's: 1x1 at stride 1, 2 to 16 pixels, 4 to 16 inputs, 1 to 16
 * outputs (one pass a pixel). Once per compile (the kept pick). The
 * scratch is the local kernel's (8 pixels or more: the windows kernel's
 * groups), unused here: the converter's one plan serves the builds
 * without this loop too. */
uint32_t nnom_local_pw1pxn_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t *r = a->records;
    if (r == NULL)
        return NNOM_UNSUITED;
    const uint32_t c = (uint32_t)a->in.c, oc = (uint32_t)a->out.c;
    const uint32_t npix = (uint32_t)(a->out.h * a->out.w);
    const uint32_t differ = ((uint32_t)r[-4] ^ PW1PXN_TAG) | ((uint32_t)r[-3] ^ c) |
                            ((uint32_t)r[-2] ^ oc) | ((uint32_t)r[-1] ^ (c > 8u ? 2u : 1u)) |
                            ((uint32_t)a->in.h ^ (uint32_t)a->out.h) |
                            ((uint32_t)a->in.w ^ (uint32_t)a->out.w) |
                            ((uint32_t)a->k.h ^ 1u) | ((uint32_t)a->k.w ^ 1u);
    return differ == 0u && c - 4u <= 12u && oc - 1u <= 15u && npix - 2u <= PW1PXN_MAX_PIX - 2u
               ? nnom_conv_col_scratch(a)
               : NNOM_UNSUITED;
}

/* One output of 9 to 16 inputs (r2-r9): its record by four LDMs, eight
 * SMLADs, the requantisation, the byte. */
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

/* A pixel's start: r6 its input, r7 in.c, r8 the next pixel's (stored),
 * r0 the first record, r11 out.c mod 16. */
#define PW1PXN_PIXEL                                                                             \
    "ldrd   r6, r7, [sp, #0]\n"                                                                  \
    "ldrd   r0, r11, [sp, #8]\n"                                                                 \
    "add    r8, r6, r7\n"                                                                        \
    "str    r8, [sp, #0]\n"
/* After a pixel's outputs: the next pixel (label L) until the outputs' end */
#define PW1PXN_NEXT(L)                                                                           \
    "ldr    r10, [sp, #16]\n"                                                                    \
    "cmp    r1, r10\n"                                                                           \
    "bne    " L "\n"

/* nnom_local_pw1pxn(ctx r0, args r1): the table's run function itself.
 * Stack: [0] this pixel's input, [4] in.c, [8] the first record, [12]
 * out.c mod 16, [16] the outputs' end. */
__asm__(NNOM_ASM_FUNC("nnom_local_pw1pxn")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #20\n"
        "ldr    r2, [r1, #80]\n"
        "ldr    r3, [r1, #48]\n"
        "ldr    r0, [r1, #108]\n"
        "ldr    r4, [r1, #72]\n"
        "ldr    r5, [r1, #64]\n"
        "ldr    r6, [r1, #68]\n"
        "ldr    r1, [r1, #104]\n"
        "mul    r5, r5, r6\n"
        "mla    r5, r5, r4, r1\n"
        "and    r4, r4, #15\n"
        "strd   r2, r3, [sp, #0]\n"
        "strd   r0, r4, [sp, #8]\n"
        "str    r5, [sp, #16]\n"
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
        PW1PXN_NEXT("20b")
        "b      39f\n"
        "30:\n" /* 9 to 16 inputs: words at 0, 4, c - 8 and c - 4 */
        PW1PXN_PIXEL
        "ldr    r2, [r6, #0]\n"
        "ldr    r4, [r6, #4]\n"
        "ldr    r6, [r8, #-8]\n"
        "ldr    r8, [r8, #-4]\n"
        "sxtb16 r3, r2, ror #8\n"
        "sxtb16 r2, r2\n"
        "sxtb16 r5, r4, ror #8\n"
        "sxtb16 r4, r4\n"
        "sxtb16 r7, r6, ror #8\n"
        "sxtb16 r6, r6\n"
        "sxtb16 r9, r8, ror #8\n"
        "sxtb16 r8, r8\n"
        PW1PX_PASS(pw1pxn16, PW1PXN_ONE16)
        PW1PXN_NEXT("30b")
        "39:\n"
        "movs   r0, #0\n" /* NN_SUCCESS */
        "add    sp, sp, #20\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_local_pw1pxn, .-nnom_local_pw1pxn\n"
        ".text\n");

#else
typedef int nnom_pw1pxn_unused_t; /* ISO C: a translation unit is never empty */
#endif
