/* nnom_status.c - status names (a file of its own: the strings are linked
 * only by programs that print them). */
#include "nnom.h"

const char *nnom_status_str(nnom_status_t status)
{
    switch (status) {
    case NN_SUCCESS: return "success";
    case NN_ARGUMENT_ERROR: return "invalid argument or graph";
    case NN_LENGTH_ERROR: return "buffer too small";
    case NN_SIZE_MISMATCH: return "shape mismatch";
    case NN_TEST_FAILURE: return "test failure";
    case NN_NO_MEMORY: return "out of memory";
    case NN_NOT_COMPILED: return "model not compiled";
    case NN_UNSUPPORTED: return "unsupported";
    case NN_CALLBACK_STOP: return "stopped by callback";
    }
    return "unknown status";
}
