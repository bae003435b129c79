"""Calibration's depthwise convolution (windows.depthwise) gives the same
bits as the einsum rule it replaced, so conversions choose the same
quantisation; and a plain ReLU computed in float32 the same as in float64."""

from __future__ import annotations

import numpy as np
import pytest

from nnom import activations
from nnom.windows import depthwise, windows


def _case(rng, stride: tuple[int, int] | None = None):
    n, h, w, c = (int(v) for v in rng.integers(1, [4, 12, 12, 6]))
    m, kh, kw = (int(v) for v in rng.integers(1, [3, 5, 5]))
    s = stride or tuple(int(v) for v in rng.integers(1, 4, 2))
    d = tuple(int(v) for v in rng.integers(1, 3, 2))
    ekh, ekw = (kh - 1) * d[0] + 1, (kw - 1) * d[1] + 1
    if rng.random() < 0.6:  # "same"
        oh, ow = -(-h // s[0]), -(-w // s[1])
        pt, pl = max((oh - 1) * s[0] + ekh - h, 0), max((ow - 1) * s[1] + ekw - w, 0)
        pads = (pt // 2, pt - pt // 2, pl // 2, pl - pl // 2)
    else:
        h, w = max(h, ekh), max(w, ekw)
        oh, ow, pads = (h - ekh) // s[0] + 1, (w - ekw) // s[1] + 1, (0, 0, 0, 0)
    return (n, h, w, c), m, (kh, kw), s, d, pads, (oh, ow)


@pytest.mark.parametrize("stride", [None, (1, 1)])
def test_depthwise_is_bit_identical_to_the_einsum_rule(stride):
    """Random strides, and stride 1 alone (it runs on the padded grid:
    windows._depthwise_grid)."""
    rng = np.random.default_rng(3)
    for _ in range(300):
        shape, m, k, s, d, pads, out_hw = _case(rng, stride)
        for dtype in (np.float32, np.float64):
            zeros = rng.random(shape) < 0.2  # exact zeros: the sign of 0.0 counts too
            x = np.where(zeros, 0.0, rng.normal(size=shape)).astype(dtype)
            kernel = rng.normal(size=k + (shape[3] * m,)).astype(dtype)
            patches = np.repeat(windows(x, k, s, d, pads, 0.0, out_hw), m, axis=-1)
            want = np.einsum("nhwijc,ijc->nhwc", patches, kernel, optimize=True)
            got = depthwise(x, kernel, m, s, d, pads, out_hw)
            assert got.dtype == want.dtype and got.shape == want.shape
            assert np.array_equal(np.signbit(got), np.signbit(want))
            assert np.array_equal(got, want), (shape, m, k, s, d, pads)


def test_plain_relu_in_float32_is_bit_identical():
    rng = np.random.default_rng(4)
    x = rng.normal(size=10000).astype(np.float32) * 8
    x = np.concatenate([x, np.array([0.0, -0.0, 6.0, 6.1, -1e-45, 1e-45], np.float32)])
    for params in ({}, {"max_value": 6.0}, {"max_value": 6.1}, {"threshold": 0.0}):
        act = activations.Activation("relu", params)
        want = activations.apply(act, x).astype(np.float32)
        got = activations.apply_as(act, x, np.float32)
        assert got.dtype == np.float32
        assert np.array_equal(got.view(np.uint32), want.view(np.uint32)), params


def test_plain_relu_of_special_values_is_np_where():
    """Infinities and NaNs (both signs) as np.where(x >= 0, x, -0.0) gives
    them, in arrays long enough for numpy's vector loops and strided."""
    nan = np.float32(np.nan)
    specials = [np.inf, -np.inf, nan, -nan, 0.0, -0.0, 1e-45, -1e-45, 3.0, -3.0]
    x = np.tile(np.array(specials, np.float32), 37)
    for view in (x, x[1::3], x.reshape(37, 10)[:, ::2]):
        want = np.where(view >= 0, view, np.float32(-0.0))
        got = activations.apply_as(activations.Activation("relu", {}), view, np.float32)
        assert np.array_equal(got.view(np.uint32), want.view(np.uint32))


def _skipping_padding(x, kernel, m, s, d, pads, out_hw):
    """The taps summed in order from +0.0, a padded tap skipped (not 0 * w)."""
    x = np.repeat(x, m, axis=-1)
    patches = windows(x, kernel.shape[:2], s, d, pads, 0.0, out_hw)
    inside = windows(np.ones_like(x), kernel.shape[:2], s, d, pads, 0.0, out_hw) == 1
    acc = np.zeros(patches.shape[:3] + patches.shape[-1:], dtype=x.dtype)
    for i in range(kernel.shape[0]):
        for j in range(kernel.shape[1]):
            with np.errstate(invalid="ignore"):  # inf * 0 inside the input: NaN, as depthwise
                tap = patches[:, :, :, i, j] * kernel[i, j]
            acc = np.where(inside[:, :, :, i, j], acc + tap, acc)
    return acc


def test_an_infinite_weight_does_not_reach_the_padding():
    """With an infinite weight, 0 * w at a padded tap would be NaN: such a
    kernel takes the path that skips padded taps (shapes that run numpy's
    einsum, one tap, channel or output, keep its NaN)."""
    rng = np.random.default_rng(5)
    for _ in range(50):
        shape, m, k, s, d, pads, out_hw = _case(rng)
        if k[0] * k[1] == 1 or shape[3] * m == 1 or shape[0] * out_hw[0] * out_hw[1] == 1:
            continue
        x = rng.normal(size=shape).astype(np.float32)
        kernel = rng.normal(size=k + (shape[3] * m,)).astype(np.float32)
        kernel[tuple(int(rng.integers(0, n)) for n in kernel.shape)] = np.inf
        want = _skipping_padding(x, kernel, m, s, d, pads, out_hw)
        got = depthwise(x, kernel, m, s, d, pads, out_hw)
        assert np.array_equal(got, want, equal_nan=True), (shape, m, k, s, d, pads)
