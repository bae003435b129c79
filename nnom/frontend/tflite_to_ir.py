"""A TfliteModel -> NNoM graph: TFLite builtin operators mapped onto the op
registry (nnom/ops/), one handler per builtin in tflite_ops.py.

Two kinds of file:
- fully int8 (TFLiteConverter's full integer quantisation): every node gets
  the file's own quantisation (out_q, int8 weights with their per-channel
  scales, int32 biases, multipliers computed as TFLite Micro computes them),
  so the model needs no calibration and runs bit-exact with TFLM's reference
  kernels. QUANTIZE at the inputs and DEQUANTIZE at the outputs are the
  edges: the header's I/O is int8 with the file's quantisation.
- float32: float weights in Keras' layouts, calibrated and quantised like a
  Keras model (api.convert needs calibration data).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import NnomError
from ..graph import Graph, Node, hwc
from .tflite_reader import TfliteModel, TflOperator, TflTensor

EDGE_OPS = ("QUANTIZE", "DEQUANTIZE")
MAX_ELEMENTS = 1 << 24  # of one feature map
SHAPE_OPS = ("SHAPE", "STRIDED_SLICE", "PACK")  # int32 shape arithmetic, no node
# Operators with an int32 shape operand among their inputs, and its index.
SHAPE_OPERAND = {"RESHAPE": 1, "TRANSPOSE_CONV": 0}


def is_shape_operand(op: TflOperator, t: int) -> bool:
    """Whether tensor t is op's int32 shape operand (no data to quantise)."""
    i = SHAPE_OPERAND.get(op.opcode)
    return i is not None and op.inputs[i : i + 1] == [t]


class TfliteOpError(NnomError):
    """An operator NNoM cannot import: names the operator and its index."""

    def __init__(self, op: TflOperator, what: str):
        super().__init__(f"operator {op.index} ({op.opcode}): {what}")


@dataclass
class TfliteGraphBuilder:
    model: TfliteModel
    int8: bool
    nodes: list[Node] = field(default_factory=list)
    produced: dict[int, str] = field(default_factory=dict)  # tensor -> node name
    input_of: dict[int, str] = field(default_factory=dict)  # model input tensor -> Input node

    def node_of(self, tensor: int) -> Node:
        name = self.produced[tensor]
        return next(n for n in self.nodes if n.name == name)


class TflContext:
    """What a handler sees: the operator, its tensors, and node creation."""

    def __init__(self, b: TfliteGraphBuilder, op: TflOperator):
        self.b = b
        self.op = op
        self.int8 = b.int8
        self.model = b.model

    def fail(self, what: str) -> TfliteOpError:
        return TfliteOpError(self.op, what)

    def tensor(self, k: int) -> TflTensor | None:
        """Input k of the operator (None: an optional input left out)."""
        if k >= len(self.op.inputs) or self.op.inputs[k] < 0:
            return None
        return self.model.tensors[self.op.inputs[k]]

    @property
    def out(self) -> TflTensor:
        return self.model.tensors[self.op.outputs[0]]

    def const(self, k: int, what: str):
        t = self.tensor(k)
        if t is None or t.data is None:
            raise self.fail(f"its {what} (input {k}) must be a constant tensor")
        return t

    def activation_inputs(self) -> list[int]:
        """The operator's inputs that are computed tensors (not constants)."""
        return [i for i in self.op.inputs if i >= 0 and self.model.tensors[i].data is None]

    def input_node(self, k: int = 0) -> Node:
        t = self.op.inputs[k]
        if t < 0 or t not in self.b.produced:
            tensor = self.model.tensors[t] if t >= 0 else None
            if tensor is not None and tensor.data is not None:
                raise self.fail(
                    f"input {k} is a constant tensor; only computed tensors are supported there"
                )
            raise self.fail(f"input {k} is not computed by any supported operator")
        return self.b.node_of(t)

    def shape(self, t: TflTensor) -> tuple[int, ...]:
        """A feature-map tensor's shape without the batch dimension."""
        s = t.shape
        if len(s) < 2 or s[0] != 1 or len(s) > 4:
            raise self.fail(
                f"tensor '{t.name}' has shape {s}; NNoM takes batch 1 and rank 2 to 4 (NHWC)"
            )
        if int(np.prod(s, dtype=np.int64)) > MAX_ELEMENTS:
            raise self.fail(f"tensor '{t.name}' of shape {s} is too large for a microcontroller")
        return tuple(int(d) for d in s[1:])

    def node(self, op: str, shape: tuple[int, ...], inputs: list[str], **kw) -> Node:
        if any(d <= 0 for d in shape):
            raise self.fail(f"output shape {shape} is empty")
        name = f"{self.op.opcode.lower()}_{self.op.index}"
        if any(n.name == name for n in self.b.nodes):
            name += f"_{len(self.b.nodes)}"
        node = Node(
            name=name,
            op=op,
            inputs=inputs,
            shape=tuple(int(d) for d in shape),
            source=self.out.name or name,
            source_class=self.op.opcode,
            **kw,
        )
        self.b.nodes.append(node)
        self.b.produced[self.op.outputs[0]] = node.name
        return node


def _check_types(model: TfliteModel) -> bool:
    """True for a fully int8 graph, False for a float32 one; anything else
    is one error naming the operator."""
    float_ops, int8_ops = [], []
    for op in model.operators:
        if op.opcode in EDGE_OPS or op.opcode in SHAPE_OPS:
            continue
        for t in op.inputs + op.outputs:
            if t < 0:
                continue
            tensor = model.tensors[t]
            if tensor.data is not None:
                continue  # weights, biases, shapes: checked by the handlers
            if tensor.dtype == "int32" and is_shape_operand(op, t):
                continue  # a computed shape operand
            if tensor.dtype == "int8":
                int8_ops.append(op)
            elif tensor.dtype == "float32":
                float_ops.append(op)
            else:
                raise TfliteOpError(
                    op,
                    f"tensor '{tensor.name}' is {tensor.dtype}; NNoM imports int8 (or float32) "
                    "activations only",
                )
    if int8_ops and float_ops:
        op = float_ops[0] if float_ops[0].index > int8_ops[0].index else int8_ops[0]
        first_float = min(float_ops, key=lambda o: o.index)
        raise TfliteOpError(
            first_float,
            "a float32 operator inside an int8 graph; convert with full integer quantisation "
            "(TFLiteConverter with a representative dataset and TFLITE_BUILTINS_INT8)"
            if op is first_float
            else "a float32 operator inside an int8 graph",
        )
    return bool(int8_ops) or not float_ops


def to_graph(model: TfliteModel) -> tuple[Graph, bool]:
    """The graph of a .tflite model, and whether it is fully int8 (then the
    nodes carry the file's quantisation and need no calibration)."""
    from . import tflite_ops

    int8 = _check_types(model)
    b = TfliteGraphBuilder(model, int8)
    for k, t in enumerate(model.inputs):
        tensor = model.tensors[t]
        consumers = [op for op in model.operators if t in op.inputs]
        if int8 and tensor.dtype == "float32":
            # float model input: the QUANTIZE after it is the int8 input
            if not consumers or any(op.opcode != "QUANTIZE" for op in consumers):
                raise NnomError(
                    f"model input '{tensor.name}' is float32 and not only quantised; "
                    "convert with inference_input_type=tf.int8"
                )
            continue
        tflite_ops.make_input(b, tensor, t, "input" if k == 0 else f"input_{k}")
    for op in model.operators:
        handler = tflite_ops.HANDLERS.get(op.opcode)
        if handler is None:
            raise TfliteOpError(
                op,
                "this operator is not supported; supported: "
                + ", ".join(sorted(tflite_ops.HANDLERS)),
            )
        if not op.outputs or op.outputs[0] < 0:
            raise TfliteOpError(op, "the operator has no output tensor")
        try:
            handler(TflContext(b, op))
        except (KeyError, IndexError):
            # a hostile or damaged file: options of another operator, operands missing
            raise TfliteOpError(op, "malformed operator (missing options or operands)") from None
    inputs = [b.input_of[t] for t in model.inputs if t in b.input_of]
    outputs = []
    for t in model.outputs:
        tensor = model.tensors[t]
        if t not in b.produced:
            raise NnomError(f"model output '{tensor.name}' is not computed by the graph")
        outputs.append(b.produced[t])
    if len(inputs) != len(model.inputs):
        raise NnomError("a model input is not used by the graph")
    used = {i for n in b.nodes for i in n.inputs} | set(outputs)
    nodes = [n for n in b.nodes if n.name in used or n.name in inputs]
    return Graph(name=model.name, nodes=nodes, inputs=inputs, outputs=outputs), int8


def check_shapes(g: Graph) -> None:
    """An int8 graph's output shapes are the file's declared ones: run it
    once on a zero input and refuse a node whose output differs (a damaged
    file would otherwise give a header whose model fails to build)."""
    from ..guard import ODD_VALUE_ERRORS
    from ..reference.executor import run_node

    values: dict[str, np.ndarray] = {}
    for node in g.nodes:
        if node.name in g.inputs:
            values[node.name] = np.zeros((1,) + hwc(node.shape), np.int8)
            continue
        label = f"layer '{node.source or node.name}' ({node.op})"
        try:
            out = run_node(node, g, [values[i] for i in node.inputs])
        except ODD_VALUE_ERRORS as err:
            raise NnomError(
                f"{label}: its operands do not fit it ({type(err).__name__}: {err}); "
                "the .tflite file is damaged"
            ) from None
        if out.size != int(np.prod(node.shape)):
            raise NnomError(
                f"{label}: the file declares output shape {node.shape}, the operator computes "
                f"{out.size} values; the .tflite file is damaged"
            )
        values[node.name] = out
