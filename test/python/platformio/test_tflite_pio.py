"""A user's PlatformIO project with `custom_nnom_model = model.tflite` (an
int8 file, no calibration): it builds, runs on the host and on an emulated
Cortex-M4, and prints exactly TFLite Micro's output bytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import tflite_factory as tf_
from test_pio import needs_qemu, run_pio
from test_pio_hook import core, ini, library, printed_output  # noqa: F401 (fixtures)

MAIN_C = r"""
#include <stdio.h>
#include "nnom.h"
#include "weights.h"
static const int8_t sample[NNOM_INPUT_SIZE] = {%s};
int main(void)
{
    nnom_model_t *model = nnom_model_create();
    if (model == NULL)
        return 2;
    for (int i = 0; i < NNOM_INPUT_SIZE; i++)
        nnom_input_data[i] = sample[i];
    if (model_run(model) != NN_SUCCESS)
        return 3;
    printf("output:");
    for (int i = 0; i < NNOM_OUTPUT_SIZE; i++)
        printf(" %%d", nnom_output_data[i]);
    printf("\n");
    model_delete(model);
    return 0;
}
"""
SEED = 0  # a small per-channel model with a dense head


@needs_qemu
@pytest.mark.parametrize("env", ["native", "qemu_m4"])
def test_tflite_project_matches_tflm(env: str, core: Path, library: Path, tmp_path: Path):  # noqa: F811
    data = tf_.tflite_bytes(SEED)
    from nnom.frontend.tflite_reader import parse_tflite

    model = parse_tflite(data)
    shape = model.tensors[model.inputs[0]].shape
    x = np.random.default_rng(5).integers(-128, 128, size=shape).astype(np.int8)
    want = tf_.tflm_run(data, [x])[0].reshape(-1).tolist()

    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "model.tflite").write_bytes(data)
    (project / "src" / "main.c").write_text(
        MAIN_C % ", ".join(str(int(v)) for v in x.reshape(-1)), encoding="utf-8"
    )
    common = (
        f"lib_deps = symlink://{library}\n"
        "custom_nnom_model = model.tflite\n"
        "build_flags = -Wall -Wextra -Werror\n"
    )
    (project / "platformio.ini").write_text(ini({env: ""}, common))
    code, output, _ = run_pio(["run", "-e", env, "-t", "exec"], project, core, tmp_path / "ws")
    assert code == 0, output
    assert "NNoM: generated weights.h from model.tflite" in output, output
    assert printed_output(output) == want
