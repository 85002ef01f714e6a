"""One settings rule: the module the project uses (wherever it is configured) and what it imports;
never a library's ``mypkg/settings.py`` helper, never a package ``__init__.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.files import ProjectFiles
from core.settings import find_settings_module
from upgrader.project import Project

SETTINGS = "INSTALLED_APPS = ['django.contrib.contenttypes']\nUSE_L10N = True\nSECRET_KEY = 'x'\n"
HELPER = (
    '"""App defaults, read as app_settings.X (not Django settings)."""\n'
    "from django.conf import settings as _django\n\n"
    "USE_L10N = True\n"
    "PAGE_SIZE = getattr(_django, 'SHOP_PAGE_SIZE', 20)\n"
)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _rel(project: Project) -> list[str]:
    return [project.files.relative(p) for p in project.files.settings_files()]


def _base_tree(root: Path, extra: dict[str, str]) -> Path:
    return _write(root, {
        "requirements.txt": "Django==3.2.25\n",
        "conf/__init__.py": "USE_L10N = True\n",
        "conf/main.py": "from .base import *\nDEBUG = True\n",
        "conf/base.py": SETTINGS,
        "conf/prod.py": "from conf.base import *\nDEBUG = False\n",
        "conf/urls.py": "urlpatterns = []\n",
        "settings.py": "# an unrelated file named settings.py\nUSE_L10N = True\n",
        "shop/__init__.py": "",
        "shop/settings.py": HELPER,
        **extra,
    })


CONFIGURED = {
    "pyproject": {"pyproject.toml": '[tool.django-upgrade]\nsettings = "conf.main"\n'},
    "pytest.ini": {"pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = conf.main\n"},
    "setup.cfg": {"setup.cfg": "[metadata]\nname = x\n\n[tool:pytest]\nDJANGO_SETTINGS_MODULE = conf.main\n"},
    "tox.ini": {"tox.ini": "[tox]\nenvlist = py3\n\n[pytest]\nDJANGO_SETTINGS_MODULE = conf.main\n"},
    "pytest ini_options": {"pyproject.toml": '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "conf.main"\n'},
    "manage.py": {"manage.py": (
        "import os, sys\n\nif __name__ == '__main__':\n"
        "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'conf.main')\n"
        "    from django.core.management import execute_from_command_line\n"
        "    execute_from_command_line(sys.argv)\n"
    )},
}


@pytest.mark.parametrize("where", sorted(CONFIGURED))
def test_settings_module_found_wherever_configured(tmp_path, monkeypatch, where):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    project = Project(_base_tree(tmp_path, CONFIGURED[where]))
    assert project.settings_module == "conf.main"
    # the module, what it star-imports, and the other environment that star-imports the base;
    # never conf/__init__.py, the stray top-level settings.py, the helper or urls.py
    assert _rel(project) == ["conf/base.py", "conf/main.py", "conf/prod.py"]
    assert project.files.is_settings(tmp_path / "conf" / "base.py")
    assert not project.files.is_settings(tmp_path / "shop" / "settings.py")
    assert not project.files.is_settings(tmp_path / "conf" / "__init__.py")


def test_explicit_settings_win_over_config(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    root = _base_tree(tmp_path, {"pyproject.toml": '[tool.django-upgrade]\nsettings = "conf.main"\n',
                                 "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = conf.prod\n"})
    assert Project(root).settings.module == "conf.main"  # [tool.django-upgrade] before pytest.ini
    assert find_settings_module(root).module == "conf.prod"  # (without the config)
    assert Project(root, settings="conf.prod").settings.source == "--settings"
    assert find_settings_module(tmp_path / "nowhere", environ={"DJANGO_SETTINGS_MODULE": "a.b"}).module == "a.b"


def test_settings_package_init_is_followed_not_rewritten(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    root = _write(tmp_path, {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_.settings')\n",
        "site_/__init__.py": "",
        "site_/settings/__init__.py": "from .dev import *\n",
        "site_/settings/dev.py": "from site_.settings.common import *\nDEBUG = True\n",
        "site_/settings/common.py": SETTINGS,
        "site_/settings/notes.py": "X = 1\n",
    })
    assert _rel(Project(root)) == ["site_/settings/common.py", "site_/settings/dev.py"]


def test_without_any_configuration_settings_are_modules_defining_installed_apps(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    root = _write(tmp_path, {
        "shop/__init__.py": "INSTALLED_APPS = []\n",  # a package __init__: never settings
        "shop/settings.py": HELPER,
        "tests/settings.py": SETTINGS,
    })
    project = Project(root)
    assert project.settings is None
    assert _rel(project) == ["tests/settings.py"]


def _library(root: Path) -> Path:
    """A reusable app: the package's ``settings.py`` is an app-defaults helper; the test settings are
    named by runtests.py."""
    return _write(root, {
        "requirements.txt": "Django==3.2.25\n",
        "runtests.py": (
            "import os, sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings')\n"
            "import django\nfrom django.test.utils import get_runner\n"
        ),
        "shop/__init__.py": "",
        "shop/settings.py": HELPER,
        "shop/views.py": "from shop import settings as app_settings\nPAGE = app_settings.PAGE_SIZE\n",
        "tests/__init__.py": "",
        "tests/settings.py": SETTINGS,
    })


def _fix(root: Path, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "upgrader", "fix", *args, "--target", "4.2", "--format", "json", "--no-cache"],
        cwd=root, capture_output=True, text=True,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_fix_never_rewrites_a_library_settings_helper(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    root = _library(tmp_path)
    assert Project(root).settings.source == "runtests.py"
    _fix(root)
    assert (root / "shop" / "settings.py").read_text() == HELPER  # the helper keeps its USE_L10N
    assert "USE_L10N" not in (root / "tests" / "settings.py").read_text()  # the real settings are fixed


def test_fix_of_one_file_knows_the_project_settings(tmp_path, monkeypatch):
    """pre-commit passes single files: the settings rule is still the project's."""
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    root = _library(tmp_path)
    _fix(root, "shop/settings.py", "tests/settings.py")
    assert (root / "shop" / "settings.py").read_text() == HELPER
    assert "USE_L10N" not in (root / "tests" / "settings.py").read_text()


def test_project_files_by_role(tmp_path):
    root = _write(tmp_path, {
        "app/models.py": "", "app/migrations/__init__.py": "", "app/migrations/0001_initial.py": "",
        "app/templates/app/page.html": "{{ x }}", "app/templates/app/mail.txt": "hi",
        "app/static/readme.txt": "not a template", "notes.html": "{% if x %}{% endif %}",
        "requirements/base.txt": "Django==3.2\n", "requirements.txt": "-r requirements/base.txt\n",
        "node_modules/x/y.py": "", ".venv/pyvenv.cfg": "", ".venv/lib/z.py": "", "build/lib/app/models.py": "",
    })
    pf = ProjectFiles(root, use_git=False)
    rel = lambda paths: sorted(pf.relative(p) for p in paths)  # noqa: E731
    assert rel(pf.python_files()) == ["app/migrations/0001_initial.py", "app/migrations/__init__.py", "app/models.py"]
    assert rel(pf.migrations()) == ["app/migrations/0001_initial.py"]
    assert rel(pf.source_files()) == ["app/migrations/__init__.py", "app/models.py"]
    assert rel(pf.templates()) == ["app/templates/app/mail.txt", "app/templates/app/page.html", "notes.html"]
    assert rel(pf.requirement_files()) == ["requirements.txt", "requirements/base.txt"]


def test_the_text_precheck_never_hides_a_settings_module(tmp_path):
    """``_assigns_installed_apps`` parses only files whose text may assign INSTALLED_APPS at module
    level; on real code (Django's tests settings, the example project, edge cases) it answers as a
    parse of every file would."""
    import ast

    from core.settings import _assigns_installed_apps

    def parsed(path):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            return False
        return any(isinstance(t, ast.Name) and t.id == "INSTALLED_APPS"
                   for node in tree.body
                   for t in (node.targets if isinstance(node, ast.Assign) else
                             [node.target] if isinstance(node, ast.AnnAssign) else []))

    django = pytest.importorskip("django")
    root = Path(__file__).resolve().parents[2]
    files = sorted(Path(django.__file__).parent.rglob("*.py")) + sorted((root / "examples").rglob("*.py"))
    cases = {"chained.py": "A = INSTALLED_APPS = []\n", "annotated.py": "INSTALLED_APPS: list = []\n",
             "continued.py": "A = \\\n    INSTALLED_APPS = ['x']\n", "semicolon.py": "x = 1; INSTALLED_APPS = []\n",
             "kwarg.py": "f(\n    INSTALLED_APPS=[],\n)\n", "classattr.py": "class S:\n    INSTALLED_APPS = []\n",
             "nested.py": "if True:\n    INSTALLED_APPS = []\n", "read.py": "x = settings.INSTALLED_APPS\n"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        files.append(tmp_path / name)
    # (the file is read as bytes: its line endings must still read as Python reads them)
    (tmp_path / "continued_crlf.py").write_bytes(b"A = \\\r\n    INSTALLED_APPS = ['x']\r\n")
    (tmp_path / "continued_cr.py").write_bytes(b"A = \\\r    INSTALLED_APPS = ['x']\r")
    files += [tmp_path / "continued_crlf.py", tmp_path / "continued_cr.py"]
    found = [p for p in files if _assigns_installed_apps(p)]
    assert found == [p for p in files if parsed(p)]
    assert {p.name for p in found} >= {"chained.py", "annotated.py", "continued.py", "semicolon.py",
                                       "continued_crlf.py", "continued_cr.py"}
