"""NNoM benchmark on the emulated Cortex-M boards: speed, RAM and flash.

    .venv/bin/python bench/run.py                 # every board, local backend
    NNOM_CMSIS_NN_DIR=/path/to/CMSIS-NN .venv/bin/python bench/run.py   # + CMSIS-NN
    .venv/bin/python bench/run.py --boards m4 --models guide --markdown
    .venv/bin/python bench/run.py --boards m4 --models tiny --variant trained

Builds the models of bench/models.py (fixed seeds; --variant trained:
the trained-like ones of bench/trained.py), converts them,
and for every board (M3, M4, M7, M33, M55) and backend builds a firmware
at -O2 and at -Os with 10 inputs and the outputs the numpy reference
expects; runs it under QEMU (qemucm, -icount: instruction counts are exact
and identical from run to run) and reports:

- instructions per inference (mean of 10, -O2 and -Os) and per MAC,
- arena bytes and RAM taken (nnom_mem_used(): arena + layer structures),
  without and with the model's input and output buffers (I/O),
- the deepest stack model_run() takes, -O2 and -Os (painted before the
  runs and read back after them: nnom/profile/profile_stack.c),
- NNoM runtime code and data (-Os, after --gc-sections; CMSIS-NN, the
  model's weights and the C library not counted), from the linker map,
- on the M4, the framework's share: instructions outside the kernels
  (a second -O2 build with NNOM_KERNEL_PROFILE counts the kernels), and
  per layer kind (a third times every layer, BENCH_LAYER_TIMES, the
  counter's own cost taken off): instructions per MAC, or per element for
  layers without MACs,
- the converter's wall time per model (the one column that varies).

Every output byte of every inference is compared with the reference; a
mismatch stops the benchmark.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import cmbuild  # noqa: E402

from nnom.profile import PRUNED_SLACK  # noqa: E402
from nnom.profile.firmware import HERE as TIMER_DIR  # noqa: E402
from nnom.profile.firmware import STACK_C, TIMER_C  # noqa: E402
from nnom.profile.flags import layer_constructors, model_masks, prune_flags  # noqa: E402

RUNS = 10
PROFILE_BOARD = "m4"
# The M4's two counting builds, apart so that neither's stopwatch lands in the
# other's figures: "kernels" times every kernel call (NNOM_KERNEL_PROFILE),
# "layers" every layer (BENCH_LAYER_TIMES, the counter's own cost taken off).
PROFILE_FLAGS = {"kernels": ("-DNNOM_KERNEL_PROFILE",), "layers": ("-DBENCH_LAYER_TIMES",)}
BOARD_NAMES = {
    "m3": "Cortex-M3",
    "m4": "Cortex-M4",
    "m7": "Cortex-M7",
    "m33": "Cortex-M33",
    "m55": "Cortex-M55",
}


@dataclass
class Model:
    name: str
    converted: object
    macs: int
    convert_s: float
    folder: Path


@dataclass
class Result:
    instructions: float = 0.0
    kernels: float = 0.0
    mem_used: int = 0
    arena: int = 0
    code: int = 0
    data: int = 0


def build_models(
    names: list[str], work: Path, variant: str = "random", cache: Path | None = None
) -> list[Model]:
    import models as bench_models
    import trained

    import nnom

    out = []
    for name in names:
        if variant == "trained":
            keras_model = trained.build(name, cache)
        else:
            keras_model = bench_models.MODELS[name]()
        path = work / f"{name}.h5"
        keras_model.save(path)
        shape = tuple(int(d) for d in keras_model.inputs[0].shape[1:])
        if variant == "trained":
            calib = trained.data(name, shape, 200, seed=1)[0]
        else:
            calib = bench_models.calibration(name, shape, 200)
        start = time.perf_counter()
        converted = nnom.convert(path, calib)
        elapsed = time.perf_counter() - start
        folder = work / name
        folder.mkdir()
        converted.save_header(folder / "weights.h")
        if variant == "trained":
            x = trained.data(name, shape, RUNS, seed=2)[0]
        else:
            x = bench_models.calibration(name, shape, RUNS, seed=1)
        qx = converted.quantize(x)
        want = converted.run(qx)
        write_data(folder / "bench_data.h", qx, want)
        out.append(Model(name, converted, converted.plan.total_macs, elapsed, folder))
    return out


def write_data(path: Path, qx: np.ndarray, want: list[np.ndarray]) -> None:
    n = qx.shape[0]
    exp = np.concatenate([w.reshape(n, -1) for w in want], axis=1)
    lines = [f"#define BENCH_RUNS {n}", f"#define BENCH_OUTPUT_BYTES {exp.shape[1]}"]
    for r in range(n):
        lines.append(f"static const int8_t bench_in{r}[] = {cmbuild.c_bytes(qx[r].reshape(-1))};")
    refs = ", ".join(f"{{bench_in{r}}}" for r in range(n))
    lines.append(f"static const int8_t *const bench_inputs[BENCH_RUNS][1] = {{{refs}}};")
    rows = ", ".join(cmbuild.c_bytes(exp[r]) for r in range(n))
    lines.append(
        f"static const int8_t bench_expected[BENCH_RUNS][BENCH_OUTPUT_BYTES] = {{{rows}}};"
    )
    path.write_text("\n".join(lines) + "\n")


_LINE = re.compile(
    r"nnom-bench runs=(\d+) instructions=(\d+) kernel_instructions=(\d+) "
    r"mismatches=(\d+) first_mismatch=(-?\d+) mem_used=(\d+) arena=(\d+) io=(\d+) "
    r"status=(-?\d+) stack=(\d+)"
)
_LAYER = re.compile(r"nnom-layer (\d+) (\S+) (\d+) (\d+)")
_DW_STEPS = re.compile(r"nnom-dw-steps 0x([0-9a-f]+)")
_CONV_PATHS = re.compile(r"nnom-conv-paths 0x([0-9a-f]+)")
# the Conv2D paths taken: a runtime that records them, bench_main prints them
CONV_REPORT = ("-DNNOM_CONV_PATHS_REPORT", "-DBENCH_CONV_PATHS")
# a pruned run's instructions against the full build's, a depthwise layer:
# the dispatcher's switch compiles a little otherwise (measured: -7 to +1)
DW_SLACK = 8
_RUN = re.compile(r"nnom-run (\d+) (\d+)")


def firmware(board: str, opt: str, backend: str, flags: tuple[str, ...] = ()):
    """The build with these flags; bench_main's own (-DBENCH_...) go to it
    alone: the runtime never reads them, so it is not built again for them."""
    main = tuple(f for f in flags if f.startswith("-DBENCH_"))
    lib = tuple(f for f in flags if f not in main)
    return cmbuild.Firmware(board=board, opt=opt, backend=backend, extra=lib, main_extra=main)


def measure(
    model: Model,
    board: str,
    backend: str,
    opt: str,
    work: Path,
    profile: str = "",
    extra: tuple[str, ...] = (),
    tag: str = "",
) -> dict:
    """One firmware's figures; profile: "" (plain), "kernels" or "layers" (PROFILE_FLAGS);
    extra: more compiler flags (tag: the build folder's suffix for them)."""
    flags = (*(PROFILE_FLAGS[profile] if profile else ()), *extra)
    fw = firmware(board, opt, backend, flags)
    folder = work / (
        f"{model.name}-{board}{opt}-{backend}{'-' + profile if profile else ''}"
        f"{'-' + tag if tag else ''}"
    )
    elf = fw.link(
        folder,
        HERE / "bench_main.c",
        [model.folder, TIMER_DIR],
        more=[(TIMER_C, []), (STACK_C, [])],
    )
    code, output = cmbuild.run(elf, board)
    m = _LINE.search(output)
    if m is None or code != 0:
        raise SystemExit(
            f"bench: {model.name} on {board} {opt} {backend} failed (exit {code}):\n"
            f"{output[-2000:]}"
        )
    runs, instr, kern, mism, first, mem, arena, io, status, stack = (int(v) for v in m.groups())
    if mism or status:
        raise SystemExit(
            f"bench: {model.name} on {board} {opt} {backend}: {mism} output bytes "
            f"differ from the reference (first {first}), status {status}"
        )
    size = cmbuild.runtime_size(folder / "firmware.map")
    return {
        "instructions": instr / runs,
        "kernels": kern / runs,
        "mem_used": mem,
        "arena": arena,
        "io": io,
        "stack": stack,
        "code": size["code"],
        "data": size["data"],
        "layers": [(int(i), int(macs), int(t) / runs) for i, _, macs, t in _LAYER.findall(output)],
        "dw_steps": int(s.group(1), 16) if (s := _DW_STEPS.search(output)) else None,
        "runs": [int(t) for _, t in _RUN.findall(output)],  # (BENCH_DW_STEPS builds)
        "conv_paths": int(p.group(1), 16) if (p := _CONV_PATHS.search(output)) else None,
    }


def dw_steps(model: Model, board: str, backend: str, work: Path) -> int:
    """The depthwise steps (inc/nnom_dw_steps.h bits) the model's layers take at -O2."""
    return steps_run(model, board, backend, work)["dw_steps"]


def steps_run(model: Model, board: str, backend: str, work: Path) -> dict:
    """The full -O2 build's figures with the steps taken and each run's count."""
    return measure(model, board, backend, "-O2", work, extra=("-DBENCH_DW_STEPS",), tag="steps")


def conv_paths(model: Model, board: str, backend: str, work: Path) -> int:
    """The Conv2D paths (inc/nnom_conv_paths.h bits) the model's layers take at -O2."""
    res = measure(model, board, backend, "-O2", work, extra=CONV_REPORT, tag="paths")
    return res["conv_paths"]


def layer_count(model: Model, op: str) -> int:
    return sum(1 for layer in model.converted.plan.layers if layer.op == op)


def pruned_slack(model: Model) -> int:
    """Instructions a run of the pruned build may differ by from the full one's:
    the dispatchers and kernels compile a little otherwise with fewer paths."""
    return DW_SLACK * layer_count(model, "dwconv2d") + PRUNED_SLACK * layer_count(model, "conv2d")


def pruned(
    model: Model, board: str, backend: str, work: Path, dw: int | None, conv: int | None
) -> dict:
    """The -O2 build that links only these depthwise steps and Conv2D paths
    (NNOM_DW_STEPS, NNOM_CONV_PATHS; None: that mask not set): its figures, with
    "runs", "dw_steps" and "conv_paths" from builds that report them (whose
    code would count the queries')."""
    flags = tuple(prune_flags(dw, conv).split())
    res = measure(model, board, backend, "-O2", work, extra=flags, tag="pruned")
    told = measure(
        model, board, backend, "-O2", work, extra=(*flags, "-DBENCH_DW_STEPS"), tag="pruned-steps"
    )
    paths = measure(
        model, board, backend, "-O2", work, extra=(*flags, *CONV_REPORT), tag="pruned-paths"
    )
    return {
        **res,
        "runs": told["runs"],
        "dw_steps": told["dw_steps"],
        "conv_paths": paths["conv_paths"],
    }


def prebuild(boards: list[str], backends: list[str]) -> None:
    """Build the runtime (and CMSIS-NN) libraries once per configuration."""
    for board in boards:
        for backend in backends:
            for opt in ("-O2", "-Os"):
                fw = cmbuild.Firmware(board=board, opt=opt, backend=backend)
                fw.runtime()
                if backend == "cmsis-nn":
                    fw.cmsis_library()
                if board == PROFILE_BOARD and opt == "-O2":
                    for extra in PROFILE_FLAGS.values():
                        firmware(board, opt, backend, extra).runtime()


def run_all(models: list[Model], boards: list[str], backends: list[str], work: Path):
    jobs = []
    for model in models:
        for board in boards:
            for backend in backends:
                for opt in ("-O2", "-Os"):
                    jobs.append((model, board, backend, opt, ""))
                if board == PROFILE_BOARD:
                    jobs += [(model, board, backend, "-O2", p) for p in PROFILE_FLAGS]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        values = list(pool.map(lambda j: measure(j[0], j[1], j[2], j[3], work, j[4]), jobs))
    return {(j[0].name, j[1], j[2], j[3], j[4]): v for j, v in zip(jobs, values)}


def fmt_m(x: float) -> str:
    return f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:.1f} k"


def table(models, boards, backends, res, markdown: bool) -> str:
    head = [
        "model",
        "backend",
        "instr/inference -O2",
        "instr/MAC",
        "-Os",
        "-Os/-O2",
        "arena B",
        "arena+I/O B",
        "RAM B",
        "RAM+I/O B",
        "stack B -O2",
        "stack B -Os",
        "code B (-Os)",
        "code B -O2",
        "data B",
    ]
    out = []
    for board in boards:
        rows = []
        for model in models:
            for backend in backends:
                o2 = res[(model.name, board, backend, "-O2", "")]
                os_ = res[(model.name, board, backend, "-Os", "")]
                row = [
                    model.name,
                    backend,
                    fmt_m(o2["instructions"]),
                    f"{o2['instructions'] / model.macs:.2f}",
                    fmt_m(os_["instructions"]),
                    f"{os_['instructions'] / o2['instructions']:.2f}",
                    str(o2["arena"]),
                    str(o2["arena"] + o2["io"]),
                    str(o2["mem_used"]),
                    str(o2["mem_used"] + o2["io"]),
                    str(o2["stack"]),
                    str(os_["stack"]),
                    str(os_["code"]),
                    str(o2["code"]),
                    str(os_["data"]),
                ]
                prof = res.get((model.name, board, backend, "-O2", "kernels"))
                if prof is not None:
                    framework = o2["instructions"] - prof["kernels"]
                    row.append(f"{100.0 * framework / o2['instructions']:.2f}%")
                rows.append(row)
        cols = head + (["framework"] if board == PROFILE_BOARD else [])
        title = f"{BOARD_NAMES[board]} ({cmbuild.BOARDS[board]})"
        if markdown:
            out.append(f"### {title}\n")
            out.append("| " + " | ".join(cols) + " |")
            out.append("|" + "|".join("---" for _ in cols) + "|")
            out += ["| " + " | ".join(r) + " |" for r in rows]
            out.append("")
        else:
            widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
            out.append(title)
            out.append("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
            out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
            out.append("")
    return "\n".join(out)


def _render(title: str, cols: list[str], rows: list[list[str]], markdown: bool) -> str:
    """A titled table: Markdown, or plain text in padded columns."""
    if markdown:
        out = [f"### {title}\n", "| " + " | ".join(cols) + " |"]
        out.append("|" + "|".join("---" for _ in cols) + "|")
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(out) + "\n"
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    out = [title, "  ".join(c.ljust(w) for c, w in zip(cols, widths))]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
    return "\n".join(out) + "\n"


def pruned_table(models, backends, res, work: Path, markdown: bool) -> str:
    """Per model on the profile board: the -O2 runtime code of the full build
    and of the build with only the depthwise steps and the Conv2D paths the
    model takes (NNOM_DW_STEPS and NNOM_CONV_PATHS as `nnom profile` prints
    them, docs/profile.md), whose paths must be the same and instructions
    the same but a few a layer."""
    cols = [
        "model",
        "backend",
        "NNOM_DW_STEPS",
        "NNOM_CONV_PATHS",
        "code B -O2",
        "pruned code B -O2",
        "instr runs 2+",
    ]
    rows = []
    for model in models:
        for backend in backends:
            full = res[(model.name, PROFILE_BOARD, backend, "-O2", "")]
            told = steps_run(model, PROFILE_BOARD, backend, work)
            # the profile board at -O2 reports every path: a mask of 0 with
            # such layers is set too (they all take the always-linked loops)
            dw, conv = model_masks(
                layer_constructors(model.converted),
                told["dw_steps"],
                conv_paths(model, PROFILE_BOARD, backend, work),
                reported=True,
            )
            if dw is None and conv is None:
                continue  # no depthwise or Conv2D layer
            cut = pruned(model, PROFILE_BOARD, backend, work, dw, conv)
            kept = told["runs"]
            # the same paths, and no more instructions but a few a layer, as
            # nnom profile checks (the kernels compile otherwise with fewer
            # paths: measured, DS-CNN -220 a run; the first run asks fewer steps)
            slack = pruned_slack(model)
            if (
                cut["dw_steps"] != (dw or 0)
                or cut["conv_paths"] != (conv or 0)
                or any(c > k + slack for c, k in zip(cut["runs"], kept))
            ):
                raise SystemExit(f"bench: {model.name} pruned ran other paths")
            change = sum(cut["runs"][1:]) / max(len(cut["runs"]) - 1, 1) - sum(kept[1:]) / max(
                len(kept) - 1, 1
            )
            rows.append(
                [
                    model.name,
                    backend,
                    "-" if dw is None else f"{dw:#x}",
                    "-" if conv is None else f"{conv:#x}",
                    str(full["code"]),
                    str(cut["code"]),
                    f"{change:+.0f}",
                ]
            )
    title = f"Pruned depthwise steps and Conv2D paths, {BOARD_NAMES[PROFILE_BOARD]} -O2"
    if not rows:
        return f"{title}: no model with depthwise or Conv2D layers on the local paths\n"
    return _render(title, cols, rows, markdown)


def _tiny() -> list[str]:
    import models as bench_models

    return bench_models.TINY


def layer_kind(layer) -> str:
    """A layer's kind for the per-kind table: op, and kernel shape for convolutions."""
    node = layer.node
    if node is None:
        return layer.op
    if layer.op in ("conv2d", "dwconv2d"):
        kh, kw = node.attrs["kernel"]
        name = "Conv" if layer.op == "conv2d" else "DW_Conv"
        return f"{name} {kh}x{kw}"
    return layer.op


def kinds_table(models, backends, res, markdown: bool) -> str:
    """Per model and layer kind on the profile board (-O2): instructions per
    MAC, or per output element for the layers without MACs."""
    cols = ["model", "kind", "layers", "MACs / elements"]
    cols += [f"{b} instr" for b in backends] + [f"{b} per MAC/elem" for b in backends]
    cols.append("share")
    rows = []
    for model in models:
        plan = model.converted.plan.layers
        kinds: dict[str, list] = {}
        for b_i, backend in enumerate(backends):
            prof = res[(model.name, PROFILE_BOARD, backend, "-O2", "layers")]
            for index, macs, instr in prof["layers"]:
                layer = plan[index]
                if layer.macs != macs:
                    raise SystemExit(f"bench: {model.name} layer {index}: MACs differ from plan")
                k = kinds.setdefault(layer_kind(layer), [0, 0, [0.0] * len(backends)])
                if b_i == 0:
                    k[0] += 1
                    k[1] += macs if macs else layer.size
                k[2][b_i] += instr
        total = sum(k[2][0] for k in kinds.values())
        for kind, (n, work, instr) in sorted(kinds.items(), key=lambda kv: -kv[1][2][0]):
            unit = "/MAC" if any(x.macs for x in plan if layer_kind(x) == kind) else "/elem"
            rows.append(
                [model.name, kind, str(n), str(work)]
                + [fmt_m(i) for i in instr]
                + [f"{i / max(work, 1):.2f}{unit}" for i in instr]
                + [f"{100.0 * instr[0] / max(total, 1):.1f}%"]
            )
    title = f"Per layer kind, {BOARD_NAMES[PROFILE_BOARD]} -O2 (share: of the first backend)"
    return _render(title, cols, rows, markdown)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", default=",".join(cmbuild.BOARDS))
    parser.add_argument(
        "--models",
        default="guide,mlp,resnet8,mobilenet,dscnn,wakeword,autoencoder",
        help="comma-separated names of bench/models.py; 'tiny' = issue 13's five",
    )
    parser.add_argument(
        "--backends",
        default=None,
        help="local,cmsis-nn (default: cmsis-nn too when NNOM_CMSIS_NN_DIR is set)",
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--pruned",
        action="store_true",
        help=(
            "also build each model with only its depthwise steps and Conv2D paths "
            "(-O2 code, profile board)"
        ),
    )
    parser.add_argument(
        "--variant",
        choices=("random", "trained"),
        default="random",
        help="trained: trained-like weights (bench/trained.py; trains each model, ~10-60 s)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="--variant trained: keep the trained models in this folder and reuse them",
    )
    args = parser.parse_args(argv)
    missing = cmbuild.tools_missing()
    if missing:
        print(f"bench: {', '.join(missing)} not found (tools/install.sh installs them)")
        return 2
    boards = args.boards.split(",")
    backends = (
        args.backends.split(",")
        if args.backends
        else (["local", "cmsis-nn"] if cmbuild.cmsis_nn_dir() else ["local"])
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nnom-bench-") as tmp:
        work = Path(tmp)
        names = args.models.replace("tiny", ",".join(_tiny())).split(",")
        if args.variant == "trained":
            import trained

            other = [n for n in names if n not in trained.SCHEDULE]
            if other:
                print(f"bench: --variant trained has no {', '.join(other)} (bench/trained.py)")
                return 2
        models = build_models(names, work, args.variant, args.cache)
        prebuild(boards, backends)
        res = run_all(models, boards, backends, work)
        print(table(models, boards, backends, res, args.markdown))
        if PROFILE_BOARD in boards:
            print(kinds_table(models, backends, res, args.markdown))
            if args.pruned:
                print(pruned_table(models, backends, res, work, args.markdown))
    for model in models:
        print(
            f"{model.name}: {model.macs} MACs, arena lower bound "
            f"{model.converted.plan.lower_bound} B, converter {model.convert_s:.2f} s"
        )
    print(f"(bench took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
