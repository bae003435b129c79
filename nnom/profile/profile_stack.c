/* profile_stack.c - see profile_stack.h. */
#include "profile_stack.h"

#include <stddef.h>

/* newlib's (unistd.h hides it under -std=c99): the heap's current end */
void *sbrk(ptrdiff_t increment);

#define PROFILE_STACK_PATTERN 0x5AA5C33Cu
/* left unpainted above the heap's end (printf allocates its buffers after
 * the runs) and below the painter's own frame */
#define PROFILE_HEAP_MARGIN 1024u
#define PROFILE_FRAME_MARGIN 64u
/* painted at most: deeper runs read as this (boards have megabytes free) */
#define PROFILE_STACK_SPAN (256u * 1024u)

static uintptr_t caller_sp;
static uint32_t *painted_low, *painted_top;

void profile_stack_paint_below(uintptr_t sp)
{
    uintptr_t top = (profile_stack_pointer() - PROFILE_FRAME_MARGIN) & ~(uintptr_t)3;
    uintptr_t low = ((uintptr_t)sbrk(0) + PROFILE_HEAP_MARGIN + 3u) & ~(uintptr_t)3;
    caller_sp = sp;
    if (top > PROFILE_STACK_SPAN && low < top - PROFILE_STACK_SPAN)
        low = top - PROFILE_STACK_SPAN;
    painted_low = painted_top = (uint32_t *)top;
    if (low >= top)
        return; /* no free stack to paint: used() reads the margin only */
    painted_low = (uint32_t *)low;
    for (volatile uint32_t *p = painted_low; p < painted_top; p++)
        *p = PROFILE_STACK_PATTERN;
}

uint32_t profile_stack_used(void)
{
    const volatile uint32_t *p = painted_low;
    while (p < painted_top && *p == PROFILE_STACK_PATTERN)
        p++;
    /* the unpainted band between the caller's sp and painted_top counts */
    return (uint32_t)(caller_sp - (uintptr_t)p);
}
