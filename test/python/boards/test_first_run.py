"""A depthwise layer's first inference pays no check its build already made.

Where the converter's records name a layer's path (a two-tap plan, the
one-row loop's tags 9 and 35, the three-tap tags 13-25, the tiny loops'
tags 5 and 29 (two taps among them), dwrect's plane tag 27, one output's tags 31 and
43), the records' checks against the layer run once, at model build
(nnom_local_dwconv_s8_step): on the emulated Cortex-M4 (-O2, local
backend) the first run of such a layer costs what the second does (asked
at the first run they cost it 20 to 1,050 instructions more). Each
layer's records are checked to carry the tag, so the test measures the
path it names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from nnom import qemucm

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))
import depthwise_sweep  # noqa: E402
import layer_sweep  # noqa: E402
import run as bench_run  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(qemucm.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)

RECORDS = re.compile(r"static const int32_t \w+_records\[\d+\] = \{\s*(-?\d+)")
PLAN = 9  # NNOM_DWPAIR_PLAN: a two-tap plan's first word

# (--shape text, the records' first word, what it names)
CASES = [
    ("2,1,1,2,1,118,valid", (PLAN,), "two-tap plan"),
    ("1,2,2,12,17,8,same", (PLAN,), "two-tap plan, stride 2"),
    ("1,8,1,1,9,10,valid", (9,), "tag 9: two channels alone"),
    ("3,1,1,5,1,16,same", (25,), "tag 25: short stride-1 line"),
    ("3,1,1,2,1,16,same", (25,), "tag 25: 'same' line of two"),
    ("3,1,2,7,1,24,same", tuple(range(13, 24, 2)), "tags 13-23: short stride-2 line"),
    ("5,1,2,24,1,4,same", (35,), "tag 35: padded line of whole groups"),
    ("8,1,1,15,1,2,valid", (29,), "tag 29: tiny loops' head, two channels"),
    ("1,5,2,1,21,7,same", (29,), "tag 29: tiny loops' head, seven channels"),
    ("3,1,1,48,2,1,valid", (33,), "tag 33: DW_TINY3's job, three taps on one channel"),
    ("3,1,1,20,3,2,same", (33,), "tag 33: DW_TINY3's job, 'same' on two channels"),
    ("5,1,2,40,1,3,same", (29,), "tag 29: tiny loops' head, three channels"),
    ("8,1,2,17,1,5,valid", (29,), "tag 29: tiny loops' head, five channels"),
    ("5,1,2,40,2,3,same", (5,), "tag 5: tiny loops, two lines of three channels"),
    ("2,2,2,7,7,8,same", (27,), "tag 27: dwrect's plane and its job"),
    ("2,2,1,9,9,10,same", (27,), "tag 27: the last group on two lanes"),
    ("3,5,1,6,6,8,same", (27,), "tag 27: an odd count of taps"),
    ("2,2,2,9,9,4,valid", (27,), "tag 27: a border-less plane"),
    ("1,3,1,2,12,3,valid", (33,), "tag 33: DW_TINY3's job along w, three channels"),
    ("3,1,1,3,1,8,valid", (31,), "tag 31: one output of three taps"),
    ("1,4,1,1,4,12,valid", (31,), "tag 31: one output of four taps"),
    ("5,5,2,6,6,16,valid", (43,), "tag 43: one output inside a larger input"),
    ("3,1,1,1,1,16,same", (43,), "tag 43: a single pixel, one tap"),
    ("7,7,2,8,8,8,valid", (43,), "tag 43: a line of 55 taps (DW_ONE_INL)"),
    ("3,3,2,4,4,8,valid", (43,), "tag 43: 11 taps on whole groups (DW_ONE_IN11)"),
    ("3,3,3,5,5,8,valid", (43,), "tag 43: 13 taps on whole groups (DW_ONE_IN13)"),
    ("2,1,1,49,1,3,same", (29,), "tag 29: two taps straight from the input"),
    ("2,1,1,49,3,1,same", (5,), "tag 5: two taps on three columns"),
]


def layer_instructions(index: int, spec, runs: int, work: Path, monkeypatch):
    """The converted model and its layer's instructions per inference over
    its first `runs` inputs (the same first input whatever `runs`)."""
    monkeypatch.setattr(layer_sweep, "SWEEP_RUNS", runs)
    sub = work / f"runs{runs}"
    sub.mkdir()
    model = depthwise_sweep.convert(index, spec, sub)
    return model, layer_sweep.measure(model, sub, "test_first_run")[1]


@pytest.mark.parametrize("text,tags,what", CASES, ids=[c[2] for c in CASES])
def test_first_run_costs_the_kept_run(text, tags, what, tmp_path: Path, monkeypatch) -> None:
    spec = depthwise_sweep.parse_shape(text)
    index = 192_000 + CASES.index((text, tags, what))
    bench_run.prebuild(["m4"], ["local"])
    model, first = layer_instructions(index, spec, 1, tmp_path, monkeypatch)
    words = RECORDS.findall((model.folder / "weights.h").read_text())
    assert len(words) == 1 and int(words[0]) in tags, f"{text}: records {words}, want {tags}"
    _, mean = layer_instructions(index, spec, 2, tmp_path, monkeypatch)
    second = 2 * mean - first
    # same path, same instructions (a few either way: data-dependent clamps)
    assert abs(first - second) <= 4, f"{text}: first run {first:.0f}, second {second:.0f}"
