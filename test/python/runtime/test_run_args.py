"""The convolutions' args blocks (branch fixed3) on the host, bit-exact.

The converter writes each Conv2D and DepthwiseConv2D config's
nnom_conv_args_t block (NNOM_RUN_ARGS: what the layer's runs pass its
kernel, buffers and clamp left out); build() refuses a block that differs
from what it computes from the config and the input, and runs copy it.
Here: a model of 'same', strided, dilated and
multiplier-2 layers runs as the reference does with its blocks, without
them (the setup path), and each changed field of a block stops the
model's compile.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
from test_bitexact import calibration_data

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def converted():
    keras = kf._keras()
    layers = keras.layers
    rng = np.random.default_rng(134_500)
    x = inputs = keras.Input((9, 7, 3))
    x = layers.Conv2D(5, (3, 2), strides=2, padding="same", activation="relu")(x)
    x = layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2)(x)
    x = layers.Conv2D(4, 3, padding="same", dilation_rate=2)(x)
    x = layers.DepthwiseConv2D((1, 3), padding="valid", activation="relu")(x)
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return nnom.convert(model, calibration_data(rng, (9, 7, 3), 32)), rng


def _run(converted, qx, work, edit=None):
    work.mkdir(parents=True, exist_ok=True)
    header = work / "weights.h"
    converted.save_header(header)
    if edit is not None:
        header.write_text(edit(header.read_text()))
    exe = cbuild.build_harness(header, work)
    (work / "in.bin").write_bytes(np.asarray(qx, dtype=np.int8).tobytes())
    cbuild.run([str(exe), str(work / "in.bin"), str(work / "out.bin")])
    return np.frombuffer((work / "out.bin").read_bytes(), dtype=np.int8)


def test_blocks_run_as_the_reference(converted, tmp_path):
    model, rng = converted
    qx = model.quantize(calibration_data(rng, (9, 7, 3), 4))
    want = model.run(qx)[0].reshape(-1)
    header = tmp_path / "weights.h"
    model.save_header(header)
    text = header.read_text()
    assert text.count("_args = {") == 4
    assert np.array_equal(_run(model, qx, tmp_path / "with"), want)
    # without the blocks: every config's setup path
    without = _run(
        model, qx, tmp_path / "without", lambda t: re.sub(r", \.args = NNOM_RUN_ARGS\(\w+\)", "", t)
    )
    assert np.array_equal(without, want)


# a field of the first block each, changed: input zero point, a stride, a
# pad, an input size, the multiplier, the weights
EDITS = [
    (r"\.p = \{(-?\d+)", lambda m: f".p = {{{int(m.group(1)) + 1}"),
    (r"\.p = \{(-?\d+), (-?\d+), (\d+)", lambda m: f".p = {{{m[1]}, {m[2]}, {int(m[3]) + 1}"),
    (r"(\.p = \{(?:-?\d+, ){6})(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}"),
    (r"\.in = \{(\d+)", lambda m: f".in = {{{int(m[1]) + 1}"),
    (r"\.ch_mult = 2", lambda m: ".ch_mult = 1"),
    (r"\.weight = (\w+)_weight, \.bias", lambda m: f".weight = {m[1]}_weight + 1, .bias"),
]


@pytest.mark.parametrize("k", range(len(EDITS)))
def test_build_refuses_a_block_that_differs(converted, tmp_path, k):
    model, rng = converted
    qx = model.quantize(calibration_data(rng, (9, 7, 3), 1))
    pattern, repl = EDITS[k]

    def edit(text: str) -> str:
        changed, n = re.subn(pattern, repl, text, count=1)
        assert n == 1, pattern
        return changed

    with pytest.raises(RuntimeError, match="command failed"):
        _run(model, qx, tmp_path, edit)
