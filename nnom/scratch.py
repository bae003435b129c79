"""Work arrays kept between calls of the float executor's kernels, per
thread, for the length of a run (kept()).

A fresh array of a megabyte or more is fresh pages from the system, each
faulted in on first use, and glibc hands the pages back when such arrays
are freed: DS-CNN's calibration spent a third of its CPU time in page
faults (docs/benchmarks.md)."""

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


# glibc's malloc serves a block above its threshold (128 KB at first)
# from fresh pages and hands them back when it is freed; freeing such a
# block raises the threshold to its size, up to 32 MB. One block just
# under that, never touched (no page is faulted in) and freed at once,
# keeps a run's arrays in the heap: MobileNet's int8 reference over 1,000
# samples 855,000 -> 36,000 page faults (2.2 s of system time). Elsewhere
# it is a short-lived allocation and nothing more.
_THRESHOLD_BLOCK = (32 << 20) - (64 << 10)


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """The work buffers live until the end of the block (a run)."""
    _raise_malloc_threshold()
    try:
        yield
    finally:
        _buffers().clear()


_threshold_raised = False


def _raise_malloc_threshold() -> None:
    global _threshold_raised
    if not _threshold_raised:
        block = np.empty(_THRESHOLD_BLOCK, dtype=np.uint8)
        del block
        _threshold_raised = True


def _buffers() -> dict:
    if not hasattr(_local, "buffers"):
        _local.buffers = {}
    return _local.buffers
