"""The architecture's rules, checked on the source with ``ast`` (docs/ARCHITECTURE.md):

* ``core`` is a leaf: it imports neither ``upgrader`` nor ``codemods`` (nor ``release_data``);
* ``codemods`` and ``release_data`` never import ``upgrader``;
* no import cycles among the modules of core / release_data / codemods / upgrader (imports inside
  functions count: a cycle hidden in a function is still a cycle);
* only the file layer (``core/files.py``) walks directories;
* only the runner (``core/run.py``) starts subprocesses;
* no module of the tool (core, codemods, upgrader, release_data, scripts, benchmarks) is over 400
  lines, except the codemod catalogue's (one module per change, its docstring is its documentation);
* every ``ast.parse`` catches ``core.pysource.PARSE_ERRORS`` (a file Python cannot parse is reported).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "release_data", "codemods", "upgrader")

# Code that runs INSIDE the project's own process (put on its sys.path by the harvester): it is
# stdlib-only by contract and cannot import the tool's core, so it keeps its own few calls.
IN_PROJECT_PROCESS = ("upgrader/harvest/",)

WALKERS_ALLOWED = {
    "core/walk.py": "the file layer itself (core.files is its API)",
}
SUBPROCESS_ALLOWED = {
    "core/run.py": "the runner itself",
}
WALK_CALLS = {"walk", "scandir", "rglob", "glob", "iglob", "listdir", "iterdir"}
WALK_MODULE_FUNCS = {("os", "walk"), ("os", "scandir"), ("os", "listdir"), ("glob", "glob"), ("glob", "iglob")}
SUBPROCESS_FUNCS = {"run", "Popen", "call", "check_call", "check_output", "getoutput", "getstatusoutput"}
OS_SPAWN = {"system", "popen", "spawnv", "spawnvp", "spawnl", "spawnlp", "execv", "execvp", "execve",
            "execl", "execlp", "posix_spawn", "posix_spawnp", "fork"}


def _sources() -> dict[str, Path]:
    """module name -> file, for every module of the four packages."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):  # (a test, not the tool: allowed)
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


SOURCES = _sources()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for name, path in SOURCES.items()}


def _rel(name: str) -> str:
    return SOURCES[name].relative_to(ROOT).as_posix()


def _is_package(name: str) -> bool:
    return SOURCES[name].name == "__init__.py"


def _resolve(name: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = name if _is_package(name) else name.rpartition(".")[0]
    parts = package.split(".")
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def _known(dotted: str) -> str | None:
    """The module of ours that ``dotted`` names (longest known prefix), or None."""
    while dotted:
        if dotted in SOURCES:
            return dotted
        dotted = dotted.rpartition(".")[0]
    return None


def imports_of(name: str) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _known(alias.name)
                if target:
                    out.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, node)
            for alias in node.names:
                target = _known(f"{base}.{alias.name}") or _known(base)
                if target:
                    out.add(target)
    out.discard(name)
    return out


GRAPH = {name: imports_of(name) for name in SOURCES}


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("package, forbidden", [
    ("core", {"upgrader", "codemods", "release_data"}),
    ("release_data", {"upgrader", "codemods"}),
    ("codemods", {"upgrader"}),
])
def test_layers(package, forbidden):
    bad = sorted(f"{_rel(m)} imports {t}" for m, targets in GRAPH.items() if _top(m) == package
                 for t in targets if _top(t) in forbidden)
    assert not bad, "\n".join(bad)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 10000))
    try:
        for v in sorted(GRAPH):
            if v not in index:
                strong(v)
    finally:
        sys.setrecursionlimit(old)
    return out


def test_no_import_cycles():
    cycles = _cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else None
                yield node.lineno, owner, func.attr
            elif isinstance(func, ast.Name):
                yield node.lineno, None, func.id


def _imported_names(tree: ast.AST, module: str) -> set[str]:
    """Names bound by ``from MODULE import name``."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module and not node.level:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _skip(rel: str, allowed: dict) -> bool:
    return rel in allowed or rel.startswith(IN_PROJECT_PROCESS)


def test_only_the_file_layer_walks_directories():
    bad = []
    for name, tree in TREES.items():
        rel = _rel(name)
        if _skip(rel, WALKERS_ALLOWED):
            continue
        from_os = _imported_names(tree, "os") | _imported_names(tree, "glob")
        for line, owner, attr in _calls(tree):
            if (owner, attr) in WALK_MODULE_FUNCS or (owner is None and attr in from_os & {"walk", "scandir", "listdir", "glob", "iglob"}):
                bad.append(f"{rel}:{line}: {owner + '.' if owner else ''}{attr}()")
            elif owner not in ("os", "glob") and attr in {"rglob", "glob", "iterdir"}:
                bad.append(f"{rel}:{line}: .{attr}()")
    assert not bad, "walks directories outside the file layer (core/walk.py, core/files.py):\n" + "\n".join(bad)


def test_only_the_runner_starts_subprocesses():
    bad = []
    for name, tree in TREES.items():
        rel = _rel(name)
        if _skip(rel, SUBPROCESS_ALLOWED):
            continue
        from_sub = _imported_names(tree, "subprocess")
        from_os = _imported_names(tree, "os")
        for line, owner, attr in _calls(tree):
            if (owner == "subprocess" and attr in SUBPROCESS_FUNCS) or (owner is None and attr in from_sub & SUBPROCESS_FUNCS):
                bad.append(f"{rel}:{line}: subprocess.{attr}()")
            elif (owner == "os" and attr in OS_SPAWN) or (owner is None and attr in from_os & OS_SPAWN):
                bad.append(f"{rel}:{line}: os.{attr}()")
            elif owner in ("multiprocessing", "asyncio") and attr in ("Process", "create_subprocess_exec", "create_subprocess_shell"):
                bad.append(f"{rel}:{line}: {owner}.{attr}()")
    assert not bad, "starts subprocesses outside core/run.py:\n" + "\n".join(bad)


def test_the_rules_catch_what_they_are_for(tmp_path):
    """The checks above see a walk, a subprocess and a cycle when there is one (they are not vacuous)."""
    tree = ast.parse("import os, subprocess\nfrom pathlib import Path\nos.walk('.')\nPath('.').rglob('*')\nsubprocess.run(['x'])\n")
    calls = {(o, a) for _, o, a in _calls(tree)}
    assert {("os", "walk"), (None, "rglob"), ("subprocess", "run")} <= calls
    saved = dict(GRAPH)
    try:
        GRAPH["core.errors"] = GRAPH["core.errors"] | {"core.versions"}
        GRAPH["core.versions"] = GRAPH["core.versions"] | {"core.errors"}
        assert ["core.errors", "core.versions"] in _cycles()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


MAX_LINES = 400
SIZED_PACKAGES = ("core", "codemods", "upgrader", "release_data", "scripts", "benchmarks")
SIZE_EXEMPT = ("codemods/catalogue/",)


def _module_sizes() -> dict[str, int]:
    """relative path -> number of lines, for every module of the tool outside the catalogue."""
    out = {}
    for package in SIZED_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):  # (a test, not the tool: allowed)
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith(SIZE_EXEMPT):
                out[rel] = len(path.read_text(encoding="utf-8").splitlines())
    return out


def test_no_module_over_400_lines_outside_the_catalogue():
    sizes = _module_sizes()
    assert {"codemods/imports.py", "codemods/settings_helpers.py", "release_data/__init__.py",
            "scripts/gen_readme_cli.py", "benchmarks/bench_fix.py"} <= set(sizes)  # not vacuous
    assert not any(rel.startswith("codemods/catalogue/") for rel in sizes)
    big = sorted(f"{rel}: {n} lines" for rel, n in sizes.items() if n > MAX_LINES)
    assert not big, (f"modules over {MAX_LINES} lines (split them into modules named for what they do; "
                     "docs/ARCHITECTURE.md):\n" + "\n".join(big))


def test_help_and_codemods_do_not_import_the_project_layer():
    """``upgrader.commands._common`` imports ``upgrader.project`` only when a command opens a project:
    ``codemods`` and every ``--help`` start without it."""
    import subprocess
    import sys

    probe = (
        "import runpy, sys\n"
        "sys.argv = ['django-upgrade', 'codemods', '--help']\n"
        "try:\n    runpy.run_module('upgrader', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('upgrader.project' in sys.modules, 'upgrader.commands._common' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stderr.splitlines()[-1] == "False True", out.stderr


def _unguarded_parses(tree: ast.AST) -> list[int]:
    """Lines of the ``ast.parse(...)`` calls (and of ``core.pysource.parse``, as imported) not in the
    body of a ``try`` one of whose handlers names ``PARSE_ERRORS``."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    ours = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module == "core.pysource" for a in node.names if a.name == "parse"}
    out = []
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if not ((isinstance(func, ast.Attribute) and func.attr == "parse" and isinstance(func.value, ast.Name)
                 and func.value.id == "ast") or (isinstance(func, ast.Name) and func.id in ours)):
            continue
        child, guarded = node, False
        while child in parents and not guarded:
            child, parent = parents[child], child
            if isinstance(child, ast.Try) and parent in child.body:
                guarded = any(h.type is not None and "PARSE_ERRORS" in ast.unparse(h.type) for h in child.handlers)
        if not guarded:
            out.append(node.lineno)
    return out


def test_every_parse_of_a_users_file_catches_the_parse_errors():
    """A file Python cannot parse (a syntax error, a null byte, a tree deeper than CPython builds) is
    reported and the run goes on: every ``ast.parse`` of the tool catches ``core.pysource.PARSE_ERRORS``
    (catching ``SyntaxError`` alone let a ``RecursionError`` end ``fix`` and ``plan`` with an internal
    error)."""
    found = {name: lines for name, tree in TREES.items()
             if name != "core.pysource" and (lines := _unguarded_parses(tree))}  # (the parse itself)
    assert found == {}
    caught = "try:\n    ast.parse(t)\nexcept PARSE_ERRORS:\n    pass\n"
    assert _unguarded_parses(ast.parse(caught)) == []
    assert _unguarded_parses(ast.parse(caught.replace("PARSE_ERRORS", "SyntaxError"))) == [2]
    assert _unguarded_parses(ast.parse("tree = ast.parse(t)\n")) == [1]
    assert _unguarded_parses(ast.parse("from core.pysource import parse as p\ntree = p(t)\n")) == [2]
