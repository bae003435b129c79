"""Issue 13's architectures for the memory and conversion-time figures, with
random weights from fixed seeds (the same definitions as the speed bench's
bench/models.py: resnet8, mobilenet, wakeword, autoencoder; dscnn is
bench/models.dscnn).

- resnet8: MLPerf Tiny image classification, 32x32x3.
- mobilenet: MobileNetV1 width 0.25, 96x96x3 (visual wake words).
- wakeword: 1D temporal depthwise net, 49 frames x 40 MFCCs, (k,1) kernels.
- autoencoder: MLPerf Tiny anomaly detection, 640 -> 128x4 -> 8 -> 128x4 -> 640.
"""

from __future__ import annotations

import models
import numpy as np
from models import _keras, _randomize_bn, keras_factory


def _conv_bn(layers, x, filters, kernel, strides, name, relu=True):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False, name=name)(
        x
    )
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    return layers.ReLU(name=f"{name}_relu")(x) if relu else x


def _dw_pw(layers, x, filters, kernel, strides, name):
    x = layers.DepthwiseConv2D(
        kernel, strides=strides, padding="same", use_bias=False, name=f"{name}_dw"
    )(x)
    x = layers.BatchNormalization(name=f"{name}_dw_bn")(x)
    x = layers.ReLU(name=f"{name}_dw_relu")(x)
    return _conv_bn(layers, x, filters, 1, 1, f"{name}_pw")


def resnet8(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((32, 32, 3), name="image")
    x = _conv_bn(layers, x, 16, 3, 1, "conv1")
    for i, (filters, strides) in enumerate(((16, 1), (32, 2), (64, 2))):
        y = _conv_bn(layers, x, filters, 3, strides, f"s{i}a")
        y = _conv_bn(layers, y, filters, 3, 1, f"s{i}b", relu=False)
        if strides != 1:
            x = layers.Conv2D(filters, 1, strides=strides, name=f"s{i}_short")(x)
        x = layers.Add(name=f"s{i}_add")([x, y])
        x = layers.ReLU(name=f"s{i}_relu")(x)
    x = layers.AveragePooling2D(8, name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(10, name="fc")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="resnet8")
    rng = np.random.default_rng(seed)
    keras_factory._random_biases(model, rng)
    _randomize_bn(model, rng)
    return model


def mobilenet(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((96, 96, 3), name="image")
    x = _conv_bn(layers, x, 8, 3, 2, "conv1")
    blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)]
    blocks += [(128, 1)] * 5 + [(256, 2), (256, 1)]
    for i, (filters, strides) in enumerate(blocks):
        x = _dw_pw(layers, x, filters, 3, strides, f"b{i}")
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Dense(2, name="fc")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="mobilenet")
    _randomize_bn(model, np.random.default_rng(seed))
    return model


def wakeword(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((49, 1, 40), name="mfcc")
    x = _conv_bn(layers, x, 48, 1, 1, "pw0")
    for i, (k, strides) in enumerate(((3, 1), (5, 2), (10, 2), (15, 1))):
        x = _dw_pw(layers, x, 48, (k, 1), (strides, 1), f"t{i}")
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Dense(3, name="fc")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="wakeword")
    _randomize_bn(model, np.random.default_rng(seed))
    return model


def autoencoder(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((640,), name="features")
    for i, units in enumerate([128] * 4 + [8] + [128] * 4):
        x = layers.Dense(units, name=f"fc{i}")(x)
        x = layers.BatchNormalization(name=f"fc{i}_bn")(x)
        x = layers.ReLU(name=f"fc{i}_relu")(x)
    x = layers.Dense(640, name="out")(x)
    model = keras.Model(inputs, x, name="autoencoder")
    rng = np.random.default_rng(seed)
    keras_factory._random_biases(model, rng)
    _randomize_bn(model, rng)
    return model


TINY = {
    "resnet8": resnet8,
    "mobilenet": mobilenet,
    "dscnn": models.dscnn,
    "wakeword": wakeword,
    "autoencoder": autoencoder,
}
# TensorFlow Lite Micro's activation arena on the trained models (issue 13)
TFLM_ACTIVATIONS = {
    "resnet8": 49152,
    "mobilenet": 73728,
    "dscnn": 16000,
    "wakeword": 6656,
    "autoencoder": 768,
}


def calibration(name: str, shape: tuple[int, ...], n: int, seed: int = 0) -> np.ndarray:
    """Uniform [0, 1) pixels; N(0, 1) MFCCs and spectrogram features."""
    rng = np.random.default_rng(seed)
    if name in ("dscnn", "wakeword", "autoencoder"):
        return rng.normal(0.0, 1.0, (n,) + shape).astype(np.float32)
    return rng.random((n,) + shape, dtype=np.float32)
