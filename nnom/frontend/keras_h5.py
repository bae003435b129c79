"""Read HDF5 Keras files: legacy whole-model `.h5` (Keras 2 and 3) and the
`model.weights.h5` found inside a `.keras` archive."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import h5py

from ..errors import ModelFileError
from .keras_weights import LegacyRoot, VarGroup, WeightScope, as_float32
from .safe_h5 import WeightBudget, bounded_memory, read_attr, read_dataset

SAVE_WHOLE_MODEL = "save the whole model with model.save('model.keras')"


@dataclass
class ModelFile:
    """What a Keras file holds, before it becomes a KerasGraph."""

    config: Any  # the model's config: {"class_name": ..., "config": ...}
    keras_version: str
    weights: WeightScope


def text(value: Any) -> str:
    """An HDF5 attribute or JSON value as str (h5py may return bytes)."""
    if hasattr(value, "decode"):
        return value.decode("utf-8")
    return str(value)


def attr_list(attrs: h5py.AttributeManager, name: str) -> list[str]:
    """A list attribute; Keras splits big ones into `name0`, `name1`, ..."""
    if name in attrs:
        return [text(x) for x in read_attr(attrs, name)]
    out: list[str] = []
    chunk = 0
    while f"{name}{chunk}" in attrs:
        out += [text(x) for x in read_attr(attrs, f"{name}{chunk}")]
        chunk += 1
    return out


def read_legacy_h5(path: str) -> ModelFile:
    budget = WeightBudget()
    try:
        with bounded_memory(), h5py.File(path, "r") as f:
            if "model_config" not in f.attrs:
                raise ModelFileError(_no_config(f, path))
            config = json.loads(text(read_attr(f.attrs, "model_config")))
            version = (
                text(read_attr(f.attrs, "keras_version")) if "keras_version" in f.attrs else ""
            )
            group = f["model_weights"] if "model_weights" in f else f
            layers = {
                name: [
                    (weight, as_float32(read_dataset(group[name][weight], budget)))
                    for weight in attr_list(group[name].attrs, "weight_names")
                ]
                for name in attr_list(group.attrs, "layer_names")
                if name in group
            }
    except ModelFileError:
        raise
    except Exception as e:  # h5py raises anything from RuntimeError to IndexError on damage
        raise ModelFileError(
            f"{path}: damaged or unexpected Keras .h5 file ({type(e).__name__}: {e})"
        ) from None
    if not isinstance(config, (dict, list)):
        raise ModelFileError(f"{path}: 'model_config' is not a Keras model config")
    return ModelFile(config, version, LegacyRoot(layers))


def _no_config(f: h5py.File, path: str) -> str:
    if "layer_names" in f.attrs or "layers" in f or "vars" in f:
        return f"{path} holds only weights, no model architecture; {SAVE_WHOLE_MODEL}"
    return f"{path} is an HDF5 file but not a Keras model (no 'model_config'); {SAVE_WHOLE_MODEL}"


def read_var_groups(f: h5py.File) -> VarGroup:
    """The tree of a `model.weights.h5` file (Keras 3), read into memory."""
    budget = WeightBudget()

    def visit(group: h5py.Group) -> VarGroup:
        node = VarGroup()
        for key, item in group.items():
            if key == "vars" and isinstance(item, h5py.Group):
                node.saveable = True
                name = read_attr(item.attrs, "name") if "name" in item.attrs else None
                node.name = None if name is None else text(name)
                datasets = sorted(item.items(), key=lambda kv: int(kv[0]))
                node.vars = [
                    as_float32(read_dataset(d, budget), _dtype_attr(d)) for _, d in datasets
                ]
            elif isinstance(item, h5py.Group):
                node.groups[key] = visit(item)
        return node

    return visit(f)


def _dtype_attr(dataset: h5py.Dataset) -> str | None:
    if "dtype" not in dataset.attrs:
        return None
    return text(read_attr(dataset.attrs, "dtype"))
