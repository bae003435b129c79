"""Where NNoM's `pio test` runner lives, for projects' test/test_custom_runner.py.

The runner (`test_framework = custom`, Unity's line format, no Unity needed)
is the library's test/test_custom_runner.py; a project's copy of
examples/mnist-simple/test/test_custom_runner.py loads it from here.
"""

from __future__ import annotations

from pathlib import Path

from ._csrc import library_root


def runner_path() -> Path:
    path = library_root() / "test" / "test_custom_runner.py"
    if not path.is_file():
        raise ImportError(f"NNoM's test runner is missing from this installation ({path})")
    return path
