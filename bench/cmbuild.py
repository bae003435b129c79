"""Model suites for the on-board tests, on top of nnom.qemucm.

nnom.qemucm builds and runs firmware on the qemucm boards (it moved into the
package so that `nnom profile` works from an installed nnom); its names are
re-exported here for bench/run.py and the tests. This module adds what
only they need: C checks of many models per firmware.

    fw = Firmware(board="m4", opt="-O2", backend="local")
    elf = fw.link(workdir, main_c, include_dirs=[folder_with_weights_h])
    code, out = run(elf, "m4")
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnom.qemucm import (  # noqa: E402,F401 - re-exported
    BOARDS,
    CMSIS_ENV,
    PLATFORM,
    Firmware,
    board_config,
    c_bytes,
    cmsis_nn_dir,
    run,
    runtime_size,
    sizes_by_object,
    tools_missing,
)

# ------------------------------------------------------------- model suites

SILENT = "-DNNOM_LOG(...)=((void)0)"


# a generated header's file-scope names (all static) and macros: a check
# renames them so that many checks compile as one translation unit
_HEADER_STATIC = re.compile(
    r"^(?:NNOM_MAYBE_UNUSED\s+)?static\b[^=;(\[]*?\b([A-Za-z_]\w*)\s*[\[=(;]", re.M
)
_HEADER_MACRO = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)", re.M)


def write_model_check(model, inputs: list, expected: list, folder: Path, k: int) -> Path:
    """C file defining `int nnom_check_<k>(void)`: builds the model of
    folder/weights.h, runs every input, compares every output byte with
    `expected` and prints one "nnom-model" line. inputs[r][i] and
    expected[r][o] are int8 arrays of run r.

    The header is included as generated; its static names are macros
    suffixed _k<k> around it and every macro is undefined after the check,
    so checks of different models also compile together (bundle_checks)."""
    folder.mkdir(parents=True, exist_ok=True)
    model.save_header(folder / "weights.h")
    header = (folder / "weights.h").read_text()
    names = sorted(set(_HEADER_STATIC.findall(header)) | {"inputs", "expected"})
    macros = sorted(set(_HEADER_MACRO.findall(header)) | {"RUNS", "OUT_BYTES"})
    runs = len(inputs)
    out_bytes = sum(int(e.size) for e in expected[0])
    lines = [
        '#include "nnom.h"',
        '#include "nnom_kernels.h"',
        *(f"#define {n} {n}_k{k}" for n in names),
        '#include "weights.h"',
        f"#define RUNS {runs}",
        f"#define OUT_BYTES {out_bytes}",
    ]
    refs = []
    for r in range(runs):
        refs_r = []
        for i, a in enumerate(inputs[r]):
            lines.append(f"static const int8_t in_{k}_{r}_{i}[] = {c_bytes(a.reshape(-1))};")
            refs_r.append(f"in_{k}_{r}_{i}")
        refs.append("{" + ", ".join(refs_r) + "}")
    lines.append(
        "static const int8_t *const inputs[RUNS][NNOM_INPUT_COUNT] = {" + ", ".join(refs) + "};"
    )
    exp = [np.concatenate([e.reshape(-1) for e in expected[r]]) for r in range(runs)]
    lines.append(
        "static const int8_t expected[RUNS][OUT_BYTES] = {"
        + ", ".join(c_bytes(e) for e in exp)
        + "};"
    )
    # the loop over runs and outputs is compiled once, in the suite's main
    lines.append(f"""{CHECK_RUNNER_DECL};
int nnom_check_{k}(void)
{{
    return nnom_check_model({k}, nnom_model_create, RUNS, NNOM_INPUT_COUNT, nnom_inputs,
                            nnom_input_sizes, &inputs[0][0], NNOM_OUTPUT_COUNT, nnom_outputs,
                            nnom_output_sizes, &expected[0][0]);
}}
""")
    lines += [f"#undef {n}" for n in (*names, *macros)]
    path = folder / f"check_{k}.c"
    path.write_text("\n".join(lines) + "\n")
    return path


BUNDLE = 25  # checks a translation unit: a compiler's start (~35 ms) once, not 25 times


def bundle_checks(
    checks: Sequence[tuple[Path, list[Path]]], folder: Path, size: int = BUNDLE
) -> list[tuple[Path, list[Path]]]:
    """(source, include dirs) pairs of write_model_check as translation
    units of `size` checks each (a check finds its weights.h beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for b in range(0, len(checks), size):
        path = folder / f"bundle_{b // size}.c"
        path.write_text("".join(f'#include "{src.resolve()}"\n' for src, _ in checks[b : b + size]))
        out.append((path, []))
    return out


CHECK_RUNNER_DECL = """int nnom_check_model(int k, nnom_model_t *(*create)(void), int runs,
                     int n_in, int8_t *const *in, const uint32_t *in_sizes,
                     const int8_t *const *inputs, int n_out, int8_t *const *out,
                     const uint32_t *out_sizes, const int8_t *expected)"""

# builds one model, runs inputs[r * n_in + i], compares its outputs with
# expected (run after run, output after output), prints its "nnom-model" line
CHECK_RUNNER = (
    CHECK_RUNNER_DECL
    + """
{
    size_t before = nnom_mem_used();
    long mismatches = 0, first = -1, at = 0;
    nnom_status_t status = NN_SUCCESS;
    nnom_model_t *model = create();
    if (model == NULL) {
        printf("nnom-model %d status=-100\\n", k);
        return 1;
    }
    unsigned long used = (unsigned long)(nnom_mem_used() - before);
    for (int r = 0; r < runs && status == NN_SUCCESS; r++) {
        for (int i = 0; i < n_in; i++)
            memcpy(in[i], inputs[r * n_in + i], in_sizes[i]);
        status = nnom_model_run(model);
        for (int o = 0; o < n_out; o++)
            for (uint32_t j = 0; j < out_sizes[o]; j++, at++)
                if (out[o][j] != expected[at]) {
                    if (first < 0)
                        first = at;
                    mismatches++;
                }
    }
    printf("nnom-model %d mismatches=%ld first=%ld arena=%lu mem=%lu status=%d\\n", k, mismatches,
           first, (unsigned long)model->arena_bytes, used, (int)status);
    nnom_model_delete(model);
    return mismatches != 0 || status != NN_SUCCESS;
}
"""
)


def write_suite_main(indices: list[int], path: Path) -> Path:
    """main() calling the checks nnom_check_<k> of indices, and the checks'
    runner."""
    decls = "\n".join(f"int nnom_check_{k}(void);" for k in indices)
    calls = "\n".join(f"    failed += nnom_check_{k}();" for k in indices)
    path.write_text(f"""#include <stdio.h>
#include <string.h>
#include "nnom.h"
{decls}
{CHECK_RUNNER}
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


def flash_budget(board: str, libraries: Sequence[Path] = ()) -> int:
    """Bytes of model data one firmware may hold on this board: its flash
    less the libraries' whole code and data (what --gc-sections keeps is
    less: the -O2 kernels alone are over 128 KB) and 64 KB for the C
    library and the test code."""
    size = board_config(board)["upload"]["maximum_size"]
    return size - sum(library_bytes(lib) for lib in libraries) - 64 * 1024


def library_bytes(archive: Path) -> int:
    """text + data of every object in a static library."""
    out = (
        subprocess.run(
            ["arm-none-eabi-size", "-t", str(archive)], capture_output=True, text=True, check=True
        )
        .stdout.splitlines()[-1]
        .split()
    )
    return int(out[0]) + int(out[1])


C_SIZES = {"int8_t": 1, "uint8_t": 1, "int16_t": 2, "uint16_t": 2, "int32_t": 4, "uint32_t": 4}
C_ARRAY = re.compile(r"static const (\w+) \w+\[(\d+)\]")
# Dense's two orders of the same weights (nnom/ops/dense.py): a build
# compiles one of them
DENSE_ORDERS = re.compile(r"#if NNOM_DENSE_GROUPED\n(.*?)#else\n.*?#endif\n", re.S)


def header_arrays(header: str) -> list[tuple[str, int]]:
    """(C type, length) of every array a build compiles from a generated
    header (weights, multipliers, the kernels' records)."""
    one_order = DENSE_ORDERS.sub(lambda m: m.group(1), header)
    return [(ctype, int(n)) for ctype, n in C_ARRAY.findall(one_order)]


def header_bytes(header: str) -> int:
    """Bytes of header_arrays (float arrays 4 bytes an element)."""
    return sum(C_SIZES.get(ctype, 4) * n for ctype, n in header_arrays(header))


def model_flash(model) -> int:
    """Flash of a model's generated constants (header_bytes) and 2 KB for
    its layer structures."""
    return 2048 + header_bytes(model.header())
