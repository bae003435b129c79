"""Read a Keras 3 `.keras` archive: `config.json`, `metadata.json` and
`model.weights.h5` in a zip file."""

from __future__ import annotations

import io
import json
import zipfile

import h5py

from ..errors import ModelFileError
from .keras_h5 import SAVE_WHOLE_MODEL, ModelFile, read_var_groups
from .keras_weights import EmptyScope, KerasV3Scope, WeightScope


def read_keras_zip(path: str) -> ModelFile:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "config.json" not in names:
                raise ModelFileError(
                    f"{path} is a zip file but not a Keras model (no config.json); "
                    f"{SAVE_WHOLE_MODEL}"
                )
            config = json.loads(archive.read("config.json"))
            version = ""
            if "metadata.json" in names:
                version = str(json.loads(archive.read("metadata.json")).get("keras_version", ""))
            weights: WeightScope = EmptyScope()
            if "model.weights.h5" in names:
                data = io.BytesIO(archive.read("model.weights.h5"))
                with h5py.File(data, "r") as f:
                    weights = KerasV3Scope(read_var_groups(f))
            elif any(n.startswith("model.weights") for n in names):
                raise ModelFileError(
                    f"{path}: weights are not in model.weights.h5 (sharded or npz weights "
                    "are not supported); save with model.save('model.keras')"
                )
    except ModelFileError:
        raise
    except (OSError, AttributeError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as e:
        raise ModelFileError(f"{path}: damaged or unexpected .keras file ({e})") from e
    if not isinstance(config, dict):
        raise ModelFileError(f"{path}: config.json is not a Keras model config")
    return ModelFile(config, version, weights)
