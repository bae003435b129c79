/*
 * nnom_local_dwpair.h - the assembly run of depthwise outputs along one row
 * of two taps, four channels, four outputs per pass
 * (nnom_local_dwpair_dsp.c, -O2 on DSP cores).
 */
#ifndef NNOM_LOCAL_DWPAIR_H
#define NNOM_LOCAL_DWPAIR_H

#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM
/* The converter's records (nnom/ops/dwpair_records.py): a word 1 (odd;
 * the one-row loop's start with an even word), then per group of four
 * channels, per channel four words (NNOM_DWPAIR_REC):
 *   (w0 2^j, w1 2^j) halfwords, (bias - zp (w0 + w1)) 2^j, mult,
 *   ((2 zp_out + 1) 2^e + 1) 2^(j - 2),  e = -shift, j = NNOM_DWPAIR_N + 1 - e
 * so that out = ssat8(SMMLA(acc, mult, that) >> NNOM_DWPAIR_N): the
 * requantisation of the depthwise group path (no s term, no clamp) with
 * its shift moved into the weights (e from NNOM_DWPAIR_N - 7 to
 * NNOM_DWPAIR_N - 1; a channel outside that range gets words of the same
 * shape fitted by nnom/ops/rq_fit.py, exact on every sum it can reach).
 * Where a channel has neither the first word is 5 and that channel's four
 * words are 0: its group runs in C, the others in the loop (no records
 * where no channel suits). */
#define NNOM_DWPAIR_N 12
#define NNOM_DWPAIR_REC 4
/* First word NNOM_DWPAIR_PLAN: as 1, then after the channels' words the
 * grid the converter laid out (nnom/ops/dwpair_plan.py): a head of
 * NNOM_DWPAIR_PLAN_HEAD words (words 10, 11: the input's and output's
 * sizes it was laid out for; 12: the records' length in words, the first
 * one included), per set NNOM_DWPAIR_PLAN_SET (k, then nnom_dwpair_set_t's
 * fields with offsets for pointers); at most NNOM_DWPAIR_PLAN_SETS sets. */
#define NNOM_DWPAIR_PLAN 9
#define NNOM_DWPAIR_PLAN_HEAD 13
#define NNOM_DWPAIR_PLAN_SET 13
#define NNOM_DWPAIR_PLAN_SETS 96

/* A run of n >= 1 outputs of four channels, output o the taps at x + o xp
 * and x + o xp + xs into out + o op, in the assembly's terms (see
 * dwpair_run()). */
typedef struct {
    int8_t *out;
    int32_t op, op2, op3;
    const int8_t *x;
    int32_t xs, a, b; /* xs; xp, xp + xs (stride 1: 2 xs, 3 xs) */
    int8_t *end;      /* the end of the full passes' outputs (out + (n & ~3) op) */
    int32_t rest, xp, s1; /* n & 3; xp; xp == xs */
} nnom_dwpair_run_t;

/* groups >= 1 groups of four channels: per group the run (none where run
 * is NULL) on each of
 * lines >= 1 lines (line l: x l lx + 4 g and out l lo + 4 g bytes on),
 * against the records rec + 16 g words; then, where edge_x is not NULL,
 * for each of edge_lines outputs e and each group one output of the taps
 * at edge_x + e edge_lx + 4 g and zero points (zp4: in each byte; where
 * edge_xs is not 0, the input edge_xs bytes after the first tap) into
 * edge_out + e edge_lo + 4 g. */
typedef struct {
    const int32_t *rec;
    const nnom_dwpair_run_t *run;
    int32_t lines, lx, lo;
    const int8_t *edge_x;
    int8_t *edge_out;
    int32_t groups;
    uint32_t zp4;
    int32_t edge_lines, edge_lx, edge_lo;
    int32_t edge_xs; /* 0: the second tap is padding; else its offset */
} nnom_dwpair_layer_t;
void nnom_dwpair_s8(const nnom_dwpair_layer_t *l);

/* A set of k = 1 to 4 places (outputs) across groups (+ back: the
 * overlapping last group, back channels before the end; 0: none): out the
 * first place's output, od the others' offsets from it, end = out + 4
 * groups; x the first place's first tap, x2 = x + the second tap's offset,
 * d the others' offsets from x + 4; rec the first group's records
 * (nnom_local_dwpairset_dsp.c). k = 4 + 2 to 4 + 4: 2 to 4 places along
 * a line at stride 1 (place i's taps at x + i xs, x + (i + 1) xs, d[i - 1]
 * = (i + 1) xs - 4: each input word read once). k 16 (plans only:
 * nnom/ops/dwpair_plan.py's ONE_PAIRS_K, on 4+ groups): as k 1, two
 * groups a pass (one loop test for both: 29 a group rather than 30). */
typedef struct {
    int8_t *out;
    int32_t od[3];
    int8_t *end;
    const int8_t *x, *x2;
    int32_t d[3];
    const int32_t *rec;
    int32_t back;
} nnom_dwpair_set_t;
void nnom_dwpair_set_s8(const nnom_dwpair_set_t *s, int32_t k);
/* The n >= 1 sets of a plan (n the head's first word, the sets after
 * the head), as nnom_dwpair_set_s8 would run them (out and end offsets
 * from output, x and x2 from input, rec from rec), in one call; k 5: one
 * border output, its second tap padding (d[0] the input zero point in
 * each byte); k 9: as k 6 where od[0] = xs (two places along a line, no
 * per-group set words); k 10: as k 2 where the places are 2 xs and the
 * outputs xs apart; k 12, 13: k 9's, k 10's pairs walked along the line
 * (back 0; x2 the last pair's x after its groups, d[0] the pairs' input
 * step less 4 groups, d[1] 4 groups); k 14, 15: k 12, 13 with the one
 * channel past the groups (the lane) of each pair after its groups.
 * Returns 1. */
int nnom_dwpair_plan_s8(const int32_t *head, int8_t *output, const int8_t *input,
                        const int32_t *rec);
/* k 17 (nnom/ops/dwpair_plan.py's THREE_K): k 16 on three record words a
 * channel (weights, mult, bias: SMLAD accumulates the mult word, SMMLA adds
 * the bias word; dwpair_records.py's three_words, after the plan; the
 * overlapping group's channels again after the last group's). A plan
 * of that one set alone (head word 8 NNOM_DWPAIR_THREE_ALONE) runs by
 * nnom_dwpair_three_s8(its set words, ...) without the plan's frames. */
#define NNOM_DWPAIR_THREE_ALONE (-3)
int nnom_dwpair_three_s8(const int32_t *set, int8_t *output, const int8_t *input,
                         const int32_t *rec);

/* Every place of a grid, four at a time: lines >= 1 (lx, lo bytes apart)
 * of n >= 1 places (sx, so apart) from x, out; the second tap xs after
 * the first; groups >= 1 full groups, back as above. */
typedef struct {
    const int32_t *rec;
    int32_t back, groups;
    const int8_t *x;
    int8_t *out;
    int32_t lines, lx, lo, n, sx, so, xs;
} nnom_dwpair_grid_t;
void nnom_dwpair_grid(const nnom_dwpair_grid_t *g);

/* A layer of a (2, 1) or (1, 2) kernel with the converter's records
 * (multiplier 1, channels a multiple of four or at least
 * NNOM_DW_ODD_GROUPED: then a second call for the overlapping last group,
 * nnom_local_dw_odd.h; the taps' axis not dilated,
 * no padding but at the end of the taps' axis ('same': one border output
 * per line), output zero point -128, no clamp): every group and line in
 * one call of nnom_dwpair_s8. 0 where it does not suit: nothing written
 * (the group path then runs the layer, without the records). */
int nnom_dwpair_try(const nnom_conv_args_t *a);
/* A plan's head h against the layer's arguments and every set's reach
 * inside the input, the output and the records (nnom_local_dwpair_holds.c):
 * 1 where the plan may run. */
int nnom_dwpair_plan_holds(const nnom_conv_args_t *a, const int32_t *h);
/* nnom_dwpair_try() on a layer it took at the first run on the same
 * arguments (dw_kept): a plan, checked then, not again. */
int nnom_dwpair_kept(const nnom_conv_args_t *a);
#endif

#endif
