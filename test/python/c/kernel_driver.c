/* kernel_driver.c - feeds kernels from stdin for tests/python/test_fixedpoint.py.
 *   kernel_driver requantize : lines "acc mult shift"  -> one result per line
 *   kernel_driver softmax    : "n" then 256 table values, then rows of n values
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "nnom_kernels.h"

static int requantize_cmd(void)
{
    long acc, mult, shift;
    while (scanf("%ld %ld %ld", &acc, &mult, &shift) == 3)
        printf("%ld\n", (long)nnom_requantize((int32_t)acc, (int32_t)mult, (int32_t)shift));
    return 0;
}

static int softmax_cmd(void)
{
    int32_t table[256];
    static int8_t row[4096];
    int n, v;
    long t;
    if (scanf("%d", &n) != 1 || n < 1 || n > 4095)
        return 2;
    for (int i = 0; i < 256; i++) {
        if (scanf("%ld", &t) != 1)
            return 2;
        table[i] = (int32_t)t;
    }
    for (;;) {
        for (int i = 0; i < n; i++) {
            if (scanf("%d", &v) != 1)
                return 0;
            row[i] = (int8_t)v;
        }
        if (nnom_local_softmax_s8(row, 1, n, table, row) != NN_SUCCESS) /* in place */
            return 3;
        for (int i = 0; i < n; i++)
            printf("%d ", row[i]);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "requantize") == 0)
        return requantize_cmd();
    if (argc == 2 && strcmp(argv[1], "softmax") == 0)
        return softmax_cmd();
    return 2;
}
