"""The grid of a two-tap layer laid out at conversion time (first word
PLAN_TAG, src/kernels/local/nnom_local_dwpair_dsp.c's dwpair_planned()).

nnom_dwpair_try() works out at every run which outputs go to which set of
places (nnom_dwpair_grid) from the layer's shape: 130-250 instructions a
run, a fifth of a small layer's budget. The shape is fixed at conversion,
so for layers of few places (where the runs' set-up costs more) the
converter writes the sets here, after the channels' words: a head of
PLAN_HEAD words (sets; lines, lx, lo, last, sx, so, xs of the grid; the
border row's input and output offsets, -1 where there is none or the sets
hold its outputs (the input's -2 where only the lane is left to the C);
the input's and the output's sizes in bytes, which the C checks before it
trusts the offsets), then per set its k and the twelve fields of
nnom_dwpair_set_t (out, od[3], end, x, x2, d[3], rec, back) with the
pointers as byte offsets from the input, output and records + 1; one call
(nnom_dwpair_plan_s8) runs them all. A 'same' layer's border outputs
(their second tap padding) are sets on up to EDGE_LINES lines: where every
channel fits with that tap's weights zero, on those words (appended after
the sets) in sets of up to four places (one: k EDGE_ONE_K, no zero point);
else one each of k EDGE_K, the zero point's word in d[0]. Channels 4 k +
1 keep the lane in C (and the border outputs with it) unless the layer has
few outputs and a border (_lane_in_sets: the last channel then in the
sets' overlapping group). Two places along one line whose outputs are the
taps' step apart take k TWO_K (stride 1) or TWO_S2_K (stride 2); where
the counts say so, such pairs walk along each line in one set (k WALK_K,
_walk: the lines that follow on from each other as one line, the
overlapping group a walk of its own, the lane's pairs in the walk where it
takes every place). Only
where every channel fits (first word 1) and the grid has at most MAX_SETS
sets, or MAX_SETS_RUNS where the runs cost more (_runs_cost_more); other
layers keep first word 1 and the try.
"""

from __future__ import annotations

import numpy as np

PLAN_TAG = 9  # odd (the pair records' family), none of 1, 3, 5, 7
PLAN_HEAD = 13
MAX_SETS = 8
# up to MAX_SETS_RUNS sets where the runs cost more than the sets: several
# lines of up to RUNS_LINE places (the runs' set-up per line and group), a
# 'same' line of RUNS_EDGE_G+ groups, any line of RUNS_G+ groups (fitted on
# the sweeps' shapes of 9-35 sets: laid out, (2,1) s1 46x1x11 same 4,312 ->
# 4,461, 46x1x42 valid 14,236 -> 14,257, 43x3x106 same 98,685 -> 100,141;
# 48x1x96 same 32,916 -> 32,242, 6x17x52 valid 33,834 -> 31,878)
MAX_SETS_RUNS = 32
# the most sets a plan may hold (NNOM_DWPAIR_PLAN_SETS: the C refuses more):
# MAX_SETS_RUNS sets of up to four places walked (two walks a line of 4+
# places, the lone places by four: at most 72) and EDGE_LINES border sets
PLAN_SETS = 96
RUNS_LINE = 16
RUNS_EDGE_G = 4
RUNS_G = 12
SET_WORDS = 13  # k, then nnom_dwpair_set_t's twelve
EDGE_K = 5  # a set of one border output
TWO_K = 9  # two places sliding at stride 1 whose outputs are xs apart
TWO_S2_K = 10  # two places at stride 2 (taps x + i xs) whose outputs are xs apart
EDGE_LINES = 16  # at most this many lines' border outputs as sets
EDGE_REC = -1  # a set's mark: its records are the border outputs' words (else a byte offset)
EDGE_ONE_K = 11  # a set of one border output on the border words (no zero point)
LANE_PLACES = 5  # the lane's channel in the sets on layers of this many outputs a channel
# the border sets' estimated costs: a set's ~30 outside its loop, a group's
# by places (k EDGE_ONE_K for one)
EDGE_SET = 30
EDGE_GROUP = {1: 23, 2: 63, 3: 88, 4: 113}
WALK_K = {1: 12, 2: 13}  # by stride: k 9's, k 10's pairs walked along one line
WALK_LANE_K = {1: 14, 2: 15}  # the same with the lane's pair after each pair's groups
# the sets' counts on the M4 for the walk's choice: a set's ~23 outside its
# loop, a group's by k, a walk's pair step
SET_COST = 23
GROUP_COST = {1: 30, 2: 63, 3: 88, 4: 113, 7: 86, 8: 112, TWO_K: 53, TWO_S2_K: 55}
WALK_GROUP = {1: 53, 2: 55}
WALK_STEP = 8
# k 1 on ONE_PAIRS_G+ groups: the groups two a pass (29 a group, not 30;
# its 2-5 set-up instructions would cost more on fewer)
ONE_PAIRS_K = 16
ONE_PAIRS_G = 4
# k 16 on three record words a channel (dwpair_records.three_words, appended
# after the plan and the border words): two channels' records a LDM, 27 a
# group; where every channel has them
THREE_K = 17
THREE_ALONE = -3  # head word 8: nothing left to C and the plan one k 17 set
# a line at stride 1 whose places' channels follow on from each other (every
# (1,2) line; (2,1) rows the width's pixels across at stride 1 across) is one
# run of place x channel "channels", the records' ic channels over and over:
# k 17 sets of blocks of FLAT_CH+ channels (a multiple of four, each block's
# records the same three-word copy), the line's last one with the overlapping
# group, so that a group never holds channels of two places idle and the
# places pay no set each ((2,1) s1 46x1x11 same: 3 groups of 4 computed for
# 11 channels on the runs)
FLAT_CH = 64
FLAT_SET = 32  # a k 17 set's cost outside its groups (the plan's ~23, the loop's entry)
FLAT_GROUP = 27
# the runs cost less than the sets' counts say, and a plan pays its check at
# the first run ((2,1) s1 38x1x34 valid, counted 84 less flat: 9,767 on the
# runs, 9,794 flat)
FLAT_RUNS = 200
LANE_RUN, LANE_OUT = 65, 16  # the lane in C: the tail's set-up, an output (dwpair_lane)


def _edge_sizes(lines: int, g: int) -> list[int]:
    """The border outputs' sets (one a line, g groups): sets of the k
    places cheapest a place, the rest as one set or sets of one."""

    def cost(k):
        return EDGE_SET + EDGE_GROUP[k] * g

    k = min(range(1, 5), key=lambda k: cost(k) / k)
    sizes = [k] * (lines // k)
    r = lines % k
    if r:
        sizes += [r] if cost(r) < r * cost(1) else [1] * r
    return sizes


def _sets(groups, back, lines, lx, lo, n, sx, so, xs):
    """nnom_dwpair_grid()'s calls: (k, out, od, end, x, x2, d, back)."""
    out = []
    if lines == 1 and n > 1:
        slide = 4 if sx == xs else 0
        d = (sx - 4, 2 * sx - 4, 3 * sx - 4)
        od = (so, 2 * so, 3 * so)
        o = x = 0
        while True:
            k = 4 + slide if n >= 4 else n + slide if n > 1 else 1
            if k == 6 and so == xs:  # two sliding places, outputs the taps' step apart
                k = TWO_K
            elif k == 2 and so == xs and sx == 2 * xs:  # the same at stride 2
                k = TWO_S2_K
            out.append((k, o, od, o + 4 * groups, x, x + xs, d, back))
            n -= 4
            if n <= 0:
                return out
            o += 4 * so
            x += 4 * sx
    d, od, k = [0, 0, 0], [0, 0, 0], 0
    x0 = o0 = 0
    for line in range(lines):
        for i in range(n):
            x, o = line * lx + i * sx, line * lo + i * so
            if k == 0:
                x0, o0 = x, o
            else:
                d[k - 1], od[k - 1] = x - x0 - 4, o - o0
            k += 1
            if k == 4:
                out.append((4, o0, tuple(od), o0 + 4 * groups, x0, x0 + xs, tuple(d), back))
                k = 0
    if k > 0:
        out.append((k, o0, tuple(od), o0 + 4 * groups, x0, x0 + xs, tuple(d), back))
    return out


def _walk(sets, ic, lines, lx, lo, n, sx, so, xs, back, lane=False):
    """The inside places as walks of pairs (k WALK_K) along each line (lines
    that follow on from each other, lx = n sx and lo = n so, as one): a walk
    of the ic >> 2 groups and, where back is not 0, one of the overlapping
    group (channels ic - 4 on); the lines' odd last places in sets of up to
    four. Where the outputs are the taps' step apart, the stride is 1 or 2
    and the counts say it is cheaper than sets; else sets unchanged. lane
    (the channel past the groups, no border outputs): where the walks take
    every place (no odd ones), the walks do its pairs too (k WALK_LANE_K);
    returns the sets, whether they hold the lane and their count."""
    if lines > 1 and lx == n * sx and lo == n * so:
        n, lines = n * lines, 1
    s = sx // xs if sx in (xs, 2 * xs) else 0
    g, walks = ic >> 2, 1 + (back > 0)
    gg = g + walks - 1  # the groups computed, the overlapping one included
    was = sum(SET_COST + gg * GROUP_COST.get(k, GROUP_COST[4]) for k, *_ in sets)
    if so != xs or not s or n < 4:
        return sets, False, was
    pairs = n >> 1
    lone = [(line * lx + (n - 1) * sx, line * lo + (n - 1) * so) for line in range(lines)]
    lone = [lone[i : i + 4] for i in range(0, lines, 4)] if n & 1 else []
    cost = lines * walks * (SET_COST + WALK_STEP * (pairs - 1)) + lines * gg * pairs * WALK_GROUP[s]
    cost += sum(SET_COST + gg * GROUP_COST[len(p)] for p in lone)
    if cost >= was:
        return sets, False, was
    lane = lane and not lone
    kk = (WALK_LANE_K if lane else WALK_K)[s]
    walk = []
    for line in range(lines):
        x, o = line * lx, line * lo
        for c, groups in [(0, g), (ic - 4, 1)][:walks]:
            d = (2 * sx - 4 * groups, 4 * groups, 0)
            x2 = x + c + (pairs - 1) * 2 * sx + 4 * groups  # the last pair's x after its groups
            walk.append((kk, o + c, (so, 0, 0), o + c + 4 * groups, x + c, x2, d, 0, 16 * c))
    for p in lone:
        (x0, o0), k = p[0], len(p)
        d = [x - x0 - 4 for x, _ in p[1:]] + [0] * (4 - k)
        od = [o - o0 for _, o in p[1:]] + [0] * (4 - k)
        walk.append((k, o0, tuple(od), o0 + 4 * g, x0, x0 + xs, tuple(d), back))
    return walk, lane, cost


def _flat(segs, unit, ic, over, place_cost):
    """The flat layout of segments (x, out, places) of unit bytes a place:
    k 17 sets (k, out, od, end, x, x2, d, back, rec) whose rec is ('b', 0)
    the blocks' records or ('l', i) the i-th last set's own, and the records'
    channel lists; None where it does not fit or costs more than place_cost."""
    r = 4 // int(np.gcd(unit, 4))
    per = (FLAT_CH + unit * r - 1) // (unit * r) * r  # places a block
    block = per * unit  # FLAT_CH+ channels, a multiple of four
    sets, lasts, cost = [], [], 0
    for x0, o0, n in segs:
        b, q = divmod(n, per)
        if q and q * unit < 16:
            if not b:
                return None
            b, q = b - 1, q + per
        back = -(q * unit) % 4
        if back not in (0, over):
            return None
        for i in range(b):
            o, x = o0 + i * block, x0 + i * block
            sets.append((THREE_K, o, (0, 0, 0), o + block, x, x, (0, 0, 0), 0, ("b", 0)))
            cost += FLAT_SET + FLAT_GROUP * block // 4
        if q:
            o, x, ch = o0 + b * block, x0 + b * block, q * unit
            end = o + ch - ch % 4
            sets.append((THREE_K, o, (0, 0, 0), end, x, x, (0, 0, 0), back, ("l", len(lasts))))
            lasts.append(ch)
            cost += FLAT_SET + FLAT_GROUP * ((ch + 3) // 4)
    if cost >= place_cost:
        return None
    return sets, block if len(sets) > len(lasts) else 0, lasts


def _channels3(three, ic: int, chs) -> list[int]:
    """The three words of the line's channels chs (channel j % ic's)."""
    return [v for j in chs for v in three[3 * (j % ic) : 3 * (j % ic) + 3]]


def _lane_in_sets(lines: int, out: int, edge: bool) -> bool:
    """Channels 4 k + 1: the last one in the sets' overlapping group (back
    3, its border outputs sets too) rather than the lane in C (~10 an
    output, but the border outputs of every group then in C too)."""
    return edge and lines <= EDGE_LINES and lines * out <= LANE_PLACES


def _runs_cost_more(lines: int, last: int, edge: bool, g: int) -> bool:
    """Where the try's runs cost more than a plan of MAX_SETS+ sets (lines
    of last places before the border, g groups of four channels, the
    overlapping one included)."""
    if lines > 1:
        return last <= RUNS_LINE
    return g >= RUNS_G or (edge and g >= RUNS_EDGE_G)


def dwpair_plan(
    words: np.ndarray | None,
    down: bool,
    attrs: dict,
    act: tuple[int, int],
    in_hw,
    out_hw,
    zp_in: int,
    edge_words=None,
    three_words=None,
    flat_ok: bool = True,
) -> np.ndarray | None:
    """words (first word 1: every channel fits) with the grid appended and
    first word PLAN_TAG where it has at most MAX_SETS sets (MAX_SETS_RUNS
    where _runs_cost_more); else words unchanged. down: the taps along the
    height ((2, 1)). Laid out, the grid costs ~35 instructions a set outside
    the groups' loop and no try: it beats the runs (~30 a line and group,
    ~33 a last output, the try ~200) on layers of up to 32 places ((1,2) s1
    4x5x12 valid 2,050 -> 1,715, (2,1) s2 24x1x17 same 2,073 -> 1,888)."""
    if words is None or words[0] != 1 or tuple(act) != (-128, 127):
        return words
    ic = (len(words) - 1) // 4
    (ih, iw), (oh, ow) = in_hw, out_hw
    top, _, left, _ = attrs["pads"]
    sh, sw = attrs["strides"]
    if ic < 4:
        return words
    n_in, s, out = (ih, sh, oh) if down else (iw, sw, ow)
    xb, ob = (iw * ic, ow * ic) if down else (ic, ic)
    lines = ow if down else oh
    lx, lo = (sw * ic, ic) if down else (sh * iw * ic, ow * ic)
    if (top if down else left) != 0 or n_in < 2 or (out - 1) * s >= n_in:
        return words
    last = min((n_in - 2) // s + 1, out)
    edge = last < out
    lane = (ic & 3) == 1 and not _lane_in_sets(lines, out, out > last)
    back = 0 if lane or (ic & 3) == 0 else 4 - (ic & 3)
    sets = _sets(ic >> 2, back, lines, lx, lo, last, s * xb, ob, xb)
    g = (ic + 3) >> 2
    walk, walked, cost = _walk(
        sets, ic, lines, lx, lo, last, s * xb, ob, xb, back, lane and not edge
    )
    if lane and not walked:  # the lane's outputs in C, and the border's with it
        cost += LANE_RUN + LANE_OUT * lines * out
    runs = len(sets) > (MAX_SETS_RUNS if _runs_cost_more(lines, last, edge, g) else MAX_SETS)
    flat = t3 = None
    if flat_ok and s == 1 and (not down or (sw == 1 and iw == ow)) and three_words is not None:
        segs = [(0, 0, last)] if down else [(i * lx, i * lo, last) for i in range(lines)]
        flat = _flat(segs, ob, ic, -ic % 4, cost - (FLAT_RUNS if runs else 0))
        t3 = three_words() if flat is not None else None  # (a search a channel: only here)
        flat = flat if t3 is not None else None
    if flat is not None:
        sets, lane = list(flat[0]), False
        back = -ic % 4
    elif runs:
        return words
    else:
        sets, lane = walk, lane and not walked
    ex, eo = (n_in - 1) * xb, (out - 1) * ob
    extra = []  # the border outputs' own channel words, where their sets use them
    if edge and not lane and lines <= EDGE_LINES:
        places = [(ex + line * lx, eo + line * lo) for line in range(lines)]
        sizes = _edge_sizes(lines, g)
        ew = edge_words() if edge_words is not None else None
        if ew is None:
            sizes = [1] * lines
        else:
            extra = list(ew)
        zp4 = int(np.int32(np.uint32((zp_in & 0xFF) * 0x01010101)))
        for k in sizes:
            (x0, o0), group = places[0], places[:k]
            places = places[k:]
            if k == 1 and ew is None:  # x2 unused, d[0] the zero point's word
                sets.append((EDGE_K, o0, (0, 0, 0), o0 + 4 * (ic >> 2), x0, x0, (zp4, 0, 0), back))
                continue
            if k == 1:  # the border words: each channel's byte of the word, no zero point
                sets.append(
                    (
                        EDGE_ONE_K,
                        o0,
                        (0, 0, 0),
                        o0 + 4 * (ic >> 2),
                        x0,
                        x0,
                        (0, 0, 0),
                        back,
                        EDGE_REC,
                    )
                )
                continue
            # places across lines on the border words (second tap's weight 0,
            # x2 = x: the words it reads are inside and weigh nothing)
            d = [x - x0 - 4 for x, _ in group[1:]] + [0] * (4 - k)
            od = [o - o0 for _, o in group[1:]] + [0] * (4 - k)
            sets.append((k, o0, tuple(od), o0 + 4 * (ic >> 2), x0, x0, tuple(d), back, EDGE_REC))
        edge = False
    if len(sets) > PLAN_SETS:
        return words
    head = [len(sets), lines, lx, lo, last, s * xb, ob, xb]
    # -1: nothing left for the C (-2: the lane only)
    head += [ex, eo] if edge else [-2 if lane else -1, -1]
    head += [ih * iw * ic, oh * ow * ic]  # the buffers the offsets stay inside
    head += [0]  # the records' length in words (set below: the C bounds rec by it)
    plan = list(head)
    edge_rec = 4 * (len(words) - 1 + PLAN_HEAD + SET_WORDS * len(sets))  # after the plan
    three_rec = edge_rec + 4 * len(extra)  # after the border words
    three, n_sets = None, len(sets)
    if flat is not None:  # the blocks' records, then each last set's
        fsets, block, lasts = flat
        at_f = {("b", 0): three_rec}
        extra += _channels3(t3, ic, range(block))
        for i, ch in enumerate(lasts):
            at_f[("l", i)] = edge_rec + 4 * len(extra)
            over = list(range(ch - 4, ch)) if ch % 4 else []  # the overlapping group's
            extra += _channels3(t3, ic, list(range(ch - ch % 4)) + over)
        for k, o, od, end, x, _, d, bk, rec in fsets:
            plan += [k, o, *od, end, x, x + xb, *d, at_f[rec], bk]
        sets = sets[len(fsets) :]
        if n_sets == 1 and plan[8] == -1:  # the set alone, without the plan's frames
            plan[8] = THREE_ALONE
    for k, o, od, end, x, x2, d, bk, *rec in sets:
        at = (edge_rec if rec[0] == EDGE_REC else rec[0]) if rec else 0
        if k == 1 and end - o >= 4 * ONE_PAIRS_G:
            k = ONE_PAIRS_K
            if three is None and three_words is not None:
                three = three_words()
                three = [] if three is None else list(three)
            if three:  # channel at // 16's three words
                k, at = THREE_K, three_rec + 12 * (at // 16)
        plan += [k, o, *od, end, x, x2, *d, at, bk]
    if three and THREE_K in plan[PLAN_HEAD::SET_WORDS]:
        # the overlapping group's channels again after the last group's, so
        # that the loop reads on without stepping the records back
        extra += three[: 12 * (ic >> 2)] + (three[3 * (ic - 4) :] if ic & 3 else [])
        if len(sets) == 1 and plan[8] == -1:  # the set alone, without the plan's frames
            plan[8] = THREE_ALONE
    assert len(plan) == PLAN_HEAD + SET_WORDS * n_sets
    plan[12] = len(words) + len(plan) + len(extra)
    if flat is not None and plan[12] > 1 + 7 * ic + PLAN_HEAD + 12 + 4 * ic + PLAN_SETS * SET_WORDS:
        # more records than the C's bound on a layer's (the flat blocks' copies)
        args = (words, down, attrs, act, in_hw, out_hw, zp_in, edge_words, three_words)
        return dwpair_plan(*args, flat_ok=False)
    tagged = np.concatenate([words, np.asarray(plan + extra, np.int64)]).astype(np.int32)
    tagged[0] = PLAN_TAG
    return tagged
