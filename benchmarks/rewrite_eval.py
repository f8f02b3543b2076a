"""How well `drafter rewrite` repairs the drafts of a labelled corpus, by drafter's own lint.

    .venv/bin/python benchmarks/rewrite_eval.py corpora/drafts/test.jsonl [--format json] [--show ID ...]

For facts, names, correction, calm and ownership: how many drafts fail the criterion before the
rewrite (by drafter's rules-only lint, and by the gold label), and the share of those that pass it
after the rewrite (by the lint). Then the share of drafts that keep every protected token (numbers,
dates, URLs, codes) and their greeting and sign-off verbatim, and every criterion that passed before
and fails after (the target is none). Tune on dev.jsonl only; test.jsonl is held out."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.draft import segment  # noqa: E402
from drafter.evaluate import load_corpus  # noqa: E402
from drafter.rewrite import default_checker, keeps_protected, rewrite_drafts  # noqa: E402
from drafter.suggest import placeholder_spans  # noqa: E402

TARGETS = ("facts", "names", "correction", "calm", "ownership")


def frame_kept(draft, text: str) -> bool:
    """The greeting and sign-off appear unchanged in the rewritten text."""
    return all(region is None or draft.text[region.start:region.end] in text
               for region in (draft.greeting, draft.signoff))


def evaluate(path: str) -> dict:
    items = load_corpus(path)
    checker = default_checker()
    drafts = [segment(item.text, source=item.id) for item in items]
    started = time.perf_counter()
    before = checker.check_drafts(drafts)
    rewrites = rewrite_drafts(drafts, checker=checker)
    after = checker.check_drafts([segment(r.text, source=r.source) for r in rewrites])
    seconds = time.perf_counter() - started

    targets = {}
    for cid in TARGETS:
        by_lint = [i for i, report in enumerate(before) if report.criteria[cid].verdict == "fail"]
        by_gold = [i for i, item in enumerate(items) if item.labels.get(cid) == "fail"]
        fixed = [i for i in by_lint if after[i].criteria[cid].verdict != "fail"]
        gold_fixed = [i for i in by_gold if after[i].criteria[cid].verdict != "fail"]
        targets[cid] = {
            "failing_before_lint": len(by_lint),
            "failing_before_gold": len(by_gold),
            "passing_after": len(fixed),
            "share_passing_after": round(len(fixed) / len(by_lint), 3) if by_lint else None,
            "gold_failing_passing_after": round(len(gold_fixed) / len(by_gold), 3) if by_gold else None,
            "still_failing": [items[i].id for i in by_lint if i not in fixed],
        }
    regressions = [
        {"id": items[i].id, "criterion": cid, "rules": sorted({f.rule for f in after[i].criteria[cid].findings})}
        for i in range(len(items)) for cid, result in before[i].criteria.items()
        if result.verdict == "pass" and after[i].criteria[cid].verdict == "fail"
    ]
    kept = [keeps_protected(r.original, r.text) for r in rewrites]
    framed = [frame_kept(d, r.text) for d, r in zip(drafts, rewrites)]
    return {
        "corpus": path,
        "drafts": len(items),
        "seconds": round(seconds, 1),
        "criteria": targets,
        "keep_protected_share": round(sum(kept) / len(kept), 3),
        "lost_protected": [items[i].id for i, ok in enumerate(kept) if not ok],
        "keep_frame_share": round(sum(framed) / len(framed), 3),
        "regressions": regressions,
        "with_placeholders": sum(bool(placeholder_spans(r.text)) for r in rewrites),
        "edits": sum(len(r.edits) for r in rewrites),
        "rewrites": {item.id: r for item, r in zip(items, rewrites)},
    }


def render_text(result: dict) -> str:
    lines = [f"{result['corpus']}: {result['drafts']} drafts, {result['edits']} edits, {result['seconds']} s", "",
             f"{'criterion':<12} {'fail (lint)':>11} {'fail (gold)':>11} {'pass after':>10} {'share':>7} {'gold share':>10}"]
    for cid, row in result["criteria"].items():
        share = f"{row['share_passing_after']:.1%}" if row["share_passing_after"] is not None else "-"
        gold = f"{row['gold_failing_passing_after']:.1%}" if row["gold_failing_passing_after"] is not None else "-"
        lines.append(f"{cid:<12} {row['failing_before_lint']:>11} {row['failing_before_gold']:>11} "
                     f"{row['passing_after']:>10} {share:>7} {gold:>10}")
    lines += [
        "",
        f"keep every protected token (numbers, dates, URLs, codes): {result['keep_protected_share']:.1%}"
        + (f"  lost in {', '.join(result['lost_protected'])}" if result["lost_protected"] else ""),
        f"keep greeting and sign-off verbatim: {result['keep_frame_share']:.1%}",
        f"criteria that passed before and fail after: {len(result['regressions'])}",
    ]
    lines += [f"  {r['id']} {r['criterion']}: {', '.join(r['rules'])}" for r in result["regressions"]]
    lines.append(f"drafts left with placeholders for the writer to fill: {result['with_placeholders']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--show", nargs="*", default=[], metavar="ID", help="Print these drafts before and after.")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus)
    rewrites = result.pop("rewrites")
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(render_text(result), end="")
    for draft_id in args.show:
        rewrite = rewrites[draft_id]
        print(f"\n=== {draft_id} before ===\n{rewrite.original}\n=== {draft_id} after ===\n{rewrite.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
