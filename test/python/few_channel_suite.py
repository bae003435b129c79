"""The few-channel convolution shapes of boards/test_conv_few_channels.py,
shared with its host run (bitexact/test_conv_few_channels_host.py).

First layers (grey, RGB, spectrogram inputs): random shapes from a fixed
seed (1-3 and 5-7 input channels, kernels 1x1 to 5x5 and 10x4, strides
1-2, same/valid padding, dilation, ReLU and ReLU6 clamps, odd filter
counts) plus hand-picked ones (among them requantisation shifts the
gathered-window kernel declines), each converted with its calibration and
the numpy reference's outputs.
"""

from __future__ import annotations

import numpy as np

import keras_factory as kf
import nnom

N_RANDOM = 28
RUNS = 3
KERNELS = [(1, 1), (2, 2), (3, 3), (3, 3), (1, 3), (3, 1), (5, 5), (2, 5), (10, 4), (4, 3)]

# (input (h, w, c), filters, Conv2D arguments): the kernel's limits.
CASES = [
    # MobileNet's first layer, smaller: 3x3 stride 2 RGB, same padding
    ((24, 22, 3), 8, dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    # DS-CNN's: 10x4 stride 2 on one channel, borders on every side
    ((21, 10, 1), 12, dict(kernel_size=(10, 4), strides=2, padding="same", activation="relu")),
    # valid windows ending on the input's last byte (whole-word reads there)
    ((6, 7, 3), 5, dict(kernel_size=3, padding="valid")),
    ((9, 5, 1), 3, dict(kernel_size=(3, 3), padding="valid", activation="relu6")),
    # more than 64 filters: two packed chunks, the last group partial
    ((5, 6, 2), 70, dict(kernel_size=3, padding="same", activation="relu")),
    # dilation across and down
    ((11, 12, 3), 6, dict(kernel_size=3, dilation_rate=2, padding="same")),
    # one output pixel, one filter
    ((3, 3, 3), 1, dict(kernel_size=3, padding="valid")),
    # weights scaled down under a large bias (HUGE_BIAS): shifts beyond the
    # fast requantisation, the kernel declines and the int16 patches run
    ((7, 6, 3), 6, dict(kernel_size=3, padding="same", use_bias=True)),
]
HUGE_BIAS = len(CASES) - 1


def _conv_model(shape, filters: int, args: dict, rng: np.random.Generator):
    keras = kf._keras()
    inputs = keras.Input(shape)
    x = keras.layers.Conv2D(filters, **{"use_bias": bool(rng.random() < 0.8), **args})(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


def random_case(rng: np.random.Generator):
    """A random first-layer shape, or None when Keras gives no output."""
    c = int(rng.choice([1, 2, 3, 1, 3, 5, 6, 7]))
    kh, kw = KERNELS[int(rng.integers(len(KERNELS)))]
    h, w = int(rng.integers(kh, kh + 12)), int(rng.integers(kw, kw + 12))
    stride, dil = (int(rng.integers(1, 3)), int(rng.integers(1, 3))), (1, 1)
    if rng.random() < 0.2:
        dil, stride = (int(rng.integers(1, 3)), int(rng.integers(1, 3))), (1, 1)
    args = dict(
        kernel_size=(kh, kw),
        strides=stride,
        dilation_rate=dil,
        padding="same" if rng.random() < 0.6 else "valid",
        activation=rng.choice([None, "relu", "relu6"]),
    )
    filters = int(rng.choice([1, 2, 3, 4, 5, 7, 8, 13, 16, 24]))
    try:
        model = _conv_model((h, w, c), filters, args, rng)
    except Exception:  # a window larger than a valid input
        return None
    if min(int(d) for d in model.outputs[0].shape[1:]) < 1:
        return None
    return model


def build_suite() -> list:
    """(name, converted model, inputs per run, expected outputs per run) of
    every random shape (fixed seed) and every case of CASES."""
    out = []
    rng = np.random.default_rng(76_000)
    while len(out) < N_RANDOM:
        model = random_case(rng)
        if model is not None:
            out.append((f"random{len(out)}", model, rng))
    for k, (shape, filters, args) in enumerate(CASES):
        rng = np.random.default_rng(77_000 + k)
        model = _conv_model(shape, filters, args, rng)
        if k == HUGE_BIAS:
            kernel, bias = model.layers[-1].get_weights()
            model.layers[-1].set_weights([kernel * 1e-4, np.full_like(bias, 20.0)])
        out.append((f"case{k}", model, rng))
    models = []
    for name, model, rng in out:
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        scale = float(10 ** rng.uniform(-1, 1))
        calib = rng.normal(rng.uniform(-1, 1) * scale, scale, (32, *shape)).astype(np.float32)
        converted = nnom.convert(model, calib)
        x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
        qx = converted.quantize(x)
        want = converted.run(qx)
        inputs = [[qx[r]] for r in range(len(qx))]
        expected = [[w[r] for w in want] for r in range(len(qx))]
        models.append((name, converted, inputs, expected))
    return models
