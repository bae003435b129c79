"""PlatformIO test runner for `test_framework = custom` (nothing from the registry).

The C suites print Unity's line format through test/nnom_test.h, so this
runner reuses Unity's parser: `file:line:name:PASS|FAIL|IGNORE[: message]`,
then one `N Tests F Failures I Ignored` line that ends the suite.

Unlike PlatformIO's Unity runner it also
- fails a suite whose program ends without that summary line (a crash, a
  fault, exit() from the middle): PlatformIO would otherwise count a silent
  program as skipped and pass;
- names the program's exit code, instead of PlatformIO's "received signal
  SIGHUP" for exit code 1, and does not add that error on top of the failed
  cases when exit code 1 just reports them.
"""

from collections import deque

import click
from platformio.test.exception import UnitTestSuiteError
from platformio.test.result import TestStatus
from platformio.test.runners.base import TestRunnerBase
from platformio.test.runners.readers.native import NativeTestOutputReader
from platformio.test.runners.unity import UnityTestRunner

SUMMARY_WORDS = ("Tests", "Failures", "Ignored")


class _ExitCodeReader(NativeTestOutputReader):
    """Runs the program like PlatformIO does; keeps its exit code instead of raising."""

    def raise_for_status(self, return_code):
        self.test_runner.exit_code = return_code


class CustomTestRunner(TestRunnerBase):
    EXTRA_LIB_DEPS = None  # no Unity: nothing to install
    TESTCASE_PARSE_RE = UnityTestRunner.TESTCASE_PARSE_RE
    parse_test_case = UnityTestRunner.parse_test_case

    def setup(self):
        self.summary_seen = False
        self.exit_code = 0
        self.last_lines = deque(maxlen=8)  # shown when the program dies

    def on_testing_line_output(self, line):
        if all(word in line for word in SUMMARY_WORDS):
            self.summary_seen = True
        elif line.strip() and not self.parse_test_case(line):
            self.last_lines.append(line.rstrip())
        UnityTestRunner.on_testing_line_output(self, line)

    def _ending(self):
        code = self.exit_code
        text = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        if self.last_lines and not self.options.verbose:
            text += ", its last output:\n" + "\n".join(self.last_lines)
        return text

    def _runs_program(self):
        """True when PlatformIO runs a program (native, QEMU), not a serial port."""
        env_section = f"env:{self.test_suite.env_name}"
        test_port = self.get_test_port()
        return bool(
            (not self.platform.is_embedded() and (not test_port or "://" not in test_port))
            or self.project_config.get(env_section, "test_testing_command")
        )

    def stage_testing(self):
        if self.options.without_testing:
            return None
        if not self._runs_program():
            result = super().stage_testing()
            if not self.summary_seen:
                raise UnitTestSuiteError("the test output ended without a summary line")
            return result

        click.secho("Testing...", bold=True)
        _ExitCodeReader(self).begin()
        code = self.exit_code
        if not self.summary_seen:
            raise UnitTestSuiteError(
                "the test program ended without the summary line 'N Tests F Failures "
                f"I Ignored' (did it crash, or not call NT_END()?): it {self._ending()}"
            )
        failed = any(case.status == TestStatus.FAILED for case in self.test_suite.cases)
        if code != 0 and not (code == 1 and failed):
            raise UnitTestSuiteError(f"the test program {self._ending()}")
        return None
