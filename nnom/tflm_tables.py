"""256-entry int8 tables of TensorFlow Lite Micro's element-wise int8
operators, computed with TFLM's integer arithmetic (its reference kernels:
gemmlowp fixed point for LOGISTIC and TANH, the int16 fixed-point HARD_SWISH,
per-branch requantisation for LEAKY_RELU and RELU, Requantize for QUANTIZE).

An imported .tflite model runs these ops as a table (the C Activation layer),
so its outputs equal TFLM's byte for byte. Our own transcription of the
published algorithms; test_tflite.py checks them against tflite-micro.
"""

from __future__ import annotations

import math

import numpy as np

from .fixedpoint import (
    INT32_MAX,
    INT32_MIN,
    divide_by_pot,
    mul_pow2,
    mul_sat,
    one_over_one_plus_x,
    quantize_multiplier,
    requantize,
    round_half_away,
    wrap32,
)

_ALL = np.arange(-128, 128, dtype=np.int64)


def _rdbp(x: int, e: int) -> int:
    return int(divide_by_pot(np.int64(x), np.int64(e)))


def _mbqm(x: int, mult: int, shift: int) -> int:
    """TFLite's MultiplyByQuantizedMultiplier (non single-rounding)."""
    left, right = max(shift, 0), max(-shift, 0)
    return _rdbp(mul_sat(wrap32(x * (1 << left)), mult), right)


def exp_on_negative_values(val: int, integer_bits: int) -> int:
    """gemmlowp's exp for a FixedPoint<int32, integer_bits> value <= 0,
    result in Q0.31."""
    frac = 31 - integer_bits
    quarter = 1 << (frac - 2)
    a_mod = (val & (quarter - 1)) - quarter
    remainder = wrap32(a_mod - val)
    # Rescale<0>: left shift by integer_bits (no saturation in [-1/4, 0))
    x = wrap32(mul_pow2(a_mod, integer_bits) + (1 << 28))
    x2 = mul_sat(x, x)
    x3 = mul_sat(x2, x)
    x4 = mul_sat(x2, x2)
    x4_over_4 = _rdbp(x4, 2)
    poly = _rdbp(wrap32(mul_sat(wrap32(x4_over_4 + x3), 715827883) + x2), 1)
    result = wrap32(1895147668 + mul_sat(1895147668, wrap32(x + poly)))
    constants = (1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242)
    for k, constant in enumerate(constants):
        exponent = k - 2
        if integer_bits > exponent and remainder & (1 << (frac + exponent)):
            result = mul_sat(result, constant)
    return INT32_MAX if val == 0 else result


def _logistic_q0(val: int) -> int:
    """gemmlowp::logistic of a FixedPoint<int32, 4>, raw Q0.31."""
    if val == 0:
        return 1 << 30
    a = val if val > 0 else wrap32(-val)
    pos = one_over_one_plus_x(exp_on_negative_values(wrap32(-a), 4))
    return pos if val > 0 else wrap32(INT32_MAX - pos)


def _one_minus_x_over_one_plus_x(a: int) -> int:
    """gemmlowp's (1 - x) / (1 + x) for x in [0, 1], Q0.31."""
    total = a + INT32_MAX  # RoundingHalfSum(a, 1): (sum + sign) / 2, C truncation
    total += 1 if total >= 0 else -1
    half_den = total // 2 if total >= 0 else -(-total // 2)
    x = wrap32(1515870810 + mul_sat(half_den, -1010580540))
    for _ in range(3):
        hdx = mul_sat(half_den, x)
        x = wrap32(x + mul_pow2(mul_sat(x, wrap32((1 << 29) - hdx)), 2))
    return mul_pow2(wrap32(x - (1 << 29)), 2)


def _tanh_q0(val: int) -> int:
    """gemmlowp::tanh of a FixedPoint<int32, 4>, raw Q0.31."""
    if val == 0:
        return 0
    n = val if val < 0 else wrap32(-val)
    # ExactMulByPot<1>: the same raw value read with 5 integer bits
    t = _one_minus_x_over_one_plus_x(exp_on_negative_values(n, 5))
    return wrap32(-t) if val < 0 else t


def _sigmoid_like_params(in_scale: float) -> tuple[int, int, int]:
    """(multiplier, left shift, input radius) of TFLM's int8 LOGISTIC/TANH."""
    real = float(in_scale) * float(1 << (31 - 4))
    q, shift = math.frexp(real)
    mult = wrap32(round_half_away(q * (1 << 31)))
    radius = math.floor(((1 << 4) - 1) * float(1 << (31 - 4)) / 2.0**shift)
    return mult, shift, radius


def _saturating_table(in_scale: float, in_zp: int, q0, frac_bits: int, out_zp: int) -> np.ndarray:
    """TFLM's int8 LOGISTIC/TANH shape: the ends saturate beyond the input
    radius, inside the Q0.31 function `q0` rounded to `frac_bits` bits."""
    mult, shift, radius = _sigmoid_like_params(in_scale)
    out = []
    for q in range(-128, 128):
        x = q - in_zp
        if x <= -radius:
            out.append(-128)
        elif x >= radius:
            out.append(127)
        else:
            v = _rdbp(q0(_mbqm(x, mult, shift)), 31 - frac_bits)
            out.append(min(max(v + out_zp, -128), 127))
    return np.array(out, dtype=np.int8)


def logistic_table(in_scale: float, in_zp: int) -> np.ndarray:
    """TFLM's int8 LOGISTIC (output scale 1/256, zero point -128)."""
    return _saturating_table(in_scale, in_zp, _logistic_q0, 8, -128)


def tanh_table(in_scale: float, in_zp: int) -> np.ndarray:
    """TFLM's int8 TANH (output scale 1/128, zero point 0)."""
    return _saturating_table(in_scale, in_zp, _tanh_q0, 7, 0)


def _sat16(x: int) -> int:
    return min(max(x, -32768), 32767)


def _srdhm16(a: int, b: int) -> int:
    """gemmlowp SaturatingRoundingDoublingHighMul on int16."""
    if a == b == -32768:
        return 32767
    ab = a * b
    nudge = (1 << 14) if ab >= 0 else 1 - (1 << 14)
    total = ab + nudge
    q = abs(total) >> 15
    return q if total >= 0 else -q


def _sdhm16(a: int, b: int) -> int:
    """TFLite's SaturatingDoublingHighMul on int16 (ab / 2**15, C truncation)."""
    if a == b == -32768:
        return 32767
    ab = a * b
    return ab >> 15 if ab >= 0 else -((-ab) >> 15)


def _rdbp16(x: int, e: int) -> int:
    if e <= 0:
        return x
    mask = (1 << e) - 1
    r = x >> e
    thr = (mask >> 1) + (1 if x < 0 else 0)
    return r + (1 if (x & mask) > thr else 0)


def _to_int16_multiplier(m32: int) -> int:
    """TFLite's DownScaleInt32ToInt16Multiplier."""
    m = (m32 + (1 << 15)) >> 16 if m32 < INT32_MAX - (1 << 15) else 32767
    return min(m, 32767)


def hard_swish_table(in_scale: float, in_zp: int, out_scale: float, out_zp: int) -> np.ndarray:
    """TFLM's int8 HARD_SWISH."""
    f32 = np.float32
    hires = f32(1.0 / 128.0) * f32(in_scale)
    out_m32, out_exp = quantize_multiplier(float(f32(hires / f32(out_scale))))
    relu_m32, relu_exp = quantize_multiplier(float(f32(hires / f32(3.0 / 32768.0))))
    out_m, relu_m = _to_int16_multiplier(out_m32), _to_int16_multiplier(relu_m32)
    table = []
    for q in range(-128, 128):
        x = _sat16(q - in_zp)
        hi = _sat16(x * 128)
        pre_out = _srdhm16(hi, out_m)
        relu = hi
        if relu_exp > 0:
            relu = _sat16(relu * (1 << (relu_exp - 1)))
        relu = _srdhm16(relu, relu_m)
        if relu_exp > 0:
            relu = _sat16(relu * 2)
        if relu_exp < 0:
            relu = _rdbp16(relu, -relu_exp)
        relu = (relu + (1 << 15)) >> 1
        y = _rdbp16(_sdhm16(relu, pre_out), -out_exp) + out_zp
        table.append(min(max(y, -128), 127))
    return np.array(table, dtype=np.int8)


def leaky_relu_table(
    in_scale: float, in_zp: int, out_scale: float, out_zp: int, alpha: float
) -> np.ndarray:
    """TFLM's int8 LEAKY_RELU."""
    f32 = np.float32
    ident = quantize_multiplier(float(f32(in_scale) / f32(out_scale)))
    real_alpha = float(f32(in_scale) * f32(alpha) / f32(out_scale))
    a_mult, a_shift = quantize_multiplier(abs(real_alpha))
    x = _ALL - in_zp
    pos = requantize(x, *ident)
    neg = requantize(x, a_mult, a_shift)
    y = out_zp + np.where(x >= 0, pos, -neg if real_alpha < 0 else neg)
    return np.clip(y, -128, 127).astype(np.int8)


def relu_table(
    in_scale: float, in_zp: int, out_scale: float, out_zp: int, lo: float, hi: float | None
) -> np.ndarray:
    """TFLM's int8 RELU (lo 0, hi None)."""
    f32 = np.float32
    mult, shift = quantize_multiplier(float(f32(in_scale) / f32(out_scale)))
    qmin = max(-128, out_zp + round_half_away(float(f32(lo) / f32(out_scale))))
    top = 127 if hi is None else out_zp + round_half_away(float(f32(hi) / f32(out_scale)))
    qmax = min(127, top)
    y = out_zp + requantize(_ALL - in_zp, mult, shift)
    return np.clip(y, qmin, qmax).astype(np.int8)


def relu6_table(in_scale: float, in_zp: int) -> np.ndarray:
    """TFLM's int8 RELU6: the input clamped to [zp, zp + round(6 / scale)] in
    the input's quantisation (TFLM ignores the output tensor's)."""
    six = in_zp + round_half_away(float(np.float32(6.0) / np.float32(in_scale)))
    return np.clip(_ALL, max(-128, in_zp), min(127, six)).astype(np.int8)


def requantize_table(in_scale: float, in_zp: int, out_scale: float, out_zp: int) -> np.ndarray:
    """TFLM's int8 -> int8 QUANTIZE (Requantize)."""
    mult, shift = quantize_multiplier(float(in_scale) / float(out_scale))
    y = out_zp + requantize(_ALL - in_zp, mult, shift)
    return np.clip(y, -128, 127).astype(np.int8)


__all__ = [
    "INT32_MIN",
    "hard_swish_table",
    "leaky_relu_table",
    "logistic_table",
    "relu6_table",
    "relu_table",
    "requantize_table",
    "tanh_table",
]
