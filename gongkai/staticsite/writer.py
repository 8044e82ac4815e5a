"""Files of the static site: written whole or not at all (a temporary file beside the target,
then a rename, so a reader sees the old page or the new one, never half of either)."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def target(root: Path, relative: str) -> Path:
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise ValueError(f"outside the site: {relative!r}")
    return path


def write_atomic(root: Path, relative: str, data: bytes) -> None:
    path = target(root, relative)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    temporary = path.parent / f".{secrets.token_hex(8)}.tmp"
    try:
        with open(temporary, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read(root: Path, relative: str) -> bytes | None:
    try:
        return target(root, relative).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def remove(root: Path, relative: str) -> bool:
    """Remove a file and the directories it leaves empty (up to the root)."""
    path = target(root, relative)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    top = root.resolve()
    parent = path.parent
    while parent != top and top in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
    return True


def walk(root: Path):
    """Every file under the site (relative, with '/'), skipping temporary and state files."""
    top = root.resolve()
    for directory, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            yield Path(directory, name).relative_to(top).as_posix()
