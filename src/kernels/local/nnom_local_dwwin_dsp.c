/*
 * nnom_local_dwwin_dsp.c - depthwise 3x3 and 5x5 windows on small planes,
 * four channels at a time (-O2 on DSP cores; see nnom_local_dwwin.h).
 *
 * On planes of a few outputs per group of four channels the group path's
 * set-up per group (zero-padded widened weights, requantisation constants,
 * window tables) weighs as much as the windows. Here each group's plane,
 * padded with the input zero point, is copied into a buffer of
 * NNOM_DWWIN_PITCH words a row (the border once per layer, the inside per
 * group), so that every output is a whole window whose taps sit at fixed
 * offsets from its first: the assembly loads them by immediate offsets and
 * runs the one-row loop's pairs of taps (nnom_local_dwcol_dsp.c: PKH pairs
 * two taps' words, SXTB16 widens one channel's halfword pair, SMLAD
 * against the records' weight pair; 14 instructions for 8 MACs) on its
 * records (nnom_local_dwcol.h's layout, the taps in the weights' row-major
 * order), the padded taps weighing zp w like any input, which the records'
 * bias takes off. Per 3x3 output of four channels 91 instructions. The
 * records come from the converter on planes of a few outputs
 * (nnom/ops/dwwin_records.py), else nnom_dwwin_records() builds them per
 * group (~210 instructions for 3x3). Planes of more rows than the copy
 * holds go in strips of output lines.
 */
#include "nnom_local_dwwin.h"
#include "nnom_local_dwrect.h"
#include "nnom_local_dw_odd.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* One group's call: the plane copy at the first window, its output, its
 * records; outputs per line, lines; output bytes between outputs and
 * between lines. The field offsets are the assembly's. */
typedef struct {
    const uint32_t *x;
    int8_t *out;
    const int32_t *rec;
    int32_t ow, oh, op, ol;
    /* the groups' variants (names ending in g, one strip, the converter's
     * records): the group's first channel c, the last group's, the input
     * and output at channel 0, the copy's first word and its arguments */
    int32_t c, last;
    const int8_t *in;
    int8_t *out0;
    uint32_t *dst;
    const void *cp;
} nnom_dwwin_job_t;

typedef char nnom_dwwin_job_layout_t[offsetof(nnom_dwwin_job_t, rec) == 8 &&
                                             offsetof(nnom_dwwin_job_t, ol) == 24 &&
                                             offsetof(nnom_dwwin_job_t, c) == 28 &&
                                             offsetof(nnom_dwwin_job_t, cp) == 48
                                         ? 1
                                         : -1];

void nnom_dwwin_s8_3s1(const nnom_dwwin_job_t *j);
void nnom_dwwin_s8_3s2(const nnom_dwwin_job_t *j);
void nnom_dwwin_s8_5s1(const nnom_dwwin_job_t *j);
void nnom_dwwin_s8_5s2(const nnom_dwwin_job_t *j);
void nnom_dwwin_s8_3s2w(const nnom_dwwin_job_t *j);
/* The same on the layer's groups from c to last in one call (each group's
 * plane copied by nnom_dwwin_copy from the assembly): no call, loop and
 * job set-up in C per group (~40 instructions a group less). */
void nnom_dwwin_s8_3s1g(nnom_dwwin_job_t *j);
void nnom_dwwin_s8_3s2g(nnom_dwwin_job_t *j);
void nnom_dwwin_s8_5s1g(nnom_dwwin_job_t *j);
void nnom_dwwin_s8_5s2g(nnom_dwwin_job_t *j);


/* The bytes from a window's first tap to tap T of a K-wide kernel. */
#define DWWIN_OFF(T) "(((" T ") / \\k) * \\p + (" T ") % \\k) * 4"

/* DWWIN name, k, s, p, g: the function `name` for k x k windows at stride s
 * on a copy of p words a row; g 1: then the groups up to the job's last
 * (c advanced by 4, at most to last; each group's records follow the
 * previous group's).
 * r0 the window's first tap, r1 the records, r2 the output, r3 op, r4-r7
 * the sums, r11 the outputs left in the line; r8-r10, r12, lr scratch.
 * Stack: [0] the line's first window, [4] its output, [8] lines left,
 * [12] outputs per line, [16] output bytes between lines, [20] the job. */
__asm__(".macro DWWIN name, k, s, p, g=0\n"
        ".section .text.\\name,\"ax\",%progbits\n"
        ".global \\name\n"
        ".type \\name, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "\\name:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #24\n"
        ".if \\g\n"
        "str    r0, [sp, #20]\n"
        ".endif\n"
        "ldm    r0, {r4-r10}\n" /* x, out, rec, ow, oh, op, ol */
        "strd   r4, r5, [sp]\n"
        "str    r8, [sp, #8]\n"
        "str    r7, [sp, #12]\n"
        "str    r10, [sp, #16]\n"
        "mov    r0, r4\n"
        "mov    r2, r5\n"
        "mov    r1, r6\n"
        "mov    r3, r9\n"
        "1:\n"
        "ldr    r11, [sp, #12]\n"
        "2:\n"
        "ldm    r1!, {r4-r7}\n"
        ".set   dwwin_t, 0\n"
        ".rept  (\\k * \\k) / 2\n"
        "ldr    r8, [r0, #" DWWIN_OFF("dwwin_t") "]\n"
        "ldr    r9, [r0, #" DWWIN_OFF("dwwin_t + 1") "]\n"
        "pkhbt  r10, r8, r9, lsl #16\n"
        "pkhtb  r9, r9, r8, asr #16\n"
        "ldrd   r8, r12, [r1], #8\n"
        "sxtb16 lr, r10\n"
        "smlad  r4, lr, r8, r4\n"
        "sxtb16 lr, r10, ror #8\n"
        "smlad  r5, lr, r12, r5\n"
        "ldrd   r8, r12, [r1], #8\n"
        "sxtb16 lr, r9\n"
        "smlad  r6, lr, r8, r6\n"
        "sxtb16 lr, r9, ror #8\n"
        "smlad  r7, lr, r12, r7\n"
        ".set   dwwin_t, dwwin_t + 2\n"
        ".endr\n"
        /* the last tap: (a0, a2) and (a1, a3) against (w, 0) and (0, w) */
        "ldr    r8, [r0, #" DWWIN_OFF("dwwin_t") "]\n"
        "sxtb16 r10, r8\n"
        "sxtb16 r9, r8, ror #8\n"
        "ldrd   r8, r12, [r1], #8\n"
        "smlad  r4, r10, r8, r4\n"
        "smlad  r5, r9, r12, r5\n"
        "ldrd   r8, r12, [r1], #8\n"
        "smlad  r6, r10, r8, r6\n"
        "smlad  r7, r9, r12, r7\n"
        "ldm    r1!, {r8-r10}\n"
        "smmlar r4, r4, r8, r9\n"
        "asr    r4, r4, r10\n"
        "ssat   r4, #8, r4\n"
        "ldm    r1!, {r8-r10}\n"
        "smmlar r5, r5, r8, r9\n"
        "asr    r5, r5, r10\n"
        "ssat   r5, #8, r5\n"
        "bfi    r4, r5, #8, #8\n"
        "ldm    r1!, {r8-r10}\n"
        "smmlar r6, r6, r8, r9\n"
        "asr    r6, r6, r10\n"
        "ssat   r6, #8, r6\n"
        "bfi    r4, r6, #16, #8\n"
        "ldm    r1!, {r8-r10}\n"
        "smmlar r7, r7, r8, r9\n"
        "asr    r7, r7, r10\n"
        "ssat   r7, #8, r7\n"
        "bfi    r4, r7, #24, #8\n"
        "str    r4, [r2]\n"
        "add    r2, r2, r3\n"
        /* back to the records' start: bias, pairs and the last tap, rq */
        "sub    r1, r1, #(4 * (4 + 4 * ((\\k * \\k + 1) / 2) + 12))\n"
        "add    r0, r0, #(4 * \\s)\n"
        "subs   r11, r11, #1\n"
        "bne    2b\n"
        "ldrd   r0, r2, [sp]\n"
        "add    r0, r0, #(4 * \\p * \\s)\n"
        "ldr    r8, [sp, #16]\n"
        "add    r2, r2, r8\n"
        "strd   r0, r2, [sp]\n"
        "ldr    r8, [sp, #8]\n"
        "subs   r8, r8, #1\n"
        "str    r8, [sp, #8]\n"
        "bne    1b\n"
        ".if \\g\n"
        /* the next group: r1 is at this group's records again */
        "ldr    r12, [sp, #20]\n"
        "ldrd   r8, r9, [r12, #28]\n" /* c, last */
        "cmp    r8, r9\n"
        "bge    9f\n"
        "add    r8, r8, #4\n"
        "cmp    r8, r9\n"
        "it     gt\n"
        "movgt  r8, r9\n"
        "str    r8, [r12, #28]\n"
        "addw   r6, r1, #(4 * (4 + 4 * ((\\k * \\k + 1) / 2) + 12))\n"
        "ldrd   r0, r1, [r12, #36]\n" /* in, out0 */
        "add    r5, r1, r8\n"
        "add    r1, r0, r8\n"
        "ldrd   r0, r2, [r12, #44]\n" /* dst, cp */
        "bl     nnom_dwwin_copy\n"
        "ldr    r12, [sp, #20]\n"
        "ldr    r4, [r12]\n"
        "ldr    r8, [r12, #16]\n"
        "ldr    r3, [r12, #20]\n"
        "strd   r4, r5, [sp]\n"
        "str    r8, [sp, #8]\n"
        "mov    r0, r4\n"
        "mov    r2, r5\n"
        "mov    r1, r6\n"
        "b      1b\n"
        "9:\n"
        ".endif\n"
        "add    sp, sp, #24\n"
        "pop    {r4-r11, pc}\n"
        ".size \\name, .-\\name\n"
        ".endm\n"
        "DWWIN nnom_dwwin_s8_3s1, 3, 1, " NNOM_STR(NNOM_DWWIN_PITCH) "\n"
        "DWWIN nnom_dwwin_s8_3s2, 3, 2, " NNOM_STR(NNOM_DWWIN_PITCH) "\n"
        "DWWIN nnom_dwwin_s8_5s1, 5, 1, " NNOM_STR(NNOM_DWWIN_PITCH) "\n"
        "DWWIN nnom_dwwin_s8_5s2, 5, 2, " NNOM_STR(NNOM_DWWIN_PITCH) "\n"
        "DWWIN nnom_dwwin_s8_3s2w, 3, 2, " NNOM_STR(NNOM_DWWIN_WIDE) "\n"
        "DWWIN nnom_dwwin_s8_3s1g, 3, 1, " NNOM_STR(NNOM_DWWIN_PITCH) ", 1\n"
        "DWWIN nnom_dwwin_s8_3s2g, 3, 2, " NNOM_STR(NNOM_DWWIN_PITCH) ", 1\n"
        "DWWIN nnom_dwwin_s8_5s1g, 5, 1, " NNOM_STR(NNOM_DWWIN_PITCH) ", 1\n"
        "DWWIN nnom_dwwin_s8_5s2g, 5, 2, " NNOM_STR(NNOM_DWWIN_PITCH) ", 1\n"
        ".purgem DWWIN\n"
        ".text\n");

/* A group's plane inside the input: nx words a row from input words ic
 * bytes apart, ny rows `row` bytes apart in the input, `to` bytes apart
 * in the copy (its pitch). The field offsets are the assembly's. */
typedef struct {
    int32_t ic, nx, ny, row, to;
} nnom_dwwin_copy_t;

typedef char nnom_dwwin_copy_layout_t[offsetof(nnom_dwwin_copy_t, to) == 16 ? 1 : -1];

void nnom_dwwin_copy(uint32_t *dst, const int8_t *src, const nnom_dwwin_copy_t *g);

/* nnom_dwwin_copy(dst r0, src r1, g r2): per row two words per step (16
 * bytes of code, entered at the row's count of pairs; at most
 * NNOM_DWWIN_WIDE words), then the odd one. r2 ic, r3 nx, r12 rows left,
 * lr row, r7 the copy's pitch, r8 the entry, r9 and r6 the row's input and
 * copy, r4, r5 the words. */
__asm__(NNOM_ASM_FUNC("nnom_dwwin_copy")
        "push   {r4-r9, lr}\n"
        "ldr    r7, [r2, #16]\n"
        "ldm    r2, {r2, r3, r12, lr}\n"
        "adr.w  r8, 3f\n"
        "lsr    r9, r3, #1\n"
        "sub    r8, r8, r9, lsl #4\n"
        "orr    r8, r8, #1\n"
        "1:\n"
        "mov    r9, r1\n"
        "mov    r6, r0\n"
        "bx     r8\n"
        "2:\n"
        ".rept  " NNOM_STR(NNOM_DWWIN_WIDE) " / 2\n"
        "ldr.w  r4, [r9]\n"
        "ldr.w  r5, [r9, r2]\n"
        "add.w  r9, r9, r2, lsl #1\n"
        "strd   r4, r5, [r6], #8\n"
        ".endr\n"
        "3:\n"
        ".if 3b - 2b != " NNOM_STR(NNOM_DWWIN_WIDE) " / 2 * 16\n"
        ".error \"nnom_dwwin_copy: a pair is not 16 bytes\"\n"
        ".endif\n"
        "tst    r3, #1\n"
        "itt    ne\n"
        "ldrne  r4, [r9]\n"
        "strne  r4, [r6]\n"
        "add    r0, r0, r7\n"
        "add    r1, r1, lr\n"
        "subs   r12, r12, #1\n"
        "bne    1b\n"
        "pop    {r4-r9, pc}\n"
        ".size nnom_dwwin_copy, .-nnom_dwwin_copy\n"
        ".text\n");

/* The layer's weights ([taps][oc]), bias, requantisation (nnom_conv_args_t's),
 * oc, off: -input zp in each halfword, zp2: 2 output zp + 1, the kernel's
 * taps (odd), reach: 2^30 - taps 255 128 - 1 (the largest |bias| whose
 * doubled accumulator fits 32 bits). The field offsets are the assembly's. */
typedef struct {
    const int8_t *w;
    const int32_t *bias, *mult, *shift;
    int32_t oc;
    uint32_t off, zp2;
    int32_t taps, reach;
} nnom_dwwin_layer_t;

typedef char nnom_dwwin_layer_layout_t[offsetof(nnom_dwwin_layer_t, oc) == 16 &&
                                               offsetof(nnom_dwwin_layer_t, reach) == 32
                                           ? 1
                                           : -1];

int32_t nnom_dwwin_records(const nnom_dwwin_layer_t *l, int32_t c, int32_t *rec);

/* nnom_dwwin_records(layer r0, c r1, rec r2): group c's records (the
 * layout of nnom_local_dwcol.h, an odd count of taps): 1, or 0 where a
 * channel's requantisation does not suit (the records then unusable).
 * Per pair of taps the two taps' words paired by PKH, widened by SXTB16,
 * doubled by SADD16, the bias taking off zp times them by SMLAD (-zp in
 * each halfword); per channel the checks of nnom_dw3_records(). Stack:
 * [0] layer, [4] c, [8] rec. */
__asm__(NNOM_ASM_FUNC("nnom_dwwin_records")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #12\n"
        "stm    sp, {r0, r1, r2}\n"
        "ldr    r4, [r0, #4]\n"
        "add    r4, r4, r1, lsl #2\n"
        "ldm    r4, {r8-r11}\n" /* the bias, doubled */
        "lsl    r8, r8, #1\n"
        "lsl    r9, r9, #1\n"
        "lsl    r10, r10, #1\n"
        "lsl    r11, r11, #1\n"
        "ldr    r3, [r0, #0]\n"
        "add    r3, r3, r1\n"
        "ldr    r12, [r0, #16]\n"
        "ldr    lr, [r0, #20]\n"
        "ldr    r1, [r0, #28]\n"
        "add    r2, r2, #16\n"
        "lsr    r1, r1, #1\n" /* pairs (at least one) */
        "1:\n"
        "ldr    r4, [r3]\n"
        "ldr    r5, [r3, r12]\n"
        "add    r3, r3, r12, lsl #1\n"
        "pkhbt  r6, r4, r5, lsl #16\n"
        "pkhtb  r7, r5, r4, asr #16\n"
        "sxtb16 r4, r6\n"
        "sxtb16 r5, r6, ror #8\n"
        "sxtb16 r6, r7\n"
        "sxtb16 r7, r7, ror #8\n"
        "sadd16 r4, r4, r4\n"
        "sadd16 r5, r5, r5\n"
        "sadd16 r6, r6, r6\n"
        "sadd16 r7, r7, r7\n"
        "smlad  r8, r4, lr, r8\n"
        "smlad  r9, r5, lr, r9\n"
        "smlad  r10, r6, lr, r10\n"
        "smlad  r11, r7, lr, r11\n"
        "stm    r2!, {r4-r7}\n"
        "subs   r1, r1, #1\n"
        "bne    1b\n"
        /* the last tap: (2 w, 0) for channels 0, 1, (0, 2 w) for 2, 3 */
        "ldr    r7, [r3]\n"
        "sxtb16 r6, r7\n"
        "sxtb16 r7, r7, ror #8\n"
        "sadd16 r6, r6, r6\n"
        "sadd16 r7, r7, r7\n"
        "uxth   r4, r6\n"
        "uxth   r5, r7\n"
        "bfc    r6, #0, #16\n"
        "bfc    r7, #0, #16\n"
        "smlad  r8, r4, lr, r8\n"
        "smlad  r9, r5, lr, r9\n"
        "smlad  r10, r6, lr, r10\n"
        "smlad  r11, r7, lr, r11\n"
        "stm    r2!, {r4-r7}\n"
        "ldr    r4, [sp, #8]\n"
        "stm    r4, {r8-r11}\n"
        /* per channel mult, ra, e; r8 gathers in its sign whether mult <= 0,
         * e - 2 outside 0 to 21 or |bias| > reach */
        "ldm    sp, {r0, r1}\n"
        "ldr    r3, [r0, #8]\n"
        "add    r3, r3, r1, lsl #2\n"
        "ldr    r4, [r0, #12]\n"
        "add    r4, r4, r1, lsl #2\n"
        "ldr    r5, [r0, #4]\n"
        "add    r5, r5, r1, lsl #2\n"
        "ldr    r6, [r0, #24]\n"
        "ldr    r7, [r0, #32]\n"
        "movs   r8, #0\n"
        "movs   r1, #4\n"
        "2:\n"
        "ldr    r9, [r3], #4\n"
        "ldr    r10, [r4], #4\n"
        "ldr    r11, [r5], #4\n"
        "sub    lr, r9, #1\n"
        "orr    r8, r8, r9\n"
        "orr    r8, r8, lr\n"
        "rsb    r10, r10, #0\n"
        "sub    lr, r10, #2\n"
        "orr    r8, r8, lr\n"
        "rsb    lr, lr, #21\n"
        "orr    r8, r8, lr\n"
        "sub    lr, r7, r11\n"
        "orr    r8, r8, lr\n"
        "add    lr, r7, r11\n"
        "orr    r8, r8, lr\n"
        "sub    lr, r10, #1\n"
        "lsl    r11, r6, lr\n"
        "str    r9, [r2], #4\n"
        "strd   r11, r10, [r2], #8\n"
        "subs   r1, r1, #1\n"
        "bne    2b\n"
        "mvn    r0, r8\n"
        "lsr    r0, r0, #31\n"
        "add    sp, sp, #12\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwwin_records, .-nnom_dwwin_records\n"
        ".text\n");

/* Records of a group: bias, pairs of taps and the last one, rq (words). */
#define DWWIN_REC(k) (4 + 4 * (((k) * (k) + 1) / 2) + 12)

/* At most this many strips of output lines (taller planes take the
 * other paths). */
#define DWWIN_STRIPS 8

/* A strip: its output lines and their offset in the output; the input
 * rows in the copy (from row y of the copy, `in` bytes into the group's
 * input), and the copy's rows outside the input, [0, y) and [end, rows). */
typedef struct {
    int32_t n, out, y, ny, in, end, rows;
} dwwin_strip_t;

/* The pad below stores its words itself: GCC would make each row a
 * memset call (dearer than a few stores on the rows of small planes). */
#if defined(__GNUC__) && !defined(__clang__)
#define DWWIN_NO_MEMSET __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define DWWIN_NO_MEMSET
#endif

/* columns [c0, c1) of rows [r0, r1) of the plane copy (pitch pt words)
 * set to the zero point in every byte (the windows read columns [0, cols)
 * only) */
NNOM_INLINE DWWIN_NO_MEMSET void dwwin_pad(uint32_t *plane, int32_t pt, int32_t r0, int32_t r1,
                                      int32_t c0, int32_t c1, int32_t zp)
{
    const uint32_t z = ((uint32_t)zp & 0xFFu) * 0x01010101u;
    uint32_t *p = plane + r0 * pt + c0;
    /* no columns (pad_left 0: every valid layer) or one (a same layer's
     * right edge): no row loop around an empty or one-word one (~5 and ~8
     * instructions a row less, (3,3) s2 18x6x9 same) */
    if (c1 <= c0)
        return;
    if (c1 - c0 == 1) {
        for (; r0 < r1; r0++, p += pt)
            *p = z;
        return;
    }
    for (; r0 < r1; r0++, p += pt)
        for (int32_t c = 0; c < c1 - c0; c++)
            p[c] = z;
}

/* 1 with t set up where the channels are one over a multiple of four
 * (above four) and the last one's bias leaves the sums in 32 bits. */
static int dwwin_tail_of(const nnom_conv_args_t *a, nnom_dwwin_tail_t *t)
{
    const int32_t oc = a->out.c, k = a->k.h, c = oc - 1, b = a->bias[c];
    const int32_t reach = ((int32_t)1 << 30) - k * k * 255 * 128;
    if (oc < 4 || oc % 4 != 1 || b >= reach || b <= -reach)
        return 0;
    /* field by field: a compound literal zeroed w's 25 words and rq by
     * memset first (~100 instructions a run; the tail reads k * k) */
    t->x = NULL;
    t->out = NULL;
    t->ow = a->out.w;
    t->oh = 0;
    t->op = oc;
    t->ol = a->out.w * oc;
    t->k = k;
    t->s = a->p.stride_h;
    t->lo = a->p.act_min;
    t->hi = a->p.act_max;
    int32_t sum = 0;
    for (int32_t j = 0; j < k * k; j++)
        sum += t->w[j] = a->weight[j * oc + c];
    t->bias = b - a->p.input_zp * sum;
    t->rq = nnom_rq_of(a->rq.mult[c], a->rq.shift[c], a->p.output_zp);
    return 1;
}

/* The layer (nnom_dwwin_try() checked it) group by group; dwwin_one: in
 * one strip on the converter's records. */
static NNOM_NOINLINE int dwwin_run(const nnom_conv_args_t *a);
static NNOM_NOINLINE int dwwin_one(const nnom_conv_args_t *a);

int nnom_dwwin_try(const nnom_conv_args_t *a)
{
    const int32_t k = a->k.h, s = a->p.stride_h, oc = a->out.c;
    /* the padded plane's columns the windows reach, from -pad_left, first:
     * the larger layers go on at once */
    if ((a->out.w - 1) * s + k > (k == 3 && s == 2 ? NNOM_DWWIN_WIDE : NNOM_DWWIN_PITCH) ||
        a->k.w != k || (k != 3 && k != 5) ||
        a->p.stride_w != s || (s != 1 && s != 2) || a->ch_mult != 1 || oc != a->in.c ||
        (oc % 4 != 0 && oc < NNOM_DW_ODD_GROUPED_MIN) || a->p.dilation_h != 1 ||
        a->p.dilation_w != 1 || a->p.output_zp != -128 || a->p.act_min != -128 ||
        a->p.act_max != 127 || a->p.pad_top < 0 || a->p.pad_left < 0 || nnom_dwrect_given(a))
        return 0;
    /* the wide copy (no one-channel tail: the last group overlaps) on
     * fewer than 16 channels not a multiple of four: the last group's idle
     * lanes weigh more than the flat path's cost there ((3,3) s2 49x33x6
     * same 3.61 flat, 3.88 here; 30x30x10 3.39, 3.54; 30x30x14 3.29, 3.36;
     * 30x30x18 3.94, 3.26) */
    if ((a->out.w - 1) * s + k > NNOM_DWWIN_PITCH && oc % 4 != 0 && oc < 16)
        return 0;
    /* dwwin_one: the converter's records (their first word even:
     * dwwin_run_p's test), no tail (dwwin_tail_of's channels: one over a
     * multiple of four, above four), the rows and columns fit the copy,
     * the input reaches inside the windows (a row and a column of it at
     * least). Asked here, not in dwwin_run, whose frame (the copy's 2.3 KB
     * and nine registers) is set up before its first test; the records
     * asked first: layers without them pay ~3 instructions. */
    if (a->records != NULL && (oc % 4 != 1 || oc < 4) && (a->records[0] & 1) == 0 &&
        (a->out.w - 1) * s + k <= NNOM_DWWIN_PITCH && (a->out.h - 1) * s + k <= NNOM_DWWIN_PITCH &&
        a->p.pad_top < k && a->p.pad_left < k && a->in.h > 0 && a->in.w > 0)
        return dwwin_one(a);
    return dwwin_run(a);
}

/* Strip q's input rows into the copy (pitch pt words) at column pl
 * (channels from in), with pad: its rows outside the input set to the zero
 * point again. */
NNOM_INLINE void dwwin_strip_fill(uint32_t *plane, int32_t pt, const dwwin_strip_t *q, int pad,
                                   int32_t zp, int32_t pl, const int8_t *in,
                                   nnom_dwwin_copy_t *inside, int32_t cols)
{
    if (pad) {
        dwwin_pad(plane, pt, 0, q->y, 0, cols, zp);
        dwwin_pad(plane, pt, q->end, q->rows, 0, cols, zp);
    }
    inside->ny = q->ny;
    if (inside->ny > 0 && inside->nx > 0)
        nnom_dwwin_copy(plane + q->y * pt + pl, in + q->in, inside);
}

/* The layer on a copy of pw words a row (a constant: each copy's
 * offsets and pads compile as before the wide one). */
NNOM_INLINE int dwwin_run_p(const nnom_conv_args_t *a, const int32_t pw)
{
    const int32_t k = a->k.h, s = a->p.stride_h, oc = a->out.c, ic = a->in.c;
    const int32_t cols = (a->out.w - 1) * s + k, pt = a->p.pad_top, pl = a->p.pad_left;
    const int wide = pw != NNOM_DWWIN_PITCH;
    /* strips of output lines whose windows' rows fit the copy (the whole
     * plane in one where they do), as even as they go: the copy's rows
     * padded and copied again per strip are the fewest then */
    const int32_t most = (NNOM_DWWIN_PITCH * NNOM_DWWIN_PITCH / pw - k) / s + 1, oh = a->out.h;
    const int32_t strips = (oh + most - 1) / most, zp = a->p.input_zp;
    if (strips > DWWIN_STRIPS)
        return 0;
    const int32_t lines = (oh + strips - 1) / strips;
    dwwin_strip_t st[DWWIN_STRIPS];
    const int32_t row = a->in.w * ic;
    for (int32_t j = 0, oy = 0; j < strips; j++, oy += lines) {
        const int32_t n = oh - oy < lines ? oh - oy : lines, r = (n - 1) * s + k;
        const int32_t y0 = oy * s - pt; /* the input row of the copy's first */
        const int32_t ya = y0 > 0 ? y0 : 0, yend = y0 + r < a->in.h ? y0 + r : a->in.h;
        const int32_t yb = yend > ya ? yend : ya; /* input rows [ya, yb) */
        st[j] = (dwwin_strip_t){n, oy * a->out.w * oc, ya - y0, yb - ya, ya * row, yb - y0, r};
    }
    const int32_t nx = a->in.w < cols - pl ? a->in.w : cols - pl; /* input columns in it */
    uint32_t plane[NNOM_DWWIN_PITCH * NNOM_DWWIN_PITCH];
    int32_t rec[DWWIN_REC(5)];
    /* the zero point on the border (every group overwrites the inside;
     * with several strips, each strip's rows outside the input are set
     * again; the first strip has the most rows) */
    dwwin_pad(plane, pw, 0, st[0].y, 0, cols, zp);
    dwwin_pad(plane, pw, st[0].end, st[0].rows, 0, cols, zp);
    dwwin_pad(plane, pw, st[0].y, st[0].end, 0, pl, zp);
    dwwin_pad(plane, pw, st[0].y, st[0].end, pl + nx, cols, zp);
    static void (*const run[5])(const nnom_dwwin_job_t *) = {
        nnom_dwwin_s8_3s1, nnom_dwwin_s8_3s2, nnom_dwwin_s8_5s1, nnom_dwwin_s8_5s2,
        nnom_dwwin_s8_3s2w};
    void (*const fn)(const nnom_dwwin_job_t *) = run[wide ? 4 : (k == 5) * 2 + (s == 2)];
    nnom_dwwin_job_t job; /* (the grouped call's fields set there only) */
    job.x = plane;
    job.rec = rec;
    job.ow = a->out.w;
    job.oh = st[0].n;
    job.op = oc;
    job.ol = a->out.w * oc;
    job.c = 0;
    nnom_dwwin_copy_t inside = {ic, nx, st[0].ny, row, 4 * pw};
    uint32_t *const dst = plane + st[0].y * pw + pl; /* (one strip) */
    const int copy = inside.ny > 0 && nx > 0;
    /* the converter's records (checked there; none for the wide copy), or
     * the group's built here; not another path's: dwcols' (first word 1:
     * one output column of 5 to 8, 5x5 s2 on 5 to 7 channels, which
     * nnom_dwwin_try takes first) would be read as these (the window
     * loop's first word is a doubled sum: even) */
    const int32_t *given = wide || a->records == NULL || (a->records[0] & 1) ? NULL : a->records;
    const nnom_dwwin_layer_t layer = {a->weight,
                                      a->bias,
                                      a->rq.mult,
                                      a->rq.shift,
                                      oc,
                                      (uint32_t)nnom_offset2(a->p.input_zp),
                                      (uint32_t)(2 * a->p.output_zp + 1),
                                      k * k,
                                      ((int32_t)1 << 30) - k * k * 255 * 128 - 1};
    /* one channel over a multiple of four: the last group's copy, that
     * channel alone (nnom_dwwin_tail) */
    nnom_dwwin_tail_t tail;
    const int32_t r = wide ? 0 : dwwin_tail_of(a, &tail);
    tail.x = plane;
    int32_t c = 0;
    /* one strip on the converter's records: the groups before the tail in
     * one call (c then the last of them) */
    if (strips == 1 && copy && given != NULL) {
        static void (*const groups[4])(nnom_dwwin_job_t *) = {
            nnom_dwwin_s8_3s1g, nnom_dwwin_s8_3s2g, nnom_dwwin_s8_5s1g, nnom_dwwin_s8_5s2g};
        job.rec = given;
        job.out = a->output;
        job.last = oc - r - 4;
        job.in = a->input;
        job.out0 = a->output;
        job.dst = dst;
        job.cp = &inside;
        nnom_dwwin_copy(dst, a->input, &inside);
        groups[(k == 5) * 2 + (s == 2)](&job);
        c = nnom_dw_odd_next(job.last, oc);
    }
    for (; c < oc; c = nnom_dw_odd_next(c, oc)) {
        if (r != 0 && c + 4 > oc - r) { /* (the overlapping last group) */
            for (const dwwin_strip_t *q = st; q != st + strips; q++) {
                dwwin_strip_fill(plane, pw, q, strips > 1, zp, pl, a->input + c, &inside, cols);
                tail.oh = q->n;
                tail.out = a->output + oc - r + q->out;
                nnom_dwwin_tail(&tail);
            }
            continue;
        }
        if (given != NULL)
            job.rec = given + (c + 3) / 4 * DWWIN_REC(k);
        else if (!nnom_dwwin_records(&layer, c, rec))
            return 0;
        if (strips == 1) {
            if (copy)
                nnom_dwwin_copy(dst, a->input + c, &inside);
            job.out = a->output + c;
            fn(&job);
            continue;
        }
        for (const dwwin_strip_t *q = st; q != st + strips; q++) {
            dwwin_strip_fill(plane, pw, q, 1, zp, pl, a->input + c, &inside, cols);
            job.oh = q->n;
            job.out = a->output + c + q->out;
            fn(&job);
        }
    }
    return 1;
}

/* One strip on the converter's records, no channel alone (none over a
 * multiple of four, or fewer than four over it: the last group overlaps):
 * the pads, the copy and the groups' call without dwwin_run_p's strips,
 * tail and per-group loop (~270 instructions a layer there, most of a
 * small plane's fixed cost: (3,3) s1 4x4x12 valid). */
static NNOM_NOINLINE int dwwin_one(const nnom_conv_args_t *a)
{
    const int32_t k = a->k.h, s = a->p.stride_h, oc = a->out.c;
    const int32_t rows = (a->out.h - 1) * s + k, cols = (a->out.w - 1) * s + k;
    const int32_t pt = a->p.pad_top, pl = a->p.pad_left, zp = a->p.input_zp;
    const int32_t ny = a->in.h < rows - pt ? a->in.h : rows - pt; /* input rows in it */
    const int32_t nx = a->in.w < cols - pl ? a->in.w : cols - pl; /* input columns */
    const int32_t end = pt + ny;
    uint32_t plane[NNOM_DWWIN_PITCH * NNOM_DWWIN_PITCH];
    /* no border (a 'valid' plane's windows inside the input): no pads */
    if (end < rows || pl + nx < cols || (pt | pl) != 0) {
        dwwin_pad(plane, NNOM_DWWIN_PITCH, 0, pt, 0, cols, zp);
        dwwin_pad(plane, NNOM_DWWIN_PITCH, end, rows, 0, cols, zp);
        dwwin_pad(plane, NNOM_DWWIN_PITCH, pt, end, 0, pl, zp);
        dwwin_pad(plane, NNOM_DWWIN_PITCH, pt, end, pl + nx, cols, zp);
    }
    nnom_dwwin_copy_t inside = {oc, nx, ny, a->in.w * oc, 4 * NNOM_DWWIN_PITCH};
    uint32_t *const dst = plane + pt * NNOM_DWWIN_PITCH + pl;
    nnom_dwwin_job_t job = {plane, a->output, a->records, a->out.w, a->out.h, oc,
                            a->out.w * oc, 0, oc - 4, a->input, a->output, dst, &inside};
    static void (*const groups[4])(nnom_dwwin_job_t *) = {
        nnom_dwwin_s8_3s1g, nnom_dwwin_s8_3s2g, nnom_dwwin_s8_5s1g, nnom_dwwin_s8_5s2g};
    nnom_dwwin_copy(dst, a->input, &inside);
    groups[(k == 5) * 2 + (s == 2)](&job);
    return 1;
}

/* rows of more than NNOM_DWWIN_PITCH columns (3x3 s2): the wide copy, as
 * many words in fewer rows */
static int dwwin_run(const nnom_conv_args_t *a)
{
    if ((a->out.w - 1) * a->p.stride_h + a->k.h > NNOM_DWWIN_PITCH)
        return dwwin_run_p(a, NNOM_DWWIN_WIDE);
    return dwwin_run_p(a, NNOM_DWWIN_PITCH);
}

#else
typedef int nnom_local_dwwin_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
