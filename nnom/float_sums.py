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

from .windows import windows


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
    bias, zero padding -> (N, OH, OW, COUT) in x's dtype: every window
    copied once into float64 rows (the cast is part of the copy), then one
    matmul."""
    kh, kw, cin, cout = kernel.shape
    patches = windows(x, (kh, kw), strides, dilation, pads, 0.0, out_hw)
    rows = np.empty(patches.shape, dtype=np.float64)
    np.copyto(rows, patches)
    y = matmul(rows.reshape(-1, kh * kw * cin), kernel.reshape(-1, cout), bias)
    return y.astype(x.dtype, copy=False).reshape(patches.shape[:3] + (cout,))
