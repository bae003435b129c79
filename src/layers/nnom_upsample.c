/* nnom_upsample.c - UpSampling, nearest neighbour, and its Layer API
 * constructor. HWC: one plane of c channels; CHW: c planes of one channel. */
#include "nnom.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names UpSample and upsample_s), through
 * which this file sees them too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* UpSampling (nearest). */
typedef struct {
    nnom_layer_config_t super;
    uint32_t size_h, size_w;
} nnom_upsample_config_t;

nnom_layer_t *nnom_upsample_s(const nnom_upsample_config_t *config);

/* Layer API */
nnom_layer_t *nnom_UpSample(nnom_hw_t size);
#endif /* NNOM_DECLARE_IN_OPS_H */

static nnom_status_t upsample_build(nnom_layer_t *l)
{
    const nnom_upsample_config_t *cfg = (const nnom_upsample_config_t *)l->config;
    const nnom_shape_t *in = &l->in0->out.shape;
    const uint64_t h = (uint64_t)in->h * cfg->size_h, w = (uint64_t)in->w * cfg->size_w;
    if (in->rank < 2 || h < 1 || w < 1 || h > INT32_MAX || w > INT32_MAX ||
        (in->rank == 2 && cfg->size_h != 1))
        return NN_SIZE_MISMATCH;
    l->out.shape = *in;
    l->out.shape.h = (uint32_t)h;
    l->out.shape.w = (uint32_t)w;
    l->out.q = l->in0->out.q;
    return NN_SUCCESS;
}

/* Every output pixel copies its input pixel (rows of all planes in a row). */
static nnom_status_t upsample_run(nnom_layer_t *l)
{
    const nnom_upsample_config_t *cfg = (const nnom_upsample_config_t *)l->config;
    const nnom_shape_t *in = &l->in0->out.shape;
    const uint32_t c = nnom_layout_plane_channels(in->c), w = (uint32_t)in->w * cfg->size_w;
    const uint32_t rows = (uint32_t)l->out.shape.h * nnom_layout_planes(in->c);
    int8_t *dst = l->out.data;
    for (uint32_t y = 0; y < rows; y++) {
        const int8_t *src = l->in0->out.data + y / cfg->size_h * in->w * c;
        for (uint32_t x = 0; x < w; x++, dst += c)
            nnom_memcpy(dst, src + x / cfg->size_w * c, c);
    }
    return NN_SUCCESS;
}

static const nnom_layer_type_t upsample_type = {NNOM_LAYER, 0, 0, "UpSample", upsample_build,
                                                upsample_run};

nnom_layer_t *nnom_upsample_s(const nnom_upsample_config_t *config)
{
    return nnom_layer_new(&upsample_type, config);
}

nnom_layer_t *nnom_UpSample(nnom_hw_t size)
{
    nnom_upsample_config_t *cfg = (nnom_upsample_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = "up_sampling";
    cfg->size_h = size.h;
    cfg->size_w = size.w;
    return nnom_layer_adopt(nnom_upsample_s(cfg), cfg);
}
