"""Train the example's recurrent classifier on synthetic accelerometer gestures.

`make_gestures()` draws 3-axis accelerometer recordings (in g, 50 Hz, 0.8 s)
of eight gestures: idle, shake, tap, circle (clockwise, anticlockwise),
swipe (right, left) and lift, each with random amplitude, speed, timing,
device tilt, sensor bias and noise. Telling the two circles (or the two
swipes) apart takes the order of events, which is what the recurrent layers
are for.

Writes model.h5 (the Keras model NNoM converts), calib.npy (calibration
inputs) and src/samples.h (a few held-out gestures for main.c).
Deterministic: re-running it gives the same files. Needs TensorFlow; NNoM
itself does not.

    python train.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 0
STEPS = 40  # 0.8 s at 50 Hz
RATE = 50.0
CLASSES = ("idle", "shake", "tap", "circle_cw", "circle_ccw", "swipe_right", "swipe_left", "lift")
N_TRAIN_PER_CLASS = 400
N_TEST_PER_CLASS = 150
N_SAMPLES_IN_FIRMWARE = 8


def _tilt(rng: np.random.Generator) -> np.ndarray:
    """Gravity (1 g on z) seen by a device tilted by up to about 17 degrees."""
    ax, ay = rng.uniform(-0.3, 0.3, 2)
    return np.array([np.sin(ay), -np.sin(ax) * np.cos(ay), np.cos(ax) * np.cos(ay)])


def _pulse(t: np.ndarray, centre: float, width: float) -> np.ndarray:
    return np.exp(-0.5 * ((t - centre) / width) ** 2)


def _there_and_back(t: np.ndarray, centre: float, width: float) -> np.ndarray:
    """Acceleration of a move that starts and stops: + then - (peak 1)."""
    d = (t - centre) / width
    return d * np.exp(0.5 - 0.5 * d**2) * -1.0


def gesture(rng: np.random.Generator, label: int) -> np.ndarray:
    """One recording, shape (STEPS, 3)."""
    t = np.arange(STEPS) / RATE
    a = np.zeros((STEPS, 3))
    amp = rng.uniform(0.35, 1.0)
    dur = rng.uniform(0.35, 0.6)
    start = rng.uniform(-0.05, STEPS / RATE - dur + 0.05)  # may be cut off at an end
    inside = (t >= start) & (t <= start + dur)
    env = np.clip(np.sin(np.pi * (t - start) / dur), 0.0, None) * inside
    name = CLASSES[label]
    # the hand always moves a little
    a += rng.uniform(0.05, 0.15) * np.sin(
        2 * np.pi * rng.uniform(0.3, 1.5, 3) * t[:, None] + rng.uniform(0, 6, 3)
    )
    if name == "idle":
        pass
    elif name == "shake":
        axis = int(rng.integers(0, 2))  # x or y
        a[:, axis] = amp * np.sin(2 * np.pi * rng.uniform(4.0, 7.0) * t + rng.uniform(0, 6)) * env
    elif name == "tap":
        for _ in range(int(rng.integers(1, 3))):
            a[:, 2] += rng.uniform(0.5, 1.5) * _pulse(t, rng.uniform(0.05, 0.75), 0.02)
    elif name in ("circle_cw", "circle_ccw"):
        phase = 2 * np.pi * (t - start) / dur + rng.uniform(0, 2 * np.pi)
        sign = 1.0 if name == "circle_cw" else -1.0
        a[:, 0] = amp * np.cos(phase) * env
        a[:, 1] = sign * amp * np.sin(phase) * env
    elif name in ("swipe_right", "swipe_left"):
        sign = 1.0 if name == "swipe_right" else -1.0
        a[:, 0] = sign * amp * _there_and_back(t, start + dur / 2, dur / 5)
        a[:, 1] = 0.2 * amp * rng.normal() * _pulse(t, start + dur / 2, dur / 4)
    else:  # lift
        a[:, 2] = amp * _there_and_back(t, start + dur / 2, dur / 5)
    bias = rng.normal(0.0, 0.05, 3)
    noise = rng.normal(0.0, 0.1, (STEPS, 3))
    return (a + _tilt(rng) + bias + noise).astype(np.float32)


def make_gestures(per_class: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """per_class recordings of each gesture, shuffled: x (N, STEPS, 3), y (N,)."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(CLASSES)), per_class)
    rng.shuffle(y)
    x = np.stack([gesture(rng, int(label)) for label in y])
    return x, y.astype(np.int64)


def load_split():
    """(x_train, x_test, y_train, y_test): the example's fixed data sets."""
    x_train, y_train = make_gestures(N_TRAIN_PER_CLASS, SEED)
    x_test, y_test = make_gestures(N_TEST_PER_CLASS, SEED + 1)
    return x_train, x_test, y_train, y_test


def build_model(keras):
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input((STEPS, 3)),
            layers.GRU(24, return_sequences=True),
            layers.LSTM(24),
            layers.Dense(len(CLASSES)),
            layers.Softmax(),
        ]
    )


def write_samples(x, y, path: Path) -> None:
    lines = [
        "/* Held-out gestures for main.c, written by train.py (accelerometer, g). */",
        "#ifndef SAMPLES_H",
        "#define SAMPLES_H",
        f"#define SAMPLE_COUNT {len(x)}",
        f"#define SAMPLE_STEPS {STEPS}",
        "static const char *const class_names[] = {" + ", ".join(f'"{c}"' for c in CLASSES) + "};",
        "static const float sample_accel[SAMPLE_COUNT][SAMPLE_STEPS * 3] = {",
    ]
    for rec in x:
        values = ", ".join(f"{v:.3f}f" for v in rec.reshape(-1))
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
        optimizer=keras.optimizers.Adam(3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=40, batch_size=64, verbose=0, shuffle=True)
    _, acc = model.evaluate(x_test, y_test, verbose=0)
    print(f"float accuracy on {len(x_test)} held-out gestures: {acc:.4f}")
    model.save(HERE / "model.h5", include_optimizer=False)
    np.save(HERE / "calib.npy", x_train[:300])
    # one of each gesture for the firmware
    picks = [int(np.nonzero(y_test == c)[0][0]) for c in range(N_SAMPLES_IN_FIRMWARE)]
    write_samples(x_test[picks], y_test[picks], HERE / "src" / "samples.h")


if __name__ == "__main__":
    main()
