"""What NNoM's PlatformIO build hook adds to an unchanged build (target: < 0.5 s).

    .venv/bin/python bench/pio_hook.py [--runs 15]

Builds a user's project (platform native, the example's model.h5 and
calib.npy, lib_deps pointing at this checkout) with an offline core, then
times `pio run` with nothing changed, in two projects that differ only in
the hook having work to do:

- hook:    custom_nnom_model + custom_nnom_calibration (+ golden vectors):
           the hook hashes the model, the data and the converter, finds the
           stamp current and writes nothing;
- no hook: the same header, generated once into include/, and no options:
           the hook returns at once.

It prints the medians and their difference, and the hook's own time inside
the build (NNOM_HOOK_TIMING=1 makes the hook print it), as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnom.pio_offline import make_offline_core  # noqa: E402

EXAMPLE = ROOT / "examples" / "mnist-simple"
PIO = shutil.which("pio", path=str(Path(sys.executable).parent)) or shutil.which("pio")
MAIN_C = """#include "nnom.h"
#include "weights.h"
int main(void) { return nnom_model_create() == NULL; }
"""


def project(root: Path, with_hook: bool) -> Path:
    p = root / ("hook" if with_hook else "nohook")
    (p / "src").mkdir(parents=True)
    (p / "src" / "main.c").write_text(MAIN_C)
    shutil.copy(EXAMPLE / "model.h5", p)
    shutil.copy(EXAMPLE / "calib.npy", p)
    ini = f"[env:native]\nplatform = native\nlib_deps = symlink://{ROOT}\n"
    if with_hook:
        ini += "custom_nnom_model = model.h5\ncustom_nnom_calibration = calib.npy\n"
        ini += "custom_nnom_golden = 10\n"
    else:
        (p / "include").mkdir()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "nnom.cli",
                "convert",
                "model.h5",
                "-c",
                "calib.npy",
                "-o",
                "include/weights.h",
            ],
            cwd=p,
            check=True,
            capture_output=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
    (p / "platformio.ini").write_text(ini)
    return p


def pio_run(p: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [PIO, "run"], cwd=p, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"pio run failed in {p}:\n{proc.stdout}\n{proc.stderr}")
    return took, proc.stdout + proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per project")
    args = parser.parse_args()
    if PIO is None:
        raise SystemExit("platformio is not installed (pip install platformio==6.2.0 scons)")

    with tempfile.TemporaryDirectory(prefix="nnom-bench-") as tmp:
        root = Path(tmp)
        core = make_offline_core(root / "core")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORMIO_")}
        env.update(
            PLATFORMIO_CORE_DIR=str(core),
            PLATFORMIO_SETTING_ENABLE_TELEMETRY="No",
            NNOM_HOOK_TIMING="1",
        )
        projects = {name: project(root, name == "hook") for name in ("hook", "no hook")}
        times: dict[str, list[float]] = {name: [] for name in projects}
        inside: dict[str, list[float]] = {name: [] for name in projects}
        for p in projects.values():  # first build, and one to settle caches
            pio_run(p, env)
            pio_run(p, env)
        for _ in range(args.runs):  # interleaved, so load changes hit both alike
            for name, p in projects.items():
                took, output = pio_run(p, env)
                if re.search(r"^(Compiling|Linking) ", output, re.M) or "NNoM: generated" in output:
                    raise SystemExit(f"an unchanged build did work:\n{output}")
                times[name].append(took)
                inside[name] += [
                    float(v) for v in re.findall(r"NNoM: hook took ([\d.]+) ms", output)
                ]

    med = {name: statistics.median(v) for name, v in times.items()}
    hook_ms = {name: statistics.median(v) if v else 0.0 for name, v in inside.items()}
    print(
        f"Unchanged `pio run` (platform native), median of {args.runs} runs each, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| project | `pio run` wall time | hook's own time |")
    print("|---|---|---|")
    for name in projects:
        print(f"| {name} | {med[name]:.3f} s | {hook_ms[name]:.1f} ms |")
    print(
        f"\nHook overhead: {(med['hook'] - med['no hook']) * 1000:+.0f} ms wall "
        f"(difference of medians), {hook_ms['hook']:.1f} ms measured inside the build."
    )


if __name__ == "__main__":
    main()
