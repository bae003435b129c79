/* nnom_conv2d.c - Conv2D and Conv1D (h = 1), per-channel int8. */
#include "nnom_window_layer.h"

NNOM_WINDOW_SETUP nnom_status_t setup(const nnom_layer_t *l, nnom_conv_args_t *s, int run)
{
    run = NNOM_WINDOW_AT_RUN(run);
    const nnom_conv2d_config_t *cfg = (const nnom_conv2d_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (!run && !NNOM_WINDOW_CONFIG_OK(cfg))
        return NN_ARGUMENT_ERROR;
    if (!run && (in->shape.c != cfg->in_channels || in->shape.rank < 2 ||
                 !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, cfg->in_channels)))
        return NN_SIZE_MISMATCH;
    s->in.h = in->shape.h;
    s->in.w = in->shape.w;
    s->in.c = in->shape.c;
    s->k.h = cfg->kernel_h;
    s->k.w = cfg->kernel_w;
    s->k.c = cfg->in_channels;
    s->out.c = cfg->filters;
    if (run) {
        NNOM_WINDOW_RUN_SIZES(s, l, cfg);
    } else {
        NNOM_WINDOW_BUILD_SIZES(s, cfg);
        if (s->out.h < 1 || s->out.w < 1 || s->out.c < 1)
            return NN_SIZE_MISMATCH;
    }
    NNOM_WINDOW_ARGS(s, l, cfg);
    s->ch_mult = 0;
    s->records = cfg->records;
    s->records_len = cfg->records != NULL ? cfg->records_len : 0;
    if (!run && !nnom_records_fit(s)) /* shorter than their tag's kernel reads */
        return NN_ARGUMENT_ERROR;
    s->bias_folded = cfg->bias_folded;
    return NN_SUCCESS;
}

static nnom_status_t conv2d_run(nnom_layer_t *l)
{
    return nnom_window_run(l, setup, nnom_conv_kernels,
                           ((const nnom_conv2d_config_t *)l->config)->args);
}

static nnom_status_t conv2d_build(nnom_layer_t *l);
static const nnom_layer_type_t conv2d_type = {NNOM_LAYER, NNOM_LAYER_1D_NAME, 1, "Conv2D\0Conv1D", conv2d_build,
                                              conv2d_run};

#if NNOM_CONV_RECORDS
/* A kept pick with a records run (nnom_kernels.h): a type whose run goes
 * to that loop with the records and the buffers, no arguments struct, no
 * table (build() chose the type). */
#define CONV2D_RECORDS_TYPE(TYPE, LOOP)                                                            \
    static nnom_status_t TYPE##_run(nnom_layer_t *l)                                               \
    {                                                                                              \
        return LOOP(((const nnom_conv2d_config_t *)l->config)->records, l->out.data,               \
                    l->in0->out.data);                                                             \
    }                                                                                              \
    static const nnom_layer_type_t TYPE = {NNOM_LAYER, NNOM_LAYER_1D_NAME, 1, "Conv2D\0Conv1D",     \
                                           conv2d_build, TYPE##_run}
CONV2D_RECORDS_TYPE(pw1px8_type, nnom_local_pw1px8_rec);
CONV2D_RECORDS_TYPE(pw1px_type, nnom_local_pw1px_rec);
/* pw1px8's one pass (at most 16 outputs): no frame, no loop test */
CONV2D_RECORDS_TYPE(pw1px8p_type, nnom_local_pw1px8p_rec);
CONV2D_RECORDS_TYPE(pwfo_type, nnom_local_pwfo_rec);
/* pwfo's one pixel (one output of 25 to 256 inputs: fewer, pwfo_one_types) */
CONV2D_RECORDS_TYPE(pwfo1px_type, nnom_local_pwfo1px_rec);
CONV2D_RECORDS_TYPE(pwfo3px_type, nnom_local_pwfo3px_rec); /* one pixel, three outputs */
CONV2D_RECORDS_TYPE(pwfo2px_type, nnom_local_pwfo2px_rec); /* one pixel, two outputs */
/* pwfo1px's one output of 25 to 64 inputs straight, a type a word count W
 * (7 to 16) */
CONV2D_RECORDS_TYPE(pwfo1o7_type, nnom_local_pwfo1o7_rec);
CONV2D_RECORDS_TYPE(pwfo1o8_type, nnom_local_pwfo1o8_rec);
CONV2D_RECORDS_TYPE(pwfo1o9_type, nnom_local_pwfo1o9_rec);
CONV2D_RECORDS_TYPE(pwfo1o10_type, nnom_local_pwfo1o10_rec);
CONV2D_RECORDS_TYPE(pwfo1o11_type, nnom_local_pwfo1o11_rec);
CONV2D_RECORDS_TYPE(pwfo1o12_type, nnom_local_pwfo1o12_rec);
CONV2D_RECORDS_TYPE(pwfo1o13_type, nnom_local_pwfo1o13_rec);
CONV2D_RECORDS_TYPE(pwfo1o14_type, nnom_local_pwfo1o14_rec);
CONV2D_RECORDS_TYPE(pwfo1o15_type, nnom_local_pwfo1o15_rec);
CONV2D_RECORDS_TYPE(pwfo1o16_type, nnom_local_pwfo1o16_rec);
static const nnom_layer_type_t *const pwfo1o_types[10] = {
    &pwfo1o7_type,  &pwfo1o8_type,  &pwfo1o9_type,  &pwfo1o10_type, &pwfo1o11_type,
    &pwfo1o12_type, &pwfo1o13_type, &pwfo1o14_type, &pwfo1o15_type, &pwfo1o16_type};
/* and on two pixels */
CONV2D_RECORDS_TYPE(pwfo1o2p7_type, nnom_local_pwfo1o2p7_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p8_type, nnom_local_pwfo1o2p8_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p9_type, nnom_local_pwfo1o2p9_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p10_type, nnom_local_pwfo1o2p10_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p11_type, nnom_local_pwfo1o2p11_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p12_type, nnom_local_pwfo1o2p12_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p13_type, nnom_local_pwfo1o2p13_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p14_type, nnom_local_pwfo1o2p14_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p15_type, nnom_local_pwfo1o2p15_rec);
CONV2D_RECORDS_TYPE(pwfo1o2p16_type, nnom_local_pwfo1o2p16_rec);
static const nnom_layer_type_t *const pwfo1o2p_types[10] = {
    &pwfo1o2p7_type,  &pwfo1o2p8_type,  &pwfo1o2p9_type,  &pwfo1o2p10_type, &pwfo1o2p11_type,
    &pwfo1o2p12_type, &pwfo1o2p13_type, &pwfo1o2p14_type, &pwfo1o2p15_type, &pwfo1o2p16_type};
CONV2D_RECORDS_TYPE(pw1pxn_type, nnom_local_pw1pxn_rec);
/* pw1pxn's one output of 8 to 16 inputs straight to its loop (no header
 * tests at run: the kept pick checked the header against the layer), one
 * type an in.c and the pixels' parity (its start, no table) */
CONV2D_RECORDS_TYPE(pw1pxn8e_type, nnom_local_pw1pxn8e_rec);
CONV2D_RECORDS_TYPE(pw1pxn8o_type, nnom_local_pw1pxn8o_rec);
CONV2D_RECORDS_TYPE(pw1pxn9e_type, nnom_local_pw1pxn9e_rec);
CONV2D_RECORDS_TYPE(pw1pxn9o_type, nnom_local_pw1pxn9o_rec);
CONV2D_RECORDS_TYPE(pw1pxn10e_type, nnom_local_pw1pxn10e_rec);
CONV2D_RECORDS_TYPE(pw1pxn10o_type, nnom_local_pw1pxn10o_rec);
CONV2D_RECORDS_TYPE(pw1pxn11e_type, nnom_local_pw1pxn11e_rec);
CONV2D_RECORDS_TYPE(pw1pxn11o_type, nnom_local_pw1pxn11o_rec);
CONV2D_RECORDS_TYPE(pw1pxn12e_type, nnom_local_pw1pxn12e_rec);
CONV2D_RECORDS_TYPE(pw1pxn12o_type, nnom_local_pw1pxn12o_rec);
CONV2D_RECORDS_TYPE(pw1pxn13e_type, nnom_local_pw1pxn13e_rec);
CONV2D_RECORDS_TYPE(pw1pxn13o_type, nnom_local_pw1pxn13o_rec);
CONV2D_RECORDS_TYPE(pw1pxn14e_type, nnom_local_pw1pxn14e_rec);
CONV2D_RECORDS_TYPE(pw1pxn14o_type, nnom_local_pw1pxn14o_rec);
CONV2D_RECORDS_TYPE(pw1pxn15e_type, nnom_local_pw1pxn15e_rec);
CONV2D_RECORDS_TYPE(pw1pxn15o_type, nnom_local_pw1pxn15o_rec);
CONV2D_RECORDS_TYPE(pw1pxn16e_type, nnom_local_pw1pxn16e_rec);
CONV2D_RECORDS_TYPE(pw1pxn16o_type, nnom_local_pw1pxn16o_rec);
/* pw1pxn's pass of 4 to 8 inputs (one output of 8: pw1pxn_one_types) */
CONV2D_RECORDS_TYPE(pw1pxn48_type, nnom_local_pw1pxn48_rec);
CONV2D_RECORDS_TYPE(pw1pxn48s2_type, nnom_local_pw1pxn48s2_rec); /* on two pixels */
/* pw1pxn's one pixel of 9 to 12 / 13 to 16 inputs and 2 to 16 outputs:
 * one pass, no pixel loop */
CONV2D_RECORDS_TYPE(pw1pxn12p_type, nnom_local_pw1pxn12p_rec);
CONV2D_RECORDS_TYPE(pw1pxn16p_type, nnom_local_pw1pxn16p_rec);
/* by in.c - 8, then the pixels' parity (even, odd) */
static const nnom_layer_type_t *const pw1pxn_one_types[18] = {
    &pw1pxn8e_type, &pw1pxn8o_type,
    &pw1pxn9e_type, &pw1pxn9o_type,
    &pw1pxn10e_type, &pw1pxn10o_type,
    &pw1pxn11e_type, &pw1pxn11o_type,
    &pw1pxn12e_type, &pw1pxn12o_type,
    &pw1pxn13e_type, &pw1pxn13o_type,
    &pw1pxn14e_type, &pw1pxn14o_type,
    &pw1pxn15e_type, &pw1pxn15o_type,
    &pw1pxn16e_type, &pw1pxn16o_type,
};
/* pw1pxn's one output of 8 inputs on 2 to 4 pixels, straight (one pixel
 * of 8 inputs: the one-pixel loop's records) */
CONV2D_RECORDS_TYPE(pw1pxn8s2_type, nnom_local_pw1pxn8s2_rec);
CONV2D_RECORDS_TYPE(pw1pxn8s3_type, nnom_local_pw1pxn8s3_rec);
CONV2D_RECORDS_TYPE(pw1pxn8s4_type, nnom_local_pw1pxn8s4_rec);
static const nnom_layer_type_t *const pw1pxn8s_types[3] = {&pw1pxn8s2_type, &pw1pxn8s3_type,
                                                           &pw1pxn8s4_type};
/* and of 9 to 16 inputs on one pixel */
CONV2D_RECORDS_TYPE(pw1pxn9s1_type, nnom_local_pw1pxn9s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn10s1_type, nnom_local_pw1pxn10s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn11s1_type, nnom_local_pw1pxn11s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn12s1_type, nnom_local_pw1pxn12s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn13s1_type, nnom_local_pw1pxn13s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn14s1_type, nnom_local_pw1pxn14s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn15s1_type, nnom_local_pw1pxn15s1_rec);
CONV2D_RECORDS_TYPE(pw1pxn16s1_type, nnom_local_pw1pxn16s1_rec);
static const nnom_layer_type_t *const pw1pxn_s1_types[8] = {
    &pw1pxn9s1_type,  &pw1pxn10s1_type, &pw1pxn11s1_type, &pw1pxn12s1_type,
    &pw1pxn13s1_type, &pw1pxn14s1_type, &pw1pxn15s1_type, &pw1pxn16s1_type};
/* and of 9 to 12 inputs on two pixels */
CONV2D_RECORDS_TYPE(pw1pxn9s2_type, nnom_local_pw1pxn9s2_rec);
CONV2D_RECORDS_TYPE(pw1pxn10s2_type, nnom_local_pw1pxn10s2_rec);
CONV2D_RECORDS_TYPE(pw1pxn11s2_type, nnom_local_pw1pxn11s2_rec);
CONV2D_RECORDS_TYPE(pw1pxn12s2_type, nnom_local_pw1pxn12s2_rec);
static const nnom_layer_type_t *const pw1pxn_s2_types[4] = {&pw1pxn9s2_type, &pw1pxn10s2_type,
                                                             &pw1pxn11s2_type, &pw1pxn12s2_type};
/* pwfo's one output of 17 to 24 inputs straight to its loop (no header
 * tests, no jump tables: build() checked the header against the layer) */
CONV2D_RECORDS_TYPE(pwfo17_type, nnom_local_pwfo17_rec);
CONV2D_RECORDS_TYPE(pwfo18_type, nnom_local_pwfo18_rec);
CONV2D_RECORDS_TYPE(pwfo19_type, nnom_local_pwfo19_rec);
CONV2D_RECORDS_TYPE(pwfo20_type, nnom_local_pwfo20_rec);
CONV2D_RECORDS_TYPE(pwfo21_type, nnom_local_pwfo21_rec);
CONV2D_RECORDS_TYPE(pwfo22_type, nnom_local_pwfo22_rec);
CONV2D_RECORDS_TYPE(pwfo23_type, nnom_local_pwfo23_rec);
CONV2D_RECORDS_TYPE(pwfo24_type, nnom_local_pwfo24_rec);
static const nnom_layer_type_t *const pwfo_one_types[8] = {
    &pwfo17_type, &pwfo18_type, &pwfo19_type, &pwfo20_type,
    &pwfo21_type, &pwfo22_type, &pwfo23_type, &pwfo24_type};
/* in the order of the conv table's first entries (nnom_dispatch.c) */
static const nnom_layer_type_t *const records_types[NNOM_CONV_RECORDS] = {
    &pw1px8_type, &pw1px_type, &pwfo_type, &pw1pxn_type};
#endif

static nnom_status_t conv2d_build(nnom_layer_t *l)
{
    nnom_conv_args_t s;
    const nnom_status_t st = nnom_window_build(l, setup, nnom_conv_kernels, &s,
                                               ((const nnom_conv2d_config_t *)l->config)->args);
#if NNOM_CONV_RECORDS
    if (st == NN_SUCCESS)
        l->type = l->kernel - 1u < NNOM_CONV_RECORDS ? records_types[l->kernel - 1u] : &conv2d_type;
    if (l->type == &pw1px8_type && s.out.c <= 16)
        l->type = &pw1px8p_type;
    if (l->type == &pw1pxn_type && s.out.c == 1 && s.out.h * s.out.w == 1 && s.in.c - 9u <= 7u)
        l->type = pw1pxn_s1_types[s.in.c - 9];
    if (l->type == &pw1pxn_type && s.out.c == 1 && s.out.h * s.out.w == 2 && s.in.c - 9u <= 3u)
        l->type = pw1pxn_s2_types[s.in.c - 9];
    if (l->type == &pw1pxn_type && s.out.c == 1 && s.in.c - 8u <= 8u)
        l->type = pw1pxn_one_types[(s.in.c - 8) * 2 + ((s.out.h * s.out.w) & 1)];
    if ((l->type == &pw1pxn8o_type || l->type == &pw1pxn8e_type) && s.out.h * s.out.w - 2u <= 2u)
        l->type = pw1pxn8s_types[s.out.h * s.out.w - 2];
    if (l->type == &pw1pxn_type && s.in.c <= 8)
        l->type = s.out.h * s.out.w == 2 ? &pw1pxn48s2_type : &pw1pxn48_type;
    if (l->type == &pw1pxn_type && s.out.h * s.out.w == 1 && s.out.c > 1 && s.in.c > 8)
        l->type = s.in.c <= 12 ? &pw1pxn12p_type : &pw1pxn16p_type;
    if (l->type == &pwfo_type && s.out.c == 1 && s.in.c - 17u <= 7u)
        l->type = pwfo_one_types[s.in.c - 17];
    if (l->type == &pwfo_type && s.out.c == 1 && s.out.h * s.out.w == 2 && s.in.c - 25u <= 39u)
        l->type = pwfo1o2p_types[(s.in.c + 3) / 4 - 7];
    if (l->type == &pwfo_type && s.out.h * s.out.w == 1)
        l->type = s.out.c == 3 ? &pwfo3px_type : s.out.c == 2 ? &pwfo2px_type : &pwfo1px_type;
    if (l->type == &pwfo1px_type && s.out.c == 1 && s.in.c - 25u <= 39u)
        l->type = pwfo1o_types[(s.in.c + 3) / 4 - 7];
#endif
    return st;
}

nnom_layer_t *nnom_conv2d_s(const nnom_conv2d_config_t *config)
{
    return nnom_layer_new(&conv2d_type, config);
}
