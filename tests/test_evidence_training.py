"""The evidence head's training (models/train_verdicts.py) on bags of toy sentence vectors: one
sentence in a bag carries a marker, and the draft's label turns on it."""
import pytest
import torch

from drafter.verdicts import NO_EVIDENCE
from models.train_verdicts import EVIDENCE_TRAINING, fit_evidence, pooled_evidence

WIDTH = 8


def toy_drafts(n: int, seed: int, sign: float) -> tuple[list[torch.Tensor], torch.Tensor]:
    """Bags of three sentences; every other one has a sentence with the marker. With ``sign`` 1 the
    marker makes the draft positive (as blame fails facts); with -1 its absence does (as a missing
    time fails timeline)."""
    generator = torch.Generator().manual_seed(seed)
    bags, labels = [], []
    for i in range(n):
        bag = torch.randn(3, WIDTH, generator=generator) * 0.1
        marked = i % 2 == 0
        if marked:
            bag[i % 3, 0] += 1.0
        bags.append(bag)
        labels.append(float(marked if sign > 0 else not marked))
    return bags, torch.tensor(labels).unsqueeze(1)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_the_head_finds_the_sentence_that_decides_a_new_draft(sign):
    bags, targets = toy_drafts(40, seed=0, sign=sign)
    head = fit_evidence(bags, targets, torch.tensor([sign]))
    new_bags, new_targets = toy_drafts(20, seed=1, sign=sign)
    predicted = [pooled[0] * sign >= 0 for pooled in pooled_evidence(new_bags, head)]
    assert predicted == new_targets[:, 0].bool().tolist()


def test_the_seeds_are_merged_into_one_head_and_empty_drafts_are_left_out():
    bags, targets = toy_drafts(20, seed=0, sign=1.0)
    head = fit_evidence(bags + [torch.zeros(0, WIDTH)], torch.cat([targets, torch.tensor([[1.0]])]),
                        torch.tensor([1.0]))
    assert head[0].out_features == EVIDENCE_TRAINING["hidden_size"] * EVIDENCE_TRAINING["seeds"]
    assert not head.training
    assert pooled_evidence([torch.zeros(0, WIDTH)], head) == [[NO_EVIDENCE]]
