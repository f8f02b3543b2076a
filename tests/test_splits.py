"""Every labelled draft split has exactly one role: rules are tuned on it, models calibrate on it, or it is held out."""
from __future__ import annotations

from pathlib import Path

from models.splits import CALIBRATION_SPLITS, HELD_OUT_SPLITS, RULE_SPLITS

DRAFTS = Path(__file__).resolve().parent.parent / "corpora" / "drafts"


def test_every_split_on_disk_has_exactly_one_role():
    on_disk = sorted(path.stem for path in DRAFTS.glob("*.jsonl"))
    listed = [*RULE_SPLITS, *CALIBRATION_SPLITS, *HELD_OUT_SPLITS]
    assert sorted(listed) == on_disk  # none missing, none listed twice


def test_held_out_splits_are_the_test_files():
    assert set(HELD_OUT_SPLITS) == {path.stem for path in DRAFTS.glob("test*.jsonl")}
