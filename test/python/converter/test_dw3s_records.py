"""The converter's tag on one three-tap line at stride 1 of 2 to 6 rows
(nnom/ops/dwcol_records.py, DW3S_TAG): 'same' lines of 2 to 6 outputs and
'valid' of 2 to 4, 8+ channels, no clamp, one line, (3, 1) and (1, 3);
nnom_dw3_s8's records after it, seven words a channel (a 'same' line of
two: its zero-point-folded layout); and the layers
beside them keep their records untagged or none."""

import numpy as np
import pytest

from dw_quant_layer import dw_layer as _q
from nnom.ops import dwcol_records as dr


def _attrs(down: bool, same: bool) -> dict:
    pad = 1 if same else 0
    pads = (pad, pad, 0, 0) if down else (0, 0, pad, pad)
    return {"multiplier": 1, "dilation": (1, 1), "strides": (1, 1), "pads": pads}


def _records(n_in: int, n_out: int, cout: int, down=True, act=(-128, 127), lines=1, zp=5):
    kernel = (3, 1) if down else (1, 3)
    q = _q(kernel, cout, act)
    in_hw = (n_in, lines) if down else (lines, n_in)
    out_hw = (n_out, lines) if down else (lines, n_out)
    return q, dr.dwcol_records(_attrs(down, n_out == n_in), q, zp, -128, in_hw, out_hw)


def _halves(word: int) -> tuple[int, int]:
    lo, hi = word & 0xFFFF, (word >> 16) & 0xFFFF
    return lo - (lo >> 15 << 16), hi - (hi >> 15 << 16)


@pytest.mark.parametrize(
    "n_in, n_out, cout, down",
    [
        (2, 2, 16, True),
        (2, 2, 13, False),
        (4, 4, 8, False),
        (3, 3, 13, True),
        (5, 5, 16, True),
        (6, 6, 9, False),
        (4, 2, 16, True),
        (5, 3, 22, False),
        (6, 4, 11, True),
    ],
)
def test_tagged_records_are_nnom_dw3_s8s(n_in, n_out, cout, down):
    zp = 5
    q, rec = _records(n_in, n_out, cout, down, zp=zp)
    assert rec is not None and rec[0] == dr.DW3S_TAG
    assert len(rec) == 1 + 7 * cout
    w = q.weight.reshape(3, cout).astype(np.int64)
    two = n_in == n_out == 2  # 'same' line of two: its own layout
    for c in range(cout):
        r = [int(v) for v in rec[1 + 7 * c : 8 + 7 * c]]
        b = 2 * int(q.bias[c]) - zp * 2 * int(w[:, c].sum())
        if two:  # (w0, w1), b1, (w1, w2), b0: the padded tap's zp in each bias
            pairs = _halves(r[0]) + _halves(r[2])
            assert pairs == tuple(2 * int(w[t, c]) for t in (0, 1, 1, 2))
            assert r[1] == b + zp * 2 * int(w[2, c]) and r[3] == b + zp * 2 * int(w[0, c])
        else:
            pairs = _halves(r[0]) + _halves(r[1]) + _halves(r[2])
            assert pairs == tuple(2 * int(w[t, c]) for t in (0, 1, 2, 0, 1, 2))
            assert r[3] == b
        assert r[4] == 1 << 30 and r[6] == 9  # mult, e (= -shift)


@pytest.mark.parametrize(
    "n_in, n_out, cout, act, lines",
    [
        (7, 7, 16, (-128, 127), 1),  # seven outputs: the copy
        (3, 1, 16, (-128, 127), 1),  # 'valid' of one output
        (4, 4, 7, (-128, 127), 1),  # 7 channels
        (4, 4, 16, (-128, 100), 1),  # a clamp
        (4, 4, 16, (-128, 127), 2),  # two lines
        (7, 5, 16, (-128, 127), 1),  # 'valid' of five outputs
    ],
)
def test_not_tagged_beside_it(n_in, n_out, cout, act, lines):
    _, rec = _records(n_in, n_out, cout, act=act, lines=lines)
    assert rec is None or rec[0] != dr.DW3S_TAG
