/*
 * nnom.h - NNoM: neural networks on microcontrollers, int8 runtime.
 *
 * A model is a graph of layers. Each layer has one output tensor and reads
 * the outputs of the layers it is hooked to. model_compile() orders the
 * layers, infers every shape, plans one arena for all activations and
 * prints the model table; model_run() then runs with no allocation.
 *
 * Arithmetic: TensorFlow Lite's int8 scheme (see docs/arithmetic.md).
 */
#ifndef NNOM_H
#define NNOM_H

#include <stddef.h>
#include <stdint.h>

#include "nnom_port.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NNOM_VERSION_MAJOR 0
#define NNOM_VERSION_MINOR 1
#define NNOM_VERSION_PATCH 0
#define NNOM_VERSION (NNOM_VERSION_MAJOR * 10000 + NNOM_VERSION_MINOR * 100 + NNOM_VERSION_PATCH)

/* For generated headers: static items the including file may not use. */
#if defined(__GNUC__) || defined(__clang__)
#define NNOM_MAYBE_UNUSED __attribute__((unused))
#else
#define NNOM_MAYBE_UNUSED
#endif

/* Every arena buffer starts on this boundary and is padded to it. */
#define NNOM_ALIGN 4
#define NNOM_ALIGN_UP(n) (((n) + NNOM_ALIGN - 1u) / NNOM_ALIGN * NNOM_ALIGN)

typedef enum {
    NN_SUCCESS = 0,
    NN_ARGUMENT_ERROR = -1, /* NULL or out-of-range argument, bad graph */
    NN_LENGTH_ERROR = -2,   /* a buffer is too small */
    NN_SIZE_MISMATCH = -3,  /* shapes do not agree */
    NN_TEST_FAILURE = -6,   /* for user callbacks and tests; the runtime never returns it */
    NN_NO_MEMORY = -7,      /* allocation failed or static buffer too small */
    NN_NOT_COMPILED = -9,   /* model_run() before a successful model_compile() */
    NN_UNSUPPORTED = -10,   /* option not supported by this build */
    NN_CALLBACK_STOP = -11  /* a layer callback asked to stop the run */
} nnom_status_t;

const char *nnom_status_str(nnom_status_t status);

/* real = scale * (q - zero_point) */
typedef struct {
    float scale;
    int32_t zero_point;
} nnom_qparam_t;

/* Tensors are stored HWC (CHW in builds with NNOM_USING_CHW, whose user
 * buffers stay HWC). rank is the Keras rank (1: (c), 2: (w, c),
 * 3: (h, w, c)); unused leading dimensions are 1. */
typedef struct {
    uint32_t h, w, c; /* h * w * c < 2^31 (model_compile() refuses more) */
    uint8_t rank;
} nnom_shape_t;

typedef struct {
    int8_t *data;
    nnom_shape_t shape;
    const nnom_qparam_t *q;
} nnom_tensor_t;

uint32_t nnom_shape_size(const nnom_shape_t *s);

typedef enum { PADDING_VALID = 0, PADDING_SAME = 1, PADDING_EXPLICIT = 2 } nnom_padding_t;

typedef struct {
    uint16_t top, bottom, left, right;
} nnom_border_t;

/* ---- activations attached to a layer ("tails") --------------------------- */

typedef enum {
    NNOM_ACT_RELU = 0, /* clamp below real 0 */
    NNOM_ACT_RELU_CAP, /* clamp to [0, cap]: ReLU6 and ReLU(max_value) */
    NNOM_ACT_LUT,      /* 256-entry table computed by the converter */
    /* Layer API: a table computed at model_compile() (nnom_layer_api.h) */
    NNOM_ACT_SIGMOID,
    NNOM_ACT_TANH,
    NNOM_ACT_LEAKY_RELU /* cap holds the slope */
} nnom_act_kind_t;

typedef struct {
    nnom_act_kind_t kind;
    const char *name;          /* shown in the model table */
    float cap;                 /* NNOM_ACT_RELU_CAP */
    const int8_t *table;       /* NNOM_ACT_LUT: out = table[in + 128] */
    const nnom_qparam_t *out_q; /* NNOM_ACT_LUT: quantisation after the table */
    uint8_t owned;             /* made by act_*(): freed with the layer it is attached to */
} nnom_activation_t;

const nnom_activation_t *nnom_act_relu(void);
const nnom_activation_t *nnom_act_relu6(void);

/* ---- layers ---------------------------------------------------------------- */

typedef struct nnom_layer nnom_layer_t;
typedef struct nnom_model nnom_model_t;

/* What the runtime asks of a layer's type: a layer is one of these kinds
 * or NNOM_LAYER (any other: a layer file tells its own types apart by
 * their addresses). */
typedef enum {
    NNOM_INPUT = 0,
    NNOM_OUTPUT,
    NNOM_ACTIVATION, /* the model table shows its activation's name */
    NNOM_RNN,        /* SimpleRNN, GRU, LSTM, Bidirectional (nnom_rnn.h) */
    NNOM_LAYER
} nnom_layer_kind_t;

/* Layer flags, for the planner. */
#define NNOM_LAYER_VIEW 0x01u     /* output is the input's buffer, unchanged */
#define NNOM_LAYER_INPLACE 0x02u  /* may write its output over its input */
#define NNOM_LAYER_EXTERNAL 0x04u /* output lives in a user buffer */
/* name is "Conv2D\0Conv1D": the model table shows the second for a rank-2
 * output (the layer then runs a Keras 1D layer) */
#define NNOM_LAYER_1D_NAME 0x08u

/* The bytes first: 16 bytes on 32-bit cores (20 with the kind an enum
 * before the name), one per layer type a model links. */
typedef struct {
    uint8_t kind;     /* nnom_layer_kind_t */
    uint8_t flags;
    uint8_t clamps;   /* run() applies the out_min/out_max clamp itself */
    const char *name; /* shown in the model table, e.g. "Conv2D" */
    /* Checks the inputs, sets out.shape, out.q, macs and scratch_bytes. */
    nnom_status_t (*build)(nnom_layer_t *layer);
    nnom_status_t (*run)(nnom_layer_t *layer);
} nnom_layer_type_t;

/* What every layer config starts with. */
typedef struct {
    const char *name;          /* the Keras layer's name, for messages */
    const nnom_qparam_t *out_q; /* output quantisation (before a LUT tail) */
    /* Layer API only: fills the fields that depend on the input (channels,
     * requantisation) in a RAM config, before build(). NULL otherwise. */
    nnom_status_t (*prepare)(nnom_layer_t *layer);
} nnom_layer_config_t;

struct nnom_layer {
    const nnom_layer_type_t *type;
    const void *config;
    nnom_layer_t *in0;       /* first input */
    nnom_layer_t **in_more;  /* inputs 2..n_in, or NULL */
    const nnom_activation_t *act; /* tail, or NULL */
    /* the small fields before the tensor: short Thumb loads reach them */
    uint16_t index;     /* in run order, set by model_compile() */
    /* visit: model_compile()'s ordering mark (1 open, 2 ordered); once the
     * model is compiled, what the run does after the layer (NNOM_TAIL_*) */
    uint8_t n_in, visit;
    int8_t out_min, out_max; /* clamp applied to the output */
    /* 1 + the kernel table entry build or the first run picked (0: not
     * yet), and a byte the kernel keeps its own choice in (nnom_kernel_ctx_t);
     * both cleared by model_compile() before build (the padding before out) */
    uint8_t kernel, keep;
    nnom_tensor_t out;
    int8_t *scratch;
    uint32_t scratch_bytes;
    uint32_t macs;
    uint32_t time; /* last run, in NNOM_TIME_UNIT */
    nnom_layer_t *next; /* run order */
    void *owned;        /* Layer API memory freed by model_delete() */
};

/* A compiled layer's visit: nothing after its run (no activation, or the
 * kernel clamped), a clamp of its output, or its activation's table. */
#define NNOM_TAIL_NONE 0u
#define NNOM_TAIL_CLAMP 1u
#define NNOM_TAIL_LUT 2u

nnom_layer_t *nnom_layer_input(const nnom_layer_t *layer, uint8_t i);

/* nnom_mem() bytes of one layer, and of the input list of a merge layer with
 * n inputs; generated headers add these up in NNOM_STATIC_BUF_BYTES. */
#define NNOM_LAYER_BYTES NNOM_ALIGN_UP(sizeof(nnom_layer_t))
#define NNOM_MERGE_BYTES(n) NNOM_ALIGN_UP(((n) - 1u) * sizeof(nnom_layer_t *))
/* model_compile() plans in a temporary block (per layer: its plan and up to
 * two buffers), from the heap or, in static mode, from the top of the
 * buffer before the arena is taken: a static buffer needs the structures
 * plus the larger of the arena and this. */
#define NNOM_PLAN_ENTRY_BYTES 60u
#define NNOM_COMPILE_TEMP_BYTES(n_layers) ((n_layers) * NNOM_PLAN_ENTRY_BYTES)

/* ---- model ---------------------------------------------------------------- */

typedef nnom_status_t (*nnom_layer_callback_t)(nnom_model_t *m, nnom_layer_t *layer);

struct nnom_model {
    /* Keras-like construction: model.hook(conv2d_s(&cfg), layer[0]) */
    nnom_layer_t *(*hook)(nnom_layer_t *curr, nnom_layer_t *prev);
    nnom_layer_t *(*merge)(nnom_layer_t *method, nnom_layer_t *a, nnom_layer_t *b);
    nnom_layer_t *(*mergex)(nnom_layer_t *method, int num, ...);
    nnom_layer_t *(*active)(const nnom_activation_t *act, nnom_layer_t *target);

    nnom_layer_t *head; /* first layer in run order */
    nnom_layer_t *outputs[NNOM_MAX_OUTPUTS];
    int8_t *arena;
    uint32_t arena_bytes;
    uint32_t mem_start, mem_bytes; /* nnom_mem() use: structures + arena */
    uint32_t total_macs;
    uint32_t total_time;
    uint32_t run_count;
    uint16_t n_layers;
    uint8_t n_outputs;
    uint8_t compiled;
    nnom_layer_callback_t callback;
};

/* Fill in the construction methods. Returns m, or NULL when m is NULL. */
nnom_model_t *nnom_new_model(nnom_model_t *m);

/* Order, build, plan and allocate; prints the model table. `input` may be
 * NULL (inputs are found from the output); `output` is required. */
nnom_status_t nnom_model_compile(nnom_model_t *m, nnom_layer_t *input, nnom_layer_t *output);
nnom_status_t nnom_model_compile_multi(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n);

/* The arena plan the converter made for this build (generated headers):
 * per layer in run order, its output's offset (or NNOM_PLAN_SHARED | the
 * index of the layer whose buffer it takes over), its scratch buffer's
 * offset and size; then one entry {arena bytes, lower bound, 0}. */
typedef struct {
    uint32_t out, scratch, scratch_bytes;
} nnom_arena_plan_t;
#define NNOM_PLAN_SHARED 0x80000000u
/* model_compile_multi() with that plan instead of the runtime planner
 * (which is then not linked): the layers must ask the scratch sizes the
 * plan has (else NN_SIZE_MISMATCH: regenerate the header, or build with
 * -DNNOM_RUNTIME_PLAN to plan at run time). */
nnom_status_t nnom_model_compile_planned(nnom_model_t *m, nnom_layer_t *const *outputs, uint8_t n,
                                    const nnom_arena_plan_t *plan);
nnom_status_t nnom_model_run(nnom_model_t *m);
/* After a run: into *mask the stable bits (nnom_conv_paths.h) of the
 * paths the model's Conv2D layers took, for a build with
 * -DNNOM_CONV_PATHS=<mask>ULL that links those alone (-O2 code; same
 * bytes). The local kernel's inner paths are told where the library is
 * built with -DNNOM_CONV_PATHS_REPORT (else all of them, for its layers).
 * NN_ARGUMENT_ERROR on NULL, NN_NOT_COMPILED before compile. */
nnom_status_t nnom_model_conv_paths(const nnom_model_t *m, uint64_t *mask);
/* Where an Input layer's input is written, or an Output layer's output
 * read, once compiled: its user buffer, or its tensor in the arena (NULL
 * buffer). An arena input is valid until nnom_model_run() writes over it;
 * an arena output until the next nnom_model_run(). NULL for other layers. */
int8_t *nnom_io_data(const nnom_layer_t *l);
/* Runs layers up to and including `end`. */
nnom_status_t nnom_model_run_to(nnom_model_t *m, nnom_layer_t *end);
void nnom_model_delete(nnom_model_t *m);

nnom_status_t nnom_model_set_callback(nnom_model_t *m, nnom_layer_callback_t cb);
void nnom_model_delete_callback(nnom_model_t *m);
/* After a run: into *mask the stable bits (nnom_dw_steps.h) of the steps
 * the model's DepthwiseConv2D layers took, for a build with
 * -DNNOM_DW_STEPS=<mask>ULL that links those alone (-O2 code; same
 * instructions and bytes). 0 where no layer ran the local kernel's steps
 * (other builds: -Os, CHW, cores without NNOM_LOCAL_MAC_ASM, CMSIS-NN's
 * kernel). NN_ARGUMENT_ERROR on NULL, NN_NOT_COMPILED before compile. */
nnom_status_t nnom_model_dw_steps(const nnom_model_t *m, uint64_t *mask);

/* ---- memory ------------------------------------------------------------- */

/* Zeroed, NNOM_ALIGN-aligned allocation from the heap or the static buffer. */
void *nnom_mem(size_t size);
/* Bytes handed out by nnom_mem() so far (model structures + arena). */
size_t nnom_mem_used(void);
/* Static mode: all later nnom_mem() calls are served from buf. Call before
 * nnom_model_create(); call again to reuse the buffer for a new model. */
nnom_status_t nnom_set_static_buf(void *buf, size_t size);

/* ---- float I/O helpers ------------------------------------------------- */

/* round(x / scale) + zero_point, saturated to int8 (halves away from 0). */
int8_t nnom_quantize(float x, const nnom_qparam_t *q);
float nnom_dequantize(int8_t v, const nnom_qparam_t *q);
void nnom_quantize_buf(const float *x, int8_t *out, uint32_t n, const nnom_qparam_t *q);
void nnom_dequantize_buf(const int8_t *v, float *out, uint32_t n, const nnom_qparam_t *q);

#ifdef __cplusplus
}
#endif

#include "nnom_layers.h"
#include "nnom_layer_api.h"
#include "nnom_ops.h" /* the ops' own declarations (generated) */
#include "nnom_utils.h"
#include "nnom_short_names.h"

#endif /* NNOM_H */
