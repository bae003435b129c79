"""Structural mutations for the converter's fuzz test (fuzz_corpus.py draws
on them): aligned integers set to boundary values (and, in a .tflite file,
floats set to NaN, 0, huge or tiny), HDF5 links, groups and storage in
place of weights, a model graph with dangling or duplicated layers, zip
headers that lie, and calibration files in odd .npy forms."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import h5py
import numpy as np

BOUNDARY32 = [0, 1, -1, 2**31 - 1, -(2**31), 65535, 65536, 255, 7, 2**24]


def _pick(rng: np.random.Generator, items: list) -> Any:
    return items[int(rng.integers(0, len(items)))]


def word_edit(data: bytes, rng: np.random.Generator) -> bytes:
    """A few aligned 32-bit words (counts, offsets, sizes) set to boundary values."""
    buf = bytearray(data)
    for _ in range(int(rng.integers(1, 4))):
        at = int(rng.integers(0, max(1, len(buf) // 4))) * 4
        buf[at : at + 4] = struct.pack("<i", _pick(rng, BOUNDARY32))[: len(buf) - at]
    return bytes(buf)


def float_words(data: bytes, rng: np.random.Generator) -> bytes:
    """A few aligned 32-bit words (scales, weights) set to odd floats."""
    buf = bytearray(data)
    for _ in range(int(rng.integers(1, 6))):
        at = int(rng.integers(0, max(1, len(buf) // 4))) * 4
        value = _pick(rng, [float("nan"), 0.0, 1e38, -1.0, float("inf"), 1e-45])
        buf[at : at + 4] = struct.pack("<f", value)[: len(buf) - at]
    return bytes(buf)


def edit_graph(config: Any, rng: np.random.Generator) -> tuple[Any, str]:
    """A layer wired to an unknown layer or to itself, two layers of one
    name, an odd class name or config, or a deeply nested value."""
    inner = config.get("config") if isinstance(config, dict) else None
    layers = inner.get("layers") if isinstance(inner, dict) else None
    if not isinstance(layers, list) or not layers:
        return config, "no layers"
    i = int(rng.integers(0, len(layers)))
    layer = layers[i]
    kind = int(rng.integers(0, 5))
    if kind == 0:
        target = _pick(rng, ["ghost", layer.get("name"), layers[-1].get("name")])
        text = json.dumps(layer.get("inbound_nodes", []))
        for other in layers:
            name = json.dumps(other.get("name"))
            if name in text:
                layer["inbound_nodes"] = json.loads(text.replace(name, json.dumps(target), 1))
                break
        return config, f"layer {i} takes its input from {target}"
    if kind == 1:
        layers.insert(i, json.loads(json.dumps(layer)))
        return config, f"layer {i} twice"
    if kind == 2:
        layer["class_name"] = _pick(rng, [3, None, "Functional", "Sequential", "InputLayer", ""])
        return config, f"layer {i} class {layer['class_name']!r}"
    if kind == 3:
        layer["config"] = _pick(rng, [[], "x", 3, None])
        return config, f"layer {i} config {layer['config']!r}"
    layer["deep"] = json.loads("[" * 600 + "]" * 600)
    return config, f"layer {i} holds a value nested 600 deep"


def edit_h5_structure(f: h5py.File, name: str, rng: np.random.Generator) -> str:
    """Weight dataset `name` replaced by a link, a group or odd storage."""
    old = np.asarray(f[name])
    del f[name]
    kind = int(rng.integers(0, 8))
    if kind == 0:
        f[name] = h5py.SoftLink("/" + name)  # a link to itself
    elif kind == 1:
        f[name] = h5py.SoftLink("/nowhere")
    elif kind == 2:
        f[name] = h5py.ExternalLink("/nonexistent.h5", "/x")
    elif kind == 3:
        f.create_group(name)
    elif kind == 4:
        f.create_dataset(name, data=old.astype(">f4"), compression="gzip", chunks=old.ndim > 0)
    elif kind == 5:  # declared, never written: reads back the fill value
        fill = np.nan if old.dtype.kind == "f" else 0
        f.create_dataset(name, shape=old.shape, dtype=old.dtype, fillvalue=fill)
    elif kind == 6:
        f.create_dataset(name, data=np.zeros(old.shape, dtype=[("a", "f4"), ("b", "i4")]))
    else:
        strings = np.array(["x"] * max(1, old.size), dtype=h5py.string_dtype())
        f.create_dataset(name, data=strings)
    return f"{name}: structure {kind}"


def edit_zip_headers(data: bytes, rng: np.random.Generator) -> tuple[bytes, str]:
    """A .keras file whose zip headers lie: compression method, encryption
    flag, central sizes or end record."""
    buf = bytearray(data)
    central = buf.find(b"PK\x01\x02")
    end = buf.rfind(b"PK\x05\x06")
    kind = int(rng.integers(0, 4))
    if kind == 0 and central >= 0:
        buf[central + 10 : central + 12] = struct.pack("<H", _pick(rng, [12, 14, 99, 1]))
    elif kind == 1 and central >= 0:
        buf[central + 8] |= 1
    elif kind == 2 and central >= 0:
        buf[central + 24 : central + 28] = struct.pack("<I", _pick(rng, [0, 1, 2**32 - 1]))
    elif end >= 0:
        at = _pick(rng, [8, 10, 12, 16])
        buf[end + at : end + at + (2 if at < 12 else 4)] = b"\xff" * (2 if at < 12 else 4)
    return bytes(buf), f"zip header {kind}"


def npy_form(x: np.ndarray, dst: Path, rng: np.random.Generator) -> str:
    """Calibration in odd .npy forms: object, structured, big-endian,
    string dtypes, an .npz or text under an .npy name, a damaged header."""
    kind = int(rng.integers(0, 8))
    if kind == 0:
        np.save(dst, x.astype(object), allow_pickle=True)
    elif kind == 1:
        np.save(dst, np.zeros(x.shape, dtype=[("a", "f4")]))
    elif kind == 2:
        np.save(dst, np.asfortranarray(x.astype(">f4")))
    elif kind == 3:
        np.save(dst, x.astype("U3"))
    elif kind == 4:
        buf = io.BytesIO()
        np.savez(buf, a=x, b=x)
        dst.write_bytes(buf.getvalue())
    elif kind == 5:
        dst.write_text("1,2,3\n4,5,6\n")
    else:
        buf = io.BytesIO()
        np.save(buf, x)
        data = buf.getvalue()
        if kind == 6:  # version 2 header declaring a 2 GB header
            dst.write_bytes(b"\x93NUMPY\x02\x00" + struct.pack("<I", 2**31) + data[10:])
        else:  # a header that is not a Python literal
            dst.write_bytes(data.replace(b"False", b"os.sep", 1))
    return f"calib npy form {kind}"


def edit_keras_structure(path: Path, rng: np.random.Generator) -> str:
    """One structural edit of a .keras file: its graph, its weights' HDF5
    structure, or its zip headers."""
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    r = rng.random()
    if r < 0.3:
        path.write_bytes(edit_zip_headers(path.read_bytes(), rng)[0])
        return "zip headers"
    if r < 0.65:
        config, what = edit_graph(json.loads(files["config.json"]), rng)
        files["config.json"] = json.dumps(config).encode()
    else:
        buf = io.BytesIO(files["model.weights.h5"])
        with h5py.File(buf, "r+") as f:
            names: list[str] = []
            f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
            what = edit_h5_structure(f, _pick(rng, names), rng) if names else "no weights"
        files["model.weights.h5"] = buf.getvalue()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)
    return what
