"""The benchmark's three models, with weights and data from fixed seeds.

- guide: the seeds' guide CNN (test/python/keras_factory.guide_model), 28x28x1.
- dscnn: DS-CNN keyword spotting on 49x10x1 MFCC-like input: Conv2D 64 10x4
  stride 2 + BN + ReLU, 4 x [DepthwiseConv 3x3 + BN + ReLU + Conv 64 1x1 +
  BN + ReLU], GlobalAveragePooling, Dense 12, Softmax.
- mlp: 784-32-10 (Dense + ReLU, Dense, Softmax).
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


MODELS = {"guide": guide, "dscnn": dscnn, "mlp": mlp}


def calibration(name: str, shape: tuple[int, ...], n: int, seed: int = 0) -> np.ndarray:
    """Calibration / test inputs: uniform [0, 1) pixels, N(0, 1) MFCCs."""
    rng = np.random.default_rng(seed)
    if name == "dscnn":
        return rng.normal(0.0, 1.0, (n,) + shape).astype(np.float32)
    return rng.random((n,) + shape, dtype=np.float32)
