"""What every criterion is: an id, a rationale that cites a seed, and ``check(doc)``."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from drafter.config import load_toml_resource
from drafter.cues import lexicons
from drafter.culprits import people_acting_in
from drafter.report import Finding
from drafter.signals import role_probability
from drafter.suggest import suggestion_for
from drafter.verdicts import load_verdict_model, rule_features

#: Points a finding takes off a criterion's 100. One error fails a criterion; warnings add up.
PENALTY = {"error": 45, "warning": 20, "info": 0}
PASS_MARK = 60


class Criterion:
    """A rubric criterion. Subclasses set ``id`` and implement ``check``.

    The seed, rationale and messages live in ``data/lexicons/<id>.toml`` with the criterion's
    phrase lists, so wording is edited as data, not code."""

    id: str = ""
    #: "pass_fail" criteria give pass or fail; "presence" criteria report present or absent.
    kind: str = "pass_fail"
    #: The roles whose most probable sentence a model finding points at when the evidence head is
    #: missing; none for criteria that fail for something missing, whose model finding points at the
    #: end of the draft.
    model_roles: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.lexicon = lexicons()[self.id]
        self.common = lexicons()["common"]
        #: role -> probability from which the model's view of a sentence counts for this criterion;
        #: tuned on the calibration drafts by models/tune_combination.py. A role left out is not used.
        self.model_thresholds: dict[str, float] = dict(load_toml_resource("combination.toml").get(self.id, {}))
        #: The draft-level verdict model (drafter/verdicts.py), or None when the package ships none.
        self.verdict_model = load_verdict_model()

    def model_says(self, doc: Doc, sent: Span, role: str, setting: str | None = None) -> bool:
        """Whether the role model, when loaded, puts ``sent`` in ``role`` for this criterion, at the
        threshold named ``setting`` (by default the role's own name)."""
        limit = self.model_thresholds.get(setting or role)
        if limit is None:
            return False
        probability = role_probability(doc, sent, role)
        return probability is not None and probability >= limit

    def model_blames_someone(self, doc: Doc, sent: Span) -> list:
        """Named people acting in a sentence the model reads as blame (at ``blame_other_named``):
        paraphrased blame of a person that the rules do not parse."""
        if not self.model_says(doc, sent, "blame_other", "blame_other_named"):
            return []
        return people_acting_in(sent)

    def model_doubts(self, doc: Doc, sent: Span, roles: tuple[str, ...]) -> bool:
        """Whether the model, when loaded, finds none of ``roles`` in ``sent``: every probability is below
        the criterion's ``veto`` value. A rule finding in such a sentence is then dropped."""
        limit = self.model_thresholds.get("veto")
        if limit is None:
            return False
        probabilities = [role_probability(doc, sent, role) for role in roles]
        return all(p is not None and p < limit for p in probabilities)

    @property
    def rationale(self) -> str:
        return f"{self.lexicon['seed']}: {self.lexicon['rationale']}"

    def message(self, rule: str, **slots) -> str:
        return self.lexicon["messages"][rule].format(**slots)

    def finding(self, doc: Doc, rule: str, span: Span | tuple[int, int], *, severity: str = "error",
                suggestion: str | None = None, **slots) -> Finding:
        start, end = (span.start_char, span.end_char) if isinstance(span, Span) else span
        return Finding(
            criterion=self.id,
            rule=f"{self.id}/{rule}",
            severity=severity,
            start=start,
            end=end,
            text=doc.text[start:end],
            message=self.message(rule, **slots),
            rationale=self.rationale,
            suggestion=suggestion,
        )

    def missing(self, doc: Doc, rule: str = "missing") -> Finding:
        """A finding for something the draft lacks, pointing just after the last word of the body."""
        sents = doc._.body_sents
        last = next((t for t in reversed(sents[-1]) if not t.is_space), None) if sents else None
        anchor = (last.idx + len(last),) * 2 if last is not None else (0, 0)
        return self.finding(doc, rule, anchor,
                            suggestion=suggestion_for(doc, self.id, "missing", sents[-1] if sents else doc[:0]))

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        """The rules' findings, with the sentence-role model where combination.toml lets it in."""
        raise NotImplementedError

    def assess(self, doc: Doc) -> tuple[list[Finding], int]:
        """``check``, then, where the verdict model's card names a variant that decides this criterion
        (drafter/verdicts.py), that variant's verdict: a draft the rules pass but the model fails gets a
        model finding; a draft the rules fail but the model passes loses the findings that made the
        verdict. Without the role model, the rules' verdict stands."""
        findings, score = self.check(doc)
        model = self.verdict_model
        variant = model.decider(self.id) if model else None
        if variant is None:
            return findings, score
        positive = self.verdict(findings, score) in ("fail", "present")
        rules = rule_features(positive, findings) if variant == "model_and_rules" else None
        probability = model.probability(doc, self.id, rules)
        if probability is None or (probability >= model.threshold(self.id)) == positive:
            return findings, score
        if positive:
            # What made the rules' verdict goes; notes that decide nothing stay.
            findings = [] if self.kind == "presence" else [f for f in findings if f.severity == "info"]
        else:
            findings = findings + [self.model_finding(doc)]
        return findings, self.score(findings)

    def model_finding(self, doc: Doc) -> Finding:
        """The finding that carries the verdict model's judgement: at the sentence with the most
        evidence against the criterion (without the evidence head: the one most likely in one of
        ``model_roles``), or at the end of the draft for something missing."""
        sents = doc._.body_sents
        if not self.model_roles or not sents:
            return self.missing(doc, "model")
        if doc._.evidence is not None and self.id in doc._.evidence[0]:
            sent = sents[max(range(len(sents)), key=lambda i: doc._.evidence[i][self.id])]
        else:
            sent = max(sents, key=lambda s: max(role_probability(doc, s, role) or 0.0 for role in self.model_roles))
        severity = "info" if self.kind == "presence" else "error"
        return self.finding(doc, "model", sent, severity=severity, suggestion=suggestion_for(doc, self.id, "model", sent))

    @staticmethod
    def score(findings: list[Finding]) -> int:
        return max(0, 100 - sum(PENALTY[f.severity] for f in findings))

    def verdict(self, findings: list[Finding], score: int) -> str:
        if self.kind == "presence":
            return "present" if score >= PASS_MARK else "absent"
        return "pass" if score >= PASS_MARK else "fail"
