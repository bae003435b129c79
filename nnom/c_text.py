"""C literals for generated headers: identifiers, strings, floats, arrays."""

from __future__ import annotations

import re

import numpy as np

from .graph import QParams, hwc

PADDING = {"valid": "PADDING_VALID", "same": "PADDING_SAME", "causal": "PADDING_EXPLICIT"}


def c_ident(name: str) -> str:
    ident = re.sub(r"[^0-9A-Za-z_]", "_", name)
    return ident if re.match(r"[A-Za-z_]", ident) else f"l_{ident}"


def c_string(text: str) -> str:
    """A C string literal of any text: quotes, backslashes, control
    characters and '?' (trigraphs) escaped; UTF-8 kept as bytes."""
    out = []
    for byte in text.encode("utf-8", "backslashreplace"):
        ch = chr(byte)
        if ch in '"\\?':
            out.append("\\" + ch)
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


def c_comment(text: str) -> str:
    """Text safe inside a /* */ comment: printable ASCII, no comment end."""
    safe = "".join(c if " " <= c <= "~" else "?" for c in text)
    return safe.replace("*/", "* /").replace("??", "? ?")


def c_float(v: float) -> str:
    text = f"{float(np.float32(v)):.9g}"
    if "." not in text and "e" not in text and "inf" not in text:
        text += ".0"
    return text + "f"


def c_array(ctype: str, name: str, values: np.ndarray, per_line: int = 16) -> str:
    flat = [int(v) for v in np.asarray(values).reshape(-1)]
    rows = [
        "    " + ", ".join(str(v) for v in flat[i : i + per_line])
        for i in range(0, len(flat), per_line)
    ]
    body = ",\n".join(rows) if rows else "    0"
    return f"static const {ctype} {name}[{max(len(flat), 1)}] = {{\n{body}\n}};\n"


def shape_init(shape: tuple[int, ...]) -> str:
    """A nnom_shape_t initialiser."""
    h, w, c = hwc(shape)
    return f"{{{h}, {w}, {c}, {len(shape)}}}"


def shape_call(shape: tuple[int, ...]) -> str:
    """A Layer API shape constructor call."""
    if len(shape) == 3:
        return f"nnom_shape({shape[0]}, {shape[1]}, {shape[2]})"
    if len(shape) == 2:
        return f"nnom_shape_1d({shape[0]}, {shape[1]})"
    return f"nnom_shape_flat({shape[0]})"


def hw_call(pair) -> str:
    return f"nnom_hw({pair[0]}, {pair[1]})"


def window_layer_call(ctor: str, count: int, attrs: dict, n: str) -> str:
    """A convolution's Layer API call: count (filters or depth multiplier),
    kernel, strides, dilation, padding, then the layer's weight and bias."""
    a = attrs
    return (
        f"{ctor}({count}, {hw_call(a['kernel'])}, {hw_call(a['strides'])}, "
        f"{hw_call(a['dilation'])}, {PADDING[a['padding']]}, &{n}_w, &{n}_b)"
    )


def qparam(name: str, q: QParams) -> str:
    return f"static const nnom_qparam_t {name} = {{{c_float(q.scale)}, {q.zero_point}}};\n"


def window_fields(a: dict, dilation: bool = True) -> str:
    """kernel, stride (and dilation) fields of a window config."""
    text = (
        f".kernel_h = {a['kernel'][0]}, .kernel_w = {a['kernel'][1]}, "
        f".stride_h = {a['strides'][0]}, .stride_w = {a['strides'][1]}, "
    )
    if dilation:
        text += f".dilation_h = {a['dilation'][0]}, .dilation_w = {a['dilation'][1]}, "
    return text


def padded_window_fields(a: dict, kernel: tuple[int, int]) -> str:
    """The window fields of a convolution config, its padding mode and pads
    (top, bottom, left, right), closing the initialiser."""
    pt, pb, pl, pr = a["pads"]
    return (
        window_fields({**a, "kernel": kernel}) + f".padding = {PADDING[a['padding']]}, "
        f".pad = {{{pt}, {pb}, {pl}, {pr}}}}};\n"
    )
