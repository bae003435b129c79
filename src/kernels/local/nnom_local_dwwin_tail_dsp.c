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

void nnom_dwwin_tail(const nnom_dwwin_tail_t *t)
{
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
