"""The converter's CMSIS-NN scratch sizes (nnom/cmsis_sizes.py, used by the
ops' cmsis_scratch) against CMSIS-NN's own *_get_buffer_size* functions,
compiled for the host from the copy NNOM_CMSIS_NN_DIR names, on random
shapes (convolution, depthwise convolution, average pooling, fully
connected; max pooling and softmax need no buffer in CMSIS-NN).

CMSIS-NN picks its variants from ARM_MATH_DSP / ARM_MATH_MVEI
(arm_nn_math_types.h, set from __ARM_FEATURE_DSP / __ARM_FEATURE_MVE). The
DSP build defines ARM_MATH_DSP and calls the generic functions. Its MVE
headers need arm_mve.h, which a host compiler lacks, so the Helium sizes
come from the *_mve functions the generic ones call under ARM_MATH_MVEI.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import cbuild
from nnom import backends, cmsis_sizes, memory
from nnom.geometry import window_output
from nnom.graph import Node
from nnom.ops.catalog import OPS, op_of

SOURCES = [
    "ConvolutionFunctions/arm_convolve_get_buffer_sizes_s8.c",
    "ConvolutionFunctions/arm_depthwise_conv_get_buffer_sizes_s8.c",
    "PoolingFunctions/arm_avgpool_get_buffer_sizes_s8.c",
    "FullyConnectedFunctions/arm_fully_connected_get_buffer_sizes_s8.c",
]
N_SHAPES = 400

DRIVER = r"""
#include <stdio.h>
#include <string.h>
#include "arm_nnfunctions.h"

/* one line per shape, the same fields for every kind:
 * kind ih iw cin kh kw cout stride_h stride_w dil_h dil_w pad_top pad_left oh ow mult */
int main(void)
{
    char kind[8];
    int v[15];
    while (scanf("%7s %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d", kind, &v[0], &v[1], &v[2],
                 &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12], &v[13],
                 &v[14]) == 16) {
        const cmsis_nn_dims in = {1, v[0], v[1], v[2]}, out = {1, v[12], v[13], v[5]};
        const cmsis_nn_tile stride = {v[7], v[6]}, pad = {v[11], v[10]}, dil = {v[9], v[8]};
        const cmsis_nn_activation act = {-128, 127};
        long dsp = 0, mve = 0;
        if (strcmp(kind, "conv") == 0) {
            const cmsis_nn_conv_params p = {0, 0, stride, pad, dil, act};
            const cmsis_nn_dims filter = {v[5], v[3], v[4], v[2]};
            dsp = arm_convolve_wrapper_s8_get_buffer_size(&p, &in, &filter, &out);
            mve = arm_convolve_wrapper_s8_get_buffer_size_mve(&p, &in, &filter, &out);
        } else if (strcmp(kind, "dw") == 0) {
            const cmsis_nn_dw_conv_params p = {0, 0, v[14], stride, pad, dil, act};
            const cmsis_nn_dims filter = {1, v[3], v[4], v[5]};
            dsp = arm_depthwise_conv_wrapper_s8_get_buffer_size(&p, &in, &filter, &out);
            mve = arm_depthwise_conv_wrapper_s8_get_buffer_size_mve(&p, &in, &filter, &out);
        } else if (strcmp(kind, "avg") == 0) {
            dsp = arm_avgpool_s8_get_buffer_size(v[13], v[2]);
            mve = arm_avgpool_s8_get_buffer_size_mve(v[13], v[2]);
        } else if (strcmp(kind, "fc") == 0) {
            const cmsis_nn_dims filter = {v[2], 1, 1, v[5]};
            dsp = arm_fully_connected_s8_get_buffer_size(&filter);
            mve = arm_fully_connected_s8_get_buffer_size_mve(&filter);
        }
        printf("%ld %ld\n", dsp, mve);
    }
    return 0;
}
"""


@pytest.fixture(scope="module")
def cmsis_sizes_exe(tmp_path_factory) -> Path:
    root = os.environ.get("NNOM_CMSIS_NN_DIR")
    if not root:
        pytest.skip("NNOM_CMSIS_NN_DIR does not name a CMSIS-NN copy")
    root = Path(root).resolve()
    if not (root / "Include" / "arm_nnfunctions.h").is_file():
        pytest.skip(f"NNOM_CMSIS_NN_DIR={root} has no Include/arm_nnfunctions.h")
    work = tmp_path_factory.mktemp("cmsis_sizes")
    driver = work / "driver.c"
    driver.write_text(DRIVER)
    exe = work / "sizes"
    cmd = [cbuild.CC, "-std=c99", f"-I{root / 'Include'}", "-DARM_MATH_DSP=1"]
    # CMSIS-NN's DSP inline helpers name Arm intrinsics; they are never called here
    cmd += ["-Wno-implicit-function-declaration", "-Wno-error=implicit-function-declaration"]
    cbuild.run(cmd + [str(driver), *(str(root / "Source" / s) for s in SOURCES), "-o", str(exe)])
    return exe


def _shape(rng: np.random.Generator) -> dict:
    one_row = rng.random() < 0.3  # CMSIS-NN's 1 x N convolution path
    kh = 1 if one_row else int(rng.integers(1, 5))
    kw = int(rng.integers(1, 6))
    dil = (1 if one_row else int(rng.integers(1, 3)), int(rng.integers(1, 3)))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    ih = 1 if one_row else int(rng.integers(1, 16))
    iw = int(rng.integers(1, 24))
    padding = str(rng.choice(["valid", "same"]))
    ek_h, ek_w = (kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1
    if padding == "valid" and (ih < ek_h or iw < ek_w):
        padding = "same"
    oh, pt, pb = window_output(ih, kh, stride[0], dil[0], padding)
    ow, pl, pr = window_output(iw, kw, stride[1], dil[1], padding)
    cin = int(rng.choice([1, 2, 3, 4, 5, 8, 12, 16, 24, 33]))
    mult = int(rng.choice([1, 1, 2, 3]))
    return {
        "in_hw": (ih, iw),
        "cin": cin,
        "kernel": (kh, kw),
        "strides": stride,
        "dilation": dil,
        "pads": (pt, pb, pl, pr),
        "padding": padding,
        "out_hw": (oh, ow),
        "cout": int(rng.integers(1, 40)),
        "mult": mult,
    }


def _line(kind: str, s: dict, cout: int) -> str:
    (ih, iw), (kh, kw), (oh, ow) = s["in_hw"], s["kernel"], s["out_hw"]
    fields = [ih, iw, s["cin"], kh, kw, cout, *s["strides"], *s["dilation"]]
    fields += [s["pads"][0], s["pads"][2], oh, ow, s["mult"]]
    return f"{kind} " + " ".join(str(int(v)) for v in fields)


def _cmsis(exe: Path, lines: list[str]) -> list[dict]:
    out = cbuild.run([str(exe)], input="\n".join(lines) + "\n").stdout.split("\n")
    rows = [line.split() for line in out if line.strip()]
    assert len(rows) == len(lines)
    return [{"dsp": int(d), "mve": int(m)} for d, m in rows]


def test_convolution_buffers_match_cmsis_nn(cmsis_sizes_exe):
    rng = np.random.default_rng(11)
    shapes = [_shape(rng) for _ in range(N_SHAPES)]
    got = _cmsis(cmsis_sizes_exe, [_line("conv", s, s["cout"]) for s in shapes])
    chosen = handed = 0
    for s, want in zip(shapes, got):
        for kind in backends.kinds():
            ours = cmsis_sizes.conv_wrapper(
                kind, s["cin"], *s["kernel"], s["strides"], s["dilation"], s["pads"],
                s["in_hw"], s["out_hw"],
            )  # fmt: skip
            assert ours == want[kind], (kind, s)
            # through the op and the planner, where the dispatch picks CMSIS-NN
            node = Node(
                name="c",
                op="conv2d",
                shape=(*s["out_hw"], s["cout"]),
                attrs={k: s[k] for k in ("kernel", "strides", "dilation", "pads", "padding")},
                weights={"kernel": np.zeros((*s["kernel"], s["cin"], s["cout"]), np.float32)},
            )
            picked = OPS["conv2d"].cmsis_scratch(node, kind, s["in_hw"])
            if picked is not None:  # None: the dispatch keeps the local kernel
                # where CMSIS-NN's entry hands the layer to the local kernel
                # at -O2, the larger of both buffers (nnom_cmsis_conv_scratch)
                shape = {"channels": s["cin"], "kernel": s["kernel"]}
                if backends.local_scratch_planned("conv", kind, **shape):
                    assert picked == max(want[kind], OPS["conv2d"].scratch(node)), (kind, s)
                    handed += picked > want[kind]
                else:
                    assert picked == want[kind], (kind, s)
                assert memory.scratch_of(node, backends.plan_name(kind), s["in_hw"]) == picked
                chosen += 1
    assert chosen > N_SHAPES // 4  # many shapes run CMSIS-NN's kernel
    assert handed > 0  # and some plan the local kernel's larger scratch


def test_depthwise_buffers_match_cmsis_nn(cmsis_sizes_exe):
    rng = np.random.default_rng(12)
    shapes = [_shape(rng) for _ in range(N_SHAPES)]
    got = _cmsis(cmsis_sizes_exe, [_line("dw", s, s["cin"] * s["mult"]) for s in shapes])
    for s, want in zip(shapes, got):
        node = Node(
            name="d",
            op="dwconv2d",
            shape=(*s["out_hw"], s["cin"] * s["mult"]),
            attrs={
                **{k: s[k] for k in ("kernel", "strides", "dilation", "pads", "padding")},
                "multiplier": s["mult"],
            },
        )
        for kind in backends.kinds():
            if op_of(node).cmsis_scratch(node, kind, s["in_hw"]) is None:
                continue  # the dispatch keeps the local group kernel there: no CMSIS-NN buffer
            planned = memory.scratch_of(node, backends.plan_name(kind), s["in_hw"])
            assert planned == want[kind], (kind, s)


def test_pooling_and_dense_buffers_match_cmsis_nn(cmsis_sizes_exe):
    rng = np.random.default_rng(13)
    shapes = [_shape(rng) for _ in range(N_SHAPES)]
    got = _cmsis(cmsis_sizes_exe, [_line("avg", s, s["cin"]) for s in shapes])
    for s, want in zip(shapes, got):
        node = Node(
            name="p",
            op="avgpool",
            shape=(*s["out_hw"], s["cin"]),
            attrs={k: s[k] for k in ("kernel", "strides", "pads", "padding")},
        )
        for kind in backends.kinds():
            if op_of(node).cmsis_scratch(node, kind, s["in_hw"]) is None:
                continue  # the dispatch keeps the local kernel there (DSP): no CMSIS-NN buffer
            assert memory.scratch_of(node, backends.plan_name(kind), s["in_hw"]) == want[kind]
    fc = _cmsis(cmsis_sizes_exe, [_line("fc", s, s["cout"]) for s in shapes])
    for s, want in zip(shapes, fc):
        node = Node(name="f", op="dense", shape=(s["cout"],))
        # DSP: CMSIS-NN's buffer; Helium: the kernel sums CMSIS-NN would keep
        # there are the converter's bias_folded, handed over as its buffer
        # (src/kernels/cmsis/nnom_cmsis_nn.c), so no arena bytes
        assert memory.scratch_of(node, "cmsis-nn-dsp") == want["dsp"] == 0
        assert memory.scratch_of(node, "cmsis-nn-mve") == 0 < want["mve"]
