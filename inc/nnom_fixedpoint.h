/*
 * nnom_fixedpoint.h - fixed-point helpers shared by kernels and the Layer
 * API. They follow nnom/fixedpoint.py bit for bit (TFLite / gemmlowp
 * definitions, as CMSIS-NN implements them).
 */
#ifndef NNOM_FIXEDPOINT_H
#define NNOM_FIXEDPOINT_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Saturating rounding doubling high multiply (gemmlowp, arm_nn_doubling_high_mult). */
int32_t nnom_fp_mul_sat(int32_t a, int32_t b);
/* Rounding divide by 2^exponent (0..31), halves away from zero. */
int32_t nnom_fp_div_pow2(int32_t x, int32_t exponent);
/* Saturating multiply by 2^exponent. */
int32_t nnom_fp_mul_pow2(int32_t val, int32_t exponent);
/* 1 / (1 + x) for x in [0, 1), Q0.31. */
int32_t nnom_fp_one_over_one_plus_x(int32_t val);
/* exp(x) for x <= 0, input Q5.26, output Q0.31. */
int32_t nnom_fp_exp_on_negative(int32_t val);
int32_t nnom_fp_leading_zeros(uint32_t v);

/* TFLite's QuantizeMultiplier: real ~= mult * 2^(shift - 31). Returns
 * NN_ARGUMENT_ERROR for negative or too large values. */
nnom_status_t nnom_quantize_multiplier(double real, int32_t *mult, int32_t *shift);

/* Softmax parameters for an input scale (beta = 1) and the exp term of
 * every difference 0..-255 from the row maximum (nnom/fixedpoint.py). */
nnom_status_t nnom_softmax_params(float input_scale, int32_t *mult, int32_t *shift,
                                  int32_t *diff_min);
void nnom_softmax_exp_table(int32_t mult, int32_t shift, int32_t diff_min, int32_t table[256]);

#ifdef __cplusplus
}
#endif

#endif
