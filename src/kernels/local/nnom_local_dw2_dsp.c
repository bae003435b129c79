/*
 * nnom_local_dw2_dsp.c - depthwise layers of two channels whose window is
 * one row of 3 to 16 taps (or one column on a one-pixel-wide input: its
 * pixels lie next to each other too), strides 1 and 2, multiplier 1 (-O2
 * on cores with NNOM_LOCAL_MAC_ASM).
 *
 * Two channels interleave: a word of the input holds pixels p and p + 1 of
 * both, and SXTB16 of it is channel 0's tap pair (x_p, x_p+1); of the word
 * one byte on, channel 1's. So the line is read as it lies, a pair of taps
 * a load and an SMLAD, where nnom_local_dw_tiny_dsp.c copied each
 * channel's line to int16 first (a fifth to a third of such a layer). At
 * stride 1 a pass makes outputs i and i + 1 from the same words: word j
 * against (w_2j, w_2j+1) for i, against (w_2j-1, w_2j) for i + 1. At
 * stride 2 output i + 1's pair j is output i's pair j + 1.
 * Padded lines (and unpadded ones whose reads would pass the input's end)
 * are copied by words into a buffer with the input zero point around them.
 * The requantisation is the tiny loops' (their records, doubled weights
 * and bias less the zero point's share: SMMLAR, shift, SSAT); not taken:
 * activations that clamp inside int8, output zero points other than -128,
 * channels outside that requantisation's range.
 */
#include "nnom_local_dw2.h"
#include "nnom_local_dw_tiny.h" /* nnom_tiny_rq */
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define DW2_MAX_TAPS 16
/* pixels of a copied line (bytes: twice that and the reads' slack) */
#define DW2_LINE 128
#define DW2_BUF (2 * DW2_LINE + 8)
/* the bytes a line's passes read from its first window's start: pixels
 * up to entries + 1 (stride 1's odd last output of an even window reads a
 * word of zero weights), channel 1 a byte on */
#define DW2_READ(entries) (2 * (entries) + 5)
/* the converter's tiny records (nnom/ops/dwtiny_records.py): a first
 * word NNOM_DWTINY5_TAG, then per channel five weight pairs, bias, mult,
 * ra, e and three more pairs */
#define DW2_TINY_WORDS 12

/* One channel's records, the tiny loops' layout (nnom/ops/dwtiny_records.py,
 * nnom_local_dw_tiny_dsp.c's tiny_ch_t): weight pairs (2 w_2j, 2 w_2j+1)
 * as halfwords (those past the window 0), then ssat8(SMMLAR(acc, mult,
 * ra) >> e) of acc = bias + the doubled products; pairs 5 to 7 in far. */
typedef struct {
    int32_t w[5];
    nnom_tiny_rq_t q; /* bias, mult, ra, e */
    int32_t far[3];
} dw2_ch_t;
typedef char dw2_ch_layout_t[sizeof(dw2_ch_t) == 4 * DW2_TINY_WORDS ? 1 : -1];

/* pair j of r (0 past the records' eight) */
NNOM_INLINE int32_t dw2_pair(const dw2_ch_t *r, int32_t j)
{
    return j < 5 ? r->w[j] : j < 8 ? r->far[j - 5] : 0;
}

/* A line's outputs: passes of two from x up to end, then one more where
 * odd; the two channels' outputs interleave (two bytes apart). */
typedef struct {
    const int8_t *x, *end;
    int8_t *out;
    int32_t odd;
    const dw2_ch_t *r;
} dw2_job_t;

/* Stride 1, NW words a pass (both outputs' pairs; e's last 0 for even
 * windows). */
NNOM_INLINE void dw2_s1(const dw2_job_t *jb, const int32_t NW)
{
    const int8_t *x = jb->x, *const end = jb->end;
    int8_t *out = jb->out;
    const dw2_ch_t *r = jb->r;
    const int32_t odd = jb->odd; /* (the int8 stores may alias *jb) */
    /* e[j] (2 w_2j, 2 w_2j+1) for output i, o[j] (2 w_2j-1, 2 w_2j) for
     * output i + 1 */
    int32_t e[DW2_MAX_TAPS / 2 + 1], o[DW2_MAX_TAPS / 2 + 1];
    uint32_t prev = 0;
    for (int32_t j = 0; j < NW; j++) {
        e[j] = dw2_pair(r, j);
        o[j] = (int32_t)(prev >> 16 | (uint32_t)e[j] << 16);
        prev = (uint32_t)e[j];
    }
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, sh = r->q.e;
    for (; x != end; x += 4, out += 4) {
        int32_t a0 = bias, a1 = bias;
#pragma GCC unroll 9
        for (int32_t j = 0; j < NW; j++) {
            const int32_t v = nnom_dw2_x(x + 4 * j);
            a0 = __smlad(v, e[j], a0);
            a1 = __smlad(v, o[j], a1);
        }
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
        out[2] = (int8_t)nnom_dw2_rq(a1, mult, ra, sh);
    }
    if (odd) {
        int32_t a0 = bias;
#pragma GCC unroll 9
        for (int32_t j = 0; j < NW; j++)
            a0 = __smlad(nnom_dw2_x(x + 4 * j), e[j], a0);
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
    }
}

/* Stride 2, NE pairs an output: a pass's second output's pair j is the
 * first's j + 1 (NE + 1 words for 2 NE SMLADs). */
NNOM_INLINE void dw2_s2(const dw2_job_t *jb, const int32_t NE)
{
    const int8_t *x = jb->x, *const end = jb->end;
    int8_t *out = jb->out;
    const dw2_ch_t *r = jb->r;
    const int32_t odd = jb->odd;
    int32_t e[DW2_MAX_TAPS / 2];
    for (int32_t j = 0; j < NE; j++)
        e[j] = dw2_pair(r, j);
    const int32_t bias = r->q.bias, mult = r->q.mult, ra = r->q.ra, sh = r->q.e;
    for (; x != end; x += 8, out += 4) {
        int32_t a0 = __smlad(nnom_dw2_x(x), e[0], bias), a1 = bias;
#pragma GCC unroll 8
        for (int32_t j = 1; j < NE; j++) {
            const int32_t v = nnom_dw2_x(x + 4 * j);
            a0 = __smlad(v, e[j], a0);
            a1 = __smlad(v, e[j - 1], a1);
        }
        a1 = __smlad(nnom_dw2_x(x + 4 * NE), e[NE - 1], a1);
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
        out[2] = (int8_t)nnom_dw2_rq(a1, mult, ra, sh);
    }
    if (odd) {
        int32_t a0 = bias;
#pragma GCC unroll 8
        for (int32_t j = 0; j < NE; j++)
            a0 = __smlad(nnom_dw2_x(x + 4 * j), e[j], a0);
        out[0] = (int8_t)nnom_dw2_rq(a0, mult, ra, sh);
    }
}

/* Three taps at stride 1, four outputs a pass from three words (the next
 * pass's first kept sign-extended in r3): word 0 for outputs i and
 * i + 1, word 1 for all four, word 2 for i + 2 and i + 3; the lone taps
 * by SMLABT and SMLATB against the halves of e0 = (2 w0, 2 w1) and
 * o1 = (2 w1, 2 w2). r0 x, r1 out, r2 qend, r4-r7 the sums, r8 e0, r9 o1,
 * r10 bias, r11 mult, r12 ra, lr e. 30 instructions a pass. Both channels
 * in one call (q[0], q[1]; the stack holds the run and the runs' end),
 * each with its lone last output where one is set (a line of 4m + 1). */
typedef struct {
    const int8_t *x, *qend;
    int8_t *out;
    const dw2_ch_t *r;
    int32_t one;
} dw2_q_t;
void nnom_dw2_k3_s1(const dw2_q_t *q);
__asm__(NNOM_ASM_FUNC("nnom_dw2_k3_s1")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #8\n"
        "add    r1, r0, #40\n"
        "strd   r0, r1, [sp]\n"
        "3:\n"
        "ldrd   r1, r3, [r0, #8]\n"
        "ldrd   r0, r2, [r0]\n"
        "ldrd   r8, r9, [r3]\n"
        "lsl    r9, r9, #16\n"
        "orr    r9, r9, r8, lsr #16\n"
        "ldr    r10, [r3, #20]\n"
        "ldrd   r11, r12, [r3, #24]\n"
        "ldr    lr, [r3, #32]\n"
        "cmp    r0, r2\n"
        "beq    2f\n"
        "ldr    r3, [r0]\n"
        "sxtb16 r3, r3\n"
        "1:\n"
        "smlad  r4, r3, r8, r10\n"
        "smlatb r5, r3, r8, r10\n"
        "ldr    r3, [r0, #4]\n"
        "sxtb16 r3, r3\n"
        "smlabt r4, r3, r9, r4\n"
        "smlad  r5, r3, r9, r5\n"
        "smlad  r6, r3, r8, r10\n"
        "smlatb r7, r3, r8, r10\n"
        "ldr    r3, [r0, #8]!\n"
        "sxtb16 r3, r3\n"
        "smlabt r6, r3, r9, r6\n"
        "smlad  r7, r3, r9, r7\n"
        "smmlar r4, r4, r11, r12\n"
        "smmlar r5, r5, r11, r12\n"
        "smmlar r6, r6, r11, r12\n"
        "smmlar r7, r7, r11, r12\n"
        "asr    r4, r4, lr\n"
        "asr    r5, r5, lr\n"
        "asr    r6, r6, lr\n"
        "asr    r7, r7, lr\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "ssat   r6, #8, r6\n"
        "ssat   r7, #8, r7\n"
        "strb   r4, [r1], #8\n"
        "strb   r5, [r1, #-6]\n"
        "strb   r6, [r1, #-4]\n"
        "strb   r7, [r1, #-2]\n"
        "cmp    r0, r2\n"
        "bne    1b\n"
        "2:\n"
        "ldr    r3, [sp]\n"
        "ldr    r2, [r3, #16]\n"
        "cbz    r2, 4f\n"
        "ldr    r3, [r0]\n"
        "sxtb16 r3, r3\n"
        "smlad  r4, r3, r8, r10\n"
        "ldr    r3, [r0, #4]\n"
        "sxtb16 r3, r3\n"
        "smlabt r4, r3, r9, r4\n"
        "smmlar r4, r4, r11, r12\n"
        "asr    r4, r4, lr\n"
        "ssat   r4, #8, r4\n"
        "strb   r4, [r1]\n"
        "4:\n"
        "ldrd   r0, r1, [sp]\n"
        "adds   r0, r0, #20\n"
        "str    r0, [sp]\n"
        "cmp    r0, r1\n"
        "bne    3b\n"
        "add    sp, sp, #8\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw2_k3_s1, .-nnom_dw2_k3_s1\n"
        ".text\n");

/* Five or six taps at stride 2, four outputs a pass from six words
 * (output i + u's pair j is word u + j: 6 loads for 12 SMLADs), each word
 * used by every sum it reaches as soon as loaded. r0 x, r1 out, r2 qend,
 * r3 the word, r4-r7 the sums, r8-r10 the pairs, r11 bias, r12 mult, lr
 * ra, the stack [0] e, [4] the run, [8] the runs' end. 43 instructions a
 * pass. Both channels in one call, as nnom_dw2_k3_s1 (no lone output). */
void nnom_dw2_p3_s2(const dw2_q_t *q);
#define DW2_W(OFF) "ldr    r3, [r0, #" #OFF "]\n" "sxtb16 r3, r3\n"
__asm__(NNOM_ASM_FUNC("nnom_dw2_p3_s2")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #12\n"
        "add    r1, r0, #40\n"
        "strd   r0, r1, [sp, #4]\n"
        "3:\n"
        "ldrd   r1, r3, [r0, #8]\n"
        "ldrd   r0, r2, [r0]\n"
        "ldrd   r8, r9, [r3]\n"
        "ldr    r10, [r3, #8]\n"
        "ldrd   r11, r12, [r3, #20]\n"
        "ldr    lr, [r3, #28]\n"
        "ldr    r3, [r3, #32]\n"
        "str    r3, [sp]\n"
        "cmp    r0, r2\n"
        "beq    2f\n"
        "1:\n"
        DW2_W(0)
        "smlad  r4, r3, r8, r11\n"
        DW2_W(4)
        "smlad  r4, r3, r9, r4\n"
        "smlad  r5, r3, r8, r11\n"
        DW2_W(8)
        "smlad  r4, r3, r10, r4\n"
        "smlad  r5, r3, r9, r5\n"
        "smlad  r6, r3, r8, r11\n"
        DW2_W(12)
        "smlad  r5, r3, r10, r5\n"
        "smlad  r6, r3, r9, r6\n"
        "smlad  r7, r3, r8, r11\n"
        DW2_W(20)
        "smlad  r7, r3, r10, r7\n"
        "ldr    r3, [r0, #16]!\n"
        "sxtb16 r3, r3\n"
        "smlad  r6, r3, r10, r6\n"
        "smlad  r7, r3, r9, r7\n"
        "smmlar r4, r4, r12, lr\n"
        "smmlar r5, r5, r12, lr\n"
        "smmlar r6, r6, r12, lr\n"
        "smmlar r7, r7, r12, lr\n"
        "ldr    r3, [sp]\n"
        "asr    r4, r4, r3\n"
        "asr    r5, r5, r3\n"
        "asr    r6, r6, r3\n"
        "asr    r7, r7, r3\n"
        "ssat   r4, #8, r4\n"
        "ssat   r5, #8, r5\n"
        "ssat   r6, #8, r6\n"
        "ssat   r7, #8, r7\n"
        "strb   r4, [r1], #8\n"
        "strb   r5, [r1, #-6]\n"
        "strb   r6, [r1, #-4]\n"
        "strb   r7, [r1, #-2]\n"
        "cmp    r0, r2\n"
        "bne    1b\n"
        "2:\n"
        "ldrd   r0, r1, [sp, #4]\n"
        "adds   r0, r0, #20\n"
        "str    r0, [sp, #4]\n"
        "cmp    r0, r1\n"
        "bne    3b\n"
        "add    sp, sp, #12\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw2_p3_s2, .-nnom_dw2_p3_s2\n"
        ".text\n");

/* A line's two channels, one call: j is channel 0's job, channel 1's
 * bytes (input and output) and records one on. */
typedef void (*dw2_fn)(const dw2_job_t *);
NNOM_INLINE dw2_job_t dw2_ch1(const dw2_job_t *j)
{
    return (dw2_job_t){j->x + 1, j->end + 1, j->out + 1, j->odd, j->r + 1};
}
#define DW2_S1(N)                                                                                \
    static NNOM_NOINLINE void dw2_s1_##N(const dw2_job_t *j)                                     \
    {                                                                                            \
        const dw2_job_t j1 = dw2_ch1(j);                                                         \
        dw2_s1(j, N);                                                                            \
        dw2_s1(&j1, N);                                                                          \
    }
#define DW2_S2(N)                                                                                \
    static NNOM_NOINLINE void dw2_s2_##N(const dw2_job_t *j)                                     \
    {                                                                                            \
        const dw2_job_t j1 = dw2_ch1(j);                                                         \
        dw2_s2(j, N);                                                                            \
        dw2_s2(&j1, N);                                                                          \
    }
/* three taps: both channels' passes of four (and a lone last output) in
 * one call, then the rest (a pair, an odd one) */
static NNOM_NOINLINE void dw2_s1_2(const dw2_job_t *j)
{
    const int32_t q = (int32_t)(j->end - j->x) & ~7;
    const int8_t *const qx = j->x + q;
    const int32_t one = qx == j->end ? j->odd : 0;
    const dw2_q_t qj[2] = {{j->x, qx, j->out, j->r, one},
                           {j->x + 1, qx + 1, j->out + 1, j->r + 1, one}};
    nnom_dw2_k3_s1(qj);
    if (qx != j->end) {
        const dw2_job_t rest = {qx, j->end, j->out + q, j->odd, j->r};
        const dw2_job_t rest1 = dw2_ch1(&rest);
        dw2_s1(&rest, 2);
        dw2_s1(&rest1, 2);
    }
}
DW2_S1(6)
DW2_S1(7)
DW2_S1(8)
DW2_S1(9)
/* five or six taps: both channels' passes of four in one call, then the
 * rest (a pair, an odd one) */
static NNOM_NOINLINE void dw2_s2_3(const dw2_job_t *j)
{
    const int32_t q = (int32_t)(j->end - j->x) & ~15;
    const int8_t *const qx = j->x + q;
    const dw2_q_t qj[2] = {{j->x, qx, j->out, j->r, 0}, {j->x + 1, qx + 1, j->out + 1, j->r + 1, 0}};
    nnom_dw2_p3_s2(qj);
    if (qx != j->end || j->odd) {
        const dw2_job_t rest = {qx, j->end, j->out + q / 2, j->odd, j->r};
        const dw2_job_t rest1 = dw2_ch1(&rest);
        dw2_s2(&rest, 3);
        dw2_s2(&rest1, 3);
    }
}
DW2_S2(4)
DW2_S2(5)
DW2_S2(6)
DW2_S2(7)
DW2_S2(8)
/* stride 1 by k / 2 - 1 (k / 2 + 1 words a pass), stride 2 by (k + 1) / 2
 * - 2 ((k + 1) / 2 pairs an output); NULL where nnom_dw2_try does not
 * take the window (4 to 10 taps at stride 1, 3 and 4 at stride 2) */
static const dw2_fn dw2_fns[2][DW2_MAX_TAPS / 2] = {
    {dw2_s1_2, NULL, NULL, NULL, dw2_s1_6, dw2_s1_7, dw2_s1_8, dw2_s1_9},
    {NULL, dw2_s2_3, dw2_s2_4, dw2_s2_5, dw2_s2_6, dw2_s2_7, dw2_s2_8}};

/* Channel ch's records built here (nnom_local_dw_tiny_dsp.c's
 * tiny_records()); 0 where its requantisation or sums do not suit. */
static int dw2_build(const nnom_conv_args_t *a, int32_t ch, int32_t k, dw2_ch_t *r)
{
    const int8_t *w = a->weight + ch;
    int32_t sum = 0;
    *r = (dw2_ch_t){{0}, {0, 0, 0, 0}, {0}};
    for (int32_t j = 0; 2 * j < k; j++, w += 4) {
        const int32_t w0 = w[0], w1 = 2 * j + 1 < k ? w[2] : 0;
        const int32_t v = (int32_t)(((uint32_t)w0 << 1 & 0xFFFFu) | (uint32_t)w1 << 17);
        if (j < 5)
            r->w[j] = v;
        else
            r->far[j - 5] = v;
        sum += w0 + w1;
    }
    return nnom_tiny_rq(a, ch, k, sum, &r->q);
}

NNOM_INLINE void dw2_put4(int8_t *d, uint32_t v)
{
    memcpy(d, &v, 4);
}

/* nb >= 4 (even) bytes of x (any alignment) to d (word-aligned): 16
 * bytes a pass by four loads and an STM (GCC's loop took 15 instructions
 * a pass), the words left, then the last word ending at nb (overlapping
 * the one before where nb is not a multiple of four; nothing past nb). */
static inline void dw2_copy(uint32_t *d, const int8_t *x, int32_t nb)
{
    const int8_t *const last = x + nb - 4;
    if (nb >= 16) {
        const int8_t *const stop = x + nb - 16;
        __asm__ volatile("1:\n"
                         "ldr    r4, [%[x]]\n"
                         "ldr    r5, [%[x], #4]\n"
                         "ldr    r6, [%[x], #8]\n"
                         "ldr    r7, [%[x], #12]\n"
                         "adds   %[x], %[x], #16\n"
                         "stmia  %[d]!, {r4-r7}\n"
                         "cmp    %[x], %[stop]\n"
                         "bls    1b\n"
                         : [x] "+r"(x), [d] "+r"(d)
                         : [stop] "r"(stop)
                         : "r4", "r5", "r6", "r7", "cc", "memory");
    }
    for (; x < last; x += 4)
        *d++ = nnom_read4(x);
    dw2_put4((int8_t *)d - (x - last), nnom_read4(last));
}

/* Line by line: each channel's passes on the input, or on a copy of the
 * line with the zero point around it where padded or where the reads
 * would pass the input's end. */
static inline void dw2_lines(const nnom_conv_args_t *a, const dw2_ch_t *r, dw2_fn fn,
                                    int32_t k, int32_t s, int32_t pad, int32_t in, int32_t n,
                                    int32_t lines, int32_t xl, int32_t ol)
{
    const int32_t entries = (n - 1) * s + k, reach = DW2_READ(entries);
    /* a line from offset last on reads past the input's end */
    const int32_t last = a->in.h * a->in.w * 2 - reach;
    const int32_t m = in < entries - pad ? in : entries - pad, nb = 2 * m;
    /* the copy's first input byte word-aligned (its stores by STM) */
    uint32_t mem[DW2_BUF / 4 + 3]; /* (a word each side for the fills' whole words) */
    int8_t *const buf = (int8_t *)(mem + 1) + 2 * (pad & 1);
    uint32_t *const d = (uint32_t *)(void *)(buf + 2 * pad);
    const int8_t *x = a->input;
    if (pad != 0 || (lines - 1) * xl > last) {
        /* the zero point before and after the copied bytes, once (whole
         * words: the copies overwrite the middle) */
        const uint32_t z = (uint32_t)(uint8_t)a->p.input_zp * 0x01010101u;
        uint32_t *w = d - 1; /* (down to buf; the word before it where pad is 0) */
        *w = z;
        while ((int8_t *)w > buf)
            *--w = z;
        w = (uint32_t *)(void *)((int8_t *)d + (nb & ~3)); /* (reach >= 2 pad + nb + 5) */
        *w = z;
        while ((int8_t *)++w < buf + reach)
            *w = z;
    }
    const int32_t pass = s == 1 ? 4 : 8;
    int8_t *o = a->output;
    for (int32_t l = 0, at = 0; l < lines; l++, x += xl, o += ol, at += xl) {
        const int8_t *src = x;
        if (pad != 0 || at > last) {
            dw2_copy(d, x, nb);
            src = buf;
        }
        const int8_t *end = src + (n >> 1) * pass;
        const dw2_job_t j = {src, end, o, n & 1, r};
        fn(&j);
    }
}

int nnom_dw2_try(const nnom_conv_args_t *a)
{
    /* (two output channels, zero point -128, no clamp: nnom_dw2_asks()) */
    if (a->ch_mult != 1 || a->in.c != 2)
        return 0;
    int32_t k, s, pad, in, n, lines, xl, ol;
    if (a->k.h == 1) { /* rows of taps along w; lines down h (one input row each) */
        if (a->p.dilation_w != 1 || a->p.pad_top != 0 ||
            (a->out.h - 1) * a->p.stride_h >= a->in.h)
            return 0;
        k = a->k.w;
        s = a->p.stride_w;
        pad = a->p.pad_left;
        in = a->in.w;
        n = a->out.w;
        lines = a->out.h;
        xl = a->p.stride_h * a->in.w * 2;
        ol = a->out.w * 2;
    } else { /* a column of taps on a one-pixel-wide input: one line */
        if (a->k.w != 1 || a->in.w != 1 || a->out.w != 1 || a->p.dilation_h != 1 ||
            a->p.pad_left != 0)
            return 0;
        k = a->k.h;
        s = a->p.stride_h;
        pad = a->p.pad_top;
        in = a->in.h;
        n = a->out.h;
        lines = 1;
        xl = ol = 0;
    }
    const int32_t entries = (n - 1) * s + k;
    /* (the windows, strides and lengths taken: nnom_dw2_asks(); no pass
     * function for the others) */
    if ((s != 1 && s != 2) || k < 3 || k > DW2_MAX_TAPS || pad < 0 || pad >= entries || n < 1)
        return 0;
    const dw2_fn fn = dw2_fns[s - 1][s == 1 ? k / 2 - 1 : (k + 1) / 2 - 2];
    if (fn == NULL)
        return 0;
    /* a line copied (padded, or the last one's reads past the input's
     * end) must fit the buffer */
    if (DW2_READ(entries) > DW2_BUF &&
        (pad != 0 || (lines - 1) * xl + DW2_READ(entries) > a->in.h * a->in.w * 2))
        return 0;
    /* the converter's records (written where the tiny loops take the
     * layer), else built here */
    dw2_ch_t own[2];
    const dw2_ch_t *r = own;
    if (a->records != NULL && a->records[0] == NNOM_DWTINY5_TAG)
        r = (const dw2_ch_t *)(const void *)(a->records + 1);
    else if (!dw2_build(a, 0, k, &own[0]) || !dw2_build(a, 1, k, &own[1]))
        return 0;
    dw2_lines(a, r, fn, k, s, pad, in, n, lines, xl, ol);
    return 1;
}

#else
typedef int nnom_local_dw2_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
