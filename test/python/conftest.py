"""Shared pytest fixtures, one section per part of the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

# TensorFlow's oneDNN convolutions can be far from exact on some shapes (up to
# 0.05 on a softmax output, seen on random model 37): Keras, as the float
# reference of the tests, runs without them. Read when TensorFlow is imported.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

# ============================================================ Keras models
# Owner: frontend (keras_reader). Built once per session: importing Keras
# takes ~4 s and writing Keras 2 files needs a tf_keras subprocess (~5 s).
# keras_factory imports Keras lazily, so tests that do not use these
# fixtures never pay for it.


@pytest.fixture(scope="session")
def keras_zoo() -> dict:
    """name -> keras.Model: every keras_factory.ZOO model and two random
    Sequential models ("random0", "random1")."""
    import keras_factory

    models = {name: make() for name, make in keras_factory.ZOO.items()}
    rng = np.random.default_rng(2024)
    for i in range(2):
        models[f"random{i}"] = keras_factory.random_sequential_model(rng)
    return models


@pytest.fixture(scope="session")
def keras_zoo_files(keras_zoo: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """(model name, format) -> Path of `keras_zoo` models saved in each of
    keras_factory.ALL_FORMATS: "keras", "h5-keras3", "h5-keras2" and
    "keras-keras2" (a .keras file written by tf_keras)."""
    import keras_factory

    folder: Path = tmp_path_factory.mktemp("keras_zoo")
    paths = {
        (name, fmt): folder / f"{name}-{fmt}{keras_factory.SUFFIX[fmt]}"
        for name in keras_zoo
        for fmt in keras_factory.ALL_FORMATS
    }
    keras_factory.save_models([(keras_zoo[name], path, fmt) for (name, fmt), path in paths.items()])
    return paths


# ======================================================== end Keras models


# ================================================================ markers
# The folder says which tool a test needs: tests under boards/ run QEMU and
# tests under platformio/ run PlatformIO, so `-m "not qemu"` or `-m "not pio"`
# skips them on a machine without those tools.
FOLDER_MARKERS = {"boards": "qemu", "platformio": "pio"}
# The fast tier (tools/test.sh -m fast) besides tests marked fast in their
# file: whole modules of unit tests, about 1 min together on an idle core.
FAST_MODULES = {
    "test_architecture.py",
    "test_backends.py",
    "test_report.py",
    "test_fixedpoint.py",
    "test_merge_arith.py",
    "test_library_json.py",
    "test_lint.py",
    "test_op_files.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = FOLDER_MARKERS.get(item.path.parent.name)
        if marker:
            item.add_marker(marker)
        if item.path.name in FAST_MODULES:
            item.add_marker("fast")
