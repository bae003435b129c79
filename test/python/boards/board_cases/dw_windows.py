"""Depthwise 2D windows (the window loop, dwrect, the group path) and
layers of few output pixels."""

from __future__ import annotations

import numpy as np

import keras_factory as kf

from .common import scale_last_channels
from .registry import family, layer_family, odd_channels_family

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
        scale_last_channels(model.layers[-1], 4)
    return model


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


family("dwwin", 82_000, len(DWWIN_CASES), dwwin_model, without_records=DWWIN_WITHOUT_RECORDS)
layer_family("dwrect", 91_000, DWRECT_CASES)
layer_family("rectodd", 93_000, RECTODD_CASES)
layer_family("fewpx", 96_000, FEWPX_CASES)
layer_family("rectp_", 107_000, RECTP_CASES, without_records=RECTP_WITHOUT_RECORDS)
odd_channels_family("dwgrp_", 105_000, DWGRP_CASES)
odd_channels_family("win2_", 112_000, WIN2_CASES, without_records=WIN2_WITHOUT_RECORDS)
odd_channels_family("win3_", 115_000, WIN3_CASES, without_records=WIN3_WITHOUT_RECORDS)
family("rqfit2_", 122_000, len(RQFIT2_CASES), rqfit2_model, without_records=RQFIT2_WITHOUT_RECORDS)
odd_channels_family("rect2d_", 127_000, RECT2D_CASES)


# Branch win4 (2D windows, -O2 with the assembly): the window loop's one
# channel over a multiple of four (nnom_dwwin_tail: weights two to a word)
# at 3x3 and 5x5, strides 1 and 2, one strip of the copy and several, the
# copy's border padded on no column, one and two; 5x5 at stride 2 on 5 to 7
# channels on the window loop where lines have at most four outputs or the
# plane fits one strip, else dwch; 3x3 at stride 1 on 5 to 7 channels on
# dwch where the window loop's copy cannot hold the rows or on 6 channels
# from 144 outputs; and layers that must take the other paths: ReLU6 and
# no activation (the window loop refuses), the last channel beyond the fast
# requantisation (the tail's exact loop, dwch's refusal), the records left
# out (the window loop builds its own); dwch's padded rows set once where
# the plane is one band (and per band where not: 40x30x2). Same fields as
# DWODD_CASES.
WIN4_CASES = [
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", False),
    ((11, 5, 5), (3, 3), 1, 1, "same", "relu", False),
    ((13, 13, 5), (5, 5), 2, 1, "same", "relu", False),
    ((12, 9, 13), (5, 5), 1, 1, "valid", "relu", False),
    ((17, 9, 9), (3, 3), 2, 1, "valid", "relu", False),
    ((16, 10, 13), (3, 3), 1, 1, "same", "relu", False),
    ((40, 8, 9), (3, 3), 1, 1, "same", "relu", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu6", False),
    ((18, 6, 9), (3, 3), 2, 1, "same", "relu", True),
    ((11, 7, 5), (3, 3), 1, 1, "valid", None, False),
    ((41, 5, 6), (5, 5), 2, 1, "same", "relu", False),
    ((41, 5, 7), (5, 5), 2, 1, "same", "relu6", False),
    ((20, 12, 6), (5, 5), 2, 1, "same", "relu", False),
    ((48, 10, 6), (5, 5), 2, 1, "same", "relu", False),
    ((16, 7, 5), (5, 5), 2, 1, "valid", "relu", True),
    ((41, 5, 6), (5, 5), 2, 1, "same", None, False),
    ((44, 27, 6), (3, 3), 1, 1, "same", "relu", False),
    ((6, 30, 6), (3, 3), 1, 1, "same", "relu", False),
    ((10, 26, 5), (3, 3), 1, 1, "same", "relu6", False),
    ((9, 40, 7), (3, 3), 1, 1, "valid", None, False),
    ((20, 20, 6), (3, 3), 1, 1, "same", "relu", False),
    ((8, 8, 6), (3, 3), 1, 1, "same", "relu", False),
    ((12, 30, 7), (3, 3), 1, 1, "same", "relu", True),
    ((30, 10, 5), (3, 3), 1, 1, "same", "relu", False),
    ((41, 5, 7), (5, 5), 2, 1, "same", "relu", False),
    ((6, 20, 2), (5, 5), 2, 1, "same", "relu", False),
    ((7, 19, 3), (4, 4), 1, 1, "same", "relu6", False),
    ((40, 30, 2), (5, 5), 1, 1, "same", "relu", False),
]
# cases built without the records (the kernel builds its own)
WIN4_WITHOUT_RECORDS = (24,)


odd_channels_family("win4_", 132_000, WIN4_CASES, without_records=WIN4_WITHOUT_RECORDS)


# Branch win5 (dwrect, -O2 with the assembly): border outputs in cells of
# their own on the input (rect_cells: each cell's records with its padded
# taps' weights folded into the bias, no band copies): left and right
# cells ((2,3) and (2,4) at stride 2), top and bottom ((3,2) s2: the
# window's first tap above the input), corners ((2,2) at strides 1 and 2),
# 13 and 6 channels (the last group overlapping), ReLU6 and no activation
# (the exact loop), the last group unscaled ("small") and beyond the loop's
# requantisation ("scaled": the fallback rewrites the groups); layers the
# cells refuse (more than nine cells: (4,5) s1; the plane kept: (2,2) s2
# 15x9) and a (3,4) s2 of eight cells. Same fields as DWRECT_CASES.
WIN5_CASES = [
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((20, 7, 75), (2, 4), 2, "same", "relu", None),
    ((31, 41, 8), (2, 2), 2, "same", "relu", None),
    ((31, 41, 8), (2, 2), 2, "same", None, None),
    ((17, 29, 12), (2, 2), 1, "same", "relu", "small"),
    ((30, 17, 13), (2, 3), 2, "same", "relu6", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", "scaled"),
    ((9, 30, 20), (3, 2), 2, "same", "relu", None),
    ((20, 20, 8), (4, 5), 1, "same", "relu", None),
    ((12, 37, 6), (2, 3), 2, "same", "relu", None),
    ((14, 9, 40), (3, 4), 2, "same", "relu", None),
    ((15, 9, 20), (2, 2), 2, "same", "relu", None),
    ((9, 30, 20), (3, 2), 2, "same", None, "small"),
]


layer_family("win5_", 139_000, WIN5_CASES)


# Branch win6 (the window loop, -O2 with the assembly): one strip of the
# copy on the converter's records runs its groups in one assembly call
# (nnom_dwwin_s8_*g: each group's copy called from there, c advanced by
# four up to the last group, which may overlap): 5x5 and 3x3 at strides 1
# and 2, valid and same, channels a multiple of four, one over (the tail
# after the groups), two and three over (the last group overlapping), one
# output a group and several; 5x5 s2 one output column on 5 to 7 channels
# (the converter's records of the window loop now; dwcols' records were
# read as them: 15x5x6 valid), on two strips (not grouped); layers the
# grouped call leaves: records refused ("scaled"), ReLU6 and no activation
# (the window loop refuses), records left out. Same fields as DWRECT_CASES.
WIN6_CASES = [
    ((6, 8, 11), (5, 5), 2, "valid", "relu", None),
    ((5, 6, 48), (5, 5), 2, "valid", "relu", None),
    ((3, 14, 25), (3, 3), 2, "valid", "relu", None),
    ((8, 8, 13), (3, 3), 1, "same", "relu", None),
    ((9, 9, 6), (5, 5), 1, "valid", "relu", None),
    ((7, 7, 8), (3, 3), 1, "same", "relu", None),
    ((6, 8, 11), (5, 5), 2, "valid", "relu", "scaled"),
    ((32, 6, 6), (5, 5), 2, "valid", "relu", None),
    ((15, 5, 6), (5, 5), 2, "valid", "relu", None),
    ((19, 6, 7), (5, 5), 2, "valid", "relu", None),
    ((12, 12, 12), (3, 3), 2, "same", "relu6", None),
    ((10, 10, 9), (3, 3), 2, "same", None, None),
    ((9, 9, 17), (5, 5), 1, "same", "relu", None),
    ((5, 20, 10), (5, 5), 2, "same", "relu", None),
    ((15, 5, 7), (5, 5), 2, "valid", "relu", None),
]
# cases built without the records (the window loop builds its own)
WIN6_WITHOUT_RECORDS = (14,)


layer_family("win6_", 141_000, WIN6_CASES, without_records=WIN6_WITHOUT_RECORDS)


# Branch win7 (dwrect, -O2 with the assembly): the last group of channels
# one or two past a multiple of four (it overlaps the one before it) on
# lanes 2 and 3 alone (nnom_dwrect2_s8*: two bytes stored at the group's
# third channel), in every form (scaled, the one-row loop's: "small", the
# exact one: no activation), on the input (valid), the padded plane
# (15x9x121), cells and band copies, odd counts of taps (a zero tap ends
# the last pair); layers whose last group keeps four lanes (7, 11
# channels: three past), none overlapping (8), ReLU6, the records refused
# ("scaled": the fallback rewrites the groups) and a huge bias. Same
# fields as DWRECT_CASES.
WIN7_CASES = [
    ((26, 20, 10), (2, 2), 2, "valid", "relu", None),
    ((15, 9, 121), (2, 2), 2, "same", "relu", None),
    ((30, 17, 14), (2, 3), 2, "same", "relu", None),
    ((20, 21, 9), (3, 2), 2, "same", "relu", "small"),
    ((17, 17, 10), (2, 2), 1, "same", None, None),
    ((17, 17, 6), (2, 4), 2, "same", "relu6", None),
    ((12, 13, 5), (4, 2), 1, "same", "relu", None),
    ((16, 16, 11), (2, 2), 2, "same", "relu", None),
    ((16, 16, 8), (2, 3), 2, "valid", "relu", None),
    ((26, 20, 10), (2, 2), 2, "valid", "relu", "scaled"),
    ((26, 20, 10), (2, 2), 2, "valid", "relu", "huge"),
    ((14, 14, 13), (3, 5), 1, "same", "relu", None),
    ((3, 14, 26), (2, 2), 2, "valid", "relu", None),
    ((10, 40, 10), (2, 3), 1, "same", "relu", None),
    ((19, 13, 7), (2, 2), 2, "valid", None, None),
]


layer_family("win7_", 146_000, WIN7_CASES)


# Branch win8 (dwrect, -O2 with the assembly): a group's own records and
# its loop chosen out of line (rect_own; rect_take returns the loop), the
# bands' jobs kept from group to group (the inside's and a band's fields
# set per call, no copy); 3x3 planes of more than FEW_OUT outputs on eight
# or more channels two past a multiple of four on dwrect's records (the
# last group on two lanes): stride 1 and 2, valid and same, the plane,
# cells and band copies, every form (scaled, the one-row loop's: "small",
# exact: no activation), the kernel's own records (rect_own: 7x7 and 5x5
# layers too large for the converter's, the last group on two lanes and
# on four); layers that must keep other paths: one past (13), six channels,
# at most FEW_OUT outputs, padded planes of 64+ channels, ReLU6, the
# records refused ("scaled"), a huge bias. Same fields as DWRECT_CASES.
WIN8_CASES = [
    ((10, 33, 10), (3, 3), 2, "same", "relu", None),
    ((33, 27, 10), (3, 3), 2, "same", "relu", None),
    ((40, 26, 14), (3, 3), 1, "valid", "relu", None),
    ((10, 33, 10), (3, 3), 2, "same", None, None),
    ((10, 33, 10), (3, 3), 2, "same", "relu6", None),
    ((10, 33, 10), (3, 3), 2, "same", "relu", "scaled"),
    ((10, 33, 10), (3, 3), 2, "same", "relu", "huge"),
    ((17, 17, 13), (3, 3), 2, "same", "relu", None),
    ((4, 4, 10), (3, 3), 2, "same", "relu", None),
    ((12, 12, 6), (3, 3), 2, "same", "relu", None),
    ((24, 24, 30), (7, 7), 2, "same", "relu", None),
    ((13, 29, 11), (5, 5), 2, "valid", "relu", None),
    ((14, 7, 72), (3, 2), 2, "valid", "relu", None),
    ((9, 5, 34), (7, 4), 1, "valid", None, None),
    ((47, 7, 54), (5, 2), 2, "same", "relu", None),
    ((30, 17, 14), (2, 3), 2, "same", "relu", "small"),
    ((24, 24, 30), (7, 7), 2, "same", None, None),
    ((21, 20, 18), (3, 3), 1, "same", "relu", "small"),
    # padded, 64 channels or more: the window loop again (and 62 on dwrect)
    ((14, 9, 86), (3, 3), 2, "same", "relu", None),
    ((9, 7, 62), (3, 3), 2, "same", "relu", None),
]


layer_family("win8_", 153_000, WIN8_CASES)


# Branch rect3 (dwrect, -O2 with the assembly): the padded plane's rows
# copied in assembly (nnom_dwrect_rows: eight words a step, the last
# nu % 8 by their index; rows of fewer than eight words, of 8 k + 0..7),
# the loops whose first pair's taps are side by side on the plane
# (nnom_dwrect*_adj: four lanes, and two lanes for the last group one or
# two past a multiple of four; every form: scaled, the one-row loop's
# "small", exact with no activation) and the converter's records copied by
# LDM/STM (nnom_dwrect_take: the plane, bands and cells); the kernel's own
# records on the plane (built without the converter's); three channels;
# layers that keep other paths: no border (16x10), the records refused
# ("scaled"), ReLU6.
# Same fields as DWRECT_CASES.
RECT3_CASES = [
    ((15, 9, 121), (2, 2), 2, "same", "relu", None),
    ((15, 9, 122), (2, 2), 2, "same", "relu", None),
    ((15, 9, 64), (2, 2), 2, "same", None, None),
    ((15, 9, 64), (2, 2), 2, "same", "relu", "small"),
    ((9, 15, 123), (2, 2), 2, "same", "relu", None),
    ((25, 13, 30), (2, 4), 2, "same", "relu", None),
    ((5, 12, 128), (5, 4), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((33, 9, 12), (2, 2), 2, "same", "relu", None),
    ((15, 9, 64), (2, 2), 2, "same", "relu", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((16, 10, 121), (2, 2), 2, "same", "relu", None),
    ((15, 9, 121), (2, 2), 2, "same", "relu", "scaled"),
    ((15, 9, 40), (2, 2), 2, "same", "relu6", None),
    ((23, 11, 17), (3, 2), 2, "same", "relu", None),
    # three channels (rect_narrow: every output on copies, the side-by-side pair)
    ((13, 9, 3), (2, 3), 2, "same", "relu", None),
    ((16, 16, 3), (4, 4), 2, "same", None, None),
]
# cases built without the records (dwrect's own: rect_own on the plane)
RECT3_WITHOUT_RECORDS = (9,)


layer_family("rect3_", 169_000, RECT3_CASES, without_records=RECT3_WITHOUT_RECORDS)


# Branch tap2s (dwrect's padded plane, -O2 with the assembly): the zero
# point written on the plane's border words only (rect_border: the rows
# above and below the input's, the words left and right of each of its
# rows), the inside left to every group's copy. Pads at the end only
# ((2, 2) 'same'), on every side ((5, 4), 7x7, (4, 4)), on the left and
# right of rows ((2, 4)), stride 1 and 2, the exact form, the one-row
# loop's "small", the kernel's own records (built without the
# converter's); layers that keep other paths: ReLU6, no border (16x10).
# Same fields as DWRECT_CASES.
TAP2S_CASES = [
    ((33, 9, 12), (2, 2), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((15, 15, 8), (2, 2), 2, "same", "relu", None),
    ((9, 9, 8), (2, 2), 2, "same", None, None),
    ((33, 9, 16), (2, 2), 2, "same", "relu", "small"),
    ((7, 7, 8), (2, 2), 1, "same", "relu", None),
    ((5, 12, 128), (5, 4), 2, "same", "relu", None),
    ((25, 13, 30), (2, 4), 2, "same", "relu", None),
    ((6, 6, 128), (7, 7), 2, "same", "relu", None),
    ((16, 16, 16), (4, 4), 2, "same", "relu", None),
    ((21, 13, 40), (3, 2), 2, "same", "relu", None),
    ((9, 9, 10), (2, 2), 1, "same", "relu", None),
    ((9, 9, 12), (2, 2), 2, "same", "relu", None),
    # near the limits: other paths
    ((33, 9, 12), (2, 2), 2, "same", "relu6", None),
    ((16, 10, 12), (2, 2), 2, "same", "relu", None),
]
# cases built without the records (dwrect's own: rect_own on the plane)
TAP2S_WITHOUT_RECORDS = (12,)


layer_family("tap2s_", 178_000, TAP2S_CASES, without_records=TAP2S_WITHOUT_RECORDS)


# Branch rect22 (-O2 with the assembly): dwrect's rect_groups on rect_try's
# records (one header check a layer), the plane's border filled by counts
# between its rows, and the dispatcher's kept steps DW_WIN, DW_RECT and
# DW_RECT5 straight to their paths from the second input on (RUNS inputs
# a model): small (2,2) planes at stride 1 and 2 with a border at the end
# (the plane), without one (8x8, valid), the exact form (no activation),
# "small", the kernel's own records (built without the converter's), the
# cells and bands; the window loop (3x3 on 64+ padded channels) and 5x5 of
# channels past a multiple of four (DW_WIN, DW_RECT5); near them, other
# paths: three channels, ReLU6. Same fields as DWRECT_CASES.
RECT22_CASES = [
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((8, 8, 8), (2, 2), 2, "same", "relu", None),
    ((6, 6, 16), (2, 2), 2, "same", None, None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((5, 5, 12), (2, 2), 2, "same", "relu", "small"),
    ((7, 7, 8), (2, 2), 1, "same", "relu", None),
    ((4, 4, 16), (2, 2), 1, "same", "relu", None),
    ((9, 9, 8), (3, 2), 2, "same", "relu", None),
    ((6, 6, 8), (2, 3), 1, "same", "relu", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((7, 7, 10), (2, 2), 2, "same", "relu", None),
    ((14, 9, 86), (3, 3), 2, "same", "relu", None),
    ((13, 29, 11), (5, 5), 2, "valid", "relu", None),
    # near them: other paths
    ((11, 11, 3), (2, 2), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 2, "same", "relu6", None),
]
# cases built without the records (dwrect's own: rect_own on the plane)
RECT22_WITHOUT_RECORDS = (10,)


layer_family("rect22_", 188_000, RECT22_CASES, without_records=RECT22_WITHOUT_RECORDS)


# Branch rectc (-O2 with the assembly): dwrect's plane where the
# converter's header names it (dwrect_records.PLANE: rect_groups' choice
# made at conversion, its prices skipped; rect_plane_offsets): (2,2) at
# stride 1 and 2, (3,2), the exact form (no activation), "small",
# channels past a multiple of four (the last group overlapping), 121
# channels, (2,4), (5,4), 7x7; near it, the layers the header leaves to
# rect_groups' prices (the bands: 8x8, 6x6x16, valid; the cells: (2,3) s2
# 30x17x13), the kernel's own records (built without the converter's),
# three channels, ReLU6. Same fields as DWRECT_CASES.
RECTC_CASES = [
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 1, "same", "relu", None),
    ((9, 9, 8), (3, 2), 2, "same", "relu", None),
    ((5, 5, 12), (2, 2), 2, "same", "relu", "small"),
    ((4, 4, 16), (2, 2), 1, "same", None, None),
    ((9, 9, 10), (2, 2), 1, "same", "relu", None),
    ((15, 9, 121), (2, 2), 2, "same", "relu", None),
    ((25, 13, 30), (2, 4), 2, "same", "relu", None),
    ((5, 12, 128), (5, 4), 2, "same", "relu", None),
    ((6, 6, 128), (7, 7), 2, "same", "relu", None),
    # near it: rect_groups' prices, other paths
    ((8, 8, 8), (2, 2), 2, "same", "relu", None),
    ((6, 6, 16), (2, 2), 2, "same", None, None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((11, 11, 3), (2, 2), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 1, "same", "relu6", None),
]
# cases built without the records (dwrect's own: priced, rect_own)
RECTC_WITHOUT_RECORDS = (14,)


layer_family("rectc_", 198_000, RECTC_CASES, without_records=RECTC_WITHOUT_RECORDS)


# Branch rectd: dwrect's plane with its job in the converter's records (tag
# 27, asked at build: DW_RECT_PLANE). The plane at (2,2) s1 and s2, (3,2),
# (3,5) (an odd count of taps), ten channels (the last group on two lanes),
# the exact form (ReLU6, no activation), "small" and "scaled" (the unscaled
# and rq_fit's forms), 121 channels on a plane of 160 words; border-less
# planes on tag 27 (9x9x4, 7x7x8 valid, 8x8x8 and 6x6x16 s2 'same', (3,2)
# s1 12x12x16 valid); just outside: a border-less plane the bands keep (21x21
# valid), 3x3 and 5x5 (tag 7), a plane over the copy's 576 words ((2,2) s1
# 24x24x8 same), three channels, the cells ((2,3) s2 30x17x13 same) and the
# kernel's own records on a tag-27 shape (built without the converter's).
RECTD_CASES = [
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((5, 5, 12), (2, 2), 2, "same", "relu", "small"),
    ((4, 4, 16), (2, 2), 1, "same", None, None),
    ((7, 7, 8), (2, 2), 1, "same", "relu6", None),
    ((9, 9, 8), (3, 2), 2, "same", "relu", "scaled"),
    ((6, 6, 8), (3, 5), 1, "same", "relu", None),
    ((9, 9, 10), (2, 2), 1, "same", "relu", None),
    ((15, 9, 121), (2, 2), 2, "same", "relu", None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((7, 7, 8), (2, 2), 2, "valid", None, None),
    ((8, 8, 8), (2, 2), 2, "same", "relu", None),
    ((6, 6, 16), (2, 2), 2, "same", "relu", "small"),
    ((12, 12, 16), (3, 2), 1, "valid", "relu", "scaled"),
    # just outside
    ((21, 21, 16), (2, 2), 2, "valid", "relu", None),
    ((9, 9, 8), (3, 3), 2, "same", "relu", None),
    ((24, 24, 8), (2, 2), 1, "same", "relu", None),
    ((11, 11, 3), (2, 2), 2, "same", "relu", None),
    ((30, 17, 13), (2, 3), 2, "same", "relu", None),
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
]
# cases built without the records (dwrect's own, rect_own, on a tag-27 shape)
RECTD_WITHOUT_RECORDS = (18,)


layer_family("rectd_", 202_000, RECTD_CASES, without_records=RECTD_WITHOUT_RECORDS)


# Branch rectf: tag 27's planes of 4, 8 and 12 channels whose rows run
# along the input's pixels, every group's plane copied in one pass
# (nnom_dwrect_rows_g1/g2/g3). Rows of every length mod 4 (two groups) and
# mod 3 (three), some mod 8 (one), rows shorter than one LDM's pixels (the
# tail alone), the whole plane filled, the border alone and none
# (border-less planes), the exact form
# (ReLU6, no activation), "small" and "scaled"; just outside: 16 and 10
# channels, a tall plane (rows down the input: one copy a group) and planes
# whose groups together pass the 576 words.
RECTF_CASES = [
    ((7, 7, 8), (2, 2), 2, "same", "relu", None),
    ((5, 5, 8), (2, 2), 2, "same", None, None),
    ((6, 6, 8), (2, 2), 2, "valid", "relu", "scaled"),
    ((3, 3, 8), (2, 2), 1, "same", "relu6", None),
    ((9, 9, 8), (3, 2), 2, "same", "relu", "small"),
    ((10, 10, 8), (2, 2), 1, "same", "relu", None),
    ((8, 8, 8), (2, 2), 2, "valid", "relu", None),
    ((5, 5, 12), (2, 2), 2, "same", "relu", "small"),
    ((7, 7, 12), (2, 2), 2, "same", None, None),
    ((6, 6, 12), (3, 5), 1, "same", "relu", None),
    ((4, 4, 12), (2, 2), 1, "same", "relu", "scaled"),
    ((9, 9, 12), (2, 2), 1, "valid", "relu6", None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((7, 7, 4), (2, 2), 2, "same", "relu", "small"),
    ((10, 10, 4), (3, 2), 1, "same", "relu6", None),
    ((13, 13, 4), (2, 2), 2, "valid", "relu", "scaled"),
    # just outside
    ((7, 7, 16), (2, 2), 2, "same", "relu", None),
    ((7, 7, 10), (2, 2), 2, "same", "relu", None),
    ((12, 5, 8), (2, 2), 1, "valid", "relu", None),
    ((15, 15, 12), (2, 2), 1, "same", "relu", None),
    ((17, 17, 8), (2, 2), 1, "same", "relu", None),
]


layer_family("rectf_", 210_000, RECTF_CASES)


# Branch rectf, second round: the window loop tests the lines left before
# a line's end and steps from the line's end (xl - n xp, ol - n op). Calls
# of one line (tag 7's bands of one output row: (3,3) s2 17x4 valid, 113
# channels (a two-lane last group) and 60; tag-27 planes of one output row
# or column), lines of one output, and many lines of many outputs at s1
# (every first records word checked: 7 on cases 0-1, 27 on 2-7).
RECTF2_CASES = [
    ((17, 4, 113), (3, 3), 2, "valid", None, "small"),
    ((17, 4, 60), (3, 3), 2, "valid", "relu", "scaled"),
    ((2, 12, 12), (2, 2), 1, "valid", "relu", "scaled"),
    ((12, 2, 8), (2, 2), 1, "valid", "relu", None),
    ((9, 3, 12), (2, 2), 2, "valid", "relu6", None),
    ((11, 11, 8), (2, 2), 1, "same", "relu", None),
    ((9, 9, 8), (2, 2), 1, "same", "relu6", None),
    ((13, 6, 12), (2, 2), 1, "same", None, None),
]


layer_family("rectf2_", 210_050, RECTF2_CASES)


# Branch rectg: tag 27's direct planes (four channels, no padding, every
# window inside the input, lines along its rows: the loop on the input,
# pw the input's width; the down word's DIRECT bit) and the (2,2) loops on
# the header's job (_groups2: one, two and three groups, the scaled and the
# one-row forms, "small" and "scaled"). Direct: input wider than the
# windows' span (9x11: pw 11, span 10), s1, the exact form and a (3,2)
# window (both on the input by the job's loop); just outside: a tall plane
# (rows down the input: the copy), a padded four-channel plane (the copy,
# _groups2), eight channels border-less, the exact form on three groups.
RECTG_CASES = [
    ((9, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu", "small"),
    ((13, 13, 4), (2, 2), 2, "valid", "relu", "scaled"),
    ((9, 11, 4), (2, 2), 2, "valid", "relu", None),
    ((8, 9, 4), (2, 2), 1, "valid", "relu", None),
    ((9, 9, 4), (2, 2), 2, "valid", "relu6", None),
    ((10, 10, 4), (3, 2), 2, "valid", "relu", "scaled"),
    ((5, 5, 12), (2, 2), 2, "same", "relu", None),
    ((6, 6, 12), (2, 2), 1, "same", "relu", "scaled"),
    ((7, 7, 8), (2, 2), 2, "same", "relu", "small"),
    # just outside
    ((11, 9, 4), (2, 2), 2, "valid", "relu", None),
    ((7, 7, 4), (2, 2), 2, "same", "relu", None),
    ((8, 8, 8), (2, 2), 2, "valid", "relu", None),
    ((5, 5, 12), (2, 2), 2, "same", "relu6", None),
]


layer_family("rectg_", 213_000, RECTG_CASES)


# Branch rect7: tag 27's one-group (2,2) planes on DepthwiseConv2D's own
# direct types (NNOM_DW_DIRECT_PLANE1: the copy, not the exact form;
# RECT2S: the input itself, the scaled form's _groups2 loop; "small",
# "scaled" and "huge" weights), planes of at most eight outputs of four
# channels on the input (records-less before: few_table's), and four
# channels along the input's rows (_down27: no border output, or (2,2) of at
# most four times as many output rows as columns): 7x5 and 9x7 valid, 7x5,
# 8x5 (a border along w alone) and 17x5 same, (2,2) s1 9x5 same, 40x4
# valid; a (3,2) few-output plane (the job's loop on the input); 3x3 of
# four channels without padding (direct3: the job's loop on the input, not
# the window loop). Just outside: the exact form (no activation: plane_run,
# the copy and the input), eight channels of few outputs (few_table), a padded few-output plane,
# (3,2) s1 16x5 same (rows down, the copy), (2,2) s1 30x4 same (over four
# times as tall: rows down), eight channels 7x5 same, 3x3 padded, of eight
# channels; ReLU6 3x3 (not the exact form: the job's loop, as case 12).
RECT7_CASES = [
    ((4, 4, 4), (2, 2), 2, "same", "relu", None),
    ((5, 7, 4), (2, 2), 2, "valid", "relu", "huge"),
    ((7, 5, 4), (2, 2), 2, "valid", "relu", "scaled"),
    ((9, 7, 4), (2, 2), 2, "valid", "relu", None),
    ((5, 5, 4), (2, 2), 2, "same", "relu", None),
    ((7, 7, 4), (2, 2), 2, "same", "relu", "small"),
    ((7, 5, 4), (2, 2), 2, "same", "relu", "scaled"),
    ((8, 5, 4), (2, 2), 2, "same", "relu", None),
    ((17, 5, 4), (2, 2), 2, "same", None, None),
    ((9, 5, 4), (2, 2), 1, "same", "relu", "scaled"),
    ((40, 4, 4), (2, 2), 2, "valid", "relu", None),
    ((5, 7, 4), (3, 2), 2, "valid", "relu", None),
    ((7, 7, 4), (3, 3), 2, "valid", "relu", None),
    ((5, 5, 4), (3, 3), 1, "valid", None, "small"),
    ((5, 9, 4), (3, 3), 2, "valid", "relu", "scaled"),
    # just outside
    ((7, 7, 4), (2, 2), 2, "same", None, None),
    ((5, 7, 4), (2, 2), 2, "valid", None, "small"),
    ((5, 7, 8), (2, 2), 2, "valid", "relu", None),
    ((3, 3, 4), (2, 2), 2, "same", "relu", None),
    ((16, 5, 4), (3, 2), 1, "same", "relu", None),
    ((30, 4, 4), (2, 2), 1, "same", "relu", None),
    ((7, 5, 8), (2, 2), 2, "same", "relu", None),
    ((7, 7, 4), (3, 3), 2, "same", "relu", None),
    ((7, 7, 8), (3, 3), 2, "valid", "relu", None),
    ((7, 7, 4), (3, 3), 2, "valid", "relu6", None),
]


layer_family("rect7_", 216_000, RECT7_CASES)


# onepix: one output pixel whose window starts at the input's first pixel
# but is not the whole input, or lies over one or two pixels: tag 43
# (DW_ONE_IN: the taps over the input one line of the input's memory, the
# columns past the window weight 0, the one-row loop's records; asked at
# build, DepthwiseConv2D's direct type): one 'valid' output inside a
# larger input (stride 2 leaving a last row and column), single-pixel
# inputs under (k,1), (1,k) and 3x3 'same' windows (one tap), two pixels
# (a whole input of two taps), the overlapping last group, rq_fit's words
# ("small"), scaled channels, |bias| near 2^30; beside them the layers
# just outside (55 taps, no activation, three channels, two outputs, no
# records). /work/notes/onepix/tags.txt: each case's first word.
ONEPIX_CASES = [
    ((6, 6, 16), (5, 5), 2, "valid", "relu", None),  # 29 taps, four groups
    ((6, 6, 8), (5, 5), 2, "valid", "relu", "small"),
    ((6, 6, 4), (5, 5), 2, "valid", "relu", "huge"),
    ((6, 6, 13), (5, 5), 2, "valid", "relu", None),  # the overlapping last group
    ((4, 4, 8), (3, 3), 2, "valid", "relu", "scaled"),  # 11 taps, scaled channels
    ((1, 1, 16), (3, 1), 1, "same", "relu", None),  # one tap
    ((1, 1, 8), (1, 5), 1, "same", "relu", "small"),
    ((1, 1, 4), (3, 3), 1, "same", "relu", "huge"),
    ((1, 1, 6), (7, 1), 1, "same", "relu", None),  # one tap, the overlapping group
    ((2, 1, 8), (3, 1), 2, "same", "relu", None),  # the whole input, two taps
    ((4, 1, 8), (3, 1), 2, "valid", "relu", None),  # three taps of a longer line
    ((3, 3, 12), (2, 2), 2, "valid", "relu", None),  # (2,2) in 3x3: five taps
    ((8, 8, 16), (7, 7), 2, "valid", "relu", None),  # 55 taps: tag 43 since one77
    ((6, 6, 16), (5, 5), 2, "valid", None, None),  # no activation: no records
    ((1, 1, 3), (3, 1), 1, "same", "relu", None),  # three channels: not tag 43
    ((7, 7, 16), (5, 5), 2, "valid", "relu", None),  # two outputs a row
    ((6, 6, 16), (5, 5), 2, "valid", "relu", None),  # without records
    ((1, 1, 32), (5, 1), 1, "same", "relu", "scaled"),
    ((1, 6, 8), (1, 5), 2, "valid", "relu", "small"),  # one row, a column past
    ((5, 5, 20), (3, 3), 3, "valid", "relu", None),  # stride 3: 11 taps
]
ONEPIX_WITHOUT_RECORDS = (16,)


layer_family("onepix_", 223_000, ONEPIX_CASES, without_records=ONEPIX_WITHOUT_RECORDS)


# win3v: the window loop's one strip on the converter's records
# (dwwin_one: the pads, the copy and the groups' call alone) and five or
# six channels' records from the converter (DW_WIN_ODD ran them on the loop
# building their records every run): 'valid' and 'same' (3,3)/(5,5)
# planes at strides 1 and 2 of 4-24 channels, the overlapping last group
# (6, 7, 10, 11 channels), pads on the right and bottom alone (stride 2 on
# even inputs), rq_fit's words ("small"), scaled channels, |bias| near
# 2^30; beside them the layers just outside (one over a multiple of four:
# the tail, dwwin_run_p; rows past the copy: strips; no activation and no
# records: other paths).
WIN3V_CASES = [
    ((4, 4, 12), (3, 3), 1, "valid", "relu", None),  # dwwin_one, three groups
    ((4, 4, 24), (3, 3), 1, "valid", "relu", "scaled"),
    ((6, 4, 8), (3, 3), 1, "valid", "relu", "small"),
    ((6, 6, 6), (3, 3), 1, "valid", "relu", None),  # the overlapping last group
    ((6, 6, 6), (3, 3), 1, "same", "relu", None),  # six channels: now records
    ((5, 5, 7), (3, 3), 1, "valid", "relu", "huge"),
    ((3, 3, 7), (3, 3), 1, "same", "relu", "scaled"),
    ((4, 3, 4), (3, 3), 1, "same", "relu", None),
    ((8, 8, 7), (3, 3), 2, "same", "relu", None),  # pads right and bottom alone
    ((8, 8, 6), (3, 3), 2, "same", "relu", "small"),
    ((6, 6, 10), (5, 5), 1, "same", "relu", None),  # 5x5, pads two a side
    ((9, 9, 8), (5, 5), 2, "valid", "relu", "scaled"),
    ((7, 8, 5), (3, 3), 1, "valid", "relu", None),  # five: the tail, dwwin_run_p
    ((5, 6, 5), (3, 3), 1, "same", "relu", "huge"),
    ((8, 8, 9), (3, 3), 2, "same", "relu", None),  # nine: the tail
    ((8, 8, 6), (3, 3), 1, "same", "relu", "scaled"),  # six, stride 1
    ((26, 6, 8), (3, 3), 1, "same", "relu", None),  # rows past the copy: strips
    ((6, 6, 6), (3, 3), 1, "same", None, None),  # no activation: not the loop
    ((4, 4, 12), (3, 3), 1, "valid", "relu", None),  # without records
    ((5, 5, 11), (3, 3), 1, "same", "relu", None),  # eleven: the overlapping group
]
WIN3V_WITHOUT_RECORDS = (18,)


layer_family("win3v_", 229_000, WIN3V_CASES, without_records=WIN3V_WITHOUT_RECORDS)


# one77: tag 43's lines of 50 to 56 taps (DW_ONE_INL, nnom_dwcol_long_s8:
# the one-row loop's text with 28 pairs): (7,7) s2 on 8x8 (55 taps) on one,
# two, four groups and the overlapping last group, rq_fit's words, scaled
# channels, |bias| near 2^30; (5,5) s8 on 12x12 (53), (6,6) s4 on 9x9 (51),
# (6,6) s5 on 10x10 (56, even: no odd tap); just outside: 57 taps ((5,5)
# s9 on 13x13), three channels, no activation, two outputs, no records.
# Then tag 43's 11 taps ((3,3) s2 on 4x4) on DW_ONE_IN11, 13 ((3,3) s3 on
# 5x5) on DW_ONE_IN13, and beside them six and seven channels and 15 taps
# (DW_ONE_IN).
ONE77_CASES = [
    ((8, 8, 16), (7, 7), 2, "valid", "relu", None),
    ((8, 8, 8), (7, 7), 2, "valid", "relu", "small"),
    ((8, 8, 4), (7, 7), 2, "valid", "relu", "huge"),
    ((8, 8, 13), (7, 7), 2, "valid", "relu", None),  # the overlapping last group
    ((8, 8, 8), (7, 7), 2, "valid", "relu", "scaled"),
    ((12, 12, 4), (5, 5), 8, "valid", "relu", None),  # 53 taps
    ((9, 9, 8), (6, 6), 4, "valid", "relu", "scaled"),  # 51 taps
    ((10, 10, 8), (6, 6), 5, "valid", "relu", None),  # 56 taps, even
    ((10, 10, 6), (6, 6), 5, "valid", "relu", "small"),  # 56 taps, overlapping group
    ((13, 13, 8), (5, 5), 9, "valid", "relu", None),  # 57 taps: not tag 43
    ((8, 8, 3), (7, 7), 2, "valid", "relu", None),  # three channels: not tag 43
    ((8, 8, 16), (7, 7), 2, "valid", None, None),  # no activation: no records
    ((9, 9, 8), (7, 7), 2, "valid", "relu", None),  # two outputs a row
    ((8, 8, 16), (7, 7), 2, "valid", "relu", None),  # without records
    # tag 43's 11 taps on whole groups (DW_ONE_IN11: the pairs unrolled)
    ((4, 4, 4), (3, 3), 2, "valid", "relu", None),
    ((4, 4, 8), (3, 3), 2, "valid", "relu", "huge"),
    ((4, 4, 16), (3, 3), 2, "valid", "relu", "small"),
    ((4, 4, 12), (3, 3), 2, "valid", "relu", "scaled"),
    ((4, 4, 6), (3, 3), 2, "valid", "relu", None),  # not whole groups: DW_ONE_IN
    ((5, 5, 8), (3, 3), 3, "valid", "relu", None),  # 13 taps: DW_ONE_IN13
    ((5, 5, 4), (3, 3), 3, "valid", "relu", "scaled"),
    ((5, 5, 16), (3, 3), 3, "valid", "relu", "huge"),
    ((5, 5, 7), (3, 3), 3, "valid", "relu", None),  # not whole groups: DW_ONE_IN
    ((6, 6, 8), (3, 3), 4, "valid", "relu", None),  # (3,3) s4 on 6x6: 15 taps, DW_ONE_IN
]
ONE77_WITHOUT_RECORDS = (13,)


layer_family("one77_", 228_000, ONE77_CASES, without_records=ONE77_WITHOUT_RECORDS)


# oddch: three-tap 'same' lines of 8 to 15 channels on the line's copy by
# words (dw3_line_one: the fifth/ninth/thirteenth channel alone on
# nnom_dw3c1_s8, two or three past on the overlapping group's
# nnom_dw3p_s8), not dw3_asm's border runs; and unpadded (3,3) columns at
# stride 1 of 5 to 8 outputs on the window loop's records (dwwin_one), not
# dwrect's. rq_fit's words ("small"), scaled channels, |bias| near 2^30.
# Beside them the layers just outside: lines past NNOM_DW3LINE_COPY, 16
# channels, 'valid', no activation, no records; columns of nine outputs,
# stride 2, one channel over a multiple of four, padded, no records.
# Then padded (k,1)/(1,k) lines of 8+ channels on DW_LINE, whose kept runs
# skip the try's asks (nnom_dw_line_run).
ODDCH_CASES = [
    ((1, 32, 9), (1, 3), 1, "same", "relu", None),  # one past: nnom_dw3c1_s8
    ((49, 1, 9), (3, 1), 1, "same", "relu", "small"),
    ((1, 32, 11), (1, 3), 1, "same", "relu", "scaled"),  # three past: nnom_dw3p_s8
    ((1, 32, 13), (1, 3), 1, "same", "relu", "huge"),
    ((20, 1, 10), (3, 1), 1, "same", "relu", None),  # two past
    ((1, 32, 12), (1, 3), 1, "same", "relu", "scaled"),  # whole groups
    ((1, 32, 8), (1, 3), 1, "same", "relu", None),
    ((1, 40, 15), (1, 3), 1, "same", "relu", "small"),
    ((98, 1, 12), (3, 1), 1, "same", "relu", None),  # past the copy: dw3_asm
    ((1, 32, 16), (1, 3), 1, "same", "relu", None),  # 16 channels (copied before)
    ((1, 32, 9), (1, 3), 1, "valid", "relu", None),  # every window inside
    ((1, 32, 9), (1, 3), 1, "same", None, None),  # no activation: not the line
    ((49, 1, 9), (3, 1), 1, "same", "relu", None),  # without records
    ((8, 3, 16), (3, 3), 1, "valid", "relu", None),  # a column of six: dwwin_one
    ((10, 3, 7), (3, 3), 1, "valid", "relu", "small"),  # eight, overlapping group
    ((10, 3, 24), (3, 3), 1, "valid", "relu", "scaled"),
    ((8, 3, 64), (3, 3), 1, "valid", "relu", "huge"),
    ((7, 3, 6), (3, 3), 1, "valid", "relu", None),  # five outputs, six channels
    ((11, 3, 16), (3, 3), 1, "valid", "relu", None),  # nine outputs: dwrect
    ((12, 3, 16), (3, 3), 2, "valid", "relu", None),  # stride 2: dwrect
    ((8, 3, 9), (3, 3), 1, "valid", "relu", None),  # one over a multiple of four
    ((8, 1, 16), (3, 3), 1, "same", "relu", None),  # padded: dwrect
    ((8, 3, 16), (3, 3), 1, "valid", "relu", None),  # without records
    # DW_LINE's kept runs on nnom_dw_line_run (the try's asks at the first)
    ((20, 1, 9), (5, 1), 2, "same", "relu", None),  # the ninth alone
    ((20, 1, 11), (5, 1), 2, "same", "relu", "small"),  # three past
    ((49, 1, 10), (5, 1), 1, "same", "relu", "scaled"),
    ((49, 1, 8), (9, 1), 1, "same", "relu", "huge"),
    ((1, 30, 13), (1, 5), 2, "same", "relu", None),
]
ODDCH_WITHOUT_RECORDS = (12, 22)


layer_family("oddch_", 234_200, ODDCH_CASES, without_records=ODDCH_WITHOUT_RECORDS)
