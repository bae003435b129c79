"""Keras layers -> NNoM graph nodes, by class name, with shape inference.

Every layer is recognised by its Keras class, never by its name. Anything
not handled here is reported with the layer's name, class and the list of
supported classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from .. import activations, limits
from ..errors import NnomError, UnsupportedLayerError
from ..geometry import window_output
from ..graph import Activation, Graph, Node
from ..guard import ODD_VALUE_ERRORS
from .keras_graph import KerasGraph, KerasLayer, TensorRef
from .layer_checks import check_config, check_node

# Layers that do nothing at inference.
_NO_OPS = {
    "Dropout",
    "SpatialDropout1D",
    "SpatialDropout2D",
    "GaussianNoise",
    "GaussianDropout",
    "AlphaDropout",
    "ActivityRegularization",
}


class _Ctx:
    """What a layer handler sees: its layer, input nodes and a node factory."""

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


def _pair(value, rank: int) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(int(v) for v in value)
    return (int(value),) * rank


def _as_2d(shape: tuple[int, ...], ctx: _Ctx) -> tuple[int, int, int]:
    if len(shape) == 3:
        return shape  # type: ignore[return-value]
    if len(shape) == 2:
        return (1, shape[0], shape[1])
    raise ctx.fail(f"needs a 1D or 2D feature map input, got shape {shape}")


# --- handlers: one per Keras class ---------------------------------------


def _input(ctx: _Ctx) -> None:
    cfg = ctx.cfg
    shape = cfg.get("batch_shape") or cfg.get("batch_input_shape")
    if shape is None:
        raise ctx.fail("the input shape is not stored in the file")
    dims = tuple(shape[1:])
    if not dims or any(d is None for d in dims):
        raise ctx.fail(
            f"input shape {tuple(shape)} has unknown dimensions; build the model with a fixed "
            "input shape, e.g. keras.Input(shape=(28, 28, 1))"
        )
    if len(dims) > 3:
        raise ctx.fail(f"input rank {len(dims)} is not supported (at most 3: H, W, C)")
    ctx.node("input", tuple(int(d) for d in dims), inputs=[])


def _conv(ctx: _Ctx) -> None:
    ctx.check_channels_last()
    rank = 1 if ctx.layer.class_name == "Conv1D" else 2
    cfg = ctx.cfg
    if int(cfg.get("groups", 1) or 1) != 1:
        raise ctx.fail("grouped convolution (groups > 1) is not supported")
    kernel = ctx.layer.weights[0].astype(np.float32)
    bias = ctx.layer.weights[1] if cfg.get("use_bias", True) else None
    if rank == 1:
        kernel = kernel[np.newaxis]  # (1, k, in, out)
    h, w, c = _as_2d(ctx.x.shape, ctx)
    if rank == 1 and len(ctx.x.shape) != 2:
        raise ctx.fail(f"Conv1D needs a (steps, channels) input, got {ctx.x.shape}")
    if rank == 2 and len(ctx.x.shape) != 3:
        raise ctx.fail(f"Conv2D needs a (height, width, channels) input, got {ctx.x.shape}")
    kh, kw, cin, cout = kernel.shape
    if cin != c:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {c}")
    strides = (1,) + _pair(cfg.get("strides", 1), 1) if rank == 1 else _pair(cfg["strides"], 2)
    dil = (
        (1,) + _pair(cfg.get("dilation_rate", 1), 1)
        if rank == 1
        else _pair(cfg.get("dilation_rate", 1), 2)
    )
    padding = str(cfg.get("padding", "valid")).lower()
    if padding not in ("valid", "same", "causal"):
        raise ctx.fail(f"padding '{padding}' is not supported (valid, same, causal)")
    oh, pt, pb = window_output(h, kh, strides[0], dil[0], "valid" if rank == 1 else padding)
    ow, pl, pr = window_output(w, kw, strides[1], dil[1], padding)
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        "conv2d",
        shape,
        attrs={
            "kernel": (kh, kw),
            "strides": strides,
            "dilation": dil,
            "pads": (pt, pb, pl, pr),
            "padding": padding,
        },
        weights={
            "kernel": kernel,
            "bias": np.zeros(cout, np.float32) if bias is None else bias.astype(np.float32),
        },
        act=ctx.activation(),
    )


def _dense(ctx: _Ctx) -> None:
    kernel = ctx.layer.weights[0].astype(np.float32)  # (in, out)
    bias = ctx.layer.weights[1] if ctx.cfg.get("use_bias", True) else None
    units = kernel.shape[1]
    bias = np.zeros(units, np.float32) if bias is None else bias.astype(np.float32)
    shape = ctx.x.shape
    if shape[-1] != kernel.shape[0]:
        raise ctx.fail(f"kernel expects {kernel.shape[0]} inputs, the input has {shape[-1]}")
    act = ctx.activation()
    if len(shape) == 1:
        ctx.node("dense", (units,), weights={"kernel": kernel, "bias": bias}, act=act)
        return
    # Dense on a feature map acts on the last axis: a 1x1 convolution.
    ctx.node(
        "conv2d",
        shape[:-1] + (units,),
        attrs={
            "kernel": (1, 1),
            "strides": (1, 1),
            "dilation": (1, 1),
            "pads": (0, 0, 0, 0),
            "padding": "valid",
        },
        weights={"kernel": kernel[np.newaxis, np.newaxis], "bias": bias},
        act=act,
    )


def _pool(ctx: _Ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    op = "maxpool" if cls.startswith("Max") else "avgpool"
    cfg = ctx.cfg
    pool = _pair(cfg.get("pool_size", 2), rank)
    strides = cfg.get("strides")
    strides = pool if strides is None else _pair(strides, rank)
    if rank == 1:
        pool, strides = (1,) + pool, (1,) + strides
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    h, w, c = _as_2d(ctx.x.shape, ctx)
    padding = str(cfg.get("padding", "valid")).lower()
    oh, pt, pb = window_output(h, pool[0], strides[0], 1, padding)
    ow, pl, pr = window_output(w, pool[1], strides[1], 1, padding)
    shape = (ow, c) if rank == 1 else (oh, ow, c)
    attrs = {"kernel": pool, "strides": strides, "pads": (pt, pb, pl, pr), "padding": padding}
    ctx.node(op, shape, attrs=attrs)


def _flatten(ctx: _Ctx) -> None:
    ctx.check_channels_last()
    ctx.node("flatten", (int(np.prod(ctx.x.shape)),))


def _reshape(ctx: _Ctx) -> None:
    target = [int(d) for d in ctx.cfg["target_shape"]]
    total = int(np.prod(ctx.x.shape))
    if -1 in target:
        known = int(np.prod([d for d in target if d != -1]))
        target[target.index(-1)] = total // known
    if int(np.prod(target)) != total or len(target) > 3:
        raise ctx.fail(f"cannot reshape {ctx.x.shape} to {tuple(target)}")
    ctx.node("reshape", tuple(target))


def _borders(value, rank: int) -> tuple[int, int, int, int]:
    """Keras padding/cropping config -> (top, bottom, left, right)."""
    if rank == 1:
        lr = _pair(value, 2) if not isinstance(value, int) else (value, value)
        return (0, 0, lr[0], lr[1])
    if isinstance(value, int):
        return (value,) * 4
    a, b = value
    th = _pair(a, 2) if not isinstance(a, int) else (a, a)
    tw = _pair(b, 2) if not isinstance(b, int) else (b, b)
    return (th[0], th[1], tw[0], tw[1])


def _pad_or_crop(ctx: _Ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    key = "padding" if cls.startswith("ZeroPadding") else "cropping"
    border = _borders(ctx.cfg.get(key, 1), rank)  # top, bottom, left, right
    h, w, c = _as_2d(ctx.x.shape, ctx)
    sign = 1 if key == "padding" else -1
    oh, ow = h + sign * (border[0] + border[1]), w + sign * (border[2] + border[3])
    shape = (ow, c) if rank == 1 else (oh, ow, c)
    ctx.node("zeropad" if key == "padding" else "cropping", shape, attrs={"border": border})


def _upsample(ctx: _Ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    interp = ctx.cfg.get("interpolation", "nearest")
    if interp != "nearest":
        raise ctx.fail(f"interpolation '{interp}' is not supported, only 'nearest'")
    size = (1, int(ctx.cfg.get("size", 2))) if rank == 1 else _pair(ctx.cfg.get("size", 2), 2)
    h, w, c = _as_2d(ctx.x.shape, ctx)
    shape = (w * size[1], c) if rank == 1 else (h * size[0], w * size[1], c)
    ctx.node("upsample", shape, attrs={"size": size})


def _activation_layer(ctx: _Ctx) -> None:
    act = ctx.activation()
    if act is None:
        ctx.node("identity", ctx.x.shape)
    elif act.kind == "softmax":
        ctx.node("softmax", ctx.x.shape)
    else:
        ctx.node("activation", ctx.x.shape, act=act)


def _relu(ctx: _Ctx) -> None:
    cfg = ctx.cfg
    params = {
        "max_value": None if cfg.get("max_value") is None else float(cfg["max_value"]),
        "negative_slope": float(cfg.get("negative_slope", 0.0) or 0.0),
        "threshold": float(cfg.get("threshold", 0.0) or 0.0),
    }
    ctx.node("activation", ctx.x.shape, act=Activation("relu", params))


def _leaky_relu(ctx: _Ctx) -> None:
    alpha = ctx.cfg.get("negative_slope", ctx.cfg.get("alpha", 0.3))
    ctx.node("activation", ctx.x.shape, act=Activation("leaky_relu", {"alpha": float(alpha)}))


def _elu(ctx: _Ctx) -> None:
    alpha = float(ctx.cfg.get("alpha", 1.0))
    ctx.node("activation", ctx.x.shape, act=Activation("elu", {"alpha": alpha}))


def _softmax(ctx: _Ctx) -> None:
    axis = ctx.cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    if axis not in (-1, len(ctx.x.shape)):
        raise ctx.fail(f"softmax over axis {axis} is not supported, only the last axis")
    ctx.node("softmax", ctx.x.shape)


def _batchnorm(ctx: _Ctx) -> None:
    cfg = ctx.cfg
    axis = cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    if axis not in (-1, len(ctx.x.shape)):
        raise ctx.fail(f"normalising over axis {axis} is not supported, only the channels")
    weights = list(ctx.layer.weights)
    c = ctx.x.shape[-1]
    gamma = weights.pop(0) if cfg.get("scale", True) else np.ones(c, np.float32)
    beta = weights.pop(0) if cfg.get("center", True) else np.zeros(c, np.float32)
    mean, var = weights[0], weights[1]
    ctx.node(
        "batchnorm",
        ctx.x.shape,
        attrs={"epsilon": float(cfg.get("epsilon", 1e-3))},
        weights={"gamma": gamma, "beta": beta, "mean": mean, "var": var},
    )


def _no_op(ctx: _Ctx) -> None:
    ctx.node("identity", ctx.x.shape)


HANDLERS: dict[str, Callable[[_Ctx], None]] = {
    "InputLayer": _input,
    "Conv1D": _conv,
    "Conv2D": _conv,
    "Dense": _dense,
    "MaxPooling1D": _pool,
    "MaxPooling2D": _pool,
    "MaxPool1D": _pool,
    "MaxPool2D": _pool,
    "AveragePooling1D": _pool,
    "AveragePooling2D": _pool,
    "AvgPool1D": _pool,
    "AvgPool2D": _pool,
    "Flatten": _flatten,
    "Reshape": _reshape,
    "ZeroPadding1D": _pad_or_crop,
    "ZeroPadding2D": _pad_or_crop,
    "Cropping1D": _pad_or_crop,
    "Cropping2D": _pad_or_crop,
    "UpSampling1D": _upsample,
    "UpSampling2D": _upsample,
    "Activation": _activation_layer,
    "ReLU": _relu,
    "LeakyReLU": _leaky_relu,
    "ELU": _elu,
    "Softmax": _softmax,
    "BatchNormalization": _batchnorm,
    **{name: _no_op for name in _NO_OPS},
}


# keras.ops nodes of Keras 3 functional models (`x + y` is class "Add" there).
OPS_HANDLERS: dict[str, Callable[[_Ctx], None]] = {}

from . import keras_more_layers  # noqa: E402  (it imports the helpers above)

keras_more_layers.register(HANDLERS, OPS_HANDLERS)


from . import keras_rnn  # noqa: E402

keras_rnn.register(HANDLERS)


def _run_handler(handler, ctx: _Ctx) -> None:
    """The handler, between the checks of layer_checks: a damaged layer is
    one error naming it, whatever the handler would have tripped over."""
    if not isinstance(ctx.cfg, dict):
        raise ctx.fail("its config is not a dictionary; the file is damaged")
    check_config(ctx.layer.name, ctx.layer.class_name, ctx.cfg)
    try:
        handler(ctx)
    except ODD_VALUE_ERRORS as err:
        raise ctx.fail(
            f"its config or weights are not those of a Keras {ctx.layer.class_name} "
            f"({type(err).__name__}: {err}); re-save the model from Keras"
        ) from None
    for node in ctx.new_nodes:
        check_node(node)
        limits.check_node(node)  # before later layers build on an absurd size


def supported_layers() -> list[str]:
    return sorted(HANDLERS)


def to_graph(kg: KerasGraph, lambdas: dict | None = None) -> Graph:
    """Map a Keras graph to NNoM nodes (before optimisation passes).

    lambdas: Lambda layer name -> Python function (see keras_more_layers)."""
    try:
        major = int(str(kg.keras_version).split(".")[0])
    except ValueError:
        major = 3
    produced: dict[TensorRef, str] = {}  # Keras tensor -> node name
    nodes: list[Node] = []
    names: set[str] = set()

    def resolve(ref: TensorRef, layer: KerasLayer) -> Node:
        key = TensorRef(ref.layer, ref.node, ref.index)
        if key not in produced:
            if ref.index != 0:
                raise UnsupportedLayerError(
                    layer.name,
                    layer.class_name,
                    f"uses output {ref.index} of layer '{ref.layer}'; layers with several "
                    "outputs are not supported",
                )
            raise NnomError(f"layer '{layer.name}' uses '{ref.layer}', which was never computed")
        return node_by_name[produced[key]]

    node_by_name: dict[str, Node] = {}
    for layer in kg.layers:
        is_op = layer.module.startswith(("keras.src.ops", "keras.ops"))
        handler = (OPS_HANDLERS if is_op else HANDLERS).get(layer.class_name)
        if handler is None and is_op:
            raise UnsupportedLayerError(
                layer.name,
                f"keras.ops.{layer.class_name}",
                "this keras.ops call (e.g. an operator on tensors) is not supported; supported: "
                + ", ".join(sorted(OPS_HANDLERS))
                + " of two equal-shape tensors, or use the Keras layers",
            )
        if handler is None:
            raise UnsupportedLayerError(
                layer.name,
                layer.class_name,
                "this layer type is not supported; supported: " + ", ".join(supported_layers()),
            )
        calls = layer.inbound or [[]]
        for call_index, call in enumerate(calls):
            inputs = [resolve(ref, layer) for ref in call]
            base = re.sub(r"[^0-9A-Za-z_]", "_", layer.name)  # names reach C identifiers
            name = base if call_index == 0 else f"{base}_call{call_index}"
            while name in names:
                name += "_"
            ctx = _Ctx(layer, inputs, major, name)
            ctx.lambdas = lambdas
            _run_handler(handler, ctx)
            for node in ctx.new_nodes:
                names.add(node.name)
                node_by_name[node.name] = node
                nodes.append(node)
            produced[TensorRef(layer.name, call_index, 0)] = ctx.new_nodes[-1].name
    inputs = [produced[TensorRef(r.layer, r.node, r.index)] for r in kg.inputs]
    outputs = []
    for ref in kg.outputs:
        key = TensorRef(ref.layer, ref.node, ref.index)
        if key not in produced:
            raise NnomError(f"model output '{ref.layer}' was never computed")
        outputs.append(produced[key])
    return Graph(name=kg.name, nodes=nodes, inputs=inputs, outputs=outputs)
