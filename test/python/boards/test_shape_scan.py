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


@pytest.mark.parametrize("kind", ["dw", "pw"])
def test_the_small_sets_lists_read(kind: str) -> None:
    shapes = shape_scan.read_list(cbuild.ROOT / "bench" / f"small_{kind}.lst")
    assert len(shapes) > 50 and {k for k, _ in shapes} == {kind}


def test_the_markdown_table_reads_back_in_sweep_all(tmp_path, monkeypatch, capsys) -> None:
    import sweep_all

    figures = {"3,3,1,4,4,3,valid": (108, 1000.0), "1,1,16,3": (48, 100.0)}

    def fake(kind: str, arg: str, weights: str) -> dict:
        name = shape_scan.SWEEPS[kind].parse_shape(arg)[0]
        if arg not in figures:
            return {"kind": kind, "arg": arg, "name": name, "error": "3 bytes differ\n"}
        macs, instr = figures[arg]
        return {"kind": kind, "name": name, "macs": macs, "instr": instr, "per": instr / macs}

    monkeypatch.setattr(shape_scan, "measure_one", fake)
    monkeypatch.setattr(shape_scan.bench_run, "prebuild", lambda *a: None)
    shapes = [("dw", "3,3,1,4,4,3,valid"), ("pw", "1,1,16,3")]
    assert shape_scan.markdown(shapes, "random") == 0
    table = tmp_path / "dw_small.md"
    table.write_text(capsys.readouterr().out)
    rows = sweep_all.load(table)
    assert sorted(rows.values()) == [(48, 100, 2.08), (108, 1000, 9.26)]
    assert shape_scan.markdown([*shapes, ("dw", "3,3,1,5,5,3,valid")], "random") == 1
