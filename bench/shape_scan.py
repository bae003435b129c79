"""Many single shapes of the one-layer sweeps in one process (TensorFlow
imported once): depthwise (depthwise_sweep.py) and 1x1 (pointwise_sweep.py)
shapes from a list, one JSON line a shape appended to OUT as it ends, so
that a long scan can be stopped and resumed (shapes already in OUT with the
same weights are skipped).

    .venv/bin/python bench/shape_scan.py LIST OUT [--weights trained-like]
    .venv/bin/python bench/shape_scan.py LIST --markdown   # the sweeps' table


LIST: one shape a line, "dw kh,kw,stride,h,w,channels,same|valid" or
"pw h,w,cin,cout" (the sweeps' --shape forms; '#' starts a comment). Every
shape is converted at index 100,000, as the sweep's --shape does for a
single shape, so each line's figures come again from that sweep's
--shape alone. A line: kind, arg, weights, name, macs, instr (instructions
a run of the layer on the emulated Cortex-M4, -O2, local backend), per
(instr/MAC); or error (a mismatch with the numpy reference, a build error).
With --markdown (no OUT) the figures come as the sweeps' table instead
(bench/sweep_all.py's small sets), and any error fails the run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import depthwise_sweep  # noqa: E402
import layer_sweep  # noqa: E402
import pointwise_sweep  # noqa: E402
import run as bench_run  # noqa: E402

SWEEPS = {"dw": depthwise_sweep, "pw": pointwise_sweep}
INDEX = 100_000  # the sweeps' index of a single --shape


def read_list(path: Path) -> list[tuple[str, str]]:
    """(kind, arg) of every shape line, in order, without repeats."""
    out: list[tuple[str, str]] = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        text = raw.split("#")[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2 or parts[0] not in SWEEPS:
            raise SystemExit(f"shape_scan: {path}:{number}: expected 'dw|pw SHAPE', got {raw!r}")
        SWEEPS[parts[0]].parse_shape(parts[1])  # a bad shape stops the scan before it starts
        if (parts[0], parts[1]) not in out:
            out.append((parts[0], parts[1]))
    return out


def measure_one(kind: str, arg: str, weights: str) -> dict:
    """One shape's line: its figures, or the error that stopped it."""
    sweep = SWEEPS[kind]
    spec = sweep.parse_shape(arg)
    line: dict = {"kind": kind, "arg": arg, "weights": weights, "name": spec[0]}
    try:
        with tempfile.TemporaryDirectory(prefix="nnom-shape-scan-") as tmp:
            work = Path(tmp)
            model = sweep.convert(INDEX, spec, work, weights)
            macs, instr = layer_sweep.measure(model, work, "shape_scan")
    except (SystemExit, RuntimeError) as e:  # a mismatch (SystemExit) or a failed build
        line["error"] = str(e)[-1500:]
        return line
    line.update(macs=int(macs), instr=float(instr), per=instr / macs)
    return line


def markdown(shapes: list[tuple[str, str]], weights: str) -> int:
    """The sweeps' table of the list (sweep_all.py reads it); 1 if any shape failed."""
    bench_run.prebuild(["m4"], ["local"])
    lines = [measure_one(kind, arg, weights) for kind, arg in shapes]
    goals = {kind: sweep.GOAL for kind, sweep in SWEEPS.items()}
    print("| shape | MACs | instructions | instr/MAC |")
    print("|---|---|---|---|")
    for line in lines:
        if "error" in line:
            print(f"| {line['name']} | error: {(line['error'].splitlines() or [''])[-1]} |")
            continue
        mark = " **over**" if line["per"] > goals[line["kind"]] else ""
        figures = f"{line['macs']} | {line['instr']:.0f} | {line['per']:.2f}{mark}"
        print(f"| {line['name']} | {figures} |")
    failed = sum("error" in line for line in lines)
    over = sum(line.get("per", 0) > goals[line["kind"]] for line in lines)
    print(f"\n{over} of {len(lines)} shapes over the goal, {failed} failed")
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "list", type=Path, help="shapes: 'dw KH,KW,S,H,W,C,PAD' or 'pw H,W,CIN,COUT'"
    )
    parser.add_argument("out", type=Path, nargs="?", help="JSON lines, appended (resumed)")
    parser.add_argument("--markdown", action="store_true", help="print the sweeps' table, no OUT")
    parser.add_argument("--weights", choices=layer_sweep.WEIGHTS, default="random")
    args = parser.parse_args(argv)
    try:
        shapes = read_list(args.list)
    except ValueError as e:
        print(f"shape_scan: {e}")
        return 2
    if args.markdown == (args.out is not None):
        print("shape_scan: give either OUT or --markdown")
        return 2
    if args.markdown:
        return markdown(shapes, args.weights)
    done = set()
    if args.out.exists():
        for text in args.out.read_text().splitlines():
            if text.strip():
                line = json.loads(text)
                done.add((line["kind"], line["arg"], line["weights"]))
    todo = [(k, a) for k, a in shapes if (k, a, args.weights) not in done]
    bench_run.prebuild(["m4"], ["local"])
    for kind, arg in todo:
        line = measure_one(kind, arg, args.weights)
        with args.out.open("a") as f:
            f.write(json.dumps(line) + "\n")
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
