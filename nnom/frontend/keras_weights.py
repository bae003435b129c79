"""Where a layer's weights are in a Keras file, for both file layouts.

A *scope* stands for one layer (or one model) of the file. The graph builder
asks the model's scope for the scopes of its layers, passing their config
entries in `model.layers` order, then asks each layer's scope for its arrays.
Two layouts exist:

- legacy HDF5 (`model.save("m.h5")`, Keras 2 and 3): one group per top-level
  layer, holding that layer's weights in `weight_names` order. A nested model's
  group holds the weights of all its inner layers; they are shared out by the
  inner layer name found in each weight's path.
- `model.weights.h5` inside a `.keras` zip: one group per layer named from the
  class name plus a per-container counter (`conv2d`, `conv2d_1`, ...), the
  variables as datasets `vars/0`, `vars/1`, ... and sub-layers in sub-groups
  (`cell/`, `forward_layer/`, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..errors import ModelFileError


class WeightScope(Protocol):
    def arrays(self) -> list[np.ndarray]:
        """This layer's weights, in `layer.get_weights()` order."""
        ...

    def children(self, entries: list[dict]) -> list[WeightScope]:
        """Scopes of a model's layers; `entries` are their config entries in
        `model.layers` order (no Sequential InputLayer, no keras.ops nodes)."""
        ...


def as_float32(data: np.ndarray, dtype_attr: object = None) -> np.ndarray:
    """A stored weight as float32. bfloat16 is stored as opaque 16-bit words,
    marked by a `dtype` attribute in model.weights.h5, unmarked in legacy .h5."""
    if data.dtype.itemsize == 2 and (dtype_attr == "bfloat16" or data.dtype.kind == "V"):
        bits = data.view(np.uint16).astype(np.uint32) << 16
        return bits.view(np.float32)
    return np.asarray(data, dtype=np.float32)


def entry_name(entry: dict) -> str:
    return str(entry.get("name") or entry["config"]["name"])


class EmptyScope:
    """A layer with no weights stored (or no weights file at all)."""

    def arrays(self) -> list[np.ndarray]:
        return []

    def children(self, entries: list[dict]) -> list[WeightScope]:
        return [EmptyScope() for _ in entries]


# ---------------------------------------------------------------- legacy HDF5


@dataclass
class LegacyScope:
    """Named weights of one layer (or nested model) of a legacy .h5 file."""

    owner: str
    weights: list[tuple[str, np.ndarray]] = field(default_factory=list)

    def arrays(self) -> list[np.ndarray]:
        return [array for _, array in self.weights]

    def children(self, entries: list[dict]) -> list[WeightScope]:
        # The weights of a nested model: Keras 2 names them "<inner
        # layer>/<var>:0", Keras 3 "<model>/<inner layer>/<var>" (Sequential)
        # or "<inner layer>/<var>" (Functional). The inner layer is the first
        # path component naming one of the model's layers. Within one layer
        # the stored order is the layer's own order.
        # Keras 2 leaves out models nested deeper: "<innermost layer>/<var>:0".
        names = [entry_name(e) for e in entries]
        owned: dict[str, list[tuple[str, np.ndarray]]] = {n: [] for n in names}
        deeper = {inner: name for e, name in zip(entries, names) for inner in _inner_names(e)}
        for weight_name, array in self.weights:
            parts = weight_name.split("/")[:-1]
            owner = next((p for p in parts if p in owned), None)
            owner = owner or next((deeper[p] for p in parts if p in deeper), None)
            if owner is None:
                raise ModelFileError(
                    f"cannot tell which layer of nested model '{self.owner}' owns weight "
                    f"'{weight_name}'; save the model as .keras instead"
                )
            owned[owner].append((weight_name, array))
        return [LegacyScope(n, owned[n]) for n in names]


def _inner_names(entry: dict) -> list[str]:
    """Names of all layers inside a nested model entry (none for a layer)."""
    config = entry.get("config")
    layers = config if isinstance(config, list) else (config or {}).get("layers")
    if not isinstance(layers, list):
        return []
    return [n for e in layers for n in [entry_name(e), *_inner_names(e)]]


@dataclass
class LegacyRoot:
    """The `model_weights` group of a legacy .h5 file: weights by layer name."""

    layers: dict[str, list[tuple[str, np.ndarray]]]

    def arrays(self) -> list[np.ndarray]:
        return []

    def children(self, entries: list[dict]) -> list[WeightScope]:
        return [LegacyScope(n, self.layers.get(n, [])) for n in map(entry_name, entries)]


# ------------------------------------------------------ .keras model.weights.h5


@dataclass
class VarGroup:
    """One group of `model.weights.h5`: its own variables and sub-groups."""

    saveable: bool = False  # has a `vars/` group: a layer, not a list of layers
    vars: list[np.ndarray] = field(default_factory=list)
    name: str | None = None  # attr `name` of `vars/` (recent Keras 3): the layer's name
    groups: dict[str, VarGroup] = field(default_factory=dict)


# Sub-layers whose weights `get_weights()` lists after the layer's own, in
# `layer._layers` order (the file does not record that order). Other sub-groups
# follow in name order; seed generators hold random state, not weights.
_SUBLAYER_ORDER = (
    "cell",
    "cells",
    "forward_layer",
    "backward_layer",
    "layer",
    "query_dense",  # MultiHeadAttention
    "key_dense",
    "value_dense",
    "output_dense",
)
_NOT_WEIGHTS = re.compile(r"seed_generator")


def snake_case(class_name: str) -> str:
    """Keras' `naming.to_snake_case`, which names the groups of a container."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _group_order(name: str) -> tuple[int, str]:
    rank = _SUBLAYER_ORDER.index(name) if name in _SUBLAYER_ORDER else len(_SUBLAYER_ORDER)
    private = name.startswith("_") and rank == len(_SUBLAYER_ORDER)
    return (rank + private, name)


def _cell_keys(config) -> list[str]:
    """Group keys of the cells of a StackedRNNCells in the config, in order.

    The weights file names them by class and counter (lstm_cell, gru_cell,
    lstm_cell_1, ...); sorting those names would lose the stacking order.
    """
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            cells = node.get("cells")
            if isinstance(cells, list) and cells and not found:
                used: dict[str, int] = {}
                for cell in cells:
                    base = snake_case(str(cell.get("class_name", "")))
                    used[base] = used.get(base, -1) + 1
                    found.append(base if used[base] == 0 else f"{base}_{used[base]}")
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config)
    return found


@dataclass
class KerasV3Scope:
    group: VarGroup
    item_order: list[str] = field(default_factory=list)  # see _cell_keys

    def _items(self, container: VarGroup) -> list[str]:
        if self.item_order and set(self.item_order) == set(container.groups):
            return list(self.item_order)
        return sorted(container.groups, key=_counter_order)

    def arrays(self) -> list[np.ndarray]:
        out = list(self.group.vars)
        for name in sorted(self.group.groups, key=_group_order):
            if _NOT_WEIGHTS.search(name):
                continue
            sub = self.group.groups[name]
            if not sub.saveable:
                # a container: its items in the config's order, or counter order
                for item in self._items(sub):
                    out += KerasV3Scope(sub.groups[item], self.item_order).arrays()
            else:
                out += KerasV3Scope(sub, self.item_order).arrays()
        return out

    def children(self, entries: list[dict]) -> list[WeightScope]:
        container = self.group.groups.get("layers", VarGroup())
        used: dict[str, int] = {}
        scopes: list[WeightScope] = []
        for entry in entries:
            base = snake_case(str(entry["class_name"]))
            count = used.get(base, -1) + 1
            used[base] = count
            key = base if count == 0 else f"{base}_{count}"
            group = container.groups.get(key)
            wanted = entry_name(entry)
            if group is None or (group.name is not None and group.name != wanted):
                # recent Keras 3 also records the layer's name: trust it over the counter
                group = next((g for g in container.groups.values() if g.name == wanted), group)
            order = _cell_keys(entry.get("config"))
            scopes.append(KerasV3Scope(group, order) if group is not None else EmptyScope())
        return scopes


def _counter_order(key: str) -> tuple[str, int]:
    match = re.fullmatch(r"(.*?)(?:_(\d+))?", key)
    assert match is not None
    return (match.group(1), int(match.group(2) or 0))
