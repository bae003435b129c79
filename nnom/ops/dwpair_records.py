"""The records of the depthwise assembly loop for one row of two taps
(src/kernels/local/nnom_local_dwpair.h), laid out at conversion time like
those of dwcol_records.py (which calls this for two taps).

A first word 1 (odd: the one-row loop's records of dwcol_records.py start
with an even word, which tells the kernel which it has), then per group of
four channels, per channel four int32 words: the halfwords
(w0 2^j, w1 2^j); (bias - zp_in (w0 + w1)) 2^j; mult;
((2 zp_out + 1) 2^e + 1) 2^(j - 2), with e = -shift and j = N + 1 - e
(N = NNOM_DWPAIR_N = 12): the kernel's shift by N then divides by
2^(31 + e) in all. None where a channel does not suit (e outside 5 to 11,
mult <= 0, the scaled sums beyond 31 bits): dwcol_records.py then lays
out the one-row loop's records as before.
"""

from __future__ import annotations

import numpy as np

N = 12  # NNOM_DWPAIR_N


def shifted_form(q, zp_in: int, taps: int, room: int):
    """The weights (taps, cout), multipliers, right shifts e, weight shifts
    j = N + 1 - e and biases less the zero point's share, where every
    channel fits the form (j in [2, 8], |bias| below 2^(31 - j) - room);
    else None."""
    w = q.weight.reshape(taps, -1).astype(np.int64)
    mult = np.asarray(q.mult, np.int64)
    e = -np.asarray(q.shift, np.int64)
    j = N + 1 - e
    bias = np.asarray(q.bias, np.int64) - zp_in * w.sum(axis=0)
    if np.any(mult <= 0) or np.any(j < 2) or np.any(j > 8):
        return None
    if np.any(np.abs(bias) >= (1 << (31 - j)) - room):
        return None
    return w, mult, e, j, bias


def tagged_words(columns: list[np.ndarray], zp_out: int, e, j) -> np.ndarray:
    """A first word of 1 (the one-row loop's records start with an even
    one), then per channel the given columns and the requantisation's
    rounding term."""
    rq = ((2 * zp_out + 1) * (1 << e) + 1) << (j - 2)
    words = np.concatenate([[1], np.stack([*columns, rq], axis=1).reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)


def dwpair_records(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The int32 records of every group of a (2, 1) or (1, 2) kernel."""
    form = shifted_form(q, zp_in, 2, 32768)
    if form is None:
        return None
    w, mult, e, j, bias = form
    pair = ((w[0] << j) & 0xFFFF) | (((w[1] << j) & 0xFFFF) << 16)
    return tagged_words([pair, bias << j, mult], zp_out, e, j)
