"""Random models across the kernels, the shape, merge and pooling cases, and
chains of layers whose kernels keep their picks (keep1)."""

from __future__ import annotations

import numpy as np

import keras_factory as kf

from .common import scale_last_channels, stepped_dw_layer
from .registry import family, layer_family

N_RANDOM = 24
MAX_MACS = 300_000  # per random model


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


family("random", 70_000, N_RANDOM, lambda k, rng: random_kernel_model(rng))
family("shape", 71_000, len(SHAPE_CASES), shape_case_model)
family("merge", 72_000, len(MERGE_CASES), merge_model)
family("pool", 73_000, len(POOL_CASES), pool_model)


# Branch keep1: the table's pick made at build (nnom_kernel_plan) and the
# local depthwise kernel's step kept per layer after its first run
# (ctx->keep, nnom_local_dwconv_s8.c): chains of layers whose runs go
# straight to their own steps from the second input on (RUNS inputs per
# model), several depthwise layers of one model on different steps (early:
# records of two taps, one to seven channels on a line; late: the group
# paths, 2D windows; multiplier 2; more than 49 taps in blocks; the pixel
# loop where a channel's requantisation suits no group path), each keeping
# its own; 1x1, pooling and Dense picked at build. Layer fields: ("dw",
# kernel, stride, padding, activation, multiplier), ("pw", filters,
# activation), ("pool", size), ("dense", units). Input (h, w, c), layers,
# and the depthwise layer whose last channel is scaled under a large bias
# (its group paths refuse), or -1.
KEEP1_CASES = [
    (
        (15, 1, 2),
        [
            ("dw", (8, 1), 1, "valid", "relu", 1),
            ("dw", (3, 1), 1, "same", None, 1),
            ("dw", (2, 1), 1, "valid", "relu", 1),
        ],
        -1,
    ),
    (
        (12, 9, 8),
        [
            ("dw", (3, 3), 1, "same", "relu", 1),
            ("dw", (1, 3), 2, "same", "relu", 1),
            ("dw", (3, 3), 1, "same", "relu", 2),
            ("pw", 5, "relu"),
        ],
        -1,
    ),
    (
        (4, 4, 8),
        [("pw", 5, "relu"), ("dw", (3, 3), 1, "same", "relu6", 1), ("pool", 2), ("dense", 3)],
        -1,
    ),
    (
        (11, 5, 5),
        [
            ("dw", (3, 3), 1, "same", "relu", 1),
            ("dw", (3, 3), 2, "same", None, 1),
            ("dw", (2, 2), 1, "valid", "relu", 1),
        ],
        -1,
    ),
    (
        (2, 1, 118),
        [
            ("dw", (2, 1), 1, "valid", "relu", 1),
            ("pw", 8, None),
            ("dw", (1, 1), 1, "valid", "relu", 3),
        ],
        -1,
    ),
    (
        (9, 9, 12),
        [
            ("dw", (3, 3), 1, "same", "relu", 1),
            ("dw", (5, 1), 2, "same", "relu", 1),
            ("dw", (3, 3), 1, "valid", "relu6", 1),
        ],
        0,
    ),
    (
        (1, 25, 5),
        [
            ("dw", (1, 3), 1, "valid", "relu", 1),
            ("dw", (1, 3), 1, "same", None, 1),
            ("dw", (1, 2), 2, "same", "relu", 1),
        ],
        -1,
    ),
    (
        (10, 10, 8),
        [
            ("dw", (8, 8), 1, "valid", "relu", 1),
            ("dw", (2, 2), 1, "same", "relu", 1),
            ("pw", 6, "relu6"),
        ],
        -1,
    ),
    (
        (17, 4, 113),
        [("dw", (3, 3), 2, "valid", "relu", 1), ("dw", (2, 1), 1, "valid", None, 1)],
        -1,
    ),
    (
        (16, 1, 6),
        [
            ("dw", (6, 1), 1, "same", "relu", 1),
            ("dw", (4, 1), 2, "same", "relu", 1),
            ("dw", (3, 1), 1, "same", "relu", 1),
        ],
        1,
    ),
]
# cases built without the records (the kernel builds its own)
KEEP1_WITHOUT_RECORDS = (6,)


def keep1_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, layers, scaled = KEEP1_CASES[k]
    inputs = keras.Input(shape)
    x, dws = inputs, []
    for spec in layers:
        kind = spec[0]
        if kind == "dw":
            _, kernel, stride, padding, act, mult = spec
            layer = stepped_dw_layer(kernel, stride, padding, act, mult=mult)
            dws.append(layer)
        elif kind == "pw":
            layer = keras.layers.Conv2D(spec[1], 1, padding="same", activation=spec[2])
        elif kind == "pool":
            layer = keras.layers.MaxPooling2D(spec[1])
        else:
            x = keras.layers.Flatten()(x)
            layer = keras.layers.Dense(spec[1])
        x = layer(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    if scaled >= 0:  # one channel's shift beyond the fast requantisation
        scale_last_channels(dws[scaled], 1)
    return model


family("keep1_", 133_000, len(KEEP1_CASES), keep1_model, without_records=KEEP1_WITHOUT_RECORDS)


# Branch fixed3: what a run no longer rebuilds. Conv2D and DepthwiseConv2D
# configs carry the converter's args block, which runs copy (build()
# refuses one that differs), pooling runs take build's output size and its
# padding, every layer's run goes straight to its kept kernel
# (nnom_kernel_run_kept), merges gather their inputs without calls. Odd
# sizes, 'same' (pads before != after) and 'valid', strides 1-3,
# dilation, multipliers, pooling same/valid, Add/Subtract/Multiply of two
# and three inputs, Dense and global pooling after them.
# Layer fields: ("conv", filters, kernel, stride, padding, dilation, act),
# ("dw", kernel, stride, padding, dilation, multiplier, act), ("max"/"avg",
# size, stride, padding), ("add"/"subtract"/"multiply", inputs), ("gavg"),
# ("dense", units).
FIXED3_CASES = [
    ((7, 9, 3), [("conv", 5, (3, 3), 2, "same", 1, "relu"), ("dw", (3, 3), 1, "same", 1, 1, None)]),
    ((10, 6, 4), [("conv", 4, (2, 4), 3, "same", 1, None), ("max", 3, 2, "same")]),
    ((9, 9, 6), [("dw", (3, 3), 1, "same", 2, 1, "relu"), ("avg", 2, 2, "same")]),
    (
        (1, 23, 5),
        [("dw", (1, 4), 2, "same", 1, 2, "relu6"), ("conv", 3, (1, 5), 1, "same", 2, None)],
    ),
    ((13, 1, 7), [("dw", (6, 1), 1, "same", 1, 1, None), ("max", (3, 1), (3, 1), "valid")]),
    ((8, 8, 8), [("add", 3), ("avg", 3, 2, "valid"), ("dw", (2, 2), 2, "same", 1, 1, "relu")]),
    ((5, 7, 3), [("subtract", 2), ("conv", 6, (3, 2), 1, "same", 1, "relu"), ("gavg",)]),
    ((6, 5, 4), [("multiply", 3), ("max", 2, 1, "same"), ("dense", 5)]),
    (
        (11, 4, 9),
        [("dw", (5, 3), 2, "same", 1, 1, "relu"), ("conv", 8, (1, 1), 1, "same", 1, None)],
    ),
]


def fixed3_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    layers = keras.layers
    shape, specs = FIXED3_CASES[k]
    x = inputs = keras.Input(shape)
    for spec in specs:
        kind = spec[0]
        if kind == "conv":
            _, f, kernel, stride, padding, dil, act = spec
            x = layers.Conv2D(f, kernel, stride, padding, dilation_rate=dil, activation=act)(x)
        elif kind == "dw":
            _, kernel, stride, padding, dil, mult, act = spec
            x = layers.DepthwiseConv2D(
                kernel, stride, padding, depth_multiplier=mult, dilation_rate=dil, activation=act
            )(x)
        elif kind in ("max", "avg"):
            pool = layers.MaxPooling2D if kind == "max" else layers.AveragePooling2D
            x = pool(spec[1], strides=spec[2], padding=spec[3])(x)
        elif kind in ("add", "subtract", "multiply"):
            c = int(x.shape[-1])
            branches = [x] + [layers.Conv2D(c, 1)(x) for _ in range(spec[1] - 1)]
            if kind == "subtract":
                x = layers.Subtract()(branches)
            else:
                x = (layers.Add if kind == "add" else layers.Multiply)()(branches)
        elif kind == "gavg":
            x = layers.GlobalAveragePooling2D()(x)
        else:
            x = layers.Dense(spec[1])(layers.Flatten()(x))
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


family("fixed3_", 134_000, len(FIXED3_CASES), fixed3_model)


# fixed4: a run after the first goes from the depthwise dispatcher's kept
# step straight to its path (dw_kept, -O2 with the assembly), without the
# asks before it; every case runs three inputs, so runs 2 and 3 take it.
# One case or more per step before DW_GENERIC (dw2 on a line and on 2D
# windows, the pairs, the three-tap stride-2 and line records, a padded
# line, one window, the one-row loop from the early steps, the tiny loops,
# vertical pairs, 5x5 s2 windows, plane by plane, the flat and few-output
# paths, dwrect and the window loop on odd channels) and the late steps
# the kept byte leaves to the walk (the group paths); the same
# shapes without activation, with ReLU6, without records (where the walk
# takes another step), with a last group beyond the records' fast
# requantisation ("scaled") and with biases near 2^30 ("huge").
FIXED4_CASES = [
    ((49, 1, 2), (3, 1), 1, "same", "relu", None),
    ((30, 46, 2), (2, 7), 2, "same", "relu", None),
    ((2, 1, 118), (2, 1), 1, "valid", "relu", None),
    ((1, 5, 93), (1, 2), 2, "same", "relu6", None),
    ((1, 11, 43), (1, 3), 2, "same", "relu", None),
    ((3, 1, 23), (3, 1), 1, "same", "relu", None),
    ((1, 25, 5), (1, 3), 1, "valid", "relu", None),
    ((4, 1, 113), (4, 1), 2, "same", "relu", None),
    ((3, 3, 16), (3, 3), 1, "valid", "relu", None),
    ((1, 9, 14), (1, 8), 1, "valid", "relu", None),
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((12, 12, 3), (3, 3), 2, "same", "relu", None),
    ((20, 12, 6), (5, 5), 2, "same", "relu", None),
    ((10, 10, 5), (3, 3), 1, "same", "relu", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((17, 17, 13), (3, 3), 2, "same", "relu", None),
    ((15, 9, 121), (2, 2), 2, "same", "relu", None),
    ((8, 8, 16), (3, 3), 1, "same", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", None, None),
    ((1, 9, 14), (1, 8), 1, "valid", "relu6", None),
    ((1, 9, 16), (1, 8), 1, "valid", "relu", "scaled"),
    ((2, 1, 118), (2, 1), 1, "valid", "relu", "huge"),
    ((1, 11, 43), (1, 3), 2, "same", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu", "huge"),
]
FIXED4_WITHOUT_RECORDS = (24,)
layer_family("fixed4_", 147_000, FIXED4_CASES, without_records=FIXED4_WITHOUT_RECORDS)


# Branch fixed5: what the model loop does after a layer is decided at
# compile (l->visit: NNOM_TAIL_NONE, _CLAMP, _LUT) and -O2 runs without a
# callback take a loop without its test. One case per tail: none (no
# activation; ReLU/ReLU6 on a type that clamps: Conv2D, the records type of
# 2x2 8->1, DepthwiseConv2D, Dense, pooling, Add), the clamp (ReLU after a
# type that does not: Concatenate, UpSampling2D, ZeroPadding2D), the
# table (sigmoid, tanh tails); chains mixing the three.
# Layer fields: ("conv", filters, kernel, act), ("dw", kernel, act),
# ("dense", units, act), ("max", size), ("concat", act), ("up", act),
# ("pad", act), ("add", act), ("act", name).
FIXED5_CASES = [
    ((2, 2, 8), [("conv", 1, 1, "relu")]),
    ((2, 2, 8), [("conv", 1, 1, None), ("act", "sigmoid")]),
    ((4, 5, 6), [("conv", 7, 3, "relu6"), ("concat", "relu"), ("conv", 3, 1, "tanh")]),
    ((3, 4, 5), [("up", "relu"), ("dw", 3, "relu"), ("pad", "relu"), ("max", 2)]),
    ((6, 6, 4), [("dw", 3, "sigmoid"), ("add", "relu"), ("dense", 5, "tanh")]),
    ((5, 3, 9), [("conv", 4, 1, None), ("dense", 3, "relu"), ("dense", 2, None)]),
]


def fixed5_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    layers = keras.layers
    shape, specs = FIXED5_CASES[k]
    x = inputs = keras.Input(shape)
    for spec in specs:
        kind, act = spec[0], spec[-1]
        if kind == "conv":
            x = layers.Conv2D(spec[1], spec[2], padding="same", activation=act)(x)
        elif kind == "dw":
            x = layers.DepthwiseConv2D(spec[1], padding="same", activation=act)(x)
        elif kind == "dense":
            if len(x.shape) > 2:
                x = layers.Flatten()(x)
            x = layers.Dense(spec[1], activation=act)(x)
        elif kind == "max":
            x = layers.MaxPooling2D(spec[1])(x)
        elif kind == "act":
            x = layers.Activation(act)(x)
        else:
            if kind == "concat":
                x = layers.Concatenate()([x, layers.Conv2D(2, 1)(x)])
            elif kind == "up":
                x = layers.UpSampling2D(2)(x)
            elif kind == "pad":
                x = layers.ZeroPadding2D(1)(x)
            else:
                x = layers.Add()([x, layers.Conv2D(int(x.shape[-1]), 1)(x)])
            x = layers.Activation(act)(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


family("fixed5_", 182_000, len(FIXED5_CASES), fixed5_model)

# frame6: DepthwiseConv2D layers whose kept step runs without asking take a
# layer type of their own (nnom_dwconv2d.c's direct types: the config's
# arguments block, then the kernel; no context, table or step switch). One
# case per direct kernel: tag 29 (DW_TINY_TAG, the task's two lines), the
# tiny records' three-tap lines (DW_TINY3), tag 35 (DW_LINE_TAG), tag 9
# (DW_COL_ALONE), tag 27 (DW_RECT_PLANE), tag 25 'same' of 2 to 4 outputs
# (DW_THREE_SS) and the others (DW_THREE_SV); trained-like scales (rq_fit's
# words, shifts past the records, |bias| near 2^30); beside them the layers
# that keep the generic type: no records, multiplier 2, a step found at the
# first run (DW_WIN's 3x3), a two-tap plan (DW_PAIR).
FRAME6_CASES = [
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),  # tag 29 (task)
    ((1, 21, 5), (1, 5), 2, "same", "relu", None),  # tag 29 (task)
    ((2, 1, 12), (3, 1), 1, "same", "relu", None),  # tag 25 same (task)
    ((12, 2, 3), (3, 1), 1, "valid", "relu", "small"),  # DW_TINY3
    ((30, 1, 4), (5, 1), 2, "same", "relu", None),  # tag 35
    ((1, 9, 10), (1, 8), 1, "valid", "relu", None),  # tag 9
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),  # tag 27
    ((5, 1, 16), (3, 1), 1, "same", "relu6", None),  # tag 25 same, ReLU6
    ((6, 1, 16), (3, 1), 1, "valid", "relu", "small"),  # tag 25 valid, rq_fit
    ((13, 1, 2), (8, 1), 1, "valid", "relu", "huge"),  # tag 29, |bias| near 2^30
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),  # without records: generic
    ((6, 6, 8), (3, 3), 1, "same", "relu", None),  # first-run step: generic
    ((2, 1, 118), (2, 1), 1, "valid", "relu", None),  # two-tap plan: generic
]
FRAME6_WITHOUT_RECORDS = (10,)
layer_family("frame6_", 212_000, FRAME6_CASES, without_records=FRAME6_WITHOUT_RECORDS)


# frame6m: several layers in one model, the direct types beside generic
# ones and the 1x1 records types (every input runs the model: the first
# run and later ones), a multiplier-2 layer (never direct).
FRAME6M_CASES = [
    ((13, 1, 2), [("dw", (8, 1), 1, "valid"), ("pw", 1), ("dw", (3, 1), 1, "same")]),
    ((2, 1, 12), [("dw", (3, 1), 1, "same"), ("pw", 8), ("dw", (3, 1), 1, "same"), ("pw", 1)]),
    ((1, 21, 5), [("dw", (1, 5), 2, "same"), ("dwm", (1, 3), 1, "same"), ("pw", 3)]),
    ((9, 9, 4), [("dw", (2, 2), 2, "valid"), ("dw", (3, 3), 1, "same"), ("dw", (3, 1), 1, "same")]),
]


def chain_model(shape, specs, rng: np.random.Generator):
    """A chain of ("dw" | "dwm", kernel, stride, padding) and ("pw", cout)
    layers with ReLU ("dwm": depth multiplier 2), random weights."""
    keras = kf._keras()
    layers = keras.layers
    x = inputs = keras.Input(shape)
    for spec in specs:
        if spec[0] == "pw":
            x = layers.Conv2D(spec[1], 1, activation="relu")(x)
        else:
            mult = 2 if spec[0] == "dwm" else 1
            x = layers.DepthwiseConv2D(
                spec[1], strides=spec[2], padding=spec[3], depth_multiplier=mult, activation="relu"
            )(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return model


def frame6m_model(k: int, rng: np.random.Generator):
    return chain_model(*FRAME6M_CASES[k], rng)


family("frame6m_", 212_050, len(FRAME6M_CASES), frame6m_model)


# nocopy: the direct types of tag 29, tag 35 and tag 9 (DW_COL_ALONE) run
# on the config's block and the layer's buffers (no copy of the arguments):
# tag 29's courses (one channel, two, three, five, six, seven), tag 35 on
# 8 and 12 channels along either axis, tag 9 one and two channels past a
# group; trained-like scales ("small", "scaled", "huge"); beside them the
# layers just outside those paths (three channels past a group, four
# channels), ReLU6 and one without records (the generic type).
NOCOPY_CASES = [
    ((1, 9, 1), (1, 5), 1, "same", "relu", "huge"),  # tag 29, one channel
    ((11, 1, 3), (5, 1), 2, "same", "relu", "small"),  # tag 29, three
    ((1, 12, 5), (1, 4), 1, "valid", "relu", None),  # tag 29, five
    ((9, 1, 6), (6, 1), 1, "same", "relu", "small"),  # tag 29, six
    ((1, 10, 7), (1, 5), 2, "same", "relu", None),  # tag 29, seven
    ((14, 1, 2), (7, 1), 2, "same", "relu", "small"),  # tag 29, two
    ((30, 1, 8), (5, 1), 1, "same", "relu", None),  # tag 35, 8 channels
    ((1, 20, 12), (1, 7), 2, "same", "relu", "small"),  # tag 35, along w
    ((1, 9, 9), (1, 6), 1, "valid", "relu", None),  # tag 9, one past
    ((12, 1, 10), (5, 1), 2, "valid", "relu", "scaled"),  # tag 9, two past, down
    ((1, 9, 11), (1, 6), 1, "valid", "relu", None),  # three past: not tag 9
    ((13, 1, 4), (8, 1), 1, "valid", "relu", None),  # four channels: not tag 29
    ((30, 1, 8), (5, 1), 1, "same", "relu6", None),  # ReLU6 (folded: tag 35)
    ((30, 1, 8), (5, 1), 1, "same", "relu", None),  # without records: generic
]
NOCOPY_WITHOUT_RECORDS = (13,)
layer_family("nocopy_", 217_000, NOCOPY_CASES, without_records=NOCOPY_WITHOUT_RECORDS)


# nocopy_m: direct types one after another in a model (each reads its own
# layer's buffers, not the block's), 1x1 layers and a generic one between
NOCOPYM_CASES = [
    (
        (30, 1, 8),
        [
            ("dw", (5, 1), 1, "same"),
            ("dw", (6, 1), 1, "valid"),
            ("pw", 2),
            ("dw", (8, 1), 1, "valid"),
        ],
    ),
    (
        (1, 21, 5),
        [
            ("dw", (1, 5), 2, "same"),
            ("pw", 12),
            ("dw", (1, 7), 2, "same"),
            ("pw", 10),
            ("dw", (1, 6), 1, "valid"),
        ],
    ),
    (
        (11, 1, 3),
        [
            ("dw", (5, 1), 2, "same"),
            ("dw", (3, 1), 1, "same"),
            ("pw", 9),
            ("dw", (4, 1), 1, "valid"),
        ],
    ),
]


def nocopym_model(k: int, rng: np.random.Generator):
    return chain_model(*NOCOPYM_CASES[k], rng)


family("nocopy_m", 217_050, len(NOCOPYM_CASES), nocopym_model)
