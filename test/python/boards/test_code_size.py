"""The guide CNN's runtime code at -Os stays within 8 KB (issue 13).

NNoM's own .text + .rodata after --gc-sections, from the linker map, as
bench/run.py reports it: a change that adds code to every build (a second
path to the same sizes, an inlined copy) shows here, not only in the bench.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import run as bench_run  # noqa: E402

LIMIT = 8 * 1024  # bytes


def _backends() -> list[str]:
    return ["local", "cmsis-nn"] if os.environ.get("NNOM_CMSIS_NN_DIR") else ["local"]


@pytest.mark.skipif(bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu")
@pytest.mark.parametrize("backend", _backends())
def test_guide_runtime_code_at_os_fits_8_kb(backend: str) -> None:
    with tempfile.TemporaryDirectory(prefix="nnom-codesize-") as tmp:
        work = Path(tmp)
        (model,) = bench_run.build_models(["guide"], work)
        res = bench_run.measure(model, "m4", backend, "-Os", work)
    assert res["code"] <= LIMIT, f"{backend}: {res['code']} B of runtime code at -Os"
