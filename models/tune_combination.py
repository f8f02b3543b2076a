"""Choose, on the calibration drafts only, how much each criterion trusts the sentence-role model.

    python -m models.tune_combination        (writes drafter/data/combination.toml)

For every criterion the roles it can read are tried at a grid of probability thresholds, or left out,
one role at a time (coordinate ascent, two rounds), keeping what raises the criterion's balanced
accuracy on corpora/drafts/calib.jsonl by at least MARGIN. That split is kept for this alone: the
rules are tuned on the dev splits, where they fit their wording so well that the model can only
look redundant; on drafts the rules have never seen, the model shows what it adds to them.
Ties and gains smaller than MARGIN keep the model out, so it is only used where it helps by more
than a draft or two's luck.
"veto" is the probability under which the model's doubt drops a rule finding (facts, names, ownership);
"blame_other_named" is the blame probability from which a named person acting in the sentence is blamed.
"draft_positive" and "draft_negative" are the draft-level verdict model's probabilities at or above
which the draft fails (make_good: has a gesture) and at or below which it passes, whatever the rules say.
The held-out test split is never read here."""
from __future__ import annotations

from pathlib import Path

from drafter.checker import Checker
from drafter.draft import segment
from drafter.evaluate import POSITIVE, Scores, load_corpus

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "drafter" / "data" / "combination.toml"
ROLES = {
    "facts": ["blame_other", "excuse", "veto", "blame_other_named"],
    "names": ["self_singling", "veto", "blame_other"],
    "correction": ["self_abasement", "correction"],
    "next_steps": ["next_step"],
    "ownership": ["minimising", "blame_other", "veto", "blame_other_named"],
    "prevention": ["prevention"],
    "timeline": ["timeline"],
    "calm": ["alarm"],
    "proportion": ["how_it_happened"],
    "make_good": ["make_good"],
}
#: Every criterion may also let the draft-level verdict model (drafter/verdicts.py) overrule the rules.
DRAFT_SETTINGS = ["draft_positive", "draft_negative"]
GRID = [None, 0.99, 0.98, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]
GRIDS = {"veto": [None, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3], "draft_positive": [None, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6],
         "draft_negative": [None, 0.05, 0.1, 0.2, 0.3, 0.4]}
CALIBRATION_SPLITS = ("calib",)
#: A setting must beat the current one by this much balanced accuracy to be kept: on 150 drafts,
#: about a draft and a half.
MARGIN = 0.01


def balanced_accuracy(criterion, docs, items) -> float:
    pairs = []
    for doc, item in zip(docs, items):
        doc.user_data.pop("drafter", None)  # shared signals may depend on the thresholds being tried
        findings, score = criterion.assess(doc)
        pairs.append((item.labels[criterion.id] == POSITIVE[criterion.id],
                      criterion.verdict(findings, score) == POSITIVE[criterion.id]))
    return Scores.from_pairs(pairs).balanced_accuracy


def tune(criterion, docs, items) -> tuple[dict[str, float], float, float]:
    criterion.model_thresholds = {}
    rules_only = best = balanced_accuracy(criterion, docs, items)
    chosen: dict[str, float] = {}
    for _ in range(2):
        for role in ROLES[criterion.id] + DRAFT_SETTINGS:
            for value in GRIDS.get(role, GRID):
                trial = {k: v for k, v in chosen.items() if k != role}
                if value is not None:
                    trial[role] = value
                criterion.model_thresholds = trial
                score = balanced_accuracy(criterion, docs, items)
                if score > best + MARGIN:
                    best, chosen = score, trial
    criterion.model_thresholds = chosen
    return chosen, rules_only, best


def main() -> None:
    items = [item for split in CALIBRATION_SPLITS for item in load_corpus(str(ROOT / "corpora" / "drafts" / f"{split}.jsonl"))]
    checker = Checker(model=True)
    if checker.role_model is None:
        raise SystemExit("no trained role model: run `make model` first")
    docs = checker.annotated_docs([segment(item.text, source=item.id) for item in items])
    lines = [OUTPUT.read_text(encoding="utf-8").split("\n[", 1)[0].rstrip(), ""]
    for criterion in checker.criteria:
        chosen, rules_only, combined = tune(criterion, docs, items)
        print(f"{criterion.id:<11} {' + '.join(CALIBRATION_SPLITS)} balanced accuracy: rules {rules_only:.3f} -> combined {combined:.3f}  {chosen}")
        lines.append(f"[{criterion.id}]")
        lines += [f"{role} = {value}" for role, value in sorted(chosen.items())]
        lines.append("")
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
