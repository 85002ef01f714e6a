"""tox.ini: the Django versions a project is tested against (pin format of role ``tested``).

Read: Django in ``deps`` (kind ``tox``; a factor-conditional line names one version, e.g.
``django32: Django>=3.2,<3.3``, its factor is the pin's ``marker``). Reported only: a site's bump
never edits tox.ini. A library's Django bump widens the ``envlist`` brace factors and adds a deps
line for the new factor (:func:`upgrader.pins.library.tox_edits`).
"""

from __future__ import annotations

import re
from pathlib import Path

from core import versions
from upgrader.pins import specs, textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.library import _apply, tox_edits
from upgrader.pins.model import Context, Pin, PinChange, spec_text

_TOX_DJANGO = re.compile(r"^\s*(?:(?P<factor>[\w.{},-]+)\s*:\s*)?(?P<req>[Dd]jango\b[^#\n]*)")


def read(path: Path) -> list[Pin]:
    """Every Django line of the ``deps`` settings of ``path``."""
    out = []
    in_deps = False
    for i, line in enumerate(textio.read_text(path).splitlines(), 1):
        if re.match(r"^\s*\[", line):
            in_deps = False
            continue
        key = re.match(r"^(\w[\w-]*)\s*=\s*(.*)$", line)
        if key:
            in_deps = key.group(1) == "deps"
            line = key.group(2)
        elif not line[:1].isspace():
            in_deps = False
        if not in_deps:
            continue
        m = _TOX_DJANGO.match(line)
        if not m:
            continue
        spec = spec_text(m.group("req").strip())
        out.append(Pin(file=path, line=i, kind="tox", name="Django", specifier=spec, raw=line.strip(),
                       version=specs.exact_version(spec) if spec else None, marker=m.group("factor") or "",
                       source=f"tox.ini:{i}"))
    return out


class ToxFormat(PinFormat):
    name = "tox"
    role = "tested"
    kinds = ("tox",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, "tox.ini")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read(path)

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        feature = versions.feature(new_version)
        rep, ins = tox_edits(text, feature, ctx.next_feature(feature) or feature)
        return _apply(path, text, rep, ins, ctx.root) if rep or ins else (text, [])
