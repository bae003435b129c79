"""Window geometry shared by convolution and pooling (TensorFlow's rules)."""

from __future__ import annotations


def effective_kernel(k: int, dilation: int) -> int:
    return (k - 1) * dilation + 1


def window_output(
    size: int, k: int, stride: int, dilation: int, padding: str
) -> tuple[int, int, int]:
    """(output size, pad before, pad after) along one axis.

    SAME puts the odd padding pixel after (bottom/right), as TensorFlow does.
    CAUSAL pads only before (Conv1D).
    """
    ek = effective_kernel(k, dilation)
    if padding == "valid":
        out = (size - ek) // stride + 1 if size >= ek else 0
        return out, 0, 0
    if padding == "same":
        out = -(-size // stride)
        total = max((out - 1) * stride + ek - size, 0)
        return out, total // 2, total - total // 2
    if padding == "causal":
        before = ek - 1
        out = (size + before - ek) // stride + 1
        return out, before, 0
    raise ValueError(f"unknown padding '{padding}'")
