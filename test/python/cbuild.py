"""Build the C runtime and run generated models on the host, for tests.

The runtime is compiled once per test process into a static library (with
AddressSanitizer and UndefinedBehaviorSanitizer by default); each model's
header is compiled into a small harness that reads int8 inputs from a file
and writes the int8 outputs to another.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
INCLUDES = [ROOT / "inc", ROOT / "port"]
WARNINGS = ["-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]
SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"]
CC = os.environ.get("CC", "gcc")

HARNESS = r"""
#include <stdio.h>
#include "nnom.h"
#include MODEL_HEADER

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 3;
    FILE *in = fopen(argv[1], "rb");
    FILE *out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL)
        return 2;
    for (;;) {
        for (int k = 0; k < NNOM_INPUT_COUNT; k++)
            if (fread(nnom_inputs[k], 1, nnom_input_sizes[k], in) != nnom_input_sizes[k])
                goto done;
        nnom_status_t status = nnom_model_run(model);
        if (status != NN_SUCCESS) {
            printf("model_run: %s\n", nnom_status_str(status));
            return 4;
        }
        for (int k = 0; k < NNOM_OUTPUT_COUNT; k++)
            fwrite(nnom_outputs[k], 1, nnom_output_sizes[k], out);
    }
done:
    fclose(in);
    fclose(out);
    nnom_model_delete(model);
    return 0;
}
"""

_LIB_CACHE: dict[tuple, Path] = {}


def sanitizer_env() -> dict[str, str]:
    """The environment a sanitized test program runs in: leaks reported,
    UBSan's reports with their stack."""
    return dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="print_stacktrace=1")


def sources() -> list[Path]:
    return sorted((ROOT / "src").rglob("*.c"))


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if result.returncode != 0:
        raise RuntimeError(
            f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


def library(flags: tuple[str, ...] = (), sanitize: bool = True) -> Path:
    """libnnom.a built with the given extra flags (cached per process)."""
    key = (flags, sanitize)
    if key in _LIB_CACHE:
        return _LIB_CACHE[key]
    out = Path(tempfile.mkdtemp(prefix="nnom-lib-"))
    atexit.register(shutil.rmtree, out, True)  # the cache lives as long as the process
    cflags = WARNINGS + ["-O1", "-g"] + (SANITIZE if sanitize else []) + list(flags)
    objects = []
    for src in sources():
        obj = out / (src.relative_to(ROOT / "src").as_posix().replace("/", "_") + ".o")
        run([CC, *cflags, *[f"-I{i}" for i in INCLUDES], "-c", str(src), "-o", str(obj)])
        objects.append(str(obj))
    lib = out / "libnnom.a"
    run(["ar", "rcs", str(lib), *objects])
    _LIB_CACHE[key] = lib
    return lib


def program(
    sources: list[Path],
    exe: Path,
    flags: tuple[str, ...] = (),
    defines: tuple[str, ...] = (),
    includes: tuple[Path, ...] = (),
    header: Path | None = None,
    sanitize: bool = True,
) -> Path:
    """exe from test C sources linked with the runtime (-O1 -g, sanitized by
    default). flags go to both (the library is built with them too),
    defines to the sources only; header: the MODEL_HEADER they include."""
    lib = library(flags, sanitize)
    cflags = WARNINGS + ["-O1", "-g"] + (SANITIZE if sanitize else []) + list(flags)
    model = [f"-I{header.parent}", f'-DMODEL_HEADER="{header.name}"'] if header else []
    run(
        [
            CC,
            *cflags,
            *defines,
            *model,
            *[f"-I{i}" for i in (*INCLUDES, *includes)],
            *map(str, sources),
            str(lib),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    return exe


def build_harness(
    header: Path, workdir: Path, flags: tuple[str, ...] = (), sanitize: bool = True
) -> Path:
    main = workdir / "harness.c"
    main.write_text(HARNESS)
    return program([main], workdir / "harness", flags, header=header, sanitize=sanitize)


def run_c(
    model,
    inputs_int8: list[np.ndarray],
    workdir: Path,
    header_suffix: str = "",
    api: str = "structured",
    runtime_plan: bool = False,
    **kw,
) -> tuple[list[np.ndarray], str]:
    """Run a ConvertedModel's generated C on int8 inputs (batch first).

    header_suffix: C code appended to the generated header (e.g. the
    functions of Lambda layers). api: "layer" writes it with the Layer API.
    runtime_plan: the C plans the arena itself (NNOM_RUNTIME_PLAN) instead
    of taking the converter's plan from the header.
    Returns one int8 array per model output and what the program printed
    (the model table).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    header = workdir / "weights.h"
    model.save_header(header, api=api)
    if header_suffix:
        header.write_text(header.read_text() + header_suffix)
    if runtime_plan:
        header.write_text("#define NNOM_RUNTIME_PLAN\n" + header.read_text())
    exe = build_harness(header, workdir, **kw)
    g = model.graph
    n = inputs_int8[0].shape[0]
    flat_in = [np.asarray(a, dtype=np.int8).reshape(n, -1) for a in inputs_int8]
    blob = b"".join(b"".join(a[i].tobytes() for a in flat_in) for i in range(n))
    (workdir / "in.bin").write_bytes(blob)
    result = run([str(exe), str(workdir / "in.bin"), str(workdir / "out.bin")], env=sanitizer_env())
    raw = np.frombuffer((workdir / "out.bin").read_bytes(), dtype=np.int8)
    shapes = [g.node(o).shape for o in g.outputs]
    sizes = [int(np.prod(s)) for s in shapes]
    per_sample = sum(sizes)
    if raw.size != n * per_sample:
        raise AssertionError(f"C wrote {raw.size} bytes, expected {n * per_sample}")
    raw = raw.reshape(n, per_sample)
    outs, start = [], 0
    for shape, size in zip(shapes, sizes):
        outs.append(raw[:, start : start + size].reshape((n,) + shape))
        start += size
    return outs, result.stdout


def run_checks(
    checks: list[tuple[Path, list[Path]]], main: Path, workdir: Path
) -> subprocess.CompletedProcess:
    """Link the model checks of bench/cmbuild.write_model_check ((source,
    include dirs) pairs) with their main (write_suite_main) into one
    sanitized program and run it (returns the finished process). The checks
    compile in parallel, without -g (the runtime keeps it)."""
    workdir.mkdir(parents=True, exist_ok=True)
    cflags = WARNINGS + ["-O1"] + SANITIZE + [f"-I{i}" for i in INCLUDES]

    def compile_one(job: tuple[int, tuple[Path, list[Path]]]) -> str:
        k, (source, dirs) = job
        obj = workdir / f"check{k}.o"
        run([CC, *cflags, *[f"-I{d}" for d in dirs], "-c", str(source), "-o", str(obj)])
        return str(obj)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        objects = list(pool.map(compile_one, enumerate(checks)))
    # stdout line-buffered: a sanitizer's abort keeps the lines of the
    # models before it (the test names the one that stopped)
    host_main = workdir / "host_main.c"
    host_main.write_text(
        "#include <stdio.h>\nint nnom_suite_main(void);\n"
        "int main(void) { setvbuf(stdout, NULL, _IOLBF, 0); return nnom_suite_main(); }\n"
    )
    suite_obj = workdir / "suite_main.o"
    run([CC, *cflags, "-Dmain=nnom_suite_main", "-c", str(main), "-o", str(suite_obj)])
    exe = workdir / "checks"
    run(
        [
            CC,
            *cflags,
            str(host_main),
            str(suite_obj),
            *objects,
            str(library()),
            "-lm",
            "-o",
            str(exe),
        ]
    )
    return subprocess.run([str(exe)], capture_output=True, text=True, env=sanitizer_env())
