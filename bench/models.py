"""The benchmark's models, with weights and data from fixed seeds.

- guide: the seeds' guide CNN (test/python/keras_factory.guide_model), 28x28x1.
- dscnn: DS-CNN keyword spotting (MLPerf Tiny KWS) on 49x10x1 MFCC-like
  input: Conv2D 64 10x4 stride 2 + BN + ReLU, 4 x [DepthwiseConv 3x3 + BN +
  ReLU + Conv 64 1x1 + BN + ReLU], GlobalAveragePooling, Dense 12, Softmax.
- mlp: 784-32-10 (Dense + ReLU, Dense, Softmax).
- resnet8: MLPerf Tiny image classification, 32x32x3: Conv 16 3x3, three
  residual stacks (16, 32 and 64 filters, the last two stride 2 with a 1x1
  stride-2 shortcut), AveragePooling 8x8, Dense 10, Softmax.
- mobilenet: MobileNetV1 width 0.25 (MLPerf Tiny visual wake words),
  96x96x3: Conv 8 3x3 stride 2, 13 x [DepthwiseConv 3x3 + BN + ReLU + Conv
  1x1 + BN + ReLU], GlobalAveragePooling, Dense 2, Softmax.
- wakeword: a 1D temporal depthwise net on 49 frames x 40 MFCCs (time on
  the rows, one column): Conv 1x1 to 48 channels, 4 x [DepthwiseConv (k,1),
  k = 3, 5, 10, 15 + BN + ReLU + Conv 1x1 + BN + ReLU] (the second and third
  blocks stride 2 in time), GlobalAveragePooling, Dense 3, Softmax.
- autoencoder: MLPerf Tiny anomaly detection, 640 -> 4 x [Dense 128 + BN +
  ReLU] -> Dense 8 + BN + ReLU -> 4 x [Dense 128 + BN + ReLU] -> Dense 640.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "test" / "python"))

import keras_factory  # noqa: E402


def _keras():
    return keras_factory._keras()


def guide(seed: int = 0):
    return keras_factory.guide_model(seed=seed)


def dscnn(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((49, 10, 1), name="mfcc")
    x = layers.Conv2D(64, (10, 4), strides=2, padding="same", use_bias=False, name="conv1")(x)
    x = layers.BatchNormalization(name="bn1")(x)
    x = layers.ReLU(name="relu1")(x)
    for i in range(4):
        x = layers.DepthwiseConv2D(3, padding="same", use_bias=False, name=f"dw{i}")(x)
        x = layers.BatchNormalization(name=f"dw{i}_bn")(x)
        x = layers.ReLU(name=f"dw{i}_relu")(x)
        x = layers.Conv2D(64, 1, use_bias=False, name=f"pw{i}")(x)
        x = layers.BatchNormalization(name=f"pw{i}_bn")(x)
        x = layers.ReLU(name=f"pw{i}_relu")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Dense(12, name="fc")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="dscnn")
    _randomize_bn(model, np.random.default_rng(seed))
    return model


def mlp(seed: int = 0):
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((784,), name="pixels")
    x = layers.Dense(32, activation="relu", name="fc1")(x)
    x = layers.Dense(10, name="fc2")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="mlp")
    keras_factory._random_biases(model, np.random.default_rng(seed))
    return model


def _randomize_bn(model, rng: np.random.Generator) -> None:
    """Trained-looking BatchNorm statistics (fresh ones are the identity)."""
    for layer in model.layers:
        if type(layer).__name__ == "BatchNormalization":
            gamma, beta, mean, var = layer.get_weights()
            n = gamma.shape[0]
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.5, n).astype(np.float32),
                    rng.normal(0.0, 0.2, n).astype(np.float32),
                    rng.normal(0.0, 0.2, n).astype(np.float32),
                    rng.uniform(0.5, 2.0, n).astype(np.float32),
                ]
            )


def _conv_bn(layers, x, filters, kernel, strides, name, relu=True, max_value=None):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False, name=name)(
        x
    )
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    return layers.ReLU(max_value, name=f"{name}_relu")(x) if relu else x


def _dw_pw(layers, x, filters, kernel, strides, name, max_value=None):
    x = layers.DepthwiseConv2D(
        kernel, strides=strides, padding="same", use_bias=False, name=f"{name}_dw"
    )(x)
    x = layers.BatchNormalization(name=f"{name}_dw_bn")(x)
    x = layers.ReLU(max_value, name=f"{name}_dw_relu")(x)
    return _conv_bn(layers, x, filters, 1, 1, f"{name}_pw", max_value=max_value)


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


def mobilenet(seed: int = 0, relu6: bool = False):
    """relu6: ReLU6 activations, as Keras' MobileNet has (bench/trained.py)."""
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    top = 6.0 if relu6 else None
    x = inputs = keras.Input((96, 96, 3), name="image")
    x = _conv_bn(layers, x, 8, 3, 2, "conv1", max_value=top)
    blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)]
    blocks += [(128, 1)] * 5 + [(256, 2), (256, 1)]
    for i, (filters, strides) in enumerate(blocks):
        x = _dw_pw(layers, x, filters, 3, strides, f"b{i}", max_value=top)
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


MODELS = {
    "guide": guide,
    "dscnn": dscnn,
    "mlp": mlp,
    "resnet8": resnet8,
    "mobilenet": mobilenet,
    "wakeword": wakeword,
    "autoencoder": autoencoder,
}
# the five architectures of issue 13 (the MLPerf Tiny set and a wake-word net)
TINY = ["resnet8", "mobilenet", "dscnn", "wakeword", "autoencoder"]
# TensorFlow Lite Micro's activation arena on their trained instances (issue 13)
TFLM_ACTIVATIONS = {
    "resnet8": 49152,
    "mobilenet": 73728,
    "dscnn": 16000,
    "wakeword": 6656,
    "autoencoder": 768,
}


def calibration(name: str, shape: tuple[int, ...], n: int, seed: int = 0) -> np.ndarray:
    """Calibration / test inputs: uniform [0, 1) pixels, N(0, 1) MFCCs and
    spectrogram features."""
    rng = np.random.default_rng(seed)
    if name in ("dscnn", "wakeword", "autoencoder"):
        return rng.normal(0.0, 1.0, (n,) + shape).astype(np.float32)
    return rng.random((n,) + shape, dtype=np.float32)
