"""Recurrent cells on int8: the numeric spec of src/layers/nnom_rnn.c and
src/kernels/local/nnom_local_rnn_s8.c. docs/rnn.md explains the choices.

Formats (Qm.n: n fractional bits):
- inputs x and outputs y: int8 with the tensors' scale and zero point;
- weights: int8 symmetric, one scale per row (gate and unit) of the kernel
  and of the recurrent kernel; biases int32 at the scale of their products;
- gate pre-activations: Q3.12 held in int32, saturated to int16 when they
  enter an activation table;
- gates, activation outputs and the hidden state h: Q0.15 int16;
- the LSTM cell state c: Q11.20 int32, saturated to +-2**30.

One time step of every cell starts with two matrix-vector products:
    X[j] = requantize(bias[j] + sum_i (x_i - zp_x) * W[j][i], kmult[j], kshift[j])
    H[j] = requantize(rbias[j] + sum_k h_k * U[j][k], rmult[j], rshift[j])
(`requantize` is the int8 layers' one, fixedpoint.requantize; rbias is 0
except for GRU with reset_after.) Shifts `>> n` are arithmetic; every
rounding shift is `rshift_round(v, n) = (v + 2**(n-1)) >> n` (halves up).

Activations are 513-entry int16 tables over the Q3.12 range, read with
linear interpolation (`interp`).
"""

from __future__ import annotations

import numpy as np

from ..activations import Activation
from ..fixedpoint import requantize
from ..graph import Node
from ..ops.rnn_cell import MERGE_CONCAT

PRE_FRAC = 12  # gate pre-activations, Q3.12
STATE_FRAC = 15  # h, gates and activation outputs, Q0.15
CELL_FRAC = 20  # LSTM cell state, Q11.20
CELL_LIMIT = 1 << 30  # |c| is saturated to this
ONE = 1 << STATE_FRAC  # 1.0 in Q0.15
TABLE_BITS = 7  # the tables hold one entry every 2**7 Q3.12 steps (1/32)
TABLE_SIZE = (1 << (16 - TABLE_BITS)) + 1  # 513: inputs -8 .. +8
TABLE_MAX = ONE - 1


def rshift_round(v, n: int):
    """(v + 2**(n-1)) >> n on int64 values: rounding halves up."""
    return (np.asarray(v, dtype=np.int64) + (1 << (n - 1))) >> n


def sat16(v):
    return np.clip(np.asarray(v, dtype=np.int64), -32768, 32767)


def activation_table(act: Activation) -> np.ndarray:
    """T[k] = round(2**15 * f((k - 256) / 32)), halves away from zero,
    clamped to +-(2**15 - 1); k = 0 .. 512. int64 values."""
    from ..activations import apply

    x = (np.arange(TABLE_SIZE, dtype=np.float64) - (TABLE_SIZE - 1) // 2) / (
        1 << (PRE_FRAC - TABLE_BITS)
    )
    y = apply(act, x) * ONE
    q = np.sign(y) * np.floor(np.abs(y) + 0.5)
    return np.clip(q, -TABLE_MAX, TABLE_MAX).astype(np.int64)


def interp(table: np.ndarray, pre) -> np.ndarray:
    """The activation of a Q3.12 pre-activation (saturated to int16), Q0.15.

    u = pre + 32768; i = u >> 7; f = u & 127;
    y = T[i] + (((T[i+1] - T[i]) * f + 64) >> 7)
    """
    u = sat16(pre) + 32768
    i = u >> TABLE_BITS
    f = u & ((1 << TABLE_BITS) - 1)
    t0 = table[i]
    t1 = table[i + 1]
    return t0 + (((t1 - t0) * f + (1 << (TABLE_BITS - 1))) >> TABLE_BITS)


def matvec(v: np.ndarray, w: np.ndarray, bias) -> np.ndarray:
    """bias + v @ w.T, exactly: v (B, n) int64, w (rows, n) int8.

    float64 is exact: every |term| < 2**23 and every sum < 2**31."""
    acc = (v.astype(np.float64) @ w.astype(np.float64).T).astype(np.int64)
    return acc if bias is None else acc + np.asarray(bias, dtype=np.int64)


def _x_part(cq, xc: np.ndarray) -> np.ndarray:
    return requantize(matvec(xc, cq.kernel, cq.bias), cq.kmult, cq.kshift)


def _h_part(cq, h: np.ndarray, rows: slice) -> np.ndarray:
    rbias = cq.rbias
    acc = matvec(h, cq.recurrent[rows], None if rbias is None else rbias[rows])
    return requantize(acc, cq.rmult[rows], cq.rshift[rows])


def simple_step(cq, q, attrs: dict, xc: np.ndarray, state: dict) -> None:
    """h = act(X + H). cq: the cell's ops.rnn_quantize.CellParams, q: the
    layer's RNNParams (tables)."""
    act = q.act_table
    x_part = _x_part(cq, xc)
    h_part = _h_part(cq, state["h"], slice(None))
    state["h"] = interp(act, x_part + h_part)


def gru_step(cq, q, attrs: dict, xc: np.ndarray, state: dict) -> None:
    """Keras' GRU, gates z, r, h in that order.

    z = rec(Xz + Hz); r = rec(Xr + Hr)
    reset_after:  hh = act(Xh + rshift_round(r * Hh, 15))       (int64 product)
    otherwise:    hh = act(Xh + H'h), H'h = the h part of rshift_round(r * h, 15)
    h = rshift_round(z * h + (2**15 - z) * hh, 15)
    """
    act, rec, reset_after = q.act_table, q.rec_table, attrs["reset_after"]
    h = state["h"]
    u = h.shape[1]
    x_part = _x_part(cq, xc)
    h_part = _h_part(cq, h, slice(0, 3 * u if reset_after else 2 * u))
    z = interp(rec, x_part[:, :u] + h_part[:, :u])
    r = interp(rec, x_part[:, u : 2 * u] + h_part[:, u : 2 * u])
    if reset_after:
        cand = x_part[:, 2 * u :] + rshift_round(r * h_part[:, 2 * u :], STATE_FRAC)
    else:
        rh = rshift_round(r * h, STATE_FRAC)
        cand = x_part[:, 2 * u :] + _h_part(cq, rh, slice(2 * u, 3 * u))
    hh = interp(act, cand)
    state["h"] = rshift_round(z * h + (ONE - z) * hh, STATE_FRAC)


def lstm_step(cq, q, attrs: dict, xc: np.ndarray, state: dict) -> None:
    """Keras' LSTM, gates i, f, c, o in that order.

    i, f, o = rec(X + H); g = act(Xc + Hc)
    c = clamp(rshift_round(f * c, 15) + rshift_round(i * g, 10), +-2**30)   (Q11.20)
    h = rshift_round(o * act(rshift_round(c, 8)), 15)
    """
    act, rec = q.act_table, q.rec_table
    u = state["h"].shape[1]
    pre = _x_part(cq, xc) + _h_part(cq, state["h"], slice(None))
    i = interp(rec, pre[:, :u])
    f = interp(rec, pre[:, u : 2 * u])
    g = interp(act, pre[:, 2 * u : 3 * u])
    o = interp(rec, pre[:, 3 * u :])
    fc = rshift_round(f * state["c"], STATE_FRAC)
    ig = rshift_round(i * g, 2 * STATE_FRAC - CELL_FRAC)
    c = np.clip(fc + ig, -CELL_LIMIT, CELL_LIMIT)
    state["c"] = c
    state["h"] = rshift_round(o * interp(act, rshift_round(c, CELL_FRAC - PRE_FRAC)), STATE_FRAC)


def zero_state(node: Node, batch: int, with_cell_state: bool) -> list[dict]:
    """h (and c, with_cell_state: LSTM) of every cell, all zero: (batch,
    units) int64 arrays."""
    u = node.attrs["units"]
    return [
        {
            "h": np.zeros((batch, u), np.int64),
            "c": np.zeros((batch, u), np.int64) if with_cell_state else None,
        }
        for _ in node.q.cells
    ]


def _output(node: Node, v: np.ndarray) -> np.ndarray:
    """int8 output of a Q0.15 h, or of the merged value (docs/rnn.md)."""
    y = requantize(v, node.q.out_mult, node.q.out_shift) + node.out_q.zero_point
    return np.clip(y, -128, 127)


def _merge(node: Node, hf: np.ndarray, hb: np.ndarray) -> np.ndarray:
    merge = node.attrs["merge"]
    if merge == MERGE_CONCAT:
        return np.concatenate([_output(node, hf), _output(node, hb)], axis=-1)
    if merge == "mul":
        return _output(node, hf * hb)  # Q0.30
    return _output(node, hf + hb)  # sum and ave differ in the multiplier only


def run_sequence(
    node: Node, step, x: np.ndarray, zp_in: int, state: list[dict]
) -> tuple[np.ndarray, list[dict]]:
    """The layer on int8 x of shape (B, T, F), any T, from `state` (updated
    in place), one step() per cell and time step. Returns int8 (B, T,
    units') or (B, units')."""
    a = node.attrs
    steps = x.shape[1]
    xc = x.astype(np.int64) - zp_in
    seqs: list[list[np.ndarray]] = []
    for d, cq in enumerate(node.q.cells):
        backwards = bool(a["go_backwards"]) != (d == 1)
        outs = [None] * steps
        for t in range(steps):
            src = steps - 1 - t if backwards else t
            step(cq, node.q, a, xc[:, src], state[d])
            # the backward cell of a Bidirectional writes in input order
            outs[steps - 1 - t if d == 1 else t] = state[d]["h"]
        seqs.append(outs)
    if len(seqs) == 1:
        if a["return_sequences"]:
            y = _output(node, np.stack(seqs[0], axis=1))
        else:
            y = _output(node, state[0]["h"])
    elif a["return_sequences"]:
        y = _merge(node, np.stack(seqs[0], axis=1), np.stack(seqs[1], axis=1))
    else:
        y = _merge(node, state[0]["h"], state[1]["h"])
    return y.astype(np.int8), state


def run(
    node: Node, step, with_cell_state: bool, x_nhwc: np.ndarray, zp_in: int, states: dict | None
) -> np.ndarray:
    """The layer on a batch of int8 NHWC inputs (N, 1, T, F), NHWC output;
    step: simple_step, gru_step or lstm_step; with_cell_state: LSTM's c.

    A stateful layer runs the batch as consecutive model_run() calls: its
    state, kept in `states[node.name]`, goes from one sample to the next
    and on to the next call. Other layers start every sample from zero."""
    x = x_nhwc.reshape(x_nhwc.shape[0], x_nhwc.shape[2], x_nhwc.shape[3])
    if not node.attrs["stateful"]:
        state = zero_state(node, x.shape[0], with_cell_state)
        y, _ = run_sequence(node, step, x, zp_in, state)
    else:
        states = {} if states is None else states
        state = states.get(node.name) or zero_state(node, 1, with_cell_state)
        rows = []
        for k in range(x.shape[0]):
            yk, state = run_sequence(node, step, x[k : k + 1], zp_in, state)
            rows.append(yk)
        states[node.name] = state
        y = np.concatenate(rows) if rows else np.zeros((0,) + node.shape, np.int8)
    return y.reshape((x.shape[0],) + node.hwc)


__all__ = [
    "activation_table",
    "interp",
    "run",
    "run_sequence",
    "zero_state",
]
