"""examples/gesture-rnn as a user gets it: run it, and prove the model on each board.

The example is copied with the library around it, laid out as in a clone
(its platformio.ini says `lib_deps = symlink://../..`), so edits made in the
checkout while the tests run cannot change what is built. Everything runs
offline (see test_pio.run_pio).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nnom.pio_offline import make_offline_core
from test_pio import (
    GOLDEN_CASES,
    QEMU_ENVS,
    cases_of,
    clone_example,
    env_param,
    needs_pio,
    run_pio,
)

EXAMPLE = Path("examples") / "gesture-rnn"


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clone_example(tmp_path_factory.mktemp("clone"), EXAMPLE)


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


@pytest.mark.parametrize("env", [env_param(e) for e in ("native", *QEMU_ENVS)])
def test_example_golden_vectors_pass(env: str, core: Path, clone: Path, tmp_path: Path) -> None:
    code, output, suites = run_pio(["test", "-e", env, "-vv"], clone, core, tmp_path)
    assert code == 0, output
    status, cases = cases_of(suites, env, "test_nnom_golden")
    assert status == "PASSED", output
    assert cases == dict.fromkeys(GOLDEN_CASES, "PASSED")
