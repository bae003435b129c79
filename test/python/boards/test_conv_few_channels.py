"""Convolutions with few input channels on the emulated Cortex-M4, bit-exact.

First layers (grey, RGB, spectrogram inputs) take their own paths: with 1
to 3 input channels at -O2 on DSP cores the gathered-window kernel of
nnom_local_conv_col_s8.c (windows of kh * kw * cin bytes rounded up to
words, channels four at a time, the last group partial, more than 64
channels in several chunks, the input's last row read by whole words);
5 to 7 channels the direct path's byte loops. Random shapes from a fixed
seed (kernels 1x1 to 5x5 and 10x4, strides 1-2, same/valid padding,
dilation, ReLU and ReLU6 clamps, odd filter counts) plus hand-picked ones
(among them requantisation shifts the kernel declines; few_channel_suite.py,
which bitexact/test_conv_few_channels_host.py runs on the host),
one firmware per backend, every output byte compared with the numpy
reference; -Os (the compact loop) runs them too.
"""

from __future__ import annotations

import sys

import pytest

import cbuild
import few_channel_suite

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402

needs_arm = pytest.mark.skipif(
    bool(cmbuild.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)


@pytest.fixture(scope="module")
def suite():
    return few_channel_suite.build_suite()


def test_shapes_cover_the_kernels(suite):
    """The random shapes reach both kernels: 1-3 and 5-7 input channels."""
    cins = {int(c.graph.nodes[0].shape[-1]) for _, c, _, _ in suite}
    assert {1, 2, 3} <= cins and cins & {5, 6, 7}


@needs_arm
@pytest.mark.parametrize("backend,opt", [("local", "-O2"), ("cmsis-nn", "-O2"), ("local", "-Os")])
def test_few_channel_convolutions_on_m4(backend, opt, suite, tmp_path):
    if backend == "cmsis-nn" and cmbuild.cmsis_nn_dir() is None:
        pytest.skip(f"CMSIS-NN backend: set {cmbuild.CMSIS_ENV} to a CMSIS-NN copy (v7.0.0+)")
    fw = cmbuild.Firmware(board="m4", opt=opt, backend=backend)
    sources = []
    for k, (_, converted, inputs, expected) in enumerate(suite):
        folder = tmp_path / f"m{k}"
        sources.append(
            (cmbuild.write_model_check(converted, inputs, expected, folder, k), [folder])
        )
    main = cmbuild.write_suite_main(list(range(len(suite))), tmp_path / "suite_main.c")
    elf = fw.link(tmp_path / "build", main, [], more=sources)
    _, output = cmbuild.run(elf, "m4")
    results = cmbuild.parse_models(output)
    assert f"nnom-suite models={len(suite)}" in output, output[-3000:]
    for k, (name, converted, _, _) in enumerate(suite):
        r = results.get(k)
        assert r is not None, f"{name}: no result line"
        assert r["status"] == 0, f"{name} ({backend} {opt}): status {r['status']}"
        assert r["mismatches"] == 0, (
            f"{name} ({backend} {opt}): {r['mismatches']} output bytes differ from the reference "
            f"(first at byte {r['first']})\n{converted.summary()}"
        )
