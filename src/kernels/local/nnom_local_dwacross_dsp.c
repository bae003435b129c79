/*
 * nnom_local_dwacross_dsp.c - depthwise layers of one row of k taps (no s
 * term, no clamp) whose lines along the taps have fewer outputs than there
 * are lines ((1, 5) s2 48x8x124: 4 outputs on each of 48 lines). The
 * one-row loop (dw_col_asm) runs them line by line, a call or two per line
 * and group plus copies of the border rows: 5.87 instructions per MAC
 * there. Here the outputs at one place along the taps, across every line,
 * are one run of nnom_dwcol_s8 (n = the lines, xp = the line step): the
 * inside places on the input with the group's records (the converter's
 * where it gave them, then every group in one call), a border place on the
 * input too, with records of its valid taps only (the padded ones add
 * nothing). A group whose requantisation does not suit the records runs
 * in C (across_plain) and the others stay on the loop.
 */
#include "nnom_local_dwacross.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwgroup.h"

/* words of a group's records for k taps (nnom_local_dwcol.h) */
#define ACROSS_WORDS(k) (4 + 4 * ((k) / 2) + 2 * ((k) & 1) + 12)

/* Group c, every output in C: any requantisation. */
static NNOM_NOINLINE void across_plain(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                                       int32_t c)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t zp = a->p.input_zp, xl = v->s * v->xb;
    for (int32_t i = c; i < c + 4; i++) {
        const nnom_rq_t r = nnom_rq_of(a->rq.mult[i], a->rq.shift[i], a->p.output_zp);
        for (int32_t o = 0; o < u->out; o++) {
            const int32_t u0 = o * u->s - u->pad;
            int32_t k0, k1;
            taps(u0, u->in, u->k, 1, &k0, &k1);
            const int8_t *x = a->input + i + (u0 + k0) * u->xb, *w = a->weight + i + k0 * t->oc;
            int8_t *out = a->output + i + o * u->ob;
            for (int32_t ov = 0; ov < v->out; ov++, x += xl, out += v->ob) {
                int32_t acc = a->bias[i];
                for (int32_t k = 0; k < k1 - k0; k++)
                    acc += (x[k * u->xb] - zp) * w[k * t->oc];
                *out = nnom_rq_apply(acc, r, a->p.act_min, a->p.act_max);
            }
        }
    }
}

int dw_across_try(const dw_ctx_t *t)
{
    const nnom_conv_args_t *a = t->a;
    dw_axis_t u, v;
    int32_t lo, hi;
    /* dw3_asm's four outputs per pass cost less on its lines (known before
     * the axes' divisions; dw_across_asks() told the taps' axis) */
    const int32_t s = t->kw == 1 ? t->sh : t->sw, uo = t->kw == 1 ? t->oh : t->ow;
    if (t->kh * t->kw == 3 && s == 1 &&
        dw3_line(uo, t->kw == 1 ? t->pt : t->pl, t->kw == 1 ? t->ih : t->iw))
        return 0;
    if (dw_axes(t, &u, &v, &lo, &hi) != 0 || t->kh * t->kw != u.k || !dw_col_axes(&u, &v))
        return 0;
    const int32_t k = u.k;
    /* a call per place here against one per line there where every group
     * runs in one call (no border), else per line and group with border
     * copies */
    const int border = lo > 0 || hi < u.out;
    if (u.out > (border ? NNOM_DW_ACROSS_RATIO : 1) * v.out ||
        (border && v.out < NNOM_DW_ACROSS_LINES))
        return 0;
    /* the converter's records in this loop's layout, exact or scaled (not
     * the odd-tagged ones of other loops; dw3's, of three taps at stride
     * 1, are only on the lines refused above: dw3_line's, and one line of
     * 2+ outputs) */
    const int32_t *given = (t->oc % 4 == 0 || !nnom_dw_odd_flat(a)) && a->records != NULL &&
                                   nnom_dwcol_given(a->records)
                               ? a->records
                               : NULL;
    /* the scaled ones after their tag: the inside places' loop (the border
     * places build exact records of their valid taps) */
    const int sc = given != NULL && given[0] == NNOM_DWCOL_SC_TAG;
    void (*const loop)(const nnom_dwcol_job_t *) = sc ? nnom_dwcol_sc_s8 : nnom_dwcol_s8;
    int32_t inrec[ACROSS_WORDS(DW_MAX_TAPS)], edge[ACROSS_WORDS(DW_MAX_TAPS)];
    nnom_dwcol_job_t j = {NULL, NULL, NULL, v.out, u.xb, v.s * v.xb, v.ob, k / 2, k & 1, 1};
    /* with the converter's records: each inside place for every whole
     * group in one call, the overlapping last one (its records after
     * theirs) in another */
    const int all = given != NULL;
    for (int32_t o = lo; o < hi && all; o++) {
        const int32_t x0 = (o * u.s - u.pad) * u.xb, o0 = o * u.ob;
        j.groups = t->oc / 4;
        j.rec = given + sc;
        j.x = a->input + x0;
        j.out = a->output + o0;
        loop(&j);
        if (t->oc % 4 != 0) {
            j.groups = 1;
            j.rec = given + sc + t->oc / 4 * nnom_dwcol_words(k, sc);
            j.x = a->input + x0 + t->oc - 4;
            j.out = a->output + o0 + t->oc - 4;
            loop(&j);
        }
    }
    j.groups = 1;
    if (all && !border)
        return 1;
    for (int32_t c = 0; c < t->oc; c = dw_next_group(c, t->oc)) {
        const int32_t *inside = given != NULL ? given + (c + 3) / 4 * ACROSS_WORDS(k) : inrec;
        if (given == NULL && !dwcol_records(t, c, 0, k, inrec)) {
            across_plain(t, &u, &v, c);
            continue;
        }
        for (int32_t o = 0; o < u.out; o++) {
            const int32_t u0 = o * u.s - u.pad;
            int32_t k0 = 0, k1 = k;
            if (o >= lo && o < hi) {
                if (all)
                    continue;
                j.rec = inside;
            } else { /* its valid taps only (fewer: the records suit as the whole one's) */
                taps(u0, u.in, k, 1, &k0, &k1);
                (void)dwcol_records(t, c, k0, k1 - k0, edge);
                j.rec = edge;
            }
            j.x = a->input + c + (u0 + k0) * u.xb;
            j.out = a->output + c + o * u.ob;
            j.pairs = (k1 - k0) / 2;
            j.odd = (k1 - k0) & 1;
            nnom_dwcol_s8(&j);
        }
    }
    return 1;
}
#else
typedef int nnom_local_dwacross_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
