/*
 * nnom_local_conv_pw1_s8.c - 1x1 convolutions at stride 1 with ONE output
 * channel, on DSP cores at -O2 (NNOM_LOCAL_MAC_ASM), bit-exact with the
 * other local kernels.
 *
 * The pair assembly computes two channels per pass, so one channel ran
 * twice (12x12 16->1: 6.3 instructions per MAC). Here the roles of the
 * Dense assembly loop (nnom_fc_rows_s8: four rows share each input word)
 * are swapped: its "input" is the channel's weights and its rows are the
 * pixels, which lie in.c bytes apart in the input just as Dense rows do.
 * acc = bias_folded + sum(x * w) with raw inputs is the same sum. Every
 * row has the channel's bias and requantisation, so those are repeated
 * over PW1_CHUNK rows on the stack and the pixels go PW1_CHUNK at a time.
 * A table entry of its own (nnom_dispatch.c): the kept pick makes the
 * choice once, so other layers pay nothing at their runs.
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_MAC_ASM

#define PW1_CHUNK 8

uint32_t nnom_local_conv_pw1_scratch(const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    if (a->out.c != 1)
        return NNOM_UNSUITED;
    /* the Dense loop's requantisation form: mult >= 0, shift in [-17, -2] */
    const int32_t mult = a->rq.mult[0], shift = a->rq.shift[0];
    const int form = mult >= 0 && (uint32_t)-2 - (uint32_t)shift <= 15u;
    return form && nnom_pw_stride1(a) && a->in.c >= 4 && a->k.c == a->in.c ? 0u : NNOM_UNSUITED;
}

nnom_status_t nnom_local_conv_pw1(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_conv_args_t *a = (const nnom_conv_args_t *)args;
    const int32_t K = a->in.c, n = a->out.h * a->out.w;
    (void)ctx;
    int32_t bias = a->bias[0];
    if (a->bias_folded != NULL) {
        bias = a->bias_folded[0];
    } else {
        uint32_t sum = 0;
        for (int32_t k = 0; k < K; k++)
            sum += (uint32_t)a->weight[k];
        bias = (int32_t)((uint32_t)bias - (uint32_t)a->p.input_zp * sum);
    }
    /* only the rows a chunk runs (a 1x3 layer: 3, not 8), the constants
     * read once (the stores could alias them) */
    const int32_t mult = a->rq.mult[0], shift = a->rq.shift[0];
    const int32_t rows_used = n < PW1_CHUNK ? n : PW1_CHUNK;
    int32_t b[PW1_CHUNK], m[PW1_CHUNK], s[PW1_CHUNK];
    for (int32_t i = 0; i < rows_used; i++) {
        b[i] = bias;
        m[i] = mult;
        s[i] = shift;
    }
    nnom_fc_job_t j = {
        .x = a->weight,
        .w = a->input,
        .bias = b,
        .mult = m,
        .shift = s,
        .out = a->output,
        .units = PW1_CHUNK,
        .n = K,
        .zp2 = 2 * a->p.output_zp + 1,
        .lo = a->p.act_min,
        .hi = a->p.act_max,
    };
    uint32_t (*rows)(const nnom_fc_job_t *) = K % 4 == 0 ? nnom_fc_rows_s8 : nnom_fc_rows_tail_s8;
    for (int32_t p = 0; p < n; p += PW1_CHUNK) {
        j.units = n - p < PW1_CHUNK ? n - p : PW1_CHUNK;
        (void)rows(&j); /* the form was checked by the scratch function */
        j.w += PW1_CHUNK * K;
        j.out += PW1_CHUNK;
    }
    return NN_SUCCESS;
}

#else
typedef int nnom_conv_pw1_unused_t; /* ISO C: a translation unit is never empty */
#endif
