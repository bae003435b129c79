"""The backend table (nnom/backends.json): which CMSIS-NN kernel family runs
on which core, and per kernel table of the C dispatch on which families and
shapes CMSIS-NN's kernel runs rather than a local one. A core with no family
(null) runs the local kernels even with the CMSIS-NN backend: CMSIS-NN's
plain C is slower than ours.

Readers: the ops' cmsis_scratch (through cmsis_nn_takes()), memory.py and
codegen.py (the arena plan of each kernel family), extra_script/nnom_build.py
(CMSIS_NN_CPUS, HELIUM_CPUS) and the C dispatch through the generated part of
src/kernels/nnom_backend.h, which tools/gen_backend_header.py rewrites
(test_backends.py checks it and compares its macros with cmsis_nn_takes()
and cmsis_nn_runs() for every family at -O2 and -Os).
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


def local_mac_asm(opt: str) -> bool:
    """Whether the local kernels' assembly loops are built at this
    optimisation ("-O2", "-Os") on a core with the DSP extension."""
    return opt in TABLE["local_mac_asm"]["opt"]


def _has(kind: str | None, families: list[str]) -> bool:
    return kind is not None and kind in families


def _conv_takes(rule: dict, kind: str, channels: int, kernel: tuple[int, int]) -> bool:
    wide = rule["wide"]
    wide_local = (
        _has(kind, wide["families"])
        and tuple(kernel) != (1, 1)
        and channels >= wide["min_channels"]
    )
    return channels >= rule["min_channels"] and not wide_local


def _dwconv_takes(rule: dict, kind: str, multiplier: int, channels: int, taps: int) -> bool:
    return not depthwise_group(kind, multiplier, channels, taps)


def _fc_takes(rule: dict, kind: str, inputs: int, bias_folded: bool) -> bool:
    return bias_folded or not _has(kind, rule["needs_bias_folded"])


def _any_takes(rule: dict, kind: str) -> bool:
    return True


def _softmax_takes(rule: dict, kind: str, row: int) -> bool:
    return row <= rule["max_row"]


def _add_takes(rule: dict, kind: str, inputs: int, subtract: bool) -> bool:
    return inputs == rule["inputs"] and not subtract


def _mul_takes(rule: dict, kind: str, inputs: int) -> bool:
    return inputs == rule["inputs"]


def _conv_asm(rule: dict, channels: int, kernel: tuple[int, int]) -> bool:
    return channels % rule["channels_multiple_of"] == 0


def _fc_asm(rule: dict, inputs: int, bias_folded: bool) -> bool:
    step = rule["inputs_multiple_of"]
    return bias_folded and inputs >= step and inputs % step == 0


# Per dispatch table: the shape check of CMSIS-NN's entry, and of the local
# assembly loop that goes before it at -O2 (tables without local_asm: none).
_TAKES = {
    "conv": _conv_takes,
    "dwconv": _dwconv_takes,
    "fc": _fc_takes,
    "maxpool": _any_takes,
    "avgpool": _any_takes,
    "softmax": _softmax_takes,
    "add": _add_takes,
    "mul": _mul_takes,
}
_ASM = {"conv": _conv_asm, "fc": _fc_asm}


def cmsis_nn_takes(table: str, kind: str | None, **shape) -> bool:
    """Whether a CMSIS-NN build for a core of this family (None: no DSP
    extension) holds CMSIS-NN's kernel in this dispatch table (an "ops" key
    of the table: conv, dwconv, fc, ...) and its check takes these
    arguments: then the converter plans CMSIS-NN's scratch. The -O2
    hand-offs to the local assembly loops (cmsis_nn_runs) need no scratch
    and are left out, so the plan is the same at -O2 and -Os. shape: the
    arguments the table's rule names (conv: channels, kernel; dwconv:
    multiplier, channels, taps; fc: inputs, bias_folded; softmax: row; add:
    inputs, subtract; mul: inputs)."""
    rule = TABLE["ops"][table]
    return _has(kind, rule["cmsis_nn"]) and _TAKES[table](rule, kind, **shape)


def cmsis_nn_runs(table: str, kind: str | None, opt: str, **shape) -> bool:
    """Whether CMSIS-NN's kernel computes the layer in a build at `opt`
    ("-O2", "-Os"): where it takes the arguments but for the shapes the
    local assembly loop takes at -O2 (local_asm: it needs no scratch, so
    the plan stays CMSIS-NN's)."""
    if not cmsis_nn_takes(table, kind, **shape):
        return False
    asm = TABLE["ops"][table].get("local_asm")
    handed = asm is not None and _has(kind, asm["families"]) and local_mac_asm(opt)
    return not (handed and _ASM[table](asm, **shape))


def _family_test(kind: str) -> str:
    """The C expression, after the core-selection block, that holds on a
    CMSIS-NN build of this family."""
    order = selection_order()
    macros = [f"NNOM_CMSIS_NN_{k.upper()}" for k in order[:-1]]
    if kind != order[-1]:
        return macros[order.index(kind)]
    return " && ".join(["NNOM_CMSIS_NN_KERNELS", *[f"!{m}" for m in macros]])


def _families_test(families: list[str]) -> str:
    """The C expression that holds on a CMSIS-NN build of any of these
    families (one name or parenthesised)."""
    if set(families) == set(kinds()):
        return "NNOM_CMSIS_NN_KERNELS"
    tests = [f"({t})" if " " in t else t for t in map(_family_test, families)]
    if len(tests) == 1:
        return tests[0]
    return "(" + " || ".join(tests) + ")" if tests else "0"


def _paren(expr: str) -> str:
    """expr in parentheses, once."""
    return expr if expr.startswith("(") else f"({expr})"


def _c_define(name: str, value: str) -> list[str]:
    """#define name value, continued at its top-level &&s when longer than
    the 100 columns of the C sources."""
    line = f"#define {name} {value}"
    if len(line) <= 100:
        return [line]
    body = value[1:-1]  # the value's outer parentheses
    terms, depth, start = [], 0, 0
    for k, ch in enumerate(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and body.startswith(" && ", k):
            terms.append(body[start:k])
            start = k + 4
    terms.append(body[start:])
    lines = [f"#define {name}", "    (" + terms[0]]
    for term in terms[1:]:
        if len(lines[-1]) + len(term) + 5 <= 94:
            lines[-1] += " && " + term
        else:
            lines[-1] += " &&"
            lines.append("     " + term)
    lines[-1] += ")"
    return [_continued(q) for q in lines[:-1]] + [lines[-1]]


def _c_op_rules() -> list[str]:
    """The macros of the table's "ops" entry: NNOM_CMSIS_NN_<TABLE> (the build
    holds CMSIS-NN's kernel), NNOM_<TABLE>_CMSIS_NN_TAKES(...) (it takes
    these arguments), NNOM_<TABLE>_LOCAL_ASM(_TAKES) (the local assembly loop
    goes before it at -O2)."""
    ops = TABLE["ops"]
    lines = [
        '/* Per dispatch table (the "ops" of nnom/backends.json, whose "about"',
        " * says why): NNOM_CMSIS_NN_<TABLE> where the build holds CMSIS-NN's",
        " * kernel, NNOM_<TABLE>_CMSIS_NN_TAKES(...) the arguments it runs,",
        " * NNOM_<TABLE>_LOCAL_ASM(_TAKES) where the local assembly loop goes",
        " * before it at -O2 (no scratch: the plan stays CMSIS-NN's). */",
    ]
    for table, rule in ops.items():
        if not isinstance(rule, dict):
            continue  # the entry's "about"
        lines += _c_define(
            f"NNOM_CMSIS_NN_{table.upper()}", _paren(_families_test(rule["cmsis_nn"]))
        )
    conv, fc = ops["conv"], ops["fc"]
    wide = conv["wide"]
    lines += _c_define("NNOM_CONV_LOCAL_WIDE", _paren(_families_test(wide["families"])))
    lines += _c_define(
        "NNOM_CONV_CMSIS_NN_TAKES(in_c, k_h, k_w)",
        f"(NNOM_CMSIS_NN_CONV && (in_c) >= {conv['min_channels']} && "
        f"!(NNOM_CONV_LOCAL_WIDE && ((k_h) != 1 || (k_w) != 1) && "
        f"(in_c) >= {wide['min_channels']}))",
    )
    step = conv["local_asm"]["channels_multiple_of"]
    lines += _c_define(
        "NNOM_CONV_LOCAL_ASM",
        f"({_families_test(conv['local_asm']['families'])} && NNOM_LOCAL_MAC_ASM)",
    )
    lines += _c_define(
        "NNOM_CONV_LOCAL_ASM_TAKES(in_c)", f"(NNOM_CONV_LOCAL_ASM && (in_c) % {step} == 0)"
    )
    lines += _c_define(
        "NNOM_FC_CMSIS_NN_NEEDS_BIAS_FOLDED", _paren(_families_test(fc["needs_bias_folded"]))
    )
    lines += _c_define(
        "NNOM_FC_CMSIS_NN_TAKES(has_folded)",
        "(NNOM_CMSIS_NN_FC && ((has_folded) || !NNOM_FC_CMSIS_NN_NEEDS_BIAS_FOLDED))",
    )
    step = fc["local_asm"]["inputs_multiple_of"]
    lines += _c_define(
        "NNOM_FC_LOCAL_ASM",
        f"({_families_test(fc['local_asm']['families'])} && NNOM_LOCAL_MAC_ASM)",
    )
    lines += _c_define(
        "NNOM_FC_ASM_TAKES(n, has_folded)", f"((has_folded) && (n) >= {step} && (n) % {step} == 0)"
    )
    lines += _c_define(
        "NNOM_SOFTMAX_CMSIS_NN_TAKES(row)",
        f"(NNOM_CMSIS_NN_SOFTMAX && (row) <= {ops['softmax']['max_row']})",
    )
    lines += _c_define(
        "NNOM_ADD_CMSIS_NN_TAKES(n_in, subtract)",
        f"(NNOM_CMSIS_NN_ADD && (n_in) == {ops['add']['inputs']} && !(subtract))",
    )
    lines += _c_define(
        "NNOM_MUL_CMSIS_NN_TAKES(n_in)", f"(NNOM_CMSIS_NN_MUL && (n_in) == {ops['mul']['inputs']})"
    )
    return lines


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
        *_c_op_rules(),
    ]
    return "\n".join(lines + [END])


def rewrite_header(text: str) -> str:
    """`text` with its generated block replaced by c_core_selection()."""
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + c_core_selection() + text[stop:]
