"""Depthwise: the first hand-picked cases, seeded random layers, (k, 1)
lines of three taps and large layers."""

from __future__ import annotations

import numpy as np

import keras_factory as kf

from .common import scale_last_channels
from .registry import family

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
        scale_last_channels(model.layers[-1], 4)
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
        scale_last_channels(model.layers[-1], 4)
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


family("dw", 74_000, len(DW_CASES), dw_case_model)
family("dwrand", 76_000, N_DW_RANDOM, dw_random_model)
family("dwcol", 77_000, N_DWCOL_RANDOM, dwcol_random_model, without_records=DWCOL_WITHOUT_RECORDS)
family("dw3_", 78_000, len(DW3_CASES), dw3_model)
family("dwbig", 79_000, len(DWBIG_CASES), dwbig_model)
