/* kernel_driver.c - feeds kernels from stdin for tests/python/test_fixedpoint.py.
 *   kernel_driver requantize : lines "acc mult shift"  -> one result per line
 *   kernel_driver softmax    : "n" then 256 table values, then rows of n values
 *   kernel_driver rq         : lines "acc mult shift zp" -> the local kernels'
 *                              requantisation, unclamped and clamped to int8
 */
#include <stdio.h>
#include <string.h>

#include "nnom.h"
#include "nnom_fixedpoint.h"
#include "nnom_kernels.h"
#include "../../../src/kernels/local/nnom_local_simd.h"

static int requantize_cmd(void)
{
    long acc, mult, shift;
    while (scanf("%ld %ld %ld", &acc, &mult, &shift) == 3)
        printf("%ld\n", (long)nnom_requantize((int32_t)acc, (int32_t)mult, (int32_t)shift));
    return 0;
}

static int rq_cmd(void)
{
    long acc, mult, shift, zp;
    while (scanf("%ld %ld %ld %ld", &acc, &mult, &shift, &zp) == 4) {
        const nnom_rq_t r = nnom_rq_of((int32_t)mult, (int32_t)shift, (int32_t)zp);
        const int32_t v = r.fast ? nnom_rq_fast((int32_t)acc, r.mult, r.base, r.sh)
                                 : nnom_rq_slow((int32_t)acc, r.mult, r.shift, r.base);
        printf("%ld %d %d\n", (long)v, (int)nnom_rq_clamp((int32_t)acc, &r, -128, 127), r.fast);
    }
    return 0;
}

static int softmax_cmd(void)
{
    int32_t table[256];
    static int8_t row[4096];
    nnom_softmax_config_t cfg;
    const nnom_kernel_ctx_t no_scratch = {NULL, 0, NULL};
    int n, v;
    long t;
    if (scanf("%d", &n) != 1 || n < 1 || n > 4095)
        return 2;
    for (int i = 0; i < 256; i++) {
        if (scanf("%ld", &t) != 1)
            return 2;
        table[i] = (int32_t)t;
    }
    memset(&cfg, 0, sizeof(cfg));
    cfg.exp_table = table;
    const nnom_softmax_args_t a = {1, n, &cfg, row, row};
    for (;;) {
        for (int i = 0; i < n; i++) {
            if (scanf("%d", &v) != 1)
                return 0;
            row[i] = (int8_t)v;
        }
        if (nnom_local_softmax_s8(&no_scratch, &a) != NN_SUCCESS) /* in place */
            return 3;
        for (int i = 0; i < n; i++)
            printf("%d ", row[i]);
        printf("\n");
    }
}

/* softmax_params: lines with a float32 bit pattern -> mult shift diff_min table... */
static int softmax_params_cmd(void)
{
    unsigned long bits;
    while (scanf("%lx", &bits) == 1) {
        uint32_t u = (uint32_t)bits;
        float scale;
        int32_t mult, shift, diff_min, table[256];
        memcpy(&scale, &u, sizeof scale);
        if (nnom_softmax_params(scale, &mult, &shift, &diff_min) != NN_SUCCESS) {
            printf("error\n");
            continue;
        }
        nnom_softmax_exp_table(mult, shift, diff_min, table);
        printf("%ld %ld %ld", (long)mult, (long)shift, (long)diff_min);
        for (int i = 0; i < 256; i++)
            printf(" %ld", (long)table[i]);
        printf("\n");
    }
    return 0;
}

/* multiplier: lines "in_scale_bits w_scale_bits out_scale_bits" (float32 hex)
 * -> mult shift of in * w / out, computed in double as the Layer API does */
static int multiplier_cmd(void)
{
    unsigned long a, b, c;
    while (scanf("%lx %lx %lx", &a, &b, &c) == 3) {
        float f[3];
        uint32_t u[3] = {(uint32_t)a, (uint32_t)b, (uint32_t)c};
        int32_t mult, shift;
        memcpy(f, u, sizeof f);
        if (nnom_quantize_multiplier((double)f[0] * (double)f[1] / (double)f[2], &mult, &shift) !=
            NN_SUCCESS)
            printf("error\n");
        else
            printf("%ld %ld\n", (long)mult, (long)shift);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "softmax_params") == 0)
        return softmax_params_cmd();
    if (argc == 2 && strcmp(argv[1], "multiplier") == 0)
        return multiplier_cmd();
    if (argc == 2 && strcmp(argv[1], "requantize") == 0)
        return requantize_cmd();
    if (argc == 2 && strcmp(argv[1], "rq") == 0)
        return rq_cmd();
    if (argc == 2 && strcmp(argv[1], "softmax") == 0)
        return softmax_cmd();
    return 2;
}
