/* nnom_local_elementwise_s8.c - table look-up and clamp, in place or not. */
#include "nnom_kernels.h"

void nnom_lut_s8(const int8_t *in, int8_t *out, uint32_t n, const int8_t *table)
{
    for (uint32_t i = 0; i < n; i++)
        out[i] = table[(int32_t)in[i] + 128];
}

void nnom_clamp_buf_s8(int8_t *data, uint32_t n, int32_t lo, int32_t hi)
{
    for (uint32_t i = 0; i < n; i++)
        data[i] = nnom_clamp_s8(data[i], lo, hi);
}
