"""Sliding windows over NHWC arrays, shared by the float and int8 executors."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import scratch


def pad_hw(x: np.ndarray, pads: tuple[int, int, int, int], value) -> np.ndarray:
    """x (N, H, W, C) with `value` around it: what np.pad gives, written
    once (np.pad's Python costs as much as the copy of a calibration
    batch)."""
    top, bottom, left, right = pads
    if not any(pads):
        return x
    n, h, w, c = x.shape
    out = np.empty((n, top + h + bottom, left + w + right, c), dtype=x.dtype)
    out[:, :top] = value
    out[:, top + h :] = value
    inside = out[:, top : top + h]
    inside[:, :, :left] = value
    inside[:, :, left + w :] = value
    inside[:, :, left : left + w] = x
    return out


def windows(
    x: np.ndarray,
    kernel: tuple[int, int],
    strides: tuple[int, int],
    dilation: tuple[int, int],
    pads: tuple[int, int, int, int],
    pad_value,
    out_hw: tuple[int, int],
) -> np.ndarray:
    """View (N, OH, OW, KH, KW, C) of every window, padding with pad_value."""
    kh, kw = kernel
    dh, dw = dilation
    xp = pad_hw(x, pads, pad_value)
    ekh, ekw = (kh - 1) * dh + 1, (kw - 1) * dw + 1
    view = sliding_window_view(xp, (ekh, ekw), axis=(1, 2))  # N, H', W', C, ekh, ekw
    oh, ow = out_hw
    view = view[
        :, : (oh - 1) * strides[0] + 1 : strides[0], : (ow - 1) * strides[1] + 1 : strides[1]
    ]
    view = view[..., ::dh, ::dw]
    return view.transpose(0, 1, 2, 4, 5, 3)


def repeat_channels(patches: np.ndarray, multiplier: int) -> np.ndarray:
    """np.repeat(patches, multiplier, axis=-1) (each input channel once per
    output channel of a depthwise layer) as the same C-contiguous array,
    filled by one broadcast assignment: np.repeat walks the strided window
    view element by element, tens of times slower."""
    out = np.empty(patches.shape + (multiplier,), dtype=patches.dtype)
    out[...] = patches[..., None]
    return out.reshape(patches.shape[:-1] + (patches.shape[-1] * multiplier,))


def _span(offset: int, stride: int, out_n: int, in_n: int) -> tuple[int, int, slice]:
    """Outputs o0..o1-1 whose input o * stride + offset is inside [0, in_n),
    and the slice of those inputs."""
    o0 = max(0, -(offset // stride))
    o1 = min(out_n, (in_n - 1 - offset) // stride + 1)
    return o0, o1, slice(o0 * stride + offset, (o1 - 1) * stride + offset + 1, stride)


# The batch goes through depthwise() in chunks of about this many bytes of
# input and output, so that a chunk stays in the cache across the taps
# (calibration's batches, float_exec.batch_size, are mostly one chunk).
DEPTHWISE_CHUNK_BYTES = 1 << 21


def depthwise(
    x: np.ndarray,
    kernel: np.ndarray,
    multiplier: int,
    strides: tuple[int, int],
    dilation: tuple[int, int],
    pads: tuple[int, int, int, int],
    out_hw: tuple[int, int],
) -> np.ndarray:
    """Depthwise convolution without bias: x (N, H, W, C), kernel (KH, KW,
    C * multiplier) -> (N, OH, OW, C * multiplier), zero padding.

    Computed as np.einsum("nhwijc,ijc->nhwc") on the windows repeated per
    output channel, the rule calibration has always used. Where that einsum
    runs numpy's plain matmul loop (several taps, channels and outputs: its
    operand is a strided view, not one BLAS takes), which sums the taps in
    order from +0.0, this does the same operations, one multiply-add per
    tap: the same bits without copying every window. Padded taps are
    skipped: they add +-0.0 to a sum that starts at +0.0 and so is never
    -0.0, which changes no bit. Speed, with the same operations on every
    element: the batch in cache-sized chunks, each through every tap; with
    stride 1 along the width, a row's (column, channel) elements as one run
    against the tap's weights repeated per column (numpy's inner loop then
    spans the row instead of one pixel's channels). Finite weights (a
    model's always are, unless BatchNorm folding overflowed) take the
    faster route of _depthwise_grid, which computes the padded taps too."""
    oh, ow = out_hw
    kh, kw = kernel.shape[:2]
    channels = kernel.shape[2]
    if kh * kw == 1 or channels == 1 or x.shape[0] * oh * ow == 1:
        patches = windows(x, (kh, kw), strides, dilation, pads, 0, out_hw)
        patches = repeat_channels(patches, multiplier)
        return np.einsum("nhwijc,ijc->nhwc", patches, kernel, optimize=True)
    if multiplier > 1:
        x = repeat_channels(x, multiplier)
    if np.all(np.isfinite(kernel)):
        return _depthwise_grid(x, kernel, strides, dilation, pads, out_hw)
    n, h, w, _ = x.shape
    y = np.zeros((n, oh, ow, channels), dtype=np.result_type(x, kernel))
    flat = strides[1] == 1
    # flat: each tap's weights repeated per output column, sliced per tap
    tiled = np.tile(kernel, (1, 1, ow)) if flat else kernel
    taps = []
    for i in range(kh):
        r0, r1, rows = _span(i * dilation[0] - pads[0], strides[0], oh, h)
        for j in range(kw):
            c0, c1, cols = _span(j * dilation[1] - pads[2], strides[1], ow, w)
            if r0 >= r1 or c0 >= c1:
                continue
            if flat:
                cols = slice(cols.start * channels, cols.stop * channels)
                taps.append(
                    (
                        slice(r0, r1),
                        rows,
                        slice(c0 * channels, c1 * channels),
                        cols,
                        tiled[i, j, : (c1 - c0) * channels],
                    )
                )
            else:
                taps.append((slice(r0, r1), rows, slice(c0, c1), cols, kernel[i, j]))
    # flat: (N, H, W * C) views, a tap's columns one slice of them
    xv = x.reshape(n, h, w * channels) if flat else x
    yv = y.reshape(n, oh, ow * channels) if flat else y
    step = max(1, DEPTHWISE_CHUNK_BYTES // (x[0].nbytes + 2 * y[0].nbytes))
    product = np.empty((min(step, n),) + yv.shape[1:], dtype=y.dtype)
    for start in range(0, n, step):
        xs, ys = xv[start : start + step], yv[start : start + step]
        for out_rows, in_rows, out_cols, in_cols, k in taps:
            p = product[: xs.shape[0], : out_rows.stop - out_rows.start]
            p = p[:, :, : out_cols.stop - out_cols.start]
            np.multiply(xs[:, in_rows, in_cols], k, out=p)
            ys[:, out_rows, out_cols] += p
    return y


def _depthwise_grid(
    x: np.ndarray,
    kernel: np.ndarray,
    strides: tuple[int, int],
    dilation: tuple[int, int],
    pads: tuple[int, int, int, int],
    out_hw: tuple[int, int],
) -> np.ndarray:
    """depthwise() with finite weights, on grids of the zero-padded input.

    Tap (i, j) of output (r, c) reads padded pixel (r*sh + i*dh, c*sw +
    j*dw) = ((r + qi)*sh + a, (c + qj)*sw + b): pixel (r + qi, c + qj) of
    phase (a, b), the padded input's pixels (u*sh + a, v*sw + b), copied
    once into a grid of its own. With the outputs laid out on the grids'
    width (the columns past the outputs' are discarded), every tap reads
    one contiguous run of a flattened grid, and numpy's loops span whole
    rows. The padded taps now add 0 * w = +-0.0 to a sum that starts at
    +0.0: no bit changes (finite w). One more row of zeros keeps the last
    tap's run inside its sample."""
    n, h, w, channels = x.shape
    oh, ow = out_hw
    kh, kw = kernel.shape[:2]
    (sh, sw), (dh, dw) = strides, dilation
    taps = [(i, j, divmod(i * dh, sh), divmod(j * dw, sw)) for i in range(kh) for j in range(kw)]
    gh, gw = oh + (kh - 1) * dh // sh + 1, ow + (kw - 1) * dw // sw
    grids = {}
    for _, _, (_, a), (_, b) in taps:
        if (a, b) not in grids:
            grid = scratch.array(f"depthwise grid {a} {b}", (n, gh, gw, channels), x.dtype)
            grid.fill(0)
            u0, u1, rows = _span(a - pads[0], sh, gh, h)
            v0, v1, cols = _span(b - pads[2], sw, gw, w)
            if u0 < u1 and v0 < v1:
                grid[:, u0:u1, v0:v1] = x[:, rows, cols]
            grids[a, b] = grid.reshape(n, gh * gw * channels)
    run = oh * gw * channels  # one tap's run: the outputs on the grids' width
    y = scratch.array("depthwise sums", (n, oh, gw * channels), np.result_type(x, kernel))
    y.fill(0)
    weights = np.tile(kernel, (1, 1, gw))  # each tap's weights along a grid row
    sample = len(grids) * gh * gw * channels * x.itemsize + 2 * y[0].nbytes
    step = max(1, DEPTHWISE_CHUNK_BYTES // sample)
    product = scratch.array("depthwise product", (min(step, n),) + y.shape[1:], y.dtype)
    for start in range(0, n, step):
        ys = y[start : start + step]
        p = product[: ys.shape[0]]
        for i, j, (qi, a), (qj, b) in taps:
            at = (qi * gw + qj) * channels
            xs = grids[a, b][start : start + step, at : at + run]
            np.multiply(xs.reshape(p.shape), weights[i, j], out=p)
            ys += p
    return y.reshape(n, oh, gw, channels)[:, :, :ow].copy()  # not the work buffer


def valid_counts(
    in_hw: tuple[int, int],
    kernel: tuple[int, int],
    strides: tuple[int, int],
    pads: tuple[int, int, int, int],
    out_hw: tuple[int, int],
) -> np.ndarray:
    """(OH, OW) number of real (not padded) elements in each pooling window."""
    ones = np.ones((1, in_hw[0], in_hw[1], 1), dtype=np.int64)
    w = windows(ones, kernel, strides, (1, 1), pads, 0, out_hw)
    return w.sum(axis=(3, 4, 5))[0]


def transpose_conv(
    x: np.ndarray,
    kernel: np.ndarray,
    strides: tuple[int, int],
    dilation: tuple[int, int],
    pad_before: tuple[int, int],
    out_hw: tuple[int, int],
) -> np.ndarray:
    """Transposed convolution (TensorFlow's conv_transpose), no bias.

    x: (N, H, W, Cin); kernel: (KH, KW, Cin, Cout). Input position i adds
    x[i] * kernel[k] to output position i * stride + k * dilation - pad_before.
    Returns (N, OH, OW, Cout).
    """
    n, h, w, _ = x.shape
    kh, kw, _, cout = kernel.shape
    (sh, sw), (dh, dw), (pt, pl), (oh, ow) = strides, dilation, pad_before, out_hw
    full_h = max((h - 1) * sh + (kh - 1) * dh + 1, pt + oh)
    full_w = max((w - 1) * sw + (kw - 1) * dw + 1, pl + ow)
    full = np.zeros((n, full_h, full_w, cout), dtype=np.result_type(x, kernel))
    for ky in range(kh):
        for kx in range(kw):
            contrib = np.tensordot(x, kernel[ky, kx], axes=([3], [0]))  # (N, H, W, Cout)
            y0, x0 = ky * dh, kx * dw
            full[:, y0 : y0 + (h - 1) * sh + 1 : sh, x0 : x0 + (w - 1) * sw + 1 : sw] += contrib
    return full[:, pt : pt + oh, pl : pl + ow]
