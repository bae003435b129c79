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
    from threadpoolctl import threadpool_limits
except ImportError:
    threadpool_limits = None

# a batch size for callers when the BLAS keeps its threads
LARGE_BATCH = 128


def limited() -> bool:
    return threadpool_limits is not None


def one_thread() -> contextlib.AbstractContextManager:
    if threadpool_limits is None:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")
