/* nnom_local_deconv_s8.c - transposed convolution, HWC, per-channel
 * requantisation. Each output gathers the inputs that reach it: input i
 * adds x[i] * w[k] to output i * stride + k * dilation - pad_before, so
 * output o reads i = (o + pad_before - k * dilation) / stride when that
 * division is exact and i is inside the input. Weights [out][kh][kw][in].
 * The HWC kernel, its CHW variant and the op's kernel table (local kernels
 * only); the arguments are the convolution's (nnom_conv_args_t). */
#include "nnom_kernels.h"
#include "nnom_geometry.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_op_kernels.h, through which this file sees them too. */
#ifdef NNOM_DECLARE_IN_OP_KERNELS_H
extern const nnom_kernel_t nnom_deconv_kernels[];
nnom_status_t nnom_local_deconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
#endif /* NNOM_DECLARE_IN_OP_KERNELS_H */

/* One loop for both layouts: element (y, x, c) of the input is at
 * (y * w + x) * pix + c * ch, and likewise for the output (HWC: pix = c,
 * ch = 1; CHW: pix = 1, ch = the plane). */
typedef struct {
    size_t in_pix, in_ch, out_pix, out_ch;
} deconv_steps_t;

static nnom_status_t deconv_s8(const nnom_conv_args_t *a, const deconv_steps_t *st)
{
    const nnom_conv_params_t *p = &a->p;
    const nnom_dims_t *in_dims = &a->in, *k_dims = &a->k, *out_dims = &a->out;
    const int8_t *in = a->input, *weight = a->weight;
    const int32_t *bias = a->bias;
    const nnom_requant_t *rq = &a->rq;
    const int32_t ih = in_dims->h, iw = in_dims->w, ic = in_dims->c;
    const int32_t kh = k_dims->h, kw = k_dims->w;
    const int32_t zp = p->input_zp;
    if (p->stride_h < 1 || p->stride_w < 1)
        return NN_ARGUMENT_ERROR;
    for (int32_t oy = 0; oy < out_dims->h; oy++) {
        for (int32_t ox = 0; ox < out_dims->w; ox++) {
            int8_t *out = a->output + ((size_t)oy * out_dims->w + ox) * st->out_pix;
            for (int32_t oc = 0; oc < out_dims->c; oc++) {
                const int8_t *w = weight + (size_t)oc * kh * kw * ic;
                int32_t acc = bias[oc];
                for (int32_t ky = 0; ky < kh; ky++) {
                    const int32_t y =
                        nnom_deconv_source(oy, ky, p->pad_top, p->stride_h, p->dilation_h, ih);
                    if (y < 0)
                        continue;
                    for (int32_t kx = 0; kx < kw; kx++) {
                        const int32_t x =
                            nnom_deconv_source(ox, kx, p->pad_left, p->stride_w, p->dilation_w, iw);
                        if (x < 0)
                            continue;
                        const int8_t *px = in + ((size_t)y * iw + x) * st->in_pix;
                        const int8_t *pw = w + ((size_t)ky * kw + kx) * ic;
                        for (int32_t c = 0; c < ic; c++)
                            acc += ((int32_t)px[c * st->in_ch] - zp) * pw[c];
                    }
                }
                acc = nnom_requantize(acc, rq->mult[oc], rq->shift[oc]) + p->output_zp;
                out[oc * st->out_ch] = nnom_clamp_s8(acc, p->act_min, p->act_max);
            }
        }
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_local_deconv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const deconv_steps_t hwc = {(size_t)a->in.c, 1, (size_t)a->out.c, 1};
    (void)ctx;
    return deconv_s8(a, &hwc);
}

#ifdef NNOM_USING_CHW
/* CHW builds: the same sums over CHW inputs into CHW outputs. */
static nnom_status_t deconv_chw_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const deconv_steps_t chw = {1, (size_t)a->in.h * a->in.w, 1, (size_t)a->out.h * a->out.w};
    (void)ctx;
    return deconv_s8(a, &chw);
}

const nnom_kernel_t nnom_deconv_kernels[] = {{NULL, deconv_chw_s8}};
#else
const nnom_kernel_t nnom_deconv_kernels[] = {{NULL, nnom_local_deconv_s8}};
#endif
