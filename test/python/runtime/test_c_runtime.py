"""C runtime on the host: misuse gives status codes, static memory is exact.

Everything here is built with -Wall -Wextra -Werror and runs under
AddressSanitizer and UndefinedBehaviorSanitizer.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

import cbuild
import nnom


def _compile(sources, exe, defines=(), includes=()):
    return cbuild.program(sources, exe, tuple(defines), includes=tuple(includes))


def test_runtime_suite_passes_under_sanitizers(tmp_path):
    exe = _compile(
        [cbuild.ROOT / "test/test_runtime/test_main.c"],
        tmp_path / "runtime",
        includes=[cbuild.ROOT / "test"],
    )
    # failed compiles cannot free layers they never reached: leaks are expected
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    out = cbuild.run([str(exe)], env=env).stdout
    assert "0 Failures" in out
    assert out.count(":PASS") == 10


def test_static_buffer_is_exact_and_too_small_fails_cleanly(tmp_path):
    rng = np.random.default_rng(0)
    import keras

    model = keras.Sequential(
        [
            keras.Input((6, 6, 2)),
            keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(3),
        ]
    )
    path = tmp_path / "m.keras"
    model.save(path)
    x = rng.normal(size=(16, 6, 6, 2)).astype(np.float32)
    converted = nnom.convert(path, x)
    header = tmp_path / "weights.h"
    converted.save_header(header)
    exe = _compile(
        [cbuild.ROOT / "test/python/c/static_buffer.c"],
        tmp_path / "static",
        defines=("-DNNOM_USING_STATIC_MEMORY", f'-DMODEL_HEADER="{header.name}"'),
        includes=[tmp_path],
    )
    qx = converted.quantize(x[:4])
    (tmp_path / "in.bin").write_bytes(qx.tobytes())
    result = cbuild.run([str(exe), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")])
    assert "static buffer too small" in result.stdout
    got = np.frombuffer((tmp_path / "out.bin").read_bytes(), np.int8).reshape(4, 3)
    assert np.array_equal(got, converted.run(qx)[0])


@pytest.mark.parametrize(
    "define,absent",
    [
        # silent: no table, no message
        ("-DNNOM_SILENT", ("Layer(#)", "nnom:")),
        # only the model table left out
        ("-DNNOM_NO_MODEL_TABLE", ("Layer(#)", "Arena:")),
    ],
)
def test_quiet_builds_print_less(define, absent, tmp_path):
    """Warning-free (-Werror), the same checks pass, none of `absent` printed."""
    exe = _compile(
        [cbuild.ROOT / "test/test_runtime/test_main.c"],
        tmp_path / "quiet",
        defines=(define,),
        includes=[cbuild.ROOT / "test"],
    )
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    out = cbuild.run([str(exe)], env=env).stdout
    assert "0 Failures" in out
    assert not any(text in out for text in absent), out[-500:]
