"""What an archive habitually gets wrong: figures gathered from batch rows in one pass.

Everything kept is bounded (criteria, rules, months, a fixed number of lowest scores), so a
summary of a million rows takes the same memory as one of ten."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

BINS = 10  # score histograms in bins of 10 points; 100 falls in the last


@dataclass
class Summary:
    top: int = 10
    messages: int = 0
    errors: int = 0
    incidents: int = 0
    scored: int = 0
    #: criterion -> [failed, scored]
    criteria: dict[str, list[int]] = field(default_factory=dict)
    #: "overall" and each criterion -> counts per score bin
    histograms: dict[str, list[int]] = field(default_factory=dict)
    rules: Counter = field(default_factory=Counter)
    rule_messages: dict[str, str] = field(default_factory=dict)
    #: "YYYY-MM" -> [scored, score total, failed]
    months: dict[str, list[int]] = field(default_factory=dict)
    _lowest: list = field(default_factory=list)

    def add(self, row: dict) -> None:
        self.messages += 1
        if (row.get("is_incident") or {}).get("verdict"):
            self.incidents += 1
        if row.get("error"):
            self.errors += 1
            return
        if row.get("score") is None:
            return
        self.scored += 1
        self._bin("overall", row["score"])
        for cid, result in row["criteria"].items():
            failed, total = self.criteria.setdefault(cid, [0, 0])
            self.criteria[cid] = [failed + (result["verdict"] == "fail"), total + 1]
            self._bin(cid, result["score"])
        for finding in row.get("findings", []):
            self.rules[finding["rule"]] += 1
            # One instance's message stands for the rule: it names the rule's problem with an example.
            self.rule_messages.setdefault(finding["rule"], " ".join(finding["message"].split()))
        month = (row.get("date") or "")[:7]
        if len(month) == 7 and month[4] == "-" and month[:4].isdigit():
            scored, total, failed = self.months.setdefault(month, [0, 0, 0])
            self.months[month] = [scored + 1, total + row["score"], failed + (not row["passed"])]
        self._lowest.append((row["score"], row["id"], row.get("subject") or ""))
        if len(self._lowest) > 4 * self.top:  # trimmed now and then, so it stays bounded
            self._lowest = sorted(self._lowest)[: self.top]

    def _bin(self, key: str, score: int) -> None:
        self.histograms.setdefault(key, [0] * BINS)[min(int(score) // BINS, BINS - 1)] += 1

    def fail_rates(self) -> list[tuple[str, float, int, int]]:
        """(criterion, fail rate, failed, scored), worst first."""
        rates = [(cid, failed / total if total else 0.0, failed, total)
                 for cid, (failed, total) in self.criteria.items()]
        return sorted(rates, key=lambda r: (-r[1], r[0]))

    def lowest(self) -> list[tuple[int, str, str]]:
        """(score, id, subject) of the lowest-scoring messages, lowest first."""
        return sorted(self._lowest)[: self.top]

    def month_rows(self) -> list[tuple[str, int, float, float]]:
        """(month, scored, mean score, fail share) in date order."""
        return [(m, n, total / n, failed / n) for m, (n, total, failed) in sorted(self.months.items())]


def render_text(summary: Summary, out: str) -> str:
    lines = [f"drafter batch: {summary.messages} messages, {summary.incidents} incidents, "
             f"{summary.scored} scored, {summary.errors} unreadable -> {out}"]
    if summary.scored:
        lines.append("")
        lines.append("criterion      fail rate")
        for cid, rate, failed, total in summary.fail_rates():
            lines.append(f"  {cid:<12} {rate:>5.0%}  ({failed}/{total})")
    if summary.rules:
        lines.append("")
        lines.append("most frequent findings")
        for key, count in summary.rules.most_common(summary.top):
            lines.append(f"  {count:>5}  {key}  e.g. {summary.rule_messages[key][:100]}")
    if summary.scored:
        lines.append("")
        lines.append("lowest-scoring messages")
        for score, mid, subject in summary.lowest():
            lines.append(f"  {score:>3}  {mid}  {' '.join(subject.split())[:60]}")
    return "\n".join(lines) + "\n"
