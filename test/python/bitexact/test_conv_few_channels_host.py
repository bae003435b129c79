"""The few-channel convolution models of boards/test_conv_few_channels.py on
the host, under AddressSanitizer and UndefinedBehaviorSanitizer.

Layers with 1 to 3 input channels run the gathered-window kernel of
nnom_local_conv_col_s8.c on the host too (its C loop,
nnom_local_conv_col_loop.c), through the whole runtime: the converter's
plan, the scratch it reserves in the arena, the dispatch, the fall-back
where the kernel declines. Every output byte is compared with the numpy
reference. test_conv_col_host.py drives the kernel alone, with its
buffers at their exact sizes.
"""

from __future__ import annotations

import numpy as np

import cbuild
import few_channel_suite


def test_few_channel_convolutions_on_the_host(tmp_path):
    suite = few_channel_suite.build_suite()
    assert {1, 2, 3} <= {int(c.graph.nodes[0].shape[-1]) for _, c, _, _ in suite}
    for k, (name, converted, inputs, expected) in enumerate(suite):
        x = [np.stack([run[0] for run in inputs])]
        (got,), _ = cbuild.run_c(converted, x, tmp_path / f"m{k}")
        want = np.stack([run[0] for run in expected])
        assert np.array_equal(got, want), (
            f"{name}: {int(np.sum(got != want))} output bytes differ from the reference\n"
            f"{converted.summary()}"
        )
