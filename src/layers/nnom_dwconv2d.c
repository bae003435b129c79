/* nnom_dwconv2d.c - DepthwiseConv2D and DepthwiseConv1D (h = 1). */
#include "nnom_window_layer.h"
#include "nnom_dw_steps.h"

NNOM_WINDOW_SETUP nnom_status_t setup(const nnom_layer_t *l, nnom_conv_args_t *s, int run)
{
    run = NNOM_WINDOW_AT_RUN(run);
    const nnom_dwconv2d_config_t *cfg = (const nnom_dwconv2d_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (!run && (!NNOM_WINDOW_CONFIG_OK(cfg) || cfg->multiplier == 0))
        return NN_ARGUMENT_ERROR;
    if (!run && (in->shape.c != cfg->in_channels ||
                 !nnom_window_taps_ok(cfg->kernel_h, cfg->kernel_w, 1)))
        return NN_SIZE_MISMATCH;
    s->in.h = in->shape.h;
    s->in.w = in->shape.w;
    s->in.c = in->shape.c;
    s->k.h = cfg->kernel_h;
    s->k.w = cfg->kernel_w;
    s->k.c = 1;
    if (run) {
        s->out.c = (int32_t)l->out.shape.c;
        NNOM_WINDOW_RUN_SIZES(s, l, cfg);
    } else {
        const uint64_t out_c = (uint64_t)cfg->in_channels * cfg->multiplier;
        s->out.c = out_c > INT32_MAX ? 0 : (int32_t)out_c;
        NNOM_WINDOW_BUILD_SIZES(s, cfg);
        if (s->out.h < 1 || s->out.w < 1 || s->out.c < 1)
            return NN_SIZE_MISMATCH;
    }
    NNOM_WINDOW_ARGS(s, l, cfg);
    s->ch_mult = cfg->multiplier;
    s->bias_folded = cfg->bias_folded;
    s->records = cfg->records;
    s->records_len = cfg->records != NULL ? cfg->records_len : 0;
    if (!run && !nnom_records_fit(s)) /* shorter than their tag's kernel reads */
        return NN_ARGUMENT_ERROR;
    return NN_SUCCESS;
}

static nnom_status_t dwconv2d_run(nnom_layer_t *l)
{
    return nnom_window_run(l, setup, nnom_dwconv_kernels,
                           ((const nnom_dwconv2d_config_t *)l->config)->args);
}

static nnom_status_t dwconv2d_build(nnom_layer_t *l);
static const nnom_layer_type_t dwconv2d_type = {NNOM_LAYER, NNOM_LAYER_1D_NAME,
                                                1, "DW_Conv2D\0DW_Conv1D",
                                                dwconv2d_build, dwconv2d_run};

#if NNOM_DW_DIRECT
/* A kept step that runs without asking (nnom_kernels.h's NNOM_DW_DIRECT_*):
 * a type whose run calls its kernel on the config's arguments block and
 * the layer's buffers, no context, no table, no step switch (build()
 * kept the step and chose the type). */
#define DW_TYPE(TYPE)                                                                              \
    static const nnom_layer_type_t TYPE = {NNOM_LAYER, NNOM_LAYER_1D_NAME, 1,                      \
                                           "DW_Conv2D\0DW_Conv1D", dwconv2d_build, TYPE##_run}
/* Kernels that read a few fields of the arguments (the short three-tap
 * 'same' lines: NNOM_DW3A_* in nnom_local_dw3line.h; the plane: the
 * activation's bounds too, nnom_dwrect_plane_run): those alone, no copy */
#define DW_FIELDS_TYPE(TYPE, CALL, MORE)                                                           \
    static nnom_status_t TYPE##_run(nnom_layer_t *l)                                               \
    {                                                                                              \
        const nnom_conv_args_t *b = ((const nnom_dwconv2d_config_t *)l->config)->args;             \
        nnom_conv_args_t s;                                                                        \
        s.p.input_zp = b->p.input_zp;                                                              \
        s.in.c = b->in.c;                                                                          \
        s.input = l->in0->out.data;                                                                \
        s.output = l->out.data;                                                                    \
        s.records = b->records;                                                                    \
        MORE;                                                                                      \
        CALL;                                                                                      \
        return NN_SUCCESS;                                                                         \
    }                                                                                              \
    DW_TYPE(TYPE)
DW_FIELDS_TYPE(dw_three_ss_type, nnom_dw3_short_a_s8(&s, b->out.h * b->out.w), (void)0);
DW_FIELDS_TYPE(dw_plane_type, nnom_dwrect_plane_run(&s),
               (s.p.act_min = l->out_min, s.p.act_max = l->out_max));
/* Kernels that read the config's block (the records, or fields build()
 * compared with the layer's) and the buffers: the block as it is */
#define DW_BLOCK_TYPE(TYPE, FN)                                                                    \
    static nnom_status_t TYPE##_run(nnom_layer_t *l)                                               \
    {                                                                                              \
        FN(((const nnom_dwconv2d_config_t *)l->config)->args, l->in0->out.data, l->out.data);      \
        return NN_SUCCESS;                                                                         \
    }                                                                                              \
    DW_TYPE(TYPE)
/* The same where the kernel returns the status (NN_SUCCESS): the run a
 * tail call, no frame (3 instructions a layer; the kernel's return 1) */
#define DW_TAIL_TYPE(TYPE, FN)                                                                     \
    static nnom_status_t TYPE##_run(nnom_layer_t *l)                                               \
    {                                                                                              \
        return FN(((const nnom_dwconv2d_config_t *)l->config)->args, l->in0->out.data,             \
                  l->out.data);                                                                    \
    }                                                                                              \
    DW_TYPE(TYPE)
DW_TAIL_TYPE(dw_tiny_tag_type, nnom_dw_tiny_tag_direct);
DW_TAIL_TYPE(dw_tiny3_type, nnom_dw_tiny3_direct);
DW_TAIL_TYPE(dw_tiny1_type, nnom_dw_tiny1_direct);
DW_TAIL_TYPE(dw_tiny1s_type, nnom_dw_tiny1s_direct);
DW_TAIL_TYPE(dw_line_tag_type, nnom_dw_line_tag_direct);
DW_TAIL_TYPE(dw_col_type, nnom_dwcol_one_direct);
DW_BLOCK_TYPE(dw_tiny3r_type, nnom_dw_tiny3r_direct);
DW_BLOCK_TYPE(dw_three_q_type, nnom_dw3_q_direct);
DW_BLOCK_TYPE(dw_three_sv_type, nnom_dw3_valid_b_s8);
DW_BLOCK_TYPE(dw_three_v2_type, nnom_dw3_valid2_b_s8);
DW_BLOCK_TYPE(dw_three_v2o_type, nnom_dw3_valid2o_b_s8);
DW_BLOCK_TYPE(dw_three_s2v_type, nnom_dw3_s2v_b_s8);
DW_BLOCK_TYPE(dw_three_s2v3_type, nnom_dw3_s2bv_b_s8);
DW_BLOCK_TYPE(dw_three_s2vp_type, nnom_dw3_s2vp_b_s8);
DW_BLOCK_TYPE(dw_three_s2vn_type, nnom_dw3_s2vn_b_s8);
DW_BLOCK_TYPE(dw_one3_type, nnom_dwone3_b_s8);
DW_BLOCK_TYPE(dw_one4_type, nnom_dwone4_b_s8);
DW_BLOCK_TYPE(dw_one3e_type, nnom_dwone3e_b_s8);
DW_BLOCK_TYPE(dw_one_col_type, nnom_dwone_b_s8);
DW_BLOCK_TYPE(dw_one_k_type, nnom_dwone_k_b_s8);
DW_BLOCK_TYPE(dw_one_in_type, nnom_dwone_in_b_s8);
DW_BLOCK_TYPE(dw_one_in1_type, nnom_dwone_in1_b_s8);
DW_BLOCK_TYPE(dw_one_inl_type, nnom_dwone_inl_b_s8);
DW_BLOCK_TYPE(dw_one_in11_type, nnom_dwone_in11_b_s8);
DW_BLOCK_TYPE(dw_one_in13_type, nnom_dwone_in13_b_s8);
DW_BLOCK_TYPE(dw_plane1_type, nnom_dwrect_plane1_direct);
DW_BLOCK_TYPE(dw_three_l_type, nnom_dw3_line_b_s8);
DW_BLOCK_TYPE(dw_three_l4s_type, nnom_dw3_line4s_b_s8);
/* Kernels of the input, the output and the records: straight to them */
#define DW_RECORDS_TYPE(TYPE, FN)                                                                  \
    static nnom_status_t TYPE##_run(nnom_layer_t *l)                                               \
    {                                                                                              \
        FN(l->in0->out.data, l->out.data,                                                          \
           ((const nnom_dwconv2d_config_t *)l->config)->args->records);                             \
        return NN_SUCCESS;                                                                         \
    }                                                                                              \
    DW_TYPE(TYPE)
DW_RECORDS_TYPE(dw_rect2s_type, nnom_dwrect_s8_scaled_adj_groups2);
/* by NNOM_DW_DIRECT_* - 1; NULL where the build leaves the type's step
 * out (NNOM_DW_STEPS: its kernel not linked) */
#define DW_IF(STEP, TYPE) (NNOM_DW_HAS(STEP) ? &TYPE : NULL)
static const nnom_layer_type_t *const dw_direct_types[NNOM_DW_DIRECT_COUNT - 1] = {
    DW_IF(TINY_TAG, dw_tiny_tag_type),
    DW_IF(TINY3, dw_tiny3_type),
    DW_IF(LINE_TAG, dw_line_tag_type),
    DW_IF(COL_ALONE, dw_col_type),
    DW_IF(RECT_PLANE, dw_plane_type),
    DW_IF(THREE_SS, dw_three_ss_type),
    DW_IF(THREE_SV, dw_three_sv_type),
    DW_IF(TINY3R, dw_tiny3r_type),
    DW_IF(THREE_Q, dw_three_q_type),
    DW_IF(THREE_V2, dw_three_v2_type),
    DW_IF(THREE_V2O, dw_three_v2o_type),
    DW_IF(THREE_S2V, dw_three_s2v_type),
    DW_IF(THREE_S2V3, dw_three_s2v3_type),
    DW_IF(THREE_S2VP, dw_three_s2vp_type),
    DW_IF(THREE_S2VN, dw_three_s2vn_type),
    DW_IF(ONE3, dw_one3_type),
    DW_IF(ONE4, dw_one4_type),
    DW_IF(ONE3E, dw_one3e_type),
    DW_IF(ONE_COL, dw_one_col_type),
    DW_IF(ONE_K, dw_one_k_type),
    DW_IF(RECT_PLANE, dw_plane1_type),
    DW_IF(RECT_PLANE, dw_rect2s_type),
    DW_IF(ONE_IN, dw_one_in_type),
    DW_IF(ONE_IN1, dw_one_in1_type),
    DW_IF(THREE_L, dw_three_l_type),
    DW_IF(THREE_L, dw_three_l4s_type),
    DW_IF(ONE_INL, dw_one_inl_type),
    DW_IF(ONE_IN11, dw_one_in11_type),
    DW_IF(ONE_IN13, dw_one_in13_type),
    DW_IF(TINY_TAG, dw_tiny1_type),
    DW_IF(TINY_TAG, dw_tiny1s_type),
};
#endif

static nnom_status_t dwconv2d_build(nnom_layer_t *l)
{
    nnom_conv_args_t s;
    const nnom_conv_args_t *args = ((const nnom_dwconv2d_config_t *)l->config)->args;
    const nnom_status_t st = nnom_window_build(l, setup, nnom_dwconv_kernels, &s, args);
#if !defined(__OPTIMIZE_SIZE__)
    if (st == NN_SUCCESS) {
        /* the records' checks now, not at a run */
        const unsigned direct = nnom_dwconv_prepare(l, &s);
        l->type = &dwconv2d_type; /* (a direct type's build starts over) */
#if NNOM_DW_DIRECT
        if (direct - 1u < NNOM_DW_DIRECT_COUNT - 1u && args != NULL &&
            (NNOM_DW_STEPS_ALL || dw_direct_types[direct - 1u] != NULL))
            l->type = dw_direct_types[direct - 1u];
#else
        (void)direct;
#endif
    }
#endif
    return st;
}

nnom_status_t nnom_model_dw_steps(const nnom_model_t *m, uint64_t *mask)
{
    if (m == NULL || mask == NULL)
        return NN_ARGUMENT_ERROR;
    *mask = 0u;
    if (!m->compiled)
        return NN_NOT_COMPILED;
    /* every type of this file builds with dwconv2d_build (the direct ones too) */
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next)
        if (l->type->build == dwconv2d_build)
            *mask |= nnom_dwconv_step_bit(l);
    return NN_SUCCESS;
}

nnom_layer_t *nnom_dwconv2d_s(const nnom_dwconv2d_config_t *config)
{
    return nnom_layer_new(&dwconv2d_type, config);
}
