/* nnom_internal.h - functions shared inside the runtime core, not public. */
#ifndef NNOM_INTERNAL_H
#define NNOM_INTERNAL_H

#include "nnom.h"

/* nnom_mem.c: give back a block from nnom_mem() (no-op in static mode). */
void nnom_mem_release(void *p);

/* nnom_planner.c */
uint32_t nnom_plan_arena(nnom_model_t *m);
uint32_t nnom_plan_lower_bound(const nnom_model_t *m);

/* nnom_table.c */
void nnom_print_model_table(const nnom_model_t *m, uint32_t lower_bound);
/* "", "640", "84k" or "2.23M" (truncated, as in the model table). */
void nnom_format_macs(char *buf, size_t n, uint32_t macs);

#endif
