/*
 * nnom_local_dw_tiny_dsp.c - depthwise layers of one to seven channels
 * (not four) whose window is one row or one column of 3 to 10 taps,
 * multiplier 1, no dilation along the taps (-O2 on cores with
 * NNOM_LOCAL_MAC_ASM). Layers of a few hundred MACs: the paths of four
 * lanes (flat, group) pad such channels to four lanes, build their records
 * per call and spend more on set-up than on the products.
 *
 * Channel by channel, each line of the input (along the taps) is copied as
 * int16 into a buffer with the padding's input zero point around it; an
 * output is then (k + 1) / 2 word loads and SMLADs against the channel's
 * weight pairs held in registers (the odd last tap paired with a zero
 * weight) and the requantisation of the depthwise records (doubled
 * weights and bias less the zero point's share: SMMLAR, shift, SSAT).
 * Not taken: activations that clamp inside int8, channels outside that
 * requantisation's range or whose sums could pass 2^31, lines longer than
 * TINY_LINE entries, and (five to seven channels) three taps or stride 2,
 * where the flat and group paths cost less.
 */
#include "nnom_local_dw_tiny.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

#define TINY_MAX_TAPS 10
#define TINY_PAIRS (TINY_MAX_TAPS / 2)
/* int16 entries of one padded line (on the stack) */
#define TINY_LINE 128

/* One channel's records: weight pairs (2 w_2j, 2 w_2j+1), doubled bias
 * less 2 zp sum(w), and out = ssat8(SMMLAR(acc, mult, ra) >> e). */
typedef struct {
    int32_t w[TINY_PAIRS], bias, mult, ra, e;
} tiny_ch_t;

/* The line's geometry: n outputs of k taps at stride s; pad entries of
 * the input zero point before the in entries of the line, which lie xs
 * bytes apart in the input; outputs os bytes apart. lines of them, the
 * input's lines xl bytes apart, the output's ol. */
typedef struct {
    int32_t k, s, pad, in, n, xs, os, lines, xl, ol;
} tiny_t;

/* ssat8(SMMLAR(acc, mult, ra) >> e) */
NNOM_INLINE int32_t tiny_rq(int32_t acc, int32_t mult, int32_t ra, int32_t e)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(ra));
    return __ssat(v >> e, 8);
}

NNOM_INLINE int32_t tiny_read2(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* n outputs of K taps from line x (int16, S entries apart per output) to
 * out (os bytes apart), two per pass (the loop's branch and the pointer
 * steps shared; sharing the words instead takes a second set of weight
 * pairs, which with the requantisation's four values does not fit the
 * registers). */
NNOM_INLINE void tiny_body(const int16_t *x, int8_t *out, int32_t n, int32_t os,
                           const tiny_ch_t *r, const int32_t K, const int32_t S)
{
    const int32_t np = (K + 1) / 2;
    int32_t w[TINY_PAIRS];
    for (int32_t j = 0; j < np; j++)
        w[j] = r->w[j];
    const int32_t bias = r->bias, mult = r->mult, ra = r->ra, e = r->e;
    const int16_t *const end = x + (n & ~1) * S;
    for (; x != end; x += 2 * S, out += 2 * os) {
        int32_t a0 = bias, a1 = bias;
#pragma GCC unroll 5
        for (int32_t j = 0; j < np; j++) {
            a0 = __smlad(tiny_read2(x + 2 * j), w[j], a0);
            a1 = __smlad(tiny_read2(x + S + 2 * j), w[j], a1);
        }
        out[0] = (int8_t)tiny_rq(a0, mult, ra, e);
        out[os] = (int8_t)tiny_rq(a1, mult, ra, e);
    }
    if (n & 1) {
        int32_t acc = bias;
#pragma GCC unroll 5
        for (int32_t j = 0; j < np; j++)
            acc = __smlad(tiny_read2(x + 2 * j), w[j], acc);
        *out = (int8_t)tiny_rq(acc, mult, ra, e);
    }
}

typedef void (*tiny_fn)(const int16_t *, int8_t *, int32_t, int32_t, const tiny_ch_t *);

/* K taps at strides 1 and 2 */
#define TINY_FN(K)                                                                               \
    static NNOM_NOINLINE void tiny_##K##_1(const int16_t *x, int8_t *out, int32_t n,           \
                                           int32_t os, const tiny_ch_t *r)                      \
    {                                                                                            \
        tiny_body(x, out, n, os, r, K, 1);                                                       \
    }                                                                                            \
    static NNOM_NOINLINE void tiny_##K##_2(const int16_t *x, int8_t *out, int32_t n,           \
                                           int32_t os, const tiny_ch_t *r)                      \
    {                                                                                            \
        tiny_body(x, out, n, os, r, K, 2);                                                       \
    }
TINY_FN(3)
TINY_FN(4)
TINY_FN(5)
TINY_FN(6)
TINY_FN(7)
TINY_FN(8)
TINY_FN(9)
TINY_FN(10)

static const tiny_fn tiny_fns[2][TINY_MAX_TAPS - 2] = {
    {tiny_3_1, tiny_4_1, tiny_5_1, tiny_6_1, tiny_7_1, tiny_8_1, tiny_9_1, tiny_10_1},
    {tiny_3_2, tiny_4_2, tiny_5_2, tiny_6_2, tiny_7_2, tiny_8_2, tiny_9_2, tiny_10_2}};

/* The layer's geometry; 0 where it does not suit. */
static int tiny_of(const nnom_conv_args_t *a, tiny_t *t)
{
    const int32_t c = a->out.c;
    if (a->ch_mult != 1 || a->in.c != c)
        return 0;
    if (a->k.h == 1) { /* rows of taps along w; lines down h (one input row each) */
        if (a->p.dilation_w != 1 || a->p.pad_top != 0 ||
            (a->out.h - 1) * a->p.stride_h >= a->in.h)
            return 0;
        *t = (tiny_t){a->k.w,  a->p.stride_w, a->p.pad_left, a->in.w,           a->out.w,
                      c,       c,             a->out.h,      a->p.stride_h * a->in.w * c,
                      a->out.w * c};
    } else { /* columns of taps down h; lines along w */
        if (a->p.dilation_h != 1 || a->p.pad_left != 0 ||
            (a->out.w - 1) * a->p.stride_w >= a->in.w)
            return 0;
        *t = (tiny_t){a->k.h,           a->p.stride_h,     a->p.pad_top, a->in.h,
                      a->out.h,         a->in.w * c,       a->out.w * c, a->out.w,
                      a->p.stride_w * c, c};
    }
    /* the line's entries: the last output's window and the odd tap's pair */
    const int32_t entries = (t->n - 1) * t->s + t->k + 1;
    /* five to seven channels only at stride 1 with more than three taps:
     * three taps run faster on the flat path's four lanes, stride 2 on the
     * group path */
    if (c > 4 && (t->s != 1 || t->k == 3))
        return 0;
    return t->k >= 3 && t->k <= TINY_MAX_TAPS && t->pad >= 0 && (t->s == 1 || t->s == 2) &&
           entries <= TINY_LINE && t->pad < entries;
}

/* Channel ch's records; 0 where its requantisation or sums do not suit. */
static int tiny_records(const nnom_conv_args_t *a, int32_t ch, int32_t k, tiny_ch_t *r)
{
    const int32_t c = a->out.c, zp = a->p.input_zp;
    const int8_t *w = a->weight + ch;
    int32_t sum = 0, j = 0;
    for (; 2 * j + 1 < k; j++, w += 2 * c) {
        const int32_t w0 = w[0], w1 = w[c];
        r->w[j] = (int32_t)(((uint32_t)w0 << 1 & 0xFFFFu) | (uint32_t)w1 << 17);
        sum += w0 + w1;
    }
    if (k & 1) { /* the odd last tap against a zero weight */
        r->w[j] = (int32_t)((uint32_t)w[0] << 1 & 0xFFFFu);
        sum += w[0];
    }
    /* 2 acc stays inside 32 bits (the group path's rule) */
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(k * 255 * 128) - 1u;
    const uint32_t b = (uint32_t)a->bias[ch];
    const int32_t mult = a->rq.mult[ch], shift = a->rq.shift[ch];
    if (((nnom_rq_unfit(mult, shift) | (reach - b) | (reach + b)) >> 31) != 0)
        return 0;
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1), x = (uint32_t)-2 - (uint32_t)shift;
    r->bias = (int32_t)(2u * b - 2u * (uint32_t)zp * (uint32_t)sum);
    r->mult = mult;
    r->ra = (int32_t)(zp2 << ((x + 1u) & 31u));
    r->e = (int32_t)(x + 2u);
    return 1;
}

/* Line x's entries (xs bytes apart, those the windows reach) into e with
 * the zero point zp around them: pad before, up to end after. */
static void tiny_line(const int8_t *x, const tiny_t *t, int32_t zp, int16_t *e, int32_t end)
{
    int32_t i = 0;
    for (; i < t->pad; i++)
        e[i] = (int16_t)zp;
    const int32_t xs = t->xs;
    int16_t *d = e + i;
    int32_t m = t->in < end - t->pad ? t->in : end - t->pad;
    for (; m >= 4; m -= 4, x += 4 * xs, d += 4) {
        d[0] = x[0];
        d[1] = x[xs];
        d[2] = x[2 * xs];
        d[3] = x[3 * xs];
    }
    for (; m > 0; m--, x += xs)
        *d++ = *x;
    for (i = t->pad + (t->in < end - t->pad ? t->in : end - t->pad); i < end; i++)
        e[i] = (int16_t)zp;
}

NNOM_INLINE void tiny_put2(int16_t *d, uint32_t v)
{
    memcpy(d, &v, 4);
}

/* The same for one or two channels whose pixels lie next to each other
 * (xs == c): four bytes per word load, split by SXTB16 (channel 0's
 * entries into e0, channel 1's into e1). */
static void tiny_lines12(const int8_t *x, const tiny_t *t, int32_t zp, int16_t *e0, int16_t *e1,
                         int32_t end)
{
    const int32_t pad = t->pad, m = t->in < end - pad ? t->in : end - pad;
    for (int32_t i = 0; i < pad; i++)
        e0[i] = e1[i] = (int16_t)zp;
    int16_t *d0 = e0 + pad, *d1 = e1 + pad;
    int32_t i = 0;
    if (t->xs == 1) {
        for (; i + 4 <= m; i += 4, x += 4) {
            const uint32_t u = nnom_read4(x);
            const uint32_t ev = (uint32_t)__sxtb16((int8x4_t)u), od = (uint32_t)nnom_sxtb16_odd(u);
            tiny_put2(d0 + i, (ev & 0xFFFFu) | od << 16);
            tiny_put2(d0 + i + 2, (ev >> 16) | (od & 0xFFFF0000u));
        }
        for (; i < m; i++)
            d0[i] = *x++;
    } else {
        for (; i + 2 <= m; i += 2, x += 4) {
            const uint32_t u = nnom_read4(x);
            tiny_put2(d0 + i, (uint32_t)__sxtb16((int8x4_t)u));
            tiny_put2(d1 + i, (uint32_t)nnom_sxtb16_odd(u));
        }
        if (i < m) {
            d0[i] = x[0];
            d1[i] = x[1];
        }
    }
    for (i = pad + m; i < end; i++)
        e0[i] = e1[i] = (int16_t)zp;
}

int nnom_dw_tiny_s8(const nnom_conv_args_t *a)
{
    tiny_t t;
    const int32_t c = a->out.c;
    /* the records' requantisation has no clamp (ReLU at output zero point
     * -128, or no activation) */
    if (a->p.act_min > -128 || a->p.act_max < 127 || !tiny_of(a, &t))
        return 0;
    tiny_ch_t r[7];
    for (int32_t ch = 0; ch < c; ch++)
        if (!tiny_records(a, ch, t.k, &r[ch]))
            return 0;
    const tiny_fn fn = tiny_fns[t.s - 1][t.k - 3];
    const int32_t entries = (t.n - 1) * t.s + t.k + 1;
    int16_t line[2][TINY_LINE] __attribute__((aligned(4))); /* (word loads) */
    for (int32_t l = 0; l < t.lines; l++) {
        if (c <= 2 && t.xs == c) {
            int8_t *o = a->output + l * t.ol;
            tiny_lines12(a->input + l * t.xl, &t, a->p.input_zp, line[0], line[1], entries);
            fn(line[0], o, t.n, t.os, &r[0]);
            if (c == 2)
                fn(line[1], o + 1, t.n, t.os, &r[1]);
            continue;
        }
        for (int32_t ch = 0; ch < c; ch++) {
            tiny_line(a->input + l * t.xl + ch, &t, a->p.input_zp, line[0], entries);
            fn(line[0], a->output + l * t.ol + ch, t.n, t.os, &r[ch]);
        }
    }
    return 1;
}

#else
typedef int nnom_local_dw_tiny_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
