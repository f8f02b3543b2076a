"""Accuracy of drafter against a labelled JSONL corpus of drafts."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.checker import CRITERION_IDS, Checker
from drafter.draft import segment
from drafter.report import Report

#: Every criterion the corpus labels, whether or not drafter implements it yet.
LABELLED_CRITERIA = ("facts", "names", "correction", "next_steps", "ownership", "prevention",
                     "timeline", "calm", "proportion", "make_good")
#: The verdict counted as the positive class for precision and recall.
POSITIVE = {cid: ("present" if cid == "make_good" else "fail") for cid in LABELLED_CRITERIA}


class CorpusError(ValueError):
    pass


@dataclass
class Item:
    id: str
    text: str
    labels: dict[str, str]
    kind: str = ""
    blamed_names: list[str] = field(default_factory=list)
    harmless_names: list[str] = field(default_factory=list)


def load_corpus(path: str) -> list[Item]:
    file = Path(path)
    if not file.is_file():
        raise CorpusError(f"{path}: no such file")
    items = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(Item(id=str(row["id"]), text=row["text"], labels=row["labels"], kind=row.get("kind", ""),
                              blamed_names=row.get("blamed_names", []), harmless_names=row.get("harmless_names", [])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}:{number}: not a labelled draft ({type(exc).__name__}: {exc})") from None
    if not items:
        raise CorpusError(f"{path}: no drafts")
    return items


@dataclass
class Scores:
    n: int
    positive_rate: float
    precision: float
    recall: float
    f1: float
    balanced_accuracy: float
    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def from_pairs(cls, pairs: list[tuple[bool, bool]]) -> "Scores":
        tp = sum(g and p for g, p in pairs)
        fp = sum(not g and p for g, p in pairs)
        fn = sum(g and not p for g, p in pairs)
        tn = sum(not g and not p for g, p in pairs)
        n = len(pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        specificity = tn / (tn + fp) if tn + fp else 0.0
        return cls(n, (tp + fn) / n if n else 0.0, precision, recall, f1, (recall + specificity) / 2, tp, fp, fn, tn)

    def to_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass
class Misjudged:
    id: str
    criterion: str
    expected: str
    got: str
    spans: list[str]


@dataclass
class Evaluation:
    variant: str
    criteria: dict[str, Scores]
    not_implemented: list[str]
    blamed_name_recall: float | None
    harmless_names_unflagged: float | None
    errors: list[Misjudged]

    def to_dict(self) -> dict:
        return {
            "variant": self.variant,
            "criteria": {cid: s.to_dict() for cid, s in self.criteria.items()},
            "not_implemented": self.not_implemented,
            "names": {"blamed_name_recall": self.blamed_name_recall,
                      "harmless_names_unflagged": self.harmless_names_unflagged},
            "errors": [e.__dict__ for e in self.errors],
        }


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def _flagged(report: Report, start: int, end: int) -> bool:
    result = report.criteria.get("names")
    return result is not None and any(f.start < end and start < f.end for f in result.findings)


def name_figures(items: list[Item], reports: list[Report]) -> tuple[float | None, float | None]:
    blamed_hits = blamed_total = harmless_ok = harmless_total = 0
    for item, report in zip(items, reports):
        if "names" not in report.criteria:
            return None, None
        for name in item.blamed_names:
            spots = _occurrences(item.text, name)
            blamed_total += 1
            blamed_hits += any(_flagged(report, s, e) for s, e in spots)
        for name in item.harmless_names:
            spots = _occurrences(item.text, name)
            harmless_total += 1
            harmless_ok += not any(_flagged(report, s, e) for s, e in spots)
    return (blamed_hits / blamed_total if blamed_total else None,
            harmless_ok / harmless_total if harmless_total else None)


def reports_for(items: list[Item], variant: str, criteria: list[str] | None) -> list[Report]:
    drafts = [segment(item.text, source=item.id) for item in items]
    if variant == "model":
        from drafter.ablation import model_only_reports
        return model_only_reports(drafts, criteria)
    checker = Checker(criteria, model=(variant == "combined"))
    return checker.check_drafts(drafts)


def evaluate_corpus(items: list[Item], *, variant: str = "combined", criteria: list[str] | None = None) -> Evaluation:
    reports = reports_for(items, variant, criteria)
    implemented = [c for c in (criteria or CRITERION_IDS) if c in reports[0].criteria]
    scored: dict[str, Scores] = {}
    errors: list[Misjudged] = []
    for cid in implemented:
        pairs = []
        for item, report in zip(items, reports):
            if cid not in item.labels:
                continue
            result = report.criteria[cid]
            gold = item.labels[cid] == POSITIVE[cid]
            predicted = result.verdict == POSITIVE[cid]
            pairs.append((gold, predicted))
            if gold != predicted:
                errors.append(Misjudged(item.id, cid, item.labels[cid], result.verdict,
                                        [f"{f.rule}: {f.text!r}" for f in result.findings]))
        scored[cid] = Scores.from_pairs(pairs)
    wanted = criteria or LABELLED_CRITERIA
    not_implemented = [c for c in LABELLED_CRITERIA if c in wanted and c not in implemented]
    blamed, harmless = name_figures(items, reports) if "names" in implemented else (None, None)
    return Evaluation(variant, scored, not_implemented, blamed, harmless, errors)
