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
