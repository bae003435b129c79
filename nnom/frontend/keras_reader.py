"""Read a Keras model without TensorFlow: `load_keras(source) -> KerasGraph`.

Reads Keras 2 `.h5`, Keras 3 `.h5` and Keras 3 `.keras` files with h5py,
json and zipfile only; the format is told by the file's content, not its
name. A live `keras.Model` is saved to a temporary `.keras` file by its own
`save()` method and read back, so nothing here imports Keras or TensorFlow.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import h5py

from ..errors import ModelFileError
from .keras_config import build_graph
from .keras_graph import KerasGraph
from .keras_h5 import SAVE_WHOLE_MODEL, ModelFile, read_legacy_h5
from .keras_zip import read_keras_zip

__all__ = ["load_keras"]


def load_keras(source: str | os.PathLike[str] | Any) -> KerasGraph:
    """The model in `source`: a path to a `.h5`/`.keras` file, or a keras.Model.

    Raises ModelFileError with a one-line, actionable message when the file
    cannot be read as a whole Keras model.
    """
    if isinstance(source, (str, os.PathLike)):
        return build_graph(read_model_file(os.fspath(source)))
    if hasattr(source, "save") and hasattr(source, "get_config"):
        return _load_live_model(source)
    raise ModelFileError(
        f"cannot read a Keras model from a {type(source).__name__}; "
        "give a path to a .keras/.h5 file or a keras.Model"
    )


def read_model_file(path: str) -> ModelFile:
    if not os.path.exists(path):
        raise ModelFileError(f"{path}: no such file")
    if os.path.isdir(path):
        raise ModelFileError(
            f"{path} is a directory (a TensorFlow SavedModel?), not a Keras file; "
            f"{SAVE_WHOLE_MODEL}"
        )
    try:
        is_hdf5 = h5py.is_hdf5(path)
        is_zip = not is_hdf5 and zipfile.is_zipfile(path)
    except OSError as e:
        raise ModelFileError(f"{path}: cannot read the file ({e.strerror or e})") from e
    if is_hdf5:
        return read_legacy_h5(path)
    if is_zip:
        return read_keras_zip(path)
    raise ModelFileError(
        f"{path} is neither an HDF5 (.h5) nor a zip (.keras) file, so not a Keras model; "
        f"{SAVE_WHOLE_MODEL}"
    )


def _load_live_model(model: Any) -> KerasGraph:
    with tempfile.TemporaryDirectory(prefix="nnom-") as tmp:
        path = str(Path(tmp) / "model.keras")
        try:
            model.save(path)
        except Exception as e:  # whatever Keras raises for an unsaveable model
            raise ModelFileError(f"Keras could not save the model ({type(e).__name__}: {e})") from e
        return build_graph(read_model_file(path))
