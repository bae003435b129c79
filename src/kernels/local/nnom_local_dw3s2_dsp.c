/*
 * nnom_local_dw3s2_dsp.c - depthwise outputs of one row of three taps at
 * stride 2 ((3, 1) columns, (1, 3) rows), four channels, four outputs per
 * pass (-O2 on DSP cores; see nnom_local_dw3s2.h). Output o reads rows
 * 2o, 2o + 1, 2o + 2: the four outputs of a pass read nine rows, and each
 * shares one with the next. Channel-major: the rows are paired by PKH
 * ((0, 1), (2, 3), (4, 5), (6, 7) of channels 0, 1, and of 2, 3 kept on
 * the stack: fourteen registers hold only one half's pairs), and per
 * channel SXTB16 widens each pair, whose low halfword is also the third
 * tap of the output before:
 *   o_i = b + SMLAD(p(2i, 2i + 1), (w0, w1)) + p(2i + 2).lo w2
 * (row 8 unpaired: SMLABB / SMLATB on its SXTB16). One LDM reads a
 * channel's records (nnom_local_dw3s2.h), and one SSAT with a fixed shift
 * ends its requantisation; 144 instructions per pass of 48 MACs. A run's last one or two outputs take a pass of two
 * (one back for one), three a full pass one output back.
 */
#include "nnom_local_dw3s2.h"
#include "nnom_local_dw_odd.h"
#include "nnom_local_dw3.h"

#if NNOM_LOCAL_MAC_ASM
#include <string.h>

/* Channel C of a pass of two: pairs r1, r3, row 4 in r6. */
#define DW3S2_CHANNEL2(ROT, XY, C, C4)                                                           \
    "ldm    r2!, {r7, r8, r10, r11, r12}\n"                                              \
    "sxtb16 r0, r1" ROT "\n"                                                                     \
    NNOM_DW3S2_OUT("r3", ROT, "bb", C)                                                                \
    NNOM_DW3S2_OUT("r6", ROT, XY, C4)

/* Rows 0 to 7 from x ([sp, #16]) xs ([sp, #20]) apart into r3, r4, r5,
 * r7, r8, r9, r10, r11; r0 then at row 6, r1 xs. */
#define DW3S2_ROWS8                                                                              \
    "ldrd   r0, r1, [sp, #16]\n"                                                                 \
    "ldr    r3, [r0]\n"                                                                          \
    "ldr    r4, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r5, [r0]\n"                                                                          \
    "ldr    r7, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r8, [r0]\n"                                                                          \
    "ldr    r9, [r0, r1]\n"                                                                      \
    "add    r0, r0, r1, lsl #1\n"                                                                \
    "ldr    r10, [r0]\n"                                                                         \
    "ldr    r11, [r0, r1]\n"

/* nnom_dw3s2_s8(rec r0, runs r1, count r2, groups r3): nnom_dw3_s8's
 * arguments (nnom_local_dw3.h), output o of a run the taps at x + 2 o xs,
 * + xs, + 2 xs. Stack: [0] the pass's output words, [16] x of the pass,
 * [20] xs, [24] op, [28] out of the pass, [32] the end of the run's full
 * passes' outputs, [36] the outputs after them (0 to 3), [40] the next
 * run, [44] runs left, [48] runs, [52] count, [56] groups left, [60] the
 * pairs of channels 2, 3; then r4-r11, lr. In the passes r2 the records. */
__asm__(NNOM_ASM_FUNC("nnom_dw3s2_s8")
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #76\n"
        "str    r2, [sp, #44]\n"
        "strd   r1, r2, [sp, #48]\n"
        "str    r3, [sp, #56]\n"
        "mov    r2, r0\n"
        ".Ldw3s2_run:\n"
        "ldm    r1!, {r0, r3, r4, r5, r6}\n" /* x, out, n, xs, op */
        "str    r1, [sp, #40]\n"
        "strd   r0, r5, [sp, #16]\n"
        "strd   r6, r3, [sp, #24]\n"
        "and    r7, r4, #3\n"
        "str    r7, [sp, #36]\n"
        "bics   r4, r4, #3\n"
        "mla    r7, r4, r6, r3\n"
        "str    r7, [sp, #32]\n"
        "beq    .Ldw3s2_rest\n"
        ".Ldw3s2_pass:\n"
        DW3S2_ROWS8
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r6, [r0]\n" /* row 8 */
        "str    r0, [sp, #16]\n" /* the next pass's x */
        "pkhtb  r12, r4, r3, asr #16\n"
        "pkhtb  lr, r7, r5, asr #16\n"
        "strd   r12, lr, [sp, #60]\n"
        "pkhtb  r12, r9, r8, asr #16\n"
        "pkhtb  lr, r11, r10, asr #16\n"
        "strd   r12, lr, [sp, #68]\n"
        "pkhbt  r1, r3, r4, lsl #16\n"
        "pkhbt  r3, r5, r7, lsl #16\n"
        "pkhbt  r4, r8, r9, lsl #16\n"
        "pkhbt  r5, r10, r11, lsl #16\n"
        NNOM_DW3S2_CHANNEL("", "bb", "0", "4", "8", "12")
        NNOM_DW3S2_CHANNEL(", ror #8", "bb", "1", "5", "9", "13")
        "ldrd   r1, r3, [sp, #60]\n"
        "ldrd   r4, r5, [sp, #68]\n"
        NNOM_DW3S2_CHANNEL("", "tb", "2", "6", "10", "14")
        NNOM_DW3S2_CHANNEL(", ror #8", "tb", "3", "7", "11", "15")
        "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3S2_REC) "\n"
        "ldm    sp, {r7, r8, r9, lr}\n"
        "ldrd   r1, r3, [sp, #24]\n"
        "str    r7, [r3]\n"
        "str    r8, [r3, r1]\n"
        "add    r3, r3, r1, lsl #1\n"
        "str    r9, [r3]\n"
        "str    lr, [r3, r1]\n"
        "add    r3, r3, r1, lsl #1\n"
        "str    r3, [sp, #28]\n"
        "ldr    r7, [sp, #32]\n"
        "cmp    r3, r7\n"
        "bne    .Ldw3s2_pass\n"
        /* the outputs after the full passes: 3 by a full pass one output
         * back, 1 or 2 by a pass of two (one back for 1) */
        ".Ldw3s2_rest:\n"
        "ldr    r4, [sp, #36]\n"
        "cmp    r4, #0\n"
        "beq    .Ldw3s2_next\n"
        "movs   r5, #0\n"
        "str    r5, [sp, #36]\n"
        "ldrd   r0, r1, [sp, #16]\n"
        "ldrd   r5, r3, [sp, #24]\n"
        "cmp    r4, #3\n"
        "bne    .Ldw3s2_two\n"
        "sub    r0, r0, r1, lsl #1\n"
        "sub    r3, r3, r5\n"
        "add    r4, r3, r5, lsl #2\n"
        "str    r0, [sp, #16]\n"
        "strd   r3, r4, [sp, #28]\n"
        "b      .Ldw3s2_pass\n"
        ".Ldw3s2_two:\n"
        "cmp    r4, #1\n"
        "itt    eq\n"
        "subeq  r0, r0, r1, lsl #1\n"
        "subeq  r3, r3, r5\n"
        "str    r0, [sp, #16]\n"
        "str    r3, [sp, #28]\n"
        "ldr    r3, [r0]\n"
        "ldr    r4, [r0, r1]\n"
        "add    r0, r0, r1, lsl #1\n"
        "ldr    r5, [r0]\n"
        "ldr    r7, [r0, r1]\n"
        "ldr    r6, [r0, r1, lsl #1]\n" /* row 4 */
        "pkhtb  r12, r4, r3, asr #16\n"
        "pkhtb  lr, r7, r5, asr #16\n"
        "strd   r12, lr, [sp, #60]\n"
        "pkhbt  r1, r3, r4, lsl #16\n"
        "pkhbt  r3, r5, r7, lsl #16\n"
        DW3S2_CHANNEL2("", "bb", "0", "4")
        DW3S2_CHANNEL2(", ror #8", "bb", "1", "5")
        "ldrd   r1, r3, [sp, #60]\n"
        DW3S2_CHANNEL2("", "tb", "2", "6")
        DW3S2_CHANNEL2(", ror #8", "tb", "3", "7")
        "sub    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3S2_REC) "\n"
        "ldrd   r4, r5, [sp]\n"
        "ldrd   r1, r3, [sp, #24]\n"
        "str    r4, [r3]\n"
        "str    r5, [r3, r1]\n"
        ".Ldw3s2_next:\n"
        "ldrd   r1, r4, [sp, #40]\n"
        "subs   r4, r4, #1\n"
        "str    r4, [sp, #44]\n"
        "bne    .Ldw3s2_run\n"
        /* the next group: its records after this one's, the runs' x and
         * out 4 bytes on (in place) */
        "ldr    r4, [sp, #56]\n"
        "subs   r4, r4, #1\n"
        "ble    .Ldw3s2_done\n" /* (0 groups: one) */
        "str    r4, [sp, #56]\n"
        "add    r2, r2, #" NNOM_STR(4 * 4 * NNOM_DW3S2_REC) "\n"
        "ldrd   r1, r4, [sp, #48]\n"
        "str    r4, [sp, #44]\n"
        ".Ldw3s2_step:\n"
        "ldrd   r5, r6, [r1]\n"
        "adds   r5, r5, #4\n"
        "adds   r6, r6, #4\n"
        "strd   r5, r6, [r1], #20\n"
        "subs   r4, r4, #1\n"
        "bne    .Ldw3s2_step\n"
        "ldr    r1, [sp, #48]\n"
        "b      .Ldw3s2_run\n"
        ".Ldw3s2_done:\n"
        "add    sp, sp, #76\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dw3s2_s8, .-nnom_dw3s2_s8\n"
        ".text\n");

void nnom_dw3s2_s8(const int32_t *rec, nnom_dw3_run_t *runs, int32_t count, int32_t groups);

/* Bytes of a line's border rows' copies of every channel (more: not
 * taken; copies per group and line would cost more than the passes save):
 * all groups run in one call per line */
#define DW3S2_EDGE_BYTES 1152

/* Outputs at either end on copies of their rows (a pass of two), and
 * the rows they reach */
#define DW3S2_EDGE 2
#define DW3S2_ROWS (2 * DW3S2_EDGE + 1)

/* DW3S2_ROWS rows from row y0 (rows xb bytes apart, in of them), bytes each,
 * into e; the zero point outside the input. */
static void dw3s2_rows(const int8_t *x, int32_t y0, int32_t in, int32_t xb, int32_t bytes,
                       int32_t zp, int8_t *e)
{
    for (int32_t y = y0; y < y0 + DW3S2_ROWS; y++, e += bytes) {
        if (y >= 0 && y < in)
            memcpy(e, x + y * xb, (size_t)bytes);
        else
            memset(e, zp, (size_t)bytes);
    }
}

int nnom_dw3s2_try(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t ic = a->in.c, down = a->k.h == 3;
    if (a->records == NULL || a->records[0] != 1 || a->k.h * a->k.w != 3 || a->ch_mult != 1 || a->out.c != ic ||
        (ic % 4 != 0 && nnom_dw_odd_flat(a)) || p->output_zp != -128 || p->act_min != -128 || p->act_max != 127)
        return 0;
    /* u: along the taps; v: across (the lines) */
    const int32_t in = down ? a->in.h : a->in.w, out = down ? a->out.h : a->out.w;
    const int32_t s = down ? p->stride_h : p->stride_w, d = down ? p->dilation_h : p->dilation_w;
    const int32_t pad = down ? p->pad_top : p->pad_left, across = down ? p->pad_left : p->pad_top;
    if (s != 2 || d != 1 || pad < 0 || pad > 1 || across != 0 || out < NNOM_DW3S2_MIN_OUT ||
        2 * (out - 1) - pad >= in)
        return 0;
    const int32_t xb = down ? a->in.w * ic : ic, ob = down ? a->out.w * ic : ic;
    const int32_t lines = down ? a->out.w : a->out.h;
    const int32_t lx = down ? p->stride_w * ic : p->stride_h * a->in.w * ic;
    const int32_t lo = down ? ic : a->out.w * ic;
    /* the DW3S2_EDGE outputs at either end on copies of the rows they
     * reach where one of them reaches outside the input; the others on it */
    const int top = pad > 0, bot = 2 * (out - 1) - pad + 2 >= in;
    const int32_t m0 = top ? DW3S2_EDGE : 0, m1 = bot ? out - DW3S2_EDGE : out;
    const int32_t ybot = 2 * m1 - pad, rows = DW3S2_ROWS * (top + bot);
    if (rows * ic > DW3S2_EDGE_BYTES)
        return 0; /* (copies per group and line cost more than the passes save) */
    const int32_t es = ic; /* between the copied rows */
    uint32_t edges[DW3S2_EDGE_BYTES / 4]; /* (word-aligned: memcpy by words) */
    nnom_dw3_run_t runs[3];
    int32_t count = 0;
    runs[count++] = (nnom_dw3_run_t){NULL, NULL, m1 - m0, xb, ob};
    if (top)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, DW3S2_EDGE, es, ob};
    if (bot)
        runs[count++] = (nnom_dw3_run_t){NULL, NULL, DW3S2_EDGE, es, ob};
    const int8_t *x = a->input;
    int8_t *o = a->output;
    for (int32_t l = 0; l < lines; l++, x += lx, o += lo) {
        int8_t *e = (int8_t *)edges;
        nnom_dw3_run_t *r = runs;
        r->x = x + (2 * m0 - pad) * xb;
        r->out = o + m0 * ob;
        r++;
        if (top) {
            dw3s2_rows(x, -pad, in, xb, es, p->input_zp, e);
            r->x = e;
            r->out = o;
            r++;
            e += DW3S2_ROWS * es;
        }
        if (bot) {
            dw3s2_rows(x, ybot, in, xb, es, p->input_zp, e);
            r->x = e;
            r->out = o + m1 * ob;
        }
        nnom_dw3s2_s8(a->records + 1, runs, count, ic / 4);
        if (ic % 4 != 0) { /* the overlapping last group, channels ic - 4 on:
                              the runs moved on 4 (ic / 4 - 1) bytes */
            for (int32_t i = 0; i < count; i++) {
                runs[i].x += ic % 4;
                runs[i].out += ic % 4;
            }
            nnom_dw3s2_s8(a->records + 1 + NNOM_DW3S2_REC * (ic - 4), runs, count, 1);
        }
    }
    return 1;
}

#else
typedef int nnom_local_dw3s2_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
