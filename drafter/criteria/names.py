"""names: no individual named in connection with the mistake, the writer included."""
from __future__ import annotations

from spacy.tokens import Doc

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.culprits import named_culprits, people_acting_in
from drafter.signals import cues, sentence
from drafter.suggest import collective_sentence, suggestion_for



class Names(Criterion):
    id = "names"
    model_roles = ("self_singling", "blame_other")

    def check(self, doc: Doc) -> tuple[list[Finding], int]:
        findings: list[Finding] = []

        culprits = list(named_culprits(doc))
        # Paraphrased blame the rules miss: a named person acting in a sentence the model reads as blame.
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "blame_other"):
                culprits += [c for c in people_acting_in(sent) if not any(c.person.i == k.person.i for k in culprits)]
        for culprit in culprits:
            if self.model_doubts(doc, sentence(culprit.span), ("blame_other", "self_singling", "how_it_happened")):
                continue
            findings.append(self.finding(
                doc, "blamed-person", culprit.span, name=culprit.span.text,
                suggestion=suggestion_for(doc, self.id, "blamed-person", culprit.span,
                                          collective=collective_sentence(sentence(culprit.span), culprit.person)),
            ))

        singling = cues(doc, "SELF_SINGLING")
        seen_sents: set[int] = set()
        for span in sorted(singling, key=lambda s: s.start):
            if sentence(span).start in seen_sents:
                continue
            seen_sents.add(sentence(span).start)
            first_person = next((t for t in span if t.lower_ in ("i", "my", "me")), span[0])
            findings.append(self.finding(
                doc, "self-singling", span,
                suggestion=suggestion_for(doc, self.id, "self-singling", span,
                                          collective=collective_sentence(sentence(span), first_person)),
            ))
        for sent in doc._.body_sents:
            if self.model_says(doc, sent, "self_singling") and sent.start not in seen_sents:
                findings.append(self.finding(doc, "self-singling", sent))
        return findings, self.score(findings)
