/* nnom_chw_layout.c - moving data between Keras' order (HWC) and CHW. */
#include "nnom_chw.h"

#ifdef NNOM_USING_CHW

int nnom_chw_reshape_is_view(const nnom_shape_t *in, const nnom_shape_t *out)
{
    if (in->c == out->c && (uint32_t)in->h * in->w == (uint32_t)out->h * out->w)
        return 1;
    return nnom_chw_same_order(in) && nnom_chw_same_order(out);
}

void nnom_chw_from_hwc(const int8_t *hwc, const nnom_shape_t *s, int8_t *chw)
{
    const uint32_t n = (uint32_t)s->h * s->w, c = s->c;
    if (nnom_chw_same_order(s)) {
        nnom_memcpy(chw, hwc, n * c);
        return;
    }
    for (uint32_t ch = 0; ch < c; ch++)
        for (uint32_t p = 0; p < n; p++)
            *chw++ = hwc[p * c + ch];
}

void nnom_chw_to_hwc(const int8_t *chw, const nnom_shape_t *s, int8_t *hwc)
{
    const uint32_t n = (uint32_t)s->h * s->w, c = s->c;
    if (nnom_chw_same_order(s)) {
        nnom_memcpy(hwc, chw, n * c);
        return;
    }
    for (uint32_t p = 0; p < n; p++)
        for (uint32_t ch = 0; ch < c; ch++)
            *hwc++ = chw[ch * n + p];
}

void nnom_chw_reshape(const int8_t *in, const nnom_shape_t *in_shape, int8_t *out,
                      const nnom_shape_t *out_shape)
{
    const uint32_t ci = in_shape->c, pi = (uint32_t)in_shape->h * in_shape->w;
    const uint32_t co = out_shape->c, po = (uint32_t)out_shape->h * out_shape->w;
    for (uint32_t ch = 0; ch < co; ch++)
        for (uint32_t p = 0, i = ch; p < po; p++, i += co) /* i: index in Keras' order */
            *out++ = in[i % ci * pi + i / ci];
}

#else
typedef int nnom_chw_layout_unused_t; /* ISO C: a translation unit is never empty */
#endif
