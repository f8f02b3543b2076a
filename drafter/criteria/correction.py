"""correction: one apology at most, no grovelling, and the fix at the centre."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, remedies, sentence
from drafter.suggest import suggestion_for



def apologies(doc: Doc) -> list[Span]:
    """Apologies in the body ("sorry, really sorry" is two), leaving out "sorry to hear"-style empathy."""
    empathy = cues(doc, "EMPATHY")
    return [span for span in cues(doc, "APOLOGY") if not any(e.start <= span.start < e.end for e in empathy)]


def has_fix(doc: Doc) -> bool:
    return bool(cues(doc, "FIX") or remedies(doc))


class Correction(Criterion):
    id = "correction"
    model_roles = ("self_abasement", "apology")

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        said = apologies(doc)
        for span in said[1:]:
            findings.append(self.finding(
                doc, "repeated-apology", span, count=len(said),
                suggestion=suggestion_for(doc, self.id, "repeated-apology", span),
            ))
        abasing = cues(doc, "SELF_ABASEMENT")
        flagged = set()
        for span in abasing:
            if sentence(span).start in flagged:
                continue
            flagged.add(sentence(span).start)
            findings.append(self.finding(
                doc, "self-abasement", span, suggestion=suggestion_for(doc, self.id, "self-abasement", span),
            ))
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "self_abasement") and sent.start not in flagged:
                flagged.add(sent.start)
                findings.append(self.finding(doc, "self-abasement", sent))
        if said and not has_fix(doc) and not any(self.model_says(doc, s, "correction") for s in doc._.body_sents):
            findings.append(self.finding(
                doc, "apology-without-fix", said[0],
                suggestion=suggestion_for(doc, self.id, "apology-without-fix", said[0]),
            ))
        return findings, self.score(findings)
