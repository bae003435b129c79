"""Record words for a channel whose right shift e is outside the
fixed-shift form of dwpair_records.py (e = 5 to 11), so that the
assembly passes that end in SMMLA and `SSAT #8, asr #12` take it too.

The passes compute, from the scaled weights' sum T = 2^j sum(w x) + bias
word (SMLAD), U = R + floor(T M / 2^32) (SMMLA) and out = ssat8(U >> 12):
with T = 2^j S + d (S the channel's sum with the input's zero point taken
off, d the bias word's part below 2^j S), out = ssat8(floor((2^j S M + c) /
2^44)), c = d M + R 2^32. The reference is a step function of S alone,
ref(S) = clip(zp + requantize(S, mult, -e), -128, 127), and every reachable S
lies within [S_lo, S_hi] (the bias and each tap's extremes), so words whose
out equals ref on that whole interval give every output byte of the layer
exactly. fit_channel picks the slope 2^j M nearest mult 2^(13 - e) (exact
for e = 12 and 13) and the (d, R) whose c is nearest the reference's rounding
constant, then checks them on every S of the interval (at most 255 sum|w| + 1
values); where none of those passes (windows of many taps: a wide
interval whose bytes allow c only in a narrow window that lies mostly on
one side of the rounding constant), the (d, R) of least |d| inside that
window, which the bytes give exactly (_in_window); a channel neither
passes stays refused. A channel whose outputs
are one value on the whole interval gets weights 0, M = 1 and R = value 2^12.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..fixedpoint import requantize

SHIFT = 12  # the passes' fixed SSAT shift (NNOM_DWPAIR_N and its kin)
TRIES = 6  # (d, R) candidates checked per slope
SPAN = 4096  # |d| searched
# |d| searched for a c in the window (_in_window): with mult near a fraction
# of 2^32 of small denominator the d m mod 2^32 of |d| <= SPAN bunch at a
# few points and can all miss it ((6,5) s2 45x6x81 valid, a channel at e = 15)
WINDOW_SPAN = 1 << 16


def _outputs(j: int, d: int, m: int, r: int, s: np.ndarray) -> np.ndarray | None:
    """The passes' bytes for sums s (None where U leaves int32)."""
    t = (s << j) + d
    u = r + ((t * m) >> 32)
    if u.min() < -(1 << 31) or u.max() >= 1 << 31:
        return None
    return np.clip(u >> SHIFT, -128, 127)


def fit_channel(w: np.ndarray, bias: int, mult: int, e: int, zp_out: int):
    """(j, weights 2^j, bias word, mult word, rounding word) of one channel
    with taps w (int64), bias less the zero point's share, mult and right
    shift e, exact on every sum the channel can reach; or None (the sums'
    31-bit room is checked from the taps and bias themselves)."""
    w = np.asarray(w, np.int64)
    s_lo = bias + int(np.minimum(-128 * w, 127 * w).sum())
    s_hi = bias + int(np.maximum(-128 * w, 127 * w).sum())
    s = np.arange(s_lo, s_hi + 1, dtype=np.int64)
    want = np.clip(requantize(s, mult, -e) + zp_out, -128, 127)
    if want.min() == want.max():
        return 0, np.zeros_like(w), 0, 1, int(want[0]) << SHIFT
    if mult <= 0 or e < 1:
        return None
    jmax = 0
    while jmax < 15 and np.all((w << (jmax + 1) >= -32768) & (w << (jmax + 1) <= 32767)):
        jmax += 1
    j = max(0, min(13 - e, jmax))
    ideal = Fraction(mult) * Fraction(2) ** (13 - e - j)
    reach = (abs(bias) << j) + (int(np.abs(w).sum()) << (j + 7))
    half = (1 << (e - 1)) + zp_out * (1 << e)  # the reference's rounding, 2^31 units
    base = Fraction((1 << 30) + half * (1 << 31)) * Fraction(2) ** (13 - e)
    for m in sorted({int(ideal), int(ideal) + 1}, key=lambda v: abs(v - ideal)):
        if m < 1 or m >= 1 << 31:
            continue
        target = float(base + (ideal - m) * (1 << j) * Fraction(s_lo + s_hi, 2))
        d = np.arange(-SPAN, SPAN + 1, dtype=np.int64)
        r = np.rint((target - d.astype(np.float64) * m) / 2.0**32).astype(np.int64)
        err = np.abs(target - (d * m + r * (1 << 32)).astype(np.float64))
        for k in np.argsort(err, kind="stable")[:TRIES]:
            dk, rk = int(d[k]), int(r[k])
            if reach + abs(dk) >= 1 << 31 or abs(rk) >= 1 << 31:
                continue
            got = _outputs(j, dk, m, rk, s)
            if got is not None and np.array_equal(got, want):
                return j, w << j, (bias << j) + dk, m, rk
        # none of the nearest: every c the bytes allow (an interval), and the
        # (d, R) of least |d| in it
        for dk, rk in _in_window(j, m, s, want):
            if reach + abs(dk) >= 1 << 31 or abs(rk) >= 1 << 31:
                continue
            got = _outputs(j, dk, m, rk, s)
            if got is not None and np.array_equal(got, want):
                return j, w << j, (bias << j) + dk, m, rk
    return None


def _in_window(j: int, m: int, s: np.ndarray, want: np.ndarray):
    """(d, R) pairs, least |d| first (at most TRIES), whose c = d m + R 2^32
    gives want on every sum s: out = ssat8(floor((2^j s m + c) / 2^44)) puts
    c in [c_lo, c_hi), each unsaturated byte v bounding it from both sides
    (v 2^44 <= 2^j s m + c < (v + 1) 2^44), -128 from above, 127 from below.
    Where m has many trailing zero bits (float-born multipliers) the c
    nearest the reference's rounding constant can miss a window that lies
    mostly on one side of it; this finds it wherever |d| <= WINDOW_SPAN reaches."""
    y = (s << j) * m
    v = want.astype(np.int64)
    below, above = v > -128, v < 127  # bounded from below, from above
    c_lo = int(((v[below] << 44) - y[below]).max()) if below.any() else None
    c_hi = int((((v[above] + 1) << 44) - y[above]).min()) if above.any() else None
    if c_lo is None:
        c_lo = c_hi - (1 << 44)
    if c_hi is None:
        c_hi = c_lo + (1 << 44)
    if c_hi <= c_lo:
        return []
    d = np.arange(-WINDOW_SPAN, WINDOW_SPAN + 1, dtype=np.int64)
    d = d[np.argsort(np.abs(d), kind="stable")]
    r = -((d * m - c_lo) >> 32)  # the least R with c >= c_lo
    ok = d * m + (r << 32) < c_hi
    return [(int(a), int(b)) for a, b in zip(d[ok][:TRIES], r[ok][:TRIES])]
