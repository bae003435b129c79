/* nnom_local_prelu_s8.c - PReLU with an int8 alpha per channel or per
 * element (TFLite's int8 Prelu, requantised with nnom_requantize). */
#include "nnom_kernels.h"

nnom_status_t nnom_local_prelu_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_prelu_args_t *a = (const nnom_prelu_args_t *)args;
    const uint32_t size = a->size, channels = a->channels, alpha_size = a->alpha_size;
    const int8_t *in = a->input, *alpha = a->alpha;
    (void)ctx;
    if (channels == 0 || (alpha_size != channels && alpha_size != size))
        return NN_ARGUMENT_ERROR;
    for (uint32_t i = 0, c = 0; i < size; i++) {
        const int32_t x = (int32_t)in[i] - a->input_zp;
        int32_t y;
        if (x >= 0) {
            y = nnom_requantize(x, a->pos_mult, a->pos_shift);
        } else {
            const int32_t k = alpha[alpha_size == channels ? c : i];
            y = nnom_requantize(x * k, a->neg_mult, a->neg_shift);
        }
        a->output[i] = nnom_clamp_s8(y + a->output_zp, -128, 127);
        if (++c == channels)
            c = 0;
    }
    return NN_SUCCESS;
}
