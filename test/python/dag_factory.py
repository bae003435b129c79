"""Random Keras functional models (DAGs) for tests.

`random_dag_model(rng)` draws a small graph from blocks found in real
networks: Inception-like parallel branches joined by Concatenate,
ResNet-like residual merges (Add, Subtract, Multiply, Average, or the
`x + y` / `x - y` / `x * y` operators, which Keras 3 records as keras.ops
calls), DenseNet-like growing concatenations, octave-convolution-like
high/low resolution paths exchanging information, shared layers called on
two tensors, nested sub-models, several inputs and several outputs. Every
layer kind the converter supports can appear, with random options.

Keras is imported lazily, as in keras_factory.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from keras_factory import _keras, randomize_weights

MAX_SIDE = 10  # largest spatial size drawn
MAX_CH = 10  # most channels a layer makes


class _Draw:
    """Random choices and the pool of tensors a model is built from."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.keras = _keras()
        self.L = self.keras.layers
        self.pool: list[Any] = []  # Keras tensors available as inputs to blocks
        self.kinds: set[str] = set()  # what the model contains, for reports

    def int(self, low: int, high: int) -> int:
        return int(self.rng.integers(low, high + 1))

    def pick(self, options: list[Any]) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    @staticmethod
    def shape(t: Any) -> tuple[int, ...]:
        return tuple(int(d) for d in t.shape[1:])

    def spatial(self, t: Any) -> int:
        return len(self.shape(t)) - 1

    def act(self) -> str | None:
        return self.pick([None, None, "relu", "relu6", "tanh", "sigmoid", "elu", "hard_sigmoid"])

    # -- single layers ------------------------------------------------------

    def _conv_kind(self, t: Any, filters: int | None = None, same: bool = False) -> Any:
        """A convolution of a random kind on t (spatial rank 1 or 2)."""
        L, r = self.L, self.spatial(t)
        side = min(self.shape(t)[:-1])
        k = self.int(1, 3)
        stride = 1 if same or self.chance(0.7) else 2
        dilation = 2 if stride == 1 and k > 1 and self.chance(0.2) else 1
        padding = "same" if same or self.chance(0.6) or (k - 1) * dilation + 1 > side else "valid"
        f = filters or self.int(1, MAX_CH)
        kind = self.pick(["conv", "conv", "depthwise", "separable"] + ["transpose"] * (not same))
        dim = f"{r}D"
        if kind == "transpose" and side <= 5:
            out_pad = self.int(0, stride - 1) if stride > 1 and self.chance(0.3) else None
            layer = getattr(L, f"Conv{dim}Transpose")(
                f,
                k,
                strides=stride,
                padding=padding,
                output_padding=out_pad,
                activation=self.act(),
            )
        elif kind == "depthwise":
            layer = getattr(L, f"DepthwiseConv{dim}")(
                k,
                strides=stride,
                padding=padding,
                dilation_rate=dilation,
                depth_multiplier=self.int(1, 2) if filters is None else 1,
                activation=self.act(),
                use_bias=self.chance(0.8),
            )
            if filters is not None and self.shape(t)[-1] != filters:
                layer = getattr(L, f"Conv{dim}")(f, k, padding=padding, activation=self.act())
                kind = "conv"
        elif kind == "separable":
            layer = getattr(L, f"SeparableConv{dim}")(
                f,
                k,
                strides=stride,
                padding=padding,
                dilation_rate=dilation,
                depth_multiplier=self.int(1, 2),
                activation=self.act(),
            )
        else:
            kind = "conv"
            layer = getattr(L, f"Conv{dim}")(
                f,
                k,
                strides=stride,
                padding=padding,
                dilation_rate=dilation,
                activation=self.act(),
                use_bias=self.chance(0.8),
            )
        self.kinds.add(kind)
        return layer(t)

    def _shape_layer(self, t: Any) -> Any:
        L, r = self.L, self.spatial(t)
        dim = f"{r}D"
        s = self.shape(t)[:-1]
        kind = self.pick(["maxpool", "avgpool", "pad", "crop", "upsample"])
        self.kinds.add(kind)
        if kind in ("maxpool", "avgpool"):
            size = self.int(1, 3)
            stride = self.pick([None, 1, 2])
            padding = "same" if size > min(s) or self.chance(0.5) else "valid"
            cls = "MaxPooling" if kind == "maxpool" else "AveragePooling"
            return getattr(L, f"{cls}{dim}")(size, strides=stride, padding=padding)(t)
        if kind == "pad":
            return getattr(L, f"ZeroPadding{dim}")(self.int(1, 2))(t)
        if kind == "crop" and min(s) > 2:
            return getattr(L, f"Cropping{dim}")(1)(t)
        if max(s) <= MAX_SIDE // 2:
            return getattr(L, f"UpSampling{dim}")(2)(t)
        return t

    def _elementwise(self, t: Any) -> Any:
        L = self.L
        kind = self.pick(["bn", "act", "relu", "leaky", "prelu", "elu", "softmax"])
        self.kinds.add(kind)
        if kind == "bn":
            return L.BatchNormalization(scale=self.chance(0.8), center=self.chance(0.8))(t)
        if kind == "act":
            return L.Activation(self.pick(["relu", "tanh", "sigmoid", "swish", "softsign"]))(t)
        if kind == "relu":
            return L.ReLU(max_value=self.pick([None, 6.0, 1.0]))(t)
        if kind == "leaky":
            return L.LeakyReLU(negative_slope=0.2)(t)
        if kind == "prelu":
            r = self.spatial(t)
            shared = self.pick([None, list(range(1, r + 1))]) if r else None
            return L.PReLU(shared_axes=shared)(t)
        if kind == "elu":
            return L.ELU()(t)
        return L.Softmax()(t)

    def unary(self, t: Any) -> Any:
        if self.spatial(t) == 0:
            self.kinds.add("dense")
            y = self.L.Dense(self.int(1, 16), activation=self.act())(t)
            return self._elementwise(y) if self.chance(0.3) else y
        roll = self.rng.random()
        if roll < 0.55:
            return self._conv_kind(t)
        if roll < 0.75:
            return self._shape_layer(t)
        return self._elementwise(t)

    # -- blocks ---------------------------------------------------------------

    def merge(self, tensors: list[Any], kinds: list[str] | None = None) -> Any:
        """Merge equal-shape tensors with a random merge layer or operator."""
        kind = self.pick(kinds or ["add", "add", "sub", "mul", "avg", "op+", "op-", "op*"])
        L = self.L
        if kind.startswith("op") or kind == "sub":
            tensors = tensors[:2]
        self.kinds.add(kind)
        if kind == "op+":
            return tensors[0] + tensors[1]
        if kind == "op-":
            return tensors[0] - tensors[1]
        if kind == "op*":
            return tensors[0] * tensors[1]
        cls = {"add": L.Add, "sub": L.Subtract, "mul": L.Multiply, "avg": L.Average}[kind]
        return cls()(tensors)

    def residual(self, t: Any) -> Any:
        c = self.shape(t)[-1]
        y = self._conv_kind(t, filters=c, same=True)
        if self.chance(0.5):
            y = self._conv_kind(y, filters=c, same=True)
        others = [t, y] + ([self._conv_kind(t, filters=c, same=True)] if self.chance(0.3) else [])
        out = self.merge(others)
        if self.chance(0.5):
            out = self.L.ReLU()(out)  # fused into the merge
        self.kinds.add("residual")
        return out

    def inception(self, t: Any) -> Any:
        branches = []
        for _ in range(self.int(2, 4)):
            if self.chance(0.25):
                dim = f"{self.spatial(t)}D"
                b = getattr(self.L, f"MaxPooling{dim}")(3, strides=1, padding="same")(t)
                b = self._conv_kind(b, filters=self.int(1, 6), same=True)
            else:
                b = self._conv_kind(t, filters=self.int(1, 6), same=True)
            branches.append(b)
        self.kinds.add("inception")
        return self.concat(branches)

    def concat(self, tensors: list[Any]) -> Any:
        """Concatenate along the channels, or along another axis when the
        shapes allow it (same channels)."""
        shapes = [self.shape(x) for x in tensors]
        rank = len(shapes[0])
        axes = [-1]
        for ax in range(1, rank + 1):
            rest = {s[: ax - 1] + s[ax:] for s in shapes}
            if len(rest) == 1 and ax != rank:
                axes += [ax, ax]
        axis = self.pick(axes)
        self.kinds.add(f"concat{axis}")
        if self.chance(0.2):
            self.kinds.add("op_concat")
            return self.keras.ops.concatenate(tensors, axis=axis)
        return self.L.Concatenate(axis=axis)(tensors)

    def dense_block(self, t: Any) -> Any:
        x = t
        for _ in range(self.int(2, 3)):
            y = self._conv_kind(x, filters=self.int(1, 4), same=True)
            x = self.L.Concatenate()([x, y])
        self.kinds.add("densenet")
        return x

    def octave(self, t: Any) -> list[Any]:
        """High and low frequency paths that exchange information (2D, even sides)."""
        L = self.L
        f = self.int(2, 6)
        hi = t
        lo = L.AveragePooling2D(2)(t)
        hh = self._conv_kind(hi, filters=f, same=True)
        lh = L.UpSampling2D(2)(self._conv_kind(lo, filters=f, same=True))
        ll = self._conv_kind(lo, filters=f, same=True)
        hl = self._conv_kind(L.AveragePooling2D(2)(hi), filters=f, same=True)
        self.kinds.add("octave")
        return [L.Add()([hh, lh]), L.Add()([ll, hl])]

    def shared(self, t: Any) -> Any:
        """One layer object called on two tensors of the same shape."""
        c = self.shape(t)[-1]
        other = self._conv_kind(t, filters=c, same=True)
        dim = f"{self.spatial(t)}D"
        layer = getattr(self.L, f"Conv{dim}")(c, 3, padding="same", activation="relu")
        self.kinds.add("shared")
        return self.merge([layer(t), layer(other)], ["add", "mul", "avg"])

    def nested(self, t: Any) -> Any:
        keras = self.keras
        inner_in = keras.Input(self.shape(t))
        y = self._conv_kind(inner_in, filters=self.shape(t)[-1], same=True)
        y = self.merge([inner_in, y], ["add", "sub"])
        sub = keras.Model(inner_in, y, name=f"sub{self.int(0, 10**6)}")
        self.kinds.add("nested")
        return sub(t)

    def block(self, t: Any) -> list[Any]:
        r = self.spatial(t)
        if r == 0:
            return [self.unary(t)]
        s = self.shape(t)[:-1]
        options = ["unary", "unary", "residual", "inception", "dense", "shared", "nested"]
        if r == 2 and all(d % 2 == 0 and d >= 2 for d in s):
            options += ["octave", "octave"]
        kind = self.pick(options)
        if kind == "residual":
            return [self.residual(t)]
        if kind == "inception":
            return [self.inception(t)]
        if kind == "dense":
            return [self.dense_block(t)]
        if kind == "shared":
            return [self.shared(t)]
        if kind == "nested":
            return [self.nested(t)]
        if kind == "octave":
            return self.octave(t)
        return [self.unary(t)]


def _inputs(d: _Draw) -> list[Any]:
    keras = d.keras
    n = d.pick([1, 1, 2, 2, 3])
    if d.chance(0.65):
        base = [d.int(1, MAX_SIDE), d.int(1, MAX_SIDE)]
        if d.chance(0.5):  # octave-friendly
            base = [2 * d.int(1, MAX_SIDE // 2), 2 * d.int(1, MAX_SIDE // 2)]
    else:
        base = [d.int(1, 2 * MAX_SIDE)]
    ins = []
    for k in range(n):
        if k == 2 and d.chance(0.5):
            ins.append(keras.Input((d.int(1, 6),), name=f"in{k}"))  # a side vector
        else:
            c = d.int(1, 4) if (k == 0 or d.chance(0.5)) else d.shape(ins[0])[-1]
            ins.append(keras.Input(tuple(base) + (c,), name=f"in{k}"))
    return ins


def _join_inputs(d: _Draw, ins: list[Any]) -> list[Any]:
    """Use every input: merge same-shape ones, concatenate others."""
    maps = [x for x in ins if d.spatial(x) > 0]
    flats = [x for x in ins if d.spatial(x) == 0]
    heads: list[Any] = []
    if len(maps) > 1:
        shapes = {d.shape(x) for x in maps}
        if len(shapes) == 1 and d.chance(0.6):
            heads.append(d.merge(maps, ["add", "mul", "avg", "op+", "sub"]))
        else:
            heads.append(d.L.Concatenate()(maps))
        d.kinds.add("multi_input")
    else:
        heads += maps
    if flats:
        trunk = heads[0]
        pooled = d.pick([d.L.GlobalAveragePooling1D, d.L.GlobalMaxPooling1D])
        if d.spatial(trunk) == 2:
            pooled = d.pick([d.L.GlobalAveragePooling2D, d.L.GlobalMaxPooling2D])
        d.kinds.add("global_pool")
        vec = pooled()(trunk)
        side = d.L.Dense(d.int(2, 8), activation="relu")(flats[0])
        return [trunk, d.L.Concatenate()([vec, side])]
    return heads


def _head(d: _Draw, t: Any) -> Any:
    L = d.L
    if d.spatial(t) > 0 and d.chance(0.5):
        kind = d.pick(["gap", "gmp", "flatten"])
        d.kinds.add(kind)
        r = d.spatial(t)
        if kind == "flatten":
            t = L.Flatten()(t)
        else:
            cls = "GlobalAveragePooling" if kind == "gap" else "GlobalMaxPooling"
            t = getattr(L, f"{cls}{r}D")(keepdims=d.chance(0.2))(t)
            if len(d.shape(t)) > 1:
                t = L.Flatten()(t)
        return L.Dense(d.int(2, 6), activation=d.pick([None, "softmax", "sigmoid"]))(t)
    return t


def random_dag_model(rng: np.random.Generator) -> tuple[Any, set[str]]:
    """(a random functional keras.Model, the kinds of blocks and layers in it)."""
    d = _Draw(rng)
    keras = d.keras
    ins = _inputs(d)
    d.pool = _join_inputs(d, ins)
    last = d.pool[0]
    for _ in range(d.int(2, 5)):
        t = d.pick(d.pool) if d.chance(0.3) else last
        try:
            made = d.block(t)
            if d.chance(0.4):
                made[0] = d.unary(made[0])
        except ValueError:  # a layer does not fit this shape (Keras refuses it)
            continue
        d.pool += made
        last = made[0]
    outputs = [last]
    for _ in range(d.pick([0, 0, 1, 2])):
        extra = d.pick(d.pool)
        if all(extra is not o for o in outputs):
            outputs.append(extra)
    outputs = [_head(d, t) if d.chance(0.5) else t for t in outputs]
    if len(outputs) > 1:
        d.kinds.add("multi_output")
    model = keras.Model(ins, outputs if len(outputs) > 1 else outputs[0])
    randomize_weights(model, rng)
    return model, d.kinds
