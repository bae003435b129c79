"""The records of the depthwise assembly passes for one row of three taps
at stride 2 (src/kernels/local/nnom_local_dw3s2.h), laid out at conversion
time; the requantisation of dwpair_records.py (its shift moved into the
weights, so that one SSAT with a fixed shift ends it).

A first word 1 (odd: the one-row loop's records of dwcol_records.py start
with an even word, which tells the kernels which they have), then per
channel five int32 words: the halfwords (w0 2^j, w1 2^j); w2 2^j in the low
halfword; (bias - zp_in (w0 + w1 + w2)) 2^j; mult;
((2 zp_out + 1) 2^e + 1) 2^(j - 2), with e = -shift and j = N + 1 - e
(N = 12). None where a channel does not suit (e outside 5 to 11,
mult <= 0, the scaled sums beyond 31 bits): dwcol_records.py then lays
out the one-row loop's records.
"""

from __future__ import annotations

import numpy as np

from .dwpair_records import shifted_form, tagged_words


def dw3s2_records(q, zp_in: int, zp_out: int) -> np.ndarray | None:
    """The int32 records of a (3, 1) or (1, 3) kernel, or None."""
    form = shifted_form(q, zp_in, 3, 3 * 128 * 128)
    if form is None:
        return None
    w, mult, e, j, bias = form
    pair = ((w[0] << j) & 0xFFFF) | (((w[1] << j) & 0xFFFF) << 16)
    last = (w[2] << j) & 0xFFFF
    return tagged_words([pair, last, bias << j, mult], zp_out, e, j)
