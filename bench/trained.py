"""Trained-like instances of the benchmark's models (bench/run.py --variant
trained), offline and from fixed seeds.

The random-weight models of bench/models.py have well-behaved scales; the
acceptance models of issue 13 are trained ones, whose requantisation can
take the kernels' slower paths. So each architecture is trained for a short
fixed schedule (Adam, single-threaded, deterministic ops; ~10-60 s each on
one core) on generated data with structure:

- images (guide, resnet8, mobilenet): per class a smooth random pattern,
  random contrast and brightness, Gaussian noise;
- MFCC-like inputs (dscnn, wakeword): per class a pattern smooth in time,
  shifted by up to 3 frames, Gaussian noise;
- autoencoder: vectors tanh(z A) of an 8-dimensional latent z, plus noise,
  reconstructed (mean squared error).

Then the weights get what trained networks show and the short schedule
does not (distort()): all-zero (dead) output channels in a depthwise and in
a convolution or dense layer, one output channel with 100x larger weights,
one with 1000x smaller (near-dead),
one BatchNormalization channel with near-zero variance, large biases; the
MobileNet uses ReLU6 (as Keras' MobileNet does). Calibration and test inputs
come from the same generator (other seeds).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import models  # noqa: E402

# (training steps, batch) per model, and its classes (0: the autoencoder)
SCHEDULE = {
    "guide": (150, 32),
    "resnet8": (150, 32),
    "mobilenet": (80, 16),
    "dscnn": (150, 32),
    "wakeword": (200, 32),
    "autoencoder": (300, 32),
}
CLASSES = {"guide": 10, "resnet8": 10, "mobilenet": 2, "dscnn": 12, "wakeword": 3}
PATTERN_SEED = 1234  # the class patterns (fixed per model)


def _smooth(rng: np.random.Generator, shape: tuple[int, ...], axis: int, width: int) -> np.ndarray:
    """Gaussian noise averaged over `width` neighbours along axis."""
    v = rng.normal(0.0, 1.0, shape)
    kernel = np.ones(width) / np.sqrt(width)
    return np.apply_along_axis(lambda r: np.convolve(r, kernel, mode="same"), axis, v)


def data(name: str, shape: tuple[int, ...], n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n inputs of the model's shape and their labels (the autoencoder: its
    targets, the inputs themselves)."""
    proto_rng = np.random.default_rng(PATTERN_SEED)
    rng = np.random.default_rng(seed)
    if name == "autoencoder":
        mix = proto_rng.normal(0.0, 1.0, (8, shape[0])) / np.sqrt(8)
        z = rng.normal(0.0, 1.0, (n, 8))
        x = np.tanh(z @ mix) * 2.0 + rng.normal(0.0, 0.1, (n, shape[0]))
        x = x.astype(np.float32)
        return x, x
    classes = CLASSES[name]
    y = rng.integers(0, classes, n)
    if name in ("dscnn", "wakeword"):
        time_axis = 1  # 49 frames on the rows
        protos = _smooth(proto_rng, (classes, *shape), time_axis, 5)
        shifts = rng.integers(-3, 4, n)
        x = np.stack([np.roll(protos[c], s, axis=0) for c, s in zip(y, shifts)])
        x = x + rng.normal(0.0, 0.7, x.shape)
        return x.astype(np.float32), y
    h, w, c = shape
    coarse = proto_rng.random((classes, (h + 3) // 4, (w + 3) // 4, c))
    protos = coarse.repeat(4, axis=1).repeat(4, axis=2)[:, :h, :w, :]
    contrast = rng.uniform(0.6, 1.0, (n, 1, 1, 1))
    bright = rng.uniform(-0.1, 0.1, (n, 1, 1, 1))
    x = protos[y] * contrast + bright + rng.normal(0.0, 0.15, (n, h, w, c))
    return np.clip(x, 0.0, 1.0).astype(np.float32), y


def _architecture(name: str):
    if name == "mobilenet":
        return models.mobilenet(relu6=True)
    return models.MODELS[name]()


def train(name: str) -> Any:
    """The architecture trained for SCHEDULE[name] steps from fixed seeds."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    keras = models._keras()
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.experimental.enable_op_determinism()
    model = _architecture(name)  # Keras' initialisers, fresh BatchNorm
    keras.utils.set_random_seed(0)
    steps, batch = SCHEDULE[name]
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    x, y = data(name, shape, steps * batch, seed=0)
    loss = "mse" if name == "autoencoder" else "sparse_categorical_crossentropy"
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss)
    model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0)
    return model


def _kind(layer) -> str:
    return type(layer).__name__


def distort(model: Any) -> list[str]:
    """What trained networks show, applied in place; returns what was done.

    - the middle depthwise layer: output channel 1 all zero (dead);
    - the second convolution or dense layer: output channel 2 all zero;
    - the third: output channel 3's weights x100;
    - the fourth: output channel 4's weights x0.001 (near-dead: per-channel
      scales spanning five decades in these two layers);
    - the middle BatchNormalization: channel 0's variance 1e-6;
    - every bias: channel 0 raised by 4 (large biases).
    """
    done = []
    dws = [x for x in model.layers if _kind(x) == "DepthwiseConv2D"]
    mats = [x for x in model.layers if _kind(x) in ("Conv2D", "Dense")]
    bns = [x for x in model.layers if _kind(x) == "BatchNormalization"]

    def edit(layer, channel: int, fn, what: str) -> None:
        weights = layer.get_weights()
        kernel = weights[0]
        if _kind(layer) == "DepthwiseConv2D":
            kernel[..., channel, 0] = fn(kernel[..., channel, 0])
        else:
            kernel[..., channel] = fn(kernel[..., channel])
        layer.set_weights(weights)
        done.append(f"{layer.name} channel {channel}: {what}")

    if dws:
        edit(dws[len(dws) // 2], 1, np.zeros_like, "all-zero weights")
    if len(mats) > 1:
        edit(mats[1], 2, np.zeros_like, "all-zero weights")
    if len(mats) > 2:
        edit(mats[2], 3, lambda k: k * 100.0, "weights x100")
    if len(mats) > 3:
        edit(mats[3], 4, lambda k: k * 1e-3, "weights x0.001 (near-dead)")
    if bns:
        bn = bns[len(bns) // 2]
        gamma, beta, mean, var = bn.get_weights()
        var[0] = 1e-6
        bn.set_weights([gamma, beta, mean, var])
        done.append(f"{bn.name} channel 0: variance 1e-6")
    for layer in mats:
        if getattr(layer, "use_bias", False):
            weights = layer.get_weights()
            weights[1][0] += 4.0
            layer.set_weights(weights)
            done.append(f"{layer.name} channel 0: bias + 4")
    return done


def build(name: str, cache: Path | None = None) -> Any:
    """The trained-like model (from cache/<name>-trained.h5 when there)."""
    keras = models._keras()
    path = cache / f"{name}-trained.h5" if cache is not None else None
    if path is not None and path.exists():
        return keras.models.load_model(path, compile=False)
    model = train(name)
    for line in distort(model):
        print(f"trained {name}: {line}")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    return model
