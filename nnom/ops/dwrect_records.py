"""The records of the depthwise 2D window loop for any (kh, kw)
(src/kernels/local/nnom_local_dwrect_dsp.c, rect_groups) on planes of few
outputs, laid out at conversion time: there the C kernel's build of each
group's records (~80 instructions a pair of taps: weights scaled per
channel, the range checks) weighs as much as the windows ((3,2) s2
14x7x72 valid: 850 instructions a group against 2,000 for its outputs).

The words are rect_records()'s but the taps' offsets, which the kernel
writes itself (they depend on where the windows run: on the input or on a
copy). A header [TAG, taps, groups, exact, down + PLANE plane] that the kernel checks
against the layer, then per group of four channels (channel order: the
groups of nnom_dw_odd_next(), the last one overlapping the one before it)
a fixed number of words: the form (1: doubled weights, the one-row loop's
requantisation mult, ra, e; 2: weights scaled by 2^(13 - e), mult, ra'),
the four lanes' bias terms, per pair of taps four words (each lane's two
weights as halfwords), twelve requantisation words (the scaled form's
eight and four zeros). A channel outside the scaled form's proven range
(e from 5 to 11: trained nets' dead and near-dead channels, e up to 20)
takes rq_fit.py's words of the same form, fitted and checked on every sum
it can reach, so that its group keeps the scaled form ((2,2) s1 17x29x72
same with trained-like weights 4.02 -> 3.77, as with random ones). The
taps run along the kernel's lines first (down: the kernel's rows; _down(),
rect_try's rule). Written only where rect_groups can take them: multiplier
1, four channels or more, both kernel sides >= 2, at most max_taps taps,
no dilation, the planes of _plane_takes() (few_table's layers keep no
records: it runs only without them), at most MAX_WORDS words (LARGE_WORDS
beyond MAX_OUTPUTS outputs unless a channel needs the fitted words, which
the kernel's own build cannot make: _fitted), every channel in the loop's
range or fitted.
"""

from __future__ import annotations

import numpy as np

from .. import backends
from .dwcol_records import FEW_OUT, group_channels
from .rq_fit import fit_channel

TAG = 7  # odd, none of dw3s2's 1, dw3s2l's 3, the tiny loops' 5
# planes of at most this many outputs: the build per group is 15% or more
# of the windows' cost there (~15 instructions a pair of taps an output)
MAX_OUTPUTS = 64
# few_table's taps (nnom_local_dw_few.h: NNOM_DW_FEW_TAPS): planes of at
# most FEW_OUT outputs with more run elsewhere
FEW_TAPS = 96
GROUP_WORDS_FIXED = 1 + 4 + 12  # the form, the bias terms, the requantisation
# at most this many words (16 KB of flash: the records are about three
# times the layer's weights); larger layers' groups are built at run time
MAX_WORDS = 4096
# larger planes (two columns or more) where the layer's records are at
# most this many words (2 KB): the build is still ~8% of a group's windows
# with few taps ((2,2) s2 26x37x49 same: ~1,100 instructions a group
# against ~13,000)
LARGE_WORDS = 512
# the header's down word + PLANE: the kernel runs the whole padded plane
# (rect_groups' choice, _plane) without its prices
PLANE = 2
# the plane's records with its job (nnom_dwrect_plane_asks, asked at build):
# where _plane() holds on other windows than 3x3 and 5x5, a header of
# PLANE_HEAD words (the plane's and the loop's geometry) and per group the
# loop's own layout (the taps' offsets in it), read in place: the kept run
# skips the try, the axes, the job and the records' copy
PLANE_TAG = 27
# tag 27's down word + JOB: tag 7's check (rect_given) refuses its header
JOB = 4
# tag 27's down word + DIRECT: four channels (one word a pixel) whose windows
# all lie inside the input, lines along its rows: the loop reads the input
# in place (pw the input's width; no copy, no border: (2,2) s2 9x9x4 valid)
DIRECT = 8
PLANE_HEAD = 19
# rect_groups' bounds: the plane's copy, the bands' copy (words), the cells
RECT_PLANE = 576
RECT_COPY = 256
RECT_CELLS = 9


def _u32(v: int) -> int:
    return v & 0xFFFFFFFF


def _pairs(wj: np.ndarray) -> list[int]:
    """Per pair of taps (an odd count's last with a zero tap) each lane's
    two weights (wj: [taps][4], already scaled) as halfwords."""
    taps = wj.shape[0]
    padded = np.concatenate([wj, np.zeros((taps & 1, 4), np.int64)])
    return [
        (int(padded[t, i]) & 0xFFFF) | _u32(int(padded[t + 1, i]) << 16)
        for t in range(0, taps, 2)
        for i in range(4)
    ]


def _group(w: np.ndarray, bias, mult, shift, zp_in: int, zp_out: int, exact: bool):
    """One group's words (w: [taps][4] in the loop's tap order) or None:
    the scaled form where every channel has it (_scaled), else the one-row
    loop's form (doubled weights; mult, ra, e)."""
    taps = w.shape[0]
    e = [-int(s) for s in shift]
    sums = w.astype(np.int64).sum(axis=0)
    scaled = None if exact else _scaled(w, bias, mult, e, sums, zp_in, zp_out)
    if scaled is not None:
        _, wj, bword, mword, rword = zip(*scaled)
        words = [2] + [_u32(b) for b in bword] + _pairs(np.stack(wj, axis=1))
        for i in range(4):
            words += [_u32(mword[i]), _u32(rword[i])]
        return words + [0] * 4
    reach = (1 << 30) - taps * 255 * 128 - 1
    if any(m <= 0 for m in mult) or any(not 2 <= x <= 23 for x in e):
        return None
    if any(abs(int(b)) > reach for b in bias):
        return None
    words = [1] + [_u32((int(bias[i]) - zp_in * int(sums[i])) << 1) for i in range(4)]
    words += _pairs(w.astype(np.int64) << 1)
    zp2 = _u32(2 * zp_out + 1)
    for i in range(4):
        words += [int(mult[i]), _u32(zp2 << (e[i] - 1)), e[i]]
    return words


def _scaled(w, bias, mult, e, sums, zp_in: int, zp_out: int):
    """Per channel (j, weights 2^j, bias word, mult word, ra') of the scaled
    form, or None where a channel has none. e from 5 to 11 with |bias| up to
    2^22: j = 13 - e, ra' = (2 zp + 1) 2^11 + 2^(11 - e), rect_records()'s
    words; else rq_fit.fit_channel's (the same out = ssat8((ra' + the high
    word of acc mult) >> 12), fitted and checked on every reachable sum)."""
    out = []
    for i in range(4):
        wi = w[:, i].astype(np.int64)
        b = int(bias[i]) - zp_in * int(sums[i])
        if 5 <= e[i] <= 11 and abs(int(bias[i])) <= 1 << 22 and mult[i] > 0:
            j = 13 - e[i]
            ra = ((2 * zp_out + 1) << 11) + (1 << (11 - e[i]))
            out.append((j, wi << j, b << j, int(mult[i]), ra))
            continue
        got = fit_channel(wi, b, int(mult[i]), e[i], zp_out)
        if got is None:
            return None
        out.append(got)
    return out


def _few_taps(attrs: dict, in_hw, out_hw, kh: int, kw: int) -> int:
    """The taps inside the input over every output (few_table's count)."""
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    n = 0
    for oy in range(out_hw[0]):
        y0 = oy * sh - top
        rows = max(0, min(in_hw[0] - y0, kh) - max(0, -y0))
        for ox in range(out_hw[1]):
            x0 = ox * sw - left
            n += rows * max(0, min(in_hw[1] - x0, kw) - max(0, -x0))
    return n


def _bands(n_in: int, k: int, s: int, pad: int, n_out: int) -> bool:
    """An axis with border outputs (rect_axis: outputs outside [lo, hi))."""
    lo = min(-(-pad // s), n_out)
    hi = n_in - k + pad
    hi = 0 if hi < 0 else hi // s + 1
    hi = max(lo, min(hi, n_out))
    return lo > 0 or hi < n_out


def _down(attrs: dict, kh: int, kw: int, in_hw, out_hw) -> bool:
    """The kernel's lines run down the columns (rect_try): along the axis of
    more outputs, but across the only axis with border outputs."""
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    hb = _bands(in_hw[0], kh, sh, top, out_hw[0])
    wb = _bands(in_hw[1], kw, sw, left, out_hw[1])
    return wb if hb != wb else out_hw[0] > out_hw[1]


def _down27(attrs: dict, kh: int, kw: int, cout: int, in_hw, out_hw) -> bool:
    """Tag 27's _down (nnom_dwrect_plane_asks' rule): but along the rows on
    four channels without a border output (the input itself: _direct) and
    on (2,2) windows of at most four times as many output rows as columns
    (the one-group copy and its direct type: (2,2) s2 7x5x4 valid 1,888 ->
    356, same 945 -> 802; other windows or taller planes ran slower with
    their lines along: (3,2) s1 16x5x4 same 5,579 -> 5,635)."""
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    hb = _bands(in_hw[0], kh, sh, top, out_hw[0])
    wb = _bands(in_hw[1], kw, sw, left, out_hw[1])
    if cout == 4 and ((not hb and not wb) or (kh * kw == 4 and out_hw[0] <= 4 * out_hw[1])):
        return False
    return _down(attrs, kh, kw, in_hw, out_hw)


def _axis(n_in: int, k: int, s: int, pad: int, n_out: int) -> tuple:
    """rect_axis(): (in, k, s, pad, out, lo, hi)."""
    lo = min(-(-pad // s), n_out)
    hi = n_in - k + pad
    hi = 0 if hi < 0 else hi // s + 1
    return n_in, k, s, pad, n_out, lo, max(lo, min(hi, n_out))


def _plane(attrs: dict, kh: int, kw: int, in_hw, out_hw, down: bool) -> bool:
    """rect_groups' choice of the whole padded plane (five unset), which the
    header's PLANE bit makes at conversion: the kernel's prices of it cost
    ~180 instructions a run ((2,2) s2 7x7x8 same). 5x5 keeps them (its
    five rule)."""
    if kh == kw == 5:
        return False
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    h = _axis(in_hw[0], kh, sh, top, out_hw[0])
    w = _axis(in_hw[1], kw, sw, left, out_hw[1])
    u, v = (h, w) if down else (w, h)
    taps = kh * kw
    runs = [
        (0, u[5], v[5], v[6]),
        (u[6], u[4], v[5], v[6]),
        (0, u[4], 0, v[5]),
        (0, u[4], v[6], v[4]),
    ]
    band_words, wide = 0, False
    for o0, o1, l0, l1 in runs:
        if o1 > o0 and l1 > l0:
            e = (o1 - o0 - 1) * u[2] + u[1]
            band_words += (l1 - l0) * v[1] * e + 14 + taps
            wide |= v[1] * e > RECT_COPY
    span_u, span_v = (u[4] - 1) * u[2] + u[1], (v[4] - 1) * v[2] + v[1]
    nu = max(0, min(span_u - u[3], u[0]))
    nv = max(0, min(span_v - v[3], v[0]))
    if not (
        band_words > 0
        and span_u * span_v <= RECT_PLANE
        and u[3] >= 0
        and v[3] >= 0
        and (nu * nv <= 4 * band_words or wide)
    ):
        return False

    def cell_axis(x):  # rect_cell_axis
        return 0 <= x[3] < x[1] and (x[4] - 1) * x[2] - x[3] < x[0]

    cells = (u[5] + u[4] - u[6] + (u[6] > u[5])) * (v[5] + v[4] - v[6] + (v[6] > v[5]))
    return not (
        cells <= RECT_CELLS
        and cell_axis(u)
        and cell_axis(v)
        and (cells - 1) * (250 + 2 * (16 + 6 * ((taps + 1) // 2))) < 2 * nu * nv
    )


def _inside(attrs: dict, kh: int, kw: int, in_hw, out_hw, groups: int) -> bool:
    """Tag 27 on a layer whose windows all lie inside the input (rect_groups
    runs it on the input, the inside band alone): the plane's copy (~2.5
    instructions a word a group) against the bands' set-up (~400 a layer
    and ~60 a group, the try's and the first run's walk with it) and their
    loop (2 an output more than the plane's): measured (2,2) s2 9x9x4 valid
    1,716 -> 1,302, 7x7x8 valid 1,985 -> 1,520, (3,2) s1 12x12x16 valid
    30,815 -> 30,522; (2,2) s2 21x21x16 valid 22,129 -> 24,002 and (2,4)
    s2 15x15x32 valid 29,741 -> 31,612 on the plane, which this leaves to
    the bands."""
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    h = _axis(in_hw[0], kh, sh, top, out_hw[0])
    w = _axis(in_hw[1], kw, sw, left, out_hw[1])
    if h[5] != 0 or h[6] != h[4] or w[5] != 0 or w[6] != w[4]:
        return False
    span = ((h[4] - 1) * sh + kh) * ((w[4] - 1) * sw + kw)  # (all of it inside)
    return 5 * span * groups < 800 + groups * (120 + 4 * h[4] * w[4])


def _plane_head(attrs: dict, kh: int, kw: int, ch: int, in_hw, out_hw, down: bool):
    """DIRECT or 0 (the down word's), then tag 27's header words after
    [tag, taps, groups, exact, down] (nnom_dwrect_plane_asks' order): pw
    (the input's width where direct), the plane's words, the first input
    word's index, nu, nv, the job's n, lines, xp, op, xl, ol, the copy's
    xu, x step and d step; None for 3x3 and 5x5 (their window loop reads
    tag 7 alone) or where the plane holds no input."""
    if kh == kw and kh in (3, 5) and not direct3(attrs, kh, kw, ch, in_hw, out_hw):
        return None
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    # (in, k, s, pad, out, xb, ob) of each axis
    h = (in_hw[0], kh, sh, top, out_hw[0], in_hw[1] * ch, out_hw[1] * ch)
    w = (in_hw[1], kw, sw, left, out_hw[1], ch, ch)
    u, v = (h, w) if down else (w, h)
    span_u, span_v = (u[4] - 1) * u[2] + u[1], (v[4] - 1) * v[2] + v[1]
    nu = min(span_u - u[3], u[0])
    nv = min(span_v - v[3], v[0])
    if nu < 1 or nv < 1 or span_u * span_v > RECT_PLANE:
        return None
    direct = _direct(ch, down, u, v)
    pw = u[0] if direct else span_u
    return [
        DIRECT * direct,
        pw,
        span_u * span_v,
        v[3] * span_u + u[3],
        nu,
        nv,
        u[4],
        v[4],
        4 * u[2],
        u[6],
        4 * v[2] * pw,
        v[6],
        u[5],
        v[5] - nu * u[5],
        4 * (span_u - nu),
    ]


def _direct(ch: int, down: bool, u: tuple, v: tuple) -> bool:
    """The input itself is the plane (nnom_dwrect_plane_asks' direct): four
    channels, rows along w, no padding, every window inside the input."""
    span_u, span_v = (u[4] - 1) * u[2] + u[1], (v[4] - 1) * v[2] + v[1]
    return ch == 4 and not down and u[3] == 0 and v[3] == 0 and span_u <= u[0] and span_v <= v[0]


def _with_offsets(words: list[int], pw: int, kh: int, kw: int, down: bool) -> list[int]:
    """A group's words with each pair's two tap offsets on the plane before
    its four weight words (rect_plane_offsets: taps 4 bytes apart along u,
    rows 4 pw; an odd count's zero tap at the window's first)."""
    ku = kh if down else kw
    taps = kh * kw
    offs = [4 * (t % ku) + 4 * pw * (t // ku) for t in range(taps)] + [0] * (taps & 1)
    out = words[:5]
    for p in range((taps + 1) // 2):
        out += offs[2 * p : 2 * p + 2] + words[5 + 4 * p : 9 + 4 * p]
    return out + words[5 + 4 * ((taps + 1) // 2) :]


def _few_direct(attrs: dict, kh: int, kw: int, cout: int, in_hw, out_hw) -> bool:
    """A plane of few outputs (FEW_OUT or fewer) that tag 27's DIRECT runs on
    the input (_direct: four channels, every window inside it, lines along
    its rows): few_table's fixed cost was most of such a layer ((2,2) s2
    5x7x4 valid 1,842 instructions for 96 MACs there)."""
    if cout != 4:
        return False
    down = _down27(attrs, kh, kw, cout, in_hw, out_hw)
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    h = (in_hw[0], kh, sh, top, out_hw[0])
    w = (in_hw[1], kw, sw, left, out_hw[1])
    return _direct(cout, down, *((h, w) if down else (w, h)))


def direct3(attrs: dict, kh: int, kw: int, cout: int, in_hw, out_hw) -> bool:
    """3x3 of four channels on tag 27's DIRECT (_few_direct, _inside): the
    window loop's and few_table's fixed costs were most of such small planes
    ((3,3) s2 7x7x4 valid 1,553 there)."""
    return (
        kh == kw == 3
        and _few_direct(attrs, kh, kw, cout, in_hw, out_hw)
        and _inside(attrs, kh, kw, in_hw, out_hw, 1)
    )


def _plane_takes(attrs: dict, kh: int, kw: int, cout: int, in_hw, out_hw) -> bool:
    """Planes the loop runs on these records: FEW_OUT to MAX_OUTPUTS
    outputs of two columns or more, 3x3 and 5x5 aside (the window loop's;
    but 3x3 of two channels past a multiple of four);
    one column of FEW_OUT to MAX_OUTPUTS outputs, 3x3 and 5x5 too, on
    eight channels or more (the window loop copied such a column's rows
    per group and built its records: (3,3) s2 36x4x96 valid 4.34 -> 3.39,
    61x3x16 valid 4.31 -> 3.27), or of 2 to FEW_OUT without padding (the
    windows on the input, where few_cols copies them: (5,5) s2 15x5x16
    valid 3.68 -> 3.41; with padding few_cols' copy is the cheaper:
    (3,3) s2 16x2x32 same 4.14 there, 4.70 here); and planes of at most FEW_OUT outputs of
    two columns or more whose taps few_table cannot hold (it stops at
    FEW_TAPS; the group path ran (7,4) s1 9x5x32 valid at 5.50)."""
    oh, ow = out_hw
    if ow == 1:
        unpadded = not any(attrs["pads"])
        return cout >= 8 and (FEW_OUT < oh or (2 <= oh and unpadded)) and oh <= MAX_OUTPUTS
    if direct3(attrs, kh, kw, cout, in_hw, out_hw):
        return True
    if kh == kw and kh in (3, 5):
        # but 3x3 of two channels past a multiple of four (eight or more)
        # beyond FEW_OUT outputs: dwrect's last group on two lanes, the
        # window loop's on four ((3,3) s2 10x33x10 same 4.15 -> 3.66,
        # 33x27x10 same 3.86 -> 3.48, (3,3) s1 40x26x14 valid 3.51 ->
        # 2.79; one past keeps the window loop: (3,3) s2 17x17x13 same
        # 3.20 there, 3.89 here; so do padded planes of fewer than four
        # outputs along a side: (3,3) s2 3x11x118 same 44,853 there,
        # 48,367 here; unpadded ones run on the input: (3,3) s2 7x24x46
        # valid 44,717 -> 40,683); and padded ones of 64 channels or more,
        # which the sweeps ran slower here: (3,3) s2 14x9x86 same 86,526
        # there, 94,706 here; 16x18x70 same 138,388 there, 149,978 here
        # with trained-like weights)
        window = any(attrs["pads"]) and (min(oh, ow) < 4 or cout >= 64)
        return kh == 3 and cout >= 8 and cout % 4 == 2 and oh * ow > FEW_OUT and not window
    if oh * ow <= FEW_OUT:
        return _few_taps(attrs, in_hw, out_hw, kh, kw) > FEW_TAPS or _few_direct(
            attrs, kh, kw, cout, in_hw, out_hw
        )
    return True  # (more than MAX_OUTPUTS: only small records, dwrect_records)


def dwrect_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw, out_hw) -> np.ndarray | None:
    """The int32 records of every group, or None where they are not written."""
    kh, kw, cout = q.weight.shape
    oh, ow = out_hw
    if (
        attrs["multiplier"] != 1
        or cout < 4
        or min(kh, kw) < 2
        or kh * kw > backends.TABLE["depthwise_group"]["max_taps"]
        or tuple(attrs["dilation"]) != (1, 1)
        or not _plane_takes(attrs, kh, kw, cout, in_hw, out_hw)
    ):
        return None
    exact = q.act_min < zp_out or q.act_min > -128 or q.act_max < 127
    taps = kh * kw
    groups = [int(c) for c in group_channels(cout)[::4]]  # nnom_dw_odd_next's
    total = 5 + len(groups) * (GROUP_WORDS_FIXED + 4 * ((taps + 1) // 2))  # (tag 7's)
    if total > MAX_WORDS:
        return None
    inside = _inside(attrs, kh, kw, in_hw, out_hw, len(groups))
    down = _down27(attrs, kh, kw, cout, in_hw, out_hw)  # (tag 27's)
    plane = _plane(attrs, kh, kw, in_hw, out_hw, down)
    head = _plane_head(attrs, kh, kw, cout, in_hw, out_hw, down) if plane or inside else None
    if head is None:  # tag 7: rect_try's rule
        down = _down(attrs, kh, kw, in_hw, out_hw)
        plane = _plane(attrs, kh, kw, in_hw, out_hw, down)
    # the loop's tap order: along u (the axis of more outputs) first
    weight = np.asarray(q.weight)
    if down:
        weight = weight.transpose(1, 0, 2)
    weight = weight.reshape(kh * kw, cout)
    if head is not None:
        out = [PLANE_TAG, taps, 0, int(exact), int(down) + JOB + head[0]] + head[1:]
        head = head[1:]
    else:
        out = [TAG, taps, 0, int(exact), int(down) + PLANE * plane]
    for c in groups:
        words = _group(
            weight[:, c : c + 4],
            q.bias[c : c + 4],
            q.mult[c : c + 4],
            q.shift[c : c + 4],
            zp_in,
            zp_out,
            exact,
        )
        if words is None:
            return None
        out += words if head is None else _with_offsets(words, head[0], kh, kw, down)
    out[2] = len(groups)
    if oh * ow > MAX_OUTPUTS and total > LARGE_WORDS and not _fitted(q, exact):
        return None
    return ((np.array(out, np.int64) + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)


def _fitted(q, exact: bool) -> bool:
    """A channel that the kernel's own build (rect_records) leaves out of the
    scaled form but these records put in it (rq_fit's words): a large
    plane's records are then worth MAX_WORDS (its group runs 3
    instructions a channel of requantisation, not 4)."""
    e = -np.asarray(q.shift, np.int64)
    own = (e >= 5) & (e <= 11) & (np.asarray(q.mult, np.int64) > 0)
    own &= np.abs(np.asarray(q.bias, np.int64)) <= 1 << 22
    return not exact and not own.all()
