"""PlatformIO end to end, offline: `nnom pio-offline`, the custom test runner
and the qemucm boards.

Every `pio` call uses a fresh offline core made by make_offline_core() and a
proxy that cannot work, so any registry access fails at once, and the output
is checked for signs of one. Each test builds in its own workspace, so the
tests can run in parallel (pytest -n) and next to a developer's `.pio/`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnom.errors import NnomError
from nnom.pio_offline import make_offline_core

REPO = Path(__file__).resolve().parents[3]
NEGATIVE = Path(__file__).resolve().parents[1] / "fixtures" / "pio_negative"
PIO = shutil.which("pio", path=str(Path(sys.executable).parent)) or shutil.which("pio")
QEMU_ENVS = ["qemu_m3", "qemu_m4", "qemu_m7", "qemu_m33", "qemu_m55"]
# Proxy for every HTTP(S) request: an unknown scheme makes `requests` fail at
# once. (A refused http:// proxy works too, but PlatformIO then retries with
# back-off for 60 s before it gives up.)
UNREACHABLE = "offline://127.0.0.1:9"
NETWORK_SIGNS = re.compile(
    r"HTTPClientError|InternetConnectionError|Downloading|Unpacking|registry|"
    r"Failed to check for PlatformIO upgrades|Installing (?!symlink://)",
    re.IGNORECASE,
)

SMOKE_CASES = [
    "test_data_and_bss",
    "test_printf",
    "test_heap",
    "test_float",
    "test_instruction_counter_exact",
    "test_instruction_counter_masked",
    "test_instruction_counter_long",
]


def _missing(*tools: str) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


needs_pio = pytest.mark.skipif(
    PIO is None or bool(_missing("gcc")), reason="needs platformio (pip) and gcc"
)
needs_qemu = pytest.mark.skipif(
    PIO is None or bool(_missing("arm-none-eabi-gcc", "qemu-system-arm")),
    reason="needs platformio, arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)


@pytest.fixture(scope="session")
def offline_core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline_core(tmp_path_factory.mktemp("pio-core"))


def run_pio(args: list[str], project: Path, core: Path, workspace: Path, online_ok=False):
    """Run `pio ARGS` in `project`, offline; return (exit code, output, JSON report)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PLATFORMIO_") and k.lower() not in ("no_proxy", "all_proxy")
    }
    env.update(
        PLATFORMIO_CORE_DIR=str(core),
        PLATFORMIO_WORKSPACE_DIR=str(workspace),
        PLATFORMIO_SETTING_ENABLE_TELEMETRY="No",
        http_proxy=UNREACHABLE,
        https_proxy=UNREACHABLE,
        HTTP_PROXY=UNREACHABLE,
        HTTPS_PROXY=UNREACHABLE,
    )
    report = workspace / "report.json"
    if args[0] == "test":
        args = [*args, "--json-output-path", str(report)]
    proc = subprocess.run(
        [PIO, *args],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    if not online_ok:
        assert not NETWORK_SIGNS.search(output), f"PlatformIO reached for the network:\n{output}"
    suites = json.loads(report.read_text())["test_suites"] if report.is_file() else []
    return proc.returncode, output, suites


def cases_of(suites: list[dict], env: str, test: str) -> tuple[str, dict[str, str]]:
    """(suite status, {case name: status}) of one suite of a JSON report."""
    for suite in suites:
        if suite["env_name"] == env and suite["test_name"] == test:
            return suite["status"], {c["name"]: c["status"] for c in suite["test_cases"]}
    raise AssertionError(f"no suite {env}:{test} in the report")


# ------------------------------------------------------------ the examples

# the suite the examples' golden test runs: model creation, then every vector
GOLDEN_CASES = ["golden_model_create"] + [f"golden_vector_{i}" for i in range(10)]


def clone_example(root: Path, example: Path) -> Path:
    """The files of a fresh clone that an example uses, laid out as in the
    repository under root/nnom (the example's platformio.ini says
    `lib_deps = symlink://../..`); returns the example's folder."""
    root = root / "nnom"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pio")
    for part in ("src", "inc", "port", "extra_script", "nnom", str(example)):
        shutil.copytree(REPO / part, root / part, ignore=ignore)
    for part in ("library.json", "test/test_custom_runner.py"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / part, root / part)
    return root / example


def env_param(env: str):
    """A pytest parameter for a PlatformIO env, skipped without its tools."""
    return pytest.param(env, marks=needs_pio if env == "native" else needs_qemu, id=env)


# ------------------------------------------------------------ offline core


def test_offline_core_is_complete_and_idempotent(tmp_path: Path) -> None:
    core = make_offline_core(tmp_path / "core")
    assert core.is_absolute()
    scons = core / "packages" / "tool-scons"
    assert json.loads((scons / ".piopm").read_text())["spec"]["owner"] == "platformio"
    assert (scons / "scons.py").is_file()
    assert (core / "platforms" / "native" / "builder" / "main.py").is_file()
    link = json.loads((core / "platforms" / "qemucm.pio-link").read_text())
    assert link["spec"]["uri"] == f"symlink://{REPO / 'platforms' / 'qemucm'}"

    state = core / "appstate.json"
    data = json.loads(state.read_text())
    data["kept"] = 1
    state.write_text(json.dumps(data))
    before = {p: p.stat().st_mtime_ns for p in core.rglob("*") if p.is_file() and p != state}
    assert make_offline_core(core) == core
    assert {p: p.stat().st_mtime_ns for p in before} == before
    data = json.loads(state.read_text())
    assert data["kept"] == 1
    assert data["settings"]["enable_telemetry"] is False


def test_offline_core_needs_scons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def no_scons(name, *args, **kwargs):
        return None if name == "SCons" else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", no_scons)
    with pytest.raises(NnomError, match=r"pip install platformio==6\.2\.0 scons"):
        make_offline_core(tmp_path / "core")
    assert not (tmp_path / "core").exists()


# ------------------------------------------------------------ smoke suite


@needs_pio
def test_smoke_native(offline_core: Path, tmp_path: Path) -> None:
    code, output, suites = run_pio(
        ["test", "-e", "native", "-f", "test_smoke"], REPO, offline_core, tmp_path
    )
    assert code == 0, output
    status, cases = cases_of(suites, "native", "test_smoke")
    assert status == "PASSED", output
    assert cases == {name: "PASSED" for name in SMOKE_CASES[:4]} | {
        name: "SKIPPED" for name in SMOKE_CASES[4:]
    }


@needs_qemu
@pytest.mark.parametrize("env", QEMU_ENVS)
def test_smoke_qemu(env: str, offline_core: Path, tmp_path: Path) -> None:
    code, output, suites = run_pio(
        ["test", "-e", env, "-f", "test_smoke", "-v"], REPO, offline_core, tmp_path
    )
    assert code == 0, output
    status, cases = cases_of(suites, env, "test_smoke")
    assert status == "PASSED", output
    assert cases == {name: "PASSED" for name in SMOKE_CASES}

    # Deterministic: running the firmware again prints the same instruction count.
    count = re.search(r"qemucm: \d+ instructions so far", output)
    assert count, output
    again = subprocess.run(
        [str(tmp_path / "build" / env / "program")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert count.group(0) in again.stdout


# ------------------------------------------------------ suites that must fail


def negative_project(root: Path, suites: list[str]) -> Path:
    """A project holding fixtures/pio_negative's suites, outside the repository's test/."""
    project = root / "project"
    (project / "test").mkdir(parents=True)
    shutil.copy(NEGATIVE / "platformio.ini", project)
    for name in ("test_custom_runner.py", "nnom_test.h"):
        shutil.copy(REPO / "test" / name, project / "test")
    for suite in suites:
        (project / "test" / f"test_{suite}").mkdir()
        shutil.copy(
            NEGATIVE / "suites" / f"{suite}.c", project / "test" / f"test_{suite}" / "test_main.c"
        )
    return project


def assert_negative(env: str, suites: list[dict], output: str) -> None:
    status, cases = cases_of(suites, env, "test_fails")
    assert status == "FAILED", output
    assert cases == {
        "test_passes": "PASSED",
        "test_wrong_sum": "FAILED",
        "test_wrong_bytes": "FAILED",
    }
    assert "Expected 5 Was 4" in output
    assert "Memory Mismatch at byte 2 of 4. Expected 0x03 Was 0x07" in output

    status, _ = cases_of(suites, env, "test_silent")
    assert status == "ERRORED", output
    status, cases = cases_of(suites, env, "test_fault")
    assert status == "ERRORED", output
    assert cases["test_passes"] == "PASSED"
    assert "without the summary line" in output


@needs_pio
def test_failing_suites_native(offline_core: Path, tmp_path: Path) -> None:
    project = negative_project(tmp_path, ["fails", "silent", "fault"])
    code, output, suites = run_pio(["test", "-e", "native"], project, offline_core, tmp_path / "ws")
    assert code == 1, output
    assert_negative("native", suites, output)
    assert "killed by signal" in output


@needs_qemu
def test_failing_suites_qemu(offline_core: Path, tmp_path: Path) -> None:
    project = negative_project(tmp_path, ["fails", "silent", "fault", "hang"])
    code, output, suites = run_pio(
        ["test", "-e", "qemu_m4"], project, offline_core, tmp_path / "ws"
    )
    assert code == 1, output
    assert_negative("qemu_m4", suites, output)
    assert "unexpected exception HardFault" in output
    assert "exited with code 101" in output
    status, cases = cases_of(suites, "qemu_m4", "test_hang")
    assert status == "ERRORED", output
    assert "did not finish within 3 s" in output and "exited with code 124" in output


def hello_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "platformio.ini").write_text(
        "[env:qemu_m55]\nplatform = qemucm\nboard = mps3_an547\n", encoding="utf-8"
    )
    (project / "src" / "main.c").write_text(
        '#include <stdio.h>\nint main(void) { printf("hello from qemu\\n"); return 3; }\n',
        encoding="utf-8",
    )
    return project


@needs_pio
def test_without_offline_core_the_registry_is_blocked(tmp_path: Path) -> None:
    """The proxy really cuts PlatformIO off, so the other tests prove they need no network."""
    empty_core = tmp_path / "core"
    code, output, _ = run_pio(
        ["run"], hello_project(tmp_path), empty_core, tmp_path / "ws", online_ok=True
    )
    assert code != 0
    assert NETWORK_SIGNS.search(output), output


@needs_qemu
def test_run_targets_exec_and_upload(offline_core: Path, tmp_path: Path) -> None:
    """`pio run -t exec` / `-t upload` run the firmware; its exit code reaches pio."""
    project = hello_project(tmp_path)
    for target in ("exec", "upload"):
        code, output, _ = run_pio(["run", "-t", target], project, offline_core, tmp_path / "ws")
        assert code == 1, output
        assert "hello from qemu" in output
        assert f"[{target}] Error 3" in output
