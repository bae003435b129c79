"""The converter's tag 37 on one three-tap 'valid' line at stride 2
(nnom/ops/dwcol_records.py, DW3S2V_TAG): two outputs on five or six rows
(six words a channel: (w0, w1), (w2, 0), the bias, mult, ra, e) or three
on seven or eight (nnom_dw3_s2b_s8's eight: the bias three times), whole
groups of four channels, no clamp, one line, (3, 1) and (1, 3); the layers
beside them keep their records untagged, another tag or none."""

import numpy as np
import pytest

from dw_quant_layer import dw_layer as _q
from nnom.ops import dwcol_records as dr


def _records(n_in: int, cout: int, down=True, act=(-128, 127), lines=1, pad=0, zp=5):
    kernel = (3, 1) if down else (1, 3)
    q = _q(kernel, cout, act)
    pads = (pad, pad, 0, 0) if down else (0, 0, pad, pad)
    attrs = {"multiplier": 1, "dilation": (1, 1), "strides": (2, 2), "pads": pads}
    n_out = (n_in + 2 * pad - 3) // 2 + 1
    in_hw = (n_in, lines) if down else (lines, n_in)
    out_hw = (n_out, lines) if down else (lines, n_out)
    return q, dr.dwcol_records(attrs, q, zp, -128, in_hw, out_hw)


def _halves(word: int) -> tuple[int, int]:
    lo, hi = word & 0xFFFF, (word >> 16) & 0xFFFF
    return lo - (lo >> 15 << 16), hi - (hi >> 15 << 16)


@pytest.mark.parametrize(
    "n_in, cout, down",
    [
        (5, 8, True),
        (6, 4, False),
        (5, 32, False),
        (7, 8, True),
        (8, 12, False),
        (7, 24, True),
        (9, 8, True),
        (14, 16, False),
        (11, 8, True),
        (16, 12, False),
    ],
)
def test_tagged_records(n_in, cout, down):
    zp = 5
    q, rec = _records(n_in, cout, down, zp=zp)
    assert rec is not None and rec[0] == dr.DW3S2V_TAG
    n_out = (n_in - 1) // 2
    # (words a channel, their offset): the pairs' six, an odd line's three's eight
    parts = [] if n_out == 3 else [(6, 1)]
    if n_out % 2:
        parts.append((8, 1 + 6 * cout * (n_out > 3)))
    assert len(rec) == 1 + sum(words for words, _ in parts) * cout
    w = q.weight.reshape(3, cout).astype(np.int64)
    for words, at in parts:
        for c in range(cout):
            r = [int(v) for v in rec[at + words * c : at + words * (c + 1)]]
            b = 2 * int(q.bias[c]) - zp * 2 * int(w[:, c].sum())
            assert _halves(r[0]) == (2 * int(w[0, c]), 2 * int(w[1, c]))
            assert _halves(r[1]) == (2 * int(w[2, c]), 0)
            assert r[2 : words - 3] == [b] * (words - 5)
            assert r[-3] == 1 << 30 and r[-1] == 9  # mult, e (= -shift)


@pytest.mark.parametrize(
    "n_in, cout, act, lines, pad",
    [
        (5, 8, (-128, 100), 1, 0),  # a clamp
        (5, 9, (-128, 127), 1, 0),  # nine channels
        (6, 6, (-128, 127), 1, 0),  # six channels
        (17, 8, (-128, 127), 1, 0),  # eight outputs (tag 1)
        (5, 8, (-128, 127), 2, 0),  # two lines
        (3, 8, (-128, 127), 1, 0),  # one output
        (4, 8, (-128, 127), 1, 0),  # one output on four rows
        (5, 8, (-128, 127), 1, 1),  # 'same' (tag 13)
    ],
)
def test_not_tagged_beside_it(n_in, cout, act, lines, pad):
    _, rec = _records(n_in, cout, act=act, lines=lines, pad=pad)
    assert rec is None or rec[0] != dr.DW3S2V_TAG
