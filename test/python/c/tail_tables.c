/* tail_tables.c - the Layer API's computed activations (act_sigmoid,
 * act_tanh, act_leaky_relu) attached to a layer with model.active(), whose
 * table model_compile() makes for the layer's output quantisation, give the
 * bytes of the same activation as a separate Activation layer (its table
 * made by the layer for its input's quantisation). Weights from
 * MODEL_HEADER (the handwritten model's, `--api layer`); reads inputs from
 * argv[1], prints one line per activation and exits non-zero on a
 * difference. test_layer_api.py runs it. */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include MODEL_HEADER

#define OUT_BYTES (10 * 10 * 8)

static int8_t out_tail[OUT_BYTES], out_layer[OUT_BYTES];
/* the input in a buffer of ours: both models read it in place */
static int8_t image[10 * 10 * 1];

static const nnom_activation_t *make(int which)
{
    return which == 0 ? act_sigmoid() : which == 1 ? act_tanh() : act_leaky_relu(0.2f);
}

/* Input -> Conv2D (conv1's weights) -> the activation -> Output */
static nnom_model_t *build(nnom_model_t *m, int which, int as_layer, int8_t *out)
{
    nnom_layer_t *in, *x;
    new_model(m);
    x = in = Input(shape(10, 10, 1), &image_q, image);
    x = m->hook(Conv2D(8, kernel(3, 3), stride(1, 1), dilation(1, 1), PADDING_SAME, &conv1_w,
                       &conv1_b), x);
    x = as_layer ? m->hook(Activation(make(which)), x) : m->active(make(which), x);
    x = m->hook(Output(shape(10, 10, 8), out), x);
    return model_compile(m, in, x) == NN_SUCCESS ? m : NULL;
}

int main(int argc, char **argv)
{
    static const char *const names[3] = {"sigmoid", "tanh", "leaky_relu"};
    if (argc != 2)
        return 2;
    int failed = 0;
    for (int which = 0; which < 3; which++) {
        nnom_model_t tail_model, layer_model;
        nnom_model_t *tail = build(&tail_model, which, 0, out_tail);
        nnom_model_t *layer = build(&layer_model, which, 1, out_layer);
        FILE *in = fopen(argv[1], "rb");
        long runs = 0, differ = 0;
        if (tail == NULL || layer == NULL || in == NULL)
            return 3;
        while (fread(image, 1, sizeof image, in) == sizeof image) {
            if (model_run(tail) != NN_SUCCESS || model_run(layer) != NN_SUCCESS)
                return 4;
            differ += memcmp(out_tail, out_layer, OUT_BYTES) != 0;
            runs++;
        }
        fclose(in);
        printf("tail-table %s runs=%ld differ=%ld\n", names[which], runs, differ);
        failed |= differ != 0 || runs == 0;
        model_delete(tail);
        model_delete(layer);
    }
    return failed;
}
