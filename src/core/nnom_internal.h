/* nnom_internal.h - functions shared inside the runtime core, not public. */
#ifndef NNOM_INTERNAL_H
#define NNOM_INTERNAL_H

#include "nnom.h"

/* Input i of a layer, for callers that know i < layer->n_in (a run's
 * inner loop): nnom_layer_input() is the checked, public form. */
static inline nnom_layer_t *nnom_layer_input_at(const nnom_layer_t *layer, uint8_t i)
{
    return i == 0 ? layer->in0 : layer->in_more[i - 1];
}

/* nnom_mem.c: give back a block from nnom_mem() (no-op in static mode). */
void nnom_mem_release(void *p);

/* Memory that belongs to a layer (Layer API configs, computed tables):
 * allocate with nnom_mem_owned(), attach with nnom_layer_own(); freed by
 * model_delete(). nnom_mem_owned_release() frees one not yet attached. */
void *nnom_mem_owned(size_t size);
void nnom_layer_own(nnom_layer_t *layer, void *block);
void nnom_mem_owned_release(void *block);
void nnom_layer_release_owned(nnom_layer_t *layer);
/* Constructor tail: the new layer owns `block`, or `block` is freed when
 * the layer could not be made. Returns layer. */
nnom_layer_t *nnom_layer_adopt(nnom_layer_t *layer, void *block);

/* nnom_mem.c: a block for model_compile()'s own use, not counted by
 * nnom_mem_used(): from the heap, or from the top of the static buffer (the
 * next nnom_mem() may reuse it). nnom_mem_next(): where the next nnom_mem()
 * block will start in static mode, NULL with the heap. */
void *nnom_mem_temp(size_t size);
void nnom_mem_temp_free(void *p);
#ifdef NNOM_USING_STATIC_MEMORY
int8_t *nnom_mem_next(void);
#else
#define nnom_mem_next() ((int8_t *)NULL) /* heap builds drop the static paths */
#endif

/* nnom_planner.c: the planner's state of one layer, only during
 * model_compile(), indexed by the layer's index (run order). */
typedef struct {
    uint32_t out_offset, scratch_offset;
    uint32_t root_size;  /* output bytes of the root layer */
    uint16_t root;       /* index of the layer whose buffer holds this output */
    uint16_t last_use;
    uint8_t n_consumers;
    uint8_t root_external;
} nnom_plan_t;
/* one arena buffer (2 per layer at most) */
typedef struct {
    uint32_t size, at;
    uint16_t first, last, id;
} nnom_buf_t;
/* Plans with plan[n_layers] (zeroed), bufs[2 * n_layers] and
 * order[4 * n_layers]; returns the arena size and sets *lower_bound (the
 * peak of the bytes alive at once). */
uint32_t nnom_plan_arena(nnom_model_t *m, nnom_plan_t *plan, nnom_buf_t *bufs, uint16_t *order,
                         uint32_t *lower_bound);
/* the improvement search runs for models with at most this many buffers */
#define NNOM_PLAN_SEARCH_MAX 64u

/* nnom_plan_check.c: 0 when `plan` (the header's form, nnom.h) fits the
 * built layers of m, else why not (NNOM_PLAN_*), with *bad the layer it
 * concerns. model_compile() prints the number as "check <n>";
 * docs/architecture.md lists them. nnom_layer_at(): the layer of a run-order
 * index, or NULL. */
enum {
    NNOM_CHECK_BUILD = 0,       /* the layer's build() refused: see the status */
    NNOM_PLAN_SCRATCH_SIZE = 1, /* scratch size not the one the layer asks */
    NNOM_PLAN_OUTSIDE,          /* a buffer (or the arena) outside the arena's limits */
    NNOM_PLAN_NOT_INPUT,        /* takes over a buffer that is no input's, or may not */
    NNOM_PLAN_SHARED_BUFFER,    /* buffer taken over too small, or a user buffer */
    NNOM_PLAN_OVERWRITES,       /* in-place over data read later */
    NNOM_PLAN_OVERLAP,          /* overlaps a buffer alive at the same time */
    NNOM_CHECK_ORDER,           /* a cycle, a layer without input, or too many layers */
};
unsigned nnom_plan_check(const nnom_model_t *m, const nnom_arena_plan_t *plan,
                         const nnom_layer_t **bad);
const nnom_layer_t *nnom_layer_at(const nnom_model_t *m, uint32_t index);

/* nnom_table.c: with the plan in the header's form (nnom.h) */
void nnom_print_model_table(const nnom_model_t *m, const nnom_arena_plan_t *plan);

/* nnom_api_activation.c: replace a computed activation (sigmoid, tanh,
 * leaky ReLU) with its table for input quantisation `in_q`. */
nnom_status_t nnom_act_make_table(const nnom_activation_t **act, const nnom_qparam_t *in_q);
/* model_compile() calls this pointer for a layer whose activation is
 * computed: the layer's activation becomes its table for the layer's output
 * quantisation, owned by the layer. act_sigmoid(), act_tanh() and
 * act_leaky_relu() set it: programs without them do not link the table
 * maker (and its float maths). */
extern nnom_status_t (*nnom_act_table_maker)(nnom_layer_t *l);

#endif
