/*
 * nnom_local_dwrows.c - depthwise layers in bands of output rows (see
 * nnom_local_dwrows.h). A row of taps that lies in the padding adds
 * nothing (padding is the input zero point, taken off like any input), so
 * a window without it gives the same sums: the sub-layer's weights start at
 * its first row inside the input, its input at that row. The per-channel
 * bias_folded holds the whole window's weights: the sub-layers go without.
 * A (k, 1) window at stride 1 (nnom_dw_column_window()) reads the same
 * column in rows one row (W pixels) apart: the band's rows, back to back,
 * are one row of pixels with the taps W pixels apart (dilation W), which
 * one-row paths run in one pass instead of one per row.
 */
#include "nnom_local_dwrows.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <string.h>

/* Bytes of the copy of the rows above or below the band (on the stack). */
#define ROWS_COPY 512

/* Rows [*r0, *r1) of the window of output row l lie inside the input. */
static void rows_inside(const nnom_conv_args_t *a, int32_t l, int32_t *r0, int32_t *r1)
{
    const int32_t y = l * a->p.stride_h - a->p.pad_top, d = a->p.dilation_h;
    const int32_t hi = (a->in.h - y + d - 1) / d;
    *r0 = y < 0 ? (d - 1 - y) / d : 0;
    *r1 = hi < a->k.h ? hi : a->k.h;
}

/* Output rows [l0, l1) of a whose first row of taps is row 0 of x (rows
 * of taps inside x's h rows), through run; (k, 1) windows as one row. */
static int rows_band(const nnom_conv_args_t *b, int32_t l0, int32_t l1, const int8_t *x,
                     int32_t h, int (*run)(const nnom_conv_args_t *))
{
    nnom_conv_args_t band = *b;
    band.input = x;
    band.in.h = h;
    band.out.h = l1 - l0;
    band.output = b->output + l0 * b->out.w * b->out.c;
    if (nnom_dw_column_window(b)) {
        /* one row of the band's pixels, the taps W pixels apart */
        band.in.w = (band.out.h + (b->k.h - 1) * b->p.dilation_h) * b->in.w;
        band.out.w = band.out.h * b->out.w;
        band.in.h = band.out.h = band.k.h = 1;
        band.k.w = b->k.h;
        band.p.dilation_w = b->p.dilation_h * b->in.w;
        band.p.dilation_h = 1;
    }
    return run(&band);
}

/* Output rows [l0, l1) of a (l1 > l0) from a copy of the input rows they
 * read, the zero point in those outside the input: 0 where the copy does
 * not fit ROWS_COPY bytes. */
static int rows_copied(const nnom_conv_args_t *b, const nnom_conv_args_t *a, int32_t l0,
                       int32_t l1, int (*run)(const nnom_conv_args_t *))
{
    const int32_t row = a->in.w * a->in.c, y0 = l0 * a->p.stride_h - a->p.pad_top;
    const int32_t n = (l1 - 1 - l0) * a->p.stride_h + (a->k.h - 1) * a->p.dilation_h + 1;
    uint32_t words[ROWS_COPY / 4];
    int8_t *copy = (int8_t *)words;
    if (n * row > ROWS_COPY)
        return 0;
    for (int32_t r = 0, y = y0; r < n; r++, y++)
        if (y < 0 || y >= a->in.h)
            memset(copy + r * row, a->p.input_zp, (size_t)row);
        else
            memcpy(copy + r * row, a->input + y * row, (size_t)row);
    return rows_band(b, l0, l1, copy, n, run) ? 1 : -1;
}

int nnom_dw_by_rows(const nnom_conv_args_t *a, int32_t vlo, int32_t vhi, int padded,
                    int (*run)(const nnom_conv_args_t *))
{
    const int32_t row_in = a->in.w * a->in.c, row_out = a->out.w * a->out.c;
    padded = padded && vhi > vlo;
    for (int32_t l = 0; l < a->out.h && !padded; l++) {
        int32_t r0, r1;
        rows_inside(a, l, &r0, &r1);
        if ((l < vlo || l >= vhi) && r1 <= r0)
            return 0;
    }
    int ok = 1;
    nnom_conv_args_t b = *a;
    b.bias_folded = NULL;
    b.records = NULL;
    b.p.pad_top = 0;
    if (vhi > vlo) {
        const int32_t y = vlo * a->p.stride_h - a->p.pad_top;
        ok &= rows_band(&b, vlo, vhi, a->input + y * row_in, a->in.h - y, run);
    }
    if (padded) {
        /* the rows above the band and those below it from copies of their
         * rows, else as layers that keep their padding */
        int done = vlo > 0 ? rows_copied(&b, a, 0, vlo, run) : 1;
        if (done == 0) {
            nnom_conv_args_t top = *a;
            top.records = NULL;
            top.out.h = vlo;
            done = run(&top);
        }
        ok &= done > 0;
        done = vhi < a->out.h ? rows_copied(&b, a, vhi, a->out.h, run) : 1;
        if (done == 0) {
            /* their first row of taps the input's row y */
            const int32_t y = vhi * a->p.stride_h - a->p.pad_top;
            b.input = a->input + y * row_in;
            b.in.h = a->in.h - y;
            b.out.h = a->out.h - vhi;
            b.output = a->output + vhi * row_out;
            done = run(&b);
        }
        return ok && done > 0;
    }
    for (int32_t l = 0; l < a->out.h; l++) {
        if (l >= vlo && l < vhi)
            continue;
        int32_t r0, r1;
        rows_inside(a, l, &r0, &r1);
        const int32_t y = l * a->p.stride_h - a->p.pad_top + r0 * a->p.dilation_h;
        b.k.h = r1 - r0;
        b.weight = a->weight + r0 * a->k.w * a->out.c;
        b.input = a->input + y * row_in;
        b.in.h = (r1 - r0 - 1) * a->p.dilation_h + 1;
        b.out.h = 1;
        b.output = a->output + l * row_out;
        ok &= run(&b);
    }
    return ok;
}

#else
typedef int nnom_local_dwrows_unused_t; /* ISO C: a translation unit is never empty */
#endif
