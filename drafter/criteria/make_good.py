"""make_good: a gesture beyond the correction, reported when present (informational)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, sentence

KEEP_WORDS = ("keep the", "keep it", "keep them", "honour the", "honor the", "honouring the", "honoring the")


class MakeGood(Criterion):
    id = "make_good"
    kind = "presence"

    def gestures(self, doc: Doc) -> list[Span]:
        kept = set(self.lexicon["words"]["kept_things"])
        found = []
        for span in cues(doc, "MAKE_GOOD"):
            if span.text.lower() in KEEP_WORDS:
                following = {t.lower_ for t in span.doc[span.end:min(span.end + 4, sentence(span).end)]}
                if span.text.lower() in ("keep it", "keep them"):
                    following |= {t.lower_ for t in sentence(span)}
                if not following & kept:
                    continue
            found.append(span)
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "make_good") and not any(sentence(s).start == sent.start for s in found):
                found.append(sent)
        return found

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings = [self.finding(doc, "present", span, severity="info", text=span.text.strip())
                    for span in self.gestures(doc)[:3]]
        return findings, 100 if findings else 50

    def verdict(self, findings: list[Finding], score: int) -> str:
        return "present" if findings else "absent"
