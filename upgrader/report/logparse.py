"""Warning records from an existing log (``django-upgrade report --from-log FILE``).

Understands, mixed in any order in one log:

* plain ``python -Wa`` output: ``/path/file.py:12: RemovedInDjango50Warning: message`` followed by the
  indented source line; a message may continue over several lines (Django's double-dot template
  warning adds ``Template:`` / ``Line:`` lines);
* pytest's ``warnings summary`` block: a ``path:line`` or test node id line, then indented
  ``path:line: Category: message`` entries; node ids become the records' tests;
* ``-W error`` tracebacks: the last frame ``File "...", line N`` followed by
  ``django.utils.deprecation.RemovedInDjango50Warning: message``;
* Django system-check output: ``app.Model.field: (fields.W903) message`` and its ``HINT:`` line.

CI log prefixes (GitHub Actions timestamps ``2024-01-01T00:00:00.0000000Z``) are removed first.
"""

from __future__ import annotations

import os
import re

from upgrader.harvest import WarningRecord

_CAT = r"(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Warning|Deprecation\w*)"
_HEADER = re.compile(rf"^(?P<file>(?:[A-Za-z]:)?[^\s:][^:]*?):(?P<line>\d+): (?P<category>{_CAT}): (?P<message>.*)$")
_TB_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')
_TB_EXC = re.compile(rf"^(?P<category>(?:[\w]+\.)*(?:RemovedInDjango\w+Warning|RemovedInNextVersionWarning|\w*DeprecationWarning|\w+Warning)): (?P<message>.*)$")
_CHECK = re.compile(r"^(?P<obj>\S.*?): \((?P<id>[\w.]+\.[WE]\d+)\) (?P<message>.*)$")
_CHECK_HINT = re.compile(r"^\s+HINT: (?P<hint>.*)$")
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ")
_PYTEST_NODE = re.compile(r"^(?P<node>\S+::\S+|\S+\.py)$")
_CONTINUATION = re.compile(r"^\s+(Template|Line|Hint|HINT): ")


def _strip_progress(path: str) -> str:
    """unittest's progress dots run into the next line: "..F/abs/path.py" -> "/abs/path.py"."""
    path = path.strip()
    m = re.match(r"^([.EFsxu]+)(/.*)$", path)
    if m and (os.path.exists(m.group(2)) or not os.path.exists(path)):
        return m.group(2)
    return path


def _clean(line: str) -> str:
    line = line.rstrip("\r\n")
    return _TIMESTAMP.sub("", line)


def parse_log(text: str) -> list[WarningRecord]:
    lines = [_clean(x) for x in text.splitlines()]
    records: list[WarningRecord] = []
    in_summary = False
    nodes: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if re.match(r"^=+ warnings summary", stripped):
            in_summary, nodes = True, []
            i += 1
            continue
        if in_summary and (stripped.startswith("-- Docs:") or re.match(r"^=+ ", stripped)):
            in_summary = False
        if in_summary and not stripped:
            nodes = []
            i += 1
            continue
        if in_summary and not line[0].isspace() and " " not in stripped:
            nodes.append(stripped)  # a location or node id: one line per occurrence
            i += 1
            continue
        m = _HEADER.match(stripped if in_summary else line)
        if m:
            message = m.group("message")
            j = i + 1
            while j < n and _CONTINUATION.match(lines[j]):
                message += "\n" + lines[j]
                j += 1
            occurrences = [(x if "::" in x else None) for x in nodes] if in_summary else []
            for test in (occurrences or [None]):
                records.append(WarningRecord(
                    category=m.group("category"), message=message, filename=_strip_progress(m.group("file")),
                    lineno=int(m.group("line")), test=test, source="log-pytest" if in_summary else "log",
                ))
            # skip the source line that Python prints under the header (2 spaces indent)
            if j < n and lines[j].startswith("  ") and not _HEADER.match(lines[j].strip()):
                j += 1
            i = j
            continue
        m = _TB_EXC.match(line)
        if m and ("." in m.group("category") or m.group("category").startswith("RemovedIn")):
            frame = None
            for k in range(i - 1, max(-1, i - 40), -1):
                fm = _TB_FRAME.match(lines[k])
                if fm:
                    frame = fm
                    break
                if lines[k].startswith("Traceback"):
                    break
            if frame is not None:
                records.append(WarningRecord(
                    category=m.group("category"), message=m.group("message"), filename=frame.group("file"),
                    lineno=int(frame.group("line")), source="log-traceback",
                ))
                i += 1
                continue
        m = _CHECK.match(stripped)
        if m:
            hint = None
            if i + 1 < n:
                hm = _CHECK_HINT.match(lines[i + 1])
                if hm:
                    hint = hm.group("hint")
                    i += 1
            level = "django.core.checks.messages.Warning" if ".W" in m.group("id") else "django.core.checks.messages.Error"
            records.append(WarningRecord(
                category=level, message=m.group("message"), filename="", lineno=0, kind="check",
                check_id=m.group("id"), hint=hint, obj=m.group("obj"), source="log-check", when="check",
            ))
        i += 1
    return records


def _model_files(project_dir, app_label: str) -> list:
    """``<app>/models.py`` and ``<app>/models/*.py`` among the project's files (``core.files``)."""
    from core.files import ProjectFiles

    found = []
    for path in ProjectFiles(project_dir).python_files():
        parent = path.parent
        if path.name == "models.py" and parent.name == app_label:
            found.append(path)
        elif parent.name == "models" and parent.parent.name == app_label:
            found.append(path)
    return found


def locate_check_object(project_dir, obj: str | None):
    """(file, line) of a system check's object (``app.Model`` or ``app.Model.field``) in the project's
    models, found by reading the source; None when not found. Used for checks read from a log, which
    name the object but not its place."""
    if not project_dir or not obj:
        return None
    parts = obj.strip().split(".")
    if len(parts) < 2 or not all(p.isidentifier() for p in parts[:3]):
        return None
    app, model, field = parts[0], parts[1], (parts[2] if len(parts) > 2 else None)
    class_re = re.compile(rf"^class\s+{re.escape(model)}\b")
    field_re = re.compile(rf"^\s+{re.escape(field)}\s*(?::[^=]*)?=") if field else None
    for path in _model_files(project_dir, app):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for i, text in enumerate(lines):
            if not class_re.match(text):
                continue
            if field_re is None:
                return str(path), i + 1
            for k in range(i + 1, len(lines)):
                body = lines[k]
                if body.strip() and not body[0].isspace():
                    break  # the class ended
                if field_re.match(body):
                    return str(path), k + 1
            return str(path), i + 1
    return None
