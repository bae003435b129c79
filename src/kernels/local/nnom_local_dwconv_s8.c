/*
 * nnom_local_dwconv_s8.c - DepthwiseConv2D (HWC input, [kh][kw][in * mult]
 * weights, output channel ic * mult + m), per-channel requantisation.
 *
 * With a multiplier of 1 the channels go four at a time: per tap one word of
 * input and one of weights, the four products with SMLABB/SMLATT (DSP) or
 * four multiplies. Each output pixel is one call that walks its valid taps
 * (padded taps are skipped: padding is real 0) for every group of four
 * channels. With DSP, SXTAB16 subtracts the input zero point while
 * widening; without, windows inside the input use the converter's
 * bias_folded and raw inputs.
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
 */
#include <stddef.h>

#include "nnom_local_dw3.h"
#include "nnom_local_dw3s2.h"
#include "nnom_local_dw_flat.h"
#include "nnom_local_dwblock.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwpair.h"
#include "nnom_local_dwone.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dwwin.h"
#include "nnom_local_simd.h"
#include "../nnom_backend.h"

/* The group path's shapes come from nnom/backends.json (depthwise_group),
 * which the converter reads too: the widened weights take 8 bytes per tap
 * of stack (-O2: up to three times that, see DW_WTAPS); groups are four
 * channels of multiplier 1. */
#define DW_MAX_TAPS NNOM_DW_GROUP_MAX_TAPS
#if NNOM_DW_GROUP_CHANNELS != 4 || NNOM_DW_GROUP_MULTIPLIER != 1
#error "nnom/backends.json depthwise_group: the group path takes four channels of multiplier 1"
#endif

typedef struct {
    const nnom_conv_args_t *a;
    int32_t ih, iw, ic, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow, oc;
} dw_ctx_t;

static void taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi)
{
    if (dil == 1) { /* no division */
        *lo = s0 >= 0 ? 0 : -s0;
        *hi = size - s0 < k ? size - s0 : k;
        return;
    }
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

/* The group after the one at channel c: four channels on, or at -O2 the
 * last four where fewer are left (channels not a multiple of four: the
 * last group overlaps the one before it and writes the same bytes again;
 * -Os keeps its code size and runs those layers pixel by pixel). */
NNOM_INLINE int32_t dw_next_group(int32_t c, int32_t oc)
{
    c += 4;
#if defined(__OPTIMIZE_SIZE__)
    (void)oc;
    return c;
#else
    return c < oc && c + 4 > oc ? oc - 4 : c;
#endif
}

/* acc[0..3] += (x - zp) * w for four channels over rows x cols taps. */
NNOM_HOT void taps4(const dw_ctx_t *t, const int8_t *x, const int8_t *w, int32_t rows,
                    int32_t cols, int32_t zp, int32_t *acc)
{
    const int32_t oc = t->oc, xstep = t->dw * t->ic;
    const int32_t xskip = t->dh * t->iw * t->ic - cols * xstep, wskip = (t->kw - cols) * oc;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if NNOM_LOCAL_DSP
    const int16x2_t off = nnom_offset2(zp);
#define NNOM_TAP4()                                                                            \
    do {                                                                                       \
        const uint32_t v = nnom_read4(x), u = nnom_read4(w);                                   \
        const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);       \
        const int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);                   \
        a0 = __smlabb(xe, we, a0);                                                             \
        a2 = __smlatt(xe, we, a2);                                                             \
        a1 = __smlabb(xo, wo, a1);                                                             \
        a3 = __smlatt(xo, wo, a3);                                                             \
    } while (0)
#else
#define NNOM_TAP4()                                                                            \
    do {                                                                                       \
        a0 += (x[0] - zp) * w[0];                                                              \
        a1 += (x[1] - zp) * w[1];                                                              \
        a2 += (x[2] - zp) * w[2];                                                              \
        a3 += (x[3] - zp) * w[3];                                                              \
    } while (0)
#endif
#if !defined(__OPTIMIZE_SIZE__)
    if (cols == 3) { /* the usual 3-wide kernel rows, unrolled */
        for (int32_t ky = 0; ky < rows; ky++, x += xskip, w += wskip) {
            NNOM_TAP4();
            x += xstep;
            w += oc;
            NNOM_TAP4();
            x += xstep;
            w += oc;
            NNOM_TAP4();
            x += xstep;
            w += oc;
        }
        rows = 0;
    }
#endif
    for (int32_t ky = 0; ky < rows; ky++, x += xskip, w += wskip)
        for (int32_t kx = 0; kx < cols; kx++, x += xstep, w += oc)
            NNOM_TAP4();
#undef NNOM_TAP4
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

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
        do {
            /* each tap's widened words by one LDRD next to its use (GCC
             * loads them one by one; both taps' at once leave no register) */
            DW_TAPW(xq, wq, 0);
            DW_TAPW(xq + xs, wq, 2);
            wq += 4;
            xq += 2 * xs;
        } while (wq != wpairs);
        if (k & 1)
            DW_TAP(xq, wq);
        dw_store(a0, a1, a2, a3, g, mode, out);
        x += xp;
        w += wp;
        wpairs += wp;
        out += g->op;
    } while (--n);
}

#if !defined(__OPTIMIZE_SIZE__)
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
            do {
                DW_TAPW(xq, wq, 0);
                DW_TAPW(xq + xs, wq, 2);
                wq += 4;
                xq += 2 * xs;
            } while (wq != wend);
            if (k & 1)
                DW_TAP(xq, wq);
            xq += xnext;
            wq += wnext;
        }
        dw_store(a0, a1, a2, a3, g, mode, out);
        x += xp;
        w += wp;
        out += g->op;
    } while (--n);
}
#endif

#if defined(__OPTIMIZE_SIZE__)
static NNOM_NOINLINE void dw_in3(const dw_group_t *g, const int8_t *x, const int16x2_t *w,
                                 int8_t *out, int32_t n, int32_t rows, int mode)
{
    dw_in3_mode(g, x, w, out, n, rows, mode, g->xp, 0);
}
#else
/* One copy of each inside loop per mode: where no result needs the s term
 * nor the clamp (ReLU with output zero point -128, the usual case), and
 * all; each over `lines` lines xl input bytes and ol output bytes apart. */
/* The lines of a run: how many, input and output bytes between them. */
typedef struct {
    int32_t n, xl, ol;
} dw_lines_t;

#define DW_INSIDE3(m)                                                                          \
    static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_in3_##m(                                      \
        const dw_group_t *g, const int8_t *x, const int16x2_t *w, int8_t *out, int32_t n,      \
        int32_t k, int32_t xp, int32_t wp, const dw_lines_t *ls)                               \
    {                                                                                          \
        for (int32_t l_ = 0; l_ < ls->n; l_++)                                                 \
            dw_in3_mode(g, x + l_ * ls->xl, w, out + l_ * ls->ol, n, k, m, xp, wp);            \
    }
/* dw_in1's loop has no register to spare: one line per call */
#define DW_INSIDE1(m)                                                                          \
    static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_in1_##m(const dw_group_t *g, const int8_t *x, \
                                                         const int16x2_t *w, int8_t *out,      \
                                                         int32_t n, int32_t k, int32_t xp,     \
                                                         int32_t wp)                           \
    {                                                                                          \
        dw_in1_mode(g, x, w, out, n, k, m, xp, wp);                                            \
    }
DW_INSIDE3(0)
DW_INSIDE3(3)
#define DW_INSIDEK(m)                                                                          \
    static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_##m(                                      \
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

/* Channel i of two outputs o, o + 1 of a 3-tap run, from the inputs'
 * halfword pairs p01 = (x[o], x[o+1]) and p23 = (x[o+2], x[o+3]):
 * o = bias + x[o] w0 + x[o+1] w1 (one SMLAD) + x[o+2] w2,
 * o + 1 = bias + x[o+1] w0 + x[o+2] w1 + x[o+3] w2 (one SMLAD); four
 * multiplies for six products. Their results go to byte i of r0, r1. */
/* Two words of a group's pair record, g->pc[i][k] and [k + 1], by one
 * LDRD (GCC loads them one by one otherwise). */
#if defined(__GNUC__)
#define DW_LDRD(a, b, i, k)                                                                    \
    __asm__("ldrd %0, %1, [%2, #%c3]"                                                          \
            : "=&r"(a), "=r"(b)                                                                \
            : "r"(g), "n"(offsetof(dw_group_t, pc) + 4 * (8 * (i) + (k))), "m"(g->pc[i]))
#else
#define DW_LDRD(a, b, i, k) ((a) = g->pc[i][k], (b) = g->pc[i][(k) + 1])
#endif

#define DW_PAIR(i, p01, p23)                                                                   \
    do {                                                                                       \
        const int16x2_t p01_ = (p01), p23_ = (p23);                                            \
        int32_t w01_, w20_, w12_, b_, m_[2], e_, pad_;                                         \
        DW_LDRD(w01_, w20_, i, 0);                                                             \
        DW_LDRD(w12_, b_, i, 2);                                                               \
        int32_t u_ = __smlad(p01_, (int16x2_t)w01_, b_);                                       \
        int32_t v_ = __smlatt(p01_, (int16x2_t)w20_, b_);                                      \
        u_ = __smlabb(p23_, (int16x2_t)w20_, u_);                                              \
        v_ = __smlad(p23_, (int16x2_t)w12_, v_);                                               \
        DW_LDRD(m_[0], m_[1], i, 4);                                                           \
        DW_LDRD(e_, pad_, i, 6);                                                               \
        (void)pad_;                                                                            \
        u_ = dw_rq(u_, m_, e_, 0);                                                             \
        v_ = dw_rq(v_, m_, e_, 0);                                                             \
        if ((i) == 0) {                                                                        \
            r0 = (uint32_t)u_;                                                                 \
            r1 = (uint32_t)v_;                                                                 \
        } else {                                                                               \
            DW_BFI(r0, u_, (8 * (i)));                                                         \
            DW_BFI(r1, v_, (8 * (i)));                                                         \
        }                                                                                      \
    } while (0)

/* Outputs o, o + 1 of a run of three taps, stride 1 and no dilation
 * ((3, 1) columns, 1x3 rows), no s term and no clamp, x and out at o: the
 * two share their inputs' halfword pairs. */
NNOM_INLINE void dw_pair3(const dw_group_t *g, const int8_t *x, int8_t *out, int16x2_t off,
                          int32_t xs, int32_t op)
{
    const uint32_t v0 = nnom_read4(x), v1 = nnom_read4(x + xs);
    const uint32_t v2 = nnom_read4(x + 2 * xs), v3 = nnom_read4(x + 3 * xs);
    const uint32_t lo01 = dw_pkhbt(v0, v1), lo23 = dw_pkhbt(v2, v3);
    const uint32_t hi01 = dw_pkhtb(v1, v0), hi23 = dw_pkhtb(v3, v2);
    uint32_t r0, r1;
    DW_PAIR(0, __sxtab16(off, (int8x4_t)lo01), __sxtab16(off, (int8x4_t)lo23));
    DW_PAIR(1, nnom_sxtab16_odd(off, lo01), nnom_sxtab16_odd(off, lo23));
    DW_PAIR(2, __sxtab16(off, (int8x4_t)hi01), __sxtab16(off, (int8x4_t)hi23));
    DW_PAIR(3, nnom_sxtab16_odd(off, hi01), nnom_sxtab16_odd(off, hi23));
    memcpy(out, &r0, 4);
    memcpy(out + op, &r1, 4);
}

/* n >= 2 such outputs, two per step; an odd n ends with a step back by
 * one output (the output never overlaps the input). */
static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_pairs3(const dw_group_t *g, const int8_t *x,
                                                    int8_t *out, int32_t n)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, op = g->op;
    int32_t pairs = n >> 1;
    do {
        dw_pair3(g, x, out, off, xs, op);
        x += 2 * xs;
        out += 2 * op;
    } while (--pairs);
    if (n & 1)
        dw_pair3(g, x - xs, out - op, off, xs, op);
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

/* Two words of half h's row r records, g->p33[h][r][k] and [k + 1]. */
#if defined(__GNUC__)
#define DW_LDRD33(a, b, h, r, k)                                                               \
    __asm__("ldrd %0, %1, [%2, #%c3]"                                                          \
            : "=&r"(a), "=r"(b)                                                                \
            : "r"(g), "n"(offsetof(dw_group_t, p33) + 4 * (6 * (3 * (h) + (r)) + (k))),      \
              "m"(g->p33[h][r]))
#else
#define DW_LDRD33(a, b, h, r, k) ((a) = g->p33[h][r][k], (b) = g->p33[h][r][(k) + 1])
#endif

/* Row r of half h for outputs o, o + 1 (x at o's first tap of the row):
 * the four inputs' two channels as halfword pairs (x[o], x[o+1]),
 * (x[o+2], x[o+3]), each pair serving both outputs (dw_pair3's sums). */
#define DW_ROW33(h, r, xq)                                                                     \
    do {                                                                                       \
        const uint32_t v0_ = nnom_read4(xq), v1_ = nnom_read4((xq) + xs);                      \
        const uint32_t v2_ = nnom_read4((xq) + 2 * xs), v3_ = nnom_read4((xq) + 3 * xs);       \
        const uint32_t l01_ = (h) ? dw_pkhtb(v1_, v0_) : dw_pkhbt(v0_, v1_);                   \
        const uint32_t l23_ = (h) ? dw_pkhtb(v3_, v2_) : dw_pkhbt(v2_, v3_);                   \
        int32_t w0_, w1_, w2_, w3_, w4_, w5_;                                                  \
        DW_LDRD33(w0_, w1_, h, r, 0);                                                          \
        const int16x2_t a01_ = __sxtab16(off, (int8x4_t)l01_);                                 \
        const int16x2_t a23_ = __sxtab16(off, (int8x4_t)l23_);                                 \
        ua = __smlad(a01_, (int16x2_t)w0_, ua);                                                \
        va = __smlatt(a01_, (int16x2_t)w1_, va);                                               \
        ua = __smlabb(a23_, (int16x2_t)w1_, ua);                                               \
        DW_LDRD33(w2_, w3_, h, r, 2);                                                          \
        va = __smlad(a23_, (int16x2_t)w2_, va);                                                \
        const int16x2_t b01_ = nnom_sxtab16_odd(off, l01_);                                    \
        const int16x2_t b23_ = nnom_sxtab16_odd(off, l23_);                                    \
        DW_LDRD33(w4_, w5_, h, r, 4);                                                          \
        ub = __smlad(b01_, (int16x2_t)w3_, ub);                                                \
        vb = __smlatt(b01_, (int16x2_t)w4_, vb);                                               \
        ub = __smlabb(b23_, (int16x2_t)w4_, ub);                                               \
        vb = __smlad(b23_, (int16x2_t)w5_, vb);                                                \
    } while (0)

/* Half h (channels 2h, 2h + 1) of outputs o, o + 1 of a 3x3 window run,
 * stride 1, no s term and no clamp: x, out at o. */
#define DW_HALF33(h)                                                                           \
    do {                                                                                       \
        int32_t ua, ub, va, vb, m_[2], e_, b_;                                                 \
        DW_LDRD(b_, m_[0], 2 * (h), 3);                                                        \
        ua = va = b_;                                                                          \
        DW_LDRD(b_, m_[1], 2 * (h) + 1, 3);                                                    \
        ub = vb = b_;                                                                          \
        DW_ROW33(h, 0, x);                                                                     \
        DW_ROW33(h, 1, x + xr);                                                                \
        DW_ROW33(h, 2, x + 2 * xr);                                                            \
        DW_LDRD(m_[0], m_[1], 2 * (h), 4);                                                     \
        DW_LDRD(e_, b_, 2 * (h), 6);                                                           \
        uint32_t ro_ = (uint32_t)dw_rq(ua, m_, e_, 0), rp_ = (uint32_t)dw_rq(va, m_, e_, 0);   \
        DW_LDRD(m_[0], m_[1], 2 * (h) + 1, 4);                                                 \
        DW_LDRD(e_, b_, 2 * (h) + 1, 6);                                                       \
        DW_BFI(ro_, dw_rq(ub, m_, e_, 0), 8);                                                  \
        DW_BFI(rp_, dw_rq(vb, m_, e_, 0), 8);                                                  \
        const uint16_t so_ = (uint16_t)ro_, sp_ = (uint16_t)rp_;                               \
        memcpy(out + 2 * (h), &so_, 2);                                                        \
        memcpy(out + op + 2 * (h), &sp_, 2);                                                   \
    } while (0)

/* n >= 2 outputs of each of the lines ls (3x3 windows, stride 1 along u,
 * no s term and no clamp), two per step; an odd n ends with a step back by
 * one output (the output never overlaps the input). */
static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_pairs33(const dw_group_t *g, const int8_t *x0,
                                                     int8_t *out0, int32_t n,
                                                     const dw_lines_t *ls)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, xr = g->xr, op = g->op;
    for (int32_t l = 0; l < ls->n; l++) {
        const int8_t *x = x0 + l * ls->xl;
        int8_t *out = out0 + l * ls->ol;
        for (int32_t i = 0; i < n; i += 2) {
            if (i + 1 == n) { /* the last output alone: the pair before it again */
                x -= xs;
                out -= op;
            }
            DW_HALF33(0);
            DW_HALF33(1);
            x += 2 * xs;
            out += 2 * op;
        }
    }
}
#undef DW_HALF33
#undef DW_ROW33
#undef DW_LDRD33
#undef DW_PAIR
#undef DW_LDRD
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

/* Lines of 2D windows (dw_ink) of at most this many outputs go output by
 * output in one call (each window placed in the input by two compares;
 * three runs cost three calls' set-up). */
#define DW_INK_SHORT 4

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

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_short_0(const dw_group_t *g, const dw_line_t *l,
                                                         int32_t kk, const dw_lines_t *ls)
{
    dw_ink_short_mode(g, l, kk, 0, ls);
}

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_ink_short_3(const dw_group_t *g, const dw_line_t *l,
                                                         int32_t kk, const dw_lines_t *ls)
{
    dw_ink_short_mode(g, l, kk, DW_SIGN | DW_CLAMP, ls);
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

/* A whole group of a 3x3 layer in one call (no dilation, the input at
 * least 3 x 3, every window with a tap in the input): every output's window
 * moved into the input along both axes, against widened weights with two
 * zero taps on every side of the kernel (rows of zero taps above and below
 * too, see group_of), so that each line is three runs of the 3x3 loop
 * (border, inside, border) and no output goes tap by tap. */
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

/* The whole plane output by output (u.out <= DW_PLANE_TAB). */
NNOM_INLINE void dw_plane3_tab(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, xr = g->xr, ob = p->u.ob;
    for (int32_t ov = 0; ov < p->v.out; ov++) {
        const int8_t *xl = p->x + p->tv[ov][0];
        const int16x2_t *wl = g->w + p->tv[ov][1];
        int8_t *out = p->out + ov * p->v.ob;
        const int32_t(*tu)[2] = p->tu, (*tend)[2] = p->tu + p->u.out;
        do {
            const int8_t *x = xl + (*tu)[0];
            const int16x2_t *w = wl + (*tu)[1];
            int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
            DW_WIN3_TAPS(x, w, xs, xr);
            dw_store(a0, a1, a2, a3, g, mode, out);
            out += ob;
        } while (++tu != tend);
    }
}

NNOM_INLINE void dw_plane3_mode(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const dw_axis_t *u = &p->u, *v = &p->v;
    if (u->out <= DW_PLANE_TAB) {
        dw_plane3_tab(g, p, mode);
        return;
    }
    const int32_t ulast = u->in - 3, vlast = v->in - 3;
    /* the three runs of a line: outputs, first input and weights (offsets
     * from the line's), steps between outputs */
    const int32_t n[3] = {p->lo, p->hi - p->lo, u->out - p->hi};
    const int32_t xo[3] = {0, (p->lo * u->s - u->pad) * u->xb, ulast * u->xb};
    const int32_t wo[3] = {2 * u->pad, 0, 2 * (ulast - (p->hi * u->s - u->pad))};
    const int32_t oo[3] = {0, p->lo * u->ob, p->hi * u->ob};
    const int32_t xp[3] = {0, g->xp, 0}, wp[3] = {-2 * u->s, 0, -2 * u->s};
    for (int32_t ov = 0; ov < v->out; ov++) {
        const int32_t v0 = ov * v->s - v->pad;
        const int32_t vs = v0 < 0 ? 0 : (v0 > vlast ? vlast : v0);
        const int8_t *xl = p->x + vs * v->xb;
        const int16x2_t *wl = g->w + 2 * ((DW_VLEAD + vs - v0) * DW_ROW(3) + DW_LEAD(3));
        int8_t *ol = p->out + ov * v->ob;
        for (int r = 0; r < 3; r++) {
            if (r == 1 && n[1] >= 2 && g->pairs33 && vs == v0) {
                const dw_lines_t one = {1, 0, 0};
                dw_pairs33(g, xl + xo[1], ol + oo[1], n[1], &one);
                continue;
            }
            if (n[r] > 0)
                dw_in3_mode(g, xl + xo[r], wl + wo[r], ol + oo[r], n[r], 3, mode, xp[r], wp[r]);
        }
    }
}

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_plane3_0(const dw_group_t *g, const dw_plane_t *p)
{
    dw_plane3_mode(g, p, 0);
}

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_plane3_3(const dw_group_t *g, const dw_plane_t *p)
{
    dw_plane3_mode(g, p, DW_SIGN | DW_CLAMP);
}

/* A whole group of a layer of one row of k taps along u ((k, 1) columns
 * down the height, (1, k) rows along the width; no dilation, every window
 * with a tap in the input) in one call: per line three runs of the inside
 * loops (border, inside, border), the border windows moved into the input
 * as in dw_edge. */
NNOM_INLINE void dw_col_mode(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const dw_axis_t *u = &p->u, *v = &p->v;
    const int32_t k = u->k, kk = k < u->in ? k : u->in, ulast = u->in - kk;
    const int32_t n[3] = {p->lo, p->hi - p->lo, u->out - p->hi};
    const int32_t xo[3] = {0, (p->lo * u->s - u->pad) * u->xb, ulast * u->xb};
    const int32_t wo[3] = {2 * u->pad, 0, 2 * (ulast - (p->hi * u->s - u->pad))};
    const int32_t oo[3] = {0, p->lo * u->ob, p->hi * u->ob};
    const int32_t xp[3] = {0, g->xp, 0}, wp[3] = {-2 * u->s, 0, -2 * u->s};
    const int16x2_t *w = g->w + 2 * DW_LEAD(k);
    for (int32_t ov = 0; ov < v->out; ov++) {
        const int8_t *xl = p->x + ov * v->s * v->xb;
        int8_t *ol = p->out + ov * v->ob;
        for (int r = 0; r < 3; r++) {
            const int32_t taps = r == 1 ? k : kk;
            if (n[r] <= 0)
                continue;
            if (r == 1 && g->pairs && n[1] >= 2)
                dw_pairs3(g, xl + xo[1], ol + oo[1], n[1]);
            else if (taps == 3)
                dw_in3_mode(g, xl + xo[r], w + wo[r], ol + oo[r], n[r], 1, mode, xp[r], wp[r]);
            else
                dw_in1_mode(g, xl + xo[r], w + wo[r], ol + oo[r], n[r], taps, mode, xp[r], wp[r]);
        }
    }
}

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_col_0(const dw_group_t *g, const dw_plane_t *p)
{
    dw_col_mode(g, p, 0);
}

static NNOM_NOINLINE NNOM_DW_NOSCHED void dw_col_3(const dw_group_t *g, const dw_plane_t *p)
{
    dw_col_mode(g, p, DW_SIGN | DW_CLAMP);
}

/* 1 where a layer of one row of taps along u suits dw_col (v: one tap). */
static int dw_col_axes(const dw_axis_t *u, const dw_axis_t *v)
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

#if NNOM_LOCAL_MAC_ASM
/* Group c's records for nnom_dwcol_s8 (nnom_local_dwcol.h), k taps along
 * u, oc bytes apart in the weights; 0 where a channel does not suit its
 * requantisation (groups_fit()'s check without branches, on the values
 * the records read anyway). */
static int dwcol_records(const dw_ctx_t *t, int32_t c, int32_t k, int32_t *rec)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t oc = t->oc;
    const int8_t *w = a->weight + c;
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

/* Every line's border rows, all ic channels (ic bytes a row): per line
 * across v, ntop rows from -pad, then nbot rows from ybot; the input zero
 * point outside the input. */
static void dwcol_edges(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v, int32_t ntop,
                        int32_t nbot, int32_t ybot, int8_t *e)
{
    const int8_t *x = t->a->input;
    const size_t ic = (size_t)t->ic;
    for (int32_t ov = 0; ov < v->out; ov++, x += v->s * v->xb)
        for (int32_t r = 0; r < ntop + nbot; r++, e += ic) {
            const int32_t y = r < ntop ? r - u->pad : ybot + r - ntop;
            if (y >= 0 && y < u->in)
                memcpy(e, x + y * u->xb, ic);
            else
                memset(e, t->a->p.input_zp, ic);
        }
}

/* A layer of one row of k taps along u (dw_col_axes; no s term, no clamp,
 * some outputs inside the input along u): group by group and line by
 * line, the inside outputs by nnom_dwcol_s8 on the input, the border ones
 * on copies of the rows they reach (zero point outside the input, which
 * the records' bias takes off like any input): of every line and channel
 * once where they fit DW_EDGE_BYTES (with the converter's records also
 * the records' room), else per group and line; with both, all groups in
 * one call per run. 0 where the copies would not fit or a group's
 * requantisation does not suit (the groups before it written; the
 * fallback rewrites them). */
static NNOM_NOINLINE int dw_col_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
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
     * there; channels a multiple of four) */
    uint32_t rows[DW_EDGE_BYTES / 4 + 4 + 4 * (DW_MAX_TAPS / 2 + 1) + 12];
    int32_t *const rec = (int32_t *)rows + DW_EDGE_BYTES / 4;
    const int32_t *given = t->oc % 4 == 0 && a->records != NULL && (a->records[0] & 1) == 0
                               ? a->records
                               : NULL; /* (odd: nnom_local_dwpair.h's) */
    const int32_t room = given != NULL ? (int32_t)sizeof rows : DW_EDGE_BYTES;
    const int32_t line = (ntop + nbot) * t->ic; /* bytes of a line's rows in the whole copy */
    const int whole = line == 0 || v->out <= room / line;
    const int32_t xs = whole ? t->ic : 4; /* between the copied rows */
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    nnom_dwcol_job_t edge = {NULL, NULL, rec, 0, xs, s * xs, u->ob, k / 2, k & 1, 1};
    nnom_dwcol_job_t in = {NULL, NULL, rec, hi - lo, u->xb, s * u->xb, u->ob, k / 2, k & 1, 1};
    const int both = lo == 1 && u->out - hi == 1 && (whole || ntop + nbot <= DW_EDGE_ROWS);
    nnom_dwcol_job_t two = {NULL, NULL, rec, 2, xs, ntop * xs, hi * u->ob, k / 2, k & 1, 1};
    if (whole)
        dwcol_edges(t, u, v, ntop, nbot, ybot, (int8_t *)rows);
    const int32_t words = 4 + 4 * (k / 2) + 2 * (k & 1) + 12; /* a group's */
    /* with them and the rows copied for every channel: all groups in one
     * call per run (the group after c + 4 (all - 1) is the end) */
    const int32_t all = given != NULL && whole ? t->oc / 4 : 1;
    in.groups = edge.groups = two.groups = all;
    for (int32_t c = 0; c < t->oc; c = dw_next_group(c + 4 * (all - 1), t->oc)) {
        const int32_t *r = given != NULL ? given + c / 4 * words : rec;
        if (given == NULL && !dwcol_records(t, c, k, rec))
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

/* 1 where the lines run down the height (u): always for (k, 1) kernels;
 * at -O2 also where the height has more outputs than the width (fewer,
 * longer lines). */
static int dw_down(const dw_ctx_t *t)
{
#if defined(__OPTIMIZE_SIZE__)
    return t->kw == 1 && t->kh > 1;
#else
    return (t->kw == 1 && t->kh > 1) || (t->oh > t->ow && t->kh > 1);
#endif
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

#if NNOM_LOCAL_MAC_ASM
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

/* Lines of at least this many outputs run nnom_dw3_s8 (its four outputs
 * at either end on copies of the rows they reach, the rest on the input:
 * at least one full pass inside, see dw3_asm) */
#define DW3_MIN_OUT 10
/* Bytes of the border rows' copies of every line and channel (12 rows of
 * 96 channels): where they fit, and the converter gave the records, all
 * groups run in one call per line */
#define DW3_EDGE_BYTES 1152

/* A layer of one row of three taps at stride 1 along u (dw_col_axes, no s
 * term, no clamp, lines of DW3_MIN_OUT outputs or more): group by group
 * and line by line one call of nnom_dw3_s8 with up to three runs: the
 * outputs [4, out - 4) on the input (all of them where no window leaves
 * the input on that side), and the four outputs at either end on copies
 * of the six rows they reach (the input zero point outside the input,
 * which the bias takes off). 0 where a group's requantisation does not
 * suit (the groups before it written; the fallback rewrites them). */
static NNOM_NOINLINE int dw3_asm(const dw_ctx_t *t, const dw_axis_t *u, const dw_axis_t *v,
                                 int32_t lo, int32_t hi)
{
    const nnom_conv_args_t *a = t->a;
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
     * group's built here. With them and channels a multiple of four, where
     * they fit DW3_EDGE_BYTES, rows of every line and channel are copied
     * once and every group runs in one call per line: on short lines all
     * the rows the line reaches (one run), else the border rows */
    const int32_t *given = a->records;
    const int one_call = given != NULL && t->oc % 4 == 0;
    uint32_t edges[DW3_EDGE_BYTES / 4];
    const int all = one_call && v->out * (u->out + 2) * t->ic <= DW3_EDGE_BYTES;
    const int32_t nt = all ? u->out + 2 : top ? 6 : 0, nb = all || !bot ? 0 : 6;
    const int32_t line = (nt + nb) * t->ic;
    const int whole = one_call && v->out * line <= DW3_EDGE_BYTES;
    const int32_t es = whole ? t->ic : 4; /* between the copied rows */
    nnom_dw3_run_t runs[3];
    int32_t count = 0;
    if (all)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, u->out, es, u->ob};
    if (in && !all)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, n, xb, u->ob};
    if (top && !all)
        runs[count++] = (nnom_dw3_run_t){(const int8_t *)rows[0], NULL, 4, es, u->ob};
    if (bot && !all)
        runs[count++] = (nnom_dw3_run_t){(const int8_t *)rows[1], NULL, 4, es, u->ob};
    if (whole) {
        dwcol_edges(t, u, v, nt, nb, ybot, (int8_t *)edges);
        const int8_t *x = a->input, *e = (const int8_t *)edges;
        int8_t *out = a->output;
        for (int32_t ov = v->out; ov > 0; ov--, x += vx, out += vo, e += line) {
            nnom_dw3_run_t *r = runs;
            if (in && !all) {
                r->x = x + xin;
                r->out = out + oin;
                r++;
            }
            if (top || all) {
                r->x = e;
                r->out = out;
                r++;
            }
            if (bot && !all) {
                r->x = e + nt * t->ic;
                r->out = out + obot;
            }
            nnom_dw3_s8(given, runs, count, t->oc / 4);
        }
        return 1;
    }
    for (int32_t c = 0; c < t->oc; c = dw_next_group(c, t->oc)) {
        const int32_t *gr = given != NULL ? given + c * NNOM_DW3_REC : rec;
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
            nnom_dw3_s8(gr, runs, count, 1);
        }
    }
    return 1;
}
#endif

#if NNOM_LOCAL_MAC_ASM
/* Layers of one row of k taps without the s term and the clamp: dw3_asm
 * for three taps at stride 1 (on lines shorter than DW3_MIN_OUT dw_pairs3
 * in dw_groups costs less), dw_col_asm for the others. Its own call from
 * nnom_local_dwconv_s8 (its stack does not add to dw_groups'). */
static NNOM_NOINLINE int dw_col_try(const dw_ctx_t *t)
{
    dw_axis_t u, v;
    int32_t lo, hi;
    if (t->kh != 1 && t->kw != 1)
        return 0;
    const int mode = dw_axes(t, &u, &v, &lo, &hi);
    if (mode != 0 || hi <= lo || t->kh * t->kw != u.k || !dw_col_axes(&u, &v))
        return 0;
    if (u.k == 3 && u.s == 1) /* dw3_asm, or dw_pairs3 on short lines */
        return u.out >= DW3_MIN_OUT && dw3_asm(t, &u, &v, lo, hi);
    return dw_col_asm(t, &u, &v, lo, hi);
}
#endif

/* Multiplier 1, channels a multiple of four, kh * kw <= DW_MAX_TAPS: group
 * by group, the outputs of a line along u whose windows lie inside the
 * input in one call. 0 (nothing written) where a channel does not suit:
 * the caller then runs the per-pixel path. */
static NNOM_NOINLINE int dw_groups(const dw_ctx_t *t)
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

static int groups_suit(const nnom_conv_args_t *a)
{
    return NNOM_LOCAL_DSP && a->ch_mult == NNOM_DW_GROUP_MULTIPLIER && a->out.c == a->in.c &&
           a->out.c % NNOM_DW_GROUP_CHANNELS == 0 && a->k.h * a->k.w <= DW_MAX_TAPS;
}

#if NNOM_LOCAL_DSP
/* The local kernel's own rule: groups_suit(), or at -O2 more than four
 * channels not a multiple of four (the last group overlaps, see
 * dw_next_group(); the CMSIS-NN backend keeps CMSIS-NN's kernel there, as
 * the converter plans). */
static int groups_take(const nnom_conv_args_t *a)
{
#if defined(__OPTIMIZE_SIZE__)
    return groups_suit(a);
#else
    return groups_suit(a) || (a->ch_mult == 1 && a->out.c == a->in.c && a->out.c > 4 &&
                              a->k.h * a->k.w <= DW_MAX_TAPS);
#endif
}
#endif

/* The CMSIS-NN backend's check where NNOM_DW_GROUP_OVER_CMSIS_NN: this
 * kernel where its group path runs (faster than CMSIS-NN's depthwise
 * kernel on every shape measured, docs/benchmarks.md), CMSIS-NN's
 * elsewhere. No scratch. */
uint32_t nnom_local_dwconv_s8_scratch(const void *args)
{
    return groups_suit((const nnom_conv_args_t *)args) ? 0u : NNOM_UNSUITED;
}

/* One output pixel, multiplier 1: x and w point at the first valid tap of
 * channel 0; rows x cols valid taps. */
static NNOM_NOINLINE void dw_pixel(const dw_ctx_t *t, const int8_t *x, const int8_t *w,
                                   int32_t rows, int32_t cols, int8_t *out)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t oc = t->oc, zp_out = a->p.output_zp, lo = a->p.act_min, hi = a->p.act_max;
    /* raw inputs and bias_folded for whole windows without DSP (with DSP the
     * zero point costs nothing) */
    const int folded = !NNOM_LOCAL_DSP && rows == t->kh && cols == t->kw && a->bias_folded != NULL;
    const int32_t *bias = folded ? a->bias_folded : a->bias;
    const int32_t zp = folded ? 0 : a->p.input_zp;
    int32_t c = 0;
    for (; c + 4 <= oc; c += 4) {
        int32_t acc[4] = {bias[c], bias[c + 1], bias[c + 2], bias[c + 3]};
        taps4(t, x + c, w + c, rows, cols, zp, acc);
        const int32_t *m = a->rq.mult + c, *sh = a->rq.shift + c;
        const nnom_rq_t r0 = nnom_rq_of(m[0], sh[0], zp_out);
        out[c] = nnom_rq_apply(acc[0], r0, lo, hi);
        const nnom_rq_t r1 = nnom_rq_of(m[1], sh[1], zp_out);
        out[c + 1] = nnom_rq_apply(acc[1], r1, lo, hi);
        const nnom_rq_t r2 = nnom_rq_of(m[2], sh[2], zp_out);
        out[c + 2] = nnom_rq_apply(acc[2], r2, lo, hi);
        const nnom_rq_t r3 = nnom_rq_of(m[3], sh[3], zp_out);
        out[c + 3] = nnom_rq_apply(acc[3], r3, lo, hi);
    }
    const int32_t xstep = t->dw * t->ic, xrow = t->dh * t->iw * t->ic;
    for (; c < oc; c++) {
        int32_t acc = a->bias[c];
        const int8_t *xr = x + c, *wr = w + c;
        for (int32_t ky = 0; ky < rows; ky++, xr += xrow, wr += t->kw * oc) {
            const int8_t *xp = xr, *wp = wr;
            for (int32_t kx = 0; kx < cols; kx++, xp += xstep, wp += oc)
                acc += (*xp - a->p.input_zp) * *wp;
        }
        const nnom_rq_t r = nnom_rq_of(a->rq.mult[c], a->rq.shift[c], zp_out);
        out[c] = nnom_rq_apply(acc, r, lo, hi);
    }
}

/* Any multiplier, one output channel at a time. */
static void dw_generic(const dw_ctx_t *t, int32_t mult)
{
    const nnom_conv_args_t *a = t->a;
    const int32_t zp = a->p.input_zp;
    for (int32_t oc = 0; oc < t->oc; oc++) {
        const int32_t c = oc / mult;
        const nnom_rq_t rq = nnom_rq_of(a->rq.mult[oc], a->rq.shift[oc], a->p.output_zp);
        int8_t *out = a->output + oc;
        for (int32_t oy = 0; oy < t->oh; oy++) {
            const int32_t y0 = oy * t->sh - t->pt;
            int32_t ky0, ky1;
            taps(y0, t->ih, t->kh, t->dh, &ky0, &ky1);
            for (int32_t ox = 0; ox < t->ow; ox++, out += t->oc) {
                const int32_t x0 = ox * t->sw - t->pl;
                int32_t kx0, kx1, acc = a->bias[oc];
                taps(x0, t->iw, t->kw, t->dw, &kx0, &kx1);
                for (int32_t ky = ky0; ky < ky1; ky++) {
                    const int32_t y = y0 + ky * t->dh;
                    for (int32_t kx = kx0; kx < kx1; kx++) {
                        const int32_t x = x0 + kx * t->dw;
                        acc += (a->input[(y * t->iw + x) * t->ic + c] - zp) *
                               a->weight[(ky * t->kw + kx) * t->oc + oc];
                    }
                }
                *out = nnom_rq_apply(acc, rq, a->p.act_min, a->p.act_max);
            }
        }
    }
}

nnom_status_t nnom_local_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    (void)ctx;
#if NNOM_LOCAL_MAC_ASM
    if (a->k.h * a->k.w == 2 && nnom_dwpair_try(a)) /* (2, 1), (1, 2): converter's records */
        return NN_SUCCESS;
    if (a->k.h * a->k.w == 3 && a->records != NULL && a->records[0] == 1 && nnom_dw3s2_try(a))
        return NN_SUCCESS; /* (3, 1), (1, 3) at stride 2: the converter's records */
    if (a->out.h == 1 && a->out.w == 1 && nnom_dwone_try(a)) /* the whole input in one window */
        return NN_SUCCESS;
    if (nnom_dw_tiny_asks(a) && nnom_dw_tiny_s8(a)) /* one to seven channels, one row of taps */
        return NN_SUCCESS;
#endif
    const dw_ctx_t t = {a,           a->in.h,         a->in.w,         a->in.c,
                        a->k.h,      a->k.w,          a->p.stride_h,   a->p.stride_w,
                        a->p.dilation_h, a->p.dilation_w, a->p.pad_top, a->p.pad_left,
                        a->out.h,    a->out.w,        a->out.c};
    if (a->ch_mult < 1 || t.oc != t.ic * a->ch_mult)
        return NN_SIZE_MISMATCH;
    if (a->ch_mult != 1) {
        dw_generic(&t, a->ch_mult);
        return NN_SUCCESS;
    }
#if NNOM_LOCAL_MAC_ASM
    if (nnom_dw_flat_asks(a) && nnom_dw_flat_s8(a))
        return NN_SUCCESS;
    if (groups_take(a) && (dw_col_try(&t) || nnom_dwwin_try(a) || dw_groups(&t)))
        return NN_SUCCESS;
#elif NNOM_LOCAL_DSP
    if (groups_take(a) && dw_groups(&t))
        return NN_SUCCESS;
#endif
#if NNOM_DWBLOCK /* windows of more than DW_MAX_TAPS taps, in blocks */
    if (nnom_dwblock_suits(a)) {
        nnom_dwblock_s8(a);
        return NN_SUCCESS;
    }
#endif
    int8_t *out = a->output;
    for (int32_t oy = 0; oy < t.oh; oy++) {
        const int32_t y0 = oy * t.sh - t.pt;
        int32_t ky0, ky1;
        taps(y0, t.ih, t.kh, t.dh, &ky0, &ky1);
        for (int32_t ox = 0; ox < t.ow; ox++, out += t.oc) {
            const int32_t x0 = ox * t.sw - t.pl;
            int32_t kx0, kx1;
            taps(x0, t.iw, t.kw, t.dw, &kx0, &kx1);
            const int empty = ky1 <= ky0 || kx1 <= kx0;
            const int8_t *x =
                empty ? a->input : a->input + ((y0 + ky0 * t.dh) * t.iw + x0 + kx0 * t.dw) * t.ic;
            const int8_t *w = a->weight + (ky0 * t.kw + kx0) * t.oc;
            dw_pixel(&t, x, w, empty ? 0 : ky1 - ky0, empty ? 0 : kx1 - kx0, out);
        }
    }
    return NN_SUCCESS;
}
