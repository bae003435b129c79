"""SCons build script of the qemucm platform.

Builds firmware.elf with the arm-none-eabi-gcc found on PATH, links the
platform's startup code and semihosting C library, and writes `program`, a
small script that runs firmware.elf under qemu-system-arm. `pio test` runs
that script (this platform is not an "embedded" one for PlatformIO: nothing
is uploaded), and the `exec` and `upload` targets run it too.
"""

import os
import shlex
import sys

from SCons.Script import COMMAND_LINE_TARGETS, AlwaysBuild, Default, DefaultEnvironment

env = DefaultEnvironment()
platform = env.PioPlatform()
board = env.BoardConfig()

PLATFORM_DIR = os.path.join(env.subst("$PROJECT_DIR"), platform.get_dir())
RUNNER = os.path.join(PLATFORM_DIR, "builder", "qemucm_run.py")

cpu = board.get("build.cpu")
icount_shift = int(board.get("qemu.icount_shift", 10))

machine_flags = ["-mthumb", f"-mcpu={cpu}"]
if board.get("build.fpu", ""):
    machine_flags += [
        f"-mfpu={board.get('build.fpu')}",
        f"-mfloat-abi={board.get('build.float_abi', 'hard')}",
    ]
else:
    machine_flags.append("-mfloat-abi=soft")

env.Replace(
    AR="arm-none-eabi-gcc-ar",
    AS="arm-none-eabi-as",
    CC="arm-none-eabi-gcc",
    CXX="arm-none-eabi-g++",
    GDB="gdb-multiarch",
    OBJCOPY="arm-none-eabi-objcopy",
    RANLIB="arm-none-eabi-gcc-ranlib",
    SIZETOOL="arm-none-eabi-size",
    ARFLAGS=["rc"],
    SIZEPROGREGEXP=r"^(?:\.isr_vector|\.text|\.rodata|\.ARM\.exidx|\.ARM\.extab"
    r"|\.preinit_array|\.init_array|\.fini_array|\.data)\s+(\d+).*",
    SIZEDATAREGEXP=r"^(?:\.data|\.bss)\s+(\d+).*",
    SIZECHECKCMD="$SIZETOOL -A -d $SOURCES",
    SIZEPRINTCMD="$SIZETOOL -B -d $SOURCES",
    PROGNAME="firmware",
    PROGSUFFIX=".elf",
)

env.Append(
    ASFLAGS=machine_flags,
    ASPPFLAGS=["-x", "assembler-with-cpp"],
    CCFLAGS=machine_flags + ["-Os", "-Wall", "-ffunction-sections", "-fdata-sections"],
    CXXFLAGS=["-fno-rtti", "-fno-exceptions", "-fno-threadsafe-statics"],
    CPPDEFINES=[
        ("F_CPU", "$BOARD_F_CPU"),
        ("QEMUCM_ICOUNT_SHIFT", icount_shift),
    ],
    CPPPATH=[os.path.join(PLATFORM_DIR, "include")],
    LINKFLAGS=machine_flags
    + [
        "-Os",
        "-nostartfiles",
        "--specs=rdimon.specs",
        "-Wl,--gc-sections",
        "-Wl,--no-warn-rwx-segments",
    ],
    LIBS=["m"],
)

if not env.WhereIs("$CC"):
    sys.stderr.write(
        "Error: arm-none-eabi-gcc is not on PATH; install it "
        "(Debian/Ubuntu: apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)\n"
    )
    env.Exit(1)

if not board.get("build.ldscript", ""):
    sys.stderr.write(f"Error: qemucm board {env.subst('$BOARD')} has no build.ldscript\n")
    env.Exit(1)
env.Replace(LDSCRIPT_PATH=board.get("build.ldscript"))

# Objects, not a library: the vector table must always be linked.
env.BuildSources(
    os.path.join("$BUILD_DIR", "qemucm_startup"), os.path.join(PLATFORM_DIR, "startup")
)

if "nobuild" in COMMAND_LINE_TARGETS:
    target_elf = env.File(os.path.join("$BUILD_DIR", "${PROGNAME}${PROGSUFFIX}"))
else:
    target_elf = env.BuildProgram()


def _write_runner(target, source, env):
    """`program`: runs the firmware under QEMU with this board's settings."""
    argv = [
        sys.executable,
        RUNNER,
        "--machine",
        board.get("qemu.machine"),
        "--icount-shift",
        str(icount_shift),
        "--timeout",
        str(board.get("qemu.timeout", 60)),
        "--qemu",
        board.get("qemu.executable", "qemu-system-arm"),
        os.path.abspath(str(source[0])),
    ]
    path = str(target[0])
    with open(path, "w", encoding="utf-8") as fp:
        fp.write("#!/bin/sh\n# Written by the qemucm platform: runs the firmware under QEMU.\n")
        fp.write(f'exec {shlex.join(argv)} "$@"\n')
    os.chmod(path, 0o755)
    return None


runner = env.Command(
    os.path.join("$BUILD_DIR", "program"),
    target_elf,
    env.VerboseAction(_write_runner, "Writing QEMU runner $TARGET"),
)
env.Depends(runner, env.Value(repr(sorted(board.get("qemu", {}).items()))))
env.Depends(runner, env.File(RUNNER))

protocol = env.subst("$UPLOAD_PROTOCOL") or "qemu"
if protocol != "qemu":
    sys.stderr.write("Error: qemucm boards only support upload_protocol = qemu\n")
    env.Exit(1)

run_action = env.VerboseAction(
    shlex.quote(os.path.join(env.subst("$BUILD_DIR"), "program")), "Running $SOURCE under QEMU"
)
AlwaysBuild(env.Alias("exec", [target_elf, runner], run_action))
AlwaysBuild(env.Alias("upload", [target_elf, runner], run_action))

# PlatformIO adds its "checkprogsize" target (RAM/Flash usage) to the defaults.
Default([target_elf, runner])
