/* nnom_local_requant.c - the local kernels' requantisation as one function
 * (used at -Os; at -O2 the kernels inline their own). */
#include "nnom_local_simd.h"

int8_t nnom_rq_clamp(int32_t acc, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    return nnom_clamp_s8(nnom_requantize(acc, mult, shift) + zp, lo, hi);
}
