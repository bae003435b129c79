"""The one-row loop's records in the scaled requantisation
(src/kernels/local/nnom_local_dwcol.h, nnom_dwcol_sc_s8): the exact form's
group layout (dwcol_records.group_records, the last tap paired) with the
weights and bias of dwpair_records.py (scaled by 2^j a channel, the shift
moved into them) and per channel mult and the rounding word instead of
mult, ra, e, so that one SMMLA and one SSAT with a fixed shift end an
output: 4 instructions an output of four channels less.

A first word SC_TAG (odd: the exact records start with an even one; none
of the other tags), or AL_TAG on the layers of nnom_dw_col_early whose one
or two channels past a multiple of four go alone (alone_takes: the rule
the runtime no longer tests), or LINE_TAG on nnom_dw_line_try's padded
lines of whole groups (line_takes: their copy and job in the head). Only
where every channel fits the form (or rq_fit.py's words) and the layer is
one that nnom_dw_line_try (one padded line), nnom_dw_col_early (unpadded
lines) or dw_across_try (three taps on lines of few outputs) takes: the
other paths read the exact records, and a layer they would take keeps
those.
"""

from __future__ import annotations

import numpy as np

from .dwpair_records import all_words, halfwords, tagged_words

SC_TAG = 11  # NNOM_DWCOL_SC_TAG
AL_TAG = 9  # NNOM_DWCOL_AL_TAG
AL_CM = 32  # NNOM_DWCOL_AL_CM
LINE_TAG = 35  # NNOM_DWLINE_TAG (nnom_local_dwline.h)
LINE_COPY = 2048  # NNOM_DWLINE_COPY (nnom_local_dwline.h)
CM_PAIRS = 8  # NNOM_DWCOL_CM_PAIRS: the swapped loop's windows


def _along(attrs: dict, q) -> tuple[int, int, int, int]:
    """(axis, taps, stride, pad at the start) of a one-row layer along its
    row of taps: axis 0 for (k, 1) kernels, 1 for (1, k)."""
    kh, kw, _ = q.weight.shape
    axis = 0 if kh > 1 else 1
    top, _, left, _ = attrs["pads"]
    return axis, (kh, kw)[axis], attrs["strides"][axis], top if axis == 0 else left


def scaled_takes(attrs: dict, q, in_hw, out_hw, cin: int, across: bool) -> bool:
    """A one-row layer (dwcol_records' other rules passed) that
    nnom_dw_line_try or nnom_dw_col_early (4+ taps) or dw_across_try
    (across: dwcol_records' three-tap lines of few outputs) takes (their
    rules in C)."""
    cout = q.weight.shape[2]
    axis, k, s, pad = _along(attrs, q)
    top, _, left, _ = attrs["pads"]
    n_in, n_out = in_hw[axis], out_hw[axis]
    if (cout < 8 and cout != 4) or cin != cout or q.act_min != -128 or q.act_max != 127:
        return False
    if out_hw[0] * out_hw[1] == 1:  # nnom_dwone_try's layers
        return False
    if across:
        return True
    if k < 4:
        return False
    if top | left:  # nnom_dw_line_try: one padded line, copied
        sh, sw = attrs["strides"]
        span = (n_out - 1) * s + k
        return (
            in_hw[1 - axis] == 1
            and out_hw[1 - axis] == 1
            and pad < k
            and max(sh, sw) <= 2
            and ((sh, sw) == (1, 1) or in_hw[0] * in_hw[1] * cin <= LINE_COPY)
            and span * cin <= LINE_COPY
            and span - pad > 0
        )
    # nnom_dw_col_early: unpadded, more outputs along the taps than lines
    return n_out > out_hw[1 - axis] and (n_out - 1) * s + k <= n_in


def alone_takes(attrs: dict, q, out_hw) -> bool:
    """An unpadded layer of scaled_takes' (nnom_dw_col_early's) whose one
    or two channels past a multiple of four run alone on the overlapping
    group's records (nnom_local_dwcol1_dsp.c: DWCOL1_TAKES, which it alone
    checks now): 4 to 9 taps at stride 1 or 2; one past where
    nnom_dwcol_one_pays (out k <= 224, or a line longer than the tiny
    lanes' 128 entries), two on lines of fewer than 18 outputs (where the
    tiny lanes do not pay: nnom_dwcol_lanes_pay)."""
    kh, kw, cout = q.weight.shape
    axis = 0 if kh > 1 else 1
    k, s, n = (kh, kw)[axis], attrs["strides"][axis], out_hw[axis]
    rest = cout % 4
    if any(attrs["pads"]) or not 4 <= k <= 9 or s not in (1, 2):
        return False
    if rest == 1:
        return n * k <= 224 or (n - 1) * s + k + 1 > 128
    return rest == 2 and n < 18


def alone_head(attrs: dict, q, in_hw, out_hw) -> list[int]:
    """The words after AL_TAG (nnom_dwcol_one_early's, nnom_local_dwcol.h):
    the channels' loop (by rest, taps and stride; + AL_CM where the groups
    take the swapped loop, nnom_dwcol_run's rule), the lines, their steps
    in the input and the output, then the job's n, xs, xp, op, pairs, odd,
    groups: the geometry worked out here, not at every run."""
    kh, kw, oc = q.weight.shape
    down = kw == 1
    k, s = (kh, kw)[0 if down else 1], attrs["strides"][0 if down else 1]
    sh, sw = attrs["strides"]
    n = out_hw[0 if down else 1]
    xb = in_hw[1] * oc if down else oc
    loop = (oc % 4 - 1) * 12 + (k - 4) * 2 + s - 1 + AL_CM * (n < oc >> 2)
    lines = out_hw[1] if down else out_hw[0]
    lx = sw * oc if down else sh * in_hw[1] * oc
    lo = oc if down else out_hw[1] * oc
    op = out_hw[1] * oc if down else oc
    return [loop, lines, lx, lo, n, xb, s * xb, op, k >> 1, k & 1, oc >> 2]


def line_takes(attrs: dict, q, out_hw) -> bool:
    """A padded layer of scaled_takes' (nnom_dw_line_try's one line) with
    no channel past a multiple of four: its records tagged LINE_TAG with
    line_head()'s words (nnom_dw_line_tag_asks, which the first run asks)."""
    pad = _along(attrs, q)[3]
    return pad > 0 and q.weight.shape[2] % 4 == 0


def line_head(attrs: dict, q, in_hw, out_hw) -> list[int]:
    """The words after LINE_TAG (nnom_dw_line_tag_run's): the line's copy
    (pad ic zero-point bytes, then the input's bytes in it, span ic in
    all), the job's n, xs, xp, op, pairs, odd, groups, and 1 where the
    groups take the swapped loop (nnom_dwcol_run's rule)."""
    oc = q.weight.shape[2]
    axis, k, s, pad = _along(attrs, q)
    n, n_in = out_hw[axis], in_hw[axis]
    span = (n - 1) * s + k
    y1 = min(span - pad, n_in)
    cm = int(n < oc >> 2 and k >> 1 <= CM_PAIRS)
    return [pad * oc, y1 * oc, span * oc, n, oc, s * oc, oc, k >> 1, k & 1, oc >> 2, cm]


def dwcol_scaled(
    q, zp_in: int, zp_out: int, chans: np.ndarray, lead: list[int] | None = None
) -> np.ndarray | None:
    """The tagged records of the groups of four channels chans (the
    overlapping last group's after the whole ones), or None where a
    channel does not fit; lead: a tag (AL_TAG, LINE_TAG) and its head's
    words first."""
    kh, kw, _ = q.weight.shape
    k = kh * kw
    form = all_words(q, zp_in, zp_out, k, k * 128 * 128)
    if form is None:
        return None
    wj, bword, mword, rword = (v[..., chans] for v in form)
    groups = len(chans) // 4
    cols = [bword]
    for t in range(0, k - 1, 2):
        cols.append(halfwords(wj[t], wj[t + 1]))
    head = np.stack(cols, axis=0).reshape(len(cols), groups, 4).transpose(1, 0, 2)
    rows = [head.reshape(groups, -1)]
    if k & 1:
        last = wj[k - 1].reshape(groups, 4)
        rows.append(halfwords(last[:, :2], last[:, 2:]))
    rows.append(np.stack([mword, rword], axis=1).reshape(groups, 8))
    words = np.concatenate(rows, axis=1).reshape(-1)
    tagged = tagged_words([words])
    if lead is None:
        tagged[0] = SC_TAG
        return tagged
    return np.concatenate([np.array(lead, np.int32), tagged[1:]])
