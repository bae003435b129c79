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

/* Rows [*r0, *r1) of the window of output row l lie inside the input. */
static void rows_inside(const nnom_conv_args_t *a, int32_t l, int32_t *r0, int32_t *r1)
{
    const int32_t y = l * a->p.stride_h - a->p.pad_top, d = a->p.dilation_h;
    const int32_t hi = (a->in.h - y + d - 1) / d;
    *r0 = y < 0 ? (d - 1 - y) / d : 0;
    *r1 = hi < a->k.h ? hi : a->k.h;
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
        nnom_conv_args_t band = b;
        band.input = a->input + y * row_in;
        band.in.h = a->in.h - y;
        band.out.h = vhi - vlo;
        band.output = a->output + vlo * row_out;
        if (nnom_dw_column_window(a)) {
            /* one row of the band's pixels, the taps W pixels apart */
            band.in.w = (band.out.h + (a->k.h - 1) * a->p.dilation_h) * a->in.w;
            band.out.w = band.out.h * a->out.w;
            band.in.h = band.out.h = band.k.h = 1;
            band.k.w = a->k.h;
            band.p.dilation_w = a->p.dilation_h * a->in.w;
            band.p.dilation_h = 1;
        }
        ok &= run(&band);
    }
    if (padded) {
        /* the rows above the band, their padding kept */
        nnom_conv_args_t top = *a;
        top.records = NULL;
        top.out.h = vlo;
        if (vlo > 0)
            ok &= run(&top);
        /* the rows below it, their first row of taps the input's row y */
        const int32_t y = vhi * a->p.stride_h - a->p.pad_top;
        b.input = a->input + y * row_in;
        b.in.h = a->in.h - y;
        b.out.h = a->out.h - vhi;
        b.output = a->output + vhi * row_out;
        if (vhi < a->out.h)
            ok &= run(&b);
        return ok;
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
