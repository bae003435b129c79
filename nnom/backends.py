"""The backend table (nnom/backends.json): which CMSIS-NN kernel family runs
on which core. A core with none (null) runs the local kernels even with the
CMSIS-NN backend: CMSIS-NN's plain C is slower than ours.

Readers: memory.py and codegen.py (the arena plan of each kernel family),
extra_script/nnom_build.py (CMSIS_NN_CPUS, HELIUM_CPUS) and the C dispatch
through the generated part of src/kernels/nnom_backend.h, which
tools/gen_backend_header.py rewrites (test_backends.py checks it).
"""

from __future__ import annotations

import json
from pathlib import Path

TABLE = json.loads((Path(__file__).with_name("backends.json")).read_text())
LOCAL = "local"

BEGIN = "/* BEGIN generated from nnom/backends.json by tools/gen_backend_header.py: do not edit */"
END = "/* END generated from nnom/backends.json */"


def kinds() -> list[str]:
    """The CMSIS-NN kernel families, in the table's order."""
    return list(TABLE["kernels"])


def selection_order() -> list[str]:
    """The families in the order a build checks for them (the first whose
    c_condition holds runs)."""
    return list(TABLE["selection_order"])


def c_condition(kind: str) -> str:
    """The preprocessor test for a build whose core runs this family."""
    return TABLE["kernels"][kind]["c_condition"]


def plan_name(kind: str) -> str:
    """memory.plan()'s backend name for this family ("cmsis-nn-dsp", ...)."""
    return TABLE["kernels"][kind]["plan"]


def kind_of_plan(backend: str) -> str:
    """The family of a memory.plan() backend name."""
    for kind, entry in TABLE["kernels"].items():
        if entry["plan"] == backend:
            return kind
    raise ValueError(f"backend '{backend}' is not known; use one of {', '.join(plan_names())}")


def plan_names() -> tuple[str, ...]:
    """Every backend memory.plan() takes: local first, then the table's."""
    return (LOCAL,) + tuple(entry["plan"] for entry in TABLE["kernels"].values())


def core_kind(cpu: str) -> str | None:
    """The kernel family the CMSIS-NN backend runs on a core (None: local C)."""
    return TABLE["cores"].get(cpu.lower())


def depthwise_group(kind: str | None, multiplier: int, channels: int, taps: int) -> bool:
    """Whether a depthwise layer runs the local kernel's group path on a
    core of this family (None: no DSP extension) with the CMSIS-NN backend,
    instead of CMSIS-NN's depthwise kernel (the table's depthwise_group)."""
    rule = TABLE["depthwise_group"]
    return (
        kind in rule["over_cmsis_nn"]
        and multiplier == rule["multiplier"]
        and channels % rule["channels_multiple_of"] == 0
        and taps <= rule["max_taps"]
    )


def _family_test(kind: str) -> str:
    """The C expression, after the core-selection block, that holds on a
    CMSIS-NN build of this family."""
    order = selection_order()
    macros = [f"NNOM_CMSIS_NN_{k.upper()}" for k in order[:-1]]
    if kind != order[-1]:
        return macros[order.index(kind)]
    return " && ".join(["NNOM_CMSIS_NN_KERNELS", *[f"!{m}" for m in macros]])


def _continued(line: str) -> str:
    """A preprocessor line continued on the next, its backslash in column 96
    (as the C sources write them)."""
    return f"{line:<94} \\"


def c_core_selection() -> str:
    """The core-selection block of src/kernels/nnom_backend.h."""
    conditions = [f"({c_condition(k)})" for k in selection_order()]
    test = ["#if defined(NNOM_BACKEND_CMSIS_NN) && !defined(NNOM_USING_CHW) &&"]
    for k, cond in enumerate(conditions):
        last = k == len(conditions) - 1
        test.append(("    (" if k == 0 else "     ") + cond + (")" if last else " ||"))
    lines = [
        BEGIN,
        "/* CMSIS-NN's kernels are used on cores with the DSP extension or Helium",
        " * (MVE) only: its plain C variants are slower than the local kernels, so on",
        " * a Cortex-M0/M3 the CMSIS-NN backend runs local C (and links no CMSIS-NN).",
        " * CMSIS-NN is HWC: CHW builds (NNOM_USING_CHW) run the local kernels. */",
        *[_continued(line) for line in test[:-1]],
        test[-1],
        "#define NNOM_CMSIS_NN_KERNELS 1",
        "#else",
        "#define NNOM_CMSIS_NN_KERNELS 0",
        "#endif",
    ]
    for kind in selection_order()[:-1]:  # the last family is what remains: no macro
        macro = f"NNOM_CMSIS_NN_{kind.upper()}"
        lines += [
            f"/* {TABLE['kernels'][kind]['about']} */",
            f"#if NNOM_CMSIS_NN_KERNELS && {c_condition(kind)}",
            f"#define {macro} 1",
            "#else",
            f"#define {macro} 0",
            "#endif",
        ]
    rule = TABLE["depthwise_group"]
    over = " || ".join(f"({_family_test(k)})" for k in rule["over_cmsis_nn"]) or "0"
    lines += [
        f"/* The local depthwise kernel's group path (DSP cores): multiplier {rule['multiplier']},",
        f" * channels a multiple of {rule['channels_multiple_of']}, "
        f"at most {rule['max_taps']} taps. The CMSIS-NN backend runs it",
        " * instead of CMSIS-NN's depthwise kernel where NNOM_DW_GROUP_OVER_CMSIS_NN. */",
        f"#define NNOM_DW_GROUP_MULTIPLIER {rule['multiplier']}",
        f"#define NNOM_DW_GROUP_CHANNELS {rule['channels_multiple_of']}",
        f"#define NNOM_DW_GROUP_MAX_TAPS {rule['max_taps']}",
        f"#define NNOM_DW_GROUP_OVER_CMSIS_NN ({over})",
    ]
    return "\n".join(lines + [END])


def rewrite_header(text: str) -> str:
    """`text` with its generated block replaced by c_core_selection()."""
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + c_core_selection() + text[stop:]
