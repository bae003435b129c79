/* nnom_local_merge_s8.c - element-wise Add/Sub and Mult over n inputs.
 * For two inputs these compute exactly CMSIS-NN's arm_elementwise_add_s8
 * and arm_elementwise_mul_s8; nnom/fixedpoint.py (add_s8, mul_s8) defines
 * the n-input versions. Offsets are minus the zero points, as in CMSIS-NN.
 * At -O2 two inputs take a fast path: requantisations in the one-SMLAL
 * forms of nnom_local_simd.h (exact, see add_term()). */
#include "nnom_local_simd.h"

#if !defined(__OPTIMIZE_SIZE__)
/* One input's term of Add, nnom_requantize((x + off) << L, m, -e), for
 * m > 0 and 0 <= e <= 30, with v = (x + off) << (L + 1) (twice the value,
 * so that the result is the high word): the doubling high multiply's
 * rounding (+2^30) and the divide by 2^e rounding halves away from zero
 * compose into floor((2 v m + 2^31 + (2^(e-1) - s) 2^32) / 2^(32+e)), where
 * s = 1 when v < 0 (the first rounding's sign: m >= 2^30, or the result is
 * 0 either way) and the 2^(e-1) - s term is absent when e = 0. ce = 2^(e-1)
 * or 0, smask = -1 when e > 0 else 0. */
NNOM_INLINE int32_t add_term(int32_t v, int32_t m, int32_t ce, int32_t smask, int32_t e)
{
    const int64_t k = (int64_t)(ce + ((v >> 31) & smask)) * 4294967296LL + 0x80000000LL;
    return (int32_t)((k + (int64_t)v * m) >> 32) >> e;
}

typedef struct {
    int32_t off, m, ce, smask, e;
} add_in_t;

static int add_in_of(const nnom_add_args_t *a, int32_t k, add_in_t *t)
{
    const int32_t e = -a->in_shift[k];
    t->off = a->in_offset[k];
    t->m = a->in_mult[k];
    t->e = e;
    t->ce = e > 0 ? (int32_t)(1u << (e - 1)) : 0;
    t->smask = e > 0 ? -1 : 0;
    return t->m > 0 && e >= 0 && e <= 30;
}

/* The term of input t for x: with m = 2^30 and e = 0 (the input with the
 * larger scale, whose multiplier is 1/2) it is exactly (x + off) << (L - 1),
 * v being even (L >= 1); otherwise add_term(). */
NNOM_INLINE int32_t term_of(int32_t x, add_in_t t, int32_t ls, int half)
{
    if (half)
        return (int32_t)((uint32_t)(x + t.off) << (ls - 2));
    const int32_t v = (int32_t)((uint32_t)(x + t.off) << ls);
    return add_term(v, t.m, t.ce, t.smask, t.e);
}

/* The loop, specialised (inlined with constant half0, half1); every
 * constant a local (the int8 stores could alias anything read through a
 * pointer). */
NNOM_INLINE void add2_loop(const nnom_add_args_t *a, add_in_t p, add_in_t q, int half0,
                           int half1)
{
    const nnom_rq_t r = nnom_rq_of(a->out_mult, a->out_shift, a->out_offset);
    const int32_t ls = a->left_shift + 1, lo = a->act_min, hi = a->act_max;
    const int32_t mult = r.mult, base = r.base, sh = r.sh;
    const int8_t *x = a->input[0], *y = a->input[1];
    int8_t *out = a->output;
    const uint32_t n = a->size;
    for (uint32_t i = 0; i < n; i++) {
        const int32_t sum = term_of(x[i], p, ls, half0) + term_of(y[i], q, ls, half1);
        out[i] = nnom_clamp_s8(nnom_rq_fast(sum, mult, base, sh), lo, hi);
    }
}

static int is_half(const add_in_t *t, int32_t left_shift)
{
    return t->m == 0x40000000 && t->e == 0 && left_shift >= 1;
}

/* Two inputs, positive multipliers, the output's fast form: no other case
 * in the loop. */
static int add2_fast(const nnom_add_args_t *a)
{
    add_in_t p, q;
    if (a->n_in != 2 || !add_in_of(a, 0, &p) || !add_in_of(a, 1, &q) ||
        !nnom_rq_fast_ok(a->out_mult, a->out_shift))
        return 0;
    const int h0 = is_half(&p, a->left_shift), h1 = is_half(&q, a->left_shift);
    if (h0 && !h1)
        add2_loop(a, p, q, 1, 0);
    else if (!h0 && h1)
        add2_loop(a, p, q, 0, 1);
    else if (h0 && h1)
        add2_loop(a, p, q, 1, 1);
    else
        add2_loop(a, p, q, 0, 0);
    return 1;
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
    if (add2_fast(a))
        return NN_SUCCESS;
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
    if (n_in == 2 && nnom_rq_fast_ok(mult[0], shift[0])) { /* one product, fast form */
        const nnom_rq_t r = nnom_rq_of(mult[0], shift[0], out_offset);
        const int32_t m = r.mult, base = r.base, sh = r.sh;
        const int32_t off0 = in_offset[0], off1 = in_offset[1], lo = a->act_min, hi = a->act_max;
        const int8_t *x = in[0], *y = in[1];
        int8_t *out = a->output;
        const uint32_t n = a->size;
        for (uint32_t i = 0; i < n; i++)
            out[i] = nnom_clamp_s8(nnom_rq_fast((x[i] + off0) * (y[i] + off1), m, base, sh), lo,
                                   hi);
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
