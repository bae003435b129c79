/*
 * nnom_local_dwline_dsp.c - one padded line of k >= 4 taps at stride 1
 * or 2 (see nnom_local_dwline.h; stride 2: the run's outputs two rows
 * apart): the line's rows with the padding (the input
 * zero point, which the records' bias takes off) copied once, then every
 * whole group in one call of nnom_dwcol_s8 on one run of the line's
 * outputs, and the one to three channels past a multiple of four as
 * dw_col_inside takes them (tiny lanes first, or the overlapping last
 * group after). Against dw_col_asm (border runs on copies of their rows,
 * its set-up and the dispatcher's tries before it) or dw_few's padded
 * chunks: (7,1) s1 12x1x13 same, (1,4) s1 1x7x51 same; at stride 2
 * against dw_col_asm or dw_few: (4,1) s2 4x1x113 same, (1,5) s2 1x41x17
 * same.
 */
#include "nnom_local_dwline.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <string.h>

#include "nnom_local_dw3line.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dwcol.h"

/* A line's geometry along its taps: down (a (k,1) kernel) or across */
typedef struct {
    int down;
    int32_t k, in, out, pad, s;
} dw_line_t;

NNOM_INLINE dw_line_t dw_line_of(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    return (dw_line_t){down,
                       down ? a->k.h : a->k.w,
                       down ? a->in.h : a->in.w,
                       down ? a->out.h : a->out.w,
                       down ? p->pad_top : p->pad_left,
                       down ? p->stride_h : p->stride_w};
}

int nnom_dw_line_try(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const dw_line_t g = dw_line_of(a);
    const int down = g.down;
    const int32_t k = g.k, in = g.in, out = g.out, pad = g.pad, s = g.s;
    const int32_t ic = a->in.c, oc = a->out.c, rest = oc % 4, span = (out - 1) * s + k;
    /* one line of input and output, 8+ channels; padded along the taps
     * (unpadded lines: dw_col_inside), no dilation, the records'
     * requantisation (output zero point -128, no clamp), the copy within
     * its bytes, the rows it reaches partly on the input */
    if ((down ? a->in.w != 1 || a->out.w != 1 : a->in.h != 1 || a->out.h != 1) || (oc < 8 && oc != 4) ||
        pad <= 0 || pad >= k || (down ? p->dilation_h : p->dilation_w) != 1 ||
        a->ch_mult != 1 || oc != ic || p->output_zp != -128 || p->act_min != -128 ||
        p->act_max != 127 || span * ic > NNOM_DWLINE_COPY || span - pad <= 0 || in < 1 ||
        (rest != 0 && nnom_dw_odd_flat(a)))
        return 0;
    nnom_dw_line_run(a);
    return 1;
}

void nnom_dw_line_run(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const dw_line_t g = dw_line_of(a);
    const int32_t k = g.k, in = g.in, out = g.out, pad = g.pad, s = g.s;
    const int32_t ic = a->in.c, oc = a->out.c, rest = oc % 4, span = (out - 1) * s + k;
    uint32_t copy[NNOM_DWLINE_COPY / 4 + 2]; /* (+2: the fill's first and last words) */
    const int32_t y1 = span - pad < in ? span - pad : in; /* rows [0, y1) of the input */
    /* by words, the input's first byte word-aligned (memcpy and memset
     * cost ~1 instruction a byte on rows not word-aligned) */
    const int8_t *e = nnom_dw3_line_fill(copy, a->input, pad * ic, y1 * ic, span * ic,
                                         ((uint32_t)p->input_zp & 0xFFu) * 0x01010101u);
    if (nnom_dwcol_alone_asks(a) && a->records[0] == NNOM_DWCOL_SC_TAG && nnom_dwcol_one_lines(a, e))
        return; /* one or two channels past a multiple of four, alone */
    /* the one to three channels past a multiple of four: one lane each on
     * the tiny loops where dw_col_inside's rule takes them (written first:
     * other bytes than the groups'), else the overlapping last group */
    const int lanes =
        rest != 0 && nnom_dwcol_lanes_pay(out, rest) && nnom_dw_tiny_rest(a, oc - rest);
    nnom_dwcol_job_t j = {e, a->output, a->records, out, ic, s * ic, oc, k / 2, k & 1, oc / 4};
    const int last = rest != 0 && !lanes;
    if (a->records[0] == NNOM_DWCOL_SC_TAG) { /* the scaled records after the tag */
        j.rec++;
        nnom_dwcol_lines(&j, e, a->output, 1, 0, 0, oc, last, 1);
    } else {
        nnom_dwcol_lines(&j, e, a->output, 1, 0, 0, oc, last, 0);
    }
}

int nnom_dw_line_tag_asks(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const dw_line_t g = dw_line_of(a);
    const int down = g.down;
    const int32_t k = g.k, in = g.in, out = g.out, pad = g.pad, s = g.s;
    const int32_t ic = a->in.c, oc = a->out.c, span = (out - 1) * s + k;
    /* nnom_dw_line_try's rule (nnom_dw_line_rule's and the try's), no
     * channel past a multiple of four */
    if (a->records == NULL || a->records[0] != NNOM_DWLINE_TAG || (a->k.h != 1 && a->k.w != 1) ||
        k < 4 || (down ? a->in.w != 1 || a->out.w != 1 : a->in.h != 1 || a->out.h != 1) ||
        (oc & 3) != 0 || oc < 4 || pad <= 0 || pad >= k || p->stride_h > 2 || p->stride_w > 2 ||
        ((p->stride_h | p->stride_w) != 1 && a->in.h * a->in.w * ic > NNOM_DWLINE_COPY) ||
        (down ? p->dilation_h : p->dilation_w) != 1 ||
        a->ch_mult != 1 || oc != ic || p->output_zp != -128 || p->act_min != -128 ||
        p->act_max != 127 || span * ic > NNOM_DWLINE_COPY || span - pad <= 0 || in < 1)
        return 0;
    const int32_t y1 = span - pad < in ? span - pad : in;
    const int32_t *h = a->records;
    /* every head word against the layer's, the differences or-ed */
    uint32_t d = (uint32_t)(h[1] ^ pad * ic) | (uint32_t)(h[2] ^ y1 * ic) |
                 (uint32_t)(h[3] ^ span * ic) | (uint32_t)(h[4] ^ out) | (uint32_t)(h[5] ^ ic);
    d |= (uint32_t)(h[6] ^ s * ic) | (uint32_t)(h[7] ^ oc) | (uint32_t)(h[8] ^ (k >> 1));
    d |= (uint32_t)(h[9] ^ (k & 1)) | (uint32_t)(h[10] ^ (oc >> 2));
    d |= (uint32_t)(h[11] ^ (out < (oc >> 2) && (k >> 1) <= NNOM_DWCOL_CM_PAIRS));
    return d == 0;
}

/* The kept run on the records h, input x, output o and the input's zero
 * point: all it reads (the direct type's run passes the config's block) */
NNOM_INLINE void line_tag(const int32_t *h, const int8_t *x, int8_t *o, int32_t zp)
{
    uint32_t copy[NNOM_DWLINE_COPY / 4 + 2]; /* (+2: the fill's first and last words) */
    nnom_dwcol_job_t j;
    j.x = nnom_dw3_line_fill(copy, x, h[1], h[2], h[3], ((uint32_t)zp & 0xFFu) * 0x01010101u);
    j.out = o;
    j.rec = h + NNOM_DWLINE_HEAD;
    memcpy(&j.n, h + 4, 7 * sizeof(int32_t)); /* n, xs, xp, op, pairs, odd, groups */
    (h[11] ? nnom_dwcol_cmsc_s8 : nnom_dwcol_sc_s8)(&j);
}

void nnom_dw_line_tag_run(const nnom_conv_args_t *a)
{
    line_tag(a->records, a->input, a->output, a->p.input_zp);
}

nnom_status_t nnom_dw_line_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output)
{
    line_tag(block->records, input, output, block->p.input_zp);
    return NN_SUCCESS;
}
#else
typedef int nnom_local_dwline_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
