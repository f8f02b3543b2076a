"""names: no individual named in connection with the mistake, the writer included."""
from __future__ import annotations

from spacy.tokens import Doc

from drafter.criteria.base import Criterion
from drafter.report import Finding
from drafter.culprits import Culprit, named_culprits, people_acting_in
from drafter.signals import cues, sentence
from drafter.suggest import collective_sentence, suggestion_for
from drafter.verdicts import NO_EVIDENCE

#: The evidence score from which a sentence, were it the whole draft, would fail names by the evidence
#: head's own logit; a draft's pooled evidence (log-sum-exp) is never below its strongest sentence.
#: Not tuned: zero is the head's own boundary.
FAILS_ALONE = 0.0


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
            findings.append(self.blamed_person(doc, culprit))

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

    def blamed_person(self, doc: Doc, culprit: Culprit) -> Finding:
        return self.finding(
            doc, "blamed-person", culprit.span, name=culprit.span.text,
            suggestion=suggestion_for(doc, self.id, "blamed-person", culprit.span,
                                      collective=collective_sentence(sentence(culprit.span), culprit.person)),
        )

    def assess(self, doc: Doc) -> tuple[list[Finding], int]:
        """The verdict as every criterion reaches it; then, in a draft that fails, the people acting in
        each sentence the evidence head reads as failing the draft on its own. The rules see a person
        only in the constructions they parse ("Priya sent the wrong file"); a draft that names one
        culprit often names a second in wording they do not ("the review, which was Jakob's call this
        week, let it through"), and a sentence-wide model finding does not say whom to leave out."""
        findings, score = super().assess(doc)
        if self.verdict(findings, score) != "fail" or doc._.evidence is None:
            return findings, score
        covered = [(f.start, f.end) for f in findings if f.rule != f"{self.id}/model"]
        added = []
        for sent, evidence in zip(doc._.body_sents, doc._.evidence):
            if evidence.get(self.id, NO_EVIDENCE) < FAILS_ALONE:
                continue
            for culprit in people_acting_in(sent):
                span = culprit.span
                if not any(start < span.end_char and span.start_char < end for start, end in covered):
                    added.append(self.blamed_person(doc, culprit))
                    covered.append((span.start_char, span.end_char))
        if not added:
            return findings, score
        # A sentence-wide model finding gives way to the names it holds.
        findings = [f for f in findings if not (f.rule == f"{self.id}/model"
                                                and any(f.start <= a.start and a.end <= f.end for a in added))]
        findings = findings + added
        return findings, self.score(findings)
