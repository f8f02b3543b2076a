"""The draft-level verdict model: each criterion judged from the role probabilities of the whole draft.

The rules fit the wording of the drafts they were written against; on drafts by a writer they have
never seen they lose about a tenth of their balanced accuracy. This model reads the same sentence-role
probabilities for every body sentence, summarises them per role (the highest, the second highest and
the sum over the draft) with the draft's length, and gives each criterion one logistic regression
over those features, trained by ``models/train_verdicts.py`` on the labelled drafts of three writers.
The weights live in ``drafter/model/verdicts.json`` (plain numbers, no pickle). How far its
probability may overrule the rules is set per criterion in ``data/combination.toml``."""
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


def feature_names(roles: list[str]) -> list[str]:
    return [f"{summary}:{role}" for summary in ROLE_SUMMARIES for role in roles] + list(LENGTH_FEATURES)


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
    """Per criterion, the probability that the draft fails it (for make_good: that a gesture is present)."""

    def __init__(self, card: dict):
        self.card = card
        self.roles: list[str] = card["roles"]
        if card["features"] != feature_names(self.roles):
            raise ValueError(f"{VERDICTS_FILE} was trained on other features; run `make model`")
        self.criteria: dict[str, tuple[list[float], float]] = {
            cid: (entry["weights"], entry["bias"]) for cid, entry in card["criteria"].items()}

    def probability(self, doc: Doc, criterion_id: str) -> float | None:
        """None without role probabilities on ``doc`` or without weights for the criterion."""
        if criterion_id not in self.criteria:
            return None
        features = draft_features(doc, self.roles)
        if features is None:
            return None
        weights, bias = self.criteria[criterion_id]
        logit = bias + sum(w * x for w, x in zip(weights, features))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


@functools.lru_cache(maxsize=1)
def load_verdict_model(path: Path = MODEL_DIR / VERDICTS_FILE) -> VerdictModel | None:
    """The shipped weights, read once; None when the package ships none."""
    if not path.exists():
        return None
    return VerdictModel(json.loads(path.read_text(encoding="utf-8")))
