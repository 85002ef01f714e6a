"""The deprecation report: grouping, release-data mapping, renderers, baseline.

    from upgrader.report import group, build_report, render, write_baseline, read_baseline, compare
"""

from upgrader.report.baseline import compare, read_baseline, write_baseline
from upgrader.report.logparse import parse_log
from upgrader.report.model import WarningGroup, group, normalise_message, stable_key
from upgrader.report.render import FORMATS, SCHEMA_VERSION, Report, build_report, over_the_bar, render

__all__ = [
    "FORMATS", "SCHEMA_VERSION", "Report", "WarningGroup", "build_report", "compare", "group",
    "normalise_message", "over_the_bar", "parse_log", "read_baseline", "render", "stable_key", "write_baseline",
]
