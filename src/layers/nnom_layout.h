/*
 * nnom_layout.h - how the arena stores feature maps, for the layers
 * (internal). HWC builds keep Keras' order; CHW builds (NNOM_USING_CHW)
 * store an (h, w, c) tensor channel first (element (y, x, ch) at
 * ch * h * w + y * w + x), a (steps, c) tensor as C,W; a vector is the same
 * in both. Layers ask these functions instead of testing the build: in HWC
 * builds they are constants, and the compiler drops what depends on them.
 * The transposes are in nnom_layout.c; nnom/layout.py is the Python twin.
 */
#ifndef NNOM_LAYOUT_H
#define NNOM_LAYOUT_H

#include "nnom.h"

#ifdef NNOM_USING_CHW
#define NNOM_LAYOUT_CHW 1
#else
#define NNOM_LAYOUT_CHW 0
#endif

/* 1 when the arena holds s in Keras' order: always in HWC builds; in CHW
 * builds with one channel or one position (nnom/layout.py: same_order). */
static inline int nnom_layout_keras_order(const nnom_shape_t *s)
{
    return !NNOM_LAYOUT_CHW || s->c == 1 || (uint32_t)s->h * s->w == 1u;
}

/* 1 when Keras' reshape from in to out moves no byte in the arena: always
 * in HWC builds; in CHW builds the same channels over the same number of
 * positions, or both in Keras' order (nnom/layout.py: reshape_is_view). */
static inline int nnom_layout_reshape_is_view(const nnom_shape_t *in, const nnom_shape_t *out)
{
    return (nnom_layout_keras_order(in) && nnom_layout_keras_order(out)) ||
           (in->c == out->c && (uint32_t)in->h * in->w == (uint32_t)out->h * out->w);
}

/* Copies between Keras' order and the arena's (transposing in CHW builds;
 * no overlap). Only called where nnom_layout_keras_order() is 0. */
void nnom_layout_from_keras(const int8_t *keras, const nnom_shape_t *s, int8_t *arena);
void nnom_layout_to_keras(const int8_t *arena, const nnom_shape_t *s, int8_t *keras);
/* Keras' Reshape (Keras' order) between two arena tensors; no overlap. Only
 * called where nnom_layout_reshape_is_view() is 0. */
void nnom_layout_reshape(const int8_t *in, const nnom_shape_t *in_shape, int8_t *out,
                         const nnom_shape_t *out_shape);

/* Loops over channel planes: one plane of c channels (HWC) or c planes of
 * one channel (CHW). */
static inline uint32_t nnom_layout_planes(uint32_t c) { return NNOM_LAYOUT_CHW ? c : 1u; }
static inline uint32_t nnom_layout_plane_channels(uint32_t c) { return NNOM_LAYOUT_CHW ? 1u : c; }

/* A (steps, n) sequence: the offset of element (t, 0) and the distance
 * from feature k to k + 1. */
static inline size_t nnom_layout_seq_at(uint32_t t, uint32_t n)
{
    return NNOM_LAYOUT_CHW ? (size_t)t : (size_t)t * n;
}
static inline uint32_t nnom_layout_seq_step(uint32_t steps) { return NNOM_LAYOUT_CHW ? steps : 1u; }

/* Concatenation along HWC axis a (0 h, 1 w, 2 c) into an out-shaped tensor:
 * the number of blocks, each one contiguous run per input. */
static inline uint32_t nnom_layout_concat_blocks(int32_t a, const nnom_shape_t *out)
{
    if (NNOM_LAYOUT_CHW) /* C,H,W */
        return a == 2 ? 1u : (a == 0 ? out->c : (uint32_t)out->c * out->h);
    return a == 0 ? 1u : (a == 1 ? out->h : (uint32_t)out->h * out->w);
}

#endif
