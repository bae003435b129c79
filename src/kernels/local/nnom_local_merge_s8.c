/* nnom_local_merge_s8.c - element-wise Add/Sub and Mult over n inputs.
 * For two inputs these compute exactly CMSIS-NN's arm_elementwise_add_s8
 * and arm_elementwise_mul_s8; nnom/fixedpoint.py (add_s8, mul_s8) defines
 * the n-input versions. Offsets are minus the zero points, as in CMSIS-NN. */
#include "nnom_kernels.h"

nnom_status_t nnom_local_add_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_add_args_t *a = (const nnom_add_args_t *)args;
    const int32_t n_in = a->n_in, left_shift = a->left_shift;
    const int8_t *const *in = a->input;
    const int32_t *in_offset = a->in_offset, *in_mult = a->in_mult, *in_shift = a->in_shift;
    int8_t *out = a->output;
    (void)ctx;
    if (n_in < 1 || n_in > NNOM_MERGE_MAX_INPUTS || left_shift < 0 || left_shift > 20)
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0; i < a->size; i++) {
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
        sum = nnom_requantize(sum, a->out_mult, a->out_shift) + a->out_offset;
        out[i] = nnom_clamp_s8(sum, a->act_min, a->act_max);
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_local_mul_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_mul_args_t *a = (const nnom_mul_args_t *)args;
    const int32_t n_in = a->n_in, out_offset = a->out_offset;
    const int8_t *const *in = a->input;
    const int32_t *in_offset = a->in_offset, *mult = a->mult, *shift = a->shift;
    const int32_t *step_zp = a->step_zp;
    (void)ctx;
    if (n_in < 2 || n_in > NNOM_MERGE_MAX_INPUTS || (n_in > 2 && step_zp == NULL))
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0; i < a->size; i++) {
        int32_t acc = in[0][i], acc_offset = in_offset[0];
        for (int32_t k = 1; k < n_in; k++) {
            const int last = k == n_in - 1;
            const int32_t offset = last ? out_offset : step_zp[k - 1];
            const int32_t prod = (acc + acc_offset) * (in[k][i] + in_offset[k]);
            acc = nnom_requantize(prod, mult[k - 1], shift[k - 1]) + offset;
            acc = last ? nnom_clamp_s8(acc, a->act_min, a->act_max)
                       : nnom_clamp_s8(acc, -128, 127);
            acc_offset = -offset;
        }
        a->output[i] = (int8_t)acc;
    }
    return NN_SUCCESS;
}
