"""The converter on damaged, hostile and extreme inputs: one NnomError line
(exit code 2 on the command line), no traceback, no warnings, bounded time
and memory; and the models that used to convert silently wrong."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings
import zipfile

import h5py
import numpy as np
import pytest

import cbuild
import fuzz_corpus
import nnom
from nnom.calibration import load_calibration
from nnom.errors import NnomError

SEEDS = fuzz_corpus.SEEDS
FUZZ_CASES = 320


def _convert_cleanly(model, calib_path) -> str:
    """'ok' or 'refused'; anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            converted = nnom.convert(model, load_calibration(calib_path))
        except NnomError as err:
            text = str(err)
            assert text and "\n" not in text and "\r" not in text, repr(text)
            return "refused"
        header = converted.header()
    assert "#define NNOM_ARENA_BYTES" in header
    return "ok"


@pytest.mark.fast
def test_fuzzed_models_and_calibration_fail_in_one_line(tmp_path, capfd):
    rng = np.random.default_rng(20261203)
    outcomes = {"ok": 0, "refused": 0}
    started = time.perf_counter()
    for k in range(FUZZ_CASES):
        case = fuzz_corpus.make_case(rng, k, tmp_path)
        t0 = time.perf_counter()
        outcomes[_convert_cleanly(case.model, case.calib)] += 1
        assert time.perf_counter() - t0 < 10, case.what
        out, err = capfd.readouterr()
        assert err == "", f"{case.what}: {err}"
        case.model.unlink()
        case.calib.unlink()
    assert outcomes["ok"] > 30 and outcomes["refused"] > 100, outcomes
    assert time.perf_counter() - started < 120


@pytest.mark.fast
def test_cli_errors_are_one_line_with_exit_code_2(tmp_path):
    rng = np.random.default_rng(7)
    for k in range(4):
        case = fuzz_corpus.make_case(rng, k, tmp_path)
        case.model.write_bytes(fuzz_corpus.truncate(case.model.read_bytes(), rng))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "nnom.cli",
                "convert",
                str(case.model),
                "-c",
                str(case.calib),
                "-o",
                str(tmp_path / "w.h"),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("nnom: error: ") and result.stderr.count("\n") == 1


# runs the command line in a child and prints the child's peak RSS (kB on Linux)
_PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


@pytest.mark.fast
@pytest.mark.parametrize(
    "declared, message",
    [
        (None, "model.weights.h5 would inflate to 1610612736 bytes, over 536870912"),
        (4096, "damaged or unexpected .keras file"),  # a lying header: stops at 4096 bytes
    ],
)
def test_a_1_5_gb_zip_bomb_is_refused_in_bounded_time_and_memory(declared, message, tmp_path):
    model = tmp_path / "bomb.keras"
    model.write_bytes((SEEDS / "conv.keras").read_bytes())
    fuzz_corpus.zip_bomb(model, 1536, declared)  # 1.5 GiB of zeros in a 1.6 MB file
    assert model.stat().st_size < 2 * 2**20
    command = [sys.executable, "-m", "nnom.cli", "convert", str(model)]
    command += ["-c", str(SEEDS / "conv_calib.npy"), "-o", str(tmp_path / "w.h")]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *command], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("nnom: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr
    peak_mb = int(result.stdout.split()[-1]) / 1024
    assert peak_mb < 400, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < 10, f"{elapsed:.1f} s"


def _edit_config(path, edit) -> None:
    with h5py.File(path, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        edit(config)
        f.attrs["model_config"] = json.dumps(config)


def _layer(config, class_name) -> dict:
    return next(e for e in config["config"]["layers"] if e["class_name"] == class_name)


def _edited_seed(tmp_path, seed: str, batch_shape: list, edit=None):
    path = tmp_path / f"{seed}_edited.h5"
    path.write_bytes((SEEDS / f"{seed}.h5").read_bytes())

    def change(config):
        config["config"]["layers"][0]["config"]["batch_shape"] = batch_shape
        if edit:
            _layer(config, edit[0])["config"].update(edit[1])

    _edit_config(path, change)
    return path


def _wide_dense_inputs(path, n: int) -> None:
    """branches' two first Dense layers on n inputs: new kernels of (n, 4)."""
    rng = np.random.default_rng(3)
    with h5py.File(path, "r+") as f:
        for layer in ("dense_2", "dense_3"):
            group = f[f"model_weights/{layer}/{layer}"]
            del group["kernel"]
            group["kernel"] = rng.normal(0, 0.01, size=(n, 4)).astype(np.float32)


@pytest.mark.fast
@pytest.mark.parametrize(
    "seed, batch_shape, edit, message",
    [
        (
            "tcn",
            [None, 600, 2],
            ("Conv1D", {"dilation_rate": [2**23]}),
            "a kernel of 3 with dilation 8388608 spans over 8388608",
        ),
        (
            "conv",
            [None, 8, 8, 1],
            ("MaxPooling2D", {"pool_size": [2**23 + 1, 1], "strides": [1, 1], "padding": "same"}),
            "kernel size 8388609 is over 8388608",
        ),
        (
            "conv",
            [None, 8, 8, 1],
            ("MaxPooling2D", {"pool_size": [4096, 4096], "strides": [1, 1], "padding": "same"}),
            "window of 16777216 taps is over 8388608",
        ),
        ("branches", [None, 2**16, 2**16], None, "is over 2147483647"),
    ],
)
def test_sizes_beyond_the_c_fields_are_refused(seed, batch_shape, edit, message, tmp_path):
    path = _edited_seed(tmp_path, seed, batch_shape, edit)
    with pytest.raises(NnomError, match=message):
        nnom.convert(path, np.zeros([1, 1, 1, 1], np.float32))


@pytest.mark.parametrize(
    "seed, batch_shape, edit",
    [
        ("tcn", [None, 600, 2], ("Conv1D", {"dilation_rate": [256]})),  # a TCN's dilation
        (
            "conv",
            [None, 1200, 8, 1],
            ("MaxPooling2D", {"pool_size": [300, 2], "strides": [300, 2]}),
        ),
        ("tcn", [None, 70000, 2], ("Conv1D", {"dilation_rate": [300]})),  # 16-bit once
        ("branches", [None, 65540], None),  # Dense on 65,540 inputs
        # GRU, Conv1D and LSTM over 70,000 time steps (~45 s of CPU: the reference's step loop)
        pytest.param("gru", [None, 70000, 3], None, marks=pytest.mark.slow),
        (
            "conv",
            [None, 280000, 8, 1],  # the Dense after it keeps its 4 * 4 * 4 inputs
            ("MaxPooling2D", {"pool_size": [70000, 2], "strides": [70000, 2]}),
        ),
    ],
)
def test_sizes_past_16_bits_are_bit_exact(seed, batch_shape, edit, tmp_path):
    """These used to be written into 8-bit, then 16-bit fields (wrong, a
    run-time error, or refused); the C fields are 32-bit now."""
    path = _edited_seed(tmp_path, seed, batch_shape, edit)
    if seed == "branches":
        _wide_dense_inputs(path, batch_shape[1])
    calib = np.random.default_rng(1).normal(size=[3] + batch_shape[1:]).astype(np.float32)
    model = nnom.convert(path, calib)
    x = model.quantize(calib)
    want = model.run(x)[0]  # once: the GRU's reference steps 70,000 times
    for runtime_plan in (False, True):
        c_out, _ = cbuild.run_c(
            model, [x], tmp_path / f"c{runtime_plan}", runtime_plan=runtime_plan
        )
        assert np.array_equal(c_out[0], want)


@pytest.mark.fast
def test_calibration_and_predict_need_the_exact_sample_shape():
    calib = load_calibration(SEEDS / "conv_calib.npy")  # (20, 8, 8, 1)
    model = nnom.convert(SEEDS / "conv.h5", calib[..., 0])  # a missing channel axis of 1 is fine
    with pytest.raises(NnomError, match=r"has shape \(20, 1, 8, 8\)"):
        nnom.convert(SEEDS / "conv.h5", np.moveaxis(calib, -1, 1))
    with pytest.raises(NnomError, match="expected"):
        model.predict(calib.reshape(10, 2, 8, 8, 1))
    assert model.predict(calib)[0].shape == (20, 5)


@pytest.mark.fast
def test_extreme_calibration_is_one_line_or_converts():
    calib = load_calibration(SEEDS / "conv_calib.npy")
    for values in (np.full_like(calib, 1e30), np.full_like(calib, 1e-42)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                nnom.convert(SEEDS / "conv.h5", values)
            except NnomError as err:
                assert "layer '" in str(err) and "\n" not in str(err)
    one = calib.copy()
    one.reshape(-1)[0] = 1e6
    nnom.convert(SEEDS / "conv.h5", one)


@pytest.mark.parametrize(
    "seed, group", [("branches", "dense_4/dense_4"), ("conv", "conv2d/sequential/conv2d")]
)
def test_near_dead_channel_tracks_the_float_model(seed, group, tmp_path):
    """Weights ~1e-7 and bias 0.7: the bias used to saturate int32 (output
    -0.03 instead of 0.70, and a signed overflow in the C kernels, which
    run here under UBSan)."""
    path = tmp_path / "m.h5"
    path.write_bytes((SEEDS / f"{seed}.h5").read_bytes())
    with h5py.File(path, "r+") as f:
        weights = f[f"model_weights/{group}"]
        kernel = np.array(weights["kernel"])
        kernel[..., 0] *= 1e-7
        weights["kernel"][...] = kernel
        bias = np.array(weights["bias"])
        bias[0] = 0.7
        weights["bias"][...] = bias
    calib = load_calibration(SEEDS / f"{seed}_calib.npy")
    model = nnom.convert(path, calib)
    want = model.run_float(calib)[model.graph.outputs[0]]
    got = model.predict(calib)[0]
    step = model.output_q[0].scale
    if seed == "branches":  # the channel is the model's output
        assert np.allclose(got[:, 0], 0.7, atol=2 * step)
    assert np.max(np.abs(got - want)) < 4 * step
    x = model.quantize(calib)
    c_out, _ = cbuild.run_c(model, [x], tmp_path / "c")
    assert np.array_equal(c_out[0], model.run(x)[0])


def test_layer_names_with_newlines_and_quotes_compile(tmp_path):
    src = SEEDS / "branches.keras"
    path = tmp_path / "m.keras"
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    odd = 'dense\n"3" */ ??/'
    files["config.json"] = files["config.json"].replace(b'"dense_3"', json.dumps(odd).encode())
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    calib = load_calibration(SEEDS / "branches_calib.npy")
    model = nnom.convert(path, calib)
    x = model.quantize(calib[:4])
    c_out, table = cbuild.run_c(model, [x], tmp_path / "c")
    assert np.array_equal(c_out[0], model.run(x)[0])


def test_a_chain_of_600_layers_converts_and_runs(tmp_path):
    """Run order without recursion, in Python and in C."""
    import keras

    layers = [keras.Input((4,))] + [
        keras.layers.Dense(4, kernel_initializer="identity") for _ in range(600)
    ]
    kmodel = keras.Sequential(layers)
    path = tmp_path / "chain.keras"
    kmodel.save(path)
    calib = np.random.default_rng(0).normal(size=(8, 4)).astype(np.float32)
    model = nnom.convert(path, calib)
    x = model.quantize(calib)
    c_out, _ = cbuild.run_c(model, [x], tmp_path / "c")
    assert np.array_equal(c_out[0], model.run(x)[0])


def test_near_dead_lstm_gate_tracks_the_float_model(tmp_path):
    """The same for a recurrent cell: its biases used to be clamped."""
    path = tmp_path / "m.h5"
    path.write_bytes((SEEDS / "gru.h5").read_bytes())
    with h5py.File(path, "r+") as f:
        cell = f["model_weights/lstm/sequential/lstm/lstm_cell"]
        kernel = np.array(cell["kernel"])
        kernel[:, 10:15] *= 1e-7  # the cell candidate's input weights
        cell["kernel"][...] = kernel
        bias = np.array(cell["bias"])
        bias[10:15] = 0.9
        cell["bias"][...] = bias
    calib = load_calibration(SEEDS / "gru_calib.npy")
    model = nnom.convert(path, calib)
    want = model.run_float(calib)[model.graph.outputs[0]]
    got = model.predict(calib)[0]
    assert np.max(np.abs(got - want)) < 3 * model.output_q[0].scale
    x = model.quantize(calib)
    c_out, _ = cbuild.run_c(model, [x], tmp_path / "c")
    assert np.array_equal(c_out[0], model.run(x)[0])
