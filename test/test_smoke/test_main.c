/* Smoke suite: the test set-up itself (start-up code, C library, output,
 * the instruction counter on qemucm boards). It does not use NNoM. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nnom_test.h"

#ifdef NNOM_QEMUCM
#include "qemucm.h"
#endif

static int initialised = 1234;
static const char greeting[] = "hello";
static uint32_t zeroed[256];

static void test_data_and_bss(void)
{
    size_t i;
    NT_ASSERT_EQ_INT(1234, initialised);
    NT_ASSERT_EQ_MEM("hello", greeting, sizeof greeting);
    for (i = 0; i < sizeof zeroed / sizeof zeroed[0]; i++) {
        NT_ASSERT_EQ_INT(0, zeroed[i]);
    }
}

static void test_printf(void)
{
    char buf[32];
    NT_ASSERT_EQ_INT(11, snprintf(buf, sizeof buf, "%d %s %x", -42, "ab", 0xbeefu));
    NT_ASSERT_EQ_MEM("-42 ab beef", buf, 12);
    NT_ASSERT_EQ_INT(14, printf("printf works.\n"));
}

static void test_heap(void)
{
    uint8_t *p = (uint8_t *)malloc(4096);
    NT_ASSERT(p != NULL);
    memset(p, 0x5A, 4096);
    NT_ASSERT_EQ_INT(0x5A, p[4095]);
    free(p);
}

static void test_float(void)
{
    volatile float a = 1.5f, b = 2.25f;
    volatile double c = 0.1;
    NT_ASSERT(a * b == 3.375f);
    NT_ASSERT(c * 10.0 > 0.999 && c * 10.0 < 1.001);
}

#ifdef NNOM_QEMUCM
/* Exactly 2n + 1 instructions (n >= 1): n times subs+bne, then bx lr. */
__attribute__((naked, noinline)) static void spin(uint32_t n)
{
    (void)n;
    __asm__ volatile(
        "1: subs r0, r0, #1\n"
        "bne 1b\n"
        "bx lr\n");
}

static __attribute__((noinline)) uint64_t instructions_for(uint32_t n)
{
    uint64_t start = qemucm_instructions();
    spin(n);
    return qemucm_instructions() - start;
}

/* The count is exact: n more loop iterations cost exactly 2n instructions,
 * also across many SysTick wraps (one per 2^24 ticks, ~0.4-1.3M insns). */
static void test_instruction_counter_exact(void)
{
    static const uint32_t ns[] = {2, 3, 1000, 65536, 1000000, 10000000};
    uint64_t base = instructions_for(1);
    size_t i;
    for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        NT_ASSERT_EQ_INT(2ull * (ns[i] - 1u), instructions_for(ns[i]) - base);
    }
    NT_ASSERT_EQ_INT(base, instructions_for(1)); /* and it repeats */
}

/* Also with interrupts masked while SysTick wraps (the wrap is then pending
 * when the counter is read): 12 x 150k instructions cross a wrap on every board. */
static void test_instruction_counter_masked(void)
{
    uint64_t base, used;
    int i;
    __asm__ volatile("cpsid i" ::: "memory");
    base = instructions_for(1);
    __asm__ volatile("cpsie i" ::: "memory");
    for (i = 0; i < 12; i++) {
        __asm__ volatile("cpsid i" ::: "memory");
        used = instructions_for(75000u);
        __asm__ volatile("cpsie i" ::: "memory");
        NT_ASSERT_EQ_INT(2ull * 74999u, used - base);
    }
}

/* 64-bit: still exact after 300 million instructions. */
static void test_instruction_counter_long(void)
{
    uint64_t before = qemucm_instructions();
    uint64_t base = instructions_for(1);
    NT_ASSERT_EQ_INT(300000000ull, instructions_for(150000001u) - base);
    NT_ASSERT(qemucm_instructions() - before > 300000000ull);
}
#else
static void test_instruction_counter_exact(void) {}
static void test_instruction_counter_masked(void) {}
static void test_instruction_counter_long(void) {}
#endif

int main(void)
{
    NT_RUN(test_data_and_bss);
    NT_RUN(test_printf);
    NT_RUN(test_heap);
    NT_RUN(test_float);
#ifdef NNOM_QEMUCM
    NT_RUN(test_instruction_counter_exact);
    NT_RUN(test_instruction_counter_masked);
    NT_RUN(test_instruction_counter_long);
    /* Deterministic: the same on every run (test/python/test_pio.py checks). */
    printf("qemucm: %lu instructions so far\n", (unsigned long)qemucm_instructions());
#else
    NT_IGNORE(test_instruction_counter_exact, "no qemucm instruction counter on this board");
    NT_IGNORE(test_instruction_counter_masked, "no qemucm instruction counter on this board");
    NT_IGNORE(test_instruction_counter_long, "no qemucm instruction counter on this board");
#endif
    return NT_END();
}
