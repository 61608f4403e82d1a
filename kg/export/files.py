"""Atomic file writing: outputs appear whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kg.errors import OutputError


def write_atomic(path: Path, data: str | bytes | Iterable[bytes]) -> Path:
    """Write ``data`` (or each of its chunks, in order) to ``path`` through a temporary
    file in the same folder."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    chunks = [payload] if isinstance(payload, bytes) else payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror}; choose another --out") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are for sharing
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {err.strerror}") from err
    return path
