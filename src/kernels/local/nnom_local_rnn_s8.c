/*
 * nnom_local_rnn_s8.c - one time step of the recurrent cells (SimpleRNN,
 * GRU, LSTM), bit for bit as nnom/reference/rnn.py defines it.
 *
 * Formats: gate pre-activations Q3.12 in int32; gates, activation outputs
 * and h Q0.15 int16; LSTM cell state Q11.20 int32 saturated to +-2^30.
 * Rounding shifts are (v + 2^(n-1)) >> n with an arithmetic shift.
 * The converter bounds every accumulator and requantised part below 2^30
 * (nnom/recurrent/quantize.py), so no int32 sum here can overflow.
 */
#include "nnom_local_simd.h"
#include "nnom_rnn.h"

#define PRE_MIN (-32768)
#define PRE_MAX 32767
#define ONE_Q15 32768
#define CELL_LIMIT (1L << 30)
#define TABLE_BITS 7

/* Two rows of an int8 matrix times an int16 vector. */
NNOM_FORCE_INLINE void dot2_s16(const int16_t *h, const int8_t *w0, const int8_t *w1,
                                int32_t n, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
#if NNOM_LOCAL_DSP
    for (; n >= 4; n -= 4, h += 4, w0 += 4, w1 += 4) {
        uint32_t h01, h23;
        memcpy(&h01, h, 4);
        memcpy(&h23, h + 2, 4);
        /* (h0, h2) and (h1, h3) meet bytes 0, 2 and 1, 3 of the weights */
        const int16x2_t he = (int16x2_t)((h01 & 0xFFFFu) | (h23 << 16));
        const int16x2_t ho = (int16x2_t)((h01 >> 16) | (h23 & 0xFFFF0000u));
        uint32_t u = nnom_read4(w0);
        a0 = __smlad(he, __sxtb16((int8x4_t)u), a0);
        a0 = __smlad(ho, nnom_sxtb16_odd(u), a0);
        u = nnom_read4(w1);
        a1 = __smlad(he, __sxtb16((int8x4_t)u), a1);
        a1 = __smlad(ho, nnom_sxtb16_odd(u), a1);
    }
#else
    for (; n >= 4; n -= 4, h += 4, w0 += 4, w1 += 4) {
        a0 += h[0] * w0[0] + h[1] * w0[1] + h[2] * w0[2] + h[3] * w0[3];
        a1 += h[0] * w1[0] + h[1] * w1[1] + h[2] * w1[2] + h[3] * w1[3];
    }
#endif
    for (; n > 0; n--, h++, w0++, w1++) {
        a0 += *h * *w0;
        a1 += *h * *w1;
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* acc[j] = (bias ? bias[j] : 0) + sum_i (in[i] + in_offset) * w[j * cols + i] */
static void matvec_s8(const int8_t *in, int32_t in_offset, const int8_t *w, const int32_t *bias,
                      int32_t rows, int32_t cols, int32_t *acc)
{
    for (int32_t j = 0; j < rows; j += 2) {
        const int32_t j1 = j + 1 < rows ? j + 1 : j; /* an odd last row is done twice */
        int32_t a[2] = {bias != NULL ? bias[j] : 0, bias != NULL ? bias[j1] : 0};
        nnom_dot2_s8(in, in_offset, w + (size_t)j * (size_t)cols, w + (size_t)j1 * (size_t)cols,
                     cols, a);
        acc[j] = a[0];
        acc[j1] = a[1];
    }
}

/* acc[j] = (bias ? bias[j] : 0) + sum_k in[k] * w[j * cols + k] */
static void matvec_s16(const int16_t *in, const int8_t *w, const int32_t *bias, int32_t rows,
                       int32_t cols, int32_t *acc)
{
    for (int32_t j = 0; j < rows; j += 2) {
        const int32_t j1 = j + 1 < rows ? j + 1 : j;
        int32_t a[2] = {bias != NULL ? bias[j] : 0, bias != NULL ? bias[j1] : 0};
        dot2_s16(in, w + (size_t)j * (size_t)cols, w + (size_t)j1 * (size_t)cols, cols, a);
        acc[j] = a[0];
        acc[j1] = a[1];
    }
}

int16_t nnom_rnn_act(const int16_t *table, int32_t pre)
{
    const int32_t p = pre < PRE_MIN ? PRE_MIN : (pre > PRE_MAX ? PRE_MAX : pre);
    const uint32_t u = (uint32_t)(p - PRE_MIN);
    const uint32_t i = u >> TABLE_BITS;
    const int32_t f = (int32_t)(u & ((1u << TABLE_BITS) - 1u));
    const int32_t t0 = table[i];
    const int32_t t1 = table[i + 1u];
    return (int16_t)(t0 + (((t1 - t0) * f + (1 << (TABLE_BITS - 1))) >> TABLE_BITS));
}

static int32_t round_shift(int32_t v, int n) { return (v + (1 << (n - 1))) >> n; }

static int32_t round_shift64(int64_t v, int n)
{
    return (int32_t)((v + ((int64_t)1 << (n - 1))) >> n);
}

/* X = requantised x part of every row, H = requantised h part of rows
 * [first, first + count) */
static void x_part(const nnom_rnn_cell_config_t *cfg, int32_t rows, const int8_t *x,
                   int32_t in_zp, int32_t *X)
{
    matvec_s8(x, -in_zp, cfg->kernel, cfg->bias, rows, cfg->in_features, X);
    for (int32_t j = 0; j < rows; j++)
        X[j] = nnom_requantize(X[j], cfg->kernel_mult[j], cfg->kernel_shift[j]);
}

static void h_part(const nnom_rnn_cell_config_t *cfg, const int16_t *h, int32_t first,
                   int32_t count, int32_t *H)
{
    const int32_t u = cfg->units;
    const int32_t *rbias = cfg->recurrent_bias != NULL ? cfg->recurrent_bias + first : NULL;
    matvec_s16(h, cfg->recurrent_kernel + (size_t)first * (size_t)u, rbias, count, u,
                           H + first);
    for (int32_t j = first; j < first + count; j++)
        H[j] = nnom_requantize(H[j], cfg->recurrent_mult[j], cfg->recurrent_shift[j]);
}

static void simple_step(const nnom_simple_cell_config_t *c, const int8_t *x, int32_t in_zp,
                        int16_t *h, int32_t *scratch)
{
    const nnom_rnn_cell_config_t *cfg = &c->super;
    const int32_t u = cfg->units;
    int32_t *X = scratch, *H = scratch + u;
    x_part(cfg, u, x, in_zp, X);
    h_part(cfg, h, 0, u, H);
    for (int32_t k = 0; k < u; k++)
        h[k] = nnom_rnn_act(cfg->activation, X[k] + H[k]);
}

static void gru_step(const nnom_gru_cell_config_t *c, const int8_t *x, int32_t in_zp, int16_t *h,
                     int32_t *scratch)
{
    const nnom_rnn_cell_config_t *cfg = &c->super;
    const int32_t u = cfg->units;
    int32_t *X = scratch, *H = scratch + 3 * u;
    x_part(cfg, 3 * u, x, in_zp, X);
    if (c->reset_after) {
        h_part(cfg, h, 0, 3 * u, H);
        for (int32_t k = 0; k < u; k++) {
            const int32_t z = nnom_rnn_act(c->recurrent_activation, X[k] + H[k]);
            const int32_t r = nnom_rnn_act(c->recurrent_activation, X[u + k] + H[u + k]);
            const int32_t cand = X[2 * u + k] + round_shift64((int64_t)r * H[2 * u + k], 15);
            const int32_t hh = nnom_rnn_act(cfg->activation, cand);
            h[k] = (int16_t)round_shift(z * h[k] + (ONE_Q15 - z) * hh, 15);
        }
        return;
    }
    int16_t *rh = (int16_t *)(scratch + 6 * u);
    h_part(cfg, h, 0, 2 * u, H);
    for (int32_t k = 0; k < u; k++) {
        const int32_t r = nnom_rnn_act(c->recurrent_activation, X[u + k] + H[u + k]);
        X[k] = nnom_rnn_act(c->recurrent_activation, X[k] + H[k]); /* z */
        rh[k] = (int16_t)round_shift(r * h[k], 15);
    }
    h_part(cfg, rh, 2 * u, u, H);
    for (int32_t k = 0; k < u; k++) {
        const int32_t z = X[k];
        const int32_t hh = nnom_rnn_act(cfg->activation, X[2 * u + k] + H[2 * u + k]);
        h[k] = (int16_t)round_shift(z * h[k] + (ONE_Q15 - z) * hh, 15);
    }
}

static void lstm_step(const nnom_lstm_cell_config_t *c, const int8_t *x, int32_t in_zp,
                      int16_t *h, int32_t *cell, int32_t *scratch)
{
    const nnom_rnn_cell_config_t *cfg = &c->super;
    const int32_t u = cfg->units;
    const int16_t *rec = c->recurrent_activation;
    int32_t *X = scratch, *H = scratch + 4 * u;
    x_part(cfg, 4 * u, x, in_zp, X);
    h_part(cfg, h, 0, 4 * u, H);
    for (int32_t k = 0; k < u; k++) {
        const int32_t i = nnom_rnn_act(rec, X[k] + H[k]);
        const int32_t f = nnom_rnn_act(rec, X[u + k] + H[u + k]);
        const int32_t g = nnom_rnn_act(cfg->activation, X[2 * u + k] + H[2 * u + k]);
        const int32_t o = nnom_rnn_act(rec, X[3 * u + k] + H[3 * u + k]);
        int64_t next = (int64_t)round_shift64((int64_t)f * cell[k], 15) + round_shift(i * g, 10);
        if (next > CELL_LIMIT)
            next = CELL_LIMIT;
        if (next < -CELL_LIMIT)
            next = -CELL_LIMIT;
        cell[k] = (int32_t)next;
        const int32_t t = nnom_rnn_act(cfg->activation, round_shift(cell[k], 8));
        h[k] = (int16_t)round_shift(o * t, 15);
    }
}

nnom_status_t nnom_local_rnn_step_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_rnn_step_args_t *a = (const nnom_rnn_step_args_t *)args;
    const nnom_rnn_cell_t *cell = a->cell;
    const int8_t *x = a->input;
    const int32_t in_zp = a->input_zp;
    int16_t *h = a->h;
    int32_t *scratch = (int32_t *)(void *)ctx->buf;
    switch (cell->kind) {
    case NNOM_CELL_SIMPLE:
        simple_step((const nnom_simple_cell_config_t *)cell->config, x, in_zp, h, scratch);
        break;
    case NNOM_CELL_GRU:
        gru_step((const nnom_gru_cell_config_t *)cell->config, x, in_zp, h, scratch);
        break;
    case NNOM_CELL_LSTM:
        lstm_step((const nnom_lstm_cell_config_t *)cell->config, x, in_zp, h, a->c, scratch);
        break;
    }
    return NN_SUCCESS;
}
