/*
 * nnom_local_dwin_dsp.c - the depthwise group path's inside loops (-O2 on
 * DSP cores; see nnom_local_dwgroup_dsp.c): n outputs of a line, windows
 * of three-tap rows (dw_in3), of one row of k taps (dw_in1), of rows of k
 * taps other than three (dw_ink), and the short lines of the latter output
 * by output (dw_ink_short).
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_DSP && !defined(__OPTIMIZE_SIZE__)
#include "nnom_local_dwgroup.h"

/* n outputs of a line (steps as dw_in3_mode), rows >= 2 rows of k >= 2
 * taps each, their widened weights wr words apart (2D kernels other than 3
 * wide: a row along u, rows across v), two taps per step: the window's
 * rows in a loop around dw_in1_mode's pairs, one requantisation after all
 * of them. */
NNOM_INLINE void dw_ink_mode(const dw_group_t *g, const int8_t *x, const int16x2_t *w,
                             int8_t *out, int32_t n, int32_t k, int32_t rows, int32_t wr,
                             int mode, int32_t xp, int32_t wp)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, pairs = 2 * (k & ~1);
    /* from the end of a row's pairs to the next row's first tap */
    const int32_t xnext = g->xr - (k & ~1) * xs, wnext = wr - pairs;
    if (k == 5) { /* the usual 5x5: each row straight (its weights DW_ROW(5) taps apart) */
        const int32_t xr = g->xr;
        do {
            int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
            const int8_t *xq = x;
            const int16x2_t *wq = w;
            for (int32_t r = rows; r > 0; r--, xq += xr, wq += 2 * DW_ROW(5)) {
                const int8_t *xt = xq;
                DW_TAPW(xt, wq, 0);
                xt += xs;
                DW_TAPW(xt, wq, 2);
                xt += xs;
                DW_TAPW(xt, wq, 4);
                xt += xs;
                DW_TAPW(xt, wq, 6);
                xt += xs;
                DW_TAPW(xt, wq, 8);
            }
            dw_store(a0, a1, a2, a3, g, mode, out);
            x += xp;
            w += wp;
            out += g->op;
        } while (--n);
        return;
    }
    do {
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        const int8_t *xq = x;
        const int16x2_t *wq = w;
        for (int32_t r = rows; r > 0; r--) {
            const int16x2_t *wend = wq + pairs;
            DW_ROW_PAIRS(xq, wq, wend, k);
            xq += xnext;
            wq += wnext;
        }
        dw_store(a0, a1, a2, a3, g, mode, out);
        x += xp;
        w += wp;
        out += g->op;
    } while (--n);
}

/* One copy of each inside loop per mode: where no result needs the s term
 * nor the clamp (ReLU with output zero point -128, the usual case), and
 * all; each over `lines` lines xl input bytes and ol output bytes apart. */
#define DW_INSIDE3(m)                                                                          \
    NNOM_NOINLINE NNOM_DW_NOSCHED void dw_in3_##m(                                             \
        const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,      \
        int32_t k, int32_t xp, int32_t wp, const dw_lines_t *ls)                               \
    {                                                                                          \
        for (int32_t l_ = 0; l_ < ls->n; l_++)                                                 \
            dw_in3_mode(g, x + l_ * ls->xl, w, out + l_ * ls->ol, n, k, m, xp, wp);            \
    }
/* dw_in1's loop has no register to spare: one line per call */
#define DW_INSIDE1(m)                                                                          \
    NNOM_NOINLINE NNOM_DW_NOSCHED void dw_in1_##m(const dw_group_t *g, const int8_t *x,        \
                                                  const int16x2_t *w, int8_t *out,             \
                                                  int32_t n, int32_t k, int32_t xp,            \
                                                  int32_t wp)                                  \
    {                                                                                          \
        dw_in1_mode(g, x, w, out, n, k, m, xp, wp);                                            \
    }
DW_INSIDE3(0)
DW_INSIDE3(3)
#define DW_INSIDEK(m)                                                                          \
    NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_##m(                                             \
        const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,      \
        int32_t k, int32_t rows, int32_t wr, int32_t xp, int32_t wp)                           \
    {                                                                                          \
        dw_ink_mode(g, x, w, out, n, k, rows, wr, m, xp, wp);                                  \
    }
DW_INSIDE1(0)
DW_INSIDE1(3)
DW_INSIDEK(0)
DW_INSIDEK(3)
#undef DW_INSIDE3
#undef DW_INSIDE1
#undef DW_INSIDEK

/* Every output of the lines ls (l the first), rows >= 2 rows of kk taps. */
NNOM_INLINE void dw_ink_short_mode(const dw_group_t *g, const dw_line_t *l, int32_t kk, int mode,
                                   const dw_lines_t *ls)
{
    const dw_axis_t *u = &l->u;
    const int32_t ulast = u->in - kk;
    for (int32_t m = 0; m < ls->n; m++)
        for (int32_t o = 0, u0 = -u->pad; o < u->out; o++, u0 += u->s) {
            const int32_t us = u0 < 0 ? 0 : (u0 > ulast ? ulast : u0);
            dw_ink_mode(g, l->x + m * ls->xl + us * u->xb, l->w + 2 * (us - u0),
                        l->out + m * ls->ol + o * u->ob, 1, kk, l->rows, l->wr, mode, 0, 0);
        }
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_short_0(const dw_group_t *g, const dw_line_t *l,
                                                  int32_t kk, const dw_lines_t *ls)
{
    dw_ink_short_mode(g, l, kk, 0, ls);
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_short_3(const dw_group_t *g, const dw_line_t *l,
                                                  int32_t kk, const dw_lines_t *ls)
{
    dw_ink_short_mode(g, l, kk, DW_SIGN | DW_CLAMP, ls);
}
#else
typedef int nnom_local_dwin_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
