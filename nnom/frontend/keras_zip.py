"""Read a Keras 3 `.keras` archive: `config.json`, `metadata.json` and
`model.weights.h5` in a zip file."""

from __future__ import annotations

import io
import json
import zipfile

import h5py

from ..errors import ModelFileError
from ..limits import MAX_CONFIG_BYTES, MAX_WEIGHT_BYTES
from .keras_h5 import SAVE_WHOLE_MODEL, ModelFile, read_var_groups
from .keras_weights import EmptyScope, KerasV3Scope, WeightScope
from .safe_h5 import bounded_memory


def read_keras_zip(path: str) -> ModelFile:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "config.json" not in names:
                raise ModelFileError(
                    f"{path} is a zip file but not a Keras model (no config.json); "
                    f"{SAVE_WHOLE_MODEL}"
                )
            config = json.loads(_read(archive, "config.json", MAX_CONFIG_BYTES))
            version = ""
            if "metadata.json" in names:
                meta = json.loads(_read(archive, "metadata.json", MAX_CONFIG_BYTES))
                version = str(meta.get("keras_version", "")) if isinstance(meta, dict) else ""
            weights: WeightScope = EmptyScope()
            if "model.weights.h5" in names:
                data = io.BytesIO(_read(archive, "model.weights.h5", MAX_WEIGHT_BYTES))
                with bounded_memory(), h5py.File(data, "r") as f:
                    weights = KerasV3Scope(read_var_groups(f))
            elif any(n.startswith("model.weights") for n in names):
                raise ModelFileError(
                    f"{path}: weights are not in model.weights.h5 (sharded or npz weights "
                    "are not supported); save with model.save('model.keras')"
                )
    except ModelFileError:
        raise
    except Exception as e:  # zipfile, json and h5py raise many kinds on damaged files
        raise ModelFileError(
            f"{path}: damaged or unexpected .keras file ({type(e).__name__}: {e})"
        ) from None
    if not isinstance(config, dict):
        raise ModelFileError(f"{path}: config.json is not a Keras model config")
    return ModelFile(config, version, weights)


def _read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member, refused before inflating if it declares more than `limit`
    bytes (a zip bomb). Read a MiB at a time: zipfile stops at the declared
    size (then checks the CRC), so memory stays bounded when the declaration
    lies; a single read() would inflate the whole stream first."""
    size = archive.getinfo(name).file_size
    if size > limit:
        raise ModelFileError(
            f"{archive.filename}: {name} would inflate to {size} bytes, over {limit}; "
            "the file is damaged or not a microcontroller model"
        )
    data = bytearray()
    with archive.open(name) as member:
        while chunk := member.read(1 << 20):
            data += chunk
    return bytes(data)
