"""Where the C library lives: the wheel's bundled copy or the source tree."""

from __future__ import annotations

from pathlib import Path


def library_root() -> Path:
    """Directory holding src/, inc/, port/ and library.json."""
    here = Path(__file__).resolve().parent
    bundled = here / "_lib"
    if (bundled / "inc" / "nnom.h").is_file():
        return bundled
    repo = here.parent
    if (repo / "inc" / "nnom.h").is_file():
        return repo
    raise FileNotFoundError("NNoM's C sources are missing from this installation")
