"""Train the draft-level verdict model shipped as ``drafter/model/verdicts.json`` (``make model``).

    python -m models.train_verdicts

Needs the role model (``models/train_roles.py``) first: the features are summaries of its sentence
probabilities over each draft (``drafter/verdicts.py``). Per criterion, an L2-regularised logistic
regression with balanced class weights is fitted on the labelled drafts of three writers
(corpora/drafts/dev, dev2, dev3). The regularisation is chosen per criterion by leave-one-writer-out:
train on two writers, score balanced accuracy on the third, average. That figure is what the card
reports, since it is the honest estimate for a writer nobody has seen. The calibration split (which
sets how far the model may overrule the rules) and the test split are never read here.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import statistics
import sys
import time

import torch

from drafter.checker import CRITERION_IDS, Checker
from drafter.draft import segment
from drafter.evaluate import POSITIVE, Scores, load_corpus
from drafter.roles import MODEL_DIR
from drafter.verdicts import VERDICTS_FILE, draft_features, feature_names
from models.train_roles import ROOT

WRITER_SPLITS = ("dev", "dev2", "dev3")
C_CHOICES = (0.01, 0.03, 0.1, 0.3)  # inverse regularisation strength, as in scikit-learn


def fit(features: torch.Tensor, labels: torch.Tensor, c: float) -> tuple[torch.Tensor, float]:
    """Weights and bias on standardised features: mean balanced log-loss + |w|^2 / (2 C n)."""
    torch.manual_seed(0)
    n, width = features.shape
    positives = labels.sum().clamp(min=1)
    sample_weight = torch.where(labels == 1, n / (2 * positives), n / (2 * (n - positives).clamp(min=1)))
    weights = torch.zeros(width, requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimiser = torch.optim.LBFGS([weights, bias], lr=1.0, max_iter=500, tolerance_grad=1e-9,
                                  tolerance_change=1e-12, line_search_fn="strong_wolfe")

    def loss_fn():
        optimiser.zero_grad()
        logits = features @ weights + bias
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="none")
                * sample_weight).mean() + (weights ** 2).sum() / (2 * c * n)
        loss.backward()
        return loss

    optimiser.step(loss_fn)
    return weights.detach(), float(bias.detach())


def balanced_accuracy(features, labels, weights, bias) -> float:
    predicted = (features @ weights + bias) >= 0
    return Scores.from_pairs(list(zip(labels.bool().tolist(), predicted.tolist()))).balanced_accuracy


def standardise(features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    mean, std = features.mean(0), features.std(0).clamp(min=1e-6)
    return (features - mean) / std, mean, std


def data_hash() -> str:
    digest = hashlib.sha256()
    for split in WRITER_SPLITS:
        digest.update((ROOT / "corpora" / "drafts" / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()


def main() -> int:
    started = time.time()
    checker = Checker(model=True)
    if checker.role_model is None:
        raise SystemExit("no trained role model: run `python -m models.train_roles` first")
    roles = checker.role_model.roles
    rows, writers, labels = [], [], {cid: [] for cid in CRITERION_IDS}
    for split in WRITER_SPLITS:
        items = load_corpus(str(ROOT / "corpora" / "drafts" / f"{split}.jsonl"))
        for doc, item in zip(checker.annotated_docs([segment(i.text, source=i.id) for i in items]), items):
            rows.append(draft_features(doc, roles))
            writers.append(split)
            for cid in CRITERION_IDS:
                labels[cid].append(float(item.labels[cid] == POSITIVE[cid]))
    print(f"[{time.time() - started:6.1f}s] features of {len(rows)} drafts ({', '.join(WRITER_SPLITS)})", flush=True)
    raw = torch.tensor(rows)
    criteria = {}
    for cid in CRITERION_IDS:
        y = torch.tensor(labels[cid])
        by_c = {}
        for c in C_CHOICES:
            folds = []
            for held_out in WRITER_SPLITS:
                train = torch.tensor([w != held_out for w in writers])
                x_train, mean, std = standardise(raw[train])
                weights, bias = fit(x_train, y[train], c)
                folds.append(balanced_accuracy((raw[~train] - mean) / std, y[~train], weights, bias))
            by_c[c] = statistics.mean(folds)
        c = max(C_CHOICES, key=lambda k: (round(by_c[k], 4), -k))  # ties go to the stronger regulariser
        x, mean, std = standardise(raw)
        weights, bias = fit(x, y, c)
        # Fold the standardisation into the weights, so drafter applies them to raw features.
        raw_weights = weights / std
        raw_bias = bias - float((raw_weights * mean).sum())
        criteria[cid] = {
            "weights": [round(float(w), 6) for w in raw_weights],
            "bias": round(raw_bias, 6),
            "C": c,
            "leave_one_writer_out_balanced_accuracy": round(by_c[c], 4),
            "leave_one_writer_out_by_C": {str(k): round(v, 4) for k, v in by_c.items()},
            "train_balanced_accuracy": round(balanced_accuracy(x, y, weights, bias), 4),
        }
        print(f"  {cid:<11} C={c:<5} leave-one-writer-out balanced accuracy {by_c[c]:.3f}", flush=True)
    card = {
        "roles": roles,
        "features": feature_names(roles),
        "criteria": criteria,
        "positive_class": {cid: POSITIVE[cid] for cid in CRITERION_IDS},
        "training_data": {"sha256": data_hash(), "sha256_of": " + ".join(
            f"corpora/drafts/{s}.jsonl" for s in WRITER_SPLITS) + " bytes", "drafts": len(rows)},
        "role_model_precision": checker.role_model.encoder.precision,
        "date": datetime.date.today().isoformat(),
        "command": "python -m models.train_verdicts",
    }
    path = MODEL_DIR / VERDICTS_FILE
    path.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"[{time.time() - started:6.1f}s] wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
