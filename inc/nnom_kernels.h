/*
 * nnom_kernels.h - int8 compute kernels behind the layers.
 *
 * Layers describe their operation with the arguments struct of its op kind
 * and run it through the op kind's kernel table (nnom_kernel_run()), which
 * picks a backend implementation. Every backend gives bit-identical
 * results to nnom/reference (Python).
 */
#ifndef NNOM_KERNELS_H
#define NNOM_KERNELS_H

#include "nnom.h"
#include "nnom_conv_paths.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int32_t h, w, c;
} nnom_dims_t;

typedef struct {
    int32_t input_zp, output_zp;
    int32_t stride_h, stride_w;
    int32_t dilation_h, dilation_w;
    int32_t pad_top, pad_left; /* bottom/right follow from the output size */
    int32_t act_min, act_max;
} nnom_conv_params_t;

typedef struct {
    const int32_t *mult;
    const int32_t *shift;
} nnom_requant_t;

typedef struct {
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    int32_t act_min, act_max;
} nnom_pool_params_t;

/* CMSIS-NN's arm_nn_requantize (default rounding), the spec of
 * nnom/fixedpoint.py:requantize. */
static inline int32_t nnom_requantize(int32_t acc, int32_t mult, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int32_t v = (int32_t)((uint32_t)acc << left);
    /* doubling high multiply, rounding half up (an arithmetic shift) */
    const int64_t prod = (int64_t)v * mult + ((int64_t)1 << 30);
    const int32_t high = (int32_t)(prod >> 31);
    /* rounding divide by 2^right, halves away from zero */
    const int32_t mask = (int32_t)(((uint32_t)1 << right) - 1u);
    const int32_t remainder = high & mask;
    const int32_t result = high >> right;
    const int32_t threshold = (mask >> 1) + (result < 0 ? 1 : 0);
    return result + (remainder > threshold ? 1 : 0);
}

static inline int8_t nnom_clamp_s8(int32_t v, int32_t lo, int32_t hi)
{
    return (int8_t)(v < lo ? lo : (v > hi ? hi : v));
}

/* ---- the kernel contract ---------------------------------------------------
 * A kernel runs one operation: it takes a context, the scratch buffer the
 * arena planned for it, and the arguments struct of its op kind below,
 * filled by the layer. Every kernel has this one signature:
 *     nnom_status_t kernel(const nnom_kernel_ctx_t *ctx, const void *args)
 * (args: the op kind's nnom_*_args_t; one signature for every op kind, so
 * that one table type and one pick serve them all without casting function
 * pointers). Kernels do not allocate and write only to args' output, the
 * scratch and *keep. */
typedef struct {
    int8_t *buf;   /* scratch, or NULL */
    uint32_t size; /* its bytes */
    /* the layer's byte where a kernel may keep, from run to run, a choice
     * that depends on the arguments alone (0 after model_compile()), or
     * NULL: the local depthwise kernel's path (nnom_local_dwconv_s8.c) */
    uint8_t *keep;
} nnom_kernel_ctx_t;

typedef nnom_status_t (*nnom_kernel_run_fn)(const nnom_kernel_ctx_t *ctx, const void *args);
/* The scratch bytes a kernel needs for args, or NNOM_UNSUITED where it does
 * not take them (its capability check, one function for both). */
typedef uint32_t (*nnom_kernel_scratch_fn)(const void *args);
#define NNOM_UNSUITED UINT32_MAX

/* Conv2D, DepthwiseConv2D and Conv2DTranspose (HWC; CHW in NNOM_USING_CHW
 * builds, the same weights). Conv and transposed conv weights
 * [out][kh][kw][in]; depthwise weights [kh][kw][in * ch_mult], output
 * channel ic * ch_mult + m. */
typedef struct nnom_conv_args {
    nnom_conv_params_t p;
    nnom_dims_t in, k, out; /* k.c: input channels (conv) or 1 (depthwise) */
    int32_t ch_mult;        /* depthwise only */
    const int8_t *input;
    const int8_t *weight;
    const int32_t *bias;        /* acc = bias + sum((x - input_zp) * w) */
    const int32_t *bias_folded; /* bias - input_zp * sum(w) per channel, or NULL */
    nnom_requant_t rq;
    int8_t *output;
    /* the converter's records, or NULL: depthwise, those of the one-row
     * assembly loop (nnom_local_dwcol.h; without them the kernel builds
     * them); Conv2D, those of one-pixel 1x1 layers (nnom_local_pw1px_dsp.c) */
    const int32_t *records;
    /* the words of the records array from records on (0 with NULL): build
     * refuses records shorter than their tag's kernel reads for the layer
     * (nnom_local_records_fit). After records: the assembly reads the
     * fields before it by offset; runs do not read it. */
    int32_t records_len;
} nnom_conv_args_t;

/* Whether a's records (or none) are at least what their tag's kernels
 * read for the layer (src/kernels/local/nnom_local_records.c): build
 * refuses those that are not (NN_ARGUMENT_ERROR). */
int nnom_records_fit(const nnom_conv_args_t *a);

/* Dense: weights [units][in_features]. */
typedef struct {
    int32_t input_zp, output_zp, act_min, act_max;
    int32_t in_features, units;
    const int8_t *input;
    const int8_t *weight;
    const int32_t *bias;
    const int32_t *bias_folded; /* bias - input_zp * sum(w), or NULL */
    nnom_requant_t rq;
    int8_t *output;
    int32_t grouped; /* weight in the config's weight4 order (nnom_layers.h) */
} nnom_fc_args_t;

/* Max / average / sum pooling (an op kind each) over the real part of each
 * window. Sum pooling requantises zp_out + requantize(sum of (x -
 * input_zp), mult, shift); the other kinds keep the input's quantisation. */
typedef struct {
    nnom_pool_params_t p;
    nnom_dims_t in, out;
    int32_t kernel_h, kernel_w;
    const int8_t *input;
    int8_t *output;
    int32_t input_zp, output_zp, mult, shift; /* sum pooling only */
} nnom_pool_args_t;

#define NNOM_MERGE_MAX_INPUTS 16 /* Add/Sub/Mult inputs (keeps the Add sum in int32) */

/* Add / Sub of n_in inputs of size values (Sub: negative in_mult from the
 * second input on). in_offset[k] = -zero point of input k. */
typedef struct {
    int32_t n_in;
    const int8_t *const *input;
    const int32_t *in_offset, *in_mult, *in_shift;
    int32_t left_shift;
    int32_t out_offset, out_mult, out_shift; /* out_offset: output zero point */
    int32_t act_min, act_max;
    uint32_t size;
    int8_t *output;
} nnom_add_args_t;

/* Mult of n_in inputs: n_in - 1 products (mult[k], shift[k]); step_zp: zero
 * points of the n_in - 2 intermediate products. */
typedef struct {
    int32_t n_in;
    const int8_t *const *input;
    const int32_t *in_offset, *mult, *shift, *step_zp;
    int32_t out_offset, act_min, act_max;
    uint32_t size;
    int8_t *output;
} nnom_mul_args_t;

/* ---- dispatch --------------------------------------------------------------
 * Each op kind has a table of kernels (src/kernels/nnom_dispatch.c, or the
 * op's kernel file when all its kernels are local), tried in order: the
 * first whose scratch function does not return NNOM_UNSUITED runs; the
 * last entry takes every argument. The choice depends only on the
 * arguments, so nnom_kernel_plan() (at compile) and nnom_kernel_run()
 * pick the same kernel; a run given less scratch than an
 * entry asks skips that entry. Scratch buffers are planned in the arena;
 * nnom/memory.py:scratch_of() mirrors the sizes. Each table is a section of
 * its own: with --gc-sections a model links the tables, and so the kernels,
 * of the op kinds its layers use only. */
typedef struct {
    nnom_kernel_scratch_fn scratch; /* NULL: none needed, takes everything */
    nnom_kernel_run_fn run;
} nnom_kernel_t;

extern const nnom_kernel_t nnom_conv_kernels[];
extern const nnom_kernel_t nnom_dwconv_kernels[];
extern const nnom_kernel_t nnom_fc_kernels[];
extern const nnom_kernel_t nnom_maxpool_kernels[];
extern const nnom_kernel_t nnom_avgpool_kernels[];
extern const nnom_kernel_t nnom_sumpool_kernels[];
extern const nnom_kernel_t nnom_softmax_kernels[];
extern const nnom_kernel_t nnom_add_kernels[];
extern const nnom_kernel_t nnom_mul_kernels[];

/* At build: the scratch bytes of the kernel the table picks for args, into
 * layer->scratch_bytes, and the pick kept in layer->kernel (the run's: the
 * plan gives the layer those bytes, nnom_plan_check()), so no run picks. */
void nnom_kernel_plan(const nnom_kernel_t *table, nnom_layer_t *layer, const void *args);
/* DepthwiseConv2D's build after the plan (not at -Os): where the local
 * kernel runs the layer, the path its first run would take when the
 * converter's records name it and their checks against the layer hold,
 * kept in layer->keep now, so that no run asks them (0 otherwise: the
 * first run picks). Returns the kept step's NNOM_DW_DIRECT_* where the
 * step runs without asking (NONE otherwise, and in other builds). */
uint8_t nnom_dwconv_prepare(nnom_layer_t *layer, const nnom_conv_args_t *args);
/* A Conv2D layer's conv table entry bit and, for the local kernel, its
 * inner paths' (nnom_conv_paths.h; nnom_model_conv_paths()) */
uint64_t nnom_conv_path_bits(const nnom_layer_t *layer);
/* Runs the kernel the table picks for args with the layer's scratch (the
 * planned l->scratch_bytes at l->scratch; none when the layer asked none).
 * The pick is kept in layer->kernel, made at build (nnom_kernel_plan()) or
 * on the layer's first run: the arguments' sizes and constants, which
 * alone decide it, stay the same from run to run (a layer calls one
 * table). model_compile() clears it before the layers' build. */
nnom_status_t nnom_kernel_run(const nnom_kernel_t *table, nnom_layer_t *layer,
                              const void *args);
/* What layers' runs call: at -O2, once the pick is made, straight to the
 * kernel (inline: ~9 instructions a layer less); the first pick, kernel
 * profiling and -Os builds (one copy) go through nnom_kernel_run(). */
#if !defined(__OPTIMIZE_SIZE__) && !defined(NNOM_KERNEL_PROFILE)
static inline nnom_status_t nnom_kernel_run_kept(const nnom_kernel_t *table, nnom_layer_t *layer,
                                                 const void *args)
{
    if (layer->kernel == 0)
        return nnom_kernel_run(table, layer, args);
    const nnom_kernel_ctx_t ctx = {layer->scratch, layer->scratch_bytes, &layer->keep};
    return table[layer->kernel - 1u].run(&ctx, args);
}
#else
#define nnom_kernel_run_kept nnom_kernel_run
#endif

/* Records runs: the 1x1 loops on the converter's records (whose header
 * holds in.c, out.c and, past one pixel, the pixels) need of the
 * arguments only the records and the two buffers. At -O2 (NNOM_RECORDS_RUNS) a Conv2D whose kept
 * pick (layer->kernel, 1 + the entry) is one of the conv table's first
 * NNOM_CONV_RECORDS entries gets a layer type of its own whose run calls
 * that entry's loop from the layer itself: no arguments struct, no
 * context, no table (~50 instructions a layer). NNOM_CONV_RECORDS: where
 * nnom_dispatch.c's conv table starts with those four (DSP cores at -O2,
 * not CHW, not where CMSIS-NN runs Helium: NNOM_DENSE_GROUPED's builds),
 * which its check holds to; nnom_conv2d.c lists the loops in its order. */
nnom_status_t nnom_local_pw1px8_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1px_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pw1px8's one pass (at most 16 outputs), past its header's tests */
nnom_status_t nnom_local_pw1px8p_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pwfo's one pixel (one output; three; two), past its header's tests */
nnom_status_t nnom_local_pwfo1px_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo3px_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo2px_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pwfo1px's one output of 25 to 64 inputs, one entry a word count W */
nnom_status_t nnom_local_pwfo1o7_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o8_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o9_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o10_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o11_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o12_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o13_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o14_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o15_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o16_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* and on TWO pixels (pwfo1o2p<W>) */
nnom_status_t nnom_local_pwfo1o2p7_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p8_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p9_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p10_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p11_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p12_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p13_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p14_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p15_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo1o2p16_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pw1pxn's one-output loops entered past its header's tests (build()
 * picks them: 9 to 16 inputs by in.c, each on an even and an odd pixel
 * count; 8 inputs on an odd, an even pixel count) */
nnom_status_t nnom_local_pw1pxn9e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn9o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn10e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn10o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn11e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn11o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn12e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn12o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn13e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn13o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn14e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn14o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn15e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn15o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn16e_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn16o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn8o_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn8e_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pw1pxn's one output of 8 inputs on 2 to 4 pixels straight, an entry a
 * pixel count (build() picks them past its header's tests) */
nnom_status_t nnom_local_pw1pxn8s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn8s3_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn8s4_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* and of 9 to 16 inputs on one pixel, an entry an in.c */
nnom_status_t nnom_local_pw1pxn9s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn10s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn11s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn12s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn13s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn14s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn15s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn16s1_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* and of 9 to 12 inputs on two pixels, a function an in.c */
nnom_status_t nnom_local_pw1pxn9s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn10s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn11s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn12s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pw1pxn's pass of 4 to 8 inputs past its header's tests */
nnom_status_t nnom_local_pw1pxn48_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* and on two pixels straight */
nnom_status_t nnom_local_pw1pxn48s2_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pw1pxn's one pixel of 9 to 12 and 13 to 16 inputs, 2 to 16 outputs,
 * entered past its header's tests (build() picks them by in.c) */
nnom_status_t nnom_local_pw1pxn12p_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pw1pxn16p_rec(const int32_t *records, int8_t *output, const int8_t *input);
/* pwfo's one output of 17 to 24 inputs entered past its header's tests
 * (build() picks them by in.c) */
nnom_status_t nnom_local_pwfo17_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo18_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo19_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo20_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo21_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo22_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo23_rec(const int32_t *records, int8_t *output, const int8_t *input);
nnom_status_t nnom_local_pwfo24_rec(const int32_t *records, int8_t *output, const int8_t *input);
#if !defined(__OPTIMIZE_SIZE__) && !defined(NNOM_KERNEL_PROFILE)
#define NNOM_RECORDS_RUNS 1
#else
#define NNOM_RECORDS_RUNS 0
#endif
#if NNOM_RECORDS_RUNS && NNOM_DENSE_GROUPED && !defined(NNOM_USING_CHW)
#define NNOM_CONV_RECORDS NNOM_CONV_RECORDS_ROWS /* nnom_conv_paths.h's rows */
#else
#define NNOM_CONV_RECORDS 0
#endif

/* DepthwiseConv2D's kept steps that run the layer without asking (their
 * asks held at build): nnom_dwconv_prepare() returns one of these where
 * it kept one (NONE otherwise), and the layer takes a type of its own
 * whose run calls that kernel on the config's arguments block (no
 * context, no table, no step switch: ~35 instructions a layer). Where
 * the local assembly kernels run at -O2 (NNOM_DENSE_GROUPED's builds,
 * not CHW). The kernels are the local ones' (declared in their headers
 * too). */
#if NNOM_RECORDS_RUNS && NNOM_DENSE_GROUPED && !defined(NNOM_USING_CHW)
#define NNOM_DW_DIRECT 1
nnom_status_t nnom_dw_tiny_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output);
nnom_status_t nnom_dw_tiny3_direct(const nnom_conv_args_t *block,
                                   const int8_t *input, int8_t *output);
nnom_status_t nnom_dw_tiny1_direct(const nnom_conv_args_t *block, const int8_t *input,
                                   int8_t *output);
nnom_status_t nnom_dw_tiny1s_direct(const nnom_conv_args_t *block, const int8_t *input,
                                    int8_t *output);
void nnom_dw_tiny3r_direct(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_q_direct(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
nnom_status_t nnom_dw_line_tag_direct(const nnom_conv_args_t *block,
                                      const int8_t *input, int8_t *output);
nnom_status_t nnom_dwcol_one_direct(const nnom_conv_args_t *block,
                                    const int8_t *input, int8_t *output);
void nnom_dwrect_plane_run(const nnom_conv_args_t *a);
void nnom_dwrect_plane1_direct(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dwrect_s8_scaled_adj_groups2(const void *x, int8_t *out, const int32_t *records);
void nnom_dw3_short_a_s8(const nnom_conv_args_t *a, int32_t n);
void nnom_dw3_valid_a_s8(const nnom_conv_args_t *a, int32_t n);
void nnom_dw3_valid_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_valid2_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_valid2o_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_line_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_line4s_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_s2v_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_s2bv_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_s2vp_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dw3_s2vn_b_s8(const nnom_conv_args_t *block, const int8_t *input, int8_t *output);
void nnom_dwone3_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone4_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone3e_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_k_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_in_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_in1_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_inl_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_in11_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
void nnom_dwone_in13_b_s8(const nnom_conv_args_t *block, const int8_t *x, int8_t *out);
uint8_t nnom_local_dwconv_s8_direct(unsigned step, const nnom_conv_args_t *a);
#else
#define NNOM_DW_DIRECT 0
#endif
enum {
    NNOM_DW_DIRECT_NONE,
    NNOM_DW_DIRECT_TINY_TAG, /* nnom_dw_tiny_tag_direct (no block copy) */
    NNOM_DW_DIRECT_TINY3,    /* nnom_dw_tiny3_direct (no block copy) */
    NNOM_DW_DIRECT_LINE_TAG, /* nnom_dw_line_tag_direct (no block copy) */
    NNOM_DW_DIRECT_COL,      /* nnom_dwcol_one_direct (no block copy) */
    NNOM_DW_DIRECT_PLANE,    /* nnom_dwrect_plane_run */
    NNOM_DW_DIRECT_THREE_SS, /* nnom_dw3_short_a_s8, out.h * out.w */
    NNOM_DW_DIRECT_THREE_SV, /* nnom_dw3_valid_b_s8 (no block copy) */
    NNOM_DW_DIRECT_TINY3R,   /* nnom_dw_tiny3r_direct (no block copy) */
    NNOM_DW_DIRECT_THREE_Q,  /* nnom_dw3_q_direct (no block copy) */
    NNOM_DW_DIRECT_THREE_V2,  /* nnom_dw3_valid2_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_V2O, /* nnom_dw3_valid2o_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_S2V,  /* nnom_dw3_s2v_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_S2V3, /* nnom_dw3_s2bv_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_S2VP, /* nnom_dw3_s2vp_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_S2VN, /* nnom_dw3_s2vn_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE3,      /* nnom_dwone3_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE4,      /* nnom_dwone4_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE3E,     /* nnom_dwone3e_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE_COL,   /* nnom_dwone_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE_K,     /* nnom_dwone_k_b_s8 (no block copy) */
    NNOM_DW_DIRECT_PLANE1,    /* nnom_dwrect_plane1_direct (no block copy) */
    NNOM_DW_DIRECT_RECT2S,    /* nnom_dwrect_s8_scaled_adj_groups2 (the records alone) */
    NNOM_DW_DIRECT_ONE_IN,    /* nnom_dwone_in_b_s8 (no block copy) */
    NNOM_DW_DIRECT_ONE_IN1,   /* nnom_dwone_in1_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_L,   /* nnom_dw3_line_b_s8 (no block copy) */
    NNOM_DW_DIRECT_THREE_L4S, /* nnom_dw3_line4s_b_s8: its four channels' 'same' line */
    NNOM_DW_DIRECT_ONE_INL,   /* nnom_dwone_inl_b_s8: tag 43's lines of 50 to 56 taps */
    NNOM_DW_DIRECT_ONE_IN11,  /* nnom_dwone_in11_b_s8: tag 43's 11 taps on whole groups */
    NNOM_DW_DIRECT_ONE_IN13,  /* nnom_dwone_in13_b_s8: tag 43's 13 taps on whole groups */
    NNOM_DW_DIRECT_TINY1,     /* nnom_dw_tiny1_direct: tag 29's one-channel short line */
    NNOM_DW_DIRECT_TINY1S,    /* nnom_dw_tiny1s_direct: that line at stride 1, straight */
    NNOM_DW_DIRECT_COUNT
};

/* Local (portable C99) kernels: the last entry of every table. */
nnom_status_t nnom_local_conv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
uint32_t nnom_local_conv_s8_scratch(const void *args);
nnom_status_t nnom_local_dwconv_s8(const nnom_kernel_ctx_t *ctx, const void *args);
uint32_t nnom_local_dwconv_s8_scratch(const void *args);
uint8_t nnom_local_dwconv_s8_step(const nnom_conv_args_t *args); /* (DSP cores, -O2) */
uint64_t nnom_local_dwconv_s8_bit(unsigned step); /* a kept step's stable bit, 0 none */
/* The stable bit (nnom_dw_steps.h) of the step a DepthwiseConv2D layer
 * keeps where the local kernel runs it, 0 otherwise. */
uint64_t nnom_dwconv_step_bit(const nnom_layer_t *layer);
nnom_status_t nnom_local_fc_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_local_maxpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_local_avgpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_local_sumpool_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_local_add_s8(const nnom_kernel_ctx_t *ctx, const void *args);
nnom_status_t nnom_local_mul_s8(const nnom_kernel_ctx_t *ctx, const void *args);

/* ---- recurrent cells (src/kernels/local/nnom_local_rnn_s8.c) -------------- */

/* Table activation of a Q3.12 value (saturated to int16 first), Q0.15. */
int16_t nnom_rnn_act(const int16_t *table, int32_t pre);

/* One time step of a cell (op kind nnom_rnn_step_kernels). input: int8
 * input step; h: Q0.15 state, c: Q11.20 (LSTM). Scratch: the layer's, whose
 * start the step uses: 2 * G * units int32, plus units int16 for GRU with
 * reset_after = 0 (nnom_rnn.c plans the rest). */
typedef struct {
    const nnom_rnn_cell_t *cell;
    const int8_t *input;
    int32_t input_zp;
    int16_t *h;
    int32_t *c;
} nnom_rnn_step_args_t;

extern const nnom_kernel_t nnom_rnn_step_kernels[];
nnom_status_t nnom_local_rnn_step_s8(const nnom_kernel_ctx_t *ctx, const void *args);

/* Kernel profiling (build with NNOM_KERNEL_PROFILE): instructions (or
 * NNOM_TIME_UNIT ticks) spent inside the table's kernels since the last
 * reset, without the cost of the timer readings. */
#ifdef NNOM_KERNEL_PROFILE
void nnom_kernel_profile_reset(void);
uint32_t nnom_kernel_profile_instructions(void);
#endif

/* Element-wise helpers (no backend choice needed). */
void nnom_lut_s8(const int8_t *in, int8_t *out, uint32_t n, const int8_t *table);
void nnom_clamp_buf_s8(int8_t *data, uint32_t n, int32_t lo, int32_t hi);

#ifdef __cplusplus
}
#endif

#include "nnom_op_kernels.h" /* the ops' own kernel declarations (generated) */

#endif /* NNOM_KERNELS_H */
