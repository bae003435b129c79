"""The compiler flags of a build that links only the paths a model takes."""

from __future__ import annotations

# the defines of the masks, as a build's flags carry them
MASK_DEFINES = ("-DNNOM_DW_STEPS=", "-DNNOM_CONV_PATHS=")


def dw_steps_flag(mask: int) -> str:
    """The compiler flag that links only these depthwise steps (-O2 builds)."""
    return f"-DNNOM_DW_STEPS={mask:#x}ULL"


def prune_flags(dw_steps: int, conv_paths: int) -> str:
    """The compiler flags that link only these depthwise steps and Conv2D
    paths (-O2 builds; a mask of 0 = no such layer: no flag, all linked)."""
    flags = [dw_steps_flag(dw_steps)] if dw_steps else []
    if conv_paths:
        flags.append(f"-DNNOM_CONV_PATHS={conv_paths:#x}ULL")
    return " ".join(flags)
