/*
 * nnom_local_conv_col_loop.c - nnom_conv_col_s8() in C, for hosts: builds
 * without its assembly (nnom_local_mac_dsp.c), not for Arm, not at -Os
 * (NNOM_CONV_COL_C in nnom_local_simd.h). The same job, the same packed
 * groups and gathered windows as the assembly, taken the same way: per
 * step one window word against each channel's two widened weight words
 * (SXTB16 lanes: values 0 and 2, then 1 and 3), the requantisation of
 * COL_RQ on the doubled sums, saturation to 8 bits, the clamp only when
 * the job asks for it, and only the last group's `tail` channels stored
 * (or with blk the records' last block of 4 + tail channels).
 * So the host tests and sanitizers run the gathering, packing and indexing
 * of nnom_local_conv_col_s8.c that the boards run.
 */
#include "nnom_local_simd.h"

#if NNOM_CONV_COL_C

/* A word's low 16 bits as a signed value (a widened weight lane). */
static int32_t col_lane(uint32_t w)
{
    return (int32_t)(w & 0xFFFFu) - (int32_t)((w & 0x8000u) << 1);
}

/* A packed word as the int32 it holds (bias, base). */
static int32_t col_s32(uint32_t w)
{
    return w < 0x80000000u ? (int32_t)w : -(int32_t)(~w) - 1;
}

/* COL_RQ: the doubled sum a requantised with r = (mult, base, sh): the
 * high word of (base + sign) 2^32 + 2^31 + a mult, shifted right by sh,
 * saturated to 8 bits. */
static int32_t col_rq(int32_t a, const uint32_t *r)
{
    const int64_t k = (int64_t)(col_s32(r[1]) + (a < 0 ? -1 : 0)) * 4294967296LL + 2147483648LL;
    const int32_t v = (int32_t)((k + (int64_t)a * col_s32(r[0])) >> 32) >> r[2];
    return v < -128 ? -128 : v > 127 ? 127 : v;
}

void nnom_conv_col_s8(const nnom_col_job_t *j)
{
    const int32_t k4 = j->K4;
    const int32_t lo = (int8_t)(j->lo4 & 0xFFu), hi = (int8_t)(j->hi4 & 0xFFu);
    const int8_t *x = j->x;
    int8_t *out = j->out;
    for (int32_t p = 0; p < j->pixels; p++, x += j->xstep, out += j->oc) {
        const uint32_t *g = j->pk;
        for (int32_t n = 0; n < j->groups; n++) {
            /* nw channels in the group (the block's 4 + tail), m stored */
            const int last = n + 1 == j->groups;
            const int32_t nw = last && j->blk ? 4 + j->tail : 4;
            const int32_t m = last && !j->blk ? j->tail : nw;
            int32_t acc[7];
            for (int32_t i = 0; i < nw; i++)
                acc[i] = col_s32(g[i]);
            const uint32_t *w = g + nw;
            for (int32_t k = 0; k < k4; k += 4, w += 2 * nw)
                for (int32_t i = 0; i < nw; i++) {
                    const uint32_t even = w[2 * i], odd = w[2 * i + 1];
                    acc[i] += x[k] * col_lane(even) + x[k + 2] * col_lane(even >> 16);
                    acc[i] += x[k + 1] * col_lane(odd) + x[k + 3] * col_lane(odd >> 16);
                }
            int8_t b[7];
            for (int32_t i = 0; i < nw; i++) {
                int32_t v = col_rq(acc[i], w + 3 * i);
                if (j->clamp) {
                    v = v < lo ? lo : v;
                    v = v > hi ? hi : v;
                }
                b[i] = (int8_t)v;
            }
            memcpy(out + 4 * n, b, (size_t)m);
            g = w + 3 * nw;
        }
    }
}

#else
typedef int nnom_conv_col_loop_unused_t; /* ISO C: a translation unit is never empty */
#endif /* NNOM_CONV_COL_C */
