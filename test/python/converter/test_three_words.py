"""The three record words a channel of the two-tap k 17 loop
(nnom/ops/dwpair_records.py's three_words: weights, mult, bias; SMLAD
accumulates the mult word, SMMLA adds the bias word, SSAT #8 asr #12):
run as the assembly runs them they give the reference's byte for every
pair of inputs; checked on random weights, biases, mults and shifts."""

import numpy as np

from nnom.fixedpoint import requantize
from nnom.ops import dwpair_records as dp
from test_rq_fit import _channel, _halves


def _three(pair, mword, bword, x0, x1) -> np.ndarray:
    """The k 17 loop's bytes for taps x0, x1 (int8 values) of one channel."""
    w0, w1 = _halves(pair)
    t = w0 * x0 + w1 * x1 + int(mword)
    assert np.all(np.abs(t) < 1 << 31)  # SMLAD does not wrap
    u = int(bword) + ((t * int(mword)) >> 32)  # SMMLA: the high word, no rounding
    assert np.all(np.abs(u) < 1 << 31)
    return np.clip(u >> 12, -128, 127)  # SSAT #8, asr #12


def test_three_words_give_every_byte():
    rng = np.random.default_rng(177_900)
    x0, x1 = (a.reshape(-1) for a in np.meshgrid(np.arange(-128, 128), np.arange(-128, 128)))
    fitted = 0
    for k in range(60):
        e = int(rng.integers(5, 12)) if k % 3 else int(rng.integers(1, 20))
        zp_in = int(rng.integers(-128, 128))
        q = _channel(rng, e, zp_in)
        words = dp.three_words(q, zp_in, -128)
        if words is None:
            continue
        fitted += 1
        w = q.weight.reshape(2).astype(np.int64)
        acc = w[0] * (x0 - zp_in) + w[1] * (x1 - zp_in) + int(q.bias[0])
        want = np.clip(requantize(acc, q.mult, q.shift) - 128, -128, 127)
        assert np.array_equal(_three(*words, x0, x1), want)
    assert fitted >= 50  # most channels have the words (118 of 118 on the bench's layer)
