/* nnom_geometry.c - sliding-window geometry shared by the layers
 * (convolutions, pooling). */
#include "nnom_geometry.h"

int32_t nnom_window_out(int32_t size, int32_t k, int32_t stride, int32_t dilation,
                        nnom_padding_t padding, int32_t pad_before, int32_t pad_after,
                        int32_t *pad)
{
    /* 16-bit config fields: the effective kernel is checked before it is
     * computed in int32 */
    if (stride < 1 || k < 1 || dilation < 1 || (int64_t)(k - 1) * dilation >= NNOM_MAX_WINDOW)
        return 0;
    int32_t ek = (k - 1) * dilation + 1;
    if (padding == PADDING_SAME) {
        int32_t out = (size + stride - 1) / stride;
        int32_t total = (out - 1) * stride + ek - size;
        *pad = total > 0 ? total / 2 : 0;
        return out;
    }
    if (padding == PADDING_EXPLICIT) {
        *pad = pad_before;
        size += pad_before + pad_after;
    } else {
        *pad = 0;
    }
    return size >= ek ? (size - ek) / stride + 1 : 0;
}
