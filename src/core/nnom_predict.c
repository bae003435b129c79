/* nnom_predict.c - top-k accuracy and confusion matrix over a test set. */
#include "nnom.h"
#include "nnom_internal.h"

nnom_predict_t *nnom_prediction_create(nnom_model_t *m, const int8_t *scores, uint32_t label_num,
                                  uint32_t top_k_size)
{
    if (m == NULL || scores == NULL || label_num < 1 || label_num > 1024 || top_k_size < 1)
        return NULL;
    if (!m->compiled || m->outputs[0] == NULL)
        return NULL;
    /* the classes must be inside the output the scores come from (the first
     * output when `scores` is a copy) */
    const nnom_layer_t *out = m->outputs[0];
    for (uint8_t k = 1; k < m->n_outputs; k++)
        if (m->outputs[k] != NULL && (const int8_t *)m->outputs[k]->out.data == scores)
            out = m->outputs[k];
    if (label_num > nnom_shape_size(&out->out.shape)) {
        NNOM_LOG("nnom: prediction_create: %u classes but the output has %u values\n",
                 (unsigned)label_num, (unsigned)nnom_shape_size(&out->out.shape));
        return NULL;
    }
    if (top_k_size > label_num)
        top_k_size = label_num;
    nnom_predict_t *pre = (nnom_predict_t *)nnom_mem(sizeof(nnom_predict_t));
    if (pre == NULL)
        return NULL;
    pre->top_k = (uint32_t *)nnom_mem(sizeof(uint32_t) * top_k_size);
    pre->confusion_mat = (uint16_t *)nnom_mem(sizeof(uint16_t) * label_num * label_num);
    if (pre->top_k == NULL || pre->confusion_mat == NULL)
        return NULL; /* the model's memory is exhausted; nothing else to release */
    pre->model = m;
    pre->scores = scores;
    pre->q = m->outputs[0]->out.q;
    pre->label_num = label_num;
    pre->top_k_size = top_k_size;
    pre->t_start = nnom_ms_get();
    return pre;
}

/* 0-based rank of class `c`: classes scoring higher, or equal with a lower
 * index, come first. */
static uint32_t rank_of(const int8_t *scores, uint32_t n, uint32_t c)
{
    uint32_t rank = 0;
    for (uint32_t i = 0; i < n; i++)
        if (scores[i] > scores[c] || (scores[i] == scores[c] && i < c))
            rank++;
    return rank;
}

static uint32_t arg_max(const int8_t *scores, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t i = 1; i < n; i++)
        if (scores[i] > scores[best])
            best = i;
    return best;
}

nnom_status_t nnom_prediction_run(nnom_predict_t *pre, uint32_t true_label, uint32_t *label,
                             float *prob)
{
    if (pre == NULL || true_label >= pre->label_num)
        return NN_ARGUMENT_ERROR;
    uint32_t t0 = nnom_us_get();
    nnom_status_t status = nnom_model_run(pre->model);
    pre->t_run_total += nnom_us_get() - t0;
    if (status != NN_SUCCESS)
        return status;
    uint32_t best = arg_max(pre->scores, pre->label_num);
    uint32_t rank = rank_of(pre->scores, pre->label_num, true_label);
    if (rank < pre->top_k_size)
        pre->top_k[rank]++;
    uint16_t *cell = &pre->confusion_mat[true_label * pre->label_num + best];
    if (*cell < UINT16_MAX)
        (*cell)++;
    pre->frame_count++;
    if (label != NULL)
        *label = best;
    if (prob != NULL)
        *prob = nnom_dequantize(pre->scores[best], pre->q);
    return NN_SUCCESS;
}

nnom_status_t nnom_prediction_run_dataset(nnom_predict_t *pre, const int8_t *inputs,
                                     uint32_t input_size, const uint8_t *labels, uint32_t n)
{
    if (pre == NULL || inputs == NULL || labels == NULL)
        return NN_ARGUMENT_ERROR;
    nnom_layer_t *input = pre->model->head;
    if (input == NULL || input->type->kind != NNOM_INPUT ||
        nnom_shape_size(&input->out.shape) != input_size)
        return NN_SIZE_MISMATCH;
    for (uint32_t i = 0; i < n; i++) {
        nnom_memcpy(nnom_io_data(input), inputs + (size_t)i * input_size, input_size);
        nnom_status_t status = nnom_prediction_run(pre, labels[i], NULL, NULL);
        if (status != NN_SUCCESS)
            return status;
    }
    return NN_SUCCESS;
}

void nnom_prediction_end(nnom_predict_t *pre)
{
    if (pre != NULL)
        pre->t_total = nnom_ms_get() - pre->t_start;
}

uint32_t nnom_prediction_accuracy_bp(const nnom_predict_t *pre, uint32_t k)
{
    uint32_t hits = 0;
    if (pre == NULL || pre->frame_count == 0 || k == 0)
        return 0;
    for (uint32_t i = 0; i < k && i < pre->top_k_size; i++)
        hits += pre->top_k[i];
    return (uint32_t)((uint64_t)hits * 10000u / pre->frame_count);
}

void nnom_prediction_top_k(const nnom_predict_t *pre)
{
    if (pre == NULL)
        return;
    for (uint32_t k = 1; k <= pre->top_k_size; k++) {
        uint32_t bp = nnom_prediction_accuracy_bp(pre, k);
        NNOM_LOG("Top %u Accuracy: %u.%02u%%\n", (unsigned)k, (unsigned)(bp / 100),
                 (unsigned)(bp % 100));
    }
}

void nnom_prediction_matrix(const nnom_predict_t *pre)
{
    if (pre == NULL)
        return;
    NNOM_LOG("Confusion matrix (rows: actual, columns: predicted)\n      ");
    for (uint32_t c = 0; c < pre->label_num; c++)
        NNOM_LOG("%5u ", (unsigned)c);
    NNOM_LOG("\n");
    for (uint32_t r = 0; r < pre->label_num; r++) {
        NNOM_LOG("%4u |", (unsigned)r);
        for (uint32_t c = 0; c < pre->label_num; c++)
            NNOM_LOG("%5u ", (unsigned)pre->confusion_mat[r * pre->label_num + c]);
        NNOM_LOG("\n");
    }
}

void nnom_prediction_summary(const nnom_predict_t *pre)
{
    if (pre == NULL)
        return;
    NNOM_LOG("Prediction summary:\n");
    NNOM_LOG("Test frames: %u\n", (unsigned)pre->frame_count);
    NNOM_LOG("Model run time: %u %s\n", (unsigned)pre->t_run_total, NNOM_TIME_UNIT);
    if (pre->frame_count) {
        NNOM_LOG("Average per frame: %u %s\n", (unsigned)(pre->t_run_total / pre->frame_count),
                 NNOM_TIME_UNIT);
    }
    NNOM_LOG("Total test time: %u ms\n", (unsigned)pre->t_total);
    nnom_prediction_top_k(pre);
    nnom_prediction_matrix(pre);
}

void nnom_prediction_delete(nnom_predict_t *pre)
{
    if (pre == NULL)
        return;
    nnom_mem_release(pre->top_k);
    nnom_mem_release(pre->confusion_mat);
    nnom_mem_release(pre);
}

nnom_status_t nnom_predict(nnom_model_t *m, uint32_t *label, float *prob)
{
    if (m == NULL || !m->compiled || m->outputs[0] == NULL)
        return m == NULL ? NN_ARGUMENT_ERROR : NN_NOT_COMPILED;
    nnom_status_t status = nnom_model_run(m);
    if (status != NN_SUCCESS)
        return status;
    const nnom_tensor_t *out = &m->outputs[0]->out;
    uint32_t best = arg_max(out->data, nnom_shape_size(&out->shape));
    if (label != NULL)
        *label = best;
    if (prob != NULL)
        *prob = nnom_dequantize(out->data[best], out->q);
    return NN_SUCCESS;
}
