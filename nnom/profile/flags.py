"""The compiler flags of a build that links only the paths a model takes."""

from __future__ import annotations

# the defines of the masks, as a build's flags carry them
MASK_DEFINES = ("-DNNOM_DW_STEPS=", "-DNNOM_CONV_PATHS=")


def dw_steps_flag(mask: int) -> str:
    """The compiler flag that links only these depthwise steps (-O2 builds)."""
    return f"-DNNOM_DW_STEPS={mask:#x}ULL"


def conv_paths_flag(mask: int) -> str:
    """The compiler flag that links only these Conv2D paths (-O2 builds)."""
    return f"-DNNOM_CONV_PATHS={mask:#x}ULL"


def without_masks(flags: tuple[str, ...]) -> tuple[str, ...]:
    """A build's flags without its masks (a build that finds them sets its own)."""
    return tuple(f for f in flags if not f.startswith(MASK_DEFINES))


def prune_flags(dw_steps: int, conv_paths: int) -> str:
    """The compiler flags that link only these depthwise steps and Conv2D
    paths (-O2 builds; a mask of 0 = no such layer: no flag, all linked)."""
    flags = [dw_steps_flag(dw_steps)] if dw_steps else []
    if conv_paths:
        flags.append(conv_paths_flag(conv_paths))
    return " ".join(flags)
