/*
 * bench_main.c - firmware for bench/run.py and the on-board tests.
 *
 * Includes the generated model (weights.h) and bench_data.h, which holds
 * BENCH_RUNS inputs and the outputs the numpy reference expects. Runs the
 * model on every input, counts instructions per inference with the qemucm
 * counter (profile_timer.c of nnom/profile, shared with `nnom profile` so
 * that both count the same), compares every output byte, and prints one result line that the
 * Python side parses:
 *   nnom-bench runs=R instructions=I kernel_instructions=K mismatches=M
 *              first_mismatch=F mem_used=U arena=A status=S
 * (kernel_instructions is 0 unless built with NNOM_KERNEL_PROFILE).
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "nnom_kernels.h"
#include "profile_timer.h"
#include "weights.h"
#include "bench_data.h"

int main(void)
{
    uint64_t timer_cost = profile_timer_cost();
    uint64_t total = 0, kernels = 0;
    long mismatches = 0, first = -1;
    nnom_status_t status = NN_SUCCESS;

    nnom_model_t *model = nnom_model_create();
    if (model == NULL) {
        printf("nnom-bench status=-100\n");
        return 2;
    }
    for (int r = 0; r < BENCH_RUNS && status == NN_SUCCESS; r++) {
        for (int k = 0; k < NNOM_INPUT_COUNT; k++)
            memcpy(nnom_inputs[k], bench_inputs[r][k], nnom_input_sizes[k]);
#ifdef NNOM_KERNEL_PROFILE
        nnom_kernel_profile_reset();
#endif
        total += profile_timed_run(model, &status, timer_cost);
#ifdef NNOM_KERNEL_PROFILE
        kernels += nnom_kernel_profile_instructions();
#endif
        long offset = 0;
        for (int k = 0; k < NNOM_OUTPUT_COUNT; k++) {
            for (uint32_t i = 0; i < nnom_output_sizes[k]; i++, offset++) {
                if (nnom_outputs[k][i] != bench_expected[r][offset]) {
                    if (first < 0)
                        first = (long)r * BENCH_OUTPUT_BYTES + offset;
                    mismatches++;
                }
            }
        }
    }
#ifdef BENCH_LAYER_TIMES
    for (nnom_layer_t *l = model->head; l != NULL; l = l->next)
        printf("nnom-layer %u %s %lu\n", (unsigned)l->index + 1, l->type->name,
               (unsigned long)l->time);
#endif
    printf("nnom-bench runs=%d instructions=%lu kernel_instructions=%lu mismatches=%ld "
           "first_mismatch=%ld mem_used=%lu arena=%lu status=%d\n",
           BENCH_RUNS, (unsigned long)total, (unsigned long)kernels, mismatches, first,
           (unsigned long)nnom_mem_used(), (unsigned long)model->arena_bytes, (int)status);
    return (status == NN_SUCCESS && mismatches == 0) ? 0 : 1;
}
