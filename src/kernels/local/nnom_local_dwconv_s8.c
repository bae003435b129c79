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
 * The dispatcher tries, in this order: with NNOM_LOCAL_MAC_ASM the
 * converter's records for (2, 1)/(1, 2) (nnom_local_dwpair_dsp.c), for
 * (3, 1)/(1, 3) at stride 2 (nnom_local_dw3s2_dsp.c), one window over the
 * whole input (nnom_local_dwone_dsp.c); multipliers other than 1 (dw_generic,
 * here); the flat loops (nnom_local_dw_flat_dsp.c); one row of taps on
 * planes, lines across the taps (nnom_local_dwcross_dsp.c); with DSP, where
 * groups_take(), layers of one row of taps in assembly on short lines
 * (nnom_local_dwacross_dsp.c) or others (nnom_local_dwcolrun_dsp.c), small
 * planes (nnom_local_dwwin_dsp.c) and the
 * group path (nnom_local_dwgroup_dsp.c); windows of more than DW_MAX_TAPS
 * taps in blocks (nnom_local_dwblock_dsp.c); else pixel by pixel (dw_pixel,
 * here). nnom_local_dwconv.h holds what they share.
 */
#include <stddef.h>

#include "nnom_local_dw3.h"
#include "nnom_local_dw3line.h"
#include "nnom_local_dw3s2v.h"
#include "nnom_local_dwline.h"
#include "nnom_local_dw3s2.h"
#include "nnom_local_dw_few.h"
#include "nnom_local_dw_flat.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwblock.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwcross.h"
#include "nnom_local_dwpair.h"
#include "nnom_local_dwone.h"
#include "nnom_local_dwone4.h"
#include "nnom_local_dw3s2l.h"
#include "nnom_local_dwrect.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dw2.h"
#include "nnom_local_dwch.h"
#include "nnom_local_dwplane1.h"
#include "nnom_local_dwvp.h"
#include "nnom_local_dwfew.h"
#include "nnom_local_dwwin.h"
#include "nnom_local_simd.h"
#include "nnom_dw_steps.h"
#include "../nnom_backend.h"

#define NNOM_DW_TAPS_HERE
#include "nnom_local_dwconv.h"
#include "nnom_local_dwacross.h" /* (after: it includes nnom_local_dwconv.h) */
#include "nnom_local_dwsteps.h"

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
static int groups_suit(const nnom_conv_args_t *a)
{
    return NNOM_LOCAL_DSP && a->ch_mult == NNOM_DW_GROUP_MULTIPLIER && a->out.c == a->in.c &&
           a->out.c % NNOM_DW_GROUP_CHANNELS == 0 && a->k.h * a->k.w <= DW_MAX_TAPS;
}

#if NNOM_LOCAL_DSP
/* The local kernel's own rule: groups_suit(), or at -O2 more than four
 * channels not a multiple of four (the last group overlaps, see
 * dw_next_group(); the CMSIS-NN backend's depthwise entry hands every
 * multiplier-1 layer to this kernel at -O2 on DSP cores). */
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

#if NNOM_LOCAL_MAC_ASM
/* The paths are steps tried in order (the first that takes the layer
 * runs); the step a layer's first run took is kept in ctx->keep, and later
 * runs start there (a switch, the steps falling through to the next; a
 * step before DW_GENERIC, or DW_WIN to DW_RECT5, straight to its path,
 * dw_kept()), not paying
 * the refusals before it: the choice depends on the arguments
 * alone, which stay the same until model_compile() clears the byte. A kept
 * step that refused would pass on to the next (every path is exact).
 * The steps before DW_GENERIC take the arguments alone, before t's stores
 * (~25 instructions a layer they take); dw_early() and dw_late() return
 * the step that ran, 0 where none of theirs took the layer (dw_early: -1
 * for a size mismatch). The steps are the rows of DW_STEPS
 * (nnom_local_dwsteps.h): a new path is a new row there, in its place. */
enum {
    DW_FIRST, /* 0: no run yet, every step in order */
#define DW_ENUM(NAME, KEPT, DIRECT) DW_##NAME,
    DW_STEPS(DW_ENUM)
#undef DW_ENUM
    DW_COUNT
};

/* C99's static assert: a negative array size where C fails */
#define DW_CHECK(NAME, C) typedef char dw_check_##NAME[(C) ? 1 : -1]
/* every stable bit has its row and every row its own bit (the bits of
 * the rows are 0 to NNOM_DW_BIT_COUNT - 1, none twice) */
#define DW_BIT_OF(NAME, KEPT, DIRECT) | ((uint64_t)1 << NNOM_DW_BIT_##NAME)
DW_CHECK(rows, DW_COUNT - 1 == NNOM_DW_BIT_COUNT && DW_COUNT <= 64);
DW_CHECK(bits, (0 DW_STEPS(DW_BIT_OF)) == ((uint64_t)1 << NNOM_DW_BIT_COUNT) - 1u);
#undef DW_BIT_OF
/* the kept byte's range dw_kept() takes: DW_PIXEL last (the walk's end) */
DW_CHECK(order, DW_GENERIC < DW_RECT_PLANE && DW_RECT_PLANE < DW_PIXEL &&
                    DW_PIXEL == DW_COUNT - 1);

/* A step's stable bit (nnom_dw_steps.h) by the enum's order. */
static const uint8_t dw_bits[DW_COUNT] = {
    [DW_FIRST] = NNOM_DW_BIT_PIXEL, /* (no step: always linked) */
#define DW_BIT(NAME, KEPT, DIRECT) [DW_##NAME] = NNOM_DW_BIT_##NAME,
    DW_STEPS(DW_BIT)
#undef DW_BIT
};

/* The steps the build links, a bit each by the enum's order: the
 * rows' bits in NNOM_DW_STEPS, and no step, DW_GENERIC and DW_PIXEL always
 * (they take every layer the others refuse). */
#define DW_LINKS(NAME, KEPT, DIRECT) | ((uint64_t)NNOM_DW_HAS(NAME) << DW_##NAME)
#define DW_LINKED                                                                                  \
    ((0 DW_STEPS(DW_LINKS)) | (uint64_t)1 << DW_FIRST | (uint64_t)1 << DW_GENERIC |                \
     (uint64_t)1 << DW_PIXEL)

/* 1 where the build links step: a constant in the full build; elsewhere
 * the steps chosen from the arguments are asked here (a step out of the
 * mask is never kept: the layer walks on). */
static inline int dw_has(unsigned step)
{
#if NNOM_DW_STEPS_ALL
    (void)step;
    return 1;
#else
    return step < DW_COUNT && (int)((DW_LINKED >> step) & 1u);
#endif
}

/* Any of four steps linked (a build-time ask that serves them all). */
#define DW_HAS4(A, B, C, D) (NNOM_DW_HAS(A) | NNOM_DW_HAS(B) | NNOM_DW_HAS(C) | NNOM_DW_HAS(D))

/* A kept step's stable bit (nnom_model_dw_steps()): 0 for none yet. */
uint64_t nnom_local_dwconv_s8_bit(unsigned step)
{
    return step - 1u < DW_PIXEL ? (uint64_t)1 << dw_bits[step] : 0u;
}

/* The paths of the steps whose choice is more than one call, for dw_early()
 * (after its asks) and dw_kept() (asks held at the first run) alike. */
static inline int dw_two_path(const nnom_conv_args_t *a)
{
    return a->k.h > 1 && a->k.w > 1 ? nnom_dw2r_try(a) : nnom_dw2_try(a);
}

/* The short stride-2 lines' kernels by (tag - NNOM_DW3Q_TAG) / 2. */
static void (*const dw3_short_s2[])(const int32_t *, const int8_t *, int8_t *, int32_t) = {
    nnom_dw3_s2_s8, nnom_dw3_s2e_s8, nnom_dw3_s2f_s8, nnom_dw3_s2g_s8, nnom_dw3_s2a_s8,
    nnom_dw3_s2b_s8};

/* the converter's record tag: even a line (its asks checked where ask is
 * set: the first run; tested first, ~4 instructions less than after the
 * odd tags), 1 stride 2, 3 stride-2 long lines, NNOM_DW3Q_TAG to
 * NNOM_DW3G_TAG one stride-2 line of three outputs on five or six rows or
 * of four on seven or eight, to NNOM_DW3I_TAG six on 11 or 12 (their
 * records written for that layer alone: its geometry asked at the first
 * run), NNOM_DW3S_TAG one short stride-1 line, NNOM_DW3S2V_TAG one short
 * stride-2 'valid' line of two, other odd ones none of these */

/* A stride-2 short line (tags 13 to 23) on its kernels. */
static inline void dw3_q_run(const int32_t *records, const int8_t *input, int8_t *output,
                             int32_t c)
{
    const int32_t i = (records[0] - NNOM_DW3Q_TAG) >> 1;
    dw3_short_s2[i](records + 1, input, output, c);
    if (i >= 4) /* six outputs: the last three on rows 5-10 (6-11) */
        nnom_dw3_s2e_s8(records + 1 + 8 * c, input + (i + 1) * c, output + 3 * c, c);
}

/* Tag 37's step by the line's outputs: two, three, then passes of two
 * (four or six) or passes and a last three (five or seven). */
static int dw3_s2v_step(const nnom_conv_args_t *a)
{
    const int32_t n = a->out.h * a->out.w;
    return n == 2 ? DW_THREE_S2V : n == 3 ? DW_THREE_S2V3 : n & 1 ? DW_THREE_S2VN : DW_THREE_S2VP;
}

/* Tag 37's line on its step's kernel: 1, or 0 where the build left the
 * step out (nothing written: the walk goes on). */
static int dw3_s2v_run(const nnom_conv_args_t *a, int step)
{
    if (!dw_has((unsigned)step))
        return 0;
    if (step == DW_THREE_S2V)
        nnom_dw3_s2v_b_s8(a, a->input, a->output);
    else if (step == DW_THREE_S2V3)
        nnom_dw3_s2bv_b_s8(a, a->input, a->output);
    else if (step == DW_THREE_S2VP)
        nnom_dw3_s2vp_b_s8(a, a->input, a->output);
    else
        nnom_dw3_s2vn_b_s8(a, a->input, a->output);
    return 1;
}

/* Tag 25's 'valid' step: the line of two its own (the direct types'
 * entries without nnom_dw3_valid_s8's course), on whole groups or not. */
NNOM_INLINE int dw_three_sv_step(const nnom_conv_args_t *a)
{
    if (a->out.h * a->out.w != 2)
        return DW_THREE_SV;
    return (a->in.c & 3) == 0 ? DW_THREE_V2 : DW_THREE_V2O;
}

/* The step that ran (DW_THREE; the short lines' own steps, so that a kept
 * run goes straight to their kernel without the tag's tests), 0 none. */
NNOM_INLINE int dw_three_path(const nnom_conv_args_t *a, int ask)
{
    const int32_t tag = a->records[0];
    if ((tag & 1) == 0)
        return NNOM_DW_HAS(THREE) && (!ask || nnom_dw3_line_asks(a)) && nnom_dw3_line_try(a)
                   ? DW_THREE
                   : 0;
    if (tag == 1)
        return NNOM_DW_HAS(THREE) && nnom_dw3s2_try(a) ? DW_THREE : 0;
    if (tag == 3)
        return NNOM_DW_HAS(THREE) && nnom_dw3s2l_try(a) ? DW_THREE : 0;
    if ((uint32_t)tag - NNOM_DW3Q_TAG <= NNOM_DW3I_TAG - NNOM_DW3Q_TAG) { /* (13 to 23 alone) */
        if (!NNOM_DW_HAS(THREE_Q) || (ask && !nnom_dw3_s2q_asks(a)))
            return 0;
        dw3_q_run(a->records, a->input, a->output, a->in.c);
        return DW_THREE_Q;
    }
    if (tag == NNOM_DW3S2V_TAG) {
        if (ask && !nnom_dw3s2v_asks(a))
            return 0;
        const int step = dw3_s2v_step(a);
        return dw3_s2v_run(a, step) ? step : 0;
    }
    if (tag != NNOM_DW3S_TAG || (ask && !nnom_dw3s_asks(a)))
        return 0;
    if (nnom_dw3s_short(a)) {
        if (!NNOM_DW_HAS(THREE_SS))
            return 0;
        nnom_dw3_short_a_s8(a, a->out.h * a->out.w);
        return DW_THREE_SS;
    }
    /* (the step asked after the kernel in the full build: as before) */
    if (!(NNOM_DW_HAS(THREE_SV) || NNOM_DW_HAS(THREE_V2) || NNOM_DW_HAS(THREE_V2O)) ||
        (!NNOM_DW_STEPS_ALL && !dw_has((unsigned)dw_three_sv_step(a))))
        return 0;
    nnom_dw3_valid_a_s8(a, a->out.h * a->out.w);
    return dw_three_sv_step(a);
}

/* Three taps on two channels where DW_TINY3 takes them: its loop (a
 * layer's lines and channels one call) before the interleaved pairs on every
 * length it takes (entries <= 128: (1,3) s1 3x20x2 same 1,596 -> 1,288,
 * (3,1) s1 100x1x2 same 1,988 -> 1,888) */
static inline int dw_two_tiny3(const nnom_conv_args_t *a)
{
    return a->k.h * a->k.w == 3 && (nnom_dw_tiny3_asks(a) || nnom_dw_tiny3r_asks(a));
}

/* Tag 33's layers on their loop: the job in the records' head, asked at
 * build (nnom_dw_tiny3_run's C on the job cost ~30 instructions a run) */
static void (*const dw_tiny3r_fns[8])(const int32_t *, const int8_t *, int8_t *) = {
    nnom_dw3c1r_s8,  nnom_dw3c1re_s8, nnom_dw3c1r1_s8, nnom_dw3c1re1_s8,
    nnom_dw3c1rl_s8, nnom_dw3c1re_s8, nnom_dw3c1r1_s8, nnom_dw3c1re1_s8};
static inline void dw_tiny3r_run(const int32_t *r, const int8_t *input, int8_t *output)
{
    /* r[1]: 1 'same', 2 one line, 4 'valid' lines whose dd != 0 (asked:
     * the mask for the table's bounds alone) */
    dw_tiny3r_fns[r[1] & 7](r + 2, input, output);
}

static inline int dw_one_path(const nnom_conv_args_t *a)
{
    return nnom_dwone_try(a) || nnom_dwone4_try(a);
}

static int dw_early(const nnom_conv_args_t *a, unsigned from)
{
    switch (from) {
    default:
    case DW_TWO: /* two channels, one row of 3+ taps or 2-3 rows of 5+: read interleaved */
        if (NNOM_DW_HAS(TWO) && nnom_dw2_asks(a) && !dw_two_tiny3(a) && dw_two_path(a))
            return DW_TWO;
        /* fall through */
    case DW_PAIR: /* (2, 1), (1, 2): converter's records */
        if (NNOM_DW_HAS(PAIR) && a->k.h * a->k.w == 2 && nnom_dwpair_try(a))
            return DW_PAIR;
        /* fall through */
    case DW_THREE: /* (3, 1), (1, 3): the converter's records (stride 2; long lines) */
    case DW_THREE_Q:
    case DW_THREE_SS:
    case DW_THREE_SV:
    case DW_THREE_V2:
    case DW_THREE_V2O:
    case DW_THREE_S2V:
    case DW_THREE_S2V3:
    case DW_THREE_S2VP:
    case DW_THREE_S2VN:
    case DW_THREE_L:
        if (a->k.h * a->k.w == 3 && a->records != NULL) {
            const int step = dw_three_path(a, 1);
            if (step)
                return step;
        }
        /* fall through */
    case DW_LINE_TAG: /* the converter's tag: a padded line of whole groups, its head asked */
    case DW_LINE: /* one padded line of 4+ taps: copied once, one call */
        if (a->records != NULL) {
            if (a->records[0] == NNOM_DWLINE_TAG) {
                if (NNOM_DW_HAS(LINE_TAG) && nnom_dw_line_tag_asks(a)) {
                    nnom_dw_line_tag_run(a);
                    return DW_LINE_TAG;
                }
            } else if (NNOM_DW_HAS(LINE) && nnom_dw_line_asks(a) && nnom_dw_line_try(a))
                return DW_LINE;
        }
        /* fall through */
    case DW_ONE: /* the whole input in one window (odd records: 3 or 4 taps) */
    case DW_ONE3:
    case DW_ONE4:
    case DW_ONE3E:
    case DW_ONE_COL:
    case DW_ONE_K:
    case DW_ONE_IN:
    case DW_ONE_IN1:
    case DW_ONE_INL:
    case DW_ONE_IN11:
    case DW_ONE_IN13:
        if (NNOM_DW_HAS(ONE) && a->out.h == 1 && a->out.w == 1 && dw_one_path(a))
            return DW_ONE;
        /* fall through */
    case DW_COL_EARLY: /* unpadded lines of 4+ taps: the one-row loop a line
                       * (after DW_ONE: its leaner course where the window holds
                       * the whole input) */
        if (a->records != NULL && nnom_dw_col_early_asks(a)) {
            /* the converter's tag: one or two channels past a multiple of
             * four alone (its head asked once; kept, no test a run) */
            if (a->records[0] == NNOM_DWCOL_AL_TAG) {
                if (NNOM_DW_HAS(COL_ALONE) && nnom_dwcol_alone_holds(a)) {
                    nnom_dwcol_one_early(a);
                    return DW_COL_ALONE;
                }
            } else if (NNOM_DW_HAS(COL_EARLY) && nnom_dw_col_early(a))
                return DW_COL_EARLY;
        }
        /* fall through */
    case DW_COL_ALONE: /* (kept only: its layers are DW_COL_EARLY's) */
    case DW_TINY_TAG:
    case DW_TINY3:
    case DW_TINY3R:
    case DW_TINY: /* one to seven channels, one row of taps; four: the one-row loop's */
        if (a->out.c == 4) {
            const int four = a->records != NULL ? nnom_dw_four_asks(a) : 0;
            if (NNOM_DW_HAS(LINE) && four == 1 && nnom_dw_line_try(a))
                return DW_LINE;
            if (NNOM_DW_HAS(COL_EARLY) && four == 2 && nnom_dw_col_early(a))
                return DW_COL_EARLY;
            /* three taps at stride 1 on one line of 4 to 9 outputs that
             * reach here without records (the converter's form refused a
             * channel; else tag 25 or nnom_dw3_s8 took them): the tiny
             * loops (their own records, ~900 a run) against DW_FEW's
             * table (~280 an output on (3,1), ~180 on (1,3); (3,1) s1
             * 6x1x4 same 1974 -> 1193) */
            if ((uint32_t)(a->out.h * a->out.w - 4) < 6u && four == 0 &&
                a->k.h * a->k.w == 3 && (a->p.stride_h & a->p.stride_w) == 1 &&
                (a->k.h == 1 ? a->out.h : a->out.w) == 1 && NNOM_DW_HAS(TINY) &&
                nnom_dw_tiny_s8(a))
                return DW_TINY;
        } else if (nnom_dw_tiny_asks(a)) {
            /* the first word's test after the asks: the layers of 8+
             * channels that walk past here do not pay it */
            if (NNOM_DW_HAS(TINY_TAG) && a->records != NULL &&
                a->records[0] == NNOM_DWTINY_TAG && nnom_dw_tiny_tag_asks(a)) {
                nnom_dw_tiny_tag_run(a);
                return DW_TINY_TAG;
            }
            if (NNOM_DW_HAS(TINY3R) && a->records != NULL &&
                a->records[0] == NNOM_DW3C1_TAG && nnom_dw_tiny3r_asks(a)) {
                dw_tiny3r_run(a->records, a->input, a->output);
                return DW_TINY3R;
            }
            /* (DW_TINY3 is DW_TINY's loop on three taps: one of the two linked) */
            if ((NNOM_DW_HAS(TINY) || NNOM_DW_HAS(TINY3)) &&
                (NNOM_DW_STEPS_ALL ||
                 (nnom_dw_tiny3_asks(a) ? NNOM_DW_HAS(TINY3) : NNOM_DW_HAS(TINY))) &&
                nnom_dw_tiny_s8(a))
                return nnom_dw_tiny3_asks(a) ? DW_TINY3 : DW_TINY;
        }
        if (a->ch_mult < 1 || a->out.c != a->in.c * a->ch_mult)
            return -1;
        if (a->ch_mult != 1)
            return 0;
        /* fall through */
    case DW_PLANE1: /* 'valid' 2D windows on one channel, from the input's bytes */
        if (NNOM_DW_HAS(PLANE1) && nnom_dwplane1_asks(a) && nnom_dwplane1_try(a))
            return DW_PLANE1;
        /* fall through */
    case DW_VP: /* stride 2 down on 2 or 3 channels: pairs of rows */
        if (NNOM_DW_HAS(VP) && nnom_dwvp_asks(a) && nnom_dwvp_try(a))
            return DW_VP;
        /* fall through */
    case DW_WIN55: /* 5x5 at stride 2 on 5 to 7 channels, lines of at most
                    * four outputs or the plane in one strip of the copy: the
                    * window loop (two groups, the second overlapping) before
                    * the plane path ((5,5) s2 41x5x6 same 4.26 -> 3.13,
                    * 20x12x6 same 3.59 -> 3.01; on taller planes of wider
                    * lines the plane path wins: 48x10x6 same 2.64 there, 3.01
                    * here) */
        if (NNOM_DW_HAS(WIN55) && a->k.h == 5 && a->k.w == 5 && a->p.stride_h == 2 &&
            a->out.c >= 5 &&
            a->out.c <= 7 &&
            (a->out.w <= 4 || (a->out.h - 1) * 2 + 5 <= NNOM_DWWIN_PITCH) && nnom_dwwin_try(a))
            return DW_WIN55;
        /* fall through */
    case DW_CH: /* 2D windows of 1 to 7 channels (not 4), plane by plane */
        if (NNOM_DW_HAS(CH) && nnom_dwch_asks(a) && nnom_dwch_try(a))
            return DW_CH;
        /* fall through */
    case DW_FLAT_FEW: /* 2D windows of 1 to 3 channels, the flat path first */
        if (NNOM_DW_HAS(FLAT_FEW) && nnom_dw_few_flat(a) && nnom_dw_flat_s8(a))
            return DW_FLAT_FEW;
        /* fall through */
    case DW_FEW: /* few output pixels: no per-group set-up */
        if (NNOM_DW_HAS(FEW) && nnom_dw_few_asks(a) && nnom_dw_few_try(a))
            return DW_FEW;
        /* fall through */
    case DW_RECT_ODD: /* 2D windows of 3 or 5+ channels, not a multiple of 4 */
        if (NNOM_DW_HAS(RECT_ODD) && a->out.c % 4 != 0 && a->k.h > 1 && a->k.w > 1 &&
            nnom_dwrect_try(a))
            return DW_RECT_ODD;
        /* fall through */
    case DW_WIN_ODD: /* 3x3 and 5x5 on small planes, 5+ channels not a multiple of 4:
              * the window loop before the flat path ((3,3) s2 17x17x13 same
              * 4.69 -> 3.40) */
        if (NNOM_DW_HAS(WIN_ODD) && a->out.c % 4 != 0 && (a->k.h == 3 || a->k.h == 5) &&
            nnom_dwwin_try(a))
            return DW_WIN_ODD;
        /* fall through */
    case DW_FLAT:
        if (NNOM_DW_HAS(FLAT) && nnom_dw_flat_asks(a) && nnom_dw_odd_flat(a) &&
            nnom_dw_flat_s8(a))
            return DW_FLAT;
    }
    return 0;
}

/* The steps after DW_GENERIC (multiplier 1, t built): as dw_early(). */
static int dw_late(const dw_ctx_t *t, unsigned from)
{
    const nnom_conv_args_t *a = t->a;
    /* the group paths' rule (not asked where a kept step needs it not) */
    const int take = from < DW_PIXEL && groups_take(a);
    switch (from) {
    default:
    case DW_ACROSS: /* one row of taps on short lines: every line at one place
              * along the taps per call (before dwcross, which runs lines
              * of such layers slower: (4,1) s1 6x24x85 same 4.24 there,
              * 3.88 here) */
        if (NNOM_DW_HAS(ACROSS) && take && dw_across_asks(t) && dw_across_try(t))
            return DW_ACROSS;
        /* fall through */
    case DW_CROSS:
#if NNOM_DWCROSS /* one row of taps on planes, lines across the taps */
        if (NNOM_DW_HAS(CROSS) && nnom_dwcross_asks(a) && nnom_dwcross_try(a))
            return DW_CROSS;
#endif
        /* fall through */
    case DW_COL_INSIDE: /* unpadded one-row layers: dw_col_inside first, without the
              * axes; not three taps at stride 1, dw3_asm's */
        if (NNOM_DW_HAS(COL_INSIDE) && take && (t->pt | t->pl) == 0 &&
            (t->kh * t->kw != 3 || t->sh * t->sw != 1) && dw_col_inside(t))
            return DW_COL_INSIDE;
        /* fall through */
    case DW_COL:
        if (NNOM_DW_HAS(COL) && take && dw_col_try(t))
            return DW_COL;
        /* fall through */
    case DW_WIN:
        if (NNOM_DW_HAS(WIN) && take && nnom_dwwin_try(a))
            return DW_WIN;
        /* fall through */
    case DW_RECT_PLANE: /* (a kept one refused: never on unchanged arguments) */
    case DW_RECT:
        if (NNOM_DW_HAS(RECT) && take && nnom_dwrect_try(a))
            return DW_RECT;
        /* fall through */
    case DW_RECT5:
        if (NNOM_DW_HAS(RECT5) && take && nnom_dwrect_odd5_try(a))
            return DW_RECT5;
        /* fall through */
    case DW_GROUPS:
        if (NNOM_DW_HAS(GROUPS) && take && dw_groups(t))
            return DW_GROUPS;
        /* fall through */
    case DW_BLOCK:
#if NNOM_DWBLOCK /* windows of more than DW_MAX_TAPS taps, in blocks */
        if (NNOM_DW_HAS(BLOCK) && nnom_dwblock_suits(a)) {
            nnom_dwblock_s8(a);
            return DW_BLOCK;
        }
#endif
        break;
    case DW_PIXEL:
        break;
    }
    return 0;
}

/* A kept step before DW_GENERIC, its path alone: the asks dw_early() put
 * before it held at the first run on the same arguments (or at build:
 * nnom_local_dwconv_s8_step()); or DW_WIN to DW_RECT_PLANE, whose group
 * rule (groups_take) held likewise. 0: the path refused (never on
 * unchanged arguments; dw_walk() then starts at it), DW_GENERIC, or a step
 * the build left out (the rows' one ask, a constant: no run pays it). */
static int dw_kept(const nnom_conv_args_t *a, unsigned step)
{
    switch (step) {
#define DW_KEPT(NAME, KEPT, DIRECT)                                                                \
    case DW_##NAME:                                                                                \
        return NNOM_DW_HAS(NAME) ? (KEPT) : 0;
        DW_STEPS(DW_KEPT)
#undef DW_KEPT
    default:
        return 0;
    }
}

/* The step where the converter's records name a layer's path and their
 * checks against its arguments hold (a two-tap plan's sets, tag 9's and
 * tag 35's geometry heads, tags 13 to 25's pixels and channels, the tiny
 * loops' records and geometry, tag 29's head), asked once at
 * build so that no run pays for them (DepthwiseConv2D's build, through
 * nnom_dwconv_prepare(): the first run then takes the kept step, a
 * planned two-tap layer 109 to 1,053 instructions less). It names a step
 * only where every step dw_early() puts before it refuses the layer
 * without running (their asks alone decide); 0 otherwise, and the first
 * run walks as before (a header whose records fail their checks too). */
#if NNOM_DW_STEPS_ALL /* (every step: no wrapper, the function as before the masks) */
#define dw_step_named nnom_local_dwconv_s8_step
#define DW_STEP_STATIC
#else
#define DW_STEP_STATIC static
#endif
/* (A step out of the mask: its asks not linked, the step named as if they
 * held, and the wrapper below turns it into DW_FIRST: the walk.) */
DW_STEP_STATIC uint8_t dw_step_named(const nnom_conv_args_t *a)
{
    if (a->records == NULL || a->ch_mult != 1 || (nnom_dw2_asks(a) && !dw_two_tiny3(a)))
        return DW_FIRST;
    const int32_t taps = a->k.h * a->k.w, tag = a->records[0];
    if (taps == 2) { /* DW_PAIR: nnom_dwpair_try()'s plan */
        if (tag == NNOM_DWPAIR_PLAN)
            return !NNOM_DW_HAS(PAIR) ||
                           nnom_dwpair_plan_holds(a, a->records + 1 + NNOM_DWPAIR_REC * a->in.c)
                       ? DW_PAIR
                       : DW_FIRST;
        /* one to three channels on the tiny loops' records: DW_PAIR's
         * dwpair_try() refuses them unasked (nnom_dw_odd_flat), DW_TINY
         * is the walk's next step ((2,1) s1 6x1x1 same: the first run's
         * walk and asks ~300) */
        if (a->out.c >= 4 || a->in.c != a->out.c || !nnom_dw_odd_flat(a))
            return DW_FIRST;
        if (tag == NNOM_DWTINY_TAG)
            return !NNOM_DW_HAS(TINY_TAG) || nnom_dw_tiny_tag_asks(a) ? DW_TINY_TAG : DW_FIRST;
        /* (tag 5: the tiny loops' records on several lines) */
        return tag == NNOM_DWTINY5_TAG && a->out.h * a->out.w != 1 &&
                       (!NNOM_DW_HAS(TINY) || (nnom_dw_tiny_asks(a) && nnom_dw_tiny_holds(a)))
                   ? DW_TINY
                   : DW_FIRST;
    }
    if (taps == 3) { /* DW_THREE: dw_three_path()'s tags that run once asked */
        if ((tag & 1) == 0) /* one line of 4-7 channels, else their tries might refuse */
            return !NNOM_DW_HAS(THREE_L) || nnom_dw3_line_b_asks(a) ? DW_THREE_L : DW_FIRST;
        if (tag == 1 || tag == 3)
            return DW_FIRST;
        if ((uint32_t)tag - NNOM_DW3Q_TAG <= NNOM_DW3I_TAG - NNOM_DW3Q_TAG)
            return !NNOM_DW_HAS(THREE_Q) || nnom_dw3_s2q_asks(a) ? DW_THREE_Q : DW_FIRST;
        if (tag == NNOM_DW3S2V_TAG)
            return !DW_HAS4(THREE_S2V, THREE_S2V3, THREE_S2VP, THREE_S2VN) || nnom_dw3s2v_asks(a)
                       ? dw3_s2v_step(a)
                       : DW_FIRST;
        if (tag == NNOM_DW3S_TAG)
            return DW_HAS4(THREE_SS, THREE_SV, THREE_V2, THREE_V2O) && !nnom_dw3s_asks(a)
                       ? DW_FIRST
                   : nnom_dw3s_short(a) ? DW_THREE_SS
                                        : dw_three_sv_step(a);
    } /* (other odd tags: dw_three_path() refuses them unasked) */
    if (tag == NNOM_DWONE_IN_TAG) /* DW_ONE_IN: every step before it refuses tag 43 */
        return DW_HAS4(ONE_IN, ONE_IN1, ONE_INL, ONE_IN11) | NNOM_DW_HAS(ONE_IN13) &&
                       !nnom_dwone_in_holds(a)
                   ? DW_FIRST
               : a->records[1] == 1 && (a->in.c & 3) == 0 ? DW_ONE_IN1
               : a->records[1] == 11 && (a->in.c & 3) == 0 ? DW_ONE_IN11
               : a->records[1] == 13 && (a->in.c & 3) == 0 ? DW_ONE_IN13
               : a->records[1] > NNOM_DW_GROUP_MAX_TAPS   ? DW_ONE_INL
                                                          : DW_ONE_IN;
    if (tag == NNOM_DWONE31_TAG) { /* DW_ONE3, DW_ONE4: DW_LINE refuses odd records */
        const int32_t n = NNOM_DW_HAS(ONE3) | NNOM_DW_HAS(ONE4) | NNOM_DW_HAS(ONE3E)
                              ? nnom_dwone4_holds(a, NNOM_DWONE31_TAG)
                              : 0;
        return n == 3   ? (a->in.c % 8 == 0 ? DW_ONE3E : DW_ONE3)
               : n == 4 ? DW_ONE4
                        : DW_FIRST;
    }
    if (tag == NNOM_DWRECT_PLANE_TAG) /* DW_RECT_PLANE: the converter chose the plane */
        return !NNOM_DW_HAS(RECT_PLANE) || nnom_dwrect_plane_asks(a) ? DW_RECT_PLANE : DW_FIRST;
    if (tag == NNOM_DWLINE_TAG) /* DW_LINE_TAG: next after DW_TWO for other taps */
        return !NNOM_DW_HAS(LINE_TAG) || nnom_dw_line_tag_asks(a) ? DW_LINE_TAG : DW_FIRST;
    /* DW_ONE_COL: DW_LINE refuses (asked), DW_ONE runs nnom_dwone_try */
    if ((tag & 1) == 0 && taps >= 4 && !nnom_dw_line_asks(a) &&
        (!(NNOM_DW_HAS(ONE_COL) | NNOM_DW_HAS(ONE_K)) || nnom_dwone_holds(a)))
        return nnom_dwone_k_holds(a) ? DW_ONE_K : DW_ONE_COL;
    if (a->out.c < 8 && a->out.c != 4) /* DW_TINY: DW_LINE, DW_COL_EARLY ask 8+ channels */
        return tag == NNOM_DWTINY_TAG && (!NNOM_DW_HAS(TINY_TAG) || nnom_dw_tiny_tag_asks(a))
                   ? DW_TINY_TAG
               : tag == NNOM_DW3C1_TAG && (!NNOM_DW_HAS(TINY3R) || nnom_dw_tiny3r_asks(a))
                   ? DW_TINY3R
               : a->out.h * a->out.w != 1 &&
                       (!(NNOM_DW_HAS(TINY) | NNOM_DW_HAS(TINY3)) ||
                        (nnom_dw_tiny_asks(a) && nnom_dw_tiny_holds(a)))
                   ? (nnom_dw_tiny3_asks(a) ? DW_TINY3 : DW_TINY)
                   : DW_FIRST;
    /* DW_COL_ALONE: past DW_LINE and DW_ONE (which might run) */
    if (tag != NNOM_DWCOL_AL_TAG || nnom_dw_line_asks(a) || (a->out.h == 1 && a->out.w == 1) ||
        (NNOM_DW_HAS(COL_ALONE) && (!nnom_dw_col_early_asks(a) || !nnom_dwcol_alone_holds(a))))
        return DW_FIRST;
    return DW_COL_ALONE;
}

#if !NNOM_DW_STEPS_ALL
uint8_t nnom_local_dwconv_s8_step(const nnom_conv_args_t *a)
{
    const uint8_t step = dw_step_named(a);
    return dw_has(step) ? step : (uint8_t)DW_FIRST; /* a step out: the walk */
}
#endif
#endif

#if NNOM_DW_DIRECT
/* DW_THREE_L's direct type: four channels' 'same' line its own, no tests a run */
static inline uint8_t dw_three_l_direct(const nnom_conv_args_t *a)
{
    return a->in.c == 4 && a->out.h * a->out.w == a->in.h * a->in.w ? NNOM_DW_DIRECT_THREE_L4S
                                                                     : NNOM_DW_DIRECT_THREE_L;
}

/* DW_TINY_TAG's direct type: the one-channel short line's course its own
 * (no switch of the courses a run) */
static inline uint8_t dw_tiny_tag_direct(const nnom_conv_args_t *a)
{
    static const uint8_t direct[3] = {NNOM_DW_DIRECT_TINY_TAG, NNOM_DW_DIRECT_TINY1,
                                      NNOM_DW_DIRECT_TINY1S};
    return direct[nnom_dw_tiny1_course(a)];
}

/* DW_RECT_PLANE's direct type by the plane's job */
static inline uint8_t dw_plane_direct(const nnom_conv_args_t *a)
{
    switch (nnom_dwrect_plane1_asks(a)) {
    case 1:
        return NNOM_DW_DIRECT_PLANE1;
    case 2:
        return NNOM_DW_DIRECT_RECT2S;
    default:
        return NNOM_DW_DIRECT_PLANE;
    }
}

/* The kept steps dw_kept() runs without asking (it returns 1 on them), as
 * DepthwiseConv2D's direct types (NNOM_DW_DIRECT_*, DW_STEPS' column); NONE
 * for the rest and for a step the build left out. */
uint8_t nnom_local_dwconv_s8_direct(unsigned step, const nnom_conv_args_t *a)
{
    switch (step) {
#define DW_DIRECT(NAME, KEPT, DIRECT)                                                              \
    case DW_##NAME:                                                                                \
        return NNOM_DW_HAS(NAME) ? (uint8_t)(DIRECT) : (uint8_t)NNOM_DW_DIRECT_NONE;
        DW_STEPS(DW_DIRECT)
#undef DW_DIRECT
    default:
        return NNOM_DW_DIRECT_NONE;
    }
}

/* DW_TINY3R's and DW_THREE_Q's direct types: their kernels read the
 * records (and the channels) alone, so the run passes the config's
 * arguments block and the layer's buffers, no copy of the block */
void nnom_dw_tiny3r_direct(const nnom_conv_args_t *block, const int8_t *input, int8_t *output)
{
    dw_tiny3r_run(block->records, input, output);
}

void nnom_dw3_q_direct(const nnom_conv_args_t *block, const int8_t *input, int8_t *output)
{
    dw3_q_run(block->records, input, output, block->in.c);
}
#endif

/* Every step from the kept one (the first run: all of them), then the
 * pixel loop (inlined: one call). */
static nnom_status_t dw_walk(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
#if NNOM_LOCAL_MAC_ASM
    uint8_t *keep = ctx != NULL ? ctx->keep : NULL;
    const unsigned from = keep != NULL ? *keep : 0u;
    if (from < DW_GENERIC) {
        const int step = dw_early(a, from);
        if (step < 0)
            return NN_SIZE_MISMATCH;
        if (step > 0) {
            if (keep != NULL)
                *keep = (uint8_t)step;
            return NN_SUCCESS;
        }
    }
#else
    (void)ctx;
#endif
    const dw_ctx_t t = {a,           a->in.h,         a->in.w,         a->in.c,
                        a->k.h,      a->k.w,          a->p.stride_h,   a->p.stride_w,
                        a->p.dilation_h, a->p.dilation_w, a->p.pad_top, a->p.pad_left,
                        a->out.h,    a->out.w,        a->out.c};
#if !NNOM_LOCAL_MAC_ASM
    if (a->ch_mult < 1 || t.oc != t.ic * a->ch_mult)
        return NN_SIZE_MISMATCH;
#endif
    if (a->ch_mult != 1) {
        dw_generic(&t, a->ch_mult);
#if NNOM_LOCAL_MAC_ASM
        if (keep != NULL)
            *keep = DW_GENERIC;
#endif
        return NN_SUCCESS;
    }
#if NNOM_LOCAL_MAC_ASM
    {
        const int step = dw_late(&t, from);
        if (keep != NULL)
            *keep = (uint8_t)(step > 0 ? step : DW_PIXEL);
        if (step > 0)
            return NN_SUCCESS;
    }
#else
#if NNOM_LOCAL_DSP
    if (groups_take(a) && dw_groups(&t))
        return NN_SUCCESS;
#endif
#if NNOM_DWBLOCK /* windows of more than DW_MAX_TAPS taps, in blocks */
    if (nnom_dwblock_suits(a)) {
        nnom_dwblock_s8(a);
        return NN_SUCCESS;
    }
#endif
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

nnom_status_t nnom_local_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
#if NNOM_LOCAL_MAC_ASM
    const unsigned kept = ctx != NULL && ctx->keep != NULL ? *ctx->keep : 0u;
    if (kept - 1u < DW_RECT_PLANE && dw_kept((const nnom_conv_args_t *)args, kept))
        return NN_SUCCESS;
#endif
    return dw_walk(ctx, args);
}
