"""The few-channel convolution's gathered-window kernel on the host, bit-exact.

nnom_local_conv_col_s8.c (1-3 input channels: windows gathered into the
scratch K4 bytes apart with the input zero point in padded taps, four
output channels per packed group, at most 16 groups per chunk) runs its
assembly loop on DSP cores at -O2 and the same loop in C elsewhere but
at -Os (nnom_local_conv_col_loop.c), so the host builds run it too. Here
its C build, under AddressSanitizer and UndefinedBehaviorSanitizer with
every buffer allocated to its exact size (test/python/c/conv_col_driver.c),
against the numpy reference on random shapes from a fixed seed: 1-3
channels, kernels 1x1 to 5x5 and 10x4, strides, uneven padding, dilation,
more than 64 filters, clamps, both zero points; and the requantisations
and biases the kernel declines (its output untouched, the int16 patch path
runs instead), the bias bound on either side included.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import cbuild
from nnom.reference import kernels

pytestmark = pytest.mark.fast  # ~20 s, most of it building the sanitized runtime library

KERNELS = [(1, 1), (2, 2), (3, 3), (1, 3), (3, 1), (5, 5), (2, 5), (10, 4), (4, 3)]
FILTERS = [1, 2, 3, 4, 5, 7, 8, 13, 16, 24, 64, 65, 70]
N_RANDOM = 60


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    work = tmp_path_factory.mktemp("conv_col_driver")
    source = cbuild.ROOT / "test/python/c/conv_col_driver.c"
    return cbuild.program([source], work / "conv_col_driver")


def room(K: int, zp: int) -> int:
    """The kernel's bias bound (nnom_conv_col): |bias| below it is taken."""
    return (1 << 30) - K * 128 * (abs(zp) + 128)


def takes(case) -> bool:
    """Whether nnom_conv_col() takes the layer rather than declining it."""
    fast = all(m > 0 and -23 <= s <= -2 for m, s in zip(case.mult, case.shift))
    r = room(case.weight[0].size, case.zp_in)
    return fast and r > 0 and bool(np.all(np.abs(case.bias) < r))


def random_case(rng: np.random.Generator, filters: int | None = None):
    c = int(rng.integers(1, 4))
    kh, kw = KERNELS[int(rng.integers(len(KERNELS)))]
    stride, dil = (int(rng.integers(1, 3)), int(rng.integers(1, 3))), (1, 1)
    if rng.random() < 0.25:
        dil, stride = (int(rng.integers(1, 3)), int(rng.integers(1, 3))), (1, 1)
    ekh, ekw = (kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1
    # uneven padding, up to a window less one on every side
    pads = tuple(int(rng.integers(0, e)) if rng.random() < 0.6 else 0 for e in (ekh, ekh, ekw, ekw))
    h = int(rng.integers(max(1, ekh - pads[0] - pads[1]), ekh + 12))
    w = int(rng.integers(max(1, ekw - pads[2] - pads[3]), ekw + 12))
    oh = (h + pads[0] + pads[1] - ekh) // stride[0] + 1
    ow = (w + pads[2] + pads[3] - ekw) // stride[1] + 1
    oc = filters or int(rng.choice(FILTERS))
    K = kh * kw * c
    zp_in, zp_out = (int(v) for v in rng.integers(-128, 128, 2))
    weight = rng.integers(-128, 128, (oc, kh, kw, c)).astype(np.int8)
    bias = rng.integers(-(1 << 16), 1 << 16, oc)
    # outputs of about 64 for random inputs: acc ~ sqrt(K) * 74 * 74
    scale = 64.0 / (np.sqrt(K) * 74.0 * 74.0) * 2.0 ** rng.uniform(-2, 2, oc)
    shift = np.clip(np.ceil(np.log2(scale)), -23, -2).astype(np.int64)
    mult = np.clip(np.round(scale / 2.0**shift * 2**31), 1 << 30, (1 << 31) - 1).astype(np.int64)
    lo, hi = (-128, 127)
    if rng.random() < 0.5:
        lo, hi = sorted(int(v) for v in rng.integers(-128, 128, 2))
    x = rng.integers(-128, 128, (h, w, c)).astype(np.int8)
    return SimpleNamespace(
        x=x, weight=weight, bias=bias, mult=mult, shift=shift, kernel=(kh, kw), strides=stride,
        dilation=dil, pads=pads, out_hw=(oh, ow), zp_in=zp_in, zp_out=zp_out, lo=lo, hi=hi,
    )  # fmt: skip


def declined(rng: np.random.Generator):
    """Cases at the edges of the fast form: shifts outside it (declined) and
    its deepest shift (taken), a zero multiplier, the bias bound from both sides."""
    out = []
    for shift in (-1, 0, 1, -24, -23):  # one channel's shift; [-23, -2] is nnom_rq_all_fast's
        case = random_case(rng)
        case.shift[int(rng.integers(case.shift.size))] = shift
        out.append(case)
    case = random_case(rng)
    case.mult[-1] = 0  # a multiplier of zero: not the fast form either
    out.append(case)
    for delta in (-1, 0):  # |bias| = room - 1 is taken, room is not
        case = random_case(rng, filters=5)
        case.zp_in = 127
        case.x[...] = -128  # the largest sum the bound allows for: 2^31 - 2 doubled
        case.weight[...] = -128
        case.bias[2] = room(case.weight[0].size, 127) + delta
        out.append(case)
    return out


def reference(case) -> np.ndarray:
    attrs = dict(kernel=case.kernel, strides=case.strides, dilation=case.dilation, pads=case.pads)
    q = SimpleNamespace(
        weight=case.weight, bias=case.bias, mult=case.mult, shift=case.shift,
        act_min=case.lo, act_max=case.hi, lut=None,
    )  # fmt: skip
    y = kernels.conv2d(case.x[None], attrs, q, case.zp_in, case.zp_out, case.out_hw)
    return y.reshape(-1)


def _line(values) -> str:
    return " ".join(str(int(v)) for v in np.asarray(values).reshape(-1))


def stdin_of(case) -> str:
    (h, w, c), (oh, ow), oc = case.x.shape, case.out_hw, case.weight.shape[0]
    head = [h, w, c, oh, ow, oc, *case.kernel, *case.strides, *case.dilation]
    head += [case.pads[0], case.pads[2], case.zp_in, case.zp_out, case.lo, case.hi]
    rows = [head, case.x, case.weight, case.bias, case.mult, case.shift]
    return "\n".join(_line(r) for r in rows)


def test_c_loop_is_bit_exact_under_sanitizers(driver):
    rng = np.random.default_rng(91_000)
    cases = [random_case(rng) for _ in range(N_RANDOM)]
    cases += [random_case(rng, filters=f) for f in (65, 70, 129)]  # 2 and 3 packed chunks
    cases += declined(rng)
    result = cbuild.run([str(driver)], input="\n".join(stdin_of(c) for c in cases) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 * len(cases)
    took = 0
    for k, case in enumerate(cases):
        want = reference(case)
        got = np.array(lines[2 * k + 1].split(), dtype=np.int64)
        assert int(lines[2 * k]) == takes(case), f"case {k}: taken {lines[2 * k]}"
        assert np.array_equal(got, want), (
            f"case {k} ({'kernel' if takes(case) else 'declined'}, x {case.x.shape}, "
            f"kernel {case.kernel}, strides {case.strides}, dilation {case.dilation}, "
            f"pads {case.pads}, filters {case.weight.shape[0]}): "
            f"{int(np.sum(got != want))} of {want.size} values differ"
        )
        took += takes(case)
    # the random shapes reach the kernel, and every declining rule is seen
    assert took >= N_RANDOM and len(cases) - took == 6
