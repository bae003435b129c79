"""library.json is ready for the PlatformIO registry and in step with the Python package."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nnom

REPO = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((REPO / "library.json").read_text())  # strict JSON


def test_version_follows_the_python_package() -> None:
    assert MANIFEST["version"] == nnom.__version__


def test_registry_fields() -> None:
    for field in ("name", "description", "keywords", "authors", "license"):
        assert MANIFEST.get(field), field
    assert MANIFEST["name"] == "nnom"
    assert MANIFEST["license"] == "Apache-2.0"
    assert "Apache License" in (REPO / "LICENSE").read_text()
    # No public repository yet: the field is added with the real URL when the
    # library is published, never another project's.
    assert "repository" not in MANIFEST or "majianjia" not in MANIFEST["repository"]["url"]
    assert all(re.fullmatch(r"[a-z0-9+_\-. ]+", k) for k in MANIFEST["keywords"])
    assert all(author["name"] for author in MANIFEST["authors"])
    assert MANIFEST["frameworks"] == "*" and MANIFEST["platforms"] == "*"


def test_named_files_exist() -> None:
    for header in MANIFEST["headers"]:
        assert (REPO / "inc" / header).is_file(), header
    names = {example["name"] for example in MANIFEST["examples"]}
    assert names == {p.name for p in (REPO / "examples").iterdir() if p.is_dir()}
    for example in MANIFEST["examples"]:
        for name in example["files"]:
            assert (REPO / example["base"] / name).is_file(), (example["name"], name)
    for part in MANIFEST["export"]["include"]:
        assert (REPO / part).exists(), part
    assert (REPO / MANIFEST["build"]["extraScript"]).is_file()


def test_readme_names_the_packed_library_of_this_version() -> None:
    readme = (REPO / "README.md").read_text()
    assert f"file://nnom-{nnom.__version__}.tar.gz" in readme
    assert set(re.findall(r"nnom-(\d+\.\d+\.\d+)\.tar\.gz", readme)) == {nnom.__version__}
