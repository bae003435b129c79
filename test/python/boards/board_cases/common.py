"""What the case families share: the two DepthwiseConv2D builders, the
calibration data, and a converted model whose header leaves out the records."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

import keras_factory as kf


class WithoutRecords:
    """A converted model whose header has no depthwise records."""

    def __init__(self, converted):
        self._converted = converted

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_converted":  # pickle asks before __init__ ran
            raise AttributeError(name)
        return getattr(self._converted, name)

    def save_header(self, path, **kwargs) -> None:
        self._converted.save_header(path, **kwargs)
        text = Path(path).read_text()
        stripped = re.sub(r"static const int32_t \w+_records\[\d+\] = \{[^}]*\};\n", "", text)
        stripped = re.sub(
            r", \.records = \w+_records( \+ \d+)?, \.records_len = NNOM_COUNT_OF\(\w+\)( - \d+)?",
            "",
            stripped,
        )
        if kwargs.get("api", "structured") == "structured":
            assert stripped.count("\n") < text.count("\n"), "the header had no records"
        Path(path).write_text(stripped)


def scale_last_channels(layer, n: int) -> None:
    """The last n channels' weights down 10^4 under a bias of 20: shifts
    beyond the kernels' fast requantisation forms, which they must find
    (and hand the layer to an exact path)."""
    weights, bias = layer.get_weights()
    weights[..., -n:, :] *= 1e-4
    bias[-n:] = 20.0
    layer.set_weights([weights, bias])


def stepped_dw_layer(kernel, stride: int, padding: str, act, dil=1, mult: int = 1):
    """A DepthwiseConv2D whose stride applies along the axes of more than
    one tap only (a (k, 1) kernel at stride 2 on an H x W input keeps W)."""
    return kf._keras().layers.DepthwiseConv2D(
        kernel,
        strides=(stride if kernel[0] > 1 else 1, stride if kernel[1] > 1 else 1),
        padding=padding,
        dilation_rate=dil,
        depth_multiplier=mult,
        activation=act,
    )


def odd_channels_model(case, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, dil, padding, act, scaled = case
    inputs = keras.Input(shape)
    x = stepped_dw_layer(kernel, stride, padding, act, dil)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if scaled:  # one channel's shift beyond the fast requantisation
        scale_last_channels(model.layers[-1], 1)
    return model


def dw_layer_case_model(case, rng: np.random.Generator):
    """One DepthwiseConv2D of case (input (h, w, c), kernel, stride, padding,
    activation, scaled), random weights from rng; scaled: "small" (the last
    group's weights down: e beyond 11, the unscaled requantisation),
    "scaled" (the last group's shifts beyond the records' fast
    requantisation), "huge" (every weight down: |bias| near 2^30) or None."""
    keras = kf._keras()
    shape, kernel, stride, padding, act, scaled = case
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(kernel, strides=stride, padding=padding, activation=act)(
        inputs
    )
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    kernel_w, bias = model.layers[-1].get_weights()
    if scaled == "small":
        kernel_w[..., -4:, :] *= 1e-2
        model.layers[-1].set_weights([kernel_w, bias])
    if scaled == "scaled":
        kernel_w[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        model.layers[-1].set_weights([kernel_w, bias])
    if scaled == "huge":
        model.layers[-1].set_weights([kernel_w * 1e-3, np.full_like(bias, 20.0)])
    return model


def calibration(rng: np.random.Generator, shape, n: int) -> np.ndarray:
    """n float inputs of shape around a random offset and scale."""
    scale = float(10 ** rng.uniform(-1, 1))
    return rng.normal(float(rng.uniform(-1, 1)) * scale, scale, (n, *shape)).astype(np.float32)
