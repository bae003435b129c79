"""A build that links only the Conv2D paths models take (NNOM_CONV_PATHS).

On the M4 at -O2 (local backend): the firmware built with
-DNNOM_CONV_PATHS_REPORT reports the paths its Conv2D layers took
(nnom_model_conv_paths(), bench_main's BENCH_CONV_PATHS line); the build
with the union of the models' masks (prune_builds.py: their depthwise
steps pruned too) gives every model the same output bytes (bench_main
checks every byte against the converter's reference), the same paths and
the same instructions but for a few a layer, in far less runtime code.
Masks without some used paths still run bit-exact (the layer falls to the
next path), and the default build is the full one.
"""

from __future__ import annotations

import sys

import pytest

import cbuild
import prune_builds as pb

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu"
)

# measured (M4 -O2 local), union build (the other models' paths linked too):
# guide 66,449 -> 39,509 B, fewpx 63,126 -> 36,186 B (the guide's own: 25,149 B)
MIN_SAVED = {"guide": 20_000, "fewpx": 20_000}  # bytes


@pytest.fixture(scope="module")
def pieces(tmp_path_factory):
    return pb.all_pieces(tmp_path_factory)


@pytest.mark.parametrize("name", pb.CONV_MODELS)
def test_pruned_build_same_output_and_instructions_less_code(pieces, name: str) -> None:
    full, cut = pieces["full"][name], pieces["union"][name]["plain"]
    mask = pieces["report"][name]["conv_paths"]
    union = pieces["masks"]["conv"]
    assert mask is not None and mask != 0 and union >> pb.CONV_BIT_COUNT == 0, (mask, union)
    assert full["conv_layers"] > 0 and full["slack"] > 0
    assert abs(cut["instructions"] - full["plain"]["instructions"]) <= full["slack"], (
        name,
        full["plain"]["instructions"],
        cut["instructions"],
    )
    saved = full["plain"]["code"] - cut["code"]
    assert saved >= MIN_SAVED[name], (name, full["plain"]["code"], cut["code"])
    # the pruned build takes the same paths (every model, the depthwise ones too)
    for model in pb.MODELS:
        again = pieces["union-report"][model]["conv_paths"]
        assert again == pieces["report"][model]["conv_paths"], (model, again)


def test_models_take_different_paths(pieces) -> None:
    told = {n: pieces["report"][n]["conv_paths"] for n in pb.CONV_MODELS}
    assert told["guide"] != told["fewpx"]
    # the few-pixel model takes records paths (bits 0 to 4: pw1px8 to pw1pxn,
    # 7 to 17: their types); the guide none
    assert told["fewpx"] & 0x3FF8F, f"{told['fewpx']:#x}"
    assert told["guide"] & 0x3FF8F == 0, f"{told['guide']:#x}"


def test_masks_missing_the_used_paths_stay_exact(pieces) -> None:
    """Two builds leave out every used path between them (every other one,
    then the rest): each model runs bit-exact (measure checks every byte)
    and takes no path out of the build's mask."""
    union = pieces["masks"]["conv"]
    assert bin(union).count("1") >= 2, f"{union:#x}"
    missed = dict.fromkeys(pb.MODELS, 0)
    for h, (_, mask) in enumerate(pieces["masks"]["halves"]):
        assert mask != union, f"half {h} leaves no path out"
        for name in pb.MODELS:
            told = pieces["report"][name]["conv_paths"]
            took = pieces[f"half{h}"][name]["conv_paths"]
            assert took is not None and took & ~mask == 0, (name, f"{took:#x}", f"{mask:#x}")
            if told & ~mask:
                assert took != told, name
                missed[name] |= told & ~mask
    # every path a model took was out of one of the two builds
    for name in pb.MODELS:
        assert missed[name] == pieces["report"][name]["conv_paths"], name


@pytest.mark.parametrize("name", pb.MODELS)
def test_default_build_is_the_full_one(pieces, name: str) -> None:
    full, every = pieces["full"][name]["plain"], pieces["all"][name]
    same = ("instructions", "code", "stack", "arena")
    assert {k: every[k] for k in same} == {k: full[k] for k in same}


@pytest.mark.parametrize("name", pb.CONV_MODELS)
def test_build_without_any_path_stays_exact(pieces, name: str) -> None:
    full, none = pieces["full"][name]["plain"], pieces["none"][name]
    assert none["instructions"] > full["instructions"], name
    assert none["code"] < full["code"], name
