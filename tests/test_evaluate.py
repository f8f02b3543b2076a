"""`drafter evaluate`: metrics on a small labelled file, and the figures on the real corpus."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT

from drafter.evaluate import Scores, evaluate_corpus, load_corpus, CorpusError

ROWS = [
    {"id": "a", "kind": "chat_message", "text": "Tom deleted the shared folder. We restored it from backup; reply if anything is missing.",
     "labels": {"facts": "fail", "names": "fail", "correction": "pass", "next_steps": "pass"},
     "blamed_names": ["Tom"], "harmless_names": []},
    {"id": "b", "kind": "customer_email", "text": "Hi Ana,\n\nWe charged you twice. We have refunded the second charge.\n\nBest,\nLena",
     "labels": {"facts": "pass", "names": "pass", "correction": "pass", "next_steps": "fail"},
     "blamed_names": [], "harmless_names": ["Ana", "Lena"]},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_scores_from_pairs():
    s = Scores.from_pairs([(True, True), (True, False), (False, False), (False, True)])
    assert (s.tp, s.fn, s.tn, s.fp) == (1, 1, 1, 1)
    assert s.precision == 0.5 and s.recall == 0.5 and s.balanced_accuracy == 0.5


def test_evaluate_small_corpus(corpus):
    result = evaluate_corpus(load_corpus(str(corpus)), variant="rules",
                             criteria=["facts", "names", "correction", "next_steps"])
    assert result.criteria["names"].balanced_accuracy == 1.0
    assert result.blamed_name_recall == 1.0 and result.harmless_names_unflagged == 1.0
    assert result.not_implemented == []


def test_cli_evaluate_json_and_errors(corpus):
    out = subprocess.run([sys.executable, "-m", "drafter", "evaluate", "--no-model", "--format", "json", str(corpus)],
                         capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == "drafter.evaluation/1"
    assert set(data["variants"]["rules"]["criteria"]) >= {"facts", "names", "correction", "next_steps"}
    text = subprocess.run([sys.executable, "-m", "drafter", "evaluate", "--no-model", "--errors", str(corpus)],
                          capture_output=True, text=True, timeout=300).stdout
    assert "bal.acc" in text and "misjudged" in text


def test_bad_corpus_is_one_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\n')
    with pytest.raises(CorpusError):
        load_corpus(str(path))
    out = subprocess.run([sys.executable, "-m", "drafter", "evaluate", str(path)], capture_output=True, timeout=300)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


def test_held_out_corpus_meets_floors():
    """Floors a regression must not cross on the held-out split (rules only; the model adds to these)."""
    result = evaluate_corpus(load_corpus(str(ROOT / "corpora/drafts/test.jsonl")), variant="rules")
    floors = {"facts": 0.78, "names": 0.8, "correction": 0.9, "calm": 0.9, "prevention": 0.85}
    for cid, floor in floors.items():
        assert result.criteria[cid].balanced_accuracy >= floor, (cid, result.criteria[cid])
