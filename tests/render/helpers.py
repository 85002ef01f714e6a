"""Reading the pages' key figures back out of a DOM (``data-figure`` elements, ``data-*`` attributes)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from upgrader.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legacy_shop"


class Figures(HTMLParser):
    """figures: data-figure -> text (or the element's attributes when it has no text);
    elements: every start tag's attributes, in order."""

    def __init__(self, dom: str):
        super().__init__()
        self.figures: dict[str, str] = {}
        self.attrs: dict[str, dict] = {}
        self.elements: list[tuple[str, dict]] = []
        self._open: list[str | None] = []
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        name = a.get("data-figure")
        if name:
            self.figures.setdefault(name, "")
            self.attrs[name] = a
        if tag not in ("meta", "link", "br", "img", "line", "rect", "circle", "input", "path"):
            self._open.append(name)

    def handle_endtag(self, tag):
        if self._open and tag not in ("meta", "link", "br", "img", "line", "rect", "circle", "input", "path"):
            self._open.pop()

    def handle_data(self, data):
        for name in self._open:
            if name:
                self.figures[name] += data

    def all(self, attr: str) -> list[str]:
        return [a[attr] for _, a in self.elements if attr in a]


def cli_run(*args, input=None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def plan_json_and_html(tmp_path: Path) -> tuple[dict, Path]:
    args = ["plan", str(EXAMPLE), "--from", "3.2.25", "--python-version", "3.12"]
    code, out, err = cli_run(*args, "--format", "json")
    assert code == 0, err
    code, html, err = cli_run(*args, "--format", "html")
    assert code == 0, err
    page = tmp_path / "plan.html"
    page.write_text(html, encoding="utf-8")
    return json.loads(out), page


LOG = """\
{root}/catalog/models.py:6: RemovedInDjango40Warning: force_text() is deprecated in favor of force_str().
  return force_text(x)
{root}/catalog/views.py:7: RemovedInDjango40Warning: django.utils.translation.ugettext() is deprecated in favor of django.utils.translation.gettext().
  return ugettext(x)
{root}/orders/views.py:5: DeprecationWarning: the imp module is deprecated <and> "quoted" & such
  import imp
.......
----------------------------------------------------------------------
Ran 7 tests in 0.101s

OK
"""


def report_json(tmp_path: Path, project: Path = EXAMPLE, name: str = "r", baseline_lines: int = 2) -> tuple[dict, Path]:
    """A report JSON from a log (with a baseline recorded from its first ``baseline_lines`` lines)."""
    log = tmp_path / f"{name}.log"
    log.write_text(LOG.format(root=project), encoding="utf-8")
    first = tmp_path / f"{name}-first.log"
    first.write_text("\n".join(LOG.format(root=project).splitlines()[:baseline_lines]) + "\n\nRan 1 test in 0.1s\n\nOK\n")
    base = tmp_path / f"{name}-base.json"
    code, _, err = cli_run("report", str(project), "--from-log", str(first), "--from", "3.2", "--write-baseline", str(base), "-q")
    assert code == 0, err
    out_json = tmp_path / f"{name}.json"
    code, out, err = cli_run("report", str(project), "--from-log", str(log), "--from", "3.2", "--baseline", str(base),
                             "--format", "json", "--output", f"json={out_json}")
    assert code in (0, 1), err
    return json.loads(out), out_json
