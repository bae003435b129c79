"""Random DAG models and every accepted layer on an emulated Cortex-M4
(qemucm mps2_an386) through PlatformIO: each model's golden vectors (inputs,
the numpy reference's outputs and every layer's CRC-32, nnom/golden.py) must
come out bit for bit through model_run().

The DAG seeds are the fewest of test_dag_bitexact's graphs that together
contain every block and layer kind the generator draws; the layer models
group test_layers_more's one-layer cases, up to 8 outputs per model.
Everything runs offline (see test_pio.run_pio).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import dag_factory
import nnom
from nnom import golden
from nnom.pio_offline import make_offline_core
from test_dag_bitexact import calibration_data
from test_layers_more import _cases, _randomize
from test_pio import cases_of, needs_qemu, run_pio

REPO = Path(__file__).resolve().parents[3]
DAG_SEEDS = (11, 16, 22, 42, 48, 78, 97, 98)  # cover every kind of the first 120 graphs
N_VECTORS = 4
CASES = ["golden_model_create"] + [f"golden_vector_{i}" for i in range(N_VECTORS)]
OUTPUTS_PER_MODEL = 8  # NNOM_MAX_OUTPUTS

PLATFORMIO_INI = """\
[env]
lib_deps = symlink://..
build_flags = -Wall -Wextra
test_framework = custom

[env:qemu_m4]
platform = qemucm
board = mps2_an386
"""


def layer_models(keras) -> list:
    """test_layers_more's cases grouped into multi-input, multi-output models."""
    cases = _cases(keras.layers)
    models = []
    for start in range(0, len(cases), OUTPUTS_PER_MODEL):
        ins, outs = [], []
        for _, shapes, make in cases[start : start + OUTPUTS_PER_MODEL]:
            xin = [keras.Input(s) for s in shapes]
            ins += xin
            outs.append(make(xin if len(xin) > 1 else xin[0]))
        model = keras.Model(ins, outs)
        _randomize(model, np.random.default_rng(start))
        models.append(model)
    return models


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The library as cloned and a project with one test suite per model."""
    import keras

    root = tmp_path_factory.mktemp("clone") / "nnom"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pio")
    for part in ("src", "inc", "port", "extra_script", "nnom"):
        shutil.copytree(REPO / part, root / part, ignore=ignore)
    shutil.copy(REPO / "library.json", root / "library.json")
    proj = root / "dag_models"
    (proj / "test").mkdir(parents=True)
    (proj / "platformio.ini").write_text(PLATFORMIO_INI)
    shutil.copy(REPO / "examples/mnist-simple/test/test_custom_runner.py", proj / "test")
    models = []
    for seed in DAG_SEEDS:
        rng = np.random.default_rng(70_000 + seed)
        model, _ = dag_factory.random_dag_model(rng)
        models.append((f"dag_{seed}", model, rng))
    for k, model in enumerate(layer_models(keras)):
        models.append((f"layers_{k}", model, np.random.default_rng(k)))
    for name, model, rng in models:
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [calibration_data(rng, s, 48) for s in shapes]
        converted = nnom.convert(model, calib)
        suite = proj / "test" / f"test_{name}"
        suite.mkdir()
        converted.save_header(suite / "weights.h")
        golden.save_golden(converted, calib, N_VECTORS, suite / "nnom_golden.h")
        (suite / "test_main.c").write_text(
            '#include "nnom_golden.h"\n#include "nnom_golden_test.h"\n'
        )
    return proj, [name for name, _, _ in models]


@needs_qemu
def test_dags_and_layers_are_bit_exact_on_cortex_m4(core, project, tmp_path):
    proj, names = project
    code, output, suites = run_pio(["test", "-e", "qemu_m4"], proj, core, tmp_path)
    assert code == 0, output
    for name in names:
        status, cases = cases_of(suites, "qemu_m4", f"test_{name}")
        assert status == "PASSED", output
        assert cases == dict.fromkeys(CASES, "PASSED"), output
