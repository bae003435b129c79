/*
 * nnom_local_dwgroup_dsp.c - the depthwise group path (DSP cores).
 *
 * With DSP, channels a multiple of four and at most DW_MAX_TAPS taps (-Os
 * too: the CMSIS-NN backend picks this path over CMSIS-NN's, see
 * nnom_local_dwconv_s8_scratch()), the loops turn round (the group path):
 * per group of four channels the weights are widened and doubled once (two
 * halfword pairs per tap, on the stack) and the requantisation constants
 * derived once; then line by line (along the width, or down the height for
 * (k, 1) kernels and, at -O2, where the height has more outputs) the
 * outputs whose window lies inside the input run in loops of their own
 * (dw_in3, dw_in1, dw_pairs3). At -O2 the border outputs run the same loops
 * on a window moved into the input, against weights with zero taps on
 * either side of each kernel row (dw_edge: one call per border run), and
 * the lines with all their rows of taps in the input go in one call per
 * group (dw_runs); a whole group is one call for 3x3 layers of at most 8
 * input lines or, at stride 2, 8 output lines (dw_plane3: windows moved
 * along both axes, placed from a table per layer) and for layers of
 * one row of taps (dw_col); 3x3 at stride 1 on larger layers go two
 * outputs per step (dw_pairs33). -Os takes the border outputs tap by tap.
 * At -O2 2D windows of rows other than three taps (5x5 among them) run
 * dw_ink: the window's rows in a loop, one requantisation after them.
 * With NNOM_LOCAL_MAC_ASM, layers of one row of k taps (but 3-tap runs at
 * stride 1) without the s term and the clamp run nnom_dwcol_s8 instead
 * (dw_col_asm: records per group, border outputs on copies of their rows);
 * 3-tap runs at stride 1 on lines of at least DW3_MIN_OUT outputs run
 * nnom_dw3_s8 (dw3_asm: four outputs per pass, likewise).
 * Per output: the four sums requantised by SMMLAR and a shift (see
 * dw_group_t), saturated, packed by BFI and stored as one word.
 *
 * This file: the group set-up, the lines (dw_line, dw_runs), the layer
 * (dw_groups) and the choice of the assembly loops (dw_col_try). The loops
 * are in nnom_local_dwin_dsp.c, nnom_local_dwpairs_dsp.c,
 * nnom_local_dwplane_dsp.c and nnom_local_dwcolrun_dsp.c, their shared
 * parts in nnom_local_dwgroup.h.
 */
#include "nnom_local_dwgroup.h"

#if NNOM_LOCAL_DSP
/* acc += the taps of rows x cols from x and w (any cols). */
#define DW_TAPS(x, w, rows, cols)                                                              \
    do {                                                                                       \
        const int8_t *xr_ = (x);                                                               \
        const int16x2_t *wr_ = (w);                                                            \
        for (int32_t ky_ = (rows); ky_ > 0; ky_--, xr_ += l->xr, wr_ += l->wr) {               \
            const int8_t *xq_ = xr_;                                                           \
            const int16x2_t *wq_ = wr_;                                                        \
            for (int32_t kx_ = (cols); kx_ > 0; kx_--, xq_ += xs, wq_ += 2)                     \
                DW_TAP(xq_, wq_);                                                              \
        }                                                                                      \
    } while (0)

#if defined(__OPTIMIZE_SIZE__)
static NNOM_NOINLINE void dw_in3(const dw_group_t *g, const int8_t *x, const int16x2_t *w,
                                 int8_t *out, int32_t n, int32_t rows, int mode)
{
    dw_in3_mode(g, x, w, out, n, rows, mode, g->xp, 0);
}
#else
static void dw_in3(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out,
                   int32_t n, int32_t rows, int mode, int32_t xp, int32_t wp,
                   const dw_lines_t *ls)
{
    (mode ? dw_in3_3 : dw_in3_0)(g, x, w, out, n, rows, xp, wp, ls);
}

static void dw_in1(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out,
                   int32_t n, int32_t k, int mode, int32_t xp, int32_t wp, const dw_lines_t *ls)
{
    for (int32_t l_ = 0; l_ < ls->n; l_++)
        (mode ? dw_in1_3 : dw_in1_0)(g, x + l_ * ls->xl, w, out + l_ * ls->ol, n, k, xp, wp);
}

/* dw_in1 for rows >= 2 rows of k taps (dw_ink_mode) */
static void dw_ink(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out,
                   int32_t n, int32_t k, const dw_line_t *l, int mode, int32_t xp, int32_t wp,
                   const dw_lines_t *ls)
{
    for (int32_t l_ = 0; l_ < ls->n; l_++)
        (mode ? dw_ink_3 : dw_ink_0)(g, x + l_ * ls->xl, w, out + l_ * ls->ol, n, k, l->rows,
                                     l->wr, xp, wp);
}
#endif

#if !defined(__OPTIMIZE_SIZE__)
/* Row records of three taps w0, w1, w2 of channels (word, word + 2):
 * the halfword pairs SMLAD takes against the inputs' pairs (low
 * channel's into lo, high channel's into hi). */
NNOM_INLINE void dw_row3_records(const int16x2_t *w, int word, int32_t *lo, int32_t *hi)
{
    const uint32_t w0 = (uint32_t)w[word], w1 = (uint32_t)w[2 + word];
    const uint32_t w2 = (uint32_t)w[4 + word];
    lo[0] = (int32_t)dw_pkhbt(w0, w1);
    lo[1] = (int32_t)dw_pkhbt(w2, w0);
    lo[2] = (int32_t)dw_pkhbt(w1, w2);
    hi[0] = (int32_t)dw_pkhtb(w1, w0);
    hi[1] = (int32_t)dw_pkhtb(w0, w2);
    hi[2] = (int32_t)dw_pkhtb(w2, w1);
}

/* Each channel's bias and requantisation, after its pair records. */
NNOM_INLINE void dw_requant_records(dw_group_t *g)
{
    for (int i = 0; i < 4; i++) {
        g->pc[i][3] = g->bias[i];
        g->pc[i][4] = g->mb[2 * i];
        g->pc[i][5] = g->mb[2 * i + 1];
        g->pc[i][6] = g->e[i];
    }
}

/* The pair records of a group whose runs are three taps (dw_pairs3). */
static void dw_pairs3_setup(dw_group_t *g)
{
    const int16x2_t *w = g->w + 2 * DW_LEAD(3);
    for (int word = 0; word < 2; word++) /* channels (0, 2), then (1, 3) */
        dw_row3_records(w, word, g->pc[word], g->pc[2 + word]);
    dw_requant_records(g);
}

/* The pair records of a 3x3 group (dw_pairs33); the kernel's rows start
 * vlead rows of widened taps into g->w. */
static void dw_pairs33_setup(dw_group_t *g, int32_t vlead)
{
    for (int r = 0; r < 3; r++) {
        const int16x2_t *wr = g->w + 2 * ((vlead + r) * DW_ROW(3) + DW_LEAD(3));
        for (int word = 0; word < 2; word++) /* channels (0, 2), then (1, 3) */
            dw_row3_records(wr, word, g->p33[0][r] + 3 * word, g->p33[1][r] + 3 * word);
    }
    dw_requant_records(g);
}
#endif

#if !defined(__OPTIMIZE_SIZE__)
/* The border outputs [o0, o1) of a line by the inside loops, kk taps each:
 * every window moved to start at input xstart (0 on the left, in - kk on
 * the right), so from output to output only the weights move (back by the
 * stride; the taps off the kernel are the zero ones, see DW_LEAD). */
static void dw_edge(const dw_group_t *g, const dw_line_t *l, int32_t o0, int32_t o1,
                    int32_t xstart, int32_t kk, int mode, const dw_lines_t *ls)
{
    if (o1 <= o0)
        return;
    const int8_t *x = l->x + xstart * l->u.xb;
    const int16x2_t *w = l->w + 2 * (xstart - (o0 * l->u.s - l->u.pad));
    int8_t *out = l->out + o0 * l->u.ob;
    if (l->u.k == 3)
        dw_in3(g, x, w, out, o1 - o0, l->rows, mode, 0, -2 * l->u.s, ls);
    else
        dw_in1(g, x, w, out, o1 - o0, kk, mode, 0, -2 * l->u.s, ls);
}

/* dw_runs for 2D windows of rows >= 2 rows of taps other than three: the
 * border runs on windows moved into the input (as dw_edge), the inside
 * one, or short lines output by output; 0 where they do not suit. */
static NNOM_NOINLINE int dw_ink_runs(const dw_group_t *g, const dw_line_t *l, int mode,
                                     const dw_lines_t *ls)
{
    const dw_axis_t *u = &l->u;
    const int32_t kk = u->k < u->in ? u->k : u->in; /* taps per output */
    if (u->d != 1 || kk < 2 || u->pad >= u->k || (u->out - 1) * u->s - u->pad >= u->in)
        return 0;
    if (u->out <= DW_INK_SHORT) {
        (mode ? dw_ink_short_3 : dw_ink_short_0)(g, l, kk, ls);
        return 1;
    }
    const int32_t o0[3] = {0, l->lo, l->hi}, o1[3] = {l->lo, l->hi, u->out};
    for (int r = 0; r < 3; r++) {
        if (o1[r] <= o0[r])
            continue;
        const int32_t u0 = o0[r] * u->s - u->pad; /* the run's first window */
        const int32_t us = r == 1 ? u0 : (r == 0 ? 0 : u->in - kk);
        dw_ink(g, l->x + us * u->xb, l->w + 2 * (us - u0), l->out + o0[r] * u->ob,
               o1[r] - o0[r], kk, l, mode, r == 1 ? g->xp : 0, r == 1 ? 0 : -2 * u->s, ls);
    }
    return 1;
}

/* The lines ls of l's shape (l the first) whose every output suits the
 * inside loops (no dilation along u, windows of three or single rows, each
 * output with a tap in the input; dw_ink_runs for others): 0 where they do
 * not. */
static int dw_runs(const dw_group_t *g, const dw_line_t *l, int mode, const dw_lines_t *ls)
{
    const dw_axis_t *u = &l->u;
    const int32_t kk = u->k < u->in ? u->k : u->in; /* taps per output */
    if (u->d != 1 || !(u->k == 3 ? kk == 3 : l->rows == 1 && kk > 1) || u->pad >= u->k ||
        (u->out - 1) * u->s - u->pad >= u->in)
        return u->k != 3 && l->rows > 1 ? dw_ink_runs(g, l, mode, ls) : 0;
    dw_edge(g, l, 0, l->lo, 0, kk, mode, ls);
    const int32_t n = l->hi - l->lo;
    if (n > 0) {
        const int8_t *x = l->x + (l->lo * u->s - u->pad) * u->xb;
        int8_t *out = l->out + l->lo * u->ob;
        if (g->pairs && n >= 2)
            for (int32_t m = 0; m < ls->n; m++)
                dw_pairs3(g, x + m * ls->xl, out + m * ls->ol, n);
        else if (g->pairs33 && n >= 2 && l->rows == 3 && l->w == g->w + 2 * DW_LEAD(3))
            dw_pairs33(g, x, out, n, ls);
        else if (u->k == 3)
            dw_in3(g, x, l->w, out, n, l->rows, mode, g->xp, 0, ls);
        else
            dw_in1(g, x, l->w, out, n, u->k, mode, g->xp, 0, ls);
    }
    dw_edge(g, l, l->hi, u->out, u->in - kk, kk, mode, ls);
    return 1;
}

/* The tables of p (once per layer): every window moved into the input,
 * along u by the zero taps left and right of the kernel, across v by the
 * DW_VLEAD rows of zero taps above and below it. */
static void dw_plane_tables(dw_plane_t *p)
{
    const dw_axis_t *u = &p->u, *v = &p->v;
    const int32_t ulast = u->in - 3, vlast = v->in - 3;
    for (int32_t o = 0; o < u->out && o < DW_PLANE_TAB; o++) {
        const int32_t u0 = o * u->s - u->pad, us = u0 < 0 ? 0 : (u0 > ulast ? ulast : u0);
        p->tu[o][0] = us * u->xb;
        p->tu[o][1] = 2 * (us - u0);
    }
    for (int32_t o = 0; o < v->out; o++) {
        const int32_t v0 = o * v->s - v->pad, vs = v0 < 0 ? 0 : (v0 > vlast ? vlast : v0);
        p->tv[o][0] = vs * v->xb;
        p->tv[o][1] = 2 * ((DW_VLEAD + vs - v0) * DW_ROW(3) + DW_LEAD(3));
    }
}

/* 1 where a layer of one row of taps along u suits dw_col (v: one tap). */
int dw_col_axes(const dw_axis_t *u, const dw_axis_t *v)
{
    return v->k == 1 && v->pad == 0 && u->k >= 2 && u->d == 1 && u->in >= 2 &&
           u->pad < u->k && (u->out - 1) * u->s - u->pad < u->in;
}

/* 1 where a 3x3 layer suits dw_plane3 along axis a (see above). */
static int dw_plane_axis(const dw_axis_t *a)
{
    return a->k == 3 && a->d == 1 && a->in >= 3 && a->pad < 3 &&
           (a->out - 1) * a->s - a->pad < a->in;
}
#endif

/* One line: the inside outputs by the loops above where they suit, the
 * others (and every output of other kernel shapes) tap by tap. */
static NNOM_NOINLINE void dw_line(const dw_group_t *g, const dw_line_t *l, int mode)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, op = l->u.ob;
#if !defined(__OPTIMIZE_SIZE__)
    mode = mode ? DW_SIGN | DW_CLAMP : 0;
    const dw_lines_t one = {1, 0, 0};
    if (dw_runs(g, l, mode, &one))
        return;
#endif
    for (int32_t o = 0; o < l->u.out; o++) {
        const int32_t u0 = o * l->u.s - l->u.pad;
        int32_t k0, k1;
        if (o == l->lo && l->hi > l->lo) { /* the inside outputs */
            const int8_t *x = l->x + u0 * l->u.xb;
            int8_t *out = l->out + o * op;
            const int32_t n = l->hi - l->lo, k = l->u.k;
#if !defined(__OPTIMIZE_SIZE__)
            if (g->pairs && n >= 2) {
                dw_pairs3(g, x, out, n);
                o = l->hi - 1;
                continue;
            }
#endif
            if (k == 3) {
#if defined(__OPTIMIZE_SIZE__)
                dw_in3(g, x, l->w, out, n, l->rows, mode);
#else
                dw_in3(g, x, l->w, out, n, l->rows, mode, g->xp, 0, &one);
#endif
                o = l->hi - 1;
                continue;
            }
#if !defined(__OPTIMIZE_SIZE__)
            if (l->rows == 1 && k > 1) {
                dw_in1(g, x, l->w, out, n, k, mode, g->xp, 0, &one);
                o = l->hi - 1;
                continue;
            }
#endif
        }
        taps(u0, l->u.in, l->u.k, l->u.d, &k0, &k1);
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        if (k1 > k0)
            DW_TAPS(l->x + (u0 + k0 * l->u.d) * l->u.xb, l->w + 2 * k0, l->rows, k1 - k0);
        dw_store(a0, a1, a2, a3, g, mode, l->out + o * op);
    }
}
#undef DW_TAPS
#undef DW_TAP

/* 1 where every channel suits the group path: its requantisation is the
 * SMLAL form and 2 acc fits in 32 bits. */
static int groups_fit(const dw_ctx_t *t)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t reach = ((int32_t)1 << 30) - t->kh * t->kw * 255 * 128; /* |acc| < 2^30 */
    for (int32_t c = 0; c < t->oc; c++) {
        const int32_t b = a->bias[c];
        if (!nnom_rq_fast_ok(a->rq.mult[c], a->rq.shift[c]) || b >= reach || b <= -reach)
            return 0;
    }
    return 1;
}

/* One tap of four channels' weights at wr, widened and doubled into w[0]
 * (channels 0, 2) and w[1] (1, 3). */
NNOM_INLINE void dw_widen(int16x2_t *w, const int8_t *wr)
{
    const uint32_t u = nnom_read4(wr);
    const int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);
    w[0] = __sadd16(we, we);
    w[1] = __sadd16(wo, wo);
}

/* Sets up group c: bias, requantisation and widened weights (at -O2 into
 * the rows' places between their zero taps, which the caller cleared;
 * vlead rows of zero taps above them). */
static void group_of(const dw_ctx_t *t, int32_t c, dw_group_t *g, int32_t vlead)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t taps = t->kh * t->kw;
    for (int i = 0; i < 4; i++) {
        const int32_t shift = a->rq.shift[c + i];
        g->bias[i] = 2 * a->bias[c + i];
        g->mb[2 * i] = a->rq.mult[c + i];
        g->mb[2 * i + 1] = (int32_t)((uint32_t)(2 * a->p.output_zp + 1) << (-shift - 1));
        g->e[i] = -shift;
    }
#if defined(__OPTIMIZE_SIZE__)
    const int32_t ku = taps, lead = 0, row = 0, tstep = t->oc, rstep = 0;
    (void)vlead;
#else
    /* kernel rows along u: down the height, the kernel's columns */
    const int down = dw_down(t);
    const int32_t ku = down ? t->kh : t->kw, lead = vlead * DW_ROW(ku) + DW_LEAD(ku);
    const int32_t row = 2 * (DW_ROW(ku) - ku);
    const int32_t tstep = (down ? t->kw : 1) * t->oc, rstep = (down ? 1 : t->kw) * t->oc;
#endif
    const int8_t *wr = a->weight + c;
    int16x2_t *w = g->w + 2 * lead;
#if !defined(__OPTIMIZE_SIZE__)
    if (ku == 3) { /* rows of three taps (3x3, (3, 1)), unrolled */
        for (int32_t k = 0; k < taps; k += 3, w += row + 6, wr += rstep) {
            dw_widen(w, wr);
            dw_widen(w + 2, wr + tstep);
            dw_widen(w + 4, wr + 2 * tstep);
        }
        return;
    }
#endif
    for (int32_t k = 0; k < taps; w += row, wr += rstep)
        for (int32_t j = 0; j < ku; j++, k++, w += 2)
            dw_widen(w, wr + j * tstep);
}

#if NNOM_LOCAL_MAC_ASM
/* Layers of one row of k taps without the s term and the clamp: dw3_asm
 * for three taps at stride 1 (on lines shorter than DW3_MIN_OUT dw_pairs3
 * in dw_groups costs less), dw_col_asm for the others. Its own call from
 * nnom_local_dwconv_s8 (its stack does not add to dw_groups'). */
NNOM_NOINLINE int dw_col_try(const dw_ctx_t *t)
{
    dw_axis_t u, v;
    int32_t lo, hi;
    if (t->kh != 1 && t->kw != 1)
        return 0;
    const int mode = dw_axes(t, &u, &v, &lo, &hi);
    if (mode != 0 || hi <= lo || t->kh * t->kw != u.k || !dw_col_axes(&u, &v))
        return 0;
    if (u.k == 3 && u.s == 1) /* dw3_asm, or dw_pairs3 on short lines */
        return dw3_line(u.out, u.pad, u.in) && dw3_asm(t, &u, &v, lo, hi);
    return dw_col_asm(t, &u, &v, lo, hi);
}
#endif

/* Multiplier 1, channels a multiple of four, kh * kw <= DW_MAX_TAPS: group
 * by group, the outputs of a line along u whose windows lie inside the
 * input in one call. 0 (nothing written) where a channel does not suit:
 * the caller then runs the per-pixel path. */
NNOM_NOINLINE int dw_groups(const dw_ctx_t *t)
{
    const nnom_conv_args_t *a = t->a;
    dw_axis_t u, v;
    int32_t lo, hi;
    const int mode = dw_axes(t, &u, &v, &lo, &hi);
    if (!groups_fit(t))
        return 0;
#if !defined(__OPTIMIZE_SIZE__)
    /* lines [vlo, vhi) across v have all their rows of taps in the input */
    int32_t vlo = (v.pad + v.s - 1) / v.s, vhi = v.in - 1 + v.pad - (v.k - 1) * v.d;
    vhi = vhi < 0 ? 0 : vhi / v.s + 1;
    vlo = vlo < v.out ? vlo : v.out;
    vhi = vhi < vlo ? vlo : (vhi < v.out ? vhi : v.out);
#endif
    dw_group_t g;
#if !defined(__OPTIMIZE_SIZE__)
    const int plane = dw_plane_axis(&u) && dw_plane_axis(&v) &&
                      (v.in <= DW_PLANE_LINES ||
                       (v.s > 1 && v.out <= DW_PLANE_LINES && u.out <= DW_PLANE_TAB));
    const int col = t->kh * t->kw == u.k && dw_col_axes(&u, &v);
    const int32_t vlead = plane ? DW_VLEAD : 0, rows = t->kh * t->kw / u.k + 2 * vlead;
    /* (set per group in place: no copy of it per group) */
    dw_plane_t pl = {u, v, lo, hi, a->input, a->output, {{0}}, {{0}}};
    if (plane)
        dw_plane_tables(&pl);
    memset(g.w, 0, (size_t)(rows * DW_ROW(u.k)) * 2 * sizeof(g.w[0]));
#else
    const int32_t vlead = 0;
#endif
    g.lo4 = ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u;
    g.hi4 = ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u;
    g.off = nnom_offset2(a->p.input_zp);
    g.xs = u.d * u.xb;
    g.xr = v.d * v.xb;
    g.xp = u.s * u.xb;
    g.op = u.ob;
#if !defined(__OPTIMIZE_SIZE__)
    g.pairs = u.k == 3 && t->kh * t->kw == 3 && g.xp == g.xs && mode == 0;
    /* (on the small layers of dw_plane3 the records cost more than they save) */
    g.pairs33 = u.k == 3 && t->kh * t->kw == 9 && g.xp == g.xs && mode == 0 && !plane;
#endif
    for (int32_t c = 0; c < t->oc; c = dw_next_group(c, t->oc)) {
        group_of(t, c, &g, vlead);
#if !defined(__OPTIMIZE_SIZE__)
        if (g.pairs33)
            dw_pairs33_setup(&g, vlead);
        if (plane) {
            pl.x = a->input + c;
            pl.out = a->output + c;
            (mode ? dw_plane3_3 : dw_plane3_0)(&g, &pl);
            continue;
        }
        if (col) {
            pl.x = a->input + c;
            pl.out = a->output + c;
            if (g.pairs)
                dw_pairs3_setup(&g);
            (mode ? dw_col_3 : dw_col_0)(&g, &pl);
            continue;
        }
        if (g.pairs)
            dw_pairs3_setup(&g);
#endif
        for (int32_t ov = 0; ov < v.out; ov++) {
            const int32_t v0 = ov * v.s - v.pad;
            int32_t kv0, kv1;
            taps(v0, v.in, v.k, v.d, &kv0, &kv1);
            int8_t *out = a->output + c + ov * v.ob;
            if (kv1 <= kv0) { /* no valid row: the bias alone */
                for (int32_t o = 0; o < u.out; o++)
                    dw_store(g.bias[0], g.bias[1], g.bias[2], g.bias[3], &g, DW_SIGN | DW_CLAMP,
                             out + o * u.ob);
                continue;
            }
            const dw_line_t l = {u,
                                 lo,
                                 hi,
                                 kv1 - kv0,
                                 v.d * v.xb,
                                 2 * DW_ROW(u.k),
                                 a->input + c + (v0 + kv0 * v.d) * v.xb,
                                 g.w + 2 * (kv0 * DW_ROW(u.k) + DW_LEAD(u.k)),
                                 out};
#if !defined(__OPTIMIZE_SIZE__)
            /* the lines [ov, vhi) with all rows of taps in one run */
            const dw_lines_t ls = {vhi - ov, v.s * v.xb, v.ob};
            if (ov == vlo && ls.n > 1 && dw_runs(&g, &l, mode ? DW_SIGN | DW_CLAMP : 0, &ls)) {
                ov = vhi - 1;
                continue;
            }
#endif
            dw_line(&g, &l, mode);
        }
    }
    return 1;
}
#endif
