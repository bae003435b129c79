/*
 * nnom_local_dwcol1_dsp.c - the one channel past a multiple of four of a
 * one-row layer on the scaled records (see nnom_local_dwcol.h; -O2 on DSP
 * cores): lane 3 of the overlapping last group's records (channel oc - 1)
 * on that channel alone, where the group would cost four channels' work
 * an output and a tiny lane ~430 instructions of set-up (its records,
 * the copy, the checks) a layer.
 */
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"
#include "nnom_local_dw_odd.h"

#if NNOM_LOCAL_MAC_ASM

/* ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWCOL_SC_N), the scaled loop's form */
NNOM_INLINE int32_t dwcol1_rq(int32_t acc, int32_t mult, int32_t rnd)
{
    int32_t v;
    __asm__("smmla %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(rnd));
    return __ssat(v >> NNOM_DWCOL_SC_N, 8);
}

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
    for (int32_t l = 0; l < lines; l++) {
        const int8_t *x = j->x + g4 + l * lx;
        int8_t *o = j->out + g4 + l * lo;
        int8_t *const end = o + j->n * op;
        do {
            const int8_t *p = x;
            int32_t acc = bias;
#pragma GCC unroll 8
            for (int t = 0; t < NP; t++, p += 2 * xs) {
                acc = __smlabb(p[0], w[t], acc);
                acc = __smlabt(p[xs], w[t], acc);
            }
            if (ODD)
                acc = __smlabt(p[0], wodd, acc);
            *o = (int8_t)dwcol1_rq(acc, mult, rnd);
            x += S * xs;
            o += op;
        } while (o != end);
    }
}

#define DWCOL1_FN(NP, ODD, S)                                                                    \
    static NNOM_NOINLINE void dwcol1_##NP##_##ODD##_##S(const nnom_dwcol_job_t *j,            \
                                                        int32_t lines, int32_t lx, int32_t lo) \
    {                                                                                            \
        dwcol1_body(j, lines, lx, lo, NP, ODD, S);                                               \
    }
#define DWCOL1_FNS(NP) DWCOL1_FN(NP, 0, 1) DWCOL1_FN(NP, 1, 1) DWCOL1_FN(NP, 0, 2) DWCOL1_FN(NP, 1, 2)
DWCOL1_FNS(2)
DWCOL1_FNS(3)
DWCOL1_FNS(4)

typedef void (*dwcol1_fn)(const nnom_dwcol_job_t *, int32_t, int32_t, int32_t);
/* by pairs (2 to 4), stride (1, 2) and odd */
#define DWCOL1_ROW(NP)                                                                           \
    {                                                                                            \
        {dwcol1_##NP##_0_1, dwcol1_##NP##_1_1}, { dwcol1_##NP##_0_2, dwcol1_##NP##_1_2 }       \
    }
static const dwcol1_fn dwcol1_fns[3][2][2] = {DWCOL1_ROW(2), DWCOL1_ROW(3), DWCOL1_ROW(4)};

/* The lines on the function for j's pairs (2 to 4: more cost more than
 * a lane, in registers or not), stride and odd */
static void dwcol1_run(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo)
{
    dwcol1_fns[j->pairs - 2][j->xp == j->xs ? 0 : 1][j->odd](j, lines, lx, lo);
}

/* The layer (down: taps down columns; k taps at stride s, out outputs a
 * line), the rule passed */
static int dwcol1_layer(const nnom_conv_args_t *a, const int8_t *x, int down, int32_t k,
                        int32_t s, int32_t out)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c, lines = down ? a->out.w : a->out.h;
    const int32_t xb = down ? a->in.w * oc : oc, ob = down ? a->out.w * oc : oc;
    const int32_t lx = down ? p->stride_w * oc : p->stride_h * a->in.w * oc;
    const int32_t lo = down ? oc : a->out.w * oc;
    nnom_dwcol_job_t j = {x, a->output, a->records + 1, out, xb, s * xb, ob, k / 2, k & 1, oc / 4};
    dwcol1_run(&j, lines, lx, lo);
    nnom_dwcol_lines(&j, x, a->output, lines, lx, lo, oc, 0, 1);
    return 1;
}

/* 4 to 9 taps at stride 1 or 2 where the rule takes them */
#define DWCOL1_TAKES(k, s, out) \
    ((k) >= 4 && (k) <= 9 && ((s) == 1 || (s) == 2) && nnom_dwcol_one_pays(out, k, s))

int nnom_dwcol_one_lines(const nnom_conv_args_t *a, const int8_t *x)
{
    const int down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w, s = down ? a->p.stride_h : a->p.stride_w;
    const int32_t out = down ? a->out.h : a->out.w;
    return DWCOL1_TAKES(k, s, out) && dwcol1_layer(a, x, down, k, s, out);
}

int nnom_dwcol_one_early(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w, s = down ? p->stride_h : p->stride_w;
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    if (!DWCOL1_TAKES(k, s, out) || (out - 1) * s + k > in ||
        (down ? p->dilation_h : p->dilation_w) != 1 || a->ch_mult != 1 || a->out.c != a->in.c ||
        nnom_dw_odd_flat(a))
        return 0;
    return dwcol1_layer(a, a->input, down, k, s, out);
}

#else
typedef int nnom_local_dwcol1_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
