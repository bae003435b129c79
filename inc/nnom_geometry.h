/* nnom_geometry.h - output size and padding of a sliding window, with
 * TensorFlow's rule (SAME puts the odd pixel at the bottom/right). */
#ifndef NNOM_GEOMETRY_H
#define NNOM_GEOMETRY_H

#include "nnom.h"

/* Output size along one axis and the padding before it; returns 0 when
 * the window does not fit (src/layers/nnom_geometry.c). */
int32_t nnom_window_out(int32_t size, int32_t k, int32_t stride, int32_t dilation,
                        nnom_padding_t padding, int32_t pad_before, int32_t pad_after,
                        int32_t *pad);

#endif
