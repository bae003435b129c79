"""`pio test` runner for `test_framework = custom`: NNoM's own (no Unity needed).

Copy this file into your project's test/ folder. It loads the runner that
ships with NNoM (test/test_custom_runner.py of the library), found through
the nnom Python package or, in a checkout, from the folders above.
"""

import importlib.util
from pathlib import Path


def _runner_file() -> Path:
    try:
        from nnom.pio_runner import runner_path

        return runner_path()
    except ImportError:
        pass
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "test" / "test_custom_runner.py"
        if (folder / "library.json").is_file() and candidate.is_file():
            return candidate
    raise ImportError(
        "NNoM's test runner not found: install NNoM into PlatformIO's Python "
        "(pip install nnom)"
    )


_spec = importlib.util.spec_from_file_location("nnom_test_runner", _runner_file())
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
CustomTestRunner = _module.CustomTestRunner
