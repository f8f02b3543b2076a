"""Train the draft-level verdict model shipped as ``drafter/model/verdicts.json`` (``make model``).

    python -m models.train_verdicts

Needs the role model (``models/train_roles.py``) first: the features are summaries of its sentence
probabilities over each draft (``drafter/verdicts.py``), and the encoder's sentence vectors feed the
evidence head trained here.

The evidence head (``drafter/model/evidence.safetensors``) is multiple-instance learning on the
drafts' labels: per criterion a score of each body sentence's frozen encoding (one hidden layer, the
role head's shape), pooled over the draft by log-sum-exp, fitted so the pooled score predicts the
draft's label. For the criteria a single sentence can satisfy (``PASSED_BY_ONE_SENTENCE``) it scores
what makes a draft pass, for the others what makes it fail (make_good: what makes a gesture present).
It learns from every writer's drafts.
For the verdict model's own training, each writer's pooled evidence comes from a head fitted on the
other writers only, so the regressions learn how far evidence holds on a writer it has not seen.

Per criterion, two L2-regularised logistic regressions with balanced class weights:

- "model", on the role summaries and the criterion's pooled evidence, fitted on every writer's drafts
  (models/splits.py: the rule splits and the calibration splits);
- "model_and_rules", with the rules' outcome on the criterion as three more features, fitted on the
  calibration writers only: on the rule splits the rules were tuned to the wording, and a model fitted
  there would learn to trust them more than a new writer warrants.

The regularisation is chosen per criterion and variant by leave-one-writer-out: fit on all writers but
one, score balanced accuracy on that one, average over writers. That figure is what the card reports,
since it is the honest estimate for a writer nobody has seen. Per criterion, the variant with the best
such figure on the calibration writers decides the criterion (``decisions`` in the card), but only
where it beats the rules' own balanced accuracy on those writers by at least MARGIN; elsewhere the
rules decide. It decides at probability 0.5 unless, on the same held-out writers, another threshold
beats 0.5 by MARGIN. The test splits are never read here.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import math
import statistics
import sys
import time

import torch

from drafter.checker import CRITERION_IDS, Checker
from drafter.draft import segment
from drafter.evaluate import POSITIVE, Scores, load_corpus
from drafter.roles import EVIDENCE_FILE, MODEL_DIR, build_head, head_from, load_role_model, save_evidence_head
from drafter.verdicts import (RULE_FEATURES, VARIANTS, VERDICTS_FILE, draft_features, feature_names, load_verdict_model,
                              rule_features)
from drafter.verdicts import pooled_evidence as pool_draft
from models.splits import CALIBRATION_SPLITS, RULE_SPLITS
from models.train_roles import ROOT, merge_heads

C_CHOICES = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # inverse regularisation strength, as in scikit-learn
#: A variant must beat the rules by this much mean balanced accuracy over the held-out calibration
#: writers to decide a criterion: on 150 drafts a writer, about a draft and a half.
MARGIN = 0.01
#: Balanced class weights put the balanced-accuracy optimum near even odds, so each criterion decides
#: at 0.5 unless another of these probabilities beats it by MARGIN, leave-one-writer-out on the
#: calibration writers: a writer unlike the others can shift where the optimum lies.
THRESHOLD = 0.5
THRESHOLD_CHOICES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
#: The roles whose summaries each criterion reads, from what GUIDANCE.md says the criterion is about.
#: Reading every role would let a model learn how the labelled drafts were put together (writers
#: who make a draft fail calm tend to keep it clean on facts), which does not hold for new drafts.
CRITERION_ROLES = {
    "facts": ["blame_other", "excuse", "self_singling", "how_it_happened"],
    "names": ["blame_other", "self_singling"],
    "correction": ["apology", "self_abasement", "correction", "resolved"],
    "next_steps": ["next_step", "timeline", "make_good", "correction"],
    "ownership": ["minimising", "blame_other", "excuse", "apology"],
    "prevention": ["prevention", "correction"],
    "timeline": ["timeline", "resolved", "correction"],
    "calm": ["alarm", "self_abasement"],
    "proportion": ["how_it_happened", "excuse"],
    "make_good": ["make_good", "correction", "resolved"],
}
#: Criteria one good sentence can pass: their evidence head scores that sentence, not a faulty one.
PASSED_BY_ONE_SENTENCE = ("next_steps", "prevention", "timeline")
#: The evidence head's size and optimisation: full-batch AdamW on all drafts at once. Chosen by the
#: evidence head's own leave-one-writer-out balanced accuracy on nine calibration writers (mean over
#: criteria): a linear head 0.865 (lr 0.05; weight decay 0.01 0.863, 1.0 0.853; 600 epochs 0.862),
#: 64 hidden units 0.869, with facts 0.770 -> 0.796 and prevention 0.915 -> 0.932.
EVIDENCE_TRAINING = {"hidden_size": 64, "lr": 0.01, "epochs": 300, "weight_decay": 0.1, "pooling": "logsumexp",
                     "seeds": 3}


def fit_evidence(bags: list[torch.Tensor], targets: torch.Tensor, signs: torch.Tensor) -> torch.nn.Module:
    """A sentence score per criterion (the columns of ``targets``), fitted so that each draft's
    log-sum-exp of sentence scores, times the criterion's sign, is the logit of its target (1 = fail,
    or present). Drafts without sentences are left out. Returns, in inference mode, the average of
    heads trained from different seeds, merged into one head."""
    kept = [i for i, bag in enumerate(bags) if len(bag)]
    sentences = torch.cat([bags[i] for i in kept])
    owner = torch.cat([torch.full((len(bags[i]),), k) for k, i in enumerate(kept)])
    y = targets[kept]
    positives = y.sum(0).clamp(min=1)
    n = len(kept)
    sample_weight = torch.where(y == 1, n / (2 * positives), n / (2 * (n - positives).clamp(min=1)))
    heads = []
    for seed in range(EVIDENCE_TRAINING["seeds"]):
        torch.manual_seed(seed)
        head = build_head(torch, sentences.shape[1], EVIDENCE_TRAINING["hidden_size"], targets.shape[1])
        optimiser = torch.optim.AdamW(head.parameters(), lr=EVIDENCE_TRAINING["lr"],
                                      weight_decay=EVIDENCE_TRAINING["weight_decay"])
        for _ in range(EVIDENCE_TRAINING["epochs"]):
            optimiser.zero_grad()
            logits = signs * pool(head(sentences), owner, n)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none") * sample_weight).mean()
            loss.backward()
            optimiser.step()
        heads.append(head.eval())
    return head_from(torch, merge_heads(heads))


def pool(scores: torch.Tensor, owner: torch.Tensor, n: int) -> torch.Tensor:
    """Per draft and criterion, the log-sum-exp of its sentences' scores (``owner``: draft of each sentence)."""
    # The shift cancels out of the value and of its gradient; it only keeps exp() finite.
    top = torch.full((n, scores.shape[1]), -1e9).scatter_reduce(
        0, owner.unsqueeze(1).expand_as(scores), scores.detach(), "amax")
    shifted = torch.exp(scores - top[owner])
    return top + torch.zeros(n, scores.shape[1]).index_add(0, owner, shifted).log()


def pooled_evidence(bags: list[torch.Tensor], head: torch.nn.Module) -> list[list[float]]:
    """Each draft's pooled evidence per criterion, pooled by drafter's own function."""
    with torch.inference_mode():
        return [[pool_draft(column) for column in head(bag).T.tolist()] for bag in bags]


def fit(features: torch.Tensor, labels: torch.Tensor, c: float, unpenalised: int = 0) -> tuple[torch.Tensor, float]:
    """Weights and bias on standardised features: mean balanced log-loss + |w|^2 / (2 C n), where the
    last ``unpenalised`` weights are left out of |w|^2. For the rule features: the regulariser then
    pulls the model towards the rules' own verdict, not towards a coin toss."""
    torch.manual_seed(0)
    n, width = features.shape
    penalised = torch.arange(width) < width - unpenalised
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
                * sample_weight).mean() + (weights[penalised] ** 2).sum() / (2 * c * n)
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


def data_hash(splits) -> str:
    digest = hashlib.sha256()
    for split in splits:
        digest.update((ROOT / "corpora" / "drafts" / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()


def leave_one_writer_out(raw: torch.Tensor, y: torch.Tensor, writers: list[str], c: float,
                         unpenalised: int) -> dict[int, float]:
    """Each writer's drafts scored by a model fitted on the other writers: draft index -> logit."""
    predicted = {}
    for held_out in dict.fromkeys(writers):
        train = torch.tensor([w != held_out for w in writers])
        x_train, mean, std = standardise(raw[train])
        weights, bias = fit(x_train, y[train], c, unpenalised)
        scores = ((raw[~train] - mean) / std) @ weights + bias
        for index, score in zip(torch.nonzero(~train).flatten().tolist(), scores.tolist()):
            predicted[index] = score
    return predicted


def per_writer(labels: list[bool], predicted, writers: list[str]) -> dict[str, float]:
    return {writer: Scores.from_pairs([(labels[i], predicted[i]) for i, w in enumerate(writers) if w == writer]).balanced_accuracy
            for writer in dict.fromkeys(writers)}


def by_threshold(labels: list[bool], logits: dict[int, float], writers: list[str],
                 counted: tuple[str, ...]) -> dict[float, float]:
    """Per THRESHOLD_CHOICES, the mean balanced accuracy over the ``counted`` writers of deciding at it,
    to four places, as the card records it."""
    figures = {}
    for threshold in THRESHOLD_CHOICES:
        boundary = math.log(threshold / (1 - threshold))
        scores = per_writer(labels, {i: logit >= boundary for i, logit in logits.items()}, writers)
        figures[threshold] = round(statistics.mean(scores[w] for w in counted), 4)
    return figures


def decision_threshold(figures: dict[float, float]) -> float:
    """THRESHOLD, unless another choice beats it by MARGIN (ties go to the choice nearest THRESHOLD)."""
    best = max(THRESHOLD_CHOICES, key=lambda t: (figures[t], -abs(t - THRESHOLD)))
    return best if figures[best] >= figures[THRESHOLD] + MARGIN else THRESHOLD


def train_variant(raw: torch.Tensor, names: list[str], labels: list[bool], writers: list[str],
                  unpenalised: int = 0) -> tuple[dict, dict[int, float]]:
    """C by leave-one-writer-out, then weights fitted on every writer, folded back to raw features.
    Returns the card entry and, at the chosen C, each draft's leave-one-writer-out logit."""
    y = torch.tensor([float(label) for label in labels])
    logits = {c: leave_one_writer_out(raw, y, writers, c, unpenalised) for c in C_CHOICES}
    by_c = {c: per_writer(labels, {i: logit >= 0 for i, logit in logits[c].items()}, writers) for c in C_CHOICES}
    mean_by_c = {c: statistics.mean(scores.values()) for c, scores in by_c.items()}
    c = max(C_CHOICES, key=lambda k: (round(mean_by_c[k], 4), -k))  # ties go to the stronger regulariser
    x, mean, std = standardise(raw)
    weights, bias = fit(x, y, c, unpenalised)
    # Fold the standardisation into the weights, so drafter applies them to raw features.
    raw_weights = weights / std
    return {
        "features": names,
        "weights": [round(float(w), 6) for w in raw_weights],
        "bias": round(bias - float((raw_weights * mean).sum()), 6),
        "C": c,
        "leave_one_writer_out_balanced_accuracy": round(mean_by_c[c], 4),
        "leave_one_writer_out_by_writer": {w: round(v, 4) for w, v in by_c[c].items()},
        "leave_one_writer_out_by_C": {str(k): round(v, 4) for k, v in mean_by_c.items()},
        "train_balanced_accuracy": round(balanced_accuracy(x, y, weights, bias), 4),
    }, logits[c]


def main() -> int:
    started = time.time()
    # The files being replaced may be of another format, which the criteria would refuse to load.
    for stale in (VERDICTS_FILE, EVIDENCE_FILE):
        (MODEL_DIR / stale).unlink(missing_ok=True)
    load_verdict_model.cache_clear()
    load_role_model.cache_clear()
    checker = Checker(model=True)
    if checker.role_model is None:
        raise SystemExit("no trained role model: run `python -m models.train_roles` first")
    roles = checker.role_model.roles
    splits = RULE_SPLITS + CALIBRATION_SPLITS
    role_rows, bags, writers, labels = [], [], [], {cid: [] for cid in CRITERION_IDS}
    rule_rows = {cid: [] for cid in CRITERION_IDS}
    for split in splits:
        items = load_corpus(str(ROOT / "corpora" / "drafts" / f"{split}.jsonl"))
        docs = checker.annotated_docs([segment(i.text, source=i.id) for i in items])
        encoded = checker.role_model.encoder.encode([s.text for doc in docs for s in doc._.body_sents])
        start = 0
        for doc, item in zip(docs, items):
            bags.append(encoded[start:start + len(doc._.body_sents)])
            start += len(doc._.body_sents)
            role_rows.append(draft_features(doc, roles, []))
            writers.append(split)
            for criterion in checker.criteria:
                findings, score = criterion.check(doc)
                positive = criterion.verdict(findings, score) == POSITIVE[criterion.id]
                rule_rows[criterion.id].append(rule_features(positive, findings))
                labels[criterion.id].append(item.labels[criterion.id] == POSITIVE[criterion.id])
    print(f"[{time.time() - started:6.1f}s] features of {len(role_rows)} drafts ({', '.join(splits)})", flush=True)

    criteria = list(CRITERION_IDS)
    targets = torch.tensor([[float(labels[cid][i]) for cid in criteria] for i in range(len(bags))])
    signs = torch.tensor([-1.0 if cid in PASSED_BY_ONE_SENTENCE else 1.0 for cid in criteria])
    evidence = [None] * len(bags)
    for held_out in splits:
        train = [i for i, w in enumerate(writers) if w != held_out]
        head = fit_evidence([bags[i] for i in train], targets[train], signs)
        held = [i for i, w in enumerate(writers) if w == held_out]
        for i, row in zip(held, pooled_evidence([bags[i] for i in held], head)):
            evidence[i] = row
    save_evidence_head(MODEL_DIR / EVIDENCE_FILE, criteria, fit_evidence(bags, targets, signs))
    (MODEL_DIR / EVIDENCE_FILE).chmod(0o644)  # safetensors writes 0600; the file ships in the wheel
    print(f"[{time.time() - started:6.1f}s] evidence head, and each writer's evidence from a head fitted without it", flush=True)

    calibration = [i for i, w in enumerate(writers) if w in CALIBRATION_SPLITS]
    calibration_writers = [writers[i] for i in calibration]
    feature_matrix = torch.cat([torch.tensor(role_rows), torch.tensor(evidence)], dim=1)
    variants = {variant: {"criteria": {}} for variant in VARIANTS}
    position = {name: i for i, name in enumerate(feature_names(roles, criteria))}
    variants["model"]["trained_on"] = list(splits)
    variants["model_and_rules"]["trained_on"] = list(CALIBRATION_SPLITS)
    decisions = {}
    for cid in CRITERION_IDS:
        names = feature_names(CRITERION_ROLES[cid], []) + [f"evidence:{cid}"]
        columns = [position[name] for name in names]
        variants["model"]["criteria"][cid], held_out_model = train_variant(
            feature_matrix[:, columns], names, labels[cid], writers)
        stacked_rows = torch.cat([feature_matrix[calibration][:, columns],
                                  torch.tensor([rule_rows[cid][i] for i in calibration])], dim=1)
        stacked_labels = [labels[cid][i] for i in calibration]
        variants["model_and_rules"]["criteria"][cid], held_out_stacked = train_variant(
            stacked_rows, names + list(RULE_FEATURES), stacked_labels, calibration_writers, len(RULE_FEATURES))
        thresholds = {"model": by_threshold(labels[cid], held_out_model, writers, CALIBRATION_SPLITS),
                      "model_and_rules": by_threshold(stacked_labels, held_out_stacked, calibration_writers,
                                                      CALIBRATION_SPLITS)}
        rules = per_writer(stacked_labels, [bool(rule_rows[cid][i][0]) for i in calibration], calibration_writers)
        # Every variant compared on the same held-out writers: those no rule was written from.
        on_calibration = {"rules": statistics.mean(rules.values())} | {
            variant: statistics.mean(variants[variant]["criteria"][cid]["leave_one_writer_out_by_writer"][w]
                                     for w in CALIBRATION_SPLITS) for variant in VARIANTS}
        best = max(VARIANTS, key=lambda v: on_calibration[v])
        decisions[cid] = {
            "variant": best if on_calibration[best] >= on_calibration["rules"] + MARGIN else None,
            "threshold": decision_threshold(thresholds[best]),
            "leave_one_writer_out_on_calibration": {k: round(v, 4) for k, v in on_calibration.items()},
            "leave_one_writer_out_by_threshold": {str(t): v for t, v in thresholds[best].items()},
            "rules_by_writer": {w: round(v, 4) for w, v in rules.items()},
        }
        print(f"  {cid:<11} " + "  ".join(f"{k} {v:.3f}" for k, v in on_calibration.items())
              + f"  -> {decisions[cid]['variant'] or 'rules'} at {decisions[cid]['threshold']}", flush=True)
    card = {
        "roles": roles,
        "evidence": {"criteria": criteria, "file": EVIDENCE_FILE, "training": EVIDENCE_TRAINING,
                     "sentence_speaks_for": {cid: "pass" if cid in PASSED_BY_ONE_SENTENCE else POSITIVE[cid]
                                             for cid in criteria},
                     "verdict_features": "each writer's from a head fitted on the other writers"},
        "variants": variants,
        "decision_margin": MARGIN,
        "decisions": decisions,
        "positive_class": {cid: POSITIVE[cid] for cid in CRITERION_IDS},
        "training_data": {"sha256": data_hash(splits), "sha256_of": " + ".join(
            f"corpora/drafts/{s}.jsonl" for s in splits) + " bytes", "drafts": len(role_rows)},
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
