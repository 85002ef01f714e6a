"""Reading and writing project files without disturbing them.

Files are read as UTF-8 text with their line endings untouched (``\\r\\n`` stays ``\\r\\n``) and
written atomically: a temporary file in the same directory, the original file mode, ``os.replace``.
"""

from __future__ import annotations

import re
from pathlib import Path

from core import atomic

from core.errors import UsageError


def read_text(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def split_lines(text: str) -> list[str]:
    """Physical lines with their endings (only ``\\n``, ``\\r\\n`` and ``\\r`` end a line)."""
    return [line for line in re.split(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)", text) if line != ""]


def line_body(line: str) -> str:
    return line.rstrip("\r\n")


def line_of(text: str, pos: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, pos) + 1 if "\n" in text else text.count("\r", 0, pos) + 1


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) atomically, keeping the file's permission bits."""
    atomic.write_text(Path(path), text)


def relpath(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)
