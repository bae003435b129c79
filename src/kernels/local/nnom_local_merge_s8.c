/* nnom_local_merge_s8.c - element-wise Add/Sub and Mult over n inputs.
 * For two inputs these compute exactly CMSIS-NN's arm_elementwise_add_s8
 * and arm_elementwise_mul_s8; nnom/fixedpoint.py (add_s8, mul_s8) defines
 * the n-input versions. Offsets are minus the zero points, as in CMSIS-NN.
 * At -O2 two inputs take a fast path (below), -Os builds the plain loops. */
#include "nnom_local_simd.h"

#if !defined(__OPTIMIZE_SIZE__)
/* -O2 fast paths: two inputs, one pass, four elements per iteration.
 *
 * Every requantisation here, nnom_requantize(acc, m, -e) + zp with m > 0
 * and 1 <= e <= 23 (30 if zp = 0), is taken of v = 2 acc (|acc| < 2^29,
 * true of the values here): its two roundings
 * (the doubling high multiply's, half up, then the divide by 2^e's, halves
 * away from zero) compose exactly into
 *     floor((v m + 2^31 + (b - s) 2^32) / 2^(32+e)),  b = (2 zp + 1) 2^(e-1),
 * s = 1 when v < 0 (the first rounding's sign whenever it matters): one
 * SMMLAR (the high word of v m + (b - s) 2^32, rounded) and one shift.
 * Add's input terms are such requantisations with zp = 0 (left shift 20:
 * v = (x + offset) << 21); the input with the larger scale has the
 * multiplier 1/2 and no shift, its term is exactly (x + offset) << 19. */

/* floor((acc 2^32 + a b + 2^31) / 2^32) */
NNOM_INLINE int32_t mul_hi_round(int32_t a, int32_t b, int32_t acc)
{
#if NNOM_LOCAL_DSP && defined(__GNUC__)
    int32_t r;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
#else
    return (int32_t)(((int64_t)acc * 4294967296LL + (int64_t)a * b + 0x80000000LL) >> 32);
#endif
}

NNOM_INLINE int32_t sat8(int32_t v)
{
#if NNOM_LOCAL_DSP
    return __ssat(v, 8);
#else
    return v < -128 ? -128 : (v > 127 ? 127 : v);
#endif
}

typedef struct {
    int32_t m, b, e;
} rq2_t;

static int rq2_of(int32_t mult, int32_t shift, int32_t zp, rq2_t *r)
{
    r->m = mult;
    r->e = -shift;
    r->b = (int32_t)((uint32_t)(2 * zp + 1) << (r->e > 0 && r->e <= 30 ? r->e - 1 : 0));
    /* |b| + |v m| / 2^32 < 2^31: e <= 23, or 30 without a zero point */
    return mult > 0 && r->e >= 1 && r->e <= (zp == 0 ? 30 : 23);
}

/* nnom_requantize(v / 2, r.m, -r.e) + zp */
NNOM_INLINE int32_t rq2(int32_t v, rq2_t r)
{
    return mul_hi_round(v, r.m, r.b + (v >> 31)) >> r.e;
}

/* Two Add/Sub inputs, as g and h: g's term is a requantisation (t), h's
 * the shift of the multiplier 1/2; neg_g / neg_h: the term is subtracted
 * (Sub). og, oh: the offsets, shifted (oh signed); t:
 * g's term, out: the output's requantisation of twice the sum. */
typedef struct {
    int32_t og, oh;
    rq2_t t, out;
} add2_t;

NNOM_INLINE int8_t add2_one(int32_t g, int32_t h, const add2_t *k, int neg_g, int neg_h)
{
    const int32_t t2 = (int32_t)((uint32_t)rq2(k->og + (int32_t)((uint32_t)g << 21), k->t) << 1);
    const int32_t h2 = (int32_t)((uint32_t)h << 20);
    int32_t v = neg_h ? k->oh - h2 : k->oh + h2;
    v = neg_g ? v - t2 : v + t2;
    return (int8_t)sat8(rq2(v, k->out));
}

/* Both inputs of multiplier 1/2 (equal scales): og holds both offsets,
 * hs = 2^20 or -2^20 (Sub). */
NNOM_INLINE int8_t half2_one(int32_t g, int32_t h, const add2_t *k)
{
    return (int8_t)sat8(rq2(k->og + (int32_t)((uint32_t)g << 20) + h * k->oh, k->out));
}

/* Elements before the four-at-a-time loop: all of them without DSP, where
 * the 64-bit arithmetic makes the unrolled loop large for little gain. */
#if NNOM_LOCAL_DSP
#define HEAD_OF(n) ((n) & 3u)
#else
#define HEAD_OF(n) (n)
#endif

/* The loop, four elements at a time, for one of the forms above. */
#define ADD2_LOOP(name, ONE)                                                                   \
    static NNOM_NOINLINE void name(const int8_t *g, const int8_t *h, int8_t *out, uint32_t n, \
                                   add2_t k)                                                   \
    {                                                                                          \
        const int8_t *const end = out + n;                                                     \
        for (n = HEAD_OF(n); n > 0; n--)                                                       \
            *out++ = ONE(*g++, *h++, &k);                                                      \
        while (out != end) {                                                                   \
            out[0] = ONE(g[0], h[0], &k);                                                      \
            out[1] = ONE(g[1], h[1], &k);                                                      \
            out[2] = ONE(g[2], h[2], &k);                                                      \
            out[3] = ONE(g[3], h[3], &k);                                                      \
            g += 4;                                                                            \
            h += 4;                                                                            \
            out += 4;                                                                          \
        }                                                                                      \
    }
#define ADD_ONE(g, h, k) add2_one(g, h, k, 0, 0)
#define SUB_H_ONE(g, h, k) add2_one(g, h, k, 0, 1)
#define SUB_G_ONE(g, h, k) add2_one(g, h, k, 1, 0)
ADD2_LOOP(add2_loop, ADD_ONE)
ADD2_LOOP(sub2_h_loop, SUB_H_ONE)
ADD2_LOOP(sub2_g_loop, SUB_G_ONE)
ADD2_LOOP(half2_loop, half2_one)

static int is_half(const nnom_add_args_t *a, int32_t k)
{
    return (a->in_mult[k] == 0x40000000 || a->in_mult[k] == -0x40000000) && a->in_shift[k] == 0;
}

/* Add/Sub of two inputs, left shift 20, at least one of multiplier 1/2
 * (TFLite's and the converter's Add: the input of the larger scale), the
 * others' terms and the output requantisation in the form above. */
static int add2_fast(const nnom_add_args_t *a)
{
    if (a->n_in != 2 || a->left_shift != 20 || a->in_mult[0] < 0)
        return 0;
    const int32_t neg = a->in_mult[1] < 0; /* Sub */
    add2_t k;
    if (!rq2_of(a->out_mult, a->out_shift, a->out_offset, &k.out))
        return 0;
    const int8_t *const *in = a->input;
    const int32_t *off = a->in_offset;
    if (is_half(a, 0) && is_half(a, 1)) {
        k.og = (int32_t)((uint32_t)(neg ? off[0] - off[1] : off[0] + off[1]) << 20);
        k.oh = neg ? -(1 << 20) : 1 << 20;
        half2_loop(in[0], in[1], a->output, a->size, k);
        return 1;
    }
    const int32_t ih = is_half(a, 1) ? 1 : 0, ig = 1 - ih; /* h: a half input */
    if (!is_half(a, ih))
        return 0;
    const int32_t mg = a->in_mult[ig] < 0 ? -a->in_mult[ig] : a->in_mult[ig];
    if (!rq2_of(mg, a->in_shift[ig], 0, &k.t))
        return 0;
    k.og = (int32_t)((uint32_t)off[ig] << 21);
    k.oh = (int32_t)((uint32_t)(neg && ih == 1 ? -off[ih] : off[ih]) << 20);
    if (!neg)
        add2_loop(in[ig], in[ih], a->output, a->size, k);
    else if (ih == 1)
        sub2_h_loop(in[ig], in[ih], a->output, a->size, k);
    else
        sub2_g_loop(in[ig], in[ih], a->output, a->size, k);
    return 1;
}

/* Mult of two inputs: twice the product, requantised in the form above. */
typedef struct {
    int32_t o0, o1;
    rq2_t out;
} mul2_t;

NNOM_INLINE int8_t mul2_one(int32_t x, int32_t y, const mul2_t *k)
{
    const int32_t v = (x + k->o0) * (k->o1 + (int32_t)((uint32_t)y << 1));
    return (int8_t)sat8(rq2(v, k->out));
}

static int mul2_fast(const nnom_mul_args_t *a)
{
    mul2_t k;
    if (a->n_in != 2 || !rq2_of(a->mult[0], a->shift[0], a->out_offset, &k.out))
        return 0;
    k.o0 = a->in_offset[0];
    k.o1 = 2 * a->in_offset[1];
    const int8_t *x = a->input[0], *y = a->input[1];
    int8_t *out = a->output;
    const int8_t *const end = out + a->size;
    for (uint32_t n = HEAD_OF(a->size); n > 0; n--)
        *out++ = mul2_one(*x++, *y++, &k);
    while (out != end) {
        out[0] = mul2_one(x[0], y[0], &k);
        out[1] = mul2_one(x[1], y[1], &k);
        out[2] = mul2_one(x[2], y[2], &k);
        out[3] = mul2_one(x[3], y[3], &k);
        x += 4;
        y += 4;
        out += 4;
    }
    return 1;
}

/* The activation's range, when narrower than int8 (the loops saturate). */
static void clamp_output(int8_t *out, uint32_t n, int32_t lo, int32_t hi)
{
    if (lo > -128 || hi < 127)
        nnom_clamp_buf_s8(out, n, lo, hi);
}
#endif

nnom_status_t nnom_local_add_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_add_args_t *a = (const nnom_add_args_t *)args;
    const int32_t n_in = a->n_in, left_shift = a->left_shift;
    const int8_t *const *in = a->input;
    const int32_t *in_offset = a->in_offset, *in_mult = a->in_mult, *in_shift = a->in_shift;
    int8_t *out = a->output;
    (void)ctx;
    if (n_in < 1 || n_in > NNOM_MERGE_MAX_INPUTS || left_shift < 0 || left_shift > 20)
        return NN_ARGUMENT_ERROR;
#if !defined(__OPTIMIZE_SIZE__)
    if (add2_fast(a)) {
        clamp_output(out, a->size, a->act_min, a->act_max);
        return NN_SUCCESS;
    }
#endif
    for (uint32_t i = 0; i < a->size; i++) {
        int32_t sum = 0;
        for (int32_t k = 0; k < n_in; k++) {
            /* |x + offset| <= 255, so the shifted value fits in 29 bits */
            const int32_t v = (int32_t)((uint32_t)(in[k][i] + in_offset[k]) << left_shift);
            /* a negative multiplier subtracts the rescaled input (TFLM's Sub) */
            if (in_mult[k] < 0)
                sum -= nnom_requantize(v, -in_mult[k], in_shift[k]);
            else
                sum += nnom_requantize(v, in_mult[k], in_shift[k]);
        }
        sum = nnom_requantize(sum, a->out_mult, a->out_shift) + a->out_offset;
        out[i] = nnom_clamp_s8(sum, a->act_min, a->act_max);
    }
    return NN_SUCCESS;
}

nnom_status_t nnom_local_mul_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_mul_args_t *a = (const nnom_mul_args_t *)args;
    const int32_t n_in = a->n_in, out_offset = a->out_offset;
    const int8_t *const *in = a->input;
    const int32_t *in_offset = a->in_offset, *mult = a->mult, *shift = a->shift;
    const int32_t *step_zp = a->step_zp;
    (void)ctx;
    if (n_in < 2 || n_in > NNOM_MERGE_MAX_INPUTS || (n_in > 2 && step_zp == NULL))
        return NN_ARGUMENT_ERROR;
#if !defined(__OPTIMIZE_SIZE__)
    if (mul2_fast(a)) {
        clamp_output(a->output, a->size, a->act_min, a->act_max);
        return NN_SUCCESS;
    }
#endif
    for (uint32_t i = 0; i < a->size; i++) {
        int32_t acc = in[0][i], acc_offset = in_offset[0];
        for (int32_t k = 1; k < n_in; k++) {
            const int last = k == n_in - 1;
            const int32_t offset = last ? out_offset : step_zp[k - 1];
            const int32_t prod = (acc + acc_offset) * (in[k][i] + in_offset[k]);
            acc = nnom_requantize(prod, mult[k - 1], shift[k - 1]) + offset;
            acc = last ? nnom_clamp_s8(acc, a->act_min, a->act_max)
                       : nnom_clamp_s8(acc, -128, 127);
            acc_offset = -offset;
        }
        a->output[i] = (int8_t)acc;
    }
    return NN_SUCCESS;
}
