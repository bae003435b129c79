"""Depthwise shapes on the emulated Cortex-M4 (-O2, local backend):
instructions per MAC of one DepthwiseConv2D + BatchNorm + ReLU layer.

    .venv/bin/python bench/depthwise_sweep.py              # every shape, Markdown table
    .venv/bin/python bench/depthwise_sweep.py --only 5x1   # shapes whose name holds '5x1'
    .venv/bin/python bench/depthwise_sweep.py --random 40  # 40 random shapes (--seed)
    .venv/bin/python bench/depthwise_sweep.py --shape 5,1,2,49,1,6,same  # your own
    .venv/bin/python bench/depthwise_sweep.py --weights trained-like  # trained-net scales

Each shape is a one-layer model (weights and data from fixed seeds),
converted and run by bench/run.py's machinery (the "layers" build: the
layer's set-up, checks and activation included, the stopwatch's own
reading not) on two inputs whose
every output byte is compared with the numpy reference. Shapes: (k,1)
columns and (1,k) rows (k = 2 to 15, strides 1 and 2, lines of 16 to 98,
16 to 96 channels), 3x3, 5x5 and 7x7 (strides 1 and 2, 6x6 to 48x48, 8 to
128 channels), channels that are not a multiple of four, 'same' and 'valid',
windows of 33 to 121 taps ((33,1), (49,1), (5,7), 9x9, 11x11, (5,10),
(1,64), (72,1)) and the smallest planes (2x2 to 6x6, 128 and 256 channels).
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

GOAL = 4.0  # instructions per MAC (issue 13)


def shapes() -> list[tuple[str, tuple[int, int, int], tuple[int, int], int, str]]:
    """(name, input (h, w, c), kernel, stride, padding) of every shape."""
    out = []
    for k in (2, 3, 4, 5, 7, 9, 10, 15):
        for s in (1, 2):
            # columns (time on the rows, one column: the wake-word layout)
            out.append((f"({k},1) s{s} 49x1x48 same", (49, 1, 48), (k, 1), s, "same"))
            out.append((f"({k},1) s{s} 98x1x16 valid", (98, 1, 16), (k, 1), s, "valid"))
            # rows
            out.append((f"(1,{k}) s{s} 1x32x96 same", (1, 32, 96), (1, k), s, "same"))
    out.append(("(3,1) s1 16x1x64 same", (16, 1, 64), (3, 1), 1, "same"))
    out.append(("(5,1) s1 49x3x32 same", (49, 3, 32), (5, 1), 1, "same"))
    for n in (3, 5, 7):
        for s in (1, 2):
            for h, c in ((48, 8), (24, 32), (12, 64), (6, 128)):
                out.append((f"{n}x{n} s{s} {h}x{h}x{c} same", (h, h, c), (n, n), s, "same"))
        out.append((f"{n}x{n} s1 12x12x32 valid", (12, 12, 32), (n, n), 1, "valid"))
    out.append(("3x3 s1 25x5x64 same", (25, 5, 64), (3, 3), 1, "same"))
    # channels not a multiple of four
    out.append(("(3,1) s1 49x1x30 same", (49, 1, 30), (3, 1), 1, "same"))
    out.append(("(5,1) s2 49x1x6 same", (49, 1, 6), (5, 1), 2, "same"))
    out.append(("(1,9) s1 1x40x10 same", (1, 40, 10), (1, 9), 1, "same"))
    out.append(("3x3 s1 12x12x10 same", (12, 12, 10), (3, 3), 1, "same"))
    out.append(("3x3 s2 24x24x30 same", (24, 24, 30), (3, 3), 2, "same"))
    out.append(("5x5 s1 12x12x30 same", (12, 12, 30), (5, 5), 1, "same"))
    # windows of more than 32 taps (the group path takes up to 49)
    out.append(("(33,1) s1 98x1x16 valid", (98, 1, 16), (33, 1), 1, "valid"))
    out.append(("(49,1) s2 64x1x32 same", (64, 1, 32), (49, 1), 2, "same"))
    out.append(("(5,7) s1 24x24x32 same", (24, 24, 32), (5, 7), 1, "same"))
    out.append(("9x9 s1 24x24x32 same", (24, 24, 32), (9, 9), 1, "same"))
    # more than 49 taps: blocks of kernel rows (nnom_local_dwblock_dsp.c)
    out.append(("9x9 s2 24x24x32 same", (24, 24, 32), (9, 9), 2, "same"))
    out.append(("9x9 s1 12x12x64 valid", (12, 12, 64), (9, 9), 1, "valid"))
    out.append(("11x11 s1 16x16x32 same", (16, 16, 32), (11, 11), 1, "same"))
    out.append(("(5,10) s1 12x20x16 same", (12, 20, 16), (5, 10), 1, "same"))
    out.append(("(1,64) s1 1x96x32 same", (1, 96, 32), (1, 64), 1, "same"))
    out.append(("(1,64) s2 4x128x16 valid", (4, 128, 16), (1, 64), 2, "valid"))
    out.append(("(72,1) s1 96x1x32 same", (96, 1, 32), (72, 1), 1, "same"))
    out.append(("9x9 s1 12x12x10 same", (12, 12, 10), (9, 9), 1, "same"))
    # the smallest planes (a few outputs per group of channels; appended
    # last so that the shapes above keep their seeds)
    out.append(("3x3 s1 3x3x256 same", (3, 3, 256), (3, 3), 1, "same"))
    out.append(("3x3 s2 4x4x256 same", (4, 4, 256), (3, 3), 2, "same"))
    out.append(("3x3 s1 2x2x256 same", (2, 2, 256), (3, 3), 1, "same"))
    out.append(("3x3 s1 6x6x128 valid", (6, 6, 128), (3, 3), 1, "valid"))
    out.append(("3x3 s1 3x3x256 valid", (3, 3, 256), (3, 3), 1, "valid"))
    out.append(("5x5 s2 4x4x256 same", (4, 4, 256), (5, 5), 2, "same"))
    # fewer than four channels, and other counts not a multiple of four
    out.append(("3x3 s1 48x48x3 same", (48, 48, 3), (3, 3), 1, "same"))
    out.append(("3x3 s2 48x48x3 same", (48, 48, 3), (3, 3), 2, "same"))
    out.append(("3x3 s1 24x24x6 same", (24, 24, 6), (3, 3), 1, "same"))
    out.append(("(3,1) s1 49x1x2 same", (49, 1, 2), (3, 1), 1, "same"))
    out.append(("(5,1) s2 49x1x3 same", (49, 1, 3), (5, 1), 2, "same"))
    out.append(("(1,5) s2 1x48x2 same", (1, 48, 2), (1, 5), 2, "same"))
    out.append(("(10,1) s1 49x1x1 same", (49, 1, 1), (10, 1), 1, "same"))
    out.append(("(5,1) s1 49x1x5 same", (49, 1, 5), (5, 1), 1, "same"))
    out.append(("(1,3) s1 1x32x7 same", (1, 32, 7), (1, 3), 1, "same"))
    # three taps at stride 2: other channel counts, several lines, short
    # lines, border copies over 1,152 bytes (group by group)
    out.append(("(3,1) s2 20x3x32 same", (20, 3, 32), (3, 1), 2, "same"))
    out.append(("(3,1) s2 49x1x24 same", (49, 1, 24), (3, 1), 2, "same"))
    out.append(("(1,3) s2 1x32x16 same", (1, 32, 16), (1, 3), 2, "same"))
    out.append(("(3,1) s2 16x1x64 same", (16, 1, 64), (3, 1), 2, "same"))
    out.append(("(1,3) s2 2x25x64 same", (2, 25, 64), (1, 3), 2, "same"))
    # their neighbours: three taps on 2D inputs, stride 2 with more channels
    out.append(("(1,3) s1 10x32x7 same", (10, 32, 7), (1, 3), 1, "same"))
    out.append(("(3,1) s1 49x3x13 same", (49, 3, 13), (3, 1), 1, "same"))
    out.append(("(5,1) s2 98x1x10 same", (98, 1, 10), (5, 1), 2, "same"))
    out.append(("3x3 s2 48x48x2 same", (48, 48, 2), (3, 3), 2, "same"))
    out.append(("3x3 s2 32x32x5 same", (32, 32, 5), (3, 3), 2, "same"))
    # fixed costs: one output per group, short lines of two taps
    out.append(("3x3 s2 2x2x256 same", (2, 2, 256), (3, 3), 2, "same"))
    out.append(("(2,1) s2 20x3x64 same", (20, 3, 64), (2, 1), 2, "same"))
    out.append(("(1,2) s2 3x20x8 same", (3, 20, 8), (1, 2), 2, "same"))
    out.append(("(9,1) s1 9x1x256 valid", (9, 1, 256), (9, 1), 1, "valid"))
    out.append(("(4,1) s1 4x1x256 valid", (4, 1, 256), (4, 1), 1, "valid"))
    # 2D windows at stride 2, channels not a multiple of four (the flat
    # path's groups per pixel): other windows, odd inputs, 'valid'
    out.append(("3x3 s2 12x12x10 same", (12, 12, 10), (3, 3), 2, "same"))
    out.append(("3x3 s2 31x31x7 valid", (31, 31, 7), (3, 3), 2, "valid"))
    out.append(("3x3 s2 17x17x13 same", (17, 17, 13), (3, 3), 2, "same"))
    out.append(("5x5 s2 24x24x6 same", (24, 24, 6), (5, 5), 2, "same"))
    out.append(("5x5 s2 12x12x5 valid", (12, 12, 5), (5, 5), 2, "valid"))
    out.append(("3x3 s2 24x8x9 same", (24, 8, 9), (3, 3), 2, "same"))
    return out


def random_shapes(count: int, seed: int):
    """Shapes drawn the way users pick them, to find the ones the fixed list
    misses: square 3/5/7 windows, (k,1) and (1,k) lines, any rectangle up to
    7x7; 1 to 128 channels; strides 1 and 2; 'same' and 'valid'; inputs
    kept under ~200k MACs so that a run stays short."""
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        pick = rng.random()
        if pick < 0.45:
            n = int(rng.choice([3, 5, 7]))
            kernel = (n, n)
        elif pick < 0.75:
            k = int(rng.integers(2, 16))
            kernel = (k, 1) if rng.random() < 0.6 else (1, k)
        else:
            kernel = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        if kernel == (1, 1):
            continue
        c = int(rng.integers(1, 129))
        h = 1 if kernel[0] == 1 and rng.random() < 0.6 else int(rng.integers(kernel[0], 50))
        w = 1 if kernel[1] == 1 and rng.random() < 0.6 else int(rng.integers(kernel[1], 50))
        stride = int(rng.choice([1, 2]))
        padding = str(rng.choice(["same", "valid"]))
        macs = h * w * c * kernel[0] * kernel[1] // (stride * stride)
        if not 200 <= macs <= 200_000:
            continue
        name = f"({kernel[0]},{kernel[1]}) s{stride} {h}x{w}x{c} {padding} (random)"
        out.append((name, (h, w, c), kernel, stride, padding))
    return out


def keras_layer(shape, kernel, stride: int, padding: str, seed: int):
    keras = bench_models._keras()
    layers = keras.layers
    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input(shape)
    strides = (stride if kernel[0] > 1 else 1, stride if kernel[1] > 1 else 1)
    x = layers.DepthwiseConv2D(kernel, strides=strides, padding=padding, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    model = keras.Model(inputs, x)
    bench_models._randomize_bn(model, np.random.default_rng(seed))
    return model


def convert(index: int, spec, work: Path, weights: str = "random") -> bench_run.Model:
    _, shape, kernel, stride, padding = spec
    model = keras_layer(shape, kernel, stride, padding, 1000 + index)
    return layer_sweep.convert(index, model, shape, 32, work, weights)


def measure(model: bench_run.Model, work: Path) -> tuple[int, float]:
    """(MACs, instructions per inference) of the model's depthwise layer."""
    return layer_sweep.measure(model, work, "depthwise_sweep")


SHAPE_HELP = "kh,kw,stride,h,w,channels,same|valid (e.g. 5,1,2,49,1,6,same)"


def parse_shape(text: str):
    """--shape's kh,kw,stride,h,w,channels,padding to a shape."""
    parts = text.split(",")
    if len(parts) != 7 or parts[6] not in ("same", "valid"):
        raise ValueError(f"{text!r} is not seven comma-separated fields")
    try:
        kh, kw, s, h, w, c = (int(v) for v in parts[:6])
    except ValueError:
        raise ValueError(f"{text!r} has a field that is not a whole number") from None
    if min(kh, kw, s, h, w, c) < 1 or (parts[6] == "valid" and (kh > h or kw > w)):
        raise ValueError(f"{text!r} has no output (sizes from 1, the window inside the input)")
    return (f"({kh},{kw}) s{s} {h}x{w}x{c} {parts[6]}", (h, w, c), (kh, kw), s, parts[6])


SWEEP = layer_sweep.Sweep(
    "depthwise_sweep",
    __doc__,
    "shape (input h x w x c, padding)",
    GOAL,
    shapes,
    random_shapes,
    convert,
    parse_shape,
    SHAPE_HELP,
)


if __name__ == "__main__":
    sys.exit(layer_sweep.main(SWEEP))
