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


@pytest.mark.parametrize("kind", ["depthwise", "1x1"])
def test_trained_like_weights_spread_the_channels_requantisation(kind: str) -> None:
    """--weights trained-like: one dead channel, one near-dead, and right
    shifts spread wider than the 5..11 of the narrowest record form."""
    import numpy as np

    import nnom

    if kind == "depthwise":
        model = depthwise_sweep.keras_layer((9, 1, 64), (3, 1), 1, "same", 5)
    else:
        model = pointwise_sweep.keras_layer((4, 4, 16), 64, 5)
    layer_sweep.trained_like(model, np.random.default_rng(5))
    kernel = model.layers[1].get_weights()[0]
    peak = np.abs(kernel.reshape(-1, 64)).max(axis=0)
    assert (peak == 0).sum() == 1
    assert peak.max() > 1e3 * peak[peak > 0].min()
    calib = np.random.default_rng(6).normal(size=(16, *model.input_shape[1:])).astype(np.float32)
    converted = nnom.convert(model, calib)
    shifts = [-np.asarray(n.q.shift) for n in converted.graph.nodes if hasattr(n.q, "shift")]
    e = np.concatenate([s.reshape(-1) for s in shifts])
    assert e.max() - e.min() >= 8, e
