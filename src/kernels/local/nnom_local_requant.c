/* nnom_local_requant.c - the local kernels' requantisation as functions:
 * the channels outside the fast form, and the whole step for -Os builds
 * (-O2 builds inline nnom_rq_apply). */
#include "nnom_local_simd.h"

int32_t nnom_rq_slow(int32_t acc, int32_t mult, int32_t shift, int32_t zp)
{
    return nnom_requantize(acc, mult, shift) + zp;
}

int8_t nnom_rq_clamp(int32_t acc, const nnom_rq_t *r, int32_t lo, int32_t hi)
{
    int32_t out = r->fast ? nnom_rq_fast(acc, r->mult, r->base, r->sh)
                          : nnom_rq_slow(acc, r->mult, r->shift, r->base);
    return nnom_clamp_s8(out, lo, hi);
}
