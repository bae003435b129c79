"""Rewrite the generated part of src/kernels/nnom_backend.h from the backend
table (nnom/backends.json). Run with the project's Python after editing the
table: .venv/bin/python tools/gen_backend_header.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnom import backends  # noqa: E402

HEADER = ROOT / "src" / "kernels" / "nnom_backend.h"


def main() -> int:
    text = HEADER.read_text()
    new = backends.rewrite_header(text)
    if new != text:
        HEADER.write_text(new)
    print(f"{HEADER.relative_to(ROOT)}: {'rewritten' if new != text else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
