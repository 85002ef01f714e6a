"""The last resort for runners the harvester does not see: counts and failures read from the
runner's printed summary (unittest's ``Ran N tests`` + ``OK`` / ``FAILED (...)``, pytest's summary
line, decorated or ``-q``). ``testrun`` uses it only when no process recorded a test or a session,
and then says so (``RunResult.structured`` False, ``results_source`` ``summary-line``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    test: str
    message: str
    kind: str = "failure"  # failure / error


# -- parsing --------------------------------------------------------------------------------

_UNITTEST_RAN = re.compile(r"^Ran (\d+) tests? in ")
_UNITTEST_RESULT = re.compile(r"^(OK|FAILED)(?: \((.*)\))?\s*$")
_PYTEST_SUMMARY = re.compile(r"^=+ (.*\d+ (?:passed|failed|error|errors|skipped|deselected|xfailed|xpassed|warnings?|no tests ran).*?) in [\d.]+s.*=+$")
_PYTEST_QUIET = re.compile(r"^((?:\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)(?:, )?)+) in [\d.]+s")
_PYTEST_SHORT = re.compile(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$")
_UNITTEST_HEADER = re.compile(r"^(FAIL|ERROR|UNEXPECTED SUCCESS): (\S+) \(([^)]*)\)")
_UNITTEST_HEADER_NEW = re.compile(r"^(FAIL|ERROR): (\S+) \((\S+)\)")


def parse_counts(lines: list[str]) -> dict:
    """passed/failed/errors/skipped from the last unittest or pytest summary in ``lines``."""
    out: dict = {}
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        m = _PYTEST_SUMMARY.match(line) or _PYTEST_QUIET.match(line)  # -q prints it undecorated
        if m:
            counts = dict.fromkeys(("passed", "failed", "errors", "skipped"), 0)
            for num, word in re.findall(r"(\d+) (\w+)", m.group(1)):
                n = int(num)
                if word == "passed":
                    counts["passed"] += n
                elif word == "failed":
                    counts["failed"] += n
                elif word in ("error", "errors"):
                    counts["errors"] += n
                elif word == "skipped":
                    counts["skipped"] += n
            counts["runner"] = "pytest"
            return counts
        m = _UNITTEST_RESULT.match(line)
        if m and i > 0:
            ran = None
            for j in range(i - 1, max(-1, i - 4), -1):
                r = _UNITTEST_RAN.match(lines[j].strip())
                if r:
                    ran = int(r.group(1))
                    break
            if ran is None:
                continue
            detail = dict(
                (k.strip(), int(v)) for k, v in (part.split("=", 1) for part in (m.group(2) or "").split(",") if "=" in part)
            )
            failed = detail.get("failures", 0)
            errors = detail.get("errors", 0)
            skipped = detail.get("skipped", 0)
            other = detail.get("expected failures", 0) + detail.get("unexpected successes", 0)
            return {"passed": max(0, ran - failed - errors - skipped - other), "failed": failed,
                    "errors": errors, "skipped": skipped, "runner": "unittest"}
    return out


def parse_failures(lines: list[str]) -> list[Failure]:
    """Failing tests and their exception messages (pytest short summary, unittest FAIL/ERROR blocks)."""
    failures: list[Failure] = []
    seen = set()
    # pytest: "FAILED tests/test_x.py::test_a - ValueError: boom"
    in_short = False
    for line in lines:
        s = line.rstrip("\n")
        if "short test summary info" in s:
            in_short = True
            continue
        if in_short:
            m = _PYTEST_SHORT.match(s)
            if m:
                key = (m.group(2), m.group(1))
                if key not in seen:
                    seen.add(key)
                    failures.append(Failure(m.group(2), (m.group(3) or "").strip(), "failure" if m.group(1) == "FAILED" else "error"))
            elif s.startswith("="):
                in_short = False
    if failures:
        return failures
    # unittest: "FAIL: test_a (app.tests.T.test_a)" / "ERROR: test_a (app.tests.T)" block, message = last
    # non-blank line of the traceback before the next separator
    i = 0
    n = len(lines)
    while i < n:
        m = _UNITTEST_HEADER.match(lines[i].strip())
        if not m:
            i += 1
            continue
        name, where = m.group(2), m.group(3)
        test = where if where.endswith("." + name) else f"{where}.{name}"
        j = i + 1
        block = []
        while j < n and not (lines[j].startswith("=" * 20) or _UNITTEST_HEADER.match(lines[j].strip())):
            if lines[j].startswith("-" * 20) and block:
                break
            block.append(lines[j].rstrip("\n"))
            j += 1
        message = ""
        body = [b for b in block if b.strip() and not b.startswith("-" * 20)]
        # the exception line: the first line after the last traceback frame
        for k in range(len(body) - 1, -1, -1):
            if body[k].startswith("  ") or body[k].startswith("Traceback"):
                message = "\n".join(x for x in body[k + 1 :]).strip()
                break
        if not message and body:
            message = body[-1].strip()
        key = (test, m.group(1))
        if key not in seen:
            seen.add(key)
            failures.append(Failure(test, message, "failure" if m.group(1) == "FAIL" else "error"))
        i = j
    return failures
