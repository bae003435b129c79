#!/usr/bin/env bash
# Runs every test: Python, C on the host (with sanitizers), PlatformIO native
# and the emulated Cortex-M boards. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLATFORMIO_CORE_DIR="${PLATFORMIO_CORE_DIR:-$PWD/.pio-core}"
export PLATFORMIO_SETTING_ENABLE_TELEMETRY=No
exec .venv/bin/python -m pytest -n "${NNOM_TEST_JOBS:-2}" "$@"
