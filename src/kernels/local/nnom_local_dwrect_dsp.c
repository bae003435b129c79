/*
 * nnom_local_dwrect_dsp.c - depthwise 2D windows of any (kh, kw), four
 * channels at a time (-O2 on DSP cores; see nnom_local_dwrect.h).
 *
 * The group path's 2D loops (dw_ink) take a window row by row, a pair of
 * taps per step inside a row: rows of an odd count of taps leave one tap
 * alone, rows of two taps are one step between loop tests, and per output
 * the row loop's set-up weighs as much as the taps ((2,2) 7.4, (2,4) 6.1,
 * (3,2) 6.9 instructions per MAC). Here all kh * kw taps of a window are
 * one list, taken in pairs across the rows: each pair's record holds the
 * two taps' byte offsets from the window's first tap, then the one-row
 * loop's pair of taps runs (nnom_local_dwcol.h: PKH pairs the two input
 * words, SXTB16 widens one channel's halfword pair, SMLAD against the
 * records' weight pair), 15 instructions for 8 MACs; an odd count ends
 * with a zero tap. Per output of four channels 24 instructions besides
 * the pairs (bias, requantisation, store, the loop) where every channel
 * of the group has e from 5 to 11 (the scaled records, rect_records), 28
 * in the one-row loop's form, 37 with the s term and the clamp (the group
 * path's exact form, for layers whose activation needs them). Lines go
 * along the axis of more outputs (across the only axis with border outputs
 * where one has them and the other not); the outputs whose window lies inside
 * the input run on the input in one call per group;
 * the border ones (padding) on copies of the rows their windows reach,
 * the input zero point outside the input (which the records' bias takes
 * off like any input), per border band (left, right, top, bottom) in as
 * few calls as the copy holds. Channels not a multiple of four: the last
 * group overlaps the one before it (nnom_dw_odd_next()); three channels:
 * one group whose fourth lane has zero weights, every output on copies
 * (rect_narrow: on the input a lane would read past the input's end and
 * a store would reach the next pixel).
 */
#include "nnom_local_dwrect.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#define RECT_TAPS NNOM_DW_GROUP_MAX_TAPS
/* Words of the border windows' copies, on the stack. */
#define RECT_COPY 256
/* Words of the whole padded plane's copy (rect_plane; its own frame, as
 * large as the window loop's: nnom_local_dwwin.h) */
#define RECT_PLANE 576
/* Words of a group's records: the bias; per pair of taps their two
 * offsets and per channel the two taps' weights; per channel mult, ra, e
 * (mult, ra' where scaled). */
#define RECT_REC (4 + 6 * ((RECT_TAPS + 1) / 2) + 12)
/* Cells of outputs in rect_cells: the inside and up to eight border
 * ones. */
#define RECT_CELLS 9
/* Words of the outputs of fewer than four channels before they are
 * stored (rect_narrow). */
#define RECT_OUT 64

/* n outputs along a line (x xp bytes apart, out op), lines lines (xl, ol
 * bytes apart), every output the window of 2 pairs taps at the records'
 * offsets from its first tap. Field offsets are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    const int32_t *rec;
    int32_t n, lines, xp, op, xl, ol, pairs;
    uint32_t lo4, hi4; /* act_min, act_max in each byte (the exact loop's clamp) */
} nnom_dwrect_job_t;

/* The _groups loops' job: j, then the groups after the first and their x
 * and records steps in bytes (their outputs 4 bytes apart). */
typedef struct {
    nnom_dwrect_job_t j;
    int32_t more, xg, rg;
} nnom_dwrect_groups_t;

typedef char nnom_dwrect_job_layout_t[offsetof(nnom_dwrect_job_t, rec) == 8 &&
                                              offsetof(nnom_dwrect_job_t, pairs) == 36 &&
                                              offsetof(nnom_dwrect_job_t, lo4) == 40 &&
                                              offsetof(nnom_dwrect_groups_t, more) == 48
                                          ? 1
                                          : -1];

/* The one-row loop's requantisation (records: mult, ra, e per channel),
 * and the scaled one (mult, ra' per channel; see rect_records). */
void nnom_dwrect_s8(const nnom_dwrect_job_t *j);
void nnom_dwrect_s8_scaled(const nnom_dwrect_job_t *j);
/* The one-row loop's records with the s term and the clamp (the group
 * path's exact form: any output zero point and activation bounds). */
void nnom_dwrect_s8_exact(const nnom_dwrect_job_t *j);
/* The same three on lanes 2 and 3 alone (the records as the four lanes'),
 * their two bytes stored at out + 2: the last group of a layer whose
 * channels are one or two past a multiple of four, which overlaps the one
 * before it (9 instructions a pair of taps, not 15; 7 for the scaled
 * requantisation, not 13). */
void nnom_dwrect2_s8(const nnom_dwrect_job_t *j);
void nnom_dwrect2_s8_scaled(const nnom_dwrect_job_t *j);
void nnom_dwrect2_s8_exact(const nnom_dwrect_job_t *j);
/* The six with the first pair's taps side by side, offsets 0 and 4 (every
 * copy's: rect_offsets' pu 4): one LDRD, not the offsets' LDRD and two
 * LDR (2 instructions an output less). */
void nnom_dwrect_s8_adj(const nnom_dwrect_job_t *j);
void nnom_dwrect_s8_scaled_adj(const nnom_dwrect_job_t *j);
void nnom_dwrect_s8_exact_adj(const nnom_dwrect_job_t *j);
void nnom_dwrect2_s8_adj(const nnom_dwrect_job_t *j);
void nnom_dwrect2_s8_scaled_adj(const nnom_dwrect_job_t *j);
void nnom_dwrect2_s8_exact_adj(const nnom_dwrect_job_t *j);
/* The first three _adj on j->more + 1 groups of four channels in one call
 * (a joint copy's planes: ~24 instructions a group less than a call each). */
void nnom_dwrect_s8_adj_groups(const nnom_dwrect_groups_t *j);
void nnom_dwrect_s8_scaled_adj_groups(const nnom_dwrect_groups_t *j);
void nnom_dwrect_s8_exact_adj_groups(const nnom_dwrect_groups_t *j);
/* The first two on tag 27's records r of two pairs of taps (the (2,2)
 * windows) and every group of them, x the first group's plane (or the
 * input), out the output: the job read from r's header in place, no
 * computed entry (~35 instructions a call and 1 an output less). */
void nnom_dwrect_s8_adj_groups2(const void *x, int8_t *out, const int32_t *r);
void nnom_dwrect_s8_scaled_adj_groups2(const void *x, int8_t *out, const int32_t *r);
typedef void (*rect_loop_t)(const nnom_dwrect_job_t *j);


/* Lane A requantised by its scaled records M (mult), R (ra'): the sum was scaled by
 * 2^(13 - e), so that the whole division is 2^44 (SMMLA, no rounding: it
 * is in ra') and SSAT's shift is fixed. */
#define DWRECT_RQ_SCALED(A, M, R)                                                               \
    "smmla  " A ", " A ", " M ", " R "\n"                                                       \
    "ssat   " A ", #8, " A ", asr #12\n"
/* Lanes A and B, their four words at r1 in one LDM (two instructions an
 * output less than an LDRD a lane). */
#define DWRECT_RQ_SCALED2(A, B)                                                                 \
    "ldm    r1!, {r8-r10, r12}\n"                                                               \
    DWRECT_RQ_SCALED(A, "r8", "r9")                                                             \
    DWRECT_RQ_SCALED(B, "r10", "r12")

/* Lane A requantised with the s term (ra - 1 where the sum is negative). */
#define DWRECT_RQ_SIGN(A)                                                                       \
    "ldm    r1!, {r8-r10}\n"                                                                     \
    "add    r9, r9, " A ", asr #31\n"                                                            \
    "smmlar " A ", " A ", r8, r9\n"                                                              \
    "asr    " A ", " A ", r10\n"                                                                 \
    "ssat   " A ", #8, " A "\n"

/* The packed bytes of A clamped to [lo4, hi4] (the exact form). */
#define DWRECT_CLAMP(A)                                                                         \
    "ldrd   r8, r9, [sp, #36]\n"                                                                 \
    "ssub8  r10, " A ", r8\n" /* max(v, lo) */                                                  \
    "sel    " A ", " A ", r8\n"                                                                 \
    "ssub8  r10, r9, " A "\n" /* min(v, hi) */                                                  \
    "sel    " A ", " A ", r9\n"

/* A pair of taps on lanes 2 and 3 alone: the two taps' words r8 (first)
 * and r9 packed into one of their upper halves, the weights at r1. */
#define DWRECT_PAIR_LANES23                                                                     \
    "pkhtb  r9, r9, r8, asr #16\n"                                                              \
    "ldrd   r8, r12, [r1], #8\n"                                                                \
    "sxtb16 lr, r9\n"                                                                           \
    "smlad  r6, lr, r8, r6\n"                                                                   \
    "sxtb16 lr, r9, ror #8\n"                                                                   \
    "smlad  r7, lr, r12, r7\n"

/* DWRECT name, form (0 the one-row loop's requantisation, 1 the scaled
 * one, 2 the exact one and the clamp), lanes (4, or 2: lanes 2 and 3
 * only, a pair's record read past lanes 0 and 1): r0 the window's first tap, r1 the records, r2 the
 * output, r3 op, r4-r7 the sums, r11 the outputs left in the line;
 * r8-r10, r12, lr scratch. Stack: [0] records, [4] xp (both in one LDRD
 * an output), [8] the pairs' entry, [12] n, [16] lines left, [20] xl - n xp,
 * [24] ol - n op (a line's end to the next line's start), [36] lo4,
 * [40] hi4. The pairs (60 bytes each, 36 on two lanes) are entered at the
 * layer's count of them before their end (LDR to the pc). */
__asm__(".macro DWRECT name, form, lanes, adj, groups=0, hdr=0\n"
        ".section .text.\\name,\"ax\",%progbits\n"
        ".global \\name\n"
        ".type \\name, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "\\name:\n"
        "push   {r4-r11, lr}\n"
        ".if \\hdr\n"
        /* (x, out, tag 27's records r): the job from r's header in place,
         * two pairs (P27_GROUP_WORDS(2) words a group, its records from
         * r's word 20 on) */
        "sub    sp, sp, #64\n"
        "ldr    r8, [r2, #8]\n" /* groups (more + 1: the test's beq) */
        "ldr    r9, [r2, #24]\n" /* the plane's words */
        "lsl    r9, r9, #2\n" /* xg; rg 116, an immediate */
        "strd   r8, r9, [sp, #44]\n"
        "mov    r4, r0\n"
        "mov    r5, r1\n"
        "add    r6, r2, #80\n"
        "add    lr, r2, #40\n"
        "ldm    lr, {r7-r12}\n" /* n, lines, xp, op, xl, ol */
        ".elseif \\groups\n"
        "sub    sp, sp, #64\n"
        "add    r8, r0, #48\n"
        "ldm    r8, {r8, r9, r10}\n" /* more, xg, rg */
        "add    r11, sp, #44\n"
        "stm    r11, {r8, r9, r10}\n"
        ".else\n"
        "sub    sp, sp, #48\n"
        ".endif\n"
        ".if \\hdr == 0\n"
        "ldrd   r8, r9, [r0, #40]\n"
        "strd   r8, r9, [sp, #36]\n"
        "ldr    lr, [r0, #36]\n"
        "ldm    r0, {r4-r12}\n" /* x, out, rec, n, lines, xp, op, xl, ol */
        ".endif\n"
        "str    r6, [sp]\n"
        "str    r9, [sp, #4]\n"
        "strd   r7, r8, [sp, #12]\n"
        ".if \\groups\n"
        "str    r8, [sp, #56]\n" /* each group's lines */
        ".endif\n"
        "mls    r11, r7, r9, r11\n" /* the line steps from a line's end: */
        "mls    r12, r7, r10, r12\n" /* xl - n xp, ol - n op */
        "strd   r11, r12, [sp, #20]\n"
        "sub    r4, r4, r9\n" /* each output adds xp first */
        ".if \\groups\n"
        "strd   r4, r5, [sp, #28]\n" /* the group's first window less xp, output */
        ".endif\n"
        "mov    r3, r10\n"
        ".if \\lanes == 4\n"
        ".set   .Ldwrect_pair, 60\n"
        ".else\n"
        ".set   .Ldwrect_pair, 36\n"
        ".endif\n"
        ".if \\hdr\n"
        ".set   .Ldwrect_reps, 1\n" /* the head's pair and one: no computed entry */
        ".else\n"
        ".set   .Ldwrect_reps, (" NNOM_STR(RECT_TAPS) " + 1) / 2\n"
        "adr.w  r8, 3f\n"
        "mov    r9, #.Ldwrect_pair\n"
        ".if \\adj\n"
        "sub    lr, lr, #1\n" /* the first pair is the head's */
        ".endif\n"
        "mls    r8, lr, r9, r8\n"
        "orr    r8, r8, #1\n"
        "str    r8, [sp, #8]\n"
        ".endif\n"
        "mov    r0, r4\n"
        "mov    r2, r5\n"
        "mov    r11, r7\n"
        "2:\n"
        "ldrd   r1, r8, [sp]\n"
        "add    r0, r0, r8\n"
        ".if \\adj\n"
        /* the first pair's taps side by side (a copy's row): one LDRD; the
         * bias's LDM steps over their offsets (and, on two lanes, lanes 0
         * and 1's weights) */
        ".if \\lanes == 4\n"
        "ldm    r1!, {r4-r9}\n"
        "ldrd   r8, r9, [r0]\n"
        NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3)
        ".else\n"
        "ldm    r1!, {r4-r10, r12}\n"
        "ldrd   r8, r9, [r0]\n"
        DWRECT_PAIR_LANES23
        ".endif\n"
        ".else\n"
        "ldm    r1!, {r4-r7}\n"
        ".endif\n"
        ".if \\hdr == 0\n"
        "ldr.w  pc, [sp, #8]\n"
        ".endif\n"
        "4:\n"
        ".rept  .Ldwrect_reps\n"
        ".if \\lanes == 4\n"
        "ldrd   r8, r9, [r1], #8\n"
        "ldr.w  r8, [r0, r8]\n"
        "ldr.w  r9, [r0, r9]\n"
        NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3)
        ".else\n"
        "ldrd   r8, r9, [r1], #16\n" /* the offsets; past lanes 0 and 1 */
        "ldr.w  r8, [r0, r8]\n"
        "ldr.w  r9, [r0, r9]\n"
        DWRECT_PAIR_LANES23
        ".endif\n"
        ".endr\n"
        "3:\n"
        ".if 3b - 4b != .Ldwrect_reps * .Ldwrect_pair\n"
        ".error \"nnom_dwrect_s8: a pair of taps is not its size\"\n"
        ".endif\n"
        ".if \\lanes == 2\n"
        ".if \\form == 1\n"
        "add    r1, r1, #16\n"
        DWRECT_RQ_SCALED2("r6", "r7")
        ".elseif \\form == 2\n"
        "add    r1, r1, #24\n"
        DWRECT_RQ_SIGN("r6")
        DWRECT_RQ_SIGN("r7")
        ".else\n"
        "add    r1, r1, #24\n"
        NNOM_DWCOL_RQ("r6")
        NNOM_DWCOL_RQ("r7")
        ".endif\n"
        "bfi    r6, r7, #8, #8\n"
        ".if \\form == 2\n"
        DWRECT_CLAMP("r6")
        ".endif\n"
        "strh   r6, [r2, #2]\n"
        ".else\n"
        ".if \\form == 1\n"
        DWRECT_RQ_SCALED2("r4", "r5")
        "bfi    r4, r5, #8, #8\n"
        DWRECT_RQ_SCALED2("r6", "r7")
        "bfi    r4, r6, #16, #8\n"
        "bfi    r4, r7, #24, #8\n"
        ".elseif \\form == 2\n"
        DWRECT_RQ_SIGN("r4")
        DWRECT_RQ_SIGN("r5")
        "bfi    r4, r5, #8, #8\n"
        DWRECT_RQ_SIGN("r6")
        "bfi    r4, r6, #16, #8\n"
        DWRECT_RQ_SIGN("r7")
        "bfi    r4, r7, #24, #8\n"
        DWRECT_CLAMP("r4")
        ".else\n"
        NNOM_DWCOL_RQ4
        ".endif\n"
        "str    r4, [r2]\n"
        ".endif\n"
        "add    r2, r2, r3\n"
        "subs   r11, r11, #1\n"
        "bne    2b\n"
        /* the lines left first: a call's last line ends in 3 */
        "ldrd   r11, r8, [sp, #12]\n" /* the next line's n, the lines left */
        "subs   r8, r8, #1\n"
        "beq    5f\n"
        "str    r8, [sp, #16]\n"
        "ldrd   r8, r9, [sp, #20]\n"
        "add    r0, r0, r8\n" /* the line's end to the next one's start */
        "add    r2, r2, r9\n"
        "b      2b\n"
        "5:\n"
        ".if \\groups\n"
        "ldr    r8, [sp, #44]\n"
        "subs   r8, r8, #1\n"
        ".if \\hdr\n"
        "beq    6f\n"
        ".else\n"
        "bmi    6f\n"
        ".endif\n"
        "str    r8, [sp, #44]\n"
        "ldrd   r0, r2, [sp, #28]\n"
        "ldrd   r8, r9, [sp, #48]\n" /* xg, rg */
        "add    r0, r0, r8\n"
        "add    r2, r2, #4\n"
        "strd   r0, r2, [sp, #28]\n"
        "ldr    r1, [sp]\n"
        ".if \\hdr\n"
        "add    r1, r1, #116\n"
        ".else\n"
        "add    r1, r1, r9\n"
        ".endif\n"
        "str    r1, [sp]\n"
        "ldr    r8, [sp, #56]\n"
        "str    r8, [sp, #16]\n"
        "ldr    r11, [sp, #12]\n"
        "b      2b\n"
        "6:\n"
        "add    sp, sp, #64\n"
        ".else\n"
        "add    sp, sp, #48\n"
        ".endif\n"
        "pop    {r4-r11, pc}\n"
        ".size \\name, .-\\name\n"
        ".endm\n"
        "DWRECT nnom_dwrect_s8, 0, 4, 0\n"
        "DWRECT nnom_dwrect_s8_scaled, 1, 4, 0\n"
        "DWRECT nnom_dwrect_s8_exact, 2, 4, 0\n"
        "DWRECT nnom_dwrect2_s8, 0, 2, 0\n"
        "DWRECT nnom_dwrect2_s8_scaled, 1, 2, 0\n"
        "DWRECT nnom_dwrect2_s8_exact, 2, 2, 0\n"
        "DWRECT nnom_dwrect_s8_adj, 0, 4, 1\n"
        "DWRECT nnom_dwrect_s8_scaled_adj, 1, 4, 1\n"
        "DWRECT nnom_dwrect_s8_exact_adj, 2, 4, 1\n"
        "DWRECT nnom_dwrect2_s8_adj, 0, 2, 1\n"
        "DWRECT nnom_dwrect2_s8_scaled_adj, 1, 2, 1\n"
        "DWRECT nnom_dwrect2_s8_exact_adj, 2, 2, 1\n"
        "DWRECT nnom_dwrect_s8_adj_groups, 0, 4, 1, 1\n"
        "DWRECT nnom_dwrect_s8_scaled_adj_groups, 1, 4, 1, 1\n"
        "DWRECT nnom_dwrect_s8_exact_adj_groups, 2, 4, 1, 1\n"
        "DWRECT nnom_dwrect_s8_adj_groups2, 0, 4, 1, 1, 1\n"
        "DWRECT nnom_dwrect_s8_scaled_adj_groups2, 1, 4, 1, 1, 1\n"
        ".purgem DWRECT\n"
        ".text\n");

/* The loop of group c of ch channels: the exact form, the scaled one (the
 * records' form 2) or the one-row loop's; on lanes 2 and 3 alone where
 * the group is the last, overlapping the one before it by two or three
 * channels ((2,2) s2 26x20x10 valid: 51 instructions an output there, 33
 * here). */
static const rect_loop_t rect_loops[2][6] = {
    {nnom_dwrect_s8, nnom_dwrect_s8_scaled, nnom_dwrect_s8_exact, nnom_dwrect2_s8,
     nnom_dwrect2_s8_scaled, nnom_dwrect2_s8_exact},
    {nnom_dwrect_s8_adj, nnom_dwrect_s8_scaled_adj, nnom_dwrect_s8_exact_adj, nnom_dwrect2_s8_adj,
     nnom_dwrect2_s8_scaled_adj, nnom_dwrect2_s8_exact_adj}};

static rect_loop_t rect_loop(int exact, int form, int two, int adj)
{
    return rect_loops[adj][3 * two + (exact ? 2 : form == 2)];
}

/* The twin of loop whose first pair's taps are side by side (the plane's
 * for the kernel's own records: rect_own keeps main's arguments and code,
 * which an argument more or a flag in exact made ~17 instructions a group
 * slower, (5,5) s2 7x25x54 valid +0.26%). */
static rect_loop_t rect_adj(rect_loop_t loop)
{
    for (int i = 0; i < 6; i++)
        if (rect_loops[0][i] == loop)
            return rect_loops[1][i];
    return loop;
}

/* The group (index) that runs on two lanes among ch channels' groups, -1
 * none: the last where ch is one or two past a multiple of four. */
static int32_t rect_two(int32_t ch)
{
    return (ch & 3) == 1 || (ch & 3) == 2 ? (ch + 3) / 4 - 1 : -1;
}

/* One axis of the window. */
typedef struct {
    int32_t in, k, s, pad, out;
    int32_t xb, ob, wb; /* input, output bytes per pixel; weight bytes per tap */
    int32_t lo, hi;     /* outputs [lo, hi): windows inside the input */
} rect_axis_t;

static void rect_axis(rect_axis_t *x, int32_t in, int32_t k, int32_t s, int32_t pad, int32_t out)
{
    x->in = in;
    x->k = k;
    x->s = s;
    x->pad = pad;
    x->out = out;
    int32_t lo = (pad + s - 1) / s, hi = in - k + pad;
    lo = lo < out ? lo : out;
    hi = hi < 0 ? 0 : hi / s + 1;
    x->lo = lo;
    x->hi = hi < lo ? lo : (hi < out ? hi : out);
}

/* Group c's records (the offsets are set by rect_offsets, and kept from
 * group to group): the
 * bias, per pair of taps (an odd count's last pair with a zero tap) two
 * offsets and per channel the two taps' weights, per channel the
 * requantisation. Scaled (returns 2) where every channel's e is 5 to 11:
 * weights and bias times 2^(13 - e) (at most 2^8: 128 2^8 fits a
 * halfword), and out = SSAT8(SMMLA(acc, mult, ra') >> 12) with ra' =
 * (2 zp + 1) 2^11 + 2^(11 - e), the same bytes as the one-row loop's
 * form (returns 1: doubled weights, nnom_local_dwcol.h); 0 where a
 * channel suits neither. Lanes from lanes on (fewer than four
 * channels) have zero weights and bias and channel c's requantisation. */
NNOM_FORCE_INLINE int rect_records(const nnom_conv_args_t *a, const rect_axis_t *u, const rect_axis_t *v,
                        int32_t c, int exact, int32_t lanes, int32_t *rec)
{
    const int32_t taps = u->k * v->k;
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1);
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(taps * 255 * 128) - 1u;
    const uint32_t reach8 = (uint32_t)1 << 22; /* |bias| for the scaled form */
    uint32_t bad = 0, unscaled = 0; /* sign set: a channel out of the form's range */
    int32_t j[4], sum[4] = {0, 0, 0, 0};
    int32_t ci[4], bias[4];
    for (int i = 0; i < 4; i++) {
        ci[i] = c + (i < lanes ? i : 0);
        bias[i] = i < lanes ? a->bias[ci[i]] : 0;
    }
    for (int i = 0; i < 4; i++) {
        const uint32_t b = (uint32_t)bias[i];
        const uint32_t x = (uint32_t)-2 - (uint32_t)a->rq.shift[ci[i]]; /* e - 2: 0 to 21 */
        bad |= nnom_rq_unfit(a->rq.mult[ci[i]], a->rq.shift[ci[i]]) | (reach - b) | (reach + b);
        unscaled |= (x - 3u) | (6u - (x - 3u)) | (reach8 - b) | (reach8 + b);
    }
    if (bad >> 31)
        return 0;
    const int scaled = !exact && (unscaled >> 31) == 0;
    for (int i = 0; i < 4; i++)
        j[i] = scaled ? 13 + a->rq.shift[ci[i]] : 1; /* 13 - e */
    int32_t *p = rec + 4;
    const int8_t *row = a->weight + c, *wt = row; /* tap (iu, iv): its row, its weights */
    for (int32_t t = 0, iu = 0; t < taps; t += 2, p += 6) {
        const int8_t *wa = wt, *wb = NULL;
        for (int k = 0; k < 2 && t + k + 1 < taps; k++) { /* to the next tap */
            if (++iu == u->k) {
                iu = 0;
                wt = row += v->wb;
            } else {
                wt += u->wb;
            }
            if (k == 0)
                wb = wt;
        }
        for (int i = 0; i < 4; i++) {
            const int32_t ta = i < lanes ? wa[i] : 0, b = wb != NULL && i < lanes ? wb[i] : 0;
            p[2 + i] = (int32_t)(((uint32_t)(ta * (1 << j[i])) & 0xFFFFu) |
                                 ((uint32_t)(b * (1 << j[i])) << 16));
            sum[i] += ta + b;
        }
    }
    for (int i = 0; i < 4; i++) {
        const int32_t e = -a->rq.shift[ci[i]];
        rec[i] = (int32_t)((uint32_t)(bias[i] - a->p.input_zp * sum[i]) << j[i]);
        p[0] = a->rq.mult[ci[i]];
        if (scaled) {
            p[1] = (int32_t)((zp2 << 11) + (1u << (11 - e)));
            p += 2;
        } else {
            p[1] = (int32_t)(zp2 << (e - 1));
            p[2] = e;
            p += 3;
        }
    }
    return 1 + scaled;
}

/* The records' tap offsets for taps pu bytes apart along u, rows pv. */
static void rect_offsets(int32_t *rec, int32_t ku, int32_t taps, int32_t pu, int32_t pv)
{
    for (int32_t t = 0, iv = 0; iv < taps / ku; iv++)
        for (int32_t iu = 0; iu < ku; iu++, t++)
            rec[4 + 6 * (t >> 1) + (t & 1)] = iu * pu + iv * pv;
    if (taps & 1) /* the zero tap: at the window's first */
        rec[4 + 6 * (taps >> 1) + 1] = 0;
}

/* rect_offsets' words on the plane (taps 4 bytes apart along u, rows pv),
 * tap after tap without the slot's index arithmetic: ~6 instructions a
 * tap, not ~11 ((3,2) s2 9x9x8 same: 4,811 -> 4,769 on the mean of two) */
static void rect_plane_offsets(int32_t *rec, int32_t ku, int32_t taps, int32_t pv)
{
    int32_t *p = rec + 4, iu = ku, row = 0, off = 0;
    for (int32_t n = taps >> 1; n > 0; n--, p += 6)
        for (int k = 0; k < 2; k++) {
            p[k] = off;
            off = --iu != 0 ? off + 4 : (iu = ku, row += pv);
        }
    if (taps & 1) { /* the zero tap: at the window's first */
        p[0] = off;
        p[1] = 0;
    }
}

/* A pixel of fewer than four channels, zeros above. */
static uint32_t rect_pixel(const int8_t *p, int32_t lanes)
{
    uint32_t v = 0;
    for (int32_t i = 0; i < lanes; i++)
        v |= (uint32_t)(uint8_t)p[i] << (8 * i);
    return v;
}

/* The windows of outputs from o0 along u (e words a row) of n lines from
 * l0 into buf: per line v->k rows, the input zero point outside the
 * input; of fewer than four channels (lanes: their weights are zero, so
 * the next pixel's bytes do no harm) a word from each pixel but where it
 * would read past the input's end (stop), a pixel's bytes there. */
NNOM_FORCE_INLINE void rect_copy(const rect_axis_t *u, const rect_axis_t *v, const int8_t *x, int32_t o0,
                      int32_t e, int32_t l0, int32_t n, uint32_t zp4, int32_t lanes,
                      const int8_t *stop, uint32_t *buf)
{
    /* (locals: the stores to buf could alias the axes' fields) */
    const int32_t u0 = o0 * u->s - u->pad, xb = u->xb, vin = v->in, vxb = v->xb, kv = v->k;
    int32_t j0 = -u0, j1 = u->in - u0; /* the words [j0, j1) inside the input */
    j0 = j0 < 0 ? 0 : (j0 > e ? e : j0);
    j1 = j1 < j0 ? j0 : (j1 > e ? e : j1);
    const int8_t *first = j1 > j0 ? x + (u0 + j0) * xb : x;
    for (int32_t m = 0, y0 = l0 * v->s - v->pad; m < n; m++, y0 += v->s)
        for (int32_t y = y0; y < y0 + kv; y++, buf += e) {
            uint32_t *d = buf, *const end = buf + e;
            if (y >= 0 && y < vin) {
                const int8_t *src = first + y * vxb;
                uint32_t *const in0 = buf + j0, *const in1 = buf + j1;
                while (d != in0)
                    *d++ = zp4;
                if (lanes == 4)
                    for (; d != in1; src += xb)
                        *d++ = nnom_read4(src);
                else
                    for (; d != in1; src += xb)
                        *d++ = src + 4 <= stop ? nnom_read4(src) : rect_pixel(src, lanes);
            }
            while (d != end)
                *d++ = zp4;
        }
}

/* Fewer than four channels (three: nnom_dwrect_try): one group whose
 * lanes from a->in.c on have zero weights, every output on copies (a pixel's bytes in a word) in chunks
 * of outputs along u whose rows fit the copy, the outputs into obuf and
 * from there the layer's channels into the output. */
static NNOM_NOINLINE int rect_narrow(const nnom_conv_args_t *a, const rect_axis_t *u,
                                     const rect_axis_t *v, int exact)
{
    const int32_t ch = a->in.c, taps = u->k * v->k, ob = u->ob;
    const int8_t *const end = a->input + a->in.h * a->in.w * ch;
    int32_t most = (RECT_COPY / v->k - u->k) / u->s + 1; /* outputs a chunk */
    if (RECT_COPY / v->k < u->k)
        return 0;
    most = most < RECT_OUT ? most : RECT_OUT;
    int32_t rec[RECT_REC];
    uint32_t buf[RECT_COPY], obuf[RECT_OUT];
    const int form = rect_records(a, u, v, 0, exact, ch, rec);
    if (form == 0)
        return 0;
    /* on copies: the first pair's taps side by side (rect_offsets' pu 4) */
    const rect_loop_t loop = rect_loop(exact, form, 0, 1);
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    for (int32_t o0 = 0; o0 < u->out; o0 += most) {
        const int32_t n = u->out - o0 < most ? u->out - o0 : most, e = (n - 1) * u->s + u->k;
        int32_t cap = RECT_COPY / (v->k * e);
        cap = cap < RECT_OUT / n ? cap : RECT_OUT / n;
        rect_offsets(rec, u->k, taps, 4, 4 * e);
        nnom_dwrect_job_t j = {(const int8_t *)buf,
                               (int8_t *)obuf,
                               rec,
                               n,
                               0,
                               4 * u->s,
                               4,
                               4 * v->k * e,
                               4 * n,
                               (taps + 1) / 2,
                               ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                               ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u};
        for (int32_t l = 0; l < v->out; l += cap) {
            j.lines = v->out - l < cap ? v->out - l : cap;
            rect_copy(u, v, a->input, o0, e, l, j.lines, zp4, 3, end, buf);
            loop(&j);
            const uint32_t *w = obuf;
            for (int32_t m = 0; m < j.lines; m++) {
                int8_t *out = a->output + (l + m) * v->ob + o0 * u->ob;
                const uint32_t *const last = w + n;
                if (ch == 1)
                    for (; w != last; out += ob)
                        out[0] = (int8_t)*w++;
                else
                    for (; w != last; out += ob, w++) {
                        out[0] = (int8_t)*w;
                        out[1] = (int8_t)(*w >> 8);
                        if (ch == 3)
                            out[2] = (int8_t)(*w >> 16);
                    }
            }
        }
    }
    return 1;
}

/* rect_take's pairs with this bit: the loops of the first pair side by
 * side (the plane's), not an argument more (on the stack it cost the band
 * copies' group loop ~60 instructions a group: 7x7 s2 24x24x32 same
 * +0.08%). */
#define RECT_ADJ 256

/* The converter's records (nnom/ops/dwrect_records.py) where their header
 * matches the layer, else NULL: [tag, taps, groups, exact, down + 2 plane]
 * (plane: rect_groups' choice made at conversion, RECT_GIVEN_PLANE). */
#define RECT_TAG NNOM_DWRECT_TAG
/* Words of a group's converter records: the form, four bias terms, four
 * per pair of taps, twelve of requantisation. */
#define RECT_GIVEN_WORDS(pairs) (17 + 4 * (pairs))
/* The header's down word's bit: the plane (dwrect_records.PLANE). */
#define RECT_GIVEN_PLANE 2
static const int32_t *rect_given(const nnom_conv_args_t *a, int32_t taps, int exact, int down)
{
    const int32_t *r = a->records;
    const int32_t groups = (a->in.c + 3) / 4; /* nnom_dw_odd_next()'s: the last overlaps */
    return r != NULL && r[0] == RECT_TAG && r[1] == taps && r[2] == groups && r[3] == exact &&
                   (r[4] & ~RECT_GIVEN_PLANE) == down
               ? r + 5
               : NULL;
}

/* A group's converter records at w (the bias on) into rec: the bias,
 * per pair of taps its four weight words (the offsets' two kept), the
 * twelve of requantisation, by LDM/STM (~16 instructions on two pairs,
 * the C copies' ~60). */
void nnom_dwrect_take(int32_t *rec, const int32_t *w, int32_t pairs);

__asm__(NNOM_ASM_FUNC("nnom_dwrect_take")
        "push   {r4-r11, lr}\n"
        "ldm    r1!, {r3-r6}\n"
        "stm    r0!, {r3-r6}\n"
        "1:\n"
        "ldm    r1!, {r3-r6}\n"
        "adds   r0, r0, #8\n"
        "stm    r0!, {r3-r6}\n"
        "subs   r2, r2, #1\n"
        "bne    1b\n"
        "ldm    r1, {r1-r12}\n"
        "stm    r0, {r1-r12}\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwrect_take, .-nnom_dwrect_take\n"
        ".text\n");

/* Group g's records from the converter's (the taps' offsets in rec kept)
 * and the loop that runs them (group two on two lanes: rect_two()); NULL
 * where their form (rect_records()'s) is neither 1 nor 2, or not the
 * exact layer's; pairs with RECT_ADJ: the plane's loops. */
static rect_loop_t rect_take(const int32_t *given, int32_t pairs, int32_t g, int32_t *rec,
                             int32_t two)
{
    const int adj = pairs >> 8; /* RECT_ADJ */
    pairs &= RECT_ADJ - 1;
    const int32_t *w = given + g * RECT_GIVEN_WORDS(pairs);
    const int form = w[0];
    nnom_dwrect_take(rec, w + 1, pairs);
    const int exact = given[-2]; /* the header's (rect_given checked it) */
    if ((form != 1 && form != 2) || (exact && form != 1))
        return NULL;
    return rect_loop(exact, form, g == two, adj);
}

/* Group c's own records (rect_records on four lanes) and the loop that
 * runs them, NULL where no form fits. Out of line, as rect_take: one copy
 * for rect_plane, rect_bands and rect_cells, whose group loops keep their
 * registers (with the records' build and win7's loop choice inlined
 * there the tap loop spilled: 7x7 s2 24x24x32 same +0.53%, (5,5) s2
 * 13x29x11 valid +0.66%). */
static NNOM_NOINLINE rect_loop_t rect_own(const nnom_conv_args_t *a, const rect_axis_t *u,
                                          const rect_axis_t *v, int32_t c, int exact,
                                          int32_t *rec)
{
    const int form = rect_records(a, u, v, c, exact, 4, rec);
    if (form == 0 || (exact && form != 1))
        return NULL;
    return rect_loop(exact, form, c + 4 == a->in.c && rect_two(a->in.c) >= 0, 0);
}

/* nv rows of nu words (pw bytes apart in d) from the input's pixels xu
 * bytes apart along a row, rows xv apart, as rect_rows_job() sets them
 * once a layer (the entries are code addresses). Field offsets are the
 * assembly's. */
typedef struct {
    uint32_t *d;
    const int8_t *x;
    int32_t xu, xu3;
    int32_t steps;           /* nu / 8 */
    uintptr_t entry, tail;   /* the steps' or the tail's; the tail's */
    int32_t xstep, dstep, nv; /* from a row's end to the next row's start */
} nnom_dwrect_rows_t;

typedef char nnom_dwrect_rows_layout_t[offsetof(nnom_dwrect_rows_t, nv) == 36 ? 1 : -1];

/* Eight words a step (LDR at four register offsets from two bases, one
 * STM: 12 instructions), the row's last nu % 8 in one straight block of
 * its own (entered by its index, not tested word by word): ~36
 * instructions a row of 15 words, the C loop's ~85 ((2,2) s2 15x9x121
 * same copies 9 such rows a group of four channels). */
void nnom_dwrect_rows(const nnom_dwrect_rows_t *r);
/* Its eight-word steps and its tails (64 bytes each, by nu % 8). */
void nnom_dwrect_rows_step(void);
void nnom_dwrect_rows_tails(void);

/* r0 d, r1 x, r2 xu, r3 3 xu, r4-r11 the words, r12 the step's second
 * base, lr the steps left. Stack: [0] steps a row, [4] the row's entry,
 * [8] the tail, [12] x's step, [16] d's, [20] rows left. */
__asm__(NNOM_ASM_FUNC("nnom_dwrect_rows")
        "push   {r4-r11, lr}\n"
        "ldm    r0, {r0-r9}\n"
        "push   {r4-r9}\n"
        "1:\n"
        "ldr    lr, [sp]\n"
        "ldr    pc, [sp, #4]\n"
        ".p2align 2\n"
        NNOM_ASM_ENTRY("nnom_dwrect_rows_step")
        "2:\n"
        "add    r12, r1, r2, lsl #2\n"
        "ldr    r4, [r1]\n"
        "ldr    r5, [r1, r2]\n"
        "ldr    r6, [r1, r2, lsl #1]\n"
        "ldr    r7, [r1, r3]\n"
        "ldr    r8, [r12]\n"
        "ldr    r9, [r12, r2]\n"
        "ldr    r10, [r12, r2, lsl #1]\n"
        "ldr    r11, [r12, r3]\n"
        "add    r1, r12, r2, lsl #2\n"
        "stmia  r0!, {r4-r11}\n"
        "subs   lr, lr, #1\n"
        "bne    2b\n"
        "ldr    pc, [sp, #8]\n"
        ".p2align 6\n"
        NNOM_ASM_ENTRY("nnom_dwrect_rows_tails")
        ".irp   t, 0, 1, 2, 3, 4, 5, 6, 7\n"
        ".p2align 6\n"
        ".if \\t & 4\n"
        "ldr    r4, [r1]\n"
        "ldr    r5, [r1, r2]\n"
        "ldr    r6, [r1, r2, lsl #1]\n"
        "ldr    r7, [r1, r3]\n"
        "add    r1, r1, r2, lsl #2\n"
        "stmia  r0!, {r4-r7}\n"
        ".endif\n"
        ".if \\t & 2\n"
        "ldr    r4, [r1]\n"
        "ldr    r5, [r1, r2]\n"
        "add    r1, r1, r2, lsl #1\n"
        "stmia  r0!, {r4, r5}\n"
        ".endif\n"
        ".if \\t & 1\n"
        "ldr    r4, [r1]\n"
        "add    r1, r1, r2\n"
        "str    r4, [r0], #4\n"
        ".endif\n"
        "b.w    3f\n"
        ".endr\n"
        "3:\n"
        "ldrd   r4, r5, [sp, #12]\n"
        "add    r1, r1, r4\n"
        "add    r0, r0, r5\n"
        "ldr    r4, [sp, #20]\n"
        "subs   r4, r4, #1\n"
        "str    r4, [sp, #20]\n"
        "bne    1b\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwrect_rows, .-nnom_dwrect_rows\n"
        ".text\n");

/* The copy's job for rows of nu words into d, pw words apart. */
static nnom_dwrect_rows_t rect_rows_job(uint32_t *d, int32_t pw, int32_t xu, int32_t xv,
                                        int32_t nu, int32_t nv)
{
    const uintptr_t tail = (uintptr_t)nnom_dwrect_rows_tails + 64u * (uint32_t)(nu & 7);
    const nnom_dwrect_rows_t r = {d,
                                  NULL,
                                  xu,
                                  3 * xu,
                                  nu >> 3,
                                  nu >= 8 ? (uintptr_t)nnom_dwrect_rows_step : tail,
                                  tail,
                                  xv - nu * xu,
                                  4 * (pw - nu),
                                  nv};
    return r;
}

/* The plane's words but the nv rows of nu from in on (pw apart), which
 * every group's copy writes before its loop reads: the zero point. The
 * whole plane cost 3 a word ((2,2) s2 33x9x12 same: 340 words, ~1,020 of
 * its 16,668); the border alone ~8 a row. in NULL: the whole plane. */
static void rect_border(uint32_t *buf, int32_t words, const uint32_t *in, int32_t pw,
                        int32_t nu, int32_t nv, uint32_t zp4)
{
    uint32_t *p = buf, *const end = buf + words;
    if (in != NULL && nv > 0) {
        /* up to the first inside row, then between rows by counts: the
         * compare with each row's start cost ~17 a row on one word */
        for (int32_t n = (int32_t)(in - buf); n > 0; n--)
            *p++ = zp4;
        p += nu;
        for (const int32_t gap = pw - nu; --nv > 0; p += nu)
            for (int32_t n = gap; n > 0; n--)
                *p++ = zp4;
    }
    while (p < end)
        *p++ = zp4;
}

/* Four channels or more on the whole padded plane, pw x ph words, of
 * which nu x nv from the input (rect_groups chose it): the border set to
 * the zero point once, the inside copied per group, every output of the
 * group in one call. */
static NNOM_NOINLINE int rect_plane(const nnom_conv_args_t *a, const rect_axis_t *u,
                                    const rect_axis_t *v, int exact, const int32_t *given,
                                    int32_t pw, int32_t ph, int32_t nu, int32_t nv)
{
    const int32_t ch = a->in.c, taps = u->k * v->k;
    int32_t rec[RECT_REC];
    uint32_t buf[RECT_PLANE];
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    rect_border(buf, pw * ph, nv > 0 && nu > 0 ? buf + v->pad * pw + u->pad : NULL, pw, nu, nv,
                zp4);
    nnom_dwrect_job_t j = {(const int8_t *)buf,
                           NULL,
                           rec,
                           u->out,
                           v->out,
                           4 * u->s,
                           u->ob,
                           4 * v->s * pw,
                           v->ob,
                           (taps + 1) / 2,
                           ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                           ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u};
    rect_plane_offsets(rec, u->k, taps, 4 * pw);
    nnom_dwrect_rows_t rows = rect_rows_job(buf + v->pad * pw + u->pad, pw, u->xb, v->xb, nu, nv);
    const int32_t two = rect_two(ch);
    for (int32_t c = 0, g = 0; c < ch; c = nnom_dw_odd_next(c, ch), g++) {
        const rect_loop_t loop = given != NULL
                                     ? rect_take(given, (taps + 1) / 2 | RECT_ADJ, g, rec, two)
                                     : rect_adj(rect_own(a, u, v, c, exact, rec));
        if (loop == NULL)
            return 0; /* the fallback rewrites the groups before c too */
        rows.x = a->input + c;
        if (nu > 0 && nv > 0)
            nnom_dwrect_rows(&rows);
        j.out = a->output + c;
        loop(&j);
    }
    return 1;
}

/* Four channels or more: the inside on the input, the border bands
 * (run[1..4], rect_groups') on copies of the rows their windows reach. */
static NNOM_NOINLINE int rect_bands(const nnom_conv_args_t *a, const rect_axis_t *u,
                                    const rect_axis_t *v, int exact, const int32_t *given,
                                    const int32_t run[5][4])
{
    const int32_t ch = a->in.c, taps = u->k * v->k;
    int32_t rec[RECT_REC];
    uint32_t buf[RECT_COPY];
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    const int8_t *const end = a->input + a->in.h * a->in.w * ch;
    int32_t pu = 0, pv = 0; /* the records' offsets: none yet */
    /* the bands with outputs, and the inside's job but for its input and
     * output, found once: the same for every group (per group ~85
     * instructions less: (3,3) s2 17x4x113 valid, 29 groups of 8 outputs) */
    int live[5], nb = 0;
    for (int r = 0; r < 5; r++)
        if (run[r][1] > run[r][0] && run[r][3] > run[r][2])
            live[nb++] = r;
    nnom_dwrect_job_t inside = {NULL,
                                NULL,
                                rec,
                                run[0][1] - run[0][0],
                                run[0][3] - run[0][2],
                                u->s * u->xb,
                                u->ob,
                                v->s * v->xb,
                                v->ob,
                                (taps + 1) / 2,
                                ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                                ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u};
    /* the bands' job: n, x, xp, xl, lines and out their own (the loops
     * only read a job: both kept from group to group, not copied a band) */
    nnom_dwrect_job_t band = inside;
    const int32_t in_x = (run[0][2] * v->s - v->pad) * v->xb + (run[0][0] * u->s - u->pad) * u->xb;
    const int32_t in_out = run[0][2] * v->ob + run[0][0] * u->ob;
    const int32_t two = rect_two(ch);
    for (int32_t c = 0, g = 0; c < ch; c = nnom_dw_odd_next(c, ch), g++) {
        const rect_loop_t loop = given != NULL ? rect_take(given, (taps + 1) / 2, g, rec, two)
                                               : rect_own(a, u, v, c, exact, rec);
        if (loop == NULL)
            return 0; /* the fallback rewrites the groups before c too */
        const int8_t *x = a->input + c;
        for (int b = 0; b < nb; b++) {
            const int r = live[b];
            if (r == 0) { /* on the input */
                inside.x = x + in_x;
                inside.out = a->output + c + in_out;
                if (pu != u->xb || pv != v->xb)
                    rect_offsets(rec, u->k, taps, pu = u->xb, pv = v->xb);
                loop(&inside);
                continue;
            }
            const int32_t o0 = run[r][0], o1 = run[r][1], l0 = run[r][2], l1 = run[r][3];
            nnom_dwrect_job_t *const j = &band; /* on the band's copy */
            j->n = o1 - o0;
            const int32_t e = (o1 - o0 - 1) * u->s + u->k, cap = RECT_COPY / (v->k * e);
            if (pu != 4 || pv != 4 * e)
                rect_offsets(rec, u->k, taps, pu = 4, pv = 4 * e);
            j->x = (const int8_t *)buf;
            j->xp = 4 * u->s;
            j->xl = 4 * v->k * e;
            for (int32_t l = l0; l < l1; l += cap) {
                j->lines = l1 - l < cap ? l1 - l : cap;
                j->out = a->output + c + l * v->ob + o0 * u->ob;
                rect_copy(u, v, x, o0, e, l, j->lines, zp4, 4, end, buf);
                loop(j);
            }
        }
    }
    return 1;
}

/* The classes of outputs along an axis: each border output alone (its
 * window's padded taps are its own), the inside as one; [o0, o1) pairs
 * into cls, their count returned. */
static int rect_classes(const rect_axis_t *x, int32_t cls[][2])
{
    int n = 0;
    for (int32_t o = 0; o < x->lo; o++, n++)
        cls[n][0] = o, cls[n][1] = o + 1;
    if (x->hi > x->lo)
        cls[n][0] = x->lo, cls[n][1] = x->hi, n++;
    for (int32_t o = x->hi; o < x->out; o++, n++)
        cls[n][0] = o, cls[n][1] = o + 1;
    return n;
}

/* Whether tap i of output o's window along x lies outside the input. */
static int rect_out(const rect_axis_t *x, int32_t o, int32_t i)
{
    const int32_t p = o * x->s - x->pad + i;
    return p < 0 || p >= x->in;
}

/* Whether every window along x has a tap inside the input (rect_fold's
 * redirect target): 'same' and 'valid' always. */
static int rect_cell_axis(const rect_axis_t *x)
{
    return x->pad >= 0 && x->pad < x->k && (x->out - 1) * x->s - x->pad < x->in;
}

/* A border cell's padded taps (their indices; an odd count's zero tap
 * is tap 0's place) and an inside tap of its window, found once a layer. */
typedef struct {
    int32_t o0, o1, l0, l1; /* outputs [o0, o1) of lines [l0, l1) */
    int32_t in;             /* an inside tap's index, -1: the inside cell */
    int32_t n;              /* padded taps */
    uint8_t t[RECT_TAPS + 1];
} rect_cell_t;

static void rect_cell(const rect_axis_t *u, const rect_axis_t *v, rect_cell_t *k)
{
    const int32_t taps = u->k * v->k, pairs = (taps + 1) / 2;
    k->n = 0;
    k->in = -1;
    for (int32_t t = 0; t < 2 * pairs; t++) {
        const int32_t iu = t < taps ? t % u->k : 0, iv = t < taps ? t / u->k : 0;
        if (rect_out(u, k->o0, iu) || rect_out(v, k->l0, iv))
            k->t[k->n++] = (uint8_t)t;
        else if (k->in < 0)
            k->in = t;
    }
}

/* Cell k's records from the group's records rec (words of them) into
 * cell: each padded tap's weights zeroed and their input zero point times
 * them moved into the bias (the sum is the same 32-bit word as on a copy
 * holding the zero point there: exact), its offset that of an inside tap
 * of the window, so that the loop runs on the input and reads it alone. */
static void rect_fold(const rect_cell_t *k, int32_t zp, const int32_t *rec, int32_t words,
                      int32_t *cell)
{
    memcpy(cell, rec, (size_t)words * sizeof(int32_t));
    const int32_t in = rec[4 + 6 * (k->in >> 1) + (k->in & 1)];
    uint32_t b0 = (uint32_t)cell[0], b1 = (uint32_t)cell[1], b2 = (uint32_t)cell[2],
             b3 = (uint32_t)cell[3];
    for (int32_t m = 0; m < k->n; m++) {
        const int32_t t = k->t[m];
        int32_t *const p = cell + 4 + 6 * (t >> 1);
        p[t & 1] = in;
        const uint32_t w0 = (uint32_t)p[2], w1 = (uint32_t)p[3], w2 = (uint32_t)p[4],
                       w3 = (uint32_t)p[5];
        if (t & 1) { /* the high halfwords */
            b0 += (uint32_t)(zp * ((int32_t)w0 >> 16));
            b1 += (uint32_t)(zp * ((int32_t)w1 >> 16));
            b2 += (uint32_t)(zp * ((int32_t)w2 >> 16));
            b3 += (uint32_t)(zp * ((int32_t)w3 >> 16));
            p[2] = (int32_t)(w0 & 0xFFFFu);
            p[3] = (int32_t)(w1 & 0xFFFFu);
            p[4] = (int32_t)(w2 & 0xFFFFu);
            p[5] = (int32_t)(w3 & 0xFFFFu);
        } else {
            b0 += (uint32_t)(zp * (int32_t)(int16_t)w0);
            b1 += (uint32_t)(zp * (int32_t)(int16_t)w1);
            b2 += (uint32_t)(zp * (int32_t)(int16_t)w2);
            b3 += (uint32_t)(zp * (int32_t)(int16_t)w3);
            p[2] = (int32_t)(w0 & 0xFFFF0000u);
            p[3] = (int32_t)(w1 & 0xFFFF0000u);
            p[4] = (int32_t)(w2 & 0xFFFF0000u);
            p[5] = (int32_t)(w3 & 0xFFFF0000u);
        }
    }
    cell[0] = (int32_t)b0;
    cell[1] = (int32_t)b1;
    cell[2] = (int32_t)b2;
    cell[3] = (int32_t)b3;
}

/* Four channels or more whose border outputs are few cells of one output
 * along an axis (rect_groups chose it): every output on the input, the
 * inside with the group's records, each border cell with its own
 * (rect_fold): no copies ((2,3) s2 30x17x13 same: two one-line bands of
 * 90 words a group on copies). */
static NNOM_NOINLINE int rect_cells(const nnom_conv_args_t *a, const rect_axis_t *u,
                                    const rect_axis_t *v, int exact, const int32_t *given)
{
    const int32_t ch = a->in.c, taps = u->k * v->k, pairs = (taps + 1) / 2;
    const int32_t words = 4 + 6 * pairs + 12;
    int32_t rec[RECT_REC], cell[RECT_REC], cu[RECT_CELLS][2], cv[RECT_CELLS][2];
    rect_cell_t cells[RECT_CELLS];
    const int nu = rect_classes(u, cu), nv = rect_classes(v, cv);
    int nc = 0;
    for (int iv = 0; iv < nv; iv++)
        for (int iu = 0; iu < nu; iu++, nc++) {
            rect_cell_t *const k = &cells[nc];
            k->o0 = cu[iu][0];
            k->o1 = cu[iu][1];
            k->l0 = cv[iv][0];
            k->l1 = cv[iv][1];
            rect_cell(u, v, k);
            if (k->n > 0 && k->in < 0)
                return 0; /* no inside tap (rect_cell_axis rules it out) */
        }
    nnom_dwrect_job_t j = {NULL,
                           NULL,
                           rec,
                           0,
                           0,
                           u->s * u->xb,
                           u->ob,
                           v->s * v->xb,
                           v->ob,
                           pairs,
                           ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                           ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u};
    rect_offsets(rec, u->k, taps, u->xb, v->xb);
    const int32_t two = rect_two(ch);
    for (int32_t c = 0, g = 0; c < ch; c = nnom_dw_odd_next(c, ch), g++) {
        const rect_loop_t loop = given != NULL ? rect_take(given, pairs, g, rec, two)
                                               : rect_own(a, u, v, c, exact, rec);
        if (loop == NULL)
            return 0; /* the fallback rewrites the groups before c too */
        for (int m = 0; m < nc; m++) {
            const rect_cell_t *const k = &cells[m];
            if (k->n > 0)
                rect_fold(k, a->p.input_zp, rec, words, cell);
            j.rec = k->n > 0 ? cell : rec;
            j.n = k->o1 - k->o0;
            j.lines = k->l1 - k->l0;
            /* the window's first tap, outside the input in a top or left
             * cell: an address the loop only adds offsets to */
            j.x = (const int8_t *)((uintptr_t)(a->input + c) +
                                   (uintptr_t)((k->o0 * u->s - u->pad) * u->xb +
                                               (k->l0 * v->s - v->pad) * v->xb));
            j.out = a->output + c + k->o0 * u->ob + k->l0 * v->ob;
            loop(&j);
        }
    }
    return 1;
}

/* The plane where the converter's header names it (rect_groups' choice
 * made at conversion); where it does not fit its copy (a hostile header)
 * nothing is written: 0, the fallback paths run the layer. */
static NNOM_NOINLINE int rect_given_plane(const nnom_conv_args_t *a, const rect_axis_t *u,
                                          const rect_axis_t *v, int exact, const int32_t *given)
{
    const int32_t span_u = (u->out - 1) * u->s + u->k, span_v = (v->out - 1) * v->s + v->k;
    int32_t nu = span_u - u->pad < u->in ? span_u - u->pad : u->in;
    int32_t nv = span_v - v->pad < v->in ? span_v - v->pad : v->in;
    nu = nu < 0 ? 0 : nu;
    nv = nv < 0 ? 0 : nv;
    if (span_u * span_v > RECT_PLANE || u->pad < 0 || v->pad < 0)
        return 0;
    return rect_plane(a, u, v, exact, given, span_u, span_v, nu, nv);
}

/* Four channels or more, a group at a time (the last one overlapping the
 * one before it where ch is not a multiple of four). */
static NNOM_NOINLINE int rect_groups(const nnom_conv_args_t *a, const rect_axis_t *u,
                                     const rect_axis_t *v, int exact, const int32_t *given,
                                     int five)
{
    const int32_t ch = a->in.c, taps = u->k * v->k;
    /* outputs [o0, o1) of lines [l0, l1): the inside, then the borders
     * left, right, top, bottom */
    const int32_t run[5][4] = {{u->lo, u->hi, v->lo, v->hi},
                               {0, u->lo, v->lo, v->hi},
                               {u->hi, u->out, v->lo, v->hi},
                               {0, u->out, 0, v->lo},
                               {0, u->out, v->hi, v->out}};
    /* the padded plane the windows reach, span_u x span_v words, nu x nv
     * of them from the input, against the bands' copies (their words and
     * per band the job, the copy's set-up and the offsets rewritten: ~14 +
     * taps words' worth): where the plane fits its copy and its inside
     * is at most four times the bands' words (a band's word costs ~10
     * instructions with the per-line set-up, the plane's ~2.5 by
     * nnom_dwrect_rows, and the plane's loop 2 an output less: branch
     * rect3; twice for 5x5, which leaves bands to the group path), or a
     * band's rows are wider than the bands' copy, the border is set to the
     * zero point once and each group copies the inside and runs in one
     * call ((5,4) s2 5x12x128 same: bands of 180 words a group, the inside
     * 60; (2,2) s2 21x21x48 same: 441 against 120, 4.34 -> 3.78) */
    const int32_t span_u = (u->out - 1) * u->s + u->k, span_v = (v->out - 1) * v->s + v->k;
    int32_t band_words = 0, wide = 0; /* wide: a band's rows over the copy */
    for (int r = 1; r < 5; r++)
        if (run[r][1] > run[r][0] && run[r][3] > run[r][2]) {
            const int32_t e = (run[r][1] - run[r][0] - 1) * u->s + u->k;
            band_words += (run[r][3] - run[r][2]) * v->k * e + 14 + taps;
            wide |= v->k * e > RECT_COPY;
        }
    int32_t nu = span_u - u->pad < u->in ? span_u - u->pad : u->in;
    int32_t nv = span_v - v->pad < v->in ? span_v - v->pad : v->in;
    nu = nu < 0 ? 0 : nu;
    nv = nv < 0 ? 0 : nv;
    const int plane = band_words > 0 && span_u * span_v <= RECT_PLANE && u->pad >= 0 &&
                      v->pad >= 0 && (nu * nv <= (five ? 2 : 4) * band_words || wide);
    /* 5x5 of eight channels or more with border bands on copies: the
     * group path is faster ((5,5) s2 5x30x47 same 2.90 there, 3.68 here) */
    if ((five && ch >= 8 && band_words > 0 && !plane) || (wide && !plane))
        return 0;
    /* border outputs in cells of their own on the input (rect_cells) where
     * there are few: a cell's records, their copy and its call (~250 + 2
     * a record word, measured) against the bands' copies (~6 a word) or
     * the plane's (~2 since branch rect3) ((2,3) s2 30x17x13 same 4.21 ->
     * 3.89; (2,4) s2 20x7x75 same 3.32 on cells, 2.93 on the plane; (2,2)
     * s2 15x9x121 same keeps the plane) */
    const int32_t cells = (u->lo + u->out - u->hi + (u->hi > u->lo)) *
                          (v->lo + v->out - v->hi + (v->hi > v->lo));
    if (band_words > 0 && cells <= RECT_CELLS && rect_cell_axis(u) && rect_cell_axis(v) &&
        (cells - 1) * (250 + 2 * (16 + 6 * ((taps + 1) / 2))) <
            (plane ? 2 * nu * nv : 6 * band_words))
        return rect_cells(a, u, v, exact, given);
    if (plane)
        return rect_plane(a, u, v, exact, given, span_u, span_v, nu, nv);
    return rect_bands(a, u, v, exact, given, run);
}

static int rect_try(const nnom_conv_args_t *a, int five)
{
    const int32_t kh = a->k.h, kw = a->k.w, taps = kh * kw, ch = a->in.c;
    /* three channels (rect_narrow) but 3x3; not one or two (a lane or two
     * of four: slower than their paths, (2,2) s1 20x20x2 same 11.7 against
     * 9.3, 5x5 s1 27x28x1 same 11.2 against 4.8); 5x5 of four channels or
     * more only where asked (five) */
    /* 3x3 and 5x5 (but 5x5 of three channels or where asked) only with the
     * converter's records (one output column: dwrect_records.py) */
    const int own = kh == kw && (kh == 3 || (kh == 5 && ch >= 4 && !five));
    if (a->ch_mult != 1 || a->out.c != ch || (ch < 4 && ch != 3) || kh < 2 || kw < 2 ||
        taps > RECT_TAPS || (own && !nnom_dwrect_given(a)) || a->p.dilation_h != 1 ||
        a->p.dilation_w != 1)
        return 0;
    /* the s term and the clamp where they can change a result (as the group
     * path's modes) */
    const int exact = a->p.act_min < a->p.output_zp || a->p.act_min > -128 || a->p.act_max < 127;
    rect_axis_t h, w;
    rect_axis(&h, a->in.h, kh, a->p.stride_h, a->p.pad_top, a->out.h);
    rect_axis(&w, a->in.w, kw, a->p.stride_w, a->p.pad_left, a->out.w);
    /* lines along the axis of more outputs; but where only one axis has
     * border outputs, across it: its bands are then whole lines, copied in
     * long rows, not a few words a line ((2,2) s2 26x37x49 same, a right
     * column of 13 lines: ~1,200 instructions a group -> ~300) */
    const int hb = h.lo > 0 || h.hi < h.out, wb = w.lo > 0 || w.hi < w.out;
    const int down = hb != wb ? wb : a->out.h > a->out.w;
    const int32_t *const given = ch < 4 ? NULL : rect_given(a, taps, exact, down);
    if (own && given == NULL)
        return 0;
    h.xb = a->in.w * ch;
    h.ob = a->out.w * ch;
    h.wb = kw * ch;
    w.xb = ch;
    w.ob = ch;
    w.wb = ch;
    const rect_axis_t *u = down ? &h : &w, *v = down ? &w : &h;
    /* the plane where the converter chose it (its header's
     * RECT_GIVEN_PLANE, four channels or more): rect_groups' prices cost
     * ~180 instructions a run ((2,2) s2 7x7x8 same) */
    if (given != NULL && given[-1] > 1)
        return rect_given_plane(a, u, v, exact, given);
    /* windows of more than 25 taps on planes of fewer than twice as many
     * outputs: the per-group records and copies outweigh the loop's gain
     * (7x7 s2 6x6x128 same 3.19 on the group path, 4.78 here; 7x7 s1
     * 12x12x64 same 2.99, 2.62 here) */
    if (taps > 25 && u->out * v->out < 2 * taps && given == NULL)
        return 0;
    return ch < 4 ? rect_narrow(a, u, v, exact) : rect_groups(a, u, v, exact, given, five);
}
int nnom_dwrect_try(const nnom_conv_args_t *a) { return rect_try(a, 0); }

int nnom_dwrect_odd5_try(const nnom_conv_args_t *a)
{
    return a->k.h == 5 && a->k.w == 5 && a->in.c % 4 != 0 && rect_try(a, 1);
}
/* Tag 27's header (dwrect_records.PLANE_TAG): the layer's words as
 * rect_try and rect_plane compute them, then per group the form and the
 * loop's records (bias, per pair the two offsets and four weight words,
 * twelve of requantisation), read in place. */
enum {
    P27_TAPS = 1,
    P27_GROUPS,
    P27_EXACT,
    P27_DOWN,  /* down + P27_JOB_BIT (+ P27_DIRECT_BIT): tag 7's rect_given
                * refuses a header retagged 7 */
    P27_PW,    /* the plane's words a row (direct: the input's) */
    P27_WORDS, /* its words */
    P27_IN,    /* the first input word's index */
    P27_NU,
    P27_NV,
    P27_JOB, /* the job's n, lines, xp, op, xl, ol */
    P27_XU = P27_JOB + 6,
    P27_XSTEP, /* the copy's from a row's end to the next row's start */
    P27_DSTEP,
    P27_HEAD
};
#define P27_GROUP_WORDS(pairs) (17 + 6 * (pairs))
/* the _groups2 loops' header offsets (bytes 8, 24, 40, 80; rg 116) */
typedef char nnom_dwrect_p27_layout_t[P27_GROUPS == 2 && P27_WORDS == 6 && P27_JOB == 10 &&
                                              P27_HEAD + 1 == 20 && 4 * P27_GROUP_WORDS(2) == 116
                                          ? 1
                                          : -1];
#define P27_JOB_BIT 4
/* Four channels whose windows all lie inside the input along its rows (no
 * padding): the loop reads the input in place, the plane is not made */
#define P27_DIRECT_BIT 8

int nnom_dwrect_plane_asks(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    const int32_t kh = a->k.h, kw = a->k.w, taps = kh * kw, ch = a->in.c, pairs = (taps + 1) / 2;
    if (r == NULL || r[0] != NNOM_DWRECT_PLANE_TAG || a->ch_mult != 1 || a->out.c != ch ||
        ch < 4 || kh < 2 || kw < 2 || taps > RECT_TAPS || a->p.dilation_h != 1 ||
        a->p.dilation_w != 1 || (kh == kw && kh == 5))
        return 0;
    const int exact = a->p.act_min < a->p.output_zp || a->p.act_min > -128 || a->p.act_max < 127;
    rect_axis_t h, w;
    rect_axis(&h, a->in.h, kh, a->p.stride_h, a->p.pad_top, a->out.h);
    rect_axis(&w, a->in.w, kw, a->p.stride_w, a->p.pad_left, a->out.w);
    const int hb = h.lo > 0 || h.hi < h.out, wb = w.lo > 0 || w.hi < w.out;
    /* (dwrect_records._down27: four channels along the rows, on the input
     * itself or the one-pass copy) */
    const int down = (ch != 4 || ((hb || wb) && (taps != 4 || a->out.h > 4 * a->out.w))) &&
                     (hb != wb ? wb : a->out.h > a->out.w);
    h.xb = a->in.w * ch;
    h.ob = a->out.w * ch;
    w.xb = ch;
    w.ob = ch;
    const rect_axis_t *u = down ? &h : &w, *v = down ? &w : &h;
    const int32_t span_u = (u->out - 1) * u->s + u->k, span_v = (v->out - 1) * v->s + v->k;
    const int32_t nu = span_u - u->pad < u->in ? span_u - u->pad : u->in;
    const int32_t nv = span_v - v->pad < v->in ? span_v - v->pad : v->in;
    if (u->pad < 0 || v->pad < 0 || u->s < 1 || v->s < 1 || nu < 1 || nv < 1 ||
        span_u * span_v > RECT_PLANE)
        return 0;
    /* (dwrect_records._direct; ch 4: the input's pixels are words) */
    const int direct = ch == 4 && !down && u->pad == 0 && v->pad == 0 && span_u <= u->in &&
                       span_v <= v->in;
    if (kh == kw && kh == 3 && !direct) /* (dwrect_records.direct3: 3x3 on the input alone) */
        return 0;
    const int32_t pw = direct ? u->in : span_u;
    const int32_t want[P27_HEAD] = {NNOM_DWRECT_PLANE_TAG,
                                    taps,
                                    (ch + 3) / 4,
                                    exact,
                                    down + P27_JOB_BIT + (direct ? P27_DIRECT_BIT : 0),
                                    pw,
                                    span_u * span_v,
                                    v->pad * span_u + u->pad,
                                    nu,
                                    nv,
                                    u->out,
                                    v->out,
                                    4 * u->s,
                                    u->ob,
                                    4 * v->s * pw,
                                    v->ob,
                                    u->xb,
                                    v->xb - nu * u->xb,
                                    4 * (span_u - nu)};
    int32_t bad = 0;
    for (int i = 0; i < P27_HEAD; i++)
        bad |= r[i] ^ want[i];
    int32_t rec[RECT_REC];
    rect_plane_offsets(rec, u->k, taps, 4 * pw);
    const int32_t *g = r + P27_HEAD;
    for (int32_t c = 0; bad == 0 && c < ch; c = nnom_dw_odd_next(c, ch), g += P27_GROUP_WORDS(pairs)) {
        bad |= (g[0] != 1 && g[0] != 2) || (exact && g[0] != 1);
        for (int32_t p = 0; p < pairs; p++)
            bad |= (g[5 + 6 * p] ^ rec[4 + 6 * p]) | (g[6 + 6 * p] ^ rec[5 + 6 * p]);
    }
    return bad == 0;
}

/* words (a multiple of eight, at least eight) of v from p on, eight a STM,
 * two a pass: ~0.25 an instruction a word; rect_border's loops cost ~12 a row besides its words
 * ((2,2) s2 7x7x8 same: 15 border words, 113 instructions). */
void nnom_dwrect_fill(uint32_t *p, int32_t words, uint32_t v);
typedef char nnom_dwrect_fill_whole_t[RECT_PLANE % 8 == 0 ? 1 : -1]; /* (words rounded up) */

__asm__(NNOM_ASM_FUNC("nnom_dwrect_fill")
        "push   {r4-r9}\n"
        "mov    r3, r2\n"
        "mov    r4, r2\n"
        "mov    r5, r2\n"
        "mov    r6, r2\n"
        "mov    r7, r2\n"
        "mov    r8, r2\n"
        "mov    r9, r2\n"
        "lsrs   r1, r1, #4\n" /* 16-word steps; C: an 8-word step before them */
        "it     cs\n"
        "stmiacs r0!, {r2-r9}\n"
        "beq    2f\n"
        "1:\n"
        "stmia  r0!, {r2-r9}\n"
        "stmia  r0!, {r2-r9}\n"
        "subs   r1, r1, #1\n"
        "bne    1b\n"
        "2:\n"
        "pop    {r4-r9}\n"
        "bx     lr\n"
        ".size nnom_dwrect_fill, .-nnom_dwrect_fill\n"
        ".text\n");

/* The planes of every group of a layer of 4, 8 or 12 channels (one to
 * three groups) whose plane rows run along the input's pixels (xu = ch),
 * copied in one pass: an LDM takes whole pixels, one STM a group writes
 * each group's words to its own plane (pb bytes apart). ~17 instructions a
 * row of seven pixels of two groups where nnom_dwrect_rows took ~24 a
 * group; ~12 a row of eight words of one group (nnom_dwrect_rows ~25).
 * Field offsets are the assembly's. */
typedef struct {
    uint32_t *d;
    const int8_t *x;
    int32_t pb;              /* from one group's plane to the next's, bytes */
    int32_t chunks;          /* nu / 8, nu / 4 or nu / 3 (one to three groups) */
    uintptr_t entry, tail;   /* the chunks' or the tail's; the tail's */
    int32_t xstep, dstep, nv; /* as nnom_dwrect_rows_t's */
} nnom_dwrect_rows_g_t;

typedef char nnom_dwrect_rows_g_layout_t[offsetof(nnom_dwrect_rows_g_t, nv) == 32 ? 1 : -1];

void nnom_dwrect_rows_g1(const nnom_dwrect_rows_g_t *r);
void nnom_dwrect_rows_g2(const nnom_dwrect_rows_g_t *r);
void nnom_dwrect_rows_g3(const nnom_dwrect_rows_g_t *r);
/* Their chunks' loops and tails (32 bytes each, by nu % 8, 4 or 3). */
void nnom_dwrect_rows_g1_chunk(void);
void nnom_dwrect_rows_g1_tails(void);
void nnom_dwrect_rows_g2_chunk(void);
void nnom_dwrect_rows_g2_tails(void);
void nnom_dwrect_rows_g3_chunk(void);
void nnom_dwrect_rows_g3_tails(void);

/* r0-r3 the planes' pointers (r0 the first; r3 on three groups), r1 x,
 * r4-r12 the words, lr the chunks left. Stack: [0] chunks a row, [4] the
 * row's entry, [8] the tail, [12] x's step, [16] the planes', [20] rows
 * left (on one group: r3, r12 and r2, free there). */
__asm__(".macro DWRECT_ROWS_G g\n"
        ".section .text.nnom_dwrect_rows_g\\g,\"ax\",%progbits\n"
        ".global nnom_dwrect_rows_g\\g\n"
        ".type nnom_dwrect_rows_g\\g, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_dwrect_rows_g\\g:\n"
        "push   {r4-r11, lr}\n"
        "ldm    r0, {r0-r8}\n"
        "push   {r3-r8}\n"
        ".if \\g == 1\n"
        "ldrd   r3, r12, [sp, #12]\n" /* the steps and the rows in registers */
        "mov    r2, r8\n"
        ".endif\n"
        ".if \\g == 3\n"
        "add    r3, r0, r2, lsl #1\n"
        ".endif\n"
        ".if \\g > 1\n"
        "add    r2, r0, r2\n"
        ".endif\n"
        "1:\n"
        "ldr    lr, [sp]\n"
        "ldr    pc, [sp, #4]\n"
        ".p2align 2\n"
        ".global nnom_dwrect_rows_g\\g\\()_chunk\n"
        ".type nnom_dwrect_rows_g\\g\\()_chunk, %function\n"
        ".thumb_func\n"
        "nnom_dwrect_rows_g\\g\\()_chunk:\n"
        "2:\n"
        ".if \\g == 1\n"
        "ldm    r1!, {r4-r11}\n"
        "stm    r0!, {r4-r11}\n"
        ".elseif \\g == 2\n"
        "ldm    r1!, {r4-r11}\n"
        "stm    r0!, {r4, r6, r8, r10}\n"
        "stm    r2!, {r5, r7, r9, r11}\n"
        ".else\n"
        "ldm    r1!, {r4-r12}\n"
        "stm    r0!, {r4, r7, r10}\n"
        "stm    r2!, {r5, r8, r11}\n"
        "stm    r3!, {r6, r9, r12}\n"
        ".endif\n"
        "subs   lr, lr, #1\n"
        "bne    2b\n"
        "ldr    pc, [sp, #8]\n"
        ".p2align 5\n"
        ".global nnom_dwrect_rows_g\\g\\()_tails\n"
        ".type nnom_dwrect_rows_g\\g\\()_tails, %function\n"
        ".thumb_func\n"
        "nnom_dwrect_rows_g\\g\\()_tails:\n"
        /* nu % 8 on one group, nu % 4 on two, nu % 3 on three */
        ".if \\g == 1\n"
        ".set   .Lrows_g_tails, 8\n"
        ".elseif \\g == 2\n"
        ".set   .Lrows_g_tails, 4\n"
        ".else\n"
        ".set   .Lrows_g_tails, 3\n"
        ".endif\n"
        ".irp   t, 0, 1, 2, 3, 4, 5, 6, 7\n"
        ".if \\t < .Lrows_g_tails\n"
        ".p2align 5\n"
        "5:\n"
        ".if \\g == 1\n"
        ".if \\t == 1\n"
        "ldr    r4, [r1], #4\n"
        "str    r4, [r0], #4\n"
        ".elseif \\t == 2\n"
        "ldm    r1!, {r4-r5}\n"
        "stm    r0!, {r4-r5}\n"
        ".elseif \\t == 3\n"
        "ldm    r1!, {r4-r6}\n"
        "stm    r0!, {r4-r6}\n"
        ".elseif \\t == 4\n"
        "ldm    r1!, {r4-r7}\n"
        "stm    r0!, {r4-r7}\n"
        ".elseif \\t == 5\n"
        "ldm    r1!, {r4-r8}\n"
        "stm    r0!, {r4-r8}\n"
        ".elseif \\t == 6\n"
        "ldm    r1!, {r4-r9}\n"
        "stm    r0!, {r4-r9}\n"
        ".elseif \\t == 7\n"
        "ldm    r1!, {r4-r10}\n"
        "stm    r0!, {r4-r10}\n"
        ".endif\n"
        ".elseif \\g == 2\n"
        ".if \\t == 1\n"
        "ldrd   r4, r5, [r1], #8\n"
        "str    r4, [r0], #4\n"
        "str    r5, [r2], #4\n"
        ".elseif \\t == 2\n"
        "ldm    r1!, {r4-r7}\n"
        "stm    r0!, {r4, r6}\n"
        "stm    r2!, {r5, r7}\n"
        ".elseif \\t == 3\n"
        "ldm    r1!, {r4-r9}\n"
        "stm    r0!, {r4, r6, r8}\n"
        "stm    r2!, {r5, r7, r9}\n"
        ".endif\n"
        ".else\n"
        ".if \\t == 1\n"
        "ldm    r1!, {r4-r6}\n"
        "str    r4, [r0], #4\n"
        "str    r5, [r2], #4\n"
        "str    r6, [r3], #4\n"
        ".elseif \\t == 2\n"
        "ldm    r1!, {r4-r9}\n"
        "stm    r0!, {r4, r7}\n"
        "stm    r2!, {r5, r8}\n"
        "stm    r3!, {r6, r9}\n"
        ".endif\n"
        ".endif\n"
        "b.w    3f\n"
        ".if . - 5b > 32\n"
        ".error \"nnom_dwrect_rows_g: a tail is over 32 bytes\"\n"
        ".endif\n"
        ".endif\n"
        ".endr\n"
        "3:\n"
        ".if \\g == 1\n"
        "add    r1, r1, r3\n"
        "add    r0, r0, r12\n"
        "subs   r2, r2, #1\n"
        "bne    1b\n"
        ".else\n"
        "ldrd   r4, r5, [sp, #12]\n"
        "add    r1, r1, r4\n"
        "add    r0, r0, r5\n"
        "add    r2, r2, r5\n"
        ".if \\g == 3\n"
        "add    r3, r3, r5\n"
        ".endif\n"
        "ldr    r4, [sp, #20]\n"
        "subs   r4, r4, #1\n"
        "str    r4, [sp, #20]\n"
        "bne    1b\n"
        ".endif\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwrect_rows_g\\g, .-nnom_dwrect_rows_g\\g\n"
        ".endm\n"
        "DWRECT_ROWS_G 1\n"
        "DWRECT_ROWS_G 2\n"
        "DWRECT_ROWS_G 3\n"
        ".purgem DWRECT_ROWS_G\n"
        ".text\n");

typedef void (*rect_rows_g_t)(const nnom_dwrect_rows_g_t *r);
static const rect_rows_g_t rect_rows_g[3] = {nnom_dwrect_rows_g1, nnom_dwrect_rows_g2,
                                             nnom_dwrect_rows_g3};
static const int8_t rect_rows_per[3] = {8, 4, 3};

/* A tag-27 plane's loop job (x the plane, out and rec set per group) */
NNOM_INLINE nnom_dwrect_job_t rect_job27(const uint32_t *buf, int8_t *out, const int32_t *rec,
                                         const int32_t *r, int32_t pairs, uint32_t lo4,
                                         uint32_t hi4)
{
    const nnom_dwrect_job_t j = {(const int8_t *)buf, out, rec, r[P27_JOB], r[P27_JOB + 1],
                                 r[P27_JOB + 2], r[P27_JOB + 3], r[P27_JOB + 4], r[P27_JOB + 5],
                                 pairs, lo4, hi4};
    return j;
}

/* nnom_dwrect_plane_run where every group's plane is copied in one pass
 * (gs groups, 1 to 3): the planes side by side in buf, words apart. */
NNOM_INLINE void rect_plane_joint_body(const nnom_conv_args_t *a, int32_t gs, int all_groups)
{
    const int32_t *r = a->records;
    const int32_t pairs = (r[P27_TAPS] + 1) / 2, nu = r[P27_NU], nv = r[P27_NV];
    uint32_t buf[RECT_PLANE];
    const int32_t words = r[P27_WORDS];
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    if (8 * (words - nu * nv) >= words && words > nu * nv) /* (border-less: all copied) */
        nnom_dwrect_fill(buf, (gs * words + 7) & ~7, zp4);
    else if (words > nu * nv)
        for (int32_t k = 0; k < gs; k++)
            rect_border(buf + k * words, words, buf + k * words + r[P27_IN], r[P27_PW], nu, nv,
                        zp4);
    const int32_t per = rect_rows_per[gs - 1], chunks = nu / per;
    const uintptr_t tail = (gs == 1   ? (uintptr_t)nnom_dwrect_rows_g1_tails
                            : gs == 2 ? (uintptr_t)nnom_dwrect_rows_g2_tails
                                      : (uintptr_t)nnom_dwrect_rows_g3_tails) +
                           32u * (uint32_t)(nu - chunks * per);
    const uintptr_t chunk = gs == 1   ? (uintptr_t)nnom_dwrect_rows_g1_chunk
                            : gs == 2 ? (uintptr_t)nnom_dwrect_rows_g2_chunk
                                      : (uintptr_t)nnom_dwrect_rows_g3_chunk;
    const nnom_dwrect_rows_g_t rows = {buf + r[P27_IN], a->input,         4 * words,
                                       chunks,          chunks > 0 ? chunk : tail,
                                       tail,            r[P27_XSTEP],     r[P27_DSTEP],
                                       nv};
    rect_rows_g[gs - 1](&rows);
    const int32_t exact = r[P27_EXACT];
    const int32_t *g = r + P27_HEAD;
    /* (2,2) windows but the exact form: every group in one call, the job
     * from the header (where the groups' forms are the same) */
    const int32_t gw = P27_GROUP_WORDS(pairs);
    const int same = !all_groups || (g[gw] == g[0] && (gs == 2 || g[2 * gw] == g[0]));
    if (pairs == 2 && !exact && same) {
        (g[0] == 2 ? nnom_dwrect_s8_scaled_adj_groups2 : nnom_dwrect_s8_adj_groups2)(buf, a->output,
                                                                                      r);
        return;
    }
    const uint32_t lo4 = ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u;
    const uint32_t hi4 = ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u;
    if (all_groups) {
        if (same) { /* one call for every group: the same loop */
            static void (*const loops[3])(const nnom_dwrect_groups_t *) = {
                nnom_dwrect_s8_adj_groups, nnom_dwrect_s8_scaled_adj_groups,
                nnom_dwrect_s8_exact_adj_groups};
            const nnom_dwrect_groups_t all = {
                rect_job27(buf, a->output, g + 1, r, pairs, lo4, hi4),
                gs - 1,
                4 * words,
                4 * P27_GROUP_WORDS(pairs)};
            loops[exact ? 2 : g[0] == 2](&all);
            return;
        }
    }
    nnom_dwrect_job_t j = rect_job27(buf, NULL, NULL, r, pairs, lo4, hi4);
    for (int32_t k = 0; k < gs; k++, g += P27_GROUP_WORDS(pairs)) {
        j.x = (const int8_t *)(buf + k * words);
        j.rec = g + 1;
        j.out = a->output + 4 * k;
        rect_loop(exact, g[0], 0, 1)(&j);
    }
}

/* (two copies so that one group's stays as it was: the groups' call made
 * it 9 instructions slower, (2,2) s2 9x9x4 valid) */
static NNOM_NOINLINE void rect_plane_joint(const nnom_conv_args_t *a, int32_t gs)
{
    rect_plane_joint_body(a, gs, 0);
}

static NNOM_NOINLINE void rect_plane_joint_all(const nnom_conv_args_t *a, int32_t gs)
{
    rect_plane_joint_body(a, gs, 1);
}

/* Tag 27's direct plane (four channels, no padding, every window inside
 * the input): one call of the loop on the input itself, the header's job
 * on the input's rows (pw its width): no copy, no border, no frame
 * ((2,2) s2 9x9x4 valid: the copy and its set-up were ~210 of 1,098). */
static NNOM_NOINLINE void rect_plane_direct(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    const int32_t *g = r + P27_HEAD;
    if (r[P27_TAPS] <= 4 && !r[P27_EXACT]) { /* (2,2): one group, the job in place */
        (g[0] == 2 ? nnom_dwrect_s8_scaled_adj_groups2
                   : nnom_dwrect_s8_adj_groups2)(a->input, a->output, r);
        return;
    }
    const nnom_dwrect_job_t j =
        rect_job27((const uint32_t *)(const void *)a->input, a->output, g + 1, r,
                   (r[P27_TAPS] + 1) / 2, ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                   ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u);
    rect_loop(r[P27_EXACT], g[0], 0, 1)(&j);
}

/* Tag 27's one-group (2,2) planes but the exact form (four channels along
 * the rows): rect_plane_joint's and rect_plane_direct's (2,2) calls without
 * their tests, on DepthwiseConv2D's own direct types (the config's block
 * and the layer's buffers: no arguments' copy, no plane_run's tests) */
int nnom_dwrect_plane1_asks(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    if (a->in.c != 4 || r[P27_GROUPS] != 1 || r[P27_XU] != 4 || r[P27_TAPS] != 4 ||
        r[P27_EXACT] != 0 || r[P27_WORDS] > RECT_PLANE)
        return 0;
    return r[P27_DOWN] == P27_JOB_BIT                    ? 1
           : r[P27_DOWN] == P27_JOB_BIT + P27_DIRECT_BIT && r[P27_HEAD] == 2 ? 2
                                                                             : 0;
}

void nnom_dwrect_plane1_direct(const nnom_conv_args_t *b, const int8_t *x, int8_t *out)
{
    const int32_t *r = b->records;
    const int32_t words = r[P27_WORDS], nu = r[P27_NU], nv = r[P27_NV];
    uint32_t buf[RECT_PLANE];
    const uint32_t zp4 = ((uint32_t)b->p.input_zp & 0xFFu) * 0x01010101u;
    if (8 * (words - nu * nv) >= words && words > nu * nv)
        nnom_dwrect_fill(buf, (words + 7) & ~7, zp4);
    else if (words > nu * nv)
        rect_border(buf, words, buf + r[P27_IN], r[P27_PW], nu, nv, zp4);
    const int32_t chunks = nu >> 3;
    const uintptr_t tail = (uintptr_t)nnom_dwrect_rows_g1_tails + 32u * (uint32_t)(nu & 7);
    const nnom_dwrect_rows_g_t rows = {buf + r[P27_IN],
                                       x,
                                       0,
                                       chunks,
                                       chunks > 0 ? (uintptr_t)nnom_dwrect_rows_g1_chunk : tail,
                                       tail,
                                       r[P27_XSTEP],
                                       r[P27_DSTEP],
                                       nv};
    nnom_dwrect_rows_g1(&rows);
    (r[P27_HEAD] == 2 ? nnom_dwrect_s8_scaled_adj_groups2 : nnom_dwrect_s8_adj_groups2)(buf, out,
                                                                                       r);
}

/* The plane of tag 27's records (nnom_dwrect_plane_asks held at build;
 * reads records, in.c, input, output and p's input_zp, act_min, act_max
 * alone: its direct type in nnom_dwconv2d.c sets no other field):
 * the border (the whole plane where it is an eighth or more of it: the
 * inside is copied over), then per group the inside's copy and one call. */
static NNOM_NOINLINE void rect_plane_apart(const nnom_conv_args_t *a);

void nnom_dwrect_plane_run(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    const int32_t ch = a->in.c;
    /* 4, 8 or 12 channels along the pixels: every group's plane in one copy
     * (tested before the other path's frame: ~10 instructions a run) */
    const int32_t gs = r[P27_GROUPS];
    if ((ch == 4 || ch == 8 || ch == 12) && r[P27_XU] == ch && gs * r[P27_WORDS] <= RECT_PLANE) {
        if (gs > 1)
            rect_plane_joint_all(a, gs);
        else if (r[P27_DOWN] == P27_JOB_BIT + P27_DIRECT_BIT)
            rect_plane_direct(a);
        else
            rect_plane_joint(a, gs);
        return;
    }
    rect_plane_apart(a);
}

/* The other planes: the border, then per group the inside's copy, one call */
static NNOM_NOINLINE void rect_plane_apart(const nnom_conv_args_t *a)
{
    const int32_t *r = a->records;
    const int32_t ch = a->in.c, pairs = (r[P27_TAPS] + 1) / 2, nu = r[P27_NU];
    uint32_t buf[RECT_PLANE];
    uint32_t *const in = buf + r[P27_IN];
    const int32_t words = r[P27_WORDS]; /* (at most RECT_PLANE, a multiple of eight) */
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    if (8 * (words - nu * r[P27_NV]) >= words && words > nu * r[P27_NV])
        nnom_dwrect_fill(buf, (words + 7) & ~7, zp4);
    else if (words > nu * r[P27_NV]) /* (border-less: every word copied) */
        rect_border(buf, words, in, r[P27_PW], nu, r[P27_NV], zp4);
    nnom_dwrect_job_t j = rect_job27(buf, NULL, NULL, r, pairs,
                                     ((uint32_t)a->p.act_min & 0xFFu) * 0x01010101u,
                                     ((uint32_t)a->p.act_max & 0xFFu) * 0x01010101u);
    const uintptr_t tail = (uintptr_t)nnom_dwrect_rows_tails + 64u * (uint32_t)(nu & 7);
    const int32_t xu = r[P27_XU];
    nnom_dwrect_rows_t rows = {in,
                               NULL,
                               xu,
                               3 * xu,
                               nu >> 3,
                               nu >= 8 ? (uintptr_t)nnom_dwrect_rows_step : tail,
                               tail,
                               r[P27_XSTEP],
                               r[P27_DSTEP],
                               r[P27_NV]};
    const int32_t two = rect_two(ch), exact = r[P27_EXACT];
    const int32_t *g = r + P27_HEAD;
    for (int32_t c = 0, k = 0; c < ch; c = nnom_dw_odd_next(c, ch), k++, g += P27_GROUP_WORDS(pairs)) {
        rows.x = a->input + c;
        nnom_dwrect_rows(&rows);
        j.rec = g + 1;
        j.out = a->output + c;
        rect_loop(exact, g[0], k == two, 1)(&j);
    }
}
#endif
