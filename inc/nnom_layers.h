/*
 * nnom_layers.h - layer configurations and constructors (Structured API).
 *
 * Each constructor takes a config the converter writes as a `const` (so it
 * stays in flash) and returns a layer, or NULL when out of memory or when
 * the config is NULL. Hook the result into a model with model.hook().
 */
#ifndef NNOM_LAYERS_H
#define NNOM_LAYERS_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Input: the model reads `buffer` in place (no copy). */
typedef struct {
    nnom_layer_config_t super;
    nnom_shape_t shape;
    int8_t *buffer;
} nnom_io_config_t;

/* Conv2D (Conv1D is h = 1). Weights are [out][kh][kw][in], per-channel
 * requantisation out = zp + requantize(acc, mult[c], shift[c]). */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    uint16_t filters, in_channels;
    uint8_t kernel_h, kernel_w;
    uint8_t stride_h, stride_w;
    uint8_t dilation_h, dilation_w;
    nnom_padding_t padding;
    nnom_border_t pad; /* PADDING_EXPLICIT only (e.g. causal Conv1D) */
} nnom_conv2d_config_t;

/* DepthwiseConv2D (1D: h = 1). Output channel ic * multiplier + m; weights
 * are [kh][kw][in * multiplier], per-channel requantisation. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    uint16_t multiplier, in_channels;
    uint8_t kernel_h, kernel_w;
    uint8_t stride_h, stride_w;
    uint8_t dilation_h, dilation_w;
    nnom_padding_t padding;
    nnom_border_t pad; /* PADDING_EXPLICIT only */
} nnom_dwconv2d_config_t;

/* Dense: weights are [units][in]. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    uint16_t units, in_features;
} nnom_dense_config_t;

/* MaxPool / AvgPool: the output keeps the input's quantisation. */
typedef struct {
    nnom_layer_config_t super;
    uint8_t kernel_h, kernel_w;
    uint8_t stride_h, stride_w;
    nnom_padding_t padding;
} nnom_pool_config_t;

/* Flatten / Reshape: a view of the input with another shape. */
typedef struct {
    nnom_layer_config_t super;
    nnom_shape_t shape;
} nnom_reshape_config_t;

/* ZeroPadding / Cropping. */
typedef struct {
    nnom_layer_config_t super;
    nnom_border_t border;
} nnom_border_config_t;

/* UpSampling (nearest). */
typedef struct {
    nnom_layer_config_t super;
    uint8_t size_h, size_w;
} nnom_upsample_config_t;

/* A stand-alone element-wise activation: out = table[in + 128]. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *table;
    const char *act_name;
} nnom_activation_config_t;

/* Softmax over the channels. Output scale 1/256, zero point -128.
 * exp_table[-d] is the exp term for a difference d from the row maximum
 * (the converter computes it; CMSIS-NN uses mult, shift and diff_min). */
typedef struct {
    nnom_layer_config_t super;
    const int32_t *exp_table;
    int32_t mult, shift, diff_min;
} nnom_softmax_config_t;

nnom_layer_t *input_s(const nnom_io_config_t *config);
nnom_layer_t *output_s(const nnom_io_config_t *config);
nnom_layer_t *conv2d_s(const nnom_conv2d_config_t *config);
nnom_layer_t *dwconv2d_s(const nnom_dwconv2d_config_t *config);
#define dw_conv2d_s dwconv2d_s /* the original NNoM's name */
nnom_layer_t *dense_s(const nnom_dense_config_t *config);
nnom_layer_t *maxpool_s(const nnom_pool_config_t *config);
nnom_layer_t *avgpool_s(const nnom_pool_config_t *config);
nnom_layer_t *flatten_s(const nnom_reshape_config_t *config);
nnom_layer_t *reshape_s(const nnom_reshape_config_t *config);
nnom_layer_t *zeropadding_s(const nnom_border_config_t *config);
nnom_layer_t *cropping_s(const nnom_border_config_t *config);
nnom_layer_t *upsample_s(const nnom_upsample_config_t *config);
nnom_layer_t *activation_s(const nnom_activation_config_t *config);
nnom_layer_t *softmax_s(const nnom_softmax_config_t *config);

/* For layer implementations: allocate a layer of `type` with `config`. */
nnom_layer_t *nnom_layer_new(const nnom_layer_type_t *type, const void *config);

#ifdef __cplusplus
}
#endif

#include "nnom_rnn.h" /* recurrent layers */

#endif /* NNOM_LAYERS_H */
