"""Bounded reads from HDF5 files: declared sizes are checked before reading.

A damaged or hostile file can declare a dataset of (1e6, 1e6) floats or an
attribute of millions of entries in a few bytes; h5py would try to allocate
them. Every read of the model readers goes through these functions, which
compare the declared size with limits.py first.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import h5py
import numpy as np

from ..errors import ModelFileError
from ..limits import MAX_CONFIG_BYTES, MAX_RANK, MAX_WEIGHT_BYTES

MAX_ATTR_ENTRIES = 1_000_000  # e.g. the names in `layer_names`
# address space the HDF5 library may add while reading one file
HDF5_HEADROOM_BYTES = MAX_WEIGHT_BYTES + 1024 * 2**20
NUMERIC_KINDS = "fiubV"  # V: bfloat16 stored as opaque 16-bit words


class WeightBudget:
    """The bytes of weights one model file may still read."""

    def __init__(self, limit: int = MAX_WEIGHT_BYTES) -> None:
        self.left = limit

    def take(self, nbytes: int, what: str) -> None:
        if nbytes > self.left:
            raise ModelFileError(
                f"{what} declares {nbytes} bytes, more weights than any model NNoM can "
                f"deploy ({MAX_WEIGHT_BYTES} bytes in all); the file is damaged or not "
                "a microcontroller model"
            )
        self.left -= nbytes


def read_attr(attrs: h5py.AttributeManager, name: str) -> Any:
    """An attribute's value, after checking its declared size."""
    aid = attrs.get_id(name)
    shape = aid.shape or ()
    entries = int(np.prod(shape, dtype=np.float64)) if shape else 1
    if entries > MAX_ATTR_ENTRIES or _storage_size(aid) > MAX_CONFIG_BYTES:
        raise ModelFileError(f"attribute '{name}' declares {entries} entries; the file is damaged")
    return attrs[name]


def read_dataset(ds: h5py.Dataset, budget: WeightBudget) -> np.ndarray:
    """A weight array, after checking its rank, type and declared size."""
    if not isinstance(ds, h5py.Dataset):
        raise ModelFileError(f"weight '{ds.name}' is not a dataset; the file is damaged")
    if ds.ndim > MAX_RANK:
        raise ModelFileError(f"weight '{ds.name}' has {ds.ndim} dimensions; the file is damaged")
    if ds.dtype.kind not in NUMERIC_KINDS or (ds.dtype.kind == "V" and ds.dtype.itemsize != 2):
        raise ModelFileError(
            f"weight '{ds.name}' holds {ds.dtype} values, not numbers; re-save the model "
            "from Keras with float weights"
        )
    nbytes = int(np.prod(ds.shape, dtype=np.float64)) * ds.dtype.itemsize
    budget.take(nbytes, f"weight '{ds.name}' of shape {ds.shape}")
    return np.asarray(ds)


def _storage_size(aid: h5py.h5a.AttrID) -> int:
    try:
        return int(aid.get_storage_size())
    except RuntimeError:  # h5py raises for an attribute that stores nothing
        return 0


@contextlib.contextmanager
def bounded_memory() -> Iterator[None]:
    """While the HDF5 library reads a file, cap the address space: a damaged
    heap header can make it allocate gigabytes before it finds the damage
    (seen: 4 GB and 9 s for a 19 KB file). The cap fails that allocation, so
    h5py raises an error instead. Only where RLIMIT_AS is unlimited (Linux)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        yield
        return
    if soft != resource.RLIM_INFINITY:
        yield
        return
    cap = used + HDF5_HEADROOM_BYTES
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
