/*
 * nnom_dispatch.c - the one place that picks a kernel implementation.
 *
 * Every op kind has a table of kernels (nnom_kernel_t: a scratch function,
 * which is the capability check too, and the kernel), tried in order by
 * pick(): the first entry whose scratch function does not return
 * NNOM_UNSUITED runs. The last entry of every table is a local C kernel
 * that takes everything, so there is always a fallback (but for fully
 * connected layers on DSP cores with CMSIS-NN, whose kernel takes every
 * case there). Backends are chosen at build time: NNOM_BACKEND_CMSIS_NN
 * puts CMSIS-NN's _s8 kernels (src/kernels/cmsis/) in front of the local
 * ones on cores with DSP or MVE, per table where NNOM_CMSIS_NN_<TABLE> (the
 * generated rules of nnom_backend.h, from nnom/backends.json, whose "ops"
 * entry says why each is there or not). The choice depends only
 * on the arguments, so the scratch size asked at model_compile() belongs to
 * the kernel that runs. CHW builds (NNOM_USING_CHW) hold the channel-first
 * kernels of chw/ instead. Each table is an object of its own: a model
 * links the kernels of the op kinds it uses only.
 */
#include "nnom_kernels.h"
#include "nnom_backend.h"
#include "chw/nnom_chw.h"
#include "nnom_conv_paths.h"

/* ------------------------------------------------------------ profiling */

#ifdef NNOM_KERNEL_PROFILE
static uint32_t profile_total, profile_cost;

void nnom_kernel_profile_reset(void)
{
    uint32_t t0 = nnom_us_get();
    uint32_t t1 = nnom_us_get();
    profile_cost = t1 - t0;
    profile_total = 0;
}

uint32_t nnom_kernel_profile_instructions(void) { return profile_total; }

#define NNOM_PROFILED(status, call)                                                              \
    do {                                                                                         \
        uint32_t t0_ = nnom_us_get();                                                            \
        status = (call);                                                                         \
        profile_total += nnom_us_get() - t0_ - profile_cost;                                     \
    } while (0)
#else
#define NNOM_PROFILED(status, call) status = (call)
#endif

/* ------------------------------------------------------------ dispatch */

/* The first entry that takes args with at most `limit` bytes of scratch
 * (NNOM_UNSUITED is above every limit); *bytes: its scratch. */
static const nnom_kernel_t *pick(const nnom_kernel_t *k, const void *args, uint32_t limit,
                                 uint32_t *bytes)
{
    while ((*bytes = k->scratch != NULL ? k->scratch(args) : 0u) > limit)
        k++;
    return k;
}

void nnom_kernel_plan(const nnom_kernel_t *table, nnom_layer_t *layer, const void *args)
{
    uint32_t bytes;
    layer->kernel = (uint8_t)(pick(table, args, NNOM_UNSUITED - 1u, &bytes) - table + 1);
    layer->scratch_bytes = bytes;
}

/* The first run's pick (layers that plan no scratch), out of the runs' way
 * (-O2; inlined at -Os, one copy less) */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((noinline))
#endif
static uint8_t first_pick(const nnom_kernel_t *table, const void *args, uint32_t limit)
{
    uint32_t bytes;
    return (uint8_t)(pick(table, args, limit, &bytes) - table + 1);
}

nnom_status_t nnom_kernel_run(const nnom_kernel_t *table, nnom_layer_t *layer,
                              const void *args)
{
    const nnom_kernel_ctx_t ctx = {layer->scratch, layer->scratch_bytes, &layer->keep};
    nnom_status_t s;
    if (layer->kernel == 0)
        layer->kernel = first_pick(table, args, ctx.size);
    NNOM_PROFILED(s, table[layer->kernel - 1u].run(&ctx, args));
    return s;
}

/* ------------------------------------------------------------ tables */

#if NNOM_DENSE_AS_CONV
/* -Os with the local kernels: Dense as a 1x1 convolution of a one-pixel
 * image, by the convolution kernel (no scratch: its direct path). */
static nnom_status_t fc_as_conv(const nnom_kernel_ctx_t *ctx, const void *args)
{
    const nnom_fc_args_t *f = (const nnom_fc_args_t *)args;
    const nnom_conv_args_t a = {
        {f->input_zp, f->output_zp, 1, 1, 1, 1, 0, 0, f->act_min, f->act_max},
        {1, 1, f->in_features},
        {1, 1, f->in_features},
        {1, 1, f->units},
        0,
        f->input,
        f->weight,
        f->bias,
        f->bias_folded,
        f->rq,
        f->output,
        NULL,
        0,
    };
    return nnom_local_conv_s8(ctx, &a);
}
#endif

#ifdef NNOM_USING_CHW /* CHW builds: the kernels of chw/ (CMSIS-NN is HWC, off) */
#define LOCAL_CONV {NULL, nnom_chw_conv_s8}
#define LOCAL_CONV_RUN nnom_chw_conv_s8
#define LOCAL_DWCONV {NULL, nnom_chw_dwconv_s8}
#define LOCAL_MAXPOOL {NULL, nnom_chw_maxpool_s8}
#define LOCAL_AVGPOOL {NULL, nnom_chw_avgpool_s8}
#define LOCAL_SUMPOOL {NULL, nnom_chw_sumpool_s8}
#define LOCAL_SOFTMAX {NULL, nnom_chw_softmax_s8}
#else
#define LOCAL_CONV {nnom_local_conv_s8_scratch, nnom_local_conv_s8} /* never NNOM_UNSUITED */
#define LOCAL_CONV_RUN nnom_local_conv_s8
#define LOCAL_DWCONV {NULL, nnom_local_dwconv_s8}
#define LOCAL_MAXPOOL {NULL, nnom_local_maxpool_s8}
#define LOCAL_AVGPOOL {NULL, nnom_local_avgpool_s8}
#define LOCAL_SUMPOOL {NULL, nnom_local_sumpool_s8}
#define LOCAL_SOFTMAX {NULL, nnom_local_softmax_s8}
#endif

/* At -O2 on DSP cores without Helium the one-pixel 1x1 layers with the
 * converter's records go first (their loop beats both backends' there; so
 * do the few-pixel ones); the local kernel's check of the requantisation
 * form is an entry of its own (same scratch): the kept pick skips it at runs.
 * The 1x1 layers of one output channel, which the first one leaves, run
 * the Dense loop over their pixels (the second). */
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW) && !NNOM_CMSIS_NN_MVE
/* the table's first entries, whose records runs follow it */
#define CONV_RECORDS NNOM_CONV_RECORDS_ROWS
#else
#define CONV_RECORDS 0
#endif
#if !NNOM_CONV_PATHS_ALL && (CONV_RECORDS || (NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)))
/* an entry the build leaves out (NNOM_CONV_PATHS): refuses every layer,
 * so its kernel is not linked and the indices stay */
static uint32_t conv_out_scratch(const void *args)
{
    (void)args;
    return NNOM_UNSUITED;
}
#define CONV_IF(P, SCRATCH, RUN)                                                                   \
    {NNOM_CONV_HAS(P) ? SCRATCH : conv_out_scratch, NNOM_CONV_HAS(P) ? RUN : LOCAL_CONV_RUN},
#else
#define CONV_IF(P, SCRATCH, RUN) {SCRATCH, RUN},
#endif
/* the rows of nnom_conv_paths.h: the records entries' TYPE is the layer's */
#define CONV_RECORDS_IF(P, SCRATCH, RUN, TYPE) CONV_IF(P, SCRATCH, RUN)
const nnom_kernel_t nnom_conv_kernels[] = {
#if CONV_RECORDS
    /* A few pixels on their own records: 2 to 16 pixels of 17 or more
     * inputs and 1 to 3 outputs (pwfo), or 2 to 64 pixels of 4 to 16
     * inputs (pw1pxn). Both backends: their records replace the windows
     * kernel's, which CMSIS-NN's entry would hand the layer to, and the
     * plan holds the local kernel's scratch they ask
     * (NNOM_CONV_LOCAL_SCRATCH) */
    NNOM_CONV_RECORDS_ENTRIES(CONV_RECORDS_IF)
#endif
#if NNOM_CMSIS_NN_CONV
    {nnom_cmsis_conv_scratch, nnom_cmsis_conv_s8},
#endif
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
    NNOM_CONV_ASM_ENTRIES(CONV_IF)
#endif
    LOCAL_CONV,
};
#undef CONV_RECORDS_IF
#undef CONV_IF

/* The conv table's entries' path bits (nnom_conv_paths.h), in its order
 * (the same rows); NONE for CMSIS-NN's entry and LOCAL_CONV (always linked) */
#define CONV_BIT_NONE 0xFFu
#define CONV_RECORDS_BIT(P, SCRATCH, RUN, TYPE) NNOM_CONV_BIT_##P,
#define CONV_BIT(P, SCRATCH, RUN) NNOM_CONV_BIT_##P,
static const uint8_t conv_bits[] = {
#if CONV_RECORDS
    NNOM_CONV_RECORDS_ENTRIES(CONV_RECORDS_BIT)
#endif
#if NNOM_CMSIS_NN_CONV
    CONV_BIT_NONE,
#endif
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
    NNOM_CONV_ASM_ENTRIES(CONV_BIT)
#endif
    CONV_BIT_NONE,
};
#undef CONV_RECORDS_BIT
#undef CONV_BIT
typedef char nnom_conv_bits_match[sizeof(conv_bits) == sizeof(nnom_conv_kernels) / sizeof(nnom_conv_kernels[0]) ? 1 : -1];

/* Every Conv2D path's bit has one row in nnom_conv_paths.h's lists and
 * every row its own bit (rows = bits, their union 0 to COUNT - 1); the
 * inner paths fit the keep byte from NNOM_CONV_INNER_FIRST on */
#define CONV_ROW4(P, A, B, C) +1
#define CONV_ROW3(P, A, B) +1
#define CONV_ROW2(P, A) +1
#define CONV_ROW1(P) +1
#define CONV_OR4(P, A, B, C) | (1ULL << NNOM_CONV_BIT_##P)
#define CONV_OR3(P, A, B) | (1ULL << NNOM_CONV_BIT_##P)
#define CONV_OR2(P, A) | (1ULL << NNOM_CONV_BIT_##P)
#define CONV_OR1(P) | (1ULL << NNOM_CONV_BIT_##P)
#define CONV_ROWS                                                                                  \
    (0 NNOM_CONV_RECORDS_ENTRIES(CONV_ROW4) NNOM_CONV_ASM_ENTRIES(CONV_ROW3)                       \
         NNOM_CONV_TYPE_FAMILIES(CONV_ROW2) NNOM_CONV_INNER_PATHS(CONV_ROW1))
#define CONV_ROW_BITS                                                                              \
    (0ULL NNOM_CONV_RECORDS_ENTRIES(CONV_OR4) NNOM_CONV_ASM_ENTRIES(CONV_OR3)                      \
         NNOM_CONV_TYPE_FAMILIES(CONV_OR2) NNOM_CONV_INNER_PATHS(CONV_OR1))
typedef char nnom_conv_path_rows[CONV_ROWS == NNOM_CONV_BIT_COUNT && CONV_ROWS < 64 ? 1 : -1];
typedef char nnom_conv_path_bits_once[CONV_ROW_BITS == (1ULL << CONV_ROWS) - 1u ? 1 : -1];
typedef char nnom_conv_inner_in_keep[(NNOM_CONV_INNER_ALL >> NNOM_CONV_INNER_FIRST) <= 0xFFu &&
                                             (NNOM_CONV_INNER_ALL &
                                              ((1ULL << NNOM_CONV_INNER_FIRST) - 1u)) == 0u
                                         ? 1
                                         : -1];
#undef CONV_ROWS
#undef CONV_ROW_BITS
#undef CONV_ROW4
#undef CONV_ROW3
#undef CONV_ROW2
#undef CONV_ROW1
#undef CONV_OR4
#undef CONV_OR3
#undef CONV_OR2
#undef CONV_OR1

uint64_t nnom_conv_path_bits(const nnom_layer_t *layer)
{
    const unsigned e = layer->kernel - 1u;
    if (e >= sizeof(conv_bits))
        return 0u;
    uint64_t bits = conv_bits[e] != CONV_BIT_NONE ? 1ull << conv_bits[e] : 0u;
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
    /* CMSIS-NN's entry hands its layers to the local kernel on these
     * cores (NNOM_CONV_LOCAL_ASM): their inner paths count as the local
     * entries' do (without them a CMSIS-NN build's mask left out the
     * column loops: MobileNet +1.7 M instructions a run) */
    const int handed = NNOM_CONV_LOCAL_ASM && conv_bits[e] == CONV_BIT_NONE;
    if (conv_bits[e] == NNOM_CONV_BIT_FAST || e + 1u == sizeof(conv_bits) || handed) {
        /* the local kernel: the inner paths its runs took where the build
         * records them, else all (a mask that keeps every one) */
#ifdef NNOM_CONV_PATHS_REPORT
        bits |= ((uint64_t)layer->keep << NNOM_CONV_INNER_FIRST) & NNOM_CONV_INNER_ALL;
#else
        bits |= NNOM_CONV_INNER_ALL;
#endif
    }
#endif
    return bits;
}

/* nnom_conv2d.c gives these entries' picks layer types of their own,
 * which call their records runs in this order */
#if NNOM_RECORDS_RUNS && NNOM_CONV_RECORDS != CONV_RECORDS
#error "NNOM_CONV_RECORDS does not match the conv table's records entries"
#endif

/* Where nnom/backends.json says so (depthwise_group: DSP cores without
 * Helium) the local depthwise kernel's group path is faster than
 * CMSIS-NN's (M4 -O2: 3x3 4.6 to 5.5 against 7.8 instructions per MAC;
 * (k, 1) kernels 5 to 7 against 11 to 24): it goes first, and its check
 * leaves the other shapes to CMSIS-NN. */
const nnom_kernel_t nnom_dwconv_kernels[] = {
#if NNOM_DW_GROUP_OVER_CMSIS_NN
    {nnom_local_dwconv_s8_scratch, nnom_local_dwconv_s8},
#endif
#if NNOM_CMSIS_NN_DWCONV
    {nnom_cmsis_dwconv_scratch, nnom_cmsis_dwconv_s8},
#endif
    LOCAL_DWCONV,
};

#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
/* The local kernel runs the layer: its own entry, or CMSIS-NN's handing it
 * over at run time (NNOM_DWCONV_LOCAL_ASM). Both get the step named at
 * build, the direct type and the step's bit: without them the hand-off's
 * layers walk at the first run and take the arguments' course on every
 * run ((5,1) s1 49x1x6 same: 2.87 against the local backend's 2.72
 * instructions a MAC). The layer's keep byte is the local kernel's alone
 * (0 where CMSIS-NN's own kernel ran). */
static int dw_runs_local(const nnom_layer_t *layer, int32_t ch_mult)
{
    const nnom_kernel_run_fn run = nnom_dwconv_kernels[layer->kernel - 1u].run;
#if NNOM_DWCONV_LOCAL_ASM && NNOM_CMSIS_NN_DWCONV
    if (run == nnom_cmsis_dwconv_s8)
        return NNOM_DWCONV_ASM_TAKES(ch_mult);
#else
    (void)ch_mult;
#endif
    return run == nnom_local_dwconv_s8;
}
#endif

uint8_t nnom_dwconv_prepare(nnom_layer_t *layer, const nnom_conv_args_t *args)
{
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
    if (dw_runs_local(layer, args->ch_mult)) {
        layer->keep = nnom_local_dwconv_s8_step(args);
#if NNOM_DW_DIRECT
        return nnom_local_dwconv_s8_direct(layer->keep, args);
#endif
    }
#else
    (void)layer;
    (void)args;
#endif
    return NNOM_DW_DIRECT_NONE;
}

uint64_t nnom_dwconv_step_bit(const nnom_layer_t *layer)
{
#if NNOM_LOCAL_MAC_ASM && !defined(NNOM_USING_CHW)
    if (layer->kernel != 0u && dw_runs_local(layer, 1))
        return nnom_local_dwconv_s8_bit(layer->keep);
#else
    (void)layer;
#endif
    return 0u;
}

/* Without Helium CMSIS-NN's fully connected kernel takes every case; at
 * -O2 the local one goes first where its assembly loop runs
 * (NNOM_FC_LOCAL_ASM). Both need no scratch, so the pick can change at run
 * time without touching the plan: the local entry takes every layer of its
 * shapes and runs the C loop for the rare layer whose requantisation the
 * assembly does not cover. With Helium CMSIS-NN's takes the layers with
 * bias_folded only (NNOM_FC_NEEDS_BIAS_FOLDED). */
const nnom_kernel_t nnom_fc_kernels[] = {
#if NNOM_FC_LOCAL_ASM
    {nnom_local_fc_s8_asm_scratch, nnom_local_fc_s8_asm},
#endif
#if NNOM_CMSIS_NN_FC && NNOM_FC_NEEDS_BIAS_FOLDED
    {nnom_cmsis_fc_scratch, nnom_cmsis_fc_s8},
#elif NNOM_CMSIS_NN_FC
    {NULL, nnom_cmsis_fc_s8},
#endif
#if NNOM_DENSE_AS_CONV
    {NULL, fc_as_conv},
#elif !NNOM_CMSIS_NN_FC || NNOM_FC_NEEDS_BIAS_FOLDED
    {NULL, nnom_local_fc_s8},
#endif
};

const nnom_kernel_t nnom_maxpool_kernels[] = {
#if NNOM_CMSIS_NN_MAXPOOL
    {NULL, nnom_cmsis_maxpool_s8},
#endif
    LOCAL_MAXPOOL,
};

const nnom_kernel_t nnom_avgpool_kernels[] = {
#if NNOM_CMSIS_NN_AVGPOOL
    {nnom_cmsis_avgpool_scratch, nnom_cmsis_avgpool_s8},
#endif
    LOCAL_AVGPOOL,
};

const nnom_kernel_t nnom_sumpool_kernels[] = {LOCAL_SUMPOOL};

const nnom_kernel_t nnom_softmax_kernels[] = {
#if NNOM_CMSIS_NN_SOFTMAX
    {nnom_cmsis_softmax_scratch, nnom_cmsis_softmax_s8},
#endif
    LOCAL_SOFTMAX,
};

/* Element-wise merges do not depend on the layout. */
const nnom_kernel_t nnom_add_kernels[] = {
#if NNOM_CMSIS_NN_ADD
    {nnom_cmsis_add_scratch, nnom_cmsis_add_s8},
#endif
    {NULL, nnom_local_add_s8},
};
const nnom_kernel_t nnom_mul_kernels[] = {
#if NNOM_CMSIS_NN_MUL
    {nnom_cmsis_mul_scratch, nnom_cmsis_mul_s8},
#endif
    {NULL, nnom_local_mul_s8},
};

/* Recurrent cells: only the local kernel (CMSIS-NN's LSTM uses TFLite's
 * arithmetic, not the cells', docs/rnn.md); the layer plans its scratch. */
const nnom_kernel_t nnom_rnn_step_kernels[] = {{NULL, nnom_local_rnn_step_s8}};
