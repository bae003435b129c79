"""The integer arithmetic spec (nnom.fixedpoint) and the C that follows it."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import cbuild
from nnom import fixedpoint as fp


def exact_requantize(acc: int, mult: int, shift: int) -> int:
    """Independent definition: two roundings on exact rationals."""
    left, right = max(shift, 0), max(-shift, 0)
    v = fp.wrap32(acc << left)
    high = math.floor(Fraction(v * mult, 1 << 31) + Fraction(1, 2))  # half up
    q = Fraction(high, 1 << right)
    return int(math.floor(q + Fraction(1, 2))) if q >= 0 else -int(math.floor(-q + Fraction(1, 2)))


def random_requant_cases(rng, n):
    acc = rng.integers(-(2**31), 2**31, n)
    acc[: n // 3] = rng.integers(-100_000, 100_000, n // 3)
    mult = rng.integers(2**30, 2**31, n)
    shift = rng.integers(-31, 8, n)
    # exact halves, where rounding rules differ
    shift[:20] = -3
    mult[:20] = 2**30
    acc[:20] = np.arange(-10, 10) * 4 + 2
    return acc, mult, shift


def test_requantize_matches_exact_definition():
    rng = np.random.default_rng(1)
    acc, mult, shift = random_requant_cases(rng, 3000)
    got = fp.requantize(acc, mult, shift)
    want = [exact_requantize(int(a), int(m), int(s)) for a, m, s in zip(acc, mult, shift)]
    assert got.tolist() == want


@pytest.mark.parametrize("span", [2**20, 2**31, 2**40])
def test_requantize_without_left_shifts_matches_exact_definition(span):
    """Right shifts only (no wrap needed while the sums fit int32, which
    requantize skips) and sums past int32 (wrapped as the C does)."""
    rng = np.random.default_rng(span % 97)
    acc, mult, shift = random_requant_cases(rng, 2000)
    acc[20:] = rng.integers(-span, span, acc.size - 20)
    shift = -np.abs(shift)
    got = fp.requantize(acc, mult, shift)
    want = [exact_requantize(int(a), int(m), int(s)) for a, m, s in zip(acc, mult, shift)]
    assert got.tolist() == want


@pytest.mark.parametrize("real", [1e-9, 0.0001234, 0.25, 0.5, 0.999999999, 1.0, 1.5, 3.75, 1000.0])
def test_quantize_multiplier_round_trips(real):
    mult, shift = fp.quantize_multiplier(real)
    assert 2**30 <= mult < 2**31
    assert abs(mult * 2.0 ** (shift - 31) - real) <= real * 2**-30


def test_quantize_multiplier_rejects_negative_and_huge():
    assert fp.quantize_multiplier(0.0) == (0, 0)
    with pytest.raises(ValueError):
        fp.quantize_multiplier(-1.0)
    with pytest.raises(ValueError):
        fp.quantize_multiplier(2.0**40)


def test_softmax_is_a_distribution_and_tracks_float():
    rng = np.random.default_rng(2)
    for _ in range(40):
        n = int(rng.integers(2, 60))
        scale = float(np.float32(10 ** rng.uniform(-2.5, -0.3)))
        mult, shift, diff_min = fp.softmax_params(scale)
        table = fp.softmax_exp_table(mult, shift, diff_min)
        x = rng.integers(-128, 128, (5, n))
        got = fp.softmax_rows(x, table)
        real = np.exp(scale * (x - x.max(1, keepdims=True)))
        real /= real.sum(1, keepdims=True)
        assert np.abs((got + 128) / 256.0 - real).max() <= 1.5 / 256
        # the largest input gets the largest probability (ties allowed)
        assert np.all(got[np.arange(5), x.argmax(1)] == got.max(1))


def test_avg_round_is_c_division_rounding():
    total = np.array([7, -7, 5, -5, 6, -6, 0])
    count = np.array([2, 2, 2, 2, 4, 4, 3])
    # (sum +- count/2) / count with truncation: halves go away from zero
    assert fp.avg_round(total, count).tolist() == [4, -4, 3, -3, 2, -2, 0]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    work = tmp_path_factory.mktemp("driver")
    source = cbuild.ROOT / "test/python/c/kernel_driver.c"
    return cbuild.program([source], work / "kernel_driver")


def test_c_requantize_is_bit_exact(driver):
    rng = np.random.default_rng(3)
    acc, mult, shift = random_requant_cases(rng, 20000)
    text = "\n".join(f"{a} {m} {s}" for a, m, s in zip(acc, mult, shift))
    out = cbuild.run([str(driver), "requantize"], input=text).stdout.split()
    assert [int(v) for v in out] == fp.requantize(acc, mult, shift).tolist()


def test_c_kernel_requantisation_is_bit_exact(driver):
    """The local kernels' requantisation (one SMLAL for mult > 0 and right
    shifts 2..23, nnom_requantize() otherwise) against the spec, zero point
    added, unclamped and clamped."""
    rng = np.random.default_rng(5)
    acc, mult, shift = random_requant_cases(rng, 30000)
    n = len(acc)
    zp = rng.integers(-128, 128, n)
    # the fast form's edges: shifts -1..-24, tiny and extreme multipliers
    shift[n // 2 :] = rng.integers(-24, 0, n - n // 2)
    mult[-300:-200] = rng.integers(0, 1000, 100)
    mult[-200:-100] = 2**31 - 1
    acc[-100:] = rng.choice([-(2**31), 2**31 - 1, -1, 0, 1], 100)
    text = "\n".join(f"{a} {m} {s} {z}" for a, m, s, z in zip(acc, mult, shift, zp))
    rows = [
        line.split() for line in cbuild.run([str(driver), "rq"], input=text).stdout.splitlines()
    ]
    got = np.array([[int(v) for v in r] for r in rows])
    want = fp.requantize(acc, mult, shift).astype(np.int64) + zp
    assert got[:, 2].sum() > n // 2  # most cases take the fast form
    assert got[:, 0].tolist() == want.tolist()
    assert got[:, 1].tolist() == np.clip(want, -128, 127).tolist()


def test_c_softmax_is_bit_exact_in_place(driver):
    rng = np.random.default_rng(4)
    for trial in range(30):
        n = int(rng.integers(1, 256)) if trial < 24 else int(rng.integers(500, 4096))
        scale = float(np.float32(10 ** rng.uniform(-3, 0.5)))
        mult, shift, diff_min = fp.softmax_params(scale)
        table = fp.softmax_exp_table(mult, shift, diff_min)
        rows = rng.integers(-128, 128, (8, n))
        rows[0] = 127  # every element at the maximum
        rows[1, :] = rng.integers(120, 128, n)
        text = f"{n}\n" + " ".join(map(str, table)) + "\n"
        text += "\n".join(" ".join(map(str, r)) for r in rows)
        out = cbuild.run([str(driver), "softmax"], input=text).stdout.split("\n")
        got = np.array([[int(v) for v in line.split()] for line in out if line.strip()])
        assert np.array_equal(got, fp.softmax_rows(rows, table)), f"trial {trial}"


def _bits(values) -> list[str]:
    return [f"{int(v):08x}" for v in np.asarray(values, np.float32).view(np.uint32)]


def test_c_softmax_parameters_match_converter(driver):
    """The Layer API computes softmax parameters in C: same as the converter."""
    rng = np.random.default_rng(5)
    scales = np.float32(10 ** rng.uniform(-4, 1, 200))
    out = cbuild.run([str(driver), "softmax_params"], input="\n".join(_bits(scales))).stdout
    for scale, line in zip(scales, out.strip().split("\n")):
        mult, shift, diff_min = fp.softmax_params(float(scale))
        want = [mult, shift, diff_min, *fp.softmax_exp_table(mult, shift, diff_min).tolist()]
        assert [int(v) for v in line.split()] == want, scale


def test_c_multiplier_matches_converter(driver):
    """in_scale * w_scale / out_scale -> (mult, shift), in double on both sides."""
    rng = np.random.default_rng(6)
    s = np.float32(10 ** rng.uniform(-5, 0, (500, 3)))
    lines = [" ".join(_bits(row)) for row in s]
    out = cbuild.run([str(driver), "multiplier"], input="\n".join(lines)).stdout.split("\n")
    for row, line in zip(s, out):
        real = np.float64(row[0]) * np.float64(row[1]) / float(row[2])
        assert [int(v) for v in line.split()] == list(fp.quantize_multiplier(float(real)))
