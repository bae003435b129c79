"""The records of the depthwise window loop for 3x3 and 5x5 kernels on small
planes (src/kernels/local/nnom_local_dwwin_dsp.c), laid out at conversion
time where the plane has so few outputs that building them per group of
four channels on every run would cost more than the windows.

The layout is the one-row loop's (dwcol_records.group_records: bias with
the input zero point, doubled weight pairs in the kernel's row-major tap
order, requantisation constants). The C kernel reads them where it runs
the window loop and builds the same words per group where the config has
none (Layer API, the larger planes). Written only where the loop runs:
multiplier 1, channels a multiple of four or at least ODD_GROUPED_MIN
(nnom_dwwin_try's: the C dispatcher's DW_WIN_ODD runs the loop on five
and six channels too, which odd_flat() refused, so those built their
records every run; the overlapping last group's records after the
others'), 3x3 or 5x5 at stride 1 or 2 on both axes, no dilation, output
zero point -128 without clamp (ReLU), the padded plane's columns the
windows reach at most PITCH, every channel in the loop's requantisation
range.
"""

from __future__ import annotations

from .dwcol_records import ODD_GROUPED_MIN, group_records

PITCH = 24  # NNOM_DWWIN_PITCH (nnom_local_dwwin.h): the plane copy's columns
# planes of at most this many outputs get the records: there the build
# per group (~210 instructions for 3x3) would cost more than the windows;
# 16 would take 3x3 s2 on 6x6x128 3.94 -> 3.28 instr/MAC but MobileNet's
# header +13.8 KB (docs/kernel-log.md, branch dwsmall2)
MAX_OUTPUTS = 4
# planes of up to SMALL_OUTPUTS outputs (not one column: those take
# dwcols_records' path) also get them where the layer's records are at most
# SMALL_WORDS words (4 KB): the build is 25 to 45 % of such a group's
# windows ((3,3) s2 4x11x60 valid 4.90 -> 3.7 instr/MAC); MobileNet's
# 3x3x128 and 3x3x256 planes (1,152 and 2,304 words) keep the build;
# and any plane the loop takes where they are at most FEW_WORDS words (1 KB:
# seven groups of 3x3, three of 5x5), saving ~210 instructions a group on
# every run ((3,3) s2 12x12x10 same 4.06 -> 3.9)
SMALL_OUTPUTS = 9
SMALL_WORDS = 1024
FEW_WORDS = 256


COLUMN_OUTPUTS = 8  # (one column: see _few_enough)
STRIPS = 8  # DWWIN_STRIPS (nnom_local_dwwin_dsp.c): taller planes take other paths


def _few_enough(oh: int, ow: int, k: int, s: int, cout: int, padded: bool = True) -> bool:
    """Outputs few enough for the records (their words counted per group)."""
    if oh * ow <= MAX_OUTPUTS:
        return True
    if -(-oh // ((PITCH - k) // s + 1)) > STRIPS:
        return False
    words = (cout + 3) // 4 * (4 + 4 * ((k * k + 1) // 2) + 12)
    # one column: the loop takes it only as 5x5 at stride 2 on 5 to 7
    # channels (the C dispatcher's DW_WIN55, before any other path)
    column = k == 5 and s == 2 and 5 <= cout <= 7
    # or an unpadded 3x3 column at stride 1 of at most COLUMN_OUTPUTS
    # outputs, no channel alone: dwrect's set-up (~1,150 a run) weighed
    # more than the copy per group ((3,3) s1 8x3x16 valid 3,814 -> 3,400;
    # not on longer columns: 14x3x24 valid 8,718 there, 9,089 here; nor at
    # stride 2, whose copy doubles: 17x3x24 s2 valid 6,447 there, 6,934)
    column = column or (k == 3 and s == 1 and not padded and cout % 4 != 1 and oh <= COLUMN_OUTPUTS)
    return (ow > 1 or column) and words <= (SMALL_WORDS if oh * ow <= SMALL_OUTPUTS else FEW_WORDS)


def dwwin_records(attrs: dict, q, zp_in: int, zp_out: int, out_hw: tuple[int, int]):
    """The int32 records of every group, or None where they are not written."""
    kh, kw, cout = q.weight.shape
    sh, sw = attrs["strides"]
    oh, ow = out_hw
    if (
        attrs["multiplier"] != 1
        or (cout % 4 != 0 and cout < ODD_GROUPED_MIN)
        or kh != kw
        or kh not in (3, 5)
        or sh != sw
        or sh not in (1, 2)
        or tuple(attrs["dilation"]) != (1, 1)
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
        or (ow - 1) * sw + kw > PITCH
        or not _few_enough(oh, ow, kh, sh, cout, any(attrs["pads"]))
    ):
        return None
    return group_records(q, zp_in, zp_out)
