"""Every op of the registry once, bit-exact: numpy reference against C on the
host (sanitizers on), in three small models. The fast tier's bit-exact check
(tools/test.sh -m fast); test_layers_more and test_bitexact cover the options.

An op added to nnom.ops.registry without a layer here fails
test_every_registered_op_is_covered.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import cbuild
from nnom import api, passes
from nnom.ops.batchnorm import BATCHNORM
from nnom.ops.identity import IDENTITY
from nnom.ops.registry import OPS

pytestmark = pytest.mark.fast

# An int8 copy: exact in int8, so the reference and C agree whatever the
# output quantisation is.
COPY_C = r"""
nnom_status_t copy(const nnom_tensor_t *in, nnom_tensor_t *out)
{
    uint32_t n = nnom_shape_size(&in->shape);
    if (n != nnom_shape_size(&out->shape))
        return NN_SIZE_MISMATCH;
    for (uint32_t i = 0; i < n; i++)
        out->data[i] = in->data[i];
    return NN_SUCCESS;
}
"""
LAMBDAS = {"copy": (lambda t: t, lambda q: q)}


def _cnn(keras):
    """Convolutions, pooling, borders, merges, standalone BN/activation, Lambda."""
    L = keras.layers
    inp = keras.Input((8, 8, 3))
    x = L.ZeroPadding2D(1)(inp)
    x = L.Conv2D(4, 3)(x)
    x = L.PReLU(shared_axes=[1, 2])(x)
    x = L.DepthwiseConv2D(3, padding="same")(x)
    x = L.Dropout(0.5)(x)
    up = L.Conv2DTranspose(4, 2, strides=2)(x)  # 16x16
    up = L.Cropping2D(1)(L.MaxPooling2D(2)(up))  # 6x6
    a = L.AveragePooling2D(3, strides=1)(x)  # 6x6
    s = L.Add()([up, a])
    d = L.Subtract()([up, a])
    m = L.Multiply()([s, d])
    c = L.Activation("tanh")(L.Concatenate()([m, s]))  # concat takes no activation
    c = L.BatchNormalization()(c)
    c = L.Lambda(lambda t: t, name="copy")(c)
    small = L.MaxPooling2D(2)(c)
    big = L.UpSampling2D(2)(small)
    g1 = L.GlobalMaxPooling2D()(big)
    g2 = L.GlobalAveragePooling2D()(c)
    flat = L.Flatten()(L.Reshape((9, 8))(small))
    out = L.Softmax()(L.Dense(5)(L.Concatenate()([g1, g2, flat])))
    return keras.Model(inp, out)


def _rnn(keras):
    L = keras.layers
    inp = keras.Input((5, 3))
    x = L.SimpleRNN(4, return_sequences=True)(inp)
    x = L.LSTM(4, return_sequences=True)(x)
    x = L.GRU(4)(x)
    return keras.Model(inp, L.Dense(3)(x))


def _pools(keras):
    """Sum pooling has no Keras layer: average pooling renamed in the IR,
    as the C API and the .tflite frontend produce it."""
    L = keras.layers
    inp = keras.Input((7, 6, 3))
    a = L.AveragePooling2D(3, strides=2, padding="same")(inp)
    b = L.GlobalAveragePooling2D()(inp)
    return keras.Model(inp, [a, b])


SUM_POOLS = {"avgpool": "sumpool", "global_avgpool": "global_sumpool"}
MODELS = {"cnn": (_cnn, (8, 8, 3)), "rnn": (_rnn, (5, 3)), "pools": (_pools, (7, 6, 3))}


def _randomize(model, rng):
    for var in model.weights:
        if var.name in ("moving_variance", "gamma"):
            v = rng.uniform(0.5, 1.5, var.shape)
        else:
            v = rng.normal(0.0, 0.5, var.shape)
        var.assign(v.astype("float32"))


def _convert(name: str, seed: int):
    """(ops read from Keras, converted model)."""
    import keras

    make, shape = MODELS[name]
    model = make(keras)
    _randomize(model, np.random.default_rng(seed))
    graph = api.to_graph(api.load_keras(model), LAMBDAS)
    read = {node.op for node in graph.nodes}
    graph = passes.optimise(graph)
    if name == "pools":
        for node in graph.nodes:
            node.op = SUM_POOLS.get(node.op, node.op)
    x = np.random.default_rng(seed + 1).normal(0.0, 1.0, (32, *shape)).astype(np.float32)
    return read, api.convert_graph(graph, x), x


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """name -> (ops read from Keras, reference outputs, C outputs, C's model table)."""
    out = {}
    for seed, name in enumerate(MODELS):
        read, model, x = _convert(name, seed)
        qx = model.quantize(np.concatenate([x[:4], 3.0 * x[4:5]]))
        workdir = tmp_path_factory.mktemp(name)
        got, printed = cbuild.run_c(model, [qx], workdir, header_suffix=COPY_C)
        assert model.summary() in printed, f"{name}: the C model table differs"
        out[name] = (read, model.run(qx), got, printed)
    return out


@pytest.mark.parametrize("name", list(MODELS))
def test_c_equals_the_reference(name, runs):
    _, want, got, _ = runs[name]
    for k, (w, g) in enumerate(zip(want, got)):
        assert np.array_equal(w, g), f"{name} output {k}: C differs at {np.argwhere(w != g)[:5]}"


# Ops that never run as their own layer: passes.optimise removes no-ops and
# turns BatchNormalization into a folded convolution or a 1x1 depthwise one.
REWRITTEN = {IDENTITY.name, BATCHNORM.name}


def test_every_registered_op_is_covered(runs):
    """Each op of the registry is a layer of a model table printed by C (or,
    for REWRITTEN ops, was read from Keras)."""
    ran = {
        m.group(1)
        for _, _, _, printed in runs.values()
        for m in re.finditer(r"^#\d+\s+(\S+)", printed, re.MULTILINE)
    }
    read = set().union(*(r for r, _, _, _ in runs.values()))
    missing = [
        name
        for name, op in OPS.items()
        if op.table_name not in ran and not (name in REWRITTEN and name in read)
    ]
    assert not missing, f"ops of nnom.ops.registry in none of the models here: {missing}"
