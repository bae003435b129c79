"""The records of the depthwise assembly loop for one row of two taps
(src/kernels/local/nnom_local_dwpair.h), laid out at conversion time like
those of dwcol_records.py (which calls this for two taps).

A first word 1 (odd: the one-row loop's records of dwcol_records.py start
with an even word, which tells the kernel which it has), then per group of
four channels, per channel four int32 words: the halfwords
(w0 2^j, w1 2^j); (bias - zp_in (w0 + w1)) 2^j; mult;
((2 zp_out + 1) 2^e + 1) 2^(j - 2), with e = -shift and j = N + 1 - e
(N = NNOM_DWPAIR_N = 12): the kernel's shift by N then divides by
2^(31 + e) in all. Channels that do not suit (e outside 5 to 11,
mult <= 0, the scaled sums beyond 31 bits; trained layers have a few with
e = 12) get four zero words and the first word is 5 instead: the kernel
runs the groups of four holding one (channels 4 g on, and the last
channels' overlapping group) in C, the others in the loop. None where no
channel suits: dwcol_records.py then lays out the one-row loop's records.
"""

from __future__ import annotations

import numpy as np

N = 12  # NNOM_DWPAIR_N


def channel_form(q, zp_in: int, taps: int, room: int):
    """The weights (taps, cout), multipliers, right shifts e, weight shifts
    j = N + 1 - e, biases less the zero point's share and which channels
    fit the form (mult > 0, j in [2, 8], |bias| below 2^(31 - j) - room)."""
    w = q.weight.reshape(taps, -1).astype(np.int64)
    mult = np.asarray(q.mult, np.int64)
    e = -np.asarray(q.shift, np.int64)
    j = N + 1 - e
    bias = np.asarray(q.bias, np.int64) - zp_in * w.sum(axis=0)
    fits = (mult > 0) & (j >= 2) & (j <= 8)
    fits &= np.abs(bias) < (1 << (31 - np.clip(j, 2, 8))) - room
    return w, mult, e, j, bias, fits


def shifted_form(q, zp_in: int, taps: int, room: int):
    """channel_form's first five where every channel fits; else None."""
    *form, fits = channel_form(q, zp_in, taps, room)
    return tuple(form) if fits.all() else None


def tagged_words(columns: list[np.ndarray], zp_out: int, e, j) -> np.ndarray:
    """A first word of 1 (the one-row loop's records start with an even
    one), then per channel the given columns and the requantisation's
    rounding term."""
    rq = ((2 * zp_out + 1) * (1 << e) + 1) << (j - 2)
    words = np.concatenate([[1], np.stack([*columns, rq], axis=1).reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)


def dwpair_records(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The int32 records of every group of a (2, 1) or (1, 2) kernel."""
    w, mult, e, j, bias, fits = channel_form(q, zp_in, 2, 32768)
    if not fits.any():
        return None
    j = np.where(fits, j, 2)  # the refused channels' words are zeroed below
    pair = ((w[0] << j) & 0xFFFF) | (((w[1] << j) & 0xFFFF) << 16)
    words = tagged_words([pair, bias << j, mult], zp_out, np.where(fits, e, 0), j)
    if fits.all():
        return words
    words[0] = 5
    words[1:].reshape(-1, 4)[~fits] = 0
    return words
