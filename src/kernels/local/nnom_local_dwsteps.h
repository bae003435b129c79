/*
 * nnom_local_dwsteps.h - DepthwiseConv2D's steps on DSP cores at -O2 (the
 * local kernel's paths, nnom_local_dwconv_s8.c), one row each, in the
 * dispatcher's try order. A new step is one row here, in its place, and its
 * stable bit in nnom_dw_steps.h (NNOM_DW_BIT_<NAME>, the next free one);
 * then its try in dw_early() or dw_late().
 *
 * X(NAME, KEPT, DIRECT):
 *   NAME    the step: DW_<NAME> in the try order, NNOM_DW_BIT_<NAME> its bit;
 *   KEPT    dw_kept()'s run of it on a later run, on a (the arguments): the
 *           path's result, DW_RAN(call) where it runs without refusing,
 *           DW_WALKS where a kept one walks (dw_late()'s steps: they need t);
 *   DIRECT  its direct layer type (NNOM_DW_DIRECT_*, nnom_kernels.h) on a,
 *           NNOM_DW_DIRECT_NONE where none.
 * From the list come the enum, the bits, the build's mask, dw_kept()'s
 * switch and the direct types: a step out of the build's mask is never run
 * kept nor given its direct type (the generated cases ask it, once).
 *
 * The rows' expressions name the dispatcher's own helpers: the list is
 * expanded in nnom_local_dwconv_s8.c alone.
 */
#ifndef NNOM_LOCAL_DWSTEPS_H
#define NNOM_LOCAL_DWSTEPS_H

/* (a kernel that writes the layer's output and never refuses) */
#define DW_RAN(CALL) ((void)(CALL), 1)
/* one of tag 31/43's kernels and the like: (args, input, output) */
#define DW_B(FN) DW_RAN(FN(a, a->input, a->output))
#define DW_WALKS 0

/* clang-format off */
#define DW_STEPS(X) \
    /* any multiplier, before the size check */ \
    X(TWO,           dw_two_path(a),                          NNOM_DW_DIRECT_NONE) \
    X(PAIR,          nnom_dwpair_kept(a),                     NNOM_DW_DIRECT_NONE) \
    X(THREE,         dw_three_path(a, 0) != 0,                NNOM_DW_DIRECT_NONE) \
    /* DW_THREE's stride-2 short lines, tags 13-23 (kept only) */ \
    X(THREE_Q,       DW_RAN(dw3_q_run(a->records, a->input, a->output, a->in.c)), \
                                                              NNOM_DW_DIRECT_THREE_Q) \
    /* DW_THREE's tag 25 on nnom_dw3_short_a_s8, nnom_dw3_valid_a_s8 (kept only) */ \
    X(THREE_SS,      DW_RAN(nnom_dw3_short_a_s8(a, a->out.h * a->out.w)), \
                                                              NNOM_DW_DIRECT_THREE_SS) \
    X(THREE_SV,      DW_RAN(nnom_dw3_valid_a_s8(a, a->out.h * a->out.w)), \
                                                              NNOM_DW_DIRECT_THREE_SV) \
    /* DW_THREE_SV's line of two: whole groups, 1-3 channels past (kept only) */ \
    X(THREE_V2,      DW_RAN(nnom_dw3_valid_a_s8(a, a->out.h * a->out.w)), \
                                                              NNOM_DW_DIRECT_THREE_V2) \
    X(THREE_V2O,     DW_RAN(nnom_dw3_valid_a_s8(a, a->out.h * a->out.w)), \
                                                              NNOM_DW_DIRECT_THREE_V2O) \
    /* tag 37's stride-2 'valid' line of two, three, four or six, five or seven */ \
    X(THREE_S2V,     DW_B(nnom_dw3_s2v_b_s8),                 NNOM_DW_DIRECT_THREE_S2V) \
    X(THREE_S2V3,    DW_B(nnom_dw3_s2bv_b_s8),                NNOM_DW_DIRECT_THREE_S2V3) \
    X(THREE_S2VP,    DW_B(nnom_dw3_s2vp_b_s8),                NNOM_DW_DIRECT_THREE_S2VP) \
    X(THREE_S2VN,    DW_B(nnom_dw3_s2vn_b_s8),                NNOM_DW_DIRECT_THREE_S2VN) \
    /* DW_THREE's one line of 4-7 channels (kept only) */ \
    X(THREE_L,       DW_B(nnom_dw3_line_b_s8),                dw_three_l_direct(a)) \
    X(LINE_TAG,      DW_RAN(nnom_dw_line_tag_run(a)),         NNOM_DW_DIRECT_LINE_TAG) \
    X(LINE,          DW_RAN(nnom_dw_line_run(a)),             NNOM_DW_DIRECT_NONE) \
    X(ONE,           dw_one_path(a),                          NNOM_DW_DIRECT_NONE) \
    /* DW_ONE's tag 31: three taps, four, three on channels a multiple of 8 */ \
    X(ONE3,          DW_B(nnom_dwone3_b_s8),                  NNOM_DW_DIRECT_ONE3) \
    X(ONE4,          DW_B(nnom_dwone4_b_s8),                  NNOM_DW_DIRECT_ONE4) \
    X(ONE3E,         DW_B(nnom_dwone3e_b_s8),                 NNOM_DW_DIRECT_ONE3E) \
    /* DW_ONE's one-row loop records (4+ taps); those of 5-9 taps, whole groups */ \
    X(ONE_COL,       DW_B(nnom_dwone_b_s8),                   NNOM_DW_DIRECT_ONE_COL) \
    X(ONE_K,         DW_B(nnom_dwone_k_b_s8),                 NNOM_DW_DIRECT_ONE_K) \
    /* tag 43: one output over a line of the input; one tap on whole groups; */ \
    /* lines past NNOM_DW_GROUP_MAX_TAPS; 11, 13 taps on whole groups */ \
    X(ONE_IN,        DW_B(nnom_dwone_in_b_s8),                NNOM_DW_DIRECT_ONE_IN) \
    X(ONE_IN1,       DW_B(nnom_dwone_in1_b_s8),               NNOM_DW_DIRECT_ONE_IN1) \
    X(ONE_INL,       DW_B(nnom_dwone_inl_b_s8),               NNOM_DW_DIRECT_ONE_INL) \
    X(ONE_IN11,      DW_B(nnom_dwone_in11_b_s8),              NNOM_DW_DIRECT_ONE_IN11) \
    X(ONE_IN13,      DW_B(nnom_dwone_in13_b_s8),              NNOM_DW_DIRECT_ONE_IN13) \
    X(COL_EARLY,     nnom_dw_col_early(a),                    NNOM_DW_DIRECT_NONE) \
    X(COL_ALONE,     DW_RAN(nnom_dwcol_one_early(a)),         NNOM_DW_DIRECT_COL) \
    /* (kept, or at the walk on tag 29) DW_TINY's one line, its head asked */ \
    X(TINY_TAG,      DW_RAN(nnom_dw_tiny_tag_run(a)),         dw_tiny_tag_direct(a)) \
    X(TINY,          nnom_dw_tiny_run(a),                     NNOM_DW_DIRECT_NONE) \
    /* DW_TINY's three taps on one to three channels, straight (kept only) */ \
    X(TINY3,         DW_RAN(nnom_dw_tiny3_run(a)),            NNOM_DW_DIRECT_TINY3) \
    /* (kept, or at the walk on tag 33) DW_TINY3's layers, the job in the records */ \
    X(TINY3R,        DW_RAN(dw_tiny3r_run(a->records, a->input, a->output)), \
                                                              NNOM_DW_DIRECT_TINY3R) \
    /* multiplier 1, the arguments alone */ \
    X(PLANE1,        DW_RAN(nnom_dwplane1_run(a)),            NNOM_DW_DIRECT_NONE) \
    X(VP,            nnom_dwvp_try(a),                        NNOM_DW_DIRECT_NONE) \
    X(WIN55,         nnom_dwwin_try(a),                       NNOM_DW_DIRECT_NONE) \
    X(CH,            nnom_dwch_try(a),                        NNOM_DW_DIRECT_NONE) \
    X(FLAT_FEW,      nnom_dw_flat_s8(a),                      NNOM_DW_DIRECT_NONE) \
    X(FEW,           nnom_dw_few_try(a),                      NNOM_DW_DIRECT_NONE) \
    X(RECT_ODD,      nnom_dwrect_try(a),                      NNOM_DW_DIRECT_NONE) \
    X(WIN_ODD,       nnom_dwwin_try(a),                       NNOM_DW_DIRECT_NONE) \
    X(FLAT,          nnom_dw_flat_s8(a),                      NNOM_DW_DIRECT_NONE) \
    /* multiplier 2 or more (always linked) */ \
    X(GENERIC,       DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    /* multiplier 1, t built: tried in dw_late()'s order (DW_ACROSS first); */ \
    /* DW_WIN to DW_RECT_PLANE numbered next to DW_GENERIC, so that one range */ \
    /* test sends them kept to dw_kept() (their paths take the arguments alone: */ \
    /* dw_walk's t and dw_late's switch cost ~55 a run, (2,2) s2 7x7x8 same ~1.8%) */ \
    X(WIN,           nnom_dwwin_try(a),                       NNOM_DW_DIRECT_NONE) \
    X(RECT,          nnom_dwrect_try(a),                      NNOM_DW_DIRECT_NONE) \
    X(RECT5,         nnom_dwrect_odd5_try(a),                 NNOM_DW_DIRECT_NONE) \
    /* (kept, named at build) tag 27: DW_RECT's plane and its job in the records */ \
    X(RECT_PLANE,    DW_RAN(nnom_dwrect_plane_run(a)),        dw_plane_direct(a)) \
    X(ACROSS,        DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    X(CROSS,         DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    X(COL_INSIDE,    DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    X(COL,           DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    X(GROUPS,        DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    X(BLOCK,         DW_WALKS,                                NNOM_DW_DIRECT_NONE) \
    /* the pixel loop, after the late steps (always linked) */ \
    X(PIXEL,         DW_WALKS,                                NNOM_DW_DIRECT_NONE)
/* clang-format on */

#endif
