/* nnom_local_merge_s8.c - element-wise Add/Sub and Mult over n inputs.
 * For two inputs these compute exactly CMSIS-NN's arm_elementwise_add_s8
 * and arm_elementwise_mul_s8; nnom/fixedpoint.py (add_s8, mul_s8) defines
 * the n-input versions. Offsets are minus the zero points, as in CMSIS-NN. */
#include "nnom_kernels.h"

nnom_status_t nnom_local_add_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                const int32_t *in_mult, const int32_t *in_shift,
                                int32_t left_shift, int8_t *out, int32_t out_offset,
                                int32_t out_mult, int32_t out_shift, int32_t act_min,
                                int32_t act_max, uint32_t size)
{
    if (n_in < 1 || n_in > NNOM_MERGE_MAX_INPUTS || left_shift < 0 || left_shift > 20)
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0; i < size; i++) {
        int32_t sum = 0;
        for (int32_t k = 0; k < n_in; k++) {
            /* |x + offset| <= 255, so the shifted value fits in 29 bits */
            const int32_t v = (int32_t)((uint32_t)(in[k][i] + in_offset[k]) << left_shift);
            /* a negative multiplier subtracts the rescaled input (TFLM's Sub) */
            if (in_mult[k] < 0)
                sum -= nnom_requantize(v, -in_mult[k], in_shift[k]);
            else
                sum += nnom_requantize(v, in_mult[k], in_shift[k]);
        }
        sum = nnom_requantize(sum, out_mult, out_shift) + out_offset;
        out[i] = nnom_clamp_s8(sum, act_min, act_max);
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_local_mul_s8(int32_t n_in, const int8_t *const *in, const int32_t *in_offset,
                                const int32_t *mult, const int32_t *shift,
                                const int32_t *step_zp, int8_t *out, int32_t out_offset,
                                int32_t act_min, int32_t act_max, uint32_t size)
{
    if (n_in < 2 || n_in > NNOM_MERGE_MAX_INPUTS || (n_in > 2 && step_zp == NULL))
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0; i < size; i++) {
        int32_t acc = in[0][i], acc_offset = in_offset[0];
        for (int32_t k = 1; k < n_in; k++) {
            const int last = k == n_in - 1;
            const int32_t offset = last ? out_offset : step_zp[k - 1];
            const int32_t prod = (acc + acc_offset) * (in[k][i] + in_offset[k]);
            acc = nnom_requantize(prod, mult[k - 1], shift[k - 1]) + offset;
            acc = last ? nnom_clamp_s8(acc, act_min, act_max) : nnom_clamp_s8(acc, -128, 127);
            acc_offset = -offset;
        }
        out[i] = (int8_t)acc;
    }
    return NN_SUCCESS;
}
