"""Sums of products for the float executor whose float32 bits do not depend
on the BLAS.

Calibration's min/max decide every scale, and one unit in the last place of
a maximum changes the scale's float32 and so the header. A float32 GEMM's
rounding depends on how the BLAS splits the sum: its thread count, the
number of rows (the batch size) and the CPU's kernel. Here float32 operands
are multiplied and summed in float64 (a product of two float32 is exact in
float64), the bias is added, and the result is rounded once to float32. A
different summation order moves the float64 sum by a few units of 2^-53 of
its size, which changes the float32 result only when the sum lies that
close to a float32 rounding boundary (about K * 2^-29 of the time for K
terms; none in 1,000 samples of the bench models, docs/benchmarks.md).
float64 operands (reports) are summed in float64 as before."""

from __future__ import annotations

import numpy as np

from . import scratch
from .windows import windows

# A convolution copies its windows into float64 rows and multiplies them a
# block of about this many bytes at a time: the block stays in the cache
# for the copy and the product (a float64 GEMM over 16 K rows of 144 ran
# at 60% of the speed it has over 1 K rows, docs/benchmarks.md).
ROWS_BLOCK_BYTES = 1 << 20


def matmul(a: np.ndarray, b: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """a (M, K) @ b (K, N) + bias (N,), in a's dtype."""
    y = np.matmul(a.astype(np.float64, copy=False), b.astype(np.float64, copy=False))
    y += bias
    return y.astype(a.dtype, copy=False)


def conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    bias: np.ndarray,
    strides: tuple[int, int],
    dilation: tuple[int, int],
    pads: tuple[int, int, int, int],
    out_hw: tuple[int, int],
) -> np.ndarray:
    """Convolution of x (N, H, W, C) with kernel (KH, KW, C, COUT) plus
    bias, zero padding -> (N, OH, OW, COUT) in x's dtype: the windows of a
    block of output rows copied into float64 rows (the cast is part of the
    copy), one matmul, the bias added, rounded into the output; block after
    block (ROWS_BLOCK_BYTES of windows). The rows of a sum do not
    depend on the blocks, so each output is the same float64 sum rounded
    once."""
    kh, kw, cin, cout = kernel.shape
    patches = windows(x, (kh, kw), strides, dilation, pads, 0.0, out_hw)
    n, oh, ow = patches.shape[:3]
    weights = kernel.reshape(-1, cout).astype(np.float64, copy=False)
    # the bias along an output row: numpy's add then loops over whole rows
    bias_row = np.tile(np.asarray(bias, dtype=np.float64), ow)
    y = np.empty((n, oh, ow, cout), dtype=x.dtype)
    row_bytes = ow * kh * kw * cin * 8  # one output row's windows in float64
    lines = max(1, ROWS_BLOCK_BYTES // row_bytes)  # output rows per block
    samples = max(1, lines // oh)  # whole samples per block, if they fit
    rows = scratch.array(
        "conv windows", (min(n, samples) * min(oh, lines), ow, kh, kw, cin), np.float64
    )
    sums = scratch.array("conv sums", (rows.shape[0], ow * cout), np.float64)
    for block, out in _blocks(patches, y, samples, lines):
        count = block.shape[0] * block.shape[1]
        np.copyto(rows[:count].reshape(block.shape), block)
        part = sums[:count]
        np.matmul(rows[:count].reshape(count * ow, -1), weights, out=part.reshape(-1, cout))
        part += bias_row
        out[...] = part.reshape(out.shape)
    return y


def _blocks(patches: np.ndarray, y: np.ndarray, samples: int, lines: int):
    """(windows, output) views of matching blocks: `samples` whole samples
    at a time when one fits, else `lines` output rows of one sample."""
    n, oh = patches.shape[:2]
    if samples > 1 or lines >= oh:
        for s in range(0, n, samples):
            yield patches[s : s + samples], y[s : s + samples]
        return
    for s in range(n):
        for r in range(0, oh, lines):
            yield patches[s : s + 1, r : r + lines], y[s : s + 1, r : r + lines]
