/* nnom_geometry.c - sliding-window geometry shared by the layers
 * (convolutions, pooling). */
#include "nnom_geometry.h"

int32_t nnom_window_out(int32_t size, int32_t k, int32_t stride, int32_t dilation,
                        nnom_padding_t padding, int32_t pad_before, int32_t pad_after,
                        int32_t *pad)
{
    /* 32-bit config fields arrive as int32 (too large: negative); sizes
     * stay below 2^31, so every sum below fits int32 */
    if (size < 1 || stride < 1 || k < 1 || dilation < 1 ||
        (int64_t)(k - 1) * dilation >= NNOM_MAX_WINDOW)
        return 0;
    const int32_t ek = (k - 1) * dilation + 1;
    if (padding == PADDING_SAME) {
        const int32_t out = (size - 1) / stride + 1;
        *pad = nnom_window_pad(size, out, k, stride, dilation, padding, 0);
        return out;
    }
    if (padding == PADDING_EXPLICIT) {
        if (size > INT32_MAX - pad_before - pad_after) /* 16-bit pads */
            return 0;
        *pad = pad_before;
        size += pad_before + pad_after;
    } else {
        *pad = 0;
    }
    return size >= ek ? (size - ek) / stride + 1 : 0;
}
