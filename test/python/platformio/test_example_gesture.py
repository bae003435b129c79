"""examples/gesture-rnn as a user gets it: run it, and prove the model on each board.

The example is copied with the library around it, laid out as in a clone
(its platformio.ini says `lib_deps = symlink://../..`), so edits made in the
checkout while the tests run cannot change what is built. Everything runs
offline (see test_pio.run_pio).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nnom.pio_offline import make_offline_core
from test_pio import QEMU_ENVS, cases_of, needs_pio, needs_qemu, run_pio

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = Path("examples") / "gesture-rnn"
GOLDEN_CASES = ["golden_model_create"] + [f"golden_vector_{i}" for i in range(10)]


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files of a fresh clone that the example uses; returns the example's folder."""
    root = tmp_path_factory.mktemp("clone") / "nnom"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pio")
    for part in ("src", "inc", "port", "extra_script", "nnom", str(EXAMPLE)):
        shutil.copytree(REPO / part, root / part, ignore=ignore)
    for part in ("library.json", "test/test_custom_runner.py"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / part, root / part)
    return root / EXAMPLE


@needs_pio
def test_example_runs_natively(core: Path, clone: Path, tmp_path: Path) -> None:
    code, output, _ = run_pio(["run", "-e", "native", "-t", "exec"], clone, core, tmp_path)
    assert code == 0, output
    assert "NNoM: generated weights.h and nnom_golden.h (10 vectors) from model.h5" in output
    for text in (
        "#2   GRU",
        "#3   LSTM",
        "Arena: 1896 bytes",
        "8 of 8 gestures right",
        "circle_ccw  predicted circle_ccw",
        "Top 1 Accuracy: 100.00%",
    ):
        assert text in output, output


def _env(env: str):
    return pytest.param(env, marks=needs_pio if env == "native" else needs_qemu, id=env)


@pytest.mark.parametrize("env", [_env(e) for e in ("native", *QEMU_ENVS)])
def test_example_golden_vectors_pass(env: str, core: Path, clone: Path, tmp_path: Path) -> None:
    code, output, suites = run_pio(["test", "-e", env, "-vv"], clone, core, tmp_path)
    assert code == 0, output
    status, cases = cases_of(suites, env, "test_nnom_golden")
    assert status == "PASSED", output
    assert cases == dict.fromkeys(GOLDEN_CASES, "PASSED")
