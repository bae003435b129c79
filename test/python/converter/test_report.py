"""`nnom report`: per-layer float-vs-int8 error, checked against Keras itself.

The float side of every row is recomputed here with Keras (the layer whose
output the row measures: the last Keras layer folded into it), and the error
numbers are recomputed from scratch: they must agree with the report.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest

import nnom
from nnom.cli import main as cli_main
from nnom.report import LayerError, format_report, layer_errors, plot_errors, snr_db

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "mnist-simple"


@pytest.fixture(scope="module")
def measured():
    calib = np.load(EXAMPLE / "calib.npy")
    model = nnom.convert(EXAMPLE / "model.h5", calib)
    x = calib[::3]
    return model, x, layer_errors(model, x)


def test_report_agrees_with_an_independent_keras_computation(measured) -> None:
    import keras

    model, x, rows = measured
    km = keras.models.load_model(EXAMPLE / "model.h5", compile=False)
    names = [r.keras.split("+")[-1] for r in rows]
    assert len(rows) == len(model.graph.nodes)
    layers = {layer.name: layer for layer in km.layers}
    outputs = [layers[n].output for n in names if n in layers]
    probe = keras.Model(km.inputs, outputs)
    keras_out = iter(probe.predict(x, verbose=0))
    ints = model.run_layers(model.quantize(x))
    for row, name in zip(rows, names):
        reference = x if name not in layers else next(keras_out)
        reference = np.asarray(reference, dtype=np.float64).reshape(len(x), -1)
        node = model.graph.node(row.name)
        got = node.out_q.dequantize(ints[row.name]).astype(np.float64).reshape(len(x), -1)
        err = got - reference
        max_abs = float(np.abs(err).max())
        snr = 10 * math.log10(float((reference**2).sum()) / float((err**2).sum()))
        assert row.max_abs == pytest.approx(max_abs, rel=1e-3, abs=1e-5), row
        assert row.snr_db == pytest.approx(snr, abs=0.01), row
        assert row.scale == pytest.approx(node.out_q.scale)
        assert row.float_max == pytest.approx(float(np.abs(reference).max()), rel=1e-4)


def test_report_rows_are_the_model_table(measured) -> None:
    model, _, rows = measured
    table = [layer for layer in model.plan.layers if layer.op != "output"]
    assert [r.index for r in rows] == [model.plan.layers.index(layer) + 1 for layer in table]
    assert [r.op for r in rows][:3] == ["Input", "Conv2D", "Conv2D"]
    assert rows[1].keras == "conv2d+batch_normalization+re_lu"
    # The input is quantised by rounding: at most half a step off.
    assert rows[0].max_abs <= rows[0].scale / 2 + 1e-7
    # A well-trained digits model keeps every layer above 30 dB.
    assert min(r.snr_db for r in rows) > 30


def test_snr_edge_cases() -> None:
    assert snr_db(np.ones(4), np.ones(4)) == math.inf
    assert snr_db(np.zeros(4), np.ones(4)) == -math.inf
    assert snr_db(np.array([3.0, 4.0]), np.array([3.0, 4.5])) == pytest.approx(
        10 * math.log10(25 / 0.25)
    )


def test_cli_report_prints_every_layer(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    code = cli_main(
        [
            "report",
            str(EXAMPLE / "model.h5"),
            "-c",
            str(EXAMPLE / "calib.npy"),
            "--plot",
            str(tmp_path / "errors.png"),
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("Float vs int8, per layer, over 300 samples")
    assert "SNR dB" in lines[1]
    assert sum(1 for line in lines if line.split()[:1] and line.split()[0].isdigit()) == 10
    assert any(line.startswith("lowest SNR: layer #") for line in lines)
    if importlib.util.find_spec("matplotlib") is None:
        assert captured.err.strip() == (
            "nnom: plot skipped: the plot needs matplotlib, which is not installed "
            "(pip install matplotlib)"
        )
        assert not (tmp_path / "errors.png").exists()
    else:
        assert (tmp_path / "errors.png").read_bytes()[:4] == b"\x89PNG"


def test_plot_without_matplotlib_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    row = LayerError(1, "x", "Input", "x", (2,), 0.1, 1.0, 0.05, 20.0)
    with pytest.raises(nnom.NnomError, match=r"pip install matplotlib"):
        plot_errors([row], tmp_path / "p.png")
    assert "exact" in format_report([dataclasses.replace(row, snr_db=math.inf)], 1)


def test_cli_report_errors_are_one_line(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    np.save(tmp_path / "bad.npy", np.zeros((3, 5), np.float32))
    code = cli_main(["report", str(EXAMPLE / "model.h5"), "-c", str(tmp_path / "bad.npy")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("nnom: error: ") and err.count("\n") == 1


def test_cli_report_counts_samples_as_the_model_sees_them(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    """One unbatched input of shape (8, 8, 1) is one sample, not eight."""
    np.save(tmp_path / "one.npy", np.load(EXAMPLE / "calib.npy")[0])
    args = ["report", str(EXAMPLE / "model.h5"), "-c", str(EXAMPLE / "calib.npy")]
    assert cli_main([*args, "--data", str(tmp_path / "one.npy")]) == 0
    assert capsys.readouterr().out.startswith("Float vs int8, per layer, over 1 samples")
