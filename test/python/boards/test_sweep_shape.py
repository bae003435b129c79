"""The sweeps' --shape option: a shape of one's own, or one error line and exit code 2."""

from __future__ import annotations

import sys

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import depthwise_sweep  # noqa: E402
import layer_sweep  # noqa: E402
import pointwise_sweep  # noqa: E402


def test_shapes_parse_to_the_sweeps_own_form() -> None:
    assert depthwise_sweep.parse_shape("5,1,2,49,1,6,same") == (
        "(5,1) s2 49x1x6 same",
        (49, 1, 6),
        (5, 1),
        2,
        "same",
    )
    assert pointwise_sweep.parse_shape("1,1,24,96") == ("1x1 24->96", (1, 1, 24), 96)


@pytest.mark.parametrize(
    "sweep, text",
    [
        (depthwise_sweep.SWEEP, "5,1,2,49,1,6"),
        (depthwise_sweep.SWEEP, "5,1,2,49,1,6,full"),
        (depthwise_sweep.SWEEP, "5,x,2,49,1,6,same"),
        (depthwise_sweep.SWEEP, "9,1,1,4,1,6,valid"),
        (depthwise_sweep.SWEEP, "3,3,0,8,8,8,same"),
        (pointwise_sweep.SWEEP, "12,12,16"),
        (pointwise_sweep.SWEEP, "12,12,16,-1"),
    ],
)
def test_a_bad_shape_is_one_line_and_exit_2(sweep, text: str, capsys) -> None:
    assert layer_sweep.main(sweep, ["--shape", text]) == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "--shape" in out[0] and "expected" in out[0]
