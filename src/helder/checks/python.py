"""``kind: python``: run the function the rule names (one module per rule in :mod:`helder.checks.rules`)."""

from __future__ import annotations

from .context import RuleRun
from .registry import python_functions


def run(run: RuleRun) -> None:
    python_functions()[run.rule.spec["function"]](run)
