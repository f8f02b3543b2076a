"""Results of a check, as plain dataclasses with a versioned dict shape."""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "drafter.report/1"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    criterion: str
    rule: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    rationale: str
    suggestion: str | None = None
    line: int = 0
    column: int = 0

    def to_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
            "rationale": self.rationale,
            "suggestion": self.suggestion,
        }


@dataclass
class CriterionResult:
    criterion: str
    score: int
    verdict: str
    findings: list[Finding] = field(default_factory=list)
    #: Figures a criterion measured along the way (readability, counts), reported as they are.
    measures: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = {
            "score": self.score,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.measures:
            data["measures"] = self.measures
        return data


@dataclass
class Report:
    source: str
    score: int
    criteria: dict[str, CriterionResult]
    #: Criteria left out of the overall score and of the verdict, with the reason.
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        every = [f for result in self.criteria.values() for f in result.findings]
        return sorted(every, key=lambda f: (f.start, f.end, f.criterion))

    @property
    def passed(self) -> bool:
        return all(r.verdict != "fail" for r in self.criteria.values())

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "score": self.score,
            "passed": self.passed,
            "criteria": {cid: result.to_dict() for cid, result in self.criteria.items()},
            "findings": [f.to_dict() for f in self.findings],
        }
