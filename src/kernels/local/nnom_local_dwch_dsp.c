/*
 * nnom_local_dwch_dsp.c - depthwise 2D windows of one to seven channels,
 * plane by plane (-O2 on DSP cores; see nnom_local_dwch.h). Each channel
 * is a single-plane convolution: a band of its input rows is widened once
 * to int16 into a buffer of rows len values apart, the padding holding the
 * input zero point (whose products the bias takes: acc = bias - zp sum(w)
 * + sum(x w)), the weights widened to halfword pairs along each row of
 * taps. Every output row runs in passes of four outputs, one SMLAD per
 * tap pair and output, the four sharing their loaded pairs: at stride 1
 * the even outputs those at even offsets, the odd ones those at odd
 * offsets; at stride 2 every output those at even offsets. (The group
 * paths spend lanes on absent channels, or on the other phase at stride
 * 2, and requantise four lanes for the one to three that exist.)
 */
#include <string.h>

#include "nnom_local_dwch.h"

#if NNOM_LOCAL_MAC_ASM
/* A band's output rows of one channel: the window's top row, the weights,
 * the requantisation (int8 saturation; narrower activation ranges are
 * clamped over the written bytes after, dwch_clamp). */
typedef struct {
    const int16_t *x;                /* the window's top row for the band's output 0 */
    uint32_t w[NNOM_DWCH_MAX_K * 4]; /* [kh][P] doubled halfword pairs, the odd tap's pair 0 */
    int32_t kh, ow, len, bias;       /* len: row pitch; bias: doubled, less 2 zp sum(w) */
    int8_t *out;
    int32_t op, mult, ra, e;
    int32_t nrows, xstep, ostep; /* output rows a call, their steps */
} dwch_row_t;

NNOM_INLINE int32_t dwch_pair(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The doubled sums requantised: (SMMLAR(a, mult, ra) + (a < 0 ? -1 : 0))
 * >> e is the fast form of nnom_rq_fast() (ra = 2^(e-1) + zp 2^e: the
 * doubling folds its first rounding into SMMLAR's, the sign term is its
 * s), saturated to int8. */
NNOM_INLINE int8_t dwch_rq1(int32_t a, int32_t mult, int32_t ra, int32_t e)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(a), "r"(mult), "r"(ra));
    return (int8_t)__ssat((v + (a >> 31)) >> e, 8);
}

/* A row's last one or two outputs (ow & 3 of 1 or 2) in a pass of one or
 * two, x their window's top row. One function per P (the stride a
 * variable: once a row), for kh >= 4. */
NNOM_INLINE void dwch_two(const dwch_row_t *r, const int16_t *x, int8_t *out, int32_t s,
                          const int32_t P)
{
    int32_t a0 = r->bias, a1 = r->bias;
    const uint32_t *w = r->w, *wend = r->w + r->kh * P;
    const int32_t len = r->len;
    if (r->ow & 2) {
        const int16_t *x1 = x + s;
        do {
            _Pragma("GCC unroll 4") for (int32_t j = 0; j < P; j++)
            {
                const int16x2_t wv = (int16x2_t)w[j];
                a0 = __smlad(dwch_pair(x + 2 * j), wv, a0);
                a1 = __smlad(dwch_pair(x1 + 2 * j), wv, a1);
            }
            w += P;
            x += len;
            x1 += len;
        } while (w != wend);
        out[r->op] = dwch_rq1(a1, r->mult, r->ra, r->e);
    } else {
        do {
            _Pragma("GCC unroll 4") for (int32_t j = 0; j < P; j++)
                a0 = __smlad(dwch_pair(x + 2 * j), (int16x2_t)w[j], a0);
            w += P;
            x += len;
        } while (w != wend);
    }
    out[0] = dwch_rq1(a0, r->mult, r->ra, r->e);
}

#define DWCH_TWO(P)                                                                            \
    static NNOM_NOINLINE void dwch_two_##P(const dwch_row_t *r, const int16_t *x, int8_t *out, \
                                           int32_t s)                                          \
    {                                                                                          \
        dwch_two(r, x, out, s, P);                                                             \
    }
DWCH_TWO(1)
DWCH_TWO(2)
DWCH_TWO(3)
DWCH_TWO(4)
#undef DWCH_TWO

/* One row of taps' pairs (w) into the four outputs' sums, x the row's
 * values under output 0 (P and S constants of the caller). */
#define DWCH_ROW(w, x)                                                                         \
    do {                                                                                       \
        _Pragma("GCC unroll 4") for (int32_t j = 0; j < P; j++)                                \
        {                                                                                      \
            const int16x2_t wv = (int16x2_t)(w)[j];                                            \
            a0 = __smlad(dwch_pair((x) + 2 * j), wv, a0);                                      \
            a1 = __smlad(dwch_pair((x) + S + 2 * j), wv, a1);                                  \
            a2 = __smlad(dwch_pair((x) + 2 * S + 2 * j), wv, a2);                              \
            a3 = __smlad(dwch_pair((x) + 3 * S + 2 * j), wv, a3);                              \
        }                                                                                      \
    } while (0)

/* The band's rows in passes of four outputs requantised as they end (the
 * row's last ow & 3 in one more pass), P tap pairs a row of taps (kw 2P
 * or 2P - 1: the same code) and the stride across (S) constants, reading
 * up to (ceil(ow / 4) * 4 - 1) S + 2 P - 1 values of each row (the
 * buffer's rows, or the slack past its last, hold them). Windows of KH = 2
 * or 3 rows, unrolled (more rows: dwch_rows). */
NNOM_INLINE void dwch_sums(const dwch_row_t *r, const int32_t P, const int32_t S,
                           const int32_t KH)
{
    const int32_t ow = r->ow, len = r->len;
    const int32_t bias = r->bias;
    const int32_t last = ow & 3;
    const int16_t *xr = r->x;
    int8_t *outr = r->out;
    for (int32_t m = r->nrows; m > 0; m--, xr += r->xstep, outr += r->ostep) {
        const int16_t *x0 = xr;
        int8_t *out = outr;
        /* the full passes, then one for ow & 3 */
        int32_t n = ow >> 2;
        for (;;) {
            int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias;
            const int16_t *x = x0;
            /* the weights loaded per pass (the empty asm hides y's relation
             * to x, so that GCC reads each row at immediate offsets from one
             * pointer, not from offsets or pointers it keeps on the stack) */
            const int16_t *y = x;
            DWCH_ROW(r->w, y);
            y += len;
            __asm__("" : "+r"(y));
            DWCH_ROW(r->w + P, y);
            if (KH == 3) {
                y += len;
                __asm__("" : "+r"(y));
                DWCH_ROW(r->w + 2 * P, y);
            }
            x0 += 4 * S;
            const int32_t mult = r->mult, ra = r->ra, e = r->e, op = r->op;
            if (n == 0) { /* the row's last ow & 3 outputs */
                out[0] = dwch_rq1(a0, mult, ra, e);
                if (last > 1)
                    out[op] = dwch_rq1(a1, mult, ra, e);
                if (last > 2)
                    out[2 * op] = dwch_rq1(a2, mult, ra, e);
                break;
            }
            out[0] = dwch_rq1(a0, mult, ra, e);
            out[op] = dwch_rq1(a1, mult, ra, e);
            out[2 * op] = dwch_rq1(a2, mult, ra, e);
            out[3 * op] = dwch_rq1(a3, mult, ra, e);
            out += 4 * op;
            if (--n == 0 && !last)
                break;
        }
    }
}

/* The band's rows for kh >= 4 (dwch_sums' loop over the rows of taps), a
 * row's last three outputs in a pass of four, a last one or two in a pass
 * of one or two (dwch_two_P: (5,5) s2 24x13x3 valid 4.59 -> 4.09; for kh
 * 2 and 3 it cost more than it saved). */
NNOM_INLINE void dwch_rows(const dwch_row_t *r, const int32_t P, const int32_t S,
                           void (*two)(const dwch_row_t *, const int16_t *, int8_t *, int32_t))
{
    const int32_t ow = r->ow, len = r->len;
    const int32_t bias = r->bias;
    const uint32_t *wend = r->w + r->kh * P;
    const int32_t last = ow & 3;
    const int16_t *xr = r->x;
    int8_t *outr = r->out;
    for (int32_t m = r->nrows; m > 0; m--, xr += r->xstep, outr += r->ostep) {
        const int16_t *x0 = xr;
        int8_t *out = outr;
        int32_t n = ow >> 2;
        if (n > 0 || last == 3)
            for (;;) {
                int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                const int16_t *x = x0;
                const uint32_t *w = r->w;
                do {
                    DWCH_ROW(w, x);
                    w += P;
                    x += len;
                } while (w != wend);
                x0 += 4 * S;
                const int32_t mult = r->mult, ra = r->ra, e = r->e, op = r->op;
                out[0] = dwch_rq1(a0, mult, ra, e);
                out[op] = dwch_rq1(a1, mult, ra, e);
                out[2 * op] = dwch_rq1(a2, mult, ra, e);
                if (n == 0) /* the row's last three */
                    break;
                out[3 * op] = dwch_rq1(a3, mult, ra, e);
                out += 4 * op;
                if (--n == 0 && last != 3)
                    break;
            }
        if (last == 1 || last == 2) /* (from the row's start: fewer registers kept) */
            two(r, xr + (ow & ~3) * S, outr + (ow & ~3) * r->op, S);
    }
}
#undef DWCH_ROW

/* One function per tap-pair count P (kw 2P - 1 and 2P share it), the
 * stride and two- or three-row windows picked inside. */
#define DWCH_SUMS(P)                                                                           \
    static NNOM_NOINLINE void dwch_sums_##P(const dwch_row_t *r, int32_t s)                    \
    {                                                                                          \
        if (r->kh == 2 && s == 1)                                                              \
            dwch_sums(r, P, 1, 2);                                                             \
        else if (r->kh == 2)                                                                   \
            dwch_sums(r, P, 2, 2);                                                             \
        else if (r->kh == 3 && s == 1)                                                         \
            dwch_sums(r, P, 1, 3);                                                             \
        else if (r->kh == 3)                                                                   \
            dwch_sums(r, P, 2, 3);                                                             \
        else if (s == 1)                                                                       \
            dwch_rows(r, P, 1, dwch_two_##P);                                                  \
        else                                                                                   \
            dwch_rows(r, P, 2, dwch_two_##P);                                                  \
    }
DWCH_SUMS(1)
DWCH_SUMS(2)
DWCH_SUMS(3)
DWCH_SUMS(4)
#undef DWCH_SUMS

typedef void (*dwch_sums_fn)(const dwch_row_t *r, int32_t s);

/* n int8-saturated outputs clamped to [lo, hi] (activations narrower than
 * int8: clamp(ssat(v)) == clamp(v)), four a word (SSUB8 and SEL: max, min). */
NNOM_NOINLINE void nnom_dwch_clamp(int8_t *out, int32_t n, int32_t lo, int32_t hi)
{
    const uint32_t lo4 = (uint8_t)lo * 0x01010101u, hi4 = (uint8_t)hi * 0x01010101u;
    for (; n >= 4; n -= 4, out += 4) {
        uint32_t v = nnom_read4(out);
        (void)__ssub8((int8x4_t)v, (int8x4_t)lo4);
        v = __sel(v, lo4);
        (void)__ssub8((int8x4_t)hi4, (int8x4_t)v);
        v = __sel(v, hi4);
        memcpy(out, &v, 4);
    }
    for (; n > 0; n--, out++)
        *out = (int8_t)(*out < lo ? lo : *out > hi ? hi : *out);
}

/* Two int16 values in a word, lo first (PKHBT: GCC merges halfword
 * stores with BFI, two more instructions a pair). */
NNOM_INLINE uint32_t dwch_pk(int32_t lo, int32_t hi)
{
    uint32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(lo), "r"(hi));
    return r;
}

/* n rows of iw values IC bytes apart (the input's rows follow each other)
 * widened into rows whose next starts gap values past a row's end; four,
 * then two and one a row, with no per-value loop (small planes: the
 * rows' ends cost as much as their values). */
NNOM_INLINE void dwch_copy_c(int16_t *d, int32_t gap, const int8_t *src, int32_t iw, int32_t n,
                             const int32_t IC)
{
    const int32_t quads = iw >> 2, rest = iw & 3;
    do {
        for (int32_t i = quads; i > 0; i--, src += 4 * IC, d += 4) {
            const uint32_t p0 = dwch_pk(src[0], src[IC]), p1 = dwch_pk(src[2 * IC], src[3 * IC]);
            memcpy(d, &p0, 4);
            memcpy(d + 2, &p1, 4);
        }
        if (rest & 2) {
            const uint32_t p0 = dwch_pk(src[0], src[IC]);
            memcpy(d, &p0, 4);
            d += 2;
            src += 2 * IC;
        }
        if (rest & 1) {
            *d++ = *src;
            src += IC;
        }
        d += gap;
    } while (--n > 0);
}

/* n input rows of one channel (iw values ic bytes apart, rows iw ic bytes
 * apart) widened to int16 into rows len values apart (n >= 1); two and
 * three channels with their step a constant (ldrsb's immediate). */
static NNOM_NOINLINE void dwch_copy(int16_t *dst, int32_t len, const int8_t *src, int32_t iw,
                                    int32_t ic, int32_t n)
{
    if (ic == 2)
        dwch_copy_c(dst, len - iw, src, iw, n, 2);
    else if (ic == 3)
        dwch_copy_c(dst, len - iw, src, iw, n, 3);
    else if (ic != 1)
        dwch_copy_c(dst, len - iw, src, iw, n, ic);
    else {
        const int32_t quads = iw >> 2, rest = iw & 3;
        for (; n > 0; n--, dst += len) {
            int16_t *d = dst;
            for (int32_t i = 0; i < quads; i++, src += 4, d += 4) {
                const uint32_t v = nnom_read4(src);
                const uint32_t e = (uint32_t)__sxtb16((int8x4_t)v);
                const uint32_t o = (uint32_t)nnom_sxtb16_odd(v);
                const uint32_t p0 = (e & 0xFFFFu) | (o << 16), p1 = (o & 0xFFFF0000u) | (e >> 16);
                memcpy(d, &p0, 4);
                memcpy(d + 2, &p1, 4);
            }
            for (int32_t i = 0; i < rest; i++)
                *d++ = *src++;
        }
    }
}

/* The same for a transposed band: n of the input's columns (iw values vs
 * bytes apart, columns ic bytes apart) into rows len values apart. */
static NNOM_NOINLINE void dwch_copy_t(int16_t *dst, int32_t len, const int8_t *src, int32_t iw,
                                      int32_t vs, int32_t n, int32_t ic)
{
    for (; n > 0; n--, dst += len, src += ic) {
        const int8_t *x = src;
        int16_t *d = dst;
        int32_t i = iw;
        for (; i >= 4; i -= 4, d += 4, x += 4 * vs) {
            d[0] = x[0];
            d[1] = x[vs];
            d[2] = x[2 * vs];
            d[3] = x[3 * vs];
        }
        for (; i > 0; i--, x += vs)
            *d++ = *x;
    }
}

/* 1 where the doubled sums and the requantisation's SMMLAR stay within
 * int32 for every input (|2 acc| < 2^31, |2 acc mult / 2^32| + |ra| <
 * 2^31). */
static int dwch_fits(int32_t bias, int32_t wabs, int32_t mult, int32_t ra)
{
    const int64_t a = 2 * ((int64_t)(bias < 0 ? -(int64_t)bias : bias) + 255 * (int64_t)wabs);
    const int64_t m = (a * mult) >> 32;
    return a < 0x7FFFFFFFLL && m + (ra < 0 ? -(int64_t)ra : ra) < 0x7FFFFFFFLL;
}

/* sum |w| over channel c's taps (the exact bound, where |w| <= 128 fails). */
static int32_t dwch_wabs(const nnom_conv_args_t *a, int32_t c)
{
    const int32_t n = a->k.h * a->k.w, ic = a->in.c;
    int32_t wabs = 0;
    for (int32_t k = 0; k < n; k++) {
        const int32_t w = a->weight[k * ic + c];
        wabs += w < 0 ? -w : w;
    }
    return wabs;
}

/* Every channel checked before any output is written: first in 32 bits
 * (|bias| < 2^28, |ra| < 2^30 and at most 2,048 taps: |2 acc| < 2^30, its
 * SMMLAR term below 2^29; the usual case, no 64-bit products), then with
 * |w| <= 128 (no pass over the weights), the exact sum where that fails. */
int nnom_dwch_fit_all(const nnom_conv_args_t *a)
{
    const int32_t taps = a->k.h * a->k.w;
    for (int32_t c = 0; c < a->in.c; c++) {
        const int32_t e = -a->rq.shift[c];
        const int32_t ra = (int32_t)((1u << (e - 1)) + (uint32_t)a->p.output_zp * (1u << e));
        if (taps <= 2048 && (uint32_t)a->bias[c] + (1u << 28) < (1u << 29) &&
            (uint32_t)ra + (1u << 30) < (1u << 31))
            continue;
        if (!dwch_fits(a->bias[c], 128 * taps, a->rq.mult[c], ra) &&
            !dwch_fits(a->bias[c], dwch_wabs(a, c), a->rq.mult[c], ra))
            return 0;
    }
    return 1;
}

/* Channel c's weights (doubled pairs, the odd tap's pair 0), bias and
 * requantisation into r: kh rows of kw taps, taps wx bytes apart, rows wy
 * (the layer's, or transposed: its columns). */
NNOM_INLINE void dwch_channel(const nnom_conv_args_t *a, int32_t c, dwch_row_t *r, int32_t kh,
                         int32_t kw, int32_t wx, int32_t wy)
{
    uint32_t *pw = r->w;
    int32_t sum = 0;
    for (int32_t ky = 0; ky < kh; ky++) {
        const int8_t *wp = a->weight + c + ky * wy;
        for (int32_t j = 0; j < kw >> 1; j++, wp += 2 * wx) {
            const int32_t w0 = wp[0], w1 = wp[wx];
            *pw++ = ((uint32_t)(2 * w0) & 0xFFFFu) | ((uint32_t)(2 * w1) << 16);
            sum += w0 + w1;
        }
        if (kw & 1) {
            const int32_t w0 = *wp;
            *pw++ = (uint32_t)(2 * w0) & 0xFFFFu;
            sum += w0;
        }
    }
    const int32_t e = -a->rq.shift[c];
    r->mult = a->rq.mult[c];
    r->ra = (int32_t)((1u << (e - 1)) + (uint32_t)a->p.output_zp * (1u << e));
    r->e = e;
    r->bias = 2 * (a->bias[c] - a->p.input_zp * sum);
}

/* 1 where a view of the plane fits the band: rows of ow outputs at
 * stride sx of kw taps (pl + iw values: the padding before and the
 * input), kh rows of taps (nnom_dwch_try's len, slack and rows). */
static int dwch_fit_view(int32_t ow, int32_t sx, int32_t kw, int32_t pl_iw, int32_t kh)
{
    const int32_t ow4 = (ow + 3) & ~3;
    int32_t len = (ow - 1) * sx + kw;
    len = len < pl_iw ? pl_iw : len;
    int32_t slack = (ow4 - 1) * sx + 2 * ((kw + 1) / 2) - len;
    slack = slack > 0 ? slack : 0;
    return ow4 <= NNOM_DWCH_OUT && (NNOM_DWCH_BUF - slack) / len >= kh;
}

/* The input's columns of padded rows [r0, r1) (the band's from r0) that
 * lie outside the input set to the zero point. */
static NNOM_NOINLINE void dwch_pad_rows(int16_t *buf, int32_t len, int32_t pl, int32_t iw,
                                        int32_t pt, int32_t ih, int32_t r0, int32_t r1,
                                        int32_t zp)
{
    /* a word a pair (inlined in nnom_dwch_try, GCC kept the loop's bound
     * on the stack: 5 a value on (5,5) s2 47x5x1 same's rows of 47) */
    const uint32_t v = (uint16_t)zp * 0x10001u;
    for (int32_t y = r0 - pt; y < r1 - pt; y++)
        if (y < 0 || y >= ih) {
            int16_t *p = buf + (y + pt - r0) * len + pl;
            const int16_t *end = p + iw;
            for (; end - p >= 2; p += 2)
                memcpy(p, &v, 4);
            if (p != end)
                *p = (int16_t)zp;
        }
}

/* The first n values of buf (rounded up to eight, within NNOM_DWCH_BUF)
 * set to zp, four words a pass. */
static void dwch_fill(int16_t *buf, int32_t n, int32_t zp)
{
    const uint32_t v = (uint16_t)zp * 0x10001u;
    for (int16_t *p = buf, *end = buf + ((n + 7) & ~7); p != end; p += 8) {
        memcpy(p, &v, 4);
        memcpy(p + 2, &v, 4);
        memcpy(p + 4, &v, 4);
        memcpy(p + 6, &v, 4);
    }
}

int nnom_dwch_try(const nnom_conv_args_t *a)
{
    static const dwch_sums_fn sums[NNOM_DWCH_MAX_K + 1] = {
        NULL, NULL, dwch_sums_1, dwch_sums_2, dwch_sums_2, dwch_sums_3, dwch_sums_3, dwch_sums_4};
    const int32_t ic = a->in.c;
    /* Planes whose rows waste more of their passes of four than their
     * columns would ((3,3) s1 40x7x1 valid: five outputs a row, 38 a
     * column) run transposed: the band's rows are the input's columns,
     * the weights and the output's steps swapped. The passes' cost, by
     * rows: oh ceil(ow / 4) kh ceil(kw / 2); taken at 3/4 or less of it
     * (the copy reads bytes iw ic apart then) where the view fits the band. */
    const int32_t ph = (a->k.h + 1) / 2, pw = (a->k.w + 1) / 2;
    const int tr = 4 * a->out.w * ((a->out.h + 3) / 4) * a->k.w * ph <=
                       3 * a->out.h * ((a->out.w + 3) / 4) * a->k.h * pw &&
                   dwch_fit_view(a->out.h, a->p.stride_h, a->k.h, a->p.pad_top + a->in.h, a->k.w);
    const int32_t kh = tr ? a->k.w : a->k.h, kw = tr ? a->k.h : a->k.w;
    const int32_t sy = tr ? a->p.stride_w : a->p.stride_h, sx = tr ? a->p.stride_h : a->p.stride_w;
    const int32_t ih = tr ? a->in.w : a->in.h, iw = tr ? a->in.h : a->in.w;
    const int32_t oh = tr ? a->out.w : a->out.h, ow = tr ? a->out.h : a->out.w;
    const int32_t pt = tr ? a->p.pad_left : a->p.pad_top, pl = tr ? a->p.pad_top : a->p.pad_left;
    /* steps in bytes: along a band's row and down it (input, output) */
    const int32_t xv = tr ? a->in.w * ic : ic;
    const int32_t ov = tr ? a->out.w * ic : ic, orow = tr ? ic : a->out.w * ic;
    const int32_t wx = tr ? a->k.w * ic : ic, wy = tr ? ic : a->k.w * ic; /* the weights' */
    const int32_t P = (kw + 1) / 2;
    const int32_t ow4 = (ow + 3) & ~3;
    /* rows len values apart: the padded row the outputs read (a pass's
     * outputs past ow read on into the next row, or the slack past the
     * band's last row); with no padding across the band is one run */
    int32_t len = (ow - 1) * sx + kw;
    if (len < pl + iw)
        len = pl + iw;
    int32_t slack = (ow4 - 1) * sx + 2 * P - len;
    slack = slack > 0 ? slack : 0;
    /* rows of the buffer: at least one output row's window */
    const int32_t rows = (NNOM_DWCH_BUF - slack) / len;
    if (!nnom_dwch_asks(a) || a->ch_mult != 1 || a->out.c != ic || pt < 0 || pl < 0 ||
        pt >= kh || pl >= kw || rows < kh || ow4 > NNOM_DWCH_OUT || !nnom_rq_all_fast(&a->rq, ic))
        return 0;
    if (!nnom_dwch_fit_all(a))
        return 0;
    dwch_row_t r;
    const int32_t zp = a->p.input_zp;
    int16_t buf[NNOM_DWCH_BUF];
    const dwch_sums_fn run = sums[kw];
    const int cl = a->p.act_min > -128 || a->p.act_max < 127;
    const int32_t hp = (oh - 1) * sy + kh; /* padded rows the windows take */
    /* output rows per band: their windows' rows in the buffer */
    const int32_t per = (rows - kh) / sy + 1;
    /* zp in the columns left and right of the input in the rows the bands
     * use; the copies write the input's columns, the rows in the padding
     * are filled per band */
    const int32_t used = hp < rows ? hp : rows;
    /* short rows (their ends' loops cost more than a word a pair of
     * values): every value the bands use set at once, eight a pass */
    const int all = 3 * len < 30 + 10 * (len - iw);
    if (all)
        dwch_fill(buf, used * len + slack, zp);
    else {
        for (int16_t *row = buf; row != buf + used * len; row += len) {
            for (int32_t i = 0; i < pl; i++)
                row[i] = (int16_t)zp;
            for (int32_t i = pl + iw; i < len; i++)
                row[i] = (int16_t)zp;
        }
        for (int32_t i = 0; i < slack; i++)
            buf[used * len + i] = (int16_t)zp;
    }
    /* one band: its rows in the padding (no copy writes them) set once, not
     * per channel ((5,5) s2 6x20x2 same: three rows of 20) */
    const int one = per >= oh;
    if (one && !all)
        dwch_pad_rows(buf, len, pl, iw, pt, ih, 0, hp, zp);
    for (int32_t c = 0; c < ic; c++) {
        dwch_channel(a, c, &r, kh, kw, wx, wy);
        r.op = ov;
        r.kh = kh;
        r.ow = ow;
        r.len = len;
        r.xstep = sy * len;
        r.ostep = orow;
        for (int32_t oy = 0; oy < oh; oy += per) {
            const int32_t r0 = oy * sy; /* the band's first padded row */
            const int32_t r1 = r0 + rows < hp ? r0 + rows : hp;
            /* the band's rows in the input, then those in the padding (their
             * columns around the input's hold zp from the start) */
            const int32_t y0 = r0 - pt > 0 ? r0 - pt : 0, y1 = r1 - pt < ih ? r1 - pt : ih;
            if (tr && y1 > y0) /* the input's columns */
                dwch_copy_t(buf + (y0 + pt - r0) * len + pl, len, a->input + y0 * ic + c, iw, xv,
                            y1 - y0, ic);
            else if (y1 > y0 && len == iw) /* the rows one run */
                dwch_copy(buf + (y0 + pt - r0) * len, (y1 - y0) * iw, a->input + y0 * iw * ic + c,
                          (y1 - y0) * iw, ic, 1);
            else if (y1 > y0)
                dwch_copy(buf + (y0 + pt - r0) * len + pl, len, a->input + y0 * iw * ic + c, iw,
                          ic, y1 - y0);
            if (!one)
                dwch_pad_rows(buf, len, pl, iw, pt, ih, r0, r1, zp);
            const int32_t end = oh - oy < per ? oh : oy + per;
            r.x = buf; /* the band's output rows in one call */
            r.out = a->output + oy * orow + c;
            r.nrows = end - oy;
            run(&r, sx);
        }
    }
    if (cl) /* every channel's outputs in one pass */
        nnom_dwch_clamp(a->output, oh * ow * ic, a->p.act_min, a->p.act_max);
    return 1;
}
#else
typedef int nnom_local_dwch_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
