/*
 * nnom_golden_test.h - the model on the target, checked against the converter.
 *
 * One include in a test file is the whole test (PlatformIO: put it in
 * test/test_nnom_golden/test_main.c and set custom_nnom_golden = 8):
 *
 *     #include "nnom_golden_test.h"
 *
 * It needs nnom_golden.h beside the model header (the build hook writes it
 * with custom_nnom_golden = N; `nnom convert --golden N` does too). Each
 * golden input goes through nnom_model_run(); every output byte and the CRC-32 of
 * every layer's output are compared with what the converter's reference
 * computed. A mismatch fails that vector and names the first layer whose
 * output differs. Results are printed in Unity's line format
 * ("file:line:name:PASS|FAIL: message", then "N Tests F Failures I Ignored"),
 * which `pio test` reads.
 *
 * main() returns the number of failed vectors (0: all passed). Define
 * NNOM_GOLDEN_NO_MAIN to call nnom_golden_run() from your own main().
 */
#ifndef NNOM_GOLDEN_TEST_H
#define NNOM_GOLDEN_TEST_H

#include <stdio.h>
#include <string.h>

#include "nnom.h"

#if defined(__has_include)
#if !__has_include("nnom_golden.h")
#error "nnom_golden.h not found: set custom_nnom_golden = 8 in platformio.ini (or run nnom convert --golden 8)"
#endif
#endif
#include "nnom_golden.h"

#define NNOM_GOLDEN_FILE "nnom_golden_test.h"

typedef struct {
    uint32_t sample;
    int32_t first_bad; /* index of the first layer whose checksum differs, or -1 */
    uint32_t got_crc;
    const char *bad_type;
    const char *bad_name;
} nnom_golden_state_t;

static nnom_golden_state_t nnom_golden_state;

/* CRC-32 of a layer's output in Keras' order (the converter's). */
static uint32_t nnom_golden_crc32(const nnom_layer_t *layer)
{
    const int8_t *data = layer->out.data;
    const uint32_t n = nnom_shape_size(&layer->out.shape);
    uint32_t crc = 0xFFFFFFFFu;
#ifdef NNOM_USING_CHW
    /* the arena is channel first: read it channel last (Output's user
     * buffer is in Keras' order already) */
    const uint32_t c = layer->type->kind == NNOM_OUTPUT ? 1u : layer->out.shape.c;
#endif
    for (uint32_t i = 0; i < n; i++) {
#ifdef NNOM_USING_CHW
        crc ^= (uint8_t)data[i % c * (n / c) + i / c];
#else
        crc ^= (uint8_t)data[i];
#endif
        for (int b = 0; b < 8; b++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static nnom_status_t nnom_golden_layer_check(nnom_model_t *m, nnom_layer_t *layer)
{
    nnom_golden_state_t *st = &nnom_golden_state;
    (void)m;
    if (st->first_bad >= 0 || layer->index >= NNOM_GOLDEN_LAYER_COUNT)
        return NN_SUCCESS;
    uint32_t crc = nnom_golden_crc32(layer);
    if (crc != nnom_golden_layer_crc[st->sample][layer->index]) {
        const nnom_layer_config_t *cfg = (const nnom_layer_config_t *)layer->config;
        st->first_bad = (int32_t)layer->index;
        st->got_crc = crc;
        st->bad_type = layer->type->name;
        st->bad_name = cfg != NULL && cfg->name != NULL ? cfg->name : "?";
    }
    return NN_SUCCESS;
}

/* Prints one result line for golden vector i; returns 1 when it failed. */
static int nnom_golden_check_vector(nnom_model_t *model, uint32_t i)
{
    char where[160];
    nnom_golden_state_t *st = &nnom_golden_state;
    for (int k = 0; k < NNOM_INPUT_COUNT; k++)
        memcpy(nnom_inputs[k], nnom_golden_inputs[k] + i * nnom_input_sizes[k],
               nnom_input_sizes[k]);
    st->sample = i;
    st->first_bad = -1;
    nnom_status_t status = nnom_model_run(model);
    if (status != NN_SUCCESS) {
        printf("%s:%d:golden_vector_%lu:FAIL: model_run() returned %s\n", NNOM_GOLDEN_FILE,
               __LINE__, (unsigned long)i, nnom_status_str(status));
        return 1;
    }
    where[0] = '\0';
    if (st->first_bad >= 0)
        snprintf(where, sizeof where,
                 "first differing layer #%ld %s '%s' (output CRC-32 0x%08lX, expected 0x%08lX)",
                 (long)st->first_bad + 1, st->bad_type, st->bad_name, (unsigned long)st->got_crc,
                 (unsigned long)nnom_golden_layer_crc[i][st->first_bad]);
    for (int k = 0; k < NNOM_OUTPUT_COUNT; k++) {
        const int8_t *expected = nnom_golden_outputs[k] + i * nnom_output_sizes[k];
        for (uint32_t b = 0; b < nnom_output_sizes[k]; b++) {
            if (expected[b] != nnom_outputs[k][b]) {
                printf("%s:%d:golden_vector_%lu:FAIL: output %d byte %lu: expected %d was %d; "
                       "%s\n",
                       NNOM_GOLDEN_FILE, __LINE__, (unsigned long)i, k, (unsigned long)b,
                       expected[b], nnom_outputs[k][b],
                       where[0] ? where : "no layer checksum differs");
                return 1;
            }
        }
    }
    if (st->first_bad >= 0) {
        printf("%s:%d:golden_vector_%lu:FAIL: outputs match but %s\n", NNOM_GOLDEN_FILE,
               __LINE__, (unsigned long)i, where);
        return 1;
    }
    printf("%s:%d:golden_vector_%lu:PASS\n", NNOM_GOLDEN_FILE, __LINE__, (unsigned long)i);
    return 0;
}

/* Runs every golden vector; prints one line each and the summary line.
 * Returns the number of failures. */
static int nnom_golden_run(void)
{
    int failures = 0, tests = 0;
#ifdef NNOM_USING_STATIC_MEMORY
    static uint8_t nnom_golden_buf[NNOM_STATIC_BUF_BYTES];
    nnom_set_static_buf(nnom_golden_buf, sizeof nnom_golden_buf);
#endif
    nnom_model_t *model = nnom_model_create();
    tests++;
    if (model == NULL) {
        printf("%s:%d:golden_model_create:FAIL: nnom_model_create() returned NULL\n",
               NNOM_GOLDEN_FILE, __LINE__);
        failures++;
    } else {
        printf("%s:%d:golden_model_create:PASS\n", NNOM_GOLDEN_FILE, __LINE__);
        nnom_model_set_callback(model, nnom_golden_layer_check);
        for (uint32_t i = 0; i < NNOM_GOLDEN_COUNT; i++) {
            tests++;
            failures += nnom_golden_check_vector(model, i);
            fflush(stdout);
        }
        nnom_model_delete_callback(model);
        nnom_model_delete(model);
    }
    printf("\n-----------------------\n%d Tests %d Failures 0 Ignored\n%s\n", tests, failures,
           failures ? "FAIL" : "OK");
    fflush(stdout);
    return failures;
}

#ifndef NNOM_GOLDEN_NO_MAIN
int main(void) { return nnom_golden_run() ? 1 : 0; }
#endif

#endif /* NNOM_GOLDEN_TEST_H */
