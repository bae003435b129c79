"""A TFLite tensor's quantisation as NNoM's, for the handlers of .tflite
builtins (tflite_ops.py and the ops' own `tflite_builtins`): one ctx.fail
line when the file's parameters do not fit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..fixedpoint import quantize_multiplier
from ..graph import QParams

if TYPE_CHECKING:
    from .tflite_reader import TflTensor


def qparams(ctx, t: TflTensor) -> QParams:
    if not t.quantized:
        raise ctx.fail(f"tensor '{t.name}' has no quantisation parameters")
    if t.scale.size != 1:
        raise ctx.fail(f"tensor '{t.name}' is quantised per channel, activations must not be")
    return QParams(scale=float(np.float32(t.scale[0])), zero_point=int(t.zero_point[0]))


def multiplier(ctx, real: float) -> tuple[int, int]:
    try:
        return quantize_multiplier(real)
    except ValueError as err:
        raise ctx.fail(str(err)) from None


def same_q(ctx, x) -> None:
    """TFLM's pooling, reshape and pad keep the input's quantisation."""
    if ctx.int8 and qparams(ctx, ctx.out) != x.out_q:
        raise ctx.fail("output quantisation differs from the input's; TFLM requires them equal")
