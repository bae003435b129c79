/* conv_col_driver.c - the few-channel convolution's gathered-window kernel
 * (nnom_conv_col(), nnom_local_conv_col_s8.c) on cases from stdin, for
 * test/python/runtime/test_conv_col_host.py. Every buffer is allocated to
 * its exact size (the scratch to nnom_conv_col_scratch()), so that
 * AddressSanitizer stops a byte read or written past one. One case per
 * block:
 *   in_h in_w in_c out_h out_w out_c kh kw stride_h stride_w dil_h dil_w
 *   pad_top pad_left input_zp output_zp act_min act_max
 * then the input (HWC), the weights [out][kh][kw][in], and per output
 * channel bias, mult and shift. Prints per case whether the kernel took
 * the layer (1) or declined it (0: then nnom_local_conv_s8() runs it, and
 * the output must be untouched before), then the output values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nnom.h"
#include "nnom_kernels.h"
#include "../../../src/kernels/local/nnom_local_simd.h"

#define UNTOUCHED 0x5A

static int read_s8(int8_t *dst, long n)
{
    for (long i = 0; i < n; i++) {
        int v;
        if (scanf("%d", &v) != 1)
            return 0;
        dst[i] = (int8_t)v;
    }
    return 1;
}

static int read_s32(int32_t *dst, long n)
{
    for (long i = 0; i < n; i++) {
        long v;
        if (scanf("%ld", &v) != 1)
            return 0;
        dst[i] = (int32_t)v;
    }
    return 1;
}

/* Runs the case in a; returns 0 on success, else an exit code. */
static int run_case(nnom_conv_args_t *a, int8_t *out, long n_out)
{
    const uint32_t size = nnom_conv_col_scratch(a);
    int8_t *buf = malloc(size);
    if (buf == NULL)
        return 3;
    memset(out, UNTOUCHED, (size_t)n_out);
    const int took = nnom_conv_col(a, buf, size, 0); /* its own check of the form */
    int rc = 0;
    if (!took) {
        for (long i = 0; i < n_out; i++)
            if ((uint8_t)out[i] != UNTOUCHED)
                rc = 5; /* a declined layer's output was written */
        const nnom_kernel_ctx_t ctx = {buf, size, NULL};
        if (rc == 0 && nnom_local_conv_s8(&ctx, a) != NN_SUCCESS)
            rc = 4;
    }
    free(buf);
    if (rc != 0)
        return rc;
    printf("%d\n", took);
    for (long i = 0; i < n_out; i++)
        printf("%d%c", out[i], i + 1 < n_out ? ' ' : '\n');
    return 0;
}

static int one_case(void)
{
    long v[18];
    for (int i = 0; i < 18; i++)
        if (scanf("%ld", &v[i]) != 1)
            return -1; /* no more cases */
    nnom_conv_args_t a;
    memset(&a, 0, sizeof(a));
    a.in = (nnom_dims_t){(int32_t)v[0], (int32_t)v[1], (int32_t)v[2]};
    a.out = (nnom_dims_t){(int32_t)v[3], (int32_t)v[4], (int32_t)v[5]};
    a.k = (nnom_dims_t){(int32_t)v[6], (int32_t)v[7], (int32_t)v[2]};
    a.p = (nnom_conv_params_t){(int32_t)v[14], (int32_t)v[15], (int32_t)v[8], (int32_t)v[9],
                               (int32_t)v[10], (int32_t)v[11], (int32_t)v[12], (int32_t)v[13],
                               (int32_t)v[16], (int32_t)v[17]};
    const long n_in = v[0] * v[1] * v[2], n_w = v[5] * v[6] * v[7] * v[2];
    const long n_out = v[3] * v[4] * v[5], oc = v[5];
    int8_t *in = malloc((size_t)n_in), *w = malloc((size_t)n_w), *out = malloc((size_t)n_out);
    int32_t *bias = malloc(sizeof(int32_t) * (size_t)oc);
    int32_t *mult = malloc(sizeof(int32_t) * (size_t)oc);
    int32_t *shift = malloc(sizeof(int32_t) * (size_t)oc);
    int rc = 2;
    if (in != NULL && w != NULL && out != NULL && bias != NULL && mult != NULL &&
        shift != NULL && read_s8(in, n_in) && read_s8(w, n_w) && read_s32(bias, oc) &&
        read_s32(mult, oc) && read_s32(shift, oc)) {
        a.input = in;
        a.weight = w;
        a.bias = bias;
        a.rq = (nnom_requant_t){mult, shift};
        a.output = out;
        rc = run_case(&a, out, n_out);
    }
    free(in);
    free(w);
    free(out);
    free(bias);
    free(mult);
    free(shift);
    return rc;
}

int main(void)
{
    for (;;) {
        const int rc = one_case();
        if (rc < 0)
            return 0;
        if (rc > 0)
            return rc;
    }
}
