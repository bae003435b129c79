/*
 * nnom_local_dwcol.h - the assembly run of depthwise outputs along one row
 * of k taps, four channels (nnom_local_dwcol_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWCOL_H
#define NNOM_LOCAL_DWCOL_H

#include "nnom_local_simd.h"

/* Words of a group's records (sc: the scaled ones; every build: the
 * records' length check, nnom_local_records.c) */
NNOM_INLINE int32_t nnom_dwcol_words(int32_t k, int sc)
{
    return 4 + 4 * (k / 2) + 2 * (k & 1) + (sc ? 8 : 12);
}

/* The most taps of nnom_dwcol_long_s8's windows (even: its pairs) */
#define NNOM_DWCOL_LONG_TAPS 56

#if NNOM_LOCAL_MAC_ASM
/* n outputs of four channels, each the window of k taps at x + o * xp (taps
 * xs bytes apart), into out + o * op. rec holds the group's records, words:
 *   bias: 2 (bias - zp * sum(w)) per channel (raw inputs, doubled weights);
 *   per pair of taps (t, t + 1), per channel: (2 w_t, 2 w_t+1) halfwords;
 *   k odd: tap k - 1 as (2 w0, 2 w2), (2 w1, 2 w3) of channels 0 to 3;
 *   per channel: mult, ra, e with out = ssat8(SMMLAR(acc, mult, ra) >> e)
 *   (the depthwise group path's form without the s term and the clamp).
 * pairs = k / 2 (1 to NNOM_DW_GROUP_MAX_TAPS / 2), odd = k & 1. groups
 * groups of four channels (0 or 1: one) in one call: group g at x + 4 g,
 * out + 4 g, its records right after group g - 1's (one call instead of
 * one per group).
 * The field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    const int32_t *rec;
    int32_t n, xs, xp, op, pairs, odd, groups;
} nnom_dwcol_job_t;
void nnom_dwcol_s8(const nnom_dwcol_job_t *j);

/* The same on windows of NNOM_DW_GROUP_MAX_TAPS + 1 to NNOM_DWCOL_LONG_TAPS
 * taps (tag 43's longer lines, nnom_local_dwonein_dsp.c) */
void nnom_dwcol_long_s8(const nnom_dwcol_job_t *j);

/* The same job with the loops swapped: every group at one output, then
 * the next output (a group's step then costs an output's, ~8 instructions
 * against ~17). Windows of at most 2 NNOM_DWCOL_CM_PAIRS + 1 taps. */
#define NNOM_DWCOL_CM_PAIRS 8
void nnom_dwcol_cm_s8(const nnom_dwcol_job_t *j);

/* The converter's scaled records (nnom/ops/dwcol_scaled.py), first word
 * NNOM_DWCOL_SC_TAG (odd: the exact ones start with an even word), then
 * the groups' as above but the weights and bias scaled by 2^j a channel
 * and per channel mult and a rounding word, not mult, ra, e: out =
 * ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWCOL_SC_N), dwpair's form (4
 * instructions an output of four channels less). Only layers that
 * nnom_dw_line_try or nnom_dw_col_early take get them. */
#define NNOM_DWCOL_SC_TAG 11
#define NNOM_DWCOL_SC_N 12
/* The same records tagged NNOM_DWCOL_AL_TAG where the converter found the
 * layer nnom_dwcol_one_early's (nnom/ops/dwcol_scaled.py alone_takes():
 * unpadded, one or two channels past a multiple of four that go alone),
 * the tag followed by alone_head()'s words (the channels' loop, 0 to 23,
 * plus NNOM_DWCOL_AL_CM where the groups' is nnom_dwcol_cmsc_s8; the
 * lines, their steps lx and lo, the job's n to groups) and the groups' records
 * from word NNOM_DWCOL_AL_HEAD: the dispatcher's first run reads the tag
 * after nnom_dw_col_early_asks and keeps that course, so that no run
 * tests nor works out the layer's numbers. (9 is also the two-tap plan's
 * first word, NNOM_DWPAIR_PLAN: the two never meet, two taps there, 4 to
 * 9 here, and no other path takes records of first word 9.) */
#define NNOM_DWCOL_AL_TAG 9
#define NNOM_DWCOL_AL_HEAD 12
#define NNOM_DWCOL_AL_CM 32
void nnom_dwcol_sc_s8(const nnom_dwcol_job_t *j);
void nnom_dwcol_cmsc_s8(const nnom_dwcol_job_t *j);
/* nnom_dwcol_sc_s8 and after the whole groups the overlapping last one
 * (rest 1 to 3: channels 4 groups + rest - 4 on, its records after the
 * whole groups'), in the same call. */
void nnom_dwcol_sco_s8(const nnom_dwcol_job_t *j, int32_t rest);

/* The one-row loop's records, exact (even first word) or scaled */
NNOM_INLINE int nnom_dwcol_given(const int32_t *records)
{
    return (records[0] & 1) == 0 || records[0] == NNOM_DWCOL_SC_TAG;
}

/* Whether the one to three channels past a multiple of four go to the
 * tiny loops' lanes (else the overlapping last group, a group's cost an
 * output), for nnom_dw_col_early and nnom_dw_line_try: from 8, 18 or 54
 * outputs (rest 1, 2, 3). Their records are
 * mostly the scaled ones, whose overlapping group runs in the whole
 * groups' call and costs 4 less an output, so that one lane pays from 8
 * outputs, not dw_col_inside's 6 ((6,1) s2 18x1x13 valid, 7 outputs:
 * 2224 on a lane, 2132 on the group; (8,1) s1 13x1x13 valid, 6: 2318,
 * 2232; (4,1) s2 14x1x13 valid, 6: 1710, 1512). */
#define nnom_dwcol_lanes_pay(out, rest) ((out) * (4 - (rest)) >= 18 * (rest) + 6 * ((rest) == 1))

/* The job on the loop whose steps cost less: groups first where a line
 * has fewer outputs than groups; sc: the scaled records. */
NNOM_INLINE void nnom_dwcol_run(const nnom_dwcol_job_t *j, int sc)
{
    if (j->n < j->groups && j->pairs <= NNOM_DWCOL_CM_PAIRS)
        (sc ? nnom_dwcol_cmsc_s8 : nnom_dwcol_cm_s8)(j);
    else
        (sc ? nnom_dwcol_sc_s8 : nnom_dwcol_s8)(j);
}

/* A layer's lines (line l: x + l lx, out + l lo), every whole group of
 * j's, then where last the overlapping last group (channels oc - 4 on,
 * its records after the whole groups'); sc: the scaled records. Inlined
 * with sc a constant, so that each form's course compiles on its own
 * (the exact one as before the scaled form). */
NNOM_INLINE void nnom_dwcol_lines(nnom_dwcol_job_t *j, const int8_t *x, int8_t *out,
                                  int32_t lines, int32_t lx, int32_t lo, int32_t oc, int last,
                                  int sc)
{
    if (sc && last && j->n >= j->groups) { /* (not the swapped loop's) */
        /* the scaled loop's groups first: the overlapping group in the call */
        for (int32_t l = 0; l < lines; l++) {
            j->x = x + l * lx;
            j->out = out + l * lo;
            nnom_dwcol_sco_s8(j, oc & 3);
        }
        return;
    }
    for (int32_t l = 0; l < lines; l++) {
        j->x = x + l * lx;
        j->out = out + l * lo;
        nnom_dwcol_run(j, sc);
    }
    if (last) {
        j->rec += oc / 4 * nnom_dwcol_words(2 * j->pairs + j->odd, sc);
        j->groups = 1;
        for (int32_t l = 0; l < lines; l++) {
            j->x = x + l * lx + oc - 4;
            j->out = out + l * lo + oc - 4;
            (sc ? nnom_dwcol_sc_s8 : nnom_dwcol_s8)(j);
        }
    }
}

/* A layer of nnom_dw_col_early's or nnom_dw_line_try's with one or two
 * channels past a multiple of four (out.c = 4 g + 1, 4 g + 2) and the
 * scaled records: those channels alone on the overlapping last group's
 * records (lane 3, lanes 2 and 3), then the whole groups; ~15-25
 * instructions an output a channel where the group takes four channels'
 * ~52 (four taps) and a tiny lane ~430 of set-up; the windows' taps from
 * x (the input or the padded line's copy). 1 where it ran it, 0 where not
 * its layer (nothing written; nnom_local_dwcol1_dsp.c): 4 to 9 taps at
 * stride 1 or 2, one past where nnom_dwcol_one_pays, two where the
 * overlapping group was the course (nnom_dwcol_lanes_pay refused). */
int nnom_dwcol_one_lines(const nnom_conv_args_t *a, const int8_t *x);
/* The rule's cheap part, in nnom_dw_line_try before the call (a refusal
 * there costs ~28 and the caller's code ~10 more): one past, or two on
 * lines of fewer than 18 outputs (nnom_dwcol_lanes_pay's rest 2), the
 * larger of out.h and out.w (one line), and at most 9 taps (one row) */
NNOM_INLINE int nnom_dwcol_alone_asks(const nnom_conv_args_t *a)
{
    const int32_t rest = a->out.c & 3;
    return (rest == 1 || (rest == 2 && a->out.h < 18 && a->out.w < 18)) && a->k.h * a->k.w <= 9;
}
/* The same on the input of a layer whose records the converter tagged
 * NNOM_DWCOL_AL_TAG (its rule held, the geometry in the records' head) */
void nnom_dwcol_one_early(const nnom_conv_args_t *a);
/* The same on the config's block (its records alone) and the buffers */
nnom_status_t nnom_dwcol_one_direct(const nnom_conv_args_t *block,
                                    const int8_t *input, int8_t *output);
/* 1 when those records' head is the layer's own geometry (asked at the
 * first run, before the course is kept): a header whose records say other
 * lines, steps or loops is refused, never run outside its buffers. */
int nnom_dwcol_alone_holds(const nnom_conv_args_t *a);
/* Whether the one channel alone costs less than its tiny lane: the lane
 * costs less an output from ~4 taps on but ~400 more a layer (measured:
 * the crossing at ~120 outputs a line for 4 taps, ~37 for 6, ~46 for 8,
 * ~33 for 9), or the lane does not take a line of more than 128 entries
 * (TINY_LINE), where the overlapping group is the other course. */
#define nnom_dwcol_one_pays(out, k, s) ((out) * (k) <= 224 || ((out) - 1) * (s) + (k) + 1 > 128)

/* Assembly text the one-row loop and the flat loops (nnom_local_dw_flat_dsp.c)
 * share. One pair of taps, the words r8 (tap t) and r9 (tap t + 1), against
 * the next four records at r1 into the sums r4-r7 (r10, r12, lr scratch);
 * LANE3 is NNOM_DWCOL_PAIR_LANE3, or "" in a loop without lane 3 (which
 * skips its record by the post-increment). */
#define NNOM_DWCOL_PAIR_MACS(LANE3)                                                              \
    "pkhbt  r10, r8, r9, lsl #16\n"                                                              \
    "pkhtb  r9, r9, r8, asr #16\n"                                                               \
    "ldrd   r8, r12, [r1], #8\n"                                                                 \
    "sxtb16 lr, r10\n"                                                                           \
    "smlad  r4, lr, r8, r4\n"                                                                    \
    "sxtb16 lr, r10, ror #8\n"                                                                   \
    "smlad  r5, lr, r12, r5\n"                                                                   \
    "ldrd   r8, r12, [r1], #8\n"                                                                 \
    "sxtb16 lr, r9\n"                                                                            \
    "smlad  r6, lr, r8, r6\n"                                                                    \
    LANE3
#define NNOM_DWCOL_PAIR_LANE3                                                                    \
    "sxtb16 lr, r9, ror #8\n"                                                                    \
    "smlad  r7, lr, r12, r7\n"
/* Lane A requantised (its records at r1) into A. */
#define NNOM_DWCOL_RQ(A)                                                                         \
    "ldm    r1!, {r8-r10}\n"                                                                     \
    "smmlar " A ", " A ", r8, r9\n"                                                              \
    "asr    " A ", " A ", r10\n"                                                                 \
    "ssat   " A ", #8, " A "\n"
/* Two lanes A, B requantised by one LDM of their six record words at P
 * (mult, ra, e each; P moves past them): r8-r12 and lr are taken. */
#define NNOM_DWCOL_RQ2_AT(P, A, B)                                                               \
    "ldm    " P "!, {r8-r12, lr}\n"                                                              \
    "smmlar " A ", " A ", r8, r9\n"                                                              \
    "asr    " A ", " A ", r10\n"                                                                 \
    "ssat   " A ", #8, " A "\n"                                                                  \
    "smmlar " B ", " B ", r11, r12\n"                                                            \
    "asr    " B ", " B ", lr\n"                                                                  \
    "ssat   " B ", #8, " B "\n"
/* The four lanes r4..r7 requantised (records at r1) and packed into r4. */
#define NNOM_DWCOL_RQ4                                                                           \
    NNOM_DWCOL_RQ("r4")                                                                          \
    NNOM_DWCOL_RQ("r5")                                                                          \
    "bfi    r4, r5, #8, #8\n"                                                                    \
    NNOM_DWCOL_RQ("r6")                                                                          \
    "bfi    r4, r6, #16, #8\n"                                                                   \
    NNOM_DWCOL_RQ("r7")                                                                          \
    "bfi    r4, r7, #24, #8\n"
#endif

#endif
