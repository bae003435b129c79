"""MACs, scratch and state bytes of a recurrent layer: the same numbers
src/layers/nnom_rnn.c computes (rnn_build, nnom_rnn_state_bytes)."""

from __future__ import annotations

from ..graph import Node
from . import GATES, n_cells

ALIGN = 4


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def macs(node: Node) -> int:
    a = node.attrs
    rows = GATES[node.op] * a["units"]
    return a["timesteps"] * n_cells(node) * rows * (a["in_features"] + a["units"])


def cell_state_bytes(node: Node) -> int:
    """h (int16) and, for LSTM, c (int32) of one cell."""
    u = node.attrs["units"]
    return _align(2 * u) + (4 * u if node.op == "lstm" else 0)


def persistent_bytes(node: Node) -> int:
    """State kept across runs (stateful layers), allocated with the layer."""
    return n_cells(node) * cell_state_bytes(node) if node.attrs["stateful"] else 0


def scratch(node: Node) -> int:
    """Gate accumulators, GRU's r*h, the state when not stateful, and the
    forward sequence of a Bidirectional that merges by sum/ave/mul."""
    a = node.attrs
    u = a["units"]
    rows = GATES[node.op] * u
    total = 2 * 4 * rows
    if node.op == "gru" and not a["reset_after"]:
        total += _align(2 * u)
    if not a["stateful"]:
        total += n_cells(node) * cell_state_bytes(node)
    if n_cells(node) == 2 and a["return_sequences"] and a["merge"] != "concat":
        total += _align(2 * a["timesteps"] * u)
    return total
