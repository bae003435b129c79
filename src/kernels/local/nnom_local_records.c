/*
 * nnom_local_records.c - the words each record tag's kernels read for a
 * layer, checked against the records' length at build (the layer's
 * setup): a first word flipped to another tag on a layer whose records
 * are shorter is refused, not read past the array (the kernels trust the
 * tag once their checks against the layer hold; no run reads the length).
 *
 * One function a tag (or family of tags of one layout), the words from
 * a->records on, as the converter writes them (the nnom/ops records modules);
 * dw_tag_words() and pw_tag_words() pick them by the first word. A new
 * tag: its words function here and one case line in the picker.
 */
#include "nnom_local_dw3line.h"
#include "nnom_local_dw3s2v.h"
#include "nnom_local_dw_tiny.h"
#include "nnom_local_dwcol.h"
#include "nnom_local_dwline.h"
#include "nnom_local_dwone.h"
#include "nnom_local_dwone4.h"
#include "nnom_local_dwpair.h"
#include "nnom_local_dwrect.h"
#include "nnom_local_simd.h"
#include "../nnom_backend.h"
#include "nnom_geometry.h"

/* Every build but -Os checks (the host and the C-only cores too, which
 * read no records: a tampered model is refused on every target alike;
 * -Os builds read none and keep the flash). */
#if !defined(__OPTIMIZE_SIZE__)

/* The tags (the kernels' headers define them in their builds alone;
 * checked equal there, below) */
enum {
    REC_DW3S2 = 1,   /* nnom_local_dw3s2.h; on two taps the pair records */
    REC_DW3S2L = 3,  /* nnom_local_dw3s2l.h */
    REC_TINY = 5,    /* NNOM_DWTINY5_TAG; the pair records' 5 */
    REC_RECT = 7,    /* NNOM_DWRECT_TAG */
    REC_COL_AL = 9,  /* NNOM_DWCOL_AL_TAG; on two taps NNOM_DWPAIR_PLAN */
    REC_COL_SC = 11, /* NNOM_DWCOL_SC_TAG */
    REC_DW3Q = 13,   /* NNOM_DW3Q_TAG to NNOM_DW3I_TAG (23) */
    REC_DW3S = 25,   /* NNOM_DW3S_TAG */
    REC_PLANE = 27,  /* NNOM_DWRECT_PLANE_TAG */
    REC_TINY29 = 29, /* NNOM_DWTINY_TAG */
    REC_ONE31 = 31,  /* NNOM_DWONE31_TAG */
    REC_TINY33 = 33, /* NNOM_DW3C1_TAG */
    REC_LINE = 35,   /* NNOM_DWLINE_TAG */
    REC_S2V = 37,    /* NNOM_DW3S2V_TAG */
    REC_ONE_IN = 43, /* NNOM_DWONE_IN_TAG */
    REC_PAIR = 4,    /* NNOM_DWPAIR_REC: a channel's words of the pair records */
    REC_PAIR_HEAD = 13 /* NNOM_DWPAIR_PLAN_HEAD */
};
#if NNOM_LOCAL_MAC_ASM
typedef char nnom_records_tags_same[NNOM_DWRECT_TAG == REC_RECT && NNOM_DWCOL_AL_TAG == REC_COL_AL &&
                                            NNOM_DWPAIR_PLAN == REC_COL_AL &&
                                            NNOM_DWCOL_SC_TAG == REC_COL_SC &&
                                            NNOM_DW3Q_TAG == REC_DW3Q && NNOM_DW3I_TAG == 23 &&
                                            NNOM_DW3S_TAG == REC_DW3S &&
                                            NNOM_DWRECT_PLANE_TAG == REC_PLANE &&
                                            NNOM_DWTINY5_TAG == REC_TINY &&
                                            NNOM_DWTINY_TAG == REC_TINY29 &&
                                            NNOM_DWONE31_TAG == REC_ONE31 &&
                                            NNOM_DW3C1_TAG == REC_TINY33 &&
                                            NNOM_DWLINE_TAG == REC_LINE &&
                                            NNOM_DW3S2V_TAG == REC_S2V &&
                                            NNOM_DWONE_IN_TAG == REC_ONE_IN &&
                                            NNOM_DWPAIR_REC == REC_PAIR &&
                                            NNOM_DWPAIR_PLAN_HEAD == REC_PAIR_HEAD
                                        ? 1
                                        : -1];
#endif

#define PW1PX_TAG 0x31575031  /* pw1px_records.TAG */
#define PW1PXN_TAG 0x4E575031 /* pw1px_records.TAG_N */
#define PWFO_TAG 0x4F465750   /* pw1px_records.TAG_F */
#define COL_TAG 0x4C4F4350    /* pwcol_records.TAG (NNOM_COL_TAG) */

/* The words are counted in uint32: nnom_records_fit() bounds the factors
 * first (taps within NNOM_MAX_WINDOW, channels int32 >= 0; setup checked
 * both, refused here again), every sum of constants and one times() stays
 * below 2^32, and a count past INT32_MAX is OVER, past any records_len:
 * the verdicts of exact arithmetic, without 64-bit code (-1.x KB). */
#define OVER 0x80000000u

/* n * w (w >= 1), or OVER where it passes INT32_MAX */
static uint32_t times(uint32_t n, uint32_t w)
{
    return n > INT32_MAX / w ? OVER : n * w;
}

/* The layers' channels (mult 1: in.c = out.c; else the larger) and their
 * groups of four (the last overlapping). */
static uint32_t channels(const nnom_conv_args_t *a)
{
    return (uint32_t)(a->in.c > a->out.c ? a->in.c : a->out.c);
}
static uint32_t groups(const nnom_conv_args_t *a)
{
    return (channels(a) + 3) / 4;
}
static uint32_t taps_of(const nnom_conv_args_t *a)
{
    return (uint32_t)a->k.h * (uint32_t)a->k.w;
}

/* The one-row loop's words a group of four: 4 bias, 4 a pair of taps, 2
 * the odd tap, 12 rq words (nnom_dwcol_words: 16 + 2 a tap) */
static uint32_t row_words(uint32_t taps)
{
    return 16 + 2 * taps;
}

/* Tags 1 and 3: dw3s2's five words a channel (three taps); tag 1 on two
 * taps the pair loop's four (nnom_local_dwpair.h), elsewhere the one-row
 * loop's groups. */
static uint32_t dw3s2_words(const nnom_conv_args_t *a)
{
    const uint32_t taps = taps_of(a);
    if (taps == 2)
        return 1 + times(channels(a), REC_PAIR);
    if (taps == 3 || a->records[0] == REC_DW3S2L)
        return 1 + times(channels(a), 5);
    return 1 + times(groups(a), row_words(taps));
}

/* Tag 5: the tiny loops' twelve words a channel (five pairs, four
 * requantisation words, the three pairs past ten taps), on two taps of
 * four channels or more the pair records' four (the tiny loops take two
 * taps on one to three: tiny_of()); tag 29: the same after its twelve
 * words of head (nnom_dw_tiny_tag_asks). */
static uint32_t tiny_words(const nnom_conv_args_t *a)
{
    if (a->records[0] == REC_TINY && taps_of(a) == 2 && channels(a) >= 4)
        return 1 + times(channels(a), REC_PAIR);
    return (a->records[0] == REC_TINY29 ? 13 : 1) + times(channels(a), 12);
}

/* Tag 33: flags and the eight words of job, six a channel, zeros to tag
 * 5's length (nnom_dw_tiny3r_asks). */
static uint32_t tiny3r_words(const nnom_conv_args_t *a)
{
    const uint32_t own = 10 + times(channels(a), 6), five = 1 + times(channels(a), 12);
    return own > five ? own : five;
}

/* Tags 7 and 27: dwrect's header (5; 27's 19) and per group of four the
 * form, four bias words, four (27: six, the offsets) a pair of taps and
 * twelve rq words (rect_records_ok, nnom_dwrect_plane_asks). */
static uint32_t rect_words(const nnom_conv_args_t *a)
{
    const uint32_t pairs = (taps_of(a) + 1) / 2;
    if (a->records[0] == REC_PLANE)
        return 19 + times(groups(a), 17 + 6 * pairs);
    return 5 + times(groups(a), 17 + 4 * pairs);
}

/* Tags 11 and 35: the scaled one-row records, per group 12 + 2 words a
 * tap, after the tag (35: and its eleven words of head,
 * nnom_dw_line_tag_asks). */
static uint32_t scaled_words(const nnom_conv_args_t *a)
{
    const uint32_t g = times(groups(a), 12 + 2 * taps_of(a));
    return (a->records[0] == REC_LINE ? 12 : 1) + g;
}

/* Tag 9: on two taps the pair plan, its channels' words and head, then
 * the sets to the head's length word (nnom_dwpair_plan_holds reads it);
 * else tag 35's layout: the scaled records after twelve words of
 * geometry head (nnom_dwcol_alone_holds). */
static uint32_t plan_words(const nnom_conv_args_t *a)
{
    const uint32_t taps = taps_of(a);
    if (taps != 2)
        return 12 + times(groups(a), 12 + 2 * taps);
    const uint32_t head = 1 + times(channels(a), REC_PAIR) + REC_PAIR_HEAD;
    if ((uint32_t)a->records_len < head)
        return head;
    const int32_t len = a->records[head - 1]; /* h[12]: the plan's own length */
    return len > 0 && (uint32_t)len > head ? (uint32_t)len : head;
}

/* Even first words: the plain records, whose layout is the path's (the
 * one-row loop's groups, nnom_dwcol_words; the window loop's, the odd tap
 * paired; on a three-tap line nnom_dw3_s8's seven words a channel): the
 * least of them on the layer's taps (a whole-window layer's: the input's
 * pixels, then at most the window's). */
static uint32_t plain_words(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    uint32_t taps = taps_of(a);
    if (a->out.h == 1 && a->out.w == 1 && p->pad_top >= 0 && p->pad_left >= 0 &&
        a->in.h <= a->k.h - p->pad_top && a->in.w <= a->k.w - p->pad_left)
        taps = (uint32_t)a->in.h * (uint32_t)a->in.w; /* dwone: the window over the input */
    const uint32_t g = times(groups(a), row_words(taps)), seven = times(channels(a), 7);
    return taps == 3 && seven < g ? seven : g;
}

/* Tags 13 to 23: eight words a channel (17, 19: nine; 21, 23: the two
 * halves' eight each); tag 25: seven (nnom_dw3_s2q_asks, nnom_dw3s_asks). */
static uint32_t dw3q_words(const nnom_conv_args_t *a)
{
    static const uint8_t per[] = {8, 8, 9, 9, 16, 16, 7}; /* by (tag - 13) / 2 */
    return 1 + times(channels(a), per[(a->records[0] - REC_DW3Q) >> 1]);
}

/* Tag 37: six words a channel (two, four, six outputs), eight (three),
 * both (five, seven; nnom_dw3s2v_asks): the outputs' count by its
 * factors (their product may pass 32 bits). */
static uint32_t dw3s2v_words(const nnom_conv_args_t *a)
{
    const int32_t h = a->out.h, w = a->out.w;
    const int three = (h == 1 && w == 3) || (h == 3 && w == 1);
    return 1 + times(channels(a), three ? 8 : (h & w & 1) ? 14 : 6);
}

/* Tag 31: dwone4's five words a channel (nnom_dwone4_holds). */
static uint32_t one31_words(const nnom_conv_args_t *a)
{
    return 1 + times(channels(a), 5);
}

/* Tag 43: the tag, the taps, the one-row loop's groups on the line's
 * taps (nnom_local_dwonein_dsp.c; at most the input's pixels, int32, not
 * bound by the window's: 16 + 2 taps a group as 8 + taps a half group). */
static uint32_t one_in_words(const nnom_conv_args_t *a)
{
    return 2 + times(2 * groups(a), 8 + (uint32_t)nnom_dwone_in_taps(a));
}

/* The words the depthwise kernels read on tag records[0]. */
static uint32_t dw_tag_words(const nnom_conv_args_t *a)
{
    switch (a->records[0]) { /* a new tag: one line here */
    case REC_DW3S2:
    case REC_DW3S2L:
        return dw3s2_words(a);
    case REC_TINY:
    case REC_TINY29:
        return tiny_words(a);
    case REC_TINY33:
        return tiny3r_words(a);
    case REC_RECT:
    case REC_PLANE:
        return rect_words(a);
    case REC_COL_AL:
        return plan_words(a);
    case REC_COL_SC:
    case REC_LINE:
        return scaled_words(a);
    case REC_DW3Q: /* 13 to 25 */
    case REC_DW3Q + 2:
    case REC_DW3Q + 4:
    case REC_DW3Q + 6:
    case REC_DW3Q + 8:
    case REC_DW3Q + 10:
    case REC_DW3S:
        return dw3q_words(a);
    case REC_S2V:
        return dw3s2v_words(a);
    case REC_ONE31:
        return one31_words(a);
    case REC_ONE_IN:
        return one_in_words(a);
    default: /* even: the plain records; other odd words no kernel takes */
        return (a->records[0] & 1) == 0 ? plain_words(a) : 1;
    }
}

/* The 1x1 records (past their four-word header, the tag at records[-4]):
 * pw1px a channel four words a chunk of eight inputs and four; pw1pxn and
 * pwfo two a word of inputs and four; the column kernel's groups (its
 * last block's channels, or groups of four) 4 + k4 / 2 words a channel. */
static uint32_t pw_tag_words(const nnom_conv_args_t *a)
{
    const uint32_t cin = (uint32_t)a->in.c, cout = (uint32_t)a->out.c;
    switch ((uint32_t)a->records[-4]) {
    case PW1PX_TAG:
        return times(cout, 4 * ((cin + 7) / 8) + 4);
    case PW1PXN_TAG:
    case PWFO_TAG:
        return times(cout, 2 * ((cin + 3) / 4) + 4);
    case COL_TAG: {
        const uint32_t n = cout > 4 && (cout & 3) ? cout : (cout + 3) / 4 * 4;
        return times(n, 4 + (cin + 3) / 4 * 2);
    }
    default:
        return 0;
    }
}

int nnom_records_fit(const nnom_conv_args_t *a)
{
    if (a->records == NULL)
        return 1;
    const uint32_t kh = (uint32_t)a->k.h, kw = (uint32_t)a->k.w;
    /* the factors' bounds (setup's checks; beyond them refused) */
    if (a->records_len < 1 || a->in.c < 0 || a->out.c < 0 || kh > NNOM_MAX_WINDOW ||
        (kh != 0 && kw > NNOM_MAX_WINDOW / kh))
        return 0;
    return (a->ch_mult == 0 ? pw_tag_words(a) : dw_tag_words(a)) <= (uint32_t)a->records_len;
}

#else
int nnom_records_fit(const nnom_conv_args_t *a)
{
    (void)a; /* no kernel of these builds reads the records */
    return 1;
}
#endif
