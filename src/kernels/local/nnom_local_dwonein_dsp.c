/*
 * nnom_local_dwonein_dsp.c - depthwise layers of one output pixel whose
 * window starts at the input's first pixel but is not the whole input
 * (one 'valid' output inside a larger input: (7,7) s2 on 8x8, (5,5) s2
 * on 6x6), or lies over one or two pixels (a (k,1) 'same' window on a
 * single pixel). The taps over the input, rows in.w pixels apart, are one
 * line of the input's memory when the columns past the window count as
 * taps of weight 0: (rows - 1) in.w + cols taps, C bytes apart, which
 * the one-row loop runs for every group in one call (DW_ONE's course; the
 * window and few-output paths paid ~270-4,000 a layer of set-up). Only on
 * the converter's tag-43 records (nnom/ops/dwone_records.py
 * dwone_in_records), asked at build: DepthwiseConv2D's direct type
 * NNOM_DW_DIRECT_ONE_IN then calls nnom_dwone_in_b_s8 on the block, or
 * for one tap on whole groups NNOM_DW_DIRECT_ONE_IN1 nnom_dwone_in1_b_s8.
 */
#include "nnom_local_dwone.h"
#include <stddef.h>
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

/* (every build: the records' length check, nnom_local_records.c, counts
 * the records' words on it too) */
int32_t nnom_dwone_in_taps(const nnom_conv_args_t *a)
{
    /* the window's rows and columns over the input (it starts at pixel 0) */
    const int32_t rh = a->k.h - a->p.pad_top, rw = a->k.w - a->p.pad_left;
    const int32_t rows = rh < a->in.h ? rh : a->in.h, cols = rw < a->in.w ? rw : a->in.w;
    if (a->out.h != 1 || a->out.w != 1 || a->p.pad_top < 0 || a->p.pad_left < 0 || rows < 1 ||
        cols < 1 || a->p.dilation_h != 1 || a->p.dilation_w != 1)
        return 0;
    return (rows - 1) * a->in.w + cols;
}

#if NNOM_LOCAL_MAC_ASM

int nnom_dwone_in_holds(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c;
    if (a->records == NULL || a->records[0] != NNOM_DWONE_IN_TAG)
        return 0;
    const int32_t taps = nnom_dwone_in_taps(a);
    /* the header's taps are the layer's: a tampered count is refused */
    return taps >= 1 && taps <= NNOM_DWCOL_LONG_TAPS && a->records[1] == taps &&
           a->ch_mult == 1 && a->in.c == c && c >= 4 && a->p.output_zp == -128 &&
           a->p.act_min == -128 && a->p.act_max == 127 && (c % 4 == 0 || !nnom_dw_odd_flat(a));
}

/* The kernel reads in.c and the records from the block. */
void nnom_dwone_in_b_s8(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    nnom_dwone_groups(x, out, b->records + 2, b->in.c, b->records[1]);
}

/* Lines past the one-row loop's NNOM_DW_GROUP_MAX_TAPS ((7,7) over 8x8:
 * 55 taps) on its longer text, the whole groups in one call, then the
 * overlapping last one on its records after theirs. */
void nnom_dwone_inl_b_s8(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    const int32_t c = b->in.c, taps = b->records[1];
    const int32_t *rec = b->records + 2;
    nnom_dwcol_job_t j = {x, out, rec, 1, c, 0, c, taps / 2, taps & 1, c / 4};
    nnom_dwcol_long_s8(&j);
    if (c % 4 != 0) {
        j.x = x + c - 4;
        j.out = out + c - 4;
        j.rec = rec + c / 4 * nnom_dwcol_words(taps, 0);
        j.groups = 1;
        nnom_dwcol_long_s8(&j);
    }
}

/* The block kernel reads in.c and the records there. */
typedef char nnom_dwone_in_args_layout_t[offsetof(nnom_conv_args_t, in.c) == 48 &&
                                                 offsetof(nnom_conv_args_t, records) == 108
                                             ? 1
                                             : -1];

/* nnom_dwone_in1_b_s8(block r0, x r1, out r2): one tap a channel (a single
 * pixel under the window), channels a multiple of four, on tag 43's
 * records past the header: a group the bias LDM, the four inputs' word,
 * the tap's (2 w0, 2 w2), (2 w1, 2 w3) by LDRD, four SMLAxx, two lanes
 * requantised by one LDM of six words, the pack and store: 29 a group
 * against the one-row loop's ~40 and its ~30 of set-up. r3 the outputs' end. */
__asm__(NNOM_ASM_FUNC("nnom_dwone_in1_b_s8")
        "push   {r4-r11, lr}\n"
        "ldr    r3, [r0, #48]\n"
        "ldr    r0, [r0, #108]\n"
        "adds   r0, r0, #8\n"
        "add    r3, r3, r2\n"
        ".Ldwonein1:\n"
        "ldm    r0!, {r4-r7}\n"
        "ldr    r8, [r1], #4\n"
        "ldrd   r9, r10, [r0], #8\n"
        "sxtb16 lr, r8\n"
        "smlabb r4, lr, r9, r4\n"
        "smlatt r6, lr, r9, r6\n"
        "sxtb16 lr, r8, ror #8\n"
        "smlabb r5, lr, r10, r5\n"
        "smlatt r7, lr, r10, r7\n"
        NNOM_DWCOL_RQ2_AT("r0", "r4", "r5")
        "bfi    r4, r5, #8, #8\n"
        NNOM_DWCOL_RQ2_AT("r0", "r6", "r7")
        "bfi    r4, r6, #16, #8\n"
        "bfi    r4, r7, #24, #8\n"
        "str    r4, [r2], #4\n"
        "cmp    r2, r3\n"
        "bne    .Ldwonein1\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwone_in1_b_s8, .-nnom_dwone_in1_b_s8\n"
        ".text\n");

#else
typedef int nnom_local_dwonein_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
