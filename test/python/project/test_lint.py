"""The Python code is ruff-clean and ruff-formatted (configuration in pyproject.toml)."""

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
