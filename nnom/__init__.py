"""NNoM: deploy Keras models to microcontrollers as int8 C."""

from .api import ConvertedModel, convert, generate_model
from .errors import NnomError
from .version import __version__

__all__ = ["ConvertedModel", "NnomError", "__version__", "convert", "generate_model"]
