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
#include "../nnom_backend.h"

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

/* A macro's value as a string, for the immediates of inline assembly. */
#define NNOM_STR_(x) #x
#define NNOM_STR(x) NNOM_STR_(x)
/* The head of a global Thumb function NAME (a string) in an __asm__ block:
 * its own section (--gc-sections), its symbol, then its label. */
#define NNOM_ASM_FUNC(NAME)                                                                      \
    ".section .text." NAME ",\"ax\",%progbits\n"                                                 \
    ".global " NAME "\n"                                                                         \
    ".type " NAME ", %function\n"                                                                \
    ".syntax unified\n"                                                                          \
    ".thumb\n"                                                                                   \
    ".thumb_func\n"                                                                              \
    ".p2align 2\n"                                                                               \
    NAME ":\n"
/* A second global Thumb entry NAME inside such a function (the code
 * before it falls through into it). */
#define NNOM_ASM_ENTRY(NAME)                                                                     \
    ".global " NAME "\n"                                                                         \
    ".type " NAME ", %function\n"                                                                \
    ".thumb_func\n"                                                                              \
    NAME ":\n"

/* 1x4 on gathered windows (the 1x1 and im2col loops' step, asm strings):
 * four values of the pixel ([r0]) times the widened weights of channels
 * 0..3 ([r1]: each channel's even and odd halfword pairs) into r4..r7. */
#define NNOM_COL_STEP4                                                                           \
    "ldr    r9, [r0], #4\n"                                                                      \
    "sxtb16 r8, r9\n"                                                                            \
    "sxtb16 r9, r9, ror #8\n"                                                                    \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r4, r8, r10, r4\n"                                                                   \
    "smlad  r4, r9, r11, r4\n"                                                                   \
    "smlad  r5, r8, r12, r5\n"                                                                   \
    "smlad  r5, r9, lr, r5\n"                                                                    \
    "ldm    r1!, {r10, r11, r12, lr}\n"                                                          \
    "smlad  r6, r8, r10, r6\n"                                                                   \
    "smlad  r6, r9, r11, r6\n"                                                                   \
    "smlad  r7, r8, r12, r7\n"                                                                   \
    "smlad  r7, r9, lr, r7\n"

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

/* Two rows of an int8 matrix times an int8 vector plus offset (fully
 * connected layers, recurrent cells): acc[0] += sum((x + offset) * w0),
 * acc[1] += sum((x + offset) * w1). Each input word serves both rows. */
NNOM_FORCE_INLINE void nnom_dot2_s8(const int8_t *x, int32_t offset, const int8_t *w0,
                                    const int8_t *w1, int32_t n, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
#if NNOM_LOCAL_DSP
    const int16x2_t off = nnom_offset2(-offset);
    for (; n >= 4; n -= 4, x += 4, w0 += 4, w1 += 4) {
        const uint32_t v = nnom_read4(x);
        const int16x2_t xe = __sxtab16(off, (int8x4_t)v), xo = nnom_sxtab16_odd(off, v);
        uint32_t u = nnom_read4(w0);
        a0 = __smlad(xe, __sxtb16((int8x4_t)u), a0);
        a0 = __smlad(xo, nnom_sxtb16_odd(u), a0);
        u = nnom_read4(w1);
        a1 = __smlad(xe, __sxtb16((int8x4_t)u), a1);
        a1 = __smlad(xo, nnom_sxtb16_odd(u), a1);
    }
#else
    for (; n >= 4; n -= 4, x += 4, w0 += 4, w1 += 4) {
        const int32_t x0 = x[0] + offset, x1 = x[1] + offset;
        const int32_t x2 = x[2] + offset, x3 = x[3] + offset;
        a0 += x0 * w0[0] + x1 * w0[1] + x2 * w0[2] + x3 * w0[3];
        a1 += x0 * w1[0] + x1 * w1[1] + x2 * w1[2] + x3 * w1[3];
    }
#endif
    for (; n > 0; n--, x++, w0++, w1++) {
        const int32_t v = *x + offset;
        a0 += v * *w0;
        a1 += v * *w1;
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* Conv2D with one input channel and a 3x3 window, stride 1 across
 * (nnom_local_conv1ch_s8.c): nnom_local_conv_s8() runs it where it suits;
 * not in -Os builds. */
#if !defined(__OPTIMIZE_SIZE__)
#define NNOM_CONV1CH 1
#else
#define NNOM_CONV1CH 0
#endif
int nnom_conv1ch_suits(const nnom_conv_args_t *a);
void nnom_conv1ch_s8(const nnom_conv_args_t *a);

/* ---- requantisation: zp + nnom_requantize(acc, mult, shift), clamped ----
 *
 * The common case, mult > 0 and a right shift e = -shift in [2, 23], is one
 * 64-bit multiply-accumulate (SMLAL) and one shift: the two roundings of
 * nnom_requantize() (doubling high multiply rounding half up, then a
 * divide by 2^e rounding halves away from zero) compose exactly into
 *     floor((acc * mult + 2^30 + (2^(e-1) - s + zp 2^e) 2^31) / 2^(31+e)),
 * s = 1 when acc < 0 (the sign of the first rounding's result whenever
 * that sign matters). The constant's high word is base - s, with
 * base = 2^(e-2) + zp 2^(e-1); its low word 2^30 + s 2^31. Other channels
 * take nnom_requantize() itself. Both are checked against each other in
 * test/python/runtime/test_fixedpoint.py. */
NNOM_INLINE int nnom_rq_fast_ok(int32_t mult, int32_t shift)
{
    return mult > 0 && (uint32_t)-2 - (uint32_t)shift <= 21u;
}

/* nnom_rq_fast_ok() without a branch, for loops over channels: the sign
 * bit is set unless the form fits (m | (m - 1) has it when m <= 0;
 * x | (21 - x), x = -2 - shift unsigned, unless shift is in [-23, -2]).
 * nnom/ops/weighted.py's FAST_SHIFTS says the same range. */
NNOM_INLINE uint32_t nnom_rq_unfit(int32_t mult, int32_t shift)
{
    const uint32_t m = (uint32_t)mult, x = (uint32_t)-2 - (uint32_t)shift;
    return m | (m - 1u) | x | (21u - x);
}

/* The fast form: base = 2^(e-2) + zp 2^(e-1), sh = e - 1. */
NNOM_INLINE int32_t nnom_rq_fast(int32_t acc, int32_t mult, int32_t base, int32_t sh)
{
    const int64_t k = (int64_t)(base + (acc >> 31)) * 4294967296LL +
                      (int64_t)(((uint32_t)acc & 0x80000000u) | 0x40000000u);
    return (int32_t)((k + (int64_t)acc * mult) >> 32) >> sh;
}

NNOM_INLINE int32_t nnom_rq_base(int32_t shift, int32_t zp)
{
    return (int32_t)((uint32_t)(2 * zp + 1) << (-shift - 2)); /* (2 zp + 1) 2^(e-2) */
}

/* One output channel's constants: computed once per channel, applied to
 * every pixel. fast: the SMLAL form applies (base, sh); otherwise shift
 * and the zero point (base) go to nnom_requantize(). */
typedef struct {
    int32_t mult, base, sh, shift, fast;
} nnom_rq_t;

NNOM_INLINE nnom_rq_t nnom_rq_of(int32_t mult, int32_t shift, int32_t zp)
{
    nnom_rq_t r;
    r.mult = mult;
    r.shift = shift;
    r.fast = nnom_rq_fast_ok(mult, shift);
    r.base = r.fast ? nnom_rq_base(shift, zp) : zp;
    r.sh = r.fast ? -shift - 1 : 0;
    return r;
}

/* Requantised and clamped to [lo, hi]: one out-of-line function
 * (nnom_local_requant.c), which -Os builds call for every output. */
int8_t nnom_rq_clamp(int32_t acc, const nnom_rq_t *r, int32_t lo, int32_t hi);
/* The other channels' form: nnom_requantize(acc, mult, shift) + zp. */
int32_t nnom_rq_slow(int32_t acc, int32_t mult, int32_t shift, int32_t zp);

#if defined(__GNUC__)
#define NNOM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define NNOM_UNLIKELY(x) (x)
#endif

#if defined(__OPTIMIZE_SIZE__)
#define nnom_rq_apply(acc, r, lo, hi) nnom_rq_clamp((acc), &(r), (lo), (hi))
#else
NNOM_INLINE int8_t nnom_rq_apply(int32_t acc, nnom_rq_t r, int32_t lo, int32_t hi)
{
    int32_t out = nnom_rq_fast(acc, r.mult, r.base, r.sh);
    if (NNOM_UNLIKELY(!r.fast))
        out = nnom_rq_slow(acc, r.mult, r.shift, r.base);
    out = out < lo ? lo : out;
    return (int8_t)(out > hi ? hi : out);
}
#endif

/* Where the gathered-window kernel of nnom_local_conv_col_s8.c is built:
 * with its assembly loop (NNOM_LOCAL_MAC_ASM), and on hosts (not Arm)
 * with the same loop in C (NNOM_CONV_COL_C, nnom_local_conv_col_loop.c),
 * so that the host tests and sanitizers run its gathering, packing and
 * indexing. Not at -Os (code size), nor on Arm cores without the assembly:
 * there the C loop is slower than the int16 patches (Cortex-M3 -O2:
 * DS-CNN 12.67 -> 14.07 M instructions). */
#if NNOM_LOCAL_MAC_ASM
#define NNOM_CONV_COL 1
#define NNOM_CONV_COL_C 0
#elif !defined(__OPTIMIZE_SIZE__) && !defined(__arm__)
#define NNOM_CONV_COL 1
#define NNOM_CONV_COL_C 1
#else
#define NNOM_CONV_COL 0
#define NNOM_CONV_COL_C 0
#endif

/* Conv2D with 1 to 3 input channels (nnom_local_conv_col_s8.c): the
 * windows of up to NNOM_COL_PIX output pixels gathered K4 bytes apart (K4:
 * the window's bytes rounded up to 4), up to NNOM_COL_GROUPS packed groups
 * of four channels of 16 + 2 K4 words each, and 4 bytes the last window's
 * word copies may run over. The same scratch in every build (the plan does
 * not depend on the build); inline, as the dispatch asks it at every run. */
#define NNOM_COL_GROUPS 16
#define NNOM_COL_PIX 32
/* 1x1 convolutions at stride 1 of at least NNOM_PW_COL_MIN_PIX pixels
 * (the run-time packing of each output channel must pay off)
 * with 4 to NNOM_PW_COL_MAX_IC input channels and at least 3 output
 * channels, or 2 (NNOM_PW_COL2_MAX_IC; 1 has its own kernels) run
 * it too: with so few values per
 * output the pair path's fixed cost per 2x2 block (~90 instructions)
 * outweighs its multiplies. Their pixels are the windows, in.c bytes
 * apart (K4 - in.c bytes of the next pixel against zero weights), but the
 * last one when in.c is not a multiple of 4 (copied: its words would read
 * past the input), and up to 4 groups per pass (3 above 24 input
 * channels) keep the scratch small (at most 1,052 B). Beyond 32 the
 * kernel would still be faster (25x5 64->64: 1.02 against the pair path's
 * 1.64 instructions per MAC) but its scratch would raise the arena of
 * models whose peak is at such a layer (DS-CNN's 16,000 B). */
#define NNOM_PW_COL_MAX_IC 32
/* Two output channels (one group, its narrow loop at -O2: 9 instructions
 * per 8 MACs) up to 64 input channels: at most 644 B, against the pair
 * path's fixed cost per 2x2 block (12x12 16->2 3.16 instructions per MAC). */
#define NNOM_PW_COL2_MAX_IC 64
#define NNOM_PW_COL_MIN_PIX 8
/* A 1x1 convolution at stride 1 without padding: its pixels are the
 * input's, in.c bytes apart. */
NNOM_INLINE int nnom_pw_stride1(const nnom_conv_args_t *a)
{
    return a->k.h == 1 && a->k.w == 1 && a->p.stride_h == 1 && a->p.stride_w == 1 &&
           a->p.pad_top == 0 && a->p.pad_left == 0 && a->out.h == a->in.h &&
           a->out.w == a->in.w;
}
/* Whether the converter packed the kernel's groups (nnom/ops/pwcol_records.py):
 * their header (tag, in.c, out.c, K4) before a->records. */
#define NNOM_COL_TAG 0x4C4F4350 /* pwcol_records.TAG */
NNOM_INLINE int nnom_col_records_ok(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    if (r == NULL)
        return 0;
    const uint32_t k4 = ((uint32_t)a->in.c + 3u) & ~3u;
    return (((uint32_t)r[-4] ^ NNOM_COL_TAG) | ((uint32_t)r[-3] ^ (uint32_t)a->in.c) |
            ((uint32_t)r[-2] ^ (uint32_t)a->out.c) | ((uint32_t)r[-1] ^ k4)) == 0u;
}
/* 2 to 7 pixels only with the converter's groups: packing them at run
 * time would cost more than the pair path. */
NNOM_INLINE int nnom_conv_pw_col(const nnom_conv_args_t *a)
{
    const int32_t n = a->out.h * a->out.w;
    return nnom_pw_stride1(a) && a->in.c >= 4 &&
           (a->out.c >= 3 ? a->in.c <= NNOM_PW_COL_MAX_IC
                          : a->out.c == 2 && a->in.c <= NNOM_PW_COL2_MAX_IC) &&
           (n >= NNOM_PW_COL_MIN_PIX || (n >= 2 && nnom_col_records_ok(a)));
}
NNOM_INLINE int32_t nnom_conv_col_k4(const nnom_conv_args_t *a)
{
    return (a->k.h * a->k.w * a->in.c + 3) & ~3;
}
/* pw: nnom_conv_pw_col(a), asked once by the callers */
NNOM_INLINE int32_t nnom_conv_col_groups(const nnom_conv_args_t *a, int pw)
{
    const int32_t g = (a->out.c + 3) / 4;
    /* pw: 16 + 2 K4 words a group, 4 of them up to K4 = 24, 3 up to 32 */
    const int32_t most = !pw ? NNOM_COL_GROUPS : nnom_conv_col_k4(a) <= 24 ? 4 : 3;
    return g < most ? g : most;
}
NNOM_INLINE int32_t nnom_conv_col_pix(const nnom_conv_args_t *a, int pw)
{
    const int32_t n = a->out.h * a->out.w;
    if (pw)
        return a->in.c % 4 == 0 ? 0 : 1; /* the input is the windows, but the last */
    return n < NNOM_COL_PIX ? n : NNOM_COL_PIX;
}
/* 0 where the kernel does not run (4 or more input channels, not pw) */
NNOM_INLINE uint32_t nnom_conv_col_scratch(const nnom_conv_args_t *a)
{
    const int pw = nnom_conv_pw_col(a);
    if (a->in.c > 3 && !pw)
        return 0;
    const int32_t k4 = nnom_conv_col_k4(a);
    const int32_t groups = nnom_conv_col_groups(a, pw);
    return (uint32_t)(4 * groups * (16 + 2 * k4) + nnom_conv_col_pix(a, pw) * k4 + 4);
}

#if NNOM_LOCAL_MAC_ASM
/* Every output channel of `pairs` pixel pairs (each xstep bytes after the
 * one before in the input, ostep in the output), two channels at a time
 * (the last one twice when their count is odd): the windows of pixels a
 * (at x) and b (at x + dx) are `rows` runs of n bytes (at least 4; n not a
 * multiple of 4 only with raw inputs and wskip 0),
 * n + skip bytes apart in the input, n + wskip in the weights (K per
 * channel, from w). acc = bias + sum((x - zp) * w), off = nnom_offset2(zp)
 * (0: raw inputs), requantised with the fast form (every channel's
 * nnom_rq_fast_ok()) and clamped to [lo, hi] into out[c] and
 * out[step + c]. The field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    const int8_t *w;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    int8_t *out;
    int32_t step, oc, K, dx, n, rows, skip;
    int32_t zp2; /* 2 * output zero point + 1 */
    int32_t lo, hi, wskip;
    uint32_t off;
    int32_t pairs, xstep, ostep;
} nnom_pair_job_t;
void nnom_conv_pair_s8(const nnom_pair_job_t *j);

/* Fully connected, four rows at a time sharing each input word: out[o] =
 * bias[o] + sum(x * w[o]) (raw inputs: bias_folded), n a multiple of 4 (at
 * least 4), requantised with the fast form and clamped to [lo, hi]. It
 * checks each row's requantisation as it goes (cheaper than a pass over
 * them before) and returns nonzero when one was not in the fast form
 * (mult >= 0, shift in [-17, -2]): then the outputs are not valid. The
 * field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    const int8_t *w;
    const int32_t *bias;
    const int32_t *mult;
    const int32_t *shift;
    int8_t *out;
    int32_t units, n, zp2, lo, hi;
} nnom_fc_job_t;
uint32_t nnom_fc_rows_s8(const nnom_fc_job_t *j);
/* The same for n not a multiple of 4 (the last 1-3 values one at a time). */
uint32_t nnom_fc_rows_tail_s8(const nnom_fc_job_t *j);
/* The same on weights in groups of four rows, word by word (the Dense
 * config's weight4): units a multiple of 4, n a multiple of 4. */
uint32_t nnom_fc_groups_s8(const nnom_fc_job_t *j);
#endif

#if NNOM_CONV_COL
/* Runs the layer and returns 1, or 0 (nothing written) when the scratch is
 * short or a channel's requantisation is not the fast form (checked here
 * unless rq_fast says the caller knows it is). */
int nnom_conv_col(const nnom_conv_args_t *a, void *buf, uint32_t size, int rq_fast);
/* The same for 1x1 layers with the converter's records only (0: not such
 * a layer, nothing written): none of the other paths' checks. */
int nnom_conv_col_rec(const nnom_conv_args_t *a, void *buf, uint32_t size);

/* Every output channel of the chunk for `pixels` pixels: pixel p's
 * window of K4 bytes (a multiple of 4) at x + xstep p against the packed groups of
 * four channels at pk (nnom_local_conv_col_s8.c: biases, widened weights,
 * then mult, base, sh per channel), requantised with the fast form,
 * clamped to [lo, hi] when clamp, into out + oc p; the chunk's last group
 * has `tail` channels (1-4), or with blk is a block of 4 + tail (1-3): its
 * 4 + tail biases, per step 2 (4 + tail) weight words, then 3 (4 + tail)
 * requantisation words. The field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    const uint32_t *pk;
    int8_t *out;
    int32_t K4, groups, tail, pixels, oc, clamp;
    uint32_t lo4, hi4; /* lo, hi in every byte */
    int32_t xstep;     /* K4, or in.c for 1x1 read from the input */
    int32_t t1;        /* K % 4 == 1, K4 >= 8: the _t1 loops (C only) */
    int32_t blk;       /* the last group is the records' block of 4 + tail */
} nnom_col_job_t;
void nnom_conv_col_s8(const nnom_col_job_t *j);
#if NNOM_LOCAL_MAC_ASM
/* The same for one group of 1 (col1) or 2 (col2) channels: a chunk's last
 * group (nnom_local_mac_dsp.c). */
void nnom_conv_col1_s8(const nnom_col_job_t *j);
void nnom_conv_col2_s8(const nnom_col_job_t *j);
/* The three with windows of K % 4 == 1 values, K4 >= 8: the last step
 * multiplies its one value only. */
void nnom_conv_col_t1_s8(const nnom_col_job_t *j);
void nnom_conv_col1_t1_s8(const nnom_col_job_t *j);
void nnom_conv_col2_t1_s8(const nnom_col_job_t *j);
/* groups - 1 groups of four and a block of 4 + tail channels in one pass
 * (blk: the converter's records, nnom_local_pwblk_dsp.c), and with t1 */
void nnom_conv_col5_s8(const nnom_col_job_t *j);
void nnom_conv_col6_s8(const nnom_col_job_t *j);
void nnom_conv_col7_s8(const nnom_col_job_t *j);
void nnom_conv_col5_t1_s8(const nnom_col_job_t *j);
void nnom_conv_col6_t1_s8(const nnom_col_job_t *j);
void nnom_conv_col7_t1_s8(const nnom_col_job_t *j);
#endif

/* Every channel's requantisation has the fast form (nnom_rq_fast_ok();
 * the whole range: a bound of shift >= -17 once sent the layers with a
 * near-dead channel, whose multiplier is tiny, to the slow path).
 * Branch-free, as it runs for every channel of every call. */
NNOM_INLINE int nnom_rq_all_fast(const nnom_requant_t *rq, int32_t n)
{
    uint32_t bad = 0;
    for (int32_t c = 0; c < n; c++)
        bad |= nnom_rq_unfit(rq->mult[c], rq->shift[c]);
    return (bad >> 31) == 0;
}
#endif

#endif
