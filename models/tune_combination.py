"""Choose, on the calibration drafts only, how much each criterion trusts the sentence-role model.

    python -m models.tune_combination        (writes drafter/data/combination.toml)

For every criterion the roles it can read are tried at a grid of probability thresholds, or left out,
one role at a time (coordinate ascent, two rounds), keeping what raises the criterion's balanced
accuracy on the calibration drafts (models/splits.py: writers no rule was written from) by at least
MARGIN without costing any writer more than MARGIN. Those splits are kept for this
alone: the rules are tuned on the dev splits, where they fit their wording so well that the model can only
look redundant; on drafts the rules have never seen, the model shows what it adds to them.
Ties and gains smaller than MARGIN keep the model out, so it is only used where it helps by more
than a draft or two's luck.
"veto" is the probability under which the model's doubt drops a rule finding (facts, names, ownership);
"blame_other_named" is the blame probability from which a named person acting in the sentence is blamed.
What is scored is ``Criterion.check``, the rules with the sentence model; the draft-level verdict model
is trained on top of that afterwards (models/train_verdicts.py). The held-out test splits are never read here."""
from __future__ import annotations

from pathlib import Path

from drafter.checker import Checker
from drafter.draft import segment
from drafter.evaluate import POSITIVE, Scores, load_corpus
from models.splits import CALIBRATION_SPLITS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "drafter" / "data" / "combination.toml"
ROLES = {
    "facts": ["blame_other", "excuse", "veto", "blame_other_named"],
    "names": ["self_singling", "veto", "blame_other"],
    "correction": ["self_abasement", "correction"],
    "next_steps": ["next_step"],
    "ownership": ["minimising", "blame_other", "veto", "blame_other_named"],
    "prevention": ["prevention"],
    "timeline": ["timeline", "resolved"],
    "calm": ["alarm"],
    "proportion": ["how_it_happened"],
    "make_good": ["make_good"],
}
GRID = [None, 0.99, 0.98, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]
GRIDS = {"veto": [None, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]}
#: A setting must beat the current one by this much balanced accuracy to be kept: on 150 drafts,
#: about a draft and a half.
MARGIN = 0.01


def balanced_accuracy(criterion, docs, items, writers) -> tuple[float, dict[str, float]]:
    """Over all calibration drafts, and for each writer's split on its own."""
    pairs: dict[str, list] = {}
    for doc, item, writer in zip(docs, items, writers):
        doc.user_data.pop("drafter", None)  # shared signals may depend on the thresholds being tried
        findings, score = criterion.check(doc)
        pairs.setdefault(writer, []).append((item.labels[criterion.id] == POSITIVE[criterion.id],
                                             criterion.verdict(findings, score) == POSITIVE[criterion.id]))
    pooled = Scores.from_pairs([p for split in pairs.values() for p in split]).balanced_accuracy
    return pooled, {writer: Scores.from_pairs(split).balanced_accuracy for writer, split in pairs.items()}


def tune(criterion, docs, items, writers) -> tuple[dict[str, float], tuple, tuple]:
    """The settings kept: each must raise the pooled balanced accuracy by MARGIN and cost no
    writer more than MARGIN, so the model is trusted only where it helps more than one writer's style."""
    criterion.model_thresholds = {}
    rules_only = best = balanced_accuracy(criterion, docs, items, writers)
    chosen: dict[str, float] = {}
    for _ in range(2):
        for role in ROLES[criterion.id]:
            for value in GRIDS.get(role, GRID):
                trial = {k: v for k, v in chosen.items() if k != role}
                if value is not None:
                    trial[role] = value
                criterion.model_thresholds = trial
                pooled, by_writer = balanced_accuracy(criterion, docs, items, writers)
                if pooled > best[0] + MARGIN and all(by_writer[w] >= best[1][w] - MARGIN for w in by_writer):
                    best, chosen = (pooled, by_writer), trial
    criterion.model_thresholds = chosen
    return chosen, rules_only, best


def main() -> None:
    items, writers = [], []
    for split in CALIBRATION_SPLITS:
        corpus = load_corpus(str(ROOT / "corpora" / "drafts" / f"{split}.jsonl"))
        items += corpus
        writers += [split] * len(corpus)
    checker = Checker(model=True)
    if checker.role_model is None:
        raise SystemExit("no trained role model: run `make model` first")
    docs = checker.annotated_docs([segment(item.text, source=item.id) for item in items])
    lines = [OUTPUT.read_text(encoding="utf-8").split("\n[", 1)[0].rstrip(), ""]
    for criterion in checker.criteria:
        chosen, rules_only, combined = tune(criterion, docs, items, writers)
        per_writer = ", ".join(f"{w} {rules_only[1][w]:.3f} -> {combined[1][w]:.3f}" for w in CALIBRATION_SPLITS)
        print(f"{criterion.id:<11} rules {rules_only[0]:.3f} -> combined {combined[0]:.3f} ({per_writer})  {chosen}")
        lines.append(f"[{criterion.id}]")
        lines += [f"{role} = {value}" for role, value in sorted(chosen.items())]
        lines.append("")
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
