/*
 * nnom_utils.h - on-target evaluation: run-time statistics, top-k accuracy
 * and confusion matrix over a labelled test set.
 *
 *     nnom_predict_t *pre = prediction_create(model, nnom_output_data, 10, 3);
 *     for each sample: fill nnom_input_data; prediction_run(pre, label, &p, &prob);
 *     prediction_end(pre);
 *     prediction_summary(pre);   // top-1..3 accuracy, confusion matrix, timing
 *     prediction_delete(pre);
 *
 * Scores are read from the model's first output; ties rank the lower class
 * index first (as TensorFlow's top_k does).
 */
#ifndef NNOM_UTILS_H
#define NNOM_UTILS_H

#include "nnom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    nnom_model_t *model;
    const int8_t *scores;    /* the model output holding one score per class */
    const nnom_qparam_t *q;  /* its quantisation, for probabilities */
    uint32_t label_num;
    uint32_t top_k_size;
    uint32_t *top_k;         /* top_k[i]: samples whose label ranked i-th */
    uint16_t *confusion_mat; /* [actual][predicted], label_num * label_num */
    uint32_t frame_count;
    uint32_t t_run_total;    /* model_run() time, NNOM_TIME_UNIT */
    uint32_t t_start, t_total;
} nnom_predict_t;

/* One output byte per class in `scores` (usually nnom_output_data). Returns
 * NULL for bad arguments or when out of memory. */
nnom_predict_t *nnom_prediction_create(nnom_model_t *m, const int8_t *scores, uint32_t label_num,
                                  uint32_t top_k_size);
/* Runs the model on the input written into its input buffer since the last
 * run (a run may reuse those bytes), records the result for `true_label`;
 * label/prob may be NULL. */
nnom_status_t nnom_prediction_run(nnom_predict_t *pre, uint32_t true_label, uint32_t *label,
                             float *prob);
/* Runs `n` samples stored back to back in `inputs` (input_size bytes each,
 * copied to the model's first input) with their labels. */
nnom_status_t nnom_prediction_run_dataset(nnom_predict_t *pre, const int8_t *inputs,
                                     uint32_t input_size, const uint8_t *labels, uint32_t n);
void nnom_prediction_end(nnom_predict_t *pre);
void nnom_prediction_summary(const nnom_predict_t *pre);
void nnom_prediction_top_k(const nnom_predict_t *pre);
void nnom_prediction_matrix(const nnom_predict_t *pre);
void nnom_prediction_delete(nnom_predict_t *pre);
/* Top-1 hits * 10000 / frames: 9944 means 99.44 %. */
uint32_t nnom_prediction_accuracy_bp(const nnom_predict_t *pre, uint32_t k);

/* Run once on the input written since the last run and return the arg-max
 * class of the first output and its probability (the dequantised score). */
nnom_status_t nnom_predict(nnom_model_t *m, uint32_t *label, float *prob);

/* Per-layer time, MACs and MACs per time unit of the last run, and totals. */
void nnom_model_stat(const nnom_model_t *m);

#ifdef __cplusplus
}
#endif

#endif /* NNOM_UTILS_H */
