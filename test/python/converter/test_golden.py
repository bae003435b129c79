"""Golden vectors (nnom_golden.h) and the one-include test (nnom_golden_test.h) on the host.

The generated test is compiled with -Wall -Wextra -Wpedantic -Werror and run
under AddressSanitizer/UBSan; it passes for converted models, and a weight
changed in weights.h makes exactly the vectors whose layers change fail,
naming the first differing layer. (tests on PlatformIO boards:
test_example_mnist.py.)
"""

from __future__ import annotations

import os
import re
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

import cbuild
import nnom
from nnom import golden
from nnom.cli import main as cli_main
from nnom.ops.registry import table_name

EXAMPLE = cbuild.ROOT / "examples" / "mnist-simple"
TEST_C = '#include "nnom_golden_test.h"\n'


def build_and_run(folder: Path, flags: tuple[str, ...] = ()) -> tuple[int, str]:
    (folder / "golden_test.c").write_text(TEST_C)
    exe = cbuild.program(
        [folder / "golden_test.c"], folder / "golden_test", flags, includes=(folder,)
    )
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1")
    proc = subprocess.run([str(exe)], capture_output=True, text=True, env=env, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def results(output: str) -> dict[str, str]:
    """{case: PASS/FAIL message} from the Unity-format lines."""
    out = {}
    for m in re.finditer(r"^nnom_golden_test\.h:\d+:(\w+):(PASS|FAIL)(?:: (.*))?$", output, re.M):
        out[m.group(1)] = m.group(2) if m.group(2) == "PASS" else m.group(3)
    return out


@pytest.fixture(scope="module")
def example():
    calib = np.load(EXAMPLE / "calib.npy")
    return nnom.convert(EXAMPLE / "model.h5", calib), calib


def test_cli_writes_golden_header_and_it_passes_in_c(tmp_path: Path) -> None:
    out = tmp_path / "weights.h"
    assert (
        cli_main(
            [
                "convert",
                str(EXAMPLE / "model.h5"),
                "-c",
                str(EXAMPLE / "calib.npy"),
                "-o",
                str(out),
                "--golden",
                "6",
            ]
        )
        == 0
    )
    assert (tmp_path / "nnom_golden.h").is_file()
    code, output = build_and_run(tmp_path)
    assert code == 0, output
    assert results(output) == {"golden_model_create": "PASS"} | {
        f"golden_vector_{i}": "PASS" for i in range(6)
    }
    assert "7 Tests 0 Failures 0 Ignored" in output


def test_golden_in_static_memory_mode(example, tmp_path: Path) -> None:
    model, calib = example
    model.save_header(tmp_path / "weights.h")
    golden.save_golden(model, calib, 3, tmp_path / "nnom_golden.h")
    code, output = build_and_run(tmp_path, ("-DNNOM_USING_STATIC_MEMORY",))
    assert code == 0, output
    assert "4 Tests 0 Failures" in output


def test_golden_contents_match_the_reference(example, tmp_path: Path) -> None:
    model, calib = example
    text = golden.golden_header(model, calib, 5)
    assert "#define NNOM_GOLDEN_COUNT 5" in text
    assert f"#define NNOM_GOLDEN_LAYER_COUNT {len(model.plan.layers)}" in text
    # Inputs spread over the data set, quantised as nnom_quantize() does.
    idx = np.linspace(0, len(calib) - 1, 5).round().astype(int)
    q = model.quantize(calib[idx])
    values = re.search(r"nnom_golden_input0\[\d+\] = \{([^}]*)\}", text).group(1)
    assert [int(v) for v in values.replace("\n", " ").split(",")] == q.reshape(-1).tolist()
    # The last layer's checksum is the CRC-32 of the reference's output.
    out = model.run(q)[0].reshape(5, -1)
    crc = golden.layer_checksums(model, [q])
    assert crc[:, -1].tolist() == [zlib.crc32(row.tobytes()) for row in out]


def test_golden_data_from_a_test_set(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    test_set = rng.random((4, 8, 8, 1), dtype=np.float32)
    np.save(tmp_path / "test.npy", test_set)
    assert (
        cli_main(
            [
                "convert",
                str(EXAMPLE / "model.h5"),
                "-c",
                str(EXAMPLE / "calib.npy"),
                "-o",
                str(tmp_path / "weights.h"),
                "--golden",
                "10",
                "--golden-data",
                str(tmp_path / "test.npy"),
            ]
        )
        == 0
    )
    text = (tmp_path / "nnom_golden.h").read_text()
    assert "#define NNOM_GOLDEN_COUNT 4" in text  # all of a smaller set


def test_golden_count_out_of_range(example) -> None:
    model, calib = example
    with pytest.raises(nnom.NnomError, match="between 1 and 1000"):
        golden.golden_header(model, calib, 0)


def test_fewer_samples_than_asked_are_counted_right(
    example, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """8 asked of 4 samples: 4 vectors, in the header and in what is printed."""
    model, calib = example
    assert golden.golden_count(model, calib[:4], 8) == 4
    np.save(tmp_path / "four.npy", calib[:4])
    out = tmp_path / "weights.h"
    args = ["convert", str(EXAMPLE / "model.h5"), "-c", str(tmp_path / "four.npy")]
    assert cli_main([*args, "-o", str(out), "--golden", "8"]) == 0
    assert f"wrote {tmp_path / 'nnom_golden.h'} (4 vectors)" in capsys.readouterr().out
    assert "#define NNOM_GOLDEN_COUNT 4\n" in (tmp_path / "nnom_golden.h").read_text()


def corrupt_first_weight(header: Path, layer: str, model: nnom.ConvertedModel) -> None:
    """Change the first weight of `layer` in weights.h and in `model` alike
    (in both of a Dense layer's arrays: [units][in] and the grouped order of
    NNOM_DENSE_GROUPED builds, which both start with it)."""
    text = header.read_text()
    pattern = re.compile(rf"(static const int8_t {layer}_weight\[\d+\] = \{{\n\s+)(-?\d+)")
    weight = model.graph.node(layer).q.weight
    old = int(weight.flat[0])
    assert int(pattern.search(text).group(2)) == old
    new = 127 if old < 0 else -127
    header.write_text(pattern.sub(rf"\g<1>{new}", text))
    weight.flat[0] = new


@pytest.mark.parametrize("layer", ["conv2d", "conv2d_2", "dense", "dense_1"])
def test_corrupted_weight_names_the_first_differing_layer(layer: str, tmp_path: Path) -> None:
    calib = np.load(EXAMPLE / "calib.npy")
    model = nnom.convert(EXAMPLE / "model.h5", calib)
    model.save_header(tmp_path / "weights.h")
    golden.save_golden(model, calib, 8, tmp_path / "nnom_golden.h")
    shapes = [model.graph.node(n).shape for n in model.graph.inputs]
    q = [model.quantize(a) for a in golden.pick(calib, 8, shapes)]
    good = golden.layer_checksums(model, q)
    corrupt_first_weight(tmp_path / "weights.h", layer, model)
    bad = golden.layer_checksums(model, q)

    code, output = build_and_run(tmp_path)
    got = results(output)
    predicted = {i for i in range(8) if (good[i] != bad[i]).any()}
    assert predicted, "this corruption changes nothing; pick another weight"
    assert code == 1, output
    k = next(n for n, lay in enumerate(model.plan.layers) if lay.name == layer)
    node = model.plan.layers[k].node
    assert all(int(np.nonzero(good[i] != bad[i])[0][0]) == k for i in predicted)
    failed = {i for i in range(8) if got[f"golden_vector_{i}"] != "PASS"}
    # Every vector the reference says changes fails. Others may fail too: the
    # header also holds values derived from the weights (e.g. folded biases)
    # that the one changed byte no longer matches.
    assert predicted <= failed, output
    for i in failed:
        assert (
            f"first differing layer #{k + 1} {table_name(node.op)} '{node.source}'"
            in (got[f"golden_vector_{i}"])
        ), output


@pytest.mark.parametrize("name", ["guide", "random0", "random1"])
def test_golden_passes_for_other_models(name: str, keras_zoo, tmp_path: Path) -> None:
    keras_model = keras_zoo[name]
    rng = np.random.default_rng(11)
    x = rng.normal(size=(64, *keras_model.input_shape[1:])).astype(np.float32)
    model = nnom.convert(keras_model, x)
    model.save_header(tmp_path / "weights.h")
    golden.save_golden(model, x, 4, tmp_path / "nnom_golden.h")
    code, output = build_and_run(tmp_path)
    assert code == 0, output
    assert "5 Tests 0 Failures" in output
