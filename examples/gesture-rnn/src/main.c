/*
 * Recognises accelerometer gestures with a recurrent network (GRU -> LSTM ->
 * Dense), converted at build time (weights.h, generated from model.h5 by
 * NNoM's PlatformIO hook). Each gesture is 40 samples of (x, y, z) in g.
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
    nnom_predict_t *pre = nnom_prediction_create(model, nnom_output_data, NNOM_OUTPUT_SIZE, 2);
    if (pre == NULL) {
        printf("prediction_create() failed\n");
        return 1;
    }

    int correct = 0;
    for (int s = 0; s < SAMPLE_COUNT; s++) {
        /* (timesteps, features) = (40, 3), stored step after step */
        nnom_quantize_buf(sample_accel[s], nnom_input_data, NNOM_INPUT_SIZE, NNOM_INPUT_Q);
        uint32_t label = 0;
        float prob = 0.0f;
        nnom_status_t status = nnom_prediction_run(pre, (uint32_t)sample_labels[s], &label, &prob);
        if (status != NN_SUCCESS) {
            printf("model_run: %s\n", nnom_status_str(status));
            return 1;
        }
        correct += (int)label == sample_labels[s];
        printf("gesture %d: %-11s predicted %-11s (p = %d%%)%s\n", s,
               class_names[sample_labels[s]], class_names[label], (int)(prob * 100.0f + 0.5f),
               (int)label == sample_labels[s] ? "" : "  <- wrong");
    }
    nnom_prediction_end(pre);
    printf("%d of %d gestures right\n\n", correct, SAMPLE_COUNT);

    nnom_model_stat(model); /* per-layer time of the last run */
    nnom_prediction_summary(pre);

    nnom_prediction_delete(pre);
    nnom_model_delete(model);
    return 0;
}
