"""Recurrent layers in float, as Keras computes them (calibration, reports)."""

from __future__ import annotations

import numpy as np

from ..activations import apply
from ..graph import Node
from .rnn_cell import MERGE_CONCAT, cell_weights, n_cells


def simple_step(a: dict, w: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray | None):
    return apply(a["activation"], x @ w["kernel"] + w["bias"] + h @ w["recurrent"]), None


def lstm_step(a: dict, w: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray | None):
    act, rec, u = a["activation"], a["recurrent_activation"], a["units"]
    z = x @ w["kernel"] + w["bias"] + h @ w["recurrent"]
    i = apply(rec, z[:, :u])
    f = apply(rec, z[:, u : 2 * u])
    g = apply(act, z[:, 2 * u : 3 * u])
    o = apply(rec, z[:, 3 * u :])
    c = f * c + i * g
    return o * apply(act, c), c


def gru_step(a: dict, w: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray | None):
    act, rec, u = a["activation"], a["recurrent_activation"], a["units"]
    xw = x @ w["kernel"] + w["bias"]
    if a["reset_after"]:
        hu = h @ w["recurrent"]
        if w["recurrent_bias"] is not None:
            hu = hu + w["recurrent_bias"]
        zr = xw[:, : 2 * u] + hu[:, : 2 * u]
        z = apply(rec, zr[:, :u])
        r = apply(rec, zr[:, u:])
        hh = apply(act, xw[:, 2 * u :] + r * hu[:, 2 * u :])
    else:
        zr = xw[:, : 2 * u] + h @ w["recurrent"][:, : 2 * u]
        z = apply(rec, zr[:, :u])
        r = apply(rec, zr[:, u:])
        hh = apply(act, xw[:, 2 * u :] + (r * h) @ w["recurrent"][:, 2 * u :])
    return z * h + (1.0 - z) * hh, None


def _sequence(node: Node, step, weights: list[dict], x: np.ndarray, state: list) -> np.ndarray:
    """x (B, T, F) from state [(h, c) per cell], updated in place; output (B, ...)."""
    a = node.attrs
    steps = x.shape[1]
    seqs = []
    for d, w in enumerate(weights):
        backwards = bool(a["go_backwards"]) != (d == 1)
        h, c = state[d]
        outs = [None] * steps
        for t in range(steps):
            h, c = step(a, w, x[:, steps - 1 - t if backwards else t], h, c)
            outs[steps - 1 - t if d == 1 else t] = h
        state[d] = (h, c)
        seqs.append(np.stack(outs, axis=1) if a["return_sequences"] else h)
    if n_cells(node) == 1:
        return seqs[0]
    merge = a["merge"]
    f, b = seqs
    if merge == MERGE_CONCAT:
        return np.concatenate([f, b], axis=-1)
    if merge == "sum":
        return f + b
    if merge == "ave":
        return (f + b) / 2.0
    return f * b


def run(node: Node, x_nhwc: np.ndarray, step, with_cell_state: bool) -> np.ndarray:
    """NHWC (N, 1, T, F) float input -> NHWC output; step: one of the
    *_step functions above, with_cell_state: it carries c (LSTM).

    A stateful layer runs the samples one after the other, each from the
    state the previous one left (as consecutive model_run() calls do), so
    that calibration sees the values a stream of inputs reaches."""
    a = node.attrs
    x = x_nhwc.reshape(x_nhwc.shape[0], x_nhwc.shape[2], x_nhwc.shape[3]).astype(np.float64)
    weights = [
        {
            k: None if v is None else np.asarray(v, np.float64)
            for k, v in cell_weights(node, d).items()
        }
        for d in range(n_cells(node))
    ]
    u = a["units"]

    def zero(batch: int) -> list:
        c = np.zeros((batch, u)) if with_cell_state else None
        return [(np.zeros((batch, u)), c) for _ in weights]

    if a["stateful"]:
        state = zero(1)
        y = np.concatenate(
            [_sequence(node, step, weights, x[i : i + 1], state) for i in range(x.shape[0])]
        )
    else:
        y = _sequence(node, step, weights, x, zero(x.shape[0]))
    return y.reshape((x.shape[0],) + node.hwc).astype(x_nhwc.dtype)
