"""How far careful people agree on the rubric, and how drafter compares with that.

    python -m models.agreement corpora/drafts/test.jsonl corpora/agreement/test.annotator_a.jsonl [...]

A second annotator (or several) labelled a drafts split blind: the texts without the writer's labels,
GUIDANCE.md and the seeds, nothing else. Per criterion this prints the balanced accuracy of each
second annotator measured against the writer's labels exactly as ``drafter evaluate`` measures
drafter, with Cohen's kappa, beside drafter's own figure on the same drafts; then drafter's balanced
accuracy on the drafts where every annotator agrees with the writer. The first figure says what a
goal on the writer's labels can reasonably ask; the last says whether drafter's errors are the
contested drafts or plain misses.

Annotation files hold one JSON object per line: ``{"id", "labels", "blamed_names", "harmless_names"}``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from drafter.evaluate import LABELLED_CRITERIA, POSITIVE, CorpusError, Item, Scores, load_corpus, reports_for


def load_annotation(path: Path, items: list[Item]) -> dict[str, dict]:
    """The annotation rows by draft id; every draft of the corpus must be annotated."""
    rows = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if set(row["labels"]) != set(LABELLED_CRITERIA):
                raise CorpusError(f"{path}:{number}: labels are not the ten criteria")
            rows[row["id"]] = row
    missing = [item.id for item in items if item.id not in rows]
    if missing:
        raise CorpusError(f"{path}: {len(missing)} drafts not annotated, e.g. {missing[0]}")
    return rows


def kappa(scores: Scores) -> float:
    """Cohen's kappa of two raters from their 2x2 table."""
    n = scores.tp + scores.fp + scores.fn + scores.tn
    observed = (scores.tp + scores.tn) / n
    first_positive = (scores.tp + scores.fn) / n
    second_positive = (scores.tp + scores.fp) / n
    expected = first_positive * second_positive + (1 - first_positive) * (1 - second_positive)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def positive(labels: dict[str, str], criterion: str) -> bool:
    return labels[criterion] == POSITIVE[criterion]


def blamed_name_agreement(items: list[Item], annotation: dict[str, dict]) -> float | None:
    """Share of the writer's blamed names that the annotator also marks as blamed."""
    pairs = [(name in annotation[item.id]["blamed_names"]) for item in items for name in item.blamed_names]
    return sum(pairs) / len(pairs) if pairs else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="a labelled drafts split (the writer's labels)")
    parser.add_argument("annotations", nargs="+", type=Path, help="second annotators' labels of the same drafts")
    parser.add_argument("--variant", default="combined", choices=("rules", "model", "combined"))
    args = parser.parse_args(argv)
    try:
        items = load_corpus(args.corpus)
        annotations = [load_annotation(path, items) for path in args.annotations]
    except (CorpusError, json.JSONDecodeError, KeyError, OSError) as exc:
        print(f"agreement: {exc}", file=sys.stderr)
        return 2
    reports = reports_for(items, args.variant, None)
    names = [path.name for path in args.annotations]
    header = f"{'criterion':<11}" + "".join(f"{n[:22]:>24}" for n in names) + f"{'drafter':>10}{'consensus n':>13}{'drafter there':>15}"
    print(f"{args.corpus}: {len(items)} drafts; balanced accuracy against the writer's labels (kappa in brackets)")
    print(header)
    for cid in LABELLED_CRITERIA:
        cells = []
        for annotation in annotations:
            scores = Scores.from_pairs([(positive(item.labels, cid), positive(annotation[item.id]["labels"], cid)) for item in items])
            cells.append(f"{scores.balanced_accuracy:.3f} ({kappa(scores):+.2f})")
        drafter = [(positive(item.labels, cid), report.criteria[cid].verdict == POSITIVE[cid]) for item, report in zip(items, reports)]
        consensus = [pair for item, pair in zip(items, drafter)
                     if all(positive(a[item.id]["labels"], cid) == pair[0] for a in annotations)]
        consensus_scores = Scores.from_pairs(consensus)
        print(f"{cid:<11}" + "".join(f"{c:>24}" for c in cells)
              + f"{Scores.from_pairs(drafter).balanced_accuracy:>10.3f}{len(consensus):>13}{consensus_scores.balanced_accuracy:>15.3f}")
    agreement = [blamed_name_agreement(items, a) for a in annotations]
    print("blamed names the annotator also blames: " + ", ".join(f"{n} {v:.3f}" for n, v in zip(names, agreement) if v is not None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
