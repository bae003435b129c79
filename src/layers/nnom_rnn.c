/*
 * nnom_rnn.c - the recurrent layer: one cell (rnn_s) or two
 * (bidirectional_s) run over the time steps, the state, the output.
 *
 * Scratch (in the arena, this layer only), in this order:
 *   X, H gate buffers            2 * G * units int32
 *   r * h (GRU, reset_after = 0) units int16, padded to NNOM_ALIGN
 *   state, when not stateful     n_cells * nnom_rnn_state_bytes()
 *   forward outputs              timesteps * units int16, padded (two cells
 *                                merging by sum/ave/mul with return_sequences)
 *   one step's input (CHW)       features int8, padded, unless timesteps or
 *                                features is 1
 * nnom/recurrent/memory.py (and nnom/layout.py for CHW) compute the same.
 */
#include "nnom.h"
#include "nnom_kernels.h"
#include "nnom_rnn.h"
#include "nnom_layout.h"

void nnom_mem_release(void *p);

static uint32_t align_up(uint32_t n) { return (n + NNOM_ALIGN - 1u) / NNOM_ALIGN * NNOM_ALIGN; }

static uint32_t gates_of(nnom_rnn_cell_kind_t kind)
{
    return kind == NNOM_CELL_LSTM ? 4u : (kind == NNOM_CELL_GRU ? 3u : 1u);
}

uint32_t nnom_rnn_state_bytes(nnom_rnn_cell_kind_t kind, uint32_t units)
{
    return align_up(2u * units) + (kind == NNOM_CELL_LSTM ? 4u * units : 0u);
}

static int gru_resets_before(const nnom_rnn_cell_t *cell)
{
    return cell->kind == NNOM_CELL_GRU &&
           !((const nnom_gru_cell_config_t *)cell->config)->reset_after;
}

static int keeps_forward_sequence(const nnom_rnn_layer_t *rl)
{
    const nnom_rnn_config_t *cfg = (const nnom_rnn_config_t *)rl->super.config;
    return rl->n_cells == 2 && cfg->return_sequences && cfg->merge != NNOM_RNN_MERGE_CONCAT;
}

static nnom_status_t check_cell(const nnom_rnn_cell_t *cell, const nnom_tensor_t *in)
{
    const nnom_rnn_cell_config_t *c = cell->config;
    if (c == NULL || c->kernel == NULL || c->bias == NULL || c->kernel_mult == NULL ||
        c->kernel_shift == NULL || c->recurrent_kernel == NULL || c->recurrent_mult == NULL ||
        c->recurrent_shift == NULL || c->activation == NULL)
        return NN_ARGUMENT_ERROR;
    if (c->units == 0 || c->units > NNOM_RNN_MAX_UNITS || c->in_features == 0)
        return NN_ARGUMENT_ERROR;
    if (cell->kind == NNOM_CELL_GRU &&
        ((const nnom_gru_cell_config_t *)c)->recurrent_activation == NULL)
        return NN_ARGUMENT_ERROR;
    if (cell->kind == NNOM_CELL_LSTM &&
        ((const nnom_lstm_cell_config_t *)c)->recurrent_activation == NULL)
        return NN_ARGUMENT_ERROR;
    if (in->shape.c != c->in_features)
        return NN_SIZE_MISMATCH;
    return NN_SUCCESS;
}

static nnom_status_t rnn_build(nnom_layer_t *l)
{
    nnom_rnn_layer_t *rl = (nnom_rnn_layer_t *)l;
    const nnom_rnn_config_t *cfg = (const nnom_rnn_config_t *)l->config;
    const nnom_tensor_t *in = &l->in0->out;
    /* an input has out.q: compile() refuses a layer built without one */
    if (cfg->super.out_q == NULL)
        return NN_ARGUMENT_ERROR;
    if (in->shape.rank != 2 || in->shape.h != 1 || in->shape.w == 0)
        return NN_SIZE_MISMATCH; /* (timesteps, features) */
    for (uint8_t d = 0; d < rl->n_cells; d++) {
        nnom_status_t s = check_cell(&rl->cell[d], in);
        if (s != NN_SUCCESS)
            return s;
    }
    const nnom_rnn_cell_config_t *c0 = rl->cell[0].config;
    const uint32_t u = c0->units, steps = in->shape.w;
    if ((uint64_t)steps * u > INT32_MAX / 4) /* the scratch sums below fit uint32 */
        return NN_SIZE_MISMATCH;
    if (rl->n_cells == 2) {
        if (rl->cell[1].config->units != u || cfg->merge > NNOM_RNN_MERGE_MUL)
            return NN_ARGUMENT_ERROR;
    }
    const uint32_t out_units = u * (rl->n_cells == 2 && cfg->merge == NNOM_RNN_MERGE_CONCAT ? 2u : 1u);
    if (cfg->return_sequences) {
        l->out.shape.h = 1;
        l->out.shape.w = (uint32_t)steps;
        l->out.shape.rank = 2;
    } else {
        l->out.shape.h = 1;
        l->out.shape.w = 1;
        l->out.shape.rank = 1;
    }
    l->out.shape.c = (uint32_t)out_units;
    l->out.q = cfg->super.out_q;

    const uint32_t rows = gates_of(rl->cell[0].kind) * u;
    l->macs = steps * rl->n_cells * rows * (c0->in_features + u);
    uint32_t scratch = 2u * 4u * rows;
    if (gru_resets_before(&rl->cell[0]) || (rl->n_cells == 2 && gru_resets_before(&rl->cell[1])))
        scratch += align_up(2u * u);
    if (!cfg->stateful)
        scratch += rl->n_cells * nnom_rnn_state_bytes(rl->cell[0].kind, u);
    if (keeps_forward_sequence(rl))
        scratch += align_up(2u * steps * u);
    if (!nnom_layout_keras_order(&in->shape))
        scratch += align_up(c0->in_features);
    l->scratch_bytes = scratch;
    return NN_SUCCESS;
}

/* h (Q0.15, or the merged value) -> int8 output, `step` apart */
static void write_out(const nnom_layer_t *l, int8_t *out, const int32_t *v, uint32_t n,
                      uint32_t step)
{
    const nnom_rnn_config_t *cfg = (const nnom_rnn_config_t *)l->config;
    const int32_t zp = cfg->super.out_q->zero_point;
    for (uint32_t k = 0; k < n; k++)
        out[k * step] = nnom_clamp_s8(zp + nnom_requantize(v[k], cfg->out_mult, cfg->out_shift),
                                      l->out_min, l->out_max);
}

static void write_h(const nnom_layer_t *l, int8_t *out, const int16_t *h, uint32_t n,
                    int32_t *tmp, uint32_t step)
{
    for (uint32_t k = 0; k < n; k++)
        tmp[k] = h[k];
    write_out(l, out, tmp, n, step);
}

static void write_merged(const nnom_layer_t *l, int8_t *out, const int16_t *hf,
                         const int16_t *hb, uint32_t n, int32_t *tmp, uint32_t step)
{
    const nnom_rnn_config_t *cfg = (const nnom_rnn_config_t *)l->config;
    if (cfg->merge == NNOM_RNN_MERGE_CONCAT) {
        write_h(l, out, hf, n, tmp, step);
        write_h(l, out + n * step, hb, n, tmp, step);
        return;
    }
    for (uint32_t k = 0; k < n; k++)
        tmp[k] = cfg->merge == NNOM_RNN_MERGE_MUL ? (int32_t)hf[k] * hb[k]
                                                  : (int32_t)hf[k] + hb[k];
    write_out(l, out, tmp, n, step);
}

static nnom_status_t rnn_run(nnom_layer_t *l)
{
    nnom_rnn_layer_t *rl = (nnom_rnn_layer_t *)l;
    const nnom_rnn_config_t *cfg = (const nnom_rnn_config_t *)l->config;
    const nnom_rnn_cell_kind_t kind = rl->cell[0].kind;
    const uint32_t u = rl->cell[0].config->units;
    const uint32_t features = rl->cell[0].config->in_features;
    const uint32_t steps = l->in0->out.shape.w;
    const uint32_t rows = gates_of(kind) * u;
    const uint32_t state_bytes = nnom_rnn_state_bytes(kind, u);
    const int32_t in_zp = l->in0->out.q->zero_point;
    const int8_t *in = l->in0->out.data;
    int8_t *out = l->out.data;
    uint8_t *scratch = (uint8_t *)l->scratch;
    int32_t *gates = (int32_t *)(void *)scratch; /* also the int32 temp of write_out */
    uint32_t offset = 2u * 4u * rows;
    if (gru_resets_before(&rl->cell[0]) || (rl->n_cells == 2 && gru_resets_before(&rl->cell[1])))
        offset += align_up(2u * u);
    uint8_t *state = rl->state;
    if (!cfg->stateful) {
        state = scratch + offset;
        offset += rl->n_cells * state_bytes;
        nnom_memset(state, 0, rl->n_cells * state_bytes);
    }
    if (scratch == NULL || state == NULL)
        return NN_ARGUMENT_ERROR;
    int16_t *forward = keeps_forward_sequence(rl) ? (int16_t *)(void *)(scratch + offset) : NULL;
    /* one step's features apart (CHW builds): gathered here */
    int8_t *x_step = NULL;
    if (!nnom_layout_keras_order(&l->in0->out.shape))
        x_step = (int8_t *)(scratch + offset + (forward != NULL ? align_up(2u * steps * u) : 0u));
    const uint32_t step = nnom_layout_seq_step(steps);
    int16_t *h[2];
    for (uint8_t d = 0; d < rl->n_cells; d++) {
        uint8_t *s = state + d * state_bytes;
        int32_t *c = kind == NNOM_CELL_LSTM ? (int32_t *)(void *)(s + align_up(2u * u)) : NULL;
        const int backwards = (cfg->go_backwards != 0) != (d == 1);
        h[d] = (int16_t *)(void *)s;
        for (uint32_t t = 0; t < steps; t++) {
            const uint32_t src = backwards ? steps - 1u - t : t;
            /* the backward cell of a Bidirectional writes in input order */
            const uint32_t pos = d == 1 ? steps - 1u - t : t;
            const int8_t *x = in + (size_t)src * features;
            if (x_step != NULL) {
                for (uint32_t f = 0; f < features; f++)
                    x_step[f] = in[f * steps + src];
                x = x_step;
            }
            const nnom_rnn_step_args_t a = {&rl->cell[d], x, in_zp, h[d], c};
            const nnom_status_t st = nnom_kernel_run_kept(nnom_rnn_step_kernels, l, &a);
            if (st != NN_SUCCESS)
                return st;
            if (!cfg->return_sequences)
                continue;
            if (rl->n_cells == 1)
                write_h(l, out + nnom_layout_seq_at(pos, u), h[d], u, gates, step);
            else if (cfg->merge == NNOM_RNN_MERGE_CONCAT)
                write_h(l, out + nnom_layout_seq_at(pos, 2u * u) + d * u * step, h[d], u, gates,
                        step);
            else if (d == 0)
                nnom_memcpy(forward + (size_t)pos * u, h[d], 2u * u);
            else
                write_merged(l, out + nnom_layout_seq_at(pos, u), forward + (size_t)pos * u, h[d],
                             u, gates, step);
        }
    }
    if (!cfg->return_sequences) { /* a vector: the same in both layouts */
        if (rl->n_cells == 1)
            write_h(l, out, h[0], u, gates, 1u);
        else
            write_merged(l, out, h[0], h[1], u, gates, 1u);
    }
    return NN_SUCCESS;
}

static const nnom_layer_type_t rnn_types[3] = {
    {.kind = NNOM_RNN, .name = "SimpleRNN", .flags = 0, .clamps = 1, .build = rnn_build,
     .run = rnn_run},
    {.kind = NNOM_RNN, .name = "GRU", .flags = 0, .clamps = 1, .build = rnn_build,
     .run = rnn_run},
    {.kind = NNOM_RNN, .name = "LSTM", .flags = 0, .clamps = 1, .build = rnn_build,
     .run = rnn_run},
};

static nnom_rnn_cell_t *cell_new(nnom_rnn_cell_kind_t kind, const nnom_rnn_cell_config_t *config)
{
    if (config == NULL)
        return NULL;
    nnom_rnn_cell_t *cell = (nnom_rnn_cell_t *)nnom_mem(sizeof(nnom_rnn_cell_t));
    if (cell == NULL)
        return NULL;
    cell->kind = kind;
    cell->config = config;
    return cell;
}

nnom_rnn_cell_t *nnom_simple_cell_s(const nnom_simple_cell_config_t *config)
{
    return cell_new(NNOM_CELL_SIMPLE, config != NULL ? &config->super : NULL);
}

nnom_rnn_cell_t *nnom_gru_cell_s(const nnom_gru_cell_config_t *config)
{
    return cell_new(NNOM_CELL_GRU, config != NULL ? &config->super : NULL);
}

nnom_rnn_cell_t *nnom_lstm_cell_s(const nnom_lstm_cell_config_t *config)
{
    return cell_new(NNOM_CELL_LSTM, config != NULL ? &config->super : NULL);
}

static nnom_layer_t *rnn_new(nnom_rnn_cell_t *const *cells, uint8_t n,
                             const nnom_rnn_config_t *config)
{
    nnom_rnn_layer_t *rl = NULL;
    int ok = config != NULL;
    for (uint8_t d = 0; d < n; d++)
        ok = ok && cells[d] != NULL && cells[d]->kind <= NNOM_CELL_LSTM &&
             cells[d]->kind == cells[0]->kind && cells[d]->config != NULL;
    if (ok) {
        const uint32_t head = align_up((uint32_t)sizeof(nnom_rnn_layer_t));
        const uint32_t state =
            config->stateful ? n * nnom_rnn_state_bytes(cells[0]->kind, cells[0]->config->units)
                             : 0u;
        rl = (nnom_rnn_layer_t *)nnom_mem(head + (uint32_t)NNOM_RNN_STATE_PAD(state));
        if (rl != NULL) {
            rl->super.type = &rnn_types[cells[0]->kind];
            rl->super.config = config;
            rl->super.out_min = -128;
            rl->super.out_max = 127;
            rl->n_cells = n;
            rl->state = state ? (uint8_t *)rl + head : NULL;
            for (uint8_t d = 0; d < n; d++)
                rl->cell[d] = *cells[d];
        }
    }
    for (uint8_t d = 0; d < n; d++)
        nnom_mem_release(cells[d]);
    return rl != NULL ? &rl->super : NULL;
}

nnom_layer_t *nnom_rnn_s(nnom_rnn_cell_t *cell, const nnom_rnn_config_t *config)
{
    return rnn_new(&cell, 1, config);
}

nnom_layer_t *nnom_bidirectional_s(nnom_rnn_cell_t *forward, nnom_rnn_cell_t *backward,
                              const nnom_rnn_config_t *config)
{
    nnom_rnn_cell_t *cells[2] = {forward, backward};
    return rnn_new(cells, 2, config);
}

nnom_status_t nnom_rnn_reset_state(nnom_layer_t *layer)
{
    if (layer == NULL || layer->type == NULL || layer->type->kind != NNOM_RNN)
        return NN_ARGUMENT_ERROR;
    nnom_rnn_layer_t *rl = (nnom_rnn_layer_t *)layer;
    if (rl->state != NULL)
        nnom_memset(rl->state, 0,
                    rl->n_cells * nnom_rnn_state_bytes(rl->cell[0].kind, rl->cell[0].config->units));
    return NN_SUCCESS;
}

nnom_status_t nnom_model_reset_states(nnom_model_t *m)
{
    if (m == NULL)
        return NN_ARGUMENT_ERROR;
    if (!m->compiled)
        return NN_NOT_COMPILED;
    for (nnom_layer_t *l = m->head; l != NULL; l = l->next)
        if (l->type->kind == NNOM_RNN)
            (void)nnom_rnn_reset_state(l);
    return NN_SUCCESS;
}
