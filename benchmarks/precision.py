"""The role model in bfloat16 against fp32: speed, agreement and accuracy.

    .venv/bin/python benchmarks/precision.py [--repeat 3] [--drafts corpora/drafts/dev.jsonl]

The head was trained on fp32 features; this checks that running the encoder in bfloat16 (what
``DRAFTER_MODEL_PRECISION=auto`` picks on a CPU with native bfloat16) leaves its decisions alone.
On one thread it prints, per precision: sentences/s (median of --repeat runs over the dev and test
sentence splits), macro-F1 with the card's thresholds on the hand-written test split, and then how
often the two precisions agree on every role of a sentence and on each draft verdict."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs per precision; the median is shown.")
    parser.add_argument("--drafts", default=str(ROOT / "corpora/drafts/dev.jsonl"),
                        help="Labelled drafts whose verdicts are compared (default: the dev split).")
    args = parser.parse_args()

    import torch

    from drafter.checker import Checker
    from drafter.draft import segment
    from drafter.evaluate import load_corpus
    from drafter.roles import RoleModel, SentenceEncoder, inference_precision
    from models.train_roles import ROLES, load_split, macro_f1, targets

    torch.set_num_threads(1)
    if inference_precision("auto") != "bf16":
        print("note: this CPU has no native bfloat16; bf16 is emulated here and will be slow")
    sentences = [row["text"] for split in ("dev", "test") for row in load_split(split)]
    test_rows = load_split("test")
    model = RoleModel()
    thresholds = torch.tensor([model.thresholds[r] for r in ROLES])
    items = load_corpus(args.drafts)
    probabilities, verdicts = {}, {}
    for precision in ("fp32", "bf16"):
        model.encoder = SentenceEncoder(layers=model.card["encoder_layers"], precision=precision)
        times = []
        for _ in range(args.repeat):
            model.forget()  # time the encoder, not the memory of sentences already seen
            start = time.perf_counter()
            probabilities[precision] = model.predict(sentences)
            times.append(time.perf_counter() - start)
        model.forget()
        test = torch.tensor([[row[r] for r in ROLES] for row in model.predict([r["text"] for r in test_rows])])
        print(f"{precision}: {len(sentences) / statistics.median(times):6.0f} sentences/s on one thread; "
              f"test macro-F1 {macro_f1(test, targets(test_rows), thresholds):.4f}")
        checker = Checker(model=True)
        checker.role_model = model
        model.forget()
        verdicts[precision] = [{c: r.verdict for c, r in report.criteria.items()}
                               for report in checker.check_drafts([segment(item.text, source=item.id) for item in items])]

    same_sentence = sum(all((a[r] >= model.thresholds[r]) == (b[r] >= model.thresholds[r]) for r in ROLES)
                        for a, b in zip(probabilities["fp32"], probabilities["bf16"]))
    largest = max(abs(a[r] - b[r]) for a, b in zip(probabilities["fp32"], probabilities["bf16"]) for r in ROLES)
    pairs = [(a[c], b[c]) for a, b in zip(verdicts["fp32"], verdicts["bf16"]) for c in a]
    print(f"sentences with every role decided alike: {same_sentence}/{len(sentences)} "
          f"({same_sentence / len(sentences):.1%}); largest probability difference {largest:.3f}")
    print(f"draft verdicts alike on {Path(args.drafts).name}: {sum(a == b for a, b in pairs)}/{len(pairs)}")


if __name__ == "__main__":
    main()
