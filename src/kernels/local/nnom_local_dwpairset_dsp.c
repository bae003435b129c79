/*
 * nnom_local_dwpairset_dsp.c - depthwise outputs of one row of two taps,
 * one to four given places at a time across every group of four channels
 * (-O2 on DSP cores; see nnom_local_dwpair.h).
 *
 * Why: nnom_dwpair_s8 runs along a line per group and pays a run's set-up
 * and its last one to three outputs one by one for every line and group;
 * on short lines that is most of its time. Here a set of places (any
 * outputs of the layer, e.g. across lines) goes through every group in
 * one loop: per group the places' tap words packed by PKH, per channel its
 * four record words loaded once (LDM) and per place SXTB16, SMLAD, SMMLA,
 * SSAT, STRB into the stack's output words, stored once per group; the
 * records are read forwards only. Channels not a multiple of four end
 * with the overlapping group (channels c - 4 on) stepped back by `back`.
 */
#include "nnom_local_dwpair.h"

#if NNOM_LOCAL_MAC_ASM
#include <stddef.h>

/* The assembly copies the set to its stack at [16] and reads it by LDM. */
typedef char nnom_dwpair_set_layout_t[sizeof(nnom_dwpair_set_t) == 48 &&
                                              offsetof(nnom_dwpair_set_t, x) == 20 &&
                                              offsetof(nnom_dwpair_set_t, rec) == 40
                                          ? 1
                                          : -1];

#define DPS_SHIFT "asr #" NNOM_STR(NNOM_DWPAIR_N)

/* The widened pair in r12 requantised (r8-r11 the channel's records) and
 * stored as byte C of the stack's output word O. */
#define DPS_RQ(SRC, ROT, O, C)                                                                   \
    "sxtb16 r12, " SRC ROT "\n"                                                                  \
    "smlad  r12, r12, r8, r9\n"                                                                  \
    "smmla  r12, r12, r10, r11\n"                                                                \
    "ssat   r12, #8, r12, " DPS_SHIFT "\n"                                                       \
    "strb   r12, [sp, #" O " + " C "]\n"

/* Place i's two tap words (x r8 and x + xs r9, place i at the offset R
 * from x + 4: place 0's loads move them on to the next group) packed:
 * channels 0, 1 of both taps in L, 2, 3 in H. */
#define DPS_PLACE0(L, H)                                                                         \
    "ldr    lr, [r8], #4\n"                                                                      \
    "ldr    " H ", [r9], #4\n"                                                                   \
    "pkhbt  " L ", lr, " H ", lsl #16\n"                                                         \
    "pkhtb  " H ", " H ", lr, asr #16\n"
#define DPS_PLACE(L, H, R)                                                                       \
    "ldr    lr, [r8, " R "]\n"                                                                   \
    "ldr    " H ", [r9, " R "]\n"                                                                \
    "pkhbt  " L ", lr, " H ", lsl #16\n"                                                         \
    "pkhtb  " H ", " H ", lr, asr #16\n"

/* Stride 1 along one line (place k's taps are words k and k + 1, xs
 * apart: the offsets are the words 2.. from x + xs + 4): each word read
 * once, k + 1 loads instead of 2 k. Word 0 in lr, 1 in r5, then the
 * words k + 1 (R) packed with word k (P) into L, H. */
#define DPS_SLIDE0                                                                               \
    "ldr    lr, [r8], #4\n"                                                                      \
    "ldr    r5, [r9], #4\n"                                                                      \
    "pkhbt  r0, lr, r5, lsl #16\n"                                                               \
    "pkhtb  r4, r5, lr, asr #16\n"
#define DPS_SLIDE(W, P, L, H, R)                                                                 \
    "ldr    " W ", [r9, " R "]\n"                                                                \
    "pkhbt  " L ", " P ", " W ", lsl #16\n"                                                      \
    "pkhtb  " H ", " W ", " P ", asr #16\n"

/* The group's inputs read: x, x + xs and the places' offsets from [36] by
 * LDM (REGS), the places packed (PACK), x moved to the next group, lr at
 * the group's records. */
#define DPS_LOAD(REGS, PACK)                                                                     \
    "add    lr, sp, #36\n"                                                                       \
    "ldm    lr, {" REGS "}\n" PACK "strd   r8, r9, [sp, #36]\n"                                  \
    "ldr    lr, [sp, #56]\n"

/* Channel C (ROT picks its bytes in L (0, 1) or H (2, 3)) of places 0 to
 * k - 1 (PLACES: one DPS_RQ each), its records by one LDM. */
#define DPS_CHANNEL(PLACES) "ldm    lr!, {r8-r11}\n" PLACES

/* The group's output words stored (r8 out, r9-r11 the places' offsets,
 * r12 the end of the set's outputs; STORES the places 1 to k - 1), out
 * moved on; to L while groups are left; then the overlapping group
 * (back channels before the end) once, if any. */
#define DPS_STORE(STORES, L)                                                                     \
    "str    lr, [sp, #56]\n"                                                                     \
    "ldm    sp, {r0-r3, r8-r12}\n" STORES "str    r0, [r8], #4\n"                                 \
    "str    r8, [sp, #16]\n"                                                                     \
    "cmp    r8, r12\n"                                                                           \
    "bne    " L "\n"                                                                             \
    "ldr    r0, [sp, #60]\n"                                                                     \
    "cmp    r0, #0\n"                                                                            \
    "beq    .Ldps_done\n"                                                                        \
    "movs   r1, #0\n"                                                                            \
    "str    r1, [sp, #60]\n"                                                                     \
    "subs   r8, r8, r0\n"                                                                        \
    "adds   r12, r8, #4\n"                                                                       \
    "str    r8, [sp, #16]\n"                                                                     \
    "str    r12, [sp, #32]\n"                                                                    \
    "ldrd   r8, r9, [sp, #36]\n"                                                                 \
    "subs   r8, r8, r0\n"                                                                        \
    "subs   r9, r9, r0\n"                                                                        \
    "strd   r8, r9, [sp, #36]\n"                                                                 \
    "ldr    r1, [sp, #56]\n"                                                                     \
    "sub    r1, r1, r0, lsl #4\n"                                                                \
    "str    r1, [sp, #56]\n"                                                                     \
    "b      " L "\n"

/* The one-place and two-place loops' end of a group (x r0, out r2, its
 * end r3, lr the records): to L while groups are left; then the
 * overlapping group (back channels before the end) once, if any; BACK2
 * moves a second input pointer back too. */
#define DPS_NEXT(L, BACK2)                                                                       \
    "cmp    r2, r3\n"                                                                            \
    "bne    " L "\n" DPS_BACK(L, BACK2)
#define DPS_BACK(L, BACK2)                                                                       \
    "ldr    r6, [sp, #60]\n"                                                                     \
    "cmp    r6, #0\n"                                                                            \
    "beq    .Ldps_done\n"                                                                        \
    "movs   r7, #0\n"                                                                            \
    "str    r7, [sp, #60]\n"                                                                     \
    "subs   r0, r0, r6\n" BACK2 "subs   r2, r2, r6\n"                                            \
    "adds   r3, r2, #4\n"                                                                        \
    "sub    lr, lr, r6, lsl #4\n"                                                                \
    "b      " L "\n"

/* One place's channel C (its bytes in SRC by ROT), its records by one
 * LDM, stored to out (r2) directly, out moved on by the store. */
#define DPS_ONE(SRC, ROT)                                                                        \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r12, " SRC ROT "\n"                                                                  \
    "smlad  r12, r12, r8, r9\n"                                                                  \
    "smmla  r12, r12, r10, r11\n"                                                                \
    "ssat   r12, #8, r12, " DPS_SHIFT "\n"                                                       \
    "strb   r12, [r2], #1\n"

/* k 11's channel: its pair (SRC) weighed by MAC (SMLAD: the low lane,
 * SMLADX: the high) on its records W, B, M, A into B, stored to out. */
#define DPS_BORDER(MAC, SRC, W, B, M, A)                                                         \
    MAC "  " B ", " SRC ", " W ", " B "\n"                                                       \
    "smmla  " B ", " B ", " M ", " A "\n"                                                        \
    "ssat   " B ", #8, " B ", " DPS_SHIFT "\n"                                                   \
    "strb   " B ", [r2], #1\n"

/* One place through every group (L its loop): x r0, out r2, its end r3,
 * lr the records; the second tap's word loaded by LOADH into H (x + xs:
 * r1 moved on, BACK2 stepping it back for the overlapping group), or for
 * the border output of a 'same' layer (k 5: the zero point's word, from
 * d[0], in r1). */
#define DPS_ONEPLACE(L, X2, LOADH, H, BACK2)                                                     \
    "ldr    r2, [sp, #16]\n"                                                                     \
    "ldr    r3, [sp, #32]\n" X2 "ldr    lr, [sp, #56]\n" DPS_ONEGROUP(L, LOADH, H)                \
        DPS_NEXT(L, BACK2)
#define DPS_ONEGROUP(L, LOADH, H)                                                                \
    L ":\n"                                                                                      \
    "ldr    r6, [r0], #4\n" LOADH "pkhbt  r4, r6, " H ", lsl #16\n"                              \
    "pkhtb  r5, " H ", r6, asr #16\n" DPS_ONE("r4", "") DPS_ONE("r4", ", ror #8")                \
        DPS_ONE("r5", "") DPS_ONE("r5", ", ror #8")

/* One place's channel of a pair of groups (k 16): its bytes in SRC by ROT
 * widened into W, its records by one LDM, stored to out (r2). */
#define DPS_ONEW(W, SRC, ROT)                                                                    \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 " W ", " SRC ROT "\n"                                                                \
    "smlad  " W ", " W ", r8, r9\n"                                                              \
    "smmla  " W ", " W ", r10, r11\n"                                                            \
    "ssat   " W ", #8, " W ", " DPS_SHIFT "\n"                                                   \
    "strb   " W ", [r2], #1\n"

/* k 16 (k 1 where there are 4+ groups; DPS_LOADS the start: out r2, its
 * end r3, x r0, x + xs r1, the records lr): one place's groups two a pass
 * (P: 4 LDR, 4 PKH, 8 channels; one loop test for two groups), r3 4 bytes
 * short of the end; then where one is left (r2 == r3) the one-group loop
 * L, else the overlapping group (B). */
#define DPS_ONEPAIRS(L, P, B)                                                                    \
    "subs   r3, r3, #4\n" P ":\n"                                                               \
    "ldr    r4, [r0, #4]\n"                                                                      \
    "ldr    r7, [r1, #4]\n"                                                                      \
    "ldr    r5, [r0], #8\n"                                                                      \
    "ldr    r6, [r1], #8\n"                                                                      \
    "pkhbt  r12, r5, r6, lsl #16\n"                                                              \
    "pkhtb  r6, r6, r5, asr #16\n"                                                               \
    "pkhbt  r5, r4, r7, lsl #16\n"                                                               \
    "pkhtb  r7, r7, r4, asr #16\n" DPS_ONEW("r4", "r12", "") DPS_ONEW("r12", "r12", ", ror #8")  \
        DPS_ONEW("r4", "r6", "") DPS_ONEW("r6", "r6", ", ror #8") DPS_ONEW("r4", "r5", "")        \
            DPS_ONEW("r5", "r5", ", ror #8") DPS_ONEW("r4", "r7", "")                             \
                DPS_ONEW("r7", "r7", ", ror #8")                                                  \
    "cmp    r2, r3\n"                                                                            \
    "blo    " P "\n"                                                                             \
    "bhi    " B "\n"                                                                             \
    "adds   r3, r3, #4\n"                                                                        \
    "b      " L "\n"
/* k 17 (plans only: nnom/ops/dwpair_plan.py's THREE_K): k 16 on three
 * record words a channel (weights, mult, bias: SMLAD accumulates the
 * mult word, SMMLA adds the bias word; dwpair_records.py's three_words),
 * so that two channels' records come by one LDM (27 a group, not 29). */
#define DPS_THREE(T, SRC, ROT, W, M, B)                                                          \
    "sxtb16 " T ", " SRC ROT "\n"                                                                \
    "smlad  " T ", " T ", " W ", " M "\n"                                                        \
    "smmla  " T ", " T ", " M ", " B "\n"                                                        \
    "ssat   " T ", #8, " T ", " DPS_SHIFT "\n"                                                   \
    "strb   " T ", [r2], #1\n"
#define DPS_THREE_GROUP                                                                          \
    "ldr    r12, [r0], #4\n"                                                                     \
    "ldr    r5, [r1], #4\n"                                                                      \
    "pkhbt  r4, r12, r5, lsl #16\n"                                                              \
    "pkhtb  r5, r5, r12, asr #16\n"                                                              \
    "ldm    lr!, {r6-r11}\n" DPS_THREE("r12", "r4", "", "r6", "r7", "r8")                       \
        DPS_THREE("r4", "r4", ", ror #8", "r9", "r10", "r11")                                    \
    "ldm    lr!, {r6-r11}\n" DPS_THREE("r12", "r5", "", "r6", "r7", "r8")                       \
        DPS_THREE("r5", "r5", ", ror #8", "r9", "r10", "r11")
#define DPS_LOADS                                                                                \
    "ldr    r2, [sp, #16]\n"                                                                     \
    "ldr    r3, [sp, #32]\n"                                                                     \
    "ldrd   r0, r1, [sp, #36]\n"                                                                 \
    "ldr    lr, [sp, #56]\n"

/* A channel of two places (k 9, 10: plans only) whose outputs are the
 * taps' step (r1) apart, each channel's records loaded once for both and
 * no set words per group: its bytes (ROT) of place 0 in A, place 1 in B. */
#define DPS_TWO(A, B, ROT)                                                                       \
    "ldm    lr!, {r8-r11}\n"                                                                     \
    "sxtb16 r12, " B ROT "\n"                                                                    \
    "smlad  r12, r12, r8, r9\n"                                                                  \
    "smmla  r12, r12, r10, r11\n"                                                                \
    "ssat   r12, #8, r12, " DPS_SHIFT "\n"                                                       \
    "strb   r12, [r2, r1]\n"                                                                     \
    "sxtb16 r12, " A ROT "\n"                                                                    \
    "smlad  r12, r12, r8, r9\n"                                                                  \
    "smmla  r12, r12, r10, r11\n"                                                                \
    "ssat   r12, #8, r12, " DPS_SHIFT "\n"                                                       \
    "strb   r12, [r2], #1\n"

/* The places' loops' start: out r2, the step r1, out's end r3, x r0, the
 * records lr. */
#define DPS_PLACES_START                                                                         \
    "ldr    r2, [sp, #16]\n"                                                                     \
    "ldr    r1, [sp, #20]\n"                                                                     \
    "ldr    r3, [sp, #32]\n"                                                                     \
    "ldr    r0, [sp, #36]\n"                                                                     \
    "ldr    lr, [sp, #56]\n"
/* One group of two places (label L): LOADS the words, place 0's in r10
 * and P0, place 1's in P1 and Q1, packed into pairs and multiplied. */
#define DPS_PAIR_GROUP(L, LOADS, P0, P1, Q1)                                                     \
    L ":\n" LOADS "pkhbt  r4, r10, " P0 ", lsl #16\n"                                            \
    "pkhtb  r5, " P0 ", r10, asr #16\n"                                                          \
    "pkhbt  r6, " P1 ", " Q1 ", lsl #16\n"                                                       \
    "pkhtb  r7, " Q1 ", " P1 ", asr #16\n" DPS_TWO("r4", "r6", "") DPS_TWO("r4", "r6", ", ror #8") \
        DPS_TWO("r5", "r7", "") DPS_TWO("r5", "r7", ", ror #8")

/* Two places through every group (L its loop; k 9, 10): x r0, out r2, its
 * end r3, the taps' step r1 (= the outputs'), lr the records; LOADS the
 * group's words: place 0's in r10 and P0, place 1's in P1 and Q1. */
#define DPS_TWOPLACES(L, LOADS, P0, P1, Q1)                                                      \
    DPS_PLACES_START                                                                             \
    DPS_PAIR_GROUP(L, LOADS, P0, P1, Q1)                                                         \
    DPS_NEXT(L, "")

/* k 12, 13 (plans only): the two places of k 9, 10 walked along the line
 * pair after pair in one set (no set per pair: 8 instructions a pair
 * instead of ~23 a set), back 0. After a pair's groups: the walk ends
 * where x is x2's word (the last pair's end); else (S) x moves on by d[0]
 * (the pairs' step less 4 groups), out and its end by 2 xs (r1: the
 * outputs are the taps' step apart), the records back by d[1] = 4 groups
 * (16 words a channel group). */
#define DPS_WALK(L, S, LOADS, P0, P1, Q1, LANE)                                                  \
    DPS_PLACES_START                                                                             \
    "b      " L "\n" S ":\n"                                                                      \
    "ldrd   r5, r6, [sp, #44]\n"                                                                 \
    "add    r0, r0, r5\n"                                                                        \
    "add    r3, r3, r1, lsl #1\n"                                                                \
    "sub    r2, r3, r6\n"                                                                        \
    "sub    lr, lr, r6, lsl #4\n" DPS_PAIR_GROUP(L, LOADS, P0, P1, Q1)                           \
    "cmp    r2, r3\n"                                                                            \
    "bne    " L "\n" LANE                                                                         \
    "ldr    r4, [sp, #40]\n"                                                                     \
    "cmp    r0, r4\n"                                                                            \
    "bne    " S "\n"                                                                             \
    "b      .Ldps_done\n"

/* k 14, 15: the walk's pair of the one channel past the groups (ic = 4 g
 * + 1, the lane: x r0, out r2 and the records lr are its own after the
 * groups), from its taps' bytes packed by PKH: place 0's taps x, x + xs,
 * place 1's x + xs, x + 2 xs (stride 1) or x + 2 xs, x + 3 xs. */
#define DPS_LANE_RQ(T, ADDR)                                                                     \
    "smlad  " T ", " T ", r8, r9\n"                                                               \
    "smmla  " T ", " T ", r10, r11\n"                                                             \
    "ssat   " T ", #8, " T ", " DPS_SHIFT "\n"                                                    \
    "strb   " T ", " ADDR "\n"
#define DPS_LANE1                                                                                \
    "ldm    lr, {r8-r11}\n"                                                                      \
    "ldrsb  r4, [r0]\n"                                                                          \
    "ldrsb  r5, [r0, r1]\n"                                                                      \
    "ldrsb  r6, [r0, r1, lsl #1]\n"                                                              \
    "pkhbt  r4, r4, r5, lsl #16\n"                                                               \
    "pkhbt  r5, r5, r6, lsl #16\n" DPS_LANE_RQ("r4", "[r2]") DPS_LANE_RQ("r5", "[r2, r1]")
#define DPS_LANE2                                                                                \
    "ldm    lr, {r8-r11}\n"                                                                      \
    "ldrsb  r4, [r0]\n"                                                                          \
    "ldrsb  r5, [r0, r1]\n"                                                                      \
    "ldrsb  r6, [r0, r1, lsl #1]\n"                                                              \
    "add    r12, r0, r1, lsl #1\n"                                                               \
    "ldrsb  r7, [r12, r1]\n"                                                                     \
    "pkhbt  r4, r4, r5, lsl #16\n"                                                               \
    "pkhbt  r5, r6, r7, lsl #16\n" DPS_LANE_RQ("r4", "[r2]") DPS_LANE_RQ("r5", "[r2, r1]")

/* k places: L words r0.., H words r4.. */
#define DPS_CH2(A, B, ROT, C) DPS_CHANNEL(DPS_RQ(A, ROT, "0", C) DPS_RQ(B, ROT, "4", C))
#define DPS_CH3(A, B, D, ROT, C)                                                                 \
    DPS_CHANNEL(DPS_RQ(A, ROT, "0", C) DPS_RQ(B, ROT, "4", C) DPS_RQ(D, ROT, "8", C))
#define DPS_CH4(A, B, D, E, ROT, C)                                                              \
    DPS_CHANNEL(DPS_RQ(A, ROT, "0", C) DPS_RQ(B, ROT, "4", C) DPS_RQ(D, ROT, "8", C)            \
                    DPS_RQ(E, ROT, "12", C))

/* nnom_dwpair_set_s8(set r0, k r1). Stack: [0] the group's output words,
 * [16] the set (nnom_dwpair_set_t: out, its offsets, end, x, x + xs,
 * the offsets, records, back); then r4-r11, lr. */
__asm__(".section .text.nnom_dwpair_set_s8,\"ax\",%progbits\n"
        ".global nnom_dwpair_plan_s8\n"
        ".type nnom_dwpair_plan_s8, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        /* nnom_dwpair_plan_s8(head r0, output r1, input r2, records r3):
         * per set (r4, from the head's end; r5 sets left) a frame as
         * nnom_dwpair_set_s8's, its fields with the bases added (r6 output,
         * r7 input, r8 records), and a jump by k to its loop; the loop's
         * return (pop {r4-r11, pc}) comes back here with r4-r8 as they
         * were. Returns 1 (the try's answer: a tail call). */
        "nnom_dwpair_plan_s8:\n"
        "push   {r4-r8, lr}\n"
        "ldr    r5, [r0]\n"
        "add    r4, r0, #" NNOM_STR(4 * NNOM_DWPAIR_PLAN_HEAD) "\n"
        "mov    r6, r1\n"
        "mov    r7, r2\n"
        "mov    r8, r3\n"
        ".Ldpp_loop:\n"
        "bl     .Ldpp_set\n"
        "adds   r4, r4, #" NNOM_STR(4 * NNOM_DWPAIR_PLAN_SET) "\n"
        "subs   r5, r5, #1\n"
        "bne    .Ldpp_loop\n"
        "movs   r0, #1\n"
        "pop    {r4-r8, pc}\n"
        ".Ldpp_set:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #64\n"
        "ldm    r4!, {r0-r3, r9-r12}\n" /* k, out, od[3], end, x, x2 */
        "add    r1, r1, r6\n"
        "add    r10, r10, r6\n"
        "add    r11, r11, r7\n"
        "add    r12, r12, r7\n"
        "add    lr, sp, #16\n"
        "stm    lr!, {r1-r3, r9-r12}\n"
        "ldm    r4, {r1-r3, r9, r10}\n" /* d[3], rec, back */
        "add    r9, r9, r8\n"
        "stm    lr, {r1-r3, r9, r10}\n"
        "tbh    [pc, r0, lsl #1]\n"
        ".Ldpp_k:\n"
        ".hword (.Ldps_done - .Ldpp_k) / 2, (.Ldps_k1 - .Ldpp_k) / 2\n"
        ".hword (.Ldps_2 - .Ldpp_k) / 2, (.Ldps_3 - .Ldpp_k) / 2\n"
        ".hword (.Ldps_4 - .Ldpp_k) / 2, (.Ldps_e - .Ldpp_k) / 2\n"
        ".hword (.Ldps_s2 - .Ldpp_k) / 2, (.Ldps_s3 - .Ldpp_k) / 2\n"
        ".hword (.Ldps_s4 - .Ldpp_k) / 2, (.Ldps_t - .Ldpp_k) / 2\n"
        ".hword (.Ldps_u - .Ldpp_k) / 2, (.Ldps_b - .Ldpp_k) / 2\n"
        ".hword (.Ldps_w - .Ldpp_k) / 2, (.Ldps_v - .Ldpp_k) / 2\n"
        ".hword (.Ldps_wl - .Ldpp_k) / 2, (.Ldps_vl - .Ldpp_k) / 2\n"
        ".hword (.Ldps_k1p - .Ldpp_k) / 2, (.Ldps_k3 - .Ldpp_k) / 2\n"
        ".size nnom_dwpair_plan_s8, .-nnom_dwpair_plan_s8\n"
        ".p2align 2\n"
        ".global nnom_dwpair_three_s8\n"
        ".type nnom_dwpair_three_s8, %function\n"
        ".thumb_func\n"
        /* nnom_dwpair_three_s8(set r0, output r1, input r2, records r3):
         * returns 1 (the try's answer: a tail call);
         * a plan's one k 17 set straight into its loop (the frame of
         * nnom_dwpair_set_s8, back at [60]; out r2, end r3, x r0, x2 r1,
         * records lr) without the plan's or the set's frames */
        "nnom_dwpair_three_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #64\n"
        "ldm    r0, {r4-r12, lr}\n" /* k, out, od[3], end, x, x2, d[0], d[1] */
        "ldrd   r7, r8, [r0, #44]\n"    /* rec, back */
        "str    r8, [sp, #60]\n"
        "add    lr, r3, r7\n"
        "add    r3, r1, r9\n"
        "add    r0, r2, r10\n"
        "add    r11, r2, r11\n"
        "add    r2, r1, r5\n"
        "mov    r1, r11\n"
        "b      .Ldps_3e\n"
        ".size nnom_dwpair_three_s8, .-nnom_dwpair_three_s8\n"
        ".p2align 2\n"
        ".global nnom_dwpair_set_s8\n"
        ".type nnom_dwpair_set_s8, %function\n"
        ".syntax unified\n"
        ".thumb\n"
        ".thumb_func\n"
        ".p2align 2\n"
        "nnom_dwpair_set_s8:\n"
        "push   {r4-r11, lr}\n"
        "sub    sp, sp, #64\n"
        "mov    lr, r1\n"
        "ldm    r0, {r1-r12}\n"
        "add    r0, sp, #16\n"
        "stm    r0, {r1-r12}\n"
        "tbh    [pc, lr, lsl #1]\n"
        ".Ldps_k:\n"
        ".hword (.Ldps_done - .Ldps_k) / 2, (.Ldps_k1 - .Ldps_k) / 2\n"
        ".hword (.Ldps_2 - .Ldps_k) / 2, (.Ldps_3 - .Ldps_k) / 2\n"
        ".hword (.Ldps_4 - .Ldps_k) / 2, (.Ldps_e - .Ldps_k) / 2\n"
        ".hword (.Ldps_s2 - .Ldps_k) / 2, (.Ldps_s3 - .Ldps_k) / 2\n"
        ".hword (.Ldps_s4 - .Ldps_k) / 2, (.Ldps_t - .Ldps_k) / 2\n"
        ".hword (.Ldps_u - .Ldps_k) / 2, (.Ldps_b - .Ldps_k) / 2\n"
        ".hword (.Ldps_w - .Ldps_k) / 2, (.Ldps_v - .Ldps_k) / 2\n"
        ".hword (.Ldps_wl - .Ldps_k) / 2, (.Ldps_vl - .Ldps_k) / 2\n"
        ".hword (.Ldps_k1p - .Ldps_k) / 2, (.Ldps_k3 - .Ldps_k) / 2\n"
        ".Ldps_k1p:\n"
        DPS_LOADS DPS_ONEPAIRS(".Ldps_1", ".Ldps_1p", ".Ldps_1b")
        /* k 17: four groups a pass (r3 12 short; 4+ groups), then one at a
         * time, then the overlapping group once (its records follow the
         * last group's: no step back); returns 1 (nnom_dwpair_three_s8) */
        ".Ldps_k3:\n"
        DPS_LOADS
        ".Ldps_3e:\n"
        "subs   r3, r3, #12\n"
        ".Ldps_3p:\n"
        DPS_THREE_GROUP DPS_THREE_GROUP DPS_THREE_GROUP DPS_THREE_GROUP
        "cmp    r2, r3\n"
        "blo    .Ldps_3p\n"
        "adds   r3, r3, #12\n"
        "cmp    r2, r3\n"
        "beq    .Ldps_3b\n"
        ".Ldps_3o:\n"
        DPS_THREE_GROUP
        "cmp    r2, r3\n"
        "bne    .Ldps_3o\n"
        ".Ldps_3b:\n"
        "ldr    r6, [sp, #60]\n"
        "cbz    r6, .Ldps_3d\n"
        "subs   r0, r0, r6\n"
        "subs   r1, r1, r6\n"
        "subs   r2, r2, r6\n"
        DPS_THREE_GROUP
        ".Ldps_3d:\n"
        "movs   r0, #1\n"
        "add    sp, sp, #64\n"
        "pop    {r4-r11, pc}\n"
        ".Ldps_k1:\n"
        DPS_LOADS DPS_ONEGROUP(".Ldps_1", "ldr    r5, [r1], #4\n", "r5")
        "cmp    r2, r3\n"
        "bne    .Ldps_1\n"
        ".Ldps_1b:\n"
        DPS_BACK(".Ldps_1", "subs   r1, r1, r6\n")
        ".Ldps_2:\n"
        DPS_LOAD("r8-r10", DPS_PLACE0("r0", "r4") DPS_PLACE("r1", "r5", "r10"))
        DPS_CH2("r0", "r1", "", "0")
        DPS_CH2("r0", "r1", ", ror #8", "1")
        DPS_CH2("r4", "r5", "", "2")
        DPS_CH2("r4", "r5", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n", ".Ldps_2")
        ".Ldps_3:\n"
        DPS_LOAD("r8-r11", DPS_PLACE0("r0", "r4") DPS_PLACE("r1", "r5", "r10")
                               DPS_PLACE("r2", "r6", "r11"))
        DPS_CH3("r0", "r1", "r2", "", "0")
        DPS_CH3("r0", "r1", "r2", ", ror #8", "1")
        DPS_CH3("r4", "r5", "r6", "", "2")
        DPS_CH3("r4", "r5", "r6", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n"
                  "str    r2, [r8, r10]\n",
                  ".Ldps_3")
        ".Ldps_4:\n"
        DPS_LOAD("r8-r12", DPS_PLACE0("r0", "r4") DPS_PLACE("r1", "r5", "r10")
                               DPS_PLACE("r2", "r6", "r11") DPS_PLACE("r3", "r7", "r12"))
        DPS_CH4("r0", "r1", "r2", "r3", "", "0")
        DPS_CH4("r0", "r1", "r2", "r3", ", ror #8", "1")
        DPS_CH4("r4", "r5", "r6", "r7", "", "2")
        DPS_CH4("r4", "r5", "r6", "r7", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n"
                  "str    r2, [r8, r10]\n"
                  "str    r3, [r8, r11]\n",
                  ".Ldps_4")
        ".Ldps_s2:\n"
        DPS_LOAD("r8-r10", DPS_SLIDE0 DPS_SLIDE("lr", "r5", "r1", "r5", "r10"))
        DPS_CH2("r0", "r1", "", "0")
        DPS_CH2("r0", "r1", ", ror #8", "1")
        DPS_CH2("r4", "r5", "", "2")
        DPS_CH2("r4", "r5", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n", ".Ldps_s2")
        ".Ldps_s3:\n"
        DPS_LOAD("r8-r11", DPS_SLIDE0 DPS_SLIDE("r6", "r5", "r1", "r5", "r10")
                               DPS_SLIDE("lr", "r6", "r2", "r6", "r11"))
        DPS_CH3("r0", "r1", "r2", "", "0")
        DPS_CH3("r0", "r1", "r2", ", ror #8", "1")
        DPS_CH3("r4", "r5", "r6", "", "2")
        DPS_CH3("r4", "r5", "r6", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n"
                  "str    r2, [r8, r10]\n",
                  ".Ldps_s3")
        ".Ldps_s4:\n"
        DPS_LOAD("r8-r12", DPS_SLIDE0 DPS_SLIDE("r6", "r5", "r1", "r5", "r10")
                               DPS_SLIDE("r7", "r6", "r2", "r6", "r11")
                                   DPS_SLIDE("lr", "r7", "r3", "r7", "r12"))
        DPS_CH4("r0", "r1", "r2", "r3", "", "0")
        DPS_CH4("r0", "r1", "r2", "r3", ", ror #8", "1")
        DPS_CH4("r4", "r5", "r6", "r7", "", "2")
        DPS_CH4("r4", "r5", "r6", "r7", ", ror #8", "3")
        DPS_STORE("str    r1, [r8, r9]\n"
                  "str    r2, [r8, r10]\n"
                  "str    r3, [r8, r11]\n",
                  ".Ldps_s4")
        /* k 5 (plans only): a border output, its second tap padding */
        ".Ldps_e:\n"
        DPS_ONEPLACE(".Ldps_e1", "ldr    r0, [sp, #36]\n"
                                 "ldr    r1, [sp, #44]\n", "", "r1", "")
        /* k 9 (plans only): two sliding places, x r0, the step r1 */
        ".Ldps_t:\n"
        DPS_TWOPLACES(".Ldps_t1", "ldr    r8, [r0, r1]\n"
                                  "ldr    r9, [r0, r1, lsl #1]\n"
                                  "ldr    r10, [r0], #4\n",
                      "r8", "r8", "r9")
        /* k 10 (plans only): two places at stride 2, their taps x + i xs */
        ".Ldps_u:\n"
        DPS_TWOPLACES(".Ldps_u1", "ldr    r8, [r0, r1]\n"
                                  "ldr    r9, [r0, r1, lsl #1]\n"
                                  "add    r12, r0, r1, lsl #1\n"
                                  "ldr    r11, [r12, r1]\n"
                                  "ldr    r10, [r0], #4\n",
                      "r8", "r9", "r11")
        /* k 12, 13 (plans only): k 9's and k 10's pairs walked along a line */
        ".Ldps_w:\n"
        DPS_WALK(".Ldps_w1", ".Ldps_w2", "ldr    r8, [r0, r1]\n"
                                         "ldr    r9, [r0, r1, lsl #1]\n"
                                         "ldr    r10, [r0], #4\n",
                 "r8", "r8", "r9", "")
        ".Ldps_v:\n"
        DPS_WALK(".Ldps_v1", ".Ldps_v2", "ldr    r8, [r0, r1]\n"
                                         "ldr    r9, [r0, r1, lsl #1]\n"
                                         "add    r12, r0, r1, lsl #1\n"
                                         "ldr    r11, [r12, r1]\n"
                                         "ldr    r10, [r0], #4\n",
                 "r8", "r9", "r11", "")
        /* k 14, 15 (plans only): the walks with the lane's pair after a pair's groups */
        ".Ldps_wl:\n"
        DPS_WALK(".Ldps_wl1", ".Ldps_wl2", "ldr    r8, [r0, r1]\n"
                                           "ldr    r9, [r0, r1, lsl #1]\n"
                                           "ldr    r10, [r0], #4\n",
                 "r8", "r8", "r9", DPS_LANE1)
        ".Ldps_vl:\n"
        DPS_WALK(".Ldps_vl1", ".Ldps_vl2", "ldr    r8, [r0, r1]\n"
                                           "ldr    r9, [r0, r1, lsl #1]\n"
                                           "add    r12, r0, r1, lsl #1\n"
                                           "ldr    r11, [r12, r1]\n"
                                           "ldr    r10, [r0], #4\n",
                 "r8", "r9", "r11", DPS_LANE2)
        /* k 11 (plans only): one border output on the records whose second
         * tap weighs 0 (a weight word's high half): SXTB16 of the word gives
         * channels 0 and 2 (r5), by ror 8 channels 1 and 3 (r4), and SMLADX
         * weighs the high half for 2 and 3; two channels' records a LDM */
        ".Ldps_b:\n"
        "ldr    r2, [sp, #16]\n"
        "ldr    r3, [sp, #32]\n"
        "ldr    r0, [sp, #36]\n"
        "ldr    lr, [sp, #56]\n"
        ".Ldps_b1:\n"
        "ldr    r4, [r0], #4\n"
        "sxtb16 r5, r4\n"
        "sxtb16 r4, r4, ror #8\n"
        "ldm    lr!, {r1, r6-r12}\n"
        DPS_BORDER("smlad ", "r5", "r1", "r6", "r7", "r8")
        DPS_BORDER("smlad ", "r4", "r9", "r10", "r11", "r12")
        "ldm    lr!, {r1, r6-r12}\n"
        DPS_BORDER("smladx", "r5", "r1", "r6", "r7", "r8")
        DPS_BORDER("smladx", "r4", "r9", "r10", "r11", "r12")
        "cmp    r2, r3\n"
        "bne    .Ldps_b1\n"
        "ldr    r6, [sp, #60]\n"
        "cmp    r6, #0\n"
        "beq    .Ldps_done\n"
        "movs   r7, #0\n"
        "str    r7, [sp, #60]\n"
        "subs   r0, r0, r6\n"
        "subs   r2, r2, r6\n"
        "adds   r3, r2, #4\n"
        "sub    lr, lr, r6, lsl #4\n"
        "b      .Ldps_b1\n"
        ".Ldps_done:\n"
        "add    sp, sp, #64\n"
        "pop    {r4-r11, pc}\n"
        ".size nnom_dwpair_set_s8, .-nnom_dwpair_set_s8\n"
        ".text\n");

/* The set of k places from x0, o0 (offsets already in st) through every group. */
static void dwpair_grid_set(nnom_dwpair_set_t *st, const nnom_dwpair_grid_t *p,
                            const int8_t *x0, int8_t *o0, int32_t k)
{
    st->out = o0;
    st->end = o0 + 4 * p->groups;
    st->x = x0;
    st->x2 = x0 + p->xs;
    nnom_dwpair_set_s8(st, k);
}

void nnom_dwpair_grid(const nnom_dwpair_grid_t *p)
{
    nnom_dwpair_set_t st;
    st.rec = p->rec;
    st.back = p->back;
    if (p->lines == 1 && p->n > 1) { /* one line: every set's offsets the same, once */
        const int32_t sx = p->sx, so = p->so, slide = sx == p->xs ? 4 : 0;
        const int32_t xstep = 4 * sx, ostep = 4 * so;
        st.d[0] = sx - 4;
        st.d[1] = 2 * sx - 4;
        st.d[2] = 3 * sx - 4;
        st.od[0] = so;
        st.od[1] = 2 * so;
        st.od[2] = 3 * so;
        st.out = p->out;
        st.end = p->out + 4 * p->groups;
        st.x = p->x;
        st.x2 = p->x + p->xs;
        for (int32_t n = p->n;;) {
            nnom_dwpair_set_s8(&st, n >= 4 ? 4 + slide : n > 1 ? n + slide : 1);
            if ((n -= 4) <= 0)
                return;
            st.out += ostep;
            st.end += ostep;
            st.x += xstep;
            st.x2 += xstep;
        }
    }
    int32_t k = 0;
    const int8_t *x0 = p->x;
    int8_t *o0 = p->out;
    for (int32_t l = 0; l < p->lines; l++) {
        const int8_t *x = p->x + l * p->lx;
        int8_t *o = p->out + l * p->lo;
        for (int32_t i = 0; i < p->n; i++, x += p->sx, o += p->so) {
            if (k == 0) {
                x0 = x;
                o0 = o;
            } else {
                st.d[k - 1] = (int32_t)(x - x0) - 4; /* (from x + 4) */
                st.od[k - 1] = (int32_t)(o - o0);
            }
            if (++k == 4) {
                dwpair_grid_set(&st, p, x0, o0, 4);
                k = 0;
            }
        }
    }
    if (k > 0)
        dwpair_grid_set(&st, p, x0, o0, k);
}

#else
typedef int nnom_local_dwpairset_dsp_unused_t; /* ISO C: a translation unit is never empty */
#endif
