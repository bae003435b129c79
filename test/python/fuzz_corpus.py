"""Mutated Keras model and calibration files, for the converter's fuzz test.

Every case starts from one of the small seed models committed in
fixtures/fuzz_seeds (a .h5 and a .keras file of each, plus its calibration
.npy) and applies one seeded mutation: truncation, byte flips, an edited
model config, a weight of another shape, dtype or value (NaN, Inf, huge,
denormal), a dataset with a huge declared shape, a zip bomb, or a damaged
calibration file; and the structural mutations of fuzz_structure.py.
`make_case(rng, k, folder)` writes case k's files.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np

import fuzz_structure

SEEDS = Path(__file__).resolve().parent / "fixtures" / "fuzz_seeds"
# model files (Keras 3 .h5 and .keras, one Keras 2 .h5), each with <stem>_calib.npy
SEED_MODELS = tuple(
    f"{stem}{suffix}"
    for stem in ("conv", "tcn", "branches", "gru", "dag")
    for suffix in (".h5", ".keras")
) + ("conv_keras2.h5", "pad.tflite")  # pad.tflite: tflite_factory.tflite_bytes(2), int8


@dataclass
class Case:
    what: str
    model: Path
    calib: Path


# ---------------------------------------------------------------- raw bytes


def truncate(data: bytes, rng: np.random.Generator) -> bytes:
    return data[: int(rng.integers(0, len(data)))]


def flip_bytes(data: bytes, rng: np.random.Generator) -> bytes:
    buf = bytearray(data)
    for _ in range(int(rng.integers(1, 9))):
        buf[int(rng.integers(0, len(buf)))] ^= int(rng.integers(1, 256))
    return bytes(buf)


# ---------------------------------------------------------- model config JSON

ODD_VALUES: list[Any] = [
    0,
    -1,
    -7,
    2**31,
    70000,
    300,
    256,
    1e30,
    float("nan"),
    0.5,
    "x",
    None,
    [],
    [0, 0],
    [1000000, 1000000],
    {},
    True,
    'a\nb"c\\',
    [-1],
    [2**40],
]
TARGETED = {
    "strides": [0, [0, 0], [0], -2, 300],
    "dilation_rate": [0, [0], [0, 0], 256, [256], -1],
    "kernel_size": [0, 300, [300], [300, 300], -3],
    "pool_size": [0, 300, [300, 300]],
    "units": [0, -1, 65540, 10**7],
    "filters": [0, 70000, -2],
    "batch_shape": [[None, 1000000, 1000000, 3], [None, 70000, 2], [None, 65540], [None, 0]],
    "batch_input_shape": [[None, 1000000, 1000000, 3], [None, 70000, 2]],
    "name": ["a\nb", 'q"uote', "back\\slash", "*/ x /*", "", "é", "x" * 300],
    "padding": ["full", 3],
    "activation": ["swishy", 5],
    "axis": [0, 5, [1, 2]],
    "epsilon": [-1.0, 0.0, 1e30],
}


def _dicts(node: Any) -> list[dict]:
    out: list[dict] = []
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            out += _dicts(v)
    elif isinstance(node, list):
        for v in node:
            out += _dicts(v)
    return out


def mutate_config(config: Any, rng: np.random.Generator) -> tuple[Any, str]:
    dicts = _dicts(config)
    kind = int(rng.integers(0, 6))
    if kind == 0:  # an empty or missing list of outputs / layers
        for d in dicts:
            if "output_layers" in d:
                d["output_layers"] = []
                return config, "empty output_layers"
        for d in dicts:
            if "layers" in d and isinstance(d["layers"], list):
                del d["layers"][int(rng.integers(0, len(d["layers"])))]
                return config, "a layer deleted"
    if kind in (0, 1, 2):  # a targeted key
        keyed = [(d, k) for d in dicts for k in d if k in TARGETED]
        if keyed:
            d, k = keyed[int(rng.integers(0, len(keyed)))]
            values = TARGETED[k]
            d[k] = values[int(rng.integers(0, len(values)))]
            return config, f"{k} = {d[k]!r}"
    if kind == 3:  # a key removed
        d = dicts[int(rng.integers(0, len(dicts)))]
        if d:
            k = list(d)[int(rng.integers(0, len(d)))]
            del d[k]
            return config, f"key {k} removed"
    d = dicts[int(rng.integers(0, len(dicts)))]
    if not d:
        return config, "nothing changed"
    k = list(d)[int(rng.integers(0, len(d)))]
    d[k] = ODD_VALUES[int(rng.integers(0, len(ODD_VALUES)))]
    return config, f"{k} = {d[k]!r}"


# ------------------------------------------------------------------ weights


def _datasets(f: h5py.File) -> list[str]:
    names: list[str] = []
    f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
    return names


def mutate_weight(f: h5py.File, rng: np.random.Generator) -> str:
    names = _datasets(f)
    if not names:
        return "no weights"
    name = names[int(rng.integers(0, len(names)))]
    old = np.asarray(f[name])
    kind = int(rng.integers(0, 9))
    attrs = dict(f[name].attrs)
    del f[name]
    if kind == 0:
        value: Any = old.reshape(-1)[:-1] if old.size > 1 else np.zeros((2, 2), np.float32)
    elif kind == 1:
        value = old.reshape(old.shape + (1,))
    elif kind == 2:
        value = old.astype(
            [np.int8, np.int64, np.bool_, np.complex64, np.float16, "S4"][int(rng.integers(0, 6))]
        )
    elif kind in (3, 4):
        value = old.astype(np.float32).copy()
        flat = value.reshape(-1)
        special = [np.nan, np.inf, -np.inf, 3e38, 1e-40, 1e30, 0.0][int(rng.integers(0, 7))]
        if flat.size:
            flat[int(rng.integers(0, flat.size))] = special
            if kind == 4:
                flat[:] = special
        what = f"{special} in {name}"
    elif kind == 5:  # a huge declared shape, nothing written (a tiny file)
        f.create_dataset(name, shape=(10**6, 10**6), dtype="f4", chunks=(16, 16))
        return f"{name} declared (1e6, 1e6)"
    elif kind == 6:  # deleted
        return f"{name} deleted"
    elif kind == 7:
        value = np.zeros((0,), np.float32)
    else:  # near-dead channels: tiny weights
        value = (old * 1e-7).astype(old.dtype) if old.dtype.kind == "f" else old
    f.create_dataset(name, data=value)
    for k, v in attrs.items():
        f[name].attrs[k] = v
    return what if kind in (3, 4) else f"{name}: mutation {kind}"


# --------------------------------------------------------------- file kinds


def _edit_h5(path: Path, rng: np.random.Generator) -> str:
    with h5py.File(path, "r+") as f:
        if rng.random() < 0.5 and "model_config" in f.attrs:
            config, what = mutate_config(json.loads(f.attrs["model_config"]), rng)
            f.attrs["model_config"] = json.dumps(config)
            return "config: " + what
        return "weight: " + mutate_weight(f, rng)


def _edit_structure(path: Path, rng: np.random.Generator) -> str:
    with h5py.File(path, "r+") as f:
        if rng.random() < 0.5 and "model_config" in f.attrs:
            config, what = fuzz_structure.edit_graph(json.loads(f.attrs["model_config"]), rng)
            f.attrs["model_config"] = json.dumps(config)
            return "structure: " + what
        names = _datasets(f)
        if not names:
            return "structure: no weights"
        name = names[int(rng.integers(0, len(names)))]
        return "structure: " + fuzz_structure.edit_h5_structure(f, name, rng)


def _edit_keras(path: Path, rng: np.random.Generator) -> str:
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    r = rng.random()
    if r < 0.45:
        config, what = mutate_config(json.loads(files["config.json"]), rng)
        files["config.json"] = json.dumps(config).encode()
        what = "config: " + what
    elif r < 0.9:
        buf = io.BytesIO(files["model.weights.h5"])
        with h5py.File(buf, "r+") as f:
            what = "weight: " + mutate_weight(f, rng)
        files["model.weights.h5"] = buf.getvalue()
    else:
        files["model.weights.h5"] = flip_bytes(files["model.weights.h5"], rng)
        what = "weights file bytes flipped"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)
    return what


def zip_bomb(path: Path, mebibytes: int, declared: int | None = None) -> None:
    """A .keras file whose weights entry inflates to `mebibytes` MiB of zeros,
    built in well under a second: after a full flush, deflate writes the
    same bytes for every MiB of zeros, so one MiB is compressed and its
    block repeated. The entry declares its true size (and CRC), or
    `declared` bytes (a lying header)."""
    with zipfile.ZipFile(path) as z:
        config = z.read("config.json")
    zeros = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    data = block * mebibytes + deflate.flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    size = mebibytes << 20 if declared is None else declared
    entries = [
        (b"config.json", 0, zlib.crc32(config), config, len(config)),
        (b"model.weights.h5", 8, crc, data, size),
    ]
    out, central = bytearray(), bytearray()
    for name, method, check, payload, usize in entries:
        fields = (method, 0, 0x21, check, len(payload), usize, len(name))
        central += struct.pack("<IHHH", 0x02014B50, 20, 20, 0)
        central += struct.pack("<HHHIIIH", *fields) + struct.pack(
            "<HHHHII", 0, 0, 0, 0, 0, len(out)
        )
        central += name
        out += struct.pack("<IHH", 0x04034B50, 20, 0) + struct.pack("<HHHIIIH", *fields)
        out += struct.pack("<H", 0) + name + payload
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2, 2, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


def _calib(src: Path, dst: Path, rng: np.random.Generator) -> str:
    x = np.load(src)
    kind = int(rng.integers(0, 14))
    if kind == 0:
        dst.write_bytes(truncate(src.read_bytes(), rng))
        return "calib truncated"
    if kind == 1:
        dst.write_bytes(flip_bytes(src.read_bytes(), rng))
        return "calib bytes flipped"
    if kind == 2:  # a huge shape declared in the .npy header
        data = src.read_bytes()
        header_end = data.index(b"\n") + 1
        head = data[:header_end].decode("latin1")
        start, end = head.index("'shape': (") + 10, head.index(")", head.index("'shape'"))
        new = head[:start] + "1000000000, 1000000" + head[end:]
        new = new[: header_end - 1].ljust(header_end - 1) + "\n" if len(new) <= header_end else new
        dst.write_bytes(new.encode("latin1") + data[header_end:])
        return "calib declares a huge shape"
    options: list[Callable[[], tuple[np.ndarray, str]]] = [
        lambda: (x[:0], "empty"),
        lambda: (np.moveaxis(x, -1, 1), "channels first"),
        lambda: (x.reshape((2, -1) + x.shape[1:]), "an extra axis"),
        lambda: (np.full_like(x, 1e30), "1e30"),
        lambda: (np.where(np.arange(x.size).reshape(x.shape) == 0, 1e6, x), "one value 1e6"),
        lambda: (np.full_like(x, 1e-42), "denormal"),
        lambda: (np.where(np.arange(x.size).reshape(x.shape) == 3, np.nan, x), "NaN"),
        lambda: (x.astype(np.complex64), "complex"),
        lambda: (np.zeros_like(x), "zeros"),
        lambda: (x[..., :1] if x.shape[-1] > 1 else x[..., 0], "channels dropped"),
        lambda: (np.float32(3.0), "a scalar"),
    ]
    value, what = options[(kind - 3) % len(options)]()
    np.save(dst, value)
    return "calib " + what


def make_case(rng: np.random.Generator, k: int, folder: Path) -> Case:
    seed_file = SEED_MODELS[int(rng.integers(0, len(SEED_MODELS)))]
    seed, suffix = seed_file.rsplit(".", 1)
    suffix = "." + suffix
    model = folder / f"case{k}{suffix}"
    calib = folder / f"case{k}_calib.npy"
    shutil.copy(SEEDS / seed_file, model)
    shutil.copy(SEEDS / f"{seed}_calib.npy", calib)
    r = rng.random()
    if r < 0.1:
        model.write_bytes(truncate(model.read_bytes(), rng))
        what = "truncated"
    elif r < 0.18:
        model.write_bytes(flip_bytes(model.read_bytes(), rng))
        what = "bytes flipped"
    elif r < 0.24:
        model.write_bytes(fuzz_structure.word_edit(model.read_bytes(), rng))
        what = "aligned words set to boundary values"
    elif r < 0.8 and suffix == ".tflite":
        model.write_bytes(fuzz_structure.float_words(model.read_bytes(), rng))
        what = "float words set to NaN, 0, huge or tiny"
    elif r < 0.64:
        what = _edit_h5(model, rng) if suffix == ".h5" else _edit_keras(model, rng)
    elif r < 0.8:
        what = _edit_structure(model, rng) if suffix == ".h5" else "structure: "
        if suffix == ".keras":
            what += fuzz_structure.edit_keras_structure(model, rng)
    elif r < 0.86:
        what = fuzz_structure.npy_form(np.load(SEEDS / f"{seed}_calib.npy"), calib, rng)
    else:
        what = _calib(SEEDS / f"{seed}_calib.npy", calib, rng)
    return Case(f"case {k}: {seed}{suffix}: {what}", model, calib)
