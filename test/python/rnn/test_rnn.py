"""Recurrent layers (SimpleRNN, GRU, LSTM, RNN(cell), Bidirectional) on int8.

- Random recurrent models, converted from files, run in C on the host under
  AddressSanitizer and UndefinedBehaviorSanitizer: every output byte equals
  the numpy reference, the printed model table equals the converter's, and
  the dequantised outputs track Keras.
- Stateful layers: a sequence run in chunks (one model_run() per chunk)
  equals one run over the whole sequence; resetting the state starts over.
- The activation tables and their interpolation, in C and numpy.
- Static memory is exact with the persistent state of stateful layers.
- Options that cannot be converted fail with one clear line.

docs/rnn.md describes the arithmetic.
"""

from __future__ import annotations

import copy
import math
import os

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
import rnn_models
from nnom.errors import UnsupportedLayerError
from nnom.graph import Activation
from nnom.reference import executor
from nnom.reference import rnn as ref

N_MODELS = 48  # random models
CHUNK = 6  # models per test case
N_INPUTS = 6  # random inputs per model, plus one far outside the calibration range

# Float agreement: the largest |dequantised int8 - Keras| as a fraction of the
# output's int8 range (255 * scale), over the inputs inside the calibration
# range. Measured over the 48 models: median 0.5% (medians of the groups of
# 6 up to 1.1%), worst 5.0% (a
# Bidirectional SimpleRNN with random weights of high gain, where the int8
# weights alone account for 4.8%: the float cells with the same int8 weights
# and inputs differ from the fixed-point cells by 0.2%, see
# test_cell_arithmetic_adds_little_to_weight_quantisation).
FLOAT_BOUND = 0.075
FLOAT_MEDIAN_BOUND = 0.02  # median of each group of CHUNK models


def _harness(workdir):
    source = cbuild.ROOT / "test/python/c/rnn_harness.c"
    return cbuild.program([source], workdir / "rnn_harness", header=workdir / "weights.h")


def run_c(converted, qx: np.ndarray, workdir, reset_every: int = 0):
    """The model's C on int8 inputs, one model_run() per sample, with the
    recurrent states reset before every reset_every-th run (0: never).
    Returns (int8 outputs of output 0, printed text)."""
    workdir.mkdir(parents=True, exist_ok=True)
    converted.save_header(workdir / "weights.h")
    exe = _harness(workdir)
    n = qx.shape[0]
    (workdir / "in.bin").write_bytes(np.ascontiguousarray(qx, np.int8).tobytes())
    env = cbuild.sanitizer_env()
    result = cbuild.run(
        [str(exe), str(workdir / "in.bin"), str(workdir / "out.bin"), str(reset_every)], env=env
    )
    shape = converted.graph.node(converted.graph.outputs[0]).shape
    raw = np.frombuffer((workdir / "out.bin").read_bytes(), np.int8)
    return raw.reshape((n,) + shape), result.stdout


def calibration_data(rng, shape, n):
    scale = float(10 ** rng.uniform(-0.7, 0.7))
    offset = float(rng.uniform(-1, 1)) * scale
    return rng.normal(offset, scale, (n,) + shape).astype(np.float32)


# ---------------------------------------------------------------- random models


def _check_random(seed: int, fmt: str, tmp_path) -> tuple[float, str]:
    rng = np.random.default_rng(50_000 + seed)
    model = rnn_models.random_rnn_model(rng)
    stateful = rnn_models.is_stateful(model)
    path = kf.save_model(model, tmp_path / f"r{seed}{kf.SUFFIX[fmt]}", fmt)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    calib = calibration_data(rng, shape, 48)
    converted = nnom.convert(path, calib)
    x = np.concatenate([calib[:N_INPUTS], 3.0 * calib[N_INPUTS : N_INPUTS + 1]])
    qx = converted.quantize(x)
    want = converted.run(qx)[0]
    got, printed = run_c(converted, qx, tmp_path / f"c{seed}")
    what = f"model seed {seed} ({fmt}): {rnn_models.describe(model)}"
    diff = np.argwhere(want != got)
    assert diff.size == 0, f"{what}: C differs from the reference at {diff[:5].tolist()}"
    assert converted.summary() in printed, f"{what}: tables differ\n{printed}"

    keras_out = rnn_models.keras_outputs(model, x[:N_INPUTS], stateful)
    ours = converted.dequantize(want[:N_INPUTS]).reshape(keras_out.shape)
    span = 255.0 * converted.output_q[0].scale
    return float(np.abs(ours - keras_out).max()) / span, what


@pytest.mark.parametrize("chunk", range(N_MODELS // CHUNK))
def test_random_recurrent_models_are_bit_exact(chunk, tmp_path):
    errors = []
    for seed in range(chunk * CHUNK, (chunk + 1) * CHUNK):
        fmt = ("keras", "h5-keras3")[seed % 2]
        errors.append(_check_random(seed, fmt, tmp_path))
    worst = max(errors, key=lambda e: e[0])
    assert worst[0] <= FLOAT_BOUND, f"float disagreement {worst[0]:.3f} of range: {worst[1]}"
    median = float(np.median([e for e, _ in errors]))
    assert median <= FLOAT_MEDIAN_BOUND, f"median float disagreement {median:.3f} of range"


def test_every_option_is_covered_by_the_random_models():
    """The random models above use every kind, form and option at least once."""
    seen: set[str] = set()
    for seed in range(N_MODELS):
        rng = np.random.default_rng(50_000 + seed)
        model = rnn_models.random_rnn_model(rng)
        for layer in model.layers[1:]:
            cfg = layer.get_config()
            name = type(layer).__name__
            seen.add(name)
            inner = cfg.get("layer", {}).get("config", cfg)
            cell = inner.get("cell", {})
            cells = cell.get("config", {}).get("cells", [cell]) if cell else [inner]
            for c in cells:
                seen.add(f"{c.get('class_name', name)}")
                seen.add(f"reset_after={c.get('config', c).get('reset_after')}")
                seen.add(f"activation={c.get('config', c).get('activation')}")
            seen.update(k for k in ("return_sequences", "stateful", "go_backwards") if inner.get(k))
            if "merge_mode" in cfg:
                seen.add(f"merge={cfg['merge_mode']}")
            if name == "RNN" and cell.get("class_name") == "StackedRNNCells":
                seen.add("stacked")
    wanted = {
        "SimpleRNN",
        "GRU",
        "LSTM",
        "RNN",
        "Bidirectional",
        "SimpleRNNCell",
        "GRUCell",
        "LSTMCell",
        "stacked",
        "reset_after=True",
        "reset_after=False",
        "return_sequences",
        "stateful",
        "go_backwards",
        "merge=concat",
        "merge=sum",
        "merge=ave",
        "merge=mul",
        "activation=sigmoid",
        "activation=hard_sigmoid",
        "activation=hard_tanh",
    }
    assert wanted <= seen, f"not covered: {sorted(wanted - seen)}"


def test_keras2_files_are_bit_exact(tmp_path):
    """Recurrent models written by Keras 2 (tf_keras) go through the same path."""
    keras = kf._keras()
    layers = keras.layers
    inputs = keras.Input((7, 3))
    x = layers.GRU(5, return_sequences=True, reset_after=False)(inputs)
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode="sum")(x)
    x = layers.SimpleRNN(3, go_backwards=True)(x)
    model = keras.Model(inputs, x)
    rng = np.random.default_rng(3)
    kf.randomize_weights(model, rng)
    path = kf.save_model(model, tmp_path / "k2.h5", "h5-keras2")
    calib = calibration_data(rng, (7, 3), 32)
    converted = nnom.convert(path, calib)
    qx = converted.quantize(calib[:5])
    got, _ = run_c(converted, qx, tmp_path / "c")
    assert np.array_equal(got, converted.run(qx)[0])
    err = np.abs(converted.dequantize(got) - np.asarray(model(calib[:5]))).max()
    assert err <= FLOAT_BOUND * 255 * converted.output_q[0].scale


# The fixed-point cells against the same cells in float64 with the same int8
# weights and int8 inputs, over 60 time steps: measured 0.52 to 0.55 output
# steps, i.e. little more than the 0.5 of the output's own rounding. (Against
# Keras: 1.9 to 3.8 steps, nearly all from the int8 weights.)
ARITHMETIC_BOUND_LSB = 0.75
CELL_CONFIGS = {
    "simple": lambda L: L.SimpleRNN(16, return_sequences=True),
    "simple_sigmoid": lambda L: L.SimpleRNN(16, return_sequences=True, activation="sigmoid"),
    "gru": lambda L: L.GRU(16, return_sequences=True),
    "gru_reset_before": lambda L: L.GRU(16, return_sequences=True, reset_after=False),
    "lstm": lambda L: L.LSTM(16, return_sequences=True),
    "lstm_hard_sigmoid": lambda L: L.LSTM(
        16, return_sequences=True, recurrent_activation="hard_sigmoid"
    ),
    "bi_lstm_sum": lambda L: L.Bidirectional(L.LSTM(16, return_sequences=True), merge_mode="sum"),
    "bi_gru_mul": lambda L: L.Bidirectional(L.GRU(16, return_sequences=True), merge_mode="mul"),
    "bi_simple_ave": lambda L: L.Bidirectional(
        L.SimpleRNN(16, return_sequences=True), merge_mode="ave"
    ),
}


def _float_with_int8_weights(converted):
    """The converted graph with each cell's float weights replaced by its
    dequantised int8 weights."""
    g = copy.deepcopy(converted.graph)
    for node in g.nodes:
        for d, cq in enumerate(getattr(node.q, "cells", [])):
            scale = cq.kernel_scale[:, None].astype(float)
            node.weights[f"kernel{d}"] = (cq.kernel * scale).T
            node.weights[f"recurrent{d}"] = (
                cq.recurrent * cq.recurrent_scale[:, None].astype(float)
            ).T
    return g


@pytest.mark.parametrize("name", sorted(CELL_CONFIGS))
def test_cell_arithmetic_adds_little_to_weight_quantisation(name, tmp_path):
    from nnom import float_exec

    keras = kf._keras()
    rng = np.random.default_rng(sorted(CELL_CONFIGS).index(name))
    model = keras.Sequential([keras.Input((60, 4)), CELL_CONFIGS[name](keras.layers)])
    kf.randomize_weights(model, rng)
    path = kf.save_model(model, tmp_path / "m.keras", "keras")
    t = np.arange(60)[None, :, None]
    phase = rng.uniform(0, 6, (48, 1, 4))
    x = np.sin(t * rng.uniform(0.05, 0.5, (48, 1, 4)) + phase) + 0.3 * rng.normal(size=(48, 60, 4))
    converted = nnom.convert(path, x.astype(np.float32))
    qx = converted.quantize(x[:16])
    ours = converted.dequantize(converted.run(qx)[0])
    g = _float_with_int8_weights(converted)
    floats = float_exec.run(g, [converted.input_q[0].dequantize(qx)])[g.outputs[0]]
    lsb = converted.output_q[0].scale
    assert np.abs(ours - floats).max() / lsb <= ARITHMETIC_BOUND_LSB


# ------------------------------------------------------------------- stateful


def _stateful_model(keras, steps, features, stateful):
    layers = keras.layers
    if stateful:
        inputs = keras.Input(batch_shape=(1, steps, features))
    else:
        inputs = keras.Input((steps, features))
    x = layers.LSTM(6, return_sequences=True, stateful=stateful)(inputs)
    x = layers.GRU(5, return_sequences=True, stateful=stateful, reset_after=False)(x)
    x = layers.RNN(layers.SimpleRNNCell(4), return_sequences=True, stateful=stateful)(x)
    x = layers.Dense(2)(x)  # per time step
    return keras.Model(inputs, x)


def _whole_sequence_graph(graph, steps):
    """The converted graph with `steps` input steps and no state kept: the
    same integer weights over a longer input."""
    g = copy.deepcopy(graph)
    for node in g.nodes:
        if node.op == "input":
            node.shape = (steps, node.shape[1])
        else:
            node.shape = (steps,) + node.shape[1:]
            if node.op in ("simple_rnn", "gru", "lstm"):
                node.attrs = {**node.attrs, "timesteps": steps, "stateful": False}
    return g


def test_stateful_chunks_equal_one_run_over_the_whole_sequence(tmp_path):
    keras = kf._keras()
    chunk, n_chunks, features = 5, 6, 3
    rng = np.random.default_rng(11)
    model = _stateful_model(keras, chunk, features, stateful=True)
    kf.randomize_weights(model, rng)
    path = kf.save_model(model, tmp_path / "stateful.keras", "keras")
    t = np.arange(chunk * n_chunks * 8)[:, None]
    signal = np.sin(t * np.array([[0.3, 0.11, 0.05]])) + 0.2 * rng.normal(size=(t.size, 3))
    sequences = signal.astype(np.float32).reshape(-1, chunk * n_chunks, features)
    converted = nnom.convert(path, sequences.reshape(-1, chunk, features))

    whole = sequences[0]  # (30, 3)
    qwhole = converted.quantize(whole)
    chunks = qwhole.reshape(n_chunks, chunk, features)
    got, _ = run_c(converted, np.concatenate([chunks, chunks]), tmp_path / "c", reset_every=0)
    got_reset, _ = run_c(
        converted, np.concatenate([chunks, chunks]), tmp_path / "c2", reset_every=n_chunks
    )

    # one run of the same integer model over the whole sequence
    g = _whole_sequence_graph(converted.graph, chunk * n_chunks)
    once = executor.run(g, [qwhole[None]])[g.outputs[0]][0]
    assert np.array_equal(got[:n_chunks].reshape(once.shape), once)
    assert np.array_equal(converted.run(chunks)[0], got[:n_chunks])
    # without a reset the state goes on; with one, the second pass repeats the first
    assert not np.array_equal(got[n_chunks:], got[:n_chunks])
    assert np.array_equal(got_reset[n_chunks:], got_reset[:n_chunks])
    assert np.array_equal(got_reset[:n_chunks], got[:n_chunks])
    # and the Python twin keeps or resets the state the same way
    converted.run(chunks)
    assert np.array_equal(converted.run(chunks, keep_state=True)[0], got[n_chunks:])
    converted.reset_states()
    assert np.array_equal(converted.run(chunks, keep_state=True)[0], got[:n_chunks])

    # Keras, not stateful, over the whole sequence
    full = _stateful_model(keras, chunk * n_chunks, features, stateful=False)
    full.set_weights(model.get_weights())
    keras_out = np.asarray(full(whole[None]))[0]
    err = np.abs(converted.dequantize(got[:n_chunks]).reshape(keras_out.shape) - keras_out).max()
    assert err <= 0.03 * 255 * converted.output_q[0].scale, err


def test_static_buffer_is_exact_with_stateful_layers(tmp_path):
    keras = kf._keras()
    layers = keras.layers
    inputs = keras.Input(batch_shape=(1, 4, 2))
    x = layers.Bidirectional(
        layers.LSTM(3, return_sequences=True, stateful=True), merge_mode="mul"
    )(inputs)
    x = layers.GRU(5, stateful=True)(x)
    model = keras.Model(inputs, x)
    rng = np.random.default_rng(5)
    kf.randomize_weights(model, rng)
    path = kf.save_model(model, tmp_path / "m.keras", "keras")
    calib = calibration_data(rng, (4, 2), 16)
    converted = nnom.convert(path, calib)
    converted.save_header(tmp_path / "weights.h")
    exe = cbuild.program(
        [cbuild.ROOT / "test/python/c/static_buffer.c"],
        tmp_path / "static",
        ("-DNNOM_USING_STATIC_MEMORY",),
        header=tmp_path / "weights.h",
    )
    qx = converted.quantize(calib[:6])
    (tmp_path / "in.bin").write_bytes(qx.tobytes())
    result = cbuild.run([str(exe), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")])
    assert "static buffer too small" in result.stdout
    got = np.frombuffer((tmp_path / "out.bin").read_bytes(), np.int8).reshape(6, 5)
    assert np.array_equal(got, converted.run(qx)[0])


# ---------------------------------------------------------------- arithmetic


TABLE_DRIVER = r"""
#include <stdio.h>
#include "nnom.h"
#include "nnom_kernels.h"
int main(int argc, char **argv)
{
    int16_t table[NNOM_RNN_TABLE_SIZE];
    if (argc != 3)
        return 2;
    FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL)
        return 2;
    if (fread(table, 2, NNOM_RNN_TABLE_SIZE, in) != NNOM_RNN_TABLE_SIZE)
        return 2;
    for (int32_t x = -40000; x <= 40000; x++) {
        int16_t y = nnom_rnn_act(table, x);
        fwrite(&y, 2, 1, out);
    }
    fclose(in);
    fclose(out);
    return 0;
}
"""

ACTS = {
    "sigmoid": Activation("sigmoid"),
    "tanh": Activation("tanh"),
    "hard_sigmoid": Activation("hard_sigmoid", {"keras2": False}),
    "hard_sigmoid_keras2": Activation("hard_sigmoid", {"keras2": True}),
    "hard_tanh": Activation("hard_tanh"),
}
# Largest |interpolated - exact| in Q0.15 steps over the Q3.12 inputs -8..8,
# measured: sigmoid 1.26, tanh 3.8, hard_sigmoid 1.33 (Keras 2's 1.4),
# hard_tanh 1.0 (their kinks fall on table entries).
TABLE_ERROR = {
    "sigmoid": 1.5,
    "tanh": 4.0,
    "hard_sigmoid": 1.5,
    "hard_sigmoid_keras2": 1.5,
    "hard_tanh": 1.5,
}


def test_tables_in_c_equal_the_reference_on_every_input(tmp_path):
    (tmp_path / "driver.c").write_text(TABLE_DRIVER)
    exe = cbuild.program([tmp_path / "driver.c"], tmp_path / "driver")
    x = np.arange(-40000, 40001, dtype=np.int64)
    for name, act in ACTS.items():
        table = ref.activation_table(act)
        (tmp_path / "t.bin").write_bytes(table.astype("<i2").tobytes())
        cbuild.run([str(exe), str(tmp_path / "t.bin"), str(tmp_path / "y.bin")])
        got = np.frombuffer((tmp_path / "y.bin").read_bytes(), "<i2")
        assert np.array_equal(got, ref.interp(table, x)), name


@pytest.mark.parametrize("name", sorted(ACTS))
def test_table_interpolation_is_accurate(name):
    from nnom.activations import apply

    table = ref.activation_table(ACTS[name])
    x = np.arange(-32768, 32768, dtype=np.int64)
    exact = apply(ACTS[name], x / 4096.0) * 32768
    err = np.abs(ref.interp(table, x) - exact).max()
    assert err <= TABLE_ERROR[name], f"{name}: {err:.2f} Q0.15 steps"
    assert table.min() >= -32767 and table.max() <= 32767


def test_rounding_shift_and_saturation_are_as_documented():
    assert ref.rshift_round(np.array([3, -3, 5, -5, 4, -4]), 1).tolist() == [2, -1, 3, -2, 2, -2]
    assert ref.sat16(np.array([40000, -40000, 7])).tolist() == [32767, -32768, 7]
    assert ref.TABLE_SIZE == 513 and ref.ONE == 32768 and math.isclose(2.0**-ref.PRE_FRAC, 1 / 4096)


# -------------------------------------------------------------------- errors


def _convert_one(keras, layer, tmp_path, shape=(6, 2)):
    model = keras.Sequential([keras.Input(shape), layer])
    path = tmp_path / "m.keras"
    model.save(path)
    return nnom.convert(path, np.zeros((2,) + shape, np.float32))


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda L: L.LSTM(3, activation="relu"), ["activation='relu'", "supported: tanh"]),
        (lambda L: L.SimpleRNN(3, activation="linear"), ["activation='linear'"]),
        (lambda L: L.GRU(3, recurrent_activation="tanh"), ["recurrent_activation='tanh'"]),
        (lambda L: L.LSTM(300), ["300 units", "at most 256"]),
        (lambda L: L.Bidirectional(L.GRU(3), merge_mode=None), ["merge_mode=None"]),
        (
            lambda L: L.Bidirectional(L.LSTM(3), backward_layer=L.LSTM(4, go_backwards=True)),
            ["same kind of layer"],
        ),
    ],
)
def test_unsupported_options_fail_with_one_line(make, words, tmp_path):
    keras = kf._keras()
    with pytest.raises(UnsupportedLayerError) as info:
        _convert_one(keras, make(keras.layers), tmp_path)
    text = str(info.value)
    assert "\n" not in text
    for w in words:
        assert w in text, text


def test_return_state_fails_with_one_line(tmp_path):
    keras = kf._keras()
    layers = keras.layers
    inputs = keras.Input((6, 2))
    out, _, _ = layers.LSTM(3, return_state=True, name="lstm_state")(inputs)
    model = keras.Model(inputs, layers.Dense(1)(out))
    path = tmp_path / "m.keras"
    model.save(path)
    with pytest.raises(UnsupportedLayerError) as info:
        nnom.convert(path, np.zeros((2, 6, 2), np.float32))
    assert "'lstm_state' (LSTM): return_state=True is not supported" in str(info.value)


def test_recurrent_layer_after_a_reshape(tmp_path):
    keras = kf._keras()
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((6, 2)),
            layers.Flatten(),
            layers.Reshape((12, 1)),
            layers.LSTM(2, name="seq_lstm"),
        ]
    )
    path = tmp_path / "ok.keras"
    model.save(path)
    graph = nnom.convert(path, np.zeros((2, 6, 2), np.float32)).graph
    assert graph.node("seq_lstm").shape == (2,)


def test_hand_built_layers_and_misuse_under_sanitizers(tmp_path):
    """test/test_rnn (also a PlatformIO suite): a stateful SimpleRNN built by
    hand keeps and resets its state; misuse gives status codes."""
    exe = cbuild.program(
        [cbuild.ROOT / "test/test_rnn/test_main.c"],
        tmp_path / "rnn_suite",
        includes=(cbuild.ROOT / "test",),
    )
    # failed compiles cannot free layers they never reached: leaks are expected
    out = cbuild.run([str(exe)], env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0")).stdout
    assert "3 Tests 0 Failures" in out, out
