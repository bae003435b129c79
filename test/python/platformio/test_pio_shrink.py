"""custom_nnom_shrink: an -O2 build of NNoM that links only the kernel paths
the project's model takes, found by the build hook itself (extra_script/
nnom_build.py runs `nnom profile` on the emulated core), cached in the build
folder and found again only when something they depend on changed; and the
nnom-profile target profiling the build as the env makes it (its -O level,
its -D flags, the shrink's masks). Offline, like test_pio_hook.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

import nnom
import test_pio_hook
from test_example_mnist import CMSIS_NN_MANIFEST
from test_pio import needs_pio, needs_qemu, run_pio
from test_pio_hook import MAIN_C, REPO, compiled, ini, load_hook, printed_output

core = test_pio_hook.core  # the fixtures: an offline core, a snapshot of the library
library = test_pio_hook.library

FIXTURES = REPO / "test" / "python" / "fixtures" / "fuzz_seeds"
MODEL, CALIB = FIXTURES / "dag.h5", FIXTURES / "dag_calib.npy"  # DepthwiseConv2D and Conv2D
O2 = "build_unflags = -Os\nbuild_flags = -O2 -Wall -Wextra -Werror\n"
MASKS = re.compile(r"NNoM: custom_nnom_shrink: (-DNNOM_DW_STEPS=0x[0-9a-f]+ULL)")
SHRINK = "NNoM: custom_nnom_shrink: "


def dw_project(
    root: Path, lib: Path, envs: dict[str, str], shrink: str = "yes", others: tuple[Path, ...] = ()
) -> Path:
    """A user's project with a small model holding a DepthwiseConv2D (others:
    more libraries in lib_deps)."""
    project = root / "project"
    (project / "src").mkdir(parents=True)
    (project / "model.h5").write_bytes(MODEL.read_bytes())
    (project / "calib.npy").write_bytes(CALIB.read_bytes())
    x = np.load(CALIB)[0].reshape(-1)
    (project / "src" / "main.c").write_text(
        MAIN_C % ", ".join(f"{v:.6f}f" for v in x), encoding="utf-8"
    )
    deps = "".join(f"\n    symlink://{d}" for d in (lib, *others))
    common = (
        f"lib_deps ={deps}\ncustom_nnom_model = model.h5\n"
        f"custom_nnom_calibration = calib.npy\ncustom_nnom_shrink = {shrink}\n"
    )
    (project / "platformio.ini").write_text(ini(envs, common))
    return project


def expected_output(project: Path) -> list[int]:
    converted = nnom.convert(project / "model.h5", np.load(project / "calib.npy"))
    x = np.load(CALIB)[0:1]
    return [int(v) for v in converted.run(converted.quantize(x))[0].reshape(-1)]


def library_compiles(output: str) -> list[str]:
    """The compiler command lines of NNoM's own sources in a `pio run -v` output."""
    return [
        line
        for line in output.splitlines()
        if "arm-none-eabi-gcc" in line and re.search(r"\S*/src/\S+\.c\b", line)
        if "/src/main.c" not in line
    ]


@needs_qemu
@pytest.mark.slow  # PlatformIO's -O2 build, the masks' report build, nnom-profile's
def test_shrink_finds_the_masks_once_and_the_build_links_only_them(
    core: Path, library: Path, tmp_path: Path
) -> None:
    project = dw_project(tmp_path, library, {"qemu_m4": O2})
    ws = tmp_path / "ws"
    code, output, _ = run_pio(["run", "-v", "-t", "exec"], project, core, ws)
    assert code == 0, output
    found = MASKS.search(output)
    assert found and "(mps2_an386, -O2, found now)" in output, output
    flags = output[found.start(1) :].split(" (", 1)[0].split()
    assert flags[0].startswith("-DNNOM_DW_STEPS=") and flags[1].startswith("-DNNOM_CONV_PATHS=")
    # the masks reach every compile of NNoM's sources, and only those
    lines = library_compiles(output)
    assert len(lines) > 50, output
    assert all(all(f in line for f in flags) for line in lines), lines[0]
    main = [ln for ln in output.splitlines() if "arm-none-eabi-gcc" in ln and "main.c" in ln]
    assert main and not any("NNOM_DW_STEPS" in line for line in main), main
    assert printed_output(output) == expected_output(project)
    cache = ws / "build" / "qemu_m4" / "nnom_generated" / ".nnom-shrink.json"
    assert json.loads(cache.read_text())["flags"] == " ".join(flags)

    # Unchanged: the cached masks, nothing run, nothing compiled.
    code, output, _ = run_pio(["run"], project, core, ws)
    assert code == 0, output
    assert "(mps2_an386, -O2, cached)" in output and "running the model" not in output, output
    assert compiled(output) == [], output

    # An edited model: the header is generated again and so are the masks.
    with h5py.File(project / "model.h5", "r+") as f:
        name = next(n for n in f["model_weights"] if "dense" in n)
        group = f["model_weights"][name]
        kernel = group[next(k for k in _datasets(group) if k.endswith("kernel"))]
        kernel[...] = kernel[...] * np.float32(0.5)
    code, output, _ = run_pio(["run", "-t", "exec"], project, core, ws)
    assert code == 0, output
    assert "NNoM: generated weights.h" in output and "running the model on" in output, output
    assert "found now" in output, output
    assert printed_output(output) == expected_output(project)

    # nnom-profile profiles this build: -O2 and the masks (its runtime is the pruned one).
    code, output, _ = run_pio(["run", "-t", "nnom-profile"], project, core, ws)
    assert code == 0, output
    assert "local backend, -O2" in output, output
    data = json.loads((ws / "build" / "qemu_m4" / "nnom_profile.json").read_text())
    # its runtime is the pruned one: a fraction of the full -O2 build's (>300 KB)
    assert data["opt"] == "-O2" and data["runtime_code_bytes"] < 150_000, data


def cmsis_nn_library(root: Path) -> Path:
    """The CMSIS-NN copy of $NNOM_CMSIS_NN_DIR as a PlatformIO library."""
    cmsis = Path(os.environ["NNOM_CMSIS_NN_DIR"]).resolve()
    lib = root / "CMSIS-NN"
    lib.mkdir()
    for part in ("Include", "Source"):
        (lib / part).symlink_to(cmsis / part)
    (lib / "library.json").write_text(json.dumps(CMSIS_NN_MANIFEST))
    return lib


def flash_bytes(ws: Path, env: str) -> int:
    """The firmware's flash: .text + .data of its ELF (arm-none-eabi-size)."""
    elf = ws / "build" / env / "firmware.elf"
    out = subprocess.run(["arm-none-eabi-size", str(elf)], capture_output=True, text=True)
    text, data = out.stdout.splitlines()[1].split()[:2]
    return int(text) + int(data)


@needs_qemu
@pytest.mark.skipif(
    not os.environ.get("NNOM_CMSIS_NN_DIR"),
    reason="needs a CMSIS-NN copy: set NNOM_CMSIS_NN_DIR (README, 'CMSIS-NN')",
)
@pytest.mark.slow  # two PlatformIO -O2 builds with CMSIS-NN, the masks' report build
def test_shrink_on_the_cmsis_nn_backend_runs_exact_in_less_flash(
    core: Path, library: Path, tmp_path: Path
) -> None:
    """CMSIS-NN in lib_deps (the backend on the M4): the hook finds the masks
    on the CMSIS-NN build, the firmware runs the reference output, in less
    flash than the same project built without custom_nnom_shrink."""
    cmsis = cmsis_nn_library(tmp_path)
    out = {}
    for shrink in ("yes", "no"):
        project = dw_project(tmp_path / shrink, library, {"qemu_m4": O2}, shrink, (cmsis,))
        ws = tmp_path / shrink / "ws"
        code, output, _ = run_pio(["run", "-t", "exec"], project, core, ws)
        assert code == 0, output
        assert "NNoM: backend cmsis-nn" in output, output
        assert printed_output(output) == expected_output(project), shrink
        out[shrink] = (output, flash_bytes(ws, "qemu_m4"))
    output = out["yes"][0]
    found = MASKS.search(output)
    assert found and "(mps2_an386, -O2, found now)" in output, output
    flags = output[found.start(1) :].split(" (", 1)[0].split()
    assert flags[1].startswith("-DNNOM_CONV_PATHS="), flags
    assert SHRINK not in out["no"][0]
    print(f"CMSIS-NN backend, M4 -O2 flash: {out['no'][1]} B, shrink {out['yes'][1]} B")
    assert out["yes"][1] < out["no"][1] - 50_000, (out["yes"][1], out["no"][1])


def _datasets(group) -> list[str]:
    names: list[str] = []
    group.visit(lambda n: names.append(n) if isinstance(group[n], h5py.Dataset) else None)
    return names


@needs_qemu
def test_shrink_says_once_where_it_adds_nothing(core: Path, library: Path, tmp_path: Path) -> None:
    """-Os, a core without DSP paths, the host, and both masks in build_flags:
    one line each, no mask added, nothing run (`-t envdump` compiles nothing)."""
    envs = {
        "native": "",
        "qemu_m3": O2,
        "qemu_m4": "",  # PlatformIO's -Os
        "qemu_m7": O2 + "    -DNNOM_DW_STEPS=0x4ULL -DNNOM_CONV_PATHS=0x20ULL\n",
    }
    project = dw_project(tmp_path, library, envs)
    reasons = {
        "native": "no Cortex-M core (a host build links the portable kernels alone); nothing added",
        "qemu_m3": "the cortex-m3 has no DSP paths to leave out; nothing added",
        "qemu_m4": "-Os links the compact paths, which the masks do not change; nothing added",
        "qemu_m7": "build_flags set both masks",
    }
    for env, reason in reasons.items():
        args = ["run", "-e", env, "-t", "envdump"]
        code, output, _ = run_pio(args, project, core, tmp_path / "ws")
        assert code == 0, output
        assert output.count(SHRINK) == 1 and SHRINK + reason in output, (env, output)
        assert "running the model" not in output and compiled(output) == [], output


@needs_pio
def test_unknown_shrink_value_is_one_line(core: Path, tmp_path: Path) -> None:
    project = dw_project(tmp_path, REPO, {"native": ""}, shrink="maybe")
    code, output, _ = run_pio(["run"], project, core, tmp_path / "ws")
    assert code != 0, output
    errors = [line for line in output.splitlines() if line.startswith("nnom: error:")]
    assert errors == [
        "nnom: error: custom_nnom_shrink = maybe: use yes (link only the kernel paths the model "
        "takes, found on the emulated core) or no (every path)"
    ], output
    assert "Traceback" not in output and compiled(output) == [], output


def test_missing_tools_are_one_error_naming_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = load_hook()
    monkeypatch.setattr(hook.shutil, "which", lambda tool: None)
    with pytest.raises(hook.HookError) as err:
        hook.find_masks(None, "unused")
    assert str(err.value).startswith(
        "custom_nnom_shrink = yes needs arm-none-eabi-gcc and qemu-system-arm to find"
    )
    assert "custom_nnom_shrink = no and the masks nnom profile prints in build_flags" in str(
        err.value
    )


@pytest.mark.parametrize(
    "flags, level",
    [(["-Os", "-O2"], "-O2"), (["-O2", "-Os"], "-Os"), ([], "-O0"), (["-O3", "-Wall"], "-O3")],
)
def test_the_builds_level_is_the_last_on_the_command_line(flags, level) -> None:
    hook = load_hook()

    class Env(dict):
        def Flatten(self, lists):  # noqa: N802 - SCons' name
            return [f for part in lists for f in part]

        def subst(self, text):
            return text

    assert hook.build_opt(Env(CCFLAGS=flags)) == level


@pytest.mark.parametrize(
    "ccflags, opt", [(["-Os", "-Wall", "-O3"], "O3"), (["-Os"], "Os"), (["-O0"], "O1")]
)
def test_the_profile_command_is_the_builds(ccflags, opt, tmp_path: Path) -> None:
    """nnom-profile and the shrink run `nnom profile` with the env's -O level,
    its build_flags defines and the extra masks; the CLI takes that command."""
    from types import SimpleNamespace

    from SCons.Environment import Environment

    from nnom.cli import build_parser

    hook = load_hook()
    options = {"build_flags": "-O3 -DNNOM_USING_CHW -DLEVEL=2 -Wall"}
    env = Environment(tools=[], CCFLAGS=ccflags, BOARD="mps2_an500", PROJECT_DIR=str(tmp_path))
    env.AddMethod(lambda e: SimpleNamespace(name="qemucm", get_dir=lambda: "plat"), "PioPlatform")
    env.AddMethod(lambda e, name, default=None: options.get(name, default), "GetProjectOption")
    job = SimpleNamespace(
        model="m.h5", calibration="c.npy", per_tensor=True, package=str(REPO / "nnom")
    )
    profiler = hook.Profiler(env, job, "local", "", "cortex-m7")
    cmd = profiler.command("out.json", ["-DNNOM_DW_STEPS=0x4ULL"], ["--runs", "1"])
    assert cmd[:3] == [hook.sys.executable, "-m", "nnom.cli"]
    args = build_parser().parse_args(cmd[3:])
    assert (args.board, args.backend, args.opt, args.runs) == ("mps2_an500", "local", opt, 1)
    assert args.defines == ["NNOM_USING_CHW", "LEVEL=2", "NNOM_DW_STEPS=0x4ULL"]
    assert args.per_tensor and args.json == "out.json" and args.calibration == "c.npy"
    assert profiler.child["NNOM_QEMUCM_PLATFORM"] == str(tmp_path / "plat")


def test_runtime_fingerprint_hashes_only_when_a_file_changed(tmp_path: Path) -> None:
    """The hook keeps the runtime's (path, size, mtime) with its hash: the same
    files give the kept hash without reading them; an edited file, a new
    size or mtime, is hashed again."""
    hook = load_hook()
    for part in ("src", "inc", "port"):
        (tmp_path / part).mkdir()
        (tmp_path / part / f"{part}.c").write_text(f"int {part};\n")
    files = hook.runtime_files(str(tmp_path))
    assert [f[0] for f in files] == ["src/src.c", "inc/inc.c", "port/port.c"]
    digest = hook.runtime_fingerprint(str(tmp_path), files, {})
    kept = {"runtime_files": files, "runtime_hash": "kept"}
    assert hook.runtime_fingerprint(str(tmp_path), files, kept) == "kept"
    (tmp_path / "src" / "src.c").write_text("int src2;\n")
    changed = hook.runtime_files(str(tmp_path))
    assert changed != files
    again = hook.runtime_fingerprint(str(tmp_path), changed, kept)
    assert again not in ("kept", digest), again
