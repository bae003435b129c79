"""The op registry: one `Op` object per IR op, each defined in its own module
of nnom/ops/ and registered here by `register()`.

An op holds everything the converter knows about one kind of runtime layer:
its Keras classes and TFLite builtins (frontend handlers), float execution, the int8 reference
call, the quantisation rule, MACs and scratch, the buffer properties the
planner uses, and its C code for the Structured and the Layer API. The
pipeline stages look ops up here instead of switching on names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import NnomError
from .common import QuantParams

if TYPE_CHECKING:
    from ..graph import Graph, Node, QParams
    from ..quantize import RangeTracker

Handler = Callable[[Any], None]  # takes a frontend.keras_context.KerasContext

# rewrite stages, in the order passes.py runs them: no-ops go first so
# BatchNormalization and activations see their real producer; BN folds before
# activations fuse, since Keras applies a layer's own activation before the BN
# that follows it.
DROP, FOLD, FUSE = 0, 1, 2


class Op:
    """Base class: defaults for an op that computes nothing special."""

    name: str = ""  # the IR op name (Node.op)
    table_name: str = ""  # the model table's name (the C layer type)
    c_constructor: str = ""  # Structured API constructor, e.g. "nnom_conv2d_s"
    keras_classes: dict[str, Handler] = {}  # Keras class -> handler
    keras_ops: dict[str, Handler] = {}  # keras.ops call class -> handler (Keras 3)
    # TFLite builtin -> handler (a frontend.tflite_to_ir.TflContext); the
    # others are in frontend/tflite_ops.py
    tflite_builtins: dict[str, Handler] = {}

    # Buffer properties (memory.py, the twin of nnom_compile.c):
    view = False  # output is the input's buffer (Flatten, Reshape)
    inplace = False  # may write its output over an input nobody else reads
    # Quantisation and fusion properties:
    pass_through = False  # output keeps the input's quantisation (the default quantize())
    takes_activation = False  # a fused activation tail (clamp or table) is hooked on it
    folds_batchnorm = False  # a BatchNormalization after it folds into its weights
    keeps_state = False  # run_int8 takes the states dict (stateful recurrent layers)
    # int8 kernel and int32 bias per output channel: checked by limits.py and layer_checks.py
    weighted = False
    # Sizes the C fields bound (limits.py): a sliding window whose taps count
    # the input channels too (True) or only positions (False), None: none;
    # recurrent units and features in 16-bit fields; a global pool's sum of
    # every position in int32; an output that grows by the stride
    # ((in - 1) * stride + span in int32).
    window_counts_channels: bool | None = None
    recurrent_fields = False
    pools_whole_input = False
    grows_by_stride = False
    row_limit: int | None = None  # the C kernel's longest last axis (Softmax)
    written_by_user = False  # the user writes it before a run (Input): live from the start

    # -- graph rewrites before quantisation (passes.py), stage by stage: --
    # DROP removes the node, FOLD merges it into its producer's weights, FUSE
    # hooks it on its producer as an activation tail; None: never rewritten.
    rewrite_stage: int | None = None

    def rewrite(self, g: Graph, node: Node) -> None:
        raise NotImplementedError(f"graph rewrite of '{node.op}'")

    def weight_problem(self, node: Node, channels: int) -> str | None:
        """What is wrong with the node's own weights beyond kernel and bias
        (frontend/layer_checks.py), or None."""
        return None

    # -- float and int8 execution (NHWC arrays) --
    def run_float(self, node: Node, ins: list[np.ndarray]) -> np.ndarray:
        raise NotImplementedError(f"float executor has no '{node.op}'")

    def intermediates(self, node: Node, ins: list[np.ndarray]) -> list[np.ndarray]:
        """Float values inside the layer whose range its quantisation needs
        (calibrated as "<node>#<k>"): the partial products of Mult."""
        return []

    def run_int8(self, node: Node, g: Graph, ins: list[np.ndarray]) -> np.ndarray:
        raise NotImplementedError(f"reference kernel for '{node.op}'")

    # -- quantisation: set node.out_q (and pre_q) and node.q --
    def quantize(
        self, node: Node, ins: list[QParams], ranges: RangeTracker, per_channel: bool
    ) -> None:
        if not self.pass_through:
            raise NotImplementedError(f"quantisation of '{node.op}'")
        node.out_q = ins[0]
        node.q = QuantParams()

    # -- cost and memory --
    def macs(self, node: Node) -> int:
        return 0

    def scratch(self, node: Node) -> int:
        """Scratch bytes of the local (HWC) kernel."""
        return 0

    def cmsis_scratch(self, node: Node, arch: str, in_hw: tuple[int, int]) -> int | None:
        """Scratch of the CMSIS-NN kernel the dispatch table picks on a core
        of kind `arch` ("dsp" or "mve"), or None when it keeps the local one."""
        return None

    def chw_scratch(self, node: Node, in_shape: tuple[int, ...]) -> int:
        """Scratch bytes in a CHW build (NNOM_USING_CHW)."""
        return 0

    def static_bytes(self, node: Node | None) -> str | None:
        """Bytes the layer takes from nnom_mem() beyond NNOM_LAYER_BYTES, as a
        C expression for NNOM_STATIC_BUF_BYTES; None: nothing more."""
        return None

    # -- C code, Structured API (weights.h configs) --
    def emit_config(self, w, node: Node, n: str, super_: str) -> str:
        """Arrays and the `static const <config> <n>_config` for one node."""
        raise NotImplementedError(f"code generation for '{node.op}'")

    def constructor(self, w, node: Node, n: str) -> str:
        """The C expression that makes the layer (Structured API)."""
        return f"{self.c_constructor}(&{n}_config)"

    # -- C code, Layer API (codegen_layer_api.py) --
    has_layer_api = True

    def layer_api_defs(self, w, node: Node, n: str) -> str:
        """Constants the Layer API call needs (weights, tables, prototypes)."""
        return ""

    def layer_api_call(self, w, node: Node, n: str) -> str:
        """The Layer API call that makes the layer, e.g. `nnom_Dense(10, &fc_w, &fc_b)`."""
        raise NotImplementedError(f"Layer API call of '{node.op}'")


def no_layer_api(node: Node, why: str = "") -> NnomError:
    if why:
        return NnomError(f"layer '{node.source}': {why}; use the Structured API header")
    return NnomError(
        f"layer '{node.source}' ({node.source_class}) has no Layer API form yet; "
        "use the Structured API header"
    )


OPS: dict[str, Op] = {}


def register(op: Op) -> Op:
    if op.name in OPS:
        raise ValueError(f"op '{op.name}' registered twice")
    OPS[op.name] = op
    return op


def get(name: str) -> Op:
    return OPS[name]


def table_name(name: str) -> str:
    """The name the model table prints for an op (same as the C runtime)."""
    return OPS[name].table_name
