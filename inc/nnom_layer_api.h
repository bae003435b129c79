/*
 * nnom_layer_api.h - the Layer API: write a model by hand, Keras-style.
 *
 *     new_model(&model);
 *     layer[0] = Input(shape(28, 28, 1), &input_q, input_buf);
 *     layer[1] = model.hook(Conv2D(12, kernel(3, 3), stride(1, 1), dilation(1, 1),
 *                                  PADDING_SAME, &conv1_w, &conv1_b), layer[0]);
 *     layer[1] = model.active(act_relu(), layer[1]);
 *     ...
 *     model_compile(&model, layer[0], layer[n]);
 *
 * Constructors allocate their configuration in RAM (nnom_mem) and return
 * NULL when out of memory; the Structured API (nnom_layers.h) keeps configs
 * in flash instead. Requantisation multipliers are computed at
 * model_compile() from the float scales, exactly as the converter does, so
 * the same weights give the same outputs through either API.
 *
 * The short helper names (shape, kernel, stride, dilation, border) are the
 * original NNoM's; define NNOM_NO_SHORT_NAMES to keep only the nnom_ ones.
 */
#ifndef NNOM_LAYER_API_H
#define NNOM_LAYER_API_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint32_t h, w;
} nnom_hw_t;

/* Weights and the quantisation they were made for. */
typedef struct {
    const int8_t *data;         /* conv [out][kh][kw][in]; depthwise [kh][kw][in * mult];
                                   dense [units][in] */
    const float *scale;         /* one per output channel */
    const nnom_qparam_t *out_q; /* the layer's output quantisation */
} nnom_weight_t;

typedef struct {
    const int32_t *data; /* int32, scale = input scale * weight scale[c] */
} nnom_bias_t;

static inline nnom_shape_t nnom_shape(uint32_t h, uint32_t w, uint32_t c)
{
    nnom_shape_t s = {h, w, c, 3};
    return s;
}
static inline nnom_shape_t nnom_shape_1d(uint32_t steps, uint32_t c)
{
    nnom_shape_t s = {1, steps, c, 2};
    return s;
}
static inline nnom_shape_t nnom_shape_flat(uint32_t n)
{
    nnom_shape_t s = {1, 1, n, 1};
    return s;
}
static inline nnom_hw_t nnom_hw(uint32_t h, uint32_t w)
{
    nnom_hw_t v = {h, w};
    return v;
}
static inline nnom_border_t nnom_border(uint16_t top, uint16_t bottom, uint16_t left,
                                        uint16_t right)
{
    nnom_border_t b = {top, bottom, left, right};
    return b;
}

#ifndef NNOM_NO_SHORT_NAMES
static inline nnom_shape_t shape(uint32_t h, uint32_t w, uint32_t c) { return nnom_shape(h, w, c); }
static inline nnom_hw_t kernel(uint32_t h, uint32_t w) { return nnom_hw(h, w); }
static inline nnom_hw_t stride(uint32_t h, uint32_t w) { return nnom_hw(h, w); }
static inline nnom_hw_t dilation(uint32_t h, uint32_t w) { return nnom_hw(h, w); }
static inline nnom_border_t border(uint16_t top, uint16_t bottom, uint16_t left, uint16_t right)
{
    return nnom_border(top, bottom, left, right);
}
#endif

nnom_layer_t *nnom_Conv2D(uint32_t filters, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d, nnom_padding_t pad,
                     const nnom_weight_t *w, const nnom_bias_t *b);
nnom_layer_t *nnom_DW_Conv2D(uint32_t multiplier, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d,
                        nnom_padding_t pad, const nnom_weight_t *w, const nnom_bias_t *b);
nnom_layer_t *nnom_Dense(uint32_t units, const nnom_weight_t *w, const nnom_bias_t *b);
nnom_layer_t *nnom_Conv2DTrans(uint32_t filters, nnom_hw_t k, nnom_hw_t s, nnom_hw_t d,
                          nnom_padding_t pad, const nnom_weight_t *w, const nnom_bias_t *b);

/* Activations whose table is computed at model_compile() from the input
 * quantisation, in float; outputs: sigmoid scale 1/256 zp -128, tanh
 * scale 1/128 zp 0, leaky ReLU keeps the input's. (The converter builds its
 * tables in double precision from calibrated ranges, so these may differ
 * from a converted model's by one step.) */
const nnom_activation_t *nnom_act_sigmoid(void);
const nnom_activation_t *nnom_act_tanh(void);
const nnom_activation_t *nnom_act_leaky_relu(float alpha); /* NULL when out of memory */
/* A converter-made table: out = table[in + 128], quantised as out_q. */
const nnom_activation_t *nnom_act_lut(const int8_t *table, const nnom_qparam_t *out_q,
                                 const char *name);

#ifdef __cplusplus
}
#endif

#endif /* NNOM_LAYER_API_H */
