/* merge_driver.c - feeds the merge/PReLU/deconv kernels from stdin, for
 * test/python/test_merge_arith.py (the local kernels, the only ones of
 * these op kinds). One case per block:
 *   add  n size left_shift out_offset out_mult out_shift lo hi
 *        then n lines "offset mult shift", then n * size values
 *   mul  n size out_offset lo hi, then n offsets, n-1 "mult shift",
 *        n-2 step zero points, then n * size values
 *   prelu size channels alpha_size in_zp out_zp pos_mult pos_shift neg_mult neg_shift
 *        then alpha_size alphas, then size values
 * Prints the outputs of each case on one line. */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "nnom_kernels.h"

#define MAX_SIZE 4096

static int8_t data[NNOM_MERGE_MAX_INPUTS][MAX_SIZE];
static int8_t out[MAX_SIZE];
static const nnom_kernel_ctx_t no_scratch = {NULL, 0, NULL};

static int read_values(int8_t *dst, long n)
{
    for (long i = 0; i < n; i++) {
        int v;
        if (scanf("%d", &v) != 1)
            return 0;
        dst[i] = (int8_t)v;
    }
    return 1;
}

static int add_case(void)
{
    long n, size, ls, oo, om, os, lo, hi;
    int32_t off[NNOM_MERGE_MAX_INPUTS], mult[NNOM_MERGE_MAX_INPUTS], shift[NNOM_MERGE_MAX_INPUTS];
    const int8_t *in[NNOM_MERGE_MAX_INPUTS];
    if (scanf("%ld %ld %ld %ld %ld %ld %ld %ld", &n, &size, &ls, &oo, &om, &os, &lo, &hi) != 8 ||
        n < 1 || n > NNOM_MERGE_MAX_INPUTS || size < 1 || size > MAX_SIZE)
        return 0;
    for (long k = 0; k < n; k++) {
        long a, b, c;
        if (scanf("%ld %ld %ld", &a, &b, &c) != 3)
            return 0;
        off[k] = (int32_t)a;
        mult[k] = (int32_t)b;
        shift[k] = (int32_t)c;
    }
    for (long k = 0; k < n; k++) {
        if (!read_values(data[k], size))
            return 0;
        in[k] = data[k];
    }
    const nnom_add_args_t a = {(int32_t)n,  in,          off,         mult,       shift,
                               (int32_t)ls, (int32_t)oo, (int32_t)om, (int32_t)os, (int32_t)lo,
                               (int32_t)hi, (uint32_t)size, out};
    if (nnom_local_add_s8(&no_scratch, &a) != NN_SUCCESS)
        return 0;
    for (long i = 0; i < size; i++)
        printf("%d ", out[i]);
    printf("\n");
    return 1;
}

static int mul_case(void)
{
    long n, size, oo, lo, hi;
    int32_t off[NNOM_MERGE_MAX_INPUTS], mult[NNOM_MERGE_MAX_INPUTS], shift[NNOM_MERGE_MAX_INPUTS];
    int32_t steps[NNOM_MERGE_MAX_INPUTS];
    const int8_t *in[NNOM_MERGE_MAX_INPUTS];
    if (scanf("%ld %ld %ld %ld %ld", &n, &size, &oo, &lo, &hi) != 5 || n < 2 ||
        n > NNOM_MERGE_MAX_INPUTS || size < 1 || size > MAX_SIZE)
        return 0;
    for (long k = 0; k < n; k++) {
        long a;
        if (scanf("%ld", &a) != 1)
            return 0;
        off[k] = (int32_t)a;
    }
    for (long k = 0; k < n - 1; k++) {
        long a, b;
        if (scanf("%ld %ld", &a, &b) != 2)
            return 0;
        mult[k] = (int32_t)a;
        shift[k] = (int32_t)b;
    }
    for (long k = 0; k < n - 2; k++) {
        long a;
        if (scanf("%ld", &a) != 1)
            return 0;
        steps[k] = (int32_t)a;
    }
    for (long k = 0; k < n; k++) {
        if (!read_values(data[k], size))
            return 0;
        in[k] = data[k];
    }
    const nnom_mul_args_t a = {(int32_t)n,  in,          off,         mult,          shift,
                               n > 2 ? steps : NULL,     (int32_t)oo, (int32_t)lo,
                               (int32_t)hi, (uint32_t)size, out};
    if (nnom_local_mul_s8(&no_scratch, &a) != NN_SUCCESS)
        return 0;
    for (long i = 0; i < size; i++)
        printf("%d ", out[i]);
    printf("\n");
    return 1;
}

static int prelu_case(void)
{
    long size, ch, asz, izp, ozp, pm, ps, nm, ns;
    static int8_t alpha[MAX_SIZE];
    if (scanf("%ld %ld %ld %ld %ld %ld %ld %ld %ld", &size, &ch, &asz, &izp, &ozp, &pm, &ps, &nm,
              &ns) != 9 || size < 1 || size > MAX_SIZE || asz < 1 || asz > MAX_SIZE)
        return 0;
    if (!read_values(alpha, asz) || !read_values(data[0], size))
        return 0;
    const nnom_prelu_args_t a = {data[0],     out,          (uint32_t)size, (uint32_t)ch,
                                 alpha,       (uint32_t)asz, (int32_t)izp,  (int32_t)ozp,
                                 (int32_t)pm, (int32_t)ps,  (int32_t)nm,    (int32_t)ns};
    if (nnom_local_prelu_s8(&no_scratch, &a) != NN_SUCCESS)
        return 0;
    for (long i = 0; i < size; i++)
        printf("%d ", out[i]);
    printf("\n");
    return 1;
}

int main(void)
{
    char cmd[16];
    while (scanf("%15s", cmd) == 1) {
        int ok = strcmp(cmd, "add") == 0 ? add_case()
                 : strcmp(cmd, "mul") == 0 ? mul_case()
                 : strcmp(cmd, "prelu") == 0 ? prelu_case()
                                            : 0;
        if (!ok)
            return 3;
    }
    return 0;
}
