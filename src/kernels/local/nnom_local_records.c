/*
 * nnom_local_records.c - the words each record tag's kernels read for a
 * layer, checked against the records' length at build (the layer's
 * setup): a first word flipped to another tag on a layer whose records
 * are shorter is refused, not read past the array (the kernels trust the
 * tag once their checks against the layer hold; no run reads the length).
 *
 * One case a tag (or family of tags of one layout) in dw_fits() or
 * pw_fits() (by the first word): the head, the units and their words from
 * a->records on, as the converter writes them (the nnom/ops records
 * modules). A new tag: its case there (its value in the enum).
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

/* Every layout is a head, then n units of w words (the channels, or their
 * groups of four): they fit a length len when head <= len and n <= (len -
 * head) / w, in uint32 without a product, so no count overflows and the
 * verdicts are exact arithmetic's (64-bit counts: 1.7 KB of code at -O2
 * on the M4; these 0.9). nnom_records_fit() bounds the factors first:
 * taps within NNOM_MAX_WINDOW, channels int32 >= 0 (setup checked both;
 * refused here again), so every w is 1 to 2^32 - 1. */
static int fits(uint32_t len, uint32_t head, uint32_t n, uint32_t w)
{
    return head <= len && n <= (len - head) / w;
}

/* The layers' channels (mult 1: in.c = out.c; else the larger). */
static uint32_t channels(const nnom_conv_args_t *a)
{
    return (uint32_t)(a->in.c > a->out.c ? a->in.c : a->out.c);
}

/* The one-row loop's words a group of four: 4 bias, 4 a pair of taps, 2
 * the odd tap, 12 rq words (nnom_dwcol_words: 16 + 2 a tap) */
#define ROW_WORDS(taps) (16 + 2 * (taps))

/* Whether the depthwise records fit the words their first word's kernels
 * read (len >= 1). Per tag, the head, the units (c: channels, g: groups)
 * and their words:
 * - 1 and 3: dw3s2's five words a channel (three taps); tag 1 on two taps
 *   the pair loop's four (nnom_local_dwpair.h), elsewhere the one-row
 *   loop's groups;
 * - 5: the tiny loops' twelve words a channel (five pairs, four rq words,
 *   the three pairs past ten taps), on two taps of four channels or more
 *   the pair records' four (the tiny loops take two taps on one to three:
 *   tiny_of()); 29: the same after twelve words of head
 *   (nnom_dw_tiny_tag_asks);
 * - 33: flags and the eight words of job, six a channel, zeros to tag 5's
 *   length (nnom_dw_tiny3r_asks): its own on one channel, else tag 5's;
 * - 7 and 27: dwrect's header (5; 27's 19) and per group the form, four
 *   bias words, four (27: six, the offsets) a pair of taps and twelve rq
 *   words (rect_records_ok, nnom_dwrect_plane_asks);
 * - 11 and 35: the scaled one-row records, per group 12 + 2 words a tap,
 *   after the tag (35: and its eleven words of head, nnom_dw_line_tag_asks);
 * - 9: on two taps the pair plan, its channels' words and head, then the
 *   sets to the head's length word (nnom_dwpair_plan_holds reads it); else
 *   tag 35's layout after twelve words of geometry head
 *   (nnom_dwcol_alone_holds);
 * - 13 to 23: eight words a channel (17, 19: nine; 21, 23: the two halves'
 *   eight each); 25: seven (nnom_dw3_s2q_asks, nnom_dw3s_asks);
 * - 37: six words a channel (two, four, six outputs), eight (three), both
 *   (five, seven; nnom_dw3s2v_asks), the outputs' count by its factors;
 * - 31: dwone4's five words a channel (nnom_dwone4_holds);
 * - 43: the tag, the taps, the one-row loop's groups on the line's taps
 *   (nnom_local_dwonein_dsp.c; at most the input's pixels, int32, not bound
 *   by the window: 16 + 2 taps a group as 8 + taps a half group);
 * - even: the plain records, whose layout is the path's (the one-row
 *   loop's groups; the window loop's, the odd tap paired; on a three-tap
 *   line nnom_dw3_s8's seven words a channel): the least of them on the
 *   layer's taps (a whole-window layer's: the input's pixels, at most the
 *   window's);
 * - other odd words: no kernel takes them. */
static int dw_fits(const nnom_conv_args_t *a, uint32_t len)
{
    static const uint8_t per[] = {8, 8, 9, 9, 16, 16, 7}; /* 13 to 25, by (tag - 13) / 2 */
    const int32_t tag = a->records[0];
    const uint32_t c = channels(a), g = (c + 3) / 4;
    uint32_t taps = (uint32_t)a->k.h * (uint32_t)a->k.w;
    const nnom_conv_params_t *p = &a->p;
    switch (tag) { /* a new tag: its case here */
    case REC_DW3S2:
    case REC_DW3S2L:
        if (taps == 2)
            return fits(len, 1, c, REC_PAIR);
        if (taps == 3 || tag == REC_DW3S2L)
            return fits(len, 1, c, 5);
        return fits(len, 1, g, ROW_WORDS(taps));
    case REC_TINY:
    case REC_TINY29:
        if (tag == REC_TINY && taps == 2 && c >= 4)
            return fits(len, 1, c, REC_PAIR);
        return fits(len, tag == REC_TINY29 ? 13 : 1, c, 12);
    case REC_TINY33:
        return c < 2 ? len >= 10 + 6 * c : fits(len, 1, c, 12);
    case REC_RECT:
    case REC_PLANE:
        return tag == REC_PLANE ? fits(len, 19, g, 17 + 6 * ((taps + 1) / 2))
                                : fits(len, 5, g, 17 + 4 * ((taps + 1) / 2));
    case REC_COL_AL:
        if (taps != 2)
            return fits(len, 12, g, 12 + 2 * taps);
        /* the head fits: its length word h[12] at 13 + 4c */
        return fits(len, 1 + REC_PAIR_HEAD, c, REC_PAIR) &&
               a->records[REC_PAIR_HEAD + REC_PAIR * c] <= (int32_t)len;
    case REC_COL_SC:
    case REC_LINE:
        return fits(len, tag == REC_LINE ? 12 : 1, g, 12 + 2 * taps);
    case REC_DW3Q:
    case REC_DW3Q + 2:
    case REC_DW3Q + 4:
    case REC_DW3Q + 6:
    case REC_DW3Q + 8:
    case REC_DW3Q + 10:
    case REC_DW3S:
        return fits(len, 1, c, per[(tag - REC_DW3Q) >> 1]);
    case REC_S2V: {
        const int32_t h = a->out.h, w = a->out.w;
        const int three = (h == 1 && w == 3) || (h == 3 && w == 1);
        return fits(len, 1, c, three ? 8 : (h & w & 1) ? 14 : 6);
    }
    case REC_ONE31:
        return fits(len, 1, c, 5);
    case REC_ONE_IN:
        return fits(len, 2, 2 * g, 8 + (uint32_t)nnom_dwone_in_taps(a));
    default:
        if (tag & 1)
            return 1;
        if (a->out.h == 1 && a->out.w == 1 && p->pad_top >= 0 && p->pad_left >= 0 &&
            a->in.h <= a->k.h - p->pad_top && a->in.w <= a->k.w - p->pad_left)
            taps = (uint32_t)a->in.h * (uint32_t)a->in.w; /* dwone: the window over the input */
        return (taps == 3 && fits(len, 0, c, 7)) || fits(len, 0, g, ROW_WORDS(taps));
    }
}

/* The 1x1 records (past their four-word header, the tag at records[-4]):
 * pw1px a channel four words a chunk of eight inputs and four; pw1pxn and
 * pwfo two a word of inputs (pw1pxn: two words up to 8 inputs) and four;
 * the column kernel's groups (its last block's channels, or groups of
 * four) 4 + k4 / 2 words a channel. */
static int pw_fits(const nnom_conv_args_t *a, uint32_t len)
{
    const uint32_t cin = (uint32_t)a->in.c, cout = (uint32_t)a->out.c;
    switch ((uint32_t)a->records[-4]) {
    case PW1PX_TAG:
        return fits(len, 0, cout, 4 * ((cin + 7) / 8) + 4);
    case PW1PXN_TAG: /* 4 inputs too read two words (at 0 and cin - 4) */
        return fits(len, 0, cout, 2 * (cin <= 8 ? 2 : (cin + 3) / 4) + 4);
    case PWFO_TAG:
        return fits(len, 0, cout, 2 * ((cin + 3) / 4) + 4);
    case COL_TAG:
        return fits(len, 0, cout > 4 && (cout & 3) ? cout : (cout + 3) / 4 * 4,
                    4 + (cin + 3) / 4 * 2);
    default:
        return 1;
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
    return a->ch_mult == 0 ? pw_fits(a, (uint32_t)a->records_len)
                           : dw_fits(a, (uint32_t)a->records_len);
}

#else
int nnom_records_fit(const nnom_conv_args_t *a)
{
    (void)a; /* no kernel of these builds reads the records */
    return 1;
}
#endif
