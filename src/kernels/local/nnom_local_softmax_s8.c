/*
 * nnom_local_softmax_s8.c - int8 softmax, bit-exact with CMSIS-NN's
 * arm_softmax_s8 (TFLite's fixed-point algorithm). The converter supplies
 * the exp term of every possible difference from the row maximum, so only
 * the normalisation runs here. Works in place (in == out).
 */
#include "nnom_kernels.h"

#define ACCUM_BITS 12

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* Saturating rounding doubling high multiply (gemmlowp). */
static int32_t mul_sat(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN)
        return INT32_MAX;
    int64_t total = (int64_t)a * b + (((a < 0) != (b < 0)) ? (1 - ((int64_t)1 << 30)) : ((int64_t)1 << 30));
    return (int32_t)(total / ((int64_t)1 << 31)); /* truncates toward zero */
}

static int32_t div_pow2(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t result = x >> exponent;
    const int32_t threshold = (mask >> 1) + (result < 0 ? 1 : 0);
    return result + (remainder > threshold ? 1 : 0);
}

static int32_t mul_pow2(int32_t val, int32_t exponent)
{
    const int32_t thresh = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
    if (val > thresh)
        return INT32_MAX;
    if (val < -thresh)
        return INT32_MIN;
    return (int32_t)((uint32_t)val << exponent);
}

/* 1 / (1 + x) for x in [0, 1), Q0.31, three Newton-Raphson steps. */
static int32_t one_over_one_plus_x(int32_t val)
{
    const int64_t sum = (int64_t)val + INT32_MAX;
    const int32_t half_den = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    int32_t x = wrap_add(1515870810, mul_sat(half_den, -1010580540));
    for (int i = 0; i < 3; i++) {
        int32_t err = (int32_t)((uint32_t)(1 << 29) - (uint32_t)mul_sat(half_den, x));
        x = wrap_add(x, mul_pow2(mul_sat(x, err), 2));
    }
    return mul_pow2(x, 1);
}

static int32_t leading_zeros(uint32_t v)
{
    int32_t n = 0;
    if (v == 0)
        return 32;
    while (!(v & 0x80000000u)) {
        v <<= 1;
        n++;
    }
    return n;
}

nnom_status_t nnom_local_softmax_s8(const int8_t *in, int32_t rows, int32_t row_size,
                                    const int32_t *exp_table, int8_t *out)
{
    if (row_size < 1 || row_size > 4095) /* the int32 sum must not overflow */
        return NN_ARGUMENT_ERROR;
    for (int32_t r = 0; r < rows; r++, in += row_size, out += row_size) {
        int32_t max = in[0];
        for (int32_t i = 1; i < row_size; i++)
            if (in[i] > max)
                max = in[i];
        int32_t sum = 0;
        for (int32_t i = 0; i < row_size; i++)
            sum += div_pow2(exp_table[max - in[i]], ACCUM_BITS);
        const int32_t headroom = leading_zeros((uint32_t)sum);
        const int32_t shifted = (int32_t)(((uint32_t)sum << headroom) - 0x80000000u);
        const int32_t scale = one_over_one_plus_x(shifted);
        const int32_t bits = ACCUM_BITS - headroom + 23;
        for (int32_t i = 0; i < row_size; i++) {
            /* bits > 31 only for rows over 511: |x| < 2^31 divides to 0 */
            int32_t p = mul_sat(scale, exp_table[max - in[i]]);
            int32_t v = (bits <= 31 ? div_pow2(p, bits) : 0) - 128;
            out[i] = nnom_clamp_s8(v, -128, 127);
        }
    }
    return NN_SUCCESS;
}
