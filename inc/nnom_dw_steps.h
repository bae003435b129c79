/*
 * nnom_dw_steps.h - DepthwiseConv2D's steps (the local kernel's paths,
 * -O2 on cores with NNOM_LOCAL_MAC_ASM) as STABLE bit numbers, and the
 * build's mask of the steps it links.
 *
 * A build with -DNNOM_DW_STEPS=0x...ULL links only the steps whose bit is
 * set: a step out is skipped where the dispatcher would try it (the layer
 * walks on to the next step that takes it; every path is exact, so the
 * output stays bit-exact, only maybe slower) and its code goes with
 * --gc-sections. `nnom profile` prints the mask a model's layers took
 * (nnom_model_dw_steps()). Default: every step (the full build).
 *
 * The numbers never change and are never reused: the dispatcher's try
 * order (its enum) is renumbered when a path is inserted, these are not.
 * A new step takes the next free bit (docs/architecture.md). GENERIC
 * (multipliers other than 1) and PIXEL (the pixel loop) are always linked:
 * they take every layer the others refuse.
 */
#ifndef NNOM_DW_STEPS_H
#define NNOM_DW_STEPS_H

#include <stdint.h>

#define NNOM_DW_BIT_TWO           0
#define NNOM_DW_BIT_PAIR          1
#define NNOM_DW_BIT_THREE         2
#define NNOM_DW_BIT_THREE_Q       3
#define NNOM_DW_BIT_THREE_SS      4
#define NNOM_DW_BIT_THREE_SV      5
#define NNOM_DW_BIT_THREE_V2      6
#define NNOM_DW_BIT_THREE_V2O     7
#define NNOM_DW_BIT_THREE_S2V     8
#define NNOM_DW_BIT_THREE_S2V3    9
#define NNOM_DW_BIT_THREE_S2VP   10
#define NNOM_DW_BIT_THREE_S2VN   11
#define NNOM_DW_BIT_THREE_L      12
#define NNOM_DW_BIT_LINE_TAG     13
#define NNOM_DW_BIT_LINE         14
#define NNOM_DW_BIT_ONE          15
#define NNOM_DW_BIT_ONE3         16
#define NNOM_DW_BIT_ONE4         17
#define NNOM_DW_BIT_ONE3E        18
#define NNOM_DW_BIT_ONE_COL      19
#define NNOM_DW_BIT_ONE_K        20
#define NNOM_DW_BIT_ONE_IN       21
#define NNOM_DW_BIT_ONE_IN1      22
#define NNOM_DW_BIT_ONE_INL      23
#define NNOM_DW_BIT_ONE_IN11     24
#define NNOM_DW_BIT_ONE_IN13     25
#define NNOM_DW_BIT_COL_EARLY    26
#define NNOM_DW_BIT_COL_ALONE    27
#define NNOM_DW_BIT_TINY_TAG     28
#define NNOM_DW_BIT_TINY         29
#define NNOM_DW_BIT_TINY3        30
#define NNOM_DW_BIT_TINY3R       31
#define NNOM_DW_BIT_VP           32
#define NNOM_DW_BIT_WIN55        33
#define NNOM_DW_BIT_CH           34
#define NNOM_DW_BIT_FLAT_FEW     35
#define NNOM_DW_BIT_FEW          36
#define NNOM_DW_BIT_RECT_ODD     37
#define NNOM_DW_BIT_WIN_ODD      38
#define NNOM_DW_BIT_FLAT         39
#define NNOM_DW_BIT_GENERIC      40
#define NNOM_DW_BIT_WIN          41
#define NNOM_DW_BIT_RECT         42
#define NNOM_DW_BIT_RECT5        43
#define NNOM_DW_BIT_RECT_PLANE   44
#define NNOM_DW_BIT_ACROSS       45
#define NNOM_DW_BIT_CROSS        46
#define NNOM_DW_BIT_COL_INSIDE   47
#define NNOM_DW_BIT_COL          48
#define NNOM_DW_BIT_GROUPS       49
#define NNOM_DW_BIT_BLOCK        50
#define NNOM_DW_BIT_PIXEL        51
#define NNOM_DW_BIT_PLANE1       52
#define NNOM_DW_BIT_COUNT        53 /* the next new step's bit */

#ifndef NNOM_DW_STEPS
#define NNOM_DW_STEPS 0xFFFFFFFFFFFFFFFFULL
#endif
/* the full build (a test the preprocessor folds) */
#define NNOM_DW_STEPS_ALL ((NNOM_DW_STEPS) == 0xFFFFFFFFFFFFFFFFULL)

/* 1 where step S (NNOM_DW_BIT_S) is linked: a compile-time constant */
#define NNOM_DW_HAS(S) ((int)(((uint64_t)(NNOM_DW_STEPS) >> NNOM_DW_BIT_##S) & 1u))

#endif
