"""``kind: python``: run the function the rule names (see :mod:`helder.checks.python_rules`)."""

from __future__ import annotations

from .context import RuleRun
from .python_rules import REGISTRY


def run(run: RuleRun) -> None:
    REGISTRY[run.rule.spec["function"]](run)
