/*
 * profile_timer.h - one timed model_run() on the qemucm boards, shared by the
 * firmware of `nnom profile` and of bench/run.py so that both count exactly
 * the same instructions (the code around a call changes the count by a few).
 */
#ifndef PROFILE_TIMER_H
#define PROFILE_TIMER_H

#include <stdint.h>

#include "nnom.h"

/* Instructions one pair of counter readings adds to a measurement. */
uint64_t profile_timer_cost(void);

/* Runs the model once; returns the instructions it took, timer_cost taken off. */
uint64_t profile_timed_run(nnom_model_t *model, nnom_status_t *status, uint64_t timer_cost);

#endif /* PROFILE_TIMER_H */
