"""Train the example's small CNN on scikit-learn's 8x8 digits.

Writes model.h5 (the Keras model NNoM converts), calib.npy (calibration
inputs) and src/samples.h (a few held-out digits for main.c). Deterministic:
re-running it gives the same files. Needs TensorFlow; NNoM itself does not.

    python train.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 0
N_SAMPLES_IN_FIRMWARE = 10


def load_split():
    """The digits as (N, 8, 8, 1) floats in [0, 1], split 70/30 (stratified)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[..., np.newaxis]
    y = digits.target.astype(np.int64)
    return train_test_split(x, y, test_size=0.3, random_state=SEED, stratify=y)


def build_model(keras):
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            layers.Conv2D(16, 3, padding="same"),
            layers.BatchNormalization(),
            layers.ReLU(),
            layers.Conv2D(24, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dropout(0.2),
            layers.Dense(48, activation="relu"),
            layers.Dense(10),
            layers.Softmax(),
        ]
    )


def write_samples(x, y, path: Path) -> None:
    lines = [
        "/* Held-out digits for main.c, written by train.py (floats in [0, 1]). */",
        "#ifndef SAMPLES_H",
        "#define SAMPLES_H",
        f"#define SAMPLE_COUNT {len(x)}",
        "static const float sample_pixels[SAMPLE_COUNT][64] = {",
    ]
    for img in x:
        values = ", ".join(f"{v:.4f}f" for v in img.reshape(-1))
        lines.append(f"    {{{values}}},")
    lines.append("};")
    lines.append(
        "static const int sample_labels[SAMPLE_COUNT] = {"
        + ", ".join(str(int(v)) for v in y)
        + "};"
    )
    lines.append("#endif")
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    x_train, x_test, y_train, y_test = load_split()
    model = build_model(keras)
    model.compile(
        optimizer=keras.optimizers.Adam(2e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=40, batch_size=32, verbose=0, shuffle=True)
    _, acc = model.evaluate(x_test, y_test, verbose=0)
    print(f"float accuracy on {len(x_test)} held-out digits: {acc:.4f}")
    model.save(HERE / "model.h5", include_optimizer=False)
    np.save(HERE / "calib.npy", x_train[:300])
    (HERE / "src").mkdir(exist_ok=True)
    write_samples(
        x_test[:N_SAMPLES_IN_FIRMWARE], y_test[:N_SAMPLES_IN_FIRMWARE], HERE / "src" / "samples.h"
    )


if __name__ == "__main__":
    main()
