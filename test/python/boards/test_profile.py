"""`nnom profile`: per-layer instructions on the emulated boards, its files and its target.

The example's CNN (examples/mnist-simple) is profiled on the Cortex-M4 once;
the tests check that the layers add up to the total, that the total is the
benchmark's count for the same build, that the layers are the model table's,
the command line's table, JSON and HTML (rendered by headless Chromium when
it is installed), several boards side by side, and the PlatformIO target.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnom
from nnom import qemucm
from nnom.cli import main as cli_main
from nnom.profile import profile_model, prune_flags, reference_io
from nnom.profile.flags import layer_constructors, model_masks, reports_paths
from nnom.profile.html import write_html
from nnom.profile.result import arena_buffers
from nnom.profile.text import side_by_side
from nnom.report import layer_errors

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))
import cmbuild  # noqa: E402

EXAMPLE = REPO / "examples" / "mnist-simple"
RUNS = 10  # what `nnom profile` runs by default, so the PlatformIO target's total matches
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

needs_arm = pytest.mark.skipif(
    bool(qemucm.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)
pytestmark = needs_arm


@pytest.fixture(scope="module")
def example():
    calib = np.load(EXAMPLE / "calib.npy")
    return nnom.convert(EXAMPLE / "model.h5", calib), calib


@pytest.fixture(scope="module")
def m4(example):
    converted, calib = example
    return profile_model(converted, calib, ["qemu_m4"], ["local"], runs=RUNS)[0]


def test_layers_add_up_to_the_bench_total(m4, example, tmp_path: Path) -> None:
    converted, calib = example
    layers = sum(layer.instructions for layer in m4.layers)
    assert 0 < m4.total_instructions - layers <= 0.01 * m4.total_instructions
    assert layers + m4.framework_instructions == pytest.approx(m4.total_instructions, abs=1e-6)

    # bench/run.py's firmware on the same model, inputs and build
    sys.path.insert(0, str(REPO / "bench"))
    import run as bench

    folder = tmp_path / "bench-model"
    folder.mkdir()
    converted.save_header(folder / "weights.h")
    qx, want = reference_io(converted, calib, RUNS)
    bench.write_data(folder / "bench_data.h", qx[0], want)
    model = bench.Model("example", converted, converted.plan.total_macs, 0.0, folder)
    counted = bench.measure(model, "m4", "local", "-O2", tmp_path)
    assert m4.total_instructions == counted["instructions"]
    assert (m4.arena_bytes, m4.mem_used) == (counted["arena"], counted["mem_used"])
    # the kernels are part of the layers' time, never more
    kernels = bench.measure(model, "m4", "local", "-O2", tmp_path, profile="kernels")["kernels"]
    assert 0 < kernels <= layers


def test_layers_are_the_model_table(m4, example) -> None:
    converted, _ = example
    plan = converted.plan
    assert len(m4.layers) == len(plan.layers)
    assert m4.arena_bytes == plan.arena_bytes and m4.macs == plan.total_macs
    for layer, want in zip(m4.layers, plan.layers):
        source = want.node.source if want.node is not None else want.name
        assert layer.name in (want.name, source)
        assert (layer.shape, layer.macs, layer.out_bytes) == (want.shape, want.macs, want.size)
        if want.external:
            assert layer.out_offset is None
        elif want.root == layer.index - 1:
            assert layer.out_offset == want.out_offset
        assert layer.scratch_bytes == want.scratch
        if want.scratch:
            assert layer.scratch_offset == want.scratch_offset
    # the timeline's lifetimes, from the device's addresses, are the planner's
    for buf in arena_buffers(m4.layers):
        if buf.kind == "output":
            assert buf.last == plan.layers[buf.layer - 1].last_use + 1, buf
    biggest = max(m4.layers, key=lambda layer: layer.instructions)
    assert biggest.macs == max(want.macs for want in plan.layers)


def test_command_prints_the_table_and_writes_json_and_html(
    m4, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out_json, out_html = tmp_path / "p.json", tmp_path / "p.html"
    args = ["profile", str(EXAMPLE / "model.h5"), "-c", str(EXAMPLE / "calib.npy")]
    args += ["--board", "qemu_m4", "--backend", "local", "--mhz", "100"]
    code = cli_main([*args, "--json", str(out_json), "--html", str(out_html)])
    out = capsys.readouterr().out
    assert code == 0, out
    for head in ("layer", "kind", "output shape", "MACs", "instructions", "instr/MAC", "share"):
        assert head in out
    for layer in m4.layers:
        row = next(t for t in out.splitlines() if re.match(rf"\s*{layer.index}\s", t))
        assert f"{round(layer.instructions):,}" in row and layer.kind in row
    total = f"{round(m4.total_instructions):,} per inference"
    assert total in out and "(framework)" in out
    assert f"{m4.total_instructions / 100e3:.2f} ms at 100 MHz (an estimate" in out

    data = json.loads(out_json.read_text())
    assert (data["board"], data["backend"]) == ("qemu_m4", "local")
    assert data["total_instructions"] == pytest.approx(m4.total_instructions, abs=0.01)
    assert [x["name"] for x in data["layers"]] == [layer.name for layer in m4.layers]
    assert [x["kind"] for x in data["layers"]] == [layer.kind for layer in m4.layers]
    assert [x["macs"] for x in data["layers"]] == [layer.macs for layer in m4.layers]
    summed = sum(x["instructions"] for x in data["layers"]) + data["framework_instructions"]
    assert summed == pytest.approx(data["total_instructions"], abs=0.05)
    assert data["arena_bytes"] == m4.arena_bytes
    assert data["ram_bytes"] > data["arena_bytes"]
    assert data["code_bytes"] == m4.runtime_code > 0
    assert data["weight_bytes"] == m4.weight_bytes
    assert data["runtime_code_bytes"] == m4.runtime_code
    assert data["shrink_code_bytes"] == m4.pruned_code > 0  # a Conv2D: its paths masked
    # the example has Conv2D layers and no depthwise one: the Conv2D mask alone
    assert data["shrink_flags"] == m4.shrink_flags == prune_flags(None, m4.conv_paths)
    assert data["profiles"][0]["total_instructions"] == data["total_instructions"]

    html = out_html.read_text()
    assert html.count("<svg") == 3  # time per layer, arena timeline, int8 error
    assert 'class="chart timeline"' in html and "int8 against float" in html
    assert not re.search(r"<script|<link|<img|src=|url\(", html)
    assert set(re.findall(r"https?://[^\s\"'<]+", html)) == {"http://www.w3.org/2000/svg"}


def test_masks_alone_are_the_profiles_line(
    m4, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """--masks (what custom_nnom_shrink runs): one build, the same flags as the
    full profile's shrink line; -Os has none to give."""
    out_json = tmp_path / "masks.json"
    args = ["profile", str(EXAMPLE / "model.h5"), "-c", str(EXAMPLE / "calib.npy"), "--masks"]
    assert cli_main([*args, "--backend", "local", "--json", str(out_json)]) == 0
    flags = m4.shrink_flags
    assert flags and capsys.readouterr().out.splitlines()[0] == f"build_flags = {flags}"
    assert json.loads(out_json.read_text()) == {"shrink_flags": flags}
    assert cli_main([*args, "--backend", "local", "--opt", "Os"]) == 0
    assert capsys.readouterr().out.startswith("nothing to leave out at -Os")


def test_a_zero_mask_is_set_where_the_model_has_such_layers(example) -> None:
    """A mask of 0 where the model has such layers and the build reports every
    path (-O2 on DSP cores): they all take the always-linked loops (or
    CMSIS-NN's kernel), so every named path is left out; it was taken for "no
    such layer" and dropped (the wake-word net on CMSIS-NN linked every
    Conv2D path). No such layer, or a build that reports no path: no flag."""
    conv, dw = {"nnom_conv2d_s"}, {"nnom_dwconv2d_s"}
    assert model_masks(conv, 0, 0, True) == (None, 0)
    assert model_masks(conv | dw, 0, 0, True) == (0, 0)
    assert prune_flags(0, 0) == "-DNNOM_DW_STEPS=0x0ULL -DNNOM_CONV_PATHS=0x0ULL"
    assert model_masks(conv | dw, 0, 0, False) == (None, None)
    assert model_masks(set(), 0, 0, True) == (None, None) and prune_flags(None, None) == ""
    assert model_masks(dw, 0x4, 0, True) == (0x4, None)
    assert reports_paths("cortex-m4", "-O2") and reports_paths("cortex-m55", "-O2")
    assert not reports_paths("cortex-m3", "-O2") and not reports_paths("cortex-m4", "-Os")
    assert not reports_paths("cortex-m4", "-O2", ["-DNNOM_LOCAL_NO_DSP"])
    assert layer_constructors(example[0]) >= conv and not layer_constructors(example[0]) & dw


def test_flash_holds_the_weights(m4, example) -> None:
    converted, _ = example
    constants = cmbuild.header_bytes(converted.header())
    assert constants > 0 and constants <= m4.weight_bytes <= constants + 2048


# A firmware whose calls take known frames: the painter must read each one's
# depth back (not the whole painted span, not nothing).
STACK_MAIN_C = r"""
#include <stdio.h>
#include "profile_stack.h"

#define FRAME(name, bytes) \
    static __attribute__((noinline)) unsigned name(unsigned k) \
    { \
        volatile unsigned char buf[bytes]; \
        for (unsigned i = 0; i < bytes; i++) \
            buf[i] = (unsigned char)(i + k); \
        return buf[k % bytes]; \
    }
FRAME(small_frame, 1000)
FRAME(large_frame, 3000)

int main(void)
{
    profile_stack_paint();
    unsigned v = small_frame(3);
    unsigned long small = (unsigned long)profile_stack_used();
    profile_stack_paint();
    v += large_frame(5);
    printf("stack small=%lu large=%lu v=%u\n", small, (unsigned long)profile_stack_used(), v);
    return 0;
}
"""


def test_stack_depth_reads_back_known_frames(tmp_path: Path) -> None:
    from nnom.profile.firmware import HERE, STACK_C

    main_c = tmp_path / "stack_main.c"
    main_c.write_text(STACK_MAIN_C)
    elf = qemucm.Firmware(board="m4", opt="-O2").link(
        tmp_path / "fw", main_c, [HERE], more=[(STACK_C, [])]
    )
    code, out = qemucm.run(elf, "m4")
    m = re.search(r"stack small=(\d+) large=(\d+)", out)
    assert code == 0 and m, out
    small, large = int(m[1]), int(m[2])
    assert 1000 <= small <= 1000 + 160, small  # the frame, saved registers, the margins
    assert 3000 <= large <= 3000 + 160, large


def test_stack_depth_is_reported(m4, example) -> None:
    # the mnist example's deepest kernel keeps a line copy on the stack
    assert 256 <= m4.stack_bytes <= 8192, m4.stack_bytes


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="renders the page in Chromium, which is not installed (apt-get install chromium; "
    "tools/install.sh leaves it out: 124 MB to download, 400 MB installed)",
)
def test_html_renders_in_headless_chromium(m4, example, tmp_path: Path) -> None:
    converted, calib = example
    page = write_html([m4], 80.0, "model.h5", tmp_path / "p.html", layer_errors(converted, calib))
    # measure what the browser laid out and painted, into the DOM it dumps
    probe = """<script>
const svgs = [...document.querySelectorAll('svg')].map(s => {
  const box = s.getBoundingClientRect();
  const rects = [...s.querySelectorAll('rect')].filter(r => r.getBoundingClientRect().width > 0);
  return {cls: s.getAttribute('class'), w: box.width, h: box.height, rects: rects.length,
          fills: [...new Set(rects.map(r => getComputedStyle(r).fill))].length};
});
const pre = document.createElement('pre');
pre.id = 'probe';
pre.textContent = JSON.stringify(svgs);
document.body.appendChild(pre);
</script></body>"""
    checked = tmp_path / "probe.html"
    checked.write_text(page.read_text().replace("</body>", probe))
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    cmd += [f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1100,2000"]
    proc = subprocess.run(
        [*cmd, "--dump-dom", checked.as_uri()], capture_output=True, text=True, timeout=120
    )
    m = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert m, proc.stdout[-2000:] + proc.stderr[-2000:]
    svgs = json.loads(m.group(1).replace("&quot;", '"'))
    assert [s["cls"] for s in svgs] == ["chart bars", "chart timeline", "chart bars"]
    for s in svgs:
        assert s["w"] > 500 and s["h"] > 100, s
    bars, timeline, errors = svgs
    assert bars["rects"] == len(m4.layers) + 1  # and the framework's
    assert errors["rects"] == len(m4.layers) - 1  # the Output layer copies its source
    assert timeline["rects"] > len(arena_buffers(m4.layers)) and timeline["fills"] > 3
    shot = tmp_path / "page.png"
    subprocess.run([*cmd, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_boards_side_by_side(m4, example) -> None:
    converted, calib = example
    backends = ["local", "cmsis-nn"] if os.environ.get(qemucm.CMSIS_ENV) else ["local"]
    boards = ["qemu_m4", "qemu_m7", "qemu_m55"]
    profiles = profile_model(converted, calib, boards, backends, runs=RUNS)
    assert [(p.board, p.backend) for p in profiles] == [(b, k) for b in boards for k in backends]
    assert profiles[0].layers == m4.layers  # the counts are exact and repeatable
    for p in profiles:
        layers = sum(layer.instructions for layer in p.layers)
        assert 0 < p.total_instructions - layers <= 0.01 * p.total_instructions
    assert len({p.total_instructions for p in profiles}) == len(profiles)
    table = side_by_side(profiles, 80.0, "model.h5")
    assert all(p.label in table for p in profiles)
    row = next(t for t in table.splitlines() if t.split()[:1] == ["instructions"])
    assert row.split()[1:] == [f"{round(p.total_instructions):,}" for p in profiles]


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            ["--backend", "cmsis-nn"],
            "--backend cmsis-nn needs a CMSIS-NN copy: set NNOM_CMSIS_NN_DIR",
        ),
        (["--board", "qemu_m9"], "--board qemu_m9: not an emulated board"),
        (["--backend", "tflm"], "--backend tflm: use local or cmsis-nn"),
        (["--runs", "0"], "--runs must be at least 1"),
    ],
)
def test_bad_options_are_one_line_errors(
    extra, message, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv(qemucm.CMSIS_ENV, raising=False)
    args = ["profile", str(EXAMPLE / "model.h5"), "-c", str(EXAMPLE / "calib.npy")]
    assert cli_main([*args, *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nnom: error: {message}") and err.count("\n") == 1, err


def test_model_errors_are_the_converters(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fake = tmp_path / "model.tflite"
    fake.write_bytes(b"TFL3 not a Keras model")
    assert cli_main(["profile", str(fake), "-c", str(EXAMPLE / "calib.npy")]) == 2
    assert cli_main(["profile", str(EXAMPLE / "model.h5")]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and all(e.startswith("nnom: error: ") for e in errors)
    assert "calibration data is required" in errors[1]


def test_platformio_target_profiles_the_projects_model(m4, tmp_path: Path) -> None:
    from test_pio import PIO, run_pio

    if PIO is None:
        pytest.skip("needs platformio (pip install 'nnom[pio]')")
    from nnom.pio_offline import make_offline_core

    root = tmp_path / "clone" / "nnom"  # the example inside a copy of the library
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pio")
    for part in ("src", "inc", "port", "extra_script", "nnom", "examples/mnist-simple"):
        shutil.copytree(REPO / part, root / part, ignore=ignore)
    for part in ("library.json", "test/test_custom_runner.py"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / part, root / part)
    project = root / "examples" / "mnist-simple"
    # the target profiles the env's build: make it the -O2 one the m4 fixture profiled
    ini = project / "platformio.ini"
    ini.write_text(
        ini.read_text().replace(
            "board = mps2_an386\n", "board = mps2_an386\nbuild_unflags = -Os\nbuild_flags = -O2\n"
        )
    )
    core = make_offline_core(tmp_path / "core")
    args = ["run", "-e", "qemu_m4", "-t", "nnom-profile"]
    code, output, _ = run_pio(args, project, core, tmp_path / "ws")
    assert code == 0, output
    assert "model.h5 on qemu_m4 (Cortex-M4, mps2-an386), local backend, -O2" in output
    assert "Compiling" not in output  # the target builds its own firmware, not the project's
    build = tmp_path / "ws" / "build" / "qemu_m4"
    data = json.loads((build / "nnom_profile.json").read_text())
    assert data["total_instructions"] == pytest.approx(m4.total_instructions, abs=0.01)
    assert (build / "nnom_profile.html").is_file()

    code, output, _ = run_pio(
        ["run", "-e", "native", "-t", "nnom-profile"], project, core, tmp_path
    )
    assert code != 0 and "nnom: error: env native has no Cortex-M core to emulate" in output
