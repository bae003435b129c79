"""The runtime against tampered plans and misuse, under ASan and UBSan.

- plan_fuzz.c: model_compile_planned() over randomly tampered copies of a
  generated header's plan must refuse the plan or give the same outputs.
- create_twice.c: nnom_model_create() twice frees the first model (leak
  detection on), prediction_create() refuses more classes than the output.
"""

from __future__ import annotations

import os

import pytest

import cbuild
import nnom
from nnom.calibration import load_calibration

SEEDS = cbuild.ROOT / "test" / "python" / "fixtures" / "fuzz_seeds"
C_DIR = cbuild.ROOT / "test" / "python" / "c"
ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1")


def _build(driver: str, seed: str, tmp_path, rows_define: bool = False):
    calib = load_calibration(SEEDS / f"{seed}_calib.npy")
    model = nnom.convert(SEEDS / f"{seed}.h5", calib)
    defines = [f"-DNNOM_PLAN_FUZZ_ROWS={len(model.plan.layers) + 1}"] if rows_define else []
    header = tmp_path / "weights.h"
    model.save_header(header)
    exe = tmp_path / driver
    cbuild.run(
        [
            cbuild.CC,
            *cbuild.WARNINGS,
            *cbuild.SANITIZE,
            "-O1",
            "-g",
            *defines,
            *[f"-I{i}" for i in (*cbuild.INCLUDES, tmp_path)],
            f'-DMODEL_HEADER="{header.name}"',
            str(C_DIR / f"{driver}.c"),
            str(cbuild.library()),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    return model, calib, exe


@pytest.mark.parametrize("seed", ["conv", "tcn", "branches"])
def test_tampered_plans_are_refused_or_harmless(seed, tmp_path):
    model, calib, exe = _build("plan_fuzz", seed, tmp_path, rows_define=True)
    (tmp_path / "in.bin").write_bytes(model.quantize(calib[:8]).tobytes())
    result = cbuild.run([str(exe), str(tmp_path / "in.bin"), "300", "12345"], env=ENV)
    refused, same = map(int, result.stdout.strip().splitlines()[-1].split()[1::2])
    assert refused + same == 300
    assert refused > 100 and same > 10, result.stdout[-200:]


def test_second_create_frees_the_first_and_classes_are_checked(tmp_path):
    _, _, exe = _build("create_twice", "conv", tmp_path)
    assert cbuild.run([str(exe)], env=ENV).stdout.strip().endswith("ok")
