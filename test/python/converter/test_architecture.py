"""The converter keeps one place per op (docs/architecture.md): the pipeline
stages look ops up in the registry (nnom/ops/) instead of comparing op
names, and each op's name is written in its own module and few others."""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

from nnom.ops.catalog import OPS

PACKAGE = Path(__file__).resolve().parents[3] / "nnom"
MAX_OP_COMPARISONS = 20
MAX_FILES_MEDIAN = 2
MAX_FILES_PER_OP = 4
GENERIC_WORDS = {"input", "output", "activation"}  # also Keras config keys and plain words


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(), str(p)) for p in sorted(PACKAGE.rglob("*.py"))}


def _is_op(expr: ast.expr) -> bool:
    """`op` or `<something>.op`."""
    return (isinstance(expr, ast.Name) and expr.id == "op") or (
        isinstance(expr, ast.Attribute) and expr.attr == "op"
    )


def _names_an_op(expr: ast.expr) -> bool:
    """A string, a collection of strings or an op constant's `.name`."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(_names_an_op(e) for e in expr.elts)
    return isinstance(expr, ast.Attribute) and expr.attr == "name"


def op_comparisons(trees: dict[Path, ast.Module]) -> list[str]:
    """Every `op == "..."`, `op in (...)`, `node.op == X.name`, ..."""
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if any(_is_op(s) for s in sides) and any(_names_an_op(s) for s in sides):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def files_naming_each_op(trees: dict[Path, ast.Module]) -> dict[str, list[str]]:
    """op name -> the files holding it as a string literal (docstrings aside)."""
    files: dict[str, list[str]] = {name: [] for name in OPS}
    for path, tree in trees.items():
        skip = _docstrings(tree)
        strings = {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
        }
        for name in OPS:
            if name in strings:
                files[name].append(str(path.relative_to(PACKAGE.parent)))
    return files


def test_stages_do_not_switch_on_op_names():
    found = op_comparisons(_trees())
    assert len(found) <= MAX_OP_COMPARISONS, found


def test_each_op_is_named_in_few_files():
    files = files_naming_each_op(_trees())
    counts = {name: len(paths) for name, paths in files.items()}
    assert all(counts.values()), f"an op name written nowhere: {counts}"
    assert statistics.median(counts.values()) <= MAX_FILES_MEDIAN, counts
    spread = {
        name: files[name]
        for name, n in counts.items()
        if n > MAX_FILES_PER_OP and name not in GENERIC_WORDS
    }
    assert not spread, spread


def test_every_op_module_registers_what_the_stages_need():
    for name, op in OPS.items():
        assert op.name == name and op.table_name, name
