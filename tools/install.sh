#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: the Arm toolchain and QEMU
# (for the emulated boards), a virtualenv in .venv with NNoM and its
# development tools, and an offline PlatformIO core in .pio-core.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="gcc make gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm python3-venv"
missing=""
for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing Debian packages:$missing"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
.venv/bin/nnom pio-offline .pio-core
echo "set-up done: run tools/test.sh"
