"""Dense layers and 1x1 convolutions."""

from __future__ import annotations

import numpy as np

import keras_factory as kf

from .registry import family

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
# of 4 over several chunks, 128 inputs (the most until pw7), stride 2 on one pixel;
# ReLU6 (whose clamp is int8's here), weights scaled down under a large
# bias (a shift of about -18); and the layers it refuses (the paths before
# it): 3 inputs, no activation (output zero point not -128); 129 inputs,
# refused until pw7 raised the most to 160 (PW7_CASES), now taken.
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


family("dense", 75_000, len(DENSE_CASES), dense_model)
family("neardead", 78_000, len(NEAR_DEAD_CASES), near_dead_model)
family("pw", 92_000, len(POINTWISE_CASES), pointwise_model)
family("pw2_", 99_000, len(PW2_CASES), pw2_model)
family("pw1px", 103_000, len(PW1PX_CASES), pw1px_model)
family("pw1c", 103_500, len(PW1C_CASES), pw1c_model)
family("pw4_", 113_000, len(PW4_CASES), pw4_model, without_records=PW4_WITHOUT_RECORDS)
family("dense2_", 123_000, len(DENSE2_CASES), dense2_model, after=dense2_right1)
family("pwt1_", 123_500, len(PWT1_CASES), pwt1_model, without_records=PWT1_WITHOUT_RECORDS)
family("pw6_", 128_000, len(PW6_CASES), pw6_model, without_records=PW6_WITHOUT_RECORDS)


# One-pixel 1x1 layers of 129 to 160 inputs (branch pw7: the pw1px loop's
# widened input on the stack now holds 160): 160 inputs (the most: 20
# chunks), 1-3 inputs past a multiple of four and past a chunk of eight
# (the zero words), one to seven outputs (the pass entered at n mod 16);
# the layers it must refuse: 161 inputs (the Dense loop), no activation
# (output zero point not -128), ReLU6 on a narrow range (a clamp inside
# int8), every bias near 2^30 ("huge"), the last channel beyond the fast
# requantisation ("scaled"). (inputs, filters, activation, kind).
PW7_CASES = [
    (160, 2, "relu", None),
    (157, 3, "relu", None),
    (150, 5, "relu", None),
    (131, 7, "relu", None),
    (129, 1, "relu", None),
    (148, 4, "relu", None),
    (153, 6, "relu6", None),
    (160, 9, "relu", None),
    (161, 2, "relu", None),
    (160, 3, None, None),
    (144, 5, "relu", "huge"),
    (140, 4, "relu", "scaled"),
]


def conv1x1_kind_model(shape, n: int, act, kind, rng: np.random.Generator):
    """conv1x1_model at stride 1; kind "huge": every bias near 2^30,
    "scaled": the last channel beyond the fast requantisation, None."""
    model = conv1x1_model(shape, n, act, 1, 20.0 if kind == "huge" else 0.0, rng)
    if kind == "scaled":
        kernel, bias = model.layers[-1].get_weights()
        kernel[..., -1] *= 1e-4
        bias[-1] = 20.0
        model.layers[-1].set_weights([kernel, bias])
    return model


def pw7_model(k: int, rng: np.random.Generator):
    cin, n, act, kind = PW7_CASES[k]
    return conv1x1_kind_model((1, 1, cin), n, act, kind, rng)


family("pw7_", 148_000, len(PW7_CASES), pw7_model)


# 1x1 layers of 2 to 16 pixels, 4 to 16 inputs and 1 to 16 outputs (branch
# pw8: nnom_local_pw1pxn_dsp.c, a pass of the one-pixel loop per pixel):
# 4 inputs (both words the same one), 5, 7, 8, 9 (words at 0, 4, 1, 5), 10,
# 12, 13, 16 (no overlap); 2 pixels (the fewest) and 16 (the most), 16
# outputs (the pass entered at 0), 1 output, 15; ReLU6 (a clamp that is
# int8's), every bias near 2^30 ("huge"); the layers it must refuse: no
# activation (output zero point not -128), the last channel beyond the
# fast requantisation ("scaled"), 17 pixels (taken since pw9's 64), 17
# inputs, 17 outputs.
# (input (h, w, c), filters, activation, kind).
PW8_CASES = [
    ((3, 3, 8), 3, "relu", None),
    ((4, 4, 4), 16, "relu", None),
    ((2, 1, 5), 7, "relu", None),
    ((1, 7, 7), 1, "relu", None),
    ((6, 1, 10), 4, "relu", None),
    ((4, 4, 9), 2, "relu", None),
    ((5, 1, 16), 3, "relu", None),
    ((3, 2, 13), 15, "relu", None),
    ((2, 3, 11), 6, "relu6", None),
    ((2, 2, 12), 5, "relu", "huge"),
    ((3, 3, 8), 3, None, None),
    ((2, 3, 12), 4, "relu", "scaled"),
    ((1, 17, 8), 3, "relu", None),
    ((2, 2, 17), 3, "relu", None),
    ((2, 2, 8), 17, "relu", None),
]


def pw8_model(k: int, rng: np.random.Generator):
    return conv1x1_kind_model(*PW8_CASES[k], rng)


family("pw8_", 152_000, len(PW8_CASES), pw8_model)


# 1x1 layers of 2 to 16 pixels, 17 to 256 inputs and 1 to 3 outputs (branch
# pw10: nnom_local_pwfo_dsp.c, a loop over the outputs two pixels a pass):
# 70, 50, 120, 60 inputs (the layers issue 13 found over; 120: no word
# read twice), 17 (the fewest: the first word's step 1), 33 on 16 pixels
# (the words after the first a whole loop of eight), 256 (the most), 99
# and 18; odd pixel counts (the last pixel's loop) and even; ReLU6, every
# bias near 2^30 ("huge"); the layers it must refuse: 257 inputs, 4
# outputs, 17 pixels, no activation (output zero point not -128), the
# last channel beyond the fast requantisation ("scaled").
# (input (h, w, c), filters, activation, kind).
PW10_CASES = [
    ((1, 3, 70), 1, "relu", None),
    ((2, 2, 50), 2, "relu", None),
    ((3, 1, 120), 1, "relu", None),
    ((1, 5, 60), 1, "relu6", None),
    ((2, 1, 17), 3, "relu", None),
    ((4, 4, 33), 3, "relu", None),
    ((3, 3, 256), 2, "relu", None),
    ((1, 2, 41), 1, "relu", "huge"),
    ((1, 7, 99), 2, "relu", None),
    ((2, 4, 18), 1, "relu", None),
    ((2, 2, 257), 1, "relu", None),
    ((2, 2, 40), 4, "relu", None),
    ((1, 17, 20), 1, "relu", None),
    ((3, 1, 70), 2, None, None),
    ((2, 3, 30), 2, "relu", "scaled"),
]


def pw10_model(k: int, rng: np.random.Generator):
    return conv1x1_kind_model(*PW10_CASES[k], rng)


family("pw10_", 155_000, len(PW10_CASES), pw10_model)
# pw9: the few-pixel loop's three-word pass (9 to 12 inputs), its loop over
# the pixels for one output of 8 to 16 inputs (record in registers, a copy
# for each input count) and 17 to 64 pixels. Taken: 9 inputs on two
# outputs (the third word's even pair all zero), 10 on three, 11 on 15
# outputs and 12 on 16 (the pass entered at 15 and 0), 13 on two and 16 on
# five (four words at 0, 4, 8, c - 4); one output of 8 (the fewest pixels),
# 9, 11, 12 (ReLU6), 13, 14 ("huge"), 15 and 16 inputs (64 pixels, the
# most), 7 inputs on one output (the pass, not the pixel loop); 36 pixels
# on three outputs. Refused: 65 pixels, no activation, "scaled".
PW9_CASES = [
    ((4, 4, 9), 2, "relu", None),
    ((1, 9, 10), 3, "relu", None),
    ((2, 5, 11), 15, "relu", None),
    ((5, 5, 12), 16, "relu", None),
    ((3, 7, 13), 2, "relu", None),
    ((1, 27, 16), 5, "relu", None),
    ((2, 2, 8), 1, "relu", None),
    ((2, 4, 9), 1, "relu", None),
    ((3, 3, 11), 1, "relu", None),
    ((2, 3, 12), 1, "relu6", None),
    ((4, 4, 13), 1, "relu", None),
    ((4, 2, 14), 1, "relu", "huge"),
    ((3, 5, 15), 1, "relu", None),
    ((8, 8, 16), 1, "relu", None),
    ((2, 2, 7), 1, "relu", None),
    ((6, 6, 10), 3, "relu", None),
    ((5, 13, 12), 1, "relu", None),
    ((4, 4, 13), 1, None, None),
    ((3, 3, 12), 1, "relu", "scaled"),
]


def pw9_model(k: int, rng: np.random.Generator):
    return conv1x1_kind_model(*PW9_CASES[k], rng)


family("pw9_", 154_000, len(PW9_CASES), pw9_model)


# pw11: the records runs (a Conv2D whose kept pick is a 1x1 records loop
# runs it from the layer: records, output, input; the few-pixel records'
# header holds the pixels). Taken: the five small layers issue 13 found
# over (3x3 11->1 with every bias near 2^30, "huge"; 2x2 16->1, 4x4 8->1:
# the one-output pixel loop; 2x3 33->1, 4x4 17->3: the few-output loop),
# 64 pixels (the few-pixel loop's most), 2 pixels (the fewest) "huge", 16
# pixels of 100 inputs (ReLU6); chains where a records run sits next to
# layers without one (the windows kernel before it, a 3x3 after it), and
# two one-pixel records runs (20 inputs, then 8) in a row. Refused (the
# plain run): 65 pixels, 17 pixels on the few-output loop, no activation,
# "scaled", and 3x3 11->1 without records (the Layer API's header:
# without_records).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW11_CASES = [
    ((3, 3, 11), [(1, 1, "relu", "huge")]),
    ((2, 2, 16), [(1, 1, "relu", None)]),
    ((4, 4, 8), [(1, 1, "relu", None)]),
    ((2, 3, 33), [(1, 1, "relu", None)]),
    ((4, 4, 17), [(3, 1, "relu", None)]),
    ((8, 8, 9), [(2, 1, "relu", None)]),
    ((1, 2, 18), [(1, 1, "relu", "huge")]),
    ((4, 4, 100), [(3, 1, "relu6", None)]),
    ((3, 3, 24), [(16, 1, "relu", None), (2, 1, "relu", None)]),
    ((1, 1, 20), [(8, 1, "relu", None), (5, 1, "relu", None)]),
    ((4, 4, 17), [(3, 1, "relu", None), (4, 3, "relu", None)]),
    ((5, 13, 12), [(1, 1, "relu", None)]),
    ((1, 17, 20), [(1, 1, "relu", None)]),
    ((3, 3, 11), [(1, 1, None, None)]),
    ((2, 2, 16), [(1, 1, "relu", "scaled")]),
    ((3, 3, 11), [(1, 1, "relu", None)]),
]


def conv_chain_model(shape, layers, rng: np.random.Generator):
    """A chain of Conv2D layers ('same'), random weights; the last one's
    kind as conv1x1_kind_model's."""
    keras = kf._keras()
    x = inputs = keras.Input(shape)
    for n, size, act, _ in layers:
        x = keras.layers.Conv2D(n, size, padding="same", activation=act)(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    kind = layers[-1][3]
    last = model.layers[-1]
    kernel, bias = last.get_weights()
    if kind == "huge":
        last.set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    elif kind == "scaled":
        kernel[..., -1] *= 1e-4
        bias[-1] = 20.0
        last.set_weights([kernel, bias])
    return model


def pw11_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW11_CASES[k], rng)


family("pw11_", 164_000, len(PW11_CASES), pw11_model, without_records=(15,))


# pw12: pwfo's job in assembly from the header; its short passes (17 to 36
# inputs: at most 8 words after the first, at immediate offsets); two
# outputs of 17 to 36 inputs on 8 to 16 pixels there (the windows kernel's
# before); pw1pxn's one output of 8 inputs two pixels a turn. Taken: 3x3
# 17->3 (the first word's step 1, an odd pixel), 2x2 24->1, 2x2 17->1
# ("huge"), 1x2 36->1 (8 words after the first: the block from its start),
# 3x5 21->3 (ReLU6), 2x4 17->2, 4x4 18->2, 2x8 36->2 (16 pixels), 1x9
# 30->2; the long passes: 2x2 37->1, 1x5 100->2; one output of 8 inputs:
# 3x3 (entered at the second pixel), 2x2, 8x8 (64 pixels) "huge". Refused
# (the windows kernel): 4x4 33->2 (the two-output rule), 3x3 64->2, 17
# pixels of 20 inputs, no activation, "scaled".
# (input (h, w, c), filters, activation, kind).
PW12_CASES = [
    ((3, 3, 17), 3, "relu", None),
    ((2, 2, 24), 1, "relu", None),
    ((2, 2, 17), 1, "relu", "huge"),
    ((1, 2, 36), 1, "relu", None),
    ((3, 5, 21), 3, "relu6", None),
    ((2, 4, 17), 2, "relu", None),
    ((4, 4, 18), 2, "relu", None),
    ((2, 8, 36), 2, "relu", None),
    ((1, 9, 30), 2, "relu", None),
    ((2, 2, 37), 1, "relu", None),
    ((1, 5, 100), 2, "relu", None),
    ((3, 3, 8), 1, "relu", None),
    ((2, 2, 8), 1, "relu", None),
    ((8, 8, 8), 1, "relu", "huge"),
    ((4, 4, 33), 2, "relu", None),
    ((3, 3, 64), 2, "relu", None),
    ((1, 17, 20), 2, "relu", None),
    ((2, 4, 20), 2, None, None),
    ((3, 3, 17), 3, "relu", "scaled"),
]


def pw12_model(k: int, rng: np.random.Generator):
    return conv1x1_kind_model(*PW12_CASES[k], rng)


family("pw12_", 170_000, len(PW12_CASES), pw12_model)


# pw13: a Conv2D on a records loop has a layer type of its own whose run
# calls that loop (no table); pw1pxn's one output of 8 inputs reads a
# word-aligned pixel by one LDRD. Taken: one output of 8 inputs on 2x2,
# 1x3 (entered at the second pixel), 4x1, 3x3, 8x8 (64 pixels); the other
# one-output loops' starts (1x2 16->1, 2x3 9->1); each records type: pwfo
# (2x2 17->1), the one-pixel loops (1x1 20->8, 1x1 8->16), pw1pxn's pass
# (2x2 7->1); a windows-kernel layer then a records one (2x2 17->8 ->
# 8->1). Refused (the plain run): 65 pixels, no activation, "scaled", and
# 2x2 8->1 without records (the Layer API's header: without_records).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW13_CASES = [
    ((2, 2, 8), [(1, 1, "relu", None)]),
    ((1, 3, 8), [(1, 1, "relu", None)]),
    ((4, 1, 8), [(1, 1, "relu", None)]),
    ((3, 3, 8), [(1, 1, "relu", None)]),
    ((8, 8, 8), [(1, 1, "relu", None)]),
    ((1, 2, 16), [(1, 1, "relu", None)]),
    ((2, 3, 9), [(1, 1, "relu", None)]),
    ((2, 2, 17), [(1, 1, "relu", None)]),
    ((1, 1, 20), [(8, 1, "relu", None)]),
    ((1, 1, 8), [(16, 1, "relu", None)]),
    ((2, 2, 7), [(1, 1, "relu", None)]),
    ((2, 2, 17), [(8, 1, "relu", None), (1, 1, "relu", None)]),
    ((1, 65, 8), [(1, 1, "relu", None)]),
    ((2, 2, 8), [(1, 1, None, None)]),
    ((2, 2, 8), [(1, 1, "relu", "scaled")]),
    ((2, 2, 8), [(1, 1, "relu", None)]),
]


def pw13_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW13_CASES[k], rng)


family("pw13_", 176_000, len(PW13_CASES), pw13_model, without_records=(15,))


# pw1o: pw1pxn's one output of 8 to 16 inputs has layer types of their own
# whose runs enter its loops past the header's tests (build() checked the
# header): 8 inputs on an even and on an odd pixel count, 9 to 16 inputs by
# a table on in.c. Taken: 8 inputs on 2x2, 8x8 (64 pixels: the most), 1x3
# and 3x3 ("huge", odd: entered at the second pixel), 1x2 (the fewest);
# 1x2 16->1, 2x2 9->1, 1x3 12->1, 2x3 13->1 ("huge"), 4x4 10->1 (ReLU6);
# a windows-kernel layer then 8->1 (2x2 17->8 -> 8->1). Refused (another
# type): 1x65 8->1 (65 pixels: the plain run), 1x1 8->1 (one pixel: the
# one-pixel loop), 2x2 17->1 (pwfo), 2x2 7->1 and 2x2 8->2 (pw1pxn's
# pass), no activation, "scaled", and 2x2 16->1 without records (the Layer
# API's header: without_records).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW1O_CASES = [
    ((2, 2, 8), [(1, 1, "relu", None)]),
    ((8, 8, 8), [(1, 1, "relu", None)]),
    ((1, 3, 8), [(1, 1, "relu", None)]),
    ((3, 3, 8), [(1, 1, "relu", "huge")]),
    ((1, 2, 8), [(1, 1, "relu", None)]),
    ((1, 2, 16), [(1, 1, "relu", None)]),
    ((2, 2, 9), [(1, 1, "relu", None)]),
    ((1, 3, 12), [(1, 1, "relu", None)]),
    ((2, 3, 13), [(1, 1, "relu", "huge")]),
    ((4, 4, 10), [(1, 1, "relu6", None)]),
    ((2, 2, 17), [(8, 1, "relu", None), (1, 1, "relu", None)]),
    ((1, 65, 8), [(1, 1, "relu", None)]),
    ((1, 1, 8), [(1, 1, "relu", None)]),
    ((2, 2, 17), [(1, 1, "relu", None)]),
    ((2, 2, 7), [(1, 1, "relu", None)]),
    ((2, 2, 8), [(2, 1, "relu", None)]),
    ((2, 2, 8), [(1, 1, None, None)]),
    ((2, 2, 8), [(1, 1, "relu", "scaled")]),
    ((2, 2, 16), [(1, 1, "relu", None)]),
]


def pw1o_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW1O_CASES[k], rng)


family("pw1o_", 194_000, len(PW1O_CASES), pw1o_model, without_records=(18,))


# pw1p: pw1pxn's one output of 9 to 16 inputs, one layer type an in.c and
# pixel parity (build() picks it: its start straight, no table), two
# pixels a turn (an odd count entered at a turn's second), the starts'
# stack by PUSH, the sum in r0, the loop's test its return value; 4k + 1
# and 4k + 2 inputs' last word by bytes (LDRSB, SMLABT); 8 inputs' aligned
# loop's test its return value. Taken, even counts: each in.c from 9 to 16
# on 1x2 (the fewest pixels), 2x3 14->1, 1x6 10->1 (ReLU6), 8x8 13->1 (64
# pixels: the most) "huge", a pw1pxn pass then the type (2x2 12->10 ->
# 10->1); odd counts: 3x3 9->1 "huge", 1x3 10->1, 7x9 11->1 (63 pixels),
# 1x3 12->1, 1x3 13->1, 3x1 14->1, 1x7 15->1, 3x3 16->1; 8 inputs on 2x2
# (even) and 1x3 (odd); "scaled" 1x2 14->1 (its records hold: the type).
# Refused (another type): 1x65 9->1 (65 pixels: the plain run), 1x1 12->1
# (one pixel: the one-pixel loop), 1x2 17->1 (pwfo), 1x2 16->2 and 1x2
# 7->1 (pw1pxn's pass), no activation, and 1x2 13->1 without records (the
# Layer API's header: without_records). pwfo's four to eight outputs of 33
# to 64 inputs on 2 to 7 pixels: 3x1 33->5, 2x2 33->8 "huge", 2x2 64->5
# "scaled", 1x7 64->8 (the most pixels, odd), 2x3 48->6, 1x2 40->4, 1x5
# 37->7 "scaled", 2x2 12->50 -> 50->4; refused then (taken since pwfew):
# 2x4 33->5 (8 pixels), 2x2 65->4 (65 inputs); refused: 2x2 32->5 (the windows kernel), 2x2
# 33->9 (9 outputs), 1x3 40->6 ReLU6. pw1pxn's pass of 4 to 8 inputs
# past the header's tests (pw1pxn48): 1x3 8->2, 1x2 8->2 "huge", 2x2 4->4,
# 1x2 5->3, 2x2 7->1, 4x4 6->5 "scaled", 8x8 8->16 (64 pixels).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW1P_CASES = [
    ((1, 2, 9), [(1, 1, "relu", None)]),
    ((1, 2, 10), [(1, 1, "relu", None)]),
    ((1, 2, 11), [(1, 1, "relu", None)]),
    ((1, 2, 12), [(1, 1, "relu", None)]),
    ((1, 2, 13), [(1, 1, "relu", None)]),
    ((1, 2, 14), [(1, 1, "relu", None)]),
    ((1, 2, 15), [(1, 1, "relu", None)]),
    ((1, 2, 16), [(1, 1, "relu", None)]),
    ((2, 3, 14), [(1, 1, "relu", None)]),
    ((1, 6, 10), [(1, 1, "relu6", None)]),
    ((8, 8, 13), [(1, 1, "relu", "huge")]),
    ((2, 2, 12), [(10, 1, "relu", None), (1, 1, "relu", None)]),
    ((3, 3, 9), [(1, 1, "relu", "huge")]),
    ((1, 3, 10), [(1, 1, "relu", None)]),
    ((7, 9, 11), [(1, 1, "relu", None)]),
    ((1, 3, 12), [(1, 1, "relu", None)]),
    ((1, 3, 13), [(1, 1, "relu", None)]),
    ((3, 1, 14), [(1, 1, "relu", None)]),
    ((1, 7, 15), [(1, 1, "relu", None)]),
    ((3, 3, 16), [(1, 1, "relu", None)]),
    ((2, 2, 8), [(1, 1, "relu", None)]),
    ((1, 3, 8), [(1, 1, "relu", None)]),
    ((1, 65, 9), [(1, 1, "relu", None)]),
    ((1, 1, 12), [(1, 1, "relu", None)]),
    ((1, 2, 17), [(1, 1, "relu", None)]),
    ((1, 2, 16), [(2, 1, "relu", None)]),
    ((1, 2, 7), [(1, 1, "relu", None)]),
    ((1, 2, 11), [(1, 1, None, None)]),
    ((1, 2, 14), [(1, 1, "relu", "scaled")]),
    ((1, 2, 13), [(1, 1, "relu", None)]),
]


def pw1p_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW1P_CASES[k], rng)


family("pw1p_", 201_000, len(PW1P_CASES), pw1p_model, without_records=(29,))


# pw1q: pw1pxn's one output of 9 inputs holds the shift and minus the turns
# left in r9 (a turn's end ADDS, BMI: no stack), and pwfo's one output of
# 17 to 24 inputs has a layer type an in.c whose run enters a one-pixel
# loop past the header's tests. Taken, 9 inputs: 2x2 and 1x2 (even: one
# and two turns), 8x8 (64 pixels: the most turns) "huge", 1x3 and 7x9
# (odd: entered at a turn's second pixel), 3x3 "scaled" (a tiny scale:
# the largest shift), 1x6 ReLU6; 17 to 24 inputs: 2x2 17->1, 1x4 17->1,
# 1x2 17->1 (the fewest pixels), 4x4 17->1 (16: the most) "huge", 3x3
# 18->1, 1x5 19->1, 2x2 20->1 "scaled", 1x3 20->1 ReLU6, a windows-kernel
# layer then the type (2x2 12->17 -> 17->1); six words: 2x2 21->1, 1x3
# 22->1 "huge", 4x4 23->1, 1x2 24->1 "scaled". Refused (another type): 2x2
# 25->1 (seven words: pwfo's own run), 2x2 16->1 (pw1pxn), 2x2 17->2
# (pwfo's two outputs), 1x17 17->1 (17 pixels: the plain run), 1x1 17->1
# (one pixel), 2x2 17->1 without an activation, 2x2 10->1 (pw1pxn's 10),
# and 2x2 18->1 without records (the Layer API's header: without_records).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW1Q_CASES = [
    ((2, 2, 9), [(1, 1, "relu", None)]),
    ((1, 2, 9), [(1, 1, "relu", None)]),
    ((8, 8, 9), [(1, 1, "relu", "huge")]),
    ((1, 3, 9), [(1, 1, "relu", None)]),
    ((7, 9, 9), [(1, 1, "relu", None)]),
    ((3, 3, 9), [(1, 1, "relu", "scaled")]),
    ((1, 6, 9), [(1, 1, "relu6", None)]),
    ((2, 2, 17), [(1, 1, "relu", None)]),
    ((1, 4, 17), [(1, 1, "relu", None)]),
    ((1, 2, 17), [(1, 1, "relu", None)]),
    ((4, 4, 17), [(1, 1, "relu", "huge")]),
    ((3, 3, 18), [(1, 1, "relu", None)]),
    ((1, 5, 19), [(1, 1, "relu", None)]),
    ((2, 2, 20), [(1, 1, "relu", "scaled")]),
    ((1, 3, 20), [(1, 1, "relu6", None)]),
    ((2, 2, 12), [(17, 1, "relu", None), (1, 1, "relu", None)]),
    ((2, 2, 21), [(1, 1, "relu", None)]),
    ((1, 3, 22), [(1, 1, "relu", "huge")]),
    ((4, 4, 23), [(1, 1, "relu", None)]),
    ((1, 2, 24), [(1, 1, "relu", "scaled")]),
    ((2, 2, 25), [(1, 1, "relu", None)]),
    ((2, 2, 16), [(1, 1, "relu", None)]),
    ((2, 2, 17), [(2, 1, "relu", None)]),
    ((1, 17, 17), [(1, 1, "relu", None)]),
    ((1, 1, 17), [(1, 1, "relu", None)]),
    ((2, 2, 17), [(1, 1, None, None)]),
    ((2, 2, 10), [(1, 1, "relu", None)]),
    ((2, 2, 18), [(1, 1, "relu", None)]),
]


def pw1q_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW1Q_CASES[k], rng)


family("pw1q_", 205_000, len(PW1Q_CASES), pw1q_model, without_records=(27,))


# pwone: one-pixel 1x1 layers on the few-pixel and few-output records. Taken:
# pw1pxn's one pass (build()'s pw1pxn12p / pw1pxn16p types, no pixel loop):
# 1x1 9->8, 9->2, 11->3, 12->16 "huge", 13->8, 16->2, 16->16 "scaled" (a
# near-dead channel), 10->5 after a 12->10 layer; pw1pxn's one output on
# one pixel (an odd count): 1x1 16->1, 9->1; pw1px8's one pass (pw1px8p):
# 1x1 8->1, 8->3, 8->16 "huge"; pwfo's one pixel, one output
# (pwfo1px): 25->1, 32->1, 33->1 "scaled", 64->1, 96->1 "huge", 256->1
# (the most words), 17->1 and 24->1 (pwfo17 / pwfo24 on one pixel);
# three outputs (pwfo3px): 17->3, 23->3 "huge", 64->3 "scaled", 256->3.
# Refused (another loop): 1x1 17->2 and 40->2 (two outputs: pw1px; pwfo2px
# since pwfew), 9->17
# (17 outputs: pw1px), 8->17 (pw1px8's loop), 4->3 and 7->3 (under 9
# inputs: pw1px), 20->3 ReLU6 and 12->4 ReLU6 (a clamp inside int8), 257->1
# (past 256 inputs), 16->3 and 64->1 without an activation, 2x1 16->3
# and 1x2 64->1 (two pixels: the pixel loops), 64->3 without records (the
# Layer API's header: without_records). pwfo's four to eight outputs of 33
# to 64 inputs on 2 to 7 pixels: 3x1 33->5, 2x2 33->8 "huge", 2x2 64->5
# "scaled", 1x7 64->8 (the most pixels, odd), 2x3 48->6, 1x2 40->4, 1x5
# 37->7 "scaled", 2x2 12->50 -> 50->4; refused then (taken since pwfew):
# 2x4 33->5 (8 pixels), 2x2 65->4 (65 inputs); refused: 2x2 32->5 (the windows kernel), 2x2
# 33->9 (9 outputs), 1x3 40->6 ReLU6. pw1pxn's pass of 4 to 8 inputs
# past the header's tests (pw1pxn48): 1x3 8->2, 1x2 8->2 "huge", 2x2 4->4,
# 1x2 5->3, 2x2 7->1, 4x4 6->5 "scaled", 8x8 8->16 (64 pixels).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PWONE_CASES = [
    ((1, 1, 9), [(8, 1, "relu", None)]),
    ((1, 1, 9), [(2, 1, "relu", None)]),
    ((1, 1, 11), [(3, 1, "relu", None)]),
    ((1, 1, 12), [(16, 1, "relu", "huge")]),
    ((1, 1, 13), [(8, 1, "relu", None)]),
    ((1, 1, 16), [(2, 1, "relu", None)]),
    ((1, 1, 16), [(16, 1, "relu", "scaled")]),
    ((1, 1, 12), [(10, 1, "relu", None), (5, 1, "relu", None)]),
    ((1, 1, 16), [(1, 1, "relu", None)]),
    ((1, 1, 9), [(1, 1, "relu", None)]),
    ((1, 1, 8), [(1, 1, "relu", None)]),
    ((1, 1, 8), [(3, 1, "relu", None)]),
    ((1, 1, 8), [(16, 1, "relu", "huge")]),
    ((1, 1, 25), [(1, 1, "relu", None)]),
    ((1, 1, 32), [(1, 1, "relu", None)]),
    ((1, 1, 33), [(1, 1, "relu", "scaled")]),
    ((1, 1, 64), [(1, 1, "relu", None)]),
    ((1, 1, 96), [(1, 1, "relu", "huge")]),
    ((1, 1, 256), [(1, 1, "relu", None)]),
    ((1, 1, 17), [(1, 1, "relu", None)]),
    ((1, 1, 24), [(1, 1, "relu", None)]),
    ((1, 1, 17), [(3, 1, "relu", None)]),
    ((1, 1, 23), [(3, 1, "relu", "huge")]),
    ((1, 1, 64), [(3, 1, "relu", "scaled")]),
    ((1, 1, 256), [(3, 1, "relu", None)]),
    ((1, 1, 17), [(2, 1, "relu", None)]),
    ((1, 1, 40), [(2, 1, "relu", None)]),
    ((1, 1, 9), [(17, 1, "relu", None)]),
    ((1, 1, 8), [(17, 1, "relu", None)]),
    ((1, 1, 4), [(3, 1, "relu", None)]),
    ((1, 1, 7), [(3, 1, "relu", None)]),
    ((1, 1, 20), [(3, 1, "relu6", None)]),
    ((1, 1, 12), [(4, 1, "relu6", None)]),
    ((1, 1, 257), [(1, 1, "relu", None)]),
    ((1, 1, 16), [(3, 1, None, None)]),
    ((1, 1, 64), [(1, 1, None, None)]),
    ((2, 1, 16), [(3, 1, "relu", None)]),
    ((1, 2, 64), [(1, 1, "relu", None)]),
    ((1, 1, 64), [(3, 1, "relu", None)]),
    ((3, 1, 33), [(5, 1, "relu", None)]),
    ((2, 2, 33), [(8, 1, "relu", "huge")]),
    ((2, 2, 64), [(5, 1, "relu", "scaled")]),
    ((1, 7, 64), [(8, 1, "relu", None)]),
    ((2, 3, 48), [(6, 1, "relu", None)]),
    ((1, 2, 40), [(4, 1, "relu", None)]),
    ((1, 5, 37), [(7, 1, "relu", "scaled")]),
    ((2, 2, 12), [(50, 1, "relu", None), (4, 1, "relu", None)]),
    ((2, 4, 33), [(5, 1, "relu", None)]),
    ((2, 2, 65), [(4, 1, "relu", None)]),
    ((2, 2, 32), [(5, 1, "relu", None)]),
    ((2, 2, 33), [(9, 1, "relu", None)]),
    ((1, 3, 40), [(6, 1, "relu6", None)]),
    ((1, 3, 8), [(2, 1, "relu", None)]),
    ((1, 2, 8), [(2, 1, "relu", "huge")]),
    ((2, 2, 4), [(4, 1, "relu", None)]),
    ((1, 2, 5), [(3, 1, "relu", None)]),
    ((2, 2, 7), [(1, 1, "relu", None)]),
    ((4, 4, 6), [(5, 1, "relu", "scaled")]),
    ((8, 8, 8), [(16, 1, "relu", None)]),
]


def pwone_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PWONE_CASES[k], rng)


family("pwone_", 219_000, len(PWONE_CASES), pwone_model, without_records=(38,))


# pwfew: pwfo's four to eight outputs on 2 to 16 pixels of 33 to 256
# inputs (pw1px_records.few_output_takes). Taken: 1x3 96->5, 1x3 128->5
# "scaled", 8x1 33->5, 4x4 33->5 "huge", 16x1 33->8 (16 pixels), 4x4
# 256->7 (the most inputs), 3x5 256->5 "scaled", 4x4 128->8 (even outputs
# and pixels at FO_WIDE_EVEN_CIN), 2x2 256->8 (four pixels past it), 1x12
# 45->7, 3x3 64->8 "huge", 2x4 64->6, 4x4 20->40 -> 40->5 (after the
# windows kernel). Refused (the pair path or another loop): 4x4 129->8 and
# 2x3 256->8 (even outputs and 6+ even pixels past 128 inputs), 4x4 257->5
# (past 256 inputs), 17x1 33->5 (17 pixels), 4x4 33->9 (9 outputs), 4x4
# 64->5 ReLU6 (a clamp inside int8), 4x4 32->5 (the windows kernel), 4x4
# 64->5 without an activation. Two outputs on one pixel (pwfo2px): 1x1
# 17->2, 20->2 "scaled", 33->2, 64->2 "huge", 256->2, 12->24 -> 24->2;
# refused: 1x1 257->2 (past 256 inputs), 40->2 ReLU6, 64->2 without an
# activation, 1x2 17->2 (two pixels: pwfo's pixel pairs). Without
# records (the Layer API's header): 1x3 96->5. One output on one pixel of 25
# to 64 inputs (pwfo1o<W>, a type a word count): 1x1 25->1 "scaled", 28->1,
# 29->1, 32->1, 37->1 "huge", 48->1, 61->1, 64->1 "scaled", 8->40 -> 40->1;
# refused: 65->1 (pwfo1px), 24->1 (pwfo24), 1x2 32->1 (two pixels), 32->1
# ReLU6.
PWFEW_CASES = [
    ((1, 3, 96), [(5, 1, "relu", None)]),
    ((1, 3, 128), [(5, 1, "relu", "scaled")]),
    ((8, 1, 33), [(5, 1, "relu", None)]),
    ((4, 4, 33), [(5, 1, "relu", "huge")]),
    ((16, 1, 33), [(8, 1, "relu", None)]),
    ((4, 4, 256), [(7, 1, "relu", None)]),
    ((3, 5, 256), [(5, 1, "relu", "scaled")]),
    ((4, 4, 128), [(8, 1, "relu", None)]),
    ((2, 2, 256), [(8, 1, "relu", None)]),
    ((1, 12, 45), [(7, 1, "relu", None)]),
    ((3, 3, 64), [(8, 1, "relu", "huge")]),
    ((2, 4, 64), [(6, 1, "relu", None)]),
    ((4, 4, 20), [(40, 1, "relu", None), (5, 1, "relu", "scaled")]),
    ((4, 4, 129), [(8, 1, "relu", None)]),
    ((2, 3, 256), [(8, 1, "relu", None)]),
    ((4, 4, 257), [(5, 1, "relu", None)]),
    ((17, 1, 33), [(5, 1, "relu", None)]),
    ((4, 4, 33), [(9, 1, "relu", None)]),
    ((4, 4, 64), [(5, 1, "relu6", None)]),
    ((4, 4, 32), [(5, 1, "relu", None)]),
    ((4, 4, 64), [(5, 1, None, None)]),
    ((1, 1, 17), [(2, 1, "relu", None)]),
    ((1, 1, 20), [(2, 1, "relu", "scaled")]),
    ((1, 1, 33), [(2, 1, "relu", None)]),
    ((1, 1, 64), [(2, 1, "relu", "huge")]),
    ((1, 1, 256), [(2, 1, "relu", None)]),
    ((1, 1, 12), [(24, 1, "relu", None), (2, 1, "relu", "scaled")]),
    ((1, 1, 257), [(2, 1, "relu", None)]),
    ((1, 1, 40), [(2, 1, "relu6", None)]),
    ((1, 1, 64), [(2, 1, None, None)]),
    ((1, 2, 17), [(2, 1, "relu", None)]),
    ((1, 1, 25), [(1, 1, "relu", "scaled")]),
    ((1, 1, 28), [(1, 1, "relu", None)]),
    ((1, 1, 29), [(1, 1, "relu", None)]),
    ((1, 1, 32), [(1, 1, "relu", None)]),
    ((1, 1, 37), [(1, 1, "relu", "huge")]),
    ((1, 1, 48), [(1, 1, "relu", None)]),
    ((1, 1, 61), [(1, 1, "relu", None)]),
    ((1, 1, 64), [(1, 1, "relu", "scaled")]),
    ((1, 1, 8), [(40, 1, "relu", None), (1, 1, "relu", None)]),
    ((1, 1, 65), [(1, 1, "relu", None)]),
    ((1, 1, 24), [(1, 1, "relu", None)]),
    ((1, 2, 32), [(1, 1, "relu", None)]),
    ((1, 1, 32), [(1, 1, "relu6", None)]),
]


def pwfew_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PWFEW_CASES[k], rng)


family("pwfew_", 225_000, len(PWFEW_CASES), pwfew_model, without_records=(0,))


# pw1ob (branch pw1o of stop 46; the prefix pw1o_ is an earlier branch's):
# one output on a few pixels straight, a layer type a shape. One
# output of 8 inputs on 1 to 4 pixels (pw1pxn8s<N>): 3x1 8->1, 1x2 8->1
# "scaled", 4x1 8->1 "huge", 2x2 8->1, 1x3 8->1, 1x1 8->1 and after the
# windows kernel 2x2 12->8 -> 8->1. One output of 9 to
# 16 inputs on one pixel (pw1pxn<C>s1): 1x1 9->1 "scaled", 10->1, 11->1,
# 12->1 "huge", 13->1, 14->1, 15->1 "scaled", 16->1, 1x1 20->16 -> 16->1.
# Two pixels, one output of 25 to 64 inputs (pwfo1o2p<W>): 2x1 32->1,
# 1x2 25->1 "scaled", 2x1 28->1, 2x1 29->1, 1x2 37->1 "huge", 2x1 48->1,
# 2x1 61->1, 1x2 64->1 "scaled", 2x1 8->40 -> 40->1. Refused (the loops
# before): 5x1 8->1 (five pixels), 3x1 9->1 (9 inputs on three), 3x1 8->2
# (two outputs), 3x1 8->1 ReLU6, 1x1 17->1 (pwfo17), 1x2 16->1 (two
# pixels), 1x1 16->2 (two outputs), 1x1 16->1 no activation, 2x1 24->1
# (pwfo24), 2x1 65->1 (past 64 inputs), 3x1 32->1 (three pixels), 2x1
# 32->2 (two outputs), 2x1 32->1 ReLU6; without records (the Layer API's
# header): 3x1 8->1. One output of 9 to 12 inputs on two pixels
# (pw1pxn<C>s2): 2x1 12->1, 1x2 9->1 "scaled", 2x1 10->1 "huge", 1x2
# 11->1; refused: 3x1 12->1 (three pixels), 2x1 13->1 (13 inputs). 4 to 8
# inputs on two pixels (pw1pxn48s2): 2x1 8->2, 1x2 8->3 "scaled", 2x1 5->4
# "huge", 1x2 8->16, 2x1 7->1, 1x2 4->2; refused: 2x1 9->2 (9 inputs).
# (input (h, w, c), layers: (filters, kernel, activation, kind) each).
PW1OB_CASES = [
    ((3, 1, 8), [(1, 1, "relu", None)]),
    ((1, 2, 8), [(1, 1, "relu", "scaled")]),
    ((4, 1, 8), [(1, 1, "relu", "huge")]),
    ((2, 2, 8), [(1, 1, "relu", None)]),
    ((1, 3, 8), [(1, 1, "relu", None)]),
    ((1, 1, 8), [(1, 1, "relu", None)]),
    ((2, 2, 12), [(8, 1, "relu", None), (1, 1, "relu", None)]),
    ((1, 1, 9), [(1, 1, "relu", "scaled")]),
    ((1, 1, 10), [(1, 1, "relu", None)]),
    ((1, 1, 11), [(1, 1, "relu", None)]),
    ((1, 1, 12), [(1, 1, "relu", "huge")]),
    ((1, 1, 13), [(1, 1, "relu", None)]),
    ((1, 1, 14), [(1, 1, "relu", None)]),
    ((1, 1, 15), [(1, 1, "relu", "scaled")]),
    ((1, 1, 16), [(1, 1, "relu", None)]),
    ((1, 1, 20), [(16, 1, "relu", None), (1, 1, "relu", None)]),
    ((2, 1, 32), [(1, 1, "relu", None)]),
    ((1, 2, 25), [(1, 1, "relu", "scaled")]),
    ((2, 1, 28), [(1, 1, "relu", None)]),
    ((2, 1, 29), [(1, 1, "relu", None)]),
    ((1, 2, 37), [(1, 1, "relu", "huge")]),
    ((2, 1, 48), [(1, 1, "relu", None)]),
    ((2, 1, 61), [(1, 1, "relu", None)]),
    ((1, 2, 64), [(1, 1, "relu", "scaled")]),
    ((2, 1, 8), [(40, 1, "relu", None), (1, 1, "relu", None)]),
    ((5, 1, 8), [(1, 1, "relu", None)]),
    ((3, 1, 9), [(1, 1, "relu", None)]),
    ((3, 1, 8), [(2, 1, "relu", None)]),
    ((3, 1, 8), [(1, 1, "relu6", None)]),
    ((1, 1, 17), [(1, 1, "relu", None)]),
    ((1, 2, 16), [(1, 1, "relu", None)]),
    ((1, 1, 16), [(2, 1, "relu", None)]),
    ((1, 1, 16), [(1, 1, None, None)]),
    ((2, 1, 24), [(1, 1, "relu", None)]),
    ((2, 1, 65), [(1, 1, "relu", None)]),
    ((3, 1, 32), [(1, 1, "relu", None)]),
    ((2, 1, 32), [(2, 1, "relu", None)]),
    ((2, 1, 32), [(1, 1, "relu6", None)]),
    ((3, 1, 8), [(1, 1, "relu", None)]),
    ((2, 1, 12), [(1, 1, "relu", None)]),
    ((1, 2, 9), [(1, 1, "relu", "scaled")]),
    ((2, 1, 10), [(1, 1, "relu", "huge")]),
    ((1, 2, 11), [(1, 1, "relu", None)]),
    ((3, 1, 12), [(1, 1, "relu", None)]),
    ((2, 1, 13), [(1, 1, "relu", None)]),
    ((2, 1, 8), [(2, 1, "relu", None)]),
    ((1, 2, 8), [(3, 1, "relu", "scaled")]),
    ((2, 1, 5), [(4, 1, "relu", "huge")]),
    ((1, 2, 8), [(16, 1, "relu", None)]),
    ((2, 1, 7), [(1, 1, "relu", None)]),
    ((1, 2, 4), [(2, 1, "relu", None)]),
    ((2, 1, 9), [(2, 1, "relu", None)]),
]


def pw1ob_model(k: int, rng: np.random.Generator):
    return conv_chain_model(*PW1OB_CASES[k], rng)


family("pw1ob_", 231_000, len(PW1OB_CASES), pw1ob_model, without_records=(38,))
