"""Finding files under ``resources/`` in a checkout or an installed copy."""

from __future__ import annotations

import sys
from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "resources",  # a checkout or editable install
    Path(sys.prefix) / "share" / "safedesk" / "resources",  # a wheel's data files
)


def resource_path(*parts: str) -> Path:
    for base in _CANDIDATES:
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"SafeDesk resource missing: {'/'.join(parts)}")
