/*
 * nnom_local_dwwin_tail_dsp.c - the window loop's last channel where the
 * channels are one over a multiple of four (-O2 on DSP cores; see
 * nnom_local_dwwin.h): per output the window's taps from the plane copy's
 * top lane, one requantisation. The overlapping group of four lanes cost
 * 95 instructions per 3x3 output for that one channel (3x3 s2 18x6x9
 * same: three groups for nine channels). Two channels (lanes 2 and 3)
 * this way cost more than the group.
 */
#include "nnom_local_dwwin.h"

#if NNOM_LOCAL_MAC_ASM
/* K x K windows at stride S (constants: the taps unrolled). */
NNOM_INLINE void dwwin_tail_ks(const nnom_dwwin_tail_t *t, const int32_t K, const int32_t S)
{
    const int32_t lo = t->lo, hi = t->hi;
    for (int32_t oy = 0; oy < t->oh; oy++) {
        const uint32_t *p = t->x + oy * S * NNOM_DWWIN_PITCH;
        int8_t *o = t->out + oy * t->ol;
        for (int32_t ox = 0; ox < t->ow; ox++, p += S, o += t->op) {
            int32_t acc = t->bias;
#pragma GCC unroll 5
            for (int32_t ky = 0; ky < K; ky++)
#pragma GCC unroll 5
                for (int32_t kx = 0; kx < K; kx++)
                    acc += ((int32_t)p[ky * NNOM_DWWIN_PITCH + kx] >> 24) * t->w[ky * K + kx];
            *o = nnom_rq_apply(acc, t->rq, lo, hi);
        }
    }
}

/* acc + the bottom (B) or top (T) halfword of w times x's bottom one */
NNOM_INLINE int32_t dwwin_tail_mlab(int32_t x, uint32_t w, int32_t acc)
{
    int32_t r;
    __asm__("smlabb %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(w), "r"(acc));
    return r;
}

NNOM_INLINE int32_t dwwin_tail_mlat(int32_t x, uint32_t w, int32_t acc)
{
    int32_t r;
    __asm__("smlabt %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(w), "r"(acc));
    return r;
}

NNOM_INLINE int8_t dwwin_tail_sat8(int32_t v)
{
    int32_t r;
    __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(v));
    return (int8_t)r;
}

/* The common case (the SMLAL requantisation, the int8 range as the clamp:
 * what nnom_dwwin_try() asks): the weights two to a word, each tap one
 * LDRSB (the copy's top lane) and one SMLABB/SMLABT; ~32 instructions a
 * 3x3 output against the loop above's ~58, which reloads every weight and
 * the requantisation's words from t per output. */
NNOM_INLINE void dwwin_tail_fast(const nnom_dwwin_tail_t *t, const int32_t K, const int32_t S)
{
    uint32_t w[13];
#pragma GCC unroll 13
    for (int32_t j = 0; j < (K * K + 1) / 2; j++)
        w[j] = ((uint32_t)t->w[2 * j] & 0xFFFFu) |
               (2 * j + 1 < K * K ? (uint32_t)t->w[2 * j + 1] << 16 : 0u);
    const int32_t mult = t->rq.mult, base = t->rq.base, sh = t->rq.sh, bias = t->bias;
    const int32_t ow = t->ow, op = t->op, ol = t->ol;
    for (int32_t oy = 0; oy < t->oh; oy++) {
        const int8_t *p = (const int8_t *)(t->x + oy * S * NNOM_DWWIN_PITCH) + 3;
        int8_t *o = t->out + oy * ol;
        for (int32_t ox = 0; ox < ow; ox++, p += 4 * S, o += op) {
            int32_t acc = bias;
#pragma GCC unroll 25
            for (int32_t j = 0; j < K * K; j++) {
                const int32_t x = p[4 * (j / K * NNOM_DWWIN_PITCH + j % K)];
                acc = j % 2 == 0 ? dwwin_tail_mlab(x, w[j / 2], acc)
                                 : dwwin_tail_mlat(x, w[j / 2], acc);
            }
            *o = dwwin_tail_sat8(nnom_rq_fast(acc, mult, base, sh));
        }
    }
}

void nnom_dwwin_tail(const nnom_dwwin_tail_t *t)
{
    if (t->rq.fast && t->lo == -128 && t->hi == 127) {
        if (t->k == 3) {
            if (t->s == 1)
                dwwin_tail_fast(t, 3, 1);
            else
                dwwin_tail_fast(t, 3, 2);
        } else {
            if (t->s == 1)
                dwwin_tail_fast(t, 5, 1);
            else
                dwwin_tail_fast(t, 5, 2);
        }
        return;
    }
    if (t->k == 3) {
        if (t->s == 1)
            dwwin_tail_ks(t, 3, 1);
        else
            dwwin_tail_ks(t, 3, 2);
    } else {
        if (t->s == 1)
            dwwin_tail_ks(t, 5, 1);
        else
            dwwin_tail_ks(t, 5, 2);
    }
}
#else
typedef int nnom_local_dwwin_tail_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
