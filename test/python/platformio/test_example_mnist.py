"""examples/mnist-simple as a user gets it: run it, and prove the model on each board.

The example is copied with the library around it, laid out as in a clone
(its platformio.ini says `lib_deps = symlink://../..`), so edits made in the
checkout while the tests run cannot change what is built. Everything runs
offline (see test_pio.run_pio).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

import nnom
from nnom import golden
from nnom.pio_offline import make_offline_core
from test_pio import (
    GOLDEN_CASES,
    QEMU_ENVS,
    cases_of,
    clone_example,
    env_param,
    needs_pio,
    needs_qemu,
    run_pio,
)

EXAMPLE = Path("examples") / "mnist-simple"
BACKEND_LINE = {
    "native": "NNoM: backend local (auto: no Cortex-M cpu in the board metadata)",
    "qemu_m3": "NNoM: backend local (auto: cortex-m3)",
    **{
        env: f"NNoM: backend local (auto: cortex-m{env[6:]}, but no CMSIS-NN library in lib_deps)"
        for env in ("qemu_m4", "qemu_m7", "qemu_m33", "qemu_m55")
    },
}


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
    assert BACKEND_LINE["native"] in output
    assert "NNoM: generated weights.h and nnom_golden.h (10 vectors) from model.h5" in output
    for text in (
        "Layer(#)",
        "Arena: 2560 bytes",
        "10 of 10 digits right",
        "Print running stat",
        "Top 1 Accuracy: 100.00%",
        "Confusion matrix",
    ):
        assert text in output, output


@needs_qemu
def test_example_uploads_to_qemu_m4(core: Path, clone: Path, tmp_path: Path) -> None:
    code, output, _ = run_pio(["run", "-e", "qemu_m4", "-t", "upload"], clone, core, tmp_path)
    assert code == 0, output
    assert BACKEND_LINE["qemu_m4"] in output
    for text in ("Layer(#)", "10 of 10 digits right", "Time(instr)", "Top 1 Accuracy: 100.00%"):
        assert text in output, output


@pytest.mark.parametrize("env", [env_param(e) for e in ("native", *QEMU_ENVS)])
def test_example_golden_vectors_pass(env: str, core: Path, clone: Path, tmp_path: Path) -> None:
    # The backend choice is printed once per build (`pio test` hides build output).
    code, output, _ = run_pio(["run", "-e", env], clone, core, tmp_path)
    assert code == 0, output
    assert output.count(BACKEND_LINE[env]) == 1, output
    assert output.count("NNoM: backend") == 1, output

    code, output, suites = run_pio(["test", "-e", env], clone, core, tmp_path)
    assert code == 0, output
    status, cases = cases_of(suites, env, "test_nnom_golden")
    assert status == "PASSED", output
    assert cases == dict.fromkeys(GOLDEN_CASES, "PASSED")


def _corrupt(converted: nnom.ConvertedModel, layer: str) -> tuple[int, int]:
    """Change the first weight of `layer` in the model (as the test changes it in the
    header); returns (old, new)."""
    weight = converted.graph.node(layer).q.weight
    old = int(weight.flat[0])
    new = 127 if old < 0 else -127
    weight.flat[0] = new
    return old, new


def expected_failures(clone: Path, layer: str) -> dict[int, tuple[int, str]]:
    """golden vector -> (first differing layer number, its Keras name), from the reference."""
    model = nnom.convert(clone / "model.h5", np.load(clone / "calib.npy"))
    shapes = [model.graph.node(n).shape for n in model.graph.inputs]
    x = golden.pick(np.load(clone / "calib.npy"), 10, shapes)
    q = [model.quantize(a, k) for k, a in enumerate(x)]
    good = golden.layer_checksums(model, q)
    _corrupt(model, layer)
    bad = golden.layer_checksums(model, q)
    out = {}
    for i in range(good.shape[0]):
        differs = np.nonzero(good[i] != bad[i])[0]
        if differs.size:
            k = int(differs[0])
            node = model.plan.layers[k].node
            out[i] = (k + 1, node.source or node.name)
    return out


@pytest.mark.parametrize("env", [env_param("native"), env_param("qemu_m4")])
def test_golden_test_names_the_corrupted_layer(
    env: str, core: Path, clone: Path, tmp_path: Path
) -> None:
    code, output, _ = run_pio(["test", "-e", env], clone, core, tmp_path)
    assert code == 0, output

    layer = "conv2d_1"
    header = tmp_path / "build" / env / "nnom_generated" / "weights.h"
    text = header.read_text()
    pattern = re.compile(rf"(static const int8_t {layer}_weight\[\d+\] = \{{\n\s+)(-?\d+)")
    match = pattern.search(text)
    assert match, "weights.h has no such array"
    model = nnom.convert(clone / "model.h5", np.load(clone / "calib.npy"))
    old, new = _corrupt(model, layer)
    assert int(match.group(2)) == old
    header.write_text(pattern.sub(rf"\g<1>{new}", text, count=1))

    expected = expected_failures(clone, layer)
    assert expected, "the corruption should change some layer output"
    code, output, suites = run_pio(["test", "-e", env], clone, core, tmp_path)
    assert code == 1, output
    status, cases = cases_of(suites, env, "test_nnom_golden")
    assert status == "FAILED", output
    failed = {int(name.rsplit("_", 1)[1]) for name, s in cases.items() if s == "FAILED"}
    # Every vector the reference says changes fails (others may too: the header
    # holds values derived from the weights that the changed byte no longer matches).
    assert set(expected) <= failed, output
    number, keras = next(iter(expected.values()))
    for i in failed:
        line = re.search(rf"golden_vector_{i}:? ?(.*)\[FAILED\]", output)
        assert line, output
        assert f"first differing layer #{number} Conv2D '{keras}'" in line.group(1), output


CMSIS_NN_MANIFEST = {
    "name": "CMSIS-NN",
    "version": "7.0.0",
    "build": {
        "includeDir": "Include",
        "srcDir": "Source",
        "flags": ["-I Include", "-I Include/Internal"],
        "srcFilter": ["+<*>", "-<**/*_f16*.c>", "-<**/*_f32*.c>", "-<**/*_flt*.c>", "-<Bindings/>"],
    },
}


@needs_qemu
@pytest.mark.skipif(
    not os.environ.get("NNOM_CMSIS_NN_DIR"), reason="needs a CMSIS-NN checkout in NNOM_CMSIS_NN_DIR"
)
def test_example_with_cmsis_nn_in_lib_deps(core: Path, clone: Path, tmp_path: Path) -> None:
    """CMSIS-NN added with one lib_deps line: chosen on the M4/M55, golden vectors pass."""
    cmsis = Path(os.environ["NNOM_CMSIS_NN_DIR"]).resolve()
    lib = tmp_path / "CMSIS-NN"
    lib.mkdir()
    for part in ("Include", "Source"):
        (lib / part).symlink_to(cmsis / part)
    (lib / "library.json").write_text(json.dumps(CMSIS_NN_MANIFEST))
    project = tmp_path / "mnist"
    shutil.copytree(clone, project, symlinks=True)
    ini = (clone / "platformio.ini").read_text()
    (project / "platformio.ini").write_text(
        ini.replace(
            "lib_deps = symlink://../..",
            f"lib_deps =\n    symlink://{clone.parents[1]}\n    symlink://{lib}",
        )
    )
    for env in ("qemu_m4", "qemu_m55"):
        code, output, _ = run_pio(["run", "-e", env], project, core, tmp_path / "ws")
        assert code == 0, output
        assert (
            f"NNoM: backend cmsis-nn (auto: cortex-m{env[6:]} and a CMSIS-NN library "
            "in the project)"
        ) in output, output
        code, output, suites = run_pio(["test", "-e", env], project, core, tmp_path / "ws")
        assert code == 0, output
        status, cases = cases_of(suites, env, "test_nnom_golden")
        assert status == "PASSED" and cases == dict.fromkeys(GOLDEN_CASES, "PASSED"), output
