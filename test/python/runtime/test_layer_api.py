"""The Layer API (hand-written models) computes what the converter's model does."""

from __future__ import annotations

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
from test_bitexact import calibration_data

N_RANDOM = 40


def _run_exe(exe, qx, tmp_path):
    (tmp_path / "in.bin").write_bytes(qx.tobytes())
    cbuild.run([str(exe), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")])
    return np.frombuffer((tmp_path / "out.bin").read_bytes(), np.int8)


@pytest.mark.parametrize("chunk", range(4))
def test_layer_api_header_equals_structured_header(chunk, tmp_path):
    """Random models written with both APIs give identical bytes."""
    per = N_RANDOM // 4
    checked = 0
    for seed in range(chunk * per, (chunk + 1) * per):
        rng = np.random.default_rng(20_000 + seed)
        model = kf.random_sequential_model(rng)
        path = kf.save_model(model, tmp_path / f"m{seed}.keras", "keras")
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        converted = nnom.convert(path, calibration_data(rng, shape, 48))
        if any(n.attrs.get("padding") == "causal" for n in converted.graph.nodes):
            continue  # no Layer API form (explicit padding)
        qx = converted.quantize(calibration_data(rng, shape, 5))
        want = converted.run(qx)[0]
        work = tmp_path / f"s{seed}"
        got_structured, _ = cbuild.run_c(converted, [qx], work)
        layer_dir = tmp_path / f"l{seed}"
        layer_dir.mkdir()
        header = layer_dir / "weights.h"
        converted.save_header(header, api="layer")
        exe = cbuild.build_harness(header, layer_dir)
        got_layer = _run_exe(exe, qx, layer_dir).reshape(want.shape)
        assert np.array_equal(got_structured[0], want), f"seed {seed}"
        assert np.array_equal(got_layer, want), f"seed {seed}: Layer API differs"
        checked += 1
    assert checked >= per - 2


def test_handwritten_model_equals_converted_model(tmp_path):
    import keras

    layers = keras.layers
    keras.utils.set_random_seed(11)
    model = keras.Sequential(
        [
            keras.Input((10, 10, 1), name="image"),
            layers.Conv2D(8, 3, padding="same", activation="relu", name="conv1"),
            layers.MaxPooling2D(2),
            layers.DepthwiseConv2D(3, padding="same", activation="relu6", name="dw1"),
            layers.ZeroPadding2D(1),
            layers.Conv2D(12, 3, strides=2, name="conv2"),
            layers.Activation("sigmoid", name="sig"),
            layers.UpSampling2D(2),
            layers.Cropping2D(((1, 0), (0, 1))),
            layers.AveragePooling2D(2, padding="same"),
            layers.Flatten(),
            layers.Dense(16, activation="relu", name="fc1"),
            layers.Dense(5, name="fc2"),
            layers.Softmax(name="softmax"),
        ]
    )
    path = tmp_path / "hand.keras"
    model.save(path)
    x = np.random.default_rng(0).random((64, 10, 10, 1)).astype(np.float32)
    converted = nnom.convert(path, x)
    qx = converted.quantize(x[:12])
    want = converted.run(qx)[0]
    got_structured, _ = cbuild.run_c(converted, [qx], tmp_path / "structured")
    assert np.array_equal(got_structured[0], want)

    header = tmp_path / "weights_layer_api.h"
    converted.save_header(header, api="layer")
    exe = _build_with_header("handwritten_model.c", header, tmp_path)
    got_hand = _run_exe(exe, qx, tmp_path).reshape(want.shape)
    assert np.array_equal(got_hand, want)

    # act_sigmoid/tanh/leaky_relu as a layer's tail (table made by
    # model_compile) and as an Activation layer: the same bytes
    tails = _build_with_header("tail_tables.c", header, tmp_path)
    printed = cbuild.run([str(tails), str(tmp_path / "in.bin")]).stdout
    for name in ("sigmoid", "tanh", "leaky_relu"):
        assert f"tail-table {name} runs=12 differ=0" in printed, printed


def _build_with_header(source: str, header, tmp_path):
    """test/python/c/<source> built against the runtime with MODEL_HEADER."""
    exe = tmp_path / source.removesuffix(".c")
    cbuild.program([cbuild.ROOT / "test/python/c" / source], exe, header=header)
    return exe


@pytest.mark.parametrize("chunk", range(3))
def test_layer_api_runs_random_graphs_like_the_structured_api(chunk, tmp_path):
    """Merges, concatenation, global pooling, transposed convolutions... written
    with the Layer API (model.mergex(Add(&q), ...)) give the same bytes."""
    import dag_factory
    from nnom.errors import NnomError

    per, done, skipped = 10, 0, []
    for seed in range(chunk * per, (chunk + 1) * per):
        rng = np.random.default_rng(80_000 + seed)
        model, kinds = dag_factory.random_dag_model(rng)
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [calibration_data(rng, s, 32) for s in shapes]
        converted = nnom.convert(model, calib)
        try:
            converted.header(api="layer")
        except NnomError as err:  # e.g. a product of three inputs
            skipped.append(str(err))
            continue
        qx = [converted.quantize(c[:4], k) for k, c in enumerate(calib)]
        want = converted.run(qx)
        got, _ = cbuild.run_c(converted, qx, tmp_path / f"l{seed}", api="layer")
        for w, g in zip(want, got):
            assert np.array_equal(w, g), f"seed {seed} ({sorted(kinds)})"
        done += 1
    assert done >= per // 2, skipped
