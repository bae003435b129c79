"""The dwrect loop's converter records (nnom/ops/dwrect_records.py): written
where the C kernel takes them, with a header it checks, and bounded in size."""

from types import SimpleNamespace

import numpy as np

from nnom.ops import dwrect_records as dr

ATTRS = {"multiplier": 1, "dilation": (1, 1), "strides": (2, 2), "pads": (0, 0, 0, 0)}


def _q(kh: int, kw: int, cout: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return SimpleNamespace(
        weight=rng.integers(-127, 128, (kh, kw, cout)).astype(np.int8),
        bias=rng.integers(-5000, 5000, cout).astype(np.int32),
        mult=np.full(cout, 1 << 30, np.int64),
        shift=np.full(cout, -9, np.int64),
        act_min=-128,
        act_max=127,
    )


def test_header_and_group_size():
    rec = dr.dwrect_records(ATTRS, _q(3, 2, 10), 3, -128, (13, 7), (6, 3))
    assert rec is not None
    groups = 3  # channels 0-3, 4-7 and the overlapping 6-9
    assert list(rec[:5]) == [dr.TAG, 6, groups, 0, 1]  # down: 6 output rows > 3 columns
    assert len(rec) == 5 + groups * (dr.GROUP_WORDS_FIXED + 4 * 3)
    assert rec[5] == 2  # scaled form: every e is 11


def test_no_records_where_the_kernel_does_not_take_them():
    assert dr.dwrect_records(ATTRS, _q(3, 3, 8), 0, -128, (9, 9), (4, 4)) is None  # dwwin's
    assert dr.dwrect_records(ATTRS, _q(3, 2, 8), 0, -128, (5, 9), (2, 4)) is None  # few_table's
    assert dr.dwrect_records(ATTRS, _q(3, 2, 128), 0, -128, (41, 41), (20, 20)) is None  # large
    # a large plane's records where they are small (LARGE_WORDS)
    assert dr.dwrect_records(ATTRS, _q(3, 2, 8), 0, -128, (41, 41), (20, 20)) is not None
    assert dr.dwrect_records(ATTRS, _q(7, 7, 512), 0, -128, (19, 19), (7, 7)) is None  # words
    # one output column: 2 to 8 outputs only unpadded (few_cols' otherwise), 8+ channels
    same = dict(ATTRS, pads=(1, 1, 0, 1))
    assert dr.dwrect_records(same, _q(3, 3, 8), 0, -128, (16, 2), (8, 1)) is None
    assert dr.dwrect_records(ATTRS, _q(3, 3, 4), 0, -128, (35, 3), (17, 1)) is None


def test_one_column_and_few_outputs_of_many_taps():
    assert dr.dwrect_records(ATTRS, _q(3, 3, 8), 0, -128, (35, 3), (17, 1)) is not None
    assert dr.dwrect_records(ATTRS, _q(3, 3, 8), 0, -128, (17, 3), (8, 1)) is not None
    same = dict(ATTRS, pads=(1, 1, 0, 1))
    assert dr.dwrect_records(same, _q(3, 3, 8), 0, -128, (33, 2), (17, 1)) is not None
    # (7,4) s1 on 9x5: six outputs of 28 taps, more than few_table's 96
    s1 = dict(ATTRS, strides=(1, 1))
    assert dr.dwrect_records(s1, _q(7, 4, 32), 0, -128, (9, 5), (3, 2)) is not None
    assert dr.dwrect_records(s1, _q(2, 2, 32), 0, -128, (3, 5), (2, 4)) is None  # 32 taps


def test_exact_form_without_activation():
    q = _q(2, 4, 8)
    q.act_min = -128
    rec = dr.dwrect_records(ATTRS, q, 0, 5, (8, 13), (4, 5))  # zero point 5: the s term
    assert rec is not None and rec[3] == 1 and rec[5] == 1
