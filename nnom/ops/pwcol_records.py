"""The packed groups of the 1x1 windows kernel (nnom_conv_col() in
src/kernels/local/nnom_local_conv_col_s8.c), laid out at conversion time:
without them the kernel packs them at every run (col_pack: ~35
instructions per output channel and ~11 per word of its weights, as much
as the multiplies on layers of a few pixels).

A header of four words (COL_TAG, cin, cout, k4 = cin rounded up to 4; the
config points past it), then per group of four output channels (the last
channel repeated past cout; past four channels the last 5-7 form one
block, which nnom_local_pwblk_dsp.c runs in the same pass), n (4 + k4 / 2)
words for n channels: 2 (bias - zp_in * sum(w))
per channel; per step of four inputs (zero past cin) and channel the
halfwords (2 w_4s, 2 w_4s+2) and (2 w_4s+1, 2 w_4s+3); per channel mult,
(2 zp_out + 1) << (e - 1), e with e = -shift. Written only where the
kernel takes the layer (nnom_conv_pw_col(): 1x1 at stride 1, 2 pixels or
more, 4 to 32 inputs and 3 or more outputs, or 4 to 64 inputs and 2),
every channel in the fast requantisation form, every bias within the
doubled sums' room, at most MAX_WORDS words. With 2 to 7 pixels the
kernel runs only on these records (packing at run time would not pay).
"""

from __future__ import annotations

import numpy as np

# the first word (COL_TAG in C)
TAG = 0x4C4F4350
MAX_WORDS = 4096  # 16 KB of flash; larger layers pack at run time


def _half(v: np.ndarray) -> np.ndarray:
    return v.astype(np.int64) & 0xFFFF


def pw_col_shape(attrs: dict, cin: int, cout: int) -> bool:
    """1x1 at stride 1, unpadded, of the channel counts the windows kernel
    takes (nnom_conv_pw_col(): 4 to 32 inputs and 3 or more outputs, or 4
    to 64 inputs and 2); the pixel count is the caller's."""
    return (
        tuple(attrs["kernel"]) == (1, 1)
        and tuple(attrs["strides"]) == (1, 1)
        and not any(attrs["pads"])
        and cin >= 4
        and (cin <= 32 if cout >= 3 else cout == 2 and cin <= 64)
    )


def pwcol_takes(attrs: dict, q, in_hw: tuple[int, int], out_hw: tuple[int, int]) -> bool:
    """Whether the records are written (and with 2 to 7 pixels, whether the
    kernel runs and its scratch is planned: Conv2D.scratch()); the bias
    room for any input zero point, so that the plan needs none."""
    cout, _, _, cin = q.weight.shape
    k4 = (cin + 3) // 4 * 4
    if (
        not pw_col_shape(attrs, cin, cout)
        or tuple(in_hw) != tuple(out_hw)
        or out_hw[0] * out_hw[1] < 2
        or (cout + 3) // 4 * (16 + 2 * k4) > MAX_WORDS
    ):
        return False
    bias = np.broadcast_to(np.asarray(q.bias, np.int64), (cout,))
    mult = np.broadcast_to(np.asarray(q.mult, np.int64), (cout,))
    e = -np.broadcast_to(np.asarray(q.shift, np.int64), (cout,))
    room = (1 << 30) - cin * 128 * (128 + 128)  # nnom_conv_col()'s for |zp_in| <= 128
    fast = np.all(mult > 0) and np.all(e >= 2) and np.all(e <= 23)
    return bool(fast and np.all(np.abs(bias) < room))


def pwcol_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records, or None where the kernel does not take the layer."""
    if not pwcol_takes(attrs, q, in_hw, out_hw):
        return None
    cout, _, _, cin = q.weight.shape
    k4 = (cin + 3) // 4 * 4
    bias = np.broadcast_to(np.asarray(q.bias, np.int64), (cout,))
    mult = np.broadcast_to(np.asarray(q.mult, np.int64), (cout,))
    e = -np.broadcast_to(np.asarray(q.shift, np.int64), (cout,))
    weight = q.weight.reshape(cout, cin)
    # groups of four; past four, the last 5-7 channels as one block
    widths = (
        [4] * (cout // 4 - 1) + [4 + cout % 4] if cout > 4 and cout % 4 else [4] * ((cout + 3) // 4)
    )
    rows, c0 = [], 0
    for n in widths:
        chans = np.minimum(np.arange(c0, c0 + n), cout - 1)
        w = np.zeros((n, k4), np.int64)
        w[:, :cin] = weight[chans]
        acc0 = 2 * (bias[chans] - zp_in * w.sum(axis=1))
        w = 2 * w.reshape(n, k4 // 4, 4)  # doubled
        even = _half(w[..., 0]) | (_half(w[..., 2]) << 16)
        odd = _half(w[..., 1]) | (_half(w[..., 3]) << 16)
        pairs = np.stack([even, odd], axis=2).transpose(1, 0, 2)  # (step, channel, even/odd)
        rq = np.stack(
            [mult[chans], ((2 * zp_out + 1) << (e[chans] - 1)) & 0xFFFFFFFF, e[chans]], axis=1
        )
        rows += [acc0, pairs.reshape(-1), rq.reshape(-1)]
        c0 += n
    words = np.concatenate([np.array([TAG, cin, cout, k4], np.int64)] + rows)
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
