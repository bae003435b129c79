"""The seeds' guide CNN: bit-exact in C, the arena, speed of conversion."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom

ARENA_LIMIT = 16_500  # bytes; the original NNoM needs 18,144 for this model


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guide")
    model = kf.guide_model(seed=0)
    path = kf.save_model(model, folder / "guide.h5", "h5-keras3")
    rng = np.random.default_rng(0)
    calib = rng.random((1000, 28, 28, 1), dtype=np.float32)
    calib_path = folder / "calib.npy"
    np.save(calib_path, calib)
    return model, path, calib, calib_path


def test_guide_model_is_bit_exact_in_c(guide, tmp_path):
    model, path, calib, _ = guide
    converted = nnom.convert(path, calib)
    qx = converted.quantize(calib[:16])
    got, printed = cbuild.run_c(converted, [qx], tmp_path)
    assert np.array_equal(got[0], converted.run(qx)[0])
    assert converted.summary() in printed


def test_guide_model_arena_is_small_and_matches_c(guide, tmp_path):
    _, path, calib, _ = guide
    converted = nnom.convert(path, calib[:100])
    assert converted.arena_bytes <= ARENA_LIMIT
    # the lower bound is the two largest tensors alive together: 5184 + 10368
    assert converted.plan.lower_bound == 15_552
    header = converted.header()
    assert f"#define NNOM_ARENA_BYTES {converted.arena_bytes}" in header
    # the C planner (NNOM_RUNTIME_PLAN) finds the converter's plan
    qx = converted.quantize(calib[:1])
    _, printed = cbuild.run_c(converted, [qx], tmp_path, runtime_plan=True)
    assert f"Arena: {converted.arena_bytes} bytes" in printed
    assert converted.summary() in printed


def test_header_plan_that_does_not_fit_the_build_is_refused(guide, tmp_path):
    """A header whose arena plan disagrees with the layers (e.g. a header
    from another converter version) makes nnom_model_create() return NULL
    with a message naming the layer, instead of running out of bounds."""
    _, path, calib, _ = guide
    converted = nnom.convert(path, calib[:100])
    header = tmp_path / "weights.h"
    converted.save_header(header)
    text = header.read_text()
    last = f"{{{converted.arena_bytes}u, {converted.plan.lower_bound}u, 0u}}"
    assert text.count(last) >= 1, "the plan's closing entry not found"
    header.write_text(text.replace(last, f"{{1000u, {converted.plan.lower_bound}u, 0u}}"))
    exe = cbuild.build_harness(header, tmp_path)
    (tmp_path / "in.bin").write_bytes(converted.quantize(calib[:1]).tobytes())
    result = subprocess.run(
        [str(exe), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "check 2, status" in result.stdout + result.stderr  # NNOM_PLAN_OUTSIDE


def test_guide_model_tracks_keras_float(guide):
    model, path, calib, _ = guide
    converted = nnom.convert(path, calib)
    x = calib[:200]
    keras_out = np.asarray(model(x, training=False))
    ours = converted.predict(x)[0]
    # softmax outputs: int8 with scale 1/256
    assert np.abs(ours - keras_out).max() <= 0.05
    assert (ours.argmax(1) == keras_out.argmax(1)).mean() >= 0.9


def test_cli_converts_guide_model_fast_without_tensorflow(guide, tmp_path):
    """`nnom convert` with 1,000 calibration samples: under 3 s, no TensorFlow.

    Measured as the process's CPU time with one BLAS thread (interpreter
    start-up included), which is what the conversion costs on one core of
    this machine whatever else runs beside it; bench/run.py reports the wall
    time on an idle machine.
    """
    _, path, _, calib_path = guide
    out = tmp_path / "weights.h"
    code = (
        "import sys, time;"
        "from nnom.cli import main; rc = main(sys.argv[1:]);"
        "print('cpu', time.process_time());"
        "print('tensorflow loaded', 'tensorflow' in sys.modules or 'keras' in sys.modules);"
        "sys.exit(rc)"
    )
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    result = subprocess.run(
        [sys.executable, "-c", code, "convert", str(path), "-c", str(calib_path), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "tensorflow loaded False" in result.stdout
    cpu = float(result.stdout.split("cpu ")[1].split()[0])
    assert cpu < 3.0, f"nnom convert used {cpu:.2f} s of CPU"
    assert "Arena:" in result.stdout and "#15  Softmax" in result.stdout
    assert out.is_file() and "nnom_model_create" in out.read_text()
