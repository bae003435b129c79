/*
 * nnom_local_simd.h - helpers of the local kernels (internal).
 *
 * NNOM_LOCAL_DSP is 1 where the compiler defines __ARM_FEATURE_DSP
 * (Cortex-M4/M7/M33/M55...): inner loops then use the ACLE intrinsics of
 * arm_acle.h (__sxtb16, __sxtab16, __smlad, ...), two 16-bit multiplies per
 * instruction. Elsewhere (Cortex-M0/M3, hosts) they are plain C99.
 * Define NNOM_LOCAL_NO_DSP to force the plain C loops.
 */
#ifndef NNOM_LOCAL_SIMD_H
#define NNOM_LOCAL_SIMD_H

#include <string.h>

#include "nnom_kernels.h"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP == 1 && !defined(NNOM_LOCAL_NO_DSP)
#define NNOM_LOCAL_DSP 1
#include <arm_acle.h>
#else
#define NNOM_LOCAL_DSP 0
#endif

/* NNOM_INLINE: small helpers, always inlined (even at -Os).
 * NNOM_NOINLINE: the per-pixel work units, kept as functions so that each
 * hot loop gets the registers to itself. */
#if defined(__GNUC__)
#define NNOM_INLINE static inline __attribute__((always_inline))
#define NNOM_NOINLINE __attribute__((noinline))
#else
#define NNOM_INLINE static inline
#define NNOM_NOINLINE
#endif
#define NNOM_FORCE_INLINE NNOM_INLINE

/* NNOM_HOT: an inner loop. Inlined at -O2; at -Os a function of its own, so
 * that its accumulators stay in registers (GCC's -Os register allocation
 * spills them when the loop sits inside a larger function). */
#if defined(__OPTIMIZE_SIZE__)
#define NNOM_HOT static NNOM_NOINLINE
#else
#define NNOM_HOT NNOM_INLINE
#endif

/* Keeps the compiler from interleaving two unrolled steps of an inner loop
 * (which runs it out of registers on a Cortex-M). */
#if defined(__GNUC__)
#define NNOM_SCHED_BARRIER() __asm__ volatile("" ::: "memory")
#else
#define NNOM_SCHED_BARRIER() ((void)0)
#endif

/* Four int8 values as one word (any alignment; one LDR on Cortex-M3 and up). */
NNOM_FORCE_INLINE uint32_t nnom_read4(const int8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

#if NNOM_LOCAL_DSP
/* Bytes 1 and 3 of v, sign-extended to two halfwords. GCC does not fold a
 * rotation into SXTB16 by itself, which would cost one more instruction
 * per four values; its inline assembly gives the one-instruction form. */
NNOM_FORCE_INLINE int16x2_t nnom_sxtb16_odd(uint32_t v)
{
#if defined(__GNUC__) && !defined(__clang__)
    int16x2_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
    return r;
#else
    return __sxtb16((int8x4_t)((v >> 8) | (v << 24)));
#endif
}

/* a + bytes 1 and 3 of v, per halfword. */
NNOM_FORCE_INLINE int16x2_t nnom_sxtab16_odd(int16x2_t a, uint32_t v)
{
#if defined(__GNUC__) && !defined(__clang__)
    int16x2_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(v));
    return r;
#else
    return __sxtab16(a, (int8x4_t)((v >> 8) | (v << 24)));
#endif
}

/* Two halfwords holding -zp: __sxtab16(nnom_offset2(zp), x) = x - zp. */
NNOM_FORCE_INLINE int16x2_t nnom_offset2(int32_t zp)
{
    return (int16x2_t)(((uint32_t)(-zp) & 0xFFFFu) * 0x10001u);
}
#endif

/* nnom_requantize(acc, mult, shift) + zp, clamped to [lo, hi]: one out-of-line
 * function (nnom_local_requant.c), used as is at -Os. */
int8_t nnom_rq_clamp(int32_t acc, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi);

#if defined(__OPTIMIZE_SIZE__)
/* -Os: code size first, one requantisation routine for every kernel. */
typedef struct {
    int32_t mult, shift;
} nnom_rq_t;

NNOM_INLINE nnom_rq_t nnom_rq_of(int32_t mult, int32_t shift)
{
    nnom_rq_t r;
    r.mult = mult;
    r.shift = shift;
    return r;
}

#define nnom_rq_apply(acc, r, zp, lo, hi) nnom_rq_clamp((acc), (r).mult, (r).shift, (zp), (lo), (hi))

#else
/* Requantisation constants of one output channel, computed once per
 * channel and reused for every pixel (nnom_requantize() split in two). */
typedef struct {
    int32_t mult, left, right, mask, half;
} nnom_rq_t;

NNOM_INLINE nnom_rq_t nnom_rq_of(int32_t mult, int32_t shift)
{
    nnom_rq_t r;
    r.mult = mult;
    r.left = shift > 0 ? shift : 0;
    r.right = shift > 0 ? 0 : -shift;
    r.mask = (int32_t)(((uint32_t)1 << r.right) - 1u);
    r.half = r.mask >> 1;
    return r;
}

/* nnom_requantize(acc, mult, shift) + zp, clamped to [lo, hi]. */
NNOM_INLINE int8_t nnom_rq_apply(int32_t acc, nnom_rq_t r, int32_t zp, int32_t lo, int32_t hi)
{
    const int32_t v = (int32_t)((uint32_t)acc << r.left);
    const int32_t high = (int32_t)(((int64_t)v * r.mult + ((int64_t)1 << 30)) >> 31);
    const int32_t result = high >> r.right;
    const int32_t threshold = r.half + (int32_t)((uint32_t)result >> 31);
    int32_t out = result + ((high & r.mask) > threshold ? 1 : 0) + zp;
    out = out < lo ? lo : out;
    return (int8_t)(out > hi ? hi : out);
}
#endif

#endif
