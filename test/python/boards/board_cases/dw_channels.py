"""Depthwise layers on channel counts that are not multiples of four and on
one to seven channels (the tiny loops, dwch, dwfew)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import keras_factory as kf
import nnom

from .common import calibration, dw_layer_case_model, odd_channels_model, scale_last_channels
from .registry import family, layer_family, odd_channels_family

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
    model = odd_channels_model(DWODD5_CASES[k], rng)
    if k in DWODD5_HUGE:  # every channel's weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
    return model


def dwodd3_model(k: int, rng: np.random.Generator):
    model = odd_channels_model(DWODD3_CASES[k], rng)
    if k in DWODD3_HUGE:  # every channel's weights scaled down: |bias| near 2^30
        kernel, bias = model.layers[-1].get_weights()
        model.layers[-1].set_weights([kernel * 1e-3, np.full_like(bias, 20.0)])
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
    model = odd_channels_model(DWFEW_CASES[k], rng)
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
    model = odd_channels_model(DWCH_CASES[k], rng)
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
    model = odd_channels_model(CHAN4_CASES[k], rng)
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
    calib = calibration(rng, shape, 32)
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
        scale_last_channels(model.layers[-1], 1)
    return model


odd_channels_family("dwodd", 83_000, DWODD_CASES)
odd_channels_family("dwodd2_", 85_000, DWODD2_CASES)
family("dwtiny", 86_000, len(DWTINY_CASES), dwtiny_model, without_records=DWTINY_WITHOUT_RECORDS)
family("dwodd3_", 88_000, len(DWODD3_CASES), dwodd3_model)
odd_channels_family("dwoddc", 90_000, DWODDC_CASES, without_records=DWODDC_WITHOUT_RECORDS)
odd_channels_family("dwtiny2_", 87_000, DWTINY2_CASES)
odd_channels_family("tinyl_", 100_000, TINYL_CASES)
family("dwfew", 95_000, len(DWFEW_CASES), dwfew_model)
family("dwodd5_", 97_000, len(DWODD5_CASES), dwodd5_model, without_records=DWODD5_WITHOUT_RECORDS)
family("dwch", 104_000, len(DWCH_CASES), dwch_model)
family("chan4_", 111_000, len(CHAN4_CASES), chan4_model)
odd_channels_family("chan5_", 116_000, CHAN5_CASES)
odd_channels_family("cols6_", 120_000, COLS6_CASES, without_records=COLS6_WITHOUT_RECORDS)
odd_channels_family("few7_", 126_000, FEW7_CASES, without_records=FEW7_WITHOUT_RECORDS)


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
# nnom_dw3_s8 did not take, on the tiny loops (tiny_of's short3; the
# converter's records and the kernel's own), three to nine outputs, and
# two that must not: two lines, no activation (since few5 the 'same' ones
# of 4+ outputs without a clamp run nnom_dw3_s8 on DW_THREE_L, the ReLU6
# ones stay on the tiny loops). Same fields as DWODD_CASES.
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


odd_channels_family("few8_", 131_000, FEW8_CASES, without_records=FEW8_WITHOUT_RECORDS)


# Two channels read interleaved (branch few9; nnom_local_dw2_dsp.c): three
# taps at stride 1 (passes of four in assembly, then a pair and the odd
# one), five and six taps at stride 2 (passes of four in assembly), 7 to 16
# taps at stride 2 and 11+ at stride 1 on several lines (the C passes);
# one-pixel-wide columns and rows, 'same' (the line's copy with the zero
# point around it) and 'valid' (on the input; the last line copied where
# the reads pass the input's end), odd and even output counts, lines of
# 4 to 60 outputs, the converter's records and the kernel's own (21, 22;
# rows of more than ten taps on several lines have none). Then layers
# that must take other paths: a valid line too long for the copy (14, 15),
# no activation (output zero point not -128), a channel beyond the fast
# requantisation, four taps at stride 1 and three at stride 2 (the tiny
# and dw3s2 loops), a column on a 2D plane, dilation. Same fields as
# DWODD_CASES.
FEW9_CASES = [
    ((49, 1, 2), (3, 1), 1, 1, "same", "relu", False),
    ((1, 48, 2), (1, 5), 2, 1, "same", "relu", False),
    ((1, 50, 2), (1, 3), 1, 1, "valid", "relu", False),
    ((1, 7, 2), (1, 3), 1, 1, "same", "relu6", False),
    ((6, 1, 2), (3, 1), 1, 1, "valid", "relu", False),
    ((37, 1, 2), (6, 1), 2, 1, "same", "relu", False),
    ((1, 41, 2), (1, 7), 2, 1, "valid", "relu", False),
    ((1, 33, 2), (1, 9), 2, 1, "same", "relu", False),
    ((5, 31, 2), (1, 7), 2, 1, "valid", "relu", False),
    ((4, 29, 2), (1, 5), 2, 1, "same", "relu", False),
    ((3, 25, 2), (1, 11), 1, 1, "same", "relu", False),
    ((2, 40, 2), (1, 16), 2, 1, "same", "relu", False),
    ((3, 30, 2), (1, 13), 1, 1, "valid", "relu", False),
    ((1, 120, 2), (1, 5), 2, 1, "same", "relu", False),
    ((1, 300, 2), (1, 3), 1, 1, "valid", "relu", False),
    ((2, 300, 2), (1, 3), 1, 1, "valid", "relu", False),
    ((49, 1, 2), (3, 1), 1, 1, "same", None, False),
    ((1, 48, 2), (1, 5), 2, 1, "same", "relu", True),
    ((1, 30, 2), (1, 4), 1, 1, "same", "relu", False),
    ((1, 30, 2), (1, 3), 2, 1, "same", "relu", False),
    ((9, 9, 2), (3, 1), 1, 1, "same", "relu", False),
    ((1, 47, 2), (1, 6), 2, 1, "same", "relu", False),
    ((50, 1, 2), (3, 1), 1, 1, "same", "relu", False),
    ((1, 30, 2), (1, 3), 1, 2, "same", "relu", False),
    ((1, 7, 2), (1, 3), 1, 1, "same", "relu", False),
    ((19, 1, 2), (5, 1), 2, 1, "valid", "relu", False),
]
FEW9_WITHOUT_RECORDS = (21, 22)

odd_channels_family("few9_", 136_000, FEW9_CASES, without_records=FEW9_WITHOUT_RECORDS)

# The same on rows of a 2D plane with the stride down it too (the lines
# two input rows apart): (1,11) at stride 2, which had no one-row path
# (5.73/MAC), 'valid' rows at stride 2, twelve taps at stride 1, and one
# that must not (a channel beyond the fast requantisation). Fields as
# dw_layer_case_model's.
FEW9S_CASES = [
    ((36, 36, 2), (1, 11), 2, "same", "relu", None),
    ((9, 21, 2), (1, 5), 2, "valid", "relu", None),
    ((5, 20, 2), (1, 12), 1, "same", "relu", None),
    ((10, 15, 2), (1, 6), 2, "same", "relu", "scaled"),
]

layer_family("few9s_", 136_500, FEW9S_CASES)

# Two channels read interleaved on 2D windows of two or three rows of 5 to
# 16 taps at stride 2 along the row (branch few11; nnom_local_dw2r_dsp.c):
# 'same' (rows copied with the zero point around them; rows of taps above
# or below the input left out, their share back in the bias: 2, 4, 6, 9),
# 'valid' (on the input; the last rows copied where the reads pass the
# input's end: 7), odd and even output counts and window widths, strides
# 1 and 2 down. Then layers that must take other paths: no activation
# (output zero point not -128), a channel beyond the fast requantisation,
# a bias near 2^30, ReLU6's clamp, four rows, four taps, stride 1 along
# the row. Fields as dw_layer_case_model's.
FEW11_CASES = [
    ((30, 46, 2), (2, 7), 2, "same", "relu", None),
    ((11, 21, 2), (2, 5), 2, "valid", "relu", None),
    ((7, 33, 2), (2, 9), 2, "same", "relu", None),
    ((10, 19, 2), (2, 6), 2, "same", "relu", None),
    ((9, 20, 2), (3, 5), 2, "same", "relu", None),
    ((5, 13, 2), (2, 7), 2, "same", "relu", None),
    ((8, 30, 2), (3, 16), (1, 2), "same", "relu", None),
    ((12, 25, 2), (3, 11), 2, "valid", "relu", None),
    ((6, 9, 2), (2, 5), (1, 2), "valid", "relu", None),
    ((2, 20, 2), (3, 7), 2, "same", "relu", None),
    ((30, 46, 2), (2, 7), 2, "same", None, None),
    ((10, 19, 2), (2, 7), 2, "same", "relu", "scaled"),
    ((9, 20, 2), (3, 5), 2, "same", "relu", "huge"),
    ((10, 19, 2), (2, 7), 2, "same", "relu6", None),
    ((12, 30, 2), (4, 7), 2, "same", "relu", None),
    ((9, 20, 2), (3, 4), 2, "same", "relu", None),
    ((9, 20, 2), (3, 5), 1, "same", "relu", None),
]

layer_family("few11_", 140_000, FEW11_CASES)
# One row of taps on one to seven channels on the tiny loops (branch
# few10; nnom_local_dw_tiny_dsp.c): 7 and 8 taps at stride 2
# (nnom_dw_tiny4_s2: fours of outputs, then a pass of two, then the odd
# one; lines of 2 to 15 outputs, so every mix of the three, and lines of
# under four straight to the end part), rows and one-pixel-wide columns,
# one and two channels (tiny_pairs), columns on a plane (tiny_cols);
# 5 and 6 taps at stride 1 (nnom_dw_tiny3_s1m: a line's channels in one
# call, 3 to 24 outputs, several lines; nnom_dw_tiny3_s1 alone for one and
# two channels, columns on a plane and the channels past a multiple of
# four); and two that must take other paths (no activation, a channel
# beyond the fast requantisation). Same fields as DWODD_CASES.
FEW10_CASES = [
    ((1, 27, 6), (1, 7), 2, 1, "valid", "relu", False),
    ((23, 1, 3), (7, 1), 2, 1, "same", "relu", False),
    ((1, 20, 5), (1, 7), 2, 1, "valid", "relu", False),
    ((30, 1, 7), (7, 1), 2, 1, "same", "relu6", False),
    ((13, 1, 2), (8, 1), 2, 1, "valid", "relu", False),
    ((1, 10, 1), (1, 7), 2, 1, "same", "relu", False),
    ((9, 1, 7), (7, 1), 2, 1, "valid", "relu", False),
    ((20, 9, 1), (8, 1), 2, 1, "same", "relu", False),
    ((1, 13, 3), (1, 7), 2, 1, "valid", "relu", False),
    ((15, 1, 6), (6, 1), 1, 1, "valid", "relu", False),
    ((1, 15, 5), (1, 6), 1, 1, "valid", "relu", False),
    ((1, 24, 7), (1, 5), 1, 1, "same", "relu", False),
    ((13, 1, 3), (6, 1), 1, 1, "same", "relu6", False),
    ((3, 18, 5), (1, 5), 1, 1, "valid", "relu", False),
    ((1, 9, 7), (1, 5), 1, 1, "valid", "relu", False),
    ((1, 8, 6), (1, 6), 1, 1, "valid", "relu", False),
    ((2, 7, 3), (1, 5), 1, 1, "same", "relu", False),
    ((20, 3, 3), (5, 1), 1, 1, "same", "relu", False),
    ((30, 1, 11), (6, 1), 1, 1, "same", "relu", False),
    ((1, 18, 2), (1, 5), 1, 1, "same", "relu", False),
    ((15, 1, 6), (6, 1), 1, 1, "valid", None, False),
    ((1, 27, 6), (1, 7), 2, 1, "valid", "relu", True),
]
FEW10_WITHOUT_RECORDS = (0, 10)


odd_channels_family("few10_", 138_000, FEW10_CASES, without_records=FEW10_WITHOUT_RECORDS)

# One channel down columns of taps on a plane read at every pixel across,
# every window inside the input (branch few12; nnom_local_dw_tiny_dsp.c,
# rows1: four adjacent outputs a pass from one word a row, no copy): 4 to
# 10 taps, odd and even, strides 1 and 2 down, rows of 4 to 34 outputs
# (a multiple of four, or a last pass overlapping by one to three), the
# records built by the kernel too (8). Then layers that must take other
# paths: three taps (1), 'same' (rows of taps above and below), no
# activation (output zero point not -128), the channel beyond the fast
# requantisation, a bias near 2^30, ReLU6, three columns, stride 2
# across. Fields as
# dw_layer_case_model's.
FEW12_CASES = [
    ((9, 34, 1), (7, 1), (2, 1), "valid", "relu", None),
    ((20, 9, 1), (3, 1), (1, 1), "valid", "relu", None),
    ((30, 7, 1), (10, 1), (2, 1), "valid", "relu", None),
    ((12, 5, 1), (4, 1), (1, 1), "valid", "relu", None),
    ((17, 4, 1), (5, 1), (2, 1), "valid", "relu", None),
    ((16, 12, 1), (6, 1), (2, 1), "valid", "relu", None),
    ((11, 13, 1), (8, 1), (1, 1), "valid", "relu", None),
    ((10, 21, 1), (9, 1), (1, 1), "valid", "relu", None),
    ((15, 10, 1), (7, 1), (2, 1), "valid", "relu", None),
    ((9, 34, 1), (7, 1), (2, 1), "same", "relu", None),
    ((9, 34, 1), (7, 1), (2, 1), "valid", None, None),
    ((9, 34, 1), (7, 1), (2, 1), "valid", "relu", "scaled"),
    ((9, 34, 1), (7, 1), (2, 1), "valid", "relu", "huge"),
    ((9, 34, 1), (7, 1), (2, 1), "valid", "relu6", None),
    ((9, 3, 1), (7, 1), (2, 1), "valid", "relu", None),
    ((9, 34, 1), (7, 1), (2, 2), "valid", "relu", None),
]

layer_family("few12_", 144_000, FEW12_CASES, without_records=(8,))

# One row or column of an even number of taps on one to seven channels,
# the tiny loops' line copies ending at the last window (branch few13;
# nnom_local_dw_tiny_dsp.c, tiny_entries: no entry past it): 'valid' lines
# ending at the last window (no fill after the copy) or past it (the
# input's last entries not copied: 4), 'same' (zero points before and
# after), one and two channels (tiny_pairs), five to seven (tiny_chans3,
# tiny_chans), columns on a plane (tiny_cols), stride 2, twelve taps on one
# line, the channels past a group of four (nnom_dw_tiny_rest: 14, 15), the
# records built by the kernel (9). Then layers that must take other paths:
# no activation, the channel beyond the fast requantisation, a bias near
# 2^30, ReLU6. Fields as dw_layer_case_model's.
FEW13_CASES = [
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((16, 1, 1), (4, 1), 1, "valid", "relu", None),
    ((1, 20, 3), (1, 8), 2, "valid", "relu", None),
    ((1, 21, 3), (1, 8), 2, "valid", "relu", None),
    ((9, 12, 2), (4, 1), 1, "valid", "relu", None),
    ((14, 1, 6), (6, 1), 1, "same", "relu", None),
    ((1, 30, 7), (1, 10), 1, "valid", "relu", None),
    ((10, 10, 3), (1, 4), 2, "same", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((1, 40, 2), (1, 12), 1, "valid", "relu", None),
    ((1, 17, 7), (1, 6), 1, "valid", "relu", None),
    ((1, 21, 2), (1, 6), 2, "valid", "relu", None),
    ((12, 1, 5), (4, 1), 1, "valid", "relu", None),
    ((1, 40, 6), (1, 8), 1, "valid", "relu", None),
    ((30, 1, 9), (6, 1), 1, "valid", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", None, None),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", "scaled"),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", "huge"),
    ((1, 15, 5), (1, 6), 1, "valid", "relu6", None),
]

layer_family("few13_", 151_000, FEW13_CASES, without_records=(9,))

# Branch few14: the two-channel one-row loops (nnom_local_dw2_dsp.c) with a
# line's two channels in one call: three taps at stride 1 (both channels'
# passes in one assembly call, a line of 4m + 1 its lone last output there
# too: 49, 17; a pair left: 22, 23, 31) and five or six at stride 2 (the
# same call; the rest in C: 17, 19 outputs), padded lines copied by words
# (padding 1, 2, 5, 6 before; copies of 16m bytes and of 4m + 2), a
# 'valid' line whose reads pass the input's end, several lines (rows of a
# plane, stride 2 down), the C loops of longer windows (12, 14 taps at
# stride 1, 7 at stride 2), the records built by the kernel (2). Then
# layers that must take other paths: 13 outputs (short), three channels,
# no activation, ReLU6. Fields as dw_layer_case_model's.
FEW14_CASES = [
    ((49, 1, 2), (3, 1), 1, "same", "relu", None),
    ((1, 48, 2), (1, 5), 2, "same", "relu", None),
    ((1, 49, 2), (1, 3), 1, "same", "relu", None),
    ((40, 1, 2), (3, 1), 1, "same", "relu", None),
    ((1, 22, 2), (1, 3), 1, "same", "relu", None),
    ((1, 23, 2), (1, 3), 1, "same", "relu", None),
    ((1, 31, 2), (1, 3), 1, "same", "relu", None),
    ((1, 16, 2), (1, 3), 1, "same", "relu", None),
    ((1, 19, 2), (1, 3), 1, "valid", "relu", None),
    ((33, 1, 2), (5, 1), 2, "same", "relu", None),
    ((1, 38, 2), (1, 6), 2, "same", "relu", None),
    ((1, 40, 2), (1, 6), 2, "same", "relu", None),
    ((6, 20, 2), (1, 3), 1, "same", "relu", None),
    ((5, 24, 2), (1, 5), 2, "same", "relu", None),
    ((4, 30, 2), (1, 12), 1, "same", "relu", None),
    ((3, 24, 2), (1, 14), 1, "same", "relu", None),
    ((3, 20, 2), (1, 7), 2, "same", "relu", None),
    ((13, 1, 2), (3, 1), 1, "same", "relu", None),
    ((49, 1, 3), (3, 1), 1, "same", "relu", None),
    ((49, 1, 2), (3, 1), 1, "same", None, None),
    ((1, 48, 2), (1, 5), 2, "same", "relu6", None),
]

layer_family("few14_", 157_000, FEW14_CASES, without_records=(2,))

# Branch few15: the tiny loops' lines of three channels copied by words
# (SXTB16 and PKHBT, four pixels a pass; LDM where the line starts
# word-aligned, else LDR: odd padding, whose first pixel is copied alone),
# the zero points around a line's copy by words, three pairs at stride 2 on
# three to seven channels in one call a line (nnom_dw_tiny3_s2m: lines of
# 4m, 4m + 1, 4m + 2, 4m + 3 and fewer than four outputs; columns on a
# narrow plane), five to seven channels at stride 2 past seven taps on one
# line (tiny_long's C loops, up to 16 taps; the records built by the
# kernel: 14), the channels past a group of four (nnom_dw_tiny_rest), a
# three-channel line of four pixels (the byte loop). Then layers that must
# take other paths: 17 taps on one line, 8 taps at stride 2 on two lines,
# no activation, ReLU6. Fields as dw_layer_case_model's.
FEW15_CASES = [
    ((49, 1, 3), (5, 1), 2, "same", "relu", None),
    ((40, 1, 3), (4, 1), 1, "same", "relu", None),
    ((1, 33, 3), (1, 6), 1, "valid", "relu", None),
    ((6, 20, 3), (1, 5), 2, "same", "relu", None),
    ((28, 1, 5), (6, 1), 2, "valid", "relu", None),
    ((30, 1, 6), (6, 1), 2, "valid", "relu", None),
    ((32, 1, 7), (6, 1), 2, "valid", "relu", None),
    ((1, 34, 5), (1, 6), 2, "valid", "relu", None),
    ((9, 1, 6), (5, 1), 2, "same", "relu", None),
    ((10, 1, 5), (6, 1), 2, "valid", "relu", None),
    ((20, 2, 3), (5, 1), 2, "same", "relu", None),
    ((23, 1, 6), (14, 1), 2, "same", "relu", None),
    ((40, 1, 7), (9, 1), 2, "valid", "relu", None),
    ((1, 40, 6), (1, 9), 2, "same", "relu", None),
    ((50, 1, 7), (16, 1), 2, "same", "relu", None),
    ((17, 1, 5), (8, 1), 2, "valid", "relu", None),
    ((27, 1, 6), (4, 1), 1, "same", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((98, 1, 10), (5, 1), 2, "same", "relu", None),
    ((4, 1, 3), (3, 1), 1, "valid", "relu", None),
    ((60, 1, 5), (17, 1), 2, "valid", "relu", None),
    ((40, 2, 6), (8, 1), (2, 1), "valid", "relu", None),
    ((23, 1, 6), (14, 1), 2, "same", None, None),
    ((49, 1, 3), (5, 1), 2, "same", "relu6", None),
]

layer_family("few15_", 160_000, FEW15_CASES, without_records=(14,))


# Branch few16: the one channel past a multiple of four of a three-tap
# stride-1 line alone (nnom_dw3c1_s8): one line of 5, 9 and 13 channels
# (runs of 4k, 4k + 1, 4k + 2 and 4k + 3 outputs; rows and columns;
# 'same' lines on the line's copy), five channels on two or three lines
# without border runs (dw3_asm's group loop). Then layers that must take
# other paths: five channels on two 'same' lines (border runs), six
# channels, nine on two lines, a clamp (ReLU6), the last group scaled past
# the records. Fields as dw_layer_case_model's.
FEW16_CASES = [
    ((1, 25, 5), (1, 3), 1, "valid", "relu", None),
    ((1, 24, 5), (1, 3), 1, "valid", "relu", None),
    ((1, 26, 5), (1, 3), 1, "valid", "relu", None),
    ((27, 1, 5), (3, 1), 1, "valid", "relu", None),
    ((1, 32, 5), (1, 3), 1, "same", "relu", None),
    ((1, 30, 9), (1, 3), 1, "valid", "relu", None),
    ((41, 1, 13), (3, 1), 1, "same", None, None),
    ((48, 2, 5), (3, 1), 1, "valid", "relu", None),
    ((3, 30, 5), (1, 3), 1, "valid", "relu", None),
    ((30, 2, 5), (3, 1), 1, "same", "relu", None),
    ((1, 25, 6), (1, 3), 1, "valid", "relu", None),
    ((30, 2, 9), (3, 1), 1, "valid", "relu", None),
    ((1, 25, 5), (1, 3), 1, "valid", "relu6", None),
    ((1, 25, 5), (1, 3), 1, "valid", "relu", "scaled"),
]

layer_family("few16_", 166_000, FEW16_CASES)


# Branch few18: layers of four channels (one group) on one row of 4+ taps
# with the scaled records: one padded line on nnom_dw_line_try (stride 1
# and 2, across and down, even and odd taps, 4 to 16 taps, a line of 5
# outputs, a line within the copy's 2,048 bytes), unpadded lines on
# nnom_dw_col_early (one line, three lines), the small weights (e past
# the scaled form: the exact records' words); then layers that must take
# other paths: no activation and ReLU6 (exact records), two padded lines,
# more lines than outputs, a padded line past the copy, three taps. Fields
# as dw_layer_case_model's.
FEW18_CASES = [
    ((40, 1, 4), (5, 1), 2, "same", "relu", None),
    ((30, 1, 4), (5, 1), 2, "same", "relu", None),
    ((1, 30, 4), (1, 5), 1, "same", "relu", None),
    ((20, 1, 4), (4, 1), 1, "same", "relu", None),
    ((12, 1, 4), (5, 1), 1, "same", "relu", None),
    ((1, 16, 4), (1, 4), 2, "same", "relu", None),
    ((20, 1, 4), (16, 1), 1, "same", "relu", None),
    ((9, 1, 4), (5, 1), 2, "same", "relu", None),
    ((506, 1, 4), (5, 1), 2, "same", "relu", None),
    ((40, 1, 4), (5, 1), 2, "valid", "relu", None),
    ((48, 1, 4), (14, 1), 1, "valid", "relu", None),
    ((1, 12, 4), (1, 7), 1, "valid", "relu", None),
    ((10, 3, 4), (6, 1), 1, "valid", "relu", None),
    ((40, 1, 4), (5, 1), 2, "same", "relu", "small"),
    ((40, 1, 4), (5, 1), 2, "same", None, None),
    ((40, 1, 4), (5, 1), 2, "same", "relu6", None),
    ((15, 27, 4), (13, 1), 2, "same", "relu", None),
    ((32, 33, 4), (12, 1), 1, "valid", "relu", None),
    ((516, 1, 4), (5, 1), 2, "same", "relu", None),
    ((30, 1, 4), (3, 1), 1, "same", "relu", None),
]

layer_family("few18_", 175_000, FEW18_CASES)


# Branch few17: three taps at stride 1 on one to three channels, each
# channel of each line one run of nnom_dw3c1t_s8 (since short3e: a
# layer's runs one call of nnom_dw3c1m_s8 / _e_s8) straight on the input
# (nnom_local_dw_tiny_dsp.c, tiny_dw3c1_takes): columns on two to four
# pixels across and rows (runs of 4k, 4k + 1, 4k + 2, 4k + 3 outputs), one
# and two channels, planes that took tiny_cols, 'same' lines (the border
# outputs in C; a line of two outputs on the borders alone, of three: a
# run of one), a line of two 'valid' outputs, the records built by the
# kernel (12). Then layers that must take other paths: stride 2 across
# (outputs not as far apart as inputs), stride 2 along, no activation,
# ReLU6, the last channels beyond the records' requantisation. Fields as
# dw_layer_case_model's.
FEW17_CASES = [
    ((48, 2, 3), (3, 1), 1, "valid", "relu", None),
    ((40, 2, 3), (3, 1), 1, "valid", "relu", None),
    ((30, 3, 2), (3, 1), 1, "same", "relu", None),
    ((2, 48, 3), (1, 3), 1, "valid", "relu", None),
    ((64, 1, 3), (3, 1), 1, "valid", "relu", None),
    ((48, 2, 1), (3, 1), 1, "valid", "relu", None),
    ((1, 25, 3), (1, 3), 1, "valid", "relu", None),
    ((1, 26, 3), (1, 3), 1, "valid", "relu", None),
    ((27, 2, 3), (3, 1), 1, "valid", "relu", None),
    ((48, 2, 3), (3, 1), 1, "same", "relu", None),
    ((2, 2, 3), (3, 1), 1, "same", "relu", None),
    ((3, 2, 3), (3, 1), 1, "same", "relu", None),
    ((1, 25, 3), (1, 3), 1, "same", "relu", None),
    ((20, 9, 1), (3, 1), 1, "valid", "relu", None),
    ((12, 8, 3), (3, 1), 1, "same", "relu", None),
    ((4, 20, 1), (1, 3), 1, "valid", "relu", None),
    ((4, 1, 3), (3, 1), 1, "valid", "relu", None),
    ((48, 4, 3), (3, 1), 1, "valid", "relu", None),
    ((48, 4, 3), (3, 1), (1, 2), "valid", "relu", None),
    ((1, 25, 3), (1, 3), 2, "valid", "relu", None),
    ((48, 2, 3), (3, 1), 1, "valid", None, None),
    ((48, 2, 3), (3, 1), 1, "valid", "relu6", None),
    ((12, 2, 3), (3, 1), 1, "valid", "relu", "scaled"),
]

layer_family("few17_", 171_000, FEW17_CASES, without_records=(12,))


# Branch few19: the tiny loops' line copies of five channels by words
# (four pixels a pass: lines of 4k + 0..3 pixels, a 'same' line whose copy
# starts at an odd entry, lines after the first not word-aligned in the
# input, rows and one-pixel-wide columns, stride 1 and 2) and of six
# channels (two pixels a pass: even and odd lines, an odd start, later
# lines not word-aligned); the records built by the kernel (7). Then layers
# that must take other paths: five channels on a line of four pixels (the
# byte loop), seven channels, five channels down the columns of a plane
# (tiny_cols' copy), ReLU6, three taps at stride 2 on five channels.
# Fields as dw_layer_case_model's.
FEW19_CASES = [
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((1, 20, 5), (1, 6), 1, "valid", "relu", None),
    ((1, 21, 5), (1, 5), 2, "same", "relu", None),
    ((17, 1, 5), (4, 1), 1, "same", "relu", None),
    ((3, 15, 5), (1, 6), 1, "valid", "relu", None),
    ((14, 1, 5), (4, 1), 2, "valid", "relu", None),
    ((1, 9, 5), (1, 8), 1, "valid", "relu", None),
    ((1, 22, 5), (1, 7), 1, "same", "relu", None),
    ((17, 1, 6), (8, 1), 2, "valid", "relu", None),
    ((1, 15, 6), (1, 6), 1, "valid", "relu", None),
    ((40, 1, 6), (4, 1), 2, "same", "relu", None),
    ((3, 13, 6), (1, 5), 1, "same", "relu", None),
    ((1, 16, 6), (1, 5), 1, "same", "relu", None),
    ((1, 4, 5), (1, 4), 1, "valid", "relu", None),
    ((1, 21, 7), (1, 5), 2, "same", "relu", None),
    ((15, 3, 5), (6, 1), 1, "valid", "relu", None),
    ((1, 15, 5), (1, 6), 1, "valid", "relu6", None),
    ((1, 25, 5), (1, 3), 2, "valid", "relu", None),
]

layer_family("few19_", 179_000, FEW19_CASES, without_records=(7,))


# Branch col8: the tiny loops' four- and five-pair passes for a line's
# channels in one call (nnom_dw_tiny4_s1m: four outputs a pass at stride 1;
# nnom_dw_tiny4_s2m; nnom_dw_tiny5_s1m, nnom_dw_tiny5_s2m) and their runs
# without the first run's checks (nnom_dw_tiny_holds, nnom_dw_tiny_run):
# lines of 4k outputs, 4k + 2 (a pass of two), 4k + 1 and 4k + 3 (the odd
# one), of under four outputs; one, two (tiny_pairs), three, five, six and
# seven channels; 7 and 8 taps, 9 and 10; 'same' lines; several lines
# (rows of a plane, the copy of pixels apart); the records built by the
# kernel (1). Then layers that must take other paths: ReLU6, no
# activation, four and eight channels, 8 taps at stride 2 on several lines.
# Fields as dw_layer_case_model's.
COL8_CASES = [
    ((15, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((1, 15, 3), (1, 8), 1, "valid", "relu", None),
    ((12, 1, 3), (7, 1), 1, "valid", "relu", None),
    ((15, 1, 1), (7, 1), 1, "valid", "relu", None),
    ((1, 20, 5), (1, 8), 1, "same", "relu", None),
    ((20, 3, 2), (8, 1), 1, "valid", "relu", None),
    ((14, 1, 7), (8, 1), 1, "same", "relu", None),
    ((11, 1, 1), (8, 1), 1, "valid", "relu", None),
    ((10, 1, 3), (8, 1), 1, "valid", "relu", None),
    ((17, 1, 6), (8, 1), 2, "valid", "relu", None),
    ((21, 1, 5), (8, 1), 2, "valid", "relu", None),
    ((1, 30, 3), (1, 7), 2, "same", "relu", None),
    ((12, 1, 2), (8, 1), 2, "valid", "relu", None),
    ((14, 1, 6), (9, 1), 1, "valid", "relu", None),
    ((1, 24, 2), (1, 10), 1, "same", "relu", None),
    ((13, 1, 3), (10, 1), 1, "valid", "relu", None),
    ((25, 1, 5), (9, 1), 2, "valid", "relu", None),
    ((1, 23, 1), (1, 10), 2, "same", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu6", None),
    ((15, 1, 2), (8, 1), 1, "valid", None, None),
    ((15, 1, 4), (8, 1), 1, "valid", "relu", None),
    ((15, 1, 8), (8, 1), 1, "valid", "relu", None),
    ((17, 3, 6), (8, 1), 2, "valid", "relu", None),
]

layer_family("col8_", 186_000, COL8_CASES, without_records=(1,))


# Branch s2t: the tiny loops' course by one table index (tiny_mfns) and
# seven channels' line copy by words (nnom_dw_tiny_t7, four pixels a pass):
# seven channels on three, four and five pairs and on two and six (the
# tiny_chans loop), lines of 4k pixels and 4k + 1 to 4k + 3 (the bytes
# after the words), one line (word-aligned) and several (lines at odd
# offsets: the LDR passes), the records built by the kernel (5); then each
# course of the table: one channel on four pairs at stride 1 and 2, two
# channels on three and two pairs, five and six channels, three channels
# on five and six pairs, one channel down columns, columns across a plane.
# ReLU6 whose range is whole int8 (taken). Refused near the limits: seven
# channels of three taps on several lines, nine taps at stride 2 on several
# lines, no activation.
S2T_CASES = [
    ((1, 21, 7), (1, 5), 2, "same", "relu", None),
    ((21, 1, 7), (5, 1), 2, "same", "relu", None),
    ((1, 25, 7), (1, 5), 2, "same", "relu", None),
    ((3, 13, 7), (1, 5), 1, "same", "relu", None),
    ((1, 16, 7), (1, 8), 1, "valid", "relu", None),
    ((2, 10, 7), (1, 4), 1, "same", "relu", None),
    ((1, 7, 7), (1, 6), 1, "valid", "relu", None),
    ((1, 23, 7), (1, 9), 1, "same", "relu", None),
    ((19, 1, 7), (7, 1), 2, "valid", "relu", None),
    ((1, 26, 7), (1, 12), 1, "same", "relu", None),
    ((12, 1, 1), (8, 1), 1, "valid", "relu", None),
    ((13, 1, 1), (7, 1), 2, "valid", "relu", None),
    ((1, 14, 2), (1, 5), 1, "same", "relu", None),
    ((1, 14, 2), (1, 4), 1, "valid", "relu", None),
    ((1, 20, 5), (1, 5), 2, "same", "relu", None),
    ((1, 16, 6), (1, 4), 1, "same", "relu", None),
    ((1, 18, 3), (1, 9), 2, "same", "relu", None),
    ((1, 30, 3), (1, 12), 1, "same", "relu", None),
    ((9, 12, 1), (5, 1), 1, "valid", "relu", None),
    ((12, 8, 2), (5, 1), 1, "valid", "relu", None),
    ((5, 9, 7), (3, 1), 1, "valid", "relu", None),
    ((21, 3, 7), (9, 1), 2, "same", "relu", None),
    ((1, 21, 7), (1, 5), 2, "same", "relu6", None),
    ((1, 21, 7), (1, 5), 2, "same", None, None),
]

layer_family("s2t_", 196_000, S2T_CASES, without_records=(5,))


# Branch tiny5: tag 29, the tiny loops' one-line layers with their course
# and geometry in the records' head (asked at build; kept step DW_TINY_TAG
# straight to the course): each course (one and two channels on the m loop
# and the plain loops, five and six channels, three and seven channels on
# the m loop of three to five pairs by tiny_line3 / tiny_line7, three and
# seven channels on two or six+ pairs by tiny_chans), 'same' lines of odd
# and even padding, copies of 4k to 4k + 3 pixels, down and across, a line
# of 16 taps, ReLU6 whose range is whole (0-22: tag 29). Refused near the
# limits (23-28: tag 5 or none): two lines, three taps, a column whose
# pixels lie apart (a two-pixel-wide input), two channels that
# nnom_dw2_s8 takes (its records are tag 5's), no activation.
TINY5_CASES = [
    ((40, 1, 3), (5, 1), 2, "same", "relu", None),
    ((1, 30, 3), (1, 5), 2, "same", "relu", None),
    ((17, 1, 6), (8, 1), 2, "valid", "relu", None),
    ((1, 17, 5), (1, 8), 2, "valid", "relu", None),
    ((1, 21, 6), (1, 5), 2, "same", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((15, 1, 2), (7, 1), 1, "valid", "relu", None),
    ((21, 1, 7), (5, 1), 2, "same", "relu", None),
    ((1, 18, 7), (1, 7), 1, "valid", "relu", None),
    ((1, 22, 3), (1, 8), 1, "same", "relu", None),
    ((19, 1, 3), (9, 1), 2, "valid", "relu", None),
    ((1, 20, 1), (1, 7), 1, "valid", "relu", None),
    ((1, 20, 1), (1, 5), 2, "same", "relu", None),
    ((1, 13, 2), (1, 4), 1, "same", "relu", None),
    ((1, 26, 3), (1, 12), 1, "same", "relu", None),
    ((1, 11, 7), (1, 4), 1, "valid", "relu", None),
    ((30, 1, 1), (16, 1), 1, "same", "relu", None),
    ((1, 14, 2), (1, 6), 2, "same", "relu", None),
    ((23, 1, 5), (6, 1), 1, "valid", "relu", None),
    ((1, 9, 6), (1, 4), 2, "valid", "relu", None),
    ((25, 1, 3), (5, 1), 1, "same", "relu", None),
    ((40, 1, 3), (5, 1), 2, "same", "relu6", None),
    ((40, 2, 3), (5, 1), 2, "same", "relu", None),
    ((1, 21, 3), (1, 3), 1, "same", "relu", None),
    ((20, 2, 3), (5, 1), 2, "valid", "relu", None),
    ((1, 30, 2), (1, 5), 2, "same", "relu", None),
    ((40, 1, 3), (5, 1), 2, "same", None, None),
]

layer_family("tiny5_", 199_000, TINY5_CASES)


# Branch tiny6: tag 29's pairs-m and five/six-channel courses as one-line
# functions (tiny_line_pairs_m, tiny_line56: no line loop), and the walk's
# first-word test after nnom_dw_tiny_asks. Tag 29 (0-13, 15, 18; each
# case's first words checked on the converter's output,
# /work/notes/tiny6/check_tags.py): two channels on three to five pairs at
# stride 1 (odd and even taps, 'same' of odd padding) and one on four
# (course 0, tiny_line_pairs_m), five and six channels on the m loops
# (three to five pairs, stride 1 and 2, a row and a column) and on the
# plain loop (two pairs: tiny_line56's fn course) (course 2), trained-like
# scales ("small": the last channels' weights down) on both; two channels
# of two pairs (course 1, the pairs loop), ReLU6 whose range is whole.
# Refused near the limits: two lines (14, tag 5: tiny_pairs_m's loop), two
# rows of taps (16, tag 7), no activation (17, no records), four and eight
# channels (19, 20: tag 11, the walk past DW_TINY), and 13x1x2 without
# records (21: the kernel's own, the walk's tiny_s8).
TINY6_CASES = [
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),
    ((15, 1, 2), (7, 1), 1, "valid", "relu", None),
    ((15, 1, 2), (8, 1), 1, "valid", "relu", "small"),
    ((1, 21, 6), (1, 5), 2, "same", "relu", None),
    ((1, 21, 5), (1, 5), 2, "same", "relu", None),
    ((11, 1, 1), (8, 1), 1, "valid", "relu", None),
    ((1, 20, 2), (1, 9), 1, "same", "relu", None),
    ((1, 14, 2), (1, 6), 1, "same", "relu", "small"),
    ((17, 1, 6), (8, 1), 2, "valid", "relu", None),
    ((1, 12, 5), (1, 4), 1, "same", "relu", None),
    ((1, 16, 6), (1, 4), 1, "same", "relu", "small"),
    ((1, 23, 6), (1, 7), 1, "valid", "relu", "small"),
    ((1, 22, 5), (1, 10), 2, "same", "relu", None),
    ((21, 1, 6), (5, 1), 2, "same", "relu", None),
    ((13, 2, 2), (8, 1), 1, "valid", "relu", None),
    ((9, 1, 2), (4, 1), 1, "valid", "relu", None),
    ((2, 21, 6), (2, 5), 2, "same", "relu", None),
    ((1, 21, 6), (1, 5), 2, "same", None, None),
    ((1, 21, 6), (1, 5), 2, "same", "relu6", None),
    ((13, 1, 4), (8, 1), 1, "valid", "relu", None),
    ((13, 1, 8), (8, 1), 1, "valid", "relu", None),
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),
]

layer_family("tiny6_", 204_000, TINY6_CASES, without_records=(21,))

# tiny7: tiny_lines12's two-channel copy four pixels a pass (STRD), the
# odd pad's first entry by bytes, the remainders of 1-3 pixels by tests; a
# row or column of five or six channels filled on its own lines (tiny_line56)
TINY7_CASES = [
    ((15, 1, 2), (7, 1), 1, "valid", "relu", None),  # m 15: 3 passes, a word, a pixel
    ((13, 1, 2), (8, 1), 1, "valid", "relu", None),  # m 13: 3 passes, a pixel
    ((16, 1, 2), (7, 1), 1, "valid", "relu", "small"),  # m 16: 4 passes
    ((14, 1, 2), (7, 1), 1, "valid", "relu", None),  # m 14: 3 passes, a word
    ((15, 1, 2), (7, 1), 1, "same", "relu", None),  # pad 3: the first entry by bytes
    ((15, 1, 2), (8, 1), 1, "same", "relu", "small"),  # pad 3
    ((14, 1, 2), (6, 1), 1, "same", "relu", None),  # pad 2
    ((6, 1, 2), (5, 1), 1, "same", "relu", None),  # one pass, a word
    ((5, 1, 2), (4, 1), 1, "same", "relu", None),  # pad 1, one pass
    ((5, 1, 2), (4, 1), 1, "valid", "relu", None),  # one pass, a pixel
    ((3, 1, 2), (4, 1), 1, "same", "relu", None),  # no pass (m < 4)
    ((1, 21, 2), (1, 5), 2, "same", "relu", None),
    ((1, 20, 2), (1, 9), 1, "same", "relu", "small"),
    ((3, 21, 2), (1, 5), 2, "same", "relu", None),  # three lines (tag 5)
    ((2, 15, 2), (1, 7), 1, "valid", "relu", "small"),
    ((1, 21, 5), (1, 5), 2, "same", "relu", None),
    ((1, 22, 5), (1, 10), 2, "same", "relu", "small"),
    ((1, 21, 6), (1, 5), 2, "same", "relu", None),
    ((21, 1, 5), (5, 1), 2, "same", "relu", None),
    ((15, 1, 2), (7, 1), 1, "valid", None, None),  # refused: no activation
    ((15, 1, 3), (7, 1), 1, "valid", "relu", None),  # three channels
    ((15, 1, 1), (7, 1), 1, "valid", "relu", None),  # one channel (word loop)
]

layer_family("tiny7_", 207_000, TINY7_CASES)

# tiny8: tag 29's five- and six-channel lines (tiny_line56 on four register
# arguments: the entries read through the head's tiny_t, the plain loop's
# function from its k and s), on the m loops (three to five pairs) and the
# plain loops (two pairs, six to eight), and the layers just outside them
TINY8_CASES = [
    ((1, 21, 5), (1, 5), 2, "same", "relu", None),  # the task's shape, m loop
    ((1, 21, 5), (1, 5), 2, "same", "relu", "small"),
    ((1, 21, 6), (1, 5), 2, "same", "relu", None),
    ((17, 1, 6), (8, 1), 2, "valid", "relu", None),  # four pairs at stride 2
    ((17, 1, 5), (8, 1), 2, "valid", "relu", "small"),
    ((1, 15, 5), (1, 6), 1, "valid", "relu", None),  # three pairs at stride 1
    ((40, 1, 5), (5, 1), 2, "same", "relu", None),
    ((1, 19, 6), (1, 9), 1, "same", "relu", "small"),  # five pairs
    ((27, 1, 6), (4, 1), 1, "same", "relu", None),  # two pairs: the plain loop
    ((12, 1, 5), (4, 1), 2, "same", "relu", None),
    ((16, 1, 6), (12, 1), 1, "same", "relu", None),  # six pairs: the plain loop
    ((23, 1, 6), (14, 1), 2, "same", "relu", "small"),  # seven pairs at stride 2
    ((1, 24, 5), (1, 16), 1, "valid", "relu", None),  # eight pairs
    ((3, 21, 5), (1, 5), 2, "same", "relu", None),  # two lines (tag 5)
    ((1, 21, 5), (1, 5), 2, "same", None, None),  # refused: no activation
    ((1, 21, 7), (1, 5), 2, "same", "relu", None),  # seven channels (tiny_line7)
    ((1, 21, 4), (1, 5), 2, "same", "relu", None),  # four channels (not the tiny loops)
    # tiny_line3: odd pads (the lines one entry on), even pads, the copy's
    # last pixels (none, one, two, three), three to five pairs, both strides
    ((30, 1, 3), (5, 1), 2, "same", "relu", None),  # the task's shape: pad 1, two left
    ((30, 1, 3), (5, 1), 2, "same", "relu", "small"),
    ((40, 1, 3), (5, 1), 2, "same", "relu", None),  # pad 1, none left
    ((31, 1, 3), (5, 1), 2, "same", "relu", None),  # pad 2 (even), three left
    ((29, 1, 3), (5, 1), 2, "same", "relu", None),  # pad 2, one left
    ((1, 22, 3), (1, 7), 1, "same", "relu", None),  # pad 3, two left
    ((17, 1, 3), (8, 1), 2, "valid", "relu", "small"),  # pad 0, one left
    ((1, 18, 3), (1, 9), 2, "same", "relu", None),  # five pairs
    ((6, 1, 3), (5, 1), 1, "same", "relu", None),  # m 6: one pass, two left
    ((5, 1, 3), (4, 1), 1, "valid", "relu", None),  # two pairs (tiny_chans): m 5, a pass, a pixel
    ((4, 1, 3), (4, 1), 1, "same", "relu", None),  # two pairs: m 4, by bytes only
    ((3, 30, 3), (1, 5), 2, "same", "relu", None),  # two lines (tag 5: tiny_chans3)
]

layer_family("tiny8_", 211_000, TINY8_CASES)


# Branch flat2: two taps ((2,1), (1,2)) on one to three channels in the tiny
# loops (tiny_1_s1, tiny_1_s2: one weight pair an output), where DW_FLAT's
# set-up or the pixel walk ran them: one line (tag 29: tiny_pairs for one
# or two channels, tiny_chans for three), several lines (tag 5: columns
# apart, tiny_cols' tiny_c1_s1 and tiny_c1_s2 from eight columns), strides
# 1 and 2, 'same' (the last output's second tap the zero point) and
# 'valid', odd and even outputs, trained-like scales ("small": e beyond 11;
# "huge": |bias| near 2^30), the records built by the kernel (0, 5). Then
# layers that must take other paths: no activation (output zero point not
# -128), a channel beyond the fast requantisation, four and five channels,
# a line longer than TINY_LINE entries, one output pixel. Fields as dw_layer_case_model's.
FLAT2_CASES = [
    ((49, 1, 1), (2, 1), 1, "same", "relu", None),
    ((49, 1, 3), (2, 1), 1, "same", "relu", None),
    ((1, 49, 2), (1, 2), 1, "valid", "relu", None),
    ((6, 1, 1), (2, 1), 1, "same", "relu", "small"),
    ((4, 1, 3), (2, 1), 1, "same", "relu", None),
    ((49, 3, 1), (2, 1), 1, "same", "relu", None),  # three columns apart (tag 5)
    ((16, 2, 3), (2, 1), 1, "same", "relu", "small"),  # six columns: tiny_chans
    ((16, 4, 2), (2, 1), 1, "same", "relu", None),  # eight columns: tiny_c1_s1
    ((49, 1, 3), (2, 1), 2, "same", "relu", None),
    ((1, 24, 1), (1, 2), 2, "valid", "relu", "small"),
    ((24, 3, 3), (2, 1), 2, "same", "relu", None),  # nine columns: tiny_c1_s2
    ((98, 1, 2), (2, 1), 1, "same", "relu", "huge"),
    ((2, 1, 1), (2, 1), 1, "same", "relu", None),
    ((5, 1, 3), (2, 1), 1, "valid", "relu6", None),
    ((5, 7, 2), (1, 2), 1, "same", "relu", None),  # rows on five lines
    ((49, 1, 3), (2, 1), 1, "same", None, None),  # refused: no activation
    ((49, 1, 3), (2, 1), 1, "same", "relu", "scaled"),  # refused: requantisation
    ((49, 1, 4), (2, 1), 1, "same", "relu", None),  # four channels
    ((49, 1, 5), (2, 1), 1, "same", "relu", None),  # five: two taps not here
    ((130, 1, 1), (2, 1), 1, "same", "relu", None),  # 131 entries > TINY_LINE
    ((1, 1, 3), (2, 1), 1, "same", "relu", None),  # one output pixel
]

layer_family("flat2_", 221_000, FLAT2_CASES, without_records=(0, 5))


# ch3: the plane-by-plane path's copies of two, three and five to seven
# channels (a constant step, packed words, a row's last two and one) and
# its zero point set at once on short rows (nnom_local_dwch_dsp.c,
# dwch_copy_c, dwch_fill): rows of 3 to 13 values (none, one, two, three
# past the fours), one band and several (tall planes: the padded rows set
# per band), transposed; and the layers just outside: rows of 10 or more
# without padding across (the per-row loops), four channels (other
# paths), a channel beyond the fast requantisation ("scaled").
CH3_CASES = [
    ((7, 6, 3), (3, 3), 1, "same", "relu", None),  # the task's shape: two past the four
    ((7, 7, 3), (3, 3), 1, "same", None, None),  # three past, no activation
    ((8, 8, 2), (3, 3), 1, "same", "relu", "small"),  # two channels
    ((9, 9, 1), (3, 3), 1, "same", "relu", None),  # one channel (the SIMD copy)
    ((10, 10, 3), (5, 5), 2, "same", "relu", "huge"),
    ((7, 7, 3), (5, 5), 2, "same", "relu", "scaled"),  # refused: the other paths
    ((12, 12, 3), (7, 7), 2, "valid", "relu", None),  # rows of 12: the per-row loops
    ((9, 9, 3), (3, 3), 1, "valid", "relu", None),  # rows of 9 set at once
    ((10, 10, 2), (3, 3), 1, "valid", "relu", None),  # rows of 10: the per-row loops
    ((5, 5, 1), (5, 5), 1, "valid", "relu", None),
    ((3, 3, 1), (3, 3), 1, "valid", "relu", None),  # no four
    ((200, 6, 1), (3, 3), 1, "same", "relu", None),  # two bands, short rows
    ((200, 5, 3), (3, 3), 1, "same", "relu", "small"),  # two bands, three channels
    ((9, 11, 5), (5, 5), 1, "same", "relu", None),  # five channels (the step a variable)
    ((12, 13, 7), (5, 5), 1, "valid", "relu", "small"),  # seven channels
    ((8, 8, 4), (3, 3), 1, "same", "relu", None),  # four channels: other paths
    ((30, 5, 3), (3, 3), 1, "same", "relu", None),  # transposed
]

layer_family("ch3_", 222_000, CH3_CASES)


# Branch kline: one channel's one short line (tag 29's PAIRS and PAIRS_M
# courses, at most eight pixels: tiny_line1's fill and copy, no line loop):
# four to ten taps (two to five pairs; seven and eight at stride 1: the
# PAIRS_M loop), 'same' pads even and odd, 'valid', both strides (the
# copy's pixels cut at the last window), one to eight pixels (a word and
# none to four bytes), both axes, trained-like scales. Then lines just
# outside it: nine pixels and two channels (tiny_pairs), two taps (TWO).
KLINE_CASES = [
    ((6, 1, 1), (4, 1), 1, "same", "relu", None),  # pad 1, m 6: a word, two bytes
    ((6, 1, 1), (4, 1), 1, "same", "relu", "small"),
    ((6, 1, 1), (5, 1), 1, "same", "relu", None),  # pad 2, three pairs
    ((6, 1, 1), (7, 1), 1, "same", "relu", "small"),  # four pairs: PAIRS_M
    ((1, 6, 1), (1, 8), 1, "same", "relu", None),  # PAIRS_M, pad 3
    ((6, 1, 1), (9, 1), 1, "same", "relu6", None),  # five pairs
    ((6, 1, 1), (10, 1), 1, "same", "relu", "huge"),
    ((3, 1, 1), (10, 1), 1, "same", "relu", None),  # m 3: bytes only, pad 4
    ((2, 1, 1), (6, 1), 1, "same", "relu", None),
    ((1, 4, 1), (1, 4), 1, "same", "relu", None),  # m 4: the word alone
    ((8, 1, 1), (5, 1), 1, "same", "relu", None),  # m 8: a word, four bytes
    ((5, 1, 1), (4, 1), 1, "valid", "relu", None),  # pad 0, two outputs
    ((8, 1, 1), (7, 1), 1, "valid", "relu", "small"),
    ((8, 1, 1), (5, 1), 2, "same", "relu", None),  # stride 2
    ((7, 1, 1), (4, 1), 2, "same", "relu", "small"),
    ((1, 8, 1), (1, 6), 2, "valid", "relu", None),
    ((9, 1, 1), (4, 1), 1, "same", "relu", None),  # nine pixels: tiny_pairs
    ((6, 1, 2), (4, 1), 1, "same", "relu", None),  # two channels: tiny_pairs
    ((6, 1, 2), (7, 1), 1, "same", "relu", None),  # two channels: tiny_line_pairs_m
    ((6, 1, 1), (2, 1), 1, "same", "relu", None),  # two taps: TWO
    ((6, 1, 1), (4, 1), 1, "same", None, None),  # refused: no activation
]

layer_family("kline_", 227_000, KLINE_CASES, without_records=(0, 16))


# Branch tap2: two taps on long stride-1 lines of a plane (tag 5's records,
# several lines: tiny_two_lines' strands, one pointer, four outputs a pass in
# assembly, then none to three, then the 'same' last output against the
# zero point), columns ((2,1): a strand every column and channel) and rows
# ((1,2): a line a row); 40 outputs (TINY_TWO_LONG) and more, 'same' and
# 'valid', trained-like scales; the records built by the kernel (0, 3).
# Tag 29's one line at stride 1 four outputs a pass (tiny_two_c*s1) and
# stride 2 (a function a (channels, stride)). Then planes just outside the
# strands: 39 outputs, stride 2 (across too: the input and output steps
# apart), four channels, no activation, a channel beyond the fast
# requantisation.
TAP2_CASES = [
    ((49, 3, 1), (2, 1), 1, "same", "relu", None),  # the task's: three strands
    ((49, 3, 3), (2, 1), 1, "same", "relu", "small"),  # nine strands
    ((49, 3, 2), (2, 1), 1, "valid", "relu", None),  # 48 outputs, none past
    ((41, 2, 3), (2, 1), 1, "same", "relu", "huge"),  # 41: one past the fours
    ((4, 42, 2), (1, 2), 1, "same", "relu", None),  # rows, two past the fours
    ((44, 2, 1), (2, 1), 1, "valid", "relu6", None),  # 43: three past
    ((40, 5, 1), (2, 1), 1, "same", "relu", "small"),  # 40: the least
    ((49, 1, 1), (2, 1), 1, "valid", "relu", None),  # tag 29, four a pass
    ((1, 49, 2), (1, 2), 1, "same", "relu", "small"),
    ((50, 1, 3), (2, 1), 1, "valid", "relu", "huge"),
    ((7, 1, 3), (2, 1), 1, "same", "relu", None),  # 6 inside: a pass, a pair
    ((49, 1, 2), (2, 1), 2, "same", "relu", None),  # tag 29 at stride 2
    ((39, 3, 1), (2, 1), 1, "same", "relu", None),  # 39: tiny_cols
    ((49, 3, 3), (2, 1), 2, "same", "relu", None),  # stride 2: tiny_cols
    ((49, 6, 1), (2, 1), 1, "same", "relu", None),  # six columns, steps alike
    ((49, 3, 4), (2, 1), 1, "same", "relu", None),  # four channels: other paths
    ((49, 3, 1), (2, 1), 1, "same", None, None),  # refused: no activation
    ((49, 3, 2), (2, 1), 1, "same", "relu", "scaled"),  # refused: requantisation
]

layer_family("tap2_", 233_000, TAP2_CASES, without_records=(0, 3))


# Branch plane1: one channel's 'valid' 2D windows straight from the input's
# bytes (DW_PLANE1, nnom_local_dwplane1_dsp.c): kh 2 to 7, kw 3 to 7 (two,
# three and four tap pairs a row), stride 1 and 2, rows of 8 to 32 bytes;
# rows of outputs in passes of four with none to three past (a pass of two
# for one or two, of four for three), one output; the last output row on the
# copy of its window's rows where its reads pass the input's end; relu6's
# clamp; trained-like scales ("small": e beyond 11, "huge": |bias| near
# 2^30). Then layers just outside it: four and two channels, an 8x8 kernel,
# dilation 2, stride 3, 'same', rows of 33 and of 7 bytes, and a channel
# beyond the fast requantisation (the plane path or others take them).
PLANE1_CASES = [
    ((8, 8, 1), (3, 3), 1, 1, "valid", "relu", None),  # the task's: 6 a row
    ((8, 8, 1), (3, 3), 1, 1, "valid", "relu", "small"),
    ((8, 8, 1), (5, 5), 1, 1, "valid", "relu", None),  # three pairs, 4 a row
    ((12, 12, 1), (5, 5), 2, 1, "valid", "relu", "small"),
    ((8, 8, 1), (7, 7), 1, 1, "valid", "relu6", None),  # four pairs, 2 a row
    ((12, 12, 1), (7, 7), 2, 1, "valid", None, "huge"),  # three a row
    ((8, 8, 1), (7, 7), 2, 1, "valid", "relu", None),  # one output
    ((9, 8, 1), (3, 4), 1, 1, "valid", "relu", None),  # kw 4, five a row
    ((10, 10, 1), (4, 4), 2, 1, "valid", "relu", "small"),
    ((10, 9, 1), (6, 6), 1, 1, "valid", "relu", None),
    ((8, 10, 1), (2, 5), 1, 1, "valid", "relu", None),  # kh 2
    ((11, 13, 1), (5, 7), 2, 1, "valid", "relu", None),
    ((9, 11, 1), (7, 3), 1, 1, "valid", "relu", "small"),  # nine a row
    ((8, 32, 1), (3, 3), 1, 1, "valid", "relu", "huge"),  # rows of 32
    ((14, 8, 1), (3, 3), 2, 1, "valid", "relu", None),  # a row past the last window
    ((8, 8, 4), (3, 3), 1, 1, "valid", "relu", None),  # four channels: other paths
    ((8, 8, 2), (3, 3), 1, 1, "valid", "relu", None),  # two channels
    ((10, 10, 1), (8, 8), 1, 1, "valid", "relu", None),  # an 8x8 kernel
    ((12, 12, 1), (3, 3), 1, 2, "valid", "relu", None),  # dilation 2
    ((12, 12, 1), (3, 3), 3, 1, "valid", "relu", None),  # stride 3
    ((10, 10, 1), (3, 3), 1, 1, "same", "relu", None),  # padded
    ((8, 33, 1), (3, 3), 1, 1, "valid", "relu", None),  # rows of 33
    ((9, 7, 1), (3, 3), 1, 1, "valid", "relu", None),  # rows of 7
    ((8, 8, 1), (3, 3), 1, 1, "valid", "relu", "scaled"),  # refused: requantisation
]


def plane1_model(case, rng: np.random.Generator):
    """A case of PLANE1_CASES: dilated ones as odd_channels_model's."""
    shape, kernel, stride, dil, padding, act, scaled = case
    if dil == 1:
        return dw_layer_case_model((shape, kernel, stride, padding, act, scaled), rng)
    return odd_channels_model((shape, kernel, stride, dil, padding, act, False), rng)


family("plane1_", 234_000, len(PLANE1_CASES), lambda k, rng: plane1_model(PLANE1_CASES[k], rng))
