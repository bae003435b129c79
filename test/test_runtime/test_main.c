/* Runtime checks: a model built by hand with the Structured API, and every
 * misuse returning a status code instead of crashing. Runs on the host
 * (pio test -e native, and under sanitizers from pytest) and on the
 * emulated boards. */
#include <string.h>

#include "nnom.h"
#include "nnom_test.h"

static const nnom_qparam_t q_half = {0.5f, 0};
static int8_t in_buf[4];
static int8_t out_buf[2];

static const nnom_io_config_t in_cfg = {
    .super = {.name = "in", .out_q = &q_half}, .shape = {1, 1, 4, 1}, .buffer = in_buf};
static const nnom_io_config_t out_cfg = {
    .super = {.name = "out", .out_q = &q_half}, .shape = {1, 1, 2, 1}, .buffer = out_buf};

/* out = requantize(bias + sum(x * w), 0.5): rows {1,1,1,1} and {1,-1,2,0} */
static const int8_t weight[8] = {1, 1, 1, 1, 1, -1, 2, 0};
static const int32_t bias[2] = {0, 10};
static const int32_t mult[2] = {1 << 30, 1 << 30}; /* 0.5 in Q31 */
static const int32_t shift[2] = {0, 0};
#define DENSE_CONFIG(label, inputs)                                                          \
    {                                                                                       \
        .super = {.name = label, .out_q = &q_half}, .weight = weight, .bias = bias,          \
        .mult = mult, .shift = shift, .units = 2, .in_features = inputs                      \
    }
static const nnom_dense_config_t dense_cfg = DENSE_CONFIG("dense", 4);
static const nnom_dense_config_t dense_bad_cfg = DENSE_CONFIG("bad", 5);

static nnom_model_t model;

static nnom_status_t build(const nnom_dense_config_t *dense, nnom_layer_t **out_layer)
{
    nnom_layer_t *layer[3];
    new_model(&model);
    layer[0] = input_s(&in_cfg);
    layer[1] = model.hook(dense_s(dense), layer[0]);
    layer[2] = model.hook(output_s(&out_cfg), layer[1]);
    if (out_layer != NULL)
        *out_layer = layer[1];
    return model_compile(&model, layer[0], layer[2]);
}

static void test_hand_built_model_runs(void)
{
    static const int8_t x[4] = {1, 2, 3, 4};
    NT_ASSERT_EQ_INT(NN_SUCCESS, build(&dense_cfg, NULL));
    memcpy(in_buf, x, sizeof x);
    NT_ASSERT_EQ_INT(NN_SUCCESS, model_run(&model));
    NT_ASSERT_EQ_INT(5, out_buf[0]); /* 10 * 0.5 */
    NT_ASSERT_EQ_INT(8, out_buf[1]); /* 15 * 0.5 = 7.5, halves away from zero */
    NT_ASSERT_EQ_INT(8, model.total_macs);
    NT_ASSERT_EQ_INT(3, model.n_layers);
    model_delete(&model);
}

static void test_null_arguments_are_errors(void)
{
    NT_ASSERT(new_model(NULL) == NULL);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, model_run(NULL));
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, model_compile(NULL, NULL, NULL));
    NT_ASSERT(dense_s(NULL) == NULL);
    NT_ASSERT(conv2d_s(NULL) == NULL);
    new_model(&model);
    NT_ASSERT(model.hook(NULL, input_s(&in_cfg)) == NULL);
    NT_ASSERT(model.hook(dense_s(&dense_cfg), NULL) == NULL);
    NT_ASSERT(model.active(act_relu(), NULL) == NULL);
    NT_ASSERT(model.merge(NULL, NULL, NULL) == NULL);
    /* a NULL among the inputs allocates nothing (the input list was leaked) */
    nnom_layer_t *method = dense_s(&dense_cfg), *first = input_s(&in_cfg);
    const size_t used = nnom_mem_used();
    NT_ASSERT(model.merge(method, first, NULL) == NULL);
    NT_ASSERT_EQ_INT((int)used, (int)nnom_mem_used());
    /* a missing output layer (e.g. a constructor that ran out of memory) */
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, model_compile(&model, input_s(&in_cfg), NULL));
}

static void test_run_before_compile_is_refused(void)
{
    new_model(&model);
    NT_ASSERT_EQ_INT(NN_NOT_COMPILED, model_run(&model));
}

static void test_shape_mismatch_is_reported(void)
{
    NT_ASSERT_EQ_INT(NN_SIZE_MISMATCH, build(&dense_bad_cfg, NULL));
}

static void test_cycle_is_reported(void)
{
    nnom_layer_t *a, *b;
    new_model(&model);
    a = dense_s(&dense_cfg);
    b = dense_s(&dense_cfg);
    NT_ASSERT(model.hook(a, b) == a);
    NT_ASSERT(model.hook(b, a) == b);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, model_compile(&model, NULL, a));
}

static void test_layer_without_input_is_reported(void)
{
    new_model(&model);
    NT_ASSERT_EQ_INT(NN_ARGUMENT_ERROR, model_compile(&model, NULL, dense_s(&dense_cfg)));
}

static nnom_status_t stop_after_first(nnom_model_t *m, nnom_layer_t *layer)
{
    (void)m;
    return layer->index == 0 ? NN_SUCCESS : NN_TEST_FAILURE;
}

static void test_callback_can_stop_the_run(void)
{
    NT_ASSERT_EQ_INT(NN_SUCCESS, build(&dense_cfg, NULL));
    NT_ASSERT_EQ_INT(NN_SUCCESS, model_set_callback(&model, stop_after_first));
    NT_ASSERT_EQ_INT(NN_CALLBACK_STOP, model_run(&model));
    model_delete_callback(&model);
    NT_ASSERT_EQ_INT(NN_SUCCESS, model_run(&model));
    model_delete(&model);
}

static nnom_status_t go_on(nnom_model_t *m, nnom_layer_t *layer)
{
    (void)m;
    (void)layer;
    return NN_SUCCESS;
}

/* A ReLU on a type that does not clamp (Cropping): model_compile() gives
 * it the clamp as its tail (NNOM_TAIL_CLAMP), run with and without a
 * callback; model_run_to() stops after the layer asked for, and runs the
 * whole model for a layer not of it. */
static void test_clamp_tail_and_run_to(void)
{
    static const nnom_io_config_t row_in = {
        .super = {.name = "row", .out_q = &q_half}, .shape = {1, 4, 1, 3}, .buffer = in_buf};
    static const nnom_io_config_t row_out = {
        .super = {.name = "pair", .out_q = &q_half}, .shape = {1, 2, 1, 3}, .buffer = out_buf};
    static const nnom_border_config_t crop_cfg = {.super = {.name = "crop"},
                                                  .border = {0, 0, 1, 1}};
    static const int8_t x[4] = {-5, -3, 7, 2};
    nnom_layer_t *layer[3];
    new_model(&model);
    layer[0] = input_s(&row_in);
    layer[1] = model.active(act_relu(), model.hook(cropping_s(&crop_cfg), layer[0]));
    layer[2] = model.hook(output_s(&row_out), layer[1]);
    NT_ASSERT_EQ_INT(NN_SUCCESS, model_compile(&model, layer[0], layer[2]));
    NT_ASSERT_EQ_INT(NNOM_TAIL_CLAMP, layer[1]->visit);
    NT_ASSERT_EQ_INT(NNOM_TAIL_NONE, layer[2]->visit);
    for (int with_callback = 0; with_callback < 2; with_callback++) {
        if (with_callback)
            NT_ASSERT_EQ_INT(NN_SUCCESS, model_set_callback(&model, go_on));
        memcpy(in_buf, x, sizeof x);
        out_buf[0] = out_buf[1] = 99;
        NT_ASSERT_EQ_INT(NN_SUCCESS, model_run_to(&model, layer[1]));
        NT_ASSERT_EQ_INT(99, out_buf[0]); /* the output layer not run */
        NT_ASSERT_EQ_INT(0, layer[1]->out.data[0]);
        NT_ASSERT_EQ_INT(7, layer[1]->out.data[1]);
        NT_ASSERT_EQ_INT(NN_SUCCESS, model_run(&model));
        NT_ASSERT_EQ_INT(0, out_buf[0]);
        NT_ASSERT_EQ_INT(7, out_buf[1]);
        /* a layer of no model (its next neither): the whole model runs */
        static nnom_layer_t beyond, stray;
        stray.next = &beyond;
        out_buf[0] = out_buf[1] = 99;
        NT_ASSERT_EQ_INT(NN_SUCCESS, model_run_to(&model, &stray));
        NT_ASSERT_EQ_INT(0, out_buf[0]);
        NT_ASSERT_EQ_INT(7, out_buf[1]);
    }
    model_delete(&model);
}

static void test_quantize_helpers(void)
{
    static const nnom_qparam_t q = {0.25f, -3};
    NT_ASSERT_EQ_INT(-3, nnom_quantize(0.0f, &q));
    NT_ASSERT_EQ_INT(1, nnom_quantize(1.0f, &q));
    NT_ASSERT_EQ_INT(-2, nnom_quantize(0.125f, &q));  /* 0.5 step rounds away from zero */
    NT_ASSERT_EQ_INT(-4, nnom_quantize(-0.125f, &q));
    NT_ASSERT_EQ_INT(127, nnom_quantize(1e9f, &q));
    NT_ASSERT_EQ_INT(-128, nnom_quantize(-1e9f, &q));
    NT_ASSERT(nnom_dequantize(1, &q) == 1.0f);
    NT_ASSERT_EQ_INT(0, nnom_quantize(1.0f, NULL));
}

/* 32-bit shape and window fields: a tensor of over 2^33 bytes (its size
 * wraps to 131,072 in 32 bits) or a window of 2^24 taps (past
 * NNOM_MAX_WINDOW) is refused when the model is built */
static void test_sizes_past_the_limits_are_refused(void)
{
    static const nnom_io_config_t huge_cfg = {
        .super = {.name = "huge", .out_q = &q_half}, .shape = {65536, 65537, 2, 3}, .buffer = in_buf};
    static const nnom_io_config_t image_cfg = {
        .super = {.name = "image", .out_q = &q_half}, .shape = {2, 2, 1, 3}, .buffer = in_buf};
    static const nnom_pool_config_t pool_cfg = {
        .super = {.name = "pool"}, .kernel_h = 4096, .kernel_w = 4096, .stride_h = 1,
        .stride_w = 1, .padding = PADDING_SAME};
    new_model(&model);
    nnom_layer_t *in = input_s(&huge_cfg);
    NT_ASSERT_EQ_INT(NN_SIZE_MISMATCH, model_compile(&model, in, in));
    model_delete(&model);
    new_model(&model);
    in = input_s(&image_cfg);
    nnom_layer_t *pool = model.hook(maxpool_s(&pool_cfg), in);
    NT_ASSERT_EQ_INT(NN_SIZE_MISMATCH, model_compile(&model, in, pool));
    model_delete(&model);
}

int main(void)
{
    NT_RUN(test_hand_built_model_runs);
    NT_RUN(test_null_arguments_are_errors);
    NT_RUN(test_run_before_compile_is_refused);
    NT_RUN(test_shape_mismatch_is_reported);
    NT_RUN(test_cycle_is_reported);
    NT_RUN(test_layer_without_input_is_reported);
    NT_RUN(test_callback_can_stop_the_run);
    NT_RUN(test_clamp_tail_and_run_to);
    NT_RUN(test_quantize_helpers);
    NT_RUN(test_sizes_past_the_limits_are_refused);
    return NT_END();
}
