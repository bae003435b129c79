"""limits.py reads each op's size properties from its op module
(window_counts_channels, recurrent_fields, pools_whole_input,
grows_by_stride): a node just past each limit is refused naming it, one
just inside passes."""

import numpy as np
import pytest

import nnom  # noqa: F401  (fills the op registry)
from nnom.graph import Graph, Node
from nnom.limits import MAX_WINDOW, U16, LimitError, check_graph, check_node

pytestmark = pytest.mark.fast


def _conv(op: str, channels: int) -> Node:
    kernel = np.zeros((1, 2048, channels, 1), np.int8)  # (kh, kw, in, out)
    return Node("c", op, shape=(1, 1, 1), attrs={"kernel": (1, 2048)}, weights={"kernel": kernel})


def test_conv_taps_count_input_channels_depthwise_taps_do_not():
    over = MAX_WINDOW // 2048 + 1  # channels: 2048 x over taps > MAX_WINDOW
    with pytest.raises(LimitError, match="taps is over"):
        check_node(_conv("conv2d", over))
    # depthwise: 2048 positions per window (its fan-in is what stops it)
    with pytest.raises(LimitError) as refused:
        check_node(_conv("dwconv2d", over))
    assert "taps" not in str(refused.value) and "products" in str(refused.value)


def test_recurrent_units_keep_16_bit_fields():
    check_node(Node("r", "gru", shape=(4, U16), attrs={"units": U16, "timesteps": 4}))
    with pytest.raises(LimitError, match="units 65536 is over 65535"):
        check_node(Node("r", "gru", shape=(4, U16 + 1), attrs={"units": U16 + 1, "timesteps": 4}))
    check_node(Node("d", "dense", shape=(U16 + 1,), attrs={"units": U16 + 1}))  # not recurrent


@pytest.mark.parametrize("op", ["global_avgpool", "global_maxpool", "global_sumpool"])
def test_global_pools_bound_the_positions_they_sum(op):
    def graph(h: int) -> Graph:
        source = Node("in", "input", shape=(h, 1024, 1))
        nodes = [source, Node("g", op, inputs=["in"], shape=(1,))]
        return Graph("g", nodes, inputs=["in"], outputs=["g"])

    check_graph(graph(MAX_WINDOW // 1024))
    with pytest.raises(LimitError, match="positions, over"):
        check_graph(graph(MAX_WINDOW // 1024 + 1))


def test_transposed_conv_bounds_its_input_times_stride():
    attrs = {"kernel": (1, 1), "in_hw": (2**20, 1), "strides": (2**11, 1)}
    with pytest.raises(LimitError, match="with stride 2048 is too large"):
        check_node(Node("t", "deconv2d", shape=(1, 1, 1), attrs=attrs))
    check_node(Node("c", "conv2d", shape=(1, 1, 1), attrs=attrs))  # its output shrinks
