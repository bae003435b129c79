"""Input and Output: the user's buffers (nnom_input_data, nnom_output_data)."""

from __future__ import annotations

from ..c_text import shape_call, shape_init
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


def _buffer(w, node) -> str:
    k = w.g.inputs.index(node.name)
    return "nnom_input_data" + (str(k) if k else "")


class Input(Op):
    name = "input"
    table_name = "Input"
    c_constructor = "nnom_input_s"
    keras_classes = {"InputLayer": _keras_input}
    external = True

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
    """Not a graph node: memory.run_order adds one per model output."""

    name = "output"
    table_name = "Output"
    c_constructor = "nnom_output_s"
    external = True

    def output_call(self, index: int, shape: tuple[int, ...]) -> str:
        """The Layer API call for model output `index`."""
        buf = "nnom_output_data" + (str(index) if index else "")
        return f"nnom_Output({shape_call(shape)}, {buf})"


INPUT = register(Input())
OUTPUT = register(Output())
