"""PlatformIO build hook of the NNoM library (library.json `build.extraScript`).

PlatformIO runs it while it reads the build scripts, before any compile, in
every project that has NNoM among its libraries, used or not. Options, in
the project's platformio.ini:

    custom_nnom_model = model.h5        ; .h5, .keras or .tflite, relative to the project
    custom_nnom_calibration = calib.npy ; .npy, or .npz holding one array (an int8
                                        ; .tflite needs none)
    custom_nnom_header = weights.h      ; name of the generated header
    custom_nnom_golden = 8              ; also nnom_golden.h (see nnom_golden_test.h)
    custom_nnom_golden_data = test.npy  ; golden inputs from here (default: calibration)
    custom_nnom_per_tensor = no         ; one weight scale per tensor
    custom_nnom_backend = auto          ; auto | local | cmsis-nn
    custom_nnom_shrink = no             ; yes: link only the kernel paths the model takes

- The header is written to $BUILD_DIR/nnom_generated/, which goes on the
  include path of the project and of the libraries: `#include "weights.h"`.
  It is regenerated only when the model, the calibration or golden data, the
  options or the converter changed (a SHA-256 of all of them sits beside
  the header); an unchanged build reads a few files and writes nothing.
- The converter is the `nnom` Python package shipped with this library (or
  else the one installed in PlatformIO's Python); it needs numpy and h5py,
  never TensorFlow. If PlatformIO's Python lacks them they are installed
  there with pip, once.
- Backend: `auto` picks CMSIS-NN on Cortex-M4/M7/M33/M55/M85 boards
  (board `build.cpu`) when a CMSIS-NN library is among the project's
  libraries, and the portable C kernels otherwise; the choice is printed
  once per build and defines NNOM_BACKEND_LOCAL or NNOM_BACKEND_CMSIS_NN
  for NNoM and for the project's sources.
- Shrink (yes): at -O2 on DSP cores the runtime links only the depthwise
  steps and Conv2D paths the model takes (-DNNOM_DW_STEPS, -DNNOM_CONV_PATHS
  on NNoM's sources), found by `nnom profile` on the emulated core and kept
  in nnom_generated/.nnom-shrink.json, keyed by the header's inputs, the
  core, backend, -O level, the build_flags defines and the C runtime.
- Without custom_nnom_model and custom_nnom_backend it prints nothing and
  generates nothing.

Errors (a broken model, bad options, missing CMSIS-NN) stop the build with
one line, `nnom: error: ...`, and no Python traceback.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time

GEN_DIR_NAME = "nnom_generated"
STAMP_NAME = ".nnom-stamp.json"
GOLDEN_HEADER = "nnom_golden.h"  # nnom.golden.GOLDEN_HEADER
BACKENDS = ("auto", "local", "cmsis-nn")
BACKEND_MACRO = {"local": "NNOM_BACKEND_LOCAL", "cmsis-nn": "NNOM_BACKEND_CMSIS_NN"}
# Cores with the DSP extension (or MVE), where CMSIS-NN's kernels pay off: the
# converter's backend table, nnom/backends.json next to this library's extra_script/
# (or the wheel's nnom/ around its _lib/). SCons runs this file without __file__.
_HERE = os.path.dirname(os.path.realpath(sys._getframe().f_code.co_filename))
_TABLES = [os.path.join(_HERE, *up, "backends.json") for up in (("..", "nnom"), ("..", ".."))]
with open(next(t for t in _TABLES if os.path.isfile(t)), encoding="utf-8") as _table:
    _CORES = json.load(_table)["cores"]
CMSIS_NN_CPUS = tuple(cpu for cpu, kind in _CORES.items() if kind)
HELIUM_CPUS = tuple(cpu for cpu, kind in _CORES.items() if kind == "mve")  # MVE kernels
CMSIS_NN_HEADER = "arm_nnfunctions.h"
REQUIREMENTS = {"numpy": "numpy>=1.23", "h5py": "h5py>=3.7"}
TRUE = ("1", "yes", "true", "on")
OPTIONS = (
    "custom_nnom_model",
    "custom_nnom_calibration",
    "custom_nnom_header",
    "custom_nnom_golden",
    "custom_nnom_golden_data",
    "custom_nnom_per_tensor",
    "custom_nnom_backend",
    "custom_nnom_shrink",
)
SHRINK_NAME = ".nnom-shrink.json"
MASK_MACROS = ("NNOM_DW_STEPS", "NNOM_CONV_PATHS")
ARM_TOOLS = ("arm-none-eabi-gcc", "qemu-system-arm")
EMULATED_CPUS = ("cortex-m3", "cortex-m4", "cortex-m7", "cortex-m33", "cortex-m55")
SIZE_LEVELS = ("-Os", "-Oz")
# gcc's -O level -> the nearest `nnom profile --opt` builds
PROFILE_OPT = {"-O": "O1", "-O0": "O1", "-Og": "O1", "-O1": "O1", "-O2": "O2", "-O3": "O3"}
PROFILE_OPT.update({"-Ofast": "O3", "-Os": "Os", "-Oz": "Oz"})


class HookError(Exception):
    """A problem the user can fix; printed as one line and the build stops."""


# ------------------------------------------------------------------ options


def project_option(env, name: str, default: str = "") -> str:
    value = env.GetProjectOption(name, default)
    if isinstance(value, (list, tuple)):
        value = " ".join(value)
    return str(value).strip()


def list_option(env, name: str) -> list[str]:
    value = env.GetProjectOption(name, [])
    if isinstance(value, str):
        value = value.splitlines()
    items = []
    for line in value:
        items += [part.strip() for part in str(line).split(",") if part.strip()]
    return items


def check_option_names(names) -> None:
    """An unknown custom_nnom_* option (or one a typo away) is an error naming the right one."""
    for name in names:
        if name in OPTIONS or not name.startswith("custom_"):
            continue
        near = difflib.get_close_matches(name, OPTIONS, n=1, cutoff=0.8)
        if name.startswith("custom_nnom") or near:
            hint = f"did you mean {near[0]}?" if near else f"known: {', '.join(OPTIONS)}"
            raise HookError(f"unknown option {name} in platformio.ini: {hint}")


# ------------------------------------------------------------------ backend


def _find_cmsis_nn_header(root: str, depth: int = 3) -> str:
    """Folder holding arm_nnfunctions.h within `depth` levels below root, or ""."""
    level = [root]
    for _ in range(depth + 1):
        below = []
        for folder in level:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name == CMSIS_NN_HEADER and entry.is_file():
                    return folder
                if entry.is_dir() and not entry.name.startswith("."):
                    below.append(entry.path)
        level = below
    return ""


def _link_target(pio_link: str) -> str:
    """Folder a `NAME.pio-link` file (a symlink:// library) points to."""
    try:
        with open(pio_link, encoding="utf-8") as fp:
            data = json.load(fp)
        uri = data["spec"]["uri"]
        path = uri.split("://", 1)[1]
        return os.path.join(data.get("cwd", ""), path)
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return ""


def cmsis_nn_locations(env) -> list[str]:
    """Library folders and include paths of the project that may hold CMSIS-NN."""
    project = env.subst("$PROJECT_DIR")
    places: list[str] = []
    for dep in list_option(env, "lib_deps"):
        if "://" in dep:
            scheme, path = dep.split("://", 1)
            scheme = scheme.rsplit("=", 1)[-1].strip()  # "NAME=symlink://PATH"
            if scheme in ("symlink", "file"):
                places.append(os.path.join(project, path))
        elif dep.startswith((".", "/", "~")):
            places.append(os.path.expanduser(os.path.join(project, dep)))
    storage = [env.subst("$PROJECT_LIBDEPS_DIR/$PIOENV"), env.subst("$PROJECT_LIB_DIR")]
    storage += [os.path.join(project, d) for d in list_option(env, "lib_extra_dirs")]
    for folder in storage:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".pio-link"):
                places.append(_link_target(entry.path))
            elif entry.is_dir() and "nnom" != entry.name.lower():
                places.append(entry.path)
    for inc in env.get("CPPPATH", []):
        places.append(env.subst(str(inc)))
    return [p for p in places if p]


def cmsis_nn_include(env, own_dir: str = "") -> str:
    """The folder of CMSIS-NN's arm_nnfunctions.h among the project's libraries, or ""."""
    own = os.path.realpath(own_dir) if own_dir else ""
    for place in cmsis_nn_locations(env):
        if own and os.path.realpath(place) == own:
            continue
        if os.path.isfile(os.path.join(place, CMSIS_NN_HEADER)):
            return place
        name = os.path.basename(os.path.normpath(place)).lower()
        if "cmsis" in name:
            found = _find_cmsis_nn_header(place)
            if found:
                return found
    return ""


def board_cpu(env) -> str:
    if "BOARD" not in env:
        return ""
    return str(env.BoardConfig().get("build.cpu", "")).lower()


def choose_backend(requested: str, cpu: str, available) -> tuple[str, str]:
    """(backend, reason). `available` is called only when the answer depends on it."""
    if requested not in BACKENDS:
        raise HookError(f"custom_nnom_backend = {requested}: use one of {', '.join(BACKENDS)}")
    where = cpu or "no Cortex-M cpu in the board metadata"
    if requested == "local":
        return "local", f"custom_nnom_backend = local; {where}"
    if requested == "cmsis-nn":
        if not available():
            raise HookError(
                "custom_nnom_backend = cmsis-nn, but no CMSIS-NN library is among this "
                f"project's libraries (no {CMSIS_NN_HEADER} in lib_deps, lib/ or the include "
                "path); add it to lib_deps, e.g. lib_deps = symlink:///path/to/CMSIS-NN"
            )
        return "cmsis-nn", f"custom_nnom_backend = cmsis-nn; {where}"
    if cpu not in CMSIS_NN_CPUS:
        return "local", f"auto: {where}"
    if available():
        return "cmsis-nn", f"auto: {cpu} and a CMSIS-NN library in the project"
    return "local", f"auto: {cpu}, but no CMSIS-NN library in lib_deps"


def arena_variant(env, backend: str, cpu: str) -> tuple[str, str]:
    """(backend, layout) of memory.plan() for this build: the arena that
    NNOM_ARENA_BYTES_BUILD picks in the header."""
    flags = f"{project_option(env, 'build_flags')} {env.get('CPPDEFINES', '')}"
    if "NNOM_USING_CHW" in flags:
        return "local", "chw"
    if backend == "cmsis-nn":
        return ("cmsis-nn-mve" if cpu in HELIUM_CPUS else "cmsis-nn-dsp"), "hwc"
    return "local", "hwc"


def apply_backend(env, projenv, backend: str) -> None:
    macro = BACKEND_MACRO[backend]
    for e in (env, projenv):
        if e is not None:
            e.Append(CPPDEFINES=[macro])


# ------------------------------------------------------- converter package


def converter_dir(lib_dir: str) -> str:
    """The `nnom` package to run: the one shipped with this library, else PlatformIO's."""
    own = os.path.join(lib_dir, "nnom")
    if os.path.isfile(os.path.join(own, "__init__.py")):
        return own  # a source checkout: library.json and nnom/ side by side
    parent = os.path.dirname(os.path.abspath(lib_dir))
    if os.path.basename(lib_dir) == "_lib" and os.path.isfile(os.path.join(parent, "__init__.py")):
        return parent  # the copy of the library inside an installed nnom wheel
    spec = importlib.util.find_spec("nnom")
    if spec is not None and spec.submodule_search_locations:
        return list(spec.submodule_search_locations)[0]
    raise HookError(
        "cannot find NNoM's converter (the nnom Python package): install it into "
        f"PlatformIO's Python with: {sys.executable} -m pip install /path/to/nnom (a checkout)"
    )


def converter_fingerprint(package: str) -> str:
    """Hash of every .py file of the converter: any change regenerates the header."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "_lib"))
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, package).encode())
                with open(path, "rb") as fp:
                    digest.update(fp.read())
    return digest.hexdigest()


def ensure_requirements() -> None:
    missing = [name for name in REQUIREMENTS if importlib.util.find_spec(name) is None]
    if not missing:
        return
    specs = [REQUIREMENTS[name] for name in missing]
    print(
        f"NNoM: installing {' and '.join(missing)} into PlatformIO's Python "
        f"({sys.executable}) to convert the model",
        flush=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", *specs],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    importlib.invalidate_caches()
    if result.returncode != 0 or any(importlib.util.find_spec(n) is None for n in missing):
        raise HookError(
            f"PlatformIO's Python lacks {' and '.join(missing)} and pip could not install "
            f"them; install them yourself: {sys.executable} -m pip install {' '.join(specs)}"
        )


def load_converter(package: str):
    """Import the nnom package from `package` (a folder), without TensorFlow."""
    loaded = sys.modules.get("nnom")
    if loaded is not None:
        here = os.path.dirname(os.path.abspath(getattr(loaded, "__file__", "") or ""))
        if here == os.path.abspath(package):
            return loaded
        for name in [m for m in sys.modules if m == "nnom" or m.startswith("nnom.")]:
            del sys.modules[name]
    ensure_requirements()
    spec = importlib.util.spec_from_file_location(
        "nnom", os.path.join(package, "__init__.py"), submodule_search_locations=[package]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["nnom"] = module
    try:
        spec.loader.exec_module(module)
    except ImportError as err:
        del sys.modules["nnom"]
        raise HookError(f"cannot import NNoM's converter from {package}: {err}") from None
    return module


# ------------------------------------------------------------- generation


def _file_digest(path: str, label: str) -> str:
    try:
        with open(path, "rb") as fp:
            return hashlib.sha256(fp.read()).hexdigest()
    except OSError:
        raise HookError(f"{label} '{path}' cannot be read (no such file?)") from None


class Job:
    """What to generate, from the project's options."""

    def __init__(self, env, lib_dir: str, variant: tuple[str, str] = ("local", "hwc")):
        project = env.subst("$PROJECT_DIR")
        self.variant = variant
        self.model = os.path.join(project, project_option(env, "custom_nnom_model"))
        if os.path.isdir(self.model):
            raise HookError(
                f"custom_nnom_model = {project_option(env, 'custom_nnom_model')} is a "
                "directory: give the model file (.h5 or .keras)"
            )
        calib = project_option(env, "custom_nnom_calibration")
        if not calib and not self.model.lower().endswith(".tflite"):
            raise HookError(
                "custom_nnom_model is set but custom_nnom_calibration is not: give a .npy/.npz "
                "of a few hundred typical inputs"
            )
        self.calibration = os.path.join(project, calib) if calib else ""
        self.header = project_option(env, "custom_nnom_header", "weights.h")
        if not self.header or os.path.basename(self.header) != self.header:
            raise HookError(
                f"custom_nnom_header = {self.header}: give a file name such as weights.h, "
                "no folder (the header is generated in the build folder)"
            )
        if self.header == GOLDEN_HEADER:
            raise HookError(f"custom_nnom_header cannot be {GOLDEN_HEADER} (the golden vectors)")
        golden = project_option(env, "custom_nnom_golden", "0") or "0"
        try:
            self.golden = int(golden)
        except ValueError:
            raise HookError(f"custom_nnom_golden = {golden}: give a number of vectors") from None
        golden_data = project_option(env, "custom_nnom_golden_data")
        self.golden_data = os.path.join(project, golden_data) if golden_data else ""
        self.per_tensor = project_option(env, "custom_nnom_per_tensor", "no").lower() in TRUE
        self.gen_dir = os.path.join(env.subst("$BUILD_DIR"), GEN_DIR_NAME)
        self.package = converter_dir(lib_dir)

    def digest(self) -> str:
        parts = {
            "model": _file_digest(self.model, "custom_nnom_model"),
            "calibration": (
                _file_digest(self.calibration, "custom_nnom_calibration")
                if self.calibration
                else ""
            ),
            "golden_data": (
                _file_digest(self.golden_data, "custom_nnom_golden_data")
                if self.golden_data and self.golden
                else ""
            ),
            "options": [self.header, self.golden, self.per_tensor],
            "converter": converter_fingerprint(self.package),
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def outputs(self) -> list[str]:
        names = [self.header] + ([GOLDEN_HEADER] if self.golden else [])
        return [os.path.join(self.gen_dir, name) for name in names]

    def up_to_date(self, digest: str) -> bool:
        try:
            with open(os.path.join(self.gen_dir, STAMP_NAME), encoding="utf-8") as fp:
                stamp = json.load(fp)
        except (OSError, ValueError):
            return False
        return stamp.get("digest") == digest and all(os.path.isfile(p) for p in self.outputs())

    def generate(self, digest: str) -> None:
        stamp = os.path.join(self.gen_dir, STAMP_NAME)
        if os.path.exists(stamp):
            os.remove(stamp)  # a failed conversion must be retried by the next build
        nnom = load_converter(self.package)
        from nnom.calibration import load_calibration
        from nnom.golden import golden_count, save_golden

        os.makedirs(self.gen_dir, exist_ok=True)
        try:
            calib = load_calibration(self.calibration) if self.calibration else None
            model = nnom.convert(self.model, calib, per_channel=not self.per_tensor)
            model.save_header(os.path.join(self.gen_dir, self.header))
            golden_path = os.path.join(self.gen_dir, GOLDEN_HEADER)
            if self.golden:
                data = load_calibration(self.golden_data) if self.golden_data else calib
                if data is None:
                    raise HookError("custom_nnom_golden needs custom_nnom_golden_data here")
                save_golden(model, data, self.golden, golden_path, self.header)
                vectors = golden_count(model, data, self.golden)
            elif os.path.exists(golden_path):
                os.remove(golden_path)
        except nnom.NnomError as err:
            raise HookError(str(err)) from None
        except Exception as err:  # noqa: BLE001 - a converter bug: still one line
            raise HookError(
                f"converting {os.path.basename(self.model)} failed: {type(err).__name__}: {err} "
                "(a converter bug: please report it with the model file)"
            ) from None
        with open(stamp, "w", encoding="utf-8") as fp:
            json.dump({"digest": digest, "nnom": nnom.__version__}, fp)
        from nnom.memory import plan

        extra = f" and {GOLDEN_HEADER} ({vectors} vectors)" if self.golden else ""
        backend, layout = self.variant
        arena = plan(model.graph, backend, layout).arena_bytes
        kind = "CHW" if layout == "chw" else backend
        print(
            f"NNoM: generated {self.header}{extra} from {os.path.basename(self.model)} "
            f"(arena {arena} bytes, {kind} build)",
            flush=True,
        )


# ------------------------------------------------------------------- main


def run(env, projenv, lib_dir: str) -> None:
    check_option_names(env.GetProjectConfig().options(env=env["PIOENV"]))
    model = project_option(env, "custom_nnom_model")
    requested = project_option(env, "custom_nnom_backend", "auto").lower() or "auto"
    explicit = model or env.GetProjectOption("custom_nnom_backend", None) is not None

    found: list[str] = []

    def available() -> bool:
        found.append(cmsis_nn_include(env, lib_dir))
        return bool(found[-1])

    cpu = board_cpu(env)
    backend, reason = choose_backend(requested, cpu, available)
    apply_backend(env, projenv, backend)
    if backend == "cmsis-nn":
        # NNoM's CMSIS-NN kernels include arm_nnfunctions.h.
        env.Append(CPPPATH=[found[-1]])
    from SCons.Script import DefaultEnvironment

    shown = "_NNOM_BACKEND_SHOWN"  # the script may run twice in one build
    global_env = DefaultEnvironment()
    if explicit and not global_env.get(shown):
        print(f"NNoM: backend {backend} ({reason})", flush=True)
        global_env[shown] = True

    shrink = shrink_requested(env)
    if not model:
        if shrink:
            raise HookError("custom_nnom_shrink = yes needs custom_nnom_model (the model to fit)")
        return
    job = Job(env, lib_dir, arena_variant(env, backend, cpu))
    digest = job.digest()
    if not job.up_to_date(digest):
        job.generate(digest)
    # Reaches the project's sources, its tests and the dependency finder.
    env.Append(CPPPATH=[job.gen_dir])
    profiler = Profiler(env, job, backend, found[-1] if backend == "cmsis-nn" else "", cpu)
    masks: list[str] = []
    if shrink:
        masks = apply_shrink(env, profiler, digest, lib_dir)
    add_profile_target(env, profiler, masks)


# ----------------------------------------------------- the build's profile


def build_opt(env) -> str:
    """The -O level of the env's compiles: the last on the command line wins."""
    level = "-O0"
    for flag in env.Flatten([env.get("CFLAGS", []), env.get("CCFLAGS", [])]):
        flag = env.subst(str(flag))
        if flag.startswith("-O"):
            level = flag
    return level


def user_defines(env) -> list[str]:
    """The -D flags of the env's build_flags, as the compiler gets them."""
    parsed = env.ParseFlags(env.subst(project_option(env, "build_flags")))
    flags = []
    for define in parsed.get("CPPDEFINES", []):
        if isinstance(define, (list, tuple)):
            flags.append(f"-D{define[0]}={define[1]}")
        else:
            flags.append(f"-D{define}")
    return flags


def define_name(flag: str) -> str:
    return flag[2:].split("=", 1)[0]


class Profiler:
    """`nnom profile` of the project's model as this env builds it: its
    emulated board (a real board: the emulated one with its core), backend,
    -O level and build_flags defines. Used by the nnom-profile target and
    by custom_nnom_shrink."""

    def __init__(self, env, job: Job, backend: str, cmsis_include: str, cpu: str):
        self.job, self.backend, self.cpu = job, backend, cpu
        self.qemucm = env.PioPlatform().name == "qemucm"
        self.board = env.subst("$BOARD") if self.qemucm else cpu
        self.level = build_opt(env)
        self.opt = PROFILE_OPT.get(self.level, "O2")
        self.defines = user_defines(env)
        self.child = dict(os.environ, PYTHONPATH=os.path.dirname(job.package))
        if self.qemucm:
            platform_dir = os.path.join(env.subst("$PROJECT_DIR"), env.PioPlatform().get_dir())
            self.child["NNOM_QEMUCM_PLATFORM"] = platform_dir
        if cmsis_include:
            self.child["NNOM_CMSIS_NN_DIR"] = os.path.dirname(os.path.normpath(cmsis_include))

    def command(self, out_json: str, extra: list[str], more: list[str]) -> list[str]:
        job = self.job
        cmd = [sys.executable, "-m", "nnom.cli", "profile", job.model]
        cmd += ["-c", job.calibration] if job.calibration else []
        cmd += ["--board", self.board, "--backend", self.backend, "--opt", self.opt]
        cmd += [*self.defines, *extra, "--json", out_json, *more]
        return cmd + (["--per-tensor"] if job.per_tensor else [])


# ----------------------------------------------------------------- shrink


def shrink_requested(env) -> bool:
    value = project_option(env, "custom_nnom_shrink", "no").lower() or "no"
    if value not in ("no", "yes"):
        raise HookError(
            f"custom_nnom_shrink = {value}: use yes (link only the kernel paths the model "
            "takes, found on the emulated core) or no (every path)"
        )
    return value == "yes"


def shrink_skip_reason(cpu: str, level: str) -> str:
    """Why the masks change nothing in this build, or ""."""
    if not cpu.startswith("cortex-m"):
        return "no Cortex-M core (a host build links the portable kernels alone)"
    if cpu not in CMSIS_NN_CPUS:
        return f"the {cpu} has no DSP paths to leave out"
    if level in SIZE_LEVELS:
        return f"{level} links the compact paths, which the masks do not change"
    if cpu not in EMULATED_CPUS:
        return f"no emulated {cpu} to find the paths on; set the masks by hand (docs/profile.md)"
    return ""


def runtime_files(lib_dir: str) -> list[list]:
    """The C runtime's files (src, inc, port) as [path, size, mtime_ns], in order."""
    files = []
    for part in ("src", "inc", "port"):
        for folder, dirs, names in os.walk(os.path.join(lib_dir, part)):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                st = os.stat(path)
                files.append([os.path.relpath(path, lib_dir), st.st_size, st.st_mtime_ns])
    return files


def runtime_fingerprint(lib_dir: str, files: list[list], stored: dict) -> str:
    """Hash of the C runtime (another runtime may take other paths): the
    stored one while no file's path, size or mtime changed (hashing the
    sources costs 20 to 24 ms a build), else the files' contents hashed."""
    if stored.get("runtime_files") == files and stored.get("runtime_hash"):
        return str(stored["runtime_hash"])
    digest = hashlib.sha256()
    for rel, _, _ in files:
        digest.update(rel.encode())
        with open(os.path.join(lib_dir, rel), "rb") as fp:
            digest.update(fp.read())
    return digest.hexdigest()


def say_once(flag: str, line: str) -> None:
    from SCons.Script import DefaultEnvironment

    global_env = DefaultEnvironment()  # the script may run twice in one build
    if not global_env.get(flag):
        print(line, flush=True)
        global_env[flag] = True


def apply_shrink(env, profiler: Profiler, digest: str, lib_dir: str) -> list[str]:
    """custom_nnom_shrink = yes: the mask flags this build gets (added to
    NNoM's sources): from the cache when nothing they depend on changed,
    else found with `nnom profile`. build_flags' own masks win."""
    reason = shrink_skip_reason(profiler.cpu, profiler.level)
    if reason:
        say_once("_NNOM_SHRINK_SHOWN", f"NNoM: custom_nnom_shrink: {reason}; nothing added")
        return []
    own = {define_name(d) for d in profiler.defines} & set(MASK_MACROS)
    if own == set(MASK_MACROS):
        say_once("_NNOM_SHRINK_SHOWN", "NNoM: custom_nnom_shrink: build_flags set both masks")
        return []
    plain = [d for d in profiler.defines if define_name(d) not in MASK_MACROS]
    cache = os.path.join(profiler.job.gen_dir, SHRINK_NAME)
    try:
        with open(cache, encoding="utf-8") as fp:
            stored = json.load(fp)
    except (OSError, ValueError):
        stored = {}
    files = runtime_files(lib_dir)
    runtime = runtime_fingerprint(lib_dir, files, stored)
    key = hashlib.sha256(
        json.dumps(
            [digest, profiler.cpu, profiler.board, profiler.backend, profiler.opt, plain]
            + [profiler.child.get("NNOM_CMSIS_NN_DIR", ""), runtime]
        ).encode()
    ).hexdigest()
    if stored.get("key") == key:
        flags, how = str(stored.get("flags", "")).split(), "cached"
    else:
        flags, how = find_masks(profiler, cache), "found now"
    if stored.get("key") != key or stored.get("runtime_files") != files:
        with open(cache, "w", encoding="utf-8") as fp:
            json.dump(
                {
                    "key": key,
                    "flags": " ".join(flags),
                    "runtime_files": files,
                    "runtime_hash": runtime,
                },
                fp,
            )
    kept = [f for f in flags if define_name(f) not in own]
    where = f"{profiler.board}, {profiler.level}, {how}"
    if not flags:
        say_once("_NNOM_SHRINK_SHOWN", f"NNoM: custom_nnom_shrink: no path to leave out ({where})")
        return []
    for flag in kept:
        name, value = flag[2:].split("=", 1)
        env.Append(CPPDEFINES=[(name, value)])
    yours = f"; {', '.join(sorted(own))} from build_flags" if own else ""
    say_once("_NNOM_SHRINK_SHOWN", f"NNoM: custom_nnom_shrink: {' '.join(kept)} ({where}{yours})")
    return kept


def find_masks(profiler: Profiler, cache: str) -> list[str]:
    """The mask flags `nnom profile --masks` finds for the model on the emulated
    core (it sets aside any masks among the build's -D flags)."""
    missing = [tool for tool in ARM_TOOLS if shutil.which(tool) is None]
    if missing:
        raise HookError(
            f"custom_nnom_shrink = yes needs {' and '.join(missing)} to find the model's paths "
            "on the emulated core: install them (Debian/Ubuntu: apt-get install "
            "gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm), or set "
            "custom_nnom_shrink = no and the masks nnom profile prints in build_flags"
        )
    if not profiler.job.calibration:
        raise HookError(
            "custom_nnom_shrink = yes needs custom_nnom_calibration: inputs to run the model "
            "on the emulated core"
        )
    out = cache + ".profile.json"
    print(f"NNoM: custom_nnom_shrink: running the model on {profiler.board}", flush=True)
    cmd = profiler.command(out, [], ["--masks"])
    result = subprocess.run(
        cmd, env=profiler.child, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("nnom: error: ")]
    if result.returncode != 0:
        why = errors[-1][len("nnom: error: ") :] if errors else result.stderr.strip()[-300:]
        raise HookError(f"custom_nnom_shrink: nnom profile failed: {why}")
    with open(out, encoding="utf-8") as fp:
        data = json.load(fp)
    os.remove(out)
    return str(data.get("shrink_flags", "")).split()


def add_profile_target(env, profiler: Profiler, masks: list[str]) -> None:
    """`pio run -e ENV -t nnom-profile`: `nnom profile` of the project's model
    as this env builds it (Profiler; with custom_nnom_shrink's masks); the
    page and JSON go to the build folder."""
    from SCons.Script import DefaultEnvironment

    global_env = DefaultEnvironment()
    if "nnom-profile" in (global_env.get("__PIO_TARGETS") or {}):
        return
    board = profiler.board
    out = os.path.join(env.subst("$BUILD_DIR"), "nnom_profile")
    cmd = profiler.command(out + ".json", masks, ["--html", out + ".html"])

    def profile(target, source, env):
        if not board:
            sys.stderr.write(
                f"nnom: error: env {env.subst('$PIOENV')} has no Cortex-M core to emulate; "
                "profile on a qemucm env instead, e.g. pio run -e qemu_m4 -t nnom-profile\n"
            )
            return 1
        if PROFILE_OPT.get(profiler.level, "O2") != profiler.level[1:]:
            print(f"NNoM: the build's {profiler.level} is profiled at -{profiler.opt}", flush=True)
        return subprocess.run(cmd, env=profiler.child, stdin=subprocess.DEVNULL).returncode

    global_env.AddCustomTarget(
        name="nnom-profile",
        dependencies=None,
        actions=[env.VerboseAction(profile, "NNoM: profiling the model on " + board)],
        title="NNoM profile",
        description="Per-layer instructions, RAM and flash of the model on an emulated board",
    )


def _scons_main() -> None:
    started = time.perf_counter()
    Import("env", "pio_lib_builder")  # noqa: F821 - SCons provides Import()
    try:
        Import("projenv")  # noqa: F821
        project_env = projenv  # noqa: F821
    except Exception:  # noqa: BLE001 - not exported: IDE metadata stage
        project_env = None
    try:
        run(env, project_env, pio_lib_builder.path)  # noqa: F821
    except HookError as err:
        sys.stderr.write(f"nnom: error: {err}\n")
        sys.stderr.flush()
        env.Exit(2)  # noqa: F821 - a user error, as `nnom convert` exits
    if os.environ.get("NNOM_HOOK_TIMING"):  # bench/pio_hook.py
        print(f"NNoM: hook took {(time.perf_counter() - started) * 1000:.2f} ms", flush=True)


if "Import" in globals():
    _scons_main()
