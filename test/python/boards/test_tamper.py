"""Tampered headers on the emulated boards: whatever the records say, the
runtime refuses the model (an error status) or runs it bit-exact, and never
writes outside its buffers or hangs.

For each layer of board_cases/tamper.py (records that name their kernel's
path: depthwise tags 9, 13-25, 29, 31, 33, 35, 37, 43, 1, 3, dwrect's 7, a two-tap
plan, the 1x1 records loops) the header's records array is made writable
and the firmware flips one listed word at a time (to its neighbours, to
the int32 extremes, the first word to every other path's tag), creates the
model, runs it on three inputs and compares every output byte with the
untampered reference. Every heap block (the arena, the I/O buffers, the
layers) is allocated with 64 guard bytes on either side (nnom_malloc /
nnom_free routed to a guard allocator: a runtime library of its own
flags), checked after creation, after every run and after deletion. The
boards: M4 (local and CMSIS-NN, -O2: the assembly paths), M3 (local -O2:
the C paths) and M4 -Os. A fault or hang ends a case's firmware; the next
one starts after it.
Known open (OPEN_FAULTS, OPEN_WRONG, in_band_tag below) are left out or
tolerated, so that the test passes and reports anything new.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnom

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
import cmbuild  # noqa: E402

import board_cases  # noqa: E402
from board_cases import calibration  # noqa: E402
from board_cases.tamper import (  # noqa: E402
    PAIRSAFE_CASES,
    TAGS,
    TAMPER_CASES,
    TAMPERB_CASES,
    TAMPERFLAT2_CASES,
    TAMPERONE77_CASES,
    TAMPERPW1OB_CASES,
    TAMPERPWFEW_CASES,
    TAMPERPWONE_CASES,
)

RUNS = 3
# the cases' (family, index): tamper_'s, pairsafe_'s, tamperb_'s, tamperpwone_'s, then
# tamperpwfew_'s, tamperflat2_'s, tamperone77_'s, tamperpw1ob_'s
CASES = TAMPER_CASES + PAIRSAFE_CASES + TAMPERB_CASES + TAMPERPWONE_CASES
CASES += TAMPERPWFEW_CASES + TAMPERFLAT2_CASES + TAMPERONE77_CASES + TAMPERPW1OB_CASES
FAMILY = [("tamper_", k) for k in range(len(TAMPER_CASES))]
FAMILY += [("pairsafe_", k) for k in range(len(PAIRSAFE_CASES))]
FAMILY += [("tamperb_", k) for k in range(len(TAMPERB_CASES))]
FAMILY += [("tamperpwone_", k) for k in range(len(TAMPERPWONE_CASES))]
FAMILY += [("tamperpwfew_", k) for k in range(len(TAMPERPWFEW_CASES))]
FAMILY += [("tamperflat2_", k) for k in range(len(TAMPERFLAT2_CASES))]
FAMILY += [("tamperone77_", k) for k in range(len(TAMPERONE77_CASES))]
FAMILY += [("tamperpw1ob_", k) for k in range(len(TAMPERPW1OB_CASES))]
INT_MAX, INT_MIN = 0x7FFFFFFF, -0x80000000
GUARD_DIR = Path(__file__).resolve().parent / "guard"
GUARD = (
    f"-include{GUARD_DIR / 'nnom_guard.h'}",
    "-Dnnom_malloc=nnom_guard_malloc",
    "-Dnnom_free=nnom_guard_free",
)
RECORDS = re.compile(r"static const int32_t (\w+_records)\[(\d+)\] = \{([^}]*)\};")

needs_arm = pytest.mark.skipif(
    bool(cmbuild.tools_missing()),
    reason="needs arm-none-eabi-gcc and qemu-system-arm (tools/install.sh)",
)


LINE = re.compile(
    r"nnom-tamper (\d+) (\d+) status=(-?\d+) mismatches=(\d+) guards=(\d+) live=(\d+)"
)
START = re.compile(r"nnom-tamper-start (\d+) (\d+)")


# The two-tap plans' words (cases 4, 5 and 12 on): refused at the first run
# where a set reaches outside the buffers (nnom_dwpair_plan_holds), so none
# may fault, hang or write past a block; OPEN_WRONG the changes that stay
# inside the buffers and the layer's geometry, which the runtime cannot
# tell from the converter's: which outputs the sets cover (a count less
# one, a kind of fewer places, a place's out / x / od / d moved inside the
# buffers: case 13's places across lines). (case, word) -> values.
MAX, MIN = INT_MAX, INT_MIN
OPEN_FAULTS: dict[tuple[int, int], tuple[int, ...]] = {}
OPEN_WRONG: dict[tuple[int, int], tuple[int, ...]] = {
    (5, 161): (1,),  # the sets' count less one: the border set not run
    (5, 193): (39,),  # the border set's x (k 11) a byte back, inside the input
    (12, 62): (11,),  # the walk's k 12 as k 11 (one border output a group), in bounds
    (13, 33): (2,),  # the sets' count less one
    (13, 46): (3,),  # a set of four places as three
    (13, 48): (9, 7),
    (13, 49): (17, 15),
    (13, 50): (25, 23),
    (13, 54): (5, 3),
    (13, 55): (13, 11),
    (13, 56): (29, 27),
    (13, 59): (3,),
    (13, 61): (9, 7),
    (13, 62): (17, 15),
    (13, 63): (25, 23),
    (13, 67): (5, 3),
    (13, 68): (21, 19),
    (13, 69): (29, 27),
}


def tolerated(k: int, i: int, v: int) -> bool:
    """A run to another output, in bounds, that the runtime cannot tell
    from the reference's (open)."""
    return in_band_tag(k, i, v) or v in OPEN_WRONG.get((k, i), ())


def in_band_tag(k: int, i: int, v: int) -> bool:
    """The first word of a depthwise case rewritten to an even word (the
    one-row loop's plain records start with a doubled bias) or to 11 (its
    scaled form): read as those records of the same layer, the output not
    the reference's (in bounds: build refuses records shorter than the
    least plain layout, nnom_local_records.c; test_cross_tags_m4). Nothing
    in the config says which form the converter wrote (open). Likewise 3
    on the stride-2 lines of four or six outputs tagged 17 to 23, or of
    four to seven tagged 37: dw3s2l's records, which the converter writes
    for those lines where their loops' requantisation form does not hold.
    And 5 on tag 29's and tag 33's records: read as tag 5's, the head's
    words as the channels' (in bounds: tag 33's zeros to tag 5's length)."""
    if CASES[k][0] not in ("dw", "pair") or i != 0:
        return False
    return (
        v % 2 == 0
        or v == 11
        or (v == 3 and CASES[k][2][0] in (17, 19, 21, 23, 37))
        or (v == 5 and CASES[k][2][0] in (29, 33))
    )


def mutations(k: int, words: list[int], flip: list[int]) -> list[tuple[int, int]]:
    """(word, value): each listed word to its neighbours and the extremes,
    the first word also to every other tag (but OPEN_FAULTS)."""
    out = []
    for i in flip:
        v = words[i]
        values = [v + 1, v - 1, INT_MAX, INT_MIN] + (list(TAGS) if i == 0 else [])
        for x in dict.fromkeys(values):
            if x != v and INT_MIN <= x <= INT_MAX and x not in OPEN_FAULTS.get((k, i), ()):
                out.append((i, x))
    return out


def _converted(k: int):
    prefix, i = FAMILY[k]
    f = next(f for f in board_cases.FAMILIES if f.prefix == prefix)
    rng = np.random.default_rng(f.seed + i)
    model = f.build(i, rng)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    calib = calibration(rng, shape, 32)
    converted = nnom.convert(model, calib)
    x = np.concatenate([calib[: RUNS - 1], 3.0 * calib[RUNS - 1 : RUNS]])
    qx = converted.quantize(x)
    want = converted.run(qx)
    return converted, qx, want


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def load_cases(ks=None) -> list:
    """(header text, records name, words, mutations, inputs, expected) per
    case (of CASES' indices ks: all)."""
    out = []
    for k, (_, _, first, flip) in enumerate(CASES):
        if ks is not None and k not in ks:
            out.append(None)
            continue
        converted, qx, want = _converted(k)
        header = converted.header()
        found = RECORDS.findall(header)
        assert len(found) == 1, f"tamper_{k}: {len(found)} records arrays"
        name, _, body = found[0]
        words = [int(w) for w in body.replace("\n", " ").split(",") if w.strip()]
        if first:  # the converter's output takes the path the case is for
            assert words[0] in first, f"tamper_{k}: first word {words[0]}, not {first}"
        assert max(flip) < len(words), f"tamper_{k}: {len(words)} words"
        out.append((header, name, words, mutations(k, words, flip), qx, want))
    return out


def write_check(k: int, case, folder: Path, start: int = 0) -> Path:
    header, name, words, muts, qx, want = case
    folder.mkdir(parents=True, exist_ok=True)
    writable = header.replace(f"static const int32_t {name}[", f"static int32_t {name}[")
    (folder / "weights.h").write_text(writable)
    exp = [np.concatenate([w[r].reshape(-1) for w in want]) for r in range(RUNS)]
    lines = [
        "#include <stdio.h>",
        "#include <string.h>",
        '#include "nnom.h"',
        '#include "weights.h"',
        f"#define RUNS {RUNS}",
        f"#define OUT_BYTES {exp[0].size}",
        f"#define MUTS {len(muts)}",
        f"#define NNOM_TAMPER_START {start}",
        "static const int8_t inputs[RUNS][NNOM_INPUT_SIZE] = {"
        + ", ".join(cmbuild.c_bytes(qx[r].reshape(-1)) for r in range(RUNS))
        + "};",
        "static const int8_t expected[RUNS][OUT_BYTES] = {"
        + ", ".join(cmbuild.c_bytes(e) for e in exp)
        + "};",
        "static const uint16_t words[MUTS + 1] = {" + ", ".join(str(i) for i, _ in muts) + ", 0};",
        "static const int32_t values[MUTS + 1] = {"
        + ", ".join(f"(int32_t){v}" if v != INT_MIN else "INT32_MIN" for _, v in muts)
        + f", {words[0]}}};",
    ]
    lines.append(f"""
int nnom_tamper_{k}(void)
{{
    int failed = 0;
    int live = nnom_guard_live();
    for (int m = NNOM_TAMPER_START; m <= MUTS; m++) {{ /* the last: untampered */
        const int32_t keep = {name}[words[m]];
        {name}[words[m]] = values[m];
        printf("nnom-tamper-start {k} %d\\n", m);
        long mismatches = 0;
        nnom_status_t status = NN_SUCCESS;
        nnom_model_t *model = nnom_model_create();
        nnom_guard_check();
        if (model == NULL)
            status = -100;
        for (int r = 0; r < RUNS && status == NN_SUCCESS; r++) {{
            memcpy(nnom_inputs[0], inputs[r], NNOM_INPUT_SIZE);
            status = nnom_model_run(model);
            nnom_guard_check();
            for (uint32_t j = 0; j < nnom_output_sizes[0]; j++)
                mismatches += nnom_outputs[0][j] != expected[r][j];
        }}
        if (model != NULL)
            nnom_model_delete(model);
        {name}[words[m]] = keep;
        int guards = nnom_guard_check();
        printf("nnom-tamper {k} %d status=%d mismatches=%ld guards=%d live=%d\\n", m, (int)status,
               mismatches, guards, nnom_guard_live() - live);
        failed += guards != 0 || (status == NN_SUCCESS && mismatches != 0);
    }}
    return failed;
}}
""")
    path = folder / f"tamper_{k}.c"
    path.write_text("\n".join(lines) + "\n")
    return path


def write_main(indices: list[int], path: Path) -> Path:
    decls = "\n".join(f"int nnom_tamper_{k}(void);" for k in indices)
    calls = "\n".join(f"    failed += nnom_tamper_{k}();" for k in indices)
    path.write_text(f"""#include <stdio.h>
{decls}
int main(void)
{{
    int failed = 0;
{calls}
    printf("nnom-tamper-suite failed=%d\\n", failed);
    return failed != 0;
}}
""")
    return path


def _run(elf: Path, board: str) -> str:
    """The firmware's output (cmbuild.run's command); a hang ends at the
    runner's limit, or here where the runner itself does not return."""
    cfg = cmbuild.board_config(board).get("qemu", {})
    cmd = [
        sys.executable,
        str(cmbuild.PLATFORM / "builder" / "qemucm_run.py"),
        "--machine",
        cfg["machine"],
        "--icount-shift",
        str(cfg.get("icount_shift", 10)),
        "--timeout",
        "30",
        str(elf),
    ]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=90
        )
        return proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as e:
        return str(e.stdout or "") + "\nhung: the runner did not return"


def run_case(k: int, case, fw, board: str, work: Path, start: int = 0):
    """{mutation: result or "fault"} of case k: one firmware from the first
    mutation; after a fault or hang, one from the mutation after it."""
    results = {}
    while start <= len(case[3]):
        folder = work / f"t{k}-{start}"
        check = write_check(k, case, folder, start)
        main = write_main([k], folder / "main.c")
        more = [(GUARD_DIR / "nnom_guard.c", []), (check, [folder])]
        elf = fw.link(folder / "build", main, [], more=more)
        output = _run(elf, board)
        for m in LINE.finditer(output):
            results[int(m.group(2))] = dict(
                zip(("status", "mismatches", "guards", "live"), map(int, m.groups()[2:]))
            )
        if "nnom-tamper-suite" in output:
            break
        started = [int(m.group(2)) for m in START.finditer(output)]
        stopped = started[-1] if started else start
        fault = re.search(r"qemucm: unexpected exception (\w+).*?pc=(0x[0-9A-F]+)", output, re.S)
        results[stopped] = {"fault": fault.group(0) if fault else "hang: " + output[-300:]}
        start = stopped + 1
    return results


CONFIGS = [
    ("m4", "local", "-O2"),
    ("m4", "cmsis-nn", "-O2"),
    ("m3", "local", "-O2"),
    ("m4", "local", "-Os"),
]


@needs_arm
@pytest.mark.parametrize("board,backend,opt", CONFIGS)
def test_tampered_records(board: str, backend: str, opt: str, cases, tmp_path):
    if backend == "cmsis-nn" and cmbuild.cmsis_nn_dir() is None:
        pytest.skip(f"CMSIS-NN backend: set {cmbuild.CMSIS_ENV} to a CMSIS-NN copy (v7.0.0+)")
    cache = Path(os.environ.get("NNOM_CM_CACHE", Path.home() / ".cache" / "nnom-cm"))
    fw = cmbuild.Firmware(board=board, opt=opt, backend=backend, extra=GUARD, cache=cache)
    fw.runtime()  # the library once (its flags without the start)
    bad, ran = [], 0
    for k, case in enumerate(cases):
        _, name, words, muts, _, _ = case
        results = run_case(k, case, fw, board, tmp_path)
        for m in range(len(muts) + 1):
            what = f"tamper_{k} " + (
                f"{name}[{muts[m][0]}] {words[muts[m][0]]} -> {muts[m][1]}"
                if m < len(muts)
                else "untampered"
            )
            r = results.get(m)
            ran += 1
            if r is None:
                bad.append(f"{what}: no result")
            elif "fault" in r:
                bad.append(f"{what}: {r['fault']}")
            elif r["guards"] or r["live"]:
                bad.append(f"{what}: guard bytes {r['guards']}, blocks left {r['live']}")
            elif m == len(muts) and (r["status"] or r["mismatches"]):
                bad.append(f"{what}: status {r['status']}, {r['mismatches']} bytes differ")
            elif r["status"] == 0 and r["mismatches"] and not tolerated(k, *muts[m]):
                bad.append(f"{what}: ran, {r['mismatches']} output bytes differ")
    print(f"{board}/{backend}{opt}: {ran} runs, {len(bad)} bad")
    assert not bad, f"{board}/{backend}{opt}:\n" + "\n".join(bad)


# Cross-tag flips against the records' length (branch rlen): the first word
# of each case's records set to every other tag of its kind (depthwise:
# TAGS; 1x1: the four header magics), on the records as converted and on
# the records less their last word (the array itself shortened, so that
# NNOM_COUNT_OF gives the shorter length; the unflipped tag too). The
# array is followed by POISON words: each mutation runs twice, the words
# after the array 0, then a pattern; output bytes that differ between the
# two runs were computed from words past the array (a read out of bounds),
# which no mutation may show. On the M4 at -O2 (the local backend: where
# the assembly reads the records) and on the host under AddressSanitizer
# (whose C paths read no records: there it checks that build refuses the
# same layers alike and that nnom_records_fit itself stays in bounds).
PW_TAGS = (0x31575031, 0x4E575031, 0x4F465750, 0x4C4F4350)
POISON = 64
XLINE = re.compile(
    r"nnom-xtag (\d+) (\d+) status=(-?\d+),(-?\d+) "
    r"mismatches=(\d+) reads=(\d+) guards=(\d+) live=(\d+)"
)
XSTART = re.compile(r"nnom-xtag-start (\d+) (\d+)")
FAULT = r"qemucm: unexpected exception (\w+).*?pc=(0x[0-9A-F]+)"
# (case, shortened, value): reads past the records that stay open (none)
OPEN_READS: set[tuple[int, bool, int]] = set()


def cross_values(k: int, words: list[int], short: bool) -> list[int]:
    """The first word's values: every other tag of the case's kind (and,
    shortened, the converter's own)."""
    tags = PW_TAGS if CASES[k][0] == "pw" else TAGS
    return [t - (1 << 32) if t > INT_MAX else t for t in tags if short or t != words[0]]


def write_cross(k: int, case, folder: Path, short: bool, host: bool, start: int = 0) -> Path:
    header, name, words, _, qx, want = case
    kept = words[:-1] if short else words
    box = (
        f"static struct {{ int32_t w[{len(kept)}]; int32_t poison[{POISON}]; }} {name}_box = "
        f"{{{{{', '.join(str(w) for w in kept)}}}, {{0}}}};\n#define {name} {name}_box.w"
    )
    text, n = RECORDS.subn(lambda m: box if m.group(1) == name else m.group(0), header)
    assert n == 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "weights.h").write_text(text)
    values = cross_values(k, words, short)
    exp = [np.concatenate([w[r].reshape(-1) for w in want]) for r in range(RUNS)]
    guard = (
        "static int nnom_guard_live(void) { return 0; }\n"
        "static int nnom_guard_check(void) { return 0; }\n"
        if host
        else ""
    )
    ins = ", ".join(cmbuild.c_bytes(qx[r].reshape(-1)) for r in range(RUNS))
    outs = ", ".join(cmbuild.c_bytes(e) for e in exp)
    vals = ", ".join(f"(int32_t){v}" if v != INT_MIN else "INT32_MIN" for v in values)
    source = f"""#include <stdio.h>
#include <string.h>
#include "nnom.h"
#include "weights.h"
{guard}#define RUNS {RUNS}
#define OUT_BYTES {exp[0].size}
#define MUTS {len(values)}
static const int8_t inputs[RUNS][NNOM_INPUT_SIZE] = {{{ins}}};
static const int8_t expected[RUNS][OUT_BYTES] = {{{outs}}};
static const int32_t values[MUTS + 1] = {{{vals}, {words[0]}}};
static int8_t seen[RUNS][OUT_BYTES];

/* the status of one create and RUNS runs; pass 0 keeps the outputs in
 * seen, pass 1 counts the bytes that differ from them in *reads */
static nnom_status_t pass(int p, long *mismatches, long *reads)
{{
    nnom_status_t status = NN_SUCCESS;
    nnom_model_t *model = nnom_model_create();
    nnom_guard_check();
    if (model == NULL)
        status = -100;
    for (int r = 0; r < RUNS && status == NN_SUCCESS; r++) {{
        memcpy(nnom_inputs[0], inputs[r], NNOM_INPUT_SIZE);
        status = nnom_model_run(model);
        nnom_guard_check();
        for (uint32_t j = 0; j < nnom_output_sizes[0] && j < OUT_BYTES; j++) {{
            if (p == 0) {{
                *mismatches += nnom_outputs[0][j] != expected[r][j];
                seen[r][j] = nnom_outputs[0][j];
            }} else {{
                *reads += nnom_outputs[0][j] != seen[r][j];
            }}
        }}
    }}
    if (model != NULL)
        nnom_model_delete(model);
    return status;
}}

int nnom_xtag_{k}(int start)
{{
    int failed = 0;
    int live = nnom_guard_live();
    for (int m = start; m <= MUTS; m++) {{ /* the last: unflipped */
        const int32_t keep = {name}[0];
        {name}[0] = values[m];
        printf("nnom-xtag-start {k} %d\\n", m);
        long mismatches = 0, reads = 0;
        memset({name}_box.poison, 0, sizeof({name}_box.poison));
        const nnom_status_t s0 = pass(0, &mismatches, &reads);
        for (int i = 0; i < {POISON}; i++)
            {name}_box.poison[i] = (int32_t)(0x7F3F1F0Fu ^ (uint32_t)i * 0x9E3779B9u);
        const nnom_status_t s1 = pass(1, &mismatches, &reads);
        {name}[0] = keep;
        int guards = nnom_guard_check();
        printf("nnom-xtag {k} %d status=%d,%d mismatches=%ld reads=%ld guards=%d live=%d\\n", m,
               (int)s0, (int)s1, mismatches, reads, guards, nnom_guard_live() - live);
        failed += guards != 0 || reads != 0 || s0 != s1;
    }}
    return failed;
}}

int main(void)
{{
    int failed = nnom_xtag_{k}({start});
    printf("nnom-xtag-suite failed=%d\\n", failed);
    return 0;
}}
"""
    path = folder / f"xtag_{k}.c"
    path.write_text(source)
    return path


def cross_results(output: str) -> dict:
    return {
        int(m.group(2)): dict(
            zip(("s0", "s1", "mismatches", "reads", "guards", "live"), map(int, m.groups()[2:]))
        )
        for m in XLINE.finditer(output)
    }


def cross_bad(k: int, case, short: bool, results: dict) -> list[str]:
    """What a case's results show against the rule (see above)."""
    _, name, words, _, _, _ = case
    values = cross_values(k, words, short)
    bad = []
    for m in range(len(values) + 1):
        v = values[m] if m < len(values) else words[0]
        what = f"tamper_{k} {'shortened ' if short else ''}{name}[0] {words[0]} -> {v}"
        r = results.get(m)
        if r is None:
            bad.append(f"{what}: no result")
        elif "fault" in r:
            bad.append(f"{what}: {r['fault']}")
        elif (r["reads"] or r["s0"] != r["s1"]) and (k, short, v) not in OPEN_READS:
            past = f"{r['reads']} bytes, status {r['s0']}/{r['s1']}"
            bad.append(f"{what}: read past the records ({past})")
        elif r["guards"] or r["live"]:
            bad.append(f"{what}: guard bytes {r['guards']}, blocks left {r['live']}")
        elif not short and m == len(values) and (r["s0"] or r["mismatches"]):
            bad.append(f"{what}: untampered, status {r['s0']}, {r['mismatches']} bytes differ")
    return bad


@needs_arm
@pytest.mark.parametrize("short", [False, True], ids=["whole", "shortened"])
def test_cross_tags_m4(short: bool, cases, tmp_path):
    """The cross-tag flips on the M4 (local, -O2): refused or run, never a
    read past the records (nor a write past a buffer, a fault, a hang)."""
    cache = Path(os.environ.get("NNOM_CM_CACHE", Path.home() / ".cache" / "nnom-cm"))
    fw = cmbuild.Firmware(board="m4", opt="-O2", backend="local", extra=GUARD, cache=cache)
    fw.runtime()
    bad, ran, refused = [], 0, 0
    for k, case in enumerate(cases):
        results, start = {}, 0
        total = len(cross_values(k, case[2], short))
        while start <= total:
            folder = tmp_path / f"x{k}-{start}"
            check = write_cross(k, case, folder, short, host=False, start=start)
            more = [(GUARD_DIR / "nnom_guard.c", [])]
            elf = fw.link(folder / "build", check, [], more=more)
            output = _run(elf, "m4")
            results.update(cross_results(output))
            if "nnom-xtag-suite" in output:
                break
            started = [int(m.group(2)) for m in XSTART.finditer(output)]
            stopped = started[-1] if started else start
            fault = re.search(FAULT, output, re.S)
            results[stopped] = {"fault": fault.group(0) if fault else "hang: " + output[-300:]}
            start = stopped + 1
        ran += len(results)
        refused += sum(1 for r in results.values() if r.get("s0", 0) != 0)
        bad += cross_bad(k, case, short, results)
    print(f"m4 cross tags ({'shortened' if short else 'whole'}): {ran} runs, {refused} refused")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("short", [False, True], ids=["whole", "shortened"])
def test_cross_tags_host(short: bool, cases, tmp_path):
    """The same on the host under AddressSanitizer (every C path; no kernel
    there reads the records): no sanitizer report, refused or bit-exact."""
    import cbuild

    bad = []
    for k, case in enumerate(cases):
        folder = tmp_path / f"h{k}"
        check = write_cross(k, case, folder, short, host=True)
        exe = cbuild.program([check], folder / "xtag", includes=(folder,))
        env = cbuild.sanitizer_env()
        proc = subprocess.run([str(exe)], capture_output=True, text=True, env=env)
        if "nnom-xtag-suite" not in proc.stdout or "Sanitizer" in proc.stderr:
            bad.append(f"tamper_{k}: {proc.stdout[-300:]}{proc.stderr[-1500:]}")
            continue
        results = cross_results(proc.stdout)
        bad += cross_bad(k, case, short, results)
        for m, r in results.items():
            if r["s0"] == 0 and r["mismatches"]:
                n = r["mismatches"]
                bad.append(f"tamper_{k} mutation {m}: ran on the host, {n} bytes differ")
    assert not bad, "\n".join(bad)
