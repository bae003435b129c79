"""int8 kernels in numpy: the numeric spec every C kernel must match.

Inputs and outputs are int8 arrays in NHWC. Integer dot products are
computed in float64, which is exact here (|terms| < 2**15, sums < 2**53),
and much faster in numpy than integer matmul.
"""

from __future__ import annotations

import numpy as np

from ..fixedpoint import avg_round, requantize
from ..windows import depthwise, transpose_conv, valid_counts, windows


def _finish(acc: np.ndarray, q, zp_out: int) -> np.ndarray:
    y = requantize(acc, q.mult, q.shift)
    y += zp_out
    np.clip(y, q.act_min, q.act_max, out=y)
    if q.lut is not None:
        return q.lut[y + 128]
    return y.astype(np.int8)


def conv2d(x: np.ndarray, attrs: dict, q, zp_in: int, zp_out: int, out_hw) -> np.ndarray:
    centred = x.astype(np.float64) - zp_in  # padding with zp_in means real zero
    patches = windows(
        centred, attrs["kernel"], attrs["strides"], attrs["dilation"], attrs["pads"], 0.0, out_hw
    )
    w = q.weight.astype(np.float64)  # OHWI
    acc = np.tensordot(patches, w, axes=([3, 4, 5], [1, 2, 3]))
    acc = acc.astype(np.int64) + q.bias.astype(np.int64)
    return _finish(acc, q, zp_out)


def dwconv2d(x: np.ndarray, attrs: dict, q, zp_in: int, zp_out: int, out_hw) -> np.ndarray:
    centred = x.astype(np.float64) - zp_in  # integers: exact in any order
    w = q.weight.astype(np.float64)  # (kh, kw, cout)
    a = attrs
    acc = depthwise(centred, w, a["multiplier"], a["strides"], a["dilation"], a["pads"], out_hw)
    acc = acc.astype(np.int64) + q.bias.astype(np.int64)
    return _finish(acc, q, zp_out)


def dense(x: np.ndarray, q, zp_in: int, zp_out: int) -> np.ndarray:
    flat = x.reshape(x.shape[0], -1).astype(np.float64) - zp_in
    acc = (flat @ q.weight.astype(np.float64).T).astype(np.int64) + q.bias
    return _finish(acc, q, zp_out).reshape(x.shape[0], 1, 1, -1)


def maxpool(x: np.ndarray, attrs: dict, q, out_hw) -> np.ndarray:
    w = windows(
        x.astype(np.int16), attrs["kernel"], attrs["strides"], (1, 1), attrs["pads"], -1000, out_hw
    )
    y = w.max(axis=(3, 4))
    return np.clip(y, q.act_min, q.act_max).astype(np.int8)


def avgpool(x: np.ndarray, attrs: dict, q, out_hw) -> np.ndarray:
    w = windows(
        x.astype(np.int64), attrs["kernel"], attrs["strides"], (1, 1), attrs["pads"], 0, out_hw
    )
    total = w.sum(axis=(3, 4))
    counts = valid_counts(x.shape[1:3], attrs["kernel"], attrs["strides"], attrs["pads"], out_hw)
    y = avg_round(total, counts[None, :, :, None])
    return np.clip(y, q.act_min, q.act_max).astype(np.int8)


def lut(x: np.ndarray, table: np.ndarray) -> np.ndarray:
    return table[x.astype(np.int64) + 128]


# --- transposed convolution, sum pooling, merges ------------------------------


def deconv2d(x: np.ndarray, attrs: dict, q, zp_in: int, zp_out: int, out_hw) -> np.ndarray:
    centred = x.astype(np.float64) - zp_in
    w = q.weight.astype(np.float64).transpose(1, 2, 3, 0)  # OHWI -> (kh, kw, in, out)
    acc = transpose_conv(
        centred, w, attrs["strides"], attrs["dilation"], attrs["pad_before"], out_hw
    )
    acc = acc.astype(np.int64) + q.bias.astype(np.int64)
    return _finish(acc, q, zp_out)


def sumpool(x: np.ndarray, attrs: dict, q, zp_in: int, zp_out: int, out_hw) -> np.ndarray:
    """Sum of (x - zp_in) over the real part of each window, requantised."""
    centred = x.astype(np.int64) - zp_in
    w = windows(centred, attrs["kernel"], attrs["strides"], (1, 1), attrs["pads"], 0, out_hw)
    y = requantize(w.sum(axis=(3, 4)), q.mult, q.shift) + zp_out
    return np.clip(y, -128, 127).astype(np.int8)
