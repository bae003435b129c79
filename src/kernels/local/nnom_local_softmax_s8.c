/*
 * nnom_local_softmax_s8.c - int8 softmax, bit-exact with CMSIS-NN's
 * arm_softmax_s8 (TFLite's fixed-point algorithm). The converter supplies
 * the exp term of every possible difference from the row maximum, so only
 * the normalisation runs here. Works in place (in == out).
 */
#include "nnom_fixedpoint.h"
#include "nnom_kernels.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_op_kernels.h, through which this file sees them too. The table
 * nnom_softmax_kernels[] has a CMSIS-NN entry: nnom_dispatch.c. */
#ifdef NNOM_DECLARE_IN_OP_KERNELS_H
/* Softmax over rows of row_size values (may work in place). */
typedef struct {
    int32_t rows, row_size;
    const nnom_softmax_config_t *cfg;
    const int8_t *input;
    int8_t *output;
} nnom_softmax_args_t;

nnom_status_t nnom_local_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args);
#endif /* NNOM_DECLARE_IN_OP_KERNELS_H */

#define ACCUM_BITS 12

nnom_status_t nnom_local_softmax_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_softmax_args_t *a = (const nnom_softmax_args_t *)args;
    const int32_t rows = a->rows, row_size = a->row_size, *exp_table = a->cfg->exp_table;
    const int8_t *in = a->input;
    int8_t *out = a->output;
    (void)ctx;
    if (row_size < 1 || row_size > 4095) /* the int32 sum must not overflow */
        return NN_ARGUMENT_ERROR;
    for (int32_t r = 0; r < rows; r++, in += row_size, out += row_size) {
        int32_t max = in[0];
        for (int32_t i = 1; i < row_size; i++)
            if (in[i] > max)
                max = in[i];
        int32_t sum = 0;
        for (int32_t i = 0; i < row_size; i++)
            sum += nnom_fp_div_pow2(exp_table[max - in[i]], ACCUM_BITS);
        const int32_t headroom = nnom_fp_leading_zeros((uint32_t)sum);
        const int32_t shifted = (int32_t)(((uint32_t)sum << headroom) - 0x80000000u);
        const int32_t scale = nnom_fp_one_over_one_plus_x(shifted);
        const int32_t bits = ACCUM_BITS - headroom + 23;
        for (int32_t i = 0; i < row_size; i++) {
            /* bits > 31 only for rows over 511: |x| < 2^31 divides to 0 */
            int32_t p = nnom_fp_mul_sat(scale, exp_table[max - in[i]]);
            int32_t v = (bits <= 31 ? nnom_fp_div_pow2(p, bits) : 0) - 128;
            out[i] = nnom_clamp_s8(v, -128, 127);
        }
    }
    return NN_SUCCESS;
}
