"""1x1 convolution shapes on the emulated Cortex-M4 (-O2, local backend):
instructions per MAC of one Conv2D 1x1 + ReLU layer.

    .venv/bin/python bench/pointwise_sweep.py              # every shape, Markdown table
    .venv/bin/python bench/pointwise_sweep.py --only x78   # shapes whose name holds 'x78'
    .venv/bin/python bench/pointwise_sweep.py --random 40  # 40 random shapes (--seed)
    .venv/bin/python bench/pointwise_sweep.py --shape 1,1,24,96  # your own
    .venv/bin/python bench/pointwise_sweep.py --weights trained-like  # trained-net scales

Each shape is a one-layer model (weights and data from fixed seeds),
converted and run by bench/run.py's machinery (the "layers" build: the
layer's set-up, checks and activation included, the stopwatch's own
reading not) on two inputs whose
every output byte is compared with the numpy reference. Shapes: input
channels that are multiples of eight, of four, and neither (8 to 96), few
output channels (5 to 8), maps of one pixel (a dense layer in disguise) to
48x48, and the bench models' 1x1 layers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layer_sweep  # noqa: E402
import models as bench_models  # noqa: E402
import run as bench_run  # noqa: E402

GOAL = 2.5  # instructions per MAC (issue 13, >= 8 input channels)

Shape = tuple[str, tuple[int, int, int], int]


def shapes() -> list[Shape]:
    """(name, input (h, w, cin), cout) of every shape."""
    out: list[Shape] = []

    def add(h: int, w: int, cin: int, cout: int, note: str = "") -> None:
        out.append((f"{h}x{w} {cin}->{cout}{note}", (h, w, cin), cout))

    # input channels on a 13x16 map: multiples of 8, of 4, neither
    for cin in (8, 9, 10, 11, 12, 13, 15, 16, 17, 20, 24, 31, 32, 40, 63, 64):
        add(13, 16, cin, 78)
    # few output channels
    add(11, 8, 19, 5)
    add(11, 8, 20, 8)
    add(13, 13, 67, 6)
    add(7, 17, 24, 7)
    add(12, 12, 16, 1)
    # other maps
    add(4, 13, 74, 23)
    add(3, 8, 63, 48)
    add(31, 1, 30, 94)
    # one pixel: a dense layer
    add(1, 1, 21, 96)
    add(1, 1, 24, 96)
    add(1, 1, 64, 10)
    add(1, 1, 8, 32)
    # the bench models' 1x1 layers (MobileNet, DS-CNN, wake-word)
    add(48, 48, 8, 16, " (MobileNet)")
    add(6, 6, 128, 128, " (MobileNet)")
    add(25, 5, 64, 64, " (DS-CNN)")
    add(49, 1, 48, 48, " (wake-word)")
    return out


def random_shapes(count: int, seed: int) -> list[Shape]:
    """Shapes drawn the way users pick them, to find the ones the fixed list
    misses: maps of 1x1 to 48x48 (a third of them a single row or column),
    8 to 160 input channels, 1 to 160 output channels; kept between 200 and
    200k MACs so that a run stays short."""
    rng = np.random.default_rng(seed)
    out: list[Shape] = []
    while len(out) < count:
        h = int(rng.integers(1, 49))
        w = int(rng.integers(1, 49))
        if rng.random() < 0.33:
            h, w = (h, 1) if rng.random() < 0.5 else (1, w)
        cin = int(rng.integers(8, 161))
        cout = int(rng.integers(1, 161))
        macs = h * w * cin * cout
        if not 200 <= macs <= 200_000:
            continue
        out.append((f"{h}x{w} {cin}->{cout} (random)", (h, w, cin), cout))
    return out


def keras_layer(shape, cout: int, seed: int):
    keras = bench_models._keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input(shape)
    x = layers.ReLU()(layers.Conv2D(cout, 1)(x))
    return keras.Model(inputs, x)


def convert(index: int, spec: Shape, work: Path, weights: str = "random") -> bench_run.Model:
    _, shape, cout = spec
    model = keras_layer(shape, cout, 1000 + index)
    return layer_sweep.convert(index, model, shape, 16, work, weights)


SHAPE_HELP = "h,w,cin,cout (e.g. 13,16,24,78)"


def parse_shape(text: str) -> Shape:
    """--shape's h,w,cin,cout to a shape."""
    try:
        h, w, cin, cout = (int(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"{text!r} is not four comma-separated whole numbers") from None
    if min(h, w, cin, cout) < 1:
        raise ValueError(f"{text!r} has a size below 1")
    return (f"{h}x{w} {cin}->{cout}", (h, w, cin), cout)


SWEEP = layer_sweep.Sweep(
    "pointwise_sweep",
    __doc__,
    "shape (h x w, cin -> cout)",
    GOAL,
    shapes,
    random_shapes,
    convert,
    parse_shape,
    SHAPE_HELP,
)


if __name__ == "__main__":
    sys.exit(layer_sweep.main(SWEEP))
