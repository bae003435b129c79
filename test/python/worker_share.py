"""Work the pytest-xdist workers share instead of each doing it.

A module-scoped fixture runs once per worker: with `-n 2` both workers
would build the same models. shared_pieces() splits the work into named
pieces; each worker takes the next piece no one holds (a lock file per
piece), builds it and leaves it pickled in the run's shared temporary
folder, then reads the pieces the other worker built. Without xdist it
just builds them.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

WAIT_SECONDS = 0.2


def _folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path | None:
    """The folder every worker of this run sees (None: not under xdist).
    basetemp is <run>/popen-gwN under xdist, and <run> is new per run."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    folder = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    return folder


def _take(folder: Path, key: str, make: Callable[[str], object]) -> bool:
    """Build piece `key` if no worker holds or has built it; False if
    another worker holds it."""
    with open(folder / f"{key}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        done = folder / f"{key}.pickle"
        if not done.exists():
            part = folder / f"{key}.part"
            part.write_bytes(pickle.dumps(make(key)))
            os.replace(part, done)  # readers see whole files only
        return True


def shared_pieces(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    keys: Sequence[str],
    make: Callable[[str], object],
) -> dict[str, object]:
    """{key: make(key)} for every key, each built by one worker of the run."""
    folder = _folder(tmp_path_factory, name)
    if folder is None:
        return {key: make(key) for key in keys}
    pending = list(keys)
    while pending:
        # built already, or free to build here; else held by the other worker
        left = [
            k for k in pending if not ((folder / f"{k}.pickle").exists() or _take(folder, k, make))
        ]
        if left == pending:
            time.sleep(WAIT_SECONDS)
        pending = left
    return {key: pickle.loads((folder / f"{key}.pickle").read_bytes()) for key in keys}
