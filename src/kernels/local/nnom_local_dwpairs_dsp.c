/*
 * nnom_local_dwpairs_dsp.c - the depthwise group path's loops of two
 * outputs per step (-O2 on DSP cores; see nnom_local_dwgroup_dsp.c): runs
 * of three taps at stride 1 ((3, 1) columns, 1x3 rows: dw_pairs3) and 3x3
 * windows at stride 1 along u (dw_pairs33), the inputs' halfword pairs
 * shared by both outputs (SMLAD), against the pair records that
 * nnom_local_dwgroup_dsp.c sets up per group.
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_DSP && !defined(__OPTIMIZE_SIZE__)
#include "nnom_local_dwgroup.h"

/* Channel i of two outputs o, o + 1 of a 3-tap run, from the inputs'
 * halfword pairs p01 = (x[o], x[o+1]) and p23 = (x[o+2], x[o+3]):
 * o = bias + x[o] w0 + x[o+1] w1 (one SMLAD) + x[o+2] w2,
 * o + 1 = bias + x[o+1] w0 + x[o+2] w1 + x[o+3] w2 (one SMLAD); four
 * multiplies for six products. Their results go to byte i of r0, r1. */
/* Two words of a group's pair record, g->pc[i][k] and [k + 1], by one
 * LDRD (GCC loads them one by one otherwise). */
#if defined(__GNUC__)
#define DW_LDRD(a, b, i, k)                                                                    \
    __asm__("ldrd %0, %1, [%2, #%c3]"                                                          \
            : "=&r"(a), "=r"(b)                                                                \
            : "r"(g), "n"(offsetof(dw_group_t, pc) + 4 * (8 * (i) + (k))), "m"(g->pc[i]))
#else
#define DW_LDRD(a, b, i, k) ((a) = g->pc[i][k], (b) = g->pc[i][(k) + 1])
#endif

#define DW_PAIR(i, p01, p23)                                                                   \
    do {                                                                                       \
        const int16x2_t p01_ = (p01), p23_ = (p23);                                            \
        int32_t w01_, w20_, w12_, b_, m_[2], e_, pad_;                                         \
        DW_LDRD(w01_, w20_, i, 0);                                                             \
        DW_LDRD(w12_, b_, i, 2);                                                               \
        int32_t u_ = __smlad(p01_, (int16x2_t)w01_, b_);                                       \
        int32_t v_ = __smlatt(p01_, (int16x2_t)w20_, b_);                                      \
        u_ = __smlabb(p23_, (int16x2_t)w20_, u_);                                              \
        v_ = __smlad(p23_, (int16x2_t)w12_, v_);                                               \
        DW_LDRD(m_[0], m_[1], i, 4);                                                           \
        DW_LDRD(e_, pad_, i, 6);                                                               \
        (void)pad_;                                                                            \
        u_ = dw_rq(u_, m_, e_, 0);                                                             \
        v_ = dw_rq(v_, m_, e_, 0);                                                             \
        if ((i) == 0) {                                                                        \
            r0 = (uint32_t)u_;                                                                 \
            r1 = (uint32_t)v_;                                                                 \
        } else {                                                                               \
            DW_BFI(r0, u_, (8 * (i)));                                                         \
            DW_BFI(r1, v_, (8 * (i)));                                                         \
        }                                                                                      \
    } while (0)

/* Outputs o, o + 1 of a run of three taps, stride 1 and no dilation
 * ((3, 1) columns, 1x3 rows), no s term and no clamp, x and out at o: the
 * two share their inputs' halfword pairs. */
NNOM_INLINE void dw_pair3(const dw_group_t *g, const int8_t *x, int8_t *out, int16x2_t off,
                          int32_t xs, int32_t op)
{
    const uint32_t v0 = nnom_read4(x), v1 = nnom_read4(x + xs);
    const uint32_t v2 = nnom_read4(x + 2 * xs), v3 = nnom_read4(x + 3 * xs);
    const uint32_t lo01 = dw_pkhbt(v0, v1), lo23 = dw_pkhbt(v2, v3);
    const uint32_t hi01 = dw_pkhtb(v1, v0), hi23 = dw_pkhtb(v3, v2);
    uint32_t r0, r1;
    DW_PAIR(0, __sxtab16(off, (int8x4_t)lo01), __sxtab16(off, (int8x4_t)lo23));
    DW_PAIR(1, nnom_sxtab16_odd(off, lo01), nnom_sxtab16_odd(off, lo23));
    DW_PAIR(2, __sxtab16(off, (int8x4_t)hi01), __sxtab16(off, (int8x4_t)hi23));
    DW_PAIR(3, nnom_sxtab16_odd(off, hi01), nnom_sxtab16_odd(off, hi23));
    memcpy(out, &r0, 4);
    memcpy(out + op, &r1, 4);
}

/* n >= 2 such outputs, two per step; an odd n ends with a step back by
 * one output (the output never overlaps the input). */
NNOM_NOINLINE NNOM_DW_NOSCHED void dw_pairs3(const dw_group_t *g, const int8_t *x,
                                             int8_t *out, int32_t n)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, op = g->op;
    int32_t pairs = n >> 1;
    do {
        dw_pair3(g, x, out, off, xs, op);
        x += 2 * xs;
        out += 2 * op;
    } while (--pairs);
    if (n & 1)
        dw_pair3(g, x - xs, out - op, off, xs, op);
}

/* Two words of half h's row r records, g->p33[h][r][k] and [k + 1]. */
#if defined(__GNUC__)
#define DW_LDRD33(a, b, h, r, k)                                                               \
    __asm__("ldrd %0, %1, [%2, #%c3]"                                                          \
            : "=&r"(a), "=r"(b)                                                                \
            : "r"(g), "n"(offsetof(dw_group_t, p33) + 4 * (6 * (3 * (h) + (r)) + (k))),      \
              "m"(g->p33[h][r]))
#else
#define DW_LDRD33(a, b, h, r, k) ((a) = g->p33[h][r][k], (b) = g->p33[h][r][(k) + 1])
#endif

/* Row r of half h for outputs o, o + 1 (x at o's first tap of the row):
 * the four inputs' two channels as halfword pairs (x[o], x[o+1]),
 * (x[o+2], x[o+3]), each pair serving both outputs (dw_pair3's sums). */
#define DW_ROW33(h, r, xq)                                                                     \
    do {                                                                                       \
        const uint32_t v0_ = nnom_read4(xq), v1_ = nnom_read4((xq) + xs);                      \
        const uint32_t v2_ = nnom_read4((xq) + 2 * xs), v3_ = nnom_read4((xq) + 3 * xs);       \
        const uint32_t l01_ = (h) ? dw_pkhtb(v1_, v0_) : dw_pkhbt(v0_, v1_);                   \
        const uint32_t l23_ = (h) ? dw_pkhtb(v3_, v2_) : dw_pkhbt(v2_, v3_);                   \
        int32_t w0_, w1_, w2_, w3_, w4_, w5_;                                                  \
        DW_LDRD33(w0_, w1_, h, r, 0);                                                          \
        const int16x2_t a01_ = __sxtab16(off, (int8x4_t)l01_);                                 \
        const int16x2_t a23_ = __sxtab16(off, (int8x4_t)l23_);                                 \
        ua = __smlad(a01_, (int16x2_t)w0_, ua);                                                \
        va = __smlatt(a01_, (int16x2_t)w1_, va);                                               \
        ua = __smlabb(a23_, (int16x2_t)w1_, ua);                                               \
        DW_LDRD33(w2_, w3_, h, r, 2);                                                          \
        va = __smlad(a23_, (int16x2_t)w2_, va);                                                \
        const int16x2_t b01_ = nnom_sxtab16_odd(off, l01_);                                    \
        const int16x2_t b23_ = nnom_sxtab16_odd(off, l23_);                                    \
        DW_LDRD33(w4_, w5_, h, r, 4);                                                          \
        ub = __smlad(b01_, (int16x2_t)w3_, ub);                                                \
        vb = __smlatt(b01_, (int16x2_t)w4_, vb);                                               \
        ub = __smlabb(b23_, (int16x2_t)w4_, ub);                                               \
        vb = __smlad(b23_, (int16x2_t)w5_, vb);                                                \
    } while (0)

/* Half h (channels 2h, 2h + 1) of outputs o, o + 1 of a 3x3 window run,
 * stride 1, no s term and no clamp: x, out at o. */
#define DW_HALF33(h)                                                                           \
    do {                                                                                       \
        int32_t ua, ub, va, vb, m_[2], e_, b_;                                                 \
        DW_LDRD(b_, m_[0], 2 * (h), 3);                                                        \
        ua = va = b_;                                                                          \
        DW_LDRD(b_, m_[1], 2 * (h) + 1, 3);                                                    \
        ub = vb = b_;                                                                          \
        DW_ROW33(h, 0, x);                                                                     \
        DW_ROW33(h, 1, x + xr);                                                                \
        DW_ROW33(h, 2, x + 2 * xr);                                                            \
        DW_LDRD(m_[0], m_[1], 2 * (h), 4);                                                     \
        DW_LDRD(e_, b_, 2 * (h), 6);                                                           \
        uint32_t ro_ = (uint32_t)dw_rq(ua, m_, e_, 0), rp_ = (uint32_t)dw_rq(va, m_, e_, 0);   \
        DW_LDRD(m_[0], m_[1], 2 * (h) + 1, 4);                                                 \
        DW_LDRD(e_, b_, 2 * (h) + 1, 6);                                                       \
        DW_BFI(ro_, dw_rq(ub, m_, e_, 0), 8);                                                  \
        DW_BFI(rp_, dw_rq(vb, m_, e_, 0), 8);                                                  \
        const uint16_t so_ = (uint16_t)ro_, sp_ = (uint16_t)rp_;                               \
        memcpy(out + 2 * (h), &so_, 2);                                                        \
        memcpy(out + op + 2 * (h), &sp_, 2);                                                   \
    } while (0)

/* n >= 2 outputs of each of the lines ls (3x3 windows, stride 1 along u,
 * no s term and no clamp), two per step; an odd n ends with a step back by
 * one output (the output never overlaps the input). */
NNOM_NOINLINE NNOM_DW_NOSCHED void dw_pairs33(const dw_group_t *g, const int8_t *x0,
                                              int8_t *out0, int32_t n,
                                              const dw_lines_t *ls)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, xr = g->xr, op = g->op;
    for (int32_t l = 0; l < ls->n; l++) {
        const int8_t *x = x0 + l * ls->xl;
        int8_t *out = out0 + l * ls->ol;
        for (int32_t i = 0; i < n; i += 2) {
            if (i + 1 == n) { /* the last output alone: the pair before it again */
                x -= xs;
                out -= op;
            }
            DW_HALF33(0);
            DW_HALF33(1);
            x += 2 * xs;
            out += 2 * op;
        }
    }
}
#undef DW_HALF33
#undef DW_ROW33
#undef DW_LDRD33
#undef DW_PAIR
#undef DW_LDRD
#else
typedef int nnom_local_dwpairs_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
