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
