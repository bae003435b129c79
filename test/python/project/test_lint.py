"""The Python code is ruff-clean and ruff-formatted (configuration in pyproject.toml); the C
sources keep their lines readable."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

import cbuild

PATHS = ["nnom", "test/python", "bench", "extra_script"]


def _ruff() -> list[str]:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[dev]' in the checkout)")
    return [sys.executable, "-m", "ruff"]


def test_ruff_check():
    result = subprocess.run(
        [*_ruff(), "check", *PATHS], cwd=cbuild.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = subprocess.run(
        [*_ruff(), "format", "--check", *PATHS], cwd=cbuild.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_modules_compile():
    result = subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *PATHS],
        cwd=cbuild.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


C_DIRS = ["src", "inc", "port"]
C_LINE_LIMIT = 150  # clang-format's 100 plus room for a macro's trailing backslashes


def test_c_sources_have_no_overlong_lines():
    """A macro or table collapsed onto one line (a bad merge, an editor) is
    unreadable and hides its changes in diffs."""
    long_lines = []
    for folder in C_DIRS:
        for path in sorted((cbuild.ROOT / folder).rglob("*.[ch]")):
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if len(line) > C_LINE_LIMIT:
                    long_lines.append(f"{path.relative_to(cbuild.ROOT)}:{number}: {len(line)}")
    listing = "\n".join(long_lines)
    assert not long_lines, f"lines over {C_LINE_LIMIT} characters:\n{listing}"
