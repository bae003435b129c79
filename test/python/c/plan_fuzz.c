/* plan_fuzz.c - model_compile_planned() over randomly tampered plans.
 *
 * Trial 0 runs the header's plan as it is and writes the reference
 * outputs; trials 1..N each tamper with a copy of the plan (offsets,
 * shared-buffer links, scratch sizes, the arena size; 1 to 3 edits, seeded)
 * and create the model again. A tampered plan must be refused
 * (nnom_model_create() returns NULL, the I/O pointers NULL) or give exactly
 * the reference outputs;
 * ASan/UBSan catch any access outside the buffers. Prints the counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nnom.h"

static nnom_arena_plan_t work[NNOM_PLAN_FUZZ_ROWS];
static uint32_t rng_state;
static int tampering;

static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void tamper(uint32_t n)
{
    const uint32_t arena = work[n].out;
    for (uint32_t edits = 1 + next_random() % 3; edits > 0; edits--) {
        nnom_arena_plan_t *e = &work[next_random() % n];
        const nnom_arena_plan_t *other = &work[next_random() % n];
        switch (next_random() % 12) {
        case 0: e->out = next_random(); break;
        case 1: e->out += (next_random() % 9) * 4u - 16u; break;
        case 2: e->out = NNOM_PLAN_SHARED | (next_random() % (n + 1)); break;
        case 3: e->out = other->out; break;
        case 4: e->out = (next_random() % (arena + 1)) & ~3u; break;
        case 5: e->scratch = 0xFFFFFFF0u + (next_random() % 16); break;
        case 6: e->scratch = other->out & ~NNOM_PLAN_SHARED; break;
        case 7: e->scratch_bytes += next_random() % 3 - 1u; break;
        case 8: work[n].out = arena - next_random() % (arena + 1); break;
        case 9: work[n].out = 0x80000000u | next_random(); break;
        case 10: e->out &= ~NNOM_PLAN_SHARED; break;
        default: {
            const nnom_arena_plan_t t = *e;
            *e = *other;
            *(nnom_arena_plan_t *)(uintptr_t)other = t;
        }
        }
    }
}

static nnom_status_t fuzz_compile(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                                  const nnom_arena_plan_t *plan)
{
    memcpy(work, plan, sizeof work);
    if (tampering)
        tamper(NNOM_PLAN_FUZZ_ROWS - 1u);
    return (nnom_model_compile_planned)(m, outputs, n, work);
}
#define nnom_model_compile_planned(m, outputs, n, plan) fuzz_compile(m, outputs, n, plan)
#include MODEL_HEADER

int main(int argc, char **argv)
{
    static int8_t inputs[64][NNOM_INPUT_SIZE];
    static int8_t reference[64][NNOM_OUTPUT_SIZE];
    if (argc != 4)
        return 2;
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL)
        return 2;
    const size_t samples = fread(inputs, NNOM_INPUT_SIZE, 64, in);
    fclose(in);
    long trials = strtol(argv[2], NULL, 10);
    rng_state = (uint32_t)strtoul(argv[3], NULL, 10) | 1u;
    long refused = 0, same = 0;
    nnom_model_t *model = NULL;
    for (long t = 0; t <= trials; t++) {
        tampering = t > 0;
        model = nnom_model_create(); /* frees the previous one */
        if (model == NULL) {
            if (t == 0)
                return 3;
            if (nnom_input_data != NULL || nnom_output_data != NULL)
                return 6; /* pointers into the refused model's arena */
            refused++;
            continue;
        }
        for (size_t s = 0; s < samples; s++) {
            memcpy(nnom_input_data, inputs[s], NNOM_INPUT_SIZE);
            if (model_run(model) != NN_SUCCESS)
                return 4;
            if (t == 0)
                memcpy(reference[s], nnom_output_data, NNOM_OUTPUT_SIZE);
            else if (memcmp(reference[s], nnom_output_data, NNOM_OUTPUT_SIZE) != 0) {
                printf("trial %ld: a tampered plan gave different outputs\n", t);
                return 5;
            }
        }
        same += t > 0;
    }
    model_delete(model);
    printf("refused %ld identical %ld\n", refused, same);
    return 0;
}
