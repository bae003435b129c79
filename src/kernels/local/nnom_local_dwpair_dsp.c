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
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>
#include <string.h>

/* The assembly reads the fields by LDM, in these orders. */
typedef char nnom_dwpair_layout_t[offsetof(nnom_dwpair_run_t, n) == 8 &&
                                          offsetof(nnom_dwpair_run_t, op) == 20 &&
                                          sizeof(nnom_dwpair_run_t) == 24 &&
                                          offsetof(nnom_dwpair_layer_t, groups) == 12
                                      ? 1
                                      : -1];

#define DWP_STR_(x) #x
#define DWP_STR(x) DWP_STR_(x)

/* The widened pair in r12 requantised and stored as byte B (the stack's
 * output words at 16). */
#define DWP_RQ(B)                                                                                \
    "smlad  r12, r12, r8, r9\n"                                                                  \
    "smmla  r12, r12, r10, r11\n"                                                                \
    "ssat   r12, #8, r12, asr #" DWP_STR(NNOM_DWPAIR_N) "\n"                                     \
    "strb   r12, [sp, #" B "]\n"

/* Channel C of the pass's four outputs from S0..S3 (ROT picks its bytes). */
#define DWP_CHANNEL(S0, S1, S2, S3, ROT, B0, B1, B2, B3)                                         \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r12, " S0 ROT "\n" DWP_RQ(B0)                                                        \
    "sxtb16 r12, " S1 ROT "\n" DWP_RQ(B1)                                                        \
    "sxtb16 r12, " S2 ROT "\n" DWP_RQ(B2)                                                        \
    "sxtb16 r12, " S3 ROT "\n" DWP_RQ(B3)

/* The pass's four channels (L_o in r0-r3, H_o in r4-r7), then its output
 * words stored (stack: [16] the words, [32] out, [36] op, [40] 2 op,
 * [44] 3 op, [48] the end of the full passes); to L while passes are left. */
#define DWP_PASS(L)                                                                              \
    DWP_CHANNEL("r0", "r1", "r2", "r3", "", "16", "20", "24", "28")                              \
    DWP_CHANNEL("r0", "r1", "r2", "r3", ", ror #8", "17", "21", "25", "29")                      \
    DWP_CHANNEL("r4", "r5", "r6", "r7", "", "18", "22", "26", "30")                              \
    DWP_CHANNEL("r4", "r5", "r6", "r7", ", ror #8", "19", "23", "27", "31")                      \
    "sub    lr, lr, #" DWP_STR(16 * NNOM_DWPAIR_REC) "\n"                                        \
    "add    r12, sp, #16\n"                                                                      \
    "ldm    r12, {r0-r8}\n"                                                                      \
    "str    r0, [r4]\n"                                                                          \
    "str    r1, [r4, r5]\n"                                                                      \
    "str    r2, [r4, r6]\n"                                                                      \
    "str    r3, [r4, r7]\n"                                                                      \
    "add    r4, r4, r5, lsl #2\n"                                                                \
    "str    r4, [sp, #32]\n"                                                                     \
    "cmp    r4, r8\n"                                                                            \
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

/* nnom_dwpair_s8(layer r0): per group (lr at its records, [76] 4 g the
 * bytes from group 0's input and output), per run. Stack: [0] x, [4] xs,
 * [8] xp (stride 1: 2 xs), [12] xp + xs (stride 1: 3 xs), [16] the pass's
 * output words, [32] out, [36] op, [40] 2 op, [44] 3 op, [48] the end of
 * the full passes' outputs, [52] the outputs after them (0 to 3), [56] xp,
 * [60] the next run, [64] the runs' end, [68] the first run, [72] groups
 * left, [76] 4 g; then r4-r11, lr. */
__asm__(".section .text.nnom_dwpair_s8,\"ax\",%progbits\n"
        ".global nnom_dwpair_s8\n"
        ".type nnom_dwpair_s8, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_dwpair_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #84\n"
        "ldm    r0, {r1-r4}\n" /* rec, runs, count, groups */
        "mov    lr, r1\n"
        "add    r3, r3, r3, lsl #1\n"
        "add    r3, r2, r3, lsl #3\n"
        "str    r2, [sp, #60]\n"
        "strd   r3, r2, [sp, #64]\n"
        "movs   r0, #0\n"
        "strd   r4, r0, [sp, #72]\n"
        ".Ldwp_run:\n"
        "ldr    r12, [sp, #60]\n"
        "ldm    r12!, {r1-r6}\n" /* x, out, n, xs, xp, op */
        "str    r12, [sp, #60]\n"
        "ldr    r0, [sp, #76]\n"
        "add    r1, r1, r0\n"
        "add    r2, r2, r0\n"
        "str    r5, [sp, #56]\n"
        "and    r10, r3, #3\n"
        "str    r10, [sp, #52]\n"
        "bic    r3, r3, #3\n"
        "add    r7, r6, r6\n"
        "add    r8, r7, r6\n"
        "mla    r9, r3, r6, r2\n"
        "add    r12, sp, #32\n"
        "stm    r12, {r2, r6-r9}\n" /* out, op, 2 op, 3 op, end */
        "strd   r1, r4, [sp]\n"
        "cmp    r2, r9\n"
        "beq    .Ldwp_rest\n"
        "cmp    r4, r5\n"
        "beq    .Ldwp_s1\n"
        "add    r7, r4, r5\n"
        "stm    sp, {r1, r4, r5, r7}\n"
        ".Ldwp_pass:\n"
        "ldm    sp, {r8-r11}\n"
        DWP_LOAD2("r0", "r4", "r1", "r5")
        DWP_LOAD2("r2", "r6", "r3", "r7")
        "str    r8, [sp]\n"
        DWP_PASS(".Ldwp_pass")
        "b      .Ldwp_rest\n"
        /* stride 1: rows x, x + xs, ..., x + 4 xs, each read once */
        ".Ldwp_s1:\n"
        "add    r5, r4, r4\n"
        "add    r7, r5, r4\n"
        "stm    sp, {r1, r4, r5, r7}\n"
        ".Ldwp_pass1:\n"
        "ldm    sp, {r8-r11}\n"
        "ldr    r0, [r8]\n"
        "ldr    r1, [r8, r9]\n"
        "ldr    r2, [r8, r10]\n"
        "ldr    r3, [r8, r11]\n"
        "add    r8, r8, r9, lsl #2\n"
        "ldr    r12, [r8]\n"
        "str    r8, [sp]\n"
        "pkhtb  r4, r1, r0, asr #16\n"
        "pkhbt  r0, r0, r1, lsl #16\n"
        "pkhtb  r5, r2, r1, asr #16\n"
        "pkhbt  r1, r1, r2, lsl #16\n"
        "pkhtb  r6, r3, r2, asr #16\n"
        "pkhbt  r2, r2, r3, lsl #16\n"
        "pkhtb  r7, r12, r3, asr #16\n"
        "pkhbt  r3, r3, r12, lsl #16\n"
        DWP_PASS(".Ldwp_pass1")
        /* the outputs after the full passes, one by one: r0 x, r1 xs,
         * r2 xp, r3 out, r4 op, r5 left; r12 L, r7 H, r6 scratch */
        ".Ldwp_rest:\n"
        "ldr    r5, [sp, #52]\n"
        "cmp    r5, #0\n"
        "beq    .Ldwp_next\n"
        "ldrd   r0, r1, [sp]\n"
        "ldr    r2, [sp, #56]\n"
        "ldrd   r3, r4, [sp, #32]\n"
        ".Ldwp_one:\n"
        "ldr    r6, [r0]\n"
        "ldr    r7, [r0, r1]\n"
        "add    r0, r0, r2\n"
        "pkhbt  r12, r6, r7, lsl #16\n"
        "pkhtb  r7, r7, r6, asr #16\n"
        "ldm    lr!, {r8-r11}\n"
        "sxtb16 r6, r12\n"
        "smlad  r6, r6, r8, r9\n"
        "smmla  r6, r6, r10, r11\n"
        "ssat   r6, #8, r6, asr #" DWP_STR(NNOM_DWPAIR_N) "\n"
        "strb   r6, [r3, #0]\n"
        "ldm    lr!, {r8-r11}\n"
        "sxtb16 r6, r12, ror #8\n"
        "smlad  r6, r6, r8, r9\n"
        "smmla  r6, r6, r10, r11\n"
        "ssat   r6, #8, r6, asr #" DWP_STR(NNOM_DWPAIR_N) "\n"
        "strb   r6, [r3, #1]\n"
        "ldm    lr!, {r8-r11}\n"
        "sxtb16 r6, r7\n"
        "smlad  r6, r6, r8, r9\n"
        "smmla  r6, r6, r10, r11\n"
        "ssat   r6, #8, r6, asr #" DWP_STR(NNOM_DWPAIR_N) "\n"
        "strb   r6, [r3, #2]\n"
        "ldm    lr!, {r8-r11}\n"
        "sxtb16 r6, r7, ror #8\n"
        "smlad  r6, r6, r8, r9\n"
        "smmla  r6, r6, r10, r11\n"
        "ssat   r6, #8, r6, asr #" DWP_STR(NNOM_DWPAIR_N) "\n"
        "strb   r6, [r3, #3]\n"
        "sub    lr, lr, #" DWP_STR(16 * NNOM_DWPAIR_REC) "\n"
        "add    r3, r3, r4\n"
        "subs   r5, r5, #1\n"
        "bne    .Ldwp_one\n"
        /* the next run, or the next group's runs */
        ".Ldwp_next:\n"
        "ldrd   r0, r1, [sp, #60]\n"
        "cmp    r0, r1\n"
        "bne    .Ldwp_run\n"
        "ldrd   r1, r2, [sp, #68]\n"
        "subs   r2, r2, #1\n"
        "beq    .Ldwp_done\n"
        "ldr    r3, [sp, #76]\n"
        "adds   r3, r3, #4\n"
        "str    r1, [sp, #60]\n"
        "strd   r2, r3, [sp, #72]\n"
        "add    lr, lr, #" DWP_STR(16 * NNOM_DWPAIR_REC) "\n"
        "b      .Ldwp_run\n"
        ".Ldwp_done:\n"
        "add    sp, sp, #84\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwpair_s8, .-nnom_dwpair_s8\n"
        ".text\n");

void nnom_dwpair_job(const nnom_dwcol_job_t *j)
{
    const nnom_dwpair_run_t run = {j->x, j->out, j->n, j->xs, j->xp, j->op};
    const nnom_dwpair_layer_t l = {j->rec, &run, 1, 1};
    nnom_dwpair_s8(&l);
}

int nnom_dwpair_layer(const nnom_conv_args_t *a, const nnom_dwpair_axes_t *g)
{
    const int32_t ic = a->in.c, last = (g->out - 1) * g->ob;
    const int top = g->first > 0, bot = g->last < g->out, zp = a->p.input_zp;
    if (g->lines > NNOM_DWPAIR_LINES || ((top || bot) && g->lines * 4 * ic > NNOM_DWPAIR_COPY))
        return 0;
    uint32_t copy[NNOM_DWPAIR_COPY / 4];
    nnom_dwpair_run_t runs[2 * NNOM_DWPAIR_LINES];
    int32_t count = 0;
    int8_t *cp = (int8_t *)copy;
    const int8_t *x = a->input;
    int8_t *out = a->output;
    for (int32_t l = 0; l < g->lines; l++, x += g->lx, out += g->lo) {
        runs[count++] = (nnom_dwpair_run_t){x + (g->first * g->s - g->pad) * g->xb,
                                            out + g->first * g->ob,
                                            g->last - g->first,
                                            g->xb,
                                            g->s * g->xb,
                                            g->ob};
        if (!top && !bot)
            continue;
        /* the border outputs' rows (padding 1 at most: one border output
         * each side): the zero point, row 0; row in - 1, the zero point */
        memset(cp, zp, (size_t)ic);
        memcpy(cp + ic, x, (size_t)ic);
        memcpy(cp + 2 * ic, x + (g->in - 1) * g->xb, (size_t)ic);
        memset(cp + 3 * ic, zp, (size_t)ic);
        if (top && bot)
            runs[count++] = (nnom_dwpair_run_t){cp, out, 2, ic, 2 * ic, last};
        else
            runs[count++] = (nnom_dwpair_run_t){top ? cp : cp + 2 * ic, top ? out : out + last, 1,
                                                ic, ic, g->ob};
        cp += 4 * ic;
    }
    const nnom_dwpair_layer_t l = {a->records, runs, count, a->out.c / 4};
    nnom_dwpair_s8(&l);
    return 1;
}

int nnom_dwpair_records(const nnom_conv_args_t *a, int32_t c, int32_t *rec)
{
    const int32_t oc = a->out.c, zp = a->p.input_zp, zp2 = 2 * a->p.output_zp + 1;
    for (int32_t i = 0; i < 4; i++, rec += NNOM_DWPAIR_REC) {
        const int32_t ch = c + i, w0 = a->weight[ch], w1 = a->weight[oc + ch];
        const int32_t m = a->rq.mult[ch], e = -a->rq.shift[ch], j = NNOM_DWPAIR_N + 1 - e;
        if (m <= 0 || j < 2 || j > 8)
            return 0;
        /* the bias with the input zero point; the sums scaled by 2^j must
         * stay below 2^31 (two products of at most 2^14 each) */
        const int64_t b = (int64_t)a->bias[ch] - (int64_t)zp * (w0 + w1);
        const int64_t reach = ((int64_t)1 << (31 - j)) - 32768;
        if (b >= reach || b <= -reach)
            return 0;
        rec[0] = (int32_t)(((uint32_t)(w0 * (1 << j)) & 0xFFFFu) | ((uint32_t)(w1 * (1 << j)) << 16));
        rec[1] = (int32_t)((uint32_t)b << j);
        rec[2] = m;
        rec[3] = (int32_t)((((uint32_t)zp2 << e) + 1u) << (j - 2));
    }
    return 1;
}

#else
typedef int nnom_local_dwpair_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
