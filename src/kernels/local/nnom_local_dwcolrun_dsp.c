/*
 * nnom_local_dwcolrun_dsp.c - depthwise layers of one row of k taps
 * without the s term and the clamp in the assembly loops (-O2 on DSP
 * cores with NNOM_LOCAL_MAC_ASM): nnom_dwcol_s8 (dw_col_asm: records per
 * group, border outputs on copies of their rows) and, for 3-tap runs at
 * stride 1 on lines of at least DW3_MIN_OUT outputs, nnom_dw3_s8 (dw3_asm:
 * four outputs per pass, likewise).
 */
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include "nnom_local_dw3.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dwacross.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwgroup.h"

/* Group c's records for nnom_dwcol_s8 (nnom_local_dwcol.h), the k taps
 * from tap k0 along u, oc bytes apart in the weights; 0 where a channel
 * does not suit its requantisation (groups_fit()'s check without
 * branches, on the values the records read anyway). */
int dwcol_records(const dw_ctx_t *t, int32_t c, int32_t k0, int32_t k, int32_t *rec)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t oc = t->oc;
    const int8_t *w = a->weight + c + k0 * oc;
    const int16x2_t off = nnom_offset2(a->p.input_zp); /* -zp in each halfword */
    int32_t b0 = 2 * a->bias[c], b1 = 2 * a->bias[c + 1], b2 = 2 * a->bias[c + 2];
    int32_t b3 = 2 * a->bias[c + 3];
    int32_t *p = rec + 4;
    for (int32_t j = k >> 1; j > 0; j--, p += 4, w += 2 * oc) {
        const uint32_t w0 = nnom_read4(w), w1 = nnom_read4(w + oc);
        const uint32_t l = dw_pkhbt(w0, w1), h = dw_pkhtb(w1, w0);
        const int16x2_t le = __sxtb16((int8x4_t)l), lo = nnom_sxtb16_odd(l);
        const int16x2_t he = __sxtb16((int8x4_t)h), ho = nnom_sxtb16_odd(h);
        const int16x2_t r0 = __sadd16(le, le), r1 = __sadd16(lo, lo);
        const int16x2_t r2 = __sadd16(he, he), r3 = __sadd16(ho, ho);
        p[0] = (int32_t)r0;
        p[1] = (int32_t)r1;
        p[2] = (int32_t)r2;
        p[3] = (int32_t)r3;
        b0 = __smlad(r0, off, b0);
        b1 = __smlad(r1, off, b1);
        b2 = __smlad(r2, off, b2);
        b3 = __smlad(r3, off, b3);
    }
    if (k & 1) { /* (w0, w2) and (w1, w3) of the last tap's word */
        const uint32_t u = nnom_read4(w);
        const int16x2_t e = __sxtb16((int8x4_t)u), o = nnom_sxtb16_odd(u);
        const int16x2_t e2 = __sadd16(e, e), o2 = __sadd16(o, o);
        p[0] = (int32_t)e2;
        p[1] = (int32_t)o2;
        b0 = __smlabb(e2, off, b0);
        b2 = __smlatt(e2, off, b2);
        b1 = __smlabb(o2, off, b1);
        b3 = __smlatt(o2, off, b3);
        p += 2;
    }
    rec[0] = b0;
    rec[1] = b1;
    rec[2] = b2;
    rec[3] = b3;
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1);
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(k * 255 * 128) - 1u;
    uint32_t bad = 0; /* sign set: a channel out of the form's range */
    for (int i = 0; i < 4; i++, p += 3) {
        const uint32_t m = (uint32_t)a->rq.mult[c + i], b = (uint32_t)a->bias[c + i];
        const uint32_t x = (uint32_t)-2 - (uint32_t)a->rq.shift[c + i]; /* 0 to 21 */
        bad |= nnom_rq_unfit(a->rq.mult[c + i], a->rq.shift[c + i]) | (reach - b) | (reach + b);
        p[0] = (int32_t)m;
        p[1] = (int32_t)(zp2 << ((x + 1u) & 31u)); /* e - 1 = x + 1 */
        p[2] = (int32_t)(x + 2u);
    }
    return (bad >> 31) == 0;
}

/* Rows of the border windows' copies of one group: fewer than 2 k (the
 * windows of the border outputs start less than k rows before the input,
 * or end less than k after it, see dw_col_axes). */
#define DW_EDGE_ROWS (2 * DW_MAX_TAPS)
/* Bytes of the copies: where every line's border rows of all channels fit,
 * they are copied once per layer (not per group and line). dw_col_asm's
 * stack stays within dw_groups', which it does not add to. */
#define DW_EDGE_BYTES 768
/* With the converter's records and sixteen channels or more, where one
 * call a run runs every group, the copies of up to this many bytes (the
 * stack's deepest chains are ~4 KB elsewhere, docs/kernel-log.md): the
 * call per group and line they save costs more than their memcpy ((6,1)
 * s1 9x1x123 same) */
#define DW_EDGE_MANY_BYTES 2048
/* Words of the copies' and records' room: the rows, then the records */
#define DW_EDGE_WORDS (DW_EDGE_BYTES / 4 + 4 + 4 * (DW_MAX_TAPS / 2 + 1) + 12)

/* rows of four channels from row y0 of column x (input rows u->xb bytes
 * apart), the input zero point outside it */
NNOM_INLINE void dwcol_edge(const dw_axis_t *u, const int8_t *x, int32_t y0, int32_t rows,
                            uint32_t zp4, uint32_t *e)
{
    const int32_t y1 = y0 + rows, in0 = y1 < 0 ? y1 : 0, in1 = y1 < u->in ? y1 : u->in;
    const uint32_t *const end = e + rows;
    for (int32_t y = y0; y < in0; y++)
        *e++ = zp4;
    const int32_t first = y0 > 0 ? y0 : 0, xb = u->xb;
    if (first < in1)
        for (const int8_t *r = x + first * xb, *stop = x + in1 * xb; r != stop; r += xb)
            *e++ = nnom_read4(r);
    while (e != end)
        *e++ = zp4;
}

/* n rows from row y along u of one line x into e, all ic channels (ic
 * bytes a row): the input zero point outside the input; the rows inside
 * by one copy where they lie back to back (u->xb == ic), else row by row */
static NNOM_NOINLINE int8_t *dwcol_span(const dw_axis_t *u, const int8_t *x, int32_t y, int32_t n, size_t ic,
                          int8_t zp, int8_t *e)
{
    if (n <= 0)
        return e;
    int32_t y0 = y < 0 ? 0 : y, y1 = y + n < u->in ? y + n : u->in;
    y0 = y0 < y + n ? y0 : y + n; /* [y0, y1) inside, maybe empty */
    y1 = y1 > y0 ? y1 : y0;
    const size_t before = (size_t)(y0 - y) * ic;
    memset(e, zp, before);
    e += before;
    if ((size_t)u->xb == ic) {
        memcpy(e, x + y0 * u->xb, (size_t)(y1 - y0) * ic);
        e += (size_t)(y1 - y0) * ic;
    } else
        for (int32_t r = y0; r < y1; r++, e += ic)
            memcpy(e, x + r * u->xb, ic);
    const size_t after = (size_t)(y + n - y1) * ic;
    memset(e, zp, after);
    return e + after;
}

/* Every line's border rows, all ic channels (ic bytes a row): per line
 * across v, ntop rows from -pad, then nbot rows from ybot; the input zero
 * point outside the input. */
static void dwcol_edges(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v, int32_t ntop,
                        int32_t nbot, int32_t ybot, int8_t *e)
{
    const int8_t *x = t->a->input;
    const size_t ic = (size_t)t->ic;
    const int8_t zp = (int8_t)t->a->p.input_zp;
    for (int32_t ov = 0; ov < v->out; ov++, x += v->s * v->xb) {
        e = dwcol_span(u, x, -u->pad, ntop, ic, zp, e);
        e = dwcol_span(u, x, ybot, nbot, ic, zp, e);
    }
}

/* Channels [c, c + w) (w a multiple of four) of every line's border rows
 * as whole words into e, rows w bytes apart: per line across v, ntop rows
 * from -pad, then nbot rows from ybot; the input zero point (zp4 in each
 * byte) outside the input. */
static void dwcol_chunk(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v, int32_t ntop,
                        int32_t nbot, int32_t ybot, int32_t c, int32_t w, uint32_t zp4,
                        uint32_t *e)
{
    const int8_t *x = t->a->input + c;
    for (int32_t ov = 0; ov < v->out; ov++, x += v->s * v->xb)
        for (int32_t y = -u->pad, n = ntop, part = 0; part < 2; part++, y = ybot, n = nbot)
            for (const int32_t stop = y + n; y < stop; y++) {
                const uint32_t *const end = e + w / 4;
                if (y < 0 || y >= u->in)
                    while (e != end)
                        *e++ = zp4;
                else
                    for (const int8_t *r = x + y * u->xb; e != end; r += 4)
                        *e++ = nnom_read4(r);
            }
}

/* dw_col_asm's layer with the converter's records where the border rows
 * of every channel do not fit its copy (rows, room bytes): the rows of
 * span channels (whole groups, 16 or more) at a time, each chunk's groups
 * in one call per run (inside, top, bottom, or the one call of both
 * borders), the overlapping last group a chunk of its own; channels
 * [0, end). ((7,1) s2 19x1x83 same: 21 groups of three calls, each with
 * copies of its own, before.) */
static NNOM_NOINLINE int dwcol_chunks(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                                      int32_t lo, int32_t hi, const int32_t *given,
                                      int32_t span, int32_t end, uint32_t *rows)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t k = u->k, s = u->s;
    const int32_t ntop = lo > 0 ? (lo - 1) * s + k : 0;
    const int32_t nbot = u->out > hi ? (u->out - 1 - hi) * s + k : 0, ybot = hi * s - u->pad;
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    const int both = lo == 1 && u->out - hi == 1;
    const int32_t words = 4 + 4 * (k / 2) + 2 * (k & 1) + 12; /* a group's */
    const int32_t whole4 = end & ~3;
    nnom_dwcol_job_t in = {NULL, NULL, NULL, hi - lo, u->xb, s * u->xb, u->ob, k / 2, k & 1, 1};
    for (int32_t c0 = 0, c1; c0 < end; c0 = c1) {
        const int last = c0 >= whole4; /* the overlapping group */
        c1 = last ? end : whole4 - c0 > span ? c0 + span : whole4;
        c0 = last ? end - 4 : c0;
        const int32_t w = c1 - c0, lb = (ntop + nbot) * w; /* bytes a row, a line */
        dwcol_chunk(t, u, v, ntop, nbot, ybot, c0, w, zp4, rows);
        const int32_t *r = given + (c0 + 3) / 4 * words;
        nnom_dwcol_job_t edge = {NULL, NULL, r, 0, w, s * w, u->ob, k / 2, k & 1, w / 4};
        nnom_dwcol_job_t two = {NULL, NULL, r, 2, w, ntop * w, hi * u->ob, k / 2, k & 1, w / 4};
        in.rec = r;
        in.groups = w / 4;
        for (int32_t ov = 0; ov < v->out; ov++) {
            const int8_t *x = a->input + c0 + ov * v->s * v->xb;
            const int8_t *top = (const int8_t *)rows + ov * lb;
            int8_t *out = a->output + c0 + ov * v->ob;
            in.x = x + (lo * s - u->pad) * u->xb;
            in.out = out + lo * u->ob;
            nnom_dwcol_s8(&in);
            if (both) { /* one border output each side: one call, rows of both */
                two.x = top;
                two.out = out;
                nnom_dwcol_s8(&two);
                continue;
            }
            if (ntop > 0) {
                edge.x = top;
                edge.out = out;
                edge.n = lo;
                nnom_dwcol_s8(&edge);
            }
            if (nbot > 0) {
                edge.x = top + ntop * w;
                edge.out = out + hi * u->ob;
                edge.n = u->out - hi;
                nnom_dwcol_s8(&edge);
            }
        }
    }
    return 1;
}

/* A layer of one row of k taps along u (dw_col_axes; no s term, no clamp,
 * some outputs inside the input along u): group by group and line by
 * line, the inside outputs by nnom_dwcol_s8 on the input, the border ones
 * on copies of the rows they reach (zero point outside the input, which
 * the records' bias takes off like any input): of every line and channel
 * once where they fit DW_EDGE_BYTES (with the converter's records also
 * the records' room), else with the records per chunk of groups
 * (dwcol_chunks), else per group and line; with the records and every
 * channel's copies, all groups in one call per run. 0 where the copies
 * would not fit or a group's
 * requantisation does not suit (the groups before it written; the
 * fallback rewrites them). */
NNOM_NOINLINE int dw_col_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                             int32_t lo, int32_t hi)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t k = u->k, s = u->s;
    const int32_t ntop = lo > 0 ? (lo - 1) * s + k : 0;
    const int32_t nbot = u->out > hi ? (u->out - 1 - hi) * s + k : 0, ybot = hi * s - u->pad;
    if (ntop > DW_EDGE_ROWS || nbot > DW_EDGE_ROWS)
        return 0;
    /* the top border's rows, then the bottom one's; then the group's
     * records, or more rows where the converter gave the records (checked
     * there; channels a multiple of four or NNOM_DW_ODD_GROUPED on) */
    uint32_t rows[DW_EDGE_MANY_BYTES / 4 > DW_EDGE_WORDS ? DW_EDGE_MANY_BYTES / 4 : DW_EDGE_WORDS];
    int32_t *const rec = (int32_t *)rows + DW_EDGE_BYTES / 4;
    const int32_t *given = (t->oc % 4 == 0 || !nnom_dw_odd_flat(a)) && a->records != NULL &&
                                   (a->records[0] & 1) == 0
                               ? a->records
                               : NULL; /* (odd: nnom_local_dwpair.h's) */
    const int32_t room = given == NULL ? DW_EDGE_BYTES
                         : t->oc >= 16 ? (int32_t)sizeof rows
                                       : DW_EDGE_WORDS * 4;
    const int32_t line = (ntop + nbot) * t->ic; /* bytes of a line's rows in the whole copy */
    const int whole = line == 0 || v->out <= room / line;
    const int32_t xs = whole ? t->ic : 4; /* between the copied rows */
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    nnom_dwcol_job_t edge = {NULL, NULL, rec, 0, xs, s * xs, u->ob, k / 2, k & 1, 1};
    nnom_dwcol_job_t in = {NULL, NULL, rec, hi - lo, u->xb, s * u->xb, u->ob, k / 2, k & 1, 1};
    const int both = lo == 1 && u->out - hi == 1 && (whole || ntop + nbot <= DW_EDGE_ROWS);
    nnom_dwcol_job_t two = {NULL, NULL, rec, 2, xs, ntop * xs, hi * u->ob, k / 2, k & 1, 1};
    if (whole && line > 0) /* (valid along the taps: nothing to copy) */
        dwcol_edges(t, u, v, ntop, nbot, ybot, (int8_t *)rows);
    const int32_t words = 4 + 4 * (k / 2) + 2 * (k & 1) + 12; /* a group's */
    /* with them and the rows copied for every channel: all groups in one
     * call per run (the group after c + 4 (all - 1) is the end) */
    const int32_t all = given != NULL && whole ? t->oc / 4 : 1;
    /* the one to three channels past a multiple of four one lane each
     * where the tiny loops take them (written first: other channels' bytes
     * than the groups'), else the overlapping last group. A lane there
     * costs ~250 instructions of set-up (its records, its line's copy) and
     * ~20 an output, the group ~80 an output: lanes on lines of 6 outputs
     * or more for one, 18 for two, 54 for three (M4: (1,5) s1 1x17x33
     * valid 8838 -> 8498, (1,6) s2 1x20x34 same with two lanes on 10
     * outputs 8696 -> 8818) */
    const int32_t rest = t->oc % 4;
    const int32_t end = rest != 0 && u->out * (4 - rest) >= 18 * rest &&
                                nnom_dw_tiny_rest(a, t->oc - rest)
                            ? t->oc - rest
                            : t->oc;
    if (!whole && given != NULL) { /* as many groups' rows as fit at a time */
        const int32_t span = room / ((ntop + nbot) * v->out) & ~3;
        if (span >= 16)
            return dwcol_chunks(t, u, v, lo, hi, given, span, end, rows);
    }
    in.groups = edge.groups = two.groups = all;
    for (int32_t c = 0; c < end; c = dw_next_group(c + 4 * (all - 1), end)) {
        if (c % 4 != 0) /* the overlapping last group alone, its records after the others' */
            in.groups = edge.groups = two.groups = 1;
        const int32_t *r = given != NULL ? given + (c + 3) / 4 * words : rec;
        if (given == NULL && !dwcol_records(t, c, 0, k, rec))
            return 0; /* the fallback rewrites the groups before c too */
        in.rec = edge.rec = two.rec = r;
        for (int32_t ov = 0; ov < v->out; ov++) {
            const int8_t *x = a->input + c + ov * v->s * v->xb;
            const int8_t *top = (const int8_t *)rows + (whole ? ov * line + c : 0);
            int8_t *out = a->output + c + ov * v->ob;
            in.x = x + (lo * s - u->pad) * u->xb;
            in.out = out + lo * u->ob;
            nnom_dwcol_s8(&in);
            if (both) { /* one border output each side: one call, rows of both */
                if (!whole) {
                    dwcol_edge(u, x, -u->pad, ntop, zp4, rows);
                    dwcol_edge(u, x, ybot, nbot, zp4, rows + ntop);
                }
                two.x = top;
                two.out = out;
                nnom_dwcol_s8(&two);
                continue;
            }
            if (ntop > 0) {
                if (!whole)
                    dwcol_edge(u, x, -u->pad, ntop, zp4, rows);
                edge.x = top;
                edge.out = out;
                edge.n = lo;
                nnom_dwcol_s8(&edge);
            }
            if (nbot > 0) {
                if (!whole)
                    dwcol_edge(u, x, ybot, nbot, zp4, rows);
                edge.x = whole ? top + ntop * xs : top;
                edge.out = out + hi * u->ob;
                edge.n = u->out - hi;
                nnom_dwcol_s8(&edge);
            }
        }
    }
    return 1;
}

/* n (4 to 6) rows of four channels from x (rows xb bytes apart) into e */
NNOM_INLINE void dw3_rows(uint32_t *e, const int8_t *x, int32_t xb, int32_t n)
{
    e[0] = nnom_read4(x);
    e[1] = nnom_read4(x + xb);
    e[2] = nnom_read4(x + 2 * xb);
    e[3] = nnom_read4(x + 3 * xb);
    if (n > 4)
        e[4] = nnom_read4(x + 4 * xb);
    if (n > 5)
        e[5] = nnom_read4(x + 5 * xb);
}
/* The runs' places: inside (xi, oi), top (xt, ot), bottom (xb, ob), those
 * there are, in that order */
NNOM_INLINE void dw3_place(nnom_dw3_run_t *r, int in, int top, int bot, const int8_t *xi,
                           int8_t *oi, const int8_t *xt, int8_t *ot, const int8_t *xb,
                           int8_t *ob)
{
    if (in) {
        r->x = xi;
        r->out = oi;
        r++;
    }
    if (top) {
        r->x = xt;
        r->out = ot;
        r++;
    }
    if (bot) {
        r->x = xb;
        r->out = ob;
    }
}
/* Bytes of the border rows' copies of every line and channel (12 rows of
 * 96 channels): where they fit, and the converter gave the records, all
 * groups run in one call per line */
#define DW3_EDGE_BYTES 1152
/* Bytes of one line's rows, all channels, copied line by line where the
 * whole layer's do not fit DW3_EDGE_BYTES (the stack's deepest chains are
 * ~4 KB elsewhere, docs/kernel-log.md) */
#define DW3_LINE_BYTES 2048
/* Runs of one call at most, where lines go several a call */
#define DW3_BATCH 24

/* Where a line's runs go: its input x, copy e and output out, the runs'
 * offsets from them, the steps to the next line, which runs there are
 * (dw3_place's) */
typedef struct {
    const int8_t *x, *e;
    int8_t *out;
    int32_t xin, oin, ebot, obot, vx, vo, ve, lines;
    int in, top, bot;
} dw3_lines_t;

/* p's lines of count runs each (runs: their n, xs, op) in calls of up to
 * DW3_BATCH runs, the last channels past a multiple of four (nnom_dw3p_s8
 * on the overlapping last group), then the whole groups of oc channels: a
 * call's group steps instead of a call and its groups per line ((3,1) s1
 * 6x36x34 valid 4.28 -> 4.18) */
static NNOM_NOINLINE void dw3_batched(const int32_t *given, const nnom_dw3_run_t *runs,
                                     int32_t count, int32_t oc, const dw3_lines_t *p)
{
    nnom_dw3_run_t many[DW3_BATCH];
    const int32_t lines = p->lines, last = oc - 4, batch = DW3_BATCH / count;
    for (int32_t i = 0; i < batch * count; i++) { /* the runs' n, xs, op */
        many[i].n = runs[i % count].n;
        many[i].xs = runs[i % count].xs;
        many[i].op = runs[i % count].op;
    }
    for (int32_t l = 0; l < lines; l += batch) {
        const int32_t n = lines - l < batch ? lines - l : batch;
        for (int32_t part = oc % 4 != 0 ? 0 : 1; part < 2; part++) { /* the rest, the groups */
            const int32_t c = part == 0 ? last : 0;
            const int8_t *x = p->x + l * p->vx + c, *e = p->e + l * p->ve + c;
            int8_t *out = p->out + l * p->vo + c;
            for (int32_t j = 0; j < n; j++, x += p->vx, out += p->vo, e += p->ve)
                dw3_place(many + j * count, p->in, p->top, p->bot, x + p->xin, out + p->oin, e,
                          out, e + p->ebot, out + p->obot);
            if (part == 1)
                nnom_dw3_s8(given, many, n * count, oc / 4);
            else
                nnom_dw3p_s8(given + c * NNOM_DW3_REC, many, n * count, 4 - oc % 4);
        }
    }
}

/* Line by line (along u, across v), its rows copied into copy (the
 * input zero point outside the input), then one run (run: its n, xs, op)
 * for the channels past a multiple of four (nnom_dw3p_s8) and one for the
 * whole groups of oc channels (dw3_asm's per_line) */
static NNOM_NOINLINE void dw3_lined(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                                    const int32_t *given, nnom_dw3_run_t *run, int32_t oc,
                                    int8_t *copy)
{
    const int32_t last = oc - 4, vx = v->s * v->xb;
    const int8_t *x = t->a->input;
    int8_t *out = t->a->output;
    for (int32_t l = 0; l < v->out; l++, x += vx, out += v->ob) {
        (void)dwcol_span(u, x, -u->pad, u->out + 2, (size_t)t->ic, (int8_t)t->a->p.input_zp,
                         copy);
        if (oc % 4 != 0) {
            run->x = copy + last;
            run->out = out + last;
            nnom_dw3p_s8(given + last * NNOM_DW3_REC, run, 1, 4 - oc % 4);
        }
        run->x = copy;
        run->out = out;
        nnom_dw3_s8(given, run, 1, oc / 4);
    }
}

/* A layer of one row of three taps at stride 1 along u (dw_col_axes, no s
 * term, no clamp, lines of DW3_MIN_OUT outputs or more): group by group
 * and line by line one call of nnom_dw3_s8 with up to three runs: the
 * outputs [4, out - 4) on the input (all of them where no window leaves
 * the input on that side), and the four outputs at either end on copies
 * of the six rows they reach (the input zero point outside the input,
 * which the bias takes off). 0 where a group's requantisation does not
 * suit (the groups before it written; the fallback rewrites them). */
/* Five channels with the converter's records, every window inside, op ==
 * xs: line by line the group of four (nnom_dw3_s8), then the fifth alone
 * (nnom_dw3c1_s8, ~8.5 instructions an output, where the overlapping
 * group's nnom_dw3p_s8 took ~17 and the tiny rest ~20 and its set-up:
 * (3,1) s1 48x2x5 valid 6209 -> 4787) */
static NNOM_NOINLINE int dw3_five(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v)
{
    const int32_t *given = t->a->records, vx = v->s * v->xb;
    const int8_t *x = t->a->input;
    int8_t *out = t->a->output;
    for (int32_t ov = v->out; ov > 0; ov--, x += vx, out += v->ob) {
        nnom_dw3_run_t run = {x, out, u->out, u->xb, u->ob};
        nnom_dw3_s8(given, &run, 1, 1);
        run.x = x + 4; /* (nnom_dw3_s8 leaves the run as it was for one group) */
        run.out = out + 4;
        nnom_dw3c1_s8(given + 4 * NNOM_DW3_REC, &run);
    }
    return 1;
}

NNOM_NOINLINE int dw3_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                          int32_t lo, int32_t hi)
{
    const nnom_conv_args_t *a = t->a;
    if (t->oc == 5 && a->records != NULL && lo == 0 && hi == u->out && u->xb == u->ob)
        return dw3_five(t, u, v);
    int32_t rec[4 * NNOM_DW3_REC];
    const nnom_dw3_layer_t layer = {a->weight,
                                    a->bias,
                                    a->rq.mult,
                                    a->rq.shift,
                                    t->oc,
                                    (uint32_t)nnom_offset2(a->p.input_zp),
                                    (uint32_t)(2 * a->p.output_zp + 1)};
    uint32_t rows[2][6]; /* the rows of the first four outputs, of the last four */
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    /* outputs [m0, m1) on the input (u->pad <= 2 border outputs each side);
     * fewer than four of them run as the four ending at m1 */
    const int32_t m0 = lo > 0 ? 4 : 0, m1 = hi < u->out ? u->out - 4 : u->out;
    const int32_t n = m1 - m0 < 4 ? 4 : m1 - m0, first = m1 - n;
    /* the copies' rows inside the input: from row 0 into rows[0] + pad;
     * from row m1 - pad into rows[1] (the others keep the zero point) */
    const int32_t ntop = 6 - u->pad, ybot = m1 - u->pad;
    const int32_t nbot = u->in - ybot < 6 ? u->in - ybot : 6;
    for (int i = 0; i < 6; i++)
        rows[0][i] = rows[1][i] = zp4;
    /* the runs: inside, top, bottom (those there are), in that order; per
     * line their input and output offsets */
    const int in = m1 > m0, top = m0 > 0, bot = m1 < u->out, pad = u->pad;
    const int32_t xb = u->xb, xin = (first - pad) * xb, oin = first * u->ob;
    const int32_t xbot = ybot * xb, obot = m1 * u->ob, vx = v->s * v->xb, vo = v->ob;
    /* the converter's records (checked there; per channel, so the last
     * group of channels not a multiple of four reads its own), or the
     * group's built here. With them, where they fit DW3_EDGE_BYTES, rows
     * of every line and channel are copied once and every whole group
     * runs in one call per line (the channels past a multiple of four in
     * a call of nnom_dw3p_s8 before it): on short lines all the rows
     * the line reaches (one run), else the border rows */
    const int32_t *given = a->records;
    /* one channel past a multiple of four one lane (the tiny loops: ~250
     * instructions of set-up and ~20 an output against ~15 an output of
     * nnom_dw3p_s8's one channel, whose calls the layer's modes may add) on
     * layers of 64 outputs or more ((3,1) s1 40x1x9 same 4948 -> 4808 with
     * nnom_dw3p_s8, 49x3x13 same 20971 -> 21388); the groups then end at
     * oc - 1 */
    const int32_t oc = t->oc % 4 == 1 && t->oc > 4 && u->out * v->out >= 64 &&
                               nnom_dw_tiny_rest(a, t->oc - 1)
                           ? t->oc - 1
                           : t->oc;
    /* in one call only where there are no copies, or they are one block
     * a line and there are four groups or more (row by row, or for fewer
     * groups, the copies' memcpy and memset cost more than the calls
     * saved: (3,1) s1 49x3x13 same 4.02 -> 3.73, (1,3) s1 12x12x8 same
     * 5.00 -> 4.32); channels not a multiple of four: two whole groups or
     * more */
    const int one_call = given != NULL && (oc % 4 == 0 || oc >= 8) &&
                         (!(top || bot) || (u->xb == t->ic && oc >= 16));
    uint32_t edges[DW3_LINE_BYTES / 4];
    const int all = one_call && (top || bot) && v->out * (u->out + 2) * t->ic <= DW3_EDGE_BYTES;
    /* where the layer's rows do not fit but a line's do, with sixteen
     * channels or more: the line's rows copied before its call, one run
     * (the copy's memcpy, a line or, rows apart, a row, costs less than
     * the two border runs, their rows and a call per group it saves: (1,3)
     * s1 41x12x62 same, (3,1) s1 14x10x70 same; rows apart only where a
     * line has at most half as many rows as channels: (3,1) s1 42x18x18
     * same 3.79 -> 4.49 with a copy a row) */
    const int per_line = !all && given != NULL && oc >= 16 && (top || bot) &&
                         (u->out + 2) * t->ic <= DW3_LINE_BYTES &&
                         (u->xb == t->ic || 2 * (u->out + 2) <= oc);
    const int one = all || per_line; /* one run a line, on the line's copy */
    const int32_t nt = one ? u->out + 2 : top ? 6 : 0, nb = one || !bot ? 0 : 6;
    const int32_t line = (nt + nb) * t->ic;
    const int whole = !per_line && one_call && v->out * line <= DW3_EDGE_BYTES;
    const int32_t es = whole || per_line ? t->ic : 4; /* between the copied rows */
    nnom_dw3_run_t runs[3];
    int32_t count = 0;
    if (one)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, u->out, es, u->ob};
    if (in && !one)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, n, xb, u->ob};
    if (top && !one)
        runs[count++] = (nnom_dw3_run_t){(const int8_t *)rows[0], NULL, 4, es, u->ob};
    if (bot && !one)
        runs[count++] = (nnom_dw3_run_t){(const int8_t *)rows[1], NULL, 4, es, u->ob};
    if (whole || per_line) {
        if (whole && line > 0)
            dwcol_edges(t, u, v, nt, nb, ybot, (int8_t *)edges);
        const int8_t *x = a->input, *e = (const int8_t *)edges;
        int8_t *out = a->output;
        const int32_t last = oc - 4; /* the overlapping last group's first channel */
        const int32_t step = whole ? line : 0; /* per_line: each line's copy in place */
        if (!per_line && v->out > 1 && count <= DW3_BATCH / 2) {
            const dw3_lines_t p = {x,  e,    out,    xin,        oin,        nt * t->ic,
                                   obot, vx, vo, step, v->out, in && !one, top || one,
                                   bot && !one};
            dw3_batched(given, runs, count, oc, &p);
            return 1;
        }
        if (per_line) {
            dw3_lined(t, u, v, given, runs, oc, (int8_t *)edges);
            return 1;
        }
        for (int32_t ov = v->out; ov > 0; ov--, x += vx, out += vo, e += step) {
            if (oc % 4 != 0) { /* (first: nnom_dw3p_s8) */
                dw3_place(runs, in && !one, top || one, bot && !one, x + xin + last,
                          out + oin + last, e + last, out + last, e + nt * t->ic + last,
                          out + obot + last);
                nnom_dw3p_s8(given + last * NNOM_DW3_REC, runs, count, 4 - oc % 4);
            }
            dw3_place(runs, in && !one, top || one, bot && !one, x + xin, out + oin, e, out,
                      e + nt * t->ic, out + obot);
            nnom_dw3_s8(given, runs, count, oc / 4);
        }
        return 1;
    }
    /* the channels past a multiple of four first (nnom_dw3p_s8 on the
     * overlapping last group), then the whole groups */
    for (int32_t g = oc % 4 != 0 ? -1 : 0; g < oc / 4; g++) {
        const int32_t c = g < 0 ? oc - 4 : 4 * g;
        const int32_t *gr = given != NULL ? given + c * NNOM_DW3_REC : rec;
        void (*const run)(const int32_t *, nnom_dw3_run_t *, int32_t, int32_t) =
            g < 0 ? nnom_dw3p_s8 : nnom_dw3_s8;
        const int32_t arg = g < 0 ? 4 - oc % 4 : 1; /* skip, groups */
        if (given == NULL && !nnom_dw3_records(&layer, c, rec))
            return 0; /* the fallback rewrites the groups before c too */
        const int8_t *x = a->input + c;
        int8_t *out = a->output + c;
        for (int32_t ov = v->out; ov > 0; ov--, x += vx, out += vo) {
            nnom_dw3_run_t *r = runs;
            if (in) {
                r->x = x + xin;
                r->out = out + oin;
                r++;
            }
            if (top) {
                dw3_rows(rows[0] + pad, x, xb, ntop);
                r->out = out;
                r++;
            }
            if (bot) {
                dw3_rows(rows[1], x + xbot, xb, nbot);
                r->out = out + obot;
            }
            run(gr, runs, count, arg);
        }
    }
    return 1;
}
#else
typedef int nnom_local_dwcolrun_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
