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


def _groups(rec: np.ndarray) -> list[np.ndarray]:
    """Each group's words in tag 7's layout (tag 27's without the offsets)."""
    taps, n = int(rec[1]), int(rec[2])
    pairs = (taps + 1) // 2
    if rec[0] == dr.TAG:
        size = dr.GROUP_WORDS_FIXED + 4 * pairs
        return [rec[5 + k * size : 5 + (k + 1) * size] for k in range(n)]
    size = dr.GROUP_WORDS_FIXED + 6 * pairs
    out = []
    for k in range(n):
        g = rec[dr.PLANE_HEAD + k * size : dr.PLANE_HEAD + (k + 1) * size]
        w = [g[7 + 6 * p : 11 + 6 * p] for p in range(pairs)]
        out.append(np.concatenate([g[:5], *w, g[5 + 6 * pairs :]]))
    return out


def test_header_and_group_size():
    # a plane of 100 outputs on the input: the bands' (tag 7)
    rec = dr.dwrect_records(ATTRS, _q(3, 2, 10), 3, -128, (23, 21), (11, 10))
    assert rec is not None
    groups = 3  # channels 0-3, 4-7 and the overlapping 6-9
    assert list(rec[:5]) == [dr.TAG, 6, groups, 0, 1]  # down: 11 output rows > 10 columns
    assert len(rec) == 5 + groups * (dr.GROUP_WORDS_FIXED + 4 * 3)
    assert rec[5] == 2  # scaled form: every e is 11


def test_plane_records_with_their_job():
    # few outputs on the input: tag 27, the plane's job in the header
    rec = dr.dwrect_records(ATTRS, _q(3, 2, 10), 3, -128, (13, 7), (6, 3))
    assert rec is not None
    groups, pairs = 3, 3
    assert list(rec[:5]) == [dr.PLANE_TAG, 6, groups, 0, 1 + dr.JOB]  # down: 6 rows > 3
    pw, ph = 5 * 2 + 3, 2 * 2 + 2  # u down the rows: 13 words a plane row
    nu, nv = 13, 6
    job = [6, 3, 8, 3 * 10, 4 * 2 * pw, 10, 7 * 10, 10 - nu * 7 * 10, 4 * (pw - nu)]
    assert list(rec[5:19]) == [pw, pw * ph, 0, nu, nv] + job
    assert len(rec) == dr.PLANE_HEAD + groups * (dr.GROUP_WORDS_FIXED + 6 * pairs)
    g = rec[dr.PLANE_HEAD :]
    assert g[0] == 2  # scaled form: every e is 11
    # the taps' offsets, along u (three rows of the kernel) first
    assert [int(g[5 + 6 * p + k]) for p in range(pairs) for k in (0, 1)] == [
        0,
        4,
        8,
        4 * pw,
        4 * pw + 4,
        4 * pw + 8,
    ]
    # not on 3x3 (the window loop reads tag 7 alone)
    same = dict(ATTRS, pads=(0, 1, 1, 1))
    assert dr.dwrect_records(same, _q(3, 3, 10), 0, -128, (10, 33), (5, 17))[0] == dr.TAG


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


def test_3x3_planes_two_channels_past_a_multiple_of_four():
    # dwrect's last group on two lanes (branch win8): 8+ channels, 2 past
    same = dict(ATTRS, pads=(0, 1, 1, 1))
    assert dr.dwrect_records(same, _q(3, 3, 10), 0, -128, (10, 33), (5, 17)) is not None
    assert dr.dwrect_records(same, _q(3, 3, 14), 0, -128, (10, 33), (5, 17)) is not None
    # one or three past, six channels, few outputs: the window loop's
    for cout in (13, 11, 6, 12):
        assert dr.dwrect_records(same, _q(3, 3, cout), 0, -128, (10, 33), (5, 17)) is None
    assert dr.dwrect_records(same, _q(3, 3, 10), 0, -128, (4, 4), (2, 2)) is None


def test_exact_form_without_activation():
    q = _q(2, 4, 8)
    q.act_min = -128
    rec = dr.dwrect_records(ATTRS, q, 0, 5, (8, 13), (4, 5))  # zero point 5: the s term
    assert rec is not None and rec[3] == 1 and _groups(rec)[0][0] == 1


def _trained_like(kh: int, kw: int, cout: int, seed: int):
    """A layer whose channels' right shifts spread as a trained net's: e from
    5 to 20, one dead channel (weights 0), biases small and large."""
    rng = np.random.default_rng(seed)
    q = _q(kh, kw, cout, seed)
    q.shift = -rng.integers(5, 21, cout).astype(np.int64)
    q.mult = rng.integers(1 << 30, 1 << 31, cout).astype(np.int64)
    q.bias = (rng.integers(-(1 << 20), 1 << 20, cout) >> rng.integers(0, 16, cout)).astype(np.int32)
    q.weight[..., 1] = 0
    q.shift[2] = -9  # proven-form channels keep their words
    return q


def _halves(word: int) -> tuple[int, int]:
    u = int(word) & 0xFFFFFFFF
    lo, hi = u & 0xFFFF, u >> 16
    return lo - ((lo & 0x8000) << 1), hi - ((hi & 0x8000) << 1)


def _scaled_group_bytes(g: np.ndarray, taps: int, x: np.ndarray) -> np.ndarray:
    """The scaled loop's bytes for one group's words g on windows x
    ([n][taps][4] int8, the loop's tap order), run as the assembly runs
    them: SMLAD of the halfword weights, SMMLA, SSAT #8, asr #12."""
    pairs = (taps + 1) // 2
    xp = np.concatenate([x, np.zeros((x.shape[0], taps & 1, 4), np.int64)], axis=1)
    out = np.empty((x.shape[0], 4), np.int64)
    for i in range(4):
        acc = np.full(x.shape[0], int(g[1 + i]), np.int64)
        for t in range(pairs):
            w0, w1 = _halves(g[5 + 4 * t + i])
            acc += w0 * xp[:, 2 * t, i] + w1 * xp[:, 2 * t + 1, i]
        assert np.all(np.abs(acc) < 1 << 31)
        m, r = int(g[5 + 4 * pairs + 2 * i]), int(g[6 + 4 * pairs + 2 * i])
        u = r + ((acc * m) >> 32)
        assert np.all(np.abs(u) < 1 << 31)
        out[:, i] = np.clip(u >> 12, -128, 127)
    return out


def test_trained_like_channels_keep_the_scaled_form_and_every_byte():
    """Channels outside e 5..11 (dead, near-dead) take rq_fit's words: every
    group is scaled, and its bytes equal the reference's on random and
    extreme windows."""
    from nnom.fixedpoint import requantize

    for seed, (kh, kw, cout, zp_in) in enumerate([(3, 2, 10, 3), (2, 2, 16, -7), (3, 3, 8, 0)]):
        q = _trained_like(kh, kw, cout, seed)
        rec = dr.dwrect_records(
            ATTRS,
            q,
            zp_in,
            -128,
            (35, 3) if kh == 3 == kw else (13, 7),
            (17, 1) if kh == 3 == kw else (6, 3),
        )
        assert rec is not None
        taps, down = int(rec[1]), bool(rec[4])
        w = np.asarray(q.weight, np.int64)
        w = (w.transpose(1, 0, 2) if down else w).reshape(taps, cout)
        starts = [int(c) for c in dr.group_channels(cout)[::4]]
        rng = np.random.default_rng(100 + seed)
        x = rng.integers(-128, 128, (4000, taps, cout))
        x[0], x[1] = -128, 127  # the sums' extremes and the zero points'
        x[2], x[3] = np.where(w > 0, 127, -128), np.where(w > 0, -128, 127)
        x[4] = zp_in
        for c, g in zip(starts, _groups(rec), strict=True):
            assert g[0] == 2
            acc = (w[None, :, c : c + 4] * (x[:, :, c : c + 4] - zp_in)).sum(axis=1) + q.bias[
                c : c + 4
            ]
            want = np.clip(requantize(acc, q.mult[c : c + 4], q.shift[c : c + 4]) - 128, -128, 127)
            assert np.array_equal(_scaled_group_bytes(g, taps, x[:, :, c : c + 4]), want)


def test_large_plane_records_where_a_channel_is_fitted():
    """Beyond MAX_OUTPUTS outputs and LARGE_WORDS words the records are written
    only where a channel needs rq_fit's words (the kernel's own build would
    run its group in the unscaled form)."""
    big = _q(3, 2, 128)
    assert dr.dwrect_records(ATTRS, big, 0, -128, (41, 41), (20, 20)) is None
    big.shift[5] = -14
    rec = dr.dwrect_records(ATTRS, big, 0, -128, (41, 41), (20, 20))
    assert rec is not None and len(rec) > dr.LARGE_WORDS and set(rec[5 :: 17 + 12]) == {2}
    big.act_min = -100  # the exact loop: the one-row form, no fitted words
    assert dr.dwrect_records(ATTRS, big, 0, -128, (41, 41), (20, 20)) is None


def test_plane_named_in_the_header():
    # rect_groups' choice at conversion (branch rectc): the plane's bit on
    # small padded planes, not on the bands' (no border, 8x8) nor the cells'
    same = dict(ATTRS, pads=(0, 1, 0, 1))
    for q, hw, ohw in (
        (_q(2, 2, 8), (7, 7), (4, 4)),
        (_q(3, 2, 8), (9, 9), (5, 5)),
        (_q(2, 2, 12), (5, 5), (3, 3)),
    ):
        rec = dr.dwrect_records(same, q, 0, -128, hw, ohw)
        assert rec is not None and rec[0] == dr.PLANE_TAG and rec[4] == dr.JOB  # down 0
    s1 = dict(same, strides=(1, 1))
    assert dr.dwrect_records(s1, _q(2, 2, 8), 0, -128, (7, 7), (7, 7))[0] == dr.PLANE_TAG
    # no border: tag 27 where the plane's copy is cheaper than the bands'
    # set-up (branch rectd: (2,2) s2 9x9x4 valid 1,716 -> 1,302), else tag 7
    # without the bit
    assert dr.dwrect_records(ATTRS, _q(2, 2, 8), 0, -128, (9, 9), (4, 4))[0] == dr.PLANE_TAG
    assert dr.dwrect_records(ATTRS, _q(2, 2, 8), 0, -128, (8, 8), (4, 4))[0] == dr.PLANE_TAG
    assert dr.dwrect_records(same, _q(2, 2, 16), 0, -128, (6, 6), (3, 3))[0] == dr.PLANE_TAG
    wide = dr.dwrect_records(ATTRS, _q(2, 2, 16), 0, -128, (21, 21), (10, 10))
    assert list(wide[[0, 4]]) == [dr.TAG, 0]
    # a padded plane of 5x5 keeps tag 7 and the bit (its window loop's)
    five = dr.dwrect_records(dict(ATTRS, pads=(1, 2, 1, 2)), _q(5, 5, 8), 0, -128, (9, 7), (5, 4))
    assert five is None or five[0] == dr.TAG
    cells = dict(ATTRS, pads=(0, 0, 1, 1))
    assert dr.dwrect_records(cells, _q(2, 3, 13), 0, -128, (30, 17), (15, 9))[4] == 1  # down


def test_direct_plane_on_the_input():
    # branch rectg: four channels, no padding, every window inside the input,
    # rows along it: DIRECT in the down word, pw and the offsets the input's
    rec = dr.dwrect_records(ATTRS, _q(2, 2, 4), 0, -128, (9, 11), (4, 5))
    assert rec[0] == dr.PLANE_TAG and rec[4] == dr.JOB + dr.DIRECT
    assert rec[5] == 11 and rec[6] == 8 * 10 and rec[14] == 4 * 2 * 11  # pw, words, xl
    g = rec[dr.PLANE_HEAD :]
    assert list(g[5:7]) == [0, 4] and list(g[11:13]) == [4 * 11, 4 * 11 + 4]
    # not direct: eight channels, rows down the input, padding
    eight = dr.dwrect_records(ATTRS, _q(2, 2, 8), 0, -128, (9, 9), (4, 4))
    assert eight[4] == dr.JOB and eight[5] == 8
    assert dr.dwrect_records(ATTRS, _q(2, 2, 8), 0, -128, (11, 9), (5, 4))[4] == dr.JOB + 1
    same = dict(ATTRS, pads=(0, 1, 0, 1))
    assert dr.dwrect_records(same, _q(2, 2, 4), 0, -128, (7, 7), (4, 4))[4] == dr.JOB
    # a padded plane of more rows than columns: rows down (_down's rule) but
    # of four channels (_down27: along, the one-group copy)
    assert dr.dwrect_records(same, _q(2, 2, 8), 0, -128, (9, 7), (5, 4))[4] == dr.JOB + 1
    assert dr.dwrect_records(same, _q(2, 2, 4), 0, -128, (9, 7), (5, 4))[4] == dr.JOB


def test_direct_few_and_tall_planes():
    # branch rect7: four channels without a border output run along the
    # input's rows (_down27), also where it has more rows than columns
    # (rect_try's rule would run them down, on a copy) ...
    tall = dr.dwrect_records(ATTRS, _q(2, 2, 4), 0, -128, (11, 9), (5, 4))
    assert tall[0] == dr.PLANE_TAG and tall[4] == dr.JOB + dr.DIRECT and tall[5] == 9
    assert tall[dr.PLANE_HEAD + 11] == 4 * 9  # the second row's tap: the input's row
    # ... and planes of FEW_OUT or fewer outputs (few_table's, records-less
    # before), but not of eight channels nor padded ones
    for in_hw, out_hw in (((4, 4), (2, 2)), ((5, 7), (2, 3)), ((7, 5), (3, 2))):
        few = dr.dwrect_records(ATTRS, _q(2, 2, 4), 0, -128, in_hw, out_hw)
        assert few[0] == dr.PLANE_TAG and few[4] == dr.JOB + dr.DIRECT and few[5] == in_hw[1]
    assert dr.dwrect_records(ATTRS, _q(2, 2, 8), 0, -128, (5, 7), (2, 3)) is None
    same = dict(ATTRS, pads=(0, 1, 0, 1))
    assert dr.dwrect_records(same, _q(2, 2, 4), 0, -128, (3, 3), (2, 2)) is None


def test_direct_three_by_three():
    # branch rect7: 3x3 of four channels, every window inside the input: tag
    # 27 on the input (direct3), not 3x3's window loop; padded or of eight
    # channels: not
    rec = dr.dwrect_records(ATTRS, _q(3, 3, 4), 0, -128, (7, 7), (3, 3))
    assert rec[0] == dr.PLANE_TAG and rec[4] == dr.JOB + dr.DIRECT and rec[5] == 7
    assert dr.direct3(ATTRS, 3, 3, 4, (7, 7), (3, 3))
    assert not dr.direct3(ATTRS, 3, 3, 8, (7, 7), (3, 3))
    assert not dr.direct3(dict(ATTRS, pads=(1, 1, 1, 1)), 3, 3, 4, (7, 7), (4, 4))
    assert not dr.direct3(ATTRS, 5, 5, 4, (9, 9), (3, 3))
