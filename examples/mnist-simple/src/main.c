/*
 * Classifies a few held-out 8x8 digits with the model converted at build
 * time (weights.h, generated from model.h5 by NNoM's PlatformIO hook).
 */
#include <stdio.h>

#include "nnom.h"
#include "nnom_utils.h"
#include "samples.h"
#include "weights.h"

int main(void)
{
    nnom_model_t *model = nnom_model_create(); /* prints the model table */
    if (model == NULL) {
        printf("nnom_model_create() failed\n");
        return 1;
    }
    nnom_predict_t *pre = nnom_prediction_create(model, nnom_output_data, NNOM_OUTPUT_SIZE, 3);
    if (pre == NULL) {
        printf("prediction_create() failed\n");
        return 1;
    }

    int correct = 0;
    for (int s = 0; s < SAMPLE_COUNT; s++) {
        for (int i = 0; i < NNOM_INPUT_SIZE; i++)
            nnom_input_data[i] = nnom_quantize(sample_pixels[s][i], NNOM_INPUT_Q);
        uint32_t label = 0;
        float prob = 0.0f;
        nnom_status_t status = nnom_prediction_run(pre, (uint32_t)sample_labels[s], &label, &prob);
        if (status != NN_SUCCESS) {
            printf("model_run: %s\n", nnom_status_str(status));
            return 1;
        }
        correct += (int)label == sample_labels[s];
        printf("sample %d: digit %d, predicted %u (p = %d%%)%s\n", s, sample_labels[s],
               (unsigned)label, (int)(prob * 100.0f + 0.5f),
               (int)label == sample_labels[s] ? "" : "  <- wrong");
    }
    nnom_prediction_end(pre);
    printf("%d of %d digits right\n\n", correct, SAMPLE_COUNT);

    nnom_model_stat(model); /* per-layer time of the last run */
    nnom_prediction_summary(pre);

    nnom_prediction_delete(pre);
    nnom_model_delete(model);
    return 0;
}
