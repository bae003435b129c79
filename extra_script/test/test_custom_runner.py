"""`pio test` runner (test_framework = custom): NNoM's own, loaded from the library.

Written by NNoM (`nnom init` or its build hook, which rewrites it when the
library moves). It reads the Unity-format lines of nnom_golden_test.h; no
Unity is needed.
"""

import importlib.util

RUNNER = '/work/wt/onboarding/test/test_custom_runner.py'

_spec = importlib.util.spec_from_file_location("nnom_test_runner", RUNNER)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
CustomTestRunner = _module.CustomTestRunner
