/*
 * nnom_local_dwblock_dsp.c - depthwise windows of more than
 * NNOM_DW_GROUP_MAX_TAPS taps (9x9, 11x11, (5, 10), (1, 64) rows...),
 * multiplier 1, four channels at a time (the last group of a channel count
 * not a multiple of four overlaps the one before and writes the same bytes
 * again).
 *
 * The window goes in blocks of at most DWB_TAPS taps: whole kernel rows, or
 * for rows longer than that, pieces of one row. Per group of four channels
 * and run of at most DWB_OUT outputs (raster order), each block's weights
 * are widened once (per tap the halfword pairs (w0, w2) and (w1, w3), on
 * the stack), then every output of the run adds the block's valid taps
 * (padded taps skipped: padding is the zero point, which adds nothing) to
 * its four int32 sums, kept on the stack between blocks; after the last
 * block, the sums are requantised (nnom_rq_apply: any multiplier and
 * shift, so no layer falls back) and clamped. A window of one block has
 * its weights widened once per group. Per tap: one LDR of input, two
 * SXTAB16 subtracting the zero point, one LDRD of weights and four
 * SMLABB/SMLATT. Stack: DWB_TAPS * 8 + DWB_OUT * 16 bytes (1,536) plus
 * the frames (2,032 B in all at -O2 on the M4), for any window size.
 */
#include "nnom_local_dwblock.h"
#include "../nnom_backend.h"

#include <stddef.h>
#include <string.h>

#if NNOM_DWBLOCK

#define DWB_TAPS 128 /* taps of one block (8 bytes each, widened) */
#define DWB_OUT 32  /* outputs of one run (16 bytes of sums each) */

int nnom_dwblock_suits(const nnom_conv_args_t *a)
{
    return a->ch_mult == 1 && a->out.c == a->in.c && a->out.c >= 4 &&
           a->k.h * a->k.w > NNOM_DW_GROUP_MAX_TAPS;
}

/* Valid taps [lo, hi) of a window starting at s0 along an axis of size. */
NNOM_INLINE void dwb_taps(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo,
                          int32_t *hi)
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

/* One block: kernel rows [r0, r1), columns [c0, c1). */
typedef struct {
    int32_t r0, r1, c0, c1;
} dwb_block_t;

/* The layer's geometry and one group's constants. */
typedef struct {
    const nnom_conv_args_t *a;
    int32_t ih, iw, ic, kh, kw, sh, sw, dh, dw, pt, pl, ow;
    int32_t xs, xr;  /* bytes between taps along a row, between rows */
    int16x2_t off;   /* (-zp, -zp) */
    nnom_rq_t rq[4]; /* the group's requantisation */
    int32_t bias[4];
} dwb_layer_t;

/* The block's weights of channels c .. c + 3, widened. */
static void dwb_widen(const nnom_conv_args_t *a, int32_t c, const dwb_block_t *b,
                      int16x2_t *w)
{
    for (int32_t ky = b->r0; ky < b->r1; ky++)
        for (int32_t kx = b->c0; kx < b->c1; kx++, w += 2) {
            const uint32_t u = nnom_read4(a->weight + (ky * a->k.w + kx) * a->out.c + c);
            w[0] = __sxtb16((int8x4_t)u);
            w[1] = nnom_sxtb16_odd(u);
        }
}

/* One output's taps of one block: s[0..3] += rows x cols taps from x
 * (xs bytes apart, rows xskip bytes apart after a row's last tap), against
 * the widened weights at w (wskip bytes between rows after a row's last
 * tap); rows, cols >= 1. The assembly reads the fields in this order. */
typedef struct {
    const int8_t *x;
    const int16x2_t *w;
    int32_t *s;
    int32_t rows, cols, xs, off, xskip, wskip;
} dwb_job_t;
typedef char dwb_job_layout_t[offsetof(dwb_job_t, rows) == 12 &&
                                      offsetof(dwb_job_t, wskip) == 32 && sizeof(dwb_job_t) == 36
                                  ? 1
                                  : -1];
void nnom_dwblock_rows(const dwb_job_t *j);

/* One tap: input word at XA, weights (w0, w2), (w1, w3) at [r1, WO]. */
#define DWB_TAP(XA, WO)                                                                          \
    "ldr     r9, " XA "\n"                                                                      \
    "ldrd    r11, r12, [r1, #" WO "]\n"                                                          \
    "sxtab16 r10, r8, r9\n"                                                                     \
    "sxtab16 r9, r8, r9, ror #8\n"                                                              \
    "smlabb  r4, r10, r11, r4\n"                                                                \
    "smlatt  r6, r10, r11, r6\n"                                                                \
    "smlabb  r5, r9, r12, r5\n"                                                                 \
    "smlatt  r7, r9, r12, r7\n"

/* r0 x, r1 w, r2 taps left in the row, r3 xs, r4-r7 the sums, r8 off,
 * lr rows left; [sp] cols, [sp, #4] xskip, [sp, #8] wskip, [sp, #12] s.
 * 20 instructions a pair of taps (8 MACs). */
__asm__(NNOM_ASM_FUNC("nnom_dwblock_rows")
        "push    {r4-r11, lr}\n"
        "sub     sp, sp, #20\n"
        "ldr     r2, [r0, #16]\n"
        "ldr     r9, [r0, #28]\n"
        "ldr     r10, [r0, #32]\n"
        "ldr     r11, [r0, #8]\n"
        "str     r2, [sp]\n"
        "strd    r9, r10, [sp, #4]\n"
        "str     r11, [sp, #12]\n"
        "ldm     r11, {r4-r7}\n"
        "ldr     r8, [r0, #24]\n"
        "ldr     r3, [r0, #20]\n"
        "ldr     lr, [r0, #12]\n"
        "ldr     r1, [r0, #4]\n"
        "ldr     r0, [r0, #0]\n"
        ".Ldwb_row:\n"
        "ldr     r2, [sp]\n"
        "subs    r2, r2, #2\n"
        "blt     .Ldwb_one\n"
        ".Ldwb_pair:\n"
        DWB_TAP("[r0]", "0")
        DWB_TAP("[r0, r3]", "8")
        "add     r0, r0, r3, lsl #1\n"
        "add     r1, r1, #16\n"
        "subs    r2, r2, #2\n"
        "bge     .Ldwb_pair\n"
        ".Ldwb_one:\n"
        "adds    r2, r2, #2\n"
        "beq     .Ldwb_next\n"
        DWB_TAP("[r0]", "0")
        "add     r0, r0, r3\n"
        "add     r1, r1, #8\n"
        ".Ldwb_next:\n"
        "ldrd    r9, r2, [sp, #4]\n"
        "add     r0, r0, r9\n"
        "add     r1, r1, r2\n"
        "subs    lr, lr, #1\n"
        "bne     .Ldwb_row\n"
        "ldr     r2, [sp, #12]\n"
        "stm     r2, {r4-r7}\n"
        "add     sp, sp, #20\n"
        "pop     {r4-r11, pc}\n"
        ".size nnom_dwblock_rows, .-nnom_dwblock_rows\n"
        ".text\n");
#undef DWB_TAP

/* Outputs [o0, o0 + n) of channels c .. c + 3: the block's taps added to
 * sums (from the bias where first); requantised into the output where last. */
static NNOM_NOINLINE void dwb_run(const dwb_layer_t *L, int32_t c, int32_t o0, int32_t n,
                                  const dwb_block_t *b, const int16x2_t *w, int32_t *sums,
                                  int first, int last)
{
    const nnom_conv_args_t *a = L->a;
    const int32_t ow = L->ow, bw = b->c1 - b->c0, xs = L->xs, xr = L->xr;
    const int8_t *in = a->input + c;
    int32_t oy = o0 / ow, ox = o0 - oy * ow;
    for (int32_t i = 0; i < n; i++, sums += 4) {
        const int32_t y0 = oy * L->sh - L->pt, x0 = ox * L->sw - L->pl;
        int32_t ky0, ky1, kx0, kx1;
        dwb_taps(y0, L->ih, L->kh, L->dh, &ky0, &ky1);
        dwb_taps(x0, L->iw, L->kw, L->dw, &kx0, &kx1);
        ky0 = ky0 > b->r0 ? ky0 : b->r0;
        ky1 = ky1 < b->r1 ? ky1 : b->r1;
        kx0 = kx0 > b->c0 ? kx0 : b->c0;
        kx1 = kx1 < b->c1 ? kx1 : b->c1;
        if (first)
            memcpy(sums, L->bias, sizeof(L->bias));
        const int32_t cols = kx1 - kx0;
        if (cols > 0 && ky1 > ky0) {
            const dwb_job_t j = {
                in + ((y0 + ky0 * L->dh) * L->iw + x0 + kx0 * L->dw) * L->ic,
                w + 2 * ((ky0 - b->r0) * bw + kx0 - b->c0),
                sums,
                bw == 1 ? 1 : ky1 - ky0, /* (k, 1) windows: one row down the height */
                bw == 1 ? ky1 - ky0 : cols,
                bw == 1 ? xr : xs,
                (int32_t)L->off,
                xr - cols * xs,
                (int32_t)sizeof(int16x2_t) * 2 * (bw - cols)};
            nnom_dwblock_rows(&j);
        }
        if (last) {
            int8_t *out = a->output + (oy * ow + ox) * L->ic + c;
            const int32_t lo = a->p.act_min, hi = a->p.act_max;
            out[0] = nnom_rq_apply(sums[0], L->rq[0], lo, hi);
            out[1] = nnom_rq_apply(sums[1], L->rq[1], lo, hi);
            out[2] = nnom_rq_apply(sums[2], L->rq[2], lo, hi);
            out[3] = nnom_rq_apply(sums[3], L->rq[3], lo, hi);
        }
        if (++ox == ow) {
            ox = 0;
            oy++;
        }
    }
}

/* The block after b (b->r1 == 0: the first), 0 past the last. */
static int dwb_next(const nnom_conv_args_t *a, dwb_block_t *b)
{
    const int32_t kh = a->k.h, kw = a->k.w;
    if (kw > DWB_TAPS) { /* pieces of one row */
        if (b->r1 != 0 && b->c1 < kw) {
            b->c0 = b->c1;
        } else {
            b->r0 = b->r1;
            b->c0 = 0;
        }
        if (b->r0 >= kh)
            return 0;
        b->r1 = b->r0 + 1;
        b->c1 = b->c0 + DWB_TAPS < kw ? b->c0 + DWB_TAPS : kw;
        return 1;
    }
    b->r0 = b->r1;
    if (b->r0 >= kh)
        return 0;
    b->r1 = b->r0 + DWB_TAPS / kw < kh ? b->r0 + DWB_TAPS / kw : kh;
    b->c0 = 0;
    b->c1 = kw;
    return 1;
}

void nnom_dwblock_s8(const nnom_conv_args_t *a)
{
    int16x2_t w[2 * DWB_TAPS];
    int32_t sums[4 * DWB_OUT];
    dwb_layer_t L;
    L.a = a;
    L.ih = a->in.h, L.iw = a->in.w, L.ic = a->in.c, L.kh = a->k.h, L.kw = a->k.w;
    L.sh = a->p.stride_h, L.sw = a->p.stride_w, L.dh = a->p.dilation_h;
    L.dw = a->p.dilation_w, L.pt = a->p.pad_top, L.pl = a->p.pad_left, L.ow = a->out.w;
    L.xs = a->p.dilation_w * a->in.c;
    L.xr = a->p.dilation_h * a->in.w * a->in.c;
    L.off = nnom_offset2(a->p.input_zp);
    const int32_t oc = a->out.c, total = a->out.h * a->out.w;
    for (int32_t c = 0; c < oc; c = c + 4 < oc && c + 8 > oc ? oc - 4 : c + 4) {
        for (int32_t j = 0; j < 4; j++) {
            L.rq[j] = nnom_rq_of(a->rq.mult[c + j], a->rq.shift[c + j], a->p.output_zp);
            L.bias[j] = a->bias[c + j];
        }
        /* a window of one block: its weights widened once per group */
        dwb_block_t one = {0, 0, 0, 0};
        dwb_next(a, &one);
        dwb_block_t after = one;
        const int single = !dwb_next(a, &after);
        if (single)
            dwb_widen(a, c, &one, w);
        for (int32_t o0 = 0; o0 < total; o0 += DWB_OUT) {
            const int32_t n = total - o0 < DWB_OUT ? total - o0 : DWB_OUT;
            if (single) {
                dwb_run(&L, c, o0, n, &one, w, sums, 1, 1);
                continue;
            }
            dwb_block_t b = {0, 0, 0, 0};
            int first = 1;
            while (dwb_next(a, &b)) {
                dwb_widen(a, c, &b, w);
                dwb_block_t next = b;
                const int last = !dwb_next(a, &next);
                dwb_run(&L, c, o0, n, &b, w, sums, first, last);
                first = 0;
            }
        }
    }
}

#else
typedef int nnom_local_dwblock_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
