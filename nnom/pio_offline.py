"""A PlatformIO core directory that works without the PlatformIO registry.

PlatformIO downloads SCons (`tool-scons`) and every platform on first use.
`make_offline_core(DIR)` puts into DIR what those downloads would bring, so
that with `PLATFORMIO_CORE_DIR=DIR` no registry access is needed:

- `packages/tool-scons`: a wrapper around the SCons installed in this Python
  environment (`pip install platformio==6.2.0 scons`; tools/install.sh does it);
- `platforms/native`: builds and runs programs with the host compiler;
- `platforms/qemucm.pio-link`: a link to NNoM's `qemucm` platform (emulated
  Cortex-M boards), so projects can say `platform = qemucm`;
- `appstate.json`: telemetry and PlatformIO's weekly upgrade check turned off
  (both would go to the network).

Running it again repairs or refreshes the directory and keeps other content.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib

from .errors import NnomError

# PlatformIO 6.2 asks for tool-scons "~4.41101.0"; the registry number is ours
# to choose here, what runs is the SCons installed with pip.
_SCONS_PACKAGE_VERSION = "4.41101.0"
# Version the stand-in `native` platform reports (the registry's is 1.2.x).
_NATIVE_VERSION = "1.2.1"
_UPGRADE_CHECK_DAYS = 36500

_SCONS_WRAPPER = '''\
"""Written by `nnom pio-offline`: runs the SCons installed with pip."""
import sys

try:
    import SCons.Script.Main
except ImportError:
    sys.path.insert(0, {scons_parent!r})
    import SCons.Script.Main

SCons.Script.Main.main()
'''

_NATIVE_BUILDER = '''\
"""Written by `nnom pio-offline`: PlatformIO's `native` platform, offline.

Compiles with the host's compiler; `exec` and `upload` run the program.
"""
from SCons.Script import AlwaysBuild, Default, DefaultEnvironment

env = DefaultEnvironment()
program = env.BuildProgram()
run = env.VerboseAction("$SOURCE $PROGRAM_ARGS", "Executing $SOURCE")
AlwaysBuild(env.Alias("exec", program, run))
AlwaysBuild(env.Alias("upload", program, run))
Default([program])
'''


def make_offline_core(directory: str | os.PathLike) -> pathlib.Path:
    """Create or refresh an offline PlatformIO core in `directory`; return its absolute path."""
    core = pathlib.Path(directory).expanduser().resolve()
    scons_parent = _scons_parent_dir()
    qemucm = qemucm_platform_dir()
    if core.exists() and not core.is_dir():
        raise NnomError(f"{core} exists and is not a directory")

    _install_tool_scons(core / "packages" / "tool-scons", scons_parent)
    _install_native(core / "platforms" / "native")
    _link_platform(core / "platforms", "qemucm", qemucm)
    _configure(core / "appstate.json")
    return core


def qemucm_platform_dir() -> pathlib.Path:
    """The `qemucm` PlatformIO platform shipped with NNoM."""
    here = pathlib.Path(__file__).resolve().parent
    for candidate in (here.parent / "platforms" / "qemucm", here / "_lib" / "platforms" / "qemucm"):
        if (candidate / "platform.json").is_file():
            return candidate
    raise NnomError(
        "the qemucm PlatformIO platform is missing from this NNoM installation "
        f"(looked in {here.parent / 'platforms'} and {here / '_lib' / 'platforms'})"
    )


def _scons_parent_dir() -> pathlib.Path:
    """Directory on sys.path that holds the SCons package, or a clear error."""
    try:
        spec = importlib.util.find_spec("SCons")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise NnomError(
            "SCons is not installed in this Python environment, and PlatformIO needs it "
            "to build; install it with: pip install platformio==6.2.0 scons"
        )
    return pathlib.Path(list(spec.submodule_search_locations)[0]).resolve().parent


def _write(path: pathlib.Path, text: str) -> None:
    """Write `text` unless the file already holds exactly that (keeps mtimes stable)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _json(data: dict) -> str:
    return json.dumps(data, indent=2) + "\n"


def _package_meta(pkg_type: str, name: str, version: str) -> str:
    """PlatformIO's `.piopm`: marks the folder as the registry package platformio/<name>."""
    spec = {"owner": "platformio", "id": None, "name": name, "requirements": None, "uri": None}
    return _json({"type": pkg_type, "name": name, "version": version, "spec": spec})


def _install_tool_scons(pkg: pathlib.Path, scons_parent: pathlib.Path) -> None:
    manifest = {
        "name": "tool-scons",
        "version": _SCONS_PACKAGE_VERSION,
        "description": "SCons from the Python environment (written by nnom pio-offline)",
    }
    _write(pkg / "package.json", _json(manifest))
    _write(pkg / ".piopm", _package_meta("tool", "tool-scons", _SCONS_PACKAGE_VERSION))
    _write(pkg / "scons.py", _SCONS_WRAPPER.format(scons_parent=str(scons_parent)))


def _install_native(pkg: pathlib.Path) -> None:
    manifest = {
        "name": "native",
        "title": "Native",
        "description": "Host compiler, offline stand-in written by nnom pio-offline",
        "version": _NATIVE_VERSION,
        "frameworks": {},
        "packages": {},
    }
    _write(pkg / "platform.json", _json(manifest))
    _write(pkg / ".piopm", _package_meta("platform", "native", _NATIVE_VERSION))
    _write(pkg / "builder" / "main.py", _NATIVE_BUILDER)


def _link_platform(platforms: pathlib.Path, name: str, source: pathlib.Path) -> None:
    """What `pio pkg install -p symlink://SOURCE` would write: edits in SOURCE stay live."""
    spec = {
        "owner": None,
        "id": None,
        "name": name,
        "requirements": None,
        "uri": f"symlink://{source}",
    }
    _write(platforms / f"{name}.pio-link", json.dumps({"cwd": str(source.parent), "spec": spec}))


def _configure(appstate: pathlib.Path) -> None:
    """Turn off telemetry and the periodic upgrade check, keep everything else."""
    state: dict = {}
    if appstate.is_file():
        try:
            loaded = json.loads(appstate.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                state = loaded
        except (ValueError, UnicodeDecodeError):
            state = {}
    settings = state.get("settings")
    if not isinstance(settings, dict):
        settings = state["settings"] = {}
    settings["enable_telemetry"] = False
    settings["check_platformio_interval"] = _UPGRADE_CHECK_DAYS
    _write(appstate, _json(state))
