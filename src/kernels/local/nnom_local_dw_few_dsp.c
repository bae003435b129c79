/*
 * nnom_local_dw_few_dsp.c - depthwise layers of few output pixels (one row
 * or column of outputs, tiny planes) and many channels. The line and plane
 * paths set up each group of four channels (widened weights, records,
 * copies of the plane: 300 to 800 instructions) for runs of outputs; with
 * one to eight outputs that set-up cost more than the taps ((8,1) s2 on
 * 8x1x122 'same': 8.2 instructions per MAC, (3,6) on 4x6x67: 13.3).
 * With the converter's records, windows made one line each for the
 * one-row assembly loop (nnom_local_dwcol.h), every group of a chunk in one
 * call: (k, 1) and (1, k) some of whose windows reach the padding, on one
 * line or a few (nnom_dw_few_lines), from a padded copy (few_padded); 2D windows as wide as the input as they lie
 * (few_rows); a column of 2D windows from a padded copy of their columns
 * (few_cols). Without records, each pixel's valid taps go into a table
 * once and every group runs them straight from the int8 weights: per tap
 * one word of input and one of weights, SXTAB16 taking off the zero point,
 * four SMLAxy; then the group path's requantisation (nnom_local_dwgroup.h). */
#include "nnom_local_dw_few.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwgroup.h"

#if NNOM_LOCAL_MAC_ASM

/* One tap of a window: its input and weight bytes of channel 0. */
typedef struct {
    const int8_t *x, *w;
} few_tap_t;

/* acc (doubled) of four channels requantised, clamped and stored. */
NNOM_INLINE void few_store(const int32_t *acc, const int32_t *mb, const int32_t *e, int mode,
                           uint32_t lo4, uint32_t hi4, int8_t *out)
{
    uint32_t v = (uint32_t)dw_rq(acc[0], mb, e[0], mode);
    DW_BFI(v, dw_rq(acc[1], mb + 2, e[1], mode), 8);
    DW_BFI(v, dw_rq(acc[2], mb + 4, e[2], mode), 16);
    DW_BFI(v, dw_rq(acc[3], mb + 6, e[3], mode), 24);
    if (mode & DW_CLAMP) {
        (void)__ssub8((int8x4_t)v, (int8x4_t)lo4); /* max(v, lo) */
        v = __sel(v, lo4);
        (void)__ssub8((int8x4_t)hi4, (int8x4_t)v); /* min(v, hi) */
        v = __sel(v, hi4);
    }
    memcpy(out, &v, 4);
}

/* acc += the taps [*t, end) of the four channels at byte c: per tap the
 * input and weight words, widened (SXTAB16 takes off the zero point), four
 * SMLAxy; 13 instructions (C took 15: it loads the pair in two). */
NNOM_INLINE void few_taps(const few_tap_t **t, const few_tap_t *end, int32_t c, int16x2_t off,
                          int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    const few_tap_t *p = *t;
    uint32_t x, w, xe, we;
    __asm__("cmp     %[p], %[end]\n"
            "bhs     2f\n"
            "1:\n"
            "ldrd    %[x], %[w], [%[p]], #8\n"
            "ldr     %[x], [%[x], %[c]]\n"
            "ldr     %[w], [%[w], %[c]]\n"
            "sxtab16 %[xe], %[off], %[x]\n"
            "sxtab16 %[x], %[off], %[x], ror #8\n"
            "sxtb16  %[we], %[w]\n"
            "sxtb16  %[w], %[w], ror #8\n"
            "smlabb  %[a0], %[xe], %[we], %[a0]\n"
            "smlatt  %[a2], %[xe], %[we], %[a2]\n"
            "smlabb  %[a1], %[x], %[w], %[a1]\n"
            "smlatt  %[a3], %[x], %[w], %[a3]\n"
            "cmp     %[p], %[end]\n"
            "blo     1b\n"
            "2:\n"
            : [p] "+r"(p), [a0] "+r"(*a0), [a1] "+r"(*a1), [a2] "+r"(*a2), [a3] "+r"(*a3),
              [x] "=&r"(x), [w] "=&r"(w), [xe] "=&r"(xe), [we] "=&r"(we)
            : [end] "r"(end), [c] "r"(c), [off] "r"(off)
            : "cc", "memory");
    *t = p;
}

/* Every group of four channels: per output pixel i the taps
 * [tap + first[i], tap + first[i + 1]) at channel c, the group path's
 * requantisation. */
static void few_groups(const nnom_conv_args_t *a, const few_tap_t *tap, const int32_t *first,
                       int32_t pixels, int mode)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c;
    const uint32_t lo4 = ((uint32_t)p->act_min & 0xFFu) * 0x01010101u;
    const uint32_t hi4 = ((uint32_t)p->act_max & 0xFFu) * 0x01010101u;
    const int16x2_t off = nnom_offset2(p->input_zp);
    const uint32_t base = (uint32_t)(2 * p->output_zp + 1);
    for (int32_t c = 0; c < oc; c = nnom_dw_odd_next(c, oc)) {
        int32_t mb[8], e[4];
        for (int i = 0; i < 4; i++) {
            const int32_t shift = a->rq.shift[c + i];
            mb[2 * i] = a->rq.mult[c + i];
            mb[2 * i + 1] = (int32_t)(base << (-shift - 1));
            e[i] = -shift;
        }
        const int32_t b0 = a->bias[c], b1 = a->bias[c + 1], b2 = a->bias[c + 2];
        const int32_t b3 = a->bias[c + 3];
        int8_t *out = a->output + c;
        const few_tap_t *t = tap;
        for (int32_t i = 0; i < pixels; i++, out += oc) {
            int32_t a0 = b0, a1 = b1, a2 = b2, a3 = b3;
            few_taps(&t, tap + first[i + 1], c, off, &a0, &a1, &a2, &a3);
            const int32_t acc[4] = {2 * a0, 2 * a1, 2 * a2, 2 * a3}; /* the group path's form */
            few_store(acc, mb, e, mode, lo4, hi4, out);
        }
    }
}

/* The valid taps [lo, hi) along an axis from s0 (no dilation). */
static void few_axis(int32_t s0, int32_t size, int32_t k, int32_t *lo, int32_t *hi)
{
    *lo = s0 >= 0 ? 0 : -s0;
    *hi = size - s0 < k ? size - s0 : k;
}

/* One row of k >= 4 taps ((k, 1) or (1, k)) with the converter's records of
 * the one-row loop (nnom_local_dwcol.h): per line, chunks of groups copied
 * with their padding (the input zero point) into a buffer, whose windows
 * the loop then runs as if inside the input; 'same' columns whose every
 * window reaches the padding ((8,1) s2 on 8x1x122) have no inside run for
 * the line paths. 0 (nothing written) where it does not suit. */
static NNOM_NOINLINE int few_padded(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c, down = a->k.w == 1;
    const int32_t k = down ? a->k.h : a->k.w;
    if ((a->records[0] & 1) || (a->k.h != 1 && a->k.w != 1) || k < 4 || a->ch_mult != 1 ||
        a->in.c != oc || oc < 4 || (down ? p->dilation_h : p->dilation_w) != 1)
        return 0;
    /* u along the taps, v across (the lines) */
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    const int32_t s = down ? p->stride_h : p->stride_w, pad = down ? p->pad_top : p->pad_left;
    if (pad == 0 && (out - 1) * s + k <= in) /* 'valid': every window inside (below) */
        return 0;
    /* the outputs [first, end) whose windows lie inside the input: where
     * all do, the line paths run the layer faster ((1,7) on 1x8x96
     * 'valid': 3.73 instructions per MAC there, 4.35 here; with some in
     * the padding they run border copies: (7,1) s2 on 8x1x112 'same' 5.86
     * there, 3.76 here); so do they dwone's records (one window over the
     * whole input) */
    const int32_t first = (pad + s - 1) / s, reach = in - 1 + pad - (k - 1);
    const int32_t end = reach < 0 ? 0 : reach / s + 1;
    const int32_t span = (out - 1) * s + k, most = NNOM_DW_FEW_PAD_BYTES / (4 * span);
    const int32_t inside = end > first && first < out ? (end < out ? end : out) - first : 0;
    if (inside == out || most < 1 || p->output_zp != -128 ||
        p->act_min != -128 || p->act_max != 127 ||
        (a->out.h * a->out.w == 1 && p->pad_top + a->in.h <= a->k.h &&
         p->pad_left + a->in.w <= a->k.w))
        return 0;
    const int32_t xb = down ? a->in.w * a->in.c : a->in.c, ob = down ? a->out.w * oc : oc;
    const int32_t lines = down ? a->out.w : a->out.h;
    const int32_t lx = down ? p->stride_w * a->in.c : p->stride_h * a->in.w * a->in.c;
    const int32_t lo = down ? oc : a->out.w * oc;
    const uint32_t zp4 = ((uint32_t)p->input_zp & 0xFFu) * 0x01010101u;
    const int32_t words = 4 + 4 * (k / 2) + 2 * (k & 1) + 12; /* one group's records */
    uint32_t buf[NNOM_DW_FEW_PAD_BYTES / 4];
    for (int32_t l = 0; l < lines; l++) {
        const int8_t *x = a->input + l * lx;
        int8_t *o = a->output + l * lo;
        /* whole groups in chunks of at most `most`, then an overlapping last one */
        for (int32_t c = 0; c < oc;) {
            const int32_t left = (oc - c) / 4, n = left == 0 ? 1 : (left < most ? left : most);
            const int32_t c0 = left == 0 ? oc - 4 : c;
            for (int32_t r = 0; r < span; r++) {
                const int32_t i = r - pad;
                uint32_t *dst = buf + r * n;
                if (i < 0 || i >= in) {
                    for (int32_t j = 0; j < n; j++)
                        dst[j] = zp4;
                    continue;
                }
                const int8_t *src = x + i * xb + c0;
                for (int32_t j = 0; j < n; j++)
                    dst[j] = nnom_read4(src + 4 * j);
            }
            const nnom_dwcol_job_t job = {(const int8_t *)buf, o + c0, a->records + (c0 + 3) / 4 * words,
                                          out, 4 * n, s * 4 * n, ob, k / 2, k & 1, n};
            nnom_dwcol_s8(&job);
            c = left == 0 ? oc : c + 4 * n;
        }
    }
    return 1;
}

/* 2D windows as wide as the input, no padding, one output column, with the
 * converter's records (nnom/ops/dwrows_records.py): a window's rows follow
 * one another in memory, so it is one line of kh * kw taps, which the
 * one-row loop runs for every group in one call ((3,6) on 4x6x67 'valid':
 * 5.54 instructions per MAC on the table below). 0 where it does not suit. */
static NNOM_NOINLINE int few_rows(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t c = a->out.c, taps = a->k.h * a->k.w;
    if ((a->records[0] & 1) || a->k.h < 2 || a->k.w < 2 || a->k.w != a->in.w ||
        a->out.w != 1 || p->pad_top != 0 || p->pad_left != 0 ||
        (a->out.h - 1) * p->stride_h + a->k.h > a->in.h || p->dilation_h != 1 ||
        p->dilation_w != 1 || a->ch_mult != 1 || a->in.c != c || c < 4 ||
        taps > NNOM_DW_GROUP_MAX_TAPS || p->output_zp != -128 || p->act_min != -128 ||
        p->act_max != 127)
        return 0;
    const int32_t xp = p->stride_h * a->in.w * c;
    const nnom_dwcol_job_t j = {a->input, a->output, a->records, a->out.h, c, xp, c, taps / 2,
                                taps & 1, c / 4};
    nnom_dwcol_s8(&j);
    if (c % 4 != 0) { /* the overlapping last group, its records after the others' */
        const int32_t words = 4 + 4 * (taps / 2) + 2 * (taps & 1) + 12;
        const nnom_dwcol_job_t last = {a->input + c - 4, a->output + c - 4,
                                       a->records + c / 4 * words, a->out.h, c, xp, c,
                                       taps / 2, taps & 1, 1};
        nnom_dwcol_s8(&last);
    }
    return 1;
}

/* n words of zp4 from dst on; the word after them. */
static uint32_t *few_fill(uint32_t *dst, int32_t n, uint32_t zp4)
{
    for (; n > 0; n--)
        *dst++ = zp4;
    return dst;
}

/* A column of 2 to NNOM_DW_FEW_OUT outputs of 2D windows with the
 * converter's records (nnom/ops/dwrows_records.py, dwcols_records: a word 1,
 * then the one-row loop's): per chunk of groups, the kw input columns the
 * windows read, padding as the input zero point, copied into a buffer of
 * rows of kw pixels, where each window is one line of kh * kw taps. 0 where
 * it does not suit. */
static NNOM_NOINLINE int few_cols(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c, kh = a->k.h, kw = a->k.w, taps = kh * kw;
    const int32_t s = p->stride_h, span = (a->out.h - 1) * s + kh;
    if (a->records[0] != 1 || kh < 2 || kw < 2 || a->out.w != 1 || a->out.h < 2 ||
        a->ch_mult != 1 || a->in.c != oc || oc < 4 || taps > NNOM_DW_GROUP_MAX_TAPS ||
        p->dilation_h != 1 || p->dilation_w != 1 || p->output_zp != -128 ||
        p->act_min != -128 || p->act_max != 127 || 4 * span * kw > NNOM_DW_FEW_PAD_BYTES)
        return 0;
    const int32_t most = NNOM_DW_FEW_PAD_BYTES / (4 * span * kw), y0 = -p->pad_top;
    const int32_t x0 = -p->pad_left, row = a->in.w * oc;
    /* the window's columns [jlo, jhi) inside the input */
    const int32_t lo = x0 < 0 ? -x0 : 0, hi = a->in.w - x0 < kw ? a->in.w - x0 : kw;
    const int32_t jlo = lo < kw ? lo : kw, jhi = hi > jlo ? hi : jlo;
    const uint32_t zp4 = ((uint32_t)p->input_zp & 0xFFu) * 0x01010101u;
    const int32_t words = 4 + 4 * (taps / 2) + 2 * (taps & 1) + 12; /* one group's records */
    uint32_t buf[NNOM_DW_FEW_PAD_BYTES / 4];
    /* whole groups in chunks of at most `most`, then an overlapping last one */
    for (int32_t c = 0; c < oc;) {
        const int32_t left = (oc - c) / 4, n = left == 0 ? 1 : (left < most ? left : most);
        const int32_t c0 = left == 0 ? oc - 4 : c;
        uint32_t *dst = buf;
        for (int32_t r = 0; r < span; r++) {
            const int32_t y = y0 + r, inside = y >= 0 && y < a->in.h;
            const int8_t *src = a->input + y * row + (x0 + jlo) * oc + c0;
            dst = few_fill(dst, inside ? jlo * n : kw * n, zp4);
            if (!inside)
                continue;
            for (int32_t j = jlo; j < jhi; j++, src += oc)
                for (int32_t g = 0; g < n; g++)
                    *dst++ = nnom_read4(src + 4 * g);
            dst = few_fill(dst, (kw - jhi) * n, zp4);
        }
        const nnom_dwcol_job_t job = {(const int8_t *)buf, a->output + c0,
                                      a->records + 1 + (c0 + 3) / 4 * words, a->out.h, 4 * n,
                                      s * kw * 4 * n, oc, taps / 2, taps & 1, n};
        nnom_dwcol_s8(&job);
        c = left == 0 ? oc : c + 4 * n;
    }
    return 1;
}

/* Without records: every pixel's valid taps in a table, then few_groups(). */
static NNOM_NOINLINE int few_table(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t oc = a->out.c, ic = a->in.c, kh = a->k.h, kw = a->k.w;
    if (a->ch_mult != 1 || oc != ic || oc < 4 || (oc % 4 != 0 && nnom_dw_odd_flat(a)) ||
        a->out.h * a->out.w > NNOM_DW_FEW_OUT || kh * kw > NNOM_DW_GROUP_MAX_TAPS ||
        p->dilation_h != 1 || p->dilation_w != 1)
        return 0;
    const int32_t reach = ((int32_t)1 << 30) - kh * kw * 255 * 128; /* |acc| < 2^30 */
    for (int32_t c = 0; c < oc; c++) {
        const int32_t b = a->bias[c];
        if (!nnom_rq_fast_ok(a->rq.mult[c], a->rq.shift[c]) || b >= reach || b <= -reach)
            return 0;
    }
    const int mode = (p->act_min >= p->output_zp ? 0 : DW_SIGN) |
                     (p->act_min > -128 || p->act_max < 127 ? DW_CLAMP : 0);
    few_tap_t tap[NNOM_DW_FEW_TAPS];
    int32_t first[NNOM_DW_FEW_OUT + 1], n = 0, i = 0;
    for (int32_t oy = 0; oy < a->out.h; oy++)
        for (int32_t ox = 0; ox < a->out.w; ox++) {
            const int32_t y0 = oy * p->stride_h - p->pad_top, x0 = ox * p->stride_w - p->pad_left;
            int32_t ky0, ky1, kx0, kx1;
            few_axis(y0, a->in.h, kh, &ky0, &ky1);
            few_axis(x0, a->in.w, kw, &kx0, &kx1);
            first[i++] = n;
            if (ky1 > ky0 && kx1 > kx0 && (ky1 - ky0) * (kx1 - kx0) > NNOM_DW_FEW_TAPS - n)
                return 0; /* (before anything is written) */
            for (int32_t ky = ky0; ky < ky1; ky++)
                for (int32_t kx = kx0; kx < kx1; kx++, n++) {
                    tap[n].x = a->input + ((y0 + ky) * a->in.w + x0 + kx) * ic;
                    tap[n].w = a->weight + (ky * kw + kx) * oc;
                }
        }
    first[i] = n;
    few_groups(a, tap, first, i, mode);
    return 1;
}

/* (the paths' own frames: the copy's 1 KB or the table's, not both) */
int nnom_dw_few_try(const nnom_conv_args_t *a)
{
    /* one row of taps with records: few_padded's alone (few_rows and
     * few_cols take 2D windows), not on 'valid' lines whose every window
     * lies inside the input (its first test, here before its frame) */
    if (a->out.h * a->out.w > NNOM_DW_FEW_OUT ||
        (a->records != NULL && (a->k.h == 1 || a->k.w == 1))) {
        const int down = a->k.w == 1;
        const int32_t k = down ? a->k.h : a->k.w, in = down ? a->in.h : a->in.w;
        const int32_t out = down ? a->out.h : a->out.w;
        const int32_t s = down ? a->p.stride_h : a->p.stride_w;
        if ((down ? a->p.pad_top : a->p.pad_left) == 0 && (out - 1) * s + k <= in)
            return 0;
        return few_padded(a);
    }
    if (a->records != NULL)
        return few_padded(a) || few_rows(a) || few_cols(a);
    return few_table(a);
}

#else
typedef int nnom_local_dw_few_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
