"""Recurrent layers in float, as Keras computes them (calibration, reports).

Every sample starts from a zero state, also for stateful layers: the float
run only measures the ranges of the outputs.
"""

from __future__ import annotations

import numpy as np

from ..activations import apply
from ..graph import Node
from . import cell_weights, n_cells


def _step(node: Node, w: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray | None):
    a = node.attrs
    act, rec = a["activation"], a.get("recurrent_activation")
    u = a["units"]
    xw = x @ w["kernel"] + w["bias"]
    if node.op == "simple_rnn":
        return apply(act, xw + h @ w["recurrent"]), None
    if node.op == "lstm":
        z = xw + h @ w["recurrent"]
        i = apply(rec, z[:, :u])
        f = apply(rec, z[:, u : 2 * u])
        g = apply(act, z[:, 2 * u : 3 * u])
        o = apply(rec, z[:, 3 * u :])
        c = f * c + i * g
        return o * apply(act, c), c
    # GRU
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


def run(node: Node, x_nhwc: np.ndarray) -> np.ndarray:
    """NHWC (N, 1, T, F) float input -> NHWC output."""
    a = node.attrs
    x = x_nhwc.reshape(x_nhwc.shape[0], x_nhwc.shape[2], x_nhwc.shape[3]).astype(np.float64)
    batch, steps = x.shape[0], x.shape[1]
    u = a["units"]
    seqs = []
    for d in range(n_cells(node)):
        w = {k: None if v is None else np.asarray(v, np.float64)
             for k, v in cell_weights(node, d).items()}
        backwards = bool(a["go_backwards"]) != (d == 1)
        h = np.zeros((batch, u))
        c = np.zeros((batch, u)) if node.op == "lstm" else None
        outs = [None] * steps
        for t in range(steps):
            h, c = _step(node, w, x[:, steps - 1 - t if backwards else t], h, c)
            outs[steps - 1 - t if d == 1 else t] = h
        seqs.append(np.stack(outs, axis=1) if a["return_sequences"] else h)
    if n_cells(node) == 1:
        y = seqs[0]
    else:
        merge = a["merge"]
        f, b = seqs
        if merge == "concat":
            y = np.concatenate([f, b], axis=-1)
        elif merge == "sum":
            y = f + b
        elif merge == "ave":
            y = (f + b) / 2.0
        else:
            y = f * b
    return y.reshape((batch,) + node.hwc).astype(x_nhwc.dtype)
