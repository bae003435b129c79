/* static_buffer.c - a generated model in static-memory mode: one byte too
 * little fails cleanly, NNOM_STATIC_BUF_BYTES is exactly enough (what stays
 * taken is at most that: with -DNNOM_RUNTIME_PLAN, model_compile() plans in
 * a temporary block where the arena then goes, which can be the larger for
 * tiny models). A buffer at an odd address works too: nnom_set_static_buf()
 * aligns it to 8 bytes itself, so 64-bit pointers in the layer structures
 * are aligned (UBSan checks). */
#include <stdio.h>

#include "nnom.h"
#include MODEL_HEADER

static union {
    uint8_t bytes[NNOM_STATIC_BUF_BYTES + 1];
    uint64_t align;
} pool;

int main(int argc, char **argv)
{
    const size_t need = NNOM_STATIC_BUF_BYTES - 7u; /* pool is 8-byte aligned */
    if (argc != 3)
        return 2;
    if (nnom_set_static_buf(pool.bytes + 1, NNOM_STATIC_BUF_BYTES) != NN_SUCCESS ||
        nnom_model_create() == NULL)
        return 9;
    if (nnom_set_static_buf(pool.bytes, need - 1) != NN_SUCCESS || nnom_model_create() != NULL)
        return 10;
    if (nnom_set_static_buf(pool.bytes, need) != NN_SUCCESS)
        return 11;
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 12;
    if (nnom_mem_used() > need ||
        (nnom_mem_used() != need && NNOM_STATIC_ARENA == NNOM_ARENA_BYTES_BUILD))
        return 13;
    FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL)
        return 2;
    while (fread(nnom_input_data, 1, NNOM_INPUT_SIZE, in) == NNOM_INPUT_SIZE) {
        if (model_run(model) != NN_SUCCESS)
            return 14;
        fwrite(nnom_output_data, 1, NNOM_OUTPUT_SIZE, out);
    }
    fclose(in);
    fclose(out);
    return 0;
}
