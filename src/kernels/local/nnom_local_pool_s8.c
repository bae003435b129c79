/*
 * nnom_local_pool_s8.c - max and average pooling over the real (not padded)
 * part of each window, as TensorFlow and CMSIS-NN do. With DSP at -O2 both
 * take four channels per word (max: SSUB8 + SEL; average: two halfword
 * sums by SXTAB16, windows up to 256 pixels); one loop serves
 * both otherwise (at -Os too: less code, a little slower), specialised per
 * kind: each kind has its own entry.
 */
#include "nnom_local_simd.h"

static int32_t clip_start(int32_t v) { return v < 0 ? 0 : v; }
static int32_t clip_end(int32_t v, int32_t size) { return v > size ? size : v; }

/* One window, every channel: the maximum (max) or the rounded mean. Inlined
 * into each kind's entry, where max is a constant. */
NNOM_INLINE void pool_window(const int8_t *x, int32_t c, int32_t rows, int32_t cols,
                             int32_t row_step, int8_t *out, int32_t lo, int32_t hi, int max)
{
    int32_t ch = 0;
#if !defined(__OPTIMIZE_SIZE__)
    if (row_step == cols * c) { /* whole rows (global pooling): one run */
        cols *= rows;
        rows = 1;
    }
#endif
#if NNOM_LOCAL_DSP && !defined(__OPTIMIZE_SIZE__)
    /* four channels per word: the maximum and the clamp by SSUB8 + SEL,
     * one store */
    const uint32_t lo4 = (uint32_t)(uint8_t)lo * 0x01010101u;
    const uint32_t hi4 = (uint32_t)(uint8_t)hi * 0x01010101u;
    for (; max && ch + 4 <= c; ch += 4) {
        const int8_t *row = x + ch;
        uint32_t m = lo4;
        for (int32_t y = 0; y < rows; y++, row += row_step) {
            const int8_t *p = row;
            int32_t i = cols;
            for (; i >= 2; i -= 2, p += 2 * c) {
                uint32_t v = nnom_read4(p);
                (void)__ssub8((int8x4_t)m, (int8x4_t)v);
                m = __sel(m, v);
                v = nnom_read4(p + c);
                (void)__ssub8((int8x4_t)m, (int8x4_t)v);
                m = __sel(m, v);
            }
            if (i) {
                const uint32_t v = nnom_read4(p);
                (void)__ssub8((int8x4_t)m, (int8x4_t)v);
                m = __sel(m, v);
            }
        }
        (void)__ssub8((int8x4_t)hi4, (int8x4_t)m);
        m = __sel(m, hi4);
        memcpy(out + ch, &m, 4);
    }
    /* the sums of four channels in two halfword pairs (|sum| <= 128 * 256) */
    for (; !max && rows * cols <= 256 && ch + 4 <= c; ch += 4) {
        const int8_t *row = x + ch;
        int16x2_t s02 = 0, s13 = 0;
        for (int32_t y = 0; y < rows; y++, row += row_step) {
            const int8_t *p = row;
            int32_t i = cols;
            for (; i >= 2; i -= 2, p += 2 * c) {
                uint32_t v = nnom_read4(p);
                s02 = __sxtab16(s02, (int8x4_t)v);
                s13 = nnom_sxtab16_odd(s13, v);
                v = nnom_read4(p + c);
                s02 = __sxtab16(s02, (int8x4_t)v);
                s13 = nnom_sxtab16_odd(s13, v);
            }
            if (i) {
                const uint32_t v = nnom_read4(p);
                s02 = __sxtab16(s02, (int8x4_t)v);
                s13 = nnom_sxtab16_odd(s13, v);
            }
        }
        const int32_t count = rows * cols, sum[4] = {(int16_t)s02, (int16_t)s13,
                                                     (int32_t)s02 >> 16, (int32_t)s13 >> 16};
        for (int32_t k = 0; k < 4; k++) {
            const int32_t v = sum[k] > 0 ? (sum[k] + count / 2) / count
                                         : (sum[k] - count / 2) / count;
            out[ch + k] = nnom_clamp_s8(v, lo, hi);
        }
    }
#endif
    const int32_t count = rows * cols;
    for (; ch < c; ch++) {
        const int8_t *row = x + ch;
        int32_t v = max ? -128 : 0;
        for (int32_t y = 0; y < rows; y++, row += row_step) {
            const int8_t *p = row;
            for (int32_t i = 0; i < cols; i++, p += c)
                v = max ? (*p > v ? *p : v) : v + *p;
        }
        /* the mean rounds half away from zero (C division truncates) */
        if (!max)
            v = v > 0 ? (v + count / 2) / count : (v - count / 2) / count;
        out[ch] = nnom_clamp_s8(v, lo, hi);
    }
}

NNOM_INLINE nnom_status_t pool_s8(const nnom_pool_args_t *a, int max)
{
    const int32_t c = a->in.c, row_step = a->in.w * c;
    int8_t *out = a->output;
    for (int32_t oy = 0; oy < a->out.h; oy++) {
        const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
        const int32_t ys = clip_start(y0), ye = clip_end(y0 + a->kernel_h, a->in.h);
        for (int32_t ox = 0; ox < a->out.w; ox++, out += c) {
            const int32_t x0 = ox * a->p.stride_w - a->p.pad_left;
            const int32_t xs = clip_start(x0), xe = clip_end(x0 + a->kernel_w, a->in.w);
            if (ys >= ye || xs >= xe)
                return NN_ARGUMENT_ERROR;
            const int8_t *x = a->input + (ys * a->in.w + xs) * c;
            pool_window(x, c, ye - ys, xe - xs, row_step, out, a->p.act_min, a->p.act_max,
                        max);
        }
    }
    return NN_SUCCESS;
}

/* One entry per kind (the dispatch has a table per kind): a model links the
 * code of the kinds it uses only. */
nnom_status_t nnom_local_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    (void)ctx;
    return pool_s8((const nnom_pool_args_t *)args, 1);
}

nnom_status_t nnom_local_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    (void)ctx;
    return pool_s8((const nnom_pool_args_t *)args, 0);
}
