/*
 * nnom_local_dw2.h - depthwise layers of two channels on one row of taps
 * (or one column of a one-pixel-wide input), read interleaved
 * (nnom_local_dw2_dsp.c, -O2 on cores with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW2_H
#define NNOM_LOCAL_DW2_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. */
int nnom_dw2_try(const nnom_conv_args_t *a);
/* the same for 2D windows of 2+ rows of 5+ taps at stride 2 along the row
 * (nnom_local_dw2r_dsp.c) */
int nnom_dw2r_try(const nnom_conv_args_t *a);

/* A requantised output of both loops: SMMLAR with the rounding word
 * ra (the output zero point in it), then the shift and the clamp. */
NNOM_INLINE int32_t nnom_dw2_rq(int32_t acc, int32_t mult, int32_t ra, int32_t sh)
{
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(ra));
    return __ssat(v >> sh, 8);
}

/* the tap pair of pixels p, p + 1 of the channel at x (the other
 * channel's bytes between them) */
NNOM_INLINE int32_t nnom_dw2_x(const int8_t *x)
{
    return (int32_t)__sxtb16((int8x4_t)nnom_read4(x));
}

/* 0 where nnom_dw2_try would surely not take the layer (its choice of
 * layers, checked before any set-up: a refusal costs the layers that go on
 * to the tiny loops little): two channels, output zero point -128 and no
 * clamp, one row of taps (or one column of a one-pixel-wide input), and
 * where these loops beat the tiny ones' int16 copies (measured; their
 * assembly of 2 to 5 pairs at stride 1, three and four taps at stride 2,
 * on one line their long windows): three taps at stride 1, five and six
 * at stride 2, on one line of 14+ outputs (shorter ones: the set-up costs
 * more than the copy saves); on several lines of 8+ outputs also 7+ taps
 * at stride 2 and 11+ at stride 1 (which the tiny loops do not take). */
NNOM_INLINE int nnom_dw2_asks(const nnom_conv_args_t *a)
{
    if (a->out.c != 2 || a->p.output_zp != -128 || a->p.act_min > -128 || a->p.act_max < 127)
        return 0;
    int32_t k, s, n;
    if (a->k.h == 1) {
        k = a->k.w;
        s = a->p.stride_w;
        n = a->out.w;
        if (a->out.h > 1)
            return n >= 8 && (s == 1 ? k == 3 || k > 10 : s == 2 && k >= 5);
    } else if (a->k.w >= 5) /* 2D windows of 2 or 3 rows (4+: the vertical pairs beat it) */
        return a->p.stride_w == 2 && a->k.h <= 3;
    else if (a->k.w == 1 && a->in.w == 1) {
        k = a->k.h;
        s = a->p.stride_h;
        n = a->out.h;
    } else
        return 0;
    return n >= 14 && (s == 1 ? k == 3 : s == 2 && (k == 5 || k == 6));
}
#endif

#endif
