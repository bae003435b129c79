/* predict_dataset.c - run a labelled int8 test set through prediction_* and
 * print the summary and model_stat (checked by test_digits_accuracy.py). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nnom.h"
#include MODEL_HEADER

int main(int argc, char **argv)
{
    static int8_t inputs[NNOM_INPUT_SIZE * 2000];
    static uint8_t labels[2000];
    if (argc != 3)
        return 2;
    FILE *fi = fopen(argv[1], "rb"), *fl = fopen(argv[2], "rb");
    if (fi == NULL || fl == NULL)
        return 2;
    size_t n = fread(labels, 1, sizeof labels, fl);
    if (fread(inputs, NNOM_INPUT_SIZE, n, fi) != n)
        return 2;
    fclose(fi);
    fclose(fl);
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 3;
    nnom_predict_t *pre = prediction_create(model, nnom_output_data, NNOM_OUTPUT_SIZE, 3);
    if (pre == NULL)
        return 4;
    if (prediction_run_dataset(pre, inputs, NNOM_INPUT_SIZE, labels, (uint32_t)n) != NN_SUCCESS)
        return 5;
    prediction_end(pre);
    prediction_summary(pre);
    model_stat(model);
    uint32_t label;
    float prob;
    /* the last sample again: a run may have reused its bytes in the arena */
    memcpy(nnom_input_data, inputs + (n - 1) * NNOM_INPUT_SIZE, NNOM_INPUT_SIZE);
    if (nnom_predict(model, &label, &prob) != NN_SUCCESS)
        return 6;
    printf("nnom_predict: %u %d\n", (unsigned)label, (int)(prob * 1000.0f + 0.5f));
    prediction_delete(pre);
    model_delete(model);
    return 0;
}
