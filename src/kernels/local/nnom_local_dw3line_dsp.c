/*
 * nnom_local_dw3line_dsp.c - three taps at stride 1 on long lines from the
 * dispatcher's start (see nnom_local_dw3line.h): its tries in between and
 * their tests cost ~120 instructions a layer ((3,1) s1 30x1x10 valid).
 */
#include "nnom_local_dw3line.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <string.h>

#include "nnom_local_dw3.h"
#include "nnom_local_dwgroup.h"

/* dw3_asm with the layer's context (a NOINLINE function of its own: its
 * stores cost the one-line layers nothing) */
static NNOM_NOINLINE int dw3_asm_of(const nnom_conv_args_t *a, const dw_axis_t *u,
                                    const dw_axis_t *v, int32_t lo, int32_t hi)
{
    const nnom_conv_params_t *p = &a->p;
    const dw_ctx_t t = {a,          a->in.h,      a->in.w,         a->in.c,
                        a->k.h,     a->k.w,       p->stride_h,     p->stride_w,
                        p->dilation_h, p->dilation_w, p->pad_top, p->pad_left,
                        a->out.h,   a->out.w,     a->out.c};
    return dw3_asm(&t, u, v, lo, hi);
}

/* The line's copy (rows not word-aligned, where memcpy and memset cost
 * ~300 instructions for 34 rows of 7 channels; nnom_local_dw3line.h): z zp
 * bytes, then n >= 4 bytes of x, then zp words up to span (3 bytes
 * past it at most); the copy starts 0 to 3 bytes into buf so that its
 * first input byte is word-aligned (STM), the input read by words (any
 * alignment). */
int8_t *nnom_dw3_line_fill(uint32_t *buf, const int8_t *x, int32_t z, int32_t n, int32_t span,
                           uint32_t z4)
{
    int8_t *cp = (int8_t *)buf + 3 - (z + 3) % 4;
    uint32_t *d = (uint32_t *)(void *)(cp + z);
    for (uint32_t *w = buf; w < d; w++)
        *w = z4;
    const int8_t *e = x + n - 4;
    if (e - x >= 28) { /* 32 bytes a pass (13 instructions; GCC's 20) */
        const int8_t *stop = e - 28;
        __asm__ volatile("1:\n"
                         "ldr    r4, [%[x]]\n"
                         "ldr    r5, [%[x], #4]\n"
                         "ldr    r6, [%[x], #8]\n"
                         "ldr    r7, [%[x], #12]\n"
                         "stmia  %[d]!, {r4-r7}\n"
                         "ldr    r4, [%[x], #16]\n"
                         "ldr    r5, [%[x], #20]\n"
                         "ldr    r6, [%[x], #24]\n"
                         "ldr    r7, [%[x], #28]\n"
                         "adds   %[x], %[x], #32\n"
                         "stmia  %[d]!, {r4-r7}\n"
                         "cmp    %[x], %[stop]\n"
                         "bls    1b\n"
                         : [x] "+r"(x), [d] "+r"(d)
                         : [stop] "r"(stop)
                         : "r4", "r5", "r6", "r7", "cc", "memory");
    }
    for (; x < e; x += 4)
        *d++ = nnom_read4(x);
    const uint32_t last = nnom_read4(e);
    memcpy(cp + z + n - 4, &last, 4);
    for (int8_t *f = cp + z + n; f < cp + span; f += 4)
        memcpy(f, &z4, 4);
    return cp;
}

/* One line (the channels past a multiple of four first, nnom_dw3p_s8 on
 * the overlapping last group): inside, one run on the input; else one
 * run on the line's copy (the input zero point outside the input). Its
 * own frame: the copy's bytes are not on the stack while dw3_asm runs. */
static NNOM_NOINLINE void dw3_line_one(const nnom_conv_args_t *a, const dw_axis_t *u,
                                       int inside)
{
    const int32_t ic = a->in.c, oc = a->out.c, rest = oc % 4, span = (u->out + 2) * ic;
    uint32_t copy[NNOM_DW3LINE_COPY / 4 + 2]; /* (+2: dw3_line_fill's first and last words) */
    nnom_dw3_run_t run = {a->input, a->output, u->out, u->xb, u->ob};
    if (!inside) { /* (some row inside: 3 or more) */
        const int32_t y = -u->pad, y1 = u->out + 2 + y < u->in ? u->out + 2 + y : u->in;
        const int32_t y0 = y < 0 ? 0 : y;
        run.x = nnom_dw3_line_fill(copy, a->input + y0 * ic, (y0 - y) * ic, (y1 - y0) * ic, span,
                                   ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u);
    }
    const int8_t *x = run.x;
    if (rest != 0) {
        /* one channel past a multiple of four alone ((1,3) s1 1x25x5
         * valid 1556 -> 1378), else the overlapping last group */
        const int one = rest == 1 && u->xb == u->ob;
        const int32_t c = one ? oc - 1 : oc - 4;
        run.x = x + c;
        run.out = a->output + c;
        if (one)
            nnom_dw3c1_s8(a->records + c * NNOM_DW3_REC, &run);
        else
            nnom_dw3p_s8(a->records + c * NNOM_DW3_REC, &run, 1, 4 - rest);
        run.x = x;
        run.out = a->output;
    }
    nnom_dw3_s8(a->records, &run, 1, oc / 4);
}

/* Four channels' 'same' line into d: a row a word, between zp words
 * (8 instructions a four rows where nnom_dw3_line_fill's course costs
 * ~63 on 12 rows); the input read by words (any alignment). */
static inline void dw3_fill4(uint32_t *d, const int8_t *x, int32_t n, uint32_t z4)
{
    *d++ = z4;
    __asm__ volatile("subs   %[n], %[n], #4\n"
                     "blt    2f\n"
                     "1:\n"
                     "ldr    r4, [%[x]]\n"
                     "ldr    r5, [%[x], #4]\n"
                     "ldr    r6, [%[x], #8]\n"
                     "ldr    r7, [%[x], #12]\n"
                     "adds   %[x], %[x], #16\n"
                     "stmia  %[d]!, {r4-r7}\n"
                     "subs   %[n], %[n], #4\n"
                     "bge    1b\n"
                     "2:\n"
                     "adds   %[n], %[n], #4\n"
                     "beq    4f\n"
                     "3:\n"
                     "ldr    r4, [%[x]], #4\n"
                     "str    r4, [%[d]], #4\n"
                     "subs   %[n], %[n], #1\n"
                     "bne    3b\n"
                     "4:\n"
                     "str    %[z], [%[d]]\n"
                     : [x] "+r"(x), [d] "+r"(d), [n] "+r"(n)
                     : [z] "r"(z4)
                     : "r4", "r5", "r6", "r7", "cc", "memory");
}

/* DW_THREE_L's line of four channels, 'same' (its direct type's, chosen at
 * build: no tests a run, n from the one line's out.h * out.w; (3,1) s1
 * 10x1x4 same 489 -> 477) */
void nnom_dw3_line4s_b_s8(const nnom_conv_args_t *a, const int8_t *input, int8_t *output)
{
    const int32_t n = a->out.h * a->out.w;
    uint32_t copy[NNOM_DW3LINE_COPY / 4 + 2];
    dw3_fill4(copy, input, n, ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u);
    nnom_dw3_run_t run = {(const int8_t *)copy, output, n, 4, 4};
    nnom_dw3_s8(a->records, &run, 1, 1);
}

/* DW_THREE_L's line (nnom_local_dw3line.h's nnom_dw3_line_b_asks, held
 * at build): dw3_line_one's course on the block's fields and the layer's
 * buffers, no axes, no tests ((3,1) s1 12x1x4 same: nnom_dw3_line_try,
 * dw3_line_one and the dispatcher ~210 of 809). 'same' (out == in):
 * the line copied between zp rows; 'valid': the input itself. */
void nnom_dw3_line_b_s8(const nnom_conv_args_t *a, const int8_t *input, int8_t *output)
{
    const int down = a->k.w == 1;
    const int32_t ic = a->in.c, rest = ic & 3, n = down ? a->out.h : a->out.w;
    const int same = n == (down ? a->in.h : a->in.w);
    const uint32_t z4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    uint32_t copy[NNOM_DW3LINE_COPY / 4 + 2]; /* (+2: dw3_line_fill's first and last words) */
    nnom_dw3_run_t run = {input, output, n, ic, ic};
    if (rest == 0) { /* four channels: one group */
        if (same) {
            dw3_fill4(copy, input, n, z4);
            run.x = (const int8_t *)copy;
        }
        nnom_dw3_s8(a->records, &run, 1, 1);
        return;
    }
    const int8_t *x = same ? nnom_dw3_line_fill(copy, input, ic, n * ic, (n + 2) * ic, z4) : input;
    /* as dw3_line_one: the fifth channel alone, else the overlapping group */
    const int32_t c = rest == 1 ? ic - 1 : ic - 4;
    run.x = x + c;
    run.out = output + c;
    if (rest == 1)
        nnom_dw3c1_s8(a->records + c * NNOM_DW3_REC, &run);
    else
        nnom_dw3p_s8(a->records + c * NNOM_DW3_REC, &run, 1, 4 - rest);
    run.x = x;
    run.out = output;
    nnom_dw3_s8(a->records, &run, 1, 1);
}

/* A short line (2 to DW3_MIN_OUT - 1 outputs, not dw3_line's; one line
 * of 8+ channels, rows ic apart): copied by words with its padding (the
 * input zero point) for max(out, 4) outputs, nnom_dw3_s8 on the copy (the
 * table path took ~160 instructions an output of four channels: (3,1) s1
 * 3x1x23 same 15.5/MAC). Under four outputs, the overlapping last group's
 * pass of four (nnom_dw3p_s8 runs four or more) goes to words on the
 * stack, its outputs' words copied out. 0 where the copy exceeds the
 * buffer. */
static NNOM_NOINLINE int dw3_line_short(const nnom_conv_args_t *a, const dw_axis_t *u)
{
    const int32_t ic = a->in.c, oc = a->out.c, rest = oc % 4;
    const int32_t span = ((u->out < 4 ? 4 : u->out) + 2) * ic;
    uint32_t copy[NNOM_DW3LINE_COPY / 4 + 2]; /* (+2: dw3_line_fill's first and last words) */
    if (span > NNOM_DW3LINE_COPY)
        return 0;
    const int32_t y = -u->pad, y1 = span / ic + y < u->in ? span / ic + y : u->in;
    const int32_t y0 = y < 0 ? 0 : y;
    const int8_t *x = nnom_dw3_line_fill(copy, a->input + y0 * ic, (y0 - y) * ic, (y1 - y0) * ic,
                                    span, ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u);
    nnom_dw3_run_t run = {x + oc - 4, a->output + oc - 4, u->out, ic, oc};
    if (rest != 0 && u->out >= 4) {
        nnom_dw3p_s8(a->records + (oc - 4) * NNOM_DW3_REC, &run, 1, 4 - rest);
    } else if (rest != 0) {
        uint32_t last[4];
        nnom_dw3_run_t four = {x + oc - 4, (int8_t *)last, 4, ic, 4};
        nnom_dw3p_s8(a->records + (oc - 4) * NNOM_DW3_REC, &four, 1, 4 - rest);
        for (int32_t o = 0; o < u->out; o++)
            memcpy(a->output + o * oc + oc - 4, &last[o], 4);
    }
    run.x = x;
    run.out = a->output;
    nnom_dw3_s8(a->records, &run, 1, oc / 4);
    return 1;
}

/* One line of n = 2 to 6 rows, 8+ channels, not nnom_dw3_short_s8's:
 * 'valid' (2 to 4 outputs) or 'same' (5, 6) on nnom_dw3_valid_s8; 0
 * where not such a line. Out of the try's line (inline, the layers
 * passing by the try cost 6 to 10 instructions more). */
static NNOM_NOINLINE int dw3_line_rows(const nnom_conv_args_t *a, int32_t n)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t o = down ? a->out.h : a->out.w;
    if (a->in.c < 8 || (down ? a->in.w : a->in.h) != 1 ||
        (down ? p->dilation_h : p->dilation_w) != 1 ||
        (o == n ? (down ? p->pad_top : p->pad_left) != 1 || n < 5 : o != n - 2 || n < 4))
        return 0;
    const nnom_dw3_short_t l = {a->records, a->input, a->output, a->in.c, p->input_zp};
    nnom_dw3_valid_s8(&l, o);
    return 1;
}

/* dw_col_try's course for these layers, its axes without the division
 * (stride 1): u along the taps, v across; outputs [lo, hi) inside. */
int nnom_dw3_line_try(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    const int down = a->k.w == 1;
    const int32_t ic = a->in.c;
    if (p->act_min < p->output_zp || p->act_min > -128 || p->act_max < 127)
        return 0; /* dw_axes' mode 0 (no sign term, no clamp) */
    /* one line of 2 to 6 rows: before the axes (~60 instructions on 207
     * MACs); 'same' of 2 to 4 outputs, 8+ channels, nnom_dw3_short_s8,
     * else dw3_line_rows */
    const int32_t n = down ? a->in.h : a->in.w;
    if ((uint32_t)(n - 2) <= 4u) {
        if (n <= 4 && ic >= 8 && (down ? a->in.w : a->in.h) == 1 &&
            (down ? a->out.h : a->out.w) == n &&
            (down ? p->pad_top == 1 && p->dilation_h == 1
                  : p->pad_left == 1 && p->dilation_w == 1)) {
            const nnom_dw3_short_t l = {a->records, a->input, a->output, ic, p->input_zp};
            nnom_dw3_short_s8(&l, n);
            return 1;
        }
        if (dw3_line_rows(a, n))
            return 1;
    }
    const dw_axis_t h = {a->in.h, a->k.h, 1, p->dilation_h, p->pad_top, a->out.h,
                         a->in.w * ic, a->out.w * ic};
    const dw_axis_t wd = {a->in.w, a->k.w, 1, p->dilation_w, p->pad_left, a->out.w, ic, ic};
    dw_axis_t u = down ? h : wd, v = down ? wd : h;
    v.s = down ? p->stride_w : p->stride_h;
    const int32_t lo = u.pad < u.out ? u.pad : u.out, e = u.in - 3 + u.pad;
    const int32_t hi = e < 0 ? lo : (e + 1 < lo ? lo : (e + 1 < u.out ? e + 1 : u.out));
    if (!dw3_line(u.out, u.pad, u.in)) { /* one short line (the converter's dw3_short()) */
        return v.out == 1 && (a->out.c >= 8 || a->out.c == 4 || u.out >= 4 || u.pad == 1) &&
               u.xb == ic && v.pad == 0 && u.d == 1 && u.pad < 3 && u.out >= 2 &&
               dw3_line_short(a, &u);
    }
    /* some output inside, dw_col_axes (v.k is 1) */
    if (hi <= lo || v.pad != 0 || u.d != 1 || u.in < 2 || u.pad >= 3 ||
        u.out - 1 - u.pad >= u.in)
        return 0;
    const int32_t oc = a->out.c, rest = oc % 4, span = (u.out + 2) * ic;
    /* lines, lanes: dw3_asm's course (not five channels' one line, whose
     * fifth costs less in nnom_dw3p_s8: (1,3) s1 1x70x5 same 4801 -> 4360) */
    if (v.out != 1 || (rest == 1 && u.out >= 64 && oc > 8))
        return dw3_asm_of(a, &u, &v, lo, hi);
    /* one line, every window inside, or its copy by words (rows ic apart,
     * within NNOM_DW3LINE_COPY): dw3_asm's border runs and set-up cost
     * more (5-7 channels: (1,3) s1 1x32x7 same 3232 -> 2756; 8-15, branch
     * oddch: 1x32x9 3879 -> 3184, (3,1) s1 49x1x12 same 6514 -> 6144) */
    const int inside = lo == 0 && hi == u.out;
    if (!inside && (u.xb != ic || span > NNOM_DW3LINE_COPY))
        return dw3_asm_of(a, &u, &v, lo, hi);
    dw3_line_one(a, &u, inside);
    return 1;
}
#else
typedef int nnom_local_dw3line_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
