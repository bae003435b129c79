"""Random recurrent models on an emulated Cortex-M4 (qemucm mps2_an386) and
on the host through PlatformIO: each model's golden vectors (inputs, the
numpy reference's outputs and every layer's CRC-32, nnom/golden.py) must
come out bit for bit through model_run(). Stateful models run their vectors
one after the other, carrying the state, as the reference does.

The library is copied as a clone lays it out, so edits made in the checkout
while the test runs cannot change what is built; everything runs offline
(see test_pio.run_pio).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import nnom
import rnn_models
from nnom import golden
from nnom.pio_offline import make_offline_core
from test_pio import cases_of, needs_pio, needs_qemu, run_pio
from test_rnn import calibration_data

REPO = Path(__file__).resolve().parents[3]
# Seeds of test_rnn's random models: stacked stateful GRU cells; Bidirectional
# concat, ave, mul and sum; stateful Bidirectional; stateful LSTM going
# backwards between stacked stateful cells; LSTM -> stacked cells -> GRU -> Dense.
SEEDS = (0, 1, 6, 8, 13, 14, 25, 31)
N_VECTORS = 6
CASES = ["golden_model_create"] + [f"golden_vector_{i}" for i in range(N_VECTORS)]

PLATFORMIO_INI = """\
[env]
lib_deps = symlink://..
build_flags = -Wall -Wextra
test_framework = custom

[env:native]
platform = native

[env:qemu_m4]
platform = qemucm
board = mps2_an386
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library as cloned, and next to it a project with one test suite per
    model: test/test_rnn_<seed>/ with weights.h, nnom_golden.h and a main."""
    root = tmp_path_factory.mktemp("clone") / "nnom"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pio")
    for part in ("src", "inc", "port", "extra_script", "nnom"):
        shutil.copytree(REPO / part, root / part, ignore=ignore)
    for part in ("library.json", "test/test_custom_runner.py"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / part, root / part)
    proj = root / "rnn_models"
    (proj / "test").mkdir(parents=True)
    (proj / "platformio.ini").write_text(PLATFORMIO_INI)
    shutil.copy(REPO / "examples/mnist-simple/test/test_custom_runner.py", proj / "test")
    import keras_factory as kf

    for seed in SEEDS:
        rng = np.random.default_rng(50_000 + seed)
        model = rnn_models.random_rnn_model(rng)
        path = kf.save_model(model, root / f"m{seed}.keras", "keras")
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = calibration_data(rng, shape, 48)
        converted = nnom.convert(path, calib)
        suite = proj / "test" / f"test_rnn_{seed}"
        suite.mkdir()
        converted.save_header(suite / "weights.h")
        golden.save_golden(converted, calib[:N_VECTORS], N_VECTORS, suite / "nnom_golden.h")
        (suite / "test_main.c").write_text(
            f"/* {rnn_models.describe(model)} */\n"
            '#include "nnom_golden.h"\n#include "nnom_golden_test.h"\n'
        )
    return proj


def _check(env: str, core: Path, project: Path, workspace: Path) -> None:
    code, output, suites = run_pio(["test", "-e", env], project, core, workspace)
    assert code == 0, output
    for seed in SEEDS:
        status, cases = cases_of(suites, env, f"test_rnn_{seed}")
        assert status == "PASSED", output
        assert cases == dict.fromkeys(CASES, "PASSED"), output


@needs_qemu
def test_random_recurrent_models_are_bit_exact_on_cortex_m4(core, project, tmp_path):
    _check("qemu_m4", core, project, tmp_path)


@needs_pio
def test_random_recurrent_models_are_bit_exact_through_pio_native(core, project, tmp_path):
    _check("native", core, project, tmp_path)
