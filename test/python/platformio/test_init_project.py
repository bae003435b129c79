"""`nnom init`: a project a new user builds, runs and tests at once, offline.

The slow test plays the new user: a fresh HOME, no PLATFORMIO_* variables,
every network access cut off, nothing copied by hand; the four commands the
project's platformio.ini names must pass.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

import nnom
from nnom._csrc import library_root
from nnom.cli import main
from nnom.errors import NnomError
from nnom.init_project import init_project
from test_pio import NETWORK_SIGNS, PIO, UNREACHABLE, needs_qemu

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "mnist-simple"
SAMPLE = re.compile(r"^sample (\d+): class (\d+), expected class (\d+)$", re.M)


def ini_value(text: str, key: str) -> str:
    match = re.search(rf"^{key} = (.*)$", text, re.M)
    assert match, key
    return match.group(1)


def test_init_writes_a_complete_project(tmp_path: Path) -> None:
    project = init_project(tmp_path / "p", EXAMPLE / "model.h5", EXAMPLE / "calib.npy", golden=12)
    ini = (project / "platformio.ini").read_text()
    assert ini_value(ini, "default_envs") == "native, qemu_m4"
    core = Path(ini_value(ini, "core_dir"))
    assert core == project / ".pio-core"
    assert (core / "packages" / "tool-scons" / "scons.py").is_file()
    assert (core / "platforms" / "qemucm.pio-link").is_file()
    assert ini_value(ini, "lib_deps") == f"symlink://{library_root()}"
    assert ini_value(ini, "custom_nnom_model") == "model.h5"
    assert ini_value(ini, "custom_nnom_calibration") == "calib.npy"
    assert ini_value(ini, "custom_nnom_golden") == "12"
    assert ini_value(ini, "test_framework") == "custom"
    assert "[env:native]\nplatform = native\n" in ini
    assert "[env:qemu_m4]\nplatform = qemucm\nboard = mps2_an386\n" in ini
    assert (project / "model.h5").read_bytes() == (EXAMPLE / "model.h5").read_bytes()
    assert (project / "calib.npy").read_bytes() == (EXAMPLE / "calib.npy").read_bytes()
    assert (project / "test" / "test_nnom_golden" / "test_main.c").read_text() == (
        '#include "nnom_golden_test.h"\n'
    )
    # main.c quantises real samples: the first golden vectors (at most 10), as floats.
    samples = (project / "src" / "nnom_samples.h").read_text()
    assert "#define NNOM_SAMPLE_COUNT 10\n" in samples
    first = re.search(r"\{\n    \{([^}]*)\}", samples).group(1)
    values = np.array([float(v.rstrip("f")) for v in first.split(", ")], np.float32)
    assert np.array_equal(values, np.load(EXAMPLE / "calib.npy")[0].reshape(-1))
    assert "nnom_quantize(nnom_samples[s][i], NNOM_INPUT_Q)" in (project / "src/main.c").read_text()

    # The runner shim loads the library's own runner: nothing to copy.
    spec = importlib.util.spec_from_file_location("shim", project / "test/test_custom_runner.py")
    shim = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shim)
    assert Path(shim.RUNNER) == library_root() / "test" / "test_custom_runner.py"
    assert shim.CustomTestRunner.EXTRA_LIB_DEPS is None


def test_init_errors_name_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    calib = str(EXAMPLE / "calib.npy")
    with pytest.raises(NnomError, match=r"model '.*' is a directory; give the \.h5/\.keras file"):
        init_project(tmp_path / "a", EXAMPLE, calib)
    with pytest.raises(NnomError, match="unknown board 'qemu-m4': did you mean qemu_m4?"):
        init_project(tmp_path / "b", EXAMPLE / "model.h5", calib, ["native", "qemu-m4"])
    init_project(tmp_path / "c", EXAMPLE / "model.h5", calib, ["native"])
    code = main(["init", str(tmp_path / "c"), "-m", str(EXAMPLE / "model.h5"), "-c", calib])
    err = capsys.readouterr().err
    assert code == 2
    message = f"{tmp_path / 'c'} already holds a platformio.ini; use --force to overwrite"
    assert err == f"nnom: error: {message}\n"
    assert main(["init", str(tmp_path / "c"), "-m", str(EXAMPLE / "model.h5"), "-c", calib,
                 "--force", "--boards", "qemu_m55", "native"]) == 0  # fmt: skip
    ini = (tmp_path / "c" / "platformio.ini").read_text()
    assert ini_value(ini, "default_envs") == "qemu_m55, native"


def reference_classes(project: Path, count: int) -> list[int]:
    data = np.load(project / "calib.npy")
    converted = nnom.convert(project / "model.h5", data)
    out = converted.run(converted.quantize(data[:count]))[0]
    return [int(v) for v in out.reshape(count, -1).argmax(-1)]


@needs_qemu
@pytest.mark.slow
def test_new_user_runs_and_tests_offline_with_nothing_set(tmp_path: Path) -> None:
    """Fresh HOME, no PLATFORMIO_CORE_DIR, no network: run on the M4 and test on the host.

    Five calibration samples and --golden 8: the golden header and the build's
    message both count 5 vectors. `pio test` after `pio run` converts nothing
    again. (test_readme runs all four commands of a project with defaults.)"""
    np.save(tmp_path / "few.npy", np.load(EXAMPLE / "calib.npy")[:5])
    project = init_project(tmp_path / "proj", EXAMPLE / "model.h5", tmp_path / "few.npy", golden=8)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORMIO_")}
    env.update(HOME=str(home), http_proxy=UNREACHABLE, https_proxy=UNREACHABLE)
    env.update(HTTP_PROXY=UNREACHABLE, HTTPS_PROXY=UNREACHABLE)
    expected = reference_classes(project, 5)

    def pio(*args: str) -> str:
        proc = subprocess.run(
            [PIO, *args], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, output
        assert not NETWORK_SIGNS.search(output), output
        return output

    output = pio("run", "-e", "qemu_m4", "-t", "upload")
    assert "NNoM: generated weights.h and nnom_golden.h (5 vectors)" in output
    printed = [(int(s), int(got), int(want)) for s, got, want in SAMPLE.findall(output)]
    assert printed == [(k, c, c) for k, c in enumerate(expected)], output
    assert "all 5 samples match the converter's reference" in output
    generated = project / ".pio" / "build" / "qemu_m4" / "nnom_generated"
    assert "#define NNOM_GOLDEN_COUNT 5\n" in (generated / "nnom_golden.h").read_text()
    stamp = (generated / ".nnom-stamp.json").stat().st_mtime_ns

    output = pio("test", "-e", "qemu_m4")
    assert "6 test cases: 6 succeeded" in output, output
    assert (generated / ".nnom-stamp.json").stat().st_mtime_ns == stamp  # not converted again
    assert not (home / ".platformio").exists()
