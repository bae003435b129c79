/*
 * nnom_layers.h - layer configurations and constructors (Structured API)
 * of the weighted layers; the other ops declare theirs in their own C files
 * (generated inc/nnom_ops.h).
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

/* Conv2D (Conv1D is h = 1). Weights are [out][kh][kw][in], per-channel
 * requantisation out = zp + requantize(acc, mult[c], shift[c]). */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    /* Optional (NULL is fine, but slower): bias - input zero point * sum
     * of the channel's weights, written by the converter; the local kernels
     * then multiply raw inputs where the whole window is inside. */
    const int32_t *bias_folded;
    const int32_t *mult;
    const int32_t *shift;
    uint32_t filters, in_channels;
    uint32_t kernel_h, kernel_w;
    uint32_t stride_h, stride_w;
    uint32_t dilation_h, dilation_w;
    nnom_padding_t padding;
    nnom_border_t pad; /* PADDING_EXPLICIT only (e.g. causal Conv1D) */
    /* Optional (NULL is fine): written by the converter for 1x1 layers of
     * one pixel, the records of the local kernel's assembly loop
     * (src/kernels/local/nnom_local_pw1px_dsp.c). */
    const int32_t *records;
    /* The words of the records array from records on (the converter's
     * NNOM_COUNT_OF(array) - 4: records is past the 1x1 header); build()
     * refuses records shorter than their kernel reads. */
    int32_t records_len;
    /* Optional (NULL is fine): NNOM_RUN_ARGS(the converter's copy of what
     * the layer's runs pass its kernel, nnom_kernels.h), buffers and clamp
     * left out; build() refuses one that differs from its own. */
    const struct nnom_conv_args *args;
} nnom_conv2d_config_t;

/* A config's args field: at -O2 runs copy the block instead of building
 * it field by field (~45 instructions a run less, 116 B of flash a layer);
 * -Os builds leave it out (the block is in #if !defined(__OPTIMIZE_SIZE__)). */
/* The words of a converter's array (a config's records_len): a count the
 * compiler takes from the array itself, true after an edit of it. */
#define NNOM_COUNT_OF(x) ((int32_t)(sizeof(x) / sizeof((x)[0])))

#if defined(__OPTIMIZE_SIZE__)
#define NNOM_RUN_ARGS(a) NULL
#else
#define NNOM_RUN_ARGS(a) (&(a))
#endif

/* DepthwiseConv2D (1D: h = 1). Output channel ic * multiplier + m; weights
 * are [kh][kw][in * multiplier], per-channel requantisation. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *bias_folded; /* optional, as for Conv2D */
    const int32_t *mult;
    const int32_t *shift;
    uint32_t multiplier, in_channels;
    uint32_t kernel_h, kernel_w;
    uint32_t stride_h, stride_w;
    uint32_t dilation_h, dilation_w;
    nnom_padding_t padding;
    nnom_border_t pad; /* PADDING_EXPLICIT only */
    /* Optional (NULL is fine, but slower): written by the converter for
     * (k, 1) and (1, k) kernels, the records the local kernel's assembly
     * loop reads (src/kernels/local/nnom_local_dwcol.h); without them it
     * builds them on every run. */
    const int32_t *records;
    int32_t records_len; /* its words (NNOM_COUNT_OF), as for Conv2D */
    const struct nnom_conv_args *args; /* optional, as for Conv2D */
} nnom_dwconv2d_config_t;

/* Dense: weights are [units][in]. */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *bias_folded; /* optional, as for Conv2D */
    const int32_t *mult;
    const int32_t *shift;
    uint32_t units, in_features;
    /* Optional, instead of weight (then NULL), in builds where
     * NNOM_DENSE_GROUPED: the same weights in groups of four units, word by
     * word (units 4g..4g+3's inputs 4j..4j+3 as 16 bytes), the last
     * units % 4 rows as [units][in] after them; in_features a multiple of
     * 4, bias_folded given. The converter writes them (NNOM_DENSE_WEIGHT4):
     * one load serves four units in the assembly loop. */
    const int8_t *weight4;
} nnom_dense_config_t;

/* The builds whose Dense kernel reads weight4: the local assembly loop's
 * (-O2 on DSP cores, GCC or Clang, little-endian Thumb-2), not where the
 * CMSIS-NN backend runs CMSIS-NN's Helium kernel. Elsewhere a config with
 * weight NULL is refused (NN_ARGUMENT_ERROR). */
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP == 1 && !defined(NNOM_LOCAL_NO_DSP) &&      \
    defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__) && !defined(__ARM_BIG_ENDIAN) &&           \
    defined(__thumb2__) &&                                                                      \
    !(defined(NNOM_BACKEND_CMSIS_NN) && !defined(NNOM_USING_CHW) &&                             \
      defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1))
#define NNOM_DENSE_GROUPED 1
#define NNOM_DENSE_WEIGHT4(w) .weight4 = (w)
#else
#define NNOM_DENSE_GROUPED 0
#define NNOM_DENSE_WEIGHT4(w) .weight = (w)
#endif

/* ---- transposed convolution */

/* Conv2DTranspose (Conv1DTranspose: h = 1). Weights are [out][kh][kw][in],
 * per-channel requantisation. Along each axis (ek = (k - 1) * dilation + 1):
 *   out = (in - 1) * stride + ek - 2 * p + output_padding,
 *   p = ek / 2 for PADDING_SAME, 0 for PADDING_VALID (Keras' rule);
 * input position i adds x[i] * w[k] to output i * stride + k * dilation -
 * before, with before = max((in - 1) * stride + ek - out, 0) / 2 for SAME
 * and 0 for VALID (TensorFlow's conv_transpose). */
typedef struct {
    nnom_layer_config_t super;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    uint32_t filters, in_channels;
    uint32_t kernel_h, kernel_w;
    uint32_t stride_h, stride_w;
    uint32_t dilation_h, dilation_w;
    nnom_padding_t padding; /* PADDING_VALID or PADDING_SAME */
    uint16_t output_padding_h, output_padding_w;
} nnom_deconv2d_config_t;

nnom_layer_t *nnom_conv2d_s(const nnom_conv2d_config_t *config);
nnom_layer_t *nnom_dwconv2d_s(const nnom_dwconv2d_config_t *config);
nnom_layer_t *nnom_dense_s(const nnom_dense_config_t *config);
nnom_layer_t *nnom_deconv2d_s(const nnom_deconv2d_config_t *config);

/* For layer implementations: allocate a layer of `type` with `config`. */
nnom_layer_t *nnom_layer_new(const nnom_layer_type_t *type, const void *config);

#ifdef __cplusplus
}
#endif

#include "nnom_rnn.h" /* recurrent layers */

#endif /* NNOM_LAYERS_H */
