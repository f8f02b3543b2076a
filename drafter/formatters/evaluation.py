"""Rendering `drafter evaluate` results as a table or JSON."""
from __future__ import annotations

import json

from drafter.evaluate import Evaluation


def render_json(results: dict[str, Evaluation]) -> str:
    data = {"schema": "drafter.evaluation/1", "variants": {v: e.to_dict() for v, e in results.items()}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render_text(results: dict[str, Evaluation], *, show_errors: bool = False) -> str:
    lines = []
    for variant, evaluation in results.items():
        lines.append(f"== {variant} ==")
        lines.append(f"{'criterion':<11} {'n':>4} {'pos.rate':>8} {'prec':>6} {'recall':>6} {'F1':>6} {'bal.acc':>7}")
        for cid, s in evaluation.criteria.items():
            lines.append(f"{cid:<11} {s.n:>4} {s.positive_rate:>8.2f} {s.precision:>6.3f} {s.recall:>6.3f} "
                         f"{s.f1:>6.3f} {s.balanced_accuracy:>7.3f}")
        for cid in evaluation.not_implemented:
            lines.append(f"{cid:<11} not implemented")
        if evaluation.blamed_name_recall is not None or evaluation.harmless_names_unflagged is not None:
            lines.append(f"blamed-name recall {_pct(evaluation.blamed_name_recall)}; "
                         f"harmless names left unflagged {_pct(evaluation.harmless_names_unflagged)}")
        lines.append("(positive class: fail; for make_good: present)")
        if show_errors:
            lines.append("")
            lines.append(f"misjudged ({len(evaluation.errors)}):")
            for e in evaluation.errors:
                spans = "; ".join(e.spans) if e.spans else "no findings"
                lines.append(f"  {e.id} {e.criterion}: expected {e.expected}, got {e.got} [{spans}]")
        lines.append("")
    return "\n".join(lines)
