"""Integer arithmetic shared by every kernel: the numeric spec.

These functions define, bit for bit, what the C kernels compute. They follow
TensorFlow Lite's int8 scheme as CMSIS-NN implements it (default rounding, not
CMSIS_NN_USE_SINGLE_ROUNDING), so the local C kernels, the CMSIS-NN backend
and this reference agree on every output byte.

Array functions work on int64 numpy arrays holding int32 values.
"""

from __future__ import annotations

import math

import numpy as np

INT32_MIN = -(1 << 31)
INT32_MAX = (1 << 31) - 1

# Softmax constants from TFLite's int8 softmax (kScaledDiffIntegerBits and the
# accumulator width CMSIS-NN uses).
SOFTMAX_DIFF_INT_BITS = 5
SOFTMAX_ACCUM_BITS = 12
# Rows up to 511 keep every shift within 31 bits, as CMSIS-NN needs (n * 2**19
# < 2**28). Longer rows (local kernel only) shift by 32 or more, which gives
# 0 here and in C; past 4095 the int32 sum could overflow.
SOFTMAX_CMSIS_MAX_ROW = 511
SOFTMAX_MAX_ROW = 4095


def wrap32(x):
    """Two's-complement wrap of int64 values (arrays or ints) to int32."""
    if isinstance(x, np.ndarray):
        return ((x.astype(np.int64) + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)
    return ((int(x) + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)


def round_half_away(x: float) -> int:
    """C's round(): halves go away from zero."""
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def quantize_multiplier(real: float) -> tuple[int, int]:
    """Split a positive real multiplier into a Q31 multiplier and a shift.

    real ~= mult * 2**(shift - 31); shift > 0 is a left shift. This is
    TFLite's QuantizeMultiplier.
    """
    if real < 0:
        raise ValueError(f"negative requantisation multiplier {real}")
    if real == 0.0:
        return 0, 0
    q, shift = math.frexp(real)
    q_fixed = round_half_away(q * (1 << 31))
    if q_fixed == (1 << 31):
        q_fixed //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        raise ValueError(f"requantisation multiplier {real} is too large (over 2**30)")
    return int(q_fixed), int(shift)


def requantize(acc, mult, shift):
    """CMSIS-NN's arm_nn_requantize, vectorised.

    Left shift (int32 wrap), doubling high multiply rounding half up, then a
    rounding divide by a power of two with halves away from zero.
    """
    acc = np.asarray(acc, dtype=np.int64)
    mult = np.asarray(mult, dtype=np.int64)
    shift = np.asarray(shift, dtype=np.int64)
    right = np.maximum(-shift, 0)
    if np.any(shift > 0):
        v = wrap32(acc << np.maximum(shift, 0))
    elif acc.size and (acc.min() < INT32_MIN or acc.max() > INT32_MAX):
        v = wrap32(acc)
    else:
        v = acc  # already int32: the wrap would change nothing
    p = v * mult
    p += 1 << 30
    p >>= 31
    return divide_by_pot(p, right)


def divide_by_pot(x, exponent):
    """Rounding divide by 2**exponent, halves away from zero:
    (x + 2**(e-1) - 1) >> e for negative x, (x + 2**(e-1)) >> e otherwise."""
    x = np.asarray(x, dtype=np.int64)
    exponent = np.asarray(exponent, dtype=np.int64)
    half = (np.int64(1) << exponent) >> 1  # 0 when e = 0: no rounding
    y = x + half
    y -= (x < 0) & (exponent > 0)
    y >>= exponent
    return y


# --- scalar helpers for softmax (int32 semantics, C-like) -----------------


def _div_pot(x: int, e: int) -> int:
    mask = (1 << e) - 1
    r = x >> e
    thr = (mask >> 1) + (1 if r < 0 else 0)
    return r + (1 if (x & mask) > thr else 0)


def mul_sat(a: int, b: int) -> int:
    """arm_nn_doubling_high_mult: saturating rounding doubling high multiply."""
    if a == b == INT32_MIN:
        return INT32_MAX
    nudge = (1 << 30) if (a < 0) == (b < 0) else 1 - (1 << 30)
    total = nudge + a * b
    q = abs(total) >> 31  # C division truncates toward zero
    return wrap32(q if total >= 0 else -q)


def _div_trunc(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def mul_pow2(val: int, exp: int) -> int:
    thresh = (1 << (31 - exp)) - 1
    if val > thresh:
        return INT32_MAX
    if val < -thresh:
        return INT32_MIN
    return wrap32(val << exp)


def exp_on_negative_values(val: int) -> int:
    """exp(x) for x <= 0 in Q5.26 input, Q0.31 output (gemmlowp's algorithm)."""
    shift = 24
    val_mod_minus_quarter = (val & ((1 << shift) - 1)) - (1 << shift)
    remainder = val_mod_minus_quarter - val
    x = wrap32((val_mod_minus_quarter << 5) + (1 << 28))
    x2 = mul_sat(x, x)
    inner = _div_pot(mul_sat(x2, x2), 2) + mul_sat(x2, x)
    inner = wrap32(_div_pot(mul_sat(wrap32(inner), 715827883) + x2, 1))
    result = wrap32(1895147668 + mul_sat(1895147668, wrap32(x + inner)))
    for k, constant in enumerate(
        (1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242)
    ):
        if remainder & (1 << (shift + k)):
            result = mul_sat(result, constant)
    return INT32_MAX if val == 0 else result


def one_over_one_plus_x(val: int) -> int:
    """1/(1+x) for x in [0, 1), Newton-Raphson in Q0.31 (gemmlowp)."""
    total = val + INT32_MAX
    half_den = _div_trunc(total + (1 if total >= 0 else -1), 2)
    x = wrap32(1515870810 + mul_sat(half_den, -1010580540))
    one_quarter = 1 << 29
    for _ in range(3):
        x = wrap32(x + mul_pow2(mul_sat(x, wrap32(one_quarter - mul_sat(half_den, x))), 2))
    return mul_pow2(x, 1)


def softmax_params(input_scale: float, beta: float = 1.0) -> tuple[int, int, int]:
    """TFLite's PreprocessSoftmaxScaling: (multiplier, left_shift, diff_min)."""
    real = min(
        beta * float(input_scale) * (1 << (31 - SOFTMAX_DIFF_INT_BITS)), float((1 << 31) - 1)
    )
    if real <= 1.0:
        raise ValueError("softmax input scale is too small to be represented")
    mult, shift = quantize_multiplier(real)
    radius = ((1 << SOFTMAX_DIFF_INT_BITS) - 1) * (1 << (31 - SOFTMAX_DIFF_INT_BITS)) / (1 << shift)
    return mult, shift, -int(math.floor(radius))


def softmax_exp_table(mult: int, shift: int, diff_min: int) -> np.ndarray:
    """exp term for every int8 difference 0, -1, ..., -255 (index = -diff).

    Entries whose difference is below diff_min are 0; a 0 entry gives the same
    output (-128) and the same sum as the excluded branch in CMSIS-NN.
    """
    table = np.zeros(256, dtype=np.int64)
    for k in range(256):
        diff = -k
        if diff >= diff_min:
            table[k] = exp_on_negative_values(mul_sat(wrap32(diff * (1 << shift)), mult))
    return table


def softmax_rows(x: np.ndarray, table: np.ndarray) -> np.ndarray:
    """int8 softmax over the last axis; output scale 1/256, zero point -128.

    Same steps as CMSIS-NN's arm_softmax_s8, with the exp term looked up.
    """
    rows = x.reshape(-1, x.shape[-1]).astype(np.int64)
    e = table[rows.max(axis=1, keepdims=True) - rows]  # >= 0, Q0.31
    out = np.empty_like(rows)
    sums = divide_by_pot(e, SOFTMAX_ACCUM_BITS).sum(axis=1)
    for i, total in enumerate(int(t) for t in sums):
        headroom = 32 - total.bit_length()
        shifted = wrap32((total << headroom) - (1 << 31))
        scale = one_over_one_plus_x(shifted)  # positive
        bits = SOFTMAX_ACCUM_BITS - headroom + 23
        # mul_sat of two non-negative values: round half up of the doubled product.
        prod = (scale * e[i] + (1 << 30)) >> 31
        # |prod| < 2**31, so dividing by 2**32 or more rounds to 0
        out[i] = (divide_by_pot(prod, bits) if bits <= 31 else 0) - 128
    return np.clip(out, -128, 127).reshape(x.shape)


def avg_round(total, count):
    """CMSIS-NN average: (sum +- count/2) / count with C truncation."""
    total = np.asarray(total, dtype=np.int64)
    count = np.asarray(count, dtype=np.int64)
    half = count // 2
    pos = (total + half) // count
    neg = -((half - total) // count)
    return np.where(total > 0, pos, neg)


# --- element-wise merges ----------------------------------------------------
#
# Add/Sub is TFLite's int8 Add (CMSIS-NN arm_elementwise_add_s8) generalised
# to n inputs: every input i is centred, shifted left by ADD_LEFT_SHIFT and
# rescaled by its own multiplier s_i / (2 * max_j s_j) (and subtracted for
# Sub, as TFLite Micro's reference Sub does); the int32 sum of the n terms is
# requantised by 2 * max_j s_j / (2**ADD_LEFT_SHIFT * s_out). Each term is at
# most 255 * 2**19 in magnitude, so 16 of them cannot overflow int32. For
# n = 2 this is exactly arm_elementwise_add_s8.
#
# Mult is arm_elementwise_mul_s8 for two inputs; n inputs are a chain of n - 1
# such steps whose intermediate int8 products have their own (calibrated)
# quantisation, exactly as n - 1 two-input layers but without their buffers.

ADD_LEFT_SHIFT = 20
MERGE_MAX_INPUTS = 16


def add_params(
    in_scales: list[float], out_scale: float, average: int = 1
) -> tuple[list[int], list[int], int, int]:
    """(input multipliers, input shifts, output multiplier, output shift).

    `average`: the output is the sum divided by this (Keras' Average layer).
    """
    twice_max = 2.0 * max(float(s) for s in in_scales)
    ins = [quantize_multiplier(float(s) / twice_max) for s in in_scales]
    out_mult, out_shift = quantize_multiplier(
        twice_max / ((1 << ADD_LEFT_SHIFT) * float(out_scale) * average)
    )
    return [m for m, _ in ins], [s for _, s in ins], out_mult, out_shift


def add_s8(xs, zps, mults, shifts, out_mult, out_shift, zp_out, lo, hi, subtract=False):
    """n-input Add (or Sub: every input after the first is subtracted)."""
    total = None
    for k, (x, zp, m, s) in enumerate(zip(xs, zps, mults, shifts)):
        v = (np.asarray(x, dtype=np.int64) - zp) << ADD_LEFT_SHIFT
        term = requantize(v, m, s)
        if subtract and k > 0:  # TFLite Micro's Sub: the rescaled input is subtracted
            term = -term
        total = term if total is None else total + term
    y = requantize(wrap32(total), out_mult, out_shift) + zp_out
    return np.clip(y, lo, hi)


def mul_s8(xs, zps, mults, shifts, step_zps, zp_out, lo, hi):
    """n-input Mult: n - 1 steps of arm_elementwise_mul_s8.

    step_zps: zero points of the n - 2 intermediate products.
    """
    acc = np.asarray(xs[0], dtype=np.int64)
    acc_zp = zps[0]
    n = len(xs)
    for k in range(1, n):
        prod = (acc - acc_zp) * (np.asarray(xs[k], dtype=np.int64) - zps[k])
        last = k == n - 1
        zp = zp_out if last else step_zps[k - 1]
        acc = requantize(prod, mults[k - 1], shifts[k - 1]) + zp
        acc = np.clip(acc, lo, hi) if last else np.clip(acc, -128, 127)
        acc_zp = zp
    return acc
