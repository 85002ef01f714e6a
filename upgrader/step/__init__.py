"""``django-upgrade step``: one upgrade step end to end (docs/step.md).

    from upgrader.step import StepOptions, run, rollback
    outcome = run(StepOptions(project_dir=".", to="4.2"))     # StepsOutcome(reports, exit_code)
    rollback(".")                                             # RollbackResult
"""

from upgrader.step.rollback import FileGuard, RollbackResult, rollback
from upgrader.step.runner import StepOptions, StepsOutcome, run, run_step

__all__ = ["FileGuard", "RollbackResult", "StepOptions", "StepsOutcome", "rollback", "run", "run_step"]
