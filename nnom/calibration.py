"""Calibration data: arrays, .npy files, or .npz files with one array."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

import numpy as np

from .errors import CalibrationError
from .limits import MAX_CALIBRATION_BYTES, MAX_RANK


def load_calibration(path: str | Path) -> np.ndarray:
    """The array in a .npy file, or in an .npz holding one array. The
    declared shape and type are checked before the data is read."""
    path = Path(path)
    if not path.is_file():
        raise CalibrationError(f"calibration file '{path}' does not exist")
    try:
        if zipfile.is_zipfile(path):
            return _load_npz(path)
        with open(path, "rb") as f:
            return _read_npy(f, path.stat().st_size, str(path))
    except CalibrationError:
        raise
    except Exception as err:  # numpy and zipfile raise many kinds on damaged files
        raise CalibrationError(
            f"cannot read calibration file '{path}' as .npy/.npz ({type(err).__name__}: {err}); "
            "save it with numpy.save"
        ) from None


def _load_npz(path: Path) -> np.ndarray:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".npy")]
        if len(names) != 1:
            shown = ", ".join(n[:-4] for n in names)
            raise CalibrationError(
                f"'{path}' holds {len(names)} arrays ({shown}); "
                "give an .npz with exactly one array, or an .npy"
            )
        size = archive.getinfo(names[0]).file_size
        if size > MAX_CALIBRATION_BYTES:
            raise CalibrationError(_too_big(str(path), size))
        with archive.open(names[0]) as member:
            return _read_npy(io.BytesIO(member.read()), size, str(path))


def _read_npy(f: BinaryIO, file_size: int, name: str) -> np.ndarray:
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
    if dtype.hasobject or dtype.kind not in "fiub" or len(shape) > MAX_RANK:
        raise CalibrationError(
            f"calibration file '{name}' holds a {dtype} array of rank {len(shape)}; "
            "give real numbers, batch first"
        )
    nbytes = int(np.prod(shape, dtype=np.float64)) * dtype.itemsize
    if nbytes > MAX_CALIBRATION_BYTES:
        raise CalibrationError(_too_big(name, nbytes))
    if nbytes > file_size - f.tell():
        raise CalibrationError(
            f"calibration file '{name}' declares {shape} but is shorter: truncated or damaged"
        )
    data = np.frombuffer(f.read(nbytes), dtype=dtype)
    return data.reshape(shape, order="F" if fortran else "C")


def _too_big(name: str, nbytes: int) -> str:
    return (
        f"calibration file '{name}' declares {nbytes} bytes, over {MAX_CALIBRATION_BYTES}; "
        "a few hundred typical inputs are enough"
    )


def as_inputs(x, input_shapes: list[tuple[int, ...]]) -> list[np.ndarray]:
    """Calibration data as one float32 array per model input, batch first:
    float32 data itself, not a copy (callers only read it)."""
    arrays = list(x) if isinstance(x, (list, tuple)) else [x]
    if len(arrays) != len(input_shapes):
        raise CalibrationError(
            f"the model has {len(input_shapes)} inputs but {len(arrays)} calibration arrays "
            "were given; pass a list with one array per input"
        )
    out = []
    for k, (a, shape) in enumerate(zip(arrays, input_shapes)):
        a = np.asarray(a)
        if a.dtype.kind not in "fiub":
            raise CalibrationError(f"calibration data for input {k} is not numeric ({a.dtype})")
        with np.errstate(over="ignore"):  # float64 beyond float32 becomes inf: refused below
            a = batch_of(a, tuple(shape), f"calibration data for input {k}")
            a = a.astype(np.float32, copy=False)
        if a.shape[0] == 0:
            raise CalibrationError(f"calibration data for input {k} is empty")
        if not _all_finite(a):
            raise CalibrationError(f"calibration data for input {k} holds NaN or infinity")
        out.append(a)
    n0 = out[0].shape[0]
    if any(a.shape[0] != n0 for a in out):
        raise CalibrationError("calibration arrays for the inputs have different sample counts")
    return out


def _all_finite(a: np.ndarray) -> bool:
    """No NaN and no infinity: the minimum is NaN if any value is, -inf if
    any is, the maximum +inf if any is (two reads, no bool array)."""
    return bool(np.isfinite(a.min()) and np.isfinite(a.max()))


def batch_of(a: np.ndarray, shape: tuple[int, ...], what: str) -> np.ndarray:
    """`a` as a batch of samples of exactly `shape`. One sample without
    its batch axis is a batch of one, and a missing trailing channel axis of
    1 is added; a channels-first array or one whose samples merely have the
    same number of values is refused, not reshaped."""
    if a.shape == shape:
        a = a[np.newaxis]
    elif a.ndim == len(shape) and shape[-1] == 1 and a.shape[1:] == shape[:-1]:
        a = a[..., np.newaxis]
    if a.ndim != len(shape) + 1 or a.shape[1:] != shape:
        raise CalibrationError(
            f"{what} has shape {a.shape}; expected (N, {', '.join(map(str, shape))}): one "
            "sample per row in the model's input layout (channels last)"
        )
    return a
