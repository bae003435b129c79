/* nnom_guard.c - the tampered-header tests' heap (test_tamper.py): every
 * block of the runtime with guard bytes either side, checked on demand. */
#include "nnom_guard.h"

#include <stdint.h>
#include <stdlib.h>

#define GUARD 64
#define BLOCKS 64
static struct { uint8_t *raw; size_t n; } blocks[BLOCKS];
static int nnom_guard_broken;
static uint8_t fill(size_t i) { return (uint8_t)(0xA5u ^ (i * 29u)); }
void *nnom_guard_malloc(size_t n)
{
    uint8_t *raw = malloc(n + 2 * GUARD);
    if (raw == NULL)
        return NULL;
    for (size_t i = 0; i < GUARD; i++)
        raw[i] = raw[GUARD + n + i] = fill(i);
    for (int b = 0; b < BLOCKS; b++)
        if (blocks[b].raw == NULL) {
            blocks[b].raw = raw;
            blocks[b].n = n;
            return raw + GUARD;
        }
    nnom_guard_broken |= 4; /* the table is full: the test's own limit */
    return raw + GUARD;
}
static int intact(int b)
{
    for (size_t i = 0; i < GUARD; i++)
        if (blocks[b].raw[i] != fill(i) || blocks[b].raw[GUARD + blocks[b].n + i] != fill(i))
            return 0;
    return 1;
}
void nnom_guard_free(void *p)
{
    if (p == NULL)
        return;
    for (int b = 0; b < BLOCKS; b++)
        if (blocks[b].raw + GUARD == (uint8_t *)p) {
            if (!intact(b))
                nnom_guard_broken |= 1;
            free(blocks[b].raw);
            blocks[b].raw = NULL;
            return;
        }
    nnom_guard_broken |= 2; /* a block that was not allocated here */
}
int nnom_guard_check(void)
{
    for (int b = 0; b < BLOCKS; b++)
        if (blocks[b].raw != NULL && !intact(b))
            nnom_guard_broken |= 1;
    return nnom_guard_broken;
}
int nnom_guard_live(void)
{
    int n = 0;
    for (int b = 0; b < BLOCKS; b++)
        n += blocks[b].raw != NULL;
    return n;
}
