"""The converter records of the short stride-2 three-tap lines
(nnom/ops/dwcol_records.py, DW3Q_TAG to DW3I_TAG: nnom_dw3_s2_s8, _s2e_s8,
_s2f_s8, _s2g_s8, _s2a_s8 / _s2b_s8 with _s2e_s8): one 'same' line of
three outputs on five or six rows, four on seven or eight, six on 11 or
12, 8+ channels, no clamp; the tag, the words of a channel, and the
outputs' sums as the kernels take them (the border outputs' input zero
point in their bias) equal to the reference's doubled sums."""

from types import SimpleNamespace

import numpy as np

from nnom.ops import dwcol_records as dr

ATTRS = {"multiplier": 1, "dilation": (1, 1), "strides": (2, 1), "pads": (1, 1, 0, 0)}


def _q(cout: int, act=(-128, 127), seed: int = 0):
    rng = np.random.default_rng(seed)
    return SimpleNamespace(
        weight=rng.integers(-127, 128, (3, 1, cout)).astype(np.int8),
        bias=rng.integers(-5000, 5000, cout).astype(np.int32),
        mult=np.full(cout, 1 << 30, np.int64),
        shift=np.full(cout, -9, np.int64),
        act_min=act[0],
        act_max=act[1],
    )


def _halves(word: int) -> tuple[int, int]:
    lo, hi = word & 0xFFFF, (word >> 16) & 0xFFFF
    return lo - (lo >> 15 << 16), hi - (hi >> 15 << 16)


def _doubled_sums(q, w, padded, zp: int, c: int, n: int = 3) -> list[int]:
    """The reference's n outputs of channel c at stride 2, doubled (the
    kernels' weights are), on the padded line."""
    return [
        2 * (int(q.bias[c]) + int(np.dot(w[:, c], padded[2 * o : 2 * o + 3, c] - zp)))
        for o in range(n)
    ]


def test_tag_layout_and_sums():
    zp, cout = 7, 11
    q = _q(cout)
    rec = dr.dwcol_records(ATTRS, q, zp, -128, (5, 1), (3, 1))
    assert rec is not None and rec[0] == dr.DW3Q_TAG
    assert len(rec) == 1 + 8 * cout
    x = np.random.default_rng(1).integers(-128, 128, (5, cout))
    padded = np.concatenate([np.full((1, cout), zp), x, np.full((1, cout), zp)])
    w = q.weight.reshape(3, cout).astype(np.int64)
    for c in range(cout):
        r = [int(v) for v in rec[1 + 8 * c : 9 + 8 * c]]
        (w0, w1), (w1b, w2) = _halves(r[0]), _halves(r[1])
        assert (w0, w1, w1b, w2) == tuple(2 * int(v) for v in (w[0, c], w[1, c], w[1, c], w[2, c]))
        got = [
            r[2] + x[0, c] * w1 + x[1, c] * w2,
            r[3] + x[1, c] * w0 + x[2, c] * w1 + x[3, c] * w2,
            r[4] + x[3, c] * w0 + x[4, c] * w1,
        ]
        assert got == _doubled_sums(q, w, padded, zp, c)
        assert r[5:] == [1 << 30, int(rec[1 + 8 * c + 6]), 9]  # mult, ra, e (= -shift)


def test_six_rows():
    zp, cout = -9, 10
    q = _q(cout, seed=2)
    six = {**ATTRS, "pads": (0, 1, 0, 0)}
    rec = dr.dwcol_records(six, q, zp, -128, (6, 1), (3, 1))
    assert rec is not None and rec[0] == dr.DW3E_TAG
    assert len(rec) == 1 + 8 * cout
    x = np.random.default_rng(3).integers(-128, 128, (6, cout))
    padded = np.concatenate([x, np.full((1, cout), zp)])
    w = q.weight.reshape(3, cout).astype(np.int64)
    for c in range(cout):
        r = [int(v) for v in rec[1 + 8 * c : 9 + 8 * c]]
        (w0, w1), (w2, _) = _halves(r[0]), _halves(r[1])
        got = [
            r[2] + x[0, c] * w0 + x[1, c] * w1 + x[2, c] * w2,
            r[3] + x[2, c] * w0 + x[3, c] * w1 + x[4, c] * w2,
            r[4] + x[4, c] * w0 + x[5, c] * w1,
        ]
        assert got == _doubled_sums(q, w, padded, zp, c)


def test_seven_rows():
    zp, cout = 5, 13
    q = _q(cout, seed=4)
    rec = dr.dwcol_records(ATTRS, q, zp, -128, (7, 1), (4, 1))
    assert rec is not None and rec[0] == dr.DW3F_TAG
    assert len(rec) == 1 + 9 * cout
    x = np.random.default_rng(5).integers(-128, 128, (7, cout))
    padded = np.concatenate([np.full((1, cout), zp), x, np.full((1, cout), zp)])
    w = q.weight.reshape(3, cout).astype(np.int64)
    for c in range(cout):
        r = [int(v) for v in rec[1 + 9 * c : 10 + 9 * c]]
        (w0, w1), (w1b, w2) = _halves(r[0]), _halves(r[1])
        assert w1 == w1b
        got = [
            r[2] + x[0, c] * w1 + x[1, c] * w2,
            r[3] + x[1, c] * w0 + x[2, c] * w1 + x[3, c] * w2,
            r[4] + x[3, c] * w0 + x[4, c] * w1 + x[5, c] * w2,
            r[5] + x[5, c] * w0 + x[6, c] * w1,
        ]
        assert got == _doubled_sums(q, w, padded, zp, c, 4)
        assert r[6:] == [1 << 30, int(rec[1 + 9 * c + 7]), 9]  # mult, ra, e (= -shift)


def test_eight_rows():
    zp, cout = -3, 10
    q = _q(cout, seed=6)
    eight = {**ATTRS, "pads": (0, 1, 0, 0)}
    rec = dr.dwcol_records(eight, q, zp, -128, (8, 1), (4, 1))
    assert rec is not None and rec[0] == dr.DW3G_TAG
    assert len(rec) == 1 + 9 * cout
    x = np.random.default_rng(7).integers(-128, 128, (8, cout))
    padded = np.concatenate([x, np.full((1, cout), zp)])
    w = q.weight.reshape(3, cout).astype(np.int64)
    for c in range(cout):
        r = [int(v) for v in rec[1 + 9 * c : 10 + 9 * c]]
        (w0, w1), (w2, _) = _halves(r[0]), _halves(r[1])
        got = [r[2 + o] + x[2 * o, c] * w0 + x[2 * o + 1, c] * w1 for o in range(4)]
        got = [g + (x[2 * o + 2, c] * w2 if o < 3 else 0) for o, g in enumerate(got)]
        assert got == _doubled_sums(q, w, padded, zp, c, 4)


def test_eleven_and_twelve_rows():
    """Six outputs: the first three's records (s2a: top pad; s2b: none),
    eight words a channel, then the last three's (s2e's) on rows 5-10
    (6-11) and the bottom pad."""
    for rows, pads, tag in ((11, (1, 1, 0, 0), dr.DW3H_TAG), (12, (0, 1, 0, 0), dr.DW3I_TAG)):
        zp, cout = 6, 9
        q = _q(cout, seed=rows)
        rec = dr.dwcol_records({**ATTRS, "pads": pads}, q, zp, -128, (rows, 1), (6, 1))
        assert rec is not None and rec[0] == tag
        assert len(rec) == 1 + 16 * cout
        x = np.random.default_rng(rows + 1).integers(-128, 128, (rows, cout))
        top = [np.full((1, cout), zp)] if rows == 11 else []
        padded = np.concatenate([*top, x, np.full((1, cout), zp)])
        w = q.weight.reshape(3, cout).astype(np.int64)
        for c in range(cout):
            a = [int(v) for v in rec[1 + 8 * c : 9 + 8 * c]]
            e = [int(v) for v in rec[1 + 8 * (cout + c) : 9 + 8 * (cout + c)]]
            if rows == 11:
                (w0, w1), (_, w2) = _halves(a[0]), _halves(a[1])
                got = [a[2] + x[0, c] * w1 + x[1, c] * w2]
                got += [a[2 + i] + x[2 * i - 1 : 2 * i + 2, c] @ [w0, w1, w2] for i in (1, 2)]
            else:
                (w0, w1), (w2, _) = _halves(a[0]), _halves(a[1])
                got = [a[2 + i] + x[2 * i : 2 * i + 3, c] @ [w0, w1, w2] for i in range(3)]
            y = x[rows - 6 :, c]
            (v0, v1), (v2, _) = _halves(e[0]), _halves(e[1])
            got += [e[2] + y[0:3] @ [v0, v1, v2], e[3] + y[2:5] @ [v0, v1, v2]]
            got += [e[4] + y[4] * v0 + y[5] * v1]
            assert [int(g) for g in got] == _doubled_sums(q, w, padded, zp, c, 6)


def test_not_written_beside_it():
    tags = (dr.DW3Q_TAG, dr.DW3E_TAG, dr.DW3F_TAG, dr.DW3G_TAG, dr.DW3H_TAG, dr.DW3I_TAG)
    assert dr.dwcol_records(ATTRS, _q(7), 0, -128, (5, 1), (3, 1))[0] not in tags  # 7 channels
    seven = {**ATTRS, "pads": (0, 0, 0, 0)}
    rec = dr.dwcol_records(seven, _q(24), 0, -128, (7, 1), (3, 1))  # seven rows 'valid'
    assert rec is None or rec[0] not in tags
    clamp = dr.dwcol_records(ATTRS, _q(24, (-128, 100)), 0, -128, (5, 1), (3, 1))
    assert clamp is None or clamp[0] not in tags
    valid = {**ATTRS, "pads": (0, 0, 0, 0)}
    rec = dr.dwcol_records(valid, _q(24), 0, -128, (5, 1), (2, 1))  # 'valid': two outputs
    assert rec is None or rec[0] not in tags
    assert dr.dwcol_records(ATTRS, _q(7), 0, -128, (7, 1), (4, 1))[0] not in tags  # 7 channels
    rec = dr.dwcol_records(valid, _q(24), 0, -128, (8, 1), (3, 1))  # eight rows 'valid'
    assert rec is None or rec[0] not in tags
    clamp = dr.dwcol_records(ATTRS, _q(24, (-128, 100)), 0, -128, (7, 1), (4, 1))
    assert clamp is None or clamp[0] not in tags
    rec = dr.dwcol_records(ATTRS, _q(24), 0, -128, (9, 1), (5, 1))  # five outputs: dw3s2l
    assert rec is None or rec[0] not in tags
    rec = dr.dwcol_records(ATTRS, _q(24), 0, -128, (13, 1), (7, 1))  # seven outputs: dw3s2l
    assert rec is None or rec[0] not in tags
    assert dr.dwcol_records(ATTRS, _q(7), 0, -128, (11, 1), (6, 1))[0] not in tags  # 7 channels
