"""Run a qemucm firmware under qemu-system-arm; QEMU's exit code is the program's.

Used by the `program` script the build writes next to firmware.elf:
    qemucm_run.py --machine M [--icount-shift 10] [--timeout 60] firmware.elf [QEMU options]

Semihosting carries printf output and exit(); -icount makes virtual time a
function of the instruction count only, so runs are deterministic. A program
that does not finish within the timeout is killed (exit code 124).
"""

import argparse
import shutil
import subprocess
import sys
import threading

TIMEOUT_EXIT_CODE = 124
# Printed by QEMU 7.2's lm3s6965evb model itself on every run; not the program's.
QEMU_NOISE = {b"Timer with period zero, disabling"}


def build_command(args, extra):
    return [
        args.qemu,
        "-machine",
        args.machine,
        "-display",
        "none",
        "-monitor",
        "none",
        "-serial",
        "none",
        "-semihosting-config",
        "enable=on,target=native",
        "-icount",
        f"shift={args.icount_shift},sleep=off",
        "-kernel",
        args.firmware,
    ] + extra


def _copy_stderr(pipe):
    """Pass QEMU's stderr through, minus its known noise."""
    for line in iter(pipe.readline, b""):
        if line.strip() not in QEMU_NOISE:
            sys.stderr.buffer.write(line)
            sys.stderr.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--machine", required=True, help="QEMU -machine, e.g. mps2-an386")
    parser.add_argument("--icount-shift", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds of wall time")
    parser.add_argument("--qemu", default="qemu-system-arm")
    parser.add_argument("firmware")
    args, extra = parser.parse_known_args(argv)

    if shutil.which(args.qemu) is None:
        sys.stderr.write(
            f"qemucm: {args.qemu} not found; install it "
            "(Debian/Ubuntu: apt-get install qemu-system-arm)\n"
        )
        return 127
    cmd = build_command(args, extra)
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as exc:
        sys.stderr.write(f"qemucm: cannot start {args.qemu}: {exc}\n")
        return 127
    copier = threading.Thread(target=_copy_stderr, args=(proc.stderr,), daemon=True)
    copier.start()
    try:
        code = proc.wait(timeout=args.timeout if args.timeout > 0 else None)
        copier.join(timeout=5)
        return code
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        copier.join(timeout=5)
        sys.stdout.flush()
        sys.stderr.write(
            f"\nqemucm: the program did not finish within {args.timeout:g} s and was "
            "stopped (raise the limit with board_qemu.timeout = <seconds>)\n"
        )
        return TIMEOUT_EXIT_CODE
    except KeyboardInterrupt:
        proc.kill()
        proc.wait()
        return 130


if __name__ == "__main__":
    sys.exit(main())
