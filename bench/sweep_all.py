"""Every depthwise and 1x1 sweep set that docs/benchmarks.md reports, one
Markdown file a set, and the comparison of two such runs.

    .venv/bin/python bench/sweep_all.py run out/before      # ~50 sets, ~30 s each
    .venv/bin/python bench/sweep_all.py compare out/before out/after
    .venv/bin/python bench/sweep_all.py run out/mine --only dw_r2 pw_   # sets by stem prefix
    .venv/bin/python bench/sweep_all.py run out/mine --only dw_small pw_small  # ~400 small layers

`compare` prints, per set, the shapes over the goal in both runs, then how
many shapes got faster or slower and the slowest changes: the before/after
check a kernel change owes (no shape slower by more than 1%).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RANDOM_SEEDS = (21, 22, 23, 24, 1, 7, 11, 51, 52, 53, 54, 61, 62, 63, 64)
RANDOM_SEEDS += (71, 72, 73, 74, 81, 82, 83, 84)
TRAINED_SEEDS = (21, 22, 23, 24, 51, 52, 61, 62, 63, 64, 71, 72, 73, 74, 81, 82, 83, 84)
POINTWISE_SEEDS = (5, 6, 7, 8, 9)
GOALS = {"dw": 4.0, "pw": 2.5}
ROW = re.compile(r"^\| (.+?) \| (\d+) \| (\d+) \| ([\d.]+)")


def sets() -> list[tuple[str, list[str]]]:
    """(file stem, sweep arguments) of every set."""
    dw, pw = str(HERE / "depthwise_sweep.py"), str(HERE / "pointwise_sweep.py")
    out = [("dw_list", [dw]), ("dw_list_tl", [dw, "--weights", "trained-like"])]
    out += [(f"dw_r{s}", [dw, "--random", "40", "--seed", str(s)]) for s in RANDOM_SEEDS]
    out += [
        (f"dw_r{s}_tl", [dw, "--random", "40", "--seed", str(s), "--weights", "trained-like"])
        for s in TRAINED_SEEDS
    ]
    out += [("pw_list", [pw]), ("pw_list_tl", [pw, "--weights", "trained-like"])]
    out += [(f"pw_r{s}", [pw, "--random", "24", "--seed", str(s)]) for s in POINTWISE_SEEDS]
    # small layers (few channels, short lines, few pixels) that random draws rarely give
    scan = str(HERE / "shape_scan.py")
    for kind in ("dw", "pw"):
        out.append((f"{kind}_small", [scan, str(HERE / f"small_{kind}.lst"), "--markdown"]))
    return out


def run(out_dir: Path, only: list[str] | None = None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = []
    for stem, args in sets():
        if only and not any(stem.startswith(prefix) for prefix in only):
            continue
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True)
        (out_dir / f"{stem}.md").write_text(done.stdout + done.stderr)
        print(f"{stem}: {'ok' if done.returncode == 0 else 'FAILED'}", flush=True)
        if done.returncode != 0:
            failed.append(stem)
    if failed:
        print(f"sets that failed (an output byte differed or a build broke): {', '.join(failed)}")
    return 1 if failed else 0


def load(path: Path) -> dict[str, tuple[int, int, float]]:
    """shape -> (MACs, instructions, instr/MAC) of one set's table."""
    rows = {}
    for line in path.read_text().splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)), float(m.group(4)))
    return rows


def compare(before: Path, after: Path) -> int:
    faster = slower = same = 0
    changes = []
    for stem, _ in sets():
        if not (before / f"{stem}.md").exists() or not (after / f"{stem}.md").exists():
            print(f"{stem}: not in both runs")
            continue
        old, new = load(before / f"{stem}.md"), load(after / f"{stem}.md")
        goal = GOALS[stem[:2]]
        # From the counts: the table's rounded figure hides 1,201 on 300 MACs.
        over_old = sum(v[1] > goal * v[0] for v in old.values())
        over_new = sum(v[1] > goal * v[0] for v in new.values())
        print(f"{stem}: {len(new)} shapes, over {over_old} -> {over_new}")
        for shape, v in new.items():
            if shape not in old:
                continue
            change = v[1] / old[shape][1] - 1
            faster += change < 0
            slower += change > 0
            same += change == 0
            if change > 0:
                changes.append((change, stem, shape, old[shape][1], v[1]))
    print(f"faster {faster}, slower {slower}, the same {same}")
    for change, stem, shape, a, b in sorted(changes, reverse=True)[:20]:
        print(f"  {change * 100:+.2f}% {stem} {shape}: {a} -> {b}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser("run")
    run_cmd.add_argument("out", type=Path)
    run_cmd.add_argument("--only", nargs="+", metavar="PREFIX", help="sets whose stem starts so")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.out, args.only)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
