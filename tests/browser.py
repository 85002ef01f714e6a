"""A real headless browser for the HTML tests: Debian's ``chromium`` (``.ci/run`` installs it).

``load(path)`` returns the DOM after the page ran and the console messages it logged (Chromium's
``--enable-logging=stderr`` prints each as ``INFO:CONSOLE``); ``screenshot(path, w, h)`` returns the
pixels of a PNG screenshot (decoded with the standard library). Outside CI a machine without
chromium skips these tests; in CI they fail (a skipped browser test proves nothing).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from tests.venvs import missing

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
_CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    missing("no chromium on PATH (apt-get install chromium; .ci/run installs it)")
    raise AssertionError("unreachable")


def _run(args: list[str], url: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="dua-chromium-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=120)


def load(path: Path) -> tuple[str, list[str]]:
    """(DOM after load, console messages)."""
    proc = _run(["--dump-dom"], Path(path).resolve().as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [ln for ln in proc.stderr.splitlines() if _CONSOLE.search(ln)]
    return proc.stdout, console


def screenshot(path: Path, width: int, height: int) -> "Image":
    with tempfile.TemporaryDirectory(prefix="dua-shot-") as out:
        png = Path(out) / "shot.png"
        proc = _run([f"--screenshot={png}", f"--window-size={width},{height}"], Path(path).resolve().as_uri())
        assert png.is_file(), proc.stderr[-2000:]
        return decode_png(png.read_bytes())


class Image:
    def __init__(self, width: int, height: int, rows: list[bytes], channels: int):
        self.width, self.height, self.rows, self.channels = width, height, rows, channels

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        row = self.rows[y]
        i = x * self.channels
        return row[i], row[i + 1], row[i + 2]

    def colours(self, step: int = 7) -> set:
        return {self.pixel(x, y) for y in range(0, self.height, step) for x in range(0, self.width, step)}


def decode_png(data: bytes) -> Image:
    """8-bit RGB / RGBA PNG -> Image (enough for Chromium's screenshots)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return Image(width, height, rows, channels)
