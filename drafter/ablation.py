"""Model-only verdicts, for `drafter evaluate --ablation`: what the sentence-role model says on its own.

Each criterion is decided from the role probabilities of the body sentences alone (with the card's
per-role thresholds), so the figures show what the rules add and what the model adds."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from drafter.checker import CRITERION_IDS, Checker
from drafter.draft import Draft
from drafter.report import CriterionResult, Finding, Report


def _sentences_with(doc: Doc, role: str, thresholds: dict[str, float]):
    limit = thresholds.get(role, 0.5)
    return [s for s, p in zip(doc._.body_sents, doc._.roles) if p.get(role, 0.0) >= limit]


def model_verdicts(doc: Doc, thresholds: dict[str, float]) -> dict[str, tuple[str, list]]:
    """criterion -> (verdict, sentences that decided it)."""
    has = lambda role: _sentences_with(doc, role, thresholds)  # noqa: E731 - a short local reader
    apologies, abasing, fixes = has("apology"), has("self_abasement"), has("correction")
    person_blame = [s for s in has("blame_other") if any(e.label_ == "PERSON" for e in s.ents)]
    how = has("how_it_happened")
    how_words = sum(len(s) for s in how)
    all_words = sum(len(s) for s in doc._.body_sents) or 1
    decided = {
        "facts": has("blame_other") + has("excuse"),
        "names": has("self_singling") + person_blame,
        "correction": abasing + (apologies[1:] if len(apologies) > 1 else []) + (apologies if apologies and not fixes else []),
        "ownership": has("minimising") + has("blame_other"),
        "calm": has("alarm"),
        "proportion": how if len(how) >= 3 and how_words / all_words >= 0.45 else [],
    }
    present = {"next_steps": has("next_step"), "prevention": has("prevention"), "timeline": has("timeline") + fixes}
    verdicts = {cid: ("fail" if spans else "pass", spans) for cid, spans in decided.items()}
    verdicts.update({cid: ("pass" if spans else "fail", spans) for cid, spans in present.items()})
    gestures = has("make_good")
    verdicts["make_good"] = ("present" if gestures else "absent", gestures)
    return verdicts


def model_only_reports(drafts: Sequence[Draft], criteria: list[str] | None) -> list[Report]:
    checker = Checker(criteria, model=True)
    if checker.role_model is None:
        raise RuntimeError("no trained role model is installed (run `make model`)")
    thresholds = checker.role_model.card.get("thresholds", {})
    wanted = criteria or list(CRITERION_IDS)
    reports = []
    for doc in checker.annotated_docs(drafts):
        results = {}
        for cid, (verdict, spans) in model_verdicts(doc, thresholds).items():
            if cid not in wanted:
                continue
            findings = [Finding(cid, f"{cid}/model", "info", s.start_char, s.end_char, s.text, "model role", "")
                        for s in spans]
            score = 100 if verdict in ("pass", "present") else 0
            results[cid] = CriterionResult(cid, score, verdict, findings)
        reports.append(Report(source=doc._.draft.source, score=0, criteria=results))
    return reports
