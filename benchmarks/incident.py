"""Precision and recall of the incident detector on real mail no one here wrote.

    .venv/bin/python benchmarks/incident.py [--shared ../shared] [--errors]

Positives are the Enron emails that apologise or correct (``enron_incidents.jsonl``), negatives
the hard negatives that match the same surface patterns (sympathy, disclaimers, news). The data
stays in ../shared: it is read from there, never copied. Also reports recall on the project's own
draft corpora, which are all incident messages."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.draft import segment  # noqa: E402
from drafter.incident import IncidentDetector  # noqa: E402
from drafter.nlp import load_pipeline  # noqa: E402

ENRON = Path("corpora/enron")


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def enron_rows(shared: Path) -> list[tuple[dict, bool]]:
    """(row, is positive) for every Enron incident and hard negative."""
    folder = shared / ENRON
    return ([(row, True) for row in load_jsonl(folder / "enron_incidents.jsonl")]
            + [(row, False) for row in load_jsonl(folder / "enron_hard_negatives.jsonl")])


def evaluate(detector: IncidentDetector, rows: list[tuple[dict, bool]]) -> dict:
    """Precision, recall and the misjudged rows of the detector over (row, label) pairs."""
    tp = fp = fn = tn = 0
    missed, false_alarms = [], []
    for row, positive in rows:
        result = detector(segment(row["body"], source=row["id"]), row.get("subject"))
        if result.verdict and positive:
            tp += 1
        elif result.verdict:
            fp += 1
            false_alarms.append((row, result))
        elif positive:
            fn += 1
            missed.append((row, result))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "missed": missed, "false_alarms": false_alarms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--errors", action="store_true", help="List the misjudged messages.")
    args = parser.parse_args()
    detector = IncidentDetector(load_pipeline())

    project = [({"id": d["id"], "body": d["text"]}, True)
               for split in ("dev", "test") for d in load_jsonl(ROOT / "corpora" / "drafts" / f"{split}.jsonl")]
    result = evaluate(detector, project)
    print(f"project drafts (all incidents): recall {result['recall']:.3f} ({result['tp']}/{len(project)})")

    if not (args.shared / ENRON).is_dir():
        print(f"no {args.shared / ENRON}: Enron figures skipped")
        return
    rows = enron_rows(args.shared)
    result = evaluate(detector, rows)
    print(f"enron: {sum(p for _, p in rows)} incidents, {sum(not p for _, p in rows)} hard negatives")
    print(f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  f1 {result['f1']:.3f}  "
          f"(tp {result['tp']} fp {result['fp']} fn {result['fn']} tn {result['tn']})")
    mistakes = [(row, True) for row, positive in rows if positive and row.get("corrects_a_mistake")]
    sub = evaluate(detector, mistakes)
    print(f"  recall on the {len(mistakes)} that correct an actual mistake: {sub['recall']:.3f}")
    missed = Counter(row["category"] for row, _ in result["missed"])
    alarms = Counter(row["category"].removeprefix("excluded:")[:40] for row, _ in result["false_alarms"])
    print(f"  missed by category: {dict(missed.most_common())}")
    print(f"  false alarms by category: {dict(alarms.most_common())}")
    if args.errors:
        for title, items in (("missed", result["missed"]), ("false alarms", result["false_alarms"])):
            print(f"\n{title}:")
            for row, res in items:
                body = " ".join(row["body"].split())[:160]
                print(f"  p={res.probability:.2f} [{row['category'][:24]}] {row.get('subject')!r}: {body}")


if __name__ == "__main__":
    main()
