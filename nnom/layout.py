"""Feature-map layouts of the C runtime: HWC (default) and CHW.

A runtime built with NNOM_USING_CHW stores feature maps channel first in
its arena: an (h, w, c) tensor as C,H,W, a (steps, c) tensor as C,W, a
vector as itself. The user's input and output buffers keep Keras' order and
every output byte is the same as in HWC builds (the numpy reference), but
the arena differs: Input copies (transposing) where the orders differ,
Flatten/Reshape copy unless the bytes stay in place, and a few layers need
scratch (each op's chw_scratch, nnom/ops/). This module holds the layout
rules; nnom/memory.py plans with them, mirroring src/kernels/chw/nnom_chw.h
and the layers that use it.
"""

from __future__ import annotations

import numpy as np

from .graph import hwc

LAYOUTS = ("hwc", "chw")
ALIGN = 4


def align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def check(layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout '{layout}' is not known; use one of {', '.join(LAYOUTS)}")
    return layout


def same_order(shape: tuple[int, ...]) -> bool:
    """HWC and CHW storage coincide: one channel, or one position
    (nnom_chw_same_order)."""
    h, w, c = hwc(shape)
    return c == 1 or h * w == 1


def reshape_is_view(in_shape: tuple[int, ...], out_shape: tuple[int, ...]) -> bool:
    """A Keras reshape from in_shape to out_shape moves no byte in CHW: the
    same channels over the same number of positions, or both shapes in the
    same order in either layout (nnom_chw_reshape_is_view)."""
    ih, iw, ic = hwc(in_shape)
    oh, ow, oc = hwc(out_shape)
    if ic == oc and ih * iw == oh * ow:
        return True
    return same_order(in_shape) and same_order(out_shape)


def to_chw(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A batch in Keras' order -> the flat CHW bytes of each sample."""
    h, w, c = hwc(shape)
    return np.asarray(x).reshape(-1, h, w, c).transpose(0, 3, 1, 2).reshape(len(x), -1)


def from_chw(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Flat CHW bytes of each sample -> the batch in Keras' order."""
    h, w, c = hwc(shape)
    return np.asarray(x).reshape(-1, c, h, w).transpose(0, 2, 3, 1).reshape((-1,) + shape)
