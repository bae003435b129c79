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

The few-pixel loop (src/kernels/local/nnom_local_pw1pxn_dsp.c, header
TAG_N): 2 to MAX_PIX pixels at stride 1, 4 to 16 inputs, at most 16
outputs (one pass of its loop a pixel), where the windows kernel's set-up
and per-pixel cost are what make the layer slow (few_pixel_takes). Its
input words start at 0 and cin - 4 (4 to 8 inputs) or at 0, 4, ..., and
cin - 4 (9 to 16: ceil(cin / 4) words), so no byte outside the pixel is
read; an input a word before covers weighs zero in the later words. The
header's last word is the number of input words (two pairs each).
"""

from __future__ import annotations

import numpy as np

from .dwcol_records import rq_form

# the first word (PW1PX_TAG in C)
TAG = 0x31575031
MAX_CIN = 160  # PW1PX_MAX_CIN in C: the widened input on the stack (320 B)
MAX_MACS = 16384
TAG_N = 0x4E575031  # PW1PXN_TAG in C
MAX_PIX = 64  # PW1PXN_MAX_PIX in C


def _half(v: np.ndarray) -> np.ndarray:
    return v.astype(np.int64) & 0xFFFF


def pw1px_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records, or None where the loop does not take the layer."""
    cout, kh, kw, cin = q.weight.shape
    if few_pixel_takes(attrs, q, zp_out, in_hw, out_hw):
        wl = _overlapped(q.weight.reshape(cout, cin))
        return _records(q, zp_in, zp_out, TAG_N, wl, group=4)
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
    return _records(q, zp_in, zp_out, TAG, q.weight.reshape(cout, cin))


def few_pixel_takes(attrs: dict, q, zp_out: int, in_hw, out_hw) -> bool:
    """Whether the few-pixel loop takes the layer (its records' form aside)."""
    cout, kh, kw, cin = q.weight.shape
    npix = int(np.prod(out_hw))
    return (
        (kh, kw) == (1, 1)
        and tuple(in_hw) == tuple(out_hw)
        and tuple(attrs["strides"]) == (1, 1)
        and not any(attrs["pads"])
        and 2 <= npix <= MAX_PIX
        and 4 <= cin <= 16
        and cout <= 16
        and zp_out == -128
        and q.act_min == -128
        and q.act_max == 127
        and rq_form(q, zp_out, cin) is not None
    )


def _overlapped(w: np.ndarray) -> np.ndarray:
    """The weights of the few-pixel loop's input words, in their order:
    each input's weight where it is first read, zero where read again."""
    cout, cin = w.shape
    starts = [0, cin - 4] if cin <= 8 else [*range(0, cin - 4, 4), cin - 4]
    out = np.zeros((cout, 4 * len(starts)), w.dtype)
    seen: set[int] = set()
    for k, s in enumerate(starts):
        for b in range(4):
            if s + b not in seen:
                seen.add(s + b)
                out[:, 4 * k + b] = w[:, s + b]
    return out


def _records(
    q, zp_in: int, zp_out: int, tag: int, wl: np.ndarray, group: int = 8
) -> np.ndarray | None:
    """Header and per-output records of the weights as the loop reads them
    (wl: (cout, n), n inputs in its order, zero where nothing is read),
    padded to groups of inputs (the header's last word: their number)."""
    cout, n = wl.shape
    cin = q.weight.shape[-1]
    form = rq_form(q, zp_out, cin)
    if form is None:
        return None
    bias, mult, ra, x = form
    w = 2 * wl.astype(np.int64)  # doubled
    chunks = (n + group - 1) // group
    wp = np.zeros((cout, chunks * group), np.int64)
    wp[:, :n] = w
    wp = wp.reshape(cout, chunks * group // 4, 4)
    even = _half(wp[:, :, 0]) | (_half(wp[:, :, 2]) << 16)
    odd = _half(wp[:, :, 1]) | (_half(wp[:, :, 3]) << 16)
    pairs = np.stack([even, odd], axis=2).reshape(cout, chunks * group // 2)
    acc0 = 2 * bias - zp_in * 2 * q.weight.reshape(cout, cin).astype(np.int64).sum(axis=1)
    rows = np.concatenate([acc0[:, None], pairs, mult[:, None], ra[:, None], (x + 2)[:, None]], 1)
    words = np.concatenate([np.array([tag, cin, cout, chunks], np.int64), rows.reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
