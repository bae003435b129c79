/*
 * nnom_local_fc_s8.c - fully connected, weights [units][in], per-unit
 * requantisation. Two units at a time share every input word. With
 * bias_folded (bias - input_zp * sum(w), from the converter) the inputs are
 * used raw; otherwise the zero point is subtracted (for free with DSP).
 */
#include "nnom_local_simd.h"

/* -Os: a function of its own (NNOM_HOT), which keeps its accumulators in
 * registers. */
NNOM_HOT void dot2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n, int32_t zp,
                   int32_t *acc)
{
    nnom_dot2_s8(x, -zp, w0, w1, n, acc);
}

static void rows_raw(const nnom_fc_args_t *a, const int8_t *w0, const int8_t *w1, int32_t *acc)
{
    dot2(a->input, w0, w1, a->in_features, a->input_zp, acc);
}

#if !NNOM_LOCAL_DSP
static void rows_folded(const nnom_fc_args_t *a, const int8_t *w0, const int8_t *w1,
                        int32_t *acc)
{
    dot2(a->input, w0, w1, a->in_features, 0, acc);
}
#endif

/* Two units at a time, any requantisation. */
static void run_c(const nnom_fc_args_t *a)
{
    const int32_t n = a->in_features, units = a->units;
    const int32_t *bias = a->bias;
    void (*rows)(const nnom_fc_args_t *, const int8_t *, const int8_t *, int32_t *) = rows_raw;
#if !NNOM_LOCAL_DSP
    if (a->bias_folded != NULL) {
        bias = a->bias_folded;
        rows = rows_folded;
    }
#endif
    for (int32_t o = 0; o < units; o += 2) {
        const int32_t o1 = o + 1 < units ? o + 1 : o;
        int32_t acc[2] = {bias[o], bias[o1]};
        rows(a, a->weight + o * n, a->weight + o1 * n, acc);
        const nnom_rq_t r0 = nnom_rq_of(a->rq.mult[o], a->rq.shift[o], a->output_zp);
        a->output[o] = nnom_rq_apply(acc[0], r0, a->act_min, a->act_max);
        const nnom_rq_t r1 = nnom_rq_of(a->rq.mult[o1], a->rq.shift[o1], a->output_zp);
        a->output[o1] = nnom_rq_apply(acc[1], r1, a->act_min, a->act_max);
    }
}

#if NNOM_LOCAL_MAC_ASM
/* The assembly loop's conditions: raw inputs (bias_folded), whole words
 * (the "fc" rule's local_asm in nnom/backends.json). It checks the
 * requantisation itself (see nnom_fc_rows_s8()). */
static int asm_suits(const nnom_fc_args_t *a)
{
    return NNOM_FC_ASM_TAKES(a->in_features, a->bias_folded != NULL);
}

/* The units whose requantisation the assembly loop does not take (mult <
 * 0 or shift outside [-17, -2], see nnom_fc_rows_s8(); e.g. a near-dead
 * unit's tiny multiplier) again in C, one at a time: the others' outputs
 * are right. */
static void rerun_units(const nnom_fc_args_t *a)
{
    const int32_t n = a->in_features;
    for (int32_t o = 0; o < a->units; o++) {
        const int32_t m = a->rq.mult[o], shift = a->rq.shift[o];
        if (m >= 0 && (uint32_t)-2 - (uint32_t)shift <= 15u)
            continue;
        const int8_t *w = a->weight + o * n;
        int32_t acc[2] = {a->bias[o], 0};
        if (a->grouped && o < (a->units & ~3)) {
            /* unit o's weights in its group of four: byte o % 4 of
             * every 16 (nnom_layers.h's weight4) */
            const int8_t *g = a->weight + (o & ~3) * n + (o & 3) * 4;
            for (int32_t k = 0; k < n; k++)
                acc[0] += (a->input[k] - a->input_zp) * g[(k & ~3) * 4 + (k & 3)];
        } else {
            rows_raw(a, w, w, acc);
        }
        const nnom_rq_t r = nnom_rq_of(m, shift, a->output_zp);
        a->output[o] = nnom_rq_apply(acc[0], r, a->act_min, a->act_max);
    }
}

/* The assembly loop, then in C the units whose requantisation is not in
 * its fast form. */
static void run_asm(const nnom_fc_args_t *a)
{
    nnom_fc_job_t job = {
        .x = a->input,
        .w = a->weight,
        .bias = a->bias_folded,
        .mult = a->rq.mult,
        .shift = a->rq.shift,
        .out = a->output,
        .units = a->units,
        .n = a->in_features,
        .zp2 = 2 * a->output_zp + 1,
        .lo = a->act_min,
        .hi = a->act_max,
    };
    uint32_t bad;
    if (a->grouped) {
        /* the groups of four, then the last units % 4 rows ([units][in]) */
        const int32_t g = a->units & ~3, rest = a->units - g;
        job.units = g;
        bad = g != 0 ? nnom_fc_groups_s8(&job) : 0u;
        if (rest != 0) {
            job.w += g * job.n;
            job.bias += g;
            job.mult += g;
            job.shift += g;
            job.out += g;
            job.units = rest;
            bad |= nnom_fc_rows_s8(&job);
        }
    } else {
        bad = a->in_features % 4 == 0 ? nnom_fc_rows_s8(&job) : nnom_fc_rows_tail_s8(&job);
    }
    if (bad != 0u)
        rerun_units(a);
}

/* The CMSIS-NN backend's entry (nnom_dispatch.c): the check, scratch 0
 * where the assembly loop runs, else NNOM_UNSUITED; then the loop. */
uint32_t nnom_local_fc_s8_asm_scratch(const void *args)
{
    return asm_suits((const nnom_fc_args_t *)args) ? 0u : NNOM_UNSUITED;
}

nnom_status_t nnom_local_fc_s8_asm(const nnom_kernel_ctx_t *ctx, const void *args)
{
    (void)ctx;
    run_asm((const nnom_fc_args_t *)args);
    return NN_SUCCESS;
}
#endif

nnom_status_t nnom_local_fc_s8(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_fc_args_t *a = (const nnom_fc_args_t *)args;
    (void)ctx;
#if NNOM_LOCAL_MAC_ASM
    /* raw inputs in whole words: the assembly loop */
    if (asm_suits(a)) {
        run_asm(a);
        return NN_SUCCESS;
    }
#endif
    run_c(a);
    return NN_SUCCESS;
}
