/*
 * nnom_rnn.h - recurrent layers: SimpleRNN, GRU, LSTM, Bidirectional.
 *
 *     layer[1] = model.hook(rnn_s(lstm_cell_s(&cell_config), &rnn_config), layer[0]);
 *     layer[2] = model.hook(bidirectional_s(gru_cell_s(&fwd), gru_cell_s(&bwd), &cfg), layer[1]);
 *
 * The input is (timesteps, features): rank 2, h = 1, w = timesteps. int8
 * inputs, outputs and weights; gates and the hidden state h are Q0.15
 * int16, gate pre-activations Q3.12, the LSTM cell state Q11.20 int32.
 * docs/rnn.md gives the arithmetic, which nnom/reference/rnn.py defines
 * bit for bit.
 *
 * Memory: the gate buffers (and the state of a layer that is not stateful)
 * are the layer's scratch in the arena. A stateful layer keeps its state in
 * its own block, allocated with the layer, so no other layer can overwrite
 * it between runs; nnom_rnn_reset_state() / nnom_model_reset_states() zero it.
 */
#ifndef NNOM_RNN_H
#define NNOM_RNN_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NNOM_RNN_MAX_UNITS 256
/* Activation tables: 513 int16 entries, Q0.15 values of f(x) for the Q3.12
 * inputs x = -8, -8 + 1/32, ..., +8, read with linear interpolation. */
#define NNOM_RNN_TABLE_SIZE 513

typedef enum { NNOM_CELL_SIMPLE = 0, NNOM_CELL_GRU, NNOM_CELL_LSTM } nnom_rnn_cell_kind_t;

/* What every cell config starts with. G gates of `units` rows each: 1
 * (SimpleRNN), 3 (GRU: z, r, h) or 4 (LSTM: i, f, c, o), row j = gate * units
 * + unit. Per time step:
 *   X[j] = requantize(bias[j] + sum_i (x_i - zp_in) * kernel[j][i], kernel_mult[j], kernel_shift[j])
 *   H[j] = requantize(recurrent_bias[j] + sum_k h_k * recurrent_kernel[j][k], recurrent_mult[j],
 *                     recurrent_shift[j])
 * both in Q3.12. recurrent_bias is NULL (zero) except for GRU reset_after. */
typedef struct {
    const char *name; /* the Keras layer's name, for messages */
    uint16_t units, in_features;
    const int8_t *kernel;           /* [G * units][in_features] */
    const int32_t *bias;            /* [G * units] */
    const int32_t *kernel_mult;     /* [G * units] */
    const int32_t *kernel_shift;    /* [G * units] */
    const int8_t *recurrent_kernel; /* [G * units][units] */
    const int32_t *recurrent_bias;  /* [G * units] or NULL */
    const int32_t *recurrent_mult;  /* [G * units] */
    const int32_t *recurrent_shift; /* [G * units] */
    const int16_t *activation;      /* table, NNOM_RNN_TABLE_SIZE entries */
} nnom_rnn_cell_config_t;

/* SimpleRNN: h = activation(X + H). */
typedef struct {
    nnom_rnn_cell_config_t super;
} nnom_simple_cell_config_t;

/* GRU (Keras): z, r = recurrent_activation(X + H); candidate
 * activation(Xh + r * Hh) (reset_after) or activation(Xh + H'h) with H'h
 * the recurrent product of r * h (reset_after = 0); h = z h + (1 - z) cand. */
typedef struct {
    nnom_rnn_cell_config_t super;
    const int16_t *recurrent_activation; /* table */
    uint8_t reset_after;
} nnom_gru_cell_config_t;

/* LSTM (Keras): i, f, o = recurrent_activation(X + H), g = activation(X + H);
 * c = f c + i g; h = o activation(c). */
typedef struct {
    nnom_rnn_cell_config_t super;
    const int16_t *recurrent_activation; /* table */
} nnom_lstm_cell_config_t;

/* A cell, as returned by *_cell_s(); rnn_s() / bidirectional_s() take it
 * over (copy it and free it). */
typedef struct {
    nnom_rnn_cell_kind_t kind;
    const nnom_rnn_cell_config_t *config; /* the nnom_*_cell_config_t */
} nnom_rnn_cell_t;

/* Bidirectional: how the forward and backward outputs combine. Merging
 * happens on the Q0.15 states, before the output is quantised. */
typedef enum {
    NNOM_RNN_MERGE_CONCAT = 0, /* also the value for one cell */
    NNOM_RNN_MERGE_SUM,
    NNOM_RNN_MERGE_AVE,
    NNOM_RNN_MERGE_MUL
} nnom_rnn_merge_t;

/* The layer. Output: (timesteps, units') with return_sequences, else
 * (units'); units' = 2 * units for a concatenating Bidirectional.
 *   y = clamp(zp_out + requantize(v, out_mult, out_shift), -128, 127)
 * with v = h (Q0.15), h_f + h_b (SUM, AVE: the multiplier halves) or
 * h_f * h_b (MUL, Q0.30). */
typedef struct {
    nnom_layer_config_t super;
    uint8_t return_sequences;
    uint8_t stateful;     /* keep the state from one model_run() to the next */
    uint8_t go_backwards; /* read the input from the last step to the first */
    nnom_rnn_merge_t merge; /* bidirectional_s() only */
    int32_t out_mult, out_shift;
} nnom_rnn_config_t;

/* An RNN layer: a layer with its cells and, when stateful, its state. */
typedef struct {
    nnom_layer_t super;
    nnom_rnn_cell_t cell[2]; /* forward, backward */
    uint8_t n_cells;
    uint8_t *state; /* stateful: n_cells * nnom_rnn_state_bytes(); else NULL */
} nnom_rnn_layer_t;

nnom_rnn_cell_t *nnom_simple_cell_s(const nnom_simple_cell_config_t *config);
nnom_rnn_cell_t *nnom_gru_cell_s(const nnom_gru_cell_config_t *config);
nnom_rnn_cell_t *nnom_lstm_cell_s(const nnom_lstm_cell_config_t *config);

/* One cell over the sequence. NULL when out of memory or an argument is
 * NULL; the cell is freed in every case. */
nnom_layer_t *nnom_rnn_s(nnom_rnn_cell_t *cell, const nnom_rnn_config_t *config);
/* Keras' Bidirectional: `forward` reads the sequence first to last,
 * `backward` last to first; their outputs align with the input steps. */
nnom_layer_t *nnom_bidirectional_s(nnom_rnn_cell_t *forward, nnom_rnn_cell_t *backward,
                              const nnom_rnn_config_t *config);

/* Zero the state of a stateful recurrent layer (NN_ARGUMENT_ERROR for
 * another layer; nothing to do for a layer that is not stateful). */
nnom_status_t nnom_rnn_reset_state(nnom_layer_t *layer);
/* Zero the state of every stateful recurrent layer of a model. */
nnom_status_t nnom_model_reset_states(nnom_model_t *m);

/* Bytes of one cell's state: h (int16), and c (int32) for LSTM. */
uint32_t nnom_rnn_state_bytes(nnom_rnn_cell_kind_t kind, uint32_t units);

/* nnom_mem() bytes of an RNN layer beyond NNOM_LAYER_BYTES: the bigger
 * struct, its cells and `state` bytes of persistent state, padded to a
 * whole number of pointers so that the next allocation stays aligned
 * (generated headers add these up in NNOM_STATIC_BUF_BYTES). */
#define NNOM_RNN_CELL_BYTES NNOM_ALIGN_UP(sizeof(nnom_rnn_cell_t))
#define NNOM_RNN_STATE_PAD(state) \
    (((state) + sizeof(void *) - 1u) / sizeof(void *) * sizeof(void *))
#define NNOM_RNN_BYTES(cells, state)                                                  \
    (NNOM_ALIGN_UP(sizeof(nnom_rnn_layer_t)) - NNOM_LAYER_BYTES +                     \
     (cells) * NNOM_RNN_CELL_BYTES + NNOM_ALIGN_UP(NNOM_RNN_STATE_PAD(state)))

#ifdef __cplusplus
}
#endif

#endif /* NNOM_RNN_H */
