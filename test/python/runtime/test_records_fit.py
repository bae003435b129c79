"""The records' length check (nnom_records_fit, src/kernels/local/
nnom_local_records.c; branch rec32: 32-bit counts) against exact counts:
each tag's words in Python integers, the C verdict at the least length that
fits and one word below it, on layers from one channel to INT32_MAX
channels, windows to NNOM_MAX_WINDOW taps and inputs to 2^31 - 1 bytes
(a count past INT32_MAX: refused at INT32_MAX). The host build, sanitized:
a signed overflow stops the program; an unsigned wrap shows as a verdict
off the exact count (the 64-bit check's tag 43 count wrapped in int32)."""

from __future__ import annotations

import numpy as np
import pytest

import cbuild

pytestmark = pytest.mark.fast

I32 = 2**31 - 1
WINDOW = 2**23  # NNOM_MAX_WINDOW
PW = {"px": 0x31575031, "pxn": 0x4E575031, "fo": 0x4F465750, "col": 0x4C4F4350, "none": 7}

MAIN = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nnom_kernels.h"
#define BUF 70000
static int32_t buf[BUF + 4];
int main(void)
{
    long v[16];
    while (scanf("%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", &v[0], &v[1],
                 &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12],
                 &v[13], &v[14], &v[15]) == 16) {
        nnom_conv_args_t a;
        memset(&a, 0, sizeof a);
        memset(buf, 0, sizeof buf);
        buf[0] = (int32_t)v[1]; /* the 1x1 tag, records[-4] */
        buf[4] = (int32_t)v[0];
        a.k.h = (int32_t)v[2], a.k.w = (int32_t)v[3];
        a.in.h = (int32_t)v[4], a.in.w = (int32_t)v[5], a.in.c = (int32_t)v[6];
        a.out.h = (int32_t)v[7], a.out.w = (int32_t)v[8], a.out.c = (int32_t)v[9];
        a.ch_mult = (int32_t)v[10];
        a.p.pad_top = (int32_t)v[11], a.p.pad_left = (int32_t)v[12];
        a.p.dilation_h = a.p.dilation_w = 1;
        if (v[13] >= 0 && v[13] < BUF) /* a word of the records (tag 9's plan length) */
            buf[4 + v[13]] = (int32_t)v[14];
        a.records = buf + 4;
        a.records_len = (int32_t)v[15];
        printf("%d\n", nnom_records_fit(&a));
    }
    return 0;
}
"""


def _one_in_taps(kh, kw, ih, iw, oh, ow, pt, pl):
    rows, cols = min(kh - pt, ih), min(kw - pl, iw)
    if oh != 1 or ow != 1 or pt < 0 or pl < 0 or rows < 1 or cols < 1:
        return 0
    return (rows - 1) * iw + cols


def words(tag, pw, kh, kw, ih, iw, ic, oh, ow, oc, mult, pt, pl, plan_len=0):
    """The words the kernels of the records' first word read (exact)."""
    if mult == 0:
        return {
            PW["px"]: oc * (4 * ((ic + 7) // 8) + 4),
            PW["pxn"]: oc * (2 * (2 if ic <= 8 else (ic + 3) // 4) + 4),
            PW["fo"]: oc * (2 * ((ic + 3) // 4) + 4),
            PW["col"]: (oc if oc > 4 and oc % 4 else (oc + 3) // 4 * 4) * (4 + (ic + 3) // 4 * 2),
        }.get(pw, 1)
    c, taps = max(ic, oc), kh * kw
    g = (c + 3) // 4
    row = 16 + 4 * (taps // 2) + 2 * (taps & 1)  # nnom_dwcol_words
    if tag in (1, 3):
        if taps == 2:
            return 1 + 4 * c
        return 1 + 5 * c if taps == 3 or tag == 3 else 1 + g * row
    if tag in (5, 29):
        if tag == 5 and taps == 2 and c >= 4:
            return 1 + 4 * c
        return (13 if tag == 29 else 1) + 12 * c
    if tag == 33:
        return max(10 + 6 * c, 1 + 12 * c)
    if tag in (7, 27):
        pairs = (taps + 1) // 2
        return 19 + g * (17 + 6 * pairs) if tag == 27 else 5 + g * (17 + 4 * pairs)
    if tag == 9:
        if taps != 2:
            return 12 + g * (12 + 2 * taps)
        return max(14 + 4 * c, plan_len)
    if tag in (11, 35):
        return (12 if tag == 35 else 1) + g * (12 + 2 * taps)
    if 13 <= tag <= 25 and tag & 1:
        return 1 + (8, 8, 9, 9, 16, 16, 7)[(tag - 13) // 2] * c
    if tag == 37:
        n = oh * ow
        return 1 + (8 if n == 3 else 14 if n & 1 else 6) * c
    if tag == 31:
        return 1 + 5 * c
    if tag == 43:
        t = _one_in_taps(kh, kw, ih, iw, oh, ow, pt, pl)
        return 2 + g * (16 + 2 * t)
    if tag & 1:
        return 1
    if oh == 1 and ow == 1 and pt >= 0 and pl >= 0 and pt + ih <= kh and pl + iw <= kw:
        taps = ih * iw
        row = 16 + 2 * taps
    return min(7 * c, g * row) if taps == 3 else g * row


DW_TAGS = [1, 3, 5, 29, 33, 7, 27, 9, 11, 35, *range(13, 26, 2), 37, 31, 43, 45, 0, 2, 100]


def _layers(rng):
    """Layers as setup passes them: taps within the window, the input
    below 2^31 bytes, the output's channels int32."""
    for n in range(1400):
        big = n % 2 == 1
        kh = (
            int(rng.integers(1, 2 ** int(rng.integers(1, 24)) + 1))
            if big
            else int(rng.integers(1, 9))
        )
        kw = int(rng.integers(1, WINDOW // kh + 1)) if big else int(rng.integers(1, 9))
        if rng.random() < 0.2:  # two and three taps (their own layouts)
            kh, kw = [(1, 2), (2, 1), (1, 3), (3, 1)][n % 4]
        ic = int(min(I32, 2 ** rng.uniform(0, 31))) if big else int(rng.integers(1, 41))
        ih = (
            int(rng.integers(1, I32 // ic + 1))
            if big and rng.random() < 0.5
            else int(rng.integers(1, 10))
        )
        ih = min(ih, I32 // ic)
        iw = int(rng.integers(1, I32 // (ic * ih) + 1)) if big else int(rng.integers(1, 10))
        mult = [0, 1, 1, 2, 3][n % 5]
        oc = (
            min(I32, ic * mult)
            if mult
            else (int(min(I32, 2 ** rng.uniform(0, 31))) if big else int(rng.integers(1, 41)))
        )
        oh = 1 if rng.random() < 0.6 else int(rng.integers(1, 8))
        ow = 1 if rng.random() < 0.6 else int(rng.integers(1, 8))
        pt, pl = int(rng.integers(-1, 3)), int(rng.integers(-1, 3))
        yield kh, kw, ih, iw, ic, oh, ow, oc, mult, pt, pl


def _cases(rng):
    for dims in _layers(rng):
        kh, kw, ih, iw, ic, oh, ow, oc, mult, pt, pl = dims
        tags = [(0, pw) for pw in PW.values()] if mult == 0 else [(t, 0) for t in DW_TAGS]
        for tag, pw in tags:
            plan = tag == 9 and mult and kh * kw == 2
            at, plan_len = -1, 0
            if plan:  # the plan's own length word h[12], after the channels' words
                c = max(ic, oc)
                if 14 + 4 * c > 60000:
                    continue
                at, plan_len = 13 + 4 * c, int(rng.integers(-5, 20 + 8 * c))
            w = words(tag, pw, kh, kw, ih, iw, ic, oh, ow, oc, mult, pt, pl, plan_len)
            lens = [I32] if w > I32 else [max(w, 1), w - 1] if w > 1 else [1]
            for n in lens:
                if n >= 1:
                    yield (tag, pw, *dims, at, plan_len, n), int(w <= n)


def test_records_fit_exact(tmp_path):
    rng = np.random.default_rng(232_000)
    cases = list(_cases(rng))
    refused = {c[0] for c, fit in cases if not fit}
    past = {c[0] for c, fit in cases if c[-1] == I32 and not fit}  # counts past int32
    assert len(cases) > 20_000 and {43, 9, 5, 33, 0}.issubset(refused) and {43, 1, 0} <= past
    main = tmp_path / "main.c"
    main.write_text(MAIN)
    exe = cbuild.program([main], tmp_path / "records_fit")
    feed = "\n".join(" ".join(map(str, c)) for c, _ in cases) + "\n"
    got = cbuild.run([str(exe)], input=feed, env=cbuild.sanitizer_env()).stdout.split()
    assert len(got) == len(cases)
    wrong = [(c, fit) for (c, fit), g in zip(cases, got) if int(g) != fit]
    assert not wrong, f"{len(wrong)} verdicts off the exact count, first {wrong[:5]}"
