"""Merge arithmetic: Add/Sub/Mult (nnom.fixedpoint) against CMSIS-NN's
arm_elementwise_add_s8 / arm_elementwise_mul_s8 transcribed independently,
the n-input generalisations, and the C kernels (sanitizers on) on random and
extreme inputs."""

from __future__ import annotations

import numpy as np
import pytest

import cbuild
from nnom import fixedpoint as fp
from test_fixedpoint import exact_requantize


def cmsis_add(x1, x2, off1, m1, s1, off2, m2, s2, left, out_off, out_m, out_s, lo, hi, sub=False):
    """arm_elementwise_add_s8's plain C loop, one element, in Python ints
    (sub: TFLite Micro's reference Sub, which subtracts the rescaled second
    input)."""
    a = exact_requantize(fp.wrap32((x1 + off1) << left), m1, s1)
    b = exact_requantize(fp.wrap32((x2 + off2) << left), m2, s2)
    total = exact_requantize(fp.wrap32(a - b if sub else a + b), out_m, out_s) + out_off
    return min(max(total, lo), hi)


def cmsis_mul(x1, x2, off1, off2, out_off, out_m, out_s, lo, hi):
    """arm_elementwise_mul_s8's plain C loop, one element."""
    prod = (x1 + off1) * (x2 + off2)
    return min(max(exact_requantize(prod, out_m, out_s) + out_off, lo), hi)


def _scales(rng, n):
    return [float(np.float32(10 ** rng.uniform(-3, 0))) for _ in range(n)]


@pytest.mark.parametrize("subtract", [False, True])
def test_two_input_add_sub_is_cmsis_nn(subtract):
    rng = np.random.default_rng(11)
    for _ in range(40):
        s1, s2, so = _scales(rng, 3)
        zp1, zp2, zpo = (int(v) for v in rng.integers(-128, 128, 3))
        mults, shifts, om, osh = fp.add_params([s1, s2], so)
        # TFLite: twice the larger input scale, left shift 20
        assert abs(mults[0] * 2.0 ** (shifts[0] - 31) - s1 / (2 * max(s1, s2))) < 1e-9
        x1 = rng.integers(-128, 128, 200)
        x2 = rng.integers(-128, 128, 200)
        lo, hi = int(rng.integers(-128, 0)), int(rng.integers(0, 128))
        got = fp.add_s8(
            [x1, x2], [zp1, zp2], mults, shifts, om, osh, zpo, lo, hi, subtract=subtract
        )
        want = [
            cmsis_add(
                int(a),
                int(b),
                -zp1,
                mults[0],
                shifts[0],
                -zp2,
                mults[1],
                shifts[1],
                20,
                zpo,
                om,
                osh,
                lo,
                hi,
                subtract,
            )
            for a, b in zip(x1, x2)
        ]
        assert got.tolist() == want
        # and it is the real sum / difference, to within rounding
        real = s1 * (x1 - zp1) + (-1 if subtract else 1) * s2 * (x2 - zp2)
        ref = np.clip(np.round(real / so) + zpo, lo, hi)
        assert np.abs(got - ref).max() <= 1


def test_two_input_mult_is_cmsis_nn():
    rng = np.random.default_rng(12)
    for _ in range(40):
        s1, s2, so = _scales(rng, 3)
        zp1, zp2, zpo = (int(v) for v in rng.integers(-128, 128, 3))
        m, s = fp.quantize_multiplier(s1 * s2 / so)
        x1, x2 = rng.integers(-128, 128, 200), rng.integers(-128, 128, 200)
        got = fp.mul_s8([x1, x2], [zp1, zp2], [m], [s], [], zpo, -128, 127)
        want = [cmsis_mul(int(a), int(b), -zp1, -zp2, zpo, m, s, -128, 127) for a, b in zip(x1, x2)]
        assert got.tolist() == want


def test_n_input_add_is_the_sum_of_rescaled_inputs():
    """Generalisation: the same per-input rescale, summed over n inputs."""
    rng = np.random.default_rng(13)
    for n in (3, 5, 16):
        scales = _scales(rng, n + 1)
        zps = [int(v) for v in rng.integers(-128, 128, n)]
        mults, shifts, om, osh = fp.add_params(scales[:n], scales[n])
        xs = [rng.integers(-128, 128, 100) for _ in range(n)]
        got = fp.add_s8(xs, zps, mults, shifts, om, osh, 3, -128, 127)
        for i in range(100):
            terms = [
                exact_requantize(fp.wrap32((int(x[i]) - z) << 20), m, s)
                for x, z, m, s in zip(xs, zps, mults, shifts)
            ]
            want = min(max(exact_requantize(sum(terms), om, osh) + 3, -128), 127)
            assert got[i] == want
        real = sum(s * (x - z) for s, x, z in zip(scales, xs, zps))
        assert np.abs(got - np.clip(np.round(real / scales[n]) + 3, -128, 127)).max() <= 1


def test_n_input_mult_is_a_chain_of_cmsis_steps():
    rng = np.random.default_rng(14)
    scales = _scales(rng, 3)
    zps = [int(v) for v in rng.integers(-128, 128, 3)]
    step_zp, out_zp = 5, -7
    m1, s1 = fp.quantize_multiplier(scales[0] * scales[1] / 0.01)
    m2, s2 = fp.quantize_multiplier(0.01 * scales[2] / 0.02)
    xs = [rng.integers(-128, 128, 300) for _ in range(3)]
    got = fp.mul_s8(xs, zps, [m1, m2], [s1, s2], [step_zp], out_zp, -100, 100)
    first = fp.mul_s8(xs[:2], zps[:2], [m1], [s1], [], step_zp, -128, 127)
    want = fp.mul_s8([first, xs[2]], [step_zp, zps[2]], [m2], [s2], [], out_zp, -100, 100)
    assert np.array_equal(got, want)


# ---- the C kernels --------------------------------------------------------------


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    work = tmp_path_factory.mktemp("merge_driver")
    source = cbuild.ROOT / "test/python/c/merge_driver.c"
    return cbuild.program([source], work / "merge_driver")


def _values(a) -> str:
    return " ".join(str(int(v)) for v in np.asarray(a).reshape(-1))


def test_c_add_sub_mult_prelu_are_bit_exact(driver):
    rng = np.random.default_rng(15)
    cases, wants = [], []
    for trial in range(60):
        n = int(rng.integers(2, 17))
        size = int(rng.integers(1, 300))
        scales = _scales(rng, n + 1)
        zps = [int(v) for v in rng.integers(-128, 128, n)]
        xs = [rng.integers(-128, 128, size) for _ in range(n)]
        if trial < 6:  # the extremes: every input at -128 with zero point 127
            zps = [127] * n
            xs = [np.full(size, -128 if trial % 2 else 127) for _ in range(n)]
            scales[:n] = [1.0] * n
        mults, shifts, om, osh = fp.add_params(scales[:n], scales[n])
        zpo = int(rng.integers(-128, 128))
        lo, hi = int(rng.integers(-128, 0)), int(rng.integers(0, 128))
        sub = bool(trial % 3 == 0)
        signed = [-m if sub and k else m for k, m in enumerate(mults)]
        lines = [f"add {n} {size} 20 {zpo} {om} {osh} {lo} {hi}"]
        lines += [f"{-z} {m} {s}" for z, m, s in zip(zps, signed, shifts)]
        lines += [_values(x) for x in xs]
        cases.append("\n".join(lines))
        wants.append(fp.add_s8(xs, zps, mults, shifts, om, osh, zpo, lo, hi, subtract=sub))

        steps = [int(v) for v in rng.integers(-128, 128, n - 2)]
        chain = [fp.quantize_multiplier(float(10 ** rng.uniform(-6, 0))) for _ in range(n - 1)]
        lines = [f"mul {n} {size} {zpo} {lo} {hi}", _values([-z for z in zps])]
        lines += [f"{m} {s}" for m, s in chain] + ([_values(steps)] if steps else [])
        lines += [_values(x) for x in xs]
        cases.append("\n".join(lines))
        wants.append(
            fp.mul_s8(xs, zps, [m for m, _ in chain], [s for _, s in chain], steps, zpo, lo, hi)
        )

        c = int(rng.integers(1, 8))
        full = bool(trial % 2)
        alpha = rng.integers(-127, 128, size * c if full else c)
        x = rng.integers(-128, 128, size * c)
        pm, ps = fp.quantize_multiplier(float(10 ** rng.uniform(-2, 2)))
        nm, ns = fp.quantize_multiplier(float(10 ** rng.uniform(-4, 0)))
        izp, ozp = (int(v) for v in rng.integers(-128, 128, 2))
        cases.append(
            f"prelu {size * c} {c} {alpha.size} {izp} {ozp} {pm} {ps} {nm} {ns}\n"
            f"{_values(alpha)}\n{_values(x)}"
        )
        from nnom.ops.prelu import PReLUParams, prelu_s8

        q = PReLUParams(
            alpha=alpha.astype(np.int8),
            alpha_scale=1.0,
            pos_mult=pm,
            pos_shift=ps,
            neg_mult=nm,
            neg_shift=ns,
        )

        shaped = x.reshape(1, 1, size, c)
        wants.append(prelu_s8(shaped.astype(np.int8), q, izp, ozp).reshape(-1))
    out = cbuild.run([str(driver)], input="\n".join(cases) + "\n").stdout.strip().split("\n")
    assert len(out) == len(wants)
    for k, (line, want) in enumerate(zip(out, wants)):
        assert [int(v) for v in line.split()] == np.asarray(want).tolist(), f"case {k}"


# ---- the -O2 two-input kernels' arithmetic (nnom_local_merge_s8.c) --------------


def smmlar_requantize(v: int, mult: int, e: int, zp: int) -> int:
    """The fast loops' requantisation of v = 2 acc: one rounded high-word
    multiply-accumulate (SMMLAR) and one shift."""
    s = 1 if v < 0 else 0
    b = (2 * zp + 1) << (e - 1)
    high = ((b - s) * 2**32 + v * mult + 2**31) >> 32
    assert -(2**31) <= high < 2**31  # no 32-bit overflow in the kernel
    return high >> e


def test_smmlar_form_is_the_two_roundings():
    rng = np.random.default_rng(21)
    for _ in range(4000):
        e = int(rng.integers(1, 24))
        zp = int(rng.integers(-128, 128))
        mult = int(rng.integers(2**30, 2**31))
        acc = int(rng.integers(-(2**28), 2**28))
        if rng.random() < 0.3:  # exact halves of the second rounding
            k = min(1000, 2 ** (27 - e))
            acc = (int(rng.integers(-k, k)) * 2 + 1) << (e - 1)
            mult = 2**30
        assert smmlar_requantize(2 * acc, mult, e, zp) == exact_requantize(acc, mult, -e) + zp
    for e in range(1, 31):  # without a zero point (Add's input terms) up to e = 30
        mult = int(rng.integers(2**30, 2**31))
        for acc in rng.integers(-(2**28), 2**28, 50):
            assert smmlar_requantize(2 * int(acc), mult, e, 0) == exact_requantize(
                int(acc), mult, -e
            )


def test_add_terms_of_every_int8_value():
    """Add's input term (x + offset) << 20 requantised, for all 256 values,
    every input shift the converter gives and the larger input's exact 1/2."""
    rng = np.random.default_rng(22)
    for e in range(1, 31):
        for _ in range(3):
            mult, off = int(rng.integers(2**30, 2**31)), int(rng.integers(-127, 129))
            for x in range(-128, 128):
                v = (x + off) << 21
                want = exact_requantize((x + off) << 20, mult, -e)
                assert smmlar_requantize(v, mult, e, 0) == want
    for x in range(-128, 128):
        assert exact_requantize(x << 20, 2**30, 0) == x << 19


def test_c_two_input_add_sub_mult_fast_paths(driver):
    """Two inputs (the -O2 loops): lengths 1 to 70 and longer (the tail of
    the four-element loop), scale ratios up to 10^7, equal scales, Sub with
    either input of the larger scale, narrow activation ranges."""
    rng = np.random.default_rng(23)
    cases, wants = [], []
    for trial in range(120):
        size = int(rng.integers(1, 71)) if trial % 3 else int(rng.integers(71, 2000))
        s1 = float(np.float32(10 ** rng.uniform(-3, 0)))
        ratio = [1.0, 10 ** rng.uniform(-7, 0), 10 ** rng.uniform(-1, 0)][trial % 3]
        s2 = float(np.float32(s1 * ratio))
        if trial % 2:
            s1, s2 = s2, s1
        so = float(np.float32(10 ** rng.uniform(-3, 0)))
        zps = [int(v) for v in rng.integers(-128, 128, 2)]
        zpo = int(rng.integers(-128, 128))
        xs = [rng.integers(-128, 128, size) for _ in range(2)]
        lo, hi = -128, 127
        if trial % 4 == 0:
            lo, hi = int(rng.integers(-128, 0)), int(rng.integers(0, 128))
        sub = bool(trial % 5 == 0)
        mults, shifts, om, osh = fp.add_params([s1, s2], so)
        signed = [mults[0], -mults[1] if sub else mults[1]]
        lines = [f"add 2 {size} 20 {zpo} {om} {osh} {lo} {hi}"]
        lines += [f"{-z} {m} {s}" for z, m, s in zip(zps, signed, shifts)]
        lines += [_values(x) for x in xs]
        cases.append("\n".join(lines))
        wants.append(fp.add_s8(xs, zps, mults, shifts, om, osh, zpo, lo, hi, subtract=sub))

        m, s = fp.quantize_multiplier(s1 * s2 / so)
        lines = [f"mul 2 {size} {zpo} {lo} {hi}", _values([-z for z in zps]), f"{m} {s}"]
        lines += [_values(x) for x in xs]
        cases.append("\n".join(lines))
        wants.append(fp.mul_s8(xs, zps, [m], [s], [], zpo, lo, hi))
    out = cbuild.run([str(driver)], input="\n".join(cases) + "\n").stdout.strip().split("\n")
    assert len(out) == len(wants)
    for k, (line, want) in enumerate(zip(out, wants)):
        assert [int(v) for v in line.split()] == np.asarray(want).tolist(), f"case {k}"
