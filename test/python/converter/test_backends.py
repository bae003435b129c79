"""The backend table (nnom/backends.json) is the one source of which kernels
run on which core: the generated part of src/kernels/nnom_backend.h, the
PlatformIO hook's core lists and the header's arena choice all follow it."""

from __future__ import annotations

import importlib.util

import pytest

import cbuild
from nnom import backends, memory

HEADER = cbuild.ROOT / "src" / "kernels" / "nnom_backend.h"
HOOK = cbuild.ROOT / "extra_script" / "nnom_build.py"
# The ACLE macros compilers define for a core of each kernel family.
FEATURES = {
    None: [],
    "dsp": ["-D__ARM_FEATURE_DSP=1"],
    "mve": ["-D__ARM_FEATURE_DSP=1", "-D__ARM_FEATURE_MVE=1"],
}

PROBE = r"""
#include <stdio.h>
#include "nnom_backend.h"
int main(void)
{
    printf("%d %d\n", NNOM_CMSIS_NN_KERNELS, NNOM_CMSIS_NN_MVE);
    return 0;
}
"""


def test_the_checked_in_header_is_generated_from_the_table():
    text = HEADER.read_text()
    assert backends.rewrite_header(text) == text, "run tools/gen_backend_header.py"


def test_the_hook_reads_its_core_lists_from_the_table():
    spec = importlib.util.spec_from_file_location("nnom_build_for_backends", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for cpu in backends.TABLE["cores"]:
        kind = backends.core_kind(cpu)
        assert (cpu in hook.CMSIS_NN_CPUS) == (kind is not None), cpu
        assert (cpu in hook.HELIUM_CPUS) == (kind == "mve"), cpu
    assert backends.core_kind("cortex-m4") == "dsp" and backends.core_kind("cortex-m0") is None


def test_the_planner_knows_every_family_of_the_table():
    assert memory.BACKENDS[0] == backends.LOCAL
    for kind in backends.kinds():
        assert backends.kind_of_plan(backends.plan_name(kind)) == kind
    with pytest.raises(ValueError):
        backends.kind_of_plan("cmsis-nn-sme")


@pytest.mark.parametrize("chw", [False, True])
@pytest.mark.parametrize("kind", list(FEATURES))
def test_the_c_dispatch_picks_the_family_of_the_table(tmp_path, kind, chw):
    assert set(FEATURES) == {None, *backends.kinds()}
    src = tmp_path / "probe.c"
    src.write_text(PROBE)
    exe = tmp_path / "probe"
    flags = ["-DNNOM_BACKEND_CMSIS_NN", *FEATURES[kind]] + (["-DNNOM_USING_CHW"] if chw else [])
    includes = [f"-I{p}" for p in [*cbuild.INCLUDES, HEADER.parent]]
    cbuild.run([cbuild.CC, "-std=c99", *includes, *flags, str(src), "-o", str(exe)])
    kernels, mve = (int(v) for v in cbuild.run([str(exe)]).stdout.split())
    runs_cmsis = kind is not None and not chw
    assert (kernels, mve) == (int(runs_cmsis), int(runs_cmsis and kind == "mve"))


DW_PROBE = r"""
#include <stdio.h>
#include "nnom_backend.h"
int main(void)
{
    printf("%d %d %d %d\n", NNOM_DW_GROUP_OVER_CMSIS_NN, NNOM_DW_GROUP_MULTIPLIER,
           NNOM_DW_GROUP_CHANNELS, NNOM_DW_GROUP_MAX_TAPS);
    return 0;
}
"""


@pytest.mark.parametrize("kind", list(FEATURES))
def test_the_depthwise_group_rule_is_the_tables_in_c_and_python(tmp_path, kind):
    """Which depthwise shapes the CMSIS-NN backend leaves to the local group
    path: the C dispatch's macros and the converter's plan (cmsis_scratch
    None) both follow backends.json."""
    src = tmp_path / "probe.c"
    src.write_text(DW_PROBE)
    exe = tmp_path / "probe"
    includes = [f"-I{p}" for p in [*cbuild.INCLUDES, HEADER.parent]]
    flags = ["-DNNOM_BACKEND_CMSIS_NN", *FEATURES[kind]]
    cbuild.run([cbuild.CC, "-std=c99", *includes, *flags, str(src), "-o", str(exe)])
    over, mult, chans, taps = (int(v) for v in cbuild.run([str(exe)]).stdout.split())
    rule = backends.TABLE["depthwise_group"]
    assert (mult, chans, taps) == (
        rule["multiplier"],
        rule["channels_multiple_of"],
        rule["max_taps"],
    )
    assert over == int(kind in rule["over_cmsis_nn"])
    for m, c, t in [
        (mult, chans, taps),
        (mult, 3 * chans, 9),
        (mult + 1, chans, 9),
        (mult, chans + 1, 9),
        (mult, chans, taps + 1),
    ]:
        want = bool(over) and m == mult and c % chans == 0 and t <= taps
        assert backends.depthwise_group(kind, m, c, t) == want, (kind, m, c, t)


RULES_PROBE = r"""
#include <stdio.h>
#include <string.h>
#include "nnom_backend.h"
/* One case a line, "<table> v0 v1 v2"; prints "<takes> <runs> <local>":
 * CMSIS-NN's entry of that dispatch table takes the arguments (the plan
 * holds its scratch), CMSIS-NN's kernel computes the layer (the local
 * entries before it and the -O2 hand-off inside it, as nnom_dispatch.c and
 * cmsis/nnom_cmsis_nn.c order them), and the plan holds the local kernel's
 * scratch too (nnom_cmsis_conv_scratch). */
int main(void)
{
    char t[8];
    int v[3];
    while (scanf("%7s %d %d %d", t, &v[0], &v[1], &v[2]) == 4) {
        int takes = 0, runs = 0, local = 0;
        if (strcmp(t, "conv") == 0) {
            takes = NNOM_CONV_CMSIS_NN_TAKES(v[0], v[1], v[2]);
            runs = takes && !(NNOM_CONV_LOCAL_ASM && NNOM_CONV_ASM_TAKES(v[0]));
            local = takes && NNOM_CONV_LOCAL_SCRATCH && NNOM_CONV_ASM_TAKES(v[0]);
        } else if (strcmp(t, "dwconv") == 0) { /* multiplier, channels, taps */
            int group = NNOM_DW_GROUP_OVER_CMSIS_NN && v[0] == NNOM_DW_GROUP_MULTIPLIER &&
                        v[1] % NNOM_DW_GROUP_CHANNELS == 0 && v[2] <= NNOM_DW_GROUP_MAX_TAPS;
            takes = NNOM_CMSIS_NN_DWCONV && !group;
            runs = takes && !(NNOM_DWCONV_LOCAL_ASM && NNOM_DWCONV_ASM_TAKES(v[0]));
        } else if (strcmp(t, "fc") == 0) { /* inputs, bias_folded given */
            takes = NNOM_FC_CMSIS_NN_TAKES(v[1]);
            runs = takes && !(NNOM_FC_LOCAL_ASM && NNOM_FC_ASM_TAKES(v[0], v[1]));
        } else if (strcmp(t, "maxpool") == 0) {
            takes = runs = NNOM_CMSIS_NN_MAXPOOL;
        } else if (strcmp(t, "avgpool") == 0) {
            takes = runs = NNOM_CMSIS_NN_AVGPOOL;
        } else if (strcmp(t, "softmax") == 0) {
            takes = runs = NNOM_SOFTMAX_CMSIS_NN_TAKES(v[0]);
        } else if (strcmp(t, "add") == 0) { /* inputs, subtract */
            takes = runs = NNOM_ADD_CMSIS_NN_TAKES(v[0], v[1]);
        } else if (strcmp(t, "mul") == 0) {
            takes = runs = NNOM_MUL_CMSIS_NN_TAKES(v[0]);
        }
        printf("%d %d %d\n", takes, runs, local);
    }
    return 0;
}
"""


def _rule_cases(rng) -> list[tuple[str, dict, tuple[int, int, int]]]:
    """Random arguments of every dispatch table with a rule: (table, the
    keywords of backends.cmsis_nn_takes, the probe's three numbers)."""
    cases = []
    for _ in range(200):
        cin = int(rng.choice([1, 2, 3, 4, 5, 8, 12, 15, 16, 17, 20, 24, 33, 64]))
        kernel = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        cases.append(("conv", {"channels": cin, "kernel": kernel}, (cin, *kernel)))
        mult = int(rng.choice([1, 1, 2, 3]))
        chans = mult * int(rng.integers(1, 25))
        taps = int(rng.choice([1, 3, 9, 25, 31, 32, 33, 49]))
        shape = {"multiplier": mult, "channels": chans, "taps": taps}
        cases.append(("dwconv", shape, (mult, chans, taps)))
        inputs, folded = int(rng.integers(1, 70)), bool(rng.random() < 0.8)
        cases.append(("fc", {"inputs": inputs, "bias_folded": folded}, (inputs, int(folded), 0)))
        row = int(rng.choice([1, 10, 510, 511, 512, 1000]))
        cases.append(("softmax", {"row": row}, (row, 0, 0)))
        n_in, sub = int(rng.integers(1, 4)), bool(rng.random() < 0.3)
        cases.append(("add", {"inputs": n_in, "subtract": sub}, (n_in, int(sub), 0)))
        cases.append(("mul", {"inputs": n_in}, (n_in, 0, 0)))
    cases += [("maxpool", {}, (0, 0, 0)), ("avgpool", {}, (0, 0, 0))]
    return cases


def test_every_rule_of_the_table_is_the_same_in_c_and_python(tmp_path):
    """For every core family and optimisation (the -O2 assembly hand-offs
    depend on it), the generated macros of nnom_backend.h compiled for that
    core and backends.cmsis_nn_takes() / cmsis_nn_runs() /
    local_scratch_planned() agree on random
    arguments of every dispatch table with a rule."""
    import numpy as np

    cases = _rule_cases(np.random.default_rng(3))
    assert {t for t, _, _ in cases} == {
        t for t, rule in backends.TABLE["ops"].items() if isinstance(rule, dict)
    }
    stdin = "".join(f"{t} {a} {b} {c}\n" for t, _, (a, b, c) in cases)
    src = tmp_path / "probe.c"
    src.write_text(RULES_PROBE)
    includes = [f"-I{p}" for p in [*cbuild.INCLUDES, HEADER.parent]]
    seen: dict[str, set[tuple[bool, bool, bool]]] = {}
    for kind, features in FEATURES.items():
        for opt in ("-O2", "-Os"):
            exe = tmp_path / f"probe_{kind}{opt}"
            # __thumb2__: the Arm build the local assembly loops need (NNOM_LOCAL_MAC_ASM)
            flags = ["-DNNOM_BACKEND_CMSIS_NN", "-D__thumb2__", opt, *features]
            cbuild.run([cbuild.CC, "-std=c99", *includes, *flags, str(src), "-o", str(exe)])
            rows = cbuild.run([str(exe)], input=stdin).stdout.split("\n")
            assert len([r for r in rows if r]) == len(cases)
            for (table, shape, _), row in zip(cases, rows):
                got = tuple(bool(int(v)) for v in row.split())
                want = (
                    backends.cmsis_nn_takes(table, kind, **shape),
                    backends.cmsis_nn_runs(table, kind, opt, **shape),
                    backends.local_scratch_planned(table, kind, **shape),
                )
                assert got == want, (table, kind, opt, shape)
                seen.setdefault(table, set()).add(want)
    # every table's rule both picks and leaves CMSIS-NN's kernel somewhere,
    # and the -O2 hand-offs send some layers CMSIS-NN takes to the local loop
    assert all({True, False} <= {takes for takes, _, _ in s} for s in seen.values()), seen
    assert (True, False, True) in seen["conv"] and (True, False, False) in seen["fc"]
    assert (True, False, False) in seen["dwconv"] and (True, True, False) in seen["dwconv"]
    # the conv hand-off's local scratch is planned at -Os too (one plan)
    assert (True, True, True) in seen["conv"]
