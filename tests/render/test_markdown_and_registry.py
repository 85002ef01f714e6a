"""The one Markdown escaper, the Mermaid timeline of plan's Markdown, and the renderer registry."""

from __future__ import annotations

import re

import pytest

from tests.render.helpers import EXAMPLE, cli_run
from upgrader.render import registry
from upgrader.render.markdown import cell, code


def test_cell_and_code():
    assert cell("a|b\nc") == "a\\|b c" and cell(None) == ""
    assert code("x`y") == "``x`y``" and code("`x") == "`` `x ``"


def test_plan_markdown_has_a_mermaid_timeline():
    code_, md, err = cli_run("plan", str(EXAMPLE), "--from", "3.2.25", "--python-version", "3.12", "--format", "markdown")
    assert code_ == 0, err
    block = re.search(r"```mermaid\ntimeline\n(.*?)```", md, re.S)
    assert block, md[:800]
    lines = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.strip().startswith("title")]
    steps = re.findall(r"^### Step \d+", md, re.M)
    assert len(lines) == len(steps) + 1  # the current release, then one line per step
    assert lines[0].strip().startswith("3.2 : now 3.2.25")
    assert "blocked" in lines[1] and "Python 3.8-3.10" in lines[1]


def test_every_format_of_every_command_is_registered():
    from upgrader.commands.plan import command as plan_cmd
    from upgrader.commands.report import command as report_cmd

    for cmd, kind in ((plan_cmd, "plan"), (report_cmd, "report")):
        choices = next(p.type.choices for p in cmd.params if p.name == "fmt")
        assert set(choices) <= set(registry.formats(kind)), kind
    with pytest.raises(ValueError):
        registry.render("step", "pdf", {})
