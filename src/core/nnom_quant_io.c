/* nnom_quant_io.c - float <-> int8 helpers for model inputs and outputs. */
#include <math.h>

#include "nnom.h"

int8_t nnom_quantize(float x, const nnom_qparam_t *q)
{
    if (q == NULL || !(q->scale > 0.0f))
        return 0;
    float v = roundf(x / q->scale);
    if (!(v > -1000.0f)) /* also catches NaN */
        v = -1000.0f;
    if (v > 1000.0f)
        v = 1000.0f;
    int32_t r = (int32_t)v + q->zero_point;
    return (int8_t)(r < -128 ? -128 : (r > 127 ? 127 : r));
}

float nnom_dequantize(int8_t v, const nnom_qparam_t *q)
{
    if (q == NULL)
        return 0.0f;
    return (float)((int32_t)v - q->zero_point) * q->scale;
}

void nnom_quantize_buf(const float *x, int8_t *out, uint32_t n, const nnom_qparam_t *q)
{
    if (x == NULL || out == NULL)
        return;
    for (uint32_t i = 0; i < n; i++)
        out[i] = nnom_quantize(x[i], q);
}

void nnom_dequantize_buf(const int8_t *v, float *out, uint32_t n, const nnom_qparam_t *q)
{
    if (v == NULL || out == NULL)
        return;
    for (uint32_t i = 0; i < n; i++)
        out[i] = nnom_dequantize(v[i], q);
}
