"""NNoM: deploy Keras models to microcontrollers as int8 C."""

from .errors import NnomError
from .version import __version__

__all__ = ["NnomError", "__version__"]
