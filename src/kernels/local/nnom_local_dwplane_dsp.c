/*
 * nnom_local_dwplane_dsp.c - a whole group of the depthwise group path in
 * one call (-O2 on DSP cores; see nnom_local_dwgroup_dsp.c): 3x3 layers on
 * small planes (dw_plane3) and layers of one row of taps (dw_col).
 */
#include "nnom_local_simd.h"

#if NNOM_LOCAL_DSP && !defined(__OPTIMIZE_SIZE__)
#include "nnom_local_dwgroup.h"

/* A whole group of a 3x3 layer in one call (no dilation, the input at
 * least 3 x 3, every window with a tap in the input): every output's window
 * moved into the input along both axes, against widened weights with two
 * zero taps on every side of the kernel (rows of zero taps above and below
 * too, see group_of), so that each line is three runs of the 3x3 loop
 * (border, inside, border) and no output goes tap by tap. */

/* The whole plane output by output (u.out <= DW_PLANE_TAB). */
NNOM_INLINE void dw_plane3_tab(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const int16x2_t off = g->off;
    const int32_t xs = g->xs, xr = g->xr, ob = p->u.ob;
    for (int32_t ov = 0; ov < p->v.out; ov++) {
        const int8_t *xl = p->x + p->tv[ov][0];
        const int16x2_t *wl = g->w + p->tv[ov][1];
        int8_t *out = p->out + ov * p->v.ob;
        const int32_t(*tu)[2] = p->tu, (*tend)[2] = p->tu + p->u.out;
        do {
            const int8_t *x = xl + (*tu)[0];
            const int16x2_t *w = wl + (*tu)[1];
            int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
            DW_WIN3_TAPS(x, w, xs, xr);
            dw_store(a0, a1, a2, a3, g, mode, out);
            out += ob;
        } while (++tu != tend);
    }
}

NNOM_INLINE void dw_plane3_mode(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const dw_axis_t *u = &p->u, *v = &p->v;
    if (u->out <= DW_PLANE_TAB) {
        dw_plane3_tab(g, p, mode);
        return;
    }
    const int32_t ulast = u->in - 3, vlast = v->in - 3;
    /* the three runs of a line: outputs, first input and weights (offsets
     * from the line's), steps between outputs */
    const int32_t n[3] = {p->lo, p->hi - p->lo, u->out - p->hi};
    const int32_t xo[3] = {0, (p->lo * u->s - u->pad) * u->xb, ulast * u->xb};
    const int32_t wo[3] = {2 * u->pad, 0, 2 * (ulast - (p->hi * u->s - u->pad))};
    const int32_t oo[3] = {0, p->lo * u->ob, p->hi * u->ob};
    const int32_t xp[3] = {0, g->xp, 0}, wp[3] = {-2 * u->s, 0, -2 * u->s};
    for (int32_t ov = 0; ov < v->out; ov++) {
        const int32_t v0 = ov * v->s - v->pad;
        const int32_t vs = v0 < 0 ? 0 : (v0 > vlast ? vlast : v0);
        const int8_t *xl = p->x + vs * v->xb;
        const int16x2_t *wl = g->w + 2 * ((DW_VLEAD + vs - v0) * DW_ROW(3) + DW_LEAD(3));
        int8_t *ol = p->out + ov * v->ob;
        for (int r = 0; r < 3; r++) {
            if (r == 1 && n[1] >= 2 && g->pairs33 && vs == v0) {
                const dw_lines_t one = {1, 0, 0};
                dw_pairs33(g, xl + xo[1], ol + oo[1], n[1], &one);
                continue;
            }
            if (n[r] > 0)
                dw_in3_mode(g, xl + xo[r], wl + wo[r], ol + oo[r], n[r], 3, mode, xp[r], wp[r]);
        }
    }
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_plane3_0(const dw_group_t *g, const dw_plane_t *p)
{
    dw_plane3_mode(g, p, 0);
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_plane3_3(const dw_group_t *g, const dw_plane_t *p)
{
    dw_plane3_mode(g, p, DW_SIGN | DW_CLAMP);
}

/* A whole group of a layer of one row of k taps along u ((k, 1) columns
 * down the height, (1, k) rows along the width; no dilation, every window
 * with a tap in the input) in one call: per line three runs of the inside
 * loops (border, inside, border), the border windows moved into the input
 * as in dw_edge. */
NNOM_INLINE void dw_col_mode(const dw_group_t *g, const dw_plane_t *p, int mode)
{
    const dw_axis_t *u = &p->u, *v = &p->v;
    const int32_t k = u->k, kk = k < u->in ? k : u->in, ulast = u->in - kk;
    const int32_t n[3] = {p->lo, p->hi - p->lo, u->out - p->hi};
    const int32_t xo[3] = {0, (p->lo * u->s - u->pad) * u->xb, ulast * u->xb};
    const int32_t wo[3] = {2 * u->pad, 0, 2 * (ulast - (p->hi * u->s - u->pad))};
    const int32_t oo[3] = {0, p->lo * u->ob, p->hi * u->ob};
    const int32_t xp[3] = {0, g->xp, 0}, wp[3] = {-2 * u->s, 0, -2 * u->s};
    const int16x2_t *w = g->w + 2 * DW_LEAD(k);
    for (int32_t ov = 0; ov < v->out; ov++) {
        const int8_t *xl = p->x + ov * v->s * v->xb;
        int8_t *ol = p->out + ov * v->ob;
        for (int r = 0; r < 3; r++) {
            const int32_t taps = r == 1 ? k : kk;
            if (n[r] <= 0)
                continue;
            if (r == 1 && g->pairs && n[1] >= 2)
                dw_pairs3(g, xl + xo[1], ol + oo[1], n[1]);
            else if (taps == 3)
                dw_in3_mode(g, xl + xo[r], w + wo[r], ol + oo[r], n[r], 1, mode, xp[r], wp[r]);
            else
                dw_in1_mode(g, xl + xo[r], w + wo[r], ol + oo[r], n[r], taps, mode, xp[r], wp[r]);
        }
    }
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_col_0(const dw_group_t *g, const dw_plane_t *p)
{
    dw_col_mode(g, p, 0);
}

NNOM_NOINLINE NNOM_DW_NOSCHED void dw_col_3(const dw_group_t *g, const dw_plane_t *p)
{
    dw_col_mode(g, p, DW_SIGN | DW_CLAMP);
}
#else
typedef int nnom_local_dwplane_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
