"""NNoM's PlatformIO build hook (extra_script/nnom_build.py), offline, end to end.

A user's own project (lib_deps pointing at this library, custom_nnom_model
and custom_nnom_calibration) builds and runs; editing the model or the
calibration regenerates the header and rebuilds, an unchanged build does
nothing; the backend choice per board is printed and can be overridden; a
broken model stops the build with the converter's one-line error. The pure
parts of the hook (backend table, converter discovery, missing numpy) are
tested without PlatformIO at the end.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

import nnom
from nnom.calibration import load_calibration
from nnom.errors import NnomError
from nnom.pio_offline import make_offline_core
from test_pio import UNREACHABLE, needs_pio, needs_qemu, run_pio

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "mnist-simple"
HOOK = REPO / "extra_script" / "nnom_build.py"
BOARDS = {
    "native": ("native", None, ""),
    "qemu_m3": ("qemucm", "lm3s6965evb", "cortex-m3"),
    "qemu_m4": ("qemucm", "mps2_an386", "cortex-m4"),
    "qemu_m7": ("qemucm", "mps2_an500", "cortex-m7"),
    "qemu_m33": ("qemucm", "mps2_an505", "cortex-m33"),
    "qemu_m55": ("qemucm", "mps3_an547", "cortex-m55"),
}
DSP_ENVS = ["qemu_m4", "qemu_m7", "qemu_m33", "qemu_m55"]

MAIN_C = r"""
#include <stdio.h>

#include "nnom.h"
#include "weights.h"

static const float pixels[NNOM_INPUT_SIZE] = {%s};

int main(void)
{
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 2;
    for (int i = 0; i < NNOM_INPUT_SIZE; i++)
        nnom_input_data[i] = nnom_quantize(pixels[i], NNOM_INPUT_Q);
    if (model_run(model) != NN_SUCCESS)
        return 3;
    printf("output:");
    for (int i = 0; i < NNOM_OUTPUT_SIZE; i++)
        printf(" %%d", nnom_output_data[i]);
    printf("\n");
    model_delete(model);
    return 0;
}
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the library (C sources, converter, hook): immune to edits made
    in the checkout while the tests run."""
    lib = tmp_path_factory.mktemp("lib") / "nnom"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("src", "inc", "port", "extra_script", "nnom"):
        shutil.copytree(REPO / part, lib / part, ignore=ignore)
    shutil.copy(REPO / "library.json", lib)
    return lib


def ini(envs: dict[str, str], common: str) -> str:
    text = "[env]\n" + common.strip() + "\n"
    for env, extra in envs.items():
        platform, board, _ = BOARDS[env]
        text += f"\n[env:{env}]\nplatform = {platform}\n"
        if board:
            text += f"board = {board}\n"
        text += extra
    return text


def user_project(
    root: Path, common: str = "", envs: dict[str, str] | None = None, lib: Path = REPO
) -> Path:
    """A fresh project of a user: the example's model and calibration, our main.c."""
    project = root / "project"
    (project / "src").mkdir(parents=True)
    for name in ("model.h5", "calib.npy"):
        (project / name).write_bytes((EXAMPLE / name).read_bytes())
    x = np.load(EXAMPLE / "calib.npy")[7].reshape(-1)
    (project / "src" / "main.c").write_text(
        MAIN_C % ", ".join(f"{v:.6f}f" for v in x), encoding="utf-8"
    )
    common = common or (
        f"lib_deps = symlink://{lib}\n"
        "custom_nnom_model = model.h5\n"
        "custom_nnom_calibration = calib.npy\n"
        "build_flags = -Wall -Wextra -Werror\n"
    )
    (project / "platformio.ini").write_text(ini(envs or {"native": ""}, common))
    return project


def expected_output(project: Path) -> list[int]:
    converted = nnom.convert(project / "model.h5", np.load(project / "calib.npy"))
    x = np.load(EXAMPLE / "calib.npy")[7:8]
    return [int(v) for v in converted.run(converted.quantize(x))[0].reshape(-1)]


def printed_output(output: str) -> list[int]:
    match = re.search(r"^output:((?: -?\d+)+)$", output, re.MULTILINE)
    assert match, output
    return [int(v) for v in match.group(1).split()]


def compiled(output: str) -> list[str]:
    return re.findall(r"^(?:Compiling|Linking|Archiving) (\S+)", output, re.MULTILINE)


# ----------------------------------------------------------- a user's project


@needs_pio
def test_user_project_builds_runs_and_rebuilds_only_on_change(
    core: Path, library: Path, tmp_path: Path
) -> None:
    project = user_project(tmp_path, lib=library)
    ws = tmp_path / "ws"
    header = ws / "build" / "native" / "nnom_generated" / "weights.h"

    code, output, _ = run_pio(["run", "-t", "exec"], project, core, ws)
    assert code == 0, output
    assert "NNoM: generated weights.h from model.h5" in output
    arena = nnom.convert(project / "model.h5", np.load(project / "calib.npy")).arena_bytes
    assert f"(arena {arena} bytes, local build)" in output
    assert output.count("NNoM: backend local") == 1, output
    assert printed_output(output) == expected_output(project)
    assert "Traceback" not in output

    # Unchanged: nothing regenerated, nothing compiled, the header untouched.
    stamp = header.stat().st_mtime_ns
    code, output, _ = run_pio(["run"], project, core, ws)
    assert code == 0, output
    assert "NNoM: generated" not in output
    assert compiled(output) == [], output
    assert header.stat().st_mtime_ns == stamp

    # New calibration data: regenerated, the project's source recompiled.
    np.save(project / "calib.npy", np.load(EXAMPLE / "calib.npy")[100:160] * 0.9)
    code, output, _ = run_pio(["run", "-t", "exec"], project, core, ws)
    assert code == 0, output
    assert "NNoM: generated weights.h" in output
    assert any(path.endswith("src/main.o") for path in compiled(output)), output
    assert printed_output(output) == expected_output(project)

    # An edited model (the last Dense's weights scaled): the same.
    with h5py.File(project / "model.h5", "r+") as f:
        kernel = f["model_weights/dense_1/sequential/dense_1/kernel"]
        kernel[...] = kernel[...] * np.float32(0.5)
    code, output, _ = run_pio(["run", "-t", "exec"], project, core, ws)
    assert code == 0, output
    assert "NNoM: generated weights.h" in output
    assert any(path.endswith("src/main.o") for path in compiled(output)), output
    assert printed_output(output) == expected_output(project)

    code, output, _ = run_pio(["run"], project, core, ws)
    assert code == 0 and compiled(output) == [] and "NNoM: generated" not in output, output


@needs_pio
@pytest.mark.slow
def test_golden_test_needs_no_copied_runner(core: Path, tmp_path: Path) -> None:
    """`nnom golden-test` gives a hand-made project the test and a runner that loads
    the library's; `pio test` passes with it. A project's own runner is kept."""
    from nnom.cli import main

    project = user_project(
        tmp_path,
        common=f"lib_deps = symlink://{REPO}\ncustom_nnom_model = model.h5\n"
        "custom_nnom_calibration = calib.npy\ncustom_nnom_golden = 3\ntest_framework = custom\n",
    )
    assert main(["golden-test", str(project)]) == 0
    runner = (project / "test" / "test_custom_runner.py").read_text()
    assert f"RUNNER = {str(REPO / 'test' / 'test_custom_runner.py')!r}" in runner
    code, output, _ = run_pio(["test", "-e", "native"], project, core, tmp_path / "ws")
    assert code == 0, output
    assert "4 test cases: 4 succeeded" in output, output

    from nnom.init_project import add_golden_test

    (project / "test" / "test_custom_runner.py").write_text("# mine\n")
    assert add_golden_test(project) == []
    assert (project / "test" / "test_custom_runner.py").read_text() == "# mine\n"


@needs_pio
def test_project_without_model_is_silent(core: Path, tmp_path: Path) -> None:
    """PlatformIO runs the hook for every library found; without options it says nothing."""
    project = user_project(tmp_path, common=f"lib_deps = symlink://{REPO}\n")
    (project / "src" / "main.c").write_text(
        '#include <stdio.h>\n#include "nnom.h"\n'
        'int main(void) { printf("v%d\\n", NNOM_VERSION); return 0; }\n'
    )
    code, output, _ = run_pio(["run", "-t", "exec"], project, core, tmp_path / "ws")
    assert code == 0, output
    assert "NNoM" not in output and "nnom:" not in output, output
    assert "v100" in output
    assert not (tmp_path / "ws" / "build" / "native" / "nnom_generated").exists()


@needs_pio
@pytest.mark.parametrize("case", ["broken", "unsupported", "calibration"])
def test_broken_model_fails_the_build_with_one_line(case: str, core: Path, tmp_path: Path) -> None:
    project = user_project(tmp_path)
    good = (project / "model.h5").read_bytes()
    if case == "broken":
        (project / "model.h5").write_bytes(good[: len(good) // 3])  # a truncated download
    elif case == "unsupported":  # a layer class the converter does not know
        with h5py.File(project / "model.h5", "r+") as f:
            config = f.attrs["model_config"]
            config = config.decode() if isinstance(config, bytes) else config
            f.attrs["model_config"] = config.replace('"MaxPooling2D"', '"FancyPooling2D"', 1)
    else:
        np.save(project / "calib.npy", np.zeros((10, 5, 5), np.float32))
    with pytest.raises(NnomError) as err:
        nnom.convert(project / "model.h5", load_calibration(project / "calib.npy"))
    code, output, _ = run_pio(["run"], project, core, tmp_path / "ws")
    assert code != 0, output
    assert f"nnom: error: {err.value}\n" in output, output
    if case == "unsupported":
        line = f"nnom: error: {err.value}"
        assert line == (
            "nnom: error: layer 'max_pooling2d' (FancyPooling2D): this layer type is not "
            "supported; see docs/layers.md#not-supported"
        )
        assert len(line) <= 200
    assert "Traceback" not in output and 'File "' not in output, output
    assert compiled(output) == [], output

    # Fixed: the next build converts again (the failure left no stale stamp).
    (project / "model.h5").write_bytes(good)
    np.save(project / "calib.npy", np.load(EXAMPLE / "calib.npy"))
    code, output, _ = run_pio(["run"], project, core, tmp_path / "ws")
    assert code == 0, output
    assert "NNoM: generated weights.h" in output


@needs_pio
def test_bad_options_fail_clearly(core: Path, tmp_path: Path) -> None:
    base = f"lib_deps = symlink://{REPO}\n"
    model, calib = "custom_nnom_model = model.h5\n", "custom_nnom_calibration = calib.npy\n"
    cases = {
        "custom_nnom_model = src\n" + calib: (
            "nnom: error: custom_nnom_model = src is a directory: give the model file"
        ),
        model + calib + "custom_nnom_backend = fastest\n": (
            "nnom: error: custom_nnom_backend = fastest: use one of auto, local, cmsis-nn"
        ),
        model: "nnom: error: custom_nnom_model is set but custom_nnom_calibration is not",
        model + "custom_nnom_calibration = missing.npy\n": "nnom: error: custom_nnom_calibration '",
        calib + "custom_nnom_modle = model.h5\n": (
            "nnom: error: unknown option custom_nnom_modle in platformio.ini: "
            "did you mean custom_nnom_model?"
        ),
    }
    for k, (extra, message) in enumerate(cases.items()):
        project = user_project(tmp_path / str(k), common=base + extra)
        code, output, _ = run_pio(["run"], project, core, tmp_path / str(k) / "ws")
        assert code != 0, output
        assert message in output, output
        assert "Traceback" not in output, output


def _env(env: str):
    return pytest.param(env, marks=needs_pio if env == "native" else needs_qemu, id=env)


@pytest.mark.parametrize("env", [_env(e) for e in BOARDS])
def test_library_suites_pass_offline(env: str, core: Path, tmp_path: Path) -> None:
    """`pio test -e ENV` of the library itself (every suite in test/), offline."""
    code, output, suites = run_pio(["test", "-e", env], REPO, core, tmp_path)
    assert code == 0, output
    mine = [s for s in suites if s["env_name"] == env]
    assert len(mine) >= 2, output  # at least test_smoke and test_runtime
    for suite in mine:
        assert suite["status"] == "PASSED", output
    assert "nnom: error" not in output, output


# ----------------------------------------------------------------- backends


def fake_cmsis_nn(root: Path) -> Path:
    """A library that looks like CMSIS-NN to the hook (its public header)."""
    lib = root / "CMSIS-NN"
    (lib / "Include").mkdir(parents=True)
    (lib / "Include" / "arm_nnfunctions.h").write_text("/* stand-in */\n")
    (lib / "library.json").write_text(
        json.dumps({"name": "CMSIS-NN", "version": "7.0.0", "build": {"includeDir": "Include"}})
    )
    return lib


def metadata_defines(project: Path, core: Path, ws: Path, envs: list[str]) -> dict[str, set]:
    """Each env's preprocessor defines as PlatformIO's IDE metadata reports them (no compile)."""
    args = ["project", "metadata", "--json-output"]
    for env in envs:
        args += ["-e", env]
    code, output, _ = run_pio(args, project, core, ws)
    assert code == 0, output
    data = json.loads(output[output.index("{") :])
    return {env: set(data[env]["defines"]) for env in envs}


@needs_qemu
def test_backend_follows_the_board_and_cmsis_nn_presence(core: Path, tmp_path: Path) -> None:
    envs = list(BOARDS)
    lib = fake_cmsis_nn(tmp_path)
    common = f"lib_deps =\n    symlink://{REPO}\ncustom_nnom_backend = auto\n"
    without = user_project(tmp_path / "without", common=common, envs=dict.fromkeys(envs, ""))
    common_with = (
        f"lib_deps =\n    symlink://{REPO}\n    symlink://{lib}\ncustom_nnom_backend = auto\n"
    )
    with_lib = user_project(tmp_path / "with", common=common_with, envs=dict.fromkeys(envs, ""))

    plain = metadata_defines(without, core, tmp_path / "ws1", envs)
    cmsis = metadata_defines(with_lib, core, tmp_path / "ws2", envs)
    for env in envs:
        assert "NNOM_BACKEND_LOCAL" in plain[env] and "NNOM_BACKEND_CMSIS_NN" not in plain[env]
        expected = "NNOM_BACKEND_CMSIS_NN" if env in DSP_ENVS else "NNOM_BACKEND_LOCAL"
        assert expected in cmsis[env], (env, cmsis[env])
        other = {"NNOM_BACKEND_LOCAL", "NNOM_BACKEND_CMSIS_NN"} - {expected}
        assert not other & cmsis[env], (env, cmsis[env])


@needs_qemu
def test_backend_override(core: Path, tmp_path: Path) -> None:
    lib = fake_cmsis_nn(tmp_path)
    common = f"lib_deps =\n    symlink://{REPO}\n    symlink://{lib}\n"
    envs = {
        "qemu_m4": "custom_nnom_backend = local\n",
        "qemu_m3": "custom_nnom_backend = cmsis-nn\n",
        "native": "custom_nnom_backend = cmsis-nn\n",
    }
    project = user_project(tmp_path / "p", common=common, envs=envs)
    defines = metadata_defines(project, core, tmp_path / "ws", list(envs))
    assert "NNOM_BACKEND_LOCAL" in defines["qemu_m4"]
    assert "NNOM_BACKEND_CMSIS_NN" in defines["qemu_m3"]
    assert "NNOM_BACKEND_CMSIS_NN" in defines["native"]


@needs_qemu
def test_cmsis_nn_requested_without_the_library_is_a_build_error(
    core: Path, tmp_path: Path
) -> None:
    project = user_project(
        tmp_path,
        common=f"lib_deps = symlink://{REPO}\ncustom_nnom_backend = cmsis-nn\n",
        envs={"qemu_m4": ""},
    )
    code, output, _ = run_pio(["run"], project, core, tmp_path / "ws")
    assert code != 0, output
    assert (
        "nnom: error: custom_nnom_backend = cmsis-nn, but no CMSIS-NN library is among this "
        "project's libraries" in output
    ), output
    assert "Traceback" not in output and compiled(output) == [], output


# ------------------------------------------------------- the hook in Python


def load_hook():
    spec = importlib.util.spec_from_file_location("nnom_build_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "requested, cpu, available, backend",
    [
        ("auto", "", True, "local"),
        ("auto", "cortex-m0plus", True, "local"),
        ("auto", "cortex-m3", True, "local"),
        ("auto", "cortex-m4", True, "cmsis-nn"),
        ("auto", "cortex-m4", False, "local"),
        ("auto", "cortex-m7", True, "cmsis-nn"),
        ("auto", "cortex-m33", True, "cmsis-nn"),
        ("auto", "cortex-m55", True, "cmsis-nn"),
        ("auto", "cortex-m55", False, "local"),
        ("local", "cortex-m7", True, "local"),
        ("cmsis-nn", "cortex-m3", True, "cmsis-nn"),
        ("cmsis-nn", "", True, "cmsis-nn"),
    ],
)
def test_backend_table(requested: str, cpu: str, available: bool, backend: str) -> None:
    hook = load_hook()
    asked = []

    def probe() -> bool:
        asked.append(1)
        return available

    chosen, reason = hook.choose_backend(requested, cpu, probe)
    assert chosen == backend
    assert reason
    # CMSIS-NN is looked for only when the answer depends on it.
    assert bool(asked) == (
        requested == "cmsis-nn" or (requested == "auto" and cpu in hook.CMSIS_NN_CPUS)
    )


class _FakeEnv(dict):
    def __init__(self, build_flags: str = "", defines=()):
        super().__init__(CPPDEFINES=list(defines))
        self.build_flags = build_flags

    def GetProjectOption(self, name: str, default=""):  # noqa: N802 - SCons' name
        return self.build_flags if name == "build_flags" else default


@pytest.mark.parametrize(
    ("flags", "defines", "backend", "cpu", "variant"),
    [
        ("", (), "local", "cortex-m4", ("local", "hwc")),
        ("", (), "cmsis-nn", "cortex-m4", ("cmsis-nn-dsp", "hwc")),
        ("-O2", (), "cmsis-nn", "cortex-m55", ("cmsis-nn-mve", "hwc")),
        ("-DNNOM_USING_CHW", (), "local", "", ("local", "chw")),
        ("", ("NNOM_USING_CHW",), "cmsis-nn", "cortex-m7", ("local", "chw")),
    ],
)
def test_hook_reports_the_arena_of_the_build(flags, defines, backend, cpu, variant) -> None:
    """The arena the hook prints is the one NNOM_ARENA_BYTES_BUILD picks."""
    hook = load_hook()
    assert hook.arena_variant(_FakeEnv(flags, defines), backend, cpu) == variant


def test_converter_is_found_and_fingerprinted(tmp_path: Path) -> None:
    hook = load_hook()
    assert Path(hook.converter_dir(str(REPO))) == REPO / "nnom"
    # A wheel: the library is nnom/_lib inside the installed package.
    pkg = tmp_path / "site" / "nnom"
    (pkg / "_lib").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "api.py").write_text("x = 1\n")
    assert Path(hook.converter_dir(str(pkg / "_lib"))) == pkg
    before = hook.converter_fingerprint(str(pkg))
    (pkg / "_lib" / "ignored.py").write_text("")
    assert hook.converter_fingerprint(str(pkg)) == before
    (pkg / "api.py").write_text("x = 2\n")
    assert hook.converter_fingerprint(str(pkg)) != before


def test_missing_numpy_is_installed_or_reported_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    hook = load_hook()
    installed: list[str] = []
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        if name in ("numpy", "h5py") and name not in installed:
            return None
        return real_find_spec(name, *args, **kwargs)

    def pip(cmd, **kwargs):
        assert cmd[:4] == [sys.executable, "-m", "pip", "install"]
        if ok:
            installed.extend(["numpy", "h5py"])
        return subprocess.CompletedProcess(cmd, 0 if ok else 1, "", "no network")

    monkeypatch.setattr(hook.importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(hook.subprocess, "run", pip)

    ok = False
    with pytest.raises(hook.HookError) as err:
        hook.ensure_requirements()
    message = str(err.value)
    assert "\n" not in message
    assert f"{sys.executable} -m pip install numpy>=1.23 h5py>=3.7" in message
    ok = True
    hook.ensure_requirements()
    out = capsys.readouterr().out
    assert out.count("\n") == 2  # one line per attempt
    assert out.splitlines()[-1] == (
        f"NNoM: installing numpy and h5py into PlatformIO's Python ({sys.executable}) "
        "to convert the model"
    )


# PlatformIO's `pio pkg pack` checks the licence id against the SPDX list, which
# it downloads; offline, this runs the same command with that list replaced by
# the one id library.json uses. Everything else is `pio pkg pack` as it is.
PACK_OFFLINE = """
import sys
from platformio.package.manifest.schema import ManifestSchema
ManifestSchema.load_spdx_licenses = staticmethod(
    lambda: {"licenses": [{"licenseId": "Apache-2.0"}]}
)
from platformio.__main__ import main
sys.argv = ["pio", "pkg", "pack", sys.argv[1], "-o", sys.argv[2]]
sys.exit(main())
"""


def pack_library(out: Path, core: Path) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORMIO_")}
    env.update(PLATFORMIO_CORE_DIR=str(core), https_proxy=UNREACHABLE, http_proxy=UNREACHABLE)
    proc = subprocess.run(
        [sys.executable, "-c", PACK_OFFLINE, str(REPO), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stdout + proc.stderr


@needs_pio
@pytest.mark.slow
def test_packed_library_installs_from_file_and_builds_the_example(
    core: Path, tmp_path: Path
) -> None:
    """`pio pkg pack` makes nnom-<version>.tar.gz; `lib_deps = file://nnom-<version>.tar.gz`
    installs it offline and builds and runs the example with it."""
    manifest = json.loads((REPO / "library.json").read_text())  # strict JSON
    assert (REPO / manifest["build"]["extraScript"]).is_file()
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".pio"))
    code, output = pack_library(project, core)
    assert code == 0, output
    tarball = project / f"nnom-{nnom.__version__}.tar.gz"
    import tarfile

    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
    for needed in (
        "library.json",
        "extra_script/nnom_build.py",
        "inc/nnom.h",
        "inc/nnom_golden_test.h",
        "nnom/__init__.py",
        "nnom/golden.py",
        "platforms/qemucm/platform.json",
        "test/test_custom_runner.py",
        "examples/mnist-simple/platformio.ini",
    ):
        assert needed in names, needed
    assert not any(part in name for name in names for part in ("__pycache__", ".pio/", ".venv"))

    ini = project / "platformio.ini"
    text = ini.read_text().replace("symlink://../..", f"file://{tarball.name}")
    assert f"lib_deps = file://{tarball.name}" in text
    ini.write_text(text)
    # "Installing file://..." and "Unpacking" are the archive: allowed; the
    # proxy still cuts off any network access.
    code, output, _ = run_pio(
        ["run", "-e", "native", "-t", "exec"], project, core, tmp_path / "ws", online_ok=True
    )
    assert code == 0, output
    assert f"Installing file://{tarball.name}" in output
    assert not re.search(r"HTTPClientError|InternetConnectionError|registry", output), output
    assert "NNoM: generated weights.h and nnom_golden.h (10 vectors)" in output
    assert re.search(r"\d+ of 10 digits right", output), output
    assert (tmp_path / "ws" / "libdeps" / "native" / "nnom" / "library.json").is_file()


def test_hook_converts_without_tensorflow(tmp_path: Path) -> None:
    """The hook's conversion path (as PlatformIO's Python runs it) imports no TensorFlow."""
    script = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("hook", {str(HOOK)!r})
hook = importlib.util.module_from_spec(spec); spec.loader.exec_module(hook)
nnom = hook.load_converter(hook.converter_dir({str(REPO)!r}))
from nnom.calibration import load_calibration
calib = load_calibration({str(EXAMPLE / "calib.npy")!r})
model = nnom.convert({str(EXAMPLE / "model.h5")!r}, calib)
model.save_header({str(tmp_path / "weights.h")!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras"))
print("heavy:", heavy)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout
    assert (tmp_path / "weights.h").is_file()
