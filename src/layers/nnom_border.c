/* nnom_border.c - ZeroPadding (pads with the zero point, i.e. real 0) and
 * Cropping, and their Layer API constructors. HWC: one plane of c channels;
 * CHW: c planes of one channel. */
#include "nnom.h"
#include "nnom_layout.h"
#include "../core/nnom_internal.h"

/* ---- public declarations: tools/gen_op_headers.py copies the block into
 * inc/nnom_ops.h (with the short names), through which this file sees them
 * too. */
#ifdef NNOM_DECLARE_IN_OPS_H
/* ZeroPadding / Cropping. */
typedef struct {
    nnom_layer_config_t super;
    nnom_border_t border;
} nnom_border_config_t;

nnom_layer_t *nnom_zeropadding_s(const nnom_border_config_t *config);
nnom_layer_t *nnom_cropping_s(const nnom_border_config_t *config);

/* Layer API */
nnom_layer_t *nnom_ZeroPadding(nnom_border_t b);
nnom_layer_t *nnom_Cropping(nnom_border_t b);
#endif /* NNOM_DECLARE_IN_OPS_H */

static nnom_status_t border_build(nnom_layer_t *l, int pad)
{
    const nnom_border_config_t *cfg = (const nnom_border_config_t *)l->config;
    const nnom_shape_t *in = &l->in0->out.shape;
    int32_t dh = (int32_t)cfg->border.top + cfg->border.bottom;
    int32_t dw = (int32_t)cfg->border.left + cfg->border.right;
    int32_t sign = pad ? 1 : -1;
    const int64_t h = (int64_t)in->h + sign * dh, w = (int64_t)in->w + sign * dw;
    if (in->rank < 2 || h < 1 || w < 1 || h > INT32_MAX || w > INT32_MAX ||
        (in->rank == 2 && dh != 0))
        return NN_SIZE_MISMATCH;
    l->out.shape = *in;
    l->out.shape.h = (uint32_t)h;
    l->out.shape.w = (uint32_t)w;
    l->out.q = l->in0->out.q;
    return NN_SUCCESS;
}

/* Both layers copy the rows the input and the output have in common, the
 * border's top rows and left columns further on in the larger of the two
 * (the output when padding: filled with the zero point first). */
static nnom_status_t border_run(nnom_layer_t *l, int pad)
{
    const nnom_border_config_t *cfg = (const nnom_border_config_t *)l->config;
    const nnom_shape_t *in = &l->in0->out.shape, *out = &l->out.shape;
    const uint32_t c = nnom_layout_plane_channels(in->c), row_in = (uint32_t)in->w * c;
    const uint32_t row_out = (uint32_t)out->w * c, rows = pad ? in->h : out->h;
    const uint32_t skip = cfg->border.top * (pad ? row_out : row_in) + cfg->border.left * c;
    const int8_t *src = l->in0->out.data + (pad ? 0 : skip);
    int8_t *dst = l->out.data + (pad ? skip : 0);
    if (pad)
        nnom_memset(l->out.data, (int8_t)l->out.q->zero_point, nnom_shape_size(out));
    const uint32_t plane_in = in->h * row_in, plane_out = out->h * row_out;
    for (uint32_t p = 0; p < nnom_layout_planes(in->c); p++, src += plane_in, dst += plane_out)
        for (uint32_t y = 0; y < rows; y++)
            memmove(dst + y * row_out, src + y * row_in, pad ? row_in : row_out);
    return NN_SUCCESS;
}

static nnom_status_t pad_build(nnom_layer_t *l) { return border_build(l, 1); }
static nnom_status_t pad_run(nnom_layer_t *l) { return border_run(l, 1); }
static nnom_status_t crop_build(nnom_layer_t *l) { return border_build(l, 0); }
static nnom_status_t crop_run(nnom_layer_t *l) { return border_run(l, 0); }

static const nnom_layer_type_t zeropad_type = {NNOM_LAYER, 0, 0, "ZeroPad", pad_build, pad_run};
static const nnom_layer_type_t cropping_type = {NNOM_LAYER, 0, 0, "Cropping", crop_build,
                                                crop_run};

nnom_layer_t *nnom_zeropadding_s(const nnom_border_config_t *config)
{
    return nnom_layer_new(&zeropad_type, config);
}
nnom_layer_t *nnom_cropping_s(const nnom_border_config_t *config)
{
    return nnom_layer_new(&cropping_type, config);
}

static nnom_layer_t *border_layer(nnom_border_t b, int pad)
{
    nnom_border_config_t *cfg = (nnom_border_config_t *)nnom_mem_owned(sizeof(*cfg));
    if (cfg == NULL)
        return NULL;
    cfg->super.name = pad ? "zero_padding" : "cropping";
    cfg->border = b;
    return nnom_layer_adopt(pad ? nnom_zeropadding_s(cfg) : nnom_cropping_s(cfg), cfg);
}

nnom_layer_t *nnom_ZeroPadding(nnom_border_t b) { return border_layer(b, 1); }
nnom_layer_t *nnom_Cropping(nnom_border_t b) { return border_layer(b, 0); }
