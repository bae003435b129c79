/* nnom_layout.c - moving data between Keras' order (HWC) and the arena's
 * (CHW in NNOM_USING_CHW builds), for the layers (nnom_layout.h). HWC
 * builds call none of these (their callers' conditions are constant). */
#include "nnom_layout.h"

void nnom_layout_from_keras(const int8_t *keras, const nnom_shape_t *s, int8_t *arena)
{
    const uint32_t n = (uint32_t)s->h * s->w, c = s->c;
    if (nnom_layout_keras_order(s)) {
        nnom_memcpy(arena, keras, n * c);
        return;
    }
    for (uint32_t ch = 0; ch < c; ch++)
        for (uint32_t p = 0; p < n; p++)
            *arena++ = keras[p * c + ch];
}

void nnom_layout_to_keras(const int8_t *arena, const nnom_shape_t *s, int8_t *keras)
{
    const uint32_t n = (uint32_t)s->h * s->w, c = s->c;
    if (nnom_layout_keras_order(s)) {
        nnom_memcpy(keras, arena, n * c);
        return;
    }
    for (uint32_t p = 0; p < n; p++)
        for (uint32_t ch = 0; ch < c; ch++)
            *keras++ = arena[ch * n + p];
}

void nnom_layout_reshape(const int8_t *in, const nnom_shape_t *in_shape, int8_t *out,
                         const nnom_shape_t *out_shape)
{
    const uint32_t ci = in_shape->c, pi = (uint32_t)in_shape->h * in_shape->w;
    const uint32_t co = out_shape->c, po = (uint32_t)out_shape->h * out_shape->w;
    for (uint32_t ch = 0; ch < co; ch++)
        for (uint32_t p = 0, i = ch; p < po; p++, i += co) /* i: index in Keras' order */
            *out++ = in[i % ci * pi + i / ci];
}
