"""A build that links only the Conv2D paths a model takes (NNOM_CONV_PATHS).

On the M4 at -O2 (local backend): the firmware built with
-DNNOM_CONV_PATHS_REPORT reports the paths its Conv2D layers took
(nnom_model_conv_paths(), bench_main's BENCH_CONV_PATHS line); the build
with that mask gives the same output bytes (bench_main checks every byte
against the converter's reference) and the same instructions but for a few
a layer, in far less runtime code. A mask without one of the used paths
still runs bit-exact (the layer falls to the next path), and the default
build is the full one.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import run as bench_run  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu"
)

_BITS = (cbuild.ROOT / "inc" / "nnom_conv_paths.h").read_text()
_BIT_COUNT = int(re.search(r"#define NNOM_CONV_BIT_COUNT\s+(\d+)", _BITS).group(1))
_PATHS = re.compile(r"nnom-conv-paths 0x([0-9a-f]+)")
REPORT = ("-DNNOM_CONV_PATHS_REPORT", "-DBENCH_CONV_PATHS")
# measured (M4 -O2 local): guide 66,449 -> 25,149 B; fewpx (below) 63,126 -> 32,930 B
MIN_SAVED = {"guide": 35_000, "fewpx": 25_000}  # bytes
# a run's instructions, pruned against full: the kernels compile a little
# differently with fewer paths (measured: guide -9 to -24 a Conv2D layer)
SLACK = 32  # instructions a Conv2D layer


def _fewpx_model():
    """1x1 layers of few pixels and of one output (the records' paths), and
    a 3x3 one (the local kernel's)."""
    import models as bench_models

    keras = bench_models._keras()
    layers = keras.layers
    keras.utils.set_random_seed(7)
    x = inputs = keras.Input((2, 2, 12))
    x = layers.Conv2D(12, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(8, 1, activation="relu")(x)  # 4 pixels, 12 -> 8
    x = layers.Conv2D(20, 1, activation="relu")(x)  # 4 pixels, 8 -> 20
    x = layers.Conv2D(1, 1)(x)  # 4 pixels, 20 -> 1
    x = layers.Flatten()(x)
    x = layers.Reshape((1, 1, 4))(x)
    x = layers.Conv2D(3, 1)(x)  # one pixel, 4 -> 3
    x = layers.Flatten()(x)
    return keras.Model(inputs, x)


def _build(work: Path, name: str, keras_model) -> bench_run.Model:
    import nnom

    path = work / f"{name}.h5"
    keras_model.save(path)
    shape = tuple(int(d) for d in keras_model.inputs[0].shape[1:])
    rng = np.random.default_rng(3)
    converted = nnom.convert(path, rng.normal(0.0, 1.0, (200,) + shape).astype(np.float32))
    folder = work / name
    folder.mkdir()
    converted.save_header(folder / "weights.h")
    x = rng.normal(0.0, 1.0, (4,) + shape).astype(np.float32)
    qx = converted.quantize(x)
    bench_run.write_data(folder / "bench_data.h", qx, converted.run(qx))
    return bench_run.Model(name, converted, converted.plan.total_macs, 0.0, folder)


def _measure(model, work: Path, extra: tuple[str, ...], tag: str) -> dict:
    """bench_main on the M4 -O2 local with more flags: fails where an output
    byte differs from the converter's reference."""
    fw = cmbuild.Firmware(board="m4", opt="-O2", backend="local", extra=extra)
    folder = work / f"{model.name}-{tag}"
    elf = fw.link(
        folder,
        bench_run.HERE / "bench_main.c",
        [model.folder, bench_run.TIMER_DIR],
        more=[(bench_run.TIMER_C, []), (bench_run.STACK_C, [])],
    )
    code, out = cmbuild.run(elf, "m4")
    m = bench_run._LINE.search(out)
    assert m is not None and code == 0, out[-2000:]
    runs, instr, _, mism, first, *_ = (int(v) for v in m.groups())
    assert mism == 0, f"{model.name} {tag}: {mism} bytes differ (first {first})"
    p = _PATHS.search(out)
    return {
        "instructions": instr / runs,
        "code": cmbuild.runtime_size(folder / "firmware.map")["code"],
        "paths": int(p.group(1), 16) if p else None,
    }


def _conv_layers(model) -> int:
    return sum(1 for layer in model.converted.plan.layers if layer.op == "conv2d")


def _flag(mask: int) -> tuple[str, ...]:
    return (f"-DNNOM_CONV_PATHS={mask:#x}ULL",)


@pytest.fixture(scope="module")
def models():
    with tempfile.TemporaryDirectory(prefix="nnom-convprune-") as tmp:
        work = Path(tmp)
        by_name = {m.name: m for m in bench_run.build_models(["guide"], work)}
        by_name["fewpx"] = _build(work, "fewpx", _fewpx_model())
        full = {n: _measure(m, work, (), "full") for n, m in by_name.items()}
        told = {n: _measure(m, work, REPORT, "report") for n, m in by_name.items()}
        yield work, by_name, full, told


@pytest.mark.parametrize("name", ["guide", "fewpx"])
def test_pruned_build_same_output_and_instructions_less_code(models, name: str) -> None:
    work, by_name, full, told = models
    model = by_name[name]
    mask = told[name]["paths"]
    assert mask is not None and mask != 0 and mask >> _BIT_COUNT == 0, mask
    cut = _measure(model, work, _flag(mask), "pruned")  # (every output byte checked)
    slack = SLACK * _conv_layers(model)
    assert slack > 0
    assert abs(cut["instructions"] - full[name]["instructions"]) <= slack, (
        name,
        full[name]["instructions"],
        cut["instructions"],
    )
    assert full[name]["code"] - cut["code"] >= MIN_SAVED[name], (
        name,
        full[name]["code"],
        cut["code"],
    )
    # the pruned build takes the same paths
    again = _measure(model, work, (*_flag(mask), *REPORT), "pruned-report")
    assert again["paths"] == mask, (f"{mask:#x}", f"{again['paths']:#x}")


def test_models_take_different_paths(models) -> None:
    _, _, _, told = models
    assert told["guide"]["paths"] != told["fewpx"]["paths"]
    # the few-pixel model takes records paths (bits 0 to 4: pw1px8 to pw1pxn,
    # 7 to 17: their types); the guide none
    assert told["fewpx"]["paths"] & 0x3FF8F, f"{told['fewpx']['paths']:#x}"
    assert told["guide"]["paths"] & 0x3FF8F == 0, f"{told['guide']['paths']:#x}"


@pytest.mark.parametrize("name", ["guide", "fewpx"])
def test_mask_missing_a_used_path_stays_exact(models, name: str) -> None:
    work, by_name, full, told = models
    mask = told[name]["paths"]
    for bit in range(_BIT_COUNT):  # each used path out in turn
        if not mask >> bit & 1:
            continue
        fewer = mask & ~(1 << bit)
        res = _measure(by_name[name], work, (*_flag(fewer), *REPORT), f"fewer{bit}")
        assert res["paths"] & ~fewer == 0, (bit, f"{res['paths']:#x}", f"{fewer:#x}")
        assert res["paths"] != mask


def test_default_build_is_the_full_one(models) -> None:
    work, by_name, full, _ = models
    res = _measure(by_name["fewpx"], work, _flag(0xFFFFFFFFFFFFFFFF), "all")
    assert res == full["fewpx"]
    none = _measure(by_name["fewpx"], work, _flag(0), "none")  # every path out: exact
    assert none["instructions"] > full["fewpx"]["instructions"]
    assert none["code"] < full["fewpx"]["code"]
