/*
 * nnom_local_conv1ch_s8.c - Conv2D with one input channel and a 3x3 window,
 * stride 1 across (a grey image's first layer), bit-exact with the other
 * local kernels. nnom_local_conv_s8() runs it when nnom_conv1ch_suits()
 * accepts the arguments; it needs no scratch.
 *
 * One output channel at a time, its nine weights in registers (doubled,
 * as int16 pairs), one output row at a time. Two neighbouring outputs read
 * the same four input bytes per window row, so with DSP each window row of
 * a pixel pair is one word load, two SXTB16 and four multiplies: (v0, v2)
 * and (v1, v3) against (w0, w2), plus v1 * w1 and v2 * w1 (SMLABB/SMLATB).
 * Padding is the input zero point itself: window rows outside the input get
 * zero weights and their zero-point share in the starting value; columns
 * outside the input (one pair at each end of a row) get zero-point bytes.
 * The sums of a row are requantised in a second pass, with the channel's
 * constants in registers: the weights are doubled so that the rounding of
 * nnom_requantize() is one SMLAL and one shift (see nnom_local_simd.h),
 * which needs |acc| < 2^30: the check asks |bias| <= 2^28 (a 3x3 window
 * adds at most 9 * 255 * 128).
 * -Os builds leave it out (the general kernel runs): code size first.
 */
#include "nnom_local_simd.h"

#if NNOM_CONV1CH

#define ROW_PAIRS 16 /* pixel pairs per pass (stack: 2 * ROW_PAIRS words) */
#define BIAS_MAX (1L << 28)

/* Words of v0..v3 read as bytes in memory order (little-endian lanes). */
#if NNOM_LOCAL_DSP && !defined(__ARM_BIG_ENDIAN)
#define WORDS 1
#else
#define WORDS 0
#endif


int nnom_conv1ch_suits(const nnom_conv_args_t *a)
{
    const int32_t iw = a->in.w, ow = a->out.w, pl = a->p.pad_left;
    /* the last pair's window: columns cx .. cx + 3 */
    const int32_t last_cx = ((ow - 1) & ~1) - pl, over = last_cx + 4 - iw;
    if (a->in.c != 1 || a->k.c != 1 || a->k.h != 3 || a->k.w != 3 || a->p.stride_w != 1 ||
        a->p.dilation_w != 1 || iw < 4 || pl > 3 || over > 3 || (pl > 0 && ow <= 2) ||
        (over > 0 && last_cx < 0))
        return 0;
    for (int32_t c = 0; c < a->out.c; c++) {
        const int32_t m = a->rq.mult[c], s = a->rq.shift[c], b = a->bias[c];
        if (m <= 0 || s > -1 || s < -23 || b > BIAS_MAX || b < -BIAS_MAX)
            return 0;
    }
    return 1;
}

typedef struct {
    const int8_t *row[3]; /* window rows (any row when out of the input) */
    int32_t iw, zp, start; /* start: the sums' doubled initial value */
    int rows_in;           /* which window rows start and the weights are for */
#if WORDS
    int32_t w02[3], w1a, w1b;
    /* the end pairs' words: (row << left_sh) | left_zp, and
     * (row[iw - 4 ..] >> right_sh) | right_zp */
    int32_t left_sh, right_sh;
    uint32_t left_zp, right_zp;
#else
    int32_t w[9];
#endif
} c1_t;

#if WORDS
/* acc[0], acc[1] = the sums of the pixels whose windows start at columns
 * cx and cx + 1, from the words of bytes cx .. cx + 3 of the three rows. */
NNOM_INLINE void c1_pair(const c1_t *t, uint32_t v0, uint32_t v1, uint32_t v2, int32_t *acc)
{
    int32_t e = (int32_t)__sxtb16((int8x4_t)v0), o = (int32_t)nnom_sxtb16_odd(v0);
    int32_t a = __smlad((int16x2_t)e, (int16x2_t)t->w02[0], t->start);
    int32_t b = __smlad((int16x2_t)o, (int16x2_t)t->w02[0], t->start);
    a = __smlabb(o, t->w1a, a);
    b = __smlatb(e, t->w1a, b);
    e = (int32_t)__sxtb16((int8x4_t)v1);
    o = (int32_t)nnom_sxtb16_odd(v1);
    a = __smlad((int16x2_t)e, (int16x2_t)t->w02[1], a);
    b = __smlad((int16x2_t)o, (int16x2_t)t->w02[1], b);
    a = __smlabt(o, t->w1a, a);
    b = __smlatt(e, t->w1a, b);
    e = (int32_t)__sxtb16((int8x4_t)v2);
    o = (int32_t)nnom_sxtb16_odd(v2);
    a = __smlad((int16x2_t)e, (int16x2_t)t->w02[2], a);
    b = __smlad((int16x2_t)o, (int16x2_t)t->w02[2], b);
    acc[0] = __smlabb(o, t->w1b, a);
    acc[1] = __smlatb(e, t->w1b, b);
}

/* The first pair (left padding: cx < 0). */
static void c1_left(const c1_t *t, int32_t *acc)
{
#define NNOM_C1_L(r) ((nnom_read4(t->row[r]) << t->left_sh) | t->left_zp)
    c1_pair(t, NNOM_C1_L(0), NNOM_C1_L(1), NNOM_C1_L(2), acc);
#undef NNOM_C1_L
}

/* The last pair (past the right end). */
static void c1_right(const c1_t *t, int32_t *acc)
{
#define NNOM_C1_R(r) ((nnom_read4(t->row[r] + t->iw - 4) >> t->right_sh) | t->right_zp)
    c1_pair(t, NNOM_C1_R(0), NNOM_C1_R(1), NNOM_C1_R(2), acc);
#undef NNOM_C1_R
}

/* n pairs from column cx, inside the rows. */
static void c1_inner(const c1_t *t, int32_t cx, int32_t n, int32_t *acc)
{
    const int8_t *r0 = t->row[0] + cx;
    const int32_t d1 = (int32_t)(t->row[1] - t->row[0]), d2 = (int32_t)(t->row[2] - t->row[0]);
    for (int32_t *end = acc + 2 * n; acc < end; acc += 2, r0 += 2)
        c1_pair(t, nnom_read4(r0), nnom_read4(r0 + d1), nnom_read4(r0 + d2), acc);
}
#else
/* Byte x of a row, or the zero point outside it. */
static int32_t c1_at(const c1_t *t, const int8_t *row, int32_t x)
{
    return x >= 0 && x < t->iw ? row[x] : t->zp;
}

static void c1_edge(const c1_t *t, int32_t cx, int32_t *acc)
{
    int32_t a = t->start, b = t->start;
    for (int32_t r = 0; r < 3; r++) {
        const int32_t v0 = c1_at(t, t->row[r], cx), v1 = c1_at(t, t->row[r], cx + 1);
        const int32_t v2 = c1_at(t, t->row[r], cx + 2), v3 = c1_at(t, t->row[r], cx + 3);
        const int32_t *w = t->w + 3 * r;
        a += v0 * w[0] + v1 * w[1] + v2 * w[2];
        b += v1 * w[0] + v2 * w[1] + v3 * w[2];
    }
    acc[0] = a;
    acc[1] = b;
}

static void c1_inner(const c1_t *t, int32_t cx, int32_t n, int32_t *acc)
{
    const int8_t *r0 = t->row[0] + cx, *r1 = t->row[1] + cx, *r2 = t->row[2] + cx;
    const int32_t *w = t->w;
    for (int32_t *end = acc + 2 * n; acc < end; acc += 2, r0 += 2, r1 += 2, r2 += 2) {
        acc[0] = t->start + r0[0] * w[0] + r0[1] * w[1] + r0[2] * w[2] + r1[0] * w[3] + r1[1] * w[4] +
                 r1[2] * w[5] + r2[0] * w[6] + r2[1] * w[7] + r2[2] * w[8];
        acc[1] = t->start + r0[1] * w[0] + r0[2] * w[1] + r0[3] * w[2] + r1[1] * w[3] + r1[2] * w[4] +
                 r1[3] * w[5] + r2[1] * w[6] + r2[2] * w[7] + r2[3] * w[8];
    }
}
#endif

/* The channel's weights, doubled; rows r with !in[r] zeroed. */
static void c1_weights(c1_t *t, const int8_t *k, const int *in)
{
#if WORDS
    int32_t w[9];
#else
    int32_t *w = t->w;
#endif
    for (int32_t r = 0; r < 3; r++, k += 3) {
        w[3 * r] = in[r] ? 2 * k[0] : 0;
        w[3 * r + 1] = in[r] ? 2 * k[1] : 0;
        w[3 * r + 2] = in[r] ? 2 * k[2] : 0;
    }
#if WORDS
    for (int32_t r = 0; r < 3; r++)
        t->w02[r] = (int32_t)(((uint32_t)w[3 * r] & 0xFFFFu) | ((uint32_t)w[3 * r + 2] << 16));
    t->w1a = (int32_t)(((uint32_t)w[1] & 0xFFFFu) | ((uint32_t)w[4] << 16));
    t->w1b = w[7];
#endif
}

/* Output row oy of channel k: the window rows, their weights and the
 * starting value, bias + zero point * the weights of rows outside (kept
 * from the previous row when the same rows are inside). */
static void c1_rows(c1_t *t, const nnom_conv_args_t *a, const int8_t *k, int32_t bias,
                    int32_t oy)
{
    const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
    int in[3], rows_in = 0;
    for (int32_t r = 0; r < 3; r++) {
        const int32_t y = y0 + r * a->p.dilation_h;
        in[r] = y >= 0 && y < a->in.h;
        t->row[r] = a->input + (in[r] ? y * t->iw : 0);
        rows_in |= in[r] << r;
    }
    if (rows_in == t->rows_in)
        return;
    t->rows_in = rows_in;
    t->start = bias;
    for (int32_t r = 0; r < 3; r++)
        if (in[r])
            t->start -= t->zp * (k[3 * r] + k[3 * r + 1] + k[3 * r + 2]);
    t->start *= 2;
    c1_weights(t, k, in);
}

/* out[i * oc] = acc[i] (doubled sums) requantised, i < n. */
static NNOM_NOINLINE void c1_requant(const int32_t *acc, int32_t n, int8_t *out, int32_t oc,
                                     int32_t base, int32_t mult, int32_t e, int32_t lo,
                                     int32_t hi)
{
#define NNOM_C1_RQ(v)                                                                         \
    ((int32_t)((int64_t)((((uint64_t)(uint32_t)(base + ((v) >> 31))) << 32 | 0x80000000u) +     \
                         (uint64_t)((int64_t)(v) * mult)) >>                                   \
               32) >>                                                                          \
     e)
    const int32_t *end = acc + n;
#if NNOM_LOCAL_DSP
    if (hi == 127 && lo == -128) { /* the int8 range: SSAT alone */
        for (; acc < end; acc++, out += oc)
            *out = (int8_t)__ssat(NNOM_C1_RQ(*acc), 8);
        return;
    }
    if (hi == 127) {
        for (; acc < end; acc++, out += oc) {
            const int32_t v = *acc;
            const int32_t r = __ssat(NNOM_C1_RQ(v), 8);
            *out = (int8_t)(r < lo ? lo : r);
        }
        return;
    }
#endif
    for (; acc < end; acc++, out += oc) {
        const int32_t v = *acc;
        int32_t r = NNOM_C1_RQ(v);
        r = r < lo ? lo : r;
        *out = (int8_t)(r > hi ? hi : r);
    }
#undef NNOM_C1_RQ
}

void nnom_conv1ch_s8(const nnom_conv_args_t *a)
{
    const int32_t iw = a->in.w, oh = a->out.h, ow = a->out.w, oc = a->out.c;
    const int32_t pl = a->p.pad_left, zp = a->p.input_zp, lo = a->p.act_min, hi = a->p.act_max;
    const int32_t pairs = (ow + 1) / 2, last = pairs - 1, over = 2 * last - pl + 4 - iw;
    /* the first and last pairs read outside the row when padded */
    const int left = pl > 0, right = over > 0;
    int32_t acc[2 * ROW_PAIRS];
    c1_t t;
    memset(&t, 0, sizeof t); /* every field set before use; compilers cannot tell */
    t.iw = iw;
    t.zp = zp;
#if WORDS
    {
        const uint32_t zpw = ((uint32_t)zp & 0xFFu) * 0x01010101u;
        t.left_sh = 8 * pl;
        t.left_zp = left ? zpw >> (32 - 8 * pl) : 0;
        t.right_sh = right ? 8 * over : 0;
        t.right_zp = right ? zpw << (32 - 8 * over) : 0;
    }
#endif
    for (int32_t c = 0; c < oc; c++) {
        const int8_t *k = a->weight + 9 * c;
        const int32_t e = -a->rq.shift[c], mult = a->rq.mult[c];
        /* doubled sums: hi = (2^(e-1) + zp_out 2^e - s) + (2 acc mult + 2^31) >> 32 */
        const int32_t base = (int32_t)(1u << (e - 1)) + a->p.output_zp * (int32_t)(1u << e);
        int8_t *out = a->output + c;
        t.rows_in = -1; /* a new channel: its weights */
        for (int32_t oy = 0; oy < oh; oy++) {
            c1_rows(&t, a, k, a->bias[c], oy);
            for (int32_t p0 = 0; p0 < pairs; p0 += ROW_PAIRS) {
                const int32_t p1 = p0 + ROW_PAIRS < pairs ? p0 + ROW_PAIRS : pairs;
                int32_t p = p0, q = right && p1 == pairs ? last : p1;
                if (left && p == 0) {
#if WORDS
                    c1_left(&t, acc);
#else
                    c1_edge(&t, -pl, acc);
#endif
                    p = 1;
                }
                if (q > p)
                    c1_inner(&t, 2 * p - pl, q - p, acc + 2 * (p - p0));
                if (q < p1) {
#if WORDS
                    c1_right(&t, acc + 2 * (q - p0));
#else
                    c1_edge(&t, 2 * q - pl, acc + 2 * (q - p0));
#endif
                }
                /* requantise the pass's outputs */
                const int32_t n = (2 * p1 < ow ? 2 * p1 : ow) - 2 * p0;
                c1_requant(acc, n, out, oc, base, mult, e, lo, hi);
                out += n * oc;
            }
        }
    }
}
#else
typedef int nnom_conv1ch_unused_t; /* ISO C: a translation unit is never empty */
#endif /* NNOM_CONV1CH */
