"""The generated models of test_boards.py, one module per kernel area; each
family is registered where its cases are declared (registry.py)."""

from . import dense_pw, dw_basic, dw_channels, dw_lines, dw_windows, misc, tamper  # noqa: F401 (they register)
from .common import WithoutRecords, calibration
from .dense_pw import dense2_right1
from .dw_channels import CHAN5_CLAMP_CASES, chan5_clamp_model
from .registry import FAMILIES, Family

__all__ = [
    "CHAN5_CLAMP_CASES",
    "FAMILIES",
    "Family",
    "WithoutRecords",
    "calibration",
    "chan5_clamp_model",
    "dense2_right1",
]
