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

/* The layers' channels (mult 1: in.c = out.c; else the larger) and their
 * groups of four (the last overlapping), as int64: no overflow on any
 * header a config can hold. */
static int64_t channels(const nnom_conv_args_t *a)
{
    return a->in.c > a->out.c ? a->in.c : a->out.c;
}
static int64_t groups(const nnom_conv_args_t *a)
{
    return (channels(a) + 3) / 4;
}

/* Tags 1 and 3: dw3s2's five words a channel (three taps); tag 1 on two
 * taps the pair loop's four (nnom_local_dwpair.h), elsewhere the one-row
 * loop's groups (4 bias, 4 a pair of taps, 2 the odd tap, 12 rq words). */
static int64_t dw3s2_words(const nnom_conv_args_t *a)
{
    const int64_t taps = (int64_t)a->k.h * a->k.w;
    if (taps == 2)
        return 1 + REC_PAIR * channels(a);
    if (taps == 3 || a->records[0] == REC_DW3S2L)
        return 1 + 5 * channels(a);
    return 1 + groups(a) * (16 + 4 * (taps / 2) + 2 * (taps & 1));
}

/* Tag 5: the tiny loops' twelve words a channel (five pairs, four
 * requantisation words, the three pairs past ten taps), on two taps of
 * four channels or more the pair records' four (the tiny loops take two
 * taps on one to three: tiny_of()); tag 29: the same after its twelve
 * words of head (nnom_dw_tiny_tag_asks). */
static int64_t tiny_words(const nnom_conv_args_t *a)
{
    if (a->records[0] == REC_TINY && (int64_t)a->k.h * a->k.w == 2 && channels(a) >= 4)
        return 1 + REC_PAIR * channels(a);
    return (a->records[0] == REC_TINY29 ? 13 : 1) + 12 * channels(a);
}

/* Tag 33: flags and the eight words of job, six a channel, zeros to tag
 * 5's length (nnom_dw_tiny3r_asks). */
static int64_t tiny3r_words(const nnom_conv_args_t *a)
{
    const int64_t own = 10 + 6 * channels(a), five = 1 + 12 * channels(a);
    return own > five ? own : five;
}

/* Tags 7 and 27: dwrect's header (5; 27's 19) and per group of four the
 * form, four bias words, four (27: six, the offsets) a pair of taps and
 * twelve rq words (rect_records_ok, nnom_dwrect_plane_asks). */
static int64_t rect_words(const nnom_conv_args_t *a)
{
    const int64_t pairs = ((int64_t)a->k.h * a->k.w + 1) / 2;
    if (a->records[0] == REC_PLANE)
        return 19 + groups(a) * (17 + 6 * pairs);
    return 5 + groups(a) * (17 + 4 * pairs);
}

/* Tags 11 and 35: the scaled one-row records, per group 12 + 2 words a
 * tap, after the tag (35: and its eleven words of head,
 * nnom_dw_line_tag_asks). */
static int64_t scaled_words(const nnom_conv_args_t *a)
{
    const int64_t g = groups(a) * (12 + 2 * (int64_t)a->k.h * a->k.w);
    return (a->records[0] == REC_LINE ? 12 : 1) + g;
}

/* Tag 9: on two taps the pair plan, its channels' words and head, then
 * the sets to the head's length word (nnom_dwpair_plan_holds reads it);
 * else tag 35's layout: the scaled records after twelve words of
 * geometry head (nnom_dwcol_alone_holds). */
static int64_t plan_words(const nnom_conv_args_t *a)
{
    const int64_t taps = (int64_t)a->k.h * a->k.w;
    if (taps != 2)
        return 12 + groups(a) * (12 + 2 * taps);
    const int64_t head = 1 + REC_PAIR * channels(a) + REC_PAIR_HEAD;
    if (a->records_len < head)
        return head;
    const int64_t len = a->records[head - 1]; /* h[12]: the plan's own length */
    return len > head ? len : head;
}

/* Even first words: the plain records, whose layout is the path's (the
 * one-row loop's groups, 4 bias, 4 a pair of taps, 2 the odd one, 12 rq
 * words, nnom_dwcol_words; the window loop's, the odd tap paired; on a
 * three-tap line nnom_dw3_s8's seven words a channel): the least of them
 * on the layer's taps (a whole-window layer's: the input's pixels). */
static int64_t plain_words(const nnom_conv_args_t *a)
{
    const nnom_conv_params_t *p = &a->p;
    int64_t taps = (int64_t)a->k.h * a->k.w;
    if (a->out.h == 1 && a->out.w == 1 && p->pad_top >= 0 && p->pad_left >= 0 &&
        p->pad_top + a->in.h <= a->k.h && p->pad_left + a->in.w <= a->k.w)
        taps = (int64_t)a->in.h * a->in.w; /* dwone: the window over the input */
    const int64_t g = groups(a) * (16 + 4 * (taps / 2) + 2 * (taps & 1));
    return taps == 3 && 7 * channels(a) < g ? 7 * channels(a) : g;
}

/* Tags 13 to 23: eight words a channel (17, 19: nine; 21, 23: the two
 * halves' eight each); tag 25: seven (nnom_dw3_s2q_asks, nnom_dw3s_asks). */
static int64_t dw3q_words(const nnom_conv_args_t *a)
{
    static const uint8_t per[] = {8, 8, 9, 9, 16, 16, 7}; /* by (tag - 13) / 2 */
    return 1 + per[(a->records[0] - REC_DW3Q) >> 1] * channels(a);
}

/* Tag 37: six words a channel (two, four, six outputs), eight (three),
 * both (five, seven; nnom_dw3s2v_asks). */
static int64_t dw3s2v_words(const nnom_conv_args_t *a)
{
    const int64_t n = (int64_t)a->out.h * a->out.w;
    return 1 + (n == 3 ? 8 : (n & 1) ? 14 : 6) * channels(a);
}

/* Tag 31: dwone4's five words a channel (nnom_dwone4_holds). */
static int64_t one31_words(const nnom_conv_args_t *a)
{
    return 1 + 5 * channels(a);
}

/* The words the depthwise kernels read on tag records[0]. */
static int64_t dw_tag_words(const nnom_conv_args_t *a)
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
        return nnom_dwone_in_records_words(a);
    default: /* even: the plain records; other odd words no kernel takes */
        return (a->records[0] & 1) == 0 ? plain_words(a) : 1;
    }
}

/* The 1x1 records (past their four-word header, the tag at records[-4]):
 * pw1px a channel four words a chunk of eight inputs and four; pw1pxn and
 * pwfo two a word of inputs (pw1pxn: two words up to 8 inputs) and four;
 * the column kernel's groups (its last block's channels, or groups of
 * four) 4 + k4 / 2 words a channel. */
static int64_t pw_tag_words(const nnom_conv_args_t *a)
{
    const int64_t cin = a->in.c, cout = a->out.c;
    switch ((uint32_t)a->records[-4]) {
    case PW1PX_TAG:
        return cout * (4 * ((cin + 7) / 8) + 4);
    case PW1PXN_TAG: /* 4 inputs too read two words (at 0 and cin - 4) */
        return cout * (2 * (cin <= 8 ? 2 : (cin + 3) / 4) + 4);
    case PWFO_TAG:
        return cout * (2 * ((cin + 3) / 4) + 4);
    case COL_TAG: {
        const int64_t n = cout > 4 && (cout & 3) ? cout : (cout + 3) / 4 * 4;
        return n * (4 + (cin + 3) / 4 * 2);
    }
    default:
        return 0;
    }
}

int nnom_records_fit(const nnom_conv_args_t *a)
{
    if (a->records == NULL)
        return 1;
    if (a->records_len < 1)
        return 0;
    return (a->ch_mult == 0 ? pw_tag_words(a) : dw_tag_words(a)) <= a->records_len;
}

#else
int nnom_records_fit(const nnom_conv_args_t *a)
{
    (void)a; /* no kernel of these builds reads the records */
    return 1;
}
#endif
