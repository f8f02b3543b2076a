"""The verdict regressions' training (models/train_verdicts.py) on toy features: the choice of C and
of the decision threshold, both by leave-one-writer-out."""
import math

import pytest
import torch

from models.train_verdicts import (MARGIN, THRESHOLD, THRESHOLD_CHOICES, by_threshold, decision_threshold,
                                   train_variant)


def toy_writers(shift: float) -> tuple[torch.Tensor, list[bool], list[str]]:
    """Four writers, one feature that separates the classes at ``shift``: every writer's positives lie
    above it and negatives below."""
    generator = torch.Generator().manual_seed(0)
    rows, labels, writers = [], [], []
    for writer in ("a", "b", "c", "d"):
        for i in range(40):
            positive = i % 2 == 0
            noise = float(torch.rand(1, generator=generator)) * 0.9 + 0.05
            rows.append([shift + noise if positive else shift - noise])
            labels.append(positive)
            writers.append(writer)
    return torch.tensor(rows), labels, writers


def logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


def test_a_separable_feature_is_learned_and_held_out_logits_cover_every_draft():
    raw, labels, writers = toy_writers(shift=3.0)
    entry, held_out = train_variant(raw, ["x"], labels, writers)
    assert sorted(held_out) == list(range(len(labels)))
    assert entry["leave_one_writer_out_balanced_accuracy"] == 1.0
    assert entry["weights"][0] > 0
    # The weights are folded back to raw features: the boundary sits at the shift, not at zero.
    assert entry["bias"] / entry["weights"][0] == pytest.approx(-3.0, abs=0.5)


def test_the_threshold_moves_only_when_another_beats_even_odds_by_the_margin():
    labels = [True, False] * 20
    writers = ["a"] * 20 + ["b"] * 20
    # Every positive at 0.42, every negative at 0.2: deciding at 0.5 misses all positives.
    low = {i: logit(0.42) if label else logit(0.2) for i, label in enumerate(labels)}
    figures = by_threshold(labels, low, writers, ("a", "b"))
    assert figures[THRESHOLD] == 0.5 and figures[0.4] == 1.0
    assert decision_threshold(figures) == 0.4  # the nearest of the equally good choices
    # Well separated either side of 0.5: every choice from 0.3 to 0.7 is as good, so 0.5 stays.
    even = {i: logit(0.9) if label else logit(0.1) for i, label in enumerate(labels)}
    assert decision_threshold(by_threshold(labels, even, writers, ("a", "b"))) == THRESHOLD
    # A gain under the margin does not move it.
    almost = {choice: 0.9 for choice in THRESHOLD_CHOICES} | {0.6: 0.9 + MARGIN / 2}
    assert decision_threshold(almost) == THRESHOLD
