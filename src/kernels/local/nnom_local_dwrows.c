/*
 * nnom_local_dwrows.c - depthwise layers in bands of output rows (see
 * nnom_local_dwrows.h). A row of taps that lies in the padding adds
 * nothing (padding is the input zero point, taken off like any input), so
 * a window without it gives the same sums: the sub-layer's weights start at
 * its first row inside the input, its input at that row. The per-channel
 * bias_folded holds the whole window's weights: the sub-layers go without.
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

int nnom_dw_by_rows(const nnom_conv_args_t *a, int32_t vlo, int32_t vhi,
                    int (*run)(const nnom_conv_args_t *))
{
    const int32_t row_in = a->in.w * a->in.c, row_out = a->out.w * a->out.c;
    for (int32_t l = 0; l < a->out.h; l++) {
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
        b.input = a->input + y * row_in;
        b.in.h = a->in.h - y;
        b.out.h = vhi - vlo;
        b.output = a->output + vlo * row_out;
        ok &= run(&b);
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
