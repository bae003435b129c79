/* handwritten_model.c - a model written by hand with the Layer API, as a
 * user would from the seeds' guide. Only the weights come from the
 * converter (MODEL_HEADER, written with `--api layer`); the graph below is
 * ours. test_layer_api.py checks it computes what the converter's model does.
 * Its input and output are user buffers (Input reads in place, Output
 * copies); the generated Layer API headers keep them in the arena. */
#include <stdio.h>

#include "nnom.h"
#include MODEL_HEADER

static nnom_model_t hand_model;
static int8_t image[NNOM_INPUT_SIZE], scores[NNOM_OUTPUT_SIZE];

static nnom_model_t *build_by_hand(void)
{
    nnom_layer_t *in, *x;
    new_model(&hand_model);
    x = in = Input(shape(10, 10, 1), &image_q, image);
    x = hand_model.hook(Conv2D(8, kernel(3, 3), stride(1, 1), dilation(1, 1), PADDING_SAME,
                               &conv1_w, &conv1_b), x);
    x = hand_model.active(act_relu(), x);
    x = hand_model.hook(MaxPool(kernel(2, 2), stride(2, 2), PADDING_VALID), x);
    x = hand_model.hook(DW_Conv2D(1, kernel(3, 3), stride(1, 1), dilation(1, 1), PADDING_SAME,
                                  &dw1_w, &dw1_b), x);
    x = hand_model.active(act_relu6(), x);
    x = hand_model.hook(ZeroPadding(border(1, 1, 1, 1)), x);
    x = hand_model.hook(Conv2D(12, kernel(3, 3), stride(2, 2), dilation(1, 1), PADDING_VALID,
                               &conv2_w, &conv2_b), x);
    /* the converter fused this sigmoid into conv2 as a table; here it is a layer */
    x = hand_model.hook(Activation(act_lut(conv2_act_table, &conv2_q, "Sigmoid")), x);
    x = hand_model.hook(UpSample(kernel(2, 2)), x);
    x = hand_model.hook(Cropping(border(1, 0, 0, 1)), x);
    x = hand_model.hook(AvgPool(kernel(2, 2), stride(2, 2), PADDING_SAME), x);
    x = hand_model.hook(Flatten(), x);
    x = hand_model.hook(Dense(16, &fc1_w, &fc1_b), x);
    x = hand_model.active(act_relu(), x);
    x = hand_model.hook(Dense(5, &fc2_w, &fc2_b), x);
    x = hand_model.hook(Softmax(), x);
    x = hand_model.hook(Output(nnom_shape_flat(5), scores), x);
    return model_compile(&hand_model, in, x) == NN_SUCCESS ? &hand_model : NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    nnom_model_t *model = build_by_hand();
    if (model == NULL)
        return 3;
    FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL)
        return 2;
    while (fread(image, 1, sizeof image, in) == sizeof image) {
        if (model_run(model) != NN_SUCCESS)
            return 4;
        fwrite(scores, 1, sizeof scores, out);
    }
    fclose(in);
    fclose(out);
    model_delete(model);
    return 0;
}
