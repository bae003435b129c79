"""Random recurrent Keras models for tests, and Keras' own outputs for them.

Keras is imported lazily (keras_factory._keras), so importing this is cheap.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from keras_factory import _keras, randomize_weights

KINDS = ("SimpleRNN", "GRU", "GRU_v1", "LSTM")  # GRU_v1: reset_after=False
CELLS = {"SimpleRNN": "SimpleRNNCell", "GRU": "GRUCell", "GRU_v1": "GRUCell", "LSTM": "LSTMCell"}
MERGES = ("concat", "sum", "ave", "mul")


def _kind_kwargs(kind: str, rng: np.random.Generator) -> dict:
    kw: dict = {}
    if kind == "GRU_v1":
        kw["reset_after"] = False
    if rng.random() < 0.2:
        kw["activation"] = str(rng.choice(["sigmoid", "hard_sigmoid", "hard_tanh"]))
    if kind != "SimpleRNN" and rng.random() < 0.2:
        kw["recurrent_activation"] = "hard_sigmoid"
    if rng.random() < 0.1:
        kw["use_bias"] = False
    return kw


def _recurrent(layers: Any, kind: str, units: int, kw: dict, form: str, **options) -> Any:
    """kind as a layer ("layer") or as RNN(cell) ("cell")."""
    if form == "cell":
        return layers.RNN(getattr(layers, CELLS[kind])(units, **kw), **options)
    cls = "GRU" if kind == "GRU_v1" else kind
    return getattr(layers, cls)(units, **kw, **options)


def describe(model: Any) -> str:
    parts = []
    for layer in model.layers[1:]:
        cfg = layer.get_config()
        inner = cfg.get("layer", {}).get("config", cfg)
        flags = [k for k in ("return_sequences", "stateful", "go_backwards") if inner.get(k)]
        extra = f" merge={cfg['merge_mode']}" if "merge_mode" in cfg else ""
        parts.append(f"{type(layer).__name__}({','.join(flags)}{extra})")
    return " -> ".join(parts)


def random_rnn_model(rng: np.random.Generator, stateful: bool | None = None) -> Any:
    """1-3 recurrent layers of random kinds, units and options, maybe a Dense head.

    Input (T, F): T in 1..12, F in 1..6. Stateful models have batch size 1.
    """
    keras = _keras()
    layers = keras.layers
    steps, features = int(rng.integers(1, 13)), int(rng.integers(1, 7))
    if stateful is None:
        stateful = bool(rng.random() < 0.25)
    inputs = (
        keras.Input(batch_shape=(1, steps, features))
        if stateful
        else keras.Input((steps, features))
    )
    x = inputs
    n_layers = int(rng.choice([1, 1, 2, 2, 3]))
    for k in range(n_layers):
        last = k == n_layers - 1
        kind = str(rng.choice(KINDS))
        units = int(rng.integers(1, 13))
        kw = _kind_kwargs(kind, rng)
        options = {
            "return_sequences": (not last) or bool(rng.random() < 0.5),
            "stateful": stateful,
        }
        form = str(rng.choice(["layer", "layer", "cell", "bidirectional", "stacked"]))
        if form == "bidirectional":
            merge = str(rng.choice(MERGES))
            inner = _recurrent(layers, kind, units, kw, "layer", **options)
            x = layers.Bidirectional(inner, merge_mode=merge)(x)
        elif form == "stacked":
            other = str(rng.choice(KINDS))
            cells = [
                getattr(layers, CELLS[kind])(units, **kw),
                getattr(layers, CELLS[other])(int(rng.integers(1, 9)), **_kind_kwargs(other, rng)),
            ]
            options["go_backwards"] = bool(rng.random() < 0.3)
            x = layers.RNN(cells, **options)(x)
        else:
            options["go_backwards"] = bool(rng.random() < 0.3)
            x = _recurrent(layers, kind, units, kw, form, **options)(x)
    if rng.random() < 0.4:
        act = "relu" if rng.random() < 0.5 else None
        x = layers.Dense(int(rng.integers(1, 6)), activation=act)(x)
    model = keras.Model(inputs, x)
    randomize_weights(model, rng)
    return model


def _zero(states: Any) -> None:
    if hasattr(states, "assign"):
        states.assign(np.zeros(tuple(states.shape), "float32"))
    elif states is not None:
        for s in states:  # stacked cells keep a list per cell
            _zero(s)


def reset_states(model: Any) -> None:
    """Zero every stateful RNN's state (Keras' reset_states() fails for
    stacked cells)."""
    for layer in model.layers:
        for sub in (
            layer,
            getattr(layer, "forward_layer", None),
            getattr(layer, "backward_layer", None),
        ):
            if sub is not None and getattr(sub, "stateful", False):
                _zero(getattr(sub, "states", None))


def keras_outputs(model: Any, x: np.ndarray, stateful: bool) -> np.ndarray:
    """Keras' outputs; a stateful model runs the samples one after the other
    from a zero state, as the C harness does."""
    if not stateful:
        return np.asarray(model(x, training=False))
    reset_states(model)
    out = [np.asarray(model(x[i : i + 1], training=False)) for i in range(x.shape[0])]
    reset_states(model)
    return np.concatenate(out)


def is_stateful(model: Any) -> bool:
    return any(
        getattr(sub, "stateful", False)
        for layer in model.layers
        for sub in (layer, getattr(layer, "forward_layer", None))
        if sub is not None
    )
