"""A build that links only the depthwise steps a model takes (NNOM_DW_STEPS).

For bench models whose DepthwiseConv2D layers take different steps: the
firmware reports the steps its layers kept (nnom_model_dw_steps()); the -O2
build with that mask gives the same output bytes (bench_main checks every
byte against the converter's reference) and, once the layers keep their
steps (every run after the first), the same instructions as the full
build, in far less runtime code (the first run walks fewer steps' asks);
a mask without one of the used steps still runs bit-exact, and its layers
never keep a step left out.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import run as bench_run  # noqa: E402

from nnom.profile.flags import dw_steps_flag  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu"
)

_BIT_COUNT = int(
    re.search(
        r"#define NNOM_DW_BIT_COUNT\s+(\d+)",
        (cbuild.ROOT / "inc" / "nnom_dw_steps.h").read_text(),
    ).group(1)
)
_BITS = (cbuild.ROOT / "inc" / "nnom_dw_steps.h").read_text()
# GENERIC and PIXEL: always linked (every layer the others refuse)
_ALWAYS = sum(
    1 << int(re.search(rf"#define NNOM_DW_BIT_{n}\s+(\d+)", _BITS).group(1))
    for n in ("GENERIC", "PIXEL")
)
# the full -O2 build links every path (~250 KB); a model's few steps fit in far
# less (measured: dscnn 310,791 -> 90,047 B, wakeword 310,791 -> 133,827 B)
MIN_SAVED = 150_000  # bytes
# a kept run's instructions: the dispatcher's switch compiles a little
# differently with fewer steps (measured: dscnn +1 a layer, wakeword -7)
SLACK = 8  # instructions a depthwise layer


def _dw_layers(model) -> int:
    return sum(1 for layer in model.converted.plan.layers if layer.op == "dwconv2d")


def _flag(mask: int) -> tuple[str, ...]:
    return (dw_steps_flag(mask),)


@pytest.fixture(scope="module")
def models():
    with tempfile.TemporaryDirectory(prefix="nnom-dwprune-") as tmp:
        work = Path(tmp)
        yield work, {m.name: m for m in bench_run.build_models(["dscnn", "wakeword"], work)}


@pytest.mark.parametrize("name", ["dscnn", "wakeword"])
def test_pruned_build_same_output_and_instructions_less_code(models, name: str) -> None:
    work, by_name = models
    model = by_name[name]
    full = bench_run.measure(model, "m4", "local", "-O2", work)
    told = bench_run.steps_run(model, "m4", "local", work)
    mask, cut = bench_run.pruned(model, "m4", "local", work)
    assert mask == told["dw_steps"] and mask != 0 and mask >> _BIT_COUNT == 0, f"{mask:#x}"
    assert cut["dw_steps"] == mask, f"{name}: the pruned build kept {cut['dw_steps']:#x}"
    # every run goes to the same steps: the same instructions but for the
    # dispatcher's few (the first run's walk skips the asks of the steps out)
    slack = SLACK * _dw_layers(model)
    assert slack > 0 and len(told["runs"]) == len(cut["runs"]) >= 2, name
    assert cut["runs"][0] <= told["runs"][0] + slack, (name, told["runs"], cut["runs"])
    for full_run, cut_run in zip(told["runs"][1:], cut["runs"][1:]):
        assert abs(cut_run - full_run) <= slack, (name, told["runs"], cut["runs"])
    # GCC inlines a path into the dispatcher with fewer steps (DS-CNN: +96 B)
    assert cut["stack"] <= full["stack"] + 128, (name, full["stack"], cut["stack"])
    assert full["code"] - cut["code"] >= MIN_SAVED, (name, full["code"], cut["code"])


def test_models_take_different_steps(models) -> None:
    work, by_name = models
    masks = {n: bench_run.dw_steps(m, "m4", "local", work) for n, m in by_name.items()}
    assert len(set(masks.values())) == len(masks), masks


@pytest.mark.parametrize("name", ["dscnn", "wakeword"])
def test_mask_missing_a_used_step_stays_exact(models, name: str) -> None:
    work, by_name = models
    model = by_name[name]
    mask = bench_run.dw_steps(model, "m4", "local", work)
    used = mask & ~_ALWAYS
    assert used, f"{name}: no layer on a step that can be left out ({mask:#x})"
    fewer = mask & ~(used & -used)  # the lowest such step out
    res = bench_run.measure(
        model, "m4", "local", "-O2", work, extra=(*_flag(fewer), "-DBENCH_DW_STEPS"), tag="fewer"
    )  # (raises where an output byte differs)
    assert res["dw_steps"] is not None and res["dw_steps"] & ~(fewer | _ALWAYS) == 0, (
        f"{name}: kept {res['dw_steps']:#x} outside the build's {fewer:#x}"
    )
    assert res["dw_steps"] != mask


def test_build_without_any_step_stays_exact(models) -> None:
    work, by_name = models
    full = bench_run.measure(by_name["dscnn"], "m4", "local", "-O2", work)
    res = bench_run.measure(
        by_name["dscnn"], "m4", "local", "-O2", work, extra=_flag(0), tag="none"
    )
    assert res["instructions"] > full["instructions"]


def test_profile_prints_the_steps_flag_and_the_pruned_code(models) -> None:
    import models as bench_models

    from nnom.profile import profile_model
    from nnom.profile.text import totals

    work, by_name = models
    model = by_name["wakeword"]
    x = bench_models.calibration("wakeword", (49, 1, 40), 4, seed=3)
    (prof,) = profile_model(model.converted, x, ["qemu_m4"], ["local"], runs=4)
    assert prof.dw_steps == bench_run.dw_steps(model, "m4", "local", work) != 0
    assert prof.runtime_code - prof.pruned_code >= MIN_SAVED, (prof.runtime_code, prof.pruned_code)
    text = totals(prof, 100.0)
    assert f"\n              build_flags = -DNNOM_DW_STEPS={prof.dw_steps:#x}ULL" in text
    assert f"runtime code {prof.runtime_code:,} -> {prof.pruned_code:,} B (-O2, the same" in text
    # its 1x1 layers' Conv2D paths too, as a report build records them
    assert prof.conv_paths != 0
    assert f" -DNNOM_CONV_PATHS={prof.conv_paths:#x}ULL\n" in text


def _bit(name: str) -> int:
    return 1 << int(re.search(rf"#define NNOM_DW_BIT_{name}\s+(\d+)", _BITS).group(1))


# tag 37's (3,1) s2 'valid' lines of two and of five outputs: each layer keeps
# its step (DW_THREE_S2V, DW_THREE_S2VN) and takes that step's direct type
@pytest.mark.parametrize(("rows", "step"), [(5, "THREE_S2V"), (11, "THREE_S2VN")])
def test_mask_without_the_kept_step_and_its_direct_type_stays_exact(rows: int, step: str) -> None:
    import depthwise_sweep

    with tempfile.TemporaryDirectory(prefix="nnom-dwprune-s2v-") as tmp:
        work = Path(tmp)
        shape = depthwise_sweep.parse_shape(f"3,1,2,{rows},1,8,valid")
        model = depthwise_sweep.convert(rows, shape, work)
        told = bench_run.steps_run(model, "m4", "local", work)
        assert told["dw_steps"] & ~_ALWAYS == _bit(step), f"{step}: {told['dw_steps']:#x}"
        # every step but that one (its kernel and its direct type not linked):
        # a build that kept it anyway would write nothing, and bench_main
        # raises on the first output byte that differs from the reference
        without = ((1 << 64) - 1) & ~_bit(step)
        res = bench_run.measure(
            model,
            "m4",
            "local",
            "-O2",
            work,
            extra=(*_flag(without), "-DBENCH_DW_STEPS"),
            tag="cut",
        )
        assert res["dw_steps"] is not None and res["dw_steps"] & _bit(step) == 0, (
            f"{step}: kept {res['dw_steps']:#x} in a build without it"
        )
        assert len(res["runs"]) >= 2 and res["dw_steps"] != 0, res
