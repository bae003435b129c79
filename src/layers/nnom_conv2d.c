/* nnom_conv2d.c - Conv2D and Conv1D (h = 1), per-channel int8. */
#include "nnom_window_layer.h"
#include "nnom_conv_paths.h"

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
/* in the order of the conv table's first entries (nnom_dispatch.c); NULL
 * where the build leaves the entry out (NNOM_CONV_PATHS: it picks none) */
#define CONV_TYPE_IF(P, SCRATCH, RUN, TYPE) NNOM_CONV_HAS(P) ? &TYPE : NULL,
static const nnom_layer_type_t *const records_types[NNOM_CONV_RECORDS] = {
    NNOM_CONV_RECORDS_ENTRIES(CONV_TYPE_IF)};
#undef CONV_TYPE_IF

/* The type past the generic records one for entry e's layer of s, NULL
 * for none. Each family is tried in turn, so a family the build leaves
 * out (NNOM_CONV_HAS: a constant) hands the layer to the next that takes
 * it (every one is exact). */
#define CONV_REC_PLACE(P, SCRATCH, RUN, TYPE) CONV_REC_##P,
enum { NNOM_CONV_RECORDS_ENTRIES(CONV_REC_PLACE) };
#undef CONV_REC_PLACE
static const nnom_layer_type_t *records_special(unsigned e, const nnom_conv_args_t *s)
{
    const uint32_t px = (uint32_t)(s->out.h * s->out.w), ic = (uint32_t)s->in.c;
    const int32_t oc = s->out.c;
    if (e == CONV_REC_PW1PX8)
        return NNOM_CONV_HAS(PW1PX8P) && oc <= 16 ? &pw1px8p_type : NULL;
    if (e == CONV_REC_PWFO) {
        if (NNOM_CONV_HAS(PWFO_ONE) && oc == 1 && ic - 17u <= 7u)
            return pwfo_one_types[ic - 17u];
        if (NNOM_CONV_HAS(PWFO1O2P) && oc == 1 && px == 2u && ic - 25u <= 39u)
            return pwfo1o2p_types[(ic + 3u) / 4u - 7u];
        if (NNOM_CONV_HAS(PWFO1O) && oc == 1 && px == 1u && ic - 25u <= 39u)
            return pwfo1o_types[(ic + 3u) / 4u - 7u];
        if (NNOM_CONV_HAS(PWFO_PX) && px == 1u)
            return oc == 3 ? &pwfo3px_type : oc == 2 ? &pwfo2px_type : &pwfo1px_type;
        return NULL;
    }
    if (e != CONV_REC_PW1PXN) /* pw1px: its generic type */
        return NULL;
    if (NNOM_CONV_HAS(PW1PXN_S1) && oc == 1 && px == 1u && ic - 9u <= 7u)
        return pw1pxn_s1_types[ic - 9u];
    if (NNOM_CONV_HAS(PW1PXN_S2) && oc == 1 && px == 2u && ic - 9u <= 3u)
        return pw1pxn_s2_types[ic - 9u];
    if (NNOM_CONV_HAS(PW1PXN8S) && oc == 1 && ic == 8u && px - 2u <= 2u)
        return pw1pxn8s_types[px - 2u];
    if (NNOM_CONV_HAS(PW1PXN_ONE) && oc == 1 && ic - 8u <= 8u)
        return pw1pxn_one_types[(ic - 8u) * 2u + (px & 1u)];
    if (NNOM_CONV_HAS(PW1PXN48) && ic <= 8u)
        return px == 2u ? &pw1pxn48s2_type : &pw1pxn48_type;
    if (NNOM_CONV_HAS(PW1PXN_P) && px == 1u && oc > 1 && ic > 8u)
        return ic <= 12u ? &pw1pxn12p_type : &pw1pxn16p_type;
    return NULL;
}

/* 1 where t is one of the n types at ts */
static int type_in(const nnom_layer_type_t *t, const nnom_layer_type_t *const *ts, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (ts[i] == t)
            return 1;
    return 0;
}
/* the families of one or a few types (nnom_conv_paths.h's rows) */
static const nnom_layer_type_t *const px8p_types[] = {&pw1px8p_type};
static const nnom_layer_type_t *const pwfo_px_types[] = {&pwfo1px_type, &pwfo2px_type,
                                                         &pwfo3px_type};
static const nnom_layer_type_t *const pw1pxn48_types[] = {&pw1pxn48_type, &pw1pxn48s2_type};
static const nnom_layer_type_t *const pw1pxn_p_types[] = {&pw1pxn12p_type, &pw1pxn16p_type};
#define CONV_FAMILY(P, TYPES)                                                                      \
    | (NNOM_CONV_HAS(P) && type_in(t, TYPES, sizeof(TYPES) / sizeof(TYPES[0]))                     \
           ? 1ull << NNOM_CONV_BIT_##P                                                             \
           : 0u)

/* The records type family of a layer's type t: its bit (0: none). Only
 * the families the build links are compared (the others' types are not
 * linked, and no layer can be on them). */
static uint64_t records_family(const nnom_layer_type_t *t)
{
    return 0u NNOM_CONV_TYPE_FAMILIES(CONV_FAMILY);
}
#undef CONV_FAMILY
#endif

static nnom_status_t conv2d_build(nnom_layer_t *l)
{
    nnom_conv_args_t s;
    const nnom_status_t st = nnom_window_build(l, setup, nnom_conv_kernels, &s,
                                               ((const nnom_conv2d_config_t *)l->config)->args);
#if NNOM_CONV_RECORDS
    const unsigned e = l->kernel - 1u;
    if (st == NN_SUCCESS) {
        l->type = e < NNOM_CONV_RECORDS && records_types[e] != NULL ? records_types[e]
                                                                    : &conv2d_type;
        const nnom_layer_type_t *t = e < NNOM_CONV_RECORDS ? records_special(e, &s) : NULL;
        if (t != NULL)
            l->type = t;
    }
#endif
    return st;
}

nnom_status_t nnom_model_conv_paths(const nnom_model_t *m, uint64_t *mask)
{
    if (m == NULL || mask == NULL)
        return NN_ARGUMENT_ERROR;
    *mask = 0u;
    if (!m->compiled)
        return NN_NOT_COMPILED;
    /* every type of this file builds with conv2d_build (the records ones too) */
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next)
        if (l->type->build == conv2d_build) {
            *mask |= nnom_conv_path_bits(l);
#if NNOM_CONV_RECORDS
            *mask |= records_family(l->type);
#endif
        }
    return NN_SUCCESS;
}

nnom_layer_t *nnom_conv2d_s(const nnom_conv2d_config_t *config)
{
    return nnom_layer_new(&conv2d_type, config);
}
