"""A Keras model as read from its file: layers, weights and connections.

This is the frontend's output and knows nothing of NNoM's IR. Every format
(Keras 2 .h5, Keras 3 .h5, Keras 3 .keras, a live keras.Model) reads into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class TensorRef:
    """Output `index` of call `node` of layer `layer` (Keras' keras_history)."""

    layer: str
    node: int = 0
    index: int = 0


@dataclass
class KerasLayer:
    name: str  # unique; layers of nested models are named "outer/inner"
    class_name: str  # Keras class, e.g. "Conv2D"; never inferred from the name
    config: dict  # the layer's own config dict as stored in the file
    weights: list[np.ndarray] = field(default_factory=list)  # Keras' weight order
    # One entry per call of the layer; each lists the tensors it was called on.
    inbound: list[list[TensorRef]] = field(default_factory=list)
    # Python module of the class in Keras 3 files; "keras.src.ops..." marks a
    # keras.ops call (e.g. `x + y` is class "Add" there), not a layer.
    module: str = ""


@dataclass
class KerasGraph:
    name: str
    keras_version: str
    layers: list[KerasLayer]  # InputLayers included, in a topological order
    inputs: list[TensorRef]
    outputs: list[TensorRef]

    def layer(self, name: str) -> KerasLayer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)
