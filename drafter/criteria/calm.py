"""calm: no shouted capitals, runs of exclamation marks or catastrophising words."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.signals import body_tokens, cues, in_body, sentence
from drafter.suggest import suggestion_for

EXCLAMATION_RUN = re.compile(r"!(\s*[!?1])+")


def calm_version(text: str) -> str:
    """The same words in sentence case with single stops; used for the suggestion."""
    text = EXCLAMATION_RUN.sub(".", text)
    return re.sub(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})*\b",
                  lambda m: m.group(0).lower() if len(m.group(0)) > 3 else m.group(0), text)


class Calm(Criterion):
    id = "calm"
    model_roles = ("alarm",)

    def __init__(self) -> None:
        super().__init__()
        self.acronyms = {w.upper() for w in self.lexicon["words"]["acronyms"]}
        self.status_labels = set(self.lexicon["words"]["status_labels"])

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []
        for span in self.shouting(doc):
            findings.append(self.finding(doc, "shouting", span, text=span.text,
                                         suggestion=suggestion_for(doc, self.id, "shouting", span,
                                                                   calm_text=calm_version(sentence(span).text.strip()))))
        for match in EXCLAMATION_RUN.finditer(doc.text):
            if in_body(doc, match.start(), match.end()):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                findings.append(self.finding(doc, "exclamations", (match.start(), match.end()),
                                             suggestion=suggestion_for(doc, self.id, "exclamations", span,
                                                                       calm_text=calm_version(sentence(span).text.strip()))))
        for span in cues(doc, "CATASTROPHISING"):
            findings.append(self.finding(doc, "catastrophising", span, text=span.text,
                                         suggestion=suggestion_for(doc, self.id, "catastrophising", span,
                                                                   calm_text=sentence(span).text.strip())))
        flagged = {f.start for f in findings}
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "alarm") and not any(
                    sent.start_char <= s < sent.end_char for s in flagged):
                findings.append(self.finding(doc, "catastrophising", sent, text=sent.text.strip()))
        return findings, self.score(findings)

    def _shouted(self, token: Token) -> bool:
        text = token.text
        if not text.isalpha() or not text.isupper() or text in self.acronyms:
            return False
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if text in self.status_labels and nxt is not None and nxt.text in (":", "-", "—"):
            return False
        if len(text) <= 3 and token.ent_type_ in ("ORG", "PRODUCT", "GPE", "NORP", "FAC"):
            return False
        return len(text) >= 2

    def shouting(self, doc: Doc) -> list[Span]:
        """Runs of shouted words; a lone short word counts only among lower-case words."""
        spans = []
        for sent in doc._.body_sents:
            run: list[Token] = []
            for token in list(body_tokens(sent)) + [None]:
                if token is not None and self._shouted(token):
                    run.append(token)
                    continue
                if token is not None and token.is_punct and run and token.text not in ".!?:":
                    continue
                if run:
                    caps_sentence = sum(t.text.isupper() for t in sent if t.is_alpha) > 0.6 * max(1, sum(t.is_alpha for t in sent))
                    if len(run) >= 2 or len(run[0]) >= 4 or caps_sentence or run[0].text in ("NOT", "ALL", "NOW", "SO"):
                        spans.append(doc[run[0].i:run[-1].i + 1])
                    run = []
        return spans
