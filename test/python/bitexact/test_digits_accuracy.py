"""A CNN trained on scikit-learn's digits keeps its accuracy through the C runtime.

The model is the committed example (examples/mnist-simple/model.h5, made by
its train.py); the held-out split is the one train.py used.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

import cbuild
import nnom

EXAMPLE = cbuild.ROOT / "examples" / "mnist-simple"
MAX_DROP = 0.01  # int8 top-1 may lose at most 1 percentage point


def _train_module():
    spec = importlib.util.spec_from_file_location("digits_train", EXAMPLE / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def digits():
    pytest.importorskip("sklearn")
    _, x_test, _, y_test = _train_module().load_split()
    return x_test, y_test


def test_int8_accuracy_through_c_matches_float(digits, tmp_path):
    import keras

    x_test, y_test = digits
    model = keras.models.load_model(EXAMPLE / "model.h5", compile=False)
    float_acc = float((np.asarray(model(x_test)).argmax(1) == y_test).mean())

    converted = nnom.convert(EXAMPLE / "model.h5", np.load(EXAMPLE / "calib.npy"))
    qx = converted.quantize(x_test)
    c_out, _ = cbuild.run_c(converted, [qx], tmp_path)
    assert np.array_equal(c_out[0], converted.run(qx)[0])
    int8_acc = float((c_out[0].argmax(1) == y_test).mean())
    assert float_acc > 0.95, "the committed model should be well trained"
    assert int8_acc >= float_acc - MAX_DROP, f"float {float_acc:.4f}, int8 {int8_acc:.4f}"


def test_prediction_api_reports_topk_and_confusion_matrix(digits, tmp_path):
    """prediction_run_dataset/summary on the device side agree with numpy."""
    x_test, y_test = digits
    converted = nnom.convert(EXAMPLE / "model.h5", np.load(EXAMPLE / "calib.npy"))
    qx = converted.quantize(x_test)
    header = tmp_path / "weights.h"
    converted.save_header(header)
    exe = cbuild.program(
        [cbuild.ROOT / "test/python/c/predict_dataset.c"], tmp_path / "predict", header=header
    )
    (tmp_path / "x.bin").write_bytes(qx.tobytes())
    (tmp_path / "y.bin").write_bytes(y_test.astype(np.uint8).tobytes())
    out = cbuild.run([str(exe), str(tmp_path / "x.bin"), str(tmp_path / "y.bin")]).stdout

    scores = converted.run(qx)[0]
    n = len(y_test)
    # rank of the true class: higher scores first, ties broken by lower index
    true = scores[np.arange(n), y_test][:, None]
    idx = np.arange(scores.shape[1])[None, :]
    rank = ((scores > true) | ((scores == true) & (idx < y_test[:, None]))).sum(1)
    assert f"Test frames: {n}" in out
    for k in (1, 2, 3):
        bp = int((rank < k).sum()) * 10000 // n
        assert f"Top {k} Accuracy: {bp // 100}.{bp % 100:02d}%" in out
    matrix = np.zeros((10, 10), int)
    np.add.at(matrix, (y_test, scores.argmax(1)), 1)
    for r in range(10):
        row = f"{r:4d} |" + "".join(f"{v:5d} " for v in matrix[r])
        assert row in out
    assert "Print running stat.." in out and "Total ops (MAC): 347616" in out
    # nnom_predict re-runs the last sample: arg-max and its probability
    last = scores[-1]
    prob = converted.dequantize(last)[last.argmax()]
    assert f"nnom_predict: {last.argmax()} {int(prob * 1000 + 0.5)}" in out
