"""Plain text for the terminal: one line per finding, then a score table per criterion."""
from __future__ import annotations

from drafter.report import Report


def finding_lines(report: Report) -> list[str]:
    lines = []
    for f in report.findings:
        excerpt = " ".join(f.text.split())
        quoted = f' "{excerpt[:60]}{"…" if len(excerpt) > 60 else ""}"' if excerpt else ""
        lines.append(f"{report.source}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{quoted}")
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    return lines


def score_table(report: Report) -> list[str]:
    width = max(len(c) for c in report.criteria) if report.criteria else 10
    rows = [f"{'criterion':<{width}}  score  verdict  findings"]
    for cid, result in report.criteria.items():
        rows.append(f"{cid:<{width}}  {result.score:>5}  {result.verdict:<7}  {len(result.findings):>8}")
    rows.append(f"{'overall':<{width}}  {report.score:>5}  {'pass' if report.passed else 'fail':<7}")
    return rows


def render(reports: list[Report]) -> str:
    blocks = []
    for report in reports:
        blocks.append("\n".join(finding_lines(report) + ([""] if report.findings else []) + score_table(report)))
    return "\n\n".join(blocks) + "\n"
