"""The draft-level verdict model: each criterion judged from the role probabilities of the whole draft.

The rules fit the wording of the drafts they were written against; on drafts by a writer they have
never seen they lose about a tenth of their balanced accuracy. This model reads the same sentence-role
probabilities for every body sentence, summarises them per role (the highest, the second highest and
the sum over the draft) with the draft's length, and gives each criterion logistic regressions over
those features, trained by ``models/train_verdicts.py``. The weights live in
``drafter/model/verdicts.json`` (plain numbers, no pickle). Two variants per criterion:

- "roles": the role summaries alone, what `drafter evaluate --ablation` reports as "models only";
- "roles_and_rules": the same with the rules' own outcome on the criterion, trained only on drafts
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
#: The rule-aware variant adds the rules' outcome on the criterion: whether they flag it (make_good:
#: find a gesture), and how many error and warning findings they give.
RULE_FEATURES = ("rules:positive", "rules:errors", "rules:warnings")
VARIANTS = ("roles", "roles_and_rules")


def feature_names(roles: list[str], variant: str = "roles") -> list[str]:
    names = [f"{summary}:{role}" for summary in ROLE_SUMMARIES for role in roles] + list(LENGTH_FEATURES)
    return names + list(RULE_FEATURES) if variant == "roles_and_rules" else names


def rule_features(positive: bool, findings) -> list[float]:
    """The RULE_FEATURES of a criterion's rule outcome: ``positive`` is its fail (make_good: present) verdict."""
    return [float(positive), float(sum(f.severity == "error" for f in findings)),
            float(sum(f.severity == "warning" for f in findings))]


def draft_features(doc: Doc, roles: list[str]) -> list[float] | None:
    """The features of ``feature_names(roles)`` for an annotated document, None without role probabilities."""
    if doc._.roles is None:
        return None
    return memo(doc, "draft_features", lambda: _draft_features(doc, roles))


def _draft_features(doc: Doc, roles: list[str]) -> list[float]:
    columns = [sorted((row.get(role, 0.0) for row in doc._.roles), reverse=True) for role in roles]
    highest = [c[0] if c else 0.0 for c in columns]
    second = [c[1] if len(c) > 1 else 0.0 for c in columns]
    total = [sum(c) for c in columns]
    words = sum(1 for i in doc._.body_token_ids if not doc[i].is_punct)
    return highest + second + total + [math.log1p(words), float(len(doc._.body_sents))]


class VerdictModel:
    """Per criterion, the probability that the draft fails it (for make_good: that a gesture is present).

    Each criterion reads only the summaries of the roles the rubric ties to it (its entry's
    ``features``): other roles would let it learn how the labelled drafts happened to be written
    ("a draft that shouts is otherwise clean"), which no new writer's drafts promise."""

    def __init__(self, card: dict):
        self.card = card
        self.roles: list[str] = card["roles"]
        position = {name: i for i, name in enumerate(feature_names(self.roles, "roles_and_rules"))}
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
        """From the role summaries alone, or with ``rules`` (``rule_features``) from the rule-aware variant.
        None without role probabilities on ``doc`` or without weights for the criterion."""
        entry = self.weights["roles" if rules is None else "roles_and_rules"].get(criterion_id)
        features = draft_features(doc, self.roles)
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
