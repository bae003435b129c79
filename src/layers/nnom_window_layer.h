/*
 * nnom_window_layer.h - what Conv2D, DepthwiseConv2D and Conv2DTranspose
 * share (internal): the arguments their configs name alike, and build/run
 * around each layer's own setup (inline). Their configs are distinct public types
 * with these fields of the same names, hence the two macros.
 */
#ifndef NNOM_WINDOW_LAYER_H
#define NNOM_WINDOW_LAYER_H

#include <stddef.h> /* offsetof */
#include <string.h> /* memcmp, memcpy, memset */

#include "nnom.h"
#include "nnom_geometry.h"
#include "nnom_kernels.h"

/* A window layer's setup() serves build (checks, sizes) and, at -O2, run
 * (the sizes build gave, inlined). -Os runs take build's path again: one
 * copy of setup, no second way to the sizes (~220 B less per layer type). */
#if defined(__OPTIMIZE_SIZE__) && defined(__GNUC__)
#define NNOM_WINDOW_SETUP static __attribute__((noinline))
#define NNOM_WINDOW_AT_RUN(run) 0
#else
#define NNOM_WINDOW_SETUP static
#define NNOM_WINDOW_AT_RUN(run) (run)
#endif

/* cfg's arrays and output quantisation are there */
#define NNOM_WINDOW_CONFIG_OK(cfg)                                                             \
    ((cfg)->weight != NULL && (cfg)->bias != NULL && (cfg)->mult != NULL &&                   \
     (cfg)->shift != NULL && (cfg)->super.out_q != NULL)

/* The arguments layer l's input, output and config cfg give alike; the
 * layer's setup sets the sizes, the padding, bias_folded and ch_mult. */
#define NNOM_WINDOW_ARGS(s, l, cfg)                                                            \
    do {                                                                                       \
        (s)->p.input_zp = (l)->in0->out.q->zero_point;                                         \
        (s)->p.output_zp = (cfg)->super.out_q->zero_point;                                     \
        (s)->p.stride_h = (cfg)->stride_h;                                                     \
        (s)->p.stride_w = (cfg)->stride_w;                                                     \
        (s)->p.dilation_h = (cfg)->dilation_h;                                                 \
        (s)->p.dilation_w = (cfg)->dilation_w;                                                 \
        (s)->p.act_min = (l)->out_min;                                                         \
        (s)->p.act_max = (l)->out_max;                                                         \
        (s)->input = (l)->in0->out.data;                                                       \
        (s)->weight = (cfg)->weight;                                                           \
        (s)->bias = (cfg)->bias;                                                               \
        (s)->rq.mult = (cfg)->mult;                                                            \
        (s)->rq.shift = (cfg)->shift;                                                          \
        (s)->output = (l)->out.data;                                                           \
    } while (0)

/* At build: the output size from the input's and the config's (< 1 where
 * none fits), and its padding. */
#define NNOM_WINDOW_BUILD_SIZES(s, cfg)                                                        \
    do {                                                                                       \
        (s)->out.h = nnom_window_out((s)->in.h, (cfg)->kernel_h, (cfg)->stride_h,              \
                                     (cfg)->dilation_h, (cfg)->padding, (cfg)->pad.top,        \
                                     (cfg)->pad.bottom, &(s)->p.pad_top);                      \
        (s)->out.w = nnom_window_out((s)->in.w, (cfg)->kernel_w, (cfg)->stride_w,              \
                                     (cfg)->dilation_w, (cfg)->padding, (cfg)->pad.left,       \
                                     (cfg)->pad.right, &(s)->p.pad_left);                      \
    } while (0)

/* At a run (not at build): the output size build() gave, and the padding
 * of that size; the config and input shape are those build() checked. */
#define NNOM_WINDOW_RUN_SIZES(s, l, cfg)                                                       \
    do {                                                                                       \
        (s)->out.h = (int32_t)(l)->out.shape.h;                                                \
        (s)->out.w = (int32_t)(l)->out.shape.w;                                                \
        (s)->p.pad_top = nnom_window_pad((s)->in.h, (s)->out.h, (cfg)->kernel_h,               \
                                         (cfg)->stride_h, (cfg)->dilation_h, (cfg)->padding,   \
                                         (cfg)->pad.top);                                      \
        (s)->p.pad_left = nnom_window_pad((s)->in.w, (s)->out.w, (cfg)->kernel_w,              \
                                          (cfg)->stride_w, (cfg)->dilation_w, (cfg)->padding,  \
                                          (cfg)->pad.left);                                    \
    } while (0)

/* A layer's setup: s from l's input and config, or the status that refuses
 * them. Run at build (run = 0: checks everything, computes the sizes) and
 * at every run (run = 1: build() has checked the config and the input
 * shape, which stay the same until the next model_compile(); the arena
 * places the buffers). */
typedef nnom_status_t (*nnom_window_setup_fn)(const nnom_layer_t *l, nnom_conv_args_t *s,
                                              int run);

/* A converter's args block (the config's, NNOM_RUN_ARGS) with the fields
 * it leaves out, the buffers and the clamp, from layer l. Thumb-2 GCC
 * copies its 28 words before records_len by four-word loads and stores
 * (14 instructions; GCC itself calls memcpy for 112 bytes, or loops over
 * 16-byte pieces); records_len is build()'s alone (runs do not read it). */
#if defined(__GNUC__) && defined(__thumb2__) && !defined(__OPTIMIZE_SIZE__)
typedef char nnom_window_args_words[offsetof(nnom_conv_args_t, records_len) == 112 ? 1 : -1];
#define NNOM_WINDOW_COPY4 "ldmia %[f]!, {r0-r3}\n\tstmia %[t]!, {r0-r3}\n\t"
#endif
static inline void nnom_window_args_copy(nnom_conv_args_t *s, const nnom_conv_args_t *args,
                                         const nnom_layer_t *l)
{
#ifdef NNOM_WINDOW_COPY4
    const nnom_conv_args_t *from = args;
    nnom_conv_args_t *to = s;
    __asm__ volatile(NNOM_WINDOW_COPY4 NNOM_WINDOW_COPY4 NNOM_WINDOW_COPY4 NNOM_WINDOW_COPY4
                         NNOM_WINDOW_COPY4 NNOM_WINDOW_COPY4 NNOM_WINDOW_COPY4
                     : [f] "+r"(from), [t] "+r"(to)
                     :
                     : "r0", "r1", "r2", "r3", "memory");
#else
    memcpy(s, args, sizeof(*s)); /* padding bytes too (a static block's are 0) */
#endif
    s->input = l->in0->out.data;
    s->output = l->out.data;
    s->p.act_min = l->out_min;
    s->p.act_max = l->out_max;
}

/* Output shape and quantisation, MACs (every output meets k.h * k.w * k.c
 * taps) and the scratch of the kernel the table picks; s as setup left it.
 * A config's args block (or NULL) must be what setup gives (-O2 runs copy
 * it instead): NN_ARGUMENT_ERROR where not.
 * Inline, like nnom_pool_window: with setup inlined each layer's copy is as
 * small as its own code was (-Os). */
static inline nnom_status_t nnom_window_build(nnom_layer_t *l, nnom_window_setup_fn setup,
                                              const nnom_kernel_t *kernels, nnom_conv_args_t *s,
                                              const nnom_conv_args_t *args)
{
#if !defined(__OPTIMIZE_SIZE__)
    memset(s, 0, sizeof(*s)); /* memcmp below: padding, should an ABI add any, 0 */
#endif
    const nnom_status_t st = setup(l, s, 0);
    if (st != NN_SUCCESS)
        return st;
#if !defined(__OPTIMIZE_SIZE__)
    if (args != NULL) {
        nnom_conv_args_t t;
        nnom_window_args_copy(&t, args, l);
        t.records_len = args->records_len;
        if (memcmp(&t, s, sizeof(t)) != 0)
            return NN_ARGUMENT_ERROR;
    }
#else
    (void)args;
#endif
    l->out.shape.h = (uint32_t)s->out.h;
    l->out.shape.w = (uint32_t)s->out.w;
    l->out.shape.c = (uint32_t)s->out.c;
    l->out.shape.rank = l->in0->out.shape.rank;
    /* every layer config starts with its nnom_layer_config_t */
    l->out.q = ((const nnom_layer_config_t *)l->config)->out_q;
    l->macs = (uint32_t)s->out.h * (uint32_t)s->out.w * (uint32_t)s->out.c * (uint32_t)s->k.h *
              (uint32_t)s->k.w * (uint32_t)s->k.c; /* statistics: wraps */
    nnom_kernel_plan(kernels, l, s); /* no pick at runs */
    return NN_SUCCESS;
}

/* Runs the kernel the table picks, with the config's args block (build()
 * checked it) or setup's. */
static inline nnom_status_t nnom_window_run(nnom_layer_t *l, nnom_window_setup_fn setup,
                                            const nnom_kernel_t *kernels,
                                            const nnom_conv_args_t *args)
{
    nnom_conv_args_t s;
#if !defined(__OPTIMIZE_SIZE__)
    if (args != NULL) {
        nnom_window_args_copy(&s, args, l);
        return nnom_kernel_run_kept(kernels, l, &s);
    }
#else
    (void)args;
#endif
    const nnom_status_t st = setup(l, &s, 1);
    if (st != NN_SUCCESS)
        return st;
    return nnom_kernel_run_kept(kernels, l, &s);
}

#endif /* NNOM_WINDOW_LAYER_H */
