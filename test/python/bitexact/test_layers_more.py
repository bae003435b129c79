"""Every Keras layer the converter accepts: float agreement with Keras,
bit-exact C (sanitizers on), the original NNoM's broken edge cases, sum
pooling, Lambda layers, and clear one-line errors for what is not supported.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

import cbuild
import nnom
from nnom import api
from nnom.errors import UnsupportedLayerError

# Bounds, stated per model (the errors measured are well below them):
GRAPH_BOUND = 1e-4  # |our float graph - Keras| / (1 + max |Keras|): exact rewrites
# |dequantised int8 - Keras| as a fraction of the output's int8 range (255 *
# scale), for one layer on calibration-like inputs. Measured: at most 1.5%
# (a separable convolution: two roundings); table activations of a steep
# function (softmax over 6 values) reach 2%.
INT8_BOUND = 0.03


@pytest.fixture(scope="module")
def keras():
    import keras as k

    return k


def _randomize(model, rng):
    for var in model.weights:
        if var.name in ("moving_variance", "gamma"):
            v = rng.uniform(0.5, 1.5, var.shape)
        else:
            v = rng.normal(0.0, 0.5, var.shape)
        var.assign(v.astype("float32"))


def _check(model, xs, tmp_path, *, int8_bound=INT8_BOUND, lambdas=None, header_suffix=""):
    """Convert, compare the float graph and the int8 model with Keras, run C."""
    xs = xs if isinstance(xs, list) else [xs]
    converted = nnom.convert(model, xs, lambdas=lambdas)
    feed = xs if len(xs) > 1 else xs[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = model(feed, training=False)
    want = [np.asarray(w) for w in (want if isinstance(want, (list, tuple)) else [want])]
    floats = converted.run_float(xs)
    qx = [converted.quantize(x, k) for k, x in enumerate(xs)]
    ref = converted.run(qx)
    for k, (name, w) in enumerate(zip(converted.graph.outputs, want)):
        graph_err = float(np.abs(floats[name].reshape(w.shape) - w).max())
        assert graph_err <= GRAPH_BOUND * (1 + float(np.abs(w).max())), graph_err
        q_err = float(np.abs(converted.dequantize(ref[k], k).reshape(w.shape) - w).max())
        assert q_err <= int8_bound * 255 * converted.output_q[k].scale, (
            f"output {k}: int8 error {q_err / (255 * converted.output_q[k].scale):.3f} of range"
        )
    got, printed = cbuild.run_c(converted, qx, tmp_path, header_suffix=header_suffix)
    for k, (r, g) in enumerate(zip(ref, got)):
        assert np.array_equal(r, g), f"output {k}: C differs at {np.argwhere(r != g)[:5].tolist()}"
    assert converted.summary() in printed
    return converted


def _data(rng, shape, n=32, scale=1.0):
    return (rng.normal(0.0, scale, (n,) + tuple(shape))).astype(np.float32)


def _one_layer(keras, make, shapes, seed=0):
    ins = [keras.Input(s) for s in shapes]
    y = make(ins if len(ins) > 1 else ins[0])
    model = keras.Model(ins, y)
    _randomize(model, np.random.default_rng(seed))
    return model


# (id, input shapes, layer factory): one model per accepted Keras layer and option.
def _cases(L):
    return [
        (
            "conv2d_stride_dilation",
            [(9, 8, 3)],
            lambda x: L.Conv2D(5, 3, strides=2, padding="same")(
                L.Conv2D(4, 3, dilation_rate=2, padding="same")(x)
            ),
        ),
        (
            "conv1d_causal",
            [(12, 3)],
            lambda x: L.Conv1D(4, 3, padding="causal", dilation_rate=2)(x),
        ),
        ("dense", [(7,)], lambda x: L.Dense(5, activation="relu")(x)),
        ("dense_on_map", [(4, 3)], lambda x: L.Dense(5)(x)),
        (
            "dwconv2d_mult_dilation",
            [(8, 7, 3)],
            lambda x: L.DepthwiseConv2D(3, depth_multiplier=2, dilation_rate=2, padding="same")(x),
        ),
        (
            "dwconv2d_stride",
            [(9, 8, 5)],
            lambda x: L.DepthwiseConv2D((3, 2), strides=2, depth_multiplier=3, activation="relu6")(
                x
            ),
        ),
        (
            "dwconv1d",
            [(11, 3)],
            lambda x: L.DepthwiseConv1D(3, depth_multiplier=2, padding="same", strides=2)(x),
        ),
        (
            "sepconv2d",
            [(8, 8, 3)],
            lambda x: L.SeparableConv2D(
                6, 3, depth_multiplier=2, strides=2, padding="same", activation="relu"
            )(x),
        ),
        (
            "sepconv1d",
            [(10, 4)],
            lambda x: L.SeparableConv1D(5, 3, dilation_rate=2, padding="same", use_bias=False)(x),
        ),
        (
            "deconv2d_same_s2",
            [(4, 5, 3)],
            lambda x: L.Conv2DTranspose(4, 3, strides=2, padding="same")(x),
        ),
        (
            "deconv2d_valid_s3_outpad",
            [(3, 4, 2)],
            lambda x: L.Conv2DTranspose(
                3, (4, 2), strides=(3, 2), output_padding=(1, 1), activation="tanh"
            )(x),
        ),
        (
            "deconv2d_even_kernel_same",
            [(5, 4, 2)],
            lambda x: L.Conv2DTranspose(3, 2, strides=2, padding="same")(x),
        ),
        ("deconv1d", [(6, 3)], lambda x: L.Conv1DTranspose(4, 3, strides=2, padding="same")(x)),
        (
            "deconv2d_bn_relu",
            [(4, 4, 2)],
            lambda x: L.ReLU()(L.BatchNormalization()(L.Conv2DTranspose(3, 3, strides=2)(x))),
        ),
        ("maxpool2d_same", [(7, 6, 3)], lambda x: L.MaxPooling2D(3, strides=2, padding="same")(x)),
        ("avgpool1d", [(9, 3)], lambda x: L.AveragePooling1D(2, padding="same")(x)),
        ("global_avg2d", [(5, 4, 3)], lambda x: L.GlobalAveragePooling2D()(x)),
        ("global_max2d_keepdims", [(5, 4, 3)], lambda x: L.GlobalMaxPooling2D(keepdims=True)(x)),
        ("global_avg1d", [(7, 3)], lambda x: L.GlobalAveragePooling1D()(x)),
        ("global_max1d", [(7, 3)], lambda x: L.GlobalMaxPooling1D()(x)),
        ("flatten_reshape", [(4, 3, 2)], lambda x: L.Reshape((6, 4))(L.Flatten()(x))),
        (
            "pad_crop_upsample_2d",
            [(5, 4, 2)],
            lambda x: L.UpSampling2D((2, 3))(
                L.Cropping2D(((1, 0), (0, 2)))(L.ZeroPadding2D(((1, 2), (0, 1)))(x))
            ),
        ),
        (
            "pad_crop_upsample_1d",
            [(6, 2)],
            lambda x: L.UpSampling1D(3)(L.Cropping1D((2, 1))(L.ZeroPadding1D(2)(x))),
        ),
        (
            "activations",
            [(6, 3)],
            lambda x: L.Activation("softsign")(
                L.Activation("swish")(L.Activation("hard_sigmoid")(L.Activation("tanh")(x)))
            ),
        ),
        (
            "relu_options",
            [(6, 3)],
            lambda x: L.ReLU(max_value=2.0, negative_slope=0.1, threshold=0.2)(x),
        ),
        ("leaky_elu", [(6, 3)], lambda x: L.ELU(alpha=0.5)(L.LeakyReLU(negative_slope=0.2)(x))),
        ("prelu_channel", [(4, 4, 3)], lambda x: L.PReLU(shared_axes=[1, 2])(x)),
        ("prelu_full", [(4, 3)], lambda x: L.PReLU()(x)),
        ("prelu_partly_shared", [(3, 4, 2)], lambda x: L.PReLU(shared_axes=[1])(x)),
        ("softmax_layer", [(3, 6)], lambda x: L.Softmax()(x)),
        ("batchnorm_alone", [(5, 4)], lambda x: L.BatchNormalization(epsilon=0.01)(x)),
        ("add3_relu", [(4, 4, 3)] * 3, lambda xs: L.ReLU()(L.Add()(xs))),
        ("subtract", [(5, 3)] * 2, lambda xs: L.Subtract()(xs)),
        ("multiply3", [(6,)] * 3, lambda xs: L.Multiply()(xs)),
        ("multiply2_tanh", [(3, 3, 2)] * 2, lambda xs: L.Activation("tanh")(L.Multiply()(xs))),
        ("average", [(4, 2)] * 2, lambda xs: L.Average()(xs)),
        ("concat_axis1", [(2, 3, 2), (4, 3, 2)], lambda xs: L.Concatenate(axis=1)(xs)),
        ("concat_axis2", [(2, 3, 2), (2, 1, 2), (2, 2, 2)], lambda xs: L.Concatenate(axis=2)(xs)),
        ("concat_axis_last", [(2, 3, 2), (2, 3, 1)], lambda xs: L.Concatenate(axis=-1)(xs)),
        ("concat_1d_axis1", [(3, 2), (5, 2)], lambda xs: L.Concatenate(axis=1)(xs)),
        ("concat_flat", [(3,), (4,)], lambda xs: L.Concatenate()(xs)),
        ("concat_same_input", [(3, 2)], lambda x: L.Concatenate()([x, x])),
        ("ops_add_sub_mul", [(4, 3)] * 2, lambda xs: (xs[0] + xs[1]) * (xs[0] - xs[1])),
        ("dropout_noise", [(5,)], lambda x: L.GaussianNoise(0.1)(L.Dropout(0.5)(x))),
    ]


CASE_IDS = [c[0] for c in _cases(None)]  # the factories are not called here
# Cases ending in a table activation of a steep function lose more: the
# table's input is the int8 pre-activation, whose step is a range / 255.
# Measured: tanh after a transposed conv 3.9%, after a product 3.3%; the
# thresholded ReLU 7.8% (an input step at the threshold jumps by 0.2).
CASE_BOUNDS = {"deconv2d_valid_s3_outpad": 0.06, "multiply2_tanh": 0.06, "relu_options": 0.12}


@pytest.mark.parametrize("case", CASE_IDS)
def test_layer_tracks_keras_and_is_bit_exact_in_c(keras, case, tmp_path):
    cases = {c[0]: c for c in _cases(keras.layers)}
    _, shapes, make = cases[case]
    model = _one_layer(keras, make, shapes, seed=len(case))
    rng = np.random.default_rng(1)
    xs = [_data(rng, s) for s in shapes]
    xs = [np.concatenate([x, 2.5 * x[:2]]) for x in xs]  # some inputs outside the range
    _check(model, xs, tmp_path, int8_bound=CASE_BOUNDS.get(case, INT8_BOUND))


# ---- the original NNoM's broken edge cases ----------------------------------


def test_stride2_same_padding_puts_the_odd_pixel_last(keras, tmp_path):
    """TF pads an odd SAME total at the bottom/right (the original centred it)."""
    L = keras.layers
    for side, k in ((4, 3), (5, 3), (6, 4), (7, 2), (4, 1)):
        inp = keras.Input((side, side, 1))
        conv = L.Conv2D(1, k, strides=2, padding="same", use_bias=False)
        pool = L.MaxPooling2D(k, strides=2, padding="same")
        avg = L.AveragePooling2D(k, strides=2, padding="same")
        dw = L.DepthwiseConv2D(k, strides=2, padding="same", use_bias=False)
        model = keras.Model(inp, [conv(inp), pool(inp), avg(inp), dw(inp)])
        conv.set_weights([np.ones((k, k, 1, 1), np.float32)])
        dw.set_weights([np.ones((k, k, 1, 1), np.float32)])
        x = np.arange(side * side, dtype=np.float32).reshape(1, side, side, 1) + 1
        x = np.concatenate([x, -x, np.random.default_rng(side).normal(size=(6, side, side, 1))])
        converted = _check(model, x.astype(np.float32), tmp_path / f"s{side}k{k}")
        if (side, k) == (4, 3):  # the reproduced case: windows centred on (1,1), (1,3), ...
            sums = converted.run_float(x[:1])[converted.graph.outputs[0]].reshape(2, 2)
            assert sums.tolist() == [[54.0, 45.0], [72.0, 54.0]]


def test_relu6_keeps_values_above_3(keras, tmp_path):
    """The original clamped ReLU6 at 3.0 for Q3.4 inputs; ours clamps at 6."""
    L = keras.layers
    inp = keras.Input((4,))
    standalone = L.ReLU(max_value=6.0)(inp)
    fused = L.Dense(4, activation="relu6", use_bias=False, name="eye")
    model = keras.Model(inp, [standalone, fused(inp)])
    fused.set_weights([np.eye(4, dtype=np.float32)])
    calib = np.random.default_rng(0).uniform(-8, 8, (64, 4)).astype(np.float32)
    converted = _check(model, calib, tmp_path)
    x = np.array([[6.25, 3.125, 1.25, -2.5]], np.float32)
    for k in range(2):
        y = converted.predict(x)[k][0]
        step = converted.output_q[k].scale + converted.input_q[0].scale
        assert np.allclose(y, [6.0, 3.125, 1.25, 0.0], atol=step), y
    qx = converted.quantize(x)
    got, _ = cbuild.run_c(converted, [qx], tmp_path / "c2")
    assert converted.dequantize(got[0])[0][0] > 5.9


def test_odd_channels_and_one_pixel_maps(keras, tmp_path):
    """Odd channel counts everywhere and 1x1 / 1-step feature maps."""
    L = keras.layers
    inp = keras.Input((1, 1, 3))
    a = L.Conv2D(5, 3, padding="same")(inp)
    b = L.DepthwiseConv2D(3, depth_multiplier=3, padding="same")(a)
    c = L.SeparableConv2D(7, 3, padding="same")(b)
    d = L.Conv2DTranspose(3, 3, strides=1, padding="same")(c)
    e = L.MaxPooling2D(3, strides=2, padding="same")(d)
    f = L.Add()([e, L.Conv2D(3, 1)(inp)])
    g = L.Concatenate(axis=1)([f, e])
    h = L.GlobalAveragePooling2D()(g)
    seq = keras.Input((1, 5))
    s = L.Conv1D(3, 3, padding="same")(seq)
    s = L.DepthwiseConv1D(3, padding="same")(s)
    s = L.Conv1DTranspose(7, 2, strides=2)(s)  # 1 -> 2 steps
    s = L.GlobalMaxPooling1D()(s)
    model = keras.Model([inp, seq], [h, s, L.Concatenate()([h, s])])
    _randomize(model, np.random.default_rng(3))
    rng = np.random.default_rng(4)
    _check(model, [_data(rng, (1, 1, 3)), _data(rng, (1, 5))], tmp_path)


# ---- graphs -------------------------------------------------------------------


def test_multi_input_multi_output_header_and_c(keras, tmp_path):
    import keras_factory

    model = keras_factory.zoo_multi_io()
    rng = np.random.default_rng(5)
    xs = [_data(rng, (10, 10, 2)), _data(rng, (10, 10, 2)), _data(rng, (5,))]
    converted = _check(model, xs, tmp_path, int8_bound=0.05)
    header = converted.header()
    for text in (
        "#define nnom_input_data (nnom_inputs[0])",
        "#define nnom_input_data1 (nnom_inputs[1])",
        "#define nnom_input_data2 (nnom_inputs[2])",
        "#define NNOM_INPUT_COUNT 3",
        "#define NNOM_OUTPUT_COUNT 3",
        "#define nnom_output_data2 (nnom_outputs[2])",
        "nnom_model_compile_multi(",
    ):
        assert text in header, text
    # the nested tower is called twice: its layers appear twice, its weights once
    assert sum(n.source.endswith("t_conv") for n in converted.graph.nodes) == 2
    assert header.count("/* the same weights */") == 1


def test_zoo_functional_and_sequential_models(keras, tmp_path):
    import keras_factory

    rng = np.random.default_rng(6)
    _check(keras_factory.zoo_functional(), _data(rng, (16, 16, 3)), tmp_path / "f")
    _check(keras_factory.zoo_sequential(), _data(rng, (12, 12, 3)), tmp_path / "s")


# ---- sum pooling (no Keras layer: the C API and the IR have it) ---------------


def test_sum_pooling_through_the_ir(keras, tmp_path):
    L = keras.layers
    inp = keras.Input((7, 6, 3))
    a = L.AveragePooling2D(3, strides=2, padding="same")(inp)
    b = L.GlobalAveragePooling2D()(inp)
    model = keras.Model(inp, [a, b])
    graph = api.load_graph(model)
    for node in graph.nodes:  # the same windows, summed instead of averaged
        node.op = {"avgpool": "sumpool", "global_avgpool": "global_sumpool"}.get(node.op, node.op)
    x = _data(np.random.default_rng(7), (7, 6, 3), 40)
    converted = api.convert_graph(graph, x)
    want_global = x.sum(axis=(1, 2))
    got_float = converted.run_float(x)[converted.graph.outputs[1]]
    assert np.allclose(got_float, want_global, atol=1e-4)
    qx = converted.quantize(x)
    ref = converted.run(qx)
    err = np.abs(converted.dequantize(ref[1], 1) - want_global).max()
    assert err <= 0.02 * 255 * converted.output_q[1].scale
    got, printed = cbuild.run_c(converted, [qx], tmp_path)
    assert all(np.array_equal(r, g) for r, g in zip(ref, got))
    assert "SumPool" in printed and "GlobalSum" in printed


# ---- Lambda -----------------------------------------------------------------------

LAMBDA_C = r"""
nnom_status_t half_plus_one(const nnom_tensor_t *in, nnom_tensor_t *out)
{
    uint32_t n = nnom_shape_size(&in->shape);
    if (n != nnom_shape_size(&out->shape))
        return NN_SIZE_MISMATCH;
    for (uint32_t i = 0; i < n; i++)
        out->data[i] = nnom_quantize(nnom_dequantize(in->data[i], in->q) * 0.5f + 1.0f, out->q);
    return NN_SUCCESS;
}
nnom_status_t first_half(const nnom_tensor_t *in, nnom_tensor_t *out)
{
    /* (w, c) -> (w / 2, c): the first rows, requantised */
    uint32_t n = nnom_shape_size(&out->shape);
    for (uint32_t i = 0; i < n; i++)
        out->data[i] = nnom_quantize(nnom_dequantize(in->data[i], in->q), out->q);
    return NN_SUCCESS;
}
nnom_status_t reverse(const nnom_tensor_t *in, nnom_tensor_t *out)
{
    /* (w, c): the rows in reverse order; the same values, so the same
     * quantisation: an exact int8 function */
    const uint32_t w = in->shape.w, c = in->shape.c;
    for (uint32_t x = 0; x < w; x++)
        for (uint32_t ch = 0; ch < c; ch++)
            out->data[x * c + ch] = in->data[(w - 1 - x) * c + ch];
    return NN_SUCCESS;
}
"""


def test_lambda_runs_a_user_c_function(keras, tmp_path):
    L = keras.layers
    inp = keras.Input((6, 3))
    x = L.Conv1D(4, 3, padding="same")(inp)
    y = L.Lambda(lambda t: t * 0.5 + 1.0, name="half_plus_one")(x)
    z = L.Lambda(lambda t: t[:, :3], name="first_half")(y)
    r = L.Lambda(lambda t: t[:, ::-1], name="reverse")(z)
    model = keras.Model(inp, L.Dense(2)(L.Flatten()(r)))
    _randomize(model, np.random.default_rng(8))
    x_cal = _data(np.random.default_rng(9), (6, 3))
    lambdas = {
        "half_plus_one": lambda t: t * np.float32(0.5) + np.float32(1.0),
        "first_half": lambda t: t[:, :3],
        # (float function, int8 function): the C function is exact in int8
        "reverse": (lambda t: t[:, ::-1], lambda q: q[:, ::-1]),
    }
    converted = _check(model, x_cal, tmp_path, lambdas=lambdas, header_suffix=LAMBDA_C)
    header = converted.header()
    assert "nnom_status_t half_plus_one(const nnom_tensor_t *in, nnom_tensor_t *out);" in header
    assert ".run = first_half" in header


def test_lambda_without_a_function_is_a_clear_error(keras, tmp_path):
    L = keras.layers
    model = keras.Sequential([keras.Input((3,)), L.Lambda(lambda t: t * 2, name="twice")])
    with pytest.raises(UnsupportedLayerError) as info:
        nnom.convert(model, np.zeros((4, 3), np.float32))
    text = str(info.value)
    assert "'twice'" in text and "lambdas=" in text and "nnom_status_t twice(" in text
    assert "\n" not in text


# ---- unsupported layers and options: one clear line each ---------------------------


def _unsupported(keras):
    L, ops = keras.layers, keras.ops

    def model(shapes, make):
        ins = [keras.Input(s) for s in shapes]
        return keras.Model(ins, make(ins if len(ins) > 1 else ins[0]))

    return [
        ("Conv3D", model([(4, 4, 4, 1)], lambda x: L.Conv3D(2, 2)(x))),
        ("Maximum", model([(3,)] * 2, lambda xs: L.Maximum()(xs))),
        ("Permute", model([(3, 2)], lambda x: L.Permute((2, 1))(x))),
        ("Embedding", model([(3,)], lambda x: L.Embedding(10, 2)(x))),
        ("LayerNormalization", model([(3,)], lambda x: L.LayerNormalization()(x))),
        ("constant operand", model([(3,)], lambda x: x * 2.0)),
        ("broadcasting", model([(4, 3), (1, 3)], lambda xs: L.Add()(xs))),
        ("keras.ops.maximum", model([(3,)] * 2, lambda xs: ops.maximum(xs[0], xs[1]))),
        (
            "UpSampling2D bilinear",
            model([(3, 3, 1)], lambda x: L.UpSampling2D(interpolation="bilinear")(x)),
        ),
        (
            "channels_first",
            model([(2, 4, 4)], lambda x: L.Conv2D(2, 3, data_format="channels_first")(x)),
        ),
        ("grouped", model([(4, 4, 4)], lambda x: L.Conv2D(4, 3, groups=2)(x))),
        ("Softmax axis", model([(3, 4)], lambda x: L.Softmax(axis=1)(x))),
    ]


@pytest.mark.parametrize("index", range(12))
def test_unsupported_is_rejected_in_one_line(keras, index):
    what, model = _unsupported(keras)[index]
    shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
    xs = [np.zeros((2,) + s, np.float32) for s in shapes]
    with pytest.raises(UnsupportedLayerError) as info:
        nnom.convert(model, xs)
    text = str(info.value)
    assert "\n" not in text and text.startswith("layer '"), text
    assert "not supported" in text or "supported:" in text, text
    assert len(text) <= 200, text
    if "layer type is not supported" in text:
        assert text.endswith("see docs/layers.md#not-supported"), text
    if what == "LayerNormalization":  # a supported alternative is named
        assert text.endswith(
            "(LayerNormalization): this layer type is not supported; use BatchNormalization; "
            "see docs/layers.md#not-supported"
        ), text


def test_conv1d_is_named_conv1d_with_its_shape_in_both_tables(keras, tmp_path):
    """Conv1D runs as Conv2D with h = 1; both tables name it Conv1D, shape (steps, channels)."""
    L = keras.layers
    model = _one_layer(keras, lambda x: L.Conv1D(8, 3, padding="same")(x), [(64, 1)], seed=3)
    rng = np.random.default_rng(4)
    summary = _check(model, [_data(rng, (64, 1))], tmp_path).summary()  # == C's table
    assert re.search(r"^#2   Conv1D     - [^-]*- \(  64,   8\)      ", summary, re.M), summary
    assert "Conv2D" not in summary


def test_passes_fuse_activations_into_merges(keras):
    L = keras.layers
    a, b = keras.Input((4,)), keras.Input((4,))
    model = keras.Model([a, b], L.Activation("relu6")(L.Add()([a, b])))
    graph = api.load_graph(model)
    assert [n.op for n in graph.nodes] == ["input", "input", "add"]
    assert graph.nodes[-1].act.params["max_value"] == 6.0


def test_more_outputs_than_the_default_limit(keras, tmp_path):
    """9 outputs: the header stops the build with the flag to use, which works."""
    L = keras.layers
    inp = keras.Input((4,))
    model = keras.Model(inp, [L.Dense(2)(inp) for _ in range(9)])
    x = _data(np.random.default_rng(10), (4,))
    converted = nnom.convert(model, x)
    qx = [converted.quantize(x)]
    with pytest.raises(RuntimeError, match="-DNNOM_MAX_OUTPUTS=9"):
        cbuild.run_c(converted, qx, tmp_path / "default")
    got, _ = cbuild.run_c(converted, qx, tmp_path / "nine", flags=("-DNNOM_MAX_OUTPUTS=9",))
    assert all(np.array_equal(r, g) for r, g in zip(converted.run(qx), got))
