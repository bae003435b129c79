"""The C runtime computes exactly what the numpy reference (.run()) says.

Randomly generated Sequential Keras models, converted from files, run on the
host under AddressSanitizer and UndefinedBehaviorSanitizer: every output
byte must equal the reference, and the printed model table must equal the
converter's. The dequantised outputs must also track Keras' float outputs.
"""

from __future__ import annotations

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom

N_MODELS = 200  # random models in the suite
CHUNK = 10  # models per test case (parallel workers take whole cases)
N_INPUTS = 6  # random inputs per model, plus one far outside the calibration range

# Float agreement: the largest |dequantised int8 - Keras| over the inputs, as
# a fraction of the output's int8 range (255 * scale). Relative to Keras' own
# output spread would be meaningless: random models often give nearly
# constant outputs. Measured over the 200 models: median 0.4%, 95th
# percentile 4%, worst 20% (a thresholded ReLU, whose jump at the threshold
# turns a one-step input error into a large output error; other worst cases
# are a 1-unit Dense bottleneck and a softmax over logits spanning +-26).
FLOAT_BOUND = 0.25  # every model
FLOAT_MEDIAN_BOUND = 0.03  # median of each group of CHUNK models


def calibration_data(rng: np.random.Generator, shape: tuple[int, ...], n: int) -> np.ndarray:
    scale = float(10 ** rng.uniform(-1, 1))
    offset = float(rng.uniform(-1, 1)) * scale
    return (rng.normal(offset, scale, (n,) + shape)).astype(np.float32)


def _check_model(seed: int, fmt: str, tmp_path) -> float:
    rng = np.random.default_rng(10_000 + seed)
    model = kf.random_sequential_model(rng)
    path = kf.save_model(model, tmp_path / f"m{seed}{kf.SUFFIX[fmt]}", fmt)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    calib = calibration_data(rng, shape, 64)
    converted = nnom.convert(path, calib)

    x = np.concatenate([calib[:N_INPUTS], 3.0 * calib[N_INPUTS : N_INPUTS + 1]])
    qx = converted.quantize(x)
    want = converted.run(qx)
    # half plan the arena in C: its table must equal the converter's plan
    runtime_plan = seed // 2 % 2 == 1
    got, printed = cbuild.run_c(converted, [qx], tmp_path / f"c{seed}", runtime_plan=runtime_plan)
    for k, (w, g) in enumerate(zip(want, got)):
        diff = np.argwhere(w != g)
        assert diff.size == 0, (
            f"model seed {seed} ({fmt}) output {k}: C differs from the reference at "
            f"{diff[:5].tolist()}\n{converted.summary()}"
        )
    assert converted.summary() in printed, f"model seed {seed}: tables differ"

    keras_out = np.asarray(model(x[:N_INPUTS], training=False))
    ours = converted.dequantize(want[0][:N_INPUTS]).reshape(keras_out.shape)
    span = 255.0 * converted.output_q[0].scale
    return float(np.abs(ours - keras_out).max()) / span


@pytest.mark.parametrize("chunk", range(N_MODELS // CHUNK))
def test_random_sequential_models_are_bit_exact(chunk, tmp_path):
    errors = []
    for seed in range(chunk * CHUNK, (chunk + 1) * CHUNK):
        fmt = ("keras", "h5-keras3")[seed % 2]
        errors.append((seed, _check_model(seed, fmt, tmp_path)))
    worst = max(errors, key=lambda e: e[1])
    assert worst[1] <= FLOAT_BOUND, f"float disagreement {worst[1]:.3f} of range, seed {worst[0]}"
    median = float(np.median([e for _, e in errors]))
    assert median <= FLOAT_MEDIAN_BOUND, f"median float disagreement {median:.3f} of range"


def test_keras2_files_are_bit_exact(tmp_path):
    """A few random models saved by Keras 2 (tf_keras) go through the same path."""
    for seed in (7, 8, 9):
        rng = np.random.default_rng(10_000 + seed)
        model = kf.random_sequential_model(rng)
        path = kf.save_model(model, tmp_path / f"k2_{seed}.h5", "h5-keras2")
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        converted = nnom.convert(path, calibration_data(rng, shape, 32))
        qx = converted.quantize(calibration_data(rng, shape, 4))
        got, _ = cbuild.run_c(converted, [qx], tmp_path / f"c{seed}")
        assert np.array_equal(got[0], converted.run(qx)[0])
