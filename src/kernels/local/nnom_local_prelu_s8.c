/* nnom_local_prelu_s8.c - PReLU with an int8 alpha per channel or per
 * element (TFLite's int8 Prelu, requantised with nnom_requantize): the HWC
 * kernel, its CHW variant and the op's kernel table (local kernels only). */
#include "nnom_kernels.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_op_kernels.h, through which this file sees them too. */
#ifdef NNOM_DECLARE_IN_OP_KERNELS_H
/* PReLU: alpha per channel (alpha_size = channels) or per element (size). */
typedef struct {
    const int8_t *input;
    int8_t *output;
    uint32_t size, channels;
    const int8_t *alpha;
    uint32_t alpha_size;
    int32_t input_zp, output_zp, pos_mult, pos_shift, neg_mult, neg_shift;
} nnom_prelu_args_t;

extern const nnom_kernel_t nnom_prelu_kernels[];
nnom_status_t nnom_local_prelu_s8(const nnom_kernel_ctx_t *ctx, const void *args);
#endif /* NNOM_DECLARE_IN_OP_KERNELS_H */

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

#ifdef NNOM_USING_CHW
/* CHW builds: the same arithmetic with the channel stride of CHW. */
static nnom_status_t prelu_chw_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_prelu_args_t *a = (const nnom_prelu_args_t *)args;
    const uint32_t size = a->size, channels = a->channels, alpha_size = a->alpha_size;
    const int8_t *in = a->input, *alpha = a->alpha;
    int8_t *out = a->output;
    (void)ctx;
    if (channels == 0 || size % channels != 0 || (alpha_size != channels && alpha_size != size))
        return NN_ARGUMENT_ERROR;
    const uint32_t n = size / channels; /* positions */
    for (uint32_t ch = 0; ch < channels; ch++) {
        for (uint32_t p = 0; p < n; p++, in++, out++) {
            const int32_t x = (int32_t)*in - a->input_zp;
            int32_t y;
            if (x >= 0) {
                y = nnom_requantize(x, a->pos_mult, a->pos_shift);
            } else {
                /* a per-element alpha is in Keras' order (HWC) */
                const int32_t k = alpha[alpha_size == channels ? ch : p * channels + ch];
                y = nnom_requantize(x * k, a->neg_mult, a->neg_shift);
            }
            *out = nnom_clamp_s8(y + a->output_zp, -128, 127);
        }
    }
    return NN_SUCCESS;
}

const nnom_kernel_t nnom_prelu_kernels[] = {{NULL, prelu_chw_s8}};
#else
const nnom_kernel_t nnom_prelu_kernels[] = {{NULL, nnom_local_prelu_s8}};
#endif
