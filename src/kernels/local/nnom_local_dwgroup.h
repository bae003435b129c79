/*
 * nnom_local_dwgroup.h - the depthwise group path's shared parts (internal,
 * DSP cores; nnom_local_dwgroup_dsp.c describes the path): a group's
 * widened weights and requantisation, the store of four results, the tap
 * macros, the shapes of a line and of a plane, the inside loops the paths
 * inline, and the paths in files of their own.
 */
#ifndef NNOM_LOCAL_DWGROUP_H
#define NNOM_LOCAL_DWGROUP_H

#include <stddef.h>

#include "nnom_local_dwconv.h"

#if NNOM_LOCAL_DSP

/* The widened weights, row by row along u (see dw_line_t): at -O2 each row
 * of k taps has k - 1 zero taps on either side, so that the border outputs
 * run the inside loops on a window moved into the input (its taps off the
 * kernel weigh 0). */
#if defined(__OPTIMIZE_SIZE__)
#define DW_LEAD(k) 0
#define DW_ROW(k) (k)
#define DW_WTAPS DW_MAX_TAPS
#else
#define DW_LEAD(k) ((k) - 1)
#define DW_ROW(k) (3 * (k) - 2)
#define DW_WTAPS (3 * DW_MAX_TAPS)
#endif

/* A group of four channels: widened weights and requantisation. The
 * weights are doubled and so are the accumulators (2 acc), which puts the
 * requantisation's first rounding at bit 31 of the product, where SMMLAR
 * rounds: per channel
 *     r = SMMLAR(2 acc, mult, ra) >> e,  ra = (2 zp + 1) 2^(e-1) - s
 * (s = 1 when acc < 0; the form of nnom_rq_fast() scaled by two). Where
 * act_min >= zp the s term can go: it moves only results <= zp, which the
 * clamp takes to act_min anyway. */
typedef struct {
    int32_t bias[4];              /* doubled */
    int32_t mb[8];                /* per channel: mult, ra without s */
    int32_t e[4];
    uint32_t lo4, hi4; /* act_min, act_max in each byte */
    int16x2_t off;     /* -input_zp in each halfword */
    /* input bytes between taps along u, between rows of taps, between
     * output pixels; output bytes between output pixels */
    int32_t xs, xr, xp, op;
#if !defined(__OPTIMIZE_SIZE__)
    /* runs of three taps, stride 1, two outputs per step (dw_pairs3), per
     * channel: weights (w0, w1), (w2, w0), (w1, w2), bias, mult, ra, e */
    int32_t pc[4][8];
    int32_t pairs; /* the layer's runs suit dw_pairs3 (pc set) */
    /* 3x3 windows, stride 1 along u, two outputs per step (dw_pairs33):
     * per half (channels 0, 1, then 2, 3), per row of taps, per channel
     * (w0, w1), (w2, w0), (w1, w2); bias and requantisation in pc */
    int32_t p33[2][3][6];
    int32_t pairs33; /* the layer's inside runs suit dw_pairs33 (p33, pc set) */
#endif
    int16x2_t w[2 * DW_WTAPS]; /* per tap: channels (0, 2), then (1, 3), doubled */
} dw_group_t;

/* The inside loops: GCC's first scheduling pass runs them out of
 * registers (spills), so they go without it. */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE_SIZE__)
#define NNOM_DW_NOSCHED __attribute__((optimize("no-schedule-insns")))
#else
#define NNOM_DW_NOSCHED
#endif

/* The pixel loops' variants: the s term (DW_SIGN) and the clamp to
 * [act_min, act_max] (DW_CLAMP), each only where it changes a result. */
#define DW_SIGN 1
#define DW_CLAMP 2

NNOM_INLINE int32_t dw_rq(int32_t acc2, const int32_t *mb, int32_t e, int mode)
{
    const int32_t ra = (mode & DW_SIGN) ? mb[1] + (acc2 >> 31) : mb[1];
    int32_t r;
#if defined(__GNUC__)
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(acc2), "r"(mb[0]), "r"(ra));
#else
    r = (int32_t)(((int64_t)ra * 4294967296LL + (int64_t)acc2 * mb[0] + 0x80000000LL) >> 32);
#endif
    return __ssat(r >> e, 8);
}

/* b inserted as byte `pos` of v (one BFI). */
#if defined(__GNUC__)
#define DW_BFI(v, b, pos) __asm__("bfi %0, %1, #" #pos ", #8" : "+r"(v) : "r"(b))
#else
#define DW_BFI(v, b, pos) ((v) = ((v) & ~(0xFFu << (pos))) | (((uint32_t)(b) & 0xFFu) << (pos)))
#endif

/* Four results requantised, clamped and stored as one word. */
NNOM_HOT void dw_store(int32_t a0, int32_t a1, int32_t a2, int32_t a3, const dw_group_t *g,
                       int mode, int8_t *out)
{
    uint32_t v = (uint32_t)dw_rq(a0, g->mb, g->e[0], mode);
    DW_BFI(v, dw_rq(a1, g->mb + 2, g->e[1], mode), 8);
    DW_BFI(v, dw_rq(a2, g->mb + 4, g->e[2], mode), 16);
    DW_BFI(v, dw_rq(a3, g->mb + 6, g->e[3], mode), 24);
    if (mode & DW_CLAMP) {
        (void)__ssub8((int8x4_t)v, (int8x4_t)g->lo4); /* max(v, lo) */
        v = __sel(v, g->lo4);
        (void)__ssub8((int8x4_t)g->hi4, (int8x4_t)v); /* min(v, hi) */
        v = __sel(v, g->hi4);
    }
    memcpy(out, &v, 4);
}

/* acc += (x - zp) w for one tap: four channels, x at the input word, w at
 * the tap's two widened words. */
#define DW_TAP(xp, wp)                                                                         \
    do {                                                                                       \
        const uint32_t v_ = nnom_read4(xp);                                                    \
        const int16x2_t xe_ = __sxtab16(off, (int8x4_t)v_), xo_ = nnom_sxtab16_odd(off, v_);   \
        a0 = __smlabb(xe_, (wp)[0], a0);                                                       \
        a2 = __smlatt(xe_, (wp)[0], a2);                                                       \
        a1 = __smlabb(xo_, (wp)[1], a1);                                                       \
        a3 = __smlatt(xo_, (wp)[1], a3);                                                       \
    } while (0)

/* One axis of the window: sizes and steps. */
typedef struct {
    int32_t in, k, s, d, pad, out; /* input, kernel, stride, dilation, padding, output */
    int32_t xb, ob;                /* input, output bytes per pixel */
} dw_axis_t;

/* A line of outputs along u (the width, or for (k, 1) kernels the height:
 * a kernel column is then the run along u), rows of taps across v. */
typedef struct {
    dw_axis_t u;
    int32_t lo, hi;     /* outputs whose window lies inside the input along u */
    int32_t rows;       /* valid rows of taps across v (> 0) */
    int32_t xr, wr;     /* input bytes, widened words between rows */
    const int8_t *x;    /* input at u = 0 on the first valid row */
    const int16x2_t *w; /* widened weights of the first valid row */
    int8_t *out;        /* output at u = 0 */
} dw_line_t;

/* widened words between rows of three taps */
#define DW_W3 (2 * DW_ROW(3))

/* DW_TAP with the tap's two widened words at w + i by one LDRD (GCC loads
 * them one by one otherwise). */
#if defined(__GNUC__)
#define DW_TAPW(xp, w, i)                                                                      \
    do {                                                                                       \
        int16x2_t wt_[2];                                                                      \
        __asm__("ldrd %0, %1, [%2, #%c3]"                                                      \
                : "=r"(wt_[0]), "=r"(wt_[1])                                                   \
                : "r"(w), "n"(4 * (i)), "m"(*(const int16x2_t(*)[2])((w) + (i))));             \
        DW_TAP(xp, wt_);                                                                       \
    } while (0)
#else
#define DW_TAPW(xp, w, i) DW_TAP(xp, (w) + (i))
#endif

/* The nine taps of a 3x3 window at x (rows xr bytes apart, taps xs) into
 * the accumulators a0..a3 in scope. A macro, not a function: the straight
 * loop keeps xs and xr in registers (a call reloads them after each store). */
#define DW_WIN3_TAPS(x, w, xs, xr)                                                             \
    do {                                                                                       \
        const int8_t *x1_ = (x) + (xr), *x2_ = x1_ + (xr);                                     \
        DW_TAPW(x, w, 0);                                                                      \
        DW_TAPW((x) + (xs), w, 2);                                                             \
        DW_TAPW((x) + 2 * (xs), w, 4);                                                         \
        DW_TAPW(x1_, w, DW_W3);                                                                \
        DW_TAPW(x1_ + (xs), w, DW_W3 + 2);                                                     \
        DW_TAPW(x1_ + 2 * (xs), w, DW_W3 + 4);                                                 \
        DW_TAPW(x2_, w, 2 * DW_W3);                                                            \
        DW_TAPW(x2_ + (xs), w, 2 * DW_W3 + 2);                                                 \
        DW_TAPW(x2_ + 2 * (xs), w, 2 * DW_W3 + 4);                                             \
    } while (0)

/* n outputs of a line, rows x 3 taps each (3-wide rows, (3, 1) columns):
 * x at the first output's first tap, w at the first row's widened weights;
 * from output to output x moves by xp bytes, w by wp words (inside
 * outputs: the stride and 0; border ones: 0 and back by the stride). */
NNOM_INLINE void dw_in3_mode(const dw_group_t *g, const int8_t *x, const int16x2_t *w,
                             int8_t *out, int32_t n, int32_t rows, int mode, int32_t xp,
                             int32_t wp)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs;
#if !defined(__OPTIMIZE_SIZE__)
    if (rows == 1) {
        do {
            int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
            DW_TAPW(x, w, 0);
            DW_TAPW(x + xs, w, 2);
            DW_TAPW(x + 2 * xs, w, 4);
            dw_store(a0, a1, a2, a3, g, mode, out);
            x += xp;
            w += wp;
            out += g->op;
        } while (--n);
        return;
    }
    if (rows == 3) { /* the whole 3x3 window, straight */
        const int32_t xr = g->xr;
        do {
            int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
            DW_WIN3_TAPS(x, w, xs, xr);
            dw_store(a0, a1, a2, a3, g, mode, out);
            x += xp;
            w += wp;
            out += g->op;
        } while (--n);
        return;
    }
#endif
    do {
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        const int8_t *xq = x;
        const int16x2_t *wq = w, *wend = w + DW_W3 * rows;
        do {
            DW_TAP(xq, wq);
            DW_TAP(xq + xs, wq + 2);
            DW_TAP(xq + 2 * xs, wq + 4);
            xq += g->xr;
            wq += DW_W3;
        } while (wq != wend);
        dw_store(a0, a1, a2, a3, g, mode, out);
        x += xp;
        w += wp;
        out += g->op;
    } while (--n);
}

/* acc += one row of k >= 2 taps from xq, wq (taps xs bytes apart), two
 * per step up to the pairs' end wend, then the odd one; xq, wq end past
 * the row. Each tap's widened words by one LDRD next to its use (GCC
 * loads them one by one; both taps' at once leave no register). */
#define DW_ROW_PAIRS(xq, wq, wend, k)                                                          \
    do {                                                                                       \
        do {                                                                                   \
            DW_TAPW(xq, wq, 0);                                                                \
            DW_TAPW((xq) + xs, wq, 2);                                                         \
            (wq) += 4;                                                                         \
            (xq) += 2 * xs;                                                                    \
        } while ((wq) != (wend));                                                              \
        if ((k) & 1)                                                                           \
            DW_TAP(xq, wq);                                                                    \
    } while (0)

/* n outputs of a line (steps as dw_in3_mode), one row of k >= 2 taps each (columns of
 * (k, 1) kernels, rows of (1, k) ones), two taps per step. */
NNOM_INLINE void dw_in1_mode(const dw_group_t *g, const int8_t *x, const int16x2_t *w,
                             int8_t *out, int32_t n, int32_t k, int mode, int32_t xp,
                             int32_t wp)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs;
    const int16x2_t *wpairs = w + 2 * (k & ~1);
    do {
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        const int8_t *xq = x;
        const int16x2_t *wq = w;
        DW_ROW_PAIRS(xq, wq, wpairs, k);
        dw_store(a0, a1, a2, a3, g, mode, out);
        x += xp;
        w += wp;
        wpairs += wp;
        out += g->op;
    } while (--n);
}

/* 1 where the lines run down the height (u): always for (k, 1) kernels;
 * at -O2 also where the height has more outputs than the width (fewer,
 * longer lines). */
NNOM_MAYBE_UNUSED static int dw_down(const dw_ctx_t *t)
{
#if defined(__OPTIMIZE_SIZE__)
    return t->kw == 1 && t->kh > 1;
#else
    return (t->kw == 1 && t->kh > 1) || (t->oh > t->ow && t->kh > 1);
#endif
}

/* The group path's axes: u along the lines (down the height where
 * dw_down()), v across them; the outputs [lo, hi) along u whose whole
 * window lies inside the input. Returns the pixel loops' mode. */
NNOM_INLINE int dw_axes(const dw_ctx_t *t, dw_axis_t *u, dw_axis_t *v, int32_t *lo, int32_t *hi)
{
    const nnom_conv_args_t *a = t->a;
    const dw_axis_t h = {t->ih, t->kh, t->sh, t->dh, t->pt, t->oh, t->iw * t->ic, t->ow * t->oc};
    const dw_axis_t wd = {t->iw, t->kw, t->sw, t->dw, t->pl, t->ow, t->ic, t->oc};
    const int down = dw_down(t);
    *u = down ? h : wd;
    *v = down ? wd : h;
    int32_t l = (u->pad + u->s - 1) / u->s, e = u->in - 1 + u->pad - (u->k - 1) * u->d;
    e = e < 0 ? 0 : e / u->s + 1;
    l = l < u->out ? l : u->out;
    *lo = l;
    *hi = e < l ? l : (e < u->out ? e : u->out);
    return (a->p.act_min >= a->p.output_zp ? 0 : DW_SIGN) |
           (a->p.act_min > -128 || a->p.act_max < 127 ? DW_CLAMP : 0);
}

#if !defined(__OPTIMIZE_SIZE__)
/* The lines of a run: how many, input and output bytes between them. */
typedef struct {
    int32_t n, xl, ol;
} dw_lines_t;

/* Halfwords: the low one of a with the low one of b on top; the high one
 * of b with the high one of a on top. */
NNOM_INLINE uint32_t dw_pkhbt(uint32_t a, uint32_t b)
{
    uint32_t r;
#if defined(__GNUC__)
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
#else
    r = (a & 0xFFFFu) | b << 16;
#endif
    return r;
}

NNOM_INLINE uint32_t dw_pkhtb(uint32_t a, uint32_t b)
{
    uint32_t r;
#if defined(__GNUC__)
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(a), "r"(b));
#else
    r = (a & 0xFFFF0000u) | b >> 16;
#endif
    return r;
}

/* dw_plane3 where the input has at most this many lines (the border lines
 * are a large share; on larger inputs the runs of dw_runs are faster), or
 * at stride 2 the output (no dw_pairs33 there: 3x3 s2 12x12x64 4.29 ->
 * 4.05/MAC) */
#define DW_PLANE_LINES 8
/* Lines of at most this many outputs go output by output, each window
 * placed by the layer's table of offsets (dw_plane3_tab: no run set-up),
 * longer ones in three runs (border, inside, border). */
#define DW_PLANE_TAB 16

typedef struct {
    dw_axis_t u, v;
    int32_t lo, hi;   /* outputs whose window lies inside the input along u */
    const int8_t *x;  /* the group's input at (0, 0) */
    int8_t *out;      /* the group's output at (0, 0) */
    /* per output along u (u.out <= DW_PLANE_TAB), per line across v: the
     * moved window's input bytes and widened words from (0, 0) */
    int32_t tu[DW_PLANE_TAB][2], tv[DW_PLANE_LINES][2];
} dw_plane_t;

/* zero rows of widened taps above the kernel (and below it) */
#define DW_VLEAD 2

/* Lines of 2D windows (dw_ink) of at most this many outputs go output by
 * output in one call (each window placed in the input by two compares;
 * three runs cost three calls' set-up). */
#define DW_INK_SHORT 4

/* The inside loops (nnom_local_dwin_dsp.c), one copy per mode: _0 where
 * no result needs the s term nor the clamp, _3 with both. */
#define dw_in3_0 nnom_dw_in3_0
#define dw_in3_3 nnom_dw_in3_3
#define dw_in1_0 nnom_dw_in1_0
#define dw_in1_3 nnom_dw_in1_3
#define dw_ink_0 nnom_dw_ink_0
#define dw_ink_3 nnom_dw_ink_3
#define dw_ink_short_0 nnom_dw_ink_short_0
#define dw_ink_short_3 nnom_dw_ink_short_3
void dw_in3_0(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t xp, int32_t wp, const dw_lines_t *ls);
void dw_in3_3(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t xp, int32_t wp, const dw_lines_t *ls);
void dw_in1_0(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t xp, int32_t wp);
void dw_in1_3(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t xp, int32_t wp);
void dw_ink_0(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t rows, int32_t wr, int32_t xp, int32_t wp);
void dw_ink_3(const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,
              int32_t k, int32_t rows, int32_t wr, int32_t xp, int32_t wp);
void dw_ink_short_0(const dw_group_t *g, const dw_line_t *l, int32_t kk, const dw_lines_t *ls);
void dw_ink_short_3(const dw_group_t *g, const dw_line_t *l, int32_t kk, const dw_lines_t *ls);

/* Two outputs per step (nnom_local_dwpairs_dsp.c): runs of three taps at
 * stride 1, and 3x3 windows at stride 1 along u; no s term, no clamp. */
#define dw_pairs3 nnom_dw_pairs3
#define dw_pairs33 nnom_dw_pairs33
void dw_pairs3(const dw_group_t *g, const int8_t *x, int8_t *out, int32_t n);
void dw_pairs33(const dw_group_t *g, const int8_t *x0, int8_t *out0, int32_t n,
                const dw_lines_t *ls);

/* A whole group in one call (nnom_local_dwplane_dsp.c): 3x3 planes
 * (dw_plane3), layers of one row of taps (dw_col); per mode as above. */
#define dw_plane3_0 nnom_dw_plane3_0
#define dw_plane3_3 nnom_dw_plane3_3
#define dw_col_0 nnom_dw_col_0
#define dw_col_3 nnom_dw_col_3
void dw_plane3_0(const dw_group_t *g, const dw_plane_t *p);
void dw_plane3_3(const dw_group_t *g, const dw_plane_t *p);
void dw_col_0(const dw_group_t *g, const dw_plane_t *p);
void dw_col_3(const dw_group_t *g, const dw_plane_t *p);

/* 1 where a layer of one row of taps along u suits dw_col (v: one tap;
 * nnom_local_dwgroup_dsp.c). */
#define dw_col_axes nnom_dw_col_axes
int dw_col_axes(const dw_axis_t *u, const dw_axis_t *v);
#endif

#if NNOM_LOCAL_MAC_ASM
/* Layers of one row of taps in the assembly loops (nnom_local_dwcolrun_dsp.c;
 * dw_col_try in nnom_local_dwgroup_dsp.c picks): 1 when done, 0 where the
 * copies would not fit or a group's requantisation does not suit. */
#define dw_col_asm nnom_dw_col_asm
#define dw3_asm nnom_dw3_asm
int dw_col_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v, int32_t lo,
               int32_t hi);
int dw3_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v, int32_t lo, int32_t hi);

/* Lines of at least this many outputs run nnom_dw3_s8 (its four outputs
 * at either end on copies of the rows they reach, the rest on the input:
 * at least one full pass inside, see dw3_asm) */
#define DW3_MIN_OUT 10
/* and lines of 4 to 9 outputs whose windows all lie inside the input (no
 * copies: one run of the line's outputs); out, pad, in along the taps */
NNOM_INLINE int dw3_line(int32_t out, int32_t pad, int32_t in)
{
    return out >= DW3_MIN_OUT || (out >= 4 && pad == 0 && out + 2 <= in);
}
#endif

#endif

#endif
