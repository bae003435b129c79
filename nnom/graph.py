"""NNoM's intermediate representation: one node per runtime layer.

Each node produces exactly one tensor, named after the node. Shapes are the
Keras shapes without the batch dimension (rank 1 to 3, channels last); the
runtime stores every tensor as HWC, see `hwc()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .activations import Activation


@dataclass(frozen=True)
class QParams:
    """Affine int8 quantisation: real = scale * (q - zero_point)."""

    scale: float  # a float32 value
    zero_point: int

    def quantize(self, x: np.ndarray) -> np.ndarray:
        """Round half away from zero in float32, as nnom_quantize() does in C."""
        v = np.asarray(x, dtype=np.float32) / np.float32(self.scale)
        r = np.trunc(v.astype(np.float64) + np.copysign(0.5, v))
        return np.clip(r + self.zero_point, -128, 127).astype(np.int8)

    def dequantize(self, q: np.ndarray) -> np.ndarray:
        return (np.asarray(q, dtype=np.float32) - self.zero_point) * np.float32(self.scale)


@dataclass
class Node:
    name: str
    op: str  # the name of its op (nnom/ops/)
    inputs: list[str] = field(default_factory=list)
    shape: tuple[int, ...] = ()  # output shape, Keras order, no batch
    attrs: dict = field(default_factory=dict)
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    act: Activation | None = None  # fused activation applied to the output
    source: str = ""  # Keras layer(s) this node came from, for messages
    source_class: str = ""
    # Set by quantisation:
    out_q: QParams | None = None  # the output tensor
    pre_q: QParams | None = None  # before a look-up-table activation tail
    q: Any = None  # integer parameters: the op's QuantParams dataclass (nnom/ops/)

    @property
    def hwc(self) -> tuple[int, int, int]:
        return hwc(self.shape)


def hwc(shape: tuple[int, ...]) -> tuple[int, int, int]:
    """The runtime's (H, W, C) view of a Keras shape."""
    if len(shape) == 1:
        return (1, 1, shape[0])
    if len(shape) == 2:
        return (1, shape[0], shape[1])
    if len(shape) == 3:
        return (shape[0], shape[1], shape[2])
    raise ValueError(f"rank {len(shape)} tensors are not supported")


def size_of(shape: tuple[int, ...]) -> int:
    return int(np.prod(shape, dtype=np.int64)) if shape else 0


@dataclass
class Graph:
    name: str
    nodes: list[Node]  # topological order
    inputs: list[str]
    outputs: list[str]

    def node(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    def consumers(self, name: str) -> list[Node]:
        return [n for n in self.nodes if name in n.inputs]

    def replace_uses(self, old: str, new: str) -> None:
        for node in self.nodes:
            node.inputs = [new if i == old else i for i in node.inputs]
        self.outputs = [new if o == old else o for o in self.outputs]

    def remove(self, name: str) -> None:
        self.nodes = [n for n in self.nodes if n.name != name]

    def bypass(self, node: Node) -> None:
        """Remove a one-input node, its readers reading its input instead."""
        self.replace_uses(node.name, node.inputs[0])
        self.remove(node.name)

    def sole_producer(self, node: Node) -> Node | None:
        """The node's producer when only `node` reads it and it is no model
        output, so that merging `node` into it changes nothing else; None
        when it has no activation tail yet to merge into."""
        prev = self.node(node.inputs[0])
        if prev.act is not None or prev.name in self.outputs or self.consumers(prev.name) != [node]:
            return None
        return prev

    def absorb(self, producer: Node, node: Node) -> None:
        """`node` is now computed by `producer`: remove it, keep its name in the source."""
        producer.source += f"+{node.source}"
        self.replace_uses(node.name, producer.name)
        self.remove(node.name)
