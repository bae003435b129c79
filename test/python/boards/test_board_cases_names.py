"""The board cases' modules bind each top-level name once.

A family reads its cases list by name when its models are built, so a
later family that reuses the name (stop 39: two S2ODD_CASES in
dw_lines.py) silently hands the earlier family the other's cases; the
board suite then fails only when both families run. Checked here on the
source, in a fraction of a second.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "board_cases"


def top_level_names(tree: ast.Module) -> list[str]:
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


@pytest.mark.parametrize("path", sorted(CASES.glob("*.py")), ids=lambda p: p.name)
def test_each_name_bound_once(path: Path) -> None:
    counts = Counter(top_level_names(ast.parse(path.read_text())))
    twice = sorted(name for name, n in counts.items() if n > 1)
    assert not twice, f"{path.name} binds {twice} more than once"
