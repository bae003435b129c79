"""Shim for tools that still call setup.py; also bundles the C library.

The wheel carries the C runtime (src/, inc/, port/, library.json,
extra_script/), the qemucm platform and the examples as nnom/_lib so users
of other build systems get the sources that match their converter, and
`nnom pio-offline` and `nnom demo` work from the wheel.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
C_LIBRARY_PARTS = [
    "src",
    "inc",
    "port",
    "extra_script",
    "platforms",
    "library.json",
    "LICENSE",
    "test/test_custom_runner.py",
    "examples",
]


class BuildPyWithCLibrary(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "nnom" / "_lib"
        for part in C_LIBRARY_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source,
                    target / part,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".pio"),
                )
            elif source.is_file():
                (target / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / part)


setup(cmdclass={"build_py": BuildPyWithCLibrary})
