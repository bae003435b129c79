/*
 * nnom_local_dwplane1.h - depthwise 2D windows on one channel, 'valid',
 * straight from the input's bytes (nnom_local_dwplane1_dsp.c, -O2 on cores
 * with NNOM_LOCAL_MAC_ASM).
 */
#ifndef NNOM_LOCAL_DWPLANE1_H
#define NNOM_LOCAL_DWPLANE1_H

#include "nnom_kernels.h"
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* Largest kh and kw, and the widest input row the path takes (its last
 * output row may run on a copy of its window's rows: NNOM_DWPLANE1_MAX_K
 * rows of that many bytes on the stack). */
#define NNOM_DWPLANE1_MAX_K 7
#define NNOM_DWPLANE1_MAX_W 32

/* The layers the path takes: one channel, multiplier 1, kh 2 to 7 and kw
 * 3 to 7, stride 1 or 2 both ways, no dilation, no padding (the windows
 * inside the input: 'valid'), rows of at most NNOM_DWPLANE1_MAX_W bytes.
 * Its own cost is a few instructions a pass of four outputs: it takes
 * every such layer ahead of the plane path (DW_CH), which widens every
 * row to int16 first. */
NNOM_INLINE int nnom_dwplane1_asks(const nnom_conv_args_t *a)
{
    /* (padding and channels first: the walk's refusals of 'same' and of
     * several channels cost a few instructions) */
    return a->p.pad_top == 0 && a->p.pad_left == 0 && a->in.c == 1 && a->out.c == 1 &&
           a->ch_mult == 1 && a->k.h >= 2 && a->k.w >= 3 && a->k.h <= NNOM_DWPLANE1_MAX_K &&
           a->k.w <= NNOM_DWPLANE1_MAX_K && (uint32_t)a->p.stride_h - 1u < 2u &&
           (uint32_t)a->p.stride_w - 1u < 2u && a->p.dilation_h == 1 &&
           a->p.dilation_w == 1 && a->in.w >= 8 && a->in.w <= NNOM_DWPLANE1_MAX_W && a->out.h >= 1 &&
           a->out.w >= 1 && (a->out.h - 1) * a->p.stride_h + a->k.h <= a->in.h &&
           (a->out.w - 1) * a->p.stride_w + a->k.w <= a->in.w;
}

/* On a layer nnom_dwplane1_asks() took (the dispatcher asks first, inline):
 * 1 when done; 0 (nothing written) where its requantisation or sums do
 * not fit the fast form (as DW_CH's). */
int nnom_dwplane1_try(const nnom_conv_args_t *a);
/* The run alone: a kept step's, where nnom_dwplane1_try() took the same
 * arguments at the first run. */
void nnom_dwplane1_run(const nnom_conv_args_t *a);
#endif

#endif
