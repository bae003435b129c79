"""The records of the depthwise assembly loop for one row of two taps
(src/kernels/local/nnom_local_dwpair.h), laid out at conversion time like
those of dwcol_records.py (which calls this for two taps).

A first word 1 (odd: the one-row loop's records of dwcol_records.py start
with an even word, which tells the kernel which it has), then per group of
four channels, per channel four int32 words: the halfwords
(w0 2^j, w1 2^j); (bias - zp_in (w0 + w1)) 2^j; mult;
((2 zp_out + 1) 2^e + 1) 2^(j - 2), with e = -shift and j = N + 1 - e
(N = NNOM_DWPAIR_N = 12): the kernel's shift by N then divides by
2^(31 + e) in all. Channels whose e is outside 5 to 11 get words fitted by
rq_fit.py where one reproduces every output the channel can give. Channels
that still do not suit (mult <= 0, the scaled sums beyond 31 bits) get four
zero words and the first word is 5 instead: the kernel runs the groups of
four holding one (channels 4 g on, and the last channels' overlapping
group) in C, the others in the loop. None where no channel suits:
dwcol_records.py then lays out the one-row loop's records.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .rq_fit import fit_channel

N = 12  # NNOM_DWPAIR_N


def channel_words(q, zp_in: int, zp_out: int, taps: int, room: int):
    """The kernels' words of every channel: the weights scaled by 2^j
    (taps, cout), the bias word, mult, the rounding word and which channels
    fit. e from 5 to 11: j = N + 1 - e, the proven form (mult > 0, |bias|
    below 2^(31 - j) - room); others: rq_fit.fit_channel's words, checked
    against the reference on every sum the channel can reach."""
    w = q.weight.reshape(taps, -1).astype(np.int64)
    mult = np.asarray(q.mult, np.int64)
    e = -np.asarray(q.shift, np.int64)
    j = N + 1 - e
    bias = np.asarray(q.bias, np.int64) - zp_in * w.sum(axis=0)
    fits = (mult > 0) & (j >= 2) & (j <= 8)
    fits &= np.abs(bias) < (1 << (31 - np.clip(j, 2, 8))) - room
    jj = np.clip(j, 2, 8)
    e_ok = np.where(fits, e, 0)
    wj = w << jj
    bword = bias << jj
    rword = ((2 * zp_out + 1) * (1 << e_ok) + 1) << (jj - 2)
    mword = mult.copy()
    for c in np.nonzero(~fits)[0]:
        got = fit_channel(w[:, c], int(bias[c]), int(mult[c]), int(e[c]), zp_out)
        if got is not None:
            jc, wj[:, c], bword[c], mword[c], rword[c] = got
            fits[c] = True
    return wj, bword, mword, rword, fits


def all_words(q, zp_in: int, zp_out: int, taps: int, room: int):
    """channel_words's first four where every channel fits; else None."""
    *words, fits = channel_words(q, zp_in, zp_out, taps, room)
    return tuple(words) if fits.all() else None


def halfwords(lo, hi):
    """Two int16 columns in one word each (lo in the low halfword)."""
    return (lo & 0xFFFF) | ((hi & 0xFFFF) << 16)


def tagged_words(columns: list[np.ndarray]) -> np.ndarray:
    """A first word of 1 (the one-row loop's records start with an even
    one), then per channel the given columns (the rounding word last)."""
    words = np.concatenate([[1], np.stack(columns, axis=1).reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)


def dwpair_records(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The int32 records of every group of a (2, 1) or (1, 2) kernel."""
    wj, bword, mword, rword, fits = channel_words(q, zp_in, zp_out, 2, 32768)
    if not fits.any():
        return None
    words = tagged_words([halfwords(wj[0], wj[1]), bword, mword, rword])
    if fits.all():
        return words
    words[0] = 5
    words[1:].reshape(-1, 4)[~fits] = 0
    return words


def dwpair_edge_words(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The channels' words (no first word) of a 'same' layer's border
    outputs, whose second tap is padding (the input zero point, a zero
    term): the layer's with that tap's weights zero, so that the sets of
    ordinary places reproduce them; None unless every channel fits."""
    w = q.weight.reshape(2, -1).copy()
    w[1] = 0
    edge = SimpleNamespace(weight=w, bias=q.bias, mult=q.mult, shift=q.shift)
    words = dwpair_records(edge, zp_in, zp_out)
    return None if words is None or words[0] != 1 else words[1:]
