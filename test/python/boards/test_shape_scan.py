"""bench/shape_scan.py's list: the sweeps' --shape forms, in order, once each;
a bad line stops the scan before any shape runs."""

from __future__ import annotations

import sys

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import shape_scan  # noqa: E402


def test_a_list_reads_in_order_once_each(tmp_path) -> None:
    path = tmp_path / "shapes.lst"
    path.write_text(
        "# a comment\ndw 3,3,1,4,4,3,valid\npw 1,1,16,3  # one pixel\n\ndw 3,3,1,4,4,3,valid\n"
    )
    assert shape_scan.read_list(path) == [("dw", "3,3,1,4,4,3,valid"), ("pw", "1,1,16,3")]


@pytest.mark.parametrize(
    "text, error",
    [
        ("cv 3,3,1,4,4,3,valid\n", SystemExit),  # not dw or pw
        ("dw 3,3,1,4,4,3\n", ValueError),  # six fields
        ("pw 1,1,16\n", ValueError),  # three fields
        ("dw 9,1,1,4,1,6,valid\n", ValueError),  # no output
    ],
)
def test_a_bad_line_stops_the_scan(tmp_path, text: str, error) -> None:
    path = tmp_path / "shapes.lst"
    path.write_text("pw 1,1,16,3\n" + text)
    with pytest.raises(error):
        shape_scan.read_list(path)
