"""The shipped sentence-role model: loads offline, predicts every role, gets clear sentences right.

These load the real encoder and head, so they are marked ``model`` (``make test-fast`` skips them)."""
import hashlib
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.model

# Written for these tests; none of them is in corpora/sentences.
CLEAR = [
    ("Our courier lost the parcel.", "blame_other"),
    ("The agency we hired sent the mailing to the wrong list.", "blame_other"),
    ("We were short-staffed all week because of the flu going round.", "excuse"),
    ("It's been an unusually busy month for the whole team.", "excuse"),
    ("I made this mistake myself, and it's on me.", "self_singling"),
    ("We are very sorry for the mix-up with your order.", "apology"),
    ("Please accept our apologies for the delay.", "apology"),
    ("I feel utterly humiliated and useless.", "self_abasement"),
    ("We have reissued the invoice.", "correction"),
    ("The wrong charge has been refunded to your card.", "correction"),
    ("Please reply to this email to choose a new delivery slot.", "next_step"),
    ("From now on, every invoice is checked by a second person before it is sent.", "prevention"),
    ("You will receive the corrected statement by Friday.", "timeline"),
    ("It was only a tiny hiccup that hardly anyone noticed.", "minimising"),
    ("URGENT: ALL ACCOUNTS ARE LOCKED!!!", "alarm"),
    ("To make up for it, your next month is free.", "make_good"),
    ("A software update reset the prices to last year's list, so the quotes were wrong.", "how_it_happened"),
    ("Best wishes, the Riverside Dental team", "other"),
    ("Thank you for choosing us.", "other"),
    ("We've added a £10 credit to your account as a goodwill gesture.", "make_good"),
    ("Bookings are showing the right dates again and every confirmation has been re-sent.", "resolved"),
]
#: Roles that properly share a sentence with the expected one, so either may come out on top: a
#: correction reported done is both what was fixed and that the fix is complete.
SHARED_ROLES = {"correction": {"resolved"}, "resolved": {"correction"}}
#: Fixes still under way or only planned: never "resolved".
NOT_RESOLVED = [
    "Our engineers are still working on a fix for the login errors.",
    "We will correct the invoice and send it to you by Friday.",
    pytest.param("The faulty units have been pulled while we find out what went wrong.",
                 marks=pytest.mark.xfail(strict=True, reason="known weakness: containment done while the real fix "
                                                             "is open reads as resolved (0.54 against 0.30)")),
]


@pytest.fixture(scope="module")
def role_model():
    from drafter.roles import load_role_model

    model = load_role_model()
    if model is None:
        pytest.fail("no trained role model in drafter/model (run `make model`)")
    return model


def test_loads_offline(role_model):
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert os.environ.get("TRANSFORMERS_OFFLINE") == "1"
    card = role_model.card
    assert card["input_size"] == 384 * len(card.get("encoder_layers", [6]))
    assert set(card["thresholds"]) == set(card["roles"])
    assert all(0.0 < t < 1.0 for t in card["thresholds"].values())


def test_predicts_every_role_for_a_batch(role_model):
    sentences = [text for text, _ in CLEAR[:5]]
    rows = role_model.predict(sentences)
    assert len(rows) == len(sentences)
    for row in rows:
        assert list(row) == role_model.roles
        assert len(row) == len(role_model.card["roles"])
        assert all(0.0 <= p <= 1.0 for p in row.values())
    assert role_model.predict([]) == []


def test_batch_and_single_predictions_agree(role_model):
    text = CLEAR[0][0]
    alone = role_model.predict([text])[0]
    batched = role_model.predict([CLEAR[5][0], text, CLEAR[10][0]])[1]
    assert all(abs(alone[r] - batched[r]) < 1e-4 for r in role_model.roles)


@pytest.mark.parametrize("text, role", CLEAR, ids=[role for _, role in CLEAR])
def test_clear_sentences_top_role(role_model, text, role):
    row = role_model.predict([text])[0]
    top = max(row, key=row.get)
    assert top in {role} | SHARED_ROLES.get(role, set()), f"{text!r}: top {top} {row[top]:.2f}, {role} {row[role]:.2f}"
    assert row[role] >= role_model.thresholds[role]
    assert role in role_model.labels([text])[0]


def test_clear_sentences_in_one_batch(role_model):
    rows = role_model.predict([text for text, _ in CLEAR])
    right = sum(max(row, key=row.get) in {role} | SHARED_ROLES.get(role, set()) for row, (_, role) in zip(rows, CLEAR))
    assert right == len(CLEAR)


@pytest.mark.parametrize("text", NOT_RESOLVED)
def test_a_fix_under_way_is_not_resolved(role_model, text):
    assert "resolved" not in role_model.labels([text])[0], role_model.predict([text])[0]["resolved"]


def test_card_matches_current_training_data(role_model):
    # As in models/train_roles.py: train.jsonl's bytes followed by dev.jsonl's.
    digest = hashlib.sha256()
    for split in ("train", "dev"):
        digest.update((ROOT / "corpora" / "sentences" / f"{split}.jsonl").read_bytes())
    card = role_model.card
    assert card["training_data"]["sha256"] == digest.hexdigest(), (
        "corpora/sentences/train.jsonl or dev.jsonl changed since the model was trained; run `make model`")
    metrics = card["metrics"]
    assert metrics["test_macro_f1"] > 0 and metrics["dev_macro_f1"] > 0
    assert set(metrics["test_per_role"]) == set(card["roles"])


def test_card_is_json_beside_the_head():
    from drafter.roles import CARD_FILE, HEAD_FILE, MODEL_DIR

    card = json.loads((MODEL_DIR / CARD_FILE).read_text(encoding="utf-8"))
    assert card["roles"] and card["hidden_size"] > 0
    assert (MODEL_DIR / HEAD_FILE).stat().st_size < 20_000_000


def test_repeated_sentences_get_the_same_probabilities(role_model):
    text, other = CLEAR[3][0], CLEAR[8][0]
    rows = role_model.predict([text, other, text])
    assert rows[0] == rows[2] and rows[0] is not rows[2]
    assert rows[0] != rows[1]


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_encoder_precisions_agree(precision):
    from drafter.roles import inference_precision, SentenceEncoder

    if precision == "bf16" and inference_precision("auto") != "bf16":
        pytest.skip("no native bfloat16 on this CPU")
    sentences = [text for text, _ in CLEAR]
    reference = SentenceEncoder(layers=(1, 6), precision="fp32").encode(sentences)
    encoded = SentenceEncoder(layers=(1, 6), precision=precision).encode(sentences)
    assert encoded.dtype == reference.dtype
    cosine = (encoded * reference).sum(-1) / 2  # two normalised blocks of 384
    assert cosine.min().item() > 0.99


def test_unknown_precision_is_refused(monkeypatch):
    from drafter.roles import inference_precision

    monkeypatch.setenv("DRAFTER_MODEL_PRECISION", "fp8")
    with pytest.raises(ValueError, match="DRAFTER_MODEL_PRECISION"):
        inference_precision()



def test_sentences_seen_in_earlier_calls_are_not_encoded_again(role_model, monkeypatch):
    import drafter.roles

    encoded: list[str] = []
    encode = role_model.encoder.encode
    monkeypatch.setattr(role_model.encoder, "encode", lambda texts: encoded.extend(texts) or encode(texts))
    first, second, third = ("The parcel for order 5531 left our depot late.", "We re-sent the form this morning.",
                            "Ring us on 0161 555 0199 if the code still fails.")
    before = role_model.predict([first, second])
    after = role_model.predict([second, first, third])
    assert after[:2] == before[::-1]
    assert encoded == [first, second, third]
    # The cache stays bounded however many sentences pass through it.
    monkeypatch.setattr(drafter.roles, "RECENT_SENTENCES", 3)
    role_model.predict([text for text, _ in CLEAR[:10]])
    assert len(role_model._recent) == 3


def test_timeline_can_take_a_completed_fix_from_the_model():
    """A fix reported done in wording the timeline rules do not parse passes once the criterion may
    read the "resolved" role; without that setting the rules alone fail it."""
    from drafter.checker import Checker
    from drafter.criteria.timeline import Timeline
    from drafter.draft import segment

    checker = Checker(["timeline"], model=True)
    text = ("Hi Sam,\n\nThe booking page showed last year's prices. The prices you see online are the right ones "
            "once more.\n\nThanks,\nLee")
    verdicts = {}
    for settings in ({}, {"resolved": 0.5}):
        criterion = Timeline()
        criterion.model_thresholds = settings
        verdicts[bool(settings)] = criterion.verdict(*criterion.check(checker.annotated_docs([segment(text)])[0]))
    assert verdicts == {False: "fail", True: "pass"}
