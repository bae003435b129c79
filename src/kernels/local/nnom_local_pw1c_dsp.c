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
 * its length (LDR PC: no test per word), and the one channel's
 * requantisation constants are read once per pass: ReLU layers (output
 * zero point -128) SMMLAR on doubled weights and bias (the depthwise
 * loops' form), others the fast form; layers clamping inside int8 are
 * left to the Dense loop. The pixels lie in.c
 * bytes apart in the input: a last word past in.c meets zero weights, but
 * for the last pixel, whose word would run past the input: the last pass
 * (pixels n - 2, n - 1) reads a copy of it then. A table entry of its own before
 * the Dense loop's (nnom_dispatch.c): the check runs once per compile.
 */
#include "nnom_local_pw1px.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#define PW1C_MAX_CIN 128
#define PW1C_CHAIN (PW1C_MAX_CIN / 4) /* words in the unrolled run: every row */
#define PW1C_WORD_BYTES 44            /* one word's code: eleven 32-bit instructions */

/* The assembly's job; the field offsets are its. */
typedef struct {
    int32_t mult, base, sh; /* the fast form's; SMMLAR's: mult, ra, e */
    int32_t lo, hi; /* unused: the layers have no clamp inside int8 */
    int32_t bias, bias1; /* bias1 = bias: one LDRD for both pixels */
    const int32_t *w;    /* the widened weights: (w0, w2), (w1, w3) a word */
    uint32_t entry;      /* into the unrolled run, Thumb bit set */
    uint32_t tail;       /* the requantisation's code, Thumb bit set */
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
                                        offsetof(nnom_pw1c_job_t, tail) == 36 &&
                                        offsetof(nnom_pw1c_job_t, xlast) == 44 &&
                                        offsetof(nnom_pw1c_job_t, adv) == 68
                                    ? 1
                                    : -1];
/* labels in the assembly (even addresses: not Thumb functions) */
extern const uint8_t nnom_pw1c_run[], nnom_pw1c_fast[], nnom_pw1c_mm[];
void nnom_pw1c_s8(nnom_pw1c_job_t *j);

/* Asked first for every Conv2D (so out.c first), once per compile. */
uint32_t nnom_local_pw1c_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (a->out.c != 1)
        return NNOM_UNSUITED;
    /* at least two pixels per word of weights above 16 inputs: fewer do
     * not repay the widening (1x3 128->1: 1,682 instructions against the
     * Dense loop's 1,369) */
    const int32_t n = a->out.h * a->out.w, words = (a->in.c + 3) / 4;
    if (n < 2 || (n < 2 * words && words > 4) || a->in.c < 4 || a->in.c > PW1C_MAX_CIN ||
        a->k.c != a->in.c)
        return NNOM_UNSUITED;
    /* no clamp inside int8 (a converted model's ReLU6 has none) */
    const int clamp = a->p.act_min != -128 || a->p.act_max != 127;
    return nnom_pw_stride1(a) && !clamp && nnom_rq_fast_ok(a->rq.mult[0], a->rq.shift[0])
               ? 0u
               : NNOM_UNSUITED;
}

/* The first t (1-3) bytes at p, zeros above */
NNOM_FORCE_INLINE uint32_t pw1c_tail(const int8_t *p, int32_t t)
{
    uint32_t v = (uint8_t)p[0];
    if (t > 1)
        v |= (uint32_t)(uint8_t)p[1] << 8;
    if (t > 2)
        v |= (uint32_t)(uint8_t)p[2] << 16;
    return v;
}

/* The weights widened into w, doubled (SMMLAR's form) or not. */
NNOM_FORCE_INLINE void pw1c_widen(int32_t *w, const int8_t *p, int32_t K, int doubled)
{
    const int32_t whole = K / 4, t = K % 4;
    for (int32_t i = 0; i <= whole; i++) {
        if (i == whole && t == 0)
            break;
        const uint32_t v = i < whole ? nnom_read4(p + 4 * i) : pw1c_tail(p + 4 * i, t);
        int16x2_t e = __sxtb16((int8x4_t)v), o = nnom_sxtb16_odd(v);
        if (doubled) {
            e = __sadd16(e, e);
            o = __sadd16(o, o);
        }
        w[2 * i] = (int32_t)e;
        w[2 * i + 1] = (int32_t)o;
    }
}

nnom_status_t nnom_local_pw1c(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t K = a->in.c, n = a->out.h * a->out.w, whole = K / 4, t = K % 4;
    const int32_t words = whole + (t != 0);
    nnom_pw1c_job_t j;
    uint32_t last[PW1C_MAX_CIN / 4];
    (void)ctx;
    if (a->bias_folded != NULL) {
        j.bias = a->bias_folded[0];
    } else {
        uint32_t sum = 0;
        for (int32_t k = 0; k < K; k++)
            sum += (uint32_t)a->weight[k];
        j.bias = (int32_t)((uint32_t)a->bias[0] - (uint32_t)a->p.input_zp * sum);
    }
    const int32_t mult = a->rq.mult[0], e = -a->rq.shift[0];
    const uint8_t *tail;
    const uint32_t reach = (1u << 30) - (uint32_t)K * 16384u - 1u;
    if (a->p.output_zp == -128 && (uint32_t)j.bias + reach <= 2u * reach) {
        /* ReLU's form, no clamp: 2 acc (doubled weights and bias), then
         * ssat8(SMMLAR(2 acc, mult, ra) >> e); |acc| < 2^30 */
        pw1c_widen(j.wbuf, a->weight, K, 1);
        j.bias *= 2;
        j.mult = mult;
        j.base = (int32_t)((uint32_t)-255 << (e - 1));
        j.sh = e;
        tail = nnom_pw1c_mm;
    } else {
        pw1c_widen(j.wbuf, a->weight, K, 0);
        const nnom_rq_t r = nnom_rq_of(mult, -e, a->p.output_zp);
        j.mult = r.mult;
        j.base = r.base;
        j.sh = r.sh;
        tail = nnom_pw1c_fast;
    }
    j.bias1 = j.bias;
    j.w = j.wbuf;
    j.entry = ((uint32_t)(uintptr_t)nnom_pw1c_run +
               (uint32_t)((PW1C_CHAIN - words) * PW1C_WORD_BYTES)) |
              1u;
    j.tail = (uint32_t)(uintptr_t)tail | 1u;
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
    nnom_pw1c_s8(&j);
    return NN_SUCCESS;
}

#define PW1C_WORD NNOM_PW_WORD2
/* acc A requantised (r10 mult, r11 base, lr sh; the fast form) */
#define PW1C_RQ(A)                                                                               \
    "and    r8, " A ", #0x80000000\n"                                                            \
    "orr    r8, r8, #0x40000000\n"                                                               \
    "add    r9, r11, " A ", asr #31\n"                                                           \
    "smlal  r8, r9, " A ", r10\n"                                                                \
    "asr    " A ", r9, lr\n"                                                                     \
    "ssat   " A ", #8, " A "\n"
/* acc A requantised by SMMLAR (r10 mult, r11 ra, lr e) */
#define PW1C_MM(A)                                                                               \
    "smmlar " A ", " A ", r10, r11\n"                                                            \
    "asr    " A ", " A ", lr\n"                                                                  \
    "ssat   " A ", #8, " A "\n"
#define PW1C_WORDS8 PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD PW1C_WORD

/* nnom_pw1c_s8(job r0): r7 the job, r0 / r1 the pair's pixels, r2 out, r3
 * the passes' end, r6 to the next pair, r12 the weights. A pass enters the
 * unrolled run at the job's entry and leaves it for the job's
 * requantisation (the labels are global: the C computes both). */
__asm__(".section .text.nnom_pw1c_s8,\"ax\",%progbits\n"
        ".global nnom_pw1c_s8\n"
        ".type nnom_pw1c_s8, %function\n"
        ".global nnom_pw1c_run\n"
        ".global nnom_pw1c_fast\n"
        ".global nnom_pw1c_mm\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_pw1c_s8:\n"
        "push   {r4-r11, lr}\n"
        "mov    r7, r0\n"
        "ldr    r3, [r7, #40]\n"
        "ldr    r0, [r7, #56]\n"
        "ldr    r1, [r7, #60]\n"
        "ldr    r2, [r7, #64]\n"
        "ldr    r6, [r7, #68]\n"
        "b      2f\n"
        "1:\n"
        "ldrd   r4, r5, [r7, #20]\n"
        "ldr    r12, [r7, #28]\n"
        "ldr    pc, [r7, #32]\n"
        ".p2align 2\n"
        "nnom_pw1c_run:\n"
        PW1C_WORDS8 PW1C_WORDS8 PW1C_WORDS8 PW1C_WORDS8
        ".if . - nnom_pw1c_run != 32 * 44\n"
        ".error \"pw1c: a word's code is not 44 bytes\"\n"
        ".endif\n"
        "ldm    r7, {r10, r11, lr}\n"
        "ldr    pc, [r7, #36]\n"
        ".p2align 2\n"
        "nnom_pw1c_fast:\n"
        PW1C_RQ("r4") PW1C_RQ("r5")
        "b      5f\n"
        ".p2align 2\n"
        "nnom_pw1c_mm:\n"
        PW1C_MM("r4") PW1C_MM("r5")
        "5:\n"
        "strb   r4, [r2], #1\n"
        "strb   r5, [r2], #1\n"
        "add    r0, r0, r6\n"
        "add    r1, r1, r6\n"
        "2:\n"
        "cmp    r2, r3\n"
        "bne    1b\n"
        /* the last pass, if any, then done */
        "ldr    r0, [r7, #44]\n"
        "cbz    r0, 4f\n"
        "ldr    r1, [r7, #52]\n"
        "ldr    r2, [r7, #48]\n"
        "adds   r3, r2, #2\n"
        "movs   r8, #0\n"
        "str    r8, [r7, #44]\n"
        "b      1b\n"
        "4:\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_pw1c_s8, .-nnom_pw1c_s8\n"
        ".text\n");

#else
typedef int nnom_pw1c_unused_t; /* ISO C: a translation unit is never empty */
#endif
