"""Tampered headers on the emulated boards: whatever the records say, the
runtime refuses the model (an error status) or runs it bit-exact, and never
writes outside its buffers or hangs.

For each layer of board_cases/tamper.py (records that name their kernel's
path: depthwise tags 9, 13-25, 29, 31, 33, 35, 1, 3, dwrect's 7, a two-tap
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
    TAMPERPWONE_CASES,
)

RUNS = 3
# the cases' (family, index): tamper_'s, pairsafe_'s, tamperb_'s, tamperpwone_'s, then
# tamperflat2_'s
CASES = TAMPER_CASES + PAIRSAFE_CASES + TAMPERB_CASES + TAMPERPWONE_CASES + TAMPERFLAT2_CASES
FAMILY = [("tamper_", k) for k in range(len(TAMPER_CASES))]
FAMILY += [("pairsafe_", k) for k in range(len(PAIRSAFE_CASES))]
FAMILY += [("tamperb_", k) for k in range(len(TAMPERB_CASES))]
FAMILY += [("tamperpwone_", k) for k in range(len(TAMPERPWONE_CASES))]
FAMILY += [("tamperflat2_", k) for k in range(len(TAMPERFLAT2_CASES))]
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
    scaled form): read as those records of the same layer, in bounds, the
    output not the reference's. Nothing in the config says which form the
    converter wrote (open). Likewise 3 on the stride-2 lines of four or six
    outputs tagged 17 to 23, or of four to seven tagged 37: dw3s2l's
    records, which the converter writes for those lines where their loops'
    requantisation form does not hold.
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
