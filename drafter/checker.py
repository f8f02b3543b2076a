"""Runs the criteria over a draft and assembles the report."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from drafter.config import load_toml_resource
from drafter.criteria import CRITERIA
from drafter.criteria.base import Criterion
from drafter.draft import Draft, segment
from drafter.nlp import load_pipeline
from drafter.report import CriterionResult, Finding, Report
from drafter.signals import annotate, in_body
from drafter.suggest import placeholder_spans

CRITERION_IDS = tuple(c.id for c in CRITERIA)
PLACEHOLDERS = "placeholders"


def unfilled_placeholders(doc) -> list[Finding]:
    """Placeholders that `drafter rewrite` inserted and the writer has not yet replaced."""
    draft: Draft = doc._.draft
    return [
        Finding(criterion=PLACEHOLDERS, rule=f"{PLACEHOLDERS}/unfilled", severity="error", start=start, end=end,
                text=text, message=f"Unfilled placeholder {text}: replace it with what only you know before sending.",
                rationale="drafter rewrite inserts a visible placeholder where a line needs facts it cannot know.",
                **dict(zip(("line", "column"), draft.position(start))))
        for start, end, text in placeholder_spans(draft.text) if in_body(doc, start, end)
    ]


class UnknownCriterion(ValueError):
    pass


def default_weights() -> dict[str, float]:
    return dict(load_toml_resource("weights.toml")["weights"])


def select_criteria(ids: Iterable[str] | None) -> list[type[Criterion]]:
    if ids is None:
        return list(CRITERIA)
    wanted = [i.strip() for i in ids if i.strip()]
    unknown = [i for i in wanted if i not in CRITERION_IDS]
    if unknown:
        raise UnknownCriterion(f"unknown criterion {', '.join(unknown)}; choose from {', '.join(CRITERION_IDS)}")
    return [c for c in CRITERIA if c.id in wanted]


class Checker:
    """A loaded pipeline and a chosen set of criteria; reuse one for many drafts."""

    def __init__(self, criteria: Iterable[str] | None = None, *, model: bool = True,
                 weights: dict[str, float] | None = None):
        self.nlp = load_pipeline()
        self.criteria = [cls() for cls in select_criteria(criteria)]
        self.weights = {**default_weights(), **(weights or {})}
        self.role_model = None
        if model:
            from drafter.roles import load_role_model
            self.role_model = load_role_model()

    def check(self, text: str, source: str = "<text>") -> Report:
        return self.check_draft(segment(text, source=source))

    def check_draft(self, draft: Draft) -> Report:
        doc = annotate(self.nlp(draft.scored_text), draft, self.nlp)
        self.score_sentences([doc])
        return self.report(doc)

    def annotated_docs(self, drafts: Sequence[Draft], batch_size: int = 32) -> list:
        """Parsed and annotated documents, with the model's sentence scores when it is loaded."""
        docs = list(self.nlp.pipe((d.scored_text for d in drafts), batch_size=batch_size))
        docs = [annotate(doc, draft, self.nlp) for doc, draft in zip(docs, drafts)]
        self.score_sentences(docs)
        return docs

    def score_sentences(self, docs: Sequence) -> None:
        """Set ``doc._.roles`` and ``doc._.evidence`` when the model is loaded. The body sentences of
        all ``docs`` go to the model together, so its batches stay full."""
        if self.role_model is None:
            return
        probabilities, evidence = self.role_model.score([s.text for doc in docs for s in doc._.body_sents])
        probabilities = iter(probabilities)
        evidence = iter(evidence) if evidence is not None else None
        for doc in docs:
            doc._.roles = [next(probabilities) for _ in doc._.body_sents]
            doc._.evidence = [next(evidence) for _ in doc._.body_sents] if evidence is not None else None

    def check_drafts(self, drafts: Sequence[Draft], batch_size: int = 32) -> list[Report]:
        return [self.report(doc) for doc in self.annotated_docs(drafts, batch_size)]

    def report(self, doc) -> Report:
        draft: Draft = doc._.draft
        results = {}
        for criterion in self.criteria:
            findings, score = criterion.assess(doc)
            located = [dataclasses.replace(f, **dict(zip(("line", "column"), draft.position(f.start))))
                       for f in findings]
            measures = criterion.measures(doc) if hasattr(criterion, "measures") else {}
            results[criterion.id] = CriterionResult(criterion.id, score, criterion.verdict(findings, score),
                                                    located, measures)
        unfilled = unfilled_placeholders(doc)
        if unfilled:
            # Not a rubric criterion: a draft that still holds "[what you changed]" is not ready to send.
            results[PLACEHOLDERS] = CriterionResult(PLACEHOLDERS, Criterion.score(unfilled), "fail", unfilled)
        total_weight = sum(self.weights.get(cid, 1.0) for cid in results) or 1.0
        overall = sum(r.score * self.weights.get(cid, 1.0) for cid, r in results.items()) / total_weight
        return Report(source=draft.source, score=round(overall), criteria=results)
