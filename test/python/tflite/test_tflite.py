""".tflite import: bit-exact with TensorFlow Lite Micro.

Random Keras models (tflite_factory.py: 2D chains with add/sub/mul/concat
branches, 1D models, dense heads; even seeds per-channel weights, odd seeds
per-tensor) converted by TFLiteConverter with full integer quantisation and
int8 I/O. Every output byte of the numpy reference must equal the TFLM
interpreter's (reference kernels), and the C runtime (ASan/UBSan) must equal
both. Plus hostile files, refused operators and float files.
"""

from __future__ import annotations

import numpy as np
import pytest

import cbuild
import nnom
import tflite_factory as tf_
from nnom.cli import main as cli_main
from nnom.errors import NnomError
from nnom.frontend.tflite_reader import parse_tflite
from nnom.limits import LimitError
from nnom.ops.weighted import WeightedParams

N_MODELS = 104
CHUNK = 8
N_INPUTS = 6
# TFLM itself refuses a softmax whose input scale is below 2**-26; the
# converter produces one for this seed's degenerate Dense output range.
REFUSED = {20: "softmax input scale is too small"}
# TFLiteConverter leaves a float NEG in a few of these files (Subtract of a
# constant-folded branch): NNoM names it and refuses, as it should.
FLOAT_INSIDE = "a float32 operator inside an int8 graph"


def _inputs(converted, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    g = converted.graph
    return [
        rng.integers(-128, 128, size=(N_INPUTS,) + g.node(n).shape).astype(np.int8)
        for n in g.inputs
    ]


def _convert(seed: int, tmp_path):
    data = tf_.tflite_bytes(seed)
    path = tmp_path / f"m{seed}.tflite"
    path.write_bytes(data)
    try:
        return data, nnom.convert(path)
    except NnomError as err:
        # refused only where the file itself is not fully int8, or TFLM
        # could not run it either
        if FLOAT_INSIDE in str(err) or REFUSED.get(seed, "~") in str(err):
            return data, None
        raise


@pytest.mark.parametrize("chunk", range(N_MODELS // CHUNK))
def test_random_models_match_tflm(chunk, tmp_path):
    """numpy reference == TFLM on every byte; the C runtime == both (every
    other model in C, alternating the planner, every fourth in a CHW build,
    to keep the suite short)."""
    checked = 0
    for seed in range(chunk * CHUNK, (chunk + 1) * CHUNK):
        data, converted = _convert(seed, tmp_path)
        if converted is None:
            continue
        xs = _inputs(converted, seed)
        want = tf_.tflm_run(data, xs, len(converted.graph.outputs))
        got = converted.run(xs)
        for k, (w, g) in enumerate(zip(want, got)):
            g = g.reshape(w.shape)
            assert np.array_equal(w, g), (
                f"seed {seed} output {k}: numpy differs from TFLM at "
                f"{np.argwhere(w != g)[:5].tolist()}\n{converted.summary()}"
            )
        if seed % 2 == chunk % 2:
            outs, printed = cbuild.run_c(
                converted, xs, tmp_path / f"c{seed}", runtime_plan=seed % 4 < 2
            )
            for w, g in zip(want, outs):
                assert np.array_equal(w, g.reshape(w.shape)), f"seed {seed}: C differs from TFLM"
            assert converted.summary() in printed
        if seed % 4 == 1:  # a channel-first runtime (NNOM_USING_CHW), same bytes
            outs, printed = cbuild.run_c(
                converted, xs, tmp_path / f"chw{seed}", flags=("-DNNOM_USING_CHW",)
            )
            for w, g in zip(want, outs):
                assert np.array_equal(w, g.reshape(w.shape)), f"seed {seed}: CHW differs"
            assert converted.summary("chw") in printed
        checked += 1
    assert checked >= CHUNK - 2


def test_header_io_quantisation_is_the_files(tmp_path):
    data, converted = _convert(0, tmp_path)
    model = parse_tflite(data)
    t_in = model.tensors[model.inputs[0]]
    t_out = model.tensors[model.outputs[0]]
    assert converted.input_q[0].zero_point == int(t_in.zero_point[0])
    assert converted.input_q[0].scale == float(np.float32(t_in.scale[0]))
    assert converted.output_q[0].zero_point == int(t_out.zero_point[0])
    header = converted.header()
    assert "NNOM_ARENA_BYTES" in header


def _corruptions(data: bytes):
    rng = np.random.default_rng(3)
    yield data[:7]
    yield data[: len(data) // 2]
    yield b"\x00" * 4 + b"TFL3" + b"\xff" * 64
    for _ in range(150):
        b = bytearray(data)
        for pos in rng.integers(0, len(b), size=int(rng.integers(1, 12))):
            b[int(pos)] = int(rng.integers(0, 256))
        yield bytes(b[: int(rng.integers(len(b) // 2, len(b) + 1))])


def test_hostile_files_give_one_error_line(tmp_path, capsys):
    data = tf_.tflite_bytes(0)
    path = tmp_path / "bad.tflite"
    for bad in _corruptions(data):
        path.write_bytes(bad)
        try:
            nnom.convert(path).header()  # a damaged file may still convert
        except NnomError as err:
            assert "\n" not in str(err)
    path.write_bytes(data[: len(data) // 3])
    assert cli_main(["convert", str(path), "-o", str(tmp_path / "w.h")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("nnom: error: ")


def _keras_model(build, shape=(6, 6, 2)):
    import keras

    inp = keras.Input(shape)
    return keras.Model(inp, build(keras, inp))


def test_unsupported_operator_is_named_with_its_index(tmp_path):
    import tensorflow as tf

    model = _keras_model(lambda k, x: k.layers.Conv2D(3, 3)(k.layers.Lambda(tf.math.abs)(x)))
    calib = tf_.representative((6, 6, 2), 1)
    path = tmp_path / "abs.tflite"
    path.write_bytes(tf_.convert(model, calib))
    with pytest.raises(NnomError, match=r"operator \d+ \(ABS\): this operator is not supported"):
        nnom.convert(path)


def test_float_tflite_needs_calibration_and_converts(tmp_path, capsys):
    model = _keras_model(
        lambda k, x: k.layers.Dense(4, activation="softmax")(
            k.layers.Flatten()(k.layers.Conv2D(3, 3, activation="relu")(x))
        )
    )
    tf_.randomize(model, np.random.default_rng(2))
    calib = tf_.representative((6, 6, 2), 2)
    path = tmp_path / "float.tflite"
    path.write_bytes(tf_.convert(model, calib, int8=False))
    assert cli_main(["convert", str(path), "-o", str(tmp_path / "w.h")]) == 2
    assert "calibration data is required" in capsys.readouterr().err
    converted = nnom.convert(path, calib)
    y = converted.predict(calib)[0]
    ref = model.predict(calib, verbose=0)
    assert np.abs(y - ref).max() < 0.1


def test_cli_converts_int8_tflite_without_calibration(tmp_path, capsys):
    path = tmp_path / "m.tflite"
    path.write_bytes(tf_.tflite_bytes(4))
    out = tmp_path / "weights.h"
    assert cli_main(["convert", str(path), "-o", str(out)]) == 0
    assert "nnom_model_create" in out.read_text()
    # golden vectors: float inputs quantised with the file's input quantisation
    shape = nnom.convert(path).graph.node("input").shape
    np.save(tmp_path / "x.npy", np.random.default_rng(0).normal(size=(3,) + shape))
    args = ["convert", str(path), "-o", str(out), "--golden", "2"]
    assert cli_main(args) == 2
    assert "--golden needs inputs" in capsys.readouterr().err
    assert cli_main([*args, "--golden-data", str(tmp_path / "x.npy")]) == 0
    assert (tmp_path / "nnom_golden.h").is_file()
    assert cli_main(["convert", str(path), "-o", str(out), "--api", "layer"]) == 2
    assert "needs the Structured API header" in capsys.readouterr().err


def _cached(key: str, build, calib_shape, seed: int, **kw) -> bytes:
    """A .tflite of `build(keras, input)`, cached like tflite_factory's."""
    tf = tf_._tf()
    path = tf_.CACHE / f"{tf_._key(key, seed, tf.__version__)}.tflite"
    if path.is_file():
        return path.read_bytes()
    model = _keras_model(build, calib_shape)
    tf_.randomize(model, np.random.default_rng(seed))
    data = tf_.convert(model, tf_.representative(calib_shape, seed), **kw)
    tf_.CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "hard_swish", "relu", "relu6", "leaky"])
def test_element_wise_tables_match_tflm(act, tmp_path):
    """Every int8 input value through TFLM's LOGISTIC/TANH/HARD_SWISH/RELU/
    RELU6/LEAKY_RELU, at several input quantisations (the activation on the
    model input, so that nothing fuses it)."""

    def build(k, x):
        return k.layers.LeakyReLU(0.17)(x) if act == "leaky" else k.layers.Activation(act)(x)

    for seed in range(3):
        data = _cached(f"act-on-input-{act}", build, (16, 16, 1), seed)
        path = tmp_path / f"{act}{seed}.tflite"
        path.write_bytes(data)
        converted = nnom.convert(path)
        ops = [o.opcode for o in parse_tflite(data).operators]
        assert len(ops) == 1, ops
        x = np.arange(-128, 128, dtype=np.int8).reshape(1, 16, 16, 1)
        want = tf_.tflm_run(data, [x])[0]
        assert np.array_equal(converted.run(x)[0].reshape(want.shape), want), (act, seed, ops)


def test_int16_activations_are_refused_by_operator(tmp_path):
    """A 16x8 file (int16 activations, int8 weights): one line naming an operator."""
    tf = tf_._tf()
    model = _keras_model(lambda k, x: k.layers.Conv2D(3, 3)(x))
    calib = tf_.representative((6, 6, 2), 3)
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = lambda: ([calib[i : i + 1]] for i in range(len(calib)))
    ops16 = tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8
    conv.target_spec.supported_ops = [ops16]
    conv.inference_input_type = tf.int16
    conv.inference_output_type = tf.int16
    path = tmp_path / "a16.tflite"
    path.write_bytes(conv.convert())
    with pytest.raises(NnomError, match=r"operator \d+ \(CONV_2D\): tensor .* is int16"):
        nnom.convert(path)


def test_c_field_limits_apply_to_tflite(tmp_path, capsys):
    """A .tflite goes through the same limits as a Keras model: a pool of
    2^23 + 1 (over NNOM_MAX_WINDOW) is one error line, exit code 2."""

    def build(k, x):
        return k.layers.MaxPooling2D((1, 2**23 + 1), strides=1, padding="same")(x)

    data = _cached("huge-pool", build, (1, 8, 1), 0)
    path = tmp_path / "wide.tflite"
    path.write_bytes(data)
    with pytest.raises(LimitError, match="kernel size 8388609 is over 8388608"):
        nnom.convert(path)
    assert cli_main(["convert", str(path), "-o", str(tmp_path / "w.h")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "docs/limits.md" in err, err


def _tensor_vector(data: bytes, tensor_index: int, field: str) -> int:
    """Byte position of a tensor's `shape` or quantisation `zero_point` vector."""
    import flatbuffers

    import tflite

    graph = tflite.Model.GetRootAsModel(data, 0).Subgraphs(0)
    table = graph.Tensors(tensor_index)
    slot = 4  # Tensor.shape
    if field == "zero_point":
        table, slot = table.Quantization(), 10  # QuantizationParameters.zero_point
    offset = flatbuffers.number_types.UOffsetTFlags.py_type(table._tab.Offset(slot))
    return table._tab.Vector(offset)


def test_damaged_zero_points_and_output_shapes_are_refused(tmp_path):
    """Found by fuzzing: an int8 tensor's zero point of 2^35 (the file stores
    int64) converted and computed other numbers than TFLite Micro; a PAD
    whose declared output shape is not what it computes (its input has more
    channels) gave a header whose model could not build. Both are one error
    line now."""
    import tflite

    data = tf_.tflite_bytes(2)
    model = parse_tflite(data)
    activation = next(t for t in model.tensors if t.dtype == "int8" and t.data is None)
    at = _tensor_vector(data, activation.index, "zero_point")
    zp = bytearray(data)
    zp[at : at + 8] = (2**35).to_bytes(8, "little", signed=True)
    (tmp_path / "zp.tflite").write_bytes(bytes(zp))
    with pytest.raises(NnomError, match=r"zero points 34359738368\.\.34359738368 are outside"):
        nnom.convert(tmp_path / "zp.tflite")

    graph = tflite.Model.GetRootAsModel(data, 0).Subgraphs(0)
    pads = [op for op in model.operators if op.opcode in ("PAD", "PADV2")]
    assert pads, "model 2 of tflite_factory starts with a ZeroPadding2D"
    x = pads[0].inputs[0]  # the model input: more channels than PAD's declared output
    at = _tensor_vector(data, x, "shape") + 4 * (graph.Tensors(x).ShapeLength() - 1)
    shape = bytearray(data)
    shape[at : at + 4] = (model.tensors[x].shape[-1] + 3).to_bytes(4, "little")
    (tmp_path / "shape.tflite").write_bytes(bytes(shape))
    with pytest.raises(NnomError, match="the file declares output shape .* the operator computes"):
        nnom.convert(tmp_path / "shape.tflite")


def test_dead_channels_keep_tflm_outputs_in_the_fast_requantisation(tmp_path):
    """TFLite gives a channel of zero weights a scale near 1e-9 (shift near
    -29, outside the kernels' fast form [-23, -2], which sent whole layers to
    the slow path). The converter rewrites such a channel's bias and
    requantisation to ones with the same output: TFLM's bytes, in numpy and
    in C, with every weighted layer in the fast form."""
    keras = tf_._tf().keras
    x = inputs = keras.Input((6, 6, 3))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="conv")(x)
    x = keras.layers.DepthwiseConv2D(3, padding="same", name="dw")(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(6, name="fc")(x)
    model = keras.Model(inputs, x)
    rng = np.random.default_rng(5)
    tf_.randomize(model, rng)
    for name in ("conv", "dw", "fc"):
        layer = model.get_layer(name)
        kernel, bias = layer.get_weights()
        channels = kernel[..., 0] if name == "dw" else kernel  # (3, 3, 8, 1)
        channels[..., 2] = 0.0  # dead, zero bias
        channels[..., 4] = 0.0  # dead, a bias of its own: a constant output
        bias[2], bias[4] = 0.0, 0.7
        layer.set_weights([kernel, bias])
    calib = tf_.representative((6, 6, 3), 5)
    data = tf_.convert(model, calib)
    path = tmp_path / "dead.tflite"
    path.write_bytes(data)
    converted = nnom.convert(path)
    weighted = [n for n in converted.graph.nodes if isinstance(n.q, WeightedParams)]
    assert len(weighted) == 3
    for node in weighted:
        assert np.all(node.q.mult > 0) and np.all((node.q.shift >= -23) & (node.q.shift <= -2)), (
            f"{node.name}: {node.q.mult.tolist()} {node.q.shift.tolist()}"
        )
    xs = [rng.integers(-128, 128, (8, 6, 6, 3)).astype(np.int8)]
    want = tf_.tflm_run(data, xs)[0]
    assert np.array_equal(converted.run(xs)[0].reshape(want.shape), want)
    outs, _ = cbuild.run_c(converted, xs, tmp_path / "c")
    assert np.array_equal(outs[0].reshape(want.shape), want)
