"""The families of generated models that test_boards.py runs on every board.

A family is a list of hand-picked (or seeded random) cases for one kernel
path, declared next to its cases with family() (any builder),
layer_family() (one DepthwiseConv2D per case: common.dw_layer_case_model)
or odd_channels_family() (common.odd_channels_model, with dilation). Case k
is named prefix + k; its weights, calibration and inputs come from
numpy's default_rng(seed + k), so a case's model stays the same when
others are added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .common import dw_layer_case_model, odd_channels_model


@dataclass(frozen=True)
class Family:
    prefix: str
    seed: int
    count: int
    build: Callable[[int, np.random.Generator], object]  # (k, rng) -> keras.Model
    # cases whose header leaves out the converter's records (as the Layer
    # API's does): the C kernel builds them
    without_records: tuple[int, ...] = ()
    # (converted, k) -> converted: a change to the converted model
    after: Callable | None = None


FAMILIES: list[Family] = []


def family(
    prefix: str,
    seed: int,
    count: int,
    build: Callable[[int, np.random.Generator], object],
    without_records: tuple[int, ...] = (),
    after: Callable | None = None,
) -> None:
    if any(f.prefix == prefix for f in FAMILIES):
        raise ValueError(f"board case family {prefix!r} declared twice")
    FAMILIES.append(Family(prefix, seed, count, build, tuple(without_records), after))


def layer_family(prefix: str, seed: int, cases: list, without_records: tuple[int, ...] = ()):
    family(
        prefix, seed, len(cases), lambda k, rng: dw_layer_case_model(cases[k], rng), without_records
    )


def odd_channels_family(prefix: str, seed: int, cases: list, without_records: tuple[int, ...] = ()):
    family(
        prefix, seed, len(cases), lambda k, rng: odd_channels_model(cases[k], rng), without_records
    )
