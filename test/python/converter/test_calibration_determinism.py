"""The header does not depend on how the BLAS sums: its thread count
(OpenBLAS summed ResNet-8's and DS-CNN's convolutions in another order with
two threads than with one, and the headers differed) or the calibration's
batch size (the number of rows of each product)."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

import cbuild
import nnom
from nnom import blas, quantize
from nnom.calibration import as_inputs

sys.path.insert(0, str(cbuild.ROOT / "bench"))

import models as bench_models  # noqa: E402

pytestmark = pytest.mark.fast  # ~10 s, most of it building the two Keras models

# the benchmark models whose headers differed between one and two OpenBLAS
# threads before the fix, and a sample count at which they did
CASES = {"resnet8": 32, "dscnn": 128}


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict:
    """name -> (.keras path, calibration .npy path)."""
    folder = tmp_path_factory.mktemp("determinism")
    out = {}
    for name, samples in CASES.items():
        model = bench_models.MODELS[name](seed=0)
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        path, calib = folder / f"{name}.keras", folder / f"{name}.npy"
        model.save(path)
        np.save(calib, bench_models.calibration(name, shape, samples, seed=1))
        out[name] = (path, calib)
    return out


def _convert(model, calib, out, threads: int) -> bytes:
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    cmd = [sys.executable, "-m", "nnom.cli", "convert", str(model), "-c", str(calib)]
    result = subprocess.run(
        cmd + ["-o", str(out)], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("name", list(CASES))
def test_header_is_the_same_with_one_and_two_blas_threads(saved, tmp_path, name):
    model, calib = saved[name]
    one = _convert(model, calib, tmp_path / "one.h", 1)
    two = _convert(model, calib, tmp_path / "two.h", 2)
    assert one == two


def test_ranges_do_not_depend_on_the_batch_size(saved, monkeypatch):
    model, calib = saved["resnet8"]
    graph = nnom.api.load_graph(str(model))
    inputs = as_inputs(np.load(calib), [graph.node(n).shape for n in graph.inputs])
    want = quantize.calibrate(graph, inputs)
    for batch in (1, 5, 32):
        got = quantize.calibrate(graph, inputs, batch)
        assert (got.pre, got.out) == (want.pre, want.out), batch
    # without threadpoolctl (PlatformIO's Python): large batches, same ranges
    monkeypatch.setattr(blas, "ThreadpoolController", None)
    got = quantize.calibrate(graph, inputs)
    assert (got.pre, got.out) == (want.pre, want.out)
