/*
 * nnom_local_dwpair_dsp.c - depthwise outputs of one row of two taps
 * ((2, 1) columns, (1, 2) rows, any stride), four channels, four outputs
 * per pass, in assembly (-O2 on DSP cores; see nnom_local_dwpair.h).
 *
 * A pass packs its outputs' tap words by PKH (bytes of channels 0, 1 of
 * both taps in L_o, of 2, 3 in H_o); then channel by channel it loads the
 * channel's four record words once (LDM) and per output widens its pair
 * (SXTB16), multiplies both taps (SMLAD onto the scaled bias), requantises
 * (SMMLA, then SSAT with the fixed shift: the channel's own shift is in
 * its weights) and puts the byte into the pass's four output words on the
 * stack, stored once per pass. At stride 1 the five rows of a pass are
 * each read once. A run's last one to three outputs go one by one.
 */
#include "nnom_local_dwpair.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dwacross.h"
#include "nnom_local_dwcol.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* The assembly reads the fields by LDM, in these orders. */
typedef char nnom_dwpair_layout_t[sizeof(nnom_dwpair_run_t) == 48 &&
                                          offsetof(nnom_dwpair_run_t, end) == 32 &&
                                          offsetof(nnom_dwpair_layer_t, edge_x) == 20 &&
                                          offsetof(nnom_dwpair_layer_t, groups) == 28 &&
                                          offsetof(nnom_dwpair_layer_t, zp4) == 32 &&
                                          offsetof(nnom_dwpair_layer_t, edge_lines) == 36 &&
                                          offsetof(nnom_dwpair_layer_t, edge_xs) == 48
                                      ? 1
                                      : -1];

#define DWP_SHIFT "asr #" NNOM_STR(NNOM_DWPAIR_N)
#define DWP_GROUP_BYTES NNOM_STR(16 * NNOM_DWPAIR_REC)

/* The widened pair in T requantised (r8-r11 the channel's records) and
 * stored as byte B of the address ADDR. */
#define DWP_RQ(T, ADDR)                                                                          \
    "smlad  " T ", " T ", r8, r9\n"                                                              \
    "smmla  " T ", " T ", r10, r11\n"                                                            \
    "ssat   " T ", #8, " T ", " DWP_SHIFT "\n"                                                   \
    "strb   " T ", " ADDR "\n"

/* Channel C of the pass's four outputs from S0..S3 (ROT picks its bytes)
 * into byte C of the stack's output words; LDM loads the channel's records
 * (ldm lr!: channels 0 to 3, ldmdb lr!: 3 to 0, so that every other pass
 * ends at the records' start). */
#define DWP_CHANNEL(LDM, S0, S1, S2, S3, ROT, C)                                                 \
    LDM "   lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r12, " S0 ROT "\n" DWP_RQ("r12", "[sp, #" C "]")                                     \
    "sxtb16 r12, " S1 ROT "\n" DWP_RQ("r12", "[sp, #4 + " C "]")                                 \
    "sxtb16 r12, " S2 ROT "\n" DWP_RQ("r12", "[sp, #8 + " C "]")                                 \
    "sxtb16 r12, " S3 ROT "\n" DWP_RQ("r12", "[sp, #12 + " C "]")

/* The pass's four channels (L_o in r0-r3, H_o in r4-r7), lr from the
 * records' start to their end (FWD) or back (BWD). */
#define DWP_FWD                                                                                  \
    DWP_CHANNEL("ldm  ", "r0", "r1", "r2", "r3", "", "0")                                        \
    DWP_CHANNEL("ldm  ", "r0", "r1", "r2", "r3", ", ror #8", "1")                                \
    DWP_CHANNEL("ldm  ", "r4", "r5", "r6", "r7", "", "2")                                        \
    DWP_CHANNEL("ldm  ", "r4", "r5", "r6", "r7", ", ror #8", "3")
#define DWP_BWD                                                                                  \
    DWP_CHANNEL("ldmdb", "r4", "r5", "r6", "r7", ", ror #8", "3")                                \
    DWP_CHANNEL("ldmdb", "r4", "r5", "r6", "r7", "", "2")                                        \
    DWP_CHANNEL("ldmdb", "r0", "r1", "r2", "r3", ", ror #8", "1")                                \
    DWP_CHANNEL("ldmdb", "r0", "r1", "r2", "r3", "", "0")

/* The pass's output words stored; one LDM reads them, out and its steps,
 * the next pass's r8-r11 and the end (see the stack's layout); to L
 * while full passes are left. */
#define DWP_STORE(L)                                                                             \
    "ldm    sp, {r0-r12}\n"                                                                      \
    "str    r0, [r4]\n"                                                                          \
    "str    r1, [r4, r5]\n"                                                                      \
    "str    r2, [r4, r6]\n"                                                                      \
    "str    r3, [r4, r7]\n"                                                                      \
    "add    r4, r4, r5, lsl #2\n"                                                                \
    "str    r4, [sp, #16]\n"                                                                     \
    "cmp    r4, r12\n"                                                                           \
    "bne    " L "\n"

/* Output pair (rows at x, x + xs; x + xp, x + xp + xs) packed into LA, HA,
 * LB, HB; r8 x, r9 xs, r10 xp, r11 xp + xs. */
#define DWP_LOAD2(LA, HA, LB, HB)                                                                \
    "ldr    r12, [r8]\n"                                                                         \
    "ldr    " HA ", [r8, r9]\n"                                                                  \
    "pkhbt  " LA ", r12, " HA ", lsl #16\n"                                                      \
    "pkhtb  " HA ", " HA ", r12, asr #16\n"                                                      \
    "ldr    r12, [r8, r10]\n"                                                                    \
    "ldr    " HB ", [r8, r11]\n"                                                                 \
    "pkhbt  " LB ", r12, " HB ", lsl #16\n"                                                      \
    "pkhtb  " HB ", " HB ", r12, asr #16\n"                                                      \
    "add    r8, r8, r10, lsl #1\n"

/* Stride 1: the pass's five rows x, x + xs, ..., x + 4 xs, each read
 * once, packed into L_o (r0-r3) and H_o (r4-r7); r8 x, r9 xs, r10 2 xs,
 * r11 3 xs. */
#define DWP_LOAD1 \
    "ldr    r0, [r8]\n" \
    "ldr    r1, [r8, r9]\n" \
    "ldr    r2, [r8, r10]\n" \
    "ldr    r3, [r8, r11]\n" \
    "add    r8, r8, r9, lsl #2\n" \
    "ldr    r12, [r8]\n" \
    "str    r8, [sp, #32]\n" \
    "pkhtb  r4, r1, r0, asr #16\n" \
    "pkhbt  r0, r0, r1, lsl #16\n" \
    "pkhtb  r5, r2, r1, asr #16\n" \
    "pkhbt  r1, r1, r2, lsl #16\n" \
    "pkhtb  r6, r3, r2, asr #16\n" \
    "pkhbt  r2, r2, r3, lsl #16\n" \
    "pkhtb  r7, r12, r3, asr #16\n" \
    "pkhbt  r3, r3, r12, lsl #16\n"

/* One output of channels 0 to 3 from its two tap words in r6, r7 into
 * out (r3); r12, r6 scratch, lr at the records, after them at the end. */
#define DWP_ONE                                                                                  \
    "pkhbt  r12, r6, r7, lsl #16\n"                                                              \
    "pkhtb  r7, r7, r6, asr #16\n"                                                               \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r6, r12\n" DWP_RQ("r6", "[r3, #0]")                                                  \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r6, r12, ror #8\n" DWP_RQ("r6", "[r3, #1]")                                          \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r6, r7\n" DWP_RQ("r6", "[r3, #2]")                                                   \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r6, r7, ror #8\n" DWP_RQ("r6", "[r3, #3]")

/* nnom_dwpair_s8(layer r0): per group (lr at its records) per line the
 * run (x and out [60], [64] bytes on: 4 g + the line's), then every edge
 * across the groups. Stack: [0] the pass's output words, [16] out, [20]
 * op, [24] 2 op, [28] 3 op, [32] x, [36] xs, [40] xp (stride 1: 2 xs),
 * [44] xp + xs (stride 1: 3 xs), [48] the end of the full passes'
 * outputs, [52] the outputs after them (0 to 3), [56] xp, [60] the
 * line's input offset, [64] its output offset, [68] lines left, [72]
 * groups left, [76] 4 g, [80] the layer; then r4-r11, lr. */
__asm__(NNOM_ASM_FUNC("nnom_dwpair_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #84\n"
        "str    r0, [sp, #80]\n"
        "ldr    r12, [r0, #4]\n" /* no runs: the edge outputs only */
        "cmp    r12, #0\n"
        "beq    .Ldwp_edges\n"
        "ldr    lr, [r0]\n"
        "ldr    r1, [r0, #8]\n" /* lines */
        "ldr    r2, [r0, #28]\n" /* groups */
        "movs   r3, #0\n"
        "strd   r3, r3, [sp, #60]\n"
        "str    r1, [sp, #68]\n"
        "strd   r2, r3, [sp, #72]\n"
        ".Ldwp_run:\n"
        "ldr    r0, [sp, #80]\n"
        "ldr    r12, [r0, #4]\n"
        "ldrd   r0, r3, [sp, #60]\n"
        "ldm    r12!, {r4-r11}\n" /* out, op, 2 op, 3 op, x, xs, xp, xp + xs */
        "add    r4, r4, r3\n"
        "add    r8, r8, r0\n"
        "add    r1, sp, #16\n"
        "stm    r1, {r4-r11}\n"
        "ldm    r12, {r1, r2, r5, r6}\n" /* end, rest, xp, stride 1 */
        "add    r1, r1, r3\n"
        "add    r12, sp, #48\n"
        "stm    r12, {r1, r2, r5}\n"
        "cmp    r4, r1\n"
        "beq    .Ldwp_rest\n"
        "cmp    r6, #0\n"
        "bne    .Ldwp_pass1\n"
        ".Ldwp_pass:\n"
        DWP_LOAD2("r0", "r4", "r1", "r5")
        DWP_LOAD2("r2", "r6", "r3", "r7")
        "str    r8, [sp, #32]\n"
        DWP_FWD
        DWP_STORE(".Ldwp_pass_b")
        "sub    lr, lr, #" DWP_GROUP_BYTES "\n"
        "b      .Ldwp_rest\n"
        ".Ldwp_pass_b:\n"
        DWP_LOAD2("r0", "r4", "r1", "r5")
        DWP_LOAD2("r2", "r6", "r3", "r7")
        "str    r8, [sp, #32]\n"
        DWP_BWD
        DWP_STORE(".Ldwp_pass")
        "b      .Ldwp_rest\n"
        /* stride 1: rows x, x + xs, ..., x + 4 xs, each read once */
        ".Ldwp_pass1:\n"
        DWP_LOAD1
        DWP_FWD
        DWP_STORE(".Ldwp_pass1_b")
        "sub    lr, lr, #" DWP_GROUP_BYTES "\n"
        "b      .Ldwp_rest\n"
        ".Ldwp_pass1_b:\n"
        DWP_LOAD1
        DWP_BWD
        DWP_STORE(".Ldwp_pass1")
        /* the outputs after the full passes, one by one: r0 x, r1 xs,
         * r2 xp, r3 out, r4 op, r5 left */
        ".Ldwp_rest:\n"
        "ldr    r5, [sp, #52]\n"
        "cmp    r5, #0\n"
        "beq    .Ldwp_next\n"
        "ldrd   r0, r1, [sp, #32]\n"
        "ldr    r2, [sp, #56]\n"
        "ldrd   r3, r4, [sp, #16]\n"
        ".Ldwp_one:\n"
        "ldr    r6, [r0]\n"
        "ldr    r7, [r0, r1]\n"
        "add    r0, r0, r2\n"
        DWP_ONE
        "sub    lr, lr, #" DWP_GROUP_BYTES "\n"
        "add    r3, r3, r4\n"
        "subs   r5, r5, #1\n"
        "bne    .Ldwp_one\n"
        /* the next line, or the next group's lines */
        ".Ldwp_next:\n"
        "ldr    r5, [sp, #68]\n"
        "subs   r5, r5, #1\n"
        "beq    .Ldwp_group\n"
        "str    r5, [sp, #68]\n"
        "ldr    r0, [sp, #80]\n"
        "ldrd   r1, r2, [r0, #12]\n" /* lx, lo */
        "ldrd   r3, r4, [sp, #60]\n"
        "add    r3, r3, r1\n"
        "add    r4, r4, r2\n"
        "strd   r3, r4, [sp, #60]\n"
        "b      .Ldwp_run\n"
        ".Ldwp_group:\n"
        "ldr    r0, [sp, #80]\n"
        "ldrd   r1, r2, [sp, #72]\n"
        "subs   r1, r1, #1\n"
        "beq    .Ldwp_edges\n"
        "adds   r2, r2, #4\n"
        "strd   r1, r2, [sp, #72]\n"
        "strd   r2, r2, [sp, #60]\n"
        "ldr    r5, [r0, #8]\n"
        "str    r5, [sp, #68]\n"
        "add    lr, lr, #" DWP_GROUP_BYTES "\n"
        "b      .Ldwp_run\n"
        /* the border outputs (the last of each line, its second tap
         * padding): per line every group (r0 x, r1 the input zero point
         * in each byte, r3 out, r5 groups left; lr from the first group's
         * records on) */
        ".Ldwp_edges:\n"
        "ldrd   r1, r3, [r0, #20]\n" /* edge x, out */
        "cmp    r1, #0\n"
        "beq    .Ldwp_done\n"
        "ldr    r2, [r0, #36]\n"
        "strd   r1, r3, [sp, #60]\n"
        "str    r2, [sp, #68]\n"
        ".Ldwp_edge:\n"
        "ldr    r2, [sp, #80]\n"
        "ldr    lr, [r2]\n"
        "ldr    r5, [r2, #28]\n"
        "ldr    r1, [r2, #32]\n"
        "ldr    r4, [r2, #48]\n" /* edge xs: 0 for the zero point */
        "ldrd   r0, r3, [sp, #60]\n"
        "cmp    r4, #0\n"
        "bne    .Ldwp_edge_taps\n"
        ".Ldwp_edge_group:\n"
        "ldr    r6, [r0]\n"
        "mov    r7, r1\n"
        "adds   r0, r0, #4\n"
        DWP_ONE
        "adds   r3, r3, #4\n"
        "subs   r5, r5, #1\n"
        "bne    .Ldwp_edge_group\n"
        ".Ldwp_edge_next:\n"
        "ldr    r2, [sp, #80]\n"
        "ldrd   r4, r6, [r2, #40]\n" /* edge lx, lo */
        "ldrd   r0, r3, [sp, #60]\n"
        "add    r0, r0, r4\n"
        "add    r3, r3, r6\n"
        "strd   r0, r3, [sp, #60]\n"
        "ldr    r5, [sp, #68]\n"
        "subs   r5, r5, #1\n"
        "str    r5, [sp, #68]\n"
        "bne    .Ldwp_edge\n"
        "b      .Ldwp_done\n"
        /* edge outputs with both taps on the input (edge xs apart) */
        ".Ldwp_edge_taps:\n"
        "ldr    r6, [r0]\n"
        "ldr    r7, [r0, r4]\n"
        "adds   r0, r0, #4\n"
        DWP_ONE
        "adds   r3, r3, #4\n"
        "subs   r5, r5, #1\n"
        "bne    .Ldwp_edge_taps\n"
        "b      .Ldwp_edge_next\n"
        ".Ldwp_done:\n"
        "add    sp, sp, #84\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwpair_s8, .-nnom_dwpair_s8\n"
        ".text\n");

/* A run's fields from its outputs (n >= 1) and steps. */
static nnom_dwpair_run_t dwpair_run(const int8_t *x, int8_t *out, int32_t n, int32_t xs,
                                    int32_t xp, int32_t op)
{
    const int s1 = xp == xs;
    const nnom_dwpair_run_t r = {out,           op,        2 * op, 3 * op, x, xs,
                                 s1 ? 2 * xs : xp, s1 ? 3 * xs : xp + xs,
                                 out + (n & ~3) * op, n & 3, xp, s1};
    return r;
}

/* Layers whose runs have fewer than four outputs (no full pass): each
 * place along the taps, for every line and group, in the edge loop (one
 * output across the groups), then the border place ('same'). */
typedef struct {
    const int8_t *x, *edge; /* the input; the border place's row or NULL */
    int8_t *out;
    int32_t last, sx, ob, xb; /* inside places; their input, output steps; tap step */
    int32_t lx, lo;           /* the lines' input and output steps */
} dwpair_places_t;

/* n groups of l's layer from channel c on, in the loop. */
static void dwpair_groups(const nnom_dwpair_layer_t *l, int32_t c, int32_t n)
{
    nnom_dwpair_run_t run;
    nnom_dwpair_layer_t part = *l;
    if (l->run != NULL) {
        run = *l->run;
        run.x += c;
        run.out += c;
        run.end += c;
        part.run = &run;
    }
    part.rec += NNOM_DWPAIR_REC * c;
    part.groups = n;
    if (part.edge_x != NULL) {
        part.edge_x += c;
        part.edge_out += c;
    }
    nnom_dwpair_s8(&part);
}

/* The records of channels c to c + 3 are in the loop's form (the
 * converter zeroes a refused channel's: its mult is 0). */
static int dwpair_fits(const int32_t *rec, int32_t c)
{
    const int32_t *m = rec + 1 + NNOM_DWPAIR_REC * c + 2;
    return m[0] != 0 && m[NNOM_DWPAIR_REC] != 0 && m[2 * NNOM_DWPAIR_REC] != 0 &&
           m[3 * NNOM_DWPAIR_REC] != 0;
}

/* Channels c to c + 3 of every output in C (any requantisation): the
 * input zero point folded into the bias; the second tap of an output past
 * the input's end is padding and adds nothing. */
static NNOM_NOINLINE void dwpair_plain(const nnom_conv_args_t *a, int32_t c)
{
    const int32_t ic = a->in.c, zp = a->p.input_zp, down = a->k.h == 2;
    const int32_t d = down ? a->in.w * ic : ic; /* the second tap's offset */
    const int32_t xs = a->p.stride_w * ic, ys = a->p.stride_h * a->in.w * ic;
    nnom_rq_t r[4];
    int32_t w0[4], w1[4], bz[4];
    for (int32_t i = 0; i < 4; i++) {
        r[i] = nnom_rq_of(a->rq.mult[c + i], a->rq.shift[c + i], a->p.output_zp);
        w0[i] = a->weight[c + i];
        w1[i] = a->weight[ic + c + i];
        bz[i] = a->bias[c + i] - zp * (w0[i] + w1[i]);
    }
    int8_t *out = a->output + c;
    for (int32_t oy = 0; oy < a->out.h; oy++) {
        const int8_t *x = a->input + c + oy * ys;
        const int padded_y = down && oy * a->p.stride_h + 1 >= a->in.h;
        for (int32_t ox = 0; ox < a->out.w; ox++, x += xs, out += ic) {
            const int padded = padded_y || (!down && ox * a->p.stride_w + 1 >= a->in.w);
            for (int32_t i = 0; i < 4; i++) {
                const int32_t acc = padded ? bz[i] + (zp + 0) * w1[i] + x[i] * w0[i]
                                           : bz[i] + x[i] * w0[i] + x[i + d] * w1[i];
                out[i] = nnom_rq_apply(acc, r[i], a->p.act_min, a->p.act_max);
            }
        }
    }
}

/* Channels c to c + 3 of a layer whose records refuse them: the one-row
 * loop (nnom_dwcol_s8: e from 2 to 23) on records built here, runs along
 * the longer of the taps' axis (last outputs inside, then the border
 * one's first tap across the lines) and the lines; else in C. */
static NNOM_NOINLINE void dwpair_col(const nnom_conv_args_t *a, int32_t c,
                                     const dwpair_places_t *g)
{
    const int32_t last = g->last, xb = g->xb, ob = g->ob, lx = g->lx, lo = g->lo;
    const int32_t down = a->k.h == 2, lines = down ? a->out.w : a->out.h;
    const int32_t s = down ? a->p.stride_h : a->p.stride_w, out = down ? a->out.h : a->out.w;
    const dw_ctx_t t = {a,        a->in.h,          a->in.w,          a->in.c,
                        a->k.h,   a->k.w,           a->p.stride_h,    a->p.stride_w,
                        1,        1,                0,                0,
                        a->out.h, a->out.w,         a->out.c};
    int32_t rec[4 + 4 + 12];
    if (!dwcol_records(&t, c, 0, 2, rec)) {
        dwpair_plain(a, c);
        return;
    }
    const int across = lines > last;
    nnom_dwcol_job_t j = {NULL, NULL, rec, across ? lines : last, xb,
                          across ? lx : s * xb, across ? lo : ob, 1, 0, 1};
    for (int32_t i = 0; i < (across ? last : lines); i++) {
        j.x = a->input + c + (across ? i * s * xb : i * lx);
        j.out = a->output + c + (across ? i * ob : i * lo);
        nnom_dwcol_s8(&j);
    }
    if (last < out) { /* the border outputs: their first tap, row in - 1 */
        (void)dwcol_records(&t, c, 0, 1, rec);
        const nnom_dwcol_job_t e = {a->input + c + (last * s) * xb, a->output + c + last * ob,
                                    rec, lines, xb, lx, lo, 0, 1, 1};
        nnom_dwcol_s8(&e);
    }
}

/* n groups from channel c on: l's runs, or where pl is not NULL its places. */
static void dwpair_span(const nnom_dwpair_layer_t *l, const dwpair_places_t *pl, int32_t c,
                        int32_t n)
{
    if (pl == NULL) {
        dwpair_groups(l, c, n);
        return;
    }
    nnom_dwpair_layer_t m = *l;
    m.rec += NNOM_DWPAIR_REC * c;
    m.run = NULL;
    m.groups = n;
    m.edge_xs = pl->xb;
    const int8_t *x = pl->x + c;
    int8_t *out = pl->out + c;
    for (int32_t o = 0; o < pl->last; o++, x += pl->sx, out += pl->ob) {
        m.edge_x = x;
        m.edge_out = out;
        nnom_dwpair_s8(&m);
    }
    if (pl->edge != NULL) {
        m.edge_xs = 0;
        m.edge_x = pl->edge + c;
        m.edge_out = out;
        nnom_dwpair_s8(&m);
    }
}

/* The layers of nnom_dwpair_try() but those whose records all suit and
 * whose runs have full passes: runs of under four outputs by places (pl
 * not NULL), groups holding a refused channel (first word 5) in the
 * one-row loop or C. */
static NNOM_NOINLINE void dwpair_rest(const nnom_conv_args_t *a, const nnom_dwpair_layer_t *l,
                                      const dwpair_places_t *g, int by_places)
{
    const int32_t ic = a->in.c;
    const dwpair_places_t *pl = by_places ? g : NULL;
    if (a->records[0] == 1) {
        dwpair_span(l, pl, 0, ic / 4);
        if (ic % 4 != 0)
            dwpair_span(l, pl, ic - 4, 1);
        return;
    }
    /* first word 5: the groups holding a refused channel (zeroed records)
     * in the one-row loop or C, runs of the others here */
    for (int32_t k = 0, n = 0; k <= ic / 4; k++) {
        if (k < ic / 4 && dwpair_fits(a->records, 4 * k)) {
            n++;
            continue;
        }
        if (n > 0)
            dwpair_span(l, pl, 4 * (k - n), n);
        n = 0;
        if (k < ic / 4)
            dwpair_col(a, 4 * k, g);
    }
    if (ic % 4 != 0) {
        if (dwpair_fits(a->records, ic - 4))
            dwpair_span(l, pl, ic - 4, 1);
        else
            dwpair_col(a, ic - 4, g);
    }
}

/* ssat8(SMMLA(acc, mult, rnd) >> NNOM_DWPAIR_N): the records' form */
NNOM_INLINE int8_t dwpair_rq(int32_t acc, int32_t mult, int32_t rnd)
{
    int32_t v;
    __asm__("smmla %0, %1, %2, %3" : "=r"(v) : "r"(acc), "r"(mult), "r"(rnd));
    return (int8_t)__ssat(v >> NNOM_DWPAIR_N, 8);
}

/* The one channel past a multiple of four (ic = 4 k + 1, its records in
 * the loop's form) of every output, in C by its records: ~12 instructions
 * an output against ~29 a place of the overlapping group ((1,2) s2
 * 2x14x93 same 10456 -> 10218, (2,1) s2 40x1x77 same 12372 -> 12072). The
 * places of g's grid, then the border output of each line (edge not NULL:
 * its first tap at edge + the line's offset, the second padding) at eo
 * from the line's output. */
static NNOM_NOINLINE void dwpair_lane(const nnom_conv_args_t *a, const nnom_dwpair_grid_t *g,
                                      const int8_t *edge, int32_t eo)
{
    const int32_t c = a->in.c - 1, sx = g->sx, so = g->so, xs = g->xs, lx = g->lx, lo = g->lo;
    const int32_t *r = a->records + 1 + NNOM_DWPAIR_REC * c;
    const int32_t w0 = (int16_t)(uint16_t)((uint32_t)r[0] & 0xFFFFu);
    const int32_t w1 = (int16_t)(uint16_t)((uint32_t)r[0] >> 16);
    const int32_t b = r[1], mult = r[2], rnd = r[3];
    const int8_t *xl = g->x + c;
    int8_t *ol = g->out + c;
    const int32_t span = g->n * so;
    for (int32_t l = g->lines; l > 0; l--, xl += lx, ol += lo) {
        const int8_t *x = xl;
        int8_t *o = ol;
        int8_t *const oe = ol + span;
        if (sx == xs) { /* stride 1 along the taps: each input byte read once */
            int32_t x0 = x[0];
            for (; o != oe; o += so) {
                x += sx;
                const int32_t x1 = x[0];
                *o = dwpair_rq(b + x0 * w0 + x1 * w1, mult, rnd);
                x0 = x1;
            }
        } else
            for (; o != oe; x += sx, o += so)
                *o = dwpair_rq(b + x[0] * w0 + x[xs] * w1, mult, rnd);
        if (edge != NULL) /* the second tap padding: the zero point's term */
            ol[eo] = dwpair_rq(b + a->p.input_zp * w1 + edge[xl - g->x] * w0, mult, rnd);
    }
}

/* The inside outputs as a grid of places four at a time across the groups
 * (nnom_dwpair_grid) rather than runs along a line per group: where that
 * saves instructions by the counts on the M4. A run costs ~30 a group
 * besides its passes (112, at stride 1 108 for four outputs) and 33 for
 * each of its last one to three outputs; a set of places 115 a group for
 * four (a last set of k places 37, 63, 89), ~25 a place and ~100 a layer
 * outside the groups' loop. One line at stride 1 along the taps (the sets
 * read each word once: 112 a group for four, 31, 60, 86 for the last one
 * to three; fitted on the M4's counts of 19x1x37 valid, 21x1x23 same,
 * 1x9x28 same, 49x1x48 same, 98x1x16 valid): a run ~36 a group besides its
 * passes and 37 for each last output, the runs' try ~80 more, a set ~50,
 * the border outputs' calls (edge) ~30 and the overlapping group's ~30. */
static int dwpair_by_grid(int32_t ic, int32_t lines, int32_t last, int across, int s1,
                          int edge)
{
    const int32_t g1 = (ic + 3) >> 2, places = lines * last;
    const int32_t n = across ? lines : last, runs = across ? last : lines;
    if (n < 4) /* runs by places: ~32 a place and group, ~30 a place */
        return 1;
    if (s1 && lines == 1 && !across) {
        static const int8_t set_k[4] = {0, 31, 60, 86};
        const int32_t k = n & 3, over = (ic & 3) > 1, g = (ic >> 2) + over;
        const int32_t gain = g * (36 + 37 * k - 4 * (n >> 2) - set_k[k]) + 80 + 40 * over -
                             50 * ((n + 3) >> 2) - (edge ? 30 + 30 * over : 0);
        return gain > 0;
    }
    const int32_t tail = (places & 3) == 0 ? 0 : 8 - 2 * (places & 3);
    const int32_t gain = g1 * (runs * (30 + 5 * (n & 3) - (s1 ? 7 * (n >> 2) : 0)) - tail);
    return gain > 100 + 25 * places + ((3 * places * g1) >> 2);
}

/* After g's grid: the channel past a multiple of four (dwpair_lane) and
 * the border outputs ('same': edge not NULL, eo from the line's output)
 * in nnom_dwpair_s8's edge loop. */
static void dwpair_grid_rest(const nnom_conv_args_t *a, const nnom_dwpair_grid_t *g,
                             const int8_t *edge, int32_t eo)
{
    const int32_t ic = a->in.c;
    if ((ic & 3) == 1) /* (g->back 0: the lane, its border outputs too) */
        dwpair_lane(a, g, edge, eo);
    if (edge == NULL)
        return;
    const nnom_dwpair_layer_t l = {g->rec, NULL, 0, 0, 0, edge, a->output + eo,
                                   (ic >> 2), ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u,
                                   g->lines, g->lx, g->lo, 0};
    nnom_dwpair_s8(&l);
    if ((ic & 3) > 1) /* the overlapping last group, channels ic - 4 on */
        dwpair_groups(&l, ic - 4, 1);
}

/* The inside outputs [0, last) of every line as a grid of places
 * (nnom_dwpair_grid), then dwpair_grid_rest(). */
static NNOM_NOINLINE void dwpair_grid(const nnom_conv_args_t *a, const nnom_dwpair_grid_t *g,
                                      const int8_t *edge, int32_t out, int32_t ob)
{
    nnom_dwpair_grid(g);
    if ((a->in.c & 3) == 1 || edge != NULL)
        dwpair_grid_rest(a, g, edge, (out - 1) * ob);
}

/* A layer whose grid the converter laid out (first word NNOM_DWPAIR_PLAN,
 * nnom/ops/dwpair_plan.py: written only where nnom_dwpair_try() below
 * would run the grid) with outputs the plan leaves to C (the lane; border
 * outputs not in the sets): its sets in one call, then
 * dwpair_grid_rest(). */
static NNOM_NOINLINE int dwpair_planned(const nnom_conv_args_t *a, const int32_t *h)
{
    const int32_t ic = a->in.c;
    const int32_t *rec = a->records + 1;
    nnom_dwpair_plan_s8(h, a->output, a->input, rec);
    const nnom_dwpair_grid_t g = {rec,  0,    ic >> 2, a->input, a->output, h[1],
                                  h[2], h[3], h[4],    h[5],     h[6],      h[7]};
    dwpair_grid_rest(a, &g, h[8] < 0 ? NULL : a->input + h[8], h[9]);
    return 1;
}

/* A laid-out layer: where nothing is left to C (h[8] -1; -3: a k 17 set
 * alone, straight to its loop; -2: the lane, no
 * border outputs) the plan's call alone, a tail call; none of the try's
 * checks and arithmetic (130-250 instructions a run). */
static inline int dwpair_plan_run(const nnom_conv_args_t *a, const int32_t *h)
{
    if (h[8] != -1) {
        if (h[8] != NNOM_DWPAIR_THREE_ALONE)
            return dwpair_planned(a, h);
        return nnom_dwpair_three_s8(h + NNOM_DWPAIR_PLAN_HEAD, a->output, a->input,
                                    a->records + 1);
    }
    return nnom_dwpair_plan_s8(h, a->output, a->input, a->records + 1);
}

/* nnom_dwpair_try() on a layer without the converter's grid. */
static NNOM_NOINLINE int dwpair_try(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t ic = a->in.c, down = a->k.h == 2;
    /* u: along the taps; v: across (the lines) */
    const int32_t in = down ? a->in.h : a->in.w, s = down ? p->stride_h : p->stride_w;
    const int32_t out = down ? a->out.h : a->out.w;
    const int32_t xb = down ? a->in.w * ic : ic, ob = down ? a->out.w * ic : ic;
    const int32_t lines = down ? a->out.w : a->out.h;
    const int32_t lx = down ? p->stride_w * ic : p->stride_h * a->in.w * ic;
    const int32_t lo = down ? ic : a->out.w * ic;
    if (a->records == NULL || (a->records[0] & 1) == 0 || a->k.h * a->k.w != 2 || a->out.c != ic || ((ic & 3) != 0 && nnom_dw_odd_flat(a)) ||
        (down ? p->dilation_h : p->dilation_w) != 1 || p->pad_top != 0 || p->pad_left != 0 ||
        in < 2 || (out - 1) * s >= in || p->output_zp != -128 || p->act_min != -128 ||
        p->act_max != 127)
        return 0;
    /* the outputs [0, last) inside the input; the one after them (padding
     * at the end: 'same') from row in - 1 and the zero point */
    const int32_t last = (in - 2) / s + 1 < out ? (in - 2) / s + 1 : out;
    const int8_t *edge = last < out ? a->input + (in - 1) * xb : NULL;
    /* runs along the taps' axis (a line each across), or across it where
     * that gives longer runs (a line each along the taps' axis) */
    const int across = lines > out;
    if (a->records[0] == 1 && dwpair_by_grid(ic, lines, last, across, s == 1, edge != NULL)) {
        const nnom_dwpair_grid_t g = {a->records + 1, (ic & 3) > 1 ? 4 - (ic & 3) : 0,
                                      (ic >> 2),          a->input,
                                      a->output,       lines,
                                      lx,              lo,
                                      last,            s * xb,
                                      ob,              xb};
        dwpair_grid(a, &g, edge, out, ob);
        return 1;
    }
    const uint32_t zp4 = ((uint32_t)p->input_zp & 0xFFu) * 0x01010101u;
    const nnom_dwpair_run_t run = across ? dwpair_run(a->input, a->output, lines, xb, lx, lo)
                                         : dwpair_run(a->input, a->output, last, xb, s * xb, ob);
    const nnom_dwpair_layer_t l = {a->records + 1,
                                   &run,
                                   across ? last : lines,
                                   across ? s * xb : lx,
                                   across ? ob : lo,
                                   edge,
                                   a->output + (out - 1) * ob,
                                   (ic >> 2),
                                   zp4,
                                   lines,
                                   lx,
                                   lo,
                                   0};
    if (a->records[0] == 1 && (across ? lines : last) >= 4) { /* the usual layers */
        nnom_dwpair_s8(&l);
        if ((ic & 3) == 1) { /* one channel past a multiple of four: the lane */
            const nnom_dwpair_grid_t g = {NULL, 0,  0,   a->input, a->output, lines,
                                          lx,   lo, last, s * xb,  ob,        xb};
            dwpair_lane(a, &g, edge, (out - 1) * ob);
        } else if ((ic & 3) != 0) /* the overlapping last group, channels ic - 4 on */
            dwpair_groups(&l, ic - 4, 1);
        return 1;
    }
    const dwpair_places_t g = {a->input, edge, a->output, last, s * xb, ob, xb, lx, lo};
    dwpair_rest(a, &l, &g, (across ? lines : last) < 4);
    return 1;
}

int nnom_dwpair_try(const nnom_conv_args_t *a)
{
    if (a->records != NULL && a->records[0] == NNOM_DWPAIR_PLAN) {
        /* the sets only where every byte they reach lies inside the
         * buffers (a header whose config and records disagree: the C
         * paths); asked at the first run only (kept after) */
        const int32_t *h = a->records + 1 + NNOM_DWPAIR_REC * a->in.c;
        return nnom_dwpair_plan_holds(a, h) && dwpair_plan_run(a, h);
    }
    return dwpair_try(a);
}

int nnom_dwpair_kept(const nnom_conv_args_t *a)
{
    if (a->records[0] == NNOM_DWPAIR_PLAN)
        return dwpair_plan_run(a, a->records + 1 + NNOM_DWPAIR_REC * a->in.c);
    return dwpair_try(a);
}

#else
typedef int nnom_local_dwpair_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
