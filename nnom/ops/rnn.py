"""SimpleRNN, GRU and LSTM (also as RNN(cell), stacked cells and
Bidirectional): one op per cell kind, C layer src/layers/nnom_rnn.c
(docs/rnn.md). Keras mapping: rnn_keras.py; float cells: rnn_float.py;
quantisation: rnn_quantize.py; int8 cells: reference/rnn.py."""

from __future__ import annotations

from .. import layout
from ..activations import Activation
from ..c_text import c_array, c_string
from ..reference import rnn as int8_cells
from . import rnn_float, rnn_keras, rnn_quantize
from .common import choose_qparams
from .registry import Op, register
from .rnn_cell import MERGE_CONCAT, n_cells

ALIGN = 4
_MERGE = {
    None: "NNOM_RNN_MERGE_CONCAT",
    MERGE_CONCAT: "NNOM_RNN_MERGE_CONCAT",
    "sum": "NNOM_RNN_MERGE_SUM",
    "ave": "NNOM_RNN_MERGE_AVE",
    "mul": "NNOM_RNN_MERGE_MUL",
}


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def table_name(act: Activation) -> str:
    slug = act.kind
    if act.kind == "hard_sigmoid" and act.params.get("keras2"):
        slug += "_keras2"
    return f"nnom_rnn_{slug}"


def _table(writer, act: Activation | None, table) -> str:
    """The table's C name; its definition goes out the first time."""
    if act is None:
        return "NULL"
    name = table_name(act)
    if not any(f" {name}[" in part for part in writer.parts):
        writer.parts.append(
            f"/* {act.kind}: Q3.12 input -8..8 every 1/32, Q0.15 output (docs/rnn.md) */\n"
            + c_array("int16_t", name, table)
        )
    return name


class Recurrent(Op):
    recurrent_fields = True
    """One cell kind. MACs, scratch and state bytes are the numbers
    src/layers/nnom_rnn.c computes (rnn_build, nnom_rnn_state_bytes)."""

    gates = 1  # G: rows of the kernels per unit
    layer_class = ""  # the Keras layer and cell classes
    cell_class = ""
    c_cell = ""  # nnom_<c_cell>_cell_config_t, nnom_<c_cell>_cell_s()
    has_reset_after = False  # GRU's reset_after option
    has_cell_state = False  # LSTM's c
    float_step = staticmethod(rnn_float.simple_step)
    keeps_state = True
    has_layer_api = False  # the Layer API has no recurrent layers yet
    int8_step = staticmethod(int8_cells.simple_step)

    def run_float(self, node, ins):
        return rnn_float.run(node, ins[0], self.float_step, self.has_cell_state)

    def run_int8(self, node, g, ins, states=None):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return int8_cells.run(node, self.int8_step, self.has_cell_state, ins[0], zp_in, states)

    def quantize(self, node, ins, ranges, per_channel):
        out_q = choose_qparams(*ranges.out[node.name])
        rnn_quantize.assign(node, ins[0], out_q, per_channel)

    def macs(self, node):
        a = node.attrs
        rows = self.gates * a["units"]
        return a["timesteps"] * n_cells(node) * rows * (a["in_features"] + a["units"])

    def cell_state_bytes(self, node) -> int:
        """h (int16) and, for LSTM, c (int32) of one cell."""
        u = node.attrs["units"]
        return _align(2 * u) + (4 * u if self.has_cell_state else 0)

    def persistent_bytes(self, node) -> int:
        """State kept across runs (stateful layers), allocated with the layer."""
        return n_cells(node) * self.cell_state_bytes(node) if node.attrs["stateful"] else 0

    def scratch(self, node):
        """Gate accumulators, GRU's r*h, the state when not stateful, and the
        forward sequence of a Bidirectional that merges by sum/ave/mul."""
        a = node.attrs
        u = a["units"]
        total = 2 * 4 * self.gates * u
        if self.has_reset_after and not a["reset_after"]:
            total += _align(2 * u)
        if not a["stateful"]:
            total += n_cells(node) * self.cell_state_bytes(node)
        if n_cells(node) == 2 and a["return_sequences"] and a["merge"] != MERGE_CONCAT:
            total += _align(2 * a["timesteps"] * u)
        return total

    def chw_scratch(self, node, in_shape):
        """A CHW build gathers one time step's features (rnn_build)."""
        extra = 0 if layout.same_order(in_shape) else _align(node.attrs["in_features"])
        return self.scratch(node) + extra

    def static_bytes(self, node) -> str:
        """This layer's nnom_mem() bytes beyond NNOM_LAYER_BYTES (a C expression)."""
        return f"NNOM_RNN_BYTES({n_cells(node)}, {self.persistent_bytes(node)})"

    def emit_config(self, w, node, n, super_):
        a, q = node.attrs, node.q
        act = _table(w, a["activation"], q.act_table)
        rec = _table(w, a.get("recurrent_activation"), q.rec_table)
        out = []
        for d, cq in enumerate(q.cells):
            p = f"{n}_c{d}"
            out.append(c_array("int8_t", f"{p}_kernel", cq.kernel))
            out.append(c_array("int32_t", f"{p}_bias", cq.bias))
            out.append(c_array("int32_t", f"{p}_kmult", cq.kmult))
            out.append(c_array("int32_t", f"{p}_kshift", cq.kshift))
            out.append(c_array("int8_t", f"{p}_recurrent", cq.recurrent))
            if cq.rbias is not None:
                out.append(c_array("int32_t", f"{p}_rbias", cq.rbias))
            out.append(c_array("int32_t", f"{p}_rmult", cq.rmult))
            out.append(c_array("int32_t", f"{p}_rshift", cq.rshift))
            common = (
                f"{{.name = {c_string(node.source or node.name)}, .units = {a['units']}, "
                f".in_features = {a['in_features']}, .kernel = {p}_kernel, .bias = {p}_bias, "
                f".kernel_mult = {p}_kmult, .kernel_shift = {p}_kshift, "
                f".recurrent_kernel = {p}_recurrent, "
                f".recurrent_bias = {p + '_rbias' if cq.rbias is not None else 'NULL'}, "
                f".recurrent_mult = {p}_rmult, .recurrent_shift = {p}_rshift, .activation = {act}}}"
            )
            extra = ""
            if self.gates > 1:
                extra += f", .recurrent_activation = {rec}"
            if self.has_reset_after:
                extra += f", .reset_after = {int(a['reset_after'])}"
            out.append(
                f"static const nnom_{self.c_cell}_cell_config_t {p}_config = "
                f"{{.super = {common}{extra}}};\n"
            )
        out.append(
            f"static const nnom_rnn_config_t {n}_config = {{{super_}, "
            f".return_sequences = {int(a['return_sequences'])}, .stateful = {int(a['stateful'])}, "
            f".go_backwards = {int(a['go_backwards'])}, .merge = {_MERGE[a.get('merge')]}, "
            f".out_mult = {q.out_mult}, .out_shift = {q.out_shift}}};\n"
        )
        return "".join(out)

    def constructor(self, w, node, n):
        cells = [f"nnom_{self.c_cell}_cell_s(&{n}_c{d}_config)" for d in range(n_cells(node))]
        if len(cells) == 1:
            return f"nnom_rnn_s({cells[0]}, &{n}_config)"
        return f"nnom_bidirectional_s({cells[0]}, {cells[1]}, &{n}_config)"


class SimpleRNN(Recurrent):
    name = "simple_rnn"
    table_name = "SimpleRNN"
    layer_class = "SimpleRNN"
    cell_class = "SimpleRNNCell"
    c_cell = "simple"
    # the wrappers that may hold any cell kind are mapped here, once
    keras_classes = rnn_keras.KERAS_CLASSES


class GRU(Recurrent):
    name = "gru"
    table_name = "GRU"
    layer_class = "GRU"
    cell_class = "GRUCell"
    c_cell = "gru"
    gates = 3
    has_reset_after = True
    float_step = staticmethod(rnn_float.gru_step)
    int8_step = staticmethod(int8_cells.gru_step)


class LSTM(Recurrent):
    name = "lstm"
    table_name = "LSTM"
    layer_class = "LSTM"
    cell_class = "LSTMCell"
    c_cell = "lstm"
    gates = 4
    has_cell_state = True
    float_step = staticmethod(rnn_float.lstm_step)
    int8_step = staticmethod(int8_cells.lstm_step)


RECURRENT = (register(SimpleRNN()), register(GRU()), register(LSTM()))
