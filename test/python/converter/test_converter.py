"""Converter behaviour: passes, implicit activations, errors a user can act on."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import cbuild
import nnom
from nnom.errors import CalibrationError, NnomError, UnsupportedLayerError


@pytest.fixture(scope="module")
def keras():
    import keras as k

    return k


def _save(model, path):
    model.save(str(path))
    return path


def _float_error(model, path, x):
    """Max |our float graph (after passes) - Keras| on x."""
    converted = nnom.convert(path, x)
    ours = converted.run_float(x)[converted.graph.outputs[0]]
    return float(np.abs(ours - np.asarray(model(x, training=False))).max()), converted


@pytest.mark.parametrize(
    "scale,center", [(True, True), (False, True), (True, False), (False, False)]
)
def test_batchnorm_folds_with_its_own_epsilon(keras, tmp_path, scale, center):
    layers = keras.layers
    keras.utils.set_random_seed(3)
    bn = layers.BatchNormalization(epsilon=0.3, scale=scale, center=center)
    model = keras.Sequential([keras.Input((6, 6, 2)), layers.Conv2D(4, 3), bn, layers.ReLU()])
    c = 4
    weights = [np.random.uniform(0.5, 2.0, c)] if scale else []
    weights += [np.random.uniform(-1, 1, c)] if center else []
    weights += [np.random.uniform(-1, 1, c), np.random.uniform(0.1, 3.0, c)]
    bn.set_weights([w.astype(np.float32) for w in weights])
    x = np.random.default_rng(0).normal(size=(8, 6, 6, 2)).astype(np.float32)
    err, converted = _float_error(model, _save(model, tmp_path / "bn.keras"), x)
    assert err < 1e-4
    # folded into the convolution, with the ReLU fused as well: one layer
    assert [n.op for n in converted.graph.nodes] == ["input", "conv2d"]


def test_batchnorm_after_activation_runs_as_affine_layer(keras, tmp_path):
    layers = keras.layers
    keras.utils.set_random_seed(4)
    model = keras.Sequential(
        [keras.Input((5, 3)), layers.Conv1D(4, 2, activation="relu"), layers.BatchNormalization()]
    )
    bn = model.layers[-1]
    bn.set_weights([np.full(4, v, np.float32) for v in (1.5, 0.2, 0.1, 2.0)])
    x = np.random.default_rng(1).normal(size=(8, 5, 3)).astype(np.float32)
    err, converted = _float_error(model, _save(model, tmp_path / "bn2.keras"), x)
    assert err < 1e-4
    assert [n.op for n in converted.graph.nodes] == ["input", "conv2d", "dwconv2d"]


def test_implicit_activations_are_kept(keras, tmp_path):
    layers = keras.layers
    keras.utils.set_random_seed(5)
    model = keras.Sequential(
        [
            keras.Input((12,)),
            layers.Dense(16, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(8, activation="sigmoid"),
            layers.Dense(5, activation="softmax"),
        ]
    )
    x = np.random.default_rng(2).normal(size=(64, 12)).astype(np.float32)
    path = _save(model, tmp_path / "implicit.keras")
    err, converted = _float_error(model, path, x)
    assert err < 1e-5
    ops = [(n.op, n.act.kind if n.act else None) for n in converted.graph.nodes]
    assert ops == [
        ("input", None),
        ("dense", "relu"),
        ("dense", "sigmoid"),
        ("dense", None),
        ("softmax", None),
    ]
    qx = converted.quantize(x[:10])
    got, printed = cbuild.run_c(converted, [qx], tmp_path / "c")
    assert np.array_equal(got[0], converted.run(qx)[0])
    assert "ReLU" in printed and "Sigmoid" in printed
    assert np.abs(converted.predict(x)[0] - np.asarray(model(x))).max() < 0.03


def test_unsupported_layer_is_one_clear_error(keras, tmp_path):
    layers = keras.layers
    model = keras.Sequential([keras.Input((4, 4, 4, 1)), layers.Conv3D(2, 2), layers.Flatten()])
    path = _save(model, tmp_path / "c3d.keras")
    with pytest.raises(UnsupportedLayerError) as info:
        nnom.convert(path, np.zeros((2, 4, 4, 4, 1), np.float32))
    text = str(info.value)
    assert "Conv3D" in text or "rank" in text
    assert "\n" not in text


def test_cli_reports_unsupported_layer_without_traceback(keras, tmp_path):
    layers = keras.layers
    # a recurrent cell with an activation NNoM does not support
    lstm = layers.LSTM(4, activation="relu", name="lstm")
    model = keras.Sequential([keras.Input((8, 2)), lstm])
    path = _save(model, tmp_path / "lstm.keras")
    np.save(tmp_path / "calib.npy", np.zeros((4, 8, 2), np.float32))
    result = subprocess.run(
        [sys.executable, "-m", "nnom.cli", "convert", str(path), "-c", str(tmp_path / "calib.npy")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "'lstm'" in lines[0] and "(LSTM)" in lines[0] and "supported:" in lines[0]


def test_cli_accepts_npz_with_one_array_and_rejects_two(keras, tmp_path):
    layers = keras.layers
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    path = _save(model, tmp_path / "d.keras")
    x = np.random.default_rng(0).normal(size=(10, 3)).astype(np.float32)
    np.savez(tmp_path / "one.npz", x=x)
    np.savez(tmp_path / "two.npz", x=x, y=x)
    from nnom.cli import main

    assert (
        main(["convert", str(path), "-c", str(tmp_path / "one.npz"), "-o", str(tmp_path / "w.h")])
        == 0
    )
    assert (tmp_path / "w.h").is_file()
    assert main(["convert", str(path), "-c", str(tmp_path / "two.npz")]) == 2
    assert main(["convert", str(tmp_path / "missing.h5"), "-c", str(tmp_path / "one.npz")]) == 2


def test_calibration_shape_mismatch_is_clear(keras, tmp_path):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    path = _save(model, tmp_path / "d.keras")
    with pytest.raises(CalibrationError, match=r"expected \(N, 3\)"):
        nnom.convert(path, np.zeros((5, 4), np.float32))
    with pytest.raises(CalibrationError, match="required"):
        nnom.convert(path, None)


def test_live_model_and_generate_model(keras, tmp_path):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="tanh")])
    rng = np.random.default_rng(0)
    # fixed weights: Keras' random initialisation made the bound below flaky
    model.set_weights([rng.normal(0, 0.5, (4, 3)), rng.normal(0, 0.1, 3)])
    x = rng.normal(size=(20, 4)).astype(np.float32)
    header = tmp_path / "weights.h"
    converted = nnom.generate_model(model, x, name=str(header))
    assert header.is_file()
    assert "NNOM_OUTPUT_SCALE" in header.read_text()
    assert np.abs(converted.predict(x)[0] - np.asarray(model(x))).max() < 0.02
    # the header serves both layouts (the runtime's NNOM_USING_CHW decides)
    text = header.read_text()
    nnom.generate_model(model, x, name=str(header), format="chw")
    assert header.read_text() == text
    with pytest.raises(NnomError, match="format"):
        nnom.generate_model(model, x, name=str(header), format="nchw")


def test_layer_names_do_not_matter(keras, tmp_path):
    """Recognised by class: renamed layers convert the same (nnom#190)."""
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((4, 4, 1)),
            layers.Conv2D(2, 3, name="batch_normalization_dense"),
            layers.Flatten(name="conv2d"),
            layers.Dense(3, name="softmax"),
        ]
    )
    x = np.random.default_rng(0).normal(size=(8, 4, 4, 1)).astype(np.float32)
    err, converted = _float_error(model, _save(model, tmp_path / "names.keras"), x)
    assert err < 1e-5
    assert [n.op for n in converted.graph.nodes] == ["input", "conv2d", "flatten", "dense"]


def test_dead_channels_take_the_layers_largest_weight_scale(keras, tmp_path):
    """An all-zero output channel (dead, as trained networks have) used to
    get weight scale 1.0: multiplier s_in / s_out, out of the kernels' fast
    requantisation range, so the whole layer ran the slow path (wake-word
    (10,1) depthwise 3.9 -> 13.5 instr/MAC, bench/run.py --variant
    trained). Now it takes the largest scale of the layer: the same
    multiplier as that channel, and its constant output tracks Keras."""
    layers = keras.layers
    keras.utils.set_random_seed(5)
    model = keras.Sequential(
        [
            keras.Input((6, 6, 4)),
            layers.Conv2D(8, 3, padding="same", activation="relu", name="conv"),
            layers.DepthwiseConv2D(3, padding="same", name="dw"),
            layers.Flatten(),
            layers.Dense(4, name="fc"),
        ]
    )
    for name, dead in (("conv", 2), ("dw", 5), ("fc", 1)):
        kernel, bias = model.get_layer(name).get_weights()
        if name == "dw":
            kernel[..., dead, 0] = 0.0
        else:
            kernel[..., dead] = 0.0
        bias[dead] = 0.3
        model.get_layer(name).set_weights([kernel, bias])
    x = np.random.default_rng(2).normal(size=(16, 6, 6, 4)).astype(np.float32)
    err, converted = _float_error(model, _save(model, tmp_path / "dead.keras"), x)
    nodes = {node.name: node for node in converted.graph.nodes}
    for name, dead in (("conv", 2), ("dw", 5), ("fc", 1)):
        q = nodes[name].q
        top = int(np.argmax(q.weight_scale))
        assert q.weight_scale[dead] == q.weight_scale[top] < 1.0
        assert (q.mult[dead], q.shift[dead]) == (q.mult[top], q.shift[top])
    assert err < 0.05
    qx = converted.quantize(x[:4])
    c_out, _ = cbuild.run_c(converted, [qx], tmp_path / "c")
    assert np.array_equal(c_out[0], converted.run(qx)[0])
