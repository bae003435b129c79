"""Generated models on the emulated Cortex-M boards, every output byte checked.

Random models made to exercise the kernels' paths (convolutions with 1 to 40
input channels, strides, dilation, padding; depthwise with multipliers;
dense layers of odd and even sizes; pooling; softmax; two-input Add,
Subtract and Multiply over odd element counts and scale ratios; pooling
windows at the four-channel loops' limits), plus four of the
benchmark's models (guide CNN, DS-CNN, MLP, wake-word net), are converted,
and for every board (qemucm M3, M4, M7, M33,
M55) and backend (local C; CMSIS-NN when NNOM_CMSIS_NN_DIR names a copy) one
firmware per board runs them (all of them on the M4, M7 and the M3 at -Os;
every other one on the M33, M55 and the M3 at -O2: HALF) under QEMU and
compares each output byte with the numpy reference. The same random models
also run on the host under AddressSanitizer (out-of-bounds reads of the
kernels show up there).
The cases live in board_cases/, one module per kernel area, each family
registered next to its cases (board_cases/registry.py).

NNOM_BOARD_FAMILIES=prefix,prefix... runs only those families (a family's
name prefix as registered, e.g. "few9_,pair6_"; "chan5_clamp" and the bench
models' names select those), on every board and backend as usual: while
working on one kernel path. Unset, everything runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

import cbuild
import nnom
from nnom import memory
from worker_share import shared_pieces

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import models as bench_models  # noqa: E402

import board_cases
from board_cases import calibration

RUNS = 3  # inputs per model: two typical, one far outside the calibration range
BOARDS = list(cmbuild.BOARDS)

needs_arm = pytest.mark.skipif(
    bool(cmbuild.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)


def _case(converted, x: np.ndarray):
    qx = converted.quantize(x)
    want = converted.run(qx)
    inputs = [[qx[r]] for r in range(len(qx))]
    expected = [[w[r] for w in want] for r in range(len(qx))]
    return inputs, expected


BENCH_MODELS = ("guide", "dscnn", "mlp", "wakeword")


def _wanted() -> set[str]:
    """NNOM_BOARD_FAMILIES's names (empty: everything); a misspelt one is an
    error, not a family that silently runs nothing."""
    names = {w.strip() for w in os.environ.get("NNOM_BOARD_FAMILIES", "").split(",") if w.strip()}
    known = {f.prefix for f in board_cases.FAMILIES} | {"chan5_clamp", *BENCH_MODELS}
    if names - known:
        pytest.fail(f"NNOM_BOARD_FAMILIES: no family named {sorted(names - known)}")
    return names


def _selected(name: str) -> bool:
    wanted = _wanted()
    return not wanted or name in wanted


def _family_cases(f) -> list:
    out = []
    for k in range(f.count):
        rng = np.random.default_rng(f.seed + k)
        model = f.build(k, rng)
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = calibration(rng, shape, 32)
        converted = nnom.convert(model, calib)
        if f.after is not None:
            converted = f.after(converted, k)
        x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
        case = _case(converted, x)
        if k in f.without_records:
            converted = board_cases.WithoutRecords(converted)
        out.append((f"{f.prefix}{k}", converted, *case))
    return out


def _tflite_cases(folder: Path) -> list:
    """int8 .tflite models (their layers' ranges TensorFlow's)"""
    out = []
    for k in range(len(board_cases.CHAN5_CLAMP_CASES)):
        converted, calib = board_cases.chan5_clamp_model(
            k, np.random.default_rng(116_500 + k), folder
        )
        x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
        out.append((f"chan5_clamp{k}", converted, *_case(converted, x)))
    return out


def _bench_case(name: str) -> list:
    # (the autoencoder's 264 KB of weights do not fit the Cortex-M3's flash;
    # the benchmark checks it on the M4)
    model = bench_models.MODELS[name]()
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    calib = bench_models.calibration(name, shape, 64)
    converted = nnom.convert(model, calib)
    return [(name, converted, *_case(converted, calib[:2]))]


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """(name, ConvertedModel, inputs, expected) of every model on the boards,
    built once per run (worker_share: each family by one xdist worker)."""
    families = {f.prefix: f for f in board_cases.FAMILIES if _selected(f.prefix)}

    def make(key: str) -> list:
        if key in families:
            return _family_cases(families[key])
        if key == "chan5_clamp":
            return _tflite_cases(tmp_path_factory.mktemp("tflite"))
        return _bench_case(key)

    keys = [*families, *filter(_selected, ("chan5_clamp", *BENCH_MODELS))]
    pieces = shared_pieces(tmp_path_factory, "board-suite", keys, make)
    return [case for key in keys for case in pieces[key]]


@pytest.fixture(scope="module")
def checks(suite, tmp_path_factory) -> list[tuple[Path, list[Path]]]:
    """Each model's check source (cmbuild.write_model_check) and include
    folder, written once for the host and every board."""
    root = tmp_path_factory.mktemp("checks")
    out = []
    for k, (_, converted, inputs, expected) in enumerate(suite):
        folder = root / f"m{k}"
        out.append((cmbuild.write_model_check(converted, inputs, expected, folder, k), [folder]))
    return out


def test_planner_reaches_the_lower_bound(suite):
    """The arena equals the peak of the bytes alive at one layer (activations
    and scratch) for every model here, for both backends' scratch sizes."""
    for name, converted, _, _ in suite:
        for backend in memory.BACKENDS:
            p = memory.plan(converted.graph, backend)
            assert p.arena_bytes == p.lower_bound, (name, backend, p.arena_bytes, p.lower_bound)


HOST_GROUP = 200  # models per host program: a crash names one group's models


def test_random_kernel_models_on_host(suite, checks, tmp_path):
    """The same models through the C runtime on the host, under sanitizers:
    the board firmware's checks, a few hundred models a program."""
    for start in range(0, len(suite), HOST_GROUP):
        group = list(range(start, min(start + HOST_GROUP, len(suite))))
        work = tmp_path / f"host{start}"
        work.mkdir()
        main = cmbuild.write_suite_main(group, work / "suite_main.c")
        units = cmbuild.bundle_checks([checks[k] for k in group], work / "bundles")
        proc = cbuild.run_checks(units, main, work / "build")
        results = cmbuild.parse_models(proc.stdout)
        stopped = next((suite[k][0] for k in group if k not in results), None)
        if stopped is not None:  # a crash, a sanitizer's report (not a mismatch)
            raise AssertionError(
                f"the host program stopped at {stopped} (exit {proc.returncode}):\n"
                f"{proc.stdout[-2000:]}\n{proc.stderr[-6000:]}"
            )
        for k in group:
            name, converted, _, _ = suite[k]
            r = results.get(k)
            assert r is not None, f"{name}: no result line on the host"
            assert r["status"] == 0 and r["mismatches"] == 0, (
                f"{name}: C differs from the reference on the host ({r})"
            )
            assert r["arena"] == converted.arena_bytes, f"{name}: arena {r['arena']} on the host"


def _groups(suite, board: str, libraries, models: list[int]) -> list[list[int]]:
    """The models packed into firmwares that fit the board's flash."""
    budget, groups, used = cmbuild.flash_budget(board, libraries), [[]], 0
    for k in models:
        _, converted, inputs, expected = suite[k]
        # the model's constants and the inputs and outputs its check holds
        size = cmbuild.model_flash(converted) + sum(
            np.asarray(a).nbytes for run in (*inputs, *expected) for a in run
        )
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(k)
        used += size
    return groups


# Every model runs on the Cortex-M4 and M7 at -O2 (the DSP paths the cases
# aim at), on the M3 at -Os and on the host; the M33, M55 and the M3 at -O2
# (the same C on another core or level) take every other model, the M33 the
# even ones, the M55 and M3 the odd ones, so that each model still runs on a
# third DSP core: half the suite's longest tests (M55 -O2 alone ~12 min of a
# loaded 2-core run) for the same paths.
HALF = {("m33", "-O2"): 0, ("m55", "-O2"): 1, ("m3", "-O2"): 1}


def _on_board(suite, board: str, opt: str) -> list[int]:
    half = HALF.get((board, opt))
    return [k for k in range(len(suite)) if half is None or k % 2 == half]


BACKENDS = ["local", "cmsis-nn"]
# (board, backend, optimisation): every board and backend at -O2, and -Os
# (whose kernels take partly different paths) with and without DSP.
CONFIGS = [(b, k, "-O2") for b in BOARDS for k in BACKENDS] + [
    ("m3", "local", "-Os"),
    ("m4", "local", "-Os"),
    ("m55", "cmsis-nn", "-Os"),
]


@needs_arm
@pytest.mark.parametrize("board,backend,opt", CONFIGS)
def test_models_on_board(board: str, backend: str, opt: str, suite, checks, tmp_path):
    if backend == "cmsis-nn" and cmbuild.cmsis_nn_dir() is None:
        pytest.skip(f"CMSIS-NN backend: set {cmbuild.CMSIS_ENV} to a CMSIS-NN copy (v7.0.0+)")
    fw = cmbuild.Firmware(board=board, opt=opt, backend=backend)
    results: dict[int, dict] = {}
    libraries = [fw.runtime()] + ([fw.cmsis_library()] if backend == "cmsis-nn" else [])
    models = _on_board(suite, board, opt)
    for g, group in enumerate(_groups(suite, board, libraries, models)):
        work = tmp_path / f"fw{g}"
        work.mkdir()
        main = cmbuild.write_suite_main(group, work / "suite_main.c")
        units = cmbuild.bundle_checks([checks[k] for k in group], work / "bundles")
        elf = fw.link(work / "build", main, [], more=units)
        code, output = cmbuild.run(elf, board)
        results.update(cmbuild.parse_models(output))
        assert f"nnom-suite models={len(group)}" in output, output[-3000:]
    assert len(models) >= len(suite) // 2
    for k in models:
        name, converted, _, _ = suite[k]
        r = results.get(k)
        assert r is not None, f"{name}: no result line on {board}"
        assert r["status"] == 0, f"{name} on {board}/{backend}: status {r['status']}"
        assert r["mismatches"] == 0, (
            f"{name} on {board}/{backend}: {r['mismatches']} output bytes differ from the "
            f"reference (first at byte {r['first']})\n{converted.summary()}"
        )
        # the arena the header promises (NNOM_ARENA_BYTES, or for CMSIS-NN the
        # per-core NNOM_ARENA_BYTES_CMSIS_NN) is the one the runtime plans
        if backend == "local" or board == "m3":
            want = converted.arena_bytes
        else:
            arch = "cmsis-nn-mve" if board == "m55" else "cmsis-nn-dsp"
            want = memory.plan(converted.graph, arch).arena_bytes
        assert r["arena"] == want, f"{name} on {board}/{backend}: arena {r['arena']} != {want}"
