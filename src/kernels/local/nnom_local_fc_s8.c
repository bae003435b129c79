/* nnom_local_fc_s8.c - fully connected, weights [units][in]. */
#include "nnom_kernels.h"

nnom_status_t nnom_local_fc_s8(int32_t input_zp, int32_t output_zp, int32_t act_min,
                               int32_t act_max, const nnom_requant_t *rq, const int8_t *in,
                               int32_t in_features, const int8_t *weight, const int32_t *bias,
                               int8_t *out, int32_t units)
{
    for (int32_t o = 0; o < units; o++) {
        const int8_t *w = weight + (size_t)o * in_features;
        int32_t acc = bias[o];
        for (int32_t i = 0; i < in_features; i++)
            acc += ((int32_t)in[i] - input_zp) * w[i];
        acc = nnom_requantize(acc, rq->mult[o], rq->shift[o]) + output_zp;
        out[o] = nnom_clamp_s8(acc, act_min, act_max);
    }
    return NN_SUCCESS;
}
