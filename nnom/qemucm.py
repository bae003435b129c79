"""Build and run NNoM firmware on the qemucm boards, without PlatformIO.

The profiler (`nnom profile`), the benchmark (bench/run.py) and the on-board
tests need the same firmware built with different flags (-O2 / -Os, local /
CMSIS-NN backend), so this module drives arm-none-eabi-gcc directly. It
reuses the qemucm platform (platforms/qemucm): its board files (cpu, fpu,
clock, linker script, QEMU machine), startup code, linker scripts and QEMU
runner, so a firmware built here is the one `pio run -e qemu_m4` would build,
apart from the flags.

    fw = Firmware(board="m4", opt="-O2", backend="local")
    elf = fw.link(workdir, main_c, include_dirs=[folder_with_weights_h])
    code, out = run(elf, "m4")

The C sources and the platform come from the installed package (or the
source checkout); $NNOM_QEMUCM_PLATFORM names another copy of the platform.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ._csrc import library_root

ROOT = library_root()
PLATFORM_ENV = "NNOM_QEMUCM_PLATFORM"
PLATFORM = Path(os.environ.get(PLATFORM_ENV) or ROOT / "platforms" / "qemucm")

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
    # flags for link()'s own sources only: switches of a main file that the
    # runtime never reads would otherwise key (and build) another runtime
    main_extra: tuple[str, ...] = ()
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
        # a directory of its own: threads of one process (the sweeps' pools)
        # build the same library at once, and a per-process name let one
        # rename it away while another still wrote into it
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=out.name + ".tmp", dir=self.cache))
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
        `more` (source, include dirs) pairs, link firmware.elf in workdir.
        The objects are main.o, startup.o and tu<k>.o for `more`[k]."""
        workdir.mkdir(parents=True, exist_ok=True)
        libs = [self.runtime()]
        if self.backend == "cmsis-nn":
            libs.append(self.cmsis_library())
        base = [*self.cflags(), *self.main_extra]
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


def c_bytes(values) -> str:
    """A C initializer {...} of integers, 24 a line."""
    flat = [int(v) for v in values]
    rows = [", ".join(map(str, flat[i : i + 24])) for i in range(0, len(flat), 24)]
    return "{\n    " + ",\n    ".join(rows or ["0"]) + "\n}"


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


def _summed(sizes: dict[str, dict[str, int]], keep) -> dict[str, int]:
    total = {"text": 0, "rodata": 0, "data": 0, "bss": 0}
    for obj, kinds in sizes.items():
        if keep(obj):
            for k, v in kinds.items():
                total[k] += v
    return {**total, "code": total["text"] + total["rodata"], "data": total["data"] + total["bss"]}


def runtime_size(map_file: Path, library: str = "libnnom.a") -> dict[str, int]:
    """Code (text + rodata) and data (data + bss) kept from the NNoM runtime library."""
    return _summed(sizes_by_object(map_file), lambda obj: f"{library}(" in obj)


def object_size(map_file: Path, obj_name: str) -> dict[str, int]:
    """Code and data kept from one object file of the link (e.g. "tu0.o")."""
    return _summed(sizes_by_object(map_file), lambda obj: Path(obj).name == obj_name)
