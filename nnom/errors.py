"""Errors a user can act on. The CLI prints them as one line, no traceback."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Control characters (a newline in a layer name) shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class NnomError(Exception):
    """Base class: the message says what is wrong and what to do, on one line."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(one_line(a) if isinstance(a, str) else a for a in args))


class ModelFileError(NnomError):
    """The model file cannot be read as a Keras model."""


class UnsupportedLayerError(NnomError):
    """A layer (or an option of it) that NNoM cannot convert."""

    def __init__(self, layer: str, class_name: str, what: str):
        self.layer = layer
        self.class_name = class_name
        super().__init__(f"layer '{layer}' ({class_name}): {what}")


class CalibrationError(NnomError):
    """The calibration data does not fit the model."""
