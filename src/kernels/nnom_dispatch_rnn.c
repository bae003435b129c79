/*
 * nnom_dispatch_rnn.c - backend choice for the recurrent cells' kernels
 * (nnom_rnn.h), next to nnom_dispatch.c. Only the local kernels exist:
 * CMSIS-NN's LSTM uses TFLite's arithmetic, not the cells' (docs/rnn.md).
 */
#include "nnom_rnn.h"

void nnom_kernel_matvec_s8(const int8_t *in, int32_t in_offset, const int8_t *w,
                           const int32_t *bias, int32_t rows, int32_t cols, int32_t *acc)
{
    nnom_local_matvec_s8(in, in_offset, w, bias, rows, cols, acc);
}

void nnom_kernel_matvec_s16(const int16_t *in, const int8_t *w, const int32_t *bias,
                            int32_t rows, int32_t cols, int32_t *acc)
{
    nnom_local_matvec_s16(in, w, bias, rows, cols, acc);
}
