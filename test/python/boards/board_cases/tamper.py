"""Layers whose header records name their kernel's path, for the tampered
headers of test_tamper.py (and, untampered, test_boards.py's family
tamper_): each case's records take a records-driven path (checked by
test_tamper.py on the converter's output: the first word), and the words
that the runtime must check against the layer's config (tags, geometry,
counts, a plan's offsets) are listed so that the test flips them one at a
time. Words the runtime cannot check (weights, requantisation) are not
flipped: a change there changes the output, not the buffers reached."""

from __future__ import annotations

import numpy as np

from .common import dw_layer_case_model
from .dense_pw import conv_chain_model
from .dw_lines import pair_case_model
from .registry import family

# tags a first word may name (nnom_local_dwcol.h, dwpair, dw3s2(l), dw3s2q,
# dw3line's short lines, dwline's padded lines, dwone4's 31, dw3s2v's 37, dwonein's 43)
TAGS = (0, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 43)


def head(n: int) -> list[int]:
    """Words 0 .. n - 1 of the records."""
    return list(range(n))


def pair_plan(channels: int, sets: int) -> list[int]:
    """A two-tap plan's words (nnom/ops/dwpair_plan.py): the tag, the
    head (PLAN_HEAD = 13 words after the channels' four words each) and
    the first sets' thirteen."""
    at = 1 + 4 * channels
    return [0, *range(at, at + 13 + 13 * sets)]


# (kind, case, first word(s) the converter writes, words to flip); kind "dw":
# common.dw_layer_case_model's case, "pair": dw_lines.pair_case_model's,
# "pw": dense_pw.conv_chain_model's (input, layers).
TAMPER_CASES = [
    # tag 9: one channel past a multiple of four alone, s2 down (swap4_0)
    ("dw", ((14, 1, 13), (4, 1), 2, "valid", "relu", None), (9,), head(12)),
    # tag 9: two past, the swapped loop (swap4_3)
    ("dw", ((1, 9, 14), (1, 8), 1, "valid", "relu", None), (9,), head(12)),
    # tag 13: one stride-2 three-tap line of three outputs on five rows
    ("dw", ((5, 1, 24), (3, 1), 2, "same", "relu", None), (13,), head(1)),
    # tag 15: on six rows
    ("dw", ((6, 1, 24), (3, 1), 2, "same", "relu", None), (15,), head(1)),
    # a two-tap plan (tag 9 on the pair records), one set
    ("pair", ((2, 1, 16), (2, 1), (1, 1), "valid", "relu", 0), (9,), pair_plan(16, 1)),
    # a 'same' two-tap plan with its border sets
    ("pair", ((2, 1, 40), (2, 1), (1, 1), "same", "relu", 0), (9,), pair_plan(40, 2)),
    # dw3s2: stride-2 three-tap lines of 8 outputs (first word 1)
    ("dw", ((17, 1, 16), (3, 1), 2, "valid", "relu", None), (1,), head(1)),
    # dw3s2l: a padded row (first word 3)
    ("dw", ((16, 1, 16), (3, 1), 2, "same", "relu", None), (3,), head(1)),
    # 1x1 records loops: pw1pxn (one output of 8 inputs), pwfo, pw1px
    ("pw", ((2, 2, 8), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 2, 17), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 20), [(8, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 8), [(16, 1, "relu", None)]), (), head(4)),
]

# Two-tap plans of the other set kinds (family pairsafe_, seeds 184,000 on:
# test_tamper.py runs them after TAMPER_CASES, as cases 12 on)
PAIRSAFE_CASES = [
    # one walk of k 9's pairs along the line (k 12), stride 1
    ("pair", ((9, 1, 12), (2, 1), (1, 1), "valid", "relu", 0), (9,), pair_plan(12, 1)),
    # places across three lines (k 4, 4, 1), (1, 2)
    ("pair", ((3, 4, 8), (1, 2), (1, 1), "valid", "relu", 0), (9,), pair_plan(8, 3)),
    # a k 17 set alone with the overlapping group (18 channels: back 2)
    ("pair", ((2, 1, 18), (2, 1), (1, 1), "valid", "relu", 0), (9,), pair_plan(18, 1)),
]


# The tags after 15 (family tamperb_, seeds 197,000 on: test_tamper.py runs
# them after PAIRSAFE_CASES)
TAMPERB_CASES = [
    # tag 35: a padded one-row line of whole groups, its head's eleven words
    ("dw", ((30, 1, 4), (5, 1), 2, "same", "relu", None), (35,), head(12)),
    ("dw", ((1, 30, 12), (1, 5), 2, "same", "relu", None), (35,), head(12)),
    # tag 25: short three-tap stride-1 lines, 'same' and 'valid'
    ("dw", ((2, 1, 16), (3, 1), 1, "same", "relu", None), (25,), head(1)),
    ("dw", ((4, 1, 16), (3, 1), 1, "valid", "relu", None), (25,), head(1)),
    # tags 17-23: stride-2 three-tap 'same' lines on 7, 8, 11 and 12 rows
    ("dw", ((7, 1, 16), (3, 1), 2, "same", "relu", None), (17,), head(1)),
    ("dw", ((8, 1, 16), (3, 1), 2, "same", "relu", None), (19,), head(1)),
    ("dw", ((11, 1, 16), (3, 1), 2, "same", "relu", None), (21,), head(1)),
    ("dw", ((12, 1, 16), (3, 1), 2, "same", "relu", None), (23,), head(1)),
    # tag 29: a tiny loops' line, its head's twelve words (two and three
    # channels: the pairs' m loop, tiny_line3)
    ("dw", ((15, 1, 2), (8, 1), 1, "valid", "relu", None), (29,), head(13)),
    ("dw", ((40, 1, 3), (5, 1), 2, "same", "relu", None), (29,), head(13)),
    # tag 27 (rectd; these two were tag 7's before): dwrect's plane with its
    # job, the header's nineteen words and the first group's four offsets
    # (a padded plane; a border-less one of one group)
    ("dw", ((7, 7, 8), (2, 2), 2, "same", "relu", None), (27,), head(19) + [24, 25, 30, 31]),
    ("dw", ((9, 9, 4), (2, 2), 2, "valid", "relu", None), (27,), head(19) + [24, 25, 30, 31]),
    # tag 7: dwrect's header [tag, taps, groups, exact, down + PLANE]: bands
    # (no PLANE) and a padded 3x3 plane
    ("dw", ((21, 21, 16), (2, 2), 2, "valid", "relu", None), (7,), head(5)),
    ("dw", ((10, 33, 10), (3, 3), 2, "same", "relu", None), (7,), head(5)),
    # tag 33 (tiny3h): DW_TINY3's job, the flag and the head's eight words
    # ('same' on two channels down h, 'valid' on three along w)
    ("dw", ((20, 1, 2), (3, 1), 1, "same", "relu", None), (33,), head(10)),
    ("dw", ((2, 12, 3), (1, 3), 1, "valid", "relu", None), (33,), head(10)),
    # tag 37 (s2v): stride-2 three-tap 'valid' lines of two outputs (five
    # rows, nnom_dw3_s2v_b_s8) and three (seven, nnom_dw3_s2bv_b_s8);
    ("dw", ((5, 1, 16), (3, 1), 2, "valid", "relu", None), (37,), head(1)),
    ("dw", ((1, 7, 16), (1, 3), 2, "valid", "relu", None), (37,), head(1)),
    # four outputs (passes of two) and five (a pass, then three)
    ("dw", ((9, 1, 16), (3, 1), 2, "valid", "relu", None), (37,), head(1)),
    ("dw", ((1, 11, 16), (1, 3), 2, "valid", "relu", None), (37,), head(1)),
    # tag 31 (one31): one output of three (four) taps over the whole input,
    # DW_ONE3E's (DW_ONE4's) direct type named at build
    ("dw", ((3, 1, 8), (3, 1), 1, "valid", "relu", None), (31,), head(1)),
    ("dw", ((2, 2, 12), (3, 3), 2, "same", "relu", None), (31,), head(1)),
    # tag 43 (onepix): one output over a line of the input, DW_ONE_IN's
    # direct type named at build; the tag and the header's taps (a 'valid'
    # window inside a larger input, a single pixel under a (3,1) window)
    ("dw", ((6, 6, 16), (5, 5), 2, "valid", "relu", None), (43,), head(2)),
    ("dw", ((1, 1, 16), (3, 1), 1, "same", "relu", None), (43,), head(2)),
]


# The one-pixel 1x1 runs and pwfo's wide outputs (family tamperpwone_,
# seeds 219,080 on: test_tamper.py runs them last): pw1pxn12p, pw1pxn16p,
# pw1px8p, pwfo1px, pwfo3px, pwfo's eight outputs of 33 inputs, pw1pxn48.
TAMPERPWONE_CASES = [
    ("pw", ((1, 1, 11), [(5, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 14), [(3, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 8), [(3, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 64), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 23), [(3, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 2, 33), [(8, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 3, 8), [(2, 1, "relu", None)]), (), head(4)),
]

# pwfew (family tamperpwfew_, seeds 225,080 on, after tamperpwone_'s): pwfo2px
# (one pixel, two outputs: 17 and 64 inputs), pwfo's wide outputs on 16
# pixels of 33 inputs and on three of 256, pwfo1o7 and pwfo1o16 (one pixel,
# one output of 25 and 64 inputs).
TAMPERPWFEW_CASES = [
    ("pw", ((1, 1, 17), [(2, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 64), [(2, 1, "relu", None)]), (), head(4)),
    ("pw", ((4, 4, 33), [(5, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 3, 256), [(7, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 25), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 64), [(1, 1, "relu", None)]), (), head(4)),
]

# Tag 29's two-tap course (branch flat2, TINY_C_TWO: the line read straight
# from the input), the head's twelve words: three channels at stride 1
# with the last output's second tap the zero point, one channel at stride
# 2 'valid' (none), two channels at stride 2 'same' (one). Family
# tamperflat2_, seeds 221,050 on.
TAMPERFLAT2_CASES = [
    ("dw", ((49, 1, 3), (2, 1), 1, "same", "relu", None), (29,), head(13)),
    ("dw", ((1, 24, 1), (1, 2), 2, "valid", "relu", None), (29,), head(13)),
    ("dw", ((15, 1, 2), (2, 1), 2, "same", "relu", None), (29,), head(13)),
]


# tag 43's lines of 50 to 56 taps (one77: DW_ONE_INL, named at build): the
# tag and the header's taps flipped ((7,7) s2 on 8x8, 55 taps; (6,6) s5 on
# 10x10, 56, the most) and of 11 and 13 taps (DW_ONE_IN11, DW_ONE_IN13:
# (3,3) s2 on 4x4, s3 on 5x5).
# Family tamperone77_, seeds 228,050 on.
TAMPERONE77_CASES = [
    ("dw", ((8, 8, 16), (7, 7), 2, "valid", "relu", None), (43,), head(2)),
    ("dw", ((10, 10, 6), (6, 6), 5, "valid", "relu", None), (43,), head(2)),
    ("dw", ((4, 4, 8), (3, 3), 2, "valid", "relu", None), (43,), head(2)),
    ("dw", ((5, 5, 8), (3, 3), 3, "valid", "relu", None), (43,), head(2)),
]

# pw1o's straight one-output types (family tamperpw1ob_, seeds 231,080 on):
# pw1pxn8s3 (3x1 8->1), pw1pxn16s1 (1x1 16->1), pw1pxn12s2 (2x1 12->1),
# pwfo1o2p8 (2x1 32->1), pw1pxn48s2 (2x1 8->2; 2x1 4->2: four inputs'
# records are two words, as the check now counts).
TAMPERPW1OB_CASES = [
    ("pw", ((3, 1, 8), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((1, 1, 16), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 1, 12), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 1, 32), [(1, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 1, 8), [(2, 1, "relu", None)]), (), head(4)),
    ("pw", ((2, 1, 4), [(2, 1, "relu", None)]), (), head(4)),
]


def tamper_model(k: int, rng: np.random.Generator, cases=TAMPER_CASES):
    kind, case, _, _ = cases[k]
    if kind == "dw":
        return dw_layer_case_model(case, rng)
    if kind == "pair":
        return pair_case_model(case, rng)
    return conv_chain_model(*case, rng)


def pairsafe_model(k: int, rng: np.random.Generator):
    return tamper_model(k, rng, PAIRSAFE_CASES)


family("tamper_", 183_000, len(TAMPER_CASES), tamper_model)
family("pairsafe_", 184_000, len(PAIRSAFE_CASES), pairsafe_model)
family("tamperb_", 197_000, len(TAMPERB_CASES), lambda k, rng: tamper_model(k, rng, TAMPERB_CASES))
family(
    "tamperpwone_",
    219_080,
    len(TAMPERPWONE_CASES),
    lambda k, rng: tamper_model(k, rng, TAMPERPWONE_CASES),
)
family(
    "tamperpwfew_",
    225_080,
    len(TAMPERPWFEW_CASES),
    lambda k, rng: tamper_model(k, rng, TAMPERPWFEW_CASES),
)
family(
    "tamperflat2_",
    221_050,
    len(TAMPERFLAT2_CASES),
    lambda k, rng: tamper_model(k, rng, TAMPERFLAT2_CASES),
)
family(
    "tamperone77_",
    228_050,
    len(TAMPERONE77_CASES),
    lambda k, rng: tamper_model(k, rng, TAMPERONE77_CASES),
)
family(
    "tamperpw1ob_",
    231_080,
    len(TAMPERPW1OB_CASES),
    lambda k, rng: tamper_model(k, rng, TAMPERPW1OB_CASES),
)
