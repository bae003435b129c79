/*
 * nnom_local_dwcol1_dsp.c - the one or two channels past a multiple of
 * four of a one-row layer on the scaled records (see nnom_local_dwcol.h;
 * -O2 on DSP cores): lane 3 (4 g + 1 channels) or lanes 2 and 3 (4 g + 2)
 * of the overlapping last group's records on those channels alone, where
 * the group would cost four channels' work an output and a tiny lane
 * ~430 instructions of set-up (its records, the copy, the checks) a layer.
 */
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#include <string.h>

#if NNOM_LOCAL_MAC_ASM

/* ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWCOL_SC_N), the scaled loop's form */
NNOM_INLINE int32_t dwcol1_rq(int32_t acc, int32_t mult, int32_t rnd)
{
    int32_t v;
    __asm__("smmla %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(rnd));
    return __ssat(v >> NNOM_DWCOL_SC_N, 8);
}

/* One output of the window at x into o, then both a step on */
#define DWCOL1_OUT(S)                                                                            \
    const int8_t *p = x;                                                                         \
    int32_t acc = bias;                                                                          \
    _Pragma("GCC unroll 8") for (int t = 0; t < NP; t++, p += 2 * xs)                           \
    {                                                                                            \
        acc = __smlabb(p[0], w[t], acc);                                                         \
        acc = __smlabt(p[xs], w[t], acc);                                                        \
    }                                                                                            \
    if (ODD)                                                                                     \
        acc = __smlabt(p[0], wodd, acc);                                                         \
    *o = (int8_t)dwcol1_rq(acc, mult, rnd);                                                      \
    x += (S) * xs;                                                                               \
    o += op

/* The lines' outputs at stride S (xp = S xs), NP pairs of taps (the
 * weights in registers) and the odd last tap where ODD */
NNOM_INLINE void dwcol1_body(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo,
                             const int NP, const int ODD, const int S)
{
    const int32_t g4 = 4 * j->groups; /* channel oc - 1 */
    const int32_t *r = j->rec + j->groups * nnom_dwcol_words(2 * NP + ODD, 1);
    const int32_t xs = j->xs, op = j->op, bias = r[3];
    int32_t w[8];
#pragma GCC unroll 8
    for (int t = 0; t < NP; t++)
        w[t] = r[4 + 4 * t + 3];
    const int32_t *q = r + 4 + 4 * NP;
    const int32_t wodd = ODD ? q[1] : 0; /* (w1, w3): channel 3's high half */
    q += 2 * ODD;
    const int32_t mult = q[6], rnd = q[7];
    /* one form of the lines' loop a stride: GCC's steps cost one less an
     * output in the first at stride 1, 16 less a layer in the second at
     * stride 2 (measured) */
    if (S == 1) {
        for (int32_t l = 0; l < lines; l++) {
            const int8_t *x = j->x + g4 + l * lx;
            int8_t *o = j->out + g4 + l * lo;
            int8_t *const end = o + j->n * op;
            do {
                DWCOL1_OUT(S);
            } while (o != end);
        }
        return;
    }
    const int8_t *x0 = j->x + g4;
    int8_t *o0 = j->out + g4;
    const int32_t span = j->n * op;
    do {
        const int8_t *x = x0;
        int8_t *o = o0, *const end = o0 + span;
        do {
            DWCOL1_OUT(S);
        } while (o != end);
        x0 += lx;
        o0 += lo;
    } while (--lines > 0);
}

/* The same on channels 4 groups and 4 groups + 1 (lanes 2 and 3), the
 * records read in the loop (twice the words: in registers GCC spills
 * them to the stack first) */
NNOM_INLINE void dwcol2_body(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo,
                             const int NP, const int ODD, const int S)
{
    const int32_t g4 = 4 * j->groups;
    const int32_t *r = j->rec + j->groups * nnom_dwcol_words(2 * NP + ODD, 1);
    const int32_t *q = r + 4 + 4 * NP; /* odd: (w0, w2), (w1, w3); then mult, rnd */
    const int32_t xs = j->xs, op = j->op, span = j->n * op;
    const int8_t *x0 = j->x + g4;
    int8_t *o0 = j->out + g4;
    do {
        const int8_t *x = x0;
        int8_t *o = o0, *const end = o0 + span;
        do {
            const int8_t *p = x;
            int32_t a2 = r[2], a3 = r[3];
#pragma GCC unroll 8
            for (int t = 0; t < NP; t++, p += 2 * xs) {
                /* both channels' two taps: bytes (a_t, b_t, a_t+1, b_t+1) */
                uint16_t h0, h1;
                memcpy(&h0, p, 2);
                memcpy(&h1, p + xs, 2);
                const uint32_t v = h0 | (uint32_t)h1 << 16;
                a2 = __smlad(__sxtb16((int8x4_t)v), (int16x2_t)r[4 + 4 * t + 2], a2);
                a3 = __smlad(nnom_sxtb16_odd(v), (int16x2_t)r[4 + 4 * t + 3], a3);
            }
            if (ODD) {
                a2 = __smlabt(p[0], q[0], a2);
                a3 = __smlabt(p[1], q[1], a3);
            }
            o[0] = (int8_t)dwcol1_rq(a2, q[2 * ODD + 4], q[2 * ODD + 5]);
            o[1] = (int8_t)dwcol1_rq(a3, q[2 * ODD + 6], q[2 * ODD + 7]);
            x += S * xs;
            o += op;
        } while (o != end);
        x0 += lx;
        o0 += lo;
    } while (--lines > 0);
}

#define DWCOL1_FN(C, NP, ODD, S)                                                                 \
    static NNOM_NOINLINE void dwcol##C##_##NP##_##ODD##_##S(                                    \
        const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo)                        \
    {                                                                                            \
        dwcol##C##_body(j, lines, lx, lo, NP, ODD, S);                                           \
    }
#define DWCOL1_FNS(C, NP)                                                                        \
    DWCOL1_FN(C, NP, 0, 1) DWCOL1_FN(C, NP, 1, 1) DWCOL1_FN(C, NP, 0, 2) DWCOL1_FN(C, NP, 1, 2)
DWCOL1_FNS(1, 2)
DWCOL1_FNS(1, 3)
DWCOL1_FNS(1, 4)
DWCOL1_FNS(2, 2)
DWCOL1_FNS(2, 3)
DWCOL1_FNS(2, 4)

typedef void (*dwcol1_fn)(const nnom_dwcol_job_t *, int32_t, int32_t, int32_t);
/* by channels (1, 2), taps (4 to 9: pairs 2 to 4, even and odd) and
 * stride (1, 2): more pairs cost more than a lane, in registers or not */
#define DWCOL1_TAPS(C, NP)                                                                       \
    dwcol##C##_##NP##_0_1, dwcol##C##_##NP##_0_2, dwcol##C##_##NP##_1_1, dwcol##C##_##NP##_1_2
/* (one row: word 12 (rest - 1) + 2 (k - 4) + s - 1, alone_head()'s loop) */
static const dwcol1_fn dwcol1_fns[24] = {DWCOL1_TAPS(1, 2), DWCOL1_TAPS(1, 3), DWCOL1_TAPS(1, 4),
                                         DWCOL1_TAPS(2, 2), DWCOL1_TAPS(2, 3), DWCOL1_TAPS(2, 4)};

/* Whether the rest channels (1 or 2) go alone: 4 to 9 taps at stride 1 or
 * 2, one past where nnom_dwcol_one_pays, two where the overlapping group
 * was the other course (the lanes' rule refused) */
#define DWCOL1_TAKES(k, s, out, rest)                                                            \
    ((uint32_t)(k)-4u <= 5u && (uint32_t)(s)-1u <= 1u &&                                         \
     ((rest) == 1 ? nnom_dwcol_one_pays(out, k, s) : !nnom_dwcol_lanes_pay(out, 2)))

/* The layer from x (the padded line's copy): the rest channels' lines,
 * then the whole groups' (the line's other checks were nnom_dw_line_try's).
 * One function from the arguments to the loops, the geometry worked out
 * once. */
int nnom_dwcol_one_lines(const nnom_conv_args_t *a, const int8_t *x)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w, s = down ? p->stride_h : p->stride_w;
    const int32_t out = down ? a->out.h : a->out.w, oc = a->out.c, rest = oc & 3;
    /* (out.c >= 8 on one row, the callers' rule: never nnom_dw_odd_flat's) */
    if (!DWCOL1_TAKES(k, s, out, rest))
        return 0;
    const int32_t lines = down ? a->out.w : a->out.h;
    const int32_t xb = down ? a->in.w * oc : oc, ob = down ? a->out.w * oc : oc;
    const int32_t lx = down ? p->stride_w * oc : p->stride_h * a->in.w * oc;
    const int32_t lo = down ? oc : a->out.w * oc;
    nnom_dwcol_job_t j = {x, a->output, a->records + 1, out, xb, s * xb, ob, k >> 1, k & 1, oc >> 2};
    dwcol1_fns[12 * (rest - 1) + 2 * (k - 4) + s - 1](&j, lines, lx, lo);
    nnom_dwcol_lines(&j, x, a->output, lines, lx, lo, oc, 0, 1);
    return 1;
}

int nnom_dwcol_alone_holds(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w, s = down ? p->stride_h : p->stride_w;
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    const int32_t oc = a->out.c, rest = oc & 3;
    /* the loops' table: rest 1 or 2, 4 to 9 taps, stride 1 or 2 */
    if ((uint32_t)rest - 1u > 1u || (uint32_t)k - 4u > 5u || (uint32_t)s - 1u > 1u ||
        (out - 1) * s + k > in || (down ? p->dilation_h : p->dilation_w) != 1 ||
        a->ch_mult != 1 || oc != a->in.c)
        return 0;
    const int32_t xb = down ? a->in.w * oc : oc;
    const int32_t *h = a->records + 1;
    /* every word against the layer's, the differences or-ed: no branch a
     * word (the first run of small layers shows each instruction: 20 less
     * than a test a word) */
    uint32_t d = (uint32_t)((h[0] & ~NNOM_DWCOL_AL_CM) ^ (12 * (rest - 1) + 2 * (k - 4) + s - 1));
    d |= (uint32_t)(h[1] ^ (down ? a->out.w : a->out.h));
    d |= (uint32_t)(h[2] ^ (down ? p->stride_w * oc : p->stride_h * a->in.w * oc));
    d |= (uint32_t)(h[3] ^ (down ? oc : a->out.w * oc));
    d |= (uint32_t)(h[4] ^ out) | (uint32_t)(h[5] ^ xb) | (uint32_t)(h[6] ^ (s * xb));
    d |= (uint32_t)(h[7] ^ (down ? a->out.w * oc : oc));
    d |= (uint32_t)(h[8] ^ (k >> 1)) | (uint32_t)(h[9] ^ (k & 1)) | (uint32_t)(h[10] ^ (oc >> 2));
    return d == 0;
}

/* The kept run on the records h and the buffers: all it reads (the direct
 * type's run passes the config's block, no copy) */
NNOM_INLINE void dwcol_one(const int32_t *h, const int8_t *x, int8_t *o)
{
    /* the converter's words: the loops, lines, lx, lo, then the job's */
    nnom_dwcol_job_t j;
    j.x = x;
    j.out = o;
    j.rec = h + NNOM_DWCOL_AL_HEAD;
    memcpy(&j.n, h + 5, 7 * sizeof(int32_t)); /* n, xs, xp, op, pairs, odd, groups */
    const int32_t loops = h[1], lx = h[3], lo = h[4];
    int32_t lines = h[2];
    dwcol1_fns[loops & 31](&j, lines, lx, lo);
    /* the whole groups a line (nnom_dwcol_run's choice, the converter's) */
    void (*const groups)(const nnom_dwcol_job_t *) =
        loops & NNOM_DWCOL_AL_CM ? nnom_dwcol_cmsc_s8 : nnom_dwcol_sc_s8;
    for (;;) {
        groups(&j);
        if (--lines == 0)
            return;
        j.x += lx;
        j.out += lo;
    }
}

void nnom_dwcol_one_early(const nnom_conv_args_t *a)
{
    dwcol_one(a->records, a->input, a->output);
}

nnom_status_t nnom_dwcol_one_direct(const nnom_conv_args_t *block,
                                    const int8_t *input, int8_t *output)
{
    dwcol_one(block->records, input, output);
    return NN_SUCCESS;
}

#else
typedef int nnom_local_dwcol1_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
