/*
 * nnom_local_dwone_dsp.c - depthwise layers of one output pixel whose
 * window holds the whole input (3x3 valid on 3x3, 3x3 at stride 2 on 2x2):
 * the taps over the input lie one pixel (C bytes) apart in memory, so the
 * layer is one window of in.h * in.w taps along a line, which the one-row
 * assembly loop runs for every group of four channels in one call. The
 * window and group paths spent ~100 instructions per group on its set-up,
 * copy and call for 36 MACs. Only with the converter's records
 * (nnom/ops/dwone_records.py: the taps over the input, row-major, in
 * nnom_local_dwcol.h's layout), which it writes only where this runs.
 * Channels not a multiple of four (at least NNOM_DW_ODD_GROUPED): a second
 * call for the overlapping last group. Five to nine taps on whole groups
 * have kernels of their own (the pairs unrolled a count, no job), which
 * DepthwiseConv2D's direct type DW_ONE_K calls on the arguments block.
 */
#include "nnom_local_dwone.h"
#include <stddef.h>
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM

/* (inline in nnom_dwone_try: the walk's course as before the direct
 * types, whose build-time asks call them) */
NNOM_INLINE int dwone_rule(const nnom_conv_args_t *a)
{
    const int32_t c = a->out.c, taps = a->in.h * a->in.w;
    if (a->records != NULL && (a->records[0] & 1))
        return 0; /* odd: nnom_dwone4_try's records (3 or 4 taps) */
    /* the window's reach first: it refuses most of the layers asked */
    return !(a->p.pad_top + a->in.h > a->k.h || a->p.pad_left + a->in.w > a->k.w ||
             a->records == NULL || a->out.h != 1 || a->out.w != 1 || a->ch_mult != 1 ||
             a->in.c != c || taps < 3 || taps > NNOM_DW_GROUP_MAX_TAPS || a->p.pad_top < 0 ||
             a->p.pad_left < 0 || a->p.dilation_h != 1 || a->p.dilation_w != 1 ||
             a->p.output_zp != -128 || a->p.act_min != -128 || a->p.act_max != 127 ||
             (c % 4 != 0 && nnom_dw_odd_flat(a)));
}

/* The layer on the block's records, in.c, in.h and in.w (its rule held) */
NNOM_INLINE void dwone_run(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    nnom_dwone_groups(x, out, b->records, b->in.c, b->in.h * b->in.w);
}

/* The block kernels read in.c, in.h, in.w and the records there. */
typedef char nnom_dwone_args_layout_t[offsetof(nnom_conv_args_t, in.c) == 48 &&
                                              offsetof(nnom_conv_args_t, records) == 108
                                          ? 1
                                          : -1];

/* One pair of taps at B (then r11 at the next pair), the four channels'
 * records at r0 (nnom_local_dwcol.h's layout) into the sums r4-r7; c r3. */
#define DWONEK_PAIR(B)                                                                             \
    "ldr    r8, [" B "]\n"                                                                        \
    "ldr    r9, [" B ", r3]\n"                                                                    \
    "add    r11, " B ", r3, lsl #1\n"                                                             \
    "pkhbt  r10, r8, r9, lsl #16\n"                                                               \
    "pkhtb  r9, r9, r8, asr #16\n"                                                                \
    "ldrd   r8, r12, [r0], #8\n"                                                                  \
    "sxtb16 lr, r10\n"                                                                            \
    "smlad  r4, lr, r8, r4\n"                                                                     \
    "sxtb16 lr, r10, ror #8\n"                                                                    \
    "smlad  r5, lr, r12, r5\n"                                                                    \
    "ldrd   r8, r12, [r0], #8\n"                                                                  \
    "sxtb16 lr, r9\n"                                                                             \
    "smlad  r6, lr, r8, r6\n"                                                                     \
    "sxtb16 lr, r9, ror #8\n"                                                                     \
    "smlad  r7, lr, r12, r7\n"
/* The last single tap at r11: (2 w0, 2 w2), (2 w1, 2 w3) */
#define DWONEK_ODD                                                                                 \
    "ldr    r8, [r11]\n"                                                                          \
    "ldrd   r9, r10, [r0], #8\n"                                                                  \
    "sxtb16 lr, r8\n"                                                                             \
    "smlabb r4, lr, r9, r4\n"                                                                     \
    "smlatt r6, lr, r9, r6\n"                                                                     \
    "sxtb16 lr, r8, ror #8\n"                                                                     \
    "smlabb r5, lr, r10, r5\n"                                                                    \
    "smlatt r7, lr, r10, r7\n"
/* Two lanes requantised (mult, ra, e each: out = ssat8(SMMLAR >> e)) */
#define DWONEK_RQ2(A, B) NNOM_DWCOL_RQ2_AT("r0", A, B)

/* NAME(block r0, x r1, out r2): one output of 2 PAIRS + ODD taps (pixels
 * c apart), channels a multiple of four, on the block's records (the
 * one-row loop's, nnom_dwcol_s8's one output a group) from HEAD's words
 * on: the pairs unrolled, no job, no computed entry. Stack: [0] the
 * outputs' end. */
#define DWONEK_FN(NAME, L, PAIRS, ODD, HEAD)                                                       \
    __asm__(NNOM_ASM_FUNC(NAME)                                                                  \
            "push   {r4-r11, lr}\n"                                                               \
            "ldr    r3, [r0, #48]\n"                                                              \
            "ldr    r0, [r0, #108]\n"                                                             \
            HEAD                                                                                   \
            "add    r4, r2, r3\n"                                                                 \
            "push   {r4}\n"                                                                       \
            L ":\n"                                                                               \
            "ldm    r0!, {r4-r7}\n"                                                               \
            DWONEK_PAIR("r1")                                                                     \
            ".rept " #PAIRS " - 1\n"                                                              \
            DWONEK_PAIR("r11")                                                                    \
            ".endr\n"                                                                             \
            ODD                                                                                   \
            DWONEK_RQ2("r4", "r5")                                                                \
            "bfi    r4, r5, #8, #8\n"                                                             \
            DWONEK_RQ2("r6", "r7")                                                                \
            "bfi    r4, r6, #16, #8\n"                                                            \
            "bfi    r4, r7, #24, #8\n"                                                            \
            "str    r4, [r2], #4\n"                                                               \
            "add    r1, r1, #4\n"                                                                 \
            "ldr    r8, [sp]\n"                                                                   \
            "cmp    r2, r8\n"                                                                     \
            "bne    " L "\n"                                                                      \
            "pop    {r4}\n"                                                                       \
            "pop    {r4-r11, pc}\n"                                                               \
            ".size " NAME ", .-" NAME "\n"                                                        \
            ".text\n");
DWONEK_FN("nnom_dwone_k5_s8", ".Ldwone_k5", 2, DWONEK_ODD, "")
DWONEK_FN("nnom_dwone_k6_s8", ".Ldwone_k6", 3, "", "")
DWONEK_FN("nnom_dwone_k7_s8", ".Ldwone_k7", 3, DWONEK_ODD, "")
DWONEK_FN("nnom_dwone_k8_s8", ".Ldwone_k8", 4, "", "")
DWONEK_FN("nnom_dwone_k9_s8", ".Ldwone_k9", 4, DWONEK_ODD, "")
/* Tag 43's lines of 11 taps ((3,3) s2 on 4x4) and 13 ((3,3) s3 on 5x5),
 * their records past the header's two words: DW_ONE_IN11's and
 * DW_ONE_IN13's direct types (the job's set-up less) */
DWONEK_FN("nnom_dwone_in11_b_s8", ".Ldwone_in11", 5, DWONEK_ODD, "adds   r0, r0, #8\n")
DWONEK_FN("nnom_dwone_in13_b_s8", ".Ldwone_in13", 6, DWONEK_ODD, "adds   r0, r0, #8\n")
typedef void nnom_dwone_k_fn(const nnom_conv_args_t *, const int8_t *, int8_t *);
nnom_dwone_k_fn nnom_dwone_k5_s8, nnom_dwone_k6_s8, nnom_dwone_k7_s8, nnom_dwone_k8_s8,
    nnom_dwone_k9_s8;

/* By taps - 5 */
static nnom_dwone_k_fn *const dwone_k[5] = {nnom_dwone_k5_s8, nnom_dwone_k6_s8, nnom_dwone_k7_s8,
                                            nnom_dwone_k8_s8, nnom_dwone_k9_s8};

int nnom_dwone_k_holds(const nnom_conv_args_t *a)
{
    const int32_t taps = a->in.h * a->in.w;
    return a->out.c % 4 == 0 && taps >= 5 && taps <= 9 && dwone_rule(a);
}

void nnom_dwone_k_b_s8(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    dwone_k[b->in.h * b->in.w - 5](b, x, out);
}

int nnom_dwone_holds(const nnom_conv_args_t *a)
{
    return dwone_rule(a);
}

void nnom_dwone_b_s8(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    dwone_run(b, x, out);
}

int nnom_dwone_try(const nnom_conv_args_t *a)
{
    if (!dwone_rule(a))
        return 0;
    dwone_run(a, a->input, a->output);
    return 1;
}

#else
typedef int nnom_local_dwone_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
