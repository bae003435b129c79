"""Calibration data: arrays, .npy files, or .npz files with one array."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import CalibrationError


def load_calibration(path: str | Path) -> np.ndarray:
    path = Path(path)
    if not path.is_file():
        raise CalibrationError(f"calibration file '{path}' does not exist")
    try:
        data = np.load(path, allow_pickle=False)
    except (ValueError, OSError) as err:
        raise CalibrationError(
            f"cannot read calibration file '{path}' as .npy/.npz: {err}"
        ) from None
    if isinstance(data, np.lib.npyio.NpzFile):
        names = list(data.files)
        if len(names) != 1:
            raise CalibrationError(
                f"'{path}' holds {len(names)} arrays ({', '.join(names)}); "
                "give an .npz with exactly one array, or an .npy"
            )
        data = data[names[0]]
    return np.asarray(data)


def as_inputs(x, input_shapes: list[tuple[int, ...]]) -> list[np.ndarray]:
    """Calibration data as one float32 array per model input, batch first."""
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
        a = a.astype(np.float32)
        n = int(np.prod(shape))
        if a.ndim >= 1 and a.size % n == 0 and a.shape[-len(shape) :] == tuple(shape):
            a = a.reshape((-1,) + tuple(shape))
        elif a.ndim >= 1 and int(np.prod(a.shape[1:])) == n:
            a = a.reshape((a.shape[0],) + tuple(shape))
        else:
            raise CalibrationError(
                f"calibration data for input {k} has shape {a.shape}; expected (N, "
                f"{', '.join(map(str, shape))})"
            )
        if a.shape[0] == 0:
            raise CalibrationError(f"calibration data for input {k} is empty")
        if not np.all(np.isfinite(a)):
            raise CalibrationError(f"calibration data for input {k} holds NaN or infinity")
        out.append(a)
    n0 = out[0].shape[0]
    if any(a.shape[0] != n0 for a in out):
        raise CalibrationError("calibration arrays for the inputs have different sample counts")
    return out
