"""Errors a user can act on. The CLI prints them as one line, no traceback."""

from __future__ import annotations


class NnomError(Exception):
    """Base class: the message says what is wrong and what to do."""


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
