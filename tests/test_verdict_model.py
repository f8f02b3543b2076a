"""The draft-level verdict model (drafter/verdicts.py) and how it overrules the rules."""
from __future__ import annotations

import json
import math

import pytest

pytestmark = pytest.mark.model

NO_NEXT_STEP = "Hi Ana,\n\nThe March invoice showed the wrong total. We apologise for the error.\n\nBest,\nLena"
WITH_NEXT_STEP = ("Hi Ana,\n\nThe March invoice showed the wrong total. A corrected copy is attached; reply to this "
                  "email if anything else looks wrong and we will sort it out today.\n\nBest,\nLena")


@pytest.fixture(scope="module")
def checker():
    from drafter.checker import Checker

    return Checker(model=True)


def annotated(checker, text):
    from drafter.draft import segment

    return checker.annotated_docs([segment(text)])[0]


def test_card_matches_the_features_drafter_computes():
    from drafter.checker import CRITERION_IDS
    from drafter.roles import MODEL_DIR
    from drafter.verdicts import VERDICTS_FILE, feature_names, load_verdict_model

    card = json.loads((MODEL_DIR / VERDICTS_FILE).read_text(encoding="utf-8"))
    assert card["features"] == feature_names(card["roles"])
    assert set(card["criteria"]) == set(CRITERION_IDS)
    for entry in card["criteria"].values():
        assert len(entry["weights"]) == len(card["features"])
        assert 0.5 < entry["leave_one_writer_out_balanced_accuracy"] <= 1.0
    assert load_verdict_model() is not None


def test_probability_is_the_logistic_of_the_weighted_features(checker):
    from drafter.verdicts import draft_features, load_verdict_model

    model = load_verdict_model()
    doc = annotated(checker, NO_NEXT_STEP)
    features = draft_features(doc, model.roles)
    assert len(features) == len(model.card["features"])
    weights, bias = model.criteria["next_steps"]
    expected = 1 / (1 + math.exp(-(bias + sum(w * x for w, x in zip(weights, features)))))
    assert model.probability(doc, "next_steps") == pytest.approx(expected)


def test_the_model_reads_a_missing_next_step(checker):
    from drafter.verdicts import load_verdict_model

    model = load_verdict_model()
    missing = model.probability(annotated(checker, NO_NEXT_STEP), "next_steps")
    offered = model.probability(annotated(checker, WITH_NEXT_STEP), "next_steps")
    assert missing > 0.5 > offered


def test_no_probability_without_role_probabilities():
    from drafter.checker import Checker
    from drafter.verdicts import load_verdict_model

    rules_only = Checker(model=False)
    doc = annotated(rules_only, NO_NEXT_STEP)
    assert load_verdict_model().probability(doc, "next_steps") is None


def rules_then_assessed(checker, cid, text, **draft_settings):
    """A fresh criterion whose only model settings are ``draft_settings``: its rules' verdict on
    ``text``, and its findings and score once the verdict model has had its say."""
    from drafter.criteria import CRITERIA

    criterion = next(c for c in CRITERIA if c.id == cid)()
    criterion.model_thresholds = draft_settings
    rules = criterion.check(annotated(checker, text))
    return criterion, criterion.verdict(*rules), criterion.assess(annotated(checker, text))


def test_a_sure_model_fails_a_draft_the_rules_pass(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", WITH_NEXT_STEP, draft_positive=0.0)
    assert rules == "pass"
    assert criterion.verdict(findings, score) == "fail"
    assert [f.rule for f in findings] == ["next_steps/model"]
    assert findings[0].suggestion and findings[0].message


def test_a_sure_model_passes_a_draft_the_rules_fail(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", NO_NEXT_STEP, draft_negative=1.0)
    assert rules == "fail"
    assert criterion.verdict(findings, score) == "pass"
    assert not [f for f in findings if f.severity != "info"]


def test_model_finding_points_at_the_most_likely_sentence(checker):
    criterion = next(c for c in checker.criteria if c.id == "facts")
    text = ("Hi all,\n\nThe rota for next week went out with the wrong dates. Honestly the agency we use never "
            "checks anything they send us. A corrected rota is on the board.\n\nThanks,\nMo")
    finding = criterion.model_finding(annotated(checker, text))
    assert finding.rule == "facts/model" and finding.severity == "error"
    assert "agency" in finding.text and "rota for next week" not in finding.text


def test_model_finding_for_something_missing_points_at_the_end(checker):
    criterion = next(c for c in checker.criteria if c.id == "timeline")
    finding = criterion.model_finding(annotated(checker, NO_NEXT_STEP))
    assert finding.start == finding.end == NO_NEXT_STEP.index("error.") + len("error.")


def test_without_thresholds_the_rules_verdict_stands(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", NO_NEXT_STEP)
    assert criterion.verdict(findings, score) == rules == "fail"
    assert [f.rule for f in findings] == ["next_steps/missing"]
