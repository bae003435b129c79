/* nnom_test.h - a tiny unit-test header for NNoM's C tests.
 *
 * It prints Unity's line format, which `pio test` parses through
 * test/test_custom_runner.py:
 *     file:line:name:PASS
 *     file:line:name:FAIL: message
 *     file:line:name:IGNORE: reason
 *     N Tests F Failures I Ignored
 *
 *     static void test_add(void) { NT_ASSERT_EQ_INT(4, 2 + 2); }
 *     int main(void) { NT_RUN(test_add); return NT_END(); }
 *
 * Test functions are `void f(void)`; a failed assertion prints one FAIL line
 * and returns from the test function. Include it in one .c file per suite.
 */
#ifndef NNOM_TEST_H
#define NNOM_TEST_H

#include <stddef.h>
#include <stdio.h>

static struct {
    int tests, failures, ignored, case_failed;
    const char *name;
} nt_state;

static inline void nt_fail_(const char *file, int line, const char *what, const char *detail)
{
    printf("%s:%d:%s:FAIL: %s%s\n", file, line, nt_state.name ? nt_state.name : "main", what,
           detail);
    nt_state.case_failed = 1;
}

/* Decimal text of a 64-bit value; newlib-nano's printf has no %lld. */
static inline const char *nt_lld_(long long v, char buf[24])
{
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    char *p = buf + 23;
    *p = '\0';
    do {
        *--p = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    if (v < 0) {
        *--p = '-';
    }
    return p;
}

static inline int nt_int_differs_(const char *file, int line, long long e, long long a)
{
    char eb[24], ab[24], msg[64];
    if (e == a) {
        return 0;
    }
    snprintf(msg, sizeof msg, "Expected %s Was %s", nt_lld_(e, eb), nt_lld_(a, ab));
    nt_fail_(file, line, msg, "");
    return 1;
}

static inline int nt_mem_differs_(const char *file, int line, const void *expected,
                                  const void *actual, size_t n)
{
    const unsigned char *e = (const unsigned char *)expected;
    const unsigned char *a = (const unsigned char *)actual;
    char msg[96];
    size_t i;
    for (i = 0; i < n; i++) {
        if (e[i] != a[i]) {
            snprintf(msg, sizeof msg, "Memory Mismatch at byte %lu of %lu. Expected 0x%02X Was 0x%02X",
                     (unsigned long)i, (unsigned long)n, e[i], a[i]);
            nt_fail_(file, line, msg, "");
            return 1;
        }
    }
    return 0;
}

static inline void nt_run_(void (*fn)(void), const char *name, const char *file, int line)
{
    nt_state.name = name;
    nt_state.case_failed = 0;
    nt_state.tests++;
    fn();
    if (nt_state.case_failed) {
        nt_state.failures++;
    } else {
        printf("%s:%d:%s:PASS\n", file, line, name);
    }
    nt_state.name = NULL;
    fflush(stdout);
}

static inline void nt_ignore_(void (*fn)(void), const char *name, const char *why,
                              const char *file, int line)
{
    (void)fn;
    nt_state.tests++;
    nt_state.ignored++;
    printf("%s:%d:%s:IGNORE: %s\n", file, line, name, why);
    fflush(stdout);
}

static inline int nt_end_(void)
{
    printf("\n-----------------------\n%d Tests %d Failures %d Ignored\n%s\n", nt_state.tests,
           nt_state.failures, nt_state.ignored, nt_state.failures ? "FAIL" : "OK");
    fflush(stdout);
    return nt_state.failures ? 1 : 0;
}

#define NT_ASSERT(cond)                                                              \
    do {                                                                             \
        if (!(cond)) {                                                               \
            nt_fail_(__FILE__, __LINE__, "Expression Evaluated To FALSE: ", #cond); \
            return;                                                                  \
        }                                                                            \
    } while (0)

#define NT_ASSERT_EQ_INT(expected, actual)                                               \
    do {                                                                                 \
        if (nt_int_differs_(__FILE__, __LINE__, (long long)(expected), (long long)(actual))) \
            return;                                                                      \
    } while (0)

#define NT_ASSERT_EQ_MEM(expected, actual, n)                                           \
    do {                                                                                \
        if (nt_mem_differs_(__FILE__, __LINE__, (expected), (actual), (size_t)(n))) \
            return;                                                                     \
    } while (0)

#define NT_RUN(fn) nt_run_((fn), #fn, __FILE__, __LINE__)
#define NT_IGNORE(fn, why) nt_ignore_((fn), #fn, (why), __FILE__, __LINE__)
#define NT_END() nt_end_()

#endif /* NNOM_TEST_H */
