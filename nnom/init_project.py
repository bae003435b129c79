"""`nnom init DIR --model M --calibration C`: a PlatformIO project that works at once.

The project it writes builds, runs and tests the model on the host and on
the emulated Cortex-M boards with no environment variable set and nothing
downloaded:

- platformio.ini: NNoM as `lib_deps = symlink://<this installation>`, the
  `custom_nnom_*` options, and `core_dir` pointing at an offline PlatformIO
  core that `nnom init` prepares in DIR/.pio-core;
- src/main.c and src/nnom_samples.h: a few calibration samples, quantised
  in C, run through the model, printed next to the converter's reference;
- test/test_nnom_golden: the golden-vector test, and test/test_custom_runner.py,
  which loads NNoM's `pio test` runner from the library (no Unity needed).
"""

from __future__ import annotations

import argparse
import difflib
import shutil
from pathlib import Path

import numpy as np

from ._csrc import library_root
from .errors import NnomError
from .version import __version__

# env name -> (platform, board); the qemucm boards are NNoM's emulated Cortex-M.
BOARDS = {
    "native": ("native", None),
    "qemu_m3": ("qemucm", "lm3s6965evb"),
    "qemu_m4": ("qemucm", "mps2_an386"),
    "qemu_m7": ("qemucm", "mps2_an500"),
    "qemu_m33": ("qemucm", "mps2_an505"),
    "qemu_m55": ("qemucm", "mps3_an547"),
}
DEFAULT_BOARDS = ("native", "qemu_m4")
DEFAULT_GOLDEN = 8
MAX_SAMPLES = 10  # golden vectors main.c also runs and prints
CORE_DIR = ".pio-core"
MODEL_SUFFIXES = (".h5", ".keras")
GOLDEN_TEST_C = '#include "nnom_golden_test.h"\n'
GOLDEN_OPTIONS = "custom_nnom_golden = 8 and test_framework = custom"

RUNNER_SHIM = '''\
"""`pio test` runner (test_framework = custom): NNoM's own, loaded from the library.

Written by `nnom init` or `nnom golden-test`. It reads the Unity-format lines
of nnom_golden_test.h; no Unity is needed.
"""

import importlib.util

RUNNER = {runner!r}

_spec = importlib.util.spec_from_file_location("nnom_test_runner", RUNNER)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
CustomTestRunner = _module.CustomTestRunner
'''

MAIN_C = r"""/*
 * Written by `nnom init` (NNoM {version}): runs {model} on a few calibration
 * samples and prints each result next to what the converter's reference
 * computed (nnom_golden.h, regenerated with weights.h by the build).
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "weights.h"
#include "nnom_golden.h"
#include "nnom_samples.h"

/* printf without float support (newlib-nano): three decimals by hand */
static void print_value(float x)
{{
    long milli = (long)(x * 1000.0f + (x < 0 ? -0.5f : 0.5f));
    unsigned long mag = (unsigned long)(milli < 0 ? -milli : milli);
    printf(" %s%lu.%03lu", milli < 0 ? "-" : "", mag / 1000u, mag % 1000u);
}}

static int argmax(const int8_t *v, int n)
{{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}}

int main(void)
{{
    nnom_model_t *model = nnom_model_create(); /* prints the model table */
    if (model == NULL) {{
        printf("nnom_model_create() failed\n");
        return 1;
    }}
    int mismatches = 0;
    for (int s = 0; s < NNOM_SAMPLE_COUNT; s++) {{
        for (int i = 0; i < NNOM_INPUT_SIZE; i++)
            nnom_input_data[i] = nnom_quantize(nnom_samples[s][i], NNOM_INPUT_Q);
        if (memcmp(nnom_input_data, nnom_golden_inputs[0] + s * NNOM_INPUT_SIZE,
                   NNOM_INPUT_SIZE) != 0) {{
            printf("sample %d is not golden vector %d: calib.npy changed since nnom init "
                   "(run it again)\n", s, s);
            return 1;
        }}
        nnom_status_t status = nnom_model_run(model);
        if (status != NN_SUCCESS) {{
            printf("model_run: %s\n", nnom_status_str(status));
            return 1;
        }}
        const int8_t *expected = nnom_golden_outputs[0] + s * NNOM_OUTPUT_SIZE;
        const int same = memcmp(nnom_output_data, expected, NNOM_OUTPUT_SIZE) == 0;
        mismatches += !same;
        printf("sample %d: class %d, expected class %d%s\n", s,
               argmax(nnom_output_data, NNOM_OUTPUT_SIZE), argmax(expected, NNOM_OUTPUT_SIZE),
               same ? "" : "  <- output differs from the converter's");
        printf("  output:  ");
        for (int i = 0; i < NNOM_OUTPUT_SIZE; i++)
            print_value(nnom_dequantize(nnom_output_data[i], NNOM_OUTPUT_Q));
        printf("\n  expected:");
        for (int i = 0; i < NNOM_OUTPUT_SIZE; i++)
            print_value(nnom_dequantize(expected[i], NNOM_OUTPUT_Q));
        printf("\n");
    }}
    if (mismatches == 0)
        printf("all %d samples match the converter's reference\n", NNOM_SAMPLE_COUNT);
    nnom_model_delete(model);
    return mismatches != 0;
}}
"""

INI = """\
; Written by `nnom init` (NNoM {version}). Offline, no environment variables:
;
;   pio run -e native -t exec       # build and run on this computer
;   pio run -e qemu_m4 -t upload    # build and run on an emulated Cortex-M4 (QEMU)
;   pio test -e native              # golden vectors: the model computes what the converter promised
;
; custom_nnom_* options: NNoM's build hook converts the model into weights.h
; (and nnom_golden.h) whenever the model, the data or these options change.

[platformio]
default_envs = {default_envs}
; a PlatformIO core that needs no registry, prepared by `nnom init`
core_dir = {core_dir}

[env]
lib_deps = symlink://{library}
custom_nnom_model = {model}
custom_nnom_calibration = {calibration}
custom_nnom_golden = {golden}
; custom_nnom_backend = auto    ; auto | local | cmsis-nn
build_flags = -Wall -Wextra
test_framework = custom
"""


def runner_shim(library: Path) -> str:
    """test/test_custom_runner.py of a project: loads the library's runner.

    PlatformIO loads it before any build (even `pio run` when test/ has
    suites), so the build hook cannot write it: `nnom init` and
    `nnom golden-test` do."""
    return RUNNER_SHIM.format(runner=str(library / "test" / "test_custom_runner.py"))


def _check_input_file(path: Path, what: str, suffixes: tuple[str, ...]) -> None:
    if path.is_dir():
        raise NnomError(f"{what} '{path}' is a directory; give the {'/'.join(suffixes)} file")
    if not path.is_file():
        raise NnomError(f"{what} '{path}' does not exist")
    if path.suffix.lower() not in suffixes:
        raise NnomError(f"{what} '{path}' is not a {' or '.join(suffixes)} file")


def check_boards(boards: list[str]) -> list[str]:
    for board in boards:
        if board not in BOARDS:
            near = difflib.get_close_matches(board, list(BOARDS), n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            raise NnomError(f"unknown board '{board}': {hint}known: {', '.join(BOARDS)}")
    if not boards:
        raise NnomError("--boards needs at least one of: " + ", ".join(BOARDS))
    return list(dict.fromkeys(boards))


def _c_floats(row: np.ndarray) -> str:
    return ", ".join(f"{float(v)!r}f" for v in row.astype(np.float64))


def samples_header(samples: np.ndarray) -> str:
    rows = ",\n".join("    {" + _c_floats(s.reshape(-1)) + "}" for s in samples)
    return (
        f"/* Written by `nnom init`: golden vectors 0..{len(samples) - 1} as float inputs */\n"
        "#ifndef NNOM_SAMPLES_H\n#define NNOM_SAMPLES_H\n\n"
        f"#define NNOM_SAMPLE_COUNT {len(samples)}\n"
        f"static const float nnom_samples[NNOM_SAMPLE_COUNT][NNOM_INPUT_SIZE] = {{\n{rows}\n}};\n"
        "\n#endif\n"
    )


def init_project(
    directory: str | Path,
    model: str | Path,
    calibration: str | Path,
    boards: list[str] | tuple[str, ...] = DEFAULT_BOARDS,
    golden: int = DEFAULT_GOLDEN,
    force: bool = False,
) -> Path:
    """Write the project into `directory`; return its absolute path."""
    from .api import convert
    from .calibration import load_calibration
    from .golden import pick
    from .pio_offline import make_offline_core

    project = Path(directory).expanduser().resolve()
    model, calibration = Path(model).expanduser(), Path(calibration).expanduser()
    _check_input_file(model, "model", MODEL_SUFFIXES)
    _check_input_file(calibration, "calibration data", (".npy", ".npz"))
    boards = check_boards(list(boards))
    if (project / "platformio.ini").exists() and not force:
        raise NnomError(f"{project} already holds a platformio.ini; use --force to overwrite")
    if project.exists() and not project.is_dir():
        raise NnomError(f"{project} exists and is not a directory")

    data = load_calibration(calibration)
    converted = convert(model, data)  # fails here, not at the first build
    if len(converted.graph.inputs) != 1 or len(converted.graph.outputs) != 1:
        raise NnomError(
            "nnom init writes a main.c for models with one input and one output; "
            "convert this one with `nnom convert` and write your own main.c"
        )
    shape = converted.graph.node(converted.graph.inputs[0]).shape
    samples = pick(data, golden, [shape])[0][:MAX_SAMPLES]

    library = library_root()
    (project / "src").mkdir(parents=True, exist_ok=True)
    (project / "test" / "test_nnom_golden").mkdir(parents=True, exist_ok=True)
    model_name, calib_name = "model" + model.suffix.lower(), "calib" + calibration.suffix.lower()
    if model.resolve() != (project / model_name).resolve():
        shutil.copyfile(model, project / model_name)
    if calibration.resolve() != (project / calib_name).resolve():
        shutil.copyfile(calibration, project / calib_name)
    core = make_offline_core(project / CORE_DIR)

    files = {
        "platformio.ini": INI.format(
            version=__version__,
            default_envs=", ".join(boards),
            core_dir=core,
            library=library,
            model=model_name,
            calibration=calib_name,
            golden=golden,
        ),
        "src/main.c": MAIN_C.format(version=__version__, model=model_name),
        "src/nnom_samples.h": samples_header(samples),
        "test/test_nnom_golden/test_main.c": GOLDEN_TEST_C,
        "test/test_custom_runner.py": runner_shim(library),
        ".gitignore": f".pio/\n{CORE_DIR}/\n",
    }
    for env in boards:
        platform, board = BOARDS[env]
        files["platformio.ini"] += f"\n[env:{env}]\nplatform = {platform}\n"
        if board:
            files["platformio.ini"] += f"board = {board}\n"
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    return project


def add_golden_test(directory: str | Path) -> list[Path]:
    """Give an existing PlatformIO project the golden test and the runner it needs;
    return the files written (a project's own runner is kept)."""
    project = Path(directory).expanduser().resolve()
    if not (project / "platformio.ini").is_file():
        raise NnomError(f"{project} holds no platformio.ini (give the PlatformIO project folder)")
    wanted = {
        project / "test" / "test_nnom_golden" / "test_main.c": GOLDEN_TEST_C,
        project / "test" / "test_custom_runner.py": runner_shim(library_root()),
    }
    marker = RUNNER_SHIM.split("\n", 1)[0]
    written = []
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text or (current is not None and not current.startswith(marker)):
            continue  # in place already, or the project's own file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _cmd_golden_test(args: argparse.Namespace) -> int:
    for path in add_golden_test(args.directory):
        print(f"wrote {path}")
    print(f"platformio.ini needs {GOLDEN_OPTIONS} (with custom_nnom_model); then: pio test")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    boards = [b.strip() for b in ",".join(args.boards).split(",") if b.strip()]
    project = init_project(
        args.directory, args.model, args.calibration, boards, args.golden, args.force
    )
    first = "native" if "native" in boards else boards[0]
    target = "exec" if first == "native" else "upload"
    print(f"wrote a PlatformIO project in {project}")
    print(f"  cd {project}")
    print(f"  pio run -e {first} -t {target}    # convert, build and run")
    print(f"  pio test -e {first}    # the golden-vector test")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `nnom init` and `nnom golden-test` to the command line."""
    p = sub.add_parser(
        "init",
        help="write a PlatformIO project for a model: offline, ready for pio run and pio test",
    )
    p.add_argument("directory", help="project folder to write (created if missing)")
    p.add_argument("--model", "-m", required=True, help="Keras model: .h5 or .keras")
    p.add_argument(
        "--calibration", "-c", required=True, help="calibration inputs: .npy or .npz (one array)"
    )
    p.add_argument(
        "--boards",
        nargs="+",
        default=list(DEFAULT_BOARDS),
        metavar="ENV",
        help=f"envs to write, the first ones built by default (default: {' '.join(DEFAULT_BOARDS)};"
        f" known: {', '.join(BOARDS)})",
    )
    p.add_argument(
        "--golden",
        type=int,
        default=DEFAULT_GOLDEN,
        metavar="N",
        help=f"golden vectors for the test (default {DEFAULT_GOLDEN})",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing project")
    p.set_defaults(func=_cmd_init)

    g = sub.add_parser(
        "golden-test",
        help="add the golden-vector test and NNoM's pio test runner to a PlatformIO project",
    )
    g.add_argument("directory", nargs="?", default=".", help="the project (default: here)")
    g.set_defaults(func=_cmd_golden_test)
