"""The README's tutorial works as written: its Python and C blocks run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cbuild
from test_pio import NETWORK_SIGNS, UNREACHABLE, needs_qemu

README = cbuild.ROOT / "README.md"


def _blocks(lang: str) -> list[str]:
    """The README's fenced blocks of this language ("" for plain ones), in order."""
    blocks, current, current_lang = [], None, ""
    for line in README.read_text().splitlines(keepends=True):
        if not line.startswith("```"):
            if current is not None:
                current.append(line)
        elif current is None:
            current, current_lang = [], line[3:].strip()
        else:
            if current_lang == lang:
                blocks.append("".join(current))
            current = None
    return blocks


def test_readme_tutorial_python_then_c(tmp_path):
    python = next(b for b in _blocks("python") if "generate_model" in b)
    result = subprocess.run(
        [sys.executable, "-c", python], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Arena:" in result.stdout
    assert (tmp_path / "weights.h").is_file()
    keras_class = re.search(r"^Keras: class (\d)$", result.stdout, re.M).group(1)

    main = next(b for b in _blocks("c") if "nnom_model_create" in b)
    (tmp_path / "main.c").write_text("#include <stdio.h>\n" + main)
    exe = cbuild.program([tmp_path / "main.c"], tmp_path / "tutorial", includes=(tmp_path,))
    out = cbuild.run([str(exe)]).stdout
    # the real digit in sample.h, classified as Keras classified it
    assert re.search(rf"^class {keras_class} \(p = [01]\.\d\d\)$", out, re.M), out
    assert "Print running stat.." in out


def test_readme_links_exist():
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", README.read_text()):
        assert (cbuild.ROOT / target).exists(), target


def test_c_library_command_builds_the_tutorial_like_the_readme(tmp_path):
    """`nnom c-library` gives what the README's gcc line needs."""
    from nnom.cli import main

    assert main(["c-library"]) == 0
    root = subprocess.run(
        [sys.executable, "-m", "nnom.cli", "c-library"], capture_output=True, text=True
    ).stdout.strip()
    flags = subprocess.run(
        [sys.executable, "-m", "nnom.cli", "c-library", "--flags"], capture_output=True, text=True
    ).stdout.split()
    assert (cbuild.ROOT / "inc" / "nnom.h").samefile(f"{root}/inc/nnom.h")
    assert flags == [f"-I{root}/inc", f"-I{root}/port"]


def test_tutorial_extra_installs_what_the_tutorial_imports():
    """`pip install 'path/to/nnom[tutorial]'` brings every module the tutorial imports."""
    python = next(b for b in _blocks("python") if "generate_model" in b)
    line = re.search(r"^tutorial = \[(.*)\]", (cbuild.ROOT / "pyproject.toml").read_text(), re.M)
    tutorial = {re.split(r"[<>=\[]", req.strip(' "'))[0] for req in line.group(1).split(",")}
    provided_by = {"keras": "tensorflow", "sklearn": "scikit-learn"}  # numpy, nnom: nnom itself
    imported = set(re.findall(r"^(?:import|from) (\w+)", python, re.M))
    imported |= {m for line in re.findall(r"^import (.*)$", python, re.M) for m in line.split(", ")}
    for module in imported - {"nnom", "numpy"}:
        assert provided_by[module] in tutorial, module
    assert "pip install 'path/to/nnom[tutorial]'" in README.read_text()


def test_docs_do_not_claim_a_package_index():
    """NNoM is not published: no `pip install nnom` / `'nnom[extra]'` in docs or messages."""
    claim = re.compile(r"pip install (?:-e )?['\"]?nnom\b")
    files = [
        README,
        *(cbuild.ROOT / "docs").glob("*.md"),
        *(cbuild.ROOT / "examples").rglob("*.md"),
    ]
    files += [*(cbuild.ROOT / "nnom").rglob("*.py"), *(cbuild.ROOT / "extra_script").glob("*.py")]
    files += [*(cbuild.ROOT / "examples").rglob("*.py"), *(cbuild.ROOT / "bench").glob("*.py")]
    for path in files:
        assert not claim.search(path.read_text()), path


def _new_user_env(tmp_path: Path) -> dict[str, str]:
    """A new user: a fresh HOME, no PLATFORMIO_* variables, no network."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORMIO_")}
    env.update(HOME=str(home), http_proxy=UNREACHABLE, https_proxy=UNREACHABLE)
    env.update(HTTP_PROXY=UNREACHABLE, HTTPS_PROXY=UNREACHABLE)
    return env


def _checkout_in(folder: Path) -> None:
    """The parts of a checkout after tools/install.sh that the README's commands use."""
    folder.mkdir()
    for part in (".venv", "examples"):
        (folder / part).symlink_to(cbuild.ROOT / part)


def _run_lines(block: str, cwd: Path, env: dict[str, str]) -> list[str]:
    """Each command line of a README block, as a user types it (with `cd`)."""
    outputs = []
    for line in block.splitlines():
        command = line.split("#", 1)[0].strip()
        if command.startswith("cd "):
            cwd = cwd / command[3:]
            continue
        proc = subprocess.run(
            command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"{command}:\n{output[-3000:]}"
        outputs.append(output)
    return outputs


@needs_qemu
@pytest.mark.slow
def test_readme_demo_runs_after_install(tmp_path):
    """The set-up's second line: one command, the example on the M4 next to Keras."""
    setup = next(b for b in _blocks("sh") if "tools/install.sh" in b).splitlines()
    assert setup[0].startswith("bash tools/install.sh")
    demo = setup[1].split("#", 1)[0].strip()
    assert demo == ".venv/bin/nnom demo"
    _checkout_in(tmp_path / "checkout")
    (output,) = _run_lines(demo, tmp_path / "checkout", _new_user_env(tmp_path))
    shown = next(b for b in _blocks("") if "Cortex-M4 (int8, QEMU)" in b).splitlines()
    assert shown[0] in output and shown[-1] in output, output
    rows = re.findall(r"^ +(\d+)  class (\d+) +class (\d+)$", output, re.M)
    assert len(rows) == 8 and all(a == b for _, a, b in rows), output
    assert "all 8 samples match the converter's reference" in output
    assert not (tmp_path / "home" / ".platformio").exists()


@needs_qemu
@pytest.mark.slow
def test_readme_platformio_commands_work_verbatim(tmp_path):
    """Step 4: nnom init, then run, upload and both tests: offline, nothing set."""
    block = next(b for b in _blocks("sh") if "nnom init" in b)
    _checkout_in(tmp_path / "checkout")
    env = _new_user_env(tmp_path)
    init, run_native, run_m4, test_native, test_m4 = _run_lines(block, tmp_path / "checkout", env)
    assert "wrote a PlatformIO project in" in init
    for output in (run_native, run_m4):
        assert "all 8 samples match the converter's reference" in output
        assert not NETWORK_SIGNS.search(output), output
    for output in (test_native, test_m4):
        assert "9 test cases: 9 succeeded" in output, output
    assert not (tmp_path / "home" / ".platformio").exists()


def test_wheel_carries_what_pio_offline_and_demo_need():
    """setup.py bundles platforms/ (qemucm) and examples/ into nnom/_lib; the docs say so."""
    import ast

    tree = ast.parse((cbuild.ROOT / "setup.py").read_text())
    parts = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and node.targets[0].id == "C_LIBRARY_PARTS"
    )
    for part in ("src", "inc", "port", "extra_script", "platforms", "examples", "library.json"):
        assert part in parts and (cbuild.ROOT / part).exists(), part
    assert "does not yet include" not in (cbuild.ROOT / "docs" / "platformio.md").read_text()


def test_example_readmes_say_which_envs_pio_test_runs():
    """A bare `pio test` runs default_envs only; the READMEs must not promise more."""
    for readme in (cbuild.ROOT / "examples").glob("*/README.md"):
        ini = (readme.parent / "platformio.ini").read_text()
        defaults = re.search(r"^default_envs = (.*)$", ini, re.M).group(1).split(", ")
        envs = re.findall(r"^\[env:(\w+)\]", ini, re.M)
        for line in re.findall(r"^pio test(?! -e).*$", readme.read_text(), re.M):
            assert sorted(defaults) == sorted(envs) or "every env" not in line, readme
