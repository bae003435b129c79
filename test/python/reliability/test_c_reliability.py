"""The runtime against tampered plans and misuse, under ASan and UBSan.

- plan_fuzz.c: model_compile_planned() over randomly tampered copies of a
  generated header's plan must refuse the plan or give the same outputs.
- create_twice.c: nnom_model_create() twice frees the first model (leak
  detection on), prediction_create() refuses more classes than the output.
- the I/O lifetimes: a header plan that lets a layer write over an input
  before its readers ran, or over an output before the user read it, is
  refused.
"""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pytest

import cbuild
import keras_factory
import nnom
from nnom import memory
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
    exe = cbuild.program(
        [C_DIR / f"{driver}.c"], tmp_path / driver, defines=tuple(defines), header=header
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


def _io_tamperings(p) -> list[tuple[str, int, int]]:
    """Moves that only the I/O lifetimes forbid: (what, layer j, offset)
    putting layer j's buffer on an input's (alive from the start of the run)
    or on a model output's (alive to the end), where no other live buffer is
    and where it would fit if the input lived from its layer and the output
    until its Output layer."""
    layers = p.layers
    old_last: dict[int, int] = {}
    for k, la in enumerate(layers):
        for r in [la.root, *(layers[i].root for i in la.inputs)]:
            old_last[r] = max(old_last.get(r, r), k)
    buffers = {
        bid: (
            layers[bid // 2].out_offset if bid % 2 == 0 else layers[bid // 2].scratch_offset,
            size,
            first,
            last,
        )
        for bid, size, first, last in memory._buffers(layers)
    }
    targets = [(k, "input") for k, la in enumerate(layers) if la.op == "input"]
    targets += [(layers[k].root, "output") for k in p.output_layers]
    moves = []
    for i, what in targets:
        at_i, _, first_i, last_i = buffers[2 * i]
        for bid, (_, size, first, last) in buffers.items():
            j = bid // 2
            if bid % 2 or j == i or at_i + size > p.arena_bytes:
                continue
            alive_old = (i, old_last[i]) if what == "input" else (first_i, old_last[i])
            if not (first <= last_i and first_i <= last):
                continue  # apart under the plan's lifetimes too
            if first <= alive_old[1] and alive_old[0] <= last:
                continue  # overlapping without the I/O rules too
            clear = all(
                not (first <= lb and fb <= last and at < at_i + size and at_i < at + sb)
                for b, (at, sb, fb, lb) in buffers.items()
                if b not in (bid, 2 * i)
            )
            if clear:
                moves.append((what, j, at_i))
    return moves


def test_plans_that_break_the_io_lifetimes_are_refused(tmp_path):
    """An input is written before the run and an output read after it: a
    header plan giving their bytes to another layer meanwhile is refused."""
    keras = keras_factory._keras()
    layers = keras.layers
    a, b = keras.Input((16,), name="a"), keras.Input((24,), name="b")
    early = layers.Dense(12, name="early")(a)
    late = layers.Dense(12, name="late")(layers.Dense(20, name="mid")(b))
    model = keras.Model([a, b], [early, late])
    rng = np.random.default_rng(0)
    converted = nnom.convert(model, [rng.normal(size=(32, 16)), rng.normal(size=(32, 24))])
    moves = _io_tamperings(converted.plan)
    assert {what for what, _, _ in moves} == {"input", "output"}, moves
    header = tmp_path / "weights.h"
    for what, j, at in [("none", 0, None), *moves]:
        layer = converted.plan.layers[j]
        saved = layer.out_offset
        if at is not None:
            layer.out_offset = at
        converted.save_header(header)
        layer.out_offset = saved
        exe = cbuild.build_harness(header, tmp_path)
        result = subprocess.run(
            [str(exe), "/dev/null", "/dev/null"], capture_output=True, text=True, env=ENV
        )
        if at is None:
            assert result.returncode == 0, result.stdout[-300:]
        else:
            assert result.returncode == 3, (what, j, result.stdout[-300:])
            assert "check 6, status" in result.stdout, (
                what,
                j,
                result.stdout[-300:],
            )  # NNOM_PLAN_OVERLAP
