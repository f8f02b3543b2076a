"""The second annotators' labels (corpora/agreement/) and the figures models/agreement.py prints."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.evaluate import CorpusError, Scores, load_corpus
from models.agreement import blamed_name_agreement, kappa, load_annotation

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = sorted((ROOT / "corpora" / "agreement").glob("*.jsonl"))


def test_kappa_is_one_for_identical_raters_and_zero_for_chance_agreement():
    assert kappa(Scores.from_pairs([(True, True)] * 30 + [(False, False)] * 70)) == pytest.approx(1.0)
    # Independent raters, each saying "fail" half the time: agreement is what chance gives.
    chance = [(True, True)] * 25 + [(True, False)] * 25 + [(False, True)] * 25 + [(False, False)] * 25
    assert kappa(Scores.from_pairs(chance)) == pytest.approx(0.0)
    # 80% observed agreement where chance gives 50%.
    assert kappa(Scores.from_pairs([(True, True)] * 40 + [(True, False)] * 10 + [(False, True)] * 10
                                   + [(False, False)] * 40)) == pytest.approx(0.6)


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.name)
def test_every_annotation_covers_its_split_with_legal_labels(path):
    split = path.name.split(".")[0]
    items = load_corpus(str(ROOT / "corpora" / "drafts" / f"{split}.jsonl"))
    rows = load_annotation(path, items)
    texts = {item.id: item.text for item in items}
    for row in rows.values():
        assert all(v in ("pass", "fail") for k, v in row["labels"].items() if k != "make_good")
        assert row["labels"]["make_good"] in ("present", "absent")
        assert all(name in texts[row["id"]] for name in row["blamed_names"] + row["harmless_names"])
    assert 0.0 <= blamed_name_agreement(items, rows) <= 1.0


def test_an_annotation_missing_a_draft_is_refused(tmp_path):
    items = load_corpus(str(ROOT / "corpora" / "drafts" / "dev.jsonl"))
    first = {"id": items[0].id, "labels": items[0].labels, "blamed_names": [], "harmless_names": []}
    partial = tmp_path / "dev.partial.jsonl"
    partial.write_text(json.dumps(first) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not annotated"):
        load_annotation(partial, items)
