"""django-upgrade-assistant: Django system-check messages as harvest records (project's interpreter,
Python 3.8+, stdlib only). ``patch_checks`` wraps ``CheckRegistry.run_checks`` right after
``django.core.checks.registry`` is imported (``_dua_harvest.install()``); silenced messages and those
below WARNING are skipped; each record has the check id, hint, object and the model field's file and line.
"""

import sys

import _dua_harvest as H


def _check_location(obj):
    """Best effort: the file and line that define a model field / model the check is about."""
    import inspect

    try:
        model = getattr(obj, "model", None)
        name = getattr(obj, "name", None)
        if model is not None and name:
            lines, start = inspect.getsourcelines(model)
            filename = inspect.getsourcefile(model)
            for offset, text in enumerate(lines):
                stripped = text.lstrip()
                if stripped.startswith(name) and stripped[len(name):].lstrip().startswith("="):
                    return filename, start + offset
            return filename, start
        if inspect.isclass(obj):
            lines, start = inspect.getsourcelines(obj)
            return inspect.getsourcefile(obj), start
    except Exception:
        pass
    return "", 0


def patch_checks(module):
    registry = getattr(module, "CheckRegistry", None)
    if registry is None or getattr(registry.run_checks, "_dua", False):
        return
    original = registry.run_checks

    def run_checks(self, *args, **kwargs):
        messages = original(self, *args, **kwargs)
        try:
            for m in messages:
                try:
                    if m.is_silenced() or m.level < 30:  # WARNING and above
                        continue
                except Exception:
                    continue
                filename, lineno = _check_location(m.obj)
                H.write_record({
                    "kind": "check",
                    "category": H._qualname(type(m)),
                    "message": str(m.msg),
                    "filename": H._abs(filename or ""),
                    "lineno": lineno or 0,
                    "test": H._state["test"],
                    "when": "check",
                    "source": "checks",
                    "check_id": m.id,
                    "hint": m.hint,
                    "obj": None if m.obj is None else str(m.obj),
                })
        except Exception as exc:
            H.tool_error("system checks", exc)
        return messages

    run_checks._dua = True
    registry.run_checks = run_checks
    # the module binds ``run_checks = registry.run_checks`` at import: rebind it to the patched method
    instance = getattr(module, "registry", None)
    if instance is not None and hasattr(module, "run_checks"):
        module.run_checks = instance.run_checks
    checks_pkg = sys.modules.get("django.core.checks")
    if instance is not None and checks_pkg is not None and hasattr(checks_pkg, "run_checks"):
        checks_pkg.run_checks = instance.run_checks
