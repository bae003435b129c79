"""The Keras frontend reads every file format into the same KerasGraph,
with Keras' own weights, without TensorFlow."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from nnom.errors import ModelFileError
from nnom.frontend.keras_graph import KerasGraph
from nnom.frontend.keras_reader import load_keras

REPO = Path(__file__).resolve().parents[3]
FORMATS = ("keras", "h5-keras3", "h5-keras2", "keras-keras2")
MODELS = ("guide", "sequential", "functional", "multi_io", "rnn", "nested", "random0", "random1")


@pytest.fixture(scope="module")
def graphs(keras_zoo_files: dict) -> dict[tuple[str, str], KerasGraph]:
    return {key: load_keras(path) for key, path in keras_zoo_files.items()}


def reads(graph: KerasGraph, name: str) -> list[list[str]]:
    """What each call of a layer reads, as "layer" or "layer@node:index"."""

    def show(ref) -> str:
        return f"{ref.layer}@{ref.node}:{ref.index}" if ref.node or ref.index else ref.layer

    return [[show(r) for r in call] for call in graph.layer(name).inbound]


def live_layer(model, path: str):
    for part in path.split("/"):
        model = model.get_layer(part)
    return model


# ------------------------------------------------------------ every model


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", MODELS)
def test_weights_are_keras_get_weights(keras_zoo, graphs, name, fmt):
    import keras_factory

    graph = graphs[name, fmt]
    want = keras_factory.layer_weights(keras_zoo[name])
    got = {layer.name: layer.weights for layer in graph.layers}
    assert set(want) <= set(got)
    for layer_name, arrays in want.items():
        assert len(got[layer_name]) == len(arrays), layer_name
        for have, expected in zip(got[layer_name], arrays):
            assert have.dtype == np.float32
            assert have.shape == expected.shape, layer_name
            assert np.array_equal(have, expected), layer_name


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", MODELS)
def test_class_names_and_order(keras_zoo, graphs, name, fmt):
    graph = graphs[name, fmt]
    seen: set[str] = set()
    for layer in graph.layers:
        assert layer.class_name not in ("Sequential", "Functional", "Model")
        if layer.class_name != "InputLayer":
            assert type(live_layer(keras_zoo[name], layer.name)).__name__ == layer.class_name
        else:
            assert layer.inbound == []
        for call in layer.inbound:
            assert all(ref.layer in seen for ref in call), layer.name  # topological
        seen.add(layer.name)
    assert [r.layer for r in graph.inputs] == [
        layer.name for layer in graph.layers if layer.class_name == "InputLayer"
    ]


@pytest.mark.parametrize("name", MODELS)
def test_every_format_gives_the_same_graph(graphs, name):
    def signature(graph: KerasGraph):
        layers = [(lay.name, lay.class_name, lay.inbound) for lay in graph.layers]
        return layers, graph.inputs, graph.outputs, graph.name

    first = signature(graphs[name, "keras"])
    for fmt in FORMATS[1:]:
        assert signature(graphs[name, fmt]) == first, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_connections(graphs, fmt):
    seq = graphs["sequential", fmt]
    first = seq.layers[0]
    assert first.class_name == "InputLayer"
    shape = first.config.get("batch_shape") or first.config.get("batch_input_shape")
    assert list(shape) == [None, 12, 12, 3]
    assert reads(seq, "conv") == [[first.name]]
    assert reads(seq, "bn_noscale") == [["conv"]]
    assert [r.layer for r in seq.outputs] == ["out"]

    func = graphs["functional", fmt]
    assert reads(func, "stem") == [["img"]] and reads(func, "branch") == [["img"]]
    assert reads(func, "add") == [["stem_act", "branch_bn"]]
    assert reads(func, "concat") == [["add", "stem"]]
    assert reads(func, "head/h_fc") == [["gap"]]
    assert reads(func, "head/h_bn") == [["head/h_fc"]]
    assert [r.layer for r in func.outputs] == ["head/h_out"]

    mio = graphs["multi_io", fmt]
    assert [r.layer for r in mio.inputs] == ["left", "right", "meta"]
    assert reads(mio, "tower/t_conv") == [["left"], ["right"]]
    assert reads(mio, "tower/t_pool") == [["tower/t_conv"], ["tower/t_conv@1:0"]]
    assert reads(mio, "merge") == [["tower/t_flat", "tower/t_flat@1:0", "meta_fc"]]
    outputs = [(r.layer, r.node, r.index) for r in mio.outputs]
    assert outputs == [("cls", 0, 0), ("reg", 0, 0), ("tower/t_flat", 1, 0)]

    nested = graphs["nested", fmt]
    chain = ["fc1", "inner/i_fc", "inner/i_bn", "inner/deep/d_fc", "inner/deep/d_relu", "fc2"]
    assert [layer.name for layer in nested.layers[1:]] == chain
    for before, after in zip(chain, chain[1:]):
        assert reads(nested, after) == [[before]]

    rnn = graphs["rnn", fmt]
    assert [layer.class_name for layer in rnn.layers] == [
        "InputLayer", "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Bidirectional", "Dense"
    ]  # fmt: skip
    assert len(rnn.layer("bilstm").weights) == 6  # forward then backward LSTM


def test_keras_versions(graphs):
    assert graphs["guide", "keras"].keras_version.startswith("3.")
    assert graphs["guide", "h5-keras3"].keras_version.startswith("3.")
    assert graphs["guide", "h5-keras2"].keras_version.startswith("2.")
    assert graphs["guide", "keras-keras2"].keras_version.startswith("2.")


def test_live_model_is_read_like_its_file(keras_zoo, graphs):
    for name in ("functional", "multi_io"):
        live = load_keras(keras_zoo[name])
        from_file = graphs[name, "keras"]
        assert [(x.name, x.class_name, x.inbound) for x in live.layers] == [
            (x.name, x.class_name, x.inbound) for x in from_file.layers
        ]
        for a, b in zip(live.layers, from_file.layers):
            assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))


def test_reading_never_imports_tensorflow(keras_zoo_files):
    code = (
        "import sys\n"
        "from nnom.frontend.keras_reader import load_keras\n"
        "graphs = [load_keras(p) for p in sys.argv[1:]]\n"
        "assert sum(len(g.layers) for g in graphs) > 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tensorflow', 'keras', 'tf_keras'))\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, bad[:5]\n"
        "assert not bad, bad[:5]\n"
        "print('read', len(graphs))\n"
    )
    paths = [str(p) for p in keras_zoo_files.values()]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", code, *paths], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"read {len(paths)}"


# ------------------------------------------------- layouts Keras 3 no longer writes


def _write_h5(path: Path, config, weights: dict, version: str = "1.2.2", chunk: bool = True):
    """A legacy whole-model .h5 as old Keras wrote it: bytes attributes, layer
    and weight name lists split in chunks (`layer_names0`, `layer_names1`)."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = version.encode()
        if config is not None:
            f.attrs["model_config"] = json.dumps(config).encode()
        group = f.create_group("model_weights")
        names = [n.encode() for n in weights]
        if chunk:
            group.attrs["layer_names0"] = names[:1]
            group.attrs["layer_names1"] = names[1:]
        else:
            group.attrs["layer_names"] = names
        for layer, arrays in weights.items():
            g = group.create_group(layer)
            wnames = [f"{layer}_W{i}".encode() for i in range(len(arrays))]
            if chunk and len(wnames) > 1:
                g.attrs["weight_names0"], g.attrs["weight_names1"] = wnames[:1], wnames[1:]
            else:
                g.attrs["weight_names"] = np.array(wnames, dtype="S")
            for wname, array in zip(wnames, arrays):
                g[wname.decode()] = array


def test_very_old_sequential_file(tmp_path):
    config = {
        "class_name": "Sequential",
        "config": [
            {"class_name": "Dense", "config": {"name": "dense_1", "output_dim": 3,
                                               "batch_input_shape": [None, 4]}},
            {"class_name": "Activation", "config": {"name": "act", "activation": "relu"}},
            {"class_name": "Dense", "config": {"name": "dense_2", "output_dim": 2}},
        ],
    }  # fmt: skip
    rng = np.random.default_rng(0)
    w = {
        "dense_1": [rng.normal(size=(4, 3)), rng.normal(size=3)],  # float64 in the file
        "act": [],
        "dense_2": [rng.normal(size=(3, 2)), rng.normal(size=2)],
    }
    _write_h5(tmp_path / "old.h5", config, w)
    graph = load_keras(tmp_path / "old.h5")
    assert graph.keras_version == "1.2.2"
    assert [x.class_name for x in graph.layers] == ["InputLayer", "Dense", "Activation", "Dense"]
    entry = graph.layers[0]
    assert entry.config["batch_input_shape"] == [None, 4]
    assert [r.layer for r in graph.inputs] == [entry.name]
    assert reads(graph, "dense_1") == [[entry.name]]
    assert reads(graph, "act") == [["dense_1"]] and reads(graph, "dense_2") == [["act"]]
    assert [r.layer for r in graph.outputs] == ["dense_2"]
    for name, arrays in w.items():
        got = graph.layer(name).weights
        assert [a.dtype for a in got] == [np.float32] * len(arrays)
        assert all(np.array_equal(a, b.astype(np.float32)) for a, b in zip(got, arrays))


def _rewrite_keras(src: Path, dst: Path, config_fn=None, weights_fn=None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "config.json" and config_fn:
                data = json.dumps(config_fn(json.loads(data))).encode()
            if name == "model.weights.h5" and weights_fn:
                buffer = io.BytesIO(data)
                with h5py.File(buffer, "r+") as f:
                    weights_fn(f)
                data = buffer.getvalue()
            zout.writestr(name, data)
    return dst


def test_sequential_without_input_layer_uses_build_input_shape(keras_zoo_files, graphs, tmp_path):
    def drop_input(config):
        layers = config["config"]["layers"]
        assert layers[0]["class_name"] == "InputLayer"
        config["config"]["layers"] = layers[1:]
        config["config"]["build_input_shape"] = [None, 12, 12, 3]
        return config

    path = _rewrite_keras(keras_zoo_files["sequential", "keras"], tmp_path / "s.keras", drop_input)
    graph = load_keras(path)
    entry = graph.layers[0]
    assert entry.class_name == "InputLayer" and entry.config["batch_shape"] == [None, 12, 12, 3]
    assert reads(graph, "conv") == [[entry.name]]
    original = graphs["sequential", "keras"]
    for a, b in zip(graph.layers[1:], original.layers[1:]):
        assert a.name == b.name and all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))


@pytest.mark.parametrize("name", ["rnn", "functional", "multi_io"])
def test_keras_files_without_layer_names_in_weights(keras_zoo_files, graphs, tmp_path, name):
    """Older Keras 3 did not record layer names in model.weights.h5: the
    class-name counter alone must find every layer's weights."""

    def strip_names(f: h5py.File) -> None:
        def strip(_: str, obj) -> None:
            if "name" in obj.attrs:
                del obj.attrs["name"]

        f.visititems(strip)

    path = _rewrite_keras(keras_zoo_files[name, "keras"], tmp_path / "x.keras", None, strip_names)
    with zipfile.ZipFile(path) as z, h5py.File(io.BytesIO(z.read("model.weights.h5"))) as f:
        names: list[str] = []
        f.visititems(lambda _, obj: names.extend(obj.attrs.keys()))
        assert "name" not in names
    graph = load_keras(path)
    for a, b in zip(graph.layers, graphs[name, "keras"].layers):
        assert len(a.weights) == len(b.weights)
        assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights)), a.name


# ------------------------------------------------------------------ bad files


def _error(source) -> str:
    with pytest.raises(ModelFileError) as info:
        load_keras(source)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.keras")


def test_text_file(tmp_path):
    (tmp_path / "model.h5").write_text("not a model\n")
    assert "neither an HDF5" in _error(tmp_path / "model.h5")


def test_directory(tmp_path):
    assert "directory" in _error(tmp_path)


def test_keras3_weights_only_file(keras_zoo, tmp_path):
    path = tmp_path / "m.weights.h5"
    keras_zoo["sequential"].save_weights(str(path))
    message = _error(path)
    assert "only weights" in message and "model.save(" in message


def test_keras2_weights_only_file(tmp_path):
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:  # what Keras 2 save_weights("w.h5") writes
        f.attrs["layer_names"] = [b"dense"]
        f.attrs["keras_version"] = b"2.15.0"
        f.create_group("dense").attrs["weight_names"] = [b"dense/kernel:0"]
        f["dense/dense/kernel:0"] = np.zeros((2, 2))
    message = _error(path)
    assert "only weights" in message and "model.save(" in message


def test_other_bad_files(keras_zoo_files, tmp_path):
    with zipfile.ZipFile(tmp_path / "a.keras", "w") as z:
        z.writestr("readme.txt", "hello")
    assert "no config.json" in _error(tmp_path / "a.keras")

    good = keras_zoo_files["guide", "h5-keras3"].read_bytes()
    (tmp_path / "cut.h5").write_bytes(good[: len(good) // 3])
    _error(tmp_path / "cut.h5")

    _write_h5(tmp_path / "sub.h5", {"class_name": "MyNet", "config": {}}, {"x": []}, chunk=False)
    assert "subclassed" in _error(tmp_path / "sub.h5")

    broken = {"class_name": "Functional", "config": {"layers": [{"class_name": "Dense"}]}}
    _write_h5(tmp_path / "broken.h5", broken, {"x": []}, chunk=False)
    _error(tmp_path / "broken.h5")

    assert "keras.Model" in _error(42)


# -------------------------------------------------------------- the factory


def test_guide_model_shapes(keras_zoo):
    shapes = [tuple(layer.output.shape[1:]) for layer in keras_zoo["guide"].layers[1:]]
    assert shapes == [
        (28, 28, 12), (14, 14, 12), (11, 7, 12), (11, 7, 24), (3, 2, 24), (6, 9, 24),
        (6, 9, 24), (12, 18, 24), (12, 18, 48), (6, 9, 48), (2592,), (64,), (10,), (10,),
    ]  # fmt: skip
    import keras_factory

    again = keras_factory.guide_model(0).get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(again, keras_zoo["guide"].get_weights()))
    assert all(w.any() for w in again)  # biases too


def _macs(model) -> int:
    total = 0
    for layer in model.layers:
        kind = type(layer).__name__
        out = layer.output.shape
        if kind in ("Conv1D", "Conv2D"):
            cin = layer.input.shape[-1]
            total += int(np.prod(out[1:])) * int(np.prod(layer.kernel_size)) * cin
        elif kind == "Dense":
            total += layer.input.shape[-1] * out[-1]
    return total


def test_random_sequential_models_are_valid_and_small():
    import keras_factory

    kinds: set[str] = set()
    for seed in range(12):
        model = keras_factory.random_sequential_model(np.random.default_rng(seed))
        shape = model.inputs[0].shape[1:]
        assert len(shape) in (2, 3) and 1 <= shape[-1] <= 4
        assert all(1 <= d <= (40 if len(shape) == 2 else 20) for d in shape[:-1])
        assert all(d >= 1 for layer in model.layers for d in layer.output.shape[1:])
        assert _macs(model) <= keras_factory.MAX_MACS
        kinds |= {type(layer).__name__ for layer in model.layers}
    assert {"Conv1D", "Conv2D", "Flatten", "Dense"} <= kinds
    again = keras_factory.random_sequential_model(np.random.default_rng(11))
    assert [type(x).__name__ for x in again.layers] == [type(x).__name__ for x in model.layers]
    assert all(np.array_equal(a, b) for a, b in zip(again.get_weights(), model.get_weights()))


def test_bfloat16_weights(tmp_path):
    import keras_factory

    keras = keras_factory._keras()
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2, dtype="bfloat16", name="d")(inputs))
    want = [np.asarray(w, dtype=np.float32) for w in model.get_layer("d").get_weights()]
    assert want[0].any()
    for fmt in ("keras", "h5-keras3"):
        path = keras_factory.save_model(model, tmp_path / f"m{keras_factory.SUFFIX[fmt]}", fmt)
        got = load_keras(path).layer("d").weights
        assert all(a.dtype == np.float32 and np.array_equal(a, b) for a, b in zip(got, want))


def test_stacked_cells_of_different_kinds_keep_their_order(tmp_path):
    """RNN([LSTMCell, GRUCell, SimpleRNNCell, LSTMCell]) in a .keras file: the
    weights file names the cells by class, the config gives their order."""
    import keras

    layers = keras.layers
    cells = [layers.LSTMCell(4), layers.GRUCell(2), layers.SimpleRNNCell(3), layers.LSTMCell(2)]
    model = keras.Sequential([keras.Input((5, 3)), layers.RNN(cells)])
    path = tmp_path / "mixed.keras"
    model.save(path)
    for source in (path, model):
        graph = load_keras(source)
        rnn = next(layer for layer in graph.layers if layer.class_name == "RNN")
        want = model.layers[0].get_weights()
        assert len(rnn.weights) == len(want)
        for got, expected in zip(rnn.weights, want):
            assert np.array_equal(got, expected)
