/* The deployed model computes exactly what the converter promised: every
 * golden vector (nnom_golden.h, from custom_nnom_golden) through model_run(),
 * every output byte and every layer's checksum (the GRU's and the LSTM's
 * included) compared. */
#include "nnom_golden_test.h"
