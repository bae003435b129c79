/*
 * nnom_local_conv_s8.c - Conv2D (HWC input, [out][kh][kw][in] weights),
 * per-channel requantisation, bit-exact with nnom/reference.
 *
 * -Os builds: one plain loop over outputs and taps (conv_plain(), at the
 * end). Otherwise two paths:
 * - in.c >= 4: direct convolution, no im2col. A window row is kw * in.c
 *   contiguous bytes, in the input (HWC) and in the weights, so the inner
 *   loops walk plain byte runs with no index arithmetic per multiply.
 *   Output pixels whose window columns lie inside the input go two at a
 *   time (adjacent in a row) for two output channels at a time: each input
 *   word serves two channels, each weight word two pixels. Whole windows
 *   use the converter's bias_folded (bias - zp * sum(w)) and multiply raw
 *   inputs; windows cut at the top or bottom skip the padded rows and
 *   subtract the zero point (for free with DSP: SXTAB16). Pixels at the
 *   left and right borders, and dilated columns, go with the pixel below
 *   where both windows lie inside the input down, else one at a time.
 * - in.c <= 3 (first layers: grey or RGB images): the gathered-window
 *   kernel of nnom_local_conv_col_s8.c (its assembly loop on DSP cores
 *   at -O2, its C loop on hosts: NNOM_CONV_COL); otherwise (or
 *   where it declines) the windows of two output pixels are gathered into
 *   the scratch buffer as int16 (x - zero point, 0 for padding), then
 *   every output channel is a dot product with them (the int16 patch needs
 *   the scratch; the direct path runs without it).
 *
 * Each pixel (or pair) is a separate function so that its inner loop gets
 * the registers to itself; requantisation constants are read once per
 * channel and serve both pixels of a pair. On DSP cores at -O2, a pair
 * whose windows are one run of whole words per row (no dilation across,
 * input channels a multiple of 4) and whose channels all have the fast
 * requantisation goes to the assembly of nnom_local_mac_dsp.c (with the
 * pairs that follow it in the row, in one call): the same
 * arithmetic with every value in a register (1.4-1.5 instructions per MAC
 * for 3x3 on the Cortex-M4 instead of 1.9).
 */
#include "nnom_local_simd.h"
#include "nnom_conv_paths.h"

#define PATCH_MAX_IC 3

/* -Os: one copy of tap_range() for both axes */
#if defined(__OPTIMIZE_SIZE__)
#define TAP_RANGE_INLINE NNOM_NOINLINE
#else
#define TAP_RANGE_INLINE
#endif

/* Taps [lo, hi) of a window starting at s0 that fall inside [0, size). */
static TAP_RANGE_INLINE void tap_range(int32_t s0, int32_t size, int32_t k, int32_t dil,
                                       int32_t *lo, int32_t *hi)
{
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

#if !defined(__OPTIMIZE_SIZE__)

/* The arguments (a copy: a 1x1 convolution with stride 1 becomes one long
 * row) and what follows from them. */
typedef struct {
    nnom_conv_args_t a;
    int32_t K;         /* weights per output channel */
    int32_t row_bytes; /* one input row */
    int32_t run;       /* one window row: kw * ic (dilation 1) */
#if NNOM_LOCAL_MAC_ASM
    int rq_fast; /* every channel's requantisation has the fast form */
#endif
} ctx_t;

static void ctx_of(const nnom_conv_args_t *a, ctx_t *t, int rq_fast)
{
    t->a = *a;
    nnom_dims_t *in = &t->a.in;
    /* A 1x1 convolution with stride 1 is a matrix product: one long row
     * */
    nnom_dims_t *out = &t->a.out;
    if (a->k.h == 1 && a->k.w == 1 && a->p.stride_h == 1 && a->p.stride_w == 1 &&
        a->p.pad_top == 0 && a->p.pad_left == 0 && out->h == in->h && out->w == in->w) {
        in->w = out->w = in->h * in->w;
        in->h = out->h = 1;
    }
    t->K = a->k.h * a->k.w * in->c;
    t->row_bytes = in->w * in->c;
    t->run = a->k.w * in->c;
#if NNOM_LOCAL_MAC_ASM
    t->rq_fast = rq_fast;
#else
    (void)rq_fast;
#endif
}

/* Output positions [lo, hi) whose window lies inside [0, size). */
static void inner_range(int32_t size, int32_t k, int32_t stride, int32_t dil, int32_t pad,
                        int32_t out, int32_t *lo, int32_t *hi)
{
    const int32_t span = (k - 1) * dil + 1;
    const int32_t a = (pad + stride - 1) / stride;
    const int32_t b = size - span + pad < 0 ? 0 : (size - span + pad) / stride + 1;
    *lo = a < out ? a : out;
    *hi = b < out ? b : out;
    if (*hi < *lo)
        *hi = *lo;
}

#if NNOM_LOCAL_MAC_ASM
/* The output pixel at out whose window is the in.c values at x (1x1, no
 * padding): the Dense kernel's assembly loop on it (four channels share
 * each input word), where that takes it; 0 otherwise. */
static NNOM_NOINLINE int pixel_fc(const nnom_conv_args_t *a, const int8_t *x, int8_t *out)
{
    const nnom_fc_args_t fc = {
        .input_zp = a->p.input_zp,
        .output_zp = a->p.output_zp,
        .act_min = a->p.act_min,
        .act_max = a->p.act_max,
        .in_features = a->in.c,
        .units = a->out.c,
        .input = x,
        .weight = a->weight,
        .bias = a->bias,
        .bias_folded = a->bias_folded,
        .rq = a->rq,
        .output = out,
    };
    if (nnom_local_fc_s8_asm_scratch(&fc) != 0u)
        return 0;
    return nnom_local_fc_s8_asm(NULL, &fc) == NN_SUCCESS;
}

/* A layer of one output pixel whose window is one pixel. */
static int nnom_conv_one_pixel_fc(const nnom_conv_args_t *a)
{
    if (a->out.h != 1 || a->out.w != 1 || a->k.h != 1 || a->k.w != 1 || a->p.pad_top != 0 ||
        a->p.pad_left != 0)
        return 0;
    return pixel_fc(a, a->input, a->output);
}
#endif

/* ------------------------------------------------------------ pairs */

/* acc += (x - zp) * w over `rows` runs of `run` bytes for two pixels (x,
 * x + dx) and two channels (w0, w1): acc = {p0c0, p1c0, p0c1, p1c1}. The
 * runs are `run + skip` bytes apart in the input and contiguous in the
 * weights. zp is 0 for windows inside the input with bias_folded (raw
 * inputs). */
NNOM_HOT void mac_2x2(const int8_t *x, int32_t dx, const int8_t *w0, const int8_t *w1,
                      int32_t run, int32_t rows, int32_t skip, int32_t zp, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if NNOM_LOCAL_DSP
/* four values of both pixels and both channels; X16(v) widens input v */
#define NNOM_MAC_2X2(o, XE, XO)                                                                \
    do {                                                                                       \
        const uint32_t va = nnom_read4(x + (o));                                               \
        const int16x2_t ae = XE(va), ao = XO(va);                                              \
        uint32_t u = nnom_read4(w0 + (o));                                                     \
        int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);                         \
        a0 = __smlad(ae, we, a0);                                                              \
        a0 = __smlad(ao, wo, a0);                                                              \
        const uint32_t vb = nnom_read4(x + dx + (o));                                          \
        const int16x2_t be = XE(vb), bo = XO(vb);                                              \
        a1 = __smlad(be, we, a1);                                                              \
        a1 = __smlad(bo, wo, a1);                                                              \
        u = nnom_read4(w1 + (o));                                                              \
        we = __sxtb16((int8x4_t)u);                                                            \
        wo = nnom_sxtb16_odd(u);                                                               \
        a2 = __smlad(ae, we, a2);                                                              \
        a2 = __smlad(ao, wo, a2);                                                              \
        a3 = __smlad(be, we, a3);                                                              \
        a3 = __smlad(bo, wo, a3);                                                              \
    } while (0)
#define NNOM_RAW_E(v) __sxtb16((int8x4_t)(v))
#define NNOM_RAW_O(v) nnom_sxtb16_odd(v)
#define NNOM_OFF_E(v) __sxtab16(off, (int8x4_t)(v))
#define NNOM_OFF_O(v) nnom_sxtab16_odd(off, v)
    const int16x2_t off = nnom_offset2(zp);
#endif
    for (; rows > 0; rows--, x += skip) {
        int32_t n = run;
#if NNOM_LOCAL_DSP
        /* eight values per iteration: half the loop and reload overhead */
        if (zp == 0) {
            for (; n >= 8; n -= 8, x += 8, w0 += 8, w1 += 8) {
                NNOM_MAC_2X2(0, NNOM_RAW_E, NNOM_RAW_O);
                NNOM_SCHED_BARRIER();
                NNOM_MAC_2X2(4, NNOM_RAW_E, NNOM_RAW_O);
            }
        } else {
            for (; n >= 8; n -= 8, x += 8, w0 += 8, w1 += 8) {
                NNOM_MAC_2X2(0, NNOM_OFF_E, NNOM_OFF_O);
                NNOM_SCHED_BARRIER();
                NNOM_MAC_2X2(4, NNOM_OFF_E, NNOM_OFF_O);
            }
        }
        for (; n >= 4; n -= 4, x += 4, w0 += 4, w1 += 4)
            NNOM_MAC_2X2(0, NNOM_OFF_E, NNOM_OFF_O);
#endif
        for (; n > 0; n--, x++, w0++, w1++) {
            const int32_t xa = *x - zp, xb = x[dx] - zp, k0 = *w0, k1 = *w1;
            a0 += xa * k0;
            a1 += xb * k0;
            a2 += xa * k1;
            a3 += xb * k1;
        }
    }
#if NNOM_LOCAL_DSP
#undef NNOM_MAC_2X2
#undef NNOM_RAW_E
#undef NNOM_RAW_O
#undef NNOM_OFF_E
#undef NNOM_OFF_O
#endif
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* Where two pixels' windows are (the second pixel dx bytes after the
 * first in the input, its outputs step bytes after the first's; both 0 for
 * one pixel): `rows` window rows row_step apart, each `segs` runs of `run`
 * bytes seg_step apart (one run per row, or one per tap when dilated); the
 * weights from woff in each channel's, wrow per row and wseg per run.
 * whole: every tap of the windows is there (bias_folded, raw inputs);
 * otherwise the zero point is subtracted. */
typedef struct {
    int32_t dx, step, rows, row_step, segs, seg_step, run, woff, wrow, wseg;
    int whole;
#if NNOM_LOCAL_MAC_ASM
    int32_t more; /* pairs that follow in the row (asm_takes(): in the same call) */
#endif
} pair_job_t;

#if NNOM_LOCAL_MAC_ASM
/* One run per window row: the assembly loop. Its rows are whole words, or
 * (raw inputs, contiguous weights: every 1x1 window) end in 1-3 bytes that
 * it takes one at a time. */
static int asm_takes(const ctx_t *t, const pair_job_t *j)
{
    const int raw = (j->whole && t->a.bias_folded != NULL) || t->a.p.input_zp == 0;
    const int words = j->run % 4 == 0 || (raw && j->run == j->wrow);
    return t->rq_fast && j->segs == 1 && j->run >= 4 && words && j->rows > 0;
}
#endif

/* mac_2x2 over a job's runs, one at a time (windows cut across, dilation). */
static NNOM_NOINLINE void mac_runs(const int8_t *x, const pair_job_t *j, const int8_t *w0,
                                   const int8_t *w1, int32_t zp, int32_t *acc)
{
    for (int32_t ky = 0; ky < j->rows; ky++)
        for (int32_t s = 0; s < j->segs; s++) {
            const int32_t w = ky * j->wrow + s * j->wseg;
            mac_2x2(x + ky * j->row_step + s * j->seg_step, j->dx, w0 + w, w1 + w, j->run, 1, 0,
                    zp, acc);
        }
}

/* Two pixels (or one), every output channel two at a time. */
static NNOM_NOINLINE void pair_pixels(const ctx_t *t, const int8_t *x, const pair_job_t *j,
                                      int8_t *out)
{
    const nnom_conv_args_t *a = &t->a;
    const int32_t oc = t->a.out.c, K = t->K, step = j->step;
    const int folded = j->whole && a->bias_folded != NULL;
    const int32_t *bias = folded ? a->bias_folded : a->bias;
    const int32_t zp_in = folded ? 0 : a->p.input_zp;
    const int32_t zp = a->p.output_zp, lo = a->p.act_min, hi = a->p.act_max;
    /* contiguous in the weights: every row in one call */
    const int flat = j->segs == 1 && j->run == j->wrow;
    const int32_t dx = j->dx, run = j->run, rows = j->rows, skip = j->row_step - run;
#if NNOM_LOCAL_MAC_ASM
    /* one pixel of a 1x1 convolution (the last of an odd row): the Dense
     * loop rather than the pair loop on it twice */
    if (dx == 0 && a->k.h == 1 && a->k.w == 1 && j->whole && pixel_fc(a, x, out))
        return;
    if (asm_takes(t, j)) {
        const nnom_pair_job_t pj = {
            .x = x,
            .w = a->weight + j->woff,
            .bias = bias,
            .mult = a->rq.mult,
            .shift = a->rq.shift,
            .out = out,
            .step = step,
            .oc = oc,
            .K = K,
            .dx = j->dx,
            .n = j->run,
            .rows = j->rows,
            .skip = j->row_step - j->run,
            .zp2 = 2 * zp + 1,
            .lo = lo,
            .hi = hi,
            .wskip = j->wrow - j->run,
            .off = zp_in != 0 ? (uint32_t)nnom_offset2(zp_in) : 0u,
            .pairs = j->more + 1,
            .xstep = 2 * j->dx,
            .ostep = 2 * step,
        };
        nnom_conv_pair_s8(&pj);
        return;
    }
#endif
    for (int32_t c = 0; c < oc; c += 2) {
        const int32_t c1 = c + 1 < oc ? c + 1 : c;
        const int8_t *w0 = a->weight + c * K + j->woff, *w1 = a->weight + c1 * K + j->woff;
        int32_t acc[4] = {bias[c], bias[c], bias[c1], bias[c1]};
        if (flat)
            mac_2x2(x, dx, w0, w1, run, rows, skip, zp_in, acc);
        else
            mac_runs(x, j, w0, w1, zp_in, acc);
        const nnom_rq_t r0 = nnom_rq_of(a->rq.mult[c], a->rq.shift[c], zp);
        out[c] = nnom_rq_apply(acc[0], r0, lo, hi);
        out[step + c] = nnom_rq_apply(acc[1], r0, lo, hi);
        const nnom_rq_t r1 = nnom_rq_of(a->rq.mult[c1], a->rq.shift[c1], zp);
        out[c1] = nnom_rq_apply(acc[2], r1, lo, hi);
        out[step + c1] = nnom_rq_apply(acc[3], r1, lo, hi);
    }
}

#if NNOM_LOCAL_MAC_ASM
/* more: the right neighbours' pairs that follow in the row */
#define MORE_PARAM , int32_t more
#define MORE(n) , (n)
#else
#define MORE_PARAM
#define MORE(n)
#endif

/* Pixel (oy, ox) and the one dx bytes further in the input, step bytes in
 * the output (its right neighbour when both windows lie inside the input
 * across, or the pixel below when both windows lie inside the input
 * down; 0: one pixel): the taps inside the input, with zero-point subtraction unless
 * every tap is there. */
static void pixel_job(const ctx_t *t, int32_t oy, int32_t ox, int32_t dx, int32_t step MORE_PARAM)
{
    const nnom_conv_args_t *a = &t->a;
    const int32_t y0 = oy * a->p.stride_h - a->p.pad_top, x0 = ox * a->p.stride_w - a->p.pad_left;
    const int32_t ic = a->in.c;
    int32_t ky0, ky1, kx0, kx1;
    tap_range(y0, t->a.in.h, t->a.k.h, t->a.p.dilation_h, &ky0, &ky1);
    tap_range(x0, t->a.in.w, t->a.k.w, t->a.p.dilation_w, &kx0, &kx1);
    ky1 = ky1 > ky0 ? ky1 : ky0;
    kx1 = kx1 > kx0 ? kx1 : kx0;
    const int32_t rows = ky1 - ky0, cols = kx1 - kx0, dil = t->a.p.dilation_w != 1;
    const pair_job_t j = {dx,
                          step,
                          rows,
                          t->a.p.dilation_h * t->row_bytes,
                          dil ? cols : cols > 0,
                          t->a.p.dilation_w * ic,
                          dil ? ic : cols * ic,
                          (ky0 * t->a.k.w + kx0) * ic,
                          t->run,
                          ic,
                          rows == t->a.k.h && cols == t->a.k.w
#if NNOM_LOCAL_MAC_ASM
                          ,
                          more
#endif
    };
    const int8_t *x = t->a.input;
    if (rows > 0 && cols > 0)
        x += (y0 + ky0 * t->a.p.dilation_h) * t->row_bytes + (x0 + kx0 * t->a.p.dilation_w) * ic;
#if NNOM_LOCAL_MAC_ASM
    if (more > 0 && !asm_takes(t, &j)) {
        for (int32_t p = 0; p <= more; p++)
            pixel_job(t, oy, ox + 2 * p, dx, step, 0);
        return;
    }
#endif
    pair_pixels(t, x, &j, t->a.output + (oy * t->a.out.w + ox) * t->a.out.c);
}

/* Pixels two at a time: neighbours in a row where their windows lie inside
 * the input across; the others (left and right borders, dilated windows)
 * with the pixel below them when both rows' windows lie inside the input. */
static void conv_direct(const ctx_t *t)
{
    const nnom_conv_args_t *a = &t->a;
    int32_t ox0, ox1, oy0, oy1;
    inner_range(a->in.w, a->k.w, a->p.stride_w, a->p.dilation_w, a->p.pad_left, a->out.w, &ox0,
                &ox1);
    if (a->p.dilation_w != 1)
        ox1 = ox0; /* no pairs across */
    ox1 = ox0 + ((ox1 - ox0) & ~1);
    /* rows whose windows lie inside the input: two at a time */
    inner_range(a->in.h, a->k.h, a->p.stride_h, a->p.dilation_h, a->p.pad_top, a->out.h, &oy0,
                &oy1);
    for (int32_t oy = 0; oy < a->out.h;) {
        const int dy = oy >= oy0 && oy + 1 < oy1;
        for (int32_t r = 0; r <= dy; r++) {
#if NNOM_LOCAL_MAC_ASM
            /* the row's pairs in one call */
            if (ox1 > ox0)
                pixel_job(t, oy + r, ox0, a->p.stride_w * a->in.c, a->out.c, (ox1 - ox0) / 2 - 1);
#else
            for (int32_t ox = ox0; ox < ox1; ox += 2)
                pixel_job(t, oy + r, ox, a->p.stride_w * a->in.c, a->out.c);
#endif
        }
        for (int32_t ox = ox0 > 0 ? 0 : ox1; ox < a->out.w; ox = ox + 1 == ox0 ? ox1 : ox + 1)
            pixel_job(t, oy, ox, dy * a->p.stride_h * t->row_bytes,
                      dy * a->out.w * a->out.c MORE(0));
        oy += 1 + dy;
    }
}

/* ------------------------------------------------------------ patch path */

/* Scratch words of one pixel's int16 window. */
static uint32_t patch_words(int32_t K) { return (uint32_t)(K / 4 * 2 + K % 4); }

/* The window as int16 halfwords (x - zp, 0 when padded), ordered for the DSP
 * inner loop: per group of four values v0..v3 the words (v0, v2) and
 * (v1, v3), which pair with SXTB16 of a weight word and of it rotated by 8;
 * then the last K % 4 values, one per word (low half). */



static NNOM_NOINLINE void gather_patch(const ctx_t *t, int32_t y0, int32_t x0, int16_t *h)
{
    const int8_t *in = t->a.input;
    const int32_t zp = t->a.p.input_zp, ic = t->a.in.c, run = t->run;
    int16_t *p = h;
    if (t->a.p.dilation_w == 1 && x0 >= 0 && x0 + t->a.k.w <= t->a.in.w) {
        /* whole window rows: copy runs */
        for (int32_t ky = 0, y = y0; ky < t->a.k.h; ky++, y += t->a.p.dilation_h) {
            if (y >= 0 && y < t->a.in.h) {
                const int8_t *px = in + (y * t->a.in.w + x0) * ic;
                for (int32_t j = 0; j < run; j++)
                    *p++ = (int16_t)(px[j] - zp);
            } else {
                for (int32_t j = 0; j < run; j++)
                    *p++ = 0;
            }
        }
    } else {
        for (int32_t ky = 0, y = y0; ky < t->a.k.h; ky++, y += t->a.p.dilation_h) {
            const int row_in = y >= 0 && y < t->a.in.h;
            for (int32_t kx = 0, x = x0; kx < t->a.k.w; kx++, x += t->a.p.dilation_w) {
                const int8_t *px =
                    in + (row_in && x >= 0 && x < t->a.in.w ? (y * t->a.in.w + x) * ic : 0);
                const int inside = row_in && x >= 0 && x < t->a.in.w;
                for (int32_t c = 0; c < ic; c++)
                    *p++ = (int16_t)(inside ? px[c] - zp : 0);
            }
        }
    }
    /* order for the inner loop: swap the middle two of every four, and
     * spread the last K % 4 values to one per word */
    const int32_t full = t->K & ~3;
    for (int32_t k = 0; k < full; k += 4) {
        const int16_t v1 = h[k + 1];
        h[k + 1] = h[k + 2];
        h[k + 2] = v1;
    }
    for (int32_t k = t->K - 1; k >= full; k--)
        h[full + 2 * (k - full)] = h[k];
}

/* Two pixels' windows (pa, pb), every output channel, two at a time. */
static NNOM_NOINLINE void patch_pair(const ctx_t *t, const int16_t *pa, const int16_t *pb,
                                     int8_t *out, int32_t step)
{
    const nnom_conv_args_t *a = &t->a;
    const int32_t K = t->K, zp_out = a->p.output_zp, lo = a->p.act_min, hi = a->p.act_max;
    for (int32_t c = 0; c < t->a.out.c; c += 2) {
        const int32_t c1 = c + 1 < t->a.out.c ? c + 1 : c;
        const int8_t *w0 = a->weight + c * K, *w1 = a->weight + c1 * K;
        const int16_t *ha = pa, *hb = pb;
        int32_t a0 = a->bias[c], a1 = a0, a2 = a->bias[c1], a3 = a2, n = K;
        for (; n >= 4; n -= 4, ha += 4, hb += 4, w0 += 4, w1 += 4) {
#if NNOM_LOCAL_DSP
            uint32_t ae, ao, be, bo;
            memcpy(&ae, ha, 4);
            memcpy(&ao, ha + 2, 4);
            memcpy(&be, hb, 4);
            memcpy(&bo, hb + 2, 4);
            uint32_t u = nnom_read4(w0);
            int16x2_t we = __sxtb16((int8x4_t)u), wo = nnom_sxtb16_odd(u);
            a0 = __smlad((int16x2_t)ae, we, a0);
            a0 = __smlad((int16x2_t)ao, wo, a0);
            a1 = __smlad((int16x2_t)be, we, a1);
            a1 = __smlad((int16x2_t)bo, wo, a1);
            u = nnom_read4(w1);
            we = __sxtb16((int8x4_t)u);
            wo = nnom_sxtb16_odd(u);
            a2 = __smlad((int16x2_t)ae, we, a2);
            a2 = __smlad((int16x2_t)ao, wo, a2);
            a3 = __smlad((int16x2_t)be, we, a3);
            a3 = __smlad((int16x2_t)bo, wo, a3);
#else
            a0 += ha[0] * w0[0] + ha[2] * w0[1] + ha[1] * w0[2] + ha[3] * w0[3];
            a1 += hb[0] * w0[0] + hb[2] * w0[1] + hb[1] * w0[2] + hb[3] * w0[3];
            a2 += ha[0] * w1[0] + ha[2] * w1[1] + ha[1] * w1[2] + ha[3] * w1[3];
            a3 += hb[0] * w1[0] + hb[2] * w1[1] + hb[1] * w1[2] + hb[3] * w1[3];
#endif
        }
        for (; n > 0; n--, ha += 2, hb += 2, w0++, w1++) {
            a0 += *ha * *w0;
            a1 += *hb * *w0;
            a2 += *ha * *w1;
            a3 += *hb * *w1;
        }
        const nnom_rq_t r0 = nnom_rq_of(a->rq.mult[c], a->rq.shift[c], zp_out);
        out[c] = nnom_rq_apply(a0, r0, lo, hi);
        out[step + c] = nnom_rq_apply(a1, r0, lo, hi);
        const nnom_rq_t r1 = nnom_rq_of(a->rq.mult[c1], a->rq.shift[c1], zp_out);
        out[c1] = nnom_rq_apply(a2, r1, lo, hi);
        out[step + c1] = nnom_rq_apply(a3, r1, lo, hi);
    }
}

/* Pixels two at a time; the last of an odd row is paired with itself. */
static void conv_patch(const ctx_t *t, int16_t *patch)
{
    int16_t *pb = patch + 2 * patch_words(t->K);
    int8_t *out = t->a.output;
    for (int32_t oy = 0; oy < t->a.out.h; oy++) {
        const int32_t y0 = oy * t->a.p.stride_h - t->a.p.pad_top;
        for (int32_t ox = 0; ox < t->a.out.w; ox += 2) {
            const int two = ox + 1 < t->a.out.w;
            gather_patch(t, y0, ox * t->a.p.stride_w - t->a.p.pad_left, patch);
            if (two)
                gather_patch(t, y0, (ox + 1) * t->a.p.stride_w - t->a.p.pad_left, pb);
            patch_pair(t, patch, two ? pb : patch, out, two ? t->a.out.c : 0);
            out += (two ? 2 : 1) * t->a.out.c;
        }
    }
}

/* 1-3 input channels: the gathered-window kernel of
 * nnom_local_conv_col_s8.c, else (where it declines) the int16 patches. */
static NNOM_NOINLINE void conv_few(const ctx_t *t, const nnom_kernel_ctx_t *ctx)
{
#if NNOM_LOCAL_MAC_ASM
    if (nnom_conv_col(&t->a, ctx->buf, ctx->size, t->rq_fast))
        return;
#elif NNOM_CONV_COL
    if (nnom_conv_col(&t->a, ctx->buf, ctx->size, 0))
        return;
#endif
    conv_patch(t, (int16_t *)(void *)ctx->buf);
}

#else
/* -Os: output pixels one at a time, output channels two at a time: the
 * bias plus (x - zp) * w over the taps inside the input, as runs through
 * the shared dot product nnom_dot2_s8 (one run per window row, one per tap
 * when dilated), then the shared requantisation: the same bytes in little
 * code. No scratch is used (the converter reserves the -O2 patch path's). */
static NNOM_NOINLINE void dot2_run(const int8_t *x, int32_t zp, const int8_t *w0,
                                   const int8_t *w1, int32_t n, int32_t *acc)
{
    nnom_dot2_s8(x, -zp, w0, w1, n, acc);
}

static void conv_plain(const nnom_conv_args_t *a)
{
    const int32_t ic = a->in.c, oc = a->out.c, K = a->k.h * a->k.w * ic;
    const int32_t dil = a->p.dilation_w != 1;
    int8_t *out = a->output;
    for (int32_t oy = 0; oy < a->out.h; oy++)
        for (int32_t ox = 0; ox < a->out.w; ox++, out += oc) {
            const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
            const int32_t x0 = ox * a->p.stride_w - a->p.pad_left;
            int32_t ky0, ky1, kx0, kx1;
            tap_range(y0, a->in.h, a->k.h, a->p.dilation_h, &ky0, &ky1);
            tap_range(x0, a->in.w, a->k.w, a->p.dilation_w, &kx0, &kx1);
            const int32_t segs = dil ? kx1 - kx0 : kx1 > kx0, n = dil ? ic : (kx1 - kx0) * ic;
            for (int32_t c = 0; c < oc; c += 2) {
                const int32_t c1 = c + 1 < oc ? c + 1 : c;
                int32_t acc[2] = {a->bias[c], a->bias[c1]};
                for (int32_t ky = ky0; ky < ky1; ky++)
                    for (int32_t s = 0; s < segs; s++) {
                        const int32_t kx = kx0 + s, w = (ky * a->k.w + kx) * ic;
                        const int32_t y = y0 + ky * a->p.dilation_h;
                        const int32_t x = x0 + kx * a->p.dilation_w;
                        dot2_run(a->input + (y * a->in.w + x) * ic, a->p.input_zp,
                                 a->weight + c * K + w, a->weight + c1 * K + w, n, acc);
                    }
                for (int k = 0; k < 2; k++) {
                    const int32_t ch = k ? c1 : c;
                    const nnom_rq_t r = nnom_rq_of(a->rq.mult[ch], a->rq.shift[ch], a->p.output_zp);
                    out[ch] = nnom_rq_apply(acc[k], r, a->p.act_min, a->p.act_max);
                }
            }
        }
}
#endif /* __OPTIMIZE_SIZE__ */

/* ------------------------------------------------------------ entry */

uint32_t nnom_local_conv_s8_scratch(const void *args)
{
    /* the gathered windows of nnom_local_conv_col_s8.c (more than the two
     * int16 windows of the patch path, up to PATCH_MAX_IC channels), or
     * its packed groups for 1x1; else 0 */
    return nnom_conv_col_scratch((const nnom_conv_args_t *)args);
}

/* Report builds (NNOM_CONV_PATHS_REPORT): the inner path a run took, in
 * the layer's keep byte (no conv kernel keeps anything else there), for
 * nnom_model_conv_paths() */
#ifdef NNOM_CONV_PATHS_REPORT
#define CONV_TOOK(ctx, P)                                                                          \
    ((ctx) != NULL && (ctx)->keep != NULL                                                          \
         ? (void)(*(ctx)->keep |= (uint8_t)(1u << (NNOM_CONV_BIT_##P - NNOM_CONV_INNER_FIRST)))   \
         : (void)0)
/* the column loops: 2 where they ran the records' last block */
#define CONV_TOOK_COL(ctx, took)                                                                   \
    (CONV_TOOK(ctx, COL), (took) == 2 ? CONV_TOOK(ctx, COL_BLK) : (void)0)
#else
#define CONV_TOOK(ctx, P) ((void)0)
#define CONV_TOOK_COL(ctx, took) ((void)(took))
#endif

/* rq_fast: every channel's requantisation has the fast form (-O2 with the
 * assembly loops; unused otherwise) */
static nnom_status_t conv_run(const nnom_kernel_ctx_t *ctx, const nnom_conv_args_t *a,
                              int rq_fast)
{
    if (a->in.c < 1 || a->out.c < 1 || a->k.c != a->in.c)
        return NN_SIZE_MISMATCH;
#if defined(__OPTIMIZE_SIZE__)
    (void)ctx;
    (void)rq_fast;
    conv_plain(a);
#else
    ctx_t t;
#if NNOM_CONV1CH
    if (NNOM_CONV_HAS(CONV1CH) && a->in.c == 1 && nnom_conv1ch_suits(a)) {
        nnom_conv1ch_s8(a);
        CONV_TOOK(ctx, CONV1CH);
        return NN_SUCCESS;
    }
#endif
#if NNOM_LOCAL_MAC_ASM
    /* a 1x1 convolution of one pixel is a Dense layer: its loop shares
     * each input word between four channels */
    if (NNOM_CONV_HAS(PIXEL_FC) && nnom_conv_one_pixel_fc(a)) {
        CONV_TOOK(ctx, PIXEL_FC);
        return NN_SUCCESS;
    }
#endif
#if NNOM_CONV_COL
    /* 1x1 with few input channels: four channels per pass over a pixel */
    if (NNOM_CONV_HAS(COL) && nnom_conv_pw_col(a)) {
        const int took = nnom_conv_col(a, ctx->buf, ctx->size, rq_fast);
        if (took) {
            CONV_TOOK_COL(ctx, took);
            return NN_SUCCESS;
        }
    }
#endif
    ctx_of(a, &t, rq_fast);
    /* 1-3 channels: windows gathered in the scratch (the direct path
     * without it) */
    if (NNOM_CONV_HAS(FEW) && a->in.c <= PATCH_MAX_IC && ctx->buf != NULL) {
        conv_few(&t, ctx);
        CONV_TOOK(ctx, FEW);
    } else
        conv_direct(&t);
#endif
    return NN_SUCCESS;
}

nnom_status_t nnom_local_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
#if NNOM_LOCAL_MAC_ASM
    return conv_run(ctx, a, nnom_rq_all_fast(&a->rq, a->out.c));
#else
    return conv_run(ctx, a, 0);
#endif
}

#if NNOM_LOCAL_MAC_ASM
/* The table entry for layers whose every channel has the fast
 * requantisation form: the dispatch keeps a layer's pick, so the loop over
 * the channels runs once per compile instead of at every run. It leaves
 * the 1x1 layers of one output channel to the next entry
 * (nnom_local_conv_pw1_s8.c), which other layers then never ask. */
uint32_t nnom_local_conv_s8_fast_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (a->out.c == 1 && nnom_local_conv_pw1_scratch(args) == 0u)
        return NNOM_UNSUITED;
    return nnom_rq_all_fast(&a->rq, a->out.c) ? nnom_local_conv_s8_scratch(args) : NNOM_UNSUITED;
}

nnom_status_t nnom_local_conv_s8_fast(const nnom_kernel_ctx_t *ctx, const void *args)
{
#if NNOM_CONV_COL
    /* 1x1 on the converter's records first: small layers' fixed cost */
    if (NNOM_CONV_HAS(COL) && ((const nnom_conv_args_t *)args)->records != NULL) {
        const int took = nnom_conv_col_rec((const nnom_conv_args_t *)args, ctx->buf, ctx->size);
        if (took) {
            CONV_TOOK_COL(ctx, took);
            return NN_SUCCESS;
        }
    }
#endif
    return conv_run(ctx, (const nnom_conv_args_t *)args, 1);
}
#endif
