"""A quantised depthwise layer's fields as the converter's record writers
read them (nnom/ops/dw*_records.py): random weights and bias from a seed,
one multiplier and shift for every channel."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np


def dw_layer(kernel, cout: int, act=(-128, 127), seed: int = 0) -> SimpleNamespace:
    rng = np.random.default_rng(seed)
    return SimpleNamespace(
        weight=rng.integers(-127, 128, (*kernel, cout)).astype(np.int8),
        bias=rng.integers(-5000, 5000, cout).astype(np.int32),
        mult=np.full(cout, 1 << 30, np.int64),
        shift=np.full(cout, -9, np.int64),
        act_min=act[0],
        act_max=act[1],
    )
