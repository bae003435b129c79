"""The records' length the converter writes (branch rlen): each records
array's config and args block carry .records_len = NNOM_COUNT_OF(array)
(1x1: - 4, the config points past the header), and compiled, that count
is the array's words from the records pointer on (the host: the configs'
and blocks' values printed against the array lengths in the header text).
Models of depthwise layers of several record tags and 1x1 layers of the
few-pixel, few-output and column records."""

from __future__ import annotations

import re

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
from test_bitexact import calibration_data

pytestmark = pytest.mark.fast

ARRAY = re.compile(r"static const int32_t (\w+)_records\[(\d+)\] = \{")
CONFIG = re.compile(r"static const nnom_(?:dw)?conv2d_config_t (\w+)_config = \{[^;]*\.records = ")


def _model(rng):
    keras = kf._keras()
    layers = keras.layers
    x = inputs = keras.Input((9, 1, 16))
    x = layers.DepthwiseConv2D((3, 1), strides=2, padding="valid", activation="relu")(x)  # 37
    x = layers.DepthwiseConv2D((3, 1), padding="same", activation="relu")(x)  # 25
    x = layers.Conv2D(8, 1, activation="relu")(x)  # the column records (4 pixels)
    x = layers.DepthwiseConv2D((4, 1), padding="same", activation="relu")(x)
    x = layers.Conv2D(1, 1, activation="relu")(x)  # pw1pxn
    x = layers.Flatten()(x)
    x = layers.Reshape((1, 1, 4))(x)
    x = layers.Conv2D(3, 1, activation="relu")(x)  # one pixel
    model = keras.Model(inputs, x)
    kf.randomize_weights(model, rng)
    return nnom.convert(model, calibration_data(rng, (9, 1, 16), 32))


def test_records_len_is_the_arrays(tmp_path):
    rng = np.random.default_rng(226_000)
    converted = _model(rng)
    header = tmp_path / "weights.h"
    converted.save_header(header)
    text = header.read_text()
    arrays = {name: int(n) for name, n in ARRAY.findall(text)}
    configs = CONFIG.findall(text)
    assert len(arrays) >= 4 and sorted(configs) == sorted(arrays), (arrays, configs)
    want, lines, kinds = [], [], set()
    for name, n in arrays.items():
        pw = f".records = {name}_records + 4" in text
        kinds.add(pw)
        count = f"NNOM_COUNT_OF({name}_records)" + (" - 4" if pw else "")
        # the config and the args block, each with the count
        assert text.count(f".records_len = {count}") == 2, name
        want += [n - 4 if pw else n] * 2
        lines += [
            f'    printf("%d\\n", (int){name}_config.records_len);',
            f'    printf("%d\\n", (int){name}_args.records_len);',
        ]
    assert kinds == {False, True}, "depthwise and 1x1 records both"
    main = tmp_path / "main.c"
    main.write_text(
        '#include <stdio.h>\n#include "nnom.h"\n#include "weights.h"\nint main(void)\n{\n'
        + "\n".join(lines)
        + "\n    return 0;\n}\n"
    )
    exe = cbuild.program([main], tmp_path / "records_len", includes=(tmp_path,))
    got = cbuild.run([str(exe)], env=cbuild.sanitizer_env()).stdout.split()
    assert [int(v) for v in got] == want
