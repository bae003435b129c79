"""Depthwise layers of one row of taps on many channels (the one-row
loops, the pair loop, three taps at strides 1 and 2, long kernels)."""

from __future__ import annotations

import numpy as np

import keras_factory as kf

from .common import odd_channels_model, scale_last_channels
from .registry import family, layer_family, odd_channels_family

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
        scale_last_channels(layer, 4)
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
        scale_last_channels(model.layers[-1], 4)
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
        scale_last_channels(layer, 4)
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
        scale_last_channels(layer, 1)
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
    model = odd_channels_model((shape, kernel, stride, dil, padding, act, scaled is True), rng)
    if scaled == "huge":  # every channel's weights scaled down: |bias| near 2^30
        weights, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([weights * 1e-3, np.full_like(bias, 20.0)])
    return model


# Three taps at stride 2 on short lines (branch short2,
# nnom_local_dw3s2l_dsp.c): a line's last 4 k + 1 outputs in a pass of one
# (nnom_dw3s2l1p_s8: 9, 5 and 9 outputs), 4 k + 2 in a pass of two
# (nnom_dw3s2l2_s8, since branch s2l3 the last four and two in a pass of
# six; more than eight such passes a call on 12 and 11 lines),
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
    model = odd_channels_model((shape, kernel, stride, dil, padding, act, scaled is True), rng)
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


family("dwpair", 81_000, len(DWPAIR_CASES), dwpair_model, without_records=DWPAIR_WITHOUT_RECORDS)
family(
    "dwshort", 80_000, len(DWSHORT_CASES), dwshort_model, without_records=DWSHORT_WITHOUT_RECORDS
)
family("dws2_", 84_000, len(DWS2_CASES), dws2_model, without_records=DWS2_WITHOUT_RECORDS)
family("dws2b", 89_000, len(DWS2B_CASES), dws2b_model)
family("s2odd", 94_000, len(S2ODD_CASES), s2odd_model)
layer_family("dwacross", 98_000, DWACROSS_CASES, without_records=DWACROSS_WITHOUT_RECORDS)
family("s2odd3_", 101_000, len(S2ODD3_CASES), s2odd3_model)
family("pairs3_", 102_000, len(PAIRS3_CASES), pairs3_model)
family("pairs4_", 108_000, len(PAIRS4_CASES), pairs4_model)
odd_channels_family("dwrest_", 106_000, DWREST_CASES, without_records=DWREST_WITHOUT_RECORDS)
layer_family("longk", 110_000, LONGK_CASES, without_records=LONGK_WITHOUT_RECORDS)
layer_family("dw3l_", 109_000, DW3L_CASES, without_records=DW3L_WITHOUT_RECORDS)
family("rqr", 114_000, len(RQR_CASES), rqr_model)
layer_family("rows2_", 118_000, ROWS2_CASES, without_records=ROWS2_WITHOUT_RECORDS)
layer_family("lines4_", 117_000, LINES4_CASES, without_records=LINES4_WITHOUT_RECORDS)
layer_family("lines5_", 121_000, LINES5_CASES, without_records=LINES5_WITHOUT_RECORDS)
layer_family("fixed2_", 119_000, FIXED2_CASES, without_records=FIXED2_WITHOUT_RECORDS)
layer_family("short1_", 124_000, SHORT1_CASES, without_records=SHORT1_WITHOUT_RECORDS)
odd_channels_family("short2_", 125_000, SHORT2_CASES)


# pair5: two-tap layers on one line run their places in sets of four across
# the groups with the offsets taken once (nnom_dwpair_grid); at stride 1
# along the taps the sets read each input word once (k + 1 words for k
# places, nnom_dwpair_set_s8's k = 6, 7, 8); the one channel past a
# multiple of four (dwpair_lane) reads each byte once at stride 1. Cases:
# the sliding sets of 2, 3 and 4 places with the overlapping group stepped
# back 1, 2, 3 or the lane, the border output of 'same', both kernels;
# the stride-2 sets on one line; one-line layers the counts keep on the
# runs; several lines (the general grid); no activation (the group path).
# Every channel's largest weight 1 (none refused: refused channels are
# pairs3_'s and rqr's). (input (h, w, c), kernel, stride, padding,
# activation)
PAIR5_CASES = [
    ((6, 1, 110), (2, 1), 1, "valid", "relu"),  # 5 places: sliding 4 + one, back 2
    ((3, 1, 94), (2, 1), 1, "valid", "relu"),  # sliding 2, back 2
    ((4, 1, 21), (2, 1), 1, "valid", "relu"),  # sliding 3, the lane
    ((19, 1, 37), (2, 1), 1, "valid", "relu"),  # 4 sliding 4 + sliding 2, the lane
    ((1, 9, 28), (1, 2), 1, "same", "relu"),  # 2 sliding 4 and the border
    ((1, 8, 23), (1, 2), 1, "valid", "relu"),  # sliding 4 + sliding 3, back 1
    ((5, 1, 30), (2, 1), 1, "same", "relu"),  # sliding 4 and the border, back 2
    ((14, 1, 59), (2, 1), 2, "valid", "relu"),  # stride 2: sets of 4 and 3, back 1
    ((1, 7, 18), (1, 2), 2, "same", "relu"),  # stride 2: a set of 3 and the border, back 2
    ((9, 1, 17), (2, 1), 2, "same", "relu"),  # stride 2: runs, the lane with the border
    ((7, 1, 13), (2, 1), 1, "same", "relu"),  # stride 1, the lane with the border
    ((30, 1, 24), (2, 1), 1, "same", "relu"),  # long line: stays on the runs
    ((3, 6, 36), (1, 2), 1, "same", "relu"),  # 3 lines: the general grid
    ((6, 1, 20), (2, 1), 1, "valid", None),  # no activation: the group path
    ((1, 7, 21), (1, 2), 2, "valid", "relu"),  # stride 2: a set of 3, the lane
]


def pair5_model(k: int, rng: np.random.Generator):
    keras = kf._keras()
    shape, kernel, stride, padding, act = PAIR5_CASES[k]
    inputs = keras.Input(shape)
    strides = (stride, 1) if kernel == (2, 1) else (1, stride)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    weights, bias = layer.get_weights()
    layer.set_weights([weights / np.abs(weights).max(axis=(0, 1), keepdims=True), bias])
    return model


family("pair5_", 129_000, len(PAIR5_CASES), pair5_model)


# pair6: two-tap layers of at most 8 sets of places take the grid the
# converter laid out (nnom/ops/dwpair_plan.py, first word 9: the sets'
# offsets in the records, no nnom_dwpair_try at run time); one line moves
# the first set by steps, several lines read each set's offsets; the lane
# and the border outputs after them. Cases: one place, one line at stride
# 1 and 2 (the sliding sets, the lane, back 1 to 3, the border), several
# lines (the general grid, across the taps' axis, a stride across the
# lines), exactly 8 sets and 9 (no plan: the runs), a refused channel (no
# plan), no activation (no records). Every channel's largest weight 1 but
# where refused. (input (h, w, c), kernel, strides (h, w), padding,
# activation, refused last channels)
PAIR6_CASES = [
    ((2, 1, 118), (2, 1), (1, 1), "valid", "relu", 0),  # one place, back 2
    ((24, 1, 17), (2, 1), (2, 1), "same", "relu", 0),  # 12 places by steps, the lane
    ((1, 5, 93), (1, 2), (1, 2), "same", "relu", 0),  # 2 places, the border, the lane
    ((3, 20, 8), (1, 2), (1, 2), "same", "relu", 0),  # 3 lines: 8 sets, general
    ((4, 5, 12), (1, 2), (1, 1), "valid", "relu", 0),  # 4 lines of 4
    ((9, 2, 23), (2, 1), (1, 1), "same", "relu", 0),  # 2 lines and borders, back 1
    ((33, 1, 8), (2, 1), (1, 1), "valid", "relu", 0),  # 32 places: 8 sliding sets
    ((34, 1, 8), (2, 1), (1, 1), "valid", "relu", 0),  # 33 places: no plan, runs
    ((3, 10, 14), (2, 1), (2, 1), "valid", "relu", 0),  # across: 10 lines of 1, back 2
    ((7, 6, 21), (1, 2), (2, 2), "valid", "relu", 0),  # lines 2 rows apart, the lane
    ((11, 1, 22), (2, 1), (1, 1), "same", "relu", 0),  # sliding, the border, back 2
    ((14, 1, 59), (2, 1), (2, 1), "valid", "relu", 0),  # stride 2: sets of 4 and 3
    ((5, 1, 24), (2, 1), (1, 1), "valid", "relu", 4),  # a refused channel: no plan
    ((6, 1, 20), (2, 1), (1, 1), "valid", None, 0),  # no activation: no records
]


def pair6_model(k: int, rng: np.random.Generator):
    return pair_case_model(PAIR6_CASES[k], rng)


def pair_case_model(case, rng: np.random.Generator):
    """A two-tap layer of case (as PAIR6_CASES'; refused "huge": every
    weight down, |bias| near 2^30)."""
    keras = kf._keras()
    shape, kernel, strides, padding, act, refused = case
    inputs = keras.Input(shape)
    layer = keras.layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, activation=act)
    model = keras.Model(inputs, layer(inputs))
    kf.randomize_weights(model, rng)
    weights, bias = layer.get_weights()
    layer.set_weights([weights / np.abs(weights).max(axis=(0, 1), keepdims=True), bias])
    if refused == "huge":
        layer.set_weights([weights * 1e-3, np.full_like(bias, 20.0)])
    elif refused:
        scale_last_channels(layer, refused)
    return model


family("pair6_", 135_000, len(PAIR6_CASES), pair6_model)


# tap2x: a laid-out two-tap layer's sets run in one assembly call
# (nnom_dwpair_plan_s8, a jump by k), and the border outputs of 'same'
# layers of up to four lines whose channels are not 4 k + 1 are sets of
# k 5 (the second tap the zero point's word). Cases: every k (1-4, 6-8,
# 5) through the call, the border sets with back 0 to 2 (14 channels:
# back 2; 23: back 1), one to five lines of border sets (up to 16 lines
# since tap2y), the lane (the border outputs in C after the call),
# several lines at stride 2; and layers that must not take it: ReLU6, no activation, a
# refused channel, every weight tiny. (as PAIR6_CASES)
TAP2X_CASES = [
    ((1, 9, 28), (1, 2), (1, 1), "same", "relu", 0),  # 2 sliding 4 + a border set
    ((21, 1, 23), (2, 1), (1, 1), "same", "relu", 0),  # 5 sliding sets + border, back 1
    ((5, 1, 30), (2, 1), (1, 1), "same", "relu", 0),  # sliding 4 + border, back 2
    ((9, 2, 23), (2, 1), (1, 1), "same", "relu", 0),  # 2 lines: 2 border sets, back 1
    ((4, 7, 14), (1, 2), (1, 2), "same", "relu", 0),  # 4 lines at stride 2: 4 border sets
    ((5, 7, 12), (1, 2), (1, 2), "same", "relu", 0),  # 5 lines: border sets (tap2y)
    ((1, 5, 93), (1, 2), (1, 2), "same", "relu", 0),  # the lane: its border in C
    ((3, 20, 8), (1, 2), (1, 2), "same", "relu", 0),  # 8 sets over 3 lines
    ((2, 1, 118), (2, 1), (1, 1), "valid", "relu", 0),  # k 1, back 2
    ((14, 1, 59), (2, 1), (2, 1), "valid", "relu", 0),  # k 4 and 3, back 1
    ((3, 1, 94), (2, 1), (1, 1), "valid", "relu", 0),  # k 6, back 2
    ((4, 1, 21), (2, 1), (1, 1), "valid", "relu", 0),  # k 7, the lane
    ((1, 5, 18), (1, 2), (1, 2), "same", "relu", 0),  # k 2 and a border set, back 2
    ((7, 1, 15), (2, 1), (1, 1), "same", "relu", 0),  # sliding 4 + 6, border, back 1
    ((1, 9, 28), (1, 2), (1, 1), "same", "relu6", 0),  # ReLU6: no plan
    ((1, 9, 28), (1, 2), (1, 1), "same", None, 0),  # no activation: no records
    ((5, 1, 13), (2, 1), (1, 1), "same", "relu", "huge"),  # |bias| near 2^30: laid out all the same
    ((7, 1, 12), (2, 1), (1, 1), "same", "relu", "huge"),  # |bias| near 2^30
]


family("tap2x_", 143_000, len(TAP2X_CASES), lambda k, rng: pair_case_model(TAP2X_CASES[k], rng))


# tap2y: two-tap layers of more than 8 sets laid out too (up to 32) where
# the runs cost more: several lines of up to 16 places, one 'same' line of
# 4+ groups of channels, one line of 12+ groups; border outputs as sets on
# up to 16 lines. Cases: 9 to 32 sets on one line (sliding sets, the border
# set, back 1 and 2, the lane), many lines at stride 1 and 2 with 5 to 16
# lines of border sets, 32 sets and 33 (the runs), 17 lines (the borders in
# C); and layers that must stay on the runs or the group path: one 'same'
# line of 3 groups, one 'valid' line of 11, lines of 17+ places, ReLU6, no
# activation, a refused channel, |bias| near 2^30. (as PAIR6_CASES)
TAP2Y_CASES = [
    ((34, 1, 14), (2, 1), (1, 1), "same", "relu", 0),  # 9 sliding sets + border, back 2
    ((1, 42, 63), (1, 2), (1, 1), "same", "relu", 0),  # 11 sets + border, back 1
    ((38, 1, 49), (2, 1), (1, 1), "valid", "relu", 0),  # 10 sets, 13 groups: the lane
    ((12, 17, 8), (1, 2), (1, 2), "same", "relu", 0),  # 24 sets, 12 border sets
    ((16, 7, 14), (2, 1), (2, 1), "same", "relu", 0),  # 7 lines at stride 2, back 2
    ((4, 12, 85), (2, 1), (1, 1), "valid", "relu", 0),  # 9 sets over 12 lines, the lane
    ((6, 16, 13), (1, 2), (1, 1), "same", "relu", 0),  # 6 lines of 15: the lane, borders in C
    ((17, 5, 20), (1, 2), (1, 2), "same", "relu", 0),  # 17 lines: borders in C
    ((5, 33, 16), (2, 1), (1, 1), "valid", "relu", 0),  # 33 lines x 4: 33 sets, runs
    ((5, 32, 16), (2, 1), (1, 1), "valid", "relu", 0),  # 32 lines x 4: 32 sets
    ((129, 1, 48), (2, 1), (1, 1), "valid", "relu", 0),  # one line of 32 sets
    ((46, 1, 11), (2, 1), (1, 1), "same", "relu", 0),  # 3 groups on one line: runs
    ((46, 1, 42), (2, 1), (1, 1), "valid", "relu", 0),  # 11 groups, valid: runs
    ((34, 1, 14), (2, 1), (1, 1), "same", "relu6", 0),  # ReLU6: no plan
    ((34, 1, 14), (2, 1), (1, 1), "same", None, 0),  # no activation: no records
    ((34, 1, 14), (2, 1), (1, 1), "same", "relu", 4),  # a refused channel: no plan
    ((34, 1, 14), (2, 1), (1, 1), "same", "relu", "huge"),  # |bias| near 2^30
    ((3, 19, 8), (1, 2), (1, 1), "same", "relu", 0),  # 3 lines of 18 places: runs
]


family("tap2y_", 150_000, len(TAP2Y_CASES), lambda k, rng: pair_case_model(TAP2Y_CASES[k], rng))


# One padded line of 4+ taps at stride 2 on 8+ channels with the
# converter's records (branch s2wide, nnom_dw_line_try, -O2 with the
# assembly: the line copied once with its padding, the one-row loop's
# outputs two rows apart): (k, 1) and (1, k), k 4 to 15, even and odd
# lines (one or two padded rows at the end), channels a multiple of four,
# one to three past it as tiny lanes or the overlapping last group, ReLU6;
# and the layers it leaves: an input past the copy (the wake-word net's
# 49x1x48), no activation, the last group beyond the records' form, two
# lines, without records. Cases 16-23: three taps at stride 2 (dw3s2l,
# its lines' passes set up by counts): lines of 4 k to 4 k + 3 outputs, a
# line of one pass, several lines, more passes than a call's 32, padded
# rows before and after, 'valid'. Fields as LONGK_CASES.
S2WIDE_CASES = [
    ((4, 1, 113), (4, 1), 2, "same", "relu", None),
    ((1, 19, 37), (1, 4), 2, "same", "relu", None),
    ((1, 41, 17), (1, 5), 2, "same", "relu", None),
    ((98, 1, 10), (5, 1), 2, "same", "relu6", None),
    ((23, 1, 50), (6, 1), 2, "same", "relu", None),
    ((1, 8, 111), (1, 7), 2, "same", "relu", None),
    ((8, 1, 122), (8, 1), 2, "same", "relu", None),
    ((1, 20, 32), (1, 6), 2, "same", "relu", None),
    ((16, 1, 26), (15, 1), 2, "same", "relu", None),
    ((20, 1, 24), (4, 1), 2, "same", "relu", None),
    ((21, 1, 24), (4, 1), 2, "same", "relu", None),
    ((49, 1, 48), (5, 1), 2, "same", "relu", None),
    ((1, 19, 37), (1, 4), 2, "same", None, None),
    ((12, 1, 16), (5, 1), 2, "same", "relu", "scaled"),
    ((14, 2, 16), (5, 1), 2, "same", "relu", None),
    ((1, 19, 37), (1, 4), 2, "same", "relu", None),
    ((1, 32, 16), (1, 3), 2, "same", "relu", None),
    ((1, 11, 43), (1, 3), 2, "same", "relu", None),
    ((1, 14, 20), (1, 3), 2, "same", "relu", None),
    ((9, 1, 24), (3, 1), 2, "same", "relu", None),
    ((8, 1, 24), (3, 1), 2, "same", "relu", None),
    ((15, 3, 16), (3, 1), 2, "valid", "relu", None),
    ((23, 2, 16), (3, 1), 2, "same", "relu6", None),
    ((33, 10, 8), (3, 1), 2, "same", "relu", None),
]
S2WIDE_WITHOUT_RECORDS = (15,)


layer_family("s2wide_", 130_000, S2WIDE_CASES, without_records=S2WIDE_WITHOUT_RECORDS)


# One short line of three taps at stride 1 on 8+ channels with the
# converter's dw3 records (branch line6, dw3_line_short in
# nnom_local_dw3line_dsp.c, -O2 with the assembly: the line copied by
# words with its padding for max(out, 4) outputs, nnom_dw3_s8 on the copy,
# under four outputs the overlapping last group's pass of four on the
# stack): (3, 1) and (1, 3), 2 to 9 outputs, 'same' and 'valid' (fewer than
# four outputs), channels a multiple of four and one to three past it;
# and the layers it leaves: ReLU6 and no activation (no records), a copy
# past its bytes, the last group beyond the records' form, two lines,
# without records. Cases 17-18: long padded lines on the line's copy by
# words (dw3_line_one). Fields as LONGK_CASES.
LINE6_CASES = [
    ((3, 1, 23), (3, 1), 1, "same", "relu", None),  # 3 outputs, the overlap on the stack
    ((2, 1, 23), (3, 1), 1, "same", "relu", None),  # 2 outputs, no window inside
    ((1, 2, 9), (1, 3), 1, "same", "relu", None),  # 2 outputs, one channel past
    ((9, 1, 23), (3, 1), 1, "same", "relu", None),  # 9 outputs, dw3p on the copy
    ((1, 6, 40), (1, 3), 1, "same", "relu", None),  # 6 outputs, whole groups
    ((4, 1, 130), (3, 1), 1, "same", "relu", None),  # 4 outputs, two channels past
    ((5, 1, 23), (3, 1), 1, "valid", "relu", None),  # 3 outputs inside
    ((1, 3, 64), (1, 3), 1, "same", "relu", None),  # 3 outputs, whole groups
    ((7, 1, 17), (3, 1), 1, "same", "relu", None),  # 7 outputs, one channel past
    ((1, 4, 12), (1, 3), 1, "valid", "relu", None),  # 2 outputs inside
    ((3, 1, 8), (3, 1), 1, "same", "relu", None),  # 8 channels
    ((3, 1, 23), (3, 1), 1, "same", "relu6", None),  # clamp: no records
    ((3, 1, 23), (3, 1), 1, "same", None, None),  # no activation: no records
    ((3, 1, 200), (3, 1), 1, "same", "relu", None),  # copy past its bytes: no records
    ((3, 1, 23), (3, 1), 1, "same", "relu", "scaled"),  # beyond the records' form
    ((3, 2, 24), (3, 1), 1, "same", "relu", None),  # two lines
    ((3, 1, 23), (3, 1), 1, "same", "relu", None),  # without records
    ((1, 20, 16), (1, 3), 1, "same", "relu", None),  # long line on the copy
    ((49, 1, 21), (3, 1), 1, "same", "relu", None),  # long line, one channel past
]
LINE6_WITHOUT_RECORDS = (16,)


layer_family("line6_", 137_000, LINE6_CASES, without_records=LINE6_WITHOUT_RECORDS)


# Unpadded one-row layers of 4+ taps on 8+ channels straight to the
# one-row loop from the dispatcher's early steps (branch line7,
# nnom_dw_col_early in nnom_local_dwcolin_dsp.c, -O2 with the assembly):
# (k, 1) and (1, k), k 4 to 15, strides 1 and 2, one to ten outputs a line,
# one line or more outputs than lines, 8 to 130 channels, 0 to 3 past a
# multiple of four (the overlapping last group or a tiny lane); and the
# layers it leaves: no more outputs than lines (dw_across_try's), ReLU6
# and no activation, the last group beyond the records' form, without
# records, three taps. Fields as LONGK_CASES.
LINE7_CASES = [
    ((6, 1, 60), (5, 1), 2, "valid", "relu", None),  # one output, whole groups
    ((1, 9, 14), (1, 8), 1, "valid", "relu", None),  # 2 outputs, two past
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),  # 3 outputs, one past
    ((18, 1, 13), (6, 1), 2, "valid", "relu", None),  # 7 outputs, one past (tiny lane)
    ((1, 22, 25), (1, 4), 2, "valid", "relu", None),  # 10 outputs, one past
    ((1, 13, 34), (1, 4), 2, "valid", "relu", None),  # 5 outputs, two past
    ((11, 3, 20), (7, 1), 1, "valid", "relu", None),  # 5 outputs on 3 lines
    ((4, 9, 22), (1, 5), 2, "valid", "relu", None),  # 3 outputs on 2 lines (stride 2)
    ((21, 2, 25), (5, 1), 1, "valid", "relu", None),  # 17 outputs on 2 lines, one past
    ((31, 1, 8), (15, 1), 1, "valid", "relu", None),  # 15 taps, 8 channels
    ((13, 1, 130), (4, 1), 1, "valid", "relu", None),  # 10 outputs, two past
    ((7, 1, 11), (4, 1), 2, "valid", "relu", None),  # 2 outputs, three past
    ((2, 16, 9), (1, 6), 2, "valid", "relu", None),  # 6 outputs, one past
    ((6, 3, 60), (5, 1), 2, "valid", "relu", None),  # 1 output on 2 lines: dw_across_try
    ((18, 1, 13), (6, 1), 2, "valid", "relu6", None),  # clamp: no records
    ((18, 1, 13), (6, 1), 2, "valid", None, None),  # no activation: no records
    ((1, 22, 24), (1, 4), 2, "valid", "relu", "scaled"),  # beyond the records' form
    ((1, 22, 25), (1, 4), 2, "valid", "relu", None),  # without records
    ((1, 9, 14), (1, 3), 2, "valid", "relu", None),  # three taps: dw3s2's
]
LINE7_WITHOUT_RECORDS = (17,)


layer_family("line7_", 142_000, LINE7_CASES, without_records=LINE7_WITHOUT_RECORDS)


# One-row layers whose lines have fewer outputs than groups of four
# channels, on the one-row loop with its loops swapped (branch line8,
# nnom_dwcol_cm_s8 in nnom_local_dwcol_dsp.c, -O2 with the assembly: every
# group at one output, then the next output): unpadded lines
# (nnom_dw_col_early: one output, 2-5 outputs at stride 2, several lines,
# stride 1), padded lines (nnom_dw_line_try), one-output windows holding
# the whole input (nnom_dwone_try), 4 to 17 taps (8 pairs, the swapped
# loop's most; odd and even), 0 to 3 channels past a multiple of four (the
# overlapping last group stays on nnom_dwcol_s8); and the layers it
# leaves: 18 taps (9 pairs), as many outputs as groups or more, ReLU6 and
# no activation (no records), the last group beyond the records' form,
# |bias| near 2^30, without records. Fields as LONGK_CASES.
LINE8_CASES = [
    ((6, 1, 60), (5, 1), 2, "valid", "relu", None),  # one output, 15 groups, odd taps
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),  # 3 outputs, one past
    ((4, 1, 113), (4, 1), 2, "same", "relu", None),  # padded line, 2 outputs, one past
    ((6, 1, 43), (4, 1), 2, "same", "relu", None),  # padded line, 3 outputs, three past
    ((1, 13, 34), (1, 4), 2, "valid", "relu", None),  # 5 outputs, two past
    ((1, 5, 96), (1, 4), 1, "valid", "relu", None),  # stride 1, 2 outputs, 24 groups
    ((2, 7, 48), (1, 4), 1, "valid", "relu", None),  # 4 outputs on 2 lines
    ((17, 1, 40), (16, 1), 1, "valid", "relu", None),  # 8 pairs
    ((19, 1, 42), (17, 1), 1, "valid", "relu", None),  # 8 pairs and a tap, two past
    ((3, 3, 36), (3, 3), 1, "valid", "relu", None),  # one output on the whole input
    ((1, 9, 37), (1, 4), 2, "same", "relu", None),  # padded, 5 outputs, one past
    ((13, 1, 24), (6, 1), 2, "same", "relu", None),  # padded, 7 outputs, 6 groups
    ((20, 1, 40), (18, 1), 1, "valid", "relu", None),  # 9 pairs: nnom_dwcol_s8
    ((1, 19, 37), (1, 4), 2, "same", "relu", None),  # 10 outputs, 9 groups: nnom_dwcol_s8
    ((5, 5, 21), (5, 5), 1, "valid", "relu", None),  # 25 taps on the whole input
    ((1, 8, 37), (1, 4), 2, "valid", "relu6", None),  # clamp: no records
    ((6, 1, 60), (5, 1), 2, "valid", None, None),  # no activation: no records
    ((1, 8, 36), (1, 4), 2, "valid", "relu", "scaled"),  # beyond the records' form
    ((4, 1, 112), (4, 1), 2, "same", "relu", "huge"),  # |bias| near 2^30
    ((6, 1, 60), (5, 1), 2, "valid", "relu", None),  # without records
]
LINE8_WITHOUT_RECORDS = (19,)


layer_family("line8_", 145_000, LINE8_CASES, without_records=LINE8_WITHOUT_RECORDS)

# One-row layers of 4+ taps on the converter's scaled records (branch
# s2req, tag 11: nnom_dwcol_sc_s8 and nnom_dwcol_cmsc_s8, -O2 with the
# assembly, the weights and bias scaled by 2^j a channel, SMMLA and SSAT
# with a fixed shift): padded lines (nnom_dw_line_try) and unpadded ones
# (nnom_dw_col_early), both loops (fewer outputs than groups or not, 9
# pairs), odd and even taps, 0 to 3 channels past a multiple of four (the
# overlapping group on the scaled loop, or a tiny lane), two lines,
# channels on rq_fit.py's words ("small", "scaled", "huge"), ReLU6; and
# three taps at stride 1 on lines of no more outputs than lines
# (dw_across_try, the inside places); and the layers that keep the exact
# records or none: no activation, without records, one output, three taps
# at stride 2, five taps on one output a line (dw_across_try). Fields as
# LONGK_CASES.
S2REQ_CASES = [
    ((4, 1, 113), (4, 1), 2, "same", "relu", None),  # padded, 2 outputs, one past
    ((1, 19, 37), (1, 4), 2, "same", "relu", None),  # padded, 10 outputs, 9 groups, tiny lane
    ((13, 1, 11), (6, 1), 2, "same", "relu", None),  # padded, 7 outputs, three past
    ((1, 13, 34), (1, 4), 2, "valid", "relu", None),  # 5 outputs, two past
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),  # 3 outputs of 9 groups, one past
    ((18, 1, 13), (6, 1), 2, "valid", "relu", None),  # 7 outputs, one past (tiny lane)
    ((1, 9, 14), (1, 8), 1, "valid", "relu", None),  # stride 1, 8 taps, two past
    ((2, 7, 48), (1, 4), 1, "valid", "relu", None),  # 4 outputs on 2 lines
    ((19, 1, 42), (17, 1), 1, "valid", "relu", None),  # 8 pairs and a tap, two past
    ((20, 1, 40), (18, 1), 1, "valid", "relu", None),  # 9 pairs: nnom_dwcol_sc_s8
    ((9, 1, 24), (5, 1), 1, "same", "relu", None),  # padded stride 1, 9 outputs, 6 groups
    ((1, 13, 34), (1, 4), 2, "valid", "relu", "small"),  # the last group on rq_fit's words
    ((16, 1, 64), (4, 1), 2, "same", "relu", None),  # padded, 8 outputs, 16 groups
    ((4, 1, 113), (4, 1), 2, "same", "relu6", None),  # ReLU6 (its range: no clamp left)
    ((1, 13, 34), (1, 4), 2, "valid", None, None),  # no activation: no records
    ((1, 8, 36), (1, 4), 2, "valid", "relu", "scaled"),  # the last group on rq_fit's words
    ((4, 1, 112), (4, 1), 2, "same", "relu", "huge"),  # |bias| near 2^30 (rq_fit's words)
    ((1, 13, 34), (1, 4), 2, "valid", "relu", None),  # without records
    ((6, 1, 60), (5, 1), 2, "valid", "relu", None),  # one output: exact records
    ((1, 11, 43), (1, 3), 2, "same", "relu", None),  # three taps: dw3s2's
    ((6, 3, 60), (5, 1), 2, "valid", "relu", None),  # 1 output on 3 lines: dw_across_try
    ((22, 3, 120), (1, 3), 1, "valid", "relu", None),  # three taps across 22 lines: scaled
    ((4, 10, 20), (3, 1), 1, "valid", "relu", None),  # 2 outputs on 10 lines, 5 groups
    ((5, 4, 10), (1, 3), 1, "valid", "relu", None),  # 2 outputs on 5 lines, two past
    ((3, 4, 24), (1, 3), 1, "valid", "relu", "small"),  # rq_fit's words across 3 lines
]
S2REQ_WITHOUT_RECORDS = (17,)


layer_family("s2req_", 149_000, S2REQ_CASES, without_records=S2REQ_WITHOUT_RECORDS)
# Branch win7 (dw_across_try, -O2 with the assembly): three taps at stride
# 1 on short unpadded lines of no more outputs than lines now take the
# converter's records (every group in one call of the one-row loop):
# (1, 3) and (3, 1), one and two outputs a line, 120, 10 (the last group
# overlapping) and 13 channels; layers that must not: lines dw3 takes (its
# records), padding (border places), 5 channels, ReLU6, no activation,
# the records refused ("scaled"), a huge bias, one built without records.
WIN7L_CASES = [
    ((22, 3, 120), (1, 3), 1, "valid", "relu", None),
    ((20, 3, 10), (1, 3), 1, "valid", "relu", None),
    ((12, 4, 16), (1, 3), 1, "valid", "relu", None),
    ((3, 9, 24), (3, 1), 1, "valid", "relu", None),
    ((4, 6, 13), (3, 1), 1, "valid", "relu", None),
    ((5, 5, 8), (1, 3), 1, "valid", "relu", None),
    ((10, 12, 8), (1, 3), 1, "valid", "relu", None),
    ((9, 7, 8), (1, 3), 1, "valid", "relu", None),
    ((8, 3, 12), (1, 3), 1, "same", "relu", None),
    ((6, 3, 5), (1, 3), 1, "valid", "relu", None),
    ((22, 3, 12), (1, 3), 1, "valid", "relu6", None),
    ((22, 3, 12), (1, 3), 1, "valid", None, None),
    ((22, 3, 12), (1, 3), 1, "valid", "relu", "scaled"),
    ((22, 3, 12), (1, 3), 1, "valid", "relu", "huge"),
    ((22, 3, 12), (1, 3), 1, "valid", "relu", None),
]
# cases built without the records (dw_across_try builds them)
WIN7L_WITHOUT_RECORDS = (14,)


layer_family("win7l_", 146_500, WIN7L_CASES, without_records=WIN7L_WITHOUT_RECORDS)

# The scaled one-row loop's overlapping last group in the whole groups'
# call (branch line9: nnom_dwcol_sco_s8, -O2 with the assembly) and the
# tiny lanes from 8, 18, 54 outputs (one, two, three channels past a
# multiple of four) on nnom_dw_col_early and nnom_dw_line_try: unpadded
# and padded lines, stride 1 and 2, even and odd taps, 9 pairs, two lines,
# one to three channels past, the last group on rq_fit's words; and the
# layers beside it: lanes at the rules' limits (8 and 18 outputs), the
# swapped loop (fewer outputs than groups: the overlapping group's own
# call), no activation (exact records). Fields as LONGK_CASES.
LINE9_CASES = [
    ((18, 1, 13), (6, 1), 2, "valid", "relu", None),  # 7 outputs, one past: folded
    ((14, 1, 13), (4, 1), 2, "valid", "relu", None),  # 6 outputs, one past: folded
    ((1, 12, 18), (1, 8), 1, "valid", "relu", None),  # 5 outputs of 4 groups, two past
    ((20, 1, 15), (5, 1), 2, "valid", "relu", None),  # 8 outputs, three past, odd taps
    ((7, 1, 13), (5, 1), 1, "same", "relu", None),  # padded line, 7 outputs, one past
    ((13, 1, 11), (6, 1), 2, "same", "relu", None),  # padded, 7 outputs of 2 groups, three past
    ((20, 1, 14), (4, 1), 1, "valid", "relu", None),  # 17 outputs, two past: folded
    ((14, 1, 13), (8, 1), 1, "valid", "relu", None),  # 7 outputs of 8 taps, one past
    ((12, 2, 18), (6, 1), 1, "valid", "relu", None),  # two lines of 7 outputs, two past
    ((24, 1, 13), (18, 1), 1, "valid", "relu", None),  # 9 pairs, 7 outputs, one past
    ((14, 1, 13), (4, 1), 2, "valid", "relu", "small"),  # the last group on rq_fit's words
    ((21, 1, 14), (4, 1), 1, "valid", "relu", None),  # 18 outputs, two past: lanes
    ((16, 1, 13), (8, 1), 1, "valid", "relu", None),  # 9 outputs, one past: lanes
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),  # 3 outputs of 9 groups: own call
    ((18, 1, 13), (6, 1), 2, "valid", None, None),  # no activation: exact records
]


layer_family("line9_", 158_000, LINE9_CASES)

# tap2z: two-tap plans' new sets (nnom/ops/dwpair_plan.py): k 9, two places
# sliding at stride 1 whose outputs are the taps' step apart; k 10, the same
# at stride 2; a 'same' layer's border outputs on their own words (second
# tap's weight 0) in sets of up to four places or k 11 (one, no zero
# point); channels 4 k + 1 on few-output 'same' layers with the last channel
# in the overlapping group (back 3) instead of the lane. Cases: k 9 with back
# 0 and 2 and after a sliding 4; k 10 with back 0, 2, 3 and after a set of 4;
# border sets of 4 + 4 + 4, 4 + k 11, 3, 2, k 11 x 2 with back 1, one k 11
# with back 0; the lane in the sets at 3 and 5 outputs a channel; and layers
# near the limits that keep the old sets: a line whose outputs are not the
# taps' step apart (k 6), 6 outputs with the lane (the lane in C), 17 lines
# of borders (in C), ReLU6 (no plan); and |bias| near 2^30 (laid out on
# rq_fit's words, the border words too). (as PAIR6_CASES)
TAP2Z_CASES = [
    ((3, 1, 94), (2, 1), (1, 1), "valid", "relu", 0),  # k 9, back 2
    ((1, 7, 20), (1, 2), (1, 1), "valid", "relu", 0),  # sliding 4 + k 9
    ((4, 1, 18), (2, 1), (2, 1), "valid", "relu", 0),  # k 10, back 2
    ((1, 12, 24), (1, 2), (1, 2), "valid", "relu", 0),  # 4 + k 10
    ((1, 5, 93), (1, 2), (1, 2), "same", "relu", 0),  # k 10 + k 11, the lane in them (back 3)
    ((12, 17, 8), (1, 2), (1, 2), "same", "relu", 0),  # border sets 4 + 4 + 4
    ((5, 7, 12), (1, 2), (1, 2), "same", "relu", 0),  # border sets 4 + k 11
    ((3, 7, 8), (1, 2), (1, 2), "same", "relu", 0),  # a border set of 3
    ((2, 7, 8), (1, 2), (1, 2), "same", "relu", 0),  # a border set of 2
    ((9, 2, 23), (2, 1), (1, 1), "same", "relu", 0),  # k 11 x 2, back 1
    ((1, 9, 28), (1, 2), (1, 1), "same", "relu", 0),  # one k 11
    ((5, 1, 13), (2, 1), (1, 1), "same", "relu", 0),  # the lane in the sets, 5 outputs
    ((3, 2, 12), (2, 1), (1, 2), "valid", "relu", 0),  # outputs not xs apart: k 6
    ((6, 1, 13), (2, 1), (1, 1), "same", "relu", 0),  # 6 outputs: the lane in C
    ((17, 5, 20), (1, 2), (1, 2), "same", "relu", 0),  # 17 lines: borders in C
    ((1, 5, 93), (1, 2), (1, 2), "same", "relu6", 0),  # ReLU6: no plan
    ((5, 1, 13), (2, 1), (1, 1), "same", "relu", "huge"),  # |bias| near 2^30: laid out all the same
]


family("tap2z_", 156_000, len(TAP2Z_CASES), lambda k, rng: pair_case_model(TAP2Z_CASES[k], rng))

# tap2w: k 11 (a border output on the border words, one place) reads a
# group's word by two SXTB16, channels 2 and 3 by SMLADX, two channels'
# records by one LDM; the plan's border sizes count its group at 23, so
# that 2-16 lines of border outputs on 5+ groups are sets of one. Cases:
# k 10 + k 11 with back 3 (the lane in the sets), one k 11 with back 0,
# k 11 x 2 with back 1, 3-6 lines of k 11 on 5-11 groups (back 0, 1, 2;
# after a set of one), and near the limits: 4 groups (a border set of 4),
# the lane (17 channels: borders in C), 17 lines (borders in C), ReLU6 (no
# plan), |bias| near 2^30 (rq_fit's words, the border words too). (as
# PAIR6_CASES)
TAP2W_CASES = [
    ((1, 5, 77), (1, 2), (1, 2), "same", "relu", 0),  # k 10 + k 11, back 3
    ((1, 9, 28), (1, 2), (1, 1), "same", "relu", 0),  # one k 11, back 0
    ((9, 2, 23), (2, 1), (1, 1), "same", "relu", 0),  # k 11 x 2, back 1
    ((4, 9, 20), (1, 2), (1, 2), "same", "relu", 0),  # 4 x k 11 on 5 groups
    ((6, 9, 36), (1, 2), (1, 2), "same", "relu", 0),  # 6 x k 11 on 9 groups
    ((3, 9, 18), (1, 2), (1, 2), "same", "relu", 0),  # 3 x k 11, back 2
    ((2, 7, 31), (1, 2), (1, 1), "same", "relu", 0),  # 2 x k 11, back 1
    ((15, 3, 44), (2, 1), (2, 1), "same", "relu", 0),  # 3 x k 11 on 11 groups, stride 2 down
    ((5, 6, 24), (1, 2), (1, 1), "same", "relu", 0),  # a set of one, then 5 x k 11
    ((4, 9, 16), (1, 2), (1, 2), "same", "relu", 0),  # 4 groups: a border set of 4
    ((3, 9, 17), (1, 2), (1, 2), "same", "relu", 0),  # the lane: borders in C
    ((17, 9, 20), (1, 2), (1, 2), "same", "relu", 0),  # 17 lines: borders in C
    ((4, 9, 20), (1, 2), (1, 2), "same", "relu6", 0),  # ReLU6: no plan
    ((4, 9, 20), (1, 2), (1, 2), "same", "relu", "huge"),  # |bias| near 2^30
]


family("tap2w_", 159_000, len(TAP2W_CASES), lambda k, rng: pair_case_model(TAP2W_CASES[k], rng))

# One short 'same' line of three taps at stride 1, two to four outputs,
# 8+ channels (branch short3: nnom_dw3_short_s8 in nnom_local_dw3sh_dsp.c,
# -O2 with the assembly, straight from the input, the border taps' zero
# point in the bias): (3, 1) and (1, 3), channels a multiple of four and
# one to three past it (the overlapping last group entered at its first
# channel needed), 8 channels; and the layers beside it: 5 outputs,
# 3 outputs 'valid', 7 channels, two lines, ReLU6 and no activation (no
# records), the last group beyond the records' form, |bias| near 2^30,
# one built without records. Fields as LONGK_CASES.
SHORT3_CASES = [
    ((3, 1, 23), (3, 1), 1, "same", "relu", None),  # 3 outputs, three past (skip 1)
    ((1, 3, 22), (1, 3), 1, "same", "relu", None),  # 3 outputs, two past
    ((3, 1, 21), (3, 1), 1, "same", "relu", None),  # 3 outputs, one past
    ((3, 1, 16), (3, 1), 1, "same", "relu", None),  # 3 outputs, whole groups
    ((1, 4, 30), (1, 3), 1, "same", "relu", None),  # 4 outputs, two past
    ((4, 1, 33), (3, 1), 1, "same", "relu", None),  # 4 outputs, one past
    ((4, 1, 27), (3, 1), 1, "same", "relu", None),  # 4 outputs, three past
    ((1, 4, 8), (1, 3), 1, "same", "relu", None),  # 4 outputs, 8 channels
    ((3, 1, 8), (3, 1), 1, "same", "relu", None),  # 3 outputs, 8 channels
    ((3, 1, 23), (3, 1), 1, "same", "relu", "small"),  # the last group on rq_fit's words
    ((2, 1, 23), (3, 1), 1, "same", "relu", None),  # 2 outputs, three past
    ((1, 2, 9), (1, 3), 1, "same", "relu", None),  # 2 outputs, one past
    ((2, 1, 16), (3, 1), 1, "same", "relu", None),  # 2 outputs, whole groups
    ((5, 1, 23), (3, 1), 1, "same", "relu", None),  # 5 outputs: the copy
    ((5, 1, 23), (3, 1), 1, "valid", "relu", None),  # 3 outputs inside: the copy
    ((3, 1, 7), (3, 1), 1, "same", "relu", None),  # 7 channels
    ((3, 2, 24), (3, 1), 1, "same", "relu", None),  # two lines
    ((3, 1, 23), (3, 1), 1, "same", "relu6", None),  # clamp: no records
    ((4, 1, 30), (3, 1), 1, "same", None, None),  # no activation: no records
    ((3, 1, 23), (3, 1), 1, "same", "relu", "scaled"),  # beyond the records' form
    ((4, 1, 30), (3, 1), 1, "same", "relu", "huge"),  # |bias| near 2^30
    ((3, 1, 23), (3, 1), 1, "same", "relu", None),  # without records
]
SHORT3_WITHOUT_RECORDS = (21,)


layer_family("short3_", 161_000, SHORT3_CASES, without_records=SHORT3_WITHOUT_RECORDS)
# Branch swap2 (nnom_dwcol_one_lines, -O2 with the assembly): the one
# channel past a multiple of four (4 g + 1 channels) of nnom_dw_col_early's
# and nnom_dw_line_try's layers on the scaled records, alone on the
# overlapping group's lane 3 (no tiny lane, no overlapping group): 4 to 9
# taps (two to four pairs, even and odd), stride 1 and 2, unpadded and
# padded lines, across and down, the swapped loop's layer (fewer outputs
# than groups), six lines, rq_fit's words, a line past the lane's 128
# entries; and beside it: the rule's refusals (30 outputs of 8 taps, 10
# taps: the lane), no activation (exact records), two past. Fields as
# LONGK_CASES.
SWAP2_CASES = [
    ((18, 1, 13), (4, 1), 2, "valid", "relu", None),  # 8 outputs, 2 pairs, s2
    ((1, 14, 9), (1, 4), 1, "valid", "relu", None),  # 11 outputs across, s1
    ((17, 1, 13), (5, 1), 2, "same", "relu", None),  # padded line, 2 pairs odd, s2
    ((9, 1, 13), (5, 1), 1, "same", "relu", None),  # padded line, s1
    ((1, 8, 37), (1, 4), 2, "valid", "relu", None),  # 3 outputs of 9 groups (swapped loop)
    ((14, 1, 13), (4, 1), 2, "valid", "relu", "small"),  # on rq_fit's words
    ((30, 6, 13), (4, 1), 1, "valid", "relu", None),  # six lines of 27 outputs
    ((1, 20, 9), (1, 9), 1, "valid", "relu", None),  # 4 pairs odd, 12 outputs
    ((16, 1, 13), (8, 1), 2, "valid", "relu", None),  # 4 pairs even, s2
    ((12, 1, 17), (7, 1), 1, "same", "relu", None),  # padded, 3 pairs odd, 4 groups
    ((1, 9, 13), (1, 6), 1, "valid", "relu", None),  # 3 pairs even, 4 outputs
    ((15, 1, 9), (7, 1), 2, "valid", "relu", None),  # 5 outputs of 7 taps, s2: not early's
    ((150, 1, 13), (4, 1), 1, "valid", "relu", None),  # 147 outputs: no lane past 128
    ((1, 37, 9), (1, 8), 1, "valid", "relu", None),  # 30 outputs of 8 taps: the lane
    ((1, 50, 21), (1, 10), 1, "valid", "relu", None),  # 10 taps: the lane
    ((18, 1, 13), (4, 1), 2, "valid", None, None),  # no activation: exact records
    ((18, 1, 14), (4, 1), 2, "valid", "relu", None),  # two past (now swap3's lanes 2 and 3)
]


layer_family("swap2_", 162_000, SWAP2_CASES)

# Three taps at stride 2 on lines of 4 k + 2 outputs (branch s2l3,
# dw3s2l's pass of six, -O2 with the assembly): lines of 6, 10 and 18
# outputs, padded before and after ('same'), after only (an even input)
# and not at all ('valid': row 12 read from the input); 8 to 256 channels,
# one to three past a multiple of four (one past: nnom_dw3s2l1_s8; two:
# both in one call of nnom_dw3s2l2c_s8, also on lines of 4 k and 4 k + 3;
# three: the overlapping last group); more lines than a call's eight;
# five to seven channels on the lanes across a row (dw3s2l_flat); the
# last group on rq_fit's words; and beside it: 4 k + 1 (the pass of one),
# 4 k (passes of four only), ReLU6, a last group beyond the records' form
# (other paths). Fields as LONGK_CASES.
S2L3_CASES = [
    ((1, 11, 43), (1, 3), 2, "same", "relu", None),  # 6, pad both, the overlapping group
    ((11, 1, 16), (3, 1), 2, "same", "relu", None),  # 6 outputs down a column
    ((1, 13, 24), (1, 3), 2, "valid", "relu", None),  # 6, unpadded: row 12 in the input
    ((12, 1, 20), (3, 1), 2, "same", "relu", None),  # 6, padded after only
    ((1, 20, 18), (1, 3), 2, "same", "relu", None),  # 10: a pass of four, six; two past (tail)
    ((1, 36, 17), (1, 3), 2, "same", "relu", None),  # 18: three of four, six; one past
    ((10, 11, 12), (1, 3), (1, 2), "same", "relu", None),  # 10 lines of 6: two calls
    ((13, 8, 6), (3, 1), (2, 1), "valid", "relu", None),  # six channels: lanes across
    ((1, 11, 43), (1, 3), 2, "same", "relu", "small"),  # the last group on rq_fit's words
    ((1, 12, 256), (1, 3), 2, "same", "relu", None),  # 256 channels
    ((26, 1, 20), (3, 1), 2, "same", "relu", None),  # 13: the pass of one
    ((15, 1, 20), (3, 1), 2, "same", "relu", None),  # 8: passes of four only
    ((1, 11, 43), (1, 3), 2, "same", "relu6", None),  # ReLU6: another path
    ((40, 1, 14), (3, 1), 2, "valid", "relu", None),  # 19: two past in one call
    ((9, 10, 22), (3, 1), 2, "same", "relu", None),  # two past, 5 lines
    ((1, 21, 26), (1, 3), 2, "same", "relu", "scaled"),  # two past, the last beyond the form
]


layer_family("s2l3_", 163_000, S2L3_CASES)

# One short three-tap line at stride 1, 8+ channels, past short3's forms
# (branch short4: nnom_dw3_valid_s8 in nnom_local_dw3sh_dsp.c, -O2 with the
# assembly, straight from the input): 'valid' lines of two to four outputs
# (four to six rows, no border) and 'same' lines of five and six outputs
# (the inner ones as the valid form's, the border outputs with the input
# zero point folded into the bias); (3, 1) and (1, 3), channels a multiple
# of four and one to three past it (the overlapping last group entered at
# its first channel needed), 8 channels, the last group on rq_fit's words;
# and the layers beside it: seven outputs 'same' and five 'valid' (the
# copy), 7 channels, two lines, ReLU6 (no records), the last group beyond
# the records' form, |bias| near 2^30, one built without records. Fields
# as LONGK_CASES.
SHORT4_CASES = [
    ((6, 1, 23), (3, 1), 1, "valid", "relu", None),  # valid 4 outputs, three past
    ((1, 6, 22), (1, 3), 1, "valid", "relu", None),  # valid 4 across, two past
    ((6, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 4, whole groups
    ((5, 1, 24), (3, 1), 1, "valid", "relu", None),  # valid 3, whole groups
    ((1, 5, 33), (1, 3), 1, "valid", "relu", None),  # valid 3 across, one past
    ((5, 1, 10), (3, 1), 1, "valid", "relu", None),  # valid 3, two past
    ((4, 1, 11), (3, 1), 1, "valid", "relu", None),  # valid 2, three past
    ((1, 4, 16), (1, 3), 1, "valid", "relu", None),  # valid 2 across, whole groups
    ((5, 1, 40), (3, 1), 1, "same", "relu", None),  # same 5, whole groups
    ((1, 5, 9), (1, 3), 1, "same", "relu", None),  # same 5 across, one past
    ((5, 1, 30), (3, 1), 1, "same", "relu", None),  # same 5, two past
    ((6, 1, 23), (3, 1), 1, "same", "relu", None),  # same 6, three past
    ((1, 6, 8), (1, 3), 1, "same", "relu", None),  # same 6 across, 8 channels
    ((6, 1, 41), (3, 1), 1, "same", "relu", None),  # same 6, one past
    ((6, 1, 22), (3, 1), 1, "same", "relu", "small"),  # same 6 on rq_fit's words
    ((5, 1, 23), (3, 1), 1, "valid", "relu", "small"),  # valid 3 on rq_fit's words
    ((6, 1, 8), (3, 1), 1, "valid", "relu", None),  # valid 4, 8 channels
    ((7, 1, 23), (3, 1), 1, "same", "relu", None),  # same 7: the copy
    ((7, 1, 23), (3, 1), 1, "valid", "relu", None),  # valid 5: the copy
    ((6, 1, 7), (3, 1), 1, "same", "relu", None),  # 7 channels
    ((6, 2, 24), (3, 1), 1, "valid", "relu", None),  # two lines
    ((5, 1, 23), (3, 1), 1, "same", "relu6", None),  # clamp: no records
    ((6, 1, 23), (3, 1), 1, "valid", "relu", "scaled"),  # beyond the records' form
    ((5, 1, 30), (3, 1), 1, "same", "relu", "huge"),  # |bias| near 2^30
    ((6, 1, 23), (3, 1), 1, "same", "relu", None),  # without records
]
SHORT4_WITHOUT_RECORDS = (24,)


layer_family("short4_", 168_000, SHORT4_CASES, without_records=SHORT4_WITHOUT_RECORDS)


# tap2v: k 12 and 13 (nnom/ops/dwpair_plan.py's _walk), the two places of
# k 9 (stride 1) and k 10 (stride 2) walked pair after pair along one line
# in one set, where the counts say so (back not 0: the overlapping group a
# walk of its own); lines that follow on from each other (no border: lx =
# n sx) as one line; an odd last place as a set of one; k 14 and 15, the
# same with the lane's pair after each pair's groups (no odd place, no
# border). Cases: k 13 on 3 and 4 lines taken as one, with an odd place,
# before k 11; k 12 with an odd place, before k 11, on 2 groups; two walks
# (back 1, 2, with an odd place, before k 11); k 15 on one line, 2 lines
# taken as one, 5 lines; k 14; the lane with an odd place (k 12 and 13
# then, the lane in C); lines with a border each (a walk a line: they do
# not follow on); |bias| near 2^30 (rq_fit's words); and layers near the
# limits that keep their sets: 4 places on one group and on one group and
# the overlapping one, 6 places at stride 2 with back 1 (the counts), ReLU6
# (no plan). (as PAIR6_CASES)
TAP2V_CASES = [
    ((3, 20, 8), (1, 2), (1, 2), "same", "relu", 0),  # k 13: 3 lines as one, 15 pairs
    ((24, 1, 17), (2, 1), (2, 1), "same", "relu", 0),  # k 15: the lane's pairs
    ((4, 12, 16), (1, 2), (1, 2), "valid", "relu", 0),  # k 13: 4 lines as one
    ((2, 14, 93), (1, 2), (1, 2), "same", "relu", 0),  # k 15: 2 lines as one
    ((8, 5, 21), (2, 1), (2, 1), "same", "relu", 0),  # k 15 x 5 lines
    ((15, 1, 97), (2, 1), (1, 1), "valid", "relu", 0),  # k 14
    ((6, 1, 13), (2, 1), (1, 1), "valid", "relu", 0),  # k 12 + an odd place, the lane in C
    ((10, 1, 77), (2, 1), (2, 1), "same", "relu", 0),  # k 13 + an odd place, the lane in C
    ((15, 1, 96), (2, 1), (2, 1), "valid", "relu", 0),  # k 13 + an odd place
    ((29, 1, 52), (2, 1), (2, 1), "same", "relu", 0),  # k 13 + k 11
    ((20, 1, 40), (2, 1), (1, 1), "valid", "relu", 0),  # k 12 + an odd place
    ((1, 9, 28), (1, 2), (1, 1), "same", "relu", 0),  # k 12 + k 11
    ((1, 32, 96), (1, 2), (1, 1), "same", "relu", 0),  # k 12 + a place + k 11
    ((9, 1, 8), (2, 1), (1, 1), "valid", "relu", 0),  # k 12 on 2 groups
    ((1, 7, 12), (1, 2), (1, 1), "valid", "relu", 0),  # k 12, 3 pairs
    ((20, 1, 40), (2, 1), (1, 1), "valid", "relu", "huge"),  # |bias| near 2^30
    ((21, 1, 23), (2, 1), (1, 1), "same", "relu", 0),  # k 12 x 2 (back 1) + k 11
    ((9, 1, 22), (2, 1), (1, 1), "valid", "relu", 0),  # k 12 x 2, back 2
    ((6, 1, 110), (2, 1), (1, 1), "valid", "relu", 0),  # k 12 x 2 + an odd place, back 2
    ((1, 9, 30), (1, 2), (1, 1), "same", "relu", 0),  # k 12 x 2 + k 11, back 2
    ((26, 1, 127), (2, 1), (2, 1), "valid", "relu", 0),  # k 13 x 2 + an odd place, back 1
    ((3, 21, 8), (1, 2), (1, 2), "same", "relu", 0),  # k 13 a line, a border set of 3
    ((5, 1, 4), (2, 1), (1, 1), "valid", "relu", 0),  # one group, 4 places: a set
    ((5, 1, 6), (2, 1), (1, 1), "valid", "relu", 0),  # one group and back 2: a set
    ((12, 1, 23), (2, 1), (2, 1), "valid", "relu", 0),  # 6 places, back 1: sets
    ((3, 20, 8), (1, 2), (1, 2), "same", "relu6", 0),  # ReLU6: no plan
]


family("tap2v_", 165_000, len(TAP2V_CASES), lambda k, rng: pair_case_model(TAP2V_CASES[k], rng))


# Branch swap3 (nnom_dwcol_one_lines, -O2 with the assembly): the two
# channels past a multiple of four (4 g + 2) of nnom_dw_col_early's and
# nnom_dw_line_try's layers on the scaled records, alone on the
# overlapping group's lanes 2 and 3 where that group was the course
# (fewer than 18 outputs): 4 to 9 taps (two to four pairs, even and odd),
# stride 1 and 2, across and down, unpadded and padded lines, the swapped
# loop's layers (fewer outputs than groups) and the whole groups' call's,
# four lines, rq_fit's words; one past on the same function (its geometry
# worked out once); and beside it: 20 outputs (the lanes), 10 taps, no
# activation (exact records), three past. Fields as LONGK_CASES.
SWAP3_CASES = [
    ((1, 9, 14), (1, 8), 1, "valid", "relu", None),  # 2 outputs of 3 groups, 4 pairs
    ((1, 12, 18), (1, 8), 1, "valid", "relu", None),  # 5 outputs of 4 groups
    ((1, 9, 22), (1, 8), 1, "valid", "relu", None),  # 2 outputs of 5 groups
    ((12, 1, 14), (8, 1), 1, "valid", "relu", None),  # down, 5 outputs
    ((1, 10, 18), (1, 9), 1, "valid", "relu", None),  # 4 pairs odd
    ((1, 12, 10), (1, 6), 1, "valid", "relu", None),  # 3 pairs even, two groups
    ((15, 1, 10), (5, 1), 2, "valid", "relu", None),  # 2 pairs odd, s2, down
    ((1, 14, 18), (1, 4), 2, "valid", "relu", None),  # 2 pairs even, s2, across
    ((16, 1, 14), (7, 1), 2, "valid", "relu", None),  # 3 pairs odd, s2
    ((9, 1, 14), (5, 1), 1, "same", "relu", None),  # padded line (the copy), s1
    ((1, 12, 22), (1, 6), 2, "same", "relu", None),  # padded line, s2
    ((12, 4, 14), (6, 1), 1, "valid", "relu", None),  # four lines of 7 outputs
    ((1, 9, 14), (1, 8), 1, "valid", "relu", "small"),  # on rq_fit's words
    ((18, 1, 13), (4, 1), 2, "valid", "relu", None),  # one past
    ((1, 14, 9), (1, 4), 1, "valid", "relu", None),  # one past, across
    ((1, 25, 14), (1, 6), 1, "valid", "relu", None),  # 20 outputs: the lanes
    ((1, 12, 14), (1, 10), 1, "valid", "relu", None),  # 10 taps: the group
    ((1, 9, 14), (1, 8), 1, "valid", None, None),  # no activation: exact records
    ((1, 9, 15), (1, 8), 1, "valid", "relu", None),  # three past: the group
]


layer_family("swap3_", 167_000, SWAP3_CASES)


# One 'same' three-tap line at stride 2 of three outputs on five rows or
# six, 8+ channels (branch short5: nnom_dw3_s2_s8 and nnom_dw3_s2e_s8 in
# nnom_local_dw3sh_dsp.c, -O2 with the assembly, on the converter's own
# records after their tag, eight words a channel, the border outputs' zero
# point folded into their bias): (3, 1) and (1, 3), channels a multiple of
# four and one to three past it (the overlapping last group entered at its
# first channel needed), 8 and 40 channels, rq_fit's words, ReLU6 (its
# range the output's: no clamp, taken); and the layers beside them: |bias|
# near 2^30 and beyond the records' form (no records), 7 channels, five
# rows 'valid', seven rows 'same' (dw3s2l) and 'valid', two columns, two
# built without records. Cases 0-8, 15 take nnom_dw3_s2_s8, 11, 18-21
# nnom_dw3_s2e_s8 (checked on the converter's output). Fields as
# LONGK_CASES.
SHORT5_CASES = [
    ((5, 1, 24), (3, 1), 2, "same", "relu", None),  # whole groups
    ((1, 5, 24), (1, 3), 2, "same", "relu", None),  # across, whole groups
    ((5, 1, 9), (3, 1), 2, "same", "relu", None),  # one past
    ((1, 5, 13), (1, 3), 2, "same", "relu", None),  # across, one past
    ((5, 1, 10), (3, 1), 2, "same", "relu", None),  # two past
    ((5, 1, 11), (3, 1), 2, "same", "relu", None),  # three past
    ((5, 1, 8), (3, 1), 2, "same", "relu", None),  # 8 channels
    ((5, 1, 40), (3, 1), 2, "same", "relu", None),  # ten groups
    ((5, 1, 22), (3, 1), 2, "same", "relu", "small"),  # rq_fit's words
    ((5, 1, 30), (3, 1), 2, "same", "relu", "huge"),  # |bias| near 2^30: refused
    ((5, 1, 7), (3, 1), 2, "same", "relu", None),  # 7 channels: not taken
    ((6, 1, 24), (3, 1), 2, "same", "relu", None),  # six rows, no top pad (s2e)
    ((5, 1, 24), (3, 1), 2, "valid", "relu", None),  # two outputs
    ((7, 1, 24), (3, 1), 2, "same", "relu", None),  # four outputs (s2l4: nnom_dw3_s2f_s8)
    ((5, 2, 24), (3, 1), 2, "same", "relu", None),  # two columns
    ((5, 1, 24), (3, 1), 2, "same", "relu6", None),  # ReLU6 folded (no clamp): taken
    ((5, 1, 23), (3, 1), 2, "same", "relu", "scaled"),  # beyond the records' form
    ((5, 1, 24), (3, 1), 2, "same", "relu", None),  # without records
    ((1, 6, 13), (1, 3), 2, "same", "relu", None),  # six across, one past
    ((6, 1, 10), (3, 1), 2, "same", "relu", None),  # six, two past
    ((6, 1, 8), (3, 1), 2, "same", "relu", None),  # six, 8 channels
    ((6, 1, 23), (3, 1), 2, "same", "relu", "small"),  # six, three past, rq_fit's words
    ((6, 1, 7), (3, 1), 2, "same", "relu", None),  # six, 7 channels: not taken
    ((7, 1, 24), (3, 1), 2, "valid", "relu", None),  # seven rows 'valid': not taken
    ((6, 1, 24), (3, 1), 2, "same", "relu", None),  # six, without records
]
SHORT5_WITHOUT_RECORDS = (17, 24)


layer_family("short5_", 174_000, SHORT5_CASES, without_records=SHORT5_WITHOUT_RECORDS)


# One 'same' three-tap line at stride 2 of four outputs on seven rows (one
# pad each end) or eight (the bottom one padded), or of six on 11 or 12,
# 8+ channels (branch s2l4: nnom_dw3_s2f_s8, nnom_dw3_s2g_s8, and
# nnom_dw3_s2a_s8 / _s2b_s8 then nnom_dw3_s2e_s8 in nnom_local_dw3sh_dsp.c,
# -O2 with the assembly, on the converter's records after tags 17, 19, 21,
# 23): (3, 1) and (1, 3), whole groups and one to three channels past a
# multiple of four, 8 and 40 channels, rq_fit's words, ReLU6 folded; and
# beside them, refused: 7 channels, 'valid' lines, nine and 13 rows 'same'
# (dw3s2l), two columns, |bias| near 2^30 and shifts beyond the records'
# form, three built without records. Cases 0-9 take nnom_dw3_s2f_s8,
# 10-16 nnom_dw3_s2g_s8, 27-29 the 11 rows' pair, 30-32 the 12 rows'
# (checked on the converter's output: the records' tag). Fields as
# LONGK_CASES.
S2L4_CASES = [
    ((7, 1, 24), (3, 1), 2, "same", "relu", None),  # whole groups
    ((1, 7, 24), (1, 3), 2, "same", "relu", None),  # across
    ((7, 1, 9), (3, 1), 2, "same", "relu", None),  # one past
    ((1, 7, 13), (1, 3), 2, "same", "relu", None),  # across, one past
    ((7, 1, 10), (3, 1), 2, "same", "relu", None),  # two past
    ((7, 1, 11), (3, 1), 2, "same", "relu", None),  # three past
    ((7, 1, 8), (3, 1), 2, "same", "relu", None),  # 8 channels
    ((7, 1, 40), (3, 1), 2, "same", "relu", None),  # ten groups
    ((7, 1, 22), (3, 1), 2, "same", "relu", "small"),  # rq_fit's words
    ((7, 1, 24), (3, 1), 2, "same", "relu6", None),  # ReLU6 folded (no clamp)
    ((8, 1, 24), (3, 1), 2, "same", "relu", None),  # eight rows, whole groups
    ((1, 8, 24), (1, 3), 2, "same", "relu", None),  # eight across
    ((8, 1, 13), (3, 1), 2, "same", "relu", None),  # eight, one past
    ((8, 1, 10), (3, 1), 2, "same", "relu", None),  # eight, two past
    ((8, 1, 23), (3, 1), 2, "same", "relu", "small"),  # eight, three past, rq_fit's words
    ((8, 1, 8), (3, 1), 2, "same", "relu", None),  # eight, 8 channels
    ((1, 8, 40), (1, 3), 2, "same", "relu", None),  # eight across, ten groups
    ((7, 1, 7), (3, 1), 2, "same", "relu", None),  # 7 channels: not taken
    ((8, 1, 7), (3, 1), 2, "same", "relu", None),  # eight, 7 channels: not taken
    ((7, 1, 24), (3, 1), 2, "valid", "relu", None),  # three outputs: not taken
    ((8, 1, 24), (3, 1), 2, "valid", "relu", None),  # eight 'valid': not taken
    ((9, 1, 24), (3, 1), 2, "same", "relu", None),  # five outputs: dw3s2l
    ((7, 2, 24), (3, 1), 2, "same", "relu", None),  # two columns: not taken
    ((7, 1, 30), (3, 1), 2, "same", "relu", "huge"),  # |bias| near 2^30: refused
    ((7, 1, 23), (3, 1), 2, "same", "relu", "scaled"),  # beyond the records' form
    ((7, 1, 24), (3, 1), 2, "same", "relu", None),  # without records
    ((8, 1, 24), (3, 1), 2, "same", "relu", None),  # eight, without records
    ((11, 1, 16), (3, 1), 2, "same", "relu", None),  # six outputs on 11 rows (s2a, s2e)
    ((1, 11, 13), (1, 3), 2, "same", "relu", None),  # 11 across, one past
    ((11, 1, 22), (3, 1), 2, "same", "relu", "small"),  # 11, two past, rq_fit's words
    ((12, 1, 16), (3, 1), 2, "same", "relu", None),  # six outputs on 12 rows (s2b, s2e)
    ((12, 1, 23), (3, 1), 2, "same", "relu", None),  # 12, three past
    ((1, 12, 8), (1, 3), 2, "same", "relu6", None),  # 12 across, 8 channels, ReLU6
    ((11, 1, 7), (3, 1), 2, "same", "relu", None),  # 11, 7 channels: not taken
    ((13, 1, 16), (3, 1), 2, "same", "relu", None),  # seven outputs: dw3s2l
    ((11, 1, 16), (3, 1), 2, "valid", "relu", None),  # 11 'valid' (five): not taken
    ((12, 1, 16), (3, 1), 2, "same", "relu", None),  # 12, without records
]
S2L4_WITHOUT_RECORDS = (25, 26, 36)


layer_family("s2l4_", 181_000, S2L4_CASES, without_records=S2L4_WITHOUT_RECORDS)


# tap2u: k 16 (nnom/ops/dwpair_plan.py's ONE_PAIRS_K), a plan's set of one
# place on 4+ groups with its groups two a pass; then the one group left
# (odd) and the overlapping group on k 1's loop. Cases: one output pixel of
# 4 (the least), 5, 6 and 16 groups, 29 with back 2, 4 with back 1, 4 and
# the lane in C; (1, 2); stride 2; a set of 4 and one across lines; 'same'
# (a border set k 11 after); a walk's odd place (k 12 and 1x24x123's two
# walks); rq_fit's words (every weight down); and near its limits, kept on k 1: 3 groups, 3
# groups with back 1, a set of 4 and one on 3 groups; the last channel's
# weights down 10^4; ReLU6 (its range whole here: k 16). (as PAIR6_CASES)
TAP2U_CASES = [
    ((2, 1, 118), (2, 1), (1, 1), "valid", "relu", 0),  # 29 groups, back 2
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu", 0),  # 16 groups
    ((2, 1, 16), (2, 1), (1, 1), "valid", "relu", 0),  # 4 groups: two pairs
    ((2, 1, 20), (2, 1), (1, 1), "valid", "relu", 0),  # 5: two pairs and one
    ((2, 1, 26), (2, 1), (1, 1), "valid", "relu", 0),  # 6, back 2
    ((2, 1, 19), (2, 1), (1, 1), "valid", "relu", 0),  # 4, back 1
    ((2, 1, 17), (2, 1), (1, 1), "valid", "relu", 0),  # 4, the lane in C
    ((1, 2, 64), (1, 2), (1, 1), "valid", "relu", 0),  # across
    ((3, 1, 40), (2, 1), (2, 1), "valid", "relu", 0),  # stride 2
    ((2, 5, 24), (2, 1), (1, 1), "valid", "relu", 0),  # a set of 4, then one
    ((2, 1, 40), (2, 1), (1, 1), "same", "relu", 0),  # + a border set (k 11)
    ((1, 2, 22), (1, 2), (1, 1), "same", "relu", 0),  # 5 groups, back 2, k 11
    ((20, 1, 40), (2, 1), (1, 1), "valid", "relu", 0),  # k 12's odd place
    ((1, 24, 123), (1, 2), (1, 1), "same", "relu", 0),  # two walks, the odd place, k 11
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu", "huge"),  # rq_fit's words
    ((2, 1, 12), (2, 1), (1, 1), "valid", "relu", 0),  # 3 groups: k 1
    ((2, 1, 15), (2, 1), (1, 1), "valid", "relu", 0),  # 3 groups, back 1: k 1
    ((2, 5, 12), (2, 1), (1, 1), "valid", "relu", 0),  # a set of 4 and k 1
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu", 1),  # the last channel's weights down 10^4
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu6", 0),  # ReLU6 (its range whole: k 16)
]


family("tap2u_", 173_000, len(TAP2U_CASES), lambda k, rng: pair_case_model(TAP2U_CASES[k], rng))


# swap4: the unpadded one-row layers whose one or two channels past a
# multiple of four go alone, tagged by the converter (NNOM_DWCOL_AL_TAG, the
# geometry in the records' head): one and two past, 4 to 9 taps, stride 1
# and 2, down and across, one and four lines, the swapped groups' loop
# (fewer outputs than groups) and the plain one; at the rule's edges one
# past at out k = 224 and 225 (the lane), two past on 17 and 18 outputs;
# and beside it, refused: 10 taps, padded (nnom_dw_line_try's), three past.
# Fields as LONGK_CASES.
SWAP4_CASES = [
    ((14, 1, 13), (4, 1), 2, "valid", "relu", None),  # one past, 6 outputs, s2 down
    ((8, 1, 61), (5, 1), 2, "valid", "relu", None),  # one past, 2 outputs of 15 groups: swapped
    ((1, 14, 9), (1, 4), 1, "valid", "relu", None),  # one past, across
    ((1, 9, 14), (1, 8), 1, "valid", "relu", None),  # two past, the swapped loop
    ((1, 20, 10), (1, 9), 1, "valid", "relu", None),  # two past, 9 taps, 12 outputs
    ((12, 4, 14), (6, 1), 1, "valid", "relu", None),  # two past, four lines down
    ((3, 16, 13), (1, 7), 2, "valid", "relu", None),  # one past, three lines across, s2
    ((59, 1, 9), (4, 1), 1, "valid", "relu", None),  # one past, 56 x 4 = 224: alone
    ((60, 1, 9), (4, 1), 1, "valid", "relu", None),  # 57 x 4 = 225: the lane
    ((21, 1, 10), (5, 1), 1, "valid", "relu", None),  # two past, 17 outputs: alone
    ((22, 1, 10), (5, 1), 1, "valid", "relu", None),  # 18 outputs: the lanes
    ((1, 9, 14), (1, 8), 1, "valid", "relu", "small"),  # rq_fit's words
    ((1, 14, 13), (1, 10), 1, "valid", "relu", None),  # 10 taps: refused
    ((14, 1, 13), (4, 1), 2, "same", "relu", None),  # padded: the line's copy
    ((1, 14, 15), (1, 4), 1, "valid", "relu", None),  # three past: the group
]


layer_family("swap4_", 172_000, SWAP4_CASES)


# One three-tap line at stride 1 of 2 to 6 rows, 8+ channels, on the
# converter's tag (branch short6: NNOM_DW3S_TAG, nnom_dw3_s8's records
# after it; the dispatcher calls nnom_dw3_short_s8 or nnom_dw3_valid_s8
# without nnom_dw3_line_asks / nnom_dw3_line_try, their buffers asked at
# the first run, -O2 with the assembly): 'same' lines of 2 to 6 outputs
# and 'valid' of 2 to 4, (3, 1) and (1, 3), channels a multiple of four
# and one to three past it, 8 channels, rq_fit's words; and the layers
# beside them: seven outputs 'same' and one 'valid' (untagged), 7
# channels, two lines, |bias| near 2^30 and beyond the records' form (no
# records), one built without records. Cases 0-15 and 22 (ReLU6, its
# range the output's: folded) take the tag (checked on the converter's
# output). Fields as LONGK_CASES.
SHORT6_CASES = [
    ((2, 1, 16), (3, 1), 1, "same", "relu", None),  # same 2, whole groups
    ((1, 2, 16), (1, 3), 1, "same", "relu", None),  # same 2 across
    ((1, 4, 8), (1, 3), 1, "same", "relu", None),  # same 4 across, 8 channels
    ((4, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 2 (nnom_dw3_valid_s8)
    ((1, 4, 16), (1, 3), 1, "valid", "relu", None),  # valid 2 across
    ((5, 1, 16), (3, 1), 1, "same", "relu", None),  # same 5
    ((3, 1, 16), (3, 1), 1, "same", "relu", None),  # same 3
    ((6, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 4
    ((3, 1, 13), (3, 1), 1, "same", "relu", None),  # same 3, one past
    ((2, 1, 10), (3, 1), 1, "same", "relu", None),  # same 2, two past
    ((4, 1, 11), (3, 1), 1, "valid", "relu", None),  # valid 2, three past
    ((6, 1, 9), (3, 1), 1, "same", "relu", None),  # same 6, one past
    ((5, 1, 22), (3, 1), 1, "valid", "relu", "small"),  # valid 3 on rq_fit's words
    ((2, 1, 32), (3, 1), 1, "same", "relu", None),  # same 2, eight groups
    ((1, 6, 8), (1, 3), 1, "same", "relu", None),  # same 6 across, 8 channels
    ((2, 1, 8), (3, 1), 1, "same", "relu", None),  # same 2, 8 channels
    ((7, 1, 16), (3, 1), 1, "same", "relu", None),  # same 7: untagged (the copy)
    ((3, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 1: untagged
    ((4, 1, 7), (3, 1), 1, "same", "relu", None),  # 7 channels: untagged
    ((4, 2, 16), (3, 1), 1, "same", "relu", None),  # two lines: untagged
    ((4, 1, 16), (3, 1), 1, "same", "relu", "huge"),  # |bias| near 2^30: no records
    ((6, 1, 16), (3, 1), 1, "same", "relu", "scaled"),  # beyond the records' form
    ((4, 1, 16), (3, 1), 1, "same", "relu6", None),  # ReLU6 folded (no clamp): taken
    ((3, 1, 16), (3, 1), 1, "same", "relu", None),  # without records
]
SHORT6_WITHOUT_RECORDS = (23,)


layer_family("short6_", 180_000, SHORT6_CASES, without_records=SHORT6_WITHOUT_RECORDS)


# tap2t: a one-place set of 4+ groups on three record words a channel
# (k 17: weights, mult, bias; two channels' records a LDM, four groups a
# pass, the overlapping group's records after the last group's), and a
# plan of that set alone straight to its loop (head word 8 -3). Cases: the
# set alone on 4 to 64 groups with back 0 to 3 and 0 to 3 single groups
# after the passes; k 17 inside plans of several sets (the lane in C, a
# set of 4 before it, a border set after, walks' odd places, stride 2,
# across); the weights' extremes (every weight down, one channel's down);
# and near the limits, kept on k 1: 3 groups, 3 groups with back 1. (as
# PAIR6_CASES)
TAP2T_CASES = [
    ((2, 1, 118), (2, 1), (1, 1), "valid", "relu", 0),  # alone: 7 passes, 1, back 2
    ((2, 1, 16), (2, 1), (1, 1), "valid", "relu", 0),  # alone: one pass
    ((2, 1, 20), (2, 1), (1, 1), "valid", "relu", 0),  # alone: a pass and one
    ((2, 1, 30), (2, 1), (1, 1), "valid", "relu", 0),  # a pass, 3 singles, back 2
    ((2, 1, 19), (2, 1), (1, 1), "valid", "relu", 0),  # one pass, back 1
    ((2, 1, 35), (2, 1), (1, 1), "valid", "relu", 0),  # two passes, back 1
    ((2, 1, 256), (2, 1), (1, 1), "valid", "relu", 0),  # 64 groups
    ((2, 1, 200), (2, 1), (1, 1), "valid", "relu", 0),  # 50 groups
    ((2, 1, 17), (2, 1), (1, 1), "valid", "relu", 0),  # the lane in C: through the plan
    ((1, 2, 64), (1, 2), (1, 1), "valid", "relu", 0),  # across
    ((3, 1, 40), (2, 1), (2, 1), "valid", "relu", 0),  # stride 2
    ((2, 5, 24), (2, 1), (1, 1), "valid", "relu", 0),  # a set of 4, then k 17
    ((2, 1, 40), (2, 1), (1, 1), "same", "relu", 0),  # + a border set (k 11)
    ((1, 2, 22), (1, 2), (1, 1), "same", "relu", 0),  # 5 groups, back 2, k 11
    ((20, 1, 40), (2, 1), (1, 1), "valid", "relu", 0),  # a walk's odd place
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu", "huge"),  # every weight down
    ((2, 1, 64), (2, 1), (1, 1), "valid", "relu", 1),  # the last channel's weights down
    ((2, 1, 12), (2, 1), (1, 1), "valid", "relu", 0),  # 3 groups: k 1
    ((2, 1, 15), (2, 1), (1, 1), "valid", "relu", 0),  # 3 groups, back 1: k 1
]


family("tap2t_", 177_000, len(TAP2T_CASES), lambda k, rng: pair_case_model(TAP2T_CASES[k], rng))


# odd46: a stride-1 line whose places' channels follow on from each other
# ((1,2) lines; (2,1) rows of the width's pixels at stride 1 across) as one
# run of place x channel "channels" in k 17 sets of flat blocks (each
# block's records the same copy of the channels' three words), the line's
# last set with the overlapping group. Cases: one row of a few channels not
# a multiple of four (11: back 1, 7, 6, 14, 10, 9) with and without the
# border set, across, a plane's rows as one line (2x3x50: one set alone;
# 5x3x6: three border lines), lines of (1,2) of their own, the last
# channel's weights down, every weight down; and near the limits, kept off
# it: the runs by less than FLAT_RUNS (38x1x34), the last set's back not
# the layer's (43x1x11), stride 2, stride 2 across, ReLU6, 12 channels
# (no overlapping group: the runs by less than FLAT_RUNS). (as PAIR6_CASES)
ODD46_CASES = [
    ((46, 1, 11), (2, 1), (1, 1), "same", "relu", 0),  # 5 blocks of 8 rows, 5 rows back 1, k 11
    ((1, 46, 11), (1, 2), (1, 1), "same", "relu", 0),  # across
    ((2, 3, 50), (2, 1), (1, 1), "valid", "relu", 0),  # one set alone, back 2
    ((40, 1, 10), (2, 1), (1, 1), "valid", "relu", 0),  # back 2, no border
    ((46, 1, 7), (2, 1), (1, 1), "same", "relu", 0),
    ((20, 1, 6), (2, 1), (1, 1), "same", "relu", 0),
    ((12, 1, 14), (2, 1), (1, 1), "same", "relu", 0),
    ((30, 1, 9), (2, 1), (1, 1), "same", "relu", 0),  # 4 k + 1: no lane in C
    ((5, 3, 6), (2, 1), (1, 1), "same", "relu", 0),  # three border lines
    ((3, 5, 6), (1, 2), (1, 1), "same", "relu", 0),  # three lines of their own
    ((38, 1, 34), (2, 1), (1, 1), "valid", "relu", 0),  # kept on the runs (FLAT_RUNS)
    ((46, 1, 11), (2, 1), (1, 1), "same", "relu", 1),  # the last channel's weights down
    ((2, 3, 50), (2, 1), (1, 1), "valid", "relu", "huge"),  # every weight down
    ((43, 1, 11), (2, 1), (1, 1), "same", "relu", 0),  # back 3 of 1: not flat
    ((46, 1, 11), (2, 1), (2, 1), "same", "relu", 0),  # stride 2
    ((46, 2, 11), (2, 1), (1, 2), "same", "relu", 0),  # stride 2 across
    ((46, 1, 11), (2, 1), (1, 1), "same", "relu6", 0),  # no plan
    ((46, 1, 12), (2, 1), (1, 1), "same", "relu", 0),  # no overlap: kept on the runs
]


family("odd46_", 185_000, len(ODD46_CASES), lambda k, rng: pair_case_model(ODD46_CASES[k], rng))


# linetag (branch s2odd of stop 39): padded one-row lines of whole groups
# (four channels or a multiple of four from 8) on the converter's tag 35
# (NNOM_DWLINE_TAG: the line's copy and the job in the records' head,
# asked at build or the first run): stride 2
# down and across, stride 1, 5 to 16 taps, short lines (5 outputs), 3 and
# 16 groups (the swapped loop: fewer outputs than groups), a line of 2,024
# bytes within the copy, rq_fit's words, ReLU6 (its range whole); and
# beside it, refused (other records or none): a line past the copy at
# stride 2 and 1, a channel past a multiple of four, unpadded, three lines,
# no activation. Fields as LONGK_CASES.
LINETAG_CASES = [
    ((30, 1, 4), (5, 1), 2, "same", "relu", None),  # the task's
    ((1, 24, 4), (1, 5), 2, "same", "relu", None),  # across
    ((9, 1, 4), (5, 1), 2, "same", "relu", None),  # 5 outputs
    ((1, 30, 4), (1, 5), 1, "same", "relu", None),  # stride 1
    ((30, 1, 12), (5, 1), 2, "same", "relu", None),  # 3 groups
    ((1, 30, 8), (1, 9), 2, "same", "relu", None),  # 9 taps
    ((20, 1, 4), (16, 1), 1, "same", "relu", None),  # 16 taps
    ((4, 1, 64), (4, 1), 2, "same", "relu", None),  # 2 outputs of 16 groups: swapped
    ((506, 1, 4), (5, 1), 2, "same", "relu", None),  # 2,036 bytes of copy
    ((1, 30, 12), (1, 5), 2, "same", "relu", "small"),  # rq_fit's words
    ((12, 1, 8), (6, 1), 1, "same", "relu", None),  # even taps: 2 rows before, 3 after
    ((7, 1, 8), (8, 1), 2, "same", "relu", None),  # 4 outputs, 3 rows before
    ((30, 1, 4), (5, 1), 2, "same", "relu6", None),  # ReLU6 (its range whole: taken)
    ((516, 1, 4), (5, 1), 2, "same", "relu", None),  # input past the copy: refused
    ((30, 1, 13), (5, 1), 2, "same", "relu", None),  # one past: refused (tag 11)
    ((30, 1, 4), (5, 1), 2, "valid", "relu", None),  # unpadded: refused
    ((30, 3, 4), (5, 1), 2, "same", "relu", None),  # three lines: refused
    ((30, 1, 4), (5, 1), 2, "same", None, None),  # no activation: refused
    ((1, 600, 4), (1, 5), 1, "same", "relu", None),  # a copy of 2,416 bytes: refused
]


layer_family("linetag_", 189_000, LINETAG_CASES)


# Branch short3b: the short three-tap lines' kept runs straight to their
# kernels (the dispatcher keeps tag 25's 'same' line of 2 to 4 outputs on
# nnom_dw3_short_a_s8, its other lines on nnom_dw3_valid_a_s8, both
# reading the layer's arguments, and tags 13-23's stride-2 lines on their
# own step; -O2 with the assembly). Each case runs three inputs, so the
# second and third take the kept step. Cases 0-10 and 18 carry tag 25
# (same 2, 3, 4 / valid 2, 3, 4 / same 5, 6; (3, 1) and (1, 3); channels a
# multiple of four and one to three past it), 11-16 tags 13-23 (three
# outputs on 5 and 6 rows, four on 7 and 8, six on 11 and 12); beside
# them (untagged): seven outputs 'same', one 'valid', 7 channels, a
# stride-2 line of five outputs (dw3s2l), |bias| near 2^30, one built
# without records. Cases 24-27: the tiny loops' three-tap stride-1 lines
# of one to three channels on nnom_dw3c1t_s8 with the converter's records
# (tag 5), kept as DW_TINY (col8's nnom_dw_tiny_run: the geometry alone;
# short3b's DW_TINY3 gave way to it at the merge; since short3e: 24-26 on
# nnom_dw3c1m_s8 / _e_s8, kept as short3e's DW_TINY3); 28 without records. Fields as LONGK_CASES.
SHORT3B_CASES = [
    ((2, 1, 16), (3, 1), 1, "same", "relu", None),  # same 2 (short_a)
    ((1, 3, 12), (1, 3), 1, "same", "relu", None),  # same 3 across
    ((4, 1, 9), (3, 1), 1, "same", "relu", None),  # same 4, one past
    ((4, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 2 (valid_a)
    ((1, 5, 10), (1, 3), 1, "valid", "relu", None),  # valid 3 across, two past
    ((6, 1, 11), (3, 1), 1, "valid", "relu", None),  # valid 4, three past
    ((5, 1, 8), (3, 1), 1, "same", "relu", None),  # same 5, 8 channels
    ((1, 6, 20), (1, 3), 1, "same", "relu", None),  # same 6 across
    ((2, 1, 13), (3, 1), 1, "same", "relu", None),  # same 2, one past
    ((3, 1, 8), (3, 1), 1, "same", "relu6", None),  # same 3, ReLU6 folded
    ((4, 1, 12), (3, 1), 1, "valid", "relu", "small"),  # valid 2 on rq_fit's words
    ((5, 1, 8), (3, 1), 2, "same", "relu", None),  # s2 three on 5 rows (13)
    ((1, 6, 12), (1, 3), 2, "same", "relu", None),  # s2 three on 6 rows (15)
    ((7, 1, 12), (3, 1), 2, "same", "relu", None),  # s2 four on 7 rows (17)
    ((8, 1, 9), (3, 1), 2, "same", "relu", None),  # s2 four on 8 rows (19)
    ((11, 1, 16), (3, 1), 2, "same", "relu", None),  # s2 six on 11 rows (21)
    ((1, 12, 10), (1, 3), 2, "same", "relu", None),  # s2 six on 12 rows (23)
    ((7, 1, 16), (3, 1), 1, "same", "relu", None),  # same 7: untagged
    ((2, 1, 32), (3, 1), 1, "same", "relu", None),  # same 2, eight groups
    ((3, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 1: untagged
    ((4, 1, 7), (3, 1), 1, "same", "relu", None),  # 7 channels: untagged
    ((9, 1, 16), (3, 1), 2, "same", "relu", None),  # s2 five outputs: dw3s2l
    ((4, 1, 16), (3, 1), 1, "same", "relu", "huge"),  # |bias| near 2^30: no records
    ((2, 1, 16), (3, 1), 1, "same", "relu", None),  # without records
    ((48, 2, 1), (3, 1), 1, "valid", "relu", None),  # tiny's nnom_dw3c1t_s8 (DW_TINY3)
    ((30, 3, 2), (3, 1), 1, "same", "relu", None),  # the same, 'same' borders
    ((2, 12, 3), (1, 3), 1, "valid", "relu", None),  # the same across, three channels
    ((2, 1, 3), (3, 1), 1, "same", "relu", None),  # two outputs, the borders alone
    ((20, 3, 2), (3, 1), 1, "same", "relu", None),  # without records: tiny builds them
]
SHORT3B_WITHOUT_RECORDS = (23, 28)


layer_family("short3b_", 187_000, SHORT3B_CASES, without_records=SHORT3B_WITHOUT_RECORDS)

# short3c: nnom_dw3sh's two-output loops with c, out - x and the records'
# end in registers (tag 25: 'same' of two rows, 'valid' of four), whole
# groups only or one to three channels past (the overlapping group's entry
# sets the registers too); beside them the three- and four-output loops
# and untagged lines.
SHORT3C_CASES = [
    ((2, 1, 8), (3, 1), 1, "same", "relu", None),  # same 2, two groups
    ((1, 2, 16), (1, 3), 1, "same", "relu", None),  # same 2 across
    ((2, 1, 9), (3, 1), 1, "same", "relu", None),  # one past
    ((2, 1, 14), (3, 1), 1, "same", "relu6", None),  # two past, ReLU6 folded
    ((1, 2, 11), (1, 3), 1, "same", "relu", None),  # three past, across
    ((2, 1, 24), (3, 1), 1, "same", "relu", "small"),  # six groups, rq_fit's words
    ((4, 1, 8), (3, 1), 1, "valid", "relu", None),  # valid 2, two groups
    ((1, 4, 16), (1, 3), 1, "valid", "relu", None),  # valid 2 across
    ((4, 1, 9), (3, 1), 1, "valid", "relu", None),  # one past
    ((4, 1, 14), (3, 1), 1, "valid", "relu6", None),  # two past, ReLU6
    ((1, 4, 19), (1, 3), 1, "valid", "relu", "small"),  # three past, rq_fit's words
    ((2, 1, 16), (3, 1), 1, "same", "relu", None),  # without records
    ((5, 1, 12), (3, 1), 1, "valid", "relu", None),  # valid 3: the three-output loop
    ((3, 1, 9), (3, 1), 1, "same", "relu", None),  # same 3, one past
    ((2, 1, 7), (3, 1), 1, "same", "relu", None),  # 7 channels: untagged
]
SHORT3C_WITHOUT_RECORDS = (11,)


layer_family("short3c_", 195_000, SHORT3C_CASES, without_records=SHORT3C_WITHOUT_RECORDS)

# short3d: nnom_dw3sh's loops leave by CBNZ with the return in place (every
# loop: the whole groups' end returns, the overlapping group's end goes on
# to the whole groups), and the two-output lines' whole-group entries skip
# the stack words (tag 25 'same' of two to four rows, 'valid' of four to six,
# 'same' of five and six; the stride-2 lines' tags 13-23); whole groups and
# one to three channels past on each, one untagged (nnom_dw3_short_s8's
# entry).
SHORT3D_CASES = [
    ((2, 1, 8), (3, 1), 1, "same", "relu", None),  # same 2, whole
    ((1, 2, 13), (1, 3), 1, "same", "relu", None),  # same 2 across, one past
    ((3, 1, 12), (3, 1), 1, "same", "relu", None),  # same 3, whole
    ((3, 1, 14), (3, 1), 1, "same", "relu6", None),  # same 3, two past, ReLU6
    ((4, 1, 16), (3, 1), 1, "same", "relu", None),  # same 4, whole
    ((1, 4, 11), (1, 3), 1, "same", "relu", None),  # same 4 across, three past
    ((4, 1, 16), (3, 1), 1, "valid", "relu", None),  # valid 2, whole
    ((4, 1, 13), (3, 1), 1, "valid", "relu", "small"),  # valid 2, one past, rq_fit's
    ((5, 1, 8), (3, 1), 1, "valid", "relu", None),  # valid 3, whole
    ((1, 5, 11), (1, 3), 1, "valid", "relu", None),  # valid 3 across, three past
    ((6, 1, 10), (3, 1), 1, "valid", "relu", None),  # valid 4, two past
    ((5, 1, 9), (3, 1), 1, "same", "relu", None),  # same 5, one past
    ((1, 6, 15), (1, 3), 1, "same", "relu", None),  # same 6 across, three past
    ((5, 1, 9), (3, 1), 2, "same", "relu", None),  # s2 three on 5 rows, one past
    ((6, 1, 10), (3, 1), 2, "same", "relu", None),  # s2 three on 6 rows, two past
    ((8, 1, 11), (3, 1), 2, "same", "relu", None),  # s2 four on 8 rows, three past
    ((12, 1, 9), (3, 1), 2, "same", "relu", None),  # s2 six on 12 rows, one past
    ((2, 1, 12), (3, 1), 1, "same", "relu", None),  # without records: untagged
]
SHORT3D_WITHOUT_RECORDS = (17,)


layer_family("short3d_", 200_000, SHORT3D_CASES, without_records=SHORT3D_WITHOUT_RECORDS)

# short3e: the tiny records' three-tap stride-1 layers of one to three
# channels kept as DW_TINY3, a layer's runs one call of nnom_dw3c1m_s8
# ('valid', or 'same' of one padded end) or nnom_dw3c1e_s8 ('same': both
# border outputs in the call): lines down h (3, 1) and along w (1, 3)
# (dd = ol - xl nonzero: 'valid' across, stride 2 across the lines), runs
# of 1 to 18 outputs (odd, 4 k + 2, 4 k), one to four lines, one to three
# channels, rq_fit's words; beside them the layers just outside (two
# outputs 'same', stride 2 along the taps, no records, ReLU6, |bias| near
# 2^30).
SHORT3E_CASES = [
    ((12, 2, 3), (3, 1), 1, "valid", "relu", None),  # 10 outputs, 2 lines, 3 ch
    ((16, 2, 3), (3, 1), 1, "valid", "relu", "small"),  # 14, rq_fit's words
    ((20, 3, 2), (3, 1), 1, "same", "relu", None),  # 'same': 18 runs + borders
    ((3, 20, 2), (1, 3), 1, "same", "relu", None),  # the same along w
    ((2, 12, 3), (1, 3), 1, "valid", "relu", None),  # along w, dd = -6
    ((9, 1, 1), (3, 1), 1, "valid", "relu", None),  # one channel, odd run
    ((11, 4, 1), (3, 1), 1, "same", "relu", "small"),  # 'same', 9 runs, 4 lines
    ((5, 2, 2), (3, 1), 1, "same", "relu", None),  # 'same', a run of 3
    ((3, 2, 3), (3, 1), 1, "same", "relu", None),  # 'same', a run of 1
    ((4, 2, 3), (3, 1), 1, "valid", "relu", None),  # a run of 2
    ((6, 3, 2), (3, 1), 1, "valid", "relu", "small"),  # a run of 4
    ((12, 4, 3), (3, 1), (1, 2), "valid", "relu", None),  # outputs closer than inputs: tag 5 in x
    ((3, 7, 3), (1, 3), 1, "same", "relu", None),  # along w, 3 lines, 'same'
    ((2, 3, 3), (3, 1), 1, "same", "relu", None),  # two outputs: DW_TINY
    ((9, 2, 3), (3, 1), 2, "same", "relu", None),  # stride 2: not DW_TINY3
    ((20, 3, 2), (3, 1), 1, "same", "relu", None),  # without records
    ((10, 2, 2), (3, 1), 1, "same", "relu6", None),  # ReLU6
    ((12, 2, 2), (3, 1), 1, "valid", "relu", "huge"),  # |bias| near 2^30
]
SHORT3E_WITHOUT_RECORDS = (15,)


layer_family("short3e_", 203_000, SHORT3E_CASES, without_records=SHORT3E_WITHOUT_RECORDS)

# short3f: three-tap layers of two channels (zero point -128, no clamp) that
# both nnom_dw2_asks() and nnom_dw_tiny3_asks() take, now DW_TINY3's before
# DW_TWO: (1,3) along w on several rows ('same', 'valid', lines 2 rows
# apart), one column (3,1) and one row (1,3), the longest line the tiny
# records take (entries 128), rq_fit's words, |bias| near 2^30, ReLU6 folded;
# beside them the layers just outside, still DW_TWO's or past both (entries
# 129, the shifts past the records' requantisation, no records, stride 2).
SHORT3F_CASES = [
    ((3, 20, 2), (1, 3), 1, "same", "relu", None),  # the task's shape
    ((4, 10, 2), (1, 3), 1, "valid", "relu", "small"),  # 8 outputs, rq_fit's words
    ((6, 14, 2), (1, 3), (2, 1), "valid", "relu", None),  # lines 2 rows apart
    ((20, 1, 2), (3, 1), 1, "same", "relu", None),  # one column, 'same'
    ((40, 1, 2), (3, 1), 1, "valid", "relu", "huge"),  # one column, |bias| near 2^30
    ((1, 50, 2), (1, 3), 1, "valid", "relu", None),  # one row
    ((1, 125, 2), (1, 3), 1, "same", "relu", None),  # entries 128: the longest
    ((1, 126, 2), (1, 3), 1, "same", "relu", None),  # entries 129: DW_TWO
    ((3, 20, 2), (1, 3), 1, "same", "relu6", None),  # ReLU6 folded (no clamp left)
    ((3, 20, 2), (1, 3), 1, "same", "relu", "scaled"),  # shifts past the records
    ((3, 20, 2), (1, 3), 1, "same", "relu", None),  # without records
    ((3, 21, 2), (1, 3), (1, 2), "same", "relu", None),  # stride 2 along: neither
]
SHORT3F_WITHOUT_RECORDS = (10,)


layer_family("short3f_", 206_000, SHORT3F_CASES, without_records=SHORT3F_WITHOUT_RECORDS)

# tiny3h: DW_TINY3's layers on tag 33 (the loop's job in the records' head,
# the channels' words in the loop's order; asked at build): one column and
# one row of two channels, 'valid' and 'same' ((3,1) and (1,3), dd nonzero
# along w), three channels on two lines, one channel (odd runs, a run of
# one, four lines), lines 2 rows apart, the longest line (entries 128),
# rq_fit's words, |bias| near 2^30, ReLU6 folded; just outside: outputs
# closer than inputs (stride 2 across the lines), two outputs 'same' (tag 5,
# DW_TINY), stride 2, no records, the shifts past the records, four
# channels.
TINY3H_CASES = [
    ((16, 1, 2), (3, 1), 1, "valid", "relu", None),  # the task's shapes
    ((4, 10, 2), (1, 3), 1, "valid", "relu", "small"),
    ((3, 8, 2), (1, 3), 1, "same", "relu", None),
    ((20, 1, 2), (3, 1), 1, "same", "relu", "huge"),
    ((1, 20, 2), (1, 3), 1, "same", "relu", None),
    ((12, 2, 3), (3, 1), 1, "valid", "relu", None),
    ((2, 12, 3), (1, 3), 1, "valid", "relu", "small"),
    ((9, 1, 1), (3, 1), 1, "valid", "relu", None),  # one channel, an odd run
    ((3, 2, 3), (3, 1), 1, "same", "relu", None),  # 'same', a run of one
    ((11, 4, 1), (3, 1), 1, "same", "relu", "small"),  # four lines, one channel
    ((12, 4, 3), (3, 1), (1, 2), "valid", "relu", None),  # outputs closer than inputs: tag 5
    ((6, 14, 2), (1, 3), (2, 1), "valid", "relu", None),  # lines 2 rows apart
    ((1, 125, 2), (1, 3), 1, "same", "relu", None),  # entries 128
    ((2, 3, 3), (3, 1), 1, "same", "relu", None),  # two outputs: tag 5, DW_TINY
    ((9, 2, 3), (3, 1), 2, "same", "relu", None),  # stride 2
    ((20, 1, 2), (3, 1), 1, "same", "relu", None),  # without records
    ((10, 2, 2), (3, 1), 1, "same", "relu6", None),  # ReLU6 folded
    ((3, 20, 2), (1, 3), 1, "same", "relu", "scaled"),  # shifts past the records
    ((12, 2, 4), (3, 1), 1, "valid", "relu", None),  # four channels
]
TINY3H_WITHOUT_RECORDS = (15,)


layer_family("tiny3h_", 209_000, TINY3H_CASES, without_records=TINY3H_WITHOUT_RECORDS)


# short3g: a 'same' three-tap line of two (tag 25) on its own records, the
# padded tap's input zero point in each output's bias ((w0, w1), b1, (w1,
# w2), b0: nnom_dw3_short_a_s8's two-output loop): whole groups and one to
# three channels past, (3,1) and (1,3), rq_fit's words, trained-like scaled
# channels, |bias| near 2^30; beside them the layers just outside (ReLU6,
# seven channels, two lines: untagged; three outputs and 'valid' of two on
# nnom_dw3_s8's layout; no records: nnom_dw3_short_s8's entry).
SHORT3G_CASES = [
    ((2, 1, 8), (3, 1), 1, "same", "relu", None),  # two groups, whole
    ((2, 1, 12), (3, 1), 1, "same", "relu", "small"),  # rq_fit's words
    ((1, 2, 16), (1, 3), 1, "same", "relu", "huge"),  # |bias| near 2^30
    ((2, 1, 13), (3, 1), 1, "same", "relu", "scaled"),  # one past, scaled channels
    ((1, 2, 10), (1, 3), 1, "same", "relu", None),  # two past
    ((2, 1, 11), (3, 1), 1, "same", "relu", "huge"),  # three past, |bias| near 2^30
    ((1, 2, 8), (1, 3), 1, "same", "relu", "scaled"),  # across, scaled channels
    ((2, 1, 9), (3, 1), 1, "same", "relu6", None),  # ReLU6
    ((2, 1, 7), (3, 1), 1, "same", "relu", None),  # seven channels: untagged
    ((2, 2, 8), (3, 1), 1, "same", "relu", None),  # two lines: untagged
    ((3, 1, 12), (3, 1), 1, "same", "relu", None),  # three outputs: the old layout
    ((4, 1, 12), (3, 1), 1, "valid", "relu", None),  # 'valid' of two: the old layout
    ((2, 1, 12), (3, 1), 1, "same", "relu", None),  # without records
]
SHORT3G_WITHOUT_RECORDS = (12,)


layer_family("short3g_", 208_000, SHORT3G_CASES, without_records=SHORT3G_WITHOUT_RECORDS)


# short3h: tag 25's 'valid' line of two (DW_THREE_V2: nnom_dw3_valid2_b_s8
# on whole groups of four channels, the rows' offsets and the records' end
# in three stack words; DW_THREE_V2O: nnom_dw3_valid2o_b_s8, one to three
# channels past, the last four's group entered at 4 - r after the whole
# groups): one to eight groups, (3,1) and (1,3), rq_fit's words,
# trained-like scaled channels, |bias| near 2^30; beside them the layers
# just outside (three outputs; four 'same' outputs; ReLU6, seven channels
# and two lines: untagged; no records).
SHORT3H_CASES = [
    ((4, 1, 8), (3, 1), 1, "valid", "relu", None),  # two groups
    ((1, 4, 8), (1, 3), 1, "valid", "relu", "scaled"),  # across, scaled channels
    ((4, 1, 12), (3, 1), 1, "valid", "relu", "small"),  # rq_fit's words
    ((1, 4, 16), (1, 3), 1, "valid", "relu", "huge"),  # |bias| near 2^30
    ((4, 1, 32), (3, 1), 1, "valid", "relu", "scaled"),  # eight groups
    ((4, 1, 20), (3, 1), 1, "valid", "relu6", None),  # ReLU6 (a clamp): untagged
    ((4, 1, 9), (3, 1), 1, "valid", "relu", None),  # one past
    ((1, 4, 10), (1, 3), 1, "valid", "relu", "scaled"),  # two past
    ((4, 1, 11), (3, 1), 1, "valid", "relu", "huge"),  # three past
    ((5, 1, 8), (3, 1), 1, "valid", "relu", None),  # three outputs
    ((4, 1, 8), (3, 1), 1, "same", "relu", None),  # four 'same' outputs
    ((4, 1, 7), (3, 1), 1, "valid", "relu", None),  # seven channels: untagged
    ((4, 2, 8), (3, 1), 1, "valid", "relu", None),  # two lines: untagged
    ((4, 1, 8), (3, 1), 1, "valid", "relu", None),  # without records
    ((1, 4, 23), (1, 3), 1, "valid", "relu", "small"),  # five groups, three past
    ((4, 1, 14), (3, 1), 1, "valid", "relu", "scaled"),  # three groups, two past
]
SHORT3H_WITHOUT_RECORDS = (13,)


layer_family("short3h_", 214_000, SHORT3H_CASES, without_records=SHORT3H_WITHOUT_RECORDS)


# s2v: tag 37's stride-2 'valid' lines (DW_THREE_S2V: nnom_dw3_s2v_b_s8, two
# outputs on five or six rows; DW_THREE_S2V3: nnom_dw3_s2bv_b_s8, three on
# seven or eight, nnom_dw3_s2b_s8's loop; DW_THREE_S2VP: nnom_dw3_s2vp_b_s8,
# four or six, passes of two; DW_THREE_S2VN: five or seven, the passes and
# nnom_dw3_s2b_s8): one to eight groups, (3,1) and (1,3), rq_fit's words,
# trained-like scaled channels (the form holds: (1,5,8); not: (1,10,12),
# dw3s2l's tag 3), |bias| near 2^30; beside them the layers just outside
# (nine and six channels, eight outputs (tag 1), two lines: untagged;
# 'same' (tag 13); one output; no records).
S2V_CASES = [
    ((5, 1, 8), (3, 1), 2, "valid", "relu", None),  # two outputs, two groups
    ((1, 5, 8), (1, 3), 2, "valid", "relu", "scaled"),  # across, scaled channels
    ((6, 1, 12), (3, 1), 2, "valid", "relu", "small"),  # six rows, rq_fit's words
    ((1, 6, 16), (1, 3), 2, "valid", "relu", "huge"),  # |bias| near 2^30: no records
    ((5, 1, 4), (3, 1), 2, "valid", "relu", None),  # one group
    ((5, 1, 32), (3, 1), 2, "valid", "relu", "small"),  # eight groups
    ((7, 1, 8), (3, 1), 2, "valid", "relu", None),  # three outputs
    ((1, 7, 12), (1, 3), 2, "valid", "relu", None),
    ((8, 1, 16), (3, 1), 2, "valid", "relu", "small"),  # eight rows
    ((1, 8, 8), (1, 3), 2, "valid", "relu", "small"),
    ((7, 1, 24), (3, 1), 2, "valid", "relu", None),  # six groups
    ((5, 1, 8), (3, 1), 2, "valid", "relu6", None),  # ReLU6 at the output's top: tagged
    ((5, 1, 9), (3, 1), 2, "valid", "relu", None),  # nine channels: untagged
    ((17, 1, 8), (3, 1), 2, "valid", "relu", None),  # eight outputs: tag 1
    ((5, 2, 8), (3, 1), 2, "valid", "relu", None),  # two lines: untagged
    ((5, 1, 8), (3, 1), 2, "same", "relu", None),  # 'same': tag 13
    ((3, 1, 8), (3, 1), 2, "valid", "relu", None),  # one output
    ((5, 1, 8), (3, 1), 2, "valid", "relu", None),  # without records
    ((7, 1, 6), (3, 1), 2, "valid", "relu", None),  # six channels: untagged
    ((9, 1, 8), (3, 1), 2, "valid", "relu", None),  # four outputs: two passes
    ((1, 10, 12), (1, 3), 2, "valid", "relu", "scaled"),  # outside the form: tag 3
    ((14, 1, 16), (3, 1), 2, "valid", "relu", "small"),  # six: three passes
    ((11, 1, 8), (3, 1), 2, "valid", "relu", None),  # five: a pass, then three
    ((1, 12, 16), (1, 3), 2, "valid", "relu", "huge"),
    ((16, 1, 24), (3, 1), 2, "valid", "relu", "small"),  # seven: two passes, three
    ((1, 15, 8), (1, 3), 2, "valid", "relu", None),
]
S2V_WITHOUT_RECORDS = (17,)


layer_family("s2v_", 215_000, S2V_CASES, without_records=S2V_WITHOUT_RECORDS)
# one31: one output pixel whose window holds the whole input, on
# DepthwiseConv2D's direct types (the step named at build): tag 31's three
# taps (DW_ONE3: nnom_dwone3_b_s8, a group a pass; DW_ONE3E: channels a
# multiple of eight, two groups a pass) and four (DW_ONE4, on the 2x2
# input of a padded 3x3 window too), the one-row loop's records of 4+ taps
# (DW_ONE_K: 5 to 9 taps on whole groups, the pairs unrolled; DW_ONE_COL:
# nnom_dwone_b_s8, the overlapping last group, a padded
# window, a 3x3 plane); rq_fit's words ("small"), scaled channels, |bias|
# near 2^30 (and 16-32 channels a layer of 5-9 taps: with ReLU a few
# channels' outputs alone might all be clamped); beside them the layers
# just outside (scaled channels on 3x3 and no activation: no records; six
# channels: not tag 31; two outputs; no records).
# /work/notes/one31/tags.txt: each case's first word.
ONE31_CASES = [
    ((3, 1, 8), (3, 1), 1, "valid", "relu", None),  # DW_ONE3E, the task's shape
    ((1, 3, 16), (1, 3), 1, "valid", "relu", "small"),  # DW_ONE3E, rq_fit's words
    ((3, 1, 32), (3, 1), 2, "valid", "relu", "huge"),  # DW_ONE3E, stride 2
    ((3, 1, 12), (3, 1), 1, "valid", "relu", None),  # DW_ONE3, three groups
    ((1, 3, 4), (1, 3), 1, "valid", "relu", "small"),  # DW_ONE3, one group
    ((3, 1, 20), (3, 1), 1, "valid", "relu", "scaled"),  # scaled channels
    ((4, 1, 8), (4, 1), 1, "valid", "relu", None),  # DW_ONE4
    ((2, 2, 12), (3, 3), 2, "same", "relu", None),  # DW_ONE4, padded 3x3 on 2x2
    ((1, 4, 4), (1, 4), 1, "valid", "relu", "small"),  # DW_ONE4, one group
    ((5, 1, 8), (5, 1), 1, "valid", "relu", None),  # DW_ONE_COL
    ((1, 6, 12), (1, 6), 1, "valid", "relu", "small"),  # DW_ONE_COL
    ((7, 1, 4), (7, 1), 1, "valid", "relu", "huge"),  # DW_ONE_COL
    ((8, 1, 13), (8, 1), 1, "valid", "relu", None),  # the overlapping last group
    ((3, 3, 16), (3, 3), 1, "valid", "relu", "scaled"),  # a 3x3 plane, scaled: no records
    ((3, 1, 8), (5, 1), 4, "same", "relu", None),  # a padded window (tag 31, DW_ONE3E)
    ((3, 1, 8), (3, 1), 1, "valid", "relu6", None),  # ReLU6 (no clamp here: tag 31)
    ((3, 1, 8), (3, 1), 1, "valid", None, None),  # no activation: no records
    ((4, 1, 6), (4, 1), 1, "valid", "relu", None),  # six channels: not tag 31
    ((4, 1, 8), (3, 1), 1, "valid", "relu", None),  # two outputs
    ((3, 1, 8), (3, 1), 1, "valid", "relu", None),  # without records
    ((6, 1, 8), (6, 1), 1, "valid", "relu", None),  # without records (4+ taps)
    ((5, 1, 32), (5, 1), 1, "valid", "relu", None),  # DW_ONE_K, eight groups
    ((1, 7, 16), (1, 7), 1, "valid", "relu", None),  # DW_ONE_K, the odd tap
    ((3, 3, 32), (3, 3), 1, "valid", "relu", None),  # DW_ONE_K, nine taps
    ((1, 8, 24), (1, 8), 1, "valid", "relu", "small"),  # DW_ONE_K, four pairs
]
ONE31_WITHOUT_RECORDS = (19, 20)


layer_family("one31_", 218_000, ONE31_CASES, without_records=ONE31_WITHOUT_RECORDS)


# few4: three taps at stride 1 on one line of four channels (DW_FEW's
# table or the one-row loop before): tag 25's short lines ('same' 2 to 6,
# 'valid' 2 to 4 outputs), nnom_dw3_s8's one line (7+ 'same', 5+ 'valid'),
# the tiny loops where a channel's form refuses the records, (3,1) and
# (1,3), scaled channels and |bias| near 2^30; beside them the layers just
# outside (two lines, stride 2, five channels, no activation: output zero
# point not -128).
FEW4_CASES = [
    ((4, 1, 4), (3, 1), 1, "same", "relu", None),
    ((1, 6, 4), (1, 3), 1, "same", "relu", "small"),
    ((9, 1, 4), (3, 1), 1, "same", "relu", "scaled"),
    ((1, 7, 4), (1, 3), 1, "same", "relu", "huge"),
    ((8, 1, 4), (3, 1), 1, "valid", "relu", None),
    ((1, 11, 4), (1, 3), 1, "valid", "relu", "scaled"),
    ((3, 1, 4), (3, 1), 1, "same", "relu", None),
    ((1, 10, 4), (1, 3), 1, "same", "relu", None),
    ((6, 2, 4), (3, 1), 1, "same", "relu", None),
    ((9, 1, 4), (3, 1), 2, "same", "relu", None),
    ((6, 1, 5), (3, 1), 1, "same", "relu", None),
    ((1, 5, 4), (1, 3), 1, "same", None, None),
    ((2, 1, 4), (3, 1), 1, "same", "relu", "scaled"),
    ((1, 4, 4), (1, 3), 1, "valid", "relu", "small"),
    ((1, 30, 4), (1, 3), 1, "same", "relu", "huge"),
]
layer_family("few4_", 220_000, FEW4_CASES)


# few5: DW_THREE_L, one line of three taps at stride 1 on four to seven
# channels run by nnom_dw3_s8 from the block (asked at build): four
# channels' 'same' lines of 7+ outputs (the row-a-word copy) and 'valid'
# of 5+, five to seven channels' 'same' lines of 4-9 outputs (the
# converter's nnom_dw3_s8 records, not the tiny loops') and longer, (3,1)
# and (1,3), scaled channels and |bias| near 2^30; beside them the layers
# just outside (three outputs of five channels: the tiny loops; two lines;
# stride 2; eight channels; no activation; the copy past its buffer).
FEW5_CASES = [
    ((7, 1, 4), (3, 1), 1, "same", "relu", None),
    ((1, 13, 4), (1, 3), 1, "same", "relu", "scaled"),
    ((20, 1, 4), (3, 1), 1, "same", "relu", "huge"),
    ((9, 1, 4), (3, 1), 1, "valid", "relu", None),
    ((1, 14, 4), (1, 3), 1, "valid", "relu", "small"),
    ((4, 1, 5), (3, 1), 1, "same", "relu", None),
    ((8, 1, 5), (3, 1), 1, "same", "relu", "scaled"),
    ((1, 9, 5), (1, 3), 1, "same", "relu", "huge"),
    ((12, 1, 5), (3, 1), 1, "same", "relu", None),
    ((8, 1, 5), (3, 1), 1, "valid", "relu", "scaled"),
    ((6, 1, 6), (3, 1), 1, "same", "relu", None),
    ((1, 5, 6), (1, 3), 1, "same", "relu", "small"),
    ((10, 1, 6), (3, 1), 1, "valid", "relu", "scaled"),
    ((9, 1, 7), (3, 1), 1, "same", "relu", "scaled"),
    ((4, 1, 7), (3, 1), 1, "same", "relu", "huge"),
    ((3, 1, 5), (3, 1), 1, "same", "relu", None),
    ((8, 2, 4), (3, 1), 1, "same", "relu", None),
    ((9, 1, 5), (3, 1), 2, "same", "relu", None),
    ((8, 1, 8), (3, 1), 1, "same", "relu", None),
    ((7, 1, 4), (3, 1), 1, "same", None, None),
    ((1, 6, 7), (1, 3), 1, "same", None, "scaled"),
    ((1, 300, 4), (1, 3), 1, "same", "relu", None),
    ((240, 1, 5), (3, 1), 1, "same", "relu", "scaled"),
]
layer_family("few5_", 224_000, FEW5_CASES)


# Branch kline2: tag 29's one-channel short line (course ONE) on its own
# direct type (tiny_line1: 16 entries filled unrolled, more a word a
# pass; the pixels as the first four's word and the last four's,
# overlapping where m < 8, bytes below four) and the two-pair m loop
# (nnom_dw_tiny2_s1m: four taps at stride 1 on two, three, five to seven
# channels' one line; passes of four, then one of two and the odd one).
# Outputs 1 to 9 (every tail), 'same' pads odd and even, 'valid', both
# axes, trained-like scales. Then lines just outside them: stride 2 (no
# m loop: tiny_chans), three taps (tag 33), two lines (tag 5: tiny_s8's
# tables unchanged), four channels, nine pixels, no activation.
KLINE2_CASES = [
    ((6, 1, 1), (4, 1), 1, "same", "relu", "small"),  # m 6: two words overlapping by two
    ((5, 1, 1), (5, 1), 1, "same", "relu", None),  # m 5
    ((7, 1, 1), (6, 1), 1, "same", "relu", "huge"),  # m 7
    ((1, 8, 1), (1, 7), 1, "same", "relu", None),  # m 8: the words side by side
    ((8, 1, 1), (10, 1), 1, "same", "relu", "small"),  # 18 entries: a word past the 16
    ((8, 1, 1), (16, 1), 1, "same", "relu", None),  # 24 entries, eight pairs (far)
    ((3, 1, 1), (5, 1), 1, "same", "relu6", None),  # m 3: bytes
    ((8, 1, 1), (9, 1), 2, "same", "relu", None),  # stride 2, 16 entries
    ((6, 1, 2), (4, 1), 1, "same", "relu", None),  # m loop: a pass and a pair
    ((6, 1, 3), (4, 1), 1, "same", "relu", "small"),
    ((1, 6, 3), (1, 4), 1, "same", "relu", None),  # across
    ((6, 1, 5), (4, 1), 1, "same", "relu", "huge"),  # five channels (tiny_line56)
    ((7, 1, 6), (4, 1), 1, "same", "relu", None),  # six: a pass, a pair, the odd one
    ((9, 1, 7), (4, 1), 1, "same", "relu", "small"),  # seven: two passes, the odd one
    ((4, 1, 3), (4, 1), 1, "valid", "relu", None),  # one output: the odd one alone
    ((5, 1, 2), (4, 1), 1, "valid", "relu", None),  # two: the pair alone
    ((11, 1, 3), (3, 1), 1, "same", "relu", None),  # three taps: not the m loop's
    ((12, 1, 3), (4, 1), 1, "same", "relu", None),  # twelve: three passes
    ((8, 1, 3), (4, 1), 2, "same", "relu", None),  # stride 2: tiny_chans
    ((6, 2, 2), (4, 1), 1, "same", "relu", None),  # two lines: tag 5
    ((6, 1, 4), (4, 1), 1, "same", "relu", None),  # four channels: other paths
    ((9, 1, 1), (4, 1), 1, "same", "relu", None),  # nine pixels: not course ONE
    ((6, 1, 3), (4, 1), 1, "same", None, None),  # refused: no activation
]

layer_family("kline2_", 234_100, KLINE2_CASES, without_records=(0, 9))


# Branch kline3: tag 29's one-channel short line at stride 1 straight from
# a byte block (tiny_direct1: the pixels in a 24-byte block of the zero
# point's bytes, a word SXTB16'd into (x_j, x_j+2) and (x_j+1, x_j+3)
# against the weights regrouped as (w0, w2), (w1, w3); outputs in pairs).
# Four to eight taps (groups of four taps: one, two; k 5 without the odd
# taps' SMLAD), one to eight outputs (pairs, the odd one), pads odd and
# even, 'valid', both axes, pixels below four (bytes), one pixel; then
# just outside: nine and ten taps, stride 2, eleven and twelve taps, nine
# pixels, two channels, three taps (the buffer and the other courses).
KLINE3_CASES = [
    ((6, 1, 1), (4, 1), 1, "same", "relu", None),  # one group, three pairs
    ((1, 6, 1), (1, 4), 1, "same", "relu", "small"),  # across
    ((5, 1, 1), (4, 1), 1, "same", "relu6", "huge"),  # two pairs and the odd one
    ((6, 1, 1), (5, 1), 1, "same", "relu", None),  # k 5: no odd taps in group 2
    ((1, 7, 1), (1, 6), 1, "same", "relu", "scaled"),
    ((8, 1, 1), (7, 1), 1, "same", "relu", None),  # m 8, pad 3
    ((8, 1, 1), (4, 1), 1, "same", "relu", "scaled"),  # m 8, eight outputs
    ((6, 1, 1), (8, 1), 1, "same", "relu", "small"),
    ((6, 1, 1), (9, 1), 1, "same", "relu", None),  # nine taps: the line buffer
    ((7, 1, 1), (10, 1), 1, "same", "relu", "huge"),
    ((1, 8, 1), (1, 10), 1, "same", "relu", None),
    ((3, 1, 1), (4, 1), 1, "same", "relu", None),  # m 3: bytes
    ((2, 1, 1), (6, 1), 1, "same", "relu", "small"),  # m 2
    ((1, 1, 1), (5, 1), 1, "same", "relu", None),  # m 1: one output
    ((8, 1, 1), (4, 1), 1, "valid", "relu", None),  # five outputs, no pad
    ((1, 8, 1), (1, 5), 1, "valid", "relu", "scaled"),  # four outputs
    ((8, 1, 1), (8, 1), 1, "valid", "relu", None),  # one output
    ((8, 1, 1), (4, 1), 2, "same", "relu", None),  # stride 2: the line buffer
    ((8, 1, 1), (11, 1), 1, "same", "relu", None),  # eleven taps: the line buffer
    ((6, 1, 1), (12, 1), 1, "same", "relu", "small"),
    ((9, 1, 1), (5, 1), 1, "same", "relu", None),  # nine pixels: not course ONE
    ((6, 1, 2), (5, 1), 1, "same", "relu", None),  # two channels
    ((6, 1, 1), (3, 1), 1, "same", "relu", None),  # three taps: tag 33
    ((6, 1, 1), (6, 1), 1, "same", None, None),  # refused: no activation
]

layer_family("kline3_", 234_400, KLINE3_CASES, without_records=(0, 4))
