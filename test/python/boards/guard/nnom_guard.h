/* nnom_guard.h - a guarded heap for the tampered-header tests
 * (test_tamper.py builds the runtime with -include of this file and
 * -Dnnom_malloc=nnom_guard_malloc -Dnnom_free=nnom_guard_free). */
#ifndef NNOM_GUARD_H
#define NNOM_GUARD_H

#include <stddef.h>

void *nnom_guard_malloc(size_t n);
void nnom_guard_free(void *p);
/* 0 while every live block's guard bytes hold; else bits: 1 a guard
 * overwritten, 2 a free of a block not allocated here, 4 too many blocks */
int nnom_guard_check(void);
/* the blocks allocated and not yet freed */
int nnom_guard_live(void);

#endif
