"""Keras recurrent layers -> NNoM nodes: SimpleRNN, GRU, LSTM, RNN(cell)
(also with a list of cells: one node per cell) and Bidirectional.

Input (timesteps, features), batch 1. Supported: return_sequences,
stateful, go_backwards, GRU reset_after true and false, use_bias false,
Bidirectional with merge_mode concat, sum, ave or mul. Activations must be
bounded and flat beyond |x| = 8 (the cells' tables cover -8..8): tanh,
sigmoid, hard_sigmoid, hard_tanh; gates (recurrent_activation) sigmoid or
hard_sigmoid. Anything else fails with a one-line message.

The handlers are the recurrent ops' Keras classes (rnn.py).
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..activations import Activation
from ..frontend.keras_context import KerasContext
from .rnn_cell import MAX_UNITS, MERGE_CONCAT, MERGES, output_shape


def _cell_ops() -> dict:
    """Keras cell class -> its recurrent op (rnn.py)."""
    from .rnn import RECURRENT

    return {op.cell_class: op for op in RECURRENT}


def _layer_cells() -> dict:
    """Keras layer class -> its cell class."""
    from .rnn import RECURRENT

    return {op.layer_class: op.cell_class for op in RECURRENT}


ACTIVATIONS = ("tanh", "sigmoid", "hard_sigmoid", "hard_tanh")
GATE_ACTIVATIONS = ("sigmoid", "hard_sigmoid")


def _name(value) -> str:
    if isinstance(value, dict):  # Keras 3 may serialise {"config": "tanh", ...}
        inner = value.get("config")
        value = inner if isinstance(inner, str) else value.get("class_name", "?")
    return "linear" if value is None else str(value)


def _activation(ctx: KerasContext, cfg: dict, key: str, default: str, allowed) -> Activation:
    name = _name(cfg.get(key, default))
    act = activations.from_keras(name, ctx.keras_major, ctx.layer.name, ctx.layer.class_name)
    if act is None or act.kind not in allowed:
        raise ctx.fail(
            f"{key}='{name}' is not supported in a recurrent cell; supported: " + ", ".join(allowed)
        )
    return act


def _layer_options(ctx: KerasContext, cfg: dict) -> dict:
    """The options of an RNN layer (not of its cell)."""
    if cfg.get("return_state"):
        raise ctx.fail(
            "return_state=True is not supported: only the layer's output can feed other "
            "layers (keep the state across runs with stateful=True instead)"
        )
    if cfg.get("time_major"):
        raise ctx.fail("time_major=True is not supported; use (batch, timesteps, features)")
    return {
        "return_sequences": bool(cfg.get("return_sequences", False)),
        "stateful": bool(cfg.get("stateful", False)),
        "go_backwards": bool(cfg.get("go_backwards", False)),
    }


def _cells_of(ctx: KerasContext, entry: dict) -> list[dict]:
    """The cell entries ({"class_name", "config"}) of a layer entry."""
    cls, cfg = entry["class_name"], entry["config"]
    layer_cells = _layer_cells()
    if cls in layer_cells:
        return [{"class_name": layer_cells[cls], "config": cfg}]
    if cls == "RNN":
        cell = cfg.get("cell")
        if isinstance(cell, list):  # Keras 2 may store a list of cells directly
            return cell
        if isinstance(cell, dict) and cell.get("class_name") == "StackedRNNCells":
            return list(cell["config"]["cells"])
        if isinstance(cell, dict):
            return [cell]
    raise ctx.fail(f"a {cls} layer here is not supported (SimpleRNN, GRU, LSTM or RNN)")


def _cell(ctx: KerasContext, entry: dict, weights: list[np.ndarray], in_features: int) -> dict:
    """attrs and float weights of one cell; consumes its arrays from `weights`."""
    cls, cfg = entry.get("class_name"), entry.get("config") or {}
    cell_ops = _cell_ops()
    if cls not in cell_ops:
        raise ctx.fail(
            f"cell class '{cls}' is not supported; supported: " + ", ".join(sorted(cell_ops))
        )
    op = cell_ops[cls]
    units = int(cfg["units"])
    if not 1 <= units <= MAX_UNITS:
        raise ctx.fail(f"{units} units; at most {MAX_UNITS} are supported")
    attrs = {
        "units": units,
        "activation": _activation(ctx, cfg, "activation", "tanh", ACTIVATIONS),
        "recurrent_activation": None,
    }
    if op.gates > 1:
        attrs["recurrent_activation"] = _activation(
            ctx, cfg, "recurrent_activation", "sigmoid", GATE_ACTIVATIONS
        )
    if op.has_reset_after:
        attrs["reset_after"] = bool(cfg.get("reset_after", True))
    gates = op.gates
    use_bias = bool(cfg.get("use_bias", True))
    count = 3 if use_bias else 2
    if len(weights) < count:
        raise ctx.fail(f"the file holds {len(weights)} weight arrays for a cell needing {count}")
    kernel, recurrent = (np.asarray(w, np.float32) for w in weights[:2])
    bias = np.asarray(weights[2], np.float32) if use_bias else None
    del weights[:count]
    if kernel.shape != (in_features, gates * units) or recurrent.shape != (units, gates * units):
        raise ctx.fail(
            f"kernel {kernel.shape} / recurrent kernel {recurrent.shape} do not fit "
            f"{in_features} input features and {units} units"
        )
    recurrent_bias = None
    if bias is None:
        bias = np.zeros(gates * units, np.float32)
    elif op.has_reset_after and attrs["reset_after"]:
        if bias.shape != (2, gates * units):
            raise ctx.fail(f"GRU bias {bias.shape}; expected (2, {gates * units})")
        bias, recurrent_bias = bias[0], bias[1]
    if op.has_reset_after and attrs["reset_after"] and recurrent_bias is None:
        recurrent_bias = np.zeros(gates * units, np.float32)
    if bias.shape != (gates * units,):
        raise ctx.fail(f"bias {bias.shape}; expected ({gates * units},)")
    return {
        "op": op,
        "attrs": attrs,
        "weights": {
            "kernel": kernel,
            "recurrent": recurrent,
            "bias": bias,
            "recurrent_bias": recurrent_bias,
        },
    }


def _input_steps(ctx: KerasContext) -> tuple[int, int]:
    shape = ctx.x.shape
    if len(shape) != 2:
        raise ctx.fail(f"needs a (timesteps, features) input, got shape {shape}")
    return int(shape[0]), int(shape[1])


def _weights(cell: dict, d: int) -> dict:
    w = cell["weights"]
    out = {f"kernel{d}": w["kernel"], f"recurrent{d}": w["recurrent"], f"bias{d}": w["bias"]}
    if w["recurrent_bias"] is not None:
        out[f"recurrent_bias{d}"] = w["recurrent_bias"]
    return out


def recurrent(ctx: KerasContext) -> None:
    """SimpleRNN, GRU, LSTM and RNN: one node per cell."""
    entry = {"class_name": ctx.layer.class_name, "config": ctx.cfg}
    options = _layer_options(ctx, ctx.cfg)
    cells = _cells_of(ctx, entry)
    steps, features = _input_steps(ctx)
    weights = list(ctx.layer.weights)
    previous = ctx.x.name
    for k, cell_entry in enumerate(cells):
        cell = _cell(ctx, cell_entry, weights, features)
        last = k == len(cells) - 1
        attrs = {
            **cell["attrs"],
            "timesteps": steps,
            "in_features": features,
            "return_sequences": options["return_sequences"] or not last,
            "stateful": options["stateful"],
            # stacked cells run in the first one's order: outputs come in that order
            "go_backwards": options["go_backwards"] and k == 0,
            "merge": None,
        }
        node = ctx.node(
            cell["op"].name,
            output_shape(attrs),
            inputs=[previous],
            attrs=attrs,
            weights=_weights(cell, 0),
        )
        previous, features = node.name, attrs["units"]
    if weights:
        raise ctx.fail(f"{len(weights)} weight arrays left over after the cells")


def bidirectional(ctx: KerasContext) -> None:
    cfg = ctx.cfg
    merge = cfg.get("merge_mode", MERGE_CONCAT)
    if merge not in MERGES:
        raise ctx.fail(f"merge_mode={merge!r} is not supported; supported: " + ", ".join(MERGES))
    forward = cfg["layer"]
    backward = cfg.get("backward_layer") or forward
    options = _layer_options(ctx, forward["config"])
    if options["go_backwards"]:
        raise ctx.fail("a wrapped layer with go_backwards=True is not supported")
    back_options = _layer_options(ctx, backward["config"])
    if (back_options["return_sequences"], back_options["stateful"]) != (
        options["return_sequences"],
        options["stateful"],
    ):
        raise ctx.fail("the forward and backward layers differ in return_sequences or stateful")
    steps, features = _input_steps(ctx)
    weights = list(ctx.layer.weights)
    cells = []
    for entry in (forward, backward):
        found = _cells_of(ctx, entry)
        if len(found) != 1:
            raise ctx.fail("a wrapped RNN with several cells is not supported")
        cells.append(_cell(ctx, found[0], weights, features))
    if weights:
        raise ctx.fail(f"{len(weights)} weight arrays left over after the cells")
    f, b = cells
    same = f["op"] is b["op"] and f["attrs"]["units"] == b["attrs"]["units"]
    if not same or f["attrs"] != b["attrs"]:
        raise ctx.fail(
            "the forward and backward layers must be the same kind of layer "
            "with the same units and activations"
        )
    attrs = {
        **f["attrs"],
        "timesteps": steps,
        "in_features": features,
        **options,
        "merge": merge,
    }
    ctx.node(
        f["op"].name, output_shape(attrs), attrs=attrs, weights={**_weights(f, 0), **_weights(b, 1)}
    )


KERAS_CLASSES = {
    "SimpleRNN": recurrent,
    "GRU": recurrent,
    "LSTM": recurrent,
    "RNN": recurrent,
    "Bidirectional": bidirectional,
}
