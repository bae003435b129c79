"""Integer parameters of a recurrent node (docs/rnn.md, nnom/reference/rnn.py).

Weights: int8 symmetric, one scale per row (per gate and unit) of the
kernel and of the recurrent kernel (one per matrix when per_channel is
off). The x part is requantised to Q3.12 with multiplier
in_scale * w_scale[j] * 2**12, the h part (h in Q0.15) with
w_scale[j] * 2**-15 * 2**12. The output multiplier maps Q0.15 h (or the
merged value: Q0.15 sum, Q0.15 sum / 2, Q0.30 product) to the output scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import UnsupportedLayerError
from ..fixedpoint import quantize_multiplier
from ..graph import Node, QParams
from ..reference.rnn import ONE, PRE_FRAC, STATE_FRAC, activation_table
from .common import QuantParams
from .rnn_cell import cell_weights, n_cells


@dataclass
class CellParams:
    """One cell's integer weights: rows are gate-units ([G*u][in], [G*u][u])."""

    kernel: np.ndarray  # int8 [G*u][in]
    bias: np.ndarray  # int32
    kmult: np.ndarray  # int32 per row: the x part to Q3.12
    kshift: np.ndarray
    recurrent: np.ndarray  # int8 [G*u][u]
    rbias: np.ndarray | None  # int32, GRU with reset_after only
    rmult: np.ndarray  # the h part to Q3.12
    rshift: np.ndarray
    kernel_scale: np.ndarray  # float32 per row
    recurrent_scale: np.ndarray


@dataclass
class RNNParams(QuantParams):
    cells: list[CellParams]  # forward, then backward (Bidirectional)
    act_table: np.ndarray  # int16 activation table
    rec_table: np.ndarray | None  # the gates' table (None: SimpleRNN)
    out_mult: int  # Q0.15 h (or the merged value) to the output scale
    out_shift: int


BIAS_LIMIT = 1 << 30  # biases are clamped so that no int32 sum can overflow
VALUE_LIMIT = 1 << 30  # every requantised part and every shifted accumulator


def _round(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


def _row_scales(matrix: np.ndarray, per_channel: bool) -> np.ndarray:
    """One float32 scale per column (gate-unit) of a Keras (in, G*u) matrix."""
    peak = (
        np.abs(matrix).max(axis=0)
        if per_channel
        else np.full(matrix.shape[1], np.abs(matrix).max())
    )
    return np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)


def _multipliers(real: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pairs = [quantize_multiplier(float(m)) for m in real]
    return (np.array([m for m, _ in pairs], np.int32), np.array([s for _, s in pairs], np.int32))


def _check(node: Node, what: str, acc_bound: np.ndarray, mult, shift) -> None:
    """No requantisation may wrap its left shift or give more than 2**30."""
    left = np.maximum(np.asarray(shift, np.int64), 0)
    shifted = acc_bound * (2.0**left)
    result = acc_bound * np.asarray(mult, np.float64) * 2.0 ** (np.asarray(shift) - 31.0)
    if np.any(shifted >= 2.0**31) or np.any(result >= VALUE_LIMIT):
        raise UnsupportedLayerError(
            node.source,
            node.source_class,
            f"its {what} can reach values too large for the int32 arithmetic of the cell "
            "(weights or input range too large)",
        )


def _fit_bias(scales: np.ndarray, bias, unit: float, per_channel: bool) -> np.ndarray:
    """Scales with |bias| / (unit * scale) <= BIAS_LIMIT."""
    need = np.abs(np.asarray(bias, np.float64)) / (unit * BIAS_LIMIT)
    if not per_channel:
        need = np.full_like(need, need.max(initial=0.0))
    fitted = np.nextafter(need.astype(np.float32), np.float32(np.inf))
    return np.where(need > scales, fitted, scales).astype(scales.dtype)


def _quantize_cell(node: Node, d: int, in_q: QParams, per_channel: bool) -> CellParams:
    w = cell_weights(node, d)
    kernel = np.asarray(w["kernel"], np.float64)
    recurrent = np.asarray(w["recurrent"], np.float64)
    ks = _row_scales(kernel, per_channel)
    rs = _row_scales(recurrent, per_channel)
    # near-dead rows (tiny weights, large bias): scales raised until the bias
    # fits in BIAS_LIMIT instead of being clamped, as for Dense
    ks = _fit_bias(ks, w["bias"], float(in_q.scale), per_channel)
    if w["recurrent_bias"] is not None:
        rs = _fit_bias(rs, w["recurrent_bias"], 1.0 / ONE, per_channel)
    kq = np.clip(_round(kernel / ks), -127, 127).astype(np.int8).T.copy()  # [G*u][in]
    rq = np.clip(_round(recurrent / rs), -127, 127).astype(np.int8).T.copy()  # [G*u][u]
    bias_scale = np.float64(in_q.scale) * ks.astype(np.float64)
    bias = np.clip(
        _round(np.asarray(w["bias"], np.float64) / bias_scale), -BIAS_LIMIT, BIAS_LIMIT
    ).astype(np.int32)
    kmult, kshift = _multipliers(bias_scale * (1 << PRE_FRAC))
    h_scale = rs.astype(np.float64) / ONE
    rbias = None
    if w["recurrent_bias"] is not None:
        rbias = np.clip(
            _round(np.asarray(w["recurrent_bias"], np.float64) / h_scale), -BIAS_LIMIT, BIAS_LIMIT
        ).astype(np.int32)
    rmult, rshift = _multipliers(h_scale * (1 << PRE_FRAC))
    x_bound = 255.0 * np.abs(kq.astype(np.float64)).sum(axis=1) + np.abs(bias)
    h_bound = float(ONE) * np.abs(rq.astype(np.float64)).sum(axis=1)
    if rbias is not None:
        h_bound = h_bound + np.abs(rbias)
    _check(node, "input part", x_bound, kmult, kshift)
    _check(node, "recurrent part", h_bound, rmult, rshift)
    return CellParams(
        kernel=kq,
        bias=bias,
        kmult=kmult,
        kshift=kshift,
        recurrent=rq,
        rbias=rbias,
        rmult=rmult,
        rshift=rshift,
        kernel_scale=ks,
        recurrent_scale=rs,
    )


def assign(node: Node, in_q: QParams, out_q: QParams, per_channel: bool = True) -> None:
    """Set node.out_q and node.q for a recurrent node."""
    a = node.attrs
    node.out_q = out_q
    node.pre_q = None
    cells = [_quantize_cell(node, d, in_q, per_channel) for d in range(n_cells(node))]
    rec = a.get("recurrent_activation")
    merge = a.get("merge")
    frac = {"mul": 2 * STATE_FRAC, "ave": STATE_FRAC + 1}.get(merge, STATE_FRAC)
    real = 2.0**-frac / float(out_q.scale)
    mult, shift = quantize_multiplier(real)
    bound = float(ONE) * ONE if merge == "mul" else 2.0 * ONE if merge in ("sum", "ave") else ONE
    _check(node, "output", np.array([bound]), [mult], [shift])
    node.q = RNNParams(
        cells=cells,
        act_table=activation_table(a["activation"]),
        rec_table=None if rec is None else activation_table(rec),
        out_mult=int(mult),
        out_shift=int(shift),
    )
