/*
 * nnom_local_dw3s2v.h - three taps at stride 2 on one short 'valid' line
 * ((3, 1) or (1, 3)) of two to seven outputs (5 to 16 rows), whole groups
 * of four channels: the converter's records after their tag, straight to
 * nnom_dw3_s2v_b_s8 (two outputs, nnom_local_dw3s2v_dsp.c), to
 * nnom_dw3_s2b_s8's loop (three: nnom_dw3_s2bv_b_s8), or to passes of two
 * (four to seven: nnom_dw3_s2vp_b_s8, nnom_dw3_s2vn_b_s8). Without them
 * such a line took the generic path ((3,1) s2 5x1x8 valid: 601
 * instructions, 7x1x8 valid 695) or dw3s2l (9x1x8 valid 654).
 */
#ifndef NNOM_LOCAL_DW3S2V_H
#define NNOM_LOCAL_DW3S2V_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The first word of that line's records (nnom/ops/dwcol_records.py's
 * dw3_s2_valid; odd: none of the other records' tags), then, two, four or
 * six outputs, six words a channel (NNOM_DW3S2V_REC): (2 w0, 2 w1),
 * (2 w2, 0) halfwords, the bias 2 (bias - zp (w0 + w1 + w2)), mult, ra, e
 * as nnom_dw3_s8's; three outputs, nnom_dw3_s2b_s8's eight: (2 w0, 2 w1),
 * (2 w2, 0), the bias three times, mult, ra, e; five or seven, the six
 * words, then the eight. */
#define NNOM_DW3S2V_TAG 37
#define NNOM_DW3S2V_REC 6

/* The layer is such a line (asked at model build, or at the first run at
 * -Os): c equal channels, a multiple of four, 4+; one line of n = 5 to 16
 * input pixels along the taps at stride 2, undilated, unpadded, (n - 1) / 2
 * outputs. The kernels read the rows up to 2 (n - 1) / 2 and write those
 * outputs: a header whose records name them on another layer is refused,
 * not run outside its buffers. */
NNOM_INLINE int nnom_dw3s2v_asks(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.h == 3;
    const int32_t n = a->in.h * a->in.w;
    const int32_t s = down ? p->stride_h : p->stride_w, d = down ? p->dilation_h : p->dilation_w;
    const int32_t pad = down ? p->pad_top : p->pad_left, across = down ? a->in.w : a->in.h;
    return a->out.c == a->in.c && a->in.c >= 4 && (a->in.c & 3) == 0 &&
           (uint32_t)(n - 5) <= 11u && a->out.h * a->out.w == (n - 1) >> 1 && across == 1 &&
           s == 2 && d == 1 && pad == 0;
}

/* That line (block the layer's arguments: its in.c and records read at
 * NNOM_DW3A_C and NNOM_DW3A_OUT + 4; x its rows c apart, out its two). */
void nnom_dw3_s2v_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* pairs passes of it on records rec of c channels, each 2 c output bytes
 * and 4 c rows on (a longer line's pairs of outputs). */
void nnom_dw3_s2vp_s8(const int32_t *rec, const int8_t *x, int8_t *out, int32_t c,
                      int32_t pairs);
/* Four or six outputs (9, 10, 13 or 14 rows): nnom_dw3_s2vp_s8's pairs;
 * five or seven (11, 12, 15, 16 rows): those but the last three, then
 * nnom_dw3_s2b_s8 on its records after the pairs'. */
void nnom_dw3_s2vp_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dw3_s2vn_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
/* The line of three (nnom_local_dw3sh_dsp.c). */
void nnom_dw3_s2bv_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
#endif

#endif
