"""The records of a depthwise layer of one output pixel whose window holds
the whole input of three or four pixels (src/kernels/local/nnom_local_dwone4.h):
the requantisation of dwpair_records.py (its shift moved into the weights),
per channel the halfword pairs of taps (0, 1) and (2, 3) over the input,
row-major (a zero fourth weight for three taps), the bias less the zero
point's share, mult and the rounding term (rq_fit.py's words for a channel
whose e is outside 5 to 11). Written only where the C kernel
takes them (multiplier 1, channels a multiple of four, output zero point
-128 without clamp, every channel in the form's range); else None, and
dwone_records.py lays out the one-row loop's records.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .dwpair_records import all_words, halfwords, tagged_words

# The first word: the C kernel's tag 1 records, tagged 31 so that the build
# names the layer's direct type (nnom_local_dwone4.h NNOM_DWONE31_TAG; the
# kernel reads tag 1's the same, at a run's asks)
TAG = 31


def dwone4_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int]):
    """The int32 records of a one-pixel window of 3 or 4 taps, or None."""
    cout = q.weight.shape[2]
    top, _, left, _ = attrs["pads"]
    ih, iw = in_hw
    taps = ih * iw
    if (
        attrs["multiplier"] != 1
        or cout % 4
        or taps not in (3, 4)
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    w = q.weight[top : top + ih, left : left + iw, :].reshape(taps, cout)
    w = np.concatenate([w, np.zeros((4 - taps, cout), w.dtype)])
    inside = SimpleNamespace(weight=w, bias=q.bias, mult=q.mult, shift=q.shift)
    form = all_words(inside, zp_in, zp_out, 4, 4 * 128 * 128)
    if form is None:
        return None
    wj, bword, mword, rword = form
    words = tagged_words([halfwords(wj[0], wj[1]), halfwords(wj[2], wj[3]), bword, mword, rword])
    words[0] = TAG
    return words
