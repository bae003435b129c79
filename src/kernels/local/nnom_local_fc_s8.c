/*
 * nnom_local_fc_s8.c - fully connected, weights [units][in], per-unit
 * requantisation. Two units at a time share every input word. With
 * bias_folded (bias - input_zp * sum(w), from the converter) the inputs are
 * used raw; otherwise the zero point is subtracted (for free with DSP).
 */
#include "nnom_local_simd.h"

NNOM_HOT void dot2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n,
                            int32_t zp, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
#if NNOM_LOCAL_DSP
    const int16x2_t off = nnom_offset2(zp);
    for (; n >= 4; n -= 4, x += 4, w0 += 4, w1 += 4) {
        const uint32_t v = nnom_read4(x);
        const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);
        uint32_t u = nnom_read4(w0);
        a0 = __smlad(xe, __sxtb16((int8x4_t)u), a0);
        a0 = __smlad(xo, nnom_sxtb16_odd(u), a0);
        u = nnom_read4(w1);
        a1 = __smlad(xe, __sxtb16((int8x4_t)u), a1);
        a1 = __smlad(xo, nnom_sxtb16_odd(u), a1);
    }
#else
    for (; n >= 4; n -= 4, x += 4, w0 += 4, w1 += 4) {
        const int32_t x0 = x[0] - zp, x1 = x[1] - zp, x2 = x[2] - zp, x3 = x[3] - zp;
        a0 += x0 * w0[0] + x1 * w0[1] + x2 * w0[2] + x3 * w0[3];
        a1 += x0 * w1[0] + x1 * w1[1] + x2 * w1[2] + x3 * w1[3];
    }
#endif
    for (; n > 0; n--, x++, w0++, w1++) {
        const int32_t v = *x - zp;
        a0 += v * *w0;
        a1 += v * *w1;
    }
    acc[0] = a0;
    acc[1] = a1;
}

static void rows_raw(const nnom_fc_args_t *a, const int8_t *w0, const int8_t *w1, int32_t *acc)
{
    dot2(a->input, w0, w1, a->in_features, a->input_zp, acc);
}

#if !NNOM_LOCAL_DSP
static void rows_folded(const nnom_fc_args_t *a, const int8_t *w0, const int8_t *w1,
                        int32_t *acc)
{
    dot2(a->input, w0, w1, a->in_features, 0, acc);
}
#endif

nnom_status_t nnom_local_fc_s8(const nnom_fc_args_t *a, int8_t *scratch)
{
    (void)scratch;
    const int32_t n = a->in_features, units = a->units;
    const int32_t *bias = a->bias;
    void (*rows)(const nnom_fc_args_t *, const int8_t *, const int8_t *, int32_t *) = rows_raw;
#if !NNOM_LOCAL_DSP
    if (a->bias_folded != NULL) {
        bias = a->bias_folded;
        rows = rows_folded;
    }
#endif
    for (int32_t o = 0; o < units; o += 2) {
        const int32_t o1 = o + 1 < units ? o + 1 : o;
        int32_t acc[2] = {bias[o], bias[o1]};
        rows(a, a->weight + o * n, a->weight + o1 * n, acc);
        const nnom_rq_t r0 = nnom_rq_of(a->rq.mult[o], a->rq.shift[o], a->output_zp);
        a->output[o] = nnom_rq_apply(acc[0], r0, a->act_min, a->act_max);
        const nnom_rq_t r1 = nnom_rq_of(a->rq.mult[o1], a->rq.shift[o1], a->output_zp);
        a->output[o1] = nnom_rq_apply(acc[1], r1, a->act_min, a->act_max);
    }
    return NN_SUCCESS;
}
