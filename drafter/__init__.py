"""drafter: checks apology and correction messages before they go out.

    >>> import drafter
    >>> report = drafter.check("Hi Sam, Tom sent you the wrong invoice. Sorry!")
    >>> report.criteria["names"].verdict
    'fail'
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from drafter.checker import CRITERION_IDS, Checker
from drafter.report import SCHEMA, CriterionResult, Finding, Report
from drafter.rewrite import Rewrite, rewrite

__version__ = "0.1.0"
__all__ = ["check", "rewrite", "Checker", "Report", "Rewrite", "CriterionResult", "Finding", "CRITERION_IDS", "SCHEMA"]


@functools.lru_cache(maxsize=8)
def _checker(criteria: tuple[str, ...] | None, model: bool) -> Checker:
    return Checker(criteria, model=model)


def check(text: str, *, criteria: Iterable[str] | None = None, model: bool = True) -> Report:
    """Check one draft. The spaCy pipeline (and the role model) load once and are reused."""
    key = tuple(sorted(criteria)) if criteria is not None else None
    return _checker(key, model).check(text)
