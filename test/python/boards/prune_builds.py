"""The builds test_dw_prune.py and test_conv_prune.py check, made once a run.

Four bench models on the M4 at -O2 (local backend): dscnn and wakeword
(DepthwiseConv2D layers on different steps), the guide and fewpx (Conv2D
layers on different paths, fewpx's on the records' paths). Every mask
compiles the whole runtime again (measured: 13 s of CPU), so one runtime
carries the UNION of the four models' masks (NNOM_DW_STEPS and
NNOM_CONV_PATHS at once) and links every model; two runtimes drop every
used bit between them (every other one, then the rest); one drops all, one
sets all. bench_main's own switches (-DBENCH_...) build no runtime
(bench/run.py firmware()).

Each piece is built by one pytest-xdist worker (worker_share) and holds
plain figures (bench/run.py measure(): every output byte already checked
against the converter's reference, a mismatch raises).
"""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

import cbuild
from worker_share import shared_pieces

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import run as bench_run  # noqa: E402

from nnom.profile.flags import conv_paths_flag, dw_steps_flag  # noqa: E402

DW_MODELS = ("dscnn", "wakeword")
CONV_MODELS = ("guide", "fewpx")
MODELS = (*DW_MODELS, *CONV_MODELS)
STEPS = ("-DBENCH_DW_STEPS",)  # each run's count and the steps kept
REPORT = bench_run.CONV_REPORT  # the Conv2D paths taken
ALL_ONES = 0xFFFFFFFFFFFFFFFF


def _header_int(header: str, name: str) -> int:
    text = (cbuild.ROOT / "inc" / header).read_text()
    return int(re.search(rf"#define {name}\s+(\d+)", text).group(1))


DW_BIT_COUNT = _header_int("nnom_dw_steps.h", "NNOM_DW_BIT_COUNT")
CONV_BIT_COUNT = _header_int("nnom_conv_paths.h", "NNOM_CONV_BIT_COUNT")
# GENERIC and PIXEL: always linked (every layer the others refuse)
DW_ALWAYS = sum(
    1 << _header_int("nnom_dw_steps.h", f"NNOM_DW_BIT_{n}") for n in ("GENERIC", "PIXEL")
)


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


def _build_fewpx(work: Path) -> bench_run.Model:
    import nnom

    keras_model = _fewpx_model()
    path = work / "fewpx.h5"
    keras_model.save(path)
    shape = tuple(int(d) for d in keras_model.inputs[0].shape[1:])
    rng = np.random.default_rng(3)
    converted = nnom.convert(path, rng.normal(0.0, 1.0, (200,) + shape).astype(np.float32))
    folder = work / "fewpx"
    folder.mkdir()
    converted.save_header(folder / "weights.h")
    x = rng.normal(0.0, 1.0, (4,) + shape).astype(np.float32)
    qx = converted.quantize(x)
    bench_run.write_data(folder / "bench_data.h", qx, converted.run(qx))
    return bench_run.Model("fewpx", converted, converted.plan.total_macs, 0.0, folder)


@functools.cache
def models() -> tuple[Path, dict[str, bench_run.Model]]:
    """This process's copy of the four models (fixed seeds: the same in every
    worker) and the folder their builds go to."""
    work = Path(tempfile.mkdtemp(prefix="nnom-prune-"))
    by_name = {m.name: m for m in bench_run.build_models(list(MODELS[:3]), work)}
    by_name["fewpx"] = _build_fewpx(work)
    return work, by_name


def _each(flags: tuple[str, ...], tag: str) -> dict[str, dict]:
    """Every model's figures with these flags (its output bytes checked)."""
    work, by_name = models()
    return {
        n: bench_run.measure(m, "m4", "local", "-O2", work, extra=flags, tag=tag)
        for n, m in by_name.items()
    }


def _halves(used: int) -> tuple[int, int]:
    """The used bits split in two, every other one to each half."""
    bits = [b for b in range(64) if used >> b & 1]
    return tuple(sum(1 << b for b in bits[h::2]) for h in (0, 1))


def masks(pieces: dict) -> dict:
    """The union of the models' masks and the two masks that leave out every
    used bit between them (dw: GENERIC and PIXEL are always linked)."""
    dw = 0
    conv = 0
    for name in MODELS:
        dw |= pieces["full"][name]["steps"]["dw_steps"]
        conv |= pieces["report"][name]["conv_paths"]
    dw_out = _halves(dw & ~DW_ALWAYS)
    conv_out = _halves(conv)
    return {
        "dw": dw,
        "conv": conv,
        "halves": [(dw & ~dw_out[h], conv & ~conv_out[h]) for h in (0, 1)],
    }


def _make(tmp_path_factory, key: str) -> dict:
    if key == "full":  # the default (full) build, and its run counts and steps
        _, by_name = models()
        plain, steps = _each((), "full"), _each(STEPS, "steps")
        return {
            n: {
                "plain": plain[n],
                "steps": steps[n],
                "slack": bench_run.pruned_slack(by_name[n]),
                "dw_layers": bench_run.layer_count(by_name[n], "dwconv2d"),
                "conv_layers": bench_run.layer_count(by_name[n], "conv2d"),
            }
            for n in MODELS
        }
    if key == "report":  # the Conv2D paths the layers take
        return _each(REPORT, "report")
    told = shared_pieces(tmp_path_factory, "prune", ["full", "report"], _make_for(tmp_path_factory))
    m = masks(told)
    union = (dw_steps_flag(m["dw"]), conv_paths_flag(m["conv"]))
    if key == "union":
        plain, steps = _each(union, "union"), _each((*union, *STEPS), "union-steps")
        return {n: {"plain": plain[n], "steps": steps[n]} for n in MODELS}
    if key == "union-report":
        return _each((*union, *REPORT), "union-report")
    if key.startswith("half"):
        dw, conv = m["halves"][int(key[-1])]
        return _each((dw_steps_flag(dw), conv_paths_flag(conv), *REPORT, *STEPS), key)
    if key == "none":  # no step, no path to leave out: every layer on the generic ones
        return _each((dw_steps_flag(0), conv_paths_flag(0)), key)
    if key == "all":  # every bit set: the default build
        return _each((dw_steps_flag(ALL_ONES), conv_paths_flag(ALL_ONES)), key)
    raise KeyError(key)


_MADE: dict[str, dict] = {}  # this process's pieces (without xdist, shared_pieces keeps none)


def _make_for(tmp_path_factory):
    def make(key: str) -> dict:
        if key not in _MADE:
            _MADE[key] = _make(tmp_path_factory, key)
        return _MADE[key]

    return make


KEYS = ["full", "report", "union", "union-report", "half0", "half1", "none", "all"]


def all_pieces(tmp_path_factory) -> dict:
    """{piece: {model: figures}} and "masks"."""
    pieces = shared_pieces(tmp_path_factory, "prune", KEYS, _make_for(tmp_path_factory))
    return {**pieces, "masks": masks(pieces)}
