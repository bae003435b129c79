/*
 * nnom_local_dw3line.h - three taps at stride 1 on long lines ((3, 1),
 * (1, 3) kernels, 8+ channels, the converter's records): straight to
 * dw_col_try's course (dw3_asm) from the dispatcher's start, past the
 * tries that refuse such layers (-O2 with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW3LINE_H
#define NNOM_LOCAL_DW3LINE_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dw_few.h"
#include "nnom_local_dwacross.h"

/* A (3, 1) or (1, 3) layer none of the dispatcher's tries before
 * dw_col_try takes: records of the one-row loop (even first word), 8+
 * channels (not the tiny, flat or odd-flat paths) or one line of 5-7,
 * multiplier 1, stride 1
 * along the taps, more than NNOM_DW_FEW_OUT outputs a line (not dw_few)
 * and more than NNOM_DW_ACROSS_RATIO times the lines (not dw_across), or
 * one line of four, five or 8+ channels, or of six and seven on 4+
 * outputs (short ones copied, dw3_line_short). */
NNOM_INLINE int nnom_dw3_line_asks(const nnom_conv_args_t *a)
{
    const int down = a->k.w == 1;
    const int32_t uo = down ? a->out.h : a->out.w, vo = down ? a->out.w : a->out.h;
    return (a->records[0] & 1) == 0 && a->ch_mult == 1 && a->out.c == a->in.c &&
           (a->out.c >= 8 || (a->out.c >= 4 && vo == 1)) &&
           (down ? a->p.stride_h : a->p.stride_w) == 1 &&
           ((uo > NNOM_DW_FEW_OUT && uo > NNOM_DW_ACROSS_RATIO * vo) ||
            (vo == 1 && (a->out.c >= 8 || a->out.c == 4 || uo >= 4 || a->out.c == 5) &&
             uo >= 2));
}

/* Bytes of a line's copy (DW3_EDGE_BYTES of nnom_local_dwcolrun_dsp.c:
 * where dw3_asm copies one line whole) */
#define NNOM_DW3LINE_COPY 1152

/* The records' int32 words it reads: nnom_dw3_s8's seven a channel (no
 * head; for the records' length check at build) */
NNOM_INLINE int32_t nnom_dw3_line_b_records_words(const nnom_conv_args_t *a)
{
    return 7 * a->in.c;
}
/* DW_THREE_L (asked at build, nnom_local_dwconv_s8_step): a layer
 * nnom_dw3_line_asks takes that is one line of 4 to 7 channels (one
 * group: the fifth channel or the overlapping group as dw3_line_one runs
 * them), stride 1, undilated, no clamp (nnom_dw3_line_try's mode 0),
 * 'valid' (n outputs, n + 2 rows) or 'same' (n rows padded by one, the
 * copy within NNOM_DW3LINE_COPY); 2+ outputs on four channels and on
 * five's 'same' lines (the copy: nnom_dw3c1_s8's reads in it), else 4+
 * (nnom_dw3p_s8's passes). nnom_dw3_line_b_s8 runs it from the
 * block: its records NNOM_DW3_REC words a channel, their first even. */
NNOM_INLINE int nnom_dw3_line_b_asks(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t c = a->in.c, n = down ? a->out.h : a->out.w, in = down ? a->in.h : a->in.w;
    const int32_t pad = down ? p->pad_top : p->pad_left;
    /* (the records' length: the generic check takes their least layout) */
    return nnom_dw3_line_asks(a) && a->k.h * a->k.w == 3 && c >= 4 && c <= 7 &&
           a->records_len >= nnom_dw3_line_b_records_words(a) &&
           (c == 4 || (c == 5 && pad == 1) ? n >= 2 : n >= 4) &&
           (down ? a->in.w : a->in.h) == 1 && (down ? a->out.w : a->out.h) == 1 &&
           (down ? p->dilation_h : p->dilation_w) == 1 &&
           (pad == 0 ? n == in - 2 : pad == 1 && n == in && (n + 2) * c <= NNOM_DW3LINE_COPY) &&
           p->act_min >= p->output_zp && p->act_min <= -128 && p->act_max >= 127;
}
void nnom_dw3_line_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
/* its four channels' 'same' line alone (the direct type's) */
void nnom_dw3_line4s_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);

/* A padded line's copy by words into buf (span + 8 bytes): z zp bytes,
 * then n >= 4 bytes of x, then the zp word z4 up to span (3 bytes past it
 * at most); the copy starts 0 to 3 bytes into buf so that its first input
 * byte is word-aligned (returned: the copy's start). */
int8_t *nnom_dw3_line_fill(uint32_t *buf, const int8_t *x, int32_t z, int32_t n, int32_t span,
                           uint32_t z4);

/* One short 'same' line of n = 2 to 4 outputs (nnom_local_dw3sh_dsp.c):
 * rec the layer's nnom_dw3_s8 records, x the line's n rows c apart (c >= 8
 * channels, the output's rows c apart too), zp the input zero point. The
 * field offsets are the assembly's. */
typedef struct {
    const int32_t *rec;
    const int8_t *x;
    int8_t *out;
    int32_t c, zp;
} nnom_dw3_short_t;
void nnom_dw3_short_s8(const nnom_dw3_short_t *l, int32_t n);
/* One 'valid' line of n = 2 to 4 outputs on n + 2 rows, or one 'same'
 * line of n = 5 or 6 outputs (n rows). */
void nnom_dw3_valid_s8(const nnom_dw3_short_t *l, int32_t n);

/* The converter's records of one 'same' line of three outputs at stride 2
 * on five rows, 8+ channels, no clamp (nnom/ops/dwcol_records.py's
 * dw3_s2_short): this first word, then eight words a channel (odd: none
 * of dw3s2's 1, dw3s2l's 3, the tiny loops' 5, dwrect's 7, the pair
 * plan's 9, the scaled records' 11). */
#define NNOM_DW3Q_TAG 13
/* That line (nnom_local_dw3sh_dsp.c): rec the channels' records, x its
 * five rows c apart, out its three rows c apart. */
void nnom_dw3_s2_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
/* The same on six rows, no top pad, the bottom one padded (first word
 * NNOM_DW3E_TAG: odd, after NNOM_DW3Q_TAG). */
#define NNOM_DW3E_TAG 15
void nnom_dw3_s2e_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
/* One 'same' line of four outputs at stride 2 on seven rows (first word
 * NNOM_DW3F_TAG, nine words a channel) and on eight rows, no top pad, the
 * bottom one padded (NNOM_DW3G_TAG): the tags after NNOM_DW3E_TAG, so
 * that tag t's line is 5 + (t - NNOM_DW3Q_TAG) / 2 rows. */
#define NNOM_DW3F_TAG 17
void nnom_dw3_s2f_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
#define NNOM_DW3G_TAG 19
void nnom_dw3_s2g_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
/* One 'same' line of six outputs at stride 2 on eleven rows (first word
 * NNOM_DW3H_TAG) or twelve, no top pad (NNOM_DW3I_TAG): its first three
 * outputs by nnom_dw3_s2a_s8 (rows 0-5, the top one padded) or
 * nnom_dw3_s2b_s8 (rows 0-6), eight words a channel, then its last three
 * by nnom_dw3_s2e_s8 on its records after those (rows 5-10, 6-11). */
#define NNOM_DW3H_TAG 21
#define NNOM_DW3I_TAG 23
void nnom_dw3_s2a_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
void nnom_dw3_s2b_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c);
/* The buffers those records' kernels reach are the layer's (asked at the
 * first run only): c channels on three output pixels and five or six
 * input pixels (NNOM_DW3Q_TAG, NNOM_DW3E_TAG), four on seven or eight
 * (NNOM_DW3F_TAG, NNOM_DW3G_TAG), six on 11 or 12 (NNOM_DW3H_TAG,
 * NNOM_DW3I_TAG), so that a header whose records say
 * otherwise is refused, not run outside its buffers. (The stride and pads
 * are the converter's, not asked again: a few instructions on small
 * layers.) */
NNOM_INLINE int nnom_dw3_s2q_asks(const nnom_conv_args_t *a)
{
    static const uint8_t lines[] = {5, 6, 7, 8, 11, 12}; /* by (tag - NNOM_DW3Q_TAG) / 2 */
    const int32_t rows = lines[(a->records[0] - NNOM_DW3Q_TAG) >> 1];
    return a->out.c == a->in.c && a->in.c >= 8 && a->out.h * a->out.w == (rows + 1) >> 1 &&
           a->in.h * a->in.w == rows;
}

/* The converter's records of one line of three taps at stride 1 that
 * nnom_dw3_short_s8 or nnom_dw3_valid_s8 runs ('same' of 2 to 6 outputs,
 * 'valid' of 2 to 4, 8+ channels, no clamp; nnom/ops/dwcol_records.py's
 * dw3_rows_tagged): this first word, then nnom_dw3_s8's records (a 'same'
 * line of two: (w0, w1), b1, (w1, w2), b0, mult, ra, e, the padded tap's
 * input zero point in b0 and b1, for nnom_dw3_short_a_s8's loop), so that
 * the dispatcher calls the kernel without nnom_dw3_line_asks and
 * nnom_dw3_line_try's tests (~55 instructions of a layer of 96-240 MACs;
 * odd: after the stride-2 lines' 13 to 23). */
#define NNOM_DW3S_TAG 25
/* The layer is such a line (asked at model build, or at the first run at
 * -Os): c equal channels, four or 8+ (one group: no overlapping one),
 * one line of n = 2 to 6 input pixels along
 * the taps at stride 1, undilated, n outputs padded by one or n - 2 of 4+
 * unpadded. (Tampered records that name it on another layer, e.g. a
 * stride-2 line's, are refused, not run as this line.) */
NNOM_INLINE int nnom_dw3s_asks(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.h == 3;
    const int32_t n = a->in.h * a->in.w, o = a->out.h * a->out.w;
    const int32_t s = down ? p->stride_h : p->stride_w, d = down ? p->dilation_h : p->dilation_w;
    const int32_t pad = down ? p->pad_top : p->pad_left, across = down ? a->in.w : a->in.h;
    return a->out.c == a->in.c && (a->in.c >= 8 || a->in.c == 4) && (uint32_t)(n - 2) <= 4u &&
           (o == n || (o == n - 2 && n >= 4)) && across == 1 && s == 1 && d == 1 &&
           pad == (o == n);
}
/* Those kernels on n outputs straight from the layer's arguments a (its
 * input, output, in.c, input zero point and records after the tag, read
 * at these offsets, checked in nnom_local_dw3sh_dsp.c): no struct built
 * (a kept run ~20 instructions less). */
#define NNOM_DW3A_ZP 0
#define NNOM_DW3A_C 48
#define NNOM_DW3A_X 80
#define NNOM_DW3A_OUT 104 /* then the records */
#define NNOM_DW3A_OH 64   /* out.h, out.w: nnom_dw3_valid_b_s8's n */
#define NNOM_DW3A_OW 68
void nnom_dw3_short_a_s8(const nnom_conv_args_t *a, int32_t n);
void nnom_dw3_valid_a_s8(const nnom_conv_args_t *a, int32_t n);
/* That line's kernel: 'same' of 2 to 4 outputs nnom_dw3_short_a_s8 (1),
 * the others nnom_dw3_valid_a_s8 (0). */
NNOM_INLINE int nnom_dw3s_short(const nnom_conv_args_t *a)
{
    const int32_t o = a->out.h * a->out.w;
    return o <= 4 && o == a->in.h * a->in.w;
}

/* 1 when done (dw_col_try's answer); 0: the dispatcher goes on. */
#define nnom_dw3_line_try nnom_dw3_line_try
int nnom_dw3_line_try(const nnom_conv_args_t *a);
#endif

#endif
