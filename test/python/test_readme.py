"""The README's tutorial works as written: its Python and C blocks run."""

from __future__ import annotations

import re
import subprocess
import sys

import cbuild

README = cbuild.ROOT / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_tutorial_python_then_c(tmp_path):
    python = next(b for b in _blocks("python") if "generate_model" in b)
    result = subprocess.run(
        [sys.executable, "-c", python], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Arena:" in result.stdout
    assert (tmp_path / "weights.h").is_file()

    main = next(b for b in _blocks("c") if "nnom_model_create" in b)
    (tmp_path / "main.c").write_text("#include <stdio.h>\n" + main)
    exe = tmp_path / "tutorial"
    cbuild.run(
        [
            cbuild.CC,
            *cbuild.WARNINGS,
            *cbuild.SANITIZE,
            "-O1",
            *[f"-I{i}" for i in cbuild.INCLUDES],
            f"-I{tmp_path}",
            str(tmp_path / "main.c"),
            str(cbuild.library()),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    out = cbuild.run([str(exe)]).stdout
    assert re.search(r"class \d \(p = 0\.\d\d\)", out)
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
