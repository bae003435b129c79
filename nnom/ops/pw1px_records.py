"""The records of the one-pixel 1x1 assembly loop (a Dense in all but name:
src/kernels/local/nnom_local_pw1px_dsp.c), laid out at conversion time.

A header of four words (PW1PX_TAG, cin, cout, chunks of 8 inputs; the
config points past it), then
per output channel: 2 (bias - zp_in * sum(w)); per input word (inputs 4j
to 4j + 3, zero past cin) the halfwords (2 w_4j, 2 w_4j+2) and (2 w_4j+1,
2 w_4j+3), the pairs SXTB16 makes of the input word and of it rotated by
8; then mult, (2 zp_out + 1) << (e - 1), e with e = -shift (out =
ssat8(SMMLAR(acc, mult, ra) >> e), the depthwise loops' form). Written
only where that form is exact and the loop runs: one input and output
pixel, a 1x1 kernel, 4 to MAX_CIN inputs, at most MAX_MACS MACs (the
records hold the weights again, widened), output zero point -128 with no
clamp inside int8 (ReLU: no rounding sign term), every channel's
multiplier and shift in the form's range, sums that stay in 31 bits.
"""

from __future__ import annotations

import numpy as np

from .dwcol_records import rq_form

# the first word (PW1PX_TAG in C)
TAG = 0x31575031
MAX_CIN = 160  # PW1PX_MAX_CIN in C: the widened input on the stack (320 B)
MAX_MACS = 16384


def _half(v: np.ndarray) -> np.ndarray:
    return v.astype(np.int64) & 0xFFFF


def pw1px_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records, or None where the loop does not take the layer."""
    cout, kh, kw, cin = q.weight.shape
    if (
        (kh, kw) != (1, 1)
        or tuple(in_hw) != (1, 1)
        or tuple(out_hw) != (1, 1)
        or any(attrs["pads"])
        or not 4 <= cin <= MAX_CIN
        or cin * cout > MAX_MACS
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    form = rq_form(q, zp_out, cin)
    if form is None:
        return None
    bias, mult, ra, x = form
    w = 2 * q.weight.reshape(cout, cin).astype(np.int64)  # doubled
    chunks = (cin + 7) // 8
    wp = np.zeros((cout, chunks * 8), np.int64)
    wp[:, :cin] = w
    wp = wp.reshape(cout, 2 * chunks, 4)
    even = _half(wp[:, :, 0]) | (_half(wp[:, :, 2]) << 16)
    odd = _half(wp[:, :, 1]) | (_half(wp[:, :, 3]) << 16)
    pairs = np.stack([even, odd], axis=2).reshape(cout, 4 * chunks)
    acc0 = 2 * bias - zp_in * w.sum(axis=1)
    rows = np.concatenate([acc0[:, None], pairs, mult[:, None], ra[:, None], (x + 2)[:, None]], 1)
    words = np.concatenate([np.array([TAG, cin, cout, chunks], np.int64), rows.reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
