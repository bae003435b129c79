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
 *              first_mismatch=F mem_used=U arena=A io=B status=S stack=T
 * (kernel_instructions is 0 unless built with NNOM_KERNEL_PROFILE; io is the
 * bytes of the model's input and output buffers outside the arena: none
 * unless a CHW build keeps a Keras-order copy; stack is the deepest stack
 * below main()'s frame during the runs, profile_stack.h). Built with
 * BENCH_LAYER_TIMES it also prints, per layer, the instructions of all runs
 * (the counter's own cost taken off each; build without NNOM_KERNEL_PROFILE,
 * whose stopwatch around each kernel call would count as the layer's):
 *   nnom-layer <index> <type> <macs> <instructions>
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "nnom_kernels.h"
#include "profile_stack.h"
#include "profile_timer.h"
#include "weights.h"
#include "bench_data.h"

#ifdef BENCH_LAYER_TIMES
#define BENCH_MAX_LAYERS 256
static uint64_t layer_instructions[BENCH_MAX_LAYERS];
static uint64_t layer_timer_cost; /* one pair of counter readings, as in `nnom profile` */

/* model_run() times each layer (l->time, qemucm instructions on these boards);
 * the readings' own instructions are no layer's */
static nnom_status_t add_layer_time(nnom_model_t *m, nnom_layer_t *l)
{
    (void)m;
    if (l->index < BENCH_MAX_LAYERS)
        layer_instructions[l->index] += l->time > layer_timer_cost ? l->time - layer_timer_cost : 0u;
    return NN_SUCCESS;
}
#endif

/* bytes of an I/O buffer not inside the arena */
static unsigned long outside_arena(const nnom_model_t *m, const int8_t *buffer, uint32_t bytes)
{
    const uintptr_t at = (uintptr_t)buffer, arena = (uintptr_t)m->arena;
    return at >= arena && at - arena < m->arena_bytes ? 0ul : (unsigned long)bytes;
}

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
#ifdef BENCH_LAYER_TIMES
    layer_timer_cost = timer_cost;
    model_set_callback(model, add_layer_time);
#endif
    profile_stack_paint();
    for (int r = 0; r < BENCH_RUNS && status == NN_SUCCESS; r++) {
        for (int k = 0; k < NNOM_INPUT_COUNT; k++)
            memcpy(nnom_inputs[k], bench_inputs[r][k], nnom_input_sizes[k]);
#ifdef NNOM_KERNEL_PROFILE
        nnom_kernel_profile_reset();
#endif
        const uint64_t one_run = profile_timed_run(model, &status, timer_cost);
        total += one_run;
#ifdef BENCH_DW_STEPS /* each run's count: the first run walks the steps, later ones keep */
        printf("nnom-run %d %lu\n", r, (unsigned long)one_run);
#endif
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
        if (l->index < BENCH_MAX_LAYERS)
            printf("nnom-layer %u %s %lu %lu\n", (unsigned)l->index, l->type->name,
                   (unsigned long)l->macs, (unsigned long)layer_instructions[l->index]);
#endif
#ifdef BENCH_DW_STEPS /* (a build of its own: the query's code not in the others' figures) */
    uint64_t dw_steps = 0;
    if (nnom_model_dw_steps(model, &dw_steps) == NN_SUCCESS)
        printf("nnom-dw-steps 0x%08lx%08lx\n", (unsigned long)(dw_steps >> 32),
               (unsigned long)(dw_steps & 0xffffffffu));
#endif
    unsigned long io = 0;
    for (int k = 0; k < NNOM_INPUT_COUNT; k++)
        io += outside_arena(model, nnom_inputs[k], nnom_input_sizes[k]);
    for (int k = 0; k < NNOM_OUTPUT_COUNT; k++)
        io += outside_arena(model, nnom_outputs[k], nnom_output_sizes[k]);
    printf("nnom-bench runs=%d instructions=%lu kernel_instructions=%lu mismatches=%ld "
           "first_mismatch=%ld mem_used=%lu arena=%lu io=%lu status=%d stack=%lu\n",
           BENCH_RUNS, (unsigned long)total, (unsigned long)kernels, mismatches, first,
           (unsigned long)nnom_mem_used(), (unsigned long)model->arena_bytes, io, (int)status,
           (unsigned long)profile_stack_used());
#ifdef BENCH_CONV_PATHS /* the Conv2D paths taken (a build of its own: the query's code) */
    uint64_t conv_paths = 0;
    if (nnom_model_conv_paths(model, &conv_paths) == NN_SUCCESS)
        printf("nnom-conv-paths 0x%08lx%08lx\n", (unsigned long)(conv_paths >> 32),
               (unsigned long)(conv_paths & 0xffffffffu));
#endif
    return (status == NN_SUCCESS && mismatches == 0) ? 0 : 1;
}
