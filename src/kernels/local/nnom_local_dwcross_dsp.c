/*
 * nnom_local_dwcross_dsp.c - depthwise layers of one row of k taps ((k, 1)
 * or (1, k)) on planes, outputs in lines across the taps: the output line
 * i along the taps' axis is, for every output across it, the window of the
 * same taps [t0, t1) that lie in the input (padding is the input zero
 * point, whose products the records' bias takes off: a tap outside the
 * input adds nothing). So each line runs the one-row assembly loop
 * (nnom_dwcol_s8, the taps one input row or pixel apart, the outputs
 * across them) on the input itself, with the records of its own taps. The
 * group path (dw_col_asm) runs lines along the taps, whose border outputs
 * read copies of their rows and multiply the padding; on short lines
 * ((9,1) on 9 rows: every output a border one) that is per group and line
 * a copy and three calls. Three taps keep dw3_asm (four outputs a pass);
 * lines across the taps shorter than those along them keep dw_col_asm
 * (more calls than it saves). Channels not a multiple of four: the last
 * group overlaps the one before it (nnom_dw_odd_next()).
 */
#include "nnom_local_dwcross.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM && !defined(__OPTIMIZE_SIZE__)

#define CROSS_TAPS NNOM_DW_GROUP_MAX_TAPS

/* The records of group c for taps [t0, t1) (weights oc bytes apart per
 * tap), nnom_local_dwcol.h's layout; 0 where a channel is outside the
 * loop's requantisation or 2 acc could pass 32 bits. */
static int cross_records(const nnom_conv_args_t *a, int32_t c, int32_t t0, int32_t t1,
                         int32_t *rec)
{
    const int32_t oc = a->out.c, k = t1 - t0, zp = a->p.input_zp;
    const int8_t *w = a->weight + t0 * oc + c;
    int32_t *p = rec + 4;
    int32_t sum[4] = {0, 0, 0, 0};
    for (int32_t j = k >> 1; j > 0; j--, p += 4, w += 2 * oc)
        for (int32_t i = 0; i < 4; i++) {
            const int32_t w0 = w[i], w1 = w[oc + i];
            p[i] = (int32_t)((((uint32_t)w0 << 1) & 0xFFFFu) | (uint32_t)w1 << 17);
            sum[i] += w0 + w1;
        }
    if (k & 1) { /* (w0, w2), (w1, w3) of the last tap */
        p[0] = (int32_t)((((uint32_t)w[0] << 1) & 0xFFFFu) | (uint32_t)w[2] << 17);
        p[1] = (int32_t)((((uint32_t)w[1] << 1) & 0xFFFFu) | (uint32_t)w[3] << 17);
        for (int32_t i = 0; i < 4; i++)
            sum[i] += w[i];
        p += 2;
    }
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1);
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(k * 255 * 128) - 1u;
    uint32_t bad = 0; /* sign set: a channel out of the form's range */
    for (int32_t i = 0; i < 4; i++, p += 3) {
        const int32_t ch = c + i;
        const uint32_t b = (uint32_t)a->bias[ch];
        const uint32_t x = (uint32_t)-2 - (uint32_t)a->rq.shift[ch]; /* e - 2 */
        bad |= nnom_rq_unfit(a->rq.mult[ch], a->rq.shift[ch]) | (reach - b) | (reach + b);
        /* doubled bias less the zero point's share (raw inputs) */
        rec[i] = (int32_t)(2u * b - 2u * (uint32_t)zp * (uint32_t)sum[i]);
        p[0] = a->rq.mult[ch];
        p[1] = (int32_t)(zp2 << ((x + 1u) & 31u));
        p[2] = (int32_t)(x + 2u);
    }
    return (bad >> 31) == 0;
}

int nnom_dwcross_try(const nnom_conv_args_t *a)
{
    const int32_t oc = a->out.c, col = a->k.w == 1; /* col: taps down the height */
    const int32_t k = col ? a->k.h : a->k.w;
    if (a->ch_mult != 1 || a->in.c != oc || oc % 4 == 0 || nnom_dw_odd_flat(a) ||
        (a->k.h != 1 && a->k.w != 1) || k < 4 || k > CROSS_TAPS || a->p.dilation_h != 1 ||
        a->p.dilation_w != 1 || a->p.output_zp != -128 || a->p.act_min != -128 ||
        a->p.act_max != 127)
        return 0;
    /* t: along the taps; o: across them (one tap, no padding) */
    const int32_t tin = col ? a->in.h : a->in.w, ts = col ? a->p.stride_h : a->p.stride_w;
    const int32_t tpad = col ? a->p.pad_top : a->p.pad_left, tout = col ? a->out.h : a->out.w;
    const int32_t opad = col ? a->p.pad_left : a->p.pad_top, oout = col ? a->out.w : a->out.h;
    const int32_t os = col ? a->p.stride_w : a->p.stride_h;
    const int32_t txb = col ? a->in.w * oc : oc, oxb = col ? oc : a->in.w * oc;
    const int32_t tob = col ? a->out.w * oc : oc, oob = col ? oc : a->out.w * oc;
    /* lines across the taps pay off where they are no shorter than those
     * along them and some windows leave the input */
    const int32_t last = (tout - 1) * ts - tpad; /* the last window's first tap */
    if (opad != 0 || oout < tout || (tpad <= 0 && last + k <= tin))
        return 0;
    /* every window at least two taps in the input (the loop's one pair) */
    for (int32_t i = 0, y = -tpad; i < tout; i++, y += ts) {
        const int32_t t0 = y < 0 ? -y : 0, t1 = y + k > tin ? tin - y : k;
        if (t1 - t0 < 2)
            return 0;
    }
    int32_t rec[4 + 4 * (CROSS_TAPS / 2) + 2 + 12];
    for (int32_t c = 0; c < oc; c = nnom_dw_odd_next(c, oc)) {
        int32_t r0 = -1, r1 = -1; /* the taps of the records built */
        for (int32_t i = 0, y = -tpad; i < tout; i++, y += ts) {
            const int32_t t0 = y < 0 ? -y : 0, t1 = y + k > tin ? tin - y : k;
            if ((t0 != r0 || t1 != r1) && !cross_records(a, c, r0 = t0, r1 = t1, rec))
                return 0; /* the fallback rewrites the groups before c too */
            const nnom_dwcol_job_t j = {a->input + (y + t0) * txb + c,
                                        a->output + i * tob + c,
                                        rec,
                                        oout,
                                        txb,
                                        os * oxb,
                                        oob,
                                        (t1 - t0) / 2,
                                        (t1 - t0) & 1,
                                        1};
            nnom_dwcol_s8(&j);
        }
    }
    return 1;
}

#else
typedef int nnom_local_dwcross_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
