"""Model-only verdicts, for `drafter evaluate --ablation`: what the models say without the rules.

Each criterion is decided by the draft-level verdict model (drafter/verdicts.py) alone, at
probability 0.5, from the sentence model's role probabilities and criterion evidence for the body;
its finding points where ``Criterion.model_finding`` puts it. The figures show what the rules add and what the models add."""
from __future__ import annotations

from collections.abc import Sequence

from drafter.checker import Checker
from drafter.draft import Draft
from drafter.report import CriterionResult, Report
from drafter.verdicts import load_verdict_model


def model_only_reports(drafts: Sequence[Draft], criteria: list[str] | None) -> list[Report]:
    checker = Checker(criteria, model=True)
    verdict_model = load_verdict_model()
    if checker.role_model is None or verdict_model is None:
        raise RuntimeError("no trained role or verdict model is installed (run `make model`)")
    reports = []
    for doc in checker.annotated_docs(drafts):
        results = {}
        for criterion in checker.criteria:
            positive = verdict_model.probability(doc, criterion.id) >= 0.5
            findings = [criterion.model_finding(doc)] if positive else []
            score = criterion.score(findings)
            results[criterion.id] = CriterionResult(criterion.id, score, criterion.verdict(findings, score), findings)
        reports.append(Report(source=doc._.draft.source, score=0, criteria=results))
    return reports
