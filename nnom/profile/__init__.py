"""`nnom profile`: a converted model on emulated Cortex-M boards, layer by layer.

    profiles = profile_model(converted, x, boards=["m4"], backends=["local"])

builds the model for each board and backend (nnom.qemucm: arm-none-eabi-gcc,
-O2 by default, as bench/run.py does), runs it under QEMU with exact
instruction counts on the first inputs of x, checks every output byte
against the converter's reference and returns one Profile per build: the
instructions per layer and in total, the arena's buffers, RAM and flash.
text.py prints the tables, report_json.py and html.py write the files.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import qemucm
from ..calibration import as_inputs
from ..errors import NnomError
from .firmware import build_and_run
from .flags import (
    dw_steps_flag,
    layer_constructors,
    model_masks,
    prune_flags,
    reports_paths,
    without_masks,
)
from .result import Profile, make_profile, resolve_board

__all__ = [
    "BACKENDS",
    "Profile",
    "check_options",
    "check_tools",
    "dw_steps_flag",
    "find_masks",
    "prune_flags",
    "profile_model",
    "reference_io",
    "resolve_board",
]

BACKENDS = ("local", "cmsis-nn")
SIZE_OPTS = ("-Os", "-Oz")  # compact paths: the masks change no byte (measured: -Os)
PRUNED_SLACK = 32  # instructions a layer and run the pruned build may add (measured: 1)


def check_tools() -> None:
    if not (qemucm.PLATFORM / "boards").is_dir():
        raise NnomError(
            f"the qemucm platform (emulated boards) is missing: no {qemucm.PLATFORM}; set "
            f"{qemucm.PLATFORM_ENV} to a copy of platforms/qemucm of NNoM's repository"
        )
    missing = qemucm.tools_missing()
    if missing:
        raise NnomError(
            f"{' and '.join(missing)} not found: the emulated boards need the Arm toolchain and "
            "QEMU (Debian/Ubuntu: apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi "
            "qemu-system-arm; in a checkout: bash tools/install.sh)"
        )


def cmsis_nn_or_error():
    """The configured CMSIS-NN copy; an error naming what to set when there is none."""
    try:
        found = qemucm.cmsis_nn_dir()
    except FileNotFoundError as err:
        raise NnomError(str(err)) from None
    if found is None:
        raise NnomError(
            f"--backend cmsis-nn needs a CMSIS-NN copy: set {qemucm.CMSIS_ENV} to a checkout of "
            "ARM-software/CMSIS-NN (v7.0.0 or later), or use --backend local"
        )
    return found


def check_options(boards: list[str], backends: list[str]):
    """(qemucm short board names, the CMSIS-NN copy or None); an error for a
    board or backend that is not known, or CMSIS-NN without a copy."""
    if not boards:
        raise NnomError("--board: name at least one board, e.g. qemu_m4")
    shorts = [resolve_board(b) for b in boards]
    for backend in backends:
        if backend not in BACKENDS:
            raise NnomError(f"--backend {backend}: use local or cmsis-nn")
    return shorts, cmsis_nn_or_error() if "cmsis-nn" in backends else None


def reference_io(converted, x, runs: int):
    """The first `runs` inputs of x as int8 batches, and the outputs the
    converter's reference computes for them."""
    shapes = [converted.graph.node(n).shape for n in converted.graph.inputs]
    arrays = [a[:runs] for a in as_inputs(x, shapes)]
    q = [converted.quantize(a, k) for k, a in enumerate(arrays)]
    return q, converted.run(q)


def profile_model(
    converted,
    x,
    boards: list[str],
    backends: list[str],
    opt: str = "-O2",
    runs: int = 10,
    extra: tuple[str, ...] = (),
) -> list[Profile]:
    """One Profile per (board, backend), in that order. boards: qemucm short
    names ("m4") or what resolve_board() takes; extra: compiler flags (-D...)
    of the runtime's and the model's build, e.g. a PlatformIO env's."""
    shorts, cmsis = check_options(boards, backends)
    check_tools()
    inputs, expected = reference_io(converted, x, runs)
    configs = [(s, b) for s in shorts for b in backends]

    def one(config, root: Path) -> Profile:
        short, backend = config
        fw = qemucm.Firmware(board=short, opt=opt, backend=backend, cmsis=cmsis, extra=extra)
        raw = build_and_run(converted, inputs, expected, fw, root / f"{short}-{backend}")
        profile = make_profile(raw, short, backend, opt)
        if opt not in SIZE_OPTS and any(m is not None for m in masks_of(raw, fw, raw.conv_paths)):
            _prune(raw, fw, root / f"{short}-{backend}", profile)
        return profile

    def _prune(raw, fw, folder: Path, profile: Profile) -> None:
        """The runtime code of the build that links only the depthwise steps
        and the Conv2D paths the layers took (NNOM_DW_STEPS, NNOM_CONV_PATHS;
        the Conv2D inner paths as a build with NNOM_CONV_PATHS_REPORT records
        them): the same paths, so the same output bytes and instructions but
        a few a layer (the dispatchers compile otherwise; the first run's
        walk skips the asks of the paths out)."""

        # the masks of the build as made replace any the flags already had
        own = without_masks(fw.extra)

        def build(extra: tuple[str, ...], name: str):
            return build_and_run(
                converted,
                inputs,
                expected,
                qemucm.Firmware(
                    board=fw.board,
                    opt=fw.opt,
                    backend=fw.backend,
                    cmsis=fw.cmsis,
                    extra=(*own, *extra),
                ),
                folder.with_name(f"{folder.name}-{name}"),
            )

        # the inner paths only a report build records (none without an outer one)
        conv = build(("-DNNOM_CONV_PATHS_REPORT",), "paths").conv_paths if raw.conv_paths else 0
        dw, conv_mask = masks_of(raw, fw, conv)
        flags = prune_flags(dw, conv_mask)
        pruned = build(tuple(flags.split()), "pruned")
        slack = PRUNED_SLACK * len(raw.layers) * raw.runs
        if pruned.instructions > raw.instructions + slack or pruned.dw_steps != raw.dw_steps:
            raise NnomError(
                f"the build with {flags} ran other instructions "
                f"({pruned.instructions} against {raw.instructions}): a bug, please report it"
            )
        profile.conv_paths = conv
        profile.pruned_code = pruned.runtime["code"]
        profile.shrink_flags = flags

    def masks_of(raw, fw, conv_paths: int) -> tuple[int | None, int | None]:
        reported = reports_paths(qemucm.board_config(fw.board)["build"]["cpu"], fw.opt, fw.extra)
        return model_masks(constructors, raw.dw_steps, conv_paths, reported)

    constructors = layer_constructors(converted)
    with tempfile.TemporaryDirectory(prefix="nnom-profile-") as tmp:
        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(lambda c: one(c, Path(tmp)), configs))


def find_masks(
    converted, x, board: str, backend: str, opt: str = "-O2", extra: tuple[str, ...] = ()
) -> str:
    """The mask flags of the paths the model takes on one board (one build:
    the depthwise steps and, as NNOM_CONV_PATHS_REPORT records them, the
    Conv2D paths), or "" where there is nothing to leave out (-Os, no such
    layer). One run: the paths depend on the shapes, not on the input."""
    if opt in SIZE_OPTS:
        return ""
    (short,), cmsis = check_options([board], [backend])
    check_tools()
    inputs, expected = reference_io(converted, x, 1)
    own = without_masks(extra)
    fw = qemucm.Firmware(
        board=short,
        opt=opt,
        backend=backend,
        cmsis=cmsis,
        extra=(*own, "-DNNOM_CONV_PATHS_REPORT"),
    )
    with tempfile.TemporaryDirectory(prefix="nnom-masks-") as tmp:
        raw = build_and_run(converted, inputs, expected, fw, Path(tmp))
    reported = reports_paths(qemucm.board_config(short)["build"]["cpu"], opt, own)
    return prune_flags(
        *model_masks(layer_constructors(converted), raw.dw_steps, raw.conv_paths, reported)
    )
