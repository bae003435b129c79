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

from fractions import Fraction
from types import SimpleNamespace

import numpy as np

from ..fixedpoint import requantize
from .rq_fit import SHIFT, fit_channel

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


THREE_SPREAD = 64  # mults searched each side of the ideal slope (three_words)


def _three_channel(w: np.ndarray, bias: int, mult: int, e: int, zp_out: int):
    """(weights 2^j, mult word, bias word) of one channel for three words:
    T = 2^j x.w + m (SMLAD accumulates the mult word), U = b + floor(T m /
    2^32) (SMMLA), out = ssat8(U >> 12), equal to the reference on every
    x.w the channel can reach; or None. With no rounding word the bias word
    b moves the output's offset c = (2^j p + m) m + b 2^32 in steps of 2^32
    only; the m m term, different for each m near the ideal slope, is what
    puts c inside the window the bytes allow (as rq_fit._in_window's)."""
    p_lo = int(np.minimum(-128 * w, 127 * w).sum())
    p_hi = int(np.maximum(-128 * w, 127 * w).sum())
    p = np.arange(p_lo, p_hi + 1, dtype=np.int64)  # x.w
    want = np.clip(requantize(p + bias, mult, -e) + zp_out, -128, 127)
    if want.min() == want.max():
        return np.zeros_like(w), 1, int(want[0]) << SHIFT
    if mult <= 0 or e < 1:
        return None
    jmax = 0
    while jmax < 15 and np.all((w << (jmax + 1) >= -32768) & (w << (jmax + 1) <= 32767)):
        jmax += 1
    below, above = want > -128, want < 127  # bounded from below, from above
    for j in range(jmax, -1, -1):
        ideal = Fraction(mult) * Fraction(2) ** (13 - e - j)
        for dm in sorted(range(-THREE_SPREAD, THREE_SPREAD + 1), key=abs):
            m = int(ideal) + dm
            if m < 1 or m >= 1 << 31 or max(abs(p_lo), abs(p_hi)) * (1 << j) + m >= 1 << 31:
                continue
            y = ((p << j) + m) * m
            c_lo = int(((want[below] << 44) - y[below]).max()) if below.any() else None
            c_hi = int((((want[above] + 1) << 44) - y[above]).min()) if above.any() else None
            c_lo = c_hi - (1 << 44) if c_lo is None else c_lo
            b = -((-c_lo) >> 32)  # the least b with b 2^32 >= c_lo
            if c_hi is not None and b << 32 >= c_hi or abs(b) >= 1 << 31:
                continue
            u = b + (y >> 32)
            if u.min() < -(1 << 31) or u.max() >= 1 << 31:
                continue
            if not np.array_equal(np.clip(u >> SHIFT, -128, 127), want):
                continue
            return w << j, m, b
    return None


def three_words(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """Three int32 words a channel (the halfwords (w0 2^j, w1 2^j), mult,
    bias; nnom_local_dwpairset_dsp.c's k 17), channel after channel; None
    unless every channel has them."""
    w = q.weight.reshape(2, -1).astype(np.int64)
    bias = np.asarray(q.bias, np.int64) - zp_in * w.sum(axis=0)
    rows = []
    for c in range(w.shape[1]):
        got = _three_channel(w[:, c], int(bias[c]), int(q.mult[c]), int(-q.shift[c]), zp_out)
        if got is None:
            return None
        wj, m, b = got
        rows.append([int(halfwords(wj[0], wj[1])), m, b])
    words = np.asarray(rows, np.int64).reshape(-1)
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
