/* profile_timer.c - see profile_timer.h. A translation unit of its own, so
 * the code of the timed call does not depend on the caller's. */
#include "profile_timer.h"

#include "qemucm.h"

uint64_t profile_timer_cost(void)
{
    uint64_t t0 = qemucm_instructions();
    return qemucm_instructions() - t0;
}

uint64_t profile_timed_run(nnom_model_t *model, nnom_status_t *status, uint64_t timer_cost)
{
    uint64_t start = qemucm_instructions();
    *status = nnom_model_run(model);
    return qemucm_instructions() - start - timer_cost;
}
