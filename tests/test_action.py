"""The composite GitHub Action (action.yml), run locally: its shell steps in order, with inputs and
step outputs substituted as the runner would, against a fixture project, and the pull-request comment
step against a small local server that speaks the GitHub issue-comments API."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))

LOG = """\
{root}/shop/views.py:3: RemovedInDjango50Warning: django.utils.timezone.utc is deprecated in favor of datetime.timezone.utc.
  now = datetime.now(utc)
{root}/shop/forms.py:9: RemovedInDjango60Warning: The default scheme will be changed from "http" to "https" in Django 6.0.
  url = forms.URLField()
......
----------------------------------------------------------------------
Ran 6 tests in 0.02s

OK
"""


class CommentsAPI:
    """GET/POST /repos/{o}/{r}/issues/{n}/comments and PATCH /repos/{o}/{r}/issues/comments/{id}."""

    def __init__(self):
        self.comments: list[dict] = []
        self.calls: list[tuple[str, str]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _reply(self, code, doc):
                data = json.dumps(doc).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

            def _auth(self):
                if self.headers.get("Authorization") != "Bearer s3cret":
                    self._reply(401, {"message": "Bad credentials"})
                    return False
                return True

            def do_GET(self):
                api.calls.append(("GET", self.path))
                if self._auth() and re.match(r"^/repos/acme/shop/issues/42/comments\?", self.path):
                    self._reply(200, api.comments)

            def do_POST(self):
                api.calls.append(("POST", self.path))
                if self._auth() and self.path == "/repos/acme/shop/issues/42/comments":
                    comment = {"id": 1000 + len(api.comments), "body": self._body()["body"]}
                    api.comments.append(comment)
                    self._reply(201, comment)

            def do_PATCH(self):
                api.calls.append(("PATCH", self.path))
                m = re.match(r"^/repos/acme/shop/issues/comments/(\d+)$", self.path)
                if self._auth() and m:
                    comment = next(c for c in api.comments if c["id"] == int(m.group(1)))
                    comment["body"] = self._body()["body"]
                    self._reply(200, comment)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def api():
    server = CommentsAPI()
    yield server
    server.close()


_TOKEN = re.compile(r"'[^']*'|[A-Za-z_][\w-]*(?:\.[\w-]+)*(?:\(\))?")


class Runner:
    """Runs action.yml's steps like the runner: `${{ }}` from inputs / github / steps contexts, `if:`
    conditions (always(), ==, !=, &&, ||), GITHUB_OUTPUT per step; `uses:` steps are recorded."""

    def __init__(self, workspace: Path, inputs: dict, event: dict):
        self.workspace = workspace
        self.inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.inputs.update(inputs)
        self.github = {"action_path": str(ROOT), "token": "ignored", "event_name": "pull_request"}
        self.steps: dict[str, dict] = {}
        self.used: list[dict] = []
        self.failed: tuple[str, int] | None = None
        self.event_path = workspace / "event.json"
        self.event_path.write_text(json.dumps(event))
        self.summary = workspace / "summary.md"
        self.summary.write_text("")
        if self.inputs["github-token"].startswith("${{"):
            self.inputs["github-token"] = "s3cret"

    def lookup(self, name: str) -> str:
        parts = name.split(".")
        if parts[0] == "inputs":
            return self.inputs.get(parts[1], "")
        if parts[0] == "github":
            return self.github.get(parts[1], "")
        if parts[0] == "steps":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"unknown context {name}")

    def expand(self, text: str) -> str:
        return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: self.lookup(m.group(1)), str(text))

    def condition(self, expr: str | None) -> bool:
        if not expr:
            return self.failed is None
        def tok(m):
            t = m.group(0)
            if t.startswith("'") or t in ("and", "or"):
                return t
            if t == "always()":
                return "True"
            return repr(self.lookup(t))
        py = _TOKEN.sub(tok, expr.replace("&&", " and ").replace("||", " or "))
        result = bool(eval(py, {}))  # noqa: S307 - our own action.yml's expressions
        return result and (self.failed is None or "always()" in expr)

    def run(self, env_extra: dict) -> None:
        for step in ACTION["runs"]["steps"]:
            if not self.condition(step.get("if")):
                continue
            if "uses" in step:
                self.used.append({"uses": step["uses"], "with": {k: self.expand(v) for k, v in step.get("with", {}).items()}})
                continue
            out = self.workspace / f"output-{len(self.steps)}"
            out.write_text("")
            env = {**os.environ, **env_extra, **{k: self.expand(v) for k, v in step.get("env", {}).items()},
                   "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(self.summary),
                   "GITHUB_EVENT_PATH": str(self.event_path), "RUNNER_TEMP": str(self.workspace)}
            cwd = self.workspace / self.expand(step.get("working-directory", "."))
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
            outputs = dict(ln.split("=", 1) for ln in out.read_text().splitlines() if "=" in ln)
            self.steps[step.get("id", f"step{len(self.steps)}")] = outputs
            step["_last"] = proc
            if proc.returncode != 0 and self.failed is None:
                self.failed = (step["name"], proc.returncode)


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "ws" / "shop"
    (root / "shop").mkdir(parents=True)
    (root / "requirements.txt").write_text("Django==4.2.20\n")
    first = tmp_path / "first.log"
    first.write_text("\n".join(LOG.format(root=root).splitlines()[:2]) + "\n\nRan 1 test in 0.1s\n\nOK\n")
    proc = subprocess.run([sys.executable, "-m", "upgrader", "report", str(root), "--from-log", str(first),
                           "--write-baseline", str(root / ".django-upgrade-baseline.json"), "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (root / "ci.log").write_text(LOG.format(root=root))
    return root


def _run_action(project: Path, api: CommentsAPI, event: dict, **inputs) -> Runner:
    runner = Runner(project.parent, {"working-directory": project.name, "tool": f"{sys.executable} -m upgrader",
                                     "log": "ci.log", **inputs}, event)
    runner.run({"GITHUB_API_URL": api.url, "GITHUB_REPOSITORY": "acme/shop"})
    return runner


def test_action_comments_once_then_updates_writes_summary_and_sarif(project, api):
    event = {"pull_request": {"number": 42}}
    first = _run_action(project, api, event)
    assert first.steps["report"]["exit-code"] == "1"  # one deprecation is new since the baseline
    assert first.failed == ("Fail on deprecations over the bar or failing tests", 1)
    assert "Django deprecation report" in first.summary.read_text()
    assert [c for c, _ in api.calls] == ["GET", "POST"]
    assert len(api.comments) == 1 and api.comments[0]["body"].startswith("<!-- django-upgrade-assistant:report:default -->")
    assert "Baseline: **1 new**" in api.comments[0]["body"]
    sarif = [u for u in first.used if u["uses"].startswith("github/codeql-action/upload-sarif")]
    assert len(sarif) == 1 and json.loads(Path(sarif[0]["with"]["sarif_file"]).read_text())["version"] == "2.1.0"
    artifact = next(u for u in first.used if u["uses"].startswith("actions/upload-artifact"))
    assert json.loads((Path(artifact["with"]["path"]) / "report.json").read_text())["schema"] == "django-upgrade-report"

    # the new deprecation is fixed (the log no longer has it): the SAME comment is updated, green
    (project / "ci.log").write_text("\n".join(LOG.format(root=project).splitlines()[:2]) + "\n\nRan 6 tests in 0.1s\n\nOK\n")
    api.calls.clear()
    second = _run_action(project, api, event)
    assert second.steps["report"]["exit-code"] == "0" and second.failed is None
    assert [c for c, _ in api.calls] == ["GET", "PATCH"]
    assert len(api.comments) == 1 and "Baseline: **0 new**" in api.comments[0]["body"]
    # another comment-key (a second project in the same workflow) gets its own comment
    _run_action(project, api, event, **{"comment-key": "api"})
    assert len(api.comments) == 2


def test_action_outside_a_pull_request_comments_nowhere(project, api):
    runner = _run_action(project, api, {"push": {}}, **{"fail-on": "none"})
    assert runner.steps["report"]["exit-code"] == "0" and runner.failed is None
    assert api.calls == [] and api.comments == []
    assert "not a pull request" in _step("Pull-request comment")["_last"].stdout


def test_action_bad_input_fails_the_report_step(project, api):
    runner = _run_action(project, api, {"pull_request": {"number": 42}}, log="missing.log")
    assert runner.failed == ("Deprecation report", 2)
    assert "cannot read log" in _step("Deprecation report")["_last"].stderr
    assert api.comments == []  # nothing written, nothing posted


@pytest.mark.slow
def test_action_installs_the_tool_from_its_own_checkout(tmp_path):
    """The install step as the runner runs it: a fresh venv, pip install of this checkout."""
    import shutil

    checkout = tmp_path / "action"  # a copy: building in the work tree would leave build/ there
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__",
                                                                   ".venv", "venv", "benchmarks", ".django-upgrade"))
    out = tmp_path / "out"
    out.write_text("")
    env = {**os.environ, "INPUT_PACKAGE": "", "INPUT_TOOL": "", "ACTION_PATH": str(checkout),
           "GITHUB_OUTPUT": str(out), "RUNNER_TEMP": str(tmp_path)}
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step("Install django-upgrade-assistant")["run"]],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    tool = out.read_text().strip().split("=", 1)[1]
    version = subprocess.run([tool, "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("django-upgrade-assistant ")
