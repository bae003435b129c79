"""Random Keras models converted by TensorFlow's TFLiteConverter (full integer
quantisation, int8 I/O), and TFLite Micro's outputs for them: the oracle of
the .tflite import tests.

Conversions are slow (~1 s each): `tflite_bytes()` caches each file under
.pytest_cache/nnom_tflite, keyed by this file's text, the seed and the
TensorFlow version, so a second session converts nothing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np

CACHE = Path(__file__).resolve().parents[2] / ".pytest_cache" / "nnom_tflite"


def _tf() -> Any:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    return tf


def _pick(rng, items):
    return items[int(rng.integers(len(items)))]


def _feature_block(rng, keras, x, allow_merge: bool = True):
    """One random layer (or small branch) on a rank-4 tensor."""
    L = keras.layers
    h, w, c = (int(d) for d in x.shape[1:])
    kinds = ["conv", "dw", "sep", "pool", "act", "pad", "prelu", "leaky", "bn"]
    if min(h, w) >= 2:
        kinds += ["deconv"]
    if allow_merge:
        kinds += ["add", "sub", "mul", "concat"]
    kind = _pick(rng, kinds)
    act = _pick(rng, [None, "relu", "relu6"])
    pad = _pick(rng, ["same", "valid"])
    k = int(rng.integers(1, 4))
    if kind in ("conv", "dw", "sep") and pad == "valid" and min(h, w) < k:
        pad = "same"
    if kind == "conv":
        # no dilation: TFLiteConverter lowers it to SPACE_TO_BATCH_ND + CONV_2D +
        # BATCH_TO_SPACE_ND, which NNoM does not import
        s = int(rng.integers(1, 3))
        return L.Conv2D(int(rng.integers(1, 9)), k, s, pad, activation=act)(x)
    if kind == "dw":
        s = int(rng.integers(1, 3))
        return L.DepthwiseConv2D(
            k, s, pad, depth_multiplier=int(rng.integers(1, 3)), activation=act
        )(x)
    if kind == "sep":
        return L.SeparableConv2D(int(rng.integers(1, 9)), k, 1, pad, activation=act)(x)
    if kind == "deconv":
        s = int(rng.integers(1, 3))
        return L.Conv2DTranspose(
            int(rng.integers(1, 6)), int(rng.integers(2, 4)), s, pad, activation=act
        )(x)
    if kind == "pool":
        p = 2 if min(h, w) >= 2 else 1
        cls = _pick(rng, [L.MaxPooling2D, L.AveragePooling2D])
        return cls(p, int(rng.integers(1, 3)), _pick(rng, ["same", "valid"]))(x)
    if kind == "act":
        return L.Activation(_pick(rng, ["sigmoid", "tanh", "relu", "hard_swish", "relu6"]))(x)
    if kind == "leaky":
        return L.LeakyReLU(float(rng.uniform(0.05, 0.5)))(x)
    if kind == "prelu":
        return L.PReLU(shared_axes=[1, 2])(x)
    if kind == "bn":
        return L.BatchNormalization()(L.Conv2D(c, 1)(x))
    if kind == "pad":
        return L.ZeroPadding2D(((int(rng.integers(0, 2)), 1), (1, int(rng.integers(0, 3)))))(x)
    y = L.Conv2D(c, k, 1, "same", activation=act)(x)
    if kind == "add":
        return L.Add()([x, y])
    if kind == "sub":
        return L.Subtract()([x, y])
    if kind == "mul":
        return L.Multiply()([x, y])
    return L.Concatenate()([x, L.Conv2D(int(rng.integers(1, 5)), 1)(x)])


def random_model(seed: int) -> Any:
    """A small random model: 2D feature maps (sequential-like chains with
    branches: add/sub/mul/concat), a few 1D (Conv1D) and dense heads."""
    import keras

    rng = np.random.default_rng(seed)
    L = keras.layers
    if seed % 7 == 6:  # 1D
        inp = keras.Input((int(rng.integers(6, 16)), int(rng.integers(1, 5))))
        x = L.Conv1D(
            int(rng.integers(2, 8)),
            int(rng.integers(1, 4)),
            padding="same",
            activation=_pick(rng, [None, "relu"]),
        )(inp)
        x = _pick(rng, [L.MaxPooling1D(2), L.AveragePooling1D(2)])(x)
        x = L.Conv1D(int(rng.integers(2, 8)), 3, padding="same")(x)
        x = L.GlobalAveragePooling1D()(x) if rng.random() < 0.5 else L.Flatten()(x)
        x = L.Dense(int(rng.integers(2, 10)), activation=_pick(rng, [None, "relu", "tanh"]))(x)
        out = L.Softmax()(x) if rng.random() < 0.5 else x
        return keras.Model(inp, out)
    h, w = int(rng.integers(3, 11)), int(rng.integers(3, 11))
    inp = keras.Input((h, w, int(rng.integers(1, 5))))
    x = inp
    for _ in range(int(rng.integers(2, 6))):
        x = _feature_block(rng, keras, x)
        if int(np.prod(x.shape[1:])) > 4000 or min(x.shape[1:3]) < 1:
            break
    head = _pick(rng, ["gap", "flatten", "map", "gap_keep"])
    if head == "gap":
        x = L.GlobalAveragePooling2D()(x)
        x = L.Dense(int(rng.integers(2, 10)), activation=_pick(rng, [None, "relu"]))(x)
        if rng.random() < 0.5:
            x = L.Softmax()(x)
    elif head == "gap_keep":
        x = L.GlobalAveragePooling2D(keepdims=True)(x)
    elif head == "flatten":
        x = L.Dense(int(rng.integers(2, 10)), activation=_pick(rng, [None, "sigmoid"]))(
            L.Flatten()(x)
        )
    return keras.Model(inp, x)


def randomize(model: Any, rng) -> None:
    for var in model.weights:
        shape = tuple(var.shape)
        if var.name in ("gamma", "moving_variance"):
            value = rng.uniform(0.5, 1.5, shape)
        elif var.name in ("beta", "moving_mean", "bias"):
            value = rng.normal(0, 0.3, shape)
        elif var.name == "alpha":
            value = rng.uniform(0.05, 0.4, shape)
        else:
            fan_in = int(np.prod(shape[:-1])) or 1
            value = rng.normal(0, 1 / np.sqrt(fan_in), shape)
        var.assign(value.astype(np.float32))


def representative(shape, seed: int, n: int = 32) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scale = float(10 ** rng.uniform(-0.5, 0.5))
    return rng.normal(float(rng.uniform(-0.5, 0.5)), scale, (n,) + tuple(shape)).astype(np.float32)


def convert(model: Any, calib: np.ndarray, per_channel: bool = True, int8: bool = True) -> bytes:
    tf = _tf()
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    if int8:
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = lambda: ([calib[i : i + 1]] for i in range(len(calib)))
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
        if not per_channel:
            conv._experimental_disable_per_channel = True
    return conv.convert()


def _key(*parts) -> str:
    text = Path(__file__).read_text()
    return hashlib.sha256((text + repr(parts)).encode()).hexdigest()[:20]


def tflite_bytes(seed: int) -> bytes:
    """The .tflite file of random model `seed` (odd seeds: per-tensor weights)."""
    tf = _tf()
    path = CACHE / f"{_key(seed, tf.__version__)}.tflite"
    if path.is_file():
        return path.read_bytes()
    model = random_model(seed)
    randomize(model, np.random.default_rng(seed))
    calib = representative(model.inputs[0].shape[1:], seed)
    data = convert(model, calib, per_channel=seed % 2 == 0)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def tflm_run(data: bytes, xs: list[np.ndarray], n_outputs: int = 1) -> list[np.ndarray]:
    """TFLite Micro (reference kernels) on int8 inputs, batch first: one
    array per model output."""
    import tflite_micro

    it = tflite_micro.runtime.Interpreter.from_bytes(data)
    n = xs[0].shape[0]
    outs: list[list[np.ndarray]] = []
    for i in range(n):
        for k, x in enumerate(xs):
            it.set_input(x[i : i + 1], k)
        it.invoke()
        outs.append([np.array(it.get_output(k)) for k in range(n_outputs)])
    return [np.concatenate([r[k] for r in outs]) for k in range(len(outs[0]))]
