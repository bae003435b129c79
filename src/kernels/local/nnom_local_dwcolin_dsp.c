/*
 * nnom_local_dwcolin_dsp.c - depthwise layers of one row of k taps whose
 * every window lies inside the input ('valid' along the taps) with the
 * converter's records (-O2 on cores with NNOM_LOCAL_MAC_ASM): the course
 * dw_col_asm takes there (all whole groups in one call per line, the
 * overlapping last group in another, or lanes of the tiny loops) without
 * its set-up for border rows and chunks, nor the axes before it: ~330
 * instructions less a layer, a share on small ones ((1,5) s2 1x9x86
 * valid, 1,290 MACs: 4.07 -> 3.81 per MAC).
 */
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dw_odd.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwconv.h"
#include "nnom_local_dwline.h"

int dw_col_inside(const dw_ctx_t *t)
{
    const nnom_conv_args_t *a = t->a;
    /* the usual refusals first: padding (the dispatcher's test too),
     * other records, none */
    if ((t->pt | t->pl) != 0 || a->records == NULL || (a->records[0] & 1) != 0)
        return 0;
    const int down = t->kw == 1; /* u: along the taps (dw_down's for one row) */
    const int32_t k = down ? t->kh : t->kw, s = down ? t->sh : t->sw, oc = t->oc;
    const int32_t in = down ? t->ih : t->iw, out = down ? t->oh : t->ow;
    /* dw_col_try's and dw_col_axes' rules, none padded along u (lo = 0, hi
     * = out), dw3_asm's three taps at stride 1 left to it */
    const int32_t rest = oc % 4;
    if ((rest != 0 && nnom_dw_odd_flat(a)) || (t->kh != 1 && !down) || k < 2 ||
        (k == 3 && s == 1) || (down ? t->dh : t->dw) != 1 || in < 2 || out < 1 ||
        (out - 1) * s + k > in || a->p.output_zp != -128 || a->p.act_min != -128 ||
        a->p.act_max != 127 || oc < 4)
        return 0;
    /* the one to three channels past a multiple of four: one lane each on
     * the tiny loops where dw_col_asm takes them (written first: other
     * bytes than the groups'), else the overlapping last group */
    const int lanes =
        rest != 0 && out * (4 - rest) >= 18 * rest && nnom_dw_tiny_rest(a, oc - rest);
    const int32_t xb = down ? t->iw * t->ic : t->ic, ob = down ? t->ow * oc : oc;
    const int32_t lines = down ? t->ow : t->oh, lx = down ? t->sw * t->ic : t->sh * t->iw * t->ic;
    const int32_t lo = down ? oc : t->ow * oc;
    nnom_dwcol_job_t j = {NULL, NULL, a->records, out, xb, s * xb, ob, k / 2, k & 1, oc / 4};
    nnom_dwcol_lines(&j, a->input, a->output, lines, lx, lo, oc, rest != 0 && !lanes, 0);
    return 1;
}

/* The same course from the arguments alone, before the dispatcher's other
 * tries and dw_ctx_t's stores (nnom_dw_col_early_asks() told one row of
 * 4+ taps, unpadded, 8+ channels, the records' form): the lines a call
 * each where dw_across_try would not take them (more outputs along the
 * taps than lines) or their one output (one call either way). The
 * layers whose one or two channels past a multiple of four go alone are
 * nnom_dwcol_one_early's (their records' tag, read by the dispatcher). */
int nnom_dw_col_early(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w, s = down ? p->stride_h : p->stride_w;
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    const int32_t lines = down ? a->out.w : a->out.h, oc = a->out.c, rest = oc % 4;
    if ((out - 1) * s + k > in ||
        (down ? p->dilation_h : p->dilation_w) != 1 || a->ch_mult != 1 || oc != a->in.c ||
        (rest != 0 && nnom_dw_odd_flat(a)))
        return 0;
    const int lanes =
        rest != 0 && nnom_dwcol_lanes_pay(out, rest) && nnom_dw_tiny_rest(a, oc - rest);
    const int32_t xb = down ? a->in.w * oc : oc, ob = down ? a->out.w * oc : oc;
    const int32_t lx = down ? p->stride_w * oc : p->stride_h * a->in.w * oc;
    const int32_t lo = down ? oc : a->out.w * oc;
    nnom_dwcol_job_t j = {NULL, NULL, a->records, out, xb, s * xb, ob, k / 2, k & 1, oc / 4};
    const int last = rest != 0 && !lanes;
    if (a->records[0] == NNOM_DWCOL_SC_TAG) { /* the scaled records after the tag */
        j.rec++;
        nnom_dwcol_lines(&j, a->input, a->output, lines, lx, lo, oc, last, 1);
    } else {
        nnom_dwcol_lines(&j, a->input, a->output, lines, lx, lo, oc, last, 0);
    }
    return 1;
}
#else
typedef int nnom_local_dwcolin_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
