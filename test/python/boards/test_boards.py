"""Generated models on the emulated Cortex-M boards, every output byte checked.

Random models made to exercise the kernels' paths (convolutions with 1 to 40
input channels, strides, dilation, padding; depthwise with multipliers;
dense layers of odd and even sizes; pooling; softmax; two-input Add,
Subtract and Multiply over odd element counts and scale ratios; pooling
windows at the four-channel loops' limits), plus four of the
benchmark's models (guide CNN, DS-CNN, MLP, wake-word net), are converted,
and for every board (qemucm M3, M4, M7, M33,
M55) and backend (local C; CMSIS-NN when NNOM_CMSIS_NN_DIR names a copy) one
firmware per board runs them all under QEMU and compares each output byte
with the numpy reference. The same random models also run on the host under
AddressSanitizer (out-of-bounds reads of the kernels show up there).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
from nnom import memory

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import models as bench_models  # noqa: E402

N_RANDOM = 24
RUNS = 3  # inputs per model: two typical, one far outside the calibration range
BOARDS = list(cmbuild.BOARDS)
MAX_MACS = 300_000

needs_arm = pytest.mark.skipif(
    bool(cmbuild.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)


def _maybe(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def random_kernel_model(rng: np.random.Generator):
    """A random functional model of convolutions, depthwise convolutions,
    pooling and dense layers with the shapes the kernels special-case."""
    keras = kf._keras()
    layers = keras.layers
    h, w = int(rng.integers(1, 13)), int(rng.integers(1, 13))
    c = int(rng.choice([1, 1, 2, 3, 4, 5, 8, 12, 16, 24, 33]))
    x = inputs = keras.Input((h, w, c))
    macs = 0
    for _ in range(int(rng.integers(1, 5))):
        kind = rng.choice(["conv", "conv", "dw", "pool"])
        hh, ww, cc = (int(d) for d in x.shape[1:])
        kh, kw = int(rng.integers(1, min(hh, 5) + 1)), int(rng.integers(1, min(ww, 5) + 1))
        dil = (1, 1)
        stride = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        if _maybe(rng, 0.2):
            dil, stride = (int(rng.integers(1, 3)), int(rng.integers(1, 3))), (1, 1)
        padding = "same" if _maybe(rng, 0.6) else "valid"
        act = rng.choice([None, "relu", "relu6"])
        if kind == "conv":
            filters = int(rng.choice([1, 2, 3, 5, 8, 16, 24]))
            layer = layers.Conv2D(
                filters,
                (kh, kw),
                strides=stride,
                dilation_rate=dil,
                padding=padding,
                activation=act,
                use_bias=_maybe(rng, 0.8),
            )
        elif kind == "dw":
            mult = int(rng.choice([1, 1, 1, 2, 3]))
            layer = layers.DepthwiseConv2D(
                (kh, kw),
                strides=stride,
                dilation_rate=dil,
                depth_multiplier=mult,
                padding=padding,
                activation=act,
                use_bias=_maybe(rng, 0.8),
            )
        else:
            size = (min(hh, int(rng.integers(1, 4))), min(ww, int(rng.integers(1, 4))))
            cls = layers.MaxPooling2D if _maybe(rng, 0.5) else layers.AveragePooling2D
            layer = cls(size, strides=size if _maybe(rng, 0.5) else None, padding=padding)
        try:
            y = layer(x)
        except Exception:  # a window larger than a valid input: skip it
            continue
        if min(int(d) for d in y.shape[1:]) < 1:
            continue
        oh, ow, oc = (int(d) for d in y.shape[1:])
        step = oh * ow * oc * (kh * kw * (cc if kind == "conv" else 1))
        if macs + step > MAX_MACS:
            continue
        macs += step
        x = y
    if _maybe(rng, 0.5):
        x = layers.Flatten()(x)
        units = int(rng.choice([1, 3, 10, 16, 33]))
        x = layers.Dense(units, activation=rng.choice([None, "relu"]))(x)
        if units > 1 and _maybe(rng, 0.5):
            x = layers.Softmax()(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


# Shapes of the kernels chosen per layer shape (first convolutions with one
# input channel and a 3x3 window: padding, odd and even widths, the end
# pairs, rows longer than one pass, stride and dilation down, ReLU6), as
# (input (h, w), Conv2D arguments).
SHAPE_CASES = [
    ((7, 9), dict(padding="same", activation="relu6", use_bias=False)),
    ((6, 12), dict(padding="valid", strides=(2, 1))),
    ((5, 7), dict(padding="valid", activation="relu")),
    ((5, 4), dict(padding="same")),
    ((4, 70), dict(padding="same", dilation_rate=(2, 1), activation="relu")),
    ((6, 3), dict(padding="same")),
]


def shape_case_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    (h, w), args = SHAPE_CASES[k]
    inputs = keras.Input((h, w, 1))
    x = keras.layers.Conv2D(int(rng.choice([3, 8, 12])), 3, **args)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


# Two-input Add / Subtract / Multiply (the merge kernels' two-input loops):
# the second input a 1x1 convolution of the first, its scale set by the
# weights' factor (ratios from 1 to ~10^-5, either input the larger; factor
# None: the input added to itself, equal scales), odd element counts, with
# and without ReLU.
MERGE_CASES = [
    ("add", 1.0, None),
    ("add", 1e-4, "relu"),
    ("subtract", 0.05, None),
    ("subtract", 30.0, "relu"),
    ("multiply", 0.3, None),
    ("multiply", 1e-3, "relu"),
    ("add", None, None),
]


def merge_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    layers = keras.layers
    kind, factor, act = MERGE_CASES[k]
    shape = (int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.choice([1, 3, 5, 7])))
    x = inputs = keras.Input(shape)
    conv = layers.Conv2D(shape[2], 1)
    y = conv(x) if factor is not None else x
    op = {"add": layers.Add, "subtract": layers.Subtract, "multiply": layers.Multiply}[kind]
    out = op()([x, y])
    model = keras.Model(inputs, layers.ReLU()(out) if act else out)
    kf.randomize_weights(model, rng)
    if factor is not None:
        kernel, bias = conv.get_weights()
        conv.set_weights([kernel * factor, bias * factor])
    return model


# Pooling windows around the four-channel loops' limits: a global average
# of 256 pixels (the largest halfword sums) and of 289 (the plain loop),
# padded windows, odd channel counts.
POOL_CASES = [
    ((16, 16, 8), "global_avg"),
    ((17, 17, 4), "global_avg"),
    ((9, 9, 12), "avg"),
    ((9, 7, 13), "max"),
]


def pool_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    layers = keras.layers
    shape, kind = POOL_CASES[k]
    x = inputs = keras.Input(shape)
    x = layers.Conv2D(shape[2], 1, activation="relu")(x)
    if kind == "global_avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif kind == "avg":
        x = layers.AveragePooling2D(3, strides=2, padding="same")(x)
    else:
        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


# Depthwise shapes of the local kernel's group path (multiplier 1, channels a
# multiple of four on DSP cores): (k, 1) columns run down the height (inside
# and border outputs, 15 taps over 13 rows: borders only; 33 taps: the
# assembly loop's pairs past 16), 3x3 straight (down the height where it
# has more outputs), rows of k taps, stride, dilation, the activations that need the
# rounding's sign term and the clamp or neither, and a bias too large for
# the doubled accumulators (the per-pixel path).
# (input (h, w, c), DepthwiseConv2D arguments).
DW_CASES = [
    ((49, 1, 12), dict(kernel_size=(3, 1), padding="same", activation="relu")),
    ((25, 1, 8), dict(kernel_size=(5, 1), strides=(2, 1), padding="same")),
    ((13, 1, 8), dict(kernel_size=(15, 1), padding="same", activation="relu6")),
    ((25, 1, 4), dict(kernel_size=(10, 1), strides=(2, 1), padding="valid", activation="relu")),
    ((36, 1, 4), dict(kernel_size=(33, 1), padding="same")),
    ((11, 2, 8), dict(kernel_size=(3, 1), dilation_rate=(2, 1), padding="same")),
    ((9, 7, 12), dict(kernel_size=3, dilation_rate=2, padding="same", activation="relu")),
    ((8, 8, 16), dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    ((7, 6, 8), dict(kernel_size=3, padding="valid")),
    ((6, 5, 8), dict(kernel_size=(2, 3), padding="valid", activation="relu6")),
    ((5, 9, 4), dict(kernel_size=(1, 4), padding="same", activation="relu")),
    ((11, 5, 8), dict(kernel_size=3, padding="same", activation="relu6")),
    ((12, 5, 4), dict(kernel_size=3, strides=2, padding="same")),
    # 3x3 on at most 8 input lines (one call per group, windows moved into
    # the input along both axes): 6x6, 3x3 and 3x3 outputs, stride 2 on odd
    # and even sizes, lines down the height, the sign term and the clamp
    ((6, 6, 16), dict(kernel_size=3, padding="same", activation="relu")),
    ((3, 3, 8), dict(kernel_size=3, padding="same", activation="relu6")),
    ((7, 5, 4), dict(kernel_size=3, strides=2, padding="same")),
    ((6, 8, 8), dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    ((25, 5, 8), dict(kernel_size=3, padding="same")),
    ((3, 4, 4), dict(kernel_size=3, padding="valid", activation="relu")),
    # dw_plane3 at stride 2 on more than 8 input lines (at most 8 output
    # lines), 128 channels, 6 (groups overlapping), valid
    ((12, 12, 8), dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    ((7, 7, 128), dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    ((16, 13, 6), dict(kernel_size=3, strides=2, padding="same", activation="relu")),
    ((14, 10, 12), dict(kernel_size=3, strides=2, padding="valid")),
    # 3x3 stride 1 on more than 8 lines, ReLU: two outputs per step
    # (dw_pairs33), even and odd runs
    ((12, 10, 8), dict(kernel_size=3, padding="same", activation="relu")),
    ((11, 9, 12), dict(kernel_size=3, padding="valid", activation="relu")),
    # channels not a multiple of four (more than four: the last group
    # overlaps the one before it): the assembly run of one row of taps,
    # 3-tap pairs, 3x3 stride 2
    ((13, 1, 6), dict(kernel_size=(5, 1), strides=(2, 1), padding="same", activation="relu")),
    ((21, 1, 30), dict(kernel_size=(3, 1), padding="same", activation="relu")),
    ((9, 9, 10), dict(kernel_size=3, strides=2, padding="same", activation="relu6")),
    # 2D windows of rows other than three taps (dw_ink: rows of taps in a
    # loop, 5x5 rows straight): runs of several lines, stride 2, the sign
    # term and the clamp, lines down the height, rows of (3, 5), (4, 4);
    # short lines output by output (windows of fewer taps than the kernel
    # where the input is narrower), channels not a multiple of four
    ((12, 10, 8), dict(kernel_size=5, padding="same", activation="relu")),
    ((11, 9, 12), dict(kernel_size=5, strides=2, padding="same", activation="relu6")),
    ((9, 8, 16), dict(kernel_size=5, padding="valid")),
    ((6, 6, 64), dict(kernel_size=5, padding="same", activation="relu")),
    ((4, 7, 4), dict(kernel_size=5, padding="same")),
    ((4, 4, 8), dict(kernel_size=5, padding="same", activation="relu")),
    ((6, 6, 20), dict(kernel_size=5, strides=2, padding="same", activation="relu")),
    ((7, 7, 10), dict(kernel_size=5, padding="same", activation="relu")),
    ((8, 9, 8), dict(kernel_size=(3, 5), padding="same", activation="relu")),
    ((7, 9, 4), dict(kernel_size=4, strides=2, padding="same", activation="relu6")),
    ((8, 8, 8), dict(kernel_size=5, padding="same", activation="relu")),
    ((4, 6, 8), dict(kernel_size=3, padding="same", activation="relu")),
]
# their weights scaled down: |bias| near 2^30 (the per-pixel fallback)
DW_HUGE_BIAS = (len(DW_CASES) - 2, len(DW_CASES) - 1)


def dw_case_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, args = DW_CASES[k]
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(**args)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if k in DW_HUGE_BIAS:
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


# Random depthwise layers (seeded): kernels (k, 1), (1, k), 3x3 and 5x5,
# 4 to 64 channels (multiples of four or not), stride, padding, dilation,
# multiplier 1 or 2, activation; inputs from 1 to 30 lines.
N_DW_RANDOM = 10


def dw_random_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    kind = ("col", "row", "3x3", "5x5", "col")[k % 5]
    c = int(rng.choice([4, 8, 12, 16, 24, 32, 48, 64, 5, 6, 10, 13]))
    mult = 2 if rng.random() < 0.25 else 1
    dil = 2 if rng.random() < 0.2 else 1
    stride = 1 if dil > 1 else int(rng.choice([1, 2]))
    if kind in ("col", "row"):
        n = int(rng.choice([2, 3, 4, 5, 7, 10, 15]))
        kernel = (n, 1) if kind == "col" else (1, n)
        long_ = int(rng.integers((n - 1) * dil + 1, 31))
        short = int(rng.integers(1, 4))
        shape = (long_, short) if kind == "col" else (short, long_)
        strides = (stride, 1) if kind == "col" else (1, stride)
    else:
        n = 3 if kind == "3x3" else 5
        kernel = (n, n)
        lo = (n - 1) * dil + 1
        shape = (int(rng.integers(lo, 13)), int(rng.integers(lo, 13)))
        strides = (stride, stride)
    inputs = keras.Input((*shape, c))
    x = keras.layers.DepthwiseConv2D(
        kernel,
        strides=strides,
        padding=str(rng.choice(["same", "valid"])),
        depth_multiplier=mult,
        dilation_rate=dil,
        activation=[None, "relu", "relu6"][int(rng.integers(0, 3))],
    )(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


# Random layers of one row of k taps (seeded) for the assembly runs of the
# group path (nnom_local_dwcol_dsp.c, -O2 on DSP cores): (k, 1) and (1, k),
# k 2 to 15 (odd and even), strides 1 to 3, 4 to 64 channels (multiples of
# four), "same" (border outputs on copies of the rows) and "valid",
# mostly ReLU (the runs' activation), inputs of k to 40 lines.
N_DWCOL_RANDOM = 8


SCALED_DWCOL = 4  # a (9,1) ReLU layer, 'same'
# ReLU layers whose header leaves out the converter's records (as the Layer
# API does): the C kernel builds them per group
DWCOL_WITHOUT_RECORDS = (0, 6)


class WithoutRecords:
    """A converted model whose header has no depthwise records."""

    def __init__(self, converted):
        self._converted = converted

    def __getattr__(self, name: str):
        return getattr(self._converted, name)

    def save_header(self, path, **kwargs) -> None:
        self._converted.save_header(path, **kwargs)
        text = Path(path).read_text()
        stripped = re.sub(r"static const int32_t \w+_records\[\d+\] = \{[^}]*\};\n", "", text)
        stripped = re.sub(r", \.records = \w+_records( \+ \d+)?", "", stripped)
        if kwargs.get("api", "structured") == "structured":
            assert stripped.count("\n") < text.count("\n"), "the header had no records"
        Path(path).write_text(stripped)


def dwcol_random_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    n = (2, 7, 3, 5, 9, 10, 11, 15)[k]
    c = 4 * int(rng.integers(1, 17))
    if k == SCALED_DWCOL:
        c = max(c, 8)
    stride = int(rng.integers(1, 4))
    short = int(rng.integers(1, 3))
    # (at most about 768 inputs: the suite's firmwares hold three inputs
    # and outputs of every model)
    long_ = int(rng.integers(n, max(n, min(40, 768 // (short * c))) + 1))
    col = k % 4 != 3
    inputs = keras.Input((long_, short, c) if col else (short, long_, c))
    x = keras.layers.DepthwiseConv2D(
        (n, 1) if col else (1, n),
        strides=(stride, 1) if col else (1, stride),
        padding="valid" if k % 3 == 2 else "same",
        activation=None if k % 4 == 1 else "relu",
    )(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if k == SCALED_DWCOL:
        # the last group's weights scaled down under a large bias: shifts
        # beyond the assembly loop's requantisation, found after the groups
        # before it were written (the C path then rewrites the layer)
        kernel, bias = model.layers[-1].get_weights()
        kernel[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        model.layers[-1].set_weights([kernel, bias])
    return model


# Layers of one row of three taps at stride 1 (seeded) for the assembly
# passes of four outputs (nnom_local_dw3_dsp.c, -O2 on DSP cores; lines of
# 10 outputs or more) and for dw_pairs3 (shorter lines): (k, 1) and (1, k),
# "same" (the four outputs at either end on copies of their rows) and
# "valid", lines whose outputs left after the full passes are 0 to 3 (a
# full pass stepped back, a pass of two), 4 to 64 channels; ReLU (the
# passes' activation) but one; one layer whose last group's requantisation
# does not suit (the C path then rewrites the layer).
# (lines, padding, (k, 1) or not, activation)
DW3_CASES = [
    (10, "same", True, "relu"),  # inside outputs [4, 6): one pass ending at 6
    (13, "valid", False, "relu"),  # 11 outputs: 2 passes, 3 by one stepped back
    (17, "same", True, "relu"),  # 9 inside: 2 passes and a pass of two, one back
    (14, "valid", True, "relu"),  # 12 outputs: 3 passes
    (22, "same", False, "relu"),  # 14 inside: 3 passes and a pass of two
    (7, "same", True, "relu"),  # short: dw_pairs3
    (31, "same", True, "relu"),  # requantisation beyond the passes' form
    (49, "same", True, None),  # the s term: the C loops
]
SCALED_DW3 = 6


def dw3_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    lines, padding, col, act = DW3_CASES[k]
    short = int(rng.integers(1, 3))
    # (at most about 768 inputs: the suite's firmwares hold three inputs
    # and outputs of every model)
    low = 2 if k == SCALED_DW3 else 1
    c = 4 * int(rng.integers(low, max(low, min(16, 192 // (lines * short))) + 1))
    inputs = keras.Input((lines, short, c) if col else (short, lines, c))
    x = keras.layers.DepthwiseConv2D((3, 1) if col else (1, 3), padding=padding, activation=act)(
        inputs
    )
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if k == SCALED_DW3:
        kernel, bias = model.layers[-1].get_weights()
        kernel[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        model.layers[-1].set_weights([kernel, bias])
    return model


# Depthwise windows of more than 32 taps (the group path takes up to 49,
# nnom/backends.json depthwise_group): 7x7 (dw_ink) at stride 1 and 2,
# 'same' and 'valid', inputs narrower than the kernel (short lines output
# by output), lines down the height, the sign term and the clamp, 10
# channels (the last group overlapping); (5, 7); one row of 38 to 49 taps
# (the assembly loop, and the C loop where no output is inside); (5, 10)
# and 9x9 (more than 49 taps: blocks of rows, below) and a 7x7 with a huge
# bias (the per-pixel path).
# (input (h, w, c), DepthwiseConv2D arguments, huge bias).
DWBIG_CASES = [
    ((10, 9, 8), dict(kernel_size=7, padding="same", activation="relu"), False),
    ((11, 10, 8), dict(kernel_size=7, strides=2, padding="same", activation="relu6"), False),
    ((9, 10, 12), dict(kernel_size=7, padding="valid"), False),
    ((6, 6, 32), dict(kernel_size=7, padding="same", activation="relu"), False),
    ((4, 9, 4), dict(kernel_size=7, padding="same"), False),
    ((12, 8, 10), dict(kernel_size=7, padding="same", activation="relu"), False),
    ((14, 6, 8), dict(kernel_size=(5, 7), padding="same", activation="relu"), False),
    ((1, 44, 4), dict(kernel_size=(1, 38), padding="valid", activation="relu"), False),
    (
        (52, 1, 8),
        dict(kernel_size=(49, 1), strides=(2, 1), padding="same", activation="relu"),
        False,
    ),
    ((12, 1, 8), dict(kernel_size=(49, 1), padding="same", activation="relu"), False),
    ((10, 10, 8), dict(kernel_size=(5, 10), padding="same", activation="relu"), False),
    ((9, 9, 4), dict(kernel_size=9, padding="same"), False),
    ((8, 8, 8), dict(kernel_size=7, padding="same", activation="relu"), True),
    # more than 49 taps: blocks of kernel rows (nnom_local_dwblock_dsp.c,
    # -O2 on DSP cores): 9x9 at stride 2 'valid' with the clamp; 12x12 (two
    # blocks of rows: sums kept between them) and a row of 130 taps (pieces
    # of one row), both with borders; (72, 1) down the height; dilation 2;
    # 6 channels (the last group overlapping); a 9x9 with a huge bias (the
    # slow requantisation of the same path)
    ((13, 12, 8), dict(kernel_size=9, strides=2, padding="valid", activation="relu6"), False),
    ((14, 13, 8), dict(kernel_size=12, padding="same", activation="relu"), False),
    ((2, 140, 4), dict(kernel_size=(1, 130), padding="same", activation="relu"), False),
    ((80, 1, 8), dict(kernel_size=(72, 1), padding="same", activation="relu6"), False),
    ((18, 17, 4), dict(kernel_size=8, dilation_rate=2, padding="same"), False),
    ((10, 9, 6), dict(kernel_size=9, padding="same", activation="relu"), False),
    ((10, 10, 8), dict(kernel_size=9, padding="same", activation="relu"), True),
]


def dwbig_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, args, huge = DWBIG_CASES[k]
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(**args)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if huge:  # weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


# Two-tap kernels ((2, 1), (1, 2)) for the assembly passes of
# nnom_local_dwpair_dsp.c (-O2 on DSP cores, the converter's records: one
# call per layer; runs of 4 k + 0..3 outputs, the border output of 'same'
# from its row and the zero point), strides 1 and 2, "same" and "valid",
# several lines (2D inputs, ten of them; runs across the taps' axis where
# those are longer), and the paths around it: a
# ZeroPadding2D layer before it, no records (the one-row loop with its own),
# channels not a multiple of four, weights scaled down under a large bias
# (shifts beyond the passes' form: no records), ReLU6 (the clamp) and no
# activation (the s term): the group path. (input (h, w, c), kernel,
# stride, padding, activation, rows of ZeroPadding2D at the top).
DWPAIR_CASES = [
    ((49, 1, 12), (2, 1), 1, "same", "relu", 0),  # 48 inside: 12 passes, one border
    ((15, 1, 8), (2, 1), 2, "same", "relu", 0),  # 7 inside: a pass and 3 one by one
    ((1, 13, 16), (1, 2), 1, "valid", "relu", 0),  # 12 outputs: 3 passes
    ((1, 11, 4), (1, 2), 2, "same", "relu", 0),  # 5 inside and a border output
    ((9, 3, 8), (2, 1), 1, "same", "relu", 0),  # 3 lines
    ((3, 9, 12), (1, 2), 2, "same", "relu", 0),  # 3 lines at stride 2
    ((10, 2, 8), (2, 1), 2, "valid", "relu", 1),  # ZeroPadding2D first: rows [1, 11)
    ((12, 10, 4), (2, 1), 1, "same", "relu", 0),  # 10 lines, each a border output
    ((21, 1, 8), (2, 1), 1, "same", "relu", 0),  # without records
    ((13, 1, 6), (2, 1), 2, "same", "relu", 0),  # 6 channels
    ((17, 1, 12), (2, 1), 1, "same", "relu", 0),  # the last group scaled
    ((1, 11, 8), (1, 2), 1, "same", "relu6", 0),
    ((1, 14, 8), (1, 2), 2, "valid", None, 0),
    ((12, 3, 8), (1, 2), 1, "same", "relu", 0),  # runs across the taps: 12 lines
    ((13, 4, 4), (1, 2), 2, "valid", "relu", 0),  # across: 13 outputs a run
]
DWPAIR_WITHOUT_RECORDS = (8,)
SCALED_DWPAIR = 10


def dwpair_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act, top = DWPAIR_CASES[k]
    inputs = x = keras.Input(shape)
    if top:
        axis = ((top, 0), (0, 0)) if kernel == (2, 1) else ((0, 0), (top, 0))
        x = keras.layers.ZeroPadding2D(axis)(x)
    strides = (stride, 1) if kernel == (2, 1) else (1, stride)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(x))
    kf.randomize_weights(model, rng)
    if k == SCALED_DWPAIR:
        weights, bias = layer.get_weights()
        weights[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        layer.set_weights([weights, bias])
    return model


# Short rows of taps with the converter's records, where every group of
# four channels runs in one assembly call per run (branch dwshort): (3,1)
# and (1,3) at stride 1 on short lines (every row the line reaches copied
# once, one run; two lines) and on longer ones (border rows copied, three
# runs), 3 to 5 taps at stride 2 (nnom_dwcol_s8: "same" and "valid",
# border rows over 768 bytes in the records' room), the clamp (ReLU6) and
# the s term (no activation), one layer without records (the kernel builds
# them group by group) and one whose last group's requantisation does not
# suit. (input (h, w, c), kernel, stride, padding, activation)
DWSHORT_CASES = [
    ((16, 1, 32), (3, 1), 1, "same", "relu"),
    ((12, 2, 16), (3, 1), 1, "same", "relu"),
    ((1, 24, 28), (1, 3), 1, "same", "relu"),
    ((25, 1, 16), (4, 1), 2, "same", "relu"),
    ((21, 1, 24), (3, 1), 2, "valid", "relu"),
    ((1, 20, 32), (1, 5), 2, "same", "relu"),
    ((17, 3, 8), (4, 1), 2, "same", "relu"),
    ((1, 9, 88), (1, 4), 1, "same", "relu"),
    ((25, 1, 8), (4, 1), 2, "same", "relu6"),
    ((14, 1, 12), (3, 1), 1, "same", None),
    ((16, 1, 32), (3, 1), 1, "same", "relu"),
    ((25, 1, 16), (4, 1), 2, "same", "relu"),
]
DWSHORT_WITHOUT_RECORDS = (len(DWSHORT_CASES) - 2,)
# the last group's weights scaled down under a large bias: no records (the
# converter's check), the kernel finds it at that group and falls back
SCALED_DWSHORT = len(DWSHORT_CASES) - 1


def dwshort_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act = DWSHORT_CASES[k]
    inputs = keras.Input(shape)
    strides = (stride, 1) if kernel[0] > 1 else (1, stride)
    x = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)(
        inputs
    )
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if k == SCALED_DWSHORT:
        kernel, bias = model.layers[-1].get_weights()
        kernel[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        model.layers[-1].set_weights([kernel, bias])
    return model


# Three taps at stride 2 ((3, 1), (1, 3)) for the channel-major assembly
# passes of nnom_local_dw3s2_dsp.c (-O2 on DSP cores, the converter's
# records: lines of 8 outputs or more, the two outputs at either end that
# reach outside the input on copies of their rows): runs of 4 k + 0..3
# outputs (a pass of two, one back; a full pass one back), 'same' with a
# padded row at the top, the bottom or both, 'valid', several lines (2D,
# stride 2 across too), the shortest lines taken; and the paths around it:
# ReLU6 (its range the output's: no clamp, the passes); lines of 7
# outputs, border copies over 1,152 bytes (128 channels), no activation
# (the s term), no records, and the last group scaled down under a large
# bias (no such records): the one-row loop or the group path.
# (input (h, w, c), kernel, strides, padding, activation)
DWS2_CASES = [
    ((25, 1, 16), (3, 1), (2, 1), "same", "relu"),  # 13: borders both ends, 9 inside
    ((1, 32, 12), (1, 3), (1, 2), "same", "relu"),  # 16: a border at the end, 14 inside
    ((30, 1, 8), (3, 1), (2, 1), "valid", "relu"),  # 14: 3 passes and a pass of two
    ((31, 1, 8), (3, 1), (2, 1), "valid", "relu"),  # 15: 3 passes and one stepped back
    ((20, 3, 16), (3, 1), (2, 1), "same", "relu"),  # 3 lines of 10
    ((2, 26, 8), (1, 3), (1, 2), "same", "relu"),  # 2 lines of 13
    ((20, 6, 8), (3, 1), (2, 2), "same", "relu"),  # 3 lines, stride 2 across
    ((16, 1, 12), (3, 1), (2, 1), "same", "relu"),  # 8 outputs: the shortest taken
    ((14, 1, 8), (3, 1), (2, 1), "same", "relu"),  # 7 outputs: the one-row loop
    ((1, 25, 128), (1, 3), (1, 2), "same", "relu"),  # copies of 1,280 bytes: not taken
    ((25, 1, 8), (3, 1), (2, 1), "same", None),
    ((25, 1, 8), (3, 1), (2, 1), "same", "relu6"),
    ((25, 1, 16), (3, 1), (2, 1), "same", "relu"),  # without records
    ((26, 1, 16), (3, 1), (2, 1), "same", "relu"),  # the last group scaled
]
DWS2_WITHOUT_RECORDS = (len(DWS2_CASES) - 2,)
SCALED_DWS2 = len(DWS2_CASES) - 1


def dws2_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, strides, padding, act = DWS2_CASES[k]
    inputs = keras.Input(shape)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    if k == SCALED_DWS2:
        weights, bias = layer.get_weights()
        weights[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        layer.set_weights([weights, bias])
    return model


# 3x3 and 5x5 layers of the window loop (nnom_local_dwwin_dsp.c, -O2 on DSP
# cores: the group's plane copied with its zero-point border, ReLU, stride 1
# or 2, the padded plane at most NNOM_DWWIN_PITCH columns wide, 16 when
# these were written: DWGRP_CASES has the edges of 24): planes of at most 4
# outputs with the converter's records (2x2 and 3x3 inputs, one output per
# group, 'valid'), larger ones and one without records (built per group in
# assembly),
# the plane copy's largest (16 rows and columns) and one wider, taller
# planes in strips of output lines (two and three strips, the last one
# short) and one of more strips than the loop takes, and a layer whose
# last group's requantisation does not suit (the other paths then rewrite
# the layer). (input (h, w, c), DepthwiseConv2D arguments)
DWWIN_CASES = [
    ((6, 6, 128), dict(kernel_size=3, strides=2, padding="same")),
    ((3, 3, 32), dict(kernel_size=3, padding="same")),
    ((2, 2, 16), dict(kernel_size=3, padding="same")),
    ((2, 2, 8), dict(kernel_size=3, strides=2, padding="same")),
    ((3, 3, 16), dict(kernel_size=3, padding="valid")),
    ((6, 6, 32), dict(kernel_size=3, padding="valid")),
    ((12, 12, 16), dict(kernel_size=3, strides=2, padding="same")),
    ((4, 4, 24), dict(kernel_size=3, strides=2, padding="same")),
    ((4, 4, 16), dict(kernel_size=5, strides=2, padding="same")),
    ((6, 6, 24), dict(kernel_size=5, padding="valid")),
    ((7, 7, 8), dict(kernel_size=5, strides=2, padding="same")),
    ((5, 7, 12), dict(kernel_size=3, strides=2, padding="valid")),
    ((14, 14, 4), dict(kernel_size=3, padding="same")),
    ((15, 15, 4), dict(kernel_size=3, padding="same")),
    ((25, 5, 16), dict(kernel_size=3, padding="same")),
    ((30, 4, 8), dict(kernel_size=3, strides=2, padding="same")),
    ((20, 6, 8), dict(kernel_size=5, padding="same")),
    ((19, 3, 4), dict(kernel_size=3, padding="valid")),
    ((120, 1, 4), dict(kernel_size=3, padding="same")),
    ((3, 3, 16), dict(kernel_size=3, padding="same")),
]
DWWIN_WITHOUT_RECORDS = (7,)
SCALED_DWWIN = len(DWWIN_CASES) - 1


def dwwin_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, args = DWWIN_CASES[k]
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(activation="relu", **args)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if k == SCALED_DWWIN:
        kernel, bias = model.layers[-1].get_weights()
        kernel[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
        model.layers[-1].set_weights([kernel, bias])
    return model


# Channels not a multiple of four at stride 1 along the line
# (nnom_local_dw_flat_dsp.c, -O2 with the assembly): 1 to 10 channels,
# 3x3 (its assembly loop, dilation too), other 2D windows (the C loop),
# one row of taps (nnom_dwcol_s8), lines copied whole or only their border
# groups (rows of more than the copy's bytes), lines whose bytes are not a
# multiple of four (a last overlapping group); stride 2 with fewer than
# four channels (a padded group per pixel, the layer's last pixel through a
# word of its own); and layers that must take the other paths: the s term,
# the clamp, a bias beyond the fast requantisation, stride-2 lines longer
# than the copy. (input shape, kernel, stride, dilation, padding,
# activation, scaled)
DWODD_CASES = [
    ((12, 12, 3), (3, 3), 1, 1, "same", "relu", False),
    ((9, 7, 6), (3, 3), 1, 1, "valid", "relu", False),
    ((8, 11, 10), (3, 3), 1, 1, "same", "relu", False),
    ((11, 11, 3), (3, 3), 1, 2, "same", "relu", False),
    ((6, 9, 7), (2, 3), 1, 1, "same", "relu", False),
    ((1, 23, 5), (1, 5), 1, 1, "same", "relu", False),
    ((17, 1, 1), (10, 1), 1, 1, "same", "relu", False),
    ((20, 1, 2), (3, 1), 1, 1, "same", "relu", False),
    ((1, 199, 3), (1, 3), 1, 2, "same", "relu", False),
    ((3, 60, 3), (3, 3), 1, 1, "valid", "relu", False),
    ((7, 7, 3), (3, 3), 1, 1, "same", None, False),
    ((10, 10, 5), (3, 3), 1, 1, "same", "relu6", False),
    ((12, 12, 3), (3, 3), 1, 1, "same", "relu", True),
    ((15, 15, 3), (3, 3), 2, 1, "same", "relu", False),
    ((1, 30, 2), (1, 5), 2, 1, "same", "relu", False),
    ((25, 1, 1), (7, 1), 2, 1, "valid", "relu", False),
    ((1, 250, 3), (1, 3), 2, 1, "same", "relu", False),
]


# Three taps in one row at stride 1, more than four channels not a multiple
# of four: nnom_dw3_s8 on the converter's per-channel records, the last
# group overlapping; (3,1) and (1,3) on lines and on 2D inputs, 'same' and
# 'valid', and layers that run other paths with the records written: no
# activation (the s term), the clamp, a bias beyond the fast
# requantisation (no records; the kernel's own refuse it), lines shorter
# than DW3_MIN_OUT (no records); and stride 2 with fewer than four
# channels on 2D windows. Same fields as DWODD_CASES.
DWODD2_CASES = [
    ((20, 1, 6), (3, 1), 1, 1, "same", "relu", False),
    ((5, 16, 7), (1, 3), 1, 1, "same", "relu", False),
    ((30, 3, 30), (3, 1), 1, 1, "valid", "relu", False),
    ((4, 23, 13), (1, 3), 1, 1, "valid", "relu", False),
    ((12, 1, 10), (3, 1), 1, 1, "same", None, False),
    ((1, 14, 5), (1, 3), 1, 1, "same", "relu6", False),
    ((16, 1, 9), (3, 1), 1, 1, "same", "relu", True),
    ((8, 1, 6), (3, 1), 1, 1, "same", "relu", False),
    # stride 2, fewer than four channels: the inside lines' pixels on the
    # input, the border ones (left, right, the last line) on copies
    ((14, 17, 3), (3, 3), 2, 1, "valid", "relu", False),
    ((13, 13, 2), (5, 5), 2, 1, "same", "relu", False),
    ((9, 20, 1), (3, 3), 2, 1, "same", "relu", False),
    ((12, 9, 3), (2, 3), 2, 1, "same", "relu", False),
    ((11, 14, 2), (3, 3), 2, 1, "same", "relu", False),
]


# Stride 2 or more on windows of several rows, channels not a multiple of
# four (nnom_local_dw_flat_dsp.c, flat_strided: groups of four per pixel,
# the last with one to three lanes run first, border pixels of one on the
# input with records whose outside taps are dropped, lines from copies of
# as many pixels as fit): 3x3 with 5, 6, 7, 10, 13 and 30 channels, 'same'
# on even and odd inputs (a border pixel on the right, or on both sides)
# and 'valid', stride 3, copies in parts (17x17x13, 9x40x30), fewer than
# four channels on lines too long for one copy (3x3, 5x5), the clamp, a
# bias near the records' limit (taken); and layers that must take other
# paths: no activation (the s term), |bias| near 2^30 (DWODD3_HUGE), rows
# of fewer than six outputs, (5,1) at stride 2. Same fields as
# DWODD_CASES.
DWODD3_CASES = [
    ((16, 16, 5), (3, 3), 2, 1, "same", "relu", False),
    ((15, 13, 6), (3, 3), 2, 1, "same", "relu", False),
    ((13, 14, 7), (3, 3), 2, 1, "valid", "relu", False),
    ((17, 17, 13), (3, 3), 2, 1, "same", "relu", False),
    ((12, 12, 10), (3, 3), 2, 1, "same", "relu", False),
    ((9, 40, 30), (3, 3), 2, 1, "same", "relu", False),
    ((12, 31, 5), (3, 3), 3, 1, "same", "relu", False),
    ((7, 100, 2), (3, 3), 2, 1, "same", "relu", False),
    ((11, 90, 3), (5, 5), 2, 1, "same", "relu", False),
    ((14, 14, 9), (3, 3), 2, 1, "same", "relu6", False),
    ((16, 16, 5), (3, 3), 2, 1, "same", None, False),
    ((16, 16, 7), (3, 3), 2, 1, "same", "relu", True),
    ((10, 9, 5), (3, 3), 2, 1, "same", "relu", False),
    ((49, 1, 10), (5, 1), 2, 1, "same", "relu", False),
    ((16, 16, 6), (3, 3), 2, 1, "same", "relu", False),
]
DWODD3_HUGE = (len(DWODD3_CASES) - 1,)
# 16 or more channels not a multiple of four (branch dwoddc): the group
# paths with the overlapping last group (nnom_local_dw_odd.h) instead of
# the flat path. The one-row loop on the converter's records ((9,1) at
# stride 2 across lines, (13,1), (7,1), (1,7) at stride 2 with border
# copies), nnom_dw3s2 ((1,3) at stride 2, valid and same), nnom_dwpair
# ((2,1), (1,2), the 'same' border output), the window loop (3x3 on small
# planes, with and without records), one output whose window holds the
# whole input (nnom_dwone), ReLU6, the C group path's sign term
# and clamp code (no activation), a bias beyond the fast requantisation
# (the fallback) and layers built without the converter's records.
# (input shape, kernel, stride, dilation, padding, activation, scaled)
DWODDC_CASES = [
    ((20, 7, 19), (9, 1), 2, 1, "valid", "relu", False),
    ((24, 1, 21), (13, 1), 1, 1, "valid", "relu", False),
    ((10, 1, 17), (7, 1), 1, 1, "same", "relu", False),
    ((22, 20, 21), (1, 7), 2, 1, "same", "relu", False),
    ((15, 20, 23), (1, 3), 2, 1, "valid", "relu", False),
    ((4, 27, 18), (1, 3), 2, 1, "same", "relu", False),
    ((38, 1, 34), (2, 1), 1, 1, "valid", "relu", False),
    ((3, 30, 21), (1, 2), 1, 1, "same", "relu", False),
    ((21, 3, 17), (2, 1), 2, 1, "same", "relu", False),
    ((9, 3, 22), (3, 3), 1, 1, "same", "relu", False),
    ((2, 2, 19), (3, 3), 1, 1, "same", "relu", False),
    ((12, 9, 18), (3, 3), 1, 1, "valid", "relu", False),
    ((16, 1, 30), (5, 1), 1, 1, "same", "relu6", False),
    ((12, 9, 18), (3, 3), 2, 1, "same", None, False),
    ((20, 1, 26), (7, 1), 1, 1, "same", "relu", True),
    ((9, 3, 22), (3, 3), 1, 1, "same", "relu", True),
    ((20, 1, 26), (7, 1), 1, 1, "same", "relu", False),
    ((15, 20, 23), (1, 3), 2, 1, "valid", "relu", False),
    ((38, 1, 34), (2, 1), 1, 1, "valid", "relu", False),
    ((2, 2, 23), (3, 3), 2, 1, "same", "relu", False),
    ((3, 3, 17), (3, 3), 1, 1, "valid", "relu", False),
]
DWODDC_WITHOUT_RECORDS = (16, 17, 18)


# 5 to 15 channels not a multiple of four (branch dwodd5): 3x3 windows on
# the group paths at stride 1 from 7 channels (nnom_dw_plane3, dw_pairs33;
# the window loop with and without the converter's records), at stride 2
# on rows of fewer than 6 outputs from 5 channels and of 6 to 8 from 7;
# their neighbours that stay on the flat path (5 and 6 channels at stride
# 1, 5 at stride 2 on a row of 8 outputs); the flat path's records built
# in chunks of phases ((1,31) rows of 3 channels, a dilated (5,6) window);
# one output of 9 channels whose window holds the input (nnom_dwone, the
# converter's records with the overlapping group); (k,1) and (1,k) windows
# on planes with lines across the taps (nnom_local_dwcross_dsp.c: each
# line's taps inside the input, odd and even counts, strides 1 and 2, the
# overlapping last group); ReLU6, no activation (the s term and the
# clamp), one channel beyond the fast requantisation and a bias near 2^30
# (the fallbacks).
# (input shape, kernel, stride, dilation, padding, activation, scaled)
DWODD5_CASES = [
    ((9, 19, 13), (9, 1), 1, 1, "same", "relu", False),
    ((30, 7, 11), (1, 9), 1, 1, "same", "relu", False),
    ((20, 15, 6), (7, 1), 2, 1, "same", "relu", False),
    ((12, 21, 5), (4, 1), 2, 1, "same", "relu", False),
    ((17, 8, 9), (1, 6), 2, 1, "same", "relu", False),
    ((9, 19, 13), (9, 1), 1, 1, "same", "relu6", False),
    ((14, 9, 10), (1, 5), 1, 1, "same", None, False),
    ((9, 19, 13), (9, 1), 1, 1, "same", "relu", True),
    ((12, 12, 9), (3, 3), 1, 1, "same", "relu", False),
    ((6, 6, 15), (3, 3), 1, 1, "same", "relu", False),
    ((8, 8, 7), (3, 3), 1, 1, "valid", None, False),
    ((5, 5, 5), (3, 3), 1, 1, "same", "relu6", False),
    ((7, 7, 6), (3, 3), 1, 1, "valid", "relu", False),
    ((10, 29, 15), (3, 3), 1, 1, "valid", "relu", False),
    ((16, 16, 5), (3, 3), 1, 1, "same", "relu", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", False),
    ((12, 11, 13), (3, 3), 2, 1, "same", "relu", False),
    ((16, 14, 7), (3, 3), 2, 1, "same", None, False),
    ((9, 9, 5), (3, 3), 2, 1, "valid", "relu", False),
    ((3, 3, 11), (3, 3), 2, 1, "same", "relu", False),
    ((15, 15, 5), (3, 3), 2, 1, "same", "relu", False),
    ((6, 40, 3), (1, 31), 1, 1, "same", "relu", False),
    ((14, 14, 3), (5, 6), 1, 2, "same", "relu", False),
    ((3, 3, 11), (3, 3), 2, 1, "same", "relu", False),
    ((3, 3, 9), (3, 3), 1, 1, "valid", "relu", False),
    ((12, 12, 9), (3, 3), 1, 1, "same", "relu", True),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", False),
]
DWODD5_WITHOUT_RECORDS = (23,)
DWODD5_HUGE = (len(DWODD5_CASES) - 1,)


def dwodd5_model(k: int, rng: np.random.Generator):
    model = _odd_channels_model(DWODD5_CASES[k], rng)
    if k in DWODD5_HUGE:  # every channel's weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


def dwoddc_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWODDC_CASES[k], rng)


def dwodd_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWODD_CASES[k], rng)


def dwodd2_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWODD2_CASES[k], rng)


def dwodd3_model(k: int, rng: np.random.Generator):
    model = _odd_channels_model(DWODD3_CASES[k], rng)
    if k in DWODD3_HUGE:  # every channel's weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


def _odd_channels_model(case, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, dil, padding, act, scaled = case
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(
        kernel,
        strides=(stride if kernel[0] > 1 else 1, stride if kernel[1] > 1 else 1),
        padding=padding,
        dilation_rate=dil,
        activation=act,
    )(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if scaled:  # one channel's shift beyond the fast requantisation
        kernel_w, bias = model.layers[-1].get_weights()
        kernel_w[..., -1:, :] *= 1e-4
        bias[-1:] = 20.0
        model.layers[-1].set_weights([kernel_w, bias])
    return model


# One to seven channels (not four) with one row or column of 3 to 10 taps
# (nnom_local_dw_tiny_dsp.c, -O2 with the assembly: int16 lines per
# channel): (k,1) on columns and (1,k) on rows, strides 1 and 2, 'same'
# and 'valid' (input past the last window), odd and even taps, lines of
# 23, 30 and 49 outputs (five taps: fours of outputs, then a pair, one), lines
# taken word by word (one or two channels) or byte by byte (3 to 7, a
# column of a 2D input), no activation (output zero point not -128), ReLU6;
# and layers that must take the other paths: three taps with seven
# channels, a line longer than the kernel's buffer, a bias beyond the fast
# requantisation. Same fields as DWODD_CASES.
DWTINY2_CASES = [
    ((49, 1, 2), (3, 1), 1, 1, "same", "relu", False),
    ((49, 1, 3), (5, 1), 2, 1, "same", "relu", False),
    ((1, 48, 2), (1, 5), 2, 1, "same", "relu", False),
    ((49, 1, 1), (10, 1), 1, 1, "same", "relu", False),
    ((49, 1, 5), (5, 1), 1, 1, "same", "relu", False),
    ((30, 1, 3), (4, 1), 1, 1, "valid", "relu", False),
    ((1, 38, 1), (1, 7), 2, 1, "valid", "relu", False),
    ((3, 21, 2), (1, 3), 1, 1, "same", "relu6", False),
    ((25, 1, 2), (3, 1), 1, 1, "same", None, False),
    ((20, 3, 2), (3, 1), 1, 1, "same", "relu", False),
    ((16, 1, 6), (6, 1), 1, 1, "same", "relu", False),
    ((2, 20, 7), (1, 9), 1, 1, "same", "relu6", False),
    ((9, 1, 3), (9, 1), 1, 1, "valid", "relu", False),
    ((33, 1, 3), (8, 1), 1, 1, "same", "relu", False),
    ((1, 41, 2), (1, 9), 2, 1, "same", None, False),
    ((1, 23, 3), (1, 5), 1, 1, "same", "relu", False),
    ((30, 1, 2), (5, 1), 1, 1, "same", None, False),
    ((1, 32, 7), (1, 3), 1, 1, "same", "relu", False),
    ((1, 130, 1), (1, 3), 1, 1, "same", "relu", False),
    ((40, 1, 3), (5, 1), 1, 1, "same", "relu", True),
]


def dwtiny2_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWTINY2_CASES[k], rng)


# Five to seven channels at stride 2 on one row or column of 4 to 7 taps
# (branch tinyline: nnom_local_dw_tiny_dsp.c, -O2 with the assembly, which
# took them only at stride 1): (k,1) on columns and (1,k) on rows, 'same'
# and 'valid', odd and even taps and outputs (two pairs, three pairs, four
# pairs in assembly), a column of a 2D input (lines byte by byte, lines
# apart); 11 to 16 taps on a one-pixel-wide input (the C loops of six to
# eight pairs, strides 1 and 2, one to seven channels); and layers that
# must take the other paths: no activation (the s term: the tiny loops
# rounded some negative sums off by one there, e.g. case 3), eight taps at
# stride 2 (the group path), ReLU6 (where it clamps), a bias beyond the
# fast requantisation, twelve taps on two lines, 17 taps. Same fields as
# DWODD_CASES.
TINYL_CASES = [
    ((49, 1, 6), (5, 1), 2, 1, "same", "relu", False),
    ((1, 41, 6), (1, 5), 2, 1, "same", "relu", False),
    ((60, 1, 5), (4, 1), 2, 1, "same", "relu", False),
    ((40, 1, 7), (6, 1), 2, 1, "same", None, False),
    ((40, 1, 5), (7, 1), 2, 1, "same", "relu", False),
    ((1, 30, 6), (1, 6), 2, 1, "valid", "relu", False),
    ((35, 1, 7), (7, 1), 2, 1, "valid", "relu", False),
    ((20, 3, 5), (5, 1), 2, 1, "same", "relu", False),
    ((40, 1, 6), (8, 1), 2, 1, "same", "relu", False),
    ((49, 1, 6), (5, 1), 2, 1, "same", "relu6", False),
    ((49, 1, 7), (5, 1), 2, 1, "same", None, True),
    ((20, 1, 2), (14, 1), 1, 1, "same", "relu", False),
    ((34, 1, 3), (15, 1), 2, 1, "same", "relu", False),
    ((16, 1, 6), (12, 1), 1, 1, "same", "relu", False),
    ((1, 40, 5), (1, 16), 1, 1, "valid", "relu", False),
    ((30, 1, 1), (11, 1), 2, 1, "same", None, False),
    ((1, 25, 7), (1, 13), 1, 1, "same", "relu", False),
    ((20, 2, 2), (12, 1), 1, 1, "same", "relu", False),
    ((30, 1, 2), (17, 1), 1, 1, "same", "relu", False),
    ((16, 1, 6), (12, 1), 1, 1, "same", "relu6", False),
]


def tinyl_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(TINYL_CASES[k], rng)


# One to three channels (branch dwfew, nnom_local_dw_flat_dsp.c with
# nnom_local_dwtaps_dsp.c and nnom_local_dwrows.c, -O2 with the assembly):
# (k, 1) windows of more than ten taps at stride 1 on planes (each band of
# rows as one row, the taps a row apart; the rows above and below it from
# copies padded with the zero point, or as layers of their own where the
# copy does not fit, or with rows of taps in the padding dropped in layers
# of one output row), dilation 2, stride 2 down the rows
# (bands without the one-row view), down one column; 2D windows but 3x3 on
# the taps-at-offsets loop (odd and even taps, stride 1 and 2, lines too
# long for one copy with left and right border copies, lines on the input
# or copied whole; three channels there instead of the window loop,
# nnom_local_dwfew.h, at stride 2 too, and a plane that keeps the window
# loop); and layers that must take other paths: no activation
# (the s term), ReLU6 (the clamp; 2D windows of three channels back to
# the window loop), |bias| near 2^30 (DWFEW_HUGE). Same
# fields as DWODD_CASES.
DWFEW_CASES = [
    ((39, 40, 2), (12, 1), 1, 1, "same", "relu", False),
    ((30, 25, 1), (13, 1), 1, 1, "same", "relu", False),
    ((30, 20, 2), (11, 1), 1, 1, "same", "relu", False),
    ((30, 25, 3), (15, 1), 1, 1, "same", "relu", False),
    ((20, 9, 3), (11, 1), 1, 1, "valid", "relu", False),
    ((30, 21, 2), (11, 1), 1, 2, "same", "relu", False),
    ((39, 40, 2), (12, 1), 2, 1, "same", "relu", False),
    ((20, 1, 2), (14, 1), 1, 1, "same", "relu", False),
    ((46, 29, 1), (6, 2), 1, 1, "same", "relu", False),
    ((15, 42, 2), (6, 4), 2, 1, "same", "relu", False),
    ((27, 28, 1), (5, 5), 1, 1, "same", "relu", False),
    ((30, 60, 3), (9, 2), 1, 1, "same", "relu", False),
    ((30, 70, 2), (8, 3), 1, 1, "same", "relu", False),
    ((20, 20, 3), (4, 4), 1, 1, "valid", "relu", False),
    ((25, 25, 3), (3, 4), 1, 1, "same", "relu", False),
    ((34, 32, 3), (5, 5), 2, 1, "valid", "relu", False),
    ((38, 39, 3), (7, 7), 2, 1, "valid", "relu", False),
    ((30, 30, 3), (5, 2), 2, 1, "same", "relu", False),
    ((24, 24, 3), (5, 5), 2, 1, "same", "relu", False),
    ((20, 20, 3), (5, 5), 1, 1, "same", "relu6", False),
    ((21, 21, 3), (4, 4), 2, 1, "valid", None, False),
    ((38, 13, 3), (5, 5), 1, 1, "same", "relu", False),  # narrow: the window loop
    ((30, 25, 2), (13, 1), 1, 1, "same", None, False),
    ((30, 25, 1), (13, 1), 1, 1, "same", "relu6", False),
    ((20, 12, 2), (12, 1), 1, 1, "same", "relu", False),
]
DWFEW_HUGE = (len(DWFEW_CASES) - 1,)


def dwfew_model(k: int, rng: np.random.Generator):
    model = _odd_channels_model(DWFEW_CASES[k], rng)
    if k in DWFEW_HUGE:  # weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


# Depthwise 2D windows of one to three channels plane by plane
# (nnom_local_dwch_dsp.c, -O2 with the assembly: int16 bands of rows, four
# outputs a pass): kh and kw from 2 to 7, odd and even, strides 1 and 2,
# 'same' and 'valid', rows of outputs not a multiple of four, planes from
# 4x4 to 64x64 (64 wide: several bands per channel), no activation (output
# zero point not -128), ReLU, ReLU6; and layers that must take the other
# paths: a plane too wide for the band, one channel's shift beyond the fast
# requantisation, a bias beyond the doubled sums, 3x3 on three channels,
# four taps at stride 2 on two channels, dilation 2. Same fields as
# DWODD_CASES.
DWCH_CASES = [
    ((46, 29, 1), (6, 2), 1, 1, "same", "relu", False),
    ((15, 42, 2), (6, 4), 2, 1, "same", None, False),
    ((39, 17, 3), (2, 3), 1, 1, "valid", "relu6", False),
    ((27, 28, 1), (5, 5), 1, 1, "same", None, False),
    ((20, 13, 3), (7, 7), 1, 1, "valid", "relu", False),
    ((33, 47, 3), (3, 7), 2, 1, "same", "relu6", False),
    ((9, 31, 1), (4, 2), 2, 1, "valid", None, False),
    ((4, 4, 1), (2, 2), 1, 1, "valid", "relu", False),
    ((64, 64, 1), (7, 3), 1, 1, "same", "relu", False),
    ((64, 63, 2), (7, 6), 2, 1, "same", None, False),
    ((25, 19, 2), (6, 3), 2, 1, "valid", "relu", False),
    ((17, 9, 2), (2, 5), 1, 1, "same", "relu6", False),
    ((24, 24, 3), (5, 5), 2, 1, "same", None, False),
    ((13, 11, 2), (3, 3), 1, 1, "same", None, False),
    ((8, 300, 1), (7, 2), 1, 1, "same", "relu", False),  # too wide: other paths
    ((20, 21, 3), (4, 5), 1, 1, "same", "relu", True),  # one shift beyond the form
    ((20, 20, 3), (3, 3), 1, 1, "same", "relu", False),  # 3x3, three channels (taken: chan4)
    ((30, 30, 2), (2, 2), 2, 1, "same", "relu", False),  # four taps at stride 2
    ((20, 20, 2), (3, 3), 1, 2, "same", "relu", False),  # dilation 2
    ((21, 22, 2), (5, 4), 1, 1, "same", "relu", False),  # huge bias
]
DWCH_HUGE = (len(DWCH_CASES) - 1,)


def dwch_model(k: int, rng: np.random.Generator):
    model = _odd_channels_model(DWCH_CASES[k], rng)
    if k in DWCH_HUGE:  # weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


# The plane-by-plane path on five to seven channels and its requantisation
# inside the sums call (branch chan4; nnom_local_dwch_dsp.c): 49, 25, 28
# and 20 taps on 5, 6 and 7 channels at strides 1 and 2, rows of outputs
# ending in zero to three outputs after the passes of four, no activation
# (output zero point not -128: in the pass), ReLU (in the pass), ReLU6 (the
# clamp after the sums), one to three channels with short rows; and layers
# on five to seven channels that must take the other paths: 3x3, three
# taps across at stride 2, 5x5 at stride 2 unpadded, fewer than 32 output
# pixels, one shift beyond the fast form, a bias beyond the doubled sums,
# four channels. Same fields as DWODD_CASES.
CHAN4_CASES = [
    ((28, 18, 5), (7, 7), 2, 1, "same", "relu", False),
    ((24, 24, 6), (5, 5), 2, 1, "same", None, False),
    ((14, 23, 6), (5, 5), 1, 1, "same", "relu6", False),
    ((27, 23, 5), (7, 7), 2, 1, "valid", "relu", False),
    ((20, 20, 7), (5, 4), 1, 1, "same", None, False),
    ((8, 20, 7), (7, 4), 2, 1, "same", None, False),
    ((39, 17, 3), (2, 3), 1, 1, "valid", None, False),
    ((39, 17, 1), (3, 3), 1, 1, "valid", "relu", False),
    ((12, 12, 7), (7, 7), 1, 1, "same", "relu", False),
    ((21, 14, 2), (6, 4), 2, 1, "same", "relu", False),
    ((11, 5, 5), (3, 3), 1, 1, "same", "relu", False),  # 3x3: other paths
    ((30, 20, 7), (6, 3), 2, 1, "same", "relu", False),  # three taps across at stride 2
    ((15, 15, 5), (5, 5), 2, 1, "valid", "relu", False),  # stride 2 unpadded, 25 taps
    ((6, 5, 6), (5, 5), 1, 1, "same", "relu", False),  # 30 output pixels
    ((20, 21, 6), (4, 5), 1, 1, "same", "relu", True),  # one shift beyond the form
    ((20, 20, 4), (5, 5), 1, 1, "same", "relu", False),  # four channels
    ((21, 22, 5), (5, 4), 1, 1, "same", "relu", False),  # huge bias
]
CHAN4_HUGE = (len(CHAN4_CASES) - 1,)


def chan4_model(k: int, rng: np.random.Generator):
    model = _odd_channels_model(CHAN4_CASES[k], rng)
    if k in CHAN4_HUGE:  # weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


# The plane-by-plane path's windows of four rows or more (branch chan5;
# nnom_local_dwch_dsp.c, dwch_rows): a row's last one or two outputs in a
# pass of two, a last three in a pass of four: rows of 2, 3, 5, 6, 7 and
# 18 outputs (none in a full pass of four for 2 and 3), strides 1 and 2,
# 'same' and 'valid', one to seven channels, no activation (output zero
# point not -128) and ReLU; and a layer that must take the other paths
# (four channels). Same fields as DWODD_CASES.
CHAN5_CASES = [
    ((24, 13, 3), (5, 5), 2, 1, "valid", "relu", False),
    ((20, 6, 1), (4, 4), 1, 1, "valid", None, False),
    ((20, 5, 2), (4, 4), 1, 1, "valid", "relu", False),
    ((30, 10, 3), (6, 5), 2, 1, "same", None, False),
    ((28, 12, 5), (7, 7), 2, 1, "same", "relu", False),
    ((16, 18, 6), (5, 5), 1, 1, "same", None, False),
    ((40, 7, 1), (4, 3), 1, 1, "valid", "relu", False),
    ((19, 9, 2), (6, 2), 1, 1, "valid", "relu", False),
    ((25, 13, 7), (5, 6), 2, 1, "same", "relu", False),
    ((24, 13, 4), (5, 5), 2, 1, "valid", "relu", False),  # four channels: other paths
]


def chan5_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(CHAN5_CASES[k], rng)


# Columns of taps and tall planes on few channels (branch cols6). The tiny
# loops' columns on planes read at every pixel across, eight columns copied
# transposed at a time (nnom_local_dw_tiny_dsp.c, tiny_cols): 3 to 10
# taps, strides 1 and 2, one to seven channels, planes of 8 to 88 columns
# (a last chunk overlapping the one before, or none), the C loops' one call
# a chunk and the assembly's a call a column, records built by the kernel
# too; the plane-by-plane path transposed where the columns waste fewer of
# the passes of four than the rows (nnom_local_dwch_dsp.c): kh 2 to 7,
# 'same' and 'valid', strides 1 and 2, one to six channels; (3, 1) at
# stride 2 on five to seven channels as lanes of the row's bytes
# (nnom_local_dw3s2l_dsp.c, dw3s2l_flat): a row of 1 to 11 chunks of
# lcm(c, 4) lanes, the last overlapping or not; and layers that must take
# the other paths: fewer than eight columns, a channel beyond the fast
# requantisation, no activation (output zero point not -128) on the tiny
# and dw3s2l loops, a plane no better transposed or whose columns are too
# long for the band (198 outputs), chunks that would run
# more lanes than the groups, a row shorter than one chunk. Same fields as
# DWODD_CASES.
COLS6_CASES = [
    ((21, 39, 2), (6, 1), 2, 1, "valid", "relu", False),
    ((20, 13, 1), (8, 1), 2, 1, "same", "relu", False),
    ((30, 20, 3), (3, 1), 1, 1, "same", "relu", False),
    ((31, 17, 2), (5, 1), 2, 1, "valid", "relu", False),
    ((12, 9, 5), (4, 1), 1, 1, "same", "relu", False),
    ((21, 11, 6), (7, 1), 1, 1, "same", "relu", False),
    ((25, 4, 2), (10, 1), 1, 1, "valid", "relu", False),
    ((19, 3, 2), (6, 1), 2, 1, "same", "relu", False),  # six columns: lines
    ((21, 39, 2), (6, 1), 2, 1, "valid", "relu", True),  # refused channel
    ((21, 39, 2), (6, 1), 2, 1, "valid", None, False),  # zero point: others
    ((40, 7, 1), (3, 3), 1, 1, "valid", "relu", False),
    ((39, 17, 3), (2, 3), 1, 1, "valid", None, False),
    ((24, 13, 3), (5, 5), 2, 1, "valid", "relu", False),
    ((39, 18, 3), (7, 7), 2, 1, "same", None, False),
    ((45, 9, 3), (4, 3), 1, 1, "same", "relu", False),
    ((21, 9, 2), (6, 4), 2, 1, "same", None, False),
    ((40, 5, 6), (5, 5), 1, 1, "same", "relu", False),
    ((30, 6, 2), (4, 2), 1, 1, "same", "relu", False),  # rows as they are
    ((37, 44, 7), (3, 1), 2, 1, "same", "relu", False),
    ((37, 44, 5), (3, 1), 2, 1, "same", "relu", False),
    ((30, 17, 6), (3, 1), 2, 1, "same", "relu", False),
    ((9, 31, 7), (3, 1), 2, 1, "same", "relu", False),
    ((12, 13, 7), (3, 1), 2, 1, "valid", "relu", False),  # chunks: more lanes
    ((15, 3, 7), (3, 1), 2, 1, "same", "relu", False),  # a row under a chunk
    ((200, 7, 1), (3, 3), 1, 1, "valid", "relu", False),  # too tall transposed
]
COLS6_WITHOUT_RECORDS = (1, 3, 5)


def cols6_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(COLS6_CASES[k], rng)


# 2D windows at stride 2 on two, three or five to seven channels by
# vertical pairs (branch rect2d; nnom_local_dwvp_dsp.c): kh and kw 2 or 3
# (five to seven channels: kw 3, 16, 36 or 100 outputs or more) on the input
# straight, 'valid', and 'same' without padding before the input (even
# sizes for 3 taps, odd for 2) whose last row of windows misses its last
# row of taps (kh 2: the second row's weights zero; kh 3 run as kh 2) and
# whose last column misses its last column (in the rows' loop), the corner
# both, no activation (output zero point not -128), ReLU6, a few outputs
# or many; and layers that must take the other paths: padding before the
# input, a channel beyond the fast requantisation. Same fields as
# DWODD_CASES.
RECT2D_CASES = [
    ((9, 35, 3), (2, 3), 2, 1, "valid", "relu", False),
    ((19, 37, 2), (3, 3), 2, 1, "valid", "relu", False),
    ((20, 20, 3), (3, 3), 2, 1, "same", "relu", False),  # last row and column
    ((21, 20, 2), (2, 3), 2, 1, "same", None, False),  # kh 2's last row, kw 3's last column
    ((18, 33, 2), (3, 2), 2, 1, "valid", "relu6", False),
    ((17, 17, 3), (2, 2), 2, 1, "valid", None, False),
    ((8, 12, 2), (3, 3), 2, 1, "same", None, False),
    ((5, 7, 2), (3, 3), 2, 1, "valid", "relu", False),
    ((4, 6, 3), (2, 2), 2, 1, "same", "relu", False),  # no padding
    ((20, 20, 3), (3, 2), 2, 1, "same", "relu", False),  # kh 3's last row alone
    ((20, 19, 3), (3, 3), 2, 1, "same", "relu", False),  # padding before: others
    ((20, 21, 2), (3, 2), 2, 1, "same", "relu", False),  # kw 2's last column
    ((19, 37, 2), (3, 3), 2, 1, "valid", "relu", True),  # refused channel: others
    ((21, 21, 2), (2, 2), 2, 1, "same", None, False),  # kh 2's last row, kw 2's column
    ((9, 13, 3), (2, 2), 2, 1, "same", "relu", False),
    ((32, 32, 5), (3, 3), 2, 1, "same", "relu", False),  # five to seven channels
    ((17, 17, 6), (3, 3), 2, 1, "valid", None, False),
    ((12, 43, 7), (3, 3), 2, 1, "valid", "relu6", False),
    ((16, 30, 7), (2, 3), 2, 1, "same", "relu", False),
    ((17, 17, 7), (3, 3), 2, 1, "valid", "relu", False),  # 64 outputs: others
    ((15, 15, 6), (3, 2), 2, 1, "valid", "relu", False),  # kw 2 on six: others
]


def rect2d_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(RECT2D_CASES[k], rng)


# One to seven channels on one row of taps, every channel of a line copied
# at once (branch few7; nnom_local_dw_tiny_dsp.c, tiny_chans: int16 lines
# transposed, four or two pixels a pass where they lie side by side, the
# zero point around them once in three or seven lines) and four or five
# tap pairs at stride 2 loading each word once for both outputs
# (nnom_dw_tiny4_s2, nnom_dw_tiny5_s2): three, five, six and seven
# channels on one-pixel-wide columns and rows (odd and even line lengths,
# 'same' and 'valid'), columns on planes of fewer than eight columns (the
# copy with pixels apart: one and three channels), rows on several lines,
# 7 to 10 taps at stride 2 (odd and even output counts), the channels past
# a multiple of four of 9 and 11 channels, records built by the kernel
# too; and layers that must take other paths: no activation (output zero
# point not -128), a channel beyond the fast requantisation. Same fields as
# DWODD_CASES.
FEW7_CASES = [
    ((15, 1, 6), (6, 1), 1, 1, "valid", "relu", False),
    ((1, 23, 6), (1, 5), 1, 1, "valid", "relu", False),
    ((49, 1, 3), (5, 1), 2, 1, "same", "relu", False),
    ((47, 1, 3), (7, 1), 2, 1, "same", "relu", False),
    ((1, 41, 2), (1, 8), 2, 1, "valid", "relu", False),
    ((37, 1, 1), (9, 1), 2, 1, "same", "relu", False),
    ((1, 44, 3), (1, 10), 2, 1, "same", "relu", False),
    ((21, 1, 7), (5, 1), 1, 1, "same", "relu6", False),
    ((13, 1, 5), (4, 1), 1, 1, "valid", "relu", False),
    ((20, 2, 3), (5, 1), 1, 1, "same", "relu", False),
    ((17, 5, 1), (6, 1), 2, 1, "valid", "relu", False),
    ((3, 19, 3), (1, 6), 1, 1, "same", "relu", False),
    ((2, 30, 6), (1, 7), 2, 1, "same", "relu", False),
    ((60, 1, 11), (5, 1), 1, 1, "same", "relu", False),
    ((33, 1, 9), (6, 1), 2, 1, "same", "relu", False),
    ((49, 1, 3), (5, 1), 2, 1, "same", None, False),
    ((47, 1, 3), (7, 1), 2, 1, "same", "relu", True),
]
FEW7_WITHOUT_RECORDS = (2, 3, 7, 12)


def few7_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(FEW7_CASES[k], rng)


# Three taps at stride 1 on one line of five to seven channels from the
# dispatcher's start (branch few8; nnom_local_dw3line_dsp.c: nnom_dw3p_s8
# on the overlapping last group, then nnom_dw3_s8, on the input or on the
# line's copy, filled by words): rows and one-pixel-wide columns, 'valid'
# (every window inside) and 'same' (the copy: run lengths 4 k to 4 k + 3,
# copies of 60 bytes up to the buffer's 1,152),
# ReLU6, short lines (10 outputs), 64 or more outputs on five channels;
# and layers that must take other paths: a line longer than the buffer,
# two lines, no activation (output zero point not -128), a channel beyond
# the fast requantisation, no records. Then (17-24) short padded lines
# nnom_dw3_s8 does not take, on the tiny loops (tiny_of's short3; the
# converter's records and the kernel's own), three to nine outputs, and
# two that must not: two lines, no activation. Same fields as
# DWODD_CASES.
FEW8_CASES = [
    ((1, 25, 5), (1, 3), 1, 1, "valid", "relu", False),
    ((32, 1, 7), (3, 1), 1, 1, "same", "relu", False),
    ((1, 32, 7), (1, 3), 1, 1, "same", "relu6", False),
    ((20, 1, 6), (3, 1), 1, 1, "same", "relu", False),
    ((1, 13, 5), (1, 3), 1, 1, "same", "relu", False),
    ((1, 15, 6), (1, 3), 1, 1, "valid", "relu", False),
    ((35, 1, 5), (3, 1), 1, 1, "same", "relu", False),
    ((1, 12, 7), (1, 3), 1, 1, "same", "relu", False),
    ((43, 1, 6), (3, 1), 1, 1, "same", "relu6", False),
    ((1, 190, 6), (1, 3), 1, 1, "same", "relu", False),
    ((1, 70, 5), (1, 3), 1, 1, "same", "relu", False),
    ((1, 10, 6), (1, 3), 1, 1, "same", "relu", False),
    ((1, 200, 6), (1, 3), 1, 1, "same", "relu", False),
    ((2, 24, 5), (1, 3), 1, 1, "same", "relu", False),
    ((1, 30, 7), (1, 3), 1, 1, "same", None, False),
    ((26, 1, 6), (3, 1), 1, 1, "same", "relu", True),
    ((1, 24, 7), (1, 3), 1, 1, "same", "relu", False),
    ((9, 1, 6), (3, 1), 1, 1, "same", "relu", False),
    ((1, 8, 7), (1, 3), 1, 1, "same", "relu6", False),
    ((7, 1, 5), (3, 1), 1, 1, "same", "relu", False),
    ((1, 5, 6), (1, 3), 1, 1, "valid", "relu", False),
    ((4, 1, 7), (3, 1), 1, 1, "same", "relu", False),
    ((1, 9, 5), (1, 3), 1, 1, "same", "relu", False),
    ((2, 8, 6), (1, 3), 1, 1, "same", "relu", False),
    ((1, 8, 6), (1, 3), 1, 1, "same", None, False),
]
FEW8_WITHOUT_RECORDS = (16, 22)


def few8_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(FEW8_CASES[k], rng)


# The plane-by-plane path's clamp (branch chan5; nnom_local_dwch_dsp.c:
# activation ranges inside int8 are clamped over the written bytes after the
# saturating pass). A converted Keras layer never has one (ReLU6's top is
# int8's), an int8 .tflite does where the layer's output shares a wider
# range: TFLite gives a concatenation's inputs its scale, so the depthwise
# layer here feeds one with a convolution of the input (ReLU: the
# bottom above -128; ReLU6: the top below 127 too). kh 2, 3 and 4 to 7,
# strides 1 and 2, one to seven channels (not four). Fields: input (h, w,
# c), kernel, stride, padding, activation.
CHAN5_CLAMP_CASES = [
    ((20, 13, 3), (5, 5), 1, "same", "relu6"),
    ((39, 17, 3), (2, 3), 1, "valid", "relu6"),
    ((15, 42, 2), (6, 4), 2, "same", "relu"),
    ((24, 24, 3), (3, 7), 2, "same", "relu6"),
    ((28, 18, 5), (7, 7), 2, "same", "relu6"),
    ((14, 23, 6), (5, 5), 1, "same", "relu"),
    ((27, 28, 1), (3, 3), 1, "same", "relu6"),
    ((9, 31, 1), (4, 2), 2, "valid", "relu6"),
]


def chan5_clamp_model(k: int, rng: np.random.Generator, folder: Path):
    """CHAN5_CLAMP_CASES[k] through TensorFlow's int8 converter: (the
    converted model, its calibration inputs)."""
    import tflite_factory as tff

    keras = kf._keras()
    shape, kernel, stride, padding, act = CHAN5_CLAMP_CASES[k]
    inputs = keras.Input(shape)
    dw = keras.layers.DepthwiseConv2D(kernel, strides=stride, padding=padding, activation=act)
    side = keras.layers.Conv2D(2, kernel, strides=stride, padding=padding)
    x = keras.layers.Concatenate()([dw(inputs), side(inputs)])
    model = keras.Model(inputs, x)
    tff.randomize(model, rng)
    calib = _calibration(rng, shape, 32)
    path = folder / f"chan5_clamp{k}.tflite"
    path.write_bytes(tff.convert(model, calib))
    return nnom.convert(str(path)), calib


# One output pixel whose window holds the whole input
# (nnom_local_dwone_dsp.c, -O2 with the assembly: the taps over the input
# as one line on the one-row loop): 3x3 'valid' on 3x3, 3x3 at stride 2 on
# 2x2 (padding below and right), 5x5 at stride 3 on 3x3 (padding on every
# side), (9,1), 4x4, 5x5 and 7x7 (49 taps, the most) 'valid', ReLU6 (its
# top the output's, so no clamp); and layers that must take the other
# paths: one built without records, 64 taps, one tap over the input,
# channels not a multiple of four, no activation (output zero point not
# -128), a bias beyond the fast requantisation. (input shape, kernel,
# stride, padding, activation, scaled)
DWTINY_CASES = [
    ((3, 3, 16), (3, 3), 1, "valid", "relu", False),
    ((2, 2, 8), (3, 3), 2, "same", "relu", False),
    ((3, 3, 8), (5, 5), 3, "same", "relu", False),
    ((9, 1, 12), (9, 1), 1, "valid", "relu", False),
    ((4, 4, 8), (4, 4), 1, "valid", "relu", False),
    ((5, 5, 4), (5, 5), 1, "valid", "relu", False),
    ((3, 3, 16), (3, 3), 1, "valid", "relu", False),
    ((7, 7, 4), (7, 7), 1, "valid", "relu", False),
    ((8, 8, 4), (8, 8), 1, "valid", "relu", False),
    ((1, 1, 8), (3, 3), 1, "same", "relu", False),
    ((3, 3, 6), (3, 3), 1, "valid", "relu", False),
    ((3, 3, 8), (3, 3), 1, "valid", None, False),
    ((2, 2, 8), (3, 3), 2, "same", "relu6", False),
    ((3, 3, 8), (3, 3), 1, "valid", "relu", True),
]
DWTINY_WITHOUT_RECORDS = (6,)


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


def dwtiny_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act, scaled = DWTINY_CASES[k]
    inputs = keras.Input(shape)
    x = keras.layers.DepthwiseConv2D(kernel, strides=stride, padding=padding, activation=act)(
        inputs
    )
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if scaled:  # the last channel's shift beyond the fast requantisation
        kernel_w, bias = model.layers[-1].get_weights()
        kernel_w[..., -1:, :] *= 1e-4
        bias[-1:] = 20.0
        model.layers[-1].set_weights([kernel_w, bias])
    return model


# Short lines and one-output windows (branch dws2b): one output pixel over
# three or four taps of the whole input (nnom_local_dwone4_dsp.c: (4,1) and
# (3,1) valid, 3x3 at stride 2 on 2x2, (1,3) at stride 2 on 1x3 with ReLU6),
# three taps at stride 2 on short lines ((3,1)/(1,3), 'same' and 'valid',
# one and several lines, 8 to 25 outputs) and two taps at stride 2
# ((2,1)/(1,2)); and the layers that must take other paths: no activation
# (the s term) and a bias beyond the fast requantisation (no such records).
# (input (h, w, c), kernel, strides, padding, activation, scaled)
DWS2B_CASES = [
    ((4, 1, 16), (4, 1), (1, 1), "valid", "relu", False),
    ((2, 2, 8), (3, 3), (2, 2), "same", "relu", False),
    ((3, 1, 12), (3, 1), (1, 1), "valid", "relu", False),
    ((1, 3, 8), (1, 3), (1, 2), "valid", "relu6", False),
    ((4, 1, 8), (4, 1), (1, 1), "valid", None, False),
    ((4, 1, 8), (4, 1), (1, 1), "valid", "relu", True),
    ((20, 3, 32), (3, 1), (2, 1), "same", "relu", False),
    ((49, 1, 24), (3, 1), (2, 1), "same", "relu", False),
    ((1, 32, 16), (1, 3), (1, 2), "same", "relu", False),
    ((16, 1, 64), (3, 1), (2, 1), "same", "relu", False),
    ((2, 25, 64), (1, 3), (1, 2), "same", "relu", False),
    ((18, 2, 8), (3, 1), (2, 1), "valid", "relu6", False),
    ((16, 1, 16), (3, 1), (2, 1), "same", "relu", True),
    ((20, 3, 64), (2, 1), (2, 1), "same", "relu", False),
    ((3, 20, 8), (1, 2), (1, 2), "same", "relu", False),
    ((19, 1, 8), (2, 1), (2, 1), "valid", "relu6", False),
    ((3, 20, 8), (1, 2), (1, 2), "same", None, False),
]


def dws2b_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, strides, padding, act, scaled = DWS2B_CASES[k]
    inputs = keras.Input(shape)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    if scaled:  # the last channel's shift beyond the fast requantisation
        weights, bias = layer.get_weights()
        weights[..., -1:, :] *= 1e-4
        bias[-1:] = 20.0
        layer.set_weights([weights, bias])
    return model


# Three taps at stride 2 with odd channels and short lines (branch s2odd):
# nnom_dw3s2l with the overlapping last group (70, 43, 125 channels: 'same'
# with its padded rows, 'valid' with 4 k + 2 outputs, lines of 4 to 7
# outputs), nnom_dw3s2 on unpadded lines of 4 k + 1 outputs, ReLU6, and
# the layers that must take other paths: no activation (the s term), one
# channel's e beyond the passes' form (also (1, 2): nnom_dwpair's form),
# a bias beyond it on every channel ("huge"), more channels than dw3s2l's
# zero-point row (260 on a line of 5 outputs).
# (input shape, kernel, stride, dilation, padding, activation, scaled)
S2ODD_CASES = [
    ((4, 27, 70), (1, 3), 2, 1, "valid", "relu", False),
    ((4, 29, 70), (1, 3), 2, 1, "valid", "relu", False),
    ((27, 4, 70), (3, 1), 2, 1, "same", "relu", False),
    ((36, 1, 125), (3, 1), 2, 1, "valid", "relu", False),
    ((1, 11, 43), (1, 3), 2, 1, "same", "relu", False),
    ((9, 6, 32), (3, 1), 2, 1, "valid", "relu", False),
    ((11, 1, 18), (3, 1), 2, 1, "same", "relu6", False),
    ((3, 15, 22), (1, 3), 2, 1, "same", "relu", False),
    ((1, 11, 43), (1, 3), 2, 1, "same", None, False),
    ((1, 13, 43), (1, 3), 2, 1, "same", "relu", True),
    ((27, 4, 70), (3, 1), 2, 1, "same", "relu", True),
    ((24, 9, 63), (1, 2), 2, 1, "same", "relu", True),
    ((13, 1, 19), (3, 1), 2, 1, "same", "relu", "huge"),
    ((1, 9, 260), (1, 3), 2, 1, "same", "relu", False),
]


def s2odd_model(k: int, rng: np.random.Generator):
    shape, kernel, stride, dil, padding, act, scaled = S2ODD_CASES[k]
    model = _odd_channels_model((shape, kernel, stride, dil, padding, act, scaled is True), rng)
    if scaled == "huge":  # every channel's weights scaled down: |bias| near 2^30
        weights, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([weights * 1e-3, np.full_like(bias, 20.0)])
    return model


# Three taps at stride 2 on short lines (branch short2,
# nnom_local_dw3s2l_dsp.c): a line's last 4 k + 1 outputs in a pass of one
# (nnom_dw3s2l1p_s8: 9, 5 and 9 outputs), 4 k + 2 in a pass of two
# (nnom_dw3s2l2_s8; more than eight such passes a call on 12 and 11 lines),
# 4 k + 3 a full pass stepped back; the one or two channels past a multiple
# of four a line at a time in assembly (dw3s2l_tail, nnom_dw3s2l1_s8: 17,
# 41, 42, 70, 18, 22; "scaled": that channel's fitted words), three past
# it the overlapping group (43); 'same' with the padded row at one or both
# ends, 'valid', ReLU6; and a layer that must take another path (no
# activation).
# Same fields as S2ODD_CASES.
SHORT2_CASES = [
    ((1, 11, 43), (1, 3), 2, 1, "same", "relu", False),
    ((1, 36, 17), (1, 3), 2, 1, "same", "relu", False),
    ((1, 18, 41), (1, 3), 2, 1, "same", "relu6", False),
    ((27, 4, 70), (3, 1), 2, 1, "same", "relu", False),
    ((13, 3, 18), (3, 1), 2, 1, "same", "relu", False),
    ((1, 12, 42), (1, 3), 2, 1, "same", "relu", False),
    ((1, 13, 41), (1, 3), 2, 1, "same", "relu", True),
    ((12, 10, 17), (1, 3), 2, 1, "same", "relu", False),
    ((12, 11, 20), (3, 1), 2, 1, "same", "relu6", False),
    ((1, 13, 21), (1, 3), 2, 1, "valid", "relu", False),
    ((3, 22, 45), (1, 3), 2, 1, "same", "relu", True),
    ((1, 11, 41), (1, 3), 2, 1, "same", None, False),
    ((17, 5, 22), (3, 1), 2, 1, "same", "relu", False),
]


def short2_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(SHORT2_CASES[k], rng)


# The window loop's last channel alone (branch s2odd3; nnom_dwwin_tail,
# -O2 with the assembly): 3x3 and 5x5 at strides 1 and 2 on channels one
# over a multiple of four (5, 9, 13, 17), 'same' and 'valid', planes in
# one strip and in several (the copy's rows set again per strip), the
# converter's records (4 outputs) and the groups' built per run, ReLU6,
# the last channel's shift beyond the fast requantisation (the tail's
# other form), and the layers that must
# keep the overlapping group: two channels over (10), the last channel's
# bias near 2^30 ("huge": the other paths then rewrite the layer).
# Same fields as DWODD_CASES.
S2ODD3_CASES = [
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", False),
    ((24, 8, 9), (3, 3), 2, 1, "same", "relu", False),
    ((12, 12, 5), (5, 5), 2, 1, "valid", "relu", False),
    ((8, 8, 13), (3, 3), 1, 1, "same", "relu", False),
    ((9, 9, 9), (5, 5), 1, 1, "same", "relu", False),
    ((30, 5, 9), (3, 3), 2, 1, "same", "relu", False),
    ((7, 7, 5), (5, 5), 2, 1, "same", "relu6", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", True),
    ((12, 12, 10), (3, 3), 2, 1, "same", "relu", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", "huge"),
    ((11, 7, 17), (3, 3), 2, 1, "valid", "relu", False),
    ((5, 5, 9), (3, 3), 2, 1, "valid", "relu", False),
]


def s2odd3_model(k: int, rng: np.random.Generator):
    shape, kernel, stride, dil, padding, act, scaled = S2ODD3_CASES[k]
    model = _odd_channels_model((shape, kernel, stride, dil, padding, act, scaled is True), rng)
    if scaled == "huge":  # the last channel's weights scaled down: its |bias| near 2^30
        weights, bias = model.layers[-1].get_weights()
        weights[..., -1:, :] *= 1e-3
        bias[-1:] = 20.0
        model.layers[-1].set_weights([weights, bias])
    return model


# One row of k taps on channels past a multiple of four (the one-row loop,
# nnom_local_dwcolrun_dsp.c, -O2 with the assembly): the one to three
# channels after the whole groups one lane each on the tiny loops
# (nnom_dw_tiny_rest) where the line is long enough: one, two and three
# lanes, (k, 1) and (1, k), strides 1 and 2, 'same' and 'valid', several
# lines, 12 taps on one line, ReLU6, records built by the kernel; and the
# layers that keep the overlapping last group: two lanes on a short line,
# a lane whose bias is beyond the tiny records' reach, 12 taps on two lines,
# no activation (output zero point not -128). Same fields as DWODD_CASES.
DWREST_CASES = [
    ((1, 17, 33), (1, 5), 1, 1, "valid", "relu", False),
    ((12, 1, 13), (7, 1), 1, 1, "same", "relu", False),
    ((38, 1, 18), (7, 1), 2, 1, "same", "relu", False),
    ((98, 1, 10), (5, 1), 2, 1, "same", "relu", False),
    ((60, 1, 11), (4, 1), 1, 1, "same", "relu", False),
    ((3, 30, 9), (1, 4), 2, 1, "same", "relu", False),
    ((1, 41, 17), (1, 5), 2, 1, "same", "relu6", False),
    ((1, 40, 21), (1, 12), 1, 1, "valid", "relu", False),
    ((40, 2, 14), (6, 1), 1, 1, "valid", "relu", False),
    ((1, 20, 34), (1, 6), 2, 1, "same", "relu", False),
    ((1, 17, 33), (1, 5), 1, 1, "valid", "relu", True),
    ((2, 40, 21), (1, 12), 1, 1, "valid", "relu", False),
    ((1, 17, 33), (1, 5), 1, 1, "valid", None, False),
]
DWREST_WITHOUT_RECORDS = (8,)


def dwrest_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWREST_CASES[k], rng)


# One row of 4 to 8 taps (branch longk) on the one-row loop
# (nnom_local_dwcol_dsp.c, -O2 on DSP cores: the window's last pair without
# its step, the last single tap two steps past it, two lanes'
# requantisation a load): even and odd taps (two to four pairs, with and
# without the single tap), strides 1 and 2, 'same' (border outputs on
# copies of the rows, of every channel or per group) and 'valid', lines
# along either axis, several groups in one call and the overlapping last
# group of channels not a multiple of four, one to three leftover channels
# on the tiny loops, several lines, and the layers the loop refuses: no
# activation (output zero point not -128), a group beyond its
# requantisation ("scaled": the C path rewrites the layer), ReLU6.
# (input (h, w, c), kernel, stride, padding, activation, scaled)
LONGK_CASES = [
    ((44, 1, 16), (4, 1), 2, "same", "relu", None),
    ((19, 1, 36), (7, 1), 2, "same", "relu", None),
    ((1, 20, 34), (1, 6), 2, "same", "relu", None),
    ((1, 41, 17), (1, 5), 2, "same", "relu", None),
    ((11, 1, 40), (6, 1), 2, "valid", "relu", None),
    ((3, 6, 28), (1, 4), 1, "valid", "relu", None),
    ((1, 13, 24), (1, 8), 1, "valid", "relu", None),
    ((38, 1, 18), (7, 1), 2, "same", "relu", None),
    ((98, 1, 6), (5, 1), 2, "same", "relu", None),
    ((5, 12, 12), (1, 5), 1, "same", "relu", None),
    ((12, 1, 13), (7, 1), 1, "same", None, None),
    ((23, 1, 27), (6, 1), 2, "same", "relu6", None),
    ((30, 1, 16), (5, 1), 2, "same", "relu", "scaled"),
    ((1, 40, 12), (1, 7), 1, "same", "relu", None),
]
LONGK_WITHOUT_RECORDS = (1, 7)


def longk_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(LONGK_CASES[k], rng)


# One row of k taps whose border rows of every channel do not fit the
# one-row loop's copy (branch rows2, dw_col_asm, -O2 on DSP cores): with
# the converter's records the rows copied per chunk of groups (as many as
# fit, 16 channels or more), each chunk's groups in one call per run, the
# overlapping last group a chunk of its own: (k, 1) and (1, k), strides 1
# and 2, even and odd k, one and two lines, one border output each side
# (one call for both), leftover channels on the tiny lanes; and the
# layers that keep the per-group copies: without the records, no
# activation (output zero point not -128), a group beyond the records'
# requantisation. Fields as LONGK_CASES.
ROWS2_CASES = [
    ((19, 1, 83), (7, 1), 2, "same", "relu", None),
    ((19, 2, 83), (7, 1), 2, "same", "relu", None),
    ((30, 1, 120), (5, 1), 1, "same", "relu", None),
    ((1, 19, 85), (1, 7), 2, "same", "relu", None),
    ((17, 1, 98), (8, 1), 2, "same", "relu", None),
    ((20, 1, 158), (4, 1), 2, "same", "relu", None),
    ((19, 3, 64), (7, 1), 2, "same", "relu", None),
    ((19, 1, 83), (7, 1), 2, "same", "relu", None),
    ((19, 1, 83), (7, 1), 2, "same", None, None),
    ((19, 1, 84), (7, 1), 2, "same", "relu", "scaled"),
]
ROWS2_WITHOUT_RECORDS = (7,)


def rows2_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(ROWS2_CASES[k], rng)


# One row of k taps whose every window lies inside the input along the taps,
# with the converter's records (branch fixed2, dw_col_inside, -O2 on DSP
# cores: the one-row loop without dw_col_asm's set-up): (k, 1) and (1, k),
# strides 1 and 2, even and odd k, one and several lines, input past the
# last window, channels a multiple of four, the overlapping last group (one
# to three past it), one and two leftover channels on the tiny lanes, ReLU6
# (case 12: its clamp is the int8 range); and the layers it leaves to the
# other paths: without the records, no activation (output zero point not
# -128), 'same', three taps at stride 1 (dw3), a group beyond the records'
# requantisation. Fields as LONGK_CASES.
FIXED2_CASES = [
    ((11, 1, 57), (8, 1), 2, "valid", "relu", None),
    ((1, 9, 86), (1, 5), 2, "valid", "relu", None),
    ((18, 1, 13), (6, 1), 2, "valid", "relu", None),
    ((1, 8, 64), (1, 4), 1, "valid", "relu", None),
    ((3, 12, 24), (1, 4), 2, "valid", "relu", None),
    ((12, 3, 20), (5, 1), 1, "valid", "relu", None),
    ((21, 1, 40), (4, 1), 2, "valid", "relu", None),
    ((1, 12, 23), (1, 4), 1, "valid", "relu", None),
    ((40, 1, 22), (4, 1), 1, "valid", "relu", None),
    ((2, 16, 35), (1, 7), 1, "valid", "relu", None),
    ((11, 1, 57), (8, 1), 2, "valid", "relu", None),
    ((11, 1, 57), (8, 1), 2, "valid", None, None),
    ((1, 9, 86), (1, 5), 2, "valid", "relu6", None),
    ((1, 9, 86), (1, 5), 2, "same", "relu", None),
    ((30, 1, 12), (3, 1), 1, "valid", "relu", None),
    ((1, 8, 64), (1, 4), 1, "valid", "relu", "scaled"),
]
FIXED2_WITHOUT_RECORDS = (10,)


def fixed2_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(FIXED2_CASES[k], rng)


# Three taps at stride 1 on one long line, 8+ channels, with the converter's
# records (branch short1, nnom_dw3_line_try, -O2 with the assembly: from
# the dispatcher's start to nnom_dw3_s8): every window inside ('valid': one
# run on the input) and 'same' on 16+ channels (one run on the line's
# copy), (3, 1) and (1, 3), channels a multiple of four and one to three
# past it (nnom_dw3p_s8 first), lines of 9 to 70 outputs (a run's last one
# to three), ReLU6; and the layers it hands to dw3_asm or leaves to the
# others: one channel past on 64+ outputs (the lane), 'same' on fewer than
# 16 channels, a copy past its 1,152 bytes, two lines, 7 outputs a line
# (dw_few's), no activation, the last group beyond the records' form,
# without records. Cases 15-28: one padded line of 4+ taps at stride 1
# (nnom_dw_line_try: the line copied once, one call), (k, 1) and (1, k),
# k even and odd up to 14, the channels past a multiple of four as tiny
# lanes (one, two) or the overlapping last group, ReLU6; and the layers
# it leaves: a copy past 1,152 bytes, no activation, the last group beyond
# the records' form, two lines, without records.
SHORT1_CASES = [
    ((30, 1, 10), (3, 1), 1, "valid", "relu", None),
    ((21, 1, 27), (3, 1), 1, "same", "relu", None),
    ((1, 16, 25), (1, 3), 1, "same", "relu", None),
    ((14, 1, 8), (3, 1), 1, "valid", "relu", None),
    ((11, 1, 16), (3, 1), 1, "valid", "relu", None),
    ((1, 23, 18), (1, 3), 1, "same", "relu6", None),
    ((1, 40, 20), (1, 3), 1, "valid", "relu", None),
    ((1, 70, 13), (1, 3), 1, "valid", "relu", None),
    ((21, 1, 13), (3, 1), 1, "same", "relu", None),
    ((40, 1, 36), (3, 1), 1, "same", "relu", None),
    ((40, 2, 24), (3, 1), 1, "same", "relu", None),
    ((9, 1, 20), (3, 1), 1, "valid", "relu", None),
    ((1, 16, 25), (1, 3), 1, "same", None, None),
    ((20, 1, 16), (3, 1), 1, "same", "relu", "scaled"),
    ((30, 1, 10), (3, 1), 1, "valid", "relu", None),
    ((12, 1, 13), (7, 1), 1, "same", "relu", None),
    ((1, 7, 51), (1, 4), 1, "same", "relu", None),
    ((1, 12, 47), (1, 7), 1, "same", "relu", None),
    ((16, 1, 48), (7, 1), 1, "same", "relu6", None),
    ((1, 20, 12), (1, 14), 1, "same", "relu", None),
    ((19, 1, 12), (12, 1), 1, "same", "relu", None),
    ((10, 1, 65), (7, 1), 1, "same", "relu", None),
    ((1, 9, 22), (1, 5), 1, "same", "relu", None),
    ((30, 1, 18), (4, 1), 1, "same", "relu", None),
    ((9, 1, 123), (6, 1), 1, "same", "relu", None),
    ((12, 1, 13), (7, 1), 1, "same", None, None),
    ((12, 1, 16), (5, 1), 1, "same", "relu", "scaled"),
    ((14, 2, 16), (5, 1), 1, "same", "relu", None),
    ((12, 1, 13), (7, 1), 1, "same", "relu", None),
]
SHORT1_WITHOUT_RECORDS = (14, 28)


def short1_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(SHORT1_CASES[k], rng)


# Three taps at stride 1 (dw3_asm, nnom_local_dwcolrun_dsp.c, -O2 with the
# assembly; branch lines3): channels not a multiple of four with the
# converter's records in one call per line (the whole groups, then the
# overlapping last one: two or three past a multiple of four, the line's
# border rows copied as one block, or all the rows a short line reaches;
# 30 channels on 40 outputs: the border rows only), one channel past a
# multiple of four one lane (nnom_dw_tiny_rest) with the groups one call
# per line or per group and line ((3, 1) on 3 or 4 columns: rows apart,
# with the converter's records too),
# lines of 4 to 9 outputs inside the input ('valid': one run on the input,
# no copies) with and without the converter's records, ReLU6 (no clamp
# there); and the other ways: 3 outputs a line, no activation (output zero
# point not -128), the last group's requantisation beyond the records'
# form. Fields as DWACROSS_CASES. (Breaking the last group's records, the
# lane's call or the short lines fails cases 0-5, 7, 9, 12 and 13.)
DW3L_CASES = [
    ((1, 40, 30), (1, 3), 1, "same", "relu", None),
    ((27, 1, 21), (3, 1), 1, "same", "relu", None),
    ((12, 3, 13), (3, 1), 1, "same", "relu", None),
    ((6, 12, 10), (3, 1), 1, "valid", "relu", None),
    ((3, 9, 12), (1, 3), 1, "valid", "relu", None),
    ((6, 7, 9), (1, 3), 1, "valid", "relu", None),
    ((1, 20, 7), (1, 3), 1, "same", "relu", None),
    ((1, 16, 25), (1, 3), 1, "same", "relu", None),
    ((5, 8, 9), (3, 1), 1, "valid", "relu", None),
    ((1, 16, 25), (1, 3), 1, "same", "relu6", None),
    ((21, 1, 27), (3, 1), 1, "same", None, None),
    ((20, 1, 13), (3, 1), 1, "same", "relu", "scaled"),
    ((6, 12, 10), (3, 1), 1, "valid", "relu", None),
    ((1, 25, 5), (1, 3), 1, "valid", "relu", None),
    ((20, 4, 12), (3, 1), 1, "same", "relu", None),
]
# the header without the converter's records: the kernel builds them
DW3L_WITHOUT_RECORDS = (2, 12)


def dw3l_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(DW3L_CASES[k], rng)


# One row of taps at stride 1, sixteen channels or more with the
# converter's records (nnom_local_dwcolrun_dsp.c, -O2 with the assembly;
# branch lines4): three taps where the layer's rows do not fit the copy
# but a line's do, each line's rows copied before its call, one run a line
# ((1, 3) on rows back to back, (3, 1) on several columns: a copy a row;
# channels a multiple of four, two past it: the overlapping last group),
# a line of 40 outputs on one row ((3, 1) on 6 columns of 16 rows and 21
# channels keeps the border runs: a copy a row costs more there); the
# one-row loop's border copies up to 2,048 B ((6, 1), (7, 1), (5, 1) at
# stride 2 on three columns); and the other ways: lines whose copy does
# not fit (70 outputs: the border runs), no records (group by group), no
# activation, the last group's requantisation beyond the records' form,
# twelve channels (the old room); three-tap lines several a call (36
# columns of 4 outputs: two calls of 24 and 12 lines, the overlapping
# last group; three lines of one run; two of three runs). Fields as
# DWACROSS_CASES.
LINES4_CASES = [
    ((9, 12, 20), (1, 3), 1, "same", "relu", None),
    ((7, 13, 18), (1, 3), 1, "same", "relu6", None),
    ((14, 6, 21), (3, 1), 1, "same", "relu", None),
    ((1, 40, 33), (1, 3), 1, "same", "relu", None),
    ((10, 6, 40), (3, 1), 1, "same", "relu", None),
    ((9, 1, 123), (6, 1), 1, "same", "relu", None),
    ((12, 1, 100), (7, 1), 1, "same", "relu6", None),
    ((40, 5, 48), (5, 1), 2, "same", "relu", None),
    ((1, 70, 32), (1, 3), 1, "same", "relu", None),
    ((9, 12, 20), (1, 3), 1, "same", "relu", None),
    ((9, 12, 20), (1, 3), 1, "same", None, None),
    ((9, 12, 20), (1, 3), 1, "same", "relu", "scaled"),
    ((12, 8, 12), (7, 1), 1, "same", "relu", None),
    ((9, 1, 123), (6, 1), 1, "same", "relu", None),
    ((6, 36, 34), (3, 1), 1, "valid", "relu", None),
    ((3, 10, 16), (1, 3), 1, "same", "relu6", None),
    ((2, 70, 32), (1, 3), 1, "same", "relu", None),
]
LINES4_WITHOUT_RECORDS = (9, 13)


def lines4_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(LINES4_CASES[k], rng)


# Three taps at stride 1 (nnom_local_dw3_dsp.c, -O2 with the assembly;
# branch lines5): the one to three channels past a multiple of four in
# passes of their own (nnom_dw3p_s8, run before the whole groups, which
# write the bytes it leaves) group by group (7 channels, with and without
# the converter's records), several lines a call (34 channels on lines of
# 4), a line's copy (22 channels), border runs ((3, 1) rows apart, 23
# channels); one channel (9, 5: 'valid') and the lane it leaves to the
# tiny loops on 64 outputs or more (13 channels on 3 columns of 49); and a
# run's last one, two or three outputs in passes of their own (lines of
# 17, 18, 15 and 23 outputs, inside runs of 5); the other ways: no
# activation, the last group's requantisation beyond the records' form.
# Two taps (nnom_local_dwpair_dsp.c): the one channel past a multiple of
# four in C by its records (dwpair_lane) after the sets of places (93
# channels, a border output per line; 17 at stride 1, 9 'valid', 17) and
# after the runs (77 channels, a border output), two channels past (the
# overlapping group), the last group's requantisation far from the others
# (rq_fit's words) and every bias huge (the old ways), the sets' steps (96
# channels, sets of four and three places), no activation.
# Fields as DWACROSS_CASES.
LINES5_CASES = [
    ((10, 32, 7), (1, 3), 1, "same", "relu", None),
    ((10, 32, 7), (1, 3), 1, "same", "relu", None),
    ((6, 36, 34), (3, 1), 1, "valid", "relu", None),
    ((1, 15, 90), (1, 3), 1, "same", "relu", None),
    ((17, 1, 50), (3, 1), 1, "same", "relu6", None),
    ((40, 1, 9), (3, 1), 1, "same", "relu", None),
    ((1, 25, 5), (1, 3), 1, "valid", "relu", None),
    ((9, 12, 22), (1, 3), 1, "same", "relu", None),
    ((14, 6, 23), (3, 1), 1, "same", "relu", None),
    ((18, 3, 11), (3, 1), 1, "same", "relu", None),
    ((49, 3, 13), (3, 1), 1, "same", "relu", None),
    ((13, 5, 10), (3, 1), 1, "same", "relu", None),
    ((10, 32, 7), (1, 3), 1, "same", None, None),
    ((10, 32, 7), (1, 3), 1, "same", "relu", "scaled"),
    ((2, 15, 93), (1, 2), 2, "same", "relu", None),
    ((41, 1, 77), (2, 1), 2, "same", "relu", None),
    ((9, 21, 17), (1, 2), 1, "same", "relu6", None),
    ((33, 5, 9), (2, 1), 2, "valid", "relu", None),
    ((5, 9, 17), (1, 2), 2, "same", "relu", None),
    ((21, 1, 22), (2, 1), 1, "same", "relu", None),
    ((5, 9, 17), (1, 2), 2, "same", "relu", "scaled"),
    ((15, 1, 96), (2, 1), 2, "valid", "relu", None),
    ((40, 1, 77), (2, 1), 2, "same", None, None),
    ((5, 9, 17), (1, 2), 2, "same", "relu", "huge"),
]
LINES5_WITHOUT_RECORDS = (1, 11)


def lines5_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(LINES5_CASES[k], rng)


# 2D windows of any (kh, kw) but 3x3 and 5x5 (nnom_local_dwrect_dsp.c, -O2
# on DSP cores: every tap of a window in one list of pairs across its rows,
# the outputs inside the input on the input, the border bands on copies
# with the input zero point): 2x2, (2, k), (k, 2), (4, 5), (4, 4), odd
# counts of taps ((3, 5), (5, 3): a zero tap ends the last pair), stride
# 1 and 2, 'same' and 'valid', lines along either axis, border bands in
# several copies (more lines than the copy holds), a last group whose e is
# beyond 11 (13, 14; 23 with its weights scaled further: the unscaled
# requantisation, the others scaled), ReLU6 (output range [0, 6]: no clamp),
# no activation (the s term: the exact loop), and the layers that must take
# the other paths: a band wider than the copy, and a huge bias.
# (input (h, w, c), kernel, stride, padding, activation, scaled)
DWRECT_CASES = [
    ((9, 8, 16), (2, 2), 1, "same", "relu", None),
    ((10, 11, 8), (2, 2), 2, "same", "relu", None),
    ((7, 9, 8), (2, 3), 1, "valid", "relu", None),
    ((9, 7, 12), (3, 2), 2, "same", "relu", None),
    ((11, 9, 8), (2, 4), 2, "valid", "relu", None),
    ((12, 10, 4), (4, 2), 1, "same", "relu", None),
    ((13, 9, 8), (4, 5), 2, "same", "relu", None),
    ((10, 13, 8), (2, 5), 2, "valid", "relu", None),
    ((8, 8, 8), (4, 4), 1, "same", "relu", None),
    ((9, 10, 8), (3, 5), 1, "same", "relu", None),
    ((12, 11, 4), (5, 3), 2, "valid", "relu", None),
    ((6, 45, 4), (5, 2), 1, "same", "relu", None),
    ((40, 6, 4), (2, 3), 1, "same", "relu", None),
    ((9, 8, 16), (2, 2), 1, "same", "relu6", None),
    ((7, 9, 8), (2, 3), 1, "valid", None, None),
    ((10, 11, 8), (2, 2), 2, "same", None, None),
    ((9, 10, 8), (3, 5), 1, "same", None, None),
    ((6, 70, 4), (4, 2), 1, "same", "relu", None),
    ((9, 8, 16), (2, 3), 1, "same", "relu", "small"),
    ((9, 8, 16), (2, 3), 1, "same", "relu", "scaled"),
    ((9, 8, 16), (2, 3), 2, "same", "relu", "huge"),
]


def dwrect_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(DWRECT_CASES[k], rng)


# The same window loop on channels not a multiple of four (five or more:
# the last group overlaps the one before it, channels C - 4 to C - 1, under
# and over NNOM_DW_ODD_GROUPED) and on one to three channels: 2x2, (2, k),
# (k, 2), (4, 5), (3, 4), (3, 5), strides 1 and 2, 'same' and 'valid', bands
# over several copies, ReLU6, no activation (the exact loop), a last group
# of e beyond 11 beside scaled groups, and a huge bias (the other paths).
# (input (h, w, c), kernel, stride, padding, activation, scaled)
RECTODD_CASES = [
    ((9, 8, 18), (2, 2), 1, "same", "relu", None),
    ((10, 11, 13), (2, 2), 2, "same", "relu", None),
    ((7, 9, 7), (2, 3), 1, "valid", "relu", None),
    ((9, 7, 10), (3, 2), 2, "same", "relu", None),
    ((13, 9, 19), (4, 5), 2, "same", "relu", None),
    ((12, 10, 5), (4, 2), 1, "same", "relu", None),
    ((10, 13, 6), (2, 5), 2, "valid", "relu", None),
    ((9, 10, 9), (3, 5), 1, "same", "relu6", None),
    ((9, 11, 31), (3, 4), 2, "same", "relu", None),
    ((6, 45, 6), (5, 2), 1, "same", "relu", None),
    ((7, 9, 7), (2, 3), 1, "valid", None, None),
    ((9, 10, 11), (3, 4), 2, "same", None, None),
    ((9, 8, 18), (2, 3), 1, "same", "relu", "small"),
    ((9, 8, 18), (2, 3), 2, "same", "relu", "huge"),
    ((7, 9, 3), (2, 3), 1, "valid", "relu", None),
    ((9, 9, 1), (2, 2), 1, "same", "relu", None),
    ((11, 10, 2), (4, 4), 2, "same", None, None),
    ((9, 8, 3), (2, 5), 2, "valid", "relu6", None),
    ((12, 40, 3), (5, 5), 2, "same", None, None),
    ((16, 44, 3), (7, 7), 1, "valid", "relu", None),
    ((9, 8, 3), (2, 3), 1, "same", "relu", "small"),
]


def rectodd_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(RECTODD_CASES[k], rng)


# The same window loop on planes of 9 to 64 outputs, where the converter lays
# out the group records (nnom/ops/dwrect_records.py) and on padded planes
# that fit the copy, one copy of the whole plane per group: lines along
# either axis (the records' tap order), odd channels (the overlapping last
# group's records), more than 25 taps, ReLU6 and no activation (the exact
# loop: form 1 records), a last group of e beyond 11 beside scaled groups,
# a huge bias (no records: the other paths), bands too large for the plane
# copy, 5x5 of channels not a multiple of four (nnom_dwrect_odd5_try), and
# (RECTP_WITHOUT_RECORDS) the same layers built by the kernel.
# (input (h, w, c), kernel, stride, padding, activation, scaled)
RECTP_CASES = [
    ((14, 7, 72), (3, 2), 2, "valid", "relu", None),
    ((5, 14, 20), (3, 6), 2, "valid", "relu", None),
    ((5, 12, 16), (5, 4), 2, "same", "relu", None),
    ((12, 3, 35), (5, 2), 2, "same", "relu", None),
    ((8, 8, 9), (4, 6), 1, "same", "relu", None),
    ((8, 20, 7), (7, 4), 2, "same", "relu", None),
    ((6, 6, 12), (7, 7), 2, "same", "relu", None),
    ((7, 18, 6), (7, 7), 1, "valid", "relu6", None),
    ((9, 5, 13), (2, 3), 1, "same", None, None),
    ((5, 12, 16), (5, 4), 2, "same", None, None),
    ((6, 9, 16), (2, 4), 1, "same", "relu", "small"),
    ((6, 9, 16), (4, 2), 2, "same", "relu", "scaled"),
    ((6, 9, 16), (2, 4), 1, "same", "relu", "huge"),
    ((8, 31, 8), (7, 2), 2, "same", "relu", None),
    ((20, 7, 8), (2, 6), 1, "same", "relu", None),
    ((24, 24, 6), (5, 5), 2, "same", "relu", None),
    ((12, 12, 10), (5, 5), 1, "same", None, None),
    ((13, 11, 23), (5, 5), 2, "valid", "relu6", None),
    ((5, 30, 13), (5, 5), 2, "same", "relu", None),
]
RECTP_WITHOUT_RECORDS = (1, 2, 8)


def rectp_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(RECTP_CASES[k], rng)


# Layers of one row of taps on lines shorter than their count, every line's
# output at one place along the taps in one run of the one-row assembly
# loop (nnom_local_dwacross_dsp.c, -O2 on DSP cores): (1, k) and (k, 1),
# k 2 to 7, border places with fewer taps on either side ('same', strides
# (1, 2) and 2), 'valid' (no border), three taps at stride 1 on short
# lines, a last group overlapping (18 and 30 channels; (4, 1) on 18 with
# the converter's records: its own call per place), the converter's
# records and the kernel's own, ReLU6 (no clamp); and the other ways: no
# activation (the s term: the other paths), a last group whose
# requantisation the records refuse and a huge bias (those groups in C
# beside the loop's).
# (input (h, w, c), kernel, strides, padding, activation, scaled)
DWACROSS_CASES = [
    ((12, 8, 8), (1, 5), (1, 2), "same", "relu", None),
    ((6, 10, 12), (4, 1), 1, "same", "relu", None),
    ((5, 9, 18), (3, 1), 1, "same", "relu", None),
    ((9, 16, 4), (5, 1), 2, "valid", "relu", None),
    ((16, 5, 8), (7, 1), 2, "same", "relu", None),
    ((10, 9, 8), (1, 4), (1, 2), "same", "relu", None),
    ((6, 6, 20), (1, 6), 2, "same", "relu", None),
    ((4, 9, 30), (5, 1), 2, "same", "relu", None),
    ((12, 8, 8), (1, 5), (1, 2), "same", "relu6", None),
    ((12, 8, 8), (1, 5), (1, 2), "same", None, None),
    ((10, 8, 12), (1, 4), (1, 2), "same", "relu", "scaled"),
    ((10, 8, 12), (1, 4), (1, 2), "same", "relu", "huge"),
    ((12, 7, 8), (1, 2), (1, 2), "same", "relu", "scaled"),
    ((6, 7, 18), (4, 1), 1, "same", "relu", None),
]
# the header without the converter's records: the kernel builds them
DWACROSS_WITHOUT_RECORDS = (5,)


def dwacross_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(DWACROSS_CASES[k], rng)


# (2, 1) and (1, 2) layers whose pair records refuse some channels (branch
# pairs3: trained layers have a few channels of small weights, e = 12 and
# more; the converter tags the records 5 and zeroes those channels'): their
# groups run the one-row loop (runs across the lines or along the taps,
# the border output's first tap), or C where that loop's form refuses them
# too ("tiny": weights scaled by 1e-4 under a bias of 20), the other
# groups the pair loop. Refused channels in the first, a middle and the
# last group, only in the overlapping last group of channels not a
# multiple of four (20 of 22), in both of the last two (17 of 22), two
# neighbouring groups; then layers whose runs have under four outputs
# (each place along the taps for every line and group in the pair loop's
# edge loop, the border place last), with and without a refused group.
# (input (h, w, c), kernel, stride, padding, the channels whose weights
# are scaled by 1/64, or "tiny": the last four's)
PAIRS3_CASES = [
    ((8, 13, 64), (1, 2), 2, "same", (21,)),  # across the lines: 8 of 6 outputs
    ((20, 3, 16), (2, 1), 1, "same", (5,)),  # along the taps: 19 and a border each
    ((1, 5, 22), (1, 2), 2, "same", (20,)),  # the overlapping last group only
    ((15, 2, 22), (2, 1), 2, "valid", (17,)),  # the last whole group and the overlap
    ((9, 4, 8), (2, 1), 1, "valid", (0,)),  # the first group
    ((3, 9, 12), (1, 2), 2, "same", "tiny"),  # beyond the one-row loop too: C
    ((11, 6, 16), (1, 2), 1, "same", (4, 9)),  # groups 1 and 2
    # runs of under four outputs: each place across the groups
    ((1, 5, 12), (1, 2), 2, "same", ()),  # two places and the border
    ((2, 1, 20), (2, 1), 1, "valid", ()),  # one pixel, a refused channel: no pair records
    ((2, 3, 8), (2, 1), 1, "same", ()),  # runs across: 3 lines, a place and the border
    ((1, 7, 22), (1, 2), 2, "same", ()),  # three places, the overlapping last group
    ((3, 2, 8), (2, 1), 1, "valid", ()),  # two places on two lines
    ((1, 5, 24), (1, 2), 2, "same", (9,)),  # and a refused group
    ((2, 1, 24), (2, 1), 1, "valid", ()),  # one output pixel
    ((1, 2, 16), (1, 2), 1, "valid", ()),  # one output pixel
]


def pairs3_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, small = PAIRS3_CASES[k]
    inputs = keras.Input(shape)
    strides = (stride, 1) if kernel == (2, 1) else (1, stride)
    layer = keras.layers.DepthwiseConv2D(
        kernel, strides=strides, padding=padding, activation="relu"
    )
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    weights, bias = layer.get_weights()
    if small == "tiny":
        weights[..., -4:, :] *= 1e-4
        bias[-4:] = 20.0
    else:
        weights[..., list(small), :] /= 64
    layer.set_weights([weights, bias])
    return model


# pairs4: two-tap layers whose runs are short run their inside outputs as
# places four at a time across every group (nnom_dwpair_set_s8 via
# nnom_dwpair_grid; the border outputs of 'same' in the edge loop): the
# last set of one, two, three or four places, channels 1, 2 and 3 over a
# multiple of four (the overlapping last group stepped back 3, 2, 1),
# places across two and three lines and across the taps' axis, stride 1
# and 2, both kernels (every channel's weights scaled to a largest of 1:
# none refused); and two that stay on the runs (long enough) or the group
# path (no activation: output zero point not -128). (input (h, w, c),
# kernel, stride, padding, activation)
PAIRS4_CASES = [
    ((15, 1, 96), (2, 1), 2, "valid", "relu"),  # 7 places: a set of 4 and of 3
    ((14, 1, 59), (2, 1), 2, "valid", "relu"),  # 7 places, back 1
    ((20, 3, 62), (2, 1), 2, "same", "relu"),  # 3 lines of 9 and a border, back 2
    ((6, 1, 109), (2, 1), 1, "valid", "relu"),  # stride 1: 5 places, back 3
    ((2, 14, 92), (1, 2), 2, "same", "relu"),  # 2 lines of 6 and a border
    ((26, 1, 127), (2, 1), 2, "valid", "relu"),  # 13 places: the last alone
    ((3, 1, 20), (2, 1), 1, "valid", "relu"),  # 2 places
    ((1, 5, 93), (1, 2), 2, "same", "relu"),  # 2 places and the border, back 3
    ((9, 2, 20), (2, 1), 2, "valid", "relu"),  # 2 lines of 4: two full sets
    ((10, 5, 42), (1, 2), 2, "same", "relu"),  # 10 lines of 2 and a border each
    ((3, 6, 36), (1, 2), 1, "same", "relu"),  # stride 1, 3 lines of 5 and a border
    ((1, 9, 28), (1, 2), 1, "same", "relu"),  # stays on the runs
    ((15, 1, 96), (2, 1), 2, "valid", None),  # no activation: the group path
]


def pairs4_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act = PAIRS4_CASES[k]
    inputs = keras.Input(shape)
    strides = (stride, 1) if kernel == (2, 1) else (1, stride)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    # every channel's largest weight 1: shifts within the passes' form
    weights, bias = layer.get_weights()
    layer.set_weights([weights / np.abs(weights).max(axis=(0, 1), keepdims=True), bias])
    return model


# rqrange: channels whose right shift e is outside the fixed-shift passes'
# 5 to 11 (weights scaled down like a trained net's dead channels) run
# those passes on words fitted by nnom/ops/rq_fit.py: two taps (runs along
# and across the taps, places across the groups), three taps at stride 2
# (dw3s2, dw3s2l), one output pixel of three or four taps (dwone4);
# strides 1 and 2, 'same' and 'valid', 16 to 96 channels and 22 (the
# overlapping last group). Scaling: "all" every channel by 10^U(-4, 0)
# (bias too for every other channel: small but not constant outputs),
# a tuple those channels by 10^U(-4, -2); "hot": channel 1's input scaled
# down by 64 in a 1x1 layer before and its weights up by 64 (e below 5: a
# channel the form cannot take, the other paths; "hotter": 4096, e below
# 2, beyond the one-row loop's form too); no activation: output
# zero point not -128 (the other paths). (input (h, w, c), kernel, stride,
# padding, activation, scaling)
RQR_CASES = [
    ((49, 1, 48), (2, 1), 1, "same", "relu", (1, 5, 6, 7, 40)),
    ((1, 32, 24), (1, 2), 2, "same", "relu", "all"),
    ((20, 3, 16), (2, 1), 2, "valid", "relu", "all"),
    ((9, 4, 22), (2, 1), 1, "valid", "relu", (20, 21)),
    ((1, 7, 22), (1, 2), 2, "same", "relu", "all"),  # places across the groups
    ((15, 1, 96), (2, 1), 2, "valid", "relu", "all"),  # sets of four places
    ((3, 20, 16), (1, 2), 2, "same", "relu", "all"),  # runs across the lines
    ((49, 1, 24), (3, 1), 2, "same", "relu", "all"),
    ((16, 1, 64), (3, 1), 2, "same", "relu", (0, 1, 2, 3, 33)),
    ((2, 25, 64), (1, 3), 2, "same", "relu", "all"),
    ((4, 27, 72), (1, 3), 2, "valid", "relu", "all"),
    ((20, 3, 32), (3, 1), 2, "same", "relu", "all"),
    ((4, 1, 64), (4, 1), 1, "valid", "relu", "all"),  # one output pixel
    ((2, 2, 32), (3, 3), 2, "same", "relu", "all"),  # one output pixel, 4 taps
    ((3, 1, 16), (3, 1), 1, "valid", "relu", (2, 9)),  # one output pixel, 3 taps
    ((20, 3, 16), (2, 1), 2, "same", None, "all"),  # zero point not -128
    ((49, 1, 24), (3, 1), 2, "same", None, "all"),
    ((20, 3, 16), (2, 1), 1, "same", "relu", "hot"),
    ((49, 1, 24), (3, 1), 2, "same", "relu", "hot"),
    ((4, 1, 32), (4, 1), 1, "valid", "relu", "hot"),
    ((11, 6, 16), (1, 2), 1, "same", "relu", "hotter"),  # e below 2: C
]


def rqr_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act, scaling = RQR_CASES[k]
    c = shape[2]
    inputs = keras.Input(shape)
    x = inputs
    hot = {"hot": 64, "hotter": 4096}.get(scaling) if isinstance(scaling, str) else None
    if hot:  # channel 1's input hot times smaller
        pre = keras.layers.DepthwiseConv2D((1, 1), use_bias=False)
        x = pre(x)
    strides = (stride, 1) if kernel[1] == 1 else (1, stride)
    if kernel == (3, 3):
        strides = (stride, stride)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(x))
    kf.randomize_weights(model, rng)
    weights, bias = layer.get_weights()
    if hot:
        ones = np.ones((1, 1, c, 1), np.float32)
        ones[..., 1, :] = 1 / hot
        pre.set_weights([ones])
        weights[..., 1, :] *= hot
    else:
        chans = range(c) if scaling == "all" else scaling
        top = 0.0 if scaling == "all" else -2.0
        for ch in chans:
            f = 10 ** rng.uniform(-4, top)
            weights[..., ch, :] *= f
            if ch % 2:
                bias[ch] *= f
    layer.set_weights([weights, bias])
    return model


# The window loop's plane copy of 24 columns and rows (branch dwgrp;
# NNOM_DWWIN_PITCH, -O2 with the assembly): rows that reach 17 to 24
# columns (3x3 s2 on 8 and 11 outputs, 3x3 s1 on 22, 5x5 s1 on 20, 5x5 s2
# on 10), 'same' and 'valid', channels a multiple of four, one over (the
# last channel alone) and two over (the overlapping group), one strip and
# several (even ones, the last one a line short), ReLU6 (whose quantised
# range needs no clamp here); 3x3 on 5 to 13 channels not a multiple of
# four that the flat path took before (stride 2 on rows of 8 and 9
# outputs, stride 1 on 5 channels, 'valid'); and layers that must take the
# other paths: rows one column wider than the copy, more strips than the
# loop takes, 3 channels (the flat path), 5 channels on rows too wide.
# Then other 2D windows on the whole padded plane
# (nnom_local_dwrect_dsp.c, rect_plane): (4,6), (4,4), (4,5) s2, (6,4),
# (2,3) down the columns, 9 and 10 channels (the overlapping group), ReLU6
# and no activation, one channel's weights scaled down under a large
# bias; and those that keep the border copies: 'valid' (no border), (2,2)
# (thin borders). Same fields as DWODD_CASES.
DWGRP_CASES = [
    ((12, 15, 9), (3, 3), 2, 1, "same", "relu", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", False),
    ((22, 22, 8), (3, 3), 2, 1, "same", "relu", False),
    ((22, 22, 4), (3, 3), 1, 1, "same", "relu", False),
    ((24, 24, 4), (5, 5), 1, 1, "valid", "relu", False),
    ((20, 20, 8), (5, 5), 2, 1, "same", "relu", False),
    ((42, 9, 8), (3, 3), 2, 1, "same", "relu", False),
    ((47, 16, 5), (5, 5), 1, 1, "same", "relu", False),
    ((12, 15, 10), (3, 3), 2, 1, "same", "relu", False),
    ((13, 13, 13), (3, 3), 2, 1, "same", "relu", False),
    ((23, 23, 4), (3, 3), 1, 1, "same", "relu", False),
    ((12, 15, 8), (3, 3), 2, 1, "same", "relu6", False),
    ((180, 8, 4), (3, 3), 1, 1, "same", "relu", False),
    ((17, 17, 13), (3, 3), 2, 1, "same", "relu", False),
    ((15, 15, 5), (3, 3), 2, 1, "same", "relu", False),
    ((16, 16, 5), (3, 3), 1, 1, "same", "relu", False),
    ((19, 19, 6), (3, 3), 2, 1, "same", "relu", False),
    ((20, 20, 7), (3, 3), 2, 1, "valid", "relu", False),
    ((12, 12, 3), (3, 3), 1, 1, "same", "relu", False),
    ((32, 32, 5), (3, 3), 2, 1, "same", "relu", False),
    ((8, 8, 9), (4, 6), 1, 1, "same", "relu", False),
    ((10, 10, 8), (4, 4), 1, 1, "same", "relu", False),
    ((12, 12, 16), (4, 5), 2, 1, "same", "relu", False),
    ((7, 7, 20), (6, 4), 1, 1, "same", "relu", False),
    ((20, 6, 10), (2, 3), 1, 1, "same", "relu", False),
    ((9, 9, 12), (3, 5), 1, 1, "same", "relu6", False),
    ((8, 8, 8), (4, 6), 1, 1, "same", None, False),
    ((8, 8, 8), (4, 6), 1, 1, "valid", "relu", False),
    ((15, 15, 8), (2, 2), 1, 1, "same", "relu", False),
    ((8, 8, 9), (4, 6), 1, 1, "same", "relu", True),
]


def dwgrp_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(DWGRP_CASES[k], rng)


# The window loop's wide copy (nnom_local_dwwin_dsp.c, 3x3 at stride 2 on
# rows of 25 to 48 columns, 48 words x 12 rows: strips of five output
# lines) and the converter's records on planes of 5 to 9 outputs
# (nnom/ops/dwwin_records.py, SMALL_OUTPUTS, SMALL_WORDS): rows of 25, 27,
# 29, 33, 45 and 47 columns, 'same' and 'valid' (input wider than the
# columns read), one strip and several (the last one short), channels a
# multiple of four and not (the overlapping last group, 16 and more), ReLU6,
# a channel scaled down under a large bias (the build refuses: other
# paths); and layers that must take the other paths: rows of 49 columns,
# more strips than the loop takes, 10 and 13 channels (the flat path), no
# activation. Records: 5x5 s1 on one row of 6, 3x3 s2 on 1x5 and 3x3
# planes, 50 channels (the overlapping group), 21 (the one-channel tail),
# and those that keep the build: 128 channels (1,152 words), one output
# column (dwcols' records), a channel beyond the loop's requantisation.
# Same fields as DWODD_CASES.
WIN2_CASES = [
    ((4, 30, 111), (3, 3), 2, 1, "valid", "relu", False),
    ((11, 25, 73), (3, 3), 2, 1, "valid", "relu", False),
    ((5, 32, 97), (3, 3), 2, 1, "same", "relu", False),
    ((8, 28, 44), (3, 3), 2, 1, "valid", "relu", False),
    ((32, 32, 16), (3, 3), 2, 1, "same", "relu", False),
    ((47, 47, 20), (3, 3), 2, 1, "same", "relu6", False),
    ((45, 45, 16), (3, 3), 2, 1, "same", "relu", False),
    ((46, 46, 8), (3, 3), 2, 1, "valid", "relu", False),
    ((90, 30, 8), (3, 3), 2, 1, "same", "relu", False),
    ((30, 30, 10), (3, 3), 2, 1, "same", "relu", False),
    ((30, 30, 18), (3, 3), 2, 1, "same", None, False),
    ((26, 30, 22), (3, 3), 2, 1, "valid", "relu6", False),
    ((30, 30, 17), (3, 3), 2, 1, "same", "relu", False),
    ((20, 40, 12), (3, 3), 2, 1, "same", "relu", True),
    ((12, 48, 8), (3, 3), 2, 1, "valid", "relu", False),
    ((9, 50, 12), (3, 3), 2, 1, "same", "relu", False),
    ((30, 30, 13), (3, 3), 2, 1, "same", "relu", False),
    ((4, 11, 60), (3, 3), 2, 1, "valid", "relu", False),
    ((5, 5, 50), (3, 3), 2, 1, "same", "relu", False),
    ((6, 6, 32), (3, 3), 2, 1, "same", "relu", False),
    ((6, 6, 128), (3, 3), 2, 1, "same", "relu", False),
    ((17, 4, 112), (3, 3), 2, 1, "valid", "relu", False),
    ((5, 10, 24), (5, 5), 1, 1, "valid", "relu", False),
    ((6, 6, 21), (3, 3), 2, 1, "same", "relu", False),
    ((4, 11, 60), (3, 3), 2, 1, "valid", "relu", True),
]
# cases built without the records (the kernel builds its own)
WIN2_WITHOUT_RECORDS = (19,)


def win2_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(WIN2_CASES[k], rng)


# Branch win3 (nnom_local_dwrect_dsp.c, -O2 with the assembly): the
# converter's dwrect records on one output column (3x3 and 5x5 too, the
# window loop leaving them; 2 to 8 outputs only unpadded), on planes of at
# most 8 outputs whose taps few_table cannot hold, on large planes of small
# records; the whole padded plane copied (576 words) where the bands would
# copy more or one is wider than their copy. 'same' and 'valid', strides 1
# and 2, channels a multiple of four and not, ReLU, ReLU6, no activation
# (the exact loop), a channel scaled down under a large bias (no records:
# the other paths), one built without records. Same fields as DWODD_CASES.
WIN3_CASES = [
    ((36, 4, 96), (3, 3), 2, 1, "valid", "relu", False),
    ((17, 4, 112), (3, 3), 2, 1, "valid", "relu", False),
    ((45, 6, 80), (6, 5), 2, 1, "valid", "relu6", False),
    ((61, 3, 18), (3, 3), 2, 1, "valid", "relu", False),
    ((33, 2, 16), (3, 3), 2, 1, "same", "relu", False),
    ((20, 1, 24), (5, 5), 1, 1, "same", None, False),
    ((15, 5, 16), (5, 5), 2, 1, "valid", "relu", False),
    ((36, 4, 12), (3, 3), 2, 1, "valid", "relu", True),
    ((9, 5, 32), (7, 4), 1, 1, "valid", "relu", False),
    ((9, 5, 22), (7, 4), 1, 1, "valid", None, False),
    ((7, 5, 12), (5, 4), 1, 1, "valid", "relu6", False),
    ((8, 31, 33), (7, 2), 2, 1, "same", "relu", False),
    ((25, 13, 30), (2, 4), 2, 1, "same", "relu", False),
    ((14, 37, 20), (2, 2), 2, 1, "same", "relu", False),
    ((14, 37, 21), (2, 2), 2, 1, "same", None, False),
    ((9, 36, 8), (7, 2), 1, 1, "same", "relu", False),
    ((8, 31, 20), (7, 2), 2, 1, "same", None, False),
    ((8, 31, 18), (7, 2), 2, 1, "same", "relu6", False),
    ((25, 13, 30), (2, 4), 2, 1, "same", "relu", True),
    ((36, 4, 96), (3, 3), 2, 1, "valid", "relu", False),
]
# cases built without the records (the kernel builds its own, or another path)
WIN3_WITHOUT_RECORDS = (19,)


def win3_model(k: int, rng: np.random.Generator):
    return _odd_channels_model(WIN3_CASES[k], rng)


# 2D windows (nnom_local_dwrect_dsp.c) with trained-like channel scales
# (branch rqfit2): each channel's weights scaled by 10^U(-2.5, 0.5), the
# bias of every other one too, one channel dead (zero weights) and one
# 1000x smaller, so that right shifts reach 12 to 20, which the converter's
# records take with rq_fit's words in the scaled form: small planes, one
# output column, few outputs of many taps, the whole padded plane, large
# planes whose records are over LARGE_WORDS (written only for such
# channels: (5,4), 7x7, (2,3) s2 on 76 channels), channels not a multiple
# of four (the overlapping group), ReLU6; and the other paths: no
# activation (the exact loop: the one-row form, no fitted words), a large
# plane built by the kernel (no records: its groups in the unscaled form),
# a channel whose input is scaled down by 64 before (e below 5: its group
# in the one-row form). (input (h, w, c), kernel, stride, padding,
# activation, hot)
RQFIT2_CASES = [
    ((17, 29, 20), (2, 2), 1, "same", "relu", False),
    ((12, 12, 40), (5, 4), 1, "same", "relu", False),
    ((14, 14, 24), (7, 7), 1, "same", "relu", False),
    ((18, 16, 76), (2, 3), 2, "same", "relu", False),
    ((14, 7, 30), (3, 2), 2, "valid", "relu", False),
    ((17, 4, 36), (3, 3), 2, "valid", "relu", False),
    ((25, 13, 30), (2, 4), 2, "same", "relu", False),
    ((20, 30, 22), (2, 2), 2, "same", "relu6", False),
    ((9, 5, 32), (7, 4), 1, "valid", "relu", False),
    ((12, 12, 40), (5, 4), 1, "same", None, False),
    ((14, 7, 30), (3, 2), 2, "valid", None, False),
    ((12, 12, 40), (5, 4), 1, "same", "relu", False),
    ((14, 7, 32), (3, 2), 2, "valid", "relu", True),
]
# built without the records (the kernel builds its own)
RQFIT2_WITHOUT_RECORDS = (11,)


def rqfit2_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act, hot = RQFIT2_CASES[k]
    c = shape[2]
    inputs = keras.Input(shape)
    x = inputs
    if hot:  # channel 1's input 64 times smaller
        pre = keras.layers.DepthwiseConv2D((1, 1), use_bias=False)
        x = pre(x)
    layer = keras.layers.DepthwiseConv2D(
        kernel, strides=(stride, stride), padding=padding, activation=act
    )
    model = keras.Model(inputs, layer(x))
    kf.randomize_weights(model, rng)
    weights, bias = layer.get_weights()
    hot_weights = weights[..., 1, :] * 64
    scale = 10.0 ** rng.uniform(-2.5, 0.5, c)
    picks = rng.permutation(c)
    scale[picks[0]], scale[picks[1]] = 0.0, 1e-3
    for ch in range(c):
        weights[..., ch, :] *= scale[ch]
        if ch % 2:
            bias[ch] *= max(scale[ch], 1e-3)
    if hot:
        ones = np.ones((1, 1, c, 1), np.float32)
        ones[..., 1, :] = 1 / 64
        pre.set_weights([ones])
        weights[..., 1, :] = hot_weights
    layer.set_weights([weights, bias])
    return model


# Dense shapes of the assembly loop (inputs a multiple of four): groups of
# four units and the last one, two or three, with and without ReLU, and
# weights scaled down under a large bias (shifts beyond the fast
# requantisation: the loop finds them and the C loop runs instead).
# (inputs, units, activation, weight factor or None).
DENSE_CASES = [
    (24, 7, None, None),
    (8, 2, "relu", None),
    (32, 1, None, None),
    (16, 6, "relu", 1e-4),
    (12, 9, None, 1e-4),
]


# Layers of few output pixels and many channels (nnom_local_dw_few_dsp.c,
# -O2 with the assembly: the tap table where the converter writes no
# records, the padded copy for (k, 1) and (1, k) whose windows all reach the
# padding, in chunks of groups, over lines; windows as wide as the input,
# one line each (odd channels too); a column of 2D windows from a padded
# copy of their columns; and (2, 1) whose one window holds the whole input,
# now the pair loop's records):
# one row or column of outputs, tiny planes, channels a multiple of four
# and not, 'same' (border windows only) and 'valid', ReLU, ReLU6 (the
# clamp), no activation (the s term), a small last group, more taps than
# the path's table (the other paths) and a huge bias (the per-pixel path).
# (input (h, w, c), kernel, stride, padding, activation, scaled)
FEWPX_CASES = [
    ((2, 1, 118), (2, 1), 1, "valid", "relu", None),
    ((1, 2, 64), (1, 2), 2, "valid", None, None),
    ((4, 6, 67), (3, 6), 1, "valid", "relu", None),
    ((8, 1, 122), (8, 1), 2, "same", "relu", None),
    ((11, 1, 105), (11, 1), 2, "same", "relu6", None),
    ((5, 5, 64), (4, 4), 1, "valid", None, None),
    ((3, 3, 52), (2, 2), 1, "valid", "relu", None),
    ((1, 6, 20), (1, 3), 1, "same", None, None),
    ((6, 1, 24), (7, 1), 1, "same", "relu", None),
    ((9, 1, 40), (9, 1), 2, "same", "relu", "small"),
    ((7, 6, 32), (6, 5), 1, "valid", "relu", None),
    ((4, 6, 67), (3, 6), 1, "valid", "relu", "huge"),
    ((1, 6, 40), (1, 12), 2, "same", "relu", None),
    ((6, 1, 30), (12, 1), 2, "same", "relu", None),
    ((8, 3, 64), (8, 1), 2, "same", "relu", None),
    ((6, 1, 24), (7, 1), 1, "same", "relu", None),
    ((7, 4, 80), (2, 4), 2, "valid", "relu", None),
    ((6, 3, 17), (4, 3), 1, "valid", "relu", None),
    ((17, 4, 113), (3, 3), 2, "valid", "relu", None),
    ((16, 2, 64), (3, 3), 2, "same", "relu", None),
    ((9, 2, 28), (4, 3), 2, "same", "relu", None),
    ((12, 3, 30), (3, 2), 2, "valid", "relu", None),
    # several lines of few outputs each, most windows in the padding
    # (nnom_dw_few_lines: the padded copy per line), the last one refused
    ((8, 3, 112), (7, 1), 2, "same", "relu", None),
    ((3, 9, 48), (1, 5), 2, "same", "relu", None),
    ((9, 2, 30), (5, 1), 2, "same", "relu", None),
    ((8, 4, 48), (9, 1), 1, "same", "relu", None),
    ((8, 2, 64), (7, 1), 2, "same", "relu6", None),
]


def fewpx_model(k: int, rng: np.random.Generator):
    return dw_layer_case_model(FEWPX_CASES[k], rng)


# Dense shapes of the assembly loop (inputs a multiple of four): groups of
# four units and the last one, two or three, with and without ReLU, and
# weights scaled down under a large bias (shifts beyond the fast
# requantisation: the loop finds them and the C loop runs instead).
# (inputs, units, activation, weight factor or None).
DENSE_CASES = [
    (24, 7, None, None),
    (8, 2, "relu", None),
    (32, 1, None, None),
    (16, 6, "relu", 1e-4),
    (12, 9, None, 1e-4),
]


def dense_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    n, units, act, factor = DENSE_CASES[k]
    inputs = keras.Input((n,))
    x = keras.layers.Dense(units, activation=act)(inputs)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if factor is not None:
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * factor, np.full_like(bias, 20.0)])
    return model


# Dense weights in groups of four units (branch dense2: the config's
# weight4, read by nnom_fc_groups_s8 in -O2 DSP builds): whole groups, groups
# and one to three last rows, inputs of 4, 8 and 12 past a multiple of 16,
# ReLU, ReLU6 (a clamp below 127) or none, a near-dead unit or scaled-down
# weights under a large bias (shifts beyond the loop's form: those units
# again in C from the grouped order), a layer called twice (its weights
# once, in both orders), and the refused: inputs not whole words, fewer
# than four units. (inputs, units, activation, weight factor, near-dead
# unit or None, called twice). A near-dead unit's output hardly depends on
# its weights, so DENSE2_RIGHT1 gives some units of a case the same
# multiplier with right shift 1 (unnormalised: outside the loop's form,
# their outputs still depend on every weight): the C loop reads them from
# the grouped order.
DENSE2_CASES = [
    (16, 8, "relu", None, None, False),
    (20, 11, None, None, None, False),
    (40, 5, "relu6", None, None, False),
    (28, 4, None, None, 2, False),
    (12, 6, "relu", 1e-4, None, False),
    (44, 15, "relu", None, 13, False),
    (24, 24, "relu", None, None, True),
    (18, 8, "relu", None, None, False),
    (16, 3, None, None, None, False),
    (4, 9, None, None, 5, False),
    (32, 10, None, None, None, False),
]
DENSE2_RIGHT1 = {10: (1, 6, 9), 1: (2,)}


def dense2_right1(converted, k: int):
    """DENSE2_RIGHT1's units of case k: shift -1, the same multiplier."""
    for node in converted.graph.nodes:
        if node.op == "dense":
            for u in DENSE2_RIGHT1.get(k, ()):
                m, e = int(node.q.mult[u]), -int(node.q.shift[u])
                node.q.mult[u] = (m + (1 << (e - 2))) >> (e - 1)
                node.q.shift[u] = -1
    return converted


def dense2_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    n, units, act, factor, dead, twice = DENSE2_CASES[k]
    inputs = keras.Input((n,))
    layer = keras.layers.Dense(units, activation=None if act == "relu6" else act)
    x = layer(inputs)
    if twice:
        x = layer(x)
    if act == "relu6":
        x = keras.layers.ReLU(max_value=6.0)(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    kernel, bias = layer.get_weights()
    if factor is not None:
        kernel, bias = kernel * factor, np.full_like(bias, 20.0)
    if dead is not None:
        kernel[:, dead] *= 3e-5
    layer.set_weights([kernel, bias])
    return model


# One near-dead output channel (weights x3e-4 or x3e-5, as trained networks have):
# its multiplier's shift below -17, within the fast requantisation's
# [-23, -2] (nnom_rq_all_fast() once stopped at -17 and sent the whole
# layer to the slow path; the Dense assembly loop still stops there and
# reruns that unit in C). (input shape, layer, channel).
NEAR_DEAD_CASES = [
    ((10, 9, 8), "conv3x3", 5),  # pairs of pixels (nnom_conv_pair_s8)
    ((12, 7, 3), "conv3x3", 2),  # three input channels (nnom_conv_col_s8)
    ((6, 5, 16), "conv1x1", 9),
    ((24,), "dense", 4),  # one unit of a group of four
]


def near_dead_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kind, channel = NEAR_DEAD_CASES[k]
    inputs = keras.Input(shape)
    if kind == "dense":
        layer = keras.layers.Dense(10, activation="relu")
    else:
        size = 3 if kind == "conv3x3" else 1
        layer = keras.layers.Conv2D(12, size, padding="same", activation="relu")
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    kernel, bias = layer.get_weights()
    kernel[..., channel] *= (3e-4, 3e-5)[k % 2]
    layer.set_weights([kernel, bias])
    return model


# 1x1 convolutions and their neighbours (branch pwodd): input channels not
# a multiple of four (the gathered-window kernel reading the input, its
# last pixel copied; the pair assembly's byte tail beyond 24), few input
# and output channels, a single pixel (the Dense loop, 21 inputs: its byte
# tail), ReLU6's clamp, and paths that fall back: stride 2 (the pair
# assembly), a 3x3 window of 6 channels (the byte tail per window row), a
# Dense of 21 inputs. (input shape, layer, outputs, activation, strides).
POINTWISE_CASES = [
    ((7, 9, 10), "conv1x1", 23, "relu", 1),
    ((5, 6, 31), "conv1x1", 20, "relu6", 1),
    ((6, 7, 8), "conv1x1", 5, None, 1),
    ((4, 3, 17), "conv1x1", 9, "relu6", 1),
    ((1, 1, 21), "conv1x1", 40, "relu", 1),
    ((1, 1, 24), "conv1x1", 9, "relu6", 1),
    ((6, 5, 9), "conv1x1", 6, "relu", 2),
    ((6, 7, 6), "conv3x3", 10, "relu", 1),
    ((21,), "dense", 7, "relu", 1),
]


def pointwise_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kind, n, act, stride = POINTWISE_CASES[k]
    inputs = keras.Input(shape)
    if kind == "dense":
        layer = keras.layers.Dense(n, activation=act)
    else:
        size = 3 if kind == "conv3x3" else 1
        layer = keras.layers.Conv2D(n, size, strides=stride, padding="same", activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    return model


# 1x1 convolutions of branch pw2: one output channel (the Dense loop with
# the pixels as its rows: fewer than four pixels left, input channels not a
# multiple of four, the clamp), the pixel without a partner on the pair
# path (the Dense loop on it; stride 2 too), the windows kernel at 25-32
# input channels (three packed groups a pass, the last pixel copied), and
# weights scaled down under a large bias: the requantisation outside the
# Dense loop's form, |bias| above the windows kernel's bound (both fall back).
# (input (h, w, c), filters, activation, stride, the bias under weights
# scaled down, or 0).
PW2_CASES = [
    ((12, 12, 16), 1, "relu", 1, 0.0),
    ((47, 1, 82), 1, None, 1, 0.0),
    ((1, 11, 147), 1, "relu6", 1, 0.0),
    ((5, 1, 9), 1, "relu", 1, 0.0),
    ((9, 3, 20), 1, "relu", 1, 20.0),  # shift -18: not the Dense loop's form
    ((1, 3, 37), 105, "relu", 1, 0.0),
    ((1, 5, 13), 6, "relu6", 1, 0.0),
    ((7, 7, 40), 24, None, 1, 0.0),
    ((5, 9, 16), 10, "relu", 2, 0.0),
    ((6, 7, 29), 13, "relu", 1, 0.0),
    ((9, 4, 32), 20, None, 1, 0.0),
    ((4, 3, 25), 8, "relu6", 1, 0.0),
    ((5, 6, 28), 12, "relu", 1, 160.0),  # |bias| above the windows kernel's bound
]


def conv1x1_model(shape, n: int, act, stride: int, scaled: float, rng: np.random.Generator):
    """One 1x1 Conv2D of n filters on shape, random weights from rng; scaled:
    the weights scaled down under a bias of that value (0: not)."""
    keras = kf._keras()
    inputs = keras.Input(shape)
    layer = keras.layers.Conv2D(n, 1, strides=stride, padding="same", activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    if scaled:  # weights scaled down under a large bias
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, scaled)])
    return model


def pw2_model(k: int, rng: np.random.Generator):
    return conv1x1_model(*PW2_CASES[k], rng)


# 1x1 convolutions of one pixel (branch pw3: the converter's records,
# nnom_local_pw1px_dsp.c): 8 inputs (the entry of its own; fewer than 16
# outputs, more than 32: the pass entered at n mod 16 and repeated), 4-7
# inputs (the stack copy with zeros after them), 1-3 inputs past a multiple
# of 4 over several chunks, 128 inputs (the most), stride 2 on one pixel;
# ReLU6 (whose clamp is int8's here), weights scaled down under a large
# bias (a shift of about -18); and the layers it refuses (the paths before
# it): 129 and 3 inputs, no activation (output zero point not -128).
# (input channels, filters, activation, stride, the bias under weights
# scaled down, or 0).
PW1PX_CASES = [
    (8, 32, "relu", 1, 0.0),
    (8, 5, "relu", 1, 0.0),
    (8, 37, "relu", 1, 0.0),
    (5, 7, "relu", 1, 0.0),
    (7, 19, "relu", 1, 0.0),
    (13, 9, "relu", 1, 0.0),
    (22, 17, "relu", 1, 0.0),
    (64, 10, "relu", 1, 0.0),
    (128, 3, "relu", 1, 0.0),
    (12, 9, "relu", 2, 0.0),
    (129, 4, "relu", 1, 0.0),
    (3, 8, "relu", 1, 0.0),
    (16, 12, None, 1, 0.0),
    (16, 12, "relu6", 1, 0.0),
    (24, 20, "relu", 1, 20.0),
]


def pw1px_model(k: int, rng: np.random.Generator):
    cin, n, act, stride, scaled = PW1PX_CASES[k]
    return conv1x1_model((1, 1, cin), n, act, stride, scaled, rng)


# 1x1 convolutions of one output channel (branch pw3, nnom_local_pw1c_dsp.c):
# ReLU (SMMLAR on doubled weights), no activation (the fast form), ReLU6,
# a large bias (outside SMMLAR's reach: the fast form at zero point -128),
# input channels not a multiple of four (the last pixel copied) with odd
# and even pixel counts, two pixels (the last pass only), 128 inputs;
# refused (the Dense loop): 147 inputs, 3 pixels of 128, stride 2. (input
# (h, w, c), activation, stride, the bias under weights scaled down, or 0).
PW1C_CASES = [
    ((12, 12, 16), "relu", 1, 0.0),
    ((29, 1, 31), "relu", 1, 0.0),
    ((5, 1, 9), "relu", 1, 0.0),
    ((2, 1, 5), "relu", 1, 0.0),
    ((4, 4, 8), None, 1, 0.0),
    ((6, 5, 13), None, 1, 0.0),
    ((7, 3, 22), "relu6", 1, 0.0),
    ((9, 3, 20), "relu", 1, 20.0),
    ((47, 1, 82), None, 1, 0.0),
    ((1, 70, 128), "relu", 1, 0.0),
    ((1, 11, 147), "relu", 1, 0.0),
    ((1, 3, 128), "relu", 1, 0.0),
    ((7, 7, 12), "relu", 2, 0.0),
]


def pw1c_model(k: int, rng: np.random.Generator):
    shape, act, stride, scaled = PW1C_CASES[k]
    return conv1x1_model(shape, 1, act, stride, scaled, rng)


# The windows kernel's last group of one or two channels (branch pw4,
# nnom_conv_col1_s8 / col2_s8): 1x1 with 1 or 2 channels past a multiple of
# four (alone in the last chunk, after full groups, over chunks of 3 groups
# above 24 inputs), 2 output channels (4 to 64 inputs, the last pixel
# copied or not), ReLU, none (another output zero point), ReLU6 (the
# clamp); 3x3 and 10x4 windows on 1 to 3 channels (gathered windows);
# 2 to 7 pixels (only with the converter's records: 2 pixels, the last
# one copied, and 7); refused: 65 inputs, stride 2, a bias beyond the
# kernel's bound (on 5 pixels: no records, the pair path); 210 outputs of
# 32 inputs (no records: over 4,096 words).
# (input (h, w, c), filters, kernel, activation, stride,
# the bias under weights scaled down, or 0).
PW4_CASES = [
    ((11, 8, 19), 5, 1, "relu", 1, 0.0),
    ((1, 27, 16), 5, 1, None, 1, 0.0),
    ((14, 1, 12), 49, 1, "relu6", 1, 0.0),
    ((5, 7, 9), 22, 1, "relu", 1, 0.0),
    ((4, 6, 30), 10, 1, None, 1, 0.0),
    ((3, 5, 27), 13, 1, "relu", 1, 0.0),
    ((12, 12, 16), 2, 1, "relu", 1, 0.0),
    ((1, 37, 34), 2, 1, None, 1, 0.0),
    ((8, 1, 64), 2, 1, "relu6", 1, 0.0),
    ((3, 3, 5), 2, 1, "relu", 1, 0.0),
    ((9, 2, 23), 2, 1, "relu", 1, 20.0),
    ((9, 7, 3), 5, 3, "relu", 1, 0.0),
    ((11, 6, 3), 6, 3, None, 2, 0.0),
    ((12, 9, 1), 9, (10, 4), "relu", 1, 0.0),
    ((1, 9, 65), 2, 1, "relu", 1, 0.0),
    ((1, 7, 16), 2, 1, "relu", 1, 0.0),
    ((6, 6, 12), 2, 1, "relu", 2, 0.0),
    ((5, 6, 28), 5, 1, "relu", 1, 160.0),
    ((3, 3, 32), 210, 1, "relu", 1, 0.0),
    ((1, 3, 29), 22, 1, "relu", 1, 0.0),
    ((1, 7, 20), 4, 1, None, 1, 0.0),
    ((2, 1, 13), 6, 1, "relu6", 1, 0.0),
    ((1, 5, 11), 2, 1, "relu", 1, 0.0),
    ((1, 5, 28), 5, 1, "relu", 1, 160.0),
]
# cases whose header leaves out the converter's packed groups (as the Layer
# API does, and as layers of more than 4,096 words get): packed at run time
PW4_WITHOUT_RECORDS = (0, 3, 6)


def pw4_model(k: int, rng: np.random.Generator):
    shape, n, kernel, act, stride, scaled = PW4_CASES[k]
    if kernel == 1:
        return conv1x1_model(shape, n, act, stride, scaled, rng)
    keras = kf._keras()
    inputs = keras.Input(shape)
    layer = keras.layers.Conv2D(n, kernel, strides=stride, padding="same", activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    return model


# Windows of K % 4 == 1 values (branch dense2: the col loops' _t1 forms,
# whose last step multiplies one value): 1x1 on 5, 9, 13, 17 and 21 inputs
# with 1 to 4 channels in the last group, 2-7 pixels and many, ReLU, ReLU6
# or none, one case with a bias beyond the doubled sums' room (the patch
# path), the few-channel convolution's windows of 9 and 25 taps (3x3 and
# 5x5 on one channel) and 27 (3x3 RGB: the plain loop), and K = 1 (1x1 on
# one channel: one step, the plain loop). (input shape, filters, kernel,
# activation, stride, scaled) as PW4_CASES.
PWT1_CASES = [
    ((7, 7, 9), 6, 1, "relu", 1, 0.0),
    ((7, 7, 9), 8, 1, None, 1, 0.0),
    ((3, 5, 9), 7, 1, "relu6", 1, 0.0),
    ((1, 6, 13), 5, 1, "relu", 1, 0.0),
    ((5, 4, 17), 3, 1, None, 1, 0.0),
    ((2, 2, 5), 9, 1, "relu", 1, 0.0),
    ((6, 3, 21), 14, 1, "relu", 1, 0.0),
    ((4, 5, 9), 2, 1, "relu", 1, 0.0),
    ((5, 5, 13), 6, 1, "relu", 1, 160.0),
    ((9, 8, 1), 6, 3, "relu", 1, 0.0),
    ((11, 7, 1), 5, 5, None, 2, 0.0),
    ((8, 9, 3), 6, 3, "relu", 1, 0.0),
    ((6, 5, 1), 5, 1, "relu", 1, 0.0),
]
# packed at run time (no records: 8 pixels or more), as PW4_WITHOUT_RECORDS
PWT1_WITHOUT_RECORDS = (1, 6)


def pwt1_model(k: int, rng: np.random.Generator):
    shape, n, kernel, act, stride, scaled = PWT1_CASES[k]
    if kernel == 1:
        return conv1x1_model(shape, n, act, stride, scaled, rng)
    keras = kf._keras()
    inputs = keras.Input(shape)
    layer = keras.layers.Conv2D(n, kernel, strides=stride, padding="same", activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    return model


# The converter's records with the last 5-7 channels as one block, run in
# the groups' pass (branch pw6, nnom_local_pwblk_dsp.c, col_rec_run): 1x1
# of 5, 6, 7 outputs (the block alone), 9-11 and 13-15 (one to three full
# groups before it), inputs of 9, 13, 17, 21 and 5 (the t1 loops: the last
# pixel read in place), 10, 11, 22, 23 (the last pixel copied), 4, 8, 12,
# 32 (whole words; 32: eight steps), 2 pixels and more, ReLU, ReLU6 (the
# clamp of both words) and none (another output zero point); refused: a
# bias beyond the doubled sums' room (no records: the patch path), 33
# inputs, stride 2, and one case without records (packed at run time).
# (input shape, filters, activation, stride, scaled) as PW2_CASES.
PW6_CASES = [
    ((3, 5, 9), 6, "relu", 1, 0.0),
    ((7, 7, 9), 6, None, 1, 0.0),
    ((4, 4, 9), 5, "relu6", 1, 0.0),
    ((4, 4, 9), 7, "relu", 1, 0.0),
    ((4, 4, 10), 6, "relu6", 1, 0.0),
    ((2, 1, 11), 7, None, 1, 0.0),
    ((1, 2, 12), 5, "relu6", 1, 0.0),
    ((4, 4, 11), 9, "relu", 1, 0.0),
    ((3, 3, 17), 10, None, 1, 0.0),
    ((5, 3, 23), 11, "relu6", 1, 0.0),
    ((2, 3, 21), 13, "relu", 1, 0.0),
    ((6, 6, 22), 14, None, 1, 0.0),
    ((1, 9, 32), 15, "relu", 1, 0.0),
    ((3, 3, 5), 6, "relu", 1, 0.0),
    ((1, 5, 4), 7, "relu6", 1, 0.0),
    ((2, 5, 13), 10, None, 1, 0.0),
    ((5, 5, 13), 6, "relu", 1, 160.0),
    ((9, 1, 19), 10, "relu", 1, 0.0),
    ((1, 3, 33), 6, "relu", 1, 0.0),
    ((3, 4, 20), 6, "relu", 2, 0.0),
]
# packed at run time (no records: 8 pixels or more)
PW6_WITHOUT_RECORDS = (17,)


def pw6_model(k: int, rng: np.random.Generator):
    return conv1x1_model(*PW6_CASES[k], rng)


def _calibration(rng: np.random.Generator, shape, n: int) -> np.ndarray:
    scale = float(10 ** rng.uniform(-1, 1))
    return rng.normal(float(rng.uniform(-1, 1)) * scale, scale, (n, *shape)).astype(np.float32)


def _case(converted, x: np.ndarray):
    qx = converted.quantize(x)
    want = converted.run(qx)
    inputs = [[qx[r]] for r in range(len(qx))]
    expected = [[w[r] for w in want] for r in range(len(qx))]
    return inputs, expected


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """(name, ConvertedModel, inputs, expected) of every model on the boards."""
    out = []
    for k in range(N_RANDOM):
        rng = np.random.default_rng(70_000 + k)
        model = random_kernel_model(rng)
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = _calibration(rng, shape, 32)
        converted = nnom.convert(model, calib)
        x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
        out.append((f"random{k}", converted, *_case(converted, x)))
    # cases built without the converter's records (the kernel builds its own)
    without_records = {
        "dwcol": DWCOL_WITHOUT_RECORDS,
        "dwpair": DWPAIR_WITHOUT_RECORDS,
        "dwshort": DWSHORT_WITHOUT_RECORDS,
        "dwwin": DWWIN_WITHOUT_RECORDS,
        "dws2_": DWS2_WITHOUT_RECORDS,
        "dwtiny": DWTINY_WITHOUT_RECORDS,
        "dwoddc": DWODDC_WITHOUT_RECORDS,
        "dwodd5_": DWODD5_WITHOUT_RECORDS,
        "dwacross": DWACROSS_WITHOUT_RECORDS,
        "rectp_": RECTP_WITHOUT_RECORDS,
        "pw4_": PW4_WITHOUT_RECORDS,
        "dwrest_": DWREST_WITHOUT_RECORDS,
        "win2_": WIN2_WITHOUT_RECORDS,
        "win3_": WIN3_WITHOUT_RECORDS,
        "longk": LONGK_WITHOUT_RECORDS,
        "dw3l_": DW3L_WITHOUT_RECORDS,
        "rows2_": ROWS2_WITHOUT_RECORDS,
        "lines4_": LINES4_WITHOUT_RECORDS,
        "lines5_": LINES5_WITHOUT_RECORDS,
        "fixed2_": FIXED2_WITHOUT_RECORDS,
        "short1_": SHORT1_WITHOUT_RECORDS,
        "cols6_": COLS6_WITHOUT_RECORDS,
        "few7_": FEW7_WITHOUT_RECORDS,
        "few8_": FEW8_WITHOUT_RECORDS,
        "pwt1_": PWT1_WITHOUT_RECORDS,
        "rqfit2_": RQFIT2_WITHOUT_RECORDS,
        "pw6_": PW6_WITHOUT_RECORDS,
    }
    # hand-picked shapes of the kernels' special paths: (name, count, builder, seed)
    families = [
        ("shape", len(SHAPE_CASES), shape_case_model, 71_000),
        ("merge", len(MERGE_CASES), merge_model, 72_000),
        ("pool", len(POOL_CASES), pool_model, 73_000),
        ("dw", len(DW_CASES), dw_case_model, 74_000),
        ("dwrand", N_DW_RANDOM, dw_random_model, 76_000),
        ("dwcol", N_DWCOL_RANDOM, dwcol_random_model, 77_000),
        ("dw3_", len(DW3_CASES), dw3_model, 78_000),
        ("dwbig", len(DWBIG_CASES), dwbig_model, 79_000),
        ("dwpair", len(DWPAIR_CASES), dwpair_model, 81_000),
        ("dwshort", len(DWSHORT_CASES), dwshort_model, 80_000),
        ("dwwin", len(DWWIN_CASES), dwwin_model, 82_000),
        ("dwodd", len(DWODD_CASES), dwodd_model, 83_000),
        ("dws2_", len(DWS2_CASES), dws2_model, 84_000),
        ("dwodd2_", len(DWODD2_CASES), dwodd2_model, 85_000),
        ("dwtiny", len(DWTINY_CASES), dwtiny_model, 86_000),
        ("dwodd3_", len(DWODD3_CASES), dwodd3_model, 88_000),
        ("dws2b", len(DWS2B_CASES), dws2b_model, 89_000),
        ("dwoddc", len(DWODDC_CASES), dwoddc_model, 90_000),
        ("dwrect", len(DWRECT_CASES), dwrect_model, 91_000),
        ("s2odd", len(S2ODD_CASES), s2odd_model, 94_000),
        ("rectodd", len(RECTODD_CASES), rectodd_model, 93_000),
        ("fewpx", len(FEWPX_CASES), fewpx_model, 96_000),
        ("dwacross", len(DWACROSS_CASES), dwacross_model, 98_000),
        ("dwtiny2_", len(DWTINY2_CASES), dwtiny2_model, 87_000),
        ("tinyl_", len(TINYL_CASES), tinyl_model, 100_000),
        ("dwfew", len(DWFEW_CASES), dwfew_model, 95_000),
        ("dwodd5_", len(DWODD5_CASES), dwodd5_model, 97_000),
        ("s2odd3_", len(S2ODD3_CASES), s2odd3_model, 101_000),
        ("dense", len(DENSE_CASES), dense_model, 75_000),
        ("neardead", len(NEAR_DEAD_CASES), near_dead_model, 78_000),
        ("pw", len(POINTWISE_CASES), pointwise_model, 92_000),
        ("pw2_", len(PW2_CASES), pw2_model, 99_000),
        ("pairs3_", len(PAIRS3_CASES), pairs3_model, 102_000),
        ("pairs4_", len(PAIRS4_CASES), pairs4_model, 108_000),
        ("rectp_", len(RECTP_CASES), rectp_model, 107_000),
        ("pw1px", len(PW1PX_CASES), pw1px_model, 103_000),
        ("pw1c", len(PW1C_CASES), pw1c_model, 103_500),
        ("pw4_", len(PW4_CASES), pw4_model, 113_000),
        ("dwch", len(DWCH_CASES), dwch_model, 104_000),
        ("dwgrp_", len(DWGRP_CASES), dwgrp_model, 105_000),
        ("dwrest_", len(DWREST_CASES), dwrest_model, 106_000),
        ("win2_", len(WIN2_CASES), win2_model, 112_000),
        ("win3_", len(WIN3_CASES), win3_model, 115_000),
        ("chan4_", len(CHAN4_CASES), chan4_model, 111_000),
        ("chan5_", len(CHAN5_CASES), chan5_model, 116_000),
        ("longk", len(LONGK_CASES), longk_model, 110_000),
        ("dw3l_", len(DW3L_CASES), dw3l_model, 109_000),
        ("rqr", len(RQR_CASES), rqr_model, 114_000),
        ("rows2_", len(ROWS2_CASES), rows2_model, 118_000),
        ("lines4_", len(LINES4_CASES), lines4_model, 117_000),
        ("lines5_", len(LINES5_CASES), lines5_model, 121_000),
        ("fixed2_", len(FIXED2_CASES), fixed2_model, 119_000),
        ("short1_", len(SHORT1_CASES), short1_model, 124_000),
        ("cols6_", len(COLS6_CASES), cols6_model, 120_000),
        ("few7_", len(FEW7_CASES), few7_model, 126_000),
        ("few8_", len(FEW8_CASES), few8_model, 131_000),
        ("dense2_", len(DENSE2_CASES), dense2_model, 123_000),
        ("pwt1_", len(PWT1_CASES), pwt1_model, 123_500),
        ("rqfit2_", len(RQFIT2_CASES), rqfit2_model, 122_000),
        ("short2_", len(SHORT2_CASES), short2_model, 125_000),
        ("rect2d_", len(RECT2D_CASES), rect2d_model, 127_000),
        ("pw6_", len(PW6_CASES), pw6_model, 128_000),
    ]
    for prefix, count, build, seed in families:
        for k in range(count):
            rng = np.random.default_rng(seed + k)
            model = build(k, rng)
            shape = tuple(int(d) for d in model.inputs[0].shape[1:])
            calib = _calibration(rng, shape, 32)
            converted = nnom.convert(model, calib)
            if prefix == "dense2_":
                converted = dense2_right1(converted, k)
            x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
            case = _case(converted, x)
            if k in without_records.get(prefix, ()):
                converted = WithoutRecords(converted)
            out.append((f"{prefix}{k}", converted, *case))
    # int8 .tflite models (their layers' ranges TensorFlow's)
    tfl = tmp_path_factory.mktemp("tflite")
    for k in range(len(CHAN5_CLAMP_CASES)):
        converted, calib = chan5_clamp_model(k, np.random.default_rng(116_500 + k), tfl)
        x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
        out.append((f"chan5_clamp{k}", converted, *_case(converted, x)))
    # (the autoencoder's 264 KB of weights do not fit the Cortex-M3's flash;
    # the benchmark checks it on the M4)
    for name in ("guide", "dscnn", "mlp", "wakeword"):
        model = bench_models.MODELS[name]()
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = bench_models.calibration(name, shape, 64)
        converted = nnom.convert(model, calib)
        out.append((name, converted, *_case(converted, calib[:2])))
    return out


def test_planner_reaches_the_lower_bound(suite):
    """The arena equals the peak of the bytes alive at one layer (activations
    and scratch) for every model here, for both backends' scratch sizes."""
    for name, converted, _, _ in suite:
        for backend in memory.BACKENDS:
            p = memory.plan(converted.graph, backend)
            assert p.arena_bytes == p.lower_bound, (name, backend, p.arena_bytes, p.lower_bound)


def test_random_kernel_models_on_host(suite, tmp_path):
    """The same models through the C runtime on the host, under sanitizers."""
    for name, converted, inputs, expected in suite:
        qx = [np.stack([r[0] for r in inputs])]
        got, printed = cbuild.run_c(converted, qx, tmp_path / name)
        for k, out in enumerate(got):
            want = np.stack([e[k] for e in expected])
            assert np.array_equal(out, want), f"{name}: C differs from the reference on the host"
        assert f"Arena: {converted.arena_bytes} bytes" in printed


def _groups(suite, board: str, libraries) -> list[list[int]]:
    """Models packed into firmwares that fit the board's flash."""
    budget, groups, used = cmbuild.flash_budget(board, libraries), [[]], 0
    for k, (_, converted, inputs, expected) in enumerate(suite):
        # the model's constants and the inputs and outputs its check holds
        size = cmbuild.model_flash(converted) + sum(
            np.asarray(a).nbytes for run in (*inputs, *expected) for a in run
        )
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(k)
        used += size
    return groups


BACKENDS = ["local", "cmsis-nn"]
# (board, backend, optimisation): every board and backend at -O2, and -Os
# (whose kernels take partly different paths) with and without DSP.
CONFIGS = [(b, k, "-O2") for b in BOARDS for k in BACKENDS] + [
    ("m3", "local", "-Os"),
    ("m4", "local", "-Os"),
    ("m55", "cmsis-nn", "-Os"),
]


@needs_arm
@pytest.mark.parametrize("board,backend,opt", CONFIGS)
def test_models_on_board(board: str, backend: str, opt: str, suite, tmp_path, tmp_path_factory):
    if backend == "cmsis-nn" and cmbuild.cmsis_nn_dir() is None:
        pytest.skip(f"CMSIS-NN backend: set {cmbuild.CMSIS_ENV} to a CMSIS-NN copy (v7.0.0+)")
    cache = Path(os.environ.get("NNOM_CM_CACHE", tmp_path_factory.getbasetemp() / "cm-cache"))
    fw = cmbuild.Firmware(board=board, opt=opt, backend=backend, cache=cache)
    results: dict[int, dict] = {}
    libraries = [fw.runtime()] + ([fw.cmsis_library()] if backend == "cmsis-nn" else [])
    for g, group in enumerate(_groups(suite, board, libraries)):
        work = tmp_path / f"fw{g}"
        sources = []
        for k in group:
            name, converted, inputs, expected = suite[k]
            folder = work / f"m{k}"
            sources.append(
                (cmbuild.write_model_check(converted, inputs, expected, folder, k), [folder])
            )
        main = cmbuild.write_suite_main(group, work / "suite_main.c")
        elf = fw.link(work / "build", main, [], more=sources)
        code, output = cmbuild.run(elf, board)
        results.update(cmbuild.parse_models(output))
        assert f"nnom-suite models={len(group)}" in output, output[-3000:]
    for k, (name, converted, _, _) in enumerate(suite):
        r = results.get(k)
        assert r is not None, f"{name}: no result line on {board}"
        assert r["status"] == 0, f"{name} on {board}/{backend}: status {r['status']}"
        assert r["mismatches"] == 0, (
            f"{name} on {board}/{backend}: {r['mismatches']} output bytes differ from the "
            f"reference (first at byte {r['first']})\n{converted.summary()}"
        )
        # the arena the header promises (NNOM_ARENA_BYTES, or for CMSIS-NN the
        # per-core NNOM_ARENA_BYTES_CMSIS_NN) is the one the runtime plans
        if backend == "local" or board == "m3":
            want = converted.arena_bytes
        else:
            arch = "cmsis-nn-mve" if board == "m55" else "cmsis-nn-dsp"
            want = memory.plan(converted.graph, arch).arena_bytes
        assert r["arena"] == want, f"{name} on {board}/{backend}: arena {r['arena']} != {want}"
