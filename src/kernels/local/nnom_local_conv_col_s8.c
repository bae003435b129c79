/*
 * nnom_local_conv_col_s8.c - Conv2D with 1 to 3 input channels (first
 * layers: grey, RGB or spectrogram inputs), and 1x1 convolutions with 4
 * to NNOM_PW_COL_MAX_IC (nnom_conv_pw_col()), on DSP cores at -O2 (on hosts
 * with the same loop in C: NNOM_CONV_COL in nnom_local_simd.h),
 * bit-exact with the other local kernels. nnom_local_conv_s8() runs it unless a
 * channel's requantisation is not the fast form or a bias could overflow
 * the doubled sums (then the int16 patch path runs); the scratch is
 * nnom_conv_col_scratch() (nnom_local_simd.h) in every build (the patch
 * path needs less).
 *
 * A window of K = kh * kw * in.c values is too short and too oddly sized
 * (27 for 3x3 RGB, 40 for 10x4) for the direct path's word loops, and at
 * a layer's borders most windows are cut. So:
 * - the windows of up to NNOM_COL_PIX output pixels (raster order, across
 *   rows) are gathered into the scratch, K4 = K rounded up to 4 bytes
 *   apart (padding taps hold the input zero point, window rows inside the
 *   input go as whole words);
 * - up to NNOM_COL_GROUPS groups of four output channels are packed into the
 *   scratch at run time, from the layer's own weights (Structured and
 *   Layer API alike): their bias minus zp * sum(w), their weights widened
 *   to the halfword pairs SMLAD takes (zero past K), both doubled (the
 *   requantisation's rounding is then one SMLAL and a shift), and their
 *   requantisation constants (1x1 layers: the converter's records hold
 *   every group, nnom/ops/pwcol_records.py, and nothing is packed);
 * - the assembly of nnom_local_mac_dsp.c (nnom_conv_col_s8) runs one
 *   pixel by four channels, four values per step (each input word serves
 *   four channels, each weight pair is one LDM lane), every window whole,
 *   the four results stored as one word (nnom_local_conv_col_loop.c: the
 *   same in C where the assembly is not built); a last group of one or
 *   two channels runs nnom_conv_col1_s8 / col2_s8 (col_groups).
 */
#include "nnom_local_simd.h"
#include "nnom_conv_paths.h"

/* Words of one packed group: 4 biases, 2 K4 words of weights, 4 x (mult,
 * base, sh). */
#define COL_BLOCK(k4) (16 + 2 * (k4))
/* A last group of 1 or 2 channels: its own loop (col_groups). */
#define COL_NARROW NNOM_LOCAL_MAC_ASM

#if NNOM_CONV_COL

/* One word of weights (bytes v0..v3) as the loop's SMLAD takes them,
 * doubled: (v0, v2) into q[0], (v1, v3) into q[1]; their sum added to *sum. */
NNOM_INLINE void col_pack_word(uint32_t u, uint32_t *q, int32_t *sum)
{
#if NNOM_LOCAL_DSP
    const int16x2_t e = __sxtb16((int8x4_t)u), o = nnom_sxtb16_odd(u);
    const int16x2_t ones = (int16x2_t)0x00010001;
    q[0] = (uint32_t)__sadd16(e, e);
    q[1] = (uint32_t)__sadd16(o, o);
    *sum = __smlad(e, ones, __smlad(o, ones, *sum));
#else
    const int32_t v0 = (int8_t)u, v1 = (int8_t)(u >> 8), v2 = (int8_t)(u >> 16);
    const int32_t v3 = (int8_t)(u >> 24);
    q[0] = ((uint32_t)(2 * v0) & 0xFFFFu) | ((uint32_t)(2 * v2) << 16);
    q[1] = ((uint32_t)(2 * v1) & 0xFFFFu) | ((uint32_t)(2 * v3) << 16);
    *sum += v0 + v1 + v2 + v3;
#endif
}

/* Channels c .. c + 4 ng - 1 (the last one repeated past oc) into pk: a
 * word of weights per step (the last K % 4 bytes as one word, zero above:
 * no read past the channel), run once per layer and chunk, so it is worth
 * its few instructions per word on layers of few pixels. */
static NNOM_NOINLINE void col_pack(const nnom_conv_args_t *a, int32_t c, int32_t ng, int32_t K,
                                   int32_t k4, uint32_t *pk)
{
    const uint32_t zp_in = (uint32_t)a->p.input_zp, zp2 = (uint32_t)(2 * a->p.output_zp + 1);
    for (int32_t g = 0; g < ng; g++, pk += COL_BLOCK(k4)) {
        uint32_t *r = pk + 4 + 2 * k4;
        for (int32_t i = 0; i < 4; i++, r += 3) {
            const int32_t ch = c + 4 * g + i < a->out.c ? c + 4 * g + i : a->out.c - 1;
            const int8_t *w = a->weight + ch * K;
            uint32_t *q = pk + 4 + 2 * i;
            int32_t sum = 0, k = K;
            for (; k >= 4; k -= 4, w += 4, q += 8)
                col_pack_word(nnom_read4(w), q, &sum);
            if (k > 0) {
                uint32_t u = 0;
                for (int32_t j = 0; j < k; j++)
                    u |= (uint32_t)(uint8_t)w[j] << (8 * j);
                col_pack_word(u, q, &sum);
            }
            /* windows are whole: padding holds the zero point */
            pk[i] = 2u * ((uint32_t)a->bias[ch] - zp_in * (uint32_t)sum);
            /* twice the sum: (2 zp + 1) 2^(e-1) and e (see COL_RQ) */
            const int32_t e = -a->rq.shift[ch];
            r[0] = (uint32_t)a->rq.mult[ch];
            r[1] = zp2 << (e - 1);
            r[2] = (uint32_t)e;
        }
    }
}

#if COL_NARROW
/* The loops of a chunk: four channels, a last group of one or two */
typedef struct {
    void (*wide)(const nnom_col_job_t *);
    void (*narrow[2])(const nnom_col_job_t *);
    void (*blk[3])(const nnom_col_job_t *); /* the records' last block */
} col_loops_t;
/* [t1]: windows of K % 4 == 1 values, two steps or more: the loops whose
 * last step multiplies its one value */
/* NULL where the build leaves them out (NNOM_CONV_PATHS): then
 * nnom_conv_col_rec() refuses a block */
#define COL_BLK_IF(F) (NNOM_CONV_HAS(COL_BLK) ? F : NULL)
#define COL_BLK_LOOPS(A, B, C) {COL_BLK_IF(A), COL_BLK_IF(B), COL_BLK_IF(C)}
static const col_loops_t col_loops[2] = {
    {nnom_conv_col_s8,
     {nnom_conv_col1_s8, nnom_conv_col2_s8},
     COL_BLK_LOOPS(nnom_conv_col5_s8, nnom_conv_col6_s8, nnom_conv_col7_s8)},
    {nnom_conv_col_t1_s8,
     {nnom_conv_col1_t1_s8, nnom_conv_col2_t1_s8},
     COL_BLK_LOOPS(nnom_conv_col5_t1_s8, nnom_conv_col6_t1_s8, nnom_conv_col7_t1_s8)},
};
#endif

/* The job's groups. Under the assembly a last group of one or two channels
 * runs a loop of its own (6 or 9 instructions a step of four values, where
 * the four-channel step's 13 compute channels nobody stores). */
static void col_groups(nnom_col_job_t *j)
{
#if COL_NARROW
    const col_loops_t *f = &col_loops[j->t1];
    if (j->tail <= 2) {
        /* in place (no copy of the job), restored after */
        const uint32_t *pk = j->pk;
        int8_t *out = j->out;
        const int32_t full = j->groups - 1, tail = j->tail;
        if (full > 0) {
            j->groups = full;
            j->tail = 4;
            f->wide(j);
            j->pk = pk + full * COL_BLOCK(j->K4);
            j->out = out + 4 * full;
            j->groups = 1;
        }
        f->narrow[tail - 1](j);
        j->pk = pk;
        j->out = out;
        j->groups = full + 1;
        j->tail = tail;
        return;
    }
    f->wide(j);
#else
    nnom_conv_col_s8(j);
#endif
}

/* The records' job: with a last block, one pass (the groups, then the
 * block; the C loop takes it as it is). */
static void col_rec_job(nnom_col_job_t *j)
{
#if COL_NARROW
    if (j->blk) {
        col_loops[j->t1].blk[j->tail - 1](j);
        return;
    }
#endif
    col_groups(j);
}

/* n words from s to d (any alignment): a window row. */
NNOM_INLINE void col_words(int8_t *d, const int8_t *s, int32_t n)
{
    for (; n > 0; n--, d += 4, s += 4) {
        const uint32_t v = nnom_read4(s);
        memcpy(d, &v, 4);
    }
}

/* Where whole windows are: kh rows of nw words (the row's run bytes
 * rounded up), rows rstep bytes apart in the input and run bytes apart in
 * a window, windows sx bytes apart in the input and k4 in the scratch. */
typedef struct {
    int32_t kh, run, nw, rstep, sx, k4;
} col_geo_t;

/* m windows inside the input, not dilated across, from s to d. A row's
 * last word overwrites up to 3 bytes of what is written after it. */
static NNOM_NOINLINE void col_run(int8_t *d, const int8_t *s, int32_t m, const col_geo_t *g)
{
    const int32_t run = g->run, rstep = g->rstep, sx = g->sx, k4 = g->k4;
    if (g->nw == 3 && g->kh == 3) { /* 3x3 RGB: nine words */
        for (; m > 0; m--, d += k4, s += sx) {
            uint32_t v0 = nnom_read4(s), v1 = nnom_read4(s + 4), v2 = nnom_read4(s + 8);
            memcpy(d, &v0, 4);
            memcpy(d + 4, &v1, 4);
            memcpy(d + 8, &v2, 4);
            v0 = nnom_read4(s + rstep);
            v1 = nnom_read4(s + rstep + 4);
            v2 = nnom_read4(s + rstep + 8);
            memcpy(d + run, &v0, 4);
            memcpy(d + run + 4, &v1, 4);
            memcpy(d + run + 8, &v2, 4);
            v0 = nnom_read4(s + 2 * rstep);
            v1 = nnom_read4(s + 2 * rstep + 4);
            v2 = nnom_read4(s + 2 * rstep + 8);
            memcpy(d + 2 * run, &v0, 4);
            memcpy(d + 2 * run + 4, &v1, 4);
            memcpy(d + 2 * run + 8, &v2, 4);
        }
        return;
    }
    if (g->nw == 1) { /* one word per row: (k, 4) on one channel */
        for (; m > 0; m--, d += k4, s += sx) {
            int8_t *dr = d;
            const int8_t *sr = s;
            for (int32_t r = g->kh; r > 0; r--, dr += run, sr += rstep) {
                const uint32_t v = nnom_read4(sr);
                memcpy(dr, &v, 4);
            }
        }
        return;
    }
    for (; m > 0; m--, d += k4, s += sx) {
        int8_t *dr = d;
        const int8_t *sr = s;
        for (int32_t r = 0; r < g->kh; r++, dr += run, sr += rstep)
            col_words(dr, sr, g->nw);
    }
}

/* Taps [lo, hi) of a window starting at s0 that fall inside [0, size). */
static void tap_range(int32_t s0, int32_t size, int32_t k, int32_t dil, int32_t *lo, int32_t *hi)
{
    const int32_t a = s0 >= 0 ? 0 : (-s0 + dil - 1) / dil;
    const int32_t b = size - s0 <= 0 ? 0 : (size - s0 + dil - 1) / dil;
    *lo = a;
    *hi = b < k ? b : k;
}

/* A window cut by the input's borders: padded taps hold the zero point. */
static NNOM_NOINLINE void col_cut(const nnom_conv_args_t *a, int32_t y0, int32_t x0, int8_t *d)
{
    const int32_t ic = a->in.c, zp = a->p.input_zp, run = a->k.w * ic;
    int32_t kx0, kx1;
    tap_range(x0, a->in.w, a->k.w, a->p.dilation_w, &kx0, &kx1);
    kx1 = kx1 > kx0 ? kx1 : kx0;
    for (int32_t ky = 0, y = y0; ky < a->k.h; ky++, y += a->p.dilation_h, d += run) {
        if (y < 0 || y >= a->in.h || kx1 == kx0) {
            memset(d, zp, (size_t)run);
            continue;
        }
        memset(d, zp, (size_t)(kx0 * ic));
        memset(d + kx1 * ic, zp, (size_t)((a->k.w - kx1) * ic));
        const int8_t *s = a->input + (y * a->in.w + x0 + kx0 * a->p.dilation_w) * ic;
        if (a->p.dilation_w == 1) {
            memcpy(d + kx0 * ic, s, (size_t)((kx1 - kx0) * ic));
            continue;
        }
        for (int32_t kx = kx0; kx < kx1; kx++, s += a->p.dilation_w * ic)
            memcpy(d + kx * ic, s, (size_t)ic);
    }
}

/* Output row oy: whether its windows' rows are all inside, and the
 * pixels [*lo, *hi) whose columns are too (and, on the input's last row,
 * whose words stay inside the input). */
static int col_row(const nnom_conv_args_t *a, int32_t oy, int32_t nw, int32_t *lo, int32_t *hi)
{
    const int32_t ic = a->in.c, y0 = oy * a->p.stride_h - a->p.pad_top;
    const int32_t last = y0 + (a->k.h - 1) * a->p.dilation_h;
    if (a->p.dilation_w != 1 || y0 < 0 || last >= a->in.h)
        return 0;
    /* x0 = ox s - pl >= 0; x0 + kw <= w (last row: x0 ic + 4 nw <= w ic) */
    const int32_t s = a->p.stride_w, pl = a->p.pad_left;
    int32_t room = a->in.w * ic - (last == a->in.h - 1 ? 4 * nw : a->k.w * ic);
    *lo = (pl + s - 1) / s;
    *hi = room < 0 ? 0 : (room / ic + pl) / s + 1;
    if (*hi > a->out.w)
        *hi = a->out.w;
    return *hi > *lo;
}

/* The windows of output pixels q .. q + n - 1 (in raster order: a pair may
 * span two rows, its outputs are oc bytes apart all the same), K4 bytes
 * apart from col, one after the other (col_run's overrun lands on the
 * next one). */
static void col_gather(const nnom_conv_args_t *a, int32_t q, int32_t n, int8_t *col, int32_t k4)
{
    const int32_t ic = a->in.c, kh = a->k.h, run = a->k.w * ic, nw = (run + 3) / 4;
    const int32_t row_bytes = a->in.w * ic, rstep = a->p.dilation_h * row_bytes;
    const int32_t sx = a->p.stride_w * ic, ow = a->out.w;
    const col_geo_t g = {kh, run, nw, rstep, sx, k4};
    int32_t oy = q / ow, ox = q % ow;
    while (n > 0) {
        /* the rest of row oy: cut windows one by one, whole ones in a run */
        int32_t lo = ow, hi = ow;
        if (!col_row(a, oy, nw, &lo, &hi))
            lo = hi = ow;
        const int32_t y0 = oy * a->p.stride_h - a->p.pad_top;
        for (; n > 0 && ox < ow; n--, ox++, col += k4) {
            if (ox >= lo && ox < hi) {
                const int32_t m = hi - ox < n ? hi - ox : n;
                const int8_t *s = a->input + y0 * row_bytes + ox * sx - a->p.pad_left * ic;
                col_run(col, s, m, &g);
                ox += m - 1;
                n -= m - 1;
                col += (m - 1) * k4;
                continue;
            }
            col_cut(a, y0, ox * a->p.stride_w - a->p.pad_left, col);
        }
        if (ox == ow) {
            ox = 0;
            oy++;
        }
    }
}

/* The converter's packed groups of a 1x1 layer (nnom/ops/pwcol_records.py:
 * every group, in col_pack's layout), or NULL. The converter wrote them
 * only where every channel is in the fast form and every bias within the
 * sums' room. */
static const uint32_t *col_records(const nnom_conv_args_t *a, int pw)
{
    return pw && nnom_col_records_ok(a) ? (const uint32_t *)a->records : NULL;
}

/* Whether the doubled sums stay below 2^31 and every channel is in the
 * fast form (rq_fast: the caller knows it is). */
static int col_fits(const nnom_conv_args_t *a, int32_t K, int rq_fast)
{
    const int32_t oc = a->out.c;
    if (!rq_fast && !nnom_rq_all_fast(&a->rq, oc))
        return 0;
    /* |bias| + K 128 (|zp| + 128) below 2^30 bounds |bias - zp sum(w) +
     * sum(x w)|; room <= 2^30, so |bias| < room is one unsigned compare */
    const int32_t zp = a->p.input_zp < 0 ? -a->p.input_zp : a->p.input_zp;
    const int64_t room = (1LL << 30) - (int64_t)K * 128 * (zp + 128);
    if (room <= 0)
        return 0;
    const uint32_t r = (uint32_t)room;
    for (int32_t c = 0; c < oc; c++)
        if ((uint32_t)a->bias[c] + r - 1u > 2u * r - 2u)
            return 0;
    return 1;
}

/* A 1x1 layer on the converter's records: every group (and the last
 * block) in one pass, nothing packed or checked but the records' header
 * and the geometry (the converter checked the channels), the scratch only
 * for the copy of the last pixel when its words would run past the input
 * (in.c not a multiple of 4, but for the t1 loops, which read a window's
 * last value alone). */
int nnom_conv_col_rec(const nnom_conv_args_t *a, void *buf, uint32_t size)
{
    const int32_t oc = a->out.c, ic = a->in.c, k4 = (ic + 3) & ~3;
    const int32_t npix = a->out.h * a->out.w, lo = a->p.act_min, hi = a->p.act_max;
    if (!nnom_col_records_ok(a) || a->k.c != ic || !nnom_pw_stride1(a) || npix < 2)
        return 0;
    nnom_col_job_t j;
    j.x = a->input;
    j.pk = (const uint32_t *)a->records;
    j.out = a->output;
    j.K4 = k4;
    j.groups = (oc + 3) / 4;
    j.tail = oc - 4 * (j.groups - 1);
    j.blk = oc > 4 && oc % 4 != 0;
    if (j.blk && (k4 > 32 || !NNOM_CONV_HAS(COL_BLK))) /* the block loops' most (the records' too) */
        return 0;
    j.groups -= j.blk;
    j.oc = oc;
    j.clamp = lo != -128 || hi != 127;
    j.lo4 = ((uint32_t)lo & 0xFFu) * 0x01010101u;
    j.hi4 = ((uint32_t)hi & 0xFFu) * 0x01010101u;
    j.xstep = ic;
    j.t1 = COL_NARROW && ic % 4 == 1 && k4 >= 8;
    const int copy = ic % 4 != 0 && !j.t1;
    int8_t *col = NULL;
    if (copy) {
        const uint32_t at = 4u * (uint32_t)(nnom_conv_col_groups(a, 1) * COL_BLOCK(k4));
        if (buf == NULL || size < at + (uint32_t)k4)
            return 0;
        col = (int8_t *)buf + at;
    }
    j.pixels = npix - copy;
    col_rec_job(&j);
    if (copy) {
        memset(col, 0, (size_t)k4);
        memcpy(col, a->input + (npix - 1) * ic, (size_t)ic);
        j.x = col;
        j.out = a->output + (npix - 1) * oc;
        j.pixels = 1;
        col_rec_job(&j);
    }
#ifdef NNOM_CONV_PATHS_REPORT
    return 1 + j.blk; /* 2: the block loops (nnom_model_conv_paths()) */
#else
    return 1;
#endif
}

int nnom_conv_col(const nnom_conv_args_t *a, void *buf, uint32_t size, int rq_fast)
{
    const int32_t oc = a->out.c, K = a->k.h * a->k.w * a->in.c, k4 = nnom_conv_col_k4(a);
    const int pw = nnom_conv_pw_col(a);
    const uint32_t *rec = col_records(a, pw);
    if (rec != NULL)
        return nnom_conv_col_rec(a, buf, size);
    if (buf == NULL || size < nnom_conv_col_scratch(a))
        return 0;
    if (!col_fits(a, K, rq_fast))
        return 0;
    const int32_t G = nnom_conv_col_groups(a, pw), P = nnom_conv_col_pix(a, pw);
    const int32_t npix = a->out.h * a->out.w;
    uint32_t *pk = (uint32_t *)buf;
    int8_t *col = (int8_t *)(pk + G * COL_BLOCK(k4));
    const int32_t lo = a->p.act_min, hi = a->p.act_max;
    nnom_col_job_t j;
    j.t1 = COL_NARROW && K % 4 == 1 && k4 >= 8;
    j.blk = 0;
    j.K4 = k4;
    j.xstep = k4;
    j.pk = pk;
    j.oc = oc;
    j.clamp = lo != -128 || hi != 127;
    j.lo4 = ((uint32_t)lo & 0xFFu) * 0x01010101u;
    j.hi4 = ((uint32_t)hi & 0xFFu) * 0x01010101u;
    for (int32_t c = 0; c < oc; c += 4 * G) {
        const int32_t ng = (oc - c + 3) / 4 < G ? (oc - c + 3) / 4 : G;
        col_pack(a, c, ng, K, k4, pk);
        j.groups = ng;
        j.tail = oc - c - 4 * (ng - 1) < 4 ? oc - c - 4 * (ng - 1) : 4;
        if (pw) { /* 1x1: the pixels straight from the input, but a copy
                     of the last one if its words would run past it (not
                     for the t1 loops: they read its last value alone) */
            const int32_t copy = P != 0 && !j.t1;
            j.x = a->input;
            j.xstep = a->in.c;
            j.out = a->output + c;
            j.pixels = npix - copy;
            col_groups(&j);
            if (!copy)
                continue;
            memset(col, 0, (size_t)k4);
            memcpy(col, a->input + (npix - 1) * a->in.c, (size_t)a->in.c);
            j.x = col;
            j.out = a->output + (npix - 1) * oc + c;
            j.pixels = 1;
            col_groups(&j);
            continue;
        }
        /* output pixels in raster order, P at a time */
        for (int32_t q = 0; q < npix; q += P) {
            const int32_t n = npix - q < P ? npix - q : P;
            col_gather(a, q, n, col, k4);
            j.x = col;
            j.out = a->output + q * oc + c;
            j.pixels = n;
            col_groups(&j);
        }
    }
    return 1;
}

#else
typedef int nnom_conv_col_unused_t; /* ISO C: a translation unit is never empty */
#endif /* NNOM_CONV_COL */
