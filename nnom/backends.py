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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

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


def _families(value) -> list[str]:
    """The families a rule field applies to: the value itself or its "families"."""
    return value["families"] if isinstance(value, dict) else value


@dataclass(frozen=True)
class _Condition:
    """What one field of an "ops" rule means: whether it holds for the
    arguments (holds(value, kind, shape)), the same as a C expression over
    the generated macro's parameters (c(value, prefix), prefix NNOM_<TABLE>;
    None where the dispatch's order of entries says it), the parameters it
    reads, and whether its families give a macro <prefix>_<FIELD> (the
    builds it applies to)."""

    params: tuple[str, ...]
    holds: Callable[[Any, str | None, dict], bool]
    c: Callable[[Any, str], str] | None
    per_family: bool = False


# The fields of a rule: CMSIS-NN's entry takes the arguments where all hold.
_TAKES = {
    "min_channels": _Condition(
        ("channels",), lambda v, k, s: s["channels"] >= v, lambda v, p: f"(channels) >= {v}"
    ),
    "wide": _Condition(  # the local kernel where it applies, for larger kernels, many channels
        ("channels", "k_h", "k_w"),
        lambda v, k, s: (
            not (
                _has(k, v["families"])
                and tuple(s["kernel"]) != (1, 1)
                and s["channels"] >= v["min_channels"]
            )
        ),
        lambda v, p: (
            f"!({p}_WIDE && ((k_h) != 1 || (k_w) != 1) && (channels) >= {v['min_channels']})"
        ),
        per_family=True,
    ),
    "after_depthwise_group": _Condition(  # the group path's entry goes first
        (),
        lambda v, k, s: not (v and depthwise_group(k, s["multiplier"], s["channels"], s["taps"])),
        None,
    ),
    "needs_bias_folded": _Condition(
        ("bias_folded",),
        lambda v, k, s: s["bias_folded"] or not _has(k, v),
        lambda v, p: f"((bias_folded) || !{p}_NEEDS_BIAS_FOLDED)",
        per_family=True,
    ),
    "max_row": _Condition(("row",), lambda v, k, s: s["row"] <= v, lambda v, p: f"(row) <= {v}"),
    "inputs": _Condition(
        ("inputs",), lambda v, k, s: s["inputs"] == v, lambda v, p: f"(inputs) == {v}"
    ),
    "no_subtract": _Condition(
        ("subtract",),
        lambda v, k, s: not (v and s["subtract"]),
        lambda v, p: "!(subtract)" if v else "1",
    ),
}
# The fields of a local_asm entry: the local assembly loop takes the
# arguments where all hold.
_ASM = {
    "channels_multiple_of": _Condition(
        ("channels",),
        lambda v, k, s: s["channels"] % v == 0,
        lambda v, p: f"(channels) % {v} == 0" if v > 1 else "1",  # 1: any count
    ),
    "multiplier": _Condition(
        ("multiplier",), lambda v, k, s: s["multiplier"] == v, lambda v, p: f"(multiplier) == {v}"
    ),
    "min_inputs": _Condition(
        ("inputs",), lambda v, k, s: s["inputs"] >= v, lambda v, p: f"(inputs) >= {v}"
    ),
    "raw_inputs": _Condition(
        ("bias_folded",),
        lambda v, k, s: not v or s["bias_folded"],
        lambda v, p: "(bias_folded)" if v else "1",
    ),
}
_NOT_CONDITIONS = ("about", "cmsis_nn", "local_asm", "families", "local_scratch")
# The generated macros' parameters, in this order (Python's kernel=(h, w) is k_h, k_w).
_PARAMS = ("channels", "k_h", "k_w", "multiplier", "inputs", "bias_folded", "row", "subtract")


def _fields(rule: dict, meanings: dict[str, _Condition]) -> list[tuple[str, Any, _Condition]]:
    """A rule's conditions: (field, value, meaning); a field the table does
    not define is an error, never ignored."""
    out = []
    for field, value in rule.items():
        if field in _NOT_CONDITIONS:
            continue
        if field not in meanings:
            raise KeyError(f"backends.json: '{field}' means nothing here ({', '.join(meanings)})")
        out.append((field, value, meanings[field]))
    return out


def cmsis_nn_takes(table: str, kind: str | None, **shape) -> bool:
    """Whether a CMSIS-NN build for a core of this family (None: no DSP
    extension) holds CMSIS-NN's kernel in this dispatch table (an "ops" key
    of the table: conv, dwconv, fc, ...) and it takes these arguments: then
    the converter plans CMSIS-NN's scratch. The -O2 hand-offs to the local
    assembly loops (cmsis_nn_runs) need no scratch and are left out, so the
    plan is the same at -O2 and -Os. shape: the arguments the table's rule
    reads (channels, kernel, multiplier, taps, inputs, bias_folded, row,
    subtract)."""
    rule = TABLE["ops"][table]
    conditions = _fields(rule, _TAKES)
    return _has(kind, rule["cmsis_nn"]) and all(c.holds(v, kind, shape) for _, v, c in conditions)


def cmsis_nn_runs(table: str, kind: str | None, opt: str, **shape) -> bool:
    """Whether CMSIS-NN's kernel computes the layer in a build at `opt`
    ("-O2", "-Os"): where it takes the arguments but for those the local
    assembly loop takes at -O2 (the rule's local_asm)."""
    if not cmsis_nn_takes(table, kind, **shape):
        return False
    asm = TABLE["ops"][table].get("local_asm")
    if asm is None or not (_has(kind, asm["families"]) and local_mac_asm(opt)):
        return True
    return not all(c.holds(v, kind, shape) for _, v, c in _fields(asm, _ASM))


def local_scratch_planned(table: str, kind: str | None, **shape) -> bool:
    """Whether the plan of a CMSIS-NN build for this family holds the local
    kernel's scratch too (the larger of the two): where CMSIS-NN's entry
    takes the arguments and hands them to the local kernel at -O2 (the
    rule's local_asm, with local_scratch), whose faster paths need it. At
    every level, so -O2 and -Os plan the same arena."""
    asm = TABLE["ops"][table].get("local_asm")
    if asm is None or not asm.get("local_scratch") or not _has(kind, asm["families"]):
        return False
    if not cmsis_nn_takes(table, kind, **shape):
        return False
    return all(c.holds(v, kind, shape) for _, v, c in _fields(asm, _ASM))


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


def _c_conditions(name: str, prefix: str, guard: str | None, fields: list) -> list[str]:
    """#define name(params) ([guard &&] every field's C condition), with the
    parameters the fields read; nothing where none has a C condition."""
    terms = [c.c(v, prefix) for _, v, c in fields if c.c is not None]
    if not terms:
        return []
    used = {p for _, _, c in fields if c.c is not None for p in c.params}
    params = ", ".join(p for p in _PARAMS if p in used)
    guards = [guard] if guard else []
    return _c_define(f"{name}({params})", "(" + " && ".join(guards + terms) + ")")


def _c_op_rules() -> list[str]:
    """The macros of the table's "ops" entry, for each dispatch table T:
    NNOM_CMSIS_NN_T (the build holds CMSIS-NN's kernel), NNOM_T_CMSIS_NN_TAKES
    (it takes these arguments), NNOM_T_<FIELD> (the builds a per-family
    field applies to), NNOM_T_LOCAL_ASM (the local assembly loop goes before
    it at -O2), NNOM_T_ASM_TAKES (the arguments that loop takes) and
    NNOM_T_LOCAL_SCRATCH (the plan holds the local kernel's scratch there)."""
    lines = [
        '/* Per dispatch table (the "ops" of nnom/backends.json, whose "about"',
        " * says why): NNOM_CMSIS_NN_<TABLE> where the build holds CMSIS-NN's",
        " * kernel, NNOM_<TABLE>_CMSIS_NN_TAKES(...) the arguments it takes,",
        " * NNOM_<TABLE>_LOCAL_ASM where the local assembly loop goes before it",
        " * at -O2, on the arguments NNOM_<TABLE>_ASM_TAKES(...); where",
        " * NNOM_<TABLE>_LOCAL_SCRATCH the plan holds the larger of CMSIS-NN's",
        " * and the local kernel's scratch there (at every level). */",
    ]
    for table, rule in TABLE["ops"].items():
        if not isinstance(rule, dict):
            continue  # the entry's "about"
        prefix = f"NNOM_{table.upper()}"
        built = f"NNOM_CMSIS_NN_{table.upper()}"
        lines += _c_define(built, _paren(_families_test(rule["cmsis_nn"])))
        fields = _fields(rule, _TAKES)
        for field, value, meaning in fields:
            if meaning.per_family:
                test = _paren(_families_test(_families(value)))
                lines += _c_define(f"{prefix}_{field.upper()}", test)
        lines += _c_conditions(f"{prefix}_CMSIS_NN_TAKES", prefix, built, fields)
        asm = rule.get("local_asm")
        if asm is not None:
            test = f"({_families_test(asm['families'])} && NNOM_LOCAL_MAC_ASM)"
            lines += _c_define(f"{prefix}_LOCAL_ASM", test)
            if asm.get("local_scratch"):
                families = _paren(_families_test(asm["families"]))
                lines += _c_define(f"{prefix}_LOCAL_SCRATCH", families)
            lines += _c_conditions(f"{prefix}_ASM_TAKES", prefix, None, _fields(asm, _ASM))
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
