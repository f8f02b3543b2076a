"""The draft-level verdict model: each criterion judged from the sentence model's view of the whole draft.

The rules fit the wording of the drafts they were written against; on drafts by a writer they have
never seen they lose about a tenth of their balanced accuracy. This model reads two things the
sentence model gives every body sentence:

- the role probabilities, summarised per role (the highest, the second highest and the sum over
  the draft), with the draft's length;
- the criterion's evidence score (``drafter/roles.py``), pooled over the draft by log-sum-exp, a
  smooth maximum: the evidence of the strongest sentence, raised a little by others like it. The
  evidence head learns from whole drafts' labels which sentences decide a verdict, in wording no
  role names ("a time for the next update" is a timeline role; "by Thursday" against "soon" is
  what the timeline label turns on).

Each criterion has logistic regressions over those features, trained by ``models/train_verdicts.py``.
The weights live in ``drafter/model/verdicts.json`` (plain numbers, no pickle). Two variants per
criterion:

- "model": the sentence model's features alone, what `drafter evaluate --ablation` reports as
  "models only";
- "model_and_rules": the same with the rules' own outcome on the criterion, trained only on drafts
  by writers the rules were never tuned on, so it learns how far the rules hold on new wording.

Where leave-one-writer-out showed one of them beats the rules on writers the rules were not written
from, the card's ``decisions`` name it and ``Criterion.assess`` follows it."""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from spacy.tokens import Doc

from drafter.roles import MODEL_DIR
from drafter.signals import memo

VERDICTS_FILE = "verdicts.json"
#: Per role, in this order: the highest probability in the draft, the second highest, the sum.
ROLE_SUMMARIES = ("max", "second", "sum")
#: After the role summaries: log(1 + body words) and the number of body sentences.
LENGTH_FEATURES = ("log_words", "sentences")
#: Then one "evidence:<criterion>" feature per criterion of the evidence head. A draft without body
#: sentences gets this floor: no sentence speaks for the criterion either way.
NO_EVIDENCE = -20.0
#: The rule-aware variant adds the rules' outcome on the criterion: whether they flag it (make_good:
#: find a gesture), and how many error and warning findings they give.
RULE_FEATURES = ("rules:positive", "rules:errors", "rules:warnings")
VARIANTS = ("model", "model_and_rules")


def feature_names(roles: list[str], evidence_criteria: list[str], variant: str = "model") -> list[str]:
    names = ([f"{summary}:{role}" for summary in ROLE_SUMMARIES for role in roles] + list(LENGTH_FEATURES)
             + [f"evidence:{cid}" for cid in evidence_criteria])
    return names + list(RULE_FEATURES) if variant == "model_and_rules" else names


def rule_features(positive: bool, findings) -> list[float]:
    """The RULE_FEATURES of a criterion's rule outcome: ``positive`` is its fail (make_good: present) verdict."""
    return [float(positive), float(sum(f.severity == "error" for f in findings)),
            float(sum(f.severity == "warning" for f in findings))]


def pooled_evidence(scores: list[float]) -> float:
    """Log-sum-exp of a criterion's sentence scores over a draft."""
    if not scores:
        return NO_EVIDENCE
    top = max(scores)
    return max(NO_EVIDENCE, top + math.log(sum(math.exp(s - top) for s in scores)))


def draft_features(doc: Doc, roles: list[str], evidence_criteria: list[str]) -> list[float] | None:
    """The features of ``feature_names(roles, evidence_criteria)`` for an annotated document, None
    without the sentence model's scores."""
    if doc._.roles is None or (evidence_criteria and doc._.evidence is None):
        return None
    return memo(doc, "draft_features", lambda: _draft_features(doc, roles, evidence_criteria))


def _draft_features(doc: Doc, roles: list[str], evidence_criteria: list[str]) -> list[float]:
    columns = [sorted((row.get(role, 0.0) for row in doc._.roles), reverse=True) for role in roles]
    highest = [c[0] if c else 0.0 for c in columns]
    second = [c[1] if len(c) > 1 else 0.0 for c in columns]
    total = [sum(c) for c in columns]
    words = sum(1 for i in doc._.body_token_ids if not doc[i].is_punct)
    evidence = [pooled_evidence([row[cid] for row in doc._.evidence]) for cid in evidence_criteria]
    return highest + second + total + [math.log1p(words), float(len(doc._.body_sents))] + evidence


class VerdictModel:
    """Per criterion, the probability that the draft fails it (for make_good: that a gesture is present).

    Each criterion reads only the summaries of the roles the rubric ties to it and its own evidence
    (its entry's ``features``): other roles would let it learn how the labelled drafts happened to be
    written ("a draft that shouts is otherwise clean"), which no new writer's drafts promise."""

    def __init__(self, card: dict):
        self.card = card
        self.roles: list[str] = card["roles"]
        self.evidence_criteria: list[str] = card["evidence"]["criteria"]
        position = {name: i for i, name in enumerate(feature_names(self.roles, self.evidence_criteria, "model_and_rules"))}
        #: variant -> criterion -> (positions of its features in draft_features + rule_features, weights, bias)
        self.weights: dict[str, dict[str, tuple[list[int], list[float], float]]] = {}
        for variant in VARIANTS:
            self.weights[variant] = {}
            for cid, entry in card["variants"][variant]["criteria"].items():
                unknown = [name for name in entry["features"] if name not in position]
                if unknown or len(entry["features"]) != len(entry["weights"]):
                    raise ValueError(f"{VERDICTS_FILE} was trained on other features; run `make model`")
                self.weights[variant][cid] = ([position[name] for name in entry["features"]], entry["weights"], entry["bias"])

    def decider(self, criterion_id: str) -> str | None:
        """The variant that decides the criterion, None where the rules do: a variant decides only
        where it beat the rules on writers it was not trained on."""
        entry = self.card["decisions"].get(criterion_id)
        return entry["variant"] if entry else None

    def threshold(self, criterion_id: str) -> float:
        """The deciding variant's probability from which the draft fails (make_good: has a gesture)."""
        return self.card["decisions"][criterion_id]["threshold"]

    def probability(self, doc: Doc, criterion_id: str, rules: list[float] | None = None) -> float | None:
        """From the sentence model's features alone, or with ``rules`` (``rule_features``) from the
        rule-aware variant. None without the sentence model's scores on ``doc`` or without weights for
        the criterion."""
        entry = self.weights["model" if rules is None else "model_and_rules"].get(criterion_id)
        features = draft_features(doc, self.roles, self.evidence_criteria)
        if entry is None or features is None:
            return None
        columns, weights, bias = entry
        features = features + (rules or [])
        logit = bias + sum(w * features[i] for w, i in zip(weights, columns))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


@functools.lru_cache(maxsize=1)
def load_verdict_model(path: Path = MODEL_DIR / VERDICTS_FILE) -> VerdictModel | None:
    """The shipped weights, read once; None when the package ships none."""
    if not path.exists():
        return None
    return VerdictModel(json.loads(path.read_text(encoding="utf-8")))
