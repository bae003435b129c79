/*
 * profile_main.c - the firmware of `nnom profile` (nnom/profile/firmware.py).
 *
 * The model lives in its own translation unit (profile_model.c includes
 * weights.h), so the linker map tells its flash apart from the runtime's.
 * profile_data.h holds PROFILE_RUNS inputs and the outputs the converter's
 * reference expects. The firmware runs the model on every input, counts the
 * instructions of each model_run() with profile_timer.c, as bench/bench_main.c
 * does (the counter's own cost taken off), adds up each layer's time (layer->time, which the
 * runtime measures in instructions on the qemucm boards; read after the
 * run, so the total is not changed by it), compares every output byte and
 * prints, after all runs:
 *   nnom-profile-layer I TYPE ACT macs=M instructions=N out=O out_bytes=B
 *       scratch=S scratch_bytes=SB inputs=A,B,.. name=NAME
 *   nnom-profile runs=R instructions=I timer=T mismatches=X first_mismatch=F
 *       mem_used=U arena=A layers=L status=S stack=K
 * O and S are byte offsets in the arena, -1 for a user buffer / no scratch;
 * K the deepest stack below main()'s frame during the runs (profile_stack.h).
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "profile_data.h"
#include "profile_stack.h"
#include "profile_timer.h"

/* profile_model.c */
nnom_model_t *profile_model_create(void);
extern int8_t *const *const profile_inputs;
extern const uint32_t *const profile_input_sizes;
extern int8_t *const *const profile_outputs;
extern const uint32_t *const profile_output_sizes;

static uint64_t layer_instructions[PROFILE_LAYERS];

/* printf on newlib may lack %llu */
static void print_u64(const char *label, uint64_t v)
{
    char digits[21];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    printf("%s", label);
    while (n > 0)
        putchar(digits[--n]);
}

static long arena_offset(const nnom_model_t *m, const int8_t *p)
{
    if (p == NULL || m->arena == NULL || p < m->arena || p >= m->arena + m->arena_bytes)
        return -1;
    return (long)(p - m->arena);
}

static void print_layer(const nnom_model_t *m, const nnom_layer_t *l)
{
    const nnom_layer_config_t *cfg = (const nnom_layer_config_t *)l->config;
    printf("nnom-profile-layer %u %s %s macs=%lu", (unsigned)l->index + 1, l->type->name,
           l->act != NULL ? l->act->name : "-", (unsigned long)l->macs);
    print_u64(" instructions=", layer_instructions[l->index]);
    printf(" out=%ld out_bytes=%lu scratch=%ld scratch_bytes=%lu inputs=",
           arena_offset(m, l->out.data), (unsigned long)nnom_shape_size(&l->out.shape),
           l->scratch_bytes ? arena_offset(m, l->scratch) : -1L,
           (unsigned long)l->scratch_bytes);
    for (uint8_t i = 0; i < l->n_in; i++)
        printf(i ? ",%u" : "%u", (unsigned)nnom_layer_input(l, i)->index + 1);
    printf(" shape=%u,%u,%u,%u name=%s\n", (unsigned)l->out.shape.h, (unsigned)l->out.shape.w,
           (unsigned)l->out.shape.c, (unsigned)l->out.shape.rank,
           cfg != NULL && cfg->name != NULL ? cfg->name : "?");
}

int main(void)
{
    uint64_t timer_cost = profile_timer_cost();
    uint64_t total = 0;
    long mismatches = 0, first = -1;
    nnom_status_t status = NN_SUCCESS;

    nnom_model_t *model = profile_model_create();
    if (model == NULL) {
        printf("nnom-profile status=-100\n");
        return 2;
    }
    if (model->n_layers > PROFILE_LAYERS) {
        printf("nnom-profile status=-101\n");
        return 2;
    }
    profile_stack_paint();
    for (int r = 0; r < PROFILE_RUNS && status == NN_SUCCESS; r++) {
        for (int k = 0; k < PROFILE_INPUTS; k++)
            memcpy(profile_inputs[k], profile_input_data[r][k], profile_input_sizes[k]);
        total += profile_timed_run(model, &status, timer_cost);
        for (const nnom_layer_t *l = model->head; l != NULL; l = l->next)
            layer_instructions[l->index] += l->time > timer_cost ? l->time - timer_cost : 0u;
        long offset = 0;
        for (int k = 0; k < PROFILE_OUTPUTS; k++) {
            for (uint32_t i = 0; i < profile_output_sizes[k]; i++, offset++) {
                if (profile_outputs[k][i] != profile_expected[r][offset]) {
                    if (first < 0)
                        first = (long)r * PROFILE_OUTPUT_BYTES + offset;
                    mismatches++;
                }
            }
        }
    }
    for (const nnom_layer_t *l = model->head; l != NULL; l = l->next)
        print_layer(model, l);
    /* the depthwise steps the layers took: `nnom profile`'s NNOM_DW_STEPS */
    uint64_t dw_steps = 0;
    if (nnom_model_dw_steps(model, &dw_steps) == NN_SUCCESS)
        printf("nnom-profile-dw-steps 0x%08lx%08lx\n", (unsigned long)(dw_steps >> 32),
               (unsigned long)(dw_steps & 0xffffffffu));
    /* and the Conv2D paths: `nnom profile`'s NNOM_CONV_PATHS (the inner
     * ones as taken in a build with NNOM_CONV_PATHS_REPORT, else all) */
    uint64_t conv_paths = 0;
    if (nnom_model_conv_paths(model, &conv_paths) == NN_SUCCESS)
        printf("nnom-profile-conv-paths 0x%08lx%08lx\n", (unsigned long)(conv_paths >> 32),
               (unsigned long)(conv_paths & 0xffffffffu));
    printf("nnom-profile runs=%d", PROFILE_RUNS);
    print_u64(" instructions=", total);
    printf(" timer=%lu mismatches=%ld first_mismatch=%ld mem_used=%lu arena=%lu layers=%u "
           "status=%d stack=%lu\n",
           (unsigned long)timer_cost, mismatches, first, (unsigned long)nnom_mem_used(),
           (unsigned long)model->arena_bytes, (unsigned)model->n_layers, (int)status,
           (unsigned long)profile_stack_used());
    return (status == NN_SUCCESS && mismatches == 0) ? 0 : 1;
}
