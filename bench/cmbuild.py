"""Build and run NNoM firmware on the qemucm boards, without PlatformIO.

The benchmark and the on-board tests need the same firmware built many
times with different flags (-O2 / -Os, local / CMSIS-NN backend), so this
module drives arm-none-eabi-gcc directly. It reuses the qemucm platform
(platforms/qemucm): its board files (cpu, fpu, clock, linker script, QEMU
machine), startup code, linker scripts and QEMU runner, so a firmware built
here is the one `pio run -e qemu_m4` would build, apart from the flags.

    fw = Firmware(board="m4", opt="-O2", backend="local")
    elf = fw.link(workdir, main_c, include_dirs=[folder_with_weights_h])
    code, out = run(elf, "m4")
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = ROOT / "platforms" / "qemucm"

# short name -> qemucm board id
BOARDS = {
    "m3": "lm3s6965evb",
    "m4": "mps2_an386",
    "m7": "mps2_an500",
    "m33": "mps2_an505",
    "m55": "mps3_an547",
}
WARNINGS = ["-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]
CMSIS_ENV = "NNOM_CMSIS_NN_DIR"


def tools_missing() -> list[str]:
    return [t for t in ("arm-none-eabi-gcc", "qemu-system-arm") if shutil.which(t) is None]


def cmsis_nn_dir() -> Path | None:
    """The CMSIS-NN copy named by $NNOM_CMSIS_NN_DIR, or None."""
    value = os.environ.get(CMSIS_ENV)
    if not value:
        return None
    path = Path(value).expanduser().resolve()
    if not (path / "Include" / "arm_nnfunctions.h").is_file():
        raise FileNotFoundError(
            f"{CMSIS_ENV}={value} does not hold CMSIS-NN (no Include/arm_nnfunctions.h)"
        )
    return path


def cmsis_sources(cmsis: Path) -> list[Path]:
    """CMSIS-NN's integer kernels (the float ones left out)."""
    skip = re.compile(r"_(f16|f32)\b|_(f16|f32)_|_flt", re.IGNORECASE)
    return sorted(p for p in (cmsis / "Source").rglob("*.c") if not skip.search(p.name))


def board_config(board: str) -> dict:
    return json.loads((PLATFORM / "boards" / f"{BOARDS[board]}.json").read_text())


def machine_flags(board: str) -> list[str]:
    b = board_config(board)["build"]
    flags = ["-mthumb", f"-mcpu={b['cpu']}"]
    if b.get("fpu"):
        flags += [f"-mfpu={b['fpu']}", f"-mfloat-abi={b.get('float_abi', 'hard')}"]
    else:
        flags.append("-mfloat-abi=soft")
    return flags


def board_defines(board: str) -> list[str]:
    b = board_config(board)["build"]
    shift = board_config(board).get("qemu", {}).get("icount_shift", 10)
    return [f"-DF_CPU={b['f_cpu']}", f"-DQEMUCM_ICOUNT_SHIFT={shift}", *b["extra_flags"].split()]


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))}\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def _compile_all(jobs: list[tuple[list[str], Path, Path]]) -> None:
    """Compile (flags, source, object) jobs in parallel."""

    def one(job):
        flags, src, obj = job
        obj.parent.mkdir(parents=True, exist_ok=True)
        _run(["arm-none-eabi-gcc", *flags, "-c", str(src), "-o", str(obj)])

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, jobs))


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            h.update(part.read_bytes())
        else:
            h.update(repr(part).encode())
    return h.hexdigest()[:16]


@dataclass
class Firmware:
    """One build configuration: board, optimisation level, backend, extra flags."""

    board: str
    opt: str = "-O2"
    backend: str = "local"  # "local" or "cmsis-nn"
    extra: tuple[str, ...] = ()
    cmsis: Path | None = None
    cache: Path = field(
        default_factory=lambda: Path(
            os.environ.get("NNOM_CM_CACHE", Path.home() / ".cache" / "nnom-cm")
        )
    )

    def __post_init__(self) -> None:
        if self.backend == "cmsis-nn" and self.cmsis is None:
            self.cmsis = cmsis_nn_dir()
            if self.cmsis is None:
                raise FileNotFoundError(f"the CMSIS-NN backend needs {CMSIS_ENV}")

    @property
    def name(self) -> str:
        return f"{self.board}{self.opt}-{self.backend}"

    def includes(self) -> list[str]:
        inc = [ROOT / "inc", ROOT / "port", PLATFORM / "include"]
        if self.backend == "cmsis-nn":
            inc.append(self.cmsis / "Include")
        return [f"-I{p}" for p in inc]

    def cflags(self) -> list[str]:
        flags = [
            *machine_flags(self.board),
            self.opt,
            "-ffunction-sections",
            "-fdata-sections",
            *WARNINGS,
            *board_defines(self.board),
            *self.includes(),
            *self.extra,
        ]
        if self.backend == "cmsis-nn":
            flags.append("-DNNOM_BACKEND_CMSIS_NN")
        return flags

    def _library(self, name: str, sources: list[Path], flags: list[str], base: Path) -> Path:
        key = _digest(
            flags,
            *[(str(s), s.read_bytes()) for s in sources],
            *sorted((str(h), h.read_bytes()) for h in self._headers()),
        )
        out = self.cache / f"{name}-{self.board}{self.opt}-{key}"
        lib = out / f"lib{name}.a"
        if lib.is_file():
            return lib
        tmp = out.with_name(out.name + f".tmp{os.getpid()}")
        jobs = [
            (flags, s, tmp / (s.relative_to(base).as_posix().replace("/", "_") + ".o"))
            for s in sources
        ]
        _compile_all(jobs)
        _run(["arm-none-eabi-gcc-ar", "rcs", str(tmp / lib.name), *[str(j[2]) for j in jobs]])
        try:
            tmp.rename(out)
        except OSError:  # another process built it meanwhile
            shutil.rmtree(tmp, ignore_errors=True)
        return lib

    def _headers(self) -> list[Path]:
        heads = [
            *(ROOT / "inc").rglob("*.h"),
            *(ROOT / "port").rglob("*.h"),
            *(ROOT / "src").rglob("*.h"),
            *(PLATFORM / "include").rglob("*.h"),
        ]
        if self.cmsis is not None and self.backend == "cmsis-nn":
            heads += list((self.cmsis / "Include").rglob("*.h"))
        return heads

    def runtime(self) -> Path:
        """libnnom.a for this configuration (cached by content)."""
        sources = sorted((ROOT / "src").rglob("*.c"))
        return self._library("nnom", sources, self.cflags(), ROOT / "src")

    def cmsis_library(self) -> Path:
        flags = [
            *machine_flags(self.board),
            self.opt,
            "-ffunction-sections",
            "-fdata-sections",
            f"-I{self.cmsis / 'Include'}",
            "-w",
        ]
        return self._library("cmsisnn", cmsis_sources(self.cmsis), flags, self.cmsis / "Source")

    def link(
        self,
        workdir: Path,
        main_c: Path,
        include_dirs: list[Path] = (),
        more: list[tuple[Path, list[Path]]] = (),
    ) -> Path:
        """Compile main_c (with include_dirs, e.g. the folder of weights.h) and
        `more` (source, include dirs) pairs, link firmware.elf in workdir."""
        workdir.mkdir(parents=True, exist_ok=True)
        libs = [self.runtime()]
        if self.backend == "cmsis-nn":
            libs.append(self.cmsis_library())
        base = self.cflags()
        startup = PLATFORM / "startup" / "qemucm_startup.c"
        jobs = [
            (base + [f"-I{p}" for p in include_dirs], main_c, workdir / "main.o"),
            (base, startup, workdir / "startup.o"),
        ]
        for k, (src, incs) in enumerate(more):
            jobs.append((base + [f"-I{p}" for p in incs], src, workdir / f"tu{k}.o"))
        _compile_all(jobs)
        elf = workdir / "firmware.elf"
        ld = board_config(self.board)["build"]["ldscript"]
        _run(
            [
                "arm-none-eabi-gcc",
                *machine_flags(self.board),
                self.opt,
                "-nostartfiles",
                "--specs=rdimon.specs",
                "-Wl,--gc-sections",
                "-Wl,--no-warn-rwx-segments",
                f"-L{PLATFORM / 'ldscripts'}",
                f"-T{ld}",
                f"-Wl,-Map={workdir / 'firmware.map'}",
                *[str(j[2]) for j in jobs],
                *map(str, libs),
                "-lm",
                "-o",
                str(elf),
            ]
        )
        return elf


# ------------------------------------------------------------- model suites

SILENT = "-DNNOM_LOG(...)=((void)0)"


def c_bytes(values) -> str:
    flat = [int(v) for v in values]
    rows = [", ".join(map(str, flat[i : i + 24])) for i in range(0, len(flat), 24)]
    return "{\n    " + ",\n    ".join(rows or ["0"]) + "\n}"


def write_model_check(model, inputs: list, expected: list, folder: Path, k: int) -> Path:
    """C file defining `int nnom_check_<k>(void)`: builds the model of
    folder/weights.h, runs every input, compares every output byte with
    `expected` and prints one "nnom-model" line. inputs[r][i] and
    expected[r][o] are int8 arrays of run r."""
    folder.mkdir(parents=True, exist_ok=True)
    model.save_header(folder / "weights.h")
    runs = len(inputs)
    out_bytes = sum(int(e.size) for e in expected[0])
    lines = [
        "#include <stdio.h>",
        "#include <string.h>",
        '#include "nnom.h"',
        '#include "weights.h"',
        f"#define RUNS {runs}",
        f"#define OUT_BYTES {out_bytes}",
    ]
    refs = []
    for r in range(runs):
        names = []
        for i, a in enumerate(inputs[r]):
            lines.append(f"static const int8_t in_{r}_{i}[] = {c_bytes(a.reshape(-1))};")
            names.append(f"in_{r}_{i}")
        refs.append("{" + ", ".join(names) + "}")
    lines.append(
        "static const int8_t *const inputs[RUNS][NNOM_INPUT_COUNT] = {" + ", ".join(refs) + "};"
    )
    exp = [np.concatenate([e.reshape(-1) for e in expected[r]]) for r in range(runs)]
    lines.append(
        "static const int8_t expected[RUNS][OUT_BYTES] = {"
        + ", ".join(c_bytes(e) for e in exp)
        + "};"
    )
    lines.append(f"""
int nnom_check_{k}(void)
{{
    size_t before = nnom_mem_used();
    long mismatches = 0, first = -1;
    nnom_status_t status = NN_SUCCESS;
    nnom_model_t *model = nnom_model_create();
    if (model == NULL) {{
        printf("nnom-model {k} status=-100\\n");
        return 1;
    }}
    unsigned long used = (unsigned long)(nnom_mem_used() - before);
    for (int r = 0; r < RUNS && status == NN_SUCCESS; r++) {{
        for (int i = 0; i < NNOM_INPUT_COUNT; i++)
            memcpy(nnom_inputs[i], inputs[r][i], nnom_input_sizes[i]);
        status = model_run(model);
        long at = 0;
        for (int o = 0; o < NNOM_OUTPUT_COUNT; o++)
            for (uint32_t j = 0; j < nnom_output_sizes[o]; j++, at++)
                if (nnom_outputs[o][j] != expected[r][at]) {{
                    if (first < 0)
                        first = r * OUT_BYTES + at;
                    mismatches++;
                }}
    }}
    printf("nnom-model {k} mismatches=%ld first=%ld arena=%lu mem=%lu status=%d\\n", mismatches,
           first, (unsigned long)model->arena_bytes, used, (int)status);
    model_delete(model);
    return mismatches != 0 || status != NN_SUCCESS;
}}
""")
    path = folder / f"check_{k}.c"
    path.write_text("\n".join(lines) + "\n")
    return path


def write_suite_main(indices: list[int], path: Path) -> Path:
    decls = "\n".join(f"int nnom_check_{k}(void);" for k in indices)
    calls = "\n".join(f"    failed += nnom_check_{k}();" for k in indices)
    path.write_text(f"""#include <stdio.h>
{decls}
int main(void)
{{
    int failed = 0;
{calls}
    printf("nnom-suite models={len(indices)} failed=%d\\n", failed);
    return failed != 0;
}}
""")
    return path


_MODEL_LINE = re.compile(
    r"nnom-model (\d+) mismatches=(-?\d+) first=(-?\d+) arena=(\d+) mem=(\d+) status=(-?\d+)"
)


def parse_models(output: str) -> dict[int, dict[str, int]]:
    out = {}
    for m in _MODEL_LINE.finditer(output):
        out[int(m.group(1))] = dict(
            zip(("mismatches", "first", "arena", "mem", "status"), map(int, m.groups()[1:]))
        )
    return out


def flash_budget(board: str) -> int:
    """Bytes of model data one firmware may hold on this board."""
    size = board_config(board)["upload"]["maximum_size"]
    return size - 128 * 1024  # runtime, C library, test code


def model_flash(model) -> int:
    """Rough flash of a model's generated constants."""
    total = 2048
    for node in model.graph.nodes:
        for v in vars(node.q).values():
            if isinstance(v, np.ndarray):
                total += v.nbytes
    return total


def run(elf: Path, board: str, timeout: float = 120.0) -> tuple[int, str]:
    """Run firmware under QEMU (the qemucm runner); returns (exit code, stdout + stderr)."""
    cfg = board_config(board).get("qemu", {})
    cmd = [
        sys.executable,
        str(PLATFORM / "builder" / "qemucm_run.py"),
        "--machine",
        cfg["machine"],
        "--icount-shift",
        str(cfg.get("icount_shift", 10)),
        "--timeout",
        str(timeout),
        str(elf),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout + proc.stderr


# ------------------------------------------------------------- code size


def sizes_by_object(map_file: Path) -> dict[str, dict[str, int]]:
    """{object or archive(member): {"text": n, "rodata": n, "data": n, "bss": n}} of the
    input sections the linker kept (after --gc-sections), from a GNU ld map file."""
    out: dict[str, dict[str, int]] = {}
    lines = map_file.read_text().splitlines()
    start = next(i for i, t in enumerate(lines) if t.startswith("Linker script and memory map"))
    pending = None
    for line in lines[start:]:
        head = re.match(r"^ (\.(?:text|rodata|data|bss)\S*)\s*$", line)
        if head:
            pending = head.group(1)
            continue
        m = re.match(
            r"^ (\.(?:text|rodata|data|bss)\S*)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line
        )
        if not m:
            pending = None
            continue
        section = m.group(1) or pending
        pending = None
        if section is None:
            continue
        size = int(m.group(3), 16)
        kind = section.split(".")[1]
        obj = m.group(4).strip()
        out.setdefault(obj, {"text": 0, "rodata": 0, "data": 0, "bss": 0})[kind] += size
    return out


def runtime_size(map_file: Path, library: str = "libnnom.a") -> dict[str, int]:
    """Code (text + rodata) and data (data + bss) kept from the NNoM runtime library."""
    total = {"text": 0, "rodata": 0, "data": 0, "bss": 0}
    for obj, sizes in sizes_by_object(map_file).items():
        if f"{library}(" in obj:
            for k, v in sizes.items():
                total[k] += v
    return {**total, "code": total["text"] + total["rodata"], "data": total["data"] + total["bss"]}
