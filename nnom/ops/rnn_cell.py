"""Recurrent layers (SimpleRNN, GRU, LSTM, Bidirectional): what their op
(rnn.py), Keras mapping (rnn_keras.py), float cells (rnn_float.py) and
quantisation (rnn_quantize.py) share.

A recurrent node has op "simple_rnn", "gru" or "lstm" and runs one cell, or
two for Bidirectional (forward, then backward). Its attrs:

- units, timesteps, in_features
- return_sequences, stateful, go_backwards
- merge: None for one cell; "concat", "sum", "ave" or "mul" for two
- activation, recurrent_activation: graph.Activation (None: no recurrent
  activation, SimpleRNN)
- reset_after: GRU only

Its weights, per cell d (0 forward, 1 backward), in Keras' layouts:
`kernel{d}` (in, G*units), `recurrent{d}` (units, G*units), `bias{d}`
(G*units,), and for GRU with reset_after `recurrent_bias{d}` (G*units,).
G is the number of gates: 1, 3 (z, r, h) or 4 (i, f, c, o).
"""

from __future__ import annotations

from ..graph import Node

MAX_UNITS = 256  # keeps every int32 accumulator exact (docs/rnn.md)
MERGE_CONCAT = "concat"  # Bidirectional merge modes
MERGES = (MERGE_CONCAT, "sum", "ave", "mul")


def n_cells(node: Node) -> int:
    return 1 if node.attrs.get("merge") is None else 2


def cell_weights(node: Node, d: int) -> dict:
    """kernel, recurrent, bias and recurrent_bias (or None) of cell d."""
    w = node.weights
    return {
        "kernel": w[f"kernel{d}"],
        "recurrent": w[f"recurrent{d}"],
        "bias": w[f"bias{d}"],
        "recurrent_bias": w.get(f"recurrent_bias{d}"),
    }


def output_shape(attrs: dict) -> tuple[int, ...]:
    units = attrs["units"] * (2 if attrs.get("merge") == MERGE_CONCAT else 1)
    return (attrs["timesteps"], units) if attrs["return_sequences"] else (units,)
