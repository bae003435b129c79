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

#if NNOM_LOCAL_MAC_ASM

/* ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWCOL_SC_N), the scaled loop's form */
NNOM_INLINE int32_t dwcol1_rq(int32_t acc, int32_t mult, int32_t rnd)
{
    int32_t v;
    __asm__("smmla %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(rnd));
    return __ssat(v >> NNOM_DWCOL_SC_N, 8);
}

/* The lines' outputs, NP pairs of taps (the weights in registers) and
 * the odd last tap where ODD */
NNOM_INLINE void dwcol1_body(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo,
                             const int NP, const int ODD)
{
    const int32_t *r = j->rec;
    const int32_t xs = j->xs, xp = j->xp, op = j->op, n = j->n, bias = r[3];
    int32_t w[8];
#pragma GCC unroll 8
    for (int t = 0; t < NP; t++)
        w[t] = r[4 + 4 * t + 3];
    const int32_t *q = r + 4 + 4 * NP;
    const int32_t wodd = ODD ? q[1] : 0; /* (w1, w3): channel 3's high half */
    q += 2 * ODD;
    const int32_t mult = q[6], rnd = q[7];
    const int8_t *x0 = j->x;
    int8_t *o0 = j->out;
    for (int32_t l = 0; l < lines; l++, x0 += lx, o0 += lo) {
        const int8_t *x = x0;
        int8_t *o = o0;
        for (int32_t i = 0; i < n; i++, x += xp, o += op) {
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
        }
    }
}

/* Any number of pairs: each weight word loaded where it is used */
static NNOM_NOINLINE void dwcol1_any(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx,
                                     int32_t lo)
{
    const int32_t *r = j->rec;
    const int32_t xs = j->xs, xp = j->xp, op = j->op, n = j->n, pairs = j->pairs;
    const int32_t *q = r + 4 + 4 * pairs;
    const int32_t wodd = j->odd ? q[1] : 0;
    q += 2 * j->odd;
    const int32_t mult = q[6], rnd = q[7];
    for (int32_t l = 0; l < lines; l++) {
        const int8_t *x = j->x + l * lx;
        int8_t *o = j->out + l * lo;
        for (int32_t i = 0; i < n; i++, x += xp, o += op) {
            const int8_t *p = x;
            int32_t acc = r[3];
            for (int32_t t = 0; t < pairs; t++, p += 2 * xs) {
                const int32_t w = r[4 + 4 * t + 3];
                acc = __smlabb(p[0], w, acc);
                acc = __smlabt(p[xs], w, acc);
            }
            acc = __smlabt(p[0], wodd, acc); /* (0 where even) */
            *o = (int8_t)dwcol1_rq(acc, mult, rnd);
        }
    }
}

#define DWCOL1_FN(NP, ODD)                                                                       \
    static NNOM_NOINLINE void dwcol1_##NP##_##ODD(const nnom_dwcol_job_t *j, int32_t lines,    \
                                                  int32_t lx, int32_t lo)                        \
    {                                                                                            \
        dwcol1_body(j, lines, lx, lo, NP, ODD);                                                  \
    }
DWCOL1_FN(2, 0)
DWCOL1_FN(2, 1)
DWCOL1_FN(3, 0)
DWCOL1_FN(3, 1)
DWCOL1_FN(4, 0)
DWCOL1_FN(4, 1)

typedef void (*dwcol1_fn)(const nnom_dwcol_job_t *, int32_t, int32_t, int32_t);
/* by pairs (2 to 4) and odd */
static const dwcol1_fn dwcol1_fns[3][2] = {
    {dwcol1_2_0, dwcol1_2_1}, {dwcol1_3_0, dwcol1_3_1}, {dwcol1_4_0, dwcol1_4_1}};

void nnom_dwcol_one_s8(const nnom_dwcol_job_t *j, int32_t lines, int32_t lx, int32_t lo)
{
    if (j->pairs >= 2 && j->pairs <= 4)
        dwcol1_fns[j->pairs - 2][j->odd](j, lines, lx, lo);
    else
        dwcol1_any(j, lines, lx, lo);
}

#else
typedef int nnom_local_dwcol1_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
