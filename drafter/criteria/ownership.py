"""ownership: the organisation owns the mistake plainly, without minimising or deflecting."""
from __future__ import annotations

from spacy.tokens import Doc

from drafter.criteria.base import Criterion
from drafter.culprits import culprits
from drafter.report import Finding
from drafter.signals import cues, sentence
from drafter.suggest import suggestion_for



class Ownership(Criterion):
    id = "ownership"
    model_roles = ("minimising", "blame_other")

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        flagged: set[int] = set()
        for span in cues(doc, "MINIMISING"):
            if sentence(span).start in flagged or self.model_doubts(doc, sentence(span), ("minimising", "blame_other")):
                continue
            flagged.add(sentence(span).start)
            findings.append(self.finding(doc, "minimising", span, text=span.text,
                                         suggestion=suggestion_for(doc, self.id, "minimising", span,
                                                                   plain="we got this wrong")))
        no_fault = cues(doc, "NO_FAULT")
        deflections = cues(doc, "READER_BLAME") + [
            s for s in cues(doc, "BLAME_PHRASE") if not any(n.start <= s.start < n.end for n in no_fault)
        ]
        deflections += [c.span for c in culprits(doc) if c.kind != "self"]
        deflections += [c.span for sent in doc._.body_sents for c in self.model_blames_someone(doc, sent)[:1]
                        if c.kind != "self"]
        for span in deflections:
            if sentence(span).start in flagged or self.model_doubts(doc, sentence(span), ("blame_other", "minimising")):
                continue
            flagged.add(sentence(span).start)
            findings.append(self.finding(doc, "deflecting", span,
                                         suggestion=suggestion_for(doc, self.id, "deflecting", span,
                                                                   plain_verb="made this mistake")))
        for sent in doc._.body_sents:
            if sent.start in flagged:
                continue
            for role, rule in (("minimising", "minimising"), ("blame_other", "deflecting")):
                if self.model_says(doc, sent, role):
                    flagged.add(sent.start)
                    findings.append(self.finding(doc, rule, sent, text=sent.text))
                    break
        return findings, self.score(findings)
