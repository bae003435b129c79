"""Where quantisation hurts: per-layer float-vs-int8 error, before flashing.

For each layer of the converted model, the int8 output of the reference (the
same bytes the C runtime computes) is dequantised and compared with the float
output of the same layer (the Keras computation after BatchNorm folding and
activation fusing) over a data set:

- max |err|: the largest absolute difference, in the layer's real units;
- SNR dB: 10 log10(sum(float^2) / sum((int8 - float)^2)).

`nnom report MODEL -c CALIB [--data X] [--plot errors.png]` prints the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .api import ConvertedModel
from .calibration import as_inputs
from .errors import NnomError
from .memory import table_name


@dataclass
class LayerError:
    index: int  # the layer's number in the model table (1-based, run order)
    name: str  # node name
    op: str  # the model table's layer type, e.g. "Conv2D"
    keras: str  # the Keras layer(s) folded into it; the last one's output is compared
    shape: tuple[int, ...]
    scale: float  # one int8 step of the output, in real units
    float_max: float  # largest |float output|
    max_abs: float
    snr_db: float  # math.inf when the int8 output is exact
    computed: bool = True  # False for a model input: its error is the input's rounding


def snr_db(reference: np.ndarray, approx: np.ndarray) -> float:
    ref = np.asarray(reference, dtype=np.float64)
    noise = float(np.sum((np.asarray(approx, dtype=np.float64) - ref) ** 2))
    signal = float(np.sum(ref**2))
    if noise == 0.0:
        return math.inf
    if signal == 0.0:
        return -math.inf
    return 10.0 * math.log10(signal / noise)


def layer_errors(model: ConvertedModel, x) -> list[LayerError]:
    """Per-layer error of the int8 model against float, over the float inputs x."""
    g = model.graph
    arrays = as_inputs(x, [g.node(n).shape for n in g.inputs])
    floats = model.run_float(arrays)
    ints = model.run_layers([model.quantize(a, k) for k, a in enumerate(arrays)])
    rows = []
    for k, layer in enumerate(model.plan.layers):
        node = layer.node
        if node is None:  # Output layers copy their source
            continue
        ref = np.asarray(floats[node.name], dtype=np.float64)
        got = node.out_q.dequantize(ints[node.name]).astype(np.float64)
        rows.append(
            LayerError(
                index=k + 1,
                name=node.name,
                op=table_name(node.op, node.shape),  # as the model table names it
                keras=node.source or node.name,
                shape=tuple(node.shape),
                scale=float(node.out_q.scale),
                float_max=float(np.max(np.abs(ref))) if ref.size else 0.0,
                max_abs=float(np.max(np.abs(got - ref))) if ref.size else 0.0,
                snr_db=snr_db(ref, got),
                computed=bool(node.inputs),
            )
        )
    return rows


def _db(v: float) -> str:
    return "exact" if v == math.inf else ("-inf" if v == -math.inf else f"{v:.1f}")


def format_report(rows: list[LayerError], samples: int) -> str:
    lines = [
        f"Float vs int8, per layer, over {samples} samples "
        "(max |err| in the layer's real units; LSB = one int8 step)",
        f"{'#':>3}  {'layer':<10} {'keras layer(s)':<34} {'shape':<14} "
        f"{'max |float|':>11} {'max |err|':>10} {'LSB':>10} {'SNR dB':>7}",
    ]
    for r in rows:
        keras = r.keras if len(r.keras) <= 34 else r.keras[:31] + "..."
        shape = "(" + ", ".join(map(str, r.shape)) + ")"
        lines.append(
            f"{r.index:>3}  {r.op:<10} {keras:<34} {shape:<14} "
            f"{r.float_max:>11.4g} {r.max_abs:>10.4g} {r.scale:>10.4g} {_db(r.snr_db):>7}"
        )
    finite = [r for r in rows if r.computed and math.isfinite(r.snr_db)]
    if finite:
        worst = min(finite, key=lambda r: r.snr_db)
        lines.append(f"lowest SNR: layer #{worst.index} {worst.keras} ({worst.snr_db:.1f} dB)")
    return "\n".join(lines)


def plot_errors(rows: list[LayerError], path: str | Path) -> Path:
    """Bar chart of SNR and max |err| per layer as a PNG. Needs matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise NnomError(
            "the plot needs matplotlib, which is not installed (pip install matplotlib)"
        ) from None
    path = Path(path)
    labels = [f"#{r.index} {r.keras.split('+')[-1]}" for r in rows]
    finite = [r.snr_db for r in rows if math.isfinite(r.snr_db)]
    cap = (max(finite) if finite else 60.0) + 10.0
    snr = [min(r.snr_db, cap) if r.snr_db != -math.inf else 0.0 for r in rows]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(max(6.0, 0.6 * len(rows)), 6), sharex=True)
    ax1.bar(range(len(rows)), snr, color="tab:blue")
    ax1.set_ylabel("SNR (dB)")
    ax1.set_title("int8 vs float, per layer")
    ax2.bar(
        range(len(rows)), [r.max_abs / r.scale if r.scale else 0.0 for r in rows], color="tab:red"
    )
    ax2.set_ylabel("max |err| (LSB)")
    ax2.set_xticks(range(len(rows)))
    ax2.set_xticklabels(labels, rotation=60, ha="right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
