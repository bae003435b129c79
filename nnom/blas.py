"""The BLAS on one thread while the converter runs batches of small
products: with more, OpenBLAS's threads mostly wait for each other (on a
busy 2-core machine, 2 threads took 6x the CPU time and 8x the wall time of
one on MobileNet's calibration, docs/benchmarks.md). threadpoolctl sets it;
PlatformIO's Python may hold only numpy and h5py (extra_script/
nnom_build.py), so without it the BLAS keeps its threads and the callers
keep large batches."""

from __future__ import annotations

import contextlib

try:
    from threadpoolctl import ThreadpoolController
except ImportError:
    ThreadpoolController = None

# a batch size for callers when the BLAS keeps its threads
LARGE_BATCH = 128

# made once: finding the loaded libraries takes ~2 ms, setting a limit little
_controller = None


def limited() -> bool:
    return ThreadpoolController is not None


def one_thread() -> contextlib.AbstractContextManager:
    global _controller
    if ThreadpoolController is None:
        return contextlib.nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
