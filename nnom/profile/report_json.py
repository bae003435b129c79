"""The profile as JSON, for tracking it in CI.

The top level is the first build (the first board, the first backend);
"profiles" lists every build with the same fields. Instruction counts are
per inference (the mean over the inputs run), exact under QEMU's -icount.
"""

from __future__ import annotations

import json
from pathlib import Path

from .result import Profile

SCHEMA = 1


def _number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 2)


def profile_dict(p: Profile, mhz: float) -> dict:
    layers = [
        {
            "index": layer.index,
            "name": layer.name,
            "kind": layer.kind,
            "shape": list(layer.shape),
            "macs": layer.macs,
            "instructions": _number(layer.instructions),
            "arena_offset": layer.out_offset,
            "arena_bytes": layer.out_bytes if layer.out_offset is not None else 0,
            "scratch_offset": layer.scratch_offset,
            "scratch_bytes": layer.scratch_bytes,
        }
        for layer in p.layers
    ]
    return {
        "board": p.board,
        "backend": p.backend,
        "opt": p.opt,
        "runs": p.runs,
        "layers": layers,
        "framework_instructions": _number(p.framework_instructions),
        "total_instructions": _number(p.total_instructions),
        "total_macs": p.macs,
        "estimated_ms": round(p.total_instructions / (mhz * 1e3), 4),
        "mhz": mhz,
        "arena_bytes": p.arena_bytes,
        "ram_bytes": p.ram_bytes,
        "stack_bytes": p.stack_bytes,
        "code_bytes": p.code_bytes,
        "weight_bytes": p.weight_bytes,
        # the flags of the build with only the paths taken ("": none made)
        "shrink_flags": p.shrink_flags,
        "runtime_code_bytes": p.runtime_code,
        "shrink_code_bytes": p.pruned_code,
    }


def to_json(profiles: list[Profile], mhz: float, source: str) -> dict:
    all_builds = [profile_dict(p, mhz) for p in profiles]
    return {"schema": SCHEMA, "model": source, **all_builds[0], "profiles": all_builds}


def write_json(profiles: list[Profile], mhz: float, source: str, path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(to_json(profiles, mhz, source), indent=2) + "\n")
    return path
