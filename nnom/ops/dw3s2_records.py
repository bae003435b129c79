"""The records of the depthwise assembly passes for one row of three taps
at stride 2 (src/kernels/local/nnom_local_dw3s2.h), laid out at conversion
time; the requantisation of dwpair_records.py (its shift moved into the
weights, so that one SSAT with a fixed shift ends it).

A first word 1 (odd: the one-row loop's records of dwcol_records.py start
with an even word, which tells the kernels which they have), then per
channel five int32 words: the halfwords (w0 2^j, w1 2^j); w2 2^j in the low
halfword; (bias - zp_in (w0 + w1 + w2)) 2^j; mult;
((2 zp_out + 1) 2^e + 1) 2^(j - 2), with e = -shift and j = N + 1 - e
(N = 12); channels with e outside 5 to 11 the words of rq_fit.py where
they fit. None where a channel does not suit (mult <= 0, the scaled sums
beyond 31 bits, no fitted words): dwcol_records.py then lays out the
one-row loop's records.
"""

from __future__ import annotations

import numpy as np

from .dwpair_records import all_words, halfwords, tagged_words


def dw3s2_records(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The int32 records of a (3, 1) or (1, 3) kernel, or None."""
    form = all_words(q, zp_in, zp_out, 3, 3 * 128 * 128)
    if form is None:
        return None
    wj, bword, mword, rword = form
    return tagged_words([halfwords(wj[0], wj[1]), wj[2] & 0xFFFF, bword, mword, rword])
