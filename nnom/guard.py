"""Keep the converter's promise: a failure is one NnomError line naming the
layer, never a traceback, and numpy's warnings never reach stderr.

`layer_errors(node, what)` turns an arithmetic or shape error raised while
working on one node into an NnomError naming its Keras layer; `quiet()`
silences numpy's floating-point warnings (the converter checks its results
for NaN and infinity itself); `converter_errors()` is the last line of
defence of the public entry points.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

import numpy as np

from .errors import CalibrationError, NnomError

# what numpy, h5py and the converter's own arithmetic raise on odd values
ODD_VALUE_ERRORS = (ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError)


def layer_label(node) -> str:
    return f"layer '{node.source or node.name}' ({node.source_class or node.op})"


@contextlib.contextmanager
def layer_errors(node, what: str, hint: str) -> Iterator[None]:
    """Errors inside the block name the node's layer: 'cannot <what> (...); <hint>'."""
    try:
        yield
    except NnomError as err:
        if str(err).startswith("layer '"):
            raise
        kind = CalibrationError if isinstance(err, CalibrationError) else NnomError
        raise kind(f"{layer_label(node)}: {err}; {hint}") from None
    except ODD_VALUE_ERRORS as err:
        raise NnomError(
            f"{layer_label(node)}: cannot {what} ({type(err).__name__}: {err}); {hint}"
        ) from None


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        yield


@contextlib.contextmanager
def converter_errors() -> Iterator[None]:
    """Anything that escaped the checks above still becomes one line."""
    try:
        with quiet():
            yield
    except NnomError:
        raise
    except (*ODD_VALUE_ERRORS, RecursionError, MemoryError, OSError) as err:
        raise NnomError(
            f"conversion failed ({type(err).__name__}: {err}); the model file may be "
            "damaged: re-save it from Keras, and report it if it loads in Keras"
        ) from None
