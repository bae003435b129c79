"""Keras models for tests, and saving them in every file format NNoM reads.

Keras is imported lazily (it takes ~4 s): importing this module is cheap.
Keras 2 files are written by a `tf_keras` subprocess (`TF_USE_LEGACY_KERAS=1`)
that rebuilds the model from its config translated to Keras 2, loads the same
weights layer by layer and checks its outputs against the Keras 3 model's.

Beware: Keras 2 and Keras 3 define `hard_sigmoid` differently (Keras 2:
clip(0.2x + 0.5); Keras 3: relu6(x + 3) / 6), so a Keras 2 file of a model
using it computes something else; its output check is skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

FORMATS = ("keras", "h5-keras3", "h5-keras2")
# also written: ".keras" by tf_keras (TF 2.13-2.15's "Keras v3" format)
ALL_FORMATS = (*FORMATS, "keras-keras2")
SUFFIX = {"keras": ".keras", "h5-keras3": ".h5", "h5-keras2": ".h5", "keras-keras2": ".keras"}
MAX_MACS = 200_000  # of a random_sequential_model


def _keras() -> Any:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras

    return keras


# ------------------------------------------------------------------ weights


def randomize_weights(model: Any, rng: np.random.Generator) -> None:
    """Weights that make every layer do something: kernels ~ N(0, 1/fan_in),
    nonzero biases, BatchNormalization statistics far from identity."""
    for var in model.weights:
        shape = tuple(var.shape)
        name = var.name
        if name == "gamma" or name == "moving_variance":
            value = rng.uniform(0.5, 1.5, shape)
        elif name in ("beta", "moving_mean", "bias"):
            value = rng.normal(0.0, 0.3, shape)
        elif len(shape) >= 2:
            fan_in = int(np.prod(shape[:-1])) if "recurrent" not in name else shape[0]
            value = rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        else:
            value = rng.normal(0.0, 0.3, shape)
        var.assign(value.astype("float32"))


def layer_weights(model: Any, prefix: str = "") -> dict[str, list[np.ndarray]]:
    """`get_weights()` of every layer, nested models' layers as "outer/inner"."""
    keras = _keras()
    out: dict[str, list[np.ndarray]] = {}
    for layer in model.layers:
        if prefix and isinstance(layer, keras.layers.InputLayer):
            continue  # a nested model's inputs are not layers of the outer one
        if isinstance(layer, keras.Model):
            out.update(layer_weights(layer, f"{prefix}{layer.name}/"))
        else:
            out[prefix + layer.name] = layer.get_weights()
    return out


def _random_biases(model: Any, rng: np.random.Generator) -> None:
    for var in model.weights:
        if var.name == "bias":
            var.assign(rng.normal(0.0, 0.1, tuple(var.shape)).astype("float32"))


# ------------------------------------------------------------ fixed models


def guide_model(seed: int = 0) -> Any:
    """The NNoM guide's CNN (28x28x1 -> 10). Kernels from Keras' initialisers
    under `keras.utils.set_random_seed(seed)`, biases ~ N(0, 0.1) from `seed`."""
    keras = _keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input((28, 28, 1), name="input")
    x = layers.Conv2D(12, 3, padding="same", activation="relu", name="conv1")(x)
    x = layers.MaxPooling2D(2, name="pool1")(x)
    x = layers.Cropping2D(((1, 2), (3, 4)), name="crop")(x)
    x = layers.Conv2D(24, 3, padding="same", activation="relu", name="conv2")(x)
    x = layers.MaxPooling2D(4, padding="same", name="pool2")(x)
    x = layers.ZeroPadding2D(((1, 2), (3, 4)), name="pad")(x)
    x = layers.Conv2D(24, 3, padding="same", activation="relu", name="conv3")(x)
    x = layers.UpSampling2D(2, name="up")(x)
    x = layers.Conv2D(48, 3, padding="same", activation="relu", name="conv4")(x)
    x = layers.MaxPooling2D(2, name="pool3")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(64, activation="relu", name="fc1")(x)
    x = layers.Dense(10, name="fc2")(x)
    x = layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, x, name="guide")
    _random_biases(model, np.random.default_rng(seed))
    return model


def zoo_sequential(seed: int = 1) -> Any:
    """Sequential: Conv2D, BN without scale/center, ReLU(6), depthwise,
    separable and transposed convolutions, pooling, Flatten, Dense, Dropout."""
    keras = _keras()
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((12, 12, 3)),
            layers.Conv2D(8, 3, padding="same", name="conv"),
            layers.BatchNormalization(scale=False, name="bn_noscale"),
            layers.ReLU(max_value=6.0, name="relu6"),
            layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same", name="dw"),
            layers.BatchNormalization(center=False, epsilon=0.01, name="bn_nocenter"),
            layers.SeparableConv2D(8, 3, activation="relu", name="sep"),
            layers.Conv2DTranspose(4, 3, strides=2, name="deconv"),
            layers.MaxPooling2D(2, name="pool"),
            layers.Flatten(name="flatten"),
            layers.Dense(16, activation="relu", name="fc"),
            layers.Dropout(0.2, name="drop"),
            layers.Dense(4, activation="softmax", name="out"),
        ],
        name="zoo_seq",
    )
    randomize_weights(model, np.random.default_rng(seed))
    return model


def zoo_functional(seed: int = 2) -> Any:
    """Functional with two branches, Add, Concatenate and a nested Sequential head."""
    keras = _keras()
    layers = keras.layers
    inputs = keras.Input((16, 16, 3), name="img")
    stem = layers.Conv2D(8, 3, padding="same", name="stem")(inputs)
    a = layers.BatchNormalization(name="stem_bn")(stem)
    a = layers.Activation("relu", name="stem_act")(a)
    b = layers.Conv2D(8, 1, use_bias=False, name="branch")(inputs)
    b = layers.BatchNormalization(center=False, name="branch_bn")(b)
    added = layers.Add(name="add")([a, b])
    merged = layers.Concatenate(name="concat")([added, stem])
    pooled = layers.GlobalAveragePooling2D(name="gap")(merged)
    head = keras.Sequential(
        [
            layers.Dense(8, activation="relu", name="h_fc"),
            layers.BatchNormalization(name="h_bn"),
            layers.Dense(3, activation="softmax", name="h_out"),
        ],
        name="head",
    )
    model = keras.Model(inputs, head(pooled), name="zoo_func")
    randomize_weights(model, np.random.default_rng(seed))
    return model


def zoo_multi_io(seed: int = 3) -> Any:
    """Three inputs, three outputs, a nested Functional "tower" called twice
    (one of its outputs is also a model output)."""
    keras = _keras()
    layers = keras.layers
    tower_in = keras.Input((10, 10, 2), name="tower_in")
    t = layers.Conv2D(4, 3, activation="relu", name="t_conv")(tower_in)
    t = layers.MaxPooling2D(2, name="t_pool")(t)
    t = layers.Flatten(name="t_flat")(t)
    tower = keras.Model(tower_in, t, name="tower")
    left = keras.Input((10, 10, 2), name="left")
    right = keras.Input((10, 10, 2), name="right")
    meta = keras.Input((5,), name="meta")
    from_left, from_right = tower(left), tower(right)
    m = layers.Dense(8, activation="tanh", name="meta_fc")(meta)
    merged = layers.Concatenate(name="merge")([from_left, from_right, m])
    cls = layers.Dense(3, activation="softmax", name="cls")(merged)
    reg = layers.Dense(1, name="reg")(merged)
    model = keras.Model([left, right, meta], [cls, reg, from_right], name="zoo_mio")
    randomize_weights(model, np.random.default_rng(seed))
    return model


def zoo_rnn(seed: int = 4) -> Any:
    """SimpleRNN, LSTM, GRU (both reset_after), Bidirectional LSTM and GRU."""
    keras = _keras()
    layers = keras.layers
    inputs = keras.Input((10, 4), name="seq")
    x = layers.SimpleRNN(4, return_sequences=True, name="srnn")(inputs)
    x = layers.LSTM(6, return_sequences=True, name="lstm")(x)
    x = layers.GRU(5, return_sequences=True, reset_after=False, name="gru_v1")(x)
    x = layers.Bidirectional(layers.GRU(5, return_sequences=True), name="bigru")(x)
    x = layers.Bidirectional(layers.LSTM(3), name="bilstm")(x)
    x = layers.Dense(2, name="out")(x)
    model = keras.Model(inputs, x, name="zoo_rnn")
    randomize_weights(model, np.random.default_rng(seed))
    return model


def zoo_nested(seed: int = 5) -> Any:
    """Sequential holding a Sequential holding a Sequential."""
    keras = _keras()
    layers = keras.layers
    deep = keras.Sequential([layers.Dense(3, name="d_fc"), layers.ReLU(name="d_relu")], name="deep")
    inner = keras.Sequential(
        [layers.Dense(5, name="i_fc"), layers.BatchNormalization(name="i_bn"), deep],
        name="inner",
    )
    model = keras.Sequential(
        [keras.Input((6,)), layers.Dense(4, name="fc1"), inner, layers.Dense(2, name="fc2")],
        name="zoo_nested",
    )
    randomize_weights(model, np.random.default_rng(seed))
    return model


ZOO = {
    "guide": guide_model,
    "sequential": zoo_sequential,
    "functional": zoo_functional,
    "multi_io": zoo_multi_io,
    "rnn": zoo_rnn,
    "nested": zoo_nested,
}


# -------------------------------------------------------- random sequential


class _Spec:
    """Shape bookkeeping while drawing a random sequential model."""

    def __init__(self, rng: np.random.Generator, spatial: list[int], channels: int):
        self.rng = rng
        self.spatial = spatial  # [T] or [H, W]; [] once flattened
        self.channels = channels  # or the width of a flat vector
        self.macs = 0

    def int(self, low: int, high: int) -> int:
        """Uniform in low..high inclusive."""
        return int(self.rng.integers(low, high + 1))

    def pick(self, options: list[Any]) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def per_axis(self, low: int, high: int) -> list[int]:
        return [self.int(low, high) for _ in self.spatial]


def _arg(values: list[int]) -> Any:
    """An int for 1D layers, a tuple for 2D ones."""
    return values[0] if len(values) == 1 else tuple(values)


def _conv(s: _Spec, layers: Any) -> Any:
    filters = s.int(1, 16)
    kernel = s.per_axis(1, 5)
    dilation = s.per_axis(1, 3) if s.rng.random() < 0.25 else [1] * len(kernel)
    strides = [1] * len(kernel) if max(dilation) > 1 else s.per_axis(1, 3)
    span = [(k - 1) * d + 1 for k, d in zip(kernel, dilation)]
    padding = s.pick(["same", "valid"])
    if any(e > n for e, n in zip(span, s.spatial)):
        padding = "same"
    if padding == "same":
        out = [-(-n // st) for n, st in zip(s.spatial, strides)]
    else:
        out = [(n - e) // st + 1 for n, e, st in zip(s.spatial, span, strides)]
    macs = int(np.prod(out)) * filters * int(np.prod(kernel)) * s.channels
    if s.macs + macs > MAX_MACS:
        return None
    s.macs += macs
    s.spatial, s.channels = out, filters
    cls = layers.Conv1D if len(out) == 1 else layers.Conv2D
    activation = s.pick([None, None, "relu", "relu6", "sigmoid", "tanh"])
    return cls(
        filters,
        _arg(kernel),
        strides=_arg(strides),
        padding=padding,
        dilation_rate=_arg(dilation),
        use_bias=bool(s.rng.random() < 0.8),
        activation=activation,
    )


def _pool(s: _Spec, layers: Any) -> Any:
    size = s.per_axis(1, 3)
    strides = size if s.rng.random() < 0.5 else s.per_axis(1, 3)
    padding = s.pick(["same", "valid"])
    if any(p > n for p, n in zip(size, s.spatial)):
        padding = "same"
    if padding == "same":
        s.spatial = [-(-n // st) for n, st in zip(s.spatial, strides)]
    else:
        s.spatial = [(n - p) // st + 1 for n, p, st in zip(s.spatial, size, strides)]
    kind = s.pick(["Max", "Average"])
    cls = getattr(layers, f"{kind}Pooling{len(size)}D")
    return cls(_arg(size), strides=_arg(strides), padding=padding)


def _pad(s: _Spec, layers: Any) -> Any:
    pads = [(s.int(0, 2), s.int(0, 2)) for _ in s.spatial]
    s.spatial = [n + a + b for n, (a, b) in zip(s.spatial, pads)]
    if len(pads) == 1:
        return layers.ZeroPadding1D(pads[0])
    return layers.ZeroPadding2D(tuple(pads))


def _crop(s: _Spec, layers: Any) -> Any:
    crops = []
    for n in s.spatial:
        a = s.int(0, min(2, n - 1))
        crops.append((a, s.int(0, min(2, n - 1 - a))))
    s.spatial = [n - a - b for n, (a, b) in zip(s.spatial, crops)]
    if len(crops) == 1:
        return layers.Cropping1D(crops[0])
    return layers.Cropping2D(tuple(crops))


def _upsample(s: _Spec, layers: Any) -> Any:
    limit = 80 if len(s.spatial) == 1 else 24
    size = [min(s.int(1, 3), max(1, limit // n)) for n in s.spatial]
    s.spatial = [n * k for n, k in zip(s.spatial, size)]
    if len(size) == 1:
        return layers.UpSampling1D(size[0])
    return layers.UpSampling2D(tuple(size))


def _batchnorm(s: _Spec, layers: Any) -> Any:
    return layers.BatchNormalization(
        scale=bool(s.rng.random() < 0.7),
        center=bool(s.rng.random() < 0.7),
        epsilon=float(s.pick([1e-3, 1e-5, 0.01, 0.1])),
    )


def _relu(s: _Spec, layers: Any) -> Any:
    options: dict[str, float] = {}
    if s.rng.random() < 0.5:
        options["max_value"] = float(s.pick([6.0, 1.0, round(float(s.rng.uniform(0.5, 6)), 2)]))
    if s.rng.random() < 0.3:
        options["negative_slope"] = round(float(s.rng.uniform(0.01, 0.5)), 3)
    if s.rng.random() < 0.3:
        options["threshold"] = round(float(s.rng.uniform(0.0, 0.5)), 3)  # Keras: >= 0
    return layers.ReLU(**options)


def _activation(s: _Spec, layers: Any) -> Any:
    kind = s.pick(["leaky", "act", "act", "dropout"])
    if kind == "leaky":
        return layers.LeakyReLU(negative_slope=round(float(s.rng.uniform(0.01, 0.3)), 3))
    if kind == "dropout":
        return layers.Dropout(round(float(s.rng.uniform(0.1, 0.5)), 2))
    names = ["relu", "relu6", "sigmoid", "tanh", "hard_sigmoid", "elu", "softsign", "linear"]
    return layers.Activation(s.pick(names))


def _dense(s: _Spec, layers: Any, units: int, activation: str | None) -> Any:
    s.macs += s.channels * units
    s.channels = units
    return layers.Dense(units, activation=activation, use_bias=bool(s.rng.random() < 0.85))


def random_sequential_model(rng: np.random.Generator) -> Any:
    """A small random Sequential model of layers NNoM's first release supports.

    Input (H, W, C) with H, W in 1..20 or (T, C) with T in 1..40, C in 1..4;
    at most MAX_MACS multiply-accumulates; weights from `randomize_weights`.
    """
    keras = _keras()
    layers = keras.layers
    if rng.random() < 0.6:
        shape = [int(rng.integers(1, 21)), int(rng.integers(1, 21)), int(rng.integers(1, 5))]
    else:
        shape = [int(rng.integers(1, 41)), int(rng.integers(1, 5))]
    s = _Spec(rng, shape[:-1], shape[-1])
    stack: list[Any] = [keras.Input(tuple(shape))]
    makers = [_conv, _conv, _conv, _pool, _pad, _crop, _upsample, _batchnorm, _relu, _activation]
    for _ in range(s.int(1, 6)):
        layer = s.pick(makers)(s, layers)
        if layer is not None:
            stack.append(layer)
    if s.rng.random() < 0.6:
        stack.append(layers.Flatten())
        s.channels *= int(np.prod(s.spatial))
        s.spatial = []
        for _ in range(s.int(0, 2)):
            units = s.int(1, 32)
            if s.macs + s.channels * units > MAX_MACS:
                break
            activation = s.pick([None, "relu", "relu6", "sigmoid", "tanh"])
            stack.append(_dense(s, layers, units, activation))
            if s.rng.random() < 0.3:
                stack.append(s.pick([_batchnorm, _relu, _activation])(s, layers))
    ending = s.pick(["none", "softmax", "dense_softmax"])
    if ending == "softmax" and s.channels > 1:  # a softmax over one value is always 1
        stack.append(layers.Softmax())
    elif ending == "dense_softmax" and s.macs + s.channels * 10 <= MAX_MACS:
        stack.append(_dense(s, layers, s.int(2, 10), "softmax"))
    model = keras.Sequential(stack)
    randomize_weights(model, rng)
    return model


# ------------------------------------------------------------------- saving


def save_model(model: Any, path: str | Path, fmt: str) -> Path:
    """Save `model` as "keras" (.keras), "h5-keras3" or "h5-keras2" (.h5), or
    "keras-keras2" (.keras written by tf_keras)."""
    return save_models([(model, path, fmt)])[0]


def save_models(jobs: list[tuple[Any, str | Path, str]]) -> list[Path]:
    """Save many models; all Keras 2 files are written by one subprocess."""
    keras2: list[tuple[Any, Path, str]] = []
    paths = []
    for model, path, fmt in jobs:
        path = Path(path)
        if fmt not in ALL_FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {ALL_FORMATS}")
        if fmt.endswith("keras2"):
            keras2.append((model, path, fmt))
        else:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "HDF5 is a legacy format"
                model.save(str(path))
        paths.append(path)
    if keras2:
        _save_keras2(keras2)
    return paths


def _save_keras2(jobs: list[tuple[Any, Path, str]]) -> None:
    keras = _keras()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix="nnom-k2-") as tmp:
        spec = []
        for i, (model, path, fmt) in enumerate(jobs):
            arrays: dict[str, np.ndarray] = {}
            weights = layer_weights(model)
            for name, values in weights.items():
                arrays.update({f"w:{name}:{j}": v for j, v in enumerate(values)})
            xs = [
                rng.normal(size=(2, *[d or 4 for d in t.shape[1:]])).astype("float32")
                for t in model.inputs
            ]
            ys = model(xs if len(xs) > 1 else xs[0], training=False)
            ys = ys if isinstance(ys, (list, tuple)) else [ys]
            arrays.update({f"x:{k}": x for k, x in enumerate(xs)})
            arrays.update({f"y:{k}": keras.ops.convert_to_numpy(y) for k, y in enumerate(ys)})
            np.savez(Path(tmp) / f"{i}.npz", **arrays)
            config = keras2_config(json.loads(model.to_json()))
            spec.append(
                {
                    "config": config,
                    "data": str(Path(tmp) / f"{i}.npz"),
                    "layers": {name: len(v) for name, v in weights.items()},
                    "path": str(Path(path).resolve()),
                    "format": "h5" if fmt == "h5-keras2" else "keras",
                    "check": "hard_sigmoid" not in json.dumps(config),
                }
            )
        (Path(tmp) / "jobs.json").write_text(json.dumps(spec))
        here = str(Path(__file__).resolve().parent)
        code = (
            f"import sys; sys.path.insert(0, {here!r}); "
            "import keras_factory; keras_factory._keras2_main(sys.argv[1])"
        )
        env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3")
        done = subprocess.run(
            [sys.executable, "-c", code, tmp], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise RuntimeError(f"writing Keras 2 files failed:\n{done.stderr[-4000:]}")


def _keras2_main(job_dir: str) -> None:
    """Run in a subprocess with TF_USE_LEGACY_KERAS=1: write the Keras 2 files."""
    import tf_keras

    for job in json.loads((Path(job_dir) / "jobs.json").read_text()):
        config = _fit_keras2_signatures(job["config"], tf_keras.layers)
        model = tf_keras.models.model_from_json(json.dumps(config))
        data = np.load(job["data"])
        for name, count in job["layers"].items():
            layer = model
            for part in name.split("/"):
                layer = layer.get_layer(part)
            layer.set_weights([data[f"w:{name}:{j}"] for j in range(count)])
        xs = [data[f"x:{k}"] for k in range(len(model.inputs))]
        ys = model(xs if len(xs) > 1 else xs[0], training=False)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        if job["check"]:
            for k, y in enumerate(ys):
                want = data[f"y:{k}"]
                err = float(np.max(np.abs(np.asarray(y) - want), initial=0.0))
                if err > 1e-4 * (1.0 + float(np.max(np.abs(want), initial=0.0))):
                    raise SystemExit(f"{job['path']}: Keras 2 output {k} differs by {err}")
        model.save(job["path"], save_format=job["format"])


def _fit_keras2_signatures(obj: Any, layers: Any) -> Any:
    """Drop layer options the tf_keras class does not take (e.g. data_format
    of ZeroPadding1D, which only Keras 3 has)."""
    import inspect

    if isinstance(obj, list):
        return [_fit_keras2_signatures(v, layers) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {k: _fit_keras2_signatures(v, layers) for k, v in obj.items()}
    class_name = str(obj.get("class_name"))
    cls = getattr(layers, class_name, None)
    if isinstance(out.get("config"), dict) and inspect.isclass(cls) and class_name not in _MODELS:
        takes = set(inspect.signature(cls.__init__).parameters) | _KERAS2_BASE_ARGS
        out["config"] = {k: v for k, v in out["config"].items() if k in takes}
    return out


_KERAS2_BASE_ARGS = {"name", "trainable", "dtype", "batch_input_shape", "input_shape", "batch_size"}


# ------------------------------------------ Keras 3 config -> Keras 2 config

_KERAS3_ONLY = {
    "module",
    "registered_name",
    "build_config",
    "compile_config",
    "shared_object_id",
    "quantization_config",
    "lora_rank",
    "lora_alpha",
    "optional",
    "seed",
    "use_cudnn",
}
_MODELS = ("Functional", "Sequential", "Model")


def keras2_config(obj: Any) -> Any:
    """A Keras 3 model JSON (`model.to_json()`) as tf_keras reads it.

    Initialisers, regularisers and constraints are dropped (weights are set
    afterwards); layer options only Keras 3 knows are dropped.
    """
    if isinstance(obj, list):
        return [keras2_config(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    if "class_name" not in obj or "config" not in obj:
        return {k: keras2_config(v) for k, v in obj.items()}
    class_name = obj["class_name"]
    if class_name.endswith("DTypePolicy"):
        return obj["config"]["name"]
    config = {
        k: keras2_config(v)
        for k, v in obj["config"].items()
        if k not in _KERAS3_ONLY and not k.endswith(("_initializer", "_regularizer", "_constraint"))
    }
    if class_name == "InputLayer" and "batch_shape" in config:
        config["batch_input_shape"] = config.pop("batch_shape")
    if class_name == "LeakyReLU" and "negative_slope" in config:
        config["alpha"] = config.pop("negative_slope")
    if config.get("implementation", 0) is None:
        del config["implementation"]
    if class_name in ("Functional", "Model"):
        _keras2_connections(obj["config"], config)
    out = {"class_name": class_name, "config": config}
    if "name" in obj:
        out["name"] = obj["name"]
    return out


def _keras2_connections(k3: dict, k2: dict) -> None:
    """Keras 2 node lists; Keras 2 counts a nested model's building as node 0."""
    models = {e["config"]["name"]: e["class_name"] for e in k3["layers"]}

    def ref(history: list, is_output: bool) -> list:
        name, node, index = history[:3]
        if models.get(name) in _MODELS:
            # Keras 3 counts the building node only in output_layers of Functional models
            node = node - int(is_output and models[name] != "Sequential") + 1
        return [name, node, index]

    def tensors(value: Any) -> list[list]:
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            return [value["config"]["keras_history"]]
        if isinstance(value, (list, tuple)):
            return [t for v in value for t in tensors(v)]
        return []

    for entry, k2_entry in zip(k3["layers"], k2["layers"]):
        k2_entry["name"] = entry["config"]["name"]
        k2_entry["inbound_nodes"] = [
            [[*ref(h, False), {}] for h in tensors(node["args"])] for node in entry["inbound_nodes"]
        ]
    for key in ("input_layers", "output_layers"):
        value = k3[key]
        triples = [value] if isinstance(value[0], str) else value
        k2[key] = [ref(t, key == "output_layers") for t in triples]
