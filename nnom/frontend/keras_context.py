"""What a Keras layer handler (in nnom/ops/) sees: its layer, its input nodes
and a node factory; plus the config helpers several handlers share."""

from __future__ import annotations

import numpy as np

from .. import activations
from ..activations import Activation
from ..errors import UnsupportedLayerError
from ..geometry import window_output
from ..graph import Node
from .keras_graph import KerasLayer


class KerasContext:
    """One call of one Keras layer being mapped to nodes."""

    lambdas: dict | None = None  # convert(..., lambdas=...): Lambda name -> function

    def __init__(self, layer: KerasLayer, inputs: list[Node], keras_major: int, name: str):
        self.layer = layer
        self.cfg = layer.config
        self.inputs = inputs
        self.keras_major = keras_major
        self.name = name
        self.new_nodes: list[Node] = []

    def fail(self, what: str) -> UnsupportedLayerError:
        return UnsupportedLayerError(self.layer.name, self.layer.class_name, what)

    def node(self, op: str, shape: tuple[int, ...], inputs: list[str] | None = None, **kw) -> Node:
        if any(d <= 0 for d in shape):
            raise self.fail(
                f"its output shape would be {shape}; the input is too small for this layer"
            )
        name = self.name if not self.new_nodes else f"{self.name}__{len(self.new_nodes)}"
        node = Node(
            name=name,
            op=op,
            inputs=inputs if inputs is not None else [n.name for n in self.inputs],
            shape=tuple(int(d) for d in shape),
            source=self.layer.name,
            source_class=self.layer.class_name,
            **kw,
        )
        self.new_nodes.append(node)
        return node

    @property
    def x(self) -> Node:
        if len(self.inputs) != 1:
            raise self.fail(f"expects one input, got {len(self.inputs)}")
        return self.inputs[0]

    def activation(self, key: str = "activation") -> Activation | None:
        value = self.cfg.get(key, "linear")
        if value is None:
            return None
        if isinstance(value, dict):  # Keras 3 may serialise {"config": "relu", ...}
            inner = value.get("config")
            value = inner if isinstance(inner, str) else value.get("class_name", "?")
        return activations.from_keras(
            str(value), self.keras_major, self.layer.name, self.layer.class_name
        )

    def check_channels_last(self) -> None:
        fmt = self.cfg.get("data_format") or "channels_last"
        if fmt != "channels_last":
            raise self.fail(
                f"data_format '{fmt}' is not supported; build the model with channels_last"
            )

    def rank(self) -> int:
        """1 for the 1D variant of a layer class, else 2; checks the input rank."""
        rank = 1 if "1D" in self.layer.class_name else 2
        if len(self.x.shape) != rank + 1:
            raise self.fail(
                f"needs a rank-{rank + 1} input (batch excluded), got shape {self.x.shape}"
            )
        return rank

    def window(self, rank: int, kh: int, kw: int) -> tuple[dict, int, int]:
        """attrs of a sliding window (strides, dilation, padding) and the output size."""
        cfg = self.cfg
        if rank == 1:
            strides = (1,) + pair(cfg.get("strides", 1), 1)
            dil = (1,) + pair(cfg.get("dilation_rate", 1), 1)
        else:
            strides = pair(cfg.get("strides", 1), 2)
            dil = pair(cfg.get("dilation_rate", 1), 2)
        padding = str(cfg.get("padding", "valid")).lower()
        allowed = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
        if padding not in allowed:
            raise self.fail(f"padding '{padding}' is not supported ({', '.join(allowed)})")
        if min(strides) < 1 or min(dil) < 1:
            raise self.fail(f"strides {strides} and dilation {dil} must be positive")
        h, w, _ = as_2d(self.x.shape, self)
        oh, pt, pb = window_output(h, kh, strides[0], dil[0], "valid" if rank == 1 else padding)
        ow, pl, pr = window_output(w, kw, strides[1], dil[1], padding)
        attrs = {
            "kernel": (kh, kw),
            "strides": strides,
            "dilation": dil,
            "pads": (pt, pb, pl, pr),
            "padding": padding,
        }
        return attrs, oh, ow

    def bias(self, weights: list[np.ndarray], n: int) -> np.ndarray:
        """The layer's bias (the first of `weights`), or zeros with use_bias=False."""
        if self.cfg.get("use_bias", True):
            return weights[0].astype(np.float32).reshape(n)
        return np.zeros(n, np.float32)


def pair(value, rank: int) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(int(v) for v in value)
    return (int(value),) * rank


def as_2d(shape: tuple[int, ...], ctx: KerasContext) -> tuple[int, int, int]:
    if len(shape) == 3:
        return shape  # type: ignore[return-value]
    if len(shape) == 2:
        return (1, shape[0], shape[1])
    raise ctx.fail(f"needs a 1D or 2D feature map input, got shape {shape}")


def last_axis(ctx: KerasContext, what: str) -> None:
    """Fail unless the layer's `axis` is the last one (softmax, batchnorm)."""
    axis = ctx.cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    if axis not in (-1, len(ctx.x.shape)):
        raise ctx.fail(what.format(axis=axis))
