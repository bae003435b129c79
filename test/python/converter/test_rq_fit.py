"""The fixed-shift passes' words for channels whose right shift e is outside
5 to 11 (nnom/ops/rq_fit.py, used by dwpair_records, dw3s2_records and
dwone4_records): the record words, run as the assembly runs them (SMLAD of
the int16 halfwords, SMMLA, SSAT #8 asr #12), give the reference's byte for
every input; checked on random mults, shifts, biases and weights."""

from types import SimpleNamespace

import numpy as np

from nnom.fixedpoint import requantize
from nnom.ops import dwpair_records as dp
from nnom.ops.rq_fit import fit_channel


def _halves(word) -> tuple[np.ndarray, np.ndarray]:
    """The low and high int16 halfwords of int32 words."""
    u = np.asarray(word, np.int64) & 0xFFFFFFFF
    lo, hi = u & 0xFFFF, u >> 16
    return lo - ((lo & 0x8000) << 1), hi - ((hi & 0x8000) << 1)


def _passes(pair, bword, mword, rword, x0, x1) -> np.ndarray:
    """The assembly's bytes for taps x0, x1 (int8 values) of one channel."""
    w0, w1 = _halves(pair)
    t = w0 * x0 + w1 * x1 + int(bword)
    assert np.all(np.abs(t) < 1 << 31)  # SMLAD does not wrap
    u = int(rword) + ((t * int(mword)) >> 32)  # SMMLA: the high word, no rounding
    assert np.all(np.abs(u) < 1 << 31)
    return np.clip(u >> 12, -128, 127)  # SSAT #8, asr #12


def _channel(rng, e: int, zp_in: int) -> SimpleNamespace:
    w = rng.integers(-128, 128, (2, 1, 1)).astype(np.int8)
    w[rng.integers(0, 2), 0, 0] = 127 * rng.choice([-1, 1])  # per-channel scale: a full tap
    return SimpleNamespace(
        weight=w,
        bias=np.array([int(rng.integers(-(1 << 22), 1 << 22)) >> int(rng.integers(0, 14))]),
        mult=np.array([int(rng.integers(1 << 30, 1 << 31))]),
        shift=np.array([-e]),
    )


def _every_input(q, zp_in: int, zp_out: int, words) -> None:
    """Every pair of int8 inputs: the words' bytes against the reference's."""
    x0, x1 = (a.reshape(-1) for a in np.meshgrid(np.arange(-128, 128), np.arange(-128, 128)))
    w = q.weight.reshape(2).astype(np.int64)
    acc = w[0] * (x0 - zp_in) + w[1] * (x1 - zp_in) + int(q.bias[0])
    want = np.clip(requantize(acc, q.mult, q.shift) + zp_out, -128, 127)
    got = _passes(*(int(v[0]) for v in words), x0, x1)
    assert np.array_equal(got, want)


def test_fitted_words_give_every_byte():
    rng = np.random.default_rng(114_000)
    fitted = 0
    for k in range(120):
        e = int(rng.integers(12, 25)) if k % 4 else int(rng.integers(1, 5))
        zp_in = int(rng.integers(-128, 128))
        q = _channel(rng, e, zp_in)
        wj, bword, mword, rword, fits = dp.channel_words(q, zp_in, -128, 2, 32768)
        if fits[0]:
            fitted += 1
            _every_input(q, zp_in, -128, (dp.halfwords(wj[0], wj[1]), bword, mword, rword))
    assert fitted >= 90  # e from 12 to 24 at zero point -128: nearly all


def test_fitted_words_other_zero_points_or_refused():
    """Other output zero points: the reference's sign term matters below
    zero; a channel either fits exactly or is refused."""
    rng = np.random.default_rng(114_001)
    fitted = 0
    for _ in range(40):
        e, zp_in = int(rng.integers(12, 22)), int(rng.integers(-128, 128))
        zp_out = int(rng.integers(-127, 100))
        q = _channel(rng, e, zp_in)
        wj, bword, mword, rword, fits = dp.channel_words(q, zp_in, zp_out, 2, 32768)
        if fits[0]:
            fitted += 1
            _every_input(q, zp_in, zp_out, (dp.halfwords(wj[0], wj[1]), bword, mword, rword))
    assert fitted >= 10


def test_the_proven_form_unchanged():
    """e from 5 to 11: weights 2^(13 - e), the rounding word of the form."""
    rng = np.random.default_rng(114_002)
    for e in range(5, 12):
        q = _channel(rng, e, 0)
        q.bias = np.array([1000])
        wj, bword, mword, rword, fits = dp.channel_words(q, 3, -128, 2, 32768)
        j = 13 - e
        assert fits[0] and mword[0] == q.mult[0]
        assert list(wj[:, 0]) == [int(v) << j for v in q.weight.reshape(2)]
        assert bword[0] == (1000 - 3 * int(q.weight.astype(int).sum())) << j
        assert rword[0] == ((2 * -128 + 1) * (1 << e) + 1) << (j - 2)
        _every_input(q, 3, -128, (dp.halfwords(wj[0], wj[1]), bword, mword, rword))


def test_constant_channel_and_refusals():
    w = np.array([3, -2], np.int64)
    # tiny scale: one byte on the whole reach, whatever the input
    j, wj, bword, mword, rword = fit_channel(w, 5000, 1 << 30, 30, -128)
    assert (j, list(wj), bword, mword, rword) == (0, [0, 0], 0, 1, -128 << 12)
    # e = 1 with a full tap: the slope needs mult 2^(13 - 1 - 8) > 2^31
    assert fit_channel(np.array([127, -128]), 0, 1 << 30, 1, -128) is None
    # a sum beyond 31 bits
    assert fit_channel(np.array([127, 5]), 1 << 31, 1 << 30, 14, 0) is None


def test_records_keep_fitted_channels_in_the_loop():
    """A layer with e = 12 to 16 in some channels: first word 1 (every
    channel in the loop), not 5 (groups in C)."""
    rng = np.random.default_rng(114_003)
    c = 12
    q = SimpleNamespace(
        weight=rng.integers(-127, 128, (2, 1, c)).astype(np.int8),
        bias=rng.integers(-4000, 4000, c),
        mult=rng.integers(1 << 30, 1 << 31, c),
        shift=-np.array([9, 12, 13, 16, 7, 8, 9, 10, 14, 15, 11, 5]),
    )
    rec = dp.dwpair_records(q, 4, -128)
    assert rec is not None and rec[0] == 1 and np.all(rec[1:].reshape(-1, 4)[:, 2] != 0)


def _every_sum(w, bias: int, mult: int, e: int, zp_out: int, got) -> None:
    """The fitted words on every sum S the channel can reach (the taps'
    extremes and the bias), as the passes compute them from T = 2^j S + d."""
    j, wj, bword, mword, rword = got
    constant = not np.any(wj)  # one byte on the whole reach: weights 0
    assert constant or list(wj) == [int(v) << j for v in w]
    s_lo = bias + int(np.minimum(-128 * w, 127 * w).sum())
    s_hi = bias + int(np.maximum(-128 * w, 127 * w).sum())
    s = np.arange(s_lo, s_hi + 1, dtype=np.int64)
    t = np.full_like(s, bword) if constant else (s << j) + (bword - (bias << j))
    assert np.all(np.abs(t) < 1 << 31)
    u = rword + ((t * mword) >> 32)
    assert np.all(np.abs(u) < 1 << 31)
    want = np.clip(requantize(s, mult, -e) + zp_out, -128, 127)
    assert np.array_equal(np.clip(u >> 12, -128, 127), want)


def test_many_taps_fit_where_the_nearest_words_miss():
    """Windows of 8 to 30 taps (2D windows' records): the (d, R) nearest the
    reference's rounding can all miss the narrow, lopsided window of c that
    the bytes allow (mult a multiple of 2^16; mult near 2^32 / 9 at e = 15);
    the window's own (d, R) fit them, exact on every reachable sum."""
    cases = [  # a (2,4) window at e = 13, a (6,5) window's channel at e = 15
        ([47, -76, 56, 127, 100, -119, -18, -120], 151365, 1956071936, 13),
    ]
    rng = np.random.default_rng(122_020)
    w = rng.integers(-128, 128, 30)
    w[3] = 127
    cases.append((list(w), 2586172, 1909011467, 15))
    for _ in range(40):
        w = rng.integers(-128, 128, int(rng.integers(8, 31)))
        w[0] = 127
        mult = int(rng.integers(1 << 14, 1 << 15)) << 16 if rng.random() < 0.5 else None
        mult = mult or int(rng.integers(1 << 30, 1 << 31))
        bias = int(rng.integers(-(1 << 22), 1 << 22)) >> int(rng.integers(0, 8))
        cases.append((list(w), bias, mult, int(rng.integers(12, 21))))
    for w, bias, mult, e in cases:
        w = np.asarray(w, np.int64)
        got = fit_channel(w, bias, mult, e, -128)
        assert got is not None, (list(w), bias, mult, e)
        _every_sum(w, bias, mult, e, -128, got)
