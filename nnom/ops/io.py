"""Input and Output: the model's inputs and outputs, arena buffers like any
other tensor. The user writes the input where the first layers read it
(nnom_input_data points there) and reads the output where the last layer
wrote it (nnom_output_data): Output is a view, no copy. In CHW builds, an
input or output whose orders differ keeps a buffer in Keras' order outside
the arena, which Input transposes from and Output transposes to."""

from __future__ import annotations

from ..c_text import shape_call, shape_init
from ..layout import same_order
from .common import QuantParams, choose_qparams
from .registry import Op, register


def _keras_input(ctx) -> None:
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
    ctx.node(INPUT.name, tuple(int(d) for d in dims), inputs=[])


def user_buffer(kind: str, index: int, shape: tuple[int, ...]) -> str:
    """The config's .buffer: NULL (the tensor is in the arena), or where the
    two orders differ the header's macro that names the Keras-order buffer
    of CHW builds (NULL in HWC builds). kind: "INPUT" or "OUTPUT"."""
    if same_order(shape):
        return "NULL"
    return f"NNOM_{kind}{index if index else ''}_USER"


def _buffer(w, node) -> str:
    return user_buffer("INPUT", w.g.inputs.index(node.name), node.shape)


class Input(Op):
    name = "input"
    table_name = "Input"
    c_constructor = "nnom_input_s"
    keras_classes = {"InputLayer": _keras_input}
    written_by_user = True

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = choose_qparams(*ranges.out[node.name])
        node.q = QuantParams()

    def emit_config(self, w, node, n, super_):
        return (
            f"static const nnom_io_config_t {n}_config = {{{super_}, "
            f".shape = {shape_init(node.shape)}, .buffer = {_buffer(w, node)}}};\n"
        )

    def layer_api_call(self, w, node, n):
        return f"nnom_Input({shape_call(node.shape)}, &{n}_q, {_buffer(w, node)})"


class Output(Op):
    """Not a graph node: memory.run_order adds one per model output. A view
    of the tensor it outputs, or in a CHW build whose orders differ, a copy
    to a user buffer (external)."""

    name = "output"
    table_name = "Output"
    c_constructor = "nnom_output_s"
    view = True

    def output_call(self, index: int, shape: tuple[int, ...]) -> str:
        """The Layer API call for model output `index`."""
        return f"nnom_Output({shape_call(shape)}, {user_buffer('OUTPUT', index, shape)})"


INPUT = register(Input())
OUTPUT = register(Output())
