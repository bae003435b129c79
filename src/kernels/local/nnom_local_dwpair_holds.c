/*
 * nnom_local_dwpair_holds.c - a two-tap plan's words against the layer
 * before the plan's first run (-O2 on DSP cores; see nnom_local_dwpair.h).
 *
 * Why: nnom_dwpair_plan_s8 follows the sets as they are (a set's k picks
 * a loop by TBH, its offsets become pointers, its loops run until out
 * meets end). A header that disagrees with its layer must be refused
 * (the layer then runs on the try's paths, exact), never read or write
 * outside the input, the output or the records, never hang. Asked once,
 * at the first run: the kept step (nnom_dwpair_kept) then trusts it.
 */
#include "nnom_local_dwpair.h"

#if NNOM_LOCAL_MAC_ASM

/* [at, at + n) inside [0, size): the offsets as the assembly adds them
 * (mod 2^32, so a wrapped sum is out of range too). */
static int dwpair_inside(uint32_t at, uint32_t n, uint32_t size)
{
    return at <= size && n <= size - at;
}

/* What each k's loop reaches (nnom_local_dwpairset_dsp.c), c the bytes
 * a place spans across the groups (4 g, + 4 - back for the overlapping
 * group: back 0 or 4 - ic % 4, + 1 for the walks' lane); every loop
 * steps out by 4 a group
 * until it meets end, so end - out is 4 g, g >= 1 (k 16: 2+, its first
 * pass takes two; k 17: 4+, its first pass four):
 *   k 1, 16, 17  out; taps x, x2 = x + xs    (k 17: 12 record bytes a
 *                                             channel, the overlapping
 *                                             group's after the last)
 *   k 5, 11      out; x (the second tap: d[0]'s zero point / weight 0)
 *   k 2-4        out, out + od[i]; x, x2, x + 4 + d[i], x2 + 4 + d[i]
 *                (i < k - 1; x2 = x + xs, or x on the border words)
 *   k 6-8        as 2-4 (k - 4 places), x2 + 4 + d[i] only (sliding)
 *   k 9, 10      out, out + s (s = od[0], the taps' step xs); x + j s,
 *                j <= 2 (10: 3)
 *   k 12-15      k 9, 10's pair walked: pair p at out + 2 s p, x + p t
 *                (t = 4 g + d[0] > 0) until x after a pair's groups is
 *                x2 (so x2 - x - 4 g a multiple of t: else it never
 *                ends), end - d[1] its first output (d[1] = 4 g); back
 *                not read; k 14, 15 one channel more (the lane)
 * others (0, past 17) refused: the TBH would jump outside its table.
 * The records: 16 bytes a channel from rec (word-aligned: LDM). */
static int dwpair_set_holds(const int32_t *s, uint32_t in, uint32_t on, uint32_t rn,
                            int32_t xs, int32_t over)
{
    const int32_t k = s[0], back = s[12];
    const uint32_t out = (uint32_t)s[1], x = (uint32_t)s[6], x2 = (uint32_t)s[7];
    const uint32_t rec = (uint32_t)s[11], g4 = (uint32_t)s[5] - out;
    const int walk = k >= 12 && k <= 15;
    if ((uint32_t)k - 1u > 16u || g4 < (k == 17 ? 16u : k == 16 ? 8u : 4u) || (g4 & 3u) ||
        g4 > on || (rec & 3u) || x2 > in || (!walk && back != 0 && back != over))
        return 0;
    const uint32_t c = g4 + (walk ? (k >= 14) : back ? 4u - (uint32_t)back : 0u);
    if (!dwpair_inside(rec, k == 17 ? 12u * (g4 + (back ? 4u : 0u)) : 16u * c, rn) ||
        !dwpair_inside(out, c, on) || !dwpair_inside(x, c, in))
        return 0;
    /* the second tap xs after the first (the converter's x2; a change
     * there would stay in bounds, to another output); k 2-4 also x itself
     * (the border sets on their words, whose second tap weighs 0) */
    if (((k <= 8 && k != 5) || k >= 16) &&
        (!dwpair_inside(x2, c, in) || (x2 - x != (uint32_t)xs && (k > 4 || x2 != x))))
        return 0;
    if (k >= 2 && k <= 8 && k != 5) { /* the other places */
        const int32_t places = k < 5 ? k : k - 4, slide = k > 5;
        for (int32_t i = 0; i < places - 1; i++) {
            const uint32_t d = (uint32_t)s[8 + i] + 4u;
            if (!dwpair_inside(out + (uint32_t)s[2 + i], c, on) ||
                !dwpair_inside(x2 + d, c, in) || (!slide && !dwpair_inside(x + d, c, in)))
                return 0;
        }
        return 1;
    }
    if (k < 9 || k == 11 || k == 16 || k == 17)
        return 1;
    /* k 9, 10 and the walks: the taps' and the outputs' step s */
    const uint32_t st = (uint32_t)s[2], j = k == 10 || k == 13 || k == 15 ? 3u : 2u; /* four taps */
    if (st != (uint32_t)xs || st - 1u >= on || st > in) /* (the taps' step, as the converter's) */
        return 0;
    uint32_t pairs = 0; /* the walk's pairs less one */
    if (walk) {
        const uint32_t t = g4 + (uint32_t)s[8], left = x2 - x - g4;
        if ((uint32_t)s[9] != g4 || t - 1u >= in || left > in || left % t)
            return 0;
        pairs = left / t;
    }
    /* the last pair's second output and taps (64 bits: no wrap) */
    const uint64_t o_end = (uint64_t)out + 2u * (uint64_t)st * pairs + st + c;
    const uint64_t x_end = (uint64_t)x + (walk ? (uint64_t)(g4 + (uint32_t)s[8]) * pairs : 0u) +
                           (uint64_t)j * st + c;
    return o_end <= on && x_end <= in;
}

int nnom_dwpair_plan_holds(const nnom_conv_args_t *a, const int32_t *h)
{
    const nnom_conv_params_t *p = &a->p;
    const int32_t ic = a->in.c, down = a->k.h == 2;
    const int32_t in = down ? a->in.h : a->in.w, s = down ? p->stride_h : p->stride_w;
    const int32_t out = down ? a->out.h : a->out.w;
    const int32_t xb = down ? a->in.w * ic : ic, ob = down ? a->out.w * ic : ic;
    const int32_t isz = a->in.h * a->in.w * ic, osz = a->out.h * a->out.w * a->out.c;
    /* the converter's plans only where the try would run (its checks) */
    if (a->out.c != ic || ic < 4 || (down ? p->dilation_h : p->dilation_w) != 1 ||
        p->pad_top != 0 || p->pad_left != 0 || in < 2 || s < 1 || (out - 1) * s >= in)
        return 0;
    const int32_t last = (in - 2) / s + 1 < out ? (in - 2) / s + 1 : out;
    /* the head: the geometry the C rest (the lane, the border outputs) reads */
    if (h[1] != (down ? a->out.w : a->out.h) ||
        h[2] != (down ? p->stride_w * ic : p->stride_h * a->in.w * ic) ||
        h[3] != (down ? ic : a->out.w * ic) || h[4] != last || h[5] != s * xb || h[6] != ob ||
        h[7] != xb || h[10] != isz || h[11] != osz)
        return 0;
    const int32_t e = h[8];
    if (e >= 0 ? last == out || e != (in - 1) * xb || h[9] != (out - 1) * ob
               : e < NNOM_DWPAIR_THREE_ALONE || (e == -2 && (ic & 3) != 1))
        return 0;
    /* the sets inside the records: the head's length (the array's words,
     * written by the converter; at most the channels' words, the head, the
     * most sets and their appended words a layer can have) */
    const int32_t n = h[0], at = 1 + NNOM_DWPAIR_REC * ic + NNOM_DWPAIR_PLAN_HEAD;
    if (n < 1 || n > NNOM_DWPAIR_PLAN_SETS ||
        h[12] < at + NNOM_DWPAIR_PLAN_SET * n ||
        h[12] > at + NNOM_DWPAIR_PLAN_SET * NNOM_DWPAIR_PLAN_SETS + 7 * ic + 12)
        return 0;
    const int32_t *set = h + NNOM_DWPAIR_PLAN_HEAD;
    if (e == NNOM_DWPAIR_THREE_ALONE && (n != 1 || set[0] != 17))
        return 0;
    const uint32_t rn = 4u * (uint32_t)(h[12] - 1); /* record bytes after the first word */
    /* the overlapping group's step back: none, or to channel ic - 4 */
    const int32_t over = (ic & 3) ? 4 - (ic & 3) : 0;
    for (int32_t i = 0; i < n; i++, set += NNOM_DWPAIR_PLAN_SET)
        if (!dwpair_set_holds(set, (uint32_t)isz, (uint32_t)osz, rn, xb, over) ||
            (set[0] == 5 && (uint32_t)set[8] != ((uint32_t)p->input_zp & 0xFFu) * 0x01010101u))
            return 0;
    return 1;
}

#else
typedef int nnom_local_dwpair_holds_unused_t; /* ISO C: a translation unit is never empty */
#endif
