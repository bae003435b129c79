/*
 * nnom_local_dwone_dsp.c - depthwise layers of one output pixel whose
 * window holds the whole input (3x3 valid on 3x3, 3x3 at stride 2 on 2x2):
 * the taps over the input lie one pixel (C bytes) apart in memory, so the
 * layer is one window of in.h * in.w taps along a line, which the one-row
 * assembly loop runs for every group of four channels in one call. The
 * window and group paths spent ~100 instructions per group on its set-up,
 * copy and call for 36 MACs. Only with the converter's records
 * (nnom/ops/dwone_records.py: the taps over the input, row-major, in
 * nnom_local_dwcol.h's layout), which it writes only where this runs.
 * Channels not a multiple of four (at least NNOM_DW_ODD_GROUPED): a second
 * call for the overlapping last group.
 */
#include "nnom_local_dwone.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

int nnom_dwone_holds(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, taps = a->in.h * a->in.w;
    if (a->records != NULL && (a->records[0] & 1))
        return 0; /* odd: nnom_dwone4_try's records (3 or 4 taps) */
    /* the window's reach first: it refuses most of the layers asked */
    return !(a->p.pad_top + a->in.h > a->k.h || a->p.pad_left + a->in.w > a->k.w ||
             a->records == NULL || a->out.h != 1 || a->out.w != 1 || a->ch_mult != 1 ||
             a->in.c != c || taps < 3 || taps > NNOM_DW_GROUP_MAX_TAPS || a->p.pad_top < 0 ||
             a->p.pad_left < 0 || a->p.dilation_h != 1 || a->p.dilation_w != 1 ||
             a->p.output_zp != -128 || a->p.act_min != -128 || a->p.act_max != 127 ||
             (c % 4 != 0 && nnom_dw_odd_flat(a)));
}

/* The layer on the block's records, in.c, in.h and in.w (its rule held) */
void nnom_dwone_b_s8(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    const int32_t c = b->in.c, taps = b->in.h * b->in.w;
    const nnom_dwcol_job_t j = {x, out, b->records, 1, c, 0, c, taps / 2, taps & 1, c / 4};
    nnom_dwcol_run(&j, 0);
    if (c % 4 != 0) { /* the overlapping last group, its records after the others' */
        const int32_t words = 4 + 4 * (taps / 2) + 2 * (taps & 1) + 12;
        const nnom_dwcol_job_t last = {x + c - 4, out + c - 4, b->records + c / 4 * words,
                                       1,         c,           0,
                                       c,         taps / 2,    taps & 1,
                                       1};
        nnom_dwcol_s8(&last);
    }
}

int nnom_dwone_try(const nnom_conv_args_t *a)
{
    if (!nnom_dwone_holds(a))
        return 0;
    nnom_dwone_b_s8(a, a->input, a->output);
    return 1;
}

#else
typedef int nnom_local_dwone_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
