"""The records of the depthwise loops for one to seven channels on one row
or column of taps (src/kernels/local/nnom_local_dw_tiny_dsp.c), laid out at
conversion time so that the kernel does not build them on every run (on
layers of a few hundred MACs they cost a tenth of the layer).

A first word TAG (5: odd, neither dw3s2's 1 nor dw3s2l's 3; the one-row
loop's records start with an even word), then per channel twelve int32 words:
the weight pairs (2 w_2j, 2 w_2j+1) as halfwords (PAIRS words, the odd last
tap against a zero weight, unused words 0), 2 bias - 2 zp_in sum(w), mult,
(2 zp_out + 1) << (e - 1) and e, with e = -shift, then pairs PAIRS on (FAR
words: more than MAX_TAPS taps on a one-pixel-wide input). Written only where the
kernel takes the layer (nnom_dw_tiny_asks() and tiny_of() in C, here
tiny_takes(); output zero point -128: no s term) and every channel suits
its requantisation; None elsewhere. On one line of 4+ taps whose pixels
lie next to each other, the first word is HEAD_TAG (29) and twelve words
of head come before the channels' (course_head()): the kept run goes
straight to the course the head names (its words checked against the
layer once, at build). Three taps at stride 1 on one to three channels
whose every window is inside or on a 'same' line of 3+ outputs (the C
loop nnom_dw3c1m_s8's layers): the first word is DW3C1_TAG (33), then the
flags (1 'same', 2 one line, 4 'valid' lines whose output offset moves:
the lines word (lines - 1) dd) and the loop's job (dw3c1_head()), then per
channel six words in the loop's registers' order ((w0, w1), (w1, w2),
bias, mult, rounding, e), zeros after them to tag 5's length.
"""

from __future__ import annotations

import numpy as np

from .dwcol_records import dw3_line, dw3_short, loop_form

TAG = 5
MAX_TAPS = 10  # TINY_MAX_TAPS
PAIRS = MAX_TAPS // 2
LONG_TAPS = 16  # TINY_LONG_TAPS: one line only
FAR = LONG_TAPS // 2 - PAIRS
S2_MAX_TAPS = 7  # TINY_S2_MAX_TAPS
LINE = 128  # TINY_LINE
# tag 29: TAG's records after a head of 12 words that names the course
# (TINY_C_* in C: pairs_m, pairs, chans56, line3, line7, chans, two, one)
HEAD_TAG = 29
(
    COURSE_PAIRS_M,
    COURSE_PAIRS,
    COURSE_56,
    COURSE_L3,
    COURSE_L7,
    COURSE_CHANS,
    COURSE_TWO,
    COURSE_ONE,
) = range(8)
# one channel's line of at most SHORT1 pixels (tiny_line1: its copy without tiny_pairs' line loop)
SHORT1 = 8
# tag 33: nnom_dw3c1r_s8's head (NNOM_DW3C1_HEAD words after the flag)
DW3C1_TAG = 33


def tiny_takes(attrs: dict, cout: int, kernel, in_hw, out_hw, act_min: int, act_max: int) -> bool:
    """The C kernel's geometry checks (a layer of one output pixel runs dwone)."""
    kh, kw = kernel
    if attrs["multiplier"] != 1 or cout >= 8 or cout == 4 or min(kh, kw) != 1:
        return False
    if out_hw[0] * out_hw[1] == 1 or act_min > -128 or act_max < 127:
        return False
    top, _, left, _ = attrs["pads"]
    axis = 1 if kh == 1 else 0  # the taps' axis
    k, s = (kh, kw)[axis], attrs["strides"][axis]
    pad, other_pad = (left, top) if axis == 1 else (top, left)
    other = 1 - axis
    if attrs["dilation"][axis] != 1 or other_pad != 0:
        return False
    if (out_hw[other] - 1) * attrs["strides"][other] >= in_hw[other]:
        return False
    # three taps on five to seven channels: one short line at stride 1 that
    # nnom_dw3_s8 does not take (tiny_of()'s short3)
    # (not where nnom_dw3_s8 runs the line's copy: 4+ outputs, dw3_short)
    short3 = (
        k == 3
        and s == 1
        and out_hw[other] == 1
        and not dw3_line(out_hw[axis], pad, in_hw[axis])
        and not (
            in_hw[other] == 1 and dw3_short(out_hw[axis], pad, in_hw[axis], cout, act_min, act_max)
        )
    )
    # more than S2_MAX_TAPS at stride 2 on more than one line (one line: the
    # C loops up to LONG_TAPS cost less than the group path)
    long_s2 = s != 1 and k > S2_MAX_TAPS and out_hw[other] != 1
    if cout > 4 and ((k == 3 and not short3) or long_s2):
        return False
    entries = (out_hw[axis] - 1) * s + k + 1
    most = LONG_TAPS if out_hw[other] == 1 else MAX_TAPS
    least = 2 if cout < 4 else 3  # two taps: one to three channels (tiny_of())
    return least <= k <= most and s in (1, 2) and 0 <= pad < entries and entries <= LINE


def dw2_asks(attrs: dict, cout: int, kernel, in_hw, out_hw) -> bool:
    """nnom_dw2_asks() in C (output zero point and range already asked):
    the two-channel loops', which read tag 5's records."""
    if cout != 2:
        return False
    (kh, kw), (sh, sw) = kernel, attrs["strides"]
    if kh == 1:
        k, s, n = kw, sw, out_hw[1]
        if out_hw[0] > 1:
            return n >= 8 and (k == 3 or k > 10 if s == 1 else s == 2 and k >= 5)
    elif kw >= 5:
        return sw == 2 and kh <= 3
    elif kw == 1 and in_hw[1] == 1:
        k, s, n = kh, sh, out_hw[0]
    else:
        return False
    return n >= 14 and (k == 3 if s == 1 else s == 2 and k in (5, 6))


def course_head(attrs: dict, c: int, kernel, in_hw, out_hw) -> list[int] | None:
    """Tag 29's head (nnom_dw_tiny_tag_asks() in C): the course tiny_s8()
    takes, the line's tiny_t and its entries, for one line of 4+ taps whose
    pixels lie next to each other (tiny_takes() having held); None else."""
    kh, kw = kernel
    (sh, sw), (top, _, left, _) = attrs["strides"], attrs["pads"]
    (ih, iw), (oh, ow) = in_hw, out_hw
    if kh == 1:
        t = [kw, sw, left, iw, ow, c, c, oh, sh * iw * c, ow * c]
    else:
        t = [kh, sh, top, ih, oh, iw * c, ow * c, ow, sw * c, c]
    k, s, n = t[0], t[1], t[4]
    if k == 3 or t[7] != 1 or t[5] != c or dw2_asks(attrs, c, kernel, in_hw, out_hw):
        return None
    pairs = (k + 1) // 2
    has_m = 3 <= pairs <= 5 or (pairs == 2 and s == 1)  # tiny_tag_mfns
    if c <= 2:
        course = COURSE_PAIRS_M if has_m and (c == 2 or (pairs == 4 and s == 1)) else COURSE_PAIRS
    elif c in (5, 6):
        course = COURSE_56
    elif has_m:  # three or seven channels, a call of the m loop
        course = COURSE_L3 if c == 3 else COURSE_L7
    else:
        course = COURSE_CHANS
    if c == 1 and t[3] <= SHORT1:
        course = COURSE_ONE
    if k == 2 and t[2] == 0 and (n - 1) * s + 1 <= t[3]:
        course = COURSE_TWO  # straight from the input bytes (tiny_two_takes())
    return [course, *t, (n - 1) * s + k + (k & 1)]


def _line(c: int, kernel, attrs: dict, in_hw, out_hw) -> list[int]:
    """tiny_of()'s tiny_t: k, s, pad, in, n, xs, os, lines, xl, ol."""
    (kh, kw), (sh, sw), (top, _, left, _) = kernel, attrs["strides"], attrs["pads"]
    (ih, iw), (oh, ow) = in_hw, out_hw
    if kh == 1:
        return [kw, sw, left, iw, ow, c, c, oh, sh * iw * c, ow * c]
    return [kh, sh, top, ih, oh, iw * c, ow * c, ow, sw * c, c]


def dw3c1_head(attrs: dict, c: int, kernel, in_hw, out_hw, zp_in: int) -> list[int] | None:
    """Tag 33's flag and head (nnom_dw_tiny3r_asks() in C): three taps at
    stride 1, one to three channels, outputs as far apart as inputs, every
    window inside or a 'same' line of 3+ outputs (tiny_takes() having
    held); None else."""
    k, s, pad, n_in, n, xs, os, lines, xl, ol = _line(c, kernel, attrs, in_hw, out_hw)
    if k != 3 or s != 1 or c >= 4 or xs != os:
        return None
    inside = pad == 0 and n + 2 == n_in
    if not inside and not (n > 2 and pad == 1 and n == n_in):
        return None
    m = n - 2 * pad
    one = lines == 1  # the one-line loop: xstep on to the next channel's x
    dd = ol - xl
    byd = inside and not one and dd != 0  # the last line by its output offset
    flag = int(not inside) | int(one) << 1 | int(byd) << 2
    step = (1 if one else xl) - (m + 2) * xs
    last = (lines - 1) * dd if byd else lines
    return [flag, m, xs, c, last, step, dd, zp_in, (pad - 4) * xs]


def dwtiny_records(
    attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray | None:
    """The int32 records, or None where the kernel does not take the layer."""
    kh, kw, cout = q.weight.shape
    if zp_out != -128 or not tiny_takes(attrs, cout, (kh, kw), in_hw, out_hw, q.act_min, q.act_max):
        return None
    k = kh * kw
    form = loop_form(q, zp_out, k)  # the one-row loop's requantisation form
    if form is None:
        return None
    w2, bias, mult, rounding, x = form  # w2: the weights doubled
    padded = np.zeros((LONG_TAPS, cout), np.int64)
    padded[:k] = w2
    lo, hi = padded[0::2] & 0xFFFF, padded[1::2] & 0xFFFF
    pairs = (lo | hi << 16).T
    rec = np.zeros((cout, PAIRS + 4 + FAR), np.int64)
    rec[:, :PAIRS] = pairs[:, :PAIRS]
    rec[:, PAIRS + 4 :] = pairs[:, PAIRS:]
    rec[:, PAIRS] = 2 * bias - zp_in * w2.sum(axis=0)
    rec[:, PAIRS + 1] = mult
    rec[:, PAIRS + 2] = rounding
    rec[:, PAIRS + 3] = x + 2
    three = dw3c1_head(attrs, cout, (kh, kw), in_hw, out_hw, zp_in)
    if three is not None:  # the loop's own layout
        w12 = (w2[1] & 0xFFFF) | (w2[2] & 0xFFFF) << 16
        loop = np.stack([pairs[:, 0], w12, *(rec[:, PAIRS + i] for i in range(4))], axis=1)
        # zeros to tag 5's length: a first word rewritten 5 reads them in bounds
        pad = max(0, 1 + rec.size - (1 + len(three) + loop.size))
        words = np.concatenate([[DW3C1_TAG, *three], loop.reshape(-1), np.zeros(pad, np.int64)])
        return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
    head = course_head(attrs, cout, (kh, kw), in_hw, out_hw)
    lead = [TAG] if head is None else [HEAD_TAG, *head]
    words = np.concatenate([lead, rec.reshape(-1)])
    return ((words + (1 << 31)) % (1 << 32) - (1 << 31)).astype(np.int32)
