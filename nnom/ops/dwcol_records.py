"""The records of the depthwise assembly loop for one row of k taps
(src/kernels/local/nnom_local_dwcol.h), laid out at conversion time so that
the C kernel does not build them per group of four channels on every run.

Per group of four channels (int32 words): 2 (bias - zp_in * sum(w)) per
channel; per pair of taps (t, t + 1) and channel the halfwords (2 w_t,
2 w_t+1); k odd: the last tap as the halfwords (2 w, 2 w) of channels
0, 2 and of 1, 3; per channel mult, (2 zp_out + 1) << (e - 1), e with
e = -shift. The C kernel reads them where it runs that loop (-O2, DSP
cores) and builds the same words itself where the config has none (Layer
API). Written only where the loop can run: multiplier 1, channels a
multiple of four or not odd_flat() (then after the whole groups
one more, channels cout - 4 to cout - 1, which overlaps the one before
it), (k, 1) or (1, k) kernels of 2 to max_taps taps (3 taps
at stride 1: nnom_dw3_s8's records, on lines of DW3_MIN_OUT outputs or
more or of 4 to 9 all inside the input (dw3_line), or on one short line
of 8+ channels run on a padded copy (dw3_short) or from the input (one
line of 2 to 6 rows: after DW3S_TAG, dw3_rows_tagged), channel by
channel, so also for more than four channels not a multiple of four: the last group
overlaps; at stride 2 those of
dw3s2_records.py where they suit, on lines of DW3S2_MIN_OUT outputs or more
(4 to 7 outputs: tagged for dw3s2l, at most its channels), and
nnom_dw3_s2_s8's, _s2e_s8's, _s2f_s8's, _s2g_s8's (DW3Q_TAG to DW3G_TAG)
on one 'same' line of three outputs on five or six rows or four on seven
or eight (dw3_s2_short), with
at most one padded row before), no dilation along them, output zero point -128 (ReLU:
no rounding sign term, no clamp), some window inside the input or (k >= 4,
few outputs: _padded) none, every channel in the loop's
requantisation range. Two taps take the records of dwpair_records.py
(their first word odd, these start with an even one) where they suit.
"""

from __future__ import annotations

import numpy as np

from .. import backends
from .dw3s2_records import dw3s2_records
from .dw3s2l_records import CHANNELS as DW3S2L_CHANNELS
from .dw3s2l_records import MIN_OUT as DW3S2L_MIN_OUT
from .dw3s2l_records import dw3s2l_retag, dw3s2l_tagged
from .dwcol_scaled import (
    AL_TAG,
    LINE_TAG,
    alone_head,
    alone_takes,
    dwcol_scaled,
    line_head,
    line_takes,
    scaled_takes,
)
from .dwpair_plan import dwpair_plan
from .dwpair_records import dwpair_edge_words, dwpair_records, three_words

# lines of at least this many outputs run nnom_dw3_s8 (DW3_MIN_OUT in C)
DW3_MIN_OUT = 10
# the first word of nnom_dw3_s2_s8's records (NNOM_DW3Q_TAG in C,
# nnom_local_dw3line.h; odd: none of the other records' tags)
DW3Q_TAG = 13
# nnom_dw3_s2e_s8's (six rows; NNOM_DW3E_TAG)
DW3E_TAG = 15
# nnom_dw3_s2f_s8's (four outputs on seven rows; NNOM_DW3F_TAG) and
# nnom_dw3_s2g_s8's (eight rows; NNOM_DW3G_TAG)
DW3F_TAG = 17
DW3G_TAG = 19
# six outputs on 11 rows (NNOM_DW3H_TAG) or 12 (NNOM_DW3I_TAG): the first
# three's records (nnom_dw3_s2a_s8's, _s2b_s8's), then the last three's
# (nnom_dw3_s2e_s8's)
DW3H_TAG = 21
DW3I_TAG = 23
# nnom_dw3_s8's records on one line of 2 to 6 rows at stride 1 that
# nnom_dw3_short_s8 / nnom_dw3_valid_s8 run (NNOM_DW3S_TAG)
DW3S_TAG = 25
# one 'valid' line of two outputs at stride 2 on five or six rows:
# nnom_dw3_s2v_b_s8's records (NNOM_DW3S2V_TAG, nnom_local_dw3s2v.h)
DW3S2V_TAG = 37
# lines of at least this many outputs at stride 2 run nnom_dw3s2_s8
# (NNOM_DW3S2_MIN_OUT in C, nnom_local_dw3s2.h)
DW3S2_MIN_OUT = 8
# channels not a multiple of four from this many on take the group
# records, their last group overlapping (NNOM_DW_ODD_GROUPED in C,
# nnom_local_dw_odd.h), and from ODD_GROUPED_MIN on but for 3x3 windows
# (from ODD_GROUPED_S1 on at stride 1 along the rows or on rows of fewer
# than ODD_FLAT_ROW outputs, from ODD_GROUPED_MIN on rows of fewer than
# ODD_SHORT_ROW); fewer run the flat path, which wastes no lane
ODD_GROUPED = 16
ODD_GROUPED_S1 = 7
ODD_GROUPED_MIN = 5
ODD_FLAT_ROW = 9
ODD_SHORT_ROW = 6


def odd_flat(cout: int, kh: int, kw: int, sw: int, ow: int) -> bool:
    """Channels the group records refuse (nnom_dw_odd_flat in C); sw the
    stride along the rows, ow the outputs a row."""
    if cout % 4 == 0:
        return False
    if (kh, kw) != (3, 3) or ow < ODD_SHORT_ROW:
        grouped = ODD_GROUPED_MIN
    elif sw == 1 or ow < ODD_FLAT_ROW:
        grouped = ODD_GROUPED_S1
    else:
        grouped = ODD_GROUPED
    return cout < grouped


def _half(v: np.ndarray) -> np.ndarray:
    return v.astype(np.int64) & 0xFFFF


def _some_inside(k: int, s: int, pad: int, n_in: int, n_out: int) -> bool:
    """The C kernel's test (dw_col_try, dw_col_axes): some window along the
    taps lies inside the input, the border ones start and end near it."""
    lo = min(-(-pad // s), n_out)
    end = n_in - 1 + pad - (k - 1)
    hi = min(end // s + 1, n_out) if end >= 0 else 0
    return hi > lo and n_in >= 2 and pad < k and (n_out - 1) * s - pad < n_in


# layers of at most this many output pixels whose windows all reach the
# padding run the loop on a padded copy of at most PAD_BYTES per chunk of
# groups (nnom_local_dw_few_dsp.c: NNOM_DW_FEW_OUT, NNOM_DW_FEW_PAD_BYTES)
FEW_OUT = 8
PAD_BYTES = 1024


def _padded(k: int, s: int, n_out: int, act_min: int, act_max: int) -> bool:
    """The C kernel's padded copy takes the layer (few_padded, any number of
    lines: nnom_dw_few_lines): k >= 4 taps, few outputs a line, one group's
    padded line within the buffer, no clamp."""
    span = (n_out - 1) * s + k
    return (
        k >= 4 and n_out <= FEW_OUT and 4 * span <= PAD_BYTES and act_min == -128 and act_max == 127
    )


def dwcol_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records of every group, or None where the loop cannot run."""
    rule = backends.TABLE["depthwise_group"]
    kh, kw, cout = q.weight.shape
    top, bottom, left, right = attrs["pads"]
    axis = 0 if kh > 1 else 1  # the taps' axis; the other has one tap
    k, s, d = (kh, kw)[axis], attrs["strides"][axis], attrs["dilation"][axis]
    pad, other = (top, left + right) if axis == 0 else (left, top + bottom)
    short = (
        k == 3
        and s == 1
        and in_hw[1 - axis] == 1
        and out_hw[1 - axis] == 1
        and (
            dw3_short(out_hw[axis], pad, in_hw[axis], cout, q.act_min, q.act_max)
            # four channels: tag 25's kernels alone (one group, no copy)
            or (
                cout == 4
                and dw3_rows_tagged(out_hw[axis], pad, in_hw[axis], cout, q.act_min, q.act_max)
            )
        )
    )
    # three taps at stride 1 on short unpadded lines, no more outputs a line
    # than lines: every line's output at one place in one call of the
    # one-row loop (dw_across_try), its records these ((1,3) s1 22x3x120
    # valid: 6,030 instructions a run building them)
    across = (
        k == 3
        and s == 1
        and pad == 0
        and cout >= 8
        and out_hw[axis] <= out_hw[1 - axis]
        and (out_hw[axis] - 1) + k <= in_hw[axis]
        and not dw3_line(out_hw[axis], pad, in_hw[axis])
    )
    if (
        attrs["multiplier"] != 1
        or odd_flat(cout, kh, kw, attrs["strides"][1], out_hw[1])
        or min(kh, kw) != 1
        or not 2 <= k <= rule["max_taps"]
        or d != 1
        or (
            k == 3
            and s == 1
            and not short
            and not across
            and not dw3_line(out_hw[axis], pad, in_hw[axis])
        )
        or zp_out != -128
        or other != 0
        or not (
            short
            or _some_inside(k, s, pad, in_hw[axis], out_hw[axis])
            or _padded(k, s, out_hw[axis], q.act_min, q.act_max)
        )
    ):
        return None
    if k == 2:
        pair = dwpair_records(q, zp_in, zp_out)
        # some channels refused (first word 5): not on one output pixel,
        # where the one-row loop's records cost less ((2,1) 2x1x118 valid:
        # 2,536 instructions against 2,646)
        if pair is not None and (pair[0] == 1 or out_hw[0] * out_hw[1] > 1):
            return dwpair_plan(
                pair,
                axis == 0,
                attrs,
                (q.act_min, q.act_max),
                in_hw,
                out_hw,
                zp_in,
                lambda: dwpair_edge_words(q, zp_in, zp_out),
                lambda: three_words(q, zp_in, zp_out),
            )
    if (
        k == 3
        and s == 2
        and in_hw[1 - axis] == 1
        and dw3_s2_valid(out_hw[axis], pad, in_hw[axis], cout, q.act_min, q.act_max)
    ):
        form = loop_form(q, zp_out, k)
        if form is not None:
            return _words(_dw3s2v_line_words(form, zp_in, out_hw[axis]), DW3S2V_TAG)
    short_s2 = (
        k == 3
        and s == 2
        and in_hw[1 - axis] == 1
        and dw3_s2_short(out_hw[axis], pad, in_hw[axis], cout, q.act_min, q.act_max)
    )
    form = loop_form(q, zp_out, k) if short_s2 else None
    if short_s2 and form is not None:
        rows = in_hw[axis]
        if rows > 8:  # six outputs: two calls
            first = _dw3s2_short_words(form, zp_in, rows)
            last = _words(_dw3s2_short_words(form, zp_in, 6))
            return np.concatenate([_words(first, DW3H_TAG + 2 * (rows - 11)), last])
        words = _dw3s2_short_words(form, zp_in, rows)
        return _words(words, DW3Q_TAG + 2 * (rows - 5))
    if short_s2 and out_hw[axis] == 3:  # (four outputs: dw3s2l's below)
        return None
    if k == 3 and s == 2 and out_hw[axis] >= DW3S2L_MIN_OUT and pad <= 1:
        passes = dw3s2_records(q, zp_in, zp_out)
        if passes is not None and out_hw[axis] >= DW3S2_MIN_OUT:
            return dw3s2l_retag(passes, pad, in_hw[axis], out_hw[axis], cout)
        if passes is not None and cout <= DW3S2L_CHANNELS:  # 4 to 7 outputs: dw3s2l only
            return dw3s2l_tagged(passes)
    if k == 3 and s == 1 and not across:
        form = loop_form(q, zp_out, k)
        if form is None:
            return None
        w, bias, mult, ra, x = form
        rows = in_hw[1 - axis] == 1 and dw3_rows_tagged(
            out_hw[axis], pad, in_hw[axis], cout, q.act_min, q.act_max
        )
        words = _dw3_words(w, bias, zp_in, mult, ra, x + 2)
        if rows and out_hw[axis] == 2 and in_hw[axis] == 2:  # 'same' line of two
            words = _dw3_two_words(words, w, zp_in)
        return _words(words, DW3S_TAG if rows else None)
    if scaled_takes(attrs, q, in_hw, out_hw, cout, across):
        head = None
        if not across and alone_takes(attrs, q, out_hw):
            head = [AL_TAG, *alone_head(attrs, q, in_hw, out_hw)]
        elif not across and (top | left) and line_takes(attrs, q, out_hw):
            head = [LINE_TAG, *line_head(attrs, q, in_hw, out_hw)]
        scaled = dwcol_scaled(q, zp_in, zp_out, group_channels(cout), head)
        if scaled is not None:
            return scaled
    return group_records(q, zp_in, zp_out, last_paired=True)


def dw3_line(n_out: int, pad: int, n_in: int) -> bool:
    """Lines nnom_dw3_s8 runs (dw3_line() in C): DW3_MIN_OUT outputs or
    more, or 4 to 9 whose windows all lie inside the input."""
    return n_out >= DW3_MIN_OUT or (n_out >= 4 and pad == 0 and n_out + 2 <= n_in)


# bytes of the one-line copy of nnom_local_dw3line_dsp.c (NNOM_DW3LINE_COPY)
DW3LINE_COPY = 1152


def dw3_short(n_out: int, pad: int, n_in: int, c: int, act_min: int, act_max: int) -> bool:
    """One short line of three taps at stride 1 that nnom_dw3_s8 runs on a
    padded copy (dw3_line_short() in C): 2 to DW3_MIN_OUT - 1 outputs not
    dw3_line's, four or 8+ channels (five to seven on 4+ outputs: the
    overlapping group's pass of four; five 'same' on 2+: the fifth alone),
    no clamp, the copy of max(n_out, 4) + 2 rows within its buffer."""
    return (
        2 <= n_out
        and not dw3_line(n_out, pad, n_in)
        and (c >= 8 or c == 4 or (c > 4 and n_out >= 4) or (c == 5 and pad == 1))
        and pad < 3
        and act_min == -128
        and act_max == 127
        and (max(n_out, 4) + 2) * c <= DW3LINE_COPY
    )


def dw3_s2_short(n_out: int, pad: int, n_in: int, c: int, act_min: int, act_max: int) -> bool:
    """Three taps at stride 2 on one 'same' line of three outputs on five
    rows (pad 1) or six (pad 0, the bottom one padded), or of four outputs
    on seven (pad 1) or eight (pad 0), 8+ channels, no clamp: the records
    of _dw3s2_short_words(rows) after DW3Q_TAG + 2 (rows - 5) (DW3Q_TAG,
    DW3E_TAG, DW3F_TAG, DW3G_TAG), run by nnom_dw3_s2_s8, _s2e_s8, _s2f_s8,
    _s2g_s8 (the C dispatcher takes the tag's word for it)."""
    rows = (n_in == 2 * n_out - 1 and pad == 1) or (n_in == 2 * n_out and pad == 0)
    return n_out in (3, 4, 6) and rows and c >= 8 and act_min == -128 and act_max == 127


def dw3_s2_valid(n_out: int, pad: int, n_in: int, c: int, act_min: int, act_max: int) -> bool:
    """Three taps at stride 2 on one 'valid' line of two outputs on five or
    six rows or of three on seven or eight, whole groups of four channels,
    no clamp: after DW3S2V_TAG the records of _dw3s2v_words (two outputs,
    nnom_dw3_s2v_b_s8) or nnom_dw3_s2b_s8's (three, nnom_dw3_s2bv_b_s8)
    (nnom_dw3s2v_asks in C)."""
    return (
        n_out == (n_in - 1) // 2
        and pad == 0
        and 5 <= n_in <= 16
        and c >= 4
        and c % 4 == 0
        and act_min == -128
        and act_max == 127
    )


def dw3_rows_tagged(n_out: int, pad: int, n_in: int, c: int, act_min: int, act_max: int) -> bool:
    """One line of three taps at stride 1 that nnom_dw3_short_s8 or
    nnom_dw3_valid_s8 runs from the input: 'same' (pad 1) of 2 to 6
    outputs, 'valid' of 2 to 4 (on 4 to 6 rows), four or 8+ channels (five
    to seven: the tiny loops' records), no clamp:
    nnom_dw3_s8's records after DW3S_TAG ('same' of two: _dw3_two_words';
    the C dispatcher calls the kernel on the tag, without its tests of such
    lines)."""
    rows = (n_out == n_in and pad == 1) or (n_out == n_in - 2 and pad == 0 and n_in >= 4)
    return rows and 2 <= n_in <= 6 and (c == 4 or c >= 8) and act_min == -128 and act_max == 127


def rq_form(q, zp_out: int, k: int):
    """The bias, multipliers, rounding terms and right shifts - 2 of the
    loops' requantisation (out = ssat8(SMMLAR(acc, mult, ra) >> e) on sums
    of k doubled products); None where a channel is outside its form."""
    bias = np.asarray(q.bias, np.int64)
    mult = np.asarray(q.mult, np.int64)
    x = -2 - np.asarray(q.shift, np.int64)
    reach = (1 << 30) - k * 255 * 128 - 1
    if np.any(mult <= 0) or np.any(x < 0) or np.any(x > 21) or np.any(np.abs(bias) > reach):
        return None
    return bias, mult, ((2 * zp_out + 1) << (x + 1)) & 0xFFFFFFFF, x


def loop_form(q, zp_out: int, k: int):
    """The doubled weights (tap by tap) and rq_form()'s words; None where a
    channel is outside the form."""
    form = rq_form(q, zp_out, k)
    if form is None:
        return None
    return (2 * q.weight.reshape(k, -1).astype(np.int64), *form)


def group_records(q, zp_in: int, zp_out: int, last_paired: bool = False) -> np.ndarray | None:
    """The records of every group of four channels, the kernel's taps in
    the weights' (row-major) order; None where a channel's requantisation
    is outside the loop's form. An odd last tap: with last_paired (the
    one-row loop) the halfwords of channels 0, 2 and of 1, 3, two words;
    else (the window loop of nnom_local_dwwin_dsp.c, 2D kernels) one word
    per channel, channels 0 and 1 in the low halfword, 2 and 3 in the high."""
    kh, kw, cout = q.weight.shape
    k = kh * kw
    form = loop_form(q, zp_out, k)
    if form is None:
        return None
    # channels not a multiple of four: the last group overlaps the one
    # before it (channels cout - 4 to cout - 1, dw_next_group() in C)
    chans = group_channels(cout)
    w, bias, mult, ra, x = (v[..., chans] for v in form)
    cout = len(chans)
    rows = [2 * bias - zp_in * w.sum(axis=0)]
    for t in range(0, k - 1, 2):
        rows.append(_half(w[t]) | (_half(w[t + 1]) << 16))
    if k & 1 and not last_paired:
        last = _half(w[k - 1])
        rows.append(np.where(np.arange(cout) % 4 < 2, last, last << 16))
    groups = [np.stack(rows, axis=0).reshape(len(rows), cout // 4, 4).transpose(1, 0, 2)]
    groups = [groups[0].reshape(cout // 4, -1)]
    if k & 1 and last_paired:
        last = _half(w[k - 1]).reshape(cout // 4, 4)
        groups.append(last[:, :2] | (last[:, 2:] << 16))
    groups.append(np.stack([mult, ra, x + 2], axis=1).reshape(cout // 4, 12))
    return _words(np.concatenate(groups, axis=1))


def group_channels(cout: int) -> np.ndarray:
    """The channels of the groups of four in their order: 0 to cout - 1,
    and where cout is not a multiple of four the overlapping last group
    cout - 4 to cout - 1 after the whole ones."""
    whole = np.arange(cout - cout % 4)
    return whole if cout % 4 == 0 else np.concatenate([whole, np.arange(cout - 4, cout)])


def _dw3_words(w, bias, zp_in, mult, ra, e) -> np.ndarray:
    """nnom_dw3_s8's records (src/kernels/local/nnom_local_dw3.h), channel
    after channel: (w0, w1), (w2, w0), (w1, w2) halfwords, bias, mult, ra, e
    (the weights doubled, the bias with the input zero point as above)."""
    w0, w1, w2 = w
    cols = [
        _half(w0) | (_half(w1) << 16),
        _half(w2) | (_half(w0) << 16),
        _half(w1) | (_half(w2) << 16),
        2 * bias - zp_in * w.sum(axis=0),
        mult,
        ra,
        e,
    ]
    return np.stack(cols, axis=1)


def _dw3_two_words(words: np.ndarray, w, zp_in: int) -> np.ndarray:
    """A 'same' line of two outputs' records after DW3S_TAG (nnom_dw3_short_a_s8's
    two-output loop): (w0, w1), b1, (w1, w2), b0, mult, ra, e with the padded
    tap's input zero point in each output's bias (b0 = bias + w0 zp, b1 =
    bias + w2 zp, the weights doubled): no per-channel zero-point MACs."""
    w0, _, w2 = w
    out = words.copy()
    out[:, 1] = words[:, 3] + zp_in * w2
    out[:, 3] = words[:, 3] + zp_in * w0
    return out


def _dw3s2v_words(form, zp_in) -> np.ndarray:
    """nnom_dw3_s2v_b_s8's records, channel after channel: (w0, w1), (w2, 0)
    halfwords, 2 (bias - zp (w0 + w1 + w2)) (the weights doubled), mult,
    ra, x + 2."""
    w, bias, mult, ra, x = form
    w0, w1, w2 = w
    cols = [_half(w0) | (_half(w1) << 16), _half(w2), 2 * bias - zp_in * w.sum(axis=0)]
    return np.stack([*cols, mult, ra, x + 2], axis=1)


def _dw3s2v_line_words(form, zp_in, n_out: int) -> np.ndarray:
    """Tag 37's records of a line of n_out outputs: three, nnom_dw3_s2b_s8's;
    else _dw3s2v_words (its pairs'), an odd count's last three's after."""
    three = _dw3s2_line_words(*form, zp_in, 3, False, False)
    if n_out == 3:
        return three
    pairs = _dw3s2v_words(form, zp_in)
    return np.concatenate([pairs.reshape(-1), three.reshape(-1)]) if n_out % 2 else pairs


def _dw3s2_line_words(w, bias, mult, ra, x, zp_in, outputs: int, top: bool, bottom: bool):
    """The records of nnom_dw3_s2_s8 and its siblings in nnom_local_dw3sh_dsp.c
    (one stride-2 three-tap line of `outputs` outputs), channel after
    channel: (w0, w1) and, with the top row padded, (w1, w2) halfwords, else
    (w2, 0); the outputs' bias (the weights doubled), the first with its
    padded top tap's input zero point, the last with its padded bottom
    tap's (the tap's product with the zero point is not taken off); mult,
    ra, x + 2. Five and seven rows: top and bottom padded (_s2, _s2f); six
    and eight: the bottom (_s2e, _s2g); the first three outputs of 11 rows:
    the top (_s2a), of 12: neither (_s2b)."""
    w0, w1, w2 = w
    b = 2 * bias - zp_in * w.sum(axis=0)
    second = _half(w1) | (_half(w2) << 16) if top else _half(w2)
    biases = [b] * outputs
    if top:
        biases[0] = b + zp_in * w0
    if bottom:
        biases[-1] = b + zp_in * w2
    return np.stack([_half(w0) | (_half(w1) << 16), second, *biases, mult, ra, x + 2], axis=1)


def _dw3s2_short_words(form, zp_in, rows: int) -> np.ndarray:
    """A short stride-2 line's records by its rows (dw3_s2_short): 5 to 8
    rows one call of (rows + 1) // 2 outputs, 11 and 12 the first three
    outputs' (the last three's: rows 6, bottom padded)."""
    if rows > 8:
        return _dw3s2_line_words(*form, zp_in, 3, rows == 11, False)
    return _dw3s2_line_words(*form, zp_in, (rows + 1) // 2, rows % 2 == 1, True)


def _words(words: np.ndarray, tag: int | None = None) -> np.ndarray:
    flat = ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32).reshape(-1)
    return flat if tag is None else np.concatenate([[tag], flat]).astype(np.int32)
