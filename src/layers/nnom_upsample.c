/* nnom_upsample.c - UpSampling, nearest neighbour. HWC: one plane of c
 * channels; CHW: c planes of one channel. */
#include "nnom.h"
#include "nnom_layout.h"

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

static const nnom_layer_type_t upsample_type = {NNOM_LAYER, "UpSample", 0, 0, upsample_build,
                                                upsample_run};

nnom_layer_t *nnom_upsample_s(const nnom_upsample_config_t *config)
{
    return nnom_layer_new(&upsample_type, config);
}
