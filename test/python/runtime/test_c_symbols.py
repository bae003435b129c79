"""The C runtime keeps out of the user's namespace: every global symbol it
defines starts with nnom_, the short names (Conv2D, model_run, ...) are
macros, and NNOM_NO_SHORT_NAMES removes them, so a program with its own
Add(), Input(), Dense() or model_run() links."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

import cbuild
import keras_factory as kf
import nnom
from nnom import golden
from test_bitexact import calibration_data
from test_golden import build_and_run as golden_build_and_run

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402

CONFIGS = {
    "local": [],
    "chw": ["-DNNOM_USING_CHW"],
    "profile": ["-DNNOM_KERNEL_PROFILE"],
    "no-short-names": ["-DNNOM_NO_SHORT_NAMES"],
}
# CMSIS-NN backend, compiled for a DSP core and a Helium core (each has its
# own kernel tables and adapter functions)
CMSIS_CPUS = {
    "cmsis-nn-m4": ["-mcpu=cortex-m4", "-mfloat-abi=soft"],
    "cmsis-nn-m55": ["-mcpu=cortex-m55", "-mfloat-abi=hard"],
}


def _objects(cc: str, flags: list[str], workdir: Path) -> list[Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    objects = []
    for src in cbuild.sources():
        obj = workdir / (src.relative_to(cbuild.ROOT / "src").as_posix().replace("/", "_") + ".o")
        cbuild.run(
            [
                cc,
                *cbuild.WARNINGS,
                "-O1",
                *[f"-I{i}" for i in cbuild.INCLUDES],
                *flags,
                "-c",
                str(src),
                "-o",
                str(obj),
            ]
        )
        objects.append(obj)
    return objects


def _defined_globals(nm: str, objects: list[Path]) -> dict[str, list[str]]:
    """{symbol: [objects]} of the global symbols the objects define."""
    out: dict[str, list[str]] = {}
    listing = cbuild.run([nm, "-g", "--defined-only", *map(str, objects)]).stdout
    current = ""
    for line in listing.splitlines():
        if line.endswith(":"):
            current = Path(line[:-1]).name
            continue
        parts = line.split()
        if len(parts) == 3:
            out.setdefault(parts[2], []).append(current)
    return out


def _without_prefix(symbols: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: objs for name, objs in symbols.items() if not name.startswith("nnom_")}


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_every_global_symbol_has_the_prefix(config, tmp_path):
    objects = _objects(cbuild.CC, CONFIGS[config], tmp_path)
    symbols = _defined_globals("nm", objects)
    assert "nnom_model_run" in symbols and "nnom_Conv2D" in symbols
    foreign = _without_prefix(symbols)
    assert not foreign, f"{config}: global symbols without nnom_: {foreign}"


@pytest.mark.parametrize("cpu", sorted(CMSIS_CPUS))
def test_cmsis_nn_backend_symbols_have_the_prefix(cpu, tmp_path):
    cmsis = cmbuild.cmsis_nn_dir()
    if cmsis is None:
        pytest.skip("NNOM_CMSIS_NN_DIR is not set")
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("arm-none-eabi-gcc not found")
    flags = ["-mthumb", *CMSIS_CPUS[cpu], "-DNNOM_BACKEND_CMSIS_NN", f"-I{cmsis / 'Include'}"]
    objects = _objects("arm-none-eabi-gcc", flags, tmp_path)
    symbols = _defined_globals("arm-none-eabi-nm", objects)
    assert "nnom_cmsis_conv_s8" in symbols  # the adapter was compiled, not left empty
    foreign = _without_prefix(symbols)
    assert not foreign, f"{cpu}: global symbols without nnom_: {foreign}"


# The user's own functions with the short names of the API, next to a model
# built with the nnom_ names: links only if the runtime defines none of them.
USER_PROGRAM = r"""
#include <stdio.h>
#include "nnom.h"

int Add(int a, int b) { return a + b; }
int Input(void) { return 1; }
int Dense(int units) { return units * 2; }
int model_run(int steps) { return steps - 1; }
int PReLU(int x) { return x > 0 ? x : 0; } /* a short name from the generated nnom_ops.h */
static int kernel = 3, shape = 4; /* helper names of the Layer API */

static const int8_t weight[2 * 3] = {1, 2, 3, -1, -2, -3};
static const float weight_scale[2] = {0.01f, 0.01f};
static const int32_t bias[2] = {10, -10};
static const nnom_qparam_t in_q = {0.05f, 0};
static int8_t in_buf[3] = {10, 20, 30};
static int8_t out_buf[2];

int main(void)
{
    nnom_model_t model;
    nnom_layer_t *in, *x;
    const nnom_qparam_t dense_q = {0.02f, 0};
    const nnom_weight_t w = {weight, weight_scale, &dense_q};
    const nnom_bias_t b = {bias};
    nnom_new_model(&model);
    in = nnom_Input(nnom_shape_flat(3), &in_q, in_buf);
    x = model.hook(nnom_Dense(2, &w, &b), in);
    x = model.hook(nnom_Output(nnom_shape_flat(2), out_buf), x);
    if (nnom_model_compile(&model, in, x) != NN_SUCCESS)
        return 2;
    if (nnom_model_run(&model) != NN_SUCCESS)
        return 3;
    printf("user %d %d %d %d %d %d %d\n", Add(1, 2), Input(), Dense(4), model_run(5), kernel, shape,
           PReLU(-7));
    nnom_model_delete(&model);
    return 0;
}
"""


def test_program_with_its_own_short_names_links(tmp_path):
    lib = cbuild.library(("-DNNOM_NO_SHORT_NAMES",), sanitize=False)
    main = tmp_path / "user.c"
    main.write_text(USER_PROGRAM)
    exe = tmp_path / "user"
    cbuild.run(
        [
            cbuild.CC,
            *cbuild.WARNINGS,
            "-O1",
            "-DNNOM_NO_SHORT_NAMES",
            *[f"-I{i}" for i in cbuild.INCLUDES],
            str(main),
            str(lib),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    out = cbuild.run([str(exe)]).stdout
    assert "user 3 1 8 4 3 4 0" in out


SHORT_PROGRAM = r"""
#include <stdio.h>
#include "nnom.h"
#define STR_(x) #x
#define STR(x) STR_(x)

int main(void)
{
    printf("%s %s %s %s %s %s\n", STR(Dense), STR(model_run), STR(Input), STR(conv2d_s),
           STR(dw_conv2d_s), STR(PReLU));
    return model_run(NULL) == NN_SUCCESS; /* the short name calls the runtime */
}
"""


def test_short_names_are_the_prefixed_functions(tmp_path):
    """Without NNOM_NO_SHORT_NAMES the familiar names are the nnom_ functions."""
    main = tmp_path / "short.c"
    main.write_text(SHORT_PROGRAM)
    lib = cbuild.library((), sanitize=False)
    exe = tmp_path / "short"
    cbuild.run(
        [
            cbuild.CC,
            *cbuild.WARNINGS,
            "-O1",
            *[f"-I{i}" for i in cbuild.INCLUDES],
            str(main),
            str(lib),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    out = cbuild.run([str(exe)]).stdout
    assert out.split() == [
        "nnom_Dense",
        "nnom_model_run",
        "nnom_Input",
        "nnom_conv2d_s",
        "nnom_dwconv2d_s",
        "nnom_PReLU",
    ]


# ------------------------------------------- generated code, nnom_ names only

# the runtime's short names and the ops' (generated from their layer files)
SHORT_NAMES = {
    name
    for header in ("inc/nnom_short_names.h", "inc/nnom_ops.h")
    for name in re.findall(r"^#define (\w+) nnom_", (cbuild.ROOT / header).read_text(), re.M)
}
NO_SHORT = ("-DNNOM_NO_SHORT_NAMES",)


def _short_names_in(c_text: str) -> set[str]:
    """The API's short names used as C identifiers (comments and strings left out)."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\])*\"", " ", c_text, flags=re.S)
    return set(re.findall(r"(?<![\w.>])[A-Za-z_]\w*", code)) & SHORT_NAMES


def _rnn_merge_model():
    """The factory's recurrent stack next to a Dense branch, joined by Add and
    Concatenate: RNN cells, merges, Flatten, Dense and Softmax in one header."""
    import keras

    layers = keras.layers
    inputs = keras.Input((10, 4), name="seq")
    recurrent = kf.zoo_rnn()(inputs)
    flat = layers.Dense(2, name="flat_fc")(layers.Flatten(name="flat")(inputs))
    added = layers.Add(name="add")([recurrent, flat])
    x = layers.Concatenate(name="concat")([added, recurrent])
    x = layers.Dense(3, activation="softmax", name="out")(x)
    return keras.Model(inputs, x, name="rnn_merge")


# The Layer API has no recurrent layers: its header is checked on the
# factory's two-branch model (Add, Concatenate, BatchNorm, global pooling).
GENERATED = {
    "structured-rnn-merge": (_rnn_merge_model, "structured"),
    "structured-functional": (kf.zoo_functional, "structured"),
    "layer-functional": (kf.zoo_functional, "layer"),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_headers_need_no_short_names(case, tmp_path):
    """A converted model's header and the golden test compile with
    NNOM_NO_SHORT_NAMES (a firmware with its own Add() or Input()) and run
    bit-exact: every output byte and every layer's CRC-32 match the reference."""
    factory, api = GENERATED[case]
    model = factory()
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    calib = calibration_data(np.random.default_rng(7), shape, 32)
    converted = nnom.convert(model, calib)
    converted.save_header(tmp_path / "weights.h", api=api)
    golden.save_golden(converted, calib, 4, tmp_path / "nnom_golden.h")
    for name in ("weights.h", "nnom_golden.h"):
        short = _short_names_in((tmp_path / name).read_text())
        assert not short, f"{name} ({api} API) uses short names: {sorted(short)}"
    code, output = golden_build_and_run(tmp_path, NO_SHORT)
    assert code == 0, output
    assert "5 Tests 0 Failures 0 Ignored" in output, output


def test_short_name_scan_sees_calls_not_comments():
    text = '/* model_run() */ x = model.hook(Dense(2), in); printf("Add(");\n'
    assert _short_names_in(text) == {"Dense"}
