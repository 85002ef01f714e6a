"""Step real public Django projects, taken from pinned sdists, as a new user would.

    python benchmarks/real_projects.py [--to 4.2] [--only NAME] [--keep] [--json FILE]

For each project below: the sdist is downloaded once (``pip download --no-binary :all: --no-deps``)
into ``$DJANGO_UPGRADE_BENCH_DIR/sdists`` and checked against its sha256; it is unpacked into a
scratch directory, made a git repository (one commit, ``.venv`` ignored), given a ``.venv`` with
the Python and the pinned requirements of its era, and then the tool is run on it exactly as the
README's quickstart says, with no flag beyond ``--to``:

    django-upgrade plan --format json
    django-upgrade step --to TARGET --format json

and, when the step stops, nothing else: the point is how far each project gets unaided and what the
tool says where it stops. Printed per project: the Django it started from, the Django installed at
the end, the step's exit code, and the tool's own last words (its JSON ``message`` / first stderr
line). Nothing here is a test: it needs the package index and takes minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import bench_dir  # noqa: E402
from core.interpreter import pyenv_interpreters  # noqa: E402


@dataclass(frozen=True)
class RealProject:
    name: str
    shape: str
    sdist: str  # "dist==version"
    sha256: str
    python: str  # feature version of the interpreter the project's venv uses
    requirements: list = field(default_factory=list)  # what the project's CI installs at its pinned Django
    subdir: str = ""  # where the project root is inside the sdist (a demo site lives below)
    build_tools: list = field(default_factory=list)  # installed first, then builds run without isolation
    notes: str = ""


PROJECTS = [
    RealProject(
        name="django-taggit",
        shape="reusable app tested with tox (python -m django test --settings=tests.settings)",
        sdist="django-taggit==1.5.1",
        sha256="e5bb62891f458d55332e36a32e19c08d20142c43f74bc5656c803f8af25c084a",
        python="3.10",
        requirements=["Django==3.2.25", "djangorestframework==3.12.4", "coverage==5.5"],
    ),
    RealProject(
        name="django-filter",
        shape="reusable app with runtests.py",
        sdist="django-filter==2.4.0",
        sha256="84e9d5bb93f237e451db814ed422a3a625751cbc9968b484ecc74964a8696b06",
        python="3.9",
        requirements=["Django==3.1.14", "djangorestframework==3.12.4", "django-crispy-forms==1.11.2",
                      "coreapi==2.3.3", "Markdown==3.3.4", "mock==4.0.3", "coverage==5.5"],
    ),
    RealProject(
        name="django-crispy-forms",
        shape="reusable app tested with pytest-django, its settings module named nowhere in the sdist",
        sdist="django-crispy-forms==1.9.0",
        sha256="67e73ac863d3159500029fbbcdcb788f287a3fd357becebc1a0b51f73896dce3",
        python="3.8",
        requirements=["Django==2.2.28", "pytest==5.4.3", "pytest-django==3.9.0", "six==1.15.0"],
    ),
    RealProject(
        name="django-guardian",
        shape="reusable app with its test app inside the package; pytest.ini names the settings, which read DATABASE_URL",
        sdist="django-guardian==2.3.0",
        sha256="ed2de26e4defb800919c5749fb1bbe370d72829fbd72895b6cf4f7f1a7607e1b",
        python="3.8",
        requirements=["Django==3.0.14", "django-environ==0.4.5", "mock==4.0.2", "pytest==5.4.3",
                      "pytest-django==3.9.0", "six==1.15.0"],
    ),
    RealProject(
        name="django-reversion",
        shape="reusable app whose test project has its own manage.py (tests/manage.py test)",
        sdist="django-reversion==3.0.9",
        sha256="a5af55f086a3f9c38be2f049c251e06005b9ed48ba7a109473736b1fc95a066f",
        python="3.8",
        requirements=["Django==3.1.14", "psycopg2-binary==2.8.6", "-e", "."],
        notes="its tests use three databases: SQLite, PostgreSQL and MySQL (servers not started here)",
    ),
    RealProject(
        name="django-debug-toolbar",
        shape="reusable app tested through tox, whose command is a Makefile target (make coverage)",
        sdist="django-debug-toolbar==2.2.1",
        sha256="7aadab5240796ffe8e93cc7dfbe2f87a204054746ff7ff93cd6d4a0c3747c853",
        python="3.8",
        requirements=["Django==3.0.14", "sqlparse==0.4.1", "Jinja2==2.11.3", "MarkupSafe==1.1.1", "html5lib==1.1",
                      "coverage==5.5", "selenium==3.141.0", "mock==4.0.3"],
    ),
    RealProject(
        name="django-extensions",
        shape="reusable app tested with pytest-django (setup.cfg [tool:pytest], --doctest-modules, --cov in addopts)",
        notes="the sdist leaves out the tests' JSON fixtures, and some tests ask the package index over the network",
        sdist="django-extensions==3.0.9",
        sha256="6809c89ca952f0e08d4e0766bc0101dfaf508d7649aced1180c091d737046ea7",
        python="3.8",
        requirements=["Django==3.1.14", "pytest==6.1.1", "pytest-django==3.10.0", "pytest-cov==2.10.1",
                      "factory-boy==3.1.0", "mock==4.0.2", "Werkzeug==1.0.1", "shortuuid==1.0.1",
                      "python-magic==0.4.18", "vobject==0.9.6.1", "Pygments==2.7.1", "requests==2.24.0",
                      "pip==20.2.4"],  # its pipchecker command imports pip's API of the time (gone in pip 21.3)
    ),
    RealProject(
        name="django-helpdesk",
        shape="a site: the demo site shipped with an app (demo/manage.py, SQLite)",
        subdir="demo",
        sdist="django-helpdesk==0.3.4",
        sha256="68d5751457cb686020b1cc3aa90152616cc235fb36e6fd5112e8a687970b64b6",
        python="3.9",
        requirements=["Django==3.2.25", "django-bootstrap4-form==4.0.2", "celery==5.2.7",
                      "django-celery-beat==2.2.1", "email-reply-parser==0.5.12", "akismet==1.1",
                      "markdown==3.3.7", "beautifulsoup4==4.11.1", "lxml==4.9.1", "simplejson==3.17.6",
                      "pytz==2022.1", "six==1.16.0", "pinax-teams==2.0.0", "djangorestframework==3.13.1",
                      "django-model-utils==4.2.0", "pysocks==1.7.1", "mock==4.0.3", "-e", "."],
        build_tools=["setuptools==65.5.0", "wheel==0.38.4", "packaging==21.3"],  # an old setup.py imports packaging
    ),
]


def run(argv, cwd=None, env=None, timeout=1800):
    started = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return proc, time.monotonic() - started


def interpreter(feature: str) -> str:
    found = pyenv_interpreters()
    if feature in found:
        return str(found[feature])
    path = shutil.which(f"python{feature}")
    if path:
        return path
    raise SystemExit(f"no Python {feature} on this machine (pyenv versions)")


def fetch_sdist(project: RealProject) -> Path:
    dest = bench_dir() / "sdists"
    dest.mkdir(parents=True, exist_ok=True)
    dist, version = project.sdist.split("==")
    stem = dist.replace("-", "_").lower()
    for path in dest.iterdir():
        low = path.name.lower().replace("-", "_")
        if low.startswith(f"{stem}_{version}") and hashlib.sha256(path.read_bytes()).hexdigest() == project.sha256:
            return path
    proc, _ = run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                   "--dest", str(dest), project.sdist])
    if proc.returncode != 0:
        raise SystemExit(f"{project.sdist}: pip download failed: {proc.stderr.strip().splitlines()[-1:]}")
    for path in dest.iterdir():
        low = path.name.lower().replace("-", "_")
        if low.startswith(f"{stem}_{version}"):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != project.sha256:
                raise SystemExit(f"{path.name}: sha256 {digest} is not the pinned {project.sha256}")
            return path
    raise SystemExit(f"{project.sdist}: downloaded, but no sdist found in {dest}")


def prepare(project: RealProject, work: Path) -> Path:
    sdist = fetch_sdist(project)
    with tarfile.open(sdist) as tar:
        # "data": no owners from the archive (git refuses a tree owned by another user), no links out.
        tar.extractall(work, filter="data")
    (top,) = [p for p in work.iterdir() if p.is_dir()]
    root = top / project.subdir if project.subdir else top
    (top / ".gitignore").write_text(".venv/\n*.pyc\n__pycache__/\n*.egg-info/\n.coverage\n.coverage.*\nhtmlcov/\n")  # (as the repositories have it; an sdist leaves it out)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for argv in (["git", "init", "-q"], ["git", "add", "-A"], [*git, "commit", "-qm", project.sdist]):
        proc, _ = run(argv, cwd=top)
        if proc.returncode != 0:
            raise SystemExit(f"{project.name}: {' '.join(argv)} failed: {proc.stderr.strip()}")
    python = interpreter(project.python)
    proc, _ = run([python, "-m", "venv", str(top / ".venv")])
    if proc.returncode != 0:
        raise SystemExit(f"{project.name}: venv failed: {proc.stderr.strip()}")
    pip = [str(top / ".venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if project.build_tools:
        proc, _ = run([*pip, *project.build_tools], cwd=top)
        if proc.returncode != 0:
            raise SystemExit(f"{project.name}: installing build tools failed: {proc.stderr.strip().splitlines()[-3:]}")
        pip.append("--no-build-isolation")
    proc, secs = run([*pip, *project.requirements], cwd=top)
    if proc.returncode != 0:
        raise SystemExit(f"{project.name}: installing its requirements failed: "
                         f"{proc.stderr.strip().splitlines()[-3:]}")
    print(f"# {project.name}: venv on Python {project.python} in {secs:.0f} s", file=sys.stderr)
    return root


def installed_django(root: Path) -> str | None:
    py = next((p for p in (root / ".venv" / "bin" / "python", root.parent / ".venv" / "bin" / "python") if p.exists()), None)
    if py is None:
        return None
    proc, _ = run([str(py), "-c", "import django; print(django.get_version())"], cwd=root)
    return proc.stdout.strip() or None


def last_words(proc) -> str:
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("steps"):
        steps = data["steps"]
        if data.get("exit_code") == 0 and not any(st.get("message") for st in steps):
            left = steps[-1].get("left_by_hand") or {}
            return (f"{len(steps)} steps green ({' -> '.join([steps[0].get('from', '?')] + [st.get('to', '?') for st in steps])}); "
                    f"left by hand at the end: {len(left.get('warnings') or [])} first-party warning group(s), "
                    f"{len(left.get('manual_changes') or [])} manual change(s)")
        data = steps[-1]
    if isinstance(data, dict):
        for key in ("message", "error", "stopped", "summary"):
            if data.get(key):
                return str(data[key])[:600]
    err = [line for line in proc.stderr.splitlines() if line.strip()]
    return (err[-1] if err else proc.stdout.strip().splitlines()[-1:] and proc.stdout.strip().splitlines()[-1] or "")[:600]


def step_project(project: RealProject, target: str, keep: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"real-{project.name}-"))
    result = {"project": project.name, "shape": project.shape, "sdist": project.sdist, "target": target}
    try:
        root = prepare(project, work)
        python = root / ".venv" / "bin" / "python"
        if not python.exists():
            python = root.parent / ".venv" / "bin" / "python"
        result["django_before"] = installed_django(root)
        tool = [sys.executable, "-m", "upgrader"]
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV")}
        env["CI"] = "true"
        plan, secs = run([*tool, "plan", str(root), "--python", str(python), "--to", target, "--format", "json"], env=env)
        result["plan_exit"] = plan.returncode
        result["plan_seconds"] = round(secs, 1)
        try:
            data = json.loads(plan.stdout)
            result["plan_steps"] = [s.get("release") or s.get("version") or s.get("to") for s in data.get("steps", [])]
        except ValueError:
            result["plan_error"] = last_words(plan)
        step, secs = run([*tool, "step", str(root), "--python", str(python), "--to", target, "--format", "json"],
                         env=env, timeout=3600)
        result["step_exit"] = step.returncode
        result["step_seconds"] = round(secs, 1)
        result["django_after"] = installed_django(root)
        result["tool_said"] = last_words(step)
        (work / "step.stdout.json").write_text(step.stdout)
        (work / "step.stderr.txt").write_text(step.stderr)
        result["logs"] = str(work)
    except SystemExit as exc:
        result["setup_error"] = str(exc)
    except subprocess.TimeoutExpired as exc:
        result["timeout"] = f"{exc.cmd[3:5]} after {exc.timeout} s"
    finally:
        if not keep and "logs" not in result:
            shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", default="4.2")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    results = []
    for project in PROJECTS:
        if args.only and project.name not in args.only:
            continue
        print(f"# {project.name} ({project.shape}) ...", file=sys.stderr)
        res = step_project(project, args.to, args.keep)
        results.append(res)
        print(json.dumps(res, indent=1), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    print("\n| project | shape | from | reached | step exit | what the tool said |")
    print("|---|---|---|---|---|---|")
    for r in results:
        said = (r.get("tool_said") or r.get("setup_error") or r.get("timeout") or "").replace("|", "\\|")
        print(f"| {r['project']} | {r['shape']} | {r.get('django_before')} | {r.get('django_after')} | "
              f"{r.get('step_exit')} | {said[:200]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
