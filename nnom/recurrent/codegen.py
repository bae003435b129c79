"""C for a recurrent node: activation tables (once per header), cell
configs, the layer config and its constructor call (nnom_rnn.h)."""

from __future__ import annotations

from ..graph import Activation, Node
from . import memory, n_cells

_CELL = {"simple_rnn": "simple", "gru": "gru", "lstm": "lstm"}
_MERGE = {
    None: "NNOM_RNN_MERGE_CONCAT",
    "concat": "NNOM_RNN_MERGE_CONCAT",
    "sum": "NNOM_RNN_MERGE_SUM",
    "ave": "NNOM_RNN_MERGE_AVE",
    "mul": "NNOM_RNN_MERGE_MUL",
}


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
    from ..codegen import c_array

    if not any(f" {name}[" in part for part in writer.parts):
        writer.parts.append(
            f"/* {act.kind}: Q3.12 input -8..8 every 1/32, Q0.15 output (docs/rnn.md) */\n"
            + c_array("int16_t", name, table)
        )
    return name


def emit(writer, node: Node, n: str, super_: str) -> str:
    """Definitions for node `node` with C identifier `n`."""
    from ..codegen import c_array, c_string

    a, q = node.attrs, node.q
    act = _table(writer, a["activation"], q["act_table"])
    rec = _table(writer, a.get("recurrent_activation"), q["rec_table"])
    out = []
    for d, cq in enumerate(q["cells"]):
        p = f"{n}_c{d}"
        out.append(c_array("int8_t", f"{p}_kernel", cq["kernel"]))
        out.append(c_array("int32_t", f"{p}_bias", cq["bias"]))
        out.append(c_array("int32_t", f"{p}_kmult", cq["kmult"]))
        out.append(c_array("int32_t", f"{p}_kshift", cq["kshift"]))
        out.append(c_array("int8_t", f"{p}_recurrent", cq["recurrent"]))
        if cq["rbias"] is not None:
            out.append(c_array("int32_t", f"{p}_rbias", cq["rbias"]))
        out.append(c_array("int32_t", f"{p}_rmult", cq["rmult"]))
        out.append(c_array("int32_t", f"{p}_rshift", cq["rshift"]))
        common = (
            f"{{.name = {c_string(node.source or node.name)}, .units = {a['units']}, "
            f".in_features = {a['in_features']}, .kernel = {p}_kernel, .bias = {p}_bias, "
            f".kernel_mult = {p}_kmult, .kernel_shift = {p}_kshift, "
            f".recurrent_kernel = {p}_recurrent, "
            f".recurrent_bias = {p + '_rbias' if cq['rbias'] is not None else 'NULL'}, "
            f".recurrent_mult = {p}_rmult, .recurrent_shift = {p}_rshift, .activation = {act}}}"
        )
        kind = _CELL[node.op]
        extra = ""
        if node.op != "simple_rnn":
            extra += f", .recurrent_activation = {rec}"
        if node.op == "gru":
            extra += f", .reset_after = {int(a['reset_after'])}"
        out.append(
            f"static const nnom_{kind}_cell_config_t {p}_config = {{.super = {common}{extra}}};\n"
        )
    out.append(
        f"static const nnom_rnn_config_t {n}_config = {{{super_}, "
        f".return_sequences = {int(a['return_sequences'])}, .stateful = {int(a['stateful'])}, "
        f".go_backwards = {int(a['go_backwards'])}, .merge = {_MERGE[a.get('merge')]}, "
        f".out_mult = {q['out_mult']}, .out_shift = {q['out_shift']}}};\n"
    )
    return "".join(out)


def constructor(node: Node, n: str) -> str:
    kind = _CELL[node.op]
    cells = [f"{kind}_cell_s(&{n}_c{d}_config)" for d in range(n_cells(node))]
    if len(cells) == 1:
        return f"rnn_s({cells[0]}, &{n}_config)"
    return f"bidirectional_s({cells[0]}, {cells[1]}, &{n}_config)"


def static_bytes(node: Node) -> str:
    """This layer's nnom_mem() bytes beyond NNOM_LAYER_BYTES."""
    return f"NNOM_RNN_BYTES({n_cells(node)}, {memory.persistent_bytes(node)})"
