"""Builds and executes notebooks/evaluation.ipynb, keeping its outputs.

Run from the repository root: `python notebooks/build_evaluation.py` (or `make notebook`)."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CELLS = [
    ("markdown", """# drafter: evaluation

Accuracy of drafter's criteria on the labelled drafts (`corpora/drafts/`), for three variants:
**rules** only, the sentence **model** only (role summaries and criterion evidence), and the two
**combined** (what `drafter lint` runs).
Every split is by a different writer. `dev`, `dev2` and `dev3` are the splits the rules were tuned on;
`calib` to `calib21` (twenty-one more writers; `calib8`, `calib10`, `calib14`, `calib16` and `calib20` to the natural
brief below) were
never used to write a rule, only to train how the models
join the rules (`models/tune_combination.py`, `models/train_verdicts.py`). Both groups train the
draft-level verdict model, so "model" and "combined" figures on them are in-sample; the honest figures
for an unseen writer are the leave-one-writer-out ones in `drafter/model/verdicts.json` and the test
splits. `test` to `test8` (eight writers) are held out and were never tuned on; `test4` was written to
a different brief (real situations first, labels after, no target fail rates), so several of its
criteria have few failing drafts.
The last sections measure the role classifier itself on the hand-written sentence test split."""),
    ("code", """import json, os, sys
from pathlib import Path
ROOT = Path.cwd() if (Path.cwd() / "drafter").is_dir() else Path.cwd().parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from drafter.evaluate import load_corpus, evaluate_corpus
from models.splits import CALIBRATION_SPLITS, HELD_OUT_SPLITS, RULE_SPLITS
SPLITS = RULE_SPLITS + CALIBRATION_SPLITS + HELD_OUT_SPLITS
splits = {name: load_corpus(f"corpora/drafts/{name}.jsonl") for name in SPLITS}
results = {(split, variant): evaluate_corpus(items, variant=variant)
           for split, items in splits.items() for variant in ("rules", "model", "combined")}
{split: len(items) for split, items in splits.items()}"""),
    ("markdown", "## Balanced accuracy per criterion"),
    ("code", """table = pd.DataFrame({f"{split}/{variant}": {cid: round(s.balanced_accuracy, 3) for cid, s in e.criteria.items()}
                      for (split, variant), e in results.items()})
table"""),
    ("code", """columns = 4
rows = (len(SPLITS) + columns - 1) // columns
fig, axes = plt.subplots(rows, columns, figsize=(5 * columns, 4 * rows), sharey=True)
for ax in axes.flat[len(SPLITS):]:
    ax.set_visible(False)
for ax, split in zip(axes.flat, SPLITS):
    table[[f"{split}/{v}" for v in ("rules", "model", "combined")]].plot.bar(ax=ax, title=split, ylim=(0.4, 1.0))
    ax.axhline(0.9, color="grey", lw=0.8, ls="--")
plt.tight_layout(); plt.show()"""),
    ("markdown", "## Names: blamed-name recall and harmless names left alone"),
    ("code", """pd.DataFrame({f"{split}/{variant}": {"blamed_name_recall": e.blamed_name_recall,
                                       "harmless_unflagged": e.harmless_names_unflagged}
              for (split, variant), e in results.items()})"""),
    ("markdown", """## Confusion matrices (combined, held-out test split)

Positive class: fail (make_good: present)."""),
    ("code", """e = results[("test", "combined")]
pd.DataFrame({cid: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn, "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3)} for cid, s in e.criteria.items()}).T"""),
    ("markdown", """## Worst errors on the test split (combined)

Drafts misjudged on the most criteria, with the spans drafter flagged."""),
    ("code", """from collections import Counter
errors = results[("test", "combined")].errors
worst = Counter(err.id for err in errors).most_common(8)
texts = {item.id: item.text for item in splits["test"]}
for draft_id, count in worst:
    print(f"== {draft_id}: {count} criteria misjudged")
    print(texts[draft_id][:400].replace("\\n", " / "))
    for err in errors:
        if err.id == draft_id:
            print(f"   {err.criterion}: expected {err.expected}, got {err.got}; {'; '.join(err.spans)[:160]}")"""),
    ("markdown", "## The role classifier on the hand-written sentence test split"),
    ("code", """from drafter.roles import load_role_model
model = load_role_model()
card = model.card
rows = [json.loads(line) for line in open("corpora/sentences/test.jsonl", encoding="utf-8")]
probs = model.predict([r["text"] for r in rows])
per_role = {}
for role in model.roles:
    t = card["thresholds"][role]
    tp = sum(p[role] >= t and role in r["roles"] for p, r in zip(probs, rows))
    fp = sum(p[role] >= t and role not in r["roles"] for p, r in zip(probs, rows))
    fn = sum(p[role] < t and role in r["roles"] for p, r in zip(probs, rows))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    per_role[role] = {"precision": round(prec, 3), "recall": round(rec, 3),
                      "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0, "support": tp + fn}
roles_table = pd.DataFrame(per_role).T
print("macro F1:", round(roles_table["f1"].mean(), 3), "on", len(rows), "hand-written test sentences")
roles_table"""),
    ("code", """misses = []
for p, r in zip(probs, rows):
    predicted = {role for role in model.roles if p[role] >= card["thresholds"][role]}
    wrong = predicted ^ set(r["roles"])
    if wrong:
        misses.append((len(wrong), r["text"], sorted(r["roles"]), sorted(predicted)))
for n, text, gold, got in sorted(misses, reverse=True)[:12]:
    print(f"{text[:90]!r}\\n   gold {gold}  got {got}")"""),
]


def build() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for kind, source in CELLS:
        maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        notebook.cells.append(maker(source))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def main(path: Path = HERE / "evaluation.ipynb") -> None:
    notebook = build()
    NotebookClient(notebook, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    nbformat.write(notebook, path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "evaluation.ipynb")
