"""CMSIS-NN's *_get_buffer_size() functions (v7.0.0+, built with GCC), in
Python: the scratch the CMSIS-NN backend's kernels ask for. arch: "dsp"
(cores with the DSP extension) or "mve" (Helium); see nnom/backends.py.
test_cmsis_sizes.py compares them with CMSIS-NN's own C functions."""

from __future__ import annotations


def _c_div(a: int, b: int) -> int:
    """C's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


def conv_s8_mve(cin: int, kh: int, kw: int) -> int:
    """arm_convolve_s8_get_buffer_size_mve."""
    return 4 * ((cin * kw * kh + 15) // 16) * 16


def conv_wrapper(arch, cin, kh, kw, stride, dil, pads, in_hw, out_hw) -> int:
    """arm_convolve_wrapper_s8_get_buffer_size (pads: top, bottom, left, right)."""
    pad_h, pad_w = pads[0], pads[2]
    if pad_h == 0 and pad_w == 0 and kh == 1 and kw == 1 and dil == (1, 1):
        return 0  # 1x1: no buffer with GCC (the DSP 1x1 fast buffer is armclang-only)
    if in_hw[0] == 1 and dil[1] == 1 and kh == 1 and (stride[1] * cin) % 4 == 0:
        if arch == "dsp":
            return 4 * (-(-(kw * cin) // 4) * 4)
        in_x, out_x, sx = in_hw[1], out_hw[1], stride[1]
        total_pad = (out_x - 1) * sx + kw - in_x
        asym = _c_mod(total_pad, 2)
        right = max(1, _c_div(pad_w + asym + sx - 1, sx)) if pad_w + asym != 0 else 0
        left = max(1, _c_div(pad_w + sx - 1, sx)) if pad_w != 0 else 0
        no_pad = max(out_x - (right + left), 0)
        if right + no_pad + left != out_x:
            return conv_s8_mve(cin, kh, kw)
        pad_left = pad_w * cin
        pad_right = right * cin if asym else pad_left
        elem_left = kw * cin
        return max(elem_left + pad_left, elem_left - cin + pad_right)
    if arch == "dsp":
        return 4 * (-(-(kh * kw * cin) // 4) * 4)
    return conv_s8_mve(cin, kh, kw)


def depthwise_wrapper(arch, cin, cout, kh, kw, stride, dil, pads, in_hw, out_hw) -> int:
    """arm_depthwise_conv_wrapper_s8_get_buffer_size."""
    if arch == "mve" and cin == 1 and cout > 1:
        conv = conv_wrapper("mve", 1, kh, kw, stride, dil, pads, in_hw, out_hw)
        return conv + cout * kh * kw
    if cin != cout or dil != (1, 1):
        return 0
    if arch == "mve":
        return 4 * 124 * kw * kh
    if kh == 3 and kw == 3 and pads[0] <= 1 and pads[2] <= 1:
        return 0
    return cin * kw * kh * 2


def avgpool(arch: str, channels: int) -> int:
    """arm_avgpool_s8_get_buffer_size."""
    return 4 * channels if arch == "dsp" else 0
