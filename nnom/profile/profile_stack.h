/*
 * profile_stack.h - the deepest stack a model_run() takes, measured on the
 * qemucm boards by painting: the free stack below the caller's stack
 * pointer is filled with a pattern before the runs, and the lowest word no
 * longer holding it says how deep the calls went (kernels keep line copies
 * and widened weights on the stack: the RAM a user must leave for it).
 * Shared by the firmware of `nnom profile` and of bench/run.py.
 */
#ifndef PROFILE_STACK_H
#define PROFILE_STACK_H

#include <stdint.h>

/* The caller's stack pointer (inlined: a call would read its own frame's). */
static inline __attribute__((always_inline)) uintptr_t profile_stack_pointer(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Fills the free stack below sp (less the painter's own frame) down to the
 * heap's end; call it after every allocation the runs need. */
void profile_stack_paint_below(uintptr_t sp);

/* Bytes of stack below the painting caller's stack pointer used since the
 * paint: never fewer than were used, at most ~100 B more (the painter's
 * frame and margin count as used). */
uint32_t profile_stack_used(void);

#define profile_stack_paint() profile_stack_paint_below(profile_stack_pointer())

#endif /* PROFILE_STACK_H */
