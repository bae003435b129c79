/* nnom_local_prelu_s8.c - PReLU with an int8 alpha per channel or per
 * element (TFLite's int8 Prelu, requantised with nnom_requantize). */
#include "nnom_kernels.h"

nnom_status_t nnom_local_prelu_s8(const int8_t *in, int8_t *out, uint32_t size,
                                  uint32_t channels, const int8_t *alpha, uint32_t alpha_size,
                                  int32_t input_zp, int32_t output_zp, int32_t pos_mult,
                                  int32_t pos_shift, int32_t neg_mult, int32_t neg_shift)
{
    if (channels == 0 || (alpha_size != channels && alpha_size != size))
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0, c = 0; i < size; i++) {
        const int32_t x = (int32_t)in[i] - input_zp;
        int32_t y;
        if (x >= 0) {
            y = nnom_requantize(x, pos_mult, pos_shift);
        } else {
            const int32_t a = alpha[alpha_size == channels ? c : i];
            y = nnom_requantize(x * a, neg_mult, neg_shift);
        }
        out[i] = nnom_clamp_s8(y + output_zp, -128, 127);
        if (++c == channels)
            c = 0;
    }
    return NN_SUCCESS;
}
