/*
 * nnom_local_dw_flat_dsp.c - depthwise layers whose channels are not a
 * multiple of four, along pixels that lie next to each other in memory
 * (along the rows, or down inputs one pixel wide), multiplier 1, up to
 * NNOM_DW_GROUP_MAX_TAPS taps, ReLU or no activation (the records' form:
 * no s term, no clamp); -O2 on cores with NNOM_LOCAL_MAC_ASM.
 *
 * At stride 1 along such a line the output bytes (pixel after pixel, channel after
 * channel) each read the input byte at the same place pad pixels before,
 * then one pixel (C bytes) further per tap along the line (and a row of
 * the input further per row of taps). So any four consecutive output bytes
 * are a group of four lanes whatever pixels they fall in: no lane is wasted
 * (the group path's four-channel groups recompute up to three channels;
 * with fewer than four channels the layer ran pixel by pixel). The groups
 * at bytes 4m repeat their channels every Q = C / gcd(C, 4) groups: one set
 * of records per phase m mod Q (nnom_local_dwcol.h's layout, the taps of
 * all rows in one list), run over the groups of that phase (4 Q bytes
 * apart), plus the line's last four bytes where C * out is not a multiple
 * of four. Groups whose window leaves the input read copies of the rows'
 * border bytes, lines with rows of taps outside the input a copy of the
 * whole line (the input zero point outside the input, which the records'
 * bias takes off like any input). One row of taps runs nnom_dwcol_s8, 3x3
 * windows nnom_dw_flat33_s8, other windows nnom_dwtaps_s8. At stride 2 or
 * more: one row of taps with fewer than four channels (flat_padded()),
 * windows of several rows (flat_strided(); more than four channels: 3 x 3).
 */
#include "nnom_local_dw_flat.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwrows.h"
#include "nnom_local_dwtaps.h"
#include "../nnom_backend.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

#define FLAT_TAPS NNOM_DW_GROUP_MAX_TAPS
/* Bytes of the copies (the left border's, the right border's; or one
 * line's), on the stack. */
#define FLAT_COPY 512
/* Words of the records kept for every phase (else built per line). */
#define FLAT_KEEP 288

/* n groups of a 3 x 3 window at x (rows rs bytes apart, taps cs apart), x
 * xstep bytes apart, out ostep; rec: flat_records() of 9 taps. Field offsets
 * are the assembly's. */
typedef struct {
    const int8_t *x;
    int8_t *out;
    const int32_t *rec;
    int32_t n, cs, rs, ostep, xstep;
} flat33_job_t;
void nnom_dw_flat33_s8(const flat33_job_t *j);
/* The same for lanes 0 to 2, 0 and 1, 0 (three, two, one channel in the
 * group at stride 2: the other lanes empty). */
void nnom_dw_flat33_s8_3(const flat33_job_t *j);
void nnom_dw_flat33_s8_2(const flat33_job_t *j);
void nnom_dw_flat33_s8_1(const flat33_job_t *j);
typedef char flat33_job_layout_t[offsetof(flat33_job_t, xstep) == 28 ? 1 : -1];

typedef struct {
    int32_t c, k, ku, d, s, pad, in, out; /* channels, taps; the line's axis */
    int32_t kv, dv, pv, sv, inv, lines; /* across the lines */
    int32_t row, oline;                /* bytes between input rows, output lines */
    void (*k33)(const flat33_job_t *); /* the 3 x 3 loop */
} flat_t;

/* Words of one group's records for k taps (nnom_local_dwcol.h's layout:
 * the last tap of odd k in two words). */
NNOM_INLINE int32_t flat_words(int32_t k)
{
    return 4 + 4 * (k / 2) + 2 * (k & 1) + 12;
}

/* The records of the group whose first byte is channel c0: lane i is
 * channel (c0 + i) % C; tap t's weights at t * C. */
static void flat_records(const nnom_conv_args_t *a, const flat_t *f, int32_t c0, int32_t *rec)
{
    const int32_t k = f->k, c = f->c, zp = a->p.input_zp;
    const uint32_t zp2 = (uint32_t)(2 * a->p.output_zp + 1);
    int32_t *rq = rec + 4 + 4 * (k / 2) + 2 * (k & 1);
    /* (stride 2 or more: the lanes past the channels get zero weights and
     * lane 0's bias and requantisation) */
    const int32_t real = f->s > 1 && c - c0 < 4 ? c - c0 : 4;
    int32_t *last = rq - 2; /* odd k: (w0, w2), (w1, w3) of the last tap */
    if (k & 1)
        last[0] = last[1] = 0;
    for (int32_t i = 0, ch = c0 % c; i < 4; i++, ch = ch + 1 == c ? 0 : ch + 1, rq += 3) {
        int32_t *p = rec + 4 + i;
        if (i >= real) {
            for (int32_t j = k >> 1; j > 0; j--, p += 4)
                *p = 0;
            rec[i] = rec[0];
            rq[0] = rq[-3 * i];
            rq[1] = rq[1 - 3 * i];
            rq[2] = rq[2 - 3 * i];
            continue;
        }
        const int8_t *w = a->weight + ch;
        int32_t sum = 0;
        for (int32_t j = k >> 1; j > 0; j--, w += 2 * c, p += 4) {
            const int32_t w0 = w[0], w1 = w[c];
            *p = (int32_t)((((uint32_t)w0 << 1) & 0xFFFFu) | (uint32_t)w1 << 17);
            sum += w0 + w1;
        }
        if (k & 1) {
            const uint32_t w0 = (uint32_t)(int32_t)w[0];
            last[i & 1] |= (int32_t)(i < 2 ? (w0 << 1) & 0xFFFFu : w0 << 17);
            sum += w[0];
        }
        /* doubled bias less the zero point's share (raw inputs) */
        rec[i] = (int32_t)(2u * (uint32_t)a->bias[ch] - 2u * (uint32_t)zp * (uint32_t)sum);
        const uint32_t x = (uint32_t)-2 - (uint32_t)a->rq.shift[ch]; /* e - 2 */
        rq[0] = a->rq.mult[ch];
        rq[1] = (int32_t)(zp2 << ((x + 1u) & 31u));
        rq[2] = (int32_t)(x + 2u);
    }
}

/* 1 where every channel has the fast requantisation and 2 acc fits in 32
 * bits (the group path's rule). */
static int flat_fit(const nnom_conv_args_t *a, int32_t c, int32_t k)
{
    const uint32_t reach = ((uint32_t)1 << 30) - (uint32_t)(k * 255 * 128) - 1u;
    uint32_t bad = 0;
    for (int32_t i = 0; i < c; i++) {
        const uint32_t b = (uint32_t)a->bias[i];
        bad |= nnom_rq_unfit(a->rq.mult[i], a->rq.shift[i]) | (reach - b) | (reach + b);
    }
    return (bad >> 31) == 0;
}

/* Words of zp4 from d until end or up to three bytes past it. */
NNOM_INLINE void flat_fill(int8_t *d, const int8_t *end, uint32_t zp4)
{
    for (; d < end; d += 4)
        memcpy(d, &zp4, 4);
}

/* The rows of taps of line l: bytes [b0, b1) of each (0: the line's first
 * pixel), the zero point outside the input, into e (rows w bytes apart, w
 * a multiple of four at least b1 - b0; up to three bytes written past the
 * last row). Word by word: the C library's memcpy and memset go byte by
 * byte on these short rows. */
static void flat_copy(const nnom_conv_args_t *a, const flat_t *f, int32_t l, int32_t b0,
                      int32_t b1, int32_t w, int8_t *e)
{
    const int32_t n = f->in * f->c, i0 = b0 > 0 ? b0 : 0, i1 = b1 < n ? b1 : n;
    const uint32_t zp4 = ((uint32_t)a->p.input_zp & 0xFFu) * 0x01010101u;
    const int32_t rowb = f->row / f->dv;
    for (int32_t r = 0, y = l * f->sv - f->pv; r < f->kv; r++, y += f->dv, e += w) {
        if (y < 0 || y >= f->inv || i1 <= i0) {
            flat_fill(e, e + w, zp4);
            continue;
        }
        int8_t *d = e + (i0 - b0);
        flat_fill(e, d, zp4); /* (the copy overwrites what passes d) */
        const int8_t *x = a->input + y * rowb + i0;
        int32_t m = i1 - i0;
        for (; m >= 8; m -= 8, x += 8, d += 8) {
            const uint32_t v0 = nnom_read4(x), v1 = nnom_read4(x + 4);
            memcpy(d, &v0, 4);
            memcpy(d + 4, &v1, 4);
        }
        for (; m > 0; m--)
            *d++ = *x++;
        flat_fill(d, e + w, zp4);
    }
}

/* Lanes 0 and 1 only (two channels at stride 2): lanes 2 and 3's
 * records skipped by the post-increment. */
#define FLAT33_PAIR2                                                                             \
    "pkhbt  r10, r8, r9, lsl #16\n"                                                              \
    "ldrd   r8, r12, [r1], #16\n"                                                                \
    "sxtb16 lr, r10\n"                                                                           \
    "smlad  r4, lr, r8, r4\n"                                                                    \
    "sxtb16 lr, r10, ror #8\n"                                                                   \
    "smlad  r5, lr, r12, r5\n"

/* Lane 0 only (one channel in the group at stride 2): lanes 1 to 3's
 * records skipped by the post-increment. */
#define FLAT33_PAIR1                                                                             \
    "pkhbt  r10, r8, r9, lsl #16\n"                                                              \
    "ldr    r8, [r1], #16\n"                                                                     \
    "sxtb16 lr, r10\n"                                                                           \
    "smlad  r4, lr, r8, r4\n"

/* The last tap's products and the requantisation of lanes 1 to 3 */
#define FLAT33_LAST1 "smlabb r5, r9, r12, r5\n"
#define FLAT33_RQ1 NNOM_DWCOL_RQ("r5") "bfi    r4, r5, #8, #8\n"
#define FLAT33_LAST2 "smlatt r6, r10, r8, r6\n"
#define FLAT33_LAST3 "smlatt r7, r9, r12, r7\n"
#define FLAT33_RQ2 NNOM_DWCOL_RQ("r6") "bfi    r4, r6, #16, #8\n"
#define FLAT33_RQ3 NNOM_DWCOL_RQ("r7") "bfi    r4, r7, #24, #8\n"

/* NAME(job): r0 the window's first tap, r1 the records, r2 out, r3 cs,
 * r11 rs, r4-r7 the sums; r8-r10, r12, lr scratch. Stack: [0] rec, [4]
 * ostep, [8] the end of the outputs, [12] xstep. PAIR one pair of taps,
 * LAST_HI and RQ_HI lanes 1 to 3's (those there are): the loops of one to
 * three lanes (channels in the group at stride 2) leave the output word's
 * last bytes lane 0's sign, which the next pixel's groups rewrite. */
#define FLAT33_FN(NAME, PAIR, LAST_HI, RQ_HI)                                        \
    __asm__(NNOM_ASM_FUNC(NAME)                                                                  \
            "push   {r4-r11, lr}\n"                                                              \
            "sub    sp, sp, #16\n"                                                               \
            "ldr    r1, [r0, #28]\n"                                                             \
            "str    r1, [sp, #12]\n"                                                             \
            "ldr    r1, [r0, #8]\n"                                                              \
            "ldr    r2, [r0, #12]\n"                                                             \
            "ldr    r3, [r0, #24]\n"                                                             \
            "ldr    r4, [r0, #4]\n"                                                              \
            "mla    r2, r2, r3, r4\n"                                                            \
            "str    r1, [sp, #0]\n"                                                              \
            "strd   r3, r2, [sp, #4]\n"                                                          \
            "mov    r2, r4\n"                                                                    \
            "ldr    r3, [r0, #16]\n"                                                             \
            "ldr    r11, [r0, #20]\n"                                                            \
            "ldr    r0, [r0, #0]\n"                                                              \
            "1:\n"                                                                               \
            "ldr    r1, [sp, #0]\n"                                                              \
            "ldm    r1!, {r4-r7}\n"                                                              \
            "ldr    r8, [r0]\n"                                                                  \
            "ldr    r9, [r0, r3]\n"                                                              \
            PAIR                                                                                 \
            "ldr    r8, [r0, r3, lsl #1]\n"                                                      \
            "ldr    r9, [r0, r11]\n"                                                             \
            PAIR                                                                                 \
            "add    r10, r0, r11\n"                                                              \
            "ldr    r8, [r10, r3]\n"                                                             \
            "ldr    r9, [r10, r3, lsl #1]\n"                                                     \
            PAIR                                                                                 \
            "add    r10, r0, r11, lsl #1\n"                                                      \
            "ldr    r8, [r10]\n"                                                                 \
            "ldr    r9, [r10, r3]\n"                                                             \
            PAIR                                                                                 \
            "add    r10, r0, r11, lsl #1\n" /* the last tap: (w0, w2), (w1, w3) */                \
            "ldr    r8, [r10, r3, lsl #1]\n"                                                     \
            "sxtb16 r10, r8\n"                                                                   \
            "sxtb16 r9, r8, ror #8\n"                                                            \
            "ldrd   r8, r12, [r1], #8\n"                                                         \
            "smlabb r4, r10, r8, r4\n"                                                           \
            LAST_HI                                                                              \
            NNOM_DWCOL_RQ("r4")                                                                      \
            RQ_HI                                                                                \
            "str    r4, [r2]\n"                                                                  \
            "ldrd   r8, r9, [sp, #4]\n"                                                          \
            "ldr    r10, [sp, #12]\n"                                                            \
            "add    r2, r2, r8\n"                                                                \
            "add    r0, r0, r10\n"                                                               \
            "cmp    r2, r9\n"                                                                    \
            "bne    1b\n"                                                                        \
            "add    sp, sp, #16\n"                                                               \
            "pop    {r4-r11, pc}\n"                                                              \
            ".size " NAME ", .-" NAME "\n"                                                         \
            ".text\n")

FLAT33_FN("nnom_dw_flat33_s8", NNOM_DWCOL_PAIR_MACS(NNOM_DWCOL_PAIR_LANE3),
          FLAT33_LAST1 FLAT33_LAST2 FLAT33_LAST3, FLAT33_RQ1 FLAT33_RQ2 FLAT33_RQ3);
FLAT33_FN("nnom_dw_flat33_s8_3", NNOM_DWCOL_PAIR_MACS(""), FLAT33_LAST1 FLAT33_LAST2,
          FLAT33_RQ1 FLAT33_RQ2);
FLAT33_FN("nnom_dw_flat33_s8_2", FLAT33_PAIR2, FLAT33_LAST1, FLAT33_RQ1);
FLAT33_FN("nnom_dw_flat33_s8_1", FLAT33_PAIR1, "", "");

/* A run of groups of one line reading src (tap 0 of the run's first
 * group; rows rs bytes apart), writing out: those of phase q (of nq) among
 * its g groups, the first of them phase q0; the run's groups xs bytes
 * apart in the input, os in the output. */
typedef struct {
    const flat_t *f;
    const int32_t *rec;
    int32_t nq, xs, os;
} flat_job_t;

static void flat_run(const flat_job_t *j, const int8_t *src, int32_t rs, int8_t *out, int32_t g,
                     int32_t q0, int32_t q)
{
    const flat_t *f = j->f;
    const int32_t first = q >= q0 ? q - q0 : q - q0 + j->nq;
    if (first >= g)
        return;
    const int32_t n = (g - 1 - first) / j->nq + 1, xs = j->xs, os = j->os;
    src += 4 * first; /* (first < nq) */
    out += 4 * first;
    if (f->kv == 1) {
        const nnom_dwcol_job_t d = {src, out, j->rec, n, f->d * f->c, xs, os, f->k / 2, f->k & 1, 1};
        nnom_dwcol_s8(&d);
        return;
    }
    if (f->k == 9 && f->ku == 3) {
        const flat33_job_t g = {src, out, j->rec, n, f->d * f->c, rs, os, xs};
        f->k33(&g);
        return;
    }
    /* (the fields in locals: the stores to off[] may alias them) */
    const int32_t kv = f->kv, ku = f->ku, step = f->d * f->c;
    int32_t off[FLAT_TAPS], *o = off;
    for (int32_t r = 0, y = 0; r < kv; r++, y += rs)
        for (int32_t u = 0, x = y; u < ku; u++, x += step)
            *o++ = x;
    const nnom_dwtaps_job_t d = {src, out, j->rec, off, n, xs, os, f->k / 2, f->k & 1};
    nnom_dwtaps_s8(&d);
}

/* The layer's geometry; 0 where it does not suit. */
static int flat_of(const nnom_conv_args_t *a, flat_t *f)
{
    const int32_t c = a->out.c;
    if (a->ch_mult != 1 || a->in.c != c || c % 4 == 0 || a->k.h * a->k.w > FLAT_TAPS)
        return 0;
    if (a->k.w > 1 || a->in.w > 1) /* along the rows */
        *f = (flat_t){c,        a->k.h * a->k.w, a->k.w,          a->p.dilation_w,
                      a->p.stride_w, a->p.pad_left, a->in.w, a->out.w, a->k.h,
                      a->p.dilation_h, a->p.pad_top, a->p.stride_h, a->in.h,
                      a->out.h, a->p.dilation_h * a->in.w * c, a->out.w * c, NULL};
    else if (a->k.w == 1 && a->in.w == 1 && a->out.w == 1) /* down one column */
        *f = (flat_t){c, a->k.h, a->k.h, a->p.dilation_h, a->p.stride_h, a->p.pad_top, a->in.h,
                      a->out.h, 1, 1, a->p.pad_left, 1, 1, 1, 0, 0, NULL};
    else
        return 0;
    f->k33 = f->s == 1 || c > 3 ? nnom_dw_flat33_s8
             : c == 3           ? nnom_dw_flat33_s8_3
             : c == 2           ? nnom_dw_flat33_s8_2
                                : nnom_dw_flat33_s8;
    /* three taps in one row with more than four channels: the group
     * path's four outputs per pass cost less than nnom_dwcol_s8's one; at
     * stride 2 or more with more than four channels only 3 x 3 windows on
     * lines of at least six outputs (the assembly loop; one row of taps:
     * the same groups as the group path's, the records cost more; the
     * group path runs shorter lines in fewer calls) */
    return f->k <= FLAT_TAPS && f->out * c >= 4 && !(f->k == 3 && f->kv == 1 && c > 4) &&
           (f->s == 1 || c < 4 || (f->k == 9 && f->ku == 3 && f->out >= 6));
}

/* The groups of every output pixel at stride 2 or more: groups of four
 * channels at bytes 0, 4, ... of the pixel (full, their records words
 * apart), the last one (tail) with the lanes past the channels empty;
 * reads: the bytes a pixel's groups read from its window's first. */
typedef struct {
    flat_job_t tail, full;
    int32_t groups, words, reads;
} flat_pix_t;

/* n pixels' groups of job j (one group of each) from src (rows rs bytes
 * apart): the 3 x 3 loop called directly (these runs are short: a
 * border pixel, a line), else flat_run(). */
NNOM_INLINE void flat_pix_run(const flat_job_t *j, const int8_t *src, int32_t rs, int8_t *out,
                              int32_t n)
{
    const flat_t *f = j->f;
    if (n <= 0)
        return;
    if (f->k == 9 && f->ku == 3) {
        const flat33_job_t g = {src, out, j->rec, n, f->d * f->c, rs, j->os, j->xs};
        f->k33(&g);
    } else
        flat_run(j, src, rs, out, n, 0, 0);
}

/* n pixels from src (rows rs bytes apart) into out, the tail groups
 * first: their lanes past the channels land on the next pixel's first
 * bytes, which its full groups (or, with fewer than four channels, its
 * tail group) rewrite after. last: the n-th pixel is the layer's last
 * (its tail through a word of its own, the empty lanes would land past
 * the output). */
NNOM_INLINE void flat_pixels(const flat_pix_t *p, const int8_t *src, int32_t rs, int8_t *out,
                             int32_t n, int last)
{
    const flat_t *f = p->full.f;
    const int32_t t = 4 * (p->groups - 1), c = f->c, xs = p->tail.xs;
    flat_pix_run(&p->tail, src + t, rs, out + t, n - last);
    if (last) {
        uint32_t word;
        flat_pix_run(&p->tail, src + t + (n - 1) * xs, rs, (int8_t *)&word, 1);
        memcpy(out + t + (n - 1) * c, &word, (size_t)(c - t));
    }
    for (int32_t g = 0; g < p->groups - 1; g++) {
        flat_job_t j = p->full;
        j.rec += g * p->words;
        flat_pix_run(&j, src + 4 * g, rs, out + 4 * g, n);
    }
}

/* Tap t of lane i taken out of a group's records (flat_records' layout):
 * its weight zero, its share of the zero point (zp 2 w) back in the bias. */
static void flat_drop_tap(int32_t *rec, int32_t k, int32_t t, int32_t i, int32_t zp)
{
    const int odd = t >= (k & ~1);
    int32_t *w = odd ? rec + 4 + 4 * (k / 2) + (i & 1) : rec + 4 + 4 * (t / 2) + i;
    const uint32_t sh = 16u * (uint32_t)(odd ? i >> 1 : t & 1);
    const int32_t v = (int16_t)(uint16_t)((uint32_t)*w >> sh); /* 2 w */
    rec[i] = (int32_t)((uint32_t)rec[i] + (uint32_t)zp * (uint32_t)v);
    *w = (int32_t)((uint32_t)*w & ~(0xFFFFu << sh));
}

/* The records (groups sets, words apart) of output pixel p along the line:
 * the taps whose column lies outside the input dropped, so that it runs on
 * the input (its reads of those columns land in the rows next to them). */
static void flat_edge(const nnom_conv_args_t *a, const flat_t *f, int32_t p, int32_t groups,
                      int32_t words, const int32_t *rec, int32_t *edge)
{
    memcpy(edge, rec, (size_t)(groups * words) * sizeof(int32_t));
    for (int32_t u = 0, x = p * f->s - f->pad; u < f->ku; u++, x += f->d) {
        if (x >= 0 && x < f->in)
            continue;
        for (int32_t g = 0; g < groups; g++)
            for (int32_t r = 0; r < f->kv; r++)
                for (int32_t i = 0; i < 4; i++)
                    flat_drop_tap(edge + g * words, f->k, r * f->ku + u, i, a->p.input_zp);
    }
}

/* Pixels [p0, p1) of line l (stride 2 or more, fewer than four channels)
 * from a copy of the rows their windows reach; the layer's last pixel
 * through a word of its own (its group's lanes past the channels would
 * land past the output). */
NNOM_INLINE void flat_padded_copy(const nnom_conv_args_t *a, const flat_t *f, const flat_job_t *j,
                                  int32_t l, int32_t p0, int32_t p1, int8_t *out, int8_t *copy)
{
    const int32_t c = f->c, xs = j->xs, span = (f->ku - 1) * f->d * c;
    const int32_t b0 = (p0 * f->s - f->pad) * c, w = ((p1 - 1 - p0) * xs + span + 4 + 3) & ~3;
    flat_copy(a, f, l, b0, b0 + w, w, copy);
    const int last = l + 1 == f->lines && p1 == f->out;
    const int32_t n = p1 - p0 - last;
    if (n > 0)
        flat_run(j, copy, w, out + p0 * c, n, 0, 0);
    if (last) {
        uint32_t word;
        flat_run(j, copy + n * xs, w, (int8_t *)&word, 1, 0, 0);
        memcpy(out + (p1 - 1) * c, &word, (size_t)c);
    }
}

/* One row of taps at stride 2 or more, fewer than four channels: one
 * group of four lanes per output pixel, the lanes past the channels with
 * zero weights; their bytes land on the next pixel's first channels, which
 * its own group rewrites after. Each line from a copy (it costs less than
 * calls for its parts). 0 where the copy does not fit. */
static int flat_padded(const nnom_conv_args_t *a, const flat_t *f)
{
    const int32_t c = f->c, span = (f->ku - 1) * f->d * c, xs = f->s * c;
    const int32_t ww = ((f->out - 1) * xs + span + 4 + 3) & ~3;
    if (f->kv * ww > FLAT_COPY || !flat_fit(a, c, f->k))
        return 0;
    uint32_t words_copy[FLAT_COPY / 4 + 1];
    int8_t *const copy = (int8_t *)words_copy;
    int32_t rec[4 + 4 * (FLAT_TAPS / 2) + 2 + 12];
    flat_records(a, f, 0, rec);
    const flat_job_t j = {f, rec, 1, xs, c};
    int8_t *out = a->output;
    for (int32_t l = 0; l < f->lines; l++, out += f->oline)
        flat_padded_copy(a, f, &j, l, 0, f->out, out, copy);
    return 1;
}

/* Pixels [p0, p1) of line l (stride 2 or more) from a copy of the rows
 * their windows reach. */
NNOM_INLINE void flat_strided_copy(const nnom_conv_args_t *a, const flat_pix_t *p, int32_t l,
                                  int32_t p0, int32_t p1, int8_t *out, int8_t *copy)
{
    const flat_t *f = p->full.f;
    const int32_t c = f->c, xs = p->tail.xs;
    const int32_t b0 = (p0 * f->s - f->pad) * c, w = ((p1 - 1 - p0) * xs + p->reads + 3) & ~3;
    flat_copy(a, f, l, b0, b0 + w, w, copy);
    flat_pixels(p, copy, w, out + p0 * c, p1 - p0, l + 1 == f->lines && p1 == f->out);
}

/* Pixels [p0, p1) of line l from copies of per pixels at a time. */
static void flat_strided_line(const nnom_conv_args_t *a, const flat_pix_t *p, int32_t l, int32_t p0,
                             int32_t p1, int32_t per, int8_t *out, int8_t *copy)
{
    for (; p0 < p1; p0 += per)
        flat_strided_copy(a, p, l, p0, p1 - p0 < per ? p1 : p0 + per, out, copy);
}

/* Windows of several rows at stride 2 or more along the line, channels
 * not a multiple of four: groups of four lanes per output pixel
 * (flat_pix_t), the last one with the lanes past the channels empty. Lines
 * of rows of taps that all lie in the input run their pixels whose reads
 * stay in the rows on the input, the others (and the layer's last pixel)
 * on copies (of as many pixels as fit FLAT_COPY). 0 where the records do
 * not fit. */
static NNOM_NOINLINE int flat_strided(const nnom_conv_args_t *a, const flat_t *f)
{
    const int32_t c = f->c, span = (f->ku - 1) * f->d * c, xs = f->s * c;
    const int32_t groups = (c + 3) / 4, t = 4 * (groups - 1), words = flat_words(f->k);
    const int32_t reads = span + t + 4;
    /* pixels per copy of a line's rows of taps (the whole line where it fits) */
    const int whole = f->kv * (((f->out - 1) * xs + reads + 3) & ~3) <= FLAT_COPY;
    const int32_t cap = whole ? 0 : (FLAT_COPY / f->kv) & ~3;
    const int32_t per = whole ? f->out : cap < reads ? 0 : (cap - reads) / xs + 1;
    if (per < 1 || groups * words > FLAT_KEEP || !flat_fit(a, c, f->k))
        return 0;
    uint32_t words_copy[FLAT_COPY / 4 + 1];
    int8_t *const copy = (int8_t *)words_copy;
    int32_t recs[FLAT_KEEP];
    for (int32_t g = 0; g < groups; g++)
        flat_records(a, f, 4 * g, recs + g * words);
    /* the tail's loop by its lanes (3 x 3: the loops without empty lanes) */
    flat_t ft;
    const flat_t *tf = f;
    if (c > 4) {
        ft = *f;
        ft.k33 = c - t == 3   ? nnom_dw_flat33_s8_3
                 : c - t == 2 ? nnom_dw_flat33_s8_2
                              : nnom_dw_flat33_s8_1;
        tf = &ft;
    }
    const flat_pix_t p = {{tf, recs + t / 4 * words, 1, xs, c}, {f, recs, 1, xs, c},
                          groups, words, reads};
    int8_t *out = a->output;
    /* lines [vlo, vhi) have their rows of taps in the input; pixels
     * [plo, phi) their windows' first tap in the row and their last word
     * read inside it */
    const int32_t vlo = (f->pv + f->sv - 1) / f->sv;
    int32_t vhi = f->inv - 1 + f->pv - (f->kv - 1) * f->dv;
    vhi = vhi < 0 ? 0 : vhi / f->sv + 1;
    const int32_t plo = (f->pad + f->s - 1) / f->s, reach = (f->in + f->pad) * c - reads;
    int32_t phi = reach < 0 ? 0 : reach / xs + 1;
    phi = phi < f->out ? phi : f->out;
    /* (the last line's right border from the layer's last pixel on) */
    const int32_t hlast = phi < f->out ? phi : f->out - 1;
    /* a border of one pixel on either side runs on the input with records
     * of its own (edge: lines where its reads stay in the input), the
     * others on copies */
    const int32_t gw = groups * words;
    const int32_t er = phi == f->out - 1 && 2 * gw <= FLAT_KEEP;
    const int32_t el = plo == 1 && (2 + er) * gw <= FLAT_KEEP;
    int32_t *const rr = recs + gw, *const rl = recs + (1 + er) * gw; /* (where they fit) */
    if (er)
        flat_edge(a, f, f->out - 1, groups, words, recs, rr);
    if (el)
        flat_edge(a, f, 0, groups, words, recs, rl);
    const flat_pix_t pl = {{tf, rl + t / 4 * words, 1, xs, c}, {f, rl, 1, xs, c},
                           groups, words, reads};
    const flat_pix_t pr = {{tf, rr + t / 4 * words, 1, xs, c}, {f, rr, 1, xs, c},
                           groups, words, reads};
    const int32_t total = a->in.h * a->in.w * c, below = (f->kv - 1) * f->row + reads;
    const int32_t rowb = f->row / f->dv;
    for (int32_t l = 0; l < f->lines; l++, out += f->oline) {
        /* (the layer's last pixel always from a copy) */
        const int32_t hi = l + 1 < f->lines ? phi : hlast;
        if (l < vlo || l >= vhi || hi <= plo) {
            flat_strided_line(a, &p, l, 0, f->out, per, out, copy);
            continue;
        }
        const int32_t y = (l * f->sv - f->pv) * rowb, x0 = y - f->pad * c;
        if (el && x0 >= 0)
            flat_pixels(&pl, a->input + x0, f->row, out, 1, 0);
        else if (plo > 0)
            flat_strided_line(a, &p, l, 0, plo, per, out, copy);
        flat_pixels(&p, a->input + x0 + plo * xs, f->row, out + plo * c, hi - plo, 0);
        if (er && hi == phi && x0 + hi * xs + below <= total)
            flat_pixels(&pr, a->input + x0 + hi * xs, f->row, out + hi * c, 1,
                        l + 1 == f->lines);
        else if (hi < f->out)
            flat_strided_line(a, &p, l, hi, f->out, per, out, copy);
    }
    return 1;
}

/* The layer: 1 done, 0 not taken, 2 to run in bands of rows, rows[0] to
 * rows[2] nnom_dw_by_rows()'s vlo, vhi and padded (by the caller, this
 * frame's copies and records gone). */
static NNOM_NOINLINE int flat_layer(const nnom_conv_args_t *a, int32_t *rows)
{
    flat_t f;
    /* nnom_dwcol_s8's requantisation has neither the s term nor the clamp */
    if (a->p.act_min < a->p.output_zp || a->p.act_min > -128 || a->p.act_max < 127 ||
        !flat_of(a, &f))
        return 0;
    if (f.s > 1)
        return f.kv == 1 ? flat_padded(a, &f) : flat_strided(a, &f);
    const int32_t c = f.c, span = (f.ku - 1) * f.d * c; /* a window's bytes past its first */
    const int32_t bytes = f.out * c, groups = bytes / 4, tail = bytes % 4 != 0;
    /* outputs [lo, hi) along the line have their windows inside the input */
    const int32_t lo = f.pad < f.out ? f.pad : f.out;
    int32_t hi = f.in + f.pad - (f.ku - 1) * f.d;
    hi = hi < lo ? lo : (hi < f.out ? hi : f.out);
    /* lines [vlo, vhi) have all their rows of taps in the input */
    int32_t vlo = (f.pv + f.sv - 1) / f.sv, vhi = f.inv - 1 + f.pv - (f.kv - 1) * f.dv;
    vhi = vhi < 0 ? 0 : vhi / f.sv + 1;
    vlo = vlo < f.lines ? vlo : f.lines;
    vhi = vhi < vlo ? vlo : (vhi < f.lines ? vhi : f.lines);
    /* groups [g0, g1) lie inside those outputs; the others read copies */
    const int32_t g0 = (lo * c + 3) / 4 < groups ? (lo * c + 3) / 4 : groups;
    int32_t g1 = hi * c / 4 < groups ? hi * c / 4 : groups;
    g1 = g1 < g0 ? g0 : g1;
    const int32_t last = bytes - 4; /* the tail group's first byte */
    const int tail_in = tail && last >= lo * c && hi == f.out;
    /* the right copy: from group g1's first byte (the tail's if earlier) */
    const int32_t r0 = tail && !tail_in && last < 4 * g1 ? last : 4 * g1;
    const int right = g1 < groups || (tail && !tail_in);
    /* the copies' rows: bytes apart (multiples of four) */
    const int32_t lw = (4 * g0 + span + 3) & ~3, rw = (bytes - r0 + span + 3) & ~3;
    const int32_t ww = (bytes + span + 3) & ~3;
    const int32_t low = c & -c, nq = c / (low < 4 ? low : 4); /* C / gcd(C, 4) */
    const int borders_fit = !((g0 > 0 && f.kv * lw > FLAT_COPY / 2) ||
                              (right && f.kv * rw > FLAT_COPY / 2));
    /* one to three channels: the lines on the input where the records of
     * the lines with rows of taps outside it (their own layers, see below),
     * the border copies and two more runs per line and set of records
     * (where there are borders) cost less than copying every line
     * (estimates in instructions: about 40 per tap and set of records, 150
     * per run, one per byte copied and 20 per row) */
    const int32_t outside = f.lines - (vhi - vlo);
    const int32_t sides =
        g0 > 0 || right ? f.lines * ((nq + 1) * 150 + f.kv * (lw + rw + 40)) : 0;
    const int band = c < 4 && borders_fit &&
                     outside * (nq + 1) * f.k * 40 + sides < f.lines * f.kv * (ww + 20);
    /* else every line from a copy where it fits (fewer runs; each input
     * row copied once per row of taps), else only the border groups' */
    const int whole = f.kv * ww <= FLAT_COPY && !band;
    if (!whole && (!borders_fit || (c > 3 && (vlo > 0 || vhi < f.lines))))
        return 0;
    if (!flat_fit(a, c, f.k))
        return 0;
    /* one to three channels: the lines with rows of taps outside the input
     * as layers of their own (nnom_dw_by_rows), the others on the input
     * (their calls take these layers); (k, 1) windows so, as one row */
    if ((!whole && (vlo > 0 || vhi < f.lines)) ||
        (c < 4 && vhi > vlo && nnom_dw_column_window(a))) {
        rows[0] = vlo;
        rows[1] = vhi;
        rows[2] = f.kv * ww <= FLAT_COPY;
        return 2;
    }
    uint32_t words_copy[FLAT_COPY / 4 + 1]; /* left, right; or a whole line (+ 3 bytes) */
    int8_t *const copy = (int8_t *)words_copy;
    int8_t *const lcopy = copy, *const rcopy = copy + FLAT_COPY / 2;
    const int32_t words = flat_words(f.k), sets = nq + tail;
    /* the phases in chunks whose records fit FLAT_KEEP, each chunk over
     * every line (records built once per phase, the border copies once per
     * line and chunk) */
    const int32_t chunk = FLAT_KEEP / words;
    int32_t recs[FLAT_KEEP];
    const int32_t pad = f.pad * c;
    for (int32_t q0 = 0; q0 < sets; q0 += chunk) {
        const int32_t q1 = sets - q0 < chunk ? sets : q0 + chunk;
        for (int32_t q = q0; q < q1; q++)
            flat_records(a, &f, q < nq ? 4 * q : last, recs + (q - q0) * words);
        int8_t *out = a->output;
        for (int32_t l = 0; l < f.lines; l++, out += f.oline) {
            const int inside = !whole && l >= vlo && l < vhi;
            /* the line's first output byte's tap 0 (inside lines only) */
            const int32_t x = (l * f.sv - f.pv) * (f.row / f.dv) - pad;
            if (!inside)
                flat_copy(a, &f, l, -pad, bytes - pad + span, ww, copy);
            else {
                if (g0 > 0)
                    flat_copy(a, &f, l, -pad, 4 * g0 - pad + span, lw, lcopy);
                if (right)
                    flat_copy(a, &f, l, r0 - pad, bytes - pad + span, rw, rcopy);
            }
            for (int32_t q = q0; q < q1; q++) {
                const int32_t *rec = recs + (q - q0) * words;
                const flat_job_t j = {&f, rec, q < nq ? nq : 1, 4 * nq, 4 * nq};
                if (q == nq) { /* the tail group */
                    if (!inside)
                        flat_run(&j, copy + last, ww, out + last, 1, 0, 0);
                    else if (tail_in)
                        flat_run(&j, a->input + (x + last), f.row, out + last, 1, 0, 0);
                    else
                        flat_run(&j, rcopy + (last - r0), rw, out + last, 1, 0, 0);
                    continue;
                }
                if (!inside) {
                    flat_run(&j, copy, ww, out, groups, 0, q);
                    continue;
                }
                flat_run(&j, lcopy, lw, out, g0, 0, q);
                if (g1 > g0)
                    flat_run(&j, a->input + (x + 4 * g0), f.row, out + 4 * g0, g1 - g0, g0 % nq, q);
                if (right)
                    flat_run(&j, rcopy + (4 * g1 - r0), rw, out + 4 * g1, groups - g1, g1 % nq, q);
            }
        }
    }
    return 1;
}

int nnom_dw_flat_s8(const nnom_conv_args_t *a)
{
    int32_t rows[3];
    const int done = flat_layer(a, rows);
    return done == 2 ? nnom_dw_by_rows(a, rows[0], rows[1], rows[2], nnom_dw_flat_s8) : done;
}

#else
typedef int nnom_local_dw_flat_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
