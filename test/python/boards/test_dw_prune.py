"""A build that links only the depthwise steps models take (NNOM_DW_STEPS).

For bench models whose DepthwiseConv2D layers take different steps: the
firmware reports the steps its layers kept (nnom_model_dw_steps()); the -O2
build with the union of the models' masks (prune_builds.py: their Conv2D
paths pruned too) gives every model the same output bytes (bench_main
checks every byte against the converter's reference) and, once the layers
keep their steps (every run after the first), the same instructions as the
full build but a few a layer, in far less runtime code (the first run walks
fewer steps' asks); a mask without some used steps still runs bit-exact,
and its layers never keep a step left out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

import cbuild
import prune_builds as pb

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402

from nnom.profile.flags import dw_steps_flag  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu"
)

# the full -O2 build links every path (~315 KB); the four models' steps and
# paths fit in far less (measured, union build: dscnn and wakeword both
# 314,983 -> 117,363 B)
MIN_SAVED = 150_000  # bytes


@pytest.fixture(scope="module")
def pieces(tmp_path_factory):
    return pb.all_pieces(tmp_path_factory)


@pytest.mark.parametrize("name", pb.DW_MODELS)
def test_pruned_build_same_output_and_instructions_less_code(pieces, name: str) -> None:
    full, cut = pieces["full"][name], pieces["union"][name]
    mask = full["steps"]["dw_steps"]
    union = pieces["masks"]["dw"]
    assert mask != 0 and union >> pb.DW_BIT_COUNT == 0, f"{mask:#x} {union:#x}"
    kept = cut["steps"]["dw_steps"]
    assert kept == mask, f"{name}: the pruned build kept {kept:#x}"
    # every run goes to the same steps: the same instructions but for the
    # dispatchers' few (the first run's walk skips the asks of the steps out)
    slack, told, runs = full["slack"], full["steps"]["runs"], cut["steps"]["runs"]
    assert full["dw_layers"] > 0 and slack > 0 and len(told) == len(runs) >= 2, name
    assert runs[0] <= told[0] + slack, (name, told, runs)
    for full_run, cut_run in zip(told[1:], runs[1:]):
        assert abs(cut_run - full_run) <= slack, (name, told, runs)
    # GCC inlines a path into the dispatcher with fewer steps (DS-CNN: +96 B)
    assert cut["plain"]["stack"] <= full["plain"]["stack"] + 128, name
    saved = full["plain"]["code"] - cut["plain"]["code"]
    assert saved >= MIN_SAVED, (name, full["plain"]["code"], cut["plain"]["code"])


def test_models_take_different_steps(pieces) -> None:
    masks = {n: pieces["full"][n]["steps"]["dw_steps"] for n in pb.DW_MODELS}
    assert len(set(masks.values())) == len(masks), masks
    # the Conv2D models have no depthwise layer
    assert all(pieces["full"][n]["steps"]["dw_steps"] == 0 for n in pb.CONV_MODELS)


def test_masks_missing_the_used_steps_stay_exact(pieces) -> None:
    """Two builds leave out every used step between them (every other one,
    then the rest): each model runs bit-exact (measure checks every byte)
    and keeps no step out of the build's mask."""
    union = pieces["masks"]["dw"]
    used = union & ~pb.DW_ALWAYS
    assert bin(used).count("1") >= 2, f"no two steps to leave out ({union:#x})"
    missed = dict.fromkeys(pb.DW_MODELS, 0)
    for h, (mask, _) in enumerate(pieces["masks"]["halves"]):
        assert mask | pb.DW_ALWAYS != union, f"half {h} leaves no step out"
        for name in pb.DW_MODELS:
            told = pieces["full"][name]["steps"]["dw_steps"]
            kept = pieces[f"half{h}"][name]["dw_steps"]
            assert kept is not None and kept & ~(mask | pb.DW_ALWAYS) == 0, (
                f"{name}: kept {kept:#x} outside the build's {mask:#x}"
            )
            if told & ~(mask | pb.DW_ALWAYS):
                assert kept != told, name
                missed[name] |= told & ~mask
    # every step a model took was out of one of the two builds
    for name in pb.DW_MODELS:
        told = pieces["full"][name]["steps"]["dw_steps"]
        assert missed[name] == told & ~pb.DW_ALWAYS != 0, (name, f"{told:#x}")


@pytest.mark.parametrize("name", pb.DW_MODELS)
def test_build_without_any_step_stays_exact(pieces, name: str) -> None:
    full, none = pieces["full"][name]["plain"], pieces["none"][name]
    assert none["instructions"] > full["instructions"], name
    assert none["code"] < full["code"], name


def test_profile_prints_the_steps_flag_and_the_pruned_code(pieces) -> None:
    import models as bench_models

    from nnom.profile import profile_model
    from nnom.profile.text import totals

    _, by_name = pb.models()
    x = bench_models.calibration("wakeword", (49, 1, 40), 4, seed=3)
    (prof,) = profile_model(by_name["wakeword"].converted, x, ["qemu_m4"], ["local"], runs=4)
    assert prof.dw_steps == pieces["full"]["wakeword"]["steps"]["dw_steps"] != 0
    assert prof.runtime_code - prof.pruned_code >= MIN_SAVED, (prof.runtime_code, prof.pruned_code)
    text = totals(prof, 100.0)
    assert f"\n              build_flags = -DNNOM_DW_STEPS={prof.dw_steps:#x}ULL" in text
    assert f"runtime code {prof.runtime_code:,} -> {prof.pruned_code:,} B (-O2, the same" in text
    # its 1x1 layers' Conv2D paths too, as a report build records them
    assert prof.conv_paths == pieces["report"]["wakeword"]["conv_paths"] != 0
    assert f" -DNNOM_CONV_PATHS={prof.conv_paths:#x}ULL\n" in text


def _bit(name: str) -> int:
    return 1 << pb._header_int("nnom_dw_steps.h", f"NNOM_DW_BIT_{name}")


# tag 37's (3,1) s2 'valid' lines of two and of five outputs: each layer keeps
# its step (DW_THREE_S2V, DW_THREE_S2VN) and takes that step's direct type
@pytest.mark.parametrize(("rows", "step"), [(5, "THREE_S2V"), (11, "THREE_S2VN")])
def test_mask_without_the_kept_step_and_its_direct_type_stays_exact(rows: int, step: str) -> None:
    import depthwise_sweep

    with tempfile.TemporaryDirectory(prefix="nnom-dwprune-s2v-") as tmp:
        work = Path(tmp)
        shape = depthwise_sweep.parse_shape(f"3,1,2,{rows},1,8,valid")
        model = depthwise_sweep.convert(rows, shape, work)
        told = pb.bench_run.steps_run(model, "m4", "local", work)
        assert told["dw_steps"] & ~pb.DW_ALWAYS == _bit(step), f"{step}: {told['dw_steps']:#x}"
        # every step but that one (its kernel and its direct type not linked):
        # a build that kept it anyway would write nothing, and bench_main
        # raises on the first output byte that differs from the reference
        without = ((1 << 64) - 1) & ~_bit(step)
        res = pb.bench_run.measure(
            model,
            "m4",
            "local",
            "-O2",
            work,
            extra=(dw_steps_flag(without), "-DBENCH_DW_STEPS"),
            tag="cut",
        )
        assert res["dw_steps"] is not None and res["dw_steps"] & _bit(step) == 0, (
            f"{step}: kept {res['dw_steps']:#x} in a build without it"
        )
        assert len(res["runs"]) >= 2 and res["dw_steps"] != 0, res
