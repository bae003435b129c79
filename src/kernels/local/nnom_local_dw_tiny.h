/*
 * nnom_local_dw_tiny.h - depthwise layers of one row of 3 to 10 taps with
 * one to seven channels (not four), or of 2 taps with one to three,
 * strides 1 and 2 (nnom_local_dw_tiny_dsp.c, -O2 on cores with
 * NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DW_TINY_H
#define NNOM_LOCAL_DW_TINY_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* five to seven channels at stride 2 on more than one line: windows of at
 * most this many taps (the group path cost less on longer ones: (9,1) s2
 * 40x1x7 valid 4.06 there, 4.45 here at few10; on one line the tiny loops
 * now cost less up to TINY_LONG_TAPS: 3,424 there, 2,910 here) */
#define TINY_S2_MAX_TAPS 7

/* A channel's requantisation words in the tiny loops' form (also the
 * two-channel loops', nnom_local_dw2_dsp.c): the bias with the input zero
 * point's share (sum: the channel's k weights added), the multiplier, the
 * rounding word with the output zero point, the shift. */
typedef struct {
    int32_t bias, mult, ra, e;
} nnom_tiny_rq_t;

/* 0 where channel ch's requantisation or its sums do not suit that form
 * (q left unset). */
NNOM_INLINE int nnom_tiny_rq(const nnom_conv_args_t *a, int32_t ch, int32_t k, int32_t sum,
                             nnom_tiny_rq_t *q)
{
    /* 2 acc stays inside 32 bits (the group path's rule) */
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(k * 255 * 128) - 1u;
    const uint32_t b = (uint32_t)a->bias[ch];
    const int32_t mult = a->rq.mult[ch], shift = a->rq.shift[ch];
    if (((nnom_rq_unfit(mult, shift) | (reach - b) | (reach + b)) >> 31) != 0)
        return 0;
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1), x = (uint32_t)-2 - (uint32_t)shift;
    q->bias = (int32_t)(2u * b - 2u * (uint32_t)a->p.input_zp * (uint32_t)sum);
    q->mult = mult;
    q->ra = (int32_t)(zp2 << ((x + 1u) & 31u));
    q->e = (int32_t)(x + 2u);
    return 1;
}

/* 1 where it ran the layer; 0 where the layer does not suit (nothing
 * written): the caller takes its other paths. Its checks are
 * nnom_dw_tiny_holds's, inline. */
int nnom_dw_tiny_s8(const nnom_conv_args_t *a);
/* 1 where nnom_dw_tiny_s8 takes the layer (with nnom_dw_tiny_asks: a
 * pure function of the arguments, the records' tag among them, for a
 * check at the model's build), else 0. */
int nnom_dw_tiny_holds(const nnom_conv_args_t *a);
/* The layer run, where nnom_dw_tiny_asks and nnom_dw_tiny_holds held on
 * these arguments (the kept step: no check made again); 1 where it ran. */
int nnom_dw_tiny_run(const nnom_conv_args_t *a);

/* 1 where nnom_dw_tiny_run takes the layer (nnom_dw_tiny_asks and
 * nnom_dw_tiny_holds held) on the converter's records as three taps at
 * stride 1 of one to three channels, every line's windows inside or a
 * 'same' line of three or more outputs: nnom_dw_tiny3_run's layers. */
int nnom_dw_tiny3_asks(const nnom_conv_args_t *a);
/* Those layers run, no check made again (its geometry from the
 * arguments alone, straight to the assembly's one call). */
void nnom_dw_tiny3_run(const nnom_conv_args_t *a);
/* The same on the config's block and the layer's buffers (no copy) */
nnom_status_t nnom_dw_tiny3_direct(const nnom_conv_args_t *block,
                                   const int8_t *input, int8_t *output);

/* The first word of the converter's records for nnom_dw_tiny3_run's
 * layers with the loop's job in a head (nnom/ops/dwtiny_records.py;
 * nnom_local_dw3.h's nnom_dw3c1r_s8): 1 where the head holds for the
 * layer (asked once, at build), else 0; the kept run straight to the
 * loop (the word after the tag: 1 a 'same' line, 2 one line; the head after it). */
#define NNOM_DW3C1_TAG 33
int nnom_dw_tiny3r_asks(const nnom_conv_args_t *a);

/* The first word of the converter's records of the tiny loops
 * (nnom/ops/dwtiny_records.py TAG; two taps on one to three channels too) */
#define NNOM_DWTINY5_TAG 5
/* The first word of the converter's records that name the tiny loops'
 * course and geometry (nnom/ops/dwtiny_records.py) */
#define NNOM_DWTINY_TAG 29
/* 1 where those records' head holds for the layer (a pure function of
 * the arguments, asked once at build), else 0. */
int nnom_dw_tiny_tag_asks(const nnom_conv_args_t *a);
/* The layer run on that head, where nnom_dw_tiny_tag_asks held. */
void nnom_dw_tiny_tag_run(const nnom_conv_args_t *a);
/* The same on the config's block and the layer's buffers (no copy) */
nnom_status_t nnom_dw_tiny_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output);
/* The head's one-channel short line (its course TINY_C_ONE) on the
 * block's records and input_zp alone: that course's direct type */
nnom_status_t nnom_dw_tiny1_direct(const nnom_conv_args_t *block, const int8_t *input,
                                   int8_t *output);
/* The same on tiny_direct1: one channel's short stride-1 line straight
 * from a byte block of its pixels */
nnom_status_t nnom_dw_tiny1s_direct(const nnom_conv_args_t *block, const int8_t *input,
                                    int8_t *output);
/* 1 where the asked head of tag 29 names that course, 2 where
 * nnom_dw_tiny1s_direct takes its line, 0 otherwise */
int nnom_dw_tiny1_course(const nnom_conv_args_t *a);

/* Channels [from, out.c) of a layer, one to three, here (the others run
 * elsewhere: no group of four lanes overlapping the last whole one); 1
 * where it ran them, 0 where they do not suit (nothing written). */
int nnom_dw_tiny_rest(const nnom_conv_args_t *a, int32_t from);

/* 0 where nnom_dw_tiny_s8 would surely not take the layer (the cheap part
 * of its checks): four or more than seven channels, a window of more than
 * one row and one column, or five to seven channels with three taps at
 * stride 2 or with nnom_dw3_s8's records (even first word; at stride 1
 * tiny_of() takes the short lines nnom_dw3_s8 does not) or, at stride 2,
 * more than TINY_S2_MAX_TAPS on more than one line (the flat and group
 * paths cost less there). */
NNOM_INLINE int nnom_dw_tiny_asks(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, k = a->k.h * a->k.w;
    if (c >= 8 || c == 4 || (a->k.h != 1 && a->k.w != 1))
        return 0;
    const int32_t s = a->k.h == 1 ? a->p.stride_w : a->p.stride_h;
    const int32_t lines = a->k.h == 1 ? a->out.h : a->out.w;
    return c < 4 || (k != 3 ? s == 1 || k <= TINY_S2_MAX_TAPS || lines == 1
                            : s == 1 && (a->records == NULL || (a->records[0] & 1) != 0));
}
#endif

#endif
