/* Recurrent layers built by hand with the Structured API: a stateful
 * SimpleRNN that sums its inputs (so the expected outputs are easy to
 * follow), its state kept across runs and reset, and every misuse returning
 * a status code instead of crashing. Runs on the host (pio test -e native,
 * and under sanitizers from test_rnn.py) and on the emulated boards. */
#include <string.h>

#include "nnom.h"
#include "nnom_test.h"

static const nnom_qparam_t q_unit = {1.0f, 0};
static int8_t in_buf[4];
static int8_t out_buf[4];

/* Identity table: T[k] = (k - 256) * 128, so act(v) = v for small v. */
static int16_t identity[NNOM_RNN_TABLE_SIZE];

/* One unit, one feature: X = requantize(x, 0.5) = x / 2, H = h (U = 1,
 * multiplier 0.5 after a left shift of 1): h_t = x_t / 2 + h_(t-1).
 * Output y = requantize(h, 0.5). */
static const int8_t w_in[1] = {1};
static const int32_t zero[1] = {0};
static const int32_t half[1] = {1 << 30};
static const int32_t shift0[1] = {0};
static const int32_t shift1[1] = {1};
static const int8_t recurrent[1] = {1};

#define SUPER(units_, features_, kernel_)                                                    \
    {                                                                                       \
        .name = "rnn", .units = units_, .in_features = features_, .kernel = kernel_,        \
        .bias = zero, .kernel_mult = half, .kernel_shift = shift0,                          \
        .recurrent_kernel = recurrent, .recurrent_bias = NULL, .recurrent_mult = half,      \
        .recurrent_shift = shift1, .activation = identity                                   \
    }
#define CELL(units_, features_, kernel_) {.super = SUPER(units_, features_, kernel_)}
static const nnom_simple_cell_config_t cell_cfg = CELL(1, 1, w_in);
static const nnom_simple_cell_config_t cell_no_kernel = CELL(1, 1, NULL);
static const nnom_simple_cell_config_t cell_no_units = CELL(0, 1, w_in);
static const nnom_simple_cell_config_t cell_two_features = CELL(1, 2, w_in);
static const nnom_simple_cell_config_t cell_too_many = CELL(NNOM_RNN_MAX_UNITS + 1, 1, w_in);
static const nnom_lstm_cell_config_t lstm_no_gates = {
    .super = SUPER(1, 1, w_in), .recurrent_activation = NULL};

#define RNN(label, stateful_, merge_)                                                        \
    {                                                                                       \
        .super = {.name = label, .out_q = &q_unit}, .return_sequences = 1,                  \
        .stateful = stateful_, .go_backwards = 0, .merge = merge_, .out_mult = 1 << 30,     \
        .out_shift = 0                                                                      \
    }
static const nnom_rnn_config_t stateful_cfg = RNN("stateful", 1, NNOM_RNN_MERGE_CONCAT);
static const nnom_rnn_config_t plain_cfg = RNN("plain", 0, NNOM_RNN_MERGE_CONCAT);

/* Input (2 steps, 1 feature); output (2 steps, 1 unit). */
static const nnom_io_config_t in_cfg = {
    .super = {.name = "in", .out_q = &q_unit}, .shape = {1, 2, 1, 2}, .buffer = in_buf};
static const nnom_io_config_t in_rank1_cfg = {
    .super = {.name = "in", .out_q = &q_unit}, .shape = {1, 1, 2, 1}, .buffer = in_buf};
static const nnom_io_config_t out_cfg = {
    .super = {.name = "out", .out_q = &q_unit}, .shape = {1, 2, 1, 2}, .buffer = out_buf};

static nnom_model_t model;
static nnom_layer_t *rnn_layer;

static nnom_status_t build(const nnom_io_config_t *in, nnom_layer_t *rnn)
{
    nnom_layer_t *layer[3];
    new_model(&model);
    layer[0] = input_s(in);
    layer[1] = model.hook(rnn, layer[0]);
    layer[2] = model.hook(output_s(&out_cfg), layer[1]);
    rnn_layer = layer[1];
    return model_compile(&model, layer[0], layer[2]);
}

static nnom_status_t run(int8_t x0, int8_t x1)
{
    in_buf[0] = x0;
    in_buf[1] = x1;
    return model_run(&model);
}

static void test_stateful_layer_keeps_and_resets_its_state(void)
{
    NT_ASSERT_EQ_INT(NN_SUCCESS,
                     build(&in_cfg, rnn_s(simple_cell_s(&cell_cfg), &stateful_cfg)));
    NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20)); /* h = 5, 15 */
    NT_ASSERT_EQ_INT(3, out_buf[0]);           /* 2.5 rounds up */
    NT_ASSERT_EQ_INT(8, out_buf[1]);
    NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20)); /* h = 20, 30 */
    NT_ASSERT_EQ_INT(10, out_buf[0]);
    NT_ASSERT_EQ_INT(15, out_buf[1]);
    NT_ASSERT_EQ_INT(NN_SUCCESS, nnom_model_reset_states(&model));
    NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20));
    NT_ASSERT_EQ_INT(3, out_buf[0]);
    NT_ASSERT_EQ_INT(8, out_buf[1]);
    NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20));
    NT_ASSERT_EQ_INT(NN_SUCCESS, nnom_rnn_reset_state(rnn_layer));
    NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20));
    NT_ASSERT_EQ_INT(8, out_buf[1]);
    NT_ASSERT_EQ_INT(2 * 1 * (1 + 1), model.total_macs);
    model_delete(&model);
}

static void test_layer_that_is_not_stateful_starts_from_zero(void)
{
    NT_ASSERT_EQ_INT(NN_SUCCESS, build(&in_cfg, rnn_s(simple_cell_s(&cell_cfg), &plain_cfg)));
    for (int k = 0; k < 2; k++) {
        NT_ASSERT_EQ_INT(NN_SUCCESS, run(10, 20));
        NT_ASSERT_EQ_INT(3, out_buf[0]);
        NT_ASSERT_EQ_INT(8, out_buf[1]);
    }
    NT_ASSERT_EQ_INT(NN_SUCCESS, nnom_rnn_reset_state(rnn_layer)); /* nothing to do */
    model_delete(&model);
}

static void test_misuse_returns_status_codes(void)
{
    static nnom_model_t unbuilt;
    new_model(&unbuilt);
    NT_ASSERT_EQ_INT(NN_NOT_COMPILED, nnom_model_reset_states(&unbuilt));
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, nnom_model_reset_states(NULL));
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, nnom_rnn_reset_state(NULL));
    NT_ASSERT(simple_cell_s(NULL) == NULL);
    NT_ASSERT(gru_cell_s(NULL) == NULL);
    NT_ASSERT(lstm_cell_s(NULL) == NULL);
    NT_ASSERT(rnn_s(NULL, &plain_cfg) == NULL);
    NT_ASSERT(rnn_s(simple_cell_s(&cell_cfg), NULL) == NULL); /* the cell is freed */
    NT_ASSERT(bidirectional_s(simple_cell_s(&cell_cfg), NULL, &plain_cfg) == NULL);
    NT_ASSERT(bidirectional_s(simple_cell_s(&cell_cfg), lstm_cell_s(&lstm_no_gates),
                              &plain_cfg) == NULL); /* cells of two kinds */

    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR,
                     build(&in_cfg, rnn_s(simple_cell_s(&cell_no_kernel), &plain_cfg)));
    model_delete(&model);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR,
                     build(&in_cfg, rnn_s(simple_cell_s(&cell_no_units), &plain_cfg)));
    model_delete(&model);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR,
                     build(&in_cfg, rnn_s(simple_cell_s(&cell_too_many), &plain_cfg)));
    model_delete(&model);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR,
                     build(&in_cfg, rnn_s(lstm_cell_s(&lstm_no_gates), &plain_cfg)));
    model_delete(&model);
    NT_ASSERT_EQ_INT(NN_SIZE_MISMATCH,
                     build(&in_cfg, rnn_s(simple_cell_s(&cell_two_features), &plain_cfg)));
    model_delete(&model);
    NT_ASSERT_EQ_INT(NN_SIZE_MISMATCH,
                     build(&in_rank1_cfg, rnn_s(simple_cell_s(&cell_cfg), &plain_cfg)));
    model_delete(&model);

    NT_ASSERT_EQ_INT(NN_SUCCESS, build(&in_cfg, rnn_s(simple_cell_s(&cell_cfg), &plain_cfg)));
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, nnom_rnn_reset_state(model.head)); /* the Input */
    model_delete(&model);
}

int main(void)
{
    for (int k = 0; k < NNOM_RNN_TABLE_SIZE; k++) {
        const int32_t v = (k - 256) * 128;
        identity[k] = (int16_t)(v > 32767 ? 32767 : (v < -32767 ? -32767 : v));
    }
    NT_RUN(test_stateful_layer_keeps_and_resets_its_state);
    NT_RUN(test_layer_that_is_not_stateful_starts_from_zero);
    NT_RUN(test_misuse_returns_status_codes);
    return NT_END();
}
