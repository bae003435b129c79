"""CHW builds (NNOM_USING_CHW) compute the same bytes as the HWC runtime.

The runtime built with -DNNOM_USING_CHW stores feature maps channel first
in its arena, while the user's buffers keep Keras' order (docs/architecture.md,
"CHW builds"). Here it runs, on the host under AddressSanitizer and
UndefinedBehaviorSanitizer: random Sequential models (half of them written
with the Layer API), random DAGs (every block, merge and Concatenate axis
of dag_factory), random recurrent models, every one-layer case of
test_layers_more, and Lambda layers whose C functions depend on the order.
Every output byte must equal the numpy reference (which the HWC build
matches), and the printed model table must equal the converter's CHW plan
(memory.plan(layout="chw")), so NNOM_ARENA_BYTES_CHW is the arena the
runtime takes; static memory is exact. One CHW firmware also runs DAGs and
layer models on the emulated Cortex-M4.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pytest

import cbuild
import dag_factory
import keras_factory as kf
import nnom
import rnn_models
from nnom import layout, memory
from nnom.graph import hwc

CHW = ("-DNNOM_USING_CHW",)
N_SEQUENTIAL = 160  # random Sequential models (test_bitexact's generator, other seeds)
N_DAGS = 72  # random DAGs besides test_dag_qemu's DAG_SEEDS (which cover every kind)
N_RNN = 36  # random recurrent models
CHUNKS = 4


def _calibration(rng: np.random.Generator, shape, n: int) -> np.ndarray:
    scale = float(10 ** rng.uniform(-1, 1))
    return rng.normal(float(rng.uniform(-1, 1)) * scale, scale, (n, *shape)).astype(np.float32)


def _check(converted, xs: list, workdir: Path, what: str, **kw) -> str:
    """Run the model in a CHW build: every output byte equals the reference,
    the table equals the converter's CHW plan. Returns what C printed."""
    qx = [converted.quantize(x, k) for k, x in enumerate(xs)]
    want = converted.run(qx)
    got, printed = cbuild.run_c(converted, qx, workdir, flags=CHW, **kw)
    for k, (w, g) in enumerate(zip(want, got)):
        diff = np.argwhere(w != g)
        assert diff.size == 0, (
            f"{what} output {k}: the CHW build differs from the reference at "
            f"{diff[:5].tolist()}\n{converted.summary('chw')}"
        )
    table = converted.summary("chw")
    assert table in printed, f"{what}: model tables differ\n{table}\n{printed}"
    return printed


def _inputs(calib: list) -> list:
    return [np.concatenate([c[:4], 3.0 * c[4:5]]) for c in calib]


# ------------------------------------------------------------ the layout rules


def _chw_index(shape: tuple[int, ...]) -> np.ndarray:
    """CHW position of each element, in Keras' (HWC) order."""
    h, w, c = hwc(shape)
    return np.arange(h * w * c).reshape(c, h, w).transpose(1, 2, 0).reshape(-1)


def test_reshape_is_a_view_exactly_when_no_byte_moves():
    shapes = []
    for n in range(1, 13):
        divisors = [a for a in range(1, n + 1) if n % a == 0]
        shapes += [(n,)] + [(a, n // a) for a in divisors]
        shapes += [(a, b, n // (a * b)) for a in divisors for b in divisors if n % (a * b) == 0]
    for a, b in itertools.product(shapes, shapes):
        if np.prod(a) != np.prod(b):
            continue
        moves = not np.array_equal(_chw_index(a), _chw_index(b))
        assert layout.reshape_is_view(a, b) == (not moves), (a, b)
    x = np.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5)
    assert np.array_equal(layout.from_chw(layout.to_chw(x, (3, 4, 5)), (3, 4, 5)), x)


def test_header_exports_the_chw_arena(tmp_path):
    import keras

    model = keras.Sequential(
        [keras.Input((5, 4, 4)), keras.layers.Conv2D(4, 3), keras.layers.Flatten()]
    )
    converted = nnom.convert(model, _calibration(np.random.default_rng(1), (5, 4, 4), 16))
    header = converted.header()
    chw = memory.plan(converted.graph, layout="chw")
    assert f"#define NNOM_ARENA_BYTES_CHW {chw.arena_bytes}" in header
    # the input is transposed from a Keras-order buffer outside the arena;
    # the flatten copies in CHW (a view in HWC); the output, a vector, is a
    # view in both
    flatten = [la for la in chw.layers if la.op == "flatten"]
    assert not flatten[0].view and chw.layers[-1].view
    hwc = memory.plan(converted.graph)
    assert [la for la in hwc.layers if la.op == "flatten"][0].view and hwc.layers[-1].view
    with pytest.raises(ValueError, match="local"):
        memory.plan(converted.graph, "cmsis-nn-dsp", layout="chw")


# ------------------------------------------------------------ random models


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_random_sequential_models(chunk, tmp_path):
    per = N_SEQUENTIAL // CHUNKS
    for seed in range(chunk * per, (chunk + 1) * per):
        rng = np.random.default_rng(30_000 + seed)
        model = kf.random_sequential_model(rng)
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = _calibration(rng, shape, 32)
        converted = nnom.convert(model, calib)
        causal = any(n.attrs.get("padding") == "causal" for n in converted.graph.nodes)
        api = "layer" if seed % 2 and not causal else "structured"
        _check(converted, _inputs([calib]), tmp_path / f"s{seed}", f"model seed {seed}", api=api)


def _dag_seeds() -> list[int]:
    from test_dag_qemu import DAG_SEEDS

    more = [s for s in range(1, 300, 3) if s not in DAG_SEEDS][:N_DAGS]  # convertible
    return list(DAG_SEEDS) + more


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_random_dags(chunk, tmp_path):
    seeds = _dag_seeds()
    per = -(-len(seeds) // CHUNKS)
    for seed in seeds[chunk * per : (chunk + 1) * per]:
        rng = np.random.default_rng(70_000 + seed)
        model, kinds = dag_factory.random_dag_model(rng)
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [_calibration(rng, s, 32) for s in shapes]
        converted = nnom.convert(model, calib)
        _check(converted, _inputs(calib), tmp_path / f"g{seed}", f"graph {seed} {sorted(kinds)}")


@pytest.mark.parametrize("chunk", range(2))
def test_random_recurrent_models(chunk, tmp_path):
    for seed in range(chunk * N_RNN // 2, (chunk + 1) * N_RNN // 2):
        rng = np.random.default_rng(50_000 + seed)
        model = rnn_models.random_rnn_model(rng)
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = _calibration(rng, shape, 32)
        # .h5: stacked cells of two kinds read from .keras files (and live
        # models) get their weights in the wrong order (a frontend issue)
        path = kf.save_model(model, tmp_path / f"r{seed}.h5", "h5-keras3")
        converted = nnom.convert(path, calib)
        what = f"recurrent seed {seed}: {rnn_models.describe(model)}"
        _check(converted, _inputs([calib]), tmp_path / f"r{seed}", what)


def test_every_layer_case(tmp_path):
    """test_layers_more's one-layer cases, grouped into multi-output models."""
    import keras

    from test_dag_qemu import layer_models

    for k, model in enumerate(layer_models(keras)):
        rng = np.random.default_rng(k)
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [_calibration(rng, s, 32) for s in shapes]
        converted = nnom.convert(model, calib)
        _check(converted, _inputs(calib), tmp_path / f"l{k}", f"layer model {k}")


def test_golden_vectors_check_every_layer(tmp_path):
    """nnom_golden_test.h in a CHW build: every layer's CRC-32 (read in
    Keras' order) equals the converter's, for the layer models and DAGs."""
    import keras

    from nnom import golden
    from test_dag_qemu import DAG_SEEDS, layer_models
    from test_golden import build_and_run

    models = [(f"l{k}", m, np.random.default_rng(k)) for k, m in enumerate(layer_models(keras))]
    for seed in DAG_SEEDS[:4]:
        rng = np.random.default_rng(70_000 + seed)
        models.append((f"g{seed}", dag_factory.random_dag_model(rng)[0], rng))
    for name, model, rng in models:
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [_calibration(rng, s, 32) for s in shapes]
        converted = nnom.convert(model, calib)
        folder = tmp_path / name
        folder.mkdir()
        converted.save_header(folder / "weights.h")
        golden.save_golden(converted, calib, 3, folder / "nnom_golden.h")
        code, output = build_and_run(folder, CHW)
        assert code == 0 and "4 Tests 0 Failures" in output, f"{name}: {output[-2000:]}"


def test_lambda_functions_see_keras_order(tmp_path):
    """The Lambda C functions of test_layers_more index their tensors in
    Keras' order; in a CHW build they still compute the reference."""
    import keras

    from test_layers_more import LAMBDA_C

    L = keras.layers
    inp = keras.Input((6, 3))
    x = L.Conv1D(4, 3, padding="same")(inp)
    y = L.Lambda(lambda t: t * 0.5 + 1.0, name="half_plus_one")(x)
    z = L.Lambda(lambda t: t[:, :3], name="first_half")(y)
    r = L.Lambda(lambda t: t[:, ::-1], name="reverse")(z)
    model = keras.Model(inp, L.Dense(2)(L.Flatten()(r)))
    kf.randomize_weights(model, np.random.default_rng(8))
    lambdas = {
        "half_plus_one": lambda t: t * np.float32(0.5) + np.float32(1.0),
        "first_half": lambda t: t[:, :3],
        "reverse": (lambda t: t[:, ::-1], lambda q: q[:, ::-1]),
    }
    calib = _calibration(np.random.default_rng(9), (6, 3), 32)
    converted = nnom.convert(model, calib, lambdas=lambdas)
    _check(converted, [calib[:5]], tmp_path, "lambda model", header_suffix=LAMBDA_C)
    assert any(la.op == "lambda" and la.scratch for la in converted.plan_for("chw").layers)


DENSE_ON_MAP_C = r"""
#include <stdio.h>
#include "nnom.h"

static const nnom_qparam_t q = {0.05f, 3}, out_q = {0.1f, -2};
static const int8_t w[4 * 12] = {1, -2, 3};
static const float w_scale[4] = {0.01f, 0.02f, 0.03f, 0.04f};
static const int32_t b[4] = {5, -5, 0, 1};
static const nnom_weight_t fc_w = {w, w_scale, &out_q};
static const nnom_bias_t fc_b = {b};
static int8_t in_buf[12], out_buf[4];

int main(void)
{
    nnom_model_t model;
    nnom_layer_t *x, *in;
    new_model(&model);
    x = in = Input(shape(2, 2, 3), &q, in_buf);
    x = model.hook(Dense(4, &fc_w, &fc_b), x); /* no Flatten before it */
    x = model.hook(Output(nnom_shape_flat(4), out_buf), x);
    nnom_status_t s = model_compile(&model, in, x);
    printf("status %d\n", (int)s);
    if (s == NN_SUCCESS)
        model_run(&model);
    model_delete(&model);
    return 0;
}
"""


def test_layer_api_models_in_a_chw_build(tmp_path):
    """The hand-written model of test_layer_api gives the converter's bytes
    in a CHW build; a Dense hooked to a feature map without a Flatten is a
    status code there (HWC reads it as flattened)."""
    import keras

    L = keras.layers
    keras.utils.set_random_seed(11)
    model = keras.Sequential(  # the layer names handwritten_model.c uses
        [
            keras.Input((10, 10, 1), name="image"),
            L.Conv2D(8, 3, padding="same", activation="relu", name="conv1"),
            L.MaxPooling2D(2),
            L.DepthwiseConv2D(3, padding="same", activation="relu6", name="dw1"),
            L.ZeroPadding2D(1),
            L.Conv2D(12, 3, strides=2, name="conv2"),
            L.Activation("sigmoid", name="sig"),
            L.UpSampling2D(2),
            L.Cropping2D(((1, 0), (0, 1))),
            L.AveragePooling2D(2, padding="same"),
            L.Flatten(),
            L.Dense(16, activation="relu", name="fc1"),
            L.Dense(5, name="fc2"),
            L.Softmax(name="softmax"),
        ]
    )
    x = np.random.default_rng(0).random((64, 10, 10, 1)).astype(np.float32)
    converted = nnom.convert(model, x)
    converted.save_header(tmp_path / "weights_layer_api.h", api="layer")
    (tmp_path / "dense.c").write_text(DENSE_ON_MAP_C)

    def build(source, flags, name, defines=()):
        return cbuild.program([source], tmp_path / name, flags, tuple(defines), (tmp_path,))

    hand = build(
        cbuild.ROOT / "test/python/c/handwritten_model.c",
        CHW,
        "hand",
        ['-DMODEL_HEADER="weights_layer_api.h"'],
    )
    qx = converted.quantize(x[:8])
    (tmp_path / "in.bin").write_bytes(qx.tobytes())
    cbuild.run([str(hand), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")])
    got = np.frombuffer((tmp_path / "out.bin").read_bytes(), np.int8).reshape(8, 5)
    assert np.array_equal(got, converted.run(qx)[0])

    for flags, status in (((), "status 0"), (CHW, "status -10")):
        out = cbuild.run([str(build(tmp_path / "dense.c", flags, f"dense{len(flags)}"))]).stdout
        assert status in out, out
    assert "Dense needs a vector" in out


# ------------------------------------------------------------ static memory


def test_static_buffer_is_exact(tmp_path):
    """NNOM_STATIC_BUF_BYTES (with NNOM_ARENA_BYTES_CHW) is exactly enough
    in a CHW build: the transposed input, a copying Flatten, a stateful
    recurrent layer gathering its steps."""
    keras = kf._keras()
    L = keras.layers
    inputs = keras.Input(batch_shape=(1, 6, 5, 2))
    x = L.Conv2D(3, 3, padding="same", activation="relu")(inputs)
    x = L.Reshape((12, 5))(L.Cropping2D(((1, 0), (0, 1)))(x))
    x = L.GRU(4, return_sequences=True, stateful=True)(x)
    x = L.Dense(3)(L.Flatten()(x))
    model = keras.Model(inputs, x)
    rng = np.random.default_rng(3)
    kf.randomize_weights(model, rng)
    calib = _calibration(rng, (6, 5, 2), 16)
    converted = nnom.convert(model, calib)
    kinds = {la.op: la for la in converted.plan_for("chw").layers}
    assert not kinds["input"].external and not kinds["flatten"].view and kinds["gru"].scratch
    converted.save_header(tmp_path / "weights.h")
    flags = ("-DNNOM_USING_STATIC_MEMORY", *CHW)
    exe = cbuild.program(
        [cbuild.ROOT / "test/python/c/static_buffer.c"],
        tmp_path / "static",
        flags,
        header=tmp_path / "weights.h",
    )
    qx = converted.quantize(calib[:5])
    (tmp_path / "in.bin").write_bytes(qx.tobytes())
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    result = cbuild.run([str(exe), str(tmp_path / "in.bin"), str(tmp_path / "out.bin")], env=env)
    assert "static buffer too small" in result.stdout
    assert converted.summary("chw") in result.stdout
    got = np.frombuffer((tmp_path / "out.bin").read_bytes(), np.int8).reshape(5, 3)
    assert np.array_equal(got, converted.run(qx)[0])


# ------------------------------------------------------------ emulated board


def test_dags_and_layers_on_cortex_m4(tmp_path):
    """One CHW firmware for the emulated Cortex-M4 (arm-none-eabi-gcc -O2):
    test_dag_qemu's DAGs and layer models, every output byte and the arena."""
    import sys

    sys.path.insert(0, str(cbuild.ROOT / "bench"))
    import cmbuild

    if cmbuild.tools_missing():
        pytest.skip("needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)")
    import keras

    from test_dag_qemu import DAG_SEEDS, layer_models

    models = []
    for seed in DAG_SEEDS:
        rng = np.random.default_rng(70_000 + seed)
        models.append((f"dag{seed}", dag_factory.random_dag_model(rng)[0], rng))
    for k, model in enumerate(layer_models(keras)):
        models.append((f"layers{k}", model, np.random.default_rng(k)))
    suite = []
    for name, model, rng in models:
        shapes = [tuple(int(d) for d in t.shape[1:]) for t in model.inputs]
        calib = [_calibration(rng, s, 32) for s in shapes]
        converted = nnom.convert(model, calib)
        qx = [converted.quantize(c[:2], k) for k, c in enumerate(calib)]
        want = converted.run(qx)
        inputs = [[q[r] for q in qx] for r in range(2)]
        expected = [[w[r] for w in want] for r in range(2)]
        suite.append((name, converted, inputs, expected))

    fw = cmbuild.Firmware(board="m4", opt="-O2", extra=CHW)
    budget, groups, used = cmbuild.flash_budget("m4", [fw.runtime()]), [[]], 0
    for k, (_, converted, _, _) in enumerate(suite):
        size = cmbuild.model_flash(converted)
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(k)
        used += size
    results: dict[int, dict] = {}
    for g, group in enumerate(groups):
        work = tmp_path / f"fw{g}"
        sources = []
        for k in group:
            _, converted, inputs, expected = suite[k]
            folder = work / f"m{k}"
            sources.append(
                (cmbuild.write_model_check(converted, inputs, expected, folder, k), [folder])
            )
        main = cmbuild.write_suite_main(group, work / "suite_main.c")
        elf = fw.link(work / "build", main, [], more=sources)
        _, output = cmbuild.run(elf, "m4")
        results.update(cmbuild.parse_models(output))
    for k, (name, converted, _, _) in enumerate(suite):
        r = results.get(k)
        assert r is not None and r["status"] == 0, f"{name}: {r}"
        assert r["mismatches"] == 0, f"{name}: {r['mismatches']} bytes differ on the Cortex-M4"
        assert r["arena"] == converted.plan_for("chw").arena_bytes, name
