/* create_twice.c - heap build, run with ASan's leak detection: creating the
 * model twice frees the first one, and prediction_create() refuses more
 * classes than the output holds. */
#include <stdio.h>

#include "nnom.h"
#include "nnom_utils.h"
#include MODEL_HEADER

int main(void)
{
    nnom_model_t *first = nnom_model_create();
    nnom_model_t *model = nnom_model_create();
    if (first == NULL || model == NULL)
        return 2;
    if (prediction_create(model, nnom_output_data, NNOM_OUTPUT_SIZE + 1u, 1) != NULL)
        return 3;
    if (prediction_create(model, nnom_output_data, 1000, 5) != NULL)
        return 4;
    nnom_predict_t *ok = prediction_create(model, nnom_output_data, NNOM_OUTPUT_SIZE, 1);
    if (ok == NULL)
        return 5;
    prediction_delete(ok);
    model_delete(model);
    printf("ok\n");
    return 0;
}
