"""One version for the converter, the C runtime and the generated headers."""

__version__ = "0.1.0"
# Must equal NNOM_VERSION_MAJOR/MINOR/PATCH in inc/nnom.h (a test checks it).
VERSION_TUPLE = (0, 1, 0)
