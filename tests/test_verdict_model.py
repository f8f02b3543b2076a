"""The draft-level verdict model (drafter/verdicts.py) and how it overrules the rules."""
from __future__ import annotations

import copy
import json
import math

import pytest

from models.splits import HELD_OUT_SPLITS, RULE_SPLITS

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
    from drafter.verdicts import VARIANTS, VERDICTS_FILE, feature_names, load_verdict_model

    card = json.loads((MODEL_DIR / VERDICTS_FILE).read_text(encoding="utf-8"))
    for variant in VARIANTS:
        known = feature_names(card["roles"], card["evidence"]["criteria"], variant)
        entries = card["variants"][variant]["criteria"]
        assert set(entries) == set(CRITERION_IDS)
        for entry in entries.values():
            assert entry["features"] and set(entry["features"]) <= set(known)
            assert len(entry["weights"]) == len(entry["features"])
            assert 0.5 < entry["leave_one_writer_out_balanced_accuracy"] <= 1.0
    assert set(HELD_OUT_SPLITS).isdisjoint(card["variants"]["model"]["trained_on"])
    assert load_verdict_model() is not None


def test_a_variant_decides_only_where_it_beat_the_rules_on_writers_it_did_not_see():
    from drafter.verdicts import VARIANTS, load_verdict_model

    model = load_verdict_model()
    card = model.card
    assert set(card["variants"]["model_and_rules"]["trained_on"]).isdisjoint(
        HELD_OUT_SPLITS + RULE_SPLITS)
    for cid, decision in card["decisions"].items():
        figures = decision["leave_one_writer_out_on_calibration"]
        best = max(VARIANTS, key=figures.get)
        expected = best if figures[best] >= figures["rules"] + card["decision_margin"] else None
        assert model.decider(cid) == expected, cid
        by_threshold = {float(t): v for t, v in decision["leave_one_writer_out_by_threshold"].items()}
        best_threshold = max(by_threshold, key=lambda t: (by_threshold[t], -abs(t - 0.5)))
        moved = by_threshold[best_threshold] >= by_threshold[0.5] + card["decision_margin"]
        assert model.threshold(cid) == (best_threshold if moved else 0.5), cid


def test_probability_is_the_logistic_of_the_criterion_s_own_features(checker):
    from drafter.verdicts import RULE_FEATURES, draft_features, feature_names, load_verdict_model

    model = load_verdict_model()
    doc = annotated(checker, NO_NEXT_STEP)
    by_name = dict(zip(feature_names(model.roles, model.evidence_criteria),
                       draft_features(doc, model.roles, model.evidence_criteria)))
    for variant, rules in (("model", None), ("model_and_rules", [1.0, 1.0, 0.0])):
        entry = model.card["variants"][variant]["criteria"]["next_steps"]
        values = {**by_name, **dict(zip(RULE_FEATURES, rules or []))}
        logit = entry["bias"] + sum(w * values[name] for w, name in zip(entry["weights"], entry["features"]))
        assert model.probability(doc, "next_steps", rules) == pytest.approx(1 / (1 + math.exp(-logit)))


def test_each_criterion_reads_only_its_own_roles_and_evidence():
    from drafter.verdicts import load_verdict_model

    criteria = load_verdict_model().card["variants"]["model"]["criteria"]
    assert not any("alarm" in name for name in criteria["facts"]["features"])
    assert any(name.endswith(":next_step") for name in criteria["next_steps"]["features"])
    for cid, entry in criteria.items():
        assert [n for n in entry["features"] if n.startswith("evidence:")] == [f"evidence:{cid}"]


def test_the_model_reads_a_missing_next_step(checker):
    from drafter.verdicts import load_verdict_model

    model = load_verdict_model()
    missing = model.probability(annotated(checker, NO_NEXT_STEP), "next_steps")
    offered = model.probability(annotated(checker, WITH_NEXT_STEP), "next_steps")
    assert missing > 0.5 > offered


def test_the_rules_verdict_moves_the_rule_aware_probability(checker):
    from drafter.verdicts import load_verdict_model

    model = load_verdict_model()
    doc = annotated(checker, NO_NEXT_STEP)
    flagged = model.probability(doc, "facts", [1.0, 1.0, 0.0])
    cleared = model.probability(doc, "facts", [0.0, 0.0, 0.0])
    assert flagged > cleared


def test_no_probability_without_role_probabilities():
    from drafter.checker import Checker
    from drafter.verdicts import load_verdict_model

    rules_only = Checker(model=False)
    doc = annotated(rules_only, NO_NEXT_STEP)
    assert load_verdict_model().probability(doc, "next_steps") is None
    assert load_verdict_model().probability(doc, "next_steps", [1.0, 1.0, 0.0]) is None


def rules_then_assessed(checker, cid, text, **decision):
    """A fresh criterion whose verdict model is the shipped one with ``decision`` (``variant``,
    ``threshold``) put into its decision for ``cid``: the rules' verdict on ``text``, and the findings
    and score once the verdict model has had its say."""
    from drafter.criteria import CRITERIA
    from drafter.verdicts import VerdictModel, load_verdict_model

    card = copy.deepcopy(load_verdict_model().card)
    card["decisions"][cid].update(decision)
    criterion = next(c for c in CRITERIA if c.id == cid)()
    criterion.verdict_model = VerdictModel(card)
    rules = criterion.check(annotated(checker, text))
    return criterion, criterion.verdict(*rules), criterion.assess(annotated(checker, text))


def test_a_deciding_model_fails_a_draft_the_rules_pass(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", WITH_NEXT_STEP,
                                                              variant="model_and_rules", threshold=0.0)
    assert rules == "pass"
    assert criterion.verdict(findings, score) == "fail"
    assert [f.rule for f in findings] == ["next_steps/model"]
    assert findings[0].suggestion and findings[0].message


def test_a_deciding_model_passes_a_draft_the_rules_fail(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", NO_NEXT_STEP,
                                                              variant="model", threshold=1.01)
    assert rules == "fail"
    assert criterion.verdict(findings, score) == "pass"
    assert not [f for f in findings if f.severity != "info"]


def test_model_finding_points_at_the_sentence_with_most_evidence(checker):
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


def test_a_model_that_does_not_decide_leaves_the_rules_verdict(checker):
    criterion, rules, (findings, score) = rules_then_assessed(checker, "next_steps", NO_NEXT_STEP,
                                                              variant=None, threshold=1.01)
    assert criterion.verdict(findings, score) == rules == "fail"
    assert [f.rule for f in findings] == ["next_steps/missing"]


def test_pooled_evidence_is_the_log_sum_exp_of_the_sentence_scores(checker):
    from drafter.verdicts import NO_EVIDENCE, draft_features, load_verdict_model, pooled_evidence

    model = load_verdict_model()
    doc = annotated(checker, NO_NEXT_STEP)
    assert len(doc._.evidence) == len(doc._.body_sents) > 1
    features = draft_features(doc, model.roles, model.evidence_criteria)
    scores = [row["facts"] for row in doc._.evidence]
    expected = math.log(sum(math.exp(s) for s in scores))
    assert features[-len(model.evidence_criteria) + model.evidence_criteria.index("facts")] == pytest.approx(expected)
    assert pooled_evidence([]) == NO_EVIDENCE


def test_evidence_scores_match_the_shipped_head_and_do_not_depend_on_the_batch(checker):
    import torch

    from drafter.roles import EVIDENCE_FILE, MODEL_DIR, load_evidence_head

    criteria, state = load_evidence_head(MODEL_DIR / EVIDENCE_FILE)
    model = checker.role_model
    assert model.evidence_criteria == criteria
    sentences = ["Our courier lost the parcel, not us.", "A replacement ships today by tracked post."]
    model.forget()
    batched = model.evidence(sentences)
    model.forget()
    alone = model.evidence(sentences[1:])[0]
    hidden = torch.nn.functional.gelu(model.encoder.encode(sentences[1:]) @ state["0.weight"].T + state["0.bias"])
    expected = (hidden @ state["3.weight"].T + state["3.bias"])[0].tolist()
    for cid, value in zip(criteria, expected):
        assert alone[cid] == pytest.approx(value, abs=1e-4)
        assert batched[1][cid] == pytest.approx(value, abs=1e-3)


def test_evidence_points_the_right_way(checker):
    """Blame of a vendor is evidence that facts fails; a concrete time for the next update is evidence
    that timeline passes (its head scores what passes it)."""
    from drafter.verdicts import load_verdict_model

    card = load_verdict_model().card
    assert card["evidence"]["sentence_speaks_for"]["facts"] == "fail"
    assert card["evidence"]["sentence_speaks_for"]["timeline"] == "pass"
    blame, neutral, dated, vague = checker.role_model.evidence([
        "Frankly this is the courier's fault, they never check the labels we give them.",
        "The corrected invoice is attached to this email.",
        "We will send you the next update by 4pm on Thursday.",
        "We will let you know as soon as we know more.",
    ])
    assert blame["facts"] > neutral["facts"]
    assert dated["timeline"] > vague["timeline"]


SECOND_CULPRIT = ("Hi all,\nThe payroll export ran twice on Friday. Our analyst, Priyanka, copied the wrong column when "
                  "she refreshed the sheet, and the second check, which was Marek's job that week, let it through.\n"
                  "Corrected payslips go out tomorrow.\nThanks,\nLouise")


def test_a_failing_draft_names_everyone_acting_in_a_sentence_the_evidence_head_reads_as_naming_them(checker):
    """The rules parse "Priyanka copied the wrong column" but not "the check, which was Marek's job,
    let it through"; the evidence head reads the sentence as tying people to the mistake, so each
    person acting in it is pointed at, and the sign-off name still is not."""
    result = checker.check(SECOND_CULPRIT).criteria["names"]
    flagged = {f.text for f in result.findings if f.rule == "names/blamed-person"}
    assert result.verdict == "fail"
    assert {"Priyanka", "Marek"} <= flagged, flagged
    assert not any("Louise" in f.text for f in result.findings)
