"""The compiler flags of a build that links only the paths a model takes."""

from __future__ import annotations

from collections.abc import Iterable

from .. import backends

# the defines of the masks, as a build's flags carry them
MASK_DEFINES = ("-DNNOM_DW_STEPS=", "-DNNOM_CONV_PATHS=")
# the C constructors of the layers each mask covers (nnom_dwconv2d.c, nnom_conv2d.c)
DW_CONSTRUCTOR = "nnom_dwconv2d_s"
CONV_CONSTRUCTOR = "nnom_conv2d_s"


def dw_steps_flag(mask: int) -> str:
    """The compiler flag that links only these depthwise steps (-O2 builds)."""
    return f"-DNNOM_DW_STEPS={mask:#x}ULL"


def conv_paths_flag(mask: int) -> str:
    """The compiler flag that links only these Conv2D paths (-O2 builds)."""
    return f"-DNNOM_CONV_PATHS={mask:#x}ULL"


def without_masks(flags: tuple[str, ...]) -> tuple[str, ...]:
    """A build's flags without its masks (a build that finds them sets its own)."""
    return tuple(f for f in flags if not f.startswith(MASK_DEFINES))


def reports_paths(cpu: str, opt: str, flags: Iterable[str] = ()) -> bool:
    """Whether a build reports every path its layers take (the local kernels'
    assembly loops: -O2 on cores with the DSP extension, not turned off by
    NNOM_LOCAL_NO_DSP), so that a mask of 0 says "only the always-linked
    paths" (elsewhere the firmware reports no inner path: 0 says nothing)."""
    return (
        backends.core_kind(cpu) is not None
        and backends.local_mac_asm(opt)
        and not any(f.startswith("-DNNOM_LOCAL_NO_DSP") for f in flags)
    )


def model_masks(
    constructors: Iterable[str], dw_steps: int, conv_paths: int, reported: bool
) -> tuple[int | None, int | None]:
    """The masks to set from what the firmware reported: None where the model
    has no such layer (or the build does not report a 0 it could trust), else
    the mask, 0 included (every such layer on CMSIS-NN's kernel or the
    always-linked loops: the build links none of the other paths)."""
    made = set(constructors)

    def mask(value: int, constructor: str) -> int | None:
        return value if value or (reported and constructor in made) else None

    return mask(dw_steps, DW_CONSTRUCTOR), mask(conv_paths, CONV_CONSTRUCTOR)


def layer_constructors(converted) -> set[str]:
    """The C constructors of a converted model's layers (model_masks' input)."""
    from ..ops import registry

    return {registry.get(lay.op).c_constructor for lay in converted.plan.layers if lay.node}


def prune_flags(dw_steps: int | None, conv_paths: int | None) -> str:
    """The compiler flags that link only these depthwise steps and Conv2D
    paths (-O2 builds; None = no such mask: no flag, all linked; 0 is a mask
    that links none of the named paths)."""
    flags = [] if dw_steps is None else [dw_steps_flag(dw_steps)]
    if conv_paths is not None:
        flags.append(conv_paths_flag(conv_paths))
    return " ".join(flags)
