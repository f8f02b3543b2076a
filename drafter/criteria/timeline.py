"""timeline: the fix reported complete, or a concrete time for the next update."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import cues, in_body, remedies, role_probability
from drafter.suggest import suggestion_for

MODEL_THRESHOLD = 0.5
NOT_YET = {"not", "n't", "never", "until", "once", "when", "will", "'ll", "expect", "hope", "hopefully",
           "should", "would", "might", "may", "still", "yet", "if", "working", "trying", "aim"}
FUTURE = {"will", "'ll", "shall", "going", "expect", "aim", "plan", "next", "update", "updates", "arrive",
          "within", "by", "until", "before", "back", "ready", "every", "follow"}
CLOCK = re.compile(r"\b(\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|\d{3,4}\s?(utc|gmt|cet|est|pst|bst))\b", re.I)
DURATION = re.compile(r"\bwithin (the next )?(\d+|a|an|one|two|three|four|five|six|twelve|24|48|72) "
                      r"(minutes?|hours?|days?|business days?|working days?|weeks?)\b", re.I)


def completed(doc: Doc) -> list[Span]:
    """Cues reporting the fix as done, unless negated or hedged earlier in the sentence."""
    done = [doc[t.i:t.i + 1] for t in remedies(doc, "done")]
    for span in cues(doc, "COMPLETED"):
        before = doc[span.sent.start:span.start]
        if any(t.lower_ in NOT_YET or t.dep_ == "neg" for t in before) or any(t.dep_ == "neg" for t in span):
            continue
        done.append(span)
    return done


def concrete_times(doc: Doc) -> list[Span]:
    """Dates and times that say when the next update or the fix comes."""
    found = []
    for sent in doc._.body_sents:
        words = {t.lower_ for t in sent}
        future = bool(words & FUTURE) or "next update" in sent.text.lower()
        if not future:
            continue
        ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME") and in_body(doc, e.start_char, e.end_char)]
        if ents or CLOCK.search(sent.text) or DURATION.search(sent.text):
            found.append(sent)
    return found


class Timeline(Criterion):
    id = "timeline"

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        if completed(doc) or concrete_times(doc) or self._model_says_timed(doc):
            return [], 100
        vague = cues(doc, "VAGUE_TIME")
        if vague:
            findings = [self.finding(doc, "vague", vague[0], text=vague[0].text,
                                     suggestion=suggestion_for(doc, self.id, "vague", vague[0]))]
        else:
            sents = doc._.body_sents
            last = next((t for t in reversed(sents[-1]) if not t.is_space), None) if sents else None
            anchor = (last.idx + len(last),) * 2 if last is not None else (0, 0)
            findings = [self.finding(doc, "missing", anchor, suggestion=suggestion_for(doc, self.id, "missing", doc[:0]))]
        return findings, self.score(findings)

    @staticmethod
    def _model_says_timed(doc: Doc) -> bool:
        return any((role_probability(doc, s, "timeline") or 0.0) >= MODEL_THRESHOLD for s in doc._.body_sents)
