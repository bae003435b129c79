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
header's last word is the number of input words (two pairs each) plus the
pixels times 2^16 (the records run reads them there, nnom_kernels.h).

The few-output loop (src/kernels/local/nnom_local_pwfo_dsp.c, header TAG_F:
tag, cin, cout, W = words of a pixel, plus the pixels times 2^16): 2 to
FO_MAX_PIX pixels of FO_MIN_CIN to FO_MAX_CIN inputs, 1 to FO_MAX_COUT (to FO_WIDE_COUT
of FO_WIDE_CIN) outputs (few_output_takes). Its words
start at 0 and then at t = cin - 4 (W - 1), t + 4, ..., cin - 4; a record
is the start value, W pairs, mult, ra, e (no padding to chunks).
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
TAG_F = 0x4F465750  # PWFO_TAG in C
FO_MAX_PIX = 16  # PWFO_MAX_PIX in C
FO_MIN_CIN = 17  # PWFO_MIN_CIN in C: up to 16 the few-pixel loop
FO_MAX_CIN = 256  # PWFO_MAX_CIN in C
FO_MAX_COUT = 3  # four or more share a widened input better (the windows kernel)
# but past its 32 inputs (pw_col_shape) on 2 to 16 pixels, where the pair
# path's cost a 2x2 block made 3x1 33->5 4.82 instructions per MAC, 8x1
# 33->5 2.97 and 1x3 96->5 2.83 (odd outputs or pixels leave it a tail)
FO_WIDE_COUT = 8  # PWFO_MAX_OC in C
FO_WIDE_CIN = (33, 256)
# even outputs on an even count of 6+ pixels past 128 inputs: the pair
# path's whole 2x2 blocks run ~1.42 a MAC, this loop ~1.45 (4x4 256->6
# 34,756 against 35,684, 2x3 256->8 17,707 against 17,860)
FO_WIDE_EVEN_CIN = 128
FO_SHORT_CIN = 36  # the few-output loop's short passes: at most 8 words after the first
COL2_MAX_CIN = 64  # NNOM_PW_COL2_MAX_IC in C: the windows kernel's two-output loop


def _half(v: np.ndarray) -> np.ndarray:
    return v.astype(np.int64) & 0xFFFF


def pw1px_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records, or None where the loop does not take the layer."""
    cout, kh, kw, cin = q.weight.shape
    if few_pixel_takes(attrs, q, zp_out, in_hw, out_hw):
        starts = [0, cin - 4] if cin <= 8 else [*range(0, cin - 4, 4), cin - 4]
        wl = _overlapped(q.weight.reshape(cout, cin), starts)
        words = len(starts) + (int(np.prod(out_hw)) << 16)
        return _records(q, zp_in, zp_out, TAG_N, wl, chunk=4, count=words)
    if few_output_takes(attrs, q, zp_out, in_hw, out_hw):
        words = (cin + 3) // 4
        starts = [0] + [cin - 4 * (words - 1 - k) for k in range(words - 1)]
        wl = _overlapped(q.weight.reshape(cout, cin), starts)
        count = words + (int(np.prod(out_hw)) << 16)
        return _records(q, zp_in, zp_out, TAG_F, wl, chunk=4, count=count)
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


def _few_pixels(attrs: dict, q, zp_out: int, in_hw, out_hw) -> bool:
    """1x1 at stride 1 of 1 to MAX_PIX pixels, unpadded, ReLU's output zero
    point with no clamp inside int8, every channel in the records' form:
    what both few-pixel loops ask (their channel counts aside)."""
    cin = q.weight.shape[-1]
    return (
        tuple(q.weight.shape[1:3]) == (1, 1)
        and tuple(in_hw) == tuple(out_hw)
        and tuple(attrs["strides"]) == (1, 1)
        and not any(attrs["pads"])
        and 1 <= int(np.prod(out_hw)) <= MAX_PIX
        and zp_out == -128
        and q.act_min == -128
        and q.act_max == 127
        and rq_form(q, zp_out, cin) is not None
    )


def few_pixel_takes(attrs: dict, q, zp_out: int, in_hw, out_hw) -> bool:
    """Whether the few-pixel loop takes the layer (its records' form aside).
    One pixel of 9 to 16 inputs too: the one-pixel loop's stack copy and
    chunks of 8 cost 1x1 9->8 261 instructions where this pass takes ~150."""
    cout, _, _, cin = q.weight.shape
    low = 9 if int(np.prod(out_hw)) == 1 else 4
    return low <= cin <= 16 and cout <= 16 and _few_pixels(attrs, q, zp_out, in_hw, out_hw)


def few_output_takes(attrs: dict, q, zp_out: int, in_hw, out_hw) -> bool:
    """Whether the few-output loop takes the layer (its records' form aside):
    on one pixel one output (nnom_local_pwfo1px_rec: 1x1 64->1 208 -> 142
    against the one-pixel loop), two or three (nnom_local_pwfo2px_rec /
    pwfo3px_rec: each word widened once for the outputs)."""
    cout, _, _, cin = q.weight.shape
    npix = int(np.prod(out_hw))
    return (
        FO_MIN_CIN <= cin <= FO_MAX_CIN
        and (
            cout in (1, 3)
            or (cout == 2 and npix == 1)
            or (npix >= 2 and cout <= FO_MAX_COUT)
            or (
                npix >= 2
                and cout <= FO_WIDE_COUT
                and FO_WIDE_CIN[0] <= cin <= FO_WIDE_CIN[1]
                and (cin <= FO_WIDE_EVEN_CIN or npix <= 4 or cout % 2 == 1 or npix % 2 == 1)
            )
        )
        and npix <= FO_MAX_PIX
        and (cout != 2 or cin > COL2_MAX_CIN or _beats_col2(cin, npix))
        and _few_pixels(attrs, q, zp_out, in_hw, out_hw)
    )


def _beats_col2(cin: int, npix: int) -> bool:
    """Two outputs of up to 64 inputs: whether the few-output loop beats the
    windows kernel's narrow loop (11 instructions per 8 MACs against 9,
    but ~85 fewer a layer, ~285 when that copies the last pixel and calls
    again: cin 2 or 3 past a multiple of 4). M4 -O2, windows against this
    loop: 1x2 64->2 584 / 541, 2x2 40->2 712 / 687, 2x2 50->2 1,023 / 819,
    2x3 24->2 720 / 689, 2x3 30->2 1,012 / 821, 2x3 40->2 948 / 965, 1x7
    45->2 1,165 / 1,278, 3x3 64->2 1,788 / 2,000, 4x4 24->2 1,520 / 1,619.
    Up to FO_SHORT_CIN inputs (the loop's short passes, ~8 fewer an output
    a pair of pixels) it wins on 2 to 16 pixels but where the windows
    kernel's words fit best (cin one past a multiple of 4) on many pixels:
    2x4 17->2 777 / 651, 4x4 18->2 1,546 / 1,239, 4x4 36->2 1,984 / 1,943,
    4x4 25->2 1,601 / 1,591; left to the windows kernel: 3x4 33->2 1,477 /
    1,473 (a tie), 3x5 29->2 1,651 / 1,671, 2x7 33->2 1,683 / 1,708, 4x4
    33->2 1,889 / 1,943. Past FO_SHORT_CIN, with 8 pixels or more the
    windows kernel's own loop."""
    if cin <= FO_SHORT_CIN:
        return cin % 4 != 1 or npix * (cin - 17) < 160
    return npix < 8 and npix * (cin - 10) < 170 + (200 if cin % 4 >= 2 else 0)


def _overlapped(w: np.ndarray, starts: list[int]) -> np.ndarray:
    """The weights of the input words starting at starts, in their order:
    each input's weight where it is first read, zero where read again."""
    cout, cin = w.shape
    out = np.zeros((cout, 4 * len(starts)), w.dtype)
    seen: set[int] = set()
    for k, s in enumerate(starts):
        for b in range(4):
            if s + b not in seen:
                seen.add(s + b)
                out[:, 4 * k + b] = w[:, s + b]
    return out


def _records(
    q, zp_in: int, zp_out: int, tag: int, wl: np.ndarray, chunk: int = 8, count: int = 0
) -> np.ndarray | None:
    """Header and per-output records of the weights as the loop reads them
    (wl: (cout, n), n inputs in its order, zero where nothing is read,
    padded with zeros to chunks of `chunk`; the header's last word the
    chunks' count, or `count` if given)."""
    cout, n = wl.shape
    cin = q.weight.shape[-1]
    form = rq_form(q, zp_out, cin)
    if form is None:
        return None
    bias, mult, ra, x = form
    w = 2 * wl.astype(np.int64)  # doubled
    chunks = (n + chunk - 1) // chunk
    wp = np.zeros((cout, chunks * chunk), np.int64)
    wp[:, :n] = w
    wp = wp.reshape(cout, chunks * chunk // 4, 4)
    even = _half(wp[:, :, 0]) | (_half(wp[:, :, 2]) << 16)
    odd = _half(wp[:, :, 1]) | (_half(wp[:, :, 3]) << 16)
    pairs = np.stack([even, odd], axis=2).reshape(cout, chunks * chunk // 2)
    acc0 = 2 * bias - zp_in * 2 * q.weight.reshape(cout, cin).astype(np.int64).sum(axis=1)
    rows = np.concatenate([acc0[:, None], pairs, mult[:, None], ra[:, None], (x + 2)[:, None]], 1)
    head = [tag, cin, cout, count or chunks]
    words = np.concatenate([np.array(head, np.int64), rows.reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
