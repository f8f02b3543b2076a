"""Which labelled draft splits (``corpora/drafts/<split>.jsonl``) each training step reads.

Every split is one writer's drafts. The held-out splits, ``test`` to ``test8``, are in neither list:
nothing is trained or tuned on them."""

#: The rules were written and tuned against these writers, so the rules look better on them than they are.
RULE_SPLITS = ("dev", "dev2", "dev3")
#: No rule was written from these writers' drafts: they show how the rules hold on new wording, and
#: they are what the model combination (models/tune_combination.py, models/train_verdicts.py) learns from.
CALIBRATION_SPLITS = ("calib", "calib2", "calib3", "calib4", "calib5", "calib6", "calib7", "calib8", "calib9",
                      "calib10", "calib11", "calib12", "calib13", "calib14", "calib15", "calib16", "calib17",
                      "calib18", "calib19", "calib20", "calib21")
#: Never trained or tuned on: the figures the README reports for writers the project has not seen.
HELD_OUT_SPLITS = ("test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")
