/*
 * nnom_conv_paths.h - Conv2D's paths (the conv table's entries, the
 * records layer types of nnom_conv2d.c and the local kernel's inner
 * paths; -O2 on cores with NNOM_LOCAL_MAC_ASM) as STABLE bit numbers, and
 * the build's mask of the paths it links.
 *
 * A build with -DNNOM_CONV_PATHS=0x...ULL links only the paths whose bit
 * is set: an entry out refuses every layer (the next entry takes it), a
 * type out leaves the layer on its entry's run (or, with that run out
 * too, on the next entry), an inner path out leaves the layer to the
 * kernel's direct loop. Every path is exact: the output stays bit-exact,
 * only maybe slower; their code goes with --gc-sections. The firmware
 * reports the mask a model's layers took (nnom_model_conv_paths()).
 * Default: every path (the full build, objects as before).
 *
 * The numbers never change and are never reused; a new path takes the
 * next free bit and one row in its kind's list below
 * (docs/architecture.md). LOCAL_CONV and its direct loop are always
 * linked: they take every layer the others refuse.
 */
#ifndef NNOM_CONV_PATHS_H
#define NNOM_CONV_PATHS_H

#include <stdint.h>

/* the conv table's entries (nnom_dispatch.c); the records entries' bit
 * covers their check, their context run and their generic records type */
#define NNOM_CONV_BIT_PW1PX8     0
#define NNOM_CONV_BIT_PW1PX      1
#define NNOM_CONV_BIT_PWFO       2
#define NNOM_CONV_BIT_PW1PXN     3
#define NNOM_CONV_BIT_PW1C       4
#define NNOM_CONV_BIT_FAST       5 /* nnom_local_conv_s8_fast (its check) */
#define NNOM_CONV_BIT_PW1        6
/* the records layer types past the generic one (nnom_conv2d.c), a bit a
 * family (a table of types by in.c is one) */
#define NNOM_CONV_BIT_PW1PX8P    7
#define NNOM_CONV_BIT_PWFO_PX    8  /* pwfo1px, pwfo2px, pwfo3px */
#define NNOM_CONV_BIT_PWFO1O     9  /* pwfo1o_types */
#define NNOM_CONV_BIT_PWFO1O2P  10  /* pwfo1o2p_types */
#define NNOM_CONV_BIT_PWFO_ONE  11  /* pwfo_one_types (17 to 24 inputs) */
#define NNOM_CONV_BIT_PW1PXN_ONE 12 /* pw1pxn_one_types (8e to 16o) */
#define NNOM_CONV_BIT_PW1PXN8S  13  /* pw1pxn8s_types */
#define NNOM_CONV_BIT_PW1PXN_S1 14  /* pw1pxn_s1_types */
#define NNOM_CONV_BIT_PW1PXN_S2 15  /* pw1pxn_s2_types */
#define NNOM_CONV_BIT_PW1PXN48  16  /* pw1pxn48, pw1pxn48s2 */
#define NNOM_CONV_BIT_PW1PXN_P  17  /* pw1pxn12p, pw1pxn16p */
/* the local kernel's inner paths (conv_run: the fast entry and LOCAL_CONV) */
#define NNOM_CONV_BIT_CONV1CH   18 /* one input channel */
#define NNOM_CONV_BIT_PIXEL_FC  19 /* one pixel of 1x1: the Dense loop */
#define NNOM_CONV_BIT_COL       20 /* the column loops (1x1 few inputs, records) */
#define NNOM_CONV_BIT_FEW       21 /* 1 to 3 inputs: gathered windows */
#define NNOM_CONV_BIT_COL_BLK   22 /* COL's records with a last block (pwblk) */
#define NNOM_CONV_BIT_COUNT     23 /* the next new path's bit */

/* The paths, one row each, by kind (a new path: one row in its kind's
 * list, in its place, and its bit above, the next free one; then its
 * check in the kernel where it is an inner path or a records family):
 *
 * the conv table's entries, in its order (nnom_dispatch.c generates the
 * entries and their bits from these rows):
 *   NNOM_CONV_RECORDS_ENTRIES  X(NAME, SCRATCH, RUN, TYPE): the records
 *     entries that go first (CONV_RECORDS builds); TYPE the generic
 *     records layer type of their picks (nnom_conv2d.c)
 *   NNOM_CONV_ASM_ENTRIES      X(NAME, SCRATCH, RUN): the assembly
 *     entries after CMSIS-NN's (NNOM_LOCAL_MAC_ASM builds)
 * NNOM_CONV_TYPE_FAMILIES      X(NAME, TYPES): the records layer types
 *   past the generic ones, TYPES the family's array (nnom_conv2d.c)
 * NNOM_CONV_INNER_PATHS        X(NAME): the local kernel's inner paths,
 *   in the layer's keep byte from NNOM_CONV_INNER_FIRST on
 *
 * The rows name the dispatcher's and the layer's own symbols: each list
 * is expanded where they are declared. nnom_dispatch.c checks that every
 * bit below NNOM_CONV_BIT_COUNT has one row and every row its own bit. */
/* clang-format off */
#define NNOM_CONV_RECORDS_ENTRIES(X) \
    /* 1x1, one pixel, converter records */ \
    X(PW1PX8,   nnom_local_pw1px8_scratch,       nnom_local_pw1px8,       pw1px8_type) \
    X(PW1PX,    nnom_local_pw1px_scratch,        nnom_local_pw1px,        pw1px_type) \
    /* a few pixels on their own records (nnom_dispatch.c) */ \
    X(PWFO,     nnom_local_pwfo_scratch,         nnom_local_pwfo,         pwfo_type) \
    X(PW1PXN,   nnom_local_pw1pxn_scratch,       nnom_local_pw1pxn,       pw1pxn_type)
#define NNOM_CONV_ASM_ENTRIES(X) \
    /* 1x1, one output channel, two pixels a pass */ \
    X(PW1C,     nnom_local_pw1c_scratch,         nnom_local_pw1c) \
    X(FAST,     nnom_local_conv_s8_fast_scratch, nnom_local_conv_s8_fast) \
    /* 1x1, one output channel */ \
    X(PW1,      nnom_local_conv_pw1_scratch,     nnom_local_conv_pw1)
#define NNOM_CONV_TYPE_FAMILIES(X) \
    X(PW1PX8P,    px8p_types) \
    X(PWFO_PX,    pwfo_px_types) \
    X(PWFO1O,     pwfo1o_types) \
    X(PWFO1O2P,   pwfo1o2p_types) \
    X(PWFO_ONE,   pwfo_one_types) \
    X(PW1PXN_ONE, pw1pxn_one_types) \
    X(PW1PXN8S,   pw1pxn8s_types) \
    X(PW1PXN_S1,  pw1pxn_s1_types) \
    X(PW1PXN_S2,  pw1pxn_s2_types) \
    X(PW1PXN48,   pw1pxn48_types) \
    X(PW1PXN_P,   pw1pxn_p_types)
#define NNOM_CONV_INNER_PATHS(X) \
    X(CONV1CH) \
    X(PIXEL_FC) \
    X(COL) \
    X(FEW) \
    X(COL_BLK)
/* clang-format on */

/* the records entries' count (nnom_kernels.h's NNOM_CONV_RECORDS where
 * the build has them) */
#define NNOM_CONV_RECORDS_ROW(P, SCRATCH, RUN, TYPE) +1
#define NNOM_CONV_RECORDS_ROWS (0 NNOM_CONV_RECORDS_ENTRIES(NNOM_CONV_RECORDS_ROW))

/* the inner paths' bits: where a build does not record which one a layer
 * took, the query reports them all */
#define NNOM_CONV_INNER_FIRST NNOM_CONV_BIT_CONV1CH
#define NNOM_CONV_INNER_BIT(NAME) | (1ULL << NNOM_CONV_BIT_##NAME)
#define NNOM_CONV_INNER_ALL (0ULL NNOM_CONV_INNER_PATHS(NNOM_CONV_INNER_BIT))

#ifndef NNOM_CONV_PATHS
#define NNOM_CONV_PATHS 0xFFFFFFFFFFFFFFFFULL
#endif
/* the full build (a test the preprocessor folds) */
#define NNOM_CONV_PATHS_ALL ((NNOM_CONV_PATHS) == 0xFFFFFFFFFFFFFFFFULL)

/* 1 where path P (NNOM_CONV_BIT_P) is linked: a compile-time constant */
#define NNOM_CONV_HAS(P) ((int)(((uint64_t)(NNOM_CONV_PATHS) >> NNOM_CONV_BIT_##P) & 1u))

#endif
