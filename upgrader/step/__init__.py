"""``django-upgrade step``: one upgrade step end to end (docs/step.md).

    from upgrader.step import StepOptions, run, rollback
    outcome = run(StepOptions(project_dir=".", to="4.2"))     # StepsOutcome(reports, exit_code)
    rollback(".")                                             # RollbackResult

Modules: ``runner`` (steps in a row), ``pipeline`` (the named phases of one step), ``preflight``,
``suite`` (runs and their comparison), ``fixes`` (codemods computed once) and ``blame``, ``checks``
(manage.py), ``deps_phase``, ``leftover`` (what is left by hand), ``explain``, ``report`` / ``render``,
``rollback``.
"""

from upgrader.step.options import StepOptions, StepsOutcome
from upgrader.step.rollback import RollbackResult, rollback
from upgrader.step.runner import run, run_step

__all__ = ["RollbackResult", "StepOptions", "StepsOutcome", "rollback", "run", "run_step"]
