/* nnom_fixedpoint.c - see inc/nnom_fixedpoint.h; spec: nnom/fixedpoint.py. */
#include <math.h>

#include "nnom_fixedpoint.h"

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

int32_t nnom_fp_mul_sat(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN)
        return INT32_MAX;
    /* the sign of the product (a zero product gives 0 with either nudge) */
    const int64_t ab = (int64_t)a * b;
    const int64_t nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31)); /* truncates toward 0 */
}

int32_t nnom_fp_div_pow2(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t result = x >> exponent;
    const int32_t threshold = (mask >> 1) + (result < 0 ? 1 : 0);
    return result + (remainder > threshold ? 1 : 0);
}

int32_t nnom_fp_mul_pow2(int32_t val, int32_t exponent)
{
    const int32_t thresh = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
    if (val > thresh)
        return INT32_MAX;
    if (val < -thresh)
        return INT32_MIN;
    return (int32_t)((uint32_t)val << exponent);
}

int32_t nnom_fp_one_over_one_plus_x(int32_t val)
{
    /* (val + INT32_MAX) halved, rounded away from 0, in 32 bits: the sum is
     * -1 only for INT32_MIN, else (val + 2^31) / 2 rounded down */
    const int32_t half_den =
        val == INT32_MIN ? -1 : (int32_t)(((uint32_t)val + 0x80000000u) >> 1);
    int32_t x = wrap_add(1515870810, nnom_fp_mul_sat(half_den, -1010580540));
    for (int i = 0; i < 3; i++) {
        int32_t err = (int32_t)((uint32_t)(1 << 29) - (uint32_t)nnom_fp_mul_sat(half_den, x));
        x = wrap_add(x, nnom_fp_mul_pow2(nnom_fp_mul_sat(x, err), 2));
    }
    return nnom_fp_mul_pow2(x, 1);
}

int32_t nnom_fp_exp_on_negative(int32_t val)
{
    static const int32_t constants[7] = {1672461947, 1302514674, 790015084, 290630308,
                                         39332535,   720401,     242};
    const int32_t shift = 24;
    const int32_t val_mod_minus_quarter = (val & ((1 << shift) - 1)) - (1 << shift);
    const int32_t remainder = (int32_t)((uint32_t)val_mod_minus_quarter - (uint32_t)val);
    const int32_t x = wrap_add((int32_t)((uint32_t)val_mod_minus_quarter << 5), 1 << 28);
    const int32_t x2 = nnom_fp_mul_sat(x, x);
    int32_t inner = wrap_add(nnom_fp_div_pow2(nnom_fp_mul_sat(x2, x2), 2), nnom_fp_mul_sat(x2, x));
    inner = nnom_fp_div_pow2(wrap_add(nnom_fp_mul_sat(inner, 715827883), x2), 1);
    int32_t result = wrap_add(1895147668, nnom_fp_mul_sat(1895147668, wrap_add(x, inner)));
    for (int k = 0; k < 7; k++)
        if (remainder & (1 << (shift + k)))
            result = nnom_fp_mul_sat(result, constants[k]);
    return val == 0 ? INT32_MAX : result;
}

int32_t nnom_fp_leading_zeros(uint32_t v)
{
#if defined(__GNUC__)
    return v == 0 ? 32 : __builtin_clz(v); /* one instruction on cores that have CLZ */
#else
    int32_t n = 0;
    if (v == 0)
        return 32;
    while (!(v & 0x80000000u)) {
        v <<= 1;
        n++;
    }
    return n;
#endif
}

nnom_status_t nnom_quantize_multiplier(double real, int32_t *mult, int32_t *shift)
{
    int exponent = 0;
    if (!(real >= 0.0) || mult == NULL || shift == NULL)
        return NN_ARGUMENT_ERROR;
    if (real == 0.0) {
        *mult = 0;
        *shift = 0;
        return NN_SUCCESS;
    }
    double q = frexp(real, &exponent);
    int64_t q_fixed = (int64_t)round(q * 2147483648.0); /* round(): halves away from 0 */
    if (q_fixed == ((int64_t)1 << 31)) {
        q_fixed /= 2;
        exponent++;
    }
    if (exponent < -31) {
        q_fixed = 0;
        exponent = 0;
    }
    if (exponent > 30)
        return NN_ARGUMENT_ERROR;
    *mult = (int32_t)q_fixed;
    *shift = exponent;
    return NN_SUCCESS;
}

nnom_status_t nnom_softmax_params(float input_scale, int32_t *mult, int32_t *shift,
                                  int32_t *diff_min)
{
    double real = (double)input_scale * (double)(1 << 26); /* (31 - 5) integer bits */
    if (real > 2147483647.0)
        real = 2147483647.0;
    if (!(real > 1.0) || nnom_quantize_multiplier(real, mult, shift) != NN_SUCCESS)
        return NN_ARGUMENT_ERROR;
    double radius = 31.0 * (double)(1 << 26) / ldexp(1.0, *shift);
    *diff_min = -(int32_t)floor(radius);
    return NN_SUCCESS;
}

void nnom_softmax_exp_table(int32_t mult, int32_t shift, int32_t diff_min, int32_t table[256])
{
    for (int32_t k = 0; k < 256; k++) {
        int32_t diff = -k;
        table[k] = diff >= diff_min
                       ? nnom_fp_exp_on_negative(
                             nnom_fp_mul_sat((int32_t)((uint32_t)diff << shift), mult))
                       : 0;
    }
}
