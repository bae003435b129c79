"""Every module of nnom/ops/, imported once so that each registers its ops:
adding an op is adding its module. The pipeline stages look ops up
through `op_of()` and iterate `OPS`."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from ..graph import Node
from .registry import OPS, Op

for _module in sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])):
    importlib.import_module(f"{__package__}.{_module}")


def op_of(node: Node) -> Op:
    return OPS[node.op]


__all__ = ["OPS", "Op", "op_of"]
