/* rnn_harness.c - runs a generated model on int8 inputs from a file, like
 * cbuild's harness, and resets the recurrent states before every n-th run
 * (argv[3] = n; 0: never). Also checks the reset calls' status codes. */
#include <stdio.h>
#include <stdlib.h>

#include "nnom.h"
#include MODEL_HEADER

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    const long every = strtol(argv[3], NULL, 10);
    static nnom_model_t unbuilt;
    new_model(&unbuilt);
    if (nnom_model_reset_states(&unbuilt) != NN_NOT_COMPILED ||
        nnom_model_reset_states(NULL) != NN_ARGUMENT_ERROR ||
        nnom_rnn_reset_state(NULL) != NN_ARGUMENT_ERROR || rnn_s(NULL, NULL) != NULL ||
        bidirectional_s(NULL, NULL, NULL) != NULL || lstm_cell_s(NULL) != NULL)
        return 5;
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 3;
    if (nnom_rnn_reset_state(model->head) != NN_ARGUMENT_ERROR) /* the Input layer */
        return 6;
    FILE *in = fopen(argv[1], "rb");
    FILE *out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL)
        return 2;
    for (long run = 0;; run++) {
        for (int k = 0; k < NNOM_INPUT_COUNT; k++)
            if (fread(nnom_inputs[k], 1, nnom_input_sizes[k], in) != nnom_input_sizes[k])
                goto done;
        if (every > 0 && run % every == 0 && nnom_model_reset_states(model) != NN_SUCCESS)
            return 7;
        nnom_status_t status = model_run(model);
        if (status != NN_SUCCESS) {
            printf("model_run: %s\n", nnom_status_str(status));
            return 4;
        }
        for (int k = 0; k < NNOM_OUTPUT_COUNT; k++)
            fwrite(nnom_outputs[k], 1, nnom_output_sizes[k], out);
    }
done:
    fclose(in);
    fclose(out);
    model_delete(model);
    return 0;
}
