"""Work arrays kept between calls of the float executor's kernels, per
thread, for the length of a run (kept()).

A fresh array of a megabyte or more is fresh pages from the system, each
faulted in on first use, and glibc hands the pages back when such arrays
are freed: a calibration that allocates its work arrays per call spends a
third of its CPU time in page faults (DS-CNN, docs/benchmarks.md)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import numpy as np

_local = threading.local()


def array(name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """An array of `shape` on this thread's work buffer `name` (its
    contents are left over from an earlier call)."""
    dtype = np.dtype(dtype)
    size = int(np.prod(shape))
    held = _buffers()
    buffer = held.get((name, dtype))
    if buffer is None or buffer.size < size:
        buffer = held[name, dtype] = np.empty(size, dtype=dtype)
    return buffer[:size].reshape(shape)


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """The work buffers live until the end of the block (a run)."""
    try:
        yield
    finally:
        _buffers().clear()


def _buffers() -> dict:
    if not hasattr(_local, "buffers"):
        _local.buffers = {}
    return _local.buffers
