/*
 * nnom_local_pw1c_dsp.c - 1x1 convolutions at stride 1 with ONE output
 * channel and 4 to PW1C_MAX_CIN input channels, in assembly (-O2 on DSP
 * cores), bit-exact with the other local kernels.
 *
 * The Dense loop with the pixels as its rows (nnom_local_conv_pw1_s8.c)
 * widens the weights again for every four pixels and derives the
 * requantisation per pixel: with 16 input channels ~3.2 instructions per
 * MAC. Here the weights are widened once (on the stack), two pixels go per
 * pass, each weight pair serving both (11 instructions per 8 MACs), the
 * pass enters an unrolled run of 32 words (every row up to 128 values) at
 * its length (LDR PC: no test per word), and the one channel's requantisation constants (the
 * fast form, any zero point) are read once per pass. The pixels lie in.c
 * bytes apart in the input: a last word past in.c meets zero weights, but
 * for the last pixel, whose word would run past the input: the last pass
 * (pixels n - 2, n - 1) reads a copy of it then. A table entry of its own before
 * the Dense loop's (nnom_dispatch.c): the check runs once per compile.
 */
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#define PW1C_MAX_CIN 128
#define PW1C_CHAIN (PW1C_MAX_CIN / 4) /* words in the unrolled run: every row */
#define PW1C_WORD_BYTES 44            /* one word's code: eleven 32-bit instructions */

/* The assembly's job; the field offsets are its. */
typedef struct {
    int32_t mult, base, sh, lo, hi, bias;
    const int32_t *w;    /* the widened weights: (w0, w2), (w1, w3) a word */
    uint32_t entry;      /* into the unrolled run, Thumb bit set */
    int8_t *oend;        /* the passes' end (out + 2 passes) */
    const int8_t *xlast; /* the last pass's first pixel, NULL when none */
    int8_t *olast;       /* its outputs */
    const int8_t *xlastb; /* its second pixel */
    const int8_t *x, *xb; /* the first pair */
    int8_t *out;
    int32_t adv; /* 2 K - 4 words: to the next pair */
    int32_t wbuf[PW1C_MAX_CIN / 2];
} nnom_pw1c_job_t;
typedef char nnom_pw1c_layout_t[offsetof(nnom_pw1c_job_t, bias) == 20 &&
                                        offsetof(nnom_pw1c_job_t, xlast) == 36 &&
                                        offsetof(nnom_pw1c_job_t, adv) == 60
                                    ? 1
                                    : -1];
extern const uint8_t nnom_pw1c_run[], nnom_pw1c_run_clamp[];
void nnom_pw1c_s8(nnom_pw1c_job_t *j);
void nnom_pw1c_clamp_s8(nnom_pw1c_job_t *j);

/* Asked first for every Conv2D (so out.c first), once per compile. */
uint32_t nnom_local_pw1c_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (a->out.c != 1 || a->in.c < 4 || a->in.c > PW1C_MAX_CIN || a->k.c != a->in.c)
        return NNOM_UNSUITED;
    return nnom_pw_stride1(a) && a->out.h * a->out.w >= 2 &&
                   nnom_rq_fast_ok(a->rq.mult[0], a->rq.shift[0])
               ? 0u
               : NNOM_UNSUITED;
}

/* The first t (1-3) bytes at p, zeros above */
static uint32_t pw1c_tail(const int8_t *p, int32_t t)
{
    uint32_t v = 0;
    for (int32_t b = 0; b < t; b++)
        v |= (uint32_t)(uint8_t)p[b] << (8 * b);
    return v;
}

nnom_status_t nnom_local_pw1c(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t K = a->in.c, n = a->out.h * a->out.w, whole = K / 4, t = K % 4;
    const int32_t words = whole + (t != 0);
    nnom_pw1c_job_t j;
    uint32_t last[PW1C_MAX_CIN / 4];
    (void)ctx;
    for (int32_t i = 0; i < whole; i++) {
        const uint32_t v = nnom_read4(a->weight + 4 * i);
        j.wbuf[2 * i] = (int32_t)__sxtb16((int8x4_t)v);
        j.wbuf[2 * i + 1] = (int32_t)nnom_sxtb16_odd(v);
    }
    if (t != 0) {
        const uint32_t v = pw1c_tail(a->weight + 4 * whole, t);
        j.wbuf[2 * whole] = (int32_t)__sxtb16((int8x4_t)v);
        j.wbuf[2 * whole + 1] = (int32_t)nnom_sxtb16_odd(v);
    }
    if (a->bias_folded != NULL) {
        j.bias = a->bias_folded[0];
    } else {
        uint32_t sum = 0;
        for (int32_t k = 0; k < K; k++)
            sum += (uint32_t)a->weight[k];
        j.bias = (int32_t)((uint32_t)a->bias[0] - (uint32_t)a->p.input_zp * sum);
    }
    const nnom_rq_t r = nnom_rq_of(a->rq.mult[0], a->rq.shift[0], a->p.output_zp);
    j.mult = r.mult;
    j.base = r.base;
    j.sh = r.sh;
    j.lo = a->p.act_min;
    j.hi = a->p.act_max;
    j.w = j.wbuf;
    const int clamp = j.lo != -128 || j.hi != 127;
    j.entry = ((uint32_t)(uintptr_t)(clamp ? nnom_pw1c_run_clamp : nnom_pw1c_run) +
               (uint32_t)((PW1C_CHAIN - words) * PW1C_WORD_BYTES)) |
              1u;
    j.x = a->input;
    j.xb = a->input + K;
    j.out = a->output;
    j.adv = 2 * K - 4 * words;
    /* pairs whose words stay inside the input, then (n - 2, n - 1): the
     * last pixel from a copy when its last word would run past the input */
    const int32_t passes = t == 0 ? n / 2 : (n - 1) / 2;
    j.oend = a->output + 2 * passes;
    j.olast = a->output + n - 2;
    j.xlast = t != 0 || n % 2 != 0 ? a->input + (n - 2) * K : NULL;
    j.xlastb = a->input + (n - 1) * K;
    if (t != 0) {
        const int8_t *p = j.xlastb;
        for (int32_t i = 0; i < whole; i++)
            last[i] = nnom_read4(p + 4 * i);
        last[whole] = pw1c_tail(p + 4 * whole, t);
        j.xlastb = (const int8_t *)last;
    }
    if (clamp)
        nnom_pw1c_clamp_s8(&j);
    else
        nnom_pw1c_s8(&j);
    return NN_SUCCESS;
}

/* One word of both pixels (r0, r1) against the weight pair at r12. */
#define PW1C_WORD                                                                                \
    "ldrd   r8, r9, [r12], #8\n"                                                                 \
    "ldr    r10, [r0], #4\n"                                                                     \
    "ldr    r11, [r1], #4\n"                                                                     \
    "sxtb16 lr, r10\n"                                                                           \
    "sxtb16 r10, r10, ror #8\n"                                                                  \
    "smlad  r4, lr, r8, r4\n"                                                                    \
    "smlad  r4, r10, r9, r4\n"                                                                   \
    "sxtb16 lr, r11\n"                                                                           \
    "sxtb16 r11, r11, ror #8\n"                                                                  \
    "smlad  r5, lr, r8, r5\n"                                                                    \
    "smlad  r5, r11, r9, r5\n"
/* acc A requantised (r10 mult, r11 base, lr sh; the fast form) */
#define PW1C_RQ(A)                                                                               \
    "and    r8, " A ", #0x80000000\n"                                                            \
    "orr    r8, r8, #0x40000000\n"                                                               \
    "add    r9, r11, " A ", asr #31\n"                                                           \
    "smlal  r8, r9, " A ", r10\n"                                                                \
    "asr    " A ", r9, lr\n"                                                                     \
    "ssat   " A ", #8, " A "\n"
#define PW1C_CLAMP(A)                                                                            \
    "cmp    " A ", r10\n"                                                                        \
    "it     lt\n"                                                                                \
    "movlt  " A ", r10\n"                                                                        \
    "cmp    " A ", r11\n"                                                                        \
    "it     gt\n"                                                                                \
    "movgt  " A ", r11\n"
#define PW1C_CLAMPS                                                                              \
    "ldrd   r10, r11, [r7, #12]\n" PW1C_CLAMP("r4") PW1C_CLAMP("r5")

/* nnom_pw1c_s8(job r0) and the clamping copy: r7 the job, r0 / r1 the
 * pair's pixels, r2 out, r3 the passes' end, r6 to the next pair, r12 the
 * weights. RUN is the unrolled run's label (global: the C computes the
 * entry into it). */
#define PW1C_WORDS8 PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD
#define PW1C_FN(NAME, RUN, CLAMPS)                                                               \
    ".section .text." #NAME ",\"ax\",%progbits\n"                                                \
    ".global " #NAME "\n"                                                                        \
    ".type " #NAME ", %function\n"                                                               \
    ".global " #RUN "\n"                                                                         \
    ".syntax unified\n"                                                                          \
    ".thumb\n"                                                                                   \
    ".thumb_func\n"                                                                              \
    ".p2align 2\n" #NAME ":\n"                                                                   \
    "push   {r4-r11, lr}\n"                                                                      \
    "mov    r7, r0\n"                                                                            \
    "ldr    r3, [r7, #32]\n"                                                                     \
    "ldr    r0, [r7, #48]\n"                                                                     \
    "ldr    r1, [r7, #52]\n"                                                                     \
    "ldr    r2, [r7, #56]\n"                                                                     \
    "ldr    r6, [r7, #60]\n"                                                                     \
    "1:\n"                                                                                       \
    "cmp    r2, r3\n"                                                                            \
    "beq    3f\n"                                                                                \
    "ldr    r4, [r7, #20]\n"                                                                     \
    "mov    r5, r4\n"                                                                            \
    "ldr    r12, [r7, #24]\n"                                                                    \
    "ldr    pc, [r7, #28]\n"                                                                     \
    ".p2align 2\n" #RUN ":\n"                                                                    \
    PW1C_WORDS8 PW1C_WORDS8 PW1C_WORDS8 PW1C_WORDS8                                              \
    ".if . - " #RUN " != 32 * 44\n"                                                              \
    ".error \"pw1c: a word's code is not 44 bytes\"\n"                                           \
    ".endif\n"                                                                                   \
    "ldm    r7, {r10, r11, lr}\n"                                                                \
    PW1C_RQ("r4") PW1C_RQ("r5") CLAMPS                                                           \
    "strb   r4, [r2], #1\n"                                                                      \
    "strb   r5, [r2], #1\n"                                                                      \
    "add    r0, r0, r6\n"                                                                        \
    "add    r1, r1, r6\n"                                                                        \
    "b      1b\n"                                                                                \
    "3:\n" /* the last pass, if any, then done */                                               \
    "ldr    r0, [r7, #36]\n"                                                                     \
    "cbz    r0, 4f\n"                                                                            \
    "ldr    r1, [r7, #44]\n"                                                                     \
    "ldr    r2, [r7, #40]\n"                                                                     \
    "adds   r3, r2, #2\n"                                                                        \
    "movs   r8, #0\n"                                                                            \
    "str    r8, [r7, #36]\n"                                                                     \
    "b      1b\n"                                                                                \
    "4:\n"                                                                                       \
    "pop    {r4-r11, pc}\n"                                                                      \
    ".size " #NAME ", .-" #NAME "\n"                                                             \
    ".text\n"

__asm__(PW1C_FN(nnom_pw1c_s8, nnom_pw1c_run, ""));
__asm__(PW1C_FN(nnom_pw1c_clamp_s8, nnom_pw1c_run_clamp, PW1C_CLAMPS));

#else
typedef int nnom_pw1c_unused_t; /* ISO C: a translation unit is never empty */
#endif
